/* pw-status-dialog.c — change the status of one space, with a date and a reason
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "pw-status-dialog.h"
#include "pw-date-picker.h"
#include "pw-ui.h"

/* How far ahead a status change may be dated. */
#define MAX_DAYS_AHEAD 365

struct _PwStatusDialog
{
  AdwWindow parent_instance;

  PwStore *store;
  PwSpace *space;
  PwChange *change; /* what apply wrote, for its Undo */
  /* the statuses the dropdown offers, by position: every one but the current */
  PwSpaceStatus choices[PW_N_SPACE_STATUSES];
  guint n_choices;
  /* the reason is only called missing once the user has been there */
  gboolean reason_touched;

  GtkLabel *space_label;
  GtkLabel *error_label;
  AdwActionRow *status_row;
  GtkDropDown *status_dropdown;
  AdwEntryRow *date_row;
  AdwActionRow *date_error_row;
  AdwEntryRow *reason_row;
  AdwActionRow *reason_error_row;
  GtkButton *apply_button;
  GtkButton *cancel_button;
};

G_DEFINE_FINAL_TYPE (PwStatusDialog, pw_status_dialog, ADW_TYPE_WINDOW)

enum {
  STATUS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
latest_allowed_date (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) latest = g_date_time_add_days (now, MAX_DAYS_AHEAD);

  return g_date_time_format (latest, "%Y-%m-%d");
}

static char *
get_reason (PwStatusDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));
}

/* Checks the form, marks what is wrong, and sets Apply's sensitivity. */
static gboolean
validate (PwStatusDialog *self)
{
  g_autofree char *reason = get_reason (self);
  g_autofree char *latest = latest_allowed_date ();
  g_autofree char *too_late =
    /* Translators: %s is the latest date allowed, e.g. 2025-03-01 */
    g_strdup_printf (_("The date can be at most a year ahead, %s at the latest"), latest);
  gboolean ok = TRUE;

  if (gtk_drop_down_get_selected (self->status_dropdown) >= self->n_choices)
    ok = FALSE;

  if (!pw_ui_check_date_row (self->date_row, self->date_error_row, latest, too_late))
    ok = FALSE;

  if (*reason == '\0')
    {
      pw_ui_show_field_error (GTK_WIDGET (self->reason_row), self->reason_error_row,
                        self->reason_touched ? _("A reason is required") : NULL);
      ok = FALSE;
    }
  else
    pw_ui_show_field_error (GTK_WIDGET (self->reason_row), self->reason_error_row, NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), ok);
  return ok;
}

static void
form_changed_cb (PwStatusDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  validate (self);
}

static void
reason_changed_cb (PwStatusDialog *self)
{
  self->reason_touched = TRUE;
  form_changed_cb (self);
}

static void
apply_clicked_cb (PwStatusDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!pw_status_dialog_apply (self, &error))
    {
      if (g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT))
        {
          g_autofree char *message =
            g_strdup_printf (_("This space was changed elsewhere since it was opened; "
                               "close this window and try again. (%s)"), error->message);
          gtk_label_set_text (self->error_label, message);
        }
      else
        gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
entry_activated_cb (PwStatusDialog *self)
{
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->apply_button)))
    apply_clicked_cb (self);
}

static void
pw_status_dialog_dispose (GObject *object)
{
  PwStatusDialog *self = PW_STATUS_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->space);
  g_clear_pointer (&self->change, pw_change_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_STATUS_DIALOG);

  G_OBJECT_CLASS (pw_status_dialog_parent_class)->dispose (object);
}

static void
pw_status_dialog_class_init (PwStatusDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_status_dialog_dispose;

  /**
   * PwStatusDialog::status-changed:
   *
   * Emitted after the new status was written, just before the dialog closes.
   */
  signals[STATUS_CHANGED] =
    g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parkwise/Parkwise/pw-status-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PwStatusDialog, space_label);
  gtk_widget_class_bind_template_child (widget_class, PwStatusDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PwStatusDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, PwStatusDialog, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PwStatusDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, PwStatusDialog, date_error_row);
  gtk_widget_class_bind_template_child (widget_class, PwStatusDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, PwStatusDialog, reason_error_row);
  gtk_widget_class_bind_template_child (widget_class, PwStatusDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, PwStatusDialog, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reason_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pw_status_dialog_init (PwStatusDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  pw_ui_set_accessible_name (GTK_WIDGET (self->status_dropdown), _("New status"));
  pw_ui_set_accessible_name (GTK_WIDGET (self->apply_button), _("Change Status"));
  pw_ui_set_accessible_name (GTK_WIDGET (self->cancel_button), _("Cancel"));
  pw_ui_set_accessible_name (GTK_WIDGET (self->date_row), _("Effective date"));
  pw_date_picker_attach (self->date_row);
  pw_ui_set_accessible_name (GTK_WIDGET (self->reason_row), _("Reason"));
}

PwStatusDialog *
pw_status_dialog_new (GtkWindow *parent,
                      PwStore   *store,
                      PwSpace   *space)
{
  PwStatusDialog *self;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *today = pw_today_iso ();
  g_autofree char *intro = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (PW_IS_SPACE (space), NULL);

  self = g_object_new (PW_TYPE_STATUS_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->space = g_object_ref (space);

  for (int s = 0; s < PW_N_SPACE_STATUSES; s++)
    {
      if ((PwSpaceStatus) s == pw_space_get_status (space))
        continue;
      self->choices[self->n_choices++] = (PwSpaceStatus) s;
      gtk_string_list_append (labels, pw_space_status_get_label ((PwSpaceStatus) s));
    }
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (labels));

  /* Translators: e.g. "T1-F03-015 is Leased since 2024-03-01." */
  if (pw_space_get_status_since (space) != NULL && *pw_space_get_status_since (space) != '\0')
    intro = g_strdup_printf (_("%s is %s since %s."), pw_space_get_code (space),
                             pw_space_get_status_label (space), pw_space_get_status_since (space));
  else
    /* Translators: e.g. "T1-F03-015 is Leased." */
    intro = g_strdup_printf (_("%s is %s."), pw_space_get_code (space),
                             pw_space_get_status_label (space));
  gtk_label_set_text (self->space_label, intro);

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));

  return self;
}

gboolean
pw_status_dialog_set_values (PwStatusDialog *self,
                             PwSpaceStatus   status,
                             const char     *effective_date,
                             const char     *reason)
{
  g_return_val_if_fail (PW_IS_STATUS_DIALOG (self), FALSE);

  for (guint i = 0; i < self->n_choices; i++)
    if (self->choices[i] == status)
      gtk_drop_down_set_selected (self->status_dropdown, i);
  if (effective_date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->date_row), effective_date);
  if (reason != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->reason_row), reason);

  return validate (self);
}

gboolean
pw_status_dialog_is_valid (PwStatusDialog *self)
{
  g_return_val_if_fail (PW_IS_STATUS_DIALOG (self), FALSE);
  return validate (self);
}

gboolean
pw_status_dialog_apply (PwStatusDialog *self,
                        GError        **error)
{
  g_autofree char *reason = NULL;
  guint selected;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STATUS_DIALOG (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->reason_touched = TRUE;
  if (!validate (self))
    {
      g_set_error_literal (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                           _("Choose a status, a valid date and give a reason"));
      return FALSE;
    }

  selected = gtk_drop_down_get_selected (self->status_dropdown);
  reason = get_reason (self);
  pw_store_record_begin (self->store);
  ok = pw_ledger_change_status (self->store, pw_space_get_id (self->space),
                                pw_space_get_version (self->space),
                                self->choices[selected],
                                gtk_editable_get_text (GTK_EDITABLE (self->date_row)),
                                reason, error);
  g_clear_pointer (&self->change, pw_change_unref);
  self->change = pw_store_record_end (self->store);
  if (!ok)
    return FALSE;

  g_signal_emit (self, signals[STATUS_CHANGED], 0);
  return TRUE;
}

PwChange *
pw_status_dialog_get_change (PwStatusDialog *self)
{
  g_return_val_if_fail (PW_IS_STATUS_DIALOG (self), NULL);
  return self->change;
}
