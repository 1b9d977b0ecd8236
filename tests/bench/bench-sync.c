/* bench-sync.c — the sync engine in-process, on files with synchronous=FULL: push
 * throughput, pull page latency, and a bootstrap of 100,000 records into a new desktop
 * (each message through its JSON text, as over HTTPS, without the network)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "bench-common.h"
#include "pw-sync.h"

static PwStore *
open_at (const char *dir, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  PwStore *store = pw_store_open (path, &error);

  if (store == NULL)
    g_error ("%s", error->message);
  pw_ledger_attach (store);
  return store;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("parkwise-bench-sync-XXXXXX", NULL);
  g_autoptr(PwStore) server = open_at (dir, "server.db");
  g_autoptr(PwStore) desk = open_at (dir, "desk.db");
  g_autoptr(PwStore) fresh = open_at (dir, "fresh.db");
  g_autoptr(PwSyncActor) admin = pw_sync_actor_new ("admin", TRUE);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *token = NULL;
  g_autofree char *park = NULL;
  gint64 start, pushed = 0, records = 0, cursor = 0;
  gint64 server_us = 0, codec_us = 0, client_us = 0;
  double ms;
  gboolean more = TRUE;

  if (!pw_sync_server_init (server, &error))
    g_error ("%s", error->message);

  /* a desktop made 10,000 spaces offline (5 buildings × 4 floors × 500) */
  park = bench_generate_park (desk, 5, 4, 500);
  start = g_get_monotonic_time ();
  while (pw_sync_client_count_pending (desk) > 0)
    {
      g_autoptr(PwSyncPush) built = pw_sync_client_build_push (desk, 1000, &error);
      g_autofree char *request = pw_sync_push_encode (built);
      g_autoptr(PwSyncPush) push = pw_sync_push_decode (request, strlen (request), &error);
      g_autoptr(JsonObject) response = NULL;
      g_autofree char *reply = NULL;
      g_autoptr(JsonObject) result = NULL;

      if (push == NULL)
        g_error ("%s", error->message);
      response = pw_sync_server_push (server, admin, push, &error);
      if (response == NULL)
        g_error ("%s", error->message);
      reply = pw_sync_encode_object (response);
      result = pw_sync_push_result_decode (reply, strlen (reply), &error);
      if (result == NULL || !pw_sync_client_apply_push_result (desk, result, &error))
        g_error ("%s", error->message);
      pushed += push->mutations->len;
    }
  ms = bench_ms_since (start);
  printf ("push: %" G_GINT64_FORMAT " mutations in %.0f ms, %.0f mutations/s (1000 a push,"
          " synchronous=FULL)\n", pushed, ms, pushed / (ms / 1000.0));

  /* pull the whole log back in pages of 500 */
  while (more)
    {
      g_autoptr(JsonObject) page = NULL;
      g_autofree char *text = NULL;
      g_autoptr(JsonObject) read = NULL;

      start = g_get_monotonic_time ();
      page = pw_sync_server_pull (server, admin, cursor, 500, &error);
      if (page == NULL)
        g_error ("%s", error->message);
      text = pw_sync_encode_object (page);
      ms = bench_ms_since (start);
      g_array_append_val (times, ms);
      read = pw_sync_page_decode (text, strlen (text), &error);
      if (read == NULL || !pw_sync_client_apply_pull (desk, read, &error))
        g_error ("%s", error->message);
      cursor = json_object_get_int_member (read, "cursor");
      more = json_object_get_boolean_member (read, "more");
    }
  g_array_sort (times, compare_double);
  printf ("pull: %u pages of 500 changes (server side, to JSON text): p50 %.1f ms, p99 %.1f ms\n",
          times->len, g_array_index (times, double, times->len / 2),
          g_array_index (times, double, MIN (times->len - 1, times->len * 99 / 100)));

  /* 100,000 records on the server, bootstrapped into a new desktop */
  g_clear_object (&server);
  server = open_at (dir, "big.db");
  if (!pw_sync_server_init (server, &error))
    g_error ("%s", error->message);
  g_free (bench_generate_park (server, 10, 10, 1000));
  start = g_get_monotonic_time ();
  do
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(JsonObject) page = pw_sync_server_bootstrap (server, admin, token, 1000, &error);
      g_autofree char *text = NULL;
      g_autoptr(JsonObject) read = NULL;
      gint64 t1, t2, t3;

      if (page == NULL)
        g_error ("%s", error->message);
      t1 = g_get_monotonic_time ();
      text = pw_sync_encode_object (page);
      read = pw_sync_bootstrap_decode (text, strlen (text), &error);
      t2 = g_get_monotonic_time ();
      if (read == NULL || !pw_sync_client_apply_bootstrap (fresh, read, &error))
        g_error ("%s", error->message);
      t3 = g_get_monotonic_time ();
      server_us += t1 - t0;
      codec_us += t2 - t1;
      client_us += t3 - t2;
      records += json_array_get_length (json_object_get_array_member (read, "records"));
      g_free (token);
      token = JSON_NODE_HOLDS_NULL (json_object_get_member (read, "next"))
                ? NULL : g_strdup (json_object_get_string_member (read, "next"));
    }
  while (token != NULL);
  ms = bench_ms_since (start);
  printf ("bootstrap: %" G_GINT64_FORMAT " records in %.0f ms (pages of 1000, synchronous=FULL):"
          " server %.0f ms, JSON text both ways %.0f ms, desktop %.0f ms\n",
          records, ms, server_us / 1000.0, codec_us / 1000.0, client_us / 1000.0);
  {
    g_autofree char *a = pw_sync_content_hash (server, NULL);
    g_autofree char *b = pw_sync_content_hash (fresh, NULL);
    printf ("bootstrap copy identical: %s\n", g_strcmp0 (a, b) == 0 ? "yes" : "NO");
  }

  g_clear_object (&server);
  g_clear_object (&desk);
  g_clear_object (&fresh);
  {
    GDir *d = g_dir_open (dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
    if (d)
      g_dir_close (d);
    g_rmdir (dir);
  }
  return 0;
}
