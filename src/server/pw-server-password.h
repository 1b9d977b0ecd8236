/* pw-server-password.h — argon2id password hashes and the random source
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* OWASP's floor for argon2id: 19 MiB, two passes, one lane. */
#define PW_PASSWORD_M_COST_KIB 19456
#define PW_PASSWORD_T_COST     2
#define PW_PASSWORD_LANES      1
#define PW_PASSWORD_MIN_LENGTH 10
#define PW_PASSWORD_MAX_LENGTH 1024

gboolean  pw_random_bytes         (guint8      *buf,
                                   gsize        len,
                                   GError     **error);
char     *pw_password_hash        (const char  *password,
                                   GError     **error);
gboolean  pw_password_verify      (const char  *encoded,
                                   const char  *password);
/* Spends the time of one verification against a hash nobody owns, so an unknown
 * account answers as slowly as a known one. */
void      pw_password_verify_dummy (const char *password);
/* Makes the hash pw_password_verify_dummy() checks against, so that the first unknown
 * account does not answer more slowly (by one hashing) than a known one. */
void      pw_password_prepare_dummy (void);
gboolean  pw_password_check_policy (const char *password,
                                    GError    **error);

G_END_DECLS
