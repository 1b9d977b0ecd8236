/* test-statement-cli.c — parkwise-cli statement on the demo park (argv[1] is the
 * program; docs/cli.md, "Statements"): one customer's with --json, its PDF's text read
 * back with pdftotext (poppler-utils), in English and in Chinese, and a batch one per
 * customer or in one file
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "../cli-run.h"

static JsonObject *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The text of the PDF at @path, as pdftotext reads it */
static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
test_statement (void)
{
  g_auto(Run) run = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pw-statement-cli-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "one.pdf", NULL);
  g_autofree char *zh = g_build_filename (dir, "zh.pdf", NULL);
  g_autofree char *folder = g_build_filename (dir, "all", NULL);
  g_autofree char *one_file = g_build_filename (dir, "all.pdf", NULL);
  g_autofree char *text = NULL, *zh_text = NULL, *closing_text = NULL;
  g_autoptr(JsonObject) ageing = NULL, ledger = NULL, st = NULL, batch = NULL, single = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  const char *name;
  JsonArray *rows, *sections, *files;
  gint64 sum = 0, open = 0;

  g_assert_no_error (error);
  g_assert_cmpint (run_cli (&run, "demo", "--db", db, NULL), ==, 0);
  /* the customer who owes the most as of today */
  g_assert_cmpint (run_cli (&run, "receivables", "ageing", "--db", db, "--as-of", today, "--json",
                            NULL), ==, 0);
  ageing = parse (run.out);
  rows = json_object_get_array_member (ageing, "rows");
  g_assert_cmpuint (json_array_get_length (rows), >, 0);
  name = json_object_get_string_member (json_array_get_object_element (rows, 0), "name");
  for (guint i = 1; i < json_array_get_length (rows); i++)
    if (json_object_get_int_member (json_array_get_object_element (rows, i), "total")
        > json_object_get_int_member (json_array_get_object_element (rows, 0), "total"))
      name = json_object_get_string_member (json_array_get_object_element (rows, i), "name");
  g_assert_cmpint (run_cli (&run, "receivables", "ledger", "--db", db, "--customer", name,
                            "--json", NULL), ==, 0);
  ledger = parse (run.out);

  /* one customer, as of today: Σ sections' closing = the ledger's balance; what is open
   * is the ageing's row */
  g_assert_cmpint (run_cli (&run, "statement", "--db", db, "--customer", name, "--out", pdf,
                            "--json", NULL), ==, 0);
  st = parse (run.out);
  g_assert_cmpstr (json_object_get_string_member (st, "to"), ==, today);
  g_assert_cmpstr (json_object_get_string_member (st, "as_of"), ==, today);
  g_assert_cmpstr (json_object_get_string_member (st, "file"), ==, pdf);
  sections = json_object_get_array_member (st, "sections");
  g_assert_cmpuint (json_array_get_length (sections), >=, 1);
  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      JsonObject *s = json_array_get_object_element (sections, i);

      g_assert_cmpint (json_object_get_int_member (s, "closing"), ==,
                       json_object_get_int_member (s, "opening") + json_object_get_int_member (s, "bills")
                       - json_object_get_int_member (s, "credits") - json_object_get_int_member (s, "payments"));
      sum += json_object_get_int_member (s, "closing");
      open += json_object_get_int_member (s, "open");
    }
  g_assert_cmpint (sum, ==, json_object_get_int_member (ledger, "balance"));
  g_assert_cmpint (json_object_get_int_member (st, "closing"), ==, sum);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (rows, i), "name"), name))
      g_assert_cmpint (open, ==, json_object_get_int_member (json_array_get_object_element (rows, i), "total"));

  /* the PDF says so */
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Statement of Account"));
  g_assert_nonnull (strstr (text, name));
  g_assert_nonnull (strstr (text, "Opening balance: CNY"));
  g_assert_nonnull (strstr (text, "Page 1 of"));
  g_assert_nonnull (strstr (text, "Account: "));
  closing_text = g_strdup_printf ("on %s", today);
  g_assert_nonnull (strstr (text, closing_text));

  /* in Chinese */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_assert_cmpint (run_cli (&run, "statement", "--db", db, "--customer", name, "--out", zh, NULL), ==, 0);
  g_setenv ("LANGUAGE", "C", TRUE);
  zh_text = pdf_text (zh);
  g_assert_nonnull (strstr (zh_text, "对账单"));
  g_assert_nonnull (strstr (zh_text, "期初余额"));
  g_assert_null (strstr (zh_text, "Statement of Account"));

  /* a batch: one PDF per customer, or one file, as many statements as the JSON lists */
  g_assert_cmpint (run_cli (&run, "statement", "--db", db, "--all", "--out", folder, "--json", NULL), ==, 0);
  batch = parse (run.out);
  files = json_object_get_array_member (batch, "files");
  g_assert_cmpuint (json_array_get_length (files), >=, json_array_get_length (rows));
  g_assert_cmpuint (json_array_get_length (files), ==,
                    json_array_get_length (json_object_get_array_member (batch, "statements")));
  for (guint i = 0; i < json_array_get_length (files); i++)
    g_assert_true (g_file_test (json_array_get_string_element (files, i), G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (run_cli (&run, "statement", "--db", db, "--all", "--one-file", "--out", one_file,
                            "--json", NULL), ==, 0);
  single = parse (run.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (single, "files")), ==, 1);
  g_assert_true (g_file_test (one_file, G_FILE_TEST_IS_REGULAR));

  /* usage errors */
  g_assert_cmpint (run_cli (&run, "statement", "--db", db, "--out", pdf, NULL), ==, 2);
  g_assert_cmpint (run_cli (&run, "statement", "--db", db, "--customer", name, "--all", "--out",
                            pdf, NULL), ==, 2);
  g_assert_cmpint (run_cli (&run, "statement", "--db", db, "--customer", name, NULL), ==, 2);
  g_assert_cmpint (run_cli (&run, "statement", "--db", db, "--customer", name, "--from",
                            "2026-02-30", "--out", pdf, NULL), ==, 1);
  g_assert_nonnull (strstr (run.err, "from"));
  remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cli_path = argv[1];
  g_test_add_func ("/statement-cli/statement", test_statement);
  return g_test_run ();
}
