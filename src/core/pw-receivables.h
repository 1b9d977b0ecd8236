/* pw-receivables.h — payments and their allocation, the customer ledger and ageing,
 * credit notes and waivers, late fees (docs/receivables.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_RECEIVABLES_ERROR (pw_receivables_error_quark ())

typedef enum {
  PW_RECEIVABLES_ERROR_NOT_FOUND,    /* no such customer, bill, payment or credit note */
  PW_RECEIVABLES_ERROR_STATUS,       /* the record is not in a state that allows it */
  PW_RECEIVABLES_ERROR_OVER,         /* more than what remains of a line */
  PW_RECEIVABLES_ERROR_INPUT,        /* an argument is not valid (a date, an amount) */
  PW_RECEIVABLES_ERROR_NOT_YOUR_TURN,/* the role does not decide now */
} PwReceivablesError;

GQuark        pw_receivables_error_quark (void);

/* The validator of payment, allocation and credit_note records and of the park's
 * allocation_order (pw_ledger_attach() chains it). TRUE for other records. */
gboolean      pw_receivables_validate    (PwStore      *store,
                                          const char   *entity,
                                          JsonObject   *row,
                                          JsonObject   *before,
                                          GError      **error);

/* ---- payments (pw-payment.c) ------------------------------------------------------ */

typedef struct
{
  const char        *customer;     /* id or exact name */
  const char        *paid_on;      /* YYYY-MM-DD */
  gint64             amount;       /* minor units, > 0 */
  const char        *method;       /* cash, cheque, pos, transfer, online */
  const char        *reference;    /* may be NULL */
  const char *const *designation;  /* bill numbers the payer named, in order; may be NULL */
  const char        *note;         /* may be NULL */
} PwPaymentInput;

/* Records a payment of @park_id (NULL: the first park) and allocates it (E26,
 * docs/receivables.md "Allocation") in one transaction. Returns the payment's id. */
char         *pw_payment_add             (PwStore              *store,
                                          const char           *park_id,
                                          const PwPaymentInput *input,
                                          GError              **error);
/* Allocates what is unapplied of the payment @id (after an un-allocation, or an
 * over-payment once new bills exist) as pw_payment_add() does. */
gboolean      pw_payment_allocate        (PwStore              *store,
                                          const char           *id,
                                          GError              **error);
/* Cancels every allocation of the payment @id; the payment stays, unapplied. */
gboolean      pw_payment_unallocate      (PwStore              *store,
                                          const char           *id,
                                          GError              **error);
/* Undoes the payment @id: its allocations are cancelled and it counts no more. */
gboolean      pw_payment_undo            (PwStore              *store,
                                          const char           *id,
                                          GError              **error);
/* One payment with "allocations" (bill number, line, charge, amount) and "unapplied". */
JsonObject   *pw_payment_find            (PwStore              *store,
                                          const char           *id,
                                          GError              **error);
/* The payments of @park_id (NULL: the first park), of @customer (id or name) when not
 * NULL, oldest first, each with "customer_name", "allocated" and "unapplied". */
GPtrArray    *pw_payment_list            (PwStore              *store,
                                          const char           *park_id,
                                          const char           *customer,
                                          GError              **error);
/* The customer's id for @customer (an id or an exact name) in @park_id. */
char         *pw_receivables_customer_id (PwStore              *store,
                                          const char           *park_id,
                                          const char           *customer,
                                          GError              **error);

/* ---- the ledger and ageing (pw-receivables-ledger.c) ----------------------------- */

/* The customer's ledger: {customer_id, customer_name, currency, entries: [{date, kind
 * (bill, late_fee, credit, waiver, payment), reference, amount, balance}], bills,
 * credits, payments, balance, unapplied}; balance = bills − credits − payments. */
JsonObject   *pw_receivables_ledger      (PwStore              *store,
                                          const char           *park_id,
                                          const char           *customer,
                                          GError              **error);

/* The buckets of ageing: current (not yet due), 1–30, 31–60, 61–90, over 90 days. */
#define PW_AGEING_BUCKETS 5

/* What is open as of @as_of (YYYY-MM-DD) by @by ("customer", "building" or "charge"):
 * {as_of, by, currency, rows: [{key, name, buckets: [5], total}], totals: [5], total}. */
JsonObject   *pw_receivables_ageing      (PwStore              *store,
                                          const char           *park_id,
                                          const char           *as_of,
                                          const char           *by,
                                          GError              **error);
/* The bills behind one cell of the ageing: those with something open as of @as_of
 * whose @by is @key and whose age falls in @bucket (0–4; -1: any). An array of
 * {number, customer_name, due_date, days, open, lines: [...]}. */
JsonArray    *pw_receivables_ageing_bills (PwStore             *store,
                                          const char           *park_id,
                                          const char           *as_of,
                                          const char           *by,
                                          const char           *key,
                                          int                   bucket,
                                          GError              **error);
/* The bucket (0–4) of a due date @days_overdue days before the date of the ageing. */
int           pw_ageing_bucket           (gint64                days_overdue);

/* ---- statements (pw-receivables-statement.c) --------------------------------------- */

/* The dates of a statement: @to (NULL: today), @from (NULL: the day after @to a year
 * before) and @as_of (NULL: @to), checked (the error names the field) and from ≤ to. */
gboolean      pw_statement_period        (const char           *from,
                                          const char           *to,
                                          const char           *as_of,
                                          char                **out_from,
                                          char                **out_to,
                                          char                **out_as_of,
                                          GError              **error);
/* The statement (对账单) of @customer (id or exact name) from @from to @to, its ageing
 * as of @as_of (dates as pw_statement_period() takes them): {customer_id, customer_name,
 * currency, from, to, as_of, sections: [{seller, seller_name, opening, entries: [{date,
 * kind, reference, detail, amount, balance}], bills, credits, payments, closing,
 * ageing: [5], open}], opening, bills, credits, payments, closing, ageing: [5], open,
 * active}; one section per seller (seller "": payments not allocated when the customer
 * has several sellers); closing = opening + bills − credits − payments
 * (docs/receivables.md, "Statements"). */
JsonObject   *pw_receivables_statement   (PwStore              *store,
                                          const char           *park_id,
                                          const char           *customer,
                                          const char           *from,
                                          const char           *to,
                                          const char           *as_of,
                                          GError              **error);
/* The ids of the customers of @park_id with a bill or payment dated @to or before, by
 * name: those a batch of statements may concern (each says whether it is "active"). */
GPtrArray    *pw_receivables_statement_customers (PwStore      *store,
                                          const char           *park_id,
                                          const char           *to,
                                          GError              **error);

/* ---- credit notes and waivers (pw-credit-note.c) ----------------------------------- */

/* A credit note (kind "credit") or waiver ("waiver") of @gross (minor units; 0: all
 * that remains) against the bill line @line_id of a released or sent bill, with
 * @reason, dated @issued_on (NULL: today). Above the park's credit_amount approval
 * rules it waits for approval (status pending); otherwise it is approved at once. Its
 * number is written into *@number (may be NULL). */
char         *pw_credit_note_add         (PwStore              *store,
                                          const char           *line_id,
                                          const char           *kind,
                                          gint64                gross,
                                          const char           *reason,
                                          const char           *issued_on,
                                          char                **number,
                                          GError              **error);
/* Credits (kind "credit" or "waiver") what remains of each of the bill lines @line_ids
 * (NULL-terminated; lines with nothing left are passed over), one note per line, in
 * one transaction. The park's approval amount is compared with the total, so each
 * note waits for approval when the whole credit is above it. Returns the notes'
 * numbers. */
GPtrArray    *pw_credit_note_add_whole   (PwStore              *store,
                                          const char *const    *line_ids,
                                          const char           *kind,
                                          const char           *reason,
                                          const char           *issued_on,
                                          GError              **error);
/* Decides the credit note @number as @role (NULL: the role of the lowest pending
 * level), as the store's actor: approved once each approval is given, rejected at
 * once (@comment required). @approval_ref may be NULL. */
gboolean      pw_credit_note_decide      (PwStore              *store,
                                          const char           *park_id,
                                          const char           *number,
                                          const char           *role,
                                          gboolean              approve,
                                          const char           *comment,
                                          const char           *approval_ref,
                                          GError              **error);
/* The credit notes of @park_id, by number; each with bill_number, customer_name, charge. */
GPtrArray    *pw_credit_note_list        (PwStore              *store,
                                          const char           *park_id,
                                          GError              **error);
/* What can still be credited on the bill line @line_id: its gross less the credit
 * notes that are not rejected. */
gint64        pw_credit_note_remainder   (PwStore              *store,
                                          const char           *line_id,
                                          GError              **error);
/* The bill line @index (1-based, in pw_bill_find()'s order) of bill @number. */
char         *pw_receivables_line_id     (PwStore              *store,
                                          const char           *park_id,
                                          const char           *number,
                                          guint                 index,
                                          GError              **error);

/* ---- late fees (pw-late-fee.c) ------------------------------------------------------- */

/* A fee's working for one bill line: principal paid on dates, daily rate, grace, cap. */
typedef struct
{
  const char *due_date;          /* YYYY-MM-DD */
  gint64      principal;         /* minor units owed on the due date */
  const char *daily_rate;        /* decimal text, "0.0005" */
  guint       grace_days;
  const char *cap;               /* "none", "principal" or a percent of the principal */
  const char *through;           /* YYYY-MM-DD: the last day counted */
  guint       n_settlements;
  const char *const *settled_on; /* dates of payments and credits, any order */
  const gint64 *settled;         /* their amounts */
} PwLateFeeInput;

/* The late fee (E24) in minor units, rounded half up once; *@days_late gets the
 * days counted for the principal still open on @through (may be NULL). */
gboolean      pw_late_fee_compute        (const PwLateFeeInput *input,
                                          gint64               *fee,
                                          gint64               *days_late,
                                          GError              **error);
/* The late fees owed as of @as_of on the lines of released and sent bills, less
 * what bill runs billed already: an array of {bill_number, line_id, customer_name,
 * contract_code, charge, due_date, principal, open, days_late, fee, billed, to_bill,
 * net, tax, tax_rate, explanation}. */
JsonArray    *pw_late_fee_preview        (PwStore              *store,
                                          const char           *park_id,
                                          const char           *as_of,
                                          GError              **error);

G_END_DECLS
