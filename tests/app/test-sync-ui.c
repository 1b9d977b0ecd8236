/* test-sync-ui.c — signing in from the Server dialog, the header bar's sync status and
 * resolving a conflict in the Sync Conflicts dialog, against a real server on loopback
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "app-test-util.h"
#include "pw-area.h"
#include "net-util.h"
#include "pw-conflicts-dialog.h"
#include "pw-demo.h"
#include "pw-ledger.h"
#include "pw-room-ledger.h"
#include "pw-row.h"
#include "pw-server-db.h"
#include "pw-server-dialog.h"
#include "pw-sync-button.h"

typedef struct
{
  TestServer    *ts;
  char          *tmpdir;
  PwStore       *store;
  PwSyncService *sync;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *park = NULL;

  f->ts = test_server_prepare (NULL);
  park = test_server_seed_demo (f->ts);
  test_server_add_grantee (f->ts, "wang", "wang-password-1", park, "asset_manager");
  test_server_run (f->ts);

  f->tmpdir = g_dir_make_tmp ("pw-sync-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->tmpdir, "desk.db", NULL);
  f->store = pw_store_open (path, &error);
  g_assert_no_error (error);
  pw_ledger_attach (f->store);
  f->sync = pw_sync_service_new (f->store, FALSE);
  g_assert_true (pw_sync_service_set_ca_file (f->sync, f->ts->ca, &error));
  g_assert_no_error (error);
  pw_sync_service_set_automatic (f->sync, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->sync);
  g_clear_object (&f->store);
  app_test_remove_tmpdir (&f->tmpdir);
  test_server_free (f->ts);
}

/* The first widget under @root of @type whose title (a preferences row) or label (a
 * button) is @text. */
static GtkWidget *
find_widget (GtkWidget *root, GType type, const char *text)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      const char *have = NULL;

      if (ADW_IS_PREFERENCES_ROW (root))
        have = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root));
      else if (GTK_IS_BUTTON (root))
        have = gtk_button_get_label (GTK_BUTTON (root));
      if (g_strcmp0 (have, text) == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
require_widget (GtkWidget *root, GType type, const char *text)
{
  GtkWidget *w = find_widget (root, type, text);

  if (w == NULL)
    g_error ("no %s “%s”", g_type_name (type), text);
  return w;
}

static GtkWidget *
find_first (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first visible GtkLabel under @root with the "error" style class. */
static GtkWidget *
find_error_label (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, "error"))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_error_label (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
error_shown (gpointer fixture, gconstpointer data)
{
  GtkWidget *label = find_error_label ((GtkWidget *) data);

  return label != NULL && gtk_widget_get_visible (label)
         && *gtk_label_get_label (GTK_LABEL (label)) != '\0';
}

static gboolean
synced (gpointer fixture, gconstpointer data)
{
  Fixture *f = fixture;

  return pw_sync_service_get_state (f->sync) == PW_SYNC_STATE_SYNCED
         && pw_store_count (f->store, "park") == 1;
}

static gboolean
settled (gpointer fixture, gconstpointer data)
{
  Fixture *f = fixture;

  return pw_sync_service_get_state (f->sync) == PW_SYNC_STATE_SYNCED;
}

static gboolean
no_conflicts_left (gpointer fixture, gconstpointer data)
{
  return pw_conflicts_dialog_count (PW_CONFLICTS_DIALOG ((gpointer) data)) == 0;
}

static char *
first_space (PwStore *store, gint64 *version)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, "SELECT id, version FROM space"
                                                          " ORDER BY code LIMIT 1", NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *version = sqlite3_column_int64 (stmt, 1);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
rename_space (PwStore *store, const char *name)
{
  gint64 version;
  g_autofree char *id = first_space (store, &version);
  g_autoptr(PwMutation) m = pw_mutation_new_update ("space", id, version);
  g_autoptr(GError) error = NULL;

  pw_mutation_set_string (m, "name", name);
  g_assert_true (pw_store_apply (store, m, &error));
  g_assert_no_error (error);
}

static void
test_sign_in_and_resolve (Fixture *f, gconstpointer data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = pw_sync_button_new (f->sync);
  GtkWidget *dialog, *conflicts;
  g_autoptr(GError) error = NULL;
  gint64 version;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) row = NULL;

  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_window_present (GTK_WINDOW (window));
  /* a database that works alone shows no sync status */
  g_assert_false (gtk_widget_get_visible (button));

  dialog = pw_server_dialog_new (GTK_WINDOW (window), f->sync);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_editable_set_text (GTK_EDITABLE (require_widget (dialog, ADW_TYPE_ENTRY_ROW, "Server address")),
                         f->ts->base);
  gtk_editable_set_text (GTK_EDITABLE (require_widget (dialog, ADW_TYPE_ENTRY_ROW, "User name")),
                         "wang");

  /* a wrong password is said under the form; nothing is synced */
  gtk_editable_set_text (GTK_EDITABLE (require_widget (dialog, ADW_TYPE_PASSWORD_ENTRY_ROW, "Password")),
                         "guess");
  g_signal_emit_by_name (require_widget (dialog, GTK_TYPE_BUTTON, "_Sign In"), "clicked");
  app_test_wait_for (error_shown, f, dialog, "the sign-in error");
  g_assert_cmpint (pw_store_count (f->store, "park"), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (require_widget (dialog, ADW_TYPE_PASSWORD_ENTRY_ROW, "Password")),
                         "wang-password-1");
  g_signal_emit_by_name (require_widget (dialog, GTK_TYPE_BUTTON, "_Sign In"), "clicked");
  app_test_wait_for (synced, f, NULL, "the first sync");
  /* the password is not kept in the form */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_widget (dialog, ADW_TYPE_PASSWORD_ENTRY_ROW, "Password"))),
                   ==, "");
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (pw_sync_button_get_label (PW_SYNC_BUTTON (button)), ==, "Synced");
  {
    g_autofree char *account = g_strdup_printf ("wang on %s", f->ts->base);
    g_assert_true (gtk_widget_is_visible (require_widget (dialog, ADW_TYPE_ACTION_ROW, account)));
  }
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* the same field changed on the server and here: a conflict */
  {
    g_autoptr(PwServerDb) db = test_server_open_db (f->ts);
    pw_ledger_attach (pw_server_db_get_store (db));
    rename_space (pw_server_db_get_store (db), "Server Name");
  }
  rename_space (f->store, "Desk Name");
  app_test_wait_for (settled, f, NULL, "the automatic sync after a change");
  while (pw_sync_service_get_conflicts (f->sync) == 0)
    {
      pw_sync_service_sync_async (f->sync, NULL, NULL, NULL);
      app_test_wait_for (settled, f, NULL, "a sync");
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_cmpuint (pw_sync_service_get_conflicts (f->sync), ==, 1);
  g_assert_cmpstr (pw_sync_button_get_label (PW_SYNC_BUTTON (button)), ==, "1 conflict");

  conflicts = pw_conflicts_dialog_new (GTK_WINDOW (window), f->sync);
  gtk_window_present (GTK_WINDOW (conflicts));
  g_assert_cmpuint (pw_conflicts_dialog_count (PW_CONFLICTS_DIALOG (conflicts)), ==, 1);
  /* mine and theirs, and the buttons, come with expanding the row */
  g_assert_null (find_widget (conflicts, GTK_TYPE_BUTTON, "Keep _Mine"));
  {
    GtkWidget *expander = find_first (conflicts, ADW_TYPE_EXPANDER_ROW);

    g_assert_nonnull (expander);
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
    require_widget (conflicts, ADW_TYPE_ACTION_ROW, "name");
  }
  g_signal_emit_by_name (require_widget (conflicts, GTK_TYPE_BUTTON, "Keep _Mine"), "clicked");
  app_test_wait_for (no_conflicts_left, f, conflicts, "the conflict to go");
  app_test_wait_for (settled, f, NULL, "the sync after keeping mine");
  while (pw_sync_service_get_pending (f->sync) > 0)
    {
      pw_sync_service_sync_async (f->sync, NULL, NULL, NULL);
      app_test_wait_for (settled, f, NULL, "a sync");
    }
  g_assert_cmpuint (pw_sync_service_get_conflicts (f->sync), ==, 0);
  g_assert_cmpstr (pw_sync_button_get_label (PW_SYNC_BUTTON (button)), ==, "Synced");
  {
    g_autoptr(PwServerDb) db = test_server_open_db (f->ts);
    id = first_space (pw_server_db_get_store (db), &version);
    row = pw_store_get_row (pw_server_db_get_store (db), "space", id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (pw_row_string (row, "name"), ==, "Desk Name");
  }
  gtk_window_destroy (GTK_WINDOW (conflicts));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The first AdwMessageDialog shown, or NULL. */
static GtkWidget *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (w))
        return w;
    }
  return NULL;
}

static gboolean
message_dialog_shown (gpointer fixture, gconstpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
sign_in_ready (gpointer fixture, gconstpointer data)
{
  return gtk_widget_get_sensitive ((GtkWidget *) data);
}

static gboolean
bootstrapped (gpointer fixture, gconstpointer data)
{
  Fixture *f = fixture;

  return pw_sync_service_get_state (f->sync) == PW_SYNC_STATE_SYNCED
         && pw_sync_client_get_cursor (f->store) > 0;
}

static void
seed_demo (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_demo_seed (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_sync_client_count_pending (f->store), >, 1000);
}

static void
fill_form (GtkWidget *dialog, const char *address, const char *user, const char *password)
{
  gtk_editable_set_text (GTK_EDITABLE (require_widget (dialog, ADW_TYPE_ENTRY_ROW, "Server address")),
                         address);
  gtk_editable_set_text (GTK_EDITABLE (require_widget (dialog, ADW_TYPE_ENTRY_ROW, "User name")),
                         user);
  gtk_editable_set_text (GTK_EDITABLE (require_widget (dialog, ADW_TYPE_PASSWORD_ENTRY_ROW, "Password")),
                         password);
}

/* The demo's database signs in to an address where nothing listens: the dialog says
 * what failed and where, shows no account and no Sync Now, and the header bar shows no
 * sync status at all: nothing is pending for a server the database never joined. */
static void
test_unreachable (Fixture *f, gconstpointer data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = NULL;
  GtkWidget *dialog, *sign_in, *label;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *closed = NULL;
  guint16 port;

  seed_demo (f);
  pw_sync_service_start (f->sync);
  button = pw_sync_button_new (f->sync);
  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (button));

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  closed = g_strdup_printf ("https://127.0.0.1:%u", port);

  dialog = pw_server_dialog_new (GTK_WINDOW (window), f->sync);
  gtk_window_present (GTK_WINDOW (dialog));
  fill_form (dialog, closed, "wang", "wang-password-1");
  sign_in = require_widget (dialog, GTK_TYPE_BUTTON, "_Sign In");
  g_signal_emit_by_name (sign_in, "clicked");
  /* no question before the server has answered */
  g_assert_null (find_message_dialog ());
  app_test_wait_for (error_shown, f, dialog, "the sign-in error");
  app_test_wait_for (sign_in_ready, f, sign_in, "Sign In to be usable again");
  g_assert_null (find_message_dialog ());

  label = find_error_label (dialog);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), closed));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "refused"));
  /* still the form, no half account */
  g_assert_true (gtk_widget_is_visible (sign_in));
  g_assert_false (gtk_widget_is_visible (require_widget (dialog, GTK_TYPE_BUTTON, "Sync _Now")));
  g_assert_false (gtk_widget_is_visible (require_widget (dialog, GTK_TYPE_BUTTON, "Sign _Out")));
  g_assert_cmpint (pw_sync_service_get_state (f->sync), ==, PW_SYNC_STATE_OFF);
  g_assert_null (pw_sync_service_get_server (f->sync));
  /* the header: no sync status, nothing pending */
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_cmpint (pw_sync_service_get_pending (f->sync), ==, 0);
  g_assert_null (strstr (pw_sync_button_get_label (PW_SYNC_BUTTON (button)), "pending"));
  /* what was typed stays, to correct it */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (require_widget (dialog, ADW_TYPE_ENTRY_ROW, "Server address"))),
                   ==, closed);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The demo's database signs in to a server with a park: a wrong password asks nothing;
 * the right one asks, once the server answered, with this database's counts and the
 * server's; cancelling joins nothing, and replacing brings the server's copy. */
static void
test_first_sync_question (Fixture *f, gconstpointer data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button;
  GtkWidget *dialog, *question, *sign_in;
  g_autoptr(GError) error = NULL;
  gint64 parks, records, server_parks, server_records;
  g_autofree char *local_text = NULL, *server_text = NULL;
  const char *body;

  seed_demo (f);
  g_assert_true (pw_sync_client_count_records (f->store, &parks, &records, &error));
  g_assert_no_error (error);
  {
    g_autoptr(PwServerDb) db = test_server_open_db (f->ts);
    g_assert_true (pw_sync_client_count_records (pw_server_db_get_store (db), &server_parks,
                                                 &server_records, &error));
    g_assert_no_error (error);
  }
  pw_sync_service_start (f->sync);
  button = pw_sync_button_new (f->sync);
  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_window_present (GTK_WINDOW (window));

  dialog = pw_server_dialog_new (GTK_WINDOW (window), f->sync);
  gtk_window_present (GTK_WINDOW (dialog));
  sign_in = require_widget (dialog, GTK_TYPE_BUTTON, "_Sign In");
  fill_form (dialog, f->ts->base, "wang", "guess");
  g_signal_emit_by_name (sign_in, "clicked");
  app_test_wait_for (error_shown, f, dialog, "the sign-in error");
  app_test_wait_for (sign_in_ready, f, sign_in, "Sign In to be usable again");
  g_assert_null (find_message_dialog ());
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (find_error_label (dialog))),
                            f->ts->base));

  /* the right password: now the question, with both sides counted (C locale: no grouping) */
  fill_form (dialog, f->ts->base, "wang", "wang-password-1");
  g_signal_emit_by_name (sign_in, "clicked");
  app_test_wait_for (message_dialog_shown, f, NULL, "the question");
  question = find_message_dialog ();
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (question));
  local_text = g_strdup_printf ("send this database’s %" G_GINT64_FORMAT " park, %"
                                G_GINT64_FORMAT " records in all, to %s", parks, records,
                                f->ts->base);
  g_assert_nonnull (strstr (body, local_text));
  g_free (local_text);
  local_text = g_strdup_printf ("remove this database’s %" G_GINT64_FORMAT " park, %"
                                G_GINT64_FORMAT " records in all,", parks, records);
  g_assert_nonnull (strstr (body, local_text));
  server_text = g_strdup_printf ("take the server’s %" G_GINT64_FORMAT " park, %"
                                 G_GINT64_FORMAT " records in all, instead",
                                 server_parks, server_records);
  g_assert_nonnull (strstr (body, server_text));
  /* asked, not joined */
  g_assert_cmpint (pw_sync_service_get_state (f->sync), ==, PW_SYNC_STATE_OFF);
  g_assert_false (gtk_widget_get_visible (button));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "cancel");
  gtk_window_destroy (GTK_WINDOW (question));
  g_assert_false (pw_sync_service_is_joining (f->sync));
  g_assert_cmpint (pw_sync_service_get_state (f->sync), ==, PW_SYNC_STATE_OFF);
  g_assert_true (gtk_widget_is_visible (sign_in));

  g_signal_emit_by_name (sign_in, "clicked");
  app_test_wait_for (message_dialog_shown, f, NULL, "the question again");
  question = find_message_dialog ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "replace");
  gtk_window_destroy (GTK_WINDOW (question));
  app_test_wait_for (synced, f, NULL, "the first sync");
  {
    g_autoptr(PwServerDb) db = test_server_open_db (f->ts);
    g_autofree char *h_server = pw_sync_content_hash (pw_server_db_get_store (db), NULL);
    g_autofree char *h_desk = NULL;

    app_test_wait_for (bootstrapped, f, NULL, "the server's copy");
    h_desk = pw_sync_content_hash (f->store, NULL);
    g_assert_cmpstr (h_desk, ==, h_server);
  }
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (pw_sync_button_get_label (PW_SYNC_BUTTON (button)), ==, "Synced");
  {
    g_autofree char *account = g_strdup_printf ("wang on %s", f->ts->base);
    g_assert_true (gtk_widget_is_visible (require_widget (dialog, ADW_TYPE_ACTION_ROW, account)));
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
sign_in_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_sync_service_sign_in_finish (PW_SYNC_SERVICE (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

static gboolean
flag_set (gpointer fixture, gconstpointer data)
{
  return *(const gboolean *) data;
}

/* The first available rectangular room's code; @outline gets its outline shrunk
 * by @dx from the east and @dy from the south. */
static char *
room_shrunk (PwStore *store, double dx, double dy, PwPolygon **outline)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT id, outline FROM space WHERE outline IS NOT NULL AND status = 'available'"
    " AND kind <> 'common_area' ORDER BY code", NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(PwPolygon) p = pw_polygon_new_from_json ((const char *) sqlite3_column_text (stmt, 1), NULL);
      double x0, y0, x1, y1;
      guint n = 0;

      if (p == NULL)
        continue;
      pw_polygon_get_outer (p, &n);
      pw_polygon_bounds (p, &x0, &y0, &x1, &y1);
      if (n != 4 || pw_polygon_get_n_holes (p) > 0 || x1 - x0 < 3 || y1 - y0 < 3
          || ABS (pw_polygon_area (p) - (x1 - x0) * (y1 - y0)) > 0.01)
        continue;
      *outline = pw_polygon_new_rect (x0, y0, x1 - x0 - dx, y1 - y0 - dy);
      return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  g_assert_not_reached ();
}

/* The text of the caption under @root that starts with @start, or NULL. */
static const char *
caption_starting (GtkWidget *root, const char *start)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), start))
    return gtk_label_get_text (GTK_LABEL (root));
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      const char *found = caption_starting (c, start);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_named (GtkWidget *root, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A room redrawn here and on the server: the conflict shows both outlines side
 * by side, with their areas; keeping theirs takes the server's outline. */
static void
test_outline_conflict (Fixture *f, gconstpointer data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *conflicts, *expander, *pair;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwPolygon) mine = NULL, theirs = NULL;
  g_autofree char *id = NULL, *server_id = NULL, *mine_area = NULL, *theirs_area = NULL;
  g_autofree char *want_mine = NULL, *want_theirs = NULL;
  g_autoptr(JsonObject) row = NULL;
  gboolean done = FALSE;

  gtk_window_present (GTK_WINDOW (window));
  pw_sync_service_sign_in_async (f->sync, f->ts->base, "wang", "wang-password-1", NULL,
                                 sign_in_done_cb, &done);
  app_test_wait_for (flag_set, f, &done, "the sign-in");
  app_test_wait_for (synced, f, NULL, "the first sync");

  id = room_shrunk (f->store, 0.5, 0, &mine);
  {
    g_autoptr(PwServerDb) db = test_server_open_db (f->ts);
    PwStore *server = pw_server_db_get_store (db);

    pw_ledger_attach (server);
    server_id = room_shrunk (server, 0, 0.75, &theirs);
    g_assert_cmpstr (server_id, ==, id);
    g_assert_true (pw_room_ledger_reshape (server, id, theirs, &error));
    g_assert_no_error (error);
  }
  g_assert_true (pw_room_ledger_reshape (f->store, id, mine, &error));
  g_assert_no_error (error);
  while (pw_sync_service_get_conflicts (f->sync) == 0)
    {
      pw_sync_service_sync_async (f->sync, NULL, NULL, NULL);
      app_test_wait_for (settled, f, NULL, "a sync");
      g_main_context_iteration (NULL, FALSE);
    }

  conflicts = pw_conflicts_dialog_new (GTK_WINDOW (window), f->sync);
  gtk_window_present (GTK_WINDOW (conflicts));
  expander = find_first (conflicts, ADW_TYPE_EXPANDER_ROW);
  g_assert_nonnull (expander);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander)), "Space "));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  pair = find_named (conflicts, "outline-pair");
  g_assert_nonnull (pair);
  mine_area = pw_area_format_with_unit (pw_polygon_area_centi (mine), FALSE);
  theirs_area = pw_area_format_with_unit (pw_polygon_area_centi (theirs), FALSE);
  want_mine = g_strdup_printf ("Mine: outline of %s", mine_area);
  want_theirs = g_strdup_printf ("Theirs: outline of %s", theirs_area);
  g_assert_cmpstr (caption_starting (pair, "Mine"), ==, want_mine);
  g_assert_cmpstr (caption_starting (pair, "Theirs"), ==, want_theirs);
  g_assert_cmpstr (mine_area, !=, theirs_area);

  g_signal_emit_by_name (require_widget (conflicts, GTK_TYPE_BUTTON, "Keep _Theirs"), "clicked");
  app_test_wait_for (settled, f, NULL, "the sync after keeping theirs");
  row = pw_store_get_row (f->store, "space", id, &error);
  g_assert_no_error (error);
  {
    g_autoptr(PwPolygon) kept = pw_polygon_new_from_json (pw_row_string (row, "outline"), &error);

    g_assert_no_error (error);
    g_assert_cmpint (pw_polygon_area_centi (kept), ==, pw_polygon_area_centi (theirs));
  }
  gtk_window_destroy (GTK_WINDOW (conflicts));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  char *scratch = app_test_init (&argc, &argv);

  g_test_add ("/sync-ui/sign-in-and-resolve", Fixture, NULL, fixture_set_up,
              test_sign_in_and_resolve, fixture_tear_down);
  g_test_add ("/sync-ui/outline-conflict", Fixture, NULL, fixture_set_up, test_outline_conflict,
              fixture_tear_down);
  g_test_add ("/sync-ui/unreachable", Fixture, NULL, fixture_set_up, test_unreachable,
              fixture_tear_down);
  g_test_add ("/sync-ui/first-sync-question", Fixture, NULL, fixture_set_up,
              test_first_sync_question, fixture_tear_down);
  return app_test_run (scratch);
}
