/* pw-stocktake-dialog.c — record that a space was found (or not) as the ledger has it
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "pw-area.h"
#include "pw-stocktake-dialog.h"
#include "pw-date-picker.h"
#include "pw-ui.h"

struct _PwStocktakeDialog
{
  AdwWindow parent_instance;

  PwStore *store;
  PwSpace *space;
  PwChange *change; /* what apply wrote, for its Undo */
  gboolean square_feet;
  /* the note is only called missing once the user has been there */
  gboolean note_touched;

  GtkLabel *error_label;
  AdwActionRow *code_row;
  GtkLabel *code_label;
  AdwActionRow *area_row;
  GtkLabel *area_label;
  AdwEntryRow *date_row;
  AdwActionRow *date_error_row;
  AdwActionRow *found_row;
  GtkSwitch *found_switch;
  AdwEntryRow *note_row;
  AdwActionRow *note_error_row;
  GtkButton *apply_button;
  GtkButton *cancel_button;
};

G_DEFINE_FINAL_TYPE (PwStocktakeDialog, pw_stocktake_dialog, ADW_TYPE_WINDOW)

enum {
  STOCKTAKE_RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
get_note (PwStocktakeDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));
}

/* The note as the history will read it. */
static char *
compose_note (PwStocktakeDialog *self)
{
  g_autofree char *note = get_note (self);

  if (!gtk_switch_get_active (self->found_switch))
    /* Translators: a stocktake's note in the history; %s says what differs */
    return g_strdup_printf (_("Discrepancy: %s"), note);
  if (*note == '\0')
    return g_strdup (_("Found as recorded."));
  /* Translators: a stocktake's note in the history; %s is the user's remark */
  return g_strdup_printf (_("Found as recorded. %s"), note);
}

/* Checks the form, marks what is wrong, and sets Record's sensitivity. */
static gboolean
validate (PwStocktakeDialog *self)
{
  g_autofree char *note = get_note (self);
  g_autofree char *today = pw_today_iso ();
  g_autofree char *too_late =
    /* Translators: %s is today's date, e.g. 2025-03-01 */
    g_strdup_printf (_("A stocktake cannot be dated in the future; today is %s"), today);
  gboolean found = gtk_switch_get_active (self->found_switch);
  gboolean ok = TRUE;

  if (!pw_ui_check_date_row (self->date_row, self->date_error_row, today, too_late))
    ok = FALSE;

  /* the title says whether the note is needed, before anything is typed */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->note_row),
                                 found ? _("Note (optional)") : _("What differs (required)"));
  if (!found && *note == '\0')
    {
      pw_ui_show_field_error (GTK_WIDGET (self->note_row), self->note_error_row,
                        self->note_touched ? _("Describe what differs from the record") : NULL);
      ok = FALSE;
    }
  else
    pw_ui_show_field_error (GTK_WIDGET (self->note_row), self->note_error_row, NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), ok);
  return ok;
}

static void
form_changed_cb (PwStocktakeDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  validate (self);
}

static void
note_changed_cb (PwStocktakeDialog *self)
{
  self->note_touched = TRUE;
  form_changed_cb (self);
}

static void
apply_clicked_cb (PwStocktakeDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!pw_stocktake_dialog_apply (self, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
entry_activated_cb (PwStocktakeDialog *self)
{
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->apply_button)))
    apply_clicked_cb (self);
}

static void
fill_area (PwStocktakeDialog *self)
{
  g_autofree char *area = pw_area_format_with_unit (pw_space_get_internal_area (self->space),
                                                    self->square_feet);

  gtk_label_set_text (self->area_label, area);
}

static void
pw_stocktake_dialog_dispose (GObject *object)
{
  PwStocktakeDialog *self = PW_STOCKTAKE_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->change, pw_change_unref);
  g_clear_object (&self->space);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_STOCKTAKE_DIALOG);

  G_OBJECT_CLASS (pw_stocktake_dialog_parent_class)->dispose (object);
}

static void
pw_stocktake_dialog_class_init (PwStocktakeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_stocktake_dialog_dispose;

  /**
   * PwStocktakeDialog::stocktake-recorded:
   *
   * Emitted after the stocktake was written, just before the dialog closes.
   */
  signals[STOCKTAKE_RECORDED] =
    g_signal_new ("stocktake-recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parkwise/Parkwise/pw-stocktake-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PwStocktakeDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PwStocktakeDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, PwStocktakeDialog, code_label);
  gtk_widget_class_bind_template_child (widget_class, PwStocktakeDialog, area_row);
  gtk_widget_class_bind_template_child (widget_class, PwStocktakeDialog, area_label);
  gtk_widget_class_bind_template_child (widget_class, PwStocktakeDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, PwStocktakeDialog, date_error_row);
  gtk_widget_class_bind_template_child (widget_class, PwStocktakeDialog, found_row);
  gtk_widget_class_bind_template_child (widget_class, PwStocktakeDialog, found_switch);
  gtk_widget_class_bind_template_child (widget_class, PwStocktakeDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, PwStocktakeDialog, note_error_row);
  gtk_widget_class_bind_template_child (widget_class, PwStocktakeDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, PwStocktakeDialog, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, note_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pw_stocktake_dialog_init (PwStocktakeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  pw_ui_set_accessible_name (GTK_WIDGET (self->apply_button), _("Record Stocktake"));
  pw_ui_set_accessible_name (GTK_WIDGET (self->cancel_button), _("Cancel"));
  pw_ui_set_accessible_name (GTK_WIDGET (self->date_row), _("Stocktake date"));
  pw_date_picker_attach (self->date_row);
  pw_ui_set_accessible_name (GTK_WIDGET (self->found_switch), _("Found as recorded"));
  pw_ui_set_accessible_name (GTK_WIDGET (self->note_row), _("Stocktake note"));
}

PwStocktakeDialog *
pw_stocktake_dialog_new (GtkWindow *parent,
                         PwStore   *store,
                         PwSpace   *space)
{
  PwStocktakeDialog *self;
  g_autofree char *today = pw_today_iso ();

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (PW_IS_SPACE (space), NULL);

  self = g_object_new (PW_TYPE_STOCKTAKE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->space = g_object_ref (space);

  gtk_label_set_text (self->code_label, pw_space_get_code (space));
  if (pw_space_get_name (space) != NULL && *pw_space_get_name (space) != '\0')
    adw_action_row_set_subtitle (self->code_row, pw_space_get_name (space));
  fill_area (self);

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->note_row));

  return self;
}

void
pw_stocktake_dialog_set_square_feet (PwStocktakeDialog *self,
                                     gboolean           square_feet)
{
  g_return_if_fail (PW_IS_STOCKTAKE_DIALOG (self));

  square_feet = !!square_feet;
  if (self->square_feet == square_feet)
    return;
  self->square_feet = square_feet;
  fill_area (self);
}

gboolean
pw_stocktake_dialog_set_values (PwStocktakeDialog *self,
                                const char        *date,
                                gboolean           found_as_recorded,
                                const char        *note)
{
  g_return_val_if_fail (PW_IS_STOCKTAKE_DIALOG (self), FALSE);

  gtk_switch_set_active (self->found_switch, found_as_recorded);
  if (date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  if (note != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->note_row), note);

  return validate (self);
}

gboolean
pw_stocktake_dialog_is_valid (PwStocktakeDialog *self)
{
  g_return_val_if_fail (PW_IS_STOCKTAKE_DIALOG (self), FALSE);
  return validate (self);
}

gboolean
pw_stocktake_dialog_apply (PwStocktakeDialog *self,
                           GError           **error)
{
  g_autofree char *note = NULL;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STOCKTAKE_DIALOG (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->note_touched = TRUE;
  if (!validate (self))
    {
      g_set_error_literal (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                           gtk_switch_get_active (self->found_switch)
                             ? _("Give a valid date, today or earlier")
                             : _("Give a valid date, today or earlier, and say what differs"));
      return FALSE;
    }

  note = compose_note (self);
  pw_store_record_begin (self->store);
  ok = pw_ledger_record_stocktake (self->store, pw_space_get_id (self->space),
                                   gtk_editable_get_text (GTK_EDITABLE (self->date_row)),
                                   note, error);
  g_clear_pointer (&self->change, pw_change_unref);
  self->change = pw_store_record_end (self->store);
  if (!ok)
    return FALSE;

  g_signal_emit (self, signals[STOCKTAKE_RECORDED], 0);
  return TRUE;
}

PwChange *
pw_stocktake_dialog_get_change (PwStocktakeDialog *self)
{
  g_return_val_if_fail (PW_IS_STOCKTAKE_DIALOG (self), NULL);
  return self->change;
}
