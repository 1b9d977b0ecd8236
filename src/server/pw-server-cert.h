/* pw-server-cert.h — a self-signed certificate for trials, and fingerprints
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes an ECDSA P-256 key (mode 0600) and a self-signed certificate for @host with the
 * subjectAltNames DNS:@host and IP:127.0.0.1 (and IP:@host when @host is an address). */
gboolean  pw_server_cert_generate            (const char       *host,
                                              const char       *cert_path,
                                              const char       *key_path,
                                              GError          **error);
/* "AB:CD:…", the SHA-256 of the certificate's DER form. */
char     *pw_server_cert_fingerprint         (GTlsCertificate  *cert);
char     *pw_server_cert_fingerprint_of_file (const char       *cert_path,
                                              GError          **error);

G_END_DECLS
