/* pw-bill-run.h — bill runs (出账): schedule lines into bills (docs/billing.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pw-bill.h"
#include "pw-store.h"

G_BEGIN_DECLS

/* What a run is restricted to; each NULL or empty means "all". Buildings and
 * charges by code, customers by id or name. */
typedef struct
{
  char **buildings;
  char **customers;
  char **charges;
} PwBillRunFilter;

/* One line of a bill, from a schedule line ("schedule:<id>") or an adjustment
 * ("adjust:<contract version id>:<original source>"). */
typedef struct
{
  char   *source;
  char   *origin;        /* the schedule source the line bills or adjusts */
  char   *contract_id;
  char   *contract_code;
  gint64  contract_version; /* the contract's current version (number) */
  char   *charge;
  char   *kind;          /* charge, credit, deposit, penalty */
  char   *period_start;
  char   *period_end;
  char   *bill_date;
  char   *due_date;
  gint64  net, tax, gross;
  char   *tax_rate;      /* decimal text, "0.09"; "" when the line does not say */
  char   *explanation;
  gboolean adjustment;
} PwBillRunLine;

/* One bill: a customer, a seller and a due date. */
typedef struct
{
  char      *number;       /* NULL in a preview */
  char      *id;           /* NULL in a preview */
  char      *customer_id;
  char      *customer_name;
  char      *seller;
  char      *seller_name;
  char      *bill_date;    /* the earliest bill date of its lines */
  char      *due_date;
  gint64     net, tax, gross;
  GPtrArray *lines;        /* PwBillRunLine */
} PwBillRunBill;

/* The lines of one charge code and tax rate, added up. */
typedef struct
{
  char   *charge;
  char   *tax_rate;
  guint   n_lines;
  gint64  net, tax, gross;
} PwBillRunTotal;

/* Something that keeps lines out of the run until it is put right. */
typedef struct
{
  char *what;           /* "no_customer", "unknown_seller", "no_tax_rate" */
  char *contract_code;  /* "" when it is not about a contract */
  char *source;         /* the line it is about, or "" */
  char *message;        /* translated, says what and where */
} PwBillRunProblem;

typedef struct
{
  char      *park_id;
  char      *park_code;
  char      *currency;
  char      *period;           /* YYYY-MM */
  char      *run_id;           /* NULL in a preview, or when a post wrote nothing */
  GPtrArray *bills;            /* PwBillRunBill, by customer, seller and due date */
  GPtrArray *totals;           /* PwBillRunTotal, by charge and tax rate */
  GPtrArray *problems;         /* PwBillRunProblem */
  guint      n_already_billed; /* schedule lines of the period billed by earlier runs */
  gint64     net, tax, gross;
} PwBillRun;

void        pw_bill_run_free    (PwBillRun              *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwBillRun, pw_bill_run_free)

/* What a run of @park_id over @period ("2026-12") would bill, writing nothing:
 * every bill with its lines, the totals per charge and tax rate, the problems,
 * and how many lines earlier runs billed already. @filter may be NULL. */
PwBillRun  *pw_bill_run_preview (PwStore                *store,
                                 const char             *park_id,
                                 const char             *period,
                                 const PwBillRunFilter  *filter,
                                 GError                **error);

/* The same, written in one transaction through the mutation path: the run, its
 * bills numbered without gaps, their lines. A run that finds nothing new writes
 * nothing (run_id NULL, no bills) and succeeds. */
PwBillRun  *pw_bill_run_post    (PwStore                *store,
                                 const char             *park_id,
                                 const char             *period,
                                 const PwBillRunFilter  *filter,
                                 GError                **error);

/* The run as JSON: {park, period, run_id, currency, bills: [{…, lines: […]}],
 * totals, problems, already_billed, net, tax, gross}. */
JsonNode   *pw_bill_run_to_json (const PwBillRun        *run);

G_END_DECLS
