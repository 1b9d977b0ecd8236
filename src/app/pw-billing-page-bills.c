/* pw-billing-page-bills.c — the Billing page's Bills section: the park's bills as
 * PwBillRecord, filtered by period and status (by core's query) and a search (here),
 * sorted by the column chosen; the selected bill's detail with its lines; and the
 * commands Hold, Release, Cancel, Mark Sent, Print Notice and Save Notice as PDF,
 * enabled from core's rules (pw_bill_status_can_become(), pw_bill_status_has_notice())
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   item_store (GListStore of PwBillRecord: pw_bill_records_load())
 *     → filter_model (the search) → sort_model (the column view's sorter)
 *     → selection → column_view
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-bill-notice.h"
#include "pw-billing-page-private.h"
#include "pw-i18n.h"

typedef enum {
  COLUMN_NUMBER,
  COLUMN_CUSTOMER,
  COLUMN_BILL_DATE,
  COLUMN_DUE_DATE,
  COLUMN_GROSS,
  COLUMN_STATUS,
  N_COLUMNS
} Column;

typedef struct
{
  PwBillingPage      *page;
  gboolean            reloading;
  char               *needle;
  GListStore         *item_store;
  GtkFilterListModel *filter_model;
  GtkCustomFilter    *filter;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;

  AdwLeaflet         *leaflet;
  GtkSearchEntry     *search_entry;
  GtkEntry           *period_entry;
  GtkDropDown        *status_dropdown;
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
  GtkLabel           *count_label;
  GtkStack           *detail_stack;
  GtkLabel           *number_label;
  GtkLabel           *status_label;
  GtkLabel           *customer_label;
  GtkLabel           *dates_label;
  GtkLabel           *totals_label;
  GtkLabel           *detail_error_label;
  GtkListBox         *lines_list;
  guint               n_lines;
  PwBillingCredits   *credits;      /* the bill's credit notes (pw-billing-page-credit.c) */
} Bills;

static Bills *
bills_of (PwBillingPage *page)
{
  return pw_billing_page_section_data (page, &pw_billing_bills_section);
}

static PwBillRecord *
selected (Bills *bills)
{
  return bills->selection != NULL ? gtk_single_selection_get_selected_item (bills->selection) : NULL;
}

/* ---- the list ---- */

static gboolean
filter_item_cb (gpointer item, gpointer user_data)
{
  Bills *bills = user_data;

  return pw_bill_record_matches (item, bills->needle);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (column == COLUMN_NUMBER)
    {
      pw_ui_set_named_cell (list_item, label);
      return;
    }
  if (column == COLUMN_CUSTOMER)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COLUMN_STATUS)
    gtk_widget_set_halign (label, GTK_ALIGN_START);
  if (column == COLUMN_GROSS || column == COLUMN_BILL_DATE || column == COLUMN_DUE_DATE)
    gtk_widget_add_css_class (label, "numeric");
  if (column == COLUMN_GROSS)
    gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_list_item_set_child (list_item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  Bills *bills = user_data;
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  PwBillRecord *record = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_NUMBER:
      {
        g_autofree char *gross = pw_billing_page_format_money (bills->page,
                                                               pw_bill_record_get_gross (record),
                                                               pw_bill_record_get_currency (record));
        /* Translators: the accessible name of a bill's row: number, customer, total, status */
        g_autofree char *name = g_strdup_printf (_("%s, %s, %s, %s"), pw_bill_record_get_number (record),
                                                 pw_bill_record_get_customer_name (record), gross,
                                                 pw_bill_record_get_status_label (record));

        gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        cell = gtk_widget_get_first_child (cell);
        text = g_strdup (pw_bill_record_get_number (record));
      }
      break;
    case COLUMN_CUSTOMER:
      text = g_strdup (pw_bill_record_get_customer_name (record));
      gtk_widget_set_tooltip_text (cell, text);
      break;
    case COLUMN_BILL_DATE:
      text = g_strdup (pw_bill_record_get_bill_date (record));
      break;
    case COLUMN_DUE_DATE:
      text = g_strdup (pw_bill_record_get_due_date (record));
      break;
    case COLUMN_GROSS:
      text = pw_billing_page_format_money (bills->page, pw_bill_record_get_gross (record),
                                           pw_bill_record_get_currency (record));
      break;
    case COLUMN_STATUS:
      pw_billing_page_set_status_pill (cell, pw_bill_record_get_status (record));
      return;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (cell), text != NULL && *text != '\0' ? text : "—");
}

static void
update_count (Bills *bills)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (bills->filter_model));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (bills->item_store));
  g_autofree char *text = NULL;

  if (n == total)
    text = g_strdup_printf (ngettext ("%u bill", "%u bills", n), n);
  else
    /* Translators: the bills the search leaves, e.g. "3 of 20 bills" */
    text = g_strdup_printf (ngettext ("%u of %u bill", "%u of %u bills", total), n, total);
  gtk_label_set_text (bills->count_label, text);
  gtk_stack_set_visible_child_name (bills->list_stack, n > 0 ? "list" : "empty");
}

/* ---- the detail ---- */

static void
bills_update (PwBillingPage *page, gpointer data)
{
  Bills *bills = data;
  PwBillRecord *record = bills != NULL ? selected (bills) : NULL;
  gboolean has_store = pw_billing_page_store (page) != NULL;
  static const struct { const char *action; PwBillStatus to; } moves[] = {
    { "billing.hold", PW_BILL_HELD },
    { "billing.release", PW_BILL_RELEASED },
    { "billing.cancel", PW_BILL_CANCELLED },
    { "billing.send", PW_BILL_SENT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (page), moves[i].action,
                                   has_store && record != NULL
                                   && pw_bill_record_can_become (record, moves[i].to));
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "billing.print-notice",
                                 has_store && record != NULL && pw_bill_record_has_notice (record));
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "billing.save-notice",
                                 has_store && record != NULL && pw_bill_record_has_notice (record));
  if (bills != NULL)
    pw_billing_credits_update (bills->credits);
}

static void
update_detail (Bills *bills)
{
  PwBillingPage *page = bills->page;
  PwBillRecord *record = selected (bills);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) bill = NULL;
  JsonArray *lines;

  pw_billing_page_clear_list (bills->lines_list);
  bills->n_lines = 0;
  bills_update (page, bills);
  if (record == NULL || pw_billing_page_store (page) == NULL)
    {
      pw_billing_credits_show (bills->credits, NULL, NULL);
      gtk_stack_set_visible_child_name (bills->detail_stack, "none");
      return;
    }
  gtk_stack_set_visible_child_name (bills->detail_stack, "bill");
  gtk_label_set_text (bills->number_label, pw_bill_record_get_number (record));
  pw_billing_page_set_status_pill (GTK_WIDGET (bills->status_label), pw_bill_record_get_status (record));
  {
    /* Translators: a bill's customer and seller */
    g_autofree char *who = g_strdup_printf (_("%s · from %s"), pw_bill_record_get_customer_name (record),
                                            *pw_bill_record_get_seller_name (record)
                                              ? pw_bill_record_get_seller_name (record)
                                              : pw_bill_record_get_seller (record));
    /* Translators: a bill's period, bill date and due date */
    g_autofree char *dates = g_strdup_printf (_("Period %s · billed %s · due %s"),
                                              pw_bill_record_get_period (record),
                                              pw_bill_record_get_bill_date (record),
                                              pw_bill_record_get_due_date (record));
    const char *currency = pw_bill_record_get_currency (record);
    g_autofree char *gross = pw_billing_page_format_money (page, pw_bill_record_get_gross (record), currency);
    g_autofree char *net = pw_billing_page_format_money (page, pw_bill_record_get_net (record), currency);
    g_autofree char *tax = pw_billing_page_format_money (page, pw_bill_record_get_tax (record), currency);
    /* Translators: a bill's total, net and tax */
    g_autofree char *totals = g_strdup_printf (_("%s (net %s, tax %s)"), gross, net, tax);

    gtk_label_set_text (bills->customer_label, who);
    gtk_label_set_text (bills->dates_label, dates);
    gtk_label_set_text (bills->totals_label, totals);
  }
  bill = pw_bill_find (pw_billing_page_store (page), pw_billing_page_park (page),
                       pw_bill_record_get_number (record), &error);
  gtk_widget_set_visible (GTK_WIDGET (bills->detail_error_label), bill == NULL);
  pw_billing_credits_show (bills->credits, record, bill);
  if (bill == NULL)
    {
      gtk_label_set_text (bills->detail_error_label, error->message);
      return;
    }
  lines = json_object_get_array_member (bill, "lines");
  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    {
      JsonObject *l = json_array_get_object_element (lines, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *amount;
      g_autofree char *gross = pw_billing_page_format_money (page, json_object_get_int_member (l, "gross"),
                                                             pw_bill_record_get_currency (record));
      g_autofree char *title = g_strdup_printf ("%s · %s · %s – %s",
                                                json_object_get_string_member (l, "contract_code"),
                                                pw_charge_label (json_object_get_string_member (l, "charge")),
                                                json_object_get_string_member (l, "period_start"),
                                                json_object_get_string_member (l, "period_end"));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   json_object_get_string_member (l, "explanation"));
      amount = gtk_label_new (gross);
      gtk_widget_add_css_class (amount, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
      gtk_list_box_append (bills->lines_list, row);
      bills->n_lines++;
    }
}

/* ---- loading ---- */

static const char *
chosen_period (Bills *bills)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (bills->period_entry));

  return text != NULL && *text != '\0' ? text : NULL;
}

static void
bills_reload (PwBillingPage *page, gpointer data)
{
  Bills *bills = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *selected_number = NULL;
  PwBillRecord *was = selected (bills);
  int status = pw_ui_get_filter_choice (bills->status_dropdown);

  if (was != NULL)
    selected_number = g_strdup (pw_bill_record_get_number (was));
  gtk_widget_remove_css_class (GTK_WIDGET (bills->period_entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (bills->period_entry), NULL);
  if (pw_billing_page_store (page) != NULL)
    {
      records = pw_bill_records_load (pw_billing_page_store (page), pw_billing_page_park (page),
                                      chosen_period (bills),
                                      status >= 0 ? pw_bill_status_to_string (status) : NULL,
                                      &error);
      if (records == NULL && g_error_matches (error, PW_BILL_ERROR, PW_BILL_ERROR_PERIOD))
        {
          /* the message goes with the field it is about */
          gtk_widget_add_css_class (GTK_WIDGET (bills->period_entry), "error");
          gtk_widget_set_tooltip_text (GTK_WIDGET (bills->period_entry), error->message);
          pw_billing_page_show_toast (page, error->message);
        }
      else if (records == NULL)
        pw_billing_page_show_toast (page, error->message);
    }
  bills->reloading = TRUE;
  g_list_store_splice (bills->item_store, 0, g_list_model_get_n_items (G_LIST_MODEL (bills->item_store)),
                       records != NULL ? records->pdata : NULL, records != NULL ? records->len : 0);
  gtk_single_selection_set_selected (bills->selection,
                                     pw_ui_find_item (G_LIST_MODEL (bills->selection),
                                                      (PwUiGetIdFunc) pw_bill_record_get_number,
                                                      selected_number));
  bills->reloading = FALSE;
  update_count (bills);
  update_detail (bills);
}

static void
apply_search (Bills *bills)
{
  GtkFilterChange change;

  if (!pw_ui_update_needle (&bills->needle, gtk_editable_get_text (GTK_EDITABLE (bills->search_entry)),
                            &change))
    return;
  gtk_filter_changed (GTK_FILTER (bills->filter), change);
  update_count (bills);
}

static void
search_changed_cb (GtkSearchEntry *entry, Bills *bills)
{
  apply_search (bills);
}

static void
filter_changed_cb (GObject *object, GParamSpec *pspec, Bills *bills)
{
  if (!bills->reloading && pw_billing_page_is_loaded (bills->page))
    bills_reload (bills->page, bills);
}

static void
period_activated_cb (GtkEntry *entry, Bills *bills)
{
  if (pw_billing_page_is_loaded (bills->page))
    bills_reload (bills->page, bills);
}

/* as typed: the list follows once the text is a period, or empty (all periods) */
static void
period_changed_cb (GtkEditable *editable, Bills *bills)
{
  const char *text = gtk_editable_get_text (editable);

  if (!bills->reloading && pw_billing_page_is_loaded (bills->page)
      && (*text == '\0' || pw_bill_period_is_valid (text)))
    bills_reload (bills->page, bills);
}

static void
selection_changed_cb (Bills *bills)
{
  if (bills->reloading)
    return;
  update_detail (bills);
  pw_ui_leaflet_chosen (GTK_WIDGET (bills->column_view));
}

static void
folded_changed_cb (Bills *bills)
{
  /* narrow: a bill's number and customer, the rest is in the detail */
  pw_ui_columns_narrow (bills->column_view, 2, adw_leaflet_get_folded (bills->leaflet));
}

/* ---- the commands ---- */

static void
set_status (PwBillingPage *page, PwBillRecord *record, PwBillStatus status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *number = g_strdup (pw_bill_record_get_number (record));

  if (!pw_bill_set_status (pw_billing_page_store (page), pw_billing_page_park (page), number,
                           status, &error))
    {
      pw_billing_page_show_toast (page, error->message);
      return;
    }
  /* Translators: a toast: a bill's number and its new status */
  message = g_strdup_printf (_("Bill %s is now %s"), number, pw_bill_status_get_label (status));
  /* the store's change reloads the list at idle; show the new status at once */
  bills_reload (page, bills_of (page));
  pw_billing_page_show_toast (page, message);
}

static void
cancel_response_cb (AdwMessageDialog *dialog, const char *response, PwBillingPage *page)
{
  Bills *bills = bills_of (page);
  const char *number = g_object_get_data (G_OBJECT (dialog), "number");
  PwBillRecord *record = bills != NULL ? selected (bills) : NULL;

  /* the bill asked about, if it is still the one selected */
  if (g_str_equal (response, "cancel-bill") && record != NULL
      && g_strcmp0 (pw_bill_record_get_number (record), number) == 0)
    set_status (page, record, PW_BILL_CANCELLED);
  g_object_unref (page);
}

static void
ask_cancel (PwBillingPage *page, PwBillRecord *record)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  /* Translators: %s is a bill's number */
  body = g_strdup_printf (_("Bill %s will be withdrawn. It keeps its number, and its lines "
                            "are billed again by the next run of their period."),
                          pw_bill_record_get_number (record));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))),
                                   _("Cancel the Bill?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep the Bill"),
                                    "cancel-bill", _("_Cancel the Bill"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-bill",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data_full (G_OBJECT (dialog), "number",
                          g_strdup (pw_bill_record_get_number (record)), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (cancel_response_cb), g_object_ref (page));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
bill_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PwBillingPage *page = PW_BILLING_PAGE (widget);
  Bills *bills = bills_of (page);
  PwBillRecord *record = bills != NULL ? selected (bills) : NULL;
  g_autoptr(PwBillRecord) held = NULL;

  if (g_str_equal (action_name, "billing.show-list"))
    {
      adw_leaflet_set_visible_child_name (bills->leaflet, "list");
      return;
    }
  if (record == NULL || pw_billing_page_store (page) == NULL)
    return;
  held = g_object_ref (record);
  if (g_str_equal (action_name, "billing.hold"))
    set_status (page, held, PW_BILL_HELD);
  else if (g_str_equal (action_name, "billing.release"))
    set_status (page, held, PW_BILL_RELEASED);
  else if (g_str_equal (action_name, "billing.send"))
    set_status (page, held, PW_BILL_SENT);
  else if (g_str_equal (action_name, "billing.cancel"))
    ask_cancel (page, held);
  else if (g_str_equal (action_name, "billing.save-notice"))
    pw_billing_notice_save_pdf (page, held);
  else if (g_str_equal (action_name, "billing.print-notice"))
    {
      g_autoptr(GError) error = NULL;

      if (pw_billing_page_print_notice (page, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error)
          == GTK_PRINT_OPERATION_RESULT_ERROR)
        pw_billing_page_show_toast (page, error->message);
    }
}

static void
bills_class_init (GtkWidgetClass *widget_class)
{
  static const struct {
    const char     *name;
    guint           key;
    GdkModifierType mods;
  } actions[] = {
    { "billing.hold", GDK_KEY_h, GDK_ALT_MASK },
    { "billing.release", GDK_KEY_r, GDK_ALT_MASK },
    { "billing.cancel", GDK_KEY_c, GDK_ALT_MASK },
    { "billing.send", GDK_KEY_s, GDK_ALT_MASK },
    { "billing.print-notice", GDK_KEY_p, GDK_ALT_MASK },
    { "billing.save-notice", GDK_KEY_d, GDK_ALT_MASK },
    { "billing.show-list", GDK_KEY_Left, GDK_ALT_MASK },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      gtk_widget_class_install_action (widget_class, actions[i].name, NULL, bill_action_cb);
      gtk_widget_class_add_binding_action (widget_class, actions[i].key, actions[i].mods,
                                           actions[i].name, NULL);
    }
  pw_billing_credits_class_init (widget_class);
}

/* ---- building ---- */

static GtkWidget *
detail_label (GtkWidget *box, const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static GtkWidget *
command_button (GtkWidget *parent, const char *label, const char *action, const char *css_class)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);
  gtk_widget_set_parent (button, parent);
  return button;
}

static GtkWidget *
build_list (Bills *bills)
{
  GtkWidget *pane = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *filters = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *empty = adw_status_page_new ();
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_set_hexpand (pane, TRUE);
  gtk_widget_set_size_request (pane, 360, -1);
  gtk_widget_add_css_class (bar, "toolbar");
  gtk_widget_add_css_class (bar, "filter-bar");
  bills->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (bills->search_entry), TRUE);
  g_object_set (bills->search_entry, "placeholder-text", _("Search number, customer or seller"), NULL);
  pw_ui_set_accessible_name (GTK_WIDGET (bills->search_entry),
                             _("Search bills by number, customer or seller"));
  g_signal_connect (bills->search_entry, "search-changed", G_CALLBACK (search_changed_cb), bills);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (bills->search_entry));

  bills->period_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (bills->period_entry, _("All periods (YYYY-MM)"));
  gtk_editable_set_width_chars (GTK_EDITABLE (bills->period_entry), 8);
  gtk_widget_set_hexpand (GTK_WIDGET (bills->period_entry), TRUE);
  pw_ui_set_accessible_name (GTK_WIDGET (bills->period_entry), _("Filter bills by billing period"));
  g_signal_connect (bills->period_entry, "activate", G_CALLBACK (period_activated_cb), bills);
  g_signal_connect (bills->period_entry, "changed", G_CALLBACK (period_changed_cb), bills);
  gtk_string_list_append (statuses, _("All Statuses"));
  for (int i = PW_BILL_DRAFT; i <= PW_BILL_CANCELLED; i++)
    gtk_string_list_append (statuses, pw_bill_status_get_label (i));
  bills->status_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (statuses)), NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (bills->status_dropdown), TRUE);
  pw_ui_drop_down_compact (bills->status_dropdown);
  gtk_widget_set_tooltip_text (GTK_WIDGET (bills->status_dropdown), _("Status"));
  pw_ui_set_accessible_name (GTK_WIDGET (bills->status_dropdown), _("Filter bills by status"));
  g_signal_connect (bills->status_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), bills);
  gtk_box_append (GTK_BOX (filters), GTK_WIDGET (bills->period_entry));
  gtk_box_append (GTK_BOX (filters), GTK_WIDGET (bills->status_dropdown));
  gtk_box_append (GTK_BOX (bar), filters);
  gtk_box_append (GTK_BOX (pane), bar);
  gtk_box_append (GTK_BOX (pane), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  bills->list_stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (bills->list_stack), TRUE);
  bills->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_reorderable (bills->column_view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (bills->column_view), "data-table");
  pw_ui_set_accessible_name (GTK_WIDGET (bills->column_view), _("Bills"));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (bills->column_view));
  gtk_stack_add_named (bills->list_stack, scrolled, "list");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "edit-find-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Bills Found"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Post a bill run, or try another period, status or search"));
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (bills->list_stack, empty, "empty");
  gtk_box_append (GTK_BOX (pane), GTK_WIDGET (bills->list_stack));
  gtk_box_append (GTK_BOX (pane), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  bills->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (bills->count_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (bills->count_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (bills->count_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (bills->count_label), "count-label");
  gtk_box_append (GTK_BOX (pane), GTK_WIDGET (bills->count_label));
  gtk_search_entry_set_key_capture_widget (bills->search_entry, GTK_WIDGET (bills->column_view));
  return pane;
}

static GtkWidget *
build_detail (Bills *bills)
{
  GtkWidget *pane = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *back_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *commands = pw_wrap_box_new ();
  GtkWidget *none = adw_status_page_new ();
  GtkWidget *heading;

  gtk_widget_set_hexpand (pane, TRUE);
  gtk_widget_add_css_class (back_bar, "toolbar");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "billing.show-list");
  gtk_widget_set_tooltip_text (back, _("Back to the bills"));
  pw_ui_set_accessible_name (back, _("Back to the bills"));
  gtk_box_append (GTK_BOX (back_bar), back);
  g_object_bind_property (bills->leaflet, "folded", back_bar, "visible", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (pane), back_bar);

  bills->detail_stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (bills->detail_stack), TRUE);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (none), "x-office-document-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (none), _("No Bill Selected"));
  gtk_widget_add_css_class (none, "compact");
  gtk_stack_add_named (bills->detail_stack, none, "none");

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);
  bills->number_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (bills->number_label, 0);
  gtk_label_set_wrap (bills->number_label, TRUE);
  gtk_label_set_wrap_mode (bills->number_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (bills->number_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (bills->number_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (bills->number_label), "title-3");
  bills->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_valign (GTK_WIDGET (bills->status_label), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (head), GTK_WIDGET (bills->number_label));
  gtk_box_append (GTK_BOX (head), GTK_WIDGET (bills->status_label));
  gtk_box_append (GTK_BOX (box), head);
  bills->customer_label = GTK_LABEL (detail_label (box, NULL));
  bills->dates_label = GTK_LABEL (detail_label (box, "dim-label"));
  bills->totals_label = GTK_LABEL (detail_label (box, "heading"));
  bills->detail_error_label = GTK_LABEL (detail_label (box, "error"));
  gtk_widget_set_visible (GTK_WIDGET (bills->detail_error_label), FALSE);

  pw_wrap_box_set_spacing (PW_WRAP_BOX (commands), 6);
  command_button (commands, _("_Hold"), "billing.hold", NULL);
  command_button (commands, _("_Release"), "billing.release", NULL);
  command_button (commands, _("Mark _Sent"), "billing.send", NULL);
  command_button (commands, _("_Cancel Bill…"), "billing.cancel", "destructive-action");
  command_button (commands, _("_Print Notice…"), "billing.print-notice", NULL);
  command_button (commands, _("Save Notice as P_DF…"), "billing.save-notice", NULL);
  command_button (commands, _("Credit _Note…"), "billing.credit-note", NULL);
  command_button (commands, _("_Waive…"), "billing.waive", NULL);
  command_button (commands, _("_Approve Credit"), "billing.approve-credit", NULL);
  command_button (commands, _("Re_ject Credit…"), "billing.reject-credit", NULL);
  gtk_box_append (GTK_BOX (box), commands);

  heading = detail_label (box, "heading");
  gtk_label_set_text (GTK_LABEL (heading), _("Lines"));
  bills->lines_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (bills->lines_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (bills->lines_list), "boxed-list");
  pw_ui_set_accessible_name (GTK_WIDGET (bills->lines_list), _("The bill’s lines"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (bills->lines_list));
  bills->credits = pw_billing_credits_new (bills->page, box);

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (bills->detail_stack, scrolled, "bill");
  gtk_box_append (GTK_BOX (pane), GTK_WIDGET (bills->detail_stack));
  return pane;
}

static gpointer
bills_create (PwBillingPage *page, GtkWidget **child)
{
  static const PwUiColumn columns[N_COLUMNS] = {
    { N_("Number"), "number", FALSE, 0, FALSE },
    { N_("Customer"), "customer-name", FALSE, 0, TRUE },
    { N_("Bill Date"), "bill-date", FALSE, 0, FALSE },
    { N_("Due Date"), "due-date", FALSE, 0, FALSE },
    { N_("Amount"), "gross", TRUE, 0, FALSE },
    { N_("Status"), "status", TRUE, 0, FALSE },
  };
  Bills *bills = g_new0 (Bills, 1);
  GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_VERTICAL);
  AdwLeafletPage *leaf;

  bills->page = page;
  bills->leaflet = ADW_LEAFLET (adw_leaflet_new ());
  adw_leaflet_set_can_navigate_back (bills->leaflet, TRUE);
  leaf = adw_leaflet_append (bills->leaflet, build_list (bills));
  adw_leaflet_page_set_name (leaf, "list");
  leaf = adw_leaflet_append (bills->leaflet, separator);
  adw_leaflet_page_set_navigatable (leaf, FALSE);
  leaf = adw_leaflet_append (bills->leaflet, build_detail (bills));
  adw_leaflet_page_set_name (leaf, "detail");

  bills->item_store = g_list_store_new (PW_TYPE_BILL_RECORD);
  pw_ui_add_columns (bills->column_view, PW_TYPE_BILL_RECORD, columns, N_COLUMNS,
                     G_CALLBACK (cell_setup_cb), G_CALLBACK (cell_bind_cb), bills, NULL);
  g_signal_connect_swapped (bills->leaflet, "notify::folded", G_CALLBACK (folded_changed_cb), bills);
  folded_changed_cb (bills);
  gtk_column_view_sort_by_column (bills->column_view, NULL, GTK_SORT_ASCENDING);
  bills->filter = gtk_custom_filter_new (filter_item_cb, bills, NULL);
  bills->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (bills->item_store)),
                                                   g_object_ref (GTK_FILTER (bills->filter)));
  bills->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (bills->filter_model)),
                                               g_object_ref (gtk_column_view_get_sorter (bills->column_view)));
  bills->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (bills->sort_model)));
  gtk_single_selection_set_autoselect (bills->selection, FALSE);
  gtk_single_selection_set_can_unselect (bills->selection, TRUE);
  g_signal_connect_swapped (bills->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), bills);
  gtk_column_view_set_model (bills->column_view, GTK_SELECTION_MODEL (bills->selection));
  pw_ui_leaflet_follow (bills->leaflet, GTK_WIDGET (bills->column_view), "detail");
  update_count (bills);
  update_detail (bills);
  *child = GTK_WIDGET (bills->leaflet);
  return bills;
}

static gboolean
bills_focus_search (PwBillingPage *page, gpointer data)
{
  Bills *bills = data;

  adw_leaflet_set_visible_child_name (bills->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (bills->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (bills->search_entry), 0, -1);
  return TRUE;
}

static void
bills_free (gpointer data)
{
  Bills *bills = data;

  if (bills->selection != NULL)
    g_signal_handlers_disconnect_by_data (bills->selection, bills);
  g_clear_object (&bills->selection);
  g_clear_object (&bills->sort_model);
  g_clear_object (&bills->filter_model);
  g_clear_object (&bills->filter);
  g_clear_object (&bills->item_store);
  g_clear_pointer (&bills->credits, pw_billing_credits_free);
  g_free (bills->needle);
  g_free (bills);
}

const PwBillingSection pw_billing_bills_section = {
  .name = "bills",
  .title = N_("Bills"),
  .icon_name = "x-office-document-symbolic",
  .class_init = bills_class_init,
  .create = bills_create,
  .reload = bills_reload,
  .update = bills_update,
  .focus_search = bills_focus_search,
  .free = bills_free,
};

/* Public API of the section */

PwBillingCredits *
pw_billing_page_credits (PwBillingPage *self)
{
  Bills *bills = bills_of (self);

  return bills != NULL ? bills->credits : NULL;
}

void
pw_billing_page_set_bill_filters (PwBillingPage *self, const char *period, int status,
                                  const char *search)
{
  Bills *bills;

  g_return_if_fail (PW_IS_BILLING_PAGE (self));
  g_return_if_fail (status >= -1 && status <= PW_BILL_CANCELLED);
  bills = bills_of (self);
  bills->reloading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (bills->period_entry), period ? period : "");
  gtk_drop_down_set_selected (bills->status_dropdown, (guint) (status + 1));
  bills->reloading = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (bills->search_entry), search ? search : "");
  apply_search (bills);
  bills_reload (self, bills);
}

GListModel *
pw_billing_page_get_visible_bills (PwBillingPage *self)
{
  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  return G_LIST_MODEL (bills_of (self)->selection);
}

gboolean
pw_billing_page_select_bill (PwBillingPage *self, const char *number)
{
  Bills *bills;
  guint position;

  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), FALSE);
  bills = bills_of (self);
  if (!pw_billing_page_is_loaded (self))
    pw_billing_page_reload (self);
  position = pw_ui_find_item (G_LIST_MODEL (bills->selection),
                              (PwUiGetIdFunc) pw_bill_record_get_number, number);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_single_selection_set_selected (bills->selection, position);
  return TRUE;
}

PwBillRecord *
pw_billing_page_get_selected_bill (PwBillingPage *self)
{
  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  return selected (bills_of (self));
}

guint
pw_billing_page_get_n_detail_lines (PwBillingPage *self)
{
  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), 0);
  return bills_of (self)->n_lines;
}
