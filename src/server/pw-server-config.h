/* pw-server-config.h — the server's configuration file (DIR/server.conf)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PW_SERVER_CONFIG_FILE   "server.conf"
#define PW_SERVER_DATABASE_FILE "parkwise-server.db"
#define PW_SERVER_CERT_FILE     "server.crt"
#define PW_SERVER_KEY_FILE      "server.key"

typedef struct
{
  char    *dir;
  char    *address;          /* an IP address to listen on */
  guint    port;             /* 0 picks a free port (tests) */
  char    *certificate;      /* absolute paths */
  char    *key;
  char   **trusted_proxies;  /* peers whose X-Forwarded-For is believed */
  gsize    max_body;         /* bytes */
  guint    request_timeout;  /* seconds to send a whole request, TLS handshake included */
  guint    idle_timeout;     /* seconds a connection may stay silent (idle keep-alive too) */
  guint    max_connections;  /* open at once, over all addresses */
  guint    max_connections_per_address;
  guint    failure_log_window; /* seconds over which repeated refusals share a log row */
  gint64   session_idle;     /* seconds */
  gint64   session_absolute; /* seconds */
  gint64   change_log_keep;  /* seconds the sync change log is kept for pulls */
  /* sign-in rate limits: a bucket of `burst` attempts refilled one per `interval` seconds */
  double   pair_burst;       /* per account and address */
  double   pair_interval;
  double   address_burst;    /* per address, over all accounts */
  double   address_interval;
  double   account_burst;    /* per account, over all addresses: delays, never locks */
  double   account_interval;
  double   account_max_delay; /* seconds a sign-in may be held before 429 */
  /* push limits: a bucket of `burst` pushes refilled one per `interval` seconds */
  double   push_user_burst;
  double   push_user_interval;
  double   push_address_burst;
  double   push_address_interval;
} PwServerConfig;

PwServerConfig *pw_server_config_new_default (const char      *dir);
PwServerConfig *pw_server_config_load        (const char      *dir,
                                              GError         **error);
gboolean        pw_server_config_save        (PwServerConfig  *config,
                                              GError         **error);
char           *pw_server_config_path        (const char      *dir);
char           *pw_server_config_db_path     (PwServerConfig  *config);
void            pw_server_config_free        (PwServerConfig  *config);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwServerConfig, pw_server_config_free)

G_END_DECLS
