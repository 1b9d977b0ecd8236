/* pw-quote.h — a quote made to a prospect, with what may be done with it now
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_QUOTE (pw_quote_get_type ())
G_DECLARE_FINAL_TYPE (PwQuote, pw_quote, PW, QUOTE, GObject)

/* A read-only snapshot built by core's queries; change the record through its
 * pw-customer.h mutation and list again. Properties have the getters' names
 * ("name", "stage-label", …) so list views sort, filter and bind by them. */
const char         *pw_quote_get_id               (PwQuote *self);
gint64              pw_quote_get_version          (PwQuote *self);
const char         *pw_quote_get_prospect_id      (PwQuote *self);
const char *const  *pw_quote_get_space_ids        (PwQuote *self);
const char         *pw_quote_get_unit_rent        (PwQuote *self);
const char         *pw_quote_get_list_price       (PwQuote *self);
const char         *pw_quote_get_discount_pct     (PwQuote *self);
gint64              pw_quote_get_rent_free_months (PwQuote *self);
gint64              pw_quote_get_term_months      (PwQuote *self);
const char         *pw_quote_get_status           (PwQuote *self);
const char         *pw_quote_get_status_label     (PwQuote *self);
const char         *pw_quote_get_created_at       (PwQuote *self);
/* What may be done with the quote now (docs/approvals.md): a draft is edited
 * and submitted; a submitted quote is approved or rejected; a lease is made
 * from an approved one (pw_quote_can_lease()). */
gboolean            pw_quote_get_can_edit         (PwQuote *self);
gboolean            pw_quote_get_can_submit       (PwQuote *self);
gboolean            pw_quote_get_can_decide       (PwQuote *self);
gboolean            pw_quote_get_can_lease        (PwQuote *self);

/* Built by pw_quote_list_records() from a row of the quote table. */
PwQuote     *pw_quote_new_from_row (JsonObject *row);

/* The prospect's quotes, newest first: a new list of PwQuote, or NULL with
 * @error. */
GListStore  *pw_quote_list_records (PwStore    *store,
                                    const char *prospect_id,
                                    GError    **error);
/* One quote as it is now, or NULL with @error (PW_STORE_ERROR_NOT_FOUND…). */
PwQuote     *pw_quote_load         (PwStore    *store,
                                    const char *quote_id,
                                    GError    **error);

G_END_DECLS
