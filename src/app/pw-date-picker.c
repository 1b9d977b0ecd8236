/* pw-date-picker.c — a calendar in a popover beside a date entry row
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The entry stays the source of truth: typing a date still works, and the
 * calendar only ever writes the same YYYY-MM-DD text a user could type.
 */
#include "config.h"

#include <glib/gi18n.h>

#include <stdio.h>
#include <string.h>

#include "pw-date-picker.h"
#include "pw-ui.h"

#define CALENDAR_KEY "pw-date-picker-calendar"

static GDateTime *
parse_row_date (GtkEditable *row)
{
  const char *text = gtk_editable_get_text (row);
  int y, m, d;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 || strlen (text) != 10 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  return g_date_time_new_local (y, m, d, 0, 0, 0);
}

static void
popover_shown_cb (GtkPopover  *popover,
                  GtkEditable *row)
{
  GtkCalendar *calendar = g_object_get_data (G_OBJECT (row), CALENDAR_KEY);
  g_autoptr(GDateTime) date = parse_row_date (row);

  if (date == NULL)
    date = g_date_time_new_now_local ();
  /* selecting the row's own date must not write it back */
  g_object_set_data (G_OBJECT (calendar), "pw-syncing", GINT_TO_POINTER (TRUE));
  gtk_calendar_select_day (calendar, date);
  g_object_set_data (G_OBJECT (calendar), "pw-syncing", NULL);
}

static void
day_selected_cb (GtkCalendar *calendar,
                 GtkEditable *row)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;
  GtkWidget *popover;

  if (g_object_get_data (G_OBJECT (calendar), "pw-syncing") != NULL)
    return;
  date = gtk_calendar_get_date (calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_editable_set_text (row, text);
  popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

GtkWidget *
pw_date_picker_new_for (GtkEditable *editable)
{
  GtkWidget *button;
  GtkWidget *popover;
  GtkWidget *calendar;

  g_return_val_if_fail (GTK_IS_EDITABLE (editable), NULL);

  calendar = gtk_calendar_new ();
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Choose a date"));
  pw_ui_set_accessible_name (button, _("Choose a date"));

  g_object_set_data (G_OBJECT (editable), CALENDAR_KEY, calendar);
  g_signal_connect_object (popover, "show", G_CALLBACK (popover_shown_cb), editable, 0);
  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (day_selected_cb), editable, 0);
  return button;
}

GtkWidget *
pw_date_picker_attach (AdwEntryRow *row)
{
  GtkWidget *button;

  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), NULL);

  button = pw_date_picker_new_for (GTK_EDITABLE (row));
  gtk_widget_add_css_class (button, "flat");
  adw_entry_row_add_suffix (row, button);
  return button;
}

GtkCalendar *
pw_date_picker_get_calendar (gpointer row)
{
  g_return_val_if_fail (GTK_IS_EDITABLE (row), NULL);
  return g_object_get_data (G_OBJECT (row), CALENDAR_KEY);
}
