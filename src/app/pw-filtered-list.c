/* pw-filtered-list.c — the items of a list model that a filter takes, kept as a
 * plain array
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why not GtkFilterListModel: the row list above it (PwRowList) reads items by
 * position to follow the selected space and to refill its rows, and through a
 * GtkFilterListModel each read is a gtk_bitset_get_nth() and a walk down the
 * sort model and the store, about 1 µs: 100 ms to look for one space among
 * 100,000. Here a read is an array index, and a filter change runs the filter
 * over a copy of the model's items instead of reading the model again.
 *
 * Invariants (whenever no signal of ours is being emitted):
 *  1. @all holds the items of @model, in its order, a reference each.
 *  2. @visible holds exactly the items of @all that @filter matches, in the
 *     same order, a reference each.
 *  3. A change is told as one items-changed covering only what differs: the
 *     common head and tail of the old and new lists are left out.
 *
 * A filter that says it matches everything (gtk_filter_get_strictness(), as a
 * GtkCustomFilter without a function does) is not asked about each item: the
 * visible items are a copy of all of them.
 */
#include "config.h"

#include <string.h>

#include "pw-filtered-list.h"

struct _PwFilteredList
{
  GObject     parent_instance;
  GListModel *model;
  GtkFilter  *filter;
  GPtrArray  *all;
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
  GPtrArray *from = narrower ? self->visible : self->all;
  GPtrArray *fresh;
  guint head = 0, tail = 0;

  if (gtk_filter_get_strictness (self->filter) == GTK_FILTER_MATCH_ALL)
    /* all of them, without asking about each */
    fresh = g_ptr_array_copy (self->all, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  else
    {
      fresh = g_ptr_array_new_full (MIN (from->len, self->visible->len + 64), g_object_unref);
      for (guint i = 0; i < from->len; i++)
        if (gtk_filter_match (self->filter, from->pdata[i]))
          g_ptr_array_add (fresh, g_object_ref (from->pdata[i]));
    }
  g_ptr_array_set_free_func (fresh, g_object_unref);

  old = self->visible;
  while (head < old->len && head < fresh->len && old->pdata[head] == fresh->pdata[head])
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
model_items_changed_cb (PwFilteredList *self,
                        guint           position,
                        guint           removed,
                        guint           added,
                        GListModel     *model)
{
  guint len;

  g_return_if_fail (position + removed <= self->all->len);

  g_ptr_array_remove_range (self->all, position, removed);
  if (added > 0)
    {
      /* the added items go in with one move of the items after them */
      len = self->all->len;
      g_ptr_array_set_size (self->all, len + added);
      memmove (self->all->pdata + position + added, self->all->pdata + position,
               (len - position) * sizeof (gpointer));
      for (guint i = 0; i < added; i++)
        self->all->pdata[position + i] = g_list_model_get_item (model, position + i);
    }

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
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (GTK_IS_FILTER (filter), NULL);

  self = g_object_new (PW_TYPE_FILTERED_LIST, NULL);
  self->model = g_object_ref (model);
  self->filter = g_object_ref (filter);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->all, g_list_model_get_item (model, i));
  /* nobody listens yet: fill it without telling */
  for (guint i = 0; i < n; i++)
    if (gtk_filter_match (filter, self->all->pdata[i]))
      g_ptr_array_add (self->visible, g_object_ref (self->all->pdata[i]));
  g_signal_connect_object (model, "items-changed", G_CALLBACK (model_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (filter, "changed", G_CALLBACK (filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
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
  g_ptr_array_unref (self->all);
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
  self->all = g_ptr_array_new_with_free_func (g_object_unref);
  self->visible = g_ptr_array_new_with_free_func (g_object_unref);
}
