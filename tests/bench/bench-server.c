/* bench-server.c — parkwise-server over HTTPS on loopback: sign-in latency (1,000 samples,
 * so the p99 is the tenth slowest), push throughput, pull page latency, a bootstrap of
 * 100,000 records, and (with wrk installed) 64 connections for 30 s each pulling and
 * pushing, with their p99
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run with `meson test -C _build --benchmark --suite bench bench-server` or directly;
 * `bench-server --quick` shortens every phase. Figures go to standard output; docs/server.md
 * states them. The push and sign-in limits are raised: this measures what the server
 * holds, not its limits. */
#include "config.h"

#include "net-util.h"

#define PASSWORD "the benchmark's passphrase"

static int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static void
report (const char *what, GArray *us)
{
  gint64 sum = 0;

  g_array_sort (us, compare_gint64);
  for (guint i = 0; i < us->len; i++)
    sum += g_array_index (us, gint64, i);
  g_print ("%-34s n=%-5u mean %7.2f ms  p50 %7.2f ms  p99 %7.2f ms\n", what, us->len,
           sum / 1000.0 / us->len, g_array_index (us, gint64, us->len / 2) / 1000.0,
           g_array_index (us, gint64, MIN (us->len - 1, us->len * 99 / 100)) / 1000.0);
}

static char *
post_push (TestServer *ts, const char *token, PwSyncPush *push)
{
  g_autofree char *body = pw_sync_push_encode (push);
  g_autofree char *auth = g_strconcat ("Authorization: Bearer ", token, NULL);
  const char *headers[] = { auth, NULL };
  g_auto(Reply) r = { 0 };

  send_request (ts, &r, "POST", "/v1/sync/push", "application/json", body, -1, headers);
  g_assert_cmpuint (r.status, ==, 200);
  return g_steal_pointer (&r.body);
}

/* A wrk script that pushes one new customer per request, each from a new client id (so
 * that 64 connections never race one client's mids): a real write every time. */
static char *
write_push_script (TestServer *ts, const char *token, const char *park)
{
  g_autoptr(PwSyncPush) push = pw_sync_push_new ("@C@");
  JsonObject *fields = json_object_new ();
  g_autofree char *template = NULL;
  g_autofree char *lua = NULL;
  g_autofree char *path = g_build_filename (ts->dir, "push.lua", NULL);
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (fields, "park_id", park);
  json_object_set_string_member (fields, "kind", "company");
  json_object_set_string_member (fields, "name", "Tenant under load");
  json_object_set_string_member (fields, "tags", "[]");
  pw_sync_push_add (push, 1, "customer", "@I@", PW_MUTATION_INSERT, 0, fields);
  json_object_unref (fields);
  template = pw_sync_push_encode (push);
  lua = g_strdup_printf (
    "local template = [==[%s]==]\n"
    "local headers = { [\"Content-Type\"] = \"application/json\",\n"
    "                  [\"Authorization\"] = \"Bearer %s\" }\n"
    "local function uuid ()\n"
    "  return string.format (\"%%08x-%%04x-4%%03x-%%04x-%%04x%%08x\",\n"
    "    math.random (0, 2147483647), math.random (0, 65535), math.random (0, 4095),\n"
    "    32768 + math.random (0, 16383), math.random (0, 65535), math.random (0, 2147483647))\n"
    "end\n"
    "function init (args)\n"
    "  math.randomseed (os.time () + tonumber (tostring ({}):match (\"0x(%%x+)\"), 16) %% 1000003)\n"
    "end\n"
    "function request ()\n"
    "  local body = template:gsub (\"@C@\", uuid ())\n"
    "  body = body:gsub (\"@I@\", uuid ())\n"
    "  return wrk.format (\"POST\", \"/v1/sync/push\", headers, body)\n"
    "end\n", template, token);
  g_assert_true (g_file_set_contents (path, lua, -1, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* Runs wrk with 64 connections and prints its throughput, latency percentiles and
 * errors; every reply must be a 2xx without socket errors. */
static void
run_wrk (const char *wrk, gboolean quick, const char *what, const char *const *extra)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;

  g_ptr_array_add (args, (char *) wrk);
  for (const char *const *a = (const char *const[]) { "-t", "2", "-c", "64", "-d",
                                                      quick ? "10s" : "30s", "--latency",
                                                      "--timeout", "10s", NULL }; *a; a++)
    g_ptr_array_add (args, (char *) *a);
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (args, (char *) extra[i]);
  g_ptr_array_add (args, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  lines = g_strsplit (out, "\n", -1);
  for (char **p = lines; *p; p++)
    {
      g_strstrip (*p);
      if (strstr (*p, "Requests/sec") || strstr (*p, "requests in") || strstr (*p, "Non-2xx")
          || strstr (*p, "Socket errors")
          || (g_str_has_prefix (*p, "Latency ") && !strstr (*p, "Distribution"))
          || g_str_has_prefix (*p, "50%") || g_str_has_prefix (*p, "90%")
          || g_str_has_prefix (*p, "99%"))
        g_print ("wrk 64 connections, %s: %s\n", what, *p);
    }
  g_assert_null (strstr (out, "Non-2xx"));
  g_assert_null (strstr (out, "Socket errors"));
}

int
main (int argc, char **argv)
{
  gboolean quick = argc > 1 && g_str_equal (argv[1], "--quick");
  guint n_signins = quick ? 20 : 1000;
  guint n_batches = quick ? 4 : 200, batch = 500;  /* 100,000 customers and the park */
  guint n_pulls = quick ? 20 : 200;
  TestServer *ts;
  g_autoptr(GArray) us = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *token = NULL;
  g_autofree char *client_id = pw_uuid_new ();
  g_autofree char *park = pw_uuid_new ();
  g_autofree char *wrk = g_find_program_in_path ("wrk");
  gint64 mid = 1, t0, total;

  pw_server_tls_init ();
  g_log_set_writer_func (g_log_writer_default, NULL, NULL);
  g_setenv ("G_MESSAGES_DEBUG", "", TRUE);
  ts = test_server_prepare ((const char *const[]) { "limits.signin_pair_burst=1000",
                                                    "limits.signin_address_burst=100000",
                                                    "limits.signin_account_burst=100000",
                                                    "limits.push_user_burst=1000000",
                                                    "limits.push_address_burst=1000000",
                                                    NULL });
  test_server_add_user (ts, "bench", PASSWORD, TRUE);
  test_server_run (ts);

  /* sign-in: an argon2id verification (19 MiB, 2 passes) plus a session row */
  for (guint i = 0; i < n_signins; i++)
    {
      g_auto(Reply) r = { 0 };
      g_autofree char *t = NULL;

      t0 = g_get_monotonic_time ();
      t = sign_in_as (ts, &r, "bench", PASSWORD, NULL);
      g_array_append_val (us, (gint64) { g_get_monotonic_time () - t0 });
      g_assert_nonnull (t);
      if (token == NULL)
        token = g_steal_pointer (&t);
    }
  report ("sign-in", us);

  /* push: batches of customers into one park, synchronous=FULL, one commit per batch */
  {
    g_autoptr(PwSyncPush) push = pw_sync_push_new (client_id);
    JsonObject *fields = json_object_new ();
    g_autofree char *reply = NULL;

    json_object_set_string_member (fields, "code", "BENCH");
    json_object_set_string_member (fields, "name", "Benchmark park");
    json_object_set_string_member (fields, "code_pattern", "{building}-{floor}-{seq:3}");
    json_object_set_string_member (fields, "currency", "CNY");
    pw_sync_push_add (push, mid++, "park", park, PW_MUTATION_INSERT, 0, fields);
    json_object_unref (fields);
    reply = post_push (ts, token, push);
    g_assert_nonnull (strstr (reply, "\"applied\""));
  }
  g_array_set_size (us, 0);
  total = 0;
  for (guint b = 0; b < n_batches; b++)
    {
      g_autoptr(PwSyncPush) push = pw_sync_push_new (client_id);
      g_autofree char *reply = NULL;
      gint64 dt;

      for (guint i = 0; i < batch; i++)
        {
          g_autofree char *id = pw_uuid_new ();
          g_autofree char *name = g_strdup_printf ("Tenant %u-%u", b, i);
          JsonObject *fields = json_object_new ();

          json_object_set_string_member (fields, "park_id", park);
          json_object_set_string_member (fields, "kind", "company");
          json_object_set_string_member (fields, "name", name);
          json_object_set_string_member (fields, "tags", "[]");
          pw_sync_push_add (push, mid++, "customer", id, PW_MUTATION_INSERT, 0, fields);
          json_object_unref (fields);
        }
      t0 = g_get_monotonic_time ();
      reply = post_push (ts, token, push);
      dt = g_get_monotonic_time () - t0;
      total += dt;
      g_array_append_val (us, dt);
      g_assert_null (strstr (reply, "\"rejected\""));
    }
  {
    g_autofree char *what = g_strdup_printf ("push of %u mutations", batch);
    report (what, us);
  }
  g_print ("%-34s %.0f mutations/s over HTTPS\n", "push throughput",
           (double) n_batches * batch / (total / 1e6));

  /* pull: a 500-change page from the start of the log */
  g_array_set_size (us, 0);
  for (guint i = 0; i < n_pulls; i++)
    {
      g_auto(Reply) r = { 0 };

      t0 = g_get_monotonic_time ();
      send_authed (ts, &r, "GET", "/v1/sync/pull?cursor=0&limit=500", token);
      g_array_append_val (us, (gint64) { g_get_monotonic_time () - t0 });
      g_assert_cmpuint (r.status, ==, 200);
    }
  report ("pull of a 500-change page", us);

  /* bootstrap: every record, in pages of 1000, as a new desktop would fetch them */
  {
    g_autofree char *next = NULL;
    guint records = 0, pages = 0;

    t0 = g_get_monotonic_time ();
    do
      {
        g_auto(Reply) r = { 0 };
        g_autofree char *escaped = next ? g_uri_escape_string (next, NULL, TRUE) : NULL;
        g_autofree char *path = next ? g_strdup_printf ("/v1/sync/bootstrap?limit=1000&token=%s",
                                                        escaped)
                                     : g_strdup ("/v1/sync/bootstrap?limit=1000");
        JsonObject *page;
        JsonNode *n;

        send_authed (ts, &r, "GET", path, token);
        g_assert_cmpuint (r.status, ==, 200);
        page = json_node_get_object (r.json);
        records += json_array_get_length (json_object_get_array_member (page, "records"));
        pages++;
        n = json_object_get_member (page, "next");
        g_clear_pointer (&next, g_free);
        if (n != NULL && !JSON_NODE_HOLDS_NULL (n))
          next = g_strdup (json_node_get_string (n));
      }
    while (next != NULL);
    total = g_get_monotonic_time () - t0;
    g_print ("%-34s %u records in %u pages: %.2f s (%.0f records/s, server side and transfer)\n",
             "bootstrap over HTTPS", records, pages, total / 1e6, records / (total / 1e6));
  }

  /* 64 connections at once for 30 s (10 s with --quick), pulling and then pushing, when
   * wrk is installed */
  if (wrk != NULL)
    {
      g_autofree char *auth = g_strconcat ("Authorization: Bearer ", token, NULL);
      g_autofree char *url = g_strdup_printf ("%s/v1/sync/pull?cursor=0&limit=10&schema_version=1",
                                              ts->base);
      g_autofree char *script = write_push_script (ts, token, park);

      run_wrk (wrk, quick, "pull of 10 changes", (const char *[]) { "-H", auth, url, NULL });
      run_wrk (wrk, quick, "push of 1 insert", (const char *[]) { "-s", script, ts->base,
                                                                   NULL });
      g_unlink (script);
    }
  else
    g_print ("wrk is not installed: the 64-connection runs were skipped\n");

  test_server_free (ts);
  return 0;
}
