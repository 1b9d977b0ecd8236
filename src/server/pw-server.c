/* pw-server.c — parkwise-server's HTTPS API
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsoup's SoupServer is not meant to face untrusted clients on its own, so every input
 * is bounded here and docs/server.md puts a reverse proxy in front on the internet.
 * Invariants:
 *  1. Every response is JSON; every refusal is {"error":{"code","message"}} with a 4xx.
 *  2. A request body is refused with 413 as soon as it is known to be too large: from its
 *     Content-Length before any of it is read, or while a chunked body arrives. The
 *     connection is then taken from libsoup, answered and closed, so it cannot go on.
 *  3. Every route except POST /v1/session needs a valid session; a session is known by the
 *     SHA-256 of its token, expires when idle and at an absolute limit, and dies with its
 *     user's account.
 *  4. Password checks (argon2id, tens of milliseconds) run in worker threads; an unknown
 *     account costs the same check against a dummy hash.
 *  5. Failed sign-ins are limited per (account, address) and per address, which refuse
 *     with 429, and per account over all addresses, which only delays (up to a bound): a
 *     guesser on one address cannot lock the real user out from another.
 *  6. Security events never carry a password or a token. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pw-server.h"
#include "pw-server-cert.h"
#include "pw-server-error.h"
#include "pw-server-password.h"
#include "pw-server-ratelimit.h"
#include "pw-sync.h"

#define TOKEN_BYTES        32          /* 256 random bits */
#define TOKEN_TEXT_MAX     128
#define MAX_RATE_KEYS      100000
#define LINGER_BYTES       (4 * 1024 * 1024)
#define LINGER_SECONDS     2

/* The sync protocol versions this server speaks with clients. */
#define MIN_CLIENT_SCHEMA  PW_SYNC_SCHEMA_VERSION
#define MAX_CLIENT_SCHEMA  PW_SYNC_SCHEMA_VERSION

struct _PwServer
{
  GObject         parent_instance;
  PwServerConfig *config;
  PwServerDb     *db;
  GTlsCertificate *certificate;
  SoupServer     *soup;
  PwRateLimit    *pair_limit;
  PwRateLimit    *address_limit;
  PwRateLimit    *account_limit;
  PwRateLimit    *denied_log_limit; /* refusals logged per address */
  GSource        *housekeeping;     /* prunes the change log and dead sessions */
  guint           port;
};

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

static void
set_common_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (h, "Cache-Control", "no-store");
  soup_message_headers_replace (h, "X-Content-Type-Options", "nosniff");
}

static void
send_json (SoupServerMessage *msg, guint status, JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);
  gsize len = strlen (text);

  set_common_headers (msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&text), len);
}

static JsonNode *
error_node (const char *code, const char *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, code);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
send_error (SoupServerMessage *msg, guint status, const char *code, const char *message)
{
  g_autoptr(JsonNode) node = error_node (code, message);

  send_json (msg, status, node);
}

/* An error of the sync engine (or any other) as its status and code. */
static void
send_gerror (SoupServerMessage *msg, const GError *error)
{
  if (error->domain == PW_SYNC_ERROR)
    {
      guint status = pw_sync_error_http_status (error->code);

      if (status >= 500)
        {
          g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                            "MESSAGE", "a request failed on the server: %s", error->message);
          send_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "server_error",
                      _("The server could not complete the request; try again"));
          return;
        }
      send_error (msg, status, pw_sync_error_code_name (error->code), error->message);
      return;
    }
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                    "MESSAGE", "a request failed on the server: %s", error->message);
  send_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "server_error",
              _("The server could not complete the request; try again"));
}

static void
send_retry_after (SoupServerMessage *msg, gint64 wait_us)
{
  g_autofree char *secs = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           MAX ((wait_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC, 1));

  send_error (msg, 429, "rate_limited",
              _("Too many failed sign-ins; try again later"));
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After",
                                secs);
}

/* A timeout in the context the server runs in (the thread's, in tests), not the global one. */
static guint
add_timeout (guint ms, GSourceFunc func, gpointer data)
{
  g_autoptr(GSource) source = g_timeout_source_new (ms);
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  g_source_set_callback (source, func, data, NULL);
  return g_source_attach (source, context);
}

static void
remove_timeout (guint id)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  GSource *source = g_main_context_find_source_by_id (context, id);

  if (source != NULL)
    g_source_destroy (source);
}

/* ---- refusing a body that is too large ------------------------------------------ */

typedef struct
{
  GIOStream    *stream;
  GBytes       *response;
  GCancellable *cancellable;
  guint         timeout_id;
  gsize         drained;
  guint8        buf[16384];
} Refusal;

static void
refusal_free (Refusal *r)
{
  if (r->timeout_id)
    remove_timeout (r->timeout_id);
  g_clear_object (&r->cancellable);
  g_clear_pointer (&r->response, g_bytes_unref);
  g_clear_object (&r->stream);
  g_free (r);
}

static void
refusal_closed_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
  refusal_free (data);
}

static void
refusal_close (Refusal *r)
{
  if (r->timeout_id)
    {
      remove_timeout (r->timeout_id);
      r->timeout_id = 0;
    }
  g_io_stream_close_async (r->stream, G_PRIORITY_DEFAULT, NULL, refusal_closed_cb, r);
}

static gboolean
refusal_timeout_cb (gpointer data)
{
  Refusal *r = data;

  r->timeout_id = 0;
  g_cancellable_cancel (r->cancellable);
  return G_SOURCE_REMOVE;
}

static void
refusal_drained_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Refusal *r = data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  /* read what the client still sends for a moment, so closing does not reset the
   * connection before it has read the refusal */
  if (n > 0 && r->drained + (gsize) n < LINGER_BYTES)
    {
      r->drained += (gsize) n;
      g_input_stream_read_async (g_io_stream_get_input_stream (r->stream), r->buf,
                                 sizeof r->buf, G_PRIORITY_DEFAULT, r->cancellable,
                                 refusal_drained_cb, r);
      return;
    }
  refusal_close (r);
}

static void
refusal_written_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Refusal *r = data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    {
      refusal_close (r);
      return;
    }
  r->timeout_id = add_timeout (LINGER_SECONDS * 1000, refusal_timeout_cb, r);
  g_input_stream_read_async (g_io_stream_get_input_stream (r->stream), r->buf, sizeof r->buf,
                             G_PRIORITY_DEFAULT, r->cancellable, refusal_drained_cb, r);
}

static void
refuse_and_close (SoupServerMessage *msg, guint status, const char *code, const char *message)
{
  g_autoptr(JsonNode) node = error_node (code, message);
  g_autofree char *body = json_to_string (node, FALSE);
  g_autofree char *head = NULL;
  GIOStream *stream;
  Refusal *r;

  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return;
  head = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                          "Content-Type: application/json\r\n"
                          "Content-Length: %zu\r\n"
                          "Cache-Control: no-store\r\n"
                          "Connection: close\r\n\r\n",
                          status, soup_status_get_phrase (status), strlen (body));
  r = g_new0 (Refusal, 1);
  r->stream = stream;
  r->cancellable = g_cancellable_new ();
  r->response = g_bytes_new_take (g_strconcat (head, body, NULL),
                                  strlen (head) + strlen (body));
  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream),
                                   g_bytes_get_data (r->response, NULL),
                                   g_bytes_get_size (r->response), G_PRIORITY_DEFAULT,
                                   r->cancellable, refusal_written_cb, r);
}

static void
refuse_too_large (PwServer *self, SoupServerMessage *msg)
{
  g_autofree char *limit = g_format_size_full (self->config->max_body, G_FORMAT_SIZE_IEC_UNITS);
  /* Translators: %s is a size such as "1.0 MiB" */
  g_autofree char *message = g_strdup_printf (_("The request body is larger than %s"), limit);

  refuse_and_close (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", message);
}

static void
got_chunk_cb (SoupServerMessage *msg, GBytes *chunk, gpointer data)
{
  PwServer *self = data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (body != NULL && body->length > (goffset) self->config->max_body)
    refuse_too_large (self, msg);
}

/* A client that has not sent a whole request (TLS handshake, headers and body) within
 * request_timeout is cut off: libsoup itself would wait for ever. */
static void
deadline_free (gpointer data)
{
  g_source_destroy (data);
  g_source_unref (data);
}

static gboolean
deadline_cb (gpointer data)
{
  SoupServerMessage *msg = data;
  GSocket *socket = soup_server_message_get_socket (msg);

  /* reads see the end of the stream and libsoup closes the connection itself */
  if (socket != NULL)
    g_socket_shutdown (socket, TRUE, TRUE, NULL);
  return G_SOURCE_REMOVE;
}

static void
got_body_cb (SoupServerMessage *msg, gpointer data)
{
  g_object_set_data (G_OBJECT (msg), "pw-deadline", NULL);
}

static void
request_started_cb (SoupServer *soup, SoupServerMessage *msg, gpointer data)
{
  PwServer *self = data;
  GSource *deadline = g_timeout_source_new_seconds (self->config->request_timeout);
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  g_source_set_callback (deadline, deadline_cb, msg, NULL);
  g_source_attach (deadline, context);
  g_object_set_data_full (G_OBJECT (msg), "pw-deadline", deadline, deadline_free);
  g_signal_connect (msg, "got-body", G_CALLBACK (got_body_cb), NULL);
  g_signal_connect_object (msg, "got-chunk", G_CALLBACK (got_chunk_cb), self, 0);
}

static void
early_handler_cb (SoupServer *soup, SoupServerMessage *msg, const char *path,
                  GHashTable *query, gpointer data)
{
  PwServer *self = data;
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  const char *length = soup_message_headers_get_list (h, "Content-Length");

  /* one plain decimal length, never beside a transfer coding: anything else is how
   * requests are smuggled past proxies (and a negative one upsets libsoup) */
  if (length != NULL)
    {
      gsize n = strlen (length);
      gboolean digits = n > 0 && n <= 18;

      for (gsize i = 0; digits && i < n; i++)
        digits = g_ascii_isdigit (length[i]);
      if (!digits || soup_message_headers_get_one (h, "Transfer-Encoding") != NULL)
        {
          refuse_and_close (msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
                            _("The request's Content-Length is not valid"));
          return;
        }
    }
  if (soup_message_headers_get_encoding (h) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (h) > (goffset) self->config->max_body)
    refuse_too_large (self, msg);
}

/* ---- requests ---------------------------------------------------------------------- */

static char *
client_address (PwServer *self, SoupServerMessage *msg)
{
  const char *peer = soup_server_message_get_remote_host (msg);
  const char *forwarded;

  if (peer == NULL)
    return g_strdup ("-");
  forwarded = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                             "X-Forwarded-For");
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

static char *
hash_token (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

static char *
new_token (GError **error)
{
  guint8 raw[TOKEN_BYTES];
  g_autofree char *b64 = NULL;

  if (!pw_random_bytes (raw, sizeof raw, error))
    return NULL;
  b64 = g_base64_encode (raw, sizeof raw);
  memset (raw, 0, sizeof raw);
  /* base64url without padding: safe in a header without quoting */
  for (char *p = b64; *p; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return g_steal_pointer (&b64);
}

/* The token of "Authorization: Bearer TOKEN", or NULL when absent or malformed. */
static char *
bearer_token (SoupServerMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                    "Authorization");
  const char *token;
  gsize len;

  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return NULL;
  token = value + 7;
  while (*token == ' ')
    token++;
  len = strlen (token);
  if (len == 0 || len > TOKEN_TEXT_MAX)
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (token[i]) && token[i] != '-' && token[i] != '_')
      return NULL;
  return g_strdup (token);
}

static gboolean
check_schema_version (SoupServerMessage *msg, gint64 version, gboolean present)
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
  send_error (msg, SOUP_STATUS_BAD_REQUEST, "unsupported_client", message);
  return FALSE;
}

/* The schema_version query parameter; @required for the sync routes, optional (but
 * checked when given) for the session's own. */
static gboolean
check_query_schema_version_full (SoupServerMessage *msg, GHashTable *query, gboolean required)
{
  const char *text = query ? g_hash_table_lookup (query, "schema_version") : NULL;
  gint64 version = 0;

  if (text == NULL && !required)
    return TRUE;
  if (text != NULL && !g_ascii_string_to_signed (text, 10, 0, G_MAXINT32, &version, NULL))
    version = -1;
  return check_schema_version (msg, version, text != NULL);
}

static gboolean
check_query_schema_version (SoupServerMessage *msg, GHashTable *query)
{
  return check_query_schema_version_full (msg, query, TRUE);
}

static gboolean
check_json_type (SoupServerMessage *msg)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  const char *type = soup_message_headers_get_content_type (h, NULL);

  if (type == NULL || g_ascii_strcasecmp (type, "application/json") != 0)
    {
      send_error (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                  _("The request body must be application/json"));
      return FALSE;
    }
  return TRUE;
}

/* Refuses query parameters other than @allowed (a NULL-terminated list). */
static gboolean
check_query (SoupServerMessage *msg, GHashTable *query, const char *const *allowed)
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
        send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_parameter", message);
        return FALSE;
      }
  return TRUE;
}

/* A whole-number query parameter in [min, max]; @dflt when absent. */
static gboolean
query_int (SoupServerMessage *msg, GHashTable *query, const char *name, gint64 min, gint64 max,
           gint64 dflt, gint64 *out)
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
      send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_parameter", message);
      return FALSE;
    }
  return TRUE;
}

/* Parses a JSON object body; answers the request itself when it cannot. */
static JsonObject *
read_json_object (PwServer *self, SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!check_json_type (msg))
    return NULL;
  bytes = soup_message_body_flatten (body);
  root = pw_json_parse_guarded (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                self->config->max_body, PW_SYNC_MAX_DEPTH, &error);
  if (root == NULL)
    {
      send_gerror (msg, error);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      send_error (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid",
                  _("The request body must be a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static gboolean
invalid_field (SoupServerMessage *msg, const char *field, const char *why)
{
  /* Translators: a JSON member of the request, then what is wrong with it */
  g_autofree char *message = g_strdup_printf (_("Field “%s”: %s"), field, why);

  send_error (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid", message);
  return FALSE;
}

/* Only the named members, each present and of the expected kind. */
static gboolean
check_members (SoupServerMessage *msg, JsonObject *obj, const char *const *allowed)
{
  g_autoptr(GList) names = json_object_get_members (obj);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *name = g_strescape (l->data, NULL);
        return invalid_field (msg, name, _("unknown field"));
      }
  return TRUE;
}

static const char *
string_member (SoupServerMessage *msg, JsonObject *obj, const char *name, gsize max_len)
{
  JsonNode *node = json_object_get_member (obj, name);
  const char *value;

  if (node == NULL)
    {
      invalid_field (msg, name, _("missing"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      invalid_field (msg, name, _("must be a string"));
      return NULL;
    }
  value = json_node_get_string (node);
  if (*value == '\0' || strlen (value) > max_len)
    {
      g_autofree char *why = g_strdup_printf (_("must be 1 to %zu bytes long"), max_len);
      invalid_field (msg, name, why);
      return NULL;
    }
  return value;
}

static gboolean
body_schema_version (SoupServerMessage *msg, JsonObject *obj)
{
  JsonNode *node = json_object_get_member (obj, "schema_version");

  if (node == NULL)
    return check_schema_version (msg, 0, FALSE);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid_field (msg, "schema_version", _("must be a whole number"));
  return check_schema_version (msg, json_node_get_int (node), TRUE);
}

static void add_account (JsonBuilder *b, PwServer *self, PwServerUser *user, GPtrArray *grants);

/* ---- sign-in ------------------------------------------------------------------------- */

typedef struct
{
  PwServer          *server;
  SoupServerMessage *msg;
  char              *address;
  char              *name;         /* as given */
  char              *account_key;  /* case-folded */
  char              *pair_key;
  char              *password;
  PwServerUser      *user;         /* NULL for an unknown account */
  gboolean           verified;
  gboolean           disconnected;
  gulong             disconnected_id;
} SignIn;

static void
sign_in_free (SignIn *s)
{
  if (s->disconnected_id != 0)
    g_signal_handler_disconnect (s->msg, s->disconnected_id);
  g_clear_object (&s->msg);
  g_clear_object (&s->server);
  g_free (s->address);
  g_free (s->name);
  g_free (s->account_key);
  g_free (s->pair_key);
  if (s->password != NULL)
    memset (s->password, 0, strlen (s->password));
  g_free (s->password);
  pw_server_user_free (s->user);
  g_free (s);
}

static void
sign_in_disconnected_cb (SoupServerMessage *msg, gpointer data)
{
  ((SignIn *) data)->disconnected = TRUE;
}

static void
verify_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  SignIn *s = data;

  if (s->user != NULL)
    s->verified = pw_password_verify (s->user->password, s->password);
  else
    pw_password_verify_dummy (s->password);
  memset (s->password, 0, strlen (s->password));
  g_task_return_boolean (task, TRUE);
}

static void
sign_in_release (SignIn *s)
{
  gint64 now = g_get_monotonic_time ();

  pw_rate_limit_release (s->server->pair_limit, s->pair_key, now);
  pw_rate_limit_release (s->server->address_limit, s->address, now);
  pw_rate_limit_release (s->server->account_limit, s->account_key, now);
}

static void
sign_in_respond (SignIn *s)
{
  PwServer *self = s->server;
  SoupServerMessage *msg = s->msg;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) grants = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  gint64 now;

  if (!s->verified)
    {
      pw_server_log_security (self->db, "signin_failed", s->name, s->address,
                              s->user ? "wrong password" : "unknown account");
      send_error (msg, SOUP_STATUS_UNAUTHORIZED, "invalid_credentials",
                  _("The user name or the password is wrong"));
      return;
    }
  /* a right password does not count against any limit */
  sign_in_release (s);
  if (s->user->disabled)
    {
      pw_server_log_security (self->db, "disabled", s->user->name, s->address,
                              "sign-in to a disabled account");
      send_error (msg, SOUP_STATUS_FORBIDDEN, "account_disabled",
                  _("This account has been disabled"));
      return;
    }

  now = g_get_real_time ();
  token = new_token (&error);
  if (token != NULL)
    {
      token_hash = hash_token (token);
      grants = pw_server_db_list_grants (self->db, s->user->id, &error);
    }
  if (grants == NULL
      || !pw_server_db_create_session (self->db, token_hash, s->user->id, now, s->address,
                                       &error))
    {
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                        "MESSAGE", "sign-in failed on the server: %s", error->message);
      send_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "server_error",
                  _("The server could not start a session; try again"));
      return;
    }
  pw_server_log_security (self->db, "signin_ok", s->user->name, s->address, NULL);

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "token");
  json_builder_add_string_value (b, token);
  json_builder_set_member_name (b, "expires_in");
  json_builder_add_int_value (b, self->config->session_absolute);
  {
    g_autoptr(GDateTime) end = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC
                                                              + self->config->session_absolute);
    g_autofree char *iso = g_date_time_format_iso8601 (end);
    json_builder_set_member_name (b, "expires_at");
    json_builder_add_string_value (b, iso);
  }
  add_account (b, self, s->user, grants);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  send_json (msg, SOUP_STATUS_CREATED, node);
}

static void
verify_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  SignIn *s = data;

  if (s->disconnected)
    {
      /* nobody is waiting for the answer, but a failure still counts */
      if (!s->verified)
        pw_server_log_security (s->server->db, "signin_failed", s->name, s->address,
                                "client went away");
    }
  else
    {
      sign_in_respond (s);
      soup_server_message_unpause (s->msg);
    }
  /* freed here, in the server's context: the worker may drop the task's last reference */
  sign_in_free (s);
}

static void
sign_in_verify (SignIn *s)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, verify_done_cb, s);

  g_task_set_task_data (task, s, NULL);
  g_task_run_in_thread (task, verify_thread);
}

static gboolean
sign_in_delayed_cb (gpointer data)
{
  sign_in_verify (data);
  return G_SOURCE_REMOVE;
}

static void
handle_sign_in (PwServer *self, SoupServerMessage *msg, const char *address)
{
  static const char *const members[] = { "user", "password", "schema_version", NULL };
  g_autoptr(JsonObject) obj = read_json_object (self, msg);
  g_autoptr(GError) error = NULL;
  const char *name, *password;
  SignIn *s;
  gint64 now = g_get_monotonic_time ();
  gint64 wait = 0, account_wait = 0;
  gboolean pair_ok, address_ok = FALSE, account_ok = FALSE;

  /* the version first: a newer client's different shape is "unsupported", not "invalid" */
  if (obj == NULL || !body_schema_version (msg, obj) || !check_members (msg, obj, members))
    return;
  name = string_member (msg, obj, "user", 64);
  password = name ? string_member (msg, obj, "password", PW_PASSWORD_MAX_LENGTH) : NULL;
  if (password == NULL)
    return;

  s = g_new0 (SignIn, 1);
  s->server = g_object_ref (self);
  s->msg = g_object_ref (msg);
  s->address = g_strdup (address);
  s->name = g_strdup (name);
  s->account_key = g_utf8_casefold (name, -1);
  s->pair_key = g_strconcat (s->account_key, "\n", address, NULL);
  s->password = g_strdup (password);

  pair_ok = pw_rate_limit_reserve (self->pair_limit, s->pair_key, now, 0, &wait);
  if (pair_ok)
    address_ok = pw_rate_limit_reserve (self->address_limit, s->address, now, 0, &wait);
  if (address_ok)
    account_ok = pw_rate_limit_reserve (self->account_limit, s->account_key, now,
                                        (gint64) (self->config->account_max_delay
                                                  * G_USEC_PER_SEC), &account_wait);
  if (!account_ok)
    {
      /* give back whichever reservations succeeded before the refusal */
      if (pair_ok)
        pw_rate_limit_release (self->pair_limit, s->pair_key, now);
      if (address_ok)
        {
          pw_rate_limit_release (self->address_limit, s->address, now);
          wait = account_wait;
        }
      pw_server_log_security (self->db, "rate_limited", s->name, s->address, NULL);
      send_retry_after (msg, wait);
      sign_in_free (s);
      return;
    }

  s->user = pw_server_db_find_user (self->db, name, &error);
  if (error != NULL)
    {
      sign_in_release (s);
      sign_in_free (s);
      send_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "server_error",
                  _("The server could not read the account; try again"));
      return;
    }

  s->disconnected_id = g_signal_connect (msg, "disconnected",
                                         G_CALLBACK (sign_in_disconnected_cb), s);
  soup_server_message_pause (msg);
  if (account_wait > 0)
    add_timeout ((guint) (account_wait / 1000), sign_in_delayed_cb, s);
  else
    sign_in_verify (s);
}

/* ---- sessions ---------------------------------------------------------------------- */

/* Refusals of bad tokens are logged, but a flood of them from one address is not: each
 * would cost a durable write. */
static void
log_denied (PwServer *self, const char *event, const char *address, const char *detail)
{
  gint64 wait;

  if (pw_rate_limit_reserve (self->denied_log_limit, address, g_get_monotonic_time (), 0, &wait))
    pw_server_log_security (self->db, event, NULL, address, detail);
}

static PwServerUser *
authenticate (PwServer *self, SoupServerMessage *msg, const char *address, char **token_hash_out)
{
  g_autofree char *token = bearer_token (msg);
  g_autofree char *token_hash = NULL;
  g_autoptr(GError) error = NULL;
  PwServerUser *user = NULL;
  PwSessionStatus status;
  gint64 idle_us = self->config->session_idle * G_USEC_PER_SEC;

  if (token == NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Bearer");
      log_denied (self, "denied", address, "no or malformed token");
      send_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthenticated",
                  _("Sign in first: this request needs an Authorization: Bearer token"));
      return NULL;
    }
  token_hash = hash_token (token);
  memset (token, 0, strlen (token));
  status = pw_server_db_check_session (self->db, token_hash, g_get_real_time (), idle_us,
                                       self->config->session_absolute * G_USEC_PER_SEC,
                                       MIN (60 * G_USEC_PER_SEC, idle_us / 4), &user, &error);
  if (error != NULL)
    {
      send_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "server_error",
                  _("The server could not check the session; try again"));
      return NULL;
    }
  if (status != PW_SESSION_VALID)
    {
      static const char *const reasons[] = { "valid", "unknown token", "expired", "disabled" };
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Bearer error=\"invalid_token\"");
      log_denied (self, status == PW_SESSION_DISABLED ? "disabled" : "denied", address,
                  reasons[status]);
      if (status == PW_SESSION_EXPIRED)
        send_error (msg, SOUP_STATUS_UNAUTHORIZED, "session_expired",
                    _("The session has expired; sign in again"));
      else
        send_error (msg, SOUP_STATUS_UNAUTHORIZED, "invalid_token",
                    _("The session is not valid; sign in again"));
      return NULL;
    }
  if (token_hash_out != NULL)
    *token_hash_out = g_steal_pointer (&token_hash);
  return user;
}

static void
add_account (JsonBuilder *b, PwServer *self, PwServerUser *user, GPtrArray *grants)
{
  json_builder_set_member_name (b, "user");
  json_builder_add_string_value (b, user->name);
  json_builder_set_member_name (b, "user_id");
  json_builder_add_string_value (b, user->id);
  json_builder_set_member_name (b, "admin");
  json_builder_add_boolean_value (b, user->is_admin);
  json_builder_set_member_name (b, "idle_timeout");
  json_builder_add_int_value (b, self->config->session_idle);
  json_builder_set_member_name (b, "schema_version");
  json_builder_add_int_value (b, MAX_CLIENT_SCHEMA);
  json_builder_set_member_name (b, "grants");
  json_builder_begin_array (b);
  for (guint i = 0; i < grants->len; i++)
    {
      PwServerGrant *g = g_ptr_array_index (grants, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "park");
      json_builder_add_string_value (b, g->park_code ? g->park_code : g->park_id);
      json_builder_set_member_name (b, "park_id");
      if (g->park_id != NULL)
        json_builder_add_string_value (b, g->park_id);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, g->role);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* GET /v1/session: who the session belongs to and what it may reach. */
static void
handle_session_info (PwServer *self, SoupServerMessage *msg, GHashTable *query,
                     const char *address)
{
  g_autoptr(PwServerUser) user = authenticate (self, msg, address, NULL);
  g_autoptr(GPtrArray) grants = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (user == NULL || !check_query_schema_version_full (msg, query, FALSE))
    return;
  grants = pw_server_db_list_grants (self->db, user->id, NULL);
  if (grants == NULL)
    {
      send_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "server_error",
                  _("The server could not read the account; try again"));
      return;
    }
  b = json_builder_new ();
  json_builder_begin_object (b);
  add_account (b, self, user, grants);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  send_json (msg, SOUP_STATUS_OK, node);
}

static void
handle_sign_out (PwServer *self, SoupServerMessage *msg, GHashTable *query, const char *address)
{
  g_autofree char *token_hash = NULL;
  g_autoptr(PwServerUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = authenticate (self, msg, address, &token_hash);
  if (user == NULL || !check_query_schema_version_full (msg, query, FALSE))
    return;
  if (!pw_server_db_delete_session (self->db, token_hash, &error))
    {
      send_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "server_error",
                  _("The server could not end the session; try again"));
      return;
    }
  pw_server_log_security (self->db, "signout", user->name, address, NULL);
  set_common_headers (msg);
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

/* ---- sync ------------------------------------------------------------------------------ */

/* Who is asking and what they may do where: the account and its grants, parks by id. */
static PwSyncActor *
actor_for (PwServer *self, PwServerUser *user, GError **error)
{
  g_autoptr(PwSyncActor) actor = pw_sync_actor_new (user->id, user->is_admin);
  g_autoptr(GPtrArray) grants = pw_server_db_list_grants (self->db, user->id, error);

  if (grants == NULL)
    return NULL;
  for (guint i = 0; i < grants->len; i++)
    {
      PwServerGrant *g = g_ptr_array_index (grants, i);
      int role = pw_sync_role_from_string (g->role);

      /* by the park's id, never its code; a pending grant gives nothing until the park
       * created with its code arrives */
      if (g->park_id != NULL && role >= 0)
        pw_sync_actor_grant (actor, g->park_id, (PwSyncRole) role);
    }
  return g_steal_pointer (&actor);
}

static void
send_object (SoupServerMessage *msg, JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  send_json (msg, SOUP_STATUS_OK, node);
}

static guint
count_forbidden (JsonObject *response)
{
  JsonArray *results = json_object_has_member (response, "results")
                       ? json_object_get_array_member (response, "results") : NULL;
  guint n = 0;

  for (guint i = 0; results != NULL && i < json_array_get_length (results); i++)
    {
      JsonObject *r = json_array_get_object_element (results, i);
      const char *reason = r && json_object_has_member (r, "reason")
                           ? json_object_get_string_member_with_default (r, "reason", NULL)
                           : NULL;
      if (reason != NULL && g_str_has_prefix (reason, "forbidden"))
        n++;
    }
  return n;
}

static void
handle_push (PwServer *self, SoupServerMessage *msg, GHashTable *query, PwServerUser *user,
             const char *address)
{
  static const char *const params[] = { NULL };
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSyncPush) push = NULL;
  g_autoptr(PwSyncActor) actor = NULL;
  g_autoptr(JsonObject) response = NULL;
  guint forbidden;

  if (!check_query (msg, query, params) || !check_json_type (msg))
    return;
  bytes = soup_message_body_flatten (body);
  push = pw_sync_push_decode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  if (push == NULL)
    {
      send_gerror (msg, error);
      return;
    }
  actor = actor_for (self, user, &error);
  if (actor != NULL)
    response = pw_sync_server_push (pw_server_db_get_store (self->db), actor, push, &error);
  if (response == NULL)
    {
      if (g_error_matches (error, PW_SYNC_ERROR, PW_SYNC_ERROR_FORBIDDEN_CLIENT))
        pw_server_log_security (self->db, "denied", user->name, address,
                                "push from another user's client id");
      send_gerror (msg, error);
      return;
    }
  forbidden = count_forbidden (response);
  if (forbidden > 0)
    {
      g_autofree char *detail = g_strdup_printf ("push: %u mutations refused by permission",
                                                 forbidden);
      pw_server_log_security (self->db, "denied", user->name, address, detail);
    }
  send_object (msg, response);
}

static void
handle_pull (PwServer *self, SoupServerMessage *msg, GHashTable *query, PwServerUser *user)
{
  static const char *const params[] = { "cursor", "limit", "schema_version", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSyncActor) actor = NULL;
  g_autoptr(JsonObject) page = NULL;
  gint64 cursor, limit;

  if (!check_query (msg, query, params) || !check_query_schema_version (msg, query)
      || !query_int (msg, query, "cursor", 0, G_MAXINT64, 0, &cursor)
      || !query_int (msg, query, "limit", 1, PW_SYNC_MAX_LIMIT, PW_SYNC_DEFAULT_LIMIT, &limit))
    return;
  actor = actor_for (self, user, &error);
  if (actor != NULL)
    page = pw_sync_server_pull (pw_server_db_get_store (self->db), actor, cursor, (guint) limit,
                                &error);
  if (page == NULL)
    {
      send_gerror (msg, error);
      return;
    }
  send_object (msg, page);
}

static void
handle_bootstrap (PwServer *self, SoupServerMessage *msg, GHashTable *query, PwServerUser *user)
{
  static const char *const params[] = { "token", "limit", "schema_version", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSyncActor) actor = NULL;
  g_autoptr(JsonObject) page = NULL;
  const char *token = query ? g_hash_table_lookup (query, "token") : NULL;
  gint64 limit;

  if (!check_query (msg, query, params) || !check_query_schema_version (msg, query)
      || !query_int (msg, query, "limit", 1, PW_SYNC_MAX_LIMIT, PW_SYNC_DEFAULT_LIMIT, &limit))
    return;
  if (token != NULL && (strlen (token) == 0 || strlen (token) > 1024))
    {
      send_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_parameter",
                  _("Parameter “token” must be the “next” of a bootstrap page"));
      return;
    }
  actor = actor_for (self, user, &error);
  if (actor != NULL)
    page = pw_sync_server_bootstrap (pw_server_db_get_store (self->db), actor, token,
                                     (guint) limit, &error);
  if (page == NULL)
    {
      send_gerror (msg, error);
      return;
    }
  send_object (msg, page);
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
handler_cb (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query,
            gpointer data)
{
  PwServer *self = data;
  const char *method = soup_server_message_get_method (msg);
  const Route *route = NULL;
  g_autofree char *address = client_address (self, msg);

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    if (g_strcmp0 (path, routes[i].path) == 0)
      route = &routes[i];
  if (route == NULL)
    {
      send_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", _("There is no such resource"));
      return;
    }

  switch (route->id)
    {
    case ROUTE_SESSION:
      if (method == SOUP_METHOD_POST)
        {
          handle_sign_in (self, msg, address);
          return;
        }
      if (method == SOUP_METHOD_GET)
        {
          handle_session_info (self, msg, query, address);
          return;
        }
      if (method == SOUP_METHOD_DELETE)
        {
          handle_sign_out (self, msg, query, address);
          return;
        }
      break;

    case ROUTE_PUSH:
    case ROUTE_PULL:
    case ROUTE_BOOTSTRAP:
      if ((route->id == ROUTE_PUSH && method == SOUP_METHOD_POST)
          || (route->id != ROUTE_PUSH && method == SOUP_METHOD_GET))
        {
          /* every sync request is authorised against its session and grants */
          g_autoptr(PwServerUser) user = authenticate (self, msg, address, NULL);

          if (user == NULL)
            return;
          if (route->id == ROUTE_PUSH)
            handle_push (self, msg, query, user, address);
          else if (route->id == ROUTE_PULL)
            handle_pull (self, msg, query, user);
          else
            handle_bootstrap (self, msg, query, user);
          return;
        }
      break;
    }

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                route->methods);
  send_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed",
              _("This method is not allowed here"));
}

/* ---- the object ---------------------------------------------------------------------- */

PwServer *
pw_server_new (const char *dir, GError **error)
{
  g_autoptr(PwServer) self = g_object_new (PW_TYPE_SERVER, NULL);
  g_autofree char *db_path = NULL;

  self->config = pw_server_config_load (dir, error);
  if (self->config == NULL)
    return NULL;
  self->certificate = g_tls_certificate_new_from_files (self->config->certificate,
                                                        self->config->key, error);
  if (self->certificate == NULL)
    return NULL;
  db_path = pw_server_config_db_path (self->config);
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

  self->pair_limit = pw_rate_limit_new (self->config->pair_burst, self->config->pair_interval,
                                        MAX_RATE_KEYS);
  self->address_limit = pw_rate_limit_new (self->config->address_burst,
                                           self->config->address_interval, MAX_RATE_KEYS);
  self->account_limit = pw_rate_limit_new (self->config->account_burst,
                                           self->config->account_interval, MAX_RATE_KEYS);

  self->denied_log_limit = pw_rate_limit_new (20, 6, MAX_RATE_KEYS);
  pw_password_prepare_dummy ();

  self->soup = soup_server_new ("tls-certificate", self->certificate,
                                "server-header", "parkwise-server", NULL);
  g_signal_connect_object (self->soup, "request-started", G_CALLBACK (request_started_cb), self,
                           0);
  soup_server_add_early_handler (self->soup, NULL, early_handler_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, handler_cb, self, NULL);
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

gboolean
pw_server_listen (PwServer *self, GError **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (self->config->address);
  g_autoptr(GSocketAddress) addr = g_inet_socket_address_new (inet, (guint16) self->config->port);
  GSList *listeners;

  if (!soup_server_listen (self->soup, addr, SOUP_SERVER_LISTEN_HTTPS, error))
    return FALSE;
  listeners = soup_server_get_listeners (self->soup);
  self->port = self->config->port;
  if (listeners != NULL)
    {
      g_autoptr(GSocketAddress) local = g_socket_get_local_address (listeners->data, NULL);
      if (local != NULL)
        self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
    }
  g_slist_free (listeners);

  housekeeping_cb (self);
  if (self->housekeeping == NULL)
    {
      g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
      guint every = (guint) CLAMP (self->config->change_log_keep / 4, 1, 3600);

      self->housekeeping = g_timeout_source_new_seconds (every);
      g_source_set_callback (self->housekeeping, housekeeping_cb, self, NULL);
      g_source_attach (self->housekeeping, context);
    }
  return TRUE;
}

guint
pw_server_get_port (PwServer *self)
{
  return self->port;
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

void
pw_server_stop (PwServer *self)
{
  if (self->housekeeping != NULL)
    {
      g_source_destroy (self->housekeeping);
      g_clear_pointer (&self->housekeeping, g_source_unref);
    }
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
}

static void
pw_server_dispose (GObject *object)
{
  PwServer *self = PW_SERVER (object);

  pw_server_stop (self);
  g_clear_object (&self->soup);
  G_OBJECT_CLASS (pw_server_parent_class)->dispose (object);
}

static void
pw_server_finalize (GObject *object)
{
  PwServer *self = PW_SERVER (object);

  g_clear_object (&self->certificate);
  g_clear_object (&self->db);
  g_clear_pointer (&self->pair_limit, pw_rate_limit_free);
  g_clear_pointer (&self->address_limit, pw_rate_limit_free);
  g_clear_pointer (&self->account_limit, pw_rate_limit_free);
  g_clear_pointer (&self->denied_log_limit, pw_rate_limit_free);
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
