/* test-customers.c — customers, prospects, quotes and their approvals
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "fixture.h"
#include "pw-customer.h"
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
  return g_test_run ();
}
