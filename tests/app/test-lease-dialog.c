/* test-lease-dialog.c — a new lease from rooms picked on the plan: the form,
 * its schedule preview and the draft it writes, driven in-process
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (Xvfb in CI) and fails, rather than skips, without one. */
#include "config.h"

#include <adwaita.h>

#include "app-test-util.h"
#include "pw-date-picker.h"
#include "pw-contract.h"
#include "pw-contracts-page.h"
#include "pw-lease-dialog.h"
#include "pw-lease.h"
#include "pw-ledger.h"
#include "pw-plans-page.h"
#include "pw-schedule.h"
#include "pw-window.h"

typedef struct {
  char         *tmpdir;
  PwStore      *store;
  PwWindow     *window;
  AdwViewStack *view_stack;
  PwPlansPage  *page;
  PwPlanCanvas *canvas;
} Fixture;

#define wait_for(f, cond, data, what) \
  app_test_wait_for ((AppTestCondition) (cond), (f), (data), (what))

static gboolean
page_loaded (Fixture *f, gconstpointer data)
{
  PwPlanFloor *floor = pw_plan_canvas_get_floor (f->canvas);

  return gtk_widget_get_mapped (GTK_WIDGET (f->page)) && pw_plans_page_is_loaded (f->page)
         && floor != NULL && pw_plan_floor_get_n_rooms (floor) >= 2;
}

static PwLeaseDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  PwLeaseDialog *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && found == NULL; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (PW_IS_LEASE_DIALOG (window))
        found = PW_LEASE_DIALOG (window);
    }
  return found;
}

static gboolean
dialog_gone (Fixture *f, gconstpointer data)
{
  return find_dialog () == NULL;
}

static void
set_text (PwLeaseDialog *dialog, const char *row, const char *text)
{
  GtkWidget *widget = app_test_template_child (dialog, PW_TYPE_LEASE_DIALOG, row);

  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "last-floor");
  f->store = app_test_open_demo_ledger ("parkwise-test-lease-XXXXXX", &f->tmpdir);
  f->window = app_test_new_window (f->store);
  f->view_stack = ADW_VIEW_STACK (app_test_template_child (f->window, PW_TYPE_WINDOW, "view_stack"));
  f->page = pw_window_get_plans_page (f->window);
  f->canvas = pw_plans_page_get_canvas (f->page);
  gtk_window_present (GTK_WINDOW (f->window));
  adw_view_stack_set_visible_child_name (f->view_stack, "plans");
  wait_for (f, page_loaded, NULL, "the Plans page to load");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  PwLeaseDialog *dialog = find_dialog ();

  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  app_test_destroy_window (&f->window);
  g_clear_object (&f->store);
  app_test_remove_tmpdir (&f->tmpdir);
}

static void
test_new_lease (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwPlanFloor *floor = pw_plan_canvas_get_floor (f->canvas);
  PwPlanRoom *a = pw_plan_floor_get_room (floor, 0);
  PwPlanRoom *b = pw_plan_floor_get_room (floor, 1);
  gint64 area = a->chargeable_area + b->chargeable_area;   /* hundredths of a m² */
  PwLeaseDialog *dialog;
  g_autofree char *terms = NULL;
  g_autofree char *code = NULL;
  g_autofree char *id = NULL;
  g_autoptr(PwContract) contract = NULL;
  g_autoptr(PwSchedule) schedule = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 gross = -1, net = -1, tax = -1, deposit = -1;
  JsonArray *spaces;
  PwContractsPage *contracts;

  g_assert_cmpint (area, >, 0);
  pw_plan_canvas_select (f->canvas, 0, PW_PLAN_SELECT_REPLACE);
  pw_plan_canvas_select (f->canvas, 1, PW_PLAN_SELECT_ADD);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "plan.lease-selection", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);

  /* 12 months at 100.00 a m² a month, monthly, tax included, nothing else */
  set_text (dialog, "start_row", "2031-01-01");
  set_text (dialog, "end_row", "2031-12-31");
  set_text (dialog, "rent_row", "100.00");
  set_text (dialog, "escalation_row", "0");
  set_text (dialog, "fee_row", "");
  g_assert_true (pw_lease_dialog_get_preview (dialog, &gross, &net, &tax, &deposit));
  g_assert_null (pw_lease_dialog_get_preview_error (dialog));
  /* the dates have their calendars, and the form fits a window 360 px wide */
  g_assert_nonnull (pw_date_picker_get_calendar (ADW_ENTRY_ROW (app_test_template_child (dialog,
                                                   PW_TYPE_LEASE_DIALOG, "start_row"))));
  g_assert_nonnull (pw_date_picker_get_calendar (ADW_ENTRY_ROW (app_test_template_child (dialog,
                                                   PW_TYPE_LEASE_DIALOG, "end_row"))));
  {
    int min = 0;

    gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
    g_assert_cmpint (min, <=, 360);
  }

  /* by hand: A/100 m² × 10000 fen × 12 months */
  g_assert_cmpint (gross, ==, 12 * area * 100);
  g_assert_cmpint (deposit, ==, 0);
  g_assert_cmpint (net + tax, ==, gross);

  /* the engine on the JSON form the dialog built says the same */
  terms = pw_lease_dialog_get_terms (dialog);
  contract = pw_contract_parse (terms, -1, &error);
  g_assert_no_error (error);
  schedule = pw_schedule_compute (contract, &error);
  g_assert_no_error (error);
  g_assert_cmpint (schedule->gross, ==, gross);
  g_assert_cmpint (schedule->net, ==, net);
  g_assert_cmpuint (schedule->lines->len, ==, 12);
  g_assert_cmpuint (contract->spaces->len, ==, 2);
  /* the preview lists every line, not the first few */
  g_assert_cmpuint (pw_lease_dialog_get_n_preview_lines (dialog), ==, schedule->lines->len);

  /* a refused field is named inline, and nothing can be created */
  set_text (dialog, "rent_row", "1e3");
  g_assert_false (pw_lease_dialog_get_preview (dialog, NULL, NULL, NULL, NULL));
  g_assert_nonnull (strstr (pw_lease_dialog_get_preview_error (dialog), "Rent per m² per month"));
  /* at its field, by the field core names, not by reading the message */
  g_assert_true (gtk_widget_has_css_class (app_test_template_child (dialog, PW_TYPE_LEASE_DIALOG, "rent_row"),
                                           "error"));
  g_assert_false (gtk_widget_has_css_class (app_test_template_child (dialog, PW_TYPE_LEASE_DIALOG, "code_row"),
                                            "error"));
  g_assert_false (gtk_widget_get_sensitive (app_test_template_child (dialog, PW_TYPE_LEASE_DIALOG,
                                                                     "create_button")));
  set_text (dialog, "end_row", "2031-02-30");
  g_assert_false (pw_lease_dialog_get_preview (dialog, NULL, NULL, NULL, NULL));
  set_text (dialog, "end_row", "2031-12-31");
  set_text (dialog, "rent_row", "100.00");

  /* a deposit of two months and three rent-free months show in the preview */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (app_test_template_child (dialog, PW_TYPE_LEASE_DIALOG,
                                                                       "deposit_spin")), 2);
  g_assert_true (pw_lease_dialog_get_preview (dialog, NULL, NULL, NULL, &deposit));
  g_assert_cmpint (deposit, ==, 2 * area * 100);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (app_test_template_child (dialog, PW_TYPE_LEASE_DIALOG,
                                                                       "rent_free_spin")), 3);
  g_assert_true (pw_lease_dialog_get_preview (dialog, &gross, NULL, NULL, NULL));
  g_assert_cmpint (gross, ==, 9 * area * 100);

  /* the draft: in the store with both spaces, and selected on the Contracts page */
  code = g_strdup (gtk_editable_get_text (GTK_EDITABLE (app_test_template_child (dialog, PW_TYPE_LEASE_DIALOG,
                                                                                 "code_row"))));
  {
    /* numbered as the park numbers its contracts: its code, the year, one more than
     * the highest of the year */
    g_autoptr(JsonObject) park = pw_store_get_row (f->store, "park", pw_ledger_first_park_id (f->store), NULL);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *prefix = g_strdup_printf ("%s-%d-", json_object_get_string_member (park, "code"),
                                               g_date_time_get_year (now));

    g_assert_true (g_str_has_prefix (code, prefix));
    g_assert_cmpuint (strlen (code), ==, strlen (prefix) + 3);
    g_assert_null (pw_lease_find (f->store, NULL, code, &error));
    g_clear_error (&error);
  }
  /* no customer chosen: nothing can be created, and the row says why */
  g_assert_false (gtk_widget_get_sensitive (app_test_template_child (dialog, PW_TYPE_LEASE_DIALOG,
                                                                     "create_button")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (app_test_template_child (dialog, PW_TYPE_LEASE_DIALOG,
                                                                      "customer_row")), 1);
  g_assert_true (gtk_widget_get_sensitive (app_test_template_child (dialog, PW_TYPE_LEASE_DIALOG,
                                                                    "create_button")));
  g_signal_emit_by_name (app_test_template_child (dialog, PW_TYPE_LEASE_DIALOG, "create_button"), "clicked");
  wait_for (f, dialog_gone, NULL, "the dialog to close");

  id = pw_lease_find (f->store, NULL, code, &error);
  g_assert_no_error (error);
  rows = pw_lease_list (f->store, NULL, PW_CONTRACT_DRAFT, -1, "2031-01-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (rows, 0), "id"), ==, id);
  spaces = json_object_get_array_member (g_ptr_array_index (rows, 0), "spaces");
  g_assert_cmpuint (json_array_get_length (spaces), ==, 2);

  contracts = pw_window_get_contracts_page (f->window);
  g_assert_true (adw_view_stack_get_visible_child (f->view_stack) == GTK_WIDGET (contracts));
  g_assert_cmpstr (pw_contracts_page_get_selected_id (contracts), ==, id);
}

int
main (int argc, char *argv[])
{
  char *scratch = app_test_init (&argc, &argv);

  g_test_add ("/app/lease-dialog/new-lease", Fixture, NULL,
              fixture_set_up, test_new_lease, fixture_tear_down);

  return app_test_run (scratch);
}
