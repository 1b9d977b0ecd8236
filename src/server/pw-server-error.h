/* pw-server-error.h — the error domain of libparkwise-server
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PW_SERVER_ERROR (pw_server_error_quark ())

typedef enum {
  PW_SERVER_ERROR_EXISTS,      /* init would overwrite a server directory */
  PW_SERVER_ERROR_CONFIG,      /* the configuration file has a missing or bad key */
  PW_SERVER_ERROR_NOT_FOUND,   /* no such user */
  PW_SERVER_ERROR_INVALID,     /* a name, role, password or code is not acceptable */
  PW_SERVER_ERROR_CERTIFICATE, /* the certificate could not be made or read */
  PW_SERVER_ERROR_CRYPTO,      /* hashing or the random source failed */
  PW_SERVER_ERROR_TOO_NEW,     /* the server tables were written by a newer version */
  PW_SERVER_ERROR_BACKUP,      /* the online backup failed */
  PW_SERVER_ERROR_JSON,        /* a request body is not acceptable JSON */
} PwServerError;

GQuark pw_server_error_quark (void);

G_END_DECLS
