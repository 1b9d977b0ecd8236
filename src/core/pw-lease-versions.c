/* pw-lease-versions.c — the versions of a lease's terms and the spaces it holds to its end
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "pw-lease-private.h"
#include "pw-lease-versions.h"

void
pw_lease_version_free (PwLeaseVersion *version)
{
  if (version == NULL)
    return;
  g_free (version->effective_date);
  g_free (version->note);
  g_free (version->terms);
  g_free (version);
}

static char *
dup_text (sqlite3_stmt *stmt,
          int           i)
{
  const char *text = (const char *) sqlite3_column_text (stmt, i);

  return g_strdup (text != NULL ? text : "");
}

GPtrArray *
pw_lease_list_versions (PwStore     *store,
                        const char  *contract_id,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (contract_id != NULL, NULL);

  stmt = pw_store_prepare (store,
                           "SELECT number, effective_date, note, terms FROM contract_version"
                           " WHERE contract_id = ? ORDER BY number", error);
  if (stmt == NULL)
    return NULL;
  versions = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_lease_version_free);
  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PwLeaseVersion *version = g_new0 (PwLeaseVersion, 1);

      version->number = sqlite3_column_int64 (stmt, 0);
      version->effective_date = dup_text (stmt, 1);
      version->note = dup_text (stmt, 2);
      version->terms = dup_text (stmt, 3);
      g_ptr_array_add (versions, version);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the versions of a contract’s terms"));
      return NULL;
    }
  return g_steal_pointer (&versions);
}

char *
pw_lease_dup_terms (PwStore     *store,
                    const char  *contract_id,
                    GError     **error)
{
  gint64 number;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (contract_id != NULL, NULL);

  return pw_lease_stored_terms (store, contract_id, &number, error);
}

void
pw_lease_held_free (PwLeaseHeld *held)
{
  if (held == NULL)
    return;
  g_free (held->space_id);
  g_free (held);
}

GPtrArray *
pw_lease_spaces_to_end (PwStore     *store,
                        const char  *contract_id,
                        const char  *end_date,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) held = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (contract_id != NULL && end_date != NULL, NULL);

  stmt = pw_store_prepare (store,
                           "SELECT space_id, area FROM contract_space WHERE contract_id = ?"
                           " AND end_date = ? ORDER BY start_date", error);
  if (stmt == NULL)
    return NULL;
  held = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_lease_held_free);
  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, end_date, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PwLeaseHeld *h = g_new0 (PwLeaseHeld, 1);

      h->space_id = dup_text (stmt, 0);
      h->area = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (held, h);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the spaces a contract holds"));
      return NULL;
    }
  return g_steal_pointer (&held);
}
