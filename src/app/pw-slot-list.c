/* pw-slot-list.c — a list of row slots over a list model, for GTK 4.8's list
 * views to rebind their rows instead of rebuilding them
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When the items of a list view's model change, GTK 4.8 destroys the row
 * widgets of the items that went and builds new ones for the items that came
 * (gtk_list_item_manager_model_items_changed_cb()): about 0.35 ms a row of
 * the space list, some 70 ms for the rows it keeps around. A filter change
 * replaces nearly all of them.
 *
 * Here the view sees one slot per position instead of the items. When the
 * model changes, the slots keep their places and take their new items
 * ("notify::item", for the rows to bind again); only a change of length is
 * told to the view, at the end of the list.
 *
 * Invariants:
 *  1. The list has exactly as many slots as the model has items, and slot i,
 *     whenever it exists, holds the model's item i.
 *  2. A slot is created when first asked for and kept while its position
 *     exists, so a view holding it sees its changes.
 */
#include "config.h"

#include "pw-slot-list.h"

struct _PwSlot
{
  GObject  parent_instance;
  GObject *item;
};

G_DEFINE_FINAL_TYPE (PwSlot, pw_slot, G_TYPE_OBJECT)

enum { SLOT_PROP_0, SLOT_PROP_ITEM, SLOT_N_PROPS };
static GParamSpec *slot_properties[SLOT_N_PROPS];

static void
slot_set_item (PwSlot *self, gpointer item)
{
  if (g_set_object (&self->item, item))
    g_object_notify_by_pspec (G_OBJECT (self), slot_properties[SLOT_PROP_ITEM]);
}

gpointer
pw_slot_get_item (PwSlot *self)
{
  g_return_val_if_fail (PW_IS_SLOT (self), NULL);
  return self->item;
}

static void
pw_slot_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case SLOT_PROP_ITEM:
      g_value_set_object (value, PW_SLOT (object)->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_slot_dispose (GObject *object)
{
  g_clear_object (&PW_SLOT (object)->item);
  G_OBJECT_CLASS (pw_slot_parent_class)->dispose (object);
}

static void
pw_slot_class_init (PwSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = pw_slot_get_property;
  object_class->dispose = pw_slot_dispose;
  slot_properties[SLOT_PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, SLOT_N_PROPS, slot_properties);
}

static void
pw_slot_init (PwSlot *self)
{
}

struct _PwSlotList
{
  GObject     parent_instance;
  GListModel *model;
  GPtrArray  *slots;   /* one per item of @model; NULL until asked for */
};

static void pw_slot_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PwSlotList, pw_slot_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pw_slot_list_model_init))

static GType
pw_slot_list_get_item_type (GListModel *list)
{
  return PW_TYPE_SLOT;
}

static guint
pw_slot_list_get_n_items (GListModel *list)
{
  return PW_SLOT_LIST (list)->slots->len;
}

static gpointer
pw_slot_list_get_item (GListModel *list, guint position)
{
  PwSlotList *self = PW_SLOT_LIST (list);
  PwSlot *slot;

  if (position >= self->slots->len)
    return NULL;
  slot = g_ptr_array_index (self->slots, position);
  if (slot == NULL)
    {
      slot = g_object_new (PW_TYPE_SLOT, NULL);
      slot->item = g_list_model_get_item (self->model, position);
      self->slots->pdata[position] = slot;
    }
  return g_object_ref (slot);
}

static void
pw_slot_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pw_slot_list_get_item_type;
  iface->get_n_items = pw_slot_list_get_n_items;
  iface->get_item = pw_slot_list_get_item;
}


static void
model_items_changed_cb (PwSlotList *self,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GListModel *model)
{
  guint old_n = self->slots->len;
  guint new_n = g_list_model_get_n_items (model);
  guint kept = MIN (old_n, new_n);

  /* Slots past the new end go with the change of length told below; the
   * others take what is now at their place. */
  for (guint i = position; i < kept; i++)
    if (self->slots->pdata[i] != NULL)
      {
        g_autoptr(GObject) item = g_list_model_get_item (model, i);
        slot_set_item (self->slots->pdata[i], item);
      }

  if (new_n > old_n)
    g_ptr_array_set_size (self->slots, new_n);
  else if (new_n < old_n)
    g_ptr_array_remove_range (self->slots, new_n, old_n - new_n);
  if (new_n != old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), kept, old_n - kept, new_n - kept);
}

PwSlotList *
pw_slot_list_new (GListModel *model)
{
  PwSlotList *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (PW_TYPE_SLOT_LIST, NULL);
  self->model = g_object_ref (model);
  g_ptr_array_set_size (self->slots, g_list_model_get_n_items (model));
  g_signal_connect_object (model, "items-changed", G_CALLBACK (model_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

static void
pw_slot_list_dispose (GObject *object)
{
  PwSlotList *self = PW_SLOT_LIST (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (pw_slot_list_parent_class)->dispose (object);
}

static void
pw_slot_list_finalize (GObject *object)
{
  g_ptr_array_unref (PW_SLOT_LIST (object)->slots);
  G_OBJECT_CLASS (pw_slot_list_parent_class)->finalize (object);
}

static void
pw_slot_list_class_init (PwSlotListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_slot_list_dispose;
  object_class->finalize = pw_slot_list_finalize;
}

static void
unref_slot (gpointer slot)
{
  if (slot != NULL)
    g_object_unref (slot);
}

static void
pw_slot_list_init (PwSlotList *self)
{
  /* set_size adds NULLs; slots nobody asked for stay NULL */
  self->slots = g_ptr_array_new_with_free_func (unref_slot);
}
