/* pw-server-dialog.c — connecting this database to a Parkwise server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signs in with an address, a user name and a password (never stored: the server's
 * session token goes to the keyring), shows the state, and signs out. A certificate
 * the system does not trust is shown by its fingerprint for the user to compare and
 * pin once. Nothing changes before the server has answered: a sign-in that fails
 * leaves the database working alone, with the error under the form. Once the server
 * has answered, a database that holds records the server never had asks whether to
 * upload them or to take the server's copy, with what each choice would do. */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-server-dialog.h"
#include "pw-sync.h"
#include "pw-ui.h"

struct _PwServerDialog
{
  AdwWindow      parent_instance;

  PwSyncService *service;
  GCancellable  *cancellable;
  GtkWidget     *toast_overlay;
  GtkWidget     *status_row;
  GtkWidget     *sign_in_group;
  GtkWidget     *server_row;
  GtkWidget     *user_row;
  GtkWidget     *password_row;
  GtkWidget     *sign_in_button;
  GtkWidget     *spinner;
  GtkWidget     *progress_label;
  GtkWidget     *error_label;
  GtkWidget     *account_group;
  GtkWidget     *account_row;
  GtkWidget     *pin_row;
};

G_DEFINE_FINAL_TYPE (PwServerDialog, pw_server_dialog, ADW_TYPE_WINDOW)

static void sign_in (PwServerDialog *self);

static void
show_error (PwServerDialog *self, const char *message)
{
  gtk_label_set_label (GTK_LABEL (self->error_label), message ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
}

/* Says that a sign-in is under way, and where to; NULL when none is. */
static void
show_progress (PwServerDialog *self, const char *address)
{
  g_autofree char *text = NULL;

  if (address != NULL)
    /* Translators: %s is the server's address */
    text = g_strdup_printf (_("Signing in to %s…"), address);
  gtk_label_set_label (GTK_LABEL (self->progress_label), text ? text : "");
  gtk_widget_set_visible (self->progress_label, address != NULL);
  gtk_widget_set_visible (self->spinner, address != NULL);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), address != NULL);
  gtk_widget_set_sensitive (self->sign_in_button, address == NULL);
}

static void
update (PwServerDialog *self)
{
  PwSyncState state = pw_sync_service_get_state (self->service);
  const char *server = pw_sync_service_get_server (self->service);
  const char *user = pw_sync_service_get_user (self->service);
  const char *message = pw_sync_service_get_message (self->service);
  /* an account is shown only for a server this database joined, with its user */
  gboolean signed_in = server != NULL && user != NULL
                       && (state == PW_SYNC_STATE_SYNCED || state == PW_SYNC_STATE_SYNCING
                           || state == PW_SYNC_STATE_OFFLINE || state == PW_SYNC_STATE_ERROR);
  g_autofree char *account = NULL;
  const char *status;

  switch (state)
    {
    case PW_SYNC_STATE_OFF:
      status = _("This database works alone");
      break;
    case PW_SYNC_STATE_SIGNED_OUT:
      status = _("Signed out");
      break;
    case PW_SYNC_STATE_SYNCING:
      status = _("Syncing…");
      break;
    case PW_SYNC_STATE_OFFLINE:
      status = _("Offline");
      break;
    case PW_SYNC_STATE_UNTRUSTED:
      status = _("Untrusted server");
      break;
    case PW_SYNC_STATE_ERROR:
      status = _("Sync error");
      break;
    case PW_SYNC_STATE_SYNCED:
    default:
      status = _("Synced");
      break;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), status);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->status_row), message ? message : "");
  gtk_widget_set_visible (self->sign_in_group, !signed_in);
  gtk_widget_set_visible (self->account_group, signed_in);
  if (server != NULL && user != NULL)
    /* Translators: "wang on https://parks.example.com" */
    account = g_strdup_printf (_("%s on %s"), user, server);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account_row),
                                 account ? account : "");
  if (server != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->server_row)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->server_row), server);
  if (user != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->user_row)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
}

static void
changed_cb (GObject *object, GParamSpec *pspec, gpointer data)
{
  update (PW_SERVER_DIALOG (data));
}

static void
trust_response_cb (AdwMessageDialog *dialog, const char *response, gpointer data)
{
  PwServerDialog *self = data;
  const char *fingerprint = g_object_get_data (G_OBJECT (dialog), "fingerprint");

  if (g_strcmp0 (response, "trust") != 0)
    return;
  pw_sync_service_trust_certificate (self->service, fingerprint);
  sign_in (self);
}

static void
ask_trust (PwServerDialog *self, const char *fingerprint)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Trust This Server?"), NULL);

  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The server’s certificate is not signed by an authority this computer trusts. "
                                    "Trust it only if its fingerprint is the one the server’s administrator gave you:\n\n%s"),
                                  fingerprint);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "trust", _("_Trust and Sign In"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "trust",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "fingerprint", g_strdup (fingerprint), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (trust_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
joined_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(PwServerDialog) self = data;
  g_autoptr(GError) error = NULL;

  show_progress (self, NULL);
  if (!pw_sync_service_join_finish (PW_SYNC_SERVICE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      update (self);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_error (self, NULL);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay),
                               adw_toast_new (_("Signed in; syncing now")));
  update (self);
}

static void
join (PwServerDialog *self, PwSyncJoin how)
{
  show_progress (self, gtk_editable_get_text (GTK_EDITABLE (self->server_row)));
  pw_sync_service_join_async (self->service, how, self->cancellable, joined_cb,
                              g_object_ref (self));
}

/* "1 park", "4,956 records": counts in words, grouped as the locale groups figures. */
static char *
count_parks (gint64 n)
{
  g_autofree char *figure = g_strdup_printf ("%'" G_GINT64_FORMAT, n);

  /* Translators: %s is a number such as "1" or "1,204" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s park", "%s parks",
                                       (gulong) MIN (n, G_MAXLONG)), figure);
}

static char *
count_records (gint64 n)
{
  g_autofree char *figure = g_strdup_printf ("%'" G_GINT64_FORMAT, n);

  /* Translators: %s is a number such as "1" or "4,956" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s record", "%s records",
                                       (gulong) MIN (n, G_MAXLONG)), figure);
}

static void
first_sync_response_cb (AdwMessageDialog *dialog, const char *response, gpointer data)
{
  PwServerDialog *self = data;

  if (g_strcmp0 (response, "replace") == 0)
    join (self, PW_SYNC_JOIN_REPLACE);
  else if (g_strcmp0 (response, "upload") == 0)
    join (self, PW_SYNC_JOIN_UPLOAD);
  else
    {
      /* nothing joined: the session the server gave ends, the database works alone */
      pw_sync_service_cancel_join (self->service);
      update (self);
    }
}

/* Asked once the server has answered: what uploading and what replacing would do. */
static void
ask_first_sync (PwServerDialog *self, const PwSyncJoinCounts *counts)
{
  const char *address = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  g_autofree char *local_parks = count_parks (counts->local_parks);
  g_autofree char *local_records = count_records (counts->local_records);
  g_autofree char *upload = NULL;
  g_autofree char *replace = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: the first %s is "1 park", the second "4,956 records" (the park's
   * records of every kind, the park included), the third the server's address */
  upload = g_strdup_printf (_("Upload: send this database’s %s, %s in all, to %s, beside what the server holds."),
                            local_parks, local_records, address);
  if (counts->server_parks >= 0 && counts->server_records >= 0)
    {
      g_autofree char *server_parks = count_parks (counts->server_parks);
      g_autofree char *server_records = count_records (counts->server_records);

      /* Translators: "1 park", "4,956 records", then the server's "2 parks", "9,880 records" */
      replace = g_strdup_printf (_("Replace: remove this database’s %s, %s in all, and take the server’s %s, %s in all, instead."),
                                 local_parks, local_records, server_parks, server_records);
    }
  else if (counts->server_parks >= 0)
    {
      g_autofree char *server_parks = count_parks (counts->server_parks);

      /* Translators: "1 park", "4,956 records", then the server's "2 parks" */
      replace = g_strdup_printf (_("Replace: remove this database’s %s, %s in all, and take the server’s %s instead."),
                                 local_parks, local_records, server_parks);
    }
  else
    /* Translators: "1 park", "4,956 records" */
    replace = g_strdup_printf (_("Replace: remove this database’s %s, %s in all, and take the parks this account may see on the server instead."),
                               local_parks, local_records);
  body = g_strdup_printf ("%s\n\n%s\n\n%s",
                          _("This database holds records the server does not have yet. Choose what becomes of them."),
                          upload, replace);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Upload This Database’s Records?"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace with the Server’s"),
                                    "upload", _("_Upload"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (first_sync_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
connected_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(PwServerDialog) self = data;
  g_autoptr(GError) error = NULL;
  PwSyncJoinCounts counts;

  show_progress (self, NULL);
  if (!pw_sync_service_connect_finish (PW_SYNC_SERVICE (source), result, &counts, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_UNTRUSTED)
          && pw_sync_service_get_untrusted_fingerprint (self->service) != NULL)
        {
          show_error (self, NULL);
          ask_trust (self, pw_sync_service_get_untrusted_fingerprint (self->service));
          return;
        }
      show_error (self, error->message);
      update (self);
      return;
    }
  if (counts.ask)
    ask_first_sync (self, &counts);
  else
    join (self, PW_SYNC_JOIN_UPLOAD);
}

static void
sign_in (PwServerDialog *self)
{
  const char *address = gtk_editable_get_text (GTK_EDITABLE (self->server_row));

  show_error (self, NULL);
  show_progress (self, address);
  pw_sync_service_connect_async (self->service, address,
                                 gtk_editable_get_text (GTK_EDITABLE (self->user_row)),
                                 gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                 self->cancellable, connected_cb, g_object_ref (self));
}

static void
sign_in_clicked_cb (GtkButton *button, PwServerDialog *self)
{
  sign_in (self);
}

static void
password_activated_cb (AdwEntryRow *row, PwServerDialog *self)
{
  if (gtk_widget_get_sensitive (self->sign_in_button))
    sign_in_clicked_cb (GTK_BUTTON (self->sign_in_button), self);
}

static void
signed_out_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(PwServerDialog) self = data;

  pw_sync_service_sign_out_finish (PW_SYNC_SERVICE (source), result, NULL);
  update (self);
}

static void
sign_out_clicked_cb (GtkButton *button, PwServerDialog *self)
{
  pw_sync_service_sign_out_async (self->service, self->cancellable, signed_out_cb,
                                  g_object_ref (self));
}

static void
sync_now_clicked_cb (GtkButton *button, PwServerDialog *self)
{
  pw_sync_service_sync_async (self->service, NULL, NULL, NULL);
}

/* @name: the label without its mnemonic, for assistive technologies (GTK 4.8 names a
 * mnemonic button by its raw label and its text both). */
static GtkWidget *
suffix_button (AdwActionRow *row, const char *label, const char *name, GCallback cb,
               gpointer data)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  pw_ui_set_accessible_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect (button, "clicked", cb, data);
  adw_action_row_add_suffix (row, button);
  return button;
}

GtkWidget *
pw_server_dialog_new (GtkWindow *parent, PwSyncService *service)
{
  PwServerDialog *self = g_object_new (PW_TYPE_SERVER_DIALOG,
                                       "transient-for", parent,
                                       "modal", TRUE,
                                       "default-width", 520,
                                       "default-height", 520,
                                       /* Translators: a window title */
                                       "title", _("Server"),
                                       NULL);
  GtkWidget *box, *page, *group, *button_box, *pin_group;
  const char *pin;

  self->service = g_object_ref (service);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  page = adw_preferences_page_new ();

  group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("A team shares a park through a Parkwise server. This database keeps working offline and syncs when the server can be reached."));
  self->status_row = adw_action_row_new ();
  gtk_widget_add_css_class (self->status_row, "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->status_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  self->sign_in_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->sign_in_group), _("Sign In"));
  self->server_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->server_row), _("Server address"));
  self->user_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->user_row), _("User name"));
  self->password_row = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row), _("Password"));
  /* a screen reader lands on the rows' text: name it as the row is titled */
  pw_ui_set_accessible_name (self->server_row, _("Server address"));
  pw_ui_set_accessible_name (self->user_row, _("User name"));
  pw_ui_set_accessible_name (self->password_row, _("Password"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->sign_in_group), self->server_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->sign_in_group), self->user_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->sign_in_group), self->password_row);
  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_label_set_selectable (GTK_LABEL (self->error_label), TRUE);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_margin_top (self->error_label, 12);
  gtk_widget_set_visible (self->error_label, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->sign_in_group), self->error_label);
  button_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (button_box, 12);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_box_append (GTK_BOX (button_box), self->spinner);
  self->progress_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->progress_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->progress_label), 0);
  gtk_widget_set_hexpand (self->progress_label, TRUE);
  gtk_widget_add_css_class (self->progress_label, "dim-label");
  gtk_widget_set_visible (self->progress_label, FALSE);
  gtk_box_append (GTK_BOX (button_box), self->progress_label);
  self->sign_in_button = gtk_button_new_with_mnemonic (_("_Sign In"));
  pw_ui_set_accessible_name (self->sign_in_button, _("Sign In"));
  gtk_widget_add_css_class (self->sign_in_button, "suggested-action");
  gtk_widget_set_halign (self->sign_in_button, GTK_ALIGN_END);
  gtk_widget_set_hexpand (self->sign_in_button, TRUE);
  g_signal_connect (self->sign_in_button, "clicked", G_CALLBACK (sign_in_clicked_cb), self);
  gtk_box_append (GTK_BOX (button_box), self->sign_in_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->sign_in_group), button_box);
  g_signal_connect (self->password_row, "entry-activated",
                    G_CALLBACK (password_activated_cb), self);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->sign_in_group));

  self->account_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->account_group), _("Account"));
  self->account_row = adw_action_row_new ();
  suffix_button (ADW_ACTION_ROW (self->account_row), _("Sync _Now"), _("Sync Now"),
                 G_CALLBACK (sync_now_clicked_cb), self);
  suffix_button (ADW_ACTION_ROW (self->account_row), _("Sign _Out"), _("Sign Out"),
                 G_CALLBACK (sign_out_clicked_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->account_group), self->account_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->account_group));

  pin = pw_sync_service_get_pin (service);
  pin_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (pin_group), _("Certificate"));
  self->pin_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->pin_row),
                                 _("Trusted by its fingerprint"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->pin_row), pin ? pin : "");
  gtk_widget_add_css_class (self->pin_row, "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (pin_group), self->pin_row);
  gtk_widget_set_visible (pin_group, pin != NULL);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (pin_group));

  self->toast_overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (self->toast_overlay), page);
  gtk_widget_set_vexpand (self->toast_overlay, TRUE);
  gtk_box_append (GTK_BOX (box), self->toast_overlay);
  adw_window_set_content (ADW_WINDOW (self), box);

  for (const char *const *p = (const char *const[]) { "notify::state", "notify::message",
                                                      "notify::server", "notify::user", NULL };
       *p != NULL; p++)
    g_signal_connect_object (service, *p, G_CALLBACK (changed_cb), self, 0);
  update (self);
  gtk_widget_grab_focus (pw_sync_service_get_server (service) ? self->password_row
                                                              : self->server_row);
  return GTK_WIDGET (self);
}

static void
pw_server_dialog_dispose (GObject *object)
{
  PwServerDialog *self = PW_SERVER_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  /* closed while asking what to do with this database's records: nothing joined */
  if (self->service != NULL && pw_sync_service_is_joining (self->service))
    pw_sync_service_cancel_join (self->service);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->service);
  G_OBJECT_CLASS (pw_server_dialog_parent_class)->dispose (object);
}

static void
pw_server_dialog_class_init (PwServerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_server_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pw_server_dialog_init (PwServerDialog *self)
{
  self->cancellable = g_cancellable_new ();
}
