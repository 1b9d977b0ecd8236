/* test-notice-cli.c — parkwise-cli park seller, bill notice and bill-run notices on the
 * demo park (argv[1] is the program; docs/cli.md, "Payment notices")
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "../cli-run.h"

typedef struct
{
  char *dir;
  char *db;
  char *period;   /* this month, which the demo park's running leases bill */
} CliFixture;

static void
cli_set_up (CliFixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0, };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  fx->dir = g_dir_make_tmp ("pw-notice-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fx->db = g_build_filename (fx->dir, "demo.db", NULL);
  fx->period = g_date_time_format (now, "%Y-%m");
  g_assert_cmpint (run_cli (&run, "demo", "--db", fx->db, NULL), ==, 0);
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
cli_tear_down (CliFixture *fx, gconstpointer data)
{
  remove_tree (fx->dir);
  g_free (fx->dir);
  g_free (fx->db);
  g_free (fx->period);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* The pages of a PDF ("/Type /Page" objects, not the "/Type /Pages" tree), and
 * whether it holds @text (the bill numbers are its title). */
static guint
pdf_pages (const char *path, const char *text, gboolean *holds)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint pages = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  for (gsize i = 0; i + 12 <= length; i++)
    {
      if (memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's')
        pages++;
      if (holds != NULL && text != NULL && i + strlen (text) <= length
          && memcmp (contents + i, text, strlen (text)) == 0)
        *holds = TRUE;
    }
  return pages;
}

static void
test_sellers (CliFixture *fx, gconstpointer data)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonNode) none = NULL, one = NULL;
  JsonArray *sellers;
  JsonObject *ll;

  g_assert_cmpint (run_cli (&run, "park", "seller", "--db", fx->db, "--json", NULL), ==, 0);
  none = parse (run.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (none), "park"), ==, "LSP");
  /* the demo records its two sellers' accounts; LL's are changed */
  sellers = json_object_get_array_member (json_node_get_object (none), "sellers");
  g_assert_cmpuint (json_array_get_length (sellers), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *o = json_array_get_object_element (sellers, i);

      g_assert_cmpstr (json_object_get_string_member (o, "bank"), !=, "");
      g_assert_cmpstr (json_object_get_string_member (o, "account"), !=, "");
    }
  g_assert_cmpint (run_cli (&run, "park", "seller", "--db", fx->db, "--code", "LL", "--name",
                            "Lakeside Landlord Co.", "--bank", "Bank of Suzhou", "--account",
                            "6222 0210 0000 1234 567", "--json", NULL), ==, 0);
  one = parse (run.out);
  sellers = json_object_get_array_member (json_node_get_object (one), "sellers");
  g_assert_cmpuint (json_array_get_length (sellers), ==, 2);
  ll = NULL;
  for (guint i = 0; i < 2; i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (sellers, i),
                                                  "code"), "LL") == 0)
      ll = json_array_get_object_element (sellers, i);
  g_assert_nonnull (ll);
  g_assert_cmpstr (json_object_get_string_member (ll, "name"), ==, "Lakeside Landlord Co.");
  g_assert_cmpstr (json_object_get_string_member (ll, "bank"), ==, "Bank of Suzhou");
  g_assert_cmpstr (json_object_get_string_member (ll, "account"), ==, "6222 0210 0000 1234 567");
  /* an account without a seller is a usage error */
  g_assert_cmpint (run_cli (&run, "park", "seller", "--db", fx->db, "--bank", "X", NULL), ==, 2);
  g_assert_nonnull (strstr (run.err, "--code"));
  /* the table */
  g_assert_cmpint (run_cli (&run, "park", "seller", "--db", fx->db, NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, "Lakeside Landlord Co."));
}

static void
test_notices (CliFixture *fx, gconstpointer data)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonNode) list = NULL, one = NULL, per_customer = NULL, all = NULL;
  g_autoptr(GHashTable) customers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *notice = g_build_filename (fx->dir, "notice.pdf", NULL);
  g_autofree char *folder = g_build_filename (fx->dir, "notices", NULL);
  g_autofree char *file = g_build_filename (fx->dir, "all.pdf", NULL);
  JsonArray *bills, *files;
  const char *first;
  gboolean holds = FALSE;
  guint n;

  g_assert_cmpint (run_cli (&run, "bill-run", "post", "--db", fx->db, "--period", fx->period, NULL), ==, 0);
  g_assert_cmpint (run_cli (&run, "bill", "list", "--db", fx->db, "--period", fx->period, "--json",
                            NULL), ==, 0);
  list = parse (run.out);
  bills = json_node_get_array (list);
  n = json_array_get_length (bills);
  g_assert_cmpuint (n, >, 1);
  for (guint i = 0; i < n; i++)
    g_hash_table_add (customers, (gpointer) json_object_get_string_member (
                        json_array_get_object_element (bills, i), "customer_id"));
  first = json_object_get_string_member (json_array_get_object_element (bills, 0), "number");

  /* one bill's notice */
  g_assert_cmpint (run_cli (&run, "bill", "notice", "--db", fx->db, first, "--out", notice, "--json",
                            NULL), ==, 0);
  one = parse (run.out);
  files = json_object_get_array_member (json_node_get_object (one), "files");
  g_assert_cmpuint (json_array_get_length (files), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (files, 0), ==, notice);
  g_assert_cmpuint (pdf_pages (notice, first, &holds), >=, 1);
  g_assert_true (holds);
  g_assert_cmpint (run_cli (&run, "bill", "notice", "--db", fx->db, first, NULL), ==, 2);
  g_assert_cmpint (run_cli (&run, "bill", "notice", "--db", fx->db, "LSP-LL-B-1999-000001", "--out",
                            notice, NULL), ==, 1);
  g_assert_nonnull (strstr (run.err, "LSP-LL-B-1999-000001"));

  /* a PDF per customer, and one file with a page (or more) per bill */
  g_assert_cmpint (run_cli (&run, "bill-run", "notices", "--db", fx->db, "--period", fx->period,
                            "--out", folder, "--json", NULL), ==, 0);
  per_customer = parse (run.out);
  files = json_object_get_array_member (json_node_get_object (per_customer), "files");
  g_assert_cmpuint (json_array_get_length (files), ==, g_hash_table_size (customers));
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      g_assert_true (g_str_has_prefix (json_array_get_string_element (files, i), folder));
      g_assert_cmpuint (pdf_pages (json_array_get_string_element (files, i), NULL, NULL), >=, 1);
    }
  g_assert_cmpint (run_cli (&run, "bill-run", "notices", "--db", fx->db, "--period", fx->period,
                            "--out", file, "--one-file", "--json", NULL), ==, 0);
  all = parse (run.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (all),
                                                                         "files")), ==, 1);
  g_assert_cmpuint (pdf_pages (file, NULL, NULL), >=, n);

  /* a cancelled bill has no notice */
  g_assert_cmpint (run_cli (&run, "bill", "cancel", "--db", fx->db, first, NULL), ==, 0);
  g_assert_cmpint (run_cli (&run, "bill", "notice", "--db", fx->db, first, "--out", notice, NULL), ==, 1);
  g_assert_nonnull (strstr (run.err, first));
  /* a period without bills writes nothing, and says so */
  g_assert_cmpint (run_cli (&run, "bill-run", "notices", "--db", fx->db, "--period", "1999-01",
                            "--out", folder, NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, "nothing written"));
  g_assert_cmpint (run_cli (&run, "bill-run", "notices", "--db", fx->db, "--out", folder, NULL), ==, 2);
}

int
main (int argc, char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, >=, 2);
  cli_path = argv[1];
  g_test_add ("/notice-cli/sellers", CliFixture, NULL, cli_set_up, test_sellers, cli_tear_down);
  g_test_add ("/notice-cli/notices", CliFixture, NULL, cli_set_up, test_notices, cli_tear_down);
  return g_test_run ();
}
