/* test-billing-page.c — the Billing page of the main window over a demo ledger, driven
 * in-process through its actions
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (Xvfb in CI) and fails, rather than skips, without one. The leases
 * are written through core for 2040, after the demo park's own leases end, so that
 * the runs the page previews and posts hold only what the test made. */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "app-test-util.h"
#include "pw-bill-notice.h"
#include "pw-bill-record.h"
#include "pw-billing-page.h"
#include "pw-customer.h"
#include "pw-lease.h"
#include "pw-ledger.h"
#include "pw-meter.h"
#include "pw-window.h"

typedef AppTestBilling Fixture;

#define wait_for(f, cond, data, what) \
  app_test_wait_for ((AppTestCondition) (cond), (f), (data), (what))

static void
exec_sql (Fixture *f, const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static guint
n_bills (Fixture *f, const char *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bills = pw_bill_list (f->store, f->park_id, "2040-01", status, &error);

  g_assert_no_error (error);
  return bills->len;
}

/* Two leases for January 2040: one of Orbit Labs, one whose contract lost its
 * customer (a record from before leases needed one), which is a problem. */
static void
make_leases (Fixture *f, char **problem_code)
{
  g_autofree char *orbit = app_test_billing_customer (f, "Orbit Labs");
  g_autofree char *other = app_test_billing_customer (f, "Nobody Ltd");
  g_autofree char *a = app_test_billing_signed_lease (f, "C-BILL-001", 0, orbit);
  g_autofree char *b = app_test_billing_signed_lease (f, "C-BILL-002", 1, other);
  g_autofree char *sql = g_strdup_printf ("UPDATE contract SET customer_id = NULL WHERE id = '%s'", b);

  g_assert_nonnull (a);
  exec_sql (f, sql);
  *problem_code = g_strdup ("C-BILL-002");
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  app_test_billing_set_up (f, "parkwise-test-billing-XXXXXX", 2, TRUE);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  app_test_billing_tear_down (f);
}

static void
show_page (Fixture *f, const char *section)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* nothing is loaded while the page is not in view */
  g_assert_false (pw_billing_page_is_loaded (f->page));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "billing");
  wait_for (f, app_test_billing_page_loaded, NULL, "the Billing page to load");
  pw_billing_page_show_section (f->page, section);
}

/* The button of the page that names @action: its sensitivity is the action's. */
static GtkWidget *
button_for (Fixture *f, const char *action)
{
  return app_test_find_action_button (GTK_WIDGET (f->page), action);
}

static gboolean
enabled (Fixture *f, const char *action)
{
  return gtk_widget_get_sensitive (button_for (f, action));
}

static gboolean
contains (GPtrArray *texts, const char *needle)
{
  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

/* Preview shows the bill with its lines, the totals per charge and tax rate and the
 * problems, and writes nothing; Post writes the bill and shows it; posting again
 * says nothing new was billed; a period that is not one is refused under its field. */
static void
test_preview_and_post (Fixture *f, gconstpointer data)
{
  g_autofree char *problem = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) totals = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const PwBillRun *run;
  PwBillRunBill *bill;
  PwSpace *space = NULL;
  gint64 gross;

  make_leases (f, &problem);
  show_page (f, "runs");
  /* the period is this month until the user says otherwise */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *month = g_date_time_format (now, "%Y-%m");

    g_assert_cmpstr (pw_billing_page_get_run_period (f->page), ==, month);
  }
  g_assert_true (enabled (f, "billing.preview"));
  pw_billing_page_set_run_form (f->page, "2040-01", NULL, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.preview", NULL));
  run = pw_billing_page_get_run (f->page);
  g_assert_nonnull (run);
  g_assert_false (pw_billing_page_run_was_posted (f->page));
  g_assert_null (run->run_id);
  g_assert_cmpuint (run->bills->len, ==, 1);
  bill = g_ptr_array_index (run->bills, 0);
  g_assert_cmpstr (bill->customer_name, ==, "Orbit Labs");
  g_assert_null (bill->number);
  g_assert_cmpuint (bill->lines->len, ==, 1);
  /* the chargeable area × 100.00 for the month, 9 % included */
  space = g_ptr_array_index (f->spaces, 0);
  gross = pw_space_get_chargeable_area (space) * 100;
  g_assert_cmpint (bill->gross, ==, gross);
  /* the problem is listed, naming its contract */
  problems = pw_billing_page_dup_run_rows (f->page, "problems");
  g_assert_cmpuint (problems->len, ==, run->problems->len);
  g_assert_cmpuint (problems->len, >=, 1);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < run->problems->len; i++)
      {
        PwBillRunProblem *p = g_ptr_array_index (run->problems, i);

        if (g_str_equal (p->what, "no_customer") && g_str_equal (p->contract_code, problem))
          found = contains (problems, p->message);
      }
    g_assert_true (found);
  }
  /* the totals per charge and tax rate, and the bill */
  totals = pw_billing_page_dup_run_rows (f->page, "totals");
  g_assert_cmpuint (totals->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (totals, 0), "Rent at 0.09"));
  rows = pw_billing_page_dup_run_rows (f->page, "bills");
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (rows, 0), ==, "Orbit Labs");
  g_assert_nonnull (strstr (pw_billing_page_get_run_summary (f->page), "Nothing is written yet"));
  /* a bill shows its lines, with their explanations, once opened */
  {
    g_autoptr(GPtrArray) queue = g_ptr_array_new ();
    AdwExpanderRow *expander = NULL;
    guint lines = 0;

    g_ptr_array_add (queue, f->page);
    for (guint i = 0; i < queue->len; i++)
      {
        GtkWidget *w = queue->pdata[i];

        if (ADW_IS_EXPANDER_ROW (w) && expander == NULL)
          expander = ADW_EXPANDER_ROW (w);
        for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (queue, c);
      }
    g_assert_nonnull (expander);
    adw_expander_row_set_expanded (expander, TRUE);
    g_ptr_array_set_size (queue, 0);
    g_ptr_array_add (queue, expander);
    for (guint i = 0; i < queue->len; i++)
      {
        GtkWidget *w = queue->pdata[i];

        if (ADW_IS_ACTION_ROW (w)
            && g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), "C-BILL-001 · Rent · 2040-01-01")
            && strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (w)), "100.00/m²/month") != NULL)
          lines++;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (queue, c);
      }
    g_assert_cmpuint (lines, ==, 1);
  }
  /* nothing written */
  g_assert_cmpuint (n_bills (f, NULL), ==, 0);

  /* Post writes the bill and shows its number */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.post", NULL));
  run = pw_billing_page_get_run (f->page);
  g_assert_true (pw_billing_page_run_was_posted (f->page));
  g_assert_nonnull (run->run_id);
  g_assert_cmpuint (run->bills->len, ==, 1);
  bill = g_ptr_array_index (run->bills, 0);
  g_assert_nonnull (bill->number);
  g_assert_cmpuint (n_bills (f, "draft"), ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pw_billing_page_dup_run_rows (f->page, "bills");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (rows, 0), bill->number));
  g_assert_nonnull (strstr (pw_billing_page_get_last_message (f->page), "Posted 1 bill for 2040-01"));

  /* the period's notices, a PDF per customer, into a folder */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *orbit = g_build_filename (f->tmpdir, "Orbit Labs.pdf", NULL);
    g_autofree char *contents = NULL;

    g_assert_true (enabled (f, "billing.save-period-notices"));
    g_assert_true (pw_billing_page_save_period_notices (f->page, f->tmpdir, FALSE, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (orbit, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF"));
    g_assert_nonnull (strstr (pw_billing_page_get_last_message (f->page), "Saved 1 file of payment notices for 2040-01"));
  }

  /* a second post bills nothing new, and says so */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.post", NULL));
  run = pw_billing_page_get_run (f->page);
  g_assert_null (run->run_id);
  g_assert_cmpuint (run->bills->len, ==, 0);
  g_assert_cmpuint (n_bills (f, NULL), ==, 1);
  g_assert_nonnull (strstr (pw_billing_page_get_last_message (f->page), "Nothing new was billed for 2040-01"));

  /* not a period: the error goes under the field, and nothing is run */
  g_assert_null (pw_billing_page_get_period_error (f->page));
  pw_billing_page_set_run_form (f->page, "2040-13", NULL, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.preview", NULL));
  g_assert_nonnull (pw_billing_page_get_period_error (f->page));
  g_assert_nonnull (strstr (pw_billing_page_get_period_error (f->page), "2040-13"));

  /* a filter: another customer's run finds nothing */
  pw_billing_page_set_run_form (f->page, "2040-02", NULL, "Somebody Else", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.preview", NULL));
  g_assert_null (pw_billing_page_get_period_error (f->page));
  g_assert_cmpuint (pw_billing_page_get_run (f->page)->bills->len, ==, 0);
  pw_billing_page_set_run_form (f->page, "2040-02", NULL, "Orbit Labs", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.preview", NULL));
  g_assert_cmpuint (pw_billing_page_get_run (f->page)->bills->len, ==, 1);

  /* a name with commas in it is chosen whole, alone or beside others */
  exec_sql (f, "UPDATE customer SET name = 'Orbit Labs (Suzhou) Co., Ltd.' WHERE name = 'Orbit Labs'");
  pw_billing_page_set_run_form (f->page, "2040-02", NULL, "Orbit Labs (Suzhou) Co., Ltd.", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.preview", NULL));
  g_assert_cmpuint (pw_billing_page_get_run (f->page)->bills->len, ==, 1);
  g_assert_cmpstr (((PwBillRunBill *) g_ptr_array_index (pw_billing_page_get_run (f->page)->bills, 0))->customer_name,
                   ==, "Orbit Labs (Suzhou) Co., Ltd.");
  pw_billing_page_set_run_form (f->page, "2040-02", NULL, "Somebody Else, Orbit Labs (Suzhou) Co., Ltd. ,", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.preview", NULL));
  g_assert_cmpuint (pw_billing_page_get_run (f->page)->bills->len, ==, 1);
  /* a piece of the name alone is no customer's name */
  pw_billing_page_set_run_form (f->page, "2040-02", NULL, "Ltd.", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.preview", NULL));
  g_assert_cmpuint (pw_billing_page_get_run (f->page)->bills->len, ==, 0);
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

static void
answer (const char *response)
{
  AdwMessageDialog *dialog = find_message_dialog ();

  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static PwBillStatus
stored_status (Fixture *f, const char *number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) bill = pw_bill_find (f->store, f->park_id, number, &error);

  g_assert_no_error (error);
  return pw_bill_status_from_string (json_object_get_string_member (bill, "status"));
}

static void
assert_moves (Fixture *f, gboolean hold, gboolean release, gboolean send, gboolean cancel)
{
  g_assert_cmpint (enabled (f, "billing.hold"), ==, hold);
  g_assert_cmpint (enabled (f, "billing.release"), ==, release);
  g_assert_cmpint (enabled (f, "billing.send"), ==, send);
  g_assert_cmpint (enabled (f, "billing.cancel"), ==, cancel);
}

/* The bill list and its detail; Hold, Release and Cancel through the actions, each
 * enabled as core's rules say for the status the bill is in; Cancel asks first. */
static void
test_bill_actions (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  g_autoptr(PwBillRun) posted = NULL;
  g_autofree char *number = NULL;
  g_autofree char *printed = g_build_filename (f->tmpdir, "notice.pdf", NULL);
  GListModel *visible;
  PwBillRecord *record;

  make_leases (f, &problem);
  posted = pw_bill_run_post (f->store, f->park_id, "2040-01", NULL, &error);
  g_assert_no_error (error);
  number = g_strdup (((PwBillRunBill *) g_ptr_array_index (posted->bills, 0))->number);
  show_page (f, "bills");

  /* the period and the search narrow the list */
  pw_billing_page_set_bill_filters (f->page, "2040-01", -1, NULL);
  visible = pw_billing_page_get_visible_bills (f->page);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  pw_billing_page_set_bill_filters (f->page, "2040-01", -1, "orbit");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  pw_billing_page_set_bill_filters (f->page, "2040-01", -1, "no such customer");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  pw_billing_page_set_bill_filters (f->page, "2040-01", PW_BILL_HELD, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  pw_billing_page_set_bill_filters (f->page, "2040-01", -1, NULL);

  /* nothing selected: no command */
  assert_moves (f, FALSE, FALSE, FALSE, FALSE);
  g_assert_false (enabled (f, "billing.print-notice"));
  g_assert_true (pw_billing_page_select_bill (f->page, number));
  record = pw_billing_page_get_selected_bill (f->page);
  g_assert_cmpstr (pw_bill_record_get_customer_name (record), ==, "Orbit Labs");
  g_assert_cmpuint (pw_billing_page_get_n_detail_lines (f->page), ==, 1);

  /* a draft may be held, released, sent or cancelled */
  assert_moves (f, TRUE, TRUE, TRUE, TRUE);
  g_assert_true (enabled (f, "billing.print-notice"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.hold", NULL));
  g_assert_cmpint (stored_status (f, number), ==, PW_BILL_HELD);
  g_assert_nonnull (strstr (pw_billing_page_get_last_message (f->page), "Held"));
  /* held: released or cancelled, not sent */
  assert_moves (f, FALSE, TRUE, FALSE, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.release", NULL));
  g_assert_cmpint (stored_status (f, number), ==, PW_BILL_RELEASED);
  assert_moves (f, TRUE, FALSE, TRUE, TRUE);

  /* the notice prints: one page */
  g_assert_cmpint (pw_billing_page_print_notice (f->page, GTK_PRINT_OPERATION_ACTION_EXPORT, printed, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  {
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (printed, &contents, &length, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF"));
  }

  /* Cancel asks; keeping the bill changes nothing */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.cancel", NULL));
  answer ("keep");
  g_assert_cmpint (stored_status (f, number), ==, PW_BILL_RELEASED);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.cancel", NULL));
  answer ("cancel-bill");
  g_assert_cmpint (stored_status (f, number), ==, PW_BILL_CANCELLED);
  /* a cancelled bill goes nowhere, and has no notice */
  assert_moves (f, FALSE, FALSE, FALSE, FALSE);
  g_assert_false (enabled (f, "billing.print-notice"));
  g_assert_false (enabled (f, "billing.save-notice"));
  pw_billing_page_set_bill_filters (f->page, "2040-01", PW_BILL_CANCELLED, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  /* an action whose rule says no does nothing */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.hold", NULL);
  g_assert_cmpint (stored_status (f, number), ==, PW_BILL_CANCELLED);
}

/* A sent bill is only corrected by a credit note: Mark Sent, then nothing moves it. */
static void
test_send (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  g_autoptr(PwBillRun) posted = NULL;
  const char *number;

  make_leases (f, &problem);
  posted = pw_bill_run_post (f->store, f->park_id, "2040-01", NULL, &error);
  g_assert_no_error (error);
  number = ((PwBillRunBill *) g_ptr_array_index (posted->bills, 0))->number;
  show_page (f, "bills");
  pw_billing_page_set_bill_filters (f->page, "2040-01", -1, NULL);
  g_assert_true (pw_billing_page_select_bill (f->page, number));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.send", NULL));
  g_assert_cmpint (stored_status (f, number), ==, PW_BILL_SENT);
  assert_moves (f, FALSE, FALSE, FALSE, FALSE);
  g_assert_true (enabled (f, "billing.print-notice"));
}

/* With PW_LAYOUT_SHOTS=DIR, the window is also saved as DIR/billing-NAME.png. */
static void
save_shot (Fixture *f, const char *name)
{
  const char *dir = g_getenv ("PW_LAYOUT_SHOTS");
  GtkWidget *widget = GTK_WIDGET (f->window);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  graphene_rect_t bounds;

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  graphene_rect_init (&bounds, 0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node, &bounds);
  file = g_strdup_printf ("%s/billing-%s.png", dir, name);
  gdk_texture_save_to_png (texture, file);
}

/* Lets the window lay out and paint for a moment (transitions included). */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static guint
n_park_bills (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bills = pw_bill_list (f->store, f->park_id, NULL, NULL, &error);

  g_assert_no_error (error);
  return bills->len;
}

/* A post from the Bill Runs section: the Bills list (all periods, no search) then
 * shows every bill of the park, the new ones among them, once the store's change is
 * taken in, and again when the section is shown. */
static void
test_post_shows_bills (Fixture *f, gconstpointer data)
{
  g_autofree char *problem = NULL;
  GListModel *visible;
  const PwBillRun *run;
  guint before;

  make_leases (f, &problem);
  show_page (f, "bills");
  visible = pw_billing_page_get_visible_bills (f->page);
  before = n_park_bills (f);
  g_assert_cmpuint (before, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, before);

  pw_billing_page_show_section (f->page, "runs");
  pw_billing_page_set_run_form (f->page, "2040-01", NULL, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.post", NULL));
  run = pw_billing_page_get_run (f->page);
  g_assert_cmpuint (run->bills->len, ==, 1);
  g_assert_cmpuint (n_park_bills (f), ==, before + 1);
  pw_billing_page_show_section (f->page, "bills");
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, before + 1);
  /* and the count says so: every bill, not "N of M" */
  {
    g_autofree char *count = g_strdup_printf ("%u bills", before + 1);
    g_autoptr(GPtrArray) queue = g_ptr_array_new ();
    guint found = 0;

    g_ptr_array_add (queue, f->page);
    for (guint i = 0; i < queue->len; i++)
      {
        GtkWidget *w = queue->pdata[i];

        if (GTK_IS_LABEL (w) && g_str_equal (gtk_label_get_text (GTK_LABEL (w)), count))
          found++;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (queue, c);
      }
    g_assert_cmpuint (found, ==, 1);
  }
  g_assert_true (pw_billing_page_select_bill (f->page,
                                              ((PwBillRunBill *) g_ptr_array_index (run->bills, 0))->number));
}

static int
min_width (Fixture *f)
{
  int min = 0;

  gtk_widget_measure (GTK_WIDGET (f->page), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

/* On a phone's width, a previewed run with its problems and the bill detail with its
 * commands still fit 360 px (test-layout measures the page as it opens). */
static void
test_narrow (Fixture *f, gconstpointer data)
{
  g_autofree char *problem = NULL;
  const char *number;

  make_leases (f, &problem);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 740);
  show_page (f, "runs");
  pw_billing_page_set_run_form (f->page, "2040-01", NULL, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.preview", NULL));
  settle ();
  g_assert_cmpint (min_width (f), <=, 360);
  save_shot (f, "preview-360");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.post", NULL));
  number = ((PwBillRunBill *) g_ptr_array_index (pw_billing_page_get_run (f->page)->bills, 0))->number;
  pw_billing_page_show_section (f->page, "bills");
  pw_billing_page_reload (f->page);
  g_assert_true (pw_billing_page_select_bill (f->page, number));
  settle ();
  g_assert_cmpint (min_width (f), <=, 360);
  save_shot (f, "list-360");
  /* the detail, as a narrow window shows it once a bill is chosen */
  {
    g_autoptr(GPtrArray) queue = g_ptr_array_new ();
    AdwLeaflet *leaflet = NULL;

    g_ptr_array_add (queue, f->page);
    for (guint i = 0; i < queue->len && leaflet == NULL; i++)
      {
        GtkWidget *w = queue->pdata[i];

        if (ADW_IS_LEAFLET (w))
          leaflet = ADW_LEAFLET (w);
        for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (queue, c);
      }
    g_assert_nonnull (leaflet);
    g_assert_true (adw_leaflet_get_folded (leaflet));
    adw_leaflet_set_visible_child_name (leaflet, "detail");
    settle ();
    g_assert_cmpint (min_width (f), <=, 360);
    save_shot (f, "detail-360");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.show-list", NULL));
    g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
  }
  /* the meter round's form and list */
  pw_billing_page_show_section (f->page, "meters");
  settle ();
  g_assert_cmpint (min_width (f), <=, 360);
  save_shot (f, "meters-360");
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 740);
  settle ();
  save_shot (f, "bills-1200");
}

/* ---- the Meters section ---- */

/* Meter @code of the park, last in the round (after the demo's meters), on the
 * first office, with a 4-digit dial and a reading of @total on 2040-01-01. */
static void
add_meter (Fixture *f, const char *code, gint64 route_order, const char *total)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) spec = json_object_new ();
  g_autoptr(JsonObject) values = json_object_new ();
  g_autofree char *id = NULL;
  g_autofree char *reading = NULL;

  json_object_set_string_member (spec, "code", code);
  json_object_set_string_member (spec, "kind", "electricity");
  json_object_set_string_member (spec, "location",
                                 pw_space_get_code (g_ptr_array_index (f->spaces, 0)));
  json_object_set_int_member (spec, "digits", 4);
  json_object_set_int_member (spec, "route_order", route_order);
  id = pw_meter_add (f->store, f->park_id, spec, &error);
  g_assert_no_error (error);
  json_object_set_string_member (values, "total", total);
  reading = pw_meter_reading_add (f->store, f->park_id, code, "2040-01-01", values, FALSE, FALSE,
                                  PW_READING_FROM_HAND, &error);
  g_assert_no_error (error);
}

/* The last reading of meter @code as core lists it: "date total rollover". */
static char *
last_reading (Fixture *f, const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) meters = pw_meter_list (f->store, f->park_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (meters); i++)
    {
      JsonObject *m = json_array_get_object_element (meters, i);
      JsonObject *r;

      if (g_strcmp0 (json_object_get_string_member (m, "code"), code) != 0)
        continue;
      r = json_object_get_object_member (m, "last_reading");
      return g_strdup_printf ("%s %s %s", json_object_get_string_member (r, "date"),
                              json_object_get_string_member (json_object_get_object_member (r, "values"),
                                                             "total"),
                              json_object_get_boolean_member (r, "rollover") ? "rollover" : "-");
    }
  g_assert_not_reached ();
  return NULL;
}

/* Types @text into the form's @field and presses Enter in it. */
static void
type_and_enter (Fixture *f, const char *field, const char *text)
{
  GtkWidget *row = pw_billing_page_get_reading_field (f->page, field);
  GtkEditable *delegate;

  g_assert_nonnull (row);
  delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));
  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  /* Enter in the entry: GtkText's Enter binding emits "activate" */
  g_assert_true (GTK_IS_TEXT (delegate));
  g_signal_emit_by_name (delegate, "activate");
}

static const char *
selected_meter (Fixture *f)
{
  PwMeterRecord *record = pw_billing_page_get_selected_meter (f->page);

  return record != NULL ? pw_meter_record_get_code (record) : NULL;
}

/* A round of two meters typed with Enter, each going to the next in route order;
 * a lower reading refused under the total, then saved as a rollover once
 * confirmed; an import whose preview lists a bad row, cancelled, writes nothing. */
static void
test_meter_round (Fixture *f, gconstpointer data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GListModel *meters;
  guint n;

  add_meter (f, "ZZ-E1", 900001, "900");
  add_meter (f, "ZZ-E2", 900002, "50");
  show_page (f, "meters");
  meters = pw_billing_page_get_meters (f->page);
  n = g_list_model_get_n_items (meters);
  g_assert_cmpuint (n, >=, 2);
  /* route order: the two come last, in their order */
  {
    g_autoptr(PwMeterRecord) a = g_list_model_get_item (meters, n - 2);
    g_autoptr(PwMeterRecord) b = g_list_model_get_item (meters, n - 1);

    g_assert_cmpstr (pw_meter_record_get_code (a), ==, "ZZ-E1");
    g_assert_cmpstr (pw_meter_record_get_code (b), ==, "ZZ-E2");
    g_assert_cmpstr (pw_meter_record_get_last_total (a), ==, "900");
    g_assert_cmpstr (pw_meter_record_get_last_date (a), ==, "2040-01-01");
  }

  /* the round */
  g_assert_true (pw_billing_page_select_meter (f->page, "ZZ-E1"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pw_billing_page_get_reading_field (f->page, "date"))),
                   ==, today);
  gtk_editable_set_text (GTK_EDITABLE (pw_billing_page_get_reading_field (f->page, "date")), "2040-02-01");
  type_and_enter (f, "total", "950");
  g_assert_cmpstr (pw_billing_page_get_reading_error (f->page, "total"), ==, NULL);
  g_assert_cmpstr (selected_meter (f), ==, "ZZ-E2");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (
    GTK_EDITABLE (pw_billing_page_get_reading_field (f->page, "total"))))));
  /* the date is the round's */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pw_billing_page_get_reading_field (f->page, "date"))),
                   ==, "2040-02-01");
  type_and_enter (f, "total", "80");
  {
    g_autofree char *e1 = last_reading (f, "ZZ-E1");
    g_autofree char *e2 = last_reading (f, "ZZ-E2");

    g_assert_cmpstr (e1, ==, "2040-02-01 950 -");
    g_assert_cmpstr (e2, ==, "2040-02-01 80 -");
  }

  /* a lower reading: refused under the total, nothing written, then confirmed */
  g_assert_true (pw_billing_page_select_meter (f->page, "ZZ-E1"));
  g_assert_false (enabled (f, "billing.confirm-rollover"));
  gtk_editable_set_text (GTK_EDITABLE (pw_billing_page_get_reading_field (f->page, "date")), "2040-03-01");
  type_and_enter (f, "total", "20");
  g_assert_nonnull (pw_billing_page_get_reading_error (f->page, "total"));
  g_assert_nonnull (strstr (pw_billing_page_get_reading_error (f->page, "total"), "950"));
  g_assert_cmpstr (selected_meter (f), ==, "ZZ-E1");
  {
    g_autofree char *e1 = last_reading (f, "ZZ-E1");

    g_assert_cmpstr (e1, ==, "2040-02-01 950 -");
  }
  g_assert_true (enabled (f, "billing.confirm-rollover"));
  g_assert_false (enabled (f, "billing.confirm-reading"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.confirm-rollover", NULL));
  {
    g_autofree char *e1 = last_reading (f, "ZZ-E1");

    g_assert_cmpstr (e1, ==, "2040-03-01 20 rollover");
  }
  g_assert_cmpstr (selected_meter (f), ==, "ZZ-E2");
  g_assert_false (enabled (f, "billing.confirm-rollover"));

  /* an unusual reading (far above the median of its history) is confirmed, then saved */
  {
    g_autoptr(GError) error = NULL;
    static const char *const months[] = { "2040-02-01", "2040-03-01", "2040-04-01", "2040-05-01",
                                          "2040-06-01" };
    g_autofree char *e3 = NULL;

    add_meter (f, "ZZ-E3", 900003, "100");
    for (guint i = 0; i < G_N_ELEMENTS (months); i++)
      {
        g_autoptr(JsonObject) values = json_object_new ();
        g_autofree char *total = g_strdup_printf ("%u", 200 + 100 * i);
        g_autofree char *id = NULL;

        json_object_set_string_member (values, "total", total);
        id = pw_meter_reading_add (f->store, f->park_id, "ZZ-E3", months[i], values, FALSE, FALSE,
                                   PW_READING_FROM_HAND, &error);
        g_assert_no_error (error);
      }
    pw_billing_page_reload (f->page);
    g_assert_true (pw_billing_page_select_meter (f->page, "ZZ-E3"));
    gtk_editable_set_text (GTK_EDITABLE (pw_billing_page_get_reading_field (f->page, "date")), "2040-07-01");
    type_and_enter (f, "total", "2600");   /* 2,000 used against a median of 100 */
    g_assert_nonnull (pw_billing_page_get_reading_error (f->page, "total"));
    g_assert_true (enabled (f, "billing.confirm-reading"));
    g_assert_false (enabled (f, "billing.confirm-rollover"));
    e3 = last_reading (f, "ZZ-E3");
    g_assert_cmpstr (e3, ==, "2040-06-01 600 -");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "billing.confirm-reading", NULL));
    g_clear_pointer (&e3, g_free);
    e3 = last_reading (f, "ZZ-E3");
    g_assert_cmpstr (e3, ==, "2040-07-01 2600 -");
    g_assert_null (pw_billing_page_get_reading_error (f->page, "total"));
  }

  /* the demo's time-of-use meter gets a field per register */
  {
    g_autoptr(PwMeterRecord) tou = NULL;
    const char *const *registers;

    for (guint i = 0; i < g_list_model_get_n_items (meters) && tou == NULL; i++)
      {
        g_autoptr(PwMeterRecord) record = g_list_model_get_item (meters, i);

        registers = pw_meter_record_get_registers (record);
        if (registers != NULL && registers[0] != NULL)
          tou = g_steal_pointer (&record);
      }
    g_assert_nonnull (tou);
    registers = pw_meter_record_get_registers (tou);
    g_assert_true (pw_billing_page_select_meter (f->page, pw_meter_record_get_code (tou)));
    g_assert_nonnull (pw_billing_page_get_reading_field (f->page, "total"));
    for (guint r = 0; registers[r] != NULL; r++)
      g_assert_nonnull (pw_billing_page_get_reading_field (f->page, registers[r]));
  }

  /* an import with a bad row: the preview lists it; cancelled, nothing is written */
  {
    static const char csv[] = "meter,date,value\n"
                              "ZZ-E1,2040-04-01,120\n"
                              "NO-SUCH-METER,2040-04-01,5\n";
    g_autoptr(GBytes) bytes = g_bytes_new_static (csv, sizeof csv - 1);
    g_autoptr(GError) error = NULL;
    guint n_problems = 0;
    AdwMessageDialog *dialog;
    g_autofree char *e1 = NULL;

    g_assert_true (enabled (f, "billing.import-readings"));
    dialog = pw_billing_page_preview_reading_import (f->page, bytes, "round.csv", &n_problems, &error);
    g_assert_no_error (error);
    g_assert_nonnull (dialog);
    g_assert_cmpuint (n_problems, ==, 1);
    g_assert_true (adw_message_dialog_has_response (dialog, "import-good"));
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "import-good"));
    g_assert_false (adw_message_dialog_has_response (dialog, "import"));
    /* the bad row is listed with its line */
    {
      g_autoptr(GPtrArray) queue = g_ptr_array_new ();
      gboolean found = FALSE;

      g_ptr_array_add (queue, adw_message_dialog_get_extra_child (dialog));
      for (guint i = 0; i < queue->len && !found; i++)
        {
          GtkWidget *w = queue->pdata[i];

          found = ADW_IS_ACTION_ROW (w)
                  && g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), "Line 3");
          for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
            g_ptr_array_add (queue, c);
        }
      g_assert_true (found);
    }
    adw_message_dialog_response (dialog, "cancel");
    e1 = last_reading (f, "ZZ-E1");
    g_assert_cmpstr (e1, ==, "2040-03-01 20 rollover");
  }
}


static JsonObject *
meter_listed (Fixture *f, const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) meters = pw_meter_list (f->store, f->park_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (meters); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (meters, i), "code"), code) == 0)
      return json_object_ref (json_array_get_object_element (meters, i));
  return NULL;
}

/* Add Meter… records a time-of-use meter with its multiplier from CT and PT, its
 * registers, master meter and space; a field core refuses is marked under it and
 * the window stays. Replace Meter… records the old meter's final and the new one's
 * opening reading, with its serial; a final reading below the last one is refused
 * under the final total. */
static void
test_meter_add_replace (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonObject) added = NULL;
  g_autoptr(JsonObject) replaced = NULL;
  const char *space = pw_space_get_code (g_ptr_array_index (f->spaces, 0));
  JsonArray *registers;
  GtkWindow *dialog;
  gint64 multiplier = 0;

  add_meter (f, "ZZ-E1", 900001, "900");
  show_page (f, "meters");
  g_assert_true (gtk_widget_is_sensitive (button_for (f, "billing.add-meter")));

  dialog = pw_billing_page_open_meter_dialog (f->page, FALSE);
  g_assert_nonnull (dialog);
  {
    int min = 0;

    /* it fits a phone's width */
    gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
    g_assert_cmpint (min, <=, 360);
  }
  g_assert_true (pw_billing_page_set_meter_field (f->page, "code", "ZZ-TOU"));
  g_assert_true (pw_billing_page_set_meter_field (f->page, "kind", "electricity"));
  g_assert_true (pw_billing_page_set_meter_field (f->page, "location", space));
  g_assert_true (pw_billing_page_set_meter_field (f->page, "serial", "SN-7781"));
  g_assert_true (pw_billing_page_set_meter_field (f->page, "ct", "200/5"));
  g_assert_true (pw_billing_page_set_meter_field (f->page, "pt", "10000/100"));
  g_assert_true (pw_billing_page_set_meter_field (f->page, "registers", "peak, valley"));
  g_assert_true (pw_billing_page_set_meter_field (f->page, "master", "E-T1-MAIN"));
  g_assert_true (pw_billing_page_set_meter_field (f->page, "spaces", space));
  g_assert_true (pw_billing_page_set_meter_field (f->page, "route_order", "900005"));
  /* not a number of digits: marked under it, nothing written */
  g_assert_true (pw_billing_page_set_meter_field (f->page, "digits", "six"));
  g_assert_false (pw_billing_page_submit_meter_dialog (f->page));
  g_assert_nonnull (pw_billing_page_get_meter_field_error (f->page, "digits"));
  g_assert_null (meter_listed (f, "ZZ-TOU"));
  /* a location that is no space, floor or building of the park: marked there */
  g_assert_true (pw_billing_page_set_meter_field (f->page, "digits", "6"));
  g_assert_true (pw_billing_page_set_meter_field (f->page, "location", "NO-SUCH-PLACE"));
  g_assert_false (pw_billing_page_submit_meter_dialog (f->page));
  g_assert_nonnull (pw_billing_page_get_meter_field_error (f->page, "location"));
  g_assert_null (pw_billing_page_get_meter_field_error (f->page, "digits"));
  g_assert_null (meter_listed (f, "ZZ-TOU"));
  g_assert_true (pw_billing_page_set_meter_field (f->page, "location", space));
  g_assert_true (pw_billing_page_submit_meter_dialog (f->page));
  g_assert_null (pw_billing_page_get_meter_field_error (f->page, "location"));
  added = meter_listed (f, "ZZ-TOU");
  g_assert_nonnull (added);
  /* CT 200/5 × PT 10000/100 */
  g_assert_true (g_ascii_string_to_signed (json_object_get_string_member (added, "multiplier"), 10, 0,
                                           G_MAXINT64, &multiplier, NULL));
  g_assert_cmpint (multiplier, ==, 4000);
  g_assert_cmpint (json_object_get_int_member (added, "digits"), ==, 6);
  registers = json_object_get_array_member (added, "registers");
  g_assert_cmpuint (json_array_get_length (registers), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (registers, 0), ==, "peak");
  g_assert_cmpstr (json_object_get_string_member (added, "master"), ==, "E-T1-MAIN");
  g_assert_cmpstr (json_object_get_string_member (added, "serial"), ==, "SN-7781");
  /* the list shows it, selected */
  g_assert_cmpstr (selected_meter (f), ==, "ZZ-TOU");
  g_assert_nonnull (strstr (pw_billing_page_get_last_message (f->page), "ZZ-TOU"));

  /* Replace Meter… of ZZ-E1, last read 900 */
  g_assert_true (pw_billing_page_select_meter (f->page, "ZZ-E1"));
  g_assert_true (gtk_widget_is_sensitive (button_for (f, "billing.replace-meter")));
  dialog = pw_billing_page_open_meter_dialog (f->page, TRUE);
  g_assert_nonnull (dialog);
  g_assert_true (pw_billing_page_set_meter_field (f->page, "date", "2040-01-20"));
  g_assert_true (pw_billing_page_set_meter_field (f->page, "final.total", "800"));
  g_assert_true (pw_billing_page_set_meter_field (f->page, "opening.total", "0"));
  g_assert_true (pw_billing_page_set_meter_field (f->page, "serial", "SN-NEW-1"));
  /* below the last reading: refused under the final total */
  g_assert_false (pw_billing_page_submit_meter_dialog (f->page));
  g_assert_nonnull (pw_billing_page_get_meter_field_error (f->page, "final.total"));
  replaced = meter_listed (f, "ZZ-E1");
  g_assert_cmpstr (json_object_get_string_member (replaced, "serial"), !=, "SN-NEW-1");
  g_clear_pointer (&replaced, json_object_unref);
  /* an empty opening reading is named at its field */
  g_assert_true (pw_billing_page_set_meter_field (f->page, "final.total", "950"));
  g_assert_true (pw_billing_page_set_meter_field (f->page, "opening.total", ""));
  g_assert_false (pw_billing_page_submit_meter_dialog (f->page));
  g_assert_nonnull (pw_billing_page_get_meter_field_error (f->page, "opening.total"));
  g_assert_true (pw_billing_page_set_meter_field (f->page, "opening.total", "0"));
  g_assert_true (pw_billing_page_submit_meter_dialog (f->page));
  replaced = meter_listed (f, "ZZ-E1");
  g_assert_cmpstr (json_object_get_string_member (replaced, "serial"), ==, "SN-NEW-1");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) values = json_object_new ();
    g_autofree char *reading = NULL;

    /* the new meter counts from its opening reading: 30 after it is no lower reading */
    json_object_set_string_member (values, "total", "30");
    reading = pw_meter_reading_add (f->store, f->park_id, "ZZ-E1", "2040-02-01", values, FALSE, TRUE,
                                    PW_READING_FROM_HAND, &error);
    g_assert_no_error (error);
    g_assert_nonnull (reading);
  }
  g_assert_nonnull (strstr (pw_billing_page_get_last_message (f->page), "ZZ-E1"));
}

int
main (int argc, char *argv[])
{
  char *scratch = app_test_init (&argc, &argv);

  g_test_add ("/app/billing/preview-and-post", Fixture, NULL,
              fixture_set_up, test_preview_and_post, fixture_tear_down);
  g_test_add ("/app/billing/bill-actions", Fixture, NULL,
              fixture_set_up, test_bill_actions, fixture_tear_down);
  g_test_add ("/app/billing/send", Fixture, NULL,
              fixture_set_up, test_send, fixture_tear_down);
  g_test_add ("/app/billing/meter-round", Fixture, NULL,
              fixture_set_up, test_meter_round, fixture_tear_down);
  g_test_add ("/app/billing/meter-add-replace", Fixture, NULL,
              fixture_set_up, test_meter_add_replace, fixture_tear_down);
  g_test_add ("/app/billing/post-shows-bills", Fixture, NULL,
              fixture_set_up, test_post_shows_bills, fixture_tear_down);
  g_test_add ("/app/billing/narrow", Fixture, NULL,
              fixture_set_up, test_narrow, fixture_tear_down);

  return app_test_run (scratch);
}
