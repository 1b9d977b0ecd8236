/* pw-receivables-spaces.c — what the contracts holding spaces owe past due, by space
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are in docs/receivables.md, "Arrears by space". In short: a space shows
 * what the contract holding it owes (a bill line carries its contract), not its
 * customer's whole balance; a space that several contracts hold gives one row per
 * contract. As of a date D, a contract owes on each due date before D what its lines
 * of bills that are not cancelled billed on or before D, less the approved credit notes
 * issued and the allocations of payments paid on or before D (as ageing counts a line).
 * Its overdue amount is the sum over those due dates (a negative adjustment line lowers
 * it; a sum at or below zero is paid up), and its age is D less the oldest due date on
 * which it still owes something.
 *
 * Set-based: besides the park (and its currency), one query reads the holdings of the
 * whole floor and one what their contracts owe by due date, from the summary schema
 * 18's triggers keep by contract and due date (arrears_open, what is open now, less what
 * arrears_sum dates after D), added up here: never a query per space, no bill line read.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-date.h"
#include "pw-receivables-private.h"
#include "pw-receivables-spaces.h"

void
pw_space_arrears_free (PwSpaceArrears *a)
{
  if (a == NULL)
    return;
  g_free (a->space_id);
  g_free (a->contract_id);
  g_free (a->contract_code);
  g_free (a->customer_id);
  g_free (a->tenant);
  g_free (a->oldest_due);
  g_free (a);
}

/* ?1 the floor or park, ?2 the date; %s the condition on the space */
#define HELD_SQL                                                                           \
  "SELECT cs.space_id, c.id, c.code, c.customer_id, cu.name"                                \
  " FROM contract_space cs JOIN space s ON s.id = cs.space_id"                             \
  " JOIN contract c ON c.id = cs.contract_id LEFT JOIN customer cu ON cu.id = c.customer_id" \
  " WHERE %s AND c.status IN ('signed', 'active', 'expiring')"                             \
  " AND cs.start_date <= ?2 AND cs.end_date >= ?2"                                          \
  " ORDER BY cs.space_id, c.code, c.id"

/* What the held contracts owe by due date before ?2: what is open now (arrears_open,
 * in its key order), then what arrears_sum dates after ?2, to take back. */
#define OWED_SQL                                                                           \
  "SELECT 0, o.contract_id, o.due_date, o.amount FROM arrears_open o"                       \
  " WHERE o.due_date < ?2 AND o.contract_id IN (SELECT cs.contract_id FROM contract_space cs" \
  "  JOIN space s ON s.id = cs.space_id WHERE %s AND cs.start_date <= ?2 AND cs.end_date >= ?2)" \
  " UNION ALL SELECT 1, a.contract_id, a.due_date, a.amount FROM arrears_sum a"             \
  " INDEXED BY arrears_sum_on WHERE a.on_date > ?2 AND a.due_date < ?2"

typedef struct
{
  const char *contract_id;  /* interned in the table's keys */
  char        due_date[11];
  gint64      amount;
} Owed;

typedef struct
{
  gint64 overdue;
  char   oldest[11];        /* "" when paid up */
} Owing;

static int
compare_owed (gconstpointer a, gconstpointer b)
{
  const Owed *x = a, *y = b;
  int c = strcmp (x->contract_id, y->contract_id);

  return c != 0 ? c : strcmp (x->due_date, y->due_date);
}

/* Adds what each held contract of @owing owes as of the date, by due date. */
static gboolean
read_owed (PwStore *store, const char *where, const char *key, const char *as_of,
           GHashTable *owing, GError **error)
{
  g_autofree char *sql = g_strdup_printf (OWED_SQL, where);
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, sql, error);
  g_autoptr(GArray) owed = g_array_new (FALSE, FALSE, sizeof (Owed));
  gboolean sorted = TRUE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, as_of, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *contract = (const char *) sqlite3_column_text (stmt, 1);
      const char *due = (const char *) sqlite3_column_text (stmt, 2);
      gpointer interned;
      Owed o = { NULL, "", 0 };

      if (!g_hash_table_lookup_extended (owing, contract, &interned, NULL))
        continue;   /* a contract of another floor, dated after the day */
      o.contract_id = interned;
      g_strlcpy (o.due_date, due != NULL ? due : "", sizeof o.due_date);
      o.amount = sqlite3_column_int (stmt, 0) == 0 ? sqlite3_column_int64 (stmt, 3)
                                                    : -sqlite3_column_int64 (stmt, 3);
      if (sqlite3_column_int (stmt, 0) != 0)
        sorted = FALSE;
      g_array_append_val (owed, o);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading what the contracts holding the spaces owe"));
      return FALSE;
    }
  /* arrears_open comes in its key order; what is taken back needs a sort */
  if (!sorted)
    g_array_sort (owed, compare_owed);
  for (guint i = 0; i < owed->len;)
    {
      Owed *first = &g_array_index (owed, Owed, i);
      Owing *total = g_hash_table_lookup (owing, first->contract_id);
      gint64 sum = 0;
      guint j;

      for (j = i; j < owed->len && compare_owed (first, &g_array_index (owed, Owed, j)) == 0; j++)
        sum += g_array_index (owed, Owed, j).amount;
      total->overdue += sum;
      if (sum > 0 && (total->oldest[0] == '\0' || strcmp (first->due_date, total->oldest) < 0))
        g_strlcpy (total->oldest, first->due_date, sizeof total->oldest);
      i = j;
    }
  return TRUE;
}

GPtrArray *
pw_receivables_space_arrears (PwStore *store, const char *park_id, const char *floor_id,
                              const char *as_of, char **currency, GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_space_arrears_free);
  g_autoptr(GHashTable) owing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *park = NULL;
  g_autofree char *sql = NULL;
  const char *where = floor_id != NULL ? "s.floor_id = ?1" : "s.park_id = ?1";
  GDate day;
  int rc;

  if (as_of == NULL || !pw_date_parse_iso (as_of, &day))
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_INPUT,
                   _("“%s” is not a date of the form YYYY-MM-DD"), as_of ? as_of : "");
      return NULL;
    }
  if (floor_id != NULL)
    {
      g_autoptr(sqlite3_stmt) fl = pw_store_prepare (store, "SELECT park_id FROM floor WHERE id = ?1",
                                                     error);

      if (fl == NULL)
        return NULL;
      sqlite3_bind_text (fl, 1, floor_id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (fl);
      if (rc == SQLITE_ROW)
        park = g_strdup ((const char *) sqlite3_column_text (fl, 0));
      else if (rc != SQLITE_DONE)
        {
          pw_store_set_error (store, error, rc, _("reading the floor of the arrears"));
          return NULL;
        }
      else
        {
          g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_NOT_FOUND,
                       _("There is no floor %s"), floor_id);
          return NULL;
        }
    }
  {
    g_autofree char *found = pw_receivables_park (store, park != NULL ? park : park_id, currency,
                                                  error);

    if (found == NULL)
      return NULL;
    g_free (park);
    park = g_steal_pointer (&found);
  }
  sql = g_strdup_printf (HELD_SQL, where);
  stmt = pw_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, floor_id != NULL ? floor_id : park, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, as_of, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PwSpaceArrears *a = g_new0 (PwSpaceArrears, 1);

      a->space_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      a->contract_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      a->contract_code = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      a->customer_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      a->tenant = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      if (!g_hash_table_contains (owing, a->contract_id))
        g_hash_table_insert (owing, g_strdup (a->contract_id), g_new0 (Owing, 1));
      g_ptr_array_add (rows, a);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the contracts that hold the spaces"));
      return NULL;
    }
  if (rows->len > 0
      && !read_owed (store, where, floor_id != NULL ? floor_id : park, as_of, owing, error))
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      PwSpaceArrears *a = g_ptr_array_index (rows, i);
      Owing *o = g_hash_table_lookup (owing, a->contract_id);
      GDate due;

      if (o->overdue > 0 && o->oldest[0] != '\0' && pw_date_parse_iso (o->oldest, &due))
        {
          a->overdue = o->overdue;
          a->oldest_due = g_strdup (o->oldest);
          a->days = g_date_days_between (&due, &day);
        }
    }
  return g_steal_pointer (&rows);
}
