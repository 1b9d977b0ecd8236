/* pw-customers-page.c — the Customers page: customers and their contacts, prospects
 * with their viewings and quotes, quote approvals, and the park's price policy
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shell of the page: the section switcher, the store and park it shows
 * (a PwPage), finding, loading, and what the sections share (toasts, forms,
 * the rows they add). Each section is a file of its own (see
 * pw-customers-page-private.h). Every change goes through core (pw-customer.h)
 * and so through the store's mutation path; the page then loads again at once,
 * so what it shows is what the store holds.
 *
 * Each section's list and detail sit in an AdwLeaflet: side by side when the
 * window is wide, the list then the detail (with a back button) when narrow.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-customers-page-private.h"
#include "pw-ledger.h"
#include "pw-page.h"
#include "pw-undo-toast.h"

enum {
  PROP_0,
  PROP_STORE,
  PROP_PARK_ID,
  N_PROPS
};

static void pw_customers_page_page_init (PwPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PwCustomersPage, pw_customers_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (PW_TYPE_PAGE, pw_customers_page_page_init))

/* Shared with the sections */

const char *
pw_customers_page_or_dash (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : "—";
}

const char *
pw_customers_page_park (PwCustomersPage *self)
{
  return self->current_park;
}

void
pw_customers_page_toast (PwCustomersPage *self,
                         const char      *message)
{
  AdwToast *toast = adw_toast_new (message);

  g_free (self->last_message);
  self->last_message = g_strdup (message);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A removal's toast, with Undo (docs/undo.md); the reload after an undo comes
 * with the store's change. */
void
pw_customers_page_undo_toast (PwCustomersPage *self,
                              PwChange        *change,
                              const char      *message)
{
  g_free (self->last_message);
  self->last_message = g_strdup (message);
  /* from inside the page's own overlay, so that the toast is shown there */
  if (pw_undo_toast_show (adw_toast_overlay_get_child (self->toast_overlay), self->watch.store,
                          change, message) == NULL)
    pw_customers_page_toast (self, message);
}

/* The lists' cells: one label each, the first column's in a named group (its
 * accessible name is the row's). */
void
pw_customers_page_cell_setup (GtkSignalListItemFactory *factory,
                              GtkListItem              *list_item,
                              gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column")) == 0)
    pw_ui_set_named_cell (list_item, label);
  else
    gtk_list_item_set_child (list_item, label);
}

/* Shows @text in a cell (a dash for none, the whole as a tooltip when it is cut);
 * @accessible names the row, for the first column's cell. */
void
pw_customers_page_cell_show (GtkListItem *list_item,
                             const char  *text,
                             const char  *accessible)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  if (accessible != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      cell = gtk_widget_get_first_child (cell);
    }
  gtk_label_set_text (GTK_LABEL (cell), pw_customers_page_or_dash (text));
  gtk_widget_set_tooltip_text (cell, text != NULL && text[0] != '\0' ? text : NULL);
}

void
pw_customers_page_set_info (AdwActionRow *row,
                            const char   *text)
{
  adw_action_row_set_subtitle (row, pw_customers_page_or_dash (text));
}

/* A status pill coloured as the ledger colours space statuses. */
void
pw_customers_page_set_pill (GtkWidget  *label,
                            const char *word)
{
  static const struct {
    const char *word;
    const char *css;
  } colours[] = {
    { "draft", "status-available" },
    { "lead", "status-available" },
    { "submitted", "status-reserved" },
    { "pending", "status-reserved" },
    { "viewing", "status-reserved" },
    { "quoted", "status-reserved" },
    { "negotiating", "status-reserved" },
    { "approved", "status-leased" },
    { "won", "status-leased" },
    { "rejected", "status-disposed" },
    { "lost", "status-disposed" },
  };

  const char *classes[] = { "status-pill", NULL, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (colours); i++)
    if (g_strcmp0 (word, colours[i].word) == 0)
      classes[1] = colours[i].css;
  gtk_widget_set_css_classes (label, classes);
  gtk_label_set_text (GTK_LABEL (label), pw_leasing_label (word));
}

void
pw_customers_page_remove_rows (PwCustomersPage *self,
                               GtkWidget       *container)
{
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();

  /* taken out of the list first: removing a selected row runs handlers that refill */
  for (guint i = self->dynamic_rows->len; i > 0; i--)
    {
      GtkWidget *row = g_ptr_array_index (self->dynamic_rows, i - 1);

      if (g_object_get_data (G_OBJECT (row), "pw-container") != container)
        continue;
      g_ptr_array_add (doomed, row);
      g_ptr_array_remove_index (self->dynamic_rows, i - 1);
    }
  for (guint i = 0; i < doomed->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (doomed, i);

      if (ADW_IS_PREFERENCES_GROUP (container))
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (container), row);
      else
        gtk_list_box_remove (GTK_LIST_BOX (container), row);
    }
}

GtkWidget *
pw_customers_page_add_row (PwCustomersPage *self,
                           GtkWidget       *container,
                           const char      *title,
                           const char      *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && subtitle[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data (G_OBJECT (row), "pw-container", container);
  if (ADW_IS_PREFERENCES_GROUP (container))
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (container), row);
  else
    gtk_list_box_append (GTK_LIST_BOX (container), row);
  g_ptr_array_add (self->dynamic_rows, row);
  return row;
}

GtkWidget *
pw_customers_page_add_row_action (GtkWidget  *row,
                                  const char *icon,
                                  const char *tooltip,
                                  const char *action,
                                  const char *id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  pw_ui_set_accessible_name (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

static void
form_destroyed_cb (PwCustomersPage *self,
                   GtkWidget       *window)
{
  if (GTK_WIDGET (self->form) == window)
    self->form = NULL;
}

PwRecordForm *
pw_customers_page_open_form (PwCustomersPage      *self,
                             const char           *name,
                             const char           *title,
                             const char           *save_label,
                             PwRecordFormSaveFunc  save)
{
  if (self->form != NULL)
    gtk_window_destroy (GTK_WINDOW (self->form));
  self->form = pw_record_form_new (GTK_WIDGET (self), name, title, save_label, save, self);
  g_signal_connect_object (self->form, "destroy", G_CALLBACK (form_destroyed_cb), self, G_CONNECT_SWAPPED);
  return self->form;
}

void
pw_customers_page_show_detail (AdwLeaflet *leaflet,
                               gboolean    detail)
{
  /* the list and the detail are the leaflet's two navigatable children */
  adw_leaflet_navigate (leaflet, detail ? ADW_NAVIGATION_DIRECTION_FORWARD : ADW_NAVIGATION_DIRECTION_BACK);
}

/* Loading */

static char *
selected_id (GtkSingleSelection *selection,
             PwUiGetIdFunc       get_id)
{
  gpointer item = gtk_single_selection_get_selected_item (selection);

  return item != NULL ? g_strdup (get_id (item)) : NULL;
}

static gboolean
select_in (GtkSingleSelection *selection,
           PwUiGetIdFunc       get_id,
           const char         *id)
{
  guint position = pw_ui_find_item (gtk_single_selection_get_model (selection), get_id, id);

  gtk_single_selection_set_selected (selection, position);
  return position != GTK_INVALID_LIST_POSITION;
}

void
pw_customers_page_load (PwCustomersPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) customers = NULL;
  g_autoptr(GListStore) prospects = NULL;
  g_autofree char *customer_id = selected_id (self->customer_selection, (PwUiGetIdFunc) pw_customer_get_id);
  g_autofree char *prospect_id = selected_id (self->prospect_selection, (PwUiGetIdFunc) pw_prospect_get_id);

  pw_ui_store_watch_cancel (&self->watch);
  self->loaded = TRUE;
  self->stale = FALSE;
  g_clear_pointer (&self->current_park, g_free);
  if (self->watch.store != NULL)
    self->current_park = g_strdup (self->park_id != NULL ? self->park_id
                                                         : pw_ledger_first_park_id (self->watch.store));

  self->reloading = TRUE;
  if (pw_customers_page_park (self) != NULL)
    {
      customers = pw_customer_list_records (self->watch.store, pw_customers_page_park (self), &error);
      if (customers == NULL)
        pw_customers_page_toast (self, error->message);
      g_clear_error (&error);
      prospects = pw_prospect_list_records (self->watch.store, pw_customers_page_park (self), &error);
      if (prospects == NULL)
        pw_customers_page_toast (self, error->message);
    }
  pw_customer_section_fill (self, customers);
  pw_prospect_section_fill (self, prospects);
  gtk_single_selection_set_selected (self->customer_selection, GTK_INVALID_LIST_POSITION);
  gtk_single_selection_set_selected (self->prospect_selection, GTK_INVALID_LIST_POSITION);
  if (customer_id != NULL)
    select_in (self->customer_selection, (PwUiGetIdFunc) pw_customer_get_id, customer_id);
  if (prospect_id != NULL)
    select_in (self->prospect_selection, (PwUiGetIdFunc) pw_prospect_get_id, prospect_id);
  self->reloading = FALSE;

  pw_price_policy_load (self);
  pw_customer_section_update_counts (self);
  pw_prospect_section_update_counts (self);
  pw_customer_section_update (self);
  pw_prospect_section_update (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->section_stack), pw_customers_page_park (self) != NULL);
}

static void
reload_cb (gpointer owner)
{
  PwCustomersPage *self = owner;

  /* an open form keeps what it shows; the page catches up when it is seen */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    pw_customers_page_load (self);
  else
    self->stale = TRUE;
}

/* Shell actions */

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  pw_customers_page_focus_search (PW_CUSTOMERS_PAGE (widget));
}

/* Edits the record the visible section shows. */
static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (widget);
  const char *section = adw_view_stack_get_visible_child_name (self->section_stack);

  if (g_strcmp0 (section, "customers") == 0)
    gtk_widget_activate_action (widget, "customer.edit-customer", NULL);
  else if (g_strcmp0 (section, "prospects") == 0)
    gtk_widget_activate_action (widget, "customer.edit-prospect", NULL);
}

/* Back from a detail to its list, when the leaflet shows one of them. */
static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (widget);
  const char *section = adw_view_stack_get_visible_child_name (self->section_stack);

  if (g_strcmp0 (section, "customers") == 0)
    pw_customers_page_show_detail (self->customer_leaflet, FALSE);
  else if (g_strcmp0 (section, "prospects") == 0)
    pw_customers_page_show_detail (self->prospect_leaflet, FALSE);
}

/* Public */

GtkWidget *
pw_customers_page_new (void)
{
  return g_object_new (PW_TYPE_CUSTOMERS_PAGE, NULL);
}

void
pw_customers_page_set_store (PwCustomersPage *self,
                             PwStore         *store)
{
  g_return_if_fail (PW_IS_CUSTOMERS_PAGE (self));
  g_return_if_fail (store == NULL || PW_IS_STORE (store));

  if (!pw_ui_store_watch_set_store (&self->watch, store))
    return;
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    pw_customers_page_load (self);
  g_object_notify (G_OBJECT (self), "store");
}

void
pw_customers_page_set_park_id (PwCustomersPage *self,
                               const char      *park_id)
{
  g_return_if_fail (PW_IS_CUSTOMERS_PAGE (self));

  if (g_strcmp0 (self->park_id, park_id) == 0)
    return;
  g_free (self->park_id);
  self->park_id = g_strdup (park_id);
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    pw_customers_page_load (self);
  g_object_notify (G_OBJECT (self), "park-id");
}

void
pw_customers_page_reload (PwCustomersPage *self)
{
  g_return_if_fail (PW_IS_CUSTOMERS_PAGE (self));

  pw_customers_page_load (self);
}

void
pw_customers_page_focus_search (PwCustomersPage *self)
{
  g_return_if_fail (PW_IS_CUSTOMERS_PAGE (self));

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->section_stack), "prospects") == 0)
    {
      pw_customers_page_show_detail (self->prospect_leaflet, FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (self->prospect_search_entry));
    }
  else
    {
      adw_view_stack_set_visible_child_name (self->section_stack, "customers");
      pw_customers_page_show_detail (self->customer_leaflet, FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (self->customer_search_entry));
    }
}

GListModel *
pw_customers_page_get_customers (PwCustomersPage *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMERS_PAGE (self), NULL);

  return G_LIST_MODEL (self->customer_model);
}

GListModel *
pw_customers_page_get_prospects (PwCustomersPage *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMERS_PAGE (self), NULL);

  return G_LIST_MODEL (self->prospect_model);
}

gboolean
pw_customers_page_select_customer (PwCustomersPage *self,
                                   const char      *customer_id)
{
  g_return_val_if_fail (PW_IS_CUSTOMERS_PAGE (self), FALSE);

  adw_view_stack_set_visible_child_name (self->section_stack, "customers");
  if (select_in (self->customer_selection, (PwUiGetIdFunc) pw_customer_get_id, customer_id))
    return TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->customer_search_entry), "");
  g_signal_emit_by_name (self->customer_search_entry, "search-changed");
  return select_in (self->customer_selection, (PwUiGetIdFunc) pw_customer_get_id, customer_id);
}

gboolean
pw_customers_page_select_prospect (PwCustomersPage *self,
                                   const char      *prospect_id)
{
  g_return_val_if_fail (PW_IS_CUSTOMERS_PAGE (self), FALSE);

  adw_view_stack_set_visible_child_name (self->section_stack, "prospects");
  if (select_in (self->prospect_selection, (PwUiGetIdFunc) pw_prospect_get_id, prospect_id))
    return TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->prospect_search_entry), "");
  g_signal_emit_by_name (self->prospect_search_entry, "search-changed");
  return select_in (self->prospect_selection, (PwUiGetIdFunc) pw_prospect_get_id, prospect_id);
}

gboolean
pw_customers_page_select_quote (PwCustomersPage *self,
                                const char      *quote_id)
{
  g_return_val_if_fail (PW_IS_CUSTOMERS_PAGE (self), FALSE);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->quote_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (g_object_get_data (G_OBJECT (row), "pw-id"), quote_id) == 0)
      {
        gtk_list_box_select_row (self->quote_list, GTK_LIST_BOX_ROW (row));
        /* selecting the row already selected says nothing: show it anyway */
        if (g_strcmp0 (self->quote_id, quote_id) != 0)
          {
            g_free (self->quote_id);
            self->quote_id = g_strdup (quote_id);
          }
        pw_prospect_section_update_quote (self);
        return TRUE;
      }
  return FALSE;
}

const char *
pw_customers_page_get_selected_quote (PwCustomersPage *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMERS_PAGE (self), NULL);

  return self->quote_id;
}

GtkWindow *
pw_customers_page_get_form (PwCustomersPage *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMERS_PAGE (self), NULL);

  return self->form != NULL ? GTK_WINDOW (self->form) : NULL;
}

const char *
pw_customers_page_get_last_message (PwCustomersPage *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMERS_PAGE (self), NULL);

  return self->last_message;
}

/* PwPage */

static void
page_focus_search (PwPage *page)
{
  pw_customers_page_focus_search (PW_CUSTOMERS_PAGE (page));
}

static void
pw_customers_page_page_init (PwPageInterface *iface)
{
  iface->focus_search = page_focus_search;
}

/* GObject */

static void
pw_customers_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->watch.store);
      break;
    case PROP_PARK_ID:
      g_value_set_string (value, self->park_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_customers_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pw_customers_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_PARK_ID:
      pw_customers_page_set_park_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_customers_page_map (GtkWidget *widget)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (widget);

  GTK_WIDGET_CLASS (pw_customers_page_parent_class)->map (widget);
  if (self->watch.store != NULL && (!self->loaded || self->stale))
    pw_customers_page_load (self);
}

static void
pw_customers_page_dispose (GObject *object)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (object);

  if (self->form != NULL)
    gtk_window_destroy (GTK_WINDOW (self->form));
  self->form = NULL;
  pw_ui_store_watch_clear (&self->watch);
  /* the quote list tells of its rows going while the rest is already gone */
  self->filling_quotes = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_CUSTOMERS_PAGE);
  g_clear_object (&self->customer_selection);
  g_clear_object (&self->customer_model);
  g_clear_object (&self->customer_filter);
  g_clear_object (&self->customer_store);
  g_clear_object (&self->prospect_selection);
  g_clear_object (&self->prospect_model);
  g_clear_object (&self->prospect_filter);
  g_clear_object (&self->prospect_store);
  g_clear_object (&self->quotes);

  G_OBJECT_CLASS (pw_customers_page_parent_class)->dispose (object);
}

static void
pw_customers_page_finalize (GObject *object)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (object);

  g_free (self->park_id);
  g_free (self->current_park);
  g_free (self->last_message);
  g_free (self->customer_needle);
  g_free (self->prospect_needle);
  g_free (self->list_price);
  g_free (self->floor_price);
  g_free (self->quote_id);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_ptr_array_unref (self->dynamic_rows);

  G_OBJECT_CLASS (pw_customers_page_parent_class)->finalize (object);
}

static void
pw_customers_page_class_init (PwCustomersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_customers_page_dispose;
  object_class->finalize = pw_customers_page_finalize;
  object_class->get_property = pw_customers_page_get_property;
  object_class->set_property = pw_customers_page_set_property;
  widget_class->map = pw_customers_page_map;

  g_object_class_override_property (object_class, PROP_STORE, "store");
  g_object_class_override_property (object_class, PROP_PARK_ID, "park-id");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "customerspage");
  g_type_ensure (PW_TYPE_CUSTOMER_LEASES);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parkwise/Parkwise/pw-customers-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PwCustomersPage, name)
  BIND (toast_overlay);
  BIND (section_stack);
  BIND (customer_leaflet);
  BIND (customer_list_pane);
  BIND (customer_search_entry);
  BIND (customer_list_stack);
  BIND (customer_view);
  BIND (customer_count_label);
  BIND (customer_detail_stack);
  BIND (customer_back_button);
  BIND (customer_leases);
  BIND (customer_name_label);
  BIND (kind_info_row);
  BIND (uscc_info_row);
  BIND (industry_info_row);
  BIND (risk_info_row);
  BIND (tags_info_row);
  BIND (notes_info_row);
  BIND (contacts_group);
  BIND (prospect_leaflet);
  BIND (prospect_list_pane);
  BIND (prospect_search_entry);
  BIND (prospect_list_stack);
  BIND (prospect_view);
  BIND (prospect_count_label);
  BIND (prospect_detail_stack);
  BIND (prospect_back_button);
  BIND (prospect_name_label);
  BIND (prospect_stage_label);
  BIND (prospect_customer_row);
  BIND (prospect_agent_row);
  BIND (prospect_source_row);
  BIND (prospect_notes_row);
  BIND (viewings_group);
  BIND (quotes_group);
  BIND (quote_list);
  BIND (quote_detail_box);
  BIND (quote_status_row);
  BIND (quote_terms_row);
  BIND (quote_discount_row);
  BIND (quote_lease_row);
  BIND (show_lease_button);
  BIND (approvals_group);
  BIND (comment_list);
  BIND (approval_comment_row);
  BIND (approval_comment_error_row);
  BIND (submit_quote_button);
  BIND (edit_quote_button);
  BIND (approve_button);
  BIND (reject_button);
  BIND (create_lease_button);
  BIND (quote_message_label);
  BIND (list_price_row);
  BIND (list_price_error_row);
  BIND (floor_price_row);
  BIND (floor_price_error_row);
  BIND (rules_group);
#undef BIND

  gtk_widget_class_install_action (widget_class, "customer.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "customer.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "customer.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "customer.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "customer.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "customer.back", NULL);
  pw_customer_section_class_init (widget_class);
  pw_prospect_section_class_init (widget_class);
  pw_price_policy_class_init (widget_class);
}

static void
pw_customers_page_init (PwCustomersPage *self)
{
  self->dynamic_rows = g_ptr_array_new ();
  pw_ui_store_watch_init (&self->watch, reload_cb, self);

  gtk_widget_init_template (GTK_WIDGET (self));

  pw_customer_section_init (self);
  pw_prospect_section_init (self);
  pw_customer_section_update_counts (self);
  pw_prospect_section_update_counts (self);
  pw_customer_section_update (self);
  pw_prospect_section_update (self);
  pw_price_policy_load (self);
}
