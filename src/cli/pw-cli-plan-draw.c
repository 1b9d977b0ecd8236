/* pw-cli-plan-draw.c — parkwise-cli plan create, move, vertex, undo and codes:
 * what the floor-plan editor's drawing, move and vertex tools do, its undo, and
 * the park's setting for the codes of split rooms
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pw-cli.h"
#include "pw-room-journal.h"

/* @text as @n numbers separated by commas into @out, or FALSE after reporting a
 * usage error naming @option. */
static gboolean
parse_numbers (const char *option, const char *text, double *out, guint n)
{
  g_autoptr(GArray) numbers = cli_plan_parse_numbers (option, text);

  if (numbers == NULL)
    return FALSE;
  if (numbers->len != n)
    {
      /* Translators: %s are an option (--by) and what was given; %u how many numbers it takes */
      usage_error (_("%s takes %u numbers separated by commas, not “%s”"), option, n, text);
      return FALSE;
    }
  memcpy (out, numbers->data, n * sizeof (double));
  return TRUE;
}

/* The outline of @space, or NULL with @error set. */
static PwPolygon *
space_outline (PwSpace *space, GError **error)
{
  if (pw_space_get_outline (space) == NULL)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT, _("%s has no outline on the plan"),
                   pw_space_get_code (space));
      return NULL;
    }
  return pw_polygon_new_from_json (pw_space_get_outline (space), error);
}

typedef struct
{
  const char *floor_id;
  PwPolygon  *outline;
  const char *kind;
  char       *new_id;
} CreateArgs;

static gboolean
do_create (PwStore *store, gpointer data, GError **error)
{
  CreateArgs *a = data;

  g_clear_pointer (&a->new_id, g_free);
  return pw_room_ledger_create (store, a->floor_id, a->outline, a->kind, &a->new_id, error);
}

int
cmd_plan_create (int argc, char **argv)
{
  g_auto(CliPlanOptions) o = { NULL };
  g_autofree char *floor_ref = NULL, *kind = NULL;
  g_autofree char *outline_json = NULL, *park_id = NULL, *floor_id = NULL;
  GOptionEntry entries[] = {
    { "floor", 0, 0, G_OPTION_ARG_STRING, &floor_ref, N_("The floor, such as T1-F03"), N_("CODE") },
    { "outline", 0, 0, G_OPTION_ARG_STRING, &outline_json,
      N_("The room's outline, as space show --json prints it (floor metres)"), N_("JSON") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("The kind of space (default: office)"),
      N_("KIND") },
    { NULL }
  };
  g_autoptr(PwStore) store = NULL;
  g_autoptr(PwPolygon) outline = NULL;
  g_autoptr(PwSpace) created = NULL;
  g_autoptr(GError) error = NULL;
  CreateArgs args = { NULL, NULL, NULL, NULL };
  int status;

  if (!cli_plan_parse (&o, CLI_PLAN_PARK, _("plan create — draw a new room"),
                       _("Draw a new room on a floor: an available space with the floor’s next "
                         "code, its areas those of its outline"),
                       entries, 0, 0, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (floor_ref == NULL)
    return usage_error (_("--floor is required"));
  if (outline_json == NULL)
    return usage_error (_("--outline is required"));
  outline = pw_polygon_new_from_json (outline_json, &error);
  if (outline == NULL)
    return usage_error (_("--outline: %s"), error->message);

  store = open_store (o.db, FALSE, &error);
  if (store == NULL)
    return failed (error);
  if (o.park_code != NULL)
    {
      park_id = find_park (store, o.park_code, &error);
      if (park_id == NULL)
        return failed (error);
    }
  floor_id = pw_room_ledger_find_floor (store, park_id, floor_ref, &error);
  if (floor_id == NULL)
    return failed (error);
  args.floor_id = floor_id;
  args.outline = outline;
  args.kind = kind != NULL ? kind : "office";
  if (!pw_room_journal_apply (store, "create", floor_ref, do_create, &args, &error))
    {
      g_free (args.new_id);
      return failed (error);
    }
  if (o.json)
    {
      const char *ids[1] = { args.new_id };

      status = cli_print_spaces_json (store, ids, 1);
      g_free (args.new_id);
      return status;
    }
  created = pw_ledger_load_space (store, args.new_id, &error);
  g_free (args.new_id);
  if (created == NULL)
    return failed (error);
  g_print ("%s\n", pw_space_get_code (created));
  return EXIT_OK;
}

int
cmd_plan_move (int argc, char **argv)
{
  g_auto(CliPlanOptions) o = { NULL };
  g_autofree char *by_text = NULL, *about_text = NULL;
  double degrees = 0;
  GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by_text, N_("Move the room by so many metres"),
      N_("DX,DY") },
    { "rotate", 0, 0, G_OPTION_ARG_DOUBLE, &degrees,
      N_("Then turn it by so many degrees, counter-clockwise"), N_("DEGREES") },
    { "about", 0, 0, G_OPTION_ARG_STRING, &about_text,
      N_("The point to turn it about (default: the middle of the room as moved)"), N_("X,Y") },
    { NULL }
  };
  g_autoptr(PwStore) store = NULL;
  g_autoptr(PwSpace) space = NULL;
  g_autoptr(PwPolygon) outline = NULL, moved = NULL;
  g_autoptr(GError) error = NULL;
  double by[2] = { 0, 0 }, about[2] = { 0, 0 };
  PwPoint pivot;

  if (!cli_plan_parse (&o, CLI_PLAN_PARK | CLI_PLAN_SHARED_WALLS,
                       _("plan move CODE — move or turn a room"),
                       _("Move a room by a distance and turn it by an angle: the new outline "
                         "is checked like any other"),
                       entries, 1, 1, _("Name the space’s code"), &argc, &argv))
    return EXIT_USAGE;
  if (by_text == NULL && degrees == 0)
    return usage_error (_("Give --by, --rotate or both"));
  if (by_text != NULL && !parse_numbers ("--by", by_text, by, 2))
    return EXIT_USAGE;
  if (about_text != NULL && !parse_numbers ("--about", about_text, about, 2))
    return EXIT_USAGE;
  if (!isfinite (degrees))
    return usage_error (_("--rotate: “%g” is not a number"), degrees);

  store = open_store (o.db, FALSE, &error);
  if (store == NULL)
    return failed (error);
  space = find_space (store, o.park_code, argv[1], &error);
  if (space == NULL)
    return failed (error);
  outline = space_outline (space, &error);
  if (outline == NULL)
    return failed (error);
  if (about_text != NULL)
    pivot = (PwPoint) { about[0], about[1] };
  else
    {
      double x0, y0, x1, y1;

      pw_polygon_bounds (outline, &x0, &y0, &x1, &y1);
      pivot = (PwPoint) { (x0 + x1) / 2 + by[0], (y0 + y1) / 2 + by[1] };
    }
  moved = pw_room_transform (outline, by[0], by[1], degrees * G_PI / 180, &pivot);
  return cli_plan_reshape_and_print (store, space, moved, o.shared_walls, "move", o.json);
}

int
cmd_plan_vertex (int argc, char **argv)
{
  g_auto(CliPlanOptions) o = { NULL };
  g_autofree char *move_text = NULL, *insert_text = NULL;
  int ring = 0, remove = -1;
  GOptionEntry entries[] = {
    { "move", 0, 0, G_OPTION_ARG_STRING, &move_text, N_("Put corner I at (X, Y)"), N_("I,X,Y") },
    { "insert", 0, 0, G_OPTION_ARG_STRING, &insert_text,
      N_("Add a corner at (X, Y) after corner I"), N_("I,X,Y") },
    { "remove", 0, 0, G_OPTION_ARG_INT, &remove, N_("Take corner I out"), N_("I") },
    { "ring", 0, 0, G_OPTION_ARG_INT, &ring,
      N_("The ring the corner is on: 0 the outline (default), 1… its openings"), N_("N") },
    { NULL }
  };
  g_autoptr(PwStore) store = NULL;
  g_autoptr(PwSpace) space = NULL;
  g_autoptr(PwPolygon) outline = NULL, changed = NULL;
  g_autoptr(GError) error = NULL;
  double values[3] = { 0, 0, 0 };
  guint n_points = 0;
  guint index;
  PwPoint p;

  if (!cli_plan_parse (&o, CLI_PLAN_PARK | CLI_PLAN_SHARED_WALLS,
                       _("plan vertex CODE — move, add or remove a corner"),
                       _("Change one corner of a room’s outline; corners are numbered from 0 in "
                         "the order space show --json lists them"),
                       entries, 1, 1, _("Name the space’s code"), &argc, &argv))
    return EXIT_USAGE;
  if ((move_text != NULL) + (insert_text != NULL) + (remove >= 0) != 1)
    return usage_error (_("Give one of --move, --insert and --remove"));
  if (move_text != NULL && !parse_numbers ("--move", move_text, values, 3))
    return EXIT_USAGE;
  if (insert_text != NULL && !parse_numbers ("--insert", insert_text, values, 3))
    return EXIT_USAGE;
  if (remove >= 0)
    values[0] = remove;
  if (values[0] < 0 || values[0] != floor (values[0]) || values[0] > G_MAXINT || ring < 0)
    return usage_error (_("A corner’s number is a whole number from 0"));
  index = (guint) values[0];
  p = (PwPoint) { values[1], values[2] };

  store = open_store (o.db, FALSE, &error);
  if (store == NULL)
    return failed (error);
  space = find_space (store, o.park_code, argv[1], &error);
  if (space == NULL)
    return failed (error);
  outline = space_outline (space, &error);
  if (outline == NULL)
    return failed (error);
  if ((guint) ring > pw_polygon_get_n_holes (outline))
    return usage_error (_("%s has no ring %d"), pw_space_get_code (space), ring);
  if (ring == 0)
    pw_polygon_get_outer (outline, &n_points);
  else
    pw_polygon_get_hole (outline, ring - 1, &n_points);
  if (index >= n_points)
    return usage_error (_("Ring %d of %s has corners 0 to %u"), ring, pw_space_get_code (space),
                        n_points - 1);

  if (move_text != NULL)
    changed = pw_room_move_vertex (outline, ring, index, &p);
  else if (insert_text != NULL)
    changed = pw_room_insert_vertex (outline, ring, index, &p);
  else
    changed = pw_room_remove_vertex (outline, ring, index, &error);
  if (changed == NULL)
    return failed (error);
  return cli_plan_reshape_and_print (store, space, changed, o.shared_walls, "vertex", o.json);
}

int
cmd_plan_undo (int argc, char **argv)
{
  g_auto(CliPlanOptions) o = { NULL };
  g_autoptr(GPtrArray) commands = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  int steps = 1;
  GOptionEntry entries[] = {
    { "steps", 0, 0, G_OPTION_ARG_INT, &steps,
      N_("Undo the N last plan edits, newest first, in one transaction (default 1)"), N_("N") },
    { NULL }
  };
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!cli_plan_parse (&o, 0, _("plan undo — undo the last plan edit"),
                       _("Undo the last plan edit made from the command line on this database "
                         "that is not undone yet; again for the one before"),
                       entries, 0, 0, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (steps < 1)
    return usage_error (_("--steps takes a number of edits, 1 or more, not %d"), steps);
  store = open_store (o.db, FALSE, &error);
  if (store == NULL)
    return failed (error);
  if (!pw_room_journal_undo_steps (store, (guint) steps, &commands, &summaries, &error))
    return failed (error);
  if (o.json)
    {
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(JsonArray) all = json_array_new ();
      g_autofree char *text = NULL;

      for (guint i = 0; i < commands->len; i++)
        {
          JsonObject *obj = json_object_new ();

          json_object_set_string_member (obj, "undone", commands->pdata[i]);
          json_object_set_string_member (obj, "codes", summaries->pdata[i]);
          json_array_add_object_element (all, obj);
        }
      /* one step: the object itself, as without --steps */
      if (steps == 1)
        root = json_node_copy (json_array_get_element (all, 0));
      else
        {
          root = json_node_new (JSON_NODE_ARRAY);
          json_node_set_array (root, all);
        }
      text = json_to_pretty (root);
      g_print ("%s\n", text);
      return EXIT_OK;
    }
  for (guint i = 0; i < commands->len; i++)
    /* Translators: %s are a plan command (split, merge…) and the codes it named */
    g_print (_("Undone: plan %s %s\n"), (const char *) commands->pdata[i],
             (const char *) summaries->pdata[i]);
  return EXIT_OK;
}

int
cmd_plan_codes (int argc, char **argv)
{
  g_autofree char *db = NULL, *park_code = NULL, *set = NULL, *park_id = NULL, *mode = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The Parkwise database"), N_("FILE") },
    { "set", 0, 0, G_OPTION_ARG_STRING, &set,
      N_("derived (T1-F03-008A and …B) or next (the floor’s next code)"), N_("MODE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "park", 0, 0, G_OPTION_ARG_STRING, &park_code, N_("The park (default: the first)"),
      N_("CODE") },
    { NULL }
  };
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!parse_command (_("plan codes — how split rooms are coded"),
                      _("Show, or set with --set, how the parts of a split room are coded in "
                        "the park"),
                      entries, &db, 0, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (set != NULL && g_strcmp0 (set, "derived") != 0 && g_strcmp0 (set, "next") != 0)
    return usage_error (_("--set takes derived or next, not “%s”"), set);
  store = open_park (db, park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  if (set != NULL && !pw_room_ledger_set_split_codes (store, park_id, set, &error))
    return failed (error);
  mode = pw_room_ledger_get_split_codes (store, park_id, &error);
  if (mode == NULL)
    return failed (error);
  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      JsonObject *obj = json_object_new ();
      g_autofree char *text = NULL;

      json_node_take_object (root, obj);
      json_object_set_string_member (obj, "split_codes", mode);
      text = json_to_pretty (root);
      g_print ("%s\n", text);
      return EXIT_OK;
    }
  g_print ("%s\n", mode);
  return EXIT_OK;
}
