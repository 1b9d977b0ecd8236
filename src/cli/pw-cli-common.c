/* pw-cli-common.c — what every parkwise-cli command shares
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "pw-cli.h"

int
usage_error (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("parkwise-cli: %s\n", message);
  g_printerr (_("Try “parkwise-cli --help” for more information.\n"));
  return EXIT_USAGE;
}

int
failed (const GError *error)
{
  g_printerr ("parkwise-cli: %s\n", error->message);
  return EXIT_FAILED;
}

/* Parses a subcommand's options, then checks what every subcommand needs: the
 * --db that @entries stores in *@db, and @n_args arguments (@missing says which
 * when there are fewer). On a usage error reports it and returns FALSE. */
gboolean
parse_command (const char    *parameters,
               const char    *summary,
               GOptionEntry  *entries,
               char         **db,
               int            n_args,
               const char    *missing,
               int           *argc,
               char        ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      usage_error ("%s", error->message);
      return FALSE;
    }
  if (*db == NULL)
    {
      usage_error (_("--db is required"));
      return FALSE;
    }
  if (*argc < n_args + 1)
    {
      usage_error ("%s", missing);
      return FALSE;
    }
  if (*argc > n_args + 1)
    {
      usage_error (_("Unexpected argument “%s”"), (*argv)[n_args + 1]);
      return FALSE;
    }
  return TRUE;
}

void
cli_options_clear (CliOptions *options)
{
  g_clear_pointer (&options->db, g_free);
  g_clear_pointer (&options->park_code, g_free);
}

gboolean
cli_parse (CliOptions   *options,
           CliFlags      flags,
           const char   *parameters,
           GOptionEntry *entries,
           int           n_args,
           const char   *missing,
           int          *argc,
           char       ***argv)
{
  GOptionEntry db = { "db", 0, 0, G_OPTION_ARG_FILENAME, &options->db,
                      N_("The Parkwise database"), N_("FILE") };
  GOptionEntry park = { "park", 0, 0, G_OPTION_ARG_STRING, &options->park_code,
                        N_("The park (default: the first)"), N_("CODE") };
  GOptionEntry json = { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, N_("Print JSON"),
                        NULL };
  g_autoptr(GArray) all = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));

  /* --help lists them as the commands always have: --db, --park, the command's own, --json */
  g_array_append_val (all, db);
  if (flags & CLI_PARK)
    g_array_append_val (all, park);
  for (const GOptionEntry *e = entries; e != NULL && e->long_name != NULL; e++)
    g_array_append_vals (all, e, 1);
  if (flags & CLI_JSON)
    g_array_append_val (all, json);
  return parse_command (parameters, NULL, (GOptionEntry *) (gpointer) all->data, &options->db,
                        n_args, missing, argc, argv);
}

/* Opens an existing store (or, for @create, a new one) with the ledger's rules. */
PwStore *
open_store (const char *path, gboolean create, GError **error)
{
  PwStore *store;

  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("No database at %s"), path);
      return NULL;
    }
  store = pw_store_open (path, error);
  if (store != NULL)
    pw_ledger_attach (store);
  return store;
}

/* The park with @code among @parks (NULL: the first park), or NULL. */
PwLedgerNode *
lookup_park (GListModel *parks, const char *code)
{
  for (guint i = 0; i < g_list_model_get_n_items (parks); i++)
    {
      g_autoptr(PwLedgerNode) park = g_list_model_get_item (parks, i);

      if (code == NULL || g_str_equal (pw_ledger_node_get_code (park), code))
        return g_steal_pointer (&park);
    }
  return NULL;
}

/* The id of the park with @code (NULL: the first park). */
char *
find_park (PwStore *store, const char *code, GError **error)
{
  g_autoptr(GListModel) parks = pw_ledger_load_parks (store, error);
  g_autoptr(PwLedgerNode) park = NULL;

  if (parks == NULL)
    return NULL;
  park = lookup_park (parks, code);
  if (park != NULL)
    return g_strdup (pw_ledger_node_get_id (park));
  if (code != NULL)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                 _("No park “%s” in this database"), code);
  else
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                 _("This database holds no park"));
  return NULL;
}

/* Opens the existing store at @db and finds the park with @park_code (NULL: the
 * first park) in it, for a command that works on one park. */
PwStore *
open_park (const char *db, const char *park_code, char **park_id, GError **error)
{
  g_autoptr(PwStore) store = open_store (db, FALSE, error);

  if (store == NULL)
    return NULL;
  *park_id = find_park (store, park_code, error);
  if (*park_id == NULL)
    return NULL;
  return g_steal_pointer (&store);
}

char *
json_to_pretty (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

void
cli_print_json (JsonNode *node)
{
  g_autofree char *text = json_to_pretty (node);

  g_print ("%s\n", text);
}

void
cli_print_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  cli_print_json (node);
}

void
cli_print_array (JsonArray *array)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (node, array);
  cli_print_json (node);
}

JsonArray *
cli_objects_to_array (GPtrArray *objects)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < objects->len; i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (objects, i)));
  return array;
}

int
cli_refused (const GError *error, gboolean json)
{
  if (json)
    {
      g_autoptr(JsonObject) o = json_object_new ();
      const char *field = error->domain == PW_LEDGER_ERROR ? pw_ledger_error_get_field (error)
                                                           : NULL;

      json_object_set_string_member (o, "error", error->message);
      if (field != NULL)
        json_object_set_string_member (o, "field", field);
      else
        json_object_set_null_member (o, "field");
      cli_print_object (o);
    }
  return failed (error);
}

/* Writes @bytes to stdout exactly as they are (no charset conversion). */
gboolean
write_stdout (GBytes *bytes, GError **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if ((size > 0 && fwrite (data, 1, size, stdout) != size) || fflush (stdout) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write to standard output"));
      return FALSE;
    }
  return TRUE;
}

