/* pw-ifc-private.h — what the IFC importer's files share: the reading state, the
 * entity access, the vector maths and the entry points of each part
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parts, each keeping the invariants of the design note in pw-ifc-import.c:
 *   pw-ifc-import.c      access to entities, units, the public entry points
 *   pw-ifc-geometry.c    placements, curves and profiles
 *   pw-ifc-footprint.c   faces, solids and representations → one outline
 *   pw-ifc-spatial.c     storeys, containment and spaces
 *   pw-ifc-quantities.c  declared areas from quantity and property sets
 */
#pragma once

#include <glib.h>
#include <math.h>
#include <string.h>

#include "pw-ifc-import.h"
#include "pw-ring.h"

G_BEGIN_DECLS

#define MAX_CHAIN   64     /* placements, mapped items, nested operands */
#define ARC_STEP    (G_PI / 18)
#define SPLIT_LIMIT 4000   /* edges above which T-junctions are not searched */
#define SPLIT_WORK  200000000.0  /* edge × vertex tests for the whole file */
#define MAX_RING_POINTS 20000   /* in one footprint: no room needs more */

typedef struct { double x, y, z; } Vec3;
typedef struct { Vec3 ax, ay, az, o; } Xform;   /* columns and origin */

typedef struct
{
  GArray    *outer;   /* of PwPoint, file units, y north */
  GPtrArray *holes;   /* of GArray of PwPoint */
} Shape;

typedef struct
{
  PwStepFile  *step;
  PwImportDoc *doc;
  double       length, area, angle;
  gboolean     area_assumed;
  guint        n_points;         /* budget against PW_IMPORT_MAX_POINTS */
  PwImportRoom *room;            /* being read: where soft warnings go */
  gboolean     sideways;
  GHashTable  *parents;          /* child id → relating id */
  GHashTable  *rooms;            /* space id → PwImportRoom* */
  GHashTable  *levels;           /* storey id → PwImportLevel* */
  double       split_work;       /* left of SPLIT_WORK */
} Ifc;

typedef struct
{
  guint32             id;
  guint               index;
  const char         *type;
  const PwStepValue  *args;
} Ent;

/* ------------------------------------------------------------------ vectors */

static inline Vec3 v3 (double x, double y, double z) { return (Vec3) { x, y, z }; }
static inline Vec3 vadd (Vec3 a, Vec3 b) { return v3 (a.x + b.x, a.y + b.y, a.z + b.z); }
static inline Vec3 vscale (Vec3 a, double s) { return v3 (a.x * s, a.y * s, a.z * s); }
static inline double vdot (Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
static inline double vlen (Vec3 a) { return sqrt (vdot (a, a)); }

static inline Vec3
vcross (Vec3 a, Vec3 b)
{
  return v3 (a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x);
}

static inline Vec3
xf_dir (const Xform *t, Vec3 d)
{
  return vadd (vadd (vscale (t->ax, d.x), vscale (t->ay, d.y)), vscale (t->az, d.z));
}

static inline Vec3
xf_point (const Xform *t, Vec3 p)
{
  return vadd (xf_dir (t, p), t->o);
}

/* a ∘ b: b first */
static inline Xform
xf_mul (const Xform *a, const Xform *b)
{
  return (Xform) { xf_dir (a, b->ax), xf_dir (a, b->ay), xf_dir (a, b->az), xf_point (a, b->o) };
}

/* ------------------------------------------------------------------ access */

static inline gboolean
is_soft (const GError *error)
{
  return g_error_matches (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY);
}

static inline const PwStepValue *
arg (const Ent *e, guint i)
{
  return pw_step_value_get_item (e->args, i);
}

static inline guint32
arg_ref (const Ent *e, guint i)
{
  return pw_step_value_get_ref (arg (e, i));
}

static inline gboolean
is (const Ent *e, const char *type)
{
  return strcmp (e->type, type) == 0;
}

/* pw-ifc-import.c: access to entities */
guint      pw_ifc_line_of               (Ifc *c, guint32 id);
void       pw_ifc_soft_error            (Ifc *c, GError **error, guint32 id,
                                         const char *format, ...) G_GNUC_PRINTF (4, 5);
/* Resolves #id; a missing instance is a soft error, a parse failure a hard one. */
gboolean   pw_ifc_get_ent               (Ifc *c, guint32 id, Ent *out, GError **error);
gboolean   pw_ifc_arg_number            (Ifc *c, const Ent *e, guint i, double *out,
                                         GError **error);

/* pw-ifc-import.c: units */
/* The SI value of one unit; @type gets its UnitType. */
gboolean   pw_ifc_unit_factor           (Ifc *c, guint32 id, const char **type, double *factor,
                                         guint depth, GError **error);

/* pw-ifc-geometry.c: placements, curves and profiles (file units, y north) */
gboolean   pw_ifc_read_point            (Ifc *c, guint32 id, Vec3 *out, GError **error);
gboolean   pw_ifc_read_direction        (Ifc *c, guint32 id, Vec3 *out, GError **error);
/* IfcAxis2Placement3D or 2D; $ gives the identity. */
gboolean   pw_ifc_read_axis_placement   (Ifc *c, const PwStepValue *value, Xform *out,
                                         GError **error);
/* IfcLocalPlacement chain to world; a cycle or an endless chain is a hard error. */
gboolean   pw_ifc_read_local_placement  (Ifc *c, guint32 id, Xform *out, GError **error);
/* IfcCartesianTransformationOperator2D/3D (and non-uniform ones). */
gboolean   pw_ifc_read_operator         (Ifc *c, guint32 id, Xform *out, GError **error);
/* Takes @n points from the file's budget (PW_IMPORT_MAX_POINTS); over it is a hard error. */
gboolean   pw_ifc_spend_points          (Ifc *c, guint n, guint32 id, GError **error);
gboolean   pw_ifc_curve_points          (Ifc *c, guint32 id, GArray *pts, guint depth,
                                         GError **error);
void       pw_ifc_shape_clear           (Shape *s);
void       pw_ifc_shape_init            (Shape *s);
void       pw_ifc_transform_ring        (GArray *ring, const Xform *t);
void       pw_ifc_rect_ring             (GArray *ring, double x0, double y0, double x1, double y1);
/* The profile in its own plane (z = 0 of the extrusion's position). */
gboolean   pw_ifc_profile_shape         (Ifc *c, guint32 id, Shape *out, guint depth,
                                         GError **error);

/* pw-ifc-footprint.c: representations → one outline */
/* Picks Body, else FootPrint, else any representation of a product shape. */
gboolean   pw_ifc_product_shape         (Ifc *c, guint32 id, const Xform *t, Shape *out,
                                         GError **error);
/* File units, y north → metres, y down; a polygon or NULL with the reason. */
PwPolygon *pw_ifc_shape_to_polygon      (Ifc *c, Shape *s, GError **error);

/* pw-ifc-spatial.c: storeys, containment and spaces */
gboolean   pw_ifc_read_storeys          (Ifc *c, GError **error);
gboolean   pw_ifc_read_relations        (Ifc *c, GError **error);
gboolean   pw_ifc_read_space            (Ifc *c, guint index, GError **error);

/* pw-ifc-quantities.c: declared areas */
gboolean   pw_ifc_read_declared_areas   (Ifc *c, GError **error);
/* With no area unit stated, areas were read in the length unit squared; if the
 * geometry says they are in square metres instead, they are read again so. */
void       pw_ifc_check_assumed_area_unit (Ifc *c);

G_END_DECLS
