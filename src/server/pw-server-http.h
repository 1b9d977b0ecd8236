/* pw-server-http.h — parkwise-server's HTTPS transport (libmicrohttpd with GnuTLS)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the transport enforces before a handler sees a request (docs/server.md). */
typedef struct
{
  const char *address;            /* an IP address to listen on */
  guint       port;               /* 0 picks a free one */
  const char *certificate_pem;    /* in memory */
  const char *key_pem;
  gsize       max_body;           /* bytes; a larger body gets 413 */
  guint       idle_timeout;       /* seconds without a byte either way before a close */
  guint       request_timeout;    /* seconds to send a whole request, handshake included */
  guint       max_connections;
  guint       max_per_address;
  guint       threads;
  guint       backlog;
} PwHttpOptions;

typedef struct _PwHttp        PwHttp;
typedef struct _PwHttpRequest PwHttpRequest;

/* Called in the main context given to pw_http_new, one request at a time, with a whole
 * request. The handler sets a response; unless it pauses the request, the response is
 * sent when it returns. */
typedef void (*PwHttpHandler) (PwHttpRequest *request,
                               gpointer       user_data);

PwHttp       *pw_http_new                   (const PwHttpOptions *options,
                                             GMainContext        *context,
                                             PwHttpHandler        handler,
                                             gpointer             user_data);
gboolean      pw_http_start                 (PwHttp              *self,
                                             GError             **error);
guint         pw_http_get_port              (PwHttp              *self);
/* Closes the listening socket and every connection; requests still being handled are
 * dropped. Call from the main context. */
void          pw_http_stop                  (PwHttp              *self);
void          pw_http_free                  (PwHttp              *self);
/* The number of connections open now (tests, benchmarks). */
guint         pw_http_get_connection_count  (PwHttp              *self);

PwHttpRequest *pw_http_request_ref          (PwHttpRequest       *request);
void          pw_http_request_unref         (PwHttpRequest       *request);
const char   *pw_http_request_get_method    (PwHttpRequest       *request);
const char   *pw_http_request_get_path      (PwHttpRequest       *request);
/* name → value of the query (each name once; repeats are refused before handlers run),
 * or NULL when the address has none. */
GHashTable   *pw_http_request_get_query     (PwHttpRequest       *request);
/* A request header (case-insensitive); repeated headers are joined with ", ". */
const char   *pw_http_request_get_header    (PwHttpRequest       *request,
                                             const char          *name);
/* The media type of Content-Type without parameters, or NULL. */
char         *pw_http_request_get_content_type (PwHttpRequest    *request);
/* The peer's IP address as text. */
const char   *pw_http_request_get_peer      (PwHttpRequest       *request);
GBytes       *pw_http_request_get_body      (PwHttpRequest       *request);

void          pw_http_request_set_status    (PwHttpRequest       *request,
                                             guint                status);
/* Takes @body (may be NULL for none). */
void          pw_http_request_set_response  (PwHttpRequest       *request,
                                             guint                status,
                                             const char          *content_type,
                                             char                *body,
                                             gsize                length);
void          pw_http_request_set_header    (PwHttpRequest       *request,
                                             const char          *name,
                                             const char          *value);
/* A paused request is answered only when unpaused (after its response is set). */
void          pw_http_request_pause         (PwHttpRequest       *request);
void          pw_http_request_unpause       (PwHttpRequest       *request);

/* The JSON error body {"error":{"code","message"}}. */
char         *pw_http_error_body            (const char          *code,
                                             const char          *message);
const char   *pw_http_status_phrase         (guint                status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwHttpRequest, pw_http_request_unref)

G_END_DECLS
