/* pw-page.c — the module page interface
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pw-ledger.h"
#include "pw-page.h"

G_DEFINE_INTERFACE (PwPage, pw_page, GTK_TYPE_WIDGET)

static void
pw_page_default_init (PwPageInterface *iface)
{
  /**
   * PwPage:store:
   *
   * The ledger store whose records the page shows.
   */
  g_object_interface_install_property (iface,
    g_param_spec_object ("store", NULL, NULL, PW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * PwPage:park-id:
   *
   * The id of the park the page shows; %NULL for the store's first park.
   */
  g_object_interface_install_property (iface,
    g_param_spec_string ("park-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
}

/* The store is kept alive by the page while it shows it, so the pointer
 * returned here stays valid as long as the page keeps that store. */
PwStore *
pw_page_get_store (PwPage *self)
{
  g_autoptr(PwStore) store = NULL;

  g_return_val_if_fail (PW_IS_PAGE (self), NULL);

  g_object_get (self, "store", &store, NULL);
  return store;
}

void
pw_page_set_store (PwPage  *self,
                   PwStore *store)
{
  g_return_if_fail (PW_IS_PAGE (self));
  g_return_if_fail (store == NULL || PW_IS_STORE (store));

  g_object_set (self, "store", store, NULL);
}

char *
pw_page_dup_park_id (PwPage *self)
{
  char *park_id = NULL;

  g_return_val_if_fail (PW_IS_PAGE (self), NULL);

  g_object_get (self, "park-id", &park_id, NULL);
  return park_id;
}

void
pw_page_set_park_id (PwPage     *self,
                     const char *park_id)
{
  g_return_if_fail (PW_IS_PAGE (self));

  g_object_set (self, "park-id", park_id, NULL);
}

void
pw_page_focus_search (PwPage *self)
{
  PwPageInterface *iface;

  g_return_if_fail (PW_IS_PAGE (self));

  iface = PW_PAGE_GET_IFACE (self);
  if (iface->focus_search != NULL)
    iface->focus_search (self);
}

/* PwPageLoader */

void
pw_page_loader_init (PwPageLoader *self, GtkWidget *page, PwPageLoadFunc load)
{
  self->page = page;
  self->load = load;
  self->loaded = FALSE;
  self->park_id = NULL;
}

void
pw_page_loader_clear (PwPageLoader *self)
{
  g_clear_pointer (&self->park_id, g_free);
}

void
pw_page_loader_load (PwPageLoader *self)
{
  self->loaded = TRUE;
  self->load (self->page);
}

void
pw_page_loader_changed (PwPageLoader *self)
{
  /* a page nobody looks at reloads when it is shown again */
  if (gtk_widget_get_mapped (self->page))
    pw_page_loader_load (self);
  else
    self->loaded = FALSE;
}

void
pw_page_loader_mapped (PwPageLoader *self)
{
  if (!self->loaded)
    pw_page_loader_load (self);
}

gboolean
pw_page_loader_set_park_id (PwPageLoader *self, const char *park_id)
{
  if (g_strcmp0 (self->park_id, park_id) == 0)
    return FALSE;
  g_free (self->park_id);
  self->park_id = g_strdup (park_id);
  pw_page_loader_changed (self);
  return TRUE;
}

const char *
pw_page_loader_park (PwPageLoader *self, PwStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) parks = NULL;
  gboolean found = FALSE;

  if (store == NULL)
    return NULL;
  parks = pw_ledger_load_parks (store, &error);
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
  return self->park_id;
}
