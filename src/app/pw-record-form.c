/* pw-record-form.c — a small modal form for one record
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per field in a boxed list, each named after the record's field and
 * followed by a hidden error row "<field>-error". A refusal from core names
 * its field in the GError (pw_ledger_error_get_field), and the form shows the
 * message under that field and stays open; nothing reads the message's text.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-error.h"
#include "pw-record-form.h"
#include "pw-ui.h"

struct _PwRecordForm
{
  AdwWindow             parent_instance;

  GtkListBox           *list;
  GtkLabel             *error_label;
  GPtrArray            *names;       /* field names, in order */
  GHashTable           *rows;        /* name → the widget holding the value */
  GHashTable           *error_rows;  /* name → AdwActionRow */
  AdwActionRow         *hint_row;
  PwRecordFormSaveFunc  save;
  gpointer              user_data;
  char                 *id;
  gint64                version;
  char                 *owner_id;
};

G_DEFINE_FINAL_TYPE (PwRecordForm, pw_record_form, ADW_TYPE_WINDOW)

static void
pw_record_form_finalize (GObject *object)
{
  PwRecordForm *self = PW_RECORD_FORM (object);

  g_ptr_array_unref (self->names);
  g_hash_table_unref (self->rows);
  g_hash_table_unref (self->error_rows);
  g_free (self->id);
  g_free (self->owner_id);

  G_OBJECT_CLASS (pw_record_form_parent_class)->finalize (object);
}

static void
pw_record_form_class_init (PwRecordFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pw_record_form_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
save_clicked_cb (PwRecordForm *self)
{
  pw_record_form_save (self);
}

static void
pw_record_form_init (PwRecordForm *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save_button = gtk_button_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *error_label = gtk_label_new (NULL);
  GtkWidget *list = gtk_list_box_new ();

  self->names = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->error_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->list = GTK_LIST_BOX (list);
  self->error_label = GTK_LABEL (error_label);

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  /* fits a phone: nothing in the form needs more than 360 px */
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 560);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_button_set_use_underline (GTK_BUTTON (save_button), TRUE);
  gtk_widget_set_name (save_button, "save");
  gtk_widget_add_css_class (save_button, "suggested-action");
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self);
  g_signal_connect_swapped (save_button, "clicked", G_CALLBACK (save_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save_button);
  gtk_window_set_default_widget (GTK_WINDOW (self), save_button);

  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (error_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_set_visible (error_label, FALSE);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_start (inner, 12);
  gtk_widget_set_margin_end (inner, 12);
  gtk_widget_set_margin_top (inner, 12);
  gtk_widget_set_margin_bottom (inner, 12);
  gtk_box_append (GTK_BOX (inner), error_label);
  gtk_box_append (GTK_BOX (inner), list);
  adw_clamp_set_child (ADW_CLAMP (clamp), inner);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);
  g_object_set_data (G_OBJECT (self), "pw-save-button", save_button);
}

PwRecordForm *
pw_record_form_new (GtkWidget            *parent,
                    const char           *name,
                    const char           *title,
                    const char           *save_label,
                    PwRecordFormSaveFunc  save,
                    gpointer              user_data)
{
  PwRecordForm *self = g_object_new (PW_TYPE_RECORD_FORM, "title", title, NULL);
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  gtk_widget_set_name (GTK_WIDGET (self), name);
  gtk_button_set_label (g_object_get_data (G_OBJECT (self), "pw-save-button"), save_label);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  self->save = save;
  self->user_data = user_data;
  return self;
}

void
pw_record_form_set_record (PwRecordForm *self,
                           const char   *id,
                           gint64        version)
{
  g_return_if_fail (PW_IS_RECORD_FORM (self));

  g_free (self->id);
  self->id = g_strdup (id);
  self->version = version;
}

const char *
pw_record_form_get_id (PwRecordForm *self)
{
  g_return_val_if_fail (PW_IS_RECORD_FORM (self), NULL);

  return self->id;
}

gint64
pw_record_form_get_version (PwRecordForm *self)
{
  g_return_val_if_fail (PW_IS_RECORD_FORM (self), 0);

  return self->version;
}

void
pw_record_form_set_owner_id (PwRecordForm *self,
                             const char   *owner_id)
{
  g_return_if_fail (PW_IS_RECORD_FORM (self));

  g_free (self->owner_id);
  self->owner_id = g_strdup (owner_id);
}

const char *
pw_record_form_get_owner_id (PwRecordForm *self)
{
  g_return_val_if_fail (PW_IS_RECORD_FORM (self), NULL);

  return self->owner_id;
}

static void
add_field (PwRecordForm *self,
           const char   *name,
           GtkWidget    *row,
           GtkWidget    *value)
{
  GtkWidget *error_row = adw_action_row_new ();
  g_autofree char *error_name = g_strconcat (name, "-error", NULL);

  gtk_widget_set_name (value, name);
  gtk_list_box_append (self->list, row);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (error_row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (error_row), FALSE);
  gtk_widget_add_css_class (error_row, "error");
  gtk_widget_set_visible (error_row, FALSE);
  gtk_widget_set_name (error_row, error_name);
  gtk_list_box_append (self->list, error_row);
  g_ptr_array_add (self->names, g_strdup (name));
  g_hash_table_insert (self->rows, g_strdup (name), value);
  g_hash_table_insert (self->error_rows, g_strdup (name), error_row);
}

GtkWidget *
pw_record_form_add_entry (PwRecordForm *self,
                          const char   *name,
                          const char   *title,
                          const char   *value)
{
  GtkWidget *row = adw_entry_row_new ();

  g_return_val_if_fail (PW_IS_RECORD_FORM (self), NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  add_field (self, name, row, row);
  return row;
}

GtkWidget *
pw_record_form_add_choice (PwRecordForm      *self,
                           const char        *name,
                           const char        *title,
                           const char *const *values,
                           const char *const *labels,
                           const char        *selected)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint chosen = 0;

  g_return_val_if_fail (PW_IS_RECORD_FORM (self), NULL);

  for (guint i = 0; values[i] != NULL; i++)
    {
      gtk_string_list_append (model, labels[i]);
      if (g_strcmp0 (values[i], selected != NULL ? selected : "") == 0)
        chosen = i;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), chosen);
  g_object_set_data_full (G_OBJECT (row), "pw-values", g_strdupv ((char **) values),
                          (GDestroyNotify) g_strfreev);
  add_field (self, name, row, row);
  return row;
}

GtkWidget *
pw_record_form_add_spin (PwRecordForm *self,
                         const char   *name,
                         const char   *title,
                         double        lower,
                         double        upper,
                         double        value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, 1);

  g_return_val_if_fail (PW_IS_RECORD_FORM (self), NULL);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  pw_ui_set_accessible_name (spin, title);
  add_field (self, name, row, spin);
  return spin;
}

void
pw_record_form_add_hint (PwRecordForm *self,
                         const char   *name)
{
  GtkWidget *row = adw_action_row_new ();

  g_return_if_fail (PW_IS_RECORD_FORM (self));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_name (row, name);
  gtk_widget_set_visible (row, FALSE);
  gtk_list_box_append (self->list, row);
  self->hint_row = ADW_ACTION_ROW (row);
}

void
pw_record_form_set_hint (PwRecordForm *self,
                         const char   *text,
                         gboolean      warning)
{
  g_return_if_fail (PW_IS_RECORD_FORM (self));
  g_return_if_fail (self->hint_row != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->hint_row), text != NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->hint_row), text != NULL ? text : "");
  if (warning)
    gtk_widget_add_css_class (GTK_WIDGET (self->hint_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->hint_row), "warning");
}

char *
pw_record_form_dup_text (PwRecordForm *self,
                         const char   *name)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, name);

  g_return_val_if_fail (GTK_IS_EDITABLE (row), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

const char *
pw_record_form_get_choice (PwRecordForm *self,
                           const char   *name)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, name);
  char **values;
  guint selected;

  g_return_val_if_fail (ADW_IS_COMBO_ROW (row), NULL);

  values = g_object_get_data (G_OBJECT (row), "pw-values");
  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));
  if (selected >= g_strv_length (values) || values[selected][0] == '\0')
    return NULL;
  return values[selected];
}

gint64
pw_record_form_get_int (PwRecordForm *self,
                        const char   *name)
{
  GtkWidget *spin = g_hash_table_lookup (self->rows, name);

  g_return_val_if_fail (GTK_IS_SPIN_BUTTON (spin), 0);

  return gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin));
}

void
pw_record_form_show_error (PwRecordForm *self,
                           const GError *error)
{
  const char *field = pw_ledger_error_get_field (error);
  GtkWidget *row = field != NULL ? g_hash_table_lookup (self->rows, field) : NULL;

  g_return_if_fail (PW_IS_RECORD_FORM (self));

  if (row != NULL)
    {
      pw_ui_show_field_error (row, g_hash_table_lookup (self->error_rows, field), error->message);
      gtk_widget_grab_focus (row);
      return;
    }
  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

gboolean
pw_record_form_save (PwRecordForm *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PW_IS_RECORD_FORM (self), FALSE);

  for (guint i = 0; i < self->names->len; i++)
    {
      const char *name = g_ptr_array_index (self->names, i);

      pw_ui_show_field_error (g_hash_table_lookup (self->rows, name),
                              g_hash_table_lookup (self->error_rows, name), NULL);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  if (!self->save (self, self->user_data, &error))
    {
      pw_record_form_show_error (self, error);
      return FALSE;
    }
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

void
pw_record_form_present (PwRecordForm *self)
{
  g_return_if_fail (PW_IS_RECORD_FORM (self));

  gtk_window_present (GTK_WINDOW (self));
  if (self->names->len > 0)
    gtk_widget_grab_focus (g_hash_table_lookup (self->rows, g_ptr_array_index (self->names, 0)));
}
