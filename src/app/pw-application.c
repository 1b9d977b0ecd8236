/* pw-application.c — the Parkwise application: the store, actions and windows
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pw-application.h"
#include "pw-assets-page.h"
#include "pw-demo.h"
#include "pw-lease.h"
#include "pw-ledger.h"
#include "pw-preferences-window.h"
#include "pw-server-dialog.h"
#include "pw-window.h"

struct _PwApplication
{
  AdwApplication  parent_instance;

  char           *db_path;     /* from --db, or NULL for the default */
  PwStore        *store;
  GError         *open_error;  /* why the store could not be opened */
  PwSyncService  *sync;        /* keeps the store in step with a server, if one is set */
};

G_DEFINE_FINAL_TYPE (PwApplication, pw_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

PwApplication *
pw_application_new (void)
{
  return g_object_new (PW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/parkwise/Parkwise",
                       NULL);
}

PwStore *
pw_application_get_store (PwApplication *self)
{
  g_return_val_if_fail (PW_IS_APPLICATION (self), NULL);

  return self->store;
}

PwSyncService *
pw_application_get_sync (PwApplication *self)
{
  g_return_val_if_fail (PW_IS_APPLICATION (self), NULL);

  return self->sync;
}

char *
pw_application_get_default_database_path (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *path = g_settings_get_string (settings, "database-path");

  if (path != NULL && path[0] != '\0')
    return g_steal_pointer (&path);

  return g_build_filename (g_get_user_data_dir (), "parkwise", "parkwise.db", NULL);
}

PwStore *
pw_application_open_store (const char  *path,
                           GError     **error)
{
  g_autoptr(PwStore) store = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  store = pw_store_open (path, error);
  if (store == NULL)
    return NULL;

  pw_ledger_attach (store);

  /* A fresh store gets the demo park, so there is something to look at. */
  if (pw_ledger_first_park_id (store) == NULL && !pw_demo_seed (store, error))
    return NULL;

  return g_steal_pointer (&store);
}

static void
show_error (GtkWindow  *parent,
            const char *heading,
            const char *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_error_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        PwApplication    *self)
{
  g_application_quit (G_APPLICATION (self));
}

static void
show_open_error (PwApplication *self)
{
  AdwMessageDialog *dialog;
  g_autofree char *path = self->db_path ? g_strdup (self->db_path)
                                        : pw_application_get_default_database_path ();
  g_autofree char *body = NULL;

  /* Translators: the first %s is a file path, the second the reason */
  body = g_strdup_printf (_("The database “%s” could not be opened: %s"),
                          path, self->open_error->message);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, _("Cannot Open the Ledger"), body));
  adw_message_dialog_add_response (dialog, "quit", _("_Quit"));
  adw_message_dialog_set_default_response (dialog, "quit");
  adw_message_dialog_set_close_response (dialog, "quit");
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_object (dialog, "response", G_CALLBACK (open_error_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions */

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  PwApplication *self = user_data;
  GList *windows;

  /* Close rather than destroy, so that every window saves its state. */
  windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (self)),
                              (GCopyFunc) g_object_ref, NULL);
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);

  g_application_quit (G_APPLICATION (self));
}

static void
preferences_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  PwApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *prefs = pw_preferences_window_new ();

  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  PwApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "Parkwise developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        "application-name", _("Parkwise"),
                        "developer-name", _("Parkwise developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Run business parks: the asset ledger of buildings, floors and spaces"),
                        "website", "https://github.com/parkwise/parkwise",
                        "issue-url", "https://github.com/parkwise/parkwise/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", _("© 2024 Parkwise developers"),
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
reset_demo_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        PwApplication    *self)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (g_strcmp0 (response, "reset") != 0 || self->store == NULL)
    return;

  if (!pw_ledger_clear (self->store, &error) || !pw_demo_seed (self->store, &error))
    show_error (parent, _("Could Not Reset the Demo Park"), error->message);
}

static void
reset_demo_activated_cb (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  PwApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Reset the Demo Park?"),
                                                       _("Every park, building, floor and space "
                                                         "in this ledger is removed and the demo "
                                                         "park is created again. This cannot be "
                                                         "undone.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "reset", _("_Reset"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "reset", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (reset_demo_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sync_settings_activated_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  PwApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->sync != NULL)
    gtk_window_present (GTK_WINDOW (pw_server_dialog_new (parent, self->sync)));
}

static void show_expiring_activated_cb (GSimpleAction *action,
                                        GVariant      *parameter,
                                        gpointer       user_data);

static const GActionEntry app_actions[] = {
  { "quit", quit_activated_cb },
  { "preferences", preferences_activated_cb },
  { "about", about_activated_cb },
  { "reset-demo", reset_demo_activated_cb },
  { "show-expiring", show_expiring_activated_cb },
  { "sync-settings", sync_settings_activated_cb },
};

/* GApplication */

static int
pw_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  PwApplication *self = PW_APPLICATION (app);
  const char *db = NULL;

  if (g_variant_dict_lookup (options, "db", "^&ay", &db) && db != NULL && db[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db);

      g_free (self->db_path);
      self->db_path = g_file_get_path (file);
    }

  return -1;
}

static void
pw_application_startup (GApplication *app)
{
  PwApplication *self = PW_APPLICATION (app);
  g_autofree char *path = NULL;
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.show-help-overlay", { "<Control>question", "<Control>slash", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.show-page::assets", { "<Alt>1", NULL } },
    { "win.show-page::equipment", { "<Alt>2", NULL } },
    { "win.show-page::plans", { "<Alt>3", NULL } },
    { "win.show-page::contracts", { "<Alt>4", NULL } },
    { "win.show-page::customers", { "<Alt>5", NULL } },
    { "win.show-page::billing", { "<Alt>6", NULL } },
    { "win.import-csv", { "<Control>i", NULL } },
    { "win.export-csv", { "<Control>e", NULL } },
    { "win.import-drawing", { "<Control><Shift>i", NULL } },
    { "win.sync-now", { "F5", "<Control>r", NULL } },
    { "win.print-plan", { "<Control>p", NULL } },
    { "win.export-plan-image", { "<Control><Shift>e", NULL } },
  };

  G_APPLICATION_CLASS (pw_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);

  path = self->db_path ? g_strdup (self->db_path) : pw_application_get_default_database_path ();
  g_clear_error (&self->open_error);
  self->store = pw_application_open_store (path, &self->open_error);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "reset-demo")),
                               self->store != NULL);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "sync-settings")),
                               self->store != NULL);
  g_clear_object (&self->sync);
  if (self->store != NULL)
    self->sync = pw_sync_service_new (self->store, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* For tests/bench/bench-app: with PARKWISE_REPORT_STARTUP set, print the
 * monotonic time of the first painted frame and the resident memory, then
 * quit. The clock is shared between processes, so the benchmark subtracts
 * the time it started this one. */
static void
report_startup_cb (GdkFrameClock *clock,
                   PwApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *status = NULL;
  const char *rss = NULL;

  /* the first frame that shows the ledger, not an empty window */
  if (PW_IS_WINDOW (window)
      && g_list_model_get_n_items (pw_assets_page_get_visible_spaces (
           pw_window_get_assets_page (PW_WINDOW (window)))) == 0)
    {
      gtk_widget_queue_draw (GTK_WIDGET (window));
      return;
    }
  g_signal_handlers_disconnect_by_func (clock, report_startup_cb, self);
  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    rss = strstr (status, "VmRSS:");
  g_print ("first-frame-usec %" G_GINT64_FORMAT " rss-kib %ld\n", g_get_monotonic_time (),
           rss ? strtol (rss + 6, NULL, 10) : -1L);
  g_application_quit (G_APPLICATION (self));
}

static void
window_mapped_cb (GtkWidget     *window,
                  PwApplication *self)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (report_startup_cb), self);
}

/* Whether the session bus has someone to show notifications (a desktop's
 * notification server or the portal). Without one GLib would only complain. */
static gboolean
notifications_shown (GApplication *app)
{
  static const char *const services[] = {
    "org.gtk.Notifications", "org.freedesktop.Notifications", "org.freedesktop.portal.Desktop",
  };
  GDBusConnection *bus = g_application_get_dbus_connection (app);

  if (bus == NULL)
    return FALSE;
  for (guint m = 0; m < 2; m++)
    {
      g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus",
                                                               "/org/freedesktop/DBus",
                                                               "org.freedesktop.DBus",
                                                               m == 0 ? "ListNames"
                                                                      : "ListActivatableNames",
                                                               NULL, G_VARIANT_TYPE ("(as)"),
                                                               G_DBUS_CALL_FLAGS_NONE, 500, NULL,
                                                               NULL);
      g_autofree const char **names = NULL;

      if (reply == NULL)
        continue;
      g_variant_get (reply, "(^a&s)", &names);
      for (guint i = 0; names != NULL && names[i] != NULL; i++)
        for (guint k = 0; k < G_N_ELEMENTS (services); k++)
          if (g_str_equal (names[i], services[k]))
            return TRUE;
    }
  return FALSE;
}

/* Running leases that end within the days Preferences say, as one notification
 * whose click shows the plans coloured by lease expiry. */
static void
notify_expiring_leases (PwApplication *self)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  int days = g_settings_get_int (settings, "expiry-alert-days");
  g_autofree char *today = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GString) body = NULL;
  g_autofree char *title = NULL;

  if (days <= 0 || self->store == NULL || g_getenv ("PARKWISE_REPORT_STARTUP") != NULL)
    return;
  today = pw_today_iso ();
  rows = pw_lease_list (self->store, NULL, -1, days, today, NULL);
  if (rows == NULL || rows->len == 0 || !notifications_shown (G_APPLICATION (self)))
    return;
  body = g_string_new (NULL);
  for (guint i = 0; i < rows->len && i < 5; i++)
    {
      JsonObject *row = g_ptr_array_index (rows, i);
      const char *customer = json_object_get_null_member (row, "customer_name")
                               ? NULL : json_object_get_string_member (row, "customer_name");

      if (i > 0)
        g_string_append_c (body, '\n');
      if (customer != NULL)
        /* TRANSLATORS: a line of the lease expiry notification: code, tenant, end date */
        g_string_append_printf (body, _("%s (%s) ends on %s"), json_object_get_string_member (row, "code"),
                                customer, json_object_get_string_member (row, "end_date"));
      else
        /* TRANSLATORS: a line of the lease expiry notification: code, end date */
        g_string_append_printf (body, _("%s ends on %s"), json_object_get_string_member (row, "code"),
                                json_object_get_string_member (row, "end_date"));
    }
  if (rows->len > 5)
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "\n…and %u more", "\n…and %u more",
                                               rows->len - 5), rows->len - 5);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lease ends within %d days",
                                        "%u leases end within %d days", rows->len),
                           rows->len, days);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body->str);
  g_notification_set_default_action (notification, "app.show-expiring");
  g_application_send_notification (G_APPLICATION (self), "lease-expiry", notification);
}

/* How often the background sync runs when nothing else asks for it. */
#define SYNC_PERIOD_SECONDS 300

static gboolean
notify_expiring_idle (gpointer user_data)
{
  PwApplication *self = PW_APPLICATION (user_data);

  notify_expiring_leases (self);
  /* the first sync waits for the first frame too; it never blocks the window */
  if (self->sync != NULL && g_getenv ("PARKWISE_REPORT_STARTUP") == NULL)
    {
      pw_sync_service_start (self->sync);
      pw_sync_service_set_automatic (self->sync, SYNC_PERIOD_SECONDS);
    }
  return G_SOURCE_REMOVE;
}

static void
show_expiring_activated_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  PwApplication *self = PW_APPLICATION (user_data);
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (PW_IS_WINDOW (window))
    pw_window_show_expiring (PW_WINDOW (window));
}

static void
pw_application_activate (GApplication *app)
{
  PwApplication *self = PW_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      if (self->store == NULL)
        {
          /* one error dialog is enough */
          if (gtk_application_get_windows (GTK_APPLICATION (self)) == NULL)
            show_open_error (self);
          return;
        }
      window = GTK_WINDOW (pw_window_new (self, self->store));
      if (g_getenv ("PARKWISE_REPORT_STARTUP") != NULL)
        g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), self);
      /* after the first frame: a query and a look at the bus can wait */
      g_idle_add_full (G_PRIORITY_LOW, notify_expiring_idle, g_object_ref (self), g_object_unref);
    }

  gtk_window_present (window);
}

/* GObject */

static void
pw_application_dispose (GObject *object)
{
  PwApplication *self = PW_APPLICATION (object);

  g_clear_object (&self->sync);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pw_application_parent_class)->dispose (object);
}

static void
pw_application_finalize (GObject *object)
{
  PwApplication *self = PW_APPLICATION (object);

  g_clear_pointer (&self->db_path, g_free);
  g_clear_error (&self->open_error);

  G_OBJECT_CLASS (pw_application_parent_class)->finalize (object);
}

static void
pw_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PwApplication *self = PW_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_application_class_init (PwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = pw_application_dispose;
  object_class->finalize = pw_application_finalize;
  object_class->get_property = pw_application_get_property;

  app_class->handle_local_options = pw_application_handle_local_options;
  app_class->startup = pw_application_startup;
  app_class->activate = pw_application_activate;

  /**
   * PwApplication:store:
   *
   * The open ledger store, or %NULL when it could not be opened.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PW_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_application_init (PwApplication *self)
{
  static const GOptionEntry options[] = {
    { "db", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Use the database FILE instead of the default one"), N_("FILE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Keep the ledger of a business park."));
}
