/* pw-cli-plan-lens.c — parkwise-cli plan lens: a floor's rooms sorted into a lens's classes
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What `plan render` draws, as text or JSON: the legend (each class with its count,
 * area and, for the arrears lens, its overdue amount) and every room's class
 * (docs/cli.md, "plan lens"; docs/plans.md, "Arrears"). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-area.h"
#include "pw-cli.h"
#include "pw-date.h"
#include "pw-money.h"
#include "pw-plan-lens.h"

static const char *const pattern_ids[] = { "none", "hatch", "crosshatch", "dots" };

static JsonNode *
lens_json (PwPlanFloor *floor, PwPlanColoring *coloring, const char *date)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gboolean arrears = coloring->lens == PW_PLAN_LENS_ARREARS;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "floor");
  json_builder_add_string_value (b, pw_plan_floor_get_title (floor));
  json_builder_set_member_name (b, "lens");
  json_builder_add_string_value (b, pw_plan_lens_to_string (coloring->lens));
  json_builder_set_member_name (b, "date");
  json_builder_add_string_value (b, date);
  if (arrears)
    {
      json_builder_set_member_name (b, "currency");
      json_builder_add_string_value (b, coloring->currency);
    }
  json_builder_set_member_name (b, "classes");
  json_builder_begin_array (b);
  for (guint c = 0; c < coloring->classes->len; c++)
    {
      PwPlanClass *cls = &g_array_index (coloring->classes, PwPlanClass, c);
      g_autofree char *rgb = g_strdup_printf ("#%06X", cls->rgb & 0xFFFFFF);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, cls->label);
      json_builder_set_member_name (b, "color");
      json_builder_add_string_value (b, rgb);
      json_builder_set_member_name (b, "pattern");
      json_builder_add_string_value (b, pattern_ids[MIN ((guint) cls->pattern, 3)]);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, cls->count);
      json_builder_set_member_name (b, "area");
      json_builder_add_int_value (b, cls->area);
      if (arrears)
        {
          json_builder_set_member_name (b, "overdue");
          json_builder_add_int_value (b, cls->overdue);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "rooms");
  json_builder_begin_array (b);
  for (guint i = 0; i < coloring->n_rooms; i++)
    {
      PwPlanRoom *room = pw_plan_floor_get_room (floor, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, room->code);
      json_builder_set_member_name (b, "class");
      json_builder_add_string_value (b, g_array_index (coloring->classes, PwPlanClass,
                                                       coloring->room_class[i]).label);
      json_builder_set_member_name (b, "tenant");
      if (room->tenant != NULL)
        json_builder_add_string_value (b, room->tenant);
      else
        json_builder_add_null_value (b);
      if (arrears)
        {
          json_builder_set_member_name (b, "contracts");
          json_builder_add_int_value (b, room->n_holders);
          json_builder_set_member_name (b, "overdue");
          json_builder_add_int_value (b, room->overdue);
          json_builder_set_member_name (b, "overdue_days");
          json_builder_add_int_value (b, room->overdue_days);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
print_lens (PwPlanFloor *floor, PwPlanColoring *coloring, const char *date)
{
  /* TRANSLATORS: plan lens: the floor's title, the lens and the day it shows */
  g_print (_("%s — %s, %s\n"), pw_plan_floor_get_title (floor),
           pw_plan_lens_get_label (coloring->lens), date);
  for (guint c = 0; c < coloring->classes->len; c++)
    {
      PwPlanClass *cls = &g_array_index (coloring->classes, PwPlanClass, c);
      g_autofree char *line = NULL;

      if (cls->count == 0)
        continue;
      line = pw_plan_class_legend_text (coloring, cls);
      g_print ("  %s\n", line);
    }
  for (guint i = 0; i < coloring->n_rooms; i++)
    {
      PwPlanRoom *room = pw_plan_floor_get_room (floor, i);
      g_autofree char *arrears = coloring->lens == PW_PLAN_LENS_ARREARS
                                 ? pw_plan_room_describe_arrears (floor, room) : NULL;

      g_print ("%s\t%s", room->code,
               g_array_index (coloring->classes, PwPlanClass, coloring->room_class[i]).label);
      if (room->tenant != NULL)
        g_print ("\t%s", room->tenant);
      if (arrears != NULL)
        g_print ("\t%s", arrears);
      g_print ("\n");
    }
}

int
cmd_plan_lens (int argc, char **argv)
{
  g_autofree char *db = NULL, *floor_ref = NULL, *lens_text = NULL, *park_code = NULL;
  g_autofree char *date = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The Parkwise database"), N_("FILE") },
    { "floor", 0, 0, G_OPTION_ARG_STRING, &floor_ref, N_("The floor, such as T1-F03"), N_("CODE") },
    { "lens", 0, 0, G_OPTION_ARG_STRING, &lens_text,
      N_("Sort rooms by status, expiry, rent, area, tenant or arrears (default: status)"),
      N_("LENS") },
    { "park", 0, 0, G_OPTION_ARG_STRING, &park_code, N_("The park (default: the first)"),
      N_("CODE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day the plan shows (default: today)"),
      N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the classes and rooms as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *park_id = NULL;
  g_autoptr(PwPlanFloor) floor = NULL;
  g_autoptr(PwPlanColoring) coloring = NULL;
  PwPlanLens lens = PW_PLAN_LENS_STATUS;

  if (!parse_command (_("plan lens — the classes a lens sorts a floor’s rooms into"),
                      _("List a lens’s legend and each room’s class, as the plan colours them"),
                      entries, &db, 0, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (floor_ref == NULL)
    return usage_error (_("--floor is required"));
  if (lens_text != NULL && !pw_plan_lens_from_string (lens_text, &lens))
    return usage_error (_("Unknown lens “%s”: use status, expiry, rent, area, tenant or arrears"),
                        lens_text);
  if (date == NULL)
    date = pw_today_iso ();
  else if (!pw_date_is_valid (date))
    return usage_error (_("“%s” is not a date like 2026-03-31"), date);
  store = open_park (db, park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  floor = pw_plan_floor_load (store, park_id, floor_ref, &error);
  if (floor == NULL)
    return failed (error);
  if (lens == PW_PLAN_LENS_ARREARS && !pw_plan_floor_load_arrears (floor, store, date, &error))
    return failed (error);
  coloring = pw_plan_coloring_new (floor, lens, date);
  if (json)
    {
      g_autoptr(JsonNode) node = lens_json (floor, coloring, date);
      g_autofree char *text = json_to_pretty (node);

      g_print ("%s\n", text);
    }
  else
    print_lens (floor, coloring, date);
  return EXIT_OK;
}
