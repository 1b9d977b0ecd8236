/* test-disk-fault.c — parkwise-server under injected disk faults (libfiu's fiu-run with
 * its POSIX preload): fsync and pwrite fail at random while a desktop pushes; nothing the
 * server acknowledged is lost, it keeps serving, and once the disk is sound again the
 * desktop and the server agree. It also starts on a disk that refuses every write.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * argv[1] is the built parkwise-server, argv[2] fiu-run and argv[3] fiu-ctrl (fiu-utils,
 * installed by build-aux/setup.sh). PW_KILLS sets the number of push rounds (60 by
 * default), PW_SEED replays a run. */
#include "config.h"

#include "fault-util.h"

static const char *server_path, *fiu_run, *fiu_ctrl;

#define FSYNC_FAILS "posix/io/sync/fsync"
#define FDATASYNC_FAILS "posix/io/sync/fdatasync"
#define PWRITE_FAILS "posix/io/rw/pwrite"

typedef struct
{
  TestServer       *ts;
  guint             port;
  GSubprocess      *proc;
  GDataInputStream *out;
  char             *log;
  char             *fifo;     /* fiu's control pipes: this prefix, a dash and the pid */
} Server;

static void
server_log_dump (Server *s)
{
  g_autofree char *text = NULL;

  if (g_file_get_contents (s->log, &text, NULL, NULL))
    g_printerr ("# server log:\n%s\n", text);
}

/* Starts parkwise-server serve under fiu-run, the failure points @enable (fiu-run -c
 * commands, NULL-terminated) on from the first instruction; waits until it listens. */
static void
server_start (Server *s, const char *const *enable)
{
  g_autofree char *expect = g_strdup_printf ("Listening on https://127.0.0.1:%u/", s->port);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) fiu_run);
  g_ptr_array_add (argv, (gpointer) "-x");
  g_ptr_array_add (argv, (gpointer) "-f");
  g_ptr_array_add (argv, s->fifo);
  for (guint i = 0; enable != NULL && enable[i] != NULL; i++)
    {
      g_ptr_array_add (argv, (gpointer) "-c");
      g_ptr_array_add (argv, (gpointer) enable[i]);
    }
  g_ptr_array_add (argv, (gpointer) server_path);
  g_ptr_array_add (argv, (gpointer) "serve");
  g_ptr_array_add (argv, (gpointer) "--dir");
  g_ptr_array_add (argv, s->ts->dir);
  g_ptr_array_add (argv, NULL);

  g_assert_null (s->proc);
  for (int attempt = 0; attempt < 100; attempt++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
      g_autoptr(GError) error = NULL;
      g_autofree char *line = NULL;

      /* the server reports a security-log row it cannot write as a critical message and
       * carries on; fatal here, it would end the server: the log is checked instead */
      g_subprocess_launcher_setenv (launcher, "G_DEBUG", "gc-friendly", TRUE);
      g_subprocess_launcher_set_stderr_file_path (launcher, s->log);
      g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
      s->proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
      g_assert_no_error (error);
      s->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (s->proc));
      line = g_data_input_stream_read_line_utf8 (s->out, NULL, NULL, NULL);
      if (line != NULL && g_str_has_prefix (line, expect))
        return;
      g_subprocess_wait (s->proc, NULL, NULL);
      g_clear_object (&s->out);
      g_clear_object (&s->proc);
      /* a start that fails for another reason than a port still held is a failure */
      if (enable != NULL)
        break;
      g_usleep (50 * 1000);
    }
  server_log_dump (s);
  g_error ("parkwise-server did not start on port %u", s->port);
}

/* Runs fiu-ctrl with @command on the running server. */
static void
server_fiu (Server *s, const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) ctrl = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, fiu_ctrl, "-f",
                                                  s->fifo, "-c", command,
                                                  g_subprocess_get_identifier (s->proc), NULL);

  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (ctrl, NULL, &error));
  g_assert_no_error (error);
}

/* Nothing in the server's log is critical, or a warning, but what the failing disk
 * caused: refused requests, security-log rows it could not write. */
static void
server_log_check (Server *s)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (s->log, &text, NULL, NULL))
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if ((strstr (lines[i], "CRITICAL") != NULL || strstr (lines[i], "WARNING") != NULL)
        && strstr (lines[i], "database or disk is full") == NULL
        && strstr (lines[i], "disk I/O error") == NULL)
      {
        server_log_dump (s);
        g_error ("the server logged: %s", lines[i]);
      }
}

static void
server_end (Server *s, int signal)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (s->proc, signal);
  g_assert_true (g_subprocess_wait (s->proc, NULL, &error));
  g_assert_no_error (error);
  server_log_check (s);
  if (signal == SIGTERM && (!g_subprocess_get_if_exited (s->proc)
                            || g_subprocess_get_exit_status (s->proc) != 0))
    {
      server_log_dump (s);
      g_error ("parkwise-server did not stop cleanly");
    }
  g_clear_object (&s->out);
  g_clear_object (&s->proc);
}

/* A failed round is fine while the disk fails (the server answers 500 and commits
 * nothing); it must never be the desktop's own fault. */
static void
check_round (Wait *w)
{
  if (w->ok)
    return;
  g_assert_nonnull (w->error);
  g_test_message ("round refused: %s", w->error->message);
  g_clear_error (&w->error);
}

static void
test_disk_faults (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("pw-fiu-XXXXXX", &error);
  g_autofree char *park = NULL, *base = NULL;
  g_autofree char *h_server = NULL, *h_a = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(Desk) a = NULL;
  Server s = { 0 };
  guint rounds = fault_count (60), failed = 0;
  guint32 seed = fault_seed ();
  gint64 baseline, t_start = g_get_monotonic_time ();
  sqlite3 *db, *holder;

  g_assert_no_error (error);
  rand = g_rand_new_with_seed (seed);
  s.ts = test_server_prepare (NULL);
  s.port = free_port ();
  s.log = g_build_filename (tmp, "server.log", NULL);
  s.fifo = g_build_filename (tmp, "fiu-ctrl", NULL);
  {
    g_autofree char *port = g_strdup_printf ("server.port=%u", s.port);
    test_server_configure (s.ts->dir, (const char *const[]) { port, NULL });
  }
  park = fault_seed_server (s.ts);
  base = g_strdup_printf ("https://127.0.0.1:%u", s.port);

  /* a first start writes the server's triggers; a desktop loads the park */
  server_start (&s, NULL);
  a = desk_new (tmp, "a", s.ts->ca);
  desk_sign_in (a, base, "wang", "wang-password-1");
  desk_sync_ok (a);
  desk_take_spaces (a, 0, 2, 12);
  server_end (&s, SIGTERM);

  /* the disk then fills: every pwrite (SQLite's only way of writing) and every fsync
   * fails, and yet the server starts
   * (a start with nothing to change writes nothing) and answers. Another connection
   * holds the database open meanwhile: the first process to open it resets SQLite's
   * shared-memory index (truncating and growing again a 32 KB file, blocks a full disk
   * gives back as they were just freed), and fiu cannot tell that write from others. */
  holder = server_sqlite_open (s.ts->dir);
  g_assert_cmpint (sqlite_int (holder, "SELECT count(*) FROM park", NULL, 0), ==, 1);
  server_start (&s, (const char *const[]) { "enable name=" PWRITE_FAILS ",failinfo=28",
                                            "enable name=" FSYNC_FAILS ",failinfo=5",
                                            "enable name=" FDATASYNC_FAILS ",failinfo=5", NULL });
  {
    g_auto(Reply) r = { 0 };

    s.ts->base = g_strdup (base);
    s.ts->session = test_client_new (s.ts->ca);
    send_request (s.ts, &r, "GET", "/v1/sync/pull?cursor=0&schema_version=1", NULL, NULL, 0,
                  NULL);
    g_assert_cmpuint (r.status, ==, 401);
    g_clear_object (&s.ts->session);
    g_clear_pointer (&s.ts->base, g_free);
  }
  server_end (&s, SIGKILL);
  sqlite3_close (holder);

  db = server_sqlite_open (s.ts->dir);
  assert_integrity (db);
  baseline = server_cursor (db);
  sqlite3_close (db);

  /* pushes while fsync and pwrite fail at random */
  server_start (&s, NULL);
  server_fiu (&s, "enable_random name=" FSYNC_FAILS ",probability=0.1,failinfo=5");
  server_fiu (&s, "enable_random name=" FDATASYNC_FAILS ",probability=0.1,failinfo=5");
  server_fiu (&s, "enable_random name=" PWRITE_FAILS ",probability=0.01,failinfo=28");
  for (guint round = 0; round < rounds; round++)
    {
      Wait w = { 0 };

      for (guint n = (guint) g_rand_int_range (rand, 1, 4); n > 0; n--)
        g_free (desk_edit (a, rand, (guint) g_rand_int_range (rand, 1, 4), -1));
      pw_sync_service_sync_async (a->sync, NULL, wait_sync_cb, &w);
      wait_for (&w);
      if (!w.ok)
        failed++;
      check_round (&w);
      /* what the server answered is in its database, read by another process */
      db = server_sqlite_open (s.ts->dir);
      assert_answered_kept (db, a->store);
      sqlite3_close (db);
    }
  g_assert_cmpuint (failed, >, 0);        /* the faults did strike */
  g_assert_cmpuint (failed, <, rounds);   /* and pushes were acknowledged among them */

  /* the disk is sound again: the same server process serves on */
  server_fiu (&s, "disable name=" FSYNC_FAILS);
  server_fiu (&s, "disable name=" FDATASYNC_FAILS);
  server_fiu (&s, "disable name=" PWRITE_FAILS);
  for (guint i = 0; pw_sync_client_count_pending (a->store) > 0 || i < 2; i++)
    {
      g_autoptr(GError) e = NULL;

      g_assert_cmpuint (i, <, 10);
      if (!desk_sync (a, &e))
        g_test_message ("a round after the faults: %s", e->message);
    }
  desk_sync_ok (a);
  g_assert_cmpint (desk_outbox_rows (a), ==, 0);
  g_assert_cmpint (pw_sync_service_get_conflicts (a->sync), ==, 0);

  /* killed, started again without faults: sound, complete, the same as the desktop */
  server_end (&s, SIGKILL);
  server_start (&s, NULL);
  desk_sync_ok (a);
  server_end (&s, SIGTERM);
  g_test_message ("%u rounds (%u refused under faults), %" G_GINT64_FORMAT " mutations, %.1f s",
                  rounds, failed, desk_answered_mid (a->store),
                  (g_get_monotonic_time () - t_start) / 1e6);
  db = server_sqlite_open (s.ts->dir);
  assert_integrity (db);
  assert_one_change_per_applied (db, baseline, (Desk *[]) { a }, 1);
  assert_applied_once (db, a, baseline);
  sqlite3_close (db);
  {
    g_autoptr(PwServerDb) sdb = test_server_open_db (s.ts);
    h_server = store_hash (pw_server_db_get_store (sdb));
  }
  h_a = store_hash (a->store);
  g_assert_cmpstr (h_a, ==, h_server);

  g_clear_pointer (&a, desk_free);
  test_server_free (s.ts);
  g_free (s.log);
  g_free (s.fifo);
  rm_rf (tmp);
}

int
main (int argc, char **argv)
{
  pw_server_tls_init ();
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, >=, 4);
  server_path = argv[1];
  fiu_run = argv[2];
  fiu_ctrl = argv[3];
  g_test_add_func ("/disk-fault/pushes", test_disk_faults);
  return g_test_run ();
}
