/* test-cli-schedule.c — parkwise-cli schedule: table, JSON, CSV and refusals
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>

static int
run (const char *const *args, char **out, char **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("PARKWISE_CLI"));
  g_ptr_array_add (argv, (gpointer) "schedule");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static char *
example (void)
{
  return g_test_build_filename (G_TEST_DIST, "schedule", "example.json", NULL);
}

static void
test_table (void)
{
  g_autofree char *path = example ();
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { path, NULL };

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  /* the first whole quarter: 523.45 × 3.2 × 365 ÷ 12 × 3 = 152,847.40 */
  g_assert_nonnull (strstr (out, "523.45 m² × 3.2000/m²/day × 365/12 × 3 months, 9% tax included"));
  g_assert_nonnull (strstr (out, "152,847.40"));
  g_assert_nonnull (strstr (out, "Deposit:      CNY 171,692.00"));
}

static void
test_json (void)
{
  g_autofree char *path = example ();
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { path, "--json", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *totals;
  JsonArray *lines;
  gint64 gross = 0;

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  lines = json_object_get_array_member (root, "lines");
  totals = json_object_get_object_member (root, "totals");
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *l = json_array_get_object_element (lines, i);
      if (!g_str_equal (json_object_get_string_member (l, "kind"), "deposit"))
        gross += json_object_get_int_member (l, "gross");
    }
  g_assert_cmpint (gross, ==, json_object_get_int_member (totals, "gross"));
  g_assert_cmpint (json_object_get_int_member (totals, "deposit"), ==, 17169200);
  g_assert_true (json_object_get_null_member (root, "termination"));
}

static void
test_csv (void)
{
  g_autofree char *path = example ();
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { path, "--csv", NULL };
  g_auto(GStrv) rows = NULL;

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  rows = g_strsplit (out, "\r\n", -1);
  g_assert_cmpstr (rows[0], ==, "line_id,charge,kind,seller,start,end,bill_date,due_date,"
                                "gross,net,tax,tax_code,basis,explanation");
  g_assert_nonnull (strstr (out, ",152847.40,140226.97,12620.43,lease9,"));
}

static void
test_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pw-schedule-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { path, NULL };
  const char *both[] = { path, "--json", "--csv", NULL };

  g_assert_true (g_file_set_contents (path, "{\"id\":\"X\",\"colour\":1}", -1, NULL));
  g_assert_cmpint (run (args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "colour: unknown field"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (both, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* lines that add up past what an amount holds: refused, naming the file and the fields */
  g_assert_true (g_file_set_contents (path,
    "{\"id\":\"X\",\"currency\":\"CNY\",\"signed\":\"2025-01-01\",\"start\":\"2025-01-01\","
    "\"end\":\"2025-12-31\",\"parties\":{\"landlord\":\"L\",\"tenant\":\"T\"},"
    "\"sellers\":[{\"code\":\"LL\",\"name\":\"L\"}],\"spaces\":[{\"code\":\"S\",\"area\":\"100.00\"}],"
    "\"charges\":[{\"code\":\"rent\",\"kind\":\"rent\",\"seller\":\"LL\",\"unit\":\"m2_day\","
    "\"unit_price\":\"10000000000000\",\"spaces\":[\"S\"]}]}", -1, NULL));
  g_assert_cmpint (run (args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "bad.json: totals.gross: "));
  g_assert_nonnull (strstr (err, "charges[0].unit_price"));
  g_remove (path);
  g_rmdir (dir);
}

/* 2025 at 9,125.00 a month (100.00 m² × 3.0000/m²/day × 365/12), January to
 * March rent-free: 9 × 9,125.00 = 82,125.00 spread by day, 82,125.00 ÷ 365 =
 * 225.00 a day; April, 30 days, 6,750.00; to April's end 120 × 225.00 =
 * 27,000.00, so April's receivable is 27,000.00 − 9,125.00 = 17,875.00. */
#define REVENUE_CONTRACT \
  "{\"id\":\"R-1\",\"currency\":\"CNY\",\"signed\":\"2025-01-01\",\"start\":\"2025-01-01\"," \
  "\"end\":\"2025-12-31\",\"parties\":{\"landlord\":\"L\",\"tenant\":\"T\"}," \
  "\"sellers\":[{\"code\":\"LL\",\"name\":\"Landlord\"}]," \
  "\"spaces\":[{\"code\":\"S1\",\"area\":\"100.00\"}]," \
  "\"charges\":[{\"code\":\"rent\",\"kind\":\"rent\",\"seller\":\"LL\",\"unit\":\"m2_day\"," \
  "\"unit_price\":\"3.0000\",\"spaces\":[\"S1\"]}]," \
  "\"free_periods\":[{\"start\":\"2025-01-01\",\"end\":\"2025-03-31\"}]%s}"

static void
test_revenue (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pw-schedule-XXXXXX", NULL);
  g_autofree char *on = g_build_filename (dir, "on.json", NULL);
  g_autofree char *off = g_build_filename (dir, "off.json", NULL);
  g_autofree char *with = g_strdup_printf (REVENUE_CONTRACT, ",\"revenue\":{\"straight_line\":true}");
  g_autofree char *without = g_strdup_printf (REVENUE_CONTRACT, "");
  g_autofree char *out = NULL, *err = NULL;
  const char *table[] = { on, "--revenue", NULL };
  const char *json[] = { on, "--revenue", "--json", NULL };
  const char *csv[] = { on, "--revenue", "--csv", NULL };
  const char *refused[] = { off, "--revenue", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *months;
  gint64 sum = 0;

  g_assert_true (g_file_set_contents (on, with, -1, NULL));
  g_assert_true (g_file_set_contents (off, without, -1, NULL));

  g_assert_cmpint (run (table, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "2025-04-01–2025-04-30"));
  g_assert_nonnull (strstr (out, "6,750.00"));
  g_assert_nonnull (strstr (out, "17,875.00"));
  g_assert_nonnull (strstr (out, "Revenue:      CNY 82,125.00 net of tax over 365 days, "
                                 "225.000000 a day, in 12 months"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (json, &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "total"), ==, 8212500);
  g_assert_cmpint (json_object_get_int_member (root, "days"), ==, 365);
  g_assert_cmpstr (json_object_get_string_member (root, "daily"), ==, "225.000000");
  g_assert_cmpstr (json_object_get_string_member (root, "spread"), ==, "by_day");
  months = json_object_get_array_member (root, "months");
  g_assert_cmpuint (json_array_get_length (months), ==, 12);
  for (guint i = 0; i < 12; i++)
    sum += json_object_get_int_member (json_array_get_object_element (months, i), "revenue");
  g_assert_cmpint (sum, ==, 8212500);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (months, 3),
                                               "receivable"), ==, 1787500);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (csv, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "start,end,days,month_days,revenue,billed,"
                                        "cumulative_revenue,cumulative_billed,receivable\r\n"));
  g_assert_nonnull (strstr (out, "2025-04-01,2025-04-30,30,30,6750.00,9125.00,27000.00,9125.00,"
                                 "17875.00\r\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (refused, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "straight_line"));
  g_remove (on);
  g_remove (off);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/schedule/table", test_table);
  g_test_add_func ("/cli/schedule/json", test_json);
  g_test_add_func ("/cli/schedule/csv", test_csv);
  g_test_add_func ("/cli/schedule/refused", test_refused);
  g_test_add_func ("/cli/schedule/revenue", test_revenue);
  return g_test_run ();
}
