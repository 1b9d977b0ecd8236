/* pw-plan-canvas.h — the floor plan widget
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pw-plan-render.h"
#include "pw-plan-viewport.h"

G_BEGIN_DECLS

#define PW_TYPE_PLAN_CANVAS (pw_plan_canvas_get_type ())
G_DECLARE_FINAL_TYPE (PwPlanCanvas, pw_plan_canvas, PW, PLAN_CANVAS, GtkWidget)

PwPlanCanvas   *pw_plan_canvas_new              (void);
PwPlanViewport *pw_plan_canvas_get_viewport     (PwPlanCanvas   *self);

/* Shows @floor (NULL: nothing), fitted; the selection is cleared. */
void            pw_plan_canvas_set_floor        (PwPlanCanvas   *self,
                                                 PwPlanFloor    *floor);
PwPlanFloor    *pw_plan_canvas_get_floor        (PwPlanCanvas   *self);
void            pw_plan_canvas_set_lens         (PwPlanCanvas   *self,
                                                 PwPlanLens      lens);
PwPlanLens      pw_plan_canvas_get_lens         (PwPlanCanvas   *self);
PwPlanColoring *pw_plan_canvas_get_coloring     (PwPlanCanvas   *self);
/* The day the lenses look from (YYYY-MM-DD); default today. */
void            pw_plan_canvas_set_today        (PwPlanCanvas   *self,
                                                 const char     *today);
void            pw_plan_canvas_set_square_feet  (PwPlanCanvas   *self,
                                                 gboolean        square_feet);
void            pw_plan_canvas_set_background   (PwPlanCanvas   *self,
                                                 RsvgHandle     *drawing,
                                                 const cairo_matrix_t *to_plan);

/* Whether the floor's drawing shows behind the rooms, and how strongly (0 to 1;
 * below 0: the style's own faint backdrop). */
void            pw_plan_canvas_set_backdrop     (PwPlanCanvas   *self,
                                                 gboolean        visible,
                                                 double          opacity);
/* The selected rooms, as indices into the floor, in the order they were picked. */
GArray         *pw_plan_canvas_get_selection    (PwPlanCanvas   *self);
gint64          pw_plan_canvas_get_selected_area (PwPlanCanvas  *self);

typedef enum {
  PW_PLAN_SELECT_REPLACE,
  PW_PLAN_SELECT_ADD,
  PW_PLAN_SELECT_TOGGLE,
} PwPlanSelectMode;

void            pw_plan_canvas_select           (PwPlanCanvas   *self,
                                                 int             room,
                                                 PwPlanSelectMode mode);
void            pw_plan_canvas_select_none      (PwPlanCanvas   *self);
/* Pans and zooms so @room is in view, selects it and gives it the keyboard focus. */
void            pw_plan_canvas_reveal           (PwPlanCanvas   *self,
                                                 int             room);
void            pw_plan_canvas_zoom_fit         (PwPlanCanvas   *self);
void            pw_plan_canvas_zoom_by          (PwPlanCanvas   *self,
                                                 double          factor);
/* The accessible child that stands for @room (for tests), or NULL when it has none:
 * only rooms in view have one (at most PW_PLAN_MAX_ROOM_ITEMS of them, the largest
 * on screen first), and the focused room. */
GtkWidget      *pw_plan_canvas_get_room_widget  (PwPlanCanvas   *self,
                                                 int             room);
/* The room under the widget point (@x, @y), found through the floor's index; -1 for none. */
int             pw_plan_canvas_room_at          (PwPlanCanvas   *self,
                                                 double          x,
                                                 double          y);
/* Rooms drawn from the cache since the floor was set, and cache renders. */
void            pw_plan_canvas_get_stats        (PwPlanCanvas   *self,
                                                 guint          *n_frames,
                                                 guint          *n_renders);
guint           pw_plan_canvas_get_n_scaled_frames (PwPlanCanvas *self);

G_END_DECLS
