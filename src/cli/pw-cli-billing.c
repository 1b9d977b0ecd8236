/* pw-cli-billing.c — parkwise-cli bill-run preview|post, bill list|show|hold|release|
 * cancel|send (docs/cli.md, "Bill runs and bills"; the rules: docs/billing.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-bill-run.h"
#include "pw-cli.h"
#include "pw-i18n.h"
#include "pw-money.h"

static void
print_run_line (const PwBillRunLine *l, const char *currency)
{
  g_autofree char *gross = pw_money_format_amount (l->gross, currency);
  g_autofree char *net = pw_money_format_amount (l->net, currency);
  g_autofree char *tax = pw_money_format_amount (l->tax, currency);

  /* Translators: one line of a bill: contract, charge, period, gross, net, tax, tax rate */
  g_print (_("  %s  %s  %s–%s  %s (net %s, tax %s at %s)\n"), l->contract_code,
           pw_charge_label (l->charge), l->period_start, l->period_end, gross, net, tax,
           *l->tax_rate ? l->tax_rate : "?");
  g_print ("      %s\n", l->explanation);
}

static void
print_run (const PwBillRun *run, gboolean posted)
{
  g_autofree char *gross = pw_money_format (run->gross, run->currency, PW_CURRENCY_CODE);

  if (posted)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Bill run %s %s posted: %u bill, %s\n",
                          "Bill run %s %s posted: %u bills, %s\n", run->bills->len),
             run->park_code, run->period, run->bills->len, gross);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Bill run %s %s (preview, nothing written): %u bill, %s\n",
                          "Bill run %s %s (preview, nothing written): %u bills, %s\n",
                          run->bills->len),
             run->park_code, run->period, run->bills->len, gross);
  for (guint i = 0; i < run->bills->len; i++)
    {
      const PwBillRunBill *b = g_ptr_array_index (run->bills, i);
      g_autofree char *total = pw_money_format (b->gross, run->currency, PW_CURRENCY_CODE);

      /* Translators: a bill: its number (or "new"), customer, seller, bill date, due date, total */
      g_print (_("\n%s  %s  seller %s  billed %s  due %s  %s\n"),
               b->number ? b->number : _("(new bill)"), b->customer_name, b->seller,
               b->bill_date, b->due_date, total);
      for (guint j = 0; j < b->lines->len; j++)
        print_run_line (g_ptr_array_index (b->lines, j), run->currency);
    }
  if (run->totals->len > 0)
    g_print (_("\nTotals by charge and tax rate:\n"));
  for (guint i = 0; i < run->totals->len; i++)
    {
      const PwBillRunTotal *t = g_ptr_array_index (run->totals, i);
      g_autofree char *tg = pw_money_format_amount (t->gross, run->currency);
      g_autofree char *tn = pw_money_format_amount (t->net, run->currency);
      g_autofree char *tt = pw_money_format_amount (t->tax, run->currency);

      g_print (g_dngettext (GETTEXT_PACKAGE, "  %s at %s: %u line, %s (net %s, tax %s)\n",
                            "  %s at %s: %u lines, %s (net %s, tax %s)\n", t->n_lines),
               pw_charge_label (t->charge), *t->tax_rate ? t->tax_rate : "?", t->n_lines,
               tg, tn, tt);
    }
  if (run->problems->len > 0)
    g_print (_("\nProblems (these lines are not billed):\n"));
  for (guint i = 0; i < run->problems->len; i++)
    {
      const PwBillRunProblem *p = g_ptr_array_index (run->problems, i);

      g_print ("  %s\n", p->message);
    }
  if (run->n_already_billed > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u schedule line of the period was billed by earlier runs\n",
                          "%u schedule lines of the period were billed by earlier runs\n",
                          run->n_already_billed),
             run->n_already_billed);
}

static int
bill_run (int argc, char **argv, gboolean post)
{
  g_auto(CliOptions) opt = { 0 };
  g_autofree char *park_id = NULL, *period = NULL;
  g_auto(GStrv) buildings = NULL, customers = NULL, charges = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBillRun) run = NULL;
  PwBillRunFilter filter;
  GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("The billing period (required)"),
      N_("YYYY-MM") },
    { "building", 0, 0, G_OPTION_ARG_STRING_ARRAY, &buildings,
      N_("Only contracts in this building (repeatable)"), N_("CODE") },
    { "customer", 0, 0, G_OPTION_ARG_STRING_ARRAY, &customers,
      N_("Only this customer, by name or id (repeatable)"), N_("CUSTOMER") },
    { "charge", 0, 0, G_OPTION_ARG_STRING_ARRAY, &charges,
      N_("Only this charge code (repeatable)"), N_("CODE") },
    { NULL }
  };

  if (!cli_parse (&opt, CLI_PARK | CLI_JSON,
                  post ? _("bill-run post — write a bill run’s bills")
                       : _("bill-run preview — show a bill run, writing nothing"),
                  entries, 0, "", &argc, &argv))
    return EXIT_USAGE;
  if (period == NULL)
    return usage_error (_("--period is required"));
  store = open_park (opt.db, opt.park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  filter.buildings = buildings;
  filter.customers = customers;
  filter.charges = charges;
  run = post ? pw_bill_run_post (store, park_id, period, &filter, &error)
             : pw_bill_run_preview (store, park_id, period, &filter, &error);
  if (run == NULL)
    return failed (error);
  if (opt.json)
    {
      g_autoptr(JsonNode) node = pw_bill_run_to_json (run);

      json_object_set_boolean_member (json_node_get_object (node), "posted",
                                      post && run->run_id != NULL);
      cli_print_json (node);
      return EXIT_OK;
    }
  if (post && run->run_id == NULL)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "Nothing new to bill in %s %s: no bill written (%u line was "
                            "billed by earlier runs)\n",
                            "Nothing new to bill in %s %s: no bill written (%u lines were "
                            "billed by earlier runs)\n", run->n_already_billed),
               run->park_code, run->period, run->n_already_billed);
      for (guint i = 0; i < run->problems->len; i++)
        g_print ("  %s\n", ((PwBillRunProblem *) g_ptr_array_index (run->problems, i))->message);
      return EXIT_OK;
    }
  print_run (run, post);
  return EXIT_OK;
}

int
cmd_bill_run_preview (int argc, char **argv)
{
  return bill_run (argc, argv, FALSE);
}

int
cmd_bill_run_post (int argc, char **argv)
{
  return bill_run (argc, argv, TRUE);
}

static const char *
status_label (JsonObject *bill)
{
  int status = pw_bill_status_from_string (json_object_get_string_member (bill, "status"));

  return status < 0 ? json_object_get_string_member (bill, "status")
                    : pw_bill_status_get_label (status);
}

int
cmd_bill_list (int argc, char **argv)
{
  g_auto(CliOptions) opt = { 0 };
  g_autofree char *park_id = NULL;
  g_autofree char *period = NULL, *status = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bills = NULL;
  GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("Only bills of this billing period"),
      N_("YYYY-MM") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status,
      N_("Only bills in this status (draft, held, released, sent, cancelled)"), N_("STATUS") },
    { NULL }
  };

  if (!cli_parse (&opt, CLI_PARK | CLI_JSON, _("bill list — list a park’s bills"), entries, 0, "",
                  &argc, &argv))
    return EXIT_USAGE;
  store = open_park (opt.db, opt.park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  bills = pw_bill_list (store, park_id, period, status, &error);
  if (bills == NULL)
    return failed (error);
  if (opt.json)
    {
      g_autoptr(JsonArray) array = cli_objects_to_array (bills);

      cli_print_array (array);
      return EXIT_OK;
    }
  for (guint i = 0; i < bills->len; i++)
    {
      JsonObject *b = g_ptr_array_index (bills, i);
      const char *currency = json_object_get_string_member (b, "currency");
      g_autofree char *gross = pw_money_format_amount (json_object_get_int_member (b, "gross"),
                                                       currency);

      g_print ("%-24s  %-10s  %-20s  %-6s  %s  %s  %14s\n",
               json_object_get_string_member (b, "number"), status_label (b),
               json_object_get_string_member (b, "customer_name"),
               json_object_get_string_member (b, "seller"),
               json_object_get_string_member (b, "bill_date"),
               json_object_get_string_member (b, "due_date"), gross);
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u bill\n", "%u bills\n", bills->len), bills->len);
  return EXIT_OK;
}

int
cmd_bill_show (int argc, char **argv)
{
  g_auto(CliOptions) opt = { 0 };
  g_autofree char *park_id = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) bill = NULL;
  const char *currency;
  JsonArray *lines;

  if (!cli_parse (&opt, CLI_PARK | CLI_JSON, _("bill show NUMBER — show a bill and its lines"),
                  NULL, 1, _("No bill number given"), &argc, &argv))
    return EXIT_USAGE;
  store = open_park (opt.db, opt.park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  bill = pw_bill_find (store, park_id, argv[1], &error);
  if (bill == NULL)
    return failed (error);
  if (opt.json)
    {
      cli_print_object (bill);
      return EXIT_OK;
    }
  currency = json_object_get_string_member (bill, "currency");
  {
    g_autofree char *gross = pw_money_format (json_object_get_int_member (bill, "gross"),
                                              currency, PW_CURRENCY_CODE);
    g_autofree char *net = pw_money_format (json_object_get_int_member (bill, "net"),
                                            currency, PW_CURRENCY_CODE);
    g_autofree char *tax = pw_money_format (json_object_get_int_member (bill, "tax"),
                                            currency, PW_CURRENCY_CODE);

    /* Translators: a bill's heading: number, status, customer, seller code and name */
    g_print (_("Bill %s (%s)\nCustomer: %s\nSeller:   %s %s\n"),
             json_object_get_string_member (bill, "number"), status_label (bill),
             json_object_get_string_member (bill, "customer_name"),
             json_object_get_string_member (bill, "seller"),
             json_object_get_string_member (bill, "seller_name"));
    g_print (_("Period:   %s; billed %s, due %s\n"),
             json_object_get_string_member (bill, "period"),
             json_object_get_string_member (bill, "bill_date"),
             json_object_get_string_member (bill, "due_date"));
    g_print (_("Total:    %s (net %s, tax %s)\n"), gross, net, tax);
  }
  lines = json_object_get_array_member (bill, "lines");
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *l = json_array_get_object_element (lines, i);
      g_autofree char *gross = pw_money_format_amount (json_object_get_int_member (l, "gross"),
                                                       currency);
      g_autofree char *net = pw_money_format_amount (json_object_get_int_member (l, "net"),
                                                     currency);
      g_autofree char *tax = pw_money_format_amount (json_object_get_int_member (l, "tax"),
                                                     currency);
      const char *rate = json_object_get_string_member (l, "tax_rate");

      g_print (_("  %s  %s  %s–%s  %s (net %s, tax %s at %s)\n"),
               json_object_get_string_member (l, "contract_code"),
               pw_charge_label (json_object_get_string_member (l, "charge")),
               json_object_get_string_member (l, "period_start"),
               json_object_get_string_member (l, "period_end"), gross, net, tax,
               *rate ? rate : "?");
      g_print ("      %s\n", json_object_get_string_member (l, "explanation"));
    }
  return EXIT_OK;
}

static int
set_status (int argc, char **argv, PwBillStatus status, const char *summary)
{
  g_auto(CliOptions) opt = { 0 };
  g_autofree char *park_id = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!cli_parse (&opt, CLI_PARK, summary, NULL, 1, _("No bill number given"), &argc, &argv))
    return EXIT_USAGE;
  store = open_park (opt.db, opt.park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  if (!pw_bill_set_status (store, park_id, argv[1], status, &error))
    return failed (error);
  /* Translators: e.g. "LSP-LL-B-2026-000001: Held" */
  g_print (_("%s: %s\n"), argv[1], pw_bill_status_get_label (status));
  return EXIT_OK;
}

int
cmd_bill_hold (int argc, char **argv)
{
  return set_status (argc, argv, PW_BILL_HELD, _("bill hold NUMBER — hold a bill back from sending"));
}

int
cmd_bill_release (int argc, char **argv)
{
  return set_status (argc, argv, PW_BILL_RELEASED, _("bill release NUMBER — release a bill for sending"));
}

int
cmd_bill_cancel (int argc, char **argv)
{
  return set_status (argc, argv, PW_BILL_CANCELLED,
                     _("bill cancel NUMBER — cancel a bill not yet sent; its lines can be billed again"));
}

int
cmd_bill_send (int argc, char **argv)
{
  return set_status (argc, argv, PW_BILL_SENT, _("bill send NUMBER — mark a bill as sent"));
}
