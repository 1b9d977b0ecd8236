/* push-util.h — raw pushes of chosen mutations, as a client that is not the desktop
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Client is a signed-in user with its own client id and mutation numbers. Pushes are
 * built with core's codec (pw_sync_push_add) and sent over HTTPS with net-util.h. */
#pragma once

#include <stdarg.h>

#include "net-util.h"

typedef struct
{
  char   *client_id;
  gint64  next_mid;
  char   *token;
} Client;

static inline void
client_clear (Client *c)
{
  g_clear_pointer (&c->client_id, g_free);
  g_clear_pointer (&c->token, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Client, client_clear)

/* Fields from name/value pairs, NULL-terminated: "#12" is a whole number, "?true" and
 * "?false" booleans, "!" null, anything else text. */
static inline JsonObject *
fields_of (const char *first, ...)
{
  JsonObject *o = json_object_new ();
  const char *name = first;
  va_list ap;

  va_start (ap, first);
  while (name != NULL)
    {
      const char *value = va_arg (ap, const char *);
      if (value != NULL && value[0] == '?')
        json_object_set_boolean_member (o, name, g_str_equal (value, "?true"));
      else if (value != NULL && value[0] == '#')
        json_object_set_int_member (o, name, g_ascii_strtoll (value + 1, NULL, 10));
      else if (value != NULL && g_str_equal (value, "!"))
        json_object_set_null_member (o, name);
      else
        json_object_set_string_member (o, name, value);
      name = va_arg (ap, const char *);
    }
  va_end (ap);
  return o;
}

static inline void
client_sign_in (TestServer *ts, Client *c, const char *user, const char *password)
{
  g_auto(Reply) r = { 0 };

  c->client_id = pw_uuid_new ();
  c->next_mid = 1;
  c->token = sign_in_as (ts, &r, user, password, NULL);
  if (r.status != 201)
    g_error ("signing in %s: %u %s", user, r.status, r.body);
}

/* Sends @push as @c; the results array, or NULL when the whole push was refused (the
 * reply stays in @r). Advances @c's numbers past the push's new mutations. */
static inline JsonArray *
client_send (TestServer *ts, Reply *r, Client *c, PwSyncPush *push)
{
  g_autofree char *body = pw_sync_push_encode (push);
  g_autofree char *auth = g_strconcat ("Authorization: Bearer ", c->token, NULL);
  const char *headers[] = { auth, NULL };
  JsonArray *results;

  send_request (ts, r, "POST", "/v1/sync/push", "application/json", body, -1, headers);
  if (r->status != 200)
    return NULL;
  results = json_object_get_array_member (json_node_get_object (r->json), "results");
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      gint64 mid = json_object_get_int_member (json_array_get_object_element (results, i), "mid");
      c->next_mid = MAX (c->next_mid, mid + 1);
    }
  return results;
}

/* Pushes one mutation (taking @fields) as @c; its result, or NULL when the whole push
 * was refused. */
static inline JsonObject *
push_one (TestServer *ts, Reply *r, Client *c, const char *entity, const char *id,
          PwMutationOp op, gint64 base_version, JsonObject *fields)
{
  g_autoptr(PwSyncPush) push = pw_sync_push_new (c->client_id);
  JsonArray *results;

  pw_sync_push_add (push, c->next_mid, entity, id, op, base_version, fields);
  if (fields != NULL)
    json_object_unref (fields);
  results = client_send (ts, r, c, push);
  if (results == NULL)
    return NULL;
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  return json_array_get_object_element (results, 0);
}

static inline const char *
result_of (JsonObject *result)
{
  return json_object_get_string_member (result, "result");
}

static inline const char *
reason_of (JsonObject *result)
{
  return json_object_get_string_member_with_default (result, "reason", "");
}

/* Asserts @result is @kind (and, when not NULL, for @reason); shows the reply if not. */
static inline void
assert_result_full (JsonObject *result, const char *kind, const char *reason, Reply *r)
{
  if (result == NULL || g_strcmp0 (result_of (result), kind) != 0
      || (reason != NULL && g_strcmp0 (reason_of (result), reason) != 0))
    g_error ("expected %s %s: %u %s", kind, reason ? reason : "", r->status, r->body);
}

#define assert_result(result, kind, reason, r) assert_result_full ((result), (kind), (reason), (r))
