/* pw-filtered-list.h — the items of a list model that a filter takes, kept as a
 * plain array
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PW_TYPE_FILTERED_LIST (pw_filtered_list_get_type ())
G_DECLARE_FINAL_TYPE (PwFilteredList, pw_filtered_list, PW, FILTERED_LIST, GObject)

/* The items of @model that @filter matches, in @model's order. */
PwFilteredList *pw_filtered_list_new (GListModel *model,
                                      GtkFilter  *filter);

G_END_DECLS
