/* pw-server-db.h — the server's database: core's store plus accounts, grants, sessions
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_SERVER_SCHEMA_VERSION 2

typedef struct
{
  char     *id;
  char     *name;
  char     *password;   /* the argon2id encoded hash */
  gboolean  is_admin;
  gboolean  disabled;
} PwServerUser;

/* A grant names its park by id (docs/server.md, "Grants"). */
typedef struct
{
  char     *park_id;    /* NULL while pending */
  char     *park_code;  /* the park's code now; the code given while pending; NULL for a
                           park since removed */
  char     *role;
  gboolean  pending;    /* given for a code no park held: waits for the park created with it */
} PwServerGrant;

typedef enum {
  PW_SESSION_VALID,
  PW_SESSION_UNKNOWN,   /* no such token, or revoked */
  PW_SESSION_EXPIRED,   /* idle or absolute expiry passed */
  PW_SESSION_DISABLED,  /* the account has been disabled */
} PwSessionStatus;

void pw_server_user_free (PwServerUser *user);
void pw_server_grant_free (PwServerGrant *grant);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwServerUser, pw_server_user_free)

gboolean     pw_server_role_is_valid (const char *role);
const char *const *pw_server_roles   (void);

#define PW_TYPE_SERVER_DB (pw_server_db_get_type ())
G_DECLARE_FINAL_TYPE (PwServerDb, pw_server_db, PW, SERVER_DB, GObject)

PwServerDb    *pw_server_db_open            (const char   *path,
                                             GError      **error);
PwStore       *pw_server_db_get_store       (PwServerDb   *self);
int            pw_server_db_get_schema_version (PwServerDb *self);

/* NULL without an error when there is no such user. */
PwServerUser  *pw_server_db_find_user       (PwServerDb   *self,
                                             const char   *name,
                                             GError      **error);
gboolean       pw_server_db_add_user        (PwServerDb   *self,
                                             const char   *name,
                                             const char   *password_hash,
                                             gboolean      is_admin,
                                             GError      **error);
/* Disables the account and deletes every session it holds. */
gboolean       pw_server_db_disable_user    (PwServerDb   *self,
                                             const char   *name,
                                             GError      **error);
/* Replaces the user's password hash and ends every session it holds. */
gboolean       pw_server_db_set_password    (PwServerDb   *self,
                                             const char   *name,
                                             const char   *password_hash,
                                             GError      **error);
/* Every user (PwServerUser, without password hashes), by name. */
GPtrArray     *pw_server_db_list_users      (PwServerDb   *self,
                                             GError      **error);
/* Gives @name @role in the park with code (or id) @park_code, bound to that park's id;
 * a code no park holds yet gives a pending grant, bound to the park created with it. */
gboolean       pw_server_db_grant           (PwServerDb   *self,
                                             const char   *name,
                                             const char   *park_code,
                                             const char   *role,
                                             GError      **error);
/* The user's grants, PwServerGrant elements. */
GPtrArray     *pw_server_db_list_grants     (PwServerDb   *self,
                                             const char   *user_id,
                                             GError      **error);

/* The id of the park with code (or id) @code_or_id; NULL without an error when the
 * server holds no such park yet. */
char          *pw_server_db_find_park       (PwServerDb   *self,
                                             const char   *code_or_id,
                                             GError      **error);

gboolean       pw_server_db_create_session  (PwServerDb   *self,
                                             const char   *token_hash,
                                             const char   *user_id,
                                             gint64        now_us,
                                             const char   *address,
                                             GError      **error);
/* Looks a session up by its token's hash; an expired or disabled one is deleted. The
 * last use is written only when older than @touch_after_us, so a busy client does not
 * cost a commit per request. */
PwSessionStatus pw_server_db_check_session  (PwServerDb   *self,
                                             const char   *token_hash,
                                             gint64        now_us,
                                             gint64        idle_us,
                                             gint64        absolute_us,
                                             gint64        touch_after_us,
                                             PwServerUser **user,
                                             GError      **error);
gboolean       pw_server_db_delete_session  (PwServerDb   *self,
                                             const char   *token_hash,
                                             GError      **error);
/* Deletes sessions past their idle or absolute expiry; returns how many, -1 on error. */
gint64         pw_server_db_prune_sessions  (PwServerDb   *self,
                                             gint64        now_us,
                                             gint64        idle_us,
                                             gint64        absolute_us,
                                             GError      **error);
gint64         pw_server_db_count_sessions  (PwServerDb   *self,
                                             const char   *user_id);

GPtrArray     *pw_server_db_list_signin_pairs (PwServerDb *self,
                                               const char *since,
                                               guint       max,
                                               GError    **error);
gboolean       pw_server_db_log_event       (PwServerDb   *self,
                                             const char   *event,
                                             const char   *user_name,
                                             const char   *address,
                                             const char   *detail,
                                             GError      **error);

/* Copies the database at @db_path into @out_path with SQLite's online backup (it may be
 * in use), checks the copy with PRAGMA integrity_check and moves it into place. */
gboolean       pw_server_backup             (const char   *db_path,
                                             const char   *out_path,
                                             GError      **error);

G_END_DECLS
