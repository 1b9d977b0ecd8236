/* pw-cli-equipment.c — parkwise-cli equipment add / retire (docs/cli.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-cli.h"
#include "pw-equipment.h"
#include "pw-error.h"
#include "pw-money.h"

#define DB_OPTION(var) \
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &var, N_("The Parkwise database"), N_("FILE") }
#define PARK_OPTION(var) \
  { "park", 0, 0, G_OPTION_ARG_STRING, &var, N_("The park (default: the first)"), N_("CODE") }

/* A refusal: the message on standard error, and with --json also
 * {"error": message, "field": field or null} on standard output, exit 1. */
static int
refused (const GError *error,
         gboolean      json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;
      const char *field = pw_ledger_error_get_field (error);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "error");
      json_builder_add_string_value (b, error->message);
      json_builder_set_member_name (b, "field");
      if (field != NULL)
        json_builder_add_string_value (b, field);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      text = json_to_pretty (node);
      g_print ("%s\n", text);
    }
  return failed (error);
}

static void
print_item (PwEquipment *item,
            const char  *retired_on,
            const char  *reason,
            gboolean     json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;
      const char *install = pw_equipment_get_install_date (item);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, pw_equipment_get_id (item));
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, pw_equipment_get_code (item));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, pw_equipment_get_name (item));
      json_builder_set_member_name (b, "category");
      json_builder_add_string_value (b, pw_equipment_get_category (item));
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, pw_equipment_status_to_string (pw_equipment_get_status (item)));
      json_builder_set_member_name (b, "location");
      json_builder_add_string_value (b, pw_equipment_get_location (item));
      json_builder_set_member_name (b, "install_date");
      if (install != NULL && *install != '\0')
        json_builder_add_string_value (b, install);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "original_value");
      if (pw_equipment_get_original_value (item) >= 0)
        json_builder_add_int_value (b, pw_equipment_get_original_value (item));
      else
        json_builder_add_null_value (b);
      if (retired_on != NULL)
        {
          json_builder_set_member_name (b, "retired_on");
          json_builder_add_string_value (b, retired_on);
          json_builder_set_member_name (b, "reason");
          json_builder_add_string_value (b, reason);
        }
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      text = json_to_pretty (node);
      g_print ("%s\n", text);
    }
  else if (retired_on != NULL)
    /* Translators: e.g. "T1-EQ-009 Fire pump retired on 2026-12-01" */
    g_print (_("%s %s retired on %s\n"), pw_equipment_get_code (item),
             pw_equipment_get_name (item), retired_on);
  else
    g_print ("%s\n", pw_equipment_get_id (item));
}

/* The item of @park_id with @code or @id, from the store as it is now. */
static PwEquipment *
find_item (PwStore     *store,
           const char  *park_id,
           const char  *code,
           const char  *id,
           GError     **error)
{
  g_autoptr(GPtrArray) items = pw_equipment_load_all (store, park_id, error);

  if (items == NULL)
    return NULL;
  for (guint i = 0; i < items->len; i++)
    {
      PwEquipment *item = items->pdata[i];

      if ((code && g_str_equal (pw_equipment_get_code (item), code)) ||
          (id && g_str_equal (pw_equipment_get_id (item), id)))
        return g_object_ref (item);
    }
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, _("No equipment “%s” in the park"),
               code ? code : id);
  return NULL;
}

/* The id of the space with @code in @park_id, or NULL with a refusal on "space_id". */
static char *
find_space_id (PwStore     *store,
               const char  *park_id,
               const char  *code,
               GError     **error)
{
  g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (store, park_id, error);

  if (spaces == NULL)
    return NULL;
  for (guint i = 0; i < spaces->len; i++)
    if (g_str_equal (pw_space_get_code (spaces->pdata[i]), code))
      return g_strdup (pw_space_get_id (spaces->pdata[i]));
  g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
               _("No space with code “%s”"), code);
  pw_ledger_error_set_field (*error, "space_id");
  return NULL;
}

int
cmd_equipment_add (int argc, char **argv)
{
  g_autofree char *db = NULL, *park_code = NULL, *park_id = NULL;
  g_autofree char *code = NULL, *name = NULL, *category = NULL, *serial = NULL;
  g_autofree char *installed = NULL, *space_code = NULL, *value = NULL, *id = NULL;
  gboolean json = FALSE;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(PwEquipment) item = NULL;
  GOptionEntry entries[] = {
    DB_OPTION (db),
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("The equipment code, unique in the park (required)"), N_("CODE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Its name (required)"), N_("NAME") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("lift, chiller, transformer, fire_pump… (required)"), N_("CATEGORY") },
    { "serial", 0, 0, G_OPTION_ARG_STRING, &serial, N_("The serial number"), N_("TEXT") },
    { "installed", 0, 0, G_OPTION_ARG_STRING, &installed, N_("The installation date"), N_("YYYY-MM-DD") },
    { "space", 0, 0, G_OPTION_ARG_STRING, &space_code, N_("The space it stands in"), N_("CODE") },
    { "value", 0, 0, G_OPTION_ARG_STRING, &value, N_("The original value, in the park’s currency"), N_("AMOUNT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    PARK_OPTION (park_code),
    { NULL }
  };

  if (!parse_command (_("equipment add — record a new piece of equipment"), NULL, entries, &db,
                      0, NULL, &argc, &argv))
    return EXIT_USAGE;

  store = open_park (db, park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);

  /* core says what is missing or wrong, field by field */
  if (code != NULL)
    json_object_set_string_member (fields, "code", code);
  if (name != NULL)
    json_object_set_string_member (fields, "name", name);
  if (category != NULL)
    json_object_set_string_member (fields, "category", category);
  if (serial != NULL)
    json_object_set_string_member (fields, "serial", serial);
  if (installed != NULL)
    json_object_set_string_member (fields, "install_date", installed);
  if (space_code != NULL)
    {
      g_autofree char *space_id = find_space_id (store, park_id, space_code, &error);

      if (space_id == NULL)
        return refused (error, json);
      json_object_set_string_member (fields, "space_id", space_id);
    }
  if (value != NULL)
    {
      g_autofree char *currency = pw_equipment_get_park_currency (store, park_id, &error);
      gint64 minor = 0;

      if (currency == NULL)
        return failed (error);
      if (!pw_money_parse (value, currency, &minor, &error))
        {
          pw_ledger_error_set_field (error, "original_value");
          return refused (error, json);
        }
      json_object_set_int_member (fields, "original_value", minor);
    }

  id = pw_equipment_create (store, park_id, fields, &error);
  if (id == NULL)
    return refused (error, json);
  item = find_item (store, park_id, NULL, id, &error);
  if (item == NULL)
    return failed (error);
  print_item (item, NULL, NULL, json);
  return EXIT_OK;
}

int
cmd_equipment_retire (int argc, char **argv)
{
  g_autofree char *db = NULL, *park_code = NULL, *park_id = NULL;
  g_autofree char *date = NULL, *reason = NULL;
  gboolean json = FALSE;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwEquipment) item = NULL;
  g_autoptr(PwEquipment) retired = NULL;
  GOptionEntry entries[] = {
    DB_OPTION (db),
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("When it was retired (default: today)"), N_("YYYY-MM-DD") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why it was retired (required)"), N_("TEXT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    PARK_OPTION (park_code),
    { NULL }
  };

  if (!parse_command (_("equipment retire CODE — retire a piece of equipment"), NULL, entries, &db, 1,
                      _("No equipment code given"), &argc, &argv))
    return EXIT_USAGE;

  store = open_park (db, park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  item = find_item (store, park_id, argv[1], NULL, &error);
  if (item == NULL)
    return failed (error);
  if (date == NULL)
    date = pw_today_iso ();
  if (!pw_equipment_retire (store, pw_equipment_get_id (item), pw_equipment_get_version (item),
                            date, reason, &error))
    return refused (error, json);
  retired = find_item (store, park_id, NULL, pw_equipment_get_id (item), &error);
  if (retired == NULL)
    return failed (error);
  print_item (retired, date, reason, json);
  return EXIT_OK;
}
