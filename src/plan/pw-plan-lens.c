/* pw-plan-lens.c — classes, colours and legends for the plan's lenses
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pw-date.h"
#include "pw-area.h"
#include "pw-plan-adjacency.h"
#include "pw-plan-lens.h"

/* Okabe & Ito (2008), "Color Universal Design". */
enum {
  OI_ORANGE = 0xE69F00,
  OI_SKY = 0x56B4E9,
  OI_GREEN = 0x009E73,
  OI_YELLOW = 0xF0E442,
  OI_BLUE = 0x0072B2,
  OI_VERMILLION = 0xD55E00,
  OI_PURPLE = 0xCC79A7,
  NO_DATA = 0xC0BFBC,   /* GNOME light grey, drawn with dots */
  COMMON = 0xDEDDDA,
};

static const struct {
  const char *id;
  const char *label;
} lens_names[PW_PLAN_N_LENSES] = {
  { "status", N_("Status") },
  { "expiry", N_("Lease expiry") },
  { "rent", N_("Unit rent") },
  { "area", N_("Area") },
  { "tenant", N_("Tenant") },
  { "arrears", N_("Arrears") },
};

const char *
pw_plan_lens_to_string (PwPlanLens lens)
{
  g_return_val_if_fail (lens < PW_PLAN_N_LENSES, NULL);
  return lens_names[lens].id;
}

gboolean
pw_plan_lens_from_string (const char *text, PwPlanLens *lens)
{
  for (guint i = 0; i < PW_PLAN_N_LENSES; i++)
    if (g_strcmp0 (text, lens_names[i].id) == 0)
      {
        *lens = (PwPlanLens) i;
        return TRUE;
      }
  return FALSE;
}

const char *
pw_plan_lens_get_label (PwPlanLens lens)
{
  g_return_val_if_fail (lens < PW_PLAN_N_LENSES, NULL);
  return _(lens_names[lens].label);
}

void
pw_plan_coloring_free (PwPlanColoring *coloring)
{
  if (coloring == NULL)
    return;
  g_array_unref (coloring->classes);
  g_free (coloring->room_class);
  g_free (coloring->currency);
  g_free (coloring);
}

static void
class_clear (gpointer data)
{
  g_free (((PwPlanClass *) data)->label);
}

static guint
add_class (PwPlanColoring *c, const char *label, guint32 rgb, PwPlanPattern pattern)
{
  PwPlanClass cls = { g_strdup (label), rgb, pattern, 0, 0, 0 };

  g_array_append_val (c->classes, cls);
  return c->classes->len - 1;
}

static void
assign (PwPlanColoring *c, guint room, PwPlanRoom *r, guint cls)
{
  PwPlanClass *k = &g_array_index (c->classes, PwPlanClass, cls);

  c->room_class[room] = cls;
  k->count++;
  k->area += r->chargeable_area;
  k->overdue += r->overdue_counted;
}

/* Common areas and other spaces nobody leases share one neutral class in every lens. */
static gboolean
is_common (PwPlanRoom *room)
{
  return room->kind == PW_SPACE_KIND_COMMON_AREA || room->kind == PW_SPACE_KIND_MACHINE_ROOM;
}

static gboolean
is_let (PwPlanRoom *room)
{
  return room->status == PW_SPACE_STATUS_LEASED || room->tenant != NULL;
}

static void
color_status (PwPlanColoring *c, PwPlanFloor *floor)
{
  static const struct {
    guint32 rgb;
    PwPlanPattern pattern;
  } status_fill[] = {
    [PW_SPACE_STATUS_AVAILABLE] = { OI_GREEN, PW_PLAN_PATTERN_NONE },
    [PW_SPACE_STATUS_RESERVED] = { OI_YELLOW, PW_PLAN_PATTERN_DOTS },
    [PW_SPACE_STATUS_LEASED] = { OI_BLUE, PW_PLAN_PATTERN_NONE },
    [PW_SPACE_STATUS_UNDER_REPAIR] = { OI_VERMILLION, PW_PLAN_PATTERN_HATCH },
    [PW_SPACE_STATUS_UNDER_RENOVATION] = { OI_ORANGE, PW_PLAN_PATTERN_HATCH },
    [PW_SPACE_STATUS_FROZEN] = { OI_SKY, PW_PLAN_PATTERN_CROSSHATCH },
    [PW_SPACE_STATUS_DISPOSED] = { 0x77767B, PW_PLAN_PATTERN_CROSSHATCH },
  };
  guint first = c->classes->len;
  guint common;

  for (guint s = 0; s < G_N_ELEMENTS (status_fill); s++)
    add_class (c, pw_space_status_get_label ((PwSpaceStatus) s), status_fill[s].rgb,
               status_fill[s].pattern);
  common = add_class (c, _("Common area"), COMMON, PW_PLAN_PATTERN_NONE);
  for (guint i = 0; i < c->n_rooms; i++)
    {
      PwPlanRoom *room = pw_plan_floor_get_room (floor, i);

      if (is_common (room) && room->status != PW_SPACE_STATUS_UNDER_REPAIR
          && room->status != PW_SPACE_STATUS_UNDER_RENOVATION)
        assign (c, i, room, common);
      else
        assign (c, i, room, first + MIN ((guint) room->status, G_N_ELEMENTS (status_fill) - 1));
    }
}

static int
parse_int (const char *s, int n)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return -1;
      v = v * 10 + (s[i] - '0');
    }
  return v;
}

static GDate *
parse_date (const char *text)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return NULL;
  y = parse_int (text, 4);
  m = parse_int (text + 5, 2);
  d = parse_int (text + 8, 2);
  if (y < 1 || m < 1 || d < 1 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  return g_date_new_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

gboolean
pw_plan_months_between (const char *from, const char *to, double *months)
{
  g_autoptr(GDate) a = parse_date (from);
  g_autoptr(GDate) b = parse_date (to);
  int whole;
  g_autoptr(GDate) anchor = NULL;
  int rest, month_len;

  if (a == NULL || b == NULL)
    return FALSE;
  if (g_date_compare (b, a) < 0)
    {
      double back;

      pw_plan_months_between (to, from, &back);
      *months = -back;
      return TRUE;
    }
  whole = ((int) g_date_get_year (b) - (int) g_date_get_year (a)) * 12
          + ((int) g_date_get_month (b) - (int) g_date_get_month (a));
  anchor = g_date_copy (a);
  g_date_add_months (anchor, (guint) MAX (whole, 0));
  if (g_date_compare (anchor, b) > 0)
    {
      whole--;
      g_date_free (anchor);
      anchor = g_date_copy (a);
      g_date_add_months (anchor, (guint) MAX (whole, 0));
    }
  rest = g_date_days_between (anchor, b);
  month_len = pw_date_days_in_month (anchor);
  *months = whole + (double) rest / month_len;
  return TRUE;
}

static void
color_expiry (PwPlanColoring *c, PwPlanFloor *floor, const char *today)
{
  guint vacant = add_class (c, _("Vacant"), OI_GREEN, PW_PLAN_PATTERN_NONE);
  guint expired = add_class (c, _("Expired"), OI_VERMILLION, PW_PLAN_PATTERN_CROSSHATCH);
  guint lt3 = add_class (c, _("Under 3 months"), OI_ORANGE, PW_PLAN_PATTERN_HATCH);
  guint lt6 = add_class (c, _("3–6 months"), OI_YELLOW, PW_PLAN_PATTERN_NONE);
  guint lt12 = add_class (c, _("6–12 months"), OI_SKY, PW_PLAN_PATTERN_NONE);
  guint more = add_class (c, _("Over 12 months"), OI_BLUE, PW_PLAN_PATTERN_NONE);
  guint none = add_class (c, _("No data"), NO_DATA, PW_PLAN_PATTERN_DOTS);
  guint common = add_class (c, _("Common area"), COMMON, PW_PLAN_PATTERN_NONE);

  for (guint i = 0; i < c->n_rooms; i++)
    {
      PwPlanRoom *room = pw_plan_floor_get_room (floor, i);
      double months;

      if (is_common (room))
        assign (c, i, room, common);
      else if (!is_let (room))
        assign (c, i, room, vacant);
      else if (!pw_plan_months_between (today, room->lease_end, &months))
        assign (c, i, room, none);
      else if (months < 0)
        assign (c, i, room, expired);
      else if (months < 3)
        assign (c, i, room, lt3);
      else if (months < 6)
        assign (c, i, room, lt6);
      else if (months <= 12)
        assign (c, i, room, lt12);
      else
        assign (c, i, room, more);
    }
}

/* Unit rents are decimal text; compare them as fixed point with 4 decimals. */
static gboolean
parse_rent (const char *text, gint64 *value)
{
  gint64 whole = 0, frac = 0;
  int digits = 0;
  const char *p = text;

  if (p == NULL || !g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p) && whole < G_MAXINT64 / 100)
    whole = whole * 10 + (*p++ - '0');
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      if (digits < 4)
        {
          frac = frac * 10 + (*p - '0');
          digits++;
        }
  if (*p != '\0' || whole >= G_MAXINT64 / 100000)
    return FALSE;
  for (; digits < 4; digits++)
    frac *= 10;
  *value = whole * 10000 + frac;
  return TRUE;
}

static char *
format_rent (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", value / 10000, (int) (value % 10000 / 100));
}

static int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Four bands by quartile of the rents on this floor, cheapest lightest. */
static void
color_rent (PwPlanColoring *c, PwPlanFloor *floor)
{
  static const guint32 ramp[] = { 0xC6DBEF, 0x6BAED6, 0x2171B5, 0x08306B };
  g_autoptr(GArray) rents = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 lo[4];
  guint band_class[4] = { 0 };
  guint n_bands = 0, none, vacant, common;

  for (guint i = 0; i < c->n_rooms; i++)
    {
      gint64 v;

      if (parse_rent (pw_plan_floor_get_room (floor, i)->unit_rent, &v))
        g_array_append_val (rents, v);
    }
  if (rents->len > 0)
    {
      gint64 top;

      g_array_sort (rents, compare_gint64);
      top = g_array_index (rents, gint64, rents->len - 1);
      for (guint q = 0; q < 4; q++)
        {
          gint64 b = g_array_index (rents, gint64, q * rents->len / 4);

          if (n_bands == 0 || b != lo[n_bands - 1])
            lo[n_bands++] = b;
        }
      for (guint k = 0; k < n_bands; k++)
        {
          g_autofree char *from = format_rent (lo[k]);
          g_autofree char *to = format_rent (k + 1 < n_bands ? lo[k + 1] : top);
          g_autofree char *label = NULL;

          /* TRANSLATORS: a band of unit rents per m² per month, e.g. "3.20–4.10 per m²·month" */
          label = g_strdup_printf (_("%s–%s per m²·month"), from, to);
          band_class[k] = add_class (c, label, ramp[4 - n_bands + k], PW_PLAN_PATTERN_NONE);
        }
    }
  vacant = add_class (c, _("Vacant"), 0xFFFFFF, PW_PLAN_PATTERN_NONE);
  none = add_class (c, _("No data"), NO_DATA, PW_PLAN_PATTERN_DOTS);
  common = add_class (c, _("Common area"), COMMON, PW_PLAN_PATTERN_NONE);
  for (guint i = 0; i < c->n_rooms; i++)
    {
      PwPlanRoom *room = pw_plan_floor_get_room (floor, i);
      gint64 v;

      if (is_common (room))
        assign (c, i, room, common);
      else if (parse_rent (room->unit_rent, &v))
        {
          guint q = 0;

          while (q + 1 < n_bands && v >= lo[q + 1])
            q++;
          assign (c, i, room, band_class[q]);
        }
      else if (!is_let (room))
        assign (c, i, room, vacant);
      else
        assign (c, i, room, none);
    }
}

static void
color_area (PwPlanColoring *c, PwPlanFloor *floor)
{
  /* chargeable area bands in m², a light-to-dark ramp */
  static const struct {
    gint64 below;  /* hundredths of a m² */
    guint32 rgb;
  } bands[] = {
    { 5000, 0xFEE6CE },
    { 10000, 0xFDAE6B },
    { 20000, 0xF16913 },
    { 50000, 0xD94801 },
    { 100000, 0xA63603 },
    { G_MAXINT64, 0x7F2704 },
  };
  guint first = c->classes->len, common;

  for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
    {
      g_autofree char *label = NULL;

      if (b == 0)
        {
          g_autofree char *hi = pw_area_format_with_unit (bands[b].below, FALSE);
          /* TRANSLATORS: an area band, e.g. "under 50.00 m²" */
          label = g_strdup_printf (_("Under %s"), hi);
        }
      else if (bands[b].below == G_MAXINT64)
        {
          g_autofree char *lo = pw_area_format_with_unit (bands[b - 1].below, FALSE);
          /* TRANSLATORS: an area band, e.g. "1,000.00 m² and over" */
          label = g_strdup_printf (_("%s and over"), lo);
        }
      else
        {
          g_autofree char *lo = pw_area_format (bands[b - 1].below, FALSE);
          g_autofree char *hi = pw_area_format_with_unit (bands[b].below, FALSE);
          /* TRANSLATORS: an area band, e.g. "50.00–100.00 m²" */
          label = g_strdup_printf (_("%s–%s"), lo, hi);
        }
      add_class (c, label, bands[b].rgb, PW_PLAN_PATTERN_NONE);
    }
  common = add_class (c, _("Common area"), COMMON, PW_PLAN_PATTERN_NONE);
  for (guint i = 0; i < c->n_rooms; i++)
    {
      PwPlanRoom *room = pw_plan_floor_get_room (floor, i);
      guint b = 0;

      if (is_common (room))
        {
          assign (c, i, room, common);
          continue;
        }
      while (room->chargeable_area >= bands[b].below)
        b++;
      assign (c, i, room, first + b);
    }
}

static int
compare_labels (gconstpointer a, gconstpointer b)
{
  const PwPlanRoom *ra = *(PwPlanRoom *const *) a, *rb = *(PwPlanRoom *const *) b;
  int c = g_utf8_collate (ra->tenant != NULL ? ra->tenant : "", rb->tenant != NULL ? rb->tenant : "");

  return c != 0 ? c : g_strcmp0 (pw_plan_room_tenant_key ((PwPlanRoom *) ra),
                                 pw_plan_room_tenant_key ((PwPlanRoom *) rb));
}

/* Each tenant its colour from the tenants' neighbour graph over @among (the floor
 * itself, or a building's floors for a stacking plan), so that neighbouring rooms
 * of different tenants never share one (pw_plan_tenant_colors()). */
static void
color_tenant (PwPlanColoring *c, PwPlanFloor *floor, GPtrArray *among)
{
  g_autoptr(GHashTable) class_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) firsts = g_ptr_array_new ();
  g_autoptr(GPtrArray) just_this = g_ptr_array_new ();
  g_autoptr(GHashTable) colors = NULL;
  guint vacant, none, common;

  if (among == NULL)
    {
      g_ptr_array_add (just_this, floor);
      among = just_this;
    }
  colors = pw_plan_tenant_colors (among);
  for (guint i = 0; i < c->n_rooms; i++)
    {
      PwPlanRoom *room = pw_plan_floor_get_room (floor, i);
      const char *key = pw_plan_room_tenant_key (room);

      if (key != NULL && room->tenant != NULL && !is_common (room)
          && !g_hash_table_contains (class_of, key))
        {
          g_hash_table_insert (class_of, (gpointer) key, NULL);
          g_ptr_array_add (firsts, room);
        }
    }
  g_ptr_array_sort (firsts, compare_labels);
  for (guint n = 0; n < firsts->len; n++)
    {
      PwPlanRoom *room = g_ptr_array_index (firsts, n);
      const char *key = pw_plan_room_tenant_key (room);
      guint rgb = GPOINTER_TO_UINT (g_hash_table_lookup (colors, key));
      guint cls = add_class (c, room->tenant, rgb != 0 ? rgb - 1 : NO_DATA, PW_PLAN_PATTERN_NONE);

      g_hash_table_insert (class_of, (gpointer) key, GUINT_TO_POINTER (cls + 1));
    }
  vacant = add_class (c, _("Vacant"), 0xFFFFFF, PW_PLAN_PATTERN_NONE);
  none = add_class (c, _("No data"), NO_DATA, PW_PLAN_PATTERN_DOTS);
  common = add_class (c, _("Common area"), COMMON, PW_PLAN_PATTERN_NONE);
  for (guint i = 0; i < c->n_rooms; i++)
    {
      PwPlanRoom *room = pw_plan_floor_get_room (floor, i);
      const char *key = pw_plan_room_tenant_key (room);

      if (is_common (room))
        assign (c, i, room, common);
      else if (key != NULL && room->tenant != NULL)
        assign (c, i, room, GPOINTER_TO_UINT (g_hash_table_lookup (class_of, key)) - 1);
      else if (!is_let (room))
        assign (c, i, room, vacant);
      else
        assign (c, i, room, none);
    }
}

/* By the age of the oldest amount overdue, as the ageing's buckets past due but with
 * 31–90 days in one (docs/plans.md, "Arrears"). Paid up is blue, the ages a yellow →
 * orange → vermillion ramp that gains hatching as it goes, so neighbouring classes
 * differ by pattern and lightness as well as hue. */
static void
color_arrears (PwPlanColoring *c, PwPlanFloor *floor)
{
  gboolean known = pw_plan_floor_get_arrears_date (floor) != NULL;
  guint paid = add_class (c, _("No overdue"), OI_BLUE, PW_PLAN_PATTERN_NONE);
  guint d30 = add_class (c, _("Overdue 1–30 days"), OI_YELLOW, PW_PLAN_PATTERN_NONE);
  guint d90 = add_class (c, _("Overdue 31–90 days"), OI_ORANGE, PW_PLAN_PATTERN_HATCH);
  guint more = add_class (c, _("Overdue over 90 days"), OI_VERMILLION, PW_PLAN_PATTERN_CROSSHATCH);
  guint vacant = add_class (c, _("Vacant or not leased"), 0xFFFFFF, PW_PLAN_PATTERN_NONE);
  guint none = add_class (c, _("No data"), NO_DATA, PW_PLAN_PATTERN_DOTS);
  guint common = add_class (c, _("Common area"), COMMON, PW_PLAN_PATTERN_NONE);

  c->currency = g_strdup (pw_plan_floor_get_currency (floor));
  for (guint i = 0; i < c->n_rooms; i++)
    {
      PwPlanRoom *room = pw_plan_floor_get_room (floor, i);

      if (is_common (room) && room->n_holders == 0)
        assign (c, i, room, common);
      else if (!known)
        assign (c, i, room, is_let (room) ? none : vacant);
      else if (room->n_holders == 0)
        assign (c, i, room, vacant);
      else if (room->overdue <= 0)
        assign (c, i, room, paid);
      else if (room->overdue_days <= 30)
        assign (c, i, room, d30);
      else if (room->overdue_days <= 90)
        assign (c, i, room, d90);
      else
        assign (c, i, room, more);
    }
}

PwPlanColoring *
pw_plan_coloring_new (PwPlanFloor *floor, PwPlanLens lens, const char *today)
{
  return pw_plan_coloring_new_among (floor, lens, today, NULL);
}

PwPlanColoring *
pw_plan_coloring_new_among (PwPlanFloor *floor, PwPlanLens lens, const char *today,
                            GPtrArray *floors)
{
  PwPlanColoring *c = g_new0 (PwPlanColoring, 1);

  c->lens = lens;
  c->n_rooms = pw_plan_floor_get_n_rooms (floor);
  c->room_class = g_new0 (guint, MAX (c->n_rooms, 1));
  c->classes = g_array_new (FALSE, TRUE, sizeof (PwPlanClass));
  g_array_set_clear_func (c->classes, class_clear);
  switch (lens)
    {
    case PW_PLAN_LENS_EXPIRY:
      color_expiry (c, floor, today);
      break;
    case PW_PLAN_LENS_RENT:
      color_rent (c, floor);
      break;
    case PW_PLAN_LENS_AREA:
      color_area (c, floor);
      break;
    case PW_PLAN_LENS_TENANT:
      color_tenant (c, floor, floors);
      break;
    case PW_PLAN_LENS_ARREARS:
      color_arrears (c, floor);
      break;
    case PW_PLAN_LENS_STATUS:
    default:
      color_status (c, floor);
      break;
    }
  return c;
}

PwPlanColoring *
pw_plan_coloring_merge (GPtrArray *floors, PwPlanLens lens, const char *today)
{
  PwPlanColoring *merged = g_new0 (PwPlanColoring, 1);

  merged->lens = lens;
  merged->room_class = g_new0 (guint, 1);
  merged->classes = g_array_new (FALSE, TRUE, sizeof (PwPlanClass));
  g_array_set_clear_func (merged->classes, class_clear);
  for (guint f = 0; floors != NULL && f < floors->len; f++)
    {
      g_autoptr(PwPlanColoring) one = pw_plan_coloring_new_among (g_ptr_array_index (floors, f), lens,
                                                                  today, floors);

      for (guint c = 0; c < one->classes->len; c++)
        {
          PwPlanClass *cls = &g_array_index (one->classes, PwPlanClass, c);
          guint k;

          for (k = 0; k < merged->classes->len; k++)
            if (g_str_equal (g_array_index (merged->classes, PwPlanClass, k).label, cls->label))
              break;
          if (k == merged->classes->len)
            add_class (merged, cls->label, cls->rgb, cls->pattern);
          g_array_index (merged->classes, PwPlanClass, k).count += cls->count;
          g_array_index (merged->classes, PwPlanClass, k).area += cls->area;
          g_array_index (merged->classes, PwPlanClass, k).overdue += cls->overdue;
        }
      if (merged->currency == NULL && one->currency != NULL)
        merged->currency = g_strdup (one->currency);
    }
  return merged;
}
