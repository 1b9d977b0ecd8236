/* pw-cli-plan.c — parkwise-cli plan …: floor plans from files and from the store
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#include "pw-cli.h"
#include "pw-import.h"
#include "pw-area.h"
#include "pw-plan-import.h"
#include "pw-plan-render.h"

/* "12.50 m²" or, for a drawing not yet scaled, "12.50 units²". */
static char *
format_area (PwImportDoc *doc, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.2f", value);
  if (doc->needs_scale)
    /* TRANSLATORS: an area in the units of a drawing that has no scale yet */
    return g_strdup_printf (_("%s units²"), buf);
  return g_strdup_printf (_("%s m²"), buf);
}

static void
print_warnings (GPtrArray *warnings, const char *indent)
{
  for (guint i = 0; i < warnings->len; i++)
    g_print ("%s%s\n", indent, (const char *) g_ptr_array_index (warnings, i));
}

static void
print_room (PwImportDoc *doc, PwImportRoom *room)
{
  g_autoptr(GString) line = g_string_new ("    ");

  g_string_append (line, room->source_id);
  if (room->name != NULL)
    g_string_append_printf (line, "  %s", room->name);
  if (room->long_name != NULL)
    g_string_append_printf (line, "  “%s”", room->long_name);
  if (room->polygon != NULL)
    {
      g_autofree char *area = format_area (doc, pw_polygon_area (room->polygon));

      g_string_append_printf (line, _("  polygon %s"), area);
    }
  else
    g_string_append (line, _("  no footprint"));
  for (guint a = 0; a < room->declared->len; a++)
    {
      PwDeclaredArea *declared = &g_array_index (room->declared, PwDeclaredArea, a);
      g_autofree char *area = format_area (doc, declared->m2);

      g_string_append_printf (line, "  %s %s", declared->name, area);
      if (room->polygon != NULL && declared->m2 > 0)
        {
          double diff = (declared->m2 - pw_polygon_area (room->polygon)) / declared->m2 * 100;
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (buf, sizeof buf, "%+.1f", diff);
          /* TRANSLATORS: how much a declared area differs from the drawn one, in percent */
          g_string_append_printf (line, _(" (%s%%)"), buf);
        }
    }
  g_print ("%s\n", line->str);
  print_warnings (room->warnings, "      ! ");
}

static void
print_doc (PwImportDoc *doc)
{
  g_print (_("%s: %s"), doc->source_name, pw_import_format_to_string (doc->format));
  if (doc->schema != NULL)
    g_print (" (%s)", doc->schema);
  g_print ("\n");
  if (doc->needs_scale)
    g_print (_("The drawing states no scale: areas are in drawing units until it is calibrated.\n"));
  print_warnings (doc->warnings, "  ! ");
  for (guint i = 0; i < doc->levels->len; i++)
    {
      PwImportLevel *level = g_ptr_array_index (doc->levels, i);
      guint n = level->rooms->len;

      g_print (g_dngettext (GETTEXT_PACKAGE, "  %s: %u room\n", "  %s: %u rooms\n", n),
               level->name != NULL ? level->name : level->source_id, n);
      print_warnings (level->warnings, "    ! ");
      for (guint r = 0; r < level->rooms->len; r++)
        print_room (doc, g_ptr_array_index (level->rooms, r));
    }
}

int
cmd_plan_inspect (int argc, char **argv)
{
  gboolean json = FALSE;
  char *scale_text = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale_text,
      N_("Metres per drawing unit, for drawings that state no scale"), N_("METRES") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) doc = NULL;
  g_autofree char *scale_owned = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("List the floors and rooms an SVG drawing, IFC model or "
                                  "indoor GeoJSON map holds, with their areas"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);
  scale_owned = scale_text;
  if (argc < 2)
    return usage_error (_("Give the file to inspect"));
  if (argc > 2)
    return usage_error (_("Unexpected argument “%s”"), argv[2]);

  doc = pw_import_file (argv[1], &error);
  if (doc == NULL)
    return failed (error);
  if (scale_text != NULL)
    {
      char *end = NULL;
      double scale = g_ascii_strtod (scale_text, &end);

      if (end == scale_text || *end != '\0')
        return usage_error (_("--scale needs a number of metres, not “%s”"), scale_text);
      if (!pw_import_doc_set_scale (doc, scale, &error))
        return failed (error);
    }
  if (json)
    {
      g_autofree char *text = pw_import_doc_to_json (doc);
      g_autoptr(GBytes) bytes = NULL;

      bytes = g_bytes_new_take (g_strconcat (text, "\n", NULL), strlen (text) + 1);
      if (!write_stdout (bytes, &error))
        return failed (error);
      return EXIT_OK;
    }
  print_doc (doc);
  return EXIT_OK;
}

/* ---- plan render -------------------------------------------------------------------- */

static gboolean
parse_size (const char *text, int *width, int *height)
{
  char *end = NULL;
  gint64 w, h;

  w = g_ascii_strtoll (text, &end, 10);
  if (end == text || (*end != 'x' && *end != 'X'))
    return FALSE;
  text = end + 1;
  h = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || w < 64 || h < 64 || w > 20000 || h > 20000)
    return FALSE;
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

int
cmd_plan_render (int argc, char **argv)
{
  g_autofree char *db = NULL, *floor_ref = NULL, *lens_text = NULL, *size_text = NULL;
  g_autofree char *out = NULL, *park_code = NULL, *date = NULL, *stacking = NULL;
  gboolean dark = FALSE, no_labels = FALSE, square_feet = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The Parkwise database"), N_("FILE") },
    { "floor", 0, 0, G_OPTION_ARG_STRING, &floor_ref, N_("The floor, such as T1-F03"), N_("CODE") },
    { "stacking", 0, 0, G_OPTION_ARG_STRING, &stacking,
      N_("Draw the stacking plan of this building instead of a floor"), N_("BUILDING") },
    { "lens", 0, 0, G_OPTION_ARG_STRING, &lens_text,
      N_("Colour rooms by status, expiry, rent, area, tenant or arrears (default: status)"),
      N_("LENS") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size_text,
      N_("Width and height in pixels (PNG) or points (PDF, SVG); default 1600x1000"), N_("WxH") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The file to write: .png, .pdf or .svg"),
      N_("FILE") },
    { "park", 0, 0, G_OPTION_ARG_STRING, &park_code, N_("The park (default: the first)"),
      N_("CODE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day the plan shows (default: today)"),
      N_("YYYY-MM-DD") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Use the dark style"), NULL },
    { "no-labels", 0, 0, G_OPTION_ARG_NONE, &no_labels, N_("Leave rooms unlabelled"), NULL },
    { "square-feet", 0, 0, G_OPTION_ARG_NONE, &square_feet, N_("Label areas in ft²"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *park_id = NULL;
  g_autoptr(PwPlanFloor) floor = NULL;
  g_autoptr(PwPlanColoring) coloring = NULL;
  PwPlanLens lens = PW_PLAN_LENS_STATUS;
  PwPlanStyle style;
  PwPlanPage page = { 0 };
  int width = 1600, height = 1000;

  if (!parse_command (_("plan render — draw a floor plan to a file"),
                      _("Draw a floor plan coloured by a lens, with its legend, to a file"),
                      entries, &db, 0, NULL, &argc, &argv))
    return EXIT_USAGE;
  if ((floor_ref == NULL) == (stacking == NULL))
    return usage_error (_("Give either --floor or --stacking"));
  if (out == NULL)
    return usage_error (_("--out is required"));
  if (lens_text != NULL && !pw_plan_lens_from_string (lens_text, &lens))
    return usage_error (_("Unknown lens “%s”: use status, expiry, rent, area, tenant or arrears"),
                        lens_text);
  if (size_text != NULL && !parse_size (size_text, &width, &height))
    return usage_error (_("--size needs WIDTHxHEIGHT between 64 and 20000, not “%s”"), size_text);
  if (date == NULL)
    date = pw_today_iso ();
  else if (!pw_date_is_valid (date))
    return usage_error (_("“%s” is not a date like 2026-03-31"), date);

  store = open_park (db, park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  pw_plan_style_init (&style);
  style.dark = dark;
  style.square_feet = square_feet;
  if (no_labels)
    style.labels = 0;
  page.date = date;
  if (stacking != NULL)
    {
      g_autofree char *title = NULL;
      g_autoptr(GPtrArray) floors = pw_plan_floor_load_building (store, park_id, stacking, &title,
                                                                 &error);

      if (floors == NULL)
        return failed (error);
      /* the arrears as of the plan's date, not today's */
      for (guint f = 0; lens == PW_PLAN_LENS_ARREARS && f < floors->len; f++)
        if (!pw_plan_floor_load_arrears (g_ptr_array_index (floors, f), store, date, &error))
          return failed (error);
      page.title = title;
      if (!pw_plan_export_stacking (floors, lens, date, &page, &style, width, height, out, &error))
        return failed (error);
      return EXIT_OK;
    }
  floor = pw_plan_floor_load (store, park_id, floor_ref, &error);
  if (floor == NULL)
    return failed (error);
  if (lens == PW_PLAN_LENS_ARREARS && !pw_plan_floor_load_arrears (floor, store, date, &error))
    return failed (error);
  coloring = pw_plan_coloring_new (floor, lens, date);
  if (!pw_plan_export (floor, coloring, &page, &style, width, height, out, &error))
    return failed (error);
  return EXIT_OK;
}

/* ---- plan import ------------------------------------------------------------------------ */

static void
print_import (PwPlanImport *import)
{
  guint n_create, n_update, n_skip;

  for (guint i = 0; i < pw_plan_import_get_n_levels (import); i++)
    {
      PwPlanLevelPlan *lp = pw_plan_import_get_level (import, i);
      const char *level = lp->level->name != NULL ? lp->level->name : lp->level->source_id;

      if (lp->level->rooms->len == 0 && !pw_plan_import_level_is_written (import, i))
        {
          /* TRANSLATORS: plan import: a level of the file without rooms is not made a floor */
          g_print (_("%s: no rooms, left out (--include-empty-levels makes it a floor)\n"), level);
          continue;
        }
      if (pw_plan_import_renames_floor (import, i))
        /* TRANSLATORS: plan import: a level of the drawing, the floor it goes to and the
         * floor's new name */
        g_print (_("%s → floor %s, renamed “%s”\n"), level, lp->floor_code, lp->floor_name);
      else if (lp->floor_id != NULL)
        /* TRANSLATORS: plan import: a level of the drawing and the floor it goes to */
        g_print (_("%s → floor %s (%s)\n"), level, lp->floor_code, lp->floor_name);
      else
        g_print (_("%s → new floor %s (%s)\n"), level, lp->floor_code, lp->floor_name);
      for (guint r = 0; r < lp->rooms->len; r++)
        {
          PwPlanRoomPlan *rp = &g_array_index (lp->rooms, PwPlanRoomPlan, r);
          const char *room = rp->room->name != NULL ? rp->room->name : rp->room->source_id;
          g_autofree char *drawn = pw_area_format_with_unit (rp->drawn_area, FALSE);

          switch (rp->action)
            {
            case PW_PLAN_ROOM_CREATE:
              g_print (_("  %s: new space %s, %s, %s\n"), room, rp->code,
                       pw_space_kind_get_label (rp->kind), drawn);
              break;
            case PW_PLAN_ROOM_UPDATE:
              {
                g_autofree char *recorded = pw_area_format_with_unit (rp->recorded_area, FALSE);

                g_print (_("  %s: outline of %s, drawn %s, recorded %s"), room, rp->code, drawn,
                         recorded);
                if (rp->chosen)
                  g_print ("\n");
                else if (rp->match == PW_PLAN_MATCH_OVERLAP)
                  /* TRANSLATORS: plan import: the space was suggested because the outlines overlap */
                  g_print (_(" (suggested: %d %% overlap)\n"), rp->overlap);
                else if (rp->match == PW_PLAN_MATCH_NAME)
                  g_print (_(" (suggested by name)\n"));
                else
                  g_print (_(" (suggested by code)\n"));
              }
              break;
            case PW_PLAN_ROOM_SKIP:
            default:
              g_print (_("  %s: left out: %s\n"), room, rp->reason);
              break;
            }
        }
    }
  pw_plan_import_count (import, &n_create, &n_update, &n_skip);
  g_print (_("%u new spaces, %u outlines updated, %u rooms left out\n"), n_create, n_update, n_skip);
}

static gboolean
print_json (char *text, GError **error)
{
  g_autofree char *owned = text;
  g_autoptr(GBytes) bytes = NULL;
  gsize n = strlen (owned);

  bytes = g_bytes_new_take (g_strconcat (owned, "\n", NULL), n + 1);
  return write_stdout (bytes, error);
}

int
cmd_plan_import (int argc, char **argv)
{
  g_autofree char *db = NULL, *building = NULL, *park_code = NULL, *scale_text = NULL;
  g_autofree char *map = NULL;
  gboolean dry_run = FALSE, update_areas = FALSE, suggest = FALSE, json = FALSE, empty = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The Parkwise database"), N_("FILE") },
    { "building", 0, 0, G_OPTION_ARG_STRING, &building, N_("The building the drawing shows"),
      N_("CODE") },
    { "park", 0, 0, G_OPTION_ARG_STRING, &park_code, N_("The park (default: the first)"),
      N_("CODE") },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale_text,
      N_("Metres per drawing unit, for drawings that state no scale"), N_("METRES") },
    { "update-areas", 0, 0, G_OPTION_ARG_NONE, &update_areas,
      N_("Also record the drawn area of spaces that already exist"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Show what would change, write nothing"),
      NULL },
    { "map", 0, 0, G_OPTION_ARG_FILENAME, &map,
      N_("Map rooms and levels as this JSON file says (see --suggest-map)"), N_("FILE") },
    { "suggest-map", 0, 0, G_OPTION_ARG_NONE, &suggest,
      N_("Print the suggested mapping, write nothing (with --json: as a mapping file)"), NULL },
    { "include-empty-levels", 0, 0, G_OPTION_ARG_NONE, &empty,
      N_("Also make floors of levels without rooms, such as a foundation or a roof"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the mapping as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(PwImportDoc) doc = NULL;
  g_autoptr(PwPlanImport) import = NULL;
  g_autofree char *park_id = NULL;

  if (!parse_command (_("plan import FILE — bring a drawing’s floors and rooms into the ledger"),
                      _("Map an SVG drawing, IFC model or indoor map onto a building's floors "
                        "and spaces, and write it in one transaction"),
                      entries, &db, 1, _("Give the file to import"), &argc, &argv))
    return EXIT_USAGE;
  if (building == NULL)
    return usage_error (_("--building is required"));
  store = open_park (db, park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  doc = pw_import_file (argv[1], &error);
  if (doc == NULL)
    return failed (error);
  if (scale_text != NULL)
    {
      char *end = NULL;
      double scale = g_ascii_strtod (scale_text, &end);

      if (end == scale_text || *end != '\0')
        return usage_error (_("--scale needs a number of metres, not “%s”"), scale_text);
      if (!pw_import_doc_set_scale (doc, scale, &error))
        return failed (error);
    }
  import = pw_plan_import_new (store, park_id, building, doc, &error);
  if (import == NULL)
    return failed (error);
  pw_plan_import_set_update_areas (import, update_areas);
  pw_plan_import_set_include_empty (import, empty);
  if (map != NULL)
    {
      g_autofree char *text = NULL;

      if (!g_file_get_contents (map, &text, NULL, &error))
        return failed (error);
      if (!pw_plan_import_load_map (import, text, &error))
        {
          g_autofree char *where = g_filename_display_name (map);

          g_prefix_error (&error, "%s: ", where);
          return failed (error);
        }
    }
  if (!json)
    print_import (import);
  if (!dry_run && !suggest && !pw_plan_import_apply (import, &error))
    return failed (error);
  /* the JSON describes what was written, so it comes once the write succeeded */
  if (json && !print_json (pw_plan_import_to_json (import, FALSE), &error))
    return failed (error);
  return EXIT_OK;
}
