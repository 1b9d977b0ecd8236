/* pw-customer.c — customers, prospects, viewings, quotes and their approvals
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes only through PwMutation, so the ledger's validator reaches
 * pw_customer_validate() for every record, and audit and outbox see each
 * change. The approval flow's invariants:
 *  1. A quote's terms change only while it is a draft.
 *  2. Submitting writes the quote's new status and all its pending approvals in
 *     one transaction; a decision writes the approval and, when it settles the
 *     quote, the quote, in one transaction.
 *  3. Approvals are decided level by level; a quote is approved when all its
 *     approvals are, rejected as soon as one is. The validator checks the
 *     quote's status against its approvals, whatever path the change took.
 *  4. The validators hold every rule of the flow, so a change pushed to the server
 *     meets the same rules as one made here: an approval is asked for pending and
 *     decided while its quote is submitted, level by level; a quote is submitted
 *     with the approvals its park's rules ask for, approved once each is given.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-sql-json.h"
#include "pw-customer.h"
#include "pw-ledger.h"
#include "pw-row.h"
#include "pw-uscc.h"

G_DEFINE_QUARK (pw-leasing-error-quark, pw_leasing_error)

#define SCALE 10000           /* decimals are ten-thousandths */
#define MAX_DECIMAL G_GINT64_CONSTANT (100000000000) /* 10,000,000.0000 */

static const char *const customer_kinds[] = { "company", "person", NULL };
static const char *const risk_levels[] = { "low", "medium", "high", NULL };
static const char *const stages[] = {
  "lead", "viewing", "quoted", "negotiating", "won", "lost", NULL
};
static const char *const quote_statuses[] = { "draft", "submitted", "approved", "rejected", NULL };
static const char *const metrics[] = {
  "discount_pct", "rent_free_months", "credit_amount", NULL
};
static const char *const roles[] = { "asset_manager", "general_manager", NULL };
static const char *const decisions[] = { "pending", "approved", "rejected", NULL };

static const struct {
  const char *word;
  const char *label;
} labels[] = {
  { "company", N_("Company") },
  { "person", N_("Person") },
  { "low", N_("Low") },
  { "medium", N_("Medium") },
  { "high", N_("High") },
  { "lead", N_("Lead") },
  { "viewing", N_("Viewing") },
  { "quoted", N_("Quoted") },
  { "negotiating", N_("Negotiating") },
  { "won", N_("Won") },
  { "lost", N_("Lost") },
  { "draft", N_("Draft") },
  { "submitted", N_("Submitted") },
  { "approved", N_("Approved") },
  { "rejected", N_("Rejected") },
  { "pending", N_("Pending") },
  { "discount_pct", N_("Discount (%)") },
  { "rent_free_months", N_("Rent-free months") },
  { "credit_amount", N_("Credit note amount") },
  { "asset_manager", N_("Asset manager") },
  { "general_manager", N_("General manager") },
};

const char *
pw_leasing_label (const char *word)
{
  if (word == NULL)
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].word, word))
      return _(labels[i].label);
  return word;
}

/* ---- small helpers ---------------------------------------------------------- */

static gboolean
is_blank (const char *s)
{
  for (; s && *s; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

static gboolean
require_text (JsonObject *row, const char *field, glong max_chars, GError **error)
{
  const char *s = pw_row_string (row, field);

  if (s == NULL || is_blank (s))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, "%s", _("a value is required"));
  if (g_utf8_strlen (s, -1) > max_chars)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, _("longer than %u characters"), (guint) max_chars);
  return TRUE;
}

static gboolean
optional_text (JsonObject *row, const char *field, glong max_chars, GError **error)
{
  JsonNode *node = json_object_get_member (row, field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, "%s", _("must be text"));
  if (g_utf8_strlen (json_node_get_string (node), -1) > max_chars)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, _("longer than %u characters"), (guint) max_chars);
  return TRUE;
}

static gboolean
require_word (JsonObject *row, const char *field, const char *const *allowed, gboolean optional,
              GError **error)
{
  JsonNode *node = json_object_get_member (row, field);
  const char *s = pw_row_string (row, field);

  if (optional && (node == NULL || JSON_NODE_HOLDS_NULL (node)))
    return TRUE;
  if (s == NULL)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, "%s", _("a value is required"));
  if (!g_strv_contains (allowed, s))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, _("“%s” is not one of the allowed values"), s);
  return TRUE;
}

static gboolean
require_int (JsonObject *row, const char *field, gint64 min, gint64 max, gint64 *out,
             GError **error)
{
  gint64 v;

  if (!pw_row_int (row, field, &v) || v < min || v > max)
    {
      g_autofree char *lo = g_strdup_printf ("%" G_GINT64_FORMAT, min);
      g_autofree char *hi = g_strdup_printf ("%" G_GINT64_FORMAT, max);
      /* Translators: two whole numbers */
      return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, _("must be a whole number from %s to %s"), lo, hi);
    }
  if (out != NULL)
    *out = v;
  return TRUE;
}

/* A JSON array of strings as text, each at most @max_chars; the strings are
 * returned in *@items when it is not NULL. */
static gboolean
require_string_list (JsonObject *row, const char *field, gboolean allow_empty, glong max_chars,
                     GPtrArray **items, GError **error)
{
  const char *text = pw_row_string (row, field);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  JsonNode *root;
  JsonArray *array;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, "%s", _("must be a list of text"));
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *n = json_array_get_element (array, i);
      const char *s;

      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, "%s", _("must be a list of text"));
      s = json_node_get_string (n);
      if (is_blank (s) || g_utf8_strlen (s, -1) > max_chars)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, _("item %u is empty or longer than %u characters"),
                            i + 1, (guint) max_chars);
      g_ptr_array_add (out, g_strdup (s));
    }
  if (out->len == 0 && !allow_empty)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, "%s", _("name at least one"));
  if (items != NULL)
    *items = g_steal_pointer (&out);
  return TRUE;
}

static char *
strv_to_json (const char *const *items)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; items && items[i]; i++)
    json_builder_add_string_value (builder, items[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Runs @sql with one text parameter and returns the first column of the first
 * row as a new string; NULL with no row (error unset) or on failure (set). */
static char *
query_text (PwStore *store, const char *sql, const char *param, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store, sql, error);
  char *result = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    pw_store_set_error (store, error, rc, _("reading the leasing records"));
  sqlite3_reset (stmt);
  return result;
}

/* ---- decimals ---------------------------------------------------------------- */

gboolean
pw_leasing_decimal_parse (const char *text, const char *field, gint64 *out, GError **error)
{
  const char *p = text;
  gboolean negative = FALSE;
  gint64 whole = 0, frac = 0;
  int n_whole = 0, n_frac = 0;

  if (p == NULL || *p == '\0')
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, "%s", _("a value is required"));
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  for (; g_ascii_isdigit (*p); p++, n_whole++)
    {
      whole = whole * 10 + (*p - '0');
      if (whole * SCALE >= MAX_DECIMAL)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, _("“%s” is too large"), text);
    }
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++, n_frac++)
      {
        if (n_frac == 4)
          return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, _("“%s” has more than four decimal places"), text);
        frac = frac * 10 + (*p - '0');
      }
  if (*p != '\0' || n_whole == 0 || (p[-1] == '.'))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, _("“%s” is not a decimal number such as 3.25"), text);
  for (int i = n_frac; i < 4; i++)
    frac *= 10;
  *out = (whole * SCALE + frac) * (negative ? -1 : 1);
  return TRUE;
}

char *
pw_leasing_decimal_format (gint64 value, int min_places)
{
  guint64 mag = value < 0 ? (guint64) -value : (guint64) value;
  guint64 frac = mag % SCALE;
  char digits[5];
  int places = 4;

  g_snprintf (digits, sizeof digits, "%04u", (guint) frac);
  while (places > min_places && digits[places - 1] == '0')
    places--;
  digits[places] = '\0';
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT "%s%s", value < 0 ? "-" : "",
                          mag / SCALE, places ? "." : "", digits);
}

/* Hundredths of a percent, rounded half away from zero. Both in ten-thousandths. */
static gint64
discount_hundredths (gint64 unit, gint64 list)
{
  gint64 num = (list - unit) * 10000; /* below 10¹⁵: no overflow */
  gint64 mag = num < 0 ? -num : num;
  gint64 q = (2 * mag + list) / (2 * list);

  return num < 0 ? -q : q;
}

char *
pw_quote_compute_discount (const char *unit_rent, const char *list_price, GError **error)
{
  gint64 unit, list;
  gint64 d;

  if (!pw_leasing_decimal_parse (unit_rent, "unit_rent", &unit, error)
      || !pw_leasing_decimal_parse (list_price, "list_price", &list, error))
    return NULL;
  if (list <= 0)
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "list_price", "%s", _("must be more than zero"));
      return NULL;
    }
  d = discount_hundredths (unit, list);
  return pw_leasing_decimal_format (d * 100, 2);
}

/* Whether the quote's exact discount is above @threshold percent (both
 * decimals in ten-thousandths): (list − unit) ÷ list × 100 > t. */
static gboolean
discount_exceeds (gint64 unit, gint64 list, gint64 threshold)
{
  /* (list − unit) · 100 · SCALE > t · list; each side below 2·10¹⁷ */
  return (list - unit) * 100 * SCALE > threshold * list;
}

/* ---- validation ------------------------------------------------------------- */

/* The park of a prospect, or NULL with a field error on @field. */
static char *
prospect_park (PwStore *store, const char *prospect_id, const char *field, GError **error)
{
  g_autoptr(GError) local = NULL;
  char *park = NULL;

  if (prospect_id != NULL)
    park = query_text (store, "SELECT park_id FROM prospect WHERE id = ?", prospect_id, &local);
  if (park == NULL && local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  else if (park == NULL)
    pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, "%s", _("there is no such prospect"));
  return park;
}

/* Every id of @field's list is a space of @park_id. */
static gboolean
require_spaces (PwStore *store, JsonObject *row, const char *field, gboolean allow_empty,
                const char *park_id, GError **error)
{
  g_autoptr(GPtrArray) ids = NULL;

  if (!require_string_list (row, field, allow_empty, 64, &ids, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) local = NULL;
      g_autofree char *park = query_text (store, "SELECT park_id FROM space WHERE id = ?",
                                          ids->pdata[i], &local);

      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (park == NULL)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, _("there is no space %s"), (const char *) ids->pdata[i]);
      /* a space of another park reads as one that does not exist (docs/sync-protocol.md) */
      if (g_strcmp0 (park, park_id) != 0)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, _("there is no space %s"),
                            (const char *) ids->pdata[i]);
    }
  return TRUE;
}

static gboolean
require_decimal (JsonObject *row, const char *field, gint64 min, gint64 max, gint64 *out,
                 GError **error)
{
  gint64 v;

  if (!pw_leasing_decimal_parse (pw_row_string (row, field), field, &v, error))
    return FALSE;
  if (v < min || v > max)
    {
      g_autofree char *lo = pw_leasing_decimal_format (min, 0);
      g_autofree char *hi = pw_leasing_decimal_format (max, 0);
      /* Translators: two decimal numbers */
      return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, _("must be from %s to %s"), lo, hi);
    }
  if (out != NULL)
    *out = v;
  return TRUE;
}

static gboolean
validate_email (JsonObject *row, GError **error)
{
  const char *email = pw_row_string (row, "email");
  const char *at;

  if (!optional_text (row, "email", 254, error))
    return FALSE;
  if (email == NULL || *email == '\0')
    return TRUE;
  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL || strchr (at + 1, '.') == NULL
      || strpbrk (email, " \t\r\n") != NULL || at[strlen (at) - 1] == '.')
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "email", _("“%s” is not an email address"), email);
  return TRUE;
}

static gboolean
validate_phone (JsonObject *row, GError **error)
{
  const char *phone = pw_row_string (row, "phone");
  int digits = 0;

  if (!optional_text (row, "phone", 40, error))
    return FALSE;
  if (phone == NULL || *phone == '\0')
    return TRUE;
  for (const char *p = phone; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (!strchr ("+-() ", *p))
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "phone", _("“%s” is not a phone number"), phone);
    }
  if (digits < 3)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "phone", _("“%s” is not a phone number"), phone);
  return TRUE;
}

static gboolean check_needed_approvals (PwStore *store, JsonObject *quote, gboolean given,
                                        GError **error);

static gboolean
validate_quote (PwStore *store, JsonObject *row, JsonObject *before, GError **error)
{
  static const char *const terms[] = {
    "prospect_id", "spaces", "unit_rent", "list_price", "rent_free_months", "term_months", NULL
  };
  const char *status = pw_row_string (row, "status");
  const char *was = pw_row_string (before, "status");
  g_autofree char *park = NULL;
  g_autofree char *discount = NULL;
  g_autoptr(GError) local = NULL;
  gint64 unit, list, term;

  if (!require_word (row, "status", quote_statuses, FALSE, error))
    return FALSE;
  if (before == NULL && !g_str_equal (status, "draft"))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status", "%s", _("a new quote is a draft"));
  if (before != NULL && !g_str_equal (was, "draft"))
    for (guint i = 0; terms[i]; i++)
      {
        JsonNode *a = json_object_get_member (row, terms[i]);
        JsonNode *b = json_object_get_member (before, terms[i]);

        if (a == NULL || b == NULL || !json_node_equal (a, b))
          return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, terms[i], "%s",
                              _("a quote’s terms cannot change once it is submitted"));
      }
  if (before != NULL && g_strcmp0 (was, status) != 0)
    {
      gboolean ok = (g_str_equal (was, "draft") && g_str_equal (status, "submitted"))
                    || (g_str_equal (was, "submitted")
                        && (g_str_equal (status, "approved") || g_str_equal (status, "rejected")));

      if (!ok)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status", _("a quote cannot go from “%s” to “%s”"),
                            pw_leasing_label (was), pw_leasing_label (status));
    }

  park = prospect_park (store, pw_row_string (row, "prospect_id"), "prospect_id", error);
  if (park == NULL)
    return FALSE;
  if (!require_spaces (store, row, "spaces", FALSE, park, error)
      || !require_decimal (row, "unit_rent", 1, MAX_DECIMAL - 1, &unit, error)
      || !require_decimal (row, "list_price", 1, MAX_DECIMAL - 1, &list, error)
      || !require_int (row, "term_months", 1, 600, &term, error)
      || !require_int (row, "rent_free_months", 0, term, NULL, error))
    return FALSE;

  /* the discount is derived: it must be the one the rents give */
  discount = pw_quote_compute_discount (pw_row_string (row, "unit_rent"),
                                        pw_row_string (row, "list_price"), error);
  if (discount == NULL)
    return FALSE;
  if (g_strcmp0 (pw_row_string (row, "discount_pct"), discount) != 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "discount_pct",
                        _("must be %s, computed from the unit rent and the list price"), discount);

  /* submitted with every approval the park's rules ask for, approved only once each is
   * given: whoever made the change, on the desktop or in a push (invariant 4) */
  if (before != NULL && g_strcmp0 (was, status) != 0
      && (g_str_equal (status, "submitted") || g_str_equal (status, "approved"))
      && !check_needed_approvals (store, row, g_str_equal (status, "approved"), error))
    return FALSE;

  /* the status agrees with the approvals (invariant 3) */
  if (g_str_equal (status, "approved") || g_str_equal (status, "rejected"))
    {
      const char *sql = g_str_equal (status, "approved")
        ? "SELECT count(*) FROM approval WHERE quote_id = ? AND decision <> 'approved'"
        : "SELECT count(*) FROM approval WHERE quote_id = ? AND decision = 'rejected'";
      g_autofree char *n = query_text (store, sql, pw_row_string (row, "id"), &local);

      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (g_str_equal (status, "approved") && g_strcmp0 (n, "0") != 0)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status", "%s",
                            _("the quote still has approvals that are not given"));
      if (g_str_equal (status, "rejected") && g_strcmp0 (n, "0") == 0)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status", "%s", _("no approval of the quote was refused"));
    }
  return TRUE;
}

static gboolean
validate_approval (PwStore *store, JsonObject *row, JsonObject *before, GError **error)
{
  const char *decision = pw_row_string (row, "decision");
  g_autofree char *role = NULL;
  g_autoptr(GError) local = NULL;

  if (!require_word (row, "decision", decisions, FALSE, error)
      || !require_word (row, "approver_role", roles, FALSE, error)
      || !require_int (row, "level", 1, 99, NULL, error)
      || !optional_text (row, "comment", 2000, error)
      || !optional_text (row, "actor", 200, error))
    return FALSE;
  /* asked for pending, then decided (invariant 4) */
  if (before == NULL && !g_str_equal (decision, "pending"))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "decision", "%s",
                               _("an approval is asked for as pending and decided afterwards"));
  if (before != NULL && g_strcmp0 (pw_row_string (before, "decision"), "pending") != 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "decision", "%s", _("this approval has already been decided"));
  if (before != NULL)
    for (guint i = 0; i < 4; i++)
      {
        static const char *const fixed[] = { "quote_id", "rule_id", "approver_role", "level" };
        JsonNode *a = json_object_get_member (row, fixed[i]);
        JsonNode *b = json_object_get_member (before, fixed[i]);

        if (a == NULL || b == NULL || !json_node_equal (a, b))
          return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, fixed[i], "%s", _("cannot be changed once asked for"));
      }

  if (g_str_equal (decision, "pending"))
    {
      if (pw_row_string (row, "decided_at") != NULL)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "decided_at", "%s", _("a pending approval has no decision date"));
    }
  else
    {
      if (!require_text (row, "actor", 200, error) || !require_text (row, "decided_at", 40, error))
        return FALSE;
      if (g_str_equal (decision, "rejected") && is_blank (pw_row_string (row, "comment")))
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "comment", "%s", _("a rejection needs a comment"));
    }

  role = query_text (store, "SELECT approver_role FROM approval_rule WHERE id = ?",
                     pw_row_string (row, "rule_id"), &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (role == NULL)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "rule_id", "%s", _("there is no such approval rule"));
  if (g_strcmp0 (role, pw_row_string (row, "approver_role")) != 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "approver_role", "%s", _("differs from the rule’s"));
  {
    g_autofree char *quote = query_text (store, "SELECT status FROM quote WHERE id = ?",
                                         pw_row_string (row, "quote_id"), &local);
    if (local != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local));
        return FALSE;
      }
    if (quote == NULL)
      return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "quote_id", "%s", _("there is no such quote"));
    /* asked for while the quote is a draft being submitted, decided while it is submitted */
    if (before == NULL && !g_str_equal (quote, "draft") && !g_str_equal (quote, "submitted"))
      return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "quote_id",
                                 /* Translators: the quote's status */
                                 _("the quote is %s: its approvals were settled"),
                                 pw_leasing_label (quote));
    if (before != NULL && !g_str_equal (decision, "pending") && !g_str_equal (quote, "submitted"))
      return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "decision",
                                 /* Translators: the quote's status */
                                 _("the quote is %s, not submitted"), pw_leasing_label (quote));
  }
  /* level by level: nobody decides while a lower level still waits (invariant 3) */
  if (before != NULL && !g_str_equal (decision, "pending"))
    {
      sqlite3_stmt *stmt = pw_store_prepare_cached (store,
        "SELECT min(level) FROM approval WHERE quote_id = ? AND id <> ? AND decision = 'pending'",
        error);
      gint64 level = 0, lowest = 0;
      gboolean waiting;
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, pw_row_string (row, "quote_id"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, pw_row_string (row, "id"), -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      waiting = rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL;
      if (waiting)
        lowest = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          pw_store_set_error (store, error, rc, _("reading approvals"));
          return FALSE;
        }
      pw_row_int (row, "level", &level);
      if (waiting && lowest < level)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, lowest);
          /* Translators: a level number */
          return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "decision",
                                     _("the approvals of level %s are decided first"), text);
        }
    }
  return TRUE;
}

/* A park's list and floor prices are optional; when both are set the floor is
 * not above the list. */
gboolean
pw_park_validate_prices (JsonObject *row, GError **error)
{
  gint64 list = 0, floor = 0;
  gboolean has_list = pw_row_string (row, "list_price") != NULL;
  gboolean has_floor = pw_row_string (row, "floor_price") != NULL;

  if (has_list && !require_decimal (row, "list_price", 1, MAX_DECIMAL - 1, &list, error))
    return FALSE;
  if (has_floor && !require_decimal (row, "floor_price", 1, MAX_DECIMAL - 1, &floor, error))
    return FALSE;
  if (has_list && has_floor && floor > list)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "floor_price", "%s",
                               _("must not be above the list price"));
  return TRUE;
}

gboolean
pw_customer_validate (PwStore *store, const char *entity, JsonObject *row, JsonObject *before,
                      GError **error)
{
  if (g_str_equal (entity, "customer"))
    return require_text (row, "name", 200, error)
           && require_word (row, "kind", customer_kinds, FALSE, error)
           && optional_text (row, "uscc", 64, error)
           && optional_text (row, "industry", 100, error)
           && require_string_list (row, "tags", TRUE, 50, NULL, error)
           && require_word (row, "risk_level", risk_levels, TRUE, error)
           && optional_text (row, "notes", 10000, error);

  if (g_str_equal (entity, "contact"))
    return require_text (row, "name", 200, error)
           && optional_text (row, "role", 100, error)
           && validate_phone (row, error)
           && validate_email (row, error);

  if (g_str_equal (entity, "prospect"))
    {
      const char *customer = pw_row_string (row, "customer_id");

      if (!require_text (row, "name", 200, error)
          || !require_word (row, "stage", stages, FALSE, error)
          || !optional_text (row, "source", 100, error)
          || !optional_text (row, "agent", 100, error)
          || !optional_text (row, "notes", 10000, error))
        return FALSE;
      if (customer != NULL)
        {
          g_autoptr(GError) local = NULL;
          g_autofree char *park = query_text (store, "SELECT park_id FROM customer WHERE id = ?",
                                              customer, &local);
          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          if (park == NULL)
            return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "customer_id", "%s", _("there is no such customer"));
          if (g_strcmp0 (park, pw_row_string (row, "park_id")) != 0)
            return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "customer_id", "%s", _("there is no such customer"));
        }
      return TRUE;
    }

  if (g_str_equal (entity, "viewing"))
    {
      g_autofree char *park = NULL;

      if (!pw_date_is_valid (pw_row_string (row, "date")))
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "date", _("“%s” is not a date of the form YYYY-MM-DD"),
                            pw_row_string (row, "date") ? pw_row_string (row, "date") : "");
      if (!optional_text (row, "agent", 100, error) || !optional_text (row, "notes", 10000, error))
        return FALSE;
      park = prospect_park (store, pw_row_string (row, "prospect_id"), "prospect_id", error);
      return park != NULL && require_spaces (store, row, "spaces", TRUE, park, error);
    }

  if (g_str_equal (entity, "quote"))
    return validate_quote (store, row, before, error);

  if (g_str_equal (entity, "approval_rule"))
    {
      const char *metric = pw_row_string (row, "metric");

      if (!require_word (row, "metric", metrics, FALSE, error)
          || !require_word (row, "approver_role", roles, FALSE, error)
          || !require_int (row, "level", 1, 99, NULL, error))
        return FALSE;
      /* credit_amount: a credit note's gross in currency units (docs/receivables.md) */
      if (g_str_equal (metric, "credit_amount"))
        return require_decimal (row, "threshold", 0, MAX_DECIMAL, NULL, error);
      return g_str_equal (metric, "discount_pct")
             ? require_decimal (row, "threshold", 0, 100 * SCALE, NULL, error)
             : require_decimal (row, "threshold", 0, 600 * SCALE, NULL, error);
    }

  if (g_str_equal (entity, "approval"))
    return validate_approval (store, row, before, error);

  return TRUE;
}

/* ---- customers -------------------------------------------------------------- */

/* Normalises the USCC of @fields in place and says what is wrong with it. */
static void
check_uscc (JsonObject *fields, char **warning)
{
  const char *code = pw_row_string (fields, "uscc");
  g_autofree char *normal = NULL;
  g_autofree char *reason = NULL;

  if (code == NULL)
    return;
  normal = pw_uscc_normalize (code);
  if (*normal == '\0')
    {
      json_object_set_null_member (fields, "uscc");
      return;
    }
  json_object_set_string_member (fields, "uscc", normal);
  if (pw_uscc_check (normal, NULL, &reason) != PW_USCC_VALID && warning != NULL)
    /* Translators: a unified social credit code, then why it does not pass */
    *warning = g_strdup_printf (_("The unified social credit code %s was recorded, but: %s"),
                                normal, reason);
}

static JsonObject *
copy_object (JsonObject *src)
{
  JsonObject *dest = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (src == NULL)
    return dest;
  json_object_iter_init_ordered (&iter, src);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    json_object_set_member (dest, name, json_node_copy (node));
  return dest;
}

static char *
insert_one (PwStore *store, const char *entity, JsonObject *fields, GError **error)
{
  g_autoptr(PwMutation) m = pw_mutation_new_insert (entity, NULL);

  pw_mutation_set_fields (m, fields);
  if (!pw_store_apply (store, m, error))
    return NULL;
  return g_strdup (pw_mutation_get_id (m));
}

static void
set_default (JsonObject *fields, const char *field, const char *value)
{
  if (!json_object_has_member (fields, field))
    json_object_set_string_member (fields, field, value);
}

/* An update of @entity @id changing only the @editable members of @fields. */
static gboolean
update_some (PwStore *store, const char *entity, const char *id, gint64 base_version,
             JsonObject *fields, const char *const *editable, GError **error)
{
  g_autoptr(JsonObject) row = copy_object (fields);
  g_autoptr(PwMutation) m = pw_mutation_new_update (entity, id, base_version);
  g_autoptr(GList) members = json_object_get_members (row);

  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (editable, l->data))
      return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, l->data, "%s", _("cannot be changed here"));
  pw_mutation_set_fields (m, row);
  return pw_store_apply (store, m, error);
}

gboolean
pw_park_set_prices (PwStore *store, const char *park_id, const char *list_price,
                    const char *floor_price, GError **error)
{
  g_autoptr(JsonObject) park = pw_store_get_row (store, "park", park_id, error);
  g_autoptr(PwMutation) m = NULL;

  if (park == NULL)
    return FALSE;
  m = pw_mutation_new_update ("park", park_id, json_object_get_int_member (park, "version"));
  if (list_price != NULL && *list_price != '\0')
    pw_mutation_set_string (m, "list_price", list_price);
  else
    pw_mutation_set_null (m, "list_price");
  if (floor_price != NULL && *floor_price != '\0')
    pw_mutation_set_string (m, "floor_price", floor_price);
  else
    pw_mutation_set_null (m, "floor_price");
  return pw_store_apply (store, m, error);
}

char *
pw_customer_add (PwStore *store, const char *park_id, JsonObject *fields, char **warning,
                 GError **error)
{
  g_autoptr(JsonObject) row = copy_object (fields);
  g_autofree char *note = NULL;
  char *id;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (park_id != NULL, NULL);

  json_object_set_string_member (row, "park_id", park_id);
  set_default (row, "kind", "company");
  set_default (row, "tags", "[]");
  check_uscc (row, &note);
  id = insert_one (store, "customer", row, error);
  if (id != NULL && warning != NULL)
    *warning = g_steal_pointer (&note);
  return id;
}

gboolean
pw_customer_update (PwStore *store, const char *id, gint64 base_version, JsonObject *fields,
                    char **warning, GError **error)
{
  g_autoptr(JsonObject) row = copy_object (fields);
  g_autoptr(PwMutation) m = pw_mutation_new_update ("customer", id, base_version);
  g_autofree char *note = NULL;

  if (json_object_has_member (row, "park_id"))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "park_id", "%s", _("cannot be changed here"));
  check_uscc (row, &note);
  pw_mutation_set_fields (m, row);
  if (!pw_store_apply (store, m, error))
    return FALSE;
  if (warning != NULL)
    *warning = g_steal_pointer (&note);
  return TRUE;
}

/* Rows of @sql (one text parameter, or none for NULL) as JSON objects. */
static GPtrArray *
query_rows (PwStore *store, const char *sql, const char *param, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, sql, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (rows, pw_sql_row_to_json (stmt));
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the leasing records"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
pw_customer_list (PwStore *store, const char *park_id, GError **error)
{
  g_autoptr(GPtrArray) customers = NULL;

  customers = park_id
    ? query_rows (store, "SELECT * FROM customer WHERE park_id = ? ORDER BY name, id", park_id, error)
    : query_rows (store, "SELECT * FROM customer ORDER BY name, id", NULL, error);
  if (customers == NULL)
    return NULL;
  for (guint i = 0; i < customers->len; i++)
    {
      JsonObject *c = customers->pdata[i];
      g_autoptr(GPtrArray) contacts = query_rows (store, "SELECT * FROM contact WHERE customer_id = ?"
                                                  " ORDER BY name, id",
                                                  json_object_get_string_member (c, "id"), error);
      JsonArray *array;

      if (contacts == NULL)
        return NULL;
      array = json_array_sized_new (contacts->len);
      for (guint k = 0; k < contacts->len; k++)
        json_array_add_object_element (array, json_object_ref (contacts->pdata[k]));
      json_object_set_array_member (c, "contacts", array);
    }
  return g_steal_pointer (&customers);
}

char *
pw_contact_add (PwStore *store, const char *customer_id, JsonObject *fields, GError **error)
{
  g_autoptr(JsonObject) row = copy_object (fields);

  g_return_val_if_fail (customer_id != NULL, NULL);
  json_object_set_string_member (row, "customer_id", customer_id);
  return insert_one (store, "contact", row, error);
}

gboolean
pw_contact_update (PwStore *store, const char *id, gint64 base_version, JsonObject *fields,
                   GError **error)
{
  static const char *const editable[] = { "name", "role", "phone", "email", NULL };

  return update_some (store, "contact", id, base_version, fields, editable, error);
}

gboolean
pw_contact_remove (PwStore *store, const char *id, gint64 base_version, GError **error)
{
  g_autoptr(PwMutation) m = pw_mutation_new_delete ("contact", id, base_version);

  return pw_store_apply (store, m, error);
}

/* ---- prospects, viewings ----------------------------------------------------- */

char *
pw_prospect_add (PwStore *store, const char *park_id, JsonObject *fields, GError **error)
{
  g_autoptr(JsonObject) row = copy_object (fields);

  g_return_val_if_fail (park_id != NULL, NULL);
  json_object_set_string_member (row, "park_id", park_id);
  set_default (row, "stage", "lead");
  return insert_one (store, "prospect", row, error);
}

gboolean
pw_prospect_update (PwStore *store, const char *id, gint64 base_version, JsonObject *fields,
                    GError **error)
{
  static const char *const editable[] = {
    "customer_id", "name", "source", "stage", "agent", "notes", NULL
  };

  return update_some (store, "prospect", id, base_version, fields, editable, error);
}

GPtrArray *
pw_prospect_list (PwStore *store, const char *park_id, GError **error)
{
  return park_id
    ? query_rows (store, "SELECT p.*, c.name AS customer_name FROM prospect p"
                         " LEFT JOIN customer c ON c.id = p.customer_id"
                         " WHERE p.park_id = ? ORDER BY p.name, p.id", park_id, error)
    : query_rows (store, "SELECT p.*, c.name AS customer_name FROM prospect p"
                         " LEFT JOIN customer c ON c.id = p.customer_id"
                         " ORDER BY p.name, p.id", NULL, error);
}

GPtrArray *
pw_viewing_list (PwStore *store, const char *prospect_id, GError **error)
{
  return query_rows (store, "SELECT * FROM viewing WHERE prospect_id = ?"
                            " ORDER BY date DESC, created_at DESC, id", prospect_id, error);
}

/* A mutation moving the prospect on to @stage when it is at one of @from; NULL
 * when it stays. */
static PwMutation *
advance_prospect (JsonObject *prospect, const char *const *from, const char *stage)
{
  PwMutation *m;

  if (!g_strv_contains (from, pw_row_string (prospect, "stage")))
    return NULL;
  m = pw_mutation_new_update ("prospect", pw_row_string (prospect, "id"),
                              json_object_get_int_member (prospect, "version"));
  pw_mutation_set_string (m, "stage", stage);
  return m;
}

/* Applies @first and, when not NULL, @second in one transaction. */
static gboolean
apply_pair (PwStore *store, PwMutation *first, PwMutation *second, GError **error)
{
  PwMutation *muts[2] = { first, second };

  return pw_store_apply_all (store, muts, second ? 2 : 1, error);
}

char *
pw_viewing_add (PwStore *store, const char *prospect_id, const char *date, const char *agent,
                const char *const *space_ids, const char *notes, GError **error)
{
  static const char *const from[] = { "lead", NULL };
  g_autoptr(JsonObject) prospect = NULL;
  g_autoptr(PwMutation) m = pw_mutation_new_insert ("viewing", NULL);
  g_autoptr(PwMutation) advance = NULL;
  g_autofree char *spaces = strv_to_json (space_ids);

  prospect = pw_store_get_row (store, "prospect", prospect_id, error);
  if (prospect == NULL)
    return NULL;
  pw_mutation_set_string (m, "prospect_id", prospect_id);
  pw_mutation_set_string (m, "date", date);
  pw_mutation_set_string (m, "agent", agent ? agent : "");
  pw_mutation_set_string (m, "spaces", spaces);
  pw_mutation_set_string (m, "notes", notes ? notes : "");
  advance = advance_prospect (prospect, from, "viewing");
  if (!apply_pair (store, m, advance, error))
    return NULL;
  return g_strdup (pw_mutation_get_id (m));
}

/* ---- quotes ----------------------------------------------------------------- */

char *
pw_quote_add (PwStore *store, const char *prospect_id, const char *const *space_ids,
              const char *unit_rent, gint64 rent_free_months, gint64 term_months,
              const char *list_price, GError **error)
{
  static const char *const from[] = { "lead", "viewing", NULL };
  g_autoptr(JsonObject) prospect = NULL;
  g_autoptr(PwMutation) m = pw_mutation_new_insert ("quote", NULL);
  g_autoptr(PwMutation) advance = NULL;
  g_autofree char *spaces = strv_to_json (space_ids);
  g_autofree char *discount = NULL;

  prospect = pw_store_get_row (store, "prospect", prospect_id, error);
  if (prospect == NULL)
    return NULL;
  discount = pw_quote_compute_discount (unit_rent, list_price, error);
  if (discount == NULL)
    return NULL;
  pw_mutation_set_string (m, "prospect_id", prospect_id);
  pw_mutation_set_string (m, "spaces", spaces);
  pw_mutation_set_string (m, "unit_rent", unit_rent);
  pw_mutation_set_int (m, "rent_free_months", rent_free_months);
  pw_mutation_set_int (m, "term_months", term_months);
  pw_mutation_set_string (m, "list_price", list_price);
  pw_mutation_set_string (m, "discount_pct", discount);
  pw_mutation_set_string (m, "status", "draft");
  advance = advance_prospect (prospect, from, "quoted");
  if (!apply_pair (store, m, advance, error))
    return NULL;
  return g_strdup (pw_mutation_get_id (m));
}

static JsonObject *
load_quote (PwStore *store, const char *id, const char *status, GError **error)
{
  g_autoptr(JsonObject) quote = pw_store_get_row (store, "quote", id, error);

  if (quote == NULL)
    return NULL;
  if (status != NULL && g_strcmp0 (pw_row_string (quote, "status"), status) != 0)
    {
      g_set_error (error, PW_LEASING_ERROR, PW_LEASING_ERROR_WRONG_STATUS,
                   /* Translators: the quote's status, then the one it needs */
                   _("The quote is %s; this needs a quote that is %s"),
                   pw_leasing_label (pw_row_string (quote, "status")), pw_leasing_label (status));
      return NULL;
    }
  return g_steal_pointer (&quote);
}

gboolean
pw_quote_update (PwStore *store, const char *id, gint64 base_version, JsonObject *fields,
                 GError **error)
{
  static const char *const editable[] = {
    "spaces", "unit_rent", "list_price", "rent_free_months", "term_months", NULL
  };
  g_autoptr(JsonObject) quote = NULL;
  g_autoptr(JsonObject) row = copy_object (fields);
  g_autoptr(PwMutation) m = pw_mutation_new_update ("quote", id, base_version);
  g_autoptr(GList) members = json_object_get_members (row);
  g_autofree char *discount = NULL;
  const char *unit, *list;

  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (editable, l->data))
      return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, l->data, "%s", _("cannot be changed here"));
  quote = load_quote (store, id, "draft", error);
  if (quote == NULL)
    return FALSE;
  unit = pw_row_string (row, "unit_rent") ? pw_row_string (row, "unit_rent") : pw_row_string (quote, "unit_rent");
  list = pw_row_string (row, "list_price") ? pw_row_string (row, "list_price") : pw_row_string (quote, "list_price");
  discount = pw_quote_compute_discount (unit, list, error);
  if (discount == NULL)
    return FALSE;
  json_object_set_string_member (row, "discount_pct", discount);
  pw_mutation_set_fields (m, row);
  return pw_store_apply (store, m, error);
}

typedef struct {
  char   *rule_id;
  char   *role;
  gint64  level;
} Need;

static void
need_free (Need *need)
{
  g_free (need->rule_id);
  g_free (need->role);
  g_free (need);
}

GPtrArray *
pw_approval_needs (PwStore *store, const char *park_id, PwApprovalExceedsFunc exceeds,
                   gpointer user_data, GError **error)
{
  g_autoptr(GPtrArray) rules = query_rows (store, "SELECT * FROM approval_rule WHERE park_id = ?"
                                                  " ORDER BY level, metric, id", park_id, error);
  g_autoptr(GPtrArray) needs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  if (rules == NULL)
    return NULL;
  for (guint i = 0; i < rules->len; i++)
    {
      JsonObject *rule = rules->pdata[i];
      const char *role = pw_row_string (rule, "approver_role");
      gint64 threshold;
      gboolean seen = FALSE;

      if (!pw_leasing_decimal_parse (pw_row_string (rule, "threshold"), "threshold", &threshold, error))
        return NULL;
      if (!exceeds (pw_row_string (rule, "metric"), threshold, user_data))
        continue;
      for (guint k = 0; k < needs->len && !seen; k++)
        seen = g_strcmp0 (pw_row_string (needs->pdata[k], "approver_role"), role) == 0;
      if (!seen)
        {
          JsonObject *need = json_object_new ();

          json_object_set_string_member (need, "rule_id", pw_row_string (rule, "id"));
          json_object_set_string_member (need, "approver_role", role);
          json_object_set_int_member (need, "level", json_object_get_int_member (rule, "level"));
          g_ptr_array_add (needs, need);
        }
    }
  return g_steal_pointer (&needs);
}

JsonArray *
pw_approvals_parse (JsonObject *row, GError **error)
{
  const char *text = pw_row_string (row, "approvals");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *array;

  if (text == NULL || *text == '\0')
    return json_array_new ();
  if (!json_parser_load_from_data (parser, text, -1, NULL)
      || !JSON_NODE_HOLDS_ARRAY ((root = json_parser_get_root (parser))))
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "approvals", "%s",
                          _("must be a list of approvals"));
      return NULL;
    }
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *a = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *role = a ? json_object_get_string_member_with_default (a, "approver_role", NULL) : NULL;
      const char *decision = a ? json_object_get_string_member_with_default (a, "decision", NULL) : NULL;

      if (role == NULL || !g_strv_contains (roles, role) || decision == NULL
          || (!g_str_equal (decision, "approved") && !g_str_equal (decision, "rejected")))
        {
          pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "approvals", "%s",
                              _("each approval names an approver role and its decision"));
          return NULL;
        }
    }
  return json_array_ref (array);
}

gboolean
pw_approvals_given (JsonArray *approvals, const char *role)
{
  for (guint i = 0; i < json_array_get_length (approvals); i++)
    {
      JsonObject *a = json_array_get_object_element (approvals, i);

      if (g_strcmp0 (json_object_get_string_member (a, "approver_role"), role) == 0
          && g_strcmp0 (json_object_get_string_member (a, "decision"), "approved") == 0)
        return TRUE;
    }
  return FALSE;
}

const char *
pw_approvals_missing (GPtrArray *needs, JsonArray *approvals)
{
  for (guint i = 0; i < needs->len; i++)
    {
      const char *role = pw_row_string (needs->pdata[i], "approver_role");

      if (!pw_approvals_given (approvals, role))
        return role;
    }
  return NULL;
}

typedef struct {
  gint64 unit, list, rent_free;
} QuoteTerms;

static gboolean
quote_exceeds (const char *metric, gint64 threshold, gpointer user_data)
{
  const QuoteTerms *q = user_data;

  if (g_strcmp0 (metric, "discount_pct") == 0)
    return discount_exceeds (q->unit, q->list, threshold);
  if (g_strcmp0 (metric, "rent_free_months") == 0)
    return q->rent_free * SCALE > threshold;
  return FALSE; /* credit_amount is about credit notes */
}

/* The approvals @quote needs under its park's rules (pw_approval_needs()). */
static GPtrArray *
needed_approvals (PwStore *store, JsonObject *quote, GError **error)
{
  g_autofree char *park = prospect_park (store, pw_row_string (quote, "prospect_id"), "prospect_id",
                                         error);
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *needs;
  QuoteTerms q = { 0 };

  if (park == NULL
      || !pw_leasing_decimal_parse (pw_row_string (quote, "unit_rent"), "unit_rent", &q.unit, error)
      || !pw_leasing_decimal_parse (pw_row_string (quote, "list_price"), "list_price", &q.list, error))
    return NULL;
  pw_row_int (quote, "rent_free_months", &q.rent_free);
  rows = pw_approval_needs (store, park, quote_exceeds, &q, error);
  if (rows == NULL)
    return NULL;
  needs = g_ptr_array_new_with_free_func ((GDestroyNotify) need_free);
  for (guint i = 0; i < rows->len; i++)
    {
      Need *need = g_new0 (Need, 1);

      need->rule_id = g_strdup (pw_row_string (rows->pdata[i], "rule_id"));
      need->role = g_strdup (pw_row_string (rows->pdata[i], "approver_role"));
      need->level = json_object_get_int_member (rows->pdata[i], "level");
      g_ptr_array_add (needs, need);
    }
  return needs;
}

/* Whether @quote holds an approval for each the park's rules ask for (@given: an
 * approved one); otherwise a "status" field error naming the first missing role. */
static gboolean
check_needed_approvals (PwStore *store, JsonObject *quote, gboolean given, GError **error)
{
  g_autoptr(GPtrArray) needs = needed_approvals (store, quote, error);
  g_autoptr(GPtrArray) approvals = NULL;

  if (needs == NULL)
    return FALSE;
  if (needs->len == 0)
    return TRUE;
  approvals = query_rows (store, "SELECT * FROM approval WHERE quote_id = ?",
                          pw_row_string (quote, "id"), error);
  if (approvals == NULL)
    return FALSE;
  for (guint i = 0; i < needs->len; i++)
    {
      Need *need = needs->pdata[i];
      gboolean found = FALSE;

      for (guint k = 0; k < approvals->len && !found; k++)
        found = g_strcmp0 (pw_row_string (approvals->pdata[k], "approver_role"), need->role) == 0
                && (!given || g_strcmp0 (pw_row_string (approvals->pdata[k], "decision"),
                                         "approved") == 0);
      if (!found)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status",
                                   given
                                   /* Translators: a role such as General manager */
                                   ? _("the park’s approval rules ask for the %s’s approval, not given")
                                   /* Translators: a role such as General manager */
                                   : _("the park’s approval rules ask for the %s’s approval, not asked for"),
                                   pw_leasing_label (need->role));
    }
  return TRUE;
}

gboolean
pw_quote_submit (PwStore *store, const char *quote_id, guint *n_approvals, GError **error)
{
  g_autoptr(JsonObject) quote = load_quote (store, quote_id, "draft", error);
  g_autoptr(GPtrArray) needs = NULL;
  g_autoptr(GPtrArray) muts = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  PwMutation *m;

  if (quote == NULL)
    return FALSE;
  needs = needed_approvals (store, quote, error);
  if (needs == NULL)
    return FALSE;

  /* the approvals first: a quote settled at once is checked against none */
  for (guint i = 0; i < needs->len; i++)
    {
      Need *need = needs->pdata[i];

      m = pw_mutation_new_insert ("approval", NULL);
      pw_mutation_set_string (m, "quote_id", quote_id);
      pw_mutation_set_string (m, "rule_id", need->rule_id);
      pw_mutation_set_string (m, "approver_role", need->role);
      pw_mutation_set_int (m, "level", need->level);
      pw_mutation_set_string (m, "decision", "pending");
      pw_mutation_set_string (m, "comment", "");
      g_ptr_array_add (muts, m);
    }
  /* submitted, then at once approved when nobody needs to approve */
  m = pw_mutation_new_update ("quote", quote_id, json_object_get_int_member (quote, "version"));
  pw_mutation_set_string (m, "status", "submitted");
  g_ptr_array_add (muts, m);
  if (needs->len == 0)
    {
      m = pw_mutation_new_update ("quote", quote_id, json_object_get_int_member (quote, "version") + 1);
      pw_mutation_set_string (m, "status", "approved");
      g_ptr_array_add (muts, m);
    }
  if (!pw_store_apply_all (store, (PwMutation **) muts->pdata, muts->len, error))
    return FALSE;
  if (n_approvals != NULL)
    *n_approvals = needs->len;
  return TRUE;
}

GPtrArray *
pw_quote_list (PwStore *store, const char *prospect_id, GError **error)
{
  return query_rows (store, "SELECT * FROM quote WHERE prospect_id = ?"
                            " ORDER BY created_at DESC, id", prospect_id, error);
}

GPtrArray *
pw_quote_list_contracts (PwStore *store, const char *quote_id, GError **error)
{
  return query_rows (store, "SELECT id, code, status FROM contract WHERE quote_id = ?"
                            " ORDER BY created_at, code", quote_id, error);
}

GPtrArray *
pw_quote_required_approvals (PwStore *store, const char *quote_id, GError **error)
{
  g_autoptr(JsonObject) quote = pw_store_get_row (store, "quote", quote_id, error);
  g_autoptr(GPtrArray) needs = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  if (quote == NULL)
    return NULL;
  needs = needed_approvals (store, quote, error);
  if (needs == NULL)
    return NULL;
  for (guint i = 0; i < needs->len; i++)
    {
      Need *need = needs->pdata[i];
      JsonObject *row = json_object_new ();

      json_object_set_string_member (row, "rule_id", need->rule_id);
      json_object_set_string_member (row, "approver_role", need->role);
      json_object_set_int_member (row, "level", need->level);
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
pw_quote_list_approvals (PwStore *store, const char *quote_id, GError **error)
{
  return query_rows (store, "SELECT * FROM approval WHERE quote_id = ?"
                            " ORDER BY level, approver_role, id", quote_id, error);
}

gboolean
pw_quote_can_lease (JsonObject *quote)
{
  return quote != NULL && g_strcmp0 (pw_row_string (quote, "status"), "approved") == 0;
}

gboolean
pw_quote_decide (PwStore *store, const char *quote_id, const char *role, gboolean approve,
                 const char *comment, GError **error)
{
  g_autoptr(JsonObject) quote = load_quote (store, quote_id, "submitted", error);
  g_autoptr(GPtrArray) approvals = NULL;
  g_autoptr(PwMutation) decision = NULL;
  g_autoptr(PwMutation) settle = NULL;
  g_autofree char *now = NULL;
  JsonObject *target = NULL;
  gint64 lowest = G_MAXINT64;
  guint pending = 0;

  if (quote == NULL)
    return FALSE;
  if (role != NULL && !g_strv_contains (roles, role))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "approver_role", _("“%s” is not one of the allowed values"), role);
  if (!approve && is_blank (comment))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "comment", "%s", _("a rejection needs a comment"));
  approvals = pw_quote_list_approvals (store, quote_id, error);
  if (approvals == NULL)
    return FALSE;

  for (guint i = 0; i < approvals->len; i++)
    {
      JsonObject *a = approvals->pdata[i];

      if (!g_str_equal (pw_row_string (a, "decision"), "pending"))
        continue;
      pending++;
      lowest = MIN (lowest, json_object_get_int_member (a, "level"));
      if (target == NULL && (role == NULL || g_str_equal (pw_row_string (a, "approver_role"), role)))
        target = a;
    }
  if (target == NULL)
    {
      g_set_error (error, PW_LEASING_ERROR, PW_LEASING_ERROR_NO_APPROVAL,
                   /* Translators: %s is a role such as "General manager" */
                   _("The quote awaits no approval from the %s"),
                   role ? pw_leasing_label (role) : _("approvers"));
      return FALSE;
    }
  if (json_object_get_int_member (target, "level") > lowest)
    {
      g_autofree char *level = g_strdup_printf ("%" G_GINT64_FORMAT, lowest);
      g_set_error (error, PW_LEASING_ERROR, PW_LEASING_ERROR_NOT_YOUR_TURN,
                   /* Translators: %s is a role, then a level number */
                   _("The %s decides after the approvals of level %s"),
                   pw_leasing_label (pw_row_string (target, "approver_role")), level);
      return FALSE;
    }

  now = pw_now_iso ();
  decision = pw_mutation_new_update ("approval", pw_row_string (target, "id"),
                                     json_object_get_int_member (target, "version"));
  pw_mutation_set_string (decision, "decision", approve ? "approved" : "rejected");
  pw_mutation_set_string (decision, "actor", pw_store_get_actor (store));
  pw_mutation_set_string (decision, "comment", comment ? comment : "");
  pw_mutation_set_string (decision, "decided_at", now);
  if (!approve || pending == 1)
    {
      settle = pw_mutation_new_update ("quote", quote_id, json_object_get_int_member (quote, "version"));
      pw_mutation_set_string (settle, "status", approve ? "approved" : "rejected");
    }
  return apply_pair (store, decision, settle, error);
}

/* ---- approval rules ------------------------------------------------------------ */

char *
pw_approval_rule_add (PwStore *store, const char *park_id, const char *metric,
                      const char *threshold, const char *approver_role, gint64 level,
                      GError **error)
{
  g_autoptr(JsonObject) row = json_object_new ();

  g_return_val_if_fail (park_id != NULL, NULL);
  json_object_set_string_member (row, "park_id", park_id);
  if (metric)
    json_object_set_string_member (row, "metric", metric);
  if (threshold)
    json_object_set_string_member (row, "threshold", threshold);
  if (approver_role)
    json_object_set_string_member (row, "approver_role", approver_role);
  json_object_set_int_member (row, "level", level);
  return insert_one (store, "approval_rule", row, error);
}

GPtrArray *
pw_approval_rule_list (PwStore *store, const char *park_id, GError **error)
{
  return query_rows (store, "SELECT * FROM approval_rule WHERE park_id = ?"
                            " ORDER BY level, metric, id", park_id, error);
}

gboolean
pw_approval_rule_update (PwStore *store, const char *id, gint64 base_version, JsonObject *fields,
                         GError **error)
{
  static const char *const editable[] = { "metric", "threshold", "approver_role", "level", NULL };

  return update_some (store, "approval_rule", id, base_version, fields, editable, error);
}

gboolean
pw_approval_rule_remove (PwStore *store, const char *id, gint64 base_version, GError **error)
{
  g_autoptr(PwMutation) m = pw_mutation_new_delete ("approval_rule", id, base_version);
  g_autoptr(GError) local = NULL;
  g_autofree char *used = query_text (store, "SELECT count(*) FROM approval WHERE rule_id = ?", id,
                                      &local);

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (g_strcmp0 (used, "0") != 0)
    {
      g_set_error (error, PW_LEASING_ERROR, PW_LEASING_ERROR_IN_USE,
                   _("Approvals were asked for under this rule; change its threshold instead of removing it"));
      return FALSE;
    }
  return pw_store_apply (store, m, error);
}
