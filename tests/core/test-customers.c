/* test-customers.c — customers, prospects, quotes and their approvals
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "fixture.h"
#include "pw-customer.h"
#include "pw-lease.h"
#include "pw-row.h"

static gint64
query_int (PwStore *store, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
space_id (Fixture *f, const char *code)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, "SELECT id FROM space WHERE code = ?",
                                                   NULL);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static char *
add_prospect (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  char *id;

  json_object_set_string_member (fields, "name", "Lakeside Robotics");
  json_object_set_string_member (fields, "source", "broker");
  json_object_set_string_member (fields, "agent", "Wang Fang");
  id = pw_prospect_add (f->store, f->park, fields, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static char *
add_quote (Fixture *f, const char *prospect, const char *unit, gint64 rent_free,
           const char *list)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *s1 = space_id (f, "B1-F01-003");
  g_autofree char *s2 = space_id (f, "B1-F02-002");
  const char *spaces[] = { s1, s2, NULL };
  char *id = pw_quote_add (f->store, prospect, spaces, unit, rent_free, 36, list, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

/* Asset manager above 10 % discount or 2 months rent-free (level 1); general
 * manager above 20 % or 4 months (level 2). */
static void
add_rules (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *r1 = pw_approval_rule_add (f->store, f->park, "discount_pct", "10",
                                              "asset_manager", 1, &error);
  g_autofree char *r2 = NULL;

  g_assert_no_error (error);
  r2 = pw_approval_rule_add (f->store, f->park, "discount_pct", "20", "general_manager", 2, &error);
  g_assert_no_error (error);
  {
    g_autofree char *r3 = pw_approval_rule_add (f->store, f->park, "rent_free_months", "2",
                                                "asset_manager", 1, &error);
    g_autofree char *r4 = NULL;
    g_assert_no_error (error);
    r4 = pw_approval_rule_add (f->store, f->park, "rent_free_months", "4", "general_manager", 2,
                               &error);
    g_assert_no_error (error);
  }
}

static const char *
status_of (Fixture *f, const char *quote)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) row = pw_store_get_row (f->store, "quote", quote, &error);

  g_assert_no_error (error);
  return g_intern_string (json_object_get_string_member (row, "status"));
}

static void
test_decimals (void)
{
  static const struct {
    const char *unit, *list, *discount;
  } cases[] = {
    { "2.8", "3.2", "12.50" },
    { "3.2", "3.2", "0.00" },
    { "3.36", "3.2", "-5.00" },
    { "2", "3", "33.33" },
    { "1", "3", "66.67" },
    { "0.0001", "3", "100.00" },
    { "2.9999", "3.0000", "0.00" },
    { "2.9985", "3", "0.05" },     /* 0.05 exactly: half-up */
    { "99.5", "120", "17.08" },
  };
  g_autoptr(GError) error = NULL;
  gint64 v;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *d = pw_quote_compute_discount (cases[i].unit, cases[i].list, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (d, ==, cases[i].discount);
    }

  g_assert_true (pw_leasing_decimal_parse ("3.2", "x", &v, NULL));
  g_assert_cmpint (v, ==, 32000);
  g_assert_true (pw_leasing_decimal_parse ("-0.0005", "x", &v, NULL));
  g_assert_cmpint (v, ==, -5);
  {
    g_autofree char *a = pw_leasing_decimal_format (32000, 2);
    g_autofree char *b = pw_leasing_decimal_format (33600, 0);
    g_autofree char *c = pw_leasing_decimal_format (-5, 2);
    g_autofree char *d = pw_leasing_decimal_format (100000, 0);
    g_assert_cmpstr (a, ==, "3.20");
    g_assert_cmpstr (b, ==, "3.36");
    g_assert_cmpstr (c, ==, "-0.0005");
    g_assert_cmpstr (d, ==, "10");
  }
  {
    static const char *const bad[] = { "", "3.", ".5", "3.12345", "1e3", "+3", "3,2", "abc",
                                       "10000000", "-" };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_false (pw_leasing_decimal_parse (bad[i], "unit_rent", &v, &error));
        g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
        g_assert_nonnull (strstr (error->message, "unit_rent"));
        g_clear_error (&error);
      }
  }
  g_assert_null (pw_quote_compute_discount ("3", "0", &error));
  g_assert_nonnull (strstr (error->message, "list_price"));
}

static void
test_customers (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) bad = json_object_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *good = NULL;
  g_autofree char *faulty = NULL;
  g_autofree char *contact = NULL;
  gint64 audit = pw_store_count (f->store, "audit");

  json_object_set_string_member (fields, "name", "Minjiang Instruments Co., Ltd.");
  json_object_set_string_member (fields, "uscc", "9135 0100 M000 100Y 43");
  json_object_set_string_member (fields, "industry", "Instruments");
  json_object_set_string_member (fields, "tags", "[\"anchor\", \"export\"]");
  json_object_set_string_member (fields, "risk_level", "low");
  good = pw_customer_add (f->store, f->park, fields, &warning, &error);
  g_assert_no_error (error);
  g_assert_nonnull (good);
  g_assert_null (warning);

  /* a code that fails its check is recorded, with a warning naming the position */
  json_object_set_string_member (fields, "name", "Xiamen Sky Aviation");
  json_object_set_string_member (fields, "uscc", "91350211M0000XUF46");
  faulty = pw_customer_add (f->store, f->park, fields, &warning, &error);
  g_assert_no_error (error);
  g_assert_nonnull (faulty);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "Position 18"));

  json_object_set_string_member (bad, "name", "Li Lei");
  json_object_set_string_member (bad, "role", "Office manager");
  json_object_set_string_member (bad, "phone", "+86 591-8888 0000");
  json_object_set_string_member (bad, "email", "li.lei@example.cn");
  contact = pw_contact_add (f->store, good, bad, &error);
  g_assert_no_error (error);

  list = pw_customer_list (f->store, f->park, &error);
  g_assert_no_error (error);
  g_assert_cmpint (list->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (list->pdata[0], "uscc"), ==, "91350100M000100Y43");
  g_assert_cmpstr (json_object_get_string_member (list->pdata[0], "kind"), ==, "company");
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (list->pdata[0], "contacts")),
                   ==, 1);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit + 3);

  /* refusals name the field */
  {
    static const struct {
      const char *field, *value, *named;
    } cases[] = {
      { "kind", "partnership", "kind" },
      { "risk_level", "extreme", "risk_level" },
      { "tags", "anchor", "tags" },
      { "tags", "[1, 2]", "tags" },
      { "name", "  ", "name" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(JsonObject) c = json_object_new ();
        g_autofree char *id = NULL;

        json_object_set_string_member (c, "name", "Refused Ltd");
        json_object_set_string_member (c, cases[i].field, cases[i].value);
        id = pw_customer_add (f->store, f->park, c, NULL, &error);
        g_assert_null (id);
        g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
        g_test_message ("%s", error->message);
        g_assert_nonnull (strstr (error->message, cases[i].named));
        g_clear_error (&error);
      }
  }
  {
    g_autoptr(JsonObject) c = json_object_new ();
    g_autofree char *id = NULL;

    json_object_set_string_member (c, "name", "Han Mei");
    json_object_set_string_member (c, "email", "han.mei@");
    id = pw_contact_add (f->store, good, c, &error);
    g_assert_null (id);
    g_assert_nonnull (strstr (error->message, "“email”"));
    g_clear_error (&error);
  }
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit + 3);

  /* an update re-checks the code */
  {
    g_autofree char *w = NULL;
    g_autoptr(JsonObject) u = json_object_new ();

    json_object_set_string_member (u, "uscc", "110108012345678");
    g_assert_true (pw_customer_update (f->store, good, 1, u, &w, &error));
    g_assert_no_error (error);
    g_assert_nonnull (w);
    g_assert_nonnull (strstr (w, "older registration number"));
  }
}

static void
test_prospect_viewing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prospect = add_prospect (f);
  g_autofree char *s1 = space_id (f, "B1-F01-003");
  g_autofree char *viewing = NULL;
  g_autoptr(JsonObject) row = NULL;
  const char *spaces[] = { s1, NULL };
  const char *nowhere[] = { "no-such-space", NULL };

  viewing = pw_viewing_add (f->store, prospect, "2026-03-02", "Wang Fang", spaces,
                            "Liked the light", &error);
  g_assert_no_error (error);
  row = pw_store_get_row (f->store, "prospect", prospect, &error);
  g_assert_cmpstr (json_object_get_string_member (row, "stage"), ==, "viewing");

  g_assert_null (pw_viewing_add (f->store, prospect, "2026-02-30", NULL, spaces, NULL, &error));
  g_assert_nonnull (strstr (error->message, "“date”"));
  g_clear_error (&error);
  g_assert_null (pw_viewing_add (f->store, prospect, "2026-03-03", NULL, nowhere, NULL, &error));
  g_assert_nonnull (strstr (error->message, "“spaces”"));
  g_clear_error (&error);
  g_assert_cmpint (pw_store_count (f->store, "viewing"), ==, 1);
}

static void
test_no_rules_needed (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prospect = add_prospect (f);
  g_autofree char *quote = NULL;
  guint n = 99;

  add_rules (f);
  quote = add_quote (f, prospect, "2.9", 1, "3.2"); /* 9.38 %, 1 month */
  g_assert_true (pw_quote_submit (f->store, quote, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpstr (status_of (f, quote), ==, "approved");
}

static void
test_two_levels (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prospect = add_prospect (f);
  g_autofree char *quote = NULL;
  g_autoptr(GPtrArray) approvals = NULL;
  g_autoptr(JsonObject) row = NULL;
  guint n = 0;

  add_rules (f);
  /* 25 % off and 3 months rent-free: both managers, the asset manager once */
  quote = add_quote (f, prospect, "2.4", 3, "3.2");
  row = pw_store_get_row (f->store, "quote", quote, &error);
  g_assert_cmpstr (json_object_get_string_member (row, "discount_pct"), ==, "25.00");
  g_clear_pointer (&row, json_object_unref);
  row = pw_store_get_row (f->store, "prospect", prospect, &error);
  g_assert_cmpstr (json_object_get_string_member (row, "stage"), ==, "quoted");

  /* deciding a draft is refused */
  g_assert_false (pw_quote_decide (f->store, quote, NULL, TRUE, "", &error));
  g_assert_error (error, PW_LEASING_ERROR, PW_LEASING_ERROR_WRONG_STATUS);
  g_clear_error (&error);

  g_assert_true (pw_quote_submit (f->store, quote, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (status_of (f, quote), ==, "submitted");

  /* the terms are frozen once submitted */
  {
    g_autoptr(JsonObject) u = json_object_new ();
    json_object_set_string_member (u, "unit_rent", "3.0");
    g_assert_false (pw_quote_update (f->store, quote, 2, u, &error));
    g_assert_error (error, PW_LEASING_ERROR, PW_LEASING_ERROR_WRONG_STATUS);
    g_clear_error (&error);
  }
  /* and the store refuses it whatever path it takes */
  {
    g_autoptr(PwMutation) m = pw_mutation_new_update ("quote", quote, 2);
    pw_mutation_set_string (m, "unit_rent", "3.0");
    pw_mutation_set_string (m, "discount_pct", "6.25");
    g_assert_false (pw_store_apply (f->store, m, &error));
    g_assert_nonnull (strstr (error->message, "“unit_rent”"));
    g_clear_error (&error);
  }
  /* nor can the quote be declared approved while approvals are pending */
  {
    g_autoptr(PwMutation) m = pw_mutation_new_update ("quote", quote, 2);
    pw_mutation_set_string (m, "status", "approved");
    g_assert_false (pw_store_apply (f->store, m, &error));
    g_assert_nonnull (strstr (error->message, "“status”"));
    g_clear_error (&error);
  }

  /* the general manager waits for level 1 */
  g_assert_false (pw_quote_decide (f->store, quote, "general_manager", TRUE, "", &error));
  g_assert_error (error, PW_LEASING_ERROR, PW_LEASING_ERROR_NOT_YOUR_TURN);
  g_clear_error (&error);

  pw_store_set_actor (f->store, "zhao.am");
  g_assert_true (pw_quote_decide (f->store, quote, "asset_manager", TRUE, "Anchor tenant", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (status_of (f, quote), ==, "submitted");
  g_assert_false (pw_quote_decide (f->store, quote, "asset_manager", TRUE, "", &error));
  g_assert_error (error, PW_LEASING_ERROR, PW_LEASING_ERROR_NO_APPROVAL);
  g_clear_error (&error);

  pw_store_set_actor (f->store, "qian.gm");
  g_assert_true (pw_quote_decide (f->store, quote, NULL, TRUE, "", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (status_of (f, quote), ==, "approved");

  approvals = pw_quote_list_approvals (f->store, quote, &error);
  g_assert_no_error (error);
  g_assert_cmpint (approvals->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (approvals->pdata[0], "approver_role"), ==,
                   "asset_manager");
  g_assert_cmpstr (json_object_get_string_member (approvals->pdata[0], "actor"), ==, "zhao.am");
  g_assert_cmpstr (json_object_get_string_member (approvals->pdata[0], "comment"), ==,
                   "Anchor tenant");
  g_assert_cmpstr (json_object_get_string_member (approvals->pdata[1], "actor"), ==, "qian.gm");
  g_assert_cmpint (json_object_get_int_member (approvals->pdata[1], "level"), ==, 2);
  /* every step is in the audit trail */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit WHERE entity = 'approval'"),
                   ==, 4);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit WHERE entity = 'quote'"),
                   ==, 3);
}

static void
test_rejection (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prospect = add_prospect (f);
  g_autofree char *quote = NULL;
  g_autoptr(GPtrArray) approvals = NULL;
  gint64 audit;

  add_rules (f);
  quote = add_quote (f, prospect, "2.5", 0, "3.2"); /* 21.88 %: both levels */
  g_assert_true (pw_quote_submit (f->store, quote, NULL, &error));
  g_assert_no_error (error);

  /* a rejection needs a comment */
  audit = pw_store_count (f->store, "audit");
  g_assert_false (pw_quote_decide (f->store, quote, NULL, FALSE, " ", &error));
  g_assert_nonnull (strstr (error->message, "“comment”"));
  g_clear_error (&error);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);

  g_assert_true (pw_quote_decide (f->store, quote, "asset_manager", FALSE,
                                  "Below the floor price for this building", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (status_of (f, quote), ==, "rejected");
  approvals = pw_quote_list_approvals (f->store, quote, &error);
  g_assert_cmpstr (json_object_get_string_member (approvals->pdata[0], "decision"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (approvals->pdata[1], "decision"), ==, "pending");

  /* settled: nothing more to decide */
  g_assert_false (pw_quote_decide (f->store, quote, "general_manager", TRUE, "", &error));
  g_assert_error (error, PW_LEASING_ERROR, PW_LEASING_ERROR_WRONG_STATUS);
  g_clear_error (&error);
  /* and a decided approval cannot be rewritten */
  {
    JsonObject *a = approvals->pdata[0];
    g_autoptr(PwMutation) m = pw_mutation_new_update ("approval",
                                                      json_object_get_string_member (a, "id"),
                                                      json_object_get_int_member (a, "version"));
    pw_mutation_set_string (m, "decision", "approved");
    g_assert_false (pw_store_apply (f->store, m, &error));
    g_assert_nonnull (strstr (error->message, "“decision”"));
  }
}

static void
test_quote_refusals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prospect = add_prospect (f);
  g_autofree char *s1 = space_id (f, "B1-F01-003");
  const char *spaces[] = { s1, NULL };
  const char *none[] = { NULL };
  char *id;

  id = pw_quote_add (f->store, prospect, spaces, "3.2", 0, 36, "abc", &error);
  g_assert_null (id);
  g_assert_nonnull (strstr (error->message, "list_price"));
  g_clear_error (&error);

  id = pw_quote_add (f->store, prospect, none, "3.2", 0, 36, "3.2", &error);
  g_assert_null (id);
  g_assert_nonnull (strstr (error->message, "“spaces”"));
  g_clear_error (&error);

  id = pw_quote_add (f->store, prospect, spaces, "3.2", 40, 36, "3.2", &error);
  g_assert_null (id);
  g_assert_nonnull (strstr (error->message, "“rent_free_months”"));
  g_clear_error (&error);

  id = pw_quote_add (f->store, prospect, spaces, "3.2", 0, 0, "3.2", &error);
  g_assert_null (id);
  g_assert_nonnull (strstr (error->message, "“term_months”"));
  g_clear_error (&error);

  /* a discount that does not follow from the rents */
  {
    g_autoptr(PwMutation) m = pw_mutation_new_insert ("quote", NULL);
    g_autofree char *json = g_strdup_printf ("[\"%s\"]", s1);
    pw_mutation_set_string (m, "prospect_id", prospect);
    pw_mutation_set_string (m, "spaces", json);
    pw_mutation_set_string (m, "unit_rent", "2.8");
    pw_mutation_set_int (m, "rent_free_months", 0);
    pw_mutation_set_int (m, "term_months", 12);
    pw_mutation_set_string (m, "list_price", "3.2");
    pw_mutation_set_string (m, "discount_pct", "5.00");
    pw_mutation_set_string (m, "status", "draft");
    g_assert_false (pw_store_apply (f->store, m, &error));
    g_assert_nonnull (strstr (error->message, "“discount_pct”"));
    g_assert_nonnull (strstr (error->message, "12.50"));
    g_clear_error (&error);
  }

  /* approval rules */
  id = pw_approval_rule_add (f->store, f->park, "discount_pct", "120", "asset_manager", 1, &error);
  g_assert_null (id);
  g_assert_nonnull (strstr (error->message, "“threshold”"));
  g_clear_error (&error);
  id = pw_approval_rule_add (f->store, f->park, "area", "1", "asset_manager", 1, &error);
  g_assert_null (id);
  g_assert_nonnull (strstr (error->message, "“metric”"));
  g_clear_error (&error);
  id = pw_approval_rule_add (f->store, f->park, "discount_pct", "5", "ceo", 1, &error);
  g_assert_null (id);
  g_assert_nonnull (strstr (error->message, "“approver_role”"));
  g_clear_error (&error);
  g_assert_cmpint (pw_store_count (f->store, "quote"), ==, 0);
  g_assert_cmpint (pw_store_count (f->store, "approval_rule"), ==, 0);
}

/* A multi-row change that fails part-way writes nothing. */
static void
test_atomic (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prospect = add_prospect (f);
  g_autofree char *quote = NULL;
  g_autofree char *s1 = space_id (f, "B1-F01-003");
  g_autoptr(JsonObject) before = NULL;
  gint64 audit, outbox;
  const char *bad[] = { s1, "no-such-space", NULL };

  /* a viewing of a space that does not exist: the prospect stays a lead */
  audit = pw_store_count (f->store, "audit");
  g_assert_null (pw_viewing_add (f->store, prospect, "2026-03-02", NULL, bad, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  before = pw_store_get_row (f->store, "prospect", prospect, &error);
  g_assert_cmpstr (json_object_get_string_member (before, "stage"), ==, "lead");
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);

  /* a submission whose approvals cannot be written leaves the quote a draft */
  add_rules (f);
  quote = add_quote (f, prospect, "2.4", 0, "3.2");
  audit = pw_store_count (f->store, "audit");
  outbox = pw_store_count (f->store, "outbox");
  g_assert_true (pw_store_exec (f->store, "CREATE TRIGGER refuse_gm BEFORE INSERT ON approval"
                                          " WHEN NEW.approver_role = 'general_manager'"
                                          " BEGIN SELECT RAISE (ABORT, 'refused'); END", NULL));
  g_assert_false (pw_quote_submit (f->store, quote, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpstr (status_of (f, quote), ==, "draft");
  g_assert_cmpint (pw_store_count (f->store, "approval"), ==, 0);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);
  g_assert_cmpint (pw_store_count (f->store, "outbox"), ==, outbox);

  /* once possible, the same submission goes through whole */
  g_assert_true (pw_store_exec (f->store, "DROP TRIGGER refuse_gm", NULL));
  g_assert_true (pw_quote_submit (f->store, quote, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (f->store, "approval"), ==, 2);
}

/* The demo-style reset removes the leasing records before the park. */
static void
test_clear (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prospect = add_prospect (f);
  g_autofree char *quote = NULL;

  add_rules (f);
  quote = add_quote (f, prospect, "2.4", 0, "3.2");
  g_assert_true (pw_quote_submit (f->store, quote, NULL, &error));
  g_assert_true (pw_ledger_clear (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (f->store, "park"), ==, 0);
  g_assert_cmpint (pw_store_count (f->store, "approval"), ==, 0);
}

/* The park's list and floor prices are optional positive decimals, the floor
 * never above the list; a refusal names the field and writes nothing. */
static void
test_park_prices (Fixture *f, gconstpointer data)
{
  static const struct { const char *list, *floor, *field; } cases[] = {
    { "95.5", "80", NULL },
    { NULL, "80", NULL },
    { "95.5", NULL, NULL },
    { "0", NULL, "list_price" },
    { "95.5", "-1", "floor_price" },
    { "95.5", "abc", "floor_price" },
    { "80", "95.5", "floor_price" },
  };
  g_autoptr(JsonObject) row = pw_store_get_row (f->store, "park", f->park, NULL);
  gint64 version = json_object_get_int_member (row, "version");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PwMutation) m = pw_mutation_new_update ("park", f->park, version);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) after = NULL;
      gint64 audits = query_int (f->store, "SELECT count(*) FROM audit");

      if (cases[i].list != NULL)
        pw_mutation_set_string (m, "list_price", cases[i].list);
      else
        pw_mutation_set_null (m, "list_price");
      if (cases[i].floor != NULL)
        pw_mutation_set_string (m, "floor_price", cases[i].floor);
      else
        pw_mutation_set_null (m, "floor_price");

      if (cases[i].field == NULL)
        {
          pw_store_apply (f->store, m, &error);
          g_assert_no_error (error);
          version++;
          after = pw_store_get_row (f->store, "park", f->park, NULL);
          g_assert_cmpstr (pw_row_string (after, "floor_price"), ==, cases[i].floor);
          g_assert_cmpstr (pw_row_string (after, "list_price"), ==, cases[i].list);
        }
      else
        {
          g_assert_false (pw_store_apply (f->store, m, &error));
          g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
          g_assert_nonnull (strstr (error->message, cases[i].field));
          g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit"), ==, audits);
        }
    }
}

/* Contacts are changed and removed through the mutation path; a bad email
 * names its field and changes nothing. */
static void
test_contact_edit (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) change = json_object_new ();
  g_autoptr(JsonObject) row = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *contact = NULL;
  gint64 audit;

  json_object_set_string_member (fields, "name", "Minjiang Instruments Co., Ltd.");
  customer = pw_customer_add (f->store, f->park, fields, NULL, &error);
  g_assert_no_error (error);
  json_object_set_string_member (fields, "name", "Li Lei");
  json_object_set_string_member (fields, "email", "li.lei@example.cn");
  contact = pw_contact_add (f->store, customer, fields, &error);
  g_assert_no_error (error);

  json_object_set_string_member (change, "role", "Facilities");
  json_object_set_string_member (change, "phone", "0591-8888 0000");
  g_assert_true (pw_contact_update (f->store, contact, 1, change, &error));
  g_assert_no_error (error);
  row = pw_store_get_row (f->store, "contact", contact, &error);
  g_assert_cmpstr (pw_row_string (row, "role"), ==, "Facilities");
  g_assert_cmpstr (pw_row_string (row, "email"), ==, "li.lei@example.cn");
  g_assert_cmpint (json_object_get_int_member (row, "version"), ==, 2);

  audit = pw_store_count (f->store, "audit");
  json_object_set_string_member (change, "email", "li.lei at example");
  g_assert_false (pw_contact_update (f->store, contact, 2, change, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "“email”"));
  g_clear_error (&error);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);

  /* the customer is not the contact's to change here */
  {
    g_autoptr(JsonObject) move = json_object_new ();

    json_object_set_string_member (move, "customer_id", customer);
    g_assert_false (pw_contact_update (f->store, contact, 2, move, &error));
    g_assert_nonnull (strstr (error->message, "customer_id"));
    g_clear_error (&error);
  }

  g_assert_true (pw_contact_remove (f->store, contact, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (f->store, "contact"), ==, 0);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit + 1);
}

/* Prospects are listed with their customer's name and move through their
 * stages; viewings and quotes are listed newest first. */
static void
test_prospect_lists (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) change = json_object_new ();
  g_autoptr(GPtrArray) prospects = NULL;
  g_autoptr(GPtrArray) viewings = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *prospect = add_prospect (f);
  g_autofree char *s1 = space_id (f, "B1-F01-003");
  g_autofree char *v1 = NULL, *v2 = NULL, *q1 = NULL, *q2 = NULL;
  const char *spaces[] = { s1, NULL };

  json_object_set_string_member (fields, "name", "Lakeside Robotics Ltd");
  customer = pw_customer_add (f->store, f->park, fields, NULL, &error);
  g_assert_no_error (error);

  json_object_set_string_member (change, "customer_id", customer);
  json_object_set_string_member (change, "stage", "negotiating");
  g_assert_true (pw_prospect_update (f->store, prospect, 1, change, &error));
  g_assert_no_error (error);
  prospects = pw_prospect_list (f->store, f->park, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (prospects->len, ==, 1);
  g_assert_cmpstr (pw_row_string (prospects->pdata[0], "customer_name"), ==, "Lakeside Robotics Ltd");
  g_assert_cmpstr (pw_row_string (prospects->pdata[0], "stage"), ==, "negotiating");

  /* a stage that is not one, and the park, are refused by field */
  {
    g_autoptr(JsonObject) bad = json_object_new ();

    json_object_set_string_member (bad, "stage", "signed");
    g_assert_false (pw_prospect_update (f->store, prospect, 2, bad, &error));
    g_assert_nonnull (strstr (error->message, "“stage”"));
    g_clear_error (&error);
    json_object_remove_member (bad, "stage");
    json_object_set_string_member (bad, "park_id", f->park);
    g_assert_false (pw_prospect_update (f->store, prospect, 2, bad, &error));
    g_assert_nonnull (strstr (error->message, "park_id"));
    g_clear_error (&error);
  }

  v1 = pw_viewing_add (f->store, prospect, "2026-03-02", "Wang Fang", spaces, "", &error);
  g_assert_no_error (error);
  v2 = pw_viewing_add (f->store, prospect, "2026-03-09", "Wang Fang", spaces, "Second look", &error);
  g_assert_no_error (error);
  viewings = pw_viewing_list (f->store, prospect, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (viewings->len, ==, 2);
  g_assert_cmpstr (pw_row_string (viewings->pdata[0], "id"), ==, v2);

  q1 = add_quote (f, prospect, "3.0", 0, "3.2");
  quotes = pw_quote_list (f->store, prospect, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quotes->len, ==, 1);
  g_assert_cmpstr (pw_row_string (quotes->pdata[0], "id"), ==, q1);
  g_assert_cmpstr (pw_row_string (quotes->pdata[0], "discount_pct"), ==, "6.25");
}

/* What submitting would ask for is what it asks for; rules change and are
 * removed only while nothing was asked under them. */
static void
test_required_and_rules (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prospect = add_prospect (f);
  g_autofree char *quote = NULL;
  g_autofree char *spare = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GPtrArray) required = NULL;
  g_autoptr(GPtrArray) asked = NULL;
  JsonObject *rule_am = NULL;
  guint n = 0;

  add_rules (f);
  quote = add_quote (f, prospect, "2.7", 0, "3.2");   /* 15.63 %: the asset manager */
  required = pw_quote_required_approvals (f->store, quote, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (required->len, ==, 1);
  g_assert_cmpstr (pw_row_string (required->pdata[0], "approver_role"), ==, "asset_manager");
  g_assert_cmpint (json_object_get_int_member (required->pdata[0], "level"), ==, 1);
  g_assert_cmpint (pw_store_count (f->store, "approval"), ==, 0);

  /* raising the asset manager's discount threshold to 20 % asks nobody */
  rules = pw_approval_rule_list (f->store, f->park, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rules->len; i++)
    if (g_str_equal (pw_row_string (rules->pdata[i], "metric"), "discount_pct")
        && g_str_equal (pw_row_string (rules->pdata[i], "approver_role"), "asset_manager"))
      rule_am = rules->pdata[i];
  g_assert_nonnull (rule_am);
  {
    g_autoptr(JsonObject) change = json_object_new ();
    g_autoptr(GPtrArray) none = NULL;

    json_object_set_string_member (change, "threshold", "101");
    g_assert_false (pw_approval_rule_update (f->store, pw_row_string (rule_am, "id"), 1, change, &error));
    g_assert_nonnull (strstr (error->message, "“threshold”"));
    g_clear_error (&error);
    json_object_set_string_member (change, "threshold", "16");
    g_assert_true (pw_approval_rule_update (f->store, pw_row_string (rule_am, "id"), 1, change, &error));
    g_assert_no_error (error);
    none = pw_quote_required_approvals (f->store, quote, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
    json_object_set_string_member (change, "threshold", "10");
    g_assert_true (pw_approval_rule_update (f->store, pw_row_string (rule_am, "id"), 2, change, &error));
    g_assert_no_error (error);
  }

  g_assert_true (pw_quote_submit (f->store, quote, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  asked = pw_quote_list_approvals (f->store, quote, &error);
  g_assert_cmpstr (pw_row_string (asked->pdata[0], "rule_id"), ==, pw_row_string (rule_am, "id"));

  /* a rule asked under stays; one never used goes */
  g_assert_false (pw_approval_rule_remove (f->store, pw_row_string (rule_am, "id"), 3, &error));
  g_assert_error (error, PW_LEASING_ERROR, PW_LEASING_ERROR_IN_USE);
  g_clear_error (&error);
  spare = pw_approval_rule_add (f->store, f->park, "discount_pct", "30", "general_manager", 3, &error);
  g_assert_null (spare);   /* one rule per park, metric and role */
  g_clear_error (&error);
  for (guint i = 0; i < rules->len; i++)
    if (g_str_equal (pw_row_string (rules->pdata[i], "metric"), "rent_free_months")
        && g_str_equal (pw_row_string (rules->pdata[i], "approver_role"), "general_manager"))
      {
        g_assert_true (pw_approval_rule_remove (f->store, pw_row_string (rules->pdata[i], "id"), 1, &error));
        g_assert_no_error (error);
      }
  g_assert_cmpint (pw_store_count (f->store, "approval_rule"), ==, 3);
}

/* The park's prices are set and cleared by one update; a contract made from a
 * quote keeps the quote's id. */
static void
test_prices_and_lease_quote (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) park = NULL;
  g_autoptr(JsonObject) contract = NULL;
  g_autofree char *prospect = add_prospect (f);
  g_autofree char *quote = NULL;
  g_autofree char *lease = NULL;
  g_autofree char *s1 = space_id (f, "B1-F01-003");
  PwLeaseSpace spaces[] = { { s1, 10000 } };
  const char *terms =
    "{\"id\": \"C-2026-001\", \"currency\": \"CNY\", \"signed\": \"2026-04-01\","
    " \"start\": \"2026-04-01\", \"end\": \"2027-03-31\","
    " \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"},"
    " \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord\"}],"
    " \"tax_codes\": [{\"code\": \"t\", \"rate\": \"0.09\"}],"
    " \"spaces\": [{\"code\": \"B1-F01-003\", \"area\": \"100.00\"}],"
    " \"charges\": [{\"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\","
    " \"tax_code\": \"t\", \"unit_price\": \"3.0\", \"unit\": \"m2_month\","
    " \"spaces\": [\"B1-F01-003\"], \"frequency\": \"monthly\"}]}";
  gint64 audit;

  g_assert_true (pw_park_set_prices (f->store, f->park, "3.2", "2.5", &error));
  g_assert_no_error (error);
  park = pw_store_get_row (f->store, "park", f->park, &error);
  g_assert_cmpstr (pw_row_string (park, "list_price"), ==, "3.2");
  g_assert_cmpstr (pw_row_string (park, "floor_price"), ==, "2.5");
  audit = pw_store_count (f->store, "audit");
  g_assert_false (pw_park_set_prices (f->store, f->park, "2", "2.5", &error));
  g_assert_nonnull (strstr (error->message, "“floor_price”"));
  g_clear_error (&error);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);
  g_assert_true (pw_park_set_prices (f->store, f->park, "3.2", "", &error));
  g_clear_pointer (&park, json_object_unref);
  park = pw_store_get_row (f->store, "park", f->park, &error);
  g_assert_null (pw_row_string (park, "floor_price"));

  quote = add_quote (f, prospect, "3.0", 0, "3.2");
  /* a lease is with a customer: a prospect who is none yet gives none */
  lease = pw_lease_create_from_quote (f->store, f->park, "C-2026-001", NULL, quote, "2026-04-01",
                                      "2027-03-31", spaces, 1, terms, &error);
  g_assert_null (lease);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "“customer_id”"));
  g_clear_error (&error);
  g_assert_cmpint (pw_store_count (f->store, "contract"), ==, 0);
  {
    g_autofree char *customer = fixture_customer (f->store, f->park);

    lease = pw_lease_create_from_quote (f->store, f->park, "C-2026-001", customer, quote,
                                        "2026-04-01", "2027-03-31", spaces, 1, terms, &error);
  }
  g_assert_no_error (error);
  contract = pw_store_get_row (f->store, "contract", lease, &error);
  g_assert_cmpstr (pw_row_string (contract, "quote_id"), ==, quote);
  {
    g_autoptr(GPtrArray) made = pw_quote_list_contracts (f->store, quote, &error);
    g_autoptr(GPtrArray) none = pw_quote_list_contracts (f->store, prospect, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (made->len, ==, 1);
    g_assert_cmpstr (pw_row_string (made->pdata[0], "code"), ==, "C-2026-001");
    g_assert_cmpstr (pw_row_string (made->pdata[0], "status"), ==, "draft");
    g_assert_cmpuint (none->len, ==, 0);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/leasing/decimals", test_decimals);
  ADD ("/leasing/customers", test_customers);
  ADD ("/leasing/prospect-viewing", test_prospect_viewing);
  ADD ("/leasing/no-rules-needed", test_no_rules_needed);
  ADD ("/leasing/two-levels", test_two_levels);
  ADD ("/leasing/rejection", test_rejection);
  ADD ("/leasing/quote-refusals", test_quote_refusals);
  ADD ("/leasing/atomic", test_atomic);
  ADD ("/leasing/clear", test_clear);
  ADD ("/leasing/park-prices", test_park_prices);
  ADD ("/leasing/contact-edit", test_contact_edit);
  ADD ("/leasing/prospect-lists", test_prospect_lists);
  ADD ("/leasing/required-and-rules", test_required_and_rules);
  ADD ("/leasing/prices-and-lease-quote", test_prices_and_lease_quote);
  return g_test_run ();
}
