/* test-authz.c — the sync routes over HTTPS: every role × endpoint × own and foreign park
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two parks, P1 and P2, made by the server administrator through a push. A user of each
 * role holds a grant in P1 only. Each pushes, pulls and bootstraps; what is allowed in
 * P1 follows the role, and P2 is as if it did not exist (a guessed id answers the same). */
#include "config.h"

#include "push-util.h"

#define ADMIN_PASSWORD "the administrator's passphrase"

static char *p1, *p2, *b1, *b2, *f1, *f2, *s1, *s2, *c2;
static gint64 s1_version = 1;

static void
seed_parks (TestServer *ts, Client *admin)
{
  g_auto(Reply) r = { 0 };
  struct { const char *entity; char **id; JsonObject *fields; } seed[] = {
    { "park", &p1, fields_of ("code", "P1", "name", "Park one", "code_pattern", "{building}-{floor}-{seq:3}", "currency", "CNY", NULL) },
    { "park", &p2, fields_of ("code", "P2", "name", "Park two", "code_pattern", "{building}-{floor}-{seq:3}", "currency", "CNY", NULL) },
    { "building", &b1, NULL },
    { "building", &b2, NULL },
    { "floor", &f1, NULL },
    { "floor", &f2, NULL },
    { "space", &s1, NULL },
    { "space", &s2, NULL },
    { "customer", &c2, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (seed); i++)
    {
      JsonObject *fields = seed[i].fields;
      JsonObject *result;

      *seed[i].id = pw_uuid_new ();
      if (g_str_equal (seed[i].entity, "building"))
        fields = fields_of ("park_id", i == 2 ? p1 : p2, "code", "B", "name", "Block", "kind", "office", NULL);
      else if (g_str_equal (seed[i].entity, "floor"))
        fields = fields_of ("park_id", i == 4 ? p1 : p2, "building_id", i == 4 ? b1 : b2,
                            "code", "1", "name", "First", "level", "#1", NULL);
      else if (g_str_equal (seed[i].entity, "space"))
        fields = fields_of ("park_id", i == 6 ? p1 : p2, "floor_id", i == 6 ? f1 : f2,
                            "code", i == 6 ? "B-1-001" : "B-1-002", "kind", "office",
                            "status", "available", "area_basis", "gross", "leasable", "#1",
                            "takes_share", "#1", "gross_area", "#10000",
                            "internal_area", "#9000", "usable_area", "#8000", NULL);
      else if (g_str_equal (seed[i].entity, "customer"))
        fields = fields_of ("park_id", p2, "kind", "company", "name", "Secret Tenant Ltd", "tags", "[]", NULL);
      result = push_one (ts, &r, admin, seed[i].entity, *seed[i].id, PW_MUTATION_INSERT, 0,
                         fields);
      g_assert_nonnull (result);
      if (!g_str_equal (result_of (result), "applied"))
        g_error ("seeding %s: %s", seed[i].entity, r.body);
    }
}

/* Grants through the database, as `parkwise-server user grant` does. */
static void
add_role_user (TestServer *ts, const char *role)
{
  g_autofree char *name = g_strdup_printf ("u-%s", role);
  g_autofree char *password = g_strdup_printf ("%s's passphrase", name);
  g_autoptr(PwServerDb) db = NULL;
  g_autoptr(GError) error = NULL;

  test_server_add_user (ts, name, password, FALSE);
  db = test_server_open_db (ts);
  g_assert_true (pw_server_db_grant (db, name, "P1", role, &error));
  g_assert_no_error (error);
}

static gboolean
role_allows (PwSyncRole role, const char *entity, PwMutationOp op, JsonObject *fields)
{
  return pw_sync_role_allows (role, entity, op, fields, NULL);
}

/* Nothing of P2 in a pull page or a bootstrap page. */
static void
assert_no_foreign (const char *text)
{
  const char *foreign[] = { p2, b2, f2, s2, c2, "Secret Tenant", "Park two" };

  for (guint i = 0; i < G_N_ELEMENTS (foreign); i++)
    if (strstr (text, foreign[i]) != NULL)
      g_error ("a page shows %s of the foreign park: %s", foreign[i], text);
}

static void
check_role (TestServer *ts, PwSyncRole role)
{
  const char *role_name = pw_sync_role_to_string (role);
  g_autofree char *name = g_strdup_printf ("u-%s", role_name);
  g_autofree char *password = g_strdup_printf ("%s's passphrase", name);
  g_auto(Client) c = { 0 };
  g_auto(Reply) r = { 0 };
  g_autofree char *guessed = pw_uuid_new ();
  g_autofree char *building = pw_uuid_new ();
  g_autofree char *foreign_building = pw_uuid_new ();
  g_autofree char *customer = pw_uuid_new ();
  g_autofree char *foreign_message = NULL;
  g_autoptr(JsonObject) probe = NULL;
  JsonObject *res;
  gboolean allowed;

  g_test_message ("role %s", role_name);
  client_sign_in (ts, &c, name, password);

  /* the session knows the grant */
  send_authed (ts, &r, "GET", "/v1/session", c.token);
  g_assert_cmpuint (r.status, ==, 200);
  g_assert_nonnull (strstr (r.body, role_name));

  /* insert a building in P1 (the ledger: asset managers) */
  probe = fields_of ("park_id", p1, "code", role_name, "name", "New block", "kind", "office", NULL);
  allowed = role_allows (role, "building", PW_MUTATION_INSERT, probe);
  res = push_one (ts, &r, &c, "building", building, PW_MUTATION_INSERT, 0,
                  json_object_ref (probe));
  g_assert_nonnull (res);
  g_assert_cmpstr (result_of (res), ==, allowed ? "applied" : "rejected");
  if (!allowed)
    g_assert_true (g_str_has_prefix (json_object_get_string_member (res, "reason"), "forbidden"));
  g_assert_cmpint (allowed, ==, role == PW_SYNC_ROLE_ADMIN || role == PW_SYNC_ROLE_ASSET_MANAGER);

  /* the same in P2: nobody holding no grant there learns it exists */
  res = push_one (ts, &r, &c, "building", foreign_building, PW_MUTATION_INSERT, 0,
                  fields_of ("park_id", p2, "code", role_name, "name", "Intruder", "kind", "office", NULL));
  g_assert_nonnull (res);
  g_assert_cmpstr (result_of (res), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (res, "reason"), ==, "not_found");

  /* change a room's area in P1 (geometry: not the leasing agent's) */
  g_clear_pointer (&probe, json_object_unref);
  probe = fields_of ("gross_area", "#12000", NULL);
  allowed = role_allows (role, "space", PW_MUTATION_UPDATE, probe);
  res = push_one (ts, &r, &c, "space", s1, PW_MUTATION_UPDATE, s1_version,
                  json_object_ref (probe));
  g_assert_nonnull (res);
  g_assert_cmpstr (result_of (res), ==, allowed ? "applied" : "rejected");
  if (allowed)
    s1_version++;
  else
    g_assert_true (g_str_has_prefix (json_object_get_string_member (res, "reason"), "forbidden"));
  if (role == PW_SYNC_ROLE_LEASING_AGENT || role == PW_SYNC_ROLE_VIEWER)
    g_assert_false (allowed);
  /* the agent may touch the room, not its geometry: refused by field */
  if (role == PW_SYNC_ROLE_LEASING_AGENT)
    g_assert_cmpstr (json_object_get_string_member (res, "reason"), ==, "forbidden_field");

  /* a room's notes in P1 (leasing and operations may) */
  g_clear_pointer (&probe, json_object_unref);
  probe = fields_of ("notes", role_name, NULL);
  allowed = role_allows (role, "space", PW_MUTATION_UPDATE, probe);
  res = push_one (ts, &r, &c, "space", s1, PW_MUTATION_UPDATE, s1_version,
                  json_object_ref (probe));
  g_assert_nonnull (res);
  g_assert_cmpstr (result_of (res), ==, allowed ? "applied" : "rejected");
  if (allowed)
    s1_version++;
  if (role == PW_SYNC_ROLE_LEASING_AGENT || role == PW_SYNC_ROLE_OPERATIONS)
    g_assert_true (allowed);

  /* a customer in P1 (leasing) */
  g_clear_pointer (&probe, json_object_unref);
  probe = fields_of ("park_id", p1, "kind", "company", "name", role_name, "tags", "[]", NULL);
  allowed = role_allows (role, "customer", PW_MUTATION_INSERT, probe);
  res = push_one (ts, &r, &c, "customer", customer, PW_MUTATION_INSERT, 0,
                  json_object_ref (probe));
  g_assert_nonnull (res);
  g_assert_cmpstr (result_of (res), ==, allowed ? "applied" : "rejected");
  if (role == PW_SYNC_ROLE_LEASING_AGENT)
    g_assert_true (allowed);

  /* a room of P2, and a room nobody has: the same answer */
  res = push_one (ts, &r, &c, "space", s2, PW_MUTATION_UPDATE, 1,
                  fields_of ("notes", "peek", NULL));
  g_assert_nonnull (res);
  g_assert_cmpstr (result_of (res), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (res, "reason"), ==, "not_found");
  g_assert_null (json_object_get_member (res, "record"));
  res = push_one (ts, &r, &c, "space", guessed, PW_MUTATION_UPDATE, 1,
                  fields_of ("notes", "peek", NULL));
  g_assert_nonnull (res);
  g_assert_cmpstr (result_of (res), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (res, "reason"), ==, "not_found");
  g_assert_null (json_object_get_member (res, "record"));
  assert_no_foreign (r.body);

  /* pull and bootstrap show P1 and nothing of P2 */
  send_authed (ts, &r, "GET", "/v1/sync/pull?cursor=0&limit=1000", c.token);
  g_assert_cmpuint (r.status, ==, 200);
  g_assert_nonnull (strstr (r.body, s1));
  assert_no_foreign (r.body);
  send_authed (ts, &r, "GET", "/v1/sync/bootstrap?limit=1000", c.token);
  g_assert_cmpuint (r.status, ==, 200);
  g_assert_nonnull (strstr (r.body, p1));
  g_assert_nonnull (strstr (r.body, s1));
  assert_no_foreign (r.body);
  /* a cursor the log does not hold */
  send_authed (ts, &r, "GET", "/v1/sync/pull?cursor=999999999", c.token);
  g_assert_cmpuint (r.status, ==, 410);
  g_assert_cmpstr (r.code, ==, "cursor_expired");
}

static void
test_matrix (void)
{
  TestServer *ts = test_server_prepare ((const char *const[]) {
    "limits.signin_pair_burst=1000", "limits.signin_address_burst=1000",
    "limits.signin_account_burst=1000", NULL });
  g_auto(Client) admin = { 0 };
  g_auto(Client) other = { 0 };
  g_auto(Reply) r = { 0 };

  test_server_add_user (ts, "root", ADMIN_PASSWORD, TRUE);
  for (int role = 0; role < PW_SYNC_N_ROLES; role++)
    add_role_user (ts, pw_sync_role_to_string (role));
  test_server_run (ts);

  client_sign_in (ts, &admin, "root", ADMIN_PASSWORD);
  seed_parks (ts, &admin);

  /* the administrator sees both parks */
  send_authed (ts, &r, "GET", "/v1/sync/bootstrap?limit=1000", admin.token);
  g_assert_cmpuint (r.status, ==, 200);
  g_assert_nonnull (strstr (r.body, p2));
  g_assert_nonnull (strstr (r.body, "Secret Tenant"));

  for (int role = 0; role < PW_SYNC_N_ROLES; role++)
    check_role (ts, (PwSyncRole) role);

  /* a client id belongs to the user who first pushed with it */
  client_sign_in (ts, &other, "u-viewer", "u-viewer's passphrase");
  g_free (other.client_id);
  other.client_id = g_strdup (admin.client_id);
  other.next_mid = admin.next_mid;
  g_assert_null (push_one (ts, &r, &other, "space", s1, PW_MUTATION_UPDATE, s1_version,
                           fields_of ("notes", "forged", NULL)));
  g_assert_cmpuint (r.status, ==, 403);
  g_assert_cmpstr (r.code, ==, "forbidden_client");

  /* every sync route needs a session */
  send_request (ts, &r, "GET", "/v1/sync/pull?cursor=0&schema_version=1", NULL, NULL, 0, NULL);
  g_assert_cmpuint (r.status, ==, 401);
  send_request (ts, &r, "GET", "/v1/sync/bootstrap?schema_version=1", NULL, NULL, 0, NULL);
  g_assert_cmpuint (r.status, ==, 401);
  send_request (ts, &r, "POST", "/v1/sync/push", "application/json", "{}", -1, NULL);
  g_assert_cmpuint (r.status, ==, 401);

  test_server_free (ts);
  g_clear_pointer (&p1, g_free);
  g_clear_pointer (&p2, g_free);
  g_clear_pointer (&b1, g_free);
  g_clear_pointer (&b2, g_free);
  g_clear_pointer (&f1, g_free);
  g_clear_pointer (&f2, g_free);
  g_clear_pointer (&s1, g_free);
  g_clear_pointer (&s2, g_free);
  g_clear_pointer (&c2, g_free);
}

/* Malformed requests on the sync routes, each refused and the server still serving. */
static void
test_malformed_sync (void)
{
  TestServer *ts = test_server_prepare (NULL);
  g_auto(Client) c = { 0 };
  g_auto(Reply) r = { 0 };
  g_autofree char *auth = NULL;
  g_autofree char *client_id = pw_uuid_new ();
  g_autofree char *id = pw_uuid_new ();
  struct { const char *what; const char *method; const char *path; const char *body;
           guint status; const char *code; } cases[] = {
    { "pull by POST", "POST", "/v1/sync/pull", "{}", 405, "method_not_allowed" },
    { "push by GET", "GET", "/v1/sync/push?schema_version=1", NULL, 405, "method_not_allowed" },
    { "pull without schema_version", "GET", "/v1/sync/pull?cursor=0", NULL, 400,
      "unsupported_client" },
    { "pull from an old client", "GET", "/v1/sync/pull?cursor=0&schema_version=0", NULL, 400,
      "unsupported_client" },
    { "pull, cursor not a number", "GET", "/v1/sync/pull?cursor=abc&schema_version=1", NULL,
      400, "invalid_parameter" },
    { "pull, negative cursor", "GET", "/v1/sync/pull?cursor=-1&schema_version=1", NULL, 400,
      "invalid_parameter" },
    { "pull, limit too large", "GET", "/v1/sync/pull?limit=100000&schema_version=1", NULL, 400,
      "invalid_parameter" },
    { "pull, limit zero", "GET", "/v1/sync/pull?limit=0&schema_version=1", NULL, 400,
      "invalid_parameter" },
    { "pull, unknown parameter", "GET", "/v1/sync/pull?park=P2&schema_version=1", NULL, 400,
      "invalid_parameter" },
    { "bootstrap, forged token", "GET", "/v1/sync/bootstrap?token=AAAA&schema_version=1", NULL,
      422, "invalid" },
    { "push, not JSON", "POST", "/v1/sync/push", "mutations", 400, "malformed" },
    { "push, an array", "POST", "/v1/sync/push", "[]", 422, "invalid" },
    { "push, no client id", "POST", "/v1/sync/push",
      "{\"schema_version\":1,\"mutations\":[]}", 422, "invalid" },
    { "push, old client", "POST", "/v1/sync/push", NULL, 400, "unsupported_client" },
    { "push, unknown entity", "POST", "/v1/sync/push", NULL, 422, "invalid" },
    { "push, mid a string", "POST", "/v1/sync/push", NULL, 422, "invalid" },
    { "push, duplicate key", "POST", "/v1/sync/push", NULL, 400, "duplicate_key" },
  };

  test_server_add_user (ts, "root", ADMIN_PASSWORD, TRUE);
  test_server_run (ts);
  client_sign_in (ts, &c, "root", ADMIN_PASSWORD);
  auth = g_strconcat ("Authorization: Bearer ", c.token, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *headers[] = { auth, NULL };
      g_autofree char *body = NULL;

      if (g_str_equal (cases[i].what, "push, old client"))
        body = g_strdup_printf ("{\"schema_version\":0,\"client_id\":\"%s\",\"mutations\":[]}",
                                client_id);
      else if (g_str_equal (cases[i].what, "push, unknown entity"))
        body = g_strdup_printf ("{\"schema_version\":1,\"client_id\":\"%s\",\"mutations\":"
                                "[{\"mid\":1,\"entity\":\"secret\",\"id\":\"%s\",\"op\":"
                                "\"insert\",\"base_version\":0,\"fields\":{}}]}", client_id, id);
      else if (g_str_equal (cases[i].what, "push, mid a string"))
        body = g_strdup_printf ("{\"schema_version\":1,\"client_id\":\"%s\",\"mutations\":"
                                "[{\"mid\":\"1\",\"entity\":\"park\",\"id\":\"%s\",\"op\":"
                                "\"insert\",\"base_version\":0,\"fields\":{}}]}", client_id, id);
      else if (g_str_equal (cases[i].what, "push, duplicate key"))
        body = g_strdup_printf ("{\"schema_version\":1,\"client_id\":\"%s\",\"client_id\":"
                                "\"%s\",\"mutations\":[]}", client_id, id);
      else if (cases[i].body != NULL)
        body = g_strdup (cases[i].body);

      g_test_message ("malformed sync request: %s", cases[i].what);
      send_request (ts, &r, cases[i].method, cases[i].path, body ? "application/json" : NULL,
                    body, -1, headers);
      if (r.status != cases[i].status || g_strcmp0 (r.code, cases[i].code) != 0)
        g_error ("%s: got %u %s, expected %u %s (%s)", cases[i].what, r.status, r.code,
                 cases[i].status, cases[i].code, r.body);
    }
  send_authed (ts, &r, "GET", "/v1/sync/pull?cursor=0", c.token);
  g_assert_cmpuint (r.status, ==, 200);
  test_server_free (ts);
}

/* Changes older than change_log_keep are forgotten: their cursors get 410, a bootstrap
 * starts again; dead sessions go without anyone asking. */
static void
test_retention (void)
{
  TestServer *ts = test_server_prepare ((const char *const[]) { "limits.change_log_keep=2",
                                                                "limits.session_idle=2",
                                                                "limits.session_absolute=2",
                                                                NULL });
  g_auto(Client) admin = { 0 };
  g_auto(Reply) r = { 0 };
  g_autofree char *park = pw_uuid_new ();
  g_autofree char *path = NULL;
  JsonObject *res;
  gint64 cursor;

  test_server_add_user (ts, "root", ADMIN_PASSWORD, TRUE);
  test_server_run (ts);
  client_sign_in (ts, &admin, "root", ADMIN_PASSWORD);
  res = push_one (ts, &r, &admin, "park", park, PW_MUTATION_INSERT, 0,
                  fields_of ("code", "P9", "name", "Kept briefly",
                             "code_pattern", "{building}-{floor}-{seq:3}", "currency", "CNY",
                             NULL));
  g_assert_nonnull (res);
  g_assert_cmpstr (result_of (res), ==, "applied");
  send_authed (ts, &r, "GET", "/v1/sync/pull?cursor=0", admin.token);
  g_assert_cmpuint (r.status, ==, 200);
  g_assert_nonnull (strstr (r.body, park));

  g_usleep (3500 * 1000);
  {
    g_autoptr(PwServerDb) db = test_server_open_db (ts);
    g_autoptr(PwServerUser) user = pw_server_db_find_user (db, "root", NULL);
    g_assert_cmpint (pw_server_db_count_sessions (db, user->id), ==, 0);
  }

  g_free (admin.token);
  admin.token = sign_in_as (ts, &r, "root", ADMIN_PASSWORD, NULL);
  g_assert_cmpuint (r.status, ==, 201);
  send_authed (ts, &r, "GET", "/v1/sync/pull?cursor=0", admin.token);
  g_assert_cmpuint (r.status, ==, 410);
  g_assert_cmpstr (r.code, ==, "cursor_expired");
  /* a bootstrap still has the record, and pulls go on from its cursor */
  send_authed (ts, &r, "GET", "/v1/sync/bootstrap", admin.token);
  g_assert_cmpuint (r.status, ==, 200);
  g_assert_nonnull (strstr (r.body, park));
  cursor = json_object_get_int_member (json_node_get_object (r.json), "cursor");
  path = g_strdup_printf ("/v1/sync/pull?cursor=%" G_GINT64_FORMAT, cursor);
  send_authed (ts, &r, "GET", path, admin.token);
  g_assert_cmpuint (r.status, ==, 200);
  test_server_free (ts);
}

int
main (int argc, char **argv)
{
  pw_server_tls_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/authz/matrix", test_matrix);
  g_test_add_func ("/authz/malformed-sync", test_malformed_sync);
  g_test_add_func ("/authz/retention", test_retention);
  return g_test_run ();
}
