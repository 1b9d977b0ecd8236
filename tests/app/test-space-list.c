/* test-space-list.c — the space list on screen shows, row by row, what the
 * filters and the sort ask for, however they change
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window on a generated park of a few hundred spaces takes many random
 * changes of search, kind, status, scope, sort column and direction, area
 * unit, scroll position and selection. After each, once a frame is drawn, the
 * test computes the list it expects by itself (its own copy of the spaces,
 * its own filter, the sorter's comparison with GtkSortListModel's tie-break
 * by store order) and checks the page's list against it, and every row widget
 * the column view holds: each cell shows the text of the expected space for
 * the row's position, rows come in order of position, and only the selected
 * position looks selected. A selected space stays selected while the filters
 * keep it, at its new position, or the selection clears. GTK warnings (such as
 * "Duplicate item detected in list") are fatal here (G_DEBUG=fatal-warnings). */
#include "config.h"

#include <adwaita.h>

#include "app-test-util.h"
#include "pw-area.h"
#include "pw-assets-page.h"
#include "pw-ledger.h"
#include "pw-row-list.h"
#include "pw-space-detail.h"
#include "pw-text-cell.h"
#include "pw-window.h"

#define N_BUILDINGS 3
#define N_FLOORS    4
#define N_SPACES    30   /* per floor */
#define N_STEPS     400

enum {
  COLUMN_CODE, COLUMN_NAME, COLUMN_BUILDING, COLUMN_FLOOR, COLUMN_KIND, COLUMN_STATUS,
  COLUMN_INTERNAL_AREA, COLUMN_CHARGEABLE_AREA, N_COLUMNS
};

typedef struct {
  char          *tmpdir;
  PwStore       *store;
  char          *park_id;
  PwWindow      *window;
  PwAssetsPage  *page;
  GtkColumnView *view;
  GSettings     *settings;

  GPtrArray     *spaces;       /* the test's own PwSpace, in the store's order */
  GHashTable    *store_index;  /* space id → position in @spaces */
  GPtrArray     *expected;     /* of @spaces, what the list should show */

  /* what the test has asked for */
  char          *search;       /* as typed */
  int            kind;
  int            status;
  int            scope_kind;   /* PwNodeKind */
  char          *scope_id;
  gboolean       square_feet;
  guint          n_checked_rows;
} Fixture;

static char *
generate_park (PwStore *store)
{
  static const char *const kinds[] = { "office", "lab", "retail", "storage", "workshop" };
  static const char *const statuses[] = { "leased", "available", "reserved", "leased" };
  static const char *const names[] = { "Office", "Lab", "Studio", "Store Room", "Shop",
                                       "office annex", "Workshop" };
  g_autoptr(GPtrArray) muts = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  g_autoptr(GError) error = NULL;
  PwMutation *m = pw_mutation_new_insert ("park", NULL);
  char *park = g_strdup (pw_mutation_get_id (m));

  pw_mutation_set_string (m, "code", "TEST");
  pw_mutation_set_string (m, "name", "Test Park");
  pw_mutation_set_string (m, "code_pattern", "{building}-{floor}-{seq:4}");
  pw_mutation_set_string (m, "currency", "CNY");
  g_ptr_array_add (muts, m);
  for (guint b = 0; b < N_BUILDINGS; b++)
    {
      g_autofree char *bcode = g_strdup_printf ("B%02u", b + 1);
      PwMutation *bm = pw_mutation_new_insert ("building", NULL);
      const char *bid = pw_mutation_get_id (bm);

      pw_mutation_set_string (bm, "park_id", park);
      pw_mutation_set_string (bm, "code", bcode);
      pw_mutation_set_string (bm, "name", bcode);
      pw_mutation_set_string (bm, "kind", "office");
      g_ptr_array_add (muts, bm);
      for (guint fl = 0; fl < N_FLOORS; fl++)
        {
          g_autofree char *fcode = g_strdup_printf ("F%02u", fl + 1);
          PwMutation *fm = pw_mutation_new_insert ("floor", NULL);
          const char *fid = pw_mutation_get_id (fm);

          pw_mutation_set_string (fm, "park_id", park);
          pw_mutation_set_string (fm, "building_id", bid);
          pw_mutation_set_string (fm, "code", fcode);
          pw_mutation_set_string (fm, "name", fcode);
          pw_mutation_set_int (fm, "level", fl + 1);
          g_ptr_array_add (muts, fm);
          for (guint s = 0; s < N_SPACES; s++)
            {
              /* codes out of step with the store's order, names and areas
               * with ties, so that every sort column reorders */
              guint seq = (s * 7 + b * 3 + fl) % N_SPACES + 1;
              g_autofree char *code = g_strdup_printf ("%s-%s-%04u", bcode, fcode, seq);
              g_autofree char *name = g_strdup_printf ("%s %u", names[(s + fl) % G_N_ELEMENTS (names)],
                                                       (s * 13 + b) % 5);
              PwMutation *sm = pw_mutation_new_insert ("space", NULL);
              gint64 area = 1000 + (gint64) (((s + b * 31 + fl * 17) * 7919u) % 12u) * 250;

              pw_mutation_set_string (sm, "park_id", park);
              pw_mutation_set_string (sm, "floor_id", fid);
              pw_mutation_set_string (sm, "code", code);
              pw_mutation_set_string (sm, "name", name);
              pw_mutation_set_string (sm, "kind", kinds[(s + b) % G_N_ELEMENTS (kinds)]);
              pw_mutation_set_string (sm, "status", statuses[(s / 2 + fl) % G_N_ELEMENTS (statuses)]);
              pw_mutation_set_int (sm, "gross_area", area + 500);
              pw_mutation_set_int (sm, "internal_area", area);
              pw_mutation_set_int (sm, "usable_area", area * 9 / 10);
              pw_mutation_set_bool (sm, "leasable", TRUE);
              pw_mutation_set_bool (sm, "takes_share", TRUE);
              pw_mutation_set_string (sm, "area_basis", s % 3 ? "gross" : "internal");
              g_ptr_array_add (muts, sm);
            }
        }
    }
  if (!pw_store_apply_all (store, (PwMutation **) muts->pdata, muts->len, &error))
    g_error ("generating the test park: %s", error->message);
  return park;
}

/* Cells: the test learns which list item and column each cell's widget is */

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  column)
{
  GtkWidget *child = gtk_list_item_get_child (list_item);

  g_assert_nonnull (child);
  g_object_set_data (G_OBJECT (child), "test-list-item", list_item);
  g_object_set_data (G_OBJECT (child), "test-column", column);
}

static void
painted_cb (GdkFrameClock *clock,
            gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Lets the window lay out and paint a frame, as it has before a user acts. */
static void
draw (Fixture *f)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gboolean painted = FALSE;
  gulong id;
  guint wake;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &painted);
  wake = g_timeout_add (20, wake_cb, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (f->window));
  while (!painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (painted);
  g_source_remove (wake);
  g_signal_handler_disconnect (clock, id);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The expected list */

static gboolean
expect_space (Fixture *f,
              PwSpace *space)
{
  g_autofree char *needle = NULL;
  g_autofree char *key = NULL;
  g_autofree char *stripped = NULL;

  if (f->kind >= 0 && (int) pw_space_get_kind (space) != f->kind)
    return FALSE;
  if (f->status >= 0 && (int) pw_space_get_status (space) != f->status)
    return FALSE;
  /* a common area in working order shows no status, so no status filter lists it */
  if (f->status >= 0 && (pw_space_get_kind (space) == PW_SPACE_KIND_COMMON_AREA ||
                         pw_space_get_kind (space) == PW_SPACE_KIND_MACHINE_ROOM) &&
      f->status != PW_SPACE_STATUS_UNDER_REPAIR && f->status != PW_SPACE_STATUS_UNDER_RENOVATION)
    return FALSE;

  stripped = g_strstrip (g_strdup (f->search));
  /* a search covers the whole park; the tree's scope holds without one */
  if (stripped[0] == '\0')
    {
      if (f->scope_kind == PW_NODE_BUILDING &&
          g_strcmp0 (pw_space_get_building_id (space), f->scope_id) != 0)
        return FALSE;
      if (f->scope_kind == PW_NODE_FLOOR &&
          g_strcmp0 (pw_space_get_floor_id (space), f->scope_id) != 0)
        return FALSE;
      return TRUE;
    }
  needle = g_utf8_casefold (stripped, -1);
  key = g_utf8_casefold (pw_space_get_code (space), -1);
  if (strstr (key, needle) != NULL)
    return TRUE;
  g_free (key);
  key = g_utf8_casefold (pw_space_get_name (space), -1);
  return strstr (key, needle) != NULL;
}

static int
compare_expected (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  Fixture *f = user_data;
  PwSpace *sa = *(PwSpace **) a, *sb = *(PwSpace **) b;
  int order = gtk_sorter_compare (gtk_column_view_get_sorter (f->view), sa, sb);
  guint ia, ib;

  if (order != GTK_ORDERING_EQUAL)
    return order;
  /* GtkSortListModel keeps ties in the order of its model */
  ia = GPOINTER_TO_UINT (g_hash_table_lookup (f->store_index, pw_space_get_id (sa)));
  ib = GPOINTER_TO_UINT (g_hash_table_lookup (f->store_index, pw_space_get_id (sb)));
  return ia < ib ? -1 : ia > ib;
}

static void
compute_expected (Fixture *f)
{
  g_ptr_array_set_size (f->expected, 0);
  for (guint i = 0; i < f->spaces->len; i++)
    if (expect_space (f, f->spaces->pdata[i]))
      g_ptr_array_add (f->expected, f->spaces->pdata[i]);
  g_ptr_array_sort_with_data (f->expected, compare_expected, f);
}

static guint
expected_position (Fixture    *f,
                   const char *space_id)
{
  for (guint i = 0; space_id != NULL && i < f->expected->len; i++)
    if (g_str_equal (pw_space_get_id (f->expected->pdata[i]), space_id))
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static char *
expected_text (Fixture *f,
               PwSpace *space,
               int      column)
{
  switch (column)
    {
    case COLUMN_CODE:
      return g_strdup (pw_space_get_code (space));
    case COLUMN_NAME:
      return g_strdup (pw_space_get_name (space));
    case COLUMN_BUILDING:
      return g_strdup (pw_space_get_building_code (space));
    case COLUMN_FLOOR:
      return g_strdup (pw_space_get_floor_code (space));
    case COLUMN_KIND:
      return g_strdup (pw_space_get_kind_label (space));
    case COLUMN_STATUS:
      /* a common area or machine room in working order reads as the plan shows it */
      if ((pw_space_get_kind (space) == PW_SPACE_KIND_COMMON_AREA ||
           pw_space_get_kind (space) == PW_SPACE_KIND_MACHINE_ROOM) &&
          pw_space_get_status (space) != PW_SPACE_STATUS_UNDER_REPAIR &&
          pw_space_get_status (space) != PW_SPACE_STATUS_UNDER_RENOVATION)
        return g_strdup (pw_space_kind_get_label (PW_SPACE_KIND_COMMON_AREA));
      return g_strdup (pw_space_get_status_label (space));
    case COLUMN_INTERNAL_AREA:
      return pw_area_format_with_unit (pw_space_get_internal_area (space), f->square_feet);
    case COLUMN_CHARGEABLE_AREA:
      return pw_area_format_with_unit (pw_space_get_chargeable_area (space), f->square_feet);
    default:
      g_assert_not_reached ();
    }
}

/* The checks */

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LIST_VIEW (child))
        return child;
      if ((found = find_list_view (child)) != NULL)
        return found;
    }
  return NULL;
}

/* The text a cell shows. */
static const char *
cell_text (GtkWidget *cell_child)
{
  /* the code column's text sits in a group that carries the row's name */
  if (!PW_IS_TEXT_CELL (cell_child))
    cell_child = gtk_widget_get_first_child (cell_child);
  return pw_text_cell_get_text (PW_TEXT_CELL (cell_child));
}

static void
check_rows (Fixture *f,
            guint    selected)
{
  GtkWidget *list_view = find_list_view (GTK_WIDGET (f->view));
  guint last_position = GTK_INVALID_LIST_POSITION;
  guint n_rows = 0;

  g_assert_nonnull (list_view);
  for (GtkWidget *row = gtk_widget_get_first_child (list_view); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      guint row_position = GTK_INVALID_LIST_POSITION;
      guint n_cells = 0;

      for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL;
           cell = gtk_widget_get_next_sibling (cell))
        {
          GtkWidget *child = gtk_widget_get_first_child (cell);
          GtkListItem *list_item;
          int column;
          guint position;
          PwSpace *shown;
          PwSpace *want;
          g_autofree char *text = NULL;

          if (child == NULL || (list_item = g_object_get_data (G_OBJECT (child), "test-list-item")) == NULL)
            continue;
          column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "test-column"));
          position = gtk_list_item_get_position (list_item);
          if (position >= f->expected->len)
            g_error ("a row widget stayed at position %u of %u", position, f->expected->len);
          if (row_position == GTK_INVALID_LIST_POSITION)
            row_position = position;
          /* the cells of a row are of one position */
          g_assert_cmpuint (position, ==, row_position);

          want = f->expected->pdata[position];
          shown = pw_row_get_item (gtk_list_item_get_item (list_item));
          g_assert_cmpstr (pw_space_get_id (shown), ==, pw_space_get_id (want));
          text = expected_text (f, want, column);
          if (g_strcmp0 (cell_text (child), text) != 0)
            g_error ("row %u, column %d shows \"%s\", not \"%s\" of %s",
                     position, column, cell_text (child), text,
                     pw_space_get_code (want));
          g_assert_cmpint (gtk_list_item_get_selected (list_item), ==, position == selected);
          n_cells++;
        }
      if (n_cells == 0)
        continue;
      /* a scope hides its building or floor column */
      g_assert_cmpuint (n_cells, >=, N_COLUMNS - 2);
      /* rows come in order of position */
      g_assert_true (last_position == GTK_INVALID_LIST_POSITION || row_position > last_position);
      last_position = row_position;
      g_assert_cmpint ((gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED) != 0, ==,
                       row_position == selected);
      n_rows++;
    }

  if (f->expected->len > 0)
    g_assert_cmpuint (n_rows, >, 0);
  f->n_checked_rows += n_rows;
}

static void
check (Fixture    *f,
       const char *kept_id)
{
  GListModel *visible = pw_assets_page_get_visible_spaces (f->page);
  GtkSelectionModel *rows = gtk_column_view_get_model (f->view);
  PwSpace *selected = pw_assets_page_get_selected_space (f->page);
  PwSpace *detail = pw_space_detail_get_space (pw_assets_page_get_space_detail (f->page));
  guint want_selected;

  draw (f);
  compute_expected (f);

  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, f->expected->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, f->expected->len);
  for (guint i = 0; i < f->expected->len; i++)
    {
      g_autoptr(PwSpace) space = g_list_model_get_item (visible, i);

      g_assert_cmpstr (pw_space_get_id (space), ==, pw_space_get_id (f->expected->pdata[i]));
    }

  /* the selection follows its space or clears, and the detail shows it */
  want_selected = expected_position (f, kept_id);
  if (want_selected == GTK_INVALID_LIST_POSITION)
    g_assert_null (selected);
  else
    {
      g_assert_nonnull (selected);
      g_assert_cmpstr (pw_space_get_id (selected), ==, kept_id);
    }
  g_assert_cmpuint (pw_row_list_get_selected (PW_ROW_LIST (rows)), ==, want_selected);
  if (selected == NULL)
    g_assert_null (detail);
  else
    {
      g_assert_nonnull (detail);
      g_assert_cmpstr (pw_space_get_id (detail), ==, pw_space_get_id (selected));
    }
  /* a selected space's detail leads the side pane; without one the summary does */
  if (selected == NULL)
    g_assert_nonnull (gtk_widget_get_prev_sibling (GTK_WIDGET (pw_assets_page_get_space_detail (f->page))));
  else
    g_assert_null (gtk_widget_get_prev_sibling (GTK_WIDGET (pw_assets_page_get_space_detail (f->page))));

  check_rows (f, want_selected);
}

/* The changes */

static char *
random_search (Fixture *f)
{
  static const char *const searches[] = {
    "", "", "", "", "b0", "b01", "b02-f0", "b03-f04", "f02", "f03-00", "-001", "0012",
    "office", "OFFICE", "  lab ", "studio 3", "room", "o", "no such space",
  };

  if (g_test_rand_int_range (0, 3) == 0)
    {
      /* narrow or widen the current search by a letter */
      gsize len = strlen (f->search);
      PwSpace *space = f->spaces->pdata[g_test_rand_int_range (0, f->spaces->len)];
      const char *code = pw_space_get_code (space);

      if (len > 0 && g_test_rand_bit ())
        return g_strndup (f->search, len - 1);
      if (len < strlen (code) && g_str_has_prefix (code, f->search))
        return g_strndup (code, len + 1);
      return g_strndup (code, g_test_rand_int_range (1, strlen (code) + 1));
    }
  return g_strdup (searches[g_test_rand_int_range (0, G_N_ELEMENTS (searches))]);
}

static void
random_change (Fixture *f)
{
  switch (g_test_rand_int_range (0, 10))
    {
    case 0:
    case 1:
    case 2:
      {
        char *search = random_search (f);

        g_free (f->search);
        f->search = search;
        pw_assets_page_set_search_text (f->page, search);
      }
      break;

    case 3:
      /* every kind as often as any one */
      f->kind = g_test_rand_bit () ? -1 : g_test_rand_int_range (0, PW_N_SPACE_KINDS);
      pw_assets_page_set_kind_filter (f->page, f->kind);
      break;

    case 4:
      f->status = g_test_rand_bit () ? -1 : g_test_rand_int_range (0, PW_N_SPACE_STATUSES);
      pw_assets_page_set_status_filter (f->page, f->status);
      break;

    case 5:
      {
        PwSpace *space = f->spaces->pdata[g_test_rand_int_range (0, f->spaces->len)];

        g_clear_pointer (&f->scope_id, g_free);
        switch (g_test_rand_int_range (0, 4))
          {
          case 0:
          case 3:
            f->scope_kind = PW_NODE_PARK;
            f->scope_id = g_strdup (f->park_id);
            break;
          case 1:
            f->scope_kind = PW_NODE_BUILDING;
            f->scope_id = g_strdup (pw_space_get_building_id (space));
            break;
          default:
            f->scope_kind = PW_NODE_FLOOR;
            f->scope_id = g_strdup (pw_space_get_floor_id (space));
            break;
          }
        g_assert_true (pw_assets_page_select_node (f->page, f->scope_id));
      }
      break;

    case 6:
      {
        GListModel *columns = gtk_column_view_get_columns (f->view);
        g_autoptr(GtkColumnViewColumn) column =
          g_list_model_get_item (columns, g_test_rand_int_range (0, N_COLUMNS));

        gtk_column_view_sort_by_column (f->view, column,
                                        g_test_rand_bit () ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
      }
      break;

    case 7:
      f->square_feet = !f->square_feet;
      g_settings_set_enum (f->settings, "area-unit", f->square_feet ? 1 : 0);
      break;

    default:
      /* a change of the selection alone */
      break;
    }
}

/* Before a change: somewhere scrolled to, something selected or not. */
static void
random_view (Fixture *f)
{
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->view));
  GtkSelectionModel *rows = gtk_column_view_get_model (f->view);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (rows));

  /* (GTK 4.8 warns when an empty list is scrolled; nobody can scroll one) */
  if (n > 0 && g_test_rand_bit ())
    {
      double upper = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);

      gtk_adjustment_set_value (adj, upper > 0 ? g_test_rand_double_range (0, upper) : 0);
    }
  switch (g_test_rand_int_range (0, 4))
    {
    case 0:
      if (n > 0)
        gtk_selection_model_select_item (rows, g_test_rand_int_range (0, n), TRUE);
      break;
    case 1:
      if (n > 0)
        g_assert_true (pw_assets_page_select_space (
          f->page, pw_space_get_id (f->expected->pdata[g_test_rand_int_range (0, n)])));
      break;
    case 2:
      gtk_selection_model_unselect_item (rows, pw_row_list_get_selected (PW_ROW_LIST (rows)));
      break;
    default:
      break;
    }
}

static void
test_random_changes (void)
{
  Fixture f = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint n_checked_steps = 0;

  f.tmpdir = g_dir_make_tmp ("parkwise-test-space-list-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f.tmpdir, "ledger.db", NULL);
  f.store = pw_store_open (path, &error);
  g_assert_no_error (error);
  pw_ledger_attach (f.store);
  f.park_id = generate_park (f.store);

  f.spaces = pw_ledger_load_spaces (f.store, f.park_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f.spaces->len, ==, N_BUILDINGS * N_FLOORS * N_SPACES);
  f.store_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < f.spaces->len; i++)
    g_hash_table_insert (f.store_index, (gpointer) pw_space_get_id (f.spaces->pdata[i]),
                         GUINT_TO_POINTER (i));
  f.expected = g_ptr_array_new ();
  f.search = g_strdup ("");
  f.kind = f.status = -1;
  f.scope_kind = PW_NODE_PARK;
  f.scope_id = g_strdup (f.park_id);
  f.settings = g_settings_new (APP_ID);
  g_settings_set_enum (f.settings, "area-unit", 0);

  f.window = app_test_new_window (f.store);
  f.page = pw_window_get_assets_page (f.window);
  f.view = GTK_COLUMN_VIEW (app_test_template_child (f.page, PW_TYPE_ASSETS_PAGE, "column_view"));
  {
    GListModel *columns = gtk_column_view_get_columns (f.view);

    g_assert_cmpuint (g_list_model_get_n_items (columns), ==, N_COLUMNS);
    for (guint i = 0; i < N_COLUMNS; i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

        /* after the page's own setup, which makes the cell's widget */
        g_signal_connect_after (gtk_column_view_column_get_factory (column), "setup",
                                G_CALLBACK (cell_setup_cb), GINT_TO_POINTER (i));
      }
  }
  {
    /* the page's list made its rows already: have them made again */
    g_autoptr(GtkSelectionModel) rows = g_object_ref (gtk_column_view_get_model (f.view));

    gtk_column_view_set_model (f.view, NULL);
    gtk_column_view_set_model (f.view, rows);
  }
  gtk_window_set_default_size (GTK_WINDOW (f.window), 1000, 700);
  gtk_window_present (GTK_WINDOW (f.window));
  g_assert_true (pw_assets_page_select_node (f.page, f.park_id));
  check (&f, NULL);

  for (guint step = 0; step < N_STEPS; step++)
    {
      PwSpace *selected;
      g_autofree char *kept_id = NULL;

      random_view (&f);
      draw (&f);
      selected = pw_assets_page_get_selected_space (f.page);
      kept_id = selected ? g_strdup (pw_space_get_id (selected)) : NULL;

      random_change (&f);
      g_test_message ("step %u: search \"%s\" kind %d status %d scope %d, %u rows",
                      step, f.search, f.kind, f.status, f.scope_kind,
                      g_list_model_get_n_items (pw_assets_page_get_visible_spaces (f.page)));
      check (&f, kept_id);
      n_checked_steps++;
    }

  g_test_message ("%u changes, %u rows checked", n_checked_steps, f.n_checked_rows);
  g_assert_cmpuint (f.n_checked_rows, >, N_STEPS);

  g_settings_set_enum (f.settings, "area-unit", 0);
  app_test_destroy_window (&f.window);
  g_clear_object (&f.settings);
  g_clear_pointer (&f.expected, g_ptr_array_unref);
  g_clear_pointer (&f.store_index, g_hash_table_unref);
  g_clear_pointer (&f.spaces, g_ptr_array_unref);
  g_clear_pointer (&f.search, g_free);
  g_clear_pointer (&f.scope_id, g_free);
  g_clear_pointer (&f.park_id, g_free);
  g_clear_object (&f.store);
  app_test_remove_tmpdir (&f.tmpdir);
}

static void
label_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  gtk_list_item_set_child (list_item, pw_text_cell_new (0, FALSE));
}

static void
label_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  GtkStringObject *item = pw_row_get_item (gtk_list_item_get_item (list_item));

  pw_text_cell_set_text (PW_TEXT_CELL (gtk_list_item_get_child (list_item)),
                         gtk_string_object_get_string (item));
}

/* Paints a frame of @widget's window. */
static void
paint_window_of (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gboolean painted = FALSE;
  gulong id;
  guint wake;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &painted);
  wake = g_timeout_add (20, wake_cb, NULL);
  gtk_widget_queue_draw (widget);
  while (!painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  g_signal_handler_disconnect (clock, id);
  g_assert_true (painted);
}

/* A list that grows from fewer rows than its view shows tells those first,
 * the rest once that frame is painted, and the selection follows its item
 * all along; anything else happening in between tells the rest at once. */
static void
test_growth_in_steps (void)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  g_autoptr(PwRowList) rows = NULL;
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view;
  const char *many[501];
  guint n, in_view;

  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *text = g_strdup_printf ("row %03u", i);

      many[i] = g_intern_string (text);
    }
  many[500] = NULL;
  gtk_string_list_append (strings, "kept");
  rows = pw_row_list_new (G_LIST_MODEL (strings));
  g_signal_connect (factory, "setup", G_CALLBACK (label_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (label_bind_cb), NULL);
  view = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (rows)), factory);
  gtk_window_set_child (GTK_WINDOW (window), gtk_scrolled_window_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (gtk_window_get_child (GTK_WINDOW (window))), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 400);
  gtk_window_present (GTK_WINDOW (window));
  pw_row_list_set_growth_view (rows, view);
  paint_window_of (view);
  g_assert_true (gtk_widget_get_mapped (view));
  pw_row_list_set_selected (rows, 0);

  /* 500 rows come before the selected one */
  gtk_string_list_splice (strings, 0, 0, many);
  n = g_list_model_get_n_items (G_LIST_MODEL (rows));
  in_view = (guint) gtk_widget_get_height (view) / 24;
  g_assert_cmpuint (n, >=, in_view);
  g_assert_cmpuint (n, <, 501);
  g_assert_cmpuint (pw_row_list_get_selected (rows), ==, 500);
  g_assert_cmpstr (gtk_string_object_get_string (pw_row_list_get_selected_item (rows)), ==, "kept");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (rows), n));
  paint_window_of (view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 501);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (rows), 500));

  /* down to one row and up again, then one more before a frame */
  gtk_string_list_splice (strings, 0, 500, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 1);
  paint_window_of (view);
  gtk_string_list_splice (strings, 1, 0, many);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), <, 501);
  gtk_string_list_append (strings, "last");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 502);
  {
    g_autoptr(PwRow) row = g_list_model_get_item (G_LIST_MODEL (rows), 501);

    g_assert_cmpstr (gtk_string_object_get_string (pw_row_get_item (row)), ==, "last");
  }

  /* selecting a row not told yet tells the rest first */
  gtk_string_list_splice (strings, 1, 501, NULL);
  paint_window_of (view);
  gtk_string_list_splice (strings, 1, 0, many);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), <, 501);
  pw_row_list_set_selected (rows, 450);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 501);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (rows), 450));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A text cell asks for its text's whole width (never less: codes and figures
 * are never cut), whether it adds up its characters' advances (Latin, Han,
 * signs) or lays out the text (Arabic, combining marks), and for one line's
 * height, whatever the text. */
static void
test_text_cell (void)
{
  static const char *const texts[] = {
    "T1-F03-015", "1,234.56 m²", "WAW-AVA-W1", "12,345.67 平方米", "Ünïcödé Lab", "مرحبا بكم",
    "e\xcc\x81te\xcc\x81", "",
  };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  int height = -1;

  gtk_window_set_child (GTK_WINDOW (window), box);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    for (int numeric = 0; numeric < 2; numeric++)
      {
        GtkWidget *cell = pw_text_cell_new (numeric, FALSE);
        g_autoptr(PangoLayout) layout = NULL;
        PangoRectangle logical;
        int min, nat, h;

        if (numeric)
          gtk_widget_add_css_class (cell, "numeric");
        gtk_box_append (GTK_BOX (box), cell);
        pw_text_cell_set_text (PW_TEXT_CELL (cell), texts[i]);
        g_assert_cmpstr (pw_text_cell_get_text (PW_TEXT_CELL (cell)), ==, texts[i]);
        gtk_widget_measure (cell, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
        layout = gtk_widget_create_pango_layout (cell, texts[i]);
        pango_layout_get_pixel_extents (layout, NULL, &logical);
        g_assert_cmpint (min, ==, nat);
        g_assert_cmpint (nat, >=, logical.width);
        /* kerning only narrows pairs ("WA", "AV"): the sum of the advances
         * may be a few pixels wider, never narrower */
        g_assert_cmpint (nat, <=, logical.width + logical.width / 10 + 3);
        gtk_widget_measure (cell, GTK_ORIENTATION_VERTICAL, nat, &min, &h, NULL, NULL);
        if (height < 0)
          height = h;
        g_assert_cmpint (h, ==, height);
        g_assert_cmpint (h, >, 0);
      }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  char *scratch = app_test_init (&argc, &argv);

  g_test_add_func ("/space-list/random-changes", test_random_changes);
  g_test_add_func ("/space-list/text-cell", test_text_cell);
  g_test_add_func ("/space-list/growth-in-steps", test_growth_in_steps);
  return app_test_run (scratch);
}
