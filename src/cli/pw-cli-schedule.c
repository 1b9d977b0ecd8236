/* pw-cli-schedule.c — parkwise-cli schedule: a contract's bill lines
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-date.h"
#include "pw-cli.h"
#include "pw-i18n.h"
#include "pw-money.h"
#include "pw-schedule.h"

/* @text left-aligned in @width columns, counting characters rather than bytes */
static char *
pad (const char *text, guint width)
{
  glong n = g_utf8_strlen (text, -1);
  GString *s = g_string_new (text);

  for (; n < (glong) width; n++)
    g_string_append_c (s, ' ');
  return g_string_free (s, FALSE);
}

static void
print_lines (const PwSchedule *s)
{
  g_print ("%-10s  %-7s  %-14s  %-21s  %-10s  %-10s  %14s  %14s  %12s\n",
           /* Translators: column headings of “schedule”; keep them short */
           C_("schedule", "Bill date"), C_("schedule", "Kind"), C_("schedule", "Charge"),
           C_("schedule", "Period"), C_("schedule", "Due"), C_("schedule", "Seller"),
           C_("schedule", "Gross"), C_("schedule", "Net"), C_("schedule", "Tax"));
  for (guint i = 0; i < s->lines->len; i++)
    {
      PwScheduleLine *l = s->lines->pdata[i];
      g_autofree char *bd = pw_date_format_iso_new (&l->bill_date);
      g_autofree char *a = pw_date_format_iso_new (&l->start);
      g_autofree char *b = pw_date_format_iso_new (&l->end);
      g_autofree char *dd = pw_date_format_iso_new (&l->due_date);
      g_autofree char *gross = pw_money_format_amount (l->gross, s->currency);
      g_autofree char *net = pw_money_format_amount (l->net, s->currency);
      g_autofree char *tax = pw_money_format_amount (l->tax, s->currency);
      g_autofree char *period = g_strdup_printf ("%s–%s", a, b);
      g_autofree char *padded = pad (period, 21);
      /* the codes are data; a person reads their translated names */
      g_autofree char *kind = pad (pw_charge_label (pw_line_kind_to_string (l->kind)), 7);
      g_autofree char *charge = pad (pw_charge_label (l->charge), 14);

      g_print ("%-10s  %s  %s  %s  %-10s  %-10s  %14s  %14s  %12s\n", bd,
               kind, charge, padded, dd, l->seller, gross, net, tax);
      g_print ("            %s\n", l->explanation);
    }
}

static void
print_totals (const PwSchedule *s)
{
  g_autofree char *gross = pw_money_format (s->gross, s->currency, PW_CURRENCY_CODE);
  g_autofree char *net = pw_money_format (s->net, s->currency, PW_CURRENCY_CODE);
  g_autofree char *tax = pw_money_format (s->tax, s->currency, PW_CURRENCY_CODE);
  g_autofree char *deposit = pw_money_format (s->deposit, s->currency, PW_CURRENCY_CODE);

  g_print (_("Total gross:  %s\n"), gross);
  g_print (_("Total net:    %s\n"), net);
  g_print (_("Total tax:    %s\n"), tax);
  g_print (_("Deposit:      %s\n"), deposit);
  if (s->deposit_top_ups > 0)
    {
      g_autofree char *top_ups = pw_money_format (s->deposit_top_ups, s->currency,
                                                  PW_CURRENCY_CODE);

      /* Translators: what the deposit is topped up by when the rent escalates */
      g_print (_("Top-ups:      %s\n"), top_ups);
    }
  if (s->terminated)
    {
      g_autofree char *credits = pw_money_format (s->credits, s->currency, PW_CURRENCY_CODE);
      g_autofree char *penalty = pw_money_format (s->penalty, s->currency, PW_CURRENCY_CODE);
      g_autofree char *offset = pw_money_format (s->deposit_offset, s->currency,
                                                 PW_CURRENCY_CODE);
      g_autofree char *refund = pw_money_format (s->refund, s->currency, PW_CURRENCY_CODE);

      g_print (_("Termination:  credits %s, penalty %s; the deposit offsets %s, "
                 "refund %s\n"), credits, penalty, offset, refund);
    }
}

/* B17: the straight-line revenue month by month, and its totals */
static void
print_revenue (const PwSchedule *s)
{
  g_autofree char *total = pw_money_format (s->revenue_total, s->currency, PW_CURRENCY_CODE);
  g_autofree char *daily = pw_decimal_to_string (s->revenue_daily);

  g_print ("%-21s  %14s  %14s  %16s  %16s  %14s\n",
           /* Translators: column headings of “schedule --revenue”; keep them short */
           C_("revenue", "Month"), C_("revenue", "Revenue"), C_("revenue", "Billed"),
           C_("revenue", "Cum. revenue"), C_("revenue", "Cum. billed"),
           C_("revenue", "Receivable"));
  for (guint i = 0; i < s->revenue->len; i++)
    {
      const PwRevenueMonth *m = &g_array_index (s->revenue, PwRevenueMonth, i);
      g_autofree char *a = pw_date_format_iso_new (&m->start);
      g_autofree char *b = pw_date_format_iso_new (&m->end);
      g_autofree char *period = g_strdup_printf ("%s–%s", a, b);
      g_autofree char *padded = pad (period, 21);
      g_autofree char *revenue = pw_money_format_amount (m->revenue, s->currency);
      g_autofree char *billed = pw_money_format_amount (m->billed, s->currency);
      g_autofree char *cr = pw_money_format_amount (m->cumulative_revenue, s->currency);
      g_autofree char *cb = pw_money_format_amount (m->cumulative_billed, s->currency);
      g_autofree char *receivable = pw_money_format_amount (m->receivable, s->currency);

      g_print ("%s  %14s  %14s  %16s  %16s  %14s\n", padded, revenue, billed, cr, cb,
               receivable);
    }
  /* Translators: the total, the days of the term, the day's share; then the number of months */
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Revenue:      %s net of tax over %d days, %s a day, in %u month; each "
                        "month is its days' share, rounded so that the months add up\n",
                        "Revenue:      %s net of tax over %d days, %s a day, in %u months; each "
                        "month is its days' share, rounded so that the months add up\n",
                        s->revenue->len),
           total, s->revenue_days, daily, s->revenue->len);
}

int
cmd_schedule (int argc, char **argv)
{
  gboolean json = FALSE, csv = FALSE, revenue = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of a table"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV instead of a table"), NULL },
    { "revenue", 0, 0, G_OPTION_ARG_NONE, &revenue,
      N_("Print the straight-line revenue month by month instead of the bill lines"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("CONTRACT.json"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PwContract) contract = NULL;
  g_autoptr(PwSchedule) schedule = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Print every bill line of a contract over its term, with "
                                  "totals; the contract’s form is in docs/contract-format.md"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);
  if (argc < 2)
    return usage_error (_("Give the contract file"));
  if (argc > 2)
    return usage_error (_("Unexpected argument “%s”"), argv[2]);
  if (json && csv)
    return usage_error (_("Choose --json or --csv, not both"));

  contract = pw_contract_load (argv[1], &error);
  if (contract == NULL)
    return failed (error);
  schedule = pw_schedule_compute (contract, &error);
  if (schedule == NULL)
    {
      /* the file too, as pw_contract_load() names it for a refusal */
      g_autofree char *name = g_filename_display_name (argv[1]);

      g_prefix_error (&error, "%s: ", name);
      return failed (error);
    }

  if (revenue && schedule->revenue == NULL)
    {
      g_autofree char *name = g_filename_display_name (argv[1]);

      g_printerr (_("%s: the contract does not spread its revenue straight-line; set "
                    "“revenue”: { “straight_line”: true }\n"), name);
      return EXIT_FAILED;
    }
  if (revenue)
    {
      if (json)
        {
          g_autoptr(JsonNode) node = pw_schedule_revenue_to_json (schedule);
          g_autofree char *text = json_to_pretty (node);
          g_print ("%s\n", text);
        }
      else if (csv)
        {
          char *text = pw_schedule_revenue_to_csv (schedule);
          g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));
          if (!write_stdout (bytes, &error))
            return failed (error);
        }
      else
        print_revenue (schedule);
    }
  else if (json)
    {
      g_autoptr(JsonNode) node = pw_schedule_to_json (schedule);
      g_autofree char *text = json_to_pretty (node);
      g_print ("%s\n", text);
    }
  else if (csv)
    {
      char *text = pw_schedule_to_csv (schedule);
      g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));
      if (!write_stdout (bytes, &error))
        return failed (error);
    }
  else
    {
      print_lines (schedule);
      print_totals (schedule);
    }
  return EXIT_OK;
}
