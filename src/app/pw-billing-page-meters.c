/* pw-billing-page-meters.c — the Billing page's Meters and Readings section: the
 * park's meters in route order as PwMeterRecord (pw_meter_records_load()), a reading
 * form for the selected meter made for a meter round by keyboard, and Import
 * Readings… from CSV with a preview of every bad row (docs/billing.md, "Meters and
 * readings"; the rules are core's, docs/meters.md)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   item_store (GListStore of PwMeterRecord) → selection → list_view
 *
 * Enter in the form's last field saves the reading through pw_meter_reading_add()
 * and moves to the next meter. A refusal is shown under the field core names; a
 * lower reading ("rollover") or an unusual one ("confirmed") can then be confirmed
 * and saved with the actions billing.confirm-rollover and billing.confirm-reading.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-billing-page-private.h"
#include "pw-error.h"
#include "pw-meter-record.h"
#include "pw-meter.h"

typedef struct
{
  GtkWidget    *row;       /* AdwEntryRow */
  AdwActionRow *error_row;
  char         *field;     /* "date", "total" or a register */
} Field;

typedef struct
{
  PwBillingPage      *page;
  gboolean            reloading;
  GListStore         *item_store;
  GtkSingleSelection *selection;
  GtkListView        *list_view;
  GtkStack           *list_stack;
  GtkLabel           *count_label;

  GtkLabel           *meter_label;
  GtkLabel           *last_label;
  GtkListBox         *form_list;
  GPtrArray          *fields;       /* Field: the date, then the values */
  char               *form_code;    /* the meter the form is for */
  char               *date;         /* the round's date, kept from meter to meter */
  GtkWidget          *confirm_box;
  GtkWidget          *rollover_button;
  GtkWidget          *unusual_button;
  char               *refused;      /* "rollover", "confirmed" or NULL */
  gboolean            rollover_ok;
  gboolean            unusual_ok;

  AdwMessageDialog   *import_dialog;
  GBytes             *import_data;
  guint               import_n_problems;

  PwBillingMeterEdit *edit;         /* Add Meter…, Replace Meter… (pw-billing-page-meter-edit.c) */
} Meters;

static Meters *
meters_of (PwBillingPage *page)
{
  return pw_billing_page_section_data (page, &pw_billing_meters_section);
}

static PwMeterRecord *
selected (Meters *meters)
{
  return meters->selection != NULL ? gtk_single_selection_get_selected_item (meters->selection) : NULL;
}

static void
field_free (gpointer data)
{
  Field *field = data;

  g_free (field->field);
  g_free (field);
}

static Field *
field_named (Meters *meters, const char *name)
{
  for (guint i = 0; meters->fields != NULL && i < meters->fields->len; i++)
    {
      Field *field = g_ptr_array_index (meters->fields, i);

      if (g_strcmp0 (field->field, name) == 0)
        return field;
    }
  return NULL;
}

/* ---- the list ---- */

static void
item_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "numeric");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (list_item, box);
}

static char *
last_reading_text (PwMeterRecord *record)
{
  const char *total = pw_meter_record_get_last_total (record);
  const char *unit = pw_meter_record_get_unit (record);
  g_autofree char *value = NULL;

  if (pw_meter_record_get_last_date (record) == NULL)
    return g_strdup (_("No reading yet"));
  value = *unit != '\0' ? g_strdup_printf ("%s %s", total != NULL ? total : "—", unit)
                         : g_strdup (total != NULL ? total : "—");
  /* Translators: a meter's last reading (its total and unit) and its date */
  return g_strdup_printf (_("Last %s on %s"), value, pw_meter_record_get_last_date (record));
}

static char *
meter_title (PwMeterRecord *record)
{
  const char *location = pw_meter_record_get_location (record);

  /* Translators: a meter's code, kind and location, e.g. "E-01 · electricity · T1-F03" */
  return g_strdup_printf (_("%s · %s · %s"), pw_meter_record_get_code (record),
                          pw_meter_record_get_kind_label (record), *location ? location : "—");
}

static void
item_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  PwMeterRecord *record = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  g_autofree char *title = meter_title (record);
  g_autofree char *last = last_reading_text (record);
  g_autofree char *name = g_strdup_printf ("%s, %s", title, last);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), title);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), last);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
update_count (Meters *meters)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (meters->item_store));
  g_autofree char *text = g_strdup_printf (ngettext ("%u meter in route order",
                                                     "%u meters in route order", n), n);

  gtk_label_set_text (meters->count_label, text);
  gtk_stack_set_visible_child_name (meters->list_stack, n > 0 ? "list" : "empty");
}

static void meters_reload (PwBillingPage *page, gpointer data);

/* ---- the form ---- */

static void
meters_update (PwBillingPage *page, gpointer data)
{
  Meters *meters = data;
  gboolean has_store = pw_billing_page_store (page) != NULL;
  gboolean has_meter = meters != NULL && has_store && selected (meters) != NULL
                       && meters->form_code != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (page), "billing.save-reading", has_meter);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "billing.confirm-rollover",
                                 has_meter && g_strcmp0 (meters->refused, "rollover") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "billing.confirm-reading",
                                 has_meter && g_strcmp0 (meters->refused, "confirmed") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "billing.import-readings",
                                 has_store && pw_billing_page_park (page) != NULL);
  pw_billing_meter_edit_update (page);
}

static void
set_refused (Meters *meters, const char *refused)
{
  g_free (meters->refused);
  meters->refused = g_strdup (refused);
  gtk_widget_set_visible (meters->confirm_box, refused != NULL);
  gtk_widget_set_visible (meters->rollover_button, g_strcmp0 (refused, "rollover") == 0);
  gtk_widget_set_visible (meters->unusual_button, g_strcmp0 (refused, "confirmed") == 0);
  meters_update (meters->page, meters);
}

static void
clear_errors (Meters *meters)
{
  for (guint i = 0; i < meters->fields->len; i++)
    {
      Field *field = g_ptr_array_index (meters->fields, i);

      pw_ui_show_field_error (field->row, field->error_row, NULL);
    }
  set_refused (meters, NULL);
}

static void
value_changed_cb (GtkEditable *editable, Meters *meters)
{
  /* a confirmation is of the value it was given for */
  if (meters->reloading)
    return;
  meters->rollover_ok = meters->unusual_ok = FALSE;
  if (meters->refused != NULL || gtk_widget_has_css_class (GTK_WIDGET (editable), "error"))
    clear_errors (meters);
}

static void
date_changed_cb (GtkEditable *editable, Meters *meters)
{
  if (meters->reloading)
    return;
  g_free (meters->date);
  meters->date = g_strdup (gtk_editable_get_text (editable));
}

static void
entry_activated_cb (AdwEntryRow *row, Meters *meters)
{
  /* Enter goes to the next empty field, and saves from the last one */
  for (guint i = 0; i < meters->fields->len; i++)
    {
      Field *field = g_ptr_array_index (meters->fields, i);

      if (field->row != GTK_WIDGET (row))
        continue;
      if (i + 1 < meters->fields->len)
        {
          Field *next = g_ptr_array_index (meters->fields, i + 1);

          if (*gtk_editable_get_text (GTK_EDITABLE (next->row)) == '\0')
            {
              gtk_widget_grab_focus (next->row);
              return;
            }
        }
      break;
    }
  gtk_widget_activate_action (GTK_WIDGET (meters->page), "billing.save-reading", NULL);
}

static Field *
add_field (Meters *meters, const char *name, const char *title)
{
  Field *field = g_new0 (Field, 1);

  field->field = g_strdup (name);
  field->row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (field->row), FALSE);
  field->error_row = ADW_ACTION_ROW (adw_action_row_new ());
  gtk_widget_add_css_class (GTK_WIDGET (field->error_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (field->error_row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (field->error_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (field->error_row), FALSE);
  g_object_set (field->error_row, "title-lines", 0, NULL);
  gtk_list_box_append (meters->form_list, field->row);
  gtk_list_box_append (meters->form_list, GTK_WIDGET (field->error_row));
  g_signal_connect (field->row, "entry-activated", G_CALLBACK (entry_activated_cb), meters);
  g_ptr_array_add (meters->fields, field);
  return field;
}

static void
build_form (Meters *meters)
{
  PwMeterRecord *record = selected (meters);
  const char *const *registers;
  Field *date;

  pw_billing_page_clear_list (meters->form_list);
  g_ptr_array_set_size (meters->fields, 0);
  g_clear_pointer (&meters->form_code, g_free);
  meters->rollover_ok = meters->unusual_ok = FALSE;
  set_refused (meters, NULL);
  gtk_widget_set_visible (GTK_WIDGET (meters->form_list), record != NULL);
  if (record == NULL)
    {
      gtk_label_set_text (meters->meter_label, _("No Meter Selected"));
      gtk_label_set_text (meters->last_label, "");
      meters_update (meters->page, meters);
      return;
    }
  meters->form_code = g_strdup (pw_meter_record_get_code (record));
  {
    g_autofree char *title = meter_title (record);
    g_autofree char *last = last_reading_text (record);

    gtk_label_set_text (meters->meter_label, title);
    gtk_label_set_text (meters->last_label, last);
  }
  meters->reloading = TRUE;
  date = add_field (meters, "date", _("Date"));
  gtk_editable_set_text (GTK_EDITABLE (date->row), meters->date);
  g_signal_connect (date->row, "changed", G_CALLBACK (date_changed_cb), meters);
  {
    const char *unit = pw_meter_record_get_unit (record);
    g_autofree char *title = *unit != '\0' ? g_strdup_printf (_("Total (%s)"), unit) : g_strdup (_("Total"));
    Field *total = add_field (meters, "total", title);

    gtk_widget_add_css_class (total->row, "numeric");
    g_signal_connect (total->row, "changed", G_CALLBACK (value_changed_cb), meters);
  }
  registers = pw_meter_record_get_registers (record);
  for (guint i = 0; registers != NULL && registers[i] != NULL; i++)
    {
      /* Translators: a time-of-use register of a meter, e.g. "Register peak" */
      g_autofree char *title = g_strdup_printf (_("Register %s"), registers[i]);
      Field *reg = add_field (meters, registers[i], title);

      gtk_widget_add_css_class (reg->row, "numeric");
      g_signal_connect (reg->row, "changed", G_CALLBACK (value_changed_cb), meters);
    }
  meters->reloading = FALSE;
  meters_update (meters->page, meters);
}

static void
focus_first_value (Meters *meters)
{
  Field *total = field_named (meters, "total");

  if (total != NULL)
    gtk_widget_grab_focus (total->row);
}

/* @message without core's "Field “…”: " before it, which the place already says */
static const char *
message_of_field (const GError *error, const char *field)
{
  g_autofree char *prefix = g_strdup_printf (_("Field “%s”: %s"), field, "");

  return g_str_has_prefix (error->message, prefix) ? error->message + strlen (prefix) : error->message;
}

static void
show_refusal (Meters *meters, const GError *error)
{
  const char *field = pw_ledger_error_get_field (error);
  Field *under = NULL;

  if (field != NULL && g_strcmp0 (field, "date") == 0)
    under = field_named (meters, "date");
  else if (field != NULL && (g_str_equal (field, "rollover") || g_str_equal (field, "confirmed")
                             || g_str_equal (field, "reg_values")))
    under = field_named (meters, "total");
  if (under == NULL)
    {
      pw_billing_page_show_toast (meters->page, error->message);
      return;
    }
  pw_ui_show_field_error (under->row, under->error_row, message_of_field (error, field));
  set_refused (meters, g_strcmp0 (field, "rollover") == 0 || g_strcmp0 (field, "confirmed") == 0
                       ? field : NULL);
  gtk_widget_grab_focus (meters->refused != NULL
                         ? (g_str_equal (meters->refused, "rollover") ? meters->rollover_button
                                                                      : meters->unusual_button)
                         : under->row);
}

static gboolean
save_reading (Meters *meters)
{
  PwBillingPage *page = meters->page;
  PwMeterRecord *record = selected (meters);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) values = json_object_new ();
  g_autofree char *id = NULL;
  g_autofree char *message = NULL;
  g_autofree char *code = NULL;
  const char *date = NULL;
  guint position;

  if (record == NULL || pw_billing_page_store (page) == NULL)
    return FALSE;
  clear_errors (meters);
  for (guint i = 0; i < meters->fields->len; i++)
    {
      Field *field = g_ptr_array_index (meters->fields, i);
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->row))));

      if (g_str_equal (field->field, "date"))
        date = gtk_editable_get_text (GTK_EDITABLE (field->row));
      else if (*text != '\0')
        json_object_set_string_member (values, field->field, text);
    }
  code = g_strdup (pw_meter_record_get_code (record));
  id = pw_meter_reading_add (pw_billing_page_store (page), pw_billing_page_park (page), code, date,
                             values, meters->rollover_ok, meters->unusual_ok,
                             PW_READING_FROM_HAND, &error);
  if (id == NULL)
    {
      show_refusal (meters, error);
      return FALSE;
    }
  /* Translators: a reading was saved for meter %s */
  message = g_strdup_printf (_("Reading of %s saved"), code);
  pw_billing_page_show_toast (page, message);

  /* the next meter of the round; the reload keeps the selection by code */
  position = gtk_single_selection_get_selected (meters->selection);
  if (position + 1 < g_list_model_get_n_items (G_LIST_MODEL (meters->selection)))
    gtk_single_selection_set_selected (meters->selection, position + 1);
  else
    build_form (meters);   /* the round's end: an empty form again */
  /* this section now; the store's watch reloads the others */
  meters_reload (page, meters);
  focus_first_value (meters);
  return TRUE;
}

/* ---- loading ---- */

static void
meters_reload (PwBillingPage *page, gpointer data)
{
  Meters *meters = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *was = g_strdup (meters->form_code);
  guint position;

  if (pw_billing_page_store (page) != NULL && pw_billing_page_park (page) != NULL)
    {
      records = pw_meter_records_load (pw_billing_page_store (page), pw_billing_page_park (page), &error);
      if (records == NULL)
        pw_billing_page_show_toast (page, error->message);
    }
  meters->reloading = TRUE;
  g_list_store_splice (meters->item_store, 0, g_list_model_get_n_items (G_LIST_MODEL (meters->item_store)),
                       records != NULL ? records->pdata : NULL, records != NULL ? records->len : 0);
  position = pw_ui_find_item (G_LIST_MODEL (meters->selection),
                              (PwUiGetIdFunc) pw_meter_record_get_code, was);
  if (position == GTK_INVALID_LIST_POSITION && g_list_model_get_n_items (G_LIST_MODEL (meters->selection)) > 0)
    position = 0;
  gtk_single_selection_set_selected (meters->selection, position);
  meters->reloading = FALSE;
  update_count (meters);
  if (selected (meters) != NULL && g_strcmp0 (was, pw_meter_record_get_code (selected (meters))) == 0)
    {
      /* the same meter: keep what is typed, show its new last reading */
      g_autofree char *last = last_reading_text (selected (meters));

      gtk_label_set_text (meters->last_label, last);
      meters_update (page, meters);
    }
  else
    build_form (meters);
}

static void
selection_changed_cb (Meters *meters)
{
  if (meters->reloading)
    return;
  build_form (meters);
}

static void
list_activate_cb (GtkListView *view, guint position, Meters *meters)
{
  focus_first_value (meters);
}

/* ---- importing ---- */

static void
import_response_cb (AdwMessageDialog *dialog, const char *response, Meters *meters)
{
  PwBillingPage *page = meters->page;
  g_autoptr(GBytes) data = g_steal_pointer (&meters->import_data);
  gboolean all = g_strcmp0 (response, "import") == 0;
  gboolean good = g_strcmp0 (response, "import-good") == 0;

  meters->import_dialog = NULL;
  if ((!all && !good) || data == NULL || pw_billing_page_store (page) == NULL)
    return;
  {
    g_autoptr(GError) error = NULL;
    gsize length = 0;
    const char *text = g_bytes_get_data (data, &length);
    g_autoptr(PwReadingImport) import = pw_reading_import (pw_billing_page_store (page),
                                                           pw_billing_page_park (page), text, length,
                                                           good ? PW_READING_IMPORT_GOOD_ONLY : 0,
                                                           &error);
    g_autofree char *message = NULL;

    if (import == NULL)
      {
        pw_billing_page_show_toast (page, error->message);
        return;
      }
    if (import->n_written == 0 && import->problems->len > 0)
      message = g_strdup (_("Nothing was imported: the file has problems"));
    else
      message = g_strdup_printf (ngettext ("%u reading imported", "%u readings imported",
                                           import->n_written), import->n_written);
    pw_billing_page_show_toast (page, message);
    meters_reload (page, meters);
  }
}

static GtkWidget *
problems_list (PwReadingImport *import)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  pw_ui_set_accessible_name (list, _("The rows that cannot be imported"));
  for (guint i = 0; i < import->problems->len; i++)
    {
      PwCsvProblem *problem = g_ptr_array_index (import->problems, i);
      GtkWidget *row = adw_action_row_new ();
      /* Translators: a bad row of a CSV file: its line and the column */
      g_autofree char *title = problem->field != NULL
                               ? g_strdup_printf (_("Line %u · %s"), problem->line, problem->field)
                               : g_strdup_printf (_("Line %u"), problem->line);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem->message);
      g_object_set (row, "subtitle-lines", 0, NULL);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  return scrolled;
}

static AdwMessageDialog *
preview_import (Meters *meters, GBytes *data, const char *name, GError **error)
{
  PwBillingPage *page = meters->page;
  gsize length = 0;
  const char *text = g_bytes_get_data (data, &length);
  g_autoptr(PwReadingImport) import = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));
  GtkWidget *dialog;

  import = pw_reading_import (pw_billing_page_store (page), pw_billing_page_park (page), text, length,
                              PW_READING_IMPORT_DRY_RUN, error);
  if (import == NULL)
    return NULL;
  /* Translators: %s is a file's name */
  heading = g_strdup_printf (_("Import Readings from “%s”?"), name);
  if (import->problems->len == 0)
    body = g_strdup_printf (ngettext ("%u reading will be added.", "%u readings will be added.",
                                      import->n_good), import->n_good);
  else
    /* Translators: the readings of a file, the good ones and the rows with problems */
    body = g_strdup_printf (_("%u readings: %u good, %u problems. Import the good readings only, "
                              "or nothing and correct the file."),
                            import->n_readings, import->n_good, import->problems->len);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (import->problems->len == 0)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "import", _("_Import"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
    }
  else
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "import-good",
                                       _("Import _Good Readings Only"));
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "import-good",
                                               import->n_good > 0);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), problems_list (import));
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_clear_pointer (&meters->import_data, g_bytes_unref);
  meters->import_data = g_bytes_ref (data);
  meters->import_n_problems = import->problems->len;
  meters->import_dialog = ADW_MESSAGE_DIALOG (dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (import_response_cb), meters);
  gtk_window_present (GTK_WINDOW (dialog));
  return meters->import_dialog;
}

static void
file_chosen_cb (GtkNativeDialog *native, int response, gpointer user_data)
{
  PwBillingPage *page = user_data;

  if (response == GTK_RESPONSE_ACCEPT && pw_billing_page_store (page) != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) data = g_file_load_bytes (file, NULL, NULL, &error);
      g_autofree char *name = g_file_get_basename (file);

      if (data == NULL || preview_import (meters_of (page), data, name, &error) == NULL)
        pw_billing_page_show_toast (page, error->message);
    }
  g_object_unref (native);
  g_object_unref (page);
}

static void
choose_file (PwBillingPage *page)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Import Readings"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect (native, "response", G_CALLBACK (file_chosen_cb), g_object_ref (page));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---- the commands ---- */

static void
meter_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PwBillingPage *page = PW_BILLING_PAGE (widget);
  Meters *meters = meters_of (page);

  if (g_str_equal (action_name, "billing.import-readings"))
    {
      adw_view_stack_set_visible_child_name (page->stack, "meters");
      choose_file (page);
      return;
    }
  if (g_str_equal (action_name, "billing.confirm-rollover"))
    meters->rollover_ok = TRUE;
  else if (g_str_equal (action_name, "billing.confirm-reading"))
    meters->unusual_ok = TRUE;
  save_reading (meters);
}

static void
meters_class_init (GtkWidgetClass *widget_class)
{
  static const struct { const char *name; guint key; GdkModifierType mods; } actions[] = {
    { "billing.save-reading", 0, 0 },   /* Enter in the form */
    { "billing.confirm-rollover", GDK_KEY_l, GDK_ALT_MASK },
    { "billing.confirm-reading", GDK_KEY_k, GDK_ALT_MASK },
    { "billing.import-readings", GDK_KEY_m, GDK_ALT_MASK },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      gtk_widget_class_install_action (widget_class, actions[i].name, NULL, meter_action_cb);
      if (actions[i].key != 0)
        gtk_widget_class_add_binding_action (widget_class, actions[i].key, actions[i].mods,
                                             actions[i].name, NULL);
    }
  pw_billing_meter_edit_class_init (widget_class);
}

/* ---- building ---- */

static GtkWidget *
build_form_pane (Meters *meters)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save and Next"));
  GtkWidget *buttons = pw_wrap_box_new ();

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  meters->meter_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (meters->meter_label, 0);
  gtk_label_set_wrap (meters->meter_label, TRUE);
  gtk_label_set_wrap_mode (meters->meter_label, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (meters->meter_label), "heading");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (meters->meter_label));
  meters->last_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (meters->last_label, 0);
  gtk_label_set_wrap (meters->last_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (meters->last_label), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (meters->last_label));

  meters->form_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (meters->form_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (meters->form_list), "boxed-list");
  pw_ui_set_accessible_name (GTK_WIDGET (meters->form_list), _("The meter’s reading"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (meters->form_list));

  pw_wrap_box_set_spacing (PW_WRAP_BOX (buttons), 6);
  meters->confirm_box = buttons;
  meters->rollover_button = gtk_button_new_with_mnemonic (_("Confirm Ro_llover and Save"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (meters->rollover_button), "billing.confirm-rollover");
  gtk_widget_set_parent (meters->rollover_button, buttons);
  meters->unusual_button = gtk_button_new_with_mnemonic (_("Confirm and _Keep This Reading"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (meters->unusual_button), "billing.confirm-reading");
  gtk_widget_set_parent (meters->unusual_button, buttons);
  gtk_widget_set_visible (buttons, FALSE);
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "billing.save-reading");
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_widget_set_halign (save, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), save);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  return clamp;
}

static GtkWidget *
build_list (Meters *meters)
{
  GtkWidget *pane = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = pw_wrap_box_new ();
  GtkWidget *import = gtk_button_new_with_mnemonic (_("I_mport Readings…"));
  GtkWidget *add = gtk_button_new_with_mnemonic (_("Add M_eter…"));
  GtkWidget *replace = gtk_button_new_with_mnemonic (_("Replace Meter…"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *empty = adw_status_page_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_add_css_class (bar, "toolbar");
  meters->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (meters->count_label, 0);
  gtk_label_set_ellipsize (meters->count_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (meters->count_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (meters->count_label), "dim-label");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (meters->count_label));
  /* the commands wrap under the count on a narrow window */
  pw_wrap_box_set_spacing (PW_WRAP_BOX (buttons), 6);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (import), "billing.import-readings");
  gtk_widget_set_parent (import, buttons);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "billing.add-meter");
  gtk_widget_set_parent (add, buttons);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (replace), "billing.replace-meter");
  gtk_widget_set_parent (replace, buttons);
  gtk_box_append (GTK_BOX (bar), buttons);
  gtk_box_append (GTK_BOX (pane), bar);
  gtk_box_append (GTK_BOX (pane), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  g_signal_connect (factory, "setup", G_CALLBACK (item_setup_cb), meters);
  g_signal_connect (factory, "bind", G_CALLBACK (item_bind_cb), meters);
  meters->list_view = GTK_LIST_VIEW (gtk_list_view_new (g_object_ref (GTK_SELECTION_MODEL (meters->selection)),
                                                        factory));
  gtk_list_view_set_single_click_activate (meters->list_view, FALSE);
  pw_ui_set_accessible_name (GTK_WIDGET (meters->list_view), _("Meters in route order"));
  g_signal_connect (meters->list_view, "activate", G_CALLBACK (list_activate_cb), meters);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (meters->list_view));
  meters->list_stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (meters->list_stack), TRUE);
  gtk_stack_add_named (meters->list_stack, scrolled, "list");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "view-list-ordered-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Meters"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Add meters with Add Meter… or parkwise-cli meter add, then read them here"));
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (meters->list_stack, empty, "empty");
  gtk_box_append (GTK_BOX (pane), GTK_WIDGET (meters->list_stack));
  return pane;
}

static gpointer
meters_create (PwBillingPage *page, GtkWidget **child)
{
  Meters *meters = g_new0 (Meters, 1);
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_VERTICAL);
  GtkWidget *form_scrolled = gtk_scrolled_window_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  meters->page = page;
  meters->edit = pw_billing_meter_edit_new (page);
  meters->date = g_date_time_format (now, "%Y-%m-%d");
  meters->fields = g_ptr_array_new_with_free_func (field_free);
  meters->item_store = g_list_store_new (PW_TYPE_METER_RECORD);
  meters->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (meters->item_store)));
  gtk_single_selection_set_autoselect (meters->selection, TRUE);
  g_signal_connect_swapped (meters->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), meters);

  /* the form above, the round below: both fit a narrow window */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (form_scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (form_scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (form_scrolled), build_form_pane (meters));
  gtk_paned_set_start_child (GTK_PANED (paned), form_scrolled);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_end_child (GTK_PANED (paned), build_list (meters));
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  update_count (meters);
  build_form (meters);
  *child = paned;
  return meters;
}

/* Ctrl+F: the round, from its date (the list when no meter is chosen) */
static gboolean
meters_focus_search (PwBillingPage *page, gpointer data)
{
  Meters *meters = data;
  Field *date = field_named (meters, "date");

  if (date != NULL)
    return gtk_widget_grab_focus (date->row);
  return gtk_widget_grab_focus (GTK_WIDGET (meters->list_view));
}

static void
meters_free (gpointer data)
{
  Meters *meters = data;

  if (meters->selection != NULL)
    g_signal_handlers_disconnect_by_data (meters->selection, meters);
  if (meters->import_dialog != NULL)
    g_signal_handlers_disconnect_by_data (meters->import_dialog, meters);
  g_clear_pointer (&meters->import_data, g_bytes_unref);
  g_clear_pointer (&meters->edit, pw_billing_meter_edit_free);
  g_clear_object (&meters->selection);
  g_clear_object (&meters->item_store);
  g_clear_pointer (&meters->fields, g_ptr_array_unref);
  g_free (meters->form_code);
  g_free (meters->date);
  g_free (meters->refused);
  g_free (meters);
}

const PwBillingSection pw_billing_meters_section = {
  .name = "meters",
  .title = N_("Meters"),
  .icon_name = "view-list-ordered-symbolic",
  .class_init = meters_class_init,
  .create = meters_create,
  .reload = meters_reload,
  .update = meters_update,
  .focus_search = meters_focus_search,
  .free = meters_free,
};

/* Public API of the section */

PwBillingMeterEdit *
pw_billing_page_meter_edit (PwBillingPage *self)
{
  Meters *meters = meters_of (self);

  return meters != NULL ? meters->edit : NULL;
}

GListModel *
pw_billing_page_get_meters (PwBillingPage *self)
{
  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  return G_LIST_MODEL (meters_of (self)->selection);
}

gboolean
pw_billing_page_select_meter (PwBillingPage *self, const char *code)
{
  Meters *meters;
  guint position;

  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), FALSE);
  meters = meters_of (self);
  if (!pw_billing_page_is_loaded (self))
    pw_billing_page_reload (self);
  position = pw_ui_find_item (G_LIST_MODEL (meters->selection),
                              (PwUiGetIdFunc) pw_meter_record_get_code, code);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_single_selection_set_selected (meters->selection, position);
  return TRUE;
}

PwMeterRecord *
pw_billing_page_get_selected_meter (PwBillingPage *self)
{
  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  return meters_of (self) != NULL ? selected (meters_of (self)) : NULL;
}

GtkWidget *
pw_billing_page_get_reading_field (PwBillingPage *self, const char *field)
{
  Field *found;

  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  found = field_named (meters_of (self), field);
  return found != NULL ? found->row : NULL;
}

const char *
pw_billing_page_get_reading_error (PwBillingPage *self, const char *field)
{
  Field *found;

  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  found = field_named (meters_of (self), field);
  if (found == NULL || !gtk_widget_get_visible (GTK_WIDGET (found->error_row)))
    return NULL;
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (found->error_row));
}

AdwMessageDialog *
pw_billing_page_preview_reading_import (PwBillingPage *self, GBytes *data, const char *name,
                                        guint *n_problems, GError **error)
{
  Meters *meters;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  g_return_val_if_fail (pw_billing_page_store (self) != NULL, NULL);
  meters = meters_of (self);
  dialog = preview_import (meters, data, name, error);
  if (dialog != NULL && n_problems != NULL)
    *n_problems = meters->import_n_problems;
  return dialog;
}
