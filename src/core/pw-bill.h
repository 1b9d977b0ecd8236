/* pw-bill.h — bills and their lines: statuses, numbers, queries (docs/billing.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_BILL_ERROR (pw_bill_error_quark ())

typedef enum {
  PW_BILL_ERROR_NOT_FOUND,  /* no bill with that number in the park */
  PW_BILL_ERROR_STATUS,     /* the bill cannot move to that status from where it is */
  PW_BILL_ERROR_PERIOD,     /* a billing period is not of the form YYYY-MM */
  PW_BILL_ERROR_PARK,       /* no such park */
} PwBillError;

GQuark pw_bill_error_quark (void);

/* A bill's status (docs/billing.md, "Statuses"): posted as a draft, held or released,
 * then sent; a draft, held or released bill may be cancelled; a sent one is corrected
 * only by a credit note. */
typedef enum {
  PW_BILL_DRAFT,
  PW_BILL_HELD,
  PW_BILL_RELEASED,
  PW_BILL_SENT,
  PW_BILL_CANCELLED,
} PwBillStatus;

/* The prefix of a bill line's source for each kind of thing it bills. */
#define PW_BILL_SOURCE_SCHEDULE "schedule:"  /* schedule:<schedule line id> */
#define PW_BILL_SOURCE_ADJUST   "adjust:"    /* adjust:<contract version id>:<original source> */
#define PW_BILL_SOURCE_METER    "meter:"     /* reserved for metered charges */
#define PW_BILL_SOURCE_LATE     "late:"      /* late:<bill line id>:<through date> */
#define PW_BILL_SOURCE_METER_ADJ "meter-adj:" /* meter-adj:<charge key>@<correction id> */

/* The bill number pattern (pw-code-pattern.h); {park} is the park's code and the
 * seller's code joined by "-": "LSP-LL-B-2026-000123". */
#define PW_BILL_NUMBER_PATTERN "{park}-B-{year}-{seq:6}"

const char   *pw_bill_status_to_string   (PwBillStatus  status);
int           pw_bill_status_from_string (const char   *text);
/* The translated label ("Held") */
const char   *pw_bill_status_get_label   (PwBillStatus  status);
gboolean      pw_bill_status_can_become  (PwBillStatus  from,
                                          PwBillStatus  to);
/* Whether a payment notice (缴费通知单) may be printed for a bill in @status: any
 * bill that stands, that is, every status but cancelled (docs/billing.md). */
gboolean      pw_bill_status_has_notice  (PwBillStatus  status);

/* The next free number of a bill of @park_code and @seller dated @bill_date
 * (YYYY-MM-DD): one more than the highest of that park, seller and year, so the
 * numbers run without gaps. Call it inside the posting transaction. */
char         *pw_bill_next_number        (PwStore      *store,
                                          const char   *park_id,
                                          const char   *park_code,
                                          const char   *seller,
                                          const char   *bill_date,
                                          GError      **error);

/* The highest sequence number of bills of @park_code and @seller in @year (0 when
 * there is none; -1 with @error set), and the number of sequence @seq. */
gint64        pw_bill_highest_seq        (PwStore      *store,
                                          const char   *park_id,
                                          const char   *park_code,
                                          const char   *seller,
                                          int           year,
                                          GError      **error);
char         *pw_bill_number             (const char   *park_code,
                                          const char   *seller,
                                          int           year,
                                          guint         seq);
/* Whether @period is a billing period "YYYY-MM" */
gboolean      pw_bill_period_is_valid    (const char   *period);

/* The validator of bill_run, bill and bill_line records (pw_ledger_attach() chains
 * it): fields, statuses and what may change once a bill is sent. TRUE for other
 * kinds of record. */
gboolean      pw_bill_validate           (PwStore      *store,
                                          const char   *entity,
                                          JsonObject   *row,
                                          JsonObject   *before,
                                          GError      **error);

/* The bills of @park_id (NULL: the first park), by number; @period (YYYY-MM) and
 * @status narrow them when not NULL. An array of JSON objects (the bill's fields
 * and "customer_name"). */
GPtrArray    *pw_bill_list               (PwStore      *store,
                                          const char   *park_id,
                                          const char   *period,
                                          const char   *status,
                                          GError      **error);
/* One bill by its number, with "lines" (its bill lines, as JSON objects). */
JsonObject   *pw_bill_find               (PwStore      *store,
                                          const char   *park_id,
                                          const char   *number,
                                          GError      **error);

/* Moves the bill numbered @number to @status (held, released, sent or cancelled)
 * in one transaction; cancelling also frees its lines' sources. A refusal names
 * the bill and its status. */
gboolean      pw_bill_set_status         (PwStore      *store,
                                          const char   *park_id,
                                          const char   *number,
                                          PwBillStatus  status,
                                          GError      **error);

/* The park's id for @code (NULL: the first park) */
char         *pw_bill_park_id            (PwStore      *store,
                                          const char   *code,
                                          GError      **error);

G_END_DECLS
