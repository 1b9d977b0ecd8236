/* test-billing-cli.c — parkwise-cli bill-run preview|post and bill list|show|hold|
 * release|send|cancel on the demo park (argv[1] is the program; docs/cli.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "../cli-fixture.h"

/* Σ the bills' gross of a run's JSON, checked against its own total and lines */
static gint64
sum_bills (JsonObject *run)
{
  JsonArray *bills = json_object_get_array_member (run, "bills");
  gint64 sum = 0;

  for (guint i = 0; i < json_array_get_length (bills); i++)
    {
      JsonObject *b = json_array_get_object_element (bills, i);
      JsonArray *lines = json_object_get_array_member (b, "lines");
      gint64 lines_sum = 0;

      for (guint j = 0; j < json_array_get_length (lines); j++)
        lines_sum += json_object_get_int_member (json_array_get_object_element (lines, j), "gross");
      g_assert_cmpint (lines_sum, ==, json_object_get_int_member (b, "gross"));
      sum += json_object_get_int_member (b, "gross");
    }
  g_assert_cmpint (sum, ==, json_object_get_int_member (run, "gross"));
  return sum;
}

static void
test_run (CliFixture *fx, gconstpointer data)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonNode) preview = NULL, posted = NULL, again = NULL, list = NULL, shown = NULL;
  g_autoptr(JsonNode) after = NULL;
  JsonObject *p, *q;
  guint n_bills;
  const char *first, *second;

  /* the preview writes nothing; the post writes the same bills, numbered */
  g_assert_cmpint (run_cli (&run, "bill-run", "preview", "--db", fx->db, "--park", "LSP",
                            "--period", "2026-12", "--json", NULL), ==, 0);
  preview = cli_parse_json (run.out);
  p = json_node_get_object (preview);
  n_bills = json_array_get_length (json_object_get_array_member (p, "bills"));
  g_assert_cmpuint (n_bills, >, 1);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (p, "run_id")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (p, "totals")), >, 0);
  g_assert_cmpint (run_cli (&run, "bill-run", "post", "--db", fx->db, "--park", "LSP",
                            "--period", "2026-12", "--json", NULL), ==, 0);
  posted = cli_parse_json (run.out);
  q = json_node_get_object (posted);
  g_assert_true (json_object_get_boolean_member (q, "posted"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (q, "bills")), ==, n_bills);
  g_assert_cmpint (sum_bills (q), ==, sum_bills (p));
  first = json_object_get_string_member (
    json_array_get_object_element (json_object_get_array_member (q, "bills"), 0), "number");
  g_assert_true (g_str_has_prefix (first, "LSP-"));
  g_assert_nonnull (strstr (first, "-B-2026-"));

  /* a repeated post writes none and says so, exit 0 */
  g_assert_cmpint (run_cli (&run, "bill-run", "post", "--db", fx->db, "--period", "2026-12", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (run.out, "Nothing new to bill"));
  g_assert_cmpint (run_cli (&run, "bill-run", "post", "--db", fx->db, "--period", "2026-12",
                            "--json", NULL), ==, 0);
  again = cli_parse_json (run.out);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (again), "posted"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (again), "bills")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (again), "already_billed"), >, 0);

  /* list and show */
  g_assert_cmpint (run_cli (&run, "bill", "list", "--db", fx->db, "--period", "2026-12",
                            "--status", "draft", "--json", NULL), ==, 0);
  list = cli_parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, n_bills);
  second = json_object_get_string_member (json_array_get_object_element (json_node_get_array (list), 1),
                                          "number");
  g_assert_cmpint (run_cli (&run, "bill", "show", "--db", fx->db, first, "--json", NULL), ==, 0);
  shown = cli_parse_json (run.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (shown), "number"), ==, first);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (shown),
                                                                        "lines")), >, 0);
  g_assert_cmpint (run_cli (&run, "bill", "show", "--db", fx->db, first, NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, first));

  /* hold, release, send; a sent bill is not cancelled (exit 1, naming it) */
  g_assert_cmpint (run_cli (&run, "bill", "hold", "--db", fx->db, first, NULL), ==, 0);
  g_assert_cmpint (run_cli (&run, "bill", "send", "--db", fx->db, first, NULL), ==, 1);
  g_assert_cmpint (run_cli (&run, "bill", "release", "--db", fx->db, first, NULL), ==, 0);
  g_assert_cmpint (run_cli (&run, "bill", "send", "--db", fx->db, first, NULL), ==, 0);
  g_assert_cmpint (run_cli (&run, "bill", "cancel", "--db", fx->db, first, NULL), ==, 1);
  g_assert_nonnull (strstr (run.err, first));
  /* another one cancelled: its lines come back in the next preview */
  g_assert_cmpint (run_cli (&run, "bill", "cancel", "--db", fx->db, second, NULL), ==, 0);
  g_assert_cmpint (run_cli (&run, "bill-run", "preview", "--db", fx->db, "--period", "2026-12",
                            "--json", NULL), ==, 0);
  after = cli_parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (after),
                                                                        "bills")), ==, 1);
  g_assert_cmpint (run_cli (&run, "bill", "list", "--db", fx->db, "--status", "sent", NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, first));
}

static void
test_usage (CliFixture *fx, gconstpointer data)
{
  g_auto(Run) run = { 0, };

  g_assert_cmpint (run_cli (&run, "bill-run", "preview", "--db", fx->db, NULL), ==, 2);
  g_assert_cmpint (run_cli (&run, "bill-run", "preview", "--db", fx->db, "--period", "2026-13",
                            NULL), ==, 1);
  g_assert_nonnull (strstr (run.err, "2026-13"));
  g_assert_cmpint (run_cli (&run, "bill", "show", "--db", fx->db, "NO-SUCH", NULL), ==, 1);
  g_assert_nonnull (strstr (run.err, "NO-SUCH"));
  g_assert_cmpint (run_cli (&run, "bill", "list", "--db", fx->db, "--status", "paid", NULL), ==, 1);
  /* a building filter that matches nothing previews no bill */
  g_assert_cmpint (run_cli (&run, "bill-run", "preview", "--db", fx->db, "--period", "2026-12",
                            "--building", "NOPE", NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, "0 bills"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, >=, 2);
  cli_path = argv[1];
  g_test_add ("/billing-cli/run", CliFixture, NULL, cli_set_up, test_run, cli_tear_down);
  g_test_add ("/billing-cli/usage", CliFixture, NULL, cli_set_up, test_usage, cli_tear_down);
  return g_test_run ();
}
