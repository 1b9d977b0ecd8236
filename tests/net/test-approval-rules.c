/* test-approval-rules.c — the server applies the approval rules to pushes, per role
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo park asks the asset manager to approve a discount above 10 % (level 1) and
 * the general manager above 20 % (level 2). A leasing agent submits a quote with a
 * 48.98 % discount from the desktop: the approvals are asked for and the quote is
 * submitted on the server. Pushed by hand, the shortcuts are refused with the same rules
 * the desktop applies: a draft approved at once, a submission without the approvals,
 * an approval that arrives decided, a decision by a role that may not decide, a quote
 * approved while approvals wait, a level decided before a lower one. Finance,
 * operations and viewers may not ask for approvals at all. The asset manager's desktop
 * then decides level by level, and the quote is approved on the server. */
#include "config.h"

#include "fault-util.h"
#include "push-util.h"
#include "pw-customer.h"

#define LI_PASSWORD "li-password-22"
#define WANG_PASSWORD "wang-password-1"

static char *
server_text (sqlite3 *db, const char *sql, const char *arg)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static gint64
quote_version (sqlite3 *db, const char *quote)
{
  return sqlite_int (db, "SELECT version FROM quote WHERE id = ?", quote, 0);
}

static JsonObject *
approval_request (const char *quote, const char *rule, const char *role, const char *level,
                  const char *decision)
{
  return fields_of ("quote_id", quote, "rule_id", rule, "approver_role", role, "level", level,
                    "decision", decision, "comment", "", NULL);
}

static JsonObject *
decision_of (const char *decision)
{
  return fields_of ("decision", decision, "actor", "someone", "comment", "fine",
                    "decided_at", "2026-12-07T10:00:00.000Z", NULL);
}

static void
test_rules (void)
{
  TestServer *ts = test_server_prepare (NULL);
  g_autofree char *park = test_server_seed_demo (ts);
  g_autofree char *prospect = NULL, *space = NULL, *rule_am = NULL, *rule_gm = NULL;
  g_autofree char *q1 = NULL, *q2 = NULL, *q3 = NULL, *status = NULL;
  g_autofree char *a1 = NULL, *a2 = NULL;
  g_autoptr(Desk) li = NULL;
  g_autoptr(Desk) wang = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Client) agent = { 0 }, manager = { 0 }, fin = { 0 }, op = { 0 }, viewer = { 0 };
  g_auto(Reply) r = { 0 };
  g_autofree char *desk_dir = NULL;
  JsonObject *result;
  guint n = 0;
  sqlite3 *db;

  test_server_add_grantee (ts, "li", LI_PASSWORD, park, "leasing_agent");
  test_server_add_grantee (ts, "wang", WANG_PASSWORD, park, "asset_manager");
  test_server_add_grantee (ts, "fei", "fei-password-55", park, "finance");
  test_server_add_grantee (ts, "ou", "ou-password-666", park, "operations");
  test_server_add_grantee (ts, "vera", "vera-password-1", park, "viewer");
  db = server_sqlite_open (ts->dir);
  prospect = server_text (db, "SELECT id FROM prospect ORDER BY id LIMIT 1", NULL);
  space = server_text (db, "SELECT id FROM space ORDER BY code LIMIT 1", NULL);
  rule_am = server_text (db, "SELECT id FROM approval_rule WHERE metric = 'discount_pct'"
                             " AND approver_role = ?", "asset_manager");
  rule_gm = server_text (db, "SELECT id FROM approval_rule WHERE metric = 'discount_pct'"
                             " AND approver_role = ?", "general_manager");
  g_assert_nonnull (prospect);
  g_assert_nonnull (rule_gm);
  test_server_run (ts);
  desk_dir = g_path_get_dirname (ts->dir);

  /* the leasing agent's desktop: a quote 48.98 % below the list price, submitted */
  li = desk_new (desk_dir, "li", ts->ca);
  desk_sign_in (li, ts->base, "li", LI_PASSWORD);
  desk_sync_ok (li);
  q1 = pw_quote_add (li->store, prospect, (const char *const[]) { space, NULL }, "51.02", 0, 36,
                     "100.00", &error);
  g_assert_no_error (error);
  q2 = pw_quote_add (li->store, prospect, (const char *const[]) { space, NULL }, "51.02", 0, 36,
                     "100.00", &error);
  g_assert_no_error (error);
  g_assert_true (pw_quote_submit (li->store, q1, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  desk_sync_ok (li);
  g_assert_cmpint (pw_sync_service_get_conflicts (li->sync), ==, 0);
  status = server_text (db, "SELECT status FROM quote WHERE id = ?", q1);
  g_assert_cmpstr (status, ==, "submitted");
  g_clear_pointer (&status, g_free);
  g_assert_cmpint (sqlite_int (db, "SELECT count(*) FROM approval WHERE quote_id = ?"
                                   " AND decision = 'pending'", q1, 0), ==, 2);
  a1 = server_text (db, "SELECT id FROM approval WHERE quote_id = ? AND level = 1", q1);
  a2 = server_text (db, "SELECT id FROM approval WHERE quote_id = ? AND level = 2", q1);

  /* pushed by hand, the agent's shortcuts are refused */
  client_sign_in (ts, &agent, "li", LI_PASSWORD);
  result = push_one (ts, &r, &agent, "quote", q2, PW_MUTATION_UPDATE, quote_version (db, q2),
                     fields_of ("status", "approved", NULL));
  assert_result (result, "rejected", "invalid", &r);
  result = push_one (ts, &r, &agent, "quote", q2, PW_MUTATION_UPDATE, quote_version (db, q2),
                     fields_of ("status", "submitted", NULL));
  assert_result (result, "rejected", "invalid", &r);
  g_assert_nonnull (strstr (json_object_get_string_member (result, "message"), "approval rules"));
  {
    g_autofree char *id = pw_uuid_new ();

    result = push_one (ts, &r, &agent, "approval", id, PW_MUTATION_INSERT, 0,
                       approval_request (q2, rule_am, "asset_manager", "#1", "approved"));
    assert_result (result, "rejected", "forbidden_field", &r);
  }
  result = push_one (ts, &r, &agent, "approval", a1, PW_MUTATION_UPDATE, 1,
                     decision_of ("approved"));
  assert_result (result, "rejected", "forbidden", &r);
  result = push_one (ts, &r, &agent, "quote", q1, PW_MUTATION_UPDATE, quote_version (db, q1),
                     fields_of ("status", "approved", NULL));
  assert_result (result, "rejected", "invalid", &r);
  status = server_text (db, "SELECT status FROM quote WHERE id = ?", q2);
  g_assert_cmpstr (status, ==, "draft");
  g_clear_pointer (&status, g_free);

  /* finance, operations and viewers do not ask for approvals */
  client_sign_in (ts, &fin, "fei", "fei-password-55");
  client_sign_in (ts, &op, "ou", "ou-password-666");
  client_sign_in (ts, &viewer, "vera", "vera-password-1");
  {
    Client *others[] = { &fin, &op, &viewer };

    for (guint i = 0; i < G_N_ELEMENTS (others); i++)
      {
        g_autofree char *id = pw_uuid_new ();

        result = push_one (ts, &r, others[i], "approval", id, PW_MUTATION_INSERT, 0,
                           approval_request (q2, rule_am, "asset_manager", "#1", "pending"));
        assert_result (result, "rejected", "forbidden", &r);
      }
  }

  /* the asset manager decides level by level: level 2 cannot go first */
  client_sign_in (ts, &manager, "wang", WANG_PASSWORD);
  result = push_one (ts, &r, &manager, "approval", a2, PW_MUTATION_UPDATE, 1,
                     decision_of ("approved"));
  assert_result (result, "rejected", "invalid", &r);
  g_assert_nonnull (strstr (json_object_get_string_member (result, "message"), "level 1"));

  wang = desk_new (desk_dir, "wang", ts->ca);
  desk_sign_in (wang, ts->base, "wang", WANG_PASSWORD);
  desk_sync_ok (wang);
  g_assert_true (pw_quote_decide (wang->store, q1, "asset_manager", TRUE, "", &error));
  g_assert_no_error (error);
  desk_sync_ok (wang);
  status = server_text (db, "SELECT status FROM quote WHERE id = ?", q1);
  g_assert_cmpstr (status, ==, "submitted");
  g_clear_pointer (&status, g_free);
  g_assert_true (pw_quote_decide (wang->store, q1, "general_manager", TRUE, "Agreed", &error));
  g_assert_no_error (error);
  desk_sync_ok (wang);
  g_assert_cmpint (pw_sync_service_get_conflicts (wang->sync), ==, 0);
  status = server_text (db, "SELECT status FROM quote WHERE id = ?", q1);
  g_assert_cmpstr (status, ==, "approved");
  g_clear_pointer (&status, g_free);

  /* a quote within the rules needs nobody: the agent's submission approves it */
  q3 = pw_quote_add (li->store, prospect, (const char *const[]) { space, NULL }, "95.00", 0, 36,
                     "100.00", &error);
  g_assert_no_error (error);
  g_assert_true (pw_quote_submit (li->store, q3, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  desk_sync_ok (li);
  g_assert_cmpint (pw_sync_service_get_conflicts (li->sync), ==, 0);
  status = server_text (db, "SELECT status FROM quote WHERE id = ?", q3);
  g_assert_cmpstr (status, ==, "approved");

  assert_integrity (db);
  sqlite3_close (db);
  g_clear_pointer (&li, desk_free);
  g_clear_pointer (&wang, desk_free);
  test_server_free (ts);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/net/approval-rules", test_rules);
  return g_test_run ();
}
