/* test-cli.c — parkwise-cli end to end: runs the built program (its path is argv[1])
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pw-store.h"

#include "../cli-fixture.h"

static void
test_usage (void)
{
  g_auto(Run) version = { 0, };
  g_auto(Run) none = { 0, };
  g_auto(Run) unknown = { 0, };
  g_auto(Run) no_db = { 0, };
  g_auto(Run) bad_option = { 0, };
  g_auto(Run) help = { 0, };
  g_auto(Run) sub_help = { 0, };

  g_assert_cmpint (run_cli (&version, "--version", NULL), ==, 0);
  g_assert_nonnull (strstr (version.out, PACKAGE_VERSION));
  g_assert_cmpint (run_cli (&none, NULL), ==, 2);
  g_assert_cmpint (run_cli (&unknown, "frobnicate", NULL), ==, 2);
  g_assert_nonnull (strstr (unknown.err, "frobnicate"));
  g_assert_cmpint (run_cli (&no_db, "ledger", "summary", NULL), ==, 2);
  g_assert_nonnull (strstr (no_db.err, "--db"));
  g_assert_cmpint (run_cli (&bad_option, "ledger", "export", "--db", "x.db", "--colour", NULL),
                   ==, 2);
  g_assert_cmpint (run_cli (&help, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (help.out, "set-status"));
  g_assert_nonnull (strstr (help.out, "stocktake"));
  g_assert_cmpint (run_cli (&sub_help, "ledger", "import", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (sub_help.out, "--dry-run"));
}

static void
test_demo_twice (CliFixture *fx, gconstpointer data)
{
  g_auto(Run) run = { 0, };

  /* the demo only goes into an empty store */
  g_assert_cmpint (run_cli (&run, "demo", "--db", fx->db, NULL), ==, 1);
  g_assert_cmpstr (run.err, !=, "");
}

static gint64
member_int (JsonObject *obj, const char *key)
{
  g_assert_true (json_object_has_member (obj, key));
  return json_object_get_int_member (obj, key);
}

/* Each area of @parent equals the sum over @children. */
static void
assert_sums (JsonObject *parent, JsonArray *children)
{
  static const char *const keys[] = {
    "gross_area", "internal_area", "usable_area", "common_area", "leasable_area",
    "leased_area", "vacant_area", "spaces", "units",
  };

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      gint64 sum = 0;

      for (guint i = 0; i < json_array_get_length (children); i++)
        sum += member_int (json_array_get_object_element (children, i), keys[k]);
      if (sum != member_int (parent, keys[k]))
        g_error ("%s of %s: %" G_GINT64_FORMAT " but its parts add up to %" G_GINT64_FORMAT,
                 keys[k], json_object_get_string_member (parent, "code"),
                 member_int (parent, keys[k]), sum);
    }
}

static void
test_summary (CliFixture *fx, gconstpointer data)
{
  g_auto(Run) text = { 0, };
  g_auto(Run) json = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) m2 = NULL;
  JsonObject *park;
  JsonArray *buildings;

  g_assert_cmpint (run_cli (&text, "ledger", "summary", "--db", fx->db, NULL), ==, 0);
  g_assert_nonnull (strstr (text.out, "R/U"));

  g_assert_cmpint (run_cli (&json, "ledger", "summary", "--db", fx->db, "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, json.out, -1, &error);
  g_assert_no_error (error);
  park = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (member_int (park, "gross_area"), >, 0);
  g_assert_cmpint (member_int (park, "gross_area"), ==,
                   member_int (park, "internal_area") + member_int (park, "common_area"));
  m2 = g_string_new (NULL);
  g_string_printf (m2, "%" G_GINT64_FORMAT ".%02d", member_int (park, "gross_area") / 100,
                   (int) (member_int (park, "gross_area") % 100));
  g_assert_cmpstr (json_object_get_string_member (park, "gross_area_m2"), ==, m2->str);
  g_assert_true (json_object_has_member (park, "k"));

  buildings = json_object_get_array_member (park, "buildings");
  g_assert_cmpuint (json_array_get_length (buildings), >, 0);
  assert_sums (park, buildings);
  for (guint i = 0; i < json_array_get_length (buildings); i++)
    {
      JsonObject *b = json_array_get_object_element (buildings, i);
      assert_sums (b, json_object_get_array_member (b, "floors"));
    }
}

static char *
first_code (const char *csv)
{
  const char *line = strchr (csv, '\n');

  g_assert_nonnull (line);
  line++;
  return g_strndup (line, strcspn (line, ",\r\n"));
}

static void
test_export_import (CliFixture *fx, gconstpointer data)
{
  g_autofree char *out = g_build_filename (fx->dir, "export.csv", NULL);
  g_autofree char *bad = g_build_filename (fx->dir, "bad.csv", NULL);
  g_autofree char *from_file = NULL;
  g_autofree char *code = NULL;
  g_autofree char *bad_csv = NULL;
  g_autofree char *expected = NULL;
  g_auto(Run) to_stdout = { 0, };
  g_auto(Run) to_file = { 0, };
  g_auto(Run) dry = { 0, };
  g_auto(Run) again = { 0, };
  g_auto(Run) failing = { 0, };
  g_auto(Run) after = { 0, };
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_cmpint (run_cli (&to_stdout, "ledger", "export", "--db", fx->db, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (to_stdout.out, "code,building,floor,kind,"));
  g_assert_cmpint (run_cli (&to_file, "ledger", "export", "--db", fx->db, "--out", out, NULL),
                   ==, 0);
  g_file_get_contents (out, &from_file, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (from_file, ==, to_stdout.out);

  /* re-importing the export changes nothing */
  g_assert_cmpint (run_cli (&dry, "ledger", "import", "--db", fx->db, out, "--dry-run", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (dry.out, " 0 new, 0 updated"));
  g_assert_cmpint (run_cli (&again, "ledger", "import", "--db", fx->db, out, NULL), ==, 0);
  g_assert_nonnull (strstr (again.out, " 0 new, 0 updated"));

  /* a file with a problem: FILE:LINE:COLUMN: FIELD: message, exit 1, nothing written */
  code = first_code (from_file);
  bad_csv = g_strdup_printf ("code,building,floor,kind,internal_area\n"
                             "%s,NOPE,NOPE,castle,1\n", code);
  g_file_set_contents (bad, bad_csv, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_cli (&failing, "ledger", "import", "--db", fx->db, bad, NULL), ==, 1);
  expected = g_strdup_printf ("%s:2:2: building: ", bad);
  g_assert_nonnull (strstr (failing.err, expected));
  g_free (expected);
  expected = g_strdup_printf ("%s:2:4: kind: ", bad);
  g_assert_nonnull (strstr (failing.err, expected));
  g_assert_cmpstr (failing.out, ==, "");

  g_assert_cmpint (run_cli (&after, "ledger", "export", "--db", fx->db, NULL), ==, 0);
  g_assert_cmpstr (after.out, ==, to_stdout.out);
}

static void
test_space (CliFixture *fx, gconstpointer data)
{
  g_auto(Run) csv = { 0, };
  g_auto(Run) show = { 0, };
  g_auto(Run) set = { 0, };
  g_auto(Run) again = { 0, };
  g_auto(Run) missing = { 0, };
  g_auto(Run) bad_status = { 0, };
  g_auto(Run) text = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  const char *target;
  JsonObject *space;
  JsonArray *history;
  gboolean found = FALSE;

  g_assert_cmpint (run_cli (&csv, "ledger", "export", "--db", fx->db, NULL), ==, 0);
  code = first_code (csv.out);

  g_assert_cmpint (run_cli (&show, "space", "show", "--db", fx->db, code, "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, show.out, -1, &error);
  g_assert_no_error (error);
  space = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (space, "code"), ==, code);
  target = g_str_equal (json_object_get_string_member (space, "status"), "frozen")
             ? "available" : "frozen";

  g_assert_cmpint (run_cli (&set, "space", "set-status", "--db", fx->db, code, target,
                            "--reason", "Checked by the test", "--date", "2024-03-01", NULL),
                   ==, 0);
  g_assert_cmpint (run_cli (&again, "space", "show", "--db", fx->db, code, "--json", NULL),
                   ==, 0);
  json_parser_load_from_data (parser, again.out, -1, &error);
  g_assert_no_error (error);
  space = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (space, "status"), ==, target);
  g_assert_cmpstr (json_object_get_string_member (space, "status_since"), ==, "2024-03-01");
  history = json_object_get_array_member (space, "history");
  g_assert_cmpuint (json_array_get_length (history), >=, 1);
  /* newest first by date, so look for it rather than at the top */
  for (guint i = 0; i < json_array_get_length (history) && !found; i++)
    {
      JsonObject *entry = json_array_get_object_element (history, i);
      found = g_str_equal (json_object_get_string_member (entry, "reason"), "Checked by the test")
              && g_str_equal (json_object_get_string_member (entry, "date"), "2024-03-01");
    }
  g_assert_true (found);

  g_assert_cmpint (run_cli (&text, "space", "show", "--db", fx->db, code, NULL), ==, 0);
  g_assert_nonnull (strstr (text.out, code));
  g_assert_cmpint (run_cli (&missing, "space", "show", "--db", fx->db, "NO-SUCH-CODE", NULL),
                   ==, 1);
  g_assert_cmpint (run_cli (&bad_status, "space", "set-status", "--db", fx->db, code, "sold",
                            "--reason", "x", NULL), ==, 2);
}

static void
test_stocktake (CliFixture *fx, gconstpointer data)
{
  g_auto(Run) csv = { 0, };
  g_auto(Run) record = { 0, };
  g_auto(Run) show = { 0, };
  g_auto(Run) future = { 0, };
  g_auto(Run) bad_date = { 0, };
  g_auto(Run) missing = { 0, };
  g_auto(Run) no_code = { 0, };
  g_auto(Run) extra = { 0, };
  g_auto(Run) no_db = { 0, };
  g_auto(Run) after = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *tomorrow_iso = g_date_time_format (tomorrow, "%Y-%m-%d");
  g_autofree char *code = NULL;
  g_autofree char *recorded = NULL;
  const char *note = "Discrepancy: partition removed by the test";
  JsonArray *history;
  gboolean found = FALSE;

  g_assert_cmpint (run_cli (&csv, "ledger", "export", "--db", fx->db, NULL), ==, 0);
  code = first_code (csv.out);

  /* recorded: exit 0 and one line naming the space and the date */
  g_assert_cmpint (run_cli (&record, "space", "stocktake", "--db", fx->db, code,
                            "--date", "2024-06-30", "--note", note, NULL), ==, 0);
  g_assert_nonnull (strstr (record.out, code));
  g_assert_nonnull (strstr (record.out, "2024-06-30"));
  g_assert_nonnull (strchr (record.out, '\n'));
  g_assert_cmpstr (strchr (record.out, '\n') + 1, ==, "");
  g_assert_cmpstr (record.err, ==, "");

  /* the history has it, as "Stocktaken" with the note */
  g_assert_cmpint (run_cli (&show, "space", "show", "--db", fx->db, code, "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, show.out, -1, &error);
  g_assert_no_error (error);
  history = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "history");
  for (guint i = 0; i < json_array_get_length (history) && !found; i++)
    {
      JsonObject *entry = json_array_get_object_element (history, i);
      found = g_str_equal (json_object_get_string_member (entry, "what"), "Stocktaken")
              && g_str_equal (json_object_get_string_member (entry, "reason"), note)
              && g_str_equal (json_object_get_string_member (entry, "date"), "2024-06-30");
    }
  g_assert_true (found);
  recorded = g_strdup (show.out);

  /* failures (1): a future date, not a date, no such space; nothing is written */
  g_assert_cmpint (run_cli (&future, "space", "stocktake", "--db", fx->db, code,
                            "--date", tomorrow_iso, NULL), ==, 1);
  g_assert_nonnull (strstr (future.err, "future"));
  g_assert_cmpint (run_cli (&bad_date, "space", "stocktake", "--db", fx->db, code,
                            "--date", "2024-02-30", NULL), ==, 1);
  g_assert_nonnull (strstr (bad_date.err, "2024-02-30"));
  g_assert_cmpint (run_cli (&missing, "space", "stocktake", "--db", fx->db, "NO-SUCH-CODE",
                            NULL), ==, 1);
  g_assert_nonnull (strstr (missing.err, "NO-SUCH-CODE"));

  /* usage errors (2) */
  g_assert_cmpint (run_cli (&no_code, "space", "stocktake", "--db", fx->db, NULL), ==, 2);
  g_assert_cmpint (run_cli (&extra, "space", "stocktake", "--db", fx->db, code, "more", NULL),
                   ==, 2);
  g_assert_cmpint (run_cli (&no_db, "space", "stocktake", code, NULL), ==, 2);
  g_assert_nonnull (strstr (no_db.err, "--db"));

  g_assert_cmpint (run_cli (&after, "space", "show", "--db", fx->db, code, "--json", NULL), ==, 0);
  g_assert_cmpstr (after.out, ==, recorded);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    g_error ("usage: %s PATH-TO-parkwise-cli", argv[0]);
  cli_path = argv[1];

  g_test_add_func ("/csv/cli/usage", test_usage);
  g_test_add ("/csv/cli/demo-twice", CliFixture, NULL, cli_set_up, test_demo_twice,
              cli_tear_down);
  g_test_add ("/csv/cli/summary", CliFixture, NULL, cli_set_up, test_summary, cli_tear_down);
  g_test_add ("/csv/cli/export-import", CliFixture, NULL, cli_set_up, test_export_import,
              cli_tear_down);
  g_test_add ("/csv/cli/space", CliFixture, NULL, cli_set_up, test_space, cli_tear_down);
  g_test_add ("/csv/cli/stocktake", CliFixture, NULL, cli_set_up, test_stocktake,
              cli_tear_down);
  return g_test_run ();
}
