/* pw-sync.h — the sync protocol, independent of any transport: the guarded JSON reader,
 * the push/pull codec, the server's side (push, pull, bootstrap, change log) and the
 * client's side (outbox, results, pulled pages, conflicts). docs/sync-protocol.md.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pw-store.h"

G_BEGIN_DECLS

/* ---- limits and versions ------------------------------------------------------------ */

/* The one protocol schema this build speaks; anything else is UNSUPPORTED_CLIENT. */
#define PW_SYNC_SCHEMA_VERSION   1
#define PW_SYNC_MAX_BODY         (1024 * 1024)  /* bytes of one request body */
#define PW_SYNC_MAX_DEPTH        64             /* nesting of arrays and objects */
#define PW_SYNC_MAX_MUTATIONS    1000           /* mutations in one push */
#define PW_SYNC_DEFAULT_LIMIT    500            /* changes or records in one page */
#define PW_SYNC_MAX_LIMIT        1000

/* ---- errors --------------------------------------------------------------------------- */

#define PW_SYNC_ERROR (pw_sync_error_quark ())

/* Each code names what a caller (the HTTP server) does with it; see
 * pw_sync_error_http_status() and pw_sync_error_code_name(). */
typedef enum {
  PW_SYNC_ERROR_TOO_LARGE,          /* 413: the body is bigger than allowed */
  PW_SYNC_ERROR_BAD_ENCODING,       /* 400: the body is not UTF-8 */
  PW_SYNC_ERROR_TOO_DEEP,           /* 400: nested deeper than allowed */
  PW_SYNC_ERROR_DUPLICATE_KEY,      /* 400: an object names a member twice */
  PW_SYNC_ERROR_MALFORMED,          /* 400: not JSON */
  PW_SYNC_ERROR_INVALID,            /* 422: JSON of the wrong shape, type or range */
  PW_SYNC_ERROR_UNSUPPORTED_CLIENT, /* 400: a schema_version this server does not speak */
  PW_SYNC_ERROR_GAP,                /* 409: a mutation number was skipped */
  PW_SYNC_ERROR_FORBIDDEN_CLIENT,   /* 403: the client id belongs to another user */
  PW_SYNC_ERROR_CURSOR_EXPIRED,     /* 410: the cursor is older than the change log keeps */
  PW_SYNC_ERROR_STORE,              /* 500: the database failed */
} PwSyncError;

GQuark        pw_sync_error_quark        (void);
/* The stable machine name of @code ("too_large", "cursor_expired", …), for JSON errors. */
const char   *pw_sync_error_code_name    (int          code);
/* The HTTP status a server answers an error of @code with. */
guint         pw_sync_error_http_status  (int          code);

/* ---- actors: who is asking, and what they may do where ------------------------------- */

typedef enum {
  PW_SYNC_ROLE_ADMIN,          /* everything in the park */
  PW_SYNC_ROLE_ASSET_MANAGER,  /* the ledger, geometry, drawings, approvals */
  PW_SYNC_ROLE_LEASING_AGENT,  /* customers, prospects, quotes, contracts; no geometry, no money */
  PW_SYNC_ROLE_FINANCE,        /* contract terms and prices; no geometry */
  PW_SYNC_ROLE_OPERATIONS,     /* equipment, space status and notes */
  PW_SYNC_ROLE_VIEWER,         /* reads only */
  PW_SYNC_N_ROLES
} PwSyncRole;

const char   *pw_sync_role_to_string     (PwSyncRole   role);
/* -1 for an unknown name */
int           pw_sync_role_from_string   (const char  *name);

typedef struct _PwSyncActor PwSyncActor;

/* @is_admin: an administrator of the whole server sees and may change every park. */
PwSyncActor  *pw_sync_actor_new          (const char  *user_id,
                                          gboolean     is_admin);
void          pw_sync_actor_free         (PwSyncActor *actor);
/* Gives @actor @role in @park_id, replacing any role held there. */
void          pw_sync_actor_grant        (PwSyncActor *actor,
                                          const char  *park_id,
                                          PwSyncRole   role);
const char   *pw_sync_actor_get_user_id  (PwSyncActor *actor);
gboolean      pw_sync_actor_is_admin     (PwSyncActor *actor);
/* The role held in @park_id, or -1 when none (an administrator holds ADMIN everywhere). */
int           pw_sync_actor_get_role     (PwSyncActor *actor,
                                          const char  *park_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwSyncActor, pw_sync_actor_free)

/* Whether @role may apply @op to @entity, changing @fields (NULL: any field);
 * when not, *@field_out names the first field refused (NULL: the whole operation).
 * This is the authorisation matrix of docs/sync-protocol.md. */
gboolean      pw_sync_role_allows        (PwSyncRole   role,
                                          const char  *entity,
                                          PwMutationOp op,
                                          JsonObject  *fields,
                                          const char **field_out);

/* Whether @entity is a kind of record the protocol carries. */
gboolean      pw_sync_entity_is_known    (const char  *entity);
/* The kinds of record the protocol carries, parents before children; NULL-terminated. */
const char *const *pw_sync_entities      (void);

/* ---- guarded JSON ---------------------------------------------------------------------- */

/* Parses untrusted bytes: refuses more than @max_bytes, invalid UTF-8, nesting deeper
 * than @max_depth (by a scan before json-glib sees the bytes) and an object naming a
 * member twice anywhere. Errors (PW_SYNC_ERROR) name the byte offset or JSON path. */
JsonNode     *pw_json_parse_guarded      (const char  *data,
                                          gsize        len,
                                          gsize        max_bytes,
                                          guint        max_depth,
                                          GError     **error);

/* ---- the push codec -------------------------------------------------------------------- */

typedef struct {
  gint64        mid;           /* ≥ 1, increasing within a push */
  char         *entity;
  char         *id;            /* UUID text */
  PwMutationOp  op;
  gint64        base_version;  /* 0 for an insert, ≥ 1 otherwise */
  JsonObject   *fields;        /* never NULL; empty for a delete */
  gint64        group;         /* 0, or the mid of the first mutation of those made in one
                                * local transaction: they are applied all or none */
} PwSyncMutation;

typedef struct {
  gint64        schema_version;
  char         *client_id;     /* UUID text */
  GPtrArray    *mutations;     /* of PwSyncMutation, in mid order */
} PwSyncPush;

PwSyncPush   *pw_sync_push_new           (const char  *client_id);
void          pw_sync_push_free          (PwSyncPush  *push);
/* Adds a mutation; takes a reference on @fields (NULL: none). */
void          pw_sync_push_add           (PwSyncPush  *push,
                                          gint64       mid,
                                          const char  *entity,
                                          const char  *id,
                                          PwMutationOp op,
                                          gint64       base_version,
                                          JsonObject  *fields);
/* Reads a push request body (guarded, every type and range checked). */
PwSyncPush   *pw_sync_push_decode        (const char  *data,
                                          gsize        len,
                                          GError     **error);
/* The same from JSON already parsed by pw_json_parse_guarded(). */
PwSyncPush   *pw_sync_push_from_json     (JsonNode    *root,
                                          GError     **error);
char         *pw_sync_push_encode        (PwSyncPush  *push);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwSyncPush, pw_sync_push_free)

/* Reads a push response, a pull page or a bootstrap page (on the client), checking
 * its shape; returns its object (new reference). */
JsonObject   *pw_sync_push_result_decode (const char  *data,
                                          gsize        len,
                                          GError     **error);
JsonObject   *pw_sync_page_decode        (const char  *data,
                                          gsize        len,
                                          GError     **error);
JsonObject   *pw_sync_bootstrap_decode   (const char  *data,
                                          gsize        len,
                                          GError     **error);
/* Any response object as compact JSON text. */
char         *pw_sync_encode_object      (JsonObject  *object);
/* A JSON error body {"error":{"code":…,"message":…}} for @error. */
char         *pw_sync_encode_error       (const GError *error);

/* Reads a query parameter of a pull or bootstrap request: a whole number in
 * [@min, @max] (INVALID naming @name otherwise; @value NULL gives @fallback). */
gboolean      pw_sync_parse_param        (const char  *name,
                                          const char  *value,
                                          gint64       min,
                                          gint64       max,
                                          gint64       fallback,
                                          gint64      *out,
                                          GError     **error);
/* The "schema_version" parameter of a request without a body: absent is INVALID,
 * another version UNSUPPORTED_CLIENT. */
gboolean      pw_sync_check_schema_param (const char  *value,
                                          GError     **error);

/* ---- the server ------------------------------------------------------------------------ */

/* Makes @store a server store: validators on, no outbox, and every change (from a
 * push or any local edit) written to the change log. Call once after opening. */
gboolean      pw_sync_server_init        (PwStore     *store,
                                          GError     **error);
/* Applies @push for @actor in one transaction: {"schema_version":1,"results":[…]}
 * with one result per mutation (applied, duplicate, conflict or rejected); mutations
 * sharing a "group" are applied all or none. The store's actor is @actor's user id
 * for the audit rows meanwhile. Errors (the whole push refused, nothing applied):
 * UNSUPPORTED_CLIENT, INVALID (client id), GAP, FORBIDDEN_CLIENT, STORE. */
JsonObject   *pw_sync_server_push        (PwStore     *store,
                                          PwSyncActor *actor,
                                          PwSyncPush  *push,
                                          GError     **error);
/* Changes after @cursor that @actor may see, at most @limit (1…PW_SYNC_MAX_LIMIT):
 * {"schema_version":1,"changes":[…],"cursor":N,"more":bool}. CURSOR_EXPIRED for a
 * cursor older than the change log keeps (or newer than it holds). */
JsonObject   *pw_sync_server_pull        (PwStore     *store,
                                          PwSyncActor *actor,
                                          gint64       cursor,
                                          guint        limit,
                                          GError     **error);
/* One page of every record @actor may see, parents first:
 * {"schema_version":1,"records":[{"entity":…,"record":{…}}…],"cursor":N,"first":bool,
 *  "next":TOKEN|null}; the first page also says how much the whole bootstrap brings,
 * "totals":{"parks":N,"records":N}. @token is NULL for the first page, then the page's "next";
 * "cursor" is where pulls continue once the last page is applied. INVALID for a token
 * not from this server; CURSOR_EXPIRED when the log moved past the token's start. */
JsonObject   *pw_sync_server_bootstrap   (PwStore     *store,
                                          PwSyncActor *actor,
                                          const char  *token,
                                          guint        limit,
                                          GError     **error);
/* The newest change number. */
gint64        pw_sync_server_get_cursor  (PwStore     *store);
/* Forgets changes recorded more than @keep_seconds ago; cursors older than what is
 * kept then get CURSOR_EXPIRED. Returns the number of changes forgotten, -1 on error. */
gint64        pw_sync_server_prune       (PwStore     *store,
                                          gint64       keep_seconds,
                                          GError     **error);

/* ---- the client ------------------------------------------------------------------------ */

/* The next push: up to @max pending outbox mutations in order (none: an empty push),
 * those of one local transaction in one "group" and never split across pushes unless
 * the group alone is bigger than @max. */
PwSyncPush   *pw_sync_client_build_push  (PwStore     *store,
                                          guint        max,
                                          GError     **error);
/* Records a push's results in one transaction: applied → acknowledged (removed once
 * a pull has brought the change back); conflict and rejected → the conflict list. */
gboolean      pw_sync_client_apply_push_result (PwStore    *store,
                                          JsonObject  *result,
                                          GError     **error);
/* Applies a pull page, its cursor and the removal of acknowledged outbox rows in one
 * transaction, writing nothing to the outbox. Records with unresolved local changes
 * keep them. */
gboolean      pw_sync_client_apply_pull  (PwStore     *store,
                                          JsonObject  *page,
                                          GError     **error);
/* Applies one bootstrap page; the last one (no "next") removes what the server no
 * longer holds (except records with unresolved local changes) and sets the cursor. */
gboolean      pw_sync_client_apply_bootstrap (PwStore  *store,
                                          JsonObject  *page,
                                          GError     **error);
gint64        pw_sync_client_get_cursor  (PwStore     *store);
/* Outbox mutations not yet answered by the server. */
gint64        pw_sync_client_count_pending (PwStore   *store);
/* The parks and the records of every synced kind this database holds (what a first
 * sign-in would upload, or remove when the user takes the server's copy instead). */
gboolean      pw_sync_client_count_records (PwStore   *store,
                                          gint64     *parks,
                                          gint64     *records,
                                          GError    **error);

typedef enum {
  PW_SYNC_CONFLICT_CONFLICT,   /* the server's record changed: mine and theirs differ */
  PW_SYNC_CONFLICT_REJECTED,   /* the server refused the mutation, with a reason */
} PwSyncConflictKind;

typedef struct {
  gint64              id;
  PwSyncConflictKind  kind;
  gint64              mid;
  char               *entity;
  char               *entity_id;
  PwMutationOp        op;
  JsonObject         *mine;     /* the fields I sent */
  JsonObject         *theirs;   /* the server's record; NULL when it has none or hid it */
  char              **fields;   /* the fields both sides changed (conflicts) */
  char               *reason;   /* a reason code (rejections) or conflict kind */
  char               *message;  /* the server's explanation */
} PwSyncConflict;

void          pw_sync_conflict_free      (PwSyncConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwSyncConflict, pw_sync_conflict_free)

/* Every unresolved conflict and rejection, oldest first (PwSyncConflict). */
GPtrArray    *pw_sync_client_list_conflicts (PwStore  *store,
                                          GError     **error);

typedef enum {
  PW_SYNC_KEEP_MINE,    /* theirs, then my fields on top as a new mutation */
  PW_SYNC_KEEP_THEIRS,  /* theirs; my change dropped */
  PW_SYNC_MERGE,        /* theirs, then the named fields of mine as a new mutation */
} PwSyncResolution;

/* Resolves conflict @id in one transaction. @mine_fields names the fields of mine
 * to keep for PW_SYNC_MERGE (ignored otherwise). */
gboolean      pw_sync_client_resolve     (PwStore     *store,
                                          gint64       id,
                                          PwSyncResolution how,
                                          const char *const *mine_fields,
                                          GError     **error);
/* Drops rejected mutation @id, putting back the server's record (or removing a
 * record only I had). */
gboolean      pw_sync_client_discard     (PwStore     *store,
                                          gint64       id,
                                          GError     **error);

/* Empties @store of every synced record, its outbox, conflicts and cursor in one
 * transaction, so that the next sync starts from the server's copy. For a database
 * joining a server whose parks it should not upload. */
gboolean      pw_sync_client_reset       (PwStore     *store,
                                          GError     **error);

/* A digest (SHA-256 hex) of every synced record of @store, for comparing replicas. */
char         *pw_sync_content_hash       (PwStore     *store,
                                          GError     **error);

G_END_DECLS
