/* pw-server-config.c — the server's configuration file (DIR/server.conf)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GKeyFile with the groups [server] and [limits]; every key is optional when read and a
 * missing one takes the default written by `parkwise-server init`. docs/server.md lists them. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "pw-server-config.h"
#include "pw-server-error.h"

char *
pw_server_config_path (const char *dir)
{
  return g_build_filename (dir, PW_SERVER_CONFIG_FILE, NULL);
}

char *
pw_server_config_db_path (PwServerConfig *config)
{
  return g_build_filename (config->dir, PW_SERVER_DATABASE_FILE, NULL);
}

PwServerConfig *
pw_server_config_new_default (const char *dir)
{
  PwServerConfig *c = g_new0 (PwServerConfig, 1);

  c->dir = g_canonicalize_filename (dir, NULL);
  c->address = g_strdup ("127.0.0.1");
  c->port = 8443;
  c->certificate = g_build_filename (c->dir, PW_SERVER_CERT_FILE, NULL);
  c->key = g_build_filename (c->dir, PW_SERVER_KEY_FILE, NULL);
  c->trusted_proxies = g_new0 (char *, 1);
  c->max_body = 1024 * 1024;
  c->request_timeout = 30;
  c->idle_timeout = 15;
  c->max_connections = 4000;
  c->max_connections_per_address = 128;
  c->failure_log_window = 60;
  c->session_idle = 30 * 60;
  c->session_absolute = 12 * 60 * 60;
  c->change_log_keep = 90 * 24 * 60 * 60;
  c->pair_burst = 5;
  c->pair_interval = 60;
  c->address_burst = 30;
  c->address_interval = 2;
  c->account_burst = 20;
  c->account_interval = 3;
  c->account_max_delay = 10;
  c->push_user_burst = 120;
  c->push_user_interval = 0.1;
  c->push_address_burst = 240;
  c->push_address_interval = 0.05;
  return c;
}

void
pw_server_config_free (PwServerConfig *c)
{
  if (c == NULL)
    return;
  g_free (c->dir);
  g_free (c->address);
  g_free (c->certificate);
  g_free (c->key);
  g_strfreev (c->trusted_proxies);
  g_free (c);
}

static gboolean
bad_key (const char *group, const char *key, const char *path, const char *why, GError **error)
{
  /* Translators: "[group] key" in the configuration file, its path, then the reason */
  g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_CONFIG,
               _("[%s] %s in %s: %s"), group, key, path, why);
  return FALSE;
}

static gboolean
read_int (GKeyFile *kf, const char *group, const char *key, gint64 min, gint64 max,
          gint64 *out, const char *path, GError **error)
{
  g_autoptr(GError) local = NULL;
  gint64 v;

  if (!g_key_file_has_key (kf, group, key, NULL))
    return TRUE;
  v = g_key_file_get_int64 (kf, group, key, &local);
  if (local != NULL)
    return bad_key (group, key, path, _("not a whole number"), error);
  if (v < min || v > max)
    {
      g_autofree char *lo = g_strdup_printf ("%" G_GINT64_FORMAT, min);
      g_autofree char *hi = g_strdup_printf ("%" G_GINT64_FORMAT, max);
      /* Translators: the smallest and the largest value a setting accepts */
      g_autofree char *why = g_strdup_printf (_("must be between %s and %s"), lo, hi);
      return bad_key (group, key, path, why, error);
    }
  *out = v;
  return TRUE;
}

static gboolean
read_double (GKeyFile *kf, const char *group, const char *key, double min, double max,
             double *out, const char *path, GError **error)
{
  g_autoptr(GError) local = NULL;
  double v;

  if (!g_key_file_has_key (kf, group, key, NULL))
    return TRUE;
  v = g_key_file_get_double (kf, group, key, &local);
  if (local != NULL)
    return bad_key (group, key, path, _("not a number"), error);
  if (!(v >= min && v <= max))
    {
      g_autofree char *why = g_strdup_printf (_("must be between %g and %g"), min, max);
      return bad_key (group, key, path, why, error);
    }
  *out = v;
  return TRUE;
}

static char *
read_path (GKeyFile *kf, const char *group, const char *key, const char *dir, const char *dflt)
{
  g_autofree char *v = g_key_file_get_string (kf, group, key, NULL);

  if (v == NULL || *v == '\0')
    return g_strdup (dflt);
  return g_canonicalize_filename (v, dir);
}

PwServerConfig *
pw_server_config_load (const char *dir, GError **error)
{
  g_autoptr(PwServerConfig) c = pw_server_config_new_default (dir);
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *path = pw_server_config_path (c->dir);
  g_autofree char *address = NULL;
  gint64 port = c->port, max_body = (gint64) c->max_body;
  gint64 request_timeout = c->request_timeout, idle_timeout = c->idle_timeout;
  gint64 max_connections = c->max_connections;
  gint64 per_address = c->max_connections_per_address;
  gint64 failure_window = c->failure_log_window;
  char *tmp;

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, error))
    return NULL;

  address = g_key_file_get_string (kf, "server", "address", NULL);
  if (address != NULL)
    {
      g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (g_strstrip (address));
      if (inet == NULL)
        {
          bad_key ("server", "address", path, _("not an IP address"), error);
          return NULL;
        }
      g_free (c->address);
      c->address = g_steal_pointer (&address);
    }
  if (!read_int (kf, "server", "port", 0, 65535, &port, path, error))
    return NULL;
  c->port = (guint) port;

  tmp = read_path (kf, "server", "certificate", c->dir, c->certificate);
  g_free (c->certificate);
  c->certificate = tmp;
  tmp = read_path (kf, "server", "key", c->dir, c->key);
  g_free (c->key);
  c->key = tmp;

  if (g_key_file_has_key (kf, "server", "trusted_proxies", NULL))
    {
      g_auto(GStrv) list = g_key_file_get_string_list (kf, "server", "trusted_proxies", NULL,
                                                       NULL);
      for (guint i = 0; list != NULL && list[i] != NULL; i++)
        {
          g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (g_strstrip (list[i]));
          if (inet == NULL)
            {
              bad_key ("server", "trusted_proxies", path, _("not a list of IP addresses"),
                       error);
              return NULL;
            }
        }
      g_strfreev (c->trusted_proxies);
      c->trusted_proxies = list ? g_steal_pointer (&list) : g_new0 (char *, 1);
    }

  if (!read_int (kf, "limits", "max_body", 1024, 64 * 1024 * 1024, &max_body, path, error)
      || !read_int (kf, "limits", "request_timeout", 1, 3600, &request_timeout, path, error)
      || !read_int (kf, "limits", "idle_timeout", 1, 3600, &idle_timeout, path, error)
      || !read_int (kf, "limits", "max_connections", 1, 1000000, &max_connections, path, error)
      || !read_int (kf, "limits", "max_connections_per_address", 1, 1000000, &per_address,
                    path, error)
      || !read_int (kf, "limits", "failure_log_window", 1, 86400, &failure_window, path, error)
      || !read_double (kf, "limits", "push_user_burst", 1, 1000000, &c->push_user_burst, path,
                       error)
      || !read_double (kf, "limits", "push_user_interval", 0.0001, 86400,
                       &c->push_user_interval, path, error)
      || !read_double (kf, "limits", "push_address_burst", 1, 1000000, &c->push_address_burst,
                       path, error)
      || !read_double (kf, "limits", "push_address_interval", 0.0001, 86400,
                       &c->push_address_interval, path, error)
      || !read_int (kf, "limits", "session_idle", 1, 30 * 24 * 3600, &c->session_idle, path,
                    error)
      || !read_int (kf, "limits", "session_absolute", 1, 365 * 24 * 3600, &c->session_absolute,
                    path, error)
      || !read_int (kf, "limits", "change_log_keep", 1, G_GINT64_CONSTANT (100) * 365 * 24 * 3600,
                    &c->change_log_keep, path, error)
      || !read_double (kf, "limits", "signin_pair_burst", 1, 1000, &c->pair_burst, path, error)
      || !read_double (kf, "limits", "signin_pair_interval", 0.001, 86400, &c->pair_interval,
                       path, error)
      || !read_double (kf, "limits", "signin_address_burst", 1, 100000, &c->address_burst, path,
                       error)
      || !read_double (kf, "limits", "signin_address_interval", 0.001, 86400,
                       &c->address_interval, path, error)
      || !read_double (kf, "limits", "signin_account_burst", 1, 100000, &c->account_burst, path,
                       error)
      || !read_double (kf, "limits", "signin_account_interval", 0.001, 86400,
                       &c->account_interval, path, error)
      || !read_double (kf, "limits", "signin_account_max_delay", 0, 60, &c->account_max_delay,
                       path, error))
    return NULL;
  c->max_body = (gsize) max_body;
  c->request_timeout = (guint) request_timeout;
  c->idle_timeout = (guint) idle_timeout;
  c->max_connections = (guint) max_connections;
  c->max_connections_per_address = (guint) per_address;
  c->failure_log_window = (guint) failure_window;
  if (c->session_absolute < c->session_idle)
    {
      bad_key ("limits", "session_absolute", path,
               _("must not be shorter than session_idle"), error);
      return NULL;
    }
  return g_steal_pointer (&c);
}

gboolean
pw_server_config_save (PwServerConfig *c, GError **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *path = pw_server_config_path (c->dir);
  g_autofree char *data = NULL;
  gsize len = 0;

  g_key_file_set_string (kf, "server", "address", c->address);
  g_key_file_set_comment (kf, "server", "address",
                          " The address to listen on; 0.0.0.0 or :: for every interface", NULL);
  g_key_file_set_integer (kf, "server", "port", (int) c->port);
  g_key_file_set_string (kf, "server", "certificate", c->certificate);
  g_key_file_set_string (kf, "server", "key", c->key);
  g_key_file_set_string_list (kf, "server", "trusted_proxies",
                              (const char *const *) c->trusted_proxies,
                              g_strv_length (c->trusted_proxies));
  g_key_file_set_comment (kf, "server", "trusted_proxies",
                          " Reverse proxies whose X-Forwarded-For names the client", NULL);
  g_key_file_set_int64 (kf, "limits", "max_body", (gint64) c->max_body);
  g_key_file_set_comment (kf, "limits", "max_body", " Largest request body in bytes", NULL);
  g_key_file_set_integer (kf, "limits", "request_timeout", (int) c->request_timeout);
  g_key_file_set_comment (kf, "limits", "request_timeout",
                          " Seconds a client has to send a whole request", NULL);
  g_key_file_set_integer (kf, "limits", "idle_timeout", (int) c->idle_timeout);
  g_key_file_set_comment (kf, "limits", "idle_timeout",
                          " Seconds a connection may stay silent, kept alive or not", NULL);
  g_key_file_set_integer (kf, "limits", "max_connections", (int) c->max_connections);
  g_key_file_set_integer (kf, "limits", "max_connections_per_address",
                          (int) c->max_connections_per_address);
  g_key_file_set_comment (kf, "limits", "max_connections",
                          " Connections open at once, in all and from one address", NULL);
  g_key_file_set_integer (kf, "limits", "failure_log_window", (int) c->failure_log_window);
  g_key_file_set_comment (kf, "limits", "failure_log_window",
                          " Seconds over which repeated refusals share one security-log row",
                          NULL);
  g_key_file_set_int64 (kf, "limits", "session_idle", c->session_idle);
  g_key_file_set_comment (kf, "limits", "session_idle",
                          " Seconds a session lives unused, and at most in all", NULL);
  g_key_file_set_int64 (kf, "limits", "session_absolute", c->session_absolute);
  g_key_file_set_int64 (kf, "limits", "change_log_keep", c->change_log_keep);
  g_key_file_set_comment (kf, "limits", "change_log_keep",
                          " Seconds changes are kept for pulls; older cursors get 410 and"
                          "\n bootstrap again", NULL);
  g_key_file_set_double (kf, "limits", "signin_pair_burst", c->pair_burst);
  g_key_file_set_comment (kf, "limits", "signin_pair_burst",
                          " Failed sign-ins allowed at once, then one per interval (seconds):"
                          "\n per account and address, per address, and per account (which"
                          "\n only delays sign-ins, by at most signin_account_max_delay)", NULL);
  g_key_file_set_double (kf, "limits", "signin_pair_interval", c->pair_interval);
  g_key_file_set_double (kf, "limits", "signin_address_burst", c->address_burst);
  g_key_file_set_double (kf, "limits", "signin_address_interval", c->address_interval);
  g_key_file_set_double (kf, "limits", "signin_account_burst", c->account_burst);
  g_key_file_set_double (kf, "limits", "signin_account_interval", c->account_interval);
  g_key_file_set_double (kf, "limits", "signin_account_max_delay", c->account_max_delay);
  g_key_file_set_double (kf, "limits", "push_user_burst", c->push_user_burst);
  g_key_file_set_comment (kf, "limits", "push_user_burst",
                          " Pushes allowed at once, then one per interval (seconds): per user"
                          "\n and per address", NULL);
  g_key_file_set_double (kf, "limits", "push_user_interval", c->push_user_interval);
  g_key_file_set_double (kf, "limits", "push_address_burst", c->push_address_burst);
  g_key_file_set_double (kf, "limits", "push_address_interval", c->push_address_interval);

  data = g_key_file_to_data (kf, &len, error);
  if (data == NULL)
    return FALSE;
  return g_file_set_contents_full (path, data, (gssize) len,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}
