/* test-sync-keyring.c — the session token lives in the keyring: it survives a restart of
 * the desktop, is never the password, and goes at sign-out
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs its own D-Bus session (GTestDBus) with an unlocked gnome-keyring-daemon on it, so
 * it touches no real keyring. */
#include "config.h"

#include <libsecret/secret.h>
#include <signal.h>
#include <sys/types.h>

#include "net-util.h"
#include "pw-demo.h"
#include "pw-ledger.h"
#include "pw-server-db.h"
#include "pw-sync-secret.h"
#include "pw-sync-service.h"

static GPid keyring_pid;

static void
start_keyring (const char *home)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *runtime = g_build_filename (home, "runtime", NULL);
  const char *argv[] = { "gnome-keyring-daemon", "--foreground", "--unlock",
                         "--components=secrets", NULL };
  int in_fd = -1;

  g_mkdir_with_parents (data, 0700);
  g_mkdir_with_parents (runtime, 0700);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                           G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                                           NULL, NULL, &keyring_pid, &in_fd, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (write (in_fd, "keyring-password", 16), ==, 16);
  close (in_fd);
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
  char    *token;
} Wait;

static void
wait_for (Wait *w)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!w->done)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
sign_in_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *w = data;

  w->ok = pw_sync_service_sign_in_finish (PW_SYNC_SERVICE (source), result, &w->error);
  w->done = TRUE;
}

static void
sign_out_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *w = data;

  w->ok = pw_sync_service_sign_out_finish (PW_SYNC_SERVICE (source), result, &w->error);
  w->done = TRUE;
}

static void
lookup_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *w = data;

  w->token = pw_sync_secret_lookup_finish (result, &w->error);
  w->done = TRUE;
}

static char *
lookup (const char *server, const char *user)
{
  Wait w = { 0 };

  pw_sync_secret_lookup_async (server, user, NULL, lookup_cb, &w);
  wait_for (&w);
  g_assert_no_error (w.error);
  return w.token;
}

static void
wait_state (PwSyncService *sync, PwSyncState state)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (pw_sync_service_get_state (sync) != state)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
test_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("pw-keyring-XXXXXX", &error);
  g_autofree char *path = g_build_filename (tmp, "desk.db", NULL);
  static GTestDBus *bus;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(PwSyncService) sync = NULL;
  g_autofree char *park = NULL;
  g_autofree char *token = NULL;
  TestServer *ts;
  Wait w = { 0 };

  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  {
    /* the bus goes before libsecret lets go of it: that must not end the test */
    g_autoptr(GDBusConnection) connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
    g_assert_no_error (error);
    g_dbus_connection_set_exit_on_close (connection, FALSE);
  }
  start_keyring (tmp);

  ts = test_server_prepare (NULL);
  park = test_server_seed_demo (ts);
  test_server_add_grantee (ts, "wang", "wang-password-1", park, "viewer");
  test_server_run (ts);

  store = pw_store_open (path, &error);
  g_assert_no_error (error);
  sync = pw_sync_service_new (store, TRUE);
  g_assert_true (pw_sync_service_set_ca_file (sync, ts->ca, &error));
  pw_sync_service_sign_in_async (sync, ts->base, "wang", "wang-password-1", NULL, sign_in_cb, &w);
  wait_for (&w);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  token = lookup (ts->base, "wang");
  g_assert_nonnull (token);
  g_assert_cmpuint (strlen (token), >=, 22);  /* at least 128 bits, base64 */
  g_assert_cmpstr (token, !=, "wang-password-1");
  wait_state (sync, PW_SYNC_STATE_SYNCED);
  g_assert_cmpint (pw_store_count (store, "park"), ==, 1);

  /* a restart: a new service finds the session in the keyring and syncs with it */
  g_clear_object (&sync);
  g_clear_object (&store);
  store = pw_store_open (path, &error);
  g_assert_no_error (error);
  sync = pw_sync_service_new (store, TRUE);
  g_assert_true (pw_sync_service_set_ca_file (sync, ts->ca, &error));
  pw_sync_service_start (sync);
  wait_state (sync, PW_SYNC_STATE_SYNCING);
  wait_state (sync, PW_SYNC_STATE_SYNCED);

  /* signing out forgets it */
  memset (&w, 0, sizeof w);
  pw_sync_service_sign_out_async (sync, NULL, sign_out_cb, &w);
  wait_for (&w);
  g_assert_no_error (w.error);
  g_free (token);
  token = lookup (ts->base, "wang");
  g_assert_null (token);
  g_assert_cmpint (pw_sync_service_get_state (sync), ==, PW_SYNC_STATE_SIGNED_OUT);

  g_clear_object (&sync);
  g_clear_object (&store);
  test_server_free (ts);
  /* libsecret keeps the bus connection of its default service */
  secret_service_disconnect ();
  kill (keyring_pid, SIGTERM);
  g_spawn_close_pid (keyring_pid);
  /* libsecret keeps proxies on the bus until the process ends; GTestDBus's watcher
   * stops the daemon then */
  rm_rf (tmp);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync-keyring/token-survives-restart", test_keyring);
  return g_test_run ();
}
