/* pw-store.h — the local SQLite store and its one mutation path
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "pw-error.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef enum {
  PW_MUTATION_INSERT,
  PW_MUTATION_UPDATE,
  PW_MUTATION_DELETE,
} PwMutationOp;

typedef struct _PwMutation PwMutation;

PwMutation   *pw_mutation_new_insert  (const char   *entity,
                                       const char   *id);
PwMutation   *pw_mutation_new_update  (const char   *entity,
                                       const char   *id,
                                       gint64        base_version);
PwMutation   *pw_mutation_new_delete  (const char   *entity,
                                       const char   *id,
                                       gint64        base_version);
void          pw_mutation_free        (PwMutation   *mutation);
const char   *pw_mutation_get_entity  (PwMutation   *mutation);
const char   *pw_mutation_get_id      (PwMutation   *mutation);
PwMutationOp  pw_mutation_get_op      (PwMutation   *mutation);
JsonObject   *pw_mutation_get_fields  (PwMutation   *mutation);
/* Makes @fields (a reference is taken) the mutation's fields, replacing any set so far. */
void          pw_mutation_set_fields  (PwMutation   *mutation,
                                       JsonObject   *fields);
void          pw_mutation_set_string  (PwMutation   *mutation,
                                       const char   *field,
                                       const char   *value);
void          pw_mutation_set_int     (PwMutation   *mutation,
                                       const char   *field,
                                       gint64        value);
void          pw_mutation_set_bool    (PwMutation   *mutation,
                                       const char   *field,
                                       gboolean      value);
void          pw_mutation_set_null    (PwMutation   *mutation,
                                       const char   *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwMutation, pw_mutation_free)

/* Checks a record as it will be after a mutation. @row holds every column of the
 * merged record; @before is NULL for an insert. */
typedef gboolean (*PwValidateFunc) (gpointer     store,
                                    const char  *entity,
                                    JsonObject  *row,
                                    JsonObject  *before,
                                    GError     **error);

#define PW_TYPE_STORE (pw_store_get_type ())
G_DECLARE_FINAL_TYPE (PwStore, pw_store, PW, STORE, GObject)

#define PW_STORE_SCHEMA_VERSION 20

PwStore      *pw_store_open               (const char  *path,
                                           GError     **error);
PwStore      *pw_store_open_at_version    (const char  *path,
                                           int          version,
                                           GError     **error);
const char   *pw_store_get_path           (PwStore     *self);
int           pw_store_get_schema_version (PwStore     *self);
sqlite3      *pw_store_get_db             (PwStore     *self);
const char   *pw_store_get_client_id      (PwStore     *self);
const char   *pw_store_get_actor          (PwStore     *self);
void          pw_store_set_actor          (PwStore     *self,
                                           const char  *actor);
void          pw_store_set_validator      (PwStore     *self,
                                           PwValidateFunc func);
/* A server store keeps no outbox: its changes are the authority, not pushed anywhere. */
void          pw_store_set_outbox_enabled (PwStore     *self,
                                           gboolean     enabled);
gboolean      pw_store_get_outbox_enabled (PwStore     *self);
/* The number the next mutation's outbox row gets. */
gint64        pw_store_get_next_mid       (PwStore     *self);
/* Says "changed" after records were written outside the mutation path (pulled ones). */
void          pw_store_notify_changed     (PwStore     *self);
/* The writable columns of @entity (without id, version, created_at, updated_at),
 * NULL-terminated; NULL for an unknown kind of record. */
const char *const *pw_store_entity_columns (const char *entity);
gboolean      pw_store_entity_is_insert_only (const char *entity);

sqlite3_stmt *pw_store_prepare            (PwStore     *self,
                                           const char  *sql,
                                           GError     **error);
sqlite3_stmt *pw_store_prepare_cached    (PwStore     *self,
                                           const char  *sql,
                                           GError     **error);
gboolean      pw_store_exec               (PwStore     *self,
                                           const char  *sql,
                                           GError     **error);
gboolean      pw_store_step_done          (PwStore     *self,
                                           sqlite3_stmt *stmt,
                                           GError     **error);
void          pw_store_set_error          (PwStore     *self,
                                           GError     **error,
                                           int          rc,
                                           const char  *what);

gboolean      pw_store_apply              (PwStore     *self,
                                           PwMutation  *mutation,
                                           GError     **error);
/* A transaction of the caller's (BEGIN IMMEDIATE), for changes that go with more than
 * mutations (sync writes pulled records, results and conflicts with them). A rollback
 * also gives back the outbox numbers of the mutations applied inside it. */
gboolean      pw_store_begin              (PwStore     *self,
                                           GError     **error);
/* Checks COMMIT; on failure rolls back and sets @error. */
gboolean      pw_store_commit             (PwStore     *self,
                                           GError     **error);
void          pw_store_rollback           (PwStore     *self);

/* Inside a transaction the caller opened, a change is a savepoint of it: it fails
 * alone, and is committed with the caller's transaction. */
gboolean      pw_store_apply_all          (PwStore     *self,
                                           PwMutation **mutations,
                                           guint        n_mutations,
                                           GError     **error);

/* Writes derived records (those computed again from audited ones, such as a
 * contract's schedule lines) inside the transaction of a change, after its
 * mutations and before COMMIT. They get no audit or outbox rows of their own:
 * the records they come from have those. */
typedef gboolean (*PwStoreDerivedFunc) (PwStore  *store,
                                        gpointer  data,
                                        GError  **error);

gboolean      pw_store_apply_all_full     (PwStore            *self,
                                           PwMutation        **mutations,
                                           guint               n_mutations,
                                           PwStoreDerivedFunc  derived,
                                           gpointer            data,
                                           GError            **error);
/* Many records inserted inside the caller's transaction (pw_store_begin()) with the
 * effect pw_store_apply_all() has for their insert mutations: each record validated,
 * written, with its audit row and (on a desktop) its outbox row, numbered in the
 * order written, and recorded for undo; without a JsonObject per record. A batch
 * declares each kind of record it writes with the columns its rows give, in the
 * order the audit and outbox show them; a row's values are set, then inserted. All
 * its records share the transaction's time. pw_store_batch_end() keeps the outbox
 * numbers; on any error the caller rolls the transaction back. */
typedef struct _PwStoreBatch PwStoreBatch;

PwStoreBatch *pw_store_batch_new          (PwStore      *self,
                                           GError      **error);
/* Returns the kind's number for the calls below, or -1 */
int           pw_store_batch_add_kind     (PwStoreBatch *batch,
                                           const char   *entity,
                                           const char *const *columns,
                                           GError      **error);
/* Sets column @column (its place in the kind's columns) of the next row; NULL is null */
void          pw_store_batch_set_string   (PwStoreBatch *batch,
                                           int           kind,
                                           guint         column,
                                           const char   *value);
void          pw_store_batch_set_int      (PwStoreBatch *batch,
                                           int           kind,
                                           guint         column,
                                           gint64        value);
/* Writes the row (a new id when @id is NULL); returns its id, the batch's until the
 * next row of the kind, or NULL with @error set. The values stay set for the next row. */
const char   *pw_store_batch_insert       (PwStoreBatch *batch,
                                           int           kind,
                                           const char   *id,
                                           GError      **error);
gboolean      pw_store_batch_end          (PwStoreBatch *batch,
                                           GError      **error);
void          pw_store_batch_free         (PwStoreBatch *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwStoreBatch, pw_store_batch_free)

/* The time the current transaction writes into created_at and updated_at. */
const char   *pw_store_get_tx_time        (PwStore     *self);

JsonObject   *pw_store_get_row            (PwStore     *self,
                                           const char  *entity,
                                           const char  *id,
                                           GError     **error);
gint64        pw_store_count              (PwStore     *self,
                                           const char  *table);
guint64       pw_store_get_revision       (PwStore     *self);

char         *pw_uuid_new                 (void);
/* A UUID's text (36 characters, any case) as its 16 bytes; FALSE when it is not one */
gboolean      pw_uuid_to_bytes            (const char  *text,
                                           gsize        len,
                                           guint8       out[16]);
/* 16 bytes as a UUID's text, lower case, into @out (37 bytes with the NUL) */
void          pw_uuid_from_bytes          (const guint8 bytes[16],
                                           char         out[37]);
/* A civil date as days since 1970-01-01, as the schedule lines keep their dates */
gint64        pw_date_to_days             (const GDate *date);
void          pw_date_from_days           (gint64       days,
                                           GDate       *out);
char         *pw_now_iso                  (void);

G_END_DECLS
