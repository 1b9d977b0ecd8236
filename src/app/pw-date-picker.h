/* pw-date-picker.h — a calendar in a popover beside a date entry row
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Adds a calendar button to @row (an AdwEntryRow holding YYYY-MM-DD): it opens
 * a GtkCalendar on the row's date (today when the text is no date), and the day
 * picked there becomes the row's text, which emits the row's "changed" as typing
 * does. Returns the button (owned by the row). */
GtkWidget   *pw_date_picker_attach       (AdwEntryRow *row);
/* The same picker for any other date entry (@editable), as a button to place
 * beside it. */
GtkWidget   *pw_date_picker_new_for      (GtkEditable *editable);
/* The calendar of the picker of @row (an AdwEntryRow or another GtkEditable),
 * NULL when it has none. */
GtkCalendar *pw_date_picker_get_calendar (gpointer     row);

G_END_DECLS
