/* test-stocktake.c — recording a stocktake from the space detail, driven in-process
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (Xvfb in CI) and fails, rather than skips, without one. */
#include "config.h"

#include <adwaita.h>

#include "app-test-util.h"
#include "pw-area.h"
#include "pw-assets-page.h"
#include "pw-date-picker.h"
#include "pw-status-dialog.h"
#include "pw-ledger.h"
#include "pw-space-detail.h"
#include "pw-stocktake-dialog.h"
#include "pw-window.h"

typedef struct {
  char              *tmpdir;
  PwStore           *store;
  PwWindow          *window;
  PwAssetsPage      *page;
  PwSpaceDetail     *detail;
  PwStocktakeDialog *dialog;     /* weak: the dialog destroys itself once recorded */
  char              *space_id;
  guint              n_space_changed;
} Fixture;

/* the conditions take the fixture as it is */
#define wait_for(f, cond, data, what) \
  app_test_wait_for ((AppTestCondition) (cond), (f), (data), (what))

static gboolean
window_populated (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *visible = pw_assets_page_get_visible_spaces (f->page);

  return gtk_widget_get_mapped (GTK_WIDGET (f->window)) && g_list_model_get_n_items (visible) > 0;
}

static gboolean
dialog_closed (Fixture       *f,
               gconstpointer  data)
{
  return f->dialog == NULL;
}

static GtkWidget *
detail_child (Fixture    *f,
              const char *name)
{
  return app_test_template_child (f->detail, PW_TYPE_SPACE_DETAIL, name);
}

static GtkWidget *
dialog_child (Fixture    *f,
              const char *name)
{
  return app_test_template_child (f->dialog, PW_TYPE_STOCKTAKE_DIALOG, name);
}

/* The rows the detail’s history group shows, not counting its "No history" row. */
static guint
count_history_rows (Fixture *f)
{
  GtkWidget *group = detail_child (f, "history_group");
  GtkWidget *empty = detail_child (f, "history_empty_row");
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  guint n = 0;

  g_ptr_array_add (stack, group);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (widget != empty && ADW_IS_ACTION_ROW (widget) && gtk_widget_get_visible (widget))
        {
          n++;
          continue;
        }
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  return n;
}

static void
space_changed_cb (PwSpaceDetail *detail,
                  PwSpace       *space,
                  Fixture       *f)
{
  g_assert_cmpstr (pw_space_get_id (space), ==, f->space_id);
  f->n_space_changed++;
}

/* Checks an accessible name where GTK keeps it. With GTK_A11Y=none (this suite's
 * setting) widgets have no AT context to keep it in; run with GTK_A11Y=test to check. */
static void
assert_accessible_label (GtkWidget  *widget,
                         const char *label)
{
  if (g_strcmp0 (g_getenv ("GTK_A11Y"), "none") == 0)
    return;
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       label);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = NULL;

  f->store = app_test_open_demo_ledger ("parkwise-test-stocktake-XXXXXX", &f->tmpdir);

  spaces = pw_ledger_load_spaces (f->store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < spaces->len && f->space_id == NULL; i++)
    if (pw_space_get_kind (spaces->pdata[i]) != PW_SPACE_KIND_COMMON_AREA)
      f->space_id = g_strdup (pw_space_get_id (spaces->pdata[i]));
  g_assert_nonnull (f->space_id);

  f->window = app_test_new_window (f->store);
  f->page = pw_window_get_assets_page (f->window);
  f->detail = pw_assets_page_get_space_detail (f->page);
  g_signal_connect (f->detail, "space-changed", G_CALLBACK (space_changed_cb), f);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for (f, window_populated, NULL, "the window to show the spaces");

  g_assert_true (pw_assets_page_select_space (f->page, f->space_id));
  g_assert_cmpstr (pw_space_get_id (pw_space_detail_get_space (f->detail)), ==, f->space_id);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (f->dialog));
  g_signal_handlers_disconnect_by_data (f->detail, f);
  app_test_destroy_window (&f->window);
  g_clear_object (&f->store);
  g_clear_pointer (&f->space_id, g_free);
  app_test_remove_tmpdir (&f->tmpdir);
}

/* Clicks "Record Stocktake…" in the detail and finds the dialog it opened. */
static void
open_dialog (Fixture *f)
{
  g_autoptr(GListModel) toplevels = NULL;
  GtkWidget *button = detail_child (f, "stocktake_button");

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");

  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && f->dialog == NULL; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (PW_IS_STOCKTAKE_DIALOG (window))
        f->dialog = PW_STOCKTAKE_DIALOG (window);
    }
  g_assert_nonnull (f->dialog);
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *) &f->dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (f->dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (f->dialog)) == GTK_WINDOW (f->window));
}

static void
test_stocktake_validation (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) last_week = g_date_time_add_days (now, -7);
  g_autofree char *tomorrow_iso = g_date_time_format (tomorrow, "%Y-%m-%d");
  g_autofree char *last_week_iso = g_date_time_format (last_week, "%Y-%m-%d");
  g_autofree char *today = pw_today_iso ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  PwSpace *space = pw_space_detail_get_space (f->detail);
  g_autofree char *area = pw_area_format_with_unit (pw_space_get_internal_area (space), FALSE);
  GtkWidget *apply_button;

  before = pw_ledger_load_history (f->store, f->space_id, &error);
  g_assert_no_error (error);

  open_dialog (f);
  apply_button = dialog_child (f, "apply_button");

  /* what it shows: the code and the recorded internal area */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (dialog_child (f, "code_label"))), ==,
                   pw_space_get_code (space));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (dialog_child (f, "area_label"))), ==, area);

  /* accessible names */
  assert_accessible_label (dialog_child (f, "date_row"), "Stocktake date");
  assert_accessible_label (dialog_child (f, "found_switch"), "Found as recorded");
  assert_accessible_label (dialog_child (f, "note_row"), "Stocktake note");
  assert_accessible_label (apply_button, "Record Stocktake");

  /* the defaults: today, found as recorded, no note — already valid */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (f, "date_row"))), ==, today);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (dialog_child (f, "found_switch"))));
  g_assert_true (pw_stocktake_dialog_is_valid (f->dialog));
  g_assert_true (gtk_widget_get_sensitive (apply_button));

  /* not found as recorded: a note is required, blanks do not count */
  g_assert_false (pw_stocktake_dialog_set_values (f->dialog, today, FALSE, ""));
  g_assert_false (gtk_widget_get_sensitive (apply_button));
  g_assert_false (pw_stocktake_dialog_set_values (f->dialog, today, FALSE, "   "));
  g_assert_false (pw_stocktake_dialog_apply (f->dialog, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_clear_error (&error);
  g_assert_true (gtk_widget_get_visible (dialog_child (f, "note_error_row")));

  /* a future date, or no date at all */
  g_assert_false (pw_stocktake_dialog_set_values (f->dialog, tomorrow_iso, TRUE, ""));
  g_assert_true (gtk_widget_get_visible (dialog_child (f, "date_error_row")));
  g_assert_false (gtk_widget_get_sensitive (apply_button));
  g_assert_false (pw_stocktake_dialog_set_values (f->dialog, "2024-02-30", TRUE, NULL));
  g_assert_false (pw_stocktake_dialog_set_values (f->dialog, "yesterday", TRUE, NULL));
  g_assert_true (pw_stocktake_dialog_set_values (f->dialog, last_week_iso, TRUE, NULL));
  g_assert_false (gtk_widget_get_visible (dialog_child (f, "date_error_row")));

  /* the calendar beside the date writes the date, and the same checks apply */
  {
    AdwEntryRow *date_row = ADW_ENTRY_ROW (dialog_child (f, "date_row"));
    GtkCalendar *calendar = pw_date_picker_get_calendar (date_row);
    g_autoptr(GDateTime) three_days_ago = g_date_time_add_days (now, -3);
    g_autofree char *three_days_ago_iso = g_date_time_format (three_days_ago, "%Y-%m-%d");

    g_assert_nonnull (calendar);
    gtk_calendar_select_day (calendar, three_days_ago);
    g_signal_emit_by_name (calendar, "day-selected");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date_row)), ==, three_days_ago_iso);
    g_assert_true (pw_stocktake_dialog_is_valid (f->dialog));
    gtk_calendar_select_day (calendar, tomorrow);
    g_signal_emit_by_name (calendar, "day-selected");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date_row)), ==, tomorrow_iso);
    g_assert_false (pw_stocktake_dialog_is_valid (f->dialog));
    g_assert_true (gtk_widget_get_visible (dialog_child (f, "date_error_row")));
  }

  /* nothing was written by any of that */
  after = pw_ledger_load_history (f->store, f->space_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpuint (f->n_space_changed, ==, 0);

  /* Cancel closes without writing */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog), "window.close", NULL));
  wait_for (f, dialog_closed, NULL, "Cancel to close the dialog");
}

static gboolean
history_rows_are (Fixture       *f,
                  gconstpointer  data)
{
  return count_history_rows (f) == GPOINTER_TO_UINT (data);
}

static void
test_stocktake_records (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *today = pw_today_iso ();
  const char *note = "Partition removed; area differs";
  PwHistoryEntry *first;
  guint rows = count_history_rows (f);
  gint64 version = pw_space_get_version (pw_space_detail_get_space (f->detail));

  g_assert_cmpuint (rows, >, 0);

  /* a discrepancy, recorded through the Record button */
  open_dialog (f);
  g_assert_true (pw_stocktake_dialog_set_values (f->dialog, today, FALSE, note));
  g_assert_true (gtk_widget_get_sensitive (dialog_child (f, "apply_button")));
  g_signal_emit_by_name (dialog_child (f, "apply_button"), "clicked");
  wait_for (f, dialog_closed, NULL, "the dialog to close after recording");

  history = pw_ledger_load_history (f->store, f->space_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, >, 0);
  first = history->pdata[0];
  g_assert_cmpstr (first->what, ==, "Stocktaken");
  g_assert_cmpstr (first->date, ==, today);
  g_assert_cmpstr (first->reason, ==, "Discrepancy: Partition removed; area differs");

  /* the detail shows it and tells its page, like after a change of status */
  g_assert_cmpuint (f->n_space_changed, ==, 1);
  wait_for (f, history_rows_are, GUINT_TO_POINTER (rows + 1), "the history to show the stocktake");
  /* the space itself did not change */
  g_assert_cmpint (pw_space_get_version (pw_space_detail_get_space (f->detail)), ==, version);

  /* found as recorded, without a remark */
  open_dialog (f);
  g_assert_true (pw_stocktake_dialog_set_values (f->dialog, today, TRUE, ""));
  g_assert_true (pw_stocktake_dialog_apply (f->dialog, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (f->dialog));
  wait_for (f, dialog_closed, NULL, "the dialog to go");

  g_clear_pointer (&history, g_ptr_array_unref);
  history = pw_ledger_load_history (f->store, f->space_id, &error);
  g_assert_no_error (error);
  first = history->pdata[0];
  g_assert_cmpstr (first->what, ==, "Stocktaken");
  g_assert_cmpstr (first->reason, ==, "Found as recorded.");
  g_assert_cmpuint (f->n_space_changed, ==, 2);
  wait_for (f, history_rows_are, GUINT_TO_POINTER (rows + 2), "the history to show both");
}

/* The status dialog's date has its calendar too. */
static void
test_status_date_picker (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *button = app_test_template_child (f->detail, PW_TYPE_SPACE_DETAIL, "change_status_button");
  GListModel *toplevels;
  PwStatusDialog *dialog = NULL;
  AdwEntryRow *date_row;
  GtkCalendar *calendar;
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 1, 5, 0, 0, 0);

  g_signal_emit_by_name (button, "clicked");
  toplevels = gtk_window_get_toplevels ();  /* owned by GTK */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (PW_IS_STATUS_DIALOG (window))
        dialog = PW_STATUS_DIALOG (window);
    }
  g_assert_nonnull (dialog);
  date_row = ADW_ENTRY_ROW (app_test_template_child (dialog, PW_TYPE_STATUS_DIALOG, "date_row"));
  calendar = pw_date_picker_get_calendar (date_row);
  g_assert_nonnull (calendar);
  gtk_calendar_select_day (calendar, day);
  g_signal_emit_by_name (calendar, "day-selected");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date_row)), ==, "2026-01-05");
  g_assert_true (pw_status_dialog_set_values (dialog, PW_SPACE_STATUS_FROZEN, NULL, "Held for a tenant"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  char *scratch = app_test_init (&argc, &argv);

  g_test_add ("/app/stocktake/validation", Fixture, NULL,
              fixture_set_up, test_stocktake_validation, fixture_tear_down);
  g_test_add ("/app/stocktake/status-date-picker", Fixture, NULL,
              fixture_set_up, test_status_date_picker, fixture_tear_down);
  g_test_add ("/app/stocktake/records", Fixture, NULL,
              fixture_set_up, test_stocktake_records, fixture_tear_down);

  return app_test_run (scratch);
}
