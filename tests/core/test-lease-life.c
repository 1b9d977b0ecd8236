/* test-lease-life.c — a contract's life after signing: amendments of its end and
 * spaces, renewal with the deposit carried over, and the price-policy alerts
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "fixture.h"
#include "pw-customer.h"
#include "pw-change.h"
#include "pw-lease.h"

/* A contract's JSON form: @area m² of space S at @price @unit, monthly in advance,
 * with @extra members appended (each led by a comma). */
static char *
terms_with (const char *code, const char *start, const char *end, const char *price,
            const char *unit, const char *extra)
{
  return g_strdup_printf (
    "{\"id\": \"%s\", \"currency\": \"CNY\", \"signed\": \"%s\", \"start\": \"%s\","
    " \"end\": \"%s\", \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"},"
    " \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord\"}],"
    " \"tax_codes\": [{\"code\": \"t\", \"rate\": \"0.09\"}],"
    " \"spaces\": [{\"code\": \"S\", \"area\": \"50.00\", \"basis\": \"gross\"}],"
    " \"charges\": [{\"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\","
    " \"tax_code\": \"t\", \"unit_price\": \"%s\", \"unit\": \"%s\","
    " \"spaces\": [\"S\"], \"frequency\": \"monthly\"}]%s}",
    code, start, start, end, price, unit, extra);
}

static char *
space_id (Fixture *f, const char *code)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, "SELECT id FROM space WHERE code = ?", NULL);

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static char *
space_status (Fixture *f, const char *code)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, "SELECT status FROM space WHERE code = ?", NULL);

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static char *
field (Fixture *f, const char *entity, const char *id, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) row = pw_store_get_row (f->store, entity, id, &error);
  JsonNode *node;

  g_assert_no_error (error);
  node = json_object_get_member (row, name);
  return node && !JSON_NODE_HOLDS_NULL (node) ? g_strdup (json_node_get_string (node)) : NULL;
}

static char *
lease (Fixture *f, const char *code, const char *start, const char *end, const char *space_code,
       const char *terms)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sid = space_id (f, space_code);
  g_autofree char *customer = fixture_customer (f->store, f->park);
  PwLeaseSpace spaces[] = { { sid, 5000 } };
  char *id = pw_lease_create (f->store, f->park, code, customer, start, end, spaces, 1, terms, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static void
sign (Fixture *f, const char *id, const char *date, gboolean activate)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SUBMITTED, date, NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_APPROVED, date, NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SIGNED, date, NULL, &error));
  if (activate)
    g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_ACTIVE, date, NULL, &error));
  g_assert_no_error (error);
}

/* "space code:start:end" of the contract's held spaces, by code then start. */
static char *
held (Fixture *f, const char *contract_id)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
    "SELECT s.code, cs.start_date, cs.end_date, cs.area FROM contract_space cs"
    " JOIN space s ON s.id = cs.space_id WHERE cs.contract_id = ? ORDER BY s.code, cs.start_date", NULL);
  GString *text = g_string_new (NULL);

  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (text, "%s%s:%s:%s:%d", text->len ? " " : "", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                            sqlite3_column_int (stmt, 3));
  return g_string_free (text, FALSE);
}

static gint64
sum_of (Fixture *f, const char *contract_id, const char *kind)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
    "SELECT total (gross), count (*) FROM schedule_line WHERE contract_id = ? AND kind = ?", NULL);

  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 1) == 0 ? -1 : sqlite3_column_int64 (stmt, 0);
}

/* An amendment extends the term and takes a second space from its date; a later
 * one gives the first space up; a space another contract holds is refused. */
static void
test_amend_end_and_spaces (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *t1 = terms_with ("C-070", "2026-01-01", "2026-12-31", "100.00", "m2_month", "");
  g_autofree char *t2 = terms_with ("C-070", "2026-01-01", "2027-06-30", "100.00", "m2_month", "");
  g_autofree char *id = lease (f, "C-070", "2026-01-01", "2026-12-31", "B1-F01-003", t1);
  g_autofree char *other_terms = terms_with ("C-071", "2026-10-01", "2027-12-31", "100.00", "m2_month", "");
  g_autofree char *other = lease (f, "C-071", "2026-10-01", "2027-12-31", "B1-F02-002", other_terms);
  g_autofree char *a = space_id (f, "B1-F01-003"), *b = space_id (f, "B1-F02-002");
  g_autofree char *h1 = NULL, *h2 = NULL, *end = NULL;
  PwLeaseSpace both[] = { { a, 5000 }, { b, 20000 } };
  PwLeaseSpace second[] = { { b, 20000 } };
  gint64 versions;

  sign (f, id, "2025-12-01", TRUE);
  g_assert_true (pw_lease_transition (f->store, other, PW_CONTRACT_SUBMITTED, "2025-12-01", NULL, &error));
  g_assert_cmpint (sum_of (f, id, "charge"), ==, 12 * 500000);

  /* B1-F02-002 is C-071's from October: refused, naming it, and nothing written */
  versions = pw_store_count (f->store, "contract_version");
  g_assert_cmpint (pw_lease_amend_full (f->store, id, "2026-07-01", t2, "more room", "2027-06-30",
                                        both, 2, &error), ==, -1);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "C-071"));
  g_clear_error (&error);
  g_assert_cmpint (pw_store_count (f->store, "contract_version"), ==, versions);
  /* once C-071 goes back to draft it holds nothing */
  g_assert_true (pw_lease_transition (f->store, other, PW_CONTRACT_DRAFT, "2025-12-02", NULL, &error));
  g_assert_no_error (error);

  /* an effective date outside the term is refused */
  g_assert_cmpint (pw_lease_amend_full (f->store, id, "2027-01-01", t2, NULL, "2027-06-30", NULL, -1,
                                        &error), ==, -1);
  g_assert_nonnull (strstr (error->message, "effective_date"));
  g_clear_error (&error);
  /* so is an end before the amendment takes effect */
  g_assert_cmpint (pw_lease_amend_full (f->store, id, "2026-07-01", t1, NULL, "2026-06-30", NULL, -1,
                                        &error), ==, -1);
  g_assert_nonnull (strstr (error->message, "end_date"));
  g_clear_error (&error);

  g_assert_cmpint (pw_lease_amend_full (f->store, id, "2026-07-01", t2, "more room", "2027-06-30",
                                        both, 2, &error), ==, 2);
  g_assert_no_error (error);
  end = field (f, "contract", id, "end_date");
  g_assert_cmpstr (end, ==, "2027-06-30");
  h1 = held (f, id);
  g_assert_cmpstr (h1, ==, "B1-F01-003:2026-01-01:2027-06-30:5000 B1-F02-002:2026-07-01:2027-06-30:20000");
  /* the schedule follows the new terms: eighteen months */
  g_assert_cmpint (sum_of (f, id, "charge"), ==, 18 * 500000);

  /* giving up the first space from September holds it to 31 August */
  g_assert_cmpint (pw_lease_amend_full (f->store, id, "2026-09-01", t2, NULL, NULL, second, 1,
                                        &error), ==, 3);
  g_assert_no_error (error);
  h2 = held (f, id);
  g_assert_cmpstr (h2, ==, "B1-F01-003:2026-01-01:2026-08-31:5000 B1-F02-002:2026-07-01:2027-06-30:20000");
  /* the spaces follow: the new one is leased, the one given up available */
  {
    g_autofree char *leased = space_status (f, "B1-F02-002");
    g_autofree char *freed = space_status (f, "B1-F01-003");

    g_assert_cmpstr (leased, ==, "leased");
    g_assert_cmpstr (freed, ==, "available");
  }
}

/* Spaces changed from a draft's first day: the space given up is not held at all. */
static void
test_amend_from_start (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *t = terms_with ("C-075", "2026-01-01", "2026-12-31", "100.00", "m2_month", "");
  g_autofree char *id = lease (f, "C-075", "2026-01-01", "2026-12-31", "B1-F01-003", t);
  g_autofree char *b = space_id (f, "B1-F02-002");
  g_autofree char *h = NULL, *status = NULL;
  PwLeaseSpace other[] = { { b, 20000 } };

  g_assert_cmpint (pw_lease_amend_full (f->store, id, "2026-01-01", t, NULL, NULL, other, 1, &error),
                   ==, 2);
  g_assert_no_error (error);
  h = held (f, id);
  g_assert_cmpstr (h, ==, "B1-F02-002:2026-01-01:2026-12-31:20000");
  /* a draft holds nothing: no space changes status */
  status = space_status (f, "B1-F02-002");
  g_assert_cmpstr (status, ==, "available");
}

/* A renewal follows the day after the end with the same customer, spaces and
 * terms; the deposit it holds carries over, so only a rise is billed. */
static void
test_renew (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *deposit = ", \"deposit\": {\"months\": \"3\"}";
  g_autofree char *t1 = terms_with ("C-080", "2026-01-01", "2026-12-31", "100.00", "m2_month", deposit);
  g_autofree char *id = lease (f, "C-080", "2026-01-01", "2026-12-31", "B1-F01-003", t1);
  g_autofree char *draft = NULL, *renewal = NULL, *start = NULL, *end = NULL, *status = NULL;
  g_autofree char *h = NULL, *dearer = NULL, *old_status = NULL;
  g_autoptr(PwContract) parsed = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *terms = NULL;

  /* only a running contract renews */
  draft = pw_lease_renew (f->store, id, "C-081", NULL, "2026-11-01", &error);
  g_assert_null (draft);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  sign (f, id, "2025-12-01", TRUE);
  /* 3 × 50 m² × 100.00 = 15,000.00 held */
  g_assert_cmpint (sum_of (f, id, "deposit"), ==, 1500000);

  renewal = pw_lease_renew (f->store, id, "C-081", NULL, "2026-11-01", &error);
  g_assert_no_error (error);
  g_assert_nonnull (renewal);
  start = field (f, "contract", renewal, "start_date");
  end = field (f, "contract", renewal, "end_date");
  status = field (f, "contract", renewal, "status");
  g_assert_cmpstr (start, ==, "2027-01-01");
  g_assert_cmpstr (end, ==, "2027-12-31");
  g_assert_cmpstr (status, ==, "draft");
  h = held (f, renewal);
  g_assert_cmpstr (h, ==, "B1-F01-003:2027-01-01:2027-12-31:5000");

  stmt = pw_store_prepare (f->store, "SELECT terms FROM contract_version WHERE contract_id = ?", NULL);
  sqlite3_bind_text (stmt, 1, renewal, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  terms = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  parsed = pw_contract_parse (terms, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parsed->renews, ==, "C-080");
  g_assert_cmpstr (parsed->id, ==, "C-081");
  g_assert_cmpint (parsed->deposit.carried_over, ==, 1500000);
  g_assert_cmpint (g_date_get_year (&parsed->signed_on), ==, 2026);
  {
    /* the same deposit again: nothing to bill */
    g_autoptr(PwSchedule) schedule = pw_lease_compute_schedule (parsed, &error);

    g_assert_no_error (error);
    g_assert_cmpint (schedule->deposit, ==, 1500000);
    for (guint i = 0; i < schedule->lines->len; i++)
      g_assert_cmpint (((PwScheduleLine *) g_ptr_array_index (schedule->lines, i))->kind, !=,
                       PW_LINE_DEPOSIT);
  }

  /* at 110.00 the new deposit is 16,500.00: a top-up of 1,500.00 when signed */
  dearer = g_strdup (terms);
  {
    g_autoptr(GString) s = g_string_new (terms);

    g_string_replace (s, "\"100.00\"", "\"110.00\"", 0);
    g_free (dearer);
    dearer = g_string_free (g_steal_pointer (&s), FALSE);
  }
  g_assert_cmpint (pw_lease_amend (f->store, renewal, "2027-01-01", dearer, "review", &error), ==, 2);
  g_assert_no_error (error);
  sign (f, renewal, "2026-11-15", FALSE);
  g_assert_cmpint (sum_of (f, renewal, "deposit"), ==, 150000);
  /* signing the renewal renews the contract it follows */
  old_status = field (f, "contract", id, "status");
  g_assert_cmpstr (old_status, ==, "renewed");
  /* a renewed contract is not renewed twice */
  g_assert_null (pw_lease_renew (f->store, id, "C-082", NULL, "2026-11-20", &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
}

static void
set_park_prices (Fixture *f, const char *list, const char *floor)
{
  g_autoptr(JsonObject) row = pw_store_get_row (f->store, "park", f->park, NULL);
  PwMutation *m = pw_mutation_new_update ("park", f->park, json_object_get_int_member (row, "version"));

  pw_mutation_set_string (m, "list_price", list);
  pw_mutation_set_string (m, "floor_price", floor);
  fixture_apply (f, m);
}

static GPtrArray *
alerts_of (Fixture *f, const char *id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *alerts = pw_lease_alerts (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (alerts);
  return alerts;
}

static gboolean
has_alert (GPtrArray *alerts, const char *a, const char *b)
{
  for (guint i = 0; i < alerts->len; i++)
    if (strstr (g_ptr_array_index (alerts, i), a) && (b == NULL || strstr (g_ptr_array_index (alerts, i), b)))
      return TRUE;
  return FALSE;
}

/* The floor price is per m² per month; a per-day rent is normalised by its
 * standard month, exactly. */
/* A deposit topped up on escalation carries over whole: the deposit on signing and the
 * top-up. 3 months × 50 m² × 100.00 = 15,000.00 on signing; 10 % more from the second
 * year makes 3 × 50 × 110.00 = 16,500.00, a top-up of 1,500.00; 16,500.00 carries over. */
static void
test_renew_after_top_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *t0 = terms_with ("C-090", "2026-01-01", "2027-12-31", "100.00", "m2_month",
                                    ", \"deposit\": {\"months\": \"3\", \"top_up\": true}");
  g_auto(GStrv) parts = g_strsplit (t0, "\"frequency\": \"monthly\"}]", 2);
  g_autofree char *t1 = g_strconcat (parts[0], "\"frequency\": \"monthly\", \"escalation\":"
                                     " {\"type\": \"fixed\", \"percent\": \"10\","
                                     " \"every_years\": 1}}]", parts[1], NULL);
  g_autofree char *id = lease (f, "C-090", "2026-01-01", "2027-12-31", "B1-F01-003", t1);
  g_autofree char *renewal = NULL, *terms = NULL;
  g_autoptr(PwContract) parsed = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  sign (f, id, "2025-12-01", TRUE);
  g_assert_cmpint (sum_of (f, id, "deposit"), ==, 1650000);
  renewal = pw_lease_renew (f->store, id, "C-091", NULL, "2027-11-01", &error);
  g_assert_no_error (error);
  stmt = pw_store_prepare (f->store, "SELECT terms FROM contract_version WHERE contract_id = ?", NULL);
  sqlite3_bind_text (stmt, 1, renewal, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  terms = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  parsed = pw_contract_parse (terms, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (parsed->deposit.carried_over, ==, 1650000);
}

static void
test_alert_floor_price (Fixture *f, gconstpointer data)
{
  g_autofree char *low = terms_with ("C-090", "2026-01-01", "2026-12-31", "2.9000", "m2_day", "");
  g_autofree char *ok = terms_with ("C-091", "2027-01-01", "2027-12-31", "3.0000", "m2_day", "");
  g_autofree char *thirty = terms_with ("C-092", "2028-01-01", "2028-12-31", "2.9000", "m2_day",
                                        "");
  g_autofree char *at = terms_with ("C-093", "2029-01-01", "2029-12-31", "90.00", "m2_month", "");
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
  g_autoptr(GPtrArray) la = NULL, lb = NULL, lc = NULL, ld = NULL;
  g_autoptr(GString) s = g_string_new (thirty);

  set_park_prices (f, "120.00", "90.00");
  /* 2.9000 × 365 ÷ 12 = 88.2083… < 90.00 */
  a = lease (f, "C-090", "2026-01-01", "2026-12-31", "B1-F01-003", low);
  la = alerts_of (f, a);
  g_assert_true (has_alert (la, "88.2083", "floor price of 90.00"));
  /* 3.0000 × 365 ÷ 12 = 91.25: above */
  b = lease (f, "C-091", "2027-01-01", "2027-12-31", "B1-F01-003", ok);
  lb = alerts_of (f, b);
  g_assert_false (has_alert (lb, "floor price", NULL));
  /* with a 30-day standard month 2.9000 is 87.0000 */
  g_string_replace (s, "\"frequency\"", "\"standard_month\": \"30\", \"frequency\"", 1);
  c = lease (f, "C-092", "2028-01-01", "2028-12-31", "B1-F01-003", s->str);
  lc = alerts_of (f, c);
  g_assert_true (has_alert (lc, "87.0000", "floor price"));
  /* exactly at the floor is not below it */
  d = lease (f, "C-093", "2029-01-01", "2029-12-31", "B1-F01-003", at);
  ld = alerts_of (f, d);
  g_assert_false (has_alert (ld, "floor price", NULL));
  /* a price step below the floor counts too */
  {
    g_autofree char *base = terms_with ("C-094", "2030-01-01", "2030-12-31", "100.00", "m2_month", "");
    g_autoptr(GString) stepped = g_string_new (base);
    g_autofree char *e = NULL;
    g_autoptr(GPtrArray) le = NULL;

    g_string_replace (stepped, "\"frequency\": \"monthly\"}",
                      "\"frequency\": \"monthly\", \"escalation\": {\"type\": \"steps\", \"steps\":"
                      " [{\"from\": \"2030-07-01\", \"unit_price\": \"85.00\"}]}}", 1);
    e = lease (f, "C-094", "2030-01-01", "2030-12-31", "B1-F01-003", stepped->str);
    le = alerts_of (f, e);
    g_assert_true (has_alert (le, "85.0000", "floor price of 90.00"));
  }
}

/* Without a quote: the discount on the park's list price against its rules. */
static void
test_alert_discount_policy (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *deep = terms_with ("C-100", "2026-01-01", "2026-12-31", "100.00", "m2_month", "");
  g_autofree char *mild = terms_with ("C-101", "2027-01-01", "2027-12-31", "110.00", "m2_month", "");
  g_autofree char *a = NULL, *b = NULL, *rule = NULL;
  g_autoptr(GPtrArray) la = NULL, lb = NULL;

  set_park_prices (f, "120.00", "80.00");
  rule = pw_approval_rule_add (f->store, f->park, "discount_pct", "10", "asset_manager", 1, &error);
  g_assert_no_error (error);
  /* (120 − 100) ÷ 120 = 16.67 % > 10 % */
  a = lease (f, "C-100", "2026-01-01", "2026-12-31", "B1-F01-003", deep);
  la = alerts_of (f, a);
  g_assert_cmpuint (la->len, ==, 1);
  g_assert_true (has_alert (la, "16.67%", "Asset manager"));
  /* (120 − 110) ÷ 120 = 8.33 %: within */
  b = lease (f, "C-101", "2027-01-01", "2027-12-31", "B1-F01-003", mild);
  lb = alerts_of (f, b);
  g_assert_cmpuint (lb->len, ==, 0);
}

static char *
quote (Fixture *f, const char *unit, gint64 rent_free)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *prospect = NULL, *sid = space_id (f, "B1-F01-003");
  const char *spaces[] = { sid, NULL };
  char *id;

  json_object_set_string_member (fields, "name", "Lakeside Robotics");
  prospect = pw_prospect_add (f->store, f->park, fields, &error);
  g_assert_no_error (error);
  id = pw_quote_add (f->store, prospect, spaces, unit, rent_free, 12, "120.00", &error);
  g_assert_no_error (error);
  return id;
}

static gboolean
set_quote_id (Fixture *f, const char *contract_id, const char *quote_id, GError **error)
{
  g_autoptr(JsonObject) row = pw_store_get_row (f->store, "contract", contract_id, NULL);
  g_autoptr(PwMutation) m = pw_mutation_new_update ("contract", contract_id,
                                                    json_object_get_int_member (row, "version"));

  pw_mutation_set_string (m, "quote_id", quote_id);
  return pw_store_apply (f->store, m, error);
}

/* With a quote: its approvals, and no lower rent or more rent-free than it agreed. */
static void
test_alert_quote (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *free_two = ", \"free_periods\": [{\"start\": \"2026-01-01\", \"end\": \"2026-02-28\"}]";
  g_autofree char *t = terms_with ("C-110", "2026-01-01", "2026-12-31", "100.00", "m2_month", free_two);
  g_autofree char *id = lease (f, "C-110", "2026-01-01", "2026-12-31", "B1-F01-003", t);
  g_autofree char *rule = NULL, *q = NULL, *cheaper = NULL;
  g_autoptr(GPtrArray) pending = NULL, given = NULL, beyond = NULL;
  guint n = 0;

  rule = pw_approval_rule_add (f->store, f->park, "discount_pct", "10", "asset_manager", 1, &error);
  g_assert_no_error (error);
  /* 100.00 against a list of 120.00: 16.67 % needs the asset manager */
  q = quote (f, "100.00", 2);
  g_assert_true (pw_quote_submit (f->store, q, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);

  /* a quote_id names a quote of this park */
  g_assert_false (set_quote_id (f, id, "no-such-quote", &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "quote_id"));
  g_clear_error (&error);
  g_assert_true (set_quote_id (f, id, q, &error));
  g_assert_no_error (error);

  pending = alerts_of (f, id);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_true (has_alert (pending, "Asset manager", "Pending"));

  g_assert_true (pw_quote_decide (f->store, q, "asset_manager", TRUE, "ok", &error));
  g_assert_no_error (error);
  given = alerts_of (f, id);
  g_assert_cmpuint (given->len, ==, 0);

  /* the contract gives more than the quote: a lower rent, three months free */
  cheaper = terms_with ("C-110", "2026-01-01", "2026-12-31", "95.00", "m2_month",
                        ", \"free_periods\": [{\"start\": \"2026-01-01\", \"end\": \"2026-03-31\"}]");
  g_assert_cmpint (pw_lease_amend (f->store, id, "2026-01-01", cheaper, NULL, &error), ==, 2);
  g_assert_no_error (error);
  beyond = alerts_of (f, id);
  g_assert_cmpuint (beyond->len, ==, 2);
  g_assert_true (has_alert (beyond, "95.0000", "100.00"));
  g_assert_true (has_alert (beyond, "3.0 months", "2"));
}

static char *
role_of (GPtrArray *needs, guint i)
{
  JsonObject *need = g_ptr_array_index (needs, i);

  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, json_object_get_string_member (need, "approver_role"),
                          json_object_get_int_member (need, "level"));
}

/* A contract beyond the park's policy is approved only by the roles its rules ask for,
 * level by level; the wrong role is refused; within the policy anyone approves. */
static void
test_approval_policy (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *free_two = ", \"free_periods\": [{\"start\": \"2026-01-01\", \"end\": \"2026-02-28\"}]";
  g_autofree char *deep = terms_with ("C-120", "2026-01-01", "2026-12-31", "100.00", "m2_month", free_two);
  g_autofree char *disc = terms_with ("C-121", "2027-01-01", "2027-12-31", "100.00", "m2_month", "");
  g_autofree char *within = terms_with ("C-122", "2028-01-01", "2028-12-31", "110.00", "m2_month", "");
  g_autofree char *low = terms_with ("C-123", "2029-01-01", "2029-12-31", "2.5000", "m2_day", "");
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *r1 = NULL, *r2 = NULL;
  g_autofree char *n0 = NULL, *n1 = NULL, *status = NULL, *kept = NULL;
  g_autoptr(GPtrArray) needs = NULL, pending = NULL, none = NULL, floor_needs = NULL;

  set_park_prices (f, "120.00", "80.00");
  r1 = pw_approval_rule_add (f->store, f->park, "discount_pct", "10", "asset_manager", 1, &error);
  g_assert_no_error (error);
  r2 = pw_approval_rule_add (f->store, f->park, "rent_free_months", "1", "general_manager", 2, &error);
  g_assert_no_error (error);

  /* 16.67 % off and two months free: the asset manager, then the general manager */
  a = lease (f, "C-120", "2026-01-01", "2026-12-31", "B1-F01-003", deep);
  needs = pw_lease_required_approvals (f->store, a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (needs->len, ==, 2);
  n0 = role_of (needs, 0);
  n1 = role_of (needs, 1);
  g_assert_cmpstr (n0, ==, "asset_manager:1");
  g_assert_cmpstr (n1, ==, "general_manager:2");
  g_assert_true (pw_lease_transition (f->store, a, PW_CONTRACT_SUBMITTED, "2025-12-01", NULL, &error));
  g_assert_no_error (error);
  /* moving it to approved by hand is refused, whoever asks */
  g_assert_false (pw_lease_transition (f->store, a, PW_CONTRACT_APPROVED, "2025-12-02", NULL, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "Asset manager"));
  g_clear_error (&error);
  /* level 2 waits for level 1 */
  g_assert_false (pw_lease_decide (f->store, a, "general_manager", TRUE, "", "2025-12-02", &error));
  g_assert_error (error, PW_LEASING_ERROR, PW_LEASING_ERROR_NOT_YOUR_TURN);
  g_clear_error (&error);
  g_assert_true (pw_lease_decide (f->store, a, "asset_manager", TRUE, "fine", "2025-12-02", &error));
  g_assert_no_error (error);
  status = field (f, "contract", a, "status");
  g_assert_cmpstr (status, ==, "submitted");
  g_clear_pointer (&status, g_free);
  pending = pw_lease_pending_approvals (f->store, a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
  /* still refused by hand: the general manager's approval is missing */
  g_assert_false (pw_lease_transition (f->store, a, PW_CONTRACT_APPROVED, "2025-12-02", NULL, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "General manager"));
  g_clear_error (&error);
  /* the asset manager has decided: not twice */
  g_assert_false (pw_lease_decide (f->store, a, "asset_manager", TRUE, "", "2025-12-02", &error));
  g_assert_error (error, PW_LEASING_ERROR, PW_LEASING_ERROR_NO_APPROVAL);
  g_clear_error (&error);
  g_assert_true (pw_lease_decide (f->store, a, "general_manager", TRUE, "", "2025-12-03", &error));
  g_assert_no_error (error);
  status = field (f, "contract", a, "status");
  g_assert_cmpstr (status, ==, "approved");
  g_clear_pointer (&status, g_free);
  kept = field (f, "contract", a, "approvals");
  g_assert_nonnull (strstr (kept, "\"general_manager\""));

  /* the discount alone: the general manager is the wrong role, a rejection needs a comment */
  b = lease (f, "C-121", "2027-01-01", "2027-12-31", "B1-F01-003", disc);
  g_assert_true (pw_lease_transition (f->store, b, PW_CONTRACT_SUBMITTED, "2026-12-01", NULL, &error));
  g_assert_false (pw_lease_decide (f->store, b, "general_manager", TRUE, "", "2026-12-01", &error));
  g_assert_error (error, PW_LEASING_ERROR, PW_LEASING_ERROR_NO_APPROVAL);
  g_assert_nonnull (strstr (error->message, "Asset manager"));
  g_clear_error (&error);
  g_assert_false (pw_lease_decide (f->store, b, NULL, TRUE, "", "2026-12-01", &error));
  g_assert_error (error, PW_LEASING_ERROR, PW_LEASING_ERROR_NO_APPROVAL);
  g_clear_error (&error);
  g_assert_false (pw_lease_decide (f->store, b, "asset_manager", FALSE, "  ", "2026-12-01", &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_clear_error (&error);
  g_assert_true (pw_lease_decide (f->store, b, "asset_manager", FALSE, "too deep", "2026-12-01", &error));
  g_assert_no_error (error);
  status = field (f, "contract", b, "status");
  g_assert_cmpstr (status, ==, "draft");
  g_clear_pointer (&status, g_free);

  /* within the policy: no approval needed, anyone approves */
  c = lease (f, "C-122", "2028-01-01", "2028-12-31", "B1-F01-003", within);
  none = pw_lease_required_approvals (f->store, c, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_true (pw_lease_transition (f->store, c, PW_CONTRACT_SUBMITTED, "2027-12-01", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, c, PW_CONTRACT_APPROVED, "2027-12-01", NULL, &error));
  g_assert_no_error (error);

  /* 2.5000 a day is 76.0416… a month, below the floor of 80.00 (and 36.6 % off): the
   * asset manager, then the general manager after the rules' levels */
  d = lease (f, "C-123", "2029-01-01", "2029-12-31", "B1-F01-003", low);
  floor_needs = pw_lease_required_approvals (f->store, d, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (floor_needs->len, ==, 2);
  g_clear_pointer (&n1, g_free);
  n1 = role_of (floor_needs, 1);
  g_assert_cmpstr (n1, ==, "general_manager:2");
}

/* A contract made from an approved quote, within its terms, needs no second approval;
 * one that gives more than the quote is held to the park's rules. */
static void
test_approval_from_quote (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *t = terms_with ("C-130", "2026-01-01", "2026-12-31", "100.00", "m2_month", "");
  g_autofree char *lower = terms_with ("C-131", "2027-01-01", "2027-12-31", "95.00", "m2_month", "");
  g_autofree char *a = lease (f, "C-130", "2026-01-01", "2026-12-31", "B1-F01-003", t);
  g_autofree char *b = lease (f, "C-131", "2027-01-01", "2027-12-31", "B1-F01-003", lower);
  g_autofree char *rule = NULL, *q = NULL;
  g_autoptr(GPtrArray) before = NULL, after = NULL, beyond = NULL;
  guint n = 0;

  set_park_prices (f, "120.00", "80.00");
  rule = pw_approval_rule_add (f->store, f->park, "discount_pct", "10", "asset_manager", 1, &error);
  g_assert_no_error (error);
  q = quote (f, "100.00", 0);
  g_assert_true (pw_quote_submit (f->store, q, &n, &error));
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (set_quote_id (f, a, q, &error));
  g_assert_true (set_quote_id (f, b, q, &error));
  g_assert_no_error (error);
  /* the quote is not approved yet: the contract needs the approval itself */
  before = pw_lease_required_approvals (f->store, a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 1);
  g_assert_true (pw_quote_decide (f->store, q, "asset_manager", TRUE, "ok", &error));
  g_assert_no_error (error);
  after = pw_lease_required_approvals (f->store, a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 0);
  g_assert_true (pw_lease_transition (f->store, a, PW_CONTRACT_SUBMITTED, "2025-12-01", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, a, PW_CONTRACT_APPROVED, "2025-12-01", NULL, &error));
  g_assert_no_error (error);
  /* 95.00 is below the 100.00 the quote agreed */
  beyond = pw_lease_required_approvals (f->store, b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (beyond->len, ==, 1);
  g_assert_true (pw_lease_transition (f->store, b, PW_CONTRACT_SUBMITTED, "2026-12-01", NULL, &error));
  g_assert_false (pw_lease_transition (f->store, b, PW_CONTRACT_APPROVED, "2026-12-01", NULL, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
}

/* The headline figures: 50 m² at 100.00 a m² a month, tax included, from 2026-01-01,
 * 110.00 from 2026-07-01. */
static void
test_figures (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = terms_with ("C-140", "2026-01-01", "2026-12-31", "100.00", "m2_month", "");
  g_autoptr(GString) stepped = g_string_new (base);
  g_autofree char *id = NULL;
  g_autoptr(PwLeaseFigures) spring = NULL, summer = NULL, before = NULL;

  g_string_replace (stepped, "\"tax_code\": \"t\"", "\"tax_code\": \"t\", \"tax_included\": true", 1);
  g_string_replace (stepped, "\"frequency\": \"monthly\"}",
                    "\"frequency\": \"monthly\", \"escalation\": {\"type\": \"steps\", \"steps\":"
                    " [{\"from\": \"2026-07-01\", \"unit_price\": \"110.00\"}]}}", 1);
  id = lease (f, "C-140", "2026-01-01", "2026-12-31", "B1-F01-003", stepped->str);

  spring = pw_lease_figures (f->store, id, "2026-03-15", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spring->currency, ==, "CNY");
  g_assert_cmpint (spring->area, ==, 5000);
  /* 100.00 × 50 m² */
  g_assert_cmpint (spring->monthly_rent, ==, 500000);
  g_assert_cmpstr (spring->rent_m2_month, ==, "100.0000");
  /* 5,000.00 × 12 ÷ 365 ÷ 50 = 3.28767… */
  g_assert_cmpstr (spring->rent_m2_day, ==, "3.2877");
  /* six months at 5,000.00 and six at 5,500.00, tax included */
  g_assert_cmpint (spring->total_value, ==, 6 * 500000 + 6 * 550000);
  g_assert_cmpstr (spring->next_bill_date, ==, "2026-04-01");
  g_assert_cmpint (spring->next_bill_amount, ==, 500000);

  summer = pw_lease_figures (f->store, id, "2026-08-02", &error);
  g_assert_no_error (error);
  g_assert_cmpint (summer->monthly_rent, ==, 550000);
  g_assert_cmpstr (summer->rent_m2_month, ==, "110.0000");
  g_assert_cmpstr (summer->next_bill_date, ==, "2026-09-01");
  g_assert_cmpint (summer->next_bill_amount, ==, 550000);

  /* before the term: the figures of its first day, the first bill next */
  before = pw_lease_figures (f->store, id, "2025-11-01", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (before->on, ==, "2026-01-01");
  g_assert_cmpint (before->monthly_rent, ==, 500000);
  g_assert_cmpstr (before->next_bill_date, ==, "2026-01-01");

  g_assert_null (pw_lease_figures (f->store, id, "2026-13-01", &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
}

/* Which moves of a contract undo can answer (docs/undo.md): a submission (it
 * may be withdrawn), not an approval nor an activation (a contract does not go
 * back from approved to submitted, or from active to signed), nor a signature
 * (it wrote the schedule); a submission undone is a draft. */
static void
test_undo_moves (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *t = terms_with ("C-081", "2026-01-01", "2026-12-31", "100.00", "m2_month", "");
  g_autofree char *id = lease (f, "C-081", "2026-01-01", "2026-12-31", "B1-F01-003", t);
  const PwContractStatus moves[] = { PW_CONTRACT_SUBMITTED, PW_CONTRACT_APPROVED, PW_CONTRACT_SIGNED,
                                     PW_CONTRACT_ACTIVE };
  const gboolean undoable[] = { TRUE, FALSE, FALSE, FALSE };

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      g_autoptr(PwChange) change = NULL;
      gboolean moved;

      pw_store_record_begin (f->store);
      moved = pw_lease_transition (f->store, id, moves[i], "2026-01-01", NULL, &error);
      change = pw_store_record_end (f->store);
      g_assert_no_error (error);
      g_assert_true (moved);
      g_assert_cmpint (pw_lease_change_can_undo (change), ==, undoable[i]);
      if (moves[i] == PW_CONTRACT_SUBMITTED)
        {
          g_autofree char *status = NULL;

          g_assert_true (pw_store_undo (f->store, change, NULL, &error));
          g_assert_no_error (error);
          status = field (f, "contract", id, "status");
          g_assert_cmpstr (status, ==, "draft");
          g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SUBMITTED, "2026-01-01", NULL,
                                              &error));
          g_assert_no_error (error);
        }
    }
}

/* A contract's schedule as text, without the version that wrote each line. */
static char *
schedule_text (Fixture *f, const char *contract_id)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
    "SELECT charge, kind, period_start, period_end, bill_date, due_date, gross, net, tax"
    " FROM schedule_line WHERE contract_id = ? ORDER BY bill_date, charge, kind, period_start", NULL);
  GString *text = g_string_new (NULL);

  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (text, "%s %s %s %s %s %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                            " %" G_GINT64_FORMAT "\n",
                            sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                            sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 3),
                            sqlite3_column_text (stmt, 4), sqlite3_column_text (stmt, 5),
                            (gint64) sqlite3_column_int64 (stmt, 6), (gint64) sqlite3_column_int64 (stmt, 7),
                            (gint64) sqlite3_column_int64 (stmt, 8));
  return g_string_free (text, FALSE);
}

static gint64
current_version (Fixture *f, const char *id)
{
  g_autoptr(JsonObject) row = pw_store_get_row (f->store, "contract", id, NULL);

  return json_object_get_int_member (row, "current_version");
}

/* A termination and an amendment are undone from their toast: the contract
 * gets its status and spaces back, a new version of its terms puts the old
 * terms back, and its schedule is as it was; undoing the undo ends it again;
 * a termination recorded more than a day ago is not reopened. */
static void
test_undo_terminate_and_amend (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *t = terms_with ("C-082", "2026-01-01", "2026-12-31", "100.00", "m2_month",
                                   ", \"deposit\": {\"months\": \"2\"}");
  g_autofree char *id = lease (f, "C-082", "2026-01-01", "2026-12-31", "B1-F01-003", t);
  g_autofree char *raised = terms_with ("C-082", "2026-01-01", "2026-12-31", "120.00", "m2_month",
                                        ", \"deposit\": {\"months\": \"2\"}");
  g_autofree char *signed_schedule = NULL, *amended = NULL, *after_undo = NULL;
  g_autofree char *ended = NULL, *status = NULL, *space = NULL, *held_before = NULL, *held_now = NULL;
  g_autoptr(PwChange) amend = NULL;
  g_autoptr(PwChange) undo_amend = NULL;
  g_autoptr(PwChange) end = NULL;
  g_autoptr(PwChange) reopen = NULL;
  g_autoptr(PwChange) again = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 audit;
  int version;

  sign (f, id, "2025-12-01", TRUE);
  signed_schedule = schedule_text (f, id);
  held_before = held (f, id);
  g_assert_cmpint (current_version (f, id), ==, 1);

  /* an amendment from July, undone: version 3 has the first terms again */
  pw_store_record_begin (f->store);
  version = pw_lease_amend (f->store, id, "2026-07-01", raised, "Rent review", &error);
  amend = pw_store_record_end (f->store);
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 2);
  amended = schedule_text (f, id);
  g_assert_cmpstr (amended, !=, signed_schedule);
  g_assert_true (pw_lease_change_can_undo (amend));
  g_assert_true (pw_change_undo (f->store, amend, &undo_amend, &error));
  g_assert_no_error (error);
  g_assert_nonnull (undo_amend);
  g_assert_cmpint (current_version (f, id), ==, 3);
  after_undo = schedule_text (f, id);
  g_assert_cmpstr (after_undo, ==, signed_schedule);
  stmt = pw_store_prepare (f->store, "SELECT note, terms = ? FROM contract_version"
                           " WHERE contract_id = ? AND number = 3", NULL);
  sqlite3_bind_text (stmt, 1, t, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Undone: Rent review");
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
  /* undone once: a second undo of the same change is refused, writing nothing */
  audit = pw_store_count (f->store, "audit");
  g_assert_false (pw_change_undo (f->store, amend, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);
  /* the next amendment numbers on */
  g_assert_cmpint (pw_lease_amend (f->store, id, "2026-09-01", raised, NULL, &error), ==, 4);
  g_assert_no_error (error);
  amended = (g_free (amended), schedule_text (f, id));

  /* a termination, undone: active again, its space leased again, the schedule back */
  pw_store_record_begin (f->store);
  g_assert_true (pw_lease_transition_full (f->store, id, PW_CONTRACT_TERMINATED, "2026-10-15", NULL,
                                           NULL, &error));
  end = pw_store_record_end (f->store);
  g_assert_no_error (error);
  ended = schedule_text (f, id);
  g_assert_cmpstr (ended, !=, amended);
  space = space_status (f, "B1-F01-003");
  g_assert_cmpstr (space, ==, "available");
  g_assert_true (pw_lease_change_can_undo (end));
  g_assert_true (pw_change_undo (f->store, end, &reopen, &error));
  g_assert_no_error (error);
  status = field (f, "contract", id, "status");
  g_assert_cmpstr (status, ==, "active");
  g_assert_null (field (f, "contract", id, "ended_date"));
  g_free (space);
  space = space_status (f, "B1-F01-003");
  g_assert_cmpstr (space, ==, "leased");
  held_now = held (f, id);
  g_assert_cmpstr (held_now, ==, held_before);
  g_free (after_undo);
  after_undo = schedule_text (f, id);
  g_assert_cmpstr (after_undo, ==, amended);
  g_assert_cmpint (current_version (f, id), ==, 6);

  /* undoing the undo ends it again, with the same settlement */
  g_assert_true (pw_lease_change_can_undo (reopen));
  g_assert_true (pw_change_undo (f->store, reopen, &again, &error));
  g_assert_no_error (error);
  g_free (status);
  status = field (f, "contract", id, "status");
  g_assert_cmpstr (status, ==, "terminated");
  g_free (after_undo);
  after_undo = schedule_text (f, id);
  g_assert_cmpstr (after_undo, ==, ended);

  /* a termination recorded more than a day ago stays */
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = pw_store_prepare (f->store, "UPDATE contract SET updated_at = '2020-01-01T00:00:00Z' WHERE id = ?", NULL);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  audit = pw_store_count (f->store, "audit");
  g_assert_false (pw_change_undo (f->store, again, NULL, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);
  g_free (status);
  status = field (f, "contract", id, "status");
  g_assert_cmpstr (status, ==, "terminated");
}

/* A renewal's draft is a new contract: its toast has no Undo. */
static void
test_undo_renew_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *t = terms_with ("C-083", "2026-01-01", "2026-12-31", "100.00", "m2_month", "");
  g_autofree char *id = lease (f, "C-083", "2026-01-01", "2026-12-31", "B1-F01-003", t);
  g_autofree char *draft = NULL;
  g_autoptr(PwChange) change = NULL;

  sign (f, id, "2025-12-01", TRUE);
  pw_store_record_begin (f->store);
  draft = pw_lease_renew (f->store, id, "C-084", "2027-12-31", "2026-11-01", &error);
  change = pw_store_record_end (f->store);
  g_assert_no_error (error);
  g_assert_nonnull (draft);
  g_assert_false (pw_lease_change_can_undo (change));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/lease-life/amend-end-and-spaces", Fixture, NULL, fixture_set_up,
              test_amend_end_and_spaces, fixture_tear_down);
  g_test_add ("/lease-life/amend-from-start", Fixture, NULL, fixture_set_up, test_amend_from_start,
              fixture_tear_down);
  g_test_add ("/lease-life/renew", Fixture, NULL, fixture_set_up, test_renew, fixture_tear_down);
  g_test_add ("/lease-life/undo-moves", Fixture, NULL, fixture_set_up, test_undo_moves,
              fixture_tear_down);
  g_test_add ("/lease-life/undo-terminate-and-amend", Fixture, NULL, fixture_set_up,
              test_undo_terminate_and_amend, fixture_tear_down);
  g_test_add ("/lease-life/undo-renew-refused", Fixture, NULL, fixture_set_up, test_undo_renew_refused,
              fixture_tear_down);
  g_test_add ("/lease-life/renew-after-top-up", Fixture, NULL, fixture_set_up, test_renew_after_top_up,
              fixture_tear_down);
  g_test_add ("/lease-life/alert-floor-price", Fixture, NULL, fixture_set_up, test_alert_floor_price,
              fixture_tear_down);
  g_test_add ("/lease-life/alert-discount-policy", Fixture, NULL, fixture_set_up,
              test_alert_discount_policy, fixture_tear_down);
  g_test_add ("/lease-life/figures", Fixture, NULL, fixture_set_up, test_figures, fixture_tear_down);
  g_test_add ("/lease-life/approval-policy", Fixture, NULL, fixture_set_up, test_approval_policy,
              fixture_tear_down);
  g_test_add ("/lease-life/approval-from-quote", Fixture, NULL, fixture_set_up,
              test_approval_from_quote, fixture_tear_down);
  g_test_add ("/lease-life/alert-quote", Fixture, NULL, fixture_set_up, test_alert_quote,
              fixture_tear_down);
  return g_test_run ();
}
