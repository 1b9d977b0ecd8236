/* pw-cli-meter.c — parkwise-cli meter add|replace|list, reading add|import
 * (docs/cli.md, "Meters and readings"; the rules: docs/meters.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-cli.h"
#include "pw-error.h"
#include "pw-meter.h"
#include "pw-utility.h"

/* "total=1234,peak=500" or "1234" (the total alone) as {"total": "1234", …} */
static JsonObject *
parse_values (const char *text, const char *option, GError **error)
{
  g_autoptr(JsonObject) o = json_object_new ();
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ",", -1);

  for (char **p = parts; *p; p++)
    {
      char *eq = strchr (*p, '=');
      g_autofree char *name = eq ? g_strndup (*p, eq - *p) : g_strdup (PW_UTILITY_TOTAL);
      const char *value = eq ? eq + 1 : *p;

      g_strstrip (name);
      if (*name == '\0' || *value == '\0')
        {
          g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                       _("%s: “%s” is not a reading such as total=1234,peak=500"), option, text);
          return NULL;
        }
      json_object_set_string_member (o, name, value);
    }
  return g_steal_pointer (&o);
}

static void
print_meter_line (JsonObject *m)
{
  JsonNode *last = json_object_get_member (m, "last_reading");
  const char *location = json_object_get_string_member (m, "location");
  const char *customer = json_object_get_string_member (m, "customer");
  g_autofree char *reading = NULL;

  if (last != NULL && JSON_NODE_HOLDS_OBJECT (last))
    {
      JsonObject *r = json_node_get_object (last);
      JsonObject *v = json_object_get_object_member (r, "values");

      /* Translators: a meter's last reading: its date and its total register */
      reading = g_strdup_printf (_("last read %s: %s"), json_object_get_string_member (r, "date"),
                                 json_object_get_string_member (v, PW_UTILITY_TOTAL));
    }
  else
    reading = g_strdup (_("never read"));
  g_print ("%4" G_GINT64_FORMAT "  %-16s %-12s %-14s ×%-6s %-20s %s%s\n",
           json_object_get_int_member (m, "route_order"), json_object_get_string_member (m, "code"),
           json_object_get_string_member (m, "kind"), location ? location : "",
           json_object_get_string_member (m, "multiplier"), customer ? customer : "", reading,
           json_object_get_boolean_member (m, "active") ? "" : _(" (not in use)"));
}

int
cmd_meter_add (int argc, char **argv)
{
  g_auto(CliOptions) opt = { 0 };
  g_autofree char *park_id = NULL, *code = NULL, *kind = NULL;
  g_autofree char *serial = NULL, *location = NULL, *unit = NULL, *ct = NULL, *pt = NULL;
  g_autofree char *multiplier = NULL, *master = NULL, *customer = NULL, *area = NULL;
  g_autofree char *weight = NULL, *tariff = NULL, *id = NULL;
  g_auto(GStrv) registers = NULL, spaces = NULL;
  int digits = 0, decimals = 0, route = 0;
  gboolean common = FALSE;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) spec = json_object_new ();
  GOptionEntry entries[] = {
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("The meter’s code (required)"), N_("CODE") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("electricity, water, gas, heat or other (required)"), N_("KIND") },
    { "serial", 0, 0, G_OPTION_ARG_STRING, &serial, N_("The serial number"), N_("TEXT") },
    { "location", 0, 0, G_OPTION_ARG_STRING, &location,
      N_("The space, floor or building it is in"), N_("CODE") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The unit it counts in"), N_("UNIT") },
    { "ct", 0, 0, G_OPTION_ARG_STRING, &ct, N_("The current-transformer ratio"), N_("200/5") },
    { "pt", 0, 0, G_OPTION_ARG_STRING, &pt, N_("The voltage-transformer ratio"), N_("10000/100") },
    { "multiplier", 0, 0, G_OPTION_ARG_STRING, &multiplier,
      N_("The multiplier (default: CT × PT, or 1)"), N_("NUMBER") },
    { "digits", 0, 0, G_OPTION_ARG_INT, &digits, N_("Whole digits on the dial"), N_("N") },
    { "decimals", 0, 0, G_OPTION_ARG_INT, &decimals, N_("Digits after the point"), N_("N") },
    { "register", 0, 0, G_OPTION_ARG_STRING_ARRAY, &registers,
      N_("A time-of-use register (repeatable)"), N_("NAME") },
    { "master", 0, 0, G_OPTION_ARG_STRING, &master, N_("Its master meter"), N_("CODE") },
    { "common", 0, 0, G_OPTION_ARG_NONE, &common, N_("A meter of common use"), NULL },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer,
      N_("The customer it charges, by name or id"), N_("CUSTOMER") },
    { "space", 0, 0, G_OPTION_ARG_STRING_ARRAY, &spaces,
      N_("A space it serves (repeatable)"), N_("CODE") },
    { "area", 0, 0, G_OPTION_ARG_STRING, &area, N_("Area for a loss shared by area"), N_("M²") },
    { "weight", 0, 0, G_OPTION_ARG_STRING, &weight, N_("Weight for a loss shared by weights"),
      N_("NUMBER") },
    { "tariff", 0, 0, G_OPTION_ARG_STRING, &tariff, N_("Its tariff"), N_("CODE") },
    { "route", 0, 0, G_OPTION_ARG_INT, &route, N_("Its place in the meter round"), N_("N") },
    { NULL }
  };

  if (!cli_parse (&opt, CLI_PARK | CLI_JSON, _("meter add — record a meter"), entries, 0, "", &argc,
                  &argv))
    return EXIT_USAGE;
  if (code == NULL || kind == NULL)
    return usage_error (_("--code and --kind are required"));
  store = open_park (opt.db, opt.park_code, &park_id, &error);
  if (store == NULL)
    return cli_refused (error, opt.json);
#define SET(name, var) do { if (var) json_object_set_string_member (spec, name, var); } while (0)
  SET ("code", code);
  SET ("kind", kind);
  SET ("serial", serial);
  SET ("location", location);
  SET ("unit", unit);
  SET ("ct", ct);
  SET ("pt", pt);
  SET ("multiplier", multiplier);
  SET ("master", master);
  SET ("customer", customer);
  SET ("area", area);
  SET ("weight", weight);
  SET ("tariff", tariff);
#undef SET
  json_object_set_int_member (spec, "digits", digits);
  json_object_set_int_member (spec, "decimals", decimals);
  json_object_set_int_member (spec, "route_order", route);
  json_object_set_boolean_member (spec, "common", common);
  if (registers != NULL)
    {
      JsonArray *a = json_array_new ();

      for (char **r = registers; *r; r++)
        json_array_add_string_element (a, *r);
      json_object_set_array_member (spec, "registers", a);
    }
  if (spaces != NULL)
    {
      JsonArray *a = json_array_new ();

      for (char **s = spaces; *s; s++)
        json_array_add_string_element (a, *s);
      json_object_set_array_member (spec, "spaces", a);
    }
  id = pw_meter_add (store, park_id, spec, &error);
  if (id == NULL)
    return cli_refused (error, opt.json);
  if (opt.json)
    {
      g_autoptr(JsonObject) o = json_object_new ();

      json_object_set_string_member (o, "id", id);
      json_object_set_string_member (o, "code", code);
      cli_print_object (o);
    }
  else
    g_print (_("Meter %s recorded\n"), code);
  return EXIT_OK;
}

int
cmd_meter_replace (int argc, char **argv)
{
  g_auto(CliOptions) opt = { 0 };
  g_autofree char *park_id = NULL, *code = NULL, *date = NULL;
  g_autofree char *final = NULL, *opening = NULL, *serial = NULL, *multiplier = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fv = NULL, ov = NULL;
  GOptionEntry entries[] = {
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("The meter (required)"), N_("CODE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day it was changed (required)"),
      N_("YYYY-MM-DD") },
    { "final", 0, 0, G_OPTION_ARG_STRING, &final, N_("The old meter’s last reading (required)"),
      N_("total=N,REGISTER=N") },
    { "opening", 0, 0, G_OPTION_ARG_STRING, &opening,
      N_("The new meter’s first reading (required)"), N_("total=N,REGISTER=N") },
    { "serial", 0, 0, G_OPTION_ARG_STRING, &serial, N_("The new meter’s serial number"),
      N_("TEXT") },
    { "multiplier", 0, 0, G_OPTION_ARG_STRING, &multiplier, N_("The new meter’s multiplier"),
      N_("NUMBER") },
    { NULL }
  };

  if (!cli_parse (&opt, CLI_PARK | CLI_JSON, _("meter replace — record that a meter was changed"),
                  entries, 0, "", &argc, &argv))
    return EXIT_USAGE;
  if (code == NULL || date == NULL || final == NULL || opening == NULL)
    return usage_error (_("--code, --date, --final and --opening are required"));
  if ((fv = parse_values (final, "--final", &error)) == NULL
      || (ov = parse_values (opening, "--opening", &error)) == NULL)
    return cli_refused (error, opt.json);
  store = open_park (opt.db, opt.park_code, &park_id, &error);
  if (store == NULL)
    return cli_refused (error, opt.json);
  if (!pw_meter_replace (store, park_id, code, date, fv, ov, serial, multiplier, &error))
    return cli_refused (error, opt.json);
  if (opt.json)
    {
      g_autoptr(JsonObject) o = json_object_new ();

      json_object_set_string_member (o, "code", code);
      json_object_set_string_member (o, "replaced", date);
      cli_print_object (o);
    }
  else
    g_print (_("Meter %s replaced on %s\n"), code, date);
  return EXIT_OK;
}

int
cmd_meter_list (int argc, char **argv)
{
  g_auto(CliOptions) opt = { 0 };
  g_autofree char *park_id = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) list = NULL;

  if (!cli_parse (&opt, CLI_PARK | CLI_JSON,
                  _("meter list — a park’s meters in route order, with their last reading"), NULL,
                  0, "", &argc, &argv))
    return EXIT_USAGE;
  store = open_park (opt.db, opt.park_code, &park_id, &error);
  if (store == NULL || (list = pw_meter_list (store, park_id, &error)) == NULL)
    return cli_refused (error, opt.json);
  if (opt.json)
    {
      g_autoptr(JsonObject) o = json_object_new ();

      json_object_set_array_member (o, "meters", json_array_ref (list));
      cli_print_object (o);
      return EXIT_OK;
    }
  for (guint i = 0; i < json_array_get_length (list); i++)
    print_meter_line (json_array_get_object_element (list, i));
  if (json_array_get_length (list) == 0)
    g_print (_("No meters\n"));
  return EXIT_OK;
}

int
cmd_reading_add (int argc, char **argv)
{
  g_auto(CliOptions) opt = { 0 };
  g_autofree char *park_id = NULL, *code = NULL, *date = NULL;
  g_autofree char *value = NULL, *id = NULL;
  gboolean rollover = FALSE, confirmed = FALSE;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) values = NULL;
  GOptionEntry entries[] = {
    { "meter", 0, 0, G_OPTION_ARG_STRING, &code, N_("The meter (required)"), N_("CODE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day it was read (required)"),
      N_("YYYY-MM-DD") },
    { "value", 0, 0, G_OPTION_ARG_STRING, &value,
      N_("The total, or every register (required)"), N_("N|total=N,REGISTER=N") },
    { "rollover", 0, 0, G_OPTION_ARG_NONE, &rollover,
      N_("A lower value is the dial going round"), NULL },
    { "confirmed", 0, 0, G_OPTION_ARG_NONE, &confirmed,
      N_("An unusual value was checked and is right"), NULL },
    { NULL }
  };

  if (!cli_parse (&opt, CLI_PARK | CLI_JSON, _("reading add — record a meter reading"), entries, 0,
                  "", &argc, &argv))
    return EXIT_USAGE;
  if (code == NULL || date == NULL || value == NULL)
    return usage_error (_("--meter, --date and --value are required"));
  if ((values = parse_values (value, "--value", &error)) == NULL)
    return cli_refused (error, opt.json);
  store = open_park (opt.db, opt.park_code, &park_id, &error);
  if (store == NULL)
    return cli_refused (error, opt.json);
  id = pw_meter_reading_add (store, park_id, code, date, values, rollover, confirmed,
                             PW_READING_FROM_HAND, &error);
  if (id == NULL)
    return cli_refused (error, opt.json);
  if (opt.json)
    {
      g_autoptr(JsonObject) o = json_object_new ();

      json_object_set_string_member (o, "id", id);
      json_object_set_string_member (o, "meter", code);
      json_object_set_string_member (o, "date", date);
      json_object_set_object_member (o, "values", json_object_ref (values));
      cli_print_object (o);
    }
  else
    g_print (_("Reading of %s on %s recorded\n"), code, date);
  return EXIT_OK;
}

int
cmd_reading_correct (int argc, char **argv)
{
  g_auto(CliOptions) opt = { 0 };
  g_autofree char *park_id = NULL, *code = NULL, *date = NULL, *value = NULL;
  g_autofree char *reason = NULL, *on = NULL, *id = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) values = NULL;
  GOptionEntry entries[] = {
    { "meter", 0, 0, G_OPTION_ARG_STRING, &code, N_("The meter (required)"), N_("CODE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date,
      N_("The day of the reading to correct (required)"), N_("YYYY-MM-DD") },
    { "value", 0, 0, G_OPTION_ARG_STRING, &value,
      N_("The right total, or every register (required)"), N_("N|total=N,REGISTER=N") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
      N_("Why the reading was wrong (required)"), N_("TEXT") },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on,
      N_("The day of the correction (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };

  if (!cli_parse (&opt, CLI_PARK | CLI_JSON,
                  _("reading correct — correct a meter reading; the next bill run bills the "
                    "difference"), entries, 0, "", &argc, &argv))
    return EXIT_USAGE;
  if (code == NULL || date == NULL || value == NULL || reason == NULL)
    return usage_error (_("--meter, --date, --value and --reason are required"));
  if ((values = parse_values (value, "--value", &error)) == NULL)
    return cli_refused (error, opt.json);
  store = open_park (opt.db, opt.park_code, &park_id, &error);
  if (store == NULL)
    return cli_refused (error, opt.json);
  id = pw_meter_reading_correct (store, park_id, code, date, values, reason, on, &error);
  if (id == NULL)
    return cli_refused (error, opt.json);
  if (opt.json)
    {
      g_autoptr(JsonObject) o = json_object_new ();

      json_object_set_string_member (o, "correction", id);
      json_object_set_string_member (o, "meter", code);
      json_object_set_string_member (o, "date", date);
      json_object_set_object_member (o, "values", json_object_ref (values));
      json_object_set_string_member (o, "reason", reason);
      cli_print_object (o);
    }
  else
    g_print (_("Reading of %s on %s corrected; the next bill run bills any difference on "
               "lines already billed\n"), code, date);
  return EXIT_OK;
}

int
cmd_reading_import (int argc, char **argv)
{
  g_auto(CliOptions) opt = { 0 };
  g_autofree char *park_id = NULL, *data = NULL;
  gboolean dry_run = FALSE, good_only = FALSE;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwReadingImport) imp = NULL;
  gsize length = 0;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Check every row, write nothing"), NULL },
    { "good-only", 0, 0, G_OPTION_ARG_NONE, &good_only,
      N_("Write the good readings even when some rows are bad"), NULL },
    { NULL }
  };

  if (!cli_parse (&opt, CLI_PARK | CLI_JSON, _("FILE.csv — import meter readings"), entries, 1,
                  _("the CSV file is missing"), &argc, &argv))
    return EXIT_USAGE;
  if (!g_file_get_contents (argv[1], &data, &length, &error))
    return cli_refused (error, opt.json);
  store = open_park (opt.db, opt.park_code, &park_id, &error);
  if (store == NULL)
    return cli_refused (error, opt.json);
  imp = pw_reading_import (store, park_id, data, length,
                           (dry_run ? PW_READING_IMPORT_DRY_RUN : 0)
                           | (good_only ? PW_READING_IMPORT_GOOD_ONLY : 0), &error);
  if (imp == NULL)
    return cli_refused (error, opt.json);
  if (opt.json)
    {
      g_autoptr(JsonObject) o = json_object_new ();
      JsonArray *problems = json_array_new ();

      json_object_set_int_member (o, "rows", imp->n_rows);
      json_object_set_int_member (o, "readings", imp->n_readings);
      json_object_set_int_member (o, "good", imp->n_good);
      json_object_set_int_member (o, "written", imp->n_written);
      json_object_set_boolean_member (o, "dry_run", dry_run);
      for (guint i = 0; i < imp->problems->len; i++)
        {
          const PwCsvProblem *p = g_ptr_array_index (imp->problems, i);
          JsonObject *po = json_object_new ();

          json_object_set_int_member (po, "line", p->line);
          if (p->field != NULL)
            json_object_set_string_member (po, "field", p->field);
          else
            json_object_set_null_member (po, "field");
          json_object_set_string_member (po, "message", p->message);
          json_array_add_object_element (problems, po);
        }
      json_object_set_array_member (o, "problems", problems);
      cli_print_object (o);
    }
  else
    {
      for (guint i = 0; i < imp->problems->len; i++)
        {
          const PwCsvProblem *p = g_ptr_array_index (imp->problems, i);

          /* Translators: a bad row of a CSV file: file, line, column name, what is wrong */
          g_print (_("%s:%u: %s: %s\n"), argv[1], p->line, p->field ? p->field : "",
                   p->message);
        }
      if (dry_run)
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              "%u row, %u problems; %u reading would be written (dry run: nothing "
                              "written)\n",
                              "%u rows, %u problems; %u readings would be written (dry run: nothing "
                              "written)\n", imp->n_rows),
                 imp->n_rows, imp->problems->len, imp->n_good);
      else
        g_print (g_dngettext (GETTEXT_PACKAGE, "%u row, %u problems; %u reading written\n",
                              "%u rows, %u problems; %u readings written\n", imp->n_rows),
                 imp->n_rows, imp->problems->len, imp->n_written);
    }
  return imp->problems->len > 0 && !good_only ? EXIT_FAILED : EXIT_OK;
}
