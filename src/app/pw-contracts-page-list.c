/* pw-contracts-page-list.c — the Contracts page's list: the park's contracts as
 * PwContractRecord, filtered by status and end (by core's query), by building and
 * search (here), sorted by the column chosen
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   item_store (GListStore of PwContractRecord: pw_contract_records_load())
 *     → filter_model (search and building: one GtkCustomFilter)
 *     → sort_model (the column view's sorter; unsorted: by end date, as loaded)
 *     → selection → column_view
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-contracts-page-private.h"
#include "pw-ledger.h"

static const int expiring_choices[] = { -1, 30, 60, 90 };

typedef enum {
  COLUMN_CODE,
  COLUMN_CUSTOMER,
  COLUMN_STATUS,
  COLUMN_TERM,
  COLUMN_SPACES,
  COLUMN_DAYS_LEFT,
  COLUMN_ALERTS,
  N_COLUMNS
} Column;

static const char *
or_dash (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : "—";
}

static char *
format_term (PwContractRecord *record)
{
  /* Translators: a contract's term: start – end dates */
  return g_strdup_printf (_("%s – %s"), or_dash (pw_contract_record_get_start_date (record)),
                          or_dash (pw_contract_record_get_end_date (record)));
}

static char *
format_days_left (PwContractRecord *record)
{
  int days = pw_contract_record_get_days_left (record);

  if (days == PW_CONTRACT_RECORD_NO_DAYS)
    return g_strdup ("—");
  return g_strdup_printf (ngettext ("%d day", "%d days", (gulong) ABS (days)), days);
}

static const char *
selected_building (PwContractsPage *self)
{
  GtkStringObject *building = gtk_drop_down_get_selected_item (self->building_dropdown);
  guint position = gtk_drop_down_get_selected (self->building_dropdown);

  if (building == NULL || position == 0 || position == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_object_get_string (building);
}

static gboolean
filter_item_cb (gpointer item,
                gpointer user_data)
{
  PwContractsPage *self = user_data;

  return pw_contract_record_in_building (item, selected_building (self))
         && pw_ui_item_matches (item, self->needle);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (column == COLUMN_CODE)
    {
      pw_ui_set_named_cell (list_item, label);
      return;
    }
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COLUMN_STATUS)
    gtk_widget_set_halign (label, GTK_ALIGN_START);
  if (column == COLUMN_TERM || column == COLUMN_DAYS_LEFT)
    gtk_widget_add_css_class (label, "numeric");
  if (column == COLUMN_TERM || column == COLUMN_DAYS_LEFT || column == COLUMN_ALERTS)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  if (column == COLUMN_DAYS_LEFT)
    gtk_label_set_xalign (GTK_LABEL (label), 1);
  if (column == COLUMN_ALERTS)
    gtk_widget_add_css_class (label, "warning");
  gtk_list_item_set_child (list_item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  PwContractRecord *record = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_CODE:
      {
        /* Translators: the accessible name of a contract's row: code, customer, status */
        g_autofree char *name = g_strdup_printf (_("%s, %s, %s"), pw_contract_record_get_code (record),
                                                 or_dash (pw_contract_record_get_customer_name (record)),
                                                 pw_contract_record_get_status_label (record));

        gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        cell = gtk_widget_get_first_child (cell);
        text = g_strdup (pw_contract_record_get_code (record));
      }
      break;
    case COLUMN_CUSTOMER:
      text = g_strdup (or_dash (pw_contract_record_get_customer_name (record)));
      /* the whole name, where a narrow column cuts it */
      gtk_widget_set_tooltip_text (cell, text);
      break;
    case COLUMN_STATUS:
      pw_contracts_page_set_status_pill (cell, pw_contract_record_get_status (record));
      return;
    case COLUMN_TERM:
      text = format_term (record);
      break;
    case COLUMN_SPACES:
      text = g_strdup (pw_contract_record_get_spaces_text (record));
      gtk_widget_set_tooltip_text (cell, text);
      break;
    case COLUMN_DAYS_LEFT:
      text = format_days_left (record);
      break;
    case COLUMN_ALERTS:
      {
        guint n = pw_contract_record_get_n_alerts (record);
        g_autofree char *tooltip = g_strjoinv ("\n", (char **) pw_contract_record_get_alerts (record));

        gtk_widget_set_tooltip_text (cell, n > 0 ? tooltip : NULL);
        gtk_label_set_text (GTK_LABEL (cell), "");
        if (n > 0)
          {
            g_autofree char *count = g_strdup_printf ("⚠ %u", n);

            gtk_label_set_text (GTK_LABEL (cell), count);
          }
        return;
      }
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (cell), or_dash (text));
}

static void
update_count (PwContractsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->item_store));
  gboolean filtered = gtk_drop_down_get_selected (self->status_filter_dropdown) > 0
                      || gtk_drop_down_get_selected (self->expiring_dropdown) > 0;
  g_autofree char *text = NULL;

  if (n == total)
    text = g_strdup_printf (ngettext ("%u contract", "%u contracts", n), n);
  else
    /* Translators: the contracts the filters leave, e.g. "3 of 20 contracts" */
    text = g_strdup_printf (ngettext ("%u of %u contract", "%u of %u contracts", total), n, total);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    n > 0 ? "list" : total == 0 && !filtered && self->needle == NULL
                                                     ? "none" : "empty");
}

/* Loading */

static void
load_buildings (PwContractsPage *self,
                GListModel      *parks)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkStringObject *chosen = gtk_drop_down_get_selected_item (self->building_dropdown);
  g_autofree char *was = NULL;
  guint position = 0;

  if (chosen != NULL && gtk_drop_down_get_selected (self->building_dropdown) > 0)
    was = g_strdup (gtk_string_object_get_string (chosen));
  g_ptr_array_set_size (self->building_codes, 0);
  gtk_string_list_append (names, _("All Buildings"));
  for (guint p = 0; parks != NULL && p < g_list_model_get_n_items (parks); p++)
    {
      g_autoptr(PwLedgerNode) park = g_list_model_get_item (parks, p);
      GListModel *buildings;

      if (g_strcmp0 (pw_ledger_node_get_id (park), self->park_id) != 0)
        continue;
      buildings = pw_ledger_node_get_children (park);
      for (guint b = 0; buildings != NULL && b < g_list_model_get_n_items (buildings); b++)
        {
          g_autoptr(PwLedgerNode) building = g_list_model_get_item (buildings, b);
          const char *code = pw_ledger_node_get_code (building);

          g_ptr_array_add (self->building_codes, g_strdup (code));
          gtk_string_list_append (names, code);
          if (g_strcmp0 (code, was) == 0)
            position = self->building_codes->len;
        }
    }
  gtk_drop_down_set_model (self->building_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->building_dropdown, position);
}

/* The park shown: the one asked for, else the store's first. */
static GListModel *
find_park (PwContractsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) parks = pw_ledger_load_parks (self->watch.store, &error);
  gboolean found = FALSE;

  if (parks == NULL)
    {
      g_warning ("Could not load the parks: %s", error->message);
      return NULL;
    }
  for (guint p = 0; p < g_list_model_get_n_items (parks) && !found; p++)
    {
      g_autoptr(PwLedgerNode) node = g_list_model_get_item (parks, p);

      found = g_strcmp0 (pw_ledger_node_get_id (node), self->park_id) == 0;
    }
  if (!found)
    {
      g_clear_pointer (&self->park_id, g_free);
      if (g_list_model_get_n_items (parks) > 0)
        {
          g_autoptr(PwLedgerNode) first = g_list_model_get_item (parks, 0);

          self->park_id = g_strdup (pw_ledger_node_get_id (first));
        }
    }
  return g_steal_pointer (&parks);
}

void
pw_contracts_list_load (PwContractsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *selected_id = NULL;
  g_autofree char *today = pw_contracts_page_today ();
  PwContractRecord *selected;
  guint expiring = gtk_drop_down_get_selected (self->expiring_dropdown);

  pw_ui_store_watch_cancel (&self->watch);
  self->loaded = TRUE;

  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected != NULL)
    selected_id = g_strdup (pw_contract_record_get_id (selected));

  if (self->watch.store != NULL)
    {
      g_autoptr(GListModel) parks = find_park (self);

      self->reloading = TRUE;
      load_buildings (self, parks);
      self->reloading = FALSE;
      records = pw_contract_records_load (self->watch.store, self->park_id,
                                          pw_ui_get_filter_choice (self->status_filter_dropdown),
                                          expiring < G_N_ELEMENTS (expiring_choices)
                                            ? expiring_choices[expiring] : -1,
                                          today, &error);
      if (records == NULL)
        g_warning ("Could not load the contracts: %s", error->message);
    }

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      PwContractRecord *record = g_ptr_array_index (records, i);
      g_autofree char *key = g_strjoin ("\n", pw_contract_record_get_code (record),
                                        or_dash (pw_contract_record_get_customer_name (record)),
                                        pw_contract_record_get_spaces_text (record), NULL);

      pw_ui_set_search_key (record, key);
    }

  self->reloading = TRUE;
  g_list_store_splice (self->item_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->item_store)),
                       records != NULL ? records->pdata : NULL, records != NULL ? records->len : 0);
  gtk_single_selection_set_selected (self->selection,
                                     pw_ui_find_item (G_LIST_MODEL (self->selection),
                                                      (PwUiGetIdFunc) pw_contract_record_get_id,
                                                      selected_id));
  self->reloading = FALSE;
  update_count (self);
  pw_contracts_detail_update (self);
}

/* Signal handlers */

static void
search_changed_cb (PwContractsPage *self,
                   GtkSearchEntry  *entry)
{
  pw_contracts_list_apply_search (self);
}

void
pw_contracts_list_apply_search (PwContractsPage *self)
{
  GtkFilterChange change;

  if (!pw_ui_update_needle (&self->needle, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                            &change))
    return;
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_count (self);
}

static void
filter_changed_cb (PwContractsPage *self,
                   GParamSpec      *pspec,
                   GtkDropDown     *dropdown)
{
  if (self->reloading || self->item_store == NULL)
    return;
  if (dropdown == self->building_dropdown)
    {
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
      update_count (self);
    }
  else if (self->loaded)
    pw_contracts_list_load (self);
}

void
pw_contracts_list_clear_filters (PwContractsPage *self)
{
  self->reloading = TRUE;
  gtk_drop_down_set_selected (self->status_filter_dropdown, 0);
  gtk_drop_down_set_selected (self->expiring_dropdown, 0);
  gtk_drop_down_set_selected (self->building_dropdown, 0);
  self->reloading = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  pw_contracts_list_apply_search (self);
  pw_contracts_list_load (self);
}

static void
selection_changed_cb (PwContractsPage *self)
{
  if (self->reloading)
    return;
  pw_contracts_detail_update (self);
  /* a narrow window shows the contract picked in place of the list */
  if (gtk_single_selection_get_selected_item (self->selection) != NULL)
    adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

/* Setting up */

void
pw_contracts_list_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
}

/* narrow: a contract's code and customer, the rest is in the detail */
static void
folded_changed_cb (PwContractsPage *self)
{
  pw_ui_columns_narrow (self->column_view, 2, adw_leaflet_get_folded (self->leaflet));
}

void
pw_contracts_list_init (PwContractsPage *self)
{
  static const PwUiColumn columns[N_COLUMNS] = {
    { N_("Code"), "code", FALSE, 0, FALSE },
    { N_("Customer"), "customer-name", FALSE, 0, TRUE },
    { N_("Status"), "status", TRUE, 0, FALSE },
    { N_("Term"), "start-date", FALSE, 0, FALSE },
    { N_("Spaces"), "spaces-text", FALSE, 120, FALSE },
    /* Translators: a column title: the days until a running contract ends */
    { N_("Days Left"), "days-left", TRUE, 0, FALSE },
    /* Translators: a column title: what a contract does beyond policy or its spaces */
    { N_("Alerts"), "n-alerts", TRUE, 0, FALSE },
  };
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) expiring = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) buildings = gtk_string_list_new (NULL);

  self->building_codes = g_ptr_array_new_with_free_func (g_free);

  self->reloading = TRUE;
  gtk_string_list_append (statuses, _("All Statuses"));
  for (int i = 0; i < PW_N_CONTRACT_STATUSES; i++)
    gtk_string_list_append (statuses, pw_contract_status_get_label (i));
  gtk_drop_down_set_model (self->status_filter_dropdown, G_LIST_MODEL (statuses));
  gtk_string_list_append (expiring, _("Any End Date"));
  for (guint i = 1; i < G_N_ELEMENTS (expiring_choices); i++)
    {
      /* Translators: a filter: running contracts that end within N days */
      g_autofree char *label = g_strdup_printf (ngettext ("Ending within %d day",
                                                          "Ending within %d days",
                                                          (gulong) expiring_choices[i]),
                                                expiring_choices[i]);

      gtk_string_list_append (expiring, label);
    }
  gtk_drop_down_set_model (self->expiring_dropdown, G_LIST_MODEL (expiring));
  gtk_string_list_append (buildings, _("All Buildings"));
  gtk_drop_down_set_model (self->building_dropdown, G_LIST_MODEL (buildings));
  self->reloading = FALSE;

  self->item_store = g_list_store_new (PW_TYPE_CONTRACT_RECORD);
  pw_ui_add_columns (self->column_view, PW_TYPE_CONTRACT_RECORD, columns, N_COLUMNS,
                     G_CALLBACK (cell_setup_cb), G_CALLBACK (cell_bind_cb), self, NULL);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (folded_changed_cb), self,
                           G_CONNECT_SWAPPED);
  folded_changed_cb (self);
  /* as loaded, by end date, until a column is chosen */
  gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
  self->filter = gtk_custom_filter_new (filter_item_cb, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->item_store)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  update_count (self);
}

/* The filters, as the page's public functions set them */

gboolean
pw_contracts_page_set_expiring_choice (PwContractsPage *self,
                                       int              days)
{
  for (guint i = 0; i < G_N_ELEMENTS (expiring_choices); i++)
    if (expiring_choices[i] == days)
      {
        gtk_drop_down_set_selected (self->expiring_dropdown, i);
        return TRUE;
      }
  return FALSE;
}
