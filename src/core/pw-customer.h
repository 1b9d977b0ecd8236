/* pw-customer.h — customers, prospects, viewings, quotes and their approvals
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_LEASING_ERROR (pw_leasing_error_quark ())

typedef enum {
  PW_LEASING_ERROR_WRONG_STATUS,  /* the quote's status does not allow this (edit after submit…) */
  PW_LEASING_ERROR_NOT_YOUR_TURN, /* an approval of a lower level is still pending */
  PW_LEASING_ERROR_NO_APPROVAL,   /* the quote has no pending approval for that role */
  PW_LEASING_ERROR_IN_USE,        /* a record others refer to cannot be removed */
} PwLeasingError;

GQuark        pw_leasing_error_quark       (void);

/* The ledger's validator (pw_ledger_attach) hands these records here:
 * customer, contact, prospect, viewing, quote, approval_rule, approval.
 * Refuses with PW_LEDGER_ERROR_INVALID_FIELD and a message naming the field;
 * TRUE for any other entity. A customer's USCC is never refused here: see
 * pw_customer_add(). */
gboolean      pw_customer_validate         (PwStore      *store,
                                            const char   *entity,
                                            JsonObject   *row,
                                            JsonObject   *before,
                                            GError      **error);

/* A park's optional list_price and floor_price (per m² per month): positive
 * decimals, the floor not above the list. The ledger calls it for a park. */
gboolean      pw_park_validate_prices      (JsonObject   *row,
                                            GError      **error);

/* ---- decimals --------------------------------------------------------------
 * Rents, prices, percentages and thresholds are decimal text: an optional
 * '-', digits, and at most four places ("3.2", "3.3600", "-5"). Arithmetic is
 * on integers of ten-thousandths; nothing here uses floating point. */

/* Reads @text into ten-thousandths (magnitude below 10¹¹, i.e. 10,000,000).
 * FALSE with PW_LEDGER_ERROR_INVALID_FIELD naming @field otherwise. */
gboolean      pw_leasing_decimal_parse     (const char   *text,
                                            const char   *field,
                                            gint64       *out,
                                            GError      **error);
/* @value (ten-thousandths) as text with at least @min_places places and
 * trailing zeros beyond them dropped: (32000, 2) → "3.20". */
char         *pw_leasing_decimal_format    (gint64        value,
                                            int           min_places);
/* (list − unit) ÷ list × 100, rounded half-up (away from zero) to two places:
 * ("2.8", "3.2") → "12.50". NULL with @error for bad text or a list price
 * that is not positive. */
char         *pw_quote_compute_discount    (const char   *unit_rent,
                                            const char   *list_price,
                                            GError      **error);

/* ---- customers --------------------------------------------------------------
 * @fields use the table's column names: kind ("company", "person"), name,
 * uscc, industry, tags (a JSON array of strings as text), risk_level ("low",
 * "medium", "high" or null), notes. The USCC is normalised (spaces and
 * hyphens dropped, upper case); one that fails GB 32100 is still written, and
 * *@warning (may be NULL) receives the translated reason, also for a legacy ID;
 * NULL when the code is valid or absent. Each call is one transaction. */
char         *pw_customer_add              (PwStore      *store,
                                            const char   *park_id,
                                            JsonObject   *fields,
                                            char        **warning,
                                            GError      **error);
gboolean      pw_customer_update           (PwStore      *store,
                                            const char   *id,
                                            gint64        base_version,
                                            JsonObject   *fields,
                                            char        **warning,
                                            GError      **error);
/* Every customer of @park_id (NULL: every park) by name: rows of the customer
 * table plus "contacts", an array of the customer's contact rows. */
GPtrArray    *pw_customer_list             (PwStore      *store,
                                            const char   *park_id,
                                            GError      **error);

/* @fields: name, role, phone, email. */
char         *pw_contact_add               (PwStore      *store,
                                            const char   *customer_id,
                                            JsonObject   *fields,
                                            GError      **error);
/* Changes the contact's name, role, phone or email (not its customer). */
gboolean      pw_contact_update            (PwStore      *store,
                                            const char   *id,
                                            gint64        base_version,
                                            JsonObject   *fields,
                                            GError      **error);
gboolean      pw_contact_remove            (PwStore      *store,
                                            const char   *id,
                                            gint64        base_version,
                                            GError      **error);

/* A park's list and floor prices (decimal text per m² per month; NULL or ""
 * clears one), checked by pw_park_validate_prices(); one park update. */
gboolean      pw_park_set_prices           (PwStore      *store,
                                            const char   *park_id,
                                            const char   *list_price,
                                            const char   *floor_price,
                                            GError      **error);

/* ---- prospects, viewings ---------------------------------------------------- */

/* @fields: customer_id (may be absent), name, source, stage, agent, notes. */
char         *pw_prospect_add              (PwStore      *store,
                                            const char   *park_id,
                                            JsonObject   *fields,
                                            GError      **error);
/* Changes the prospect's customer_id, name, source, stage, agent or notes
 * (not its park). */
gboolean      pw_prospect_update           (PwStore      *store,
                                            const char   *id,
                                            gint64        base_version,
                                            JsonObject   *fields,
                                            GError      **error);
/* Every prospect of @park_id (NULL: every park) by name: rows of the prospect
 * table plus "customer_name" (null without a customer). */
GPtrArray    *pw_prospect_list             (PwStore      *store,
                                            const char   *park_id,
                                            GError      **error);
/* The prospect's viewings, newest first: rows of the viewing table. */
GPtrArray    *pw_viewing_list              (PwStore      *store,
                                            const char   *prospect_id,
                                            GError      **error);
/* A viewing on @date of the spaces @space_ids (NULL-terminated ids); a
 * prospect still at "lead" moves to "viewing" in the same transaction. */
char         *pw_viewing_add               (PwStore      *store,
                                            const char   *prospect_id,
                                            const char   *date,
                                            const char   *agent,
                                            const char *const *space_ids,
                                            const char   *notes,
                                            GError      **error);

/* ---- quotes and approvals ------------------------------------------------- */

/* A draft quote for @space_ids at @unit_rent against @list_price (decimal
 * text per m² per month), its discount computed; a prospect at "lead" or
 * "viewing" moves to "quoted" in the same transaction. */
char         *pw_quote_add                 (PwStore      *store,
                                            const char   *prospect_id,
                                            const char *const *space_ids,
                                            const char   *unit_rent,
                                            gint64        rent_free_months,
                                            gint64        term_months,
                                            const char   *list_price,
                                            GError      **error);
/* Changes a draft's spaces, unit_rent, list_price, rent_free_months or
 * term_months; the discount follows. Any other status: WRONG_STATUS. */
gboolean      pw_quote_update              (PwStore      *store,
                                            const char   *id,
                                            gint64        base_version,
                                            JsonObject   *fields,
                                            GError      **error);
/* Submits a draft: every rule of the park whose metric the quote exceeds
 * (strictly, compared exactly) asks its role for a pending approval, one per
 * role at the lowest level that asks for it. With none the quote is approved
 * at once. One transaction; *@n_approvals (may be NULL) gets the count. */
gboolean      pw_quote_submit              (PwStore      *store,
                                            const char   *quote_id,
                                            guint        *n_approvals,
                                            GError      **error);
/* Decides the pending approval of @role (NULL: the lowest pending level) on a
 * submitted quote, as the store's actor, with @comment (required to reject).
 * Lower levels decide first (NOT_YOUR_TURN). The quote becomes approved when
 * every approval is, rejected as soon as one is; one transaction. */
gboolean      pw_quote_decide              (PwStore      *store,
                                            const char   *quote_id,
                                            const char   *role,
                                            gboolean      approve,
                                            const char   *comment,
                                            GError      **error);
/* Whether a lease may be made from @quote (a row of the quote table): once it is
 * approved, every approval its park's rules asked for given (docs/approvals.md). */
gboolean      pw_quote_can_lease           (JsonObject   *quote);
/* The prospect's quotes, newest first: rows of the quote table. */
GPtrArray    *pw_quote_list                (PwStore      *store,
                                            const char   *prospect_id,
                                            GError      **error);
/* The contracts made from the quote, oldest first: objects with id, code and
 * status. */
GPtrArray    *pw_quote_list_contracts      (PwStore      *store,
                                            const char   *quote_id,
                                            GError      **error);
/* The approvals submitting the quote asks for under its park's rules as they
 * are now, as pw_quote_submit() would write them: objects with rule_id,
 * approver_role and level, by level. Empty when none is needed. */
GPtrArray    *pw_quote_required_approvals  (PwStore      *store,
                                            const char   *quote_id,
                                            GError      **error);
/* Whether terms exceed a rule's @metric ("discount_pct", "rent_free_months") above
 * @threshold (ten-thousandths), compared exactly. */
typedef gboolean (*PwApprovalExceedsFunc) (const char *metric,
                                           gint64      threshold,
                                           gpointer    user_data);
/* The one approval rule of quotes and contracts (docs/approvals.md): every rule of
 * @park_id whose metric the terms exceed asks its role, one approval per role at
 * the lowest level that asks for it; objects with rule_id, approver_role and
 * level, by level. Empty when none is needed. */
GPtrArray    *pw_approval_needs            (PwStore      *store,
                                            const char   *park_id,
                                            PwApprovalExceedsFunc exceeds,
                                            gpointer      user_data,
                                            GError      **error);
/* The approvals kept on @row (a contract or a credit note) in its "approvals" member,
 * a JSON array (none when empty); NULL with a field error on "approvals" when they
 * are not a list of objects that each name an approver role and its decision. */
JsonArray    *pw_approvals_parse           (JsonObject   *row,
                                            GError      **error);
/* Whether @approvals (from pw_approvals_parse()) hold @role's approval. */
gboolean      pw_approvals_given           (JsonArray    *approvals,
                                            const char   *role);
/* The role of the first of @needs (from pw_approval_needs()) whose approval
 * @approvals do not hold, or NULL when each is given. */
const char   *pw_approvals_missing         (GPtrArray    *needs,
                                            JsonArray    *approvals);
/* The quote's approvals by level: rows of the approval table. */
GPtrArray    *pw_quote_list_approvals      (PwStore      *store,
                                            const char   *quote_id,
                                            GError      **error);

/* A rule of @park_id: @metric ("discount_pct", "rent_free_months") above
 * @threshold (decimal text) needs @approver_role ("asset_manager",
 * "general_manager") at @level (1 first). */
char         *pw_approval_rule_add         (PwStore      *store,
                                            const char   *park_id,
                                            const char   *metric,
                                            const char   *threshold,
                                            const char   *approver_role,
                                            gint64        level,
                                            GError      **error);
GPtrArray    *pw_approval_rule_list        (PwStore      *store,
                                            const char   *park_id,
                                            GError      **error);
/* Changes a rule's metric, threshold, approver_role or level; approvals
 * already asked for keep theirs. */
gboolean      pw_approval_rule_update      (PwStore      *store,
                                            const char   *id,
                                            gint64        base_version,
                                            JsonObject   *fields,
                                            GError      **error);
/* Removes a rule no approval was asked under (IN_USE otherwise). */
gboolean      pw_approval_rule_remove      (PwStore      *store,
                                            const char   *id,
                                            gint64        base_version,
                                            GError      **error);

/* ---- lists kept as text ----------------------------------------------------- */

/* A JSON array of text (tags, space ids) as its items; empty for bad text. */
GStrv         pw_leasing_strv_from_json    (const char   *text);
char         *pw_leasing_strv_to_json      (const char *const *items);
/* "anchor, export" → ["anchor","export"]; commas of either width separate. */
char         *pw_leasing_tags_to_json      (const char   *text);
/* Space codes of @park_id as people type them (separated by commas or blanks,
 * in any case) → their ids; NULL with PW_LEDGER_ERROR_INVALID_FIELD naming
 * @field for the first code the park does not have. */
GStrv         pw_leasing_space_ids_from_codes (PwStore    *store,
                                               const char *park_id,
                                               const char *codes,
                                               const char *field,
                                               GError    **error);
/* The codes of @space_ids joined by ", " (an unknown id as it is). */
char         *pw_leasing_space_codes       (PwStore      *store,
                                            const char *const *space_ids);

/* Translated labels of the stored words ("asset_manager" → "Asset manager"…);
 * an unknown word is returned as it is. */
const char   *pw_leasing_label             (const char   *word);

G_END_DECLS
