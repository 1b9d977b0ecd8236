/* test-server-kill.c — parkwise-server killed with SIGKILL at random moments while two
 * desktops push (their own records, then the same records with conflicts resolved as
 * they come): nothing the server answered is lost, nothing is applied twice, and the
 * database stays sound
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * argv[1] is the built parkwise-server. PW_KILLS sets the number of kills of each test (50
 * and 20 by default; 1000 for the run by hand), PW_SEED replays a run. */
#include "config.h"

#include "fault-util.h"

static const char *server_path;

typedef struct
{
  TestServer       *ts;       /* its directory and certificate; not run in a thread */
  guint             port;
  GSubprocess      *proc;
  GDataInputStream *out;
  char             *log;
  guint             starts;
} Server;

static void
server_log_dump (Server *s)
{
  g_autofree char *text = NULL;

  if (g_file_get_contents (s->log, &text, NULL, NULL))
    g_printerr ("# server log:\n%s\n", text);
}

/* Starts parkwise-server serve and waits for it to listen (on the same port every time;
 * a port a killed server held may take a moment to be free). */
static void
server_start (Server *s)
{
  g_autofree char *expect = g_strdup_printf ("Listening on https://127.0.0.1:%u/", s->port);

  g_assert_null (s->proc);
  for (int attempt = 0; attempt < 100; attempt++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
      g_autoptr(GError) error = NULL;
      g_autofree char *line = NULL;

      g_subprocess_launcher_set_stderr_file_path (launcher, s->log);
      g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
      s->proc = g_subprocess_launcher_spawn (launcher, &error, server_path, "serve", "--dir",
                                             s->ts->dir, NULL);
      g_assert_no_error (error);
      s->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (s->proc));
      line = g_data_input_stream_read_line_utf8 (s->out, NULL, NULL, NULL);
      if (line != NULL && g_str_has_prefix (line, expect))
        {
          s->starts++;
          return;
        }
      g_subprocess_wait (s->proc, NULL, NULL);
      g_clear_object (&s->out);
      g_clear_object (&s->proc);
      g_usleep (50 * 1000);
    }
  server_log_dump (s);
  g_error ("parkwise-server did not start on port %u", s->port);
}

static void
server_kill (Server *s)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (s->proc, SIGKILL);
  g_assert_true (g_subprocess_wait (s->proc, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_if_exited (s->proc));
  if (g_subprocess_get_term_sig (s->proc) != SIGKILL) server_log_dump (s);
  g_assert_cmpint (g_subprocess_get_term_sig (s->proc), ==, SIGKILL);
  g_clear_object (&s->out);
  g_clear_object (&s->proc);
}

static void
server_stop (Server *s)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (s->proc, SIGTERM);
  g_assert_true (g_subprocess_wait (s->proc, NULL, &error));
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (s->proc) || g_subprocess_get_exit_status (s->proc) != 0)
    server_log_dump (s);
  g_assert_true (g_subprocess_get_if_exited (s->proc));
  g_assert_cmpint (g_subprocess_get_exit_status (s->proc), ==, 0);
  g_clear_object (&s->out);
  g_clear_object (&s->proc);
}

typedef struct
{
  Server   *server;
  gboolean  killed;
  Wait     *rounds[2];
  guint     in_flight;   /* kills that hit while a round was running */
} Killer;

static gboolean
kill_cb (gpointer data)
{
  Killer *k = data;

  if ((k->rounds[0] && !k->rounds[0]->done) || (k->rounds[1] && !k->rounds[1]->done))
    k->in_flight++;
  server_kill (k->server);
  k->killed = TRUE;
  return G_SOURCE_REMOVE;
}

/* A failed round is fine when the server was killed under it or the connection it
 * reused died with the last server; anything else is a bug. */
static void
check_round (Wait *w, gboolean killed, guint *offline_in_a_row)
{
  if (w->ok)
    {
      *offline_in_a_row = 0;
      return;
    }
  g_assert_nonnull (w->error);
  if (!g_error_matches (w->error, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_OFFLINE))
    g_error ("a round failed with the server up: %s", w->error->message);
  if (!killed)
    g_assert_cmpuint (++*offline_in_a_row, <, 5);
  g_clear_error (&w->error);
}

/* @shared: both desktops edit the names and notes of the same spaces, and resolve the
 * conflicts they meet after every round, keeping mine or theirs. */
static void
run_kills (gboolean shared, guint ci_kills)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("pw-kill-XXXXXX", &error);
  g_autofree char *park = NULL, *base = NULL;
  g_autofree char *h_server = NULL, *h_a = NULL, *h_b = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(Desk) a = NULL;
  g_autoptr(Desk) b = NULL;
  Server s = { 0 };
  Killer k = { &s, FALSE, { NULL, NULL }, 0 };
  guint kills = fault_count (ci_kills);
  guint offline[2] = { 0, 0 };
  guint conflicts = 0;
  gint64 baseline;
  gint64 rounds_ok = 0, max_delay = 0;
  gint64 t_start = g_get_monotonic_time ();
  guint32 seed = fault_seed ();
  sqlite3 *db;

  g_assert_no_error (error);
  rand = g_rand_new_with_seed (seed);
  s.ts = test_server_prepare (NULL);
  s.port = free_port ();
  s.log = g_build_filename (tmp, "server.log", NULL);
  {
    g_autofree char *port = g_strdup_printf ("server.port=%u", s.port);
    test_server_configure (s.ts->dir, (const char *const[]) { port, NULL });
  }
  park = fault_seed_server (s.ts);
  base = g_strdup_printf ("https://127.0.0.1:%u", s.port);

  server_start (&s);
  a = desk_new (tmp, "a", s.ts->ca);
  b = desk_new (tmp, "b", s.ts->ca);
  desk_sign_in (a, base, "wang", "wang-password-1");
  desk_sync_ok (a);
  desk_sign_in (b, base, "zhao", "zhao-password-333");
  desk_sync_ok (b);
  desk_take_spaces (a, 0, shared ? 7 : 2, shared ? 6 : 12);
  desk_take_spaces (b, shared ? 0 : 1, shared ? 7 : 2, shared ? 6 : 12);
  a->names = b->names = shared;
  server_stop (&s);
  db = server_sqlite_open (s.ts->dir);
  baseline = server_cursor (db);
  sqlite3_close (db);

  for (guint kill = 0; kill < kills; kill++)
    {
      /* kill within about three rounds of two desktops pushing (the span grows when
       * rounds are seen to take longer, so that kills keep landing inside them) */
      guint delay = (guint) g_rand_int_range (rand, 0, (gint32) MAX (150, max_delay * 3) + 1);

      server_start (&s);
      k.killed = FALSE;
      g_timeout_add (delay, kill_cb, &k);
      while (!k.killed)
        {
          Wait wa = { 0 }, wb = { 0 };
          gint64 t0;

          for (guint n = (guint) g_rand_int_range (rand, 1, 6); n > 0; n--)
            g_free (desk_edit (a, rand, (guint) g_rand_int_range (rand, 1, 4), -1));
          for (guint n = (guint) g_rand_int_range (rand, 1, 6); n > 0; n--)
            g_free (desk_edit (b, rand, (guint) g_rand_int_range (rand, 1, 4), -1));
          t0 = g_get_monotonic_time ();
          k.rounds[0] = &wa;
          k.rounds[1] = &wb;
          pw_sync_service_sync_async (a->sync, NULL, wait_sync_cb, &wa);
          pw_sync_service_sync_async (b->sync, NULL, wait_sync_cb, &wb);
          wait_for (&wa);
          wait_for (&wb);
          k.rounds[0] = k.rounds[1] = NULL;
          if (wa.ok && wb.ok)
            {
              rounds_ok++;
              max_delay = MAX (max_delay, MIN (200, (g_get_monotonic_time () - t0) / 1000));
            }
          check_round (&wa, k.killed, &offline[0]);
          check_round (&wb, k.killed, &offline[1]);
          if (shared)
            conflicts += desk_resolve_all (a, rand) + desk_resolve_all (b, rand);
        }

      /* the server is dead: what it answered must be in its database */
      db = server_sqlite_open (s.ts->dir);
      assert_integrity (db);
      assert_answered_kept (db, a->store);
      assert_answered_kept (db, b->store);
      sqlite3_close (db);
    }

  /* the last rounds, with the server up for good */
  server_start (&s);
  for (int i = 0; i < 2; i++)
    {
      Desk *d = i == 0 ? a : b;
      g_autoptr(GError) e = NULL;

      /* the first request may go out on a connection the killed server held */
      if (!desk_sync (d, &e))
        {
          g_assert_error (e, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_OFFLINE);
          desk_sync_ok (d);
        }
    }
  for (guint i = 0; i < 20; i++)
    {
      guint left;

      desk_sync_ok (a);
      desk_sync_ok (b);
      left = desk_resolve_all (a, rand) + desk_resolve_all (b, rand);
      conflicts += left;
      if (left == 0 && pw_sync_client_count_pending (a->store) == 0)
        break;
      g_assert_cmpuint (i, <, 19);
    }
  desk_sync_ok (a);
  server_stop (&s);

  g_test_message ("%u kills (%u inside a round), %" G_GINT64_FORMAT " whole rounds, %u starts,"
                  " %" G_GINT64_FORMAT "+%" G_GINT64_FORMAT " mutations, %u conflicts, %.1f s",
                  kills, k.in_flight, rounds_ok, s.starts, desk_answered_mid (a->store),
                  desk_answered_mid (b->store), conflicts,
                  (g_get_monotonic_time () - t_start) / 1e6);
  g_assert_cmpuint (k.in_flight, >=, kills / 2);

  g_assert_cmpint (desk_outbox_rows (a), ==, 0);
  g_assert_cmpint (desk_outbox_rows (b), ==, 0);
  g_assert_cmpint (pw_sync_service_get_conflicts (a->sync), ==, 0);
  g_assert_cmpint (pw_sync_service_get_conflicts (b->sync), ==, 0);
  db = server_sqlite_open (s.ts->dir);
  assert_integrity (db);
  assert_one_change_per_applied (db, baseline, (Desk *[]) { a, b }, 2);
  if (!shared)
    {
      assert_applied_once (db, a, baseline);
      assert_applied_once (db, b, baseline);
    }
  sqlite3_close (db);
  {
    g_autoptr(PwServerDb) sdb = test_server_open_db (s.ts);
    h_server = store_hash (pw_server_db_get_store (sdb));
  }
  h_a = store_hash (a->store);
  h_b = store_hash (b->store);
  g_assert_cmpstr (h_a, ==, h_server);
  g_assert_cmpstr (h_b, ==, h_server);

  g_clear_pointer (&a, desk_free);
  g_clear_pointer (&b, desk_free);
  test_server_free (s.ts);
  g_free (s.log);
  rm_rf (tmp);
}

static void
test_kill_during_pushes (void)
{
  run_kills (FALSE, 50);
}

static void
test_kill_during_conflicts (void)
{
  run_kills (TRUE, 20);
}

int
main (int argc, char **argv)
{
  pw_server_tls_init ();
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, >=, 2);
  server_path = argv[1];
  g_test_add_func ("/server-kill/during-pushes", test_kill_during_pushes);
  g_test_add_func ("/server-kill/during-conflicts", test_kill_during_conflicts);
  return g_test_run ();
}
