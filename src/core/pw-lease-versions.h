/* pw-lease-versions.h — what the contract pages and dialogs read of a lease: the
 * versions of its terms and the spaces it holds to its end
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-lease.h"

G_BEGIN_DECLS

/* One version of a contract's terms. */
typedef struct
{
  gint64  number;
  char   *effective_date;
  char   *note;            /* "" when none */
  char   *terms;           /* the contract's JSON form from that date */
} PwLeaseVersion;

void        pw_lease_version_free     (PwLeaseVersion *version);
/* The versions of @contract_id's terms, oldest first: a new array of
 * PwLeaseVersion, or NULL with @error set. */
GPtrArray  *pw_lease_list_versions    (PwStore        *store,
                                       const char     *contract_id,
                                       GError        **error);
/* The terms of @contract_id's current version (its JSON form), or NULL with @error set. */
char       *pw_lease_dup_terms        (PwStore        *store,
                                       const char     *contract_id,
                                       GError        **error);

/* A space a contract holds, with the area fixed for it. */
typedef struct
{
  char   *space_id;
  gint64  area;            /* hundredths of a m² */
} PwLeaseHeld;

void        pw_lease_held_free        (PwLeaseHeld    *held);
/* The spaces @contract_id holds on its last day (@end_date), by start: what an
 * amendment may keep or give up. A new array of PwLeaseHeld, or NULL with @error set. */
GPtrArray  *pw_lease_spaces_to_end    (PwStore        *store,
                                       const char     *contract_id,
                                       const char     *end_date,
                                       GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwLeaseVersion, pw_lease_version_free)

G_END_DECLS
