/* bench-step.c — STEP reading throughput and IFC import time
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Targets (optimised build, one core): reading (the checked pass that indexes
 * every instance) at 100 MB/s or more; the largest model in DIR imported within
 * 0.3 s. Usage: bench-step [DIR]  (DIR: the shared IFC samples, optional). */
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "pw-ifc-import.h"
#include "pw-step.h"

#define TARGET_BYTES ((gsize) 200 * 1000 * 1000)

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static char *
make_guid (guint n)
{
  static const char alphabet[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$";
  char *s = g_malloc (23);

  for (guint i = 0; i < 22; i++)
    {
      s[i] = alphabet[(n * 2654435761u >> (i % 26)) % 64];
      n = n * 1103515245u + 12345u;
    }
  s[22] = '\0';
  return s;
}

/* A model made of the mix real exports have: points and loops of breps, faces,
 * polylines, placements, property values with labels and escaped names,
 * quantities, spaces and relations. */
static gsize
generate (const char *path)
{
  FILE *f = fopen (path, "w");
  guint id = 1;
  gsize written;

  g_assert_nonnull (f);
  fputs ("ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION(('ViewDefinition [CoordinationView]'),'2;1');\n"
         "FILE_NAME('bench.ifc','2026-11-27T00:00:00',('bench'),('bench'),'bench','bench','');\n"
         "FILE_SCHEMA(('IFC2X3'));\nENDSEC;\nDATA;\n", f);
  while ((gsize) ftell (f) < TARGET_BYTES)
    {
      guint base = id;
      g_autofree char *guid = make_guid (id);

      /* a brep box: 8 points, 6 loops, 6 bounds, 6 faces, shell, brep */
      for (guint p = 0; p < 8; p++)
        fprintf (f, "#%u=IFCCARTESIANPOINT((%.15g,%.15g,%.15g));\n", id++,
                 (base % 1000) * 0.731 + (p & 1) * 4.25, (base % 777) * 0.513 + (p >> 1 & 1) * 3.5,
                 (p >> 2) * 2.8);
      for (guint l = 0; l < 6; l++)
        fprintf (f, "#%u=IFCPOLYLOOP((#%u,#%u,#%u,#%u));\n", id++,
                 base + l % 8, base + (l + 1) % 8, base + (l + 3) % 8, base + (l + 2) % 8);
      for (guint l = 0; l < 6; l++)
        fprintf (f, "#%u=IFCFACEOUTERBOUND(#%u,.T.);\n", id++, base + 8 + l);
      for (guint l = 0; l < 6; l++)
        fprintf (f, "#%u=IFCFACE((#%u));\n", id++, base + 14 + l);
      fprintf (f, "#%u=IFCCLOSEDSHELL((#%u,#%u,#%u,#%u,#%u,#%u));\n", id, base + 20, base + 21,
               base + 22, base + 23, base + 24, base + 25);
      id++;
      fprintf (f, "#%u=IFCFACETEDBREP(#%u);\n", id, id - 1);
      id++;
      fprintf (f, "#%u=IFCPOLYLINE((#%u,#%u,#%u,#%u,#%u));\n", id++, base, base + 1, base + 3, base + 2, base);
      fprintf (f, "#%u=IFCDIRECTION((0.,0.,1.));\n", id++);
      fprintf (f, "#%u=IFCAXIS2PLACEMENT3D(#%u,#%u,$);\n", id, base, id - 1);
      id++;
      fprintf (f, "#%u=IFCLOCALPLACEMENT(#1,#%u);\n", id, id - 1);
      id++;
      fprintf (f, "#%u=IFCPROPERTYSINGLEVALUE('Reference',$,IFCIDENTIFIER('Basic Wall:Interior - 135mm Partition (2-hr)'),$);\n", id++);
      fprintf (f, "#%u=IFCPROPERTYSINGLEVALUE('IsExternal',$,IFCBOOLEAN(.F.),$);\n", id++);
      fprintf (f, "#%u=IFCPROPERTYSINGLEVALUE('Name',$,IFCLABEL('\\X2\\041A043E043C043D0430044204300020\\X0\\%u'),$);\n",
               id++, base);
      fprintf (f, "#%u=IFCPROPERTYSET('%s',#2,'Pset_SpaceCommon',$,(#%u,#%u,#%u));\n", id, guid,
               id - 3, id - 2, id - 1);
      id++;
      fprintf (f, "#%u=IFCQUANTITYAREA('GrossFloorArea',$,$,%.6f);\n", id++, 14.875 + base % 13);
      fprintf (f, "#%u=IFCELEMENTQUANTITY('%s',#2,'BaseQuantities',$,$,(#%u));\n", id, guid, id - 1);
      id++;
      fprintf (f, "#%u=IFCSPACE('%s',#2,'%u','',$,#%u,$,'Office ''%u''',.ELEMENT.,.INTERNAL.,$);\n",
               id, guid, base, id - 8, base % 97);
      id++;
      fprintf (f, "#%u=IFCRELDEFINESBYPROPERTIES('%s',#2,$,$,(#%u),#%u);\n", id, guid, id - 1, id - 2);
      id++;
      if (base % 64 == 1)
        fprintf (f, "/* block %u */\n", base);
    }
  fputs ("ENDSEC;\nEND-ISO-10303-21;\n", f);
  written = ftell (f);
  fclose (f);
  return written;
}

static double
read_best (const char *path, guint runs, guint *n_entities)
{
  double best = G_MAXDOUBLE;

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      gint64 t = g_get_monotonic_time ();
      g_autoptr(PwStepFile) file = pw_step_file_new_for_path (path, &error);
      double s = seconds_since (t);

      g_assert_no_error (error);
      *n_entities = pw_step_file_get_n_entities (file);
      best = MIN (best, s);
    }
  return best;
}

/* Parses every instance's arguments, as far as the reader's memory cap allows;
 * returns the seconds taken and how many instances were parsed. */
static double
parse_all (const char *path, guint *parsed, guint *total)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStepFile) file = pw_step_file_new_for_path (path, &error);
  gint64 t = g_get_monotonic_time ();
  guint i;

  g_assert_no_error (error);
  *total = pw_step_file_get_n_entities (file);
  for (i = 0; i < *total; i++)
    if (pw_step_file_get_args (file, i, &error) == NULL)
      {
        g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT);
        break;
      }
  *parsed = i;
  return seconds_since (t);
}

int
main (int argc, char *argv[])
{
  g_autofree char *tmp = g_dir_make_tmp ("parkwise-bench-step-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "generated.ifc", NULL);
  gsize size;
  guint n;
  double s, all;
  GStatBuf st;
  const char *largest = NULL;
  gint64 largest_size = 0;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  size = generate (path);
  s = read_best (path, 3, &n);
  printf ("generated model: %.1f MB, %u instances: read in %.3f s = %.0f MB/s\n",
          size / 1e6, n, s, size / 1e6 / s);
  {
    guint parsed, total;

    all = parse_all (path, &parsed, &total);
    printf ("generated model: arguments of %u of %u instances parsed (to the memory cap) "
            "in %.3f s = %.1f M instances/s\n", parsed, total, all, parsed / all / 1e6);
  }
  g_unlink (path);
  g_rmdir (tmp);

  if (argc > 1)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[1], 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)))
        if (g_str_has_suffix (name, ".ifc"))
          g_ptr_array_add (files, g_build_filename (argv[1], name, NULL));
      g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
    }
  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      g_autofree char *base = g_path_get_basename (file);

      if (g_stat (file, &st) != 0)
        continue;
      s = read_best (file, 5, &n);
      printf ("%-24s %5.2f MB, %6u instances: read in %6.2f ms = %4.0f MB/s\n",
              base, st.st_size / 1e6, n, s * 1e3, st.st_size / 1e6 / s);
      if (st.st_size > largest_size)
        {
          largest_size = st.st_size;
          largest = file;
        }
    }
  if (largest)
    {
      g_autofree char *base = g_path_get_basename (largest);
      double first = 0, best = G_MAXDOUBLE;

      for (guint r = 0; r < 5; r++)
        {
          g_autoptr(GError) error = NULL;
          gint64 t = g_get_monotonic_time ();
          g_autoptr(PwImportDoc) doc = pw_import_file (largest, &error);

          s = seconds_since (t);
          g_assert_no_error (error);
          if (r == 0)
            first = s;
          best = MIN (best, s);
        }
      printf ("full import of the largest sample, %s: %.3f s first, %.3f s best (target 0.3 s)\n",
              base, first, best);
    }
  return 0;
}
