/* pw-preferences-window.h — display preferences: area unit and currency display
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PW_TYPE_PREFERENCES_WINDOW (pw_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (PwPreferencesWindow, pw_preferences_window, PW, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *pw_preferences_window_new (void);

G_END_DECLS
