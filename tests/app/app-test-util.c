/* app-test-util.c — what the in-process tests of the GTK application share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "app-test-util.h"
#include "pw-customer.h"
#include "pw-lease.h"
#include "pw-ledger.h"
#include "pw-undo-toast.h"
#include "pw-application.h"
#include "pw-i18n.h"

char *
app_test_init (int    *argc,
               char ***argv)
{
  const char *dirs[] = { "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", NULL };
  char *scratch;

  /* nothing lands in $HOME */
  scratch = g_dir_make_tmp ("parkwise-test-home-XXXXXX", NULL);
  g_assert_nonnull (scratch);
  for (guint i = 0; dirs[i] != NULL; i++)
    g_setenv (dirs[i], scratch, TRUE);

  /* the app's text domain, from the build tree when $PARKWISE_LOCALEDIR says so,
   * so a test run with LANGUAGE=zh_CN sees the app in Chinese */
  pw_i18n_init ();
  g_test_init (argc, argv, NULL);

  /* A GUI test that cannot reach a display fails: CI must not count it as passed. */
  if (!gtk_init_check ())
    g_error ("Cannot open a display; run this test under Xvfb (xvfb-run -a)");
  adw_init ();

  return scratch;
}

int
app_test_run (char *scratch)
{
  int ret = g_test_run ();

  g_rmdir (scratch);
  g_free (scratch);
  return ret;
}

void
app_test_wait_for (AppTestCondition  cond,
                   gpointer          fixture,
                   gconstpointer     data,
                   const char       *what)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!cond (fixture, data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

PwStore *
app_test_open_demo_ledger (const char  *tmpdir_template,
                           char       **tmpdir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  PwStore *store;

  *tmpdir = g_dir_make_tmp (tmpdir_template, &error);
  g_assert_no_error (error);
  path = g_build_filename (*tmpdir, "ledger.db", NULL);

  store = pw_application_open_store (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

void
app_test_remove_tmpdir (char **tmpdir)
{
  g_autoptr(GDir) dir = g_dir_open (*tmpdir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (*tmpdir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (*tmpdir);
  g_clear_pointer (tmpdir, g_free);
}

gpointer
app_test_find_item (GListModel       *model,
                    AppTestGetIdFunc  get_id,
                    const char       *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (get_id (item), id) == 0)
        return item; /* the model keeps it */
    }

  return NULL;
}

GtkWidget *
app_test_template_child (gpointer    widget,
                         GType       type,
                         const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

PwWindow *
app_test_new_window (PwStore *store)
{
  PwWindow *window = pw_window_new (NULL, store);

  g_object_ref_sink (window);
  return window;
}

void
app_test_destroy_window (PwWindow **window)
{
  gtk_window_destroy (GTK_WINDOW (*window));
  g_clear_object (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The Undo button of the newest toast under @root (toasts being hidden may
 * still be in the tree): the one whose change has the highest number. */
static GtkWidget *
undo_button_in (GtkWidget *root)
{
  GtkWidget *best = NULL;
  guint64 best_serial = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = NULL;

      if (GTK_IS_BUTTON (c)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (c)), PW_UNDO_TOAST_ACTION) == 0)
        found = c;
      else
        found = undo_button_in (c);
      if (found != NULL)
        {
          GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (found));
          guint64 serial = target && g_variant_is_of_type (target, G_VARIANT_TYPE_UINT64)
                           ? g_variant_get_uint64 (target) : 0;

          if (best == NULL || serial > best_serial)
            best = found, best_serial = serial;
        }
    }
  return best;
}

GtkWidget *
app_test_find_undo_button (GtkWidget *root)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GtkWidget *button;

  while ((button = undo_button_in (root)) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  return button;
}

GtkWidget *
app_test_find_action_button (GtkWidget *root, const char *action)
{
  g_autoptr(GPtrArray) queue = g_ptr_array_new ();

  g_ptr_array_add (queue, root);
  for (guint i = 0; i < queue->len; i++)
    {
      GtkWidget *w = queue->pdata[i];

      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), action) == 0)
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (queue, c);
    }
  g_error ("No button of action %s", action);
  return NULL;
}

/* ---- the Billing page's tests ---- */

void
app_test_billing_set_up (AppTestBilling *f, const char *tmpdir_template, guint n_spaces,
                         gboolean hold_demo_bills)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) parks = NULL;
  g_autoptr(PwLedgerNode) park = NULL;
  g_autoptr(GPtrArray) spaces = NULL;
  AdwViewStack *stack;

  f->store = app_test_open_demo_ledger (tmpdir_template, &f->tmpdir);
  parks = pw_ledger_load_parks (f->store, &error);
  g_assert_no_error (error);
  park = g_list_model_get_item (parks, 0);
  f->park_id = g_strdup (pw_ledger_node_get_id (park));
  f->park_name = g_strdup (pw_ledger_node_get_name (park));
  /* The demo's bills are sent, and a sent bill moves to no other status
   * (pw_bill_status_can_become()): pw_bill_set_status() refuses to hold one, so
   * the fixture holds them back in the store itself. */
  if (hold_demo_bills)
    {
      g_assert_true (pw_store_exec (f->store, "UPDATE bill SET status = 'held'", &error));
      g_assert_no_error (error);
    }
  spaces = pw_ledger_load_spaces (f->store, f->park_id, &error);
  g_assert_no_error (error);
  f->spaces = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < spaces->len && f->spaces->len < n_spaces; i++)
    {
      PwSpace *space = g_ptr_array_index (spaces, i);

      if (pw_space_get_status (space) == PW_SPACE_STATUS_AVAILABLE && pw_space_get_leasable (space)
          && pw_space_get_kind (space) == PW_SPACE_KIND_OFFICE && pw_space_get_chargeable_area (space) > 0)
        g_ptr_array_add (f->spaces, g_object_ref (space));
    }
  g_assert_cmpuint (f->spaces->len, ==, n_spaces);

  f->window = app_test_new_window (f->store);
  stack = ADW_VIEW_STACK (app_test_template_child (f->window, PW_TYPE_WINDOW, "view_stack"));
  f->page = PW_BILLING_PAGE (adw_view_stack_get_child_by_name (stack, "billing"));
  g_assert_nonnull (f->page);
  gtk_window_present (GTK_WINDOW (f->window));
}

void
app_test_billing_tear_down (AppTestBilling *f)
{
  app_test_destroy_window (&f->window);
  g_clear_pointer (&f->spaces, g_ptr_array_unref);
  g_clear_object (&f->store);
  g_free (f->park_id);
  g_free (f->park_name);
  app_test_remove_tmpdir (&f->tmpdir);
}

char *
app_test_billing_customer (AppTestBilling *f, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  char *id;

  json_object_set_string_member (fields, "kind", "company");
  json_object_set_string_member (fields, "name", name);
  id = pw_customer_add (f->store, f->park_id, fields, NULL, &error);
  g_assert_no_error (error);
  return id;
}

char *
app_test_billing_signed_lease (AppTestBilling *f, const char *code, guint i, const char *customer)
{
  g_autoptr(GError) error = NULL;
  PwSpace *space = g_ptr_array_index (f->spaces, i);
  PwLeaseSpace lease_space = { pw_space_get_id (space), pw_space_get_chargeable_area (space) };
  g_autofree char *area = g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT,
                                           lease_space.area / 100, lease_space.area % 100);
  g_autofree char *terms = g_strdup_printf (
    "{ \"id\": \"%s\", \"currency\": \"CNY\", \"signed\": \"2039-12-01\", \"start\": \"2040-01-01\","
    "  \"end\": \"2040-12-31\", \"parties\": { \"landlord\": \"%s\", \"tenant\": \"T\" },"
    "  \"sellers\": [ { \"code\": \"LL\", \"name\": \"%s\" } ],"
    "  \"spaces\": [ { \"code\": \"%s\", \"area\": \"%s\" } ],"
    "  \"tax_codes\": [ { \"code\": \"lease9\", \"rate\": \"0.09\" } ],"
    "  \"charges\": [ { \"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\", \"tax_code\": \"lease9\","
    "                   \"unit_price\": \"100.00\", \"unit\": \"m2_month\", \"spaces\": [\"%s\"],"
    "                   \"anchor\": \"calendar\", \"frequency\": \"monthly\" } ] }",
    code, f->park_name, f->park_name, pw_space_get_code (space), area, pw_space_get_code (space));
  char *id = pw_lease_create (f->store, f->park_id, code, customer, "2040-01-01", "2040-12-31",
                              &lease_space, 1, terms, &error);

  g_assert_no_error (error);
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SUBMITTED, "2039-12-01", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_APPROVED, "2039-12-01", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SIGNED, "2039-12-01", NULL, &error));
  g_assert_no_error (error);
  return id;
}

gboolean
app_test_billing_page_loaded (gpointer fixture, gconstpointer data)
{
  AppTestBilling *f = fixture;

  return pw_billing_page_is_loaded (f->page);
}
