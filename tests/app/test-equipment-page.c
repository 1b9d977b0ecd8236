/* test-equipment-page.c — the Equipment page of the main window over a demo
 * ledger, driven in-process
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (Xvfb in CI) and fails, rather than skips, without one. */
#include "config.h"

#include <adwaita.h>

#include "app-test-util.h"
#include "pw-date-picker.h"
#include "pw-equipment-dialog.h"
#include "pw-equipment-page.h"
#include "pw-ledger.h"
#include "pw-money.h"
#include "pw-window.h"

typedef struct {
  char            *tmpdir;
  PwStore         *store;
  PwWindow        *window;
  AdwViewStack    *view_stack;
  PwEquipmentPage *page;
  GPtrArray       *items;   /* every item of the demo park, as core loads them */
} Fixture;

/* the conditions take the fixture as it is */
#define wait_for(f, cond, data, what) \
  app_test_wait_for ((AppTestCondition) (cond), (f), (data), (what))

static GListModel *
visible (Fixture *f)
{
  return pw_equipment_page_get_visible_items (f->page);
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

static PwEquipment *
find_visible (Fixture    *f,
              const char *id)
{
  return app_test_find_item (visible (f), (AppTestGetIdFunc) pw_equipment_get_id, id);
}

static PwEquipment *
find_item (GPtrArray  *items,
           const char *code)
{
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (pw_equipment_get_code (g_ptr_array_index (items, i)), code))
      return g_ptr_array_index (items, i);

  g_assert_not_reached ();
  return NULL;
}

static GtkWidget *
template_child (Fixture    *f,
                const char *name)
{
  return app_test_template_child (f->page, PW_TYPE_EQUIPMENT_PAGE, name);
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
  return gtk_widget_get_mapped (GTK_WIDGET (f->page)) && n_visible (f) == f->items->len;
}

static gboolean
visible_status_is (Fixture       *f,
                   gconstpointer  data)
{
  const char * const *id_status = data;
  PwEquipment *item = find_visible (f, id_status[0]);

  return item != NULL
         && g_strcmp0 (pw_equipment_get_status_label (item), id_status[1]) == 0;
}

/* The first label under @root whose text is @text, or starts with it when
 * @prefix is set; NULL if none. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text,
            gboolean    prefix)
{
  if (GTK_IS_LABEL (root))
    {
      const char *shown = gtk_label_get_text (GTK_LABEL (root));

      if (prefix ? g_str_has_prefix (shown, text) : g_str_equal (shown, text))
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
list_shows (Fixture       *f,
            gconstpointer  data)
{
  return find_label (template_child (f, "column_view"), data, FALSE) != NULL;
}

static gboolean
pane_value_is (Fixture       *f,
               gconstpointer  data)
{
  return g_strcmp0 (label_text (f, "original_value_label"), data) == 0;
}

static gboolean
selected_value_is (Fixture       *f,
                   gconstpointer  data)
{
  PwEquipment *item = pw_equipment_page_get_selected_item (f->page);

  return item != NULL && pw_equipment_get_original_value (item) == *(const gint64 *) data;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* the settings live in memory for the whole run: each test starts from the default */
  g_settings_reset (settings, "currency-display");

  f->store = app_test_open_demo_ledger ("parkwise-test-equipment-XXXXXX", &f->tmpdir);

  f->items = pw_equipment_load_all (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->items->len, ==, pw_store_count (f->store, "equipment"));
  g_assert_cmpuint (f->items->len, >=, 12);

  f->window = app_test_new_window (f->store);
  f->view_stack = ADW_VIEW_STACK (app_test_template_child (f->window, PW_TYPE_WINDOW, "view_stack"));
  f->page = PW_EQUIPMENT_PAGE (adw_view_stack_get_child_by_name (f->view_stack, "equipment"));
  g_assert_nonnull (f->page);

  /* the user switches to the Equipment module */
  adw_view_stack_set_visible_child_name (f->view_stack, "equipment");
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for (f, window_populated, NULL, "the page to show every item");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  app_test_destroy_window (&f->window);
  g_clear_pointer (&f->items, g_ptr_array_unref);
  g_clear_object (&f->store);
  app_test_remove_tmpdir (&f->tmpdir);
}

static void
test_page_lists_equipment (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *count = g_strdup_printf ("%u items", f->items->len);
  g_autofree char *description = NULL;
  AdwViewStackPage *stack_page = adw_view_stack_get_page (f->view_stack, GTK_WIDGET (f->page));
  PwEquipment *lift = find_item (f->items, "T1-EQ-003");

  /* a page of the window's switcher, next to Assets */
  g_assert_cmpstr (adw_view_stack_page_get_title (stack_page), ==, "_Equipment");
  g_assert_nonnull (adw_view_stack_get_child_by_name (f->view_stack, "assets"));

  /* every item of the demo, sorted by code, with the count below */
  g_assert_cmpuint (n_visible (f), ==, f->items->len);
  for (guint i = 0; i < f->items->len; i++)
    {
      g_autoptr(PwEquipment) shown = g_list_model_get_item (visible (f), i);

      g_assert_cmpstr (pw_equipment_get_id (shown), ==,
                       pw_equipment_get_id (g_ptr_array_index (f->items, i)));
    }
  g_assert_cmpstr (label_text (f, "count_label"), ==, count);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child (f, "list_stack"))),
                   ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (GTK_COLUMN_VIEW (template_child (f, "column_view")))),
                    ==, 8);

  /* the row's accessible name */
  description = pw_equipment_page_describe_item (lift);
  g_assert_cmpstr (description, ==, "T1-EQ-003, Passenger lift 3, under repair");

  /* nothing selected: the side pane says so */
  g_assert_null (pw_equipment_page_get_selected_item (f->page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child (f, "detail_stack"))),
                   ==, "empty");

  /* Ctrl+F's action puts the focus in the search entry of the page in view */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.find", NULL));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         template_child (f, "search_entry")));
  g_assert_true (adw_view_stack_get_visible_child (f->view_stack) == GTK_WIDGET (f->page));
}

static void
test_page_search_and_filter (Fixture       *f,
                             gconstpointer  data)
{
  PwEquipment *chiller = find_item (f->items, "T1-EQ-006");
  g_autoptr(PwEquipment) found = NULL;
  g_autofree char *lower = g_utf8_strdown (pw_equipment_get_code (chiller), -1);
  g_autofree char *count = g_strdup_printf ("1 of %u items", f->items->len);
  guint standby = 0, lifts = 0;

  /* typed into the entry: the filter follows after the entry's short delay */
  gtk_editable_set_text (GTK_EDITABLE (template_child (f, "search_entry")),
                         pw_equipment_get_code (chiller));
  wait_for (f, n_visible_is, GUINT_TO_POINTER (1), "the search to leave one row");
  found = g_list_model_get_item (visible (f), 0);
  g_assert_cmpstr (pw_equipment_get_id (found), ==, pw_equipment_get_id (chiller));
  g_assert_cmpstr (label_text (f, "count_label"), ==, count);

  /* case does not matter; the serial and the category match too */
  pw_equipment_page_set_search_text (f->page, lower);
  g_assert_cmpuint (n_visible (f), ==, 1);
  pw_equipment_page_set_search_text (f->page, pw_equipment_get_serial (chiller));
  g_assert_cmpuint (n_visible (f), ==, 1);
  for (guint i = 0; i < f->items->len; i++)
    if (g_str_equal (pw_equipment_get_category (g_ptr_array_index (f->items, i)), "lift"))
      lifts++;
  pw_equipment_page_set_search_text (f->page, "LIFT");
  g_assert_cmpuint (n_visible (f), ==, lifts);

  /* nothing matches: the empty state */
  pw_equipment_page_set_search_text (f->page, "no such equipment anywhere");
  g_assert_cmpuint (n_visible (f), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child (f, "list_stack"))),
                   ==, "empty");
  pw_equipment_page_set_search_text (f->page, "");
  g_assert_cmpuint (n_visible (f), ==, f->items->len);

  /* the status filter, through its dropdown */
  for (guint i = 0; i < f->items->len; i++)
    if (pw_equipment_get_status (g_ptr_array_index (f->items, i)) == PW_EQUIPMENT_STATUS_STANDBY)
      standby++;
  g_assert_cmpuint (standby, >, 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (template_child (f, "status_filter_dropdown")),
                              PW_EQUIPMENT_STATUS_STANDBY + 1);
  g_assert_cmpuint (n_visible (f), ==, standby);
  for (guint i = 0; i < n_visible (f); i++)
    {
      g_autoptr(PwEquipment) item = g_list_model_get_item (visible (f), i);
      g_assert_cmpint (pw_equipment_get_status (item), ==, PW_EQUIPMENT_STATUS_STANDBY);
    }
  g_assert_nonnull (find_visible (f, pw_equipment_get_id (chiller)));

  /* search and status together */
  pw_equipment_page_set_search_text (f->page, "lift");
  g_assert_cmpuint (n_visible (f), ==, 0);
  pw_equipment_page_set_search_text (f->page, "");

  pw_equipment_page_set_status_filter (f->page, PW_EQUIPMENT_STATUS_DISPOSED);
  g_assert_cmpuint (n_visible (f), ==, 0);
  pw_equipment_page_set_status_filter (f->page, -1);
  g_assert_cmpuint (n_visible (f), ==, f->items->len);
}

static void
test_page_change_status (Fixture       *f,
                         gconstpointer  data)
{
  PwEquipment *lift = find_item (f->items, "T1-EQ-003");
  g_autofree char *id = g_strdup (pw_equipment_get_id (lift));
  const char *in_service[2] = { id, "In service" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  GtkWidget *button = template_child (f, "change_button");
  gint64 events = pw_store_count (f->store, "lifecycle_event");

  g_assert_cmpint (pw_equipment_get_status (lift), ==, PW_EQUIPMENT_STATUS_UNDER_REPAIR);

  /* selecting a row fills the side pane */
  g_assert_true (pw_equipment_page_select_item (f->page, id));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child (f, "detail_stack"))),
                   ==, "item");
  g_assert_cmpstr (label_text (f, "code_label"), ==, "T1-EQ-003");
  g_assert_cmpstr (label_text (f, "name_label"), ==, "Passenger lift 3");
  g_assert_cmpstr (label_text (f, "status_label"), ==, "Under repair");
  g_assert_cmpstr (label_text (f, "location_label"), ==, pw_equipment_get_location (lift));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (template_child (f, "change_status_dropdown"))),
                    ==, PW_EQUIPMENT_STATUS_UNDER_REPAIR);
  g_assert_false (gtk_widget_get_sensitive (button));

  /* the status it already has, or no reason: the button stays off */
  g_assert_false (pw_equipment_page_set_change_values (f->page, PW_EQUIPMENT_STATUS_UNDER_REPAIR,
                                                       "Still waiting for parts"));
  g_assert_false (pw_equipment_page_set_change_values (f->page, PW_EQUIPMENT_STATUS_IN_SERVICE,
                                                       "   "));
  g_assert_false (gtk_widget_get_sensitive (button));

  /* a new status with a reason: applied through the store */
  g_assert_true (pw_equipment_page_set_change_values (f->page, PW_EQUIPMENT_STATUS_IN_SERVICE,
                                                      "Rope replaced, inspected"));
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_true (pw_equipment_page_apply_change (f->page, &error));
  g_assert_no_error (error);

  stored = pw_equipment_load_all (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_equipment_get_status (find_item (stored, "T1-EQ-003")), ==,
                   PW_EQUIPMENT_STATUS_IN_SERVICE);
  g_assert_cmpint (pw_equipment_get_version (find_item (stored, "T1-EQ-003")), ==, 2);
  g_assert_cmpint (pw_store_count (f->store, "lifecycle_event"), ==, events + 1);

  /* the row follows, the selection stays, the pane shows the new status */
  wait_for (f, visible_status_is, in_service, "the row to show the new status");
  g_assert_nonnull (pw_equipment_page_get_selected_item (f->page));
  g_assert_cmpstr (pw_equipment_get_id (pw_equipment_page_get_selected_item (f->page)), ==, id);
  g_assert_cmpint (pw_equipment_get_version (pw_equipment_page_get_selected_item (f->page)), ==, 2);
  g_assert_cmpstr (label_text (f, "status_label"), ==, "In service");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (template_child (f, "reason_entry"))), ==, "");
  g_assert_false (gtk_widget_get_sensitive (button));

  /* the filter sees the new status */
  pw_equipment_page_set_status_filter (f->page, PW_EQUIPMENT_STATUS_UNDER_REPAIR);
  g_assert_null (find_visible (f, id));
  pw_equipment_page_set_status_filter (f->page, PW_EQUIPMENT_STATUS_IN_SERVICE);
  g_assert_nonnull (find_visible (f, id));
  pw_equipment_page_set_status_filter (f->page, -1);

  /* a change made elsewhere meanwhile: the page refuses the stale one and reloads */
  g_assert_true (pw_equipment_page_select_item (f->page, id));
  g_assert_true (pw_equipment_page_set_change_values (f->page, PW_EQUIPMENT_STATUS_STANDBY,
                                                      "Night mode"));
  g_assert_true (pw_equipment_change_status (f->store, id, 2, PW_EQUIPMENT_STATUS_DISPOSED,
                                             "Replaced", &error));
  g_assert_no_error (error);
  g_assert_false (pw_equipment_page_apply_change (f->page, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (pw_equipment_get_status (pw_equipment_page_get_selected_item (f->page)), ==,
                   PW_EQUIPMENT_STATUS_DISPOSED);
  g_assert_cmpstr (label_text (f, "status_label"), ==, "Disposed");
}

/* The label showing @data is laid out whole: not ellipsized, as wide as its text. */
static gboolean
label_whole (Fixture *f, gconstpointer data)
{
  GtkWidget *label = find_label (template_child (f, "column_view"), data, FALSE);
  int natural = 0;

  if (label == NULL || gtk_widget_get_width (label) == 0)
    return FALSE;
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return gtk_label_get_ellipsize (GTK_LABEL (label)) == PANGO_ELLIPSIZE_NONE
         && gtk_widget_get_width (label) >= natural;
}

static void
test_page_original_value (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) unknown = json_object_new ();
  GtkColumnView *view = GTK_COLUMN_VIEW (template_child (f, "column_view"));
  g_autoptr(GtkColumnViewColumn) column = NULL;
  PwEquipment *lift = find_item (f->items, "T1-EQ-001");
  PwEquipment *pump = find_item (f->items, "T1-EQ-009");
  g_autofree char *lift_symbol = pw_money_format (pw_equipment_get_original_value (lift), "CNY",
                                                  PW_CURRENCY_SYMBOL);
  g_autofree char *lift_code = pw_money_format (pw_equipment_get_original_value (lift), "CNY",
                                                PW_CURRENCY_CODE);
  g_autofree char *pump_id = g_strdup (pw_equipment_get_id (pump));
  const gint64 none = -1;

  g_assert_cmpstr (lift_symbol, ==, "¥968,000.00");
  g_assert_cmpstr (lift_code, ==, "CNY 968,000.00");

  /* the column, in the default style: the currency sign */
  column = g_list_model_get_item (gtk_column_view_get_columns (view), 7);
  g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, "Original Value");
  wait_for (f, list_shows, lift_symbol, "the value column to show ¥968,000.00");
  g_assert_cmpfloat (gtk_label_get_xalign (GTK_LABEL (find_label (GTK_WIDGET (view), lift_symbol,
                                                                   FALSE))), ==, 1.0);
  g_assert_true (gtk_widget_has_css_class (find_label (GTK_WIDGET (view), lift_symbol, FALSE),
                                           "numeric"));

  /* and the side pane's row */
  g_assert_true (pw_equipment_page_select_item (f->page, pump_id));
  g_assert_cmpstr (label_text (f, "original_value_label"), ==, "¥118,632.50");

  /* Preferences switch to codes: the list and the pane follow at once */
  g_settings_set_string (settings, "currency-display", "code");
  wait_for (f, list_shows, lift_code, "the value column to show CNY 968,000.00");
  /* the widest amount shows whole: the column is as wide as its content */
  wait_for (f, label_whole, lift_code, "CNY 968,000.00 to show whole");
  wait_for (f, pane_value_is, "CNY 118,632.50", "the pane to show the code");
  g_assert_null (find_label (GTK_WIDGET (view), "¥", TRUE));
  g_assert_cmpstr (pw_equipment_get_id (pw_equipment_page_get_selected_item (f->page)), ==,
                   pump_id);

  /* sorted by amount, not by text */
  gtk_column_view_sort_by_column (view, column, GTK_SORT_DESCENDING);
  for (guint i = 1; i < n_visible (f); i++)
    {
      g_autoptr(PwEquipment) a = g_list_model_get_item (visible (f), i - 1);
      g_autoptr(PwEquipment) b = g_list_model_get_item (visible (f), i);

      g_assert_cmpint (pw_equipment_get_original_value (a), >=,
                       pw_equipment_get_original_value (b));
    }
  {
    g_autoptr(PwEquipment) first = g_list_model_get_item (visible (f), 0);
    g_assert_cmpstr (pw_equipment_get_category (first), ==, "chiller");
  }

  /* back to signs; an unknown value reads as a dash */
  g_settings_set_string (settings, "currency-display", "symbol");
  wait_for (f, pane_value_is, "¥118,632.50", "the pane to show the sign again");
  json_object_set_null_member (unknown, "original_value");
  g_assert_true (pw_equipment_update (f->store, pump_id, pw_equipment_get_version (pump), unknown,
                                      &error));
  g_assert_no_error (error);
  wait_for (f, selected_value_is, &none, "the page to reload the item");
  g_assert_cmpstr (label_text (f, "original_value_label"), ==, "—");

  g_settings_reset (settings, "currency-display");
}

/* The equipment dialog open now, or NULL. */
static PwEquipmentDialog *
open_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (PW_IS_EQUIPMENT_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return PW_EQUIPMENT_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_is_open (Fixture *f, gconstpointer data)
{
  return (open_dialog () != NULL) == GPOINTER_TO_INT (data);
}

static void
set_row (PwEquipmentDialog *dialog, const char *field, const char *text)
{
  AdwEntryRow *row = pw_equipment_dialog_get_row (dialog, field);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static gboolean
selected_code_is (Fixture *f, gconstpointer data)
{
  PwEquipment *item = pw_equipment_page_get_selected_item (f->page);

  return item != NULL && g_strcmp0 (pw_equipment_get_code (item), data) == 0;
}

static void
test_page_new_equipment (Fixture       *f,
                         gconstpointer  data)
{
  PwEquipmentDialog *dialog;
  guint before = n_visible (f);

  /* the user narrows the list first: the new item is shown anyway */
  pw_equipment_page_set_search_text (f->page, "chiller");
  wait_for (f, n_visible_is, GUINT_TO_POINTER (2), "the search to narrow the list");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "equipment.new", NULL));
  wait_for (f, dialog_is_open, GINT_TO_POINTER (TRUE), "the New Equipment dialog");
  dialog = open_dialog ();

  /* a code the park has: refused under the code, the dialog stays */
  set_row (dialog, "code", "T1-EQ-001");
  set_row (dialog, "name", "Booster pump");
  set_row (dialog, "category", "fire_pump");
  set_row (dialog, "space_id", "T1-B1-003");
  set_row (dialog, "original_value", "12,345.60");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "equipment-dialog.apply", NULL));
  g_assert_true (open_dialog () == dialog);
  g_assert_nonnull (pw_equipment_dialog_get_field_error (dialog, "code"));
  g_assert_null (pw_equipment_dialog_get_field_error (dialog, "name"));

  /* an unknown space and a bad amount, each under its own row */
  set_row (dialog, "code", "T1-EQ-050");
  g_assert_null (pw_equipment_dialog_get_field_error (dialog, "code"));
  set_row (dialog, "space_id", "NO-SUCH-ROOM");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "equipment-dialog.apply", NULL));
  g_assert_nonnull (pw_equipment_dialog_get_field_error (dialog, "space_id"));
  set_row (dialog, "space_id", "T1-B1-003");
  set_row (dialog, "original_value", "12.345");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "equipment-dialog.apply", NULL));
  g_assert_nonnull (pw_equipment_dialog_get_field_error (dialog, "original_value"));
  g_assert_cmpuint (pw_store_count (f->store, "equipment"), ==, f->items->len);

  /* the install date from the calendar beside it */
  {
    AdwEntryRow *date_row = pw_equipment_dialog_get_row (dialog, "install_date");
    GtkCalendar *calendar = pw_date_picker_get_calendar (date_row);
    g_autoptr(GDateTime) day = g_date_time_new_local (2025, 3, 14, 0, 0, 0);

    g_assert_nonnull (calendar);
    gtk_calendar_select_day (calendar, day);
    g_signal_emit_by_name (calendar, "day-selected");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date_row)), ==, "2025-03-14");
  }

  set_row (dialog, "original_value", "12,345.60");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "equipment-dialog.apply", NULL));
  wait_for (f, dialog_is_open, GINT_TO_POINTER (FALSE), "the dialog to close");
  g_assert_cmpuint (pw_store_count (f->store, "equipment"), ==, f->items->len + 1);
  wait_for (f, selected_code_is, "T1-EQ-050", "the new item to be selected");
  g_assert_cmpuint (n_visible (f), ==, before + 1);
  g_assert_cmpstr (label_text (f, "installed_label"), ==, "2025-03-14");
}

static gboolean
retire_enabled_is (Fixture *f, gconstpointer data)
{
  return gtk_widget_get_sensitive (template_child (f, "retire_button")) == GPOINTER_TO_INT (data);
}

static void
test_page_retire (Fixture       *f,
                  gconstpointer  data)
{
  PwEquipment *pump = find_item (f->items, "T1-EQ-009");
  const char *id_status[] = { pw_equipment_get_id (pump), pw_equipment_status_get_label (PW_EQUIPMENT_STATUS_DISPOSED) };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autofree char *yesterday_text = g_date_time_format (yesterday, "%Y-%m-%d");
  g_autofree char *today_text = g_date_time_format (now, "%Y-%m-%d");
  PwEquipmentDialog *dialog;

  g_assert_true (pw_equipment_page_select_item (f->page, pw_equipment_get_id (pump)));
  wait_for (f, retire_enabled_is, GINT_TO_POINTER (TRUE), "Retire to be enabled");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "equipment.retire", NULL));
  wait_for (f, dialog_is_open, GINT_TO_POINTER (TRUE), "the Retire dialog");
  dialog = open_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pw_equipment_dialog_get_row (dialog, "date"))),
                   ==, today_text);

  /* no reason: refused under the reason */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "equipment-dialog.apply", NULL));
  g_assert_nonnull (pw_equipment_dialog_get_field_error (dialog, "reason"));
  g_assert_true (open_dialog () == dialog);

  set_row (dialog, "date", yesterday_text);
  set_row (dialog, "reason", "Replaced by a new pump");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "equipment-dialog.apply", NULL));
  wait_for (f, dialog_is_open, GINT_TO_POINTER (FALSE), "the dialog to close");
  wait_for (f, visible_status_is, id_status, "the pump to read Disposed");
  /* retired once: the command is off for it */
  wait_for (f, retire_enabled_is, GINT_TO_POINTER (FALSE), "Retire to be disabled");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "equipment.retire", NULL);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (open_dialog ());
}

int
main (int   argc,
      char *argv[])
{
  char *scratch = app_test_init (&argc, &argv);

  g_test_add ("/app/equipment/lists-equipment", Fixture, NULL,
              fixture_set_up, test_page_lists_equipment, fixture_tear_down);
  g_test_add ("/app/equipment/search-and-filter", Fixture, NULL,
              fixture_set_up, test_page_search_and_filter, fixture_tear_down);
  g_test_add ("/app/equipment/change-status", Fixture, NULL,
              fixture_set_up, test_page_change_status, fixture_tear_down);
  g_test_add ("/app/equipment/original-value", Fixture, NULL,
              fixture_set_up, test_page_original_value, fixture_tear_down);
  g_test_add ("/app/equipment/new-equipment", Fixture, NULL,
              fixture_set_up, test_page_new_equipment, fixture_tear_down);
  g_test_add ("/app/equipment/retire", Fixture, NULL,
              fixture_set_up, test_page_retire, fixture_tear_down);

  return app_test_run (scratch);
}
