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

/* What a page does about loading, which every page repeats: it loads when it is
 * first shown; a change of the store or of the park while it is hidden only marks
 * it stale, and it loads again when shown; the park asked for is kept, and the park
 * shown is that one if the store has it, else the store's first. A page embeds a
 * PwPageLoader, calls pw_page_loader_changed() when its store or park changes (its
 * PwUiStoreWatch callback) and pw_page_loader_mapped() from its map. */
typedef void (*PwPageLoadFunc) (GtkWidget *page);

typedef struct
{
  GtkWidget      *page;
  PwPageLoadFunc  load;
  gboolean        loaded;
  char           *park_id;   /* the park asked for, then shown; NULL: the first */
} PwPageLoader;

void        pw_page_loader_init         (PwPageLoader   *self,
                                         GtkWidget      *page,
                                         PwPageLoadFunc  load);
void        pw_page_loader_clear        (PwPageLoader   *self);
/* Loads now (marks the page loaded, then calls its load function). */
void        pw_page_loader_load         (PwPageLoader   *self);
/* The store or the park changed: loads now if the page is shown, else marks it stale. */
void        pw_page_loader_changed      (PwPageLoader   *self);
/* From the page's map: loads it if it is stale. */
void        pw_page_loader_mapped       (PwPageLoader   *self);
/* Asks for @park_id (NULL: the first park); FALSE when it was asked for already.
 * The caller then notifies "park-id". */
gboolean    pw_page_loader_set_park_id  (PwPageLoader   *self,
                                         const char     *park_id);
/* The park shown: the one asked for if @store has it, else @store's first (which
 * is then kept as the one asked for); NULL without a store or a park. */
const char *pw_page_loader_park         (PwPageLoader   *self,
                                         PwStore        *store);

G_END_DECLS
