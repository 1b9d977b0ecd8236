/* pw-billing-page-meter-edit.c — Add Meter… and Replace Meter… of the Billing page's
 * Meters section, through the core functions parkwise-cli meter add|replace uses
 * (pw_meter_add(), pw_meter_replace()); docs/billing.md, "The Billing page"
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each is a window of entry rows with a row for the refusal under each; core checks
 * everything (docs/meters.md) and names the field a refusal is about, which is shown
 * under that field while the window stays open.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-billing-page-private.h"
#include "pw-error.h"
#include "pw-ledger.h"
#include "pw-meter.h"
#include "pw-utility.h"

static const char *const kinds[] = { "electricity", "water", "gas", "heat", "other" };

typedef struct
{
  char         *name;       /* the spec's member, or final.<register> / opening.<register> */
  GtkWidget    *row;        /* AdwEntryRow, or AdwComboRow for the kind */
  AdwActionRow *error_row;
} EditField;

struct _PwBillingMeterEdit
{
  PwBillingPage *page;
  GtkWindow     *dialog;
  gboolean       replacing;
  char          *code;      /* the meter replaced */
  GPtrArray     *fields;    /* EditField */
  AdwActionRow  *general_error;
};

static void
edit_field_free (gpointer data)
{
  EditField *field = data;

  g_free (field->name);
  g_free (field);
}

static EditField *
field_named (PwBillingMeterEdit *edit, const char *name)
{
  for (guint i = 0; edit->fields != NULL && i < edit->fields->len; i++)
    {
      EditField *field = edit->fields->pdata[i];

      if (g_strcmp0 (field->name, name) == 0)
        return field;
    }
  return NULL;
}

static const char *
text_of (PwBillingMeterEdit *edit, const char *name)
{
  EditField *field = field_named (edit, name);

  return field != NULL && ADW_IS_ENTRY_ROW (field->row) ? gtk_editable_get_text (GTK_EDITABLE (field->row)) : "";
}

static GError *
field_error (const char *field, const char *message)
{
  GError *error = g_error_new_literal (PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD, message);

  pw_ledger_error_set_field (error, field);
  return error;
}

/* "A, B" as ["A", "B"]; NULL when empty */
static JsonArray *
list_of (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text != NULL ? text : "", ",", -1);
  JsonArray *array = json_array_new ();

  for (char **p = parts; *p != NULL; p++)
    {
      g_strstrip (*p);
      if (**p != '\0')
        json_array_add_string_element (array, *p);
    }
  if (json_array_get_length (array) == 0)
    g_clear_pointer (&array, json_array_unref);
  return array;
}

static gboolean
whole_number (const char *text, const char *field, gint64 *value, GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  *value = 0;
  if (*trimmed == '\0')
    return TRUE;
  if (!g_ascii_string_to_signed (trimmed, 10, 0, G_MAXINT32, value, NULL))
    {
      g_propagate_error (error, field_error (field, _("must be a whole number")));
      return FALSE;
    }
  return TRUE;
}

/* ---- adding ---- */

static char *
add_meter (PwBillingMeterEdit *edit, GError **error)
{
  static const char *const strings[] = { "code", "serial", "location", "ct", "pt", "multiplier",
                                         "master", "customer", "tariff" };
  PwStore *store = pw_billing_page_store (edit->page);
  g_autoptr(JsonObject) spec = json_object_new ();
  EditField *kind = field_named (edit, "kind");
  guint k = kind != NULL ? adw_combo_row_get_selected (ADW_COMBO_ROW (kind->row)) : 0;
  gint64 digits = 0, route = 0;
  JsonArray *list;

  if (store == NULL || pw_billing_page_park (edit->page) == NULL)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD, _("No park is open"));
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_autofree char *value = g_strstrip (g_strdup (text_of (edit, strings[i])));

      if (*value != '\0')
        json_object_set_string_member (spec, strings[i], value);
    }
  json_object_set_string_member (spec, "kind", kinds[k < G_N_ELEMENTS (kinds) ? k : 0]);
  if (!whole_number (text_of (edit, "digits"), "digits", &digits, error)
      || !whole_number (text_of (edit, "route_order"), "route_order", &route, error))
    return NULL;
  json_object_set_int_member (spec, "digits", digits);
  json_object_set_int_member (spec, "decimals", 0);
  json_object_set_int_member (spec, "route_order", route);
  json_object_set_boolean_member (spec, "common", FALSE);
  if ((list = list_of (text_of (edit, "registers"))) != NULL)
    json_object_set_array_member (spec, "registers", list);
  if ((list = list_of (text_of (edit, "spaces"))) != NULL)
    json_object_set_array_member (spec, "spaces", list);
  return pw_meter_add (store, pw_billing_page_park (edit->page), spec, error);
}

/* ---- replacing ---- */

static JsonObject *
values_of (PwBillingMeterEdit *edit, const char *which)
{
  g_autofree char *prefix = g_strconcat (which, ".", NULL);
  JsonObject *values = json_object_new ();

  for (guint i = 0; i < edit->fields->len; i++)
    {
      EditField *field = edit->fields->pdata[i];

      if (g_str_has_prefix (field->name, prefix))
        {
          g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->row))));

          json_object_set_string_member (values, field->name + strlen (prefix), value);
        }
    }
  return values;
}

static gboolean
replace_meter (PwBillingMeterEdit *edit, GError **error)
{
  PwStore *store = pw_billing_page_store (edit->page);
  g_autoptr(JsonObject) final = NULL, opening = NULL;
  g_autofree char *serial = g_strstrip (g_strdup (text_of (edit, "serial")));
  g_autofree char *multiplier = g_strstrip (g_strdup (text_of (edit, "multiplier")));
  g_autofree char *date = g_strstrip (g_strdup (text_of (edit, "date")));
  g_autoptr(GError) local = NULL;

  if (store == NULL || edit->code == NULL)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD, _("No meter is selected"));
      return FALSE;
    }
  final = values_of (edit, "final");
  opening = values_of (edit, "opening");
  /* an empty reading is named at its field before core is asked */
  for (int pass = 0; pass < 2; pass++)
    {
      JsonObject *values = pass == 0 ? final : opening;
      const char *which = pass == 0 ? "final" : "opening";
      g_autoptr(GList) members = json_object_get_members (values);

      for (GList *l = members; l != NULL; l = l->next)
        if (*json_object_get_string_member (values, l->data) == '\0')
          {
            g_autofree char *name = g_strconcat (which, ".", l->data, NULL);

            g_propagate_error (error, field_error (name, _("A reading is needed")));
            return FALSE;
          }
    }
  if (pw_meter_replace (store, pw_billing_page_park (edit->page), edit->code, date, final, opening,
                        *serial != '\0' ? serial : NULL, *multiplier != '\0' ? multiplier : NULL, &local))
    return TRUE;
  /* core names the reading ("final", "opening") or the field */
  if (local->domain == PW_LEDGER_ERROR && (g_strcmp0 (pw_ledger_error_get_field (local), "final") == 0
                                           || g_strcmp0 (pw_ledger_error_get_field (local), "opening") == 0))
    {
      g_autofree char *name = g_strconcat (pw_ledger_error_get_field (local), ".", PW_UTILITY_TOTAL, NULL);

      pw_ledger_error_set_field (local, name);
    }
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* ---- the window ---- */

static void
show_error (PwBillingMeterEdit *edit, const GError *error)
{
  const char *name = error->domain == PW_LEDGER_ERROR ? pw_ledger_error_get_field (error) : NULL;
  EditField *field = NULL;

  if (g_strcmp0 (name, "route") == 0)
    name = "route_order";
  if (g_strcmp0 (name, "date") == 0 || g_strcmp0 (name, "replaced_on") == 0)
    name = "date";
  if (name != NULL && (field = field_named (edit, name)) == NULL && edit->replacing)
    {
      /* a register's reading core names by its register alone */
      g_autofree char *final = g_strconcat ("final.", name, NULL);

      field = field_named (edit, final);
    }
  if (field != NULL)
    {
      pw_ui_show_field_error (field->row, field->error_row, error->message);
      return;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (edit->general_error), error->message);
  gtk_widget_set_visible (GTK_WIDGET (edit->general_error), TRUE);
}

static gboolean
submit (PwBillingMeterEdit *edit)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  gboolean done;

  for (guint i = 0; i < edit->fields->len; i++)
    {
      EditField *field = edit->fields->pdata[i];

      pw_ui_show_field_error (field->row, field->error_row, NULL);
    }
  gtk_widget_set_visible (GTK_WIDGET (edit->general_error), FALSE);
  if (edit->replacing)
    {
      code = g_strdup (edit->code);
      done = replace_meter (edit, &error);
      /* Translators: a toast: a meter's code and the day it was replaced */
      message = done ? g_strdup_printf (_("Meter %s replaced on %s"), code, text_of (edit, "date")) : NULL;
    }
  else
    {
      g_autofree char *id = add_meter (edit, &error);

      done = id != NULL;
      code = g_strstrip (g_strdup (text_of (edit, "code")));
      /* Translators: a toast: a meter's code */
      message = done ? g_strdup_printf (_("Meter %s added"), code) : NULL;
    }
  if (!done)
    {
      show_error (edit, error);
      return FALSE;
    }
  gtk_window_destroy (edit->dialog);
  /* the store's change reloads at idle; show the meter at once */
  pw_billing_page_reload (edit->page);
  pw_billing_page_select_meter (edit->page, code);
  pw_billing_page_show_toast (edit->page, message);
  return TRUE;
}

static void
submit_clicked_cb (GtkButton *button, PwBillingMeterEdit *edit)
{
  submit (edit);
}

static void
entry_activated_cb (AdwEntryRow *row, PwBillingMeterEdit *edit)
{
  submit (edit);
}

static void
dialog_destroyed_cb (GtkWidget *dialog, PwBillingMeterEdit *edit)
{
  edit->dialog = NULL;
  edit->general_error = NULL;
  g_clear_pointer (&edit->fields, g_ptr_array_unref);
  g_clear_pointer (&edit->code, g_free);
}

static EditField *
add_entry (PwBillingMeterEdit *edit, GtkWidget *list, const char *name, const char *title,
           const char *text)
{
  EditField *field = g_new0 (EditField, 1);

  field->name = g_strdup (name);
  field->row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), title);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (field->row), text);
  g_signal_connect (field->row, "entry-activated", G_CALLBACK (entry_activated_cb), edit);
  gtk_list_box_append (GTK_LIST_BOX (list), field->row);
  field->error_row = pw_ui_error_row (list);
  g_ptr_array_add (edit->fields, field);
  return field;
}

static GtkWidget *
new_list (GtkWidget *box, const char *heading)
{
  GtkWidget *list = gtk_list_box_new ();

  if (heading != NULL)
    {
      GtkWidget *label = gtk_label_new (heading);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (box), list);
  return list;
}

static void
add_meter_fields (PwBillingMeterEdit *edit, GtkWidget *box)
{
  static const char *const kind_labels[] = { N_("Electricity"), N_("Water"), N_("Gas"), N_("Heat"),
                                             N_("Other") };
  g_autoptr(GtkStringList) kind_list = gtk_string_list_new (NULL);
  GtkWidget *list = new_list (box, NULL);
  EditField *kind = g_new0 (EditField, 1);

  add_entry (edit, list, "code", _("Code"), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    gtk_string_list_append (kind_list, _(kind_labels[i]));
  kind->name = g_strdup ("kind");
  kind->row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind->row), _("Kind"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind->row), G_LIST_MODEL (kind_list));
  gtk_list_box_append (GTK_LIST_BOX (list), kind->row);
  kind->error_row = pw_ui_error_row (list);
  g_ptr_array_add (edit->fields, kind);
  add_entry (edit, list, "location", _("Location (space, floor or building code)"), NULL);
  add_entry (edit, list, "serial", _("Serial Number"), NULL);

  list = new_list (box, _("Multiplier and Dial"));
  add_entry (edit, list, "ct", _("CT Ratio (e.g. 200/5)"), NULL);
  add_entry (edit, list, "pt", _("PT Ratio (e.g. 10000/100)"), NULL);
  add_entry (edit, list, "multiplier", _("Multiplier (empty: CT × PT, or 1)"), NULL);
  add_entry (edit, list, "digits", _("Whole Digits on the Dial"), NULL);
  add_entry (edit, list, "registers", _("Time-of-Use Registers (e.g. peak, flat, valley)"), NULL);

  list = new_list (box, _("What It Charges"));
  add_entry (edit, list, "master", _("Master Meter (code)"), NULL);
  add_entry (edit, list, "customer", _("Customer (name)"), NULL);
  add_entry (edit, list, "spaces", _("Spaces (codes, separated by commas)"), NULL);
  add_entry (edit, list, "tariff", _("Tariff (code)"), NULL);
  add_entry (edit, list, "route_order", _("Place in the Meter Round"), NULL);
}

static void
replace_fields (PwBillingMeterEdit *edit, GtkWidget *box, PwMeterRecord *meter)
{
  const char *const *registers = pw_meter_record_get_registers (meter);
  g_autofree char *today = pw_today_iso ();
  GtkWidget *list = new_list (box, NULL);

  add_entry (edit, list, "date", _("Date Replaced"), today);
  for (int pass = 0; pass < 2; pass++)
    {
      const char *which = pass == 0 ? "final" : "opening";
      g_autofree char *total = g_strconcat (which, ".", PW_UTILITY_TOTAL, NULL);

      list = new_list (box, pass == 0 ? _("The Old Meter’s Final Reading")
                                      : _("The New Meter’s Opening Reading"));
      add_entry (edit, list, total, _("Total"), NULL);
      for (guint i = 0; registers != NULL && registers[i] != NULL; i++)
        {
          g_autofree char *name = g_strconcat (which, ".", registers[i], NULL);

          add_entry (edit, list, name, registers[i], NULL);
        }
    }
  list = new_list (box, _("The New Meter"));
  add_entry (edit, list, "serial", _("Serial Number (empty: unchanged)"), NULL);
  add_entry (edit, list, "multiplier", _("Multiplier (empty: unchanged)"), NULL);
}

static void
open_dialog (PwBillingMeterEdit *edit, gboolean replacing)
{
  GtkWidget *window, *header, *cancel, *done, *box, *content;
  PwMeterRecord *meter = pw_billing_page_get_selected_meter (edit->page);
  g_autofree char *title = NULL;

  if (edit->dialog != NULL)
    gtk_window_destroy (edit->dialog);
  if (replacing && meter == NULL)
    return;
  edit->replacing = replacing;
  edit->fields = g_ptr_array_new_with_free_func (edit_field_free);
  if (replacing)
    {
      edit->code = g_strdup (pw_meter_record_get_code (meter));
      /* Translators: the title of Replace Meter…'s window; %s is the meter's code */
      title = g_strdup_printf (_("Replace Meter %s"), edit->code);
    }
  else
    title = g_strdup (_("Add Meter"));
  window = adw_window_new ();
  edit->dialog = GTK_WINDOW (window);
  gtk_window_set_title (edit->dialog, title);
  gtk_window_set_modal (edit->dialog, TRUE);
  gtk_window_set_transient_for (edit->dialog, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (edit->page))));
  gtk_window_set_default_size (edit->dialog, 460, 620);
  g_signal_connect (window, "destroy", G_CALLBACK (dialog_destroyed_cb), edit);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  done = gtk_button_new_with_mnemonic (replacing ? _("_Replace") : _("_Add"));
  gtk_widget_add_css_class (done, "suggested-action");
  g_signal_connect (done, "clicked", G_CALLBACK (submit_clicked_cb), edit);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), done);
  gtk_box_append (GTK_BOX (box), header);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  if (replacing)
    replace_fields (edit, content, meter);
  else
    add_meter_fields (edit, content);
  edit->general_error = pw_ui_error_row (new_list (content, NULL));

  pw_ui_form_window_set_body (window, box, content);
  gtk_window_present (edit->dialog);
}

/* ---- the commands ---- */

static void
edit_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PwBillingPage *page = PW_BILLING_PAGE (widget);
  PwBillingMeterEdit *edit = pw_billing_page_meter_edit (page);

  if (edit == NULL || pw_billing_page_store (page) == NULL)
    return;
  pw_billing_page_show_section (page, "meters");
  open_dialog (edit, g_str_equal (action_name, "billing.replace-meter"));
}

void
pw_billing_meter_edit_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "billing.add-meter", NULL, edit_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_ALT_MASK, "billing.add-meter", NULL);
  gtk_widget_class_install_action (widget_class, "billing.replace-meter", NULL, edit_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_ALT_MASK, "billing.replace-meter", NULL);
}

void
pw_billing_meter_edit_update (PwBillingPage *page)
{
  gboolean open = pw_billing_page_store (page) != NULL && pw_billing_page_park (page) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (page), "billing.add-meter", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "billing.replace-meter",
                                 open && pw_billing_page_get_selected_meter (page) != NULL);
}

PwBillingMeterEdit *
pw_billing_meter_edit_new (PwBillingPage *page)
{
  PwBillingMeterEdit *edit = g_new0 (PwBillingMeterEdit, 1);

  edit->page = page;
  return edit;
}

void
pw_billing_meter_edit_free (PwBillingMeterEdit *edit)
{
  if (edit == NULL)
    return;
  if (edit->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (edit->dialog, edit);
      gtk_window_destroy (edit->dialog);
    }
  g_clear_pointer (&edit->fields, g_ptr_array_unref);
  g_free (edit->code);
  g_free (edit);
}

/* Public API */

GtkWindow *
pw_billing_page_open_meter_dialog (PwBillingPage *self, gboolean replace)
{
  PwBillingMeterEdit *edit;

  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  edit = pw_billing_page_meter_edit (self);
  gtk_widget_activate_action (GTK_WIDGET (self), replace ? "billing.replace-meter" : "billing.add-meter", NULL);
  return edit->dialog;
}

gboolean
pw_billing_page_set_meter_field (PwBillingPage *self, const char *name, const char *text)
{
  EditField *field;

  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), FALSE);
  field = field_named (pw_billing_page_meter_edit (self), name);
  if (field == NULL)
    return FALSE;
  if (ADW_IS_COMBO_ROW (field->row))
    {
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        if (g_strcmp0 (kinds[i], text) == 0)
          {
            adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), i);
            return TRUE;
          }
      return FALSE;
    }
  gtk_editable_set_text (GTK_EDITABLE (field->row), text);
  return TRUE;
}

gboolean
pw_billing_page_submit_meter_dialog (PwBillingPage *self)
{
  PwBillingMeterEdit *edit;

  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), FALSE);
  edit = pw_billing_page_meter_edit (self);
  return edit->dialog != NULL && submit (edit);
}

const char *
pw_billing_page_get_meter_field_error (PwBillingPage *self, const char *name)
{
  PwBillingMeterEdit *edit;
  EditField *field;

  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  edit = pw_billing_page_meter_edit (self);
  if (name == NULL)
    return edit->general_error != NULL && gtk_widget_get_visible (GTK_WIDGET (edit->general_error))
             ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (edit->general_error)) : NULL;
  field = field_named (edit, name);
  if (field == NULL || !gtk_widget_get_visible (GTK_WIDGET (field->error_row)))
    return NULL;
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (field->error_row));
}
