/* pw-plans-page.h — the Plans page: a floor's plan or its building's stacking plan,
 * coloured by a lens, with a legend, search, the selection, print and export
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-page.h"
#include "pw-plan-canvas.h"
#include "pw-plan-editor.h"
#include "pw-stacking-plan.h"
#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_PLANS_PAGE (pw_plans_page_get_type ())
G_DECLARE_FINAL_TYPE (PwPlansPage, pw_plans_page, PW, PLANS_PAGE, GtkWidget)

/* A PwPage: the functions below for the store, the park and the search are
 * the interface's, kept for callers that know the type. */

GtkWidget      *pw_plans_page_new                    (void);
void            pw_plans_page_set_store              (PwPlansPage  *self,
                                                     PwStore     *store);
PwStore        *pw_plans_page_get_store              (PwPlansPage  *self);
/* The park shown; NULL: the last one opened, or the first. */
void            pw_plans_page_set_park_id            (PwPlansPage  *self,
                                                     const char  *park_id);
/* The page loads its park when it is first shown; this loads it now. */
void            pw_plans_page_ensure_loaded          (PwPlansPage  *self);
gboolean        pw_plans_page_is_loaded              (PwPlansPage  *self);

PwPlanCanvas   *pw_plans_page_get_canvas             (PwPlansPage  *self);
/* The floor-plan editor of the page (docs/plan-editing.md). */
PwPlanEditor   *pw_plans_page_get_editor             (PwPlansPage  *self);
PwStackingPlan *pw_plans_page_get_stacking_plan      (PwPlansPage  *self);

/* Shows the floor @floor_id of the park, choosing its building. */
gboolean        pw_plans_page_show_floor             (PwPlansPage  *self,
                                                     const char  *floor_id);
const char     *pw_plans_page_get_floor_id           (PwPlansPage  *self);
void            pw_plans_page_set_lens               (PwPlansPage  *self,
                                                     PwPlanLens   lens);
/* Shows the stacking plan of the building, or the floor plan. */
void            pw_plans_page_set_stacking           (PwPlansPage  *self,
                                                     gboolean     stacking);
gboolean        pw_plans_page_get_stacking           (PwPlansPage  *self);

/* Finds a space by code (exact, then prefix) or tenant (part of the name), on
 * this floor first and then on the park's other floors, and reveals it; says so
 * in a toast when nothing matches. */
gboolean        pw_plans_page_find                   (PwPlansPage  *self,
                                                     const char  *text);
/* Shows the floor of the first of @codes with every one of @codes on that floor
 * selected (a contract's spaces); FALSE when the first is not found. */
gboolean        pw_plans_page_show_spaces            (PwPlansPage       *self,
                                                      const char *const *codes);
void            pw_plans_page_focus_search           (PwPlansPage  *self);

/* The ids of the selected spaces, in the order they were picked. */
GStrv           pw_plans_page_get_selected_space_ids (PwPlansPage  *self);
/* What the bar under the plan says about the selection. */
const char     *pw_plans_page_get_selection_text     (PwPlansPage  *self);
/* The labels of the legend's rows, in order. */
GStrv           pw_plans_page_get_legend_labels      (PwPlansPage  *self);

/* Writes the floor's sheet (PNG, PDF or SVG by the extension). */
gboolean        pw_plans_page_export_image           (PwPlansPage  *self,
                                                     const char  *path,
                                                     GError     **error);
/* Writes the selected spaces as CSV: code, name, kind, status, chargeable m². */
gboolean        pw_plans_page_export_selection       (PwPlansPage  *self,
                                                     const char  *path,
                                                     GError     **error);
/* Opens the print dialog for the floor's sheet. */
void            pw_plans_page_print                  (PwPlansPage  *self);

G_END_DECLS
