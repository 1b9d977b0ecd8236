/* pw-equipment-page.c — the equipment of the asset ledger: a searchable,
 * sortable list and a side pane to change the selected item's status
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The models, from the store to the screen, as on the assets page:
 *
 *   item_store (GListStore of PwEquipment, one park)
 *     → sort_model (the column view's sorter)
 *     → filter_model (status and search: one GtkCustomFilter)
 *     → selection → column_view
 *
 * Each item carries its case-folded search text as qdata, computed once per
 * load, so that filtering allocates nothing.
 *
 * Money follows the "currency-display" setting as areas on the assets page
 * follow "area-unit": a change re-binds every row and refills the pane.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-equipment-dialog.h"
#include "pw-equipment-page.h"
#include "pw-page.h"
#include "pw-money.h"
#include "pw-ui.h"
#include "pw-undo-toast.h"

struct _PwEquipmentPage
{
  GtkWidget            parent_instance;

  PwUiStoreWatch       watch;           /* the store */
  char                *park_id;         /* NULL: the first park */
  gboolean             reloading;
  GSettings           *settings;
  PwCurrencyStyle      currency_style;  /* as "currency-display" says */

  /* the list */
  GListStore          *item_store;
  GtkSortListModel    *sort_model;
  GtkFilterListModel  *filter_model;
  GtkCustomFilter     *filter;
  GtkSingleSelection  *selection;
  char                *needle;          /* case-folded search text, NULL for none */
  int                  status_filter;

  /* the side pane: what it shows, to tell a new item from a reloaded one */
  char                *shown_id;
  gint64               shown_version;

  /* template children */
  AdwToastOverlay     *toast_overlay;
  AdwLeaflet          *leaflet;
  GtkBox              *filter_bar;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *status_filter_dropdown;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkLabel            *count_label;
  GtkStack            *detail_stack;
  GtkLabel            *name_label;
  GtkLabel            *code_label;
  GtkLabel            *status_label;
  GtkLabel            *category_label;
  GtkLabel            *location_label;
  GtkLabel            *serial_label;
  GtkLabel            *installed_label;
  GtkLabel            *original_value_label;
  GtkDropDown         *change_status_dropdown;
  GtkEntry            *reason_entry;
  GtkLabel            *change_error_label;
  GtkButton           *change_button;
  GtkButton           *retire_button;
  GtkButton           *new_button;
};

static void pw_equipment_page_page_init (PwPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PwEquipmentPage, pw_equipment_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (PW_TYPE_PAGE, pw_equipment_page_page_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_PARK_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum {
  COLUMN_CODE,
  COLUMN_NAME,
  COLUMN_CATEGORY,
  COLUMN_LOCATION,
  COLUMN_STATUS,
  COLUMN_SERIAL,
  COLUMN_INSTALLED,
  COLUMN_ORIGINAL_VALUE,
  N_COLUMNS
} Column;

static void update_count (PwEquipmentPage *self);
static void update_detail (PwEquipmentPage *self);

/* Helpers */

static void
set_search_key (PwEquipment *item)
{
  g_autofree char *joined = g_strjoin ("\n", pw_equipment_get_code (item),
                                       pw_equipment_get_name (item),
                                       pw_equipment_get_category (item),
                                       pw_equipment_get_category_label (item),
                                       pw_equipment_get_serial (item), NULL);

  pw_ui_set_search_key (item, joined);
}

/* The stylesheet colours the space statuses; each equipment status borrows
 * the one that means the same to the eye. */
static const char *
status_css_class (PwEquipmentStatus status)
{
  switch (status)
    {
    case PW_EQUIPMENT_STATUS_IN_SERVICE:
      return "status-leased";       /* green: working */
    case PW_EQUIPMENT_STATUS_UNDER_REPAIR:
      return "status-under_repair"; /* red: needs attention */
    case PW_EQUIPMENT_STATUS_STANDBY:
      return "status-available";    /* accent: ready when needed */
    case PW_EQUIPMENT_STATUS_DISPOSED:
    case PW_N_EQUIPMENT_STATUSES:
    default:
      return "status-disposed";     /* dimmed */
    }
}

static void
set_status_pill (GtkWidget         *label,
                 PwEquipmentStatus  status)
{
  const char *classes[] = { "status-pill", status_css_class (status), NULL };

  gtk_widget_set_css_classes (label, classes);
  gtk_label_set_text (GTK_LABEL (label), pw_equipment_status_get_label (status));
}

char *
pw_equipment_page_describe_item (PwEquipment *item)
{
  g_autofree char *status = g_utf8_strdown (pw_equipment_get_status_label (item), -1);

  g_return_val_if_fail (PW_IS_EQUIPMENT (item), NULL);

  /* Translators: the accessible name of an equipment row: code, name, status,
   * e.g. "T1-EQ-003, Passenger lift 3, under repair" */
  return g_strdup_printf (_("%s, %s, %s"), pw_equipment_get_code (item),
                          pw_equipment_get_name (item), status);
}

/* The item's original value in the park's currency, styled as the settings
 * say; "—" when it is not known. */
static char *
format_original_value (PwEquipmentPage *self,
                       PwEquipment     *item)
{
  gint64 value = pw_equipment_get_original_value (item);

  if (value < 0 || pw_currency_minor_digits (pw_equipment_get_currency (item)) < 0)
    return g_strdup ("—");
  return pw_money_format (value, pw_equipment_get_currency (item), self->currency_style);
}

static guint
find_position (PwEquipmentPage *self,
               const char      *id)
{
  return pw_ui_find_item (G_LIST_MODEL (self->filter_model),
                          (PwUiGetIdFunc) pw_equipment_get_id, id);
}

/* The list */

static gboolean
filter_item_cb (gpointer item,
                gpointer user_data)
{
  PwEquipmentPage *self = user_data;

  if (self->status_filter >= 0 && (int) pw_equipment_get_status (item) != self->status_filter)
    return FALSE;

  return pw_ui_item_matches (item, self->needle);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_label_new (NULL);

  /* codes, serials, dates and amounts are never cut; names may be */
  if (column != COLUMN_CODE && column != COLUMN_SERIAL && column != COLUMN_INSTALLED
      && column != COLUMN_ORIGINAL_VALUE)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);

  switch (column)
    {
    case COLUMN_CODE:
      pw_ui_set_named_cell (list_item, label);
      return;

    case COLUMN_STATUS:
      gtk_widget_set_halign (label, GTK_ALIGN_START);
      break;

    case COLUMN_SERIAL:
    case COLUMN_INSTALLED:
      gtk_widget_add_css_class (label, "numeric");
      break;

    case COLUMN_ORIGINAL_VALUE:
      /* figures line up at the right, in tabular digits */
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
      break;

    case COLUMN_NAME:
    case COLUMN_CATEGORY:
    case COLUMN_LOCATION:
    case N_COLUMNS:
    default:
      break;
    }

  gtk_list_item_set_child (list_item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  PwEquipment *item = gtk_list_item_get_item (list_item);
  PwEquipmentPage *self = user_data;
  const char *text = NULL;

  switch (column)
    {
    case COLUMN_CODE:
      {
        g_autofree char *description = pw_equipment_page_describe_item (item);

        gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                        -1);
        cell = gtk_widget_get_first_child (cell);
        text = pw_equipment_get_code (item);
      }
      break;

    case COLUMN_NAME:
      text = pw_equipment_get_name (item);
      break;

    case COLUMN_CATEGORY:
      text = pw_equipment_get_category_label (item);
      break;

    case COLUMN_LOCATION:
      text = pw_equipment_get_location (item);
      gtk_widget_set_tooltip_text (cell, text[0] ? text : NULL);
      break;

    case COLUMN_STATUS:
      set_status_pill (cell, pw_equipment_get_status (item));
      return;

    case COLUMN_SERIAL:
      text = pw_equipment_get_serial (item);
      break;

    case COLUMN_INSTALLED:
      text = pw_equipment_get_install_date (item);
      break;

    case COLUMN_ORIGINAL_VALUE:
      {
        g_autofree char *value = format_original_value (self, item);

        gtk_label_set_text (GTK_LABEL (cell), value);
      }
      return;

    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  /* an empty cell reads as a dash, not as a gap */
  gtk_label_set_text (GTK_LABEL (cell), text != NULL && text[0] != '\0' ? text : "—");
}

static void
add_columns (PwEquipmentPage *self)
{
  static const PwUiColumn columns[N_COLUMNS] = {
    [COLUMN_CODE] = { N_("Code"), "code", FALSE, -1, FALSE },
    [COLUMN_NAME] = { N_("Name"), "name", FALSE, 196, FALSE },
    [COLUMN_CATEGORY] = { N_("Category"), "category-label", FALSE, 100, FALSE },
    [COLUMN_LOCATION] = { N_("Location"), "location", FALSE, 200, TRUE },
    /* statuses sort in their natural order: in service first, disposed last */
    [COLUMN_STATUS] = { N_("Status"), "status", TRUE, 116, FALSE },
    [COLUMN_SERIAL] = { N_("Serial"), "serial", FALSE, -1, FALSE },
    [COLUMN_INSTALLED] = { N_("Installed"), "install-date", FALSE, -1, FALSE },
    /* Translators: a column title: what an item cost when acquired (原值); it
     * sorts by amount, unknown values first */
    [COLUMN_ORIGINAL_VALUE] = { N_("Original Value"), "original-value", TRUE, -1, FALSE },
  };

  pw_ui_add_columns (self->column_view, PW_TYPE_EQUIPMENT, columns, N_COLUMNS,
                     G_CALLBACK (cell_setup_cb), G_CALLBACK (cell_bind_cb), self, NULL);
}

static void
update_count (PwEquipmentPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->item_store));
  g_autofree char *text = NULL;

  if (n == total)
    text = g_strdup_printf (ngettext ("%u item", "%u items", n), n);
  else
    /* Translators: the items the filters leave, e.g. "3 of 20 items" */
    text = g_strdup_printf (ngettext ("%u of %u item", "%u of %u items", total), n, total);

  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    total == 0 ? "none" : n == 0 ? "empty" : "list");
}

static void
refilter (PwEquipmentPage *self,
          GtkFilterChange  change)
{
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_count (self);
}

/* The side pane */

static PwEquipmentStatus
chosen_status (PwEquipmentPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->change_status_dropdown);

  return selected < PW_N_EQUIPMENT_STATUSES ? (PwEquipmentStatus) selected
                                            : PW_N_EQUIPMENT_STATUSES;
}

static gboolean
change_is_valid (PwEquipmentPage *self)
{
  PwEquipment *item = pw_equipment_page_get_selected_item (self);
  PwEquipmentStatus status = chosen_status (self);
  g_autofree char *reason = NULL;

  if (item == NULL || self->watch.store == NULL || status == PW_N_EQUIPMENT_STATUSES
      || status == pw_equipment_get_status (item))
    return FALSE;

  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_entry))));
  return reason[0] != '\0';
}

static void
show_change_error (PwEquipmentPage *self,
                   const char      *message)
{
  gtk_label_set_text (self->change_error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->change_error_label), message != NULL);
}

/* The page's commands, enabled from core's rules. */
static void
update_actions (PwEquipmentPage *self)
{
  PwEquipment *item = pw_equipment_page_get_selected_item (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "equipment.new", self->watch.store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "equipment.retire",
                                 self->watch.store != NULL && item != NULL &&
                                 pw_equipment_can_retire (item));
}

static void
update_detail (PwEquipmentPage *self)
{
  PwEquipment *item = pw_equipment_page_get_selected_item (self);
  gboolean same_item;

  update_actions (self);

  if (item == NULL)
    {
      g_clear_pointer (&self->shown_id, g_free);
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "equipment.change-status", FALSE);
      return;
    }

  same_item = g_strcmp0 (self->shown_id, pw_equipment_get_id (item)) == 0;

  gtk_label_set_text (self->name_label, pw_equipment_get_name (item));
  gtk_label_set_text (self->code_label, pw_equipment_get_code (item));
  set_status_pill (GTK_WIDGET (self->status_label), pw_equipment_get_status (item));
  gtk_label_set_text (self->category_label, pw_equipment_get_category_label (item));
#define OR_DASH(s) ((s)[0] != '\0' ? (s) : "—")
  gtk_label_set_text (self->location_label, OR_DASH (pw_equipment_get_location (item)));
  gtk_label_set_text (self->serial_label, OR_DASH (pw_equipment_get_serial (item)));
  gtk_label_set_text (self->installed_label, OR_DASH (pw_equipment_get_install_date (item)));
#undef OR_DASH
  {
    g_autofree char *value = format_original_value (self, item);

    gtk_label_set_text (self->original_value_label, value);
  }

  /* A new item, or this one changed: the form starts from its status. A reason
   * being typed survives a reload of the same item. */
  if (!same_item || self->shown_version != pw_equipment_get_version (item))
    {
      gtk_drop_down_set_selected (self->change_status_dropdown, pw_equipment_get_status (item));
      show_change_error (self, NULL);
    }
  if (!same_item)
    gtk_editable_set_text (GTK_EDITABLE (self->reason_entry), "");

  g_free (self->shown_id);
  self->shown_id = g_strdup (pw_equipment_get_id (item));
  self->shown_version = pw_equipment_get_version (item);

  gtk_stack_set_visible_child_name (self->detail_stack, "item");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "equipment.change-status", change_is_valid (self));
}

/* Loading */

void
pw_equipment_page_reload (PwEquipmentPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *selected_id = NULL;
  PwEquipment *selected;

  g_return_if_fail (PW_IS_EQUIPMENT_PAGE (self));

  pw_ui_store_watch_cancel (&self->watch);

  selected = pw_equipment_page_get_selected_item (self);
  if (selected != NULL)
    selected_id = g_strdup (pw_equipment_get_id (selected));

  if (self->watch.store != NULL)
    {
      items = pw_equipment_load_all (self->watch.store, self->park_id, &error);
      if (items == NULL)
        g_warning ("Could not load the equipment: %s", error->message);
    }
  if (items == NULL)
    items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < items->len; i++)
    set_search_key (g_ptr_array_index (items, i));

  /* keep the selection across the reload, by id; the pane sees only the end
   * result, so that a reason being typed survives */
  self->reloading = TRUE;
  g_list_store_splice (self->item_store, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->item_store)),
                       items->pdata, items->len);
  gtk_single_selection_set_selected (self->selection, find_position (self, selected_id));
  self->reloading = FALSE;
  update_detail (self);
  update_count (self);
}

/* Actions */

static void
added_cb (PwEquipmentDialog *dialog,
          const char        *id,
          PwEquipmentPage   *self)
{
  AdwEntryRow *code_row = pw_equipment_dialog_get_row (dialog, "code");
  g_autofree char *message = NULL;

  /* show the new item at once, selected, whatever the search hid */
  pw_equipment_page_set_search_text (self, "");
  pw_equipment_page_set_status_filter (self, -1);
  pw_equipment_page_reload (self);
  pw_equipment_page_select_item (self, id);
  /* Translators: a toast, e.g. "T1-EQ-050 added" */
  message = g_strdup_printf (_("%s added"), gtk_editable_get_text (GTK_EDITABLE (code_row)));
  pw_undo_toast_show (GTK_WIDGET (self), self->watch.store, pw_equipment_dialog_get_change (dialog),
                      message);
}

static void
retired_cb (PwEquipmentDialog *dialog,
            const char        *id,
            PwEquipmentPage   *self)
{
  g_autofree char *message = NULL;
  PwEquipment *item;

  pw_equipment_page_reload (self);
  item = pw_equipment_page_get_selected_item (self);
  /* Translators: a toast, e.g. "T1-EQ-009 retired" */
  message = g_strdup_printf (_("%s retired"), item ? pw_equipment_get_code (item) : "");
  pw_undo_toast_show (GTK_WIDGET (self), self->watch.store, pw_equipment_dialog_get_change (dialog),
                      message);
}

static GtkWindow *
parent_window (PwEquipmentPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
new_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PwEquipmentPage *self = PW_EQUIPMENT_PAGE (widget);
  PwEquipmentDialog *dialog;

  if (self->watch.store == NULL)
    return;
  dialog = pw_equipment_dialog_new_add (parent_window (self), self->watch.store, self->park_id);
  g_signal_connect_object (dialog, "done", G_CALLBACK (added_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
retire_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PwEquipmentPage *self = PW_EQUIPMENT_PAGE (widget);
  PwEquipment *item = pw_equipment_page_get_selected_item (self);
  PwEquipmentDialog *dialog;

  if (self->watch.store == NULL || item == NULL || !pw_equipment_can_retire (item))
    return;
  dialog = pw_equipment_dialog_new_retire (parent_window (self), self->watch.store, item);
  g_signal_connect_object (dialog, "done", G_CALLBACK (retired_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Signal handlers */

static void
search_changed_cb (PwEquipmentPage *self,
                   GtkSearchEntry  *entry)
{
  GtkFilterChange change;

  if (pw_ui_update_needle (&self->needle, gtk_editable_get_text (GTK_EDITABLE (entry)), &change))
    refilter (self, change);
}

static void
stop_search_cb (PwEquipmentPage *self,
                GtkSearchEntry  *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
status_filter_selected_cb (PwEquipmentPage *self)
{
  int status = pw_ui_get_filter_choice (self->status_filter_dropdown);

  if (status == self->status_filter)
    return;
  self->status_filter = status;
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
selection_changed_cb (PwEquipmentPage *self)
{
  if (self->reloading)
    return;
  update_detail (self);
  if (gtk_single_selection_get_selected_item (self->selection) != NULL)
    pw_ui_leaflet_chosen (GTK_WIDGET (self->column_view));
}

/* Narrow windows: the leaflet shows the list or the detail, and the status
 * filter goes under the search. */
static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  adw_leaflet_navigate (PW_EQUIPMENT_PAGE (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
folded_changed_cb (PwEquipmentPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->filter_bar),
                                  folded ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  /* the code and the name; the rest is in the detail */
  pw_ui_columns_narrow (self->column_view, 2, folded);
}

static void
currency_display_changed_cb (PwEquipmentPage *self)
{
  PwCurrencyStyle style = g_settings_get_enum (self->settings, "currency-display") == 1
                            ? PW_CURRENCY_CODE : PW_CURRENCY_SYMBOL;
  guint n;

  if (style == self->currency_style)
    return;
  self->currency_style = style;

  /* rebind every row in the new style; the selection stays on its item */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->item_store));
  g_list_model_items_changed (G_LIST_MODEL (self->item_store), 0, n, n);
  update_detail (self);
}

static void
change_form_changed_cb (PwEquipmentPage *self)
{
  /* the template sets the dropdown before the list exists */
  if (self->selection == NULL)
    return;
  show_change_error (self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "equipment.change-status", change_is_valid (self));
}

static void
change_clicked_cb (PwEquipmentPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!pw_equipment_page_apply_change (self, &error))
    show_change_error (self, error->message);
}

static void
reason_activated_cb (PwEquipmentPage *self)
{
  if (change_is_valid (self))
    change_clicked_cb (self);
}

static void
change_status_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  reason_activated_cb (PW_EQUIPMENT_PAGE (widget));
}

/* Public API */

GtkWidget *
pw_equipment_page_new (void)
{
  return g_object_new (PW_TYPE_EQUIPMENT_PAGE, NULL);
}

void
pw_equipment_page_set_store (PwEquipmentPage *self,
                             PwStore         *store)
{
  g_return_if_fail (PW_IS_EQUIPMENT_PAGE (self));
  g_return_if_fail (store == NULL || PW_IS_STORE (store));

  if (!pw_ui_store_watch_set_store (&self->watch, store))
    return;

  pw_equipment_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

PwStore *
pw_equipment_page_get_store (PwEquipmentPage *self)
{
  g_return_val_if_fail (PW_IS_EQUIPMENT_PAGE (self), NULL);

  return self->watch.store;
}

void
pw_equipment_page_set_park_id (PwEquipmentPage *self,
                               const char      *park_id)
{
  g_return_if_fail (PW_IS_EQUIPMENT_PAGE (self));

  if (g_strcmp0 (self->park_id, park_id) == 0)
    return;

  g_free (self->park_id);
  self->park_id = g_strdup (park_id);
  pw_equipment_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARK_ID]);
}

void
pw_equipment_page_focus_search (PwEquipmentPage *self)
{
  g_return_if_fail (PW_IS_EQUIPMENT_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

void
pw_equipment_page_set_search_text (PwEquipmentPage *self,
                                   const char      *text)
{
  g_return_if_fail (PW_IS_EQUIPMENT_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* apply now rather than after the entry's typing delay */
  search_changed_cb (self, self->search_entry);
}

void
pw_equipment_page_set_status_filter (PwEquipmentPage *self,
                                     int              status)
{
  g_return_if_fail (PW_IS_EQUIPMENT_PAGE (self));
  g_return_if_fail (status >= -1 && status < PW_N_EQUIPMENT_STATUSES);

  gtk_drop_down_set_selected (self->status_filter_dropdown, status + 1);
}

GListModel *
pw_equipment_page_get_visible_items (PwEquipmentPage *self)
{
  g_return_val_if_fail (PW_IS_EQUIPMENT_PAGE (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

gboolean
pw_equipment_page_select_item (PwEquipmentPage *self,
                               const char      *equipment_id)
{
  guint position;

  g_return_val_if_fail (PW_IS_EQUIPMENT_PAGE (self), FALSE);

  position = find_position (self, equipment_id);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

PwEquipment *
pw_equipment_page_get_selected_item (PwEquipmentPage *self)
{
  g_return_val_if_fail (PW_IS_EQUIPMENT_PAGE (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

gboolean
pw_equipment_page_set_change_values (PwEquipmentPage   *self,
                                     PwEquipmentStatus  status,
                                     const char        *reason)
{
  g_return_val_if_fail (PW_IS_EQUIPMENT_PAGE (self), FALSE);
  g_return_val_if_fail ((guint) status < PW_N_EQUIPMENT_STATUSES, FALSE);

  gtk_drop_down_set_selected (self->change_status_dropdown, status);
  gtk_editable_set_text (GTK_EDITABLE (self->reason_entry), reason ? reason : "");
  return change_is_valid (self);
}

gboolean
pw_equipment_page_apply_change (PwEquipmentPage  *self,
                                GError          **error)
{
  PwEquipment *item;
  g_autofree char *id = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  PwEquipmentStatus status;
  g_autoptr(PwChange) change = NULL;
  gboolean ok;

  g_return_val_if_fail (PW_IS_EQUIPMENT_PAGE (self), FALSE);

  item = pw_equipment_page_get_selected_item (self);
  if (item == NULL || self->watch.store == NULL)
    {
      g_set_error_literal (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                           _("No equipment is selected"));
      return FALSE;
    }

  /* the store's "changed" handler may replace the item: keep what the toast needs */
  id = g_strdup (pw_equipment_get_id (item));
  code = g_strdup (pw_equipment_get_code (item));
  status = chosen_status (self);
  pw_store_record_begin (self->watch.store);
  ok = pw_equipment_change_status (self->watch.store, id, pw_equipment_get_version (item), status,
                                   gtk_editable_get_text (GTK_EDITABLE (self->reason_entry)),
                                   error);
  change = pw_store_record_end (self->watch.store);
  if (!ok)
    {
      /* someone else changed it: show what the store has now */
      if (error != NULL && g_error_matches (*error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT))
        pw_equipment_page_reload (self);
      return FALSE;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->reason_entry), "");
  /* Translators: a toast, e.g. "Status of T1-EQ-003 set to “In service”" */
  message = g_strdup_printf (_("Status of %s set to “%s”"), code,
                             pw_equipment_status_get_label (status));
  pw_undo_toast_show (GTK_WIDGET (self->toast_overlay), self->watch.store, change, message);
  return TRUE;
}

/* GObject */

static void
pw_equipment_page_dispose (GObject *object)
{
  PwEquipmentPage *self = PW_EQUIPMENT_PAGE (object);
  GtkWidget *child;

  pw_ui_store_watch_clear (&self->watch);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  /* the column view drops its columns, and with them its sorter: a resort then
   * moves the selection after the pane's labels are gone */
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_EQUIPMENT_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->item_store);

  G_OBJECT_CLASS (pw_equipment_page_parent_class)->dispose (object);
}

static void
pw_equipment_page_finalize (GObject *object)
{
  PwEquipmentPage *self = PW_EQUIPMENT_PAGE (object);

  g_clear_pointer (&self->park_id, g_free);
  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->shown_id, g_free);

  G_OBJECT_CLASS (pw_equipment_page_parent_class)->finalize (object);
}

static void
pw_equipment_page_page_focus_search (PwPage *page)
{
  pw_equipment_page_focus_search (PW_EQUIPMENT_PAGE (page));
}

static void
pw_equipment_page_page_init (PwPageInterface *iface)
{
  iface->focus_search = pw_equipment_page_page_focus_search;
}

static void
pw_equipment_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PwEquipmentPage *self = PW_EQUIPMENT_PAGE (object);

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
pw_equipment_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PwEquipmentPage *self = PW_EQUIPMENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pw_equipment_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_PARK_ID:
      pw_equipment_page_set_park_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_equipment_page_class_init (PwEquipmentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_equipment_page_dispose;
  object_class->finalize = pw_equipment_page_finalize;
  object_class->get_property = pw_equipment_page_get_property;
  object_class->set_property = pw_equipment_page_set_property;

  g_object_class_override_property (object_class, PROP_STORE, "store");
  g_object_class_override_property (object_class, PROP_PARK_ID, "park-id");
  properties[PROP_STORE] = g_object_class_find_property (object_class, "store");
  properties[PROP_PARK_ID] = g_object_class_find_property (object_class, "park-id");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "equipmentpage");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parkwise/Parkwise/pw-equipment-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, status_filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, code_label);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, category_label);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, location_label);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, serial_label);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, installed_label);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, original_value_label);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, change_status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, change_error_label);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, change_button);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, retire_button);
  gtk_widget_class_bind_template_child (widget_class, PwEquipmentPage, new_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_filter_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reason_activated_cb);

  /* the commands, with their keys while the page has the focus (the shortcuts
   * window lists them) */
  gtk_widget_class_install_action (widget_class, "equipment.new", NULL, new_action_cb);
  gtk_widget_class_install_action (widget_class, "equipment.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "equipment.change-status", NULL,
                                   change_status_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "equipment.change-status", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "equipment.back", NULL);
  gtk_widget_class_install_action (widget_class, "equipment.retire", NULL, retire_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "equipment.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK,
                                       "equipment.retire", NULL);
}

static void
pw_equipment_page_init (PwEquipmentPage *self)
{
  g_autoptr(GtkStringList) filter_statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  self->status_filter = -1;
  pw_ui_store_watch_init (&self->watch, (PwUiReloadFunc) pw_equipment_page_reload, self);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->currency_style = g_settings_get_enum (self->settings, "currency-display") == 1
                           ? PW_CURRENCY_CODE : PW_CURRENCY_SYMBOL;
  g_signal_connect_swapped (self->settings, "changed::currency-display",
                            G_CALLBACK (currency_display_changed_cb), self);

  /* the statuses: for the filter, after "All Statuses"; for the change, by enum value */
  gtk_string_list_append (filter_statuses, _("All Statuses"));
  for (int i = 0; i < PW_N_EQUIPMENT_STATUSES; i++)
    {
      gtk_string_list_append (filter_statuses, pw_equipment_status_get_label (i));
      gtk_string_list_append (statuses, pw_equipment_status_get_label (i));
    }
  gtk_drop_down_set_model (self->status_filter_dropdown, G_LIST_MODEL (filter_statuses));
  gtk_drop_down_set_model (self->change_status_dropdown, G_LIST_MODEL (statuses));

  pw_ui_set_accessible_name (GTK_WIDGET (self->change_status_dropdown), _("Equipment status"));
  pw_ui_set_accessible_name (GTK_WIDGET (self->reason_entry), _("Reason for the change"));
  pw_ui_set_accessible_name (GTK_WIDGET (self->change_button), _("Change Equipment Status"));

  /* the list */
  self->item_store = g_list_store_new (PW_TYPE_EQUIPMENT);
  add_columns (self);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->item_store)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->filter = gtk_custom_filter_new (filter_item_cb, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sort_model)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  pw_ui_leaflet_follow (self->leaflet, GTK_WIDGET (self->column_view), "detail");
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (folded_changed_cb), self, G_CONNECT_SWAPPED);
  folded_changed_cb (self);

  update_count (self);
  update_detail (self);
}
