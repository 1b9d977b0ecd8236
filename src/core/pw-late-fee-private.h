/* pw-late-fee-private.h — the late fees owed, for the preview and the bill run
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-receivables.h"

G_BEGIN_DECLS

/* The late fee of one principal line to a date (docs/receivables.md, "Late fees") */
typedef struct
{
  char   *line_id;
  char   *bill_number;
  char   *customer_id;
  char   *customer_name;
  char   *seller;
  char   *seller_name;
  char   *contract_id;
  char   *contract_code;
  char   *charge;          /* the underlying line's */
  char   *building;
  char   *bill_date;       /* the underlying bill's */
  char   *due_date;
  char   *first_late;      /* the first day late: due date + grace days + 1 */
  gint64  principal;
  gint64  open;            /* unpaid on the date */
  gint64  days_late;
  gint64  fee;             /* the whole fee to the date, capped */
  gint64  billed;          /* by earlier runs */
  gint64  to_bill;         /* fee − billed, never below 0 */
  gint64  net, tax;        /* of to_bill, at the line's rate */
  char   *tax_rate;
  char   *explanation;
} PwLateFeeLine;

void       pw_late_fee_line_free (gpointer     data);
/* The fees of the park's principal lines of released and sent bills, counted to
 * @through: PwLateFeeLine, those with a fee only. */
GPtrArray *pw_late_fee_collect   (PwStore     *store,
                                  const char  *park_id,
                                  const char  *through,
                                  GError     **error);

G_END_DECLS
