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
  AdwToast       *last_toast;    /* weak */
  GtkWidget      *banner;
  GtkWidget      *banner_label;
  GtkWidget      *banner_button;
  GtkEventController *key_controller;

  PwPlanSnap     *snap;
  PwPlanFloor    *snap_floor;    /* the floor the index was built for */
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

  PwPolygon      *pending;       /* a room drawn, waiting for its kind */
  GtkWidget      *kind_popover;
  GtkWidget      *kind_dropdown;

  GPtrArray      *merge_ids;     /* space ids the merge tool picked */
  GtkWidget      *kind_button;

  GPtrArray      *undo;          /* PwChange */
  GPtrArray      *redo;          /* PwChange: the undo's change */
  guint           undo_queued;   /* Ctrl+Z repeats not yet undone: one transaction */
  guint           undo_flush;    /* the idle that undoes them */
  gboolean        undo_key_held; /* Ctrl+Z pressed and not released: a repeat follows */

  char           *message;
  char           *status;
  char           *held_contract_id;
  char           *held_space_id;  /* the room an outline change refused (HELD) was for */
  PwPolygon      *held_outline;   /* that change's outline, for the amendment */
};

/* pw-plan-editor.c: a repeat of Ctrl+Z, undone with the others queued */
void         editor_queue_undo      (PwPlanEditor *self);
void         editor_flush_undo      (PwPlanEditor *self);

typedef struct
{
  const char *name;     /* the plan.tool action's target */
  const char *icon;
  const char *label;    /* translated when shown */
  guint       key;      /* the key that picks it */
} PwPlanEditorToolInfo;

#define PW_PLAN_N_TOOLS (PW_PLAN_TOOL_ROTATE + 1)

/* pw-plan-editor.c: the tools, messages, the floor, undo */
extern const PwPlanEditorToolInfo editor_tools[PW_PLAN_N_TOOLS];
const char  *editor_tool_hint       (PwPlanTool    tool);
void         editor_toast           (PwPlanEditor *self, const char *text, gboolean with_undo);
void         editor_announce        (PwPlanEditor *self, const char *text);
void         editor_hide_banner     (PwPlanEditor *self);
/* Shows @error on the canvas and announces it; @contract_id is the contract a
 * PW_PLAN_ERROR_HELD refusal offers to amend. */
void         editor_refuse          (PwPlanEditor *self, const GError *error, const char *contract_id);
/* The floor shown; builds the snapping index when it changed. */
PwPlanFloor *editor_floor           (PwPlanEditor *self);
const char  *editor_contract_of     (PwPlanEditor *self, const char *space_id);
/* Eight pixels of the view, in metres. */
double       editor_tolerance       (PwPlanEditor *self);
void         editor_redraw          (PwPlanEditor *self);
void         editor_update_actions  (PwPlanEditor *self);
typedef gboolean (*PwPlanEditorWriteFunc) (PwPlanEditor *self, gpointer data, GError **error);
/* Runs @write as one recorded change: on the undo list, or refused on the canvas. */
gboolean     editor_record          (PwPlanEditor *self, PwPlanEditorWriteFunc write, gpointer data,
                                     const char *done, const char *space_id);
void         editor_reset_tool      (PwPlanEditor *self);

/* pw-plan-editor-tools.c */
void         editor_update_status   (PwPlanEditor *self);
gboolean     editor_is_drawing_tool (PwPlanTool    tool);
void         editor_snap_cursor     (PwPlanEditor *self, double x, double y);
void         editor_place_point     (PwPlanEditor *self, const PwPoint *p);
void         editor_finish_drawing  (PwPlanEditor *self);
void         editor_enter           (PwPlanEditor *self);
void         editor_start_cursor    (PwPlanEditor *self);
void         editor_merge_pick      (PwPlanEditor *self, const char *space_id, gboolean toggle);
/* Writes the room drawn (waiting for its kind) as a space of @kind. */
void         editor_create_room     (PwPlanEditor *self, const char *kind);
void         editor_flush_nudge     (PwPlanEditor *self);
void         editor_nudge           (PwPlanEditor *self, double dx, double dy);
void         editor_vertex_key      (PwPlanEditor *self, guint keyval);
PwPolygon   *pw_plan_editor_transform (PwPolygon *room, double dx, double dy,
                                       double angle, const PwPoint *pivot);
PwPolygon   *pw_plan_editor_with_outer (PwPolygon *room, const PwPoint *outer, guint n);
PwPlanRoom  *pw_plan_editor_room     (PwPlanEditor *self);
gboolean     pw_plan_editor_commit_outline (PwPlanEditor *self, PwPolygon *outline,
                                            const char *what);

/* pw-plan-editor-input.c */
void         editor_input_attach    (PwPlanEditor *self);

/* pw-plan-editor-overlay.c */
void         pw_plan_editor_overlay_draw (PwPlanEditor *self, cairo_t *cr, int width, int height);
char        *pw_plan_editor_format_length (double metres);

G_END_DECLS
