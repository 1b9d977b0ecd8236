/* pw-assets-page.h — the asset ledger: the park tree, the list of spaces, the
 * area summary of the selection and the selected space
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-ledger.h"
#include "pw-space-detail.h"

G_BEGIN_DECLS

#define PW_TYPE_ASSETS_PAGE (pw_assets_page_get_type ())
G_DECLARE_FINAL_TYPE (PwAssetsPage, pw_assets_page, PW, ASSETS_PAGE, GtkWidget)

GtkWidget     *pw_assets_page_new               (void);
void           pw_assets_page_set_store         (PwAssetsPage *self,
                                                 PwStore      *store);
PwStore       *pw_assets_page_get_store         (PwAssetsPage *self);
/* The park shown, or NULL when the ledger is empty. */
const char    *pw_assets_page_get_park_id       (PwAssetsPage *self);
const char    *pw_assets_page_get_park_name     (PwAssetsPage *self);
void           pw_assets_page_focus_search      (PwAssetsPage *self);

/* Reloads the tree and the spaces from the store now (a change of the store
 * schedules the same on idle), keeping the selected node and space. */
void           pw_assets_page_reload            (PwAssetsPage *self);

/* Scoping: selects the park, building or floor with @node_id in the tree,
 * expanding its ancestors. FALSE when there is no such node. */
gboolean       pw_assets_page_select_node       (PwAssetsPage *self,
                                                 const char   *node_id);
PwLedgerNode  *pw_assets_page_get_selected_node (PwAssetsPage *self);

/* Filters; -1 for all kinds or statuses. */
void           pw_assets_page_set_search_text   (PwAssetsPage *self,
                                                 const char   *text);
void           pw_assets_page_set_kind_filter   (PwAssetsPage *self,
                                                 int           kind);
void           pw_assets_page_set_status_filter (PwAssetsPage *self,
                                                 int           status);

/* The spaces as the list shows them: scoped, filtered and sorted (PwSpace). */
GListModel    *pw_assets_page_get_visible_spaces (PwAssetsPage *self);
gboolean       pw_assets_page_select_space      (PwAssetsPage *self,
                                                 const char   *space_id);
PwSpace       *pw_assets_page_get_selected_space (PwAssetsPage *self);
PwSpaceDetail *pw_assets_page_get_space_detail  (PwAssetsPage *self);

/* The accessible name of a space's row: "T1-F03-015, office, 86.40 m², leased". */
char          *pw_assets_page_describe_space    (PwSpace      *space,
                                                 gboolean      square_feet);

G_END_DECLS
