/* pw-credit-note.c — credit notes and waivers against billed lines (docs/receivables.md)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *   1. A credit note (红冲) or waiver (减免) names one line of a released or sent bill
 *      and never takes more than what remains of it: the line's gross less every credit
 *      note on it that is not rejected (a pending one holds its amount until decided).
 *   2. Its tax is split at the line's rate (F29: net = round(G ÷ (1 + r)), tax = G − net);
 *      the note that takes the last of a line takes the last of its net too, so the
 *      credits of a line never add up to more net or tax than the line.
 *   3. Above the park's approval rules of metric credit_amount (pw_approval_needs(), the
 *      rule quotes and contracts use) it waits, pending, for each role the rules ask,
 *      level by level; otherwise it is approved when written. Only an approved note
 *      counts in the ledger and ageing; a rejected one frees its amount.
 *   4. Numbers run per park and year without gaps ("LSP-CN-2026-000001"): the next is
 *      one more than the highest, read in the writing transaction.
 *   5. When an approved note leaves less owed on a line than payments were allocated to
 *      it, the newest allocations give the difference back to their payments, which
 *      keep it unapplied (the customer's credit).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "pw-bill.h"
#include "pw-customer.h"
#include "pw-date.h"
#include "pw-decimal.h"
#include "pw-money.h"
#include "pw-receivables-private.h"
#include "pw-row.h"
#include "pw-sql-json.h"

static const char *const kinds[] = { "credit", "waiver", NULL };
static const char *const statuses[] = { "pending", "approved", "rejected", NULL };

static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "pending") == 0)
    return C_("credit note", "Pending approval");
  if (g_strcmp0 (status, "approved") == 0)
    return C_("credit note", "Approved");
  if (g_strcmp0 (status, "rejected") == 0)
    return C_("credit note", "Rejected");
  return status;
}

static const char *
role_label (const char *role)
{
  if (g_strcmp0 (role, "asset_manager") == 0)
    return _("Asset manager");
  if (g_strcmp0 (role, "general_manager") == 0)
    return _("General manager");
  return role;
}

/* ---- approvals --------------------------------------------------------------------- */

typedef struct
{
  gint64 gross;   /* minor units */
  int    digits;  /* of the currency */
} CreditSize;

/* credit_amount thresholds are currency units in ten-thousandths */
static gboolean
credit_exceeds (const char *metric, gint64 threshold, gpointer user_data)
{
  const CreditSize *c = user_data;
  gint64 scaled = c->gross;

  if (g_strcmp0 (metric, "credit_amount") != 0)
    return FALSE;
  for (int i = c->digits; i < 4; i++)
    scaled *= 10;
  for (int i = 4; i < c->digits; i++)
    threshold *= 10;
  return scaled > threshold;
}

static GPtrArray *
needs_of (PwStore *store, const char *park_id, gint64 gross, GError **error)
{
  g_autofree char *currency = NULL;
  g_autofree char *park = pw_receivables_park (store, park_id, &currency, error);
  CreditSize size = { gross, 2 };

  if (park == NULL)
    return NULL;
  size.digits = MAX (pw_currency_minor_digits (currency), 0);
  return pw_approval_needs (store, park, credit_exceeds, &size, error);
}

/* ---- the validator -------------------------------------------------------------------- */

/* Each approval the park's rules ask of a note of @row's amount is given. */
static gboolean
check_approved (PwStore *store, JsonObject *row, JsonArray *approvals, GError **error)
{
  gint64 gross = 0;
  g_autoptr(GPtrArray) needs = NULL;
  const char *role;

  pw_row_int (row, "gross", &gross);
  needs = needs_of (store, pw_row_string (row, "park_id"), gross, error);
  if (needs == NULL)
    return FALSE;
  role = pw_approvals_missing (needs, approvals);
  if (role != NULL)
    /* Translators: a role such as General manager */
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status",
                               _("the credit note is above the park’s approval amount: the "
                                 "%s’s approval is not given"), role_label (role));
  return TRUE;
}

gboolean
pw_credit_note_validate (PwStore *store, JsonObject *row, JsonObject *before, GError **error)
{
  static const char *const free[] = { "status", "approvals", "approval_ref", "version",
                                      "created_at", "updated_at", NULL };
  const char *status = pw_row_string (row, "status");
  g_autoptr(JsonArray) approvals = NULL;
  gint64 gross = 0, net = 0, tax = 0, v = 0;

  if (!pw_row_require_word (row, "status", statuses, error)
      || !pw_row_require_text (row, "approval_ref", 200, TRUE, error)
      || (approvals = pw_approvals_parse (row, error)) == NULL)
    return FALSE;
  if (before != NULL)
    {
      const char *was = pw_row_string (before, "status");

      if (!pw_row_unchanged_but (row, before, free,
                                 _("a credit note changes only by its approval"), error))
        return FALSE;
      if (g_strcmp0 (was, "pending") != 0 && !json_node_equal (json_object_get_member (row, "approvals"),
                                                               json_object_get_member (before, "approvals")))
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "approvals", "%s",
                                   _("a credit note is decided only while it is pending"));
      if (g_strcmp0 (was, status) == 0)
        return TRUE;
      if (g_strcmp0 (was, "pending") != 0)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status",
                                   _("credit note %s was decided already"),
                                   pw_row_string (row, "number"));
      return g_strcmp0 (status, "approved") != 0 || check_approved (store, row, approvals, error);
    }

  if (!pw_row_require_text (row, "park_id", 64, FALSE, error)
      || !pw_row_require_text (row, "number", 64, FALSE, error)
      || !pw_row_require_text (row, "bill_line_id", 64, FALSE, error)
      || !pw_row_require_word (row, "kind", kinds, error)
      || !pw_row_require_text (row, "reason", 1000, FALSE, error)
      || !pw_row_require_date (row, "issued_on", FALSE, error))
    return FALSE;
  if (!pw_row_require_minor (row, "gross", &gross, error))
    return FALSE;
  if (!pw_row_int (row, "net", &net) || !pw_row_int (row, "tax", &tax) || net + tax != gross)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "gross",
                               _("must be the net amount plus the tax"));
  if (!pw_row_require_tax_rate (row, "tax_rate", error))
    return FALSE;
  if (g_strcmp0 (status, "rejected") == 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status",
                               _("a credit note is written pending or approved"));
  if (!pw_receivables_query_int (store,
        "SELECT count(*) FROM bill_line l JOIN bill b ON b.id = l.bill_id WHERE l.id = ?1"
        " AND b.park_id = ?2 AND l.cancelled = 0 AND b.status IN ('released', 'sent')",
        pw_row_string (row, "bill_line_id"), pw_row_string (row, "park_id"), &v, error))
    return FALSE;
  if (v == 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "bill_line_id",
                               _("is not a line of a released or sent bill of the park"));
  v = pw_credit_note_remainder (store, pw_row_string (row, "bill_line_id"), error);
  if (v < 0)
    return FALSE;
  if (gross > v)
    {
      g_autofree char *currency = NULL;
      g_autofree char *left = NULL;

      /* only the park's currency is wanted here */
      g_free (pw_receivables_park (store, pw_row_string (row, "park_id"), &currency, NULL));
      left = pw_money_format_amount (v, currency ? currency : "CNY");

      return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "gross",
                                 _("is more than what remains of the line (%s)"), left);
    }
  if (g_strcmp0 (status, "approved") == 0)
    return check_approved (store, row, approvals, error);
  return TRUE;
}

/* ---- writing ------------------------------------------------------------------------------ */

gint64
pw_credit_note_remainder (PwStore *store, const char *line_id, GError **error)
{
  gint64 v = 0;

  if (!pw_receivables_query_int (store,
        "SELECT l.gross - coalesce ((SELECT sum (gross) FROM credit_note WHERE bill_line_id = l.id"
        " AND status != 'rejected'), 0) FROM bill_line l WHERE l.id = ?1", line_id, NULL, &v, error))
    return -1;
  return MAX (v, 0);
}

char *
pw_receivables_line_id (PwStore *store, const char *park_id, const char *number, guint index,
                        GError **error)
{
  g_autoptr(JsonObject) bill = pw_bill_find (store, park_id, number, error);
  JsonArray *lines;

  if (bill == NULL)
    return NULL;
  lines = json_object_get_array_member (bill, "lines");
  if (index == 0 || index > json_array_get_length (lines))
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_NOT_FOUND,
                   _("Bill %s has no line %u (it has %u)"), number, index,
                   json_array_get_length (lines));
      return NULL;
    }
  return g_strdup (json_object_get_string_member (json_array_get_object_element (lines, index - 1),
                                                  "id"));
}

static char *
next_number (PwStore *store, const char *park_id, const char *park_code, const char *issued_on,
             GError **error)
{
  g_autofree char *prefix = g_strdup_printf ("%s-CN-%.4s-", park_code, issued_on);
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT max (CAST (substr (number, ?3 + 1) AS INTEGER)) FROM credit_note"
    " WHERE park_id = ?1 AND substr (number, 1, ?3) = ?2 AND length (number) = ?3 + 6", error);
  gint64 highest = 0;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, (gint64) strlen (prefix));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    highest = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      pw_store_set_error (store, error, rc, _("reading the credit note numbers"));
      return NULL;
    }
  if (highest >= 999999)
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_STATUS,
                   _("Park %s has used every credit note number of %.4s"), park_code, issued_on);
      return NULL;
    }
  return g_strdup_printf ("%s%06" G_GINT64_FORMAT, prefix, highest + 1);
}

/* The net of @gross credited on a line (F29 at its rate; the last of it when the note
 * takes the rest of the line). */
static gboolean
split_net (gint64 gross, gint64 remainder, gint64 line_gross, gint64 line_net, gint64 net_left,
           const char *rate, gint64 *net, GError **error)
{
  PwDecimal r, one_plus, g, q;

  if (gross == remainder)
    {
      *net = net_left;
      return TRUE;
    }
  if (rate != NULL && *rate != '\0' && pw_decimal_parse (rate, &r, NULL))
    return pw_decimal_add (pw_decimal_from_int (1, 0), r, &one_plus, error)
           && pw_decimal_div (pw_decimal_from_int (gross, 0), one_plus, 0, PW_ROUND_HALF_UP, &q,
                              error)
           && pw_decimal_to_minor (q, 0, PW_ROUND_HALF_UP, net, error);
  /* no rate on record: the line's own proportion */
  if (line_gross == 0)
    {
      *net = gross;
      return TRUE;
    }
  g = pw_decimal_from_int (gross, 0);
  return pw_decimal_mul (g, pw_decimal_from_int (line_net, 0), &q, error)
         && pw_decimal_div (q, pw_decimal_from_int (line_gross, 0), 0, PW_ROUND_HALF_UP, &q, error)
         && pw_decimal_to_minor (q, 0, PW_ROUND_HALF_UP, net, error);
}

/* A note of @gross against @line_id; the park's approval rules are applied to
 * @approval_basis when it is larger (the total of a whole bill's notes). */
static char *
add_note (PwStore *store, const char *line_id, const char *kind, gint64 gross,
          gint64 approval_basis, const char *reason, const char *issued_on, char **number,
          GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT l.gross, l.net, l.tax_rate, b.status, b.park_id, p.code, b.number,"
    " l.net - coalesce ((SELECT sum (net) FROM credit_note WHERE bill_line_id = l.id"
    " AND status != 'rejected'), 0)"
    " FROM bill_line l JOIN bill b ON b.id = l.bill_id JOIN park p ON p.id = b.park_id"
    " WHERE l.id = ?", error);
  g_autofree char *today = pw_receivables_today ();
  g_autofree char *park = NULL, *park_code = NULL, *rate = NULL, *status = NULL;
  g_autofree char *bill_number = NULL, *num = NULL, *id = NULL;
  g_autoptr(GPtrArray) needs = NULL;
  g_autoptr(GPtrArray) mutations = NULL;
  gint64 line_gross, line_net, net_left, remainder, net = 0;
  PwMutation *m;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (issued_on == NULL)
    issued_on = today;
  if (!pw_date_is_valid (issued_on))
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_INPUT,
                   _("“%s” is not a date of the form YYYY-MM-DD"), issued_on);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, line_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_NOT_FOUND,
                     _("There is no bill line %s"), line_id);
      else
        pw_store_set_error (store, error, rc, _("reading a bill line"));
      return NULL;
    }
  line_gross = sqlite3_column_int64 (stmt, 0);
  line_net = sqlite3_column_int64 (stmt, 1);
  rate = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  status = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  park = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  park_code = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  bill_number = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  net_left = sqlite3_column_int64 (stmt, 7);
  if (g_strcmp0 (status, "released") != 0 && g_strcmp0 (status, "sent") != 0)
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_STATUS,
                   _("Bill %s is not released or sent: a bill not yet out is corrected by "
                     "cancelling it"), bill_number);
      return NULL;
    }
  remainder = pw_credit_note_remainder (store, line_id, error);
  if (remainder < 0)
    return NULL;
  if (gross == 0)
    gross = remainder;
  if (gross <= 0 || gross > remainder)
    {
      g_autoptr(JsonObject) p = pw_store_get_row (store, "park", park, NULL);
      const char *currency = p ? json_object_get_string_member (p, "currency") : NULL;
      g_autofree char *asked = pw_money_format_amount (gross, currency);
      g_autofree char *left = pw_money_format_amount (remainder, currency);

      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_OVER,
                   _("A credit of %s is more than what remains of the line of bill %s (%s)"),
                   asked, bill_number, left);
      return NULL;
    }
  if (!split_net (gross, remainder, line_gross, line_net, net_left, rate, &net, error))
    return NULL;
  needs = needs_of (store, park, MAX (gross, approval_basis), error);
  if (needs == NULL)
    return NULL;

  num = next_number (store, park, park_code, issued_on, error);
  if (num == NULL)
    return NULL;
  id = pw_uuid_new ();
  mutations = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  if (needs->len == 0 && !pw_receivables_trim_allocations (store, line_id, gross, mutations, error))
    return NULL;
  m = pw_mutation_new_insert ("credit_note", id);
  pw_mutation_set_string (m, "park_id", park);
  pw_mutation_set_string (m, "number", num);
  pw_mutation_set_string (m, "bill_line_id", line_id);
  pw_mutation_set_string (m, "kind", kind);
  pw_mutation_set_int (m, "gross", gross);
  pw_mutation_set_int (m, "net", net);
  pw_mutation_set_int (m, "tax", gross - net);
  pw_mutation_set_string (m, "tax_rate", rate ? rate : "");
  pw_mutation_set_string (m, "reason", reason);
  pw_mutation_set_string (m, "status", needs->len == 0 ? "approved" : "pending");
  pw_mutation_set_string (m, "approvals", "[]");
  pw_mutation_set_string (m, "approval_ref", "");
  pw_mutation_set_string (m, "issued_on", issued_on);
  g_ptr_array_add (mutations, m);
  /* the number is read and taken in one transaction: a second desktop's is refused */
  if (!pw_store_apply_all (store, (PwMutation **) mutations->pdata, mutations->len, error))
    return NULL;
  if (number != NULL)
    *number = g_steal_pointer (&num);
  return g_steal_pointer (&id);
}

char *
pw_credit_note_add (PwStore *store, const char *line_id, const char *kind, gint64 gross,
                    const char *reason, const char *issued_on, char **number, GError **error)
{
  return add_note (store, line_id, kind, gross, 0, reason, issued_on, number, error);
}

GPtrArray *
pw_credit_note_add_whole (PwStore *store, const char *const *line_ids, const char *kind,
                          const char *reason, const char *issued_on, GError **error)
{
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) left = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 total = 0;

  for (guint i = 0; line_ids != NULL && line_ids[i] != NULL; i++)
    {
      gint64 r = pw_credit_note_remainder (store, line_ids[i], error);

      if (r < 0)
        return NULL;
      g_array_append_val (left, r);
      total += r;
    }
  if (total == 0)
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_OVER,
                   _("Nothing remains of the bill to credit"));
      return NULL;
    }
  /* one transaction: every line's note, or none */
  if (!pw_store_begin (store, error))
    return NULL;
  for (guint i = 0; line_ids[i] != NULL; i++)
    {
      char *number = NULL;
      g_autofree char *id = NULL;

      if (g_array_index (left, gint64, i) == 0)
        continue;
      /* docs/receivables.md "Credit notes": the approval amount is compared with the
       * whole credit, so a bill is never credited past it line by line */
      id = add_note (store, line_ids[i], kind, g_array_index (left, gint64, i), total, reason,
                     issued_on, &number, error);
      if (id == NULL)
        {
          pw_store_rollback (store);
          return NULL;
        }
      g_ptr_array_add (numbers, number);
    }
  if (!pw_store_commit (store, error))
    return NULL;
  pw_store_notify_changed (store);
  return g_steal_pointer (&numbers);
}

static JsonObject *
find_note (PwStore *store, const char *park_id, const char *number, GError **error)
{
  g_autofree char *park = pw_receivables_park (store, park_id, NULL, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (park == NULL)
    return NULL;
  stmt = pw_store_prepare (store, "SELECT * FROM credit_note WHERE park_id = ? AND number = ?",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, park, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, number, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return pw_sql_row_to_json (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_NOT_FOUND,
                 _("There is no credit note %s"), number);
  else
    pw_store_set_error (store, error, rc, _("reading a credit note"));
  return NULL;
}

gboolean
pw_credit_note_decide (PwStore *store, const char *park_id, const char *number, const char *role,
                       gboolean approve, const char *comment, const char *approval_ref,
                       GError **error)
{
  g_autoptr(JsonObject) note = find_note (store, park_id, number, error);
  g_autoptr(GPtrArray) needs = NULL;
  g_autoptr(JsonArray) approvals = NULL;
  g_autoptr(GPtrArray) mutations = NULL;
  g_autoptr(GString) awaited = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *now = pw_now_iso ();
  gint64 lowest = G_MAXINT64, gross = 0, version = 0;
  gboolean may = FALSE, all_given;
  const char *actor = pw_store_get_actor (store);
  JsonObject *a;
  JsonNode *node;
  PwMutation *m;

  if (note == NULL)
    return FALSE;
  if (g_strcmp0 (pw_row_string (note, "status"), "pending") != 0)
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_STATUS,
                   _("Credit note %s is %s: only a pending one is decided"), number,
                   status_label (pw_row_string (note, "status")));
      return FALSE;
    }
  if (!approve && (comment == NULL || *comment == '\0'))
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_INPUT,
                   _("A rejection needs a comment"));
      return FALSE;
    }
  pw_row_int (note, "gross", &gross);
  needs = needs_of (store, pw_row_string (note, "park_id"), gross, error);
  if (needs == NULL || (approvals = pw_approvals_parse (note, error)) == NULL)
    return FALSE;
  /* the roles awaited at the lowest level not yet given (docs/approvals.md) */
  for (guint i = 0; i < needs->len; i++)
    if (!pw_approvals_given (approvals, pw_row_string (needs->pdata[i], "approver_role")))
      lowest = MIN (lowest, json_object_get_int_member (needs->pdata[i], "level"));
  for (guint i = 0; i < needs->len; i++)
    {
      const char *r = pw_row_string (needs->pdata[i], "approver_role");

      if (pw_approvals_given (approvals, r)
          || json_object_get_int_member (needs->pdata[i], "level") != lowest)
        continue;
      if (role == NULL)
        role = r;
      may = may || g_strcmp0 (role, r) == 0;
      g_string_append_printf (awaited, "%s%s", awaited->len ? ", " : "", role_label (r));
    }
  if (needs->len > 0 && !may)
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_NOT_YOUR_TURN,
                   _("Credit note %s awaits the decision of: %s"), number,
                   awaited->len ? awaited->str : "—");
      return FALSE;
    }
  if (role != NULL)
    {
      a = json_object_new ();
      json_object_set_string_member (a, "approver_role", role);
      json_object_set_int_member (a, "level", lowest == G_MAXINT64 ? 1 : lowest);
      json_object_set_string_member (a, "decision", approve ? "approved" : "rejected");
      json_object_set_string_member (a, "actor", actor ? actor : "");
      json_object_set_string_member (a, "comment", comment ? comment : "");
      json_object_set_string_member (a, "decided_at", now);
      json_array_add_object_element (approvals, a);
    }
  all_given = pw_approvals_missing (needs, approvals) == NULL;
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, approvals);
  text = json_to_string (node, FALSE);
  json_node_unref (node);

  mutations = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  if (approve && all_given
      && !pw_receivables_trim_allocations (store, pw_row_string (note, "bill_line_id"), gross,
                                           mutations, error))
    return FALSE;
  pw_row_int (note, "version", &version);
  m = pw_mutation_new_update ("credit_note", pw_row_string (note, "id"), version);
  pw_mutation_set_string (m, "approvals", text);
  if (!approve)
    pw_mutation_set_string (m, "status", "rejected");
  else if (all_given)
    pw_mutation_set_string (m, "status", "approved");
  if (approval_ref != NULL)
    pw_mutation_set_string (m, "approval_ref", approval_ref);
  g_ptr_array_add (mutations, m);
  return pw_store_apply_all (store, (PwMutation **) mutations->pdata, mutations->len, error);
}

GPtrArray *
pw_credit_note_list (PwStore *store, const char *park_id, GError **error)
{
  g_autofree char *park = pw_receivables_park (store, park_id, NULL, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  if (park == NULL)
    return NULL;
  stmt = pw_store_prepare (store,
    "SELECT c.id, c.version, c.number, c.kind, c.bill_line_id, b.number AS bill_number,"
    " coalesce (cu.name, '') AS customer_name, l.charge, c.gross, c.net, c.tax, c.tax_rate,"
    " c.reason, c.status, c.approvals, c.approval_ref, c.issued_on, p.currency"
    " FROM credit_note c JOIN bill_line l ON l.id = c.bill_line_id JOIN bill b ON b.id = l.bill_id"
    " JOIN park p ON p.id = c.park_id LEFT JOIN customer cu ON cu.id = b.customer_id"
    " WHERE c.park_id = ? ORDER BY c.number", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, park, -1, SQLITE_TRANSIENT);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *o = pw_sql_row_to_json (stmt);
      const char *kind = json_object_get_string_member (o, "kind");

      json_object_set_string_member (o, "status_label",
                                     status_label (json_object_get_string_member (o, "status")));
      json_object_set_string_member (o, "kind_label", g_strcmp0 (kind, "waiver") == 0
                                                        ? C_("credit note", "Waiver")
                                                        : C_("credit note", "Credit note"));
      g_ptr_array_add (rows, o);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the credit notes"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}
