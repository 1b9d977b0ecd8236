/* test-customers-page.c — the Customers page driven through its widgets: a
 * customer with a faulty code, a contact refused by field, a prospect with a
 * viewing and a quote that needs approval, the approval, and a lease from it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (Xvfb in CI) and fails, rather than skips, without one. */
#include "config.h"

#include <adwaita.h>

#include "app-test-util.h"
#include "pw-customer.h"
#include "pw-contracts-page.h"
#include "pw-customer-contracts.h"
#include "pw-customer-leases.h"
#include "pw-customers-page.h"
#include "pw-lease-dialog.h"
#include "pw-ledger.h"
#include "pw-page.h"
#include "pw-row.h"
#include "pw-window.h"

typedef struct {
  char            *tmpdir;
  PwStore         *store;
  PwWindow        *window;
  PwCustomersPage *page;
  const char      *park;
  char            *codes[2];
  char            *ids[2];
} Fixture;

#define wait_for(f, cond, data, what) \
  app_test_wait_for ((AppTestCondition) (cond), (f), (data), (what))

static gboolean
page_mapped (Fixture *f, gconstpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (f->page));
}

static GtkWidget *
find_named (GtkWidget *widget, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_tooltip (GtkWidget *widget, const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
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

static GtkWidget *
child (Fixture *f, const char *name)
{
  return app_test_template_child (f->page, PW_TYPE_CUSTOMERS_PAGE, name);
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
}

/* A button of the page bound to @action, found in its widget tree. */
static GtkWidget *
find_actionable (GtkWidget *widget, const char *action)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_actionable (c, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether the page's command @action may run now: a button follows its
 * action's enabled state, which the page takes from core's rules. */
static gboolean
action_enabled (Fixture *f, const char *action)
{
  GtkWidget *button = find_actionable (GTK_WIDGET (f->page), action);

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

/* Runs one of the page's commands as its button or key does; it must be enabled. */
static void
activate (Fixture *f, const char *action)
{
  g_assert_true (action_enabled (f, action));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), action, NULL));
}

/* The open form, which must be the one called @name. */
static GtkWidget *
form (Fixture *f, const char *name)
{
  GtkWindow *window = pw_customers_page_get_form (f->page);

  g_assert_nonnull (window);
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (window)), ==, name);
  return GTK_WIDGET (window);
}

static GtkWidget *
field (GtkWidget *form_window, const char *name)
{
  GtkWidget *widget = find_named (form_window, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
set_field (GtkWidget *form_window, const char *name, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (field (form_window, name)), text);
}

/* The error shown under a form's field, or NULL when none is. */
static const char *
field_error (GtkWidget *form_window, const char *name)
{
  g_autofree char *error_name = g_strconcat (name, "-error", NULL);
  GtkWidget *row = field (form_window, error_name);

  if (!gtk_widget_get_visible (row))
    return NULL;
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static gboolean
no_form (Fixture *f, gconstpointer data)
{
  return pw_customers_page_get_form (f->page) == NULL;
}

static void
save_form (Fixture *f, GtkWidget *form_window)
{
  click (field (form_window, "save"));
  wait_for (f, no_form, NULL, "the form to close");
}

static PwLeaseDialog *
find_lease_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (PW_IS_LEASE_DIALOG (window))
        return PW_LEASE_DIALOG (window);
    }
  return NULL;
}

static JsonObject *
only_row (Fixture *f, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, sql, NULL);
  const char *id;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = (const char *) sqlite3_column_text (stmt, 0);
  g_assert_nonnull (id);
  {
    g_autofree char *copy = g_strdup (id);
    g_autofree char *table = g_strdup (strstr (sql, "FROM ") + 5);

    *strchr (table, ' ') = '\0';
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    return pw_store_get_row (f->store, table, copy, NULL);
  }
}

/* Where the customer @name is in a list of customers by name after "None yet". */
static guint
customer_position (Fixture *f, const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
                                                   "SELECT count(*) FROM customer WHERE name < ?", NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return 1 + (guint) sqlite3_column_int64 (stmt, 0);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = NULL;
  guint n = 0;

  f->store = app_test_open_demo_ledger ("parkwise-test-customers-XXXXXX", &f->tmpdir);
  f->park = pw_ledger_first_park_id (f->store);
  g_assert_nonnull (f->park);
  spaces = pw_ledger_load_spaces (f->store, f->park, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < spaces->len && n < 2; i++)
    {
      PwSpace *space = g_ptr_array_index (spaces, i);

      /* free to let: the demo's leased spaces are held by its contracts */
      if (pw_space_get_leasable (space) && pw_space_get_chargeable_area (space) > 0
          && pw_space_get_status (space) == PW_SPACE_STATUS_AVAILABLE)
        {
          f->codes[n] = g_strdup (pw_space_get_code (space));
          f->ids[n] = g_strdup (pw_space_get_id (space));
          n++;
        }
    }
  g_assert_cmpuint (n, ==, 2);

  f->window = app_test_new_window (f->store);
  f->page = pw_window_get_customers_page (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "customers"));
  wait_for (f, page_mapped, NULL, "the Customers page to show");
}

/* A park of its own with no price policy yet: the demo park comes with one (a list
 * and a floor price, and rules for both roles on both measures, in use by its
 * quotes), so a policy drawn up from nothing is tried here. */
static void
fixture_set_up_bare (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PwMutation) park = pw_mutation_new_insert ("park", NULL);

  f->tmpdir = g_dir_make_tmp ("parkwise-test-policy-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->tmpdir, "ledger.db", NULL);
  f->store = pw_store_open (path, &error);
  g_assert_no_error (error);
  pw_ledger_attach (f->store);
  pw_mutation_set_string (park, "code", "TP");
  pw_mutation_set_string (park, "name", "Test Park");
  pw_mutation_set_string (park, "code_pattern", "{building}-{floor}-{seq:3}");
  pw_mutation_set_string (park, "currency", "CNY");
  pw_store_apply (f->store, park, &error);
  g_assert_no_error (error);
  f->park = pw_ledger_first_park_id (f->store);
  g_assert_nonnull (f->park);

  f->window = app_test_new_window (f->store);
  f->page = pw_window_get_customers_page (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "customers"));
  wait_for (f, page_mapped, NULL, "the Customers page to show");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  PwLeaseDialog *dialog = find_lease_dialog ();

  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  app_test_destroy_window (&f->window);
  g_clear_object (&f->store);
  for (guint i = 0; i < 2; i++)
    {
      g_free (f->codes[i]);
      g_free (f->ids[i]);
    }
  app_test_remove_tmpdir (&f->tmpdir);
}

static void
test_price_policy (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) park = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  GtkWidget *rule_form;

  /* a floor above the list is refused next to the floor price */
  gtk_editable_set_text (GTK_EDITABLE (child (f, "list_price_row")), "80");
  gtk_editable_set_text (GTK_EDITABLE (child (f, "floor_price_row")), "95.5");
  activate (f, "customer.save-prices");
  g_assert_true (gtk_widget_get_visible (child (f, "floor_price_error_row")));
  g_assert_false (gtk_widget_get_visible (child (f, "list_price_error_row")));
  park = pw_store_get_row (f->store, "park", f->park, &error);
  g_assert_null (pw_row_string (park, "list_price"));

  gtk_editable_set_text (GTK_EDITABLE (child (f, "list_price_row")), "100");
  gtk_editable_set_text (GTK_EDITABLE (child (f, "floor_price_row")), "60");
  activate (f, "customer.save-prices");
  g_assert_false (gtk_widget_get_visible (child (f, "floor_price_error_row")));
  g_clear_pointer (&park, json_object_unref);
  park = pw_store_get_row (f->store, "park", f->park, &error);
  g_assert_cmpstr (pw_row_string (park, "list_price"), ==, "100");
  g_assert_cmpstr (pw_row_string (park, "floor_price"), ==, "60");

  /* a rule: a discount above 10 % needs the asset manager */
  activate (f, "customer.new-rule");
  rule_form = form (f, "rule-form");
  set_field (rule_form, "threshold", "ten");
  click (field (rule_form, "save"));
  g_assert_nonnull (field_error (rule_form, "threshold"));
  g_assert_cmpint (pw_store_count (f->store, "approval_rule"), ==, 0);
  set_field (rule_form, "threshold", "10");
  save_form (f, rule_form);
  rules = pw_approval_rule_list (f->store, f->park, &error);
  g_assert_cmpuint (rules->len, ==, 1);
  g_assert_cmpstr (pw_row_string (rules->pdata[0], "metric"), ==, "discount_pct");
  g_assert_cmpstr (pw_row_string (rules->pdata[0], "threshold"), ==, "10");
  g_assert_cmpstr (pw_row_string (rules->pdata[0], "approver_role"), ==, "asset_manager");

  /* the rule's row edits it and removes it */
  {
    GtkWidget *row = find_named (child (f, "rules_group"), pw_row_string (rules->pdata[0], "id"));
    g_autoptr(GPtrArray) after = NULL;

    g_assert_nonnull (row);
    click (find_tooltip (row, "Edit Rule"));
    rule_form = form (f, "rule-form");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (rule_form, "threshold"))), ==, "10");
    set_field (rule_form, "threshold", "12.5");
    adw_combo_row_set_selected (ADW_COMBO_ROW (field (rule_form, "approver_role")), 1);
    save_form (f, rule_form);
    after = pw_approval_rule_list (f->store, f->park, &error);
    g_assert_cmpuint (after->len, ==, 1);
    g_assert_cmpstr (pw_row_string (after->pdata[0], "threshold"), ==, "12.5");
    g_assert_cmpstr (pw_row_string (after->pdata[0], "approver_role"), ==, "general_manager");
    row = find_named (child (f, "rules_group"), pw_row_string (after->pdata[0], "id"));
    click (find_tooltip (row, "Remove Rule"));
    g_assert_cmpint (pw_store_count (f->store, "approval_rule"), ==, 0);

    /* the removal's toast undoes it: the rule is back, as it was */
    {
      GtkWidget *undo = app_test_find_undo_button (GTK_WIDGET (f->page));
      g_autoptr(JsonObject) back = NULL;

      g_assert_nonnull (undo);
      g_signal_emit_by_name (undo, "clicked");
      g_assert_cmpint (pw_store_count (f->store, "approval_rule"), ==, 1);
      back = pw_store_get_row (f->store, "approval_rule", pw_row_string (after->pdata[0], "id"),
                               &error);
      g_assert_no_error (error);
      g_assert_cmpstr (pw_row_string (back, "threshold"), ==, "12.5");
    }
  }
}

/* The demo park shows its policy: list and floor prices, and the four rules. */
static void
test_demo_policy (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = pw_approval_rule_list (f->store, f->park, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "list_price_row"))), ==, "98.00");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (f, "floor_price_row"))), ==, "82.00");
  g_assert_cmpuint (rules->len, ==, 4);
  for (guint i = 0; i < rules->len; i++)
    g_assert_nonnull (find_named (child (f, "rules_group"), pw_row_string (rules->pdata[i], "id")));
  g_assert_cmpuint (g_list_model_get_n_items (pw_customers_page_get_customers (f->page)), ==,
                    pw_store_count (f->store, "customer"));
  g_assert_cmpint (pw_store_count (f->store, "customer"), ==, 25);
}

static void
test_customer_to_lease (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) customer = NULL;
  g_autoptr(JsonObject) contact = NULL;
  g_autoptr(JsonObject) prospect = NULL;
  g_autoptr(JsonObject) viewing = NULL;
  g_autoptr(JsonObject) quote = NULL;
  g_autoptr(JsonObject) contract = NULL;
  g_autoptr(GPtrArray) approvals = NULL;
  g_autofree char *expected_spaces = NULL;
  g_autofree char *space_json = NULL;
  g_autofree char *codes = g_strdup_printf ("%s, %s", f->codes[0], f->codes[1]);
  g_autofree char *lease_id = NULL;
  GtkWidget *w, *hint;
  PwLeaseDialog *dialog;
  JsonObject *approval;
  const char *quote_id;
  gint64 n_customers, n_contacts, n_viewings;
  g_autofree char *quote_sql = NULL;

  /* the demo park's rules ask the asset manager above 10 % off */
  n_customers = pw_store_count (f->store, "customer");
  n_contacts = pw_store_count (f->store, "contact");
  n_viewings = pw_store_count (f->store, "viewing");
  g_assert_cmpint (n_customers, >, 0);
  g_assert_true (pw_park_set_prices (f->store, f->park, "100", "60", &error));
  pw_customers_page_reload (f->page);

  /* a customer whose code fails its check character: a warning, and it is saved */
  activate (f, "customer.new");
  w = form (f, "customer-form");
  set_field (w, "name", "Minjiang Robotics Co., Ltd.");
  set_field (w, "uscc", "9135 0211 M000 0XUF 46");
  hint = field (w, "uscc-check");
  g_assert_true (gtk_widget_get_visible (hint));
  g_assert_true (gtk_widget_has_css_class (hint, "warning"));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (hint)), "Position 18"));
  set_field (w, "uscc", "91350100M000100Y43");
  g_assert_false (gtk_widget_has_css_class (hint, "warning"));
  set_field (w, "uscc", "91350211M0000XUF46");
  set_field (w, "industry", "Robotics");
  set_field (w, "tags", "anchor, export");
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (w, "risk_level")), 3);
  save_form (f, w);
  g_assert_nonnull (strstr (pw_customers_page_get_last_message (f->page), "Position 18"));
  customer = only_row (f, "SELECT id FROM customer WHERE name = 'Minjiang Robotics Co., Ltd.'");
  g_assert_cmpstr (pw_row_string (customer, "name"), ==, "Minjiang Robotics Co., Ltd.");
  g_assert_cmpstr (pw_row_string (customer, "uscc"), ==, "91350211M0000XUF46");
  g_assert_cmpstr (pw_row_string (customer, "tags"), ==, "[\"anchor\",\"export\"]");
  g_assert_cmpstr (pw_row_string (customer, "risk_level"), ==, "high");
  g_assert_cmpstr (pw_row_string (customer, "kind"), ==, "company");
  g_assert_cmpint (pw_store_count (f->store, "customer"), ==, n_customers + 1);
  g_assert_cmpuint (g_list_model_get_n_items (pw_customers_page_get_customers (f->page)), ==,
                    n_customers + 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f, "customer_name_label"))), ==,
                   "Minjiang Robotics Co., Ltd.");

  /* the search finds it by tag, and hides it for something else */
  gtk_editable_set_text (GTK_EDITABLE (child (f, "customer_search_entry")), "export");
  g_signal_emit_by_name (child (f, "customer_search_entry"), "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (pw_customers_page_get_customers (f->page)), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (child (f, "customer_search_entry")), "aviation");
  g_signal_emit_by_name (child (f, "customer_search_entry"), "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (pw_customers_page_get_customers (f->page)), ==, 0);
  g_assert_true (pw_customers_page_select_customer (f->page, pw_row_string (customer, "id")));

  /* a contact with a bad email: the error is under the email, nothing is saved */
  activate (f, "customer.add-contact");
  w = form (f, "contact-form");
  set_field (w, "name", "Li Lei");
  set_field (w, "role", "Facilities manager");
  set_field (w, "phone", "+86 591-8888 0000");
  set_field (w, "email", "li.lei@");
  click (field (w, "save"));
  g_assert_true (pw_customers_page_get_form (f->page) == GTK_WINDOW (w));
  g_assert_nonnull (field_error (w, "email"));
  g_assert_nonnull (strstr (field_error (w, "email"), "not an email address"));
  g_assert_null (field_error (w, "phone"));
  g_assert_true (gtk_widget_has_css_class (field (w, "email"), "error"));
  g_assert_cmpint (pw_store_count (f->store, "contact"), ==, n_contacts);
  set_field (w, "email", "li.lei@example.cn");
  save_form (f, w);
  contact = only_row (f, "SELECT id FROM contact WHERE name = 'Li Lei'");
  g_assert_cmpstr (pw_row_string (contact, "customer_id"), ==, pw_row_string (customer, "id"));
  g_assert_cmpstr (pw_row_string (contact, "email"), ==, "li.lei@example.cn");
  g_assert_nonnull (find_named (child (f, "contacts_group"), pw_row_string (contact, "id")));

  /* a prospect of the customer */
  activate (f, "customer.new-prospect");
  w = form (f, "prospect-form");
  set_field (w, "name", "Minjiang expansion");
  /* after "None yet", the customers by name */
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (w, "customer_id")),
                              customer_position (f, pw_row_string (customer, "name")));
  set_field (w, "agent", "Wang Fang");
  save_form (f, w);
  prospect = only_row (f, "SELECT id FROM prospect WHERE name = 'Minjiang expansion'");
  g_assert_cmpstr (pw_row_string (prospect, "customer_id"), ==, pw_row_string (customer, "id"));
  g_assert_cmpstr (pw_row_string (prospect, "stage"), ==, "lead");
  g_assert_cmpstr (pw_row_string (prospect, "agent"), ==, "Wang Fang");

  /* a viewing: a code the park lacks is named under the spaces */
  activate (f, "customer.log-viewing");
  w = form (f, "viewing-form");
  set_field (w, "date", "2031-03-02");
  set_field (w, "spaces", "NO-SUCH-ROOM");
  set_field (w, "notes", "Liked the loading bay");
  click (field (w, "save"));
  g_assert_nonnull (field_error (w, "spaces"));
  g_assert_nonnull (strstr (field_error (w, "spaces"), "NO-SUCH-ROOM"));
  g_assert_cmpint (pw_store_count (f->store, "viewing"), ==, n_viewings);
  set_field (w, "spaces", codes);
  save_form (f, w);
  viewing = only_row (f, "SELECT id FROM viewing WHERE notes = 'Liked the loading bay'");
  expected_spaces = g_strdup_printf ("[\"%s\",\"%s\"]", f->ids[0], f->ids[1]);
  g_assert_cmpstr (pw_row_string (viewing, "spaces"), ==, expected_spaces);
  g_assert_cmpstr (pw_row_string (viewing, "agent"), ==, "Wang Fang");
  g_clear_pointer (&prospect, json_object_unref);
  prospect = pw_store_get_row (f->store, "prospect", pw_row_string (viewing, "prospect_id"), &error);
  g_assert_cmpstr (pw_row_string (prospect, "stage"), ==, "viewing");

  /* a quote: the viewing's spaces and the park's list price to start from */
  activate (f, "customer.new-quote");
  w = form (f, "quote-form");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (w, "spaces"))), ==, codes);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (w, "list_price"))), ==, "100");
  set_field (w, "unit_rent", "85");
  hint = field (w, "discount");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (hint)), ==, "Discount 15.00 %");
  save_form (f, w);
  quote_sql = g_strdup_printf ("SELECT id FROM quote WHERE prospect_id = '%s'",
                               pw_row_string (prospect, "id"));
  quote = only_row (f, quote_sql);
  g_assert_cmpint (json_object_get_int_member (quote, "term_months"), ==, 36);
  g_assert_cmpint (json_object_get_int_member (quote, "rent_free_months"), ==, 0);

  /* the draft is changed by its own form, which starts from what it says */
  activate (f, "customer.edit-quote");
  w = form (f, "quote-form");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (w, "unit_rent"))), ==, "85");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (field (w, "discount"))), ==,
                   "Discount 15.00 %");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field (w, "rent_free_months")), 40);
  click (field (w, "save"));
  g_assert_nonnull (field_error (w, "rent_free_months"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field (w, "rent_free_months")), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field (w, "term_months")), 24);
  save_form (f, w);
  g_clear_pointer (&quote, json_object_unref);
  quote = only_row (f, quote_sql);
  g_assert_cmpint (json_object_get_int_member (quote, "version"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (quote, "term_months"), ==, 24);
  g_assert_cmpint (json_object_get_int_member (quote, "rent_free_months"), ==, 2);
  quote_id = pw_row_string (quote, "id");
  g_assert_cmpstr (pw_row_string (quote, "discount_pct"), ==, "15.00");
  g_assert_cmpstr (pw_row_string (quote, "list_price"), ==, "100");
  g_assert_cmpstr (pw_row_string (quote, "status"), ==, "draft");
  g_assert_cmpstr (pw_row_string (quote, "spaces"), ==, expected_spaces);
  g_assert_cmpstr (pw_customers_page_get_selected_quote (f->page), ==, quote_id);

  /* a draft needing approval: Create Lease is disabled (core's rule), saying why */
  g_assert_false (gtk_widget_get_sensitive (child (f, "create_lease_button")));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (child (f, "create_lease_button")), "Asset manager"));
  /* a draft is edited and submitted, not decided */
  g_assert_true (action_enabled (f, "customer.edit-quote"));
  g_assert_false (action_enabled (f, "customer.approve"));
  g_assert_false (action_enabled (f, "customer.reject"));

  activate (f, "customer.submit-quote");
  g_clear_pointer (&quote, json_object_unref);
  quote = pw_store_get_row (f->store, "quote", pw_customers_page_get_selected_quote (f->page), &error);
  quote_id = pw_row_string (quote, "id");
  g_assert_cmpstr (pw_row_string (quote, "status"), ==, "submitted");
  g_assert_false (gtk_widget_get_sensitive (child (f, "create_lease_button")));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (child (f, "create_lease_button")), "still needs"));
  /* submitted: decided, no longer edited or submitted */
  g_assert_false (action_enabled (f, "customer.submit-quote"));
  g_assert_false (action_enabled (f, "customer.edit-quote"));
  g_assert_true (action_enabled (f, "customer.approve"));

  /* a rejection without a comment is refused next to the comment */
  activate (f, "customer.reject");
  g_assert_true (gtk_widget_get_visible (child (f, "approval_comment_error_row")));
  g_clear_pointer (&quote, json_object_unref);
  quote = pw_store_get_row (f->store, "quote", pw_customers_page_get_selected_quote (f->page), &error);
  quote_id = pw_row_string (quote, "id");
  g_assert_cmpstr (pw_row_string (quote, "status"), ==, "submitted");

  gtk_editable_set_text (GTK_EDITABLE (child (f, "approval_comment_row")), "Anchor tenant; within budget");
  activate (f, "customer.approve");
  approvals = pw_quote_list_approvals (f->store, quote_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (approvals->len, ==, 1);
  approval = approvals->pdata[0];
  g_assert_cmpstr (pw_row_string (approval, "decision"), ==, "approved");
  g_assert_cmpstr (pw_row_string (approval, "approver_role"), ==, "asset_manager");
  g_assert_cmpstr (pw_row_string (approval, "comment"), ==, "Anchor tenant; within budget");
  g_assert_cmpstr (pw_row_string (approval, "actor"), ==, pw_store_get_actor (f->store));
  g_assert_nonnull (pw_row_string (approval, "decided_at"));
  g_assert_nonnull (find_named (child (f, "approvals_group"), pw_row_string (approval, "id")));
  g_clear_pointer (&quote, json_object_unref);
  quote = pw_store_get_row (f->store, "quote", pw_customers_page_get_selected_quote (f->page), &error);
  quote_id = pw_row_string (quote, "id");
  g_assert_cmpstr (pw_row_string (quote, "status"), ==, "approved");
  g_assert_false (gtk_widget_get_visible (child (f, "approve_button")));

  /* the lease from the quote: the dialog comes filled in from it */
  g_assert_false (action_enabled (f, "customer.approve"));
  activate (f, "customer.create-lease");
  dialog = find_lease_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (pw_lease_dialog_get_quote_id (dialog), ==, quote_id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (app_test_template_child (dialog, PW_TYPE_LEASE_DIALOG,
                                                                                 "rent_row"))), ==, "85");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (
                     app_test_template_child (dialog, PW_TYPE_LEASE_DIALOG, "rent_free_spin"))), ==, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (
                      app_test_template_child (dialog, PW_TYPE_LEASE_DIALOG, "customer_row"))), ==,
                    customer_position (f, pw_row_string (customer, "name")));
  {
    const char *start = gtk_editable_get_text (GTK_EDITABLE (app_test_template_child (dialog, PW_TYPE_LEASE_DIALOG,
                                                                                      "start_row")));
    const char *end = gtk_editable_get_text (GTK_EDITABLE (app_test_template_child (dialog, PW_TYPE_LEASE_DIALOG,
                                                                                    "end_row")));
    const char *spaces = gtk_label_get_text (GTK_LABEL (app_test_template_child (dialog, PW_TYPE_LEASE_DIALOG,
                                                                                 "spaces_label")));
    GDate date;
    char expected_end[16];

    g_date_clear (&date, 1);
    g_date_set_parse (&date, start);
    g_assert_true (g_date_valid (&date));
    g_date_add_months (&date, 24);
    g_date_subtract_days (&date, 1);
    g_snprintf (expected_end, sizeof expected_end, "%04u-%02u-%02u", g_date_get_year (&date),
                g_date_get_month (&date), g_date_get_day (&date));
    g_assert_cmpstr (end, ==, expected_end);
    g_assert_nonnull (strstr (spaces, f->codes[0]));
    g_assert_nonnull (strstr (spaces, f->codes[1]));
  }
  g_assert_true (pw_lease_dialog_get_preview (dialog, NULL, NULL, NULL, NULL));

  /* the draft keeps the quote and the customer */
  lease_id = pw_lease_dialog_create (dialog, &error);
  g_assert_no_error (error);
  contract = pw_store_get_row (f->store, "contract", lease_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_row_string (contract, "quote_id"), ==, quote_id);
  g_assert_cmpstr (pw_row_string (contract, "customer_id"), ==, pw_row_string (customer, "id"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* the quote names the lease drafted from it, and leads to it */
  pw_customers_page_reload (f->page);
  g_assert_cmpstr (pw_customers_page_get_selected_quote (f->page), ==, quote_id);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (f, "quote_lease_row"))),
                            pw_row_string (contract, "code")));
  click (child (f, "show_lease_button"));
  g_assert_cmpstr (pw_contracts_page_get_selected_id (pw_window_get_contracts_page (f->window)), ==, lease_id);
  g_assert_true (pw_window_get_contracts_page (f->window)
                 == (gpointer) adw_view_stack_get_visible_child (ADW_VIEW_STACK (
                      app_test_template_child (f->window, PW_TYPE_WINDOW, "view_stack"))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "customers"));
  wait_for (f, page_mapped, NULL, "the Customers page to show again");

  /* the prospect moves on by its form */
  activate (f, "customer.edit-prospect");
  w = form (f, "prospect-form");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (w, "name"))), ==, "Minjiang expansion");
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (w, "stage")), 4);
  save_form (f, w);
  g_clear_pointer (&prospect, json_object_unref);
  prospect = pw_store_get_row (f->store, "prospect", pw_row_string (viewing, "prospect_id"), &error);
  g_assert_cmpstr (pw_row_string (prospect, "stage"), ==, "won");
  g_assert_cmpstr (pw_row_string (prospect, "customer_id"), ==, pw_row_string (customer, "id"));

  /* the customer is edited from its page, the contact removed after asking */
  g_assert_true (pw_customers_page_select_customer (f->page, pw_row_string (customer, "id")));
  activate (f, "customer.edit-customer");
  w = form (f, "customer-form");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (w, "tags"))), ==, "anchor, export");
  set_field (w, "industry", "Industrial robots");
  save_form (f, w);
  g_clear_pointer (&customer, json_object_unref);
  customer = only_row (f, "SELECT id FROM customer WHERE name = 'Minjiang Robotics Co., Ltd.'");
  g_assert_cmpstr (pw_row_string (customer, "industry"), ==, "Industrial robots");
  g_assert_cmpstr (pw_row_string (customer, "uscc"), ==, "91350211M0000XUF46");
  g_assert_cmpint (json_object_get_int_member (customer, "version"), ==, 2);

  click (find_tooltip (find_named (child (f, "contacts_group"), pw_row_string (contact, "id")), "Remove Contact"));
  g_assert_nonnull (find_message_dialog ());
  adw_message_dialog_response (find_message_dialog (), "remove");
  g_assert_cmpint (pw_store_count (f->store, "contact"), ==, n_contacts);
}

static gboolean
contract_shown (Fixture *f, gconstpointer data)
{
  return g_strcmp0 (pw_contracts_page_get_selected_id (pw_window_get_contracts_page (f->window)),
                    data) == 0;
}

/* A customer's detail lists its contracts and the spaces they hold, as core has
 * them, and a contract's row opens it. */
static void
test_customer_leases (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) customers = pw_customer_list (f->store, f->park, &error);
  g_autoptr(GPtrArray) contracts = NULL;
  g_autoptr(GPtrArray) spaces = NULL;
  g_autofree char *today = pw_today_iso ();
  PwCustomerLeases *leases = PW_CUSTOMER_LEASES (child (f, "customer_leases"));
  const char *customer_id = NULL;
  PwCustomerContract *first;
  GtkWidget *row;

  g_assert_no_error (error);
  /* the first customer holding spaces */
  for (guint i = 0; i < customers->len && customer_id == NULL; i++)
    {
      const char *id = pw_row_string (customers->pdata[i], "id");

      g_clear_pointer (&spaces, g_ptr_array_unref);
      spaces = pw_customer_list_spaces (f->store, id, today, &error);
      g_assert_no_error (error);
      if (spaces->len > 0)
        customer_id = id;
    }
  g_assert_nonnull (customer_id);
  contracts = pw_customer_list_contracts (f->store, customer_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contracts->len, >, 0);

  g_assert_true (pw_customers_page_select_customer (f->page, customer_id));
  g_assert_cmpuint (pw_customer_leases_get_n_contracts (leases), ==, contracts->len);
  g_assert_cmpuint (pw_customer_leases_get_n_spaces (leases), ==, spaces->len);
  first = contracts->pdata[0];
  row = pw_customer_leases_get_contract_row (leases, 0);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), first->code));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), first->start_date));
  row = pw_customer_leases_get_space_row (leases, 0);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                   ((PwCustomerSpace *) spaces->pdata[0])->code));

  /* the contract's row opens it on the Contracts page */
  gtk_widget_activate (pw_customer_leases_get_contract_row (leases, 0));
  wait_for (f, contract_shown, first->id, "the contract to be shown");
}

static gboolean
widget_mapped (Fixture *f, gconstpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET ((gpointer) data));
}

static gboolean
leaflet_folded (Fixture *f, gconstpointer data)
{
  return adw_leaflet_get_folded (ADW_LEAFLET ((gpointer) data));
}

static gboolean
leaflet_shows (Fixture *f, gconstpointer data)
{
  const struct { AdwLeaflet *leaflet; GtkWidget *child; } *want = data;

  return adw_leaflet_get_visible_child (want->leaflet) == want->child
         && !adw_leaflet_get_child_transition_running (want->leaflet);
}


/* Nothing in any section needs more than 360 px: measured with a customer (its
 * contracts and spaces) and a prospect (its quotes and approvals) shown. */
static void
assert_fits (GtkWidget *page, const char *what)
{
  int min = 0, nat = 0;

  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  if (min > 360)
    g_error ("%s needs %d px with %s shown", G_OBJECT_TYPE_NAME (page), min, what);
}

/* The page on its own in a phone-sized window, found and driven through the
 * page interface and its actions: the list, then the detail with a way back. */
static void
test_narrow (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = pw_customers_page_new ();
  PwCustomersPage *narrow = PW_CUSTOMERS_PAGE (page);
  g_autoptr(GPtrArray) customers = pw_customer_list (f->store, f->park, &error);
  g_autoptr(GPtrArray) prospects = pw_prospect_list (f->store, f->park, &error);
  g_autoptr(PwStore) seen = NULL;
  g_autofree char *park = NULL;
  const char *stages[] = { "customers", "prospects", "policy" };
  AdwLeaflet *leaflet;
  GtkWidget *list, *detail;
  struct { AdwLeaflet *leaflet; GtkWidget *child; } want;
  const char *prospect_id = NULL;

  g_assert_no_error (error);
  g_assert_true (PW_IS_PAGE (page));
  pw_page_set_store (PW_PAGE (page), f->store);
  pw_page_set_park_id (PW_PAGE (page), f->park);
  g_object_get (page, "store", &seen, "park-id", &park, NULL);
  g_assert_true (seen == f->store);
  g_assert_cmpstr (park, ==, f->park);

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (f, widget_mapped, page, "the narrow page to show");
  g_assert_cmpuint (g_list_model_get_n_items (pw_customers_page_get_customers (narrow)), ==, customers->len);

  leaflet = ADW_LEAFLET (app_test_template_child (narrow, PW_TYPE_CUSTOMERS_PAGE, "customer_leaflet"));
  list = app_test_template_child (narrow, PW_TYPE_CUSTOMERS_PAGE, "customer_list_pane");
  detail = app_test_template_child (narrow, PW_TYPE_CUSTOMERS_PAGE, "customer_detail_stack");
  wait_for (f, leaflet_folded, leaflet, "the narrow page to fold");
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == list);

  /* choosing a customer shows its detail in place of the list, with a way back */
  g_assert_true (pw_customers_page_select_customer (narrow, pw_row_string (customers->pdata[0], "id")));
  want.leaflet = leaflet;
  want.child = detail;
  wait_for (f, leaflet_shows, &want, "the customer's detail");
  g_assert_true (gtk_widget_get_visible (app_test_template_child (narrow, PW_TYPE_CUSTOMERS_PAGE,
                                                                   "customer_back_button")));
  assert_fits (page, "a customer");
  g_assert_true (gtk_widget_activate_action (page, "customer.back", NULL));
  want.child = list;
  wait_for (f, leaflet_shows, &want, "the list of customers again");

  /* the prospect with the most quotes, and its first quote */
  for (guint i = 0, most = 0; i < prospects->len; i++)
    {
      const char *id = pw_row_string (prospects->pdata[i], "id");
      g_autoptr(GPtrArray) quotes = pw_quote_list (f->store, id, &error);

      g_assert_no_error (error);
      if (prospect_id == NULL || quotes->len > most)
        {
          prospect_id = id;
          most = quotes->len;
        }
    }
  g_assert_nonnull (prospect_id);
  g_assert_true (pw_customers_page_select_prospect (narrow, prospect_id));
  {
    g_autoptr(GPtrArray) quotes = pw_quote_list (f->store, prospect_id, &error);

    if (quotes->len > 0)
      g_assert_true (pw_customers_page_select_quote (narrow, pw_row_string (quotes->pdata[0], "id")));
  }
  want.leaflet = ADW_LEAFLET (app_test_template_child (narrow, PW_TYPE_CUSTOMERS_PAGE, "prospect_leaflet"));
  want.child = app_test_template_child (narrow, PW_TYPE_CUSTOMERS_PAGE, "prospect_detail_stack");
  wait_for (f, leaflet_shows, &want, "the prospect's detail");
  assert_fits (page, "a prospect and its quote");

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (app_test_template_child (narrow, PW_TYPE_CUSTOMERS_PAGE,
                                                                            "section_stack")), stages[i]);
      assert_fits (page, stages[i]);
    }

  /* every form fits too */
  {
    const char *forms[] = { "customer.new", "customer.new-prospect", "customer.log-viewing",
                            "customer.new-quote", "customer.new-rule" };

    for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
      {
        GtkWindow *form_window;

        g_assert_true (gtk_widget_activate_action (page, forms[i], NULL));
        form_window = pw_customers_page_get_form (narrow);
        g_assert_nonnull (form_window);
        assert_fits (GTK_WIDGET (form_window), forms[i]);
        gtk_window_destroy (form_window);
        g_assert_null (pw_customers_page_get_form (narrow));
      }
  }

  /* the page's find goes through the page interface */
  pw_page_focus_search (PW_PAGE (page));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  char *scratch = app_test_init (&argc, &argv);

  g_test_add ("/app/customers-page/price-policy", Fixture, NULL,
              fixture_set_up_bare, test_price_policy, fixture_tear_down);
  g_test_add ("/app/customers-page/demo-policy", Fixture, NULL,
              fixture_set_up, test_demo_policy, fixture_tear_down);
  g_test_add ("/app/customers-page/customer-leases", Fixture, NULL,
              fixture_set_up, test_customer_leases, fixture_tear_down);
  g_test_add ("/app/customers-page/narrow", Fixture, NULL,
              fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add ("/app/customers-page/customer-to-lease", Fixture, NULL,
              fixture_set_up, test_customer_to_lease, fixture_tear_down);

  return app_test_run (scratch);
}
