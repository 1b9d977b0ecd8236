/* pw-plan-render.h — draws a floor to any cairo surface: widget, print, export, tests
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <librsvg/rsvg.h>

#include "pw-plan-floor.h"
#include "pw-plan-error.h"
#include "pw-plan-lens.h"

G_BEGIN_DECLS

/* Plan metres to device units: device = plan × scale + offset. */
typedef struct
{
  double scale;
  double ox, oy;
} PwPlanView;

void      pw_plan_view_fit         (PwPlanView       *view,
                                    double            x0,
                                    double            y0,
                                    double            x1,
                                    double            y1,
                                    double            width,
                                    double            height,
                                    double            margin);
void      pw_plan_view_to_device   (const PwPlanView *view,
                                    double           *x,
                                    double           *y);
void      pw_plan_view_to_plan     (const PwPlanView *view,
                                    double           *x,
                                    double           *y);

typedef enum {
  PW_PLAN_LABEL_CODE   = 1 << 0,
  PW_PLAN_LABEL_TENANT = 1 << 1,
  PW_PLAN_LABEL_AREA   = 1 << 2,
} PwPlanLabelFields;

typedef struct
{
  gboolean           dark;         /* the dark style's colours */
  double             pixel;        /* device units per logical pixel (2 on HiDPI) */
  PwPlanLabelFields  labels;       /* 0: no labels */
  gboolean           square_feet;
  const char        *font;         /* a Pango font description; NULL for "Sans 9" */
  double             backdrop;     /* the drawing's opacity, 0 to 1; below 0: the style's own */
} PwPlanStyle;

void      pw_plan_style_init       (PwPlanStyle      *style);

/* Background drawing: an SVG placed on the floor by @to_plan (drawing units → metres). */
void      pw_plan_draw_background  (cairo_t          *cr,
                                    RsvgHandle       *drawing,
                                    const cairo_matrix_t *to_plan,
                                    const PwPlanView *view,
                                    const PwPlanStyle *style);
/* Fills and outlines every room whose bounds meet the current clip, found through
 * the floor's spatial index (nothing else is touched, so a small clip is cheap).
 * A room under 3 device pixels both ways is filled as its bounding box, without
 * an outline; outlines are left unsmoothed when the floor's median room is under
 * 24 device pixels. Both depend on the zoom only, never on the clip. */
void      pw_plan_draw_rooms       (cairo_t          *cr,
                                    PwPlanFloor      *floor,
                                    PwPlanColoring   *coloring,
                                    const PwPlanView *view,
                                    const PwPlanStyle *style);

typedef struct
{
  guint  room;
  double x, y, width, height;   /* device units */
  guint  fields;                /* PwPlanLabelFields shown */
} PwPlanLabel;

/* Places labels (larger rooms first; none overlaps another or leaves its room)
 * and draws them unless @cr is NULL. Returns the placed labels (PwPlanLabel). */
GArray   *pw_plan_draw_labels      (cairo_t          *cr,
                                    PwPlanFloor      *floor,
                                    PwPlanColoring   *coloring,
                                    const PwPlanView *view,
                                    const PwPlanStyle *style,
                                    double            width,
                                    double            height);
/* Adds to @rect (start from width 0) the device rectangle a room's bounds
 * (@x0, @y0)–(@x1, @y1), in metres, cover in @view, grown by the outline's and the
 * selection's width and rounded outwards. Call it with a room's bounds before and
 * after an edit (pw_plan_floor_set_room_outline() hands back the old ones) to get
 * what pw_plan_draw_region() must redraw. */
void      pw_plan_damage_rect      (const PwPlanView      *view,
                                    const PwPlanStyle     *style,
                                    double                 x0,
                                    double                 y0,
                                    double                 x1,
                                    double                 y1,
                                    cairo_rectangle_int_t *rect);
/* Redraws only @rect (device units, cut to the layer) of a layer drawn with the
 * backdrop @drawing (may be NULL), pw_plan_draw_rooms() and pw_plan_draw_labels()
 * for a view @width × @height: the rectangle is cleared to transparent, as a new
 * image surface is, and drawn again. Fills, upright outlines and labels come out
 * as the whole layer draws them, pixel for pixel; where a slanted outline runs
 * out of the rectangle, cairo may smooth it a few levels of 255 apart. Labels are
 * placed among the rooms that meet the rectangle and those whose bounds meet
 * theirs, which gives the whole layer's labels unless rooms overlap in long
 * chains. Cost follows the rooms in the rectangle, not the floor: an editor can
 * redraw a dragged room into its cached layer on every frame. @cr's current
 * transformation must be the one the layer was drawn with. */
void      pw_plan_draw_region      (cairo_t                     *cr,
                                    PwPlanFloor                 *floor,
                                    PwPlanColoring              *coloring,
                                    const PwPlanView            *view,
                                    const PwPlanStyle           *style,
                                    RsvgHandle                  *drawing,
                                    const cairo_matrix_t        *to_plan,
                                    const cairo_rectangle_int_t *rect,
                                    double                       width,
                                    double                       height);
/* An outline drawn over a room: the selection or the hover. */
void      pw_plan_draw_highlight   (cairo_t          *cr,
                                    PwPlanRoom       *room,
                                    const PwPlanView *view,
                                    const PwPlanStyle *style,
                                    gboolean          selected);
/* Fills the rectangle as rooms of @cls are filled: its colour and its pattern. */
void      pw_plan_draw_swatch      (cairo_t          *cr,
                                    const PwPlanClass *cls,
                                    const PwPlanStyle *style,
                                    double            x,
                                    double            y,
                                    double            width,
                                    double            height);
/* Draws the legend with its top-left at (@x, @y); returns its height. With @cr
 * NULL only measures. *@width gets its width. */
double    pw_plan_draw_legend      (cairo_t          *cr,
                                    PwPlanColoring   *coloring,
                                    const PwPlanStyle *style,
                                    double            x,
                                    double            y,
                                    double           *width);

typedef struct
{
  const char           *title;     /* "Lakeside Science Park · T1 · Floor 3" */
  const char           *date;      /* YYYY-MM-DD printed in the title block */
  RsvgHandle           *background;
  cairo_matrix_t        background_to_plan;
  GArray               *selection; /* guint room indices to outline, or NULL */
} PwPlanPage;

/* A whole sheet: title block, the plan fitted, legend, scale bar, north arrow. */
void      pw_plan_draw_page        (cairo_t          *cr,
                                    PwPlanFloor      *floor,
                                    PwPlanColoring   *coloring,
                                    const PwPlanPage *page,
                                    const PwPlanStyle *style,
                                    double            width,
                                    double            height);

/* Writes a sheet to @path as PNG, PDF or SVG, by its extension. */
gboolean  pw_plan_export           (PwPlanFloor      *floor,
                                    PwPlanColoring   *coloring,
                                    const PwPlanPage *page,
                                    const PwPlanStyle *style,
                                    int               width,
                                    int               height,
                                    const char       *path,
                                    GError          **error);

/* A building's stacking plan as a sheet: title block, the floors (PwPlanFloor, top
 * floor first) as rows of bars, and the legend of the whole building. */
void      pw_plan_draw_stacking_page (cairo_t           *cr,
                                      GPtrArray         *floors,
                                      PwPlanLens         lens,
                                      const char        *today,
                                      const PwPlanPage  *page,
                                      const PwPlanStyle *style,
                                      double             width,
                                      double             height);
gboolean  pw_plan_export_stacking   (GPtrArray         *floors,
                                     PwPlanLens         lens,
                                     const char        *today,
                                     const PwPlanPage  *page,
                                     const PwPlanStyle *style,
                                     int                width,
                                     int                height,
                                     const char        *path,
                                     GError           **error);

G_END_DECLS
