/* pw-assets-page.c — the asset ledger: the park tree, the list of spaces, the
 * area summary of the selection and the selected space
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The models, from the store to the screen:
 *
 *   space_store (GListStore of PwSpace, one park)
 *     → sort_model (the column view's sorter)
 *     → filter_model (scope, kind, status, search: one GtkCustomFilter; a
 *       PwFilteredList, whose items can be read by position cheaply)
 *     → rows (a PwRowList: one row per position, whose space changes in place,
 *       and the single selection, which follows its space) → column_view
 *
 * The rows keep their places when a filter changes and are bound again, rather
 * than GTK 4.8 rebuilding the ~200 row widgets it keeps (see pw-row-list.c).
 *
 * Sorting comes before filtering so that typing in the search entry only
 * re-filters. The filter function allocates nothing: each space carries its
 * case-folded "code\nname" as qdata, computed once when the park is loaded.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-assets-page.h"
#include "pw-page.h"
#include "pw-filtered-list.h"
#include "pw-row-list.h"
#include "pw-text-cell.h"
#include "pw-summary.h"
#include "pw-area.h"
#include "pw-ui.h"

struct _PwAssetsPage
{
  GtkWidget           parent_instance;

  PwUiStoreWatch      watch;           /* the store */
  guint64             loaded_revision;
  GSettings          *settings;
  gboolean            square_feet;

  /* the tree */
  GtkSingleSelection *tree_selection;
  gboolean            reloading;
  gboolean            spaces_stale;

  /* the scope: the park loaded and the node selected */
  char               *park_id;
  char               *park_name;
  PwNodeKind          scope_kind;
  char               *scope_id;
  GPtrArray          *spaces;          /* PwSpace of the park, for the summary */
  guint               scope_n_spaces;  /* spaces in the scope, before the filters */

  /* the list */
  GListStore         *space_store;
  GtkSortListModel   *sort_model;
  PwFilteredList     *filter_model;
  GtkCustomFilter    *filter;
  gboolean            filter_matches_all;  /* the filter has no function */
  PwRowList          *rows;
  GtkColumnViewColumn *columns[8];      /* owned by the column view */
  char               *needle;          /* case-folded search text, NULL for none */
  int                 kind_filter;
  int                 status_filter;

  /* template children */
  AdwLeaflet         *leaflet;
  GtkBox             *filter_bar;
  GtkListView        *tree_view;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *kind_dropdown;
  GtkDropDown        *status_dropdown;
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
  GtkLabel           *count_label;
  GtkLabel           *scope_title;
  GtkLabel           *scope_subtitle;
  GtkLabel           *gross_label;
  GtkLabel           *internal_label;
  GtkLabel           *common_label;
  GtkLabel           *leasable_label;
  GtkLabel           *leased_label;
  GtkLabel           *vacant_label;
  GtkLabel           *vacancy_label;
  GtkLabel           *k_label;
  GtkLabel           *common_rate_label;
  GtkLabel           *net_rate_label;
  GtkLabel           *load_factor_label;
  GtkLabel           *units_label;
  PwSpaceDetail      *space_detail;
  GtkBox             *side_box;
  GtkWidget          *summary_box;
  GtkScrolledWindow  *side_scroller;
};

static void pw_assets_page_page_init (PwPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PwAssetsPage, pw_assets_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (PW_TYPE_PAGE, pw_assets_page_page_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_PARK_ID,
  PROP_PARK_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum {
  COLUMN_CODE,
  COLUMN_NAME,
  COLUMN_BUILDING,
  COLUMN_FLOOR,
  COLUMN_KIND,
  COLUMN_STATUS,
  COLUMN_INTERNAL_AREA,
  COLUMN_CHARGEABLE_AREA,
  N_COLUMNS
} Column;

G_STATIC_ASSERT (N_COLUMNS == G_N_ELEMENTS (((PwAssetsPage *) NULL)->columns));

static void update_summary (PwAssetsPage *self);
static void update_count (PwAssetsPage *self);

/* Helpers */

static void
set_search_key (PwSpace *space)
{
  g_autofree char *joined = g_strconcat (pw_space_get_code (space), "\n",
                                         pw_space_get_name (space), NULL);

  pw_ui_set_search_key (space, joined);
}

char *
pw_assets_page_describe_space (PwSpace  *space,
                               gboolean  square_feet)
{
  g_autofree char *kind = g_utf8_strdown (pw_space_get_kind_label (space), -1);
  g_autofree char *status = g_utf8_strdown (pw_space_get_display_status_label (space), -1);
  g_autofree char *area = pw_area_format_with_unit (pw_space_get_chargeable_area (space),
                                                    square_feet);

  /* Translators: the accessible name of a space: code, kind, area, status,
   * e.g. "T1-F03-015, office, 86.40 m², leased" */
  return g_strdup_printf (_("%s, %s, %s, %s"), pw_space_get_code (space), kind, area, status);
}

static PwLedgerNode *
row_get_node (GtkTreeListRow *row)
{
  g_autoptr(GObject) item = row ? gtk_tree_list_row_get_item (row) : NULL;

  /* the tree model keeps its own reference */
  return PW_LEDGER_NODE (item);
}

static PwLedgerNode *
row_get_park (GtkTreeListRow *row)
{
  g_autoptr(GtkTreeListRow) parent = NULL;

  g_return_val_if_fail (row != NULL, NULL);

  parent = gtk_tree_list_row_get_parent (row);
  if (parent == NULL)
    return row_get_node (row);

  return row_get_park (parent);
}

static gboolean
find_node_path (GListModel *model,
                const char *node_id,
                GPtrArray  *path)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwLedgerNode) node = g_list_model_get_item (model, i);
      GListModel *children;

      if (g_strcmp0 (pw_ledger_node_get_id (node), node_id) == 0)
        {
          g_ptr_array_add (path, node);
          return TRUE;
        }

      children = pw_ledger_node_get_children (node);
      if (children != NULL && find_node_path (children, node_id, path))
        {
          g_ptr_array_insert (path, 0, node);
          return TRUE;
        }
    }

  return FALSE;
}

/* The row of @node among the rows of the tree, from @start; G_MAXUINT if none. */
static guint
find_node_row (GtkTreeListModel *tree,
               PwLedgerNode     *node,
               guint             start)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (tree));

  for (guint i = start; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (tree, i);

      if (row_get_node (row) == node)
        return i;
    }

  return G_MAXUINT;
}

/* The tree */

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  PwLedgerNode *node = item;
  GListModel *children;

  if (pw_ledger_node_get_kind (node) == PW_NODE_FLOOR)
    return NULL;

  children = pw_ledger_node_get_children (node);
  if (children == NULL || g_list_model_get_n_items (children) == 0)
    return NULL;

  return g_object_ref (children);
}

static void
tree_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *code = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (code), 0);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "dim-label");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), code);
  gtk_box_append (GTK_BOX (box), name);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);
}

static void
tree_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *code = gtk_widget_get_next_sibling (icon);
  GtkWidget *name = gtk_widget_get_next_sibling (code);
  PwLedgerNode *node = row_get_node (row);
  g_autofree char *accessible = NULL;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_label_set_text (GTK_LABEL (code), pw_ledger_node_get_code (node));
  gtk_label_set_text (GTK_LABEL (name), pw_ledger_node_get_name (node));

  switch (pw_ledger_node_get_kind (node))
    {
    case PW_NODE_PARK:
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), "mark-location-symbolic");
      gtk_widget_add_css_class (code, "heading");
      /* Translators: accessible name of a park in the tree, e.g. "Park Riverside Science Park" */
      accessible = g_strdup_printf (_("Park %s"), pw_ledger_node_get_name (node));
      break;

    case PW_NODE_BUILDING:
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), "view-grid-symbolic");
      gtk_widget_remove_css_class (code, "heading");
      /* Translators: accessible name of a building, e.g. "Building T1, Tower One" */
      accessible = g_strdup_printf (_("Building %s, %s"), pw_ledger_node_get_code (node),
                                    pw_ledger_node_get_name (node));
      break;

    case PW_NODE_FLOOR:
    default:
      {
        g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);
        PwLedgerNode *building = parent ? row_get_node (parent) : NULL;

        gtk_image_set_from_icon_name (GTK_IMAGE (icon), "view-continuous-symbolic");
        gtk_widget_remove_css_class (code, "heading");
        /* Translators: accessible name of a floor, e.g. "Floor F03 of T1" */
        accessible = g_strdup_printf (_("Floor %s of %s"), pw_ledger_node_get_code (node),
                                      building ? pw_ledger_node_get_code (building) : "");
      }
      break;
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
tree_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
}

/* The list of spaces */

static gboolean
filter_space_cb (gpointer item,
                 gpointer user_data)
{
  PwAssetsPage *self = user_data;
  PwSpace *space = item;

  if (self->kind_filter >= 0 && (int) pw_space_get_kind (space) != self->kind_filter)
    return FALSE;

  /* a common area shows no status of its own, so no status filter lists it */
  if (self->status_filter >= 0 &&
      ((int) pw_space_get_status (space) != self->status_filter ||
       pw_space_shows_as_common (pw_space_get_kind (space), pw_space_get_status (space))))
    return FALSE;

  /* A search covers the whole park (docs/areas.md): the tree's scope applies
   * only while nothing is searched. */
  if (self->scope_id != NULL && self->needle == NULL)
    {
      if (self->scope_kind == PW_NODE_BUILDING &&
          g_strcmp0 (pw_space_get_building_id (space), self->scope_id) != 0)
        return FALSE;
      if (self->scope_kind == PW_NODE_FLOOR &&
          g_strcmp0 (pw_space_get_floor_id (space), self->scope_id) != 0)
        return FALSE;
    }

  return pw_ui_item_matches (space, self->needle);
}

/* Nothing is searched or filtered and the scope is the whole park. */
static gboolean
filters_nothing (PwAssetsPage *self)
{
  return self->needle == NULL && self->kind_filter < 0 && self->status_filter < 0
         && (self->scope_id == NULL || self->scope_kind == PW_NODE_PARK);
}

/* Tells the list that the filter changed. While it filters nothing, the filter
 * has no function and says it matches everything, and the list takes all
 * the spaces without asking about each (a cleared search of 100,000 spaces). */
static void
refilter (PwAssetsPage     *self,
          GtkFilterChange   change)
{
  gboolean all = filters_nothing (self);

  if (all != self->filter_matches_all)
    {
      self->filter_matches_all = all;
      /* either call tells the change itself */
      if (all)
        gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
      else
        gtk_custom_filter_set_filter_func (self->filter, filter_space_cb, self, NULL);
      return;
    }
  gtk_filter_changed (GTK_FILTER (self->filter), change);
}

/* The cells are PwTextCells, which bind, measure and draw the ~200 rows GTK
 * keeps for far less than GtkLabels: a cleared search is painted within the
 * budget of docs/performance.md. */
static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *cell;

  switch (column)
    {
    case COLUMN_INTERNAL_AREA:
    case COLUMN_CHARGEABLE_AREA:
      /* figures are never cut */
      cell = pw_text_cell_new (1, FALSE);
      gtk_widget_add_css_class (cell, "numeric");
      break;

    case COLUMN_CODE:
      /* the row's name: "T1-F03-015, office, 86.40 m², leased"; codes are never cut */
      pw_ui_set_named_cell (list_item, pw_text_cell_new (0, FALSE));
      return;

    case COLUMN_STATUS:
      cell = pw_text_cell_new (0, TRUE);
      gtk_widget_set_halign (cell, GTK_ALIGN_START);
      break;

    case COLUMN_NAME:
    case COLUMN_BUILDING:
    case COLUMN_FLOOR:
    case COLUMN_KIND:
    case N_COLUMNS:
    default:
      cell = pw_text_cell_new (0, TRUE);
      break;
    }
  gtk_list_item_set_child (list_item, cell);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              PwAssetsPage             *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  PwSpace *space = pw_row_get_item (gtk_list_item_get_item (list_item));
  const char *text = NULL;
  g_autofree char *owned = NULL;

  switch (column)
    {
    case COLUMN_CODE:
      {
        g_autofree char *description = pw_assets_page_describe_space (space, self->square_feet);

        text = pw_space_get_code (space);
        gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                        -1);
        cell = gtk_widget_get_first_child (cell);
      }
      break;

    case COLUMN_NAME:
      text = pw_space_get_name (space);
      break;

    case COLUMN_BUILDING:
      text = pw_space_get_building_code (space);
      break;

    case COLUMN_FLOOR:
      text = pw_space_get_floor_code (space);
      break;

    case COLUMN_KIND:
      text = pw_space_get_kind_label (space);
      break;

    case COLUMN_STATUS:
      {
        const char *status = pw_space_display_status_to_string (pw_space_get_kind (space),
                                                                pw_space_get_status (space));

        /* a change of classes restyles the cell: only when the status differs */
        if (g_strcmp0 (g_object_get_data (G_OBJECT (cell), "pw-status"), status) != 0)
          {
            const char *classes[] = { "status-pill", NULL, NULL };
            g_autofree char *status_class = g_strconcat ("status-", status, NULL);

            classes[1] = status_class;
            gtk_widget_set_css_classes (cell, classes);
            g_object_set_data_full (G_OBJECT (cell), "pw-status", g_strdup (status), g_free);
          }
        text = pw_space_get_display_status_label (space);
      }
      break;

    case COLUMN_INTERNAL_AREA:
      text = owned = pw_area_format_with_unit (pw_space_get_internal_area (space),
                                               self->square_feet);
      break;

    case COLUMN_CHARGEABLE_AREA:
      text = owned = pw_area_format_with_unit (pw_space_get_chargeable_area (space),
                                               self->square_feet);
      break;

    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  pw_text_cell_set_text (PW_TEXT_CELL (cell), text);
}

static void
add_columns (PwAssetsPage *self)
{
  static const PwUiColumn columns[N_COLUMNS] = {
    [COLUMN_CODE] = { N_("Code"), "code", FALSE, -1, FALSE },
    [COLUMN_NAME] = { N_("Name"), "name", FALSE, 116, TRUE },
    [COLUMN_BUILDING] = { N_("Building"), "building-code", FALSE, 64, FALSE },
    /* floors sort by level, not by code: B1 comes below F01 */
    [COLUMN_FLOOR] = { N_("Floor"), "floor-level", TRUE, 52, FALSE },
    [COLUMN_KIND] = { N_("Kind"), "kind-label", FALSE, 100, FALSE },
    [COLUMN_STATUS] = { N_("Status"), "status-label", FALSE, 120, FALSE },
    [COLUMN_INTERNAL_AREA] = { N_("Internal Area"), "internal-area", TRUE, -1, FALSE },
    [COLUMN_CHARGEABLE_AREA] = { N_("Chargeable Area"), "chargeable-area", TRUE, -1, FALSE },
  };

  pw_ui_add_columns (self->column_view, PW_TYPE_SPACE, columns, N_COLUMNS,
                     G_CALLBACK (cell_setup_cb), G_CALLBACK (cell_bind_cb), self, self->columns);
}

/* The summary of the scope */

static void
set_figure (GtkLabel *label,
            char     *text)
{
  /* takes @text; an undefined ratio shows as a dash */
  gtk_label_set_text (label, text ? text : "—");
  g_free (text);
}

static char *
format_area (PwAssetsPage *self,
             gint64        centi)
{
  return pw_area_format_with_unit (centi, self->square_feet);
}

static void
update_summary (PwAssetsPage *self)
{
  PwAreaSummary s = { 0 };
  PwLedgerNode *node = pw_assets_page_get_selected_node (self);

  if (self->spaces != NULL && self->scope_id != NULL)
    pw_summary_compute (self->spaces, self->scope_kind, self->scope_id, &s);
  self->scope_n_spaces = s.n_spaces;

  set_figure (self->gross_label, format_area (self, s.gross));
  set_figure (self->internal_label, format_area (self, s.internal));
  set_figure (self->common_label, format_area (self, s.common));
  set_figure (self->leasable_label, format_area (self, s.leasable));
  set_figure (self->leased_label, format_area (self, s.leased));
  set_figure (self->vacant_label, format_area (self, s.vacant));
  set_figure (self->vacancy_label, pw_summary_format_vacancy (&s));
  set_figure (self->k_label, pw_summary_format_k (&s));
  set_figure (self->common_rate_label, pw_summary_format_common_rate (&s));
  set_figure (self->net_rate_label, pw_summary_format_net_rate (&s));
  set_figure (self->load_factor_label, pw_summary_format_load_factor (&s));
  /* Translators: leased units of the leasable units, e.g. "12 of 40" */
  set_figure (self->units_label, g_strdup_printf (_("%u of %u"), s.n_leased, s.n_leasable));

  if (node == NULL)
    {
      gtk_label_set_text (self->scope_title, _("No Park"));
      gtk_label_set_text (self->scope_subtitle, "");
    }
  else
    {
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      const char *name = pw_ledger_node_get_name (node);

      switch (pw_ledger_node_get_kind (node))
        {
        case PW_NODE_PARK:
          title = g_strdup (name);
          break;

        case PW_NODE_BUILDING:
          /* Translators: the summary's heading for a building, e.g. "Building T1" */
          title = g_strdup_printf (_("Building %s"), pw_ledger_node_get_code (node));
          break;

        case PW_NODE_FLOOR:
        default:
          /* Translators: the summary's heading for a floor, e.g. "Floor F03" */
          title = g_strdup_printf (_("Floor %s"), pw_ledger_node_get_code (node));
          break;
        }

      subtitle = g_strdup_printf (ngettext ("%s · %u space", "%s · %u spaces", s.n_spaces),
                                  pw_ledger_node_get_kind (node) == PW_NODE_PARK
                                    ? pw_ledger_node_get_code (node) : name,
                                  s.n_spaces);
      gtk_label_set_text (self->scope_title, title);
      gtk_label_set_text (self->scope_subtitle, subtitle);
    }

  update_count (self);
}

static void
update_count (PwAssetsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint total = self->scope_n_spaces;
  g_autofree char *text = NULL;

  if (self->needle != NULL)
    /* Translators: a search's result, which covers the whole park, e.g.
     * "3 spaces found in all of Riverside Park" */
    text = g_strdup_printf (ngettext ("%u space found in all of %s",
                                      "%u spaces found in all of %s", n),
                            n, self->park_name ? self->park_name : "");
  else if (n == total || total == 0)
    text = g_strdup_printf (ngettext ("%u space", "%u spaces", n), n);
  else
    /* Translators: the spaces the filters leave, e.g. "3 of 24 spaces" */
    text = g_strdup_printf (ngettext ("%u of %u space", "%u of %u spaces", total), n, total);

  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 || self->spaces == NULL ? "list" : "empty");
}

/* Loading */

static guint
find_space_position (PwAssetsPage *self,
                     const char   *space_id)
{
  return pw_ui_find_item (G_LIST_MODEL (self->filter_model),
                          (PwUiGetIdFunc) pw_space_get_id, space_id);
}

static void
load_spaces (PwAssetsPage *self,
             const char   *park_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = NULL;
  g_autofree char *selected_id = NULL;
  PwSpace *selected = pw_assets_page_get_selected_space (self);

  if (selected != NULL)
    selected_id = g_strdup (pw_space_get_id (selected));

  if (self->watch.store != NULL && park_id != NULL)
    {
      spaces = pw_ledger_load_spaces (self->watch.store, park_id, &error);
      if (spaces == NULL)
        g_warning ("Could not load the spaces of park %s: %s", park_id, error->message);
    }
  if (spaces == NULL)
    spaces = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < spaces->len; i++)
    set_search_key (g_ptr_array_index (spaces, i));

  g_clear_pointer (&self->spaces, g_ptr_array_unref);
  self->spaces = g_ptr_array_ref (spaces);
  self->spaces_stale = FALSE;

  g_list_store_splice (self->space_store, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->space_store)),
                       spaces->pdata, spaces->len);

  if (selected_id != NULL)
    {
      guint position = find_space_position (self, selected_id);

      pw_row_list_set_selected (self->rows, position);
      if (position != GTK_INVALID_LIST_POSITION)
        pw_space_detail_set_space (self->space_detail,
                                   pw_row_list_get_selected_item (self->rows));
    }
}

static void
set_park (PwAssetsPage *self,
          PwLedgerNode *park)
{
  const char *id = park ? pw_ledger_node_get_id (park) : NULL;
  const char *name = park ? pw_ledger_node_get_name (park) : NULL;

  if (g_strcmp0 (id, self->park_id) != 0)
    {
      g_free (self->park_id);
      self->park_id = g_strdup (id);
      self->spaces_stale = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARK_ID]);
    }

  if (g_strcmp0 (name, self->park_name) != 0)
    {
      g_free (self->park_name);
      self->park_name = g_strdup (name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARK_NAME]);
    }
}

static void
update_columns (PwAssetsPage *self)
{
  /* Within a building every row says the same building; within a floor, the
   * same floor. A search shows the whole park, so both columns come back. */
  gboolean whole_park = self->scope_id == NULL || self->needle != NULL;

  gtk_column_view_column_set_visible (self->columns[COLUMN_BUILDING],
                                      whole_park || self->scope_kind == PW_NODE_PARK);
  gtk_column_view_column_set_visible (self->columns[COLUMN_FLOOR],
                                      whole_park || self->scope_kind != PW_NODE_FLOOR);
}

static void
tree_selection_changed_cb (PwAssetsPage *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->tree_selection);
  PwLedgerNode *node = row ? row_get_node (row) : NULL;

  if (self->reloading)
    return;

  set_park (self, row ? row_get_park (row) : NULL);

  g_clear_pointer (&self->scope_id, g_free);
  if (node != NULL)
    {
      self->scope_kind = pw_ledger_node_get_kind (node);
      self->scope_id = g_strdup (pw_ledger_node_get_id (node));

      g_settings_set_string (self->settings, "last-park", self->park_id);
      g_settings_set_string (self->settings, "last-floor",
                             self->scope_kind == PW_NODE_FLOOR ? self->scope_id : "");
    }

  update_columns (self);

  /* The scope goes first, so that a new park is filtered once as it arrives. */
  if (self->spaces_stale)
    {
      refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
      load_spaces (self, self->park_id);
    }
  else
    refilter (self, GTK_FILTER_CHANGE_DIFFERENT);

  update_summary (self);
  if (node != NULL)
    pw_ui_leaflet_chosen (GTK_WIDGET (self->tree_view));
}

static void
expand_tree (GtkTreeListModel *tree)
{
  /* Walk backwards so that expanding a row does not move the rows still to
   * visit. Parks open; buildings too while the tree stays short enough to read. */
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (tree)); i > 0; i--)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (tree, i - 1);

      if (gtk_tree_list_row_is_expandable (row))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (tree)); i > 0; i--)
    {
      g_autoptr(GtkTreeListRow) row = NULL;
      GListModel *children;

      if (g_list_model_get_n_items (G_LIST_MODEL (tree)) >= 40)
        break;

      row = gtk_tree_list_model_get_row (tree, i - 1);
      children = pw_ledger_node_get_children (row_get_node (row));
      if (pw_ledger_node_get_kind (row_get_node (row)) == PW_NODE_BUILDING &&
          children != NULL && g_list_model_get_n_items (children) <= 12)
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

void
pw_assets_page_reload (PwAssetsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) parks = NULL;
  g_autoptr(GtkTreeListModel) tree = NULL;
  g_autofree char *target = NULL;
  g_autofree char *last_floor = NULL;
  g_autofree char *last_park = NULL;

  g_return_if_fail (PW_IS_ASSETS_PAGE (self));

  pw_ui_store_watch_cancel (&self->watch);

  if (self->watch.store != NULL)
    {
      parks = pw_ledger_load_parks (self->watch.store, &error);
      if (parks == NULL)
        g_warning ("Could not load the parks: %s", error->message);
      self->loaded_revision = pw_store_get_revision (self->watch.store);
    }
  if (parks == NULL)
    parks = G_LIST_MODEL (g_list_store_new (PW_TYPE_LEDGER_NODE));

  /* keep the selection across the reload, by id */
  target = g_strdup (self->scope_id);
  if (target == NULL)
    {
      last_floor = g_settings_get_string (self->settings, "last-floor");
      last_park = g_settings_get_string (self->settings, "last-park");
    }

  tree = gtk_tree_list_model_new (g_object_ref (parks), FALSE, FALSE,
                                  create_children_cb, NULL, NULL);
  self->reloading = TRUE;
  gtk_single_selection_set_model (self->tree_selection, G_LIST_MODEL (tree));
  expand_tree (tree);
  self->reloading = FALSE;

  /* the park's spaces come again from the store, even if it stays selected */
  self->spaces_stale = TRUE;

  if ((target == NULL || !pw_assets_page_select_node (self, target)) &&
      (last_floor == NULL || last_floor[0] == '\0' ||
       !pw_assets_page_select_node (self, last_floor)) &&
      (last_park == NULL || last_park[0] == '\0' ||
       !pw_assets_page_select_node (self, last_park)))
    {
      if (g_list_model_get_n_items (parks) > 0)
        {
          gtk_single_selection_set_selected (self->tree_selection, GTK_INVALID_LIST_POSITION);
          gtk_single_selection_set_selected (self->tree_selection, 0);
        }
      else
        {
          gtk_single_selection_set_selected (self->tree_selection, GTK_INVALID_LIST_POSITION);
          tree_selection_changed_cb (self);
        }
    }
}

/* Signal handlers of the template */

static void
search_changed_cb (PwAssetsPage   *self,
                   GtkSearchEntry *entry)
{
  GtkFilterChange change;

  gboolean was_searching = self->needle != NULL;

  if (!pw_ui_update_needle (&self->needle, gtk_editable_get_text (GTK_EDITABLE (entry)), &change))
    return;
  /* starting or ending a search swaps the tree's scope for the whole park */
  if (was_searching != (self->needle != NULL) && self->scope_id != NULL &&
      self->scope_kind != PW_NODE_PARK)
    change = GTK_FILTER_CHANGE_DIFFERENT;
  update_columns (self);
  refilter (self, change);
  update_count (self);
}

static void
stop_search_cb (PwAssetsPage   *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
kind_selected_cb (PwAssetsPage *self)
{
  int kind = pw_ui_get_filter_choice (self->kind_dropdown);

  if (kind == self->kind_filter)
    return;
  self->kind_filter = kind;
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
status_selected_cb (PwAssetsPage *self)
{
  int status = pw_ui_get_filter_choice (self->status_dropdown);

  if (status == self->status_filter)
    return;
  self->status_filter = status;
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
place_summary (PwAssetsPage *self,
               gboolean      below)
{
  /* A selected space is what the user looks at: its detail comes first and
   * the summary of the scope follows it; with nothing selected, the summary
   * leads again. */
  GtkWidget *detail = GTK_WIDGET (self->space_detail);
  gboolean is_below = gtk_widget_get_prev_sibling (self->summary_box) == detail;

  if (below == is_below)
    return;
  if (below)
    gtk_box_reorder_child_after (self->side_box, self->summary_box, detail);
  else
    gtk_box_reorder_child_after (self->side_box, self->summary_box, NULL);
  gtk_widget_set_margin_bottom (self->summary_box, below ? 18 : 0);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->side_scroller), 0);
}

static void
space_selection_changed_cb (PwAssetsPage *self)
{
  PwSpace *space = pw_row_list_get_selected_item (self->rows);

  pw_space_detail_set_space (self->space_detail, space);
  place_summary (self, space != NULL);
  if (space != NULL)
    pw_ui_leaflet_chosen (GTK_WIDGET (self->column_view));
}

static void
area_unit_changed_cb (PwAssetsPage *self)
{
  gboolean square_feet = g_settings_get_enum (self->settings, "area-unit") == 1;

  if (square_feet == self->square_feet)
    return;
  self->square_feet = square_feet;
  pw_space_detail_set_square_feet (self->space_detail, square_feet);

  /* bind every row again with the new unit */
  pw_row_list_rebind (self->rows);
  update_summary (self);
}

/* Public API */

GtkWidget *
pw_assets_page_new (void)
{
  return g_object_new (PW_TYPE_ASSETS_PAGE, NULL);
}

void
pw_assets_page_set_store (PwAssetsPage *self,
                          PwStore      *store)
{
  g_return_if_fail (PW_IS_ASSETS_PAGE (self));
  g_return_if_fail (store == NULL || PW_IS_STORE (store));

  if (!pw_ui_store_watch_set_store (&self->watch, store))
    return;

  pw_space_detail_set_store (self->space_detail, store);
  g_clear_pointer (&self->park_id, g_free);
  pw_assets_page_reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

PwStore *
pw_assets_page_get_store (PwAssetsPage *self)
{
  g_return_val_if_fail (PW_IS_ASSETS_PAGE (self), NULL);

  return self->watch.store;
}

const char *
pw_assets_page_get_park_id (PwAssetsPage *self)
{
  g_return_val_if_fail (PW_IS_ASSETS_PAGE (self), NULL);

  return self->park_id;
}

const char *
pw_assets_page_get_park_name (PwAssetsPage *self)
{
  g_return_val_if_fail (PW_IS_ASSETS_PAGE (self), NULL);

  return self->park_name;
}

void
pw_assets_page_focus_search (PwAssetsPage *self)
{
  g_return_if_fail (PW_IS_ASSETS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* Narrow windows: the leaflet shows one of the tree, the list and the detail
 * at a time; choosing a park, building or floor goes on to its spaces, and
 * choosing a space to its detail (pw_ui_leaflet_follow). */
static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PwAssetsPage *self = PW_ASSETS_PAGE (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* A key of the detail's: the detail's action checks whether there is anything
 * to act on. */
static gboolean
detail_command_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  PwAssetsPage *self = PW_ASSETS_PAGE (widget);

  return gtk_widget_activate_action (GTK_WIDGET (self->space_detail),
                                     g_variant_get_string (args, NULL), NULL);
}

static void
folded_changed_cb (PwAssetsPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  /* the filters go under the search when the list has a phone's width */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->filter_bar),
                                  folded ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
}

static void
pw_assets_page_page_focus_search (PwPage *page)
{
  pw_assets_page_focus_search (PW_ASSETS_PAGE (page));
}

static void
pw_assets_page_page_init (PwPageInterface *iface)
{
  iface->focus_search = pw_assets_page_page_focus_search;
}

gboolean
pw_assets_page_select_node (PwAssetsPage *self,
                            const char   *node_id)
{
  GtkTreeListModel *tree;
  g_autoptr(GPtrArray) path = NULL;
  guint position = 0;

  g_return_val_if_fail (PW_IS_ASSETS_PAGE (self), FALSE);

  if (node_id == NULL)
    return FALSE;

  tree = GTK_TREE_LIST_MODEL (gtk_single_selection_get_model (self->tree_selection));
  if (tree == NULL)
    return FALSE;

  path = g_ptr_array_new ();
  if (!find_node_path (gtk_tree_list_model_get_model (tree), node_id, path))
    return FALSE;

  for (guint depth = 0; depth < path->len; depth++)
    {
      position = find_node_row (tree, g_ptr_array_index (path, depth), position);
      if (position == G_MAXUINT)
        return FALSE;

      if (depth + 1 < path->len)
        {
          g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (tree, position);

          gtk_tree_list_row_set_expanded (row, TRUE);
        }
    }

  if (gtk_single_selection_get_selected (self->tree_selection) == position)
    tree_selection_changed_cb (self);
  else
    gtk_single_selection_set_selected (self->tree_selection, position);

  gtk_widget_activate_action (GTK_WIDGET (self->tree_view), "list.scroll-to-item", "u", position);
  return TRUE;
}

PwLedgerNode *
pw_assets_page_get_selected_node (PwAssetsPage *self)
{
  g_return_val_if_fail (PW_IS_ASSETS_PAGE (self), NULL);

  return row_get_node (gtk_single_selection_get_selected_item (self->tree_selection));
}

void
pw_assets_page_set_search_text (PwAssetsPage *self,
                                const char   *text)
{
  g_return_if_fail (PW_IS_ASSETS_PAGE (self));

  /* Replacing the text empties the entry first, and an empty search entry
   * reports its change at once: that would show every space in between. */
  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  /* apply now rather than after the entry's typing delay */
  search_changed_cb (self, self->search_entry);
}

void
pw_assets_page_set_kind_filter (PwAssetsPage *self,
                                int           kind)
{
  g_return_if_fail (PW_IS_ASSETS_PAGE (self));
  g_return_if_fail (kind >= -1 && kind < PW_N_SPACE_KINDS);

  gtk_drop_down_set_selected (self->kind_dropdown, kind + 1);
}

void
pw_assets_page_set_status_filter (PwAssetsPage *self,
                                  int           status)
{
  g_return_if_fail (PW_IS_ASSETS_PAGE (self));
  g_return_if_fail (status >= -1 && status < PW_N_SPACE_STATUSES);

  gtk_drop_down_set_selected (self->status_dropdown, status + 1);
}

GListModel *
pw_assets_page_get_visible_spaces (PwAssetsPage *self)
{
  g_return_val_if_fail (PW_IS_ASSETS_PAGE (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

gboolean
pw_assets_page_select_space (PwAssetsPage *self,
                             const char   *space_id)
{
  guint position;

  g_return_val_if_fail (PW_IS_ASSETS_PAGE (self), FALSE);

  position = find_space_position (self, space_id);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  pw_row_list_set_selected (self->rows, position);
  return TRUE;
}

PwSpace *
pw_assets_page_get_selected_space (PwAssetsPage *self)
{
  g_return_val_if_fail (PW_IS_ASSETS_PAGE (self), NULL);

  return pw_row_list_get_selected_item (self->rows);
}

PwSpaceDetail *
pw_assets_page_get_space_detail (PwAssetsPage *self)
{
  g_return_val_if_fail (PW_IS_ASSETS_PAGE (self), NULL);

  return self->space_detail;
}

/* GObject */

static void
pw_assets_page_dispose (GObject *object)
{
  PwAssetsPage *self = PW_ASSETS_PAGE (object);
  GtkWidget *child;

  pw_ui_store_watch_clear (&self->watch);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_ASSETS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->rows);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->space_store);
  g_clear_object (&self->tree_selection);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->spaces, g_ptr_array_unref);

  G_OBJECT_CLASS (pw_assets_page_parent_class)->dispose (object);
}

static void
pw_assets_page_finalize (GObject *object)
{
  PwAssetsPage *self = PW_ASSETS_PAGE (object);

  g_clear_pointer (&self->park_id, g_free);
  g_clear_pointer (&self->park_name, g_free);
  g_clear_pointer (&self->scope_id, g_free);
  g_clear_pointer (&self->needle, g_free);

  G_OBJECT_CLASS (pw_assets_page_parent_class)->finalize (object);
}

static void
pw_assets_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PwAssetsPage *self = PW_ASSETS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->watch.store);
      break;

    case PROP_PARK_ID:
      g_value_set_string (value, self->park_id);
      break;

    case PROP_PARK_NAME:
      g_value_set_string (value, self->park_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_assets_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PwAssetsPage *self = PW_ASSETS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pw_assets_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_PARK_ID:
      /* the page's tree chooses the park: setting it selects that park */
      if (g_value_get_string (value) != NULL)
        pw_assets_page_select_node (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_assets_page_class_init (PwAssetsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_assets_page_dispose;
  object_class->finalize = pw_assets_page_finalize;
  object_class->get_property = pw_assets_page_get_property;
  object_class->set_property = pw_assets_page_set_property;

  /**
   * PwAssetsPage:park-name:
   *
   * The name of the park shown, for the window's subtitle.
   */
  properties[PROP_PARK_NAME] =
    g_param_spec_string ("park-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_property (object_class, PROP_PARK_NAME, properties[PROP_PARK_NAME]);
  g_object_class_override_property (object_class, PROP_STORE, "store");
  g_object_class_override_property (object_class, PROP_PARK_ID, "park-id");
  properties[PROP_STORE] = g_object_class_find_property (object_class, "store");
  properties[PROP_PARK_ID] = g_object_class_find_property (object_class, "park-id");

  g_type_ensure (PW_TYPE_SPACE_DETAIL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "assetspage");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parkwise/Parkwise/pw-assets-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, tree_view);

  gtk_widget_class_install_action (widget_class, "assets.back", NULL, back_action_cb);
  /* the space detail's commands, from anywhere on the page */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                detail_command_cb, "s", "space.change-status");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                detail_command_cb, "s", "space.stocktake");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                detail_command_cb, "s", "space.save");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "assets.back", NULL);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, scope_title);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, side_box);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, summary_box);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, side_scroller);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, scope_subtitle);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, gross_label);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, internal_label);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, common_label);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, leasable_label);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, leased_label);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, vacant_label);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, vacancy_label);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, k_label);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, common_rate_label);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, net_rate_label);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, load_factor_label);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, units_label);
  gtk_widget_class_bind_template_child (widget_class, PwAssetsPage, space_detail);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_selected_cb);
}

static void
pw_assets_page_init (PwAssetsPage *self)
{
  g_autoptr(GtkStringList) kinds = NULL;
  g_autoptr(GtkStringList) statuses = NULL;
  GtkListItemFactory *tree_factory;

  self->kind_filter = -1;
  self->status_filter = -1;
  self->scope_kind = PW_NODE_PARK;
  pw_ui_store_watch_init (&self->watch, (PwUiReloadFunc) pw_assets_page_reload, self);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->square_feet = g_settings_get_enum (self->settings, "area-unit") == 1;
  g_signal_connect_swapped (self->settings, "changed::area-unit",
                            G_CALLBACK (area_unit_changed_cb), self);
  pw_space_detail_set_square_feet (self->space_detail, self->square_feet);

  /* the tree */
  self->tree_selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->tree_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->tree_selection, FALSE);
  g_signal_connect_swapped (self->tree_selection, "notify::selected-item",
                            G_CALLBACK (tree_selection_changed_cb), self);
  tree_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (tree_factory, "setup", G_CALLBACK (tree_setup_cb), self);
  g_signal_connect (tree_factory, "bind", G_CALLBACK (tree_bind_cb), self);
  g_signal_connect (tree_factory, "unbind", G_CALLBACK (tree_unbind_cb), self);
  gtk_list_view_set_factory (self->tree_view, tree_factory);
  g_object_unref (tree_factory);
  gtk_list_view_set_model (self->tree_view, GTK_SELECTION_MODEL (self->tree_selection));

  /* the filters */
  kinds = gtk_string_list_new (NULL);
  gtk_string_list_append (kinds, _("All Kinds"));
  for (int i = 0; i < PW_N_SPACE_KINDS; i++)
    gtk_string_list_append (kinds, pw_space_kind_get_label (i));
  statuses = gtk_string_list_new (NULL);
  gtk_string_list_append (statuses, _("All Statuses"));
  for (int i = 0; i < PW_N_SPACE_STATUSES; i++)
    gtk_string_list_append (statuses, pw_space_status_get_label (i));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));

  /* the list */
  self->space_store = g_list_store_new (PW_TYPE_SPACE);
  add_columns (self);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->space_store)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->filter = gtk_custom_filter_new (filter_space_cb, self, NULL);
  self->filter_model = pw_filtered_list_new (G_LIST_MODEL (self->sort_model),
                                             GTK_FILTER (self->filter));
  self->rows = pw_row_list_new (G_LIST_MODEL (self->filter_model));
  g_signal_connect_swapped (self->rows, "notify::selected-item",
                            G_CALLBACK (space_selection_changed_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->rows));
  /* a list that grows back (a cleared search) shows the rows in view first */
  pw_row_list_set_growth_view (self->rows, GTK_WIDGET (self->column_view));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  pw_ui_leaflet_follow (self->leaflet, GTK_WIDGET (self->tree_view), "list");
  pw_ui_leaflet_follow (self->leaflet, GTK_WIDGET (self->column_view), "detail");
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (folded_changed_cb), self, G_CONNECT_SWAPPED);
  folded_changed_cb (self);

  update_summary (self);
}
