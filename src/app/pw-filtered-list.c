/* pw-filtered-list.c — the items of a list model that a filter takes, kept as a
 * plain array
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why not GtkFilterListModel: when a filter changes, GTK 4.8's list views ask
 * for every added item (gtk_list_item_manager_model_items_changed_cb() →
 * gtk_list_item_manager_try_reacquire_list_item()); through a
 * GtkFilterListModel each of those is a gtk_bitset_get_nth() and a walk down
 * the sort model, about 1 µs, which is 100 ms for 100,000 spaces. Here an item
 * is one array read.
 *
 * Invariants:
 *  1. @visible holds, with a reference each, exactly the items of @model that
 *     @filter matches, in @model's order, whenever no signal is being emitted.
 *  2. A change is told as one items-changed covering only what differs: the
 *     common head and tail of the old and new lists are left out, so the list
 *     never holds an item twice, even for a moment.
 */
#include "config.h"

#include "pw-filtered-list.h"

struct _PwFilteredList
{
  GObject     parent_instance;
  GListModel *model;
  GtkFilter  *filter;
  GPtrArray  *visible;
};

static void pw_filtered_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PwFilteredList, pw_filtered_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pw_filtered_list_model_init))

static GType
pw_filtered_list_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (PW_FILTERED_LIST (list)->model);
}

static guint
pw_filtered_list_get_n_items (GListModel *list)
{
  return PW_FILTERED_LIST (list)->visible->len;
}

static gpointer
pw_filtered_list_get_item (GListModel *list,
                           guint       position)
{
  PwFilteredList *self = PW_FILTERED_LIST (list);

  if (position >= self->visible->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->visible, position));
}

static void
pw_filtered_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pw_filtered_list_get_item_type;
  iface->get_n_items = pw_filtered_list_get_n_items;
  iface->get_item = pw_filtered_list_get_item;
}

/* @narrower: the filter now takes a subset of what it took, so only the
 * visible items need asking again. */
static void
refilter (PwFilteredList *self,
          gboolean        narrower)
{
  g_autoptr(GPtrArray) old = NULL;
  guint n = g_list_model_get_n_items (self->model);
  GPtrArray *fresh = g_ptr_array_new_full (MIN (n, self->visible->len + 64), g_object_unref);
  guint head = 0, tail = 0;

  if (narrower)
    {
      for (guint i = 0; i < self->visible->len; i++)
        if (gtk_filter_match (self->filter, self->visible->pdata[i]))
          g_ptr_array_add (fresh, g_object_ref (self->visible->pdata[i]));
    }
  else
    for (guint i = 0; i < n; i++)
      {
        gpointer item = g_list_model_get_item (self->model, i);

        if (gtk_filter_match (self->filter, item))
          g_ptr_array_add (fresh, item);
        else
          g_object_unref (item);
      }

  old = self->visible;
  while (head < old->len && head < fresh->len
         && old->pdata[head] == fresh->pdata[head])
    head++;
  while (tail < old->len - head && tail < fresh->len - head
         && old->pdata[old->len - 1 - tail] == fresh->pdata[fresh->len - 1 - tail])
    tail++;

  self->visible = fresh;
  if (old->len != fresh->len || head != old->len)
    g_list_model_items_changed (G_LIST_MODEL (self), head, old->len - head - tail,
                                fresh->len - head - tail);
}

static void
model_items_changed_cb (PwFilteredList *self)
{
  refilter (self, FALSE);
}

static void
filter_changed_cb (PwFilteredList  *self,
                   GtkFilterChange  change)
{
  refilter (self, change == GTK_FILTER_CHANGE_MORE_STRICT);
}

PwFilteredList *
pw_filtered_list_new (GListModel *model,
                      GtkFilter  *filter)
{
  PwFilteredList *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (GTK_IS_FILTER (filter), NULL);

  self = g_object_new (PW_TYPE_FILTERED_LIST, NULL);
  self->model = g_object_ref (model);
  self->filter = g_object_ref (filter);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (model_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (filter, "changed", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* nobody listens yet: fill it without telling */
  g_clear_pointer (&self->visible, g_ptr_array_unref);
  self->visible = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      gpointer item = g_list_model_get_item (model, i);

      if (gtk_filter_match (filter, item))
        g_ptr_array_add (self->visible, item);
      else
        g_object_unref (item);
    }
  return self;
}

static void
pw_filtered_list_dispose (GObject *object)
{
  PwFilteredList *self = PW_FILTERED_LIST (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_func (self->filter, filter_changed_cb, self);
  g_clear_object (&self->model);
  g_clear_object (&self->filter);
  G_OBJECT_CLASS (pw_filtered_list_parent_class)->dispose (object);
}

static void
pw_filtered_list_finalize (GObject *object)
{
  PwFilteredList *self = PW_FILTERED_LIST (object);

  g_ptr_array_unref (self->visible);
  G_OBJECT_CLASS (pw_filtered_list_parent_class)->finalize (object);
}

static void
pw_filtered_list_class_init (PwFilteredListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_filtered_list_dispose;
  object_class->finalize = pw_filtered_list_finalize;
}

static void
pw_filtered_list_init (PwFilteredList *self)
{
  self->visible = g_ptr_array_new_with_free_func (g_object_unref);
}
