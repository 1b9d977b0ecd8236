/* pw-sync-private.h — what the parts of the sync engine share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-sync.h"

G_BEGIN_DECLS

/* A kind of record the protocol carries, and how it belongs to a park. */
typedef struct {
  const char        *name;
  /* pairs of (field, entity) the record refers to, NULL-terminated; the first one
   * leads to its park (for lifecycle_event, "entity_id" with the entity named in "entity") */
  const char *const *refs;
  gboolean           insert_only;
  gboolean           derived;     /* written by the server from other records, never pushed */
} PwSyncEntity;

const PwSyncEntity *pw_sync_entity_lookup   (const char  *name);
/* The SQL expression of a record's park id, the record's columns read as @prefix.column. */
char         *pw_sync_park_sql          (const char  *entity,
                                         const char  *prefix);
/* The SQL expression of a record's key text ("id", or "contract_id || '|' || id"). */
const char   *pw_sync_key_sql           (const char  *entity);
gboolean      pw_sync_is_uuid           (const char  *text);
/* Whether every member of @record is a column of @entity holding null, text or a
 * whole number; sets INVALID naming @path otherwise. */
gboolean      pw_sync_check_record      (const char  *entity,
                                         JsonObject  *record,
                                         const char  *path,
                                         GError     **error);
/* Sets a PW_SYNC_ERROR_STORE error from @local (taken). */
gboolean      pw_sync_store_error       (GError     **error,
                                         GError      *local);
JsonObject   *pw_sync_parse_object      (const char  *json);
const char   *pw_sync_op_to_string      (PwMutationOp op);
int           pw_sync_op_from_string    (const char  *text);
/* A record row of @stmt as a JSON object. */
/* Runs @sql (prepared, without rows) and checks it. */
gboolean      pw_sync_exec              (PwStore     *store,
                                         const char  *sql,
                                         GError     **error);

/* The parks @actor holds a grant in (borrowed keys), for an actor who is not an admin. */
GPtrArray    *pw_sync_actor_list_parks  (PwSyncActor *actor);
/* Shape checks of the responses, shared by the decoders and the client. */
gboolean      pw_sync_check_push_result (JsonObject  *object,
                                         GError     **error);
gboolean      pw_sync_check_page        (JsonObject  *object,
                                         GError     **error);
gboolean      pw_sync_check_bootstrap   (JsonObject  *object,
                                         GError     **error);

G_END_DECLS
