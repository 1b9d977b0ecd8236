/* test-i18n.c — the translated names of codes, in zh_CN from the build tree's
 * catalogue, while the data keeps the codes
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>

#include "fixture.h"
#include "pw-i18n.h"

static void
test_charge_labels (void)
{
  g_assert_cmpstr (pw_charge_label ("rent"), ==, "租金");
  g_assert_cmpstr (pw_charge_label ("pm"), ==, "物业费");
  g_assert_cmpstr (pw_charge_label ("property_fee"), ==, "物业费");
  g_assert_cmpstr (pw_charge_label ("deposit"), ==, "押金");
  g_assert_cmpstr (pw_charge_label ("parking"), ==, "停车费");
  /* a code of the user's own stays as it was written */
  g_assert_cmpstr (pw_charge_label ("rent-2"), ==, "rent-2");
  g_assert_cmpstr (pw_charge_label (NULL), ==, "");
  g_assert_cmpstr (pw_seller_label ("PM"), ==, "物业管理方");
  g_assert_cmpstr (pw_area_basis_label ("internal"), ==, "套内面积");
}

static void
test_field_labels (void)
{
  g_autofree char *list = pw_field_list_label ("name, kind,gross_area");
  g_autofree char *odd = pw_field_list_label ("name, colour");

  g_assert_cmpstr (pw_field_label ("gross_area"), ==, "建筑面积");
  g_assert_cmpstr (list, ==, "名称、类型、建筑面积");
  g_assert_cmpstr (odd, ==, "名称、colour");
}

/* A change's history row names the fields in Chinese; the store keeps their names. */
static void
test_history (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (f->store, NULL, &error);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  PwSpace *space;
  gboolean found = FALSE;

  g_assert_no_error (error);
  space = fixture_find (spaces, "B1-F02-002");
  json_object_set_string_member (fields, "name", "Corner office");
  json_object_set_int_member (fields, "gross_area", 21000);
  g_assert_true (pw_ledger_update_space (f->store, pw_space_get_id (space), 1, fields, &error));
  g_assert_no_error (error);

  history = pw_ledger_load_history (f->store, pw_space_get_id (space), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      PwHistoryEntry *e = g_ptr_array_index (history, i);

      if (g_strcmp0 (e->what, "已变更") != 0)
        continue;
      g_assert_cmpstr (e->reason, ==, "名称、建筑面积");
      found = TRUE;
    }
  g_assert_true (found);

  stmt = pw_store_prepare (f->store, "SELECT note FROM lifecycle_event WHERE event = 'changed'", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "name, gross_area");
}

int
main (int argc, char **argv)
{
  /* a Chinese-speaking user; the catalogue is the build tree's ($PARKWISE_LOCALEDIR) */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_assert_nonnull (g_getenv ("PARKWISE_LOCALEDIR"));
  pw_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/i18n/charge-labels", test_charge_labels);
  g_test_add_func ("/i18n/field-labels", test_field_labels);
  g_test_add ("/i18n/history", Fixture, NULL, fixture_set_up, test_history, fixture_tear_down);
  return g_test_run ();
}
