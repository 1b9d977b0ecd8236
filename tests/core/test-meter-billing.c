/* test-meter-billing.c — metered charges in bill runs (docs/meters.md, "What a bill run
 * bills"; docs/billing.md, "Metered charges"), worked out by hand
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "fixture.h"
#include "pw-bill-run.h"
#include "pw-error.h"
#include "pw-lease.h"
#include "pw-meter.h"

static JsonObject *
obj (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

static void
add_meter (Fixture *f, const char *spec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = obj (spec);
  g_autofree char *id = pw_meter_add (f->store, f->park, o, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
}

static void
reading (Fixture *f, const char *meter, const char *date, const char *values)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) v = obj (values);
  g_autofree char *id = pw_meter_reading_add (f->store, f->park, meter, date, v, FALSE, FALSE,
                                              PW_READING_FROM_HAND, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
}

static void
add_tariff (Fixture *f, const char *def, const char *rate)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = obj (def);
  g_autofree char *id = pw_tariff_add (f->store, f->park, o, rate, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
}

static gint64
query_int (Fixture *f, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Lease terms from 2027-01-01 to 2027-12-31 on @space: rent from LL, property fee from PM. */
static char *
terms (const char *code, const char *space)
{
  return g_strdup_printf (
    "{\"id\": \"%s\", \"currency\": \"CNY\", \"signed\": \"2026-12-07\","
    " \"start\": \"2027-01-01\", \"end\": \"2027-12-31\","
    " \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"},"
    " \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord Co.\"},"
    "               {\"code\": \"PM\", \"name\": \"Property Services Co.\"}],"
    " \"tax_codes\": [{\"code\": \"lease9\", \"rate\": \"0.09\"},"
    "                 {\"code\": \"service6\", \"rate\": \"0.06\"}],"
    " \"spaces\": [{\"code\": \"%s\", \"area\": \"50.00\", \"basis\": \"gross\"}],"
    " \"charges\": [{\"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\","
    "   \"tax_code\": \"lease9\", \"unit_price\": \"100.00\", \"unit\": \"m2_month\","
    "   \"spaces\": [\"%s\"], \"anchor\": \"calendar\", \"frequency\": \"monthly\"},"
    "  {\"code\": \"pm\", \"kind\": \"property_fee\", \"seller\": \"PM\","
    "   \"tax_code\": \"service6\", \"unit_price\": \"10.00\", \"unit\": \"m2_month\","
    "   \"spaces\": [\"%s\"], \"anchor\": \"calendar\", \"frequency\": \"monthly\"}]}",
    code, space, space, space);
}

static char *
signed_lease (Fixture *f, const char *code, const char *space, const char *customer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
    "SELECT id FROM space WHERE code = ?", NULL);
  g_autofree char *t = terms (code, space);
  g_autofree char *sid = NULL;
  char *id;

  sqlite3_bind_text (stmt, 1, space, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  sid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  {
    PwLeaseSpace spaces[] = { { sid, 5000 } };

    id = pw_lease_create (f->store, f->park, code, customer, "2027-01-01", "2027-12-31",
                          spaces, 1, t, &error);
  }
  g_assert_no_error (error);
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SUBMITTED, "2026-12-07", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_APPROVED, "2026-12-07", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SIGNED, "2026-12-07", NULL, &error));
  g_assert_no_error (error);
  return id;
}

static const PwBillRunLine *
meter_line (const PwBillRun *run, const char *source)
{
  for (guint i = 0; i < run->bills->len; i++)
    {
      const PwBillRunBill *b = g_ptr_array_index (run->bills, i);

      for (guint j = 0; j < b->lines->len; j++)
        {
          const PwBillRunLine *l = g_ptr_array_index (b->lines, j);

          if (g_str_equal (l->source, source))
            return l;
        }
    }
  return NULL;
}

static gboolean
has_problem (const PwBillRun *run, const char *what, const char *source)
{
  for (guint i = 0; i < run->problems->len; i++)
    {
      const PwBillRunProblem *p = g_ptr_array_index (run->problems, i);

      if (g_str_equal (p->what, what) && g_str_equal (p->source, source))
        return TRUE;
    }
  return FALSE;
}

/* January 2027 of a tenant's electricity meter E-7 (CT 200/5: multiplier 40, flat
 * 0.7500 with 13 % included) and water meter W-7 (monthly tiers: up to 10 m³ at 4.20,
 * above at 6.00, 9 % included):
 *   E-7  (1,025 − 1,000) × 40 = 1,000 kWh × 0.7500 = 750.00 gross;
 *        net = round(750.00 ÷ 1.13) = 663.72 (663.716…), tax 86.28
 *   W-7  35 − 20 = 15 m³: 10 × 4.20 + 5 × 6.00 = 42.00 + 30.00 = 72.00 gross;
 *        net = round(72.00 ÷ 1.09) = 66.06 (66.055…), tax 5.94
 * Both go on the tenant's bill from the property-fee seller (PM), billed on the
 * month's last day and due 15 days later: 822.00. W-8 has no reading in January: a
 * problem. A second run bills neither again; once W-8 is read (5 → 7: 2 m³ × 4.20 =
 * 8.40) the next run bills it alone. */
static void
test_bill_run_meters (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autofree char *lease = signed_lease (f, "C-7", "B1-F01-002", customer);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBillRun) run = NULL, again = NULL;
  const PwBillRunLine *e, *w;
  gboolean seen = FALSE;

  g_assert_nonnull (lease);
  add_tariff (f, "{\"code\": \"E-FLAT\", \"kind\": \"flat\", \"price\": \"0.7500\","
                 " \"tax_code\": \"vat13\"}", "0.13");
  add_tariff (f, "{\"code\": \"W-TIER\", \"kind\": \"tiered\", \"basis\": \"monthly\","
                 " \"tiers\": [{\"up_to\": \"10\", \"price\": \"4.20\"}, {\"price\": \"6.00\"}],"
                 " \"tax_code\": \"vat9\"}", "0.09");
  add_meter (f, "{\"code\": \"E-7\", \"kind\": \"electricity\", \"ct\": \"200/5\","
                " \"tariff\": \"E-FLAT\", \"location\": \"B1-F01-002\","
                " \"spaces\": [\"B1-F01-002\"], \"customer\": \"Tenant Co.\"}");
  add_meter (f, "{\"code\": \"W-7\", \"kind\": \"water\", \"tariff\": \"W-TIER\","
                " \"spaces\": [\"B1-F01-002\"], \"customer\": \"Tenant Co.\"}");
  add_meter (f, "{\"code\": \"W-8\", \"kind\": \"water\", \"tariff\": \"W-TIER\","
                " \"spaces\": [\"B1-F01-002\"], \"customer\": \"Tenant Co.\"}");
  reading (f, "E-7", "2026-12-31", "{\"total\": \"1000\"}");
  reading (f, "E-7", "2027-01-31", "{\"total\": \"1025\"}");
  reading (f, "W-7", "2026-12-31", "{\"total\": \"20\"}");
  reading (f, "W-7", "2027-01-31", "{\"total\": \"35\"}");
  reading (f, "W-8", "2026-12-31", "{\"total\": \"5\"}");

  run = pw_bill_run_preview (f->store, f->park, "2027-01", NULL, &error);
  g_assert_no_error (error);
  e = meter_line (run, "meter:consumption/E-7/2027-01");
  w = meter_line (run, "meter:consumption/W-7/2027-01");
  g_assert_nonnull (e);
  g_assert_nonnull (w);
  g_assert_cmpint (e->gross, ==, 75000);
  g_assert_cmpint (e->net, ==, 66372);
  g_assert_cmpint (e->tax, ==, 8628);
  g_assert_cmpstr (e->tax_rate, ==, "0.13");
  g_assert_cmpstr (e->charge, ==, "electricity");
  g_assert_cmpstr (e->bill_date, ==, "2027-01-31");
  g_assert_cmpstr (e->due_date, ==, "2027-02-15");
  g_assert_nonnull (strstr (e->explanation, "40"));
  g_assert_cmpint (w->gross, ==, 7200);
  g_assert_cmpint (w->net, ==, 6606);
  g_assert_cmpint (w->tax, ==, 594);
  g_assert_cmpstr (w->charge, ==, "water");
  g_assert_true (has_problem (run, "missing_reading", "meter:W-8"));
  for (guint i = 0; i < run->bills->len; i++)
    {
      const PwBillRunBill *b = g_ptr_array_index (run->bills, i);
      const PwBillRunLine *first = g_ptr_array_index (b->lines, 0);

      if (g_str_has_prefix (first->source, "meter:"))
        {
          g_assert_cmpstr (b->seller, ==, "PM");
          g_assert_cmpstr (b->customer_id, ==, customer);
          g_assert_cmpint (b->gross, ==, 75000 + 7200);
          seen = TRUE;
        }
    }
  g_assert_true (seen);
  g_clear_pointer (&run, pw_bill_run_free);
  g_assert_cmpint (pw_store_count (f->store, "bill_line"), ==, 0);

  run = pw_bill_run_post (f->store, f->park, "2027-01", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run->run_id);
  g_assert_nonnull (meter_line (run, "meter:consumption/E-7/2027-01"));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM bill_line WHERE source LIKE 'meter:%'"),
                   ==, 2);

  /* again: nothing new */
  again = pw_bill_run_post (f->store, f->park, "2027-01", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (again->run_id);
  g_assert_cmpuint (again->bills->len, ==, 0);
  g_assert_cmpuint (again->n_already_billed, >=, 2);
  g_clear_pointer (&again, pw_bill_run_free);

  reading (f, "W-8", "2027-01-31", "{\"total\": \"7\"}");
  again = pw_bill_run_post (f->store, f->park, "2027-01", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->bills->len, ==, 1);
  g_assert_nonnull (meter_line (again, "meter:consumption/W-8/2027-01"));
  g_assert_cmpint (meter_line (again, "meter:consumption/W-8/2027-01")->gross, ==, 840);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM bill_line WHERE source LIKE 'meter:%'"),
                   ==, 3);
  g_clear_pointer (&again, pw_bill_run_free);
  again = pw_bill_run_post (f->store, f->park, "2027-01", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (again->run_id);
}

/* A customer with no running contract has no seller: a problem, not a bill. */
static void
test_no_seller (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBillRun) run = NULL;

  g_assert_nonnull (customer);
  add_tariff (f, "{\"code\": \"E-FLAT\", \"kind\": \"flat\", \"price\": \"1\","
                 " \"tax_code\": \"vat13\"}", "0.13");
  add_meter (f, "{\"code\": \"E-9\", \"kind\": \"electricity\", \"tariff\": \"E-FLAT\","
                " \"customer\": \"Tenant Co.\"}");
  reading (f, "E-9", "2027-02-28", "{\"total\": \"1\"}");
  reading (f, "E-9", "2027-03-31", "{\"total\": \"3\"}");
  run = pw_bill_run_preview (f->store, f->park, "2027-03", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (run->bills->len, ==, 0);
  g_assert_true (has_problem (run, "no_seller", "meter:consumption/E-9/2027-03"));
}

/* A time-of-use meter whose tariff prices none of its "valley" register makes a month
 * the engine refuses: one problem, and the contract's rent and fee are billed all the same. */
static void
test_meters_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autofree char *lease = signed_lease (f, "C-8", "B1-F01-002", customer);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBillRun) run = NULL;

  g_assert_nonnull (lease);
  add_tariff (f, "{\"code\": \"TOU\", \"kind\": \"time_of_use\", \"tax_code\": \"vat13\","
                 " \"seasons\": [{\"name\": \"all\", \"months\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10,"
                 " 11, 12], \"prices\": {\"peak\": \"1\", \"flat\": \"0.5\"}}]}", "0.13");
  add_meter (f, "{\"code\": \"E-8\", \"kind\": \"electricity\", \"tariff\": \"TOU\","
                " \"registers\": [\"peak\", \"valley\"], \"customer\": \"Tenant Co.\"}");
  run = pw_bill_run_preview (f->store, f->park, "2027-01", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (has_problem (run, "meters", "meter:"));
  /* rent from LL, the property fee from PM: 5,000.00 + 500.00 */
  g_assert_cmpuint (run->bills->len, ==, 2);
  g_assert_cmpint (run->gross, ==, 500000 + 50000);
}

static char *
correct (Fixture *f, const char *meter, const char *date, const char *values, const char *reason,
         const char *on)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) v = obj (values);
  char *id = pw_meter_reading_correct (f->store, f->park, meter, date, v, reason, on, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

/* Σ billed by the standing lines for a metered source (its line and adjustments) */
static gint64
billed_for (Fixture *f, const char *origin, const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (sum (%s), 0) FROM bill_line"
                                          " WHERE cancelled = 0 AND origin = '%s'",
                                          column, origin);

  return query_int (f, sql);
}

static void
meters_with_lease (Fixture *f)
{
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autofree char *lease = signed_lease (f, "C-7", "B1-F01-002", customer);

  g_assert_nonnull (lease);
  add_tariff (f, "{\"code\": \"E-FLAT\", \"kind\": \"flat\", \"price\": \"0.7500\","
                 " \"tax_code\": \"vat13\"}", "0.13");
  add_tariff (f, "{\"code\": \"W-TIER\", \"kind\": \"tiered\", \"basis\": \"monthly\","
                 " \"tiers\": [{\"up_to\": \"10\", \"price\": \"4.20\"}, {\"price\": \"6.00\"}],"
                 " \"tax_code\": \"vat9\"}", "0.09");
  add_meter (f, "{\"code\": \"E-7\", \"kind\": \"electricity\", \"ct\": \"200/5\","
                " \"tariff\": \"E-FLAT\", \"location\": \"B1-F01-002\","
                " \"spaces\": [\"B1-F01-002\"], \"customer\": \"Tenant Co.\"}");
  add_meter (f, "{\"code\": \"W-7\", \"kind\": \"water\", \"tariff\": \"W-TIER\","
                " \"spaces\": [\"B1-F01-002\"], \"customer\": \"Tenant Co.\"}");
}

/* A run over @period posted: @writes 1 it must write bills, 0 it must write none, -1
 * either (a correction that changed nothing) */
static void
post (Fixture *f, const char *period, int writes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBillRun) run = pw_bill_run_post (f->store, f->park, period, NULL, &error);

  g_assert_no_error (error);
  if (writes == 1)
    g_assert_nonnull (run->run_id);
  else if (writes == 0)
    g_assert_null (run->run_id);
}

/* Corrections after billing (docs/meters.md, "Corrections"). E-7: multiplier 40, flat
 * 0.7500 with 13 % included; W-7: up to 10 m³ at 4.20, above at 6.00, 9 % included.
 * Billed in January and February:
 *   E-7 Jan  (1,025 − 1,000) × 40 = 1,000 kWh × 0.75 = 750.00 (net 663.72, tax 86.28)
 *   E-7 Feb  (1,050 − 1,025) × 40 = 1,000 kWh        = 750.00 (net 663.72, tax 86.28)
 *   W-7 Jan  35 − 20 = 15 m³: 10 × 4.20 + 5 × 6.00   =  72.00 (net 66.06, tax 5.94)
 * On 2027-03-05 E-7's reading of 2027-01-31 is found misread, 1,030 (upward): it closes
 * January and opens February, so both months change:
 *   E-7 Jan  (1,030 − 1,000) × 40 = 1,200 kWh = 900.00: net round(900 ÷ 1.13) = 796.46,
 *            tax 103.54; billed 750.00 → +150.00 (net +132.74, tax +17.26)
 *   E-7 Feb  (1,050 − 1,030) × 40 =   800 kWh = 600.00: net round(600 ÷ 1.13) = 530.97,
 *            tax 69.03; billed 750.00 → −150.00 (net −132.75, tax −17.25)
 * On 2027-03-06 W-7's reading of 2027-01-31 is corrected down to 30 (no later reading:
 * January alone): 10 m³ × 4.20 = 42.00, net round(42 ÷ 1.09) = 38.53, tax 3.47;
 * billed 72.00 → −30.00 (net −27.53, tax −2.47).
 * E-7's reading of 2027-03-31, 1,075, is corrected to 1,080 before March is billed: the
 * March line simply bills (1,080 − 1,050) × 40 = 1,200 kWh = 900.00, with no adjustment.
 * The March run bills the three adjustments with its own line: 900 + 150 − 150 − 30 =
 * 870.00; a second March run bills nothing. A second correction of the same reading
 * (1,030 → 1,028 on 2027-04-02) bills only what changed since: January 1,120 kWh =
 * 840.00 (−60.00), February 880 kWh = 660.00 (+60.00). */
static void
test_corrections (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBillRun) run = NULL;
  g_autofree char *c1 = NULL, *c2 = NULL, *c3 = NULL, *c4 = NULL;
  g_autofree char *s_jan = NULL, *s_feb = NULL, *s_w = NULL, *s_mar = NULL;
  const PwBillRunLine *l;

  meters_with_lease (f);
  reading (f, "E-7", "2026-12-31", "{\"total\": \"1000\"}");
  reading (f, "E-7", "2027-01-31", "{\"total\": \"1025\"}");
  reading (f, "E-7", "2027-02-28", "{\"total\": \"1050\"}");
  reading (f, "W-7", "2026-12-31", "{\"total\": \"20\"}");
  reading (f, "W-7", "2027-01-31", "{\"total\": \"35\"}");
  post (f, "2027-01", 1);
  post (f, "2027-02", 1);
  g_assert_cmpint (billed_for (f, "meter:consumption/E-7/2027-01", "gross"), ==, 75000);
  g_assert_cmpint (billed_for (f, "meter:consumption/E-7/2027-02", "gross"), ==, 75000);
  g_assert_cmpint (billed_for (f, "meter:consumption/W-7/2027-01", "gross"), ==, 7200);

  c1 = correct (f, "E-7", "2027-01-31", "{\"total\": \"1030\"}", "misread", "2027-03-05");
  c2 = correct (f, "W-7", "2027-01-31", "{\"total\": \"30\"}", "misread", "2027-03-06");
  reading (f, "E-7", "2027-03-31", "{\"total\": \"1075\"}");
  c3 = correct (f, "E-7", "2027-03-31", "{\"total\": \"1080\"}", "typo", "2027-03-31");
  /* the billed lines are never changed */
  g_assert_cmpint (billed_for (f, "meter:consumption/E-7/2027-01", "gross"), ==, 75000);

  run = pw_bill_run_preview (f->store, f->park, "2027-03", NULL, &error);
  g_assert_no_error (error);
  s_jan = g_strconcat ("meter-adj:consumption/E-7/2027-01@", c1, NULL);
  s_feb = g_strconcat ("meter-adj:consumption/E-7/2027-02@", c1, NULL);
  s_w = g_strconcat ("meter-adj:consumption/W-7/2027-01@", c2, NULL);
  s_mar = g_strconcat ("meter-adj:consumption/E-7/2027-03@", c3, NULL);
  l = meter_line (run, s_jan);
  g_assert_nonnull (l);
  g_assert_cmpint (l->gross, ==, 15000);
  g_assert_cmpint (l->net, ==, 13274);
  g_assert_cmpint (l->tax, ==, 1726);
  g_assert_cmpstr (l->origin, ==, "meter:consumption/E-7/2027-01");
  g_assert_cmpstr (l->charge, ==, "electricity");
  g_assert_cmpstr (l->period_start, ==, "2027-01-01");
  g_assert_cmpstr (l->period_end, ==, "2027-01-31");
  g_assert_cmpstr (l->explanation, ==,
                   "E-7 electricity Jan 2027 corrected on 2027-03-05 (reading 1025 → 1030, "
                   "“misread”): 750.00 billed, 900.00 due, +150.00");
  l = meter_line (run, s_feb);
  g_assert_nonnull (l);
  g_assert_cmpint (l->gross, ==, -15000);
  g_assert_cmpint (l->net, ==, -13275);
  g_assert_cmpint (l->tax, ==, -1725);
  g_assert_nonnull (strstr (l->explanation, "750.00 billed, 600.00 due, \u2212150.00"));
  l = meter_line (run, s_w);
  g_assert_nonnull (l);
  g_assert_cmpint (l->gross, ==, -3000);
  g_assert_cmpint (l->net, ==, -2753);
  g_assert_cmpint (l->tax, ==, -247);
  g_assert_cmpstr (l->tax_rate, ==, "0.09");
  /* corrected before billing: the month's line bills the corrected reading */
  g_assert_null (meter_line (run, s_mar));
  g_assert_cmpint (meter_line (run, "meter:consumption/E-7/2027-03")->gross, ==, 90000);
  /* with March's rent and property fee: 5,000.00 + 500.00 */
  g_assert_cmpint (run->gross, ==, 500000 + 50000 + 90000 + 15000 - 15000 - 3000);
  g_clear_pointer (&run, pw_bill_run_free);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM bill_line WHERE source LIKE 'meter-adj:%'"),
                   ==, 0);

  post (f, "2027-03", 1);
  g_assert_cmpint (billed_for (f, "meter:consumption/E-7/2027-01", "gross"), ==, 90000);
  g_assert_cmpint (billed_for (f, "meter:consumption/E-7/2027-01", "net"), ==, 79646);
  g_assert_cmpint (billed_for (f, "meter:consumption/E-7/2027-02", "gross"), ==, 60000);
  g_assert_cmpint (billed_for (f, "meter:consumption/W-7/2027-01", "gross"), ==, 4200);
  g_assert_cmpint (billed_for (f, "meter:consumption/W-7/2027-01", "tax"), ==, 347);
  /* a repeated run bills nothing new */
  post (f, "2027-03", 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM bill_line WHERE source LIKE 'meter-adj:%'"),
                   ==, 3);

  /* corrected again: only what changed since */
  c4 = correct (f, "E-7", "2027-01-31", "{\"total\": \"1028\"}", "read again", "2027-04-02");
  run = pw_bill_run_post (f->store, f->park, "2027-04", NULL, &error);
  g_assert_no_error (error);
  g_free (s_jan);
  s_jan = g_strconcat ("meter-adj:consumption/E-7/2027-01@", c4, NULL);
  g_assert_cmpint (meter_line (run, s_jan)->gross, ==, -6000);
  g_assert_nonnull (strstr (meter_line (run, s_jan)->explanation,
                            "(reading 1030 → 1028, “read again”): 900.00 billed, 840.00 due"));
  g_assert_cmpint (billed_for (f, "meter:consumption/E-7/2027-01", "gross"), ==, 84000);
  g_assert_cmpint (billed_for (f, "meter:consumption/E-7/2027-02", "gross"), ==, 66000);
  g_clear_pointer (&run, pw_bill_run_free);
  post (f, "2027-04", 0);
}

/* A correction needs a reading on that day and a reason. */
static void
test_correction_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) v = obj ("{\"total\": \"5\"}");
  char *id;

  meters_with_lease (f);
  reading (f, "W-7", "2027-01-31", "{\"total\": \"4\"}");
  id = pw_meter_reading_correct (f->store, f->park, "W-7", "2027-02-28", v, "misread", NULL,
                                 &error);
  g_assert_null (id);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "date");
  g_clear_error (&error);
  id = pw_meter_reading_correct (f->store, f->park, "W-7", "2027-01-31", v, " ", NULL, &error);
  g_assert_null (id);
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "reason");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM lifecycle_event"
                                 " WHERE entity = 'meter_reading'"), ==, 0);
}

/* Invariant: whatever corrections follow billing, after the next run Σ billed for each
 * metered source = its charge computed from the corrected data, to the cent (net, tax
 * and gross), and a repeated run bills nothing. Random corrections of E-7's readings of
 * January to March (each kept between its neighbours), a run after each. */
static void
test_corrections_invariant (Fixture *f, gconstpointer data)
{
  static const char *const dates[] = { "2026-12-31", "2027-01-31", "2027-02-28", "2027-03-31" };
  gint64 values[4] = { 1000, 1020, 1045, 1070 };
  GRand *rand = g_rand_new_with_seed (13);

  meters_with_lease (f);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *v = g_strdup_printf ("{\"total\": \"%" G_GINT64_FORMAT "\"}", values[i]);

      reading (f, "E-7", dates[i], v);
    }
  post (f, "2027-01", 1);
  post (f, "2027-02", 1);
  post (f, "2027-03", 1);
  for (guint round = 0; round < 12; round++)
    {
      guint k = g_rand_int_range (rand, 1, 4);
      gint64 lo = values[k - 1], hi = k < 3 ? values[k + 1] : values[k] + 50;
      g_autofree char *v = NULL, *id = NULL, *on = NULL;

      values[k] = g_rand_int_range (rand, (gint32) lo, (gint32) hi + 1);
      v = g_strdup_printf ("{\"total\": \"%" G_GINT64_FORMAT "\"}", values[k]);
      on = g_strdup_printf ("2027-04-%02u", round + 1);
      id = correct (f, "E-7", dates[k], v, "checked", on);
      post (f, "2027-04", -1);
      for (guint month = 1; month <= 3; month++)
        {
          g_autofree char *origin = g_strdup_printf ("meter:consumption/E-7/2027-%02u", month);
          /* (closing − opening) × 40 kWh × 0.75, 13 % included: net = round(gross ÷ 1.13)
           * (never a tie: 200 × gross is even, 113 odd) */
          gint64 gross = (values[month] - values[month - 1]) * 40 * 75;
          gint64 net = (gross * 200 + 113) / 226;

          g_assert_cmpint (billed_for (f, origin, "gross"), ==, gross);
          g_assert_cmpint (billed_for (f, origin, "net"), ==, net);
          g_assert_cmpint (billed_for (f, origin, "tax"), ==, gross - net);
        }
      post (f, "2027-04", 0);
    }
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM bill_line WHERE source LIKE 'meter-adj:%'"),
                   >=, 12);
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/meter-billing/bill-run", test_bill_run_meters);
  ADD ("/meter-billing/no-seller", test_no_seller);
  ADD ("/meter-billing/meters-refused", test_meters_refused);
  ADD ("/meter-billing/corrections", test_corrections);
  ADD ("/meter-billing/correction-refused", test_correction_refused);
  ADD ("/meter-billing/corrections-invariant", test_corrections_invariant);
  return g_test_run ();
}
