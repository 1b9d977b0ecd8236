/* pw-ui.h — small helpers the pages and dialogs share: accessible names,
 * inline field errors, list columns and search, and reloading on a store's changes
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

/* Accessibility and forms */

/* Names @widget for assistive technologies as just @name (and an editable's
 * inner text too: that is what a screen reader lands on). */
void     pw_ui_set_accessible_name (GtkWidget    *widget,
                                    const char   *name);
/* Gives @widget @message as its accessible description and marks it invalid;
 * a NULL @message clears both. */
/* Names the toggle button inside each drop-down and menu button under @root
 * after the drop-down or menu button itself: screen readers read that inner
 * button, which GTK 4.8 would otherwise call by its type ("GtkToggleButton"). */
/* Shows @markup in @tooltip on a label that keeps its lines across, also in
 * Chinese: as wide as its longest line, up to 40 characters, then wrapped. */
void        pw_ui_tooltip_set_markup    (GtkTooltip *tooltip,
                                         const char *markup);

void        pw_ui_label_inner_buttons   (GtkWidget  *root);
void     pw_ui_set_accessible_error (GtkWidget   *widget,
                                     const char  *message);
/* Marks @row invalid with @message on @error_row under it, or clears the mark
 * when @message is NULL. */
/* A hidden error row at the end of @list, for a form's message that belongs to no
 * field. */
AdwActionRow *pw_ui_error_row          (GtkWidget    *list);
/* Puts @body, with margins, clamped and scrolled, under what @box already holds, makes
 * @box @window's content, and lets Escape close the window as a dialog. */
void     pw_ui_form_window_set_body    (GtkWidget    *window,
                                        GtkWidget    *box,
                                        GtkWidget    *body);
void     pw_ui_show_field_error    (GtkWidget    *row,
                                    AdwActionRow *error_row,
                                    const char   *message);
/* Checks that @row holds a date (YYYY-MM-DD) no later than @latest and marks
 * the row: with @too_late when it is later. */
gboolean pw_ui_check_date_row      (AdwEntryRow  *row,
                                    AdwActionRow *error_row,
                                    const char   *latest,
                                    const char   *too_late);

/* Lists */

/* A column of a list page; @title is marked with N_() and translated here. */
typedef struct {
  const char *title;
  const char *sort_property;
  gboolean    numeric;
  int         fixed_width;
  gboolean    expand;
} PwUiColumn;

/* Appends @n_columns columns of @item_type to @view, sorted by the property
 * each names, and sorts by the first. Each factory has its column's index as
 * "column" data and calls @setup_cb and @bind_cb with @user_data. Stores the
 * columns (owned by the view) in @out_columns if not NULL. */
void     pw_ui_add_columns         (GtkColumnView        *view,
                                    GType                 item_type,
                                    const PwUiColumn     *columns,
                                    guint                 n_columns,
                                    GCallback             setup_cb,
                                    GCallback             bind_cb,
                                    gpointer              user_data,
                                    GtkColumnViewColumn **out_columns);
/* Appends @n columns titled @titles (marked with N_(), translated here) to @view,
 * resizable, each @widths[i] wide, expanding when 0, or as wide as its content
 * when negative (codes, dates and amounts, which are never cut), without sorting. Each
 * factory has its column's index as "column" data and calls @setup_cb and @bind_cb
 * with @user_data. */
void     pw_ui_add_plain_columns   (GtkColumnView        *view,
                                    const char *const    *titles,
                                    const int            *widths,
                                    guint                 n,
                                    GCallback             setup_cb,
                                    GCallback             bind_cb,
                                    gpointer              user_data);
/* Puts @label into a cell of its own that carries the row's accessible name. */
void     pw_ui_set_named_cell      (GtkListItem          *list_item,
                                    GtkWidget            *label);

/* Keeps @text case-folded on @item (a GObject) for pw_ui_item_matches(): once
 * per load, so that filtering allocates nothing. */
void     pw_ui_set_search_key      (gpointer              item,
                                    const char           *text);
/* Whether @item's search key holds @needle (case-folded); NULL matches all. */
gboolean pw_ui_item_matches        (gpointer              item,
                                    const char           *needle);

typedef const char *(*PwUiGetIdFunc) (gpointer item);

/* The position of the item with @id in @model; GTK_INVALID_LIST_POSITION if none. */
guint    pw_ui_find_item           (GListModel           *model,
                                    PwUiGetIdFunc         get_id,
                                    const char           *id);
/* Takes @text as the new search of *@needle (case-folded, NULL when empty).
 * Returns FALSE when the search is the same, else sets @change to how it changed. */
gboolean pw_ui_update_needle       (char                **needle,
                                    const char           *text,
                                    GtkFilterChange      *change);
/* The value a filter dropdown chose below its "All …" entry; -1 for all. */
int      pw_ui_get_filter_choice   (GtkDropDown          *dropdown);

/* Reloading when the store changes */

typedef void (*PwUiReloadFunc) (gpointer owner);

/* The store a page or pane shows, and a reload at idle whenever it changes:
 * a seed or an import commits many times, and the owner reloads once. */
typedef struct {
  PwStore        *store;
  gulong          changed_id;
  guint           source;
  PwUiReloadFunc  reload;
  gpointer        owner;
} PwUiStoreWatch;

void     pw_ui_store_watch_init      (PwUiStoreWatch *watch,
                                      PwUiReloadFunc  reload,
                                      gpointer        owner);
/* FALSE when @store is already the one watched. */
gboolean pw_ui_store_watch_set_store (PwUiStoreWatch *watch,
                                      PwStore        *store);
/* Drops the pending reload: the owner is reloading now. */
void     pw_ui_store_watch_cancel    (PwUiStoreWatch *watch);
/* For dispose: drops the pending reload, the connection and the store. */
void     pw_ui_store_watch_clear     (PwUiStoreWatch *watch);

/* Narrow windows: a page's AdwLeaflet shows one of its panes at a time. Once
 * pw_ui_leaflet_follow() is set on a list @view, choosing an item of it by
 * pointer (a press in the last second) or by Enter shows the leaflet's child
 * @next while the leaflet is folded. Call pw_ui_leaflet_chosen() from the
 * view's selection-changed handler; a selection the page makes itself (a
 * reload, a restored choice) leaves the leaflet where it is. */
void     pw_ui_leaflet_follow        (AdwLeaflet     *leaflet,
                                      GtkWidget      *view,
                                      const char     *next);
void     pw_ui_leaflet_chosen        (GtkWidget      *view);

/* On a narrow window a list shows its first @n_kept columns alone (the rest
 * is in the detail pane): hides the other columns of @view, or shows them
 * again. */
void     pw_ui_columns_narrow        (GtkColumnView  *view,
                                      guint           n_kept,
                                      gboolean        narrow);

/* A drop-down over a GtkStringList whose button ellipsizes its text, so that
 * it fits a narrow window; the popup still shows each choice in full. */
void     pw_ui_drop_down_compact     (GtkDropDown    *dropdown);

G_END_DECLS
