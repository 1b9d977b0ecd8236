/* pw-lease-terms.c — a new lease's terms from the few figures a form asks for
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pw-decimal.h"
#include "pw-error.h"
#include "pw-lease-terms.h"
#include "pw-lease.h"
#include "pw-ledger.h"

gboolean
pw_lease_form_is_decimal (const char *text)
{
  PwDecimal d;

  return text != NULL && g_ascii_isdigit (text[0]) && pw_decimal_parse (text, &d, NULL);
}

static gboolean
is_zero (const char *text)
{
  PwDecimal d;

  return pw_decimal_parse (text, &d, NULL) && pw_decimal_sign (d) == 0;
}

static char *
format_area (gint64 area)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", area / 100, (int) (area % 100));
}

char *
pw_lease_form_months_end (const char *start,
                          guint       months)
{
  GDate date;
  char text[16];

  g_date_clear (&date, 1);
  if (start == NULL || !pw_date_is_valid (start))
    return NULL;
  g_date_set_parse (&date, start);
  if (!g_date_valid (&date))
    return NULL;
  g_date_add_months (&date, months);
  g_date_subtract_days (&date, 1);
  g_snprintf (text, sizeof text, "%04u-%02u-%02u", g_date_get_year (&date),
              g_date_get_month (&date), g_date_get_day (&date));
  return g_strdup (text);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value != NULL ? value : "");
}

static void
add_spaces_member (const PwLeaseForm *form,
                   JsonBuilder       *b)
{
  json_builder_set_member_name (b, "spaces");
  json_builder_begin_array (b);
  for (guint i = 0; i < form->n_spaces; i++)
    json_builder_add_string_value (b, form->spaces[i].code);
  json_builder_end_array (b);
}

static void
add_tax_code (JsonBuilder *b,
              const char  *code,
              const char  *rate)
{
  json_builder_begin_object (b);
  add_string (b, "code", code);
  add_string (b, "rate", rate);
  json_builder_end_object (b);
}

static void
add_charge (const PwLeaseForm *form,
            JsonBuilder       *b,
            const char        *code,
            const char        *kind,
            const char        *tax_code,
            const char        *price,
            const char        *escalation)
{
  json_builder_begin_object (b);
  add_string (b, "code", code);
  add_string (b, "kind", kind);
  add_string (b, "seller", "LL");
  add_string (b, "tax_code", tax_code);
  add_string (b, "unit_price", price);
  add_string (b, "unit", "m2_month");
  add_spaces_member (form, b);
  add_string (b, "frequency", form->quarterly ? "quarterly" : "monthly");
  if (escalation != NULL)
    {
      json_builder_set_member_name (b, "escalation");
      json_builder_begin_object (b);
      add_string (b, "type", "fixed");
      add_string (b, "percent", escalation);
      json_builder_set_member_name (b, "every_years");
      json_builder_add_int_value (b, 1);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

char *
pw_lease_form_build_terms (const PwLeaseForm *form)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *start = form->start != NULL ? form->start : "";
  const char *today = form->today != NULL ? form->today : "";
  const char *escalation = form->escalation;

  g_return_val_if_fail (form != NULL, NULL);

  /* a zero escalation is none */
  if (escalation != NULL && (escalation[0] == '\0' || is_zero (escalation)))
    escalation = NULL;

  json_builder_begin_object (b);
  add_string (b, "id", form->code);
  add_string (b, "currency", form->currency);
  /* not signed yet: the signing date is taken as today, or the start if that is earlier */
  add_string (b, "signed", pw_date_is_valid (start) && strcmp (start, today) < 0 ? start : today);
  add_string (b, "start", start);
  add_string (b, "end", form->end);

  json_builder_set_member_name (b, "parties");
  json_builder_begin_object (b);
  add_string (b, "landlord", form->landlord);
  /* Translators: the tenant of a draft lease that has no customer yet */
  add_string (b, "tenant", form->tenant != NULL ? form->tenant : _("Tenant to be named"));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "sellers");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_string (b, "code", "LL");
  add_string (b, "name", form->landlord);
  json_builder_end_object (b);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "spaces");
  json_builder_begin_array (b);
  for (guint i = 0; i < form->n_spaces; i++)
    {
      g_autofree char *area = format_area (form->spaces[i].area);

      json_builder_begin_object (b);
      add_string (b, "code", form->spaces[i].code);
      add_string (b, "area", area);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "tax_codes");
  json_builder_begin_array (b);
  add_tax_code (b, PW_LEASE_RENT_TAX_CODE, PW_LEASE_RENT_TAX_RATE);
  add_tax_code (b, PW_LEASE_SERVICE_TAX_CODE, PW_LEASE_SERVICE_TAX_RATE);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "charges");
  json_builder_begin_array (b);
  add_charge (form, b, "rent", "rent", PW_LEASE_RENT_TAX_CODE, form->rent, escalation);
  if (form->fee != NULL && form->fee[0] != '\0')
    add_charge (form, b, "pm", "property_fee", PW_LEASE_SERVICE_TAX_CODE, form->fee, NULL);
  json_builder_end_array (b);

  if (form->rent_free_months > 0)
    {
      g_autofree char *free_end = pw_lease_form_months_end (start, form->rent_free_months);

      json_builder_set_member_name (b, "free_periods");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      add_string (b, "kind", "rent_free");
      add_string (b, "start", start);
      add_string (b, "end", free_end != NULL ? free_end : start);
      json_builder_set_member_name (b, "waives");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, "rent");
      json_builder_end_array (b);
      json_builder_end_object (b);
      json_builder_end_array (b);
    }
  if (form->deposit_months > 0)
    {
      g_autofree char *months = g_strdup_printf ("%u", form->deposit_months);

      json_builder_set_member_name (b, "deposit");
      json_builder_begin_object (b);
      add_string (b, "months", months);
      json_builder_set_member_name (b, "charges");
      json_builder_begin_array (b);
      json_builder_add_string_value (b, "rent");
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* The form's field a refusal of the JSON form concerns, by the path its message
 * starts with, and the field's name as the form shows it. */
static const struct {
  const char *path;
  const char *field;
  const char *label;
} paths[] = {
  { "charges[0].escalation", "escalation", N_("Yearly escalation") },
  { "charges[0]", "rent", N_("Rent per m² per month") },
  { "charges[1]", "fee", N_("Property fee per m² per month") },
  { "free_periods", "rent_free", N_("Rent-free months") },
  { "deposit", "deposit", N_("Deposit") },
  { "start", "start", N_("Start date") },
  { "end", "end", N_("End date") },
  { "signed", "start", N_("Start date") },
  { "id", "code", N_("Contract code") },
};

static void
set_form_error (GError     **error,
                const char  *field,
                const char  *message)
{
  if (error == NULL)
    return;
  g_set_error_literal (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD, message);
  pw_ledger_error_set_field (*error, field);
}

PwSchedule *
pw_lease_form_check (const PwLeaseForm  *form,
                     char              **terms,
                     GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PwContract) contract = NULL;
  g_autofree char *text = NULL;
  PwSchedule *schedule = NULL;

  g_return_val_if_fail (form != NULL, NULL);

  if (terms != NULL)
    *terms = NULL;
  if (form->code == NULL || form->code[0] == '\0')
    {
      set_form_error (error, "code", _("Contract code — a code is required"));
      return NULL;
    }
  if (form->start == NULL || !pw_date_is_valid (form->start))
    {
      set_form_error (error, "start", _("Start date — enter a date of the form YYYY-MM-DD"));
      return NULL;
    }
  if (form->end == NULL || !pw_date_is_valid (form->end))
    {
      set_form_error (error, "end", _("End date — enter a date of the form YYYY-MM-DD"));
      return NULL;
    }
  if (form->rent == NULL || form->rent[0] == '\0')
    {
      set_form_error (error, "rent", _("Enter the rent per m² per month to see the schedule"));
      return NULL;
    }

  text = pw_lease_form_build_terms (form);
  contract = pw_contract_parse (text, -1, &local_error);
  if (contract != NULL)
    schedule = pw_schedule_compute (contract, &local_error);
  if (schedule == NULL)
    {
      const char *field = NULL, *label = NULL;
      g_autofree char *message = NULL;

      /* the member the refusal names; the engine's own (schedule) errors name it
       * at the head of their message only */
      const char *where = local_error->domain == PW_CONTRACT_ERROR
                            && pw_contract_error_get_path (local_error) != NULL
                          ? pw_contract_error_get_path (local_error) : local_error->message;

      for (guint i = 0; i < G_N_ELEMENTS (paths) && field == NULL; i++)
        if (g_str_has_prefix (where, paths[i].path))
          {
            field = paths[i].field;
            label = _(paths[i].label);
          }
      /* Translators: a form field, then what is wrong with it */
      message = label != NULL ? g_strdup_printf (_("%s — %s"), label, local_error->message)
                              : g_strdup (local_error->message);
      set_form_error (error, field, message);
      return NULL;
    }
  if (terms != NULL)
    *terms = g_steal_pointer (&text);
  return schedule;
}
