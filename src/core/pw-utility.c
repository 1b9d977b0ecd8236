/* pw-utility.c — the utility model: constructors, checks, tax and sharing
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rules: docs/utility-rules.md. The charges themselves are computed in
 * pw-utility-compute.c, -tariff.c and -loss.c; the JSON form is read in
 * pw-utility-json.c and the result written in pw-utility-output.c. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-error.h"
#include "pw-utility-private.h"

/* ---- constructors ------------------------------------------------------------ */

static void
clear_register_value (gpointer data)
{
  PwRegisterValue *v = data;

  g_free (v->name);
}

GArray *
pw_register_values_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (PwRegisterValue));

  g_array_set_clear_func (a, clear_register_value);
  return a;
}

void
pw_register_values_set (GArray *values, const char *name, PwDecimal value)
{
  PwRegisterValue v;

  for (guint i = 0; i < values->len; i++)
    if (g_str_equal (g_array_index (values, PwRegisterValue, i).name, name))
      {
        g_array_index (values, PwRegisterValue, i).value = value;
        return;
      }
  v.name = g_strdup (name);
  v.value = value;
  g_array_append_val (values, v);
}

const PwDecimal *
pw_register_values_get (GArray *values, const char *name)
{
  if (values == NULL)
    return NULL;
  for (guint i = 0; i < values->len; i++)
    if (g_str_equal (g_array_index (values, PwRegisterValue, i).name, name))
      return &g_array_index (values, PwRegisterValue, i).value;
  return NULL;
}

PwUtilityInput *
pw_utility_input_new (const char *currency, guint year, guint month)
{
  PwUtilityInput *in = g_new0 (PwUtilityInput, 1);

  in->currency = g_strdup (currency);
  in->minor_digits = 2;
  in->year = year;
  in->month = month;
  in->meters = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_meter_free);
  in->readings = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_reading_free);
  in->tariffs = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_tariff_free);
  in->tax_codes = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_tax_code_free);
  in->losses = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_loss_rule_free);
  return in;
}

void
pw_utility_input_free (PwUtilityInput *in)
{
  if (in == NULL)
    return;
  g_free (in->currency);
  g_ptr_array_unref (in->meters);
  g_ptr_array_unref (in->readings);
  g_ptr_array_unref (in->tariffs);
  g_ptr_array_unref (in->tax_codes);
  g_ptr_array_unref (in->losses);
  g_clear_pointer (&in->index, g_hash_table_unref);
  g_free (in);
}

PwMeter *
pw_meter_new (const char *code, PwMeterKind kind)
{
  PwMeter *m = g_new0 (PwMeter, 1);

  m->code = g_strdup (code);
  m->kind = kind;
  m->multiplier = pw_decimal_from_int (1, 0);
  m->register_tolerance = pw_decimal_from_int (0, 0);
  m->area = pw_decimal_from_int (0, 0);
  m->weight = pw_decimal_from_int (0, 0);
  m->year_to_date = pw_decimal_from_int (0, 0);
  m->replacements = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_meter_replacement_free);
  return m;
}

void
pw_meter_free (PwMeter *m)
{
  if (m == NULL)
    return;
  g_free (m->code);
  g_free (m->serial);
  g_free (m->location);
  g_free (m->unit);
  g_strfreev (m->registers);
  g_free (m->master);
  g_free (m->customer);
  g_strfreev (m->spaces);
  g_free (m->tariff);
  g_ptr_array_unref (m->replacements);
  g_free (m);
}

PwReading *
pw_reading_new (const char *meter, const GDate *date)
{
  PwReading *r = g_new0 (PwReading, 1);

  r->meter = g_strdup (meter);
  r->date = *date;
  r->values = pw_register_values_new ();
  return r;
}

void
pw_reading_free (PwReading *r)
{
  if (r == NULL)
    return;
  g_free (r->meter);
  g_array_unref (r->values);
  g_free (r);
}

PwMeterReplacement *
pw_meter_replacement_new (const GDate *date)
{
  PwMeterReplacement *r = g_new0 (PwMeterReplacement, 1);

  r->date = *date;
  r->final_values = pw_register_values_new ();
  r->opening_values = pw_register_values_new ();
  r->old_multiplier = pw_decimal_from_int (1, 0);
  return r;
}

void
pw_meter_replacement_free (PwMeterReplacement *r)
{
  if (r == NULL)
    return;
  g_array_unref (r->final_values);
  g_array_unref (r->opening_values);
  g_free (r->new_serial);
  g_free (r);
}

PwTariff *
pw_tariff_new (const char *code, const GDate *from, PwTariffKind kind)
{
  PwTariff *t = g_new0 (PwTariff, 1);

  t->code = g_strdup (code);
  t->from = *from;
  t->kind = kind;
  t->price = pw_decimal_from_int (0, 0);
  t->year_start_month = 1;
  t->tiers = g_array_new (FALSE, TRUE, sizeof (PwTier));
  t->seasons = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_tou_season_free);
  t->tax_inclusive = TRUE;
  return t;
}

void
pw_tariff_free (PwTariff *t)
{
  if (t == NULL)
    return;
  g_free (t->code);
  g_array_unref (t->tiers);
  g_ptr_array_unref (t->seasons);
  g_free (t->tax_code);
  g_free (t);
}

PwTouSeason *
pw_tou_season_new (const char *name)
{
  PwTouSeason *s = g_new0 (PwTouSeason, 1);

  s->name = g_strdup (name);
  s->prices = pw_register_values_new ();
  return s;
}

void
pw_tou_season_free (PwTouSeason *s)
{
  if (s == NULL)
    return;
  g_free (s->name);
  g_array_unref (s->prices);
  g_free (s);
}

PwTaxCode *
pw_tax_code_new (const char *code, const GDate *from, PwDecimal rate)
{
  PwTaxCode *t = g_new0 (PwTaxCode, 1);

  t->code = g_strdup (code);
  t->from = *from;
  t->rate = rate;
  return t;
}

void
pw_tax_code_free (PwTaxCode *t)
{
  if (t == NULL)
    return;
  g_free (t->code);
  g_free (t);
}

PwLossRule *
pw_loss_rule_new (const char *master, PwLossBasis basis)
{
  PwLossRule *r = g_new0 (PwLossRule, 1);

  r->master = g_strdup (master);
  r->basis = basis;
  return r;
}

void
pw_loss_rule_free (PwLossRule *r)
{
  if (r == NULL)
    return;
  g_free (r->master);
  g_free (r->tariff);
  g_free (r);
}

/* ---- names ---------------------------------------------------------------------- */

static const char *const kind_names[] = { "electricity", "water", "gas", "heat", "other" };

const char *
pw_meter_kind_to_string (PwMeterKind kind)
{
  g_return_val_if_fail (kind <= PW_METER_OTHER, "other");
  return kind_names[kind];
}

gboolean
pw_meter_kind_from_string (const char *text, PwMeterKind *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
pw_meter_kind_label (PwMeterKind kind)
{
  switch (kind)
    {
    case PW_METER_ELECTRICITY: return C_("meter kind", "electricity");
    case PW_METER_WATER: return C_("meter kind", "water");
    case PW_METER_GAS: return C_("meter kind", "gas");
    case PW_METER_HEAT: return C_("meter kind", "heat");
    case PW_METER_OTHER: default: return C_("meter kind", "other");
    }
}

const char *
pw_utility_problem_kind_to_string (PwUtilityProblemKind kind)
{
  static const char *const names[] = {
    "missing_reading", "lower_reading", "flagged_reading", "registers",
    "no_tariff", "negative_loss", "loss_incomplete", "no_share_basis",
  };

  g_return_val_if_fail (kind < G_N_ELEMENTS (names), "unknown");
  return names[kind];
}

/* ---- figures -------------------------------------------------------------------- */

char *
pw_utility_format_quantity (PwDecimal q)
{
  g_autofree char *text = pw_decimal_to_string (pw_decimal_normalize (q));
  const char *digits = text[0] == '-' ? text + 1 : text;
  const char *dot = strchr (digits, '.');
  gsize n_int = dot ? (gsize) (dot - digits) : strlen (digits);
  GString *out = g_string_new (text[0] == '-' ? "−" : "");

  for (gsize i = 0; i < n_int; i++)
    {
      if (i > 0 && (n_int - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  if (dot)
    g_string_append (out, dot);
  return g_string_free (out, FALSE);
}

static gboolean
read_ratio (const char *text, const char *field, PwDecimal *out, GError **error)
{
  g_auto(GStrv) parts = NULL;
  PwDecimal a, b;

  if (text == NULL)
    {
      *out = pw_decimal_from_int (1, 0);
      return TRUE;
    }
  parts = g_strsplit (text, "/", 3);
  if (g_strv_length (parts) != 2 || !pw_decimal_parse (parts[0], &a, NULL)
      || !pw_decimal_parse (parts[1], &b, NULL) || pw_decimal_sign (a) <= 0
      || pw_decimal_sign (b) <= 0)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   /* Translators: a CT or PT ratio such as 200/5 */
                   _("“%s” is not a ratio such as 200/5"), text);
      if (error != NULL)
        pw_ledger_error_set_field (*error, field);
      return FALSE;
    }
  if (!pw_decimal_div (a, b, 12, PW_ROUND_HALF_UP, out, error))
    return FALSE;
  *out = pw_decimal_normalize (*out);
  if (out->scale > 6)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   _("the ratio %s does not give an exact multiplier"), text);
      if (error != NULL)
        pw_ledger_error_set_field (*error, field);
      return FALSE;
    }
  return TRUE;
}

gboolean
pw_utility_ratio_multiplier (const char *ct, const char *pt, PwDecimal *out, GError **error)
{
  PwDecimal c, p;

  if (!read_ratio (ct, "ct", &c, error) || !read_ratio (pt, "pt", &p, error))
    return FALSE;
  if (!pw_decimal_mul (c, p, out, error))
    return FALSE;
  *out = pw_decimal_normalize (*out);
  return TRUE;
}

gboolean
pw_utility_tax (gint64 amount, PwDecimal rate, gboolean inclusive, gint64 *gross, gint64 *net,
                gint64 *tax, GError **error)
{
  PwDecimal a = pw_decimal_from_int (amount, 0), one = pw_decimal_from_int (1, 0), x;

  if (inclusive)
    {
      PwDecimal divisor;

      if (!pw_decimal_add (one, rate, &divisor, error)
          || !pw_decimal_div (a, divisor, 0, PW_ROUND_HALF_UP, &x, error)
          || !pw_decimal_to_minor (x, 0, PW_ROUND_HALF_UP, net, error))
        return FALSE;
      *gross = amount;
      *tax = amount - *net;
      return TRUE;
    }
  if (!pw_decimal_mul (a, rate, &x, error)
      || !pw_decimal_to_minor (x, 0, PW_ROUND_HALF_UP, tax, error))
    return FALSE;
  *net = amount;
  *gross = amount + *tax;
  return TRUE;
}

/* ---- checks --------------------------------------------------------------------- */

gboolean
pw_utility_field_error (GError **error, const char *field, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: a JSON path such as meters[2].tariff, then what is wrong with it */
  g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD, _("%s: %s"), field, message);
  if (error != NULL)
    pw_ledger_error_set_field (*error, field);
  return FALSE;
}

PwMeter *
pw_utility_find_meter (PwUtilityInput *in, const char *code, guint *index)
{
  if (in->index != NULL && index == NULL)
    return g_hash_table_lookup (in->index, code);
  for (guint i = 0; i < in->meters->len; i++)
    {
      PwMeter *m = in->meters->pdata[i];

      if (g_str_equal (m->code, code))
        {
          if (index)
            *index = i;
          return m;
        }
    }
  return NULL;
}

static gboolean
tariff_exists (PwUtilityInput *in, const char *code)
{
  for (guint i = 0; i < in->tariffs->len; i++)
    if (g_str_equal (((PwTariff *) in->tariffs->pdata[i])->code, code))
      return TRUE;
  return FALSE;
}

static gboolean
tax_code_exists (PwUtilityInput *in, const char *code)
{
  for (guint i = 0; i < in->tax_codes->len; i++)
    if (g_str_equal (((PwTaxCode *) in->tax_codes->pdata[i])->code, code))
      return TRUE;
  return FALSE;
}

static gboolean
validate_tariff (PwUtilityInput *in, PwTariff *t, guint i, GError **error)
{
  g_autofree char *path = g_strdup_printf ("tariffs[%u]", i);

  if (t->tax_code == NULL || !tax_code_exists (in, t->tax_code))
    return pw_utility_field_error (error, path, _("tax code “%s” is not in tax_codes"),
                                   t->tax_code ? t->tax_code : "");
  for (guint j = 0; j < in->tariffs->len; j++)
    {
      PwTariff *o = in->tariffs->pdata[j];

      if (j < i && g_str_equal (o->code, t->code) && g_date_compare (&o->from, &t->from) == 0)
        return pw_utility_field_error (error, path,
                                       _("tariff “%s” has two versions from the same day"),
                                       t->code);
    }
  if (t->kind == PW_TARIFF_TIERED)
    {
      if (t->tiers->len == 0 || g_array_index (t->tiers, PwTier, t->tiers->len - 1).bounded)
        return pw_utility_field_error (error, path,
                                       _("the last tier must have no upper bound"));
      for (guint k = 0; k + 1 < t->tiers->len; k++)
        {
          PwTier *a = &g_array_index (t->tiers, PwTier, k);

          if (!a->bounded || pw_decimal_sign (a->up_to) <= 0
              || (k > 0 && pw_decimal_cmp (a->up_to,
                                           g_array_index (t->tiers, PwTier, k - 1).up_to) <= 0))
            {
              g_autofree char *tier = g_strdup_printf ("%s.tiers[%u].up_to", path, k);
              return pw_utility_field_error (error, tier,
                                             _("tier bounds must be positive and rise"));
            }
        }
    }
  if (t->kind == PW_TARIFF_TIME_OF_USE)
    {
      guint covered = 0;

      if (t->seasons->len == 0)
        return pw_utility_field_error (error, path, _("a time-of-use tariff needs seasons"));
      for (guint k = 0; k < t->seasons->len; k++)
        {
          PwTouSeason *s = t->seasons->pdata[k];

          if ((covered & s->months) != 0)
            {
              g_autofree char *sp = g_strdup_printf ("%s.seasons[%u].months", path, k);
              return pw_utility_field_error (error, sp,
                                             _("a month is in two seasons"));
            }
          covered |= s->months;
        }
      if (covered != 0x1ffe)
        {
          g_autofree char *sp = g_strdup_printf ("%s.seasons", path);
          return pw_utility_field_error (error, sp,
                                         _("the seasons must cover every month of the year"));
        }
    }
  return TRUE;
}

/* every register of @m has a price in every season of every version of its tariff */
static gboolean
validate_tou_meter (PwUtilityInput *in, PwMeter *m, const char *path, GError **error)
{
  for (guint i = 0; i < in->tariffs->len; i++)
    {
      PwTariff *t = in->tariffs->pdata[i];

      if (!g_str_equal (t->code, m->tariff))
        continue;
      if (t->kind == PW_TARIFF_TIME_OF_USE && m->registers == NULL)
        return pw_utility_field_error (error, path,
                                       _("tariff “%s” is time-of-use but the meter has no "
                                         "registers"), t->code);
      if (t->kind != PW_TARIFF_TIME_OF_USE)
        continue;
      for (guint k = 0; k < t->seasons->len; k++)
        {
          PwTouSeason *s = t->seasons->pdata[k];

          for (guint r = 0; m->registers[r] != NULL; r++)
            if (pw_register_values_get (s->prices, m->registers[r]) == NULL)
              return pw_utility_field_error (error, path,
                                             _("tariff “%s” has no price for register “%s” "
                                               "in season “%s”"),
                                             t->code, m->registers[r], s->name);
        }
    }
  return TRUE;
}

gboolean
pw_utility_input_validate (PwUtilityInput *in, GError **error)
{
  if (in->month < 1 || in->month > 12)
    return pw_utility_field_error (error, "period", _("the month must be 1 to 12"));
  for (guint i = 0; i < in->tax_codes->len; i++)
    {
      PwTaxCode *t = in->tax_codes->pdata[i];

      if (pw_decimal_sign (t->rate) < 0)
        {
          g_autofree char *path = g_strdup_printf ("tax_codes[%u].rate", i);
          return pw_utility_field_error (error, path, _("a tax rate cannot be negative"));
        }
    }
  for (guint i = 0; i < in->tariffs->len; i++)
    if (!validate_tariff (in, in->tariffs->pdata[i], i, error))
      return FALSE;
  g_clear_pointer (&in->index, g_hash_table_unref);
  in->index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < in->meters->len; i++)
    {
      PwMeter *m = in->meters->pdata[i];

      if (!g_hash_table_insert (in->index, m->code, m))
        {
          g_autofree char *path = g_strdup_printf ("meters[%u].code", i);

          g_clear_pointer (&in->index, g_hash_table_unref);
          return pw_utility_field_error (error, path, _("meter “%s” appears twice"), m->code);
        }
    }
  for (guint i = 0; i < in->meters->len; i++)
    {
      PwMeter *m = in->meters->pdata[i];
      g_autofree char *path = g_strdup_printf ("meters[%u]", i);

      if (pw_decimal_sign (m->multiplier) <= 0)
        {
          g_autofree char *p = g_strdup_printf ("%s.multiplier", path);
          return pw_utility_field_error (error, p, _("the multiplier must be above zero"));
        }
      if (m->master != NULL)
        {
          PwMeter *master = pw_utility_find_meter (in, m->master, NULL);

          if (master == NULL || master == m)
            {
              g_autofree char *p = g_strdup_printf ("%s.master", path);
              return pw_utility_field_error (error, p, _("no meter “%s”"), m->master);
            }
        }
      if (m->tariff != NULL)
        {
          g_autofree char *p = g_strdup_printf ("%s.tariff", path);

          if (!tariff_exists (in, m->tariff))
            return pw_utility_field_error (error, p, _("no tariff “%s”"), m->tariff);
          if (!validate_tou_meter (in, m, p, error))
            return FALSE;
        }
    }
  for (guint i = 0; i < in->readings->len; i++)
    {
      PwReading *r = in->readings->pdata[i];
      PwMeter *m = pw_utility_find_meter (in, r->meter, NULL);
      PwDecimal limit = pw_decimal_from_int (1, 0);

      /* paths are written only for a refusal: a store may hold 100,000s of readings */
      if (m == NULL)
        {
          g_autofree char *p = g_strdup_printf ("readings[%u].meter", i);
          return pw_utility_field_error (error, p, _("no meter “%s”"), r->meter);
        }
      if (pw_register_values_get (r->values, PW_UTILITY_TOTAL) == NULL)
        {
          g_autofree char *p = g_strdup_printf ("readings[%u].values", i);
          return pw_utility_field_error (error, p, _("the “total” register is missing"));
        }
      for (guint d = 0; d < m->digits; d++)
        limit.m *= 10;
      for (guint k = 0; k < r->values->len; k++)
        {
          PwRegisterValue *v = &g_array_index (r->values, PwRegisterValue, k);
          g_autofree char *p = NULL;

          if (pw_decimal_sign (v->value) < 0)
            {
              p = g_strdup_printf ("readings[%u].values.%s", i, v->name);
              return pw_utility_field_error (error, p, _("a reading cannot be negative"));
            }
          if (!g_str_equal (v->name, PW_UTILITY_TOTAL)
              && (m->registers == NULL || !g_strv_contains ((const char *const *) m->registers,
                                                            v->name)))
            {
              p = g_strdup_printf ("readings[%u].values.%s", i, v->name);
              return pw_utility_field_error (error, p, _("meter “%s” has no register “%s”"),
                                             m->code, v->name);
            }
          if (m->digits > 0 && pw_decimal_cmp (v->value, limit) >= 0)
            {
              p = g_strdup_printf ("readings[%u].values.%s", i, v->name);
              return pw_utility_field_error (error, p,
                                             _("the reading has more than the meter’s %u "
                                               "digits"), m->digits);
            }
        }
      if (m->registers != NULL)
        for (guint k = 0; m->registers[k] != NULL; k++)
          if (pw_register_values_get (r->values, m->registers[k]) == NULL)
            {
              g_autofree char *p = g_strdup_printf ("readings[%u].values", i);
              return pw_utility_field_error (error, p, _("register “%s” is missing"),
                                             m->registers[k]);
            }
    }
  for (guint i = 0; i < in->losses->len; i++)
    {
      PwLossRule *l = in->losses->pdata[i];
      g_autofree char *path = g_strdup_printf ("losses[%u]", i);
      PwMeter *master = pw_utility_find_meter (in, l->master, NULL);
      const char *tariff = l->tariff ? l->tariff : master ? master->tariff : NULL;

      if (master == NULL)
        {
          g_autofree char *p = g_strdup_printf ("%s.master", path);
          return pw_utility_field_error (error, p, _("no meter “%s”"), l->master);
        }
      if (tariff == NULL || !tariff_exists (in, tariff))
        {
          g_autofree char *p = g_strdup_printf ("%s.tariff", path);
          return pw_utility_field_error (error, p, _("no tariff prices the loss"));
        }
      for (guint k = 0; k < in->tariffs->len; k++)
        {
          PwTariff *t = in->tariffs->pdata[k];

          if (g_str_equal (t->code, tariff) && t->kind != PW_TARIFF_FLAT)
            {
              g_autofree char *p = g_strdup_printf ("%s.tariff", path);
              return pw_utility_field_error (error, p,
                                             _("a loss is priced by a flat tariff, and “%s” "
                                               "is not one"), tariff);
            }
        }
      for (guint k = 0; k < i; k++)
        if (g_str_equal (((PwLossRule *) in->losses->pdata[k])->master, l->master))
          {
            g_autofree char *p = g_strdup_printf ("%s.master", path);
            return pw_utility_field_error (error, p, _("meter “%s” has two loss rules"),
                                           l->master);
          }
    }
  return TRUE;
}
