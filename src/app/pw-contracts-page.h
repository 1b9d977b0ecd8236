/* pw-contracts-page.h — the Contracts page: the park's lease contracts, filtered, with the
 * selected one's terms, charge schedule and the steps of its lifecycle
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-amend-dialog.h"
#include "pw-lease.h"
#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_CONTRACTS_PAGE (pw_contracts_page_get_type ())
/* A PwPage; its commands are the actions "contract.new-lease", "contract.submit", "contract.approve",
 * "contract.reject", "contract.sign", "contract.activate", "contract.terminate",
 * "contract.amend", "contract.rent-review", "contract.renew",
 * "contract.show-on-plan", "contract.save-pdf", "contract.print", "contract.find"
 * and "contract.show-list", enabled from core's rules for the selected contract. */
G_DECLARE_FINAL_TYPE (PwContractsPage, pw_contracts_page, PW, CONTRACTS_PAGE, GtkWidget)

GtkWidget  *pw_contracts_page_new                  (void);
void        pw_contracts_page_set_store            (PwContractsPage  *self,
                                                    PwStore          *store);
PwStore    *pw_contracts_page_get_store            (PwContractsPage  *self);
/* The park whose contracts are listed; NULL for the first park. */
void        pw_contracts_page_set_park_id          (PwContractsPage  *self,
                                                    const char       *park_id);
/* The page loads when it is first shown; this loads it now, or again. */
void        pw_contracts_page_reload               (PwContractsPage  *self);
gboolean    pw_contracts_page_is_loaded            (PwContractsPage  *self);
void        pw_contracts_page_focus_search         (PwContractsPage  *self);

/* Filters: the search matches code, customer and space codes; -1 for all statuses;
 * the running contracts ending within @days (-1 for all); a building's code (NULL: all). */
void        pw_contracts_page_set_search_text      (PwContractsPage  *self,
                                                    const char       *text);
void        pw_contracts_page_set_status_filter    (PwContractsPage  *self,
                                                    int               status);
void        pw_contracts_page_set_expiring_filter  (PwContractsPage  *self,
                                                    int               days);
gboolean    pw_contracts_page_set_building_filter  (PwContractsPage  *self,
                                                    const char       *building_code);

/* The contracts as the list shows them, filtered and sorted (PwContractRecord). */
GListModel *pw_contracts_page_get_visible_items    (PwContractsPage  *self);
/* Selects the contract, clearing the filters if they hide it. */
gboolean    pw_contracts_page_select_contract      (PwContractsPage  *self,
                                                    const char       *contract_id);
const char *pw_contracts_page_get_selected_id      (PwContractsPage  *self);
/* The selected contract's schedule lines (PwJsonItem), and its totals as shown. */
GListModel *pw_contracts_page_get_schedule         (PwContractsPage  *self);
const char *pw_contracts_page_get_totals_text      (PwContractsPage  *self);

/* Moves the selected contract to @status on @date (NULL: today), as its buttons
 * do; a refusal is also shown in a toast. */
gboolean    pw_contracts_page_transition           (PwContractsPage  *self,
                                                    PwContractStatus  status,
                                                    const char       *date,
                                                    GError          **error);
/* Opens the amend dialog for the selected contract, as "contract.amend" does. */
PwAmendDialog *pw_contracts_page_open_amend_dialog (PwContractsPage *self);
/* The selected contract's headline figures as shown (pw_lease_figures()). */
const char *pw_contracts_page_get_figures_text     (PwContractsPage  *self);
/* Decides as @role (NULL: none in particular) on the selected submitted contract
 * (pw_lease_decide()); a refusal is shown in a toast and returned. */
gboolean    pw_contracts_page_decide               (PwContractsPage  *self,
                                                    const char       *role,
                                                    gboolean          approve,
                                                    const char       *comment,
                                                    GError          **error);
/* Terminates the selected contract on @date with @penalty (NULL: none). */
gboolean    pw_contracts_page_terminate            (PwContractsPage  *self,
                                                    const char       *date,
                                                    const char       *penalty,
                                                    GError          **error);
/* pw_contracts_page_renew() with the renewal's rent at @rent_price (NULL: as now). */
char       *pw_contracts_page_renew_full           (PwContractsPage  *self,
                                                    const char       *code,
                                                    const char       *end_date,
                                                    const char       *rent_price,
                                                    GError          **error);
/* Draws up the renewal @code of the selected contract (to @end_date, NULL: the
 * default), as the Renew dialog does; returns its id and selects it. */
char       *pw_contracts_page_renew                (PwContractsPage  *self,
                                                    const char       *code,
                                                    const char       *end_date,
                                                    GError          **error);
/* Prints the selected contract's document (the pages of its PDF) with @action;
 * @export_path is the file GTK_PRINT_OPERATION_ACTION_EXPORT writes. */
GtkPrintOperationResult
            pw_contracts_page_print                (PwContractsPage          *self,
                                                    GtkPrintOperationAction   action,
                                                    const char               *export_path,
                                                    GError                  **error);
/* The versions of the selected contract's terms as listed, oldest first: each
 * one's note and the sentences of what it changed from the one before. */
guint       pw_contracts_page_get_n_versions       (PwContractsPage  *self);
const char *pw_contracts_page_get_version_text     (PwContractsPage  *self,
                                                    guint             index);

/* The text of the last toast the page showed, for tests; NULL for none. */
const char *pw_contracts_page_get_last_message     (PwContractsPage  *self);

G_END_DECLS
