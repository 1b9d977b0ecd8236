/* pw-row-list.c — a single-selection list of row slots over a list model, for
 * GTK 4.8's list views to bind their rows again instead of rebuilding them
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When the items of a list view's model change, GTK 4.8 destroys the row
 * widgets of the items that went and builds new ones for the items that came
 * (gtk_list_item_manager_model_items_changed_cb()): about 0.35 ms a row of the
 * space list, 40 to 190 ms for the rows it keeps around, as a filter change
 * replaces nearly all of them.
 *
 * Here the view sees one PwRow per position instead of the model's items. When
 * the model changes, the rows keep their places and take the items now at
 * them; only a change of length is told as items-changed, at the end of the
 * list. The rows whose item changed are then told as a selection change, on
 * which GTK 4.8 updates the row widgets of those positions, and updating a row
 * widget unbinds and binds it again (gtk_list_item_widget_update() →
 * gtk_signal_list_item_factory_update()): the rows show their new items with
 * no handler of their own to connect or forget.
 *
 * GTK's list item manager finds row widgets again by item identity when
 * items-changed removes and adds them. A row is an identity for a position, so
 * it must never stand at two positions, and the selection must follow the
 * model's item, not the row, or it would silently come to select another item.
 *
 * Telling GTK 4.8 of a shorter list: gtk_list_item_manager_remove_items()
 * finds the node of its tree that holds the first removed position and drops
 * whole nodes from there, ignoring where in that node the removal starts. A
 * run of positions without row widgets is one node; when a removal starts
 * inside one, GTK drops as many positions before the removal as it should
 * have dropped at its end, and the row widgets there stay, at positions that
 * are now others', never bound again: rows showing spaces that are not theirs,
 * and later "Duplicate item detected in list" warnings. Scrolled past the new
 * end of the list, as after narrowing a search, every removal at the new end
 * starts inside such a run. So the removal starts where a node must begin:
 * just after the last row held below the new end (a row widget is a node of
 * one position), or at 0; the positions from there to the new end, which no
 * row widget shows, are told as removed and added again.
 *
 * Growing in two steps: when the list grows from fewer rows than its view
 * shows to more, GTK 4.8 builds ~200 row widgets at once (a search that
 * left a few spaces, cleared: 170 to 360 ms with 8 columns), while the frame
 * that shows the result needs only those in view. With a growth view set,
 * the list then tells only as many positions as the view shows, and the rest
 * once the frame showing them has been painted (or at once, when anything
 * else happens to the list or the selection goes past them).
 *
 * Invariants (whenever no signal of ours is being emitted):
 *  1. The list has as many positions as the model has items, or, while the
 *     rest of a growth waits for a frame (@growth_clock set), fewer: the
 *     first ones. @model_n is the model's number of items.
 *  2. @rows has one entry per position: the PwRow at it, or NULL when nobody
 *     holds one. The list holds no reference; a row clears its entry as it
 *     goes. A row keeps its position for its whole life and is at most at one.
 *  3. A row in @rows holds the model's item at its position.
 *  4. @selected is GTK_INVALID_LIST_POSITION exactly when @selected_item is
 *     NULL; otherwise the model's item at @selected is @selected_item.
 */
#include "config.h"

#include "pw-row-list.h"

/* PwRow: the private item type of PwRowList, as GtkTreeListRow is to
 * GtkTreeListModel */

struct _PwRow
{
  GObject    parent_instance;
  GObject   *item;
  PwRowList *list;       /* not a reference; NULL once the row left the list */
  guint      position;
};

G_DEFINE_FINAL_TYPE (PwRow, pw_row, G_TYPE_OBJECT)

struct _PwRowList
{
  GObject     parent_instance;
  GListModel *model;
  guint       model_n;         /* the model's items, as last told by it */
  GPtrArray  *rows;            /* PwRow or NULL, no references */
  guint       selected;
  GObject    *selected_item;

  /* growing in two steps (see pw_row_list_set_growth_view()) */
  GtkWidget     *growth_view;  /* weak */
  GdkFrameClock *growth_clock; /* while the rest is to be told */
  gulong         growth_id;
};

enum {
  PROP_0,
  PROP_SELECTED,
  PROP_SELECTED_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void pw_row_list_model_init (GListModelInterface *iface);
static void pw_row_list_selection_model_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PwRowList, pw_row_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pw_row_list_model_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      pw_row_list_selection_model_init))

/* PwRow */

static void
row_detach (PwRow *row)
{
  PwRowList *list = row->list;

  if (list == NULL)
    return;
  if (row->position < list->rows->len && list->rows->pdata[row->position] == row)
    list->rows->pdata[row->position] = NULL;
  row->list = NULL;
}

gpointer
pw_row_get_item (PwRow *self)
{
  g_return_val_if_fail (PW_IS_ROW (self), NULL);

  return self->item;
}

static void
pw_row_dispose (GObject *object)
{
  PwRow *self = PW_ROW (object);

  row_detach (self);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (pw_row_parent_class)->dispose (object);
}

static void
pw_row_class_init (PwRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pw_row_dispose;
}

static void
pw_row_init (PwRow *self)
{
}

/* GListModel */

static GType
pw_row_list_get_item_type (GListModel *list)
{
  return PW_TYPE_ROW;
}

static guint
pw_row_list_get_n_items (GListModel *list)
{
  return PW_ROW_LIST (list)->rows->len;
}

static gpointer
pw_row_list_get_item (GListModel *list,
                      guint       position)
{
  PwRowList *self = PW_ROW_LIST (list);
  PwRow *row;

  if (position >= self->rows->len)
    return NULL;

  row = g_ptr_array_index (self->rows, position);
  if (row != NULL)
    return g_object_ref (row);

  row = g_object_new (PW_TYPE_ROW, NULL);
  row->item = g_list_model_get_item (self->model, position);
  row->list = self;
  row->position = position;
  self->rows->pdata[position] = row;
  /* the caller's reference is the only one */
  return row;
}

static void
pw_row_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pw_row_list_get_item_type;
  iface->get_n_items = pw_row_list_get_n_items;
  iface->get_item = pw_row_list_get_item;
}

/* GtkSelectionModel */

static gboolean
pw_row_list_is_selected (GtkSelectionModel *model,
                         guint              position)
{
  return PW_ROW_LIST (model)->selected == position;
}

static GtkBitset *
pw_row_list_get_selection_in_range (GtkSelectionModel *model,
                                    guint              position,
                                    guint              n_items)
{
  PwRowList *self = PW_ROW_LIST (model);
  GtkBitset *result = gtk_bitset_new_empty ();

  if (self->selected != GTK_INVALID_LIST_POSITION)
    gtk_bitset_add (result, self->selected);

  return result;
}

static gboolean
pw_row_list_select_item (GtkSelectionModel *model,
                         guint              position,
                         gboolean           unselect_rest)
{
  pw_row_list_set_selected (PW_ROW_LIST (model), position);

  return TRUE;
}

static gboolean
pw_row_list_unselect_item (GtkSelectionModel *model,
                           guint              position)
{
  PwRowList *self = PW_ROW_LIST (model);

  if (self->selected == position)
    pw_row_list_set_selected (self, GTK_INVALID_LIST_POSITION);

  return TRUE;
}

static void
pw_row_list_selection_model_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = pw_row_list_is_selected;
  iface->get_selection_in_range = pw_row_list_get_selection_in_range;
  iface->select_item = pw_row_list_select_item;
  iface->unselect_item = pw_row_list_unselect_item;
}

/* Following the model */

/* Growing in two steps */

/* Logical pixels of the lowest row a view may show: rows are taller. */
#define MIN_ROW_HEIGHT 24

/* How many rows the growth view can show at once; 0 for no growth in steps. */
static guint
rows_in_view (PwRowList *self)
{
  int height;

  if (self->growth_view == NULL || !gtk_widget_get_mapped (self->growth_view))
    return 0;
  height = gtk_widget_get_height (self->growth_view);
  return height > 0 ? (guint) height / MIN_ROW_HEIGHT + 2 : 0;
}

/* Forgets the rest of a growth: the list's next change tells it. */
static void
cancel_growth (PwRowList *self)
{
  if (self->growth_clock != NULL)
    {
      /* a clock that was disposed (its window went) has no handlers left */
      if (g_signal_handler_is_connected (self->growth_clock, self->growth_id))
        g_signal_handler_disconnect (self->growth_clock, self->growth_id);
      g_clear_object (&self->growth_clock);
      self->growth_id = 0;
    }
}

/* Tells the positions the model has and the list has not told yet. */
static void
finish_growth (PwRowList *self)
{
  guint old_n = self->rows->len;

  cancel_growth (self);
  if (old_n >= self->model_n)
    return;
  g_ptr_array_set_size (self->rows, self->model_n);
  g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, self->model_n - old_n);
}

static void
growth_after_paint_cb (GdkFrameClock *clock,
                       PwRowList     *self)
{
  finish_growth (self);
}

/* Anything else that happens to the list tells the rest first. */
static void
stop_growth (PwRowList *self)
{
  if (self->growth_clock != NULL)
    finish_growth (self);
}

static void
start_growth (PwRowList *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (self->growth_view);

  if (clock == NULL)
    {
      finish_growth (self);
      return;
    }
  self->growth_clock = g_object_ref (clock);
  self->growth_id = g_signal_connect (clock, "after-paint", G_CALLBACK (growth_after_paint_cb),
                                      self);
}

/* Widens [*first, *last] to hold @position, unless it is none. */
static void
widen (guint *first,
       guint *last,
       guint  position)
{
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  *first = MIN (*first, position);
  *last = *last == GTK_INVALID_LIST_POSITION ? position : MAX (*last, position);
}

static void
model_items_changed_cb (PwRowList  *self,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GListModel *model)
{
  guint old_n = self->rows->len;
  guint model_n = g_list_model_get_n_items (model);
  guint new_n = model_n;
  guint kept;
  guint old_selected = self->selected;
  gpointer old_selected_item = self->selected_item;
  guint first = G_MAXUINT, last = GTK_INVALID_LIST_POSITION;
  guint start, in_view;

  g_return_if_fail (position + removed <= self->model_n);
  g_return_if_fail (model_n == self->model_n - removed + added);

  /* the rows told are compared with the model below, whatever their number */
  self->model_n = model_n;
  cancel_growth (self);
  /* a list growing from fewer rows than its view shows: those first */
  in_view = rows_in_view (self);
  if (in_view > 0 && old_n < in_view && model_n > in_view)
    new_n = in_view;
  kept = MIN (old_n, new_n);

  /* the selection follows its item (invariant 4), or goes */
  if (self->selected != GTK_INVALID_LIST_POSITION && self->selected >= position)
    {
      if (self->selected >= position + removed)
        self->selected = self->selected - removed + added;
      else
        {
          self->selected = GTK_INVALID_LIST_POSITION;
          for (guint i = 0; i < added; i++)
            {
              g_autoptr(GObject) item = g_list_model_get_item (model, position + i);

              if (item == self->selected_item)
                {
                  self->selected = position + i;
                  break;
                }
            }
          if (self->selected == GTK_INVALID_LIST_POSITION)
            self->selected_item = NULL;   /* dropped below, after telling */
        }
    }

  /* A shorter list is told from the first position after the last row held
   * below the new end: see "Telling GTK 4.8 of a shorter list" above. */
  start = kept;
  if (new_n < old_n)
    while (start > 0 && self->rows->pdata[start - 1] == NULL)
      start--;

  /* rows past the new end leave the list (invariant 2) ... */
  for (guint i = kept; i < old_n; i++)
    if (self->rows->pdata[i] != NULL)
      row_detach (self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, new_n);

  /* ... and the others take the items now at their places (invariant 3) */
  for (guint i = position; i < kept; i++)
    {
      PwRow *row = self->rows->pdata[i];
      g_autoptr(GObject) item = NULL;

      if (row == NULL)
        continue;
      item = g_list_model_get_item (model, i);
      if (item != row->item)
        {
          g_set_object (&row->item, item);
          widen (&first, &last, i);
        }
    }

  if (new_n != old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), start, old_n - start, new_n - start);

  /* GTK binds the rows of these positions again, selected or not; it knows
   * only of the positions told */
  if (old_selected != self->selected)
    {
      widen (&first, &last, old_selected < new_n ? old_selected : GTK_INVALID_LIST_POSITION);
      widen (&first, &last, self->selected < new_n ? self->selected : GTK_INVALID_LIST_POSITION);
    }
  if (last != GTK_INVALID_LIST_POSITION)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), first, last - first + 1);

  if (new_n < model_n)
    start_growth (self);

  if (old_selected != self->selected)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
  if (old_selected_item != self->selected_item)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
      g_object_unref (old_selected_item);
    }
}

/* Public API */

PwRowList *
pw_row_list_new (GListModel *model)
{
  PwRowList *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (PW_TYPE_ROW_LIST, NULL);
  self->model = g_object_ref (model);
  self->model_n = g_list_model_get_n_items (model);
  g_ptr_array_set_size (self->rows, self->model_n);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (model_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

GListModel *
pw_row_list_get_model (PwRowList *self)
{
  g_return_val_if_fail (PW_IS_ROW_LIST (self), NULL);

  return self->model;
}

guint
pw_row_list_get_selected (PwRowList *self)
{
  g_return_val_if_fail (PW_IS_ROW_LIST (self), GTK_INVALID_LIST_POSITION);

  return self->selected;
}

gpointer
pw_row_list_get_selected_item (PwRowList *self)
{
  g_return_val_if_fail (PW_IS_ROW_LIST (self), NULL);

  return self->selected_item;
}

void
pw_row_list_set_selected (PwRowList *self,
                          guint      position)
{
  g_autoptr(GObject) old_item = NULL;
  guint old_position;

  g_return_if_fail (PW_IS_ROW_LIST (self));

  if (position >= self->model_n)
    position = GTK_INVALID_LIST_POSITION;
  if (position == self->selected)
    return;
  /* GTK must know of the position to show it selected */
  if (position != GTK_INVALID_LIST_POSITION && position >= self->rows->len)
    stop_growth (self);

  old_position = self->selected;
  old_item = g_steal_pointer (&self->selected_item);
  self->selected = position;
  if (position != GTK_INVALID_LIST_POSITION)
    self->selected_item = g_list_model_get_item (self->model, position);

  if (old_position >= self->rows->len)
    old_position = GTK_INVALID_LIST_POSITION;   /* not told yet */
  if (old_position == GTK_INVALID_LIST_POSITION && position == GTK_INVALID_LIST_POSITION)
    ;
  else if (old_position == GTK_INVALID_LIST_POSITION)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, 1);
  else if (position == GTK_INVALID_LIST_POSITION)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), old_position, 1);
  else
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self),
                                           MIN (position, old_position),
                                           MAX (position, old_position)
                                           - MIN (position, old_position) + 1);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
  if (old_item != self->selected_item)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
}

void
pw_row_list_set_growth_view (PwRowList *self,
                             GtkWidget *view)
{
  g_return_if_fail (PW_IS_ROW_LIST (self));
  g_return_if_fail (view == NULL || GTK_IS_WIDGET (view));

  stop_growth (self);
  if (self->growth_view != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->growth_view), (gpointer *) &self->growth_view);
  self->growth_view = view;
  if (view != NULL)
    g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->growth_view);
}

void
pw_row_list_rebind (PwRowList *self)
{
  g_return_if_fail (PW_IS_ROW_LIST (self));

  stop_growth (self);
  if (self->rows->len > 0)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), 0, self->rows->len);
}

/* GObject */

static void
pw_row_list_dispose (GObject *object)
{
  PwRowList *self = PW_ROW_LIST (object);

  cancel_growth (self);
  pw_row_list_set_growth_view (self, NULL);
  for (guint i = 0; i < self->rows->len; i++)
    if (self->rows->pdata[i] != NULL)
      row_detach (self->rows->pdata[i]);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_clear_object (&self->model);
  g_clear_object (&self->selected_item);
  self->selected = GTK_INVALID_LIST_POSITION;

  G_OBJECT_CLASS (pw_row_list_parent_class)->dispose (object);
}

static void
pw_row_list_finalize (GObject *object)
{
  g_ptr_array_unref (PW_ROW_LIST (object)->rows);

  G_OBJECT_CLASS (pw_row_list_parent_class)->finalize (object);
}

static void
pw_row_list_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PwRowList *self = PW_ROW_LIST (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_uint (value, self->selected);
      break;

    case PROP_SELECTED_ITEM:
      g_value_set_object (value, self->selected_item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_row_list_class_init (PwRowListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_row_list_dispose;
  object_class->finalize = pw_row_list_finalize;
  object_class->get_property = pw_row_list_get_property;

  /**
   * PwRowList:selected:
   *
   * The selected position, GTK_INVALID_LIST_POSITION for none.
   */
  properties[PROP_SELECTED] =
    g_param_spec_uint ("selected", NULL, NULL, 0, G_MAXUINT, GTK_INVALID_LIST_POSITION,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * PwRowList:selected-item:
   *
   * The model's item at the selected position, not the row.
   */
  properties[PROP_SELECTED_ITEM] =
    g_param_spec_object ("selected-item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_row_list_init (PwRowList *self)
{
  /* set_size adds NULLs: no row until a view asks for one */
  self->rows = g_ptr_array_new ();
  self->selected = GTK_INVALID_LIST_POSITION;
}
