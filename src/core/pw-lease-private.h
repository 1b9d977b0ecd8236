/* pw-lease-private.h — what pw-lease.c shares with the files beside it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-schedule.h"
#include "pw-store.h"

G_BEGIN_DECLS

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

G_END_DECLS
