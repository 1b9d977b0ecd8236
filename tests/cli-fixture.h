/* cli-fixture.h — a fixture for the parkwise-cli tests: the demo park, made by
 * `parkwise-cli demo`, in a scratch folder removed afterwards
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test sets cli_path (from argv[1]) before running anything (cli-run.h). */
#pragma once

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-run.h"

typedef struct
{
  char *dir;
  char *db;    /* the demo park's database in @dir */
} CliFixture;

static inline void
cli_set_up (CliFixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0, };

  fx->dir = g_dir_make_tmp ("pw-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fx->db = g_build_filename (fx->dir, "demo.db", NULL);
  g_assert_cmpint (run_cli (&run, "demo", "--db", fx->db, NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, "spaces"));
}

static inline void
cli_tear_down (CliFixture *fx, gconstpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
  g_free (fx->db);
}

/* What the command printed as JSON (a copy to free), asserting it parses. */
static inline JsonNode *
cli_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}
