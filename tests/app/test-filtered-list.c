/* test-filtered-list.c — PwFilteredList tells its changes truthfully
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A mirror array replays every items-changed the list emits, reading the new
 * items at the moment of each signal; after each change the mirror, the list
 * and a plain re-filtering of the model must agree, and the list must never
 * hold an item twice. Runs without a view, and with a GtkListView on screen
 * that is scrolled around and keeps a selection. */
#include <gtk/gtk.h>

#include "app-test-util.h"
#include "pw-filtered-list.h"

#define N_ITEMS 3000

typedef struct {
  GListStore      *store;
  GtkCustomFilter *filter;
  PwFilteredList  *list;
  GPtrArray       *mirror;
  guint            modulus;
  guint            remainder;
  guint            below;
  guint            n_signals;
} Fixture;

static gboolean
match_cb (gpointer item, gpointer data)
{
  Fixture *f = data;
  guint n = (guint) g_ascii_strtoull (gtk_string_object_get_string (item), NULL, 10);

  return n % f->modulus == f->remainder && n < f->below;
}

static void
items_changed_cb (GListModel *model, guint position, guint removed, guint added, Fixture *f)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  g_assert_cmpuint (position + removed, <=, f->mirror->len);
  g_ptr_array_remove_range (f->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (f->mirror, position + i, g_list_model_get_item (model, position + i));
  g_assert_cmpuint (f->mirror->len, ==, g_list_model_get_n_items (model));
  for (guint i = 0; i < f->mirror->len; i++)
    g_assert_true (g_hash_table_add (seen, f->mirror->pdata[i]));
  f->n_signals++;
}

static void
check (Fixture *f)
{
  GListModel *model = G_LIST_MODEL (f->list);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->store));
  guint j = 0;

  g_assert_cmpuint (f->mirror->len, ==, g_list_model_get_n_items (model));
  g_assert_null (g_list_model_get_item (model, f->mirror->len));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (f->store), i);
      g_autoptr(GObject) listed = NULL;

      if (!match_cb (item, f))
        continue;
      g_assert_cmpuint (j, <, f->mirror->len);
      g_assert_true (g_ptr_array_index (f->mirror, j) == (gpointer) item);
      listed = g_list_model_get_item (model, j);
      g_assert_true (listed == item);
      j++;
    }
  g_assert_cmpuint (j, ==, f->mirror->len);
}

static void
set_up (Fixture *f)
{
  f->store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_autofree char *s = g_strdup_printf ("%u", i);
      g_autoptr(GtkStringObject) o = gtk_string_object_new (s);
      g_list_store_append (f->store, o);
    }
  f->modulus = 1;
  f->below = G_MAXUINT;
  f->filter = gtk_custom_filter_new (match_cb, f, NULL);
  f->list = pw_filtered_list_new (G_LIST_MODEL (f->store), GTK_FILTER (f->filter));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->list)) == GTK_TYPE_STRING_OBJECT);
  f->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->list)); i++)
    g_ptr_array_add (f->mirror, g_list_model_get_item (G_LIST_MODEL (f->list), i));
  g_signal_connect (f->list, "items-changed", G_CALLBACK (items_changed_cb), f);
  check (f);
}

static void
tear_down (Fixture *f)
{
  g_signal_handlers_disconnect_by_func (f->list, items_changed_cb, f);
  g_clear_object (&f->list);
  g_clear_object (&f->filter);
  g_clear_object (&f->store);
  g_clear_pointer (&f->mirror, g_ptr_array_unref);
}

/* One random step: a new filter (telling GTK how it changed, truthfully), or
 * a change of the model underneath. */
static void
random_step (Fixture *f)
{
  switch (g_test_rand_int_range (0, 6))
    {
    case 0: /* anything */
      f->modulus = g_test_rand_int_range (1, 12);
      f->remainder = g_test_rand_int_range (0, f->modulus);
      f->below = g_test_rand_bit () ? G_MAXUINT : (guint) g_test_rand_int_range (0, N_ITEMS);
      gtk_filter_changed (GTK_FILTER (f->filter), GTK_FILTER_CHANGE_DIFFERENT);
      break;
    case 1: /* narrower: a lower bound */
      f->below = f->below == G_MAXUINT ? (guint) g_test_rand_int_range (0, N_ITEMS)
                                       : f->below / 2;
      gtk_filter_changed (GTK_FILTER (f->filter), GTK_FILTER_CHANGE_MORE_STRICT);
      break;
    case 2: /* wider: no bound, every item */
      f->below = G_MAXUINT;
      if (g_test_rand_bit ())
        {
          f->modulus = 1;
          f->remainder = 0;
        }
      gtk_filter_changed (GTK_FILTER (f->filter), GTK_FILTER_CHANGE_LESS_STRICT);
      break;
    case 3: /* nothing matches */
      f->below = 0;
      gtk_filter_changed (GTK_FILTER (f->filter), GTK_FILTER_CHANGE_MORE_STRICT);
      break;
    case 4: /* items leave the model */
      {
        guint n = g_list_model_get_n_items (G_LIST_MODEL (f->store));
        guint pos = n ? (guint) g_test_rand_int_range (0, n) : 0;
        guint wanted = g_test_rand_int_range (0, 40);
        g_list_store_splice (f->store, pos, MIN (n - pos, wanted), NULL, 0);
      }
      break;
    default: /* an item joins the model */
      {
        guint n = g_list_model_get_n_items (G_LIST_MODEL (f->store));
        guint pos = g_test_rand_int_range (0, n + 1);
        g_autofree char *s = g_strdup_printf ("%u", g_test_rand_int_range (0, N_ITEMS));
        g_autoptr(GtkStringObject) o = gtk_string_object_new (s);
        g_list_store_insert (f->store, pos, o);
      }
      break;
    }
  check (f);
}

static void
test_without_view (void)
{
  Fixture f = { 0, };

  set_up (&f);
  for (guint i = 0; i < 400; i++)
    random_step (&f);
  g_assert_cmpuint (f.n_signals, >, 0);
  tear_down (&f);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static void
painted_cb (GdkFrameClock *clock, gboolean *painted)
{
  *painted = TRUE;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Lets @widget's window lay out and paint one frame. */
static void
draw (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gboolean painted = FALSE;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &painted);
  guint wake = g_timeout_add (50, wake_cb, NULL);

  gtk_widget_queue_draw (widget);
  while (!painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (painted);
  g_source_remove (wake);
  g_signal_handler_disconnect (clock, id);
}

static void
test_with_view (void)
{
  Fixture f = { 0, };
  GtkWidget *window, *scrolled, *view;
  GtkListItemFactory *factory;
  GtkSingleSelection *selection;
  GtkAdjustment *adj;

  set_up (&f);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (f.list)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  view = gtk_list_view_new (g_object_ref (GTK_SELECTION_MODEL (selection)), factory);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 400);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));

  adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  for (guint i = 0; i < 150; i++)
    {
      gpointer kept;

      /* after a layout of the last change, as a user would: scroll somewhere,
       * select something, let a frame pass */
      draw (window);
      if (g_test_rand_bit ())
        {
          double upper = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);
          gtk_adjustment_set_value (adj, upper > 0 ? g_test_rand_double_range (0, upper) : 0);
        }
      if (g_list_model_get_n_items (G_LIST_MODEL (f.list)) > 0 && g_test_rand_bit ())
        gtk_single_selection_set_selected (selection,
                                           g_test_rand_int_range (0, g_list_model_get_n_items (G_LIST_MODEL (f.list))));
      draw (window);

      kept = gtk_single_selection_get_selected_item (selection);
      if (kept != NULL)
        g_object_ref (kept);
      random_step (&f);
      /* a selected item that the change keeps stays selected */
      if (kept != NULL && match_cb (kept, &f) && g_list_store_find (f.store, kept, NULL))
        g_assert_true (gtk_single_selection_get_selected_item (selection) == kept);
      g_clear_object (&kept);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (selection);
  tear_down (&f);
}

int
main (int argc, char *argv[])
{
  char *scratch = app_test_init (&argc, &argv);

  g_test_add_func ("/filtered-list/without-view", test_without_view);
  g_test_add_func ("/filtered-list/with-view", test_with_view);
  return app_test_run (scratch);
}
