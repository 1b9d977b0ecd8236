/* test-meters.c — meters, readings and tariffs in the store (docs/meters.md): the
 * validators (D18–D19), replacement, rollover, the CSV import's preview, and metered
 * lines billed once by bill runs, each worked out by hand
 * (metered lines in bill runs: test-meter-billing.c)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "fixture.h"
#include "pw-error.h"
#include "pw-meter.h"
#include "pw-meter-compute.h"
#include "pw-demo.h"

static JsonObject *
obj (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

static char *
add_meter (Fixture *f, const char *spec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = obj (spec);
  char *id = pw_meter_add (f->store, f->park, o, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static void
refuse_meter (Fixture *f, const char *spec, const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = obj (spec);
  g_autofree char *id = pw_meter_add (f->store, f->park, o, &error);

  g_assert_null (id);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, field);
}

/* A reading; @field NULL: it must be taken, else refused naming @field. */
static void
reading (Fixture *f, const char *meter, const char *date, const char *values,
         gboolean rollover, gboolean confirmed, const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) v = obj (values);
  g_autofree char *id = pw_meter_reading_add (f->store, f->park, meter, date, v, rollover,
                                              confirmed, PW_READING_FROM_HAND, &error);

  if (field == NULL)
    {
      g_assert_no_error (error);
      g_assert_nonnull (id);
      return;
    }
  g_assert_null (id);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, field);
}

static gint64
query_int (Fixture *f, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static const PwUtilityUsage *
usage_of (const PwUtilityResult *r, const char *meter)
{
  for (guint i = 0; i < r->usages->len; i++)
    {
      const PwUtilityUsage *u = g_ptr_array_index (r->usages, i);

      if (g_str_equal (u->meter, meter))
        return u;
    }
  g_assert_not_reached ();
}

static char *
dec (PwDecimal d)
{
  return pw_decimal_to_string (pw_decimal_normalize (d));
}

/* What a meter must be: every failure names its field. */
static void
test_meter_validator (Fixture *f, gconstpointer data)
{
  g_autofree char *e1 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) list = NULL;
  JsonObject *m;

  refuse_meter (f, "{\"code\": \"X\", \"kind\": \"steam\"}", "kind");
  refuse_meter (f, "{\"kind\": \"water\"}", "code");
  /* 200/5 gives 40, not 50 */
  refuse_meter (f, "{\"code\": \"X\", \"kind\": \"electricity\", \"ct\": \"200/5\","
                   " \"multiplier\": \"50\"}", "multiplier");
  refuse_meter (f, "{\"code\": \"X\", \"kind\": \"electricity\", \"ct\": \"200:5\"}", "ct");
  refuse_meter (f, "{\"code\": \"X\", \"kind\": \"water\", \"digits\": 16}", "digits");
  refuse_meter (f, "{\"code\": \"X\", \"kind\": \"water\", \"registers\": [\"total\"]}",
                "registers");
  refuse_meter (f, "{\"code\": \"X\", \"kind\": \"water\", \"tariff\": \"NONE\"}", "tariff");
  refuse_meter (f, "{\"code\": \"X\", \"kind\": \"water\", \"master\": \"NONE\"}", "master");
  refuse_meter (f, "{\"code\": \"X\", \"kind\": \"water\", \"location\": \"NOWHERE\"}",
                "location");

  /* a 200/5 CT with a 10000/100 PT: 40 × 100 = 4,000 */
  e1 = add_meter (f, "{\"code\": \"E1\", \"kind\": \"electricity\", \"ct\": \"200/5\","
                     " \"pt\": \"10000/100\", \"location\": \"B1\", \"route_order\": 2}");
  add_meter (f, "{\"code\": \"E0\", \"kind\": \"electricity\", \"location\": \"B1-F01-002\","
                " \"master\": \"E1\", \"route_order\": 1, \"spaces\": [\"B1-F01-002\"]}");
  /* a meter of common use charges nobody */
  refuse_meter (f, "{\"code\": \"X\", \"kind\": \"water\", \"common\": true,"
                   " \"customer\": \"Tenant Co.\"}", "customer");
  list = pw_meter_list (f->store, f->park, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  /* route order first */
  m = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (m, "code"), ==, "E0");
  g_assert_cmpstr (json_object_get_string_member (m, "master"), ==, "E1");
  g_assert_cmpstr (json_object_get_string_member (m, "location"), ==, "B1-F01-002");
  g_assert_true (json_object_get_null_member (m, "last_reading"));
  m = json_array_get_object_element (list, 1);
  g_assert_cmpstr (json_object_get_string_member (m, "multiplier"), ==, "4000");
  g_assert_cmpstr (json_object_get_string_member (m, "location"), ==, "B1");
  /* codes are unique in a park */
  {
    g_autoptr(JsonObject) dup = obj ("{\"code\": \"E1\", \"kind\": \"water\"}");
    g_autofree char *none = pw_meter_add (f->store, f->park, dup, &error);

    g_assert_null (none);
    g_assert_nonnull (error);
  }
}

/* D18–D19 on readings entered by hand. */
static void
test_reading_rules (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) list = NULL;
  JsonObject *last;

  add_meter (f, "{\"code\": \"T\", \"kind\": \"electricity\", \"digits\": 5,"
                " \"registers\": [\"peak\", \"valley\"]}");
  add_meter (f, "{\"code\": \"N\", \"kind\": \"water\"}");
  /* every register, and only the meter's */
  reading (f, "T", "2026-01-31", "{\"total\": \"100\", \"peak\": \"60\"}", FALSE, FALSE, "values");
  reading (f, "T", "2026-01-31", "{\"total\": \"100\", \"peak\": \"60\", \"valley\": \"40\","
           " \"flat\": \"0\"}", FALSE, FALSE, "values");
  reading (f, "T", "2026-01-31", "{\"total\": \"-1\", \"peak\": \"60\", \"valley\": \"40\"}",
           FALSE, FALSE, "values");
  /* five digits: 100000 does not fit */
  reading (f, "T", "2026-01-31", "{\"total\": \"100000\", \"peak\": \"60\", \"valley\": \"40\"}",
           FALSE, FALSE, "values");
  reading (f, "T", "2026-13-31", "{\"total\": \"1\", \"peak\": \"0\", \"valley\": \"1\"}",
           FALSE, FALSE, "date");
  reading (f, "NONE", "2026-01-31", "{\"total\": \"1\"}", FALSE, FALSE, "meter");
  reading (f, "T", "2026-01-31", "{\"total\": \"99000\", \"peak\": \"60000\", \"valley\": \"39000\"}",
           FALSE, FALSE, NULL);
  /* one reading a day */
  reading (f, "T", "2026-01-31", "{\"total\": \"99100\", \"peak\": \"60000\", \"valley\": \"39100\"}",
           FALSE, FALSE, "date");
  reading (f, "T", "2026-02-28", "{\"total\": \"99500\", \"peak\": \"60300\", \"valley\": \"39200\"}",
           FALSE, FALSE, NULL);
  /* 250 after 99,500 is lower: refused unless a confirmed rollover */
  reading (f, "T", "2026-03-31", "{\"total\": \"250\", \"peak\": \"60500\", \"valley\": \"39250\"}",
           FALSE, FALSE, "rollover");
  reading (f, "T", "2026-03-31", "{\"total\": \"250\", \"peak\": \"60500\", \"valley\": \"39250\"}",
           TRUE, FALSE, NULL);
  /* a rollover needs the meter's digits */
  reading (f, "N", "2026-01-31", "{\"total\": \"500\"}", FALSE, FALSE, NULL);
  reading (f, "N", "2026-02-28", "{\"total\": \"20\"}", TRUE, FALSE, "rollover");

  list = pw_meter_list (f->store, f->park, &error);
  g_assert_no_error (error);
  last = json_object_get_object_member (json_array_get_object_element (list, 1), "last_reading");
  g_assert_cmpstr (json_object_get_string_member (last, "date"), ==, "2026-03-31");
  g_assert_true (json_object_get_boolean_member (last, "rollover"));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE entity = 'meter_reading'"), ==, 4);
}

/* A reading far outside its history: the intervals 100, 110, 90, 100, 120, 100 have a
 * median of (100 + 100) ÷ 2 = 100; 301 used is more than 3 × 100 and needs
 * confirming; 300 is not more and passes. */
static void
test_unusual_reading (Fixture *f, gconstpointer data)
{
  static const char *const totals[] = { "1000", "1100", "1210", "1300", "1400", "1520", "1620" };

  add_meter (f, "{\"code\": \"W\", \"kind\": \"water\"}");
  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      g_autofree char *date = g_strdup_printf ("2026-%02u-28", i + 1);
      g_autofree char *v = g_strdup_printf ("{\"total\": \"%s\"}", totals[i]);

      reading (f, "W", date, v, FALSE, FALSE, NULL);
    }
  reading (f, "W", "2026-08-28", "{\"total\": \"1921\"}", FALSE, FALSE, "confirmed");
  reading (f, "W", "2026-08-28", "{\"total\": \"1920\"}", FALSE, FALSE, NULL);
  reading (f, "W", "2026-09-28", "{\"total\": \"2500\"}", FALSE, FALSE, "confirmed");
  reading (f, "W", "2026-09-28", "{\"total\": \"2500\"}", FALSE, TRUE, NULL);
}

/* A meter changed mid-month: the old one read 1,000 on 31 Jan and 1,100 when it came
 * out on 15 Feb (multiplier 2); the new one opened at 0 and read 50 on 28 Feb
 * (multiplier 3). February: (1,100 − 1,000) × 2 + (50 − 0) × 3 = 200 + 150 = 350. */
static void
test_replacement (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) low = obj ("{\"total\": \"900\"}");
  g_autoptr(JsonObject) final = obj ("{\"total\": \"1100\"}");
  g_autoptr(JsonObject) opening = obj ("{\"total\": \"0\"}");
  g_autoptr(PwUtilityResult) r = NULL;
  g_autofree char *q = NULL;
  const PwUtilityUsage *u;

  add_meter (f, "{\"code\": \"M\", \"kind\": \"electricity\", \"multiplier\": \"2\"}");
  reading (f, "M", "2026-01-31", "{\"total\": \"1000\"}", FALSE, FALSE, NULL);
  /* a final reading below the last one is refused */
  g_assert_false (pw_meter_replace (f->store, f->park, "M", "2026-02-15", low, opening, NULL,
                                    NULL, &error));
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "final");
  g_clear_error (&error);
  g_assert_true (pw_meter_replace (f->store, f->park, "M", "2026-02-15", final, opening,
                                   "SN-NEW", "3", &error));
  g_assert_no_error (error);
  /* 50 is below 1,000, but the new meter opened at 0 */
  reading (f, "M", "2026-02-28", "{\"total\": \"50\"}", FALSE, FALSE, NULL);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM meter WHERE serial = 'SN-NEW'"
                                 " AND multiplier = '3'"), ==, 1);

  r = pw_meter_compute (f->store, f->park, 2026, 2, &error);
  g_assert_no_error (error);
  u = usage_of (r, "M");
  g_assert_true (u->known);
  g_assert_true (u->replaced);
  q = dec (u->quantity);
  g_assert_cmpstr (q, ==, "350");
}

/* The CSV import names every bad row and writes nothing until all are good. */
static void
test_import_preview (Fixture *f, gconstpointer data)
{
  static const char bad[] =
    "meter,date,register,value,rollover\n"          /* 1 */
    "A,2026-01-31,,100\n"                           /* 2 good */
    "NOPE,2026-01-31,,100\n"                        /* 3 meter */
    "A,2026-02-30,,120\n"                           /* 4 date */
    "B,2026-01-31,total,abc\n"                      /* 5 value */
    "B,2026-01-31,peak,5\n"                         /* 6: its reading is bad (line 5) */
    "A,2026-03-31,,90\n"                            /* 7 lower than 100: rollover */
    "A,2026-04-30,,110,maybe\n"                     /* 8 rollover */
    "B,2026-02-28,total,10\n"                       /* 9 register peak missing */
    "B,2026-03-31,flat,1\n";                        /* 10 register */
  static const char good[] =
    "\xef\xbb\xbfMeter,Date,Register,Value\r\n"
    "A,2026-01-31,,100\r\n"
    "B,2026-01-31,total,10\r\n"
    "B,2026-01-31,peak,4\r\n"
    "A,2026-02-28,,130\r\n"
    "B,2026-02-28,total,15\r\n"
    "B,2026-02-28,peak,6\r\n";
  static const struct { guint line; const char *field; } want[] = {
    { 3, "meter" }, { 4, "date" }, { 5, "value" }, { 7, "rollover" }, { 8, "rollover" },
    { 9, "register" }, { 10, "register" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwReadingImport) imp = NULL;
  gint64 audit;

  add_meter (f, "{\"code\": \"A\", \"kind\": \"water\"}");
  add_meter (f, "{\"code\": \"B\", \"kind\": \"electricity\", \"registers\": [\"peak\"]}");
  audit = pw_store_count (f->store, "audit");

  imp = pw_reading_import (f->store, f->park, bad, strlen (bad), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imp->n_rows, ==, 9);
  for (guint i = 0; i < imp->problems->len; i++)
    {
      PwCsvProblem *p = g_ptr_array_index (imp->problems, i);
      g_test_message ("line %u %s: %s", p->line, p->field, p->message);
    }
  g_assert_cmpuint (imp->problems->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      PwCsvProblem *p = g_ptr_array_index (imp->problems, i);

      g_assert_cmpuint (p->line, ==, want[i].line);
      g_assert_cmpstr (p->field, ==, want[i].field);
      g_assert_nonnull (p->message);
    }
  /* the meter's column is the first */
  g_assert_cmpuint (((PwCsvProblem *) g_ptr_array_index (imp->problems, 0))->column, ==, 1);
  g_assert_cmpuint (imp->n_written, ==, 0);
  g_assert_cmpint (pw_store_count (f->store, "meter_reading"), ==, 0);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);
  g_clear_pointer (&imp, pw_reading_import_free);

  /* the good ones only, when asked: A 2026-01-31 (line 2) */
  imp = pw_reading_import (f->store, f->park, bad, strlen (bad), PW_READING_IMPORT_GOOD_ONLY,
                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imp->n_written, ==, 1);
  g_assert_cmpint (pw_store_count (f->store, "meter_reading"), ==, 1);
  g_clear_pointer (&imp, pw_reading_import_free);

  /* a dry run of a good file: would write 3 (A on 2026-01-31 is there already: 1 problem) */
  imp = pw_reading_import (f->store, f->park, good, strlen (good), PW_READING_IMPORT_DRY_RUN,
                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imp->n_readings, ==, 4);
  g_assert_cmpuint (imp->problems->len, ==, 1);
  g_assert_cmpstr (((PwCsvProblem *) g_ptr_array_index (imp->problems, 0))->field, ==, "date");
  g_assert_cmpuint (imp->n_good, ==, 3);
  g_assert_cmpint (pw_store_count (f->store, "meter_reading"), ==, 1);
  g_clear_pointer (&imp, pw_reading_import_free);

  /* the file without the reading already there is written whole, through the mutation path */
  imp = pw_reading_import (f->store, f->park, good + 0, strlen (good),
                           PW_READING_IMPORT_GOOD_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imp->n_written, ==, 3);
  g_assert_cmpint (pw_store_count (f->store, "meter_reading"), ==, 4);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM meter_reading WHERE source = 'import'"),
                   ==, 4);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE entity = 'meter_reading'"),
                   ==, 4);

  /* no header that says which column is which */
  g_clear_pointer (&imp, pw_reading_import_free);
  imp = pw_reading_import (f->store, f->park, "a,b\n1,2\n", 8, 0, &error);
  g_assert_null (imp);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_CSV);
}

/* A tariff's definition is checked as the utility file's tariffs[] member. */
static void
test_tariff_validator (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = obj ("{\"code\": \"T\", \"kind\": \"tiered\", \"basis\": \"monthly\","
                                 " \"tiers\": [{\"up_to\": \"10\", \"price\": \"1\"},"
                                 " {\"up_to\": \"5\", \"price\": \"2\"}, {\"price\": \"3\"}],"
                                 " \"tax_code\": \"vat9\"}");
  g_autoptr(JsonObject) good = obj ("{\"code\": \"T\", \"kind\": \"flat\", \"price\": \"1\","
                                    " \"tax_code\": \"vat9\"}");
  g_autoptr(JsonObject) other = obj ("{\"code\": \"U\", \"kind\": \"flat\", \"price\": \"1\","
                                     " \"tax_code\": \"vat9\"}");
  g_autofree char *id = pw_tariff_add (f->store, f->park, o, "0.09", &error);

  g_assert_null (id);
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "definition");
  g_clear_error (&error);
  id = pw_tariff_add (f->store, f->park, good, "1.5", &error);
  g_assert_null (id);
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "tax_rate");
  g_clear_error (&error);
  id = pw_tariff_add (f->store, f->park, good, "0.09", &error);
  g_assert_no_error (error);
  g_clear_pointer (&id, g_free);
  /* vat9 is 0.09 from that day: another rate is refused */
  id = pw_tariff_add (f->store, f->park, other, "0.06", &error);
  g_assert_null (id);
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "tax_rate");
}

/* Clearing the ledger (the app's "start again from the demo") removes meters, sub-meters
 * before their master, with their readings, tariffs and loss rules. */
static void
test_clear (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) def = obj ("{\"code\": \"E\", \"kind\": \"flat\", \"price\": \"1\","
                                   " \"tax_code\": \"vat13\"}");
  g_autofree char *tariff = pw_tariff_add (f->store, f->park, def, "0.13", &error);

  g_assert_no_error (error);
  g_assert_nonnull (tariff);
  add_meter (f, "{\"code\": \"A-SUB\", \"kind\": \"water\"}");
  add_meter (f, "{\"code\": \"Z-MAIN\", \"kind\": \"electricity\", \"tariff\": \"E\"}");
  add_meter (f, "{\"code\": \"B-SUB\", \"kind\": \"electricity\", \"master\": \"Z-MAIN\"}");
  g_assert_true (pw_meter_loss_set (f->store, f->park, "Z-MAIN", "consumption", NULL, &error));
  g_assert_no_error (error);
  reading (f, "B-SUB", "2026-01-31", "{\"total\": \"1\"}", FALSE, FALSE, NULL);
  g_assert_true (pw_ledger_clear (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (f->store, "meter"), ==, 0);
  g_assert_cmpint (pw_store_count (f->store, "meter_reading"), ==, 0);
  g_assert_cmpint (pw_store_count (f->store, "tariff"), ==, 0);
}

/* Changing a meter: its fields by code, refused as an insert would be; a meter taken out
 * of use is left out of the month computed. */
static void
test_update (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) bad = obj ("{\"kind\": \"steam\"}");
  g_autoptr(JsonObject) move = obj ("{\"route_order\": 7, \"serial\": \"SN-9\","
                                    " \"location\": \"B1-F01-003\"}");
  g_autoptr(JsonObject) off = obj ("{\"active\": false}");
  g_autoptr(PwUtilityResult) r = NULL;
  g_autoptr(JsonArray) list = NULL;
  JsonObject *m;

  add_meter (f, "{\"code\": \"U\", \"kind\": \"water\"}");
  add_meter (f, "{\"code\": \"V\", \"kind\": \"water\"}");
  g_assert_false (pw_meter_update (f->store, f->park, "U", bad, &error));
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "kind");
  g_clear_error (&error);
  g_assert_false (pw_meter_update (f->store, f->park, "NONE", move, &error));
  g_clear_error (&error);
  g_assert_true (pw_meter_update (f->store, f->park, "U", move, &error));
  g_assert_no_error (error);
  list = pw_meter_list (f->store, f->park, &error);
  m = json_array_get_object_element (list, 1);
  g_assert_cmpstr (json_object_get_string_member (m, "code"), ==, "U");
  g_assert_cmpstr (json_object_get_string_member (m, "serial"), ==, "SN-9");
  g_assert_cmpstr (json_object_get_string_member (m, "location"), ==, "B1-F01-003");
  g_assert_true (pw_meter_update (f->store, f->park, "V", off, &error));
  g_assert_no_error (error);
  r = pw_meter_compute (f->store, f->park, 2026, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->usages->len, ==, 1);
  g_assert_cmpstr (((PwUtilityUsage *) g_ptr_array_index (r->usages, 0))->meter, ==, "U");
}

/* An import judges each reading by the meter's history in the store and the rows before
 * it in the file, read once for the whole import: W has four readings by hand (intervals
 * 100, 110, 90), the file brings three more (100, 120, 100): the last six intervals are
 * 110, 90, 100, 120, 100 and the 100 before them, median 100, so 301 more on 2026-08-28 is
 * over 3 × 100 and needs confirming; 2026-02-28 is there already. With the good ones only,
 * 2026-09-28 (380 more than 2026-07-28, the last reading written, but confirmed) is
 * written. */
static void
test_import_history (Fixture *f, gconstpointer data)
{
  static const char *const totals[] = { "1000", "1100", "1210", "1300" };
  static const char csv[] =
    "meter,date,value,confirmed\n"   /* 1 */
    "W,2026-02-28,1100,\n"           /* 2: there already */
    "W,2026-05-28,1400,\n"           /* 3 */
    "W,2026-06-28,1520,\n"           /* 4 */
    "W,2026-07-28,1620,\n"           /* 5 */
    "W,2026-08-28,1921,\n"           /* 6: 301 > 3 × 100 */
    "W,2026-09-28,2000,yes\n";       /* 7: confirmed */
  g_autoptr(GError) error = NULL;
  g_autoptr(PwReadingImport) imp = NULL;
  const PwCsvProblem *p;

  add_meter (f, "{\"code\": \"W\", \"kind\": \"water\"}");
  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      g_autofree char *date = g_strdup_printf ("2026-%02u-28", i + 1);
      g_autofree char *v = g_strdup_printf ("{\"total\": \"%s\"}", totals[i]);

      reading (f, "W", date, v, FALSE, FALSE, NULL);
    }
  imp = pw_reading_import (f->store, f->park, csv, strlen (csv), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imp->n_written, ==, 0);
  g_assert_cmpuint (imp->n_good, ==, 4);
  g_assert_cmpuint (imp->problems->len, ==, 2);
  p = g_ptr_array_index (imp->problems, 0);
  g_assert_cmpuint (p->line, ==, 2);
  g_assert_cmpstr (p->field, ==, "date");
  p = g_ptr_array_index (imp->problems, 1);
  g_assert_cmpuint (p->line, ==, 6);
  g_assert_cmpstr (p->field, ==, "confirmed");
  g_assert_nonnull (strstr (p->message, "median 100"));
  g_assert_cmpint (pw_store_count (f->store, "meter_reading"), ==, 4);
  g_clear_pointer (&imp, pw_reading_import_free);

  imp = pw_reading_import (f->store, f->park, csv, strlen (csv), PW_READING_IMPORT_GOOD_ONLY,
                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imp->n_written, ==, 4);
  g_assert_cmpuint (imp->problems->len, ==, 2);
  g_assert_cmpint (pw_store_count (f->store, "meter_reading"), ==, 8);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM meter_reading WHERE date = '2026-08-28'"),
                   ==, 0);
  g_assert_cmpint (query_int (f, "SELECT confirmed FROM meter_reading WHERE date = '2026-09-28'"),
                   ==, 1);
}

/* The same month computed from the store straight into the engine (what a bill run
 * does) and from the month written as the JSON file `parkwise-cli utility` reads: every
 * usage, line (amounts, quantity, tax, explanation) and problem is the same. The demo
 * park has a master meter with sub-meters, metered common use and a loss shared by
 * area, a time-of-use meter with registers and a tiered water meter. */
static void
assert_same_month (PwStore *store, const char *park, guint year, guint month)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwUtilityResult) direct = pw_meter_compute (store, park, year, month, &error);
  g_autofree char *json = NULL;
  g_autoptr(PwUtilityInput) in = NULL;
  g_autoptr(PwUtilityResult) file = NULL;

  g_assert_no_error (error);
  json = pw_meter_utility_json (store, park, year, month, &error);
  g_assert_no_error (error);
  in = pw_utility_input_load_data (json, strlen (json), "month.json", &error);
  g_assert_no_error (error);
  file = pw_utility_compute (in, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (direct->charges->len, >, 0);
  g_assert_cmpuint (direct->usages->len, ==, file->usages->len);
  g_assert_cmpuint (direct->charges->len, ==, file->charges->len);
  g_assert_cmpuint (direct->problems->len, ==, file->problems->len);
  g_assert_cmpint (direct->gross, ==, file->gross);
  g_assert_cmpint (direct->net, ==, file->net);
  g_assert_cmpint (direct->tax, ==, file->tax);
  g_assert_cmpint (direct->held_gross, ==, file->held_gross);
  for (guint i = 0; i < direct->usages->len; i++)
    {
      const PwUtilityUsage *a = g_ptr_array_index (direct->usages, i);
      const PwUtilityUsage *b = g_ptr_array_index (file->usages, i);

      g_assert_cmpstr (a->meter, ==, b->meter);
      g_assert_cmpint (a->known, ==, b->known);
      g_assert_cmpint (pw_decimal_cmp (a->quantity, b->quantity), ==, 0);
      g_assert_cmpint (a->rolled_over, ==, b->rolled_over);
      g_assert_cmpint (a->replaced, ==, b->replaced);
      g_assert_cmpint (a->flagged, ==, b->flagged);
    }
  for (guint i = 0; i < direct->charges->len; i++)
    {
      const PwUtilityCharge *a = g_ptr_array_index (direct->charges, i);
      const PwUtilityCharge *b = g_ptr_array_index (file->charges, i);

      g_assert_cmpint (a->kind, ==, b->kind);
      g_assert_cmpstr (a->key, ==, b->key);
      g_assert_cmpstr (a->meter, ==, b->meter);
      g_assert_cmpstr (a->customer, ==, b->customer);
      g_assert_cmpstr (a->tariff, ==, b->tariff);
      g_assert_cmpstr (a->tax_code, ==, b->tax_code);
      g_assert_cmpint (pw_decimal_cmp (a->tax_rate, b->tax_rate), ==, 0);
      g_assert_cmpint (pw_decimal_cmp (a->quantity, b->quantity), ==, 0);
      g_assert_cmpstr (a->unit, ==, b->unit);
      g_assert_cmpint (a->gross, ==, b->gross);
      g_assert_cmpint (a->net, ==, b->net);
      g_assert_cmpint (a->tax, ==, b->tax);
      g_assert_cmpint (a->held, ==, b->held);
      g_assert_cmpstr (a->explanation, ==, b->explanation);
      g_assert_true ((a->spaces == NULL) == (b->spaces == NULL));
      if (a->spaces != NULL)
        g_assert_true (g_strv_equal ((const char *const *) a->spaces,
                                     (const char *const *) b->spaces));
    }
  for (guint i = 0; i < direct->problems->len; i++)
    {
      const PwUtilityProblem *a = g_ptr_array_index (direct->problems, i);
      const PwUtilityProblem *b = g_ptr_array_index (file->problems, i);

      g_assert_cmpint (a->kind, ==, b->kind);
      g_assert_cmpstr (a->meter, ==, b->meter);
      g_assert_cmpstr (a->message, ==, b->message);
    }
}

static void
test_both_ways (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("parkwise-meters-both-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "park.db", NULL);
  g_autoptr(PwStore) store = pw_store_open (path, &error);
  g_autoptr(JsonArray) meters = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_months (now, -1);
  g_autofree char *park_id = NULL;
  guint year = g_date_time_get_year (then), month = g_date_time_get_month (then);

  g_assert_no_error (error);
  pw_ledger_attach (store);
  pw_store_set_actor (store, "tester");
  g_assert_true (pw_demo_seed (store, &error));
  g_assert_no_error (error);
  park_id = g_strdup (pw_ledger_first_park_id (store));
  g_assert_nonnull (park_id);
  meters = pw_meter_list (store, park_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (meters), >=, 4);

  /* the months with the demo's readings as they are */
  assert_same_month (store, park_id, year, month);
  {
    g_autoptr(GDateTime) before = g_date_time_add_months (now, -3);

    assert_same_month (store, park_id, g_date_time_get_year (before),
                       g_date_time_get_month (before));
  }
  g_clear_object (&store);
  {
    static const char *const suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

        g_unlink (file);
      }
    g_rmdir (dir);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/meters/meter-validator", test_meter_validator);
  ADD ("/meters/reading-rules", test_reading_rules);
  ADD ("/meters/unusual-reading", test_unusual_reading);
  ADD ("/meters/replacement", test_replacement);
  ADD ("/meters/import-preview", test_import_preview);
  ADD ("/meters/tariff-validator", test_tariff_validator);
  ADD ("/meters/clear", test_clear);
  ADD ("/meters/update", test_update);
  ADD ("/meters/import-history", test_import_history);
  g_test_add_func ("/meters/both-ways", test_both_ways);
  return g_test_run ();
}
