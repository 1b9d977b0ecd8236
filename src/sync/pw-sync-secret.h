/* pw-sync-secret.h — the session token a desktop holds for a Parkwise server, kept in
 * the user's keyring (libsecret; the Secret portal under Flatpak). The password is
 * never stored anywhere.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Stores @token for @user on @server (an https:// address), replacing any kept. */
void      pw_sync_secret_store_async   (const char          *server,
                                        const char          *user,
                                        const char          *token,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  pw_sync_secret_store_finish  (GAsyncResult        *result,
                                        GError             **error);

/* The token kept for @user on @server; NULL without error when there is none. */
void      pw_sync_secret_lookup_async  (const char          *server,
                                        const char          *user,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
char     *pw_sync_secret_lookup_finish (GAsyncResult        *result,
                                        GError             **error);

/* Forgets the token kept for @user on @server, if any. */
void      pw_sync_secret_clear_async   (const char          *server,
                                        const char          *user,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  pw_sync_secret_clear_finish  (GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
