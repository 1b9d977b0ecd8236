/* test-csv-import.c — what pw_csv_import_prepare() accepts and refuses
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every malformed file must name the line and column of its first problem and
 * leave the store exactly as it was, even when commit is attempted anyway. */
#include "config.h"

#include <string.h>

#include "csv-fixture.h"

#define HEADER "code,building,floor,kind,name,status,internal_area,usable_area,leasable,notes,outline\n"
#define GOOD2  "A-A1-001,A,A1,office,Room 1,available,50.00,45.00,true,,\n"
#define GOOD3  "A-A1-002,A,A1,office,Room 2,leased,60.00,55.00,true,,\n"

typedef struct
{
  const char *path;    /* test name */
  const char *csv;
  guint       line;    /* of the first problem; 0 = prepare must fail with an error */
  guint       column;
  const char *field;   /* NULL: the problem has no field */
  const char *message; /* a substring of the message (or error), or NULL */
} BadCase;

static const BadCase bad_cases[] = {
  { "/csv/bad/not-utf8", HEADER GOOD2 "A-A1-002,A,A1,office,R\xff" "2,,50,,,,\n",
    0, 0, NULL, "line 3" },
  { "/csv/bad/nul-byte", HEADER GOOD2 "A-A1-002,A,A1,office,R\0" "2,,50,,,,\n",
    0, 0, NULL, "line 3" },
  { "/csv/bad/empty-file", "", 0, 0, NULL, "empty" },
  { "/csv/bad/blank-lines-only", "\n\r\n\n", 0, 0, NULL, "empty" },
  { "/csv/bad/missing-required-column",
    "code,building,floor,kind,name\nA-A1-001,A,A1,office,Room\n",
    1, 0, "internal_area", "missing" },
  { "/csv/bad/unknown-column",
    "code,building,colour,floor,kind,internal_area\nA-A1-001,A,red,A1,office,50\n",
    1, 3, "colour", "colour" },
  { "/csv/bad/duplicate-column",
    "code,building,floor,kind,internal_area,Code\nA-A1-001,A,A1,office,50,x\n",
    1, 6, "code", "twice" },
  { "/csv/bad/missing-value", HEADER GOOD2 ",A,A1,office,Room,,50,,,,\n",
    3, 1, "code", "required" },
  { "/csv/bad/missing-internal-area", HEADER GOOD2 "A-A1-002,A,A1,office,Room,,,,,,\n",
    3, 7, "internal_area", "required" },
  { "/csv/bad/bad-number", HEADER GOOD2 "A-A1-002,A,A1,office,Room,,5o.00,,,,\n",
    3, 7, "internal_area", "not a number" },
  { "/csv/bad/thousands-comma", HEADER "A-A1-001,A,A1,office,Room,,\"1,250.00\",,,,\n",
    2, 7, "internal_area", "comma" },
  { "/csv/bad/too-many-decimals", HEADER "A-A1-001,A,A1,office,Room,,50.123,,,,\n",
    2, 7, "internal_area", "decimals" },
  { "/csv/bad/negative-area", HEADER GOOD2 GOOD3 "A-A1-003,A,A1,office,Room,,50,-5,,,\n",
    4, 8, "usable_area", "negative" },
  { "/csv/bad/usable-above-internal", HEADER "A-A1-001,A,A1,office,Room,,50.00,50.01,,,\n",
    2, 8, "usable_area", "larger" },
  { "/csv/bad/duplicate-code", HEADER GOOD2 GOOD3 "A-A1-001,A,A1,office,Again,,50,,,,\n",
    4, 1, "code", "line 2" },
  { "/csv/bad/unknown-building", HEADER GOOD2 "Z-A1-002,Z,A1,office,Room,,50,,,,\n",
    3, 2, "building", "Z" },
  { "/csv/bad/unknown-floor", HEADER GOOD2 "A-Z9-002,A,Z9,office,Room,,50,,,,\n",
    3, 3, "floor", "Z9" },
  { "/csv/bad/floor-of-other-building", HEADER "A-B1-001,A,B1,office,Room,,50,,,,\n",
    2, 3, "floor", "building" },
  { "/csv/bad/unknown-kind", HEADER "A-A1-001,A,A1,castle,Room,,50,,,,\n",
    2, 4, "kind", "castle" },
  { "/csv/bad/unknown-status", HEADER "A-A1-001,A,A1,office,Room,sold,50,,,,\n",
    2, 6, "status", "sold" },
  { "/csv/bad/bad-boolean", HEADER "A-A1-001,A,A1,office,Room,,50,,maybe,,\n",
    2, 9, "leasable", "maybe" },
  { "/csv/bad/unknown-pool", "code,building,floor,kind,internal_area,pool_level\n"
    "A-A1-001,A,A1,common_area,20,park\n", 2, 6, "pool_level", "park" },
  { "/csv/bad/pool-on-office", "code,building,floor,kind,internal_area,pool_level\n"
    "A-A1-001,A,A1,office,20,floor\n", 2, 6, "pool_level", NULL },
  { "/csv/bad/unknown-basis", "code,building,floor,kind,internal_area,area_basis\n"
    "A-A1-001,A,A1,office,20,net\n", 2, 6, "area_basis", "net" },
  { "/csv/bad/unterminated-quote", HEADER GOOD2 "A-A1-002,A,A1,office,Room,,50,,,\"open notes\n"
    "A-A1-003,A,A1,office,Room,,50,,,,\n", 3, 10, "notes", "never closed" },
  { "/csv/bad/stray-quote", HEADER "A-A1-001,A,A1,office,Room \"5\",,50,,,,\n",
    2, 5, "name", "quote" },
  { "/csv/bad/text-after-quote", HEADER "A-A1-001,A,A1,office,\"Room\" 5,,50,,,,\n",
    2, 5, "name", "closing quote" },
  { "/csv/bad/too-few-fields", HEADER GOOD2 "A-A1-002,A,A1,office,Room,,50,,\n",
    3, 10, NULL, "9 fields" },
  { "/csv/bad/too-many-fields", HEADER "A-A1-001,A,A1,office,Room,,50,,,,,extra\n",
    2, 12, NULL, "12 fields" },
  { "/csv/bad/code-against-pattern", HEADER GOOD2 "A-A2-002,A,A1,office,Room,,50,,,,\n",
    3, 1, "code", NULL },
  { "/csv/bad/code-invalid-characters", HEADER "A A1 001,A,A1,office,Room,,50,,,,\n",
    2, 1, "code", "space" },
  { "/csv/bad/outline-not-json", HEADER "A-A1-001,A,A1,office,Room,,50,,,,\"{\"\"outer\"\": [\"\n",
    2, 11, "outline", "JSON" },
  { "/csv/bad/outline-not-polygon", HEADER "A-A1-001,A,A1,office,Room,,50,,,,"
    "\"{\"\"outer\"\": [[0,0],[1,0]]}\"\n", 2, 11, "outline", NULL },
  { "/csv/bad/after-embedded-newline", HEADER "A-A1-001,A,A1,office,Room,,50,,,\"two\nlines\",\n"
    "A-A1-002,A,A1,office,Room,,50,,oui,,\n", 4, 9, "leasable", "oui" },
  { "/csv/bad/name-too-long", "code,building,floor,kind,internal_area,name\n"
    "A-A1-001,A,A1,office,20,"
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    "x\n", 2, 6, "name", NULL },
};

/* The counts before, the import, and the guarantee that nothing was written. */
static void
check_nothing_written (Fixture *fx, PwCsvImport *import, const Counts *before)
{
  g_autoptr(GError) error = NULL;
  Counts after;

  if (import != NULL)
    {
      g_assert_false (pw_csv_import_commit (import, &error));
      g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_CSV);
    }
  counts_take (fx->store, &after);
  assert_counts_equal (before, &after);
}

static void
test_bad (Fixture *fx, gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCsvImport) import = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len = strlen (c->csv);
  GPtrArray *problems;
  PwCsvProblem *first;
  Counts before;

  /* the NUL case: the literal holds a NUL, so measure it by its known tail */
  if (strstr (c->path, "nul-byte") != NULL)
    len += 1 + strlen (c->csv + len + 1);

  counts_take (fx->store, &before);
  bytes = g_bytes_new (c->csv, len);
  import = pw_csv_import_prepare (fx->store, fx->park_id, bytes, "test.csv", &error);

  if (c->line == 0)
    {
      g_assert_null (import);
      g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_CSV);
      if (c->message)
        g_assert_nonnull (strstr (error->message, c->message));
      check_nothing_written (fx, NULL, &before);
      return;
    }

  g_assert_no_error (error);
  g_assert_nonnull (import);
  problems = pw_csv_import_get_problems (import);
  g_assert_cmpuint (problems->len, >=, 1);
  first = problems->pdata[0];
  if (g_test_verbose ())
    for (guint i = 0; i < problems->len; i++)
      {
        PwCsvProblem *p = problems->pdata[i];
        g_test_message ("%u:%u: %s: %s", p->line, p->column, p->field, p->message);
      }
  g_assert_cmpuint (first->line, ==, c->line);
  g_assert_cmpuint (first->column, ==, c->column);
  g_assert_cmpstr (first->field, ==, c->field);
  g_assert_nonnull (first->message);
  if (c->message)
    {
      if (strstr (first->message, c->message) == NULL)
        g_error ("“%s” does not mention “%s”", first->message, c->message);
    }
  check_nothing_written (fx, import, &before);
}

static void
test_too_large (Fixture *fx, gconstpointer data)
{
  gsize size = PW_CSV_MAX_FILE_SIZE + 1;
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 (size), size);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCsvImport) import = NULL;
  Counts before;

  counts_take (fx->store, &before);
  import = pw_csv_import_prepare (fx->store, fx->park_id, bytes, "big.csv", &error);
  g_assert_null (import);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_CSV);
  g_assert_nonnull (strstr (error->message, "64 MiB"));
  check_nothing_written (fx, NULL, &before);
}

static void
test_long_line (Fixture *fx, gconstpointer data)
{
  g_autoptr(GString) csv = g_string_new (HEADER GOOD2 "A-A1-002,A,A1,office,Room,,50,,,");
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCsvImport) import = NULL;
  PwCsvProblem *first;
  Counts before;

  for (guint i = 0; i < 1100 * 1024; i++)
    g_string_append_c (csv, 'x');
  g_string_append (csv, ",\n" GOOD3);

  counts_take (fx->store, &before);
  import = fixture_prepare (fx, csv->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_csv_import_get_n_rows (import), ==, 3);
  g_assert_cmpuint (pw_csv_import_get_problems (import)->len, ==, 1);
  first = pw_csv_import_get_problems (import)->pdata[0];
  g_assert_cmpuint (first->line, ==, 3);
  g_assert_cmpuint (first->column, ==, 10);
  g_assert_nonnull (strstr (first->message, "1 MiB"));
  check_nothing_written (fx, import, &before);
}

/* ---- files that must be accepted ---------------------------------------------- */

static PwCsvImport *
prepare_ok (Fixture *fx, const char *csv, gsize len)
{
  g_autoptr(GBytes) bytes = g_bytes_new (csv, len);
  g_autoptr(GError) error = NULL;
  PwCsvImport *import = pw_csv_import_prepare (fx->store, fx->park_id, bytes, "ok.csv", &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  for (guint i = 0; i < pw_csv_import_get_problems (import)->len; i++)
    {
      PwCsvProblem *p = pw_csv_import_get_problems (import)->pdata[i];
      g_test_message ("unexpected problem %u:%u: %s", p->line, p->column, p->message);
    }
  g_assert_cmpuint (pw_csv_import_get_problems (import)->len, ==, 0);
  return import;
}

static void
test_header_only (Fixture *fx, gconstpointer data)
{
  g_autoptr(PwCsvImport) import = prepare_ok (fx, HEADER, strlen (HEADER));
  g_autoptr(GError) error = NULL;
  Counts before, after;

  g_assert_cmpuint (pw_csv_import_get_n_rows (import), ==, 0);
  g_assert_cmpuint (pw_csv_import_get_n_new (import), ==, 0);
  counts_take (fx->store, &before);
  g_assert_true (pw_csv_import_commit (import, &error));
  g_assert_no_error (error);
  counts_take (fx->store, &after);
  assert_counts_equal (&before, &after);
}

static void
test_bom_crlf (Fixture *fx, gconstpointer data)
{
  static const char csv[] =
    "\xEF\xBB\xBF" "Code, Building ,floor,KIND,internal_area,usable_area,takes_share\r\n"
    "A-A1-001,A,A1,office, 86.4 ,80,yes\r\n"
    "\r\n"
    "A-A1-002,A,A1,lab,12,,0\r\n";
  g_autoptr(PwCsvImport) import = prepare_ok (fx, csv, strlen (csv));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = NULL;
  PwSpace *s;

  g_assert_cmpuint (pw_csv_import_get_n_rows (import), ==, 2);
  g_assert_cmpuint (pw_csv_import_get_n_new (import), ==, 2);
  g_assert_true (pw_csv_import_commit (import, &error));
  g_assert_no_error (error);

  spaces = pw_ledger_load_spaces (fx->store, fx->park_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spaces->len, ==, 2);
  s = spaces->pdata[0];
  g_assert_cmpstr (pw_space_get_code (s), ==, "A-A1-001");
  g_assert_cmpint (pw_space_get_internal_area (s), ==, 8640);
  g_assert_cmpint (pw_space_get_usable_area (s), ==, 8000);
  g_assert_true (pw_space_get_takes_share (s));
  g_assert_true (pw_space_get_status (s) == PW_SPACE_STATUS_AVAILABLE);
  s = spaces->pdata[1];
  g_assert_true (pw_space_get_kind (s) == PW_SPACE_KIND_LAB);
  g_assert_false (pw_space_get_takes_share (s));
  g_assert_cmpint (pw_store_count (fx->store, "audit"), ==, pw_store_count (fx->store, "outbox"));
}

static void
test_embedded_newline (Fixture *fx, gconstpointer data)
{
  static const char csv[] =
    "code,building,floor,kind,internal_area,notes,name\n"
    "A-A1-001,A,A1,office,50,\"first line\nsecond, with a comma\r\nand \"\"quotes\"\"\",Room\n"
    "A-A1-002,A,A1,office,50,,\"Trailing, comma\"";  /* no line end at the end of the file */
  g_autoptr(PwCsvImport) import = prepare_ok (fx, csv, strlen (csv));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = NULL;

  g_assert_cmpuint (pw_csv_import_get_n_new (import), ==, 2);
  g_assert_true (pw_csv_import_commit (import, &error));
  g_assert_no_error (error);
  spaces = pw_ledger_load_spaces (fx->store, fx->park_id, &error);
  g_assert_cmpstr (pw_space_get_notes (spaces->pdata[0]), ==,
                   "first line\nsecond, with a comma\r\nand \"quotes\"");
  g_assert_cmpstr (pw_space_get_name (spaces->pdata[0]), ==, "Room");
  g_assert_cmpstr (pw_space_get_name (spaces->pdata[1]), ==, "Trailing, comma");
}

static void
test_all_problems_reported (Fixture *fx, gconstpointer data)
{
  /* three bad rows, one with two problems: every one is listed, in file order */
  static const char csv[] =
    HEADER
    "A-A1-001,A,A1,castle,Room,,50,60,,,\n"
    GOOD3
    "A-A1-003,A,Z9,office,Room,,50,,,,\n"
    "A-A1-004,A,A1,office,Room,,50,,x,,\n";
  g_autoptr(PwCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;
  static const guint expect[][2] = { { 2, 4 }, { 2, 8 }, { 4, 3 }, { 5, 9 } };

  import = fixture_prepare (fx, csv, &error);
  g_assert_no_error (error);
  problems = pw_csv_import_get_problems (import);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expect));
  for (guint i = 0; i < problems->len; i++)
    {
      PwCsvProblem *p = problems->pdata[i];
      g_assert_cmpuint (p->line, ==, expect[i][0]);
      g_assert_cmpuint (p->column, ==, expect[i][1]);
    }
  g_assert_cmpuint (pw_csv_import_get_n_rows (import), ==, 4);
  g_assert_cmpuint (pw_csv_import_get_n_new (import), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    g_test_add (bad_cases[i].path, Fixture, &bad_cases[i], fixture_set_up, test_bad,
                fixture_tear_down);
  g_test_add ("/csv/bad/too-large", Fixture, NULL, fixture_set_up, test_too_large,
              fixture_tear_down);
  g_test_add ("/csv/bad/long-line", Fixture, NULL, fixture_set_up, test_long_line,
              fixture_tear_down);
  g_test_add ("/csv/bad/all-problems-reported", Fixture, NULL, fixture_set_up,
              test_all_problems_reported, fixture_tear_down);
  g_test_add ("/csv/ok/header-only", Fixture, NULL, fixture_set_up, test_header_only,
              fixture_tear_down);
  g_test_add ("/csv/ok/bom-crlf", Fixture, NULL, fixture_set_up, test_bom_crlf,
              fixture_tear_down);
  g_test_add ("/csv/ok/embedded-newline", Fixture, NULL, fixture_set_up, test_embedded_newline,
              fixture_tear_down);
  return g_test_run ();
}
