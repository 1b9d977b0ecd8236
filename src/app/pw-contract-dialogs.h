/* pw-contract-dialogs.h — what the Contracts page asks before a step of a contract's life
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-contracts-page.h"
#include "pw-contract-record.h"
#include "pw-money.h"

G_BEGIN_DECLS

/* Each presents an AdwMessageDialog for the contract @item of
 * @page saying what the step will do, and takes it on the page when confirmed.
 * Returns the dialog (owned by the window system). */
AdwMessageDialog *pw_contract_dialog_approve   (PwContractsPage *page,
                                                PwStore         *store,
                                                PwContractRecord *item);
/* With the reason (required) and, when approvals are pending, the role rejecting. */
AdwMessageDialog *pw_contract_dialog_reject    (PwContractsPage *page,
                                                PwStore         *store,
                                                PwContractRecord *item);
AdwMessageDialog *pw_contract_dialog_sign      (PwContractsPage *page,
                                                PwStore         *store,
                                                PwContractRecord *item);
/* With the last day (an entry) and the settlement it would bring: credits, the
 * penalty (an entry) and the deposit returned, as core computes them. */
AdwMessageDialog *pw_contract_dialog_terminate (PwContractsPage *page,
                                                PwStore         *store,
                                                PwContractRecord *item,
                                                PwCurrencyStyle  style);
/* With the renewal's code, its end and its rent (a new unit price, or as before). */
AdwMessageDialog *pw_contract_dialog_renew     (PwContractsPage *page,
                                                PwStore         *store,
                                                PwContractRecord *item);

G_END_DECLS
