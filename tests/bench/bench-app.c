/* bench-app.c — the window's first showing on the demo park, and filtering a
 * park of 100,000 spaces (budget: 50 ms per change of a filter)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display: run under `xvfb-run -a`. Prints its figures; the exit status
 * is 1 when a filter change of the models (store → sort → filter → rows) is
 * over budget. With the list attached, its rows are bound again, and GTK 4.8
 * makes or drops row widgets when the number of rows crosses the ~200 it
 * keeps; that part is printed for information. */
#include "config.h"

#include <adwaita.h>

#include "bench-common.h"
#include "pw-application.h"
#include "pw-assets-page.h"
#include "pw-window.h"

#define FILTER_BUDGET_MS 50.0

static gboolean over_budget;

static void
iterate_until_mapped_and (PwWindow *window,
                          guint     n_items)
{
  PwAssetsPage *page = pw_window_get_assets_page (window);
  GListModel *visible = pw_assets_page_get_visible_spaces (page);
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (GTK_WIDGET (window)) ||
         g_list_model_get_n_items (visible) != n_items)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the window did not show %u spaces", n_items);
      g_main_context_iteration (NULL, TRUE);
    }
  /* and the frame that draws it */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static double
time_window (PwStore *store,
             guint    n_spaces,
             PwWindow **out)
{
  gint64 t = g_get_monotonic_time ();
  PwWindow *window = pw_window_new (NULL, store);

  gtk_window_present (GTK_WINDOW (window));
  iterate_until_mapped_and (window, n_spaces);
  *out = window;
  return bench_ms_since (t);
}

/* Starts the real program on @db and reads what PARKWISE_REPORT_STARTUP makes
 * it print: the monotonic time of its first frame showing the ledger, and its
 * resident memory then. */
static void
time_launch (const char *parkwise, const char *db, const char *what)
{
  const char *argv[] = { parkwise, "--db", db, NULL };
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "PARKWISE_REPORT_STARTUP", "1", TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 frame = 0, start = g_get_monotonic_time ();
  long rss = 0;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, &error))
    g_error ("%s", error->message);
  if (out == NULL || sscanf (out, "first-frame-usec %" G_GINT64_FORMAT " rss-kib %ld",
                             &frame, &rss) != 2)
    g_error ("%s did not report its first frame: %s", parkwise, out ? out : "");
  printf ("launch to first frame, %-26s %7.1f ms, %6.1f MiB resident (GSK_RENDERER=%s)\n",
          what, (frame - start) / 1000.0, rss / 1024.0,
          g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");
}

typedef void (*Change) (PwAssetsPage *page, gconstpointer data);

static void
change_search (PwAssetsPage *page, gconstpointer data)
{
  pw_assets_page_set_search_text (page, data);
}

static void
change_status (PwAssetsPage *page, gconstpointer data)
{
  pw_assets_page_set_status_filter (page, GPOINTER_TO_INT (data));
}

static void
change_kind (PwAssetsPage *page, gconstpointer data)
{
  pw_assets_page_set_kind_filter (page, GPOINTER_TO_INT (data));
}

static gboolean measuring_models;

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Lets @widget's window lay out and draw a frame, as it has by the time
 * anyone can type into the search entry. */
static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  g_assert (clock != NULL);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

static void
time_filter (PwAssetsPage  *page,
             const char    *what,
             Change         change,
             gconstpointer  data)
{
  GListModel *visible = pw_assets_page_get_visible_spaces (page);
  gint64 t = g_get_monotonic_time ();
  double ms;

  change (page, data);
  ms = bench_ms_since (t);
  if (measuring_models && ms > FILTER_BUDGET_MS)
    over_budget = TRUE;
  printf ("  %-44s %7.1f ms  %6u rows%s\n", what, ms, g_list_model_get_n_items (visible),
          measuring_models && ms > FILTER_BUDGET_MS ? "  OVER BUDGET" : "");
  /* let the list redraw between changes, outside the measured part */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("parkwise-bench-app-XXXXXX", NULL);
  g_autofree char *demo_path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *big_path = g_build_filename (dir, "big.db", NULL);
  g_autoptr(PwStore) demo = NULL;
  g_autoptr(PwStore) big = NULL;
  g_autoptr(GPtrArray) spaces = NULL;
  g_autofree char *park = NULL;
  PwWindow *window = NULL;
  PwAssetsPage *page;
  gint64 t;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("XDG_CONFIG_HOME", dir, TRUE);
  g_setenv ("XDG_CACHE_HOME", dir, TRUE);
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  if (!gtk_init_check ())
    g_error ("Cannot open a display; run this benchmark under xvfb-run -a");
  adw_init ();

  /* 1. the demo park, as a first start sees it */
  t = g_get_monotonic_time ();
  demo = pw_application_open_store (demo_path, &error);
  g_assert_no_error (error);
  printf ("open and seed the demo park:                  %7.1f ms\n", bench_ms_since (t));
  spaces = pw_ledger_load_spaces (demo, NULL, &error);
  g_assert_no_error (error);
  printf ("first window on the demo park (%u spaces):   %7.1f ms\n", spaces->len,
          time_window (demo, spaces->len, &window));
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_pointer (&spaces, g_ptr_array_unref);

  /* the real program on the demo park, from a cold process, while this one
   * is still small (a fork of a big process costs time of its own) */
  if (argc > 1)
    for (int i = 0; i < 3; i++)
      time_launch (argv[1], demo_path, "demo park (target 400 ms)");

  /* 2. a park of 100,000 spaces */
  big = pw_store_open (big_path, &error);
  g_assert_no_error (error);
  pw_ledger_attach (big);
  t = g_get_monotonic_time ();
  park = bench_generate_park (big, 10, 40, 250);
  printf ("generate 100,000 spaces:                      %7.1f ms\n", bench_ms_since (t));
  /* the real program on 100,000 spaces, once the store has finished writing
   * (closing it waits for its checkpoint) */
  if (argc > 1)
    {
      g_clear_object (&big);
      for (int i = 0; i < 3; i++)
        time_launch (argv[1], big_path, "100,000 spaces (target 200 MiB)");
      big = pw_store_open (big_path, &error);
      g_assert_no_error (error);
      pw_ledger_attach (big);
    }
  printf ("first window on 100,000 spaces:               %7.1f ms\n",
          time_window (big, 100000, &window));

  page = pw_window_get_assets_page (window);

  {
    GtkColumnView *view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                          PW_TYPE_ASSETS_PAGE,
                                                                          "column_view"));
    g_autoptr(GtkSelectionModel) model = g_object_ref (gtk_column_view_get_model (view));

    for (int pass = 0; pass < 2; pass++)
      {
        measuring_models = pass == 0;
        if (measuring_models)
          {
            gtk_column_view_set_model (view, NULL);
            printf ("filter changes on 100,000 spaces, models only (budget %.0f ms):\n",
                    FILTER_BUDGET_MS);
          }
        else
          {
            gtk_column_view_set_model (view, model);
            wait_for_frame (GTK_WIDGET (view));
            printf ("the same with the list showing them:\n");
          }

        time_filter (page, "search \"b03\"", change_search, "b03");
        time_filter (page, "search \"b03-f12\" (narrower)", change_search, "b03-f12");
        time_filter (page, "search \"b03-f12-0042\" (one row)", change_search, "b03-f12-0042");
        time_filter (page, "search cleared", change_search, "");
        time_filter (page, "search \"no such space\"", change_search, "no such space");
        time_filter (page, "search cleared", change_search, "");
        time_filter (page, "status: leased", change_status,
                     GINT_TO_POINTER (PW_SPACE_STATUS_LEASED));
        time_filter (page, "kind: lab", change_kind, GINT_TO_POINTER (PW_SPACE_KIND_LAB));
        time_filter (page, "kind: all", change_kind, GINT_TO_POINTER (-1));
        time_filter (page, "status: all", change_status, GINT_TO_POINTER (-1));
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&big);
  g_clear_object (&demo);
  {
    const char *files[] = { "demo.db", "demo.db-wal", "demo.db-shm",
                            "big.db", "big.db-wal", "big.db-shm", NULL };
    for (guint i = 0; files[i] != NULL; i++)
      {
        g_autofree char *file = g_build_filename (dir, files[i], NULL);
        g_remove (file);
      }
    g_rmdir (dir);
  }

  return over_budget ? 1 : 0;
}
