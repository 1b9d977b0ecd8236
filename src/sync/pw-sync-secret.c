/* pw-sync-secret.c — the session token in the keyring
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "pw-sync-secret.h"

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "io.github.parkwise.Parkwise.Session", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };
  return &schema;
}

static void
store_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
pw_sync_secret_store_async (const char *server, const char *user, const char *token,
                            GCancellable *cancellable, GAsyncReadyCallback callback,
                            gpointer user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  /* Translators: the label of a keyring entry; %s is the server's address */
  g_autofree char *label = g_strdup_printf (_("Parkwise session on %s"), server);

  g_task_set_source_tag (task, pw_sync_secret_store_async);
  secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                         cancellable, store_cb, task,
                         "server", server, "user", user, NULL);
}

gboolean
pw_sync_secret_store_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;
  char *token = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
}

void
pw_sync_secret_lookup_async (const char *server, const char *user, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, pw_sync_secret_lookup_async);
  secret_password_lookup (token_schema (), cancellable, lookup_cb, task,
                          "server", server, "user", user, NULL);
}

char *
pw_sync_secret_lookup_finish (GAsyncResult *result, GError **error)
{
  char *token = g_task_propagate_pointer (G_TASK (result), error);
  char *copy = g_strdup (token);

  if (token != NULL)
    secret_password_free (token);
  return copy;
}

static void
clear_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;

  /* FALSE without an error only says there was nothing to forget */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
pw_sync_secret_clear_async (const char *server, const char *user, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, pw_sync_secret_clear_async);
  secret_password_clear (token_schema (), cancellable, clear_cb, task,
                         "server", server, "user", user, NULL);
}

gboolean
pw_sync_secret_clear_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
