/* pw-ui.c — small helpers the pages and dialogs share
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-ledger.h"
#include "pw-ui.h"

/* Accessibility and forms */

static void
set_label (GtkAccessible *accessible,
           const char    *name)
{
  /* GTK 4.8 joins the label and the labelling widgets' text into one name
   * ("Space name Name"): drop the relation so that the name is just @name. */
  gtk_accessible_reset_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

void
pw_ui_set_accessible_name (GtkWidget  *widget,
                           const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  set_label (GTK_ACCESSIBLE (widget), name);
  /* A menu button is read out through the toggle button inside it, which would
   * otherwise be called by its type, "GtkToggleButton". */
  if (GTK_IS_MENU_BUTTON (widget))
    for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_TOGGLE_BUTTON (child))
        set_label (GTK_ACCESSIBLE (child), name);
  if (GTK_IS_EDITABLE (widget))
    {
      GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (widget));

      if (delegate != NULL && GTK_WIDGET (delegate) != widget)
        set_label (GTK_ACCESSIBLE (delegate), name);
    }
}

void
pw_ui_tooltip_set_markup (GtkTooltip *tooltip,
                          const char *markup)
{
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *plain = NULL;
  glong longest = 0;

  /* GTK's own tooltip label may be measured to a single character's width
   * when the text has no spaces to wrap at (Chinese), and stands vertically:
   * give the label a width of its longest line, up to 40 characters, and
   * wrap beyond that anywhere. */
  gtk_label_set_markup (GTK_LABEL (label), markup);
  plain = g_strdup (gtk_label_get_text (GTK_LABEL (label)));
  for (char *line = plain, *next; line != NULL; line = next)
    {
      glong chars = 0;

      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      /* a wide (CJK) character takes the room of two */
      for (const char *c = line; *c; c = g_utf8_next_char (c))
        chars += g_unichar_iswide (g_utf8_get_char (c)) ? 2 : 1;
      longest = MAX (longest, chars);
    }
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (label), (int) MIN (longest, 40));
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_tooltip_set_custom (tooltip, label);
}

void
pw_ui_label_inner_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child) && (GTK_IS_DROP_DOWN (root) || GTK_IS_MENU_BUTTON (root)))
        gtk_accessible_update_relation (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY, root, NULL, -1);
      pw_ui_label_inner_buttons (child);
    }
}

void
pw_ui_set_accessible_error (GtkWidget  *widget,
                            const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (message != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

void
pw_ui_show_field_error (GtkWidget    *row,
                        AdwActionRow *error_row,
                        const char   *message)
{
  GtkEditable *delegate = GTK_IS_EDITABLE (row) ? gtk_editable_get_delegate (GTK_EDITABLE (row)) : NULL;

  g_return_if_fail (GTK_IS_WIDGET (row));
  g_return_if_fail (ADW_IS_ACTION_ROW (error_row));

  if (message != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (error_row), message);
    }
  else
    gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_visible (GTK_WIDGET (error_row), message != NULL);

  /* the text inside is what a screen reader is on while typing */
  if (delegate != NULL)
    pw_ui_set_accessible_error (GTK_WIDGET (delegate), message);
}

gboolean
pw_ui_check_date_row (AdwEntryRow  *row,
                      AdwActionRow *error_row,
                      const char   *latest,
                      const char   *too_late)
{
  const char *date = gtk_editable_get_text (GTK_EDITABLE (row));

  if (!pw_date_is_valid (date))
    {
      g_autofree char *message =
        /* Translators: %s is what the user typed */
        g_strdup_printf (_("“%s” is not a date; write it as YYYY-MM-DD, for example 2024-03-01"), date);
      pw_ui_show_field_error (GTK_WIDGET (row), error_row, message);
      return FALSE;
    }
  if (g_strcmp0 (date, latest) > 0)
    {
      pw_ui_show_field_error (GTK_WIDGET (row), error_row, too_late);
      return FALSE;
    }
  pw_ui_show_field_error (GTK_WIDGET (row), error_row, NULL);
  return TRUE;
}

/* Lists */

void
pw_ui_add_plain_columns (GtkColumnView     *view,
                         const char *const *titles,
                         const int         *widths,
                         guint              n,
                         GCallback          setup_cb,
                         GCallback          bind_cb,
                         gpointer           user_data)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  for (guint i = 0; i < n; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", setup_cb, user_data);
      g_signal_connect (factory, "bind", bind_cb, user_data);
      column = gtk_column_view_column_new (_(titles[i]), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      /* > 0: that wide; 0: takes the room left; < 0: as wide as its content */
      if (widths[i] > 0)
        gtk_column_view_column_set_fixed_width (column, widths[i]);
      else if (widths[i] == 0)
        gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (view, column);
    }
}

void
pw_ui_add_columns (GtkColumnView        *view,
                   GType                 item_type,
                   const PwUiColumn     *columns,
                   guint                 n_columns,
                   GCallback             setup_cb,
                   GCallback             bind_cb,
                   gpointer              user_data,
                   GtkColumnViewColumn **out_columns)
{
  GtkColumnViewColumn *first = NULL;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  for (guint i = 0; i < n_columns; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkExpression *expression = gtk_property_expression_new (item_type, NULL,
                                                               columns[i].sort_property);
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = NULL;

      g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", setup_cb, user_data);
      g_signal_connect (factory, "bind", bind_cb, user_data);

      if (columns[i].numeric)
        sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));
      else
        sorter = GTK_SORTER (gtk_string_sorter_new (expression));

      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      if (columns[i].fixed_width > 0)
        gtk_column_view_column_set_fixed_width (column, columns[i].fixed_width);
      gtk_column_view_append_column (view, column);

      if (i == 0)
        first = column;
      if (out_columns != NULL)
        out_columns[i] = column;
    }

  if (first != NULL)
    gtk_column_view_sort_by_column (view, first, GTK_SORT_ASCENDING);
}

void
pw_ui_set_named_cell (GtkListItem *list_item,
                      GtkWidget   *label)
{
  /* GTK 4.8 names a label by its text over AT-SPI, so the row's name
   * goes on a group around it */
  GtkWidget *group = g_object_new (GTK_TYPE_BOX,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                                   NULL);

  gtk_widget_add_css_class (label, "space-code");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (group), label);
  gtk_list_item_set_child (list_item, group);
}

static GQuark
search_key_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("pw-ui-search-key");
  return quark;
}

void
pw_ui_set_search_key (gpointer    item,
                      const char *text)
{
  g_return_if_fail (G_IS_OBJECT (item));

  g_object_set_qdata_full (G_OBJECT (item), search_key_quark (),
                           g_utf8_casefold (text, -1), g_free);
}

gboolean
pw_ui_item_matches (gpointer    item,
                    const char *needle)
{
  const char *key;

  if (needle == NULL)
    return TRUE;
  key = g_object_get_qdata (G_OBJECT (item), search_key_quark ());
  return key != NULL && strstr (key, needle) != NULL;
}

guint
pw_ui_find_item (GListModel    *model,
                 PwUiGetIdFunc  get_id,
                 const char    *id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; id != NULL && i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (get_id (item), id) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

gboolean
pw_ui_update_needle (char            **needle,
                     const char       *text,
                     GtkFilterChange  *change)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  char *fresh = stripped[0] ? g_utf8_casefold (stripped, -1) : NULL;

  if (g_strcmp0 (fresh, *needle) == 0)
    {
      g_free (fresh);
      return FALSE;
    }

  /* a longer search text only ever hides rows */
  if (fresh != NULL && *needle != NULL && strstr (fresh, *needle) != NULL)
    *change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (fresh == NULL || (*needle != NULL && strstr (*needle, fresh) != NULL))
    *change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    *change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (*needle);
  *needle = fresh;
  return TRUE;
}

int
pw_ui_get_filter_choice (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1;
}

/* Reloading when the store changes */

static gboolean
reload_idle_cb (gpointer user_data)
{
  PwUiStoreWatch *watch = user_data;

  watch->source = 0;
  watch->reload (watch->owner);

  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (PwStore        *store,
                  PwUiStoreWatch *watch)
{
  if (watch->source == 0)
    watch->source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle_cb, watch, NULL);
}

void
pw_ui_store_watch_init (PwUiStoreWatch *watch,
                        PwUiReloadFunc  reload,
                        gpointer        owner)
{
  *watch = (PwUiStoreWatch) { .reload = reload, .owner = owner };
}

gboolean
pw_ui_store_watch_set_store (PwUiStoreWatch *watch,
                             PwStore        *store)
{
  if (watch->store == store)
    return FALSE;

  if (watch->store != NULL)
    g_clear_signal_handler (&watch->changed_id, watch->store);
  g_set_object (&watch->store, store);
  if (store != NULL)
    watch->changed_id = g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), watch);
  return TRUE;
}

void
pw_ui_store_watch_cancel (PwUiStoreWatch *watch)
{
  g_clear_handle_id (&watch->source, g_source_remove);
}

void
pw_ui_store_watch_clear (PwUiStoreWatch *watch)
{
  g_clear_handle_id (&watch->source, g_source_remove);
  if (watch->store != NULL)
    g_clear_signal_handler (&watch->changed_id, watch->store);
  g_clear_object (&watch->store);
}

/* Narrow windows */

typedef struct
{
  GWeakRef  leaflet;
  char     *next;
  gint64    picked_until;
} LeafletFollow;

static void
leaflet_follow_free (gpointer data)
{
  LeafletFollow *follow = data;

  g_weak_ref_clear (&follow->leaflet);
  g_free (follow->next);
  g_free (follow);
}

static void
leaflet_go (LeafletFollow *follow,
            gboolean       activated)
{
  g_autoptr(AdwLeaflet) leaflet = g_weak_ref_get (&follow->leaflet);
  gboolean picked = activated || g_get_monotonic_time () < follow->picked_until;

  follow->picked_until = 0;
  if (picked && leaflet != NULL && adw_leaflet_get_folded (leaflet))
    adw_leaflet_set_visible_child_name (leaflet, follow->next);
}

static void
leaflet_pressed_cb (GtkGestureClick *click,
                    int              n_press,
                    double           x,
                    double           y,
                    LeafletFollow   *follow)
{
  follow->picked_until = g_get_monotonic_time () + G_USEC_PER_SEC;
}

static void
leaflet_activate_cb (GtkWidget     *view,
                     guint          position,
                     LeafletFollow *follow)
{
  leaflet_go (follow, TRUE);
}

void
pw_ui_leaflet_follow (AdwLeaflet *leaflet,
                      GtkWidget  *view,
                      const char *next)
{
  LeafletFollow *follow = g_new0 (LeafletFollow, 1);
  GtkGesture *click = gtk_gesture_click_new ();

  g_weak_ref_init (&follow->leaflet, leaflet);
  follow->next = g_strdup (next);
  g_object_set_data_full (G_OBJECT (view), "pw-leaflet-follow", follow, leaflet_follow_free);

  /* the press is seen before the rows claim it: the choice it makes follows */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (leaflet_pressed_cb), follow);
  gtk_widget_add_controller (view, GTK_EVENT_CONTROLLER (click));
  g_signal_connect (view, "activate", G_CALLBACK (leaflet_activate_cb), follow);
}

void
pw_ui_leaflet_chosen (GtkWidget *view)
{
  LeafletFollow *follow = g_object_get_data (G_OBJECT (view), "pw-leaflet-follow");

  if (follow != NULL)
    leaflet_go (follow, FALSE);
}

static void
compact_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 4);
    }
  gtk_list_item_set_child (item, label);
}

static void
compact_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  ellipsize)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       string ? gtk_string_object_get_string (string) : "");
}

static GtkListItemFactory *
compact_factory_new (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (compact_setup_cb), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (compact_bind_cb), GINT_TO_POINTER (ellipsize));
  return factory;
}

void
pw_ui_drop_down_compact (GtkDropDown *dropdown)
{
  g_autoptr(GtkListItemFactory) button = compact_factory_new (TRUE);
  g_autoptr(GtkListItemFactory) list = compact_factory_new (FALSE);

  gtk_drop_down_set_factory (dropdown, button);
  gtk_drop_down_set_list_factory (dropdown, list);
}

void
pw_ui_columns_narrow (GtkColumnView *view,
                      guint          n_kept,
                      gboolean       first_only)
{
  GListModel *list = gtk_column_view_get_columns (view);

  for (guint i = n_kept; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (list, i);
      int fixed = gtk_column_view_column_get_fixed_width (column);

      /* GTK 4.8 still counts a hidden column's fixed width in the row, which
       * leaves the first column no room to expand: it is kept aside meanwhile */
      if (first_only && fixed > 0)
        {
          g_object_set_data (G_OBJECT (column), "pw-fixed-width", GINT_TO_POINTER (fixed));
          gtk_column_view_column_set_fixed_width (column, -1);
        }
      else if (!first_only && g_object_get_data (G_OBJECT (column), "pw-fixed-width") != NULL)
        {
          gtk_column_view_column_set_fixed_width (column,
            GPOINTER_TO_INT (g_object_get_data (G_OBJECT (column), "pw-fixed-width")));
          g_object_set_data (G_OBJECT (column), "pw-fixed-width", NULL);
        }
      gtk_column_view_column_set_visible (column, !first_only);
    }
}

AdwActionRow *
pw_ui_error_row (GtkWidget *list)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "error");
  gtk_widget_set_visible (row, FALSE);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return ADW_ACTION_ROW (row);
}

void
pw_ui_form_window_set_body (GtkWidget *window, GtkWidget *box, GtkWidget *body)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_set_margin_start (body, 12);
  gtk_widget_set_margin_end (body, 12);
  gtk_widget_set_margin_top (body, 12);
  gtk_widget_set_margin_bottom (body, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), body);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  /* Escape closes it, as a dialog */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);
}
