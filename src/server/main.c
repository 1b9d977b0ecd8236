/* main.c — parkwise-server: init, serve, backup and user administration (docs/server.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "pw-server.h"
#include "pw-server-cert.h"
#include "pw-server-error.h"
#include "pw-server-password.h"

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

static int
failed (GError *error)
{
  g_printerr ("parkwise-server: %s\n", error ? error->message : _("unknown error"));
  return EXIT_FAILED;
}

static int
usage_error (const char *message)
{
  g_printerr ("parkwise-server: %s\n", message);
  g_printerr (_("Run “parkwise-server --help” for the commands.\n"));
  return EXIT_USAGE;
}

/* Parses a command's options; @required are the options that must be given. */
static gboolean
parse_command (const char *name, const char *summary, GOptionEntry *entries, int *argc,
               char ***argv, char **dir)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("parkwise-server %s", name);

  g_set_prgname (prgname);
  g_option_context_set_summary (ctx, summary);
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      usage_error (error->message);
      return FALSE;
    }
  if (*argc > 1)
    {
      /* Translators: %s is an argument the command does not take */
      g_autofree char *msg = g_strdup_printf (_("Unexpected argument “%s”"), (*argv)[1]);
      usage_error (msg);
      return FALSE;
    }
  if (dir != NULL && *dir == NULL)
    {
      usage_error (_("--dir DIR is required"));
      return FALSE;
    }
  return TRUE;
}

/* ---- init ----------------------------------------------------------------------- */

static int
cmd_init (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *host = NULL;
  g_autofree char *fingerprint = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_("The server's directory"), N_("DIR") },
    { "host", 0, 0, G_OPTION_ARG_STRING, &host,
      N_("The name clients use to reach the server (default: localhost)"), N_("NAME") },
    { NULL }
  };

  if (!parse_command ("init", _("Creates a server directory: the database, server.conf and a "
                                "self-signed certificate for trials."),
                      entries, &argc, &argv, &dir))
    return EXIT_USAGE;
  if (!pw_server_init_dir (dir, host ? host : "localhost", &fingerprint, &error))
    return failed (error);

  g_print (_("Created a Parkwise server in %s\n"), dir);
  /* Translators: the certificate's SHA-256 fingerprint follows */
  g_print (_("Certificate SHA-256 fingerprint: %s\n"), fingerprint);
  g_print (_("Next: parkwise-server user add --dir %s --name NAME --admin\n"), dir);
  return EXIT_OK;
}

/* ---- serve ---------------------------------------------------------------------- */

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_CONTINUE;
}

static int
cmd_serve (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *fingerprint = NULL;
  PwServerConfig *config;
  guint term_id, int_id;
  GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_("The server's directory"), N_("DIR") },
    { NULL }
  };

  if (!parse_command ("serve", _("Serves the HTTPS API until SIGTERM or SIGINT."),
                      entries, &argc, &argv, &dir))
    return EXIT_USAGE;

  pw_server_tls_init ();
  server = pw_server_new (dir, &error);
  if (server == NULL || !pw_server_listen (server, &error))
    return failed (error);

  loop = g_main_loop_new (NULL, FALSE);
  term_id = g_unix_signal_add (SIGTERM, quit_cb, loop);
  int_id = g_unix_signal_add (SIGINT, quit_cb, loop);

  config = pw_server_get_config (server);
  fingerprint = pw_server_get_fingerprint (server);
  /* Translators: address, port, then the certificate fingerprint */
  g_print (_("Listening on https://%s:%u/ (certificate SHA-256 %s)\n"),
           config->address, pw_server_get_port (server), fingerprint);
  fflush (stdout);
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                    "MESSAGE", "listening on %s port %u", config->address,
                    pw_server_get_port (server));

  g_main_loop_run (loop);

  g_source_remove (term_id);
  g_source_remove (int_id);
  pw_server_stop (server);
  g_clear_object (&server);
  g_print (_("Stopped.\n"));
  return EXIT_OK;
}

/* ---- backup --------------------------------------------------------------------- */

static int
cmd_backup (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwServerConfig) config = NULL;
  g_autofree char *db_path = NULL;
  GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_("The server's directory"), N_("DIR") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The backup file to write"), N_("FILE") },
    { NULL }
  };

  if (!parse_command ("backup", _("Copies the database while the server may be running, and "
                                  "checks the copy."),
                      entries, &argc, &argv, &dir))
    return EXIT_USAGE;
  if (out == NULL)
    return usage_error (_("--out FILE is required"));

  config = pw_server_config_load (dir, &error);
  if (config == NULL)
    return failed (error);
  db_path = pw_server_config_db_path (config);
  if (!pw_server_backup (db_path, out, &error))
    return failed (error);
  g_print (_("Backed up %s to %s\n"), db_path, out);
  return EXIT_OK;
}

/* ---- users ---------------------------------------------------------------------- */

static char *
read_line (FILE *in)
{
  GString *line = g_string_new (NULL);
  int c;

  while ((c = fgetc (in)) != EOF && c != '\n')
    {
      if (line->len > PW_PASSWORD_MAX_LENGTH + 1)
        continue;
      g_string_append_c (line, (char) c);
    }
  if (c == EOF && line->len == 0)
    {
      g_string_free (line, TRUE);
      return NULL;
    }
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  return g_string_free (line, FALSE);
}

static char *
prompt_hidden (const char *prompt)
{
  struct termios old, quiet;
  char *line;

  g_printerr ("%s", prompt);
  if (tcgetattr (STDIN_FILENO, &old) != 0)
    return read_line (stdin);
  quiet = old;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
  line = read_line (stdin);
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &old);
  g_printerr ("\n");
  return line;
}

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

/* From the terminal without echo, asked twice; or one line of standard input. */
static char *
read_new_password (GError **error)
{
  char *first, *second;

  if (!isatty (STDIN_FILENO))
    {
      first = read_line (stdin);
      if (first == NULL)
        g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_INVALID,
                     _("No password on standard input"));
      return first;
    }
  first = prompt_hidden (_("Password: "));
  second = first ? prompt_hidden (_("Password again: ")) : NULL;
  if (first == NULL || second == NULL || strcmp (first, second) != 0)
    {
      wipe_free (first);
      wipe_free (second);
      g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_INVALID,
                   _("The two passwords differ"));
      return NULL;
    }
  wipe_free (second);
  return first;
}

/* A new password, read as read_new_password() does, checked against the policy and
 * hashed; the text itself is wiped. */
static char *
new_password_hash (GError **error)
{
  char *password = read_new_password (error);
  char *hash = NULL;

  if (password == NULL)
    return NULL;
  if (pw_password_check_policy (password, error))
    hash = pw_password_hash (password, error);
  wipe_free (password);
  return hash;
}

static PwServerDb *
open_db (const char *dir, GError **error)
{
  g_autoptr(PwServerConfig) config = pw_server_config_load (dir, error);
  g_autofree char *db_path = NULL;

  if (config == NULL)
    return NULL;
  db_path = pw_server_config_db_path (config);
  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_NOT_FOUND,
                   _("There is no server database at %s; run parkwise-server init first"),
                   db_path);
      return NULL;
    }
  return pw_server_db_open (db_path, error);
}

static int
cmd_user_add (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  gboolean admin = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwServerDb) db = NULL;
  g_autofree char *hash = NULL;
  GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_("The server's directory"), N_("DIR") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The user's sign-in name"), N_("NAME") },
    { "admin", 0, 0, G_OPTION_ARG_NONE, &admin, N_("Administers every park"), NULL },
    { NULL }
  };

  if (!parse_command ("user add", _("Adds a user; the password comes from a prompt without "
                                    "echo, or one line of standard input."),
                      entries, &argc, &argv, &dir))
    return EXIT_USAGE;
  if (name == NULL)
    return usage_error (_("--name NAME is required"));

  db = open_db (dir, &error);
  if (db == NULL)
    return failed (error);
  hash = new_password_hash (&error);
  if (hash == NULL || !pw_server_db_add_user (db, name, hash, admin, &error))
    return failed (error);
  pw_server_log_security (db, "user_added", name, NULL, admin ? "administrator" : NULL);
  g_print (admin ? _("Added the administrator %s\n") : _("Added the user %s\n"), name);
  return EXIT_OK;
}

static int
cmd_user_grant (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *park = NULL;
  g_autofree char *role = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *park_id = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwServerDb) db = NULL;
  GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_("The server's directory"), N_("DIR") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The user"), N_("NAME") },
    { "park", 0, 0, G_OPTION_ARG_STRING, &park, N_("The park's code"), N_("CODE") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_("admin, asset_manager, leasing_agent, finance, operations or viewer"), N_("ROLE") },
    { NULL }
  };

  if (!parse_command ("user grant", _("Gives a user a role in one park (replacing any role "
                                      "held there)."),
                      entries, &argc, &argv, &dir))
    return EXIT_USAGE;
  if (name == NULL || park == NULL || role == NULL)
    return usage_error (_("--name, --park and --role are required"));

  db = open_db (dir, &error);
  if (db == NULL)
    return failed (error);
  park_id = pw_server_db_find_park (db, park, &error);
  if (error != NULL || !pw_server_db_grant (db, name, park, role, &error))
    return failed (error);
  detail = g_strdup_printf ("park=%s park_id=%s role=%s", park, park_id ? park_id : "(pending)",
                            role);
  pw_server_log_security (db, "granted", name, NULL, detail);
  if (park_id != NULL)
    /* Translators: the role, the user, then the park's code */
    g_print (_("Granted %s to %s in park %s\n"), role, name, park);
  else
    /* Translators: the role, the user, then a park code no park has yet */
    g_print (_("Granted %s to %s in the park to be created with code %s (no park has it yet; "
               "a park renamed to it later does not take the grant)\n"), role, name, park);
  return EXIT_OK;
}

static int
cmd_user_disable (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwServerDb) db = NULL;
  GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_("The server's directory"), N_("DIR") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The user"), N_("NAME") },
    { NULL }
  };

  if (!parse_command ("user disable", _("Disables a user and ends every session it holds."),
                      entries, &argc, &argv, &dir))
    return EXIT_USAGE;
  if (name == NULL)
    return usage_error (_("--name NAME is required"));

  db = open_db (dir, &error);
  if (db == NULL || !pw_server_db_disable_user (db, name, &error))
    return failed (error);
  pw_server_log_security (db, "disabled", name, NULL, "account disabled; sessions revoked");
  g_print (_("Disabled %s and ended its sessions\n"), name);
  return EXIT_OK;
}

static int
cmd_user_password (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwServerDb) db = NULL;
  g_autofree char *hash = NULL;
  GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_("The server's directory"), N_("DIR") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The user"), N_("NAME") },
    { NULL }
  };

  if (!parse_command ("user password", _("Sets a user's password (from a prompt without echo, "
                                         "or one line of standard input) and ends its "
                                         "sessions."),
                      entries, &argc, &argv, &dir))
    return EXIT_USAGE;
  if (name == NULL)
    return usage_error (_("--name NAME is required"));

  db = open_db (dir, &error);
  if (db == NULL)
    return failed (error);
  hash = new_password_hash (&error);
  if (hash == NULL || !pw_server_db_set_password (db, name, hash, &error))
    return failed (error);
  pw_server_log_security (db, "password_changed", name, NULL, "sessions revoked");
  g_print (_("Set the password of %s and ended its sessions\n"), name);
  return EXIT_OK;
}

static int
cmd_user_list (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwServerDb) db = NULL;
  g_autoptr(GPtrArray) users = NULL;
  GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, N_("The server's directory"), N_("DIR") },
    { NULL }
  };

  if (!parse_command ("user list", _("Lists the users, whether each is an administrator or "
                                     "disabled, and their roles per park."),
                      entries, &argc, &argv, &dir))
    return EXIT_USAGE;
  db = open_db (dir, &error);
  if (db != NULL)
    users = pw_server_db_list_users (db, &error);
  if (users == NULL)
    return failed (error);
  for (guint i = 0; i < users->len; i++)
    {
      PwServerUser *u = g_ptr_array_index (users, i);
      g_autoptr(GPtrArray) grants = pw_server_db_list_grants (db, u->id, &error);
      g_autoptr(GString) line = g_string_new (u->name);

      if (grants == NULL)
        return failed (error);
      if (u->is_admin)
        g_string_append_printf (line, "  %s", _("(administrator)"));
      if (u->disabled)
        g_string_append_printf (line, "  %s", _("(disabled)"));
      for (guint j = 0; j < grants->len; j++)
        {
          PwServerGrant *g = g_ptr_array_index (grants, j);
          if (g->pending)
            /* Translators: a grant waiting for its park: the code, the role */
            g_string_append_printf (line, _("  %s=%s (pending)"), g->park_code, g->role);
          else
            g_string_append_printf (line, "  %s=%s", g->park_code ? g->park_code : g->park_id,
                                    g->role);
        }
      g_print ("%s\n", line->str);
    }
  return EXIT_OK;
}

/* ---- dispatch ------------------------------------------------------------------- */

typedef struct
{
  const char *group;
  const char *name;
  int       (*func) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { NULL, "init", cmd_init, N_("Create a server directory with a trial certificate") },
  { NULL, "serve", cmd_serve, N_("Serve the HTTPS API") },
  { NULL, "backup", cmd_backup, N_("Back up the database while serving") },
  { "user", "add", cmd_user_add, N_("Add a user") },
  { "user", "grant", cmd_user_grant, N_("Give a user a role in a park") },
  { "user", "disable", cmd_user_disable, N_("Disable a user and end its sessions") },
  { "user", "password", cmd_user_password, N_("Set a user's password and end its sessions") },
  { "user", "list", cmd_user_list, N_("List the users and their roles") },
};

static void
print_help (void)
{
  g_print (_("Usage: parkwise-server COMMAND --dir DIR [OPTION…]\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *full = commands[i].group
        ? g_strdup_printf ("%s %s", commands[i].group, commands[i].name)
        : g_strdup (commands[i].name);
      g_print ("  %-14s %s\n", full, _(commands[i].summary));
    }
  g_print (_("\n“parkwise-server COMMAND --help” shows a command's options.\n"));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("parkwise-server");
  /* everything this program writes (the database, its backups with the password hashes,
   * keys, the configuration) is for the server's account alone, whatever umask it got */
  umask (umask (0) | 077);

  if (argc < 2)
    return usage_error (_("No command given"));
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("parkwise-server %s\n", PACKAGE_VERSION);
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
  {
    /* Translators: %s is what was typed as the command */
    g_autofree char *msg = g_strdup_printf (_("Unknown command “%s”"), argv[1]);
    return usage_error (msg);
  }
}
