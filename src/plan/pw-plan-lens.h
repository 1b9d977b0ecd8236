/* pw-plan-lens.h — what the plan colours rooms by, and the legend that explains it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lens sorts every room of a floor into classes; each class has a fill, a
 * pattern, a translated label and a count. Colours come from the Okabe–Ito
 * palette (readable with every common colour-vision deficiency) and the status
 * lens adds hatching, so no two statuses differ by hue alone. Lease lenses read
 * what the floor carries and put rooms without lease data in "No data".
 */
#pragma once

#include <glib.h>

#include "pw-plan-floor.h"

G_BEGIN_DECLS

typedef enum {
  PW_PLAN_LENS_STATUS,
  PW_PLAN_LENS_EXPIRY,
  PW_PLAN_LENS_RENT,
  PW_PLAN_LENS_AREA,
  PW_PLAN_LENS_TENANT,
  PW_PLAN_LENS_ARREARS,
} PwPlanLens;

#define PW_PLAN_N_LENSES 6

typedef enum {
  PW_PLAN_PATTERN_NONE,
  PW_PLAN_PATTERN_HATCH,        /* diagonal lines */
  PW_PLAN_PATTERN_CROSSHATCH,
  PW_PLAN_PATTERN_DOTS,
} PwPlanPattern;

typedef struct
{
  char          *label;
  guint32        rgb;      /* 0xRRGGBB */
  PwPlanPattern  pattern;
  guint          count;
  gint64         area;     /* chargeable, hundredths of a m² */
  gint64         overdue;  /* arrears lens: Σ overdue of its rooms' contracts, each once */
} PwPlanClass;

typedef struct
{
  PwPlanLens  lens;
  GArray     *classes;     /* of PwPlanClass; shown in this order */
  guint      *room_class;  /* per room of the floor: an index into classes */
  guint       n_rooms;
  char       *currency;    /* arrears lens: the currency of the amounts; else NULL */
} PwPlanColoring;

const char     *pw_plan_lens_to_string   (PwPlanLens    lens);
gboolean        pw_plan_lens_from_string (const char   *text,
                                          PwPlanLens   *lens);
const char     *pw_plan_lens_get_label   (PwPlanLens    lens);

/* Classifies every room of @floor; @today (YYYY-MM-DD) dates the expiry lens. The
 * tenant lens gives neighbouring tenants different colours (pw-plan-adjacency.h). */
PwPlanColoring *pw_plan_coloring_new     (PwPlanFloor  *floor,
                                          PwPlanLens    lens,
                                          const char   *today);
/* The same, with the tenant lens's colours worked out over @floors (a building's,
 * for a stacking plan), so that a tenant has one colour on all of them. */
PwPlanColoring *pw_plan_coloring_new_among (PwPlanFloor *floor,
                                            PwPlanLens   lens,
                                            const char  *today,
                                            GPtrArray   *floors);
void            pw_plan_coloring_free    (PwPlanColoring *coloring);
/* The classes of several floors (PwPlanFloor) added up by label, in the order
 * first seen, for a legend of a whole building; it colours no room. */
PwPlanColoring *pw_plan_coloring_merge   (GPtrArray    *floors,
                                          PwPlanLens    lens,
                                          const char   *today);

/* A legend entry: "Vacant (3)"; for the arrears lens with the class's overdue
 * amount: "Overdue 31–90 days (2) · ¥19,250.00". */
char           *pw_plan_class_legend_text (const PwPlanColoring *coloring,
                                           const PwPlanClass    *cls);
/* The class's overdue amount in the coloring's currency ("¥19,250.00"), or NULL
 * for a lens other than arrears. */
char           *pw_plan_class_format_overdue (const PwPlanColoring *coloring,
                                              const PwPlanClass    *cls);

/* Reads, for every room of @floor, what the running contracts holding it on @as_of
 * (YYYY-MM-DD) owe past due then and how old the oldest amount is
 * (pw_receivables_space_arrears(), docs/plans.md "Arrears"), and dates the floor's
 * arrears by @as_of. pw_plan_floor_load_extras() does this for its day. */
gboolean        pw_plan_floor_load_arrears (PwPlanFloor *floor,
                                            PwStore     *store,
                                            const char  *as_of,
                                            GError     **error);
/* "Overdue ¥8,250.00, oldest 45 days" for a room with arrears, "No overdue" for a
 * leased room paid up, NULL for one not leased or a floor without arrears data. */
char           *pw_plan_room_describe_arrears (PwPlanFloor *floor,
                                               PwPlanRoom  *room);

/* Months from @from to @to (both YYYY-MM-DD), negative when @to is earlier;
 * a partial month counts as a fraction by days. FALSE for an invalid date. */
gboolean        pw_plan_months_between   (const char   *from,
                                          const char   *to,
                                          double       *months);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwPlanColoring, pw_plan_coloring_free)

G_END_DECLS
