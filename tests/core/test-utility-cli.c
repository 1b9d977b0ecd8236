/* test-utility-cli.c — parkwise-cli utility FILE.json [--json] (argv[1] is the program)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixtures are the JSON files in tests/data/utility; park.json's figures are worked out in
 * tests/core/test-utility.c's examples 4, 7, 8 and 12 and in docs/utility-rules.md. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "../cli-run.h"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "utility", name, NULL);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
charge (JsonArray *charges, const char *key)
{
  for (guint i = 0; i < json_array_get_length (charges); i++)
    {
      JsonObject *c = json_array_get_object_element (charges, i);

      if (g_str_equal (json_object_get_string_member (c, "key"), key))
        return c;
    }
  g_assert_not_reached ();
}

/* The park's month as text: each line with its explanation, the problem, the totals.
 *   TOU 3,500 kWh 2,531.99; flat 1,250 kWh 937.50; rollover 750 kWh 562.50;
 *   water 235 m³: 1,198.50 net + 107.87 tax = 1,306.37;
 *   loss (160 × 40 = 6,400) − 5,500 − 300 = 600 kWh × 0.75 = 450.00 by area
 *   120.50 : 86.40 : 64.00 → 200.17 + 143.52 + 106.31;
 *   total gross 2,531.99 + 937.50 + 562.50 + 1,306.37 + 450.00 = 5,788.36. */
static void
test_text (void)
{
  g_auto(Run) run = { 0, };
  g_autofree char *park = fixture ("park.json");

  g_assert_cmpint (run_cli (&run, "utility", park, NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, "T1-F03-008 electricity Nov 2026: peak 1,234 kWh × 1.0850 "
                                     "+ flat 1,000 kWh × 0.7500 + valley 1,266 kWh × 0.3500"));
  g_assert_nonnull (strstr (run.out, "the dial went round"));
  g_assert_nonnull (strstr (run.out, "T1 loss Nov 2026: master 6,400 (160 × 40) − sub-meters 5,500 "
                                     "− common use 300 = 600 kWh × 0.7500 = 450.00"));
  g_assert_nonnull (strstr (run.out, "missing_reading: T1-F02-002 water: no reading in Nov 2026"));
  g_assert_nonnull (strstr (run.out, "Total gross:  CNY 5,788.36"));
}

static void
test_json (void)
{
  g_auto(Run) run = { 0, };
  g_autofree char *park = fixture ("park.json");
  g_autoptr(JsonObject) out = NULL;
  JsonArray *charges, *problems;
  JsonObject *totals, *usage;
  gint64 loss = 0;

  g_assert_cmpint (run_cli (&run, "utility", park, "--json", NULL), ==, 0);
  out = parse_object (run.out);
  g_assert_cmpstr (json_object_get_string_member (out, "period"), ==, "2026-11");
  charges = json_object_get_array_member (out, "charges");
  g_assert_cmpuint (json_array_get_length (charges), ==, 7);
  g_assert_cmpint (json_object_get_int_member (charge (charges, "consumption/E-T1-F03-008/2026-11"),
                                               "gross"), ==, 253199);
  g_assert_cmpint (json_object_get_int_member (charge (charges, "consumption/E-T1-F03-008/2026-11"),
                                               "net"), ==, 224070);
  g_assert_cmpint (json_object_get_int_member (charge (charges, "consumption/W-T1-F02-001/2026-11"),
                                               "tax"), ==, 10787);
  g_assert_cmpstr (json_object_get_string_member (charge (charges, "consumption/E-T1-F02-002/2026-11"),
                                                  "quantity"), ==, "750");
  g_assert_cmpstr (json_array_get_string_element (
                     json_object_get_array_member (charge (charges, "consumption/E-T1-F03-008/2026-11"),
                                                   "spaces"), 0), ==, "T1-F03-008");
  for (guint i = 0; i < json_array_get_length (charges); i++)
    {
      JsonObject *c = json_array_get_object_element (charges, i);

      if (g_str_equal (json_object_get_string_member (c, "kind"), "loss"))
        loss += json_object_get_int_member (c, "gross");
    }
  g_assert_cmpint (loss, ==, 45000);
  g_assert_cmpint (json_object_get_int_member (charge (charges, "loss/E-T1-MAIN/E-T1-F03-008/2026-11"),
                                               "gross"), ==, 20017);
  usage = json_array_get_object_element (json_object_get_array_member (out, "usages"), 0);
  g_assert_cmpstr (json_object_get_string_member (usage, "meter"), ==, "E-T1-MAIN");
  g_assert_cmpstr (json_object_get_string_member (usage, "opening"), ==, "1000");
  g_assert_cmpstr (json_object_get_string_member (usage, "closing"), ==, "1160");
  g_assert_cmpstr (json_object_get_string_member (usage, "quantity"), ==, "6400");
  problems = json_object_get_array_member (out, "problems");
  g_assert_cmpuint (json_array_get_length (problems), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (problems, 0),
                                                  "kind"), ==, "missing_reading");
  totals = json_object_get_object_member (out, "totals");
  g_assert_cmpint (json_object_get_int_member (totals, "gross"), ==, 578836);
}

/* In Chinese: the month, the registers and the words of the explanation are
 * translated; the figures and units are not. */
static void
test_chinese (void)
{
  g_auto(Run) run = { 0, };
  g_autofree char *park = fixture ("park.json");
  g_autofree char *language = g_strdup (g_getenv ("LANGUAGE"));

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_assert_cmpint (run_cli (&run, "utility", park, NULL), ==, 0);
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  g_assert_nonnull (strstr (run.out, "T1-F03-008 电 2026年11月：峰 1,234 kWh × 1.0850 + "
                                     "平 1,000 kWh × 0.7500 + 谷 1,266 kWh × 0.3500"));
  g_assert_nonnull (strstr (run.out, "表盘已翻转"));
  g_assert_nonnull (strstr (run.out, "按面积分摊"));
}

/* A refused file exits 1 and names the line and the member. */
static void
test_refused (void)
{
  g_auto(Run) run = { 0, };
  g_autofree char *ratio = fixture ("refused-ratio.json");
  g_autofree char *tariff = fixture ("refused-tariff.json");
  g_autoptr(JsonObject) out = NULL;

  g_assert_cmpint (run_cli (&run, "utility", ratio, NULL), ==, 1);
  g_assert_nonnull (strstr (run.err, "refused-ratio.json:9: meters[1].ct: "));
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpint (run_cli (&run, "utility", tariff, "--json", NULL), ==, 1);
  out = parse_object (run.out);
  g_assert_cmpstr (json_object_get_string_member (out, "field"), ==, "meters[0].tariff");
  g_assert_nonnull (strstr (json_object_get_string_member (out, "error"),
                            "refused-tariff.json:8: meters[0].tariff: no tariff “E-NIGHT”"));
  g_assert_cmpint (run_cli (&run, "utility", NULL), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cli_path = argv[1];
  g_test_add_func ("/utility-cli/text", test_text);
  g_test_add_func ("/utility-cli/json", test_json);
  g_test_add_func ("/utility-cli/chinese", test_chinese);
  g_test_add_func ("/utility-cli/refused", test_refused);
  return g_test_run ();
}
