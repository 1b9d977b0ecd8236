/* pw-customer-leases.h — a customer's contracts and spaces, in its detail
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_CUSTOMER_LEASES (pw_customer_leases_get_type ())
G_DECLARE_FINAL_TYPE (PwCustomerLeases, pw_customer_leases, PW, CUSTOMER_LEASES, GtkWidget)

/* Shows the contracts and held spaces of @customer_id (NULL: none) from @store.
 * A contract's row opens it (win.show-contract), a space's row shows it on its
 * plan (win.show-space). */
void        pw_customer_leases_show            (PwCustomerLeases *self,
                                                PwStore          *store,
                                                const char       *customer_id);
/* Shows the balance of @customer_id in @park_id (NULL: the first park), what of it
 * is overdue today, and its newest bills; a bill's row opens it on the Billing page
 * (win.show-bills), the group's button all of them (win.show-customer-bills). */
void        pw_customer_leases_show_receivables (PwCustomerLeases *self,
                                                 PwStore          *store,
                                                 const char       *park_id,
                                                 const char       *customer_id);
/* What the detail shows: "Balance … · overdue …", the amounts, the bills listed. */
const char *pw_customer_leases_get_balance_text (PwCustomerLeases *self);
gint64      pw_customer_leases_get_balance      (PwCustomerLeases *self,
                                                 gint64           *overdue);
guint       pw_customer_leases_get_n_bills      (PwCustomerLeases *self);
/* The "Statement…" menu button of the receivables group (shown once the customer's
 * ledger has an entry): customer.statement-pdf, customer.print-statement. */
GtkWidget  *pw_customer_leases_get_statement_button (PwCustomerLeases *self);
/* The rows shown, for tests: a contract's title is its code, a space's its code. */
guint       pw_customer_leases_get_n_contracts (PwCustomerLeases *self);
guint       pw_customer_leases_get_n_spaces    (PwCustomerLeases *self);
GtkWidget  *pw_customer_leases_get_contract_row (PwCustomerLeases *self,
                                                 guint             i);
GtkWidget  *pw_customer_leases_get_space_row    (PwCustomerLeases *self,
                                                 guint             i);

G_END_DECLS
