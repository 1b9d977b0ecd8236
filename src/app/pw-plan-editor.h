/* pw-plan-editor.h — the floor-plan editor on the Plans page: tools that draw,
 * split, merge and reshape rooms on the canvas, with undo and redo
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What it does is written in docs/plan-editing.md, "The editor on the canvas". */
#pragma once

#include <adwaita.h>

#include "pw-plan-canvas.h"
#include "pw-store.h"

G_BEGIN_DECLS

typedef enum {
  PW_PLAN_TOOL_SELECT,
  PW_PLAN_TOOL_POLYGON,
  PW_PLAN_TOOL_RECTANGLE,
  PW_PLAN_TOOL_SPLIT,
  PW_PLAN_TOOL_MERGE,
  PW_PLAN_TOOL_VERTEX,
  PW_PLAN_TOOL_MOVE,
  PW_PLAN_TOOL_ROTATE,
} PwPlanTool;

#define PW_TYPE_PLAN_EDITOR (pw_plan_editor_get_type ())
G_DECLARE_FINAL_TYPE (PwPlanEditor, pw_plan_editor, PW, PLAN_EDITOR, GObject)

/* An editor for @canvas, which must be the main child of @overlay (the editor
 * draws on top of it and shows its tools and messages there). Its actions
 * (plan.edit, plan.tool, plan.undo, plan.redo…) go into @actions. */
PwPlanEditor *pw_plan_editor_new          (PwPlanCanvas   *canvas,
                                           GtkOverlay     *overlay,
                                           GActionMap     *actions,
                                           GSettings      *settings);
void          pw_plan_editor_set_store    (PwPlanEditor   *self,
                                           PwStore        *store);
gboolean      pw_plan_editor_get_active   (PwPlanEditor   *self);
void          pw_plan_editor_set_active   (PwPlanEditor   *self,
                                           gboolean        active);
PwPlanTool    pw_plan_editor_get_tool     (PwPlanEditor   *self);
void          pw_plan_editor_set_tool     (PwPlanEditor   *self,
                                           PwPlanTool      tool);

/* A key press as the canvas would pass it (for tests and keyboard-only use);
 * returns whether the editor used it. */
gboolean      pw_plan_editor_key          (PwPlanEditor   *self,
                                           guint           keyval,
                                           GdkModifierType state);
/* A key released (Ctrl+Z let go: the repeats queued are undone at once). */
void          pw_plan_editor_key_released (PwPlanEditor   *self,
                                           guint           keyval);
/* A click at (@x, @y) in floor metres, as the pointer gives it once snapped. */
void          pw_plan_editor_click        (PwPlanEditor   *self,
                                           double          x,
                                           double          y,
                                           int             n_press);
/* Moves the tool's cursor to (@x, @y) in floor metres. */
void          pw_plan_editor_set_cursor   (PwPlanEditor   *self,
                                           double          x,
                                           double          y);
/* The last refusal's message, or NULL; the status line (lengths, area). */
const char   *pw_plan_editor_get_message  (PwPlanEditor   *self);
const char   *pw_plan_editor_get_status   (PwPlanEditor   *self);
guint         pw_plan_editor_get_n_undo   (PwPlanEditor   *self);
guint         pw_plan_editor_get_n_redo   (PwPlanEditor   *self);
/* The contract the last refusal named (PW_PLAN_ERROR_HELD), or NULL. */
const char   *pw_plan_editor_get_held_contract (PwPlanEditor *self);

/* What the banner's "Start Amendment…" opens (not yet shown): the amendment of
 * the contract the last refusal named, starting with the new area of the room
 * when an outline change was refused, which it writes with the amendment. NULL
 * when no contract was named. */
GtkWindow    *pw_plan_editor_start_amendment (PwPlanEditor *self);

G_END_DECLS
