/* test-receivables-cli.c — parkwise-cli payment, receivables, credit-note and late-fee on
 * the demo park (argv[1] is the program; docs/cli.md, "Receivables")
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "../cli-run.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_unlink (file);
    }
  g_rmdir (path);
}

/* The demo's December run posted and its first bill sent; a payment of 100.00 naming it,
 * the ledger and ageing, a credit note of 10.00 on its first line, the late fees as of a
 * date three months on, and the payment undone. */
static void
test_receivables (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pw-recv-cli-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *number = NULL, *customer = NULL, *payment = NULL, *note = NULL;
  g_autofree char *due = NULL;
  g_auto(Run) run = { 0, };
  gint64 balance_before;
  guint n_payments;

  g_assert_no_error (error);
  g_assert_cmpint (run_cli (&run, "demo", "--db", db, NULL), ==, 0);
  /* --customer takes whole names, commas and all, once per customer */
  g_assert_cmpint (run_cli (&run, "bill-run", "preview", "--db", db, "--period", "2026-12",
                            "--customer", "Helix Biosciences (China) Co., Ltd.",
                            "--customer", "Orion Data Systems (Suzhou) Co., Ltd.", "--json",
                            NULL), ==, 0);
  {
    g_autoptr(JsonNode) preview = parse (run.out);
    JsonArray *bills = json_object_get_array_member (json_node_get_object (preview), "bills");
    gboolean helix = FALSE, orion = FALSE;

    for (guint i = 0; i < json_array_get_length (bills); i++)
      {
        const char *name = json_object_get_string_member (json_array_get_object_element (bills, i),
                                                          "customer");

        helix |= g_str_equal (name, "Helix Biosciences (China) Co., Ltd.");
        orion |= g_str_equal (name, "Orion Data Systems (Suzhou) Co., Ltd.");
        g_assert_true (g_str_has_prefix (name, "Helix") || g_str_has_prefix (name, "Orion"));
      }
    g_assert_true (helix && orion);
  }
  g_assert_cmpint (run_cli (&run, "bill-run", "post", "--db", db, "--period", "2026-12", "--json",
                            NULL), ==, 0);
  {
    g_autoptr(JsonNode) posted = parse (run.out);
    JsonObject *bill = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (posted), "bills"), 0);

    number = g_strdup (json_object_get_string_member (bill, "number"));
    customer = g_strdup (json_object_get_string_member (bill, "customer_id"));
    due = g_strdup (json_object_get_string_member (bill, "due_date"));
  }
  g_assert_cmpint (run_cli (&run, "bill", "send", "--db", db, number, NULL), ==, 0);

  g_assert_cmpint (run_cli (&run, "receivables", "ledger", "--db", db, "--customer", customer,
                            "--json", NULL), ==, 0);
  {
    g_autoptr(JsonNode) ledger = parse (run.out);
    balance_before = json_object_get_int_member (json_node_get_object (ledger), "balance");
    g_assert_cmpint (balance_before, >, 10000);
  }

  /* the demo's year of payments of the customer, then one more naming the bill */
  g_assert_cmpint (run_cli (&run, "payment", "list", "--db", db, "--customer", customer, "--json",
                            NULL), ==, 0);
  {
    g_autoptr(JsonNode) list = parse (run.out);
    n_payments = json_array_get_length (json_node_get_array (list));
  }
  /* a payment naming the bill goes to it */
  g_assert_cmpint (run_cli (&run, "payment", "add", "--db", db, "--customer", customer, "--date",
                            "2026-12-20", "--amount", "100.00", "--method", "transfer",
                            "--reference", "BANK-1", "--bill", number, "--json", NULL), ==, 0);
  {
    g_autoptr(JsonNode) p = parse (run.out);
    JsonObject *o = json_node_get_object (p);
    JsonArray *allocations = json_object_get_array_member (o, "allocations");

    payment = g_strdup (json_object_get_string_member (o, "id"));
    g_assert_cmpint (json_object_get_int_member (o, "amount"), ==, 10000);
    g_assert_cmpint (json_object_get_int_member (o, "unapplied"), ==, 0);
    g_assert_cmpuint (json_array_get_length (allocations), >, 0);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (allocations, 0),
                                                    "bill_number"), ==, number);
  }
  g_assert_cmpint (run_cli (&run, "payment", "list", "--db", db, "--customer", customer, "--json",
                            NULL), ==, 0);
  {
    g_autoptr(JsonNode) list = parse (run.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, n_payments + 1);
  }
  g_assert_cmpint (run_cli (&run, "payment", "list", "--db", db, NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, "BANK-1"));
  g_assert_cmpint (run_cli (&run, "receivables", "ledger", "--db", db, "--customer", customer,
                            "--json", NULL), ==, 0);
  {
    g_autoptr(JsonNode) ledger = parse (run.out);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (ledger), "balance"), ==,
                     balance_before - 10000);
  }
  g_assert_cmpint (run_cli (&run, "receivables", "ledger", "--db", db, "--customer", customer, NULL),
                   ==, 0);
  g_assert_nonnull (strstr (run.out, number));

  /* ageing, its drill-down and the usage errors */
  g_assert_cmpint (run_cli (&run, "receivables", "ageing", "--db", db, "--as-of", "2027-03-31",
                            "--json", NULL), ==, 0);
  {
    g_autoptr(JsonNode) a = parse (run.out);
    JsonObject *o = json_node_get_object (a);
    JsonArray *totals = json_object_get_array_member (o, "totals");
    gint64 sum = 0;

    for (guint i = 0; i < json_array_get_length (totals); i++)
      sum += json_array_get_int_element (totals, i);
    g_assert_cmpint (sum, ==, json_object_get_int_member (o, "total"));
    g_assert_cmpint (sum, >, 0);
  }
  g_assert_cmpint (run_cli (&run, "receivables", "ageing", "--db", db, "--as-of", "2027-03-31",
                            "--by", "building", NULL), ==, 0);
  g_assert_cmpint (run_cli (&run, "receivables", "ageing", "--db", db, "--as-of", "2027-03-31",
                            "--key", customer, "--json", NULL), ==, 0);
  {
    g_autoptr(JsonNode) bills = parse (run.out);
    gboolean found = FALSE;

    for (guint i = 0; i < json_array_get_length (json_node_get_array (bills)); i++)
      found = found || g_strcmp0 (json_object_get_string_member (
                         json_array_get_object_element (json_node_get_array (bills), i), "number"),
                                   number) == 0;
    g_assert_true (found);
  }
  g_assert_cmpint (run_cli (&run, "receivables", "ageing", "--db", db, "--as-of", "2027-03-31",
                            "--by", "floor", NULL), ==, 2);
  g_assert_cmpint (run_cli (&run, "receivables", "ageing", "--db", db, NULL), ==, 2);

  /* a credit note of 10.00 on the bill's first line */
  g_assert_cmpint (run_cli (&run, "credit-note", "add", "--db", db, "--bill", number, "--line", "1",
                            "--amount", "10.00", "--reason", "meter misread", "--date",
                            "2026-12-21", "--json", NULL), ==, 0);
  {
    g_autoptr(JsonNode) n = parse (run.out);
    JsonObject *o = json_node_get_object (n);

    note = g_strdup (json_object_get_string_member (o, "number"));
    g_assert_cmpint (json_object_get_int_member (o, "gross"), ==, 1000);
    g_assert_cmpint (json_object_get_int_member (o, "net") + json_object_get_int_member (o, "tax"),
                     ==, 1000);
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "approved");
  }
  g_assert_cmpint (run_cli (&run, "credit-note", "list", "--db", db, NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, note));
  g_assert_cmpint (run_cli (&run, "credit-note", "approve", "--db", db, note, NULL), ==, 1);
  g_assert_cmpint (run_cli (&run, "credit-note", "add", "--db", db, "--bill", number, "--line", "1",
                            "--amount", "99999999.00", "--reason", "too much", NULL), ==, 1);
  g_assert_nonnull (strstr (run.err, "more than what remains"));

  /* late fees as of a date well after the bill's due date */
  g_assert_cmpint (run_cli (&run, "late-fee", "preview", "--db", db, "--as-of", "2027-03-31",
                            "--json", NULL), ==, 0);
  {
    g_autoptr(JsonNode) fees = parse (run.out);
    JsonArray *a = json_node_get_array (fees);

    for (guint i = 0; i < json_array_get_length (a); i++)
      {
        JsonObject *f = json_array_get_object_element (a, i);

        g_assert_cmpint (json_object_get_int_member (f, "fee"), >, 0);
        g_assert_cmpint (json_object_get_int_member (f, "net") + json_object_get_int_member (f, "tax"),
                         ==, json_object_get_int_member (f, "to_bill"));
      }
  }
  g_assert_cmpint (run_cli (&run, "late-fee", "preview", "--db", db, "--as-of", "2027-03-31", NULL),
                   ==, 0);

  /* undone, the payment counts no more */
  g_assert_cmpint (run_cli (&run, "payment", "undo", "--db", db, payment, "--json", NULL), ==, 0);
  {
    g_autoptr(JsonNode) p = parse (run.out);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (p), "status"), ==, "undone");
  }
  g_assert_cmpint (run_cli (&run, "payment", "undo", "--db", db, payment, NULL), ==, 1);
  g_assert_cmpint (run_cli (&run, "receivables", "ledger", "--db", db, "--customer", customer,
                            "--json", NULL), ==, 0);
  {
    g_autoptr(JsonNode) ledger = parse (run.out);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (ledger), "balance"), ==,
                     balance_before - 1000);
  }
  /* the rest of the bill at once: one note per line with something left */
  g_assert_cmpint (run_cli (&run, "credit-note", "add", "--db", db, "--bill", number, "--whole",
                            "--line", "1", "--reason", "both", NULL), ==, 2);
  g_assert_cmpint (run_cli (&run, "credit-note", "add", "--db", db, "--bill", number, "--whole",
                            "--reason", "goodwill", "--date", "2026-12-22", "--json", NULL), ==, 0);
  {
    g_autoptr(JsonNode) n = parse (run.out);
    JsonArray *a = json_node_get_array (n);

    g_assert_cmpuint (json_array_get_length (a), >=, 1);
    for (guint i = 0; i < json_array_get_length (a); i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (a, i), "reason"),
                       ==, "goodwill");
  }
  g_assert_cmpint (run_cli (&run, "credit-note", "add", "--db", db, "--bill", number, "--whole",
                            "--reason", "again", NULL), ==, 1);
  g_assert_nonnull (strstr (run.err, "Nothing remains"));
  g_assert_cmpint (run_cli (&run, "payment", "add", "--db", db, "--customer", customer, NULL), ==, 2);
  remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, >=, 2);
  cli_path = argv[1];
  g_test_add_func ("/receivables-cli/commands", test_receivables);
  return g_test_run ();
}
