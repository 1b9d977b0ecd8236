/* pw-contract.c — a lease contract's billing terms and their JSON form
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Design note. json-glib 1.6 overflows the stack on very deep input and keeps
 * the last of duplicate keys, so the raw text is scanned first (prescan()):
 * size, depth, duplicate and escaped keys, each reported with its path. Then
 * every object is read against the list of members it may have.
 * Invariants:
 *  1. Every refusal names the JSON path of the field at fault first.
 *  2. A contract returned is consistent: every date range is ordered and lies
 *     in the term, charges name known sellers, tax codes and spaces, step
 *     tables rise in date, prices are not negative.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "pw-contract.h"
#include "pw-text.h"
#include "pw-money.h"

G_DEFINE_QUARK (pw-contract-error-quark, pw_contract_error)

/* ---- errors and paths ---------------------------------------------------- */

static char *
join_path (const char *path, const char *key)
{
  if (path == NULL || *path == '\0')
    return g_strdup (key);
  return g_strconcat (path, ".", key, NULL);
}

static gboolean G_GNUC_PRINTF (5, 6)
fail (GError **error, int code, const char *path, const char *key, const char *format, ...)
{
  g_autofree char *where = key ? join_path (path, key) : g_strdup (path);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: a JSON path such as charges[1].proration, then what is wrong */
  g_set_error (error, PW_CONTRACT_ERROR, code, _("%s: %s"), where, message);
  return FALSE;
}

/* ---- the scan before json-glib ---------------------------------------------- */

typedef struct {
  gboolean    object;
  GHashTable *keys;
  char       *key;
  guint       index;
  gboolean    expect_key;
} Level;

/* the path through the first @n levels: each adds the member or element it is in */
static char *
levels_path (GArray *levels, guint n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      Level *l = &g_array_index (levels, Level, i);

      if (l->object)
        {
          if (s->len > 0)
            g_string_append_c (s, '.');
          g_string_append (s, l->key ? l->key : "");
        }
      else
        g_string_append_printf (s, "[%u]", l->index);
    }
  return g_string_free (s, FALSE);
}

static void
clear_level (gpointer data)
{
  Level *l = data;

  g_clear_pointer (&l->keys, g_hash_table_unref);
  g_clear_pointer (&l->key, g_free);
}

static gboolean
prescan (const char *text, gsize length, GError **error)
{
  g_autoptr(GArray) levels = g_array_new (FALSE, TRUE, sizeof (Level));

  g_array_set_clear_func (levels, clear_level);
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];
      Level *top = levels->len ? &g_array_index (levels, Level, levels->len - 1) : NULL;

      if (c == '"')
        {
          gsize start = ++i;
          gboolean escaped = FALSE;

          for (; i < length && text[i] != '"'; i++)
            if (text[i] == '\\')
              {
                escaped = TRUE;
                i++;
              }
          if (top != NULL && top->object && top->expect_key)
            {
              g_autofree char *key = g_strndup (text + start, MIN (i, length) - start);
              /* the path of the enclosing object */
              g_autofree char *path = levels_path (levels, levels->len - 1);

              if (escaped)
                return fail (error, PW_CONTRACT_ERROR_SYNTAX, path, key,
                             _("escaped characters are not allowed in member names"));
              if (g_hash_table_contains (top->keys, key))
                return fail (error, PW_CONTRACT_ERROR_SYNTAX, path, key,
                             _("the member appears twice"));
              g_hash_table_add (top->keys, g_strdup (key));
              g_free (top->key);
              top->key = g_steal_pointer (&key);
              top->expect_key = FALSE;
            }
        }
      else if (c == '{' || c == '[')
        {
          Level l = { c == '{', NULL, NULL, 0, c == '{' };

          if (levels->len >= PW_CONTRACT_MAX_DEPTH)
            {
              g_autofree char *path = levels_path (levels, levels->len);
              g_set_error (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_SYNTAX,
                           _("%s: nested deeper than %d levels"),
                           *path ? path : "$", PW_CONTRACT_MAX_DEPTH);
              return FALSE;
            }
          if (l.object)
            l.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_array_append_val (levels, l);
        }
      else if (c == '}' || c == ']')
        {
          if (levels->len > 0)
            g_array_set_size (levels, levels->len - 1);
        }
      else if (c == ',' && top != NULL)
        {
          if (top->object)
            top->expect_key = TRUE;
          else
            top->index++;
        }
    }
  return TRUE;
}

/* ---- member readers ------------------------------------------------------------ */

static gboolean
check_members (JsonObject *o, const char *path, const char *const *allowed, GError **error)
{
  g_autoptr(GList) names = json_object_get_members (o);

  for (GList *l = names; l; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      return fail (error, PW_CONTRACT_ERROR_FIELD, path, l->data, _("unknown field"));
  return TRUE;
}

static JsonNode *
member (JsonObject *o, const char *key)
{
  JsonNode *n = json_object_get_member (o, key);

  return (n == NULL || JSON_NODE_HOLDS_NULL (n)) ? NULL : n;
}

static gboolean
missing (GError **error, const char *path, const char *key)
{
  return fail (error, PW_CONTRACT_ERROR_FIELD, path, key, _("required"));
}

static gboolean
read_string (JsonObject *o, const char *path, const char *key, gboolean required,
             const char **out, GError **error)
{
  JsonNode *n = member (o, key);

  if (n == NULL)
    return required ? missing (error, path, key) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, key, _("must be a string"));
  if (*json_node_get_string (n) == '\0')
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, key, _("must not be empty"));
  *out = json_node_get_string (n);
  return TRUE;
}

static gboolean
read_date (JsonObject *o, const char *path, const char *key, gboolean required,
           GDate *out, GError **error)
{
  const char *s = NULL;
  int y, m, d;

  if (!read_string (o, path, key, required, &s, error))
    return FALSE;
  if (s == NULL)
    return TRUE;
  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    goto bad;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      goto bad;
  y = atoi (s);
  m = atoi (s + 5);
  d = atoi (s + 8);
  if (y < 1900 || y > 2999 || !g_date_valid_dmy (d, m, y))
    goto bad;
  g_date_clear (out, 1);
  g_date_set_dmy (out, d, m, y);
  return TRUE;
bad:
  return fail (error, PW_CONTRACT_ERROR_FIELD, path, key,
               _("“%.40s” is not a date of the form YYYY-MM-DD"), s);
}

static gboolean
read_decimal (JsonObject *o, const char *path, const char *key, gboolean required,
              gboolean *present, PwDecimal *out, GError **error)
{
  const char *s = NULL;
  g_autoptr(GError) local = NULL;

  if (!read_string (o, path, key, required, &s, error))
    return FALSE;
  if (present)
    *present = s != NULL;
  if (s == NULL)
    return TRUE;
  if (!pw_decimal_parse (s, out, &local))
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, key, "%s", local->message);
  return TRUE;
}

static gboolean
read_uint (JsonObject *o, const char *path, const char *key, guint max, guint *out,
           GError **error)
{
  JsonNode *n = member (o, key);
  gint64 v;

  if (n == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, key, _("must be a whole number"));
  v = json_node_get_int (n);
  if (v < 0 || v > max)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, key,
                 _("must be between 0 and %u"), max);
  *out = (guint) v;
  return TRUE;
}

static gboolean
read_bool (JsonObject *o, const char *path, const char *key, gboolean *out, GError **error)
{
  JsonNode *n = member (o, key);

  if (n == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_BOOLEAN)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, key, _("must be true or false"));
  *out = json_node_get_boolean (n);
  return TRUE;
}

/* @names is NULL-terminated; *@out keeps its default when the member is absent */
static gboolean
read_enum (JsonObject *o, const char *path, const char *key, const char *const *names,
           int *out, GError **error)
{
  const char *s = NULL;

  if (!read_string (o, path, key, FALSE, &s, error))
    return FALSE;
  if (s == NULL)
    return TRUE;
  for (int i = 0; names[i]; i++)
    if (g_str_equal (names[i], s))
      {
        *out = i;
        return TRUE;
      }
  return fail (error, PW_CONTRACT_ERROR_FIELD, path, key, _("unknown value “%.40s”"), s);
}

static gboolean
read_money (JsonObject *o, const char *path, const char *key, const char *currency,
            gboolean required, gint64 *out, GError **error)
{
  const char *s = NULL;
  g_autoptr(GError) local = NULL;

  if (!read_string (o, path, key, required, &s, error))
    return FALSE;
  if (s == NULL)
    return TRUE;
  if (!pw_money_parse (s, currency, out, &local))
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, key, "%s", local->message);
  return TRUE;
}

static gboolean
read_object (JsonObject *o, const char *path, const char *key, gboolean required,
             JsonObject **out, GError **error)
{
  JsonNode *n = member (o, key);

  *out = NULL;
  if (n == NULL)
    return required ? missing (error, path, key) : TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (n))
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, key, _("must be an object"));
  *out = json_node_get_object (n);
  return TRUE;
}

static gboolean
read_array (JsonObject *o, const char *path, const char *key, gboolean required,
            JsonArray **out, GError **error)
{
  JsonNode *n = member (o, key);

  *out = NULL;
  if (n == NULL)
    return required ? missing (error, path, key) : TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (n))
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, key, _("must be an array"));
  *out = json_node_get_array (n);
  return TRUE;
}

static gboolean
read_strv (JsonObject *o, const char *path, const char *key, char ***out, GError **error)
{
  JsonArray *a;
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  if (!read_array (o, path, key, FALSE, &a, error))
    return FALSE;
  if (a == NULL)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *n = json_array_get_element (a, i);
      g_autofree char *k = g_strdup_printf ("%s[%u]", key, i);

      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING
          || *json_node_get_string (n) == '\0')
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, k, _("must be a non-empty string"));
      g_strv_builder_add (b, json_node_get_string (n));
    }
  g_strfreev (*out);
  *out = g_strv_builder_end (b);
  return TRUE;
}

/* the object at @a[@i], with its path */
static gboolean
element_object (JsonArray *a, const char *path, const char *key, guint i, JsonObject **out,
                char **element_path, GError **error)
{
  JsonNode *n = json_array_get_element (a, i);
  g_autofree char *k = g_strdup_printf ("%s[%u]", key, i);

  *element_path = join_path (path, k);
  if (!JSON_NODE_HOLDS_OBJECT (n))
    return fail (error, PW_CONTRACT_ERROR_FIELD, *element_path, NULL, _("must be an object"));
  *out = json_node_get_object (n);
  return TRUE;
}

/* ---- the contract ------------------------------------------------------------------ */

static void
seller_free (gpointer p)
{
  PwSeller *s = p;
  g_free (s->code);
  g_free (s->name);
  g_free (s);
}

static void
space_free (gpointer p)
{
  PwContractSpace *s = p;
  g_free (s->code);
  g_free (s->basis);
  g_free (s);
}

static void
tax_free (gpointer p)
{
  PwTaxCode *t = p;
  g_free (t->code);
  g_free (t);
}

static void
charge_free (gpointer p)
{
  PwCharge *c = p;
  g_free (c->code);
  g_free (c->kind);
  g_free (c->seller);
  g_free (c->tax_code);
  g_strfreev (c->spaces);
  g_clear_pointer (&c->escalation.steps, g_array_unref);
  g_free (c);
}

static void
free_period_free (gpointer p)
{
  PwFreePeriod *f = p;
  g_strfreev (f->waives);
  g_free (f);
}

void
pw_contract_free (PwContract *c)
{
  if (c == NULL)
    return;
  g_free (c->id);
  g_free (c->renews);
  g_free (c->currency);
  g_free (c->landlord);
  g_free (c->tenant);
  g_clear_pointer (&c->sellers, g_ptr_array_unref);
  g_clear_pointer (&c->spaces, g_ptr_array_unref);
  g_clear_pointer (&c->tax_codes, g_ptr_array_unref);
  g_clear_pointer (&c->charges, g_ptr_array_unref);
  g_clear_pointer (&c->free_periods, g_ptr_array_unref);
  g_clear_pointer (&c->cpi_index, g_array_unref);
  g_strfreev (c->deposit.charges);
  g_free (c->penalty_tax_code);
  g_free (c->late_fee_cap);
  g_free (c);
}

const PwTaxCode *
pw_contract_find_tax_code (const PwContract *c, const char *code)
{
  for (guint i = 0; code && i < c->tax_codes->len; i++)
    if (g_str_equal (((PwTaxCode *) c->tax_codes->pdata[i])->code, code))
      return c->tax_codes->pdata[i];
  return NULL;
}

const PwSeller *
pw_contract_find_seller (const PwContract *c, const char *code)
{
  for (guint i = 0; code && i < c->sellers->len; i++)
    if (g_str_equal (((PwSeller *) c->sellers->pdata[i])->code, code))
      return c->sellers->pdata[i];
  return NULL;
}

static const PwContractSpace *
find_space (const PwContract *c, const char *code)
{
  for (guint i = 0; i < c->spaces->len; i++)
    if (g_str_equal (((PwContractSpace *) c->spaces->pdata[i])->code, code))
      return c->spaces->pdata[i];
  return NULL;
}

static const PwCharge *
find_charge (const PwContract *c, const char *code)
{
  for (guint i = 0; i < c->charges->len; i++)
    if (g_strcmp0 (((PwCharge *) c->charges->pdata[i])->code, code) == 0)
      return c->charges->pdata[i];
  return NULL;
}

static gboolean
find_charge_or_kind (const PwContract *c, const char *name)
{
  for (guint i = 0; i < c->charges->len; i++)
    {
      const PwCharge *ch = c->charges->pdata[i];
      if (g_str_equal (ch->code, name) || g_str_equal (ch->kind, name))
        return TRUE;
    }
  return FALSE;
}

gboolean
pw_free_period_waives (const PwFreePeriod *f, const PwCharge *charge)
{
  return g_strv_contains ((const char *const *) f->waives, charge->code)
         || g_strv_contains ((const char *const *) f->waives, charge->kind);
}

/* "in the term": between the contract's start and its (extended) end */
static gboolean
check_in_term (const PwContract *c, const char *path, const char *key, const GDate *d,
               GError **error)
{
  if (g_date_compare (d, &c->start) < 0 || g_date_compare (d, &c->term_end) > 0)
    {
      g_autofree char *s = pw_text_iso_date_new (d);
      g_autofree char *a = pw_text_iso_date_new (&c->start);
      g_autofree char *b = pw_text_iso_date_new (&c->term_end);
      return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, path, key,
                   _("%s lies outside the term %s to %s"), s, a, b);
    }
  return TRUE;
}

static gboolean
parse_sellers (PwContract *c, JsonObject *root, GError **error)
{
  static const char *const allowed[] = { "code", "name", NULL };
  JsonArray *a;

  if (!read_array (root, "", "sellers", TRUE, &a, error))
    return FALSE;
  if (json_array_get_length (a) == 0)
    return fail (error, PW_CONTRACT_ERROR_FIELD, "sellers", NULL, _("name at least one seller"));
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      g_autofree char *path = NULL;
      JsonObject *o;
      const char *code = NULL, *name = NULL;
      PwSeller *s;

      if (!element_object (a, "", "sellers", i, &o, &path, error)
          || !check_members (o, path, allowed, error)
          || !read_string (o, path, "code", TRUE, &code, error)
          || !read_string (o, path, "name", TRUE, &name, error))
        return FALSE;
      if (pw_contract_find_seller (c, code))
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "code",
                     _("“%s” is already used"), code);
      s = g_new0 (PwSeller, 1);
      s->code = g_strdup (code);
      s->name = g_strdup (name);
      g_ptr_array_add (c->sellers, s);
    }
  return TRUE;
}

static gboolean
parse_spaces (PwContract *c, JsonObject *root, GError **error)
{
  static const char *const allowed[] = { "code", "area", "basis", NULL };
  static const char *const bases[] = { "gross", "internal", "usable", NULL };
  JsonArray *a;

  if (!read_array (root, "", "spaces", FALSE, &a, error))
    return FALSE;
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      g_autofree char *path = NULL;
      JsonObject *o;
      const char *code = NULL;
      PwDecimal area;
      int basis = 0;
      PwContractSpace *s;

      if (!element_object (a, "", "spaces", i, &o, &path, error)
          || !check_members (o, path, allowed, error)
          || !read_string (o, path, "code", TRUE, &code, error)
          || !read_decimal (o, path, "area", TRUE, NULL, &area, error)
          || !read_enum (o, path, "basis", bases, &basis, error))
        return FALSE;
      if (find_space (c, code))
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "code",
                     _("“%s” is already used"), code);
      area = pw_decimal_normalize (area);
      if (area.scale > 2 || pw_decimal_sign (area) <= 0 || area.m > G_GINT64_CONSTANT (100000000000000))
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "area",
                     _("must be a positive area in m² with at most 2 decimals"));
      s = g_new0 (PwContractSpace, 1);
      s->code = g_strdup (code);
      s->area = (gint64) area.m * (area.scale == 0 ? 100 : area.scale == 1 ? 10 : 1);
      s->basis = g_strdup (bases[basis]);
      g_ptr_array_add (c->spaces, s);
    }
  return TRUE;
}

static gboolean
parse_tax_codes (PwContract *c, JsonObject *root, GError **error)
{
  static const char *const allowed[] = { "code", "rate", NULL };
  JsonArray *a;

  if (!read_array (root, "", "tax_codes", FALSE, &a, error))
    return FALSE;
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      g_autofree char *path = NULL;
      JsonObject *o;
      const char *code = NULL;
      PwDecimal rate;
      PwTaxCode *t;

      if (!element_object (a, "", "tax_codes", i, &o, &path, error)
          || !check_members (o, path, allowed, error)
          || !read_string (o, path, "code", TRUE, &code, error)
          || !read_decimal (o, path, "rate", TRUE, NULL, &rate, error))
        return FALSE;
      if (pw_contract_find_tax_code (c, code))
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "code",
                     _("“%s” is already used"), code);
      if (pw_decimal_sign (rate) < 0 || pw_decimal_cmp (rate, pw_decimal_from_int (1, 0)) >= 0)
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "rate",
                     _("must be a fraction from 0 to below 1, like 0.09"));
      t = g_new0 (PwTaxCode, 1);
      t->code = g_strdup (code);
      t->rate = rate;
      g_ptr_array_add (c->tax_codes, t);
    }
  return TRUE;
}

static gboolean
parse_escalation (PwContract *c, PwCharge *ch, JsonObject *o, const char *path, GError **error)
{
  static const char *const allowed[] = { "type", "percent", "every_years", "method", "anchor",
                                         "price_decimals", "steps", "floor", "cap", NULL };
  static const char *const types[] = { "none", "fixed", "steps", "cpi", NULL };
  static const char *const methods[] = { "compound", "simple", NULL };
  static const char *const anchors[] = { "lease_start", "rent_commencement", "signing", NULL };
  static const char *const roundings[] = { "unrounded", "cents", NULL };
  PwEscalation *e = &ch->escalation;
  int type = 0, method = 0, anchor = 0, rounding = 0;
  gboolean has_percent = FALSE;
  JsonArray *steps;

  if (!check_members (o, path, allowed, error)
      || !read_enum (o, path, "type", types, &type, error)
      || !read_enum (o, path, "method", methods, &method, error)
      || !read_enum (o, path, "anchor", anchors, &anchor, error)
      || !read_enum (o, path, "price_decimals", roundings, &rounding, error)
      || !read_decimal (o, path, "percent", FALSE, &has_percent, &e->percent, error)
      || !read_uint (o, path, "every_years", 20, &e->every_years, error)
      || !read_decimal (o, path, "floor", FALSE, &e->has_floor, &e->floor, error)
      || !read_decimal (o, path, "cap", FALSE, &e->has_cap, &e->cap, error)
      || !read_array (o, path, "steps", FALSE, &steps, error))
    return FALSE;
  if (member (o, "type") == NULL)
    return missing (error, path, "type");
  e->kind = type;
  e->simple = method == 1;
  e->anchor = anchor;
  e->price_decimals = rounding == 1 ? 2 : -1;

  if (e->kind == PW_ESCALATION_FIXED)
    {
      if (!has_percent)
        return missing (error, path, "percent");
      if (pw_decimal_sign (e->percent) < 0)
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "percent", _("must not be negative"));
    }
  if ((e->kind == PW_ESCALATION_FIXED || e->kind == PW_ESCALATION_CPI) && e->every_years == 0)
    return missing (error, path, "every_years");
  if (e->kind == PW_ESCALATION_CPI && e->has_floor && e->has_cap
      && pw_decimal_cmp (e->floor, e->cap) > 0)
    return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, path, "floor",
                 _("is above the cap"));
  if (e->kind == PW_ESCALATION_STEPS)
    {
      static const char *const step_allowed[] = { "from", "unit_price", NULL };

      if (steps == NULL || json_array_get_length (steps) == 0)
        return missing (error, path, "steps");
      e->steps = g_array_new (FALSE, FALSE, sizeof (PwPriceStep));
      for (guint i = 0; i < json_array_get_length (steps); i++)
        {
          g_autofree char *spath = NULL;
          JsonObject *so;
          PwPriceStep step;

          if (!element_object (steps, path, "steps", i, &so, &spath, error)
              || !check_members (so, spath, step_allowed, error)
              || !read_date (so, spath, "from", TRUE, &step.from, error)
              || !read_decimal (so, spath, "unit_price", TRUE, NULL, &step.unit_price, error))
            return FALSE;
          if (pw_decimal_sign (step.unit_price) < 0)
            return fail (error, PW_CONTRACT_ERROR_FIELD, spath, "unit_price",
                         _("must not be negative"));
          if (g_date_compare (&step.from, &ch->start) <= 0)
            return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, spath, "from",
                         _("must come after the charge starts"));
          if (g_date_compare (&step.from, &ch->end) > 0)
            return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, spath, "from",
                         _("lies after the charge ends"));
          if (i > 0 && g_date_compare (&step.from,
                                       &g_array_index (e->steps, PwPriceStep, i - 1).from) <= 0)
            return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, spath, "from",
                         _("overlaps the step before it; steps must rise in date"));
          g_array_append_val (e->steps, step);
        }
    }
  else if (steps != NULL)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, "steps",
                 _("only an escalation of type “steps” has steps"));

  /* escalation before the start: the anchor must not lie after the charge
   * starts, nor the signing date before it for a signing anchor */
  if (e->kind == PW_ESCALATION_FIXED || e->kind == PW_ESCALATION_CPI)
    {
      if (e->anchor == PW_ESCALATION_ANCHOR_SIGNING)
        {
          GDate first = c->signed_on;
          g_date_add_years (&first, e->every_years);
          if (g_date_compare (&first, &ch->start) <= 0)
            return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, path, "anchor",
                         _("the first signing anniversary falls before the charge starts"));
        }
    }
  (void) c;
  return TRUE;
}

static gboolean
parse_charges (PwContract *c, JsonObject *root, GError **error)
{
  static const char *const allowed[] = {
    "code", "kind", "seller", "tax_code", "tax_included", "unit_price", "unit", "spaces",
    "standard_month", "anchor", "frequency", "timing", "lead_days", "due", "proration",
    "start", "end", "escalation", NULL };
  static const char *const units[] = { "m2_day", "m2_month", "month", NULL };
  static const char *const std_months[] = { "365/12", "30", "actual", NULL };
  static const char *const anchors[] = { "lease", "calendar", NULL };
  static const char *const frequencies[] = { "monthly", "quarterly", "half_yearly", "yearly", NULL };
  static const guint months_of[] = { 1, 3, 6, 12 };
  static const char *const timings[] = { "advance", "arrears", NULL };
  static const char *const prorations[] = { "daily", "monthly_actual", "monthly_30",
                                            "yearly_365", "none", NULL };
  static const char *const due_allowed[] = { "rule", "days", NULL };
  static const char *const due_rules[] = { "period_start", "after_bill", NULL };
  JsonArray *a;

  if (!read_array (root, "", "charges", TRUE, &a, error))
    return FALSE;
  if (json_array_get_length (a) == 0)
    return fail (error, PW_CONTRACT_ERROR_FIELD, "charges", NULL, _("name at least one charge"));
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *due_path = NULL;
      g_autofree char *esc_path = NULL;
      JsonObject *o, *due, *esc;
      const char *code = NULL, *kind = NULL, *seller = NULL, *tax = NULL;
      int unit = 0, std = 0, anchor = 0, freq = 0, timing = 0, proration = 0, due_rule = 0;
      gboolean has_start = FALSE, has_end = FALSE;
      PwCharge *ch = g_new0 (PwCharge, 1);

      g_ptr_array_add (c->charges, ch);
      ch->tax_included = TRUE;
      if (!element_object (a, "", "charges", i, &o, &path, error)
          || !check_members (o, path, allowed, error)
          || !read_string (o, path, "code", TRUE, &code, error)
          || !read_string (o, path, "kind", TRUE, &kind, error)
          || !read_string (o, path, "seller", TRUE, &seller, error)
          || !read_string (o, path, "tax_code", FALSE, &tax, error)
          || !read_bool (o, path, "tax_included", &ch->tax_included, error)
          || !read_decimal (o, path, "unit_price", TRUE, NULL, &ch->unit_price, error)
          || !read_enum (o, path, "unit", units, &unit, error)
          || !read_strv (o, path, "spaces", &ch->spaces, error)
          || !read_enum (o, path, "standard_month", std_months, &std, error)
          || !read_enum (o, path, "anchor", anchors, &anchor, error)
          || !read_enum (o, path, "frequency", frequencies, &freq, error)
          || !read_enum (o, path, "timing", timings, &timing, error)
          || !read_uint (o, path, "lead_days", 366, &ch->lead_days, error)
          || !read_enum (o, path, "proration", prorations, &proration, error)
          || !read_object (o, path, "due", FALSE, &due, error)
          || !read_object (o, path, "escalation", FALSE, &esc, error))
        return FALSE;
      if (member (o, "unit") == NULL)
        return missing (error, path, "unit");
      if (find_charge (c, code) != NULL)
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "code",
                     _("“%s” is already used"), code);
      ch->code = g_strdup (code);
      ch->kind = g_strdup (kind);
      ch->seller = g_strdup (seller);
      ch->tax_code = g_strdup (tax);
      ch->unit = unit;
      ch->standard_month = std;
      ch->anchor = anchor;
      ch->frequency_months = months_of[freq];
      ch->timing = timing;
      ch->proration = proration;
      if (g_str_equal (code, "deposit") || g_str_equal (code, "penalty"))
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "code",
                     _("“%s” is reserved for the contract’s own lines"), code);
      if (pw_decimal_sign (ch->unit_price) < 0)
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "unit_price",
                     _("must not be negative"));
      if (pw_decimal_normalize (ch->unit_price).scale > 10)
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "unit_price",
                     _("has more than 10 decimals"));
      if (!pw_contract_find_seller (c, seller))
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "seller",
                     _("no seller has the code “%s”"), seller);
      if (tax && !pw_contract_find_tax_code (c, tax))
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "tax_code",
                     _("no tax code “%s”"), tax);
      if (ch->unit != PW_PRICE_UNIT_MONTH)
        {
          if (ch->spaces == NULL || ch->spaces[0] == NULL)
            return fail (error, PW_CONTRACT_ERROR_FIELD, path, "spaces",
                         _("a price per m² needs the spaces it applies to"));
          for (guint k = 0; ch->spaces[k]; k++)
            {
              const PwContractSpace *s = find_space (c, ch->spaces[k]);
              g_autofree char *key = g_strdup_printf ("spaces[%u]", k);

              if (s == NULL)
                return fail (error, PW_CONTRACT_ERROR_FIELD, path, key,
                             _("no space has the code “%s”"), ch->spaces[k]);
              ch->area += s->area;
            }
        }
      if (due != NULL)
        {
          due_path = join_path (path, "due");
          if (!check_members (due, due_path, due_allowed, error)
              || !read_enum (due, due_path, "rule", due_rules, &due_rule, error)
              || !read_uint (due, due_path, "days", 366, &ch->due_days, error))
            return FALSE;
          ch->due_rule = due_rule;
          if (ch->due_rule == PW_DUE_PERIOD_START && ch->due_days != 0)
            return fail (error, PW_CONTRACT_ERROR_FIELD, due_path, "days",
                         _("only the rule “after_bill” counts days"));
        }
      ch->start = c->start;
      ch->end = c->term_end;
      if (!read_date (o, path, "start", FALSE, &ch->start, error)
          || !read_date (o, path, "end", FALSE, &ch->end, error))
        return FALSE;
      has_start = member (o, "start") != NULL;
      has_end = member (o, "end") != NULL;
      if (has_start && !check_in_term (c, path, "start", &ch->start, error))
        return FALSE;
      if (has_end && !check_in_term (c, path, "end", &ch->end, error))
        return FALSE;
      if (g_date_compare (&ch->start, &ch->end) > 0)
        return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, path, "end",
                     _("comes before the start"));
      if (esc != NULL)
        {
          esc_path = join_path (path, "escalation");
          if (!parse_escalation (c, ch, esc, esc_path, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
parse_free_periods (PwContract *c, JsonObject *root, GError **error)
{
  static const char *const allowed[] = { "kind", "start", "end", "waives", "extends_term", NULL };
  static const char *const kinds[] = { "rent_free", "fit_out", NULL };
  JsonArray *a;

  if (!read_array (root, "", "free_periods", FALSE, &a, error))
    return FALSE;
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      g_autofree char *path = NULL;
      JsonObject *o;
      int kind = 0;
      PwFreePeriod *f = g_new0 (PwFreePeriod, 1);

      g_ptr_array_add (c->free_periods, f);
      if (!element_object (a, "", "free_periods", i, &o, &path, error)
          || !check_members (o, path, allowed, error)
          || !read_enum (o, path, "kind", kinds, &kind, error)
          || !read_date (o, path, "start", TRUE, &f->start, error)
          || !read_date (o, path, "end", TRUE, &f->end, error)
          || !read_strv (o, path, "waives", &f->waives, error)
          || !read_bool (o, path, "extends_term", &f->extends_term, error))
        return FALSE;
      f->fit_out = kind == 1;
      if (f->waives == NULL)
        {
          f->waives = g_new0 (char *, 2);
          f->waives[0] = g_strdup ("rent");
        }
      if (g_date_compare (&f->start, &f->end) > 0)
        return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, path, "end",
                     _("comes before the start"));
      /* measured against the term as written: a range cannot extend a term it lies outside */
      if (g_date_compare (&f->start, &c->start) < 0 || g_date_compare (&f->end, &c->end) > 0)
        {
          g_autofree char *a1 = pw_text_iso_date_new (&c->start);
          g_autofree char *b1 = pw_text_iso_date_new (&c->end);
          return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, path,
                       g_date_compare (&f->start, &c->start) < 0 ? "start" : "end",
                       _("the range lies outside the term %s to %s"), a1, b1);
        }
      for (guint k = 0; k < i; k++)
        {
          PwFreePeriod *g = c->free_periods->pdata[k];
          if (g_date_compare (&f->start, &g->end) <= 0 && g_date_compare (&g->start, &f->end) <= 0)
            return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, path, "start",
                         _("overlaps free_periods[%u]"), k);
        }
      if (f->extends_term)
        g_date_add_days (&c->term_end, g_date_days_between (&f->start, &f->end) + 1);
    }
  /* rent commencement: the day after a rent-free range that opens the term */
  c->rent_commencement = c->start;
  for (gboolean moved = TRUE; moved;)
    {
      moved = FALSE;
      for (guint i = 0; i < c->free_periods->len; i++)
        {
          PwFreePeriod *f = c->free_periods->pdata[i];
          if (g_date_compare (&f->start, &c->rent_commencement) == 0)
            {
              c->rent_commencement = f->end;
              g_date_add_days (&c->rent_commencement, 1);
              moved = TRUE;
            }
        }
    }
  return TRUE;
}

static gboolean
parse_cpi (PwContract *c, JsonObject *root, GError **error)
{
  static const char *const allowed[] = { "year", "value", NULL };
  JsonArray *a;

  if (!read_array (root, "", "cpi_index", FALSE, &a, error))
    return FALSE;
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      g_autofree char *path = NULL;
      JsonObject *o;
      guint year = 0;
      PwIndexPoint p;

      if (!element_object (a, "", "cpi_index", i, &o, &path, error)
          || !check_members (o, path, allowed, error)
          || !read_uint (o, path, "year", 2999, &year, error)
          || !read_decimal (o, path, "value", TRUE, NULL, &p.value, error))
        return FALSE;
      if (year < 1900)
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "year", _("must be a year from 1900"));
      if (pw_decimal_sign (p.value) <= 0)
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "value", _("must be positive"));
      for (guint k = 0; k < c->cpi_index->len; k++)
        if (g_array_index (c->cpi_index, PwIndexPoint, k).year == (int) year)
          return fail (error, PW_CONTRACT_ERROR_FIELD, path, "year",
                       _("%u is already in the index"), year);
      p.year = (int) year;
      g_array_append_val (c->cpi_index, p);
    }
  return TRUE;
}

static gboolean
parse_deposit (PwContract *c, JsonObject *root, GError **error)
{
  static const char *const allowed[] = { "months", "charges", "amount", "round_to", "mode",
                                          "carried_over", NULL };
  static const char *const round_to[] = { "minor", "unit", "ten", "hundred", NULL };
  static const char *const modes[] = { "half_up", "half_even", "down", "up", NULL };
  JsonObject *o;
  gboolean has_months = FALSE;
  int to = 0, mode = 0;
  const char *path = "deposit";

  if (!read_object (root, "", "deposit", FALSE, &o, error))
    return FALSE;
  if (o == NULL)
    return TRUE;
  c->deposit.present = TRUE;
  if (!check_members (o, path, allowed, error)
      || !read_decimal (o, path, "months", FALSE, &has_months, &c->deposit.months, error)
      || !read_strv (o, path, "charges", &c->deposit.charges, error)
      || !read_money (o, path, "amount", c->currency, FALSE, &c->deposit.amount, error)
      || !read_money (o, path, "carried_over", c->currency, FALSE, &c->deposit.carried_over, error)
      || !read_enum (o, path, "round_to", round_to, &to, error)
      || !read_enum (o, path, "mode", modes, &mode, error))
    return FALSE;
  c->deposit.fixed = member (o, "amount") != NULL;
  if (c->deposit.fixed == has_months)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, "months",
                 _("give either months or a fixed amount"));
  if (c->deposit.carried_over < 0)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, "carried_over", _("must not be negative"));
  if (c->deposit.fixed && c->deposit.amount < 0)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, "amount", _("must not be negative"));
  if (has_months && pw_decimal_sign (c->deposit.months) < 0)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, "months", _("must not be negative"));
  if (has_months && c->deposit.charges == NULL)
    {
      c->deposit.charges = g_new0 (char *, 2);
      c->deposit.charges[0] = g_strdup ("rent");
    }
  for (guint k = 0; c->deposit.charges && c->deposit.charges[k]; k++)
    if (!find_charge_or_kind (c, c->deposit.charges[k]))
      {
        g_autofree char *key = g_strdup_printf ("charges[%u]", k);
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, key,
                     _("no charge has the code or kind “%s”"), c->deposit.charges[k]);
      }
  c->deposit.round_digits = to == 0 ? c->minor_digits : 1 - to;
  c->deposit.round_mode = mode;
  return TRUE;
}

static gboolean
parse_termination (PwContract *c, JsonObject *root, GError **error)
{
  static const char *const allowed[] = { "date", "penalty", "penalty_tax_code", NULL };
  JsonObject *o;
  const char *tax = NULL;
  const char *path = "termination";

  if (!read_object (root, "", "termination", FALSE, &o, error))
    return FALSE;
  if (o == NULL)
    return TRUE;
  c->terminated = TRUE;
  if (!check_members (o, path, allowed, error)
      || !read_date (o, path, "date", TRUE, &c->termination, error)
      || !read_money (o, path, "penalty", c->currency, FALSE, &c->penalty, error)
      || !read_string (o, path, "penalty_tax_code", FALSE, &tax, error))
    return FALSE;
  if (c->penalty < 0)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, "penalty", _("must not be negative"));
  if (tax && !pw_contract_find_tax_code (c, tax))
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, "penalty_tax_code",
                 _("no tax code “%s”"), tax);
  c->penalty_tax_code = g_strdup (tax);
  if (!check_in_term (c, path, "date", &c->termination, error))
    return FALSE;
  return TRUE;
}

static gboolean
parse_misc (PwContract *c, JsonObject *root, GError **error)
{
  static const char *const rounding_allowed[] = { "level", "to", NULL };
  static const char *const levels[] = { "line", "bill", NULL };
  static const char *const tos[] = { "minor", "unit", NULL };
  static const char *const late_allowed[] = { "daily_rate", "grace_days", "cap", NULL };
  static const char *const renewal_allowed[] = { "option", "term_months", "notice_days", NULL };
  static const char *const parties_allowed[] = { "landlord", "tenant", NULL };
  JsonObject *o;
  int level = 0, to = 0;
  const char *s = NULL;

  if (!read_object (root, "", "parties", TRUE, &o, error)
      || !check_members (o, "parties", parties_allowed, error)
      || !read_string (o, "parties", "landlord", TRUE, &s, error))
    return FALSE;
  c->landlord = g_strdup (s);
  if (!read_string (o, "parties", "tenant", TRUE, &s, error))
    return FALSE;
  c->tenant = g_strdup (s);

  if (!read_object (root, "", "rounding", FALSE, &o, error))
    return FALSE;
  if (o && (!check_members (o, "rounding", rounding_allowed, error)
            || !read_enum (o, "rounding", "level", levels, &level, error)
            || !read_enum (o, "rounding", "to", tos, &to, error)))
    return FALSE;
  c->rounding_level = level;
  c->round_to_unit = to == 1;

  c->late_fee_cap = g_strdup ("none");
  if (!read_object (root, "", "late_fee", FALSE, &o, error))
    return FALSE;
  if (o)
    {
      s = NULL;
      if (!check_members (o, "late_fee", late_allowed, error)
          || !read_decimal (o, "late_fee", "daily_rate", TRUE, NULL, &c->late_fee_daily_rate, error)
          || !read_uint (o, "late_fee", "grace_days", 366, &c->late_fee_grace_days, error)
          || !read_string (o, "late_fee", "cap", FALSE, &s, error))
        return FALSE;
      if (pw_decimal_sign (c->late_fee_daily_rate) < 0
          || pw_decimal_cmp (c->late_fee_daily_rate, pw_decimal_from_int (1, 2)) > 0)
        return fail (error, PW_CONTRACT_ERROR_FIELD, "late_fee", "daily_rate",
                     _("must be a daily fraction from 0 to 0.01"));
      if (s)
        {
          PwDecimal pct;
          if (!g_str_equal (s, "none") && !g_str_equal (s, "principal")
              && !pw_decimal_parse (s, &pct, NULL))
            return fail (error, PW_CONTRACT_ERROR_FIELD, "late_fee", "cap",
                         _("unknown value “%.40s”"), s);
          g_free (c->late_fee_cap);
          c->late_fee_cap = g_strdup (s);
        }
    }

  if (!read_object (root, "", "renewal", FALSE, &o, error))
    return FALSE;
  if (o && (!check_members (o, "renewal", renewal_allowed, error)
            || !read_bool (o, "renewal", "option", &c->renewal_option, error)
            || !read_uint (o, "renewal", "term_months", 240, &c->renewal_term_months, error)
            || !read_uint (o, "renewal", "notice_days", 3660, &c->renewal_notice_days, error)))
    return FALSE;
  return TRUE;
}

/* the checks that need every part read */
static gboolean
check_cpi (PwContract *c, GError **error)
{
  for (guint i = 0; i < c->charges->len; i++)
    {
      PwCharge *ch = c->charges->pdata[i];
      g_autofree char *path = g_strdup_printf ("charges[%u].escalation", i);

      if (ch->escalation.kind == PW_ESCALATION_CPI && c->cpi_index->len < 2)
        return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, path, "type",
                     _("a CPI escalation needs cpi_index with at least two years"));
    }
  return TRUE;
}

PwContract *
pw_contract_parse (const char *text, gssize length, GError **error)
{
  static const char *const allowed[] = {
    "id", "currency", "signed", "start", "end", "parties", "sellers", "spaces", "tax_codes",
    "charges", "free_periods", "cpi_index", "deposit", "termination", "rounding", "late_fee",
    "renewal", "renews", NULL };
  g_autoptr(PwContract) c = g_new0 (PwContract, 1);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  JsonNode *root_node;
  JsonObject *root;
  const char *s = NULL;
  GDate limit;

  g_return_val_if_fail (text != NULL, NULL);
  if (length < 0)
    length = strlen (text);
  if (length > PW_CONTRACT_MAX_BYTES)
    {
      g_set_error (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_SYNTAX,
                   _("The contract is larger than %d bytes"), PW_CONTRACT_MAX_BYTES);
      return NULL;
    }
  if (!prescan (text, length, error))
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, length, &local))
    {
      g_set_error (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_SYNTAX,
                   _("The contract is not valid JSON: %s"), local->message);
      return NULL;
    }
  root_node = json_parser_get_root (parser);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error_literal (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_SYNTAX,
                           _("The contract must be a JSON object"));
      return NULL;
    }
  root = json_node_get_object (root_node);

  c->sellers = g_ptr_array_new_with_free_func (seller_free);
  c->spaces = g_ptr_array_new_with_free_func (space_free);
  c->tax_codes = g_ptr_array_new_with_free_func (tax_free);
  c->charges = g_ptr_array_new_with_free_func (charge_free);
  c->free_periods = g_ptr_array_new_with_free_func (free_period_free);
  c->cpi_index = g_array_new (FALSE, FALSE, sizeof (PwIndexPoint));

  if (!check_members (root, "", allowed, error)
      || !read_string (root, "", "id", TRUE, &s, error))
    return NULL;
  c->id = g_strdup (s);
  s = NULL;
  if (!read_string (root, "", "renews", FALSE, &s, error))
    return NULL;
  c->renews = g_strdup (s);
  if (!read_string (root, "", "currency", TRUE, &s, error))
    return NULL;
  if (!pw_currency_is_valid (s))
    {
      fail (error, PW_CONTRACT_ERROR_FIELD, "", "currency",
            _("“%.40s” is not an ISO 4217 code like CNY"), s);
      return NULL;
    }
  c->currency = g_strdup (s);
  c->minor_digits = pw_currency_minor_digits (s);
  if (!read_date (root, "", "signed", TRUE, &c->signed_on, error)
      || !read_date (root, "", "start", TRUE, &c->start, error)
      || !read_date (root, "", "end", TRUE, &c->end, error))
    return NULL;
  if (g_date_compare (&c->start, &c->end) > 0)
    {
      fail (error, PW_CONTRACT_ERROR_INCONSISTENT, "", "end", _("comes before the start"));
      return NULL;
    }
  if (g_date_compare (&c->signed_on, &c->end) > 0)
    {
      fail (error, PW_CONTRACT_ERROR_INCONSISTENT, "", "signed", _("comes after the term ends"));
      return NULL;
    }
  /* Civil Code art. 705: a lease term cannot exceed 20 years */
  limit = c->start;
  g_date_add_years (&limit, 20);
  if (g_date_compare (&c->end, &limit) >= 0)
    {
      fail (error, PW_CONTRACT_ERROR_INCONSISTENT, "", "end",
            _("a lease term cannot exceed 20 years"));
      return NULL;
    }
  c->term_end = c->end;

  if (!parse_misc (c, root, error)
      || !parse_sellers (c, root, error)
      || !parse_spaces (c, root, error)
      || !parse_tax_codes (c, root, error)
      || !parse_free_periods (c, root, error)
      || !parse_cpi (c, root, error)
      || !parse_charges (c, root, error)
      || !check_cpi (c, error)
      || !parse_deposit (c, root, error)
      || !parse_termination (c, root, error))
    return NULL;
  return g_steal_pointer (&c);
}

PwContract *
pw_contract_load (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  g_autoptr(GError) local = NULL;
  PwContract *c;

  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;
  c = pw_contract_parse (text, length, &local);
  if (c == NULL)
    {
      g_autofree char *name = g_filename_display_name (path);
      g_set_error (error, local->domain, local->code, "%s: %s", name, local->message);
    }
  return c;
}
