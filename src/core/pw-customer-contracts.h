/* pw-customer-contracts.h — a customer's contracts and the spaces they hold
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-lease.h"
#include "pw-store.h"

G_BEGIN_DECLS

/* One contract of a customer. */
typedef struct
{
  char             *id;
  char             *code;         /* "LSP-2026-014" */
  PwContractStatus  status;
  char             *start_date;   /* YYYY-MM-DD */
  char             *end_date;
  GStrv             space_codes;  /* its spaces' codes, in code order */
} PwCustomerContract;

/* One space a customer holds, through which contract and until when. */
typedef struct
{
  char   *space_id;
  char   *code;
  char   *name;
  char   *building_code;
  char   *floor_code;
  char   *contract_id;
  char   *contract_code;
  char   *start_date;             /* the space's holding under that contract */
  char   *end_date;
  gint64  area;                   /* hundredths of m², as the contract fixed it */
} PwCustomerSpace;

void       pw_customer_contract_free   (PwCustomerContract *contract);
void       pw_customer_space_free      (PwCustomerSpace    *space);

/* Every contract of @customer_id, whatever its status (drafts and ended ones
 * too), the latest start first, then by code: PwCustomerContract. */
GPtrArray *pw_customer_list_contracts  (PwStore     *store,
                                        const char  *customer_id,
                                        GError     **error);

/* The spaces the customer holds (docs/customers.md): those of its signed,
 * active or expiring contracts whose holding has not ended by @today
 * (YYYY-MM-DD; a lease signed before it starts counts), by space code, each
 * once — under the contract whose holding ends last. PwCustomerSpace. */
GPtrArray *pw_customer_list_spaces     (PwStore     *store,
                                        const char  *customer_id,
                                        const char  *today,
                                        GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwCustomerContract, pw_customer_contract_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwCustomerSpace, pw_customer_space_free)

G_END_DECLS
