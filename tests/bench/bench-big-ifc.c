/* bench-big-ifc.c — inspecting an IFC model of campus size
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Target: a 500 MB model is inspected (`parkwise-cli plan inspect FILE`) in 3 s or
 * less with a peak resident set under half the file's size.
 *
 * Usage: bench-big-ifc MODEL.ifc PARKWISE-CLI [MB]
 * MODEL is a small real model; a copy of it, with ids kept, is followed by office
 * furniture (proxies with a polyline footprint, a placement, a property set every
 * ten, contained in the model's first storey) until the file holds MB megabytes
 * (10^6 bytes; default 500, or $PARKWISE_BENCH_IFC_MB). The file is written in a
 * temporary directory and removed afterwards (or kept at $PARKWISE_BENCH_IFC_KEEP,
 * a path, to try it by hand). The rooms found must be those of MODEL.
 *
 * Figures: wall time and peak RSS (wait4's ru_maxrss) of parkwise-cli, warm (the file
 * in the page cache, as just written) and cold (its pages evicted first with
 * posix_fadvise), then the same import in this process with VmHWM. */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pw-import.h"

static char *
make_guid (guint64 n)
{
  static const char alphabet[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$";
  char *s = g_malloc (23);

  for (guint i = 0; i < 22; i++)
    {
      s[i] = alphabet[n % 64];
      n = n * 6364136223846793005u + 1442695040888963407u;
    }
  s[22] = '\0';
  return s;
}

/* The first id a storey has in @text (an IFCBUILDINGSTOREY instance), or 0. */
static guint
first_storey (const char *text)
{
  const char *at = strstr (text, "=IFCBUILDINGSTOREY(");

  while (at && at > text && at[-1] != '#')
    at--;
  return at && at > text ? (guint) g_ascii_strtoull (at, NULL, 10) : 0;
}

static guint
max_id (const char *text)
{
  guint most = 0;

  for (const char *p = strchr (text, '#'); p; p = strchr (p + 1, '#'))
    most = MAX (most, (guint) g_ascii_strtoull (p + 1, NULL, 10));
  return most;
}

static void
flush_container (FILE *f, guint *id, GArray *proxies, guint storey)
{
  g_autofree char *guid = make_guid (*id);

  if (proxies->len == 0)
    return;
  fprintf (f, "#%u=IFCRELCONTAINEDINSPATIALSTRUCTURE('%s',$,'Furniture',$,(", (*id)++, guid);
  for (guint i = 0; i < proxies->len; i++)
    fprintf (f, i ? ",#%u" : "#%u", g_array_index (proxies, guint, i));
  fprintf (f, "),#%u);\n", storey);
  g_array_set_size (proxies, 0);
}

/* Writes @model's DATA and then furniture up to @target bytes. */
static void
generate (const char *path, const char *model, gsize target)
{
  const char *end = g_strrstr (model, "ENDSEC;");
  guint storey = first_storey (model);
  guint id = max_id (model) + 1;
  g_autoptr(GArray) contained = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) typed = g_array_new (FALSE, FALSE, sizeof (guint));
  FILE *f = fopen (path, "w");
  guint64 n = 0;

  g_assert_nonnull (f);
  g_assert_nonnull (end);
  g_assert_cmpuint (storey, >, 0);
  fwrite (model, 1, end - model, f);
  while ((gsize) ftello (f) < target)
    {
      guint base = id, poly, rep, shape, axis, place, proxy, value;
      double x = (double) (n % 400) * 1.6, y = (double) (n / 400 % 400) * 1.2;
      g_autofree char *guid = make_guid (n * 7 + 1);

      for (guint p = 0; p < 4; p++)
        fprintf (f, "#%u=IFCCARTESIANPOINT((%.4f,%.4f,0.75));\n", id++,
                 x + (p == 1 || p == 2 ? 1.2 : 0.), y + (p >= 2 ? 0.8 : 0.));
      fprintf (f, "#%u=IFCPOLYLINE((#%u,#%u,#%u,#%u,#%u));\n", poly = id++,
               base, base + 1, base + 2, base + 3, base);
      fprintf (f, "#%u=IFCSHAPEREPRESENTATION($,'FootPrint','Curve2D',(#%u));\n", rep = id++, poly);
      fprintf (f, "#%u=IFCPRODUCTDEFINITIONSHAPE($,$,(#%u));\n", shape = id++, rep);
      fprintf (f, "#%u=IFCAXIS2PLACEMENT3D(#%u,$,$);\n", axis = id++, base);
      fprintf (f, "#%u=IFCLOCALPLACEMENT($,#%u);\n", place = id++, axis);
      fprintf (f, "#%u=IFCBUILDINGELEMENTPROXY('%s',$,'Desk %" G_GUINT64_FORMAT "',"
               "'Desk 1200 x 800 \\X2\\2013\\X0\\ sit/stand',$,#%u,#%u,'D-%" G_GUINT64_FORMAT "',"
               ".ELEMENT.);\n", proxy = id++, guid, n, place, shape, n);
      fprintf (f, "#%u=IFCPROPERTYSINGLEVALUE('Reference',$,IFCIDENTIFIER('Desk type %u'),$);\n",
               value = id++, (guint) (n % 17));
      g_array_append_val (contained, proxy);
      g_array_append_val (typed, proxy);
      if (typed->len == 10)
        {
          g_autofree char *set_guid = make_guid (n * 7 + 3);
          g_autofree char *rel_guid = make_guid (n * 7 + 5);

          fprintf (f, "#%u=IFCPROPERTYSET('%s',$,'Pset_Furniture',$,(#%u));\n", id, set_guid, value);
          id++;
          fprintf (f, "#%u=IFCRELDEFINESBYPROPERTIES('%s',$,$,$,(", id++, rel_guid);
          for (guint i = 0; i < typed->len; i++)
            fprintf (f, i ? ",#%u" : "#%u", g_array_index (typed, guint, i));
          fprintf (f, "),#%u);\n", id - 2);
          g_array_set_size (typed, 0);
        }
      if (contained->len == 1000)
        flush_container (f, &id, contained, storey);
      n++;
    }
  flush_container (f, &id, contained, storey);
  fputs ("ENDSEC;\nEND-ISO-10303-21;\n", f);
  g_assert_cmpint (fclose (f), ==, 0);
  g_print ("generated %" G_GUINT64_FORMAT " furniture items, %u instance ids\n", n, id - 1);
}

/* Runs `CLI plan inspect PATH` with its output thrown away; returns its wall time
 * in seconds and its peak RSS in MiB. */
static double
run_inspect (const char *cli, const char *path, double *peak_mib)
{
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      int null = open ("/dev/null", O_WRONLY);

      dup2 (null, STDOUT_FILENO);
      execl (cli, cli, "plan", "inspect", path, (char *) NULL);
      _exit (127);
    }
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  *peak_mib = usage.ru_maxrss / 1024.0;
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
evict (const char *path)
{
  int fd = open (path, O_RDONLY);

  g_assert_cmpint (fd, >=, 0);
  fdatasync (fd);
  posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED);
  close (fd);
}

static double
vm_hwm_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line ? g_ascii_strtod (line + 6, NULL) / 1024.0 : -1;
}

static guint
count_rooms (PwImportDoc *doc)
{
  guint n = 0;

  for (guint i = 0; i < doc->levels->len; i++)
    n += ((PwImportLevel *) g_ptr_array_index (doc->levels, i))->rooms->len;
  return n;
}

static void
report (const char *what, double seconds, double peak_mib, double file_mib)
{
  g_print ("%-34s %6.2f s  peak RSS %7.1f MiB = %4.1f%% of the file  [%s]\n", what, seconds,
           peak_mib, 100.0 * peak_mib / file_mib,
           seconds <= 3.0 && peak_mib < file_mib / 2 ? "meets <= 3 s, < 50%" : "MISSES the target");
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *model = NULL, *dir = NULL, *path = NULL;
  g_autoptr(PwImportDoc) small = NULL;
  g_autoptr(PwImportDoc) doc = NULL;
  const char *mb_text = argc > 3 ? argv[3] : g_getenv ("PARKWISE_BENCH_IFC_MB");
  gsize target = (gsize) (mb_text ? g_ascii_strtoull (mb_text, NULL, 10) : 500) * 1000 * 1000;
  double file_mib, peak, seconds;
  GStatBuf st;
  gint64 start;

  if (argc < 3)
    {
      g_printerr ("Usage: %s MODEL.ifc PARKWISE-CLI [MB]\n", argv[0]);
      return 2;
    }
  g_assert_true (g_file_get_contents (argv[1], &model, NULL, &error));
  small = pw_import_file (argv[1], &error);
  g_assert_no_error (error);

  dir = g_dir_make_tmp ("parkwise-big-ifc-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_getenv ("PARKWISE_BENCH_IFC_KEEP") ? g_strdup (g_getenv ("PARKWISE_BENCH_IFC_KEEP"))
                                              : g_build_filename (dir, "campus.ifc", NULL);
  start = g_get_monotonic_time ();
  generate (path, model, target);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  file_mib = st.st_size / 1048576.0;
  g_print ("wrote %s: %.1f MiB (%.0f MB) in %.1f s\n", path, file_mib, st.st_size / 1e6,
           (g_get_monotonic_time () - start) / 1e6);

  seconds = run_inspect (argv[2], path, &peak);
  report ("parkwise-cli plan inspect, warm", seconds, peak, file_mib);
  evict (path);
  seconds = run_inspect (argv[2], path, &peak);
  report ("parkwise-cli plan inspect, cold", seconds, peak, file_mib);

  /* in process: reset the high-water mark, then import as inspect does */
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
  start = g_get_monotonic_time ();
  doc = pw_import_file (path, &error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_no_error (error);
  report ("pw_import_file in process (VmHWM)", seconds, vm_hwm_mib (), file_mib);
  g_assert_cmpuint (count_rooms (doc), ==, count_rooms (small));
  g_assert_cmpuint (count_rooms (doc), >, 0);
  g_print ("rooms found: %u on %u levels, as in %s\n", count_rooms (doc), doc->levels->len, argv[1]);

  if (!g_getenv ("PARKWISE_BENCH_IFC_KEEP"))
    g_unlink (path);
  g_rmdir (dir);
  return 0;
}
