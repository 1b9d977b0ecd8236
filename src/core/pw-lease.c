/* pw-lease.c — lease contracts in the store: lifecycle, versions, the spaces they hold
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "pw-change.h"
#include "pw-date.h"
#include "pw-area.h"
#include "pw-code-pattern.h"
#include "pw-contract.h"
#include "pw-customer.h"
#include "pw-schedule.h"
#include "pw-text.h"
#include "pw-lease.h"
#include "pw-lease-private.h"
#include "pw-ledger.h"
#include "pw-money.h"
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
pw_contract_status_can_reopen (PwContractStatus from, PwContractStatus to)
{
  return from == PW_CONTRACT_TERMINATED
         && (to == PW_CONTRACT_SIGNED || to == PW_CONTRACT_ACTIVE || to == PW_CONTRACT_EXPIRING);
}

/* Whether @row (a contract as stored) was last written less than a day ago:
 * the time within which its last step may be taken back (docs/undo.md). */
static gboolean
written_within_a_day (JsonObject *row)
{
  const char *at = pw_row_string (row, "updated_at");
  g_autoptr(GDateTime) then = at ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return then != NULL && g_date_time_difference (now, then) < G_TIME_SPAN_DAY;
}

gboolean
pw_contract_status_holds (PwContractStatus status)
{
  return status >= PW_CONTRACT_SUBMITTED && status <= PW_CONTRACT_EXPIRING;
}

gboolean
pw_contract_status_can_amend (PwContractStatus status)
{
  return status >= PW_CONTRACT_DRAFT && status <= PW_CONTRACT_EXPIRING;
}

gboolean
pw_contract_status_can_renew (PwContractStatus status)
{
  return status == PW_CONTRACT_ACTIVE || status == PW_CONTRACT_EXPIRING;
}


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

  if (terms == NULL || strlen (terms) > 1024 * 1024)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "terms",
                               _("must be the contract’s JSON form, at most 1 MiB"));
  if (!pw_json_within_depth (terms, 64))
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

/* A contract's quote_id names a quote of the same park. */
static gboolean
check_quote (PwStore *store, JsonObject *row, GError **error)
{
  const char *quote_id = pw_row_string (row, "quote_id");
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT p.park_id FROM quote q JOIN prospect p ON p.id = q.prospect_id WHERE q.id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, quote_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "quote_id",
                               _("there is no quote %s"), quote_id);
  if (rc != SQLITE_ROW)
    {
      pw_store_set_error (store, error, rc, _("reading quotes"));
      return FALSE;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), pw_row_string (row, "park_id")) != 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "quote_id",
                               _("there is no quote %s"), quote_id);
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

          if (was >= 0 && was != status && !pw_contract_status_can_become (was, status)
              && !(pw_contract_status_can_reopen (was, status) && written_within_a_day (before)))
            return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status",
                                       _("a contract cannot go from %s to %s"),
                                       pw_contract_status_get_label (was),
                                       pw_contract_status_get_label (status));
        }
      else if (status != PW_CONTRACT_DRAFT)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status",
                                   _("a new contract is a draft"));
      if (!pw_lease_validate_approvals (row, error))
        return FALSE;
      /* beyond the park's policy: approved only with each approval (docs/approvals.md) */
      if (before != NULL && status == PW_CONTRACT_APPROVED
          && g_strcmp0 (pw_row_string (before, "status"), "approved") != 0
          && !pw_lease_check_approvals (store, row, error))
        return FALSE;
      if (status >= PW_CONTRACT_SIGNED && status <= PW_CONTRACT_EXPIRING
          && pw_row_string (row, "signed_date") == NULL)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "signed_date",
                                   _("a signed contract needs its signing date"));
      if (pw_contract_status_holds (status)
          && !check_contract_spaces (store, pw_row_string (row, "id"), error))
        return FALSE;
      if (pw_row_string (row, "quote_id") != NULL && !check_quote (store, row, error))
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
  return pw_lease_create_from_quote (store, park_id, code, customer_id, NULL, start_date, end_date,
                                     spaces, n_spaces, terms, error);
}

char *
pw_lease_add_create_mutations (GPtrArray          *mutations,
                               const char         *park_id,
                               const char         *code,
                               const char         *customer_id,
                               const char         *quote_id,
                               const char         *start_date,
                               const char         *end_date,
                               const PwLeaseSpace *spaces,
                               guint               n_spaces,
                               const char         *terms)
{
  PwMutation *m = pw_mutation_new_insert ("contract", NULL);
  char *id = g_strdup (pw_mutation_get_id (m));

  pw_mutation_set_string (m, "park_id", park_id);
  pw_mutation_set_string (m, "code", code);
  if (customer_id != NULL)
    pw_mutation_set_string (m, "customer_id", customer_id);
  if (quote_id != NULL)
    pw_mutation_set_string (m, "quote_id", quote_id);
  pw_mutation_set_string (m, "status", "draft");
  pw_mutation_set_string (m, "start_date", start_date);
  pw_mutation_set_string (m, "end_date", end_date);
  pw_mutation_set_int (m, "current_version", 1);
  g_ptr_array_add (mutations, m);

  m = pw_mutation_new_insert ("contract_version", NULL);
  pw_mutation_set_string (m, "contract_id", id);
  pw_mutation_set_int (m, "number", 1);
  pw_mutation_set_string (m, "effective_date", start_date);
  pw_mutation_set_string (m, "terms", terms);
  g_ptr_array_add (mutations, m);

  for (guint i = 0; i < n_spaces; i++)
    {
      m = pw_mutation_new_insert ("contract_space", NULL);
      pw_mutation_set_string (m, "contract_id", id);
      pw_mutation_set_string (m, "space_id", spaces[i].space_id);
      pw_mutation_set_string (m, "start_date", start_date);
      pw_mutation_set_string (m, "end_date", end_date);
      pw_mutation_set_int (m, "area", spaces[i].area);
      g_ptr_array_add (mutations, m);
    }
  return id;
}

char *
pw_lease_create_from_quote (PwStore            *store,
                            const char         *park_id,
                            const char         *code,
                            const char         *customer_id,
                            const char         *quote_id,
                            const char         *start_date,
                            const char         *end_date,
                            const PwLeaseSpace *spaces,
                            guint               n_spaces,
                            const char         *terms,
                            GError            **error)
{
  g_autoptr(GPtrArray) muts = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  g_autofree char *quote_customer = NULL;
  g_autofree char *id = NULL;

  /* a lease is with someone: the customer given, or the one the quote's prospect became */
  if ((customer_id == NULL || *customer_id == '\0') && quote_id != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
        "SELECT p.customer_id FROM quote q JOIN prospect p ON p.id = q.prospect_id WHERE q.id = ?",
        error);
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, quote_id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
        customer_id = quote_customer = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          pw_store_set_error (store, error, rc, _("reading a quote"));
          return NULL;
        }
    }
  if (customer_id == NULL || *customer_id == '\0')
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "customer_id",
                          _("a lease needs a customer: choose who rents the space"));
      return NULL;
    }
  id = pw_lease_add_create_mutations (muts, park_id, code, customer_id, quote_id, start_date,
                                      end_date, spaces, n_spaces, terms);

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

/* Signing a renewal (its terms name the contract it "renews") moves that contract,
 * if it is still active or expiring, to renewed in the same transaction (B16). */
static gboolean
add_renewed (PwStore *store, GPtrArray *muts, JsonObject *row, const char *terms,
             GError **error)
{
  g_autoptr(PwContract) contract = pw_contract_parse (terms, -1, error);
  g_autoptr(JsonObject) before = NULL;
  g_autofree char *before_id = NULL;
  g_autoptr(GError) local = NULL;
  gint64 version;
  int was;
  PwMutation *m;

  if (contract == NULL)
    return FALSE;
  if (contract->renews == NULL)
    return TRUE;
  before_id = pw_lease_find (store, pw_row_string (row, "park_id"), contract->renews, &local);
  if (before_id == NULL)
    {
      if (!g_error_matches (local, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "terms",
                                 _("renews: there is no contract %s in this park"),
                                 contract->renews);
    }
  before = pw_store_get_row (store, "contract", before_id, error);
  if (before == NULL)
    return FALSE;
  was = pw_contract_status_from_string (pw_row_string (before, "status"));
  /* one that ended otherwise (terminated, expired) stays as it ended */
  if (was < 0 || !pw_contract_status_can_become (was, PW_CONTRACT_RENEWED))
    return TRUE;
  pw_row_int (before, "version", &version);
  m = pw_mutation_new_update ("contract", before_id, version);
  pw_mutation_set_string (m, "status", pw_contract_status_to_string (PW_CONTRACT_RENEWED));
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

/* @terms with the termination on @date and its @penalty (NULL: none). */
static char *
terminated_terms (const char *terms, const char *date, const char *penalty, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *object, *termination;

  if (!json_parser_load_from_data (parser, terms, -1, error))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  termination = json_object_new ();
  json_object_set_string_member (termination, "date", date);
  if (penalty != NULL && *penalty != '\0')
    json_object_set_string_member (termination, "penalty", penalty);
  json_object_set_object_member (object, "termination", termination);
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

PwSchedule *
pw_lease_termination_preview (PwStore *store, const char *contract_id, const char *date,
                              const char *penalty, GError **error)
{
  g_autoptr(PwContract) contract = NULL;
  g_autofree char *terms = NULL, *settled = NULL;
  gint64 number;

  if (!pw_date_is_valid (date))
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "date",
                          _("“%s” is not a date of the form YYYY-MM-DD"), date ? date : "");
      return NULL;
    }
  terms = pw_lease_stored_terms (store, contract_id, &number, error);
  if (terms == NULL || (settled = terminated_terms (terms, date, penalty, error)) == NULL
      || (contract = pw_contract_parse (settled, -1, error)) == NULL)
    return NULL;
  return pw_lease_compute_schedule (contract, error);
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
  return pw_lease_transition_with (store, contract_id, status, date, reason, penalty, NULL, error);
}

gboolean
pw_lease_transition_with (PwStore          *store,
                          const char       *contract_id,
                          PwContractStatus  status,
                          const char       *date,
                          const char       *reason,
                          const char       *penalty,
                          const char       *approvals,
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
  /* the lifecycle's steps only: going back from a termination is undo's
   * (docs/undo.md), which answers the settlement too */
  {
    int was = pw_contract_status_from_string (pw_row_string (row, "status"));

    if (was >= 0 && was != (int) status && !pw_contract_status_can_become (was, status))
      return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status",
                                 _("a contract cannot go from %s to %s"),
                                 pw_contract_status_get_label (was),
                                 pw_contract_status_get_label (status));
  }
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
  /* submitting asks for the approvals afresh (docs/approvals.md) */
  if (approvals != NULL)
    pw_mutation_set_string (m, "approvals", approvals);
  else if (status == PW_CONTRACT_SUBMITTED && pw_row_string (row, "approvals") != NULL
           && g_strcmp0 (pw_row_string (row, "approvals"), "[]") != 0)
    pw_mutation_set_string (m, "approvals", "[]");
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
          g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (pw_lease_pending_free);
          g_autofree char *settled = NULL;
          gint64 number;
          g_autofree char *terms = pw_lease_stored_terms (store, contract_id, &number, error);
          PwMutation *v;

          if (terms == NULL || (settled = terminated_terms (terms, date, penalty, error)) == NULL)
            return FALSE;

          pw_mutation_set_int (g_ptr_array_index (muts, 0), "current_version", number + 1);
          v = pw_mutation_new_insert ("contract_version", NULL);
          pw_mutation_set_string (v, "contract_id", contract_id);
          pw_mutation_set_int (v, "number", number + 1);
          pw_mutation_set_string (v, "effective_date", date);
          pw_mutation_set_string (v, "terms", settled);
          /* TRANSLATORS: the note of the terms' version a termination writes */
          pw_mutation_set_string (v, "note", _("Terminated early"));
          g_ptr_array_add (muts, v);
          if (!pw_lease_pending_add (contract_id, number + 1, settled, pending, error))
            return FALSE;
          return pw_store_apply_all_full (store, (PwMutation **) muts->pdata, muts->len,
                                          pw_lease_write_pending, pending, error);
        }
    }

  /* a signed contract bills: its schedule is written with the signature */
  if (status == PW_CONTRACT_SIGNED)
    {
      g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (pw_lease_pending_free);
      gint64 number;
      g_autofree char *terms = pw_lease_stored_terms (store, contract_id, &number, error);

      if (terms == NULL || !pw_lease_pending_add (contract_id, number, terms, pending, error)
          || !add_renewed (store, muts, row, terms, error))
        return FALSE;
      return pw_store_apply_all_full (store, (PwMutation **) muts->pdata, muts->len, pw_lease_write_pending,
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
  return pw_lease_amend_full (store, contract_id, effective_date, terms, note, NULL, NULL, -1,
                              error);
}

static char *
iso_add_days (const char *text, int days)
{
  GDate date;

  pw_date_parse_iso (text, &date);
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  return pw_date_format_iso_new (&date);
}

/* The mutations that make the contract's spaces those of @spaces from @effective
 * on, all of them held to @end. */
static gboolean
add_space_changes (PwStore *store, GPtrArray *muts, const char *contract_id, const char *effective,
                   const char *old_end, const char *end, const PwLeaseSpace *spaces, int n_spaces,
                   int status, const char *why, GError **error)
{
  /* the spaces follow the contract: a new one is held as the others, one given up is free */
  const char *held_as = status == PW_CONTRACT_SUBMITTED || status == PW_CONTRACT_APPROVED ? "reserved"
                        : status >= PW_CONTRACT_SIGNED && status <= PW_CONTRACT_EXPIRING ? "leased"
                        : NULL;
  g_autoptr(GPtrArray) freed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT id, version, space_id, start_date, end_date, area FROM contract_space"
    " WHERE contract_id = ? ORDER BY start_date", error);
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *day_before = iso_add_days (effective, -1);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      gint64 version = sqlite3_column_int64 (stmt, 1);
      const char *space_id = (const char *) sqlite3_column_text (stmt, 2);
      const char *from = (const char *) sqlite3_column_text (stmt, 3);
      const char *to = (const char *) sqlite3_column_text (stmt, 4);
      gint64 area = sqlite3_column_int64 (stmt, 5);
      const PwLeaseSpace *wanted = NULL;
      PwMutation *m;

      /* a space already given up before the amendment stays as it was */
      if (strcmp (to, effective) < 0)
        continue;
      for (int i = 0; i < n_spaces && wanted == NULL; i++)
        if (g_str_equal (spaces[i].space_id, space_id))
          wanted = &spaces[i];
      if (n_spaces >= 0 && wanted == NULL)
        {
          g_ptr_array_add (freed, g_strdup (space_id));
          if (strcmp (from, effective) >= 0)
            g_ptr_array_add (muts, pw_mutation_new_delete ("contract_space", id, version));
          else
            {
              m = pw_mutation_new_update ("contract_space", id, version);
              pw_mutation_set_string (m, "end_date", day_before);
              g_ptr_array_add (muts, m);
            }
          continue;
        }
      g_hash_table_add (kept, (gpointer) (wanted ? wanted->space_id : ""));
      if ((g_str_equal (to, old_end) && !g_str_equal (to, end)) || strcmp (to, end) > 0
          || (wanted != NULL && wanted->area != area))
        {
          m = pw_mutation_new_update ("contract_space", id, version);
          if ((g_str_equal (to, old_end) && !g_str_equal (to, end)) || strcmp (to, end) > 0)
            pw_mutation_set_string (m, "end_date", end);
          if (wanted != NULL && wanted->area != area)
            pw_mutation_set_int (m, "area", wanted->area);
          g_ptr_array_add (muts, m);
        }
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the spaces a contract holds"));
      return FALSE;
    }
  for (int i = 0; i < n_spaces; i++)
    if (!g_hash_table_contains (kept, spaces[i].space_id))
      {
        PwMutation *m = pw_mutation_new_insert ("contract_space", NULL);

        pw_mutation_set_string (m, "contract_id", contract_id);
        pw_mutation_set_string (m, "space_id", spaces[i].space_id);
        pw_mutation_set_string (m, "start_date", effective);
        pw_mutation_set_string (m, "end_date", end);
        pw_mutation_set_int (m, "area", spaces[i].area);
        g_ptr_array_add (muts, m);
        if (held_as != NULL
            && !add_space_status (store, muts, spaces[i].space_id, held_as, effective, why, error))
          return FALSE;
      }
  for (guint i = 0; held_as != NULL && i < freed->len; i++)
    {
      int other = held_by_other (store, g_ptr_array_index (freed, i), contract_id, effective, error);

      if (other < 0)
        return FALSE;
      if (other == 0 && !add_space_status (store, muts, g_ptr_array_index (freed, i), "available",
                                           effective, why, error))
        return FALSE;
    }
  return TRUE;
}

int
pw_lease_amend_full (PwStore            *store,
                     const char         *contract_id,
                     const char         *effective_date,
                     const char         *terms,
                     const char         *note,
                     const char         *end_date,
                     const PwLeaseSpace *spaces,
                     int                 n_spaces,
                     GError            **error)
{
  g_autoptr(JsonObject) row = pw_store_get_row (store, "contract", contract_id, error);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  PwMutation *update = NULL;
  PwMutation *insert = NULL;
  const char *old_end;
  gint64 version, current;
  int status;

  if (row == NULL)
    return -1;
  status = pw_contract_status_from_string (pw_row_string (row, "status"));
  if (status < 0 || !pw_contract_status_can_amend (status))
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status",
                          _("a contract that has ended cannot be amended"));
      return -1;
    }
  old_end = pw_row_string (row, "end_date");
  if (effective_date == NULL || !pw_date_is_valid (effective_date)
      || strcmp (effective_date, pw_row_string (row, "start_date")) < 0
      || strcmp (effective_date, old_end) > 0)
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "effective_date",
                          _("an amendment takes effect within the term, from %s to %s"),
                          pw_row_string (row, "start_date"), old_end);
      return -1;
    }
  if (end_date != NULL && (!pw_date_is_valid (end_date) || strcmp (end_date, effective_date) < 0))
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "end_date",
                          _("the new end, %s, must be a date from the day the amendment takes "
                            "effect, %s"), end_date, effective_date);
      return -1;
    }
  pw_row_int (row, "version", &version);
  pw_row_int (row, "current_version", &current);
  update = pw_mutation_new_update ("contract", contract_id, version);
  pw_mutation_set_int (update, "current_version", current + 1);
  if (end_date != NULL && !g_str_equal (end_date, old_end))
    pw_mutation_set_string (update, "end_date", end_date);
  insert = pw_mutation_new_insert ("contract_version", NULL);
  pw_mutation_set_string (insert, "contract_id", contract_id);
  pw_mutation_set_int (insert, "number", current + 1);
  pw_mutation_set_string (insert, "effective_date", effective_date);
  pw_mutation_set_string (insert, "terms", terms);
  pw_mutation_set_string (insert, "note", note ? note : "");
  g_ptr_array_add (all, update);
  g_ptr_array_add (all, insert);
  if ((end_date != NULL && !g_str_equal (end_date, old_end)) || n_spaces >= 0)
    {
      /* TRANSLATORS: the reason a space's status changes with an amendment: the contract's code */
      g_autofree char *why = g_strdup_printf (_("Contract %s: amended"), pw_row_string (row, "code"));

      if (!add_space_changes (store, all, contract_id, effective_date, old_end,
                              end_date != NULL ? end_date : old_end, spaces, n_spaces, status, why,
                              error))
        return -1;
    }
  /* a running contract's schedule follows its terms */
  if (status >= PW_CONTRACT_SIGNED)
    {
      g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (pw_lease_pending_free);

      if (!pw_lease_pending_add (contract_id, current + 1, terms, pending, error)
          || !pw_store_apply_all_full (store, (PwMutation **) all->pdata, all->len, pw_lease_write_pending,
                                       pending, error))
        return -1;
      return (int) current + 1;
    }
  if (!pw_store_apply_all (store, (PwMutation **) all->pdata, all->len, error))
    return -1;
  return (int) current + 1;
}

/* ---- the schedule in the store ---------------------------------------------------------- */

char *
pw_lease_current_terms (PwStore *store, const char *contract_id, gint64 number, GError **error)
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

/* ---- the schedule a lease bills ---------------------------------------------------------- */

PwSchedule *
pw_lease_compute_schedule (const PwContract *contract, GError **error)
{
  return pw_lease_compute_schedule_full (contract, FALSE, error);
}

PwSchedule *
pw_lease_compute_schedule_full (const PwContract *contract, gboolean wording_only, GError **error)
{
  g_autoptr(PwSchedule) schedule = pw_schedule_compute_full (contract, wording_only, error);
  gint64 carried = contract->deposit.carried_over;

  if (schedule == NULL)
    return NULL;
  if (!contract->deposit.present || carried == 0)
    return g_steal_pointer (&schedule);
  /* B16: the deposit held carries over; only the difference moves */
  for (guint i = 0; i < schedule->lines->len; i++)
    {
      PwScheduleLine *l = g_ptr_array_index (schedule->lines, i);
      g_autofree char *held = NULL, *full = NULL, *basis = NULL;
      gint64 difference;

      if (l->kind != PW_LINE_DEPOSIT)
        continue;
      difference = schedule->deposit - carried;
      if (difference == 0)
        {
          g_ptr_array_remove_index (schedule->lines, i);
          break;
        }
      held = pw_money_format_amount (carried, contract->currency);
      full = pw_money_format_amount (schedule->deposit, contract->currency);
      /* Translators: a renewal's deposit: the new deposit's basis, the deposit carried over */
      basis = g_strdup_printf (_("%s, less %s carried over"), l->basis, held);
      g_free (l->basis);
      l->basis = g_steal_pointer (&basis);
      g_free (l->explanation);
      g_free (l->explain_arg);
      l->explain_form = difference > 0 ? PW_EXPLAIN_RENEWAL_TOP_UP : PW_EXPLAIN_RENEWAL_REFUND;
      l->explain_arg = g_strdup_printf ("%s\t%s", full, held);
      l->explanation = wording_only ? NULL
                                    : pw_schedule_explain (l->charge, &l->start, &l->end, l->basis,
                                                           l->explain_form, l->explain_arg);
      l->gross = l->net = difference;
      break;
    }
  return g_steal_pointer (&schedule);
}

/* ---- renewal -------------------------------------------------------------------------------- */

/* Whole months from @start to the day after @end, or -1 when they are not whole. */
static int
whole_months (const GDate *start, const GDate *end)
{
  int rest;
  guint months = pw_date_whole_months (start, end, &rest);

  return rest == 0 && months >= 1 && months <= 12 * PW_LEASE_MAX_YEARS ? (int) months : -1;
}

/* The terms of a renewal: @old's with @code, the new dates, the contract it
 * renews and the deposit it holds. */
static char *
renewal_terms (const char *old, const char *old_end, const char *code, const char *renews,
               const char *start, const char *end, const char *signed_on, gint64 held,
               const char *currency, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *root, *deposit;
  JsonArray *charges;

  if (!json_parser_load_from_data (parser, old, -1, error))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (root, "id", code);
  json_object_set_string_member (root, "renews", renews);
  json_object_set_string_member (root, "signed", signed_on);
  json_object_set_string_member (root, "start", start);
  json_object_set_string_member (root, "end", end);
  /* what belonged to the old term only */
  json_object_remove_member (root, "termination");
  json_object_remove_member (root, "free_periods");
  charges = json_object_has_member (root, "charges") ? json_object_get_array_member (root, "charges")
                                                     : NULL;
  deposit = json_object_has_member (root, "deposit") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "deposit"))
              ? json_object_get_object_member (root, "deposit") : NULL;
  /* a charge that stopped before the old term's end (a part an amendment replaced) does not go on */
  for (guint i = charges != NULL ? json_array_get_length (charges) : 0; i-- > 0;)
    {
      JsonObject *charge = json_array_get_object_element (charges, i);
      const char *charge_end = json_object_get_string_member_with_default (charge, "end", NULL);
      const char *charge_code = json_object_get_string_member_with_default (charge, "code", "");
      JsonArray *named = deposit != NULL && json_object_has_member (deposit, "charges")
                           ? json_object_get_array_member (deposit, "charges") : NULL;

      if (charge_end == NULL || strcmp (charge_end, old_end) >= 0)
        continue;
      for (guint k = named != NULL ? json_array_get_length (named) : 0; k-- > 0;)
        if (g_strcmp0 (json_array_get_string_element (named, k), charge_code) == 0)
          json_array_remove_element (named, k);
      if (named != NULL && json_array_get_length (named) == 0)
        json_object_remove_member (deposit, "charges");
      json_array_remove_element (charges, i);
    }
  for (guint i = 0; charges != NULL && i < json_array_get_length (charges); i++)
    {
      JsonObject *charge = json_array_get_object_element (charges, i);
      JsonObject *escalation;

      json_object_remove_member (charge, "start");
      json_object_remove_member (charge, "end");
      if (!json_object_has_member (charge, "escalation")
          || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (charge, "escalation")))
        continue;
      escalation = json_object_get_object_member (charge, "escalation");
      /* a step table ends at the price it reached; other escalations run again from the new start */
      if (g_strcmp0 (json_object_get_string_member_with_default (escalation, "type", ""), "steps") == 0)
        {
          JsonArray *steps = json_object_get_array_member (escalation, "steps");
          guint n = steps ? json_array_get_length (steps) : 0;

          if (n > 0)
            json_object_set_string_member (charge, "unit_price",
              json_object_get_string_member (json_array_get_object_element (steps, n - 1), "unit_price"));
          json_object_remove_member (charge, "escalation");
        }
    }
  if (deposit != NULL)
    {
      if (held > 0)
        {
          g_autofree char *amount = pw_decimal_to_string (
            pw_decimal_from_int (held, MAX (pw_currency_minor_digits (currency), 0)));

          json_object_set_string_member (deposit, "carried_over", amount);
        }
      else
        json_object_remove_member (deposit, "carried_over");
    }
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

/* @terms with every rent charge at @price (decimal text) from the start. */
static char *
rent_at (const char *terms, const char *price, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *root;
  JsonArray *charges;
  PwDecimal value;

  if (!pw_decimal_parse (price, &value, NULL) || pw_decimal_cmp (value, pw_decimal_from_int (0, 0)) <= 0)
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "unit_price",
                          _("“%s” is not a price: write a positive amount such as 3.20"), price);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, terms, -1, error))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  charges = json_object_has_member (root, "charges") ? json_object_get_array_member (root, "charges")
                                                     : NULL;
  for (guint i = 0; charges != NULL && i < json_array_get_length (charges); i++)
    {
      JsonObject *charge = json_array_get_object_element (charges, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (charge, "kind", ""), "rent") != 0)
        continue;
      json_object_set_string_member (charge, "unit_price", price);
      /* a new rent is the rent agreed now: the old term's escalation does not carry on */
      json_object_remove_member (charge, "escalation");
    }
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

char *
pw_lease_renew (PwStore    *store,
                const char *contract_id,
                const char *code,
                const char *end_date,
                const char *today,
                GError    **error)
{
  return pw_lease_renew_full (store, contract_id, code, end_date, today, NULL, error);
}

char *
pw_lease_renew_full (PwStore    *store,
                     const char *contract_id,
                     const char *code,
                     const char *end_date,
                     const char *today,
                     const char *rent_price,
                     GError    **error)
{
  g_autoptr(JsonObject) row = pw_store_get_row (store, "contract", contract_id, error);
  g_autoptr(PwContract) old = NULL;
  g_autoptr(PwSchedule) schedule = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) spaces = g_array_new (FALSE, FALSE, sizeof (PwLeaseSpace));
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *terms = NULL, *start = NULL, *end = NULL, *new_terms = NULL;
  g_autofree char *signed_on = NULL;
  gint64 number;
  GDate old_start, old_end, new_start, new_end;
  int status, rc;

  if (row == NULL)
    return NULL;
  status = pw_contract_status_from_string (pw_row_string (row, "status"));
  if (status < 0 || !pw_contract_status_can_renew (status))
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status",
                          _("only an active or expiring contract can be renewed, not one that is %s"),
                          status >= 0 ? pw_contract_status_get_label (status) : "?");
      return NULL;
    }
  if (today == NULL || !pw_date_is_valid (today))
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "date",
                          _("“%s” is not a date of the form YYYY-MM-DD"), today ? today : "");
      return NULL;
    }
  terms = pw_lease_stored_terms (store, contract_id, &number, error);
  if (terms == NULL || (old = pw_contract_parse (terms, -1, error)) == NULL
      || (schedule = pw_lease_compute_schedule (old, error)) == NULL)
    return NULL;

  pw_date_parse_iso (pw_row_string (row, "start_date"), &old_start);
  pw_date_parse_iso (pw_row_string (row, "end_date"), &old_end);
  new_start = old_end;
  g_date_add_days (&new_start, 1);
  start = pw_date_format_iso_new (&new_start);
  if (end_date != NULL)
    end = g_strdup (end_date);
  else
    {
      int months = old->renewal_option && old->renewal_term_months > 0
                     ? (int) old->renewal_term_months : whole_months (&old_start, &old_end);

      new_end = new_start;
      if (months > 0)
        {
          g_date_add_months (&new_end, (guint) months);
          g_date_subtract_days (&new_end, 1);
        }
      else
        g_date_add_days (&new_end, (guint) g_date_days_between (&old_start, &old_end));
      end = pw_date_format_iso_new (&new_end);
    }
  if (!pw_date_is_valid (end) || strcmp (end, start) < 0)
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "end_date",
                          _("the renewal starts on %s; its end, %s, must be a date from then"),
                          start, end);
      return NULL;
    }
  signed_on = g_strdup (strcmp (today, start) < 0 ? today : start);
  new_terms = renewal_terms (terms, pw_row_string (row, "end_date"), code, pw_row_string (row, "code"),
                             start, end, signed_on,
                             /* held: the deposit on signing and every top-up since */
                             old->deposit.present ? schedule->deposit + schedule->deposit_top_ups : 0,
                             old->currency, error);
  if (new_terms == NULL)
    return NULL;
  if (rent_price != NULL && *rent_price != '\0')
    {
      char *priced = rent_at (new_terms, rent_price, error);

      if (priced == NULL)
        return NULL;
      g_free (new_terms);
      new_terms = priced;
    }

  /* the same spaces, with the areas fixed for them, as the contract held them at its end */
  stmt = pw_store_prepare (store,
    "SELECT space_id, area FROM contract_space WHERE contract_id = ? AND end_date = ?"
    " ORDER BY start_date", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, pw_row_string (row, "end_date"), -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *space_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      PwLeaseSpace ls = { space_id, sqlite3_column_int64 (stmt, 1) };

      g_ptr_array_add (keep, space_id);
      g_array_append_val (spaces, ls);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the spaces a contract holds"));
      return NULL;
    }
  return pw_lease_create (store, pw_row_string (row, "park_id"), code,
                          pw_row_string (row, "customer_id"), start, end,
                          (const PwLeaseSpace *) (gpointer) spaces->data, spaces->len, new_terms,
                          error);
}

/* docs/undo.md: what a change of contracts undo can answer. */
/* Whether @change moved @contract_id's current version away from @number: the
 * version it wrote is then answered by one with the old terms. */
static gboolean
change_moved_to_version (PwChange *change, const char *contract_id, gint64 number)
{
  for (guint i = 0; i < pw_change_get_n_records (change); i++)
    {
      JsonObject *before = pw_change_get_before (change, i);
      gint64 was = 0;

      if (g_strcmp0 (pw_change_get_entity (change, i), "contract") == 0
          && g_strcmp0 (pw_change_get_id (change, i), contract_id) == 0)
        return before != NULL && pw_row_int (before, "current_version", &was) && was != number;
    }
  return FALSE;
}

gboolean
pw_lease_change_can_undo (gpointer data)
{
  PwChange *change = data;

  g_return_val_if_fail (change != NULL, FALSE);

  for (guint i = 0; i < pw_change_get_n_records (change); i++)
    {
      const char *entity = pw_change_get_entity (change, i);
      JsonObject *before = pw_change_get_before (change, i);
      JsonObject *after = pw_change_get_after (change, i);
      const char *was, *is;
      gint64 number = 0;

      /* new terms are answered by the old ones, on a contract the change moved */
      if (g_strcmp0 (entity, "contract_version") == 0)
        {
          if (after == NULL || !pw_row_int (after, "number", &number)
              || !change_moved_to_version (change, pw_row_string (after, "contract_id"), number))
            return FALSE;
          continue;
        }
      if (g_strcmp0 (entity, "contract") != 0)
        continue;
      /* a contract made by the change (a renewal's draft) is not taken back */
      if (before == NULL || after == NULL)
        return FALSE;
      /* and a contract's status must be allowed to go back: a submission can
       * be withdrawn, a termination reopened; a signature, an approval or an
       * activation cannot go back */
      was = pw_row_string (before, "status");
      is = pw_row_string (after, "status");
      if (g_strcmp0 (was, is) != 0)
        {
          PwContractStatus from = pw_contract_status_from_string (is);
          PwContractStatus to = pw_contract_status_from_string (was);

          if (!pw_contract_status_can_become (from, to) && !pw_contract_status_can_reopen (from, to))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
pw_lease_undo_reschedule (PwStore *store, gpointer data, GError **error)
{
  PwChange *change = data;
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < pw_change_get_n_records (change); i++)
    {
      const char *id = pw_change_get_id (change, i);
      g_autoptr(JsonObject) row = NULL;

      if (g_strcmp0 (pw_change_get_entity (change, i), "contract") != 0
          || !g_hash_table_add (done, (gpointer) id))
        continue;
      row = pw_store_get_row (store, "contract", id, NULL);
      /* a contract that bills has its schedule; one that does not yet has none */
      if (row == NULL
          || pw_contract_status_from_string (pw_row_string (row, "status")) < PW_CONTRACT_SIGNED)
        continue;
      if (!pw_lease_write_schedule_derived (store, id, error))
        return FALSE;
    }
  return TRUE;
}
