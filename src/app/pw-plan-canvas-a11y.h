/* pw-plan-canvas-a11y.h — the plan canvas's accessible room children, for the rooms in view
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each room in view gets a small invisible child (PwPlanItem) that carries its
 * accessible name and takes the keyboard focus. Rooms out of view have none, so a
 * floor of 50,000 rooms does not hold 50,000 widgets: at most
 * PW_PLAN_MAX_ROOM_ITEMS rooms have a child at once (the largest on screen, then
 * those nearest the middle of the view), plus the focused room wherever it is.
 * Children are kept in room order and re-used while their room stays in view.
 */
#pragma once

#include <gtk/gtk.h>

#include "pw-plan-floor.h"
#include "pw-plan-viewport.h"

G_BEGIN_DECLS

#define PW_PLAN_MAX_ROOM_ITEMS 1000

typedef struct _PwPlanRoomItems PwPlanRoomItems;

PwPlanRoomItems *pw_plan_room_items_new          (GtkWidget        *canvas);
/* Unparents every child. */
void             pw_plan_room_items_free         (PwPlanRoomItems  *items);
/* Drops every child; the next allocation creates those in view for @floor. */
void             pw_plan_room_items_reset        (PwPlanRoomItems  *items,
                                                  PwPlanFloor      *floor,
                                                  gboolean          square_feet);
/* Called from the canvas's size_allocate: creates the children of the rooms now
 * in view, drops the others (never the child of @keep, the focused room, -1 for
 * none) and allocates each over its room, clipped to the widget. @selected holds
 * a flag per room for the children's pressed state. */
void             pw_plan_room_items_allocate     (PwPlanRoomItems  *items,
                                                  PwPlanViewport   *viewport,
                                                  int               width,
                                                  int               height,
                                                  const guint8     *selected,
                                                  int               keep);
/* The child of @room, or NULL when it has none (out of view). */
GtkWidget       *pw_plan_room_items_get          (PwPlanRoomItems  *items,
                                                  int               room);
/* The child of @room, created now if it has none (to give it the focus). */
GtkWidget       *pw_plan_room_items_ensure       (PwPlanRoomItems  *items,
                                                  int               room,
                                                  gboolean          selected);
void             pw_plan_room_items_set_selected (PwPlanRoomItems  *items,
                                                  int               room,
                                                  gboolean          selected);
/* How many children exist now. */
guint            pw_plan_room_items_get_count    (PwPlanRoomItems  *items);

G_END_DECLS
