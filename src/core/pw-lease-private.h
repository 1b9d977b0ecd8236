/* pw-lease-private.h — what pw-lease.c shares with the files beside it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pw-decimal.h"
#include "pw-lease.h"
#include "pw-schedule.h"
#include "pw-store.h"

G_BEGIN_DECLS

/* The terms of version @number of @contract_id (pw-lease.c) */
char *pw_lease_current_terms (PwStore *store, const char *contract_id, gint64 number,
                              GError **error);
/* The latest stored terms of @contract_id and their version @number (pw-lease.c) */
char *pw_lease_stored_terms  (PwStore *store, const char *contract_id, gint64 *number,
                              GError **error);

/* Schedules waiting to be written as derived records of their contracts
 * (pw-lease-schedule.c): pw_lease_pending_add() computes the schedule of
 * version @number's @terms into @pending (a GPtrArray freeing its items with
 * pw_lease_pending_free), and pw_lease_write_pending(), a PwStoreDerivedFunc
 * taking @pending, writes them in the mutation's transaction. */
gboolean pw_lease_pending_add   (const char *contract_id, gint64 number, const char *terms,
                                 GPtrArray *pending, GError **error);
void     pw_lease_pending_free  (gpointer data);
gboolean pw_lease_write_pending (PwStore *store, gpointer data, GError **error);

/* What an amendment leaves as it was (docs/amendments.md): the lines stored with
 * a bill date before the version's effective date, each with the version that
 * wrote it, and, per charge and kind, a line on the effective date for the
 * difference between what the new terms would have billed before that date and
 * what was billed. */
typedef struct
{
  gboolean   active;    /* FALSE: the new schedule replaces the stored one whole */
  GDate      effective;
  GPtrArray *kept;      /* PwScheduleLine, owned, as stored */
  GArray    *versions;  /* gint64: the contract version of each kept line */
  GPtrArray *extra;     /* PwScheduleLine, owned: the differences */
} PwBilledBefore;

/* Reads what the version @number of @contract_id's terms must leave as it was
 * when its @schedule replaces the stored one. Version 1, or a contract with no
 * stored lines (a draft amended before signing), leaves nothing. */
PwBilledBefore *pw_lease_billed_before (PwStore          *store,
                                        const char       *contract_id,
                                        gint64            number,
                                        PwSchedule       *schedule,
                                        GError          **error);
/* Whether @line of the new schedule is written (not one the kept lines stand for). */
gboolean        pw_billed_before_writes (const PwBilledBefore  *billed,
                                         const PwScheduleLine  *line);
void            pw_billed_before_free   (PwBilledBefore *billed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwBilledBefore, pw_billed_before_free)

/* What the approval rule looks at in a contract's current terms (docs/approvals.md). */
typedef struct
{
  gboolean  has_rent;     /* the lowest rent per m² per month is rent_num ÷ rent_den */
  PwDecimal rent_num;
  int       rent_den;
  gint64    free_e4;      /* months rent-free (fit-out excluded), ten-thousandths */
  gboolean  has_list;     /* the park's list price, ten-thousandths per m² per month */
  gint64    list_e4;
  gboolean  below_floor;  /* the rent is below the park's floor price */
  gboolean  within_quote; /* made from an approved quote, no lower rent, no more rent-free */
} PwLeasePolicy;

/* Reads @row's (a contract) policy figures from its current terms and its park. */
gboolean        pw_lease_read_policy    (PwStore       *store,
                                         JsonObject    *row,
                                         PwLeasePolicy *out,
                                         GError       **error);
/* pw_lease_transition_full() writing @approvals (JSON text; NULL: as they are,
 * or none when submitting) on the contract in the same transaction. */
gboolean        pw_lease_transition_with (PwStore          *store,
                                          const char       *contract_id,
                                          PwContractStatus  status,
                                          const char       *date,
                                          const char       *reason,
                                          const char       *penalty,
                                          const char       *approvals,
                                          GError          **error);
/* The validator's check that @row, becoming approved, holds every approval it needs. */
gboolean        pw_lease_check_approvals (PwStore       *store,
                                          JsonObject    *row,
                                          GError       **error);

G_END_DECLS
