/* app-test-util.c — what the in-process tests of the GTK application share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "app-test-util.h"
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
