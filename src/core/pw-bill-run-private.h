/* pw-bill-run-private.h — what the parts of a bill run share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-bill-run.h"

G_BEGIN_DECLS

/* A line found for the run, with the bill it goes to. */
typedef struct
{
  PwBillRunLine *line;
  char          *customer_id;
  char          *customer_name;
  char          *seller;
  char          *seller_name;
} PwBillRunFound;

typedef struct
{
  PwStore               *store;
  PwBillRun             *run;
  const PwBillRunFilter *filter;
  char                  *first_day;   /* of the period, YYYY-MM-DD */
  char                  *last_day;
  GPtrArray             *found;       /* PwBillRunFound */
  GHashTable            *problem_keys;
  GHashTable            *taken;       /* sources this run bills already */
} PwBillRunWork;

void     pw_bill_run_line_free    (gpointer data);
void     pw_bill_run_found_free   (gpointer data);
void     pw_bill_run_add_problem  (PwBillRunWork *work,
                                   const char    *what,
                                   const char    *contract_code,
                                   const char    *source,
                                   char          *message);
/* Whether @source is billed by a bill that is not cancelled, or by this run */
int      pw_bill_run_source_taken (PwBillRunWork *work,
                                   const char    *source,
                                   GError       **error);
/* The contract filter as SQL bound values: a JSON array's text or NULL */
char    *pw_bill_run_filter_json  (char         **values);

/* Adds the adjustment lines of billed schedule lines whose amount changed since
 * they were billed, or which are gone (pw-bill-run-adjust.c). */
gboolean pw_bill_run_find_adjustments (PwBillRunWork *work,
                                       GError       **error);
/* Adds the metered charges of the period's month (pw-bill-run-meter.c). */
gboolean pw_bill_run_collect_meters (PwBillRunWork *work,
                                     GError       **error);
/* Adds the late-fee lines owed up to the day before the period (pw-bill-run-late.c). */
gboolean pw_bill_run_find_late_fees (PwBillRunWork *work,
                                     GError       **error);
/* Collects, groups and adds up, writing nothing (pw-bill-run.c) */
gboolean pw_bill_run_compute      (PwBillRunWork *work,
                                   GError       **error);
PwBillRun *pw_bill_run_new_for   (const char    *park_id,
                                   const char    *period);
void     pw_bill_run_work_clear   (PwBillRunWork *work);

G_END_DECLS
