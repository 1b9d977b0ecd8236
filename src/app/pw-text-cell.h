/* pw-text-cell.h — one line of text for the cells of long lists, cheaper to
 * bind, measure and draw than a GtkLabel
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PW_TYPE_TEXT_CELL (pw_text_cell_get_type ())
G_DECLARE_FINAL_TYPE (PwTextCell, pw_text_cell, PW, TEXT_CELL, GtkWidget)

/* @xalign: 0 starts the text at the leading edge, 1 ends it at the trailing
 * edge; @ellipsize: a text wider than the cell ends with "…", otherwise the
 * cell asks for the text's whole width. */
GtkWidget  *pw_text_cell_new      (float       xalign,
                                   gboolean    ellipsize);
void        pw_text_cell_set_text (PwTextCell *self,
                                   const char *text);
const char *pw_text_cell_get_text (PwTextCell *self);

G_END_DECLS
