/* pw-lease.h — lease contracts in the store: lifecycle, versions, the spaces they hold
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A contract moves draft → submitted → approved → signed → active → expiring and ends
 * renewed, terminated or expired (a submitted contract can go back to draft). Its
 * spaces follow it: reserved while it is pending (submitted, approved), leased from
 * signing, available again after it ends. No two contracts that hold spaces may hold
 * the same space for overlapping dates; the store refuses it naming the other one.
 * Terms are versions of the contract's JSON form, each from an effective date.
 */
#pragma once

#include "pw-store.h"

G_BEGIN_DECLS

typedef enum {
  PW_CONTRACT_DRAFT,
  PW_CONTRACT_SUBMITTED,
  PW_CONTRACT_APPROVED,
  PW_CONTRACT_SIGNED,
  PW_CONTRACT_ACTIVE,
  PW_CONTRACT_EXPIRING,
  PW_CONTRACT_RENEWED,
  PW_CONTRACT_TERMINATED,
  PW_CONTRACT_EXPIRED,
} PwContractStatus;

#define PW_N_CONTRACT_STATUSES 9
/* Longest lease term the Civil Code allows (art. 705), in years. */
#define PW_LEASE_MAX_YEARS 20

const char *pw_contract_status_to_string   (PwContractStatus status);
int         pw_contract_status_from_string (const char      *text);
const char *pw_contract_status_get_label   (PwContractStatus status);
gboolean    pw_contract_status_can_become  (PwContractStatus from,
                                            PwContractStatus to);
/* Whether a contract in @status holds its spaces (pending or running). */
gboolean    pw_contract_status_holds       (PwContractStatus status);

typedef struct
{
  const char *space_id;
  gint64      area;   /* the area fixed at signing, hundredths of a m² */
} PwLeaseSpace;

/* A draft contract with its spaces and the first version of its terms (@terms is
 * the contract's JSON form, kept as it is). Returns the contract's id. */
char       *pw_lease_create      (PwStore            *store,
                                  const char         *park_id,
                                  const char         *code,
                                  const char         *customer_id,
                                  const char         *start_date,
                                  const char         *end_date,
                                  const PwLeaseSpace *spaces,
                                  guint               n_spaces,
                                  const char         *terms,
                                  GError            **error);
/* Moves the contract to @status on @date, its spaces with it, in one transaction.
 * Terminating ends the contract and its spaces at @date. */
gboolean    pw_lease_transition  (PwStore            *store,
                                  const char         *contract_id,
                                  PwContractStatus    status,
                                  const char         *date,
                                  const char         *reason,
                                  GError            **error);
/* The same, with the early-termination @penalty (money text in the contract's
 * currency, or NULL) when @status is terminated. Terminating a running contract
 * writes a version of its terms with the termination, and its settled schedule:
 * credits for what was billed beyond the date, the penalty, the deposit's offset. */
gboolean    pw_lease_transition_full (PwStore          *store,
                                      const char       *contract_id,
                                      PwContractStatus  status,
                                      const char       *date,
                                      const char       *reason,
                                      const char       *penalty,
                                      GError          **error);
/* A new version of the terms from @effective_date; returns its number. */
int         pw_lease_amend       (PwStore            *store,
                                  const char         *contract_id,
                                  const char         *effective_date,
                                  const char         *terms,
                                  const char         *note,
                                  GError            **error);

/* Computes the contract's schedule from its current terms and writes it in place
 * of the one before: line ids are named by contract, charge, kind and period, so
 * writing again never adds lines. Schedule lines are derived records: they carry
 * no audit or outbox rows of their own (the terms they come from do). Signing a
 * contract, and amending a running one, write its schedule in the same transaction. */
gboolean    pw_lease_write_schedule  (PwStore            *store,
                                      const char         *contract_id,
                                      GError            **error);
/* Writes @contract_id's schedule from its current terms inside the caller's
 * transaction, as derived records (a PwStoreDerivedFunc's work: no audit, no outbox). */
gboolean    pw_lease_write_schedule_derived (PwStore       *store,
                                      const char         *contract_id,
                                      GError            **error);
/* The schedules of several contracts in one transaction. */
gboolean    pw_lease_write_schedules (PwStore            *store,
                                      const char *const  *contract_ids,
                                      guint               n,
                                      GError            **error);

/* What a leasing agent or asset manager should look at in a contract, as
 * translated sentences (an empty array when nothing): spaces billed at more than
 * the area fixed for them, and rent-free periods longer than the park's approval
 * rules let pass without approval. */
GPtrArray  *pw_lease_alerts      (PwStore            *store,
                                  const char         *contract_id,
                                  GError            **error);

/* The id of the contract @code of @park_id (NULL: any park), or NULL. */
char       *pw_lease_find        (PwStore            *store,
                                  const char         *park_id,
                                  const char         *code,
                                  GError            **error);
/* Contracts of @park_id, by end date: rows of the contract table plus
 * "customer_name" and "spaces" (an array of space codes). With @status ≥ 0 only
 * those in it; with @expiring_days ≥ 0 only running contracts (signed, active,
 * expiring) that end within that many days of @today. */
GPtrArray  *pw_lease_list        (PwStore            *store,
                                  const char         *park_id,
                                  int                 status,
                                  int                 expiring_days,
                                  const char         *today,
                                  GError            **error);

/* The ledger's validation of contract records (chained from pw_ledger_attach). */
gboolean    pw_lease_validate    (PwStore            *store,
                                  const char         *entity,
                                  JsonObject         *row,
                                  JsonObject         *before,
                                  GError            **error);

G_END_DECLS
