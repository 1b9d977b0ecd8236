/* pw-equipment-dialog.c — add a piece of equipment, or retire one
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form is a list of entry rows named by core's field names, each with an
 * error row under it. Core validates (pw_equipment_create, pw_equipment_retire)
 * and its errors name their field (pw_ledger_error_get_field), so a refusal is
 * shown under the row it is about without reading the message.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-date-picker.h"
#include "pw-equipment-dialog.h"
#include "pw-ledger.h"
#include "pw-money.h"
#include "pw-ui.h"

typedef struct {
  const char *field;
  const char *title;
  gboolean    date;
} FieldSpec;

static const FieldSpec add_fields[] = {
  { "code", N_("Code"), FALSE },
  { "name", N_("Name"), FALSE },
  { "category", N_("Category (lift, chiller, fire_pump…)"), FALSE },
  { "serial", N_("Serial number"), FALSE },
  { "install_date", N_("Installed on (YYYY-MM-DD)"), TRUE },
  { "space_id", N_("Space code"), FALSE },
  { "original_value", N_("Original value"), FALSE },
};

static const FieldSpec retire_fields[] = {
  { "date", N_("Retired on (YYYY-MM-DD)"), TRUE },
  { "reason", N_("Reason"), FALSE },
};

struct _PwEquipmentDialog
{
  AdwWindow     parent_instance;

  PwStore      *store;
  char         *park_id;
  PwEquipment  *item;          /* the item retired; NULL when adding */
  PwChange     *change;        /* what apply wrote, for its Undo */
  GHashTable   *rows;          /* field → AdwEntryRow */
  GHashTable   *error_rows;    /* field → AdwActionRow */
  GtkLabel     *error_label;
  GtkWidget    *apply_button;
};

G_DEFINE_FINAL_TYPE (PwEquipmentDialog, pw_equipment_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
row_text (PwEquipmentDialog *self,
          const char        *field)
{
  return gtk_editable_get_text (GTK_EDITABLE (g_hash_table_lookup (self->rows, field)));
}

static void
clear_errors (PwEquipmentDialog *self)
{
  GHashTableIter iter;
  gpointer field, row;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &field, &row))
    pw_ui_show_field_error (row, g_hash_table_lookup (self->error_rows, field), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

/* Puts @error under its field's row, or above the form when it names none of them. */
static void
show_error (PwEquipmentDialog *self,
            const GError      *error)
{
  const char *field = pw_ledger_error_get_field (error);
  AdwEntryRow *row = field ? g_hash_table_lookup (self->rows, field) : NULL;

  if (row != NULL)
    {
      pw_ui_show_field_error (GTK_WIDGET (row), g_hash_table_lookup (self->error_rows, field),
                              error->message);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
  else
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

static void
field_error (GError    **error,
             const char *field,
             const char *message)
{
  g_set_error_literal (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD, message);
  pw_ledger_error_set_field (*error, field);
}

static char *
apply_add (PwEquipmentDialog *self,
           GError           **error)
{
  static const char *const texts[] = { "code", "name", "category", "serial", "install_date", NULL };
  g_autoptr(JsonObject) fields = json_object_new ();
  const char *space_code = row_text (self, "space_id");
  const char *value = row_text (self, "original_value");

  for (guint i = 0; texts[i] != NULL; i++)
    json_object_set_string_member (fields, texts[i], row_text (self, texts[i]));

  if (space_code != NULL && *space_code != '\0')
    {
      g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (self->store, self->park_id, error);
      g_autofree char *trimmed = g_strstrip (g_strdup (space_code));
      const char *space_id = NULL;

      if (spaces == NULL)
        return NULL;
      for (guint i = 0; i < spaces->len && space_id == NULL; i++)
        if (g_str_equal (pw_space_get_code (spaces->pdata[i]), trimmed))
          space_id = pw_space_get_id (spaces->pdata[i]);
      if (space_id == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("No space with code “%s”"), trimmed);

          field_error (error, "space_id", message);
          return NULL;
        }
      json_object_set_string_member (fields, "space_id", space_id);
    }

  if (value != NULL && *value != '\0')
    {
      g_autofree char *currency = pw_equipment_get_park_currency (self->store, self->park_id, error);
      g_autoptr(GError) local = NULL;
      gint64 minor = 0;

      if (currency == NULL)
        return NULL;
      if (!pw_money_parse (value, currency, &minor, &local))
        {
          field_error (error, "original_value", local->message);
          return NULL;
        }
      json_object_set_int_member (fields, "original_value", minor);
    }

  return pw_equipment_create (self->store, self->park_id, fields, error);
}

gboolean
pw_equipment_dialog_apply (PwEquipmentDialog *self,
                           GError           **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (PW_IS_EQUIPMENT_DIALOG (self), FALSE);

  clear_errors (self);
  pw_store_record_begin (self->store);
  if (self->item == NULL)
    id = apply_add (self, &local);
  else if (pw_equipment_retire (self->store, pw_equipment_get_id (self->item),
                                pw_equipment_get_version (self->item),
                                row_text (self, "date"), row_text (self, "reason"), &local))
    id = g_strdup (pw_equipment_get_id (self->item));
  g_clear_pointer (&self->change, pw_change_unref);
  self->change = pw_store_record_end (self->store);

  if (id == NULL)
    {
      show_error (self, local);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  g_signal_emit (self, signals[DONE], 0, id);
  return TRUE;
}

static void
apply_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PwEquipmentDialog *self = PW_EQUIPMENT_DIALOG (widget);

  if (pw_equipment_dialog_apply (self, NULL))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
entry_activated_cb (PwEquipmentDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "equipment-dialog.apply", NULL);
}

static void
row_changed_cb (GtkEditable       *row,
                PwEquipmentDialog *self)
{
  const char *field = g_object_get_data (G_OBJECT (row), "pw-field");

  /* an edit answers the refusal of its field */
  pw_ui_show_field_error (GTK_WIDGET (row), g_hash_table_lookup (self->error_rows, field), NULL);
}

static void
build_form (PwEquipmentDialog *self,
            const char        *title,
            const char        *intro,
            const char        *apply_label,
            gboolean           destructive,
            const FieldSpec   *specs,
            guint              n_specs)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->apply_button = gtk_button_new_with_mnemonic (apply_label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->apply_button), "equipment-dialog.apply");
  gtk_widget_add_css_class (self->apply_button, destructive ? "destructive-action" : "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->apply_button);
  gtk_box_append (GTK_BOX (box), header);

  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  if (intro != NULL)
    {
      GtkWidget *label = gtk_label_new (intro);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (content), label);
    }
  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_wrap_mode (self->error_label, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->error_label));

  for (guint i = 0; i < n_specs; i++)
    {
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *error_row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(specs[i].title));
      pw_ui_set_accessible_name (row, _(specs[i].title));
      g_object_set_data (G_OBJECT (row), "pw-field", (gpointer) specs[i].field);
      if (specs[i].date)
        pw_date_picker_attach (ADW_ENTRY_ROW (row));
      g_signal_connect_object (row, "changed", G_CALLBACK (row_changed_cb), self, 0);
      g_signal_connect_object (row, "entry-activated", G_CALLBACK (entry_activated_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (error_row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (error_row), FALSE);
      gtk_widget_add_css_class (error_row, "error");
      gtk_widget_set_visible (error_row, FALSE);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), error_row);
      g_hash_table_insert (self->rows, (gpointer) specs[i].field, row);
      g_hash_table_insert (self->error_rows, (gpointer) specs[i].field, error_row);
    }
  gtk_box_append (GTK_BOX (content), group);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), content);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_widget_grab_focus (g_hash_table_lookup (self->rows, specs[0].field));
}

static void
pw_equipment_dialog_dispose (GObject *object)
{
  PwEquipmentDialog *self = PW_EQUIPMENT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->item);
  g_clear_pointer (&self->change, pw_change_unref);
  G_OBJECT_CLASS (pw_equipment_dialog_parent_class)->dispose (object);
}

PwChange *
pw_equipment_dialog_get_change (PwEquipmentDialog *self)
{
  g_return_val_if_fail (PW_IS_EQUIPMENT_DIALOG (self), NULL);
  return self->change;
}

static void
pw_equipment_dialog_finalize (GObject *object)
{
  PwEquipmentDialog *self = PW_EQUIPMENT_DIALOG (object);

  g_free (self->park_id);
  g_hash_table_unref (self->rows);
  g_hash_table_unref (self->error_rows);
  G_OBJECT_CLASS (pw_equipment_dialog_parent_class)->finalize (object);
}

static void
pw_equipment_dialog_class_init (PwEquipmentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_equipment_dialog_dispose;
  object_class->finalize = pw_equipment_dialog_finalize;

  /**
   * PwEquipmentDialog::done:
   * @id: the item added or retired
   *
   * Emitted once core has written the change, before the dialog closes.
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "equipment-dialog.apply", NULL, apply_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pw_equipment_dialog_init (PwEquipmentDialog *self)
{
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->error_rows = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 460, -1);
}

PwEquipmentDialog *
pw_equipment_dialog_new_add (GtkWindow  *parent,
                             PwStore    *store,
                             const char *park_id)
{
  PwEquipmentDialog *self;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);

  self = g_object_new (PW_TYPE_EQUIPMENT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->park_id = g_strdup (park_id);
  build_form (self, _("New Equipment"), NULL, _("_Add"), FALSE,
              add_fields, G_N_ELEMENTS (add_fields));
  return self;
}

PwEquipmentDialog *
pw_equipment_dialog_new_retire (GtkWindow   *parent,
                                PwStore     *store,
                                PwEquipment *item)
{
  PwEquipmentDialog *self;
  g_autofree char *intro = NULL;
  g_autofree char *today = pw_today_iso ();

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (PW_IS_EQUIPMENT (item), NULL);

  self = g_object_new (PW_TYPE_EQUIPMENT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->item = g_object_ref (item);
  self->park_id = g_strdup (pw_equipment_get_park_id (item));
  /* Translators: e.g. "T1-EQ-009 Fire pump will be marked disposed; the date and
   * reason stay in its history." */
  intro = g_strdup_printf (_("%s %s will be marked disposed; the date and reason stay in its history."),
                           pw_equipment_get_code (item), pw_equipment_get_name (item));
  build_form (self, _("Retire Equipment"), intro, _("_Retire"), TRUE,
              retire_fields, G_N_ELEMENTS (retire_fields));
  gtk_editable_set_text (GTK_EDITABLE (g_hash_table_lookup (self->rows, "date")), today);
  gtk_widget_grab_focus (g_hash_table_lookup (self->rows, "reason"));
  return self;
}

AdwEntryRow *
pw_equipment_dialog_get_row (PwEquipmentDialog *self,
                             const char        *field)
{
  g_return_val_if_fail (PW_IS_EQUIPMENT_DIALOG (self), NULL);
  return g_hash_table_lookup (self->rows, field);
}

const char *
pw_equipment_dialog_get_field_error (PwEquipmentDialog *self,
                                     const char        *field)
{
  AdwActionRow *error_row;

  g_return_val_if_fail (PW_IS_EQUIPMENT_DIALOG (self), NULL);
  error_row = g_hash_table_lookup (self->error_rows, field);
  if (error_row == NULL || !gtk_widget_get_visible (GTK_WIDGET (error_row)))
    return NULL;
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (error_row));
}
