/* pw-customer-section.c — the Customers page's customers: their list, the
 * selected customer with its contacts, contracts and spaces, and their forms
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list holds PwCustomer records (core's pw_customer_list_records), sorted
 * and shown by their properties and searched by a GtkCustomFilter. Commands
 * are "customer." actions, enabled while there is something to act on. */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-customers-page-private.h"
#include "pw-document-print.h"
#include "pw-uscc.h"

static const char *const kinds[] = { "company", "person", NULL };
static const char *const risks[] = { "", "low", "medium", "high", NULL };

enum {
  COLUMN_NAME,
  COLUMN_KIND,
  COLUMN_INDUSTRY,
  COLUMN_RISK,
  COLUMN_TAGS,
  N_COLUMNS
};

static const PwUiColumn columns[N_COLUMNS] = {
  { N_("Name"), "name", FALSE, 0, TRUE },
  { N_("Kind"), "kind-label", FALSE, 80, FALSE },
  { N_("Industry"), "industry", FALSE, 110, FALSE },
  { N_("Risk"), "risk-label", FALSE, 70, FALSE },
  { N_("Tags"), "tags-text", FALSE, 110, FALSE },
};

PwCustomer *
pw_customer_section_selected (PwCustomersPage *self)
{
  return gtk_single_selection_get_selected_item (self->customer_selection);
}

static void
update_actions (PwCustomersPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean selected = pw_customer_section_selected (self) != NULL;

  gtk_widget_action_set_enabled (widget, "customer.new", pw_customers_page_park (self) != NULL);
  gtk_widget_action_set_enabled (widget, "customer.edit-customer", selected);
  gtk_widget_action_set_enabled (widget, "customer.add-contact", selected);
  gtk_widget_action_set_enabled (widget, "customer.statement-pdf", selected && self->watch.store != NULL);
  gtk_widget_action_set_enabled (widget, "customer.print-statement", selected && self->watch.store != NULL);
}

/* The statement (docs/receivables.md, "Statements") */

static void
statement_toast (GtkWidget *owner, const char *message)
{
  pw_customers_page_toast (PW_CUSTOMERS_PAGE (owner), message);
}

static void
statement_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (widget);
  PwCustomer *customer = pw_customer_section_selected (self);
  g_autoptr(GError) error = NULL;

  if (customer == NULL || self->watch.store == NULL)
    return;
  if (g_str_equal (action_name, "customer.statement-pdf"))
    pw_statement_save_pdf (widget, self->watch.store, pw_customers_page_park (self),
                           pw_customer_get_id (customer), pw_customer_get_name (customer), NULL,
                           statement_toast);
  else if (pw_statement_print (widget, self->watch.store, pw_customers_page_park (self),
                               pw_customer_get_id (customer), NULL, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               NULL, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    pw_customers_page_toast (self, error->message);
}

/* The customer form */

static void
uscc_changed_cb (PwRecordForm *form)
{
  g_autofree char *text = pw_record_form_dup_text (form, "uscc");
  g_autofree char *normal = pw_uscc_normalize (text);
  g_autofree char *reason = NULL;
  PwUsccParts parts;
  PwUsccResult result;

  if (normal[0] == '\0')
    {
      pw_record_form_set_hint (form, NULL, FALSE);
      return;
    }
  result = pw_uscc_check (normal, &parts, &reason);
  if (result == PW_USCC_VALID)
    {
      const char *authority = pw_uscc_authority_label (parts.authority[0]);
      const char *category = pw_uscc_category_label (parts.authority[0], parts.category[0]);
      /* Translators: a valid unified social credit code: its authority and category */
      g_autofree char *text_ok = g_strdup_printf (_("Valid code — %s, %s"),
                                                  pw_customers_page_or_dash (authority),
                                                  pw_customers_page_or_dash (category));

      pw_record_form_set_hint (form, text_ok, FALSE);
    }
  else
    {
      /* Translators: why a unified social credit code does not pass; it is still saved */
      g_autofree char *warning = g_strdup_printf (_("%s — it will be saved as it is"), reason);

      pw_record_form_set_hint (form, warning, result != PW_USCC_LEGACY);
    }
}

static void
set_text_member (JsonObject *fields,
                 const char *member,
                 const char *value)
{
  json_object_set_string_member (fields, member, value != NULL ? value : "");
}

static void
set_word_member (JsonObject *fields,
                 const char *member,
                 const char *value)
{
  if (value != NULL && value[0] != '\0')
    json_object_set_string_member (fields, member, value);
  else
    json_object_set_null_member (fields, member);
}

static gboolean
save_customer (PwRecordForm  *form,
               gpointer       user_data,
               GError       **error)
{
  PwCustomersPage *self = user_data;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *name = pw_record_form_dup_text (form, "name");
  g_autofree char *uscc = pw_record_form_dup_text (form, "uscc");
  g_autofree char *industry = pw_record_form_dup_text (form, "industry");
  g_autofree char *tags = pw_record_form_dup_text (form, "tags");
  g_autofree char *tags_json = pw_leasing_tags_to_json (tags);
  g_autofree char *notes = pw_record_form_dup_text (form, "notes");
  g_autofree char *warning = NULL;
  g_autofree char *id = NULL;
  const char *editing = pw_record_form_get_id (form);

  set_text_member (fields, "name", name);
  set_word_member (fields, "kind", pw_record_form_get_choice (form, "kind"));
  set_word_member (fields, "uscc", uscc);
  set_text_member (fields, "industry", industry);
  set_text_member (fields, "tags", tags_json);
  set_word_member (fields, "risk_level", pw_record_form_get_choice (form, "risk_level"));
  set_text_member (fields, "notes", notes);

  if (editing == NULL)
    {
      id = pw_customer_add (self->watch.store, pw_customers_page_park (self), fields, &warning, error);
      if (id == NULL)
        return FALSE;
    }
  else
    {
      if (!pw_customer_update (self->watch.store, editing, pw_record_form_get_version (form), fields,
                               &warning, error))
        return FALSE;
      id = g_strdup (editing);
    }
  pw_customers_page_load (self);
  pw_customers_page_select_customer (self, id);
  if (warning != NULL)
    pw_customers_page_toast (self, warning);
  else
    pw_customers_page_toast (self, editing == NULL ? _("Customer added") : _("Customer saved"));
  return TRUE;
}

static void
open_customer_form (PwCustomersPage *self,
                    PwCustomer      *customer)
{
  PwRecordForm *form = pw_customers_page_open_form (self, "customer-form",
                                                    customer != NULL ? _("Edit Customer") : _("New Customer"),
                                                    customer != NULL ? _("_Save") : _("_Add"), save_customer);
  const char *kind_labels[] = { pw_leasing_label ("company"), pw_leasing_label ("person"), NULL };
  /* Translators: a customer whose risk nobody has assessed */
  const char *risk_labels[] = { C_("risk", "Not assessed"), pw_leasing_label ("low"),
                                pw_leasing_label ("medium"), pw_leasing_label ("high"), NULL };
  GtkWidget *uscc;

  if (customer != NULL)
    pw_record_form_set_record (form, pw_customer_get_id (customer), pw_customer_get_version (customer));
  pw_record_form_add_entry (form, "name", _("Name"), customer ? pw_customer_get_name (customer) : NULL);
  pw_record_form_add_choice (form, "kind", _("Kind"), kinds, kind_labels,
                             customer ? pw_customer_get_kind (customer) : NULL);
  uscc = pw_record_form_add_entry (form, "uscc", _("Unified social credit code"),
                                   customer ? pw_customer_get_uscc (customer) : NULL);
  pw_record_form_add_hint (form, "uscc-check");
  pw_record_form_add_entry (form, "industry", _("Industry"), customer ? pw_customer_get_industry (customer) : NULL);
  pw_record_form_add_entry (form, "tags", _("Tags, separated by commas"),
                            customer ? pw_customer_get_tags_text (customer) : NULL);
  pw_record_form_add_choice (form, "risk_level", _("Risk level"), risks, risk_labels,
                             customer ? pw_customer_get_risk_level (customer) : NULL);
  pw_record_form_add_entry (form, "notes", _("Notes"), customer ? pw_customer_get_notes (customer) : NULL);
  g_signal_connect_object (uscc, "changed", G_CALLBACK (uscc_changed_cb), form, G_CONNECT_SWAPPED);
  uscc_changed_cb (form);
  pw_record_form_present (form);
}

static void
new_customer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (widget);

  if (pw_customers_page_park (self) != NULL)
    open_customer_form (self, NULL);
}

static void
edit_customer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (widget);
  PwCustomer *customer = pw_customer_section_selected (self);

  if (customer != NULL)
    open_customer_form (self, customer);
}

/* Contacts */

static PwContact *
find_contact (PwCustomersPage *self,
              const char      *id)
{
  PwCustomer *customer = pw_customer_section_selected (self);
  GListModel *contacts = customer != NULL ? pw_customer_get_contacts (customer) : NULL;

  for (guint i = 0; contacts != NULL && i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr(PwContact) contact = g_list_model_get_item (contacts, i);

      if (g_strcmp0 (pw_contact_get_id (contact), id) == 0)
        return contact;   /* the customer's list keeps it */
    }
  return NULL;
}

static gboolean
save_contact (PwRecordForm  *form,
              gpointer       user_data,
              GError       **error)
{
  PwCustomersPage *self = user_data;
  g_autoptr(JsonObject) fields = json_object_new ();
  const char *members[] = { "name", "role", "phone", "email" };
  const char *editing = pw_record_form_get_id (form);
  g_autofree char *id = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autofree char *value = pw_record_form_dup_text (form, members[i]);

      set_text_member (fields, members[i], value);
    }
  if (editing == NULL)
    {
      id = pw_contact_add (self->watch.store, pw_record_form_get_owner_id (form), fields, error);
      if (id == NULL)
        return FALSE;
    }
  else if (!pw_contact_update (self->watch.store, editing, pw_record_form_get_version (form), fields, error))
    return FALSE;
  pw_customers_page_load (self);
  pw_customers_page_toast (self, editing == NULL ? _("Contact added") : _("Contact saved"));
  return TRUE;
}

static void
open_contact_form (PwCustomersPage *self,
                   const char      *customer_id,
                   PwContact       *contact)
{
  PwRecordForm *form = pw_customers_page_open_form (self, "contact-form",
                                                    contact != NULL ? _("Edit Contact") : _("New Contact"),
                                                    contact != NULL ? _("_Save") : _("_Add"), save_contact);

  pw_record_form_set_owner_id (form, customer_id);
  if (contact != NULL)
    pw_record_form_set_record (form, pw_contact_get_id (contact), pw_contact_get_version (contact));
  pw_record_form_add_entry (form, "name", _("Name"), contact ? pw_contact_get_name (contact) : NULL);
  pw_record_form_add_entry (form, "role", _("Role"), contact ? pw_contact_get_role (contact) : NULL);
  pw_record_form_add_entry (form, "phone", _("Phone"), contact ? pw_contact_get_phone (contact) : NULL);
  pw_record_form_add_entry (form, "email", _("Email"), contact ? pw_contact_get_email (contact) : NULL);
  pw_record_form_present (form);
}

static void
add_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (widget);
  PwCustomer *customer = pw_customer_section_selected (self);

  if (customer != NULL)
    open_contact_form (self, pw_customer_get_id (customer), NULL);
}

static void
edit_contact_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (widget);
  PwContact *contact = find_contact (self, g_variant_get_string (parameter, NULL));

  if (contact != NULL)
    open_contact_form (self, pw_contact_get_customer_id (contact), contact);
}

static void
remove_contact_response_cb (PwCustomersPage  *self,
                            const char       *response,
                            AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  const char *id = g_object_get_data (G_OBJECT (dialog), "pw-id");
  gint64 version = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "pw-version"));

  g_autoptr(PwChange) change = NULL;
  gboolean removed;

  if (!g_str_equal (response, "remove"))
    return;
  pw_store_record_begin (self->watch.store);
  removed = pw_contact_remove (self->watch.store, id, version, &error);
  change = pw_store_record_end (self->watch.store);
  if (!removed)
    {
      pw_customers_page_toast (self, error->message);
      return;
    }
  pw_customers_page_load (self);
  pw_customers_page_undo_toast (self, change, _("Contact removed"));
}

static void
remove_contact_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (widget);
  PwContact *contact = find_contact (self, g_variant_get_string (parameter, NULL));
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (contact == NULL)
    return;
  /* Translators: %s is a contact's name */
  heading = g_strdup_printf (_("Remove %s?"), pw_contact_get_name (contact));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The contact is removed from the customer; the change is kept in the audit log."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "pw-id", g_strdup (pw_contact_get_id (contact)), g_free);
  g_object_set_data (G_OBJECT (dialog), "pw-version",
                     GSIZE_TO_POINTER ((gsize) pw_contact_get_version (contact)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_contact_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The detail */

void
pw_customer_section_update (PwCustomersPage *self)
{
  PwCustomer *customer = pw_customer_section_selected (self);
  GListModel *contacts;
  guint n;

  pw_customers_page_remove_rows (self, GTK_WIDGET (self->contacts_group));
  gtk_stack_set_visible_child_name (self->customer_detail_stack, customer != NULL ? "record" : "empty");
  pw_customer_leases_show (self->customer_leases, self->watch.store,
                           customer != NULL ? pw_customer_get_id (customer) : NULL);
  pw_customer_leases_show_receivables (self->customer_leases, self->watch.store,
                                       pw_customers_page_park (self),
                                       customer != NULL ? pw_customer_get_id (customer) : NULL);
  update_actions (self);
  if (customer == NULL)
    return;

  gtk_label_set_text (self->customer_name_label, pw_customer_get_name (customer));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->customer_name_label), pw_customer_get_name (customer));
  pw_customers_page_set_info (self->kind_info_row, pw_customer_get_kind_label (customer));
  pw_customers_page_set_info (self->uscc_info_row, pw_customer_get_uscc_text (customer));
  pw_customers_page_set_info (self->industry_info_row, pw_customer_get_industry (customer));
  pw_customers_page_set_info (self->risk_info_row, pw_customer_get_risk_label (customer));
  pw_customers_page_set_info (self->tags_info_row, pw_customer_get_tags_text (customer));
  pw_customers_page_set_info (self->notes_info_row, pw_customer_get_notes (customer));

  contacts = pw_customer_get_contacts (customer);
  n = g_list_model_get_n_items (contacts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwContact) contact = g_list_model_get_item (contacts, i);
      GtkWidget *row = pw_customers_page_add_row (self, GTK_WIDGET (self->contacts_group),
                                                  pw_contact_get_name (contact),
                                                  pw_contact_get_summary (contact));
      const char *id = pw_contact_get_id (contact);

      gtk_widget_set_name (row, id);
      pw_customers_page_add_row_action (row, "document-edit-symbolic", _("Edit Contact"),
                                        "customer.edit-contact", id);
      pw_customers_page_add_row_action (row, "user-trash-symbolic", _("Remove Contact"),
                                        "customer.remove-contact", id);
    }
  if (n == 0)
    pw_customers_page_add_row (self, GTK_WIDGET (self->contacts_group), _("No contacts yet"), NULL);
}

/* The list */

void
pw_customer_section_update_counts (PwCustomersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->customer_model));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->customer_store));
  g_autofree char *text = NULL;

  if (n == total)
    text = g_strdup_printf (ngettext ("%u customer", "%u customers", n), n);
  else
    /* Translators: the customers a search leaves, e.g. "3 of 20 customers" */
    text = g_strdup_printf (ngettext ("%u of %u customer", "%u of %u customers", total), n, total);
  gtk_label_set_text (self->customer_count_label, text);
  gtk_stack_set_visible_child_name (self->customer_list_stack, n > 0 ? "list" : total == 0 ? "none" : "empty");
}

void
pw_customer_section_fill (PwCustomersPage *self,
                          GListStore      *customers)
{
  guint n = customers != NULL ? g_list_model_get_n_items (G_LIST_MODEL (customers)) : 0;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      PwCustomer *customer = g_list_model_get_item (G_LIST_MODEL (customers), i);
      GListModel *contacts = pw_customer_get_contacts (customer);
      g_autoptr(GString) key = g_string_new (pw_customer_get_name (customer));

      g_string_append_printf (key, "\n%s\n%s\n%s\n%s", pw_customer_get_industry (customer),
                              pw_customer_get_tags_text (customer),
                              pw_customers_page_or_dash (pw_customer_get_uscc (customer)),
                              pw_customer_get_kind_label (customer));
      for (guint k = 0; k < g_list_model_get_n_items (contacts); k++)
        {
          g_autoptr(PwContact) contact = g_list_model_get_item (contacts, k);

          g_string_append_printf (key, "\n%s", pw_contact_get_name (contact));
        }
      pw_ui_set_search_key (customer, key->str);
      g_ptr_array_add (items, customer);
    }
  g_list_store_splice (self->customer_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->customer_store)),
                       items->pdata, items->len);
}

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  PwCustomersPage *self = user_data;

  return pw_ui_item_matches (item, self->customer_needle);
}

/* Every column shows the property it sorts by; a cut text has its whole as a tooltip. */
static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  PwCustomer *customer = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;

  g_object_get (customer, columns[column].sort_property, &text, NULL);
  if (column == COLUMN_NAME)
    {
      /* Translators: the accessible name of a customer's row: name, kind */
      g_autofree char *accessible = g_strdup_printf (_("%s, %s"), text, pw_customer_get_kind_label (customer));

      pw_customers_page_cell_show (list_item, text, accessible);
      return;
    }
  pw_customers_page_cell_show (list_item, text, NULL);
}

static void
selection_changed_cb (PwCustomersPage *self)
{
  if (self->reloading)
    return;
  pw_customer_section_update (self);
  pw_customers_page_show_detail (self->customer_leaflet, pw_customer_section_selected (self) != NULL);
}

static void
search_changed_cb (PwCustomersPage *self,
                   GtkSearchEntry  *entry)
{
  GtkFilterChange change;

  if (!pw_ui_update_needle (&self->customer_needle, gtk_editable_get_text (GTK_EDITABLE (entry)), &change))
    return;
  gtk_filter_changed (GTK_FILTER (self->customer_filter), change);
  pw_customer_section_update_counts (self);
}

static void
folded_changed_cb (PwCustomersPage *self)
{
  /* narrow: the name alone, the rest is in the detail */
  pw_ui_columns_narrow (self->customer_view, 1, adw_leaflet_get_folded (self->customer_leaflet));
}

void
pw_customer_section_init (PwCustomersPage *self)
{
  g_autoptr(GtkSortListModel) sorted = NULL;

  self->customer_store = g_list_store_new (PW_TYPE_CUSTOMER);
  self->customer_filter = gtk_custom_filter_new (filter_cb, self, NULL);
  pw_ui_add_columns (self->customer_view, PW_TYPE_CUSTOMER, columns, N_COLUMNS, G_CALLBACK (pw_customers_page_cell_setup),
                     G_CALLBACK (cell_bind_cb), self, NULL);
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->customer_store)),
                                    g_object_ref (gtk_column_view_get_sorter (self->customer_view)));
  self->customer_model = gtk_filter_list_model_new (G_LIST_MODEL (g_steal_pointer (&sorted)),
                                                    g_object_ref (GTK_FILTER (self->customer_filter)));
  self->customer_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->customer_model)));
  gtk_single_selection_set_autoselect (self->customer_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->customer_selection, TRUE);
  g_signal_connect_swapped (self->customer_selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  gtk_column_view_set_model (self->customer_view, GTK_SELECTION_MODEL (self->customer_selection));
  gtk_search_entry_set_key_capture_widget (self->customer_search_entry, GTK_WIDGET (self->customer_view));
  g_signal_connect_object (self->customer_leaflet, "notify::folded", G_CALLBACK (folded_changed_cb), self,
                           G_CONNECT_SWAPPED);
  folded_changed_cb (self);
}

void
pw_customer_section_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "customer.new", NULL, new_customer_action);
  gtk_widget_class_install_action (widget_class, "customer.edit-customer", NULL, edit_customer_action);
  gtk_widget_class_install_action (widget_class, "customer.add-contact", NULL, add_contact_action);
  gtk_widget_class_install_action (widget_class, "customer.edit-contact", "s", edit_contact_action);
  gtk_widget_class_install_action (widget_class, "customer.remove-contact", "s", remove_contact_action);
  gtk_widget_class_install_action (widget_class, "customer.statement-pdf", NULL, statement_action);
  gtk_widget_class_install_action (widget_class, "customer.print-statement", NULL, statement_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "customer.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "customer.add-contact", NULL);
  gtk_widget_class_bind_template_callback_full (widget_class, "customer_search_changed_cb",
                                                G_CALLBACK (search_changed_cb));
}
