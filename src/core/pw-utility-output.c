/* pw-utility-output.c — a month's utility charges as JSON (docs/utility-format.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include "pw-date.h"
#include "pw-utility.h"

static void
add_decimal (JsonBuilder *b, const char *name, PwDecimal d)
{
  g_autofree char *text = pw_decimal_to_string (pw_decimal_normalize (d));

  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, text);
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_bool (JsonBuilder *b, const char *name, gboolean value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

JsonNode *
pw_utility_result_to_json (const PwUtilityResult *res)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *period = g_strdup_printf ("%04u-%02u", res->year, res->month);

  json_builder_begin_object (b);
  add_string (b, "period", period);
  add_string (b, "currency", res->currency);
  json_builder_set_member_name (b, "charges");
  json_builder_begin_array (b);
  for (guint i = 0; i < res->charges->len; i++)
    {
      PwUtilityCharge *c = res->charges->pdata[i];

      json_builder_begin_object (b);
      add_string (b, "key", c->key);
      add_string (b, "kind", c->kind == PW_UTILITY_LINE_LOSS ? "loss" : "consumption");
      add_string (b, "meter", c->meter);
      add_string (b, "customer", c->customer);
      json_builder_set_member_name (b, "spaces");
      json_builder_begin_array (b);
      for (guint k = 0; c->spaces != NULL && c->spaces[k] != NULL; k++)
        json_builder_add_string_value (b, c->spaces[k]);
      json_builder_end_array (b);
      add_string (b, "tariff", c->tariff);
      add_string (b, "tax_code", c->tax_code);
      add_decimal (b, "tax_rate", c->tax_rate);
      add_decimal (b, "quantity", c->quantity);
      add_string (b, "unit", c->unit);
      add_int (b, "gross", c->gross);
      add_int (b, "net", c->net);
      add_int (b, "tax", c->tax);
      add_bool (b, "held", c->held);
      add_string (b, "explanation", c->explanation);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "usages");
  json_builder_begin_array (b);
  for (guint i = 0; i < res->usages->len; i++)
    {
      PwUtilityUsage *u = res->usages->pdata[i];

      json_builder_begin_object (b);
      add_string (b, "meter", u->meter);
      add_bool (b, "known", u->known);
      if (u->known)
        {
          g_autofree char *from = pw_date_format_iso_new (&u->from);
          g_autofree char *to = pw_date_format_iso_new (&u->to);

          add_string (b, "from", from);
          add_string (b, "to", to);
          add_decimal (b, "opening", u->opening);
          add_decimal (b, "closing", u->closing);
          add_decimal (b, "raw", u->raw);
          add_decimal (b, "quantity", u->quantity);
          if (u->registers != NULL)
            {
              json_builder_set_member_name (b, "registers");
              json_builder_begin_object (b);
              for (guint k = 0; k < u->registers->len; k++)
                {
                  PwRegisterValue *v = &g_array_index (u->registers, PwRegisterValue, k);
                  add_decimal (b, v->name, v->value);
                }
              json_builder_end_object (b);
            }
          add_bool (b, "rolled_over", u->rolled_over);
          add_bool (b, "replaced", u->replaced);
          add_bool (b, "flagged", u->flagged);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "problems");
  json_builder_begin_array (b);
  for (guint i = 0; i < res->problems->len; i++)
    {
      PwUtilityProblem *p = res->problems->pdata[i];

      json_builder_begin_object (b);
      add_string (b, "kind", pw_utility_problem_kind_to_string (p->kind));
      add_string (b, "meter", p->meter);
      add_string (b, "message", p->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "totals");
  json_builder_begin_object (b);
  add_int (b, "gross", res->gross);
  add_int (b, "net", res->net);
  add_int (b, "tax", res->tax);
  add_int (b, "held_gross", res->held_gross);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
