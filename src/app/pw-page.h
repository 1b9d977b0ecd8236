/* pw-page.h — what every module page of the main window is: it shows one
 * store's records for one park, has a search to focus, and installs its
 * commands as widget actions under its own prefix (see HACKING.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_PAGE (pw_page_get_type ())
G_DECLARE_INTERFACE (PwPage, pw_page, PW, PAGE, GtkWidget)

struct _PwPageInterface
{
  GTypeInterface parent_iface;

  /* Puts the keyboard focus in the page's search entry. */
  void (*focus_search) (PwPage *self);
};

/* Every page has the properties "store" (PwStore, the ledger shown) and
 * "park-id" (string, the park shown; NULL for the store's first park); an
 * implementation overrides both with g_object_class_override_property(). */
PwStore    *pw_page_get_store     (PwPage     *self);
void        pw_page_set_store     (PwPage     *self,
                                   PwStore    *store);
char       *pw_page_dup_park_id   (PwPage     *self);
void        pw_page_set_park_id   (PwPage     *self,
                                   const char *park_id);
void        pw_page_focus_search  (PwPage     *self);

G_END_DECLS
