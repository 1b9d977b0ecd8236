/* test-billing-receivables.c — the Billing page's Receivables section and the
 * customer's balance on the Customers page, driven in-process through their actions
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (Xvfb in CI) and fails, rather than skips, without one. The leases
 * are written through core for 2040, after the demo park's own leases end, so that
 * the runs the page previews and posts hold only what the test made. */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "app-test-util.h"
#include "pw-bill-record.h"
#include "pw-billing-page.h"
#include "pw-customer.h"
#include "pw-customer-leases.h"
#include "pw-customers-page.h"
#include "pw-error.h"
#include "pw-json-item.h"
#include "pw-lease.h"
#include "pw-ledger.h"
#include "pw-window.h"

typedef AppTestBilling Fixture;

#define wait_for(f, cond, data, what) \
  app_test_wait_for ((AppTestCondition) (cond), (f), (data), (what))

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  app_test_billing_set_up (f, "parkwise-test-receivables-XXXXXX", 1, FALSE);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  app_test_billing_tear_down (f);
}

static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* The window has its new width and the ageing is laid out for it: as columns (@data
 * TRUE, on a wide window) or as the compact list. */
static gboolean
ageing_laid_out (Fixture *f, gconstpointer data)
{
  gboolean wide = GPOINTER_TO_INT (data);
  int width = gtk_widget_get_width (GTK_WIDGET (f->page));
  GtkWidget *name = pw_billing_page_get_ageing_cell (f->page, 0, 0);

  if (wide)
    return width >= 1000 && pw_billing_page_ageing_shows_columns (f->page)
           && name != NULL && gtk_widget_get_width (name) > 0;
  return width > 0 && width <= 360 && !pw_billing_page_ageing_shows_columns (f->page);
}

/* The ageing row of @key, or NULL. */
static JsonObject *
ageing_row (Fixture *f, const char *key)
{
  GListModel *rows = pw_billing_page_get_ageing_rows (f->page);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(PwJsonItem) item = g_list_model_get_item (rows, i);
      JsonObject *o = pw_json_item_get_object (item);

      if (g_strcmp0 (json_object_get_string_member (o, "key"), key) == 0)
        return o;
    }
  return NULL;
}

static gint64
bucket_sum (JsonObject *row)
{
  JsonArray *buckets = json_object_get_array_member (row, "buckets");
  gint64 sum = 0;

  for (guint i = 0; i < json_array_get_length (buckets); i++)
    sum += json_array_get_int_element (buckets, i);
  return sum;
}

static guint
n_entries_of_kind (Fixture *f, const char *kind)
{
  GListModel *entries = pw_billing_page_get_ledger_entries (f->page);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(PwJsonItem) item = g_list_model_get_item (entries, i);

      n += g_strcmp0 (pw_json_item_get_string (item, "kind"), kind) == 0;
    }
  return n;
}

/* A posted bill of January 2040, aged as of 2040-03-15: the customer's ageing row
 * and ledger hold its gross; a partial payment goes on the bill (the toast says
 * how), and the ageing row, the ledger's balance and the customer's detail on the
 * Customers page all drop by it. Refusals name their field and record nothing. */
static void
test_partial_payment (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = app_test_billing_customer (f, "Receivable Works");
  g_autofree char *lease = app_test_billing_signed_lease (f, "C-RECV-001", 0, customer);
  g_autofree char *payment = NULL;
  g_autofree char *half_text = NULL;
  g_autofree char *number = NULL;
  const PwBillRun *run;
  JsonObject *row;
  gint64 gross, half;
  AdwViewStack *stack;
  PwCustomersPage *customers;
  PwCustomerLeases *leases;
  gint64 overdue = -1;

  g_assert_nonnull (lease);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "billing");
  wait_for (f, app_test_billing_page_loaded, NULL, "the Billing page to load");
  pw_billing_page_show_section (f->page, "runs");
  pw_billing_page_set_run_form (f->page, "2040-01", NULL, "Receivable Works", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.post", NULL));
  run = pw_billing_page_get_run (f->page);
  g_assert_true (pw_billing_page_run_was_posted (f->page));
  g_assert_cmpuint (run->bills->len, ==, 1);
  number = g_strdup (((PwBillRunBill *) g_ptr_array_index (run->bills, 0))->number);
  gross = ((PwBillRunBill *) g_ptr_array_index (run->bills, 0))->gross;
  g_assert_cmpint (gross, >, 0);

  /* the ageing by customer as of a date after the bill was due */
  pw_billing_page_show_section (f->page, "receivables");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (f->page)));
  pw_billing_page_set_ageing (f->page, "2040-03-15", "customer");
  g_assert_null (pw_billing_page_get_ageing_error (f->page));
  row = ageing_row (f, customer);
  g_assert_nonnull (row);
  g_assert_cmpint (json_object_get_int_member (row, "total"), ==, gross);
  g_assert_cmpint (bucket_sum (row), ==, gross);
  /* not yet due on the first day of 2040: nothing of it in the ageing as of then */
  pw_billing_page_set_ageing (f->page, "2039-12-31", "customer");
  g_assert_null (ageing_row (f, customer));
  /* not a date: the error goes with the field */
  pw_billing_page_set_ageing (f->page, "2040-02-30", "customer");
  g_assert_nonnull (pw_billing_page_get_ageing_error (f->page));
  pw_billing_page_set_ageing (f->page, "2040-03-15", "customer");
  g_assert_null (pw_billing_page_get_ageing_error (f->page));

  /* a wide window shows the ageing as aligned columns: the titles and every row
   * put each amount at the same place and width */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 740);
  wait_for (f, ageing_laid_out, GINT_TO_POINTER (TRUE), "the ageing as columns at 1200 px");
  g_assert_true (pw_billing_page_ageing_shows_columns (f->page));
  g_assert_cmpuint (g_list_model_get_n_items (pw_billing_page_get_ageing_rows (f->page)), >=, 2);
  for (guint column = 0; column <= 6; column++)
    {
      graphene_rect_t title, first, second;

      g_assert_true (gtk_widget_compute_bounds (pw_billing_page_get_ageing_cell (f->page, -1, column),
                                                GTK_WIDGET (f->page), &title));
      g_assert_true (gtk_widget_compute_bounds (pw_billing_page_get_ageing_cell (f->page, 0, column),
                                                GTK_WIDGET (f->page), &first));
      g_assert_true (gtk_widget_compute_bounds (pw_billing_page_get_ageing_cell (f->page, 1, column),
                                                GTK_WIDGET (f->page), &second));
      g_assert_cmpfloat_with_epsilon (title.origin.x, first.origin.x, 0.5);
      g_assert_cmpfloat_with_epsilon (first.origin.x, second.origin.x, 0.5);
      g_assert_cmpfloat_with_epsilon (title.size.width, first.size.width, 0.5);
      g_assert_cmpfloat_with_epsilon (first.size.width, second.size.width, 0.5);
      g_assert_cmpfloat (first.size.width, >, 0);
      /* the columns go left to right */
      if (column > 0)
        {
          graphene_rect_t before;

          g_assert_true (gtk_widget_compute_bounds (pw_billing_page_get_ageing_cell (f->page, 0, column - 1),
                                                    GTK_WIDGET (f->page), &before));
          g_assert_cmpfloat (before.origin.x + before.size.width, <=, first.origin.x);
        }
    }
  {
    /* the customer's row holds its total in the last column */
    g_autofree char *total = NULL;
    GListModel *rows = pw_billing_page_get_ageing_rows (f->page);

    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(PwJsonItem) item = g_list_model_get_item (rows, i);

        if (g_strcmp0 (pw_json_item_get_string (item, "key"), customer) == 0)
          total = g_strdup (gtk_label_get_text (GTK_LABEL (pw_billing_page_get_ageing_cell (f->page, (int) i, 6))));
      }
    g_assert_nonnull (total);
    g_assert_nonnull (strstr (total, "."));
  }

  /* the row drills down to its bill and shows the customer's ledger */
  g_assert_true (pw_billing_page_activate_ageing_row (f->page, customer));
  {
    GListModel *bills = pw_billing_page_get_drill_bills (f->page);
    g_autoptr(PwJsonItem) first = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (bills), ==, 1);
    first = g_list_model_get_item (bills, 0);
    g_assert_cmpstr (pw_json_item_get_string (first, "number"), ==, number);
  }
  g_assert_cmpint (pw_billing_page_get_ledger_balance (f->page), ==, gross);
  g_assert_cmpuint (n_entries_of_kind (f, "bill"), ==, 1);
  g_assert_cmpuint (n_entries_of_kind (f, "payment"), ==, 0);

  /* refusals name their field and write nothing */
  payment = pw_billing_page_record_payment (f->page, "Receivable Works", "2040-02-10", "12.3.4",
                                            "transfer", NULL, NULL, &error);
  g_assert_null (payment);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "amount");
  g_clear_error (&error);
  payment = pw_billing_page_record_payment (f->page, "Nobody At All", "2040-02-10", "10.00",
                                            "transfer", NULL, NULL, &error);
  g_assert_null (payment);
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "customer");
  g_clear_error (&error);
  payment = pw_billing_page_record_payment (f->page, "Receivable Works", "2040-02-10", "10.00",
                                            "transfer", NULL, "LSP-B-NO-SUCH", &error);
  g_assert_null (payment);
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "designation");
  g_clear_error (&error);
  g_assert_cmpint (pw_billing_page_get_ledger_balance (f->page), ==, gross);

  /* a partial payment, naming the bill */
  half = gross / 2;
  half_text = g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT, half / 100, half % 100);
  payment = pw_billing_page_record_payment (f->page, "Receivable Works", "2040-02-10", half_text,
                                            "transfer", "BANK-REF-7", number, &error);
  g_assert_no_error (error);
  g_assert_nonnull (payment);
  g_assert_nonnull (strstr (pw_billing_page_get_last_message (f->page), number));
  g_assert_null (strstr (pw_billing_page_get_last_message (f->page), "unapplied"));
  row = ageing_row (f, customer);
  g_assert_nonnull (row);
  g_assert_cmpint (json_object_get_int_member (row, "total"), ==, gross - half);
  g_assert_cmpint (bucket_sum (row), ==, gross - half);
  g_assert_cmpint (pw_billing_page_get_ledger_balance (f->page), ==, gross - half);
  g_assert_cmpuint (n_entries_of_kind (f, "payment"), ==, 1);
  /* as of the day before it was paid, the ageing still holds the whole bill */
  pw_billing_page_set_ageing (f->page, "2040-02-09", "customer");
  row = ageing_row (f, customer);
  g_assert_nonnull (row);
  g_assert_cmpint (json_object_get_int_member (row, "total"), ==, gross);

  /* a bill of the drill-down opens in the Bills section */
  pw_billing_page_set_ageing (f->page, "2040-03-15", "customer");
  g_assert_true (pw_billing_page_activate_ageing_row (f->page, customer));
  {
    GtkListBox *list = NULL;
    g_autoptr(GPtrArray) queue = g_ptr_array_new ();

    g_ptr_array_add (queue, f->page);
    for (guint i = 0; i < queue->len && list == NULL; i++)
      {
        GtkWidget *w = queue->pdata[i];

        if (GTK_IS_LIST_BOX (w) && ADW_IS_PREFERENCES_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (w), 0))
            && gtk_list_box_get_row_at_index (GTK_LIST_BOX (w), 0) != NULL
            && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (w), 0))),
                          number) == 0)
          list = GTK_LIST_BOX (w);
        for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (queue, c);
      }
    g_assert_nonnull (list);
    g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 0));
    g_assert_nonnull (pw_billing_page_get_selected_bill (f->page));
    g_assert_cmpstr (pw_bill_record_get_number (pw_billing_page_get_selected_bill (f->page)), ==, number);
  }

  /* the Customers page shows the customer's balance and its bill */
  stack = ADW_VIEW_STACK (app_test_template_child (f->window, PW_TYPE_WINDOW, "view_stack"));
  customers = pw_window_get_customers_page (f->window);
  g_assert_nonnull (customers);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "customers");
  pw_customers_page_reload (customers);
  g_assert_true (pw_customers_page_select_customer (customers, customer));
  leases = PW_CUSTOMER_LEASES (app_test_template_child (customers, PW_TYPE_CUSTOMERS_PAGE, "customer_leases"));
  g_assert_cmpint (pw_customer_leases_get_balance (leases, &overdue), ==, gross - half);
  /* the bill is dated 2040: nothing of it is overdue today */
  g_assert_cmpint (overdue, ==, 0);
  g_assert_nonnull (pw_customer_leases_get_balance_text (leases));
  g_assert_cmpuint (pw_customer_leases_get_n_bills (leases), ==, 1);
  /* its button opens the Billing page on the customer's bills */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-customer-bills", "s",
                                             "Receivable Works"));
  g_assert_true (adw_view_stack_get_visible_child (stack) == GTK_WIDGET (f->page));
  g_assert_cmpuint (g_list_model_get_n_items (pw_billing_page_get_visible_bills (f->page)), ==, 1);
}


/* Posts and releases the January 2040 bill of a new customer "Credit Works"; returns
 * its number and *@gross. */
static char *
released_bill (Fixture *f, gint64 *gross)
{
  g_autofree char *customer = app_test_billing_customer (f, "Credit Works");
  g_autofree char *lease = app_test_billing_signed_lease (f, "C-CRED-001", 0, customer);
  const PwBillRun *run;
  char *number;

  g_assert_nonnull (lease);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "billing");
  wait_for (f, app_test_billing_page_loaded, NULL, "the Billing page to load");
  pw_billing_page_set_run_form (f->page, "2040-01", NULL, "Credit Works", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.post", NULL));
  run = pw_billing_page_get_run (f->page);
  g_assert_cmpuint (run->bills->len, ==, 1);
  number = g_strdup (((PwBillRunBill *) g_ptr_array_index (run->bills, 0))->number);
  *gross = ((PwBillRunBill *) g_ptr_array_index (run->bills, 0))->gross;
  pw_billing_page_show_section (f->page, "bills");
  pw_billing_page_set_bill_filters (f->page, NULL, -1, number);
  g_assert_true (pw_billing_page_select_bill (f->page, number));
  return number;
}

/* The button of the page that names @action: its sensitivity is the action's. */
static GtkWidget *
button_for (Fixture *f, const char *action)
{
  return app_test_find_action_button (GTK_WIDGET (f->page), action);
}

static const char *
note_status (Fixture *f, const char *number)
{
  GListModel *notes = pw_billing_page_get_credit_notes (f->page);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(PwJsonItem) item = g_list_model_get_item (notes, i);

      if (g_strcmp0 (pw_json_item_get_string (item, "number"), number) == 0)
        return g_intern_string (pw_json_item_get_string (item, "status"));
    }
  return NULL;
}

/* Credit notes from the bill's detail: none while the bill is a draft; one within the
 * park's approval amount is approved when written, one above it waits and is
 * approved (or rejected, with a comment) from the detail; more than what remains is
 * refused under the amount, and the ledger counts only approved notes. */
static void
test_credit_notes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rule = NULL;
  g_autofree char *bill = NULL;
  g_autofree char *small = NULL, *big = NULL, *rejected = NULL, *over = NULL, *over_text = NULL;
  g_autofree char *customer = NULL;
  gint64 gross = 0;
  GtkWindow *dialog;
  const char *shown = NULL;

  /* above 100.00 a credit note needs the asset manager's approval */
  rule = pw_approval_rule_add (f->store, f->park_id, "credit_amount", "100", "asset_manager", 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rule);
  bill = released_bill (f, &gross);
  g_assert_cmpint (gross, >, 30000);
  customer = g_strdup (pw_bill_record_get_customer_id (pw_billing_page_get_selected_bill (f->page)));

  /* a draft is corrected by cancelling it: no credit note yet */
  g_assert_false (gtk_widget_is_sensitive (button_for (f, "billing.credit-note")));
  g_assert_false (gtk_widget_is_sensitive (button_for (f, "billing.waive")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.release", NULL));
  g_assert_true (gtk_widget_is_sensitive (button_for (f, "billing.credit-note")));
  g_assert_true (gtk_widget_is_sensitive (button_for (f, "billing.waive")));
  g_assert_false (gtk_widget_is_sensitive (button_for (f, "billing.approve-credit")));
  g_assert_cmpuint (g_list_model_get_n_items (pw_billing_page_get_credit_notes (f->page)), ==, 0);

  /* within the approval amount: approved when written */
  small = pw_billing_page_add_credit_note (f->page, 1, "credit", "50.00", "Air conditioning out for two days",
                                           &error);
  g_assert_no_error (error);
  g_assert_nonnull (small);
  g_assert_cmpstr (note_status (f, small), ==, "approved");
  g_assert_nonnull (strstr (pw_billing_page_get_last_message (f->page), small));

  /* above it: pending, then approved by the role whose turn it is */
  big = pw_billing_page_add_credit_note (f->page, 1, "waiver", "200.00", "Goodwill", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (note_status (f, big), ==, "pending");
  g_assert_true (gtk_widget_is_sensitive (button_for (f, "billing.approve-credit")));
  g_assert_true (gtk_widget_is_sensitive (button_for (f, "billing.reject-credit")));
  pw_billing_page_set_ageing (f->page, "2040-03-15", "customer");
  g_assert_true (pw_billing_page_activate_ageing_row (f->page, customer));
  /* the pending note does not count yet */
  g_assert_cmpint (pw_billing_page_get_ledger_balance (f->page), ==, gross - 5000);
  g_assert_true (pw_billing_page_decide_credit_note (f->page, big, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (note_status (f, big), ==, "approved");
  g_assert_false (gtk_widget_is_sensitive (button_for (f, "billing.approve-credit")));
  pw_billing_page_set_ageing (f->page, "2040-03-15", "customer");
  g_assert_true (pw_billing_page_activate_ageing_row (f->page, customer));
  g_assert_cmpint (pw_billing_page_get_ledger_balance (f->page), ==, gross - 25000);

  /* a rejection needs a comment; then the note is rejected */
  rejected = pw_billing_page_add_credit_note (f->page, 1, "credit", "300.00", "Disputed", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (note_status (f, rejected), ==, "pending");
  g_assert_false (pw_billing_page_decide_credit_note (f->page, rejected, FALSE, "", &error));
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "comment");
  g_clear_error (&error);
  /* Reject Credit… asks for the comment: Reject is enabled once one is typed */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.reject-credit", NULL));
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
    AdwMessageDialog *ask = NULL;
    GtkWidget *entry = NULL;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
        ask = l->data;
    g_assert_nonnull (ask);
    entry = adw_message_dialog_get_extra_child (ask);
    entry = gtk_widget_get_first_child (entry);
    g_assert_true (GTK_IS_ENTRY (entry));
    g_assert_false (adw_message_dialog_get_response_enabled (ask, "reject"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "Not agreed");
    g_assert_true (adw_message_dialog_get_response_enabled (ask, "reject"));
    adw_message_dialog_response (ask, "reject");
  }
  g_assert_no_error (error);
  g_assert_cmpstr (note_status (f, rejected), ==, "rejected");
  g_assert_false (gtk_widget_is_sensitive (button_for (f, "billing.reject-credit")));

  /* more than what remains of the line: refused under the amount, nothing written */
  over_text = g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT,
                               (gross - 25000 + 1) / 100, (gross - 25000 + 1) % 100);
  over = pw_billing_page_add_credit_note (f->page, 1, "credit", over_text, "Too much", &error);
  g_assert_null (over);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "amount");
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (pw_billing_page_get_credit_notes (f->page)), ==, 3);
  /* no reason: refused under the reason */
  g_assert_null (pw_billing_page_add_credit_note (f->page, 1, "credit", "1.00", " ", &error));
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "reason");
  g_clear_error (&error);

  /* the window shows the same refusal under its field and stays open */
  dialog = pw_billing_page_open_credit_dialog (f->page, "credit");
  g_assert_nonnull (dialog);
  {
    int min = 0;

    /* it fits a phone's width */
    gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
    g_assert_cmpint (min, <=, 360);
  }
  adw_combo_row_set_selected (ADW_COMBO_ROW (pw_billing_page_get_credit_field (f->page, "line", NULL)), 1);
  gtk_editable_set_text (GTK_EDITABLE (pw_billing_page_get_credit_field (f->page, "amount", NULL)), over_text);
  gtk_editable_set_text (GTK_EDITABLE (pw_billing_page_get_credit_field (f->page, "reason", NULL)), "Too much");
  g_signal_emit_by_name (pw_billing_page_get_credit_field (f->page, "reason", NULL), "entry-activated");
  g_assert_nonnull (pw_billing_page_get_credit_field (f->page, "amount", &shown));
  g_assert_nonnull (shown);
  g_assert_true (gtk_widget_has_css_class (pw_billing_page_get_credit_field (f->page, "amount", NULL), "error"));
  /* the whole bill: what remains of it, then nothing remains */
  adw_combo_row_set_selected (ADW_COMBO_ROW (pw_billing_page_get_credit_field (f->page, "line", NULL)), 0);
  gtk_editable_set_text (GTK_EDITABLE (pw_billing_page_get_credit_field (f->page, "amount", NULL)), "");
  gtk_editable_set_text (GTK_EDITABLE (pw_billing_page_get_credit_field (f->page, "reason", NULL)), "Moved out");
  g_signal_emit_by_name (pw_billing_page_get_credit_field (f->page, "reason", NULL), "entry-activated");
  g_assert_null (pw_billing_page_get_credit_field (f->page, "amount", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (pw_billing_page_get_credit_notes (f->page)), ==, 4);
  g_assert_null (pw_billing_page_add_credit_note (f->page, 0, "credit", NULL, "Again", &error));
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "amount");
  g_clear_error (&error);
}

static int
min_width (Fixture *f)
{
  int min = 0;

  gtk_widget_measure (GTK_WIDGET (f->page), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

/* On a phone's width the section, with a ledger and the Record Payment window, fits
 * 360 px. */
static void
test_narrow (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = app_test_billing_customer (f, "Receivable Works");
  g_autofree char *lease = app_test_billing_signed_lease (f, "C-RECV-001", 0, customer);
  g_autofree char *payment = NULL;
  GtkWindow *dialog;
  int min = 0;

  g_assert_nonnull (lease);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 740);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "billing");
  wait_for (f, app_test_billing_page_loaded, NULL, "the Billing page to load");
  pw_billing_page_set_run_form (f->page, "2040-01", NULL, "Receivable Works", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.post", NULL));
  pw_billing_page_show_section (f->page, "receivables");
  pw_billing_page_set_ageing (f->page, "2040-03-15", "customer");
  payment = pw_billing_page_record_payment (f->page, "Receivable Works", "2040-02-10", "1.00",
                                            "cash", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pw_billing_page_activate_ageing_row (f->page, customer));
  settle ();
  g_assert_cmpint (min_width (f), <=, 360);
  /* at 360 px the ageing is the compact list, each row's buckets under its name */
  wait_for (f, ageing_laid_out, GINT_TO_POINTER (FALSE), "the ageing as a list at 360 px");
  g_assert_false (pw_billing_page_ageing_shows_columns (f->page));
  pw_billing_page_set_ageing (f->page, "2040-03-15", "building");
  settle ();
  g_assert_cmpint (min_width (f), <=, 360);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.record-payment", NULL));
  dialog = pw_billing_page_get_payment_dialog (f->page);
  g_assert_nonnull (dialog);
  settle ();
  gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, 360);
  /* the window: a bad amount is marked under its field and the window stays; a
   * good one is recorded and closes it */
  {
    g_autoptr(GPtrArray) queue = g_ptr_array_new ();
    g_autoptr(GPtrArray) entries = g_ptr_array_new ();
    GtkWidget *record = NULL;
    GtkWidget *amount;

    g_ptr_array_add (queue, dialog);
    for (guint i = 0; i < queue->len; i++)
      {
        GtkWidget *w = queue->pdata[i];

        if (ADW_IS_ENTRY_ROW (w))
          g_ptr_array_add (entries, w);
        /* the header bar's, not an entry row's apply button */
        if (GTK_IS_BUTTON (w) && gtk_widget_has_css_class (w, "suggested-action")
            && gtk_widget_get_ancestor (w, ADW_TYPE_HEADER_BAR) != NULL)
          record = w;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (queue, c);
      }
    /* customer, date paid, amount, reference, bills */
    g_assert_cmpuint (entries->len, ==, 5);
    g_assert_nonnull (record);
    /* the customer of the ledger shown, and today */
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entries->pdata[0])), ==, "Receivable Works");
    amount = entries->pdata[2];
    gtk_editable_set_text (GTK_EDITABLE (amount), "1.2.3");
    g_signal_emit_by_name (record, "clicked");
    g_assert_true (pw_billing_page_get_payment_dialog (f->page) == dialog);
    g_assert_true (gtk_widget_has_css_class (amount, "error"));
    /* nothing recorded */
    g_assert_cmpuint (n_entries_of_kind (f, "payment"), ==, 1);
    gtk_editable_set_text (GTK_EDITABLE (entries->pdata[1]), "2040-02-11");
    gtk_editable_set_text (GTK_EDITABLE (amount), "2.00");
    /* Enter in a field records */
    g_signal_emit_by_name (amount, "entry-activated");
    g_assert_null (pw_billing_page_get_payment_dialog (f->page));
  }
  g_assert_cmpuint (n_entries_of_kind (f, "payment"), ==, 2);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 740);
}

int
main (int argc, char *argv[])
{
  char *scratch = app_test_init (&argc, &argv);

  g_test_add ("/app/billing-receivables/partial-payment", Fixture, NULL,
              fixture_set_up, test_partial_payment, fixture_tear_down);
  g_test_add ("/app/billing-receivables/credit-notes", Fixture, NULL,
              fixture_set_up, test_credit_notes, fixture_tear_down);
  g_test_add ("/app/billing-receivables/narrow", Fixture, NULL,
              fixture_set_up, test_narrow, fixture_tear_down);

  return app_test_run (scratch);
}
