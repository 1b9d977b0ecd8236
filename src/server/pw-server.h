/* pw-server.h — parkwise-server's HTTPS API
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-server-config.h"
#include "pw-server-db.h"

G_BEGIN_DECLS

/* Refuses TLS before 1.2 in glib-networking's GnuTLS backend, for the process's own TLS
 * clients (the server's listener sets its own priorities). Call before the first TLS
 * connection of the process (the backend reads the priority once). */
void        pw_server_tls_init        (void);

/* Creates @dir (mode 0700) with the database, server.conf and a self-signed certificate
 * for @host; refuses a directory that already holds a server. */
gboolean    pw_server_init_dir        (const char  *dir,
                                       const char  *host,
                                       char       **fingerprint,
                                       GError     **error);

#define PW_TYPE_SERVER (pw_server_get_type ())
G_DECLARE_FINAL_TYPE (PwServer, pw_server, PW, SERVER, GObject)

PwServer       *pw_server_new          (const char  *dir,
                                        GError     **error);
/* Listens on the configured address and port, in the thread-default main context. */
gboolean        pw_server_listen       (PwServer    *self,
                                        GError     **error);
guint           pw_server_get_port     (PwServer    *self);
/* Connections open now (tests). */
guint           pw_server_get_connection_count (PwServer *self);
char           *pw_server_get_fingerprint (PwServer *self);
PwServerConfig *pw_server_get_config   (PwServer    *self);
PwServerDb     *pw_server_get_db       (PwServer    *self);
/* Closes the listening sockets and every connection. */
void            pw_server_stop         (PwServer    *self);

/* Writes a security event to the security log and to the journal (structured fields
 * PARKWISE_EVENT, PARKWISE_USER, PARKWISE_ADDRESS). Never pass a secret. */
void            pw_server_log_security (PwServerDb  *db,
                                        const char  *event,
                                        const char  *user_name,
                                        const char  *address,
                                        const char  *detail);

G_END_DECLS
