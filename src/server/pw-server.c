/* pw-server.c — parkwise-server's HTTPS API: the object, routing and shared checks
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The transport (pw-server-http.c, libmicrohttpd) bounds connections, timeouts and bodies;
 * handlers here, in pw-server-session.c and pw-server-sync.c run in the server's main
 * context, one at a time.
 * Invariants:
 *  1. Every response is JSON; every refusal is {"error":{"code","message"}} with a 4xx.
 *  2. Every route except POST /v1/session needs a valid session; a session is known by the
 *     SHA-256 of its token, expires when idle and at an absolute limit, and dies with its
 *     user's account.
 *  3. Password checks (argon2id, tens of milliseconds) run in worker threads; an unknown
 *     account costs the same check against a dummy hash.
 *  4. Failed sign-ins are limited per (account, address) and per address, which refuse
 *     with 429, and per account over all addresses, which only delays (up to a bound): a
 *     guesser on one address cannot lock the real user out from another.
 *  5. Pushes are limited per user and per address (429 with Retry-After).
 *  6. Security events never carry a password or a token. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>

#include "pw-server.h"
#include "pw-server-cert.h"
#include "pw-server-error.h"
#include "pw-server-password.h"
#include "pw-server-private.h"

#define MAX_RATE_KEYS      100000
#define HTTP_THREADS       4
#define HTTP_BACKLOG       1024

G_DEFINE_FINAL_TYPE (PwServer, pw_server, G_TYPE_OBJECT)

/* ---- TLS and set-up ------------------------------------------------------------ */

void
pw_server_tls_init (void)
{
  /* glib-networking reads this once, when its first TLS connection is made */
  g_setenv ("G_TLS_GNUTLS_PRIORITY", "NORMAL:%COMPAT:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2", TRUE);
}

gboolean
pw_server_init_dir (const char *dir, const char *host, char **fingerprint, GError **error)
{
  g_autoptr(PwServerConfig) config = pw_server_config_new_default (dir);
  g_autofree char *db_path = pw_server_config_db_path (config);
  g_autofree char *conf_path = pw_server_config_path (config->dir);
  g_autoptr(PwServerDb) db = NULL;

  if (g_file_test (db_path, G_FILE_TEST_EXISTS) || g_file_test (conf_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_EXISTS,
                   _("%s already holds a Parkwise server; nothing was changed"), config->dir);
      return FALSE;
    }
  if (g_mkdir_with_parents (config->dir, 0700) != 0 || g_chmod (config->dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   _("Could not create %s: %s"), config->dir, g_strerror (errno));
      return FALSE;
    }
  db = pw_server_db_open (db_path, error);
  if (db == NULL)
    return FALSE;
  /* the accounts' hashes live here: nobody else reads it (its -wal and -shm follow) */
  if (g_chmod (db_path, 0600) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   _("Could not protect %s: %s"), db_path, g_strerror (errno));
      return FALSE;
    }
  if (!pw_server_config_save (config, error)
      || !pw_server_cert_generate (host, config->certificate, config->key, error))
    return FALSE;
  if (fingerprint != NULL)
    {
      *fingerprint = pw_server_cert_fingerprint_of_file (config->certificate, error);
      if (*fingerprint == NULL)
        return FALSE;
    }
  return TRUE;
}

/* ---- logging --------------------------------------------------------------------- */

void
pw_server_log_security (PwServerDb *db, const char *event, const char *user_name,
                        const char *address, const char *detail)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *user_esc = user_name ? g_strescape (user_name, NULL) : g_strdup ("-");
  g_autofree char *detail_esc = detail ? g_strescape (detail, NULL) : g_strdup ("");

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                    "PARKWISE_EVENT", event,
                    "PARKWISE_USER", user_esc,
                    "PARKWISE_ADDRESS", address ? address : "-",
                    "MESSAGE", "security: %s user=%s address=%s %s", event, user_esc,
                    address ? address : "-", detail_esc);
  if (db != NULL && !pw_server_db_log_event (db, event, user_name, address, detail, &error))
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL,
                      "MESSAGE", "could not write the security log: %s", error->message);
}

/* ---- responses ------------------------------------------------------------------- */

void
pw_server_send_json (PwHttpRequest *msg, guint status, JsonNode *node)
{
  char *text = json_to_string (node, FALSE);

  pw_http_request_set_response (msg, status, "application/json", text, strlen (text));
}

void
pw_server_send_error (PwHttpRequest *msg, guint status, const char *code, const char *message)
{
  char *body = pw_http_error_body (code, message);

  pw_http_request_set_response (msg, status, "application/json", body, strlen (body));
}

/* An error of the sync engine (or any other) as its status and code. */
void
pw_server_send_gerror (PwHttpRequest *msg, const GError *error)
{
  if (error->domain == PW_SYNC_ERROR)
    {
      guint status = pw_sync_error_http_status (error->code);

      if (status >= 500)
        {
          g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                            "MESSAGE", "a request failed on the server: %s", error->message);
          pw_server_send_error (msg, 500, "server_error",
                                _("The server could not complete the request; try again"));
          return;
        }
      pw_server_send_error (msg, status, pw_sync_error_code_name (error->code), error->message);
      return;
    }
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                    "MESSAGE", "a request failed on the server: %s", error->message);
  pw_server_send_error (msg, 500, "server_error",
                        _("The server could not complete the request; try again"));
}

void
pw_server_send_retry_after (PwHttpRequest *msg, gint64 wait_us, const char *message)
{
  gint64 seconds = MAX ((wait_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC, 1);
  g_autofree char *secs = g_strdup_printf ("%" G_GINT64_FORMAT, seconds);

  pw_server_send_error (msg, 429, "rate_limited", message);
  pw_http_request_set_header (msg, "Retry-After", secs);
}

/* ---- requests ---------------------------------------------------------------------- */

static char *
client_address (PwServer *self, PwHttpRequest *msg)
{
  const char *peer = pw_http_request_get_peer (msg);
  const char *forwarded;

  if (peer == NULL)
    return g_strdup ("-");
  forwarded = pw_http_request_get_header (msg, "X-Forwarded-For");
  if (forwarded != NULL && g_strv_contains ((const char *const *) self->config->trusted_proxies,
                                            peer))
    {
      /* the last hop is the one our proxy added */
      const char *last = strrchr (forwarded, ',');
      g_autofree char *candidate = g_strstrip (g_strdup (last ? last + 1 : forwarded));
      g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (candidate);

      if (inet != NULL)
        return g_inet_address_to_string (inet);
    }
  return g_strdup (peer);
}

static gboolean
check_schema_version (PwHttpRequest *msg, gint64 version, gboolean present)
{
  g_autofree char *message = NULL;

  if (present && version >= MIN_CLIENT_SCHEMA && version <= MAX_CLIENT_SCHEMA)
    return TRUE;
  if (!present)
    message = g_strdup_printf (_("The request does not say which schema_version the client "
                                 "speaks; this server speaks %d"), MAX_CLIENT_SCHEMA);
  else
    {
      g_autofree char *sent = g_strdup_printf ("%" G_GINT64_FORMAT, version);
      /* Translators: the client's schema version, then the server's */
      message = g_strdup_printf (_("This client speaks schema_version %s; this server speaks "
                                   "%d. Update Parkwise on the client or the server."),
                                 sent, MAX_CLIENT_SCHEMA);
    }
  pw_server_send_error (msg, 400, "unsupported_client", message);
  return FALSE;
}

/* The schema_version query parameter; @required for the sync routes, optional (but
 * checked when given) for the session's own. */
gboolean
pw_server_check_query_schema_version_full (PwHttpRequest *msg, GHashTable *query,
                                           gboolean required)
{
  const char *text = query ? g_hash_table_lookup (query, "schema_version") : NULL;
  gint64 version = 0;

  if (text == NULL && !required)
    return TRUE;
  if (text != NULL && !g_ascii_string_to_signed (text, 10, 0, G_MAXINT32, &version, NULL))
    version = -1;
  return check_schema_version (msg, version, text != NULL);
}

gboolean
pw_server_check_query_schema_version (PwHttpRequest *msg, GHashTable *query)
{
  return pw_server_check_query_schema_version_full (msg, query, TRUE);
}

gboolean
pw_server_check_json_type (PwHttpRequest *msg)
{
  g_autofree char *type = pw_http_request_get_content_type (msg);

  if (type == NULL || g_ascii_strcasecmp (type, "application/json") != 0)
    {
      pw_server_send_error (msg, 415, "unsupported_media_type",
                            _("The request body must be application/json"));
      return FALSE;
    }
  return TRUE;
}

/* Refuses query parameters other than @allowed (a NULL-terminated list). */
gboolean
pw_server_check_query (PwHttpRequest *msg, GHashTable *query, const char *const *allowed)
{
  GHashTableIter iter;
  gpointer key;

  if (query == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_strv_contains (allowed, key))
      {
        g_autofree char *name = g_strescape (key, NULL);
        /* Translators: %s is a query parameter of the request's address */
        g_autofree char *message = g_strdup_printf (_("Unknown parameter “%s”"), name);
        pw_server_send_error (msg, 400, "invalid_parameter", message);
        return FALSE;
      }
  return TRUE;
}

/* A whole-number query parameter in [min, max]; @dflt when absent. */
gboolean
pw_server_query_int (PwHttpRequest *msg, GHashTable *query, const char *name, gint64 min,
                     gint64 max, gint64 dflt, gint64 *out)
{
  const char *text = query ? g_hash_table_lookup (query, name) : NULL;

  *out = dflt;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_signed (text, 10, min, max, out, NULL))
    {
      g_autofree char *lo = g_strdup_printf ("%" G_GINT64_FORMAT, min);
      g_autofree char *hi = g_strdup_printf ("%" G_GINT64_FORMAT, max);
      /* Translators: a query parameter, then the smallest and largest values it takes */
      g_autofree char *message = g_strdup_printf (_("Parameter “%s” must be a whole number "
                                                    "from %s to %s"), name, lo, hi);
      pw_server_send_error (msg, 400, "invalid_parameter", message);
      return FALSE;
    }
  return TRUE;
}

/* Parses a JSON object body; answers the request itself when it cannot. */
JsonObject *
pw_server_read_json_object (PwServer *self, PwHttpRequest *msg)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!pw_server_check_json_type (msg))
    return NULL;
  bytes = pw_http_request_get_body (msg);
  root = pw_json_parse_guarded (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                self->config->max_body, PW_SYNC_MAX_DEPTH, &error);
  if (root == NULL)
    {
      pw_server_send_gerror (msg, error);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      pw_server_send_error (msg, 422, "invalid",
                            _("The request body must be a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

gboolean
pw_server_invalid_field (PwHttpRequest *msg, const char *field, const char *why)
{
  /* Translators: a JSON member of the request, then what is wrong with it */
  g_autofree char *message = g_strdup_printf (_("Field “%s”: %s"), field, why);

  pw_server_send_error (msg, 422, "invalid", message);
  return FALSE;
}

/* Only the named members, each present and of the expected kind. */
gboolean
pw_server_check_members (PwHttpRequest *msg, JsonObject *obj, const char *const *allowed)
{
  g_autoptr(GList) names = json_object_get_members (obj);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *name = g_strescape (l->data, NULL);
        return pw_server_invalid_field (msg, name, _("unknown field"));
      }
  return TRUE;
}

const char *
pw_server_string_member (PwHttpRequest *msg, JsonObject *obj, const char *name, gsize max_len)
{
  JsonNode *node = json_object_get_member (obj, name);
  const char *value;

  if (node == NULL)
    {
      pw_server_invalid_field (msg, name, _("missing"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      pw_server_invalid_field (msg, name, _("must be a string"));
      return NULL;
    }
  value = json_node_get_string (node);
  if (*value == '\0' || strlen (value) > max_len)
    {
      g_autofree char *why = g_strdup_printf (_("must be 1 to %zu bytes long"), max_len);
      pw_server_invalid_field (msg, name, why);
      return NULL;
    }
  return value;
}

gboolean
pw_server_body_schema_version (PwHttpRequest *msg, JsonObject *obj)
{
  JsonNode *node = json_object_get_member (obj, "schema_version");

  if (node == NULL)
    return check_schema_version (msg, 0, FALSE);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return pw_server_invalid_field (msg, "schema_version", _("must be a whole number"));
  return check_schema_version (msg, json_node_get_int (node), TRUE);
}


/* ---- routing ------------------------------------------------------------------------- */

typedef enum {
  ROUTE_SESSION,
  ROUTE_PUSH,
  ROUTE_PULL,
  ROUTE_BOOTSTRAP,
} RouteId;

typedef struct
{
  const char *path;
  RouteId     id;
  const char *methods;  /* the Allow header */
} Route;

static const Route routes[] = {
  { "/v1/session", ROUTE_SESSION, "GET, POST, DELETE" },
  { "/v1/sync/push", ROUTE_PUSH, "POST" },
  { "/v1/sync/pull", ROUTE_PULL, "GET" },
  { "/v1/sync/bootstrap", ROUTE_BOOTSTRAP, "GET" },
};

static void
handler_cb (PwHttpRequest *msg, gpointer data)
{
  PwServer *self = data;
  const char *method = pw_http_request_get_method (msg);
  const char *path = pw_http_request_get_path (msg);
  GHashTable *query = pw_http_request_get_query (msg);
  const Route *route = NULL;
  g_autofree char *address = client_address (self, msg);

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (g_strcmp0 (path, routes[i].path) == 0)
      route = &routes[i];
  if (route == NULL)
    {
      pw_server_send_error (msg, 404, "not_found", _("There is no such resource"));
      return;
    }

  switch (route->id)
    {
    case ROUTE_SESSION:
      if (g_str_equal (method, "POST"))
        {
          pw_server_handle_sign_in (self, msg, address);
          return;
        }
      if (g_str_equal (method, "GET"))
        {
          pw_server_handle_session_info (self, msg, query, address);
          return;
        }
      if (g_str_equal (method, "DELETE"))
        {
          pw_server_handle_sign_out (self, msg, query, address);
          return;
        }
      break;

    case ROUTE_PUSH:
    case ROUTE_PULL:
    case ROUTE_BOOTSTRAP:
      if ((route->id == ROUTE_PUSH && g_str_equal (method, "POST"))
          || (route->id != ROUTE_PUSH && g_str_equal (method, "GET")))
        {
          /* every sync request is authorised against its session and grants */
          g_autoptr(PwServerUser) user = pw_server_authenticate (self, msg, address, NULL);

          if (user == NULL)
            return;
          if (route->id == ROUTE_PUSH)
            pw_server_handle_push (self, msg, query, user, address);
          else if (route->id == ROUTE_PULL)
            pw_server_handle_pull (self, msg, query, user);
          else
            pw_server_handle_bootstrap (self, msg, query, user);
          return;
        }
      break;
    }

  pw_http_request_set_header (msg, "Allow", route->methods);
  pw_server_send_error (msg, 405, "method_not_allowed",
                        _("This method is not allowed here"));
}

/* ---- the object ---------------------------------------------------------------------- */

PwServer *
pw_server_new (const char *dir, GError **error)
{
  g_autoptr(PwServer) self = g_object_new (PW_TYPE_SERVER, NULL);
  g_autofree char *db_path = NULL;
  PwServerConfig *c;

  self->config = pw_server_config_load (dir, error);
  if (self->config == NULL)
    return NULL;
  c = self->config;
  self->certificate = g_tls_certificate_new_from_files (c->certificate, c->key, error);
  if (self->certificate == NULL)
    return NULL;
  /* libmicrohttpd takes them in memory */
  if (!g_file_get_contents (c->certificate, &self->certificate_pem, NULL, error)
      || !g_file_get_contents (c->key, &self->key_pem, NULL, error))
    return NULL;
  db_path = pw_server_config_db_path (c);
  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_NOT_FOUND,
                   _("There is no server database at %s; run parkwise-server init first"),
                   db_path);
      return NULL;
    }
  self->db = pw_server_db_open (db_path, error);
  if (self->db == NULL)
    return NULL;

  self->pair_limit = pw_rate_limit_new (c->pair_burst, c->pair_interval, MAX_RATE_KEYS);
  self->address_limit = pw_rate_limit_new (c->address_burst, c->address_interval,
                                           MAX_RATE_KEYS);
  self->account_limit = pw_rate_limit_new (c->account_burst, c->account_interval,
                                           MAX_RATE_KEYS);
  self->push_user_limit = pw_rate_limit_new (c->push_user_burst, c->push_user_interval,
                                             MAX_RATE_KEYS);
  self->push_address_limit = pw_rate_limit_new (c->push_address_burst,
                                                c->push_address_interval, MAX_RATE_KEYS);
  self->denied_log_limit = pw_rate_limit_new (20, 6, MAX_RATE_KEYS);
  self->failures = pw_server_new_failure_table ();
  self->known_addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!pw_server_load_known_addresses (self, error))
    return NULL;
  pw_password_prepare_dummy ();
  return g_steal_pointer (&self);
}

/* Forgets changes older than change_log_keep (their cursors then get 410) and sessions
 * nobody can use any more. */
static gboolean
housekeeping_cb (gpointer data)
{
  PwServer *self = data;
  g_autoptr(GError) error = NULL;
  gint64 changes, sessions;

  changes = pw_sync_server_prune (pw_server_db_get_store (self->db),
                                  self->config->change_log_keep, &error);
  if (changes < 0)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                      "MESSAGE", "could not prune the change log: %s", error->message);
  else if (changes > 0)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                      "MESSAGE", "forgot %" G_GINT64_FORMAT " changes from the change log",
                      changes);
  g_clear_error (&error);
  sessions = pw_server_db_prune_sessions (self->db, g_get_real_time (),
                                          self->config->session_idle * G_USEC_PER_SEC,
                                          self->config->session_absolute * G_USEC_PER_SEC,
                                          &error);
  if (sessions < 0)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                      "MESSAGE", "could not remove expired sessions: %s", error->message);
  return G_SOURCE_CONTINUE;
}

static gboolean
flush_failures_cb (gpointer data)
{
  pw_server_flush_failures (data);
  return G_SOURCE_CONTINUE;
}

/* Each connection costs a descriptor; ask for as many as the system allows. */
static void
raise_file_limit (void)
{
  struct rlimit rl;

  if (getrlimit (RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max)
    {
      rl.rlim_cur = rl.rlim_max;
      setrlimit (RLIMIT_NOFILE, &rl);
    }
}

static GSource *
attach_every (PwServer *self, guint seconds, GSourceFunc func)
{
  GSource *source = g_timeout_source_new_seconds (seconds);

  g_source_set_callback (source, func, self, NULL);
  g_source_attach (source, self->context);
  return source;
}

gboolean
pw_server_listen (PwServer *self, GError **error)
{
  PwServerConfig *c = self->config;
  PwHttpOptions options = {
    .address = c->address,
    .port = c->port,
    .certificate_pem = self->certificate_pem,
    .key_pem = self->key_pem,
    .max_body = c->max_body,
    .idle_timeout = c->idle_timeout,
    .request_timeout = c->request_timeout,
    .max_connections = c->max_connections,
    .max_per_address = c->max_connections_per_address,
    .threads = HTTP_THREADS,
    .backlog = HTTP_BACKLOG,
  };

  if (self->http != NULL)
    return TRUE;
  raise_file_limit ();
  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  self->http = pw_http_new (&options, self->context, handler_cb, self);
  if (!pw_http_start (self->http, error))
    {
      g_clear_pointer (&self->http, pw_http_free);
      return FALSE;
    }
  self->port = pw_http_get_port (self->http);

  housekeeping_cb (self);
  self->housekeeping = attach_every (self, (guint) CLAMP (c->change_log_keep / 4, 1, 3600),
                                     housekeeping_cb);
  self->flush_failures = attach_every (self, c->failure_log_window, flush_failures_cb);
  return TRUE;
}

guint
pw_server_get_port (PwServer *self)
{
  return self->port;
}

guint
pw_server_get_connection_count (PwServer *self)
{
  return self->http ? pw_http_get_connection_count (self->http) : 0;
}

char *
pw_server_get_fingerprint (PwServer *self)
{
  return pw_server_cert_fingerprint (self->certificate);
}

PwServerConfig *
pw_server_get_config (PwServer *self)
{
  return self->config;
}

PwServerDb *
pw_server_get_db (PwServer *self)
{
  return self->db;
}

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

void
pw_server_stop (PwServer *self)
{
  clear_source (&self->housekeeping);
  clear_source (&self->flush_failures);
  if (self->http != NULL)
    pw_http_stop (self->http);
  if (self->failures != NULL && self->db != NULL)
    pw_server_flush_failures (self);
}

static void
pw_server_dispose (GObject *object)
{
  PwServer *self = PW_SERVER (object);

  pw_server_stop (self);
  g_clear_pointer (&self->http, pw_http_free);
  G_OBJECT_CLASS (pw_server_parent_class)->dispose (object);
}

static void
pw_server_finalize (GObject *object)
{
  PwServer *self = PW_SERVER (object);

  g_clear_object (&self->certificate);
  g_free (self->certificate_pem);
  if (self->key_pem != NULL)
    memset (self->key_pem, 0, strlen (self->key_pem));
  g_free (self->key_pem);
  g_clear_object (&self->db);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->pair_limit, pw_rate_limit_free);
  g_clear_pointer (&self->address_limit, pw_rate_limit_free);
  g_clear_pointer (&self->account_limit, pw_rate_limit_free);
  g_clear_pointer (&self->push_user_limit, pw_rate_limit_free);
  g_clear_pointer (&self->push_address_limit, pw_rate_limit_free);
  g_clear_pointer (&self->denied_log_limit, pw_rate_limit_free);
  g_clear_pointer (&self->failures, g_hash_table_unref);
  g_clear_pointer (&self->known_addresses, g_hash_table_unref);
  g_clear_pointer (&self->config, pw_server_config_free);
  G_OBJECT_CLASS (pw_server_parent_class)->finalize (object);
}

static void
pw_server_class_init (PwServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_server_dispose;
  object_class->finalize = pw_server_finalize;
}

static void
pw_server_init (PwServer *self)
{
}
