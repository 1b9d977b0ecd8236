/* pw-demo.c — the demo park, Lakeside Science Park
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The park is drawn first and written second. Invariants:
 *  1. Every floor is a rectangle drawn in whole decimetres and cut into outlines that
 *     tile it (no gaps, no overlaps), as a surveyed floor plan does.
 *  2. With decimetre coordinates an outline's area in dm² is exact and is the recorded
 *     area in hundredths of a m², so internal_area is the outline's area, half-up
 *     rounding having nothing to round.
 *  3. All chance comes from GRands with fixed seeds, drawn in a fixed order: the park's
 *     dates count from 2026-01-01, the same park, the same figures, every time. The
 *     leasing side (customers, contracts, prospects) has a GRand of its own and counts
 *     from the day of seeding, so that its contracts are running, and a few falling
 *     due, whenever the demo is made; the same day gives the same contracts.
 *  4. The park, its customers, rules, contracts (each made as the app makes one: a
 *     draft, then moved along its life-cycle) and prospects are written by one
 *     pw_store_apply_all_full() of mutations, parents before children, the contracts'
 *     schedules derived in the same transaction, so all of it arrives whole, with its
 *     audit and outbox rows, or not at all. Three quotes are then submitted and two
 *     decided through the quote functions, which ask the approvals the rules want.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pw-date.h"
#include "pw-customer.h"
#include "pw-demo.h"
#include "pw-demo-private.h"
#include "pw-lease.h"
#include "pw-ledger.h"
#include "pw-uscc.h"

/* The demo's names and notes are written in the language of the user who creates
 * it; "" and NULL stay as they are (gettext would give "" its catalogue header). */
static const char *
tr (const char *text)
{
  return text != NULL && *text != '\0' ? _(text) : text;
}

#define DEMO_SEED      20260101u
#define DEMO_PARK_CODE "LSP"

typedef struct
{
  char    *id;
  char    *code;
  char    *building_id;
  const char *building_code;
  int      level;
  guint    seq;     /* last space number used on this floor */
  guint    room;    /* last room number used on this floor */
  guint    bay;     /* last parking bay number used on this floor */
  guint32  created; /* the day its spaces entered the ledger (Julian) */
} DemoFloor;

typedef struct _DemoLease DemoLease;

typedef struct
{
  DemoFloor     *floor;
  DemoLease     *lease;  /* the running contract that holds it, if any */
  char          *id;
  char          *code;
  char          *name;
  char          *outline;
  const char    *reason; /* for a status set by hand */
  PwSpaceKind    kind;
  PwSpaceStatus  status;
  PwPoolLevel    pool;
  PwAreaBasis    basis;
  gboolean       leasable;
  gboolean       takes_share;
  gint64         internal;
  gint64         usable;
  gint64         share;  /* the surveyor's estimate of its common share */
} DemoSpace;

typedef struct
{
  GRand       *rand;
  GPtrArray   *mutations; /* PwMutation */
  GPtrArray   *floors;    /* DemoFloor */
  GPtrArray   *spaces;    /* DemoSpace, in drawing order */
  GHashTable  *rooms;     /* "floor code/name" → DemoSpace, to place equipment */
  char        *park_id;
  char        *building_id;
  const char  *building_code;
  guint32      created;
  DemoFloor   *floor;     /* the floor being drawn */
  GRand       *deals;     /* the leasing side's own chance, so the park stays as drawn */
  guint32      today;     /* Julian: leases run, and fall due, around the day of seeding */
  GPtrArray   *leases;    /* DemoLease */
  GPtrArray   *customers; /* customer ids, by the order of the customer table below */
} Seeder;

/* ---- small helpers ------------------------------------------------------------ */

static guint32
julian (int year, int month, int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

#define BASE_DAY (julian (2026, 1, 1))

static char *
iso_date (guint32 day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  return pw_date_format_iso_new (&date);
}

/* A whole number in [lo, hi], both included. */
static int
dice (Seeder *s, int lo, int hi)
{
  return g_rand_int_range (s->rand, lo, hi + 1);
}

static const char *
pick (Seeder *s, const char *const *choices, guint n)
{
  return choices[g_rand_int_range (s->rand, 0, n)];
}

static void
demo_floor_free (DemoFloor *floor)
{
  g_free (floor->id);
  g_free (floor->code);
  g_free (floor->building_id);
  g_free (floor);
}

static void
demo_space_free (DemoSpace *space)
{
  g_free (space->id);
  g_free (space->code);
  g_free (space->name);
  g_free (space->outline);
  g_free (space);
}

/* ---- outlines ----------------------------------------------------------------- */

static void
append_ring (GString *out, const int *xy, guint n)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s[%d.%d,%d.%d]", i ? "," : "",
                            xy[2 * i] / 10, xy[2 * i] % 10, xy[2 * i + 1] / 10, xy[2 * i + 1] % 10);
  g_string_append_c (out, ']');
}

/* Twice the area of a ring in dm², by the shoelace formula: exact in integers. */
static gint64
ring_area2 (const int *xy, guint n)
{
  gint64 sum = 0;

  for (guint i = 0; i < n; i++)
    {
      guint j = (i + 1) % n;
      sum += (gint64) xy[2 * i] * xy[2 * j + 1] - (gint64) xy[2 * j] * xy[2 * i + 1];
    }
  return sum < 0 ? -sum : sum;
}

/* ---- drawing ------------------------------------------------------------------ */

static void
begin_building (Seeder *s, const char *code, const char *name, PwBuildingKind kind,
                guint32 created)
{
  PwMutation *m;

  g_free (s->building_id);
  s->building_id = pw_uuid_new ();
  s->building_code = code;
  s->created = created;

  m = pw_mutation_new_insert ("building", s->building_id);
  pw_mutation_set_string (m, "park_id", s->park_id);
  pw_mutation_set_string (m, "code", code);
  pw_mutation_set_string (m, "name", tr (name));
  pw_mutation_set_string (m, "kind", pw_building_kind_to_string (kind));
  g_ptr_array_add (s->mutations, m);
}

static void
begin_floor (Seeder *s, const char *code, const char *name, int level)
{
  DemoFloor *floor = g_new0 (DemoFloor, 1);
  PwMutation *m;

  floor->id = pw_uuid_new ();
  floor->code = g_strdup (code);
  floor->building_id = g_strdup (s->building_id);
  floor->building_code = s->building_code;
  floor->level = level;
  floor->created = s->created;
  g_ptr_array_add (s->floors, floor);
  s->floor = floor;

  m = pw_mutation_new_insert ("floor", floor->id);
  pw_mutation_set_string (m, "park_id", s->park_id);
  pw_mutation_set_string (m, "building_id", s->building_id);
  pw_mutation_set_string (m, "code", code);
  pw_mutation_set_string (m, "name", tr (name));
  pw_mutation_set_int (m, "level", level);
  g_ptr_array_add (s->mutations, m);
}

static PwSpaceStatus
draw_status (Seeder *s, PwSpaceKind kind)
{
  /* Per mille: leased, available, reserved, under repair, under renovation, frozen. */
  static const int units[] = { 700, 150, 40, 25, 45, 40 };
  static const int bays[] = { 700, 220, 30, 10, 0, 40 };
  /* Big sheds are let on long leases to logistics firms and seldom stand empty. */
  static const int sheds[] = { 850, 80, 40, 0, 30, 0 };
  static const PwSpaceStatus order[] = {
    PW_SPACE_STATUS_LEASED, PW_SPACE_STATUS_AVAILABLE, PW_SPACE_STATUS_RESERVED,
    PW_SPACE_STATUS_UNDER_REPAIR, PW_SPACE_STATUS_UNDER_RENOVATION, PW_SPACE_STATUS_FROZEN,
  };
  const int *weights = (kind == PW_SPACE_KIND_PARKING_BAY || kind == PW_SPACE_KIND_AD_SLOT)
                       ? bays : kind == PW_SPACE_KIND_WAREHOUSE ? sheds : units;
  int roll = g_rand_int_range (s->rand, 0, 1000);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      if (roll < weights[i])
        return order[i];
      roll -= weights[i];
    }
  return PW_SPACE_STATUS_LEASED;
}

static DemoSpace *
add_polygon (Seeder *s, PwSpaceKind kind, const char *name,
             const int *outer, guint n_outer, const int *hole, guint n_hole)
{
  DemoSpace *sp = g_new0 (DemoSpace, 1);
  GString *outline = g_string_new ("{\"outer\":");
  gint64 area2 = ring_area2 (outer, n_outer) - (hole ? ring_area2 (hole, n_hole) : 0);

  append_ring (outline, outer, n_outer);
  g_string_append (outline, ",\"holes\":[");
  if (hole != NULL)
    append_ring (outline, hole, n_hole);
  g_string_append (outline, "]}");

  sp->floor = s->floor;
  sp->code = g_strdup_printf ("%s-%s-%03u", s->building_code, s->floor->code, ++s->floor->seq);
  sp->name = g_strdup (name);
  sp->outline = g_string_free (outline, FALSE);
  sp->kind = kind;
  /* Half-up from the doubled area; with decimetre coordinates it is already whole. */
  sp->internal = (area2 + 1) / 2;
  sp->pool = PW_POOL_NONE;

  switch (kind)
    {
    case PW_SPACE_KIND_OFFICE:
    case PW_SPACE_KIND_RETAIL:
    case PW_SPACE_KIND_LAB:
      sp->leasable = sp->takes_share = TRUE;
      sp->basis = PW_AREA_BASIS_GROSS;
      break;
    case PW_SPACE_KIND_WORKSHOP:
    case PW_SPACE_KIND_WAREHOUSE:
    case PW_SPACE_KIND_STORAGE:
      sp->leasable = sp->takes_share = TRUE;
      sp->basis = PW_AREA_BASIS_INTERNAL;
      break;
    case PW_SPACE_KIND_WORKSTATION:
      sp->leasable = sp->takes_share = TRUE;
      sp->basis = PW_AREA_BASIS_USABLE;
      break;
    case PW_SPACE_KIND_PARKING_BAY:
    case PW_SPACE_KIND_AD_SLOT:
      sp->leasable = TRUE;
      sp->basis = PW_AREA_BASIS_INTERNAL;
      break;
    case PW_SPACE_KIND_MACHINE_ROOM:
    case PW_SPACE_KIND_COMMON_AREA:
    case PW_N_SPACE_KINDS:
    default:
      sp->basis = PW_AREA_BASIS_INTERNAL;
      break;
    }

  /* Walls take 7–12% of a room; a painted bay, a sign or an open-plan desk has none. */
  if (kind == PW_SPACE_KIND_PARKING_BAY || kind == PW_SPACE_KIND_AD_SLOT
      || kind == PW_SPACE_KIND_WORKSTATION)
    sp->usable = sp->internal;
  else
    sp->usable = sp->internal * dice (s, 88, 93) / 100;

  sp->status = sp->leasable ? draw_status (s, kind) : PW_SPACE_STATUS_AVAILABLE;
  g_ptr_array_add (s->spaces, sp);
  g_hash_table_insert (s->rooms,
                       g_strdup_printf ("%s/%s/%s", s->building_code, s->floor->code, name), sp);
  return sp;
}

static DemoSpace *
add_rect (Seeder *s, PwSpaceKind kind, const char *name, int x0, int y0, int x1, int y1)
{
  const int outer[] = { x0, y0, x1, y0, x1, y1, x0, y1 };

  g_assert (x0 < x1 && y0 < y1);
  return add_polygon (s, kind, name, outer, 4, NULL, 0);
}

static DemoSpace *
add_common (Seeder *s, const char *name, PwPoolLevel pool, int x0, int y0, int x1, int y1)
{
  DemoSpace *sp = add_rect (s, PW_SPACE_KIND_COMMON_AREA, name, x0, y0, x1, y1);

  sp->pool = pool;
  return sp;
}

/* A lettable room named after its number, as on the door: "Office 1503", "Storage B102". */
static DemoSpace *
add_room (Seeder *s, PwSpaceKind kind, const char *label, int x0, int y0, int x1, int y1)
{
  g_autofree char *name = NULL;
  int level = s->floor->level;

  s->floor->room++;
  if (level < 0)
    name = g_strdup_printf ("%s B%d%02u", tr (label), -level, s->floor->room);
  else
    name = g_strdup_printf ("%s %d%02u", tr (label), level, s->floor->room);
  return add_rect (s, kind, name, x0, y0, x1, y1);
}

static DemoSpace *
add_bay (Seeder *s, int x0, int y0, int x1, int y1)
{
  g_autofree char *name = g_strdup_printf (_("Bay %u"), ++s->floor->bay);

  return add_rect (s, PW_SPACE_KIND_PARKING_BAY, name, x0, y0, x1, y1);
}

/* Cuts [from, to] into @n pieces on a @grid, each at least @min wide and the two
 * end pieces at least @end_min; fills @cuts with the n + 1 positions. */
static void
partition (Seeder *s, int from, int to, guint n, int min, int end_min, int grid, int *cuts)
{
  int mins[16], weights[16], alloc[16];
  int slack = to - from, wsum = 0, units, used = 0;

  g_assert (n >= 1 && n <= G_N_ELEMENTS (mins));
  for (guint i = 0; i < n; i++)
    {
      mins[i] = (i == 0 || i == n - 1) ? MAX (min, end_min) : min;
      slack -= mins[i];
      weights[i] = dice (s, 2, 4);
      wsum += weights[i];
    }
  g_assert (slack >= 0);
  units = slack / grid;
  for (guint i = 0; i < n; i++)
    {
      alloc[i] = units * weights[i] / wsum;
      used += alloc[i];
    }
  for (guint i = 0; used < units; i = (i + 1) % n, used++)
    alloc[i]++;
  cuts[0] = from;
  for (guint i = 0; i < n; i++)
    cuts[i + 1] = cuts[i] + mins[i] + alloc[i] * grid;
  cuts[n] = to; /* what the grid could not place goes to the last piece */
}

/* ---- Lakeside Tower (T1): 60 × 30 m floors around a central core ---------------- */

#define TOWER_W 600
#define TOWER_D 300

static void
tower_core (Seeder *s, PwPoolLevel pool)
{
  static const struct { int x0, x1; const char *name; } core[] = {
    { 108, 148, N_("Stair A") },
    { 148, 208, N_("Toilets") },
    { 208, 328, N_("Lift lobby") },
    { 328, 388, N_("Lift shafts and risers") },
    { 388, 452, N_("Pantry and cleaners' room") },
    { 452, 492, N_("Stair B") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (core); i++)
    add_common (s, core[i].name, pool, core[i].x0, 108, core[i].x1, 192);
}

static const int tower_core_hole[] = { 108, 108, 108, 192, 492, 192, 492, 108 };

/* @n offices along a façade band; numbered west to east, or east to west. */
static void
tower_offices_along (Seeder *s, int y0, int y1, guint n, gboolean westward)
{
  int cuts[17];

  /* The end offices reach past the corner so that every office opens on the corridor. */
  partition (s, 0, TOWER_W, n, 72, 120, 6, cuts);
  for (guint i = 0; i < n; i++)
    {
      guint k = westward ? n - 1 - i : i;
      add_room (s, PW_SPACE_KIND_OFFICE, N_("Office"), cuts[k], y0, cuts[k + 1], y1);
    }
}

/* One or two offices on a gable end, between the corridor and the façade. */
static void
tower_offices_gable (Seeder *s, int x0, int x1, gboolean southward)
{
  int cut;

  if (dice (s, 0, 1) == 0)
    {
      add_room (s, PW_SPACE_KIND_OFFICE, N_("Office"), x0, 90, x1, 210);
      return;
    }
  cut = 90 + 6 * dice (s, 8, 12);
  if (southward)
    {
      add_room (s, PW_SPACE_KIND_OFFICE, N_("Office"), x0, cut, x1, 210);
      add_room (s, PW_SPACE_KIND_OFFICE, N_("Office"), x0, 90, x1, cut);
    }
  else
    {
      add_room (s, PW_SPACE_KIND_OFFICE, N_("Office"), x0, 90, x1, cut);
      add_room (s, PW_SPACE_KIND_OFFICE, N_("Office"), x0, cut, x1, 210);
    }
}

static void
tower_office_floor (Seeder *s, int level)
{
  static const int corridor[] = { 90, 90, 510, 90, 510, 210, 90, 210 };
  gboolean coworking = level == 5 || level == 6;
  gboolean labs = level >= 7 && level <= 9;
  gboolean storage = level >= 10 && level <= 12;
  gboolean plant = level == 16;

  tower_core (s, PW_POOL_FLOOR);
  add_polygon (s, PW_SPACE_KIND_COMMON_AREA, N_("Corridor"), corridor, 4, tower_core_hole, 4)->pool =
    PW_POOL_FLOOR;

  /* Rooms are numbered clockwise from the south-west corner, as on the signs. */
  if (coworking)
    {
      add_room (s, PW_SPACE_KIND_OFFICE, N_("Office"), 0, 0, 120, 90);
      for (guint col = 0; col < 12; col++)
        for (guint row = 0; row < 2; row++)
          {
            g_autofree char *name = g_strdup_printf (_("Desk %02u"), col * 2 + row + 1);
            add_rect (s, PW_SPACE_KIND_WORKSTATION, name,
                      120 + 30 * col, 45 * row, 150 + 30 * col, 45 * (row + 1));
          }
      add_room (s, PW_SPACE_KIND_OFFICE, N_("Office"), 480, 0, 600, 90);
    }
  else
    tower_offices_along (s, 0, 90, dice (s, 3, 5), FALSE);

  if (storage)
    {
      int cut = 90 + 6 * dice (s, 12, 14);
      add_room (s, PW_SPACE_KIND_OFFICE, N_("Office"), 510, 90, 600, cut);
      add_room (s, PW_SPACE_KIND_STORAGE, N_("Storage"), 510, cut, 600, 210);
    }
  else
    tower_offices_gable (s, 510, 600, FALSE);

  if (plant)
    {
      add_rect (s, PW_SPACE_KIND_MACHINE_ROOM, N_("Electrical room"), 480, 210, 600, 300);
      add_rect (s, PW_SPACE_KIND_MACHINE_ROOM, N_("Water tank room"), 360, 210, 480, 300);
      add_rect (s, PW_SPACE_KIND_MACHINE_ROOM, N_("Lift machine room"), 240, 210, 360, 300);
      add_rect (s, PW_SPACE_KIND_MACHINE_ROOM, N_("HVAC plant room"), 0, 210, 240, 300);
    }
  else
    tower_offices_along (s, 210, 300, dice (s, 3, 5), TRUE);

  if (labs)
    add_room (s, PW_SPACE_KIND_LAB, N_("Lab"), 0, 90, 90, 210);
  else
    tower_offices_gable (s, 0, 90, TRUE);
}

static void
tower_ground_floor (Seeder *s)
{
  /* The lobby wraps the core and reaches the north façade at the main entrance. */
  static const int lobby[] = {
    90, 90, 510, 90, 510, 210, 390, 210, 390, 300, 210, 300, 210, 210, 90, 210
  };
  int cuts[17];
  guint n;

  tower_core (s, PW_POOL_FLOOR);
  add_polygon (s, PW_SPACE_KIND_COMMON_AREA, N_("Main lobby"), lobby, 8, tower_core_hole, 4)->pool =
    PW_POOL_BUILDING;

  n = dice (s, 4, 5);
  partition (s, 0, TOWER_W, n, 96, 96, 6, cuts);
  for (guint i = 0; i < n; i++)
    add_room (s, PW_SPACE_KIND_RETAIL, N_("Shop"), cuts[i], 0, cuts[i + 1], 90);

  add_rect (s, PW_SPACE_KIND_MACHINE_ROOM, N_("Fire control room"), 510, 90, 600, 150);
  add_room (s, PW_SPACE_KIND_RETAIL, N_("Shop"), 510, 150, 600, 210);
  add_room (s, PW_SPACE_KIND_RETAIL, N_("Shop"), 510, 210, 600, 300);
  add_rect (s, PW_SPACE_KIND_RETAIL, N_("Café"), 390, 210, 510, 300);
  partition (s, 0, 210, 2, 84, 84, 6, cuts);
  add_room (s, PW_SPACE_KIND_RETAIL, N_("Shop"), cuts[1], 210, cuts[2], 300);
  add_room (s, PW_SPACE_KIND_RETAIL, N_("Shop"), cuts[0], 210, cuts[1], 300);
  add_room (s, PW_SPACE_KIND_RETAIL, N_("Shop"), 0, 90, 90, 210);
}

static void
tower_basement (Seeder *s)
{
  DemoSpace *sp;

  /* Bays are let on their own and take no share; so nobody pays for the basement's
   * common areas (docs/areas.md, "Pools and shares"). */
  for (int i = 0; i < 24; i++)
    add_bay (s, 25 * i, 0, 25 * (i + 1), 50);
  add_common (s, N_("Driving aisle 1"), PW_POOL_NONE, 0, 50, TOWER_W, 110);
  add_common (s, N_("Ramp"), PW_POOL_NONE, 0, 110, 110, 190);
  add_common (s, N_("Stair A"), PW_POOL_NONE, 110, 110, 150, 190);
  add_room (s, PW_SPACE_KIND_STORAGE, N_("Storage"), 150, 110, 210, 190);
  add_common (s, N_("Lift lobby"), PW_POOL_NONE, 210, 110, 330, 190);
  sp = add_room (s, PW_SPACE_KIND_STORAGE, N_("Storage"), 330, 110, 390, 190);
  sp->status = PW_SPACE_STATUS_DISPOSED;
  sp->reason = N_("Converted into the sprinkler valve room");
  add_rect (s, PW_SPACE_KIND_MACHINE_ROOM, N_("Pump room"), 390, 110, 450, 190);
  add_common (s, N_("Stair B"), PW_POOL_NONE, 450, 110, 490, 190);
  add_rect (s, PW_SPACE_KIND_MACHINE_ROOM, N_("Transformer room"), 490, 110, 600, 190);
  add_common (s, N_("Driving aisle 2"), PW_POOL_NONE, 0, 190, TOWER_W, 250);
  for (int i = 0; i < 24; i++)
    add_bay (s, 25 * i, 250, 25 * (i + 1), 300);
}

static void
draw_tower (Seeder *s)
{
  begin_building (s, "T1", N_("Lakeside Tower"), PW_BUILDING_KIND_OFFICE, julian (2020, 6, 30));

  begin_floor (s, "B1", N_("Basement 1"), -1);
  tower_basement (s);
  begin_floor (s, "F01", N_("Floor 1"), 1);
  tower_ground_floor (s);
  for (int level = 2; level <= 16; level++)
    {
      g_autofree char *code = g_strdup_printf ("F%02d", level);
      g_autofree char *name = g_strdup_printf (_("Floor %d"), level);

      begin_floor (s, code, name, level);
      tower_office_floor (s, level);
      if (level == 9)
        {
          DemoSpace *toilets = g_hash_table_lookup (s->rooms, "T1/F09/Toilets");
          toilets->status = PW_SPACE_STATUS_UNDER_RENOVATION;
          toilets->reason = N_("Toilet refurbishment");
        }
      if (level == 16)
        {
          DemoSpace *tanks = g_hash_table_lookup (s->rooms, "T1/F16/Water tank room");
          tanks->status = PW_SPACE_STATUS_UNDER_REPAIR;
          tanks->reason = N_("Tank lining repair");
        }
    }
}

/* ---- Innovation Workshops (W1): 72 × 24 m, a corridor down the middle ------------- */

static void
workshop_floor (Seeder *s, int level)
{
  /* The ground floor has four wider workshops on its south side, the others five units. */
  static const PwSpaceKind south[3][5] = {
    { PW_SPACE_KIND_WORKSHOP, PW_SPACE_KIND_WORKSHOP, PW_SPACE_KIND_WORKSHOP,
      PW_SPACE_KIND_WORKSHOP, PW_SPACE_KIND_WORKSHOP },
    { PW_SPACE_KIND_WORKSHOP, PW_SPACE_KIND_WORKSHOP, PW_SPACE_KIND_WORKSHOP,
      PW_SPACE_KIND_WORKSHOP, PW_SPACE_KIND_WORKSHOP },
    { PW_SPACE_KIND_LAB, PW_SPACE_KIND_LAB, PW_SPACE_KIND_LAB, PW_SPACE_KIND_LAB,
      PW_SPACE_KIND_LAB },
  };
  static const PwSpaceKind north[3][5] = {
    { PW_SPACE_KIND_WORKSHOP, PW_SPACE_KIND_STORAGE, PW_SPACE_KIND_WORKSHOP,
      PW_SPACE_KIND_WORKSHOP, PW_SPACE_KIND_STORAGE },
    { PW_SPACE_KIND_LAB, PW_SPACE_KIND_LAB, PW_SPACE_KIND_STORAGE, PW_SPACE_KIND_LAB,
      PW_SPACE_KIND_LAB },
    { PW_SPACE_KIND_LAB, PW_SPACE_KIND_STORAGE, PW_SPACE_KIND_LAB, PW_SPACE_KIND_STORAGE,
      PW_SPACE_KIND_LAB },
  };
  guint n_south = level == 1 ? 4 : 5;
  int cuts[17];

  add_common (s, N_("Stair and goods lift"), PW_POOL_FLOOR, 660, 0, 720, 80);
  add_common (s, N_("Toilets"), PW_POOL_FLOOR, 660, 80, 720, 160);
  add_rect (s, PW_SPACE_KIND_MACHINE_ROOM, N_("Electrical room"), 660, 160, 720, 240);
  add_common (s, N_("Corridor"), PW_POOL_FLOOR, 0, 100, 660, 140);

  partition (s, 0, 660, n_south, 108, 108, 6, cuts);
  for (guint i = 0; i < n_south; i++)
    {
      PwSpaceKind kind = south[level - 1][i];
      const char *label = kind == PW_SPACE_KIND_LAB ? N_("Lab") : N_("Workshop");
      add_room (s, kind, label, cuts[i], 0, cuts[i + 1], 100)->basis = PW_AREA_BASIS_INTERNAL;
    }

  partition (s, 0, 660, 5, 96, 96, 6, cuts);
  for (guint i = 0; i < 5; i++)
    {
      PwSpaceKind kind = north[level - 1][i];
      const char *label = kind == PW_SPACE_KIND_LAB ? N_("Lab")
                          : kind == PW_SPACE_KIND_STORAGE ? N_("Storage") : N_("Workshop");
      add_room (s, kind, label, cuts[5 - i - 1], 140, cuts[5 - i], 240)->basis =
        PW_AREA_BASIS_INTERNAL;
    }
}

static void
draw_workshops (Seeder *s)
{
  begin_building (s, "W1", N_("Innovation Workshops"), PW_BUILDING_KIND_WORKSHOP,
                  julian (2018, 3, 15));
  for (int level = 1; level <= 3; level++)
    {
      g_autofree char *code = g_strdup_printf ("F%02d", level);
      g_autofree char *name = g_strdup_printf (_("Floor %d"), level);

      begin_floor (s, code, name, level);
      workshop_floor (s, level);
    }
}

/* ---- Logistics Centre (L1): 120 × 60 m, bays behind a dock ---------------------- */

static void
warehouse_floor (Seeder *s, int level)
{
  guint n_bays = level == 1 ? 4 : 3;
  int cuts[17];

  if (level == 1)
    add_common (s, N_("Loading dock"), PW_POOL_BUILDING, 0, 0, 1080, 100);
  else
    add_common (s, N_("Marshalling area"), PW_POOL_FLOOR, 0, 0, 1080, 100);

  /* 50 m deep, 16–48 m wide: 800–2400 m² a bay. */
  partition (s, 0, 1080, n_bays, 160, 160, 12, cuts);
  for (guint i = 0; i < n_bays; i++)
    add_room (s, PW_SPACE_KIND_WAREHOUSE, N_("Warehouse"), cuts[i], 100, cuts[i + 1], 600);

  add_room (s, PW_SPACE_KIND_OFFICE, N_("Office"), 1080, 0, 1200, 100);
  add_room (s, PW_SPACE_KIND_OFFICE, N_("Office"), 1080, 100, 1200, 220);
  add_rect (s, PW_SPACE_KIND_MACHINE_ROOM, level == 1 ? N_("Sprinkler pump room") : N_("Electrical room"),
            1080, 220, 1200, 300);
  add_common (s, N_("Stair and goods lift"), PW_POOL_FLOOR, 1080, 300, 1200, 380);
  if (level == 1)
    {
      add_room (s, PW_SPACE_KIND_OFFICE, N_("Office"), 1080, 380, 1200, 480);
      add_room (s, PW_SPACE_KIND_OFFICE, N_("Office"), 1080, 480, 1200, 600);
    }
  else
    add_room (s, PW_SPACE_KIND_OFFICE, N_("Office"), 1080, 380, 1200, 600);
}

static void
draw_warehouse (Seeder *s)
{
  begin_building (s, "L1", N_("Logistics Centre"), PW_BUILDING_KIND_WAREHOUSE,
                  julian (2021, 11, 1));
  begin_floor (s, "F01", N_("Floor 1"), 1);
  warehouse_floor (s, 1);
  begin_floor (s, "F02", N_("Floor 2"), 2);
  warehouse_floor (s, 2);
}

/* ---- Parking Structure (P1): 70 × 32 m decks, 80 bays each ---------------------- */

static void
parking_level (Seeder *s, int level)
{
  static const int rows[] = { 0, 110, 160, 270 };
  gboolean ads = level <= 3;
  int aisle_end = ads ? 690 : 700;

  add_common (s, N_("Ramp"), PW_POOL_NONE, 0, 0, 80, 320);
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      for (int i = 0; i < 20; i++)
        add_bay (s, 80 + 25 * i, rows[r], 105 + 25 * i, rows[r] + 50);
      if (r == 0)
        add_common (s, N_("Driving aisle 1"), PW_POOL_NONE, 80, 50, aisle_end, 110);
      else if (r == 2)
        add_common (s, N_("Driving aisle 2"), PW_POOL_NONE, 80, 210, aisle_end, 270);
    }
  if (ads)
    {
      /* Light boxes on the end walls of the aisles, facing the drivers. */
      static const int ys[] = { 50, 80, 210, 240 };
      for (guint i = 0; i < G_N_ELEMENTS (ys); i++)
        {
          g_autofree char *name = g_strdup_printf (_("Ad slot %u"), i + 1);
          DemoSpace *sp = add_rect (s, PW_SPACE_KIND_AD_SLOT, name, 690, ys[i], 700, ys[i] + 30);
          if (level == 3 && i == 3)
            {
              sp->status = PW_SPACE_STATUS_DISPOSED;
              sp->reason = N_("Light box removed for a fire exit sign");
            }
        }
    }
  add_common (s, N_("Stair and lift core A"), PW_POOL_NONE, 580, 0, 700, 50);
  add_common (s, N_("Lift lobby"), PW_POOL_NONE, 580, 110, 640, 210);
  add_rect (s, PW_SPACE_KIND_MACHINE_ROOM, N_("Fan room"), 640, 110, 700, 210);
  add_common (s, N_("Stair core B"), PW_POOL_NONE, 580, 270, 700, 320);
}

static void
draw_parking (Seeder *s)
{
  begin_building (s, "P1", N_("Parking Structure"), PW_BUILDING_KIND_PARKING, julian (2020, 6, 30));
  for (int level = 1; level <= 5; level++)
    {
      g_autofree char *code = g_strdup_printf ("F%02d", level);
      g_autofree char *name = g_strdup_printf (_("Level %d"), level);

      begin_floor (s, code, name, level);
      parking_level (s, level);
    }
}

/* ---- writing ------------------------------------------------------------------ */

static gint64
estimate_share (gint64 internal, gint64 pool, gint64 sharing)
{
  if (pool <= 0 || sharing <= 0)
    return 0;
  return (2 * internal * pool + sharing) / (2 * sharing);
}

/* The surveyed gross area: internal plus the unit's part of its floor's and its
 * building's common areas, as a surveyor would have estimated it. */
static void
estimate_shares (Seeder *s)
{
  g_autoptr(GHashTable) pools = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) sharing = g_hash_table_new (g_str_hash, g_str_equal);

#define ADD(table, key, v) \
  g_hash_table_insert (table, key, \
                       GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (table, key)) + (v)))
#define GET(table, key) ((gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (table, key)))

  for (guint i = 0; i < s->spaces->len; i++)
    {
      DemoSpace *sp = g_ptr_array_index (s->spaces, i);

      if (sp->status == PW_SPACE_STATUS_DISPOSED)
        continue;
      if (sp->pool == PW_POOL_FLOOR)
        ADD (pools, sp->floor->id, sp->internal);
      else if (sp->pool == PW_POOL_BUILDING)
        ADD (pools, sp->floor->building_id, sp->internal);
      else if (sp->takes_share && sp->kind != PW_SPACE_KIND_COMMON_AREA)
        {
          ADD (sharing, sp->floor->id, sp->internal);
          ADD (sharing, sp->floor->building_id, sp->internal);
        }
    }

  for (guint i = 0; i < s->spaces->len; i++)
    {
      DemoSpace *sp = g_ptr_array_index (s->spaces, i);

      if (!sp->takes_share || sp->kind == PW_SPACE_KIND_COMMON_AREA)
        continue;
      sp->share = estimate_share (sp->internal, GET (pools, sp->floor->id),
                                  GET (sharing, sp->floor->id))
                  + estimate_share (sp->internal, GET (pools, sp->floor->building_id),
                                    GET (sharing, sp->floor->building_id));
    }
#undef ADD
#undef GET
}

static void
add_status_row (Seeder *s, const char *space_id, PwSpaceStatus from, PwSpaceStatus to,
                guint32 day, const char *reason)
{
  PwMutation *m = pw_mutation_new_insert ("space_status", NULL);
  g_autofree char *date = iso_date (day);

  pw_mutation_set_string (m, "space_id", space_id);
  pw_mutation_set_string (m, "from_status", pw_space_status_to_string (from));
  pw_mutation_set_string (m, "to_status", pw_space_status_to_string (to));
  pw_mutation_set_string (m, "effective_date", date);
  pw_mutation_set_string (m, "reason", tr (reason));
  g_ptr_array_add (s->mutations, m);
}

static void
add_event (Seeder *s, const char *space_id, const char *event, guint32 day, const char *note)
{
  PwMutation *m = pw_mutation_new_insert ("lifecycle_event", NULL);
  g_autofree char *date = iso_date (day);

  pw_mutation_set_string (m, "entity", "space");
  pw_mutation_set_string (m, "entity_id", space_id);
  pw_mutation_set_string (m, "event", event);
  pw_mutation_set_string (m, "event_date", date);
  pw_mutation_set_string (m, "note", tr (note));
  g_ptr_array_add (s->mutations, m);
}

typedef struct
{
  PwSpaceStatus from, to;
  guint32       day;
  const char   *reason;
} Step;

/* How the space came to its status: one or two dated steps away from available. */
static guint
plan_history (Seeder *s, DemoSpace *sp, Step *steps)
{
  static const char *const repairs[] = {
    N_("Water damage"), N_("Air-conditioning failure"), N_("Ceiling leak"), N_("Electrical fault"),
  };
  static const char *const renovations[] = {
    N_("Fit-out for new tenant"), N_("Refurbishment before re-letting"),
  };
  static const char *const freezes[] = {
    N_("Held for the park's own use"), N_("Dispute with the previous tenant"),
  };
  guint32 first = sp->floor->created + 30, last = BASE_DAY - 3;
  const char *reason = sp->reason;

  steps[0].from = PW_SPACE_STATUS_AVAILABLE;
  steps[0].to = sp->status;
  switch (sp->status)
    {
    case PW_SPACE_STATUS_AVAILABLE:
      return 0;
    case PW_SPACE_STATUS_LEASED:
      if (dice (s, 0, 2) == 0)
        {
          /* Reserved under a letter of intent first, then signed. */
          steps[0].to = PW_SPACE_STATUS_RESERVED;
          steps[0].day = dice (s, first, last - 60);
          steps[0].reason = N_("Letter of intent signed");
          steps[1].from = PW_SPACE_STATUS_RESERVED;
          steps[1].to = PW_SPACE_STATUS_LEASED;
          steps[1].day = steps[0].day + dice (s, 10, 45);
          steps[1].reason = reason ? reason : N_("Lease signed");
          return 2;
        }
      steps[0].day = dice (s, first, last);
      steps[0].reason = reason ? reason : N_("Lease signed");
      return 1;
    case PW_SPACE_STATUS_RESERVED:
      steps[0].day = dice (s, BASE_DAY - 60, last);
      steps[0].reason = reason ? reason : N_("Holding deposit received");
      return 1;
    case PW_SPACE_STATUS_UNDER_REPAIR:
      steps[0].day = dice (s, BASE_DAY - 90, last);
      steps[0].reason = reason ? reason : pick (s, repairs, G_N_ELEMENTS (repairs));
      return 1;
    case PW_SPACE_STATUS_UNDER_RENOVATION:
      steps[0].day = dice (s, BASE_DAY - 150, last);
      steps[0].reason = reason ? reason : pick (s, renovations, G_N_ELEMENTS (renovations));
      return 1;
    case PW_SPACE_STATUS_FROZEN:
      steps[0].day = dice (s, BASE_DAY - 400, last);
      steps[0].reason = reason ? reason : pick (s, freezes, G_N_ELEMENTS (freezes));
      return 1;
    case PW_SPACE_STATUS_DISPOSED:
      steps[0].day = dice (s, BASE_DAY - 365, last);
      steps[0].reason = reason ? reason : N_("Removed from the ledger");
      return 1;
    case PW_N_SPACE_STATUSES:
    default:
      g_assert_not_reached ();
    }
  return 0;
}

static char *demo_lease_reason (DemoLease *lease, const char *what);
static guint32 demo_lease_day (DemoLease *lease, gboolean signed_day);

static void
write_space (Seeder *s, DemoSpace *sp)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *created = iso_date (sp->floor->created);
  g_autofree char *since = NULL;
  g_autofree char *submitted_reason = NULL;
  g_autofree char *signed_reason = NULL;
  Step steps[2];
  guint n_steps = plan_history (s, sp, steps);
  gboolean has_created = FALSE;
  guint first;

  /* A leased space was reserved when its contract was submitted and leased when
   * it was signed, as the contract's transitions move it. */
  if (sp->lease != NULL)
    {
      submitted_reason = demo_lease_reason (sp->lease, N_("Submitted"));
      signed_reason = demo_lease_reason (sp->lease, N_("Signed"));
      steps[0] = (Step) { PW_SPACE_STATUS_AVAILABLE, PW_SPACE_STATUS_RESERVED,
                          demo_lease_day (sp->lease, FALSE), submitted_reason };
      steps[1] = (Step) { PW_SPACE_STATUS_RESERVED, PW_SPACE_STATUS_LEASED,
                          demo_lease_day (sp->lease, TRUE), signed_reason };
      n_steps = 2;
    }

  since = n_steps > 0 ? iso_date (steps[n_steps - 1].day) : g_strdup (created);

  json_object_set_string_member (fields, "park_id", s->park_id);
  json_object_set_string_member (fields, "floor_id", sp->floor->id);
  json_object_set_string_member (fields, "code", sp->code);
  json_object_set_string_member (fields, "name", tr (sp->name));
  json_object_set_string_member (fields, "kind", pw_space_kind_to_string (sp->kind));
  json_object_set_string_member (fields, "status", pw_space_status_to_string (sp->status));
  json_object_set_string_member (fields, "status_since", since);
  json_object_set_int_member (fields, "gross_area", sp->internal + sp->share);
  json_object_set_int_member (fields, "internal_area", sp->internal);
  json_object_set_int_member (fields, "usable_area", sp->usable);
  json_object_set_int_member (fields, "leasable", sp->leasable ? 1 : 0);
  json_object_set_int_member (fields, "takes_share", sp->takes_share ? 1 : 0);
  if (sp->pool == PW_POOL_NONE)
    json_object_set_null_member (fields, "pool_level");
  else
    json_object_set_string_member (fields, "pool_level", pw_pool_level_to_string (sp->pool));
  json_object_set_string_member (fields, "area_basis", pw_area_basis_to_string (sp->basis));
  json_object_set_string_member (fields, "outline", sp->outline);
  json_object_set_string_member (fields, "notes", "");

  /* The space as every other way of adding one writes it; then its "created" event,
   * dated when the building entered the ledger rather than when the demo was seeded. */
  first = s->mutations->len;
  pw_ledger_add_space_mutations (s->mutations, fields, created);
  for (guint i = first; i < s->mutations->len; i++)
    {
      PwMutation *m = g_ptr_array_index (s->mutations, i);
      JsonObject *f = pw_mutation_get_fields (m);

      if (g_str_equal (pw_mutation_get_entity (m), "space"))
        sp->id = g_strdup (pw_mutation_get_id (m));
      else if (g_str_equal (pw_mutation_get_entity (m), "lifecycle_event")
               && g_strcmp0 (json_object_get_string_member_with_default (f, "event", NULL),
                             "created") == 0)
        has_created = TRUE;
    }
  g_assert (sp->id != NULL);
  if (!has_created)
    add_event (s, sp->id, "created", sp->floor->created, "");

  for (guint i = 0; i < n_steps; i++)
    add_status_row (s, sp->id, steps[i].from, steps[i].to, steps[i].day, steps[i].reason);
  if (sp->status == PW_SPACE_STATUS_DISPOSED)
    add_event (s, sp->id, "disposed", steps[n_steps - 1].day, steps[n_steps - 1].reason);

  /* The logistics centre had a full stocktake at the year end; elsewhere a sample. */
  if (g_str_equal (sp->floor->building_code, "L1"))
    add_event (s, sp->id, "stocktaken", BASE_DAY - 17, N_("Year-end stocktake: as recorded"));
  else if (sp->leasable && dice (s, 0, 99) < 10)
    add_event (s, sp->id, "stocktaken", BASE_DAY - 185, N_("Mid-year stocktake: as recorded"));
}

/* Makers' serial numbers differ by trade; the demo only needs them to look the part. */
static const char *
serial_prefix (const char *category)
{
  if (g_str_equal (category, "lift"))
    return "ELV";
  if (g_str_equal (category, "chiller"))
    return "CHL";
  if (g_str_equal (category, "transformer"))
    return "TRF";
  return "FPU";
}

static void
write_equipment (Seeder *s)
{
  /* The original value (原值) is what the item cost installed, in fen (CNY):
   * the tower's lifts and plant bought together, the others in their own years. */
  static const struct {
    const char *code, *name, *category, *floor, *room, *status;
    gint64 value;
  } items[] = {
    /* building code first in the equipment code; floor code; machine room or NULL */
    { "T1-EQ-001", N_("Passenger lift 1"), "lift", "F16", "Lift machine room", "in_service",
      96800000 },
    { "T1-EQ-002", N_("Passenger lift 2"), "lift", "F16", "Lift machine room", "in_service",
      96800000 },
    { "T1-EQ-003", N_("Passenger lift 3"), "lift", "F16", "Lift machine room", "under_repair",
      96800000 },
    { "T1-EQ-004", N_("Passenger lift 4"), "lift", "F16", "Lift machine room", "in_service",
      102550000 },
    { "T1-EQ-005", N_("Chiller 1"), "chiller", "F16", "HVAC plant room", "in_service", 218600000 },
    { "T1-EQ-006", N_("Chiller 2"), "chiller", "F16", "HVAC plant room", "standby", 218600000 },
    { "T1-EQ-007", N_("Transformer 1 (1250 kVA)"), "transformer", "B1", "Transformer room",
      "in_service", 46800000 },
    { "T1-EQ-008", N_("Transformer 2 (1250 kVA)"), "transformer", "B1", "Transformer room",
      "in_service", 46800000 },
    { "T1-EQ-009", N_("Fire pump"), "fire_pump", "B1", "Pump room", "in_service", 11863250 },
    { "T1-EQ-010", N_("Fire pump (standby)"), "fire_pump", "B1", "Pump room", "standby", 9640000 },
    { "W1-EQ-001", N_("Goods lift"), "lift", "F03", NULL, "in_service", 72000000 },
    { "W1-EQ-002", N_("Transformer (800 kVA)"), "transformer", "F01", "Electrical room",
      "in_service", 31250000 },
    { "W1-EQ-003", N_("Fire pump"), "fire_pump", "F01", "Electrical room", "under_repair",
      6890000 },
    { "L1-EQ-001", N_("Sprinkler pump 1"), "fire_pump", "F01", "Sprinkler pump room", "in_service",
      13200000 },
    { "L1-EQ-002", N_("Sprinkler pump 2"), "fire_pump", "F01", "Sprinkler pump room", "standby",
      13200000 },
    { "L1-EQ-003", N_("Transformer (1000 kVA)"), "transformer", "F02", "Electrical room",
      "in_service", 37680000 },
    { "L1-EQ-004", N_("Goods lift"), "lift", "F02", NULL, "in_service", 69500000 },
    { "P1-EQ-001", N_("Passenger lift 1"), "lift", "F05", NULL, "in_service", 68200000 },
    { "P1-EQ-002", N_("Passenger lift 2"), "lift", "F05", NULL, "in_service", 68200000 },
    { "P1-EQ-003", N_("Fire pump"), "fire_pump", "F01", "Fan room", "in_service", 7425050 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      /* Equipment codes begin with their building's code. */
      g_autofree char *building = g_strndup (items[i].code, 2);
      g_autofree char *key = g_strdup_printf ("%s/%s/%s", building, items[i].floor,
                                              items[i].room ? items[i].room : "");
      DemoSpace *room = items[i].room ? g_hash_table_lookup (s->rooms, key) : NULL;
      DemoFloor *floor = NULL;
      PwMutation *m = pw_mutation_new_insert ("equipment", NULL);
      g_autofree char *installed = NULL;
      g_autofree char *serial = NULL;

      for (guint f = 0; f < s->floors->len; f++)
        {
          DemoFloor *candidate = g_ptr_array_index (s->floors, f);
          if (g_str_equal (candidate->building_code, building)
              && g_str_equal (candidate->code, items[i].floor))
            floor = candidate;
        }
      g_assert (floor != NULL && (items[i].room == NULL || room != NULL));

      /* Commissioned a few weeks before the building was handed over. */
      installed = iso_date (floor->created - dice (s, 20, 120));
      serial = g_strdup_printf ("%s-%.4s-%05d", serial_prefix (items[i].category), installed,
                                dice (s, 10000, 99999));

      pw_mutation_set_string (m, "park_id", s->park_id);
      pw_mutation_set_string (m, "floor_id", floor->id);
      pw_mutation_set_string (m, "space_id", room ? room->id : NULL);
      pw_mutation_set_string (m, "code", items[i].code);
      pw_mutation_set_string (m, "name", tr (items[i].name));
      pw_mutation_set_string (m, "category", items[i].category);
      pw_mutation_set_string (m, "status", items[i].status);
      pw_mutation_set_string (m, "serial", serial);
      pw_mutation_set_string (m, "install_date", installed);
      pw_mutation_set_int (m, "original_value", items[i].value);
      g_ptr_array_add (s->mutations, m);
    }
}

/* ---- the leasing side ---------------------------------------------------------- *
 * Customers, the contracts that hold every leased space, and prospects with their
 * viewings and quotes. Chance here comes from a GRand of its own, so that the park
 * above is drawn exactly as before; dates count from the day of seeding, so that the
 * contracts are running, and a few falling due, whenever the demo is opened. */

#define DEMO_DEAL_SEED    20260102u
#define DEMO_LIST_PRICE   "98.00"  /* per m² per month */
#define DEMO_FLOOR_PRICE  "82.00"
#define DEMO_LIST_E4      980000
#define DEMO_LANDLORD     N_("Suzhou Lakeside Science Park Development Co., Ltd.")
#define DEMO_PROPERTY     N_("Suzhou Lakeside Property Services Co., Ltd.")
#define N_TENANTS         22       /* customers[] before this hold contracts */

struct _DemoLease
{
  char             *id;
  char             *code;
  guint             customer;
  GPtrArray        *spaces;   /* DemoSpace, not owned */
  PwContractStatus  status;   /* signed, active or expiring */
  guint32           submitted, signed_day, start, end;
  int               years;
};

/* The reason a space's status changed with its contract, as a transition writes it. */
static char *
demo_lease_reason (DemoLease *lease, const char *what)
{
  /* Translators: a status change's reason in the demo park, e.g. "Contract LSP-2024-003: Signed" */
  return g_strdup_printf (_("Contract %s: %s"), lease->code, tr (what));
}

static guint32
demo_lease_day (DemoLease *lease, gboolean signed_day)
{
  return signed_day ? lease->signed_day : lease->submitted;
}

static void
demo_lease_free (DemoLease *lease)
{
  g_free (lease->id);
  g_free (lease->code);
  g_ptr_array_unref (lease->spaces);
  g_free (lease);
}

typedef struct
{
  const char *name, *division, *industry, *tags, *risk, *domain;
  const char *contact, *handle, *role, *contact2, *handle2, *role2;
} DemoCustomer;

/* The last three are prospects only; the eighth has an older code whose check
 * character is wrong (the Customers page warns about it). */
static const DemoCustomer customers[] = {
  { "苏州澜湖智能装备有限公司", "320594", N_("Industrial automation"), "[\"high-tech\",\"key account\"]",
    "low", "lanhu-ie.cn", "王丽", "wang.li", N_("Administration manager"), "陈伟", "chen.wei",
    N_("General manager") },
  { "苏州启明生物医药有限公司", "320594", N_("Biopharmaceuticals"), "[\"biotech\",\"labs\"]", "low",
    "qiming-bio.cn", "李娜", "li.na", N_("Facilities manager"), NULL, NULL, NULL },
  { "江苏云帆数据科技有限公司", "320505", N_("Software and cloud services"), "[\"high-tech\"]", "low",
    "yunfan-data.com", "张强", "zhang.qiang", N_("Office manager"), "刘洋", "liu.yang",
    N_("Finance manager") },
  { "苏州金鸡湖跨境电商有限公司", "320594", N_("Cross-border e-commerce"), "[\"e-commerce\"]",
    "medium", "jjh-ec.com", "杨静", "yang.jing", N_("Operations director"), NULL, NULL, NULL },
  { "上海瀚海物流有限公司", "310115", N_("Logistics"), "[\"logistics\",\"key account\"]", "low",
    "hanhai-log.com", "赵磊", "zhao.lei", N_("Regional manager"), "黄敏", "huang.min",
    N_("Warehouse manager") },
  { "苏州恒信财务咨询有限公司", "320505", N_("Financial advisory"), "[]", "low", "hengxin-fa.cn",
    "周杰", "zhou.jie", N_("Partner"), NULL, NULL, NULL },
  { "苏州新材科技股份有限公司", "320594", N_("Advanced materials"), "[\"high-tech\"]", "medium",
    "xincai-tech.com", "吴婷", "wu.ting", N_("Administration manager"), "徐明", "xu.ming",
    N_("Plant manager") },
  { "苏州园区优品餐饮管理有限公司", "320594", N_("Catering"), "[\"retail\",\"food and beverage\"]",
    "medium", "youpin-food.cn", "孙悦", "sun.yue", N_("Store manager"), NULL, NULL, NULL },
  { "深圳极光半导体有限公司", "440300", N_("Semiconductors"), "[\"high-tech\",\"key account\"]",
    "low", "aurorasemi.cn", "马超", "ma.chao", N_("Site manager"), "朱琳", "zhu.lin",
    N_("Legal counsel") },
  { "北京知行教育科技有限公司", "110108", N_("Education technology"), "[]", "medium",
    "zhixing-edu.com", "胡斌", "hu.bin", N_("Branch manager"), NULL, NULL, NULL },
  { "苏州禾木建筑设计有限公司", "320505", N_("Architecture"), "[]", "low", "hemu-design.cn",
    "郭芳", "guo.fang", N_("Office manager"), NULL, NULL, NULL },
  { "苏州青橙健身管理有限公司", "320594", N_("Fitness"), "[\"retail\"]", "high", "qingcheng-fit.cn",
    "何俊", "he.jun", N_("Owner"), NULL, NULL, NULL },
  { "苏州博远医疗器械有限公司", "320594", N_("Medical devices"), "[\"labs\",\"high-tech\"]", "low",
    "boyuan-med.com", "林晓", "lin.xiao", N_("Quality manager"), "罗峰", "luo.feng",
    N_("Finance manager") },
  { "苏州星链新能源科技有限公司", "320594", N_("New energy"), "[\"start-up\"]", "medium",
    "xinglian-ne.com", "高洁", "gao.jie", N_("Co-founder"), NULL, NULL, NULL },
  { "Nordwind Logistics (Suzhou) Co., Ltd.", "320594", N_("Logistics"),
    "[\"logistics\",\"foreign-invested\"]", "low", "nordwind-logistics.com", "Lars Becker",
    "lars.becker", N_("Country manager"), "梁宇", "liang.yu", N_("Warehouse manager") },
  { "Helix Biosciences (China) Co., Ltd.", "320594", N_("Life sciences"),
    "[\"biotech\",\"foreign-invested\",\"key account\"]", "low", "helixbio.com", "Emma Clarke",
    "emma.clarke", N_("Head of operations, China"), NULL, NULL, NULL },
  { "Brightwater Engineering Consultants (Suzhou) Co., Ltd.", "320594", N_("Engineering consulting"),
    "[\"foreign-invested\"]", "low", "brightwater-eng.com", "James Whitfield", "j.whitfield",
    N_("Managing director"), NULL, NULL, NULL },
  { "Kessler Präzisionstechnik (Suzhou) Co., Ltd.", "320594", N_("Precision machining"),
    "[\"foreign-invested\",\"manufacturing\"]", "low", "kessler-praezision.de", "Anna Vogel",
    "anna.vogel", N_("Plant director"), "宋佳", "song.jia", N_("HR and administration") },
  { "Sakura Fine Chemicals (Suzhou) Co., Ltd.", "320594", N_("Specialty chemicals"),
    "[\"foreign-invested\",\"manufacturing\"]", "medium", "sakura-fc.co.jp", "Kenji Watanabe",
    "k.watanabe", N_("General manager"), NULL, NULL, NULL },
  { "Maple Leaf Learning (Suzhou) Co., Ltd.", "320505", N_("Training"), "[\"foreign-invested\"]",
    "medium", "mapleleaf-learning.ca", "Sophie Martin", "sophie.martin", N_("Centre director"), NULL,
    NULL, NULL },
  { "Orion Data Systems (Suzhou) Co., Ltd.", "320594", N_("IT services"),
    "[\"high-tech\",\"foreign-invested\"]", "low", "oriondata.com", "Daniel Kim", "daniel.kim",
    N_("Delivery manager"), "郑浩", "zheng.hao", N_("IT manager") },
  { "Lumen Design Studio (Suzhou) Co., Ltd.", "320505", N_("Industrial design"), "[\"start-up\"]",
    "high", "lumen-studio.design", "Chloé Dubois", "chloe.dubois", N_("Founder"), NULL, NULL, NULL },
  /* prospects only */
  { "苏州睿视智能科技有限公司", "320594", N_("Machine vision"), "[\"start-up\",\"high-tech\"]", NULL,
    "ruishi-ai.cn", "谢颖", "xie.ying", N_("Chief operating officer"), NULL, NULL, NULL },
  { "Aurora Robotics (Suzhou) Co., Ltd.", "320594", N_("Robotics"), "[\"foreign-invested\"]", NULL,
    "aurora-robotics.com", "Mikael Lindqvist", "m.lindqvist", N_("Head of expansion, Asia"), NULL,
    NULL, NULL },
  { "苏州云栖医疗科技有限公司", "320594", N_("Digital health"), "[\"high-tech\"]", NULL,
    "yunqi-health.cn", "曹雪", "cao.xue", N_("Administration director"), "彭飞", "peng.fei",
    N_("Chief financial officer") },
};

#define BAD_CHECK_CUSTOMER 7

static guint32
today_julian (void)
{
  g_autofree char *today = pw_today_iso ();
  unsigned y = 0, m = 0, d = 0;

  if (sscanf (today, "%4u-%2u-%2u", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return BASE_DAY;
  return julian ((int) y, (int) m, (int) d);
}

/* The first day of the month @months after the month of @day (before, when negative). */
static guint32
month_start (guint32 day, int months)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  g_date_set_day (&date, 1);
  if (months >= 0)
    g_date_add_months (&date, (guint) months);
  else
    g_date_subtract_months (&date, (guint) -months);
  return g_date_get_julian (&date);
}

static guint32
add_years (guint32 day, int years)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  if (years >= 0)
    g_date_add_years (&date, (guint) years);
  else
    g_date_subtract_years (&date, (guint) -years);
  return g_date_get_julian (&date);
}

static int
deal (Seeder *s, int lo, int hi)
{
  return g_rand_int_range (s->deals, lo, hi + 1);
}

/* Spaces of one class may share a contract: rooms, desks, bays, signs, sheds. */
static int
lease_class (PwSpaceKind kind)
{
  switch (kind)
    {
    case PW_SPACE_KIND_PARKING_BAY:
    case PW_SPACE_KIND_AD_SLOT:
    case PW_SPACE_KIND_WORKSTATION:
    case PW_SPACE_KIND_WAREHOUSE:
      return (int) kind;
    default:
      return -1;
    }
}

static int
lease_size (Seeder *s, PwSpaceKind kind)
{
  switch (kind)
    {
    case PW_SPACE_KIND_PARKING_BAY:
      return deal (s, 4, 12);
    case PW_SPACE_KIND_AD_SLOT:
      return deal (s, 1, 2);
    case PW_SPACE_KIND_WORKSTATION:
      return deal (s, 2, 6);
    case PW_SPACE_KIND_WAREHOUSE:
      return 1;
    default:
      return deal (s, 1, 3);
    }
}

/* Who takes a space of @kind: a trade that fits, or any tenant. */
static guint
pick_tenant (Seeder *s, PwSpaceKind kind, guint n)
{
  static const guint sheds[] = { 4, 14, 17, 18 };
  static const guint works[] = { 0, 6, 13, 17, 18 };
  static const guint labs[] = { 1, 12, 15 };
  static const guint shops[] = { 3, 7, 11 };

  /* every tenant holds a contract of rooms first */
  if (n < N_TENANTS && lease_class (kind) < 0 && kind == PW_SPACE_KIND_OFFICE)
    return n;
  switch (kind)
    {
    case PW_SPACE_KIND_WAREHOUSE:
      return sheds[deal (s, 0, G_N_ELEMENTS (sheds) - 1)];
    case PW_SPACE_KIND_WORKSHOP:
      return works[deal (s, 0, G_N_ELEMENTS (works) - 1)];
    case PW_SPACE_KIND_LAB:
      return labs[deal (s, 0, G_N_ELEMENTS (labs) - 1)];
    case PW_SPACE_KIND_RETAIL:
      return shops[deal (s, 0, G_N_ELEMENTS (shops) - 1)];
    default:
      return (guint) deal (s, 0, N_TENANTS - 1);
    }
}

/* Groups the leased spaces into contracts, neighbours on one floor together, and
 * dates each contract around today. */
static void
plan_leases (Seeder *s)
{
  guint n_offices = 0;
  int month_offset;

  for (guint i = 0; i < s->spaces->len; i++)
    {
      DemoSpace *sp = g_ptr_array_index (s->spaces, i);
      DemoLease *lease;
      int max, years, kind_class;
      guint32 floor_ready;
      GDate date;

      if (sp->status != PW_SPACE_STATUS_LEASED || sp->lease != NULL)
        continue;
      lease = g_new0 (DemoLease, 1);
      lease->spaces = g_ptr_array_new ();
      g_ptr_array_add (lease->spaces, sp);
      sp->lease = lease;
      kind_class = lease_class (sp->kind);
      max = lease_size (s, sp->kind);
      for (guint j = i + 1; j < s->spaces->len && (int) lease->spaces->len < max; j++)
        {
          DemoSpace *next = g_ptr_array_index (s->spaces, j);

          if (next->floor != sp->floor)
            break;
          if (!next->leasable)
            continue;   /* a corridor or stair between two offices */
          if (next->status != PW_SPACE_STATUS_LEASED || lease_class (next->kind) != kind_class)
            break;
          g_ptr_array_add (lease->spaces, next);
          next->lease = lease;
        }
      lease->customer = pick_tenant (s, sp->kind, sp->kind == PW_SPACE_KIND_OFFICE ? n_offices++
                                                                              : N_TENANTS);

      /* A few fall due within the next two months, two start next month, the rest
       * run on for a while. */
      years = deal (s, 1, 5);
      floor_ready = sp->floor->created + 30;
      if (s->leases->len % 15 == 7)
        {
          guint32 end = month_start (s->today, deal (s, 2, 3)) - 1;

          if (end - s->today > 85)
            end = month_start (s->today, 2) - 1;
          lease->status = PW_CONTRACT_EXPIRING;
          lease->end = end;
          lease->start = add_years (end + 1, -years);
        }
      else if (s->leases->len % 50 == 20)
        {
          /* signed last week, its term begins today: not activated yet */
          lease->status = PW_CONTRACT_SIGNED;
          lease->start = s->today;
          lease->end = add_years (lease->start, years) - 1;
        }
      else
        {
          lease->status = PW_CONTRACT_ACTIVE;
          month_offset = -deal (s, 1, 12 * years - 5);
          lease->start = month_start (s->today, month_offset);
          lease->end = add_years (lease->start, years) - 1;
        }
      /* nothing was let before its building was handed over */
      while (lease->start < floor_ready && years > 1)
        {
          lease->start = add_years (lease->start, 1);
          years--;
        }
      lease->years = years;
      if (lease->status == PW_CONTRACT_SIGNED)
        lease->signed_day = s->today - (guint32) deal (s, 3, 9);
      else
        lease->signed_day = lease->start - (guint32) deal (s, 7, 30);
      lease->submitted = lease->signed_day - (guint32) deal (s, 5, 21);
      g_date_clear (&date, 1);
      g_date_set_julian (&date, lease->start);
      lease->code = g_strdup_printf ("LSP-%04d-%03u", g_date_get_year (&date),
                                     s->leases->len + 1);
      g_ptr_array_add (s->leases, lease);
    }
}

/* The area a contract fixes for a space: on the space's basis, hundredths of a m². */
static gint64
lease_area (DemoSpace *sp)
{
  switch (sp->basis)
    {
    case PW_AREA_BASIS_GROSS:
      return sp->internal + sp->share;
    case PW_AREA_BASIS_USABLE:
      return sp->usable;
    case PW_AREA_BASIS_INTERNAL:
    default:
      return sp->internal;
    }
}

static void
append_space_codes (GString *out, DemoLease *lease)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < lease->spaces->len; i++)
    g_string_append_printf (out, "%s\"%s\"", i ? "," : "",
                            ((DemoSpace *) g_ptr_array_index (lease->spaces, i))->code);
  g_string_append_c (out, ']');
}

/* The contract's JSON form (docs/contract-format.md). */
static char *
lease_terms (Seeder *s, DemoLease *lease)
{
  DemoSpace *first = g_ptr_array_index (lease->spaces, 0);
  g_autofree char *signed_day = iso_date (lease->signed_day);
  g_autofree char *start = iso_date (lease->start);
  g_autofree char *end = iso_date (lease->end);
  GString *t = g_string_new (NULL);
  const char *frequency = deal (s, 0, 2) == 0 ? "monthly" : "quarterly";
  gboolean per_slot = first->kind == PW_SPACE_KIND_PARKING_BAY
                      || first->kind == PW_SPACE_KIND_AD_SLOT;

  g_string_append_printf (t,
                          "{\"id\":\"%s\",\"currency\":\"CNY\",\"signed\":\"%s\",\"start\":\"%s\","
                          "\"end\":\"%s\",\"parties\":{\"landlord\":\"%s\","
                          "\"tenant\":\"%s\"},\"sellers\":[{\"code\":\"LL\",\"name\":\""
                          "%s\"},{\"code\":\"PM\",\"name\":\"%s\"}],"
                          "\"spaces\":[",
                          lease->code, signed_day, start, end, tr (DEMO_LANDLORD),
                          customers[lease->customer].name, tr (DEMO_LANDLORD), tr (DEMO_PROPERTY));
  for (guint i = 0; i < lease->spaces->len; i++)
    {
      DemoSpace *sp = g_ptr_array_index (lease->spaces, i);
      gint64 area = lease_area (sp);

      g_string_append_printf (t, "%s{\"code\":\"%s\",\"area\":\"%" G_GINT64_FORMAT ".%02d\","
                              "\"basis\":\"%s\"}", i ? "," : "", sp->code, area / 100,
                              (int) (area % 100), pw_area_basis_to_string (sp->basis));
    }
  g_string_append (t, "],\"tax_codes\":[{\"code\":\"lease9\",\"rate\":\"0.09\"},"
                      "{\"code\":\"service6\",\"rate\":\"0.06\"}],\"charges\":[");

  if (per_slot)
    {
      /* bays and signs let at a fixed sum a month each */
      gboolean bays = first->kind == PW_SPACE_KIND_PARKING_BAY;
      int each = bays ? 50 * deal (s, 8, 12) : 500 * deal (s, 5, 8);

      g_string_append_printf (t, "{\"code\":\"%s\",\"kind\":\"%s\",\"seller\":\"PM\","
                              "\"tax_code\":\"service6\",\"unit_price\":\"%u.00\","
                              "\"unit\":\"month\",\"anchor\":\"calendar\",\"frequency\":\"%s\","
                              "\"timing\":\"advance\",\"due\":{\"rule\":\"after_bill\","
                              "\"days\":10},\"proration\":\"monthly_actual\"}],"
                              "\"deposit\":{\"months\":\"1\",\"charges\":[\"%s\"]}}",
                              bays ? "parking" : "signage", bays ? "parking" : "advertising",
                              each * lease->spaces->len, frequency,
                              bays ? "parking" : "signage");
      return g_string_free (t, FALSE);
    }

  {
    /* Rent within 8 % of the list price either way; labs and shop fronts a little
     * above it. Half the contracts price it per m² per day, as many parks do. */
    gboolean premium = first->kind == PW_SPACE_KIND_LAB || first->kind == PW_SPACE_KIND_RETAIL;
    int off = premium ? deal (s, -8, 0) : deal (s, -4, 8);
    gint64 month_e4 = (DEMO_LIST_E4 * (100 - off) / 100 + 2500) / 5000 * 5000;
    const char *fee = first->kind == PW_SPACE_KIND_STORAGE ? "8.00"
                      : (first->kind == PW_SPACE_KIND_WORKSHOP
                         || first->kind == PW_SPACE_KIND_WAREHOUSE) ? "6.50" : "16.00";
    g_autofree char *price = NULL;
    gboolean per_day = deal (s, 0, 1) == 0;
    int free_months = lease->years >= 2 ? deal (s, 0, 2) : 0;

    if (per_day)
      {
        gint64 day_e2 = (month_e4 * 12 / 365 + 50) / 100;
        price = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", day_e2 / 100, (int) (day_e2 % 100));
      }
    else
      price = pw_leasing_decimal_format (month_e4, 2);

    g_string_append_printf (t, "{\"code\":\"rent\",\"kind\":\"rent\",\"seller\":\"LL\","
                            "\"tax_code\":\"lease9\",\"unit_price\":\"%s\",\"unit\":\"%s\","
                            "\"spaces\":", price, per_day ? "m2_day" : "m2_month");
    append_space_codes (t, lease);
    g_string_append_printf (t, ",\"anchor\":\"lease\",\"frequency\":\"%s\",\"timing\":\"advance\","
                            "\"lead_days\":15,\"due\":{\"rule\":\"period_start\"},"
                            "\"proration\":\"daily\"", frequency);
    if (lease->years >= 2)
      g_string_append_printf (t, ",\"escalation\":{\"type\":\"fixed\",\"percent\":\"%d\","
                              "\"every_years\":%d,\"method\":\"compound\","
                              "\"anchor\":\"lease_start\",\"price_decimals\":\"cents\"}",
                              deal (s, 0, 1) ? 3 : 5, lease->years == 5 ? 2 : 1);
    g_string_append_printf (t, "},{\"code\":\"pm\",\"kind\":\"property_fee\",\"seller\":\"PM\","
                            "\"tax_code\":\"service6\",\"unit_price\":\"%s\",\"unit\":\"m2_month\","
                            "\"spaces\":", fee);
    append_space_codes (t, lease);
    g_string_append (t, ",\"anchor\":\"calendar\",\"frequency\":\"monthly\",\"timing\":\"advance\","
                        "\"due\":{\"rule\":\"after_bill\",\"days\":10},"
                        "\"proration\":\"monthly_actual\"}]");
    if (free_months > 0)
      {
        GDate date;
        g_autofree char *free_end = NULL;

        g_date_clear (&date, 1);
        g_date_set_julian (&date, lease->start);
        g_date_add_months (&date, (guint) free_months);
        free_end = iso_date (g_date_get_julian (&date) - 1);
        g_string_append_printf (t, ",\"free_periods\":[{\"kind\":\"rent_free\",\"start\":\"%s\","
                                "\"end\":\"%s\",\"waives\":[\"rent\"]}]", start, free_end);
      }
    g_string_append_printf (t, ",\"deposit\":{\"months\":\"%d\",\"charges\":[\"rent\",\"pm\"],"
                            "\"round_to\":\"unit\"},\"late_fee\":{\"daily_rate\":\"0.0005\","
                            "\"grace_days\":5,\"cap\":\"principal\"},\"renewal\":{\"option\":true,"
                            "\"term_months\":36,\"notice_days\":90}}", deal (s, 2, 3));
  }
  return g_string_free (t, FALSE);
}

/* A unified social credit code of a company registered in @division (GB 32100):
 * market regulation, enterprise, a new-style organisation code, both checks. */
static char *
make_uscc (Seeder *s, const char *division, gboolean wrong_check)
{
  static const char chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  char code[19];
  char org_check;

  memcpy (code, "91", 2);
  memcpy (code + 2, division, 6);
  memcpy (code + 8, "MA1", 3);
  for (int i = 11; i < 16; i++)
    code[i] = chars[deal (s, 0, (int) strlen (chars) - 1)];
  org_check = pw_uscc_compute_org_check (code + 8);
  g_assert (org_check != '\0');
  code[16] = org_check;
  code[17] = pw_uscc_compute_check (code);
  g_assert (code[17] != '\0');
  code[18] = '\0';
  if (wrong_check)
    code[17] = code[17] == '0' ? '1' : '0';
  g_assert ((pw_uscc_check (code, NULL, NULL) == PW_USCC_VALID) != wrong_check);
  return g_strdup (code);
}

static void
write_customers (Seeder *s)
{
  for (guint i = 0; i < G_N_ELEMENTS (customers); i++)
    {
      const DemoCustomer *c = &customers[i];
      PwMutation *m = pw_mutation_new_insert ("customer", NULL);
      g_autofree char *uscc = make_uscc (s, c->division, i == BAD_CHECK_CUSTOMER);
      const char *contacts[2][3] = {
        { c->contact, c->handle, c->role }, { c->contact2, c->handle2, c->role2 },
      };

      g_ptr_array_add (s->customers, g_strdup (pw_mutation_get_id (m)));
      pw_mutation_set_string (m, "park_id", s->park_id);
      pw_mutation_set_string (m, "kind", "company");
      pw_mutation_set_string (m, "name", c->name);
      pw_mutation_set_string (m, "uscc", uscc);
      pw_mutation_set_string (m, "industry", tr (c->industry));
      pw_mutation_set_string (m, "tags", c->tags);
      if (c->risk != NULL)
        pw_mutation_set_string (m, "risk_level", c->risk);
      else
        pw_mutation_set_null (m, "risk_level");
      pw_mutation_set_string (m, "notes",
                              i == BAD_CHECK_CUSTOMER
                              ? _("Code copied from the 2019 business licence; ask for the current one")
                              : "");
      g_ptr_array_add (s->mutations, m);

      for (guint k = 0; k < 2 && contacts[k][0] != NULL; k++)
        {
          g_autofree char *phone = g_strdup_printf ("+86 13%d %04d %04d", deal (s, 5, 9),
                                                    deal (s, 1000, 9999), deal (s, 0, 9999));
          g_autofree char *email = g_strdup_printf ("%s@%s", contacts[k][1], c->domain);

          m = pw_mutation_new_insert ("contact", NULL);
          pw_mutation_set_string (m, "customer_id", g_ptr_array_index (s->customers, i));
          pw_mutation_set_string (m, "name", contacts[k][0]);
          pw_mutation_set_string (m, "role", tr (contacts[k][2]));
          pw_mutation_set_string (m, "phone", phone);
          pw_mutation_set_string (m, "email", email);
          g_ptr_array_add (s->mutations, m);
        }
    }
}

static void
write_rules (Seeder *s)
{
  static const struct { const char *metric, *threshold, *role; int level; } rules[] = {
    { "discount_pct", "10", "asset_manager", 1 },
    { "rent_free_months", "2", "asset_manager", 1 },
    { "discount_pct", "20", "general_manager", 2 },
    { "rent_free_months", "4", "general_manager", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      PwMutation *m = pw_mutation_new_insert ("approval_rule", NULL);

      pw_mutation_set_string (m, "park_id", s->park_id);
      pw_mutation_set_string (m, "metric", rules[i].metric);
      pw_mutation_set_string (m, "threshold", rules[i].threshold);
      pw_mutation_set_string (m, "approver_role", rules[i].role);
      pw_mutation_set_int (m, "level", rules[i].level);
      g_ptr_array_add (s->mutations, m);
    }
}

/* Each contract as the app makes one: a draft with its terms and spaces, then
 * submitted, approved, signed and, once its term began, active (expiring when it
 * ends within the next months). */
static void
write_leases (Seeder *s)
{
  static const PwContractStatus path[] = {
    PW_CONTRACT_SUBMITTED, PW_CONTRACT_APPROVED, PW_CONTRACT_SIGNED, PW_CONTRACT_ACTIVE,
    PW_CONTRACT_EXPIRING,
  };

  for (guint i = 0; i < s->leases->len; i++)
    {
      DemoLease *lease = g_ptr_array_index (s->leases, i);
      g_autofree PwLeaseSpace *spaces = g_new0 (PwLeaseSpace, lease->spaces->len);
      g_autofree char *terms = lease_terms (s, lease);
      g_autofree char *start = iso_date (lease->start);
      g_autofree char *end = iso_date (lease->end);
      g_autofree char *signed_day = iso_date (lease->signed_day);

      for (guint k = 0; k < lease->spaces->len; k++)
        {
          DemoSpace *sp = g_ptr_array_index (lease->spaces, k);

          spaces[k].space_id = sp->id;
          spaces[k].area = lease_area (sp);
        }
      lease->id = pw_lease_add_create_mutations (s->mutations, s->park_id, lease->code,
                                                 g_ptr_array_index (s->customers, lease->customer),
                                                 NULL, start, end, spaces, lease->spaces->len,
                                                 terms);
      for (guint k = 0; k < G_N_ELEMENTS (path) && path[k] <= lease->status; k++)
        {
          PwMutation *m = pw_mutation_new_update ("contract", lease->id, k + 1);

          pw_mutation_set_string (m, "status", pw_contract_status_to_string (path[k]));
          if (path[k] == PW_CONTRACT_SIGNED)
            pw_mutation_set_string (m, "signed_date", signed_day);
          g_ptr_array_add (s->mutations, m);
        }
    }
}

/* The available offices of the tower, for viewings and quotes. */
static DemoSpace *
vacant_office (Seeder *s, guint n)
{
  for (guint i = 0; i < s->spaces->len; i++)
    {
      DemoSpace *sp = g_ptr_array_index (s->spaces, i);

      if (sp->kind == PW_SPACE_KIND_OFFICE && sp->status == PW_SPACE_STATUS_AVAILABLE
          && g_str_equal (sp->floor->building_code, "T1") && n-- == 0)
        return sp;
    }
  g_assert_not_reached ();
  return NULL;
}

static char *
space_ids_json (DemoSpace *const *spaces)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; spaces[i] != NULL; i++)
    g_string_append_printf (out, "%s\"%s\"", i ? "," : "", spaces[i]->id);
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

typedef struct
{
  char *submit_pending, *submit_approve, *submit_reject;
} DemoQuotes;

static void
demo_quotes_clear (DemoQuotes *q)
{
  g_free (q->submit_pending);
  g_free (q->submit_approve);
  g_free (q->submit_reject);
}

static char *
add_quote (Seeder *s, const char *prospect_id, DemoSpace *const *spaces, const char *unit_rent,
           int rent_free, int term)
{
  PwMutation *m = pw_mutation_new_insert ("quote", NULL);
  g_autofree char *ids = space_ids_json (spaces);
  g_autofree char *discount = pw_quote_compute_discount (unit_rent, DEMO_LIST_PRICE, NULL);

  g_assert (discount != NULL);
  pw_mutation_set_string (m, "prospect_id", prospect_id);
  pw_mutation_set_string (m, "spaces", ids);
  pw_mutation_set_string (m, "unit_rent", unit_rent);
  pw_mutation_set_int (m, "rent_free_months", rent_free);
  pw_mutation_set_int (m, "term_months", term);
  pw_mutation_set_string (m, "list_price", DEMO_LIST_PRICE);
  pw_mutation_set_string (m, "discount_pct", discount);
  pw_mutation_set_string (m, "status", "draft");
  g_ptr_array_add (s->mutations, m);
  return g_strdup (pw_mutation_get_id (m));
}

static void
add_viewing (Seeder *s, const char *prospect_id, guint32 day, const char *agent,
             DemoSpace *const *spaces, const char *notes)
{
  PwMutation *m = pw_mutation_new_insert ("viewing", NULL);
  g_autofree char *ids = space_ids_json (spaces);
  g_autofree char *date = iso_date (day);

  pw_mutation_set_string (m, "prospect_id", prospect_id);
  pw_mutation_set_string (m, "date", date);
  pw_mutation_set_string (m, "agent", agent);
  pw_mutation_set_string (m, "spaces", ids);
  pw_mutation_set_string (m, "notes", tr (notes));
  g_ptr_array_add (s->mutations, m);
}

static char *
add_prospect (Seeder *s, int customer, const char *name, const char *source, const char *stage,
              const char *agent, const char *notes)
{
  PwMutation *m = pw_mutation_new_insert ("prospect", NULL);

  pw_mutation_set_string (m, "park_id", s->park_id);
  if (customer >= 0)
    pw_mutation_set_string (m, "customer_id", g_ptr_array_index (s->customers, customer));
  pw_mutation_set_string (m, "name", tr (name));
  pw_mutation_set_string (m, "source", tr (source));
  pw_mutation_set_string (m, "stage", stage);
  pw_mutation_set_string (m, "agent", agent);
  pw_mutation_set_string (m, "notes", tr (notes));
  g_ptr_array_add (s->mutations, m);
  return g_strdup (pw_mutation_get_id (m));
}

/* Prospects at every stage; the quotes to submit are left as drafts for
 * pw_quote_submit(), which asks the approvals the park's rules want. */
static void
write_prospects (Seeder *s, DemoQuotes *q)
{
  DemoSpace *a[] = { vacant_office (s, 0), vacant_office (s, 1), NULL };
  DemoSpace *b[] = { vacant_office (s, 2), NULL };
  DemoSpace *c[] = { vacant_office (s, 3), vacant_office (s, 4), NULL };
  DemoSpace *d[] = { vacant_office (s, 5), NULL };
  DemoSpace *e[] = { vacant_office (s, 6), vacant_office (s, 7), NULL };
  g_autofree char *p1 = NULL, *p2 = NULL, *p3 = NULL, *p4 = NULL, *p5 = NULL, *p6 = NULL;
  g_autofree char *draft = NULL;

  p1 = add_prospect (s, 22, N_("Ruishi Vision: R&D centre"), N_("Referral"), "viewing", "Zhang Wei",
                     N_("Needs 300–400 m² with a server room; decision by the end of the quarter"));
  add_viewing (s, p1, s->today - 12, "Zhang Wei", a, N_("Liked the south light; asked about "
                  "raised floors"));

  p2 = add_prospect (s, 23, N_("Aurora Robotics: East China office"), N_("Broker"), "quoted", "Li Na",
                     N_("Comparing us with two parks in Wuzhong"));
  add_viewing (s, p2, s->today - 30, "Li Na", b, "");
  add_viewing (s, p2, s->today - 16, "Li Na", b, N_("Second visit with their CFO"));
  q->submit_pending = add_quote (s, p2, b, "85.00", 1, 36);

  p3 = add_prospect (s, 24, N_("Yunqi Health: head office move"), N_("Website enquiry"), "negotiating",
                     "Zhang Wei", N_("Five-year term if the fit-out can start next month"));
  add_viewing (s, p3, s->today - 41, "Zhang Wei", c, "");
  q->submit_approve = add_quote (s, p3, c, "87.00", 2, 60);

  p4 = add_prospect (s, 2, N_("Yunfan Data: expansion"), N_("Existing tenant"), "quoted", "Li Na",
                     N_("Wants the floor below its offices"));
  add_viewing (s, p4, s->today - 25, "Li Na", d, "");
  q->submit_reject = add_quote (s, p4, d, "74.00", 4, 36);
  draft = add_quote (s, p4, d, "88.50", 2, 36);

  p5 = add_prospect (s, -1, N_("Green Bean Coffee: lobby café"), N_("Walk-in"), "lead", "Li Na",
                     N_("Asked for the retail units on the tower's ground floor"));

  p6 = add_prospect (s, 14, N_("Nordwind Logistics: second shed"), N_("Existing tenant"), "lost",
                     "Zhang Wei", N_("Took a shed nearer the port in Taicang"));
  add_viewing (s, p6, s->today - 70, "Zhang Wei", e, "");
}

static gboolean
write_schedules (PwStore *store, gpointer data, GError **error)
{
  Seeder *s = data;

  for (guint i = 0; i < s->leases->len; i++)
    if (!pw_lease_write_schedule_derived (store, ((DemoLease *) s->leases->pdata[i])->id, error))
      return FALSE;
  return TRUE;
}

/* Submits the three quotes and decides two as the asset manager would. */
static gboolean
decide_quotes (PwStore *store, DemoQuotes *q, GError **error)
{
  g_autofree char *actor = g_strdup (pw_store_get_actor (store));
  gboolean ok;

  if (!pw_quote_submit (store, q->submit_pending, NULL, error)
      || !pw_quote_submit (store, q->submit_approve, NULL, error)
      || !pw_quote_submit (store, q->submit_reject, NULL, error))
    return FALSE;
  pw_store_set_actor (store, "Chen Jing (asset manager)");
  ok = pw_quote_decide (store, q->submit_approve, "asset_manager", TRUE,
                        "Five years with a known tenant; the discount is within budget", error)
       && pw_quote_decide (store, q->submit_reject, "asset_manager", FALSE,
                           "Below the floor price and four months free is too much; offer at "
                           "most 10 % off with two months rent-free", error);
  pw_store_set_actor (store, actor);
  return ok;
}

static void
draw_park (Seeder *s)
{
  PwMutation *m;

  s->park_id = pw_uuid_new ();
  m = pw_mutation_new_insert ("park", s->park_id);
  pw_mutation_set_string (m, "code", DEMO_PARK_CODE);
  pw_mutation_set_string (m, "name", _("Lakeside Science Park"));
  pw_mutation_set_string (m, "code_pattern", "{building}-{floor}-{seq:3}");
  pw_mutation_set_string (m, "currency", "CNY");
  pw_mutation_set_string (m, "list_price", DEMO_LIST_PRICE);
  pw_mutation_set_string (m, "floor_price", DEMO_FLOOR_PRICE);
  pw_mutation_set_string (m, "address",
                          "168 Jinji Lake Avenue, Suzhou Industrial Park, Suzhou, Jiangsu 215000, "
                          "China");
  g_ptr_array_add (s->mutations, m);

  /* Floors are written as they are drawn; spaces once all are drawn and their
   * shares estimated. */
  draw_tower (s);
  draw_workshops (s);
  draw_warehouse (s);
  draw_parking (s);
  estimate_shares (s);
  plan_leases (s);
  for (guint i = 0; i < s->spaces->len; i++)
    write_space (s, g_ptr_array_index (s->spaces, i));
  write_equipment (s);
}

/* Customers, approval rules, contracts and prospects, after the park. */
static void
draw_leasing (Seeder *s, DemoQuotes *quotes)
{
  write_customers (s);
  write_rules (s);
  write_leases (s);
  write_prospects (s, quotes);
}

/**
 * pw_demo_park_code:
 *
 * Returns: the code of the demo park.
 */
const char *
pw_demo_park_code (void)
{
  return DEMO_PARK_CODE;
}

/**
 * pw_demo_seed:
 * @store: an empty store
 * @error: return location for an error
 *
 * Adds Lakeside Science Park, with its buildings, floors, spaces, status history,
 * lifecycle events and equipment, its list and floor prices, approval rules,
 * customers and contacts, the running contracts that hold every leased space
 * (with their schedules), and prospects with viewings and quotes, in one
 * transaction; then submits three quotes and decides two (five small ones). The
 * park is the same every time: its layout and statuses come from a fixed seed and
 * its dates count from 2026-01-01; the contracts' dates count from today.
 *
 * Returns: %TRUE on success; %FALSE with @error set, and nothing written, when the
 *   store already holds a park or a record is refused.
 */
gboolean
pw_demo_seed (PwStore *store, GError **error)
{
  Seeder s = { 0 };
  DemoQuotes quotes = { 0 };
  gint64 n_parks;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_parks = pw_store_count (store, "park");
  if (n_parks != 0)
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                           n_parks < 0
                           ? _("Could not check whether the database is empty, so the demo "
                               "park was not added")
                           : _("The demo park can only be added to an empty database; this "
                               "one already holds a park"));
      return FALSE;
    }

  s.rand = g_rand_new_with_seed (DEMO_SEED);
  s.deals = g_rand_new_with_seed (DEMO_DEAL_SEED);
  s.today = today_julian ();
  s.leases = g_ptr_array_new_with_free_func ((GDestroyNotify) demo_lease_free);
  s.customers = g_ptr_array_new_with_free_func (g_free);
  s.mutations = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  s.floors = g_ptr_array_new_with_free_func ((GDestroyNotify) demo_floor_free);
  s.spaces = g_ptr_array_new_with_free_func ((GDestroyNotify) demo_space_free);
  s.rooms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  draw_park (&s);
  draw_leasing (&s, &quotes);
  ok = pw_store_apply_all_full (store, (PwMutation **) s.mutations->pdata, s.mutations->len,
                                write_schedules, &s, error)
       && decide_quotes (store, &quotes, error)
       && pw_demo_seed_meters (store, s.park_id, error)
       && pw_demo_seed_billing (store, s.park_id, tr (DEMO_LANDLORD), tr (DEMO_PROPERTY), error);

  demo_quotes_clear (&quotes);
  g_rand_free (s.rand);
  g_rand_free (s.deals);
  g_ptr_array_unref (s.leases);
  g_ptr_array_unref (s.customers);
  g_ptr_array_unref (s.mutations);
  g_ptr_array_unref (s.floors);
  g_ptr_array_unref (s.spaces);
  g_hash_table_unref (s.rooms);
  g_free (s.park_id);
  g_free (s.building_id);
  return ok;
}
