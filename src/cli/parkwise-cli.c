/* parkwise-cli.c — the scriptable face of libparkwise-core (docs/cli.md)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exit codes: 0 done, 1 the work failed (a store error, a file with problems,
 * no such space), 2 the command line itself is wrong. Results go to stdout,
 * messages about failures to stderr, so scripts can pipe the first.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "pw-area.h"
#include "pw-cli.h"
#include "pw-csv.h"
#include "pw-demo.h"
#include "pw-i18n.h"
#include "pw-ledger.h"
#include "pw-summary.h"

/* ---- demo ------------------------------------------------------------------- */

static void
print_count (const char *table, gint64 count)
{
  guint n = (guint) MAX (count, 0);

  if (g_str_equal (table, "building"))
    g_print (g_dngettext (GETTEXT_PACKAGE, "  %u building\n", "  %u buildings\n", n), n);
  else if (g_str_equal (table, "floor"))
    g_print (g_dngettext (GETTEXT_PACKAGE, "  %u floor\n", "  %u floors\n", n), n);
  else if (g_str_equal (table, "space"))
    g_print (g_dngettext (GETTEXT_PACKAGE, "  %u space\n", "  %u spaces\n", n), n);
  else if (g_str_equal (table, "customer"))
    g_print (g_dngettext (GETTEXT_PACKAGE, "  %u customer\n", "  %u customers\n", n), n);
  else if (g_str_equal (table, "contract"))
    g_print (g_dngettext (GETTEXT_PACKAGE, "  %u lease contract\n", "  %u lease contracts\n", n), n);
  else if (g_str_equal (table, "prospect"))
    g_print (g_dngettext (GETTEXT_PACKAGE, "  %u prospect\n", "  %u prospects\n", n), n);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "  %u piece of equipment\n",
                          "  %u pieces of equipment\n", n), n);
}

static int
cmd_demo (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The Parkwise database"), N_("FILE") },
    { NULL }
  };

  if (!parse_command (_("demo — create the demo park"),
                      _("Creates the database if needed and fills it with the demo park."),
                      entries, &db, 0, NULL, &argc, &argv))
    return EXIT_USAGE;

  store = open_store (db, TRUE, &error);
  if (store == NULL || !pw_demo_seed (store, &error))
    return failed (error);

  /* Translators: the demo park's code, then the database file */
  g_print (_("Created the demo park %s in %s:\n"), pw_demo_park_code (), db);
  print_count ("building", pw_store_count (store, "building"));
  print_count ("floor", pw_store_count (store, "floor"));
  print_count ("space", pw_store_count (store, "space"));
  print_count ("equipment", pw_store_count (store, "equipment"));
  print_count ("customer", pw_store_count (store, "customer"));
  print_count ("contract", pw_store_count (store, "contract"));
  print_count ("prospect", pw_store_count (store, "prospect"));
  return EXIT_OK;
}

/* ---- ledger summary ------------------------------------------------------------ */

/* cells are kept row by row, N_SUMMARY_COLUMNS per row, the headings first */
#define N_SUMMARY_COLUMNS 12

static void
add_summary_row (GPtrArray *cells, GPtrArray *spaces, PwLedgerNode *node, const char *indent)
{
  PwAreaSummary s;
  char *ratio;

  pw_summary_compute (spaces, pw_ledger_node_get_kind (node), pw_ledger_node_get_id (node), &s);
  g_ptr_array_add (cells, g_strconcat (indent, pw_ledger_node_get_code (node), NULL));
  g_ptr_array_add (cells, pw_area_format (s.gross, FALSE));
  g_ptr_array_add (cells, pw_area_format (s.internal, FALSE));
  g_ptr_array_add (cells, pw_area_format (s.common, FALSE));
  g_ptr_array_add (cells, pw_area_format (s.leasable, FALSE));
#define ADD_RATIO(expr) ratio = (expr); g_ptr_array_add (cells, ratio ? ratio : g_strdup ("—"))
  ADD_RATIO (pw_summary_format_k (&s));
  ADD_RATIO (pw_summary_format_common_rate (&s));
  ADD_RATIO (pw_summary_format_net_rate (&s));
  ADD_RATIO (pw_summary_format_load_factor (&s));
#undef ADD_RATIO
  g_ptr_array_add (cells, pw_area_format (s.leased, FALSE));
  g_ptr_array_add (cells, pw_area_format (s.vacant, FALSE));
  ratio = pw_summary_format_vacancy (&s);
  g_ptr_array_add (cells, ratio ? ratio : g_strdup ("—"));
}

/* Columns a terminal gives @text: CJK characters take two. */
static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      width += g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

static void
print_table (GPtrArray *cells)
{
  guint widths[N_SUMMARY_COLUMNS] = { 0, };
  guint n_rows = cells->len / N_SUMMARY_COLUMNS;
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; i < cells->len; i++)
    widths[i % N_SUMMARY_COLUMNS] = MAX (widths[i % N_SUMMARY_COLUMNS],
                                         display_width (cells->pdata[i]));
  for (guint r = 0; r < n_rows; r++)
    {
      g_string_truncate (line, 0);
      for (guint c = 0; c < N_SUMMARY_COLUMNS; c++)
        {
          const char *text = cells->pdata[r * N_SUMMARY_COLUMNS + c];
          guint pad = widths[c] - display_width (text);

          if (c > 0)
            g_string_append (line, "  ");
          /* the first column (codes) is left-aligned, figures right-aligned */
          if (c == 0)
            {
              g_string_append (line, text);
              if (c + 1 < N_SUMMARY_COLUMNS)
                for (guint k = 0; k < pad; k++)
                  g_string_append_c (line, ' ');
            }
          else
            {
              for (guint k = 0; k < pad; k++)
                g_string_append_c (line, ' ');
              g_string_append (line, text);
            }
        }
      g_print ("%s\n", line->str);
    }
}

static int
cmd_ledger_summary (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *park_code = NULL;
  gboolean json = FALSE;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The Parkwise database"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of a table"), NULL },
    { "park", 0, 0, G_OPTION_ARG_STRING, &park_code, N_("The park (default: the first)"),
      N_("CODE") },
    { NULL }
  };

  if (!parse_command (_("ledger summary — area figures of a park"),
                      _("Prints gross, internal, common and leasable areas, K, the common "
                        "and net rates, R/U and vacancy of the park, each building and each "
                        "floor."),
                      entries, &db, 0, NULL, &argc, &argv))
    return EXIT_USAGE;

  store = open_store (db, FALSE, &error);
  if (store == NULL)
    return failed (error);

  if (json)
    {
      g_autoptr(JsonNode) tree = pw_summary_tree_to_json (store, park_code, &error);
      g_autofree char *text = NULL;

      if (tree == NULL)
        return failed (error);
      text = json_to_pretty (tree);
      g_print ("%s\n", text);
      return EXIT_OK;
    }

  {
    g_autoptr(GListModel) parks = pw_ledger_load_parks (store, &error);
    g_autoptr(PwLedgerNode) park = NULL;
    g_autoptr(GPtrArray) spaces = NULL;
    g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GError) pool_error = NULL;
    GListModel *buildings;
    const char *const headings[N_SUMMARY_COLUMNS] = {
      /* Translators: column headings of "ledger summary"; keep them short */
      C_("summary", "Code"), C_("summary", "Gross m²"), C_("summary", "Internal m²"),
      C_("summary", "Common m²"), C_("summary", "Leasable m²"), C_("summary", "K"),
      /* Translators: 公摊率, common area ÷ gross area */
      C_("summary", "Common rate"),
      /* Translators: 得房率, internal area ÷ gross area */
      C_("summary", "Net rate"),
      C_("summary", "R/U"), C_("summary", "Leased m²"), C_("summary", "Vacant m²"),
      C_("summary", "Vacancy"),
    };

    if (parks == NULL)
      return failed (error);
    park = lookup_park (parks, park_code);
    if (park == NULL)
      {
        g_printerr ("parkwise-cli: %s\n",
                    park_code ? _("No such park in this database")
                              : _("This database holds no park"));
        return EXIT_FAILED;
      }
    spaces = pw_ledger_load_spaces (store, pw_ledger_node_get_id (park), &error);
    if (spaces == NULL)
      return failed (error);

    for (guint c = 0; c < N_SUMMARY_COLUMNS; c++)
      g_ptr_array_add (cells, g_strdup (headings[c]));
    add_summary_row (cells, spaces, park, "");
    buildings = pw_ledger_node_get_children (park);
    for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
      {
        g_autoptr(PwLedgerNode) b = g_list_model_get_item (buildings, i);
        GListModel *floors = pw_ledger_node_get_children (b);

        add_summary_row (cells, spaces, b, "  ");
        for (guint j = 0; j < g_list_model_get_n_items (floors); j++)
          {
            g_autoptr(PwLedgerNode) f = g_list_model_get_item (floors, j);
            add_summary_row (cells, spaces, f, "    ");
          }
      }
    /* Translators: %s is the park's name */
    g_print (_("Park %s — %s\n"), pw_ledger_node_get_code (park), pw_ledger_node_get_name (park));
    print_table (cells);
    if (!pw_ledger_apportion (spaces, &pool_error))
      g_printerr (_("Warning: %s\n"), pool_error->message);
  }
  return EXIT_OK;
}

/* ---- ledger import / export --------------------------------------------------- */

static int
cmd_ledger_import (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *park_code = NULL;
  g_autofree char *park_id = NULL;
  gboolean dry_run = FALSE;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PwCsvImport) import = NULL;
  GPtrArray *problems;
  const char *path;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The Parkwise database"), N_("FILE") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Check and count, write nothing"), NULL },
    { "park", 0, 0, G_OPTION_ARG_STRING, &park_code, N_("The park (default: the first)"),
      N_("CODE") },
    { NULL }
  };

  if (!parse_command (_("ledger import FILE.csv — import spaces from CSV"),
                      _("Checks every row, then adds new spaces and updates changed ones in "
                        "one transaction. A file with any problem writes nothing."),
                      entries, &db, 1, _("Name the CSV file to import"), &argc, &argv))
    return EXIT_USAGE;
  path = argv[1];

  store = open_park (db, park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);

  /* mapped, not read, so a file over the size limit is refused without loading it;
   * what cannot be mapped (a pipe, /dev/stdin) is read instead */
  file = g_mapped_file_new (path, FALSE, NULL);
  if (file != NULL)
    bytes = g_mapped_file_get_bytes (file);
  else
    {
      char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, &error))
        return failed (error);
      bytes = g_bytes_new_take (contents, length);
    }

  import = pw_csv_import_prepare (store, park_id, bytes, path, &error);
  if (import == NULL)
    return failed (error);

  problems = pw_csv_import_get_problems (import);
  for (guint i = 0; i < problems->len; i++)
    {
      PwCsvProblem *p = problems->pdata[i];

      if (p->field != NULL)
        g_printerr ("%s:%u:%u: %s: %s\n", path, p->line, p->column, p->field, p->message);
      else
        g_printerr ("%s:%u:%u: %s\n", path, p->line, p->column, p->message);
    }
  if (problems->len > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%s: %u problem; nothing was imported\n",
                               "%s: %u problems; nothing was imported\n", problems->len),
                  path, problems->len);
      return EXIT_FAILED;
    }

  /* Translators: counts of an import preview */
  g_print (_("%u rows: %u new, %u updated, %u unchanged\n"),
           pw_csv_import_get_n_rows (import), pw_csv_import_get_n_new (import),
           pw_csv_import_get_n_updated (import), pw_csv_import_get_n_unchanged (import));
  if (dry_run)
    {
      g_print (_("Dry run: nothing was written.\n"));
      return EXIT_OK;
    }
  if (!pw_csv_import_commit (import, &error))
    return failed (error);
  g_print (_("Imported.\n"));
  return EXIT_OK;
}

static int
cmd_ledger_export (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *out = NULL;
  g_autofree char *park_code = NULL;
  g_autofree char *park_id = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The Parkwise database"), N_("FILE") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Write to FILE instead of standard output"),
      N_("FILE") },
    { "park", 0, 0, G_OPTION_ARG_STRING, &park_code, N_("The park (default: the first)"),
      N_("CODE") },
    { NULL }
  };

  if (!parse_command (_("ledger export — export spaces as CSV"),
                      _("Writes every space of the park, ordered by code, in the format "
                        "“ledger import” reads."),
                      entries, &db, 0, NULL, &argc, &argv))
    return EXIT_USAGE;

  store = open_park (db, park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  bytes = pw_csv_export (store, park_id, &error);
  if (bytes == NULL)
    return failed (error);

  if (out == NULL)
    {
      if (!write_stdout (bytes, &error))
        return failed (error);
    }
  else
    {
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      if (!g_file_set_contents (out, data, size, &error))
        return failed (error);
    }
  return EXIT_OK;
}

/* ---- space show / set-status / stocktake ---------------------------------------- */

/* The space with @code in @park_code, or in whichever park has it. */
PwSpace *
find_space (PwStore *store, const char *park_code, const char *code, GError **error)
{
  g_autoptr(GListModel) parks = pw_ledger_load_parks (store, error);

  if (parks == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (parks); i++)
    {
      g_autoptr(PwLedgerNode) park = g_list_model_get_item (parks, i);
      g_autoptr(GPtrArray) spaces = NULL;

      if (park_code != NULL && !g_str_equal (pw_ledger_node_get_code (park), park_code))
        continue;
      spaces = pw_ledger_load_spaces (store, pw_ledger_node_get_id (park), error);
      if (spaces == NULL)
        return NULL;
      for (guint j = 0; j < spaces->len; j++)
        if (g_str_equal (pw_space_get_code (spaces->pdata[j]), code))
          return g_object_ref (spaces->pdata[j]);
    }
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, _("No space with code “%s”"),
               code);
  return NULL;
}

/* Opens the existing store at @db and finds the space with @code in it, for a
 * command that works on one space. */
static PwStore *
open_space (const char *db, const char *park_code, const char *code, PwSpace **space,
            GError **error)
{
  g_autoptr(PwStore) store = open_store (db, FALSE, error);

  if (store == NULL)
    return NULL;
  *space = find_space (store, park_code, code, error);
  if (*space == NULL)
    return NULL;
  return g_steal_pointer (&store);
}

static void
set_area_member (JsonObject *obj, const char *key, gint64 centi)
{
  g_autofree char *m2_key = g_strconcat (key, "_m2", NULL);
  g_autofree char *m2 = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", centi / 100,
                                         (int) (centi % 100));

  /* the same pair of forms as the summary JSON */
  json_object_set_int_member (obj, key, centi);
  json_object_set_string_member (obj, m2_key, m2);
}

static JsonNode *
space_to_json (PwSpace *space, GPtrArray *history)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *entries = json_array_new ();
  const char *pool = pw_pool_level_to_string (pw_space_get_pool_level (space));
  const char *outline = pw_space_get_outline (space);

  json_object_set_string_member (obj, "id", pw_space_get_id (space));
  json_object_set_int_member (obj, "version", pw_space_get_version (space));
  json_object_set_string_member (obj, "code", pw_space_get_code (space));
  json_object_set_string_member (obj, "name", pw_space_get_name (space));
  json_object_set_string_member (obj, "building", pw_space_get_building_code (space));
  json_object_set_string_member (obj, "floor", pw_space_get_floor_code (space));
  json_object_set_string_member (obj, "kind", pw_space_kind_to_string (pw_space_get_kind (space)));
  json_object_set_string_member (obj, "status",
                                 pw_space_status_to_string (pw_space_get_status (space)));
  if (pw_space_get_status_since (space) != NULL)
    json_object_set_string_member (obj, "status_since", pw_space_get_status_since (space));
  else
    json_object_set_null_member (obj, "status_since");
  set_area_member (obj, "gross_area", pw_space_get_gross_area (space));
  set_area_member (obj, "internal_area", pw_space_get_internal_area (space));
  set_area_member (obj, "usable_area", pw_space_get_usable_area (space));
  set_area_member (obj, "share_area", pw_space_get_share_area (space));
  set_area_member (obj, "chargeable_area", pw_space_get_chargeable_area (space));
  json_object_set_boolean_member (obj, "leasable", pw_space_get_leasable (space));
  json_object_set_boolean_member (obj, "takes_share", pw_space_get_takes_share (space));
  if (pool != NULL && *pool != '\0')
    json_object_set_string_member (obj, "pool_level", pool);
  else
    json_object_set_null_member (obj, "pool_level");
  json_object_set_string_member (obj, "area_basis",
                                 pw_area_basis_to_string (pw_space_get_area_basis (space)));
  json_object_set_string_member (obj, "notes", pw_space_get_notes (space));
  if (outline != NULL)
    json_object_set_string_member (obj, "outline", outline);
  else
    json_object_set_null_member (obj, "outline");

  for (guint i = 0; i < history->len; i++)
    {
      PwHistoryEntry *e = history->pdata[i];
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "date", e->date);
      json_object_set_string_member (entry, "recorded", e->recorded);
      json_object_set_string_member (entry, "actor", e->actor);
      json_object_set_string_member (entry, "what", e->what);
      json_object_set_string_member (entry, "reason", e->reason ? e->reason : "");
      json_array_add_object_element (entries, entry);
    }
  json_object_set_array_member (obj, "history", entries);
  json_node_take_object (node, obj);
  return node;
}

static int
cmd_space_show (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *park_code = NULL;
  gboolean json = FALSE;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSpace) space = NULL;
  g_autoptr(GPtrArray) history = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The Parkwise database"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "park", 0, 0, G_OPTION_ARG_STRING, &park_code, N_("The park (default: any)"),
      N_("CODE") },
    { NULL }
  };

  if (!parse_command (_("space show CODE — one space and its history"), NULL,
                      entries, &db, 1, _("Name the space’s code"), &argc, &argv))
    return EXIT_USAGE;

  store = open_space (db, park_code, argv[1], &space, &error);
  if (store == NULL)
    return failed (error);
  history = pw_ledger_load_history (store, pw_space_get_id (space), &error);
  if (history == NULL)
    return failed (error);

  if (json)
    {
      g_autoptr(JsonNode) node = space_to_json (space, history);
      g_autofree char *text = json_to_pretty (node);
      g_print ("%s\n", text);
      return EXIT_OK;
    }

  {
    g_autofree char *gross = pw_area_format_with_unit (pw_space_get_gross_area (space), FALSE);
    g_autofree char *internal = pw_area_format_with_unit (pw_space_get_internal_area (space),
                                                          FALSE);
    g_autofree char *usable = pw_area_format_with_unit (pw_space_get_usable_area (space), FALSE);
    g_autofree char *share = pw_area_format_with_unit (pw_space_get_share_area (space), FALSE);
    g_autofree char *chargeable = pw_area_format_with_unit (pw_space_get_chargeable_area (space),
                                                            FALSE);

    g_print ("%s  %s\n", pw_space_get_code (space), pw_space_get_name (space));
    g_print (_("Building:        %s\n"), pw_space_get_building_code (space));
    g_print (_("Floor:           %s\n"), pw_space_get_floor_code (space));
    g_print (_("Kind:            %s\n"), pw_space_get_kind_label (space));
    g_print (_("Status:          %s (since %s)\n"), pw_space_get_status_label (space),
             pw_space_get_status_since (space) ? pw_space_get_status_since (space) : "—");
    g_print (_("Gross area:      %s\n"), gross);
    g_print (_("Internal area:   %s\n"), internal);
    g_print (_("Usable area:     %s\n"), usable);
    g_print (_("Common share:    %s\n"), share);
    g_print (_("Chargeable area: %s\n"), chargeable);
    g_print (_("Leasable:        %s\n"), pw_space_get_leasable (space) ? _("yes") : _("no"));
    g_print (_("Takes a share:   %s\n"), pw_space_get_takes_share (space) ? _("yes") : _("no"));
    if (*pw_space_get_notes (space) != '\0')
      g_print (_("Notes:           %s\n"), pw_space_get_notes (space));
    if (history->len > 0)
      g_print (_("History:\n"));
    for (guint i = 0; i < history->len; i++)
      {
        PwHistoryEntry *e = history->pdata[i];
        g_print ("  %s  %s  %s%s%s\n", e->date, e->what, e->actor,
                 e->reason && *e->reason ? "  — " : "", e->reason ? e->reason : "");
      }
  }
  return EXIT_OK;
}

static int
cmd_space_set_status (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *park_code = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *date = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSpace) space = NULL;
  int status;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The Parkwise database"), N_("FILE") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the status changes (required)"),
      N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The date it takes effect (default: today)"),
      N_("YYYY-MM-DD") },
    { "park", 0, 0, G_OPTION_ARG_STRING, &park_code, N_("The park (default: any)"),
      N_("CODE") },
    { NULL }
  };

  if (!parse_command (_("space set-status CODE STATUS — change a space’s status"),
                      _("STATUS is one of available, reserved, leased, under_repair, "
                        "under_renovation, frozen, disposed."),
                      entries, &db, 2, _("Name the space’s code and the new status"),
                      &argc, &argv))
    return EXIT_USAGE;
  if (reason == NULL)
    return usage_error (_("--reason is required"));
  status = pw_space_status_from_string (argv[2]);
  if (status < 0)
    return usage_error (_("Unknown status “%s”"), argv[2]);
  if (date == NULL)
    date = pw_today_iso ();

  store = open_space (db, park_code, argv[1], &space, &error);
  if (store == NULL)
    return failed (error);
  if (!pw_ledger_change_status (store, pw_space_get_id (space), pw_space_get_version (space),
                                status, date, reason, &error))
    return failed (error);
  /* Translators: a space code, then the new status */
  g_print (_("%s is now %s.\n"), pw_space_get_code (space),
           pw_space_status_get_label (status));
  return EXIT_OK;
}

static int
cmd_space_stocktake (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *park_code = NULL;
  g_autofree char *note = NULL;
  g_autofree char *date = NULL;
  g_autofree char *today = pw_today_iso ();
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSpace) space = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The Parkwise database"), N_("FILE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day of the stocktake (default: today)"),
      N_("YYYY-MM-DD") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("What was found"), N_("TEXT") },
    { "park", 0, 0, G_OPTION_ARG_STRING, &park_code, N_("The park (default: any)"),
      N_("CODE") },
    { NULL }
  };

  if (!parse_command (_("space stocktake CODE — record that a space was checked on site"),
                      _("Adds a “Stocktaken” entry, with the note, to the space’s history."),
                      entries, &db, 1, _("Name the space’s code"), &argc, &argv))
    return EXIT_USAGE;
  if (date == NULL)
    date = g_strdup (today);

  /* like set-status, a date the ledger would refuse is a failure (1), not a usage error */
  if (!pw_date_is_valid (date))
    {
      g_set_error (&error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   _("“%s” is not a date of the form YYYY-MM-DD"), date);
      return failed (error);
    }
  /* a stocktake records what was seen, so it cannot lie ahead */
  if (g_strcmp0 (date, today) > 0)
    {
      g_set_error (&error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   _("A stocktake cannot be dated in the future; today is %s"), today);
      return failed (error);
    }

  store = open_space (db, park_code, argv[1], &space, &error);
  if (store == NULL)
    return failed (error);
  if (!pw_ledger_record_stocktake (store, pw_space_get_id (space), date,
                                   note ? g_strstrip (note) : "", &error))
    return failed (error);
  /* Translators: a space code, then the date of the stocktake */
  g_print (_("Recorded a stocktake of %s on %s.\n"), pw_space_get_code (space), date);
  return EXIT_OK;
}

/* ---- dispatch --------------------------------------------------------------------- */

typedef struct
{
  const char  *group;  /* NULL for a top-level command */
  const char  *name;
  CommandFunc  func;
  const char  *help;
} Command;

static const Command commands[] = {
  { NULL, "demo", cmd_demo, N_("Create the demo park") },
  { "ledger", "summary", cmd_ledger_summary, N_("Area figures of a park, its buildings and floors") },
  { "ledger", "import", cmd_ledger_import, N_("Import spaces from a CSV file") },
  { "ledger", "export", cmd_ledger_export, N_("Export spaces as CSV") },
  { "space", "show", cmd_space_show, N_("Show one space and its history") },
  { "space", "set-status", cmd_space_set_status, N_("Change a space’s status") },
  { "space", "stocktake", cmd_space_stocktake, N_("Record that a space was checked on site") },
  { "equipment", "add", cmd_equipment_add, N_("Record a new piece of equipment") },
  { "equipment", "retire", cmd_equipment_retire,
    N_("Retire a piece of equipment, with a date and a reason") },
  { "plan", "inspect", cmd_plan_inspect, N_("List the floors and rooms a drawing or model holds") },
  { "plan", "import", cmd_plan_import, N_("Bring a drawing’s floors and rooms into the ledger") },
  { "plan", "render", cmd_plan_render, N_("Draw a floor plan to a PNG, PDF or SVG file") },
  { "plan", "lens", cmd_plan_lens, N_("List a floor’s rooms by the classes of a lens") },
  { "plan", "split", cmd_plan_split, N_("Split a room in two along a line") },
  { "plan", "merge", cmd_plan_merge, N_("Merge rooms of one floor that share walls") },
  { "plan", "reshape", cmd_plan_reshape, N_("Give a room a new outline") },
  { "plan", "drawing", cmd_plan_drawing, N_("Show or place again the drawing behind a floor’s rooms") },
  { "plan", "create", cmd_plan_create, N_("Draw a new room on a floor") },
  { "plan", "move", cmd_plan_move, N_("Move or turn a room") },
  { "plan", "vertex", cmd_plan_vertex, N_("Move, add or remove a corner of a room") },
  { "plan", "undo", cmd_plan_undo, N_("Undo the last plan edit made from the command line") },
  { "plan", "codes", cmd_plan_codes, N_("Show or set how the parts of a split room are coded") },
  { NULL, "uscc", cmd_uscc, N_("Check a unified social credit code") },
  { "customer", "add", cmd_customer_add, N_("Record a customer") },
  { "customer", "list", cmd_customer_list, N_("List a park’s customers and their contacts") },
  { "contact", "add", cmd_contact_add, N_("Add a contact person to a customer") },
  { "prospect", "add", cmd_prospect_add, N_("Record a prospective tenant") },
  { "viewing", "add", cmd_viewing_add, N_("Record a viewing of spaces") },
  { "quote", "add", cmd_quote_add, N_("Make a draft quote for a prospect") },
  { "quote", "submit", cmd_quote_submit, N_("Submit a quote for the approvals it needs") },
  { "quote", "approve", cmd_quote_approve, N_("Approve a submitted quote") },
  { "quote", "reject", cmd_quote_reject, N_("Reject a submitted quote, with a comment") },
  { "quote", "show", cmd_quote_show, N_("Show a quote and its approvals") },
  { "approval-rule", "add", cmd_approval_rule_add, N_("Say when a quote needs whose approval") },
  { "contract", "create", cmd_contract_create, N_("Write a draft lease contract") },
  { "contract", "set-status", cmd_contract_set_status,
    N_("Submit, approve, sign, activate or end a contract") },
  { "contract", "approve", cmd_contract_approve,
    N_("Approve a submitted contract as a role (beyond policy: the roles its rules ask)") },
  { "contract", "reject", cmd_contract_reject, N_("Reject a submitted contract, with a comment") },
  { "contract", "amend", cmd_contract_amend, N_("Amend a contract’s terms from a date") },
  { "contract", "renew", cmd_contract_renew,
    N_("Draw up the contract that follows a running one") },
  { "contract", "show", cmd_contract_show,
    N_("Show a contract’s headline figures: monthly rent, rent per m², value, next bill") },
  { "contract", "list", cmd_contract_list, N_("List contracts, or those expiring soon") },
  { "contract", "pdf", cmd_contract_pdf, N_("Write a contract as a PDF document") },
  { NULL, "schedule", cmd_schedule, N_("Every bill line of a contract over its term") },
  { NULL, "utility", cmd_utility, N_("A month’s metered utility charges from a file of meters and readings") },
  { "bill-run", "preview", cmd_bill_run_preview,
    N_("Show the bills a period’s run would write, with its problems") },
  { "bill-run", "post", cmd_bill_run_post, N_("Write a period’s bills (what is new only)") },
  { "bill", "list", cmd_bill_list, N_("List a park’s bills") },
  { "bill", "show", cmd_bill_show, N_("Show a bill and its lines") },
  { "bill", "hold", cmd_bill_hold, N_("Hold a bill back from sending") },
  { "bill", "release", cmd_bill_release, N_("Release a held bill for sending") },
  { "bill", "cancel", cmd_bill_cancel, N_("Cancel a bill that was not sent") },
  { "bill", "send", cmd_bill_send, N_("Mark a bill as sent") },
  { "bill", "notice", cmd_bill_notice, N_("Write a bill’s payment notice as PDF") },
  { "bill-run", "notices", cmd_bill_run_notices,
    N_("Write the payment notices of a period’s bills as PDF") },
  { "park", "seller", cmd_park_seller, N_("Show or record the park’s sellers and bank accounts") },
  { "meter", "add", cmd_meter_add, N_("Record a meter") },
  { "meter", "replace", cmd_meter_replace,
    N_("Record that a meter was changed, with its final and opening readings") },
  { "meter", "list", cmd_meter_list, N_("List a park’s meters in route order with their last reading") },
  { "reading", "add", cmd_reading_add, N_("Record a meter reading") },
  { "reading", "correct", cmd_reading_correct,
    N_("Correct a meter reading; the next bill run bills the difference") },
  { "reading", "import", cmd_reading_import,
    N_("Import meter readings from CSV, listing every bad row") },
  { "payment", "add", cmd_payment_add, N_("Record a payment and allocate it to bills") },
  { "payment", "list", cmd_payment_list, N_("List the payments") },
  { "payment", "undo", cmd_payment_undo, N_("Undo a payment and its allocations") },
  { "payment", "unallocate", cmd_payment_unallocate,
    N_("Take a payment off the bills it paid, leaving it unapplied") },
  { "payment", "allocate", cmd_payment_allocate, N_("Allocate what is unapplied of a payment") },
  { "receivables", "ledger", cmd_receivables_ledger,
    N_("A customer’s ledger with the running balance") },
  { "receivables", "ageing", cmd_receivables_ageing,
    N_("What is owed by how late, as of a date") },
  { "credit-note", "add", cmd_credit_note_add, N_("Credit or waive a billed line") },
  { "credit-note", "approve", cmd_credit_note_approve, N_("Approve a credit note") },
  { "credit-note", "reject", cmd_credit_note_reject, N_("Reject a credit note") },
  { "credit-note", "list", cmd_credit_note_list, N_("List the credit notes and waivers") },
  { "late-fee", "preview", cmd_late_fee_preview, N_("The late fees owed as of a date") },
  { NULL, "statement", cmd_statement,
    N_("Write customer statements of account as PDF, one or a batch") },
};

static void
print_help (void)
{
  g_print (_("Usage:\n  parkwise-cli COMMAND [OPTION…]\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *name = commands[i].group
                                ? g_strdup_printf ("%s %s", commands[i].group, commands[i].name)
                                : g_strdup (commands[i].name);
      g_print ("  %-20s %s\n", name, _(commands[i].help));
    }
  g_print (_("\nOptions:\n  --version            Print the version\n"
             "  --help               Show this help; COMMAND --help shows a command’s options\n"));
}

int
main (int argc, char **argv)
{
  /* the installed translations, or the build tree's when run from it */
  pw_i18n_init ();
  /* subcommands hand GOptionContext a shifted argv; keep the real name in --help */
  g_set_prgname ("parkwise-cli");

  if (argc < 2)
    return usage_error (_("No command given"));
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("parkwise-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "help"))
    {
      print_help ();
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const Command *cmd = &commands[i];

      if (cmd->group == NULL && g_str_equal (argv[1], cmd->name))
        return cmd->func (argc - 1, argv + 1);
      if (cmd->group != NULL && g_str_equal (argv[1], cmd->group) && argc >= 3
          && g_str_equal (argv[2], cmd->name))
        return cmd->func (argc - 2, argv + 2);
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (argc >= 3 && commands[i].group != NULL && g_str_equal (argv[1], commands[i].group))
      return usage_error (_("Unknown command “%s %s”"), argv[1], argv[2]);
  return usage_error (_("Unknown command “%s”"), argv[1]);
}
