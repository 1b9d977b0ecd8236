/* test-contracts-page.c — the Contracts page of the main window over a demo
 * ledger, driven in-process
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (Xvfb in CI) and fails, rather than skips, without one.
 * The contracts are written through core; the page is expected to show what
 * the store and the schedule engine say. */
#include "config.h"

#include <stdio.h>

#include <adwaita.h>

#include "app-test-util.h"
#include "pw-date-picker.h"
#include "pw-contract.h"
#include "pw-contracts-page.h"
#include "pw-customer.h"
#include "pw-amend-dialog.h"
#include "pw-contract-record.h"
#include "pw-json-item.h"
#include "pw-lease-sheet.h"
#include "pw-lease.h"
#include "pw-ledger.h"
#include "pw-money.h"
#include "pw-schedule.h"
#include "pw-window.h"

typedef struct {
  char            *tmpdir;
  PwStore         *store;
  PwWindow        *window;
  AdwViewStack    *view_stack;
  PwContractsPage *page;
  char            *park_id;
  char            *park_name;
  char            *customer_id;
  PwSpace         *space;      /* an available office of the demo park */
} Fixture;

#define wait_for(f, cond, data, what) \
  app_test_wait_for ((AppTestCondition) (cond), (f), (data), (what))

static char *
date_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* Monthly rent of 100.00/m²/month, 9 % included, on @space over the term. */
static char *
build_terms (Fixture *f, const char *code, const char *start, const char *end)
{
  g_autofree char *area = g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT,
                                           pw_space_get_chargeable_area (f->space) / 100,
                                           pw_space_get_chargeable_area (f->space) % 100);

  return g_strdup_printf (
    "{ \"id\": \"%s\", \"currency\": \"CNY\", \"signed\": \"%s\", \"start\": \"%s\", \"end\": \"%s\","
    "  \"parties\": { \"landlord\": \"%s\", \"tenant\": \"Acme Robotics\" },"
    "  \"sellers\": [ { \"code\": \"LL\", \"name\": \"%s\" } ],"
    "  \"spaces\": [ { \"code\": \"%s\", \"area\": \"%s\" } ],"
    "  \"tax_codes\": [ { \"code\": \"lease9\", \"rate\": \"0.09\" } ],"
    "  \"charges\": [ { \"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\", \"tax_code\": \"lease9\","
    "                   \"unit_price\": \"100.00\", \"unit\": \"m2_month\", \"spaces\": [\"%s\"] } ] }",
    code, start, start, end, f->park_name, f->park_name, pw_space_get_code (f->space), area,
    pw_space_get_code (f->space));
}

static char *
create_contract (Fixture *f, const char *code, const char *start, const char *end)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *terms = build_terms (f, code, start, end);
  PwLeaseSpace space = { pw_space_get_id (f->space), pw_space_get_chargeable_area (f->space) };
  char *id = pw_lease_create (f->store, f->park_id, code, f->customer_id, start, end,
                              &space, 1, terms, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static GtkWidget *
template_child (Fixture *f, const char *name)
{
  return app_test_template_child (f->page, PW_TYPE_CONTRACTS_PAGE, name);
}

static guint
n_visible (Fixture *f)
{
  return g_list_model_get_n_items (pw_contracts_page_get_visible_items (f->page));
}

/* The one number @sql counts in the store. */
static guint
count (Fixture *f, const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return (guint) sqlite3_column_int64 (stmt, 0);
}

static gboolean
is_visible (Fixture *f, const char *id)
{
  return app_test_find_item (pw_contracts_page_get_visible_items (f->page),
                             (AppTestGetIdFunc) pw_contract_record_get_id, id) != NULL;
}

static gboolean
page_loaded (Fixture *f, gconstpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (f->page)) && pw_contracts_page_is_loaded (f->page);
}

static char *
space_status (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) row = pw_store_get_row (f->store, "space", pw_space_get_id (f->space), &error);

  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (row, "status"));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static char *contract_text (Fixture *f, const char *id, const char *member);

/* The widget named @name in @dialog's extra child. */
static GtkWidget *
dialog_child (AdwMessageDialog *dialog, const char *name)
{
  GtkWidget *root = adw_message_dialog_get_extra_child (dialog);
  g_autoptr(GPtrArray) queue = g_ptr_array_new ();

  if (root != NULL)
    g_ptr_array_add (queue, root);
  for (guint i = 0; i < queue->len; i++)
    {
      GtkWidget *w = queue->pdata[i];

      if (g_strcmp0 (gtk_widget_get_name (w), name) == 0)
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (queue, c);
    }
  return NULL;
}

/* Answers the message dialog the last command opened with @response. */
static void
answer (const char *response)
{
  AdwMessageDialog *dialog = find_message_dialog ();

  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) parks = NULL;
  g_autoptr(PwLedgerNode) park = NULL;
  g_autoptr(GPtrArray) spaces = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();

  f->store = app_test_open_demo_ledger ("parkwise-test-contracts-XXXXXX", &f->tmpdir);
  parks = pw_ledger_load_parks (f->store, &error);
  g_assert_no_error (error);
  park = g_list_model_get_item (parks, 0);
  f->park_id = g_strdup (pw_ledger_node_get_id (park));
  f->park_name = g_strdup (pw_ledger_node_get_name (park));

  spaces = pw_ledger_load_spaces (f->store, f->park_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < spaces->len && f->space == NULL; i++)
    {
      PwSpace *space = g_ptr_array_index (spaces, i);

      if (pw_space_get_status (space) == PW_SPACE_STATUS_AVAILABLE && pw_space_get_leasable (space)
          && pw_space_get_kind (space) == PW_SPACE_KIND_OFFICE && pw_space_get_chargeable_area (space) > 0)
        f->space = g_object_ref (space);
    }
  g_assert_nonnull (f->space);

  json_object_set_string_member (fields, "kind", "company");
  json_object_set_string_member (fields, "name", "Acme Robotics");
  f->customer_id = pw_customer_add (f->store, f->park_id, fields, NULL, &error);
  g_assert_no_error (error);

  f->window = app_test_new_window (f->store);
  f->view_stack = ADW_VIEW_STACK (app_test_template_child (f->window, PW_TYPE_WINDOW, "view_stack"));
  f->page = PW_CONTRACTS_PAGE (adw_view_stack_get_child_by_name (f->view_stack, "contracts"));
  g_assert_nonnull (f->page);
  g_assert_true (pw_window_get_contracts_page (f->window) == f->page);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  app_test_destroy_window (&f->window);
  g_clear_object (&f->space);
  g_clear_object (&f->store);
  g_free (f->park_id);
  g_free (f->park_name);
  g_free (f->customer_id);
  app_test_remove_tmpdir (&f->tmpdir);
}

static void
show_page (Fixture *f)
{
  /* nothing is loaded while the page is not in view: the window opens as fast */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (pw_contracts_page_is_loaded (f->page));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "contracts");
  wait_for (f, page_loaded, NULL, "the Contracts page to load");
}

static void
press (Fixture *f, const char *button)
{
  GtkWidget *widget = template_child (f, button);
  const char *action = gtk_actionable_get_action_name (GTK_ACTIONABLE (widget));

  /* the button names its command; it is enabled as the action is */
  g_assert_nonnull (action);
  g_assert_true (gtk_widget_get_sensitive (widget));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), action, NULL));
}

static void
test_list_and_lifecycle (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *start = date_from_today (-300);
  g_autofree char *end = date_from_today (45);
  g_autofree char *id = create_contract (f, "C-TEST-001", start, end);
  g_autofree char *terms = build_terms (f, "C-TEST-001", start, end);
  g_autoptr(PwContract) contract = NULL;
  g_autoptr(PwSchedule) schedule = NULL;
  g_autofree char *status = NULL;
  g_autofree char *other = NULL;
  g_autofree char *other_start = date_from_today (-10);
  g_autofree char *other_end = date_from_today (400);

  /* the demo park's own contracts are all running; the new one is the only draft */
  show_page (f);
  g_assert_cmpuint (n_visible (f), ==, count (f, "SELECT count(*) FROM contract"));
  g_assert_cmpuint (n_visible (f), >, 1);
  g_assert_true (is_visible (f, id));

  /* the filters: by status, by how soon it ends (running ones only), by search */
  pw_contracts_page_set_status_filter (f->page, PW_CONTRACT_SIGNED);
  g_assert_cmpuint (n_visible (f), ==, count (f, "SELECT count(*) FROM contract WHERE status = 'signed'"));
  g_assert_false (is_visible (f, id));
  pw_contracts_page_set_status_filter (f->page, PW_CONTRACT_DRAFT);
  g_assert_cmpuint (n_visible (f), ==, 1);
  g_assert_true (is_visible (f, id));
  pw_contracts_page_set_status_filter (f->page, -1);
  pw_contracts_page_set_expiring_filter (f->page, 60);
  g_assert_false (is_visible (f, id));
  g_assert_cmpuint (n_visible (f), ==,
                    count (f, "SELECT count(*) FROM contract WHERE status IN ('signed', 'active',"
                              " 'expiring') AND end_date <= date ('now', 'localtime', '+60 days')"));
  pw_contracts_page_set_expiring_filter (f->page, -1);
  pw_contracts_page_set_search_text (f->page, pw_space_get_code (f->space));
  g_assert_cmpuint (n_visible (f), ==, 1);
  g_assert_true (is_visible (f, id));
  pw_contracts_page_set_search_text (f->page, "no such contract");
  g_assert_cmpuint (n_visible (f), ==, 0);
  pw_contracts_page_set_search_text (f->page, "acme");
  g_assert_cmpuint (n_visible (f), ==, 1);
  g_assert_true (is_visible (f, id));
  pw_contracts_page_set_search_text (f->page, NULL);
  g_assert_true (pw_contracts_page_set_building_filter (f->page, pw_space_get_building_code (f->space)));
  g_assert_true (is_visible (f, id));
  g_assert_true (pw_contracts_page_set_building_filter (f->page, NULL));

  /* the schedule pane shows the engine's lines */
  g_assert_true (pw_contracts_page_select_contract (f->page, id));
  contract = pw_contract_parse (terms, -1, &error);
  g_assert_no_error (error);
  schedule = pw_schedule_compute (contract, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pw_contracts_page_get_schedule (f->page)), ==,
                    schedule->lines->len);
  g_assert_cmpuint (schedule->lines->len, >, 0);
  /* the headline figures, as core computes them */
  {
    g_autofree char *today = date_from_today (0);
    g_autoptr(PwLeaseFigures) fig = pw_lease_figures (f->store, id, today, &error);
    g_autofree char *monthly = NULL, *total = NULL;

    g_assert_no_error (error);
    monthly = pw_money_format (fig->monthly_rent, "CNY", PW_CURRENCY_SYMBOL);
    total = pw_money_format (fig->total_value, "CNY", PW_CURRENCY_SYMBOL);
    g_assert_cmpint (fig->monthly_rent, >, 0);
    g_assert_nonnull (strstr (pw_contracts_page_get_figures_text (f->page), monthly));
    g_assert_nonnull (strstr (pw_contracts_page_get_figures_text (f->page), total));
    g_assert_nonnull (strstr (pw_contracts_page_get_figures_text (f->page), "100.0000"));
  }
  /* the schedule table grows with the detail pane instead of scrolling inside it */
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (template_child (f, "schedule_view"),
                                                   GTK_TYPE_SCROLLED_WINDOW);
    GtkPolicyType h, v;

    gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (scroller), &h, &v);
    g_assert_cmpint (v, ==, GTK_POLICY_NEVER);
  }
  g_assert_false (gtk_widget_get_sensitive (template_child (f, "sign_button")));

  /* through the buttons: submit, approve, sign; the space follows */
  press (f, "submit_button");
  g_assert_true (pw_contracts_page_select_contract (f->page, id));
  status = space_status (f);
  g_assert_cmpstr (status, ==, "reserved");
  g_clear_pointer (&status, g_free);
  /* Approve and Sign ask first, saying what they do */
  press (f, "approve_button");
  {
    AdwMessageDialog *dialog = find_message_dialog ();

    g_assert_nonnull (dialog);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "within the park"));
    adw_message_dialog_response (dialog, "cancel");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  {
    g_autofree char *still = contract_text (f, id, "status");

    g_assert_cmpstr (still, ==, "submitted");
  }
  press (f, "approve_button");
  answer ("approve");
  press (f, "sign_button");
  {
    AdwMessageDialog *dialog = find_message_dialog ();

    g_assert_nonnull (dialog);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Acme Robotics"));
  }
  answer ("sign");
  {
    g_autoptr(JsonObject) row = pw_store_get_row (f->store, "contract", id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "signed");
  }
  status = space_status (f);
  g_assert_cmpstr (status, ==, "leased");
  g_assert_false (gtk_widget_get_sensitive (template_child (f, "submit_button")));
  g_assert_true (gtk_widget_get_sensitive (template_child (f, "terminate_button")));

  /* a signed contract ending in 45 days is expiring within 60, not within 30 */
  pw_contracts_page_set_expiring_filter (f->page, 60);
  g_assert_true (is_visible (f, id));
  pw_contracts_page_set_expiring_filter (f->page, 30);
  g_assert_false (is_visible (f, id));
  pw_contracts_page_set_expiring_filter (f->page, -1);

  /* a second contract on the same space for overlapping dates is refused on
   * submission, naming the first */
  other = create_contract (f, "C-TEST-002", other_start, other_end);
  pw_contracts_page_reload (f->page);
  g_assert_true (pw_contracts_page_select_contract (f->page, other));
  g_assert_false (pw_contracts_page_transition (f->page, PW_CONTRACT_SUBMITTED, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "C-TEST-001"));
  g_assert_nonnull (strstr (pw_contracts_page_get_last_message (f->page), "C-TEST-001"));
  g_clear_error (&error);
  {
    g_autoptr(JsonObject) row = pw_store_get_row (f->store, "contract", other, NULL);

    g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "draft");
  }

  /* terminating asks for a date inside the term */
  g_assert_true (pw_contracts_page_select_contract (f->page, id));
  press (f, "terminate_button");
  {
    AdwMessageDialog *dialog = find_message_dialog ();
    GtkEditable *entry;
    g_autofree char *last_day = date_from_today (5);
    g_autoptr(JsonObject) row = NULL;

    g_autoptr(PwSchedule) preview = NULL;
    g_autofree char *refund = NULL, *fine = NULL;
    GtkLabel *settlement;
    GtkEditable *penalty;

    g_assert_nonnull (dialog);
    entry = GTK_EDITABLE (dialog_child (dialog, "date_entry"));
    penalty = GTK_EDITABLE (dialog_child (dialog, "penalty_entry"));
    settlement = GTK_LABEL (dialog_child (dialog, "settlement_label"));
    gtk_editable_set_text (entry, "2024-02-30");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "terminate"));
    gtk_editable_set_text (entry, "1999-01-01");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "terminate"));
    /* the last day can be picked on a calendar, which writes it as typed */
    {
      GtkCalendar *calendar = pw_date_picker_get_calendar (entry);
      g_autoptr(GDateTime) day = NULL;
      int y, m, d;

      g_assert_nonnull (calendar);
      g_assert_cmpint (sscanf (last_day, "%d-%d-%d", &y, &m, &d), ==, 3);
      day = g_date_time_new_local (y, m, d, 0, 0, 0);
      gtk_calendar_select_day (calendar, day);
      g_assert_cmpstr (gtk_editable_get_text (entry), ==, last_day);
    }
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "terminate"));
    /* the settlement before it is confirmed: core's figures, penalty included */
    gtk_editable_set_text (penalty, "not money");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "terminate"));
    gtk_editable_set_text (penalty, "1000.00");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "terminate"));
    preview = pw_lease_termination_preview (f->store, id, last_day, "1000.00", &error);
    g_assert_no_error (error);
    g_assert_cmpint (preview->penalty, ==, 100000);
    refund = pw_money_format (preview->refund, "CNY", PW_CURRENCY_SYMBOL);
    fine = pw_money_format (preview->penalty, "CNY", PW_CURRENCY_SYMBOL);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (settlement)));
    g_assert_nonnull (strstr (gtk_label_get_text (settlement), refund));
    g_assert_nonnull (strstr (gtk_label_get_text (settlement), fine));
    adw_message_dialog_response (dialog, "terminate");
    gtk_window_destroy (GTK_WINDOW (dialog));

    row = pw_store_get_row (f->store, "contract", id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "terminated");
    g_assert_cmpstr (json_object_get_string_member (row, "ended_date"), ==, last_day);
  }
  g_clear_pointer (&status, g_free);
  status = space_status (f);
  g_assert_cmpstr (status, ==, "available");
  g_assert_false (gtk_widget_get_sensitive (template_child (f, "terminate_button")));

  /* the termination's toast undoes it: the contract runs again and holds its space */
  {
    GtkWidget *undo = app_test_find_undo_button (GTK_WIDGET (f->page));
    g_autoptr(JsonObject) row = NULL;

    g_assert_nonnull (undo);
    g_signal_emit_by_name (undo, "clicked");
    row = pw_store_get_row (f->store, "contract", id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (row, "status"), !=, "terminated");
    g_assert_true (json_object_get_null_member (row, "ended_date"));
    g_clear_pointer (&status, g_free);
    status = space_status (f);
    g_assert_cmpstr (status, ==, "leased");
  }
}

static void
test_show_on_plan (Fixture *f, gconstpointer data)
{
  g_autofree char *start = date_from_today (10);
  g_autofree char *end = date_from_today (375);
  g_autofree char *id = create_contract (f, "C-TEST-003", start, end);
  PwPlansPage *plans = pw_window_get_plans_page (f->window);

  show_page (f);
  g_assert_true (pw_contracts_page_select_contract (f->page, id));
  press (f, "show_on_plan_button");
  g_assert_true (adw_view_stack_get_visible_child (f->view_stack) == GTK_WIDGET (plans));
  g_assert_cmpstr (pw_plans_page_get_floor_id (plans), ==, pw_space_get_floor_id (f->space));
}

/* Show on Plan selects every room of a two-room contract (it selected the first). */
static void
test_show_two_rooms_on_plan (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (f->store, f->park_id, &error);
  g_autofree char *start = date_from_today (10);
  g_autofree char *end = date_from_today (375);
  g_autofree char *terms = build_terms (f, "C-TEST-004", start, end);
  g_autofree char *id = NULL;
  g_auto(GStrv) selected = NULL;
  PwPlansPage *plans = pw_window_get_plans_page (f->window);
  PwSpace *first = NULL, *neighbour = NULL;

  g_assert_no_error (error);
  /* two available offices on one floor */
  for (guint i = 0; i < spaces->len && neighbour == NULL; i++)
    for (guint j = i + 1; j < spaces->len && neighbour == NULL; j++)
      {
        PwSpace *a = g_ptr_array_index (spaces, i), *b = g_ptr_array_index (spaces, j);

        if (g_strcmp0 (pw_space_get_floor_id (a), pw_space_get_floor_id (b)) == 0
            && pw_space_get_status (a) == PW_SPACE_STATUS_AVAILABLE
            && pw_space_get_status (b) == PW_SPACE_STATUS_AVAILABLE
            && pw_space_get_leasable (a) && pw_space_get_leasable (b)
            && pw_space_get_kind (a) == PW_SPACE_KIND_OFFICE
            && pw_space_get_kind (b) == PW_SPACE_KIND_OFFICE
            && pw_space_get_chargeable_area (a) > 0 && pw_space_get_chargeable_area (b) > 0)
          {
            first = a;
            neighbour = b;
          }
      }
  g_assert_nonnull (neighbour);
  {
    PwLeaseSpace two[] = {
      { pw_space_get_id (first), pw_space_get_chargeable_area (first) },
      { pw_space_get_id (neighbour), pw_space_get_chargeable_area (neighbour) },
    };

    id = pw_lease_create (f->store, f->park_id, "C-TEST-004", f->customer_id, start, end, two, 2,
                          terms, &error);
    g_assert_no_error (error);
  }
  show_page (f);
  pw_contracts_page_reload (f->page);
  g_assert_true (pw_contracts_page_select_contract (f->page, id));
  press (f, "show_on_plan_button");
  g_assert_true (adw_view_stack_get_visible_child (f->view_stack) == GTK_WIDGET (plans));
  selected = pw_plans_page_get_selected_space_ids (plans);
  g_assert_cmpuint (g_strv_length (selected), ==, 2);
  g_assert_cmpstr (pw_plans_page_get_floor_id (plans), ==, pw_space_get_floor_id (first));
  g_assert_true (g_strv_contains ((const char *const *) selected, pw_space_get_id (first)));
  g_assert_true (g_strv_contains ((const char *const *) selected, pw_space_get_id (neighbour)));
}

static PwAmendDialog *
find_amend_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (PW_IS_AMEND_DIALOG (window))
        return PW_AMEND_DIALOG (window);
    }
  return NULL;
}

/* Another available office of the demo park, not @f's. */
static PwSpace *
other_space (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (f->store, f->park_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < spaces->len; i++)
    {
      PwSpace *space = g_ptr_array_index (spaces, i);

      if (space != f->space && pw_space_get_status (space) == PW_SPACE_STATUS_AVAILABLE
          && pw_space_get_leasable (space) && pw_space_get_kind (space) == PW_SPACE_KIND_OFFICE
          && pw_space_get_chargeable_area (space) > 0
          && g_strcmp0 (pw_space_get_id (space), pw_space_get_id (f->space)) != 0)
        return g_object_ref (space);
    }
  g_assert_not_reached ();
  return NULL;
}

static char *
contract_text (Fixture *f, const char *id, const char *member)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) row = pw_store_get_row (f->store, "contract", id, &error);

  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (row, member));
}

static void
run_to_active (Fixture *f, const char *id)
{
  g_autoptr(GError) error = NULL;
  const PwContractStatus steps[] = {
    PW_CONTRACT_SUBMITTED, PW_CONTRACT_APPROVED, PW_CONTRACT_SIGNED, PW_CONTRACT_ACTIVE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_assert_true (pw_contracts_page_select_contract (f->page, id));
      g_assert_true (pw_contracts_page_transition (f->page, steps[i], NULL, &error));
      g_assert_no_error (error);
    }
}

/* Amending through the dialog (refusals shown in it), the versions with their
 * differences, and a renewal that, once signed, renews the contract. */
static void
test_amend_history_renew (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *start = date_from_today (-300);
  g_autofree char *end = date_from_today (45);
  g_autofree char *effective = date_from_today (-100);
  g_autofree char *later = date_from_today (-50);
  g_autofree char *new_end = date_from_today (100);
  g_autofree char *id = create_contract (f, "C-TEST-010", start, end);
  g_autoptr(PwSpace) second = other_space (f);
  g_autofree char *blocker = NULL, *blocker_terms = NULL, *text = NULL, *renewal = NULL;
  g_autofree char *renewal_start = NULL, *status = NULL, *versions_sql = NULL;
  PwAmendDialog *dialog;
  const char *changes;

  show_page (f);
  run_to_active (f, id);
  g_assert_true (gtk_widget_get_sensitive (template_child (f, "renew_button")));
  g_assert_cmpuint (pw_contracts_page_get_n_versions (f->page), ==, 1);

  /* the second space is held by another contract for part of the time */
  {
    PwLeaseSpace space = { pw_space_get_id (second), pw_space_get_chargeable_area (second) };
    g_autofree char *bstart = date_from_today (-20);
    g_autofree char *bend = date_from_today (20);

    blocker_terms = build_terms (f, "C-TEST-011", bstart, bend);
    blocker = pw_lease_create (f->store, f->park_id, "C-TEST-011", f->customer_id, bstart, bend, &space, 1,
                               blocker_terms, &error);
    g_assert_no_error (error);
    g_assert_true (pw_lease_transition (f->store, blocker, PW_CONTRACT_SUBMITTED, start, NULL, &error));
    g_assert_no_error (error);
  }

  g_assert_true (pw_contracts_page_select_contract (f->page, id));
  press (f, "amend_button");
  dialog = find_amend_dialog ();
  g_assert_nonnull (dialog);

  /* nothing changed yet: Amend waits; an invalid change is not "no change", Amend still waits */
  {
    GtkWidget *amend = app_test_template_child (dialog, PW_TYPE_AMEND_DIALOG, "amend_button");
    GtkWidget *effective_row = app_test_template_child (dialog, PW_TYPE_AMEND_DIALOG, "effective_row");
    GtkWidget *error_label = app_test_template_child (dialog, PW_TYPE_AMEND_DIALOG, "error_label");

    g_assert_false (gtk_widget_get_sensitive (amend));
    g_assert_cmpstr (pw_amend_dialog_get_preview_text (dialog), ==, "No change yet");
    g_assert_true (pw_amend_dialog_set_unit_price (dialog, "rent", "110.00"));
    pw_amend_dialog_set_effective_date (dialog, "2024-02-30");
    g_assert_false (gtk_widget_get_sensitive (amend));
    g_assert_nonnull (strstr (pw_amend_dialog_get_preview_text (dialog), "2024-02-30"));
    g_assert_null (strstr (pw_amend_dialog_get_preview_text (dialog), "No change yet"));
    g_assert_true (gtk_widget_has_css_class (effective_row, "error"));
    /* a refusal shows next to the field it is about, not at the top */
    g_assert_cmpint (pw_amend_dialog_apply (dialog, &error), ==, -1);
    g_clear_error (&error);
    g_assert_true (gtk_widget_get_prev_sibling (error_label)
                   == gtk_widget_get_ancestor (effective_row, ADW_TYPE_PREFERENCES_GROUP));
  }

  /* refusals stay in the dialog: a date outside the term, a space held by another */
  pw_amend_dialog_set_effective_date (dialog, "1999-01-01");
  g_assert_true (pw_amend_dialog_set_unit_price (dialog, "rent", "110.00"));
  g_assert_cmpint (pw_amend_dialog_apply (dialog, &error), ==, -1);
  g_assert_nonnull (strstr (pw_amend_dialog_get_error_text (dialog), start));
  g_assert_true (gtk_widget_get_visible (app_test_template_child (dialog, PW_TYPE_AMEND_DIALOG,
                                                                  "error_label")));
  g_clear_error (&error);
  g_assert_false (pw_amend_dialog_add_space (dialog, "NO-SUCH-SPACE"));
  g_assert_nonnull (strstr (pw_amend_dialog_get_error_text (dialog), "NO-SUCH-SPACE"));
  pw_amend_dialog_set_effective_date (dialog, effective);
  pw_amend_dialog_set_end_date (dialog, new_end);
  g_assert_true (pw_amend_dialog_add_space (dialog, pw_space_get_code (second)));
  /* the dialog shows what the amendment would change before it is written */
  {
    g_autofree char *end_change = g_strdup_printf ("End date: %s → %s", end, new_end);

    g_assert_nonnull (strstr (pw_amend_dialog_get_preview_text (dialog), end_change));
    g_assert_nonnull (strstr (pw_amend_dialog_get_preview_text (dialog), pw_space_get_code (second)));
  }
  g_assert_cmpint (pw_amend_dialog_apply (dialog, &error), ==, -1);
  g_assert_nonnull (strstr (pw_amend_dialog_get_error_text (dialog), "C-TEST-011"));
  g_clear_error (&error);
  /* nothing was written: the contract keeps its one version */
  versions_sql = g_strdup_printf ("SELECT count(*) FROM contract_version WHERE contract_id = '%s'", id);
  g_assert_cmpuint (count (f, versions_sql), ==, 1);

  /* once the other goes back to draft, the amendment is written by the Amend button */
  g_assert_true (pw_lease_transition (f->store, blocker, PW_CONTRACT_DRAFT, start, NULL, &error));
  g_assert_no_error (error);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_emit_by_name (app_test_template_child (dialog, PW_TYPE_AMEND_DIALOG, "amend_button"), "clicked");
  /* written: the dialog closed itself */
  g_assert_null (dialog);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (find_amend_dialog ());
  text = contract_text (f, id, "end_date");
  g_assert_cmpstr (text, ==, new_end);
  /* its toast offers Undo (the old terms as a new version; docs/undo.md) */
  g_assert_nonnull (app_test_find_undo_button (GTK_WIDGET (f->page)));

  /* the history: version 2 with its differences from version 1 */
  g_assert_true (pw_contracts_page_select_contract (f->page, id));
  g_assert_cmpuint (pw_contracts_page_get_n_versions (f->page), ==, 2);
  changes = pw_contracts_page_get_version_text (f->page, 1);
  {
    g_autofree char *end_change = g_strdup_printf ("End date: %s → %s", end, new_end);
    gint64 centi = pw_space_get_chargeable_area (second);
    g_autofree char *area = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", centi / 100, (int) (centi % 100));
    g_autofree char *added = g_strdup_printf ("Space %s added (%s m²)", pw_space_get_code (second), area);

    g_assert_nonnull (strstr (changes, end_change));
    g_assert_nonnull (strstr (changes, added));
    g_assert_nonnull (strstr (changes, "Rent (rent-v2) added: unit price 110.00 per m² per month"));
  }

  /* a rent review later on: a price step, shown as such; the schedule is rewritten */
  press (f, "amend_button");
  dialog = find_amend_dialog ();
  pw_amend_dialog_set_effective_date (dialog, later);
  g_assert_true (pw_amend_dialog_set_unit_price (dialog, "rent-v2", "120.00"));
  g_assert_cmpint (pw_amend_dialog_apply (dialog, &error), ==, 3);
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (pw_contracts_page_select_contract (f->page, id));
  changes = pw_contracts_page_get_version_text (f->page, 2);
  {
    g_autofree char *step = g_strdup_printf ("Rent (rent-v2): unit price 120.00 per m² per month from %s",
                                             later);
    g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
      "SELECT max (contract_version) FROM schedule_line WHERE contract_id = ?", NULL);

    g_assert_nonnull (strstr (changes, step));
    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 3);
  }

  /* Renew…: a draft from the day after the end; signing it renews this one */
  press (f, "renew_button");
  {
    AdwMessageDialog *renew = find_message_dialog ();
    GtkWidget *box;

    g_assert_nonnull (renew);
    box = adw_message_dialog_get_extra_child (renew);
    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_first_child (box)), "C-TEST-010-R");
    /* renewal with a new rent */
    gtk_editable_set_text (GTK_EDITABLE (dialog_child (renew, "rent_entry")), "125.50");
    adw_message_dialog_response (renew, "renew");
    gtk_window_destroy (GTK_WINDOW (renew));
  }
  renewal = g_strdup (pw_contracts_page_get_selected_id (f->page));
  g_assert_nonnull (renewal);
  g_assert_cmpstr (renewal, !=, id);
  renewal_start = contract_text (f, renewal, "start_date");
  {
    g_autofree char *day_after = date_from_today (101);

    g_assert_cmpstr (renewal_start, ==, day_after);
  }
  {
    /* the renewal goes on with the charge as the amendments left it: rent-v2 at 120.00 */
    g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
      "SELECT terms FROM contract_version WHERE contract_id = ?", NULL);
    g_autoptr(PwContract) terms = NULL;

    sqlite3_bind_text (stmt, 1, renewal, -1, SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    terms = pw_contract_parse ((const char *) sqlite3_column_text (stmt, 0), -1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (terms->charges->len, ==, 1);
    g_assert_cmpstr (((PwCharge *) g_ptr_array_index (terms->charges, 0))->code, ==, "rent-v2");
    g_assert_cmpint (((PwCharge *) g_ptr_array_index (terms->charges, 0))->escalation.kind, ==,
                     PW_ESCALATION_NONE);
    {
      g_autofree char *price = pw_decimal_to_string (((PwCharge *) g_ptr_array_index (terms->charges, 0))->unit_price);

      g_assert_cmpstr (price, ==, "125.50");
    }
    g_assert_cmpstr (terms->renews, ==, "C-TEST-010");
  }
  for (guint i = 0; i < 3; i++)
    {
      const PwContractStatus to[] = { PW_CONTRACT_SUBMITTED, PW_CONTRACT_APPROVED, PW_CONTRACT_SIGNED };

      g_assert_true (pw_contracts_page_select_contract (f->page, renewal));
      g_assert_true (pw_contracts_page_transition (f->page, to[i], NULL, &error));
      g_assert_no_error (error);
    }
  status = contract_text (f, id, "status");
  g_assert_cmpstr (status, ==, "renewed");
  g_assert_true (pw_contracts_page_select_contract (f->page, id));
  g_assert_false (gtk_widget_get_sensitive (template_child (f, "renew_button")));
  g_assert_false (gtk_widget_get_sensitive (template_child (f, "amend_button")));
}

static guint
pdf_pages (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint pages = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  /* each page object says "/Type /Page"; the page tree says "/Type /Pages" */
  for (gsize i = 0; i + 12 <= length; i++)
    if (memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's')
      pages++;
  return pages;
}

/* Print… draws the PDF's pages: exported through the print operation, the same
 * number of pages; and the list shows a contract's alerts. */
static void
test_print_and_alerts (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *start = date_from_today (10);
  g_autofree char *end = date_from_today (375);
  g_autofree char *id = create_contract (f, "C-TEST-020", start, end);
  g_autofree char *printed = g_build_filename (f->tmpdir, "printed.pdf", NULL);
  g_autofree char *saved = g_build_filename (f->tmpdir, "saved.pdf", NULL);
  g_autoptr(PwLeaseSheet) sheet = NULL;
  PwContractRecord *item;

  show_page (f);
  g_assert_true (pw_contracts_page_select_contract (f->page, id));
  g_assert_true (gtk_widget_get_sensitive (template_child (f, "print_button")));
  g_assert_cmpint (pw_contracts_page_print (f->page, GTK_PRINT_OPERATION_ACTION_EXPORT, printed, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  sheet = pw_lease_sheet_new (f->store, id, &error);
  g_assert_no_error (error);
  /* the terms and schedule, then the floor with the leased room */
  g_assert_cmpuint (pw_lease_sheet_get_n_pages (sheet), >=, 2);
  g_assert_cmpuint (pdf_pages (printed), ==, pw_lease_sheet_get_n_pages (sheet));
  g_assert_true (pw_lease_sheet_export (f->store, id, saved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (saved), ==, pw_lease_sheet_get_n_pages (sheet));

  /* a floor price above the rent of 100.00 a m² a month: an alert in the list and the page */
  g_assert_false (gtk_widget_get_visible (template_child (f, "alerts_label")));
  {
    g_autoptr(JsonObject) park = pw_store_get_row (f->store, "park", f->park_id, &error);
    g_autoptr(PwMutation) m = pw_mutation_new_update ("park", f->park_id,
                                                      json_object_get_int_member (park, "version"));

    /* the demo park's list price (98.00) would be below such a floor: it goes */
    pw_mutation_set_null (m, "list_price");
    pw_mutation_set_string (m, "floor_price", "200.00");
    g_assert_true (pw_store_apply (f->store, m, &error));
    g_assert_no_error (error);
  }
  pw_contracts_page_reload (f->page);
  g_assert_true (pw_contracts_page_select_contract (f->page, id));
  item = app_test_find_item (pw_contracts_page_get_visible_items (f->page),
                             (AppTestGetIdFunc) pw_contract_record_get_id, id);
  g_assert_nonnull (item);
  g_assert_cmpuint (pw_contract_record_get_n_alerts (item), ==, 1);
  g_assert_nonnull (strstr (pw_contract_record_get_alerts (item)[0], "floor price of 200.00"));
  g_assert_true (gtk_widget_get_visible (template_child (f, "alerts_label")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (template_child (f, "alerts_label"))),
                            "floor price"));
}

/* A rent review mid-term on a lease that rises 5 % a year: the dialog writes it
 * (it used to refuse anything but the first day), the rent billed before the
 * review stays, and the rise goes on from the new rent on the same dates. */
static void
test_rent_review (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *start = date_from_today (-400);
  g_autofree char *end = date_from_today (700);
  g_autofree char *review = date_from_today (-30);
  g_autofree char *plain = build_terms (f, "C-TEST-020", start, end);
  g_auto(GStrv) parts = g_strsplit (plain, "\"spaces\": [\"", 2);
  g_autofree char *terms = g_strconcat (parts[0], "\"escalation\": { \"type\": \"fixed\","
                                        " \"percent\": \"5\", \"every_years\": 1 }, \"spaces\": [\"",
                                        parts[1], NULL);
  PwLeaseSpace space = { pw_space_get_id (f->space), pw_space_get_chargeable_area (f->space) };
  g_autofree char *id = NULL, *billed_before = NULL, *billed_after = NULL;
  g_autofree char *anniversary = NULL;
  g_autoptr(PwContract) parsed = NULL;
  PwAmendDialog *dialog;
  const char *sum_sql = "SELECT total (gross) || '/' || count (*) FROM schedule_line"
                        " WHERE contract_id = ?1 AND bill_date < ?2";

  id = pw_lease_create (f->store, f->park_id, "C-TEST-020", f->customer_id, start, end, &space, 1,
                        terms, &error);
  g_assert_no_error (error);
  show_page (f);
  run_to_active (f, id);
  {
    g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, sum_sql, NULL);

    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 2, review, -1, SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    billed_before = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }

  g_assert_true (pw_contracts_page_select_contract (f->page, id));
  press (f, "amend_button");
  dialog = find_amend_dialog ();
  g_assert_nonnull (dialog);
  pw_amend_dialog_set_effective_date (dialog, review);
  g_assert_true (pw_amend_dialog_set_unit_price (dialog, "rent", "120.00"));
  g_assert_null (pw_amend_dialog_get_error_text (dialog));
  g_assert_cmpint (pw_amend_dialog_apply (dialog, &error), ==, 2);
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));

  {
    g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, sum_sql, NULL);

    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 2, review, -1, SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    billed_after = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }
  g_assert_cmpstr (billed_after, ==, billed_before);
  {
    g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
      "SELECT terms FROM contract_version WHERE contract_id = ? AND number = 2", NULL);
    PwCharge *rent;
    const char *prices[] = { "105", "120.00", "126", "132.3" };

    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    parsed = pw_contract_parse ((const char *) sqlite3_column_text (stmt, 0), -1, &error);
    g_assert_no_error (error);
    rent = g_ptr_array_index (parsed->charges, 0);
    g_assert_cmpint (rent->escalation.kind, ==, PW_ESCALATION_STEPS);
    /* the first anniversary's 105.00 as it was, 120.00 from the review, then 5 % a
     * year from 120.00 on the later anniversaries of the start */
    g_assert_cmpuint (rent->escalation.steps->len, ==, G_N_ELEMENTS (prices));
    for (guint i = 0; i < G_N_ELEMENTS (prices); i++)
      {
        PwPriceStep *step = &g_array_index (rent->escalation.steps, PwPriceStep, i);
        g_autofree char *price = pw_decimal_to_string (step->unit_price);
        g_autofree char *from = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&step->from),
                                                 g_date_get_month (&step->from),
                                                 g_date_get_day (&step->from));
        GDate want = parsed->start;

        g_assert_cmpstr (price, ==, prices[i]);
        if (i == 1)
          g_assert_cmpstr (from, ==, review);
        else
          {
            g_date_add_years (&want, i == 0 ? 1 : i);
            g_assert_cmpint (g_date_compare (&step->from, &want), ==, 0);
          }
      }
  }
}

/* A contract beyond the park's policy (the demo park: list 98.00, the asset manager
 * above 10 % off, the general manager above 20 %): Approve asks as whom; the wrong
 * role is refused, the right ones approve it in their order. Through the actions. */
static void
test_approval_by_role (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *start = date_from_today (30);
  g_autofree char *end = date_from_today (400);
  g_autofree char *terms = build_terms (f, "C-TEST-030", start, end);
  g_autoptr(GString) cheap = g_string_new (terms);
  PwLeaseSpace space = { pw_space_get_id (f->space), pw_space_get_chargeable_area (f->space) };
  g_autofree char *id = NULL, *status = NULL;
  AdwMessageDialog *dialog;

  /* 70.00 against 98.00: 28.6 % off, and below the floor of 82.00 */
  g_string_replace (cheap, "\"unit_price\": \"100.00\"", "\"unit_price\": \"70.00\"", 1);
  id = pw_lease_create (f->store, f->park_id, "C-TEST-030", f->customer_id, start, end, &space, 1,
                        cheap->str, &error);
  g_assert_no_error (error);
  show_page (f);
  g_assert_true (pw_contracts_page_select_contract (f->page, id));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->page), "contract.sign", NULL)
                  && find_message_dialog () != NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "contract.submit", NULL));
  status = contract_text (f, id, "status");
  g_assert_cmpstr (status, ==, "submitted");
  g_clear_pointer (&status, g_free);

  /* the submission's toast undoes it: a draft again, then submitted once more */
  {
    GtkWidget *undo = app_test_find_undo_button (GTK_WIDGET (f->page));

    g_assert_nonnull (undo);
    g_signal_emit_by_name (undo, "clicked");
    status = contract_text (f, id, "status");
    g_assert_cmpstr (status, ==, "draft");
    g_clear_pointer (&status, g_free);
    pw_contracts_page_reload (f->page);
    g_assert_true (pw_contracts_page_select_contract (f->page, id));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "contract.submit", NULL));
    status = contract_text (f, id, "status");
    g_assert_cmpstr (status, ==, "submitted");
    g_clear_pointer (&status, g_free);
  }

  /* the general manager first: refused, the asset manager decides first */
  g_assert_true (pw_contracts_page_select_contract (f->page, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "contract.approve", NULL));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "beyond the park"));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dialog_child (dialog, "role_dropdown"))),
                    ==, 0);
  /* core's rule says who decides now; the dialog says so under the role chosen */
  g_assert_true (pw_lease_role_may_decide (f->store, id, "asset_manager", NULL));
  g_assert_false (pw_lease_role_may_decide (f->store, id, "general_manager", NULL));
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "role_hint")));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dialog_child (dialog, "role_dropdown")), 1);
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "role_hint")));
  answer ("approve");
  status = contract_text (f, id, "status");
  g_assert_cmpstr (status, ==, "submitted");
  g_clear_pointer (&status, g_free);
  g_assert_nonnull (strstr (pw_contracts_page_get_last_message (f->page), "level 1"));

  /* nor can anyone move it to approved by hand */
  g_assert_false (pw_contracts_page_transition (f->page, PW_CONTRACT_APPROVED, NULL, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  /* the asset manager, then the general manager */
  g_assert_true (pw_contracts_page_select_contract (f->page, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "contract.approve", NULL));
  answer ("approve");
  status = contract_text (f, id, "status");
  g_assert_cmpstr (status, ==, "submitted");
  g_clear_pointer (&status, g_free);
  g_assert_true (pw_contracts_page_select_contract (f->page, id));
  g_assert_false (pw_lease_role_may_decide (f->store, id, "asset_manager", NULL));
  g_assert_true (pw_lease_role_may_decide (f->store, id, "general_manager", NULL));
  g_assert_false (pw_contracts_page_decide (f->page, "asset_manager", TRUE, NULL, &error));
  g_assert_error (error, PW_LEASING_ERROR, PW_LEASING_ERROR_NO_APPROVAL);
  g_clear_error (&error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "contract.approve", NULL));
  dialog = find_message_dialog ();
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dialog_child (dialog, "role_dropdown"))),
                    ==, 1);
  answer ("approve");
  status = contract_text (f, id, "status");
  g_assert_cmpstr (status, ==, "approved");
  /* decided: nobody decides on it any more */
  g_assert_false (pw_lease_role_may_decide (f->store, id, "general_manager", NULL));
}

/* A page of its own in a window 360 px wide: nothing needs more, the list shows
 * first, a contract picked shows its detail with a back button, and the amend
 * dialog fits too. The page is a PwPage: store and park-id are its properties.
 * GTK's size warnings are fatal here (G_DEBUG=fatal-warnings). */
typedef struct {
  PwContractsPage *page;
} Narrow;

static gboolean
narrow_loaded (Narrow *n, gconstpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (n->page)) && pw_contracts_page_is_loaded (n->page);
}

static gboolean
narrow_folded (Narrow *n, gconstpointer data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (app_test_template_child (n->page, PW_TYPE_CONTRACTS_PAGE, "leaflet"));

  return adw_leaflet_get_folded (leaflet);
}

static void
test_narrow (Fixture *f, gconstpointer data)
{
  g_autofree char *start = date_from_today (-30);
  g_autofree char *end = date_from_today (300);
  g_autofree char *id = create_contract (f, "C-TEST-360", start, end);
  g_autofree char *park = NULL;
  g_autoptr(PwStore) store = NULL;
  GtkWidget *window = gtk_window_new ();
  AdwLeaflet *leaflet;
  PwAmendDialog *dialog;
  Narrow n;
  int min = 0;

  n.page = PW_CONTRACTS_PAGE (pw_contracts_page_new ());
  g_object_set (n.page, "store", f->store, "park-id", f->park_id, NULL);
  g_object_get (n.page, "store", &store, "park-id", &park, NULL);
  g_assert_true (store == f->store);
  g_assert_cmpstr (park, ==, f->park_id);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (n.page));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (&n, narrow_loaded, NULL, "the page to load");

  gtk_widget_measure (GTK_WIDGET (n.page), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, 360);
  wait_for (&n, narrow_folded, NULL, "the list and detail to fold");
  leaflet = ADW_LEAFLET (app_test_template_child (n.page, PW_TYPE_CONTRACTS_PAGE, "leaflet"));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");

  /* nothing selected: the contract's commands wait, finding does not */
  g_assert_false (gtk_widget_get_sensitive (app_test_template_child (n.page, PW_TYPE_CONTRACTS_PAGE,
                                                                     "submit_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (n.page), "contract.find", NULL));
  {
    GtkWidget *search = app_test_template_child (n.page, PW_TYPE_CONTRACTS_PAGE, "search_entry");
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

    g_assert_true (focus == search || (focus != NULL && gtk_widget_is_ancestor (focus, search)));
  }

  g_assert_true (pw_contracts_page_select_contract (n.page, id));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "detail");
  g_assert_true (gtk_widget_get_visible (app_test_template_child (n.page, PW_TYPE_CONTRACTS_PAGE, "back_bar")));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  gtk_widget_measure (GTK_WIDGET (n.page), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, 360);

  /* the amend dialog fits a phone too */
  dialog = pw_contracts_page_open_amend_dialog (n.page);
  g_assert_nonnull (dialog);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, 360);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* a new lease is for rooms picked on the plan: the page says so */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (n.page), "contract.new-lease", NULL));
  g_assert_nonnull (strstr (pw_contracts_page_get_last_message (n.page), "on the plan"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (n.page), "contract.show-list", NULL));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  char *scratch = app_test_init (&argc, &argv);

  g_test_add ("/app/contracts/list-and-lifecycle", Fixture, NULL,
              fixture_set_up, test_list_and_lifecycle, fixture_tear_down);
  g_test_add ("/app/contracts/approval-by-role", Fixture, NULL,
              fixture_set_up, test_approval_by_role, fixture_tear_down);
  g_test_add ("/app/contracts/show-on-plan", Fixture, NULL,
              fixture_set_up, test_show_on_plan, fixture_tear_down);
  g_test_add ("/app/contracts/show-two-rooms-on-plan", Fixture, NULL,
              fixture_set_up, test_show_two_rooms_on_plan, fixture_tear_down);
  g_test_add ("/app/contracts/amend-history-renew", Fixture, NULL,
              fixture_set_up, test_amend_history_renew, fixture_tear_down);
  g_test_add ("/app/contracts/rent-review", Fixture, NULL,
              fixture_set_up, test_rent_review, fixture_tear_down);
  g_test_add ("/app/contracts/narrow", Fixture, NULL,
              fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add ("/app/contracts/print-and-alerts", Fixture, NULL,
              fixture_set_up, test_print_and_alerts, fixture_tear_down);

  return app_test_run (scratch);
}
