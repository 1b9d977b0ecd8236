/* test-statement-app.c — the customer's statement from the app: the Customers page's
 * Statement… button and the Billing page's ledger save it as PDF and print it
 * (docs/receivables.md, "Statements"), driven in-process through their actions
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (Xvfb in CI) and fails, rather than skips, without one. The lease is
 * written through core for 2040, after the demo park's own leases end. */
#define _GNU_SOURCE
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "app-test-util.h"
#include "pw-bill-run.h"
#include "pw-billing-page.h"
#include "pw-customer.h"
#include "pw-customer-leases.h"
#include "pw-customers-page.h"
#include "pw-document-print.h"
#include "pw-lease.h"
#include "pw-ledger.h"
#include "pw-window.h"

typedef struct {
  char          *tmpdir;
  PwStore       *store;
  PwWindow      *window;
  PwBillingPage *page;
  char          *park_id;
  char          *park_name;
} Fixture;

#define wait_for(f, cond, data, what) \
  app_test_wait_for ((AppTestCondition) (cond), (f), (data), (what))

static gboolean
page_loaded (Fixture *f, gconstpointer data)
{
  return pw_billing_page_is_loaded (f->page);
}

/* Statement Works leases an available office for 2040 at 100.00/m²/month (9 %
 * included); January and February 2040 are posted. Returns the customer's id. */
static char *
set_up_customer (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (f->store, f->park_id, &error);
  PwSpace *space = NULL;
  PwLeaseSpace lease_space;
  g_autofree char *area = NULL, *terms = NULL, *lease = NULL;
  char *customer;

  g_assert_no_error (error);
  json_object_set_string_member (fields, "kind", "company");
  json_object_set_string_member (fields, "name", "Statement Works");
  customer = pw_customer_add (f->store, f->park_id, fields, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < spaces->len && space == NULL; i++)
    {
      PwSpace *s = g_ptr_array_index (spaces, i);

      if (pw_space_get_status (s) == PW_SPACE_STATUS_AVAILABLE && pw_space_get_leasable (s)
          && pw_space_get_kind (s) == PW_SPACE_KIND_OFFICE && pw_space_get_chargeable_area (s) > 0)
        space = s;
    }
  g_assert_nonnull (space);
  lease_space.space_id = pw_space_get_id (space);
  lease_space.area = pw_space_get_chargeable_area (space);
  area = g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT, lease_space.area / 100,
                          lease_space.area % 100);
  terms = g_strdup_printf (
    "{ \"id\": \"C-ST-001\", \"currency\": \"CNY\", \"signed\": \"2039-12-01\", \"start\": \"2040-01-01\","
    "  \"end\": \"2040-12-31\", \"parties\": { \"landlord\": \"%s\", \"tenant\": \"T\" },"
    "  \"sellers\": [ { \"code\": \"LL\", \"name\": \"%s\" } ],"
    "  \"spaces\": [ { \"code\": \"%s\", \"area\": \"%s\" } ],"
    "  \"tax_codes\": [ { \"code\": \"lease9\", \"rate\": \"0.09\" } ],"
    "  \"charges\": [ { \"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\", \"tax_code\": \"lease9\","
    "                   \"unit_price\": \"100.00\", \"unit\": \"m2_month\", \"spaces\": [\"%s\"],"
    "                   \"anchor\": \"calendar\", \"frequency\": \"monthly\" } ] }",
    f->park_name, f->park_name, pw_space_get_code (space), area, pw_space_get_code (space));
  lease = pw_lease_create (f->store, f->park_id, "C-ST-001", customer, "2040-01-01", "2040-12-31",
                           &lease_space, 1, terms, &error);
  g_assert_no_error (error);
  g_assert_true (pw_lease_transition (f->store, lease, PW_CONTRACT_SUBMITTED, "2039-12-01", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, lease, PW_CONTRACT_APPROVED, "2039-12-01", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, lease, PW_CONTRACT_SIGNED, "2039-12-01", NULL, &error));
  g_assert_no_error (error);
  for (guint m = 1; m <= 2; m++)
    {
      g_autofree char *period = g_strdup_printf ("2040-%02u", m);
      g_autoptr(PwBillRun) run = pw_bill_run_post (f->store, f->park_id, period, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (run);
    }
  return customer;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) parks = NULL;
  g_autoptr(PwLedgerNode) park = NULL;
  AdwViewStack *stack;

  f->store = app_test_open_demo_ledger ("parkwise-test-statement-XXXXXX", &f->tmpdir);
  parks = pw_ledger_load_parks (f->store, &error);
  g_assert_no_error (error);
  park = g_list_model_get_item (parks, 0);
  f->park_id = g_strdup (pw_ledger_node_get_id (park));
  f->park_name = g_strdup (pw_ledger_node_get_name (park));
  f->window = app_test_new_window (f->store);
  stack = ADW_VIEW_STACK (app_test_template_child (f->window, PW_TYPE_WINDOW, "view_stack"));
  f->page = PW_BILLING_PAGE (adw_view_stack_get_child_by_name (stack, "billing"));
  g_assert_nonnull (f->page);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  app_test_destroy_window (&f->window);
  g_clear_object (&f->store);
  g_free (f->park_id);
  g_free (f->park_name);
  app_test_remove_tmpdir (&f->tmpdir);
}

/* A PDF of at least one page at @path */
static void
assert_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_nonnull (memmem (contents, length, "/Type /Page", 11));
}

/* The customer's detail shows Statement… once its ledger has entries; its Save as
 * PDF writes the statement (the toast names the file) and its Print exports one. On
 * the Billing page, the ledger of the ageing's customer has the same button, for the
 * ageing's date; without a ledger shown its actions are off. */
static void
test_statement_buttons (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = set_up_customer (f);
  g_autofree char *from_customers = g_build_filename (f->tmpdir, "customers.pdf", NULL);
  g_autofree char *printed = g_build_filename (f->tmpdir, "printed.pdf", NULL);
  g_autofree char *from_billing = g_build_filename (f->tmpdir, "billing.pdf", NULL);
  g_autoptr(GError) error = NULL;
  PwCustomersPage *customers;
  PwCustomerLeases *leases;
  GtkWidget *button;
  GMenuModel *menu;
  g_autofree char *first_action = NULL;

  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* the Customers page */
  customers = pw_window_get_customers_page (f->window);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "customers");
  pw_customers_page_reload (customers);
  g_assert_true (pw_customers_page_select_customer (customers, customer));
  leases = PW_CUSTOMER_LEASES (app_test_template_child (customers, PW_TYPE_CUSTOMERS_PAGE, "customer_leases"));
  button = pw_customer_leases_get_statement_button (leases);
  g_assert_true (GTK_IS_MENU_BUTTON (button));
  g_assert_true (gtk_widget_get_visible (button));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_ACTION, "s", &first_action));
  g_assert_cmpstr (first_action, ==, "customer.statement-pdf");
  /* beside All Bills, the detail still fits a phone's width */
  {
    int min = 0;

    gtk_widget_measure (GTK_WIDGET (customers), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
    g_assert_cmpint (min, <=, 360);
  }
  pw_document_set_next_save_path (from_customers);
  g_assert_true (gtk_widget_activate_action (button, first_action, NULL));
  assert_pdf (from_customers);
  g_assert_nonnull (strstr (pw_customers_page_get_last_message (customers), "customers.pdf"));
  /* printing it, exported to a file */
  g_assert_cmpint (pw_statement_print (GTK_WIDGET (customers), f->store, f->park_id, customer, "2040-03-15",
                                       GTK_PRINT_OPERATION_ACTION_EXPORT, printed, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  assert_pdf (printed);

  /* the Billing page's ledger */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "billing");
  wait_for (f, page_loaded, NULL, "the Billing page to load");
  pw_billing_page_show_section (f->page, "receivables");
  pw_billing_page_set_ageing (f->page, "2040-03-15", "customer");
  g_assert_true (pw_billing_page_activate_ageing_row (f->page, customer));
  g_assert_cmpint (pw_billing_page_get_ledger_balance (f->page), >, 0);
  pw_document_set_next_save_path (from_billing);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.statement-pdf", NULL));
  assert_pdf (from_billing);
  g_assert_nonnull (strstr (pw_billing_page_get_last_message (f->page), "billing.pdf"));
  g_unlink (from_customers);
  g_unlink (printed);
  g_unlink (from_billing);
}

int
main (int argc, char *argv[])
{
  char *scratch = app_test_init (&argc, &argv);

  g_test_add ("/app/statement/buttons", Fixture, NULL, fixture_set_up, test_statement_buttons,
              fixture_tear_down);
  return app_test_run (scratch);
}
