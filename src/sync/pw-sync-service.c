/* pw-sync-service.c — keeps a desktop's database in step with a Parkwise server
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *  1. The UI never waits on the network: every request is asynchronous (libsoup on the
 *     main context); only applying an answer touches the database, in one transaction
 *     per answer (core's pw_sync_client_*).
 *  2. One round at a time: a round asked for while one runs is run once it ends, and
 *     every caller's task completes.
 *  3. The password is never stored; the session token lives in the keyring (or, for
 *     tests, in memory), and the server's address, the user name and a pinned
 *     certificate fingerprint in the database's meta table.
 *  4. A certificate the system does not trust is accepted only when its SHA-256
 *     fingerprint is the one the user confirmed for this database.
 *  5. The outbox is core's: what was not acknowledged is pushed again after a crash or
 *     restart, and the server answers a repeated number with its stored result.
 *  6. A sign-in changes nothing until the server has answered and the caller joins:
 *     a failed one leaves the state, the remembered server and the records as they
 *     were. Only a database that joined a server counts its outbox as pending.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pw-sync.h"
#include "pw-sync-secret.h"
#include "pw-sync-service.h"

#define PAGE_LIMIT        500
#define PUSH_BATCH        500
#define MAX_REQUESTS      100000  /* per round: a server that never says "done" stops here */
#define DEBOUNCE_SECONDS  2

typedef struct _SignIn SignIn;

struct _PwSyncService
{
  GObject          parent_instance;

  PwStore         *store;
  gboolean         use_keyring;
  SoupSession     *session;

  PwSyncState      state;
  char            *message;
  char            *server;
  char            *user;
  char            *token;
  char            *pin;
  char            *untrusted;
  gint64           pending;
  guint            conflicts;
  SignIn          *held;     /* a session signed in to but not joined yet */

  GTask           *round;    /* the round running */
  GPtrArray       *waiting;  /* tasks of the round asked for while it runs */

  guint            period;
  guint            period_id;
  guint            debounce_id;
  gulong           changed_id;
  GNetworkMonitor *monitor;
  gulong           network_id;
};

G_DEFINE_FINAL_TYPE (PwSyncService, pw_sync_service, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_SERVER,
  PROP_USER,
  PROP_PENDING,
  PROP_CONFLICTS,
  PROP_UNTRUSTED_FINGERPRINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (pw-sync-service-error-quark, pw_sync_service_error)

GType
pw_sync_state_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      static const GEnumValue values[] = {
        { PW_SYNC_STATE_OFF, "PW_SYNC_STATE_OFF", "off" },
        { PW_SYNC_STATE_SIGNED_OUT, "PW_SYNC_STATE_SIGNED_OUT", "signed-out" },
        { PW_SYNC_STATE_SYNCED, "PW_SYNC_STATE_SYNCED", "synced" },
        { PW_SYNC_STATE_SYNCING, "PW_SYNC_STATE_SYNCING", "syncing" },
        { PW_SYNC_STATE_OFFLINE, "PW_SYNC_STATE_OFFLINE", "offline" },
        { PW_SYNC_STATE_UNTRUSTED, "PW_SYNC_STATE_UNTRUSTED", "untrusted" },
        { PW_SYNC_STATE_ERROR, "PW_SYNC_STATE_ERROR", "error" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type, g_enum_register_static ("PwSyncState", values));
    }
  return type;
}

/* ---- the database's meta table ---------------------------------------------------- */

static char *
meta_get (PwStore *store, const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, "SELECT value FROM meta WHERE key = ?",
                                                   NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gboolean
meta_has (PwStore *store, const char *key)
{
  g_autofree char *value = meta_get (store, key);

  return value != NULL;
}

static gboolean
meta_set (PwStore *store, const char *key, const char *value, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = pw_store_prepare (store, value != NULL
                                  ? "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"
                                  : "DELETE FROM meta WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return pw_store_step_done (store, stmt, error);
}

/* ---- state -------------------------------------------------------------------------- */

static void
set_state (PwSyncService *self, PwSyncState state, const char *message)
{
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
}

static void
set_untrusted (PwSyncService *self, const char *fingerprint)
{
  if (g_strcmp0 (self->untrusted, fingerprint) == 0)
    return;
  g_free (self->untrusted);
  self->untrusted = g_strdup (fingerprint);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNTRUSTED_FINGERPRINT]);
}

static void
update_counts (PwSyncService *self)
{
  /* the outbox waits for a server only once the database joined one: a database that
   * works alone (the demo's thousands of records) has nothing pending anywhere */
  gint64 pending = self->server != NULL ? pw_sync_client_count_pending (self->store) : 0;
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (self->store,
                                                   "SELECT count(*) FROM sync_conflict", NULL);
  guint conflicts = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    conflicts = (guint) sqlite3_column_int64 (stmt, 0);
  if (pending != self->pending)
    {
      self->pending = pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
    }
  if (conflicts != self->conflicts)
    {
      self->conflicts = conflicts;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICTS]);
    }
}

/* ---- TLS ------------------------------------------------------------------------------ */

static char *
certificate_fingerprint (GTlsCertificate *cert)
{
  g_autoptr(GByteArray) der = NULL;
  g_autofree char *hex = NULL;
  GString *out;

  g_object_get (cert, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;
  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
  out = g_string_sized_new (96);
  for (guint i = 0; hex[i] != '\0'; i += 2)
    {
      if (i > 0)
        g_string_append_c (out, ':');
      g_string_append_c (out, g_ascii_toupper (hex[i]));
      g_string_append_c (out, g_ascii_toupper (hex[i + 1]));
    }
  return g_string_free (out, FALSE);
}

static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *cert,
                       GTlsCertificateFlags  errors,
                       gpointer              data)
{
  PwSyncService *self = data;
  g_autofree char *fingerprint = certificate_fingerprint (cert);

  if (fingerprint == NULL)
    return FALSE;
  if (self->pin != NULL && g_ascii_strcasecmp (self->pin, fingerprint) == 0)
    return TRUE;
  set_untrusted (self, fingerprint);
  return FALSE;
}

gboolean
pw_sync_service_set_ca_file (PwSyncService *self, const char *path, GError **error)
{
  g_autoptr(GTlsDatabase) db = NULL;

  g_return_val_if_fail (PW_IS_SYNC_SERVICE (self), FALSE);
  g_return_val_if_fail (g_path_is_absolute (path), FALSE);

  db = g_tls_file_database_new (path, error);
  if (db == NULL)
    return FALSE;
  soup_session_set_tls_database (self->session, db);
  return TRUE;
}

void
pw_sync_service_trust_certificate (PwSyncService *self, const char *fingerprint)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PW_IS_SYNC_SERVICE (self));
  g_return_if_fail (fingerprint != NULL);

  g_free (self->pin);
  self->pin = g_ascii_strup (fingerprint, -1);
  if (!meta_set (self->store, "sync_pin", self->pin, &error))
    g_warning ("Could not keep the server's certificate: %s", error->message);
  set_untrusted (self, NULL);
}

/* ---- requests ------------------------------------------------------------------------ */

static void
zero_free (gpointer data)
{
  char *text = data;

  memset (text, 0, strlen (text));
  g_free (text);
}

/* @token: the session to send, NULL for none (signing in). Never self->token implicitly:
 * a sign-in to another address must not carry the current server's session there. */
static SoupMessage *
new_request (PwSyncService *self, const char *method, const char *server, const char *path,
             const char *token, char *body /* owned, zeroed when sent */)
{
  g_autofree char *uri = g_strconcat (server, path, NULL);
  SoupMessage *msg = soup_message_new (method, uri);

  if (msg == NULL)
    {
      if (body != NULL)
        zero_free (body);
      return NULL;
    }
  g_signal_connect_object (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), self,
                           0);
  soup_message_headers_append (soup_message_get_request_headers (msg), "Accept",
                               "application/json");
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization", auth);
      memset (auth, 0, strlen (auth));
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_with_free_func (body, strlen (body), zero_free, body);
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  return msg;
}

/* The server's explanation from a JSON error body, or a sentence for the status. */
static char *
server_message (SoupMessage *msg, GBytes *bytes, char **code_out)
{
  gsize len = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &len) : NULL;
  g_autoptr(JsonNode) root = NULL;

  if (data != NULL && len > 0)
    root = pw_json_parse_guarded (data, len, PW_SYNC_MAX_BODY, PW_SYNC_MAX_DEPTH, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *obj = json_node_get_object (root);
      JsonObject *err = json_object_has_member (obj, "error")
                        && JSON_NODE_HOLDS_OBJECT (json_object_get_member (obj, "error"))
                        ? json_object_get_object_member (obj, "error") : NULL;

      if (err != NULL)
        {
          const char *code = json_object_get_string_member_with_default (err, "code", NULL);
          const char *text = json_object_get_string_member_with_default (err, "message", NULL);

          if (code_out != NULL)
            *code_out = g_strdup (code);
          if (text != NULL)
            return g_strdup (text);
        }
    }
  /* Translators: %u is an HTTP status code, %s its reason such as "Not Found" */
  return g_strdup_printf (_("The server answered %u %s"), soup_message_get_status (msg),
                          soup_message_get_reason_phrase (msg) ? soup_message_get_reason_phrase (msg) : "");
}

/* What went wrong reaching @address, in words a user can act on: what failed (the
 * name, the route, the connection, the secure channel, the time) and where. */
static GError *
describe_transport_error (PwSyncService *self, const char *address, const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (self->untrusted != NULL
      || g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    return g_error_new (PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_UNTRUSTED,
                        _("The certificate of %s is not trusted. Check its fingerprint with the server’s administrator: %s"),
                        address, self->untrusted ? self->untrusted : error->message);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_OFFLINE,
                        _("Nothing answers at %s: the connection was refused. Check the address and its port, and that the server is running."),
                        address);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE))
    return g_error_new (PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_OFFLINE,
                        _("There is no route to %s. Check this computer’s network connection and the address."),
                        address);
  if (error->domain == G_RESOLVER_ERROR
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    return g_error_new (PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_OFFLINE,
                        _("The name in %s could not be found. Check the address and this computer’s network connection."),
                        address);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_OFFLINE,
                        _("%s did not answer in time. The server may be down or the network slow: try again later."),
                        address);
  /* also a connection cut during the handshake: transient, like the others */
  if (error->domain == G_TLS_ERROR)
    return g_error_new (PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_OFFLINE,
                        _("No secure connection could be made to %s (%s). If this lasts, check that the address is the Parkwise server’s and that it speaks HTTPS."),
                        address, error->message);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    return g_error_new (PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_OFFLINE,
                        _("%s closed the connection without an answer. Check that the address is the Parkwise server’s."),
                        address);
  return g_error_new (PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_OFFLINE,
                      _("%s cannot be reached: %s"), address, error->message);
}

/* Turns a failed exchange of a round into the state it leaves and an error for the caller. */
static GError *
transport_error (PwSyncService *self, GError *error)
{
  GError *out = describe_transport_error (self, self->server, error);

  if (g_error_matches (out, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_UNTRUSTED))
    set_state (self, PW_SYNC_STATE_UNTRUSTED, out->message);
  else if (out->domain == PW_SYNC_SERVICE_ERROR)
    set_state (self, PW_SYNC_STATE_OFFLINE, out->message);
  return out;
}

/* ---- a round: push, then pull or bootstrap ------------------------------------------- */

typedef enum { PHASE_PUSH, PHASE_PULL, PHASE_BOOTSTRAP } Phase;

typedef struct
{
  Phase      phase;
  char      *next;       /* the bootstrap's page token */
  guint      requests;
  GPtrArray *followers;  /* tasks asked for while the previous round ran */
} Round;

static void
round_free (Round *r)
{
  g_clear_pointer (&r->followers, g_ptr_array_unref);
  g_free (r->next);
  g_free (r);
}

static void round_step (GTask *task);
static void run_waiting (PwSyncService *self);

static void
round_finish (GTask *task, GError *error)
{
  PwSyncService *self = g_task_get_source_object (task);
  /* the round may hold the last reference: the service outlives its answer */
  g_autoptr(PwSyncService) keep = g_object_ref (self);
  Round *r = g_task_get_task_data (task);
  g_autoptr(GPtrArray) followers = g_steal_pointer (&r->followers);

  update_counts (self);
  if (error == NULL)
    set_state (self, PW_SYNC_STATE_SYNCED, NULL);
  self->round = NULL;
  for (guint i = 0; followers != NULL && i < followers->len; i++)
    {
      GTask *follower = g_ptr_array_index (followers, i);

      if (error != NULL)
        g_task_return_error (follower, g_error_copy (error));
      else
        g_task_return_boolean (follower, TRUE);
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
  run_waiting (self);
}

static void
signed_out (PwSyncService *self, const char *message)
{
  g_autofree char *text = g_strdup (message);

  if (self->token != NULL)
    {
      memset (self->token, 0, strlen (self->token));
      g_clear_pointer (&self->token, g_free);
    }
  if (self->use_keyring && self->server != NULL && self->user != NULL)
    pw_sync_secret_clear_async (self->server, self->user, NULL, NULL, NULL);
  set_state (self, PW_SYNC_STATE_SIGNED_OUT, text);
}

static JsonObject *
decode_answer (Phase phase, GBytes *bytes, GError **error)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  switch (phase)
    {
    case PHASE_PUSH:
      return pw_sync_push_result_decode (data, len, error);
    case PHASE_PULL:
      return pw_sync_page_decode (data, len, error);
    case PHASE_BOOTSTRAP:
    default:
      return pw_sync_bootstrap_decode (data, len, error);
    }
}

static void
round_answer_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *task = data;
  PwSyncService *self = g_task_get_source_object (task);
  Round *r = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                               &error);
  g_autoptr(JsonObject) answer = NULL;
  guint status;
  gboolean ok;

  if (bytes == NULL)
    {
      round_finish (task, transport_error (self, error));
      return;
    }
  status = soup_message_get_status (msg);
  if (status == SOUP_STATUS_GONE && r->phase == PHASE_PULL)
    {
      /* the change log no longer reaches back to our cursor: start again from a copy */
      r->phase = PHASE_BOOTSTRAP;
      g_clear_pointer (&r->next, g_free);
      round_step (task);
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autofree char *code = NULL;
      g_autofree char *text = server_message (msg, bytes, &code);

      if (status == SOUP_STATUS_UNAUTHORIZED)
        {
          signed_out (self, text);
          round_finish (task, g_error_new (PW_SYNC_SERVICE_ERROR,
                                           PW_SYNC_SERVICE_ERROR_SIGNED_OUT, "%s", text));
          return;
        }
      set_state (self, PW_SYNC_STATE_ERROR, text);
      round_finish (task, g_error_new (PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_REFUSED,
                                       "%s", text));
      return;
    }

  answer = decode_answer (r->phase, bytes, &error);
  if (answer == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The server’s answer could not be read: %s"),
                                               error->message);
      set_state (self, PW_SYNC_STATE_ERROR, text);
      round_finish (task, g_error_new (PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_BAD_ANSWER,
                                       "%s", text));
      return;
    }

  switch (r->phase)
    {
    case PHASE_PUSH:
      ok = pw_sync_client_apply_push_result (self->store, answer, &error);
      break;
    case PHASE_PULL:
      ok = pw_sync_client_apply_pull (self->store, answer, &error);
      if (ok && !json_object_get_boolean_member_with_default (answer, "more", FALSE))
        {
          round_finish (task, NULL);
          return;
        }
      break;
    case PHASE_BOOTSTRAP:
    default:
      ok = pw_sync_client_apply_bootstrap (self->store, answer, &error);
      if (ok)
        {
          const char *next = json_object_get_string_member_with_default (answer, "next", NULL);

          g_free (r->next);
          r->next = g_strdup (next);
          if (next == NULL)
            r->phase = PHASE_PULL;
          if (!meta_set (self->store, "sync_bootstrapped", next == NULL ? "1" : NULL, &error))
            ok = FALSE;
        }
      break;
    }
  if (!ok)
    {
      set_state (self, PW_SYNC_STATE_ERROR, error->message);
      round_finish (task, g_steal_pointer (&error));
      return;
    }
  update_counts (self);
  round_step (task);
}

static void
round_step (GTask *task)
{
  PwSyncService *self = g_task_get_source_object (task);
  Round *r = g_task_get_task_data (task);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      set_state (self, PW_SYNC_STATE_SYNCED, NULL);
      round_finish (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                               _("Syncing was cancelled")));
      return;
    }
  if (++r->requests > MAX_REQUESTS)
    {
      set_state (self, PW_SYNC_STATE_ERROR, _("The server keeps sending more; syncing stopped"));
      round_finish (task, g_error_new_literal (PW_SYNC_SERVICE_ERROR,
                                               PW_SYNC_SERVICE_ERROR_BAD_ANSWER,
                                               self->message));
      return;
    }

  if (r->phase == PHASE_PUSH)
    {
      g_autoptr(PwSyncPush) push = pw_sync_client_build_push (self->store, PUSH_BATCH, &error);

      if (push == NULL)
        {
          set_state (self, PW_SYNC_STATE_ERROR, error->message);
          round_finish (task, g_steal_pointer (&error));
          return;
        }
      if (push->mutations->len > 0)
        msg = new_request (self, "POST", self->server, "/v1/sync/push", self->token,
                           pw_sync_push_encode (push));
      else
        {
          r->phase = meta_has (self->store, "sync_bootstrapped") ? PHASE_PULL : PHASE_BOOTSTRAP;
        }
    }
  if (r->phase == PHASE_PULL)
    {
      path = g_strdup_printf ("/v1/sync/pull?cursor=%" G_GINT64_FORMAT "&limit=%d&schema_version=%d",
                              pw_sync_client_get_cursor (self->store), PAGE_LIMIT,
                              PW_SYNC_SCHEMA_VERSION);
      msg = new_request (self, "GET", self->server, path, self->token, NULL);
    }
  else if (r->phase == PHASE_BOOTSTRAP)
    {
      g_autofree char *next = r->next ? g_uri_escape_string (r->next, NULL, FALSE) : NULL;

      path = g_strdup_printf ("/v1/sync/bootstrap?limit=%d&schema_version=%d%s%s", PAGE_LIMIT,
                              PW_SYNC_SCHEMA_VERSION, next ? "&token=" : "", next ? next : "");
      msg = new_request (self, "GET", self->server, path, self->token, NULL);
    }
  if (msg == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is not a server address"), self->server);
      set_state (self, PW_SYNC_STATE_ERROR, text);
      round_finish (task, g_error_new_literal (PW_SYNC_SERVICE_ERROR,
                                               PW_SYNC_SERVICE_ERROR_ADDRESS, text));
      return;
    }
  set_untrusted (self, NULL);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), round_answer_cb, task);
}

/* Takes @task and @followers. */
static void
round_start (PwSyncService *self, GTask *task, GPtrArray *followers)
{
  Round *r = g_new0 (Round, 1);

  r->phase = PHASE_PUSH;
  r->followers = followers;
  g_task_set_task_data (task, r, (GDestroyNotify) round_free);
  self->round = task;
  set_state (self, PW_SYNC_STATE_SYNCING, NULL);
  round_step (task);
}

static void
run_waiting (PwSyncService *self)
{
  g_autoptr(GPtrArray) waiting = NULL;
  GTask *first;

  if (self->round != NULL || self->waiting->len == 0)
    return;
  /* one round answers everyone who asked while the last one ran */
  waiting = g_steal_pointer (&self->waiting);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  first = g_ptr_array_steal_index (waiting, 0);
  round_start (self, first, g_steal_pointer (&waiting));
}

void
pw_sync_service_sync_async (PwSyncService *self, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PW_IS_SYNC_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pw_sync_service_sync_async);

  if (self->server == NULL)
    {
      g_task_return_new_error (task, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_SIGNED_OUT,
                               _("No server is set up for this database"));
      return;
    }
  if (self->token == NULL)
    {
      g_task_return_new_error (task, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_SIGNED_OUT,
                               _("Sign in to %s to sync"), self->server);
      return;
    }
  if (self->round != NULL)
    {
      g_ptr_array_add (self->waiting, g_steal_pointer (&task));
      return;
    }
  round_start (self, g_steal_pointer (&task), NULL);
}

gboolean
pw_sync_service_sync_finish (PwSyncService *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
quiet_sync_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  /* the state and its message already say how the round went */
  pw_sync_service_sync_finish (PW_SYNC_SERVICE (source), result, NULL);
}

static void
sync_quietly (PwSyncService *self)
{
  if (self->server != NULL && self->token != NULL && self->state != PW_SYNC_STATE_UNTRUSTED)
    pw_sync_service_sync_async (self, NULL, quiet_sync_cb, NULL);
}

/* ---- signing in and out ---------------------------------------------------------------- */

/* "https://host[:port]" without a trailing slash, or NULL with an error. */
static char *
normalise_server (const char *text, GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  g_autoptr(GUri) uri = NULL;
  gsize len = strlen (trimmed);

  while (len > 0 && trimmed[len - 1] == '/')
    trimmed[--len] = '\0';
  uri = g_uri_parse (trimmed, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "https") != 0
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || (*g_uri_get_path (uri) != '\0' && !g_str_equal (g_uri_get_path (uri), "/"))
      || g_uri_get_query (uri) != NULL)
    {
      g_set_error (error, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_ADDRESS,
                   _("“%s” is not a server address: write it as https://name or https://name:port"),
                   text ? text : "");
      return NULL;
    }
  return g_steal_pointer (&trimmed);
}

/* A session the server gave, not yet joined: the address, the user, the token and what
 * joining would do. */
struct _SignIn
{
  char             *server;
  char             *user;
  char             *token;
  PwSyncJoinCounts  counts;
};

static void
sign_in_free (SignIn *s)
{
  if (s == NULL)
    return;
  if (s->token != NULL)
    memset (s->token, 0, strlen (s->token));
  g_free (s->token);
  g_free (s->server);
  g_free (s->user);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignIn, sign_in_free)

static void
revoked_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  /* the session ends with the answer; if none comes, it expires on the server */
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                               NULL);
}

/* Ends @s's session on the server and forgets it. */
static void
revoke_sign_in (PwSyncService *self, SignIn *s)
{
  g_autoptr(SoupMessage) msg = NULL;

  if (s == NULL)
    return;
  if (s->token != NULL)
    msg = new_request (self, "DELETE", s->server, "/v1/session", s->token, NULL);
  if (msg != NULL)
    soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, NULL, revoked_cb,
                                      NULL);
  sign_in_free (s);
}

/* Keeps the connected session of @task until the caller joins or cancels; returns the
 * counts to the caller. */
static void
hold_sign_in (PwSyncService *self, GTask *task)
{
  SignIn *s = g_task_get_task_data (task);
  SignIn *held = g_new0 (SignIn, 1);

  *held = *s;
  memset (s, 0, sizeof *s);
  /* a caller that gave up will not join: the session ends at once */
  if (g_task_return_error_if_cancelled (task))
    {
      revoke_sign_in (self, held);
      return;
    }
  revoke_sign_in (self, g_steal_pointer (&self->held));
  self->held = held;
  g_task_return_pointer (task, g_memdup2 (&held->counts, sizeof held->counts), g_free);
}

/* Reads "totals" from the first bootstrap page; FALSE when the server does not say. */
static gboolean
read_totals (JsonObject *page, gint64 *parks, gint64 *records)
{
  JsonNode *node = json_object_get_member (page, "totals");
  JsonObject *totals;
  JsonNode *p, *r;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  totals = json_node_get_object (node);
  p = json_object_get_member (totals, "parks");
  r = json_object_get_member (totals, "records");
  if (p == NULL || r == NULL || !JSON_NODE_HOLDS_VALUE (p) || !JSON_NODE_HOLDS_VALUE (r)
      || json_node_get_value_type (p) != G_TYPE_INT64
      || json_node_get_value_type (r) != G_TYPE_INT64
      || json_node_get_int (p) < 0 || json_node_get_int (r) < json_node_get_int (p))
    return FALSE;
  *parks = json_node_get_int (p);
  *records = json_node_get_int (r);
  return TRUE;
}

static void
counted_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  PwSyncService *self = g_task_get_source_object (task);
  SignIn *s = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                               &error);

  /* the counts are advice: without them the question is asked all the same */
  if (bytes != NULL && SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)))
    {
      gsize len = 0;
      const char *text = g_bytes_get_data (bytes, &len);
      g_autoptr(JsonObject) page = pw_sync_bootstrap_decode (text, len, NULL);
      gint64 parks, records;

      if (page != NULL && read_totals (page, &parks, &records))
        {
          s->counts.server_parks = parks;
          s->counts.server_records = records;
        }
    }
  hold_sign_in (self, task);
}

/* The parks of the grants in a session answer, for a server that gives no totals; -1 for
 * an administrator (who sees every park) or an answer without grants. */
static gint64
count_granted_parks (JsonObject *answer)
{
  JsonNode *grants = json_object_get_member (answer, "grants");
  JsonNode *admin = json_object_get_member (answer, "admin");
  JsonArray *array;
  gint64 n = 0;

  if (admin != NULL && JSON_NODE_HOLDS_VALUE (admin)
      && json_node_get_value_type (admin) == G_TYPE_BOOLEAN && json_node_get_boolean (admin))
    return -1;
  if (grants == NULL || !JSON_NODE_HOLDS_ARRAY (grants))
    return -1;
  array = json_node_get_array (grants);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *g = json_array_get_element (array, i);
      JsonNode *park = JSON_NODE_HOLDS_OBJECT (g)
                       ? json_object_get_member (json_node_get_object (g), "park_id") : NULL;

      /* a pending grant (no park yet) gives nothing */
      if (park != NULL && JSON_NODE_HOLDS_VALUE (park)
          && json_node_get_value_type (park) == G_TYPE_STRING)
        n++;
    }
  return n;
}

static void
connected_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  PwSyncService *self = g_task_get_source_object (task);
  SignIn *s = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                               &error);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(SoupMessage) count = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *path = NULL;
  JsonObject *answer = NULL;
  const char *token = NULL;
  const char *data_text;
  GCancellable *cancellable;
  gsize len = 0;

  /* nothing here changes the state: until the user joins, this database is as it was */
  if (bytes == NULL)
    {
      g_task_return_error (task, describe_transport_error (self, s->server, error));
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)))
    {
      g_autofree char *text = server_message (msg, bytes, NULL);

      /* Translators: the server's address, then its explanation */
      g_task_return_new_error (task, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_REFUSED,
                               _("%s refused to sign you in: %s"), s->server, text);
      return;
    }
  data_text = g_bytes_get_data (bytes, &len);
  root = pw_json_parse_guarded (data_text, len, PW_SYNC_MAX_BODY, PW_SYNC_MAX_DEPTH, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      answer = json_node_get_object (root);
      token = json_object_get_string_member_with_default (answer, "token", NULL);
    }
  if (token == NULL || *token == '\0')
    {
      g_task_return_new_error (task, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_BAD_ANSWER,
                               _("The answer of %s to signing in could not be read"), s->server);
      return;
    }
  s->token = g_strdup (token);
  s->counts.server_parks = count_granted_parks (answer);
  s->counts.server_records = -1;
  if (!pw_sync_client_count_records (self->store, &s->counts.local_parks,
                                     &s->counts.local_records, &error))
    {
      g_autoptr(SignIn) dropped = g_new0 (SignIn, 1);

      *dropped = *s;
      memset (s, 0, sizeof *s);
      revoke_sign_in (self, g_steal_pointer (&dropped));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* records this server never had: the user says whether they go up or give way */
  joined = meta_get (self->store, "sync_server");
  s->counts.ask = s->counts.local_records > 0 && g_strcmp0 (joined, s->server) != 0;
  if (!s->counts.ask)
    {
      hold_sign_in (self, task);
      return;
    }
  /* the first page of a bootstrap, one record long, says what the server's copy holds */
  path = g_strdup_printf ("/v1/sync/bootstrap?limit=1&schema_version=%d", PW_SYNC_SCHEMA_VERSION);
  count = new_request (self, "GET", s->server, path, s->token, NULL);
  if (count == NULL)
    {
      hold_sign_in (self, task);
      return;
    }
  cancellable = g_task_get_cancellable (task);
  soup_session_send_and_read_async (self->session, count, G_PRIORITY_DEFAULT, cancellable,
                                    counted_cb, g_steal_pointer (&task));
}

void
pw_sync_service_connect_async (PwSyncService *self, const char *server, const char *user,
                               const char *password, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *synced_with = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  SignIn *s;

  g_return_if_fail (PW_IS_SYNC_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pw_sync_service_connect_async);

  address = normalise_server (server, &error);
  if (address == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (user == NULL || *user == '\0' || password == NULL || *password == '\0')
    {
      g_task_return_new_error (task, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_REFUSED,
                               _("Enter a user name and a password"));
      return;
    }
  synced_with = meta_get (self->store, "sync_server");
  if (synced_with != NULL && !g_str_equal (synced_with, address)
      && (pw_sync_client_get_cursor (self->store) > 0
          || meta_has (self->store, "sync_bootstrapped")))
    {
      g_task_return_new_error (task, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_OTHER_SERVER,
                               _("This database is a copy of the park on %s. Open another database to work with %s."),
                               synced_with, address);
      return;
    }

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "user");
  json_builder_add_string_value (b, user);
  json_builder_set_member_name (b, "password");
  json_builder_add_string_value (b, password);
  json_builder_set_member_name (b, "schema_version");
  json_builder_add_int_value (b, PW_SYNC_SCHEMA_VERSION);
  json_builder_end_object (b);
  node = json_builder_get_root (b);

  msg = new_request (self, "POST", address, "/v1/session", NULL, json_to_string (node, FALSE));
  json_node_unref (g_steal_pointer (&node));
  g_clear_object (&b);
  if (msg == NULL)
    {
      g_task_return_new_error (task, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_ADDRESS,
                               _("“%s” is not a server address"), address);
      return;
    }
  s = g_new0 (SignIn, 1);
  s->server = g_steal_pointer (&address);
  s->user = g_strdup (user);
  g_task_set_task_data (task, s, (GDestroyNotify) sign_in_free);
  set_untrusted (self, NULL);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    connected_cb, g_steal_pointer (&task));
}

gboolean
pw_sync_service_connect_finish (PwSyncService *self, GAsyncResult *result,
                                PwSyncJoinCounts *counts, GError **error)
{
  g_autofree PwSyncJoinCounts *got = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  got = g_task_propagate_pointer (G_TASK (result), error);
  if (got == NULL)
    return FALSE;
  if (counts != NULL)
    *counts = *got;
  return TRUE;
}

void
pw_sync_service_cancel_join (PwSyncService *self)
{
  g_return_if_fail (PW_IS_SYNC_SERVICE (self));
  revoke_sign_in (self, g_steal_pointer (&self->held));
}

gboolean
pw_sync_service_is_joining (PwSyncService *self)
{
  g_return_val_if_fail (PW_IS_SYNC_SERVICE (self), FALSE);
  return self->held != NULL;
}

static void
keyring_stored_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  PwSyncService *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!pw_sync_secret_store_finish (result, &error))
    {
      /* the session works for now; it will not survive a restart */
      g_warning ("Could not keep the session in the keyring: %s", error->message);
    }
  g_task_return_boolean (task, TRUE);
  sync_quietly (self);
}

void
pw_sync_service_join_async (PwSyncService *self, PwSyncJoin how, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SignIn) s = NULL;

  g_return_if_fail (PW_IS_SYNC_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pw_sync_service_join_async);
  if (self->held == NULL)
    {
      g_task_return_new_error (task, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_SIGNED_OUT,
                               _("Sign in to the server first"));
      return;
    }
  s = g_steal_pointer (&self->held);
  if ((how == PW_SYNC_JOIN_REPLACE && !pw_sync_client_reset (self->store, &error))
      || !meta_set (self->store, "sync_server", s->server, &error)
      || !meta_set (self->store, "sync_user", s->user, &error))
    {
      /* the session is still good: the user may choose again */
      self->held = g_steal_pointer (&s);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_strcmp0 (self->server, s->server) != 0)
    {
      g_free (self->server);
      self->server = g_strdup (s->server);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER]);
    }
  if (g_strcmp0 (self->user, s->user) != 0)
    {
      g_free (self->user);
      self->user = g_strdup (s->user);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
    }
  /* a new session replaces the old one */
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  self->token = g_steal_pointer (&s->token);
  update_counts (self);
  set_state (self, PW_SYNC_STATE_SYNCED, NULL);
  if (self->use_keyring)
    {
      pw_sync_secret_store_async (self->server, self->user, self->token, NULL,
                                  keyring_stored_cb, g_steal_pointer (&task));
      return;
    }
  g_task_return_boolean (task, TRUE);
  sync_quietly (self);
}

gboolean
pw_sync_service_join_finish (PwSyncService *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
sign_in_joined_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;

  if (pw_sync_service_join_finish (PW_SYNC_SERVICE (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
sign_in_connected_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  PwSyncService *self = PW_SYNC_SERVICE (source);
  GCancellable *cancellable;
  GError *error = NULL;

  if (!pw_sync_service_connect_finish (self, result, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  cancellable = g_task_get_cancellable (task);
  pw_sync_service_join_async (self, PW_SYNC_JOIN_UPLOAD, cancellable, sign_in_joined_cb,
                              g_steal_pointer (&task));
}

void
pw_sync_service_sign_in_async (PwSyncService *self, const char *server, const char *user,
                               const char *password, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task;

  g_return_if_fail (PW_IS_SYNC_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pw_sync_service_sign_in_async);
  pw_sync_service_connect_async (self, server, user, password, cancellable,
                                 sign_in_connected_cb, task);
}

gboolean
pw_sync_service_sign_in_finish (PwSyncService *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
keyring_cleared_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;

  if (!pw_sync_secret_clear_finish (result, &error))
    g_warning ("Could not remove the session from the keyring: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

static void
sign_out_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  PwSyncService *self = g_task_get_source_object (task);
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                               NULL);

  /* whatever the server said, this desktop forgets the session */
  if (self->use_keyring && self->server != NULL && self->user != NULL)
    {
      pw_sync_secret_clear_async (self->server, self->user, NULL, keyring_cleared_cb,
                                  g_steal_pointer (&task));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
pw_sync_service_sign_out_async (PwSyncService *self, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupMessage) msg = NULL;

  g_return_if_fail (PW_IS_SYNC_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pw_sync_service_sign_out_async);
  pw_sync_service_cancel_join (self);
  if (self->server != NULL && self->token != NULL)
    msg = new_request (self, "DELETE", self->server, "/v1/session", self->token, NULL);
  if (self->token != NULL)
    {
      memset (self->token, 0, strlen (self->token));
      g_clear_pointer (&self->token, g_free);
    }
  set_state (self, self->server ? PW_SYNC_STATE_SIGNED_OUT : PW_SYNC_STATE_OFF, NULL);
  if (msg != NULL)
    {
      soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                        sign_out_cb, g_steal_pointer (&task));
      return;
    }
  if (self->use_keyring && self->server != NULL && self->user != NULL)
    {
      pw_sync_secret_clear_async (self->server, self->user, NULL, keyring_cleared_cb,
                                  g_steal_pointer (&task));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

gboolean
pw_sync_service_sign_out_finish (PwSyncService *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- starting and the automatic rounds ---------------------------------------------- */

static void
token_found_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(PwSyncService) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = pw_sync_secret_lookup_finish (result, &error);

  if (error != NULL)
    g_warning ("Could not read the session from the keyring: %s", error->message);
  if (token == NULL)
    {
      if (self->token == NULL)
        set_state (self, PW_SYNC_STATE_SIGNED_OUT, NULL);
      return;
    }
  if (self->token == NULL)
    self->token = g_steal_pointer (&token);
  sync_quietly (self);
}

void
pw_sync_service_start (PwSyncService *self)
{
  g_return_if_fail (PW_IS_SYNC_SERVICE (self));

  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->pin, g_free);
  self->server = meta_get (self->store, "sync_server");
  self->user = meta_get (self->store, "sync_user");
  self->pin = meta_get (self->store, "sync_pin");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
  update_counts (self);
  if (self->server == NULL)
    {
      set_state (self, PW_SYNC_STATE_OFF, NULL);
      return;
    }
  if (self->token != NULL)
    {
      sync_quietly (self);
      return;
    }
  set_state (self, PW_SYNC_STATE_SIGNED_OUT, NULL);
  if (self->use_keyring && self->user != NULL)
    pw_sync_secret_lookup_async (self->server, self->user, NULL, token_found_cb,
                                 g_object_ref (self));
}

static gboolean
debounce_cb (gpointer data)
{
  PwSyncService *self = data;

  self->debounce_id = 0;
  sync_quietly (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (PwStore *store, PwSyncService *self)
{
  update_counts (self);
  if (self->pending > 0 && self->token != NULL && self->debounce_id == 0)
    self->debounce_id = g_timeout_add_seconds (DEBOUNCE_SECONDS, debounce_cb, self);
}

static gboolean
period_cb (gpointer data)
{
  sync_quietly (data);
  return G_SOURCE_CONTINUE;
}

static void
network_cb (GNetworkMonitor *monitor, GParamSpec *pspec, PwSyncService *self)
{
  if (self->server == NULL || self->token == NULL)
    return;
  if (g_network_monitor_get_network_available (monitor))
    sync_quietly (self);
  else if (self->round == NULL)
    set_state (self, PW_SYNC_STATE_OFFLINE, _("The network is not available"));
}

void
pw_sync_service_set_automatic (PwSyncService *self, guint period_seconds)
{
  g_return_if_fail (PW_IS_SYNC_SERVICE (self));

  g_clear_handle_id (&self->period_id, g_source_remove);
  self->period = period_seconds;
  if (period_seconds > 0)
    self->period_id = g_timeout_add_seconds (period_seconds, period_cb, self);
  if (self->changed_id == 0)
    self->changed_id = g_signal_connect (self->store, "changed", G_CALLBACK (store_changed_cb),
                                         self);
  if (self->monitor == NULL)
    {
      self->monitor = g_object_ref (g_network_monitor_get_default ());
      self->network_id = g_signal_connect (self->monitor, "notify::network-available",
                                           G_CALLBACK (network_cb), self);
    }
}

/* ---- the object -------------------------------------------------------------------- */

PwSyncService *
pw_sync_service_new (PwStore *store, gboolean use_keyring)
{
  PwSyncService *self;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);

  self = g_object_new (PW_TYPE_SYNC_SERVICE, NULL);
  self->store = g_object_ref (store);
  self->use_keyring = use_keyring;
  self->pin = meta_get (store, "sync_pin");
  return self;
}

PwStore *
pw_sync_service_get_store (PwSyncService *self)
{
  g_return_val_if_fail (PW_IS_SYNC_SERVICE (self), NULL);
  return self->store;
}

PwSyncState
pw_sync_service_get_state (PwSyncService *self)
{
  g_return_val_if_fail (PW_IS_SYNC_SERVICE (self), PW_SYNC_STATE_OFF);
  return self->state;
}

const char *
pw_sync_service_get_message (PwSyncService *self)
{
  g_return_val_if_fail (PW_IS_SYNC_SERVICE (self), NULL);
  return self->message;
}

const char *
pw_sync_service_get_server (PwSyncService *self)
{
  g_return_val_if_fail (PW_IS_SYNC_SERVICE (self), NULL);
  return self->server;
}

const char *
pw_sync_service_get_user (PwSyncService *self)
{
  g_return_val_if_fail (PW_IS_SYNC_SERVICE (self), NULL);
  return self->user;
}

gint64
pw_sync_service_get_pending (PwSyncService *self)
{
  g_return_val_if_fail (PW_IS_SYNC_SERVICE (self), 0);
  return self->pending;
}

guint
pw_sync_service_get_conflicts (PwSyncService *self)
{
  g_return_val_if_fail (PW_IS_SYNC_SERVICE (self), 0);
  return self->conflicts;
}

const char *
pw_sync_service_get_pin (PwSyncService *self)
{
  g_return_val_if_fail (PW_IS_SYNC_SERVICE (self), NULL);
  return self->pin;
}

const char *
pw_sync_service_get_untrusted_fingerprint (PwSyncService *self)
{
  g_return_val_if_fail (PW_IS_SYNC_SERVICE (self), NULL);
  return self->untrusted;
}

static void
pw_sync_service_dispose (GObject *object)
{
  PwSyncService *self = PW_SYNC_SERVICE (object);

  g_clear_handle_id (&self->period_id, g_source_remove);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_signal_handler (&self->network_id, self->monitor);
  g_clear_object (&self->monitor);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pw_sync_service_parent_class)->dispose (object);
}

static void
pw_sync_service_finalize (GObject *object)
{
  PwSyncService *self = PW_SYNC_SERVICE (object);

  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_clear_pointer (&self->held, sign_in_free);
  g_free (self->message);
  g_free (self->server);
  g_free (self->user);
  g_free (self->pin);
  g_free (self->untrusted);
  g_ptr_array_unref (self->waiting);
  G_OBJECT_CLASS (pw_sync_service_parent_class)->finalize (object);
}

static void
pw_sync_service_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PwSyncService *self = PW_SYNC_SERVICE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_SERVER:
      g_value_set_string (value, self->server);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_PENDING:
      g_value_set_int64 (value, self->pending);
      break;
    case PROP_CONFLICTS:
      g_value_set_uint (value, self->conflicts);
      break;
    case PROP_UNTRUSTED_FINGERPRINT:
      g_value_set_string (value, self->untrusted);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_sync_service_class_init (PwSyncServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = pw_sync_service_dispose;
  object_class->finalize = pw_sync_service_finalize;
  object_class->get_property = pw_sync_service_get_property;

  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, PW_TYPE_SYNC_STATE,
                                              PW_SYNC_STATE_OFF, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_SERVER] = g_param_spec_string ("server", NULL, NULL, NULL, flags);
  properties[PROP_USER] = g_param_spec_string ("user", NULL, NULL, NULL, flags);
  properties[PROP_PENDING] = g_param_spec_int64 ("pending", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CONFLICTS] = g_param_spec_uint ("conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                                                  flags);
  properties[PROP_UNTRUSTED_FINGERPRINT] = g_param_spec_string ("untrusted-fingerprint", NULL,
                                                                NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_sync_service_init (PwSyncService *self)
{
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  self->session = soup_session_new_with_options ("timeout", 60, "idle-timeout", 60,
                                                 "user-agent", "Parkwise/" PACKAGE_VERSION,
                                                 NULL);
}
