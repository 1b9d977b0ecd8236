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

#include "pw-contract.h"
#include "pw-schedule.h"
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
/* Whether a contract whose last step took it from @to to @from may be taken
 * back to @to: a termination, on the day it was recorded (docs/undo.md). */
gboolean    pw_contract_status_can_reopen  (PwContractStatus from,
                                            PwContractStatus to);
gboolean    pw_contract_status_can_become  (PwContractStatus from,
                                            PwContractStatus to);
/* Whether a contract in @status holds its spaces (pending or running). */
gboolean    pw_contract_status_holds       (PwContractStatus status);
/* Whether a contract in @status may take a new version of its terms (it has not
 * ended: pw_lease_amend() refuses the others). */
gboolean    pw_contract_status_can_amend   (PwContractStatus status);
/* Whether a contract in @status may be renewed (active or expiring). */
gboolean    pw_contract_status_can_renew   (PwContractStatus status);

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
/* The same for a contract made from the quote @quote_id (NULL: none), which
 * the contract keeps. */
char       *pw_lease_create_from_quote (PwStore            *store,
                                        const char         *park_id,
                                        const char         *code,
                                        const char         *customer_id,
                                        const char         *quote_id,
                                        const char         *start_date,
                                        const char         *end_date,
                                        const PwLeaseSpace *spaces,
                                        guint               n_spaces,
                                        const char         *terms,
                                        GError            **error);
/* Appends to @mutations the inserts pw_lease_create_from_quote() applies (the
 * draft contract, its first version, its spaces), for a caller that writes them
 * with others in one transaction. Returns the new contract's id. */
char       *pw_lease_add_create_mutations (GPtrArray          *mutations,
                                           const char         *park_id,
                                           const char         *code,
                                           const char         *customer_id,
                                           const char         *quote_id,
                                           const char         *start_date,
                                           const char         *end_date,
                                           const PwLeaseSpace *spaces,
                                           guint               n_spaces,
                                           const char         *terms);
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

/* The same, and the contract's end and spaces with the terms, in one transaction.
 * @end_date (NULL: unchanged) is the new last day of the term, not before
 * @effective_date. With @n_spaces ≥ 0, @spaces are the spaces held from
 * @effective_date on, with their chargeable areas: one that is no longer there is
 * held until the day before (or not at all when the amendment takes effect on its
 * first day), a new one from @effective_date to the end. A space another contract
 * holds for those dates is refused, naming that contract. */
int         pw_lease_amend_full  (PwStore            *store,
                                  const char         *contract_id,
                                  const char         *effective_date,
                                  const char         *terms,
                                  const char         *note,
                                  const char         *end_date,
                                  const PwLeaseSpace *spaces,
                                  int                 n_spaces,
                                  GError            **error);

/* A draft contract @code that follows the active or expiring @contract_id (B16):
 * the same customer and spaces from the day after its end to @end_date (NULL:
 * the renewal option's term_months, else as long as the term it follows), the
 * terms copied with the new dates, "renews" naming the contract it follows and
 * the deposit it holds as deposit.carried_over, so that only a higher deposit is
 * topped up. Signing the renewal moves the contract it follows to renewed.
 * @today is the signing date written into the draft's terms when it comes before
 * the new start. Returns the new contract's id. */
char       *pw_lease_renew       (PwStore            *store,
                                  const char         *contract_id,
                                  const char         *code,
                                  const char         *end_date,
                                  const char         *today,
                                  GError            **error);

/* pw_lease_renew() with every rent charge of the draft at @rent_price (decimal
 * text in the charge's unit; NULL: as before, escalations as the old term's) and
 * no escalation. */
char       *pw_lease_renew_full  (PwStore            *store,
                                  const char         *contract_id,
                                  const char         *code,
                                  const char         *end_date,
                                  const char         *today,
                                  const char         *rent_price,
                                  GError            **error);
/* What terminating the contract on @date with @penalty (NULL: none) would settle,
 * written nowhere: the schedule's credits, penalty, deposit_offset and refund. */
PwSchedule *pw_lease_termination_preview (PwStore    *store,
                                          const char *contract_id,
                                          const char *date,
                                          const char *penalty,
                                          GError    **error);

/* The schedule the contract bills: the engine's (pw_schedule_compute) with a
 * deposit carried over from the contract it renews counted against its own
 * deposit: the line bills only a top-up, refunds what is held beyond the new
 * deposit, or is left out when they are equal. schedule->deposit stays the
 * deposit held. */
PwSchedule *pw_lease_compute_schedule (const PwContract *contract,
                                       GError          **error);
/* The same with the lines' explanations left NULL, their wording set
 * (pw_schedule_compute_full()): what the store writes. */
PwSchedule *pw_lease_compute_schedule_full (const PwContract *contract,
                                            gboolean          wording_only,
                                            GError          **error);

/* The schedule the store keeps for @contract_id, as billed (docs/amendments.md:
 * lines billed before an amendment took effect as they were), in its order, the
 * explanations worded; amounts in @currency. An empty schedule (no lines) for a
 * contract that has not been signed. */
PwSchedule *pw_lease_read_schedule (PwStore          *store,
                                    const char       *contract_id,
                                    const char       *currency,
                                    GError          **error);

/* A per-m² rent's unit price per m² per month as @num ÷ @den exactly (a price per
 * m² per day × 365 ÷ 12, or × 30 with that standard month). FALSE for a charge
 * that is not priced per m². */
gboolean    pw_lease_monthly_rent (const PwCharge    *charge,
                                   PwDecimal         *num,
                                   int               *den);

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
/* Whether pw_change_undo() can answer @change (a PwChange) of contracts: it
 * made no contract (a renewal's draft), each new version of terms it wrote is
 * answered by one that puts the old terms back, and each contract's status may
 * go back to what it was: a submission withdrawn, a termination reopened, an
 * amendment undone; a signature, an approval or an activation stays
 * (docs/undo.md). */
gboolean    pw_lease_change_can_undo (gpointer            change);
/* PwStoreDerivedFunc for an undo of @data (a PwChange): writes again the
 * schedule of every signed contract the change wrote, from its terms as the
 * undo leaves them. */
gboolean    pw_lease_undo_reschedule (PwStore            *store,
                                      gpointer            data,
                                      GError            **error);

/* What a leasing agent or asset manager should look at in a contract, as
 * translated sentences (an empty array when nothing): spaces billed at more than
 * the area fixed for them; a rent below the park's floor price (per m² per
 * month; the lowest rent per m² the terms charge, base price or price step); and
 * a discount or rent-free beyond policy. A contract made from a
 * quote (quote_id) is held to that quote: its approvals must all be given, and
 * the contract may not give a lower rent or more rent-free months than it. One
 * without a quote is held to the park's approval rules: its rent against the
 * park's list price (discount_pct) and its rent-free months (rent_free_months). */
GPtrArray  *pw_lease_alerts      (PwStore            *store,
                                  const char         *contract_id,
                                  GError            **error);

/* ---- approvals (docs/approvals.md) ---- */

/* The approvals the contract needs under the park's rules, as its terms are now:
 * objects with rule_id (NULL for a rent below the floor price), approver_role and
 * level, by level. Empty when it is within the policy, or made from an approved
 * quote whose rent and rent-free it keeps within. */
GPtrArray  *pw_lease_required_approvals (PwStore      *store,
                                         const char   *contract_id,
                                         GError      **error);
/* Those of them not given yet (since it was last submitted). */
GPtrArray  *pw_lease_pending_approvals  (PwStore      *store,
                                         const char   *contract_id,
                                         GError      **error);
/* Decides, as @role, on the submitted contract: an approval for @role must be
 * pending (PW_LEASING_ERROR_NO_APPROVAL otherwise: the wrong role is refused) at
 * the lowest pending level (NOT_YOUR_TURN). The contract becomes approved on @date
 * with the last approval, goes back to draft when rejected (@comment required).
 * When none is needed, any role (or NULL) approves. One transaction. */
gboolean    pw_lease_decide             (PwStore      *store,
                                         const char   *contract_id,
                                         const char   *role,
                                         gboolean      approve,
                                         const char   *comment,
                                         const char   *date,
                                         GError      **error);
/* Whether @role may decide on @contract_id now, as pw_lease_decide() would let
 * it: the contract is submitted and either needs no approval or has one pending
 * for @role at the lowest pending level. FALSE with @error unset for a role that
 * may not (yet); FALSE with @error set when the contract cannot be read. */
gboolean    pw_lease_role_may_decide    (PwStore      *store,
                                         const char   *contract_id,
                                         const char   *role,
                                         GError      **error);
/* The validator's check of a contract's "approvals" field. */
gboolean    pw_lease_validate_approvals (JsonObject   *row,
                                         GError      **error);

/* A contract's headline figures (docs/contract-figures.md), on the day @on. */
typedef struct
{
  char   *currency;
  char   *on;               /* the day: today within the term, else its nearer end */
  gint64  area;             /* the spaces the terms bill, hundredths of a m² */
  gint64  monthly_rent;     /* the rent charges running on @on, per month, minor units */
  char   *rent_m2_month;    /* monthly_rent per m², 4 places (NULL without area) */
  char   *rent_m2_day;      /* the same × 12 ÷ 365, 4 places */
  gint64  total_value;      /* charges, credits and penalty over the term, the deposit apart */
  char   *next_bill_date;   /* the first bill date from today on, or NULL */
  gint64  next_bill_amount; /* every line billed that day, the deposit included */
} PwLeaseFigures;

void            pw_lease_figures_free (PwLeaseFigures *figures);
/* The figures of @contract_id as its current terms and bills say on @today. */
PwLeaseFigures *pw_lease_figures      (PwStore        *store,
                                       const char     *contract_id,
                                       const char     *today,
                                       GError        **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwLeaseFigures, pw_lease_figures_free)

/* How a park numbers its contracts (docs/contract-numbers.md): "LSP-2026-014". */
#define PW_CONTRACT_CODE_PATTERN "{park}-{year}-{seq:3}"
/* The number for a new contract of @park_id dated @date (YYYY-MM-DD): the park's
 * code, the date's year and one more than the highest number of that year. */
char       *pw_lease_next_code   (PwStore            *store,
                                  const char         *park_id,
                                  const char         *date,
                                  GError            **error);

/* A space of a floor and the running contract that holds it (pw_lease_held_spaces()). */
typedef struct
{
  char *space_id;
  char *contract_id;
  char *contract_code;
  char *customer_id;   /* NULL when the contract has none */
  char *tenant;        /* the customer's name, or NULL */
  char *start_date;    /* the space's holding, YYYY-MM-DD */
  char *end_date;
  char *unit_rent;     /* rent per m² per month, 2 decimals, or NULL */
} PwHeldSpace;

void        pw_held_space_free   (PwHeldSpace        *held);
/* The spaces of the floor @floor_id that a signed, active or expiring contract
 * holds on @today, or (a lease signed before it starts) will hold later: for each,
 * the contract holding it on @today, else the next one, with its tenant, term and
 * the space's unit rent then (docs/plans.md). PwHeldSpace, by space. */
GPtrArray  *pw_lease_held_spaces (PwStore            *store,
                                  const char         *floor_id,
                                  const char         *today,
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
