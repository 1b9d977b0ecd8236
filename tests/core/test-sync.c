/* test-sync.c — desktops and a server exchanging pushes and pulls in-process: they
 * converge, conflicts are the expected ones, nothing is applied twice
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>

#include "pw-bill-run.h"
#include "pw-meter.h"
#include "pw-change.h"
#include "sync-fixture.h"

static char *
terms_for (const char *code, const char *start, const char *end)
{
  return g_strdup_printf (
    "{\"id\": \"%s\", \"currency\": \"CNY\", \"signed\": \"%s\", \"start\": \"%s\","
    " \"end\": \"%s\", \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"},"
    " \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord\"}],"
    " \"tax_codes\": [{\"code\": \"t\", \"rate\": \"0.09\"}],"
    " \"spaces\": [{\"code\": \"S\", \"area\": \"50.00\", \"basis\": \"gross\"}],"
    " \"charges\": [{\"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\","
    " \"tax_code\": \"t\", \"unit_price\": \"100.00\", \"unit\": \"m2_month\","
    " \"spaces\": [\"S\"], \"anchor\": \"lease\", \"frequency\": \"monthly\","
    " \"timing\": \"advance\", \"due\": {\"rule\": \"period_start\"},"
    " \"proration\": \"daily\"}]}", code, start, start, end);
}

static char *
lease (PwStore *store, const char *park, const char *code, const char *space_code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sid = net_space_id (store, space_code);
  g_autofree char *terms = terms_for (code, "2026-01-01", "2027-12-31");
  g_autofree char *customer = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  PwLeaseSpace spaces[] = { { sid, 5000 } };
  char *id;

  json_object_set_string_member (fields, "kind", "company");
  json_object_set_string_member (fields, "name", "Tenant Co.");
  customer = pw_customer_add (store, park, fields, NULL, &error);
  g_assert_no_error (error);
  id = pw_lease_create (store, park, code, customer, "2026-01-01", "2027-12-31", spaces, 1, terms,
                              &error);

  g_assert_no_error (error);
  return id;
}

static void
transition (PwStore *store, const char *contract, PwContractStatus status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_lease_transition (store, contract, status, "2025-12-20", NULL, &error));
  g_assert_no_error (error);
}

static PwSyncActor *
manager (const char *user, const char *park)
{
  PwSyncActor *actor = pw_sync_actor_new (user, FALSE);

  pw_sync_actor_grant (actor, park, PW_SYNC_ROLE_ASSET_MANAGER);
  return actor;
}

static guint
count_conflicts (PwStore *store, PwSyncConflictKind kind, const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = pw_sync_client_list_conflicts (store, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      PwSyncConflict *c = list->pdata[i];
      if (c->kind == kind && (reason == NULL || g_strcmp0 (c->reason, reason) == 0))
        n++;
    }
  return n;
}

/* Resolves every conflict by keeping theirs and discards every rejection. */
static void
settle (PwStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = pw_sync_client_list_conflicts (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      PwSyncConflict *c = list->pdata[i];

      if (c->kind == PW_SYNC_CONFLICT_CONFLICT)
        g_assert_true (pw_sync_client_resolve (store, c->id, PW_SYNC_KEEP_THEIRS, NULL, &error));
      else
        g_assert_true (pw_sync_client_discard (store, c->id, &error));
      g_assert_no_error (error);
    }
}

/* A bootstrap in pages gives each desktop exactly the server's records. */
static void
test_bootstrap (Net *n, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwStore *a = net_add_client (n, manager ("alice", n->f.park));

  net_assert_converged (n);
  g_assert_cmpint (pw_store_count (a, "space"), ==, 7);
  g_assert_cmpint (pw_store_count (a, "outbox"), ==, 0);
  g_assert_cmpint (pw_sync_client_get_cursor (a), ==, pw_sync_server_get_cursor (n->f.store));

  /* a local edit on the server reaches the desktop through the change log */
  {
    g_autofree char *s = net_space_id (n->f.store, "B1-F01-003");
    gint64 before = pw_store_count (n->f.store, "outbox");

    net_edit_string (n->f.store, "space", s, "name", "Edited on the server");
    /* a server keeps no outbox */
    g_assert_cmpint (pw_store_count (n->f.store, "outbox"), ==, before);
  }
  net_pull (n, a);
  net_assert_converged (n);
  /* pulled changes are not queued to be pushed back */
  g_assert_cmpint (pw_store_count (a, "outbox"), ==, 0);

  /* a second bootstrap removes what the server no longer holds */
  g_assert_true (pw_store_exec (a, "INSERT INTO building (id, park_id, code, name, created_at,"
                                   " updated_at) SELECT 'stale', id, 'ZZ', 'Gone', '', '' FROM park",
                                &error));
  net_bootstrap (n, a, net_actor_of (n, a));
  net_assert_converged (n);
}

/* Two desktops edit the same park offline: different fields merge, the same field
 * is a conflict for the later one, a space leased twice for overlapping dates is
 * refused with everything made with it; after resolving, all converge. */
static void
test_two_clients (Net *n, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwStore *a = net_add_client (n, manager ("alice", n->f.park));
  PwStore *b = net_add_client (n, manager ("bob", n->f.park));
  g_autofree char *s3 = net_space_id (a, "B1-F01-003");
  g_autofree char *s6 = net_space_id (a, "B1-F02-002");
  g_autofree char *ca = NULL, *cb = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(GPtrArray) list = NULL;

  net_edit_string (a, "space", s3, "name", "Alpha");
  net_edit_string (b, "space", s3, "notes", "Window faces south");
  net_edit_int (a, "space", s6, "gross_area", 21000);
  net_edit_int (b, "space", s6, "gross_area", 22000);
  ca = lease (a, n->f.park, "C-001", "B1-F01-003");
  transition (a, ca, PW_CONTRACT_SUBMITTED);
  cb = lease (b, n->f.park, "C-002", "B1-F01-003");
  transition (b, cb, PW_CONTRACT_SUBMITTED);

  net_sync (n, a, 1000);
  net_sync (n, b, 1000);
  net_sync (n, a, 1000);

  g_assert_cmpint (count_conflicts (a, PW_SYNC_CONFLICT_CONFLICT, NULL), ==, 0);
  g_assert_cmpint (count_conflicts (a, PW_SYNC_CONFLICT_REJECTED, NULL), ==, 0);
  /* bob: the area is a conflict on exactly that field */
  list = pw_sync_client_list_conflicts (b, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_conflicts (b, PW_SYNC_CONFLICT_CONFLICT, NULL), ==, 1);
  for (guint i = 0; i < list->len; i++)
    {
      PwSyncConflict *c = list->pdata[i];

      if (c->kind != PW_SYNC_CONFLICT_CONFLICT)
        continue;
      g_assert_cmpstr (c->entity_id, ==, s6);
      g_assert_cmpstr (c->reason, ==, "version");
      g_assert_cmpint (g_strv_length (c->fields), ==, 1);
      g_assert_cmpstr (c->fields[0], ==, "gross_area");
      g_assert_cmpint (json_object_get_int_member (c->mine, "gross_area"), ==, 22000);
      g_assert_cmpint (json_object_get_int_member (c->theirs, "gross_area"), ==, 21000);
    }
  /* bob's submission is refused (the space is held), and so is what was made with it */
  g_assert_cmpint (count_conflicts (b, PW_SYNC_CONFLICT_REJECTED, "invalid"), ==, 1);
  g_assert_cmpint (count_conflicts (b, PW_SYNC_CONFLICT_REJECTED, "group"), >=, 1);
  /* the merge: both edits of space 003 are on the server */
  row = pw_store_get_row (n->f.store, "space", s3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "Alpha");
  g_assert_cmpstr (json_object_get_string_member (row, "notes"), ==, "Window faces south");
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "reserved");
  g_clear_pointer (&row, json_object_unref);
  row = pw_store_get_row (n->f.store, "contract", cb, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "draft");

  settle (b);
  net_sync (n, b, 1000);
  net_sync (n, a, 1000);
  g_assert_cmpint (count_conflicts (b, PW_SYNC_CONFLICT_CONFLICT, NULL), ==, 0);
  g_assert_cmpint (count_conflicts (b, PW_SYNC_CONFLICT_REJECTED, NULL), ==, 0);
  g_assert_cmpint (pw_store_count (a, "outbox"), ==, 0);
  g_assert_cmpint (pw_store_count (b, "outbox"), ==, 0);
  net_assert_converged (n);
}

/* Five desktops: everyone renames the same room; the first push wins, one of the
 * others keeps theirs... and one keeps mine, which then wins on top. Everyone's own
 * equipment and notes (last write) go through. All five converge. */
static void
test_five_clients (Net *n, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwStore *c[5];
  g_autofree char *s2 = NULL;
  g_autofree char *name = NULL;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *user = g_strdup_printf ("user%u", i);
      c[i] = net_add_client (n, manager (user, n->f.park));
    }
  s2 = net_space_id (n->f.store, "B1-F01-002");
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *room = g_strdup_printf ("Room of user %u", i);
      g_autofree char *note = g_strdup_printf ("Note by user %u", i);
      g_autofree char *code = g_strdup_printf ("EQ-%u", i);
      g_autoptr(PwMutation) m = pw_mutation_new_insert ("equipment", NULL);

      net_edit_string (c[i], "space", s2, "name", room);
      net_edit_string (c[i], "space", s2, "notes", note);
      pw_mutation_set_string (m, "park_id", n->f.park);
      pw_mutation_set_string (m, "floor_id", n->f.floor1);
      pw_mutation_set_string (m, "space_id", s2);
      pw_mutation_set_string (m, "code", code);
      pw_mutation_set_string (m, "name", code);
      pw_mutation_set_string (m, "category", "hvac");
      pw_mutation_set_string (m, "status", "in_service");
      g_assert_true (pw_store_apply (c[i], m, &error));
      g_assert_no_error (error);
    }
  /* small pushes: 2 mutations at a time */
  for (guint i = 0; i < 5; i++)
    net_sync (n, c[i], 2);
  g_assert_cmpint (count_conflicts (c[0], PW_SYNC_CONFLICT_CONFLICT, NULL), ==, 0);
  for (guint i = 1; i < 5; i++)
    g_assert_cmpint (count_conflicts (c[i], PW_SYNC_CONFLICT_CONFLICT, "version"), ==, 1);
  g_assert_cmpint (pw_store_count (n->f.store, "equipment"), ==, 5);

  /* user 3 keeps mine; the rest keep theirs */
  {
    g_autoptr(GPtrArray) list = pw_sync_client_list_conflicts (c[3], &error);
    g_assert_no_error (error);
    g_assert_true (pw_sync_client_resolve (c[3], ((PwSyncConflict *) list->pdata[0])->id,
                                           PW_SYNC_KEEP_MINE, NULL, &error));
    g_assert_no_error (error);
  }
  for (guint i = 1; i < 5; i++)
    settle (c[i]);
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < 5; i++)
      net_sync (n, c[i], 2);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpint (count_conflicts (c[i], PW_SYNC_CONFLICT_CONFLICT, NULL), ==, 0);
      g_assert_cmpint (pw_store_count (c[i], "outbox"), ==, 0);
    }
  name = net_text (n->f.store, "SELECT name FROM space WHERE code = 'B1-F01-002'");
  g_assert_cmpstr (name, ==, "Room of user 3");
  net_assert_converged (n);
}

/* A push sent again (its response lost) is answered from the record: nothing twice. */
static void
test_replay (Net *n, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwStore *a = net_add_client (n, manager ("alice", n->f.park));
  g_autofree char *s3 = net_space_id (a, "B1-F01-003");
  g_autoptr(PwSyncPush) push = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) third = NULL;
  JsonArray *results;
  gint64 changes, audit;

  net_edit_string (a, "space", s3, "name", "Once");
  net_edit_string (a, "space", s3, "notes", "Only once");
  push = pw_sync_client_build_push (a, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpint (push->mutations->len, ==, 2);
  first = pw_sync_server_push (n->f.store, net_actor_of (n, a), push, &error);
  g_assert_no_error (error);
  changes = net_int (n->f.store, "SELECT count(*) FROM sync_change");
  audit = pw_store_count (n->f.store, "audit");

  /* the response never arrived: the desktop sends the same push */
  again = pw_sync_server_push (n->f.store, net_actor_of (n, a), push, &error);
  g_assert_no_error (error);
  results = json_object_get_array_member (again, "results");
  g_assert_cmpint (json_array_get_length (results), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *r = json_array_get_object_element (results, i);
      g_assert_cmpstr (json_object_get_string_member (r, "result"), ==, "duplicate");
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (r, "original"),
                                                      "result"), ==, "applied");
    }
  g_assert_cmpint (net_int (n->f.store, "SELECT count(*) FROM sync_change"), ==, changes);
  g_assert_cmpint (pw_store_count (n->f.store, "audit"), ==, audit);
  g_assert_cmpint (net_int (n->f.store, "SELECT version FROM space WHERE code = 'B1-F01-003'"), ==, 3);

  /* the duplicate answers settle the outbox as the first ones would have */
  g_assert_true (pw_sync_client_apply_push_result (a, again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_sync_client_count_pending (a), ==, 0);
  net_pull (n, a);
  g_assert_cmpint (pw_store_count (a, "outbox"), ==, 0);
  net_assert_converged (n);

  /* and the first answer arriving late changes nothing */
  g_assert_true (pw_sync_client_apply_push_result (a, first, &error));
  g_assert_no_error (error);
  third = pw_sync_server_push (n->f.store, net_actor_of (n, a), push, &error);
  g_assert_no_error (error);
  net_assert_converged (n);
}

/* A gap in the numbers refuses the whole push; a client id is one user's. */
static void
test_gap_and_forged_client (Net *n, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwStore *a = net_add_client (n, manager ("alice", n->f.park));
  g_autoptr(PwSyncActor) mallory = manager ("mallory", n->f.park);
  g_autofree char *s3 = net_space_id (a, "B1-F01-003");
  g_autoptr(PwSyncPush) push = NULL;
  g_autoptr(JsonObject) r = NULL;
  gint64 changes;

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Name %d", i);
      net_edit_string (a, "space", s3, "name", name);
    }
  push = pw_sync_client_build_push (a, 100, &error);
  g_assert_no_error (error);
  g_ptr_array_remove_index (push->mutations, 0);  /* mid 1 lost: 2, 3 arrive */
  changes = net_int (n->f.store, "SELECT count(*) FROM sync_change");
  r = pw_sync_server_push (n->f.store, net_actor_of (n, a), push, &error);
  g_assert_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_GAP);
  g_assert_null (r);
  g_assert_cmpuint (pw_sync_error_http_status (error->code), ==, 409);
  g_assert_cmpint (net_int (n->f.store, "SELECT count(*) FROM sync_change"), ==, changes);
  g_clear_error (&error);

  net_sync (n, a, 100);
  net_assert_converged (n);

  /* another user presenting alice's client id is refused, whatever the mids */
  g_clear_pointer (&push, pw_sync_push_free);
  push = pw_sync_push_new (pw_store_get_client_id (a));
  r = pw_sync_server_push (n->f.store, mallory, push, &error);
  g_assert_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_FORBIDDEN_CLIENT);
  g_assert_null (r);
}

/* Contracts: the first transition wins; the later one is a "state" conflict. */
static void
test_contract_first_transition (Net *n, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwStore *a = net_add_client (n, manager ("alice", n->f.park));
  PwStore *b = net_add_client (n, manager ("bob", n->f.park));
  g_autofree char *contract = lease (a, n->f.park, "C-010", "B1-F02-002");
  g_autoptr(GPtrArray) list = NULL;

  transition (a, contract, PW_CONTRACT_SUBMITTED);
  net_sync (n, a, 100);
  net_sync (n, b, 100);
  net_assert_converged (n);

  transition (a, contract, PW_CONTRACT_APPROVED);
  transition (b, contract, PW_CONTRACT_DRAFT);
  net_sync (n, a, 100);
  net_sync (n, b, 100);
  list = pw_sync_client_list_conflicts (b, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_conflicts (b, PW_SYNC_CONFLICT_CONFLICT, "state"), ==, 1);
  {
    g_autofree char *status = net_text (n->f.store, "SELECT status FROM contract WHERE code = 'C-010'");
    g_assert_cmpstr (status, ==, "approved");
  }

  settle (b);
  net_sync (n, b, 100);
  net_sync (n, a, 100);
  net_assert_converged (n);

  /* signing on a desktop: the server writes the same schedule the desktop did */
  transition (a, contract, PW_CONTRACT_SIGNED);
  g_assert_cmpint (pw_store_count (a, "schedule_line"), >, 0);
  net_sync (n, a, 100);
  net_sync (n, b, 100);
  g_assert_cmpint (pw_store_count (n->f.store, "schedule_line"), ==, pw_store_count (a, "schedule_line"));
  net_assert_converged (n);
}

/* A termination undone on a desktop reaches the server as a reopening and a
 * version with the old terms: the server accepts it, writes the same schedule,
 * and the other desktop sees the contract running again. */
static void
test_undo_termination (Net *n, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwStore *a = net_add_client (n, manager ("alice", n->f.park));
  PwStore *b = net_add_client (n, manager ("bob", n->f.park));
  g_autofree char *contract = lease (a, n->f.park, "C-012", "B1-F02-002");
  g_autoptr(PwChange) end = NULL;
  g_autofree char *status = NULL;
  gint64 lines;

  transition (a, contract, PW_CONTRACT_SUBMITTED);
  transition (a, contract, PW_CONTRACT_APPROVED);
  transition (a, contract, PW_CONTRACT_SIGNED);
  transition (a, contract, PW_CONTRACT_ACTIVE);
  lines = pw_store_count (a, "schedule_line");
  net_sync (n, a, 100);
  net_sync (n, b, 100);

  pw_store_record_begin (a);
  g_assert_true (pw_lease_transition_full (a, contract, PW_CONTRACT_TERMINATED, "2026-06-30", NULL,
                                           NULL, &error));
  end = pw_store_record_end (a);
  g_assert_no_error (error);
  net_sync (n, a, 100);
  status = net_text (n->f.store, "SELECT status FROM contract WHERE code = 'C-012'");
  g_assert_cmpstr (status, ==, "terminated");
  g_clear_pointer (&status, g_free);

  g_assert_true (pw_change_undo (a, end, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (a, "schedule_line"), ==, lines);
  net_sync (n, a, 100);
  g_assert_cmpint (count_conflicts (a, PW_SYNC_CONFLICT_CONFLICT, NULL), ==, 0);
  g_assert_cmpint (count_conflicts (a, PW_SYNC_CONFLICT_REJECTED, NULL), ==, 0);
  status = net_text (n->f.store, "SELECT status || ' ' || current_version FROM contract WHERE code = 'C-012'");
  g_assert_cmpstr (status, ==, "active 3");
  g_assert_cmpint (pw_store_count (n->f.store, "schedule_line"), ==, lines);
  net_sync (n, b, 100);
  net_assert_converged (n);
}

/* Many edits of one space undone on a desktop in one call (pw_store_undo_steps,
 * one transaction): the server accepts every step's mutations in order, and the
 * other desktop ends with the space as it was before the edits. */
static void
test_undo_steps (Net *n, gconstpointer data)
{
  const guint n_steps = 60;
  g_autoptr(GError) error = NULL;
  PwStore *a = net_add_client (n, manager ("alice", n->f.park));
  PwStore *b = net_add_client (n, manager ("bob", n->f.park));
  g_autofree char *id = net_space_id (a, "B1-F02-002");
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_change_unref);
  g_autoptr(GPtrArray) newest_first = g_ptr_array_new ();
  g_autoptr(GPtrArray) undos = NULL;
  g_autofree char *was = NULL, *now = NULL;
  const char *sql = "SELECT name || '|' || notes || '|' || version FROM space WHERE code = 'B1-F02-002'";

  net_sync (n, a, 100);
  net_sync (n, b, 100);
  was = net_text (b, "SELECT name || '|' || notes FROM space WHERE code = 'B1-F02-002'");
  for (guint i = 0; i < n_steps; i++)
    {
      g_autofree char *name = g_strdup_printf ("Room %u", i);

      pw_store_record_begin (a);
      net_edit_string (a, "space", id, i % 3 == 0 ? "notes" : "name", name);
      g_ptr_array_add (changes, pw_store_record_end (a));
    }
  net_sync (n, a, 100);
  net_sync (n, b, 100);
  for (guint i = n_steps; i > 0; i--)
    g_ptr_array_add (newest_first, changes->pdata[i - 1]);
  g_assert_true (pw_store_undo_steps (a, (PwChange *const *) newest_first->pdata, n_steps, NULL,
                                      NULL, &undos, &error));
  g_assert_no_error (error);
  net_sync (n, a, 100);
  g_assert_cmpint (count_conflicts (a, PW_SYNC_CONFLICT_CONFLICT, NULL), ==, 0);
  g_assert_cmpint (count_conflicts (a, PW_SYNC_CONFLICT_REJECTED, NULL), ==, 0);
  net_sync (n, b, 100);
  now = net_text (b, "SELECT name || '|' || notes FROM space WHERE code = 'B1-F02-002'");
  g_assert_cmpstr (now, ==, was);
  {
    g_autofree char *on_a = net_text (a, sql);
    g_autofree char *on_server = net_text (n->f.store, sql);
    g_autofree char *on_b = net_text (b, sql);

    g_assert_cmpstr (on_server, ==, on_a);
    g_assert_cmpstr (on_b, ==, on_a);
  }
  net_assert_converged (n);
}

/* Insert-only records refuse changes; "keep theirs" and "discard" restore the server's record. */
static void
test_insert_only (Net *n, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwStore *a = net_add_client (n, manager ("alice", n->f.park));
  g_autofree char *s3 = net_space_id (a, "B1-F01-003");
  g_autofree char *status_id = NULL;
  g_autoptr(PwSyncPush) push = pw_sync_push_new (pw_store_get_client_id (a));
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) r = NULL;
  JsonObject *result;

  g_assert_true (pw_ledger_change_status (a, s3, 1, PW_SPACE_STATUS_UNDER_REPAIR, "2026-02-01",
                                          "Leak", &error));
  g_assert_no_error (error);
  net_sync (n, a, 100);
  status_id = net_text (a, "SELECT id FROM space_status");
  json_object_set_string_member (fields, "reason", "Edited");
  pw_sync_push_add (push, pw_store_get_next_mid (a), "space_status", status_id, PW_MUTATION_UPDATE,
                    1, fields);
  r = pw_sync_server_push (n->f.store, net_actor_of (n, a), push, &error);
  g_assert_no_error (error);
  result = json_array_get_object_element (json_object_get_array_member (r, "results"), 0);
  g_assert_cmpstr (json_object_get_string_member (result, "result"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (result, "reason"), ==, "insert_only");
}

/* The log is pruned: an old cursor (or one from another server) must bootstrap again. */
static void
test_cursor_expired (Net *n, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwStore *a = net_add_client (n, manager ("alice", n->f.park));
  g_autofree char *s3 = net_space_id (a, "B1-F01-003");
  g_autoptr(JsonObject) page = NULL;
  gint64 old = pw_sync_client_get_cursor (a);

  net_edit_string (n->f.store, "space", s3, "name", "Changed");
  g_usleep (5000);
  g_assert_cmpint (pw_sync_server_prune (n->f.store, 0, &error), ==, 1);
  g_assert_no_error (error);
  page = pw_sync_server_pull (n->f.store, net_actor_of (n, a), old, 10, &error);
  g_assert_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_CURSOR_EXPIRED);
  g_assert_cmpuint (pw_sync_error_http_status (error->code), ==, 410);
  g_assert_null (page);
  g_clear_error (&error);
  page = pw_sync_server_pull (n->f.store, net_actor_of (n, a), 1000000, 10, &error);
  g_assert_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_CURSOR_EXPIRED);
  g_clear_error (&error);
  /* the park was there before the server kept a log: a desktop starts from a bootstrap */
  page = pw_sync_server_pull (n->f.store, net_actor_of (n, a), 0, 10, &error);
  g_assert_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_CURSOR_EXPIRED);
  g_clear_error (&error);

  net_bootstrap (n, a, net_actor_of (n, a));
  net_assert_converged (n);
  net_pull (n, a);
}


/* Merge fields: of two fields both changed, keep mine for one and theirs for the other. */
static void
test_merge_fields (Net *n, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwStore *a = net_add_client (n, manager ("alice", n->f.park));
  PwStore *b = net_add_client (n, manager ("bob", n->f.park));
  g_autofree char *s6 = net_space_id (a, "B1-F02-002");
  g_autoptr(GPtrArray) list = NULL;
  const char *const keep[] = { "internal_area", NULL };
  PwSyncConflict *c;

  net_edit_int (a, "space", s6, "gross_area", 21000);
  net_edit_int (a, "space", s6, "internal_area", 20500);
  net_edit_int (b, "space", s6, "gross_area", 22000);
  net_edit_int (b, "space", s6, "internal_area", 19000);
  net_sync (n, a, 100);
  net_sync (n, b, 100);
  list = pw_sync_client_list_conflicts (b, &error);
  g_assert_no_error (error);
  /* bob's first edit (gross) conflicts; his second (internal) too */
  g_assert_cmpuint (list->len, ==, 2);
  c = list->pdata[1];
  g_assert_cmpstr (c->fields[0], ==, "internal_area");
  g_assert_true (pw_sync_client_resolve (b, ((PwSyncConflict *) list->pdata[0])->id,
                                         PW_SYNC_KEEP_THEIRS, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pw_sync_client_resolve (b, c->id, PW_SYNC_MERGE, keep, &error));
  g_assert_no_error (error);
  net_sync (n, b, 100);
  net_sync (n, a, 100);
  g_assert_cmpint (net_int (n->f.store, "SELECT gross_area FROM space WHERE code = 'B1-F02-002'"),
                   ==, 21000);
  g_assert_cmpint (net_int (n->f.store, "SELECT internal_area FROM space WHERE code = 'B1-F02-002'"),
                   ==, 19000);
  net_assert_converged (n);
}

/* A leasing agent's change of geometry is rejected with its reason; discarding it
 * puts the server's record back, and nothing is lost silently on the way. */
static void
test_rejected_discard (Net *n, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwSyncActor *agent = pw_sync_actor_new ("agent", FALSE);
  PwStore *a = NULL;
  g_autofree char *s3 = NULL;
  g_autoptr(GPtrArray) list = NULL;
  PwSyncConflict *c;

  pw_sync_actor_grant (agent, n->f.park, PW_SYNC_ROLE_LEASING_AGENT);
  a = net_add_client (n, agent);
  s3 = net_space_id (a, "B1-F01-003");
  net_edit_int (a, "space", s3, "gross_area", 99900);
  net_edit_string (a, "space", s3, "notes", "Measured again");
  net_sync (n, a, 100);
  list = pw_sync_client_list_conflicts (a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  c = list->pdata[0];
  g_assert_cmpint (c->kind, ==, PW_SYNC_CONFLICT_REJECTED);
  g_assert_cmpstr (c->reason, ==, "forbidden_field");
  g_assert_nonnull (strstr (c->message, "gross_area"));
  g_assert_cmpint (json_object_get_int_member (c->mine, "gross_area"), ==, 99900);
  g_assert_nonnull (c->theirs);
  /* the notes went through: they were a change of their own */
  g_assert_cmpint (net_int (n->f.store, "SELECT notes = 'Measured again' FROM space"
                                        " WHERE code = 'B1-F01-003'"), ==, 1);
  g_assert_true (pw_sync_client_discard (a, c->id, &error));
  g_assert_no_error (error);
  net_sync (n, a, 100);
  g_assert_cmpint (net_int (a, "SELECT gross_area FROM space WHERE code = 'B1-F01-003'"), ==, 5000);
  g_assert_cmpint (pw_store_count (a, "outbox"), ==, 0);
  net_assert_converged (n);
}

/* A page that cannot be applied whole is not applied at all: records, cursor and
 * outbox stay as they were (as after a crash half-way through it). */
static void
test_page_atomic (Net *n, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwStore *a = net_add_client (n, manager ("alice", n->f.park));
  g_autofree char *s3 = net_space_id (a, "B1-F01-003");
  g_autofree char *s6 = net_space_id (a, "B1-F02-002");
  g_autoptr(JsonObject) row3 = pw_store_get_row (n->f.store, "space", s3, NULL);
  g_autoptr(JsonObject) row6 = pw_store_get_row (n->f.store, "space", s6, NULL);
  g_autoptr(JsonObject) page = json_object_new ();
  g_autofree char *before = net_hash (a);
  g_autofree char *after = NULL;
  JsonArray *changes = json_array_new ();
  gint64 cursor = pw_sync_client_get_cursor (a);
  JsonObject *c;

  json_object_set_string_member (row3, "name", "Half-way");
  json_object_set_int_member (row3, "version", 9);
  json_object_set_string_member (row6, "gross_area", "a lot");  /* a STRICT column refuses it */
  c = json_object_new ();
  json_object_set_int_member (c, "seq", cursor + 1);
  json_object_set_string_member (c, "entity", "space");
  json_object_set_string_member (c, "id", s3);
  json_object_set_string_member (c, "op", "update");
  json_object_set_object_member (c, "record", json_object_ref (row3));
  json_array_add_object_element (changes, c);
  c = json_object_new ();
  json_object_set_int_member (c, "seq", cursor + 2);
  json_object_set_string_member (c, "entity", "space");
  json_object_set_string_member (c, "id", s6);
  json_object_set_string_member (c, "op", "update");
  json_object_set_object_member (c, "record", json_object_ref (row6));
  json_array_add_object_element (changes, c);
  json_object_set_int_member (page, "schema_version", 1);
  json_object_set_array_member (page, "changes", changes);
  json_object_set_int_member (page, "cursor", cursor + 2);
  json_object_set_boolean_member (page, "more", FALSE);

  g_assert_false (pw_sync_client_apply_pull (a, page, &error));
  g_assert_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_STORE);
  after = net_hash (a);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (pw_sync_client_get_cursor (a), ==, cursor);
  /* and foreign keys are back on */
  g_assert_cmpint (net_int (a, "PRAGMA foreign_keys"), ==, 1);
  net_pull (n, a);
  net_assert_converged (n);
}

/* Five desktops edit at random for rounds, syncing in random order, resolving as
 * they go; in the end every database is the same. */
static void
test_random_rounds (Net *n, gconstpointer data)
{
  static const char *const codes[] = {
    "B1-F01-001", "B1-F01-002", "B1-F01-003", "B1-F01-004", "B1-F02-001", "B1-F02-002", "B1-F02-003"
  };
  static const char *const fields[] = { "name", "notes", "gross_area", "name" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_getenv ("PW_SYNC_SEED") ? (guint32) atoi (g_getenv ("PW_SYNC_SEED")) : 20261127);
  PwStore *c[5];
  guint equipment = 0, conflicts = 0, rejected = 0;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *user = g_strdup_printf ("user%u", i);
      c[i] = net_add_client (n, manager (user, n->f.park));
    }
  for (guint round = 0; round < 12; round++)
    {
      for (guint i = 0; i < 5; i++)
        for (gint32 e = g_rand_int_range (rand, 0, 4); e > 0; e--)
          {
            g_autofree char *space = net_space_id (c[i], codes[g_rand_int_range (rand, 0, 7)]);
            const char *field = fields[g_rand_int_range (rand, 0, 4)];
            g_autoptr(GError) error = NULL;

            gint32 dice = g_rand_int_range (rand, 0, 10);

            if (dice == 0)
              {
                /* a status change: the space and its history row, one group */
                g_autoptr(JsonObject) row = pw_store_get_row (c[i], "space", space, NULL);
                gboolean repair = g_str_equal (json_object_get_string_member (row, "status"),
                                               "under_repair");

                pw_ledger_change_status (c[i], space, json_object_get_int_member (row, "version"),
                                         repair ? PW_SPACE_STATUS_AVAILABLE
                                                : PW_SPACE_STATUS_UNDER_REPAIR,
                                         "2026-05-01", "Checked", &error);
                g_assert_no_error (error);
              }
            else if (dice == 1)
              {
                /* a piece of equipment goes */
                g_autofree char *victim = net_text (c[i], "SELECT id FROM equipment ORDER BY random() LIMIT 1");

                if (victim != NULL)
                  {
                    g_autoptr(JsonObject) row = pw_store_get_row (c[i], "equipment", victim, NULL);
                    g_autoptr(PwMutation) m = pw_mutation_new_delete ("equipment", victim,
                                                                      json_object_get_int_member (row, "version"));
                    g_assert_true (pw_store_apply (c[i], m, &error));
                    g_assert_no_error (error);
                  }
              }
            else if (dice < 4)
              {
                g_autofree char *code = g_strdup_printf ("EQ-%u", equipment++);
                g_autoptr(PwMutation) m = pw_mutation_new_insert ("equipment", NULL);

                pw_mutation_set_string (m, "park_id", n->f.park);
                pw_mutation_set_string (m, "floor_id", n->f.floor1);
                pw_mutation_set_string (m, "code", code);
                pw_mutation_set_string (m, "name", code);
                pw_mutation_set_string (m, "category", "hvac");
                pw_mutation_set_string (m, "status", "in_service");
                g_assert_true (pw_store_apply (c[i], m, &error));
                g_assert_no_error (error);
              }
            else if (g_str_has_suffix (field, "area"))
              net_edit_int (c[i], "space", space, field, g_rand_int_range (rand, 60000, 90000));
            else
              {
                g_autofree char *text = g_strdup_printf ("%s by %u in round %u", field, i, round);
                net_edit_string (c[i], "space", space, field, text);
              }
          }
      for (guint k = 0; k < 5; k++)
        {
          PwStore *who = c[g_rand_int_range (rand, 0, 5)];
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) list = NULL;

          net_sync (n, who, g_rand_int_range (rand, 1, 6));
          list = pw_sync_client_list_conflicts (who, &error);
          g_assert_no_error (error);
          for (guint j = 0; j < list->len; j++)
            {
              PwSyncConflict *conflict = list->pdata[j];
              PwSyncResolution how = g_rand_int_range (rand, 0, 2) ? PW_SYNC_KEEP_THEIRS
                                                                   : PW_SYNC_KEEP_MINE;

              if (conflict->kind == PW_SYNC_CONFLICT_REJECTED)
                rejected++;
              else
                conflicts++;
              if (conflict->kind == PW_SYNC_CONFLICT_REJECTED)
                g_assert_true (pw_sync_client_discard (who, conflict->id, &error));
              else
                g_assert_true (pw_sync_client_resolve (who, conflict->id, how, NULL, &error));
              g_assert_no_error (error);
            }
        }
    }
  /* quiet: everyone pushes, keeps theirs, and pulls until nothing is left */
  for (guint pass = 0; pass < 4; pass++)
    for (guint i = 0; i < 5; i++)
      {
        net_sync (n, c[i], 1000);
        settle (c[i]);
      }
  for (guint i = 0; i < 5; i++)
    {
      net_sync (n, c[i], 1000);
      g_assert_cmpint (count_conflicts (c[i], PW_SYNC_CONFLICT_CONFLICT, NULL), ==, 0);
      g_assert_cmpint (count_conflicts (c[i], PW_SYNC_CONFLICT_REJECTED, NULL), ==, 0);
      g_assert_cmpint (pw_store_count (c[i], "outbox"), ==, 0);
    }
  /* the rounds did meet conflicts, or the test proves little */
  g_test_message ("%u conflicts, %u rejections, %u pieces of equipment", conflicts, rejected,
                  equipment);
  g_assert_cmpuint (conflicts, >, 0);
  net_assert_converged (n);
}

/* A push that fails part-way (here the database refuses to record mid 3) leaves the
 * server as it was; sent again once the fault is gone, each mutation applies once. */
static void
test_push_atomic (Net *n, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwStore *a = net_add_client (n, manager ("alice", n->f.park));
  g_autofree char *s3 = net_space_id (a, "B1-F01-003");
  g_autofree char *before = NULL;
  g_autoptr(PwSyncPush) push = NULL;
  g_autoptr(JsonObject) r = NULL;

  for (int i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("Try %d", i);
      net_edit_string (a, "space", s3, "name", name);
    }
  before = net_hash (n->f.store);
  g_assert_true (pw_store_exec (n->f.store,
    "CREATE TEMP TRIGGER fault BEFORE INSERT ON sync_applied WHEN NEW.mid = 3"
    " BEGIN SELECT RAISE (ABORT, 'disk full'); END", NULL));
  push = pw_sync_client_build_push (a, 100, &error);
  g_assert_no_error (error);
  r = pw_sync_server_push (n->f.store, net_actor_of (n, a), push, &error);
  g_assert_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_STORE);
  g_assert_null (r);
  g_clear_error (&error);
  {
    g_autofree char *after = net_hash (n->f.store);
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpint (net_int (n->f.store, "SELECT count(*) FROM sync_applied"), ==, 0);
  g_assert_cmpint (net_int (n->f.store, "SELECT count(*) FROM sync_client"), ==, 0);

  g_assert_true (pw_store_exec (n->f.store, "DROP TRIGGER temp.fault", NULL));
  net_sync (n, a, 100);
  g_assert_cmpint (net_int (n->f.store, "SELECT version FROM space WHERE code = 'B1-F01-003'"), ==, 5);
  g_assert_cmpint (net_int (n->f.store, "SELECT count(*) FROM sync_applied"), ==, 4);
  net_assert_converged (n);
}

/* A resolution that fails gives back the outbox number its new mutation took: the
 * desktop's numbers stay without gaps, so the server keeps taking its pushes. */
static void
test_resolve_fails_cleanly (Net *n, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwStore *a = net_add_client (n, manager ("alice", n->f.park));
  PwStore *b = net_add_client (n, manager ("bob", n->f.park));
  g_autofree char *s6 = net_space_id (a, "B1-F02-002");
  g_autoptr(GPtrArray) list = NULL;
  gint64 next;

  net_edit_int (a, "space", s6, "gross_area", 21000);
  net_edit_int (b, "space", s6, "gross_area", 22000);
  net_sync (n, a, 100);
  net_sync (n, b, 100);
  list = pw_sync_client_list_conflicts (b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  next = pw_store_get_next_mid (b);
  g_assert_true (pw_store_exec (b, "CREATE TEMP TRIGGER fault BEFORE DELETE ON sync_conflict"
                                   " BEGIN SELECT RAISE (ABORT, 'disk full'); END", NULL));
  g_assert_false (pw_sync_client_resolve (b, ((PwSyncConflict *) list->pdata[0])->id,
                                          PW_SYNC_KEEP_MINE, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (pw_store_get_next_mid (b), ==, next);
  g_assert_cmpint (pw_store_count (b, "outbox"), ==, 1);
  g_assert_cmpint (net_int (b, "SELECT gross_area FROM space WHERE code = 'B1-F02-002'"), ==, 22000);
  g_assert_true (pw_store_exec (b, "DROP TRIGGER temp.fault", NULL));

  g_assert_true (pw_sync_client_resolve (b, ((PwSyncConflict *) list->pdata[0])->id,
                                         PW_SYNC_KEEP_MINE, NULL, &error));
  g_assert_no_error (error);
  net_sync (n, b, 100);
  net_sync (n, a, 100);
  g_assert_cmpint (net_int (n->f.store, "SELECT gross_area FROM space WHERE code = 'B1-F02-002'"),
                   ==, 22000);
  net_assert_converged (n);
}

/* Two desktops make a building with the same code offline: the second is refused by
 * the park's unique codes, and its pull makes room for the server's building while
 * the refused one stays listed with its fields until discarded. */
static void
test_same_code (Net *n, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwStore *a = net_add_client (n, manager ("alice", n->f.park));
  PwStore *b = net_add_client (n, manager ("bob", n->f.park));
  g_autoptr(GPtrArray) list = NULL;
  PwStore *both[] = { a, b };

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PwMutation) m = pw_mutation_new_insert ("building", NULL);

      pw_mutation_set_string (m, "park_id", n->f.park);
      pw_mutation_set_string (m, "code", "B2");
      pw_mutation_set_string (m, "name", i == 0 ? "North" : "South");
      pw_mutation_set_string (m, "kind", "office");
      g_assert_true (pw_store_apply (both[i], m, &error));
      g_assert_no_error (error);
    }
  net_sync (n, a, 100);
  net_sync (n, b, 100);
  list = pw_sync_client_list_conflicts (b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((PwSyncConflict *) list->pdata[0])->reason, ==, "invalid");
  g_assert_cmpstr (json_object_get_string_member (((PwSyncConflict *) list->pdata[0])->mine, "name"),
                   ==, "South");
  {
    g_autofree char *name = net_text (b, "SELECT name FROM building WHERE code = 'B2'");
    g_assert_cmpstr (name, ==, "North");
  }
  settle (b);
  net_sync (n, b, 100);
  net_assert_converged (n);
}

static PwSyncActor *
role_actor (const char *user, const char *park, PwSyncRole role)
{
  PwSyncActor *actor = pw_sync_actor_new (user, FALSE);

  pw_sync_actor_grant (actor, park, role);
  return actor;
}

/* A bill run posted by finance on a desktop reaches the server and the other desktops
 * (docs/billing.md, "Sync"); cancelling a bill there too. A leasing agent's desktop
 * posting the same run is refused: bills are finance's. */
static void
test_bill_run (Net *n, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwStore *a = net_add_client (n, manager ("alice", n->f.park));
  PwStore *fi = net_add_client (n, role_actor ("fiona", n->f.park, PW_SYNC_ROLE_FINANCE));
  PwStore *la = net_add_client (n, role_actor ("larry", n->f.park, PW_SYNC_ROLE_LEASING_AGENT));
  PwStore *fr = net_add_client (n, role_actor ("frank", n->f.park, PW_SYNC_ROLE_FINANCE));
  g_autofree char *contract = lease (a, n->f.park, "C-020", "B1-F02-002");
  g_autoptr(PwBillRun) run = NULL;
  g_autoptr(PwBillRun) twice = NULL;
  g_autoptr(PwBillRun) theirs = NULL;
  g_autofree char *number = NULL;

  transition (a, contract, PW_CONTRACT_SUBMITTED);
  transition (a, contract, PW_CONTRACT_APPROVED);
  transition (a, contract, PW_CONTRACT_SIGNED);
  net_sync (n, a, 100);
  net_sync (n, fi, 100);
  net_sync (n, la, 100);
  net_sync (n, fr, 100);

  /* finance posts March 2026: one bill of 50 × 100.00 = 5,000.00 */
  run = pw_bill_run_post (fi, n->f.park, "2026-03", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (run->bills->len, ==, 1);
  number = g_strdup (((PwBillRunBill *) run->bills->pdata[0])->number);
  net_sync (n, fi, 100);
  g_assert_cmpint (count_conflicts (fi, PW_SYNC_CONFLICT_REJECTED, NULL), ==, 0);
  g_assert_cmpint (pw_store_count (n->f.store, "bill_run"), ==, 1);
  g_assert_cmpint (pw_store_count (n->f.store, "bill"), ==, 1);
  g_assert_cmpint (net_int (n->f.store, "SELECT sum (gross) FROM bill_line"), ==, 500000);

  /* the leasing agent's desktop posts the same period before it pulls: refused */
  theirs = pw_bill_run_post (la, n->f.park, "2026-03", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (theirs->bills->len, ==, 1);
  net_push (n, la, 100);
  g_assert_cmpint (count_conflicts (la, PW_SYNC_CONFLICT_REJECTED, "forbidden"), >=, 1);
  g_assert_cmpint (pw_store_count (n->f.store, "bill"), ==, 1);
  settle (la);

  /* a second finance desktop posting the same period offline: its bill takes the
   * same number and bills the same source, and the server refuses it */
  twice = pw_bill_run_post (fr, n->f.park, "2026-03", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (twice->bills->len, ==, 1);
  net_push (n, fr, 100);
  g_assert_cmpint (count_conflicts (fr, PW_SYNC_CONFLICT_REJECTED, NULL)
                   + count_conflicts (fr, PW_SYNC_CONFLICT_CONFLICT, NULL), >=, 1);
  g_assert_cmpint (pw_store_count (n->f.store, "bill"), ==, 1);
  g_assert_cmpint (pw_store_count (n->f.store, "bill_line"), ==, 1);
  settle (fr);

  /* finance cancels it; everyone pulls the same */
  g_assert_true (pw_bill_set_status (fi, n->f.park, number, PW_BILL_CANCELLED, &error));
  g_assert_no_error (error);
  net_sync (n, fi, 100);
  g_assert_cmpint (count_conflicts (fi, PW_SYNC_CONFLICT_REJECTED, NULL), ==, 0);
  {
    g_autofree char *status = net_text (n->f.store, "SELECT status FROM bill");
    g_assert_cmpstr (status, ==, "cancelled");
  }
  net_sync (n, a, 100);
  net_sync (n, la, 100);
  net_sync (n, fr, 100);
  g_assert_cmpint (net_int (a, "SELECT count (*) FROM bill_line WHERE cancelled = 1"), ==, 1);
  net_assert_converged (n);
}

static void
add_reading (PwStore *store, const char *park, const char *meter, const char *date,
             const char *total, gboolean rollover)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) v = json_object_new ();
  g_autofree char *id = NULL;

  json_object_set_string_member (v, "total", total);
  id = pw_meter_reading_add (store, park, meter, date, v, rollover, FALSE, PW_READING_FROM_HAND,
                             &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
}

/* A meter and its readings entered on one desktop reach the server and the others
 * (docs/meters.md; docs/sync-protocol.md, "Meters and readings"). A second reading of the
 * same meter and day from another desktop, and a lower one without a rollover judged
 * against what the server holds, are rejected there; a leasing agent may not read meters. */
static void
test_meter_reading (Net *n, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwStore *op = net_add_client (n, role_actor ("olga", n->f.park, PW_SYNC_ROLE_OPERATIONS));
  PwStore *op2 = net_add_client (n, role_actor ("otto", n->f.park, PW_SYNC_ROLE_OPERATIONS));
  PwStore *la = net_add_client (n, role_actor ("larry", n->f.park, PW_SYNC_ROLE_LEASING_AGENT));
  g_autoptr(JsonObject) spec = json_object_new ();
  g_autofree char *meter = NULL;

  net_sync (n, op, 100);
  net_sync (n, op2, 100);
  net_sync (n, la, 100);
  json_object_set_string_member (spec, "code", "W-1");
  json_object_set_string_member (spec, "kind", "water");
  json_object_set_string_member (spec, "location", "B1-F02-002");
  meter = pw_meter_add (op, n->f.park, spec, &error);
  g_assert_no_error (error);
  add_reading (op, n->f.park, "W-1", "2026-01-31", "100", FALSE);
  net_sync (n, op, 100);
  g_assert_cmpint (count_conflicts (op, PW_SYNC_CONFLICT_REJECTED, NULL), ==, 0);
  g_assert_cmpint (pw_store_count (n->f.store, "meter_reading"), ==, 1);

  /* the other desktop has it, and both read February offline */
  net_sync (n, op2, 100);
  g_assert_cmpint (net_int (op2, "SELECT count (*) FROM meter_reading"), ==, 1);
  add_reading (op, n->f.park, "W-1", "2026-02-28", "150", FALSE);
  add_reading (op2, n->f.park, "W-1", "2026-02-28", "160", FALSE);
  net_push (n, op, 100);
  net_push (n, op2, 100);
  g_assert_cmpint (count_conflicts (op2, PW_SYNC_CONFLICT_REJECTED, NULL), ==, 1);
  g_assert_cmpint (net_int (n->f.store, "SELECT count (*) FROM meter_reading"), ==, 2);
  g_assert_cmpint (net_int (n->f.store, "SELECT count (*) FROM meter_reading"
                                        " WHERE reg_values LIKE '%150%'"), ==, 1);
  settle (op2);
  net_sync (n, op2, 100);

  /* March at 170 from one desktop; the other, which has not pulled it, reads April at
   * 165: above what it holds (150), below what the server holds (170): rejected there */
  net_sync (n, op, 100);
  add_reading (op, n->f.park, "W-1", "2026-03-31", "170", FALSE);
  net_push (n, op, 100);
  g_assert_cmpint (count_conflicts (op, PW_SYNC_CONFLICT_REJECTED, NULL), ==, 0);
  add_reading (op2, n->f.park, "W-1", "2026-04-30", "165", FALSE);
  net_push (n, op2, 100);
  g_assert_cmpint (count_conflicts (op2, PW_SYNC_CONFLICT_REJECTED, NULL), ==, 1);
  g_assert_cmpint (net_int (n->f.store, "SELECT count (*) FROM meter_reading"), ==, 3);
  settle (op2);

  /* the leasing agent's reading is refused: meters are operations' and finance's */
  net_sync (n, la, 100);
  add_reading (la, n->f.park, "W-1", "2026-05-31", "180", FALSE);
  net_push (n, la, 100);
  g_assert_cmpint (count_conflicts (la, PW_SYNC_CONFLICT_REJECTED, "forbidden"), ==, 1);
  g_assert_cmpint (net_int (n->f.store, "SELECT count (*) FROM meter_reading"), ==, 3);
  settle (la);

  net_sync (n, op, 100);
  net_sync (n, op2, 100);
  net_sync (n, la, 100);
  net_assert_converged (n);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Net, NULL, net_set_up, fn, net_tear_down)
  ADD ("/sync/bootstrap", test_bootstrap);
  ADD ("/sync/two-clients", test_two_clients);
  ADD ("/sync/five-clients", test_five_clients);
  ADD ("/sync/replay", test_replay);
  ADD ("/sync/gap-and-forged-client", test_gap_and_forged_client);
  ADD ("/sync/contract-first-transition", test_contract_first_transition);
  ADD ("/sync/undo-termination", test_undo_termination);
  ADD ("/sync/undo-steps", test_undo_steps);
  ADD ("/sync/insert-only", test_insert_only);
  ADD ("/sync/cursor-expired", test_cursor_expired);
  ADD ("/sync/merge-fields", test_merge_fields);
  ADD ("/sync/rejected-discard", test_rejected_discard);
  ADD ("/sync/page-atomic", test_page_atomic);
  ADD ("/sync/random-rounds", test_random_rounds);
  ADD ("/sync/push-atomic", test_push_atomic);
  ADD ("/sync/resolve-fails-cleanly", test_resolve_fails_cleanly);
  ADD ("/sync/same-code", test_same_code);
  ADD ("/sync/bill-run", test_bill_run);
  ADD ("/sync/meter-reading", test_meter_reading);
  return g_test_run ();
}
