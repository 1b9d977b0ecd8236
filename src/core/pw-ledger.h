/* pw-ledger.h — the asset ledger: parks, buildings, floors, spaces, equipment
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-date.h"
#include "pw-ledger-enums.h"
#include "pw-space.h"
#include "pw-store.h"

G_BEGIN_DECLS

/* A park, building or floor: the nodes of the ledger's tree. */
typedef enum {
  PW_NODE_PARK,
  PW_NODE_BUILDING,
  PW_NODE_FLOOR,
} PwNodeKind;

#define PW_TYPE_LEDGER_NODE (pw_ledger_node_get_type ())
G_DECLARE_FINAL_TYPE (PwLedgerNode, pw_ledger_node, PW, LEDGER_NODE, GObject)

PwNodeKind    pw_ledger_node_get_kind       (PwLedgerNode *self);
const char   *pw_ledger_node_get_id         (PwLedgerNode *self);
gint64        pw_ledger_node_get_version    (PwLedgerNode *self);
const char   *pw_ledger_node_get_parent_id  (PwLedgerNode *self);
const char   *pw_ledger_node_get_code       (PwLedgerNode *self);
const char   *pw_ledger_node_get_name       (PwLedgerNode *self);
/* floor level for floors; the building kind (PwBuildingKind) for buildings */
int           pw_ledger_node_get_number     (PwLedgerNode *self);
/* the code pattern for parks */
const char   *pw_ledger_node_get_extra      (PwLedgerNode *self);
/* children in display order (buildings by code, floors top-down) */
GListModel   *pw_ledger_node_get_children   (PwLedgerNode *self);

/* Installs the ledger's validation of every mutation on @store. */
void          pw_ledger_attach              (PwStore      *store);
/* Forgets what validation cached of parks, buildings and floors, after records were
 * written outside the mutation path (pulled from a server). */
void          pw_ledger_forget_cache        (PwStore      *store);

/* The largest floor drawing (SVG) the ledger keeps, in bytes. */
#define PW_FLOOR_DRAWING_MAX_BYTES (16 * 1024 * 1024)

/* Loading. Each returns a new list (GListStore) or NULL with @error set. */
GListModel   *pw_ledger_load_parks          (PwStore      *store,
                                             GError      **error);
/* Every space of @park_id (NULL: the first park), with apportioned shares and
 * chargeable areas filled in; ordered by code. */
GPtrArray    *pw_ledger_load_spaces         (PwStore      *store,
                                             const char   *park_id,
                                             GError      **error);
 /* Fills in every space's apportioned common share (docs/areas.md, "Pools and shares"). Returns
 * FALSE with the first problem (a pool nobody can share) but still fills the rest. */
gboolean      pw_ledger_apportion           (GPtrArray    *spaces,
                                             GError      **error);
PwSpace      *pw_ledger_load_space          (PwStore      *store,
                                             const char   *space_id,
                                             GError      **error);
const char   *pw_ledger_first_park_id       (PwStore      *store);
/* The id of floor @floor_id's drawing (floor_drawing), or NULL: with
 * PW_STORE_ERROR_NOT_FOUND when the floor has none, or another error of the
 * store. Its row is then pw_store_get_row (store, "floor_drawing", id, …). */
char         *pw_ledger_floor_drawing_id    (PwStore      *store,
                                             const char   *floor_id,
                                             GError      **error);

/* One row of a space's history: status changes and lifecycle events, newest first. */
typedef struct {
  char *date;     /* YYYY-MM-DD */
  char *recorded; /* ISO instant */
  char *actor;
  char *what;     /* translated, e.g. "Available → Leased" or "Changed: name, notes" */
  char *reason;
} PwHistoryEntry;

void          pw_history_entry_free         (PwHistoryEntry *entry);
/* The history's word for a lifecycle event ("Created", "Split"…), translated. */
const char   *pw_ledger_event_label         (const char     *event);
GPtrArray    *pw_ledger_load_history        (PwStore      *store,
                                             const char   *space_id,
                                             GError      **error);

/* Changes. Each is one transaction through the mutation path. */
gboolean      pw_ledger_change_status       (PwStore      *store,
                                             const char   *space_id,
                                             gint64        base_version,
                                             PwSpaceStatus status,
                                             const char   *effective_date,
                                             const char   *reason,
                                             GError      **error);
/* @fields holds only what changes (field names as in the space table). */
gboolean      pw_ledger_update_space        (PwStore      *store,
                                             const char   *space_id,
                                             gint64        base_version,
                                             JsonObject   *fields,
                                             GError      **error);
gboolean      pw_ledger_record_stocktake    (PwStore      *store,
                                             const char   *space_id,
                                             const char   *date,
                                             const char   *note,
                                             GError      **error);

/* Builds the mutation that creates a space from @fields (shared, not copied:
 * a missing status_since is added to it); its audit row is its "created" event. */
void          pw_ledger_add_space_mutations (GPtrArray    *mutations,
                                             JsonObject   *fields,
                                             const char   *date);

/* Removes every record of the ledger (a reset before re-seeding the demo). */
gboolean      pw_ledger_clear               (PwStore      *store,
                                             GError      **error);

/* Is @date a valid civil date YYYY-MM-DD? */
char         *pw_today_iso                  (void);

G_END_DECLS
