/* pw-utility-json.c — the JSON form of meters, readings and tariffs (docs/utility-format.md)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib parses; pw-json-lines.c scans the text first for its depth (json-glib
 * 1.6 overflows the stack on very deep input), the lines of its objects and
 * members, and members written twice (json-glib keeps the last one silently).
 *  1. Every refusal names the file, the line and the JSON path of the member.
 *  2. Numbers that are money, prices or readings are exact: decimals are
 *     written as strings (or whole JSON integers), never as JSON fractions. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "pw-date.h"
#include "pw-error.h"
#include "pw-money.h"
#include "pw-json-lines.h"
#include "pw-utility-private.h"

#define MAX_DEPTH 32
#define MAX_SIZE (256 * 1024 * 1024)

typedef struct {
  const char  *name;
  PwJsonLines *lines;
} Reader;

/* A reader without lines reads objects that came from elsewhere than a file's text
 * (a store's tariff definitions): their line is 0. */
static guint
line_of (Reader *r, JsonObject *o, const char *key)
{
  return r->lines ? pw_json_lines_line (r->lines, o, key) : 0;
}

static char *
duplicate_of (Reader *r, JsonObject *o)
{
  return r->lines ? pw_json_lines_duplicate (r->lines, o) : NULL;
}

static char *
join (const char *path, const char *key)
{
  return *path ? g_strconcat (path, ".", key, NULL) : g_strdup (key);
}

static gboolean
fail (Reader *r, GError **error, JsonObject *o, const char *path, const char *key,
      const char *format, ...) G_GNUC_PRINTF (6, 7);

static gboolean
fail (Reader *r, GError **error, JsonObject *o, const char *path, const char *key,
      const char *format, ...)
{
  g_autofree char *where = key ? join (path, key) : g_strdup (*path ? path : "$");
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: file, line, JSON path (meters[2].ct), what is wrong */
  g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD, _("%s:%u: %s: %s"),
               r->name, line_of (r, o, key), where, message);
  if (error != NULL)
    pw_ledger_error_set_field (*error, where);
  return FALSE;
}

/* checks an object's members against @allowed and that none is written twice */
static gboolean
enter (Reader *r, JsonObject *o, const char *path, const char *const *allowed, GError **error)
{
  g_autofree char *dup = duplicate_of (r, o);
  JsonObjectIter it;
  const char *name;

  if (dup != NULL)
    return fail (r, error, o, path, dup, _("written twice"));
  json_object_iter_init (&it, o);
  while (json_object_iter_next (&it, &name, NULL))
    if (!g_strv_contains (allowed, name))
      return fail (r, error, o, path, name, _("unknown field"));
  return TRUE;
}

/* ---- values ---------------------------------------------------------------- */

static JsonNode *
member (JsonObject *o, const char *key)
{
  JsonNode *n = json_object_get_member (o, key);

  return n != NULL && !JSON_NODE_HOLDS_NULL (n) ? n : NULL;
}

static gboolean
get_string (Reader *r, JsonObject *o, const char *path, const char *key, gboolean required,
            const char **out, GError **error)
{
  JsonNode *n = member (o, key);

  *out = NULL;
  if (n == NULL)
    return required ? fail (r, error, o, path, key, _("required")) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return fail (r, error, o, path, key, _("must be a string"));
  *out = json_node_get_string (n);
  if (**out == '\0')
    return fail (r, error, o, path, key, _("must not be empty"));
  return TRUE;
}

static gboolean
get_decimal_node (Reader *r, JsonNode *n, JsonObject *o, const char *path, const char *key,
                  PwDecimal *out, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_INT64)
    {
      *out = pw_decimal_from_int (json_node_get_int (n), 0);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return fail (r, error, o, path, key,
                 _("write the number as a string, e.g. \"1234.5\", so that it stays exact"));
  if (!pw_decimal_parse (json_node_get_string (n), out, &local))
    return fail (r, error, o, path, key, "%s", local->message);
  return TRUE;
}

static gboolean
get_decimal (Reader *r, JsonObject *o, const char *path, const char *key, gboolean required,
             gboolean *present, PwDecimal *out, GError **error)
{
  JsonNode *n = member (o, key);

  if (present)
    *present = n != NULL;
  if (n == NULL)
    return required ? fail (r, error, o, path, key, _("required")) : TRUE;
  if (!get_decimal_node (r, n, o, path, key, out, error))
    return FALSE;
  if (pw_decimal_sign (*out) < 0)
    return fail (r, error, o, path, key, _("cannot be negative"));
  return TRUE;
}

static gboolean
get_uint (Reader *r, JsonObject *o, const char *path, const char *key, guint lo, guint hi,
          guint *out, GError **error)
{
  JsonNode *n = member (o, key);
  gint64 v;

  if (n == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return fail (r, error, o, path, key, _("must be a whole number"));
  v = json_node_get_int (n);
  if (v < lo || v > hi)
    return fail (r, error, o, path, key, _("must be from %u to %u"), lo, hi);
  *out = (guint) v;
  return TRUE;
}

static gboolean
get_bool (Reader *r, JsonObject *o, const char *path, const char *key, gboolean *out,
          GError **error)
{
  JsonNode *n = member (o, key);

  if (n == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_BOOLEAN)
    return fail (r, error, o, path, key, _("must be true or false"));
  *out = json_node_get_boolean (n);
  return TRUE;
}

static gboolean
get_date (Reader *r, JsonObject *o, const char *path, const char *key, gboolean required,
          GDate *out, GError **error)
{
  const char *s;

  if (!get_string (r, o, path, key, required, &s, error))
    return FALSE;
  if (s == NULL)
    {
      g_date_clear (out, 1);
      g_date_set_dmy (out, 1, 1, 1900);
      return TRUE;
    }
  if (!pw_date_parse_iso (s, out))
    return fail (r, error, o, path, key, _("“%.40s” is not a date YYYY-MM-DD"), s);
  return TRUE;
}

static gboolean
get_enum (Reader *r, JsonObject *o, const char *path, const char *key, gboolean required,
          const char *const *names, guint *out, GError **error)
{
  const char *s;

  if (!get_string (r, o, path, key, required, &s, error))
    return FALSE;
  if (s == NULL)
    return TRUE;
  for (guint i = 0; names[i]; i++)
    if (g_str_equal (s, names[i]))
      {
        *out = i;
        return TRUE;
      }
  return fail (r, error, o, path, key, _("unknown value “%.40s”"), s);
}

static gboolean
get_array (Reader *r, JsonObject *o, const char *path, const char *key, gboolean required,
           JsonArray **out, GError **error)
{
  JsonNode *n = member (o, key);

  *out = NULL;
  if (n == NULL)
    return required ? fail (r, error, o, path, key, _("required")) : TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (n))
    return fail (r, error, o, path, key, _("must be a list"));
  *out = json_node_get_array (n);
  return TRUE;
}

static gboolean
get_object (Reader *r, JsonObject *o, const char *path, const char *key, gboolean required,
            JsonObject **out, GError **error)
{
  JsonNode *n = member (o, key);

  *out = NULL;
  if (n == NULL)
    return required ? fail (r, error, o, path, key, _("required")) : TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (n))
    return fail (r, error, o, path, key, _("must be an object"));
  *out = json_node_get_object (n);
  return TRUE;
}

static gboolean
get_strv (Reader *r, JsonObject *o, const char *path, const char *key, GStrv *out,
          GError **error)
{
  JsonArray *a;
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  *out = NULL;
  if (!get_array (r, o, path, key, FALSE, &a, error))
    return FALSE;
  if (a == NULL)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *n = json_array_get_element (a, i);

      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING
          || *json_node_get_string (n) == '\0')
        {
          g_autofree char *k = g_strdup_printf ("%s[%u]", key, i);
          return fail (r, error, o, path, k, _("must be a non-empty string"));
        }
      g_strv_builder_add (b, json_node_get_string (n));
    }
  *out = g_strv_builder_end (b);
  return TRUE;
}

/* the elements of a list of objects, each with its path */
static JsonObject *
element (Reader *r, JsonArray *a, guint i, JsonObject *parent, const char *path,
         const char *key, char **element_path, GError **error)
{
  JsonNode *n = json_array_get_element (a, i);

  *element_path = g_strdup_printf ("%s%s%s[%u]", path, *path ? "." : "", key, i);
  if (!JSON_NODE_HOLDS_OBJECT (n))
    {
      g_autofree char *k = g_strdup_printf ("%s[%u]", key, i);
      fail (r, error, parent, path, k, _("must be an object"));
      return NULL;
    }
  return json_node_get_object (n);
}

/* {"register": "decimal", …} */
static gboolean
get_values (Reader *r, JsonObject *o, const char *path, const char *key, gboolean required,
            GArray *values, GError **error)
{
  JsonObject *v;
  g_autofree char *vpath = join (path, key);
  g_autofree char *dup = NULL;
  JsonObjectIter it;
  const char *name;

  if (!get_object (r, o, path, key, required, &v, error))
    return FALSE;
  if (v == NULL)
    return TRUE;
  if ((dup = duplicate_of (r, v)) != NULL)
    return fail (r, error, v, vpath, dup, _("written twice"));
  json_object_iter_init (&it, v);
  while (json_object_iter_next (&it, &name, NULL))
    {
      PwDecimal d;

      if (!get_decimal (r, v, vpath, name, TRUE, NULL, &d, error))
        return FALSE;
      pw_register_values_set (values, name, d);
    }
  return TRUE;
}

/* ---- the parts ---------------------------------------------------------------- */

static gboolean
read_tax_code (Reader *r, PwUtilityInput *in, JsonObject *o, const char *path, GError **error)
{
  static const char *const allowed[] = { "code", "rate", "from", NULL };
  const char *code;
  PwDecimal rate;
  GDate from;
  PwTaxCode *t;

  if (!enter (r, o, path, allowed, error)
      || !get_string (r, o, path, "code", TRUE, &code, error)
      || !get_decimal (r, o, path, "rate", TRUE, NULL, &rate, error)
      || !get_date (r, o, path, "from", FALSE, &from, error))
    return FALSE;
  if (pw_decimal_cmp (rate, pw_decimal_from_int (1, 0)) >= 0)
    return fail (r, error, o, path, "rate", _("a rate is a fraction: 0.13 for 13%%"));
  t = pw_tax_code_new (code, &from, rate);
  t->line = line_of (r, o, NULL);
  g_ptr_array_add (in->tax_codes, t);
  return TRUE;
}

static gboolean
read_tariff (Reader *r, PwUtilityInput *in, JsonObject *o, const char *path, GError **error)
{
  static const char *const allowed[] = {
    "code", "from", "kind", "price", "basis", "year_start_month", "tiers", "seasons",
    "tax_code", "tax_inclusive", "name", NULL
  };
  static const char *const kinds[] = { "flat", "tiered", "time_of_use", NULL };
  static const char *const bases[] = { "monthly", "yearly", NULL };
  const char *code, *tax_code;
  guint kind = 0, basis = 0;
  GDate from;
  JsonArray *a;
  PwTariff *t;

  if (!enter (r, o, path, allowed, error)
      || !get_string (r, o, path, "code", TRUE, &code, error)
      || !get_date (r, o, path, "from", FALSE, &from, error)
      || !get_enum (r, o, path, "kind", TRUE, kinds, &kind, error)
      || !get_string (r, o, path, "tax_code", TRUE, &tax_code, error))
    return FALSE;
  t = pw_tariff_new (code, &from, kind);
  t->line = line_of (r, o, NULL);
  t->tax_code = g_strdup (tax_code);
  g_ptr_array_add (in->tariffs, t);
  if (!get_bool (r, o, path, "tax_inclusive", &t->tax_inclusive, error))
    return FALSE;

  if (kind == PW_TARIFF_FLAT)
    return get_decimal (r, o, path, "price", TRUE, NULL, &t->price, error);
  if (kind == PW_TARIFF_TIERED)
    {
      if (!get_enum (r, o, path, "basis", TRUE, bases, &basis, error)
          || !get_uint (r, o, path, "year_start_month", 1, 12, &t->year_start_month, error)
          || !get_array (r, o, path, "tiers", TRUE, &a, error))
        return FALSE;
      t->tier_basis = basis;
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          static const char *const tier_allowed[] = { "up_to", "price", NULL };
          g_autofree char *tp = NULL;
          JsonObject *to = element (r, a, i, o, path, "tiers", &tp, error);
          PwTier tier = { 0, };

          if (to == NULL || !enter (r, to, tp, tier_allowed, error)
              || !get_decimal (r, to, tp, "up_to", FALSE, &tier.bounded, &tier.up_to, error)
              || !get_decimal (r, to, tp, "price", TRUE, NULL, &tier.price, error))
            return FALSE;
          g_array_append_val (t->tiers, tier);
        }
      return TRUE;
    }
  if (!get_array (r, o, path, "seasons", TRUE, &a, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      static const char *const season_allowed[] = { "name", "months", "prices", NULL };
      g_autofree char *sp = NULL;
      JsonObject *so = element (r, a, i, o, path, "seasons", &sp, error);
      const char *name;
      JsonArray *months;
      PwTouSeason *s;

      if (so == NULL || !enter (r, so, sp, season_allowed, error)
          || !get_string (r, so, sp, "name", TRUE, &name, error)
          || !get_array (r, so, sp, "months", TRUE, &months, error))
        return FALSE;
      s = pw_tou_season_new (name);
      g_ptr_array_add (t->seasons, s);
      for (guint k = 0; k < json_array_get_length (months); k++)
        {
          JsonNode *n = json_array_get_element (months, k);
          gint64 mo = JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_INT64
                        ? json_node_get_int (n) : 0;

          if (mo < 1 || mo > 12)
            {
              g_autofree char *key = g_strdup_printf ("months[%u]", k);
              return fail (r, error, so, sp, key, _("a month is a number from 1 to 12"));
            }
          if (s->months & (1u << mo))
            {
              g_autofree char *key = g_strdup_printf ("months[%u]", k);
              return fail (r, error, so, sp, key, _("written twice"));
            }
          s->months |= 1u << mo;
        }
      if (!get_values (r, so, sp, "prices", TRUE, s->prices, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_meter (Reader *r, PwUtilityInput *in, JsonObject *o, const char *path, GError **error)
{
  static const char *const allowed[] = {
    "code", "kind", "serial", "location", "unit", "ct", "pt", "multiplier", "digits",
    "decimals", "registers", "register_tolerance", "master", "common", "customer", "spaces",
    "area", "weight", "tariff", "year_to_date", "replacements", NULL
  };
  static const char *const kinds[] = { "electricity", "water", "gas", "heat", "other", NULL };
  const char *code, *s, *ct, *pt;
  guint kind = 0;
  gboolean has_multiplier;
  PwDecimal given;
  JsonArray *a;
  PwMeter *m;
  g_autoptr(GError) local = NULL;

  if (!enter (r, o, path, allowed, error)
      || !get_string (r, o, path, "code", TRUE, &code, error)
      || !get_enum (r, o, path, "kind", TRUE, kinds, &kind, error))
    return FALSE;
  m = pw_meter_new (code, kind);
  m->line = line_of (r, o, NULL);
  g_ptr_array_add (in->meters, m);
#define STR(key, field) \
  if (!get_string (r, o, path, key, FALSE, &s, error)) return FALSE; \
  m->field = g_strdup (s);
  STR ("serial", serial)
  STR ("location", location)
  STR ("unit", unit)
  STR ("master", master)
  STR ("customer", customer)
  STR ("tariff", tariff)
#undef STR
  if (!get_string (r, o, path, "ct", FALSE, &ct, error)
      || !get_string (r, o, path, "pt", FALSE, &pt, error)
      || !get_decimal (r, o, path, "multiplier", FALSE, &has_multiplier, &given, error)
      || !get_uint (r, o, path, "digits", 1, 15, &m->digits, error)
      || !get_uint (r, o, path, "decimals", 0, 6, &m->decimals, error)
      || !get_strv (r, o, path, "registers", &m->registers, error)
      || !get_decimal (r, o, path, "register_tolerance", FALSE, NULL, &m->register_tolerance,
                       error)
      || !get_bool (r, o, path, "common", &m->common, error)
      || !get_strv (r, o, path, "spaces", &m->spaces, error)
      || !get_decimal (r, o, path, "area", FALSE, NULL, &m->area, error)
      || !get_decimal (r, o, path, "weight", FALSE, NULL, &m->weight, error)
      || !get_decimal (r, o, path, "year_to_date", FALSE, &m->has_year_to_date,
                       &m->year_to_date, error))
    return FALSE;
  if (!pw_utility_ratio_multiplier (ct, pt, &m->multiplier, &local))
    return fail (r, error, o, path, pw_ledger_error_get_field (local), "%s", local->message);
  if (has_multiplier && (ct || pt) && pw_decimal_cmp (given, m->multiplier) != 0)
    {
      g_autofree char *want = pw_decimal_to_string (m->multiplier);
      return fail (r, error, o, path, "multiplier",
                   _("the CT and PT ratios give %s, not this"), want);
    }
  if (has_multiplier)
    m->multiplier = given;
  if (m->registers != NULL)
    for (guint i = 0; m->registers[i]; i++)
      if (g_str_equal (m->registers[i], PW_UTILITY_TOTAL)
          || g_strv_contains ((const char *const *) m->registers + i + 1, m->registers[i]))
        return fail (r, error, o, path, "registers",
                     _("“%s” is the total register or written twice"), m->registers[i]);
  if (m->common && m->customer)
    return fail (r, error, o, path, "customer",
                 _("a meter of common use charges no customer"));

  if (!get_array (r, o, path, "replacements", FALSE, &a, error))
    return FALSE;
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    {
      static const char *const rep_allowed[] = {
        "date", "final", "opening", "old_multiplier", "new_serial", NULL
      };
      g_autofree char *rp = NULL;
      JsonObject *ro = element (r, a, i, o, path, "replacements", &rp, error);
      GDate date;
      PwMeterReplacement *rep, *previous = NULL;
      gboolean has_old;

      if (ro == NULL || !enter (r, ro, rp, rep_allowed, error)
          || !get_date (r, ro, rp, "date", TRUE, &date, error))
        return FALSE;
      rep = pw_meter_replacement_new (&date);
      rep->line = line_of (r, ro, NULL);
      rep->old_multiplier = m->multiplier;
      g_ptr_array_add (m->replacements, rep);
      if (!get_values (r, ro, rp, "final", TRUE, rep->final_values, error)
          || !get_values (r, ro, rp, "opening", TRUE, rep->opening_values, error)
          || !get_decimal (r, ro, rp, "old_multiplier", FALSE, &has_old, &rep->old_multiplier,
                           error)
          || !get_string (r, ro, rp, "new_serial", FALSE, &s, error))
        return FALSE;
      rep->new_serial = g_strdup (s);
      if (pw_register_values_get (rep->final_values, PW_UTILITY_TOTAL) == NULL)
        return fail (r, error, ro, rp, "final", _("the “total” register is missing"));
      if (pw_register_values_get (rep->opening_values, PW_UTILITY_TOTAL) == NULL)
        return fail (r, error, ro, rp, "opening", _("the “total” register is missing"));
      if (i > 0)
        previous = m->replacements->pdata[i - 1];
      if (previous != NULL && g_date_compare (&date, &previous->date) <= 0)
        return fail (r, error, ro, rp, "date", _("replacements must be in date order"));
    }
  return TRUE;
}

static gboolean
read_reading (Reader *r, PwUtilityInput *in, JsonObject *o, const char *path, GError **error)
{
  static const char *const allowed[] = {
    "meter", "date", "value", "values", "rollover", "confirmed", "note", NULL
  };
  const char *meter;
  GDate date;
  PwReading *rd;
  gboolean has_value;
  PwDecimal value;

  if (!enter (r, o, path, allowed, error)
      || !get_string (r, o, path, "meter", TRUE, &meter, error)
      || !get_date (r, o, path, "date", TRUE, &date, error))
    return FALSE;
  rd = pw_reading_new (meter, &date);
  rd->line = line_of (r, o, NULL);
  g_ptr_array_add (in->readings, rd);
  if (!get_decimal (r, o, path, "value", FALSE, &has_value, &value, error)
      || !get_values (r, o, path, "values", !has_value, rd->values, error)
      || !get_bool (r, o, path, "rollover", &rd->rollover, error)
      || !get_bool (r, o, path, "confirmed", &rd->confirmed, error))
    return FALSE;
  if (has_value && rd->values->len > 0)
    return fail (r, error, o, path, "value", _("give “value” or “values”, not both"));
  if (has_value)
    pw_register_values_set (rd->values, PW_UTILITY_TOTAL, value);
  return TRUE;
}

static gboolean
read_loss (Reader *r, PwUtilityInput *in, JsonObject *o, const char *path, GError **error)
{
  static const char *const allowed[] = { "master", "basis", "tariff", NULL };
  static const char *const bases[] = { "consumption", "area", "weights", NULL };
  const char *master, *tariff;
  guint basis = 0;
  PwLossRule *l;

  if (!enter (r, o, path, allowed, error)
      || !get_string (r, o, path, "master", TRUE, &master, error)
      || !get_enum (r, o, path, "basis", TRUE, bases, &basis, error)
      || !get_string (r, o, path, "tariff", FALSE, &tariff, error))
    return FALSE;
  l = pw_loss_rule_new (master, basis);
  l->tariff = g_strdup (tariff);
  l->line = line_of (r, o, NULL);
  g_ptr_array_add (in->losses, l);
  return TRUE;
}

gboolean
pw_utility_input_add_tariff (PwUtilityInput *in, JsonObject *definition, const char *name,
                             const char *path, GError **error)
{
  Reader r = { name, NULL };

  return read_tariff (&r, in, definition, path, error);
}

typedef gboolean (*ReadFunc) (Reader *, PwUtilityInput *, JsonObject *, const char *, GError **);

static gboolean
read_list (Reader *r, PwUtilityInput *in, JsonObject *root, const char *key, gboolean required,
           ReadFunc func, GError **error)
{
  JsonArray *a;

  if (!get_array (r, root, "", key, required, &a, error))
    return FALSE;
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    {
      g_autofree char *path = NULL;
      JsonObject *o = element (r, a, i, root, "", key, &path, error);

      if (o == NULL || !func (r, in, o, path, error))
        return FALSE;
    }
  return TRUE;
}

PwUtilityInput *
pw_utility_input_load_data (const char *data, gsize length, const char *name, GError **error)
{
  static const char *const allowed[] = {
    "currency", "period", "tax_codes", "tariffs", "meters", "readings", "losses", "note", NULL
  };
  Reader r = { 0, };
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(PwUtilityInput) in = NULL;
  g_autoptr(GError) local = NULL;
  JsonNode *root;
  JsonObject *o;
  const char *currency, *period;
  guint year, month, depth;
  gboolean ok = FALSE;

  r.name = name;
  if (length > MAX_SIZE)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   _("%s: the file is larger than %u MB"), name, MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  r.lines = pw_json_lines_scan (data, length, MAX_DEPTH, &depth);
  if (depth > MAX_DEPTH)
    {
      pw_json_lines_free (r.lines);
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   _("%s: nested deeper than %d levels"), name, MAX_DEPTH);
      return NULL;
    }
  parser = json_parser_new ();
  pw_json_lines_attach (r.lines, parser);
  if (!json_parser_load_from_data (parser, data, length, &local))
    {
      /* json-glib names the text "<data>"; the file's name is the one to give */
      const char *message = g_str_has_prefix (local->message, "<data>:")
                              ? local->message + strlen ("<data>:") : local->message;

      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD, "%s:%s", name,
                   message);
      goto out;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   _("%s: the file must hold one JSON object"), name);
      goto out;
    }
  o = json_node_get_object (root);
  if (!enter (&r, o, "", allowed, error)
      || !get_string (&r, o, "", "currency", TRUE, &currency, error)
      || !get_string (&r, o, "", "period", TRUE, &period, error))
    goto out;
  if (pw_currency_minor_digits (currency) < 0)
    {
      fail (&r, error, o, "", "currency", _("“%.20s” is not an ISO 4217 currency code"), currency);
      goto out;
    }
  if (strlen (period) != 7 || sscanf (period, "%4u-%2u", &year, &month) != 2 || period[4] != '-'
      || month < 1 || month > 12 || year < 1900)
    {
      fail (&r, error, o, "", "period", _("“%.20s” is not a month YYYY-MM"), period);
      goto out;
    }
  in = pw_utility_input_new (currency, year, month);
  in->minor_digits = pw_currency_minor_digits (currency);
  if (!read_list (&r, in, o, "tax_codes", TRUE, read_tax_code, error)
      || !read_list (&r, in, o, "tariffs", FALSE, read_tariff, error)
      || !read_list (&r, in, o, "meters", TRUE, read_meter, error)
      || !read_list (&r, in, o, "readings", FALSE, read_reading, error)
      || !read_list (&r, in, o, "losses", FALSE, read_loss, error))
    goto out;
  if (!pw_utility_input_validate (in, &local))
    {
      const char *field = pw_ledger_error_get_field (local);
      guint line = field ? pw_json_lines_line_of_path (r.lines, root, field) : 0;

      g_prefix_error (&local, "%s:%u: ", name, line);
      g_propagate_error (error, g_steal_pointer (&local));
      goto out;
    }
  ok = TRUE;

out:
  pw_json_lines_free (r.lines);
  return ok ? g_steal_pointer (&in) : NULL;
}

PwUtilityInput *
pw_utility_input_load (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = g_filename_display_name (path);
  GStatBuf st;
  gsize length;

  /* a file over the limit is refused before it is read into memory */
  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > MAX_SIZE)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   _("%s: the file is larger than %u MB"), name, MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return pw_utility_input_load_data (contents, length, name, error);
}
