/* pw-bill-record.h — one bill as lists show it: number, customer, dates, amount and
 * status, read by one core query (docs/billing.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pw-bill.h"
#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_BILL_RECORD (pw_bill_record_get_type ())
G_DECLARE_FINAL_TYPE (PwBillRecord, pw_bill_record, PW, BILL_RECORD, GObject)

/* Properties: "id", "number", "customer-id", "customer-name", "seller",
 * "seller-name", "period", "bill-date", "due-date", "currency", "net", "tax",
 * "gross" (gint64 minor units), "status" (PwBillStatus as int), "status-label". */
const char    *pw_bill_record_get_id            (PwBillRecord *self);
const char    *pw_bill_record_get_number        (PwBillRecord *self);
const char    *pw_bill_record_get_customer_id   (PwBillRecord *self);
const char    *pw_bill_record_get_customer_name (PwBillRecord *self);
const char    *pw_bill_record_get_seller        (PwBillRecord *self);
const char    *pw_bill_record_get_seller_name   (PwBillRecord *self);
const char    *pw_bill_record_get_period        (PwBillRecord *self);
const char    *pw_bill_record_get_bill_date     (PwBillRecord *self);
const char    *pw_bill_record_get_due_date      (PwBillRecord *self);
const char    *pw_bill_record_get_currency      (PwBillRecord *self);
gint64         pw_bill_record_get_net           (PwBillRecord *self);
gint64         pw_bill_record_get_tax           (PwBillRecord *self);
gint64         pw_bill_record_get_gross         (PwBillRecord *self);
PwBillStatus   pw_bill_record_get_status        (PwBillRecord *self);
const char    *pw_bill_record_get_status_label  (PwBillRecord *self);

/* pw_bill_status_can_become() from its status. */
gboolean       pw_bill_record_can_become        (PwBillRecord *self,
                                                 PwBillStatus  status);
/* Whether a payment notice may be printed for it (pw_bill_status_has_notice()). */
gboolean       pw_bill_record_has_notice        (PwBillRecord *self);
/* Whether @needle (case-folded) is in its number, customer's or seller's name. */
gboolean       pw_bill_record_matches           (PwBillRecord *self,
                                                 const char   *needle);

/* The bills of @park_id (NULL: the first park) as pw_bill_list() selects them
 * (@period "YYYY-MM" and @status narrow them when not NULL), by number. A new
 * array of PwBillRecord, or NULL with @error set. */
GPtrArray     *pw_bill_records_load             (PwStore      *store,
                                                 const char   *park_id,
                                                 const char   *period,
                                                 const char   *status,
                                                 GError      **error);

G_END_DECLS
