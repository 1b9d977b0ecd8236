/* pw-plan-canvas-a11y.c — the plan canvas's accessible room children, for the rooms in view
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 * 1. by_room[r] is the child of room r or NULL; current lists, in room order,
 *    exactly the rooms whose by_room is set, and the children follow that order
 *    among the canvas's children.
 * 2. After an allocation the children are those of the chosen rooms in view (see
 *    the header) and of the kept room, each allocated over its room.
 */
#include "config.h"

#include <math.h>

#include "pw-plan-canvas-a11y.h"
#include "pw-plan-item.h"

struct _PwPlanRoomItems
{
  GtkWidget    *canvas;
  PwPlanFloor  *floor;
  gboolean      square_feet;
  GtkWidget   **by_room;   /* per room */
  guint32      *stamp;     /* per room: the allocation that wanted it */
  guint32       generation;
  GArray       *current;   /* guint rooms with a child, ascending */
};

typedef struct
{
  double size;    /* area of the room's bounds, in m² (on screen, times the zoom squared) */
  double dist;    /* from the middle of the view, squared */
  guint  room;
} Candidate;

PwPlanRoomItems *
pw_plan_room_items_new (GtkWidget *canvas)
{
  PwPlanRoomItems *self = g_new0 (PwPlanRoomItems, 1);

  self->canvas = canvas;
  self->current = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

static void
drop_all (PwPlanRoomItems *self)
{
  for (guint k = 0; k < self->current->len; k++)
    {
      guint r = g_array_index (self->current, guint, k);

      gtk_widget_unparent (self->by_room[r]);
      self->by_room[r] = NULL;
    }
  g_array_set_size (self->current, 0);
}

void
pw_plan_room_items_free (PwPlanRoomItems *self)
{
  if (self == NULL)
    return;
  drop_all (self);
  g_clear_pointer (&self->floor, pw_plan_floor_unref);
  g_free (self->by_room);
  g_free (self->stamp);
  g_array_unref (self->current);
  g_free (self);
}

void
pw_plan_room_items_reset (PwPlanRoomItems *self, PwPlanFloor *floor, gboolean square_feet)
{
  guint n = floor != NULL ? pw_plan_floor_get_n_rooms (floor) : 0;

  drop_all (self);
  g_clear_pointer (&self->floor, pw_plan_floor_unref);
  g_clear_pointer (&self->by_room, g_free);
  g_clear_pointer (&self->stamp, g_free);
  self->square_feet = square_feet;
  if (floor == NULL)
    return;
  self->floor = pw_plan_floor_ref (floor);
  self->by_room = g_new0 (GtkWidget *, MAX (n, 1));
  self->stamp = g_new0 (guint32, MAX (n, 1));
  gtk_widget_queue_allocate (self->canvas);
}

static void
update_state (GtkWidget *item, gboolean selected)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_STATE_PRESSED,
                               selected ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

static GtkWidget *
create_item (PwPlanRoomItems *self, guint room, gboolean selected)
{
  g_autofree char *name = pw_plan_room_describe (pw_plan_floor_get_room (self->floor, room),
                                                 self->square_feet);
  GtkWidget *item = pw_plan_item_new (0, room, name);

  update_state (item, selected);
  self->by_room[room] = item;
  return item;
}

/* Orders candidates: larger on screen first, then nearer the middle, then by room. */
static inline gboolean
ranks_before (const Candidate *a, const Candidate *b)
{
  if (a->size != b->size)
    return a->size > b->size;
  if (a->dist != b->dist)
    return a->dist < b->dist;
  return a->room < b->room;
}

/* Moves the @k best of @n candidates to the front, in any order: a quickselect
 * (the keys are all different, so a Lomuto partition does not degrade). */
static void
select_best (Candidate *c, int n, int k)
{
  int lo = 0, hi = n - 1;

  while (lo < hi)
    {
      int mid = lo + (hi - lo) / 2, store = lo;
      Candidate t = c[mid];

      c[mid] = c[hi];
      c[hi] = t;
      for (int i = lo; i < hi; i++)
        if (ranks_before (&c[i], &c[hi]))
          {
            t = c[i];
            c[i] = c[store];
            c[store++] = t;
          }
      t = c[store];
      c[store] = c[hi];
      c[hi] = t;
      if (store == k)
        return;
      if (store < k)
        lo = store + 1;
      else
        hi = store - 1;
    }
}

static int
compare_uint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The rooms that get a child now, ascending. */
static GArray *
choose_rooms (PwPlanRoomItems *self, PwPlanViewport *viewport, int width, int height, int keep)
{
  g_autoptr(GArray) in_view = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  GArray *chosen = g_array_new (FALSE, FALSE, sizeof (guint));
  double x0 = 0, y0 = 0, x1 = width, y1 = height;
  gboolean has_keep = FALSE;

  pw_plan_viewport_to_plan (viewport, &x0, &y0);
  pw_plan_viewport_to_plan (viewport, &x1, &y1);
  pw_plan_floor_query (self->floor, x0, y0, x1, y1, in_view);
  for (guint k = 0; k < in_view->len; k++)
    {
      guint r = g_array_index (in_view, guint, k);
      PwPlanRoom *room = pw_plan_floor_get_room (self->floor, r);
      double rx0 = room->x0, ry0 = room->y0, rx1 = room->x1, ry1 = room->y1;
      Candidate c;

      pw_plan_viewport_to_widget (viewport, &rx0, &ry0);
      pw_plan_viewport_to_widget (viewport, &rx1, &ry1);
      /* on screen, and at least a pixel each way */
      if (!(rx1 > 0 && ry1 > 0 && rx0 < width && ry0 < height && rx1 - rx0 >= 1 && ry1 - ry0 >= 1))
        continue;
      /* the size on screen is the plan's times the zoom squared: ranked by the
       * plan's, rooms of one size tie exactly (on screen they differed in the
       * last bits, so a zoom chose others among them), and the distance, which
       * a zoom about the middle scales alike for all, decides: the same rooms
       * keep their children from one zoom step to the next */
      c.size = (room->x1 - room->x0) * (room->y1 - room->y0);
      c.dist = pow ((rx0 + rx1 - width) / 2, 2) + pow ((ry0 + ry1 - height) / 2, 2);
      c.room = r;
      g_array_append_val (candidates, c);
    }
  if (candidates->len > PW_PLAN_MAX_ROOM_ITEMS)
    {
      select_best ((Candidate *) (void *) candidates->data, (int) candidates->len,
                   PW_PLAN_MAX_ROOM_ITEMS);
      g_array_set_size (candidates, PW_PLAN_MAX_ROOM_ITEMS);
    }
  for (guint k = 0; k < candidates->len; k++)
    {
      guint r = g_array_index (candidates, Candidate, k).room;

      has_keep |= (int) r == keep;
      g_array_append_val (chosen, r);
    }
  if (keep >= 0 && !has_keep)
    {
      guint r = (guint) keep;

      g_array_append_val (chosen, r);
    }
  g_array_sort (chosen, compare_uint);
  return chosen;
}

static void
allocate_item (PwPlanRoomItems *self, GtkWidget *item, guint r, PwPlanViewport *viewport,
               int width, int height)
{
  PwPlanRoom *room = pw_plan_floor_get_room (self->floor, r);
  double x0 = room->x0, y0 = room->y0, x1 = room->x1, y1 = room->y1;
  GtkAllocation a;

  pw_plan_viewport_to_widget (viewport, &x0, &y0);
  pw_plan_viewport_to_widget (viewport, &x1, &y1);
  x0 = CLAMP (x0, 0, width);
  y0 = CLAMP (y0, 0, height);
  x1 = CLAMP (x1, 0, width);
  y1 = CLAMP (y1, 0, height);
  a.x = (int) floor (x0);
  a.y = (int) floor (y0);
  a.width = MAX ((int) ceil (x1) - a.x, 1);
  a.height = MAX ((int) ceil (y1) - a.y, 1);
  gtk_widget_size_allocate (item, &a, -1);
}

void
pw_plan_room_items_allocate (PwPlanRoomItems *self,
                             PwPlanViewport  *viewport,
                             int              width,
                             int              height,
                             const guint8    *selected,
                             int              keep)
{
  g_autoptr(GArray) chosen = NULL;
  GtkWidget *prev = NULL;

  if (self->floor == NULL)
    return;
  if (keep >= (int) pw_plan_floor_get_n_rooms (self->floor))
    keep = -1;
  chosen = choose_rooms (self, viewport, width, height, keep);

  /* drop the children of rooms no longer chosen */
  self->generation++;
  for (guint k = 0; k < chosen->len; k++)
    self->stamp[g_array_index (chosen, guint, k)] = self->generation;
  for (guint k = 0; k < self->current->len; k++)
    {
      guint r = g_array_index (self->current, guint, k);

      if (self->stamp[r] != self->generation)
        {
          gtk_widget_unparent (self->by_room[r]);
          self->by_room[r] = NULL;
        }
    }

  /* create the new ones in room order, keep the others, allocate all */
  for (guint k = 0; k < chosen->len; k++)
    {
      guint r = g_array_index (chosen, guint, k);
      GtkWidget *item = self->by_room[r];

      if (item == NULL)
        {
          item = create_item (self, r, selected != NULL && selected[r]);
          gtk_widget_insert_after (item, self->canvas, prev);
        }
      else if (gtk_widget_get_prev_sibling (item) != prev)
        gtk_widget_insert_after (item, self->canvas, prev);
      allocate_item (self, item, r, viewport, width, height);
      prev = item;
    }
  g_array_unref (self->current);
  self->current = g_steal_pointer (&chosen);
}

GtkWidget *
pw_plan_room_items_get (PwPlanRoomItems *self, int room)
{
  if (self->floor == NULL || room < 0 || room >= (int) pw_plan_floor_get_n_rooms (self->floor))
    return NULL;
  return self->by_room[room];
}

GtkWidget *
pw_plan_room_items_ensure (PwPlanRoomItems *self, int room, gboolean selected)
{
  GtkWidget *item, *prev = NULL;
  guint k;

  if (self->floor == NULL || room < 0 || room >= (int) pw_plan_floor_get_n_rooms (self->floor))
    return NULL;
  if (self->by_room[room] != NULL)
    return self->by_room[room];
  /* after the child of the nearest room below it, to keep room order */
  for (k = 0; k < self->current->len && g_array_index (self->current, guint, k) < (guint) room; k++)
    prev = self->by_room[g_array_index (self->current, guint, k)];
  item = create_item (self, (guint) room, selected);
  gtk_widget_insert_after (item, self->canvas, prev);
  g_array_insert_val (self->current, k, room);
  gtk_widget_queue_allocate (self->canvas);
  return item;
}

void
pw_plan_room_items_set_selected (PwPlanRoomItems *self, int room, gboolean selected)
{
  GtkWidget *item = pw_plan_room_items_get (self, room);

  if (item != NULL)
    update_state (item, selected);
}

guint
pw_plan_room_items_get_count (PwPlanRoomItems *self)
{
  return self->current->len;
}
