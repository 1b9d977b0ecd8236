/* test-plan-editor.c — the floor-plan editor of the Plans page over a demo ledger,
 * driven in-process through its actions and keys
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (Xvfb in CI) and fails, rather than skips, without one. Every
 * expectation is read back from the ledger through core. */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "app-test-util.h"
#include "pw-amend-dialog.h"
#include "pw-lease-versions.h"
#include "pw-ledger.h"
#include "pw-plans-page.h"
#include "pw-room-ledger.h"
#include "pw-window.h"

typedef struct {
  char         *tmpdir;
  PwStore      *store;
  PwWindow     *window;
  PwPlansPage  *page;
  PwPlanCanvas *canvas;
  PwPlanEditor *editor;
  char         *floor_id;
} Fixture;

#define wait_for(f, cond, data, what) \
  app_test_wait_for ((AppTestCondition) (cond), (f), (data), (what))

static gboolean
page_loaded (Fixture *f, gconstpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (f->page)) && pw_plans_page_is_loaded (f->page)
         && gtk_widget_get_width (GTK_WIDGET (f->canvas)) > 0
         && pw_plan_canvas_get_floor (f->canvas) != NULL;
}

/* The spaces of the floor shown that are not disposed, as core loads them. */
static GPtrArray *
floor_spaces (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *all = pw_ledger_load_spaces (f->store, NULL, &error);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      PwSpace *space = g_ptr_array_index (all, i);

      if (g_str_equal (pw_space_get_floor_id (space), f->floor_id)
          && pw_space_get_status (space) != PW_SPACE_STATUS_DISPOSED && pw_space_get_outline (space) != NULL)
        g_ptr_array_add (out, g_object_ref (space));
    }
  g_ptr_array_unref (all);
  return out;
}

static PwSpace *
find_id (GPtrArray *spaces, const char *id)
{
  for (guint i = 0; i < spaces->len; i++)
    if (g_str_equal (pw_space_get_id (g_ptr_array_index (spaces, i)), id))
      return g_ptr_array_index (spaces, i);
  return NULL;
}

static gint64
outline_area (PwSpace *space)
{
  g_autoptr(PwPolygon) poly = pw_polygon_new_from_json (pw_space_get_outline (space), NULL);

  g_assert_nonnull (poly);
  return pw_polygon_area_centi (poly);
}

/* The canvas shows the floor as the ledger has it now. */
static gboolean
floor_shows (Fixture *f, gconstpointer data)
{
  PwPlanFloor *floor = pw_plan_canvas_get_floor (f->canvas);

  return floor != NULL && pw_plan_floor_get_n_rooms (floor) == GPOINTER_TO_UINT (data);
}

static void
wait_floor (Fixture *f)
{
  g_autoptr(GPtrArray) spaces = floor_spaces (f);

  wait_for (f, floor_shows, GUINT_TO_POINTER (spaces->len), "the plan to show the ledger's rooms");
  /* and whatever else the reload queued */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
activate (Fixture *f, const char *action, GVariant *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->canvas), action, parameter));
}

static void
type (Fixture *f, const char *keys)
{
  for (const char *k = keys; *k != '\0'; k++)
    {
      guint keyval = *k == '\n' ? GDK_KEY_Return : gdk_unicode_to_keyval ((guchar) *k);

      g_assert_true (pw_plan_editor_key (f->editor, keyval, 0));
    }
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  AdwViewStack *stack;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "last-floor");
  g_settings_reset (settings, "plan-shared-walls");
  f->store = app_test_open_demo_ledger ("parkwise-test-editor-XXXXXX", &f->tmpdir);
  f->window = app_test_new_window (f->store);
  stack = ADW_VIEW_STACK (app_test_template_child (f->window, PW_TYPE_WINDOW, "view_stack"));
  f->page = pw_window_get_plans_page (f->window);
  f->canvas = pw_plans_page_get_canvas (f->page);
  f->editor = pw_plans_page_get_editor (f->page);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  adw_view_stack_set_visible_child_name (stack, "plans");
  wait_for (f, page_loaded, NULL, "the Plans page to load");
  f->floor_id = g_strdup (pw_plan_floor_get_id (pw_plan_canvas_get_floor (f->canvas)));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  app_test_destroy_window (&f->window);
  g_clear_object (&f->store);
  g_free (f->floor_id);
  app_test_remove_tmpdir (&f->tmpdir);
}

/* A vacant, box-shaped room no running contract holds, or -1. */
static int
vacant_box (Fixture *f)
{
  PwPlanFloor *floor = pw_plan_canvas_get_floor (f->canvas);

  for (guint i = 0; i < pw_plan_floor_get_n_rooms (floor); i++)
    {
      PwPlanRoom *room = pw_plan_floor_get_room (floor, i);
      g_autofree char *held = pw_room_ledger_running_contract (f->store, room->space_id, NULL);

      if (room->is_box && held == NULL && room->status == PW_SPACE_STATUS_AVAILABLE
          && (room->x1 - room->x0) > 2 && (room->y1 - room->y0) > 2)
        return (int) i;
    }
  return -1;
}

static void
test_edit_session (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) before = floor_spaces (f);
  g_autoptr(GPtrArray) after = NULL;
  PwPlanFloor *floor = pw_plan_canvas_get_floor (f->canvas);
  double x0, y0, x1, y1, cx;
  g_autofree char *new_id = NULL;
  g_autofree char *split_id = NULL;
  g_autofree char *split_code = NULL;
  PwSpace *space;
  gint64 whole;
  int room;

  g_assert_true (pw_plan_floor_get_bounds (floor, &x0, &y0, &x1, &y1));

  /* edit mode: off at first; the editing actions with it */
  g_assert_false (pw_plan_editor_get_active (f->editor));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "plan.undo", NULL)
                  && pw_plan_editor_get_n_undo (f->editor) > 0);
  g_assert_false (pw_plan_editor_key (f->editor, GDK_KEY_r, 0));
  activate (f, "plan.edit", NULL);
  g_assert_true (pw_plan_editor_get_active (f->editor));

  /* a rectangle east of every room: one corner, then 6 m and 4 m typed */
  g_assert_true (pw_plan_editor_key (f->editor, GDK_KEY_r, 0));
  g_assert_cmpint (pw_plan_editor_get_tool (f->editor), ==, PW_PLAN_TOOL_RECTANGLE);
  pw_plan_editor_set_cursor (f->editor, ceil (x1) + 5, ceil (y0));
  type (f, "\n6\n4\n");
  g_assert_null (pw_plan_editor_get_message (f->editor));
  /* its kind is asked for; nothing is written before */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (pw_plan_editor_get_n_undo (f->editor), ==, 0);
  activate (f, "plan.create-room", g_variant_new_string ("lab"));
  wait_floor (f);
  after = floor_spaces (f);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  for (guint i = 0; i < after->len && new_id == NULL; i++)
    if (find_id (before, pw_space_get_id (g_ptr_array_index (after, i))) == NULL)
      new_id = g_strdup (pw_space_get_id (g_ptr_array_index (after, i)));
  g_assert_nonnull (new_id);
  space = find_id (after, new_id);
  g_assert_cmpint (outline_area (space), ==, 2400);
  g_assert_cmpint (pw_space_get_gross_area (space), ==, 2400);
  g_assert_cmpint (pw_space_get_status (space), ==, PW_SPACE_STATUS_AVAILABLE);
  g_assert_cmpint (pw_space_get_kind (space), ==, PW_SPACE_KIND_LAB);
  g_assert_cmpuint (pw_plan_editor_get_n_undo (f->editor), ==, 1);

  /* split a vacant room down the middle */
  room = vacant_box (f);
  g_assert_cmpint (room, >=, 0);
  {
    PwPlanRoom *r = pw_plan_floor_get_room (pw_plan_canvas_get_floor (f->canvas), room);

    split_id = g_strdup (r->space_id);
    split_code = g_strdup (r->code);
    cx = round ((r->x0 + r->x1) / 2 * 10) / 10;
    whole = outline_area (find_id (after, split_id));
    activate (f, "plan.tool", g_variant_new_string ("split"));
    g_assert_cmpint (pw_plan_editor_get_tool (f->editor), ==, PW_PLAN_TOOL_SPLIT);
    pw_plan_canvas_select_none (f->canvas);
    pw_plan_editor_set_cursor (f->editor, cx, r->y0 - 0.5);
    type (f, "\n");
    pw_plan_editor_set_cursor (f->editor, cx, r->y1 + 0.5);
    type (f, "\n\n");
  }
  g_assert_null (pw_plan_editor_get_message (f->editor));
  wait_floor (f);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = floor_spaces (f);
  g_assert_cmpuint (after->len, ==, before->len + 2);
  {
    /* the parts add up to the room, to the hundredth of a m² */
    gint64 sum = 0;
    g_autoptr(PwSpace) kept = pw_ledger_load_space (f->store, split_id, NULL);

    for (guint i = 0; i < after->len; i++)
      {
        PwSpace *s = g_ptr_array_index (after, i);

        if (find_id (before, pw_space_get_id (s)) == NULL && !g_str_equal (pw_space_get_id (s), new_id))
          sum += outline_area (s);
      }
    sum += outline_area (kept);
    g_assert_cmpint (llabs (sum - whole), <=, 1);
  }
  g_assert_cmpuint (pw_plan_editor_get_n_undo (f->editor), ==, 2);

  /* merge the two parts again */
  activate (f, "plan.tool", g_variant_new_string ("merge"));
  pw_plan_canvas_select_none (f->canvas);
  {
    PwPlanFloor *fl = pw_plan_canvas_get_floor (f->canvas);
    int a = pw_plan_floor_find_space (fl, split_id);

    g_assert_cmpint (a, >=, 0);
    pw_plan_canvas_select (f->canvas, a, PW_PLAN_SELECT_ADD);
    for (guint i = 0; i < after->len; i++)
      {
        PwSpace *s = g_ptr_array_index (after, i);

        if (find_id (before, pw_space_get_id (s)) == NULL && !g_str_equal (pw_space_get_id (s), new_id))
          pw_plan_canvas_select (f->canvas, pw_plan_floor_find_space (fl, pw_space_get_id (s)),
                                 PW_PLAN_SELECT_ADD);
      }
  }
  type (f, "\n");
  g_assert_null (pw_plan_editor_get_message (f->editor));
  wait_floor (f);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = floor_spaces (f);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  g_assert_cmpint (llabs (outline_area (find_id (after, split_id)) - whole), <=, 1);

  /* the new room's first corner, 0.1 m west by the arrow key, then 1 m with Shift */
  pw_plan_canvas_select (f->canvas, pw_plan_floor_find_space (pw_plan_canvas_get_floor (f->canvas), new_id),
                         PW_PLAN_SELECT_REPLACE);
  g_assert_true (pw_plan_editor_key (f->editor, GDK_KEY_e, 0));
  g_assert_cmpint (pw_plan_editor_get_tool (f->editor), ==, PW_PLAN_TOOL_VERTEX);
  {
    g_autoptr(PwPolygon) was = pw_polygon_new_from_json (pw_space_get_outline (find_id (after, new_id)), NULL);
    g_autoptr(PwSpace) moved = NULL;
    g_autoptr(PwPolygon) now = NULL;
    const PwPoint *p0, *p1;
    guint n;

    g_assert_true (pw_plan_editor_key (f->editor, GDK_KEY_Tab, 0));
    g_assert_true (pw_plan_editor_key (f->editor, GDK_KEY_Down, 0));
    g_assert_true (pw_plan_editor_key (f->editor, GDK_KEY_Down, GDK_SHIFT_MASK));
    /* a run of keys is one step, written when the tool changes (or after a pause) */
    g_assert_true (pw_plan_editor_key (f->editor, GDK_KEY_v, 0));
    g_assert_null (pw_plan_editor_get_message (f->editor));
    wait_floor (f);
    moved = pw_ledger_load_space (f->store, new_id, NULL);
    now = pw_polygon_new_from_json (pw_space_get_outline (moved), NULL);
    p0 = pw_polygon_get_outer (was, &n);
    p1 = pw_polygon_get_outer (now, &n);
    g_assert_cmpfloat_with_epsilon (p1[0].x, p0[0].x, 1e-9);
    g_assert_cmpfloat_with_epsilon (p1[0].y, p0[0].y + 1.1, 1e-9);
    g_assert_cmpint (outline_area (moved), !=, 2400);
  }
  g_assert_cmpuint (pw_plan_editor_get_n_undo (f->editor), ==, 4);

  /* undo twice (the corner, the merge), redo once (the merge) */
  activate (f, "plan.undo", NULL);
  wait_floor (f);
  {
    g_autoptr(PwSpace) back = pw_ledger_load_space (f->store, new_id, NULL);

    g_assert_cmpint (outline_area (back), ==, 2400);
  }
  activate (f, "plan.undo", NULL);
  wait_floor (f);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = floor_spaces (f);
  g_assert_cmpuint (after->len, ==, before->len + 2);
  g_assert_cmpuint (pw_plan_editor_get_n_redo (f->editor), ==, 2);
  /* the split is undone too: its part has status history since (the merge disposed
   * it, its undo brought it back), which stays, so the part is retired (disposed, off
   * the plan) and the room is whole again */
  {
    g_autofree char *part_id = NULL;

    for (guint i = 0; i < after->len; i++)
      {
        PwSpace *s = g_ptr_array_index (after, i);

        if (find_id (before, pw_space_get_id (s)) == NULL && !g_str_equal (pw_space_get_id (s), new_id))
          part_id = g_strdup (pw_space_get_id (s));
      }
    g_assert_nonnull (part_id);
    activate (f, "plan.undo", NULL);
    g_assert_null (pw_plan_editor_get_message (f->editor));
    wait_floor (f);
    g_clear_pointer (&after, g_ptr_array_unref);
    after = floor_spaces (f);
    g_assert_cmpuint (after->len, ==, before->len + 1);
    g_assert_cmpint (outline_area (find_id (after, split_id)), ==, whole);
    {
      g_autoptr(PwSpace) part = pw_ledger_load_space (f->store, part_id, NULL);

      g_assert_cmpint (pw_space_get_status (part), ==, PW_SPACE_STATUS_DISPOSED);
      g_assert_null (pw_space_get_outline (part));
    }
    g_assert_cmpuint (pw_plan_editor_get_n_undo (f->editor), ==, 1);
    g_assert_cmpuint (pw_plan_editor_get_n_redo (f->editor), ==, 3);

    /* redo the split (the part comes back), then the merge */
    activate (f, "plan.redo", NULL);
    g_assert_null (pw_plan_editor_get_message (f->editor));
    wait_floor (f);
    g_clear_pointer (&after, g_ptr_array_unref);
    after = floor_spaces (f);
    g_assert_cmpuint (after->len, ==, before->len + 2);
    g_assert_nonnull (find_id (after, part_id));
  }
  activate (f, "plan.redo", NULL);
  g_assert_null (pw_plan_editor_get_message (f->editor));
  wait_floor (f);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = floor_spaces (f);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  g_assert_cmpint (llabs (outline_area (find_id (after, split_id)) - whole), <=, 1);
  g_assert_cmpuint (pw_plan_editor_get_n_undo (f->editor), ==, 3);
  g_assert_cmpuint (pw_plan_editor_get_n_redo (f->editor), ==, 1);

  /* Ctrl+Z held down: the first press is the shortcut's undo, each repeat is queued,
   * and the queue is undone in one transaction (one revision of the store) */
  {
    guint64 revision;

    g_assert_false (pw_plan_editor_key (f->editor, GDK_KEY_z, GDK_CONTROL_MASK));
    activate (f, "plan.undo", NULL);
    g_assert_cmpuint (pw_plan_editor_get_n_undo (f->editor), ==, 2);
    revision = pw_store_get_revision (f->store);
    g_assert_true (pw_plan_editor_key (f->editor, GDK_KEY_z, GDK_CONTROL_MASK));
    g_assert_true (pw_plan_editor_key (f->editor, GDK_KEY_z, GDK_CONTROL_MASK));
    g_assert_cmpuint (pw_plan_editor_get_n_undo (f->editor), ==, 2);
    while (pw_plan_editor_get_n_undo (f->editor) > 0 && g_main_context_iteration (NULL, TRUE))
      ;
    g_assert_cmpuint (pw_store_get_revision (f->store), ==, revision + 1);
    g_assert_cmpuint (pw_plan_editor_get_n_redo (f->editor), ==, 4);
    pw_plan_editor_key_released (f->editor, GDK_KEY_z);
    wait_floor (f);
    g_clear_pointer (&after, g_ptr_array_unref);
    after = floor_spaces (f);
    g_assert_cmpuint (after->len, ==, before->len);

    /* all redone, one at a time; then Undo All Edits takes all four back at once */
    for (guint i = 0; i < 4; i++)
      activate (f, "plan.redo", NULL);
    g_assert_null (pw_plan_editor_get_message (f->editor));
    g_assert_cmpuint (pw_plan_editor_get_n_undo (f->editor), ==, 4);
    revision = pw_store_get_revision (f->store);
    activate (f, "plan.undo-all", NULL);
    g_assert_null (pw_plan_editor_get_message (f->editor));
    g_assert_cmpuint (pw_store_get_revision (f->store), ==, revision + 1);
    g_assert_cmpuint (pw_plan_editor_get_n_undo (f->editor), ==, 0);
    g_assert_cmpuint (pw_plan_editor_get_n_redo (f->editor), ==, 4);
    wait_floor (f);
    g_clear_pointer (&after, g_ptr_array_unref);
    after = floor_spaces (f);
    g_assert_cmpuint (after->len, ==, before->len);
    g_assert_cmpint (outline_area (find_id (after, split_id)), ==, whole);
  }

  /* Esc leaves the tool; Ctrl+E's action leaves edit mode */
  activate (f, "plan.tool", g_variant_new_string ("polygon"));
  g_assert_true (pw_plan_editor_key (f->editor, GDK_KEY_Escape, 0));
  g_assert_cmpint (pw_plan_editor_get_tool (f->editor), ==, PW_PLAN_TOOL_SELECT);
  activate (f, "plan.edit", NULL);
  g_assert_false (pw_plan_editor_get_active (f->editor));
}

/* A split of a leased room is refused, and the message names its contract. */
static void
test_refusal (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) before = floor_spaces (f);
  g_autoptr(GPtrArray) after = NULL;
  PwPlanFloor *floor = pw_plan_canvas_get_floor (f->canvas);
  PwPlanRoom *room = NULL;
  g_autofree char *contract = NULL;

  for (guint i = 0; i < pw_plan_floor_get_n_rooms (floor) && room == NULL; i++)
    {
      PwPlanRoom *r = pw_plan_floor_get_room (floor, i);

      g_clear_pointer (&contract, g_free);
      contract = pw_room_ledger_running_contract (f->store, r->space_id, NULL);
      if (contract != NULL && r->is_box)
        room = r;
    }
  g_assert_nonnull (room);

  activate (f, "plan.edit", NULL);
  activate (f, "plan.tool", g_variant_new_string ("split"));
  pw_plan_canvas_select_none (f->canvas);
  pw_plan_editor_set_cursor (f->editor, (room->x0 + room->x1) / 2, room->y0 - 0.5);
  type (f, "\n");
  pw_plan_editor_set_cursor (f->editor, (room->x0 + room->x1) / 2, room->y1 + 0.5);
  type (f, "\n\n");
  g_assert_nonnull (pw_plan_editor_get_message (f->editor));
  g_assert_nonnull (strstr (pw_plan_editor_get_message (f->editor), contract));
  /* the banner offers the amendment of that contract */
  g_assert_cmpstr (pw_plan_editor_get_held_contract (f->editor), ==, room->contract_id);
  g_assert_cmpuint (pw_plan_editor_get_n_undo (f->editor), ==, 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  after = floor_spaces (f);
  g_assert_cmpuint (after->len, ==, before->len);
}

/* A corner of a leased room moved: refused naming the contract; "Start Amendment…"
 * opens its amendment with the room's new area, and saving it writes the amendment
 * and the new outline in one transaction. */
/* The area the contract holds the space with on its last day. */
static gint64
held_area (Fixture *f, const char *contract_id, const char *space_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) row = pw_store_get_row (f->store, "contract", contract_id, &error);
  g_autoptr(GPtrArray) held = NULL;

  g_assert_no_error (error);
  held = pw_lease_spaces_to_end (f->store, contract_id, json_object_get_string_member (row, "end_date"),
                                 &error);
  g_assert_no_error (error);
  for (guint i = 0; i < held->len; i++)
    if (g_str_equal (((PwLeaseHeld *) held->pdata[i])->space_id, space_id))
      return ((PwLeaseHeld *) held->pdata[i])->area;
  g_assert_not_reached ();
  return -1;
}

static void
test_amend_redraws (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwPlanFloor *floor = pw_plan_canvas_get_floor (f->canvas);
  g_autofree char *contract = NULL, *space_id = NULL, *contract_id = NULL, *today = pw_today_iso ();
  g_autofree char *was_outline = NULL;
  g_autoptr(PwSpace) space = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GtkWindow *dialog = NULL;
  gint64 audit, expected = -1, leased;
  int version;

  for (guint i = 0; i < pw_plan_floor_get_n_rooms (floor); i++)
    {
      PwPlanRoom *r = pw_plan_floor_get_room (floor, i);
      g_autofree char *code = pw_room_ledger_running_contract (f->store, r->space_id, NULL);

      if (code != NULL && r->is_box)
        g_ptr_array_add (ids, g_strdup (r->space_id));
    }
  g_assert_cmpuint (ids->len, >, 0);
  activate (f, "plan.edit", NULL);

  /* a corner of a leased room 1 m down by the keys: refused naming its contract,
   * nothing written; the amendment starts with the new outline's area (a contract
   * whose rent escalates by a rule changes its spaces only from its first day: the
   * dialog says so, and the next leased room is tried) */
  for (guint i = 0; i < ids->len && dialog == NULL; i++)
    {
      g_autofree char *preview = NULL;
      int index;

      floor = pw_plan_canvas_get_floor (f->canvas);
      index = pw_plan_floor_find_space (floor, ids->pdata[i]);
      g_clear_pointer (&contract, g_free);
      contract = pw_room_ledger_running_contract (f->store, ids->pdata[i], NULL);
      pw_plan_canvas_select (f->canvas, index, PW_PLAN_SELECT_REPLACE);
      g_assert_true (pw_plan_editor_key (f->editor, GDK_KEY_e, 0));
      audit = pw_store_count (f->store, "audit");
      g_assert_true (pw_plan_editor_key (f->editor, GDK_KEY_Tab, 0));
      g_assert_true (pw_plan_editor_key (f->editor, GDK_KEY_Down, GDK_SHIFT_MASK));
      g_assert_true (pw_plan_editor_key (f->editor, GDK_KEY_v, 0));
      g_assert_nonnull (pw_plan_editor_get_message (f->editor));
      g_assert_nonnull (strstr (pw_plan_editor_get_message (f->editor), contract));
      g_assert_cmpstr (pw_plan_editor_get_held_contract (f->editor), ==,
                       pw_plan_floor_get_room (floor, index)->contract_id);
      g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);

      dialog = pw_plan_editor_start_amendment (f->editor);
      g_assert_nonnull (dialog);
      pw_amend_dialog_set_effective_date (PW_AMEND_DIALOG (dialog), today);
      preview = g_strdup (pw_amend_dialog_get_preview_text (PW_AMEND_DIALOG (dialog)));
      g_test_message ("%s: %s", contract, preview);
      if (strstr (preview, "Cannot amend yet") != NULL)
        {
          gtk_window_destroy (g_steal_pointer (&dialog));
          continue;
        }
      g_assert_nonnull (strstr (preview, "redrawn on the plan"));
      space_id = g_strdup (ids->pdata[i]);
      contract_id = g_strdup (pw_plan_floor_get_room (floor, index)->contract_id);
    }
  g_assert_nonnull (dialog);
  space = pw_ledger_load_space (f->store, space_id, &error);
  g_assert_no_error (error);
  was_outline = g_strdup (pw_space_get_outline (space));
  leased = held_area (f, contract_id, space_id);

  version = pw_amend_dialog_apply (PW_AMEND_DIALOG (dialog), &error);
  g_assert_no_error (error);
  g_assert_cmpint (version, >, 1);
  /* the bar goes: the edit is done */
  g_assert_null (pw_plan_editor_get_message (f->editor));
  gtk_window_destroy (dialog);

  /* the outline is the one drawn, and the contract holds the room with its area */
  g_clear_object (&space);
  space = pw_ledger_load_space (f->store, space_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_space_get_outline (space), !=, was_outline);
  {
    g_autoptr(PwPolygon) now = pw_polygon_new_from_json (pw_space_get_outline (space), NULL);
    g_autoptr(PwPolygon) was = pw_polygon_new_from_json (was_outline, NULL);
    gint64 before = pw_polygon_area_centi (was);

    /* the outline's area, or the leased area (with its common share) in proportion */
    expected = pw_polygon_area_centi (now);
    g_assert_cmpint (expected, !=, before);
    if (leased != before)
      expected = (leased * expected + before / 2) / before;
  }
  g_assert_cmpint (held_area (f, contract_id, space_id), ==, expected);
}

/* The Undo button of the edit's toast, or NULL. */
static GtkWidget *
toast_undo_button (GtkWidget *root)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && gtk_widget_get_mapped (c)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (c)), "plan.undo") == 0)
        return c;
      if ((found = toast_undo_button (c)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_toast_undo (Fixture *f, gconstpointer data)
{
  return toast_undo_button (GTK_WIDGET (f->window)) != NULL;
}

/* A 5 × 3 m room drawn as a polygon with the keyboard alone: typed lengths, the
 * direction set by an arrow key, Enter twice to finish; the area shown while drawing. */
static void
test_polygon_by_keys (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) before = floor_spaces (f);
  g_autoptr(GPtrArray) after = NULL;
  double x0, y0, x1, y1;
  PwSpace *space = NULL;

  g_assert_true (pw_plan_floor_get_bounds (pw_plan_canvas_get_floor (f->canvas), &x0, &y0, &x1, &y1));
  activate (f, "plan.edit", NULL);
  g_assert_true (pw_plan_editor_key (f->editor, GDK_KEY_p, 0));
  pw_plan_editor_set_cursor (f->editor, ceil (x1) + 10, ceil (y0));
  type (f, "\n5\n");
  g_assert_true (pw_plan_editor_key (f->editor, GDK_KEY_Down, 0));
  type (f, "3\n");
  g_assert_nonnull (strstr (pw_plan_editor_get_status (f->editor), "Area 7.50 m²"));
  g_assert_true (pw_plan_editor_key (f->editor, GDK_KEY_Left, 0));
  type (f, "4");
  g_assert_nonnull (strstr (pw_plan_editor_get_status (f->editor), "Next wall: 4 m"));
  /* Backspace takes the digit back */
  g_assert_true (pw_plan_editor_key (f->editor, GDK_KEY_BackSpace, 0));
  type (f, "5\n\n");
  g_assert_null (pw_plan_editor_get_message (f->editor));
  activate (f, "plan.create-room", g_variant_new_string ("storage"));
  g_assert_null (pw_plan_editor_get_message (f->editor));
  wait_floor (f);
  after = floor_spaces (f);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  for (guint i = 0; i < after->len; i++)
    if (find_id (before, pw_space_get_id (g_ptr_array_index (after, i))) == NULL)
      space = g_ptr_array_index (after, i);
  g_assert_nonnull (space);
  g_assert_cmpint (outline_area (space), ==, 1500);
  g_assert_cmpint (pw_space_get_kind (space), ==, PW_SPACE_KIND_STORAGE);

  /* the toast's Undo takes the room away again */
  wait_for (f, has_toast_undo, NULL, "the toast's Undo button");
  g_signal_emit_by_name (toast_undo_button (GTK_WIDGET (f->window)), "clicked");
  wait_floor (f);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = floor_spaces (f);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpuint (pw_plan_editor_get_n_undo (f->editor), ==, 0);
  g_assert_cmpuint (pw_plan_editor_get_n_redo (f->editor), ==, 1);
}

/* The corner where a split's cut meets the wall, moved 1 m along the wall by the keys:
 * with shared walls (the default) the other part follows, and the two still add up. */
static void
test_shared_walls (Fixture *f, gconstpointer data)
{
  int room = vacant_box (f);
  PwPlanRoom *r;
  g_autofree char *kept_id = NULL;
  g_autofree char *part_id = NULL;
  g_autoptr(GPtrArray) before = floor_spaces (f);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(PwSpace) kept = NULL;
  g_autoptr(PwSpace) part = NULL;
  g_autoptr(PwPolygon) outline = NULL;
  gint64 whole, kept_area;
  double cx, top;
  const PwPoint *pts;
  guint n;
  int corner = -1;

  g_assert_cmpint (room, >=, 0);
  r = pw_plan_floor_get_room (pw_plan_canvas_get_floor (f->canvas), room);
  kept_id = g_strdup (r->space_id);
  cx = round ((r->x0 + r->x1) / 2 * 10) / 10;
  top = r->y0;
  whole = outline_area (find_id (before, kept_id));

  activate (f, "plan.edit", NULL);
  activate (f, "plan.tool", g_variant_new_string ("split"));
  pw_plan_canvas_select (f->canvas, room, PW_PLAN_SELECT_REPLACE);
  pw_plan_editor_set_cursor (f->editor, cx, r->y0 - 0.5);
  type (f, "\n");
  pw_plan_editor_set_cursor (f->editor, cx, r->y1 + 0.5);
  type (f, "\n\n");
  g_assert_null (pw_plan_editor_get_message (f->editor));
  wait_floor (f);
  after = floor_spaces (f);
  for (guint i = 0; i < after->len; i++)
    if (find_id (before, pw_space_get_id (g_ptr_array_index (after, i))) == NULL)
      part_id = g_strdup (pw_space_get_id (g_ptr_array_index (after, i)));
  g_assert_nonnull (part_id);

  /* the kept part's corner at the top of the cut */
  kept = pw_ledger_load_space (f->store, kept_id, NULL);
  outline = pw_polygon_new_from_json (pw_space_get_outline (kept), NULL);
  pts = pw_polygon_get_outer (outline, &n);
  for (guint i = 0; i < n; i++)
    if (fabs (pts[i].y - top) < 0.01 && fabs (pts[i].x - cx) < 0.3)
      corner = (int) i;
  g_assert_cmpint (corner, >=, 0);
  kept_area = outline_area (kept);

  pw_plan_canvas_select (f->canvas, pw_plan_floor_find_space (pw_plan_canvas_get_floor (f->canvas), kept_id),
                         PW_PLAN_SELECT_REPLACE);
  g_assert_true (pw_plan_editor_key (f->editor, GDK_KEY_e, 0));
  for (int i = 0; i <= corner; i++)
    g_assert_true (pw_plan_editor_key (f->editor, GDK_KEY_Tab, 0));
  /* 1 m along the top wall, towards whichever part is to the east */
  g_assert_true (pw_plan_editor_key (f->editor, GDK_KEY_Right, GDK_SHIFT_MASK));
  g_assert_true (pw_plan_editor_key (f->editor, GDK_KEY_v, 0));
  g_assert_null (pw_plan_editor_get_message (f->editor));
  wait_floor (f);
  g_clear_object (&kept);
  kept = pw_ledger_load_space (f->store, kept_id, NULL);
  part = pw_ledger_load_space (f->store, part_id, NULL);
  g_assert_cmpint (outline_area (kept), !=, kept_area);
  g_assert_cmpint (llabs (outline_area (kept) + outline_area (part) - whole), <=, 1);
}

static gboolean
detail_shown (Fixture *f, gconstpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (w), data) == 0 && gtk_widget_get_visible (GTK_WIDGET (w)))
        return TRUE;
    }
  return FALSE;
}

/* Enter or a double click on a room opens its detail over the plan. */
static void
test_room_detail (Fixture *f, gconstpointer data)
{
  PwPlanFloor *floor = pw_plan_canvas_get_floor (f->canvas);
  PwPlanRoom *room = pw_plan_floor_get_room (floor, 0);
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  pw_plan_canvas_select (f->canvas, 0, PW_PLAN_SELECT_REPLACE);
  g_signal_emit_by_name (f->canvas, "room-activated", 0);
  wait_for (f, detail_shown, room->code, "the room's detail");
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (w), room->code) == 0)
        gtk_window_destroy (w);
    }
}

int
main (int argc, char *argv[])
{
  char *scratch = app_test_init (&argc, &argv);

  g_test_add ("/app/plan-editor/session", Fixture, NULL, fixture_set_up, test_edit_session, fixture_tear_down);
  g_test_add ("/app/plan-editor/refusal", Fixture, NULL, fixture_set_up, test_refusal, fixture_tear_down);
  g_test_add ("/app/plan-editor/amend-redraws", Fixture, NULL, fixture_set_up, test_amend_redraws,
              fixture_tear_down);
  g_test_add ("/app/plan-editor/room-detail", Fixture, NULL, fixture_set_up, test_room_detail,
              fixture_tear_down);
  g_test_add ("/app/plan-editor/shared-walls", Fixture, NULL, fixture_set_up, test_shared_walls,
              fixture_tear_down);
  g_test_add ("/app/plan-editor/polygon-by-keys", Fixture, NULL, fixture_set_up, test_polygon_by_keys,
              fixture_tear_down);
  return app_test_run (scratch);
}
