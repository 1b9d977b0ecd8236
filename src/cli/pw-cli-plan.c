/* pw-cli-plan.c — parkwise-cli plan …: floor plans from files and from the store
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#include "pw-cli.h"
#include "pw-import.h"

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
