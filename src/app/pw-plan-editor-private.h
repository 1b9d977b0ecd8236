/* pw-plan-editor-private.h — the editor's state, shared by its files
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-plan-editor.h"
#include "pw-plan-snap.h"

G_BEGIN_DECLS

struct _PwPlanEditor
{
  GObject         parent_instance;

  PwPlanCanvas   *canvas;        /* not owned: the page holds it */
  GtkOverlay     *overlay;
  GActionMap     *actions;
  GSettings      *settings;
  PwStore        *store;

  gboolean        active;
  PwPlanTool      tool;
  gboolean        no_snap;       /* Shift held */

  GtkWidget      *area;          /* draws the overlay */
  GtkWidget      *toolbar;
  GtkWidget      *tool_buttons[8];
  GtkWidget      *banner;
  GtkWidget      *banner_label;
  GtkWidget      *banner_button;
  GtkEventController *key_controller;

  PwPlanSnap     *snap;
  PwPlanFloor    *snap_floor;    /* the floor the index was built for (a pointer, not a ref) */
  PwSnapResult    snapped;       /* where the cursor snapped */

  GArray         *points;        /* PwPoint: the points placed so far */
  PwPoint         cursor;
  gboolean        has_cursor;
  PwPoint         direction;     /* unit vector of the current segment */
  GString        *typed;         /* a length being typed */
  double          rect_width;    /* the rectangle's typed width, NAN before */

  char           *room_id;       /* the room the vertex, move and rotate tools edit */
  PwPolygon      *preview;       /* its outline as edited, not yet written */
  int             vertex;        /* the vertex of ring 0 chosen, -1 none */
  gboolean        dragging;
  PwPoint         drag_start;
  int             drag_vertex;   /* -1: the edge drag_edge, or the whole room */
  int             drag_edge;
  PwPolygon      *drag_base;
  guint           nudge_source;  /* a run of arrow keys, written when it stops */
  gint64          last_click_time;
  PwPoint         last_click;

  GPtrArray      *undo;          /* PwChange */
  GPtrArray      *redo;          /* PwChange: the undo's change */

  char           *message;
  char           *status;
  char           *held_contract_id;
};

/* pw-plan-editor-overlay.c */
void     pw_plan_editor_overlay_draw (PwPlanEditor *self,
                                      cairo_t      *cr,
                                      int           width,
                                      int           height);
char    *pw_plan_editor_format_length (double metres);

/* pw-plan-editor-tools.c: outlines edited in memory */
PwPolygon *pw_plan_editor_transform (PwPolygon *room, double dx, double dy,
                                     double angle, const PwPoint *pivot);
PwPolygon *pw_plan_editor_with_outer (PwPolygon *room, const PwPoint *outer, guint n);
PwPlanRoom *pw_plan_editor_room      (PwPlanEditor *self);
gboolean pw_plan_editor_commit_outline (PwPlanEditor *self, PwPolygon *outline,
                                        const char *what);

G_END_DECLS
