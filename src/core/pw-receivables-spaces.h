/* pw-receivables-spaces.h — what the contracts holding a floor's spaces owe past due
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan's Arrears lens (docs/plans.md, "Arrears") reads this: for every space that a
 * running contract holds on a date, what that contract owes past due on that date and
 * how old the oldest overdue amount is (docs/receivables.md, "Arrears by space"). */
#pragma once

#include <glib.h>

#include "pw-store.h"

G_BEGIN_DECLS

/* One space held by one contract on the date asked. A space several contracts share
 * gives one of these per contract. */
typedef struct
{
  char   *space_id;
  char   *contract_id;
  char   *contract_code;
  char   *customer_id;   /* NULL when the contract has none */
  char   *tenant;        /* the customer's name, or NULL */
  gint64  overdue;       /* minor units the contract owes past due (0 when paid up) */
  char   *oldest_due;    /* YYYY-MM-DD, the oldest due date still owing; NULL when paid up */
  gint64  days;          /* days from it to the date asked; 0 when paid up */
} PwSpaceArrears;

void        pw_space_arrears_free        (PwSpaceArrears *arrears);

/* For every space of the floor @floor_id (NULL: every floor of @park_id) that a
 * signed, active or expiring contract holds on @as_of (YYYY-MM-DD), what that contract
 * owes past due as of @as_of: on the lines of its bills that are not cancelled, billed
 * on or before @as_of and due before it, their gross less the approved credit notes
 * issued and the allocations of payments paid on or before @as_of (as the ageing counts
 * them, from schema 18's summary by contract). PwSpaceArrears, by space,
 * then contract code. @park_id NULL: the first park; *@currency (may be NULL) gets the
 * park's currency. Two queries (and the park's), whatever the number of spaces. */
GPtrArray  *pw_receivables_space_arrears (PwStore        *store,
                                          const char     *park_id,
                                          const char     *floor_id,
                                          const char     *as_of,
                                          char          **currency,
                                          GError        **error);

G_END_DECLS
