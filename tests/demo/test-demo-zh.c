/* test-demo-zh.c — the demo park created by a Chinese-speaking user is named in
 * Chinese, and is the same park as in English: same counts, same codes
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>

#include "pw-demo.h"
#include "pw-i18n.h"
#include "pw-ledger.h"

static PwStore *
seed (const char *dir, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  PwStore *store = pw_store_open (path, &error);

  g_assert_no_error (error);
  pw_ledger_attach (store);
  pw_demo_seed (store, &error);
  g_assert_no_error (error);
  return store;
}

static sqlite3_stmt *
query (PwStore *store, const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = pw_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  return stmt;
}

static char *
query_text (PwStore *store, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = query (store, sql);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Each non-empty value of the first column is written in Chinese (not ASCII alone). */
static void
assert_all_chinese (PwStore *store, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = query (store, sql);
  guint n = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, 0);

      if (value == NULL || *value == '\0')
        continue;
      if (g_str_is_ascii (value))
        g_error ("%s: \"%s\" is not translated", sql, value);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* setlocale also drops gettext's cache of translations already looked up */
  pw_i18n_init ();
}

static void
test_zh_cn (void)
{
  static const char *const tables[] = {
    "building", "floor", "space", "equipment", "customer", "contact", "contract", "prospect",
    "viewing", "quote", "space_status", "lifecycle_event",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("parkwise-demo-zh-XXXXXX", &error);
  g_autoptr(PwStore) zh = NULL;
  g_autoptr(PwStore) en = NULL;
  g_autofree char *park = NULL, *tower = NULL, *landlord = NULL, *room = NULL;
  g_autofree char *zh_path = NULL, *en_path = NULL;

  g_assert_no_error (error);
  set_language ("zh_CN");
  zh = seed (dir, "zh.db");
  set_language ("C");
  en = seed (dir, "en.db");

  park = query_text (zh, "SELECT name FROM park");
  g_assert_cmpstr (park, ==, "澜湖科技园");
  tower = query_text (zh, "SELECT name FROM building WHERE code = 'T1'");
  g_assert_cmpstr (tower, ==, "澜湖大厦");
  landlord = query_text (zh, "SELECT count(*) FROM contract_version"
                             " WHERE terms LIKE '%苏州澜湖科技园开发有限公司%'");
  g_assert_cmpint (atoi (landlord), >, 0);
  assert_all_chinese (zh, "SELECT name FROM building");
  assert_all_chinese (zh, "SELECT name FROM floor");
  assert_all_chinese (zh, "SELECT name FROM space");
  assert_all_chinese (zh, "SELECT name FROM equipment");
  assert_all_chinese (zh, "SELECT industry FROM customer");
  assert_all_chinese (zh, "SELECT role FROM contact");
  assert_all_chinese (zh, "SELECT reason FROM space_status");
  assert_all_chinese (zh, "SELECT note FROM lifecycle_event WHERE event = 'stocktaken'");
  assert_all_chinese (zh, "SELECT name FROM prospect");

  /* the English park is the same park, named in English */
  room = query_text (en, "SELECT name FROM building WHERE code = 'T1'");
  g_assert_cmpstr (room, ==, "Lakeside Tower");
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_assert_cmpint (pw_store_count (zh, tables[i]), >, 0);
      g_assert_cmpint (pw_store_count (zh, tables[i]), ==, pw_store_count (en, tables[i]));
    }
  {
    g_autoptr(sqlite3_stmt) a = query (zh, "SELECT code, kind, status, gross_area FROM space ORDER BY code");
    g_autoptr(sqlite3_stmt) b = query (en, "SELECT code, kind, status, gross_area FROM space ORDER BY code");

    while (sqlite3_step (a) == SQLITE_ROW)
      {
        g_assert_cmpint (sqlite3_step (b), ==, SQLITE_ROW);
        for (int c = 0; c < 3; c++)
          g_assert_cmpstr ((const char *) sqlite3_column_text (a, c), ==,
                           (const char *) sqlite3_column_text (b, c));
        g_assert_cmpint (sqlite3_column_int64 (a, 3), ==, sqlite3_column_int64 (b, 3));
      }
    g_assert_cmpint (sqlite3_step (b), ==, SQLITE_DONE);
  }

  g_clear_object (&zh);
  g_clear_object (&en);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
  }
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  /* the catalogue is the build tree's ($PARKWISE_LOCALEDIR) */
  g_assert_nonnull (g_getenv ("PARKWISE_LOCALEDIR"));
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/demo/zh-CN", test_zh_cn);
  return g_test_run ();
}
