/* pw-cli-plan-edit.c — parkwise-cli plan split and plan merge: rooms changed in the
 * ledger with the floor-plan editor's own code (pw-room-ledger.h)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pw-cli.h"
#include "pw-room-journal.h"

GArray *
cli_plan_parse_numbers (const char *option, const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *s = g_strstrip (parts[i]);
      char *end = NULL;
      double value = g_ascii_strtod (s, &end);

      if (*s == '\0' || end == s || *end != '\0' || !isfinite (value))
        {
          /* Translators: %s are an option (--by) and what was given */
          usage_error (_("%s: “%s” is not a number"), option, s);
          return NULL;
        }
      g_array_append_val (numbers, value);
    }
  return g_steal_pointer (&numbers);
}

/* "X1,Y1,X2,Y2[,…]" as points, or NULL after reporting a usage error. */
static GArray *
parse_line (const char *text)
{
  g_autoptr(GArray) numbers = cli_plan_parse_numbers ("--line", text);

  if (numbers == NULL)
    return NULL;
  if (numbers->len < 4 || numbers->len % 2 != 0)
    {
      usage_error (_("--line needs at least two points as X1,Y1,X2,Y2 (metres), not “%s”"),
                   text);
      return NULL;
    }
  /* pairs of doubles are points */
  return g_array_ref (numbers);
}

void
cli_plan_options_clear (CliPlanOptions *options)
{
  g_clear_pointer (&options->db, g_free);
  g_clear_pointer (&options->park_code, g_free);
}

gboolean
cli_plan_parse (CliPlanOptions *options, CliPlanFlags flags, const char *parameters,
                const char *summary, GOptionEntry *entries, int min_args, int max_args,
                const char *missing, int *argc, char ***argv)
{
  GOptionEntry common[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options->db, N_("The Parkwise database"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, N_("Print JSON"), NULL },
    { NULL }, { NULL }, { NULL }
  };
  GOptionEntry park = { "park", 0, 0, G_OPTION_ARG_STRING, &options->park_code,
                        N_("The park (default: any)"), N_("CODE") };
  GOptionEntry shared_walls = { "shared-walls", 0, 0, G_OPTION_ARG_NONE, &options->shared_walls,
                                N_("Move the corners neighbours share with the room along with it"),
                                NULL };
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;
  guint n = 2;

  if (flags & CLI_PLAN_SHARED_WALLS)
    common[n++] = shared_walls;
  if (flags & CLI_PLAN_PARK)
    common[n++] = park;
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      usage_error ("%s", error->message);
      return FALSE;
    }
  if (options->db == NULL)
    {
      usage_error (_("--db is required"));
      return FALSE;
    }
  if (*argc < min_args + 1)
    {
      usage_error ("%s", missing);
      return FALSE;
    }
  if (max_args >= 0 && *argc > max_args + 1)
    {
      usage_error (_("Unexpected argument “%s”"), (*argv)[max_args + 1]);
      return FALSE;
    }
  return TRUE;
}

int
cli_plan_reshape_and_print (PwStore *store, PwSpace *space, gpointer outline,
                            gboolean shared_walls, const char *command, gboolean json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSpace) after = NULL;
  CliReshape args = { pw_space_get_id (space), outline, shared_walls };
  const char *ids[1] = { pw_space_get_id (space) };

  if (!pw_room_journal_apply (store, command, pw_space_get_code (space), cli_plan_reshape_cb,
                              &args, &error))
    return failed (error);
  if (json)
    return cli_print_spaces_json (store, ids, 1);
  after = pw_ledger_load_space (store, ids[0], &error);
  if (after == NULL)
    return failed (error);
  g_print ("%s\n", pw_space_get_code (after));
  return EXIT_OK;
}

/* Each edit runs through pw_room_journal_apply(), so that `plan undo` can undo it. */

typedef struct
{
  const char    *id;
  const PwPoint *line;
  guint          n_line;
  char          *new_id;
} SplitArgs;

static gboolean
do_split (PwStore *store, gpointer data, GError **error)
{
  SplitArgs *a = data;

  g_clear_pointer (&a->new_id, g_free);
  return pw_room_ledger_split (store, a->id, a->line, a->n_line, &a->new_id, error);
}

typedef struct
{
  const char *const *ids;
  guint              n;
} MergeArgs;

static gboolean
do_merge (PwStore *store, gpointer data, GError **error)
{
  MergeArgs *a = data;

  return pw_room_ledger_merge (store, a->ids, a->n, error);
}

gboolean
cli_plan_reshape_cb (PwStore *store, gpointer data, GError **error)
{
  CliReshape *a = data;

  return pw_room_ledger_reshape_shared (store, a->id, a->outline, a->shared_walls, error);
}

static void
set_area (JsonObject *obj, const char *key, gint64 centi)
{
  g_autofree char *m2_key = g_strconcat (key, "_m2", NULL);
  g_autofree char *m2 = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", centi / 100,
                                         (int) (centi % 100));

  json_object_set_int_member (obj, key, centi);
  json_object_set_string_member (obj, m2_key, m2);
}

/* A space as the plan commands print it in JSON. */
JsonNode *
cli_space_json (PwSpace *space)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  const char *outline = pw_space_get_outline (space);

  json_object_set_string_member (obj, "id", pw_space_get_id (space));
  json_object_set_string_member (obj, "code", pw_space_get_code (space));
  json_object_set_string_member (obj, "kind", pw_space_kind_to_string (pw_space_get_kind (space)));
  json_object_set_string_member (obj, "status",
                                 pw_space_status_to_string (pw_space_get_status (space)));
  set_area (obj, "gross_area", pw_space_get_gross_area (space));
  set_area (obj, "internal_area", pw_space_get_internal_area (space));
  set_area (obj, "usable_area", pw_space_get_usable_area (space));
  if (outline != NULL)
    json_object_set_string_member (obj, "outline", outline);
  else
    json_object_set_null_member (obj, "outline");
  json_node_take_object (node, obj);
  return node;
}

int
cli_print_spaces_json (PwStore *store, const char *const *ids, guint n)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GError) error = NULL;
  JsonObject *obj = json_object_new ();
  JsonArray *array = json_array_new ();
  g_autofree char *text = NULL;

  json_node_take_object (root, obj);
  json_object_set_array_member (obj, "spaces", array);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwSpace) space = pw_ledger_load_space (store, ids[i], &error);

      if (space == NULL)
        return failed (error);
      json_array_add_element (array, cli_space_json (space));
    }
  text = json_to_pretty (root);
  g_print ("%s\n", text);
  return EXIT_OK;
}

int
cmd_plan_split (int argc, char **argv)
{
  g_auto(CliPlanOptions) o = { NULL };
  g_autofree char *line_text = NULL, *new_id = NULL;
  GOptionEntry entries[] = {
    { "line", 0, 0, G_OPTION_ARG_STRING, &line_text,
      N_("The line to split along, in floor metres (required)"), N_("X1,Y1,X2,Y2[,…]") },
    { NULL }
  };
  g_autoptr(PwStore) store = NULL;
  g_autoptr(PwSpace) space = NULL;
  g_autoptr(PwSpace) created = NULL, kept = NULL;
  g_autoptr(GArray) line = NULL;
  SplitArgs args = { NULL, NULL, 0, NULL };
  g_autoptr(GError) error = NULL;

  if (!cli_plan_parse (&o, CLI_PLAN_PARK, _("plan split CODE — split a room in two along a line"),
                       _("Split a space along a line across its outline: it keeps its code and "
                         "one part, a new space with the floor’s next code takes the other"),
                       entries, 1, 1, _("Name the space’s code"), &argc, &argv))
    return EXIT_USAGE;
  if (line_text == NULL)
    return usage_error (_("--line is required"));
  line = parse_line (line_text);
  if (line == NULL)
    return EXIT_USAGE;

  store = open_store (o.db, FALSE, &error);
  if (store == NULL)
    return failed (error);
  space = find_space (store, o.park_code, argv[1], &error);
  if (space == NULL)
    return failed (error);
  args.id = pw_space_get_id (space);
  args.line = (const PwPoint *) line->data;
  args.n_line = line->len / 2;
  if (!pw_room_journal_apply (store, "split", argv[1], do_split, &args, &error))
    {
      g_free (args.new_id);
      return failed (error);
    }
  new_id = args.new_id;

  if (o.json)
    {
      const char *ids[2] = { pw_space_get_id (space), new_id };

      return cli_print_spaces_json (store, ids, 2);
    }
  kept = pw_ledger_load_space (store, pw_space_get_id (space), &error);
  created = kept != NULL ? pw_ledger_load_space (store, new_id, &error) : NULL;
  if (created == NULL)
    return failed (error);
  g_print ("%s\n%s\n", pw_space_get_code (kept), pw_space_get_code (created));
  return EXIT_OK;
}

int
cmd_plan_merge (int argc, char **argv)
{
  g_auto(CliPlanOptions) o = { NULL };
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GPtrArray) spaces = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  if (!cli_plan_parse (&o, CLI_PLAN_PARK, _("CODE CODE… — merge rooms"),
                       _("Merge rooms of one floor that share walls: the first keeps its code and "
                         "takes the merged outline and areas, the others are disposed"),
                       NULL, 2, -1, _("Name at least two spaces’ codes"), &argc, &argv))
    return EXIT_USAGE;

  store = open_store (o.db, FALSE, &error);
  if (store == NULL)
    return failed (error);
  for (int i = 1; i < argc; i++)
    {
      PwSpace *space = find_space (store, o.park_code, argv[i], &error);

      if (space == NULL)
        return failed (error);
      g_ptr_array_add (spaces, space);
      g_ptr_array_add (ids, (gpointer) pw_space_get_id (space));
    }
  {
    g_autofree char *summary = NULL;
    MergeArgs args = { (const char *const *) ids->pdata, ids->len };

    summary = g_strjoinv (" ", argv + 1);
    if (!pw_room_journal_apply (store, "merge", summary, do_merge, &args, &error))
      return failed (error);
  }
  if (o.json)
    {
      g_autoptr(PwSpace) kept = pw_ledger_load_space (store, ids->pdata[0], &error);
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      JsonObject *obj = json_object_new ();
      JsonArray *disposed = json_array_new ();
      g_autofree char *text = NULL;

      if (kept == NULL)
        return failed (error);
      json_node_take_object (root, obj);
      json_object_set_member (obj, "space", cli_space_json (kept));
      for (guint i = 1; i < spaces->len; i++)
        json_array_add_string_element (disposed, pw_space_get_code (spaces->pdata[i]));
      json_object_set_array_member (obj, "disposed", disposed);
      text = json_to_pretty (root);
      g_print ("%s\n", text);
      return EXIT_OK;
    }
  g_print ("%s\n", pw_space_get_code (spaces->pdata[0]));
  return EXIT_OK;
}

int
cmd_plan_reshape (int argc, char **argv)
{
  g_auto(CliPlanOptions) o = { NULL };
  g_autofree char *outline_json = NULL;
  GOptionEntry entries[] = {
    { "outline", 0, 0, G_OPTION_ARG_STRING, &outline_json,
      N_("The new outline, as space show --json prints it (floor metres)"), N_("JSON") },
    { NULL }
  };
  g_autoptr(PwStore) store = NULL;
  g_autoptr(PwSpace) space = NULL;
  g_autoptr(PwPolygon) outline = NULL;
  g_autoptr(GError) error = NULL;

  if (!cli_plan_parse (&o, CLI_PLAN_PARK | CLI_PLAN_SHARED_WALLS, _("CODE — redraw a room"),
                       _("Give a room a new outline: it must be valid, enclose at least 0.5 m² "
                         "and overlap no other room of its floor"),
                       entries, 1, 1, _("Name one space’s code"), &argc, &argv))
    return EXIT_USAGE;
  if (outline_json == NULL)
    return usage_error (_("--outline is required"));
  outline = pw_polygon_new_from_json (outline_json, &error);
  if (outline == NULL)
    return usage_error (_("--outline: %s"), error->message);

  store = open_store (o.db, FALSE, &error);
  if (store == NULL)
    return failed (error);
  space = find_space (store, o.park_code, argv[1], &error);
  if (space == NULL)
    return failed (error);
  return cli_plan_reshape_and_print (store, space, outline, o.shared_walls, "reshape", o.json);
}
