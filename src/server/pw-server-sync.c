/* pw-server-sync.c — the sync routes: push, pull and bootstrap
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *  1. Every request is authorised against its session (by the caller) and its grants.
 *  2. Pushes are limited per user and per address before any of them is decoded: 429
 *     rate_limited with Retry-After, so a client cannot write without bound.
 *  3. Refusals by permission are logged once per user, address and window (with counts). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-server-private.h"

/* Who is asking and what they may do where: the account and its grants, parks by id. */
static PwSyncActor *
actor_for (PwServer *self, PwServerUser *user, GError **error)
{
  g_autoptr(PwSyncActor) actor = pw_sync_actor_new (user->id, user->is_admin);
  g_autoptr(GPtrArray) grants = pw_server_db_list_grants (self->db, user->id, error);

  if (grants == NULL)
    return NULL;
  for (guint i = 0; i < grants->len; i++)
    {
      PwServerGrant *g = g_ptr_array_index (grants, i);
      int role = pw_sync_role_from_string (g->role);

      /* by the park's id, never its code; a pending grant gives nothing until the park
       * created with its code arrives */
      if (g->park_id != NULL && role >= 0)
        pw_sync_actor_grant (actor, g->park_id, (PwSyncRole) role);
    }
  return g_steal_pointer (&actor);
}

static void
send_object (PwHttpRequest *msg, JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  pw_server_send_json (msg, 200, node);
}

static guint
count_forbidden (JsonObject *response)
{
  JsonArray *results = json_object_has_member (response, "results")
                       ? json_object_get_array_member (response, "results") : NULL;
  guint n = 0;

  for (guint i = 0; results != NULL && i < json_array_get_length (results); i++)
    {
      JsonObject *r = json_array_get_object_element (results, i);
      const char *reason = r && json_object_has_member (r, "reason")
                           ? json_object_get_string_member_with_default (r, "reason", NULL)
                           : NULL;
      if (reason != NULL && g_str_has_prefix (reason, "forbidden"))
        n++;
    }
  return n;
}

/* Takes a push from the user's and the address's allowance, or answers 429. */
static gboolean
check_push_limits (PwServer *self, PwHttpRequest *msg, PwServerUser *user, const char *address)
{
  gint64 now = g_get_monotonic_time ();
  gint64 wait = 0;

  if (!pw_rate_limit_reserve (self->push_address_limit, address, now, 0, &wait))
    ;
  else if (!pw_rate_limit_reserve (self->push_user_limit, user->id, now, 0, &wait))
    pw_rate_limit_release (self->push_address_limit, address, now);
  else
    return TRUE;
  pw_server_log_repeated (self, "rate_limited", user->name, address, "push");
  pw_server_send_retry_after (msg, wait, _("Too many pushes; try again later"));
  return FALSE;
}

void
pw_server_handle_push (PwServer *self, PwHttpRequest *msg, GHashTable *query,
                       PwServerUser *user, const char *address)
{
  static const char *const params[] = { NULL };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSyncPush) push = NULL;
  g_autoptr(PwSyncActor) actor = NULL;
  g_autoptr(JsonObject) response = NULL;
  guint forbidden;

  if (!check_push_limits (self, msg, user, address)
      || !pw_server_check_query (msg, query, params) || !pw_server_check_json_type (msg))
    return;
  bytes = pw_http_request_get_body (msg);
  push = pw_sync_push_decode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  if (push == NULL)
    {
      pw_server_send_gerror (msg, error);
      return;
    }
  actor = actor_for (self, user, &error);
  if (actor != NULL)
    response = pw_sync_server_push (pw_server_db_get_store (self->db), actor, push, &error);
  if (response == NULL)
    {
      if (g_error_matches (error, PW_SYNC_ERROR, PW_SYNC_ERROR_FORBIDDEN_CLIENT))
        pw_server_log_security (self->db, "denied", user->name, address,
                                "push from another user's client id");
      pw_server_send_gerror (msg, error);
      return;
    }
  forbidden = count_forbidden (response);
  if (forbidden > 0)
    {
      g_autofree char *detail = g_strdup_printf ("push: %u mutations refused by permission",
                                                 forbidden);
      pw_server_log_repeated (self, "denied", user->name, address, detail);
    }
  send_object (msg, response);
}

void
pw_server_handle_pull (PwServer *self, PwHttpRequest *msg, GHashTable *query, PwServerUser *user)
{
  static const char *const params[] = { "cursor", "limit", "schema_version", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSyncActor) actor = NULL;
  g_autoptr(JsonObject) page = NULL;
  gint64 cursor, limit;

  if (!pw_server_check_query (msg, query, params)
      || !pw_server_check_query_schema_version (msg, query)
      || !pw_server_query_int (msg, query, "cursor", 0, G_MAXINT64, 0, &cursor)
      || !pw_server_query_int (msg, query, "limit", 1, PW_SYNC_MAX_LIMIT, PW_SYNC_DEFAULT_LIMIT,
                               &limit))
    return;
  actor = actor_for (self, user, &error);
  if (actor != NULL)
    page = pw_sync_server_pull (pw_server_db_get_store (self->db), actor, cursor, (guint) limit,
                                &error);
  if (page == NULL)
    {
      pw_server_send_gerror (msg, error);
      return;
    }
  send_object (msg, page);
}

void
pw_server_handle_bootstrap (PwServer *self, PwHttpRequest *msg, GHashTable *query,
                            PwServerUser *user)
{
  static const char *const params[] = { "token", "limit", "schema_version", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSyncActor) actor = NULL;
  g_autoptr(JsonObject) page = NULL;
  const char *token = query ? g_hash_table_lookup (query, "token") : NULL;
  gint64 limit;

  if (!pw_server_check_query (msg, query, params)
      || !pw_server_check_query_schema_version (msg, query)
      || !pw_server_query_int (msg, query, "limit", 1, PW_SYNC_MAX_LIMIT, PW_SYNC_DEFAULT_LIMIT,
                               &limit))
    return;
  if (token != NULL && (strlen (token) == 0 || strlen (token) > 1024))
    {
      pw_server_send_error (msg, 400, "invalid_parameter",
                            _("Parameter “token” must be the “next” of a bootstrap page"));
      return;
    }
  actor = actor_for (self, user, &error);
  if (actor != NULL)
    page = pw_sync_server_bootstrap (pw_server_db_get_store (self->db), actor, token,
                                     (guint) limit, &error);
  if (page == NULL)
    {
      pw_server_send_gerror (msg, error);
      return;
    }
  send_object (msg, page);
}

