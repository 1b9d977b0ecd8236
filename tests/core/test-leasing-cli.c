/* test-leasing-cli.c — parkwise-cli's leasing commands end to end (argv[1] is the program)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pw-store.h"

#include "../cli-fixture.h"

static char *
first_line (const char *text)
{
  const char *nl = strchr (text, '\n');
  return nl ? g_strndup (text, nl - text) : g_strdup (text);
}

static void
test_uscc (void)
{
  g_auto(Run) valid = { 0, };
  g_auto(Run) invalid = { 0, };
  g_auto(Run) legacy = { 0, };
  g_auto(Run) missing = { 0, };

  g_assert_cmpint (run_cli (&valid, "uscc", "91110000600037341L", NULL), ==, 0);
  g_assert_nonnull (strstr (valid.out, "Market regulation"));
  g_assert_nonnull (strstr (valid.out, "110000"));
  g_assert_nonnull (strstr (valid.out, "600037341"));
  g_assert_cmpint (run_cli (&invalid, "uscc", "91350100M000100Y4Z", NULL), ==, 1);
  g_assert_nonnull (strstr (invalid.err, "Position 18"));
  g_assert_cmpint (run_cli (&legacy, "uscc", "110108012345678", NULL), ==, 0);
  g_assert_nonnull (strstr (legacy.out, "older registration number"));
  g_assert_cmpint (run_cli (&missing, "uscc", NULL), ==, 2);
}

static void
test_flow (CliFixture *fx, gconstpointer data)
{
  g_auto(Run) customer = { 0, };
  g_auto(Run) list = { 0, };
  g_auto(Run) prospect = { 0, };
  g_auto(Run) quote = { 0, };
  g_auto(Run) step = { 0, };
  g_auto(Run) show = { 0, };
  g_autofree char *prospect_id = NULL;
  g_autofree char *quote_id = NULL;

  g_assert_cmpint (run_cli (&customer, "customer", "add", "--db", fx->db, "--name", "Minjiang Ltd",
                            "--uscc", "91350100M000100Y44", "--risk", "medium", NULL), ==, 0);
  g_assert_nonnull (strstr (customer.err, "warning"));
  g_assert_cmpint (run_cli (&list, "customer", "list", "--db", fx->db, "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (list.out, "\"uscc_check\" : \"invalid\""));
  run_clear (&list);
  g_assert_cmpint (run_cli (&list, "customer", "add", "--db", fx->db, "--name", "X",
                            "--risk", "extreme", NULL), ==, 2);
  run_clear (&list);

  /* The demo park has its rules already (the asset manager above 10 %, the general
   * manager above 20 %): a second rule for the same metric and role is refused. */
  g_assert_cmpint (run_cli (&step, "approval-rule", "add", "--db", fx->db, "--metric",
                            "discount_pct", "--threshold", "10", "--role", "asset_manager", NULL), ==, 1);
  g_assert_nonnull (strstr (step.err, "approval_rule"));
  run_clear (&step);
  g_assert_cmpint (run_cli (&step, "approval-rule", "add", "--db", fx->db, "--metric",
                            "discount_pct", "--threshold", "20", "--role", "general_manager",
                            "--level", "2", NULL), ==, 1);
  run_clear (&step);

  g_assert_cmpint (run_cli (&prospect, "prospect", "add", "--db", fx->db, "--name", "Lakeside",
                            NULL), ==, 0);
  prospect_id = first_line (prospect.out);
  g_assert_cmpint (run_cli (&quote, "quote", "add", "--db", fx->db, "--prospect", prospect_id,
                            "--space", "L1-F01-002", "--unit-rent", "2.4", "--list-price", "3.2",
                            "--term", "36", NULL), ==, 0);
  quote_id = first_line (quote.out);
  g_assert_nonnull (strstr (quote.out, "25.00%"));

  g_assert_cmpint (run_cli (&step, "quote", "submit", "--db", fx->db, quote_id, NULL), ==, 0);
  g_assert_nonnull (strstr (step.out, "2 approvals"));
  run_clear (&step);
  g_assert_cmpint (run_cli (&step, "quote", "approve", "--db", fx->db, quote_id, "--role",
                            "general_manager", NULL), ==, 1);
  run_clear (&step);
  g_assert_cmpint (run_cli (&step, "quote", "reject", "--db", fx->db, quote_id, NULL), ==, 2);
  run_clear (&step);
  g_assert_cmpint (run_cli (&step, "quote", "approve", "--db", fx->db, quote_id, "--actor", "zhao",
                            NULL), ==, 0);
  run_clear (&step);
  g_assert_cmpint (run_cli (&step, "quote", "approve", "--db", fx->db, quote_id, "--actor", "qian",
                            "--comment", "Anchor tenant", NULL), ==, 0);
  g_assert_nonnull (strstr (step.out, "Approved"));

  g_assert_cmpint (run_cli (&show, "quote", "show", "--db", fx->db, quote_id, "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (show.out, "\"status\" : \"approved\""));
  g_assert_nonnull (strstr (show.out, "\"actor\" : \"qian\""));
  g_assert_nonnull (strstr (show.out, "Anchor tenant"));
}

/* A contract from draft to signed and terminated, an overlapping one refused, a list
 * of those expiring. Demo spaces T1-F03-012 and -013 are reserved, not leased. */
static void
test_contracts (CliFixture *fx, gconstpointer data)
{
  g_autofree char *terms = g_build_filename (fx->dir, "terms.json", NULL);
  g_autofree char *today = NULL;
  g_autofree char *end = NULL;
  g_autofree char *customer = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, 30);
  g_auto(Run) step = { 0, };
  g_auto(Run) list = { 0, };
  g_auto(Run) refused = { 0, };
  g_auto(Run) space = { 0, };

  today = g_date_time_format (now, "%Y-%m-%d");
  end = g_date_time_format (soon, "%Y-%m-%d");
  {
    g_autofree char *text = g_strdup_printf ("{\"id\": \"C-100\", \"currency\": \"CNY\", \"signed\": \"2025-01-01\", \"start\": \"2025-01-01\", \"end\": \"%s\", \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"}, \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord\"}], \"tax_codes\": [{\"code\": \"t\", \"rate\": \"0.09\"}], \"spaces\": [{\"code\": \"S\", \"area\": \"50.00\", \"basis\": \"gross\"}], \"charges\": [{\"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\", \"tax_code\": \"t\", \"unit_price\": \"100.00\", \"unit\": \"m2_month\", \"spaces\": [\"S\"], \"anchor\": \"lease\", \"frequency\": \"monthly\", \"timing\": \"advance\", \"due\": {\"rule\": \"period_start\"}, \"proration\": \"daily\"}]}", end);

    g_assert_true (g_file_set_contents (terms, text, -1, NULL));
  }
  /* a lease is with a customer */
  g_assert_cmpint (run_cli (&step, "contract", "create", "--db", fx->db, "--code", "C-100",
                            "--start", "2025-01-01", "--end", end, "--space", "T1-F03-012",
                            "--terms", terms, NULL), ==, 2);
  g_assert_nonnull (strstr (step.err, "--customer"));
  run_clear (&step);
  g_assert_cmpint (run_cli (&step, "customer", "add", "--db", fx->db, "--name", "Tenant Co.", NULL),
                   ==, 0);
  customer = g_strstrip (g_strdup (step.out));
  run_clear (&step);
  g_assert_cmpint (run_cli (&step, "contract", "create", "--db", fx->db, "--code", "C-100",
                            "--customer", customer, "--start", "2025-01-01", "--end", end,
                            "--space", "T1-F03-012", "--terms", terms, NULL), ==, 0);
  for (guint i = 0; i < 3; i++)
    {
      const char *to[] = { "submitted", "approved", "signed" };

      run_clear (&step);
      g_assert_cmpint (run_cli (&step, "contract", "set-status", "--db", fx->db, "C-100", to[i], NULL),
                       ==, 0);
    }
  g_assert_cmpint (run_cli (&space, "space", "show", "--db", fx->db, "T1-F03-012", "--json", NULL), ==, 0);
  g_assert_nonnull (strstr (space.out, "\"leased\""));

  /* beyond the park's policy (50.00 against a list price of 98.00 and a floor of 82.00):
   * approved only by the roles its rules ask for, in their order */
  {
    g_autofree char *deep = g_build_filename (fx->dir, "deep.json", NULL);
    g_autofree char *text = NULL;
    g_autoptr(GString) changed = NULL;

    g_assert_true (g_file_get_contents (terms, &text, NULL, NULL));
    changed = g_string_new (text);
    g_string_replace (changed, "\"unit_price\": \"100.00\"", "\"unit_price\": \"50.00\"", 1);
    g_string_replace (changed, "\"C-100\"", "\"C-102\"", 1);
    g_string_replace (changed, "\"2025-01-01\"", "\"2031-01-01\"", 0);
    g_string_replace (changed, end, "2031-12-31", 1);
    g_assert_true (g_file_set_contents (deep, changed->str, -1, NULL));
    run_clear (&step);
    g_assert_cmpint (run_cli (&step, "contract", "create", "--db", fx->db, "--code", "C-102",
                              "--customer", customer, "--start", "2031-01-01", "--end", "2031-12-31",
                              "--space", "T1-F03-012", "--terms", deep, NULL), ==, 0);
    run_clear (&step);
    g_assert_cmpint (run_cli (&step, "contract", "set-status", "--db", fx->db, "C-102", "submitted",
                              NULL), ==, 0);
    run_clear (&step);
    g_assert_cmpint (run_cli (&step, "contract", "set-status", "--db", fx->db, "C-102", "approved",
                              NULL), ==, 1);
    g_assert_nonnull (strstr (step.err, "Asset manager"));
    run_clear (&step);
    g_assert_cmpint (run_cli (&step, "contract", "approve", "--db", fx->db, "C-102", "--role",
                              "general_manager", NULL), ==, 1);
    g_assert_nonnull (strstr (step.err, "level 1"));
    run_clear (&step);
    g_assert_cmpint (run_cli (&step, "contract", "approve", "--db", fx->db, "C-102", "--role",
                              "asset_manager", NULL), ==, 0);
    g_assert_nonnull (strstr (step.out, "Submitted"));
    run_clear (&step);
    g_assert_cmpint (run_cli (&step, "contract", "approve", "--db", fx->db, "C-102", "--role",
                              "asset_manager", NULL), ==, 1);
    g_assert_nonnull (strstr (step.err, "General manager"));
    run_clear (&step);
    g_assert_cmpint (run_cli (&step, "contract", "approve", "--db", fx->db, "C-102", "--role",
                              "general_manager", NULL), ==, 0);
    g_assert_nonnull (strstr (step.out, "Approved"));
    run_clear (&step);
  }

  /* the headline figures: 50 m² at 100.00 a m² a month */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *shown;

    g_assert_cmpint (run_cli (&step, "contract", "show", "--db", fx->db, "C-100", "--date",
                              "2025-03-15", "--json", NULL), ==, 0);
    g_assert_true (json_parser_load_from_data (parser, step.out, -1, NULL));
    shown = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (shown, "monthly_rent"), ==, "5000.00");
    g_assert_cmpstr (json_object_get_string_member (shown, "rent_m2_month"), ==, "100.0000");
    g_assert_cmpstr (json_object_get_string_member (shown, "rent_m2_day"), ==, "3.2877");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (shown, "next_bill"),
                                                    "date"), ==, "2025-04-01");
    run_clear (&step);
    g_assert_cmpint (run_cli (&step, "contract", "show", "--db", fx->db, "C-999", NULL), ==, 1);
    run_clear (&step);
  }

  /* a second contract on the same space for overlapping dates is refused, naming C-100 */
  run_clear (&step);
  g_assert_cmpint (run_cli (&step, "contract", "create", "--db", fx->db, "--code", "C-101",
                            "--customer", customer, "--start", "2025-06-01", "--end", "2027-05-31", "--space", "T1-F03-012",
                            "--terms", terms, NULL), ==, 0);
  g_assert_cmpint (run_cli (&refused, "contract", "set-status", "--db", fx->db, "C-101", "submitted",
                            NULL), ==, 1);
  g_assert_nonnull (strstr (refused.err, "C-100"));

  /* C-100 ends within 60 days; the draft is not running */
  g_assert_cmpint (run_cli (&list, "contract", "list", "--db", fx->db, "--expiring", "60", "--json",
                            NULL), ==, 0);
  g_assert_nonnull (strstr (list.out, "C-100"));
  g_assert_null (strstr (list.out, "C-101"));
  g_assert_nonnull (strstr (list.out, "\"alerts\""));
  run_clear (&list);
  g_assert_cmpint (run_cli (&list, "contract", "list", "--db", fx->db, "--status", "draft", NULL), ==, 0);
  g_assert_nonnull (strstr (list.out, "C-101"));
  g_assert_null (strstr (list.out, "C-100"));

  run_clear (&step);
  g_assert_cmpint (run_cli (&step, "contract", "set-status", "--db", fx->db, "C-100", "nonsense",
                            NULL), ==, 2);
  run_clear (&step);
  g_assert_cmpint (run_cli (&step, "contract", "amend", "--db", fx->db, "C-100", "--from", today,
                            "--terms", terms, NULL), ==, 0);
  g_assert_nonnull (strstr (step.out, "2"));

  /* a renewal: only of a running contract; a draft from the day after the end */
  run_clear (&step);
  g_assert_cmpint (run_cli (&step, "contract", "renew", "--db", fx->db, "C-101", "--code", "C-101R",
                            NULL), ==, 1);
  g_assert_nonnull (strstr (step.err, "renewed"));
  run_clear (&step);
  g_assert_cmpint (run_cli (&step, "contract", "renew", "--db", fx->db, "C-100", NULL), ==, 2);
  run_clear (&step);
  g_assert_cmpint (run_cli (&step, "contract", "set-status", "--db", fx->db, "C-100", "active", NULL),
                   ==, 0);
  run_clear (&step);
  g_assert_cmpint (run_cli (&step, "contract", "renew", "--db", fx->db, "C-100", "--code", "C-100R",
                            "--end", "2099-12-31", NULL), ==, 1);
  g_assert_nonnull (strstr (step.err, "20 years"));
  run_clear (&step);
  g_assert_cmpint (run_cli (&step, "contract", "renew", "--db", fx->db, "C-100", "--code", "C-100R",
                            NULL), ==, 0);
  run_clear (&list);
  g_assert_cmpint (run_cli (&list, "contract", "list", "--db", fx->db, "--status", "draft", "--json",
                            NULL), ==, 0);
  g_assert_nonnull (strstr (list.out, "C-100R"));

  /* the contract as a PDF document */
  {
    g_autofree char *pdf = g_build_filename (fx->dir, "C-100.pdf", NULL);
    g_autofree char *contents = NULL;
    gsize len = 0;

    run_clear (&step);
    g_assert_cmpint (run_cli (&step, "contract", "pdf", "--db", fx->db, "C-100", "--out", pdf, NULL),
                     ==, 0);
    g_assert_true (g_file_get_contents (pdf, &contents, &len, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF"));
    g_assert_cmpuint (len, >, 5000);
    run_clear (&step);
    g_assert_cmpint (run_cli (&step, "contract", "pdf", "--db", fx->db, "C-999", "--out", pdf, NULL),
                     ==, 1);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    g_error ("usage: %s PATH-TO-parkwise-cli", argv[0]);
  cli_path = argv[1];

  g_test_add_func ("/leasing/cli/uscc", test_uscc);
  g_test_add ("/leasing/cli/flow", CliFixture, NULL, cli_set_up, test_flow, cli_tear_down);
  g_test_add ("/leasing/cli/contracts", CliFixture, NULL, cli_set_up, test_contracts, cli_tear_down);
  return g_test_run ();
}
