/* test-window.c — the main window over a demo ledger, driven in-process
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (Xvfb in CI) and fails, rather than skips, without one. */
#include "config.h"

#include <adwaita.h>

#include "app-test-util.h"
#include "pw-area.h"
#include "pw-assets-page.h"
#include "pw-ledger.h"
#include "pw-summary.h"
#include "pw-window.h"

typedef struct {
  char         *tmpdir;
  PwStore      *store;
  PwWindow     *window;
  PwAssetsPage *page;
  GPtrArray    *spaces;   /* every space of the demo park, as core loads them */
} Fixture;

/* the conditions take the fixture as it is */
#define wait_for(f, cond, data, what) \
  app_test_wait_for ((AppTestCondition) (cond), (f), (data), (what))

static GListModel *
visible (Fixture *f)
{
  return pw_assets_page_get_visible_spaces (f->page);
}

static guint
n_visible (Fixture *f)
{
  return g_list_model_get_n_items (visible (f));
}

static gboolean
n_visible_is (Fixture       *f,
              gconstpointer  data)
{
  return n_visible (f) == GPOINTER_TO_UINT (data);
}

static PwSpace *
find_visible (Fixture    *f,
              const char *space_id)
{
  return app_test_find_item (visible (f), (AppTestGetIdFunc) pw_space_get_id, space_id);
}

static GtkWidget *
template_child (Fixture    *f,
                const char *name)
{
  return app_test_template_child (f->page, PW_TYPE_ASSETS_PAGE, name);
}

static const char *
label_text (Fixture    *f,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (template_child (f, name)));
}

static gboolean
window_populated (Fixture       *f,
                  gconstpointer  data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (f->window)) && n_visible (f) == f->spaces->len;
}

static gboolean
visible_name_is (Fixture       *f,
                 gconstpointer  data)
{
  const char * const *id_name = data;
  PwSpace *space = find_visible (f, id_name[0]);

  return space != NULL && g_strcmp0 (pw_space_get_name (space), id_name[1]) == 0;
}

static gboolean
visible_lacks (Fixture       *f,
               gconstpointer  data)
{
  return find_visible (f, data) == NULL;
}

static gboolean
leasable_label_is (Fixture       *f,
                   gconstpointer  data)
{
  return g_strcmp0 (label_text (f, "leasable_label"), data) == 0;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;

  f->store = app_test_open_demo_ledger ("parkwise-test-window-XXXXXX", &f->tmpdir);

  f->spaces = pw_ledger_load_spaces (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->spaces->len, >, 20);

  /* each test starts where a first run would: on the park */
  settings = g_settings_new (APP_ID);
  g_settings_reset (settings, "last-park");
  g_settings_reset (settings, "last-floor");

  f->window = app_test_new_window (f->store);
  f->page = pw_window_get_assets_page (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for (f, window_populated, NULL, "the window to show every space");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  app_test_destroy_window (&f->window);
  g_clear_pointer (&f->spaces, g_ptr_array_unref);
  g_clear_object (&f->store);
  app_test_remove_tmpdir (&f->tmpdir);
}

/* A leased office-like unit (not a common area), so that the status filter
 * and the change of status below have something to show. */
static PwSpace *
pick_leased_unit (Fixture *f)
{
  for (guint i = 0; i < f->spaces->len; i++)
    {
      PwSpace *space = g_ptr_array_index (f->spaces, i);

      if (pw_space_get_status (space) == PW_SPACE_STATUS_LEASED &&
          pw_space_get_kind (space) != PW_SPACE_KIND_COMMON_AREA)
        return space;
    }

  g_assert_not_reached ();
  return NULL;
}

static guint
count_spaces (Fixture    *f,
              const char *floor_id,
              int         status)
{
  guint n = 0;

  for (guint i = 0; i < f->spaces->len; i++)
    {
      PwSpace *space = g_ptr_array_index (f->spaces, i);

      if (g_strcmp0 (pw_space_get_floor_id (space), floor_id) == 0 &&
          (status < 0 || (int) pw_space_get_status (space) == status))
        n++;
    }

  return n;
}

static void
test_window_shows_park (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *count = g_strdup_printf ("%u spaces", f->spaces->len);
  PwLedgerNode *node = pw_assets_page_get_selected_node (f->page);
  PwAreaSummary s;
  g_autofree char *leasable = NULL;

  /* the whole park: every space, its summary, the park named in the title */
  g_assert_nonnull (node);
  g_assert_cmpint (pw_ledger_node_get_kind (node), ==, PW_NODE_PARK);
  g_assert_cmpstr (pw_assets_page_get_park_id (f->page), ==, pw_ledger_first_park_id (f->store));
  g_assert_cmpuint (n_visible (f), ==, f->spaces->len);
  g_assert_cmpstr (label_text (f, "count_label"), ==, count);

  pw_summary_compute (f->spaces, PW_NODE_PARK, pw_ledger_node_get_id (node), &s);
  leasable = pw_area_format_with_unit (s.leasable, FALSE);
  g_assert_cmpstr (label_text (f, "leasable_label"), ==, leasable);

  /* sorted by code, as the column view's initial sort says */
  for (guint i = 1; i < n_visible (f); i++)
    {
      g_autoptr(PwSpace) a = g_list_model_get_item (visible (f), i - 1);
      g_autoptr(PwSpace) b = g_list_model_get_item (visible (f), i);

      g_assert_cmpint (g_utf8_collate (pw_space_get_code (a), pw_space_get_code (b)), <=, 0);
    }

  /* Ctrl+F's action puts the focus in the search entry */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.find", NULL));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         template_child (f, "search_entry")));
}

static void
test_window_search (Fixture       *f,
                    gconstpointer  data)
{
  PwSpace *target = g_ptr_array_index (f->spaces, f->spaces->len / 2);
  g_autoptr(PwSpace) found = NULL;
  g_autofree char *lower = g_utf8_strdown (pw_space_get_code (target), -1);
  g_autofree char *park_name = NULL;
  g_autofree char *count = NULL;
  const char *other_floor = NULL;

  g_object_get (f->page, "park-name", &park_name, NULL);
  count = g_strdup_printf ("1 space found in all of %s", park_name);

  /* the tree shows another floor: a search still covers the whole park */
  for (guint i = 0; i < f->spaces->len && other_floor == NULL; i++)
    if (g_strcmp0 (pw_space_get_floor_id (f->spaces->pdata[i]), pw_space_get_floor_id (target)) != 0)
      other_floor = pw_space_get_floor_id (f->spaces->pdata[i]);
  g_assert_nonnull (other_floor);
  g_assert_true (pw_assets_page_select_node (f->page, other_floor));

  /* typed into the entry: the filter follows after the entry's short delay */
  gtk_editable_set_text (GTK_EDITABLE (template_child (f, "search_entry")),
                         pw_space_get_code (target));
  wait_for (f, n_visible_is, GUINT_TO_POINTER (1), "the search to leave one row");
  found = g_list_model_get_item (visible (f), 0);
  g_assert_cmpstr (pw_space_get_id (found), ==, pw_space_get_id (target));
  g_assert_cmpstr (label_text (f, "count_label"), ==, count);

  /* case does not matter */
  pw_assets_page_set_search_text (f->page, lower);
  g_assert_cmpuint (n_visible (f), ==, 1);

  /* nothing matches: the empty state */
  pw_assets_page_set_search_text (f->page, "no such space anywhere");
  g_assert_cmpuint (n_visible (f), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child (f, "list_stack"))),
                   ==, "empty");

  /* cleared: back to the floor the tree shows */
  pw_assets_page_set_search_text (f->page, "");
  g_assert_cmpuint (n_visible (f), <, f->spaces->len);
  for (guint i = 0; i < n_visible (f); i++)
    {
      g_autoptr(PwSpace) space = g_list_model_get_item (visible (f), i);

      g_assert_cmpstr (pw_space_get_floor_id (space), ==, other_floor);
    }
  g_assert_true (pw_assets_page_select_node (f->page, pw_space_get_park_id (target)));
  g_assert_cmpuint (n_visible (f), ==, f->spaces->len);
}

static void
test_window_floor_status_edit (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PwSpace *unit = pick_leased_unit (f);
  g_autofree char *space_id = g_strdup (pw_space_get_id (unit));
  g_autofree char *floor_id = g_strdup (pw_space_get_floor_id (unit));
  g_autofree char *description = NULL;
  g_autofree char *leasable = NULL;
  g_autofree char *leasable_sqft = NULL;
  g_autoptr(PwSpace) stored = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *today = pw_today_iso ();
  PwSpaceDetail *detail = pw_assets_page_get_space_detail (f->page);
  PwAreaSummary s;
  guint on_floor = count_spaces (f, floor_id, -1);
  guint leased_on_floor = count_spaces (f, floor_id, PW_SPACE_STATUS_LEASED);
  const char *renamed[2] = { space_id, "Renamed by the window test" };

  /* the row's accessible name */
  description = pw_assets_page_describe_space (unit, FALSE);
  g_assert_true (g_str_has_prefix (description, pw_space_get_code (unit)));
  g_assert_true (g_str_has_suffix (description, ", leased"));
  g_assert_nonnull (strstr (description, " m², "));

  /* selecting the floor in the tree scopes the list and the summary */
  g_assert_true (pw_assets_page_select_node (f->page, floor_id));
  g_assert_cmpint (pw_ledger_node_get_kind (pw_assets_page_get_selected_node (f->page)), ==,
                   PW_NODE_FLOOR);
  g_assert_cmpstr (pw_ledger_node_get_id (gtk_tree_list_row_get_item (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (template_child (f, "tree_view"))))))),
                   ==, floor_id);
  g_assert_cmpuint (on_floor, >, 0);
  g_assert_cmpuint (n_visible (f), ==, on_floor);
  for (guint i = 0; i < n_visible (f); i++)
    {
      g_autoptr(PwSpace) space = g_list_model_get_item (visible (f), i);
      g_assert_cmpstr (pw_space_get_floor_id (space), ==, floor_id);
    }

  pw_summary_compute (f->spaces, PW_NODE_FLOOR, floor_id, &s);
  leasable = pw_area_format_with_unit (s.leasable, FALSE);
  g_assert_cmpstr (label_text (f, "leasable_label"), ==, leasable);

  /* filtering by status, within the floor */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (template_child (f, "status_dropdown")),
                              PW_SPACE_STATUS_LEASED + 1);
  g_assert_cmpuint (leased_on_floor, >, 0);
  g_assert_cmpuint (n_visible (f), ==, leased_on_floor);
  for (guint i = 0; i < n_visible (f); i++)
    {
      g_autoptr(PwSpace) space = g_list_model_get_item (visible (f), i);
      g_assert_cmpint (pw_space_get_status (space), ==, PW_SPACE_STATUS_LEASED);
    }

  /* selecting a row hands the space to the detail */
  g_assert_true (pw_assets_page_select_space (f->page, space_id));
  g_assert_nonnull (pw_space_detail_get_space (detail));
  g_assert_cmpstr (pw_space_get_id (pw_space_detail_get_space (detail)), ==, space_id);

  /* editing through the embedded detail: the store has it, the row follows */
  pw_space_detail_set_field_text (detail, "name", renamed[1]);
  g_assert_true (pw_space_detail_is_valid (detail));
  g_assert_true (pw_space_detail_save (detail, &error));
  g_assert_no_error (error);
  stored = pw_ledger_load_space (f->store, space_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_space_get_name (stored), ==, renamed[1]);
  wait_for (f, visible_name_is, renamed, "the row to show the new name");
  /* the reload kept the selection, by id */
  g_assert_nonnull (pw_assets_page_get_selected_space (f->page));
  g_assert_cmpstr (pw_space_get_id (pw_assets_page_get_selected_space (f->page)), ==, space_id);
  g_assert_cmpstr (pw_ledger_node_get_id (pw_assets_page_get_selected_node (f->page)), ==,
                   floor_id);

  /* a change of status: the row leaves the "Leased" filter and the summary moves */
  g_assert_true (pw_ledger_change_status (f->store, space_id, pw_space_get_version (stored),
                                          PW_SPACE_STATUS_UNDER_REPAIR, today,
                                          "Water damage", &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = pw_ledger_load_space (f->store, space_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_space_get_status (stored), ==, PW_SPACE_STATUS_UNDER_REPAIR);
  wait_for (f, visible_lacks, space_id, "the repaired space to leave the leased filter");
  g_assert_cmpuint (n_visible (f), ==, leased_on_floor - 1);

  pw_assets_page_set_status_filter (f->page, PW_SPACE_STATUS_UNDER_REPAIR);
  g_assert_nonnull (find_visible (f, space_id));
  g_assert_cmpint (pw_space_get_status (find_visible (f, space_id)), ==,
                   PW_SPACE_STATUS_UNDER_REPAIR);

  /* the summary is computed again from the store */
  g_ptr_array_unref (f->spaces);
  f->spaces = pw_ledger_load_spaces (f->store, NULL, &error);
  g_assert_no_error (error);
  pw_summary_compute (f->spaces, PW_NODE_FLOOR, floor_id, &s);
  g_clear_pointer (&leasable, g_free);
  leasable = pw_area_format_with_unit (s.leasable, FALSE);
  g_assert_cmpstr (label_text (f, "leasable_label"), ==, leasable);

  /* square feet, from the preferences' setting */
  settings = g_settings_new (APP_ID);
  g_settings_set_enum (settings, "area-unit", 1);
  leasable_sqft = pw_area_format_with_unit (s.leasable, TRUE);
  wait_for (f, leasable_label_is, leasable_sqft, "the summary in square feet");
  g_settings_reset (settings, "area-unit");
  wait_for (f, leasable_label_is, leasable, "the summary in square metres");

  pw_assets_page_set_status_filter (f->page, -1);
  g_assert_cmpuint (n_visible (f), ==, on_floor);
}

int
main (int   argc,
      char *argv[])
{
  char *scratch = app_test_init (&argc, &argv);

  g_test_add ("/app/window/shows-park", Fixture, NULL,
              fixture_set_up, test_window_shows_park, fixture_tear_down);
  g_test_add ("/app/window/search", Fixture, NULL,
              fixture_set_up, test_window_search, fixture_tear_down);
  g_test_add ("/app/window/floor-status-edit", Fixture, NULL,
              fixture_set_up, test_window_floor_status_edit, fixture_tear_down);

  return app_test_run (scratch);
}
