/* test-client-kill.c — a desktop killed with SIGKILL while it edits, writes its outbox
 * and applies pulled pages: its database stays sound, every edit it committed is still
 * in its outbox or on the server, and after a clean sync it holds what the server holds
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The desktop runs as a child process of this same program (--child), editing and
 * syncing in a loop and writing a line to a report file after each commit; a second
 * desktop in the parent keeps the server's change log growing so that the child's
 * pulls carry pages to apply. Every third run kills instead a desktop copying the park
 * from the server (a bootstrap of several pages). PW_KILLS sets the number of kills (25 by default), PW_SEED
 * replays a run. */
#include "config.h"

#include <fcntl.h>

#include "fault-util.h"

#define CHILD_USER     "wang"
#define CHILD_PASSWORD "wang-password-1"

static int report_fd = -1;
static gboolean syncing;

static void
report (const char *line)
{
  g_assert_cmpint (write (report_fd, line, strlen (line)), ==, (gssize) strlen (line));
}

/* A push's results, a pulled page or a bootstrap page committed during a sync. */
static void
store_changed_cb (PwStore *store, gpointer data)
{
  if (syncing)
    report ("page\n");
}

/* --child PATH CA BASE TAG SEED REPORT: edits and syncs. */
static int
child_main (char **argv)
{
  g_autoptr(Desk) d = desk_new_at (argv[2], argv[5], argv[3]);
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (argv[6], NULL, 10));

  report_fd = open (argv[7], O_WRONLY | O_APPEND | O_CLOEXEC);
  g_assert_cmpint (report_fd, >=, 0);
  desk_take_spaces (d, 0, 2, 12);
  desk_sign_in (d, argv[4], CHILD_USER, CHILD_PASSWORD);
  g_signal_connect (d->store, "changed", G_CALLBACK (store_changed_cb), NULL);
  report ("ready\n");
  for (;;)
    {
      report ("edit\n");
      for (guint n = (guint) g_rand_int_range (rand, 1, 6); n > 0; n--)
        g_free (desk_edit (d, rand, (guint) g_rand_int_range (rand, 1, 4), report_fd));
      report ("sync\n");
      syncing = TRUE;
      desk_sync (d, NULL);
      syncing = FALSE;
    }
  return 0;
}

/* --bootstrap-child PATH CA BASE REPORT: copies the park from the server, page by page,
 * and starts again from an empty database each time the copy is whole. */
static int
bootstrap_child_main (char **argv)
{
  g_autoptr(Desk) d = desk_new_at (argv[2], "fresh", argv[3]);

  report_fd = open (argv[5], O_WRONLY | O_APPEND | O_CLOEXEC);
  g_assert_cmpint (report_fd, >=, 0);
  g_signal_connect (d->store, "changed", G_CALLBACK (store_changed_cb), NULL);
  syncing = TRUE;
  report ("ready\n");
  desk_sign_in (d, argv[4], CHILD_USER, CHILD_PASSWORD);
  for (;;)
    {
      report ("sync\n");
      desk_sync (d, NULL);
      if (store_int (d->store, "SELECT count(*) FROM meta WHERE key = 'sync_bootstrapped'", NULL))
        {
          g_autoptr(GError) error = NULL;

          report ("reset\n");
          g_assert_true (pw_sync_client_reset (d->store, &error));
          g_assert_no_error (error);
        }
    }
  return 0;
}

static gint64
count2 (sqlite3 *db, const char *sql, const char *a, const char *b)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

typedef struct
{
  GSubprocess *child;
  gboolean     killed;
} Killer;

static gboolean
kill_cb (gpointer data)
{
  Killer *k = data;

  g_subprocess_send_signal (k->child, SIGKILL);
  k->killed = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits (up to a minute) for the child to write its first line. */
static void
wait_ready (GSubprocess *child, const char *report)
{
  for (int i = 0; i < 60000 / 5; i++)
    {
      g_autofree char *text = NULL;

      if (g_file_get_contents (report, &text, NULL, NULL) && g_str_has_prefix (text, "ready\n"))
        return;
      if (g_subprocess_get_identifier (child) == NULL)
        g_error ("the desktop process ended before signing in");
      g_usleep (5000);
    }
  g_error ("the desktop process did not sign in within a minute");
}

static void
test_kill_desktop (void)
{
  static const char *const limits[] = {
    "limits.signin_pair_burst=1000", "limits.signin_address_burst=100000",
    "limits.signin_account_burst=100000", NULL
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("pw-ckill-XXXXXX", &error);
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *report = NULL, *park = NULL;
  g_autofree char *h_server = NULL, *h_c = NULL, *h_w = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(Desk) c = NULL;
  g_autoptr(Desk) w = NULL;
  g_autoptr(Desk) fresh = NULL;
  g_autofree char *fresh_path = NULL;
  TestServer *ts;
  guint kills = fault_count (25);
  guint in_sync = 0, in_edit = 0, in_pages = 0, boots = 0, boot_pages = 0;
  guint committed = 0, still_out = 0, on_server = 0;
  gint64 baseline;
  gint64 t_start = g_get_monotonic_time ();
  guint32 seed = fault_seed ();
  sqlite3 *sdb;

  g_assert_no_error (error);
  g_assert_nonnull (self_path);
  rand = g_rand_new_with_seed (seed);
  ts = test_server_prepare (limits);
  park = fault_seed_server (ts);
  test_server_run (ts);
  report = g_build_filename (tmp, "report", NULL);
  fresh_path = g_build_filename (tmp, "desk-fresh.db", NULL);

  /* the desktop the child runs, bootstrapped here; and the one that keeps writing */
  c = desk_new (tmp, "c", ts->ca);
  desk_sign_in (c, ts->base, CHILD_USER, CHILD_PASSWORD);
  desk_sync_ok (c);
  desk_take_spaces (c, 0, 2, 12);
  desk_close (c);
  w = desk_new (tmp, "w", ts->ca);
  desk_sign_in (w, ts->base, "zhao", "zhao-password-333");
  desk_sync_ok (w);
  desk_take_spaces (w, 1, 2, 40);
  sdb = server_sqlite_open (ts->dir);
  baseline = server_cursor (sdb);
  sqlite3_close (sdb);

  for (guint run = 0; run < kills; run++)
    {
      gboolean boot = run % 3 == 2;
      g_autofree char *tag = g_strdup_printf ("c%u", run);
      g_autofree char *child_seed = g_strdup_printf ("%u", g_rand_int (rand));
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;
      g_autoptr(PwStore) store = NULL;
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      const char *last = "ready";
      Killer k = { NULL, FALSE };
      sqlite3 *cdb = NULL;

      g_assert_true (g_file_set_contents (report, "", 0, &error));
      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
      g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
      if (boot)
        k.child = g_subprocess_launcher_spawn (launcher, &error, self_path, "--bootstrap-child",
                                               fresh_path, ts->ca, ts->base, report, NULL);
      else
        k.child = g_subprocess_launcher_spawn (launcher, &error, self_path, "--child", c->path,
                                               ts->ca, ts->base, tag, child_seed, report, NULL);
      g_assert_no_error (error);
      wait_ready (k.child, report);

      /* the other desktop writes while the child runs, until the kill */
      g_timeout_add ((guint) g_rand_int_range (rand, 0, 700), kill_cb, &k);
      while (!k.killed)
        {
          for (guint n = 0; n < 2; n++)
            g_free (desk_edit (w, rand, (guint) g_rand_int_range (rand, 10, 41), -1));
          desk_sync_ok (w);
        }
      g_assert_true (g_subprocess_wait (k.child, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (k.child));
      g_assert_cmpint (g_subprocess_get_term_sig (k.child), ==, SIGKILL);
      g_clear_object (&k.child);
      g_assert_true (g_file_get_contents (report, &text, NULL, &error));
      lines = g_strsplit (text, "\n", -1);

      if (boot)
        {
          /* sound, and a copy from the server writes nothing to push back */
          g_assert_cmpint (sqlite3_open_v2 (fresh_path, &cdb, SQLITE_OPEN_READWRITE, NULL), ==,
                           SQLITE_OK);
          assert_integrity (cdb);
          g_assert_cmpint (sqlite_int (cdb, "SELECT count(*) FROM outbox", NULL, 0), ==, 0);
          sqlite3_close (cdb);
          for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
            last = g_intern_string (lines[i]);
          boots++;
          boot_pages += g_str_equal (last, "page");
          continue;
        }

      /* the database is sound, the outbox a run of pending mutations after those the
       * server answered */
      g_assert_cmpint (sqlite3_open_v2 (c->path, &cdb, SQLITE_OPEN_READWRITE, NULL), ==,
                       SQLITE_OK);
      assert_integrity (cdb);
      g_assert_cmpint (sqlite_int (cdb, "SELECT count(*) - coalesce(max(mid) - min(mid) + 1, 0)"
                                        " FROM outbox WHERE state = 'pending'", NULL, 0), ==, 0);
      sdb = server_sqlite_open (ts->dir);
      store = pw_store_open (c->path, &error);
      g_assert_no_error (error);
      assert_answered_kept (sdb, store);
      g_clear_object (&store);

      /* every edit the child committed is in its outbox or on the server, once */
      for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
        {
          g_auto(GStrv) parts = g_strsplit (lines[i], " ", 3);
          gint64 out, server;

          if (!g_str_equal (parts[0], "committed"))
            {
              last = g_intern_string (parts[0]);
              continue;
            }
          g_assert_nonnull (parts[1]);
          g_assert_nonnull (parts[2]);
          out = count2 (cdb, "SELECT count(*) FROM outbox WHERE entity_id = ?1"
                             " AND fields ->> 'notes' = ?2", parts[1], parts[2]);
          server = count2 (sdb, "SELECT count(*) FROM sync_change WHERE entity_id = ?1"
                                " AND record ->> 'notes' = ?2", parts[1], parts[2]);
          if (out + server == 0)
            g_error ("the committed edit %s of space %s is neither in the outbox nor on the"
                     " server", parts[2], parts[1]);
          g_assert_cmpint (out, <=, 1);
          g_assert_cmpint (server, <=, 1);
          committed++;
          still_out += out > 0;
          on_server += server > 0;
        }
      if (g_str_equal (last, "page"))
        in_pages++;
      else if (g_str_equal (last, "sync"))
        in_sync++;
      else if (g_str_equal (last, "edit"))
        in_edit++;
      sqlite3_close (sdb);
      sqlite3_close (cdb);
    }

  g_test_message ("%u kills: %u while editing, %u while syncing before it wrote anything,"
                  " %u after the round wrote a result or page; %u edits reported committed,"
                  " %u of them still in the outbox, %u on the server; %u kills during"
                  " bootstraps, %u of them after a page was written; %.1f s",
                  kills, in_edit, in_sync, in_pages, committed, still_out, on_server, boots,
                  boot_pages, (g_get_monotonic_time () - t_start) / 1e6);
  g_assert_cmpuint (in_sync + in_pages, >, 0);

  /* restarted, the desktop converges */
  desk_open (c);
  desk_sign_in (c, ts->base, CHILD_USER, CHILD_PASSWORD);
  desk_sync_ok (c);
  desk_sync_ok (w);
  g_assert_cmpint (desk_outbox_rows (c), ==, 0);
  g_assert_cmpint (desk_outbox_rows (w), ==, 0);
  g_assert_cmpint (pw_sync_service_get_conflicts (c->sync), ==, 0);
  sdb = server_sqlite_open (ts->dir);
  assert_integrity (sdb);
  assert_applied_once (sdb, c, baseline);
  assert_applied_once (sdb, w, baseline);
  sqlite3_close (sdb);
  {
    g_autoptr(PwServerDb) db = test_server_open_db (ts);
    h_server = store_hash (pw_server_db_get_store (db));
  }
  h_c = store_hash (c->store);
  h_w = store_hash (w->store);
  g_assert_cmpstr (h_c, ==, h_server);
  g_assert_cmpstr (h_w, ==, h_server);

  /* the copy killed mid-bootstrap completes and holds the same */
  if (boots > 0)
    {
      g_autofree char *h_fresh = NULL;

      fresh = desk_new_at (fresh_path, "fresh", ts->ca);
      desk_sign_in (fresh, ts->base, CHILD_USER, CHILD_PASSWORD);
      desk_sync_ok (fresh);
      g_assert_cmpint (desk_outbox_rows (fresh), ==, 0);
      h_fresh = store_hash (fresh->store);
      g_assert_cmpstr (h_fresh, ==, h_server);
      g_clear_pointer (&fresh, desk_free);
    }

  g_clear_pointer (&c, desk_free);
  g_clear_pointer (&w, desk_free);
  test_server_free (ts);
  rm_rf (tmp);
}

int
main (int argc, char **argv)
{
  if (argc == 8 && g_str_equal (argv[1], "--child"))
    return child_main (argv);
  if (argc == 6 && g_str_equal (argv[1], "--bootstrap-child"))
    return bootstrap_child_main (argv);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/client-kill/desktop", test_kill_desktop);
  return g_test_run ();
}
