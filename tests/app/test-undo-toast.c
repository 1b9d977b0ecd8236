/* test-undo-toast.c — the Undo on the toast of a status change and of a CSV
 * import, driven in-process: the toast's own button undoes the change
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (Xvfb in CI) and fails, rather than skips, without one. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "app-test-util.h"
#include "pw-assets-page.h"
#include "pw-csv.h"
#include "pw-import-dialog.h"
#include "pw-ledger.h"
#include "pw-space-detail.h"
#include "pw-status-dialog.h"
#include "pw-undo-toast.h"
#include "pw-window.h"

typedef struct {
  char          *tmpdir;
  PwStore       *store;
  PwWindow      *window;
  PwAssetsPage  *page;
  PwSpaceDetail *detail;
  char          *space_id;
  GtkWindow     *dialog;   /* weak: dialogs destroy themselves once applied */
} Fixture;

#define wait_for(f, cond, data, what) \
  app_test_wait_for ((AppTestCondition) (cond), (f), (data), (what))

static gboolean
window_populated (Fixture *f, gconstpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (f->window))
         && g_list_model_get_n_items (pw_assets_page_get_visible_spaces (f->page)) > 0;
}

static gboolean
dialog_closed (Fixture *f, gconstpointer data)
{
  return f->dialog == NULL;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = NULL;

  f->store = app_test_open_demo_ledger ("parkwise-test-undo-XXXXXX", &f->tmpdir);
  spaces = pw_ledger_load_spaces (f->store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < spaces->len && f->space_id == NULL; i++)
    if (pw_space_get_kind (spaces->pdata[i]) != PW_SPACE_KIND_COMMON_AREA
        && pw_space_get_status (spaces->pdata[i]) == PW_SPACE_STATUS_AVAILABLE)
      f->space_id = g_strdup (pw_space_get_id (spaces->pdata[i]));
  g_assert_nonnull (f->space_id);

  f->window = app_test_new_window (f->store);
  f->page = pw_window_get_assets_page (f->window);
  f->detail = pw_assets_page_get_space_detail (f->page);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for (f, window_populated, NULL, "the window to show the spaces");
  g_assert_true (pw_assets_page_select_space (f->page, f->space_id));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  if (f->dialog != NULL)
    gtk_window_destroy (f->dialog);
  app_test_destroy_window (&f->window);
  g_clear_object (&f->store);
  g_clear_pointer (&f->space_id, g_free);
  app_test_remove_tmpdir (&f->tmpdir);
}

/* The first widget under @root (depth first) that @match accepts. */
static GtkWidget *
find_widget (GtkWidget *root, gboolean (*match) (GtkWidget *, gconstpointer), gconstpointer data)
{
  if (gtk_widget_get_visible (root) && match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_undo_button (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                       PW_UNDO_TOAST_ACTION) == 0;
}

static gboolean
is_label_with (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
label_shown (Fixture *f, gconstpointer text)
{
  return find_widget (GTK_WIDGET (f->window), is_label_with, text) != NULL;
}

/* Clicks the Undo button of the toast shown in the window. */
static void
click_undo (Fixture *f)
{
  GtkWidget *button = find_widget (GTK_WIDGET (f->window), is_undo_button, NULL);

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, _("_Undo"));
  g_signal_emit_by_name (button, "clicked");
  wait_for (f, label_shown, _("Undone"), "the toast saying it was undone");
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static guint
count_status_changes (Fixture *f, const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = pw_ledger_load_history (f->store, f->space_id, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    if (g_strcmp0 (((PwHistoryEntry *) history->pdata[i])->what, what) == 0)
      n++;
  return n;
}

static gboolean
space_is (Fixture *f, gconstpointer status)
{
  PwSpace *space = pw_space_detail_get_space (f->detail);

  return space != NULL && pw_space_get_status (space) == (PwSpaceStatus) GPOINTER_TO_INT (status);
}

static void
test_status_change_undo (Fixture *f, gconstpointer data)
{
  GtkWidget *button = app_test_template_child (f->detail, PW_TYPE_SPACE_DETAIL,
                                               "change_status_button");
  g_autofree char *there = g_strdup_printf (_("%s → %s"),
                                            pw_space_status_get_label (PW_SPACE_STATUS_AVAILABLE),
                                            pw_space_status_get_label (PW_SPACE_STATUS_FROZEN));
  g_autofree char *back = g_strdup_printf (_("%s → %s"),
                                           pw_space_status_get_label (PW_SPACE_STATUS_FROZEN),
                                           pw_space_status_get_label (PW_SPACE_STATUS_AVAILABLE));
  guint n_there = count_status_changes (f, there), n_back = count_status_changes (f, back);
  PwStatusDialog *dialog;

  g_assert_true (space_is (f, GINT_TO_POINTER (PW_SPACE_STATUS_AVAILABLE)));
  g_signal_emit_by_name (button, "clicked");
  dialog = find_toplevel (PW_TYPE_STATUS_DIALOG);
  g_assert_nonnull (dialog);
  f->dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &f->dialog);
  g_assert_true (pw_status_dialog_set_values (dialog, PW_SPACE_STATUS_FROZEN, NULL,
                                              "Held for a tenant"));
  g_signal_emit_by_name (app_test_template_child (dialog, PW_TYPE_STATUS_DIALOG, "apply_button"),
                         "clicked");
  wait_for (f, dialog_closed, NULL, "the status dialog to close");
  wait_for (f, space_is, GINT_TO_POINTER (PW_SPACE_STATUS_FROZEN), "the space to be frozen");
  g_assert_cmpuint (count_status_changes (f, there), ==, n_there + 1);

  click_undo (f);
  wait_for (f, space_is, GINT_TO_POINTER (PW_SPACE_STATUS_AVAILABLE), "the space to be back");
  /* the history shows both changes: there and back */
  g_assert_cmpuint (count_status_changes (f, there), ==, n_there + 1);
  g_assert_cmpuint (count_status_changes (f, back), ==, n_back + 1);
}

static gint64
count_spaces (Fixture *f)
{
  return pw_store_count (f->store, "space");
}

static void
test_csv_import_undo (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwSpace *space = pw_space_detail_get_space (f->detail);
  g_autofree char *code = g_strdup (pw_space_get_code (space));
  g_autofree char *name = g_strdup (pw_space_get_name (space));
  g_auto(GStrv) parts = g_strsplit (code, "-", 3);
  g_autoptr(GString) csv = g_string_new ("code,building,floor,kind,internal_area,name\n");
  g_autoptr(GBytes) bytes = NULL;
  PwCsvImport *import;
  GtkWidget *preview;
  gint64 n_spaces = count_spaces (f);
  gint64 area = pw_space_get_internal_area (space);
  g_autoptr(PwSpace) after = NULL;

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  for (guint i = 0; i < 5; i++)
    g_string_append_printf (csv, "%s-%s-%03u,%s,%s,office,%u.25,Imported %u\n", parts[0], parts[1],
                            990 + i, parts[0], pw_space_get_floor_code (space), 20 + i, i);
  /* and one that changes the selected space's name */
  g_string_append_printf (csv, "%s,%s,%s,%s,%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT ",Renamed\n",
                          code, parts[0], pw_space_get_floor_code (space),
                          pw_space_kind_to_string (pw_space_get_kind (space)), area / 100,
                          area % 100);
  bytes = g_bytes_new (csv->str, csv->len);
  import = pw_csv_import_prepare (f->store, NULL, bytes, "spaces.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_csv_import_get_problems (import)->len, ==, 0);
  g_assert_cmpuint (pw_csv_import_get_n_new (import), ==, 5);
  g_assert_cmpuint (pw_csv_import_get_n_updated (import), ==, 1);

  preview = pw_import_preview_new (f->store, import);
  gtk_window_set_transient_for (GTK_WINDOW (preview), GTK_WINDOW (f->window));
  f->dialog = GTK_WINDOW (preview);
  g_object_add_weak_pointer (G_OBJECT (preview), (gpointer *) &f->dialog);
  gtk_window_present (GTK_WINDOW (preview));
  g_signal_emit_by_name (app_test_template_child (preview, PW_TYPE_IMPORT_PREVIEW, "import_button"),
                         "clicked");
  wait_for (f, dialog_closed, NULL, "the preview to close");
  g_assert_cmpint (count_spaces (f), ==, n_spaces + 5);
  /* reported in a toast in the window, not a message box */
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  click_undo (f);
  g_assert_cmpint (count_spaces (f), ==, n_spaces);
  after = pw_ledger_load_space (f->store, f->space_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_space_get_name (after), ==, name);
}

int
main (int argc, char *argv[])
{
  char *scratch = app_test_init (&argc, &argv);

  g_test_add ("/app/undo/status-change", Fixture, NULL,
              fixture_set_up, test_status_change_undo, fixture_tear_down);
  g_test_add ("/app/undo/csv-import", Fixture, NULL,
              fixture_set_up, test_csv_import_undo, fixture_tear_down);
  return app_test_run (scratch);
}
