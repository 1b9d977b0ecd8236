/* pw-server-private.h — what the parts of parkwise-server's API share
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pw-server.c holds the object, routing and the checks every route uses;
 * pw-server-session.c sign-in and sessions; pw-server-sync.c the sync routes;
 * pw-server-http.c the HTTPS transport. Handlers run in the server's main context. */
#pragma once

#include <json-glib/json-glib.h>

#include "pw-server.h"
#include "pw-server-http.h"
#include "pw-server-ratelimit.h"
#include "pw-sync.h"

G_BEGIN_DECLS

/* The sync protocol versions this server speaks with clients. */
#define MIN_CLIENT_SCHEMA  PW_SYNC_SCHEMA_VERSION
#define MAX_CLIENT_SCHEMA  PW_SYNC_SCHEMA_VERSION

struct _PwServer
{
  GObject          parent_instance;
  PwServerConfig  *config;
  PwServerDb      *db;
  GTlsCertificate *certificate;
  char            *certificate_pem;
  char            *key_pem;
  GMainContext    *context;          /* where handlers run */
  PwHttp          *http;
  PwRateLimit     *pair_limit;
  PwRateLimit     *address_limit;
  PwRateLimit     *account_limit;
  PwRateLimit     *denied_log_limit; /* refusals logged per address */
  PwRateLimit     *push_user_limit;
  PwRateLimit     *push_address_limit;
  GHashTable      *failures;         /* refused sign-ins logged in this window */
  GHashTable      *known_addresses;  /* "account\naddress" that signed in */
  GSource         *housekeeping;     /* prunes the change log and dead sessions */
  GSource         *flush_failures;
  guint            port;
};

/* ---- responses (pw-server.c) ---- */
void          pw_server_send_json         (PwHttpRequest *msg,
                                           guint          status,
                                           JsonNode      *node);
void          pw_server_send_error        (PwHttpRequest *msg,
                                           guint          status,
                                           const char    *code,
                                           const char    *message);
void          pw_server_send_gerror       (PwHttpRequest *msg,
                                           const GError  *error);
/* 429 rate_limited with Retry-After from @wait_us and @message. */
void          pw_server_send_retry_after  (PwHttpRequest *msg,
                                           gint64         wait_us,
                                           const char    *message);

/* ---- request checks (pw-server.c); each answers the request itself when it fails ---- */
gboolean      pw_server_check_query_schema_version_full (PwHttpRequest *msg,
                                                         GHashTable    *query,
                                                         gboolean       required);
gboolean      pw_server_check_query_schema_version (PwHttpRequest *msg,
                                                    GHashTable    *query);
gboolean      pw_server_check_json_type   (PwHttpRequest *msg);
gboolean      pw_server_check_query       (PwHttpRequest *msg,
                                           GHashTable    *query,
                                           const char *const *allowed);
gboolean      pw_server_query_int         (PwHttpRequest *msg,
                                           GHashTable    *query,
                                           const char    *name,
                                           gint64         min,
                                           gint64         max,
                                           gint64         dflt,
                                           gint64        *out);
JsonObject   *pw_server_read_json_object  (PwServer      *self,
                                           PwHttpRequest *msg);
gboolean      pw_server_invalid_field     (PwHttpRequest *msg,
                                           const char    *field,
                                           const char    *why);
gboolean      pw_server_check_members     (PwHttpRequest *msg,
                                           JsonObject    *obj,
                                           const char *const *allowed);
const char   *pw_server_string_member     (PwHttpRequest *msg,
                                           JsonObject    *obj,
                                           const char    *name,
                                           gsize          max_len);
gboolean      pw_server_body_schema_version (PwHttpRequest *msg,
                                             JsonObject    *obj);

/* ---- sign-in and sessions (pw-server-session.c) ---- */
PwServerUser *pw_server_authenticate      (PwServer      *self,
                                           PwHttpRequest *msg,
                                           const char    *address,
                                           char         **token_hash_out);
void          pw_server_handle_sign_in    (PwServer      *self,
                                           PwHttpRequest *msg,
                                           const char    *address);
void          pw_server_handle_session_info (PwServer      *self,
                                             PwHttpRequest *msg,
                                             GHashTable    *query,
                                             const char    *address);
void          pw_server_handle_sign_out   (PwServer      *self,
                                           PwHttpRequest *msg,
                                           GHashTable    *query,
                                           const char    *address);
/* Logs a security event that floods may repeat (refusals): the first per (event, user,
 * address) in a window at once, the rest counted into one row at the window's end. */
void          pw_server_log_repeated      (PwServer      *self,
                                           const char    *event,
                                           const char    *user_name,
                                           const char    *address,
                                           const char    *detail);
GHashTable   *pw_server_new_failure_table (void);
gboolean      pw_server_load_known_addresses (PwServer *self, GError **error);
/* Writes the refused sign-ins counted since the last call, one row per account and
 * address; called every few seconds and when the server stops. */
void          pw_server_flush_failures    (PwServer      *self);

/* ---- sync routes (pw-server-sync.c) ---- */
void          pw_server_handle_push       (PwServer      *self,
                                           PwHttpRequest *msg,
                                           GHashTable    *query,
                                           PwServerUser  *user,
                                           const char    *address);
void          pw_server_handle_pull       (PwServer      *self,
                                           PwHttpRequest *msg,
                                           GHashTable    *query,
                                           PwServerUser  *user);
void          pw_server_handle_bootstrap  (PwServer      *self,
                                           PwHttpRequest *msg,
                                           GHashTable    *query,
                                           PwServerUser  *user);

G_END_DECLS
