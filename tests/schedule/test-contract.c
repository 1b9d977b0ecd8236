/* test-contract.c — the contract's JSON form: what it reads and what it refuses
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "schedule-test-util.h"

/* Refused, with a message that starts with @path and contains @fragment. */
static void
assert_refused (const char *text, const char *path, const char *fragment)
{
  g_autofree char *json = unquote (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwContract) c = pw_contract_parse (json, -1, &error);

  g_assert_null (c);
  g_assert_nonnull (error);
  g_assert_true (error->domain == PW_CONTRACT_ERROR);
  if (!g_str_has_prefix (error->message, path) || strstr (error->message, fragment) == NULL)
    g_error ("expected “%s: …%s…”, got “%s”", path, fragment, error->message);
}

#define OK_CHARGES ",'charges':[{" RENT "}]"

static void
test_reads_everything (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "schedule", "example.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwContract) c = pw_contract_load (path, &error);
  PwCharge *rent, *pm;

  g_assert_no_error (error);
  g_assert_cmpstr (c->id, ==, "C-2025-001");
  g_assert_cmpint (c->minor_digits, ==, 2);
  g_assert_cmpuint (c->charges->len, ==, 2);
  rent = c->charges->pdata[0];
  pm = c->charges->pdata[1];
  g_assert_cmpint (rent->area, ==, 52345);
  g_assert_cmpuint (rent->frequency_months, ==, 3);
  g_assert_cmpuint (rent->lead_days, ==, 15);
  g_assert_cmpint (rent->escalation.kind, ==, PW_ESCALATION_FIXED);
  g_assert_cmpint (rent->escalation.anchor, ==, PW_ESCALATION_ANCHOR_RENT_COMMENCEMENT);
  g_assert_cmpint (rent->escalation.price_decimals, ==, 2);
  g_assert_cmpint (pm->anchor, ==, PW_ANCHOR_CALENDAR);
  g_assert_cmpint (pm->due_rule, ==, PW_DUE_AFTER_BILL);
  g_assert_cmpuint (pm->due_days, ==, 10);
  g_assert_cmpint (pm->proration, ==, PW_PRORATION_MONTHLY_ACTUAL);
  g_assert_cmpstr (pm->seller, ==, "PM");
  g_assert_cmpint (c->deposit.round_digits, ==, 0);
  g_assert_true (c->renewal_option);
  g_assert_cmpuint (c->renewal_term_months, ==, 36);
  g_assert_cmpuint (c->late_fee_grace_days, ==, 5);
  g_assert_cmpstr (c->late_fee_cap, ==, "principal");
  /* rent commences the day after the rent-free range */
  g_assert_cmpint (g_date_get_month (&c->rent_commencement), ==, 5);
  g_assert_cmpint (g_date_get_day (&c->rent_commencement), ==, 16);
}

static void
test_refusals (void)
{
  assert_refused ("{" HEAD "," YEAR_2025 OK_CHARGES ",'colour':'red'}", "colour", "unknown field");
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT "},{'code':'r2','kind':'rent',"
                  "'seller':'LL','unit':'month','unit_price':'1','proration':'weekly'}]}",
                  "charges[1].proration", "unknown value “weekly”");
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT ",'unit_price':'4.0000'}]}",
                  "charges[0].unit_price", "twice");
  assert_refused ("{" HEAD ",'signed':'2025-01-01','start':'2025-02-30','end':'2025-12-31'"
                  OK_CHARGES "}", "start", "not a date");
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{'code':'rent','kind':'rent','seller':'LL',"
                  "'unit':'month','unit_price':'-1.00'}]}", "charges[0].unit_price", "negative");
  assert_refused ("{" HEAD "," YEAR_2025 OK_CHARGES ",'free_periods':[{'kind':'rent_free',"
                  "'start':'2025-12-01','end':'2026-01-31'}]}", "free_periods[0].end",
                  "outside the term");
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT ",'escalation':{'type':'steps',"
                  "'steps':[{'from':'2024-12-01','unit_price':'3.5'}]}}]}",
                  "charges[0].escalation.steps[0].from", "after the charge starts");
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT ",'escalation':{'type':'steps',"
                  "'steps':[{'from':'2025-06-01','unit_price':'3.5'},{'from':'2025-06-01',"
                  "'unit_price':'3.6'}]}}]}", "charges[0].escalation.steps[1].from", "overlaps");
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{'code':'rent','kind':'rent',"
                  "'seller':'XX','unit':'month','unit_price':'1'}]}", "charges[0].seller",
                  "no seller");
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{'code':'rent','kind':'rent','seller':'LL',"
                  "'unit':'m2_day','unit_price':'1','spaces':['B9']}]}", "charges[0].spaces[0]",
                  "B9");
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT ",'tax_code':'v13'}]}",
                  "charges[0].tax_code", "v13");
  assert_refused ("{" HEAD "," YEAR_2025 OK_CHARGES ",'termination':{'date':'2026-02-01'}}",
                  "termination.date", "outside the term");
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{'code':'rent','kind':'rent',"
                  "'seller':'LL','unit_price':'1'}]}", "charges[0].unit", "required");
  assert_refused ("{" HEAD "," YEAR_2025 OK_CHARGES ",'deposit':{'months':'3',"
                  "'amount':'100.00'}}", "deposit.months", "either");
  assert_refused ("{" HEAD ",'signed':'2025-01-01','start':'2025-01-01','end':'2045-01-01'"
                  OK_CHARGES "}", "end", "20 years");
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT ",'escalation':{'type':'cpi',"
                  "'every_years':1}}]}", "charges[0].escalation.type", "cpi_index");
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT ",'due':{'rule':'after_bill',"
                  "'day':3}}]}", "charges[0].due.day", "unknown field");
  assert_refused ("{" HEAD ",'signed':'2023-01-01','start':'2025-01-01','end':'2027-12-31',"
                  "'charges':[{" RENT ",'escalation':{'type':'fixed','percent':'5',"
                  "'every_years':1,'anchor':'signing'}}]}", "charges[0].escalation.anchor",
                  "before the charge starts");
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT ",'escalation':{'type':'cpi',"
                  "'every_years':1,'floor':'6','cap':'5'}}],'cpi_index':[{'year':2024,"
                  "'value':'100'},{'year':2025,'value':'101'}]}",
                  "charges[0].escalation.floor", "cap");
  assert_refused ("{" HEAD "," YEAR_2025 OK_CHARGES ",'free_periods':[{'start':'2025-01-01',"
                  "'end':'2025-01-31'},{'start':'2025-01-20','end':'2025-02-10'}]}",
                  "free_periods[1].start", "overlaps");
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT ",'end':'2026-03-31'}]}",
                  "charges[0].end", "outside the term");
  assert_refused ("{'id':'T','currency':'CNY','parties':{'landlord':'L','tenant':'T'},"
                  "'sellers':[{'code':'LL','name':'L'}],'tax_codes':[{'code':'x','rate':'1.09'}],"
                  YEAR_2025 ",'charges':[{'code':'r','kind':'rent','seller':'LL','unit':'month',"
                  "'unit_price':'1'}]}", "tax_codes[0].rate", "fraction");
  assert_refused ("{'id':'T','currency':'CNY','parties':{'landlord':'L','tenant':'T'},"
                  "'sellers':[{'code':'LL','name':'L'}],'spaces':[{'code':'A','area':'10.005'}],"
                  YEAR_2025 ",'charges':[{'code':'r','kind':'rent','seller':'LL','unit':'month',"
                  "'unit_price':'1'}]}", "spaces[0].area", "2 decimals");
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT ",'lead_days':-1}]}",
                  "charges[0].lead_days", "between");
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{'code':'rent','kind':'rent',"
                  "'seller':'LL','unit':'month','unit_price':3.2}]}",
                  "charges[0].unit_price", "string");
  assert_refused ("{" HEAD ",'currency':'CNY'," YEAR_2025 OK_CHARGES "}", "currency", "twice");
  assert_refused ("{" HEAD ",'signed':'2026-01-01','start':'2025-01-01','end':'2025-12-31'"
                  OK_CHARGES "}", "signed", "after the term");
  assert_refused ("{" HEAD "," YEAR_2025 OK_CHARGES ",'termination':{'date':'2025-06-30',"
                  "'penalty':'12.345'}}", "termination.penalty", "");
}

static void
test_escaped_key (void)
{
  /* json-glib would read "\u0069d" as a second "id" */
  assert_refused ("{" HEAD ",'\\u0069d':'X'," YEAR_2025 OK_CHARGES "}", "\\u0069d", "escaped");
}

static void
test_depth_limit (void)
{
  /* 100,000 levels would crash json-glib 1.6: refused before it sees them */
  GString *s = g_string_new ("{'id':");
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  PwContract *c;

  for (int i = 0; i < 100000; i++)
    g_string_append_c (s, '[');
  for (int i = 0; i < 100000; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');
  json = unquote (s->str);
  g_string_free (s, TRUE);
  c = pw_contract_parse (json, -1, &error);
  g_assert_null (c);
  g_assert_error (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "id[0][0][0]"));
  g_assert_nonnull (strstr (error->message, "nested deeper than 16 levels"));
}

static void
test_not_json (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (pw_contract_parse ("{\"id\": ", -1, &error));
  g_assert_error (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_SYNTAX);
}

/* The reader is strict JSON (RFC 8259): each of these is refused as syntax,
 * naming the line and column; nothing is guessed. */
static void
test_strict_json (void)
{
  static const char *const bad[] = {
    "", " ", "{", "{\"id\":\"X\",}", "{\"id\":\"X\"} x", "{\"id\":01}", "{\"id\":1.}",
    "{\"id\":-}", "{\"id\":1e}", "{\"id\":\"a\\x\"}", "{\"id\":\"a", "{\"id\":\"a\tb\"}",
    "{\"id\":\"\\ud800\"}", "{\"id\":\"\\udc00\"}", "{\"id\":\"\\u0000\"}",
    "{\"id\":\"\\u12\"}", "{\"id\":tru}", "{\"id\" \"X\"}", "{id:\"X\"}", "[1,]", "{\"id\":\"\xff\"}",
    "{'id':'X'}",
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_null (pw_contract_parse (bad[i], -1, &error));
      g_assert_error (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_SYNTAX);
      g_clear_error (&error);
    }
  /* a NUL inside the given length */
  g_assert_null (pw_contract_parse ("{\"id\":\"a\0b\"}", 12, &error));
  g_assert_error (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_SYNTAX);
  g_clear_error (&error);
  /* the line and column of the fault */
  g_assert_null (pw_contract_parse ("{\n  \"id\": \"X\",\n  ]", -1, &error));
  g_assert_nonnull (strstr (error->message, "line 3, column 3"));
  g_clear_error (&error);
  /* a whole number written as a fraction is not a whole number */
  g_assert_null (pw_contract_parse ("{\"id\":\"X\",\"currency\":\"CNY\",\"signed\":\"2025-01-01\","
                                    "\"start\":\"2025-01-01\",\"end\":\"2025-12-31\","
                                    "\"parties\":{\"landlord\":\"L\",\"tenant\":\"T\"},"
                                    "\"sellers\":[{\"code\":\"LL\",\"name\":\"L\"}],"
                                    "\"charges\":[{\"code\":\"rent\",\"kind\":\"rent\","
                                    "\"seller\":\"LL\",\"unit\":\"month\",\"unit_price\":\"1\","
                                    "\"lead_days\":15.0}]}", -1, &error));
  g_assert_true (g_str_has_prefix (error->message, "charges[0].lead_days"));
}

/* Escapes in values are read: quotes, backslashes, \u escapes and surrogate
 * pairs, as the UTF-8 they stand for. */
static void
test_escapes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwContract) c = pw_contract_parse (
    "{\"id\":\"X\",\"currency\":\"CNY\",\"signed\":\"2025-01-01\",\"start\":\"2025-01-01\","
    "\"end\":\"2025-12-31\",\"parties\":{\"landlord\":\"L \\\"Lake\\\" \\\\ \\/\","
    "\"tenant\":\"\\u00e9\\u56ed\\ud83d\\ude00\\n\"},"
    "\"sellers\":[{\"code\":\"LL\",\"name\":\"L\"}],"
    "\"charges\":[{\"code\":\"rent\",\"kind\":\"rent\",\"seller\":\"LL\",\"unit\":\"month\","
    "\"unit_price\":\"1\",\"lead_days\":15}]}", -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (c->landlord, ==, "L \"Lake\" \\ /");
  g_assert_cmpstr (c->tenant, ==, "é园😀\n");
  g_assert_cmpuint (((PwCharge *) c->charges->pdata[0])->lead_days, ==, 15);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/contract/reads-everything", test_reads_everything);
  g_test_add_func ("/contract/refusals", test_refusals);
  g_test_add_func ("/contract/escaped-key", test_escaped_key);
  g_test_add_func ("/contract/depth-limit", test_depth_limit);
  g_test_add_func ("/contract/not-json", test_not_json);
  g_test_add_func ("/contract/strict-json", test_strict_json);
  g_test_add_func ("/contract/escapes", test_escapes);
  return g_test_run ();
}
