/* pw-server-password.c — argon2id password hashes and the random source
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hashes are argon2id encoded strings ($argon2id$v=19$m=...,t=...,p=...$salt$hash), so the
 * parameters travel with each hash and can be raised later. libargon2 compares the
 * computed and the stored hash in constant time. */
#include "config.h"

#include <argon2.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/random.h>

#include "pw-server-error.h"
#include "pw-server-password.h"

#define SALT_LEN 16
#define HASH_LEN 32

G_DEFINE_QUARK (pw-server-error-quark, pw_server_error)

gboolean
pw_random_bytes (guint8 *buf, gsize len, GError **error)
{
  gsize done = 0;

  /* getrandom(2) from the kernel's CSPRNG; never GRand */
  while (done < len)
    {
      ssize_t n = getrandom (buf + done, len - done, 0);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_CRYPTO,
                       _("The system's random source failed: %s"), g_strerror (errno));
          return FALSE;
        }
      done += (gsize) n;
    }
  return TRUE;
}

gboolean
pw_password_check_policy (const char *password, GError **error)
{
  glong chars;

  if (password == NULL || !g_utf8_validate (password, -1, NULL))
    {
      g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_INVALID,
                   _("The password is not valid UTF-8 text"));
      return FALSE;
    }
  chars = g_utf8_strlen (password, -1);
  if (chars < PW_PASSWORD_MIN_LENGTH)
    {
      g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_INVALID,
                   _("The password is too short: at least %d characters are needed"),
                   PW_PASSWORD_MIN_LENGTH);
      return FALSE;
    }
  if (strlen (password) > PW_PASSWORD_MAX_LENGTH)
    {
      g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_INVALID,
                   _("The password is too long: at most %d bytes are accepted"),
                   PW_PASSWORD_MAX_LENGTH);
      return FALSE;
    }
  return TRUE;
}

char *
pw_password_hash (const char *password, GError **error)
{
  guint8 salt[SALT_LEN];
  gsize enc_len = argon2_encodedlen (PW_PASSWORD_T_COST, PW_PASSWORD_M_COST_KIB,
                                     PW_PASSWORD_LANES, SALT_LEN, HASH_LEN, Argon2_id);
  g_autofree char *encoded = g_malloc0 (enc_len);
  int rc;

  if (!pw_random_bytes (salt, sizeof salt, error))
    return NULL;
  rc = argon2id_hash_encoded (PW_PASSWORD_T_COST, PW_PASSWORD_M_COST_KIB, PW_PASSWORD_LANES,
                              password, strlen (password), salt, sizeof salt, HASH_LEN,
                              encoded, enc_len);
  if (rc != ARGON2_OK)
    {
      g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_CRYPTO,
                   _("Could not hash the password: %s"), argon2_error_message (rc));
      return NULL;
    }
  return g_steal_pointer (&encoded);
}

gboolean
pw_password_verify (const char *encoded, const char *password)
{
  if (encoded == NULL || password == NULL || !g_str_has_prefix (encoded, "$argon2id$"))
    return FALSE;
  return argon2id_verify (encoded, password, strlen (password)) == ARGON2_OK;
}

static gpointer
make_dummy_hash (gpointer data)
{
  guint8 secret[32];
  g_autofree char *text = NULL;
  char *hash;

  /* a hash of random bytes nobody knows, with the same cost as a real one */
  if (!pw_random_bytes (secret, sizeof secret, NULL))
    memset (secret, 0x5a, sizeof secret);
  text = g_base64_encode (secret, sizeof secret);
  hash = pw_password_hash (text, NULL);
  memset (secret, 0, sizeof secret);
  return hash;
}

static GOnce dummy_once = G_ONCE_INIT;

void
pw_password_prepare_dummy (void)
{
  g_once (&dummy_once, make_dummy_hash, NULL);
}

void
pw_password_verify_dummy (const char *password)
{
  const char *dummy = g_once (&dummy_once, make_dummy_hash, NULL);

  (void) pw_password_verify (dummy, password ? password : "");
}
