/* pw-sync-button.c — the header bar's sync status and its popover
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows what the sync service says in a word or two (synced, syncing, offline,
 * N pending, N conflicts, signed out, an error) and, in its popover, the sentence
 * behind it with Sync Now, Resolve Conflicts and the server settings. Hidden while
 * the database works alone. */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-sync-button.h"
#include "pw-ui.h"

struct _PwSyncButton
{
  GtkWidget      parent_instance;

  PwSyncService *service;
  GtkWidget     *menu_button;
  GtkWidget     *icon;
  GtkWidget     *spinner;
  GtkWidget     *label;
  GtkWidget     *title;
  GtkWidget     *detail;
  GtkWidget     *server;
  GtkWidget     *conflicts_button;
  GtkWidget     *sync_button;
  char          *text;
};

G_DEFINE_FINAL_TYPE (PwSyncButton, pw_sync_button, GTK_TYPE_WIDGET)

static void
update (PwSyncButton *self)
{
  PwSyncState state = pw_sync_service_get_state (self->service);
  gint64 pending = pw_sync_service_get_pending (self->service);
  guint conflicts = pw_sync_service_get_conflicts (self->service);
  const char *message = pw_sync_service_get_message (self->service);
  const char *server = pw_sync_service_get_server (self->service);
  const char *user = pw_sync_service_get_user (self->service);
  const char *icon = "emblem-ok-symbolic";
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *where = NULL;

  switch (state)
    {
    case PW_SYNC_STATE_OFF:
      text = g_strdup (_("Not synced"));
      title = g_strdup (_("This database works alone"));
      break;
    case PW_SYNC_STATE_SIGNED_OUT:
      icon = "dialog-password-symbolic";
      text = g_strdup (_("Signed out"));
      title = g_strdup (_("Sign in to sync with the server"));
      break;
    case PW_SYNC_STATE_SYNCING:
      text = g_strdup (_("Syncing…"));
      title = g_strdup (_("Syncing with the server"));
      break;
    case PW_SYNC_STATE_OFFLINE:
      icon = "network-offline-symbolic";
      text = g_strdup (_("Offline"));
      title = g_strdup (_("Changes are kept here until the server can be reached"));
      break;
    case PW_SYNC_STATE_UNTRUSTED:
      icon = "security-low-symbolic";
      text = g_strdup (_("Untrusted server"));
      title = g_strdup (_("The server’s certificate needs your confirmation"));
      break;
    case PW_SYNC_STATE_ERROR:
      icon = "dialog-warning-symbolic";
      text = g_strdup (_("Sync error"));
      title = g_strdup (_("The server refused the last sync"));
      break;
    case PW_SYNC_STATE_SYNCED:
    default:
      text = g_strdup (_("Synced"));
      title = g_strdup (_("Everything is synced"));
      break;
    }
  if (conflicts > 0)
    {
      icon = "dialog-warning-symbolic";
      g_free (text);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conflict", "%u conflicts",
                                           conflicts), conflicts);
    }
  /* pending only for a server this database joined, never for one it only tried */
  else if (pending > 0 && server != NULL && state != PW_SYNC_STATE_SYNCING
           && state != PW_SYNC_STATE_OFF)
    {
      g_free (text);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d pending", "%d pending",
                                           (gulong) MIN (pending, G_MAXINT)),
                              (int) MIN (pending, G_MAXINT));
    }

  gtk_widget_set_visible (GTK_WIDGET (self), state != PW_SYNC_STATE_OFF);
  gtk_widget_set_visible (self->spinner, state == PW_SYNC_STATE_SYNCING);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), state == PW_SYNC_STATE_SYNCING);
  gtk_widget_set_visible (self->icon, state != PW_SYNC_STATE_SYNCING);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), icon);
  gtk_label_set_label (GTK_LABEL (self->label), text);
  gtk_label_set_label (GTK_LABEL (self->title), title);
  gtk_label_set_label (GTK_LABEL (self->detail), message ? message : "");
  gtk_widget_set_visible (self->detail, message != NULL);
  if (server != NULL)
    /* Translators: the server's address and the user signed in, e.g. "https://parks.example.com as wang" */
    where = user ? g_strdup_printf (_("%s as %s"), server, user) : g_strdup (server);
  gtk_label_set_label (GTK_LABEL (self->server), where ? where : "");
  gtk_widget_set_visible (self->conflicts_button, conflicts > 0);
  gtk_widget_set_sensitive (self->sync_button, state != PW_SYNC_STATE_SYNCING
                                               && state != PW_SYNC_STATE_SIGNED_OUT);
  gtk_widget_set_tooltip_text (self->menu_button, title);
  pw_ui_set_accessible_name (self->menu_button, text);
  g_free (self->text);
  self->text = g_steal_pointer (&text);
}

static void
changed_cb (GObject *object, GParamSpec *pspec, gpointer data)
{
  update (PW_SYNC_BUTTON (data));
}

const char *
pw_sync_button_get_label (PwSyncButton *self)
{
  g_return_val_if_fail (PW_IS_SYNC_BUTTON (self), NULL);
  return self->text;
}

static GtkWidget *
popover_button (const char *label, const char *action)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static void
close_popover_cb (GtkButton *button, gpointer data)
{
  PwSyncButton *self = data;

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->menu_button));
}

GtkWidget *
pw_sync_button_new (PwSyncService *service)
{
  PwSyncButton *self;
  GtkWidget *box, *popover, *content, *buttons, *settings;

  g_return_val_if_fail (PW_IS_SYNC_SERVICE (service), NULL);

  self = g_object_new (PW_TYPE_SYNC_BUTTON, NULL);
  self->service = g_object_ref (service);

  self->menu_button = gtk_menu_button_new ();
  gtk_widget_set_parent (self->menu_button, GTK_WIDGET (self));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->icon = gtk_image_new ();
  self->spinner = gtk_spinner_new ();
  self->label = gtk_label_new (NULL);
  gtk_box_append (GTK_BOX (box), self->icon);
  gtk_box_append (GTK_BOX (box), self->spinner);
  gtk_box_append (GTK_BOX (box), self->label);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->menu_button), box);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_size_request (content, 280, -1);
  self->title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->title, "heading");
  self->detail = gtk_label_new (NULL);
  self->server = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->server, "dim-label");
  gtk_widget_add_css_class (self->server, "caption");
  for (GtkWidget *w = self->title; w != NULL;
       w = w == self->title ? self->detail : w == self->detail ? self->server : NULL)
    {
      gtk_label_set_wrap (GTK_LABEL (w), TRUE);
      gtk_label_set_xalign (GTK_LABEL (w), 0);
      gtk_label_set_max_width_chars (GTK_LABEL (w), 40);
      gtk_label_set_selectable (GTK_LABEL (w), w == self->detail);
      gtk_box_append (GTK_BOX (content), w);
    }
  buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (buttons, 6);
  self->sync_button = popover_button (_("_Sync Now"), "win.sync-now");
  gtk_widget_add_css_class (self->sync_button, "suggested-action");
  self->conflicts_button = popover_button (_("_Resolve Conflicts…"), "win.sync-conflicts");
  settings = popover_button (_("Server _Settings…"), "app.sync-settings");
  gtk_box_append (GTK_BOX (buttons), self->sync_button);
  gtk_box_append (GTK_BOX (buttons), self->conflicts_button);
  gtk_box_append (GTK_BOX (buttons), settings);
  for (GtkWidget *w = gtk_widget_get_first_child (buttons); w; w = gtk_widget_get_next_sibling (w))
    g_signal_connect (w, "clicked", G_CALLBACK (close_popover_cb), self);
  gtk_box_append (GTK_BOX (content), buttons);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), content);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->menu_button), popover);

  for (const char *const *p = (const char *const[]) { "notify::state", "notify::pending",
                                                      "notify::conflicts", "notify::message",
                                                      "notify::server", "notify::user", NULL };
       *p != NULL; p++)
    g_signal_connect_object (service, *p, G_CALLBACK (changed_cb), self, 0);
  update (self);
  return GTK_WIDGET (self);
}

static void
pw_sync_button_dispose (GObject *object)
{
  PwSyncButton *self = PW_SYNC_BUTTON (object);

  g_clear_pointer (&self->menu_button, gtk_widget_unparent);
  g_clear_object (&self->service);
  g_clear_pointer (&self->text, g_free);
  G_OBJECT_CLASS (pw_sync_button_parent_class)->dispose (object);
}

static void
pw_sync_button_class_init (PwSyncButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_sync_button_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pwsyncbutton");
}

static void
pw_sync_button_init (PwSyncButton *self)
{
}
