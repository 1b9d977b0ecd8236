/* pw-wrap-box.h — a box that lays its children out in a row and wraps them
 * onto further rows when the row is too narrow, as toolbars must on a phone
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PW_TYPE_WRAP_BOX (pw_wrap_box_get_type ())
G_DECLARE_FINAL_TYPE (PwWrapBox, pw_wrap_box, PW, WRAP_BOX, GtkWidget)

GtkWidget *pw_wrap_box_new          (void);
void       pw_wrap_box_set_spacing  (PwWrapBox *self,
                                     int        spacing);
int        pw_wrap_box_get_spacing  (PwWrapBox *self);

G_END_DECLS
