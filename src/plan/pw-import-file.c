/* pw-import-file.c — picks the importer for a file
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "pw-geojson-import.h"
#include "pw-ifc-import.h"
#include "pw-import.h"
#include "pw-svg-import.h"
#include "pw-text.h"

/* Reads the first bytes of @path (or of @path/main.json for a directory) to tell
 * the format; returns the path the importer should read. */
static char *
sniff_path (const char *path, PwImportFormat *format, GError **error)
{
  g_autofree char *target = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  char head[4096];
  gssize n;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *manifest = g_build_filename (path, "main.json", NULL);
      g_autofree char *venue = g_build_filename (path, "venue.geojson", NULL);

      if (g_file_test (venue, G_FILE_TEST_EXISTS))
        {
          *format = PW_IMPORT_FORMAT_IMDF;
          return g_strdup (path);
        }
      target = g_steal_pointer (&manifest);
    }
  else
    target = g_strdup (path);

  file = g_file_new_for_path (target);
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;
  n = g_input_stream_read (G_INPUT_STREAM (stream), head, sizeof head, NULL, error);
  if (n < 0)
    return NULL;
  *format = pw_import_sniff (target, head, (gsize) n);
  if (*format == PW_IMPORT_FORMAT_UNKNOWN)
    {
      g_autofree char *quoted = pw_text_quote (target);

      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_FORMAT,
                   _("%s is not an SVG drawing, an IFC model or an indoor GeoJSON map"),
                   quoted);
      return NULL;
    }
  return g_steal_pointer (&target);
}

PwImportDoc *
pw_import_file (const char *path, GError **error)
{
  PwImportFormat format = PW_IMPORT_FORMAT_UNKNOWN;
  g_autofree char *target = sniff_path (path, &format, error);

  if (target == NULL)
    return NULL;
  switch (format)
    {
    case PW_IMPORT_FORMAT_IMDF:
    case PW_IMPORT_FORMAT_WRLD:
      return pw_geojson_import_file (target, error);
    case PW_IMPORT_FORMAT_SVG:
      {
        PwImportDoc *doc = pw_svg_import_file (target, error);
        g_autoptr(GMappedFile) mapped = NULL;

        /* keep the drawing itself: it becomes the floor's backdrop */
        if (doc != NULL && (mapped = g_mapped_file_new (target, FALSE, NULL)) != NULL)
          doc->drawing = g_mapped_file_get_bytes (mapped);
        return doc;
      }
    case PW_IMPORT_FORMAT_IFC:
      return pw_ifc_import_file (target, error);
    case PW_IMPORT_FORMAT_UNKNOWN:
    default:
      {
        g_autofree char *quoted = pw_text_quote (target);

        g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_FORMAT,
                     _("Parkwise cannot read %s files such as %s"),
                     pw_import_format_to_string (format), quoted);
        return NULL;
      }
    }
}
