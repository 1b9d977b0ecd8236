/* pw-sync-service.h — keeps a desktop's database in step with a Parkwise server
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-store.h"

G_BEGIN_DECLS

typedef enum {
  PW_SYNC_STATE_OFF,         /* no server: the database works alone */
  PW_SYNC_STATE_SIGNED_OUT,  /* a server, but no valid session */
  PW_SYNC_STATE_SYNCED,      /* the last round trip brought everything */
  PW_SYNC_STATE_SYNCING,
  PW_SYNC_STATE_OFFLINE,     /* the server cannot be reached; changes wait in the outbox */
  PW_SYNC_STATE_UNTRUSTED,   /* the server's certificate waits for the user's confirmation */
  PW_SYNC_STATE_ERROR,       /* the server refused; see the message */
} PwSyncState;

#define PW_TYPE_SYNC_STATE (pw_sync_state_get_type ())
GType pw_sync_state_get_type (void);

#define PW_SYNC_SERVICE_ERROR (pw_sync_service_error_quark ())

typedef enum {
  PW_SYNC_SERVICE_ERROR_ADDRESS,      /* not an https:// address */
  PW_SYNC_SERVICE_ERROR_OTHER_SERVER, /* this database is a copy of another server's park */
  PW_SYNC_SERVICE_ERROR_UNTRUSTED,    /* the certificate is not trusted; see the fingerprint */
  PW_SYNC_SERVICE_ERROR_OFFLINE,      /* the server cannot be reached (the message says
                                       * what failed: refused, no route, name, TLS, time) */
  PW_SYNC_SERVICE_ERROR_REFUSED,      /* the server answered with an error */
  PW_SYNC_SERVICE_ERROR_SIGNED_OUT,   /* no session */
  PW_SYNC_SERVICE_ERROR_BAD_ANSWER,   /* the server's answer could not be read */
} PwSyncServiceError;

GQuark pw_sync_service_error_quark (void);

/* What a database that holds records the server never had does with them when it
 * first joins that server. */
typedef enum {
  PW_SYNC_JOIN_UPLOAD,   /* keep them and upload them */
  PW_SYNC_JOIN_REPLACE,  /* remove them and take the server's copy instead */
} PwSyncJoin;

/* What each choice would do, counted once the server has answered a sign-in. Records
 * are those of every synced kind (parks, buildings, floors, spaces, contracts …). */
typedef struct {
  gboolean ask;             /* the database holds records this server never had */
  gint64   local_parks;     /* this database's */
  gint64   local_records;
  gint64   server_parks;    /* what the account may see on the server; -1: not said */
  gint64   server_records;  /* -1: not said (a server without bootstrap totals) */
} PwSyncJoinCounts;

#define PW_TYPE_SYNC_SERVICE (pw_sync_service_get_type ())
G_DECLARE_FINAL_TYPE (PwSyncService, pw_sync_service, PW, SYNC_SERVICE, GObject)

/* @use_keyring: keep the session token in the user's keyring (FALSE: in memory only,
 * for tests and one-off command-line use). */
PwSyncService *pw_sync_service_new             (PwStore        *store,
                                                gboolean        use_keyring);
PwStore        *pw_sync_service_get_store       (PwSyncService  *self);
PwSyncState     pw_sync_service_get_state       (PwSyncService  *self);
/* A sentence for the state (the error, why offline, …); NULL when there is none. */
const char     *pw_sync_service_get_message     (PwSyncService  *self);
/* The server's address and the signed-in user name, or NULL. */
const char     *pw_sync_service_get_server      (PwSyncService  *self);
const char     *pw_sync_service_get_user        (PwSyncService  *self);
gint64          pw_sync_service_get_pending     (PwSyncService  *self);
guint           pw_sync_service_get_conflicts   (PwSyncService  *self);
/* The SHA-256 fingerprint (colon-separated hex) of a certificate the user has not
 * yet confirmed, in the UNTRUSTED state; NULL otherwise. */
const char     *pw_sync_service_get_untrusted_fingerprint (PwSyncService *self);
/* The fingerprint of the certificate the user confirmed for this database, or NULL. */
const char     *pw_sync_service_get_pin         (PwSyncService  *self);
/* Trusts the certificates of this CA file (an absolute path) as well as the system's. */
gboolean        pw_sync_service_set_ca_file     (PwSyncService  *self,
                                                const char     *path,
                                                GError        **error);
/* Pins the certificate whose fingerprint the user confirmed; later connections accept
 * that certificate, and no other the system does not trust. */
void            pw_sync_service_trust_certificate (PwSyncService *self,
                                                const char     *fingerprint);

/* Reads the server, user and session token kept for this database, then syncs. */
void            pw_sync_service_start           (PwSyncService  *self);
/* Turns on the automatic rounds: after local changes, every @period_seconds, and
 * when the network comes back. */
void            pw_sync_service_set_automatic   (PwSyncService  *self,
                                                guint           period_seconds);

/* Signing in, in two steps, so that nothing changes before the server has answered:
 *
 * connect: checks the address and the credentials with the server. The state, the
 * database and the remembered server stay as they were; a failure says what failed
 * (refused, no route, no such name, TLS, timeout) and at which address. On success the
 * session is held, and @counts says whether to ask the user what to do with this
 * database's records (and what each choice would do).
 *
 * join: takes the held session; REPLACE first removes this database's records. The
 * database then belongs to that server: the address and user are remembered, the
 * session kept (keyring), and a round starts.
 *
 * cancel_join: ends the held session on the server; nothing else changes. */
void            pw_sync_service_connect_async   (PwSyncService  *self,
                                                const char     *server,
                                                const char     *user,
                                                const char     *password,
                                                GCancellable   *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer        user_data);
gboolean        pw_sync_service_connect_finish  (PwSyncService  *self,
                                                GAsyncResult   *result,
                                                PwSyncJoinCounts *counts,
                                                GError        **error);
void            pw_sync_service_join_async      (PwSyncService  *self,
                                                PwSyncJoin      how,
                                                GCancellable   *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer        user_data);
gboolean        pw_sync_service_join_finish     (PwSyncService  *self,
                                                GAsyncResult   *result,
                                                GError        **error);
void            pw_sync_service_cancel_join     (PwSyncService  *self);
/* Whether a session is held, signed in to but not joined. */
gboolean        pw_sync_service_is_joining      (PwSyncService  *self);
/* connect, then join with UPLOAD: for scripts and tests that ask nobody. */
void            pw_sync_service_sign_in_async   (PwSyncService  *self,
                                                const char     *server,
                                                const char     *user,
                                                const char     *password,
                                                GCancellable   *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer        user_data);
gboolean        pw_sync_service_sign_in_finish  (PwSyncService  *self,
                                                GAsyncResult   *result,
                                                GError        **error);
void            pw_sync_service_sign_out_async  (PwSyncService  *self,
                                                GCancellable   *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer        user_data);
gboolean        pw_sync_service_sign_out_finish (PwSyncService  *self,
                                                GAsyncResult   *result,
                                                GError        **error);
/* One round: push the outbox, then pull (or bootstrap) until nothing is left. A
 * round asked for while one runs is run once that one ends. */
void            pw_sync_service_sync_async      (PwSyncService  *self,
                                                GCancellable   *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer        user_data);
gboolean        pw_sync_service_sync_finish     (PwSyncService  *self,
                                                GAsyncResult   *result,
                                                GError        **error);

G_END_DECLS
