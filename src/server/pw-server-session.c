/* pw-server-session.c — sign-in, sessions and the log of refused sign-ins
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *  1. Failed sign-ins are limited per (account, address) and per address, which refuse
 *     with 429, and per account over all addresses, which delays: a guesser on one address
 *     cannot lock the real user out from another. An address from which the account has
 *     signed in before (since the server started) is not held back by the account-wide
 *     limit at all, and an address that has not failed for the account yet is delayed up
 *     to signin_account_max_delay before anything is refused; only addresses that keep
 *     guessing while the account is drained get 429.
 *  2. Refused sign-ins are logged once per (event, account, address) and window: the first
 *     at once, the repeats as one row with their count when the window ends, and at most
 *     MAX_FAILURE_KEYS keys per window (the rest in one row), so a flood costs a bounded
 *     number of durable writes and journal lines.
 *  3. Tokens and passwords never reach a log. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-server-error.h"
#include "pw-server-password.h"
#include "pw-server-private.h"

#define TOKEN_BYTES        32          /* 256 random bits */
#define TOKEN_TEXT_MAX     128
#define MAX_KNOWN          100000      /* (account, address) pairs that signed in */
#define KNOWN_DAYS         90          /* how far back a restart remembers them */
#define MAX_FAILURE_KEYS   1000
#define OTHER_KEY          "\001other"

/* A timeout in the server's context (the thread's, in tests), not the global one. */
static void
add_timeout (PwServer *self, guint ms, GSourceFunc func, gpointer data)
{
  g_autoptr(GSource) source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, self->context);
}

static char *
hash_token (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

static char *
new_token (GError **error)
{
  guint8 raw[TOKEN_BYTES];
  g_autofree char *b64 = NULL;

  if (!pw_random_bytes (raw, sizeof raw, error))
    return NULL;
  b64 = g_base64_encode (raw, sizeof raw);
  memset (raw, 0, sizeof raw);
  /* base64url without padding: safe in a header without quoting */
  for (char *p = b64; *p; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return g_steal_pointer (&b64);
}

/* The token of "Authorization: Bearer TOKEN", or NULL when absent or malformed. */
static char *
bearer_token (PwHttpRequest *msg)
{
  const char *value = pw_http_request_get_header (msg, "Authorization");
  const char *token;
  gsize len;

  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return NULL;
  token = value + 7;
  while (*token == ' ')
    token++;
  len = strlen (token);
  if (len == 0 || len > TOKEN_TEXT_MAX)
    return NULL;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (token[i]) && token[i] != '-' && token[i] != '_')
      return NULL;
  return g_strdup (token);
}

static void add_account (JsonBuilder *b, PwServer *self, PwServerUser *user, GPtrArray *grants);

/* ---- the log of refused sign-ins ----------------------------------------------- */

typedef struct
{
  char  *event;
  char  *user_name;
  char  *address;
  guint  repeats;   /* since the first, which was logged at once */
} Failure;

static void
failure_free (gpointer data)
{
  Failure *f = data;

  g_free (f->event);
  g_free (f->user_name);
  g_free (f->address);
  g_free (f);
}

GHashTable *
pw_server_new_failure_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, failure_free);
}

/* Logs @event for (@user_name, @address) unless it was logged in this window already, in
 * which case it is counted for pw_server_flush_failures. */
void
pw_server_log_repeated (PwServer *self, const char *event, const char *user_name,
                        const char *address, const char *detail)
{
  g_autofree char *key = g_strconcat (event, "\n", user_name, "\n", address, NULL);
  Failure *f = g_hash_table_lookup (self->failures, key);

  if (f == NULL && g_hash_table_size (self->failures) >= MAX_FAILURE_KEYS)
    {
      /* too many different sources: one row for all the others */
      g_free (key);
      key = g_strconcat (event, "\n", OTHER_KEY, NULL);
      f = g_hash_table_lookup (self->failures, key);
      if (f == NULL)
        {
          f = g_new0 (Failure, 1);
          f->event = g_strdup (event);
          g_hash_table_insert (self->failures, g_steal_pointer (&key), f);
        }
      f->repeats++;
      return;
    }
  if (f != NULL)
    {
      f->repeats++;
      return;
    }
  f = g_new0 (Failure, 1);
  f->event = g_strdup (event);
  f->user_name = g_strdup (user_name);
  f->address = g_strdup (address);
  g_hash_table_insert (self->failures, g_steal_pointer (&key), f);
  pw_server_log_security (self->db, event, user_name, address, detail);
}

void
pw_server_flush_failures (PwServer *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->failures);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Failure *f = value;

      if (f->repeats > 0)
        {
          g_autofree char *detail = NULL;

          if (f->user_name == NULL && f->address == NULL)
            detail = g_strdup_printf ("%u more from sources not logged one by one", f->repeats);
          else
            detail = g_strdup_printf ("%u more in the last %u s", f->repeats,
                                      self->config->failure_log_window);
          pw_server_log_security (self->db, f->event, f->user_name, f->address, detail);
        }
    }
  g_hash_table_remove_all (self->failures);
}

/* ---- sign-in ------------------------------------------------------------------------- */

typedef struct
{
  PwServer      *server;
  PwHttpRequest *msg;
  char          *address;
  char          *name;         /* as given */
  char          *account_key;  /* case-folded */
  char          *pair_key;
  char          *password;
  PwServerUser  *user;         /* NULL for an unknown account */
  gboolean       verified;
  gboolean       took_account; /* holds a token of the account-wide limit */
} SignIn;

static void
sign_in_free (SignIn *s)
{
  g_clear_pointer (&s->msg, pw_http_request_unref);
  g_clear_object (&s->server);
  g_free (s->address);
  g_free (s->name);
  g_free (s->account_key);
  g_free (s->pair_key);
  if (s->password != NULL)
    memset (s->password, 0, strlen (s->password));
  g_free (s->password);
  pw_server_user_free (s->user);
  g_free (s);
}

static void
verify_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  SignIn *s = data;

  if (s->user != NULL)
    s->verified = pw_password_verify (s->user->password, s->password);
  else
    pw_password_verify_dummy (s->password);
  memset (s->password, 0, strlen (s->password));
  g_task_return_boolean (task, TRUE);
}

static void
sign_in_release (SignIn *s)
{
  gint64 now = g_get_monotonic_time ();

  pw_rate_limit_release (s->server->pair_limit, s->pair_key, now);
  pw_rate_limit_release (s->server->address_limit, s->address, now);
  if (s->took_account)
    pw_rate_limit_release (s->server->account_limit, s->account_key, now);
}

/* Remembers that the account signed in from this address: its sign-ins from there are
 * not held back by guessers elsewhere. */
static void
remember_address (PwServer *self, const char *pair_key)
{
  if (g_hash_table_size (self->known_addresses) >= MAX_KNOWN)
    g_hash_table_remove_all (self->known_addresses);
  g_hash_table_add (self->known_addresses, g_strdup (pair_key));
}

/* At start, the addresses each account signed in from in the last KNOWN_DAYS, from the
 * security log: a restart does not hand the real user back to the guessers' queue. */
gboolean
pw_server_load_known_addresses (PwServer *self, GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) since = g_date_time_add_days (now, -KNOWN_DAYS);
  g_autofree char *since_iso = g_date_time_format (since, "%Y-%m-%dT%H:%M:%S.%fZ");
  g_autoptr(GPtrArray) pairs = pw_server_db_list_signin_pairs (self->db, since_iso, MAX_KNOWN,
                                                               error);

  if (pairs == NULL)
    return FALSE;
  for (guint i = 0; i < pairs->len; i++)
    g_hash_table_add (self->known_addresses, g_strdup (g_ptr_array_index (pairs, i)));
  return TRUE;
}

static void
sign_in_respond (SignIn *s)
{
  PwServer *self = s->server;
  PwHttpRequest *msg = s->msg;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) grants = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  gint64 now;

  if (!s->verified)
    {
      pw_server_log_repeated (self, "signin_failed", s->name, s->address,
                              s->user ? "wrong password" : "unknown account");
      pw_server_send_error (msg, 401, "invalid_credentials",
                            _("The user name or the password is wrong"));
      return;
    }
  /* a right password does not count against any limit */
  sign_in_release (s);
  if (s->user->disabled)
    {
      pw_server_log_security (self->db, "disabled", s->user->name, s->address,
                              "sign-in to a disabled account");
      pw_server_send_error (msg, 403, "account_disabled",
                            _("This account has been disabled"));
      return;
    }

  now = g_get_real_time ();
  token = new_token (&error);
  if (token != NULL)
    {
      token_hash = hash_token (token);
      grants = pw_server_db_list_grants (self->db, s->user->id, &error);
    }
  if (grants == NULL
      || !pw_server_db_create_session (self->db, token_hash, s->user->id, now, s->address,
                                       &error))
    {
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                        "MESSAGE", "sign-in failed on the server: %s", error->message);
      pw_server_send_error (msg, 500, "server_error",
                            _("The server could not start a session; try again"));
      return;
    }
  remember_address (self, s->pair_key);
  pw_server_log_security (self->db, "signin_ok", s->user->name, s->address, NULL);

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "token");
  json_builder_add_string_value (b, token);
  json_builder_set_member_name (b, "expires_in");
  json_builder_add_int_value (b, self->config->session_absolute);
  {
    g_autoptr(GDateTime) end = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC
                                                              + self->config->session_absolute);
    g_autofree char *iso = g_date_time_format_iso8601 (end);
    json_builder_set_member_name (b, "expires_at");
    json_builder_add_string_value (b, iso);
  }
  add_account (b, self, s->user, grants);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  pw_server_send_json (msg, 201, node);
}

static void
verify_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  SignIn *s = data;

  sign_in_respond (s);
  pw_http_request_unpause (s->msg);
  /* freed here, in the server's context: the worker may drop the task's last reference */
  sign_in_free (s);
}

static void
sign_in_verify (SignIn *s)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, verify_done_cb, s);

  g_task_set_task_data (task, s, NULL);
  g_task_run_in_thread (task, verify_thread);
}

static gboolean
sign_in_delayed_cb (gpointer data)
{
  sign_in_verify (data);
  return G_SOURCE_REMOVE;
}

void
pw_server_handle_sign_in (PwServer *self, PwHttpRequest *msg, const char *address)
{
  static const char *const members[] = { "user", "password", "schema_version", NULL };
  g_autoptr(JsonObject) obj = pw_server_read_json_object (self, msg);
  g_autoptr(GError) error = NULL;
  const char *name, *password;
  SignIn *s;
  gint64 now = g_get_monotonic_time ();
  gint64 wait = 0, account_wait = 0;
  gint64 max_delay = (gint64) (self->config->account_max_delay * G_USEC_PER_SEC);
  gboolean pair_ok, address_ok = FALSE, account_ok = FALSE, fresh;

  /* the version first: a newer client's different shape is "unsupported", not "invalid" */
  if (obj == NULL || !pw_server_body_schema_version (msg, obj)
      || !pw_server_check_members (msg, obj, members))
    return;
  name = pw_server_string_member (msg, obj, "user", 64);
  password = name ? pw_server_string_member (msg, obj, "password", PW_PASSWORD_MAX_LENGTH)
                  : NULL;
  if (password == NULL)
    return;

  s = g_new0 (SignIn, 1);
  s->server = g_object_ref (self);
  s->msg = pw_http_request_ref (msg);
  s->address = g_strdup (address);
  s->name = g_strdup (name);
  s->account_key = g_utf8_casefold (name, -1);
  s->pair_key = g_strconcat (s->account_key, "\n", address, NULL);
  s->password = g_strdup (password);

  /* an address that has not failed for this account lately */
  fresh = pw_rate_limit_is_full (self->pair_limit, s->pair_key, now);
  pair_ok = pw_rate_limit_reserve (self->pair_limit, s->pair_key, now, 0, &wait);
  if (pair_ok)
    address_ok = pw_rate_limit_reserve (self->address_limit, s->address, now, 0, &wait);
  if (address_ok && g_hash_table_contains (self->known_addresses, s->pair_key))
    account_ok = TRUE;
  else if (address_ok)
    {
      /* guessers that failed already get no credit from the account's allowance, so
       * the delays it gives are left to addresses not seen guessing */
      account_ok = pw_rate_limit_reserve (self->account_limit, s->account_key, now,
                                          fresh ? max_delay : 0, &account_wait);
      s->took_account = account_ok;
    }
  if (!account_ok)
    {
      /* give back whichever reservations succeeded before the refusal */
      if (pair_ok)
        pw_rate_limit_release (self->pair_limit, s->pair_key, now);
      if (address_ok)
        {
          pw_rate_limit_release (self->address_limit, s->address, now);
          wait = account_wait;
        }
      pw_server_log_repeated (self, "rate_limited", s->name, s->address, NULL);
      pw_server_send_retry_after (msg, wait, _("Too many failed sign-ins; try again later"));
      sign_in_free (s);
      return;
    }

  s->user = pw_server_db_find_user (self->db, name, &error);
  if (error != NULL)
    {
      sign_in_release (s);
      sign_in_free (s);
      pw_server_send_error (msg, 500, "server_error",
                            _("The server could not read the account; try again"));
      return;
    }

  pw_http_request_pause (msg);
  if (account_wait > 0)
    add_timeout (self, (guint) (account_wait / 1000), sign_in_delayed_cb, s);
  else
    sign_in_verify (s);
}

/* ---- sessions ---------------------------------------------------------------------- */

/* Refusals of bad tokens are logged, but a flood of them from one address is not: each
 * would cost a durable write. */
static void
log_denied (PwServer *self, const char *event, const char *address, const char *detail)
{
  gint64 wait;

  if (pw_rate_limit_reserve (self->denied_log_limit, address, g_get_monotonic_time (), 0, &wait))
    pw_server_log_security (self->db, event, NULL, address, detail);
}

PwServerUser *
pw_server_authenticate (PwServer *self, PwHttpRequest *msg, const char *address,
                        char **token_hash_out)
{
  g_autofree char *token = bearer_token (msg);
  g_autofree char *token_hash = NULL;
  g_autoptr(GError) error = NULL;
  PwServerUser *user = NULL;
  PwSessionStatus status;
  gint64 idle_us = self->config->session_idle * G_USEC_PER_SEC;

  if (token == NULL)
    {
      pw_http_request_set_header (msg, "WWW-Authenticate", "Bearer");
      log_denied (self, "denied", address, "no or malformed token");
      pw_server_send_error (msg, 401, "unauthenticated",
                            _("Sign in first: this request needs an Authorization: Bearer token"));
      return NULL;
    }
  token_hash = hash_token (token);
  memset (token, 0, strlen (token));
  status = pw_server_db_check_session (self->db, token_hash, g_get_real_time (), idle_us,
                                       self->config->session_absolute * G_USEC_PER_SEC,
                                       MIN (60 * G_USEC_PER_SEC, idle_us / 4), &user, &error);
  if (error != NULL)
    {
      pw_server_send_error (msg, 500, "server_error",
                            _("The server could not check the session; try again"));
      return NULL;
    }
  if (status != PW_SESSION_VALID)
    {
      static const char *const reasons[] = { "valid", "unknown token", "expired", "disabled" };
      pw_http_request_set_header (msg, "WWW-Authenticate", "Bearer error=\"invalid_token\"");
      log_denied (self, status == PW_SESSION_DISABLED ? "disabled" : "denied", address,
                  reasons[status]);
      if (status == PW_SESSION_EXPIRED)
        pw_server_send_error (msg, 401, "session_expired",
                              _("The session has expired; sign in again"));
      else
        pw_server_send_error (msg, 401, "invalid_token",
                              _("The session is not valid; sign in again"));
      return NULL;
    }
  if (token_hash_out != NULL)
    *token_hash_out = g_steal_pointer (&token_hash);
  return user;
}

static void
add_account (JsonBuilder *b, PwServer *self, PwServerUser *user, GPtrArray *grants)
{
  json_builder_set_member_name (b, "user");
  json_builder_add_string_value (b, user->name);
  json_builder_set_member_name (b, "user_id");
  json_builder_add_string_value (b, user->id);
  json_builder_set_member_name (b, "admin");
  json_builder_add_boolean_value (b, user->is_admin);
  json_builder_set_member_name (b, "idle_timeout");
  json_builder_add_int_value (b, self->config->session_idle);
  json_builder_set_member_name (b, "schema_version");
  json_builder_add_int_value (b, MAX_CLIENT_SCHEMA);
  json_builder_set_member_name (b, "grants");
  json_builder_begin_array (b);
  for (guint i = 0; i < grants->len; i++)
    {
      PwServerGrant *g = g_ptr_array_index (grants, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "park");
      json_builder_add_string_value (b, g->park_code ? g->park_code : g->park_id);
      json_builder_set_member_name (b, "park_id");
      if (g->park_id != NULL)
        json_builder_add_string_value (b, g->park_id);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, g->role);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* GET /v1/session: who the session belongs to and what it may reach. */
void
pw_server_handle_session_info (PwServer *self, PwHttpRequest *msg, GHashTable *query,
                               const char *address)
{
  g_autoptr(PwServerUser) user = pw_server_authenticate (self, msg, address, NULL);
  g_autoptr(GPtrArray) grants = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (user == NULL || !pw_server_check_query_schema_version_full (msg, query, FALSE))
    return;
  grants = pw_server_db_list_grants (self->db, user->id, NULL);
  if (grants == NULL)
    {
      pw_server_send_error (msg, 500, "server_error",
                            _("The server could not read the account; try again"));
      return;
    }
  b = json_builder_new ();
  json_builder_begin_object (b);
  add_account (b, self, user, grants);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  pw_server_send_json (msg, 200, node);
}

void
pw_server_handle_sign_out (PwServer *self, PwHttpRequest *msg, GHashTable *query,
                           const char *address)
{
  g_autofree char *token_hash = NULL;
  g_autoptr(PwServerUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = pw_server_authenticate (self, msg, address, &token_hash);
  if (user == NULL || !pw_server_check_query_schema_version_full (msg, query, FALSE))
    return;
  if (!pw_server_db_delete_session (self->db, token_hash, &error))
    {
      pw_server_send_error (msg, 500, "server_error",
                            _("The server could not end the session; try again"));
      return;
    }
  pw_server_log_security (self->db, "signout", user->name, address, NULL);
  pw_http_request_set_response (msg, 204, NULL, NULL, 0);
}

