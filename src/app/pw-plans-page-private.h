/* pw-plans-page-private.h — what the Plans page's files share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-plan-backdrop.h"
#include "pw-plan-editor.h"
#include "pw-plans-page.h"
#include "pw-ui.h"

G_BEGIN_DECLS

struct _PwPlansPage
{
  GtkWidget           parent_instance;

  PwUiStoreWatch      watch;
  GSettings          *settings;
  gboolean            square_feet;
  gboolean            loaded;        /* the park is loaded and up to date */
  gboolean            updating;      /* filling the dropdowns: ignore their signals */

  char               *park_id;
  char               *park_name;
  GPtrArray          *spaces;        /* PwSpace of the park */
  GPtrArray          *buildings;     /* PwLedgerNode */
  GPtrArray          *floor_nodes;   /* PwLedgerNode of the building shown, top first */
  GHashTable         *floors;        /* floor id → PwPlanFloor, built on first use */
  int                 building;      /* index into buildings, -1 for none */
  char               *floor_id;
  PwPlanLens          lens;
  char               *selection_text;
  GSimpleActionGroup *actions;

  /* template children */
  AdwToastOverlay    *toast_overlay;
  GtkDropDown        *building_dropdown;
  GtkDropDown        *floor_dropdown;
  GtkDropDown        *lens_dropdown;
  GtkToggleButton    *floor_plan_button;
  GtkToggleButton    *stacking_button;
  GtkSearchEntry     *search_entry;
  GtkStack           *view_stack;
  PwPlanCanvas       *canvas;
  GtkOverlay         *canvas_overlay;
  PwPlanEditor       *editor;
  GtkMenuButton      *menu_button;
  PwPlanBackdrop     *backdrop;      /* the Drawing section of the menu */
  AdwStatusPage      *empty_page;
  PwStackingPlan     *stacking_plan;
  GtkLabel           *legend_title;
  GtkListBox         *legend_list;
  GtkLabel           *selection_label;
  GtkButton          *export_selection_button;
  GtkButton          *lease_selection_button;
};

/* pw-plans-page-rooms.c: the editor, the drawing's controls, a room's detail and menu */
void  pw_plans_page_init_rooms          (PwPlansPage *self);
void  pw_plans_page_update_room_actions (PwPlansPage *self);

G_END_DECLS
