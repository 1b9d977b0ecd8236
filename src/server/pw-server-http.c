/* pw-server-http.c — parkwise-server's HTTPS transport (libmicrohttpd with GnuTLS)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libmicrohttpd's threads accept connections, do TLS and read requests; the handlers run
 * in one GLib main context, one at a time, against the database.
 * Invariants:
 *  1. A handler sees only a whole, well-formed request: one plain Content-Length (never
 *     beside Transfer-Encoding), a body within max_body and every query parameter once.
 *     Everything else is refused here with the JSON error and the connection closed.
 *  2. A body is refused with 413 from its Content-Length, at once when the client waits
 *     for "100 Continue" (or the body is far too large to read), otherwise once the body,
 *     read and dropped, has arrived, so closing does not reset the connection before the
 *     client reads the answer. A body without Content-Length (chunked) gets 411.
 *  3. While a handler works the connection is suspended (libmicrohttpd neither reads nor
 *     times it out); the handler's response is stored in the request and the connection
 *     resumed, and libmicrohttpd's thread sends it.
 *  4. Every connection is closed after idle_timeout seconds without traffic (a stalled
 *     handshake, headers or body, an idle kept-alive connection, a client that does not
 *     read), and after request_timeout seconds without a whole request (from connecting,
 *     or from the end of the previous response), however slowly it trickles.
 *  5. A request is freed when both libmicrohttpd and the main context are done with it;
 *     after pw_http_stop nothing in the main context touches libmicrohttpd. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <microhttpd.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "pw-server-http.h"
#include "pw-server-error.h"

#define LINGER_BYTES (4 * 1024 * 1024) /* read of a refused body before closing */
#define SWEEP_US     (250 * 1000)

/* TLS 1.3 and 1.2 only; on 1.2 only forward-secret AEAD suites (no CBC, no RSA key
 * exchange). */
#define TLS_PRIORITIES "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-CIPHER-ALL:" \
                       "+CHACHA20-POLY1305:+AES-256-GCM:+AES-128-GCM:-MAC-ALL:+AEAD:" \
                       "-RSA:-DHE-DSS:-VERS-SSL3.0:%SERVER_PRECEDENCE"

typedef struct
{
  int    fd;
  gint64 deadline_us;   /* 0: none (a request is being answered) */
} Conn;

struct _PwHttp
{
  PwHttpOptions       options;
  char               *address;
  char               *certificate_pem;
  char               *key_pem;
  GMainContext       *context;
  PwHttpHandler       handler;
  gpointer            user_data;
  struct MHD_Daemon  *daemon;
  guint               port;

  GMutex              lock;       /* guards everything below */
  GHashTable         *pending;    /* requests suspended for the main context */
  GHashTable         *conns;      /* Conn * */
  gboolean            stopping;
  GCond               sweep_cond;
  GThread            *sweeper;
};

struct _PwHttpRequest
{
  gint                    refcount;
  PwHttp                 *http;
  struct MHD_Connection  *connection;
  char                   *method;
  char                   *path;
  char                   *peer;
  GHashTable             *query;
  GHashTable             *headers;   /* lower-case name → value */
  GByteArray             *body;
  gsize                   discarded;
  gboolean                too_large;
  gboolean                cancelled; /* the transport stopped: answer nobody */
  gboolean                paused;
  gboolean                ready;     /* a response is stored, libmicrohttpd may send it */
  guint                   status;
  char                   *content_type;
  char                   *response;
  gsize                   response_len;
  GPtrArray              *response_headers; /* name, value, name, value … */
};

/* ---- requests ---------------------------------------------------------------------- */

PwHttpRequest *
pw_http_request_ref (PwHttpRequest *request)
{
  g_atomic_int_inc (&request->refcount);
  return request;
}

void
pw_http_request_unref (PwHttpRequest *request)
{
  if (request == NULL || !g_atomic_int_dec_and_test (&request->refcount))
    return;
  g_free (request->method);
  g_free (request->path);
  g_free (request->peer);
  g_clear_pointer (&request->query, g_hash_table_unref);
  g_clear_pointer (&request->headers, g_hash_table_unref);
  g_byte_array_unref (request->body);
  g_free (request->content_type);
  g_free (request->response);
  g_ptr_array_unref (request->response_headers);
  g_free (request);
}

const char *
pw_http_request_get_method (PwHttpRequest *request)
{
  return request->method;
}

const char *
pw_http_request_get_path (PwHttpRequest *request)
{
  return request->path;
}

GHashTable *
pw_http_request_get_query (PwHttpRequest *request)
{
  return request->query;
}

const char *
pw_http_request_get_header (PwHttpRequest *request, const char *name)
{
  g_autofree char *key = g_ascii_strdown (name, -1);

  return g_hash_table_lookup (request->headers, key);
}

char *
pw_http_request_get_content_type (PwHttpRequest *request)
{
  const char *value = pw_http_request_get_header (request, "Content-Type");
  const char *semi;

  if (value == NULL)
    return NULL;
  semi = strchr (value, ';');
  return g_strstrip (g_strndup (value, semi ? (gsize) (semi - value) : strlen (value)));
}

const char *
pw_http_request_get_peer (PwHttpRequest *request)
{
  return request->peer;
}

GBytes *
pw_http_request_get_body (PwHttpRequest *request)
{
  return g_bytes_new (request->body->data, request->body->len);
}

void
pw_http_request_set_status (PwHttpRequest *request, guint status)
{
  request->status = status;
}

void
pw_http_request_set_response (PwHttpRequest *request, guint status, const char *content_type,
                              char *body, gsize length)
{
  request->status = status;
  g_free (request->content_type);
  request->content_type = g_strdup (content_type);
  g_free (request->response);
  request->response = body;
  request->response_len = body ? length : 0;
}

void
pw_http_request_set_header (PwHttpRequest *request, const char *name, const char *value)
{
  for (guint i = 0; i + 1 < request->response_headers->len; i += 2)
    if (g_ascii_strcasecmp (g_ptr_array_index (request->response_headers, i), name) == 0)
      {
        g_free (request->response_headers->pdata[i + 1]);
        request->response_headers->pdata[i + 1] = g_strdup (value);
        return;
      }
  g_ptr_array_add (request->response_headers, g_strdup (name));
  g_ptr_array_add (request->response_headers, g_strdup (value));
}

char *
pw_http_error_body (const char *code, const char *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, code);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, message);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

const char *
pw_http_status_phrase (guint status)
{
  return MHD_get_reason_phrase_for (status);
}

static void
set_error (PwHttpRequest *request, guint status, const char *code, const char *message)
{
  char *body = pw_http_error_body (code, message);

  pw_http_request_set_response (request, status, "application/json", body, strlen (body));
}

/* ---- sending ------------------------------------------------------------------------ */

static enum MHD_Result
queue (PwHttpRequest *request, gboolean close)
{
  struct MHD_Response *response;
  enum MHD_Result ret;

  if (request->status == 0)
    set_error (request, 500, "server_error",
               _("The server could not complete the request; try again"));
  response = MHD_create_response_from_buffer (request->response_len,
                                              request->response ? request->response : (char *) "",
                                              MHD_RESPMEM_MUST_COPY);
  if (response == NULL)
    return MHD_NO;
  if (request->content_type != NULL)
    MHD_add_response_header (response, MHD_HTTP_HEADER_CONTENT_TYPE, request->content_type);
  MHD_add_response_header (response, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
  MHD_add_response_header (response, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header (response, MHD_HTTP_HEADER_SERVER, "parkwise-server");
  for (guint i = 0; i + 1 < request->response_headers->len; i += 2)
    MHD_add_response_header (response, g_ptr_array_index (request->response_headers, i),
                             g_ptr_array_index (request->response_headers, i + 1));
  if (close)
    MHD_add_response_header (response, MHD_HTTP_HEADER_CONNECTION, "close");
  ret = MHD_queue_response (request->connection, request->status, response);
  MHD_destroy_response (response);
  return ret;
}

static enum MHD_Result
refuse (PwHttpRequest *request, guint status, const char *code, const char *message)
{
  set_error (request, status, code, message);
  return queue (request, TRUE);
}

static enum MHD_Result
refuse_too_large (PwHttpRequest *request)
{
  g_autofree char *limit = g_format_size_full (request->http->options.max_body,
                                               G_FORMAT_SIZE_IEC_UNITS);
  /* Translators: %s is a size such as "1.0 MiB" */
  g_autofree char *message = g_strdup_printf (_("The request body is larger than %s"), limit);

  return refuse (request, 413, "too_large", message);
}

/* ---- reading a request -------------------------------------------------------------- */

typedef struct
{
  GHashTable *table;
  char       *repeated;
  guint       lengths;
} Collect;

static enum MHD_Result
collect_header_cb (void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
  Collect *c = cls;
  g_autofree char *name = g_ascii_strdown (key, -1);
  const char *old = g_hash_table_lookup (c->table, name);

  if (g_str_equal (name, "content-length"))
    c->lengths++;
  if (old != NULL)
    g_hash_table_insert (c->table, g_strdup (name), g_strconcat (old, ", ", value, NULL));
  else
    g_hash_table_insert (c->table, g_strdup (name), g_strdup (value ? value : ""));
  return MHD_YES;
}

static enum MHD_Result
collect_query_cb (void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
  Collect *c = cls;

  if (g_hash_table_contains (c->table, key))
    {
      if (c->repeated == NULL)
        c->repeated = g_strdup (key);
      return MHD_YES;
    }
  g_hash_table_insert (c->table, g_strdup (key), g_strdup (value ? value : ""));
  return MHD_YES;
}

static char *
peer_of (struct MHD_Connection *connection)
{
  const union MHD_ConnectionInfo *info =
    MHD_get_connection_info (connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  g_autoptr(GSocketAddress) address = NULL;
  const struct sockaddr *sa = info ? info->client_addr : NULL;

  if (sa == NULL)
    return g_strdup ("-");
  address = g_socket_address_new_from_native ((gpointer) sa, sa->sa_family == AF_INET6
                                              ? sizeof (struct sockaddr_in6)
                                              : sizeof (struct sockaddr_in));
  if (address == NULL || !G_IS_INET_SOCKET_ADDRESS (address))
    return g_strdup ("-");
  return g_inet_address_to_string (
    g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)));
}

static Conn *
conn_of (struct MHD_Connection *connection)
{
  const union MHD_ConnectionInfo *info =
    MHD_get_connection_info (connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

  return info ? info->socket_context : NULL;
}

/* The request's headers as a handler may trust them, or a refusal. */
static gboolean
check_request (PwHttpRequest *request, const char *version, Collect *headers, Collect *query,
               enum MHD_Result *ret)
{
  const char *length = g_hash_table_lookup (request->headers, "content-length");

  if (g_strcmp0 (version, MHD_HTTP_VERSION_1_1) == 0
      && !g_hash_table_contains (request->headers, "host"))
    {
      *ret = refuse (request, MHD_HTTP_BAD_REQUEST, "bad_request",
                     _("An HTTP/1.1 request must name its Host"));
      return FALSE;
    }

  if (query->repeated != NULL)
    {
      g_autofree char *name = g_strescape (query->repeated, NULL);
      /* Translators: %s is a query parameter of the request's address */
      g_autofree char *message = g_strdup_printf (_("Parameter “%s” is given more than once"),
                                                  name);
      *ret = refuse (request, MHD_HTTP_BAD_REQUEST, "invalid_parameter", message);
      return FALSE;
    }
  /* a body comes with its length: a chunked one could only be refused once it has passed
   * the limit, and libmicrohttpd cannot answer in the middle of a body */
  if (length == NULL && g_hash_table_contains (request->headers, "transfer-encoding"))
    {
      *ret = refuse (request, 411, "length_required",
                     _("The request body must come with a Content-Length"));
      return FALSE;
    }
  /* one plain decimal length, never beside a transfer coding: anything else is how
   * requests are smuggled past proxies */
  if (length != NULL)
    {
      gsize n = strlen (length);
      gboolean digits = headers->lengths == 1 && n > 0 && n <= 18;

      for (gsize i = 0; digits && i < n; i++)
        digits = g_ascii_isdigit (length[i]);
      if (!digits || g_hash_table_contains (request->headers, "transfer-encoding"))
        {
          *ret = refuse (request, MHD_HTTP_BAD_REQUEST, "bad_request",
                         _("The request's Content-Length is not valid"));
          return FALSE;
        }
      if (g_ascii_strtoull (length, NULL, 10) > request->http->options.max_body)
        {
          const char *expect = g_hash_table_lookup (request->headers, "expect");

          /* a client that waits for "100 Continue", or whose body is far too large to
           * read, is answered at once; another is read to the end (and dropped) so that
           * closing does not reset the connection before it reads the answer */
          if (expect != NULL
              || g_ascii_strtoull (length, NULL, 10) > request->http->options.max_body
                                                       + LINGER_BYTES)
            {
              *ret = refuse_too_large (request);
              return FALSE;
            }
          request->too_large = TRUE;
        }
    }
  return TRUE;
}

static PwHttpRequest *
request_new (PwHttp *http, struct MHD_Connection *connection, const char *url,
             const char *method)
{
  PwHttpRequest *request = g_new0 (PwHttpRequest, 1);

  request->refcount = 1;
  request->http = http;
  request->connection = connection;
  request->method = g_strdup (method);
  request->path = g_strdup (url);
  request->peer = peer_of (connection);
  request->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  request->body = g_byte_array_new ();
  request->response_headers = g_ptr_array_new_with_free_func (g_free);
  return request;
}

/* ---- handing requests to the main context ------------------------------------------- */

static void
finish (PwHttpRequest *request)
{
  PwHttp *http = request->http;
  gboolean resume;

  if (request->cancelled)
    return;
  g_mutex_lock (&http->lock);
  resume = g_hash_table_remove (http->pending, request);
  request->ready = TRUE;
  g_mutex_unlock (&http->lock);
  if (resume)
    {
      MHD_resume_connection (request->connection);
      pw_http_request_unref (request); /* the pending table's */
    }
}

void
pw_http_request_pause (PwHttpRequest *request)
{
  request->paused = TRUE;
}

void
pw_http_request_unpause (PwHttpRequest *request)
{
  if (!request->paused)
    return;
  request->paused = FALSE;
  finish (request);
}

static gboolean
dispatch_cb (gpointer data)
{
  PwHttpRequest *request = data;

  if (request->cancelled)
    return G_SOURCE_REMOVE;
  request->http->handler (request, request->http->user_data);
  if (!request->paused)
    finish (request);
  return G_SOURCE_REMOVE;
}

static enum MHD_Result
access_cb (void *cls, struct MHD_Connection *connection, const char *url, const char *method,
           const char *version, const char *upload_data, size_t *upload_data_size,
           void **con_cls)
{
  PwHttp *http = cls;
  PwHttpRequest *request = *con_cls;
  gboolean stopping;

  if (request == NULL)
    {
      Collect headers = { 0 }, query = { 0 };
      enum MHD_Result ret = MHD_YES;

      request = request_new (http, connection, url, method);
      *con_cls = request;
      headers.table = request->headers;
      MHD_get_connection_values (connection, MHD_HEADER_KIND, collect_header_cb, &headers);
      query.table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      MHD_get_connection_values (connection, MHD_GET_ARGUMENT_KIND, collect_query_cb, &query);
      if (g_hash_table_size (query.table) > 0)
        request->query = g_hash_table_ref (query.table);
      g_hash_table_unref (query.table);
      if (!check_request (request, version, &headers, &query, &ret))
        {
          g_free (query.repeated);
          return ret;
        }
      g_free (query.repeated);
      return MHD_YES;
    }

  if (*upload_data_size > 0)
    {
      gsize n = *upload_data_size;

      *upload_data_size = 0;
      if (!request->too_large && request->body->len + n > http->options.max_body)
        {
          /* cannot happen while bodies come with a Content-Length within the limit (the
           * only ones accepted); kept so that memory stays bounded whatever the parser
           * lets through */
          request->too_large = TRUE;
          g_byte_array_set_size (request->body, 0);
        }
      if (request->too_large)
        {
          request->discarded += n;
          return request->discarded > LINGER_BYTES ? MHD_NO : MHD_YES;
        }
      g_byte_array_append (request->body, (const guint8 *) upload_data, n);
      return MHD_YES;
    }

  if (request->too_large)
    return refuse_too_large (request);
  if (request->ready)
    return queue (request, FALSE);

  /* the whole request is here: no deadline while the server answers */
  g_mutex_lock (&http->lock);
  stopping = http->stopping;
  if (!stopping)
    {
      Conn *conn = conn_of (connection);

      if (conn != NULL)
        conn->deadline_us = 0;
      g_hash_table_add (http->pending, pw_http_request_ref (request));
      MHD_suspend_connection (connection);
    }
  g_mutex_unlock (&http->lock);
  if (stopping)
    return refuse (request, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable",
                   _("The server is stopping; try again later"));
  g_main_context_invoke_full (http->context, G_PRIORITY_DEFAULT, dispatch_cb,
                              pw_http_request_ref (request),
                              (GDestroyNotify) pw_http_request_unref);
  return MHD_YES;
}

static void
completed_cb (void *cls, struct MHD_Connection *connection, void **con_cls,
              enum MHD_RequestTerminationCode toe)
{
  PwHttp *http = cls;
  PwHttpRequest *request = *con_cls;
  Conn *conn;

  g_mutex_lock (&http->lock);
  /* the next request on this connection has its own time to arrive */
  conn = conn_of (connection);
  if (conn != NULL)
    conn->deadline_us = g_get_monotonic_time ()
                        + (gint64) http->options.request_timeout * G_USEC_PER_SEC;
  g_mutex_unlock (&http->lock);
  *con_cls = NULL;
  pw_http_request_unref (request);
}

static void
connection_cb (void *cls, struct MHD_Connection *connection, void **socket_context,
               enum MHD_ConnectionNotificationCode toe)
{
  PwHttp *http = cls;
  Conn *conn;

  g_mutex_lock (&http->lock);
  if (toe == MHD_CONNECTION_NOTIFY_STARTED)
    {
      const union MHD_ConnectionInfo *info =
        MHD_get_connection_info (connection, MHD_CONNECTION_INFO_CONNECTION_FD);

      conn = g_new0 (Conn, 1);
      conn->fd = info ? info->connect_fd : -1;
      /* an answer goes out in more than one TLS record: without this, Nagle's algorithm
       * holds the last one until the client's delayed acknowledgement (40 ms) */
      if (conn->fd >= 0)
        setsockopt (conn->fd, IPPROTO_TCP, TCP_NODELAY, &(int) { 1 }, sizeof (int));
      conn->deadline_us = g_get_monotonic_time ()
                          + (gint64) http->options.request_timeout * G_USEC_PER_SEC;
      g_hash_table_add (http->conns, conn);
      *socket_context = conn;
    }
  else if ((conn = *socket_context) != NULL)
    {
      /* libmicrohttpd closes the socket after this: the sweeper must not see it */
      g_hash_table_remove (http->conns, conn);
      *socket_context = NULL;
    }
  g_mutex_unlock (&http->lock);
}

/* Cuts off connections past their request deadline: shutting the socket down makes
 * libmicrohttpd's own thread see the end of the stream and close it. */
static gpointer
sweep_thread (gpointer data)
{
  PwHttp *http = data;

  g_mutex_lock (&http->lock);
  while (!http->stopping)
    {
      GHashTableIter iter;
      gpointer key;
      gint64 now = g_get_monotonic_time ();

      g_hash_table_iter_init (&iter, http->conns);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          Conn *conn = key;

          if (conn->deadline_us != 0 && now > conn->deadline_us && conn->fd >= 0)
            {
              shutdown (conn->fd, SHUT_RDWR);
              conn->deadline_us = 0;
            }
        }
      g_cond_wait_until (&http->sweep_cond, &http->lock, now + SWEEP_US);
    }
  g_mutex_unlock (&http->lock);
  return NULL;
}

static void
log_cb (void *cls, const char *format, va_list ap)
{
  g_autofree char *text = g_strdup_vprintf (format, ap);

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_DEBUG, "MESSAGE", "libmicrohttpd: %s",
                    g_strchomp (text));
}

/* ---- the transport ------------------------------------------------------------------ */

PwHttp *
pw_http_new (const PwHttpOptions *options, GMainContext *context, PwHttpHandler handler,
             gpointer user_data)
{
  PwHttp *self = g_new0 (PwHttp, 1);

  self->options = *options;
  self->address = g_strdup (options->address);
  self->certificate_pem = g_strdup (options->certificate_pem);
  self->key_pem = g_strdup (options->key_pem);
  self->options.address = self->address;
  self->options.certificate_pem = self->certificate_pem;
  self->options.key_pem = self->key_pem;
  self->context = g_main_context_ref (context);
  self->handler = handler;
  self->user_data = user_data;
  g_mutex_init (&self->lock);
  g_cond_init (&self->sweep_cond);
  self->pending = g_hash_table_new (NULL, NULL);
  self->conns = g_hash_table_new_full (NULL, NULL, g_free, NULL);
  return self;
}

gboolean
pw_http_start (PwHttp *self, GError **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (self->address);
  g_autoptr(GSocketAddress) address = NULL;
  struct sockaddr_storage native;
  unsigned int flags = MHD_USE_TLS | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL
                       | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
  const union MHD_DaemonInfo *info;

  if (inet == NULL)
    {
      g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_CONFIG,
                   _("“%s” is not an IP address to listen on"), self->address);
      return FALSE;
    }
  address = g_inet_socket_address_new (inet, (guint16) self->options.port);
  if (!g_socket_address_to_native (address, &native, sizeof native, error))
    return FALSE;
  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    flags |= MHD_USE_IPv6;

  self->daemon = MHD_start_daemon (flags, (uint16_t) self->options.port, NULL, NULL,
                                   access_cb, self,
                                   MHD_OPTION_SOCK_ADDR, (struct sockaddr *) &native,
                                   MHD_OPTION_HTTPS_MEM_CERT, self->certificate_pem,
                                   MHD_OPTION_HTTPS_MEM_KEY, self->key_pem,
                                   MHD_OPTION_HTTPS_PRIORITIES, TLS_PRIORITIES,
                                   MHD_OPTION_THREAD_POOL_SIZE,
                                   (unsigned int) self->options.threads,
                                   MHD_OPTION_CONNECTION_TIMEOUT,
                                   (unsigned int) self->options.idle_timeout,
                                   MHD_OPTION_CONNECTION_LIMIT,
                                   (unsigned int) self->options.max_connections,
                                   MHD_OPTION_PER_IP_CONNECTION_LIMIT,
                                   (unsigned int) self->options.max_per_address,
                                   MHD_OPTION_LISTEN_BACKLOG_SIZE,
                                   (unsigned int) self->options.backlog,
                                   MHD_OPTION_NOTIFY_COMPLETED, completed_cb, self,
                                   MHD_OPTION_NOTIFY_CONNECTION, connection_cb, self,
                                   MHD_OPTION_EXTERNAL_LOGGER, log_cb, self,
                                   MHD_OPTION_END);
  if (self->daemon == NULL)
    {
      g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_CONFIG,
                   _("Could not listen on %s port %u (is the port in use, or the certificate "
                     "or key not valid?)"), self->address, self->options.port);
      return FALSE;
    }
  info = MHD_get_daemon_info (self->daemon, MHD_DAEMON_INFO_BIND_PORT);
  self->port = info && info->port ? info->port : self->options.port;
  self->sweeper = g_thread_new ("pw-http-sweep", sweep_thread, self);
  return TRUE;
}

guint
pw_http_get_port (PwHttp *self)
{
  return self->port;
}

guint
pw_http_get_connection_count (PwHttp *self)
{
  const union MHD_DaemonInfo *info;

  if (self->daemon == NULL)
    return 0;
  info = MHD_get_daemon_info (self->daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
  return info ? info->num_connections : 0;
}

void
pw_http_stop (PwHttp *self)
{
  g_autoptr(GPtrArray) suspended = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  if (self->daemon == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_broadcast (&self->sweep_cond);
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (suspended, key);
  g_hash_table_steal_all (self->pending);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->sweeper);
  self->sweeper = NULL;

  /* libmicrohttpd refuses to stop with suspended connections: let them go, and let the
   * handlers still holding them answer nobody */
  for (guint i = 0; i < suspended->len; i++)
    {
      PwHttpRequest *request = g_ptr_array_index (suspended, i);

      request->cancelled = TRUE;
      MHD_resume_connection (request->connection);
    }
  MHD_stop_daemon (self->daemon);
  self->daemon = NULL;
  for (guint i = 0; i < suspended->len; i++)
    pw_http_request_unref (g_ptr_array_index (suspended, i));
}

void
pw_http_free (PwHttp *self)
{
  if (self == NULL)
    return;
  pw_http_stop (self);
  g_hash_table_unref (self->pending);
  g_hash_table_unref (self->conns);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->sweep_cond);
  g_main_context_unref (self->context);
  g_free (self->address);
  g_free (self->certificate_pem);
  if (self->key_pem != NULL)
    memset (self->key_pem, 0, strlen (self->key_pem));
  g_free (self->key_pem);
  g_free (self);
}
