/* test-layout.c — every page of the main window fits a phone's width (360 px)
 * and lays out at a desktop's (1,400 px) without a warning
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (Xvfb in CI) and fails, rather than skips, without one. The
 * tests run with G_DEBUG=fatal-warnings, so a size warning from GTK (a label
 * reporting a negative width, a widget allocated below its minimum) fails them. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "app-test-util.h"
#include "pw-assets-page.h"
#include "pw-ledger.h"
#include "pw-window.h"

typedef struct {
  char     *tmpdir;
  PwStore  *store;
  PwWindow *window;
  int       frames;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = app_test_open_demo_ledger ("parkwise-layout-XXXXXX", &f->tmpdir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  app_test_destroy_window (&f->window);
  g_clear_object (&f->store);
  app_test_remove_tmpdir (&f->tmpdir);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Fixture       *f)
{
  f->frames++;
}

static gboolean
painted_since (Fixture       *f,
               gconstpointer  data)
{
  return f->frames > GPOINTER_TO_INT (data);
}

/* Shows @name and waits until two frames are painted with it. */
static void
show_page (Fixture    *f,
           AdwViewStack *stack,
           const char *name)
{
  int frames;

  adw_view_stack_set_visible_child_name (stack, name);
  frames = f->frames;
  app_test_wait_for ((AppTestCondition) painted_since, f, GINT_TO_POINTER (frames + 1), name);
}

/* Names, for the log, the innermost widgets that need more than @width, so a
 * failure says where the page is too wide. */
static gboolean
report_too_wide (GtkWidget *widget,
                 int        width,
                 int        depth)
{
  gboolean inner = FALSE;
  int min = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min <= width)
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (report_too_wide (child, width, depth + 1))
      inner = TRUE;
  if (!inner)
    {
      const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));
      GtkWidget *parent = gtk_widget_get_parent (widget);

      g_test_message ("too wide: %s #%s in %s needs %d px (depth %d)",
                      G_OBJECT_TYPE_NAME (widget), id ? id : "-",
                      parent ? G_OBJECT_TYPE_NAME (parent) : "-", min, depth);
      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min = 0;

          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, NULL, NULL, NULL);
          g_test_message ("  holding %s #%s (%s) of %d px", G_OBJECT_TYPE_NAME (child),
                          gtk_buildable_get_buildable_id (GTK_BUILDABLE (child))
                            ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (child)) : "-",
                          GTK_IS_LABEL (child) ? gtk_label_get_label (GTK_LABEL (child))
                            : GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child))
                              ? gtk_button_get_label (GTK_BUTTON (child)) : "",
                          child_min);
        }
    }
  return TRUE;
}

/* With PW_LAYOUT_SHOTS=DIR, each page is also saved as DIR/PAGE-WIDTH.png, to
 * look at by eye. */
static void
save_shot (Fixture    *f,
           const char *name,
           int         width)
{
  const char *dir = g_getenv ("PW_LAYOUT_SHOTS");
  GtkWidget *widget = GTK_WIDGET (f->window);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  graphene_rect_t bounds;

  if (dir == NULL)
    return;
  /* after the leaflets' and switchers' transitions */
  {
    gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  graphene_rect_init (&bounds, 0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node, &bounds);
  file = g_strdup_printf ("%s/%s-%d.png", dir, name, width);
  gdk_texture_save_to_png (texture, file);
}

/* The first widget under @root (depth first) with the CSS class @name. */
static GtkWidget *
find_with_class (GtkWidget *root, const char *name)
{
  if (gtk_widget_has_css_class (root, name))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Shows every widget under @widget and sets its labels to @text. */
static void
show_all_under (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget))
    gtk_label_set_text (GTK_LABEL (widget), text);
  gtk_widget_set_visible (widget, TRUE);
  if (GTK_IS_BUTTON (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    show_all_under (child, text);
}

/* The editor's refusal banner over the plan, shown as it is when a split of a
 * leased room is refused (its text naming the contract, the Start Amendment
 * button beside it): an overlay does not make its page wider, so it is measured
 * on its own. */
static void
check_refusal_banner (Fixture *f, GtkWidget *plans, int width)
{
  GtkWidget *banner = find_with_class (plans, "app-notification");
  g_autofree char *text = NULL;
  int min = 0;

  g_assert_nonnull (banner);
  text = g_strdup_printf (_("%s cannot be split: contract %s holds it; amend the contract first"),
                          "T1-F03-008", "LSP-2026-021");
  show_all_under (banner, text);
  gtk_widget_measure (banner, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_test_message ("the refusal banner needs %d px", min);
  if (min > width)
    report_too_wide (banner, width, 0);
  save_shot (f, "plans-refusal", width);
  g_assert_cmpint (min, <=, width);
  gtk_widget_set_visible (banner, FALSE);
}

static void
test_layout_width (Fixture       *f,
                   gconstpointer  data)
{
  int width = GPOINTER_TO_INT (data);
  AdwViewStack *stack;
  g_autoptr(GListModel) pages = NULL;
  GtkWidget *content;
  GdkFrameClock *clock;

  f->window = app_test_new_window (f->store);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  app_test_wait_for ((AppTestCondition) gtk_widget_get_mapped, f->window, NULL, "the window");
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), f);

  stack = ADW_VIEW_STACK (app_test_template_child (f->window, PW_TYPE_WINDOW, "view_stack"));
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window));
  pages = G_LIST_MODEL (adw_view_stack_get_pages (stack));
  g_assert_cmpuint (g_list_model_get_n_items (pages), >=, 5);

  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);
      const char *name = adw_view_stack_page_get_name (page);
      int min = 0;

      g_test_message ("page %s at %d px", name, width);
      show_page (f, stack, name);
      /* the page asks for no more than the window has … */
      gtk_widget_measure (adw_view_stack_page_get_child (page), GTK_ORIENTATION_HORIZONTAL, -1,
                          &min, NULL, NULL, NULL);
      g_test_message ("page %s needs %d px", name, min);
      if (min > width)
        report_too_wide (adw_view_stack_page_get_child (page), width, 0);
      save_shot (f, name, width);
      g_assert_cmpint (min, <=, width);

      /* the Plans page in edit mode too, with its tools */
      if (g_str_equal (name, "plans"))
        {
          GtkWidget *plans = adw_view_stack_page_get_child (page);

          g_assert_true (gtk_widget_activate_action (plans, "plan.edit", NULL));
          gtk_widget_measure (plans, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
          g_test_message ("page plans in edit mode needs %d px", min);
          if (min > width)
            report_too_wide (plans, width, 0);
          save_shot (f, "plans-edit", width);
          g_assert_cmpint (min, <=, width);
          check_refusal_banner (f, plans, width);
          g_assert_true (gtk_widget_activate_action (plans, "plan.edit", NULL));
        }
    }

  /* … and so does the window with all of them */
  {
    int min = 0;

    gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
    if (min > width)
      report_too_wide (content, width, 0);
    g_assert_cmpint (min, <=, width);
    /* the window is no wider than asked (a screen may give it a little less),
     * and its content gets at least what it needs, so nothing is cut off */
    gtk_widget_queue_draw (GTK_WIDGET (f->window));
    app_test_wait_for ((AppTestCondition) painted_since, f, GINT_TO_POINTER (f->frames), "a frame");
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, width);
    g_assert_cmpint (gtk_widget_get_width (content), >=, min);
  }

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, f);
}

static gboolean
leaflet_shows (AdwLeaflet    *leaflet,
               gconstpointer  name)
{
  return g_strcmp0 (adw_leaflet_get_visible_child_name (leaflet), name) == 0
         && !adw_leaflet_get_child_transition_running (leaflet);
}

static guint
selected_position (GtkWidget *view)
{
  GtkSelectionModel *model = GTK_IS_LIST_VIEW (view) ? gtk_list_view_get_model (GTK_LIST_VIEW (view))
                                                      : gtk_column_view_get_model (GTK_COLUMN_VIEW (view));
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);

  g_assert_false (gtk_bitset_is_empty (selected));
  return gtk_bitset_get_minimum (selected);
}

/* On a phone's width the Assets page shows its tree, its spaces or a space
 * alone: a floor chosen by the user (Enter or a click activates its row)
 * shows its spaces, a space chosen shows its detail, Back returns; a choice
 * the page makes itself (a restored floor, a selection from elsewhere)
 * leaves the pane in view where it is. */
static void
test_layout_assets_narrow (Fixture       *f,
                           gconstpointer  data)
{
  PwAssetsPage *page;
  AdwLeaflet *leaflet;
  GtkWidget *tree_view, *column_view;
  g_autoptr(GPtrArray) spaces = NULL;
  PwSpace *space;

  f->window = app_test_new_window (f->store);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  app_test_wait_for ((AppTestCondition) gtk_widget_get_mapped, f->window, NULL, "the window");

  page = PW_ASSETS_PAGE (app_test_template_child (f->window, PW_TYPE_WINDOW, "assets_page"));
  leaflet = ADW_LEAFLET (app_test_template_child (page, PW_TYPE_ASSETS_PAGE, "leaflet"));
  tree_view = app_test_template_child (page, PW_TYPE_ASSETS_PAGE, "tree_view");
  column_view = app_test_template_child (page, PW_TYPE_ASSETS_PAGE, "column_view");
  app_test_wait_for ((AppTestCondition) adw_leaflet_get_folded, leaflet, NULL, "the leaflet to fold");
  app_test_wait_for ((AppTestCondition) leaflet_shows, leaflet, "tree", "the tree alone");

  spaces = pw_ledger_load_spaces (f->store, pw_assets_page_get_park_id (page), NULL);
  g_assert_nonnull (spaces);
  space = g_ptr_array_index (spaces, 0);

  /* the page chooses a floor: the tree stays in view */
  g_assert_true (pw_assets_page_select_node (page, pw_space_get_floor_id (space)));
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "tree");

  /* the user activates it: its spaces */
  gtk_widget_activate_action (tree_view, "list.activate-item", "u", selected_position (tree_view));
  app_test_wait_for ((AppTestCondition) leaflet_shows, leaflet, "list", "the spaces alone");

  /* … and a space: its detail */
  g_assert_true (pw_assets_page_select_space (page, pw_space_get_id (space)));
  /* a column view's rows are those of the list view inside it */
  for (GtkWidget *child = gtk_widget_get_first_child (column_view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      g_assert_true (gtk_widget_activate_action (child, "list.activate-item", "u",
                                                 selected_position (column_view)));
  app_test_wait_for ((AppTestCondition) leaflet_shows, leaflet, "detail", "the space's detail");

  /* Back, twice: the spaces, then the tree */
  gtk_widget_activate_action (GTK_WIDGET (page), "assets.back", NULL);
  app_test_wait_for ((AppTestCondition) leaflet_shows, leaflet, "list", "back to the spaces");
  gtk_widget_activate_action (GTK_WIDGET (page), "assets.back", NULL);
  app_test_wait_for ((AppTestCondition) leaflet_shows, leaflet, "tree", "back to the tree");
}

int
main (int   argc,
      char *argv[])
{
  char *scratch = app_test_init (&argc, &argv);

  g_test_add ("/app/layout/360", Fixture, GINT_TO_POINTER (360),
              fixture_set_up, test_layout_width, fixture_tear_down);
  g_test_add ("/app/layout/1400", Fixture, GINT_TO_POINTER (1400),
              fixture_set_up, test_layout_width, fixture_tear_down);
  g_test_add ("/app/layout/assets-narrow", Fixture, NULL,
              fixture_set_up, test_layout_assets_narrow, fixture_tear_down);

  return app_test_run (scratch);
}
