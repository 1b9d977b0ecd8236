/* pw-schedule-output.c — a schedule as JSON and CSV (docs/cli.md, "schedule")
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pw-date.h"
#include "pw-csv.h"
#include "pw-money.h"
#include "pw-schedule.h"
#include "pw-text.h"


JsonNode *
pw_schedule_to_json (const PwSchedule *s)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, s->currency);
  json_builder_set_member_name (b, "lines");
  json_builder_begin_array (b);
  for (guint i = 0; i < s->lines->len; i++)
    {
      PwScheduleLine *l = s->lines->pdata[i];
      g_autofree char *a = pw_date_format_iso_new (&l->start);
      g_autofree char *e = pw_date_format_iso_new (&l->end);
      g_autofree char *bd = pw_date_format_iso_new (&l->bill_date);
      g_autofree char *dd = pw_date_format_iso_new (&l->due_date);

      json_builder_begin_object (b);
#define STR(k, v) json_builder_set_member_name (b, k); json_builder_add_string_value (b, v)
#define INT(k, v) json_builder_set_member_name (b, k); json_builder_add_int_value (b, v)
      STR ("line_id", l->line_id);
      STR ("charge", l->charge);
      STR ("kind", pw_line_kind_to_string (l->kind));
      STR ("seller", l->seller);
      STR ("start", a);
      STR ("end", e);
      STR ("bill_date", bd);
      STR ("due_date", dd);
      STR ("basis", l->basis);
      INT ("gross", l->gross);
      INT ("net", l->net);
      INT ("tax", l->tax);
      json_builder_set_member_name (b, "tax_code");
      if (l->tax_code)
        json_builder_add_string_value (b, l->tax_code);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "waived");
      json_builder_add_boolean_value (b, l->waived);
      STR ("explanation", l->explanation);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "totals");
  json_builder_begin_object (b);
  INT ("gross", s->gross);
  INT ("net", s->net);
  INT ("tax", s->tax);
  INT ("deposit", s->deposit);
  INT ("deposit_top_ups", s->deposit_top_ups);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "termination");
  if (s->terminated)
    {
      json_builder_begin_object (b);
      INT ("credits", s->credits);
      INT ("penalty", s->penalty);
      INT ("deposit_offset", s->deposit_offset);
      INT ("refund", s->refund);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
#undef STR
#undef INT
  json_builder_set_member_name (b, "revenue");
  if (s->revenue != NULL)
    json_builder_add_value (b, pw_schedule_revenue_to_json (s));
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonNode *
pw_schedule_revenue_to_json (const PwSchedule *s)
{
  g_autoptr(JsonBuilder) b = NULL;

  if (s->revenue == NULL)
    return NULL;
  b = json_builder_new ();
  json_builder_begin_object (b);
#define INT(k, v) json_builder_set_member_name (b, k); json_builder_add_int_value (b, v)
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, s->currency);
  INT ("total", s->revenue_total);
  INT ("days", s->revenue_days);
  {
    g_autofree char *daily = pw_decimal_to_string (s->revenue_daily);

    json_builder_set_member_name (b, "daily");
    json_builder_add_string_value (b, daily);
  }
  json_builder_set_member_name (b, "spread");
  json_builder_add_string_value (b, "by_day");
  json_builder_set_member_name (b, "months");
  json_builder_begin_array (b);
  for (guint i = 0; i < s->revenue->len; i++)
    {
      const PwRevenueMonth *m = &g_array_index (s->revenue, PwRevenueMonth, i);
      g_autofree char *a = pw_date_format_iso_new (&m->start);
      g_autofree char *e = pw_date_format_iso_new (&m->end);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "start");
      json_builder_add_string_value (b, a);
      json_builder_set_member_name (b, "end");
      json_builder_add_string_value (b, e);
      INT ("days", m->days);
      INT ("month_days", m->month_days);
      INT ("revenue", m->revenue);
      INT ("billed", m->billed);
      INT ("cumulative_revenue", m->cumulative_revenue);
      INT ("cumulative_billed", m->cumulative_billed);
      INT ("receivable", m->receivable);
      json_builder_end_object (b);
    }
#undef INT
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
pw_schedule_to_csv (const PwSchedule *s)
{
  GString *out = g_string_new ("line_id,charge,kind,seller,start,end,bill_date,due_date,"
                               "gross,net,tax,tax_code,basis,explanation\r\n");
  int digits = pw_currency_minor_digits (s->currency);

  for (guint i = 0; i < s->lines->len; i++)
    {
      PwScheduleLine *l = s->lines->pdata[i];
      g_autofree char *a = pw_date_format_iso_new (&l->start);
      g_autofree char *e = pw_date_format_iso_new (&l->end);
      g_autofree char *bd = pw_date_format_iso_new (&l->bill_date);
      g_autofree char *dd = pw_date_format_iso_new (&l->due_date);
      g_autofree char *gross = pw_decimal_to_string (pw_decimal_from_int (l->gross, digits));
      g_autofree char *net = pw_decimal_to_string (pw_decimal_from_int (l->net, digits));
      g_autofree char *tax = pw_decimal_to_string (pw_decimal_from_int (l->tax, digits));

      g_string_append_printf (out, "%s,", l->line_id);
      pw_csv_append_field (out, l->charge, FALSE);
      g_string_append_printf (out, ",%s,", pw_line_kind_to_string (l->kind));
      pw_csv_append_field (out, l->seller, FALSE);
      g_string_append_printf (out, ",%s,%s,%s,%s,%s,%s,%s,", a, e, bd, dd, gross, net, tax);
      pw_csv_append_field (out, l->tax_code ? l->tax_code : "", FALSE);
      g_string_append_c (out, ',');
      pw_csv_append_field (out, l->basis, FALSE);
      g_string_append_c (out, ',');
      pw_csv_append_field (out, l->explanation, FALSE);
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

char *
pw_schedule_revenue_to_csv (const PwSchedule *s)
{
  GString *out;
  int digits = pw_currency_minor_digits (s->currency);

  if (s->revenue == NULL)
    return NULL;
  out = g_string_new ("start,end,days,month_days,revenue,billed,cumulative_revenue,"
                      "cumulative_billed,receivable\r\n");
  for (guint i = 0; i < s->revenue->len; i++)
    {
      const PwRevenueMonth *m = &g_array_index (s->revenue, PwRevenueMonth, i);
      gint64 figures[] = { m->revenue, m->billed, m->cumulative_revenue, m->cumulative_billed,
                           m->receivable };
      g_autofree char *a = pw_date_format_iso_new (&m->start);
      g_autofree char *e = pw_date_format_iso_new (&m->end);

      g_string_append_printf (out, "%s,%s,%d,%d", a, e, m->days, m->month_days);
      for (guint k = 0; k < G_N_ELEMENTS (figures); k++)
        {
          g_autofree char *f = pw_decimal_to_string (pw_decimal_from_int (figures[k], digits));

          g_string_append_c (out, ',');
          g_string_append (out, f);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}
