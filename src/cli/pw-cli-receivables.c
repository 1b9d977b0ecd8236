/* pw-cli-receivables.c — parkwise-cli payment add|list|undo|unallocate|allocate,
 * receivables ledger|ageing, credit-note add|approve|reject|list, late-fee preview
 * (docs/cli.md, "Receivables"; the rules: docs/receivables.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-cli.h"
#include "pw-date.h"
#include "pw-i18n.h"
#include "pw-money.h"
#include "pw-receivables.h"

static const char *
member (JsonObject *o, const char *name)
{
  const char *s = json_object_get_string_member_with_default (o, name, "");

  return s ? s : "";
}

static char *
amount_text (JsonObject *o, const char *name, const char *currency)
{
  return pw_money_format_amount (json_object_get_int_member_with_default (o, name, 0), currency);
}

/* The currency of the park @park_id, or NULL with @error set. */
static char *
park_currency (PwStore *store, const char *park_id, GError **error)
{
  g_autoptr(JsonObject) park = pw_store_get_row (store, "park", park_id, error);

  return park != NULL ? g_strdup (json_object_get_string_member (park, "currency")) : NULL;
}

/* ---- payments ----------------------------------------------------------------------- */

int
cmd_payment_add (int argc, char **argv)
{
  static const char *const methods[] = { "cash", "cheque", "pos", "transfer", "online", NULL };
  g_auto(CliOptions) opt = { 0 };
  g_autofree char *park_id = NULL, *customer = NULL;
  g_autofree char *date = NULL, *amount = NULL, *method = NULL, *reference = NULL, *note = NULL;
  g_autofree char *id = NULL, *currency = NULL;
  g_auto(GStrv) bills = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) payment = NULL;
  PwPaymentInput input = { 0 };
  gint64 minor = 0;
  GOptionEntry entries[] = {
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, N_("The payer, by name or id (required)"),
      N_("CUSTOMER") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day the money came (required)"),
      N_("YYYY-MM-DD") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount, N_("The amount, e.g. 1234.50 (required)"),
      N_("AMOUNT") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method,
      N_("cash, cheque, pos, transfer or online (required)"), N_("METHOD") },
    { "reference", 0, 0, G_OPTION_ARG_STRING, &reference, N_("The bank or cheque reference"),
      N_("TEXT") },
    { "bill", 0, 0, G_OPTION_ARG_STRING_ARRAY, &bills,
      N_("A bill the payer designated, paid first (repeatable, in order)"), N_("NUMBER") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note"), N_("TEXT") },
    { NULL }
  };

  if (!cli_parse (&opt, CLI_PARK | CLI_JSON, _("payment add — record a payment and allocate it"),
                  entries, 0, "", &argc, &argv))
    return EXIT_USAGE;
  if (customer == NULL || date == NULL || amount == NULL || method == NULL)
    return usage_error (_("--customer, --date, --amount and --method are required"));
  if (!pw_date_is_valid (date))
    return usage_error (_("--date must be a date of the form YYYY-MM-DD, not “%s”"), date);
  if (!g_strv_contains (methods, method))
    return usage_error (_("--method must be one of cash, cheque, pos, transfer, online, not “%s”"),
                        method);
  store = open_park (opt.db, opt.park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  currency = park_currency (store, park_id, &error);
  if (currency == NULL)
    return failed (error);
  if (!pw_money_parse (amount, currency, &minor, &error))
    return failed (error);
  if (minor <= 0)
    return usage_error (_("--amount must be more than zero"));
  input.customer = customer;
  input.paid_on = date;
  input.amount = minor;
  input.method = method;
  input.reference = reference;
  input.designation = (const char *const *) bills;
  input.note = note;
  id = pw_payment_add (store, park_id, &input, &error);
  if (id == NULL || (payment = pw_payment_find (store, id, &error)) == NULL)
    return failed (error);
  if (opt.json)
    {
      cli_print_object (payment);
      return EXIT_OK;
    }
  {
    g_autofree char *total = amount_text (payment, "amount", currency);
    g_autofree char *unapplied = amount_text (payment, "unapplied", currency);
    JsonArray *allocations = json_object_get_array_member (payment, "allocations");

    /* Translators: payment id, amount, customer */
    g_print (_("Payment %s: %s from %s\n"), id, total, member (payment, "customer_name"));
    for (guint i = 0; i < json_array_get_length (allocations); i++)
      {
        JsonObject *a = json_array_get_object_element (allocations, i);
        g_autofree char *part = amount_text (a, "amount", currency);

        g_print ("  %s  %s  %s\n", member (a, "bill_number"), pw_charge_label (member (a, "charge")),
                 part);
      }
    g_print (_("Unapplied (the customer’s credit): %s\n"), unapplied);
  }
  return EXIT_OK;
}

int
cmd_payment_list (int argc, char **argv)
{
  g_auto(CliOptions) opt = { 0 };
  g_autofree char *park_id = NULL, *customer = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GOptionEntry entries[] = {
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, N_("Only this customer’s"),
      N_("CUSTOMER") },
    { NULL }
  };

  if (!cli_parse (&opt, CLI_PARK | CLI_JSON, _("payment list — list the payments"), entries, 0, "",
                  &argc, &argv))
    return EXIT_USAGE;
  store = open_park (opt.db, opt.park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  rows = pw_payment_list (store, park_id, customer, &error);
  if (rows == NULL)
    return failed (error);
  if (opt.json)
    {
      g_autoptr(JsonArray) array = cli_objects_to_array (rows);

      cli_print_array (array);
      return EXIT_OK;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      JsonObject *p = g_ptr_array_index (rows, i);
      const char *currency = member (p, "currency");
      g_autofree char *amount = amount_text (p, "amount", currency);
      g_autofree char *unapplied = amount_text (p, "unapplied", currency);

      /* Translators: id, date, customer, method, reference, amount, unapplied, status */
      g_print (_("%s  %s  %-20s  %-8s  %-12s  %14s  unapplied %s%s\n"), member (p, "id"),
               member (p, "paid_on"), member (p, "customer_name"), member (p, "method"),
               member (p, "reference"), amount, unapplied,
               g_strcmp0 (member (p, "status"), "undone") == 0 ? _("  (undone)") : "");
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u payment\n", "%u payments\n", rows->len), rows->len);
  return EXIT_OK;
}

typedef gboolean (*PaymentFunc) (PwStore *store, const char *id, GError **error);

typedef enum { DONE_UNDONE, DONE_UNAPPLIED, DONE_ALLOCATED } Done;

static int
payment_change (int argc, char **argv, PaymentFunc func, const char *summary, Done done)
{
  g_auto(CliOptions) opt = { 0 };
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) payment = NULL;

  if (!cli_parse (&opt, CLI_JSON, summary, NULL, 1, _("Name the payment’s id"), &argc, &argv))
    return EXIT_USAGE;
  store = open_store (opt.db, FALSE, &error);
  if (store == NULL)
    return failed (error);
  if (!func (store, argv[1], &error) || (payment = pw_payment_find (store, argv[1], &error)) == NULL)
    return failed (error);
  if (opt.json)
    cli_print_object (payment);
  else if (done == DONE_UNDONE)
    g_print (_("Payment %s undone\n"), argv[1]);
  else if (done == DONE_UNAPPLIED)
    g_print (_("Payment %s is unapplied\n"), argv[1]);
  else
    g_print (_("Payment %s allocated\n"), argv[1]);
  return EXIT_OK;
}

int
cmd_payment_undo (int argc, char **argv)
{
  return payment_change (argc, argv, pw_payment_undo,
                         _("payment undo ID — undo a payment and its allocations"),
                         DONE_UNDONE);
}

int
cmd_payment_unallocate (int argc, char **argv)
{
  return payment_change (argc, argv, pw_payment_unallocate,
                         _("payment unallocate ID — take a payment off the bills it paid"),
                         DONE_UNAPPLIED);
}

int
cmd_payment_allocate (int argc, char **argv)
{
  return payment_change (argc, argv, pw_payment_allocate,
                         _("payment allocate ID — allocate what is unapplied of a payment"),
                         DONE_ALLOCATED);
}

/* ---- the ledger and ageing ------------------------------------------------------------- */

static const char *
entry_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "bill") == 0)
    return C_("ledger entry", "Bill");
  if (g_strcmp0 (kind, "late_fee") == 0)
    return C_("ledger entry", "Late fee");
  if (g_strcmp0 (kind, "credit") == 0)
    return C_("ledger entry", "Credit note");
  if (g_strcmp0 (kind, "waiver") == 0)
    return C_("ledger entry", "Waiver");
  if (g_strcmp0 (kind, "payment") == 0)
    return C_("ledger entry", "Payment");
  return kind;
}

int
cmd_receivables_ledger (int argc, char **argv)
{
  g_auto(CliOptions) opt = { 0 };
  g_autofree char *park_id = NULL, *customer = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) ledger = NULL;
  GOptionEntry entries[] = {
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, N_("The customer, by name or id (required)"),
      N_("CUSTOMER") },
    { NULL }
  };
  const char *currency;
  JsonArray *entries_array;

  if (!cli_parse (&opt, CLI_PARK | CLI_JSON,
                  _("receivables ledger — a customer’s bills, credit notes, late fees and "
                    "payments with the running balance"), entries, 0, "", &argc, &argv))
    return EXIT_USAGE;
  if (customer == NULL)
    return usage_error (_("--customer is required"));
  store = open_park (opt.db, opt.park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  ledger = pw_receivables_ledger (store, park_id, customer, &error);
  if (ledger == NULL)
    return failed (error);
  if (opt.json)
    {
      cli_print_object (ledger);
      return EXIT_OK;
    }
  currency = member (ledger, "currency");
  /* Translators: the heading of a customer's ledger */
  g_print (_("Ledger of %s\n"), member (ledger, "customer_name"));
  entries_array = json_object_get_array_member (ledger, "entries");
  for (guint i = 0; i < json_array_get_length (entries_array); i++)
    {
      JsonObject *e = json_array_get_object_element (entries_array, i);
      g_autofree char *amount = amount_text (e, "amount", currency);
      g_autofree char *balance = amount_text (e, "balance", currency);

      g_print ("%s  %-12s  %-26s  %14s  %14s\n", member (e, "date"),
               entry_kind_label (member (e, "kind")), member (e, "reference"), amount, balance);
    }
  {
    g_autofree char *bills = amount_text (ledger, "bills", currency);
    g_autofree char *credits = amount_text (ledger, "credits", currency);
    g_autofree char *payments = amount_text (ledger, "payments", currency);
    g_autofree char *balance = amount_text (ledger, "balance", currency);
    g_autofree char *unapplied = amount_text (ledger, "unapplied", currency);

    g_print (_("Bills %s − credits %s − payments %s = balance %s (unapplied %s)\n"), bills,
             credits, payments, balance, unapplied);
  }
  return EXIT_OK;
}

static const char *
bucket_label (int i)
{
  switch (i)
    {
    case 0:
      return C_("ageing", "Current");
    case 1:
      return C_("ageing", "1–30 days");
    case 2:
      return C_("ageing", "31–60 days");
    case 3:
      return C_("ageing", "61–90 days");
    default:
      return C_("ageing", "Over 90 days");
    }
}

int
cmd_receivables_ageing (int argc, char **argv)
{
  static const char *const bys[] = { "customer", "building", "charge", NULL };
  g_auto(CliOptions) opt = { 0 };
  g_autofree char *park_id = NULL, *as_of = NULL, *by = NULL;
  g_autofree char *key = NULL;
  int bucket = -1;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of, N_("The date of the ageing (required)"),
      N_("YYYY-MM-DD") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("customer (default), building or charge"),
      N_("WHAT") },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key,
      N_("Show the bills behind one row: a customer id, building or charge code"), N_("KEY") },
    { "bucket", 0, 0, G_OPTION_ARG_INT, &bucket,
      N_("With --key, only this bucket: 0 current, 1 (1–30), 2 (31–60), 3 (61–90), 4 (over 90)"),
      N_("N") },
    { NULL }
  };

  if (!cli_parse (&opt, CLI_PARK | CLI_JSON,
                  _("receivables ageing — what is owed by how late, as of a date"), entries, 0, "",
                  &argc, &argv))
    return EXIT_USAGE;
  if (as_of == NULL)
    return usage_error (_("--as-of is required"));
  if (by != NULL && !g_strv_contains (bys, by))
    return usage_error (_("--by must be customer, building or charge, not “%s”"), by);
  if (bucket < -1 || bucket >= PW_AGEING_BUCKETS)
    return usage_error (_("--bucket must be from 0 to 4"));
  store = open_park (opt.db, opt.park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  if (key != NULL)
    {
      g_autoptr(JsonArray) bills = pw_receivables_ageing_bills (store, park_id, as_of, by, key,
                                                                bucket, &error);
      g_autofree char *currency = NULL;

      if (bills == NULL)
        return failed (error);
      if (opt.json)
        {
          cli_print_array (bills);
          return EXIT_OK;
        }
      currency = park_currency (store, park_id, &error);
      if (currency == NULL)
        return failed (error);
      for (guint i = 0; i < json_array_get_length (bills); i++)
        {
          JsonObject *b = json_array_get_object_element (bills, i);
          g_autofree char *open = amount_text (b, "open", currency);
          g_autofree char *days = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   json_object_get_int_member (b, "days"));

          /* Translators: bill number, customer, due date, days late, bucket, amount open */
          g_print (_("%s  %-20s  due %s  %3s days  %-12s  %14s\n"),
                   member (b, "number"), member (b, "customer_name"), member (b, "due_date"),
                   days, bucket_label ((int) json_object_get_int_member (b, "bucket")), open);
        }
      return EXIT_OK;
    }
  {
    g_autoptr(JsonObject) ageing = pw_receivables_ageing (store, park_id, as_of, by, &error);
    const char *currency;
    JsonArray *rows, *totals;

    if (ageing == NULL)
      return failed (error);
    if (opt.json)
      {
        cli_print_object (ageing);
        return EXIT_OK;
      }
    currency = member (ageing, "currency");
    g_print ("%-24s", _("Ageing as of"));
    for (int i = 0; i < PW_AGEING_BUCKETS; i++)
      g_print ("  %14s", bucket_label (i));
    g_print ("  %14s\n", _("Total"));
    rows = json_object_get_array_member (ageing, "rows");
    for (guint r = 0; r < json_array_get_length (rows); r++)
      {
        JsonObject *row = json_array_get_object_element (rows, r);
        JsonArray *b = json_object_get_array_member (row, "buckets");
        g_autofree char *total = amount_text (row, "total", currency);

        g_print ("%-24s", member (row, "name"));
        for (int i = 0; i < PW_AGEING_BUCKETS; i++)
          {
            g_autofree char *cell = pw_money_format_amount (json_array_get_int_element (b, i),
                                                            currency);
            g_print ("  %14s", cell);
          }
        g_print ("  %14s\n", total);
      }
    totals = json_object_get_array_member (ageing, "totals");
    g_print ("%-24s", _("All"));
    for (int i = 0; i < PW_AGEING_BUCKETS; i++)
      {
        g_autofree char *cell = pw_money_format_amount (json_array_get_int_element (totals, i),
                                                        currency);
        g_print ("  %14s", cell);
      }
    {
      g_autofree char *all = amount_text (ageing, "total", currency);

      g_print ("  %14s\n", all);
    }
  }
  return EXIT_OK;
}

/* ---- credit notes ---------------------------------------------------------------------- */

/* credit-note add --whole: one note per line with something left, in one transaction */
static int
credit_note_add_whole (PwStore *store, const char *park_id, const char *bill, const char *kind,
                       const char *reason, const char *date, gboolean json)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(JsonArray) notes = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;

  for (guint i = 1;; i++)
    {
      char *line_id = pw_receivables_line_id (store, park_id, bill, i, &error);

      if (line_id == NULL)
        {
          if (i > 1 && g_error_matches (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_NOT_FOUND))
            break;
          return failed (error);
        }
      g_ptr_array_add (lines, line_id);
    }
  g_clear_error (&error);
  g_ptr_array_add (lines, NULL);
  numbers = pw_credit_note_add_whole (store, (const char *const *) lines->pdata, kind, reason,
                                      date, &error);
  if (numbers == NULL)
    return failed (error);
  all = pw_credit_note_list (store, park_id, &error);
  if (all == NULL)
    return failed (error);
  for (guint i = 0; i < all->len; i++)
    for (guint n = 0; n < numbers->len; n++)
      if (g_strcmp0 (member (all->pdata[i], "number"), numbers->pdata[n]) == 0)
        json_array_add_object_element (notes, json_object_ref (all->pdata[i]));
  if (json)
    {
      cli_print_array (notes);
      return EXIT_OK;
    }
  {
    g_autofree char *currency = park_currency (store, park_id, &error);

    if (currency == NULL)
      return failed (error);
    for (guint i = 0; i < json_array_get_length (notes); i++)
      {
        JsonObject *note = json_array_get_object_element (notes, i);
        g_autofree char *gross = amount_text (note, "gross", currency);

        g_print (_("Credit note %s: %s, %s\n"), member (note, "number"), gross,
                 g_strcmp0 (member (note, "status"), "approved") == 0
                   ? _("approved") : _("waiting for approval"));
      }
  }
  return EXIT_OK;
}

int
cmd_credit_note_add (int argc, char **argv)
{
  g_auto(CliOptions) opt = { 0 };
  g_autofree char *park_id = NULL, *bill = NULL, *kind = NULL;
  g_autofree char *amount = NULL, *reason = NULL, *date = NULL, *line_id = NULL, *number = NULL;
  g_autofree char *id = NULL;
  int line = 0;
  gboolean whole = FALSE;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 minor = 0;
  GOptionEntry entries[] = {
    { "bill", 0, 0, G_OPTION_ARG_STRING, &bill, N_("The bill (required)"), N_("NUMBER") },
    { "line", 0, 0, G_OPTION_ARG_INT, &line,
      N_("The bill’s line, counted from 1 as bill show lists them (required)"), N_("N") },
    { "whole", 0, 0, G_OPTION_ARG_NONE, &whole,
      N_("Every line of the bill, for all that remains of it (instead of --line)"), NULL },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("credit (default) or waiver"), N_("KIND") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount,
      N_("The amount with tax (default: all that remains of the line)"), N_("AMOUNT") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why (required)"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The date of issue (default: today)"),
      N_("YYYY-MM-DD") },
    { NULL }
  };

  if (!cli_parse (&opt, CLI_PARK | CLI_JSON, _("credit-note add — credit or waive a billed line"),
                  entries, 0, "", &argc, &argv))
    return EXIT_USAGE;
  if (bill == NULL || (line <= 0 && !whole) || reason == NULL)
    return usage_error (_("--bill, --line and --reason are required"));
  if (whole && (line > 0 || amount != NULL))
    return usage_error (_("--whole credits what remains of every line: give no --line or --amount"));
  if (kind != NULL && g_strcmp0 (kind, "credit") != 0 && g_strcmp0 (kind, "waiver") != 0)
    return usage_error (_("--kind must be credit or waiver, not “%s”"), kind);
  store = open_park (opt.db, opt.park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  if (amount != NULL)
    {
      g_autofree char *currency = park_currency (store, park_id, &error);

      if (currency == NULL || !pw_money_parse (amount, currency, &minor, &error))
        return failed (error);
      if (minor <= 0)
        return usage_error (_("--amount must be more than zero"));
    }
  if (whole)
    return credit_note_add_whole (store, park_id, bill, kind ? kind : "credit", reason, date,
                                  opt.json);
  line_id = pw_receivables_line_id (store, park_id, bill, (guint) line, &error);
  if (line_id == NULL)
    return failed (error);
  id = pw_credit_note_add (store, line_id, kind ? kind : "credit", minor, reason, date, &number,
                           &error);
  if (id == NULL)
    return failed (error);
  {
    g_autoptr(JsonObject) note = pw_store_get_row (store, "credit_note", id, &error);

    if (note == NULL)
      return failed (error);
    if (opt.json)
      {
        cli_print_object (note);
        return EXIT_OK;
      }
    {
      g_autofree char *currency = park_currency (store, park_id, &error);
      g_autofree char *gross = NULL;

      if (currency == NULL)
        return failed (error);
      gross = amount_text (note, "gross", currency);
      /* Translators: credit note number, amount, status (pending, approved) */
      g_print (_("Credit note %s: %s, %s\n"), number, gross,
               g_strcmp0 (member (note, "status"), "approved") == 0
                 ? _("approved") : _("waiting for approval"));
    }
  }
  return EXIT_OK;
}

static int
credit_note_decide (int argc, char **argv, gboolean approve)
{
  static const char *const roles[] = { "asset_manager", "general_manager", NULL };
  g_auto(CliOptions) opt = { 0 };
  g_autofree char *park_id = NULL, *role = NULL;
  g_autofree char *comment = NULL, *actor = NULL, *ref = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_("asset_manager or general_manager (default: the next pending)"), N_("ROLE") },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment,
      approve ? N_("Why (optional)") : N_("Why (required)"), N_("TEXT") },
    { "ref", 0, 0, G_OPTION_ARG_STRING, &ref, N_("The approval’s reference"), N_("TEXT") },
    { "actor", 0, 0, G_OPTION_ARG_STRING, &actor, N_("Who decides (default: the user’s name)"),
      N_("NAME") },
    { NULL }
  };

  if (!cli_parse (&opt, CLI_PARK | CLI_JSON,
                  approve ? _("credit-note approve NUMBER — approve a credit note")
                          : _("credit-note reject NUMBER — reject a credit note"),
                  entries, 1, _("Name the credit note’s number"), &argc, &argv))
    return EXIT_USAGE;
  if (role != NULL && !g_strv_contains (roles, role))
    return usage_error (_("--role must be asset_manager or general_manager, not “%s”"), role);
  if (!approve && (comment == NULL || *g_strstrip (comment) == '\0'))
    return usage_error (_("--comment is required to reject"));
  store = open_park (opt.db, opt.park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  if (actor != NULL)
    pw_store_set_actor (store, actor);
  if (!pw_credit_note_decide (store, park_id, argv[1], role, approve, comment, ref, &error))
    return failed (error);
  {
    g_autoptr(GPtrArray) notes = pw_credit_note_list (store, park_id, &error);

    if (notes == NULL)
      return failed (error);
    for (guint i = 0; i < notes->len; i++)
      {
        JsonObject *n = g_ptr_array_index (notes, i);

        if (g_strcmp0 (member (n, "number"), argv[1]) != 0)
          continue;
        if (opt.json)
          cli_print_object (n);
        else
          /* Translators: credit note number and its status */
          g_print (_("Credit note %s: %s\n"), argv[1], member (n, "status_label"));
      }
  }
  return EXIT_OK;
}

int
cmd_credit_note_approve (int argc, char **argv)
{
  return credit_note_decide (argc, argv, TRUE);
}

int
cmd_credit_note_reject (int argc, char **argv)
{
  return credit_note_decide (argc, argv, FALSE);
}

int
cmd_credit_note_list (int argc, char **argv)
{
  g_auto(CliOptions) opt = { 0 };
  g_autofree char *park_id = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;

  if (!cli_parse (&opt, CLI_PARK | CLI_JSON,
                  _("credit-note list — list the credit notes and waivers"), NULL, 0, "", &argc,
                  &argv))
    return EXIT_USAGE;
  store = open_park (opt.db, opt.park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  notes = pw_credit_note_list (store, park_id, &error);
  if (notes == NULL)
    return failed (error);
  if (opt.json)
    {
      g_autoptr(JsonArray) array = cli_objects_to_array (notes);

      cli_print_array (array);
      return EXIT_OK;
    }
  for (guint i = 0; i < notes->len; i++)
    {
      JsonObject *n = g_ptr_array_index (notes, i);
      g_autofree char *gross = amount_text (n, "gross", member (n, "currency"));

      g_print ("%-22s  %-10s  %-22s  %-20s  %-10s  %14s  %s\n", member (n, "number"),
               member (n, "kind_label"), member (n, "bill_number"), member (n, "customer_name"),
               member (n, "status_label"), gross, member (n, "reason"));
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u credit note\n", "%u credit notes\n", notes->len),
           notes->len);
  return EXIT_OK;
}

/* ---- late fees ---------------------------------------------------------------------------- */

int
cmd_late_fee_preview (int argc, char **argv)
{
  g_auto(CliOptions) opt = { 0 };
  g_autofree char *park_id = NULL, *as_of = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) fees = NULL;
  g_autofree char *currency = NULL;
  GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of, N_("Count days late up to this date (required)"),
      N_("YYYY-MM-DD") },
    { NULL }
  };

  if (!cli_parse (&opt, CLI_PARK | CLI_JSON,
                  _("late-fee preview — the late fees owed as of a date, writing nothing"), entries,
                  0, "", &argc, &argv))
    return EXIT_USAGE;
  if (as_of == NULL)
    return usage_error (_("--as-of is required"));
  store = open_park (opt.db, opt.park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  fees = pw_late_fee_preview (store, park_id, as_of, &error);
  if (fees == NULL)
    return failed (error);
  if (opt.json)
    {
      cli_print_array (fees);
      return EXIT_OK;
    }
  currency = park_currency (store, park_id, &error);
  if (currency == NULL)
    return failed (error);
  for (guint i = 0; i < json_array_get_length (fees); i++)
    {
      JsonObject *f = json_array_get_object_element (fees, i);
      g_autofree char *fee = amount_text (f, "fee", currency);
      g_autofree char *to_bill = amount_text (f, "to_bill", currency);

      /* Translators: bill, customer, charge, fee so far, still to bill */
      g_print (_("%s  %-20s  %-14s  fee %s, to bill %s\n"), member (f, "bill_number"),
               member (f, "customer_name"), pw_charge_label (member (f, "charge")), fee, to_bill);
      g_print ("      %s\n", member (f, "explanation"));
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u line with a late fee\n", "%u lines with a late fee\n",
                        json_array_get_length (fees)),
           json_array_get_length (fees));
  return EXIT_OK;
}
