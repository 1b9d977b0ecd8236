/* pw-lease.c — lease contracts in the store: lifecycle, versions, the spaces they hold
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-area.h"
#include "pw-code-pattern.h"
#include "pw-contract.h"
#include "pw-customer.h"
#include "pw-schedule.h"
#include "pw-text.h"
#include "pw-lease.h"
#include "pw-ledger.h"
#include "pw-row.h"

static const struct {
  const char *id;
  const char *label;
} statuses[PW_N_CONTRACT_STATUSES] = {
  { "draft", N_("Draft") },
  { "submitted", N_("Submitted") },
  { "approved", N_("Approved") },
  { "signed", N_("Signed") },
  { "active", N_("Active") },
  { "expiring", N_("Expiring") },
  { "renewed", N_("Renewed") },
  { "terminated", N_("Terminated") },
  { "expired", N_("Expired") },
};

const char *
pw_contract_status_to_string (PwContractStatus status)
{
  g_return_val_if_fail ((guint) status < PW_N_CONTRACT_STATUSES, NULL);
  return statuses[status].id;
}

int
pw_contract_status_from_string (const char *text)
{
  for (guint i = 0; i < PW_N_CONTRACT_STATUSES; i++)
    if (g_strcmp0 (text, statuses[i].id) == 0)
      return (int) i;
  return -1;
}

const char *
pw_contract_status_get_label (PwContractStatus status)
{
  g_return_val_if_fail ((guint) status < PW_N_CONTRACT_STATUSES, NULL);
  return _(statuses[status].label);
}

gboolean
pw_contract_status_can_become (PwContractStatus from, PwContractStatus to)
{
  switch (from)
    {
    case PW_CONTRACT_DRAFT:
      return to == PW_CONTRACT_SUBMITTED;
    case PW_CONTRACT_SUBMITTED:
      return to == PW_CONTRACT_APPROVED || to == PW_CONTRACT_DRAFT;
    case PW_CONTRACT_APPROVED:
      return to == PW_CONTRACT_SIGNED || to == PW_CONTRACT_DRAFT;
    case PW_CONTRACT_SIGNED:
      return to == PW_CONTRACT_ACTIVE || to == PW_CONTRACT_TERMINATED;
    case PW_CONTRACT_ACTIVE:
      return to == PW_CONTRACT_EXPIRING || to == PW_CONTRACT_TERMINATED
             || to == PW_CONTRACT_RENEWED || to == PW_CONTRACT_EXPIRED;
    case PW_CONTRACT_EXPIRING:
      return to == PW_CONTRACT_RENEWED || to == PW_CONTRACT_TERMINATED
             || to == PW_CONTRACT_EXPIRED;
    case PW_CONTRACT_RENEWED:
    case PW_CONTRACT_TERMINATED:
    case PW_CONTRACT_EXPIRED:
    default:
      return FALSE;
    }
}

gboolean
pw_contract_status_holds (PwContractStatus status)
{
  return status >= PW_CONTRACT_SUBMITTED && status <= PW_CONTRACT_EXPIRING;
}

static char *current_terms (PwStore *store, const char *contract_id, gint64 number, GError **error);
static gboolean compute_schedule (const char *contract_id, gint64 number, const char *terms,
                                  GPtrArray *pending, GError **error);
static gboolean write_pending (PwStore *store, gpointer data, GError **error);
static void pending_free (gpointer data);
static char *stored_terms (PwStore *store, const char *contract_id, gint64 *number, GError **error);

/* ---- validation ------------------------------------------------------------------- */

static gboolean
require_range (JsonObject *row, GError **error)
{
  const char *start = pw_row_string (row, "start_date"), *end = pw_row_string (row, "end_date");

  if (!pw_row_require_date (row, "start_date", FALSE, error)
      || !pw_row_require_date (row, "end_date", FALSE, error))
    return FALSE;
  if (strcmp (end, start) < 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "end_date",
                               _("%s is before the start, %s"), end, start);
  return TRUE;
}

/* Refuses @space_id held from @start to @end by a contract other than @contract_id
 * that holds its spaces, naming that contract. */
static gboolean
check_overlap (PwStore *store, const char *contract_id, const char *space_id,
               const char *start, const char *end, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT c.code, cs.start_date, cs.end_date, s.code FROM contract_space cs"
    " JOIN contract c ON c.id = cs.contract_id JOIN space s ON s.id = cs.space_id"
    " WHERE cs.space_id = ?1 AND cs.contract_id <> ?2"
    " AND c.status IN ('submitted', 'approved', 'signed', 'active', 'expiring')"
    " AND cs.start_date <= ?4 AND cs.end_date >= ?3 LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, space_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, contract_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, end, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *other = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      g_autofree char *from = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_autofree char *to = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_autofree char *space = g_strdup ((const char *) sqlite3_column_text (stmt, 3));

      sqlite3_reset (stmt);
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   _("Space %s is already held by contract %s from %s to %s"), space, other,
                   from, to);
      return FALSE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("checking the spaces a contract holds"));
      return FALSE;
    }
  return TRUE;
}

/* Every space of @contract_id against the other contracts. */
static gboolean
check_contract_spaces (PwStore *store, const char *contract_id, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT space_id, start_date, end_date FROM contract_space WHERE contract_id = ?", error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int c = 0; c < 3; c++)
      g_ptr_array_add (rows, g_strdup ((const char *) sqlite3_column_text (stmt, c)));
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("checking the spaces a contract holds"));
      return FALSE;
    }
  for (guint i = 0; i < rows->len; i += 3)
    if (!check_overlap (store, contract_id, rows->pdata[i], rows->pdata[i + 1], rows->pdata[i + 2],
                        error))
      return FALSE;
  return TRUE;
}

static int
contract_status_of (PwStore *store, const char *contract_id, GError **error)
{
  g_autoptr(JsonObject) row = pw_store_get_row (store, "contract", contract_id, error);

  return row ? pw_contract_status_from_string (pw_row_string (row, "status")) : -1;
}

/* A JSON object of at most 1 MiB, nested no deeper than 64, checked before json-glib
 * parses it (json-glib 1.6 recurses without a limit). */
static gboolean
require_terms (JsonObject *row, GError **error)
{
  const char *terms = pw_row_string (row, "terms");
  g_autoptr(JsonParser) parser = json_parser_new ();
  int depth = 0, max = 0;
  gboolean in_string = FALSE;

  if (terms == NULL || strlen (terms) > 1024 * 1024)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "terms",
                               _("must be the contract’s JSON form, at most 1 MiB"));
  for (const char *p = terms; *p; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        in_string = TRUE;
      else if (*p == '{' || *p == '[')
        max = MAX (max, ++depth);
      else if (*p == '}' || *p == ']')
        depth--;
    }
  if (max > 64)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "terms",
                               _("nested more than 64 levels deep"));
  if (!json_parser_load_from_data (parser, terms, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "terms",
                               _("must be a JSON object"));
  /* the contract's documented JSON form, strictly (docs/contract-format.md) */
  {
    g_autoptr(GError) local = NULL;
    g_autoptr(PwContract) contract = pw_contract_parse (terms, -1, &local);

    if (contract == NULL)
      return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "terms", "%s",
                                 local->message);
  }
  return TRUE;
}

gboolean
pw_lease_validate (PwStore *store, const char *entity, JsonObject *row, JsonObject *before,
                   GError **error)
{
  if (g_str_equal (entity, "contract"))
    {
      int status = pw_contract_status_from_string (pw_row_string (row, "status"));
      gint64 years_end, start_year;
      const char *start, *end;
      g_autoptr(GError) code_error = NULL;

      if (!pw_code_is_valid (pw_row_string (row, "code"), &code_error))
        return pw_row_field_error (error, PW_LEDGER_ERROR_BAD_CODE, "code", "%s",
                                   code_error->message);
      if (status < 0)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status",
                                   _("“%s” is not a contract status"),
                                   pw_row_string (row, "status") ? pw_row_string (row, "status") : "");
      if (!require_range (row, error) || !pw_row_require_date (row, "signed_date", TRUE, error)
          || !pw_row_require_date (row, "ended_date", TRUE, error))
        return FALSE;
      start = pw_row_string (row, "start_date");
      end = pw_row_string (row, "end_date");
      start_year = g_ascii_strtoll (start, NULL, 10);
      years_end = g_ascii_strtoll (end, NULL, 10);
      if (years_end - start_year > PW_LEASE_MAX_YEARS
          || (years_end - start_year == PW_LEASE_MAX_YEARS && strcmp (end + 4, start + 4) >= 0))
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "end_date",
                                   _("a lease term cannot exceed %d years"), PW_LEASE_MAX_YEARS);
      if (before != NULL)
        {
          int was = pw_contract_status_from_string (pw_row_string (before, "status"));

          if (was >= 0 && was != status && !pw_contract_status_can_become (was, status))
            return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status",
                                       _("a contract cannot go from %s to %s"),
                                       pw_contract_status_get_label (was),
                                       pw_contract_status_get_label (status));
        }
      else if (status != PW_CONTRACT_DRAFT)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status",
                                   _("a new contract is a draft"));
      if (status >= PW_CONTRACT_SIGNED && status <= PW_CONTRACT_EXPIRING
          && pw_row_string (row, "signed_date") == NULL)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "signed_date",
                                   _("a signed contract needs its signing date"));
      if (pw_contract_status_holds (status)
          && !check_contract_spaces (store, pw_row_string (row, "id"), error))
        return FALSE;
      return TRUE;
    }

  if (g_str_equal (entity, "contract_space"))
    {
      gint64 area;
      int status;

      if (!require_range (row, error))
        return FALSE;
      if (!pw_row_int (row, "area", &area) || area < 0)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "area",
                                   _("must be an area of zero or more"));
      status = contract_status_of (store, pw_row_string (row, "contract_id"), NULL);
      if (status >= 0 && pw_contract_status_holds (status)
          && !check_overlap (store, pw_row_string (row, "contract_id"),
                             pw_row_string (row, "space_id"), pw_row_string (row, "start_date"),
                             pw_row_string (row, "end_date"), error))
        return FALSE;
      return TRUE;
    }

  if (g_str_equal (entity, "contract_version"))
    {
      gint64 number;

      if (!pw_row_int (row, "number", &number) || number < 1)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "number",
                                   _("must be a whole number from 1"));
      return pw_row_require_date (row, "effective_date", FALSE, error) && require_terms (row, error);
    }

  if (g_str_equal (entity, "schedule_line"))
    return pw_row_require_date (row, "period_start", FALSE, error)
           && pw_row_require_date (row, "period_end", FALSE, error)
           && pw_row_require_date (row, "bill_date", FALSE, error)
           && pw_row_require_date (row, "due_date", FALSE, error);

  return TRUE;
}

/* ---- changes ---------------------------------------------------------------------- */

char *
pw_lease_create (PwStore            *store,
                 const char         *park_id,
                 const char         *code,
                 const char         *customer_id,
                 const char         *start_date,
                 const char         *end_date,
                 const PwLeaseSpace *spaces,
                 guint               n_spaces,
                 const char         *terms,
                 GError            **error)
{
  g_autoptr(GPtrArray) muts = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  PwMutation *m = pw_mutation_new_insert ("contract", NULL);
  g_autofree char *id = g_strdup (pw_mutation_get_id (m));

  pw_mutation_set_string (m, "park_id", park_id);
  pw_mutation_set_string (m, "code", code);
  if (customer_id != NULL)
    pw_mutation_set_string (m, "customer_id", customer_id);
  pw_mutation_set_string (m, "status", "draft");
  pw_mutation_set_string (m, "start_date", start_date);
  pw_mutation_set_string (m, "end_date", end_date);
  pw_mutation_set_int (m, "current_version", 1);
  g_ptr_array_add (muts, m);

  m = pw_mutation_new_insert ("contract_version", NULL);
  pw_mutation_set_string (m, "contract_id", id);
  pw_mutation_set_int (m, "number", 1);
  pw_mutation_set_string (m, "effective_date", start_date);
  pw_mutation_set_string (m, "terms", terms);
  g_ptr_array_add (muts, m);

  for (guint i = 0; i < n_spaces; i++)
    {
      m = pw_mutation_new_insert ("contract_space", NULL);
      pw_mutation_set_string (m, "contract_id", id);
      pw_mutation_set_string (m, "space_id", spaces[i].space_id);
      pw_mutation_set_string (m, "start_date", start_date);
      pw_mutation_set_string (m, "end_date", end_date);
      pw_mutation_set_int (m, "area", spaces[i].area);
      g_ptr_array_add (muts, m);
    }
  if (!pw_store_apply_all (store, (PwMutation **) muts->pdata, muts->len, error))
    return NULL;
  return g_steal_pointer (&id);
}

/* Whether a contract other than @contract_id holds @space_id on @date: then that
 * contract, not this one, says what the space is now. */
static int
held_by_other (PwStore *store, const char *space_id, const char *contract_id, const char *date,
               GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT 1 FROM contract_space cs JOIN contract c ON c.id = cs.contract_id"
    " WHERE cs.space_id = ?1 AND cs.contract_id <> ?2"
    " AND c.status IN ('submitted', 'approved', 'signed', 'active', 'expiring')"
    " AND cs.start_date <= ?3 AND cs.end_date >= ?3 LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, space_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, contract_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, date, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return 1;
  if (rc == SQLITE_DONE)
    return 0;
  pw_store_set_error (store, error, rc, _("checking the spaces a contract holds"));
  return -1;
}

/* The mutations that move a space to @to (and its history row), if it is not there. */
static gboolean
add_space_status (PwStore *store, GPtrArray *muts, const char *space_id, const char *to,
                  const char *date, const char *reason, GError **error)
{
  g_autoptr(JsonObject) row = pw_store_get_row (store, "space", space_id, error);
  const char *from;
  gint64 version;
  PwMutation *m;

  if (row == NULL)
    return FALSE;
  from = pw_row_string (row, "status");
  if (g_strcmp0 (from, to) == 0 || !pw_row_int (row, "version", &version))
    return TRUE;
  m = pw_mutation_new_update ("space", space_id, version);
  pw_mutation_set_string (m, "status", to);
  pw_mutation_set_string (m, "status_since", date);
  g_ptr_array_add (muts, m);
  m = pw_mutation_new_insert ("space_status", NULL);
  pw_mutation_set_string (m, "space_id", space_id);
  pw_mutation_set_string (m, "from_status", from);
  pw_mutation_set_string (m, "to_status", to);
  pw_mutation_set_string (m, "effective_date", date);
  pw_mutation_set_string (m, "reason", reason);
  g_ptr_array_add (muts, m);
  return TRUE;
}

gboolean
pw_lease_transition (PwStore          *store,
                     const char       *contract_id,
                     PwContractStatus  status,
                     const char       *date,
                     const char       *reason,
                     GError          **error)
{
  return pw_lease_transition_full (store, contract_id, status, date, reason, NULL, error);
}

gboolean
pw_lease_transition_full (PwStore          *store,
                          const char       *contract_id,
                          PwContractStatus  status,
                          const char       *date,
                          const char       *reason,
                          const char       *penalty,
                          GError          **error)
{
  g_autoptr(JsonObject) row = pw_store_get_row (store, "contract", contract_id, error);
  g_autoptr(GPtrArray) muts = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *why = NULL;
  const char *space_status = NULL;
  gint64 version;
  PwMutation *m;
  int rc;

  if (row == NULL)
    return FALSE;
  if (!pw_date_is_valid (date))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "date",
                               _("“%s” is not a date of the form YYYY-MM-DD"), date ? date : "");
  pw_row_int (row, "version", &version);
  /* TRANSLATORS: the reason a space's status changes with its contract: code, new status */
  why = g_strdup_printf (_("Contract %s: %s"), pw_row_string (row, "code"),
                         reason && *reason ? reason : pw_contract_status_get_label (status));

  m = pw_mutation_new_update ("contract", contract_id, version);
  pw_mutation_set_string (m, "status", pw_contract_status_to_string (status));
  if (status == PW_CONTRACT_SIGNED)
    pw_mutation_set_string (m, "signed_date", date);
  if (status == PW_CONTRACT_TERMINATED || status == PW_CONTRACT_EXPIRED)
    pw_mutation_set_string (m, "ended_date", date);
  g_ptr_array_add (muts, m);

  if (status == PW_CONTRACT_SUBMITTED || status == PW_CONTRACT_APPROVED)
    space_status = "reserved";
  else if (status == PW_CONTRACT_SIGNED || status == PW_CONTRACT_ACTIVE)
    space_status = "leased";
  else if (status == PW_CONTRACT_DRAFT || status == PW_CONTRACT_TERMINATED
           || status == PW_CONTRACT_EXPIRED)
    space_status = "available";

  stmt = pw_store_prepare (store,
    "SELECT id, version, space_id, end_date FROM contract_space WHERE contract_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *space_id = (const char *) sqlite3_column_text (stmt, 2);
      const char *end = (const char *) sqlite3_column_text (stmt, 3);

      if (status == PW_CONTRACT_TERMINATED && strcmp (end, date) > 0)
        {
          m = pw_mutation_new_update ("contract_space", (const char *) sqlite3_column_text (stmt, 0),
                                      sqlite3_column_int64 (stmt, 1));
          pw_mutation_set_string (m, "end_date", date);
          g_ptr_array_add (muts, m);
        }
      if (space_status != NULL)
        {
          int other = held_by_other (store, space_id, contract_id, date, error);

          if (other < 0)
            return FALSE;
          if (other == 0 && !add_space_status (store, muts, space_id, space_status, date, why, error))
            return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the spaces a contract holds"));
      return FALSE;
    }
  /* A running contract ended early settles as its terms say (B15, E27): a new
   * version of the terms carries the termination, and the schedule is written
   * again with its credits, the penalty and the deposit's offset. */
  if (status == PW_CONTRACT_TERMINATED)
    {
      int was = pw_contract_status_from_string (pw_row_string (row, "status"));

      if (was >= PW_CONTRACT_SIGNED && was <= PW_CONTRACT_EXPIRING)
        {
          g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (pending_free);
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(JsonGenerator) generator = json_generator_new ();
          g_autofree char *settled = NULL;
          gint64 number;
          g_autofree char *terms = stored_terms (store, contract_id, &number, error);
          JsonObject *object, *termination;
          PwMutation *v;

          if (terms == NULL || !json_parser_load_from_data (parser, terms, -1, error))
            return FALSE;
          object = json_node_get_object (json_parser_get_root (parser));
          termination = json_object_new ();
          json_object_set_string_member (termination, "date", date);
          if (penalty != NULL && *penalty != '\0')
            json_object_set_string_member (termination, "penalty", penalty);
          json_object_set_object_member (object, "termination", termination);
          json_generator_set_root (generator, json_parser_get_root (parser));
          settled = json_generator_to_data (generator, NULL);

          pw_mutation_set_int (g_ptr_array_index (muts, 0), "current_version", number + 1);
          v = pw_mutation_new_insert ("contract_version", NULL);
          pw_mutation_set_string (v, "contract_id", contract_id);
          pw_mutation_set_int (v, "number", number + 1);
          pw_mutation_set_string (v, "effective_date", date);
          pw_mutation_set_string (v, "terms", settled);
          /* TRANSLATORS: the note of the terms' version a termination writes */
          pw_mutation_set_string (v, "note", _("Terminated early"));
          g_ptr_array_add (muts, v);
          if (!compute_schedule (contract_id, number + 1, settled, pending, error))
            return FALSE;
          return pw_store_apply_all_full (store, (PwMutation **) muts->pdata, muts->len,
                                          write_pending, pending, error);
        }
    }

  /* a signed contract bills: its schedule is written with the signature */
  if (status == PW_CONTRACT_SIGNED)
    {
      g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (pending_free);
      gint64 number;
      g_autofree char *terms = stored_terms (store, contract_id, &number, error);

      if (terms == NULL || !compute_schedule (contract_id, number, terms, pending, error))
        return FALSE;
      return pw_store_apply_all_full (store, (PwMutation **) muts->pdata, muts->len, write_pending,
                                      pending, error);
    }
  return pw_store_apply_all (store, (PwMutation **) muts->pdata, muts->len, error);
}

int
pw_lease_amend (PwStore    *store,
                const char *contract_id,
                const char *effective_date,
                const char *terms,
                const char *note,
                GError    **error)
{
  g_autoptr(JsonObject) row = pw_store_get_row (store, "contract", contract_id, error);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  g_autoptr(PwMutation) update = NULL;
  g_autoptr(PwMutation) insert = NULL;
  gint64 version, current;
  int status;

  if (row == NULL)
    return -1;
  status = pw_contract_status_from_string (pw_row_string (row, "status"));
  if (status == PW_CONTRACT_RENEWED || status == PW_CONTRACT_TERMINATED
      || status == PW_CONTRACT_EXPIRED)
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status",
                          _("a contract that has ended cannot be amended"));
      return -1;
    }
  if (effective_date == NULL || strcmp (effective_date, pw_row_string (row, "start_date")) < 0
      || strcmp (effective_date, pw_row_string (row, "end_date")) > 0)
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "effective_date",
                          _("an amendment takes effect within the term, from %s to %s"),
                          pw_row_string (row, "start_date"), pw_row_string (row, "end_date"));
      return -1;
    }
  pw_row_int (row, "version", &version);
  pw_row_int (row, "current_version", &current);
  update = pw_mutation_new_update ("contract", contract_id, version);
  pw_mutation_set_int (update, "current_version", current + 1);
  insert = pw_mutation_new_insert ("contract_version", NULL);
  pw_mutation_set_string (insert, "contract_id", contract_id);
  pw_mutation_set_int (insert, "number", current + 1);
  pw_mutation_set_string (insert, "effective_date", effective_date);
  pw_mutation_set_string (insert, "terms", terms);
  pw_mutation_set_string (insert, "note", note ? note : "");
  g_ptr_array_add (all, g_steal_pointer (&update));
  g_ptr_array_add (all, g_steal_pointer (&insert));
  /* a running contract's schedule follows its terms */
  if (status >= PW_CONTRACT_SIGNED)
    {
      g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (pending_free);

      if (!compute_schedule (contract_id, current + 1, terms, pending, error)
          || !pw_store_apply_all_full (store, (PwMutation **) all->pdata, all->len, write_pending,
                                       pending, error))
        return -1;
      return (int) current + 1;
    }
  if (!pw_store_apply_all (store, (PwMutation **) all->pdata, all->len, error))
    return -1;
  return (int) current + 1;
}

/* ---- the schedule in the store ---------------------------------------------------------- */

static char *
current_terms (PwStore *store, const char *contract_id, gint64 number, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT terms FROM contract_version WHERE contract_id = ? AND number = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, number);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc == SQLITE_DONE)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                 _("The contract has no version %d of its terms"), (int) number);
  else
    pw_store_set_error (store, error, rc, _("reading a contract’s terms"));
  return NULL;
}

/* Schedules waiting to be written, as derived records of their contracts. */
typedef struct
{
  char       *contract_id;
  gint64      number;
  PwSchedule *schedule;
} PendingSchedule;

static void
pending_free (gpointer data)
{
  PendingSchedule *p = data;

  g_free (p->contract_id);
  pw_schedule_free (p->schedule);
  g_free (p);
}

/* Computes the schedule of @terms (version @number) and adds it to @pending. */
static gboolean
compute_schedule (const char *contract_id, gint64 number, const char *terms, GPtrArray *pending,
                  GError **error)
{
  g_autoptr(PwContract) contract = pw_contract_parse (terms, -1, error);
  PwSchedule *schedule;
  PendingSchedule *p;

  if (contract == NULL)
    return FALSE;
  schedule = pw_schedule_compute (contract, error);
  if (schedule == NULL)
    return FALSE;
  p = g_new0 (PendingSchedule, 1);
  p->contract_id = g_strdup (contract_id);
  p->number = number;
  p->schedule = schedule;
  g_ptr_array_add (pending, p);
  return TRUE;
}

/* PwStoreDerivedFunc: replaces each contract's schedule lines. The line ids are
 * named by (contract, charge, kind, period start), so writing again never adds. */
static gboolean
write_pending (PwStore *store, gpointer data, GError **error)
{
  GPtrArray *pending = data;
  sqlite3_stmt *del = pw_store_prepare_cached (store,
    "DELETE FROM schedule_line WHERE contract_id = ?", error);
  sqlite3_stmt *ins = pw_store_prepare_cached (store,
    "INSERT INTO schedule_line (id, version, contract_id, contract_version, charge, kind, seller,"
    " period_start, period_end, bill_date, due_date, gross, net, tax, basis, explanation,"
    " created_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  const char *now = pw_store_get_tx_time (store);

  if (del == NULL || ins == NULL)
    return FALSE;
  for (guint i = 0; i < pending->len; i++)
    {
      PendingSchedule *p = g_ptr_array_index (pending, i);

      sqlite3_bind_text (del, 1, p->contract_id, -1, SQLITE_STATIC);
      if (!pw_store_step_done (store, del, error))
        return FALSE;
      for (guint k = 0; k < p->schedule->lines->len; k++)
        {
          PwScheduleLine *line = g_ptr_array_index (p->schedule->lines, k);
          /* named by (contract terms' id, charge, kind, period start): unique within
           * the contract, which is all the key (contract_id, id) asks */
          const char *id = line->line_id;
          char start[11], end[11], bill[11], due[11];

          pw_text_iso_date (&line->start, start);
          pw_text_iso_date (&line->end, end);
          pw_text_iso_date (&line->bill_date, bill);
          pw_text_iso_date (&line->due_date, due);
          sqlite3_bind_text (ins, 1, id, -1, SQLITE_STATIC);
          sqlite3_bind_text (ins, 2, p->contract_id, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (ins, 3, p->number);
          sqlite3_bind_text (ins, 4, line->charge, -1, SQLITE_STATIC);
          sqlite3_bind_text (ins, 5, pw_line_kind_to_string (line->kind), -1, SQLITE_STATIC);
          sqlite3_bind_text (ins, 6, line->seller ? line->seller : "", -1, SQLITE_STATIC);
          sqlite3_bind_text (ins, 7, start, -1, SQLITE_STATIC);
          sqlite3_bind_text (ins, 8, end, -1, SQLITE_STATIC);
          sqlite3_bind_text (ins, 9, bill, -1, SQLITE_STATIC);
          sqlite3_bind_text (ins, 10, due, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (ins, 11, line->gross);
          sqlite3_bind_int64 (ins, 12, line->net);
          sqlite3_bind_int64 (ins, 13, line->tax);
          sqlite3_bind_text (ins, 14, line->basis ? line->basis : "", -1, SQLITE_STATIC);
          sqlite3_bind_text (ins, 15, line->explanation ? line->explanation : "", -1, SQLITE_STATIC);
          sqlite3_bind_text (ins, 16, now, -1, SQLITE_STATIC);
          sqlite3_bind_text (ins, 17, now, -1, SQLITE_STATIC);
          if (!pw_store_step_done (store, ins, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* The current version of a contract's terms and its number. */
static char *
stored_terms (PwStore *store, const char *contract_id, gint64 *number, GError **error)
{
  g_autoptr(JsonObject) row = pw_store_get_row (store, "contract", contract_id, error);

  if (row == NULL)
    return NULL;
  *number = 1;
  pw_row_int (row, "current_version", number);
  return current_terms (store, contract_id, *number, error);
}

gboolean
pw_lease_write_schedules (PwStore *store, const char *const *contract_ids, guint n, GError **error)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (pending_free);

  for (guint i = 0; i < n; i++)
    {
      gint64 number;
      g_autofree char *terms = stored_terms (store, contract_ids[i], &number, error);

      if (terms == NULL || !compute_schedule (contract_ids[i], number, terms, pending, error))
        return FALSE;
    }
  return pw_store_apply_all_full (store, NULL, 0, write_pending, pending, error);
}

gboolean
pw_lease_write_schedule_derived (PwStore *store, const char *contract_id, GError **error)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (pending_free);
  gint64 number;
  g_autofree char *terms = stored_terms (store, contract_id, &number, error);

  if (terms == NULL || !compute_schedule (contract_id, number, terms, pending, error))
    return FALSE;
  return write_pending (store, pending, error);
}

gboolean
pw_lease_write_schedule (PwStore *store, const char *contract_id, GError **error)
{
  return pw_lease_write_schedules (store, &contract_id, 1, error);
}

/* ---- reading ------------------------------------------------------------------------ */

char *
pw_lease_find (PwStore *store, const char *park_id, const char *code, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT id FROM contract WHERE code = ?1 AND (?2 IS NULL OR park_id = ?2)", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, park_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc == SQLITE_DONE)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, _("No contract “%s”"), code);
  else
    pw_store_set_error (store, error, rc, _("reading contracts"));
  return NULL;
}

GPtrArray *
pw_lease_list (PwStore    *store,
               const char *park_id,
               int         status,
               int         expiring_days,
               const char *today,
               GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT c.id, c.code, c.status, c.start_date, c.end_date, c.signed_date, c.ended_date,"
    " c.current_version, cu.name,"
    " (SELECT group_concat (s.code, ' ') FROM contract_space cs JOIN space s ON s.id = cs.space_id"
    "  WHERE cs.contract_id = c.id)"
    " FROM contract c LEFT JOIN customer cu ON cu.id = c.customer_id"
    " WHERE (?1 IS NULL OR c.park_id = ?1) AND (?2 IS NULL OR c.status = ?2)"
    " AND (?3 < 0 OR (c.status IN ('signed', 'active', 'expiring')"
    "                 AND c.end_date >= ?4 AND julianday (c.end_date) - julianday (?4) <= ?3))"
    " ORDER BY c.end_date, c.code", error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  static const char *const names[] = {
    "id", "code", "status", "start_date", "end_date", "signed_date", "ended_date",
  };
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  if (status >= 0)
    sqlite3_bind_text (stmt, 2, pw_contract_status_to_string (status), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, expiring_days);
  sqlite3_bind_text (stmt, 4, today, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *row = json_object_new ();
      JsonArray *spaces = json_array_new ();
      g_auto(GStrv) codes = NULL;

      for (guint c = 0; c < G_N_ELEMENTS (names); c++)
        {
          const char *v = (const char *) sqlite3_column_text (stmt, (int) c);

          if (v != NULL)
            json_object_set_string_member (row, names[c], v);
          else
            json_object_set_null_member (row, names[c]);
        }
      json_object_set_int_member (row, "current_version", sqlite3_column_int64 (stmt, 7));
      if (sqlite3_column_text (stmt, 8) != NULL)
        json_object_set_string_member (row, "customer_name", (const char *) sqlite3_column_text (stmt, 8));
      else
        json_object_set_null_member (row, "customer_name");
      codes = g_strsplit (sqlite3_column_text (stmt, 9) ? (const char *) sqlite3_column_text (stmt, 9) : "",
                          " ", -1);
      for (guint i = 0; codes[i] != NULL; i++)
        if (*codes[i] != '\0')
          json_array_add_string_element (spaces, codes[i]);
      json_object_set_array_member (row, "spaces", spaces);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading contracts"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* ---- alerts --------------------------------------------------------------------------- */

/* Whole calendar months from @start to the day after @end, plus the days left over
 * as a fraction of 30, in ten-thousandths of a month. */
static gint64
months_e4 (const GDate *start, const GDate *end)
{
  GDate d = *start, next;
  GDate after = *end;
  gint64 months = 0;

  g_date_add_days (&after, 1);
  for (;;)
    {
      next = d;
      g_date_add_months (&next, 1);
      if (g_date_compare (&next, &after) > 0)
        break;
      d = next;
      months++;
    }
  return months * 10000 + (gint64) g_date_days_between (&d, &after) * 10000 / 30;
}

GPtrArray *
pw_lease_alerts (PwStore *store, const char *contract_id, GError **error)
{
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) row = pw_store_get_row (store, "contract", contract_id, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PwContract) contract = NULL;
  g_autofree char *terms = NULL;
  gint64 number = 1, fixed = 0, billed = 0, free_e4 = 0;
  int rc;

  if (row == NULL)
    return NULL;
  terms = stored_terms (store, contract_id, &number, error);
  if (terms == NULL)
    return NULL;
  contract = pw_contract_parse (terms, -1, error);
  if (contract == NULL)
    return NULL;

  /* billed area against the area fixed at signing */
  stmt = pw_store_prepare (store, "SELECT total (area) FROM contract_space WHERE contract_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      pw_store_set_error (store, error, rc, _("reading the spaces a contract holds"));
      return NULL;
    }
  fixed = sqlite3_column_int64 (stmt, 0);
  for (guint i = 0; i < contract->spaces->len; i++)
    billed += ((PwContractSpace *) g_ptr_array_index (contract->spaces, i))->area;
  if (billed > fixed)
    {
      g_autofree char *a = pw_area_format_with_unit (billed, FALSE);
      g_autofree char *b = pw_area_format_with_unit (fixed, FALSE);

      g_ptr_array_add (alerts, g_strdup_printf (_("The terms bill %s, more than the %s fixed for "
                                                  "the contract’s spaces"), a, b));
    }

  /* rent-free months against the park's approval rules */
  for (guint i = 0; i < contract->free_periods->len; i++)
    {
      PwFreePeriod *f = g_ptr_array_index (contract->free_periods, i);

      if (!f->fit_out)
        free_e4 += months_e4 (&f->start, &f->end);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = pw_store_prepare (store,
    "SELECT threshold, approver_role FROM approval_rule"
    " WHERE park_id = ? AND metric = 'rent_free_months' ORDER BY level", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, pw_row_string (row, "park_id"), -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 threshold;

      if (free_e4 > 0
          && pw_leasing_decimal_parse ((const char *) sqlite3_column_text (stmt, 0), "threshold",
                                       &threshold, NULL)
          && free_e4 > threshold)
        {
          g_autofree char *months = pw_leasing_decimal_format (free_e4, 1);

          g_ptr_array_add (alerts, g_strdup_printf (_("%s months rent-free is beyond policy: above "
                                                      "%s months the %s approves"),
                                                    months, (const char *) sqlite3_column_text (stmt, 0),
                                                    pw_leasing_label ((const char *) sqlite3_column_text (stmt, 1))));
          break;
        }
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the approval rules"));
      return NULL;
    }
  return g_steal_pointer (&alerts);
}
