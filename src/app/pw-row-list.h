/* pw-row-list.h — a single-selection list of row slots over a list model, for
 * GTK 4.8's list views to bind their rows again instead of rebuilding them
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PW_TYPE_ROW (pw_row_get_type ())
G_DECLARE_FINAL_TYPE (PwRow, pw_row, PW, ROW, GObject)

/* The item of the model at the row's position, as of the last bind. */
gpointer     pw_row_get_item                (PwRow      *self);

#define PW_TYPE_ROW_LIST (pw_row_list_get_type ())
G_DECLARE_FINAL_TYPE (PwRowList, pw_row_list, PW, ROW_LIST, GObject)

PwRowList   *pw_row_list_new                (GListModel *model);
GListModel  *pw_row_list_get_model          (PwRowList  *self);

/* The selected position, GTK_INVALID_LIST_POSITION for none. */
guint        pw_row_list_get_selected       (PwRowList  *self);
/* Selects the row at @position; GTK_INVALID_LIST_POSITION, or a position past
 * the end, selects none. */
void         pw_row_list_set_selected       (PwRowList  *self,
                                             guint       position);
/* The model's item at the selected position, or NULL. */
gpointer     pw_row_list_get_selected_item  (PwRowList  *self);

/* When the list grows from fewer rows than @view (the list's view, or NULL)
 * shows to more, tells first only those, and the rest once @view's frame
 * showing them has been painted (see pw-row-list.c). */
void         pw_row_list_set_growth_view    (PwRowList  *self,
                                             GtkWidget  *view);

/* Has the views bind every row again, as after a change of how items show. */
void         pw_row_list_rebind             (PwRowList  *self);

G_END_DECLS
