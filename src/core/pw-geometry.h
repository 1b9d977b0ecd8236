/* pw-geometry.h — space outlines: polygons with holes, in metres on the floor
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pw-error.h"

G_BEGIN_DECLS

/* Limits on outline JSON, checked before parsing. */
#define PW_OUTLINE_MAX_BYTES  (16 * 1024 * 1024)
#define PW_OUTLINE_MAX_DEPTH  8
#define PW_OUTLINE_MAX_POINTS 100000
/* Largest accepted |coordinate|, in metres: keeps every area finite and exact enough. */
#define PW_OUTLINE_MAX_COORD  1e7

typedef struct
{
  double x, y;
} PwPoint;

typedef struct _PwPolygon PwPolygon;

PwPolygon     *pw_polygon_new            (const PwPoint *outer,
                                          guint          n);
PwPolygon     *pw_polygon_new_rect       (double         x,
                                          double         y,
                                          double         w,
                                          double         h);
PwPolygon     *pw_polygon_new_from_json  (const char    *json,
                                          GError       **error);
void           pw_polygon_free           (PwPolygon     *polygon);
void           pw_polygon_add_hole       (PwPolygon     *polygon,
                                          const PwPoint *pts,
                                          guint          n);

gboolean       pw_polygon_validate       (PwPolygon     *polygon,
                                          GError       **error);
char          *pw_polygon_to_json        (PwPolygon     *polygon);

const PwPoint *pw_polygon_get_outer      (PwPolygon     *polygon,
                                          guint         *n);
guint          pw_polygon_get_n_holes    (PwPolygon     *polygon);
const PwPoint *pw_polygon_get_hole       (PwPolygon     *polygon,
                                          guint          index,
                                          guint         *n);

double         pw_polygon_area           (PwPolygon     *polygon);
gint64         pw_polygon_area_centi     (PwPolygon     *polygon);
void           pw_polygon_bounds         (PwPolygon     *polygon,
                                          double        *x0,
                                          double        *y0,
                                          double        *x1,
                                          double        *y1);
gboolean       pw_polygon_contains       (PwPolygon     *polygon,
                                          double         x,
                                          double         y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwPolygon, pw_polygon_free)

G_END_DECLS
