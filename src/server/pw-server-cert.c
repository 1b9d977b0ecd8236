/* pw-server-cert.c — a self-signed certificate for trials, and fingerprints
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <string.h>

#include "pw-server-cert.h"
#include "pw-server-error.h"
#include "pw-server-password.h"

typedef struct gnutls_x509_crt_int PwX509Crt;
typedef struct gnutls_x509_privkey_int PwX509Key;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwX509Crt, gnutls_x509_crt_deinit)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwX509Key, gnutls_x509_privkey_deinit)

#define VALID_DAYS 825

static gboolean
tls_failed (int rc, const char *what, GError **error)
{
  /* Translators: first %s is the step (e.g. "signing"), second GnuTLS's reason */
  g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_CERTIFICATE,
               _("Could not make the certificate (%s): %s"), what, gnutls_strerror (rc));
  return FALSE;
}

static gboolean
host_is_valid (const char *host)
{
  if (host == NULL || *host == '\0' || strlen (host) > 253)
    return FALSE;
  for (const char *p = host; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != ':')
      return FALSE;
  return TRUE;
}

gboolean
pw_server_cert_generate (const char *host, const char *cert_path, const char *key_path,
                         GError **error)
{
  g_autoptr(PwX509Crt) crt = NULL;
  g_autoptr(PwX509Key) key = NULL;
  g_autoptr(GInetAddress) host_ip = NULL;
  gnutls_datum_t pem = { NULL, 0 };
  guint8 serial[16];
  guint8 key_id[64];
  size_t key_id_size = sizeof key_id;
  const guint8 loopback[4] = { 127, 0, 0, 1 };
  time_t now = time (NULL);
  gboolean ok;
  int rc;

  if (!host_is_valid (host))
    {
      g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_INVALID,
                   _("“%s” is not a host name or address"), host ? host : "");
      return FALSE;
    }
  host_ip = g_inet_address_new_from_string (host);

  if ((rc = gnutls_x509_privkey_init (&key)) < 0)
    return tls_failed (rc, "privkey_init", error);
  rc = gnutls_x509_privkey_generate (key, GNUTLS_PK_ECDSA,
                                     GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0);
  if (rc < 0)
    return tls_failed (rc, "key generation", error);

  if ((rc = gnutls_x509_crt_init (&crt)) < 0)
    return tls_failed (rc, "crt_init", error);
  if (!pw_random_bytes (serial, sizeof serial, error))
    return FALSE;
  serial[0] &= 0x7f; /* a positive integer */
  if ((rc = gnutls_x509_crt_set_version (crt, 3)) < 0
      || (rc = gnutls_x509_crt_set_serial (crt, serial, sizeof serial)) < 0
      || (rc = gnutls_x509_crt_set_activation_time (crt, now - 300)) < 0
      || (rc = gnutls_x509_crt_set_expiration_time (crt, now + (time_t) VALID_DAYS * 86400)) < 0
      || (rc = gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0, host,
                                              strlen (host))) < 0
      || (rc = gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_ORGANIZATION_NAME, 0,
                                              "Parkwise server", strlen ("Parkwise server"))) < 0
      || (rc = gnutls_x509_crt_set_key (crt, key)) < 0)
    return tls_failed (rc, "fields", error);

  if (host_ip != NULL)
    rc = gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_IPADDRESS,
                                               g_inet_address_to_bytes (host_ip),
                                               (unsigned) g_inet_address_get_native_size (host_ip),
                                               GNUTLS_FSAN_APPEND);
  else
    rc = gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_DNSNAME, host, strlen (host),
                                               GNUTLS_FSAN_APPEND);
  if (rc < 0)
    return tls_failed (rc, "subjectAltName", error);
  if (host_ip == NULL || !g_inet_address_get_is_loopback (host_ip))
    {
      rc = gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_IPADDRESS, loopback,
                                                 sizeof loopback, GNUTLS_FSAN_APPEND);
      if (rc < 0)
        return tls_failed (rc, "subjectAltName", error);
    }

  /* a self-signed trust anchor that may only serve TLS */
  if ((rc = gnutls_x509_crt_set_basic_constraints (crt, 1, 0)) < 0
      || (rc = gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE
                                                   | GNUTLS_KEY_KEY_CERT_SIGN)) < 0
      || (rc = gnutls_x509_crt_set_key_purpose_oid (crt, GNUTLS_KP_TLS_WWW_SERVER, 0)) < 0
      || (rc = gnutls_x509_crt_get_key_id (crt, 0, key_id, &key_id_size)) < 0
      || (rc = gnutls_x509_crt_set_subject_key_id (crt, key_id, key_id_size)) < 0)
    return tls_failed (rc, "extensions", error);

  if ((rc = gnutls_x509_crt_sign2 (crt, crt, key, GNUTLS_DIG_SHA256, 0)) < 0)
    return tls_failed (rc, "signing", error);

  if ((rc = gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_PEM, NULL,
                                               GNUTLS_PKCS_PLAIN, &pem)) < 0)
    return tls_failed (rc, "key export", error);
  ok = g_file_set_contents_full (key_path, (const char *) pem.data, pem.size,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, error);
  gnutls_memset (pem.data, 0, pem.size);
  gnutls_free (pem.data);
  if (!ok)
    return FALSE;

  if ((rc = gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &pem)) < 0)
    return tls_failed (rc, "certificate export", error);
  ok = g_file_set_contents_full (cert_path, (const char *) pem.data, pem.size,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, error);
  gnutls_free (pem.data);
  return ok;
}

char *
pw_server_cert_fingerprint (GTlsCertificate *cert)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  GString *out = g_string_new (NULL);

  g_object_get (cert, "certificate", &der, NULL);
  g_checksum_update (sum, der->data, der->len);
  g_checksum_get_digest (sum, digest, &len);
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, i ? ":%02X" : "%02X", digest[i]);
  return g_string_free (out, FALSE);
}

char *
pw_server_cert_fingerprint_of_file (const char *cert_path, GError **error)
{
  g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_file (cert_path, error);

  if (cert == NULL)
    return NULL;
  return pw_server_cert_fingerprint (cert);
}
