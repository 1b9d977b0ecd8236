/* test-plan-page.c — the Plans page of the main window over a demo ledger,
 * driven in-process
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (Xvfb in CI) and fails, rather than skips, without one.
 * Every expectation is computed from the store, not written down. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "app-test-util.h"
#include "pw-area.h"
#include "pw-ledger.h"
#include "pw-plans-page.h"
#include "pw-window.h"

typedef struct {
  char         *tmpdir;
  PwStore      *store;
  PwWindow     *window;
  AdwViewStack *view_stack;
  PwPlansPage  *page;
  PwPlanCanvas *canvas;
  GPtrArray    *spaces;   /* of the demo park, as core loads them */
} Fixture;

#define wait_for(f, cond, data, what) \
  app_test_wait_for ((AppTestCondition) (cond), (f), (data), (what))

static GtkWidget *
template_child (Fixture *f, const char *name)
{
  return app_test_template_child (f->page, PW_TYPE_PLANS_PAGE, name);
}

static PwSpace *
find_space (Fixture *f, const char *code)
{
  for (guint i = 0; i < f->spaces->len; i++)
    if (g_str_equal (pw_space_get_code (g_ptr_array_index (f->spaces, i)), code))
      return g_ptr_array_index (f->spaces, i);
  g_assert_not_reached ();
  return NULL;
}

/* The id of building @building's floor @floor ("T1", "F03"), from the store. */
static const char *
floor_id (Fixture *f, const char *building, const char *floor)
{
  for (guint i = 0; i < f->spaces->len; i++)
    {
      PwSpace *space = g_ptr_array_index (f->spaces, i);

      if (g_str_equal (pw_space_get_building_code (space), building)
          && g_str_equal (pw_space_get_floor_code (space), floor))
        return pw_space_get_floor_id (space);
    }
  g_assert_not_reached ();
  return NULL;
}

/* Spaces of the floor that carry an outline: the rooms a plan draws. */
static guint
n_outlined (Fixture *f, const char *id)
{
  guint n = 0;

  for (guint i = 0; i < f->spaces->len; i++)
    {
      PwSpace *space = g_ptr_array_index (f->spaces, i);

      n += g_str_equal (pw_space_get_floor_id (space), id) && pw_space_get_outline (space) != NULL;
    }
  return n;
}

static gboolean
page_loaded (Fixture *f, gconstpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (f->page)) && pw_plans_page_is_loaded (f->page)
         && gtk_widget_get_width (GTK_WIDGET (f->canvas)) > 0;
}

static gboolean
stacking_allocated (Fixture *f, gconstpointer data)
{
  PwStackingPlan *plan = pw_plans_page_get_stacking_plan (f->page);

  return gtk_widget_get_mapped (GTK_WIDGET (plan)) && gtk_widget_get_width (GTK_WIDGET (plan)) > 0;
}

static gboolean
floor_has_rooms (Fixture *f, gconstpointer data)
{
  PwPlanFloor *floor = pw_plan_canvas_get_floor (f->canvas);

  return floor != NULL && pw_plan_floor_get_n_rooms (floor) == GPOINTER_TO_UINT (data);
}

static void
select_dropdown_item (GtkDropDown *dropdown, const char *prefix)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), i), prefix))
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  g_assert_not_reached ();
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "area-unit");
  g_settings_reset (settings, "last-floor");
  f->store = app_test_open_demo_ledger ("parkwise-test-plans-XXXXXX", &f->tmpdir);
  f->spaces = pw_ledger_load_spaces (f->store, NULL, &error);
  g_assert_no_error (error);

  f->window = app_test_new_window (f->store);
  f->view_stack = ADW_VIEW_STACK (app_test_template_child (f->window, PW_TYPE_WINDOW, "view_stack"));
  f->page = PW_PLANS_PAGE (adw_view_stack_get_child_by_name (f->view_stack, "plans"));
  g_assert_nonnull (f->page);
  g_assert_true (pw_window_get_plans_page (f->window) == f->page);
  f->canvas = pw_plans_page_get_canvas (f->page);
  gtk_window_present (GTK_WINDOW (f->window));

  /* nothing is loaded while the page is not in view: the window opens as fast */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (pw_plans_page_is_loaded (f->page));

  adw_view_stack_set_visible_child_name (f->view_stack, "plans");
  wait_for (f, page_loaded, NULL, "the Plans page to load");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  app_test_destroy_window (&f->window);
  g_clear_pointer (&f->spaces, g_ptr_array_unref);
  g_clear_object (&f->store);
  app_test_remove_tmpdir (&f->tmpdir);
}

static void
pick_t1_floor_3 (Fixture *f)
{
  const char *id = floor_id (f, "T1", "F03");

  select_dropdown_item (GTK_DROP_DOWN (template_child (f, "building_dropdown")), "T1 ");
  select_dropdown_item (GTK_DROP_DOWN (template_child (f, "floor_dropdown")), "Floor 3");
  g_assert_cmpstr (pw_plans_page_get_floor_id (f->page), ==, id);
  wait_for (f, floor_has_rooms, GUINT_TO_POINTER (n_outlined (f, id)), "the plan of T1 Floor 3");
}

static void
assert_legend_matches (Fixture *f)
{
  PwPlanColoring *coloring = pw_plan_canvas_get_coloring (f->canvas);
  g_auto(GStrv) labels = pw_plans_page_get_legend_labels (f->page);
  guint row = 0;

  for (guint c = 0; c < coloring->classes->len; c++)
    {
      PwPlanClass *cls = &g_array_index (coloring->classes, PwPlanClass, c);

      if (cls->count == 0)
        continue;
      g_assert_nonnull (labels[row]);
      g_assert_cmpstr (labels[row], ==, cls->label);
      row++;
    }
  g_assert_null (labels[row]);
  g_assert_cmpuint (row, >, 0);
}

static void
test_floor_and_lens (Fixture *f, gconstpointer data)
{
  AdwViewStackPage *stack_page = adw_view_stack_get_page (f->view_stack, GTK_WIDGET (f->page));
  GtkStack *views = GTK_STACK (template_child (f, "view_stack"));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last_floor = NULL;

  g_assert_cmpstr (adw_view_stack_page_get_title (stack_page), ==, "_Plans");
  pick_t1_floor_3 (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (views), ==, "plan");
  last_floor = g_settings_get_string (settings, "last-floor");
  g_assert_cmpstr (last_floor, ==, floor_id (f, "T1", "F03"));

  /* the legend explains the classes the plan uses, for every lens */
  assert_legend_matches (f);
  for (int lens = PW_PLAN_N_LENSES - 1; lens >= 0; lens--)
    {
      pw_plans_page_set_lens (f->page, lens);
      g_assert_cmpint (pw_plan_canvas_get_lens (f->canvas), ==, lens);
      g_assert_cmpint (pw_plan_canvas_get_coloring (f->canvas)->lens, ==, lens);
      assert_legend_matches (f);
    }

  /* the arrears lens reads the demo's receivables: its leased rooms are in the classes of
   * what their contracts owe past due, the legend in the park's currency */
  pw_plans_page_set_lens (f->page, PW_PLAN_LENS_ARREARS);
  {
    PwPlanColoring *c = pw_plan_canvas_get_coloring (f->canvas);
    PwPlanFloor *floor = pw_plan_canvas_get_floor (f->canvas);
    guint held = 0;

    g_assert_cmpstr (c->currency, ==, "CNY");
    g_assert_nonnull (pw_plan_floor_get_arrears_date (floor));
    for (guint i = 0; i < c->n_rooms; i++)
      if (pw_plan_floor_get_room (floor, i)->n_holders > 0)
        {
          const char *label = g_array_index (c->classes, PwPlanClass, c->room_class[i]).label;

          held++;
          g_assert_true (g_str_equal (label, "No overdue") || g_str_has_prefix (label, "Overdue "));
        }
    g_assert_cmpuint (held, >, 0);
  }

  /* the lease expiry alert's action shows this page in the expiry lens */
  adw_view_stack_set_visible_child_name (f->view_stack, "assets");
  pw_window_show_expiring (f->window);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (f->view_stack), ==, "plans");
  g_assert_cmpint (pw_plan_canvas_get_lens (f->canvas), ==, PW_PLAN_LENS_EXPIRY);

  /* every room has an accessible child named after it */
  for (guint i = 0; i < pw_plan_floor_get_n_rooms (pw_plan_canvas_get_floor (f->canvas)); i++)
    {
      PwPlanRoom *room = pw_plan_floor_get_room (pw_plan_canvas_get_floor (f->canvas), i);

      g_assert_cmpstr (room->space_id, ==, pw_space_get_id (find_space (f, room->code)));
    }
}

static void
test_selection (Fixture *f, gconstpointer data)
{
  PwPlanFloor *floor;
  PwPlanRoom *a, *b;
  g_autofree char *area = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *line_a = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  pick_t1_floor_3 (f);
  floor = pw_plan_canvas_get_floor (f->canvas);

  /* nothing selected: nothing to export */
  g_assert_false (gtk_widget_get_sensitive (template_child (f, "export_selection_button")));
  g_assert_false (gtk_widget_get_sensitive (template_child (f, "lease_selection_button")));

  pw_plan_canvas_select (f->canvas, 0, PW_PLAN_SELECT_REPLACE);
  pw_plan_canvas_select (f->canvas, 1, PW_PLAN_SELECT_ADD);
  a = pw_plan_floor_get_room (floor, 0);
  b = pw_plan_floor_get_room (floor, 1);
  area = pw_area_format_with_unit (a->chargeable_area + b->chargeable_area, FALSE);
  expected = g_strdup_printf ("2 rooms · %s chargeable", area);
  g_assert_cmpstr (pw_plans_page_get_selection_text (f->page), ==, expected);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (template_child (f, "selection_label"))), area));
  g_assert_true (gtk_widget_get_sensitive (template_child (f, "export_selection_button")));

  /* the selection, for what acts on it later (leasing) */
  ids = pw_plans_page_get_selected_space_ids (f->page);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_cmpstr (ids[0], ==, a->space_id);
  g_assert_cmpstr (ids[1], ==, b->space_id);
  g_assert_true (gtk_widget_get_sensitive (template_child (f, "lease_selection_button")));

  /* exported as CSV: code, name, kind, status, chargeable area in m² */
  csv_path = g_build_filename (f->tmpdir, "selection.csv", NULL);
  g_assert_true (pw_plans_page_export_selection (f->page, csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "code,name,kind,status,chargeable_area_m2");
  line_a = g_strdup_printf ("%s,%s,%s,%s,%" G_GINT64_FORMAT ".%02d", a->code, a->name,
                            pw_space_kind_to_string (a->kind), pw_space_status_to_string (a->status),
                            a->chargeable_area / 100, (int) (a->chargeable_area % 100));
  g_assert_cmpstr (lines[1], ==, line_a);
  g_assert_true (g_str_has_prefix (lines[2], b->code));
  g_assert_cmpstr (lines[3], ==, "");
  g_unlink (csv_path);

  /* one room, in square feet when the user asks for them */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autofree char *feet = NULL;
    g_autofree char *one = NULL;

    pw_plan_canvas_select (f->canvas, 1, PW_PLAN_SELECT_TOGGLE);
    g_settings_set_enum (settings, "area-unit", 1);
    feet = pw_area_format_with_unit (a->chargeable_area, TRUE);
    one = g_strdup_printf ("1 room · %s chargeable", feet);
    g_assert_cmpstr (pw_plans_page_get_selection_text (f->page), ==, one);
    g_settings_reset (settings, "area-unit");
  }
}

static void
test_search (Fixture *f, gconstpointer data)
{
  GtkEditable *entry = GTK_EDITABLE (template_child (f, "search_entry"));
  PwSpace *target = find_space (f, "T1-F03-008");
  PwPlanFloor *floor;
  GArray *selection;

  /* from another building's floor: the page goes to the floor of the space */
  select_dropdown_item (GTK_DROP_DOWN (template_child (f, "building_dropdown")), "W1 ");
  g_assert_cmpstr (pw_plans_page_get_floor_id (f->page), !=, pw_space_get_floor_id (target));

  gtk_editable_set_text (entry, "t1-f03-008");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (pw_plans_page_get_floor_id (f->page), ==, pw_space_get_floor_id (target));
  floor = pw_plan_canvas_get_floor (f->canvas);
  g_assert_cmpstr (pw_plan_floor_get_id (floor), ==, pw_space_get_floor_id (target));
  selection = pw_plan_canvas_get_selection (f->canvas);
  g_assert_cmpuint (selection->len, ==, 1);
  g_assert_cmpstr (pw_plan_floor_get_room (floor, g_array_index (selection, guint, 0))->code, ==,
                   "T1-F03-008");

  /* a prefix finds the first room of a floor */
  g_assert_true (pw_plans_page_find (f->page, "T1-F05-0"));
  g_assert_cmpstr (pw_plans_page_get_floor_id (f->page), ==, floor_id (f, "T1", "F05"));
  g_assert_true (g_str_has_prefix (pw_plan_floor_get_room (pw_plan_canvas_get_floor (f->canvas),
                                                           g_array_index (pw_plan_canvas_get_selection (f->canvas), guint, 0))->code,
                                   "T1-F05-0"));

  /* nothing: the floor stays, a toast says so */
  g_assert_false (pw_plans_page_find (f->page, "no-such-space"));
  g_assert_cmpstr (pw_plans_page_get_floor_id (f->page), ==, floor_id (f, "T1", "F05"));
}

static void
test_stacking_plan (Fixture *f, gconstpointer data)
{
  PwStackingPlan *plan = pw_plans_page_get_stacking_plan (f->page);
  GPtrArray *floors;
  const char *target_floor = floor_id (f, "T1", "F05");
  PwPlanFloor *floor = NULL;
  guint fi = G_MAXUINT, hit_floor, hit_room, room = 0;
  double x, y;
  g_autofree char *space_id = NULL;
  GtkWidget *bar;
  GArray *selection;

  pick_t1_floor_3 (f);
  pw_plans_page_set_stacking (f->page, TRUE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child (f, "view_stack"))), ==,
                   "stacking");
  wait_for (f, stacking_allocated, NULL, "the stacking plan");

  /* the building's floors, top first, each with its outlined rooms */
  floors = pw_stacking_plan_get_floors (plan);
  g_assert_nonnull (floors);

  /* in this view, export writes the stacking plan as a sheet */
  {
    g_autofree char *dir = g_dir_make_tmp ("stacking-XXXXXX", NULL);
    g_autofree char *pdf = g_build_filename (dir, "stacking.pdf", NULL);
    g_autofree char *contents = NULL;
    g_autoptr(GError) error = NULL;
    gsize len = 0;

    g_assert_true (pw_plans_page_export_image (f->page, pdf, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (pdf, &contents, &len, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF"));
    g_assert_cmpuint (len, >, 2000);
    g_unlink (pdf);
    g_rmdir (dir);
  }
  for (guint k = 0; k < floors->len; k++)
    {
      PwPlanFloor *plan_floor = g_ptr_array_index (floors, k);

      g_assert_cmpuint (pw_plan_floor_get_n_rooms (plan_floor), ==,
                        n_outlined (f, pw_plan_floor_get_id (plan_floor)));
      if (g_str_equal (pw_plan_floor_get_id (plan_floor), target_floor))
        fi = k, floor = plan_floor;
    }
  g_assert_nonnull (floor);
  g_assert_cmpstr (pw_plan_floor_get_title (g_ptr_array_index (floors, 0)), ==, "Floor 16");

  /* the bar of a leased office: hit-tested where it is drawn */
  while (pw_plan_floor_get_room (floor, room)->chargeable_area < 5000)
    room++;
  g_assert_true (pw_stacking_plan_get_bar_center (plan, fi, room, &x, &y));
  g_assert_true (pw_stacking_plan_hit_test (plan, x, y, &hit_floor, &hit_room));
  g_assert_cmpuint (hit_floor, ==, fi);
  g_assert_cmpuint (hit_room, ==, room);
  g_assert_false (pw_stacking_plan_hit_test (plan, 1, 1, &hit_floor, &hit_room));

  /* keyboard and assistive technologies reach it */
  bar = pw_stacking_plan_get_bar_widget (plan, fi, room);
  g_assert_nonnull (bar);
  g_assert_true (gtk_widget_get_focusable (bar));

  /* opening it shows its floor with it selected */
  space_id = g_strdup (pw_plan_floor_get_room (floor, room)->space_id);
  pw_stacking_plan_activate_bar (plan, fi, room);
  g_assert_false (pw_plans_page_get_stacking (f->page));
  g_assert_cmpstr (pw_plans_page_get_floor_id (f->page), ==, target_floor);
  selection = pw_plan_canvas_get_selection (f->canvas);
  g_assert_cmpuint (selection->len, ==, 1);
  g_assert_cmpstr (pw_plan_floor_get_room (pw_plan_canvas_get_floor (f->canvas),
                                           g_array_index (selection, guint, 0))->space_id, ==, space_id);
}

static void
test_export_and_empty (Fixture *f, gconstpointer data)
{
  g_autofree char *png = g_build_filename (f->tmpdir, "plan.png", NULL);
  g_autofree char *pdf = g_build_filename (f->tmpdir, "plan.pdf", NULL);
  g_autofree char *bad = g_build_filename (f->tmpdir, "plan.doc", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *w1_f03 = floor_id (f, "W1", "F03");
  gsize length;

  pick_t1_floor_3 (f);
  g_assert_true (pw_plans_page_export_image (f->page, png, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  g_clear_pointer (&contents, g_free);
  g_assert_true (pw_plans_page_export_image (f->page, pdf, &error));
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_false (pw_plans_page_export_image (f->page, bad, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_unlink (png);
  g_unlink (pdf);

  /* a floor whose spaces lose their outlines: the page reloads and says how to get a plan */
  for (guint i = 0; i < f->spaces->len; i++)
    {
      PwSpace *space = g_ptr_array_index (f->spaces, i);
      g_autoptr(JsonObject) fields = NULL;

      if (!g_str_equal (pw_space_get_floor_id (space), w1_f03))
        continue;
      fields = json_object_new ();
      json_object_set_null_member (fields, "outline");
      g_assert_true (pw_ledger_update_space (f->store, pw_space_get_id (space),
                                             pw_space_get_version (space), fields, &error));
      g_assert_no_error (error);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (pw_plans_page_show_floor (f->page, w1_f03));
  g_assert_cmpuint (pw_plan_floor_get_n_rooms (pw_plan_canvas_get_floor (f->canvas)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child (f, "view_stack"))), ==,
                   "empty");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (template_child (f, "empty_page"))), ==,
                   "No Floor Plan Yet");
  g_assert_false (pw_plans_page_export_image (f->page, png, &error));
  g_assert_nonnull (error);
}

static gboolean
window_has_width (Fixture *f, gconstpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (f->window)) > 0
         && gtk_widget_get_width (GTK_WIDGET (f->canvas)) > 0;
}

/* Shown at several widths, in both views and every lens, the page lays out
 * without a warning (tests run with fatal warnings); it once logged "GtkLabel
 * … reported min width -3". */
static void
test_layout_warns_nothing (Fixture *f, gconstpointer data)
{
  static const int widths[] = { 1400, 1100, 800, 600, 360 };
  GtkToggleButton *stacking = GTK_TOGGLE_BUTTON (template_child (f, "stacking_button"));
  GtkToggleButton *floor = GTK_TOGGLE_BUTTON (template_child (f, "floor_plan_button"));
  GtkDropDown *lens = GTK_DROP_DOWN (template_child (f, "lens_dropdown"));

  /* run in Chinese (test-plan-page-zh), the page is in Chinese */
  if (g_getenv ("LANGUAGE") != NULL && g_str_has_prefix (g_getenv ("LANGUAGE"), "zh"))
    g_assert_false (g_str_is_ascii (gtk_string_list_get_string (
      GTK_STRING_LIST (gtk_drop_down_get_model (lens)), 0)));
  /* by its id: the floor's name depends on the language the test runs in */
  g_assert_true (pw_plans_page_show_floor (f->page, floor_id (f, "T1", "F03")));
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      gtk_window_set_default_size (GTK_WINDOW (f->window), widths[w], 800);
      adw_view_stack_set_visible_child_name (f->view_stack, "assets");
      while (g_main_context_iteration (NULL, FALSE))
        ;
      adw_view_stack_set_visible_child_name (f->view_stack, "plans");
      wait_for (f, window_has_width, NULL, "the window to lay out");
      for (guint l = 0; l < g_list_model_get_n_items (gtk_drop_down_get_model (lens)); l++)
        {
          gtk_drop_down_set_selected (lens, l);
          while (g_main_context_iteration (NULL, FALSE))
            ;
        }
      gtk_toggle_button_set_active (stacking, TRUE);
      wait_for (f, stacking_allocated, NULL, "the stacking plan");
      gtk_toggle_button_set_active (floor, TRUE);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
}

static void
count_notify (GObject *object, GParamSpec *pspec, guint *n)
{
  (*n)++;
}

/* The first widget under @widget whose action is @action_name. */
static GtkWidget *
find_actionable (GtkWidget *widget, const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The page's zoom buttons and the canvas's keys are the same actions: the
 * buttons' action names reach the page, the keys the canvas, and both change
 * the viewport the same way. */
static void
test_actions (Fixture *f, gconstpointer data)
{
  PwPlanViewport *viewport = pw_plan_canvas_get_viewport (f->canvas);
  GtkWidget *zoom_in = find_actionable (GTK_WIDGET (f->page), "plan.zoom-in");
  double fit, zoom;
  guint n_zoom = 0;
  PwPlanView before, after;

  pick_t1_floor_3 (f);
  g_signal_connect (viewport, "notify::zoom", G_CALLBACK (count_notify), &n_zoom);
  fit = pw_plan_viewport_get_zoom (viewport);

  /* a button of the page names the action */
  g_assert_nonnull (zoom_in);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.zoom-in", NULL));
  zoom = pw_plan_viewport_get_zoom (viewport);
  g_assert_cmpfloat (zoom, >, fit);
  g_assert_cmpuint (n_zoom, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.zoom-out", NULL));
  g_assert_cmpfloat (pw_plan_viewport_get_zoom (viewport), <, fit);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.zoom-fit", NULL));
  g_assert_cmpfloat_with_epsilon (pw_plan_viewport_get_zoom (viewport), fit, 1e-9);
  g_assert_cmpuint (n_zoom, ==, 4);

  /* the canvas's own actions, which its keys are bound to, do the same */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "plan.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (pw_plan_viewport_get_zoom (viewport), zoom, 1e-9);
  pw_plan_viewport_get_view (viewport, &before);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "plan.pan", "(ii)", 0, 1));
  pw_plan_viewport_get_view (viewport, &after);
  g_assert_cmpfloat (after.oy, <, before.oy);
  g_assert_cmpfloat (after.ox, ==, before.ox);

  /* selection moves: reveal a room, move right, select it too, clear */
  pw_plans_page_find (f->page, "T1-F03-009");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (pw_plan_canvas_get_selection (f->canvas)->len, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "plan.move-focus", "(ii)", 1, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "plan.select-focused", "u",
                                             (guint32) PW_PLAN_SELECT_ADD));
  g_assert_cmpuint (pw_plan_canvas_get_selection (f->canvas)->len, ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "plan.select-none", NULL));
  g_assert_cmpuint (pw_plan_canvas_get_selection (f->canvas)->len, ==, 0);
}

/* The page is a PwPage: the store and park through the interface's properties,
 * and its search through the interface. */
static void
test_page_interface (Fixture *f, gconstpointer data)
{
  PwPage *page = PW_PAGE (f->page);
  g_autofree char *park_id = NULL;
  guint n_park = 0;

  g_assert_true (pw_page_get_store (page) == f->store);
  park_id = pw_page_dup_park_id (page);
  g_assert_cmpstr (park_id, ==, pw_space_get_park_id (g_ptr_array_index (f->spaces, 0)));
  g_signal_connect (page, "notify::park-id", G_CALLBACK (count_notify), &n_park);
  pw_page_set_park_id (page, park_id);
  g_assert_cmpuint (n_park, ==, 0);

  pw_page_focus_search (page);
  g_assert_true (gtk_widget_is_focus (template_child (f, "search_entry"))
                 || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                            template_child (f, "search_entry")));
}

int
main (int argc, char *argv[])
{
  char *scratch = app_test_init (&argc, &argv);

  g_test_add ("/app/plans/floor-and-lens", Fixture, NULL,
              fixture_set_up, test_floor_and_lens, fixture_tear_down);
  g_test_add ("/app/plans/selection", Fixture, NULL,
              fixture_set_up, test_selection, fixture_tear_down);
  g_test_add ("/app/plans/search", Fixture, NULL,
              fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/app/plans/stacking-plan", Fixture, NULL,
              fixture_set_up, test_stacking_plan, fixture_tear_down);
  g_test_add ("/app/plans/export-and-empty", Fixture, NULL,
              fixture_set_up, test_export_and_empty, fixture_tear_down);
  g_test_add ("/app/plans/actions", Fixture, NULL,
              fixture_set_up, test_actions, fixture_tear_down);
  g_test_add ("/app/plans/page-interface", Fixture, NULL,
              fixture_set_up, test_page_interface, fixture_tear_down);
  g_test_add ("/app/plans/layout-warns-nothing", Fixture, NULL,
              fixture_set_up, test_layout_warns_nothing, fixture_tear_down);

  return app_test_run (scratch);
}
