/* pw-contract-record.h — one lease contract as lists show it: its code, customer,
 * status, term, spaces and what to look at, read by one core query
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pw-lease.h"
#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_CONTRACT_RECORD (pw_contract_record_get_type ())
G_DECLARE_FINAL_TYPE (PwContractRecord, pw_contract_record, PW, CONTRACT_RECORD, GObject)

/* The value of "days-left" for a contract that is not running. */
#define PW_CONTRACT_RECORD_NO_DAYS G_MININT

const char        *pw_contract_record_get_id              (PwContractRecord *self);
const char        *pw_contract_record_get_code            (PwContractRecord *self);
PwContractStatus   pw_contract_record_get_status          (PwContractRecord *self);
const char        *pw_contract_record_get_status_label    (PwContractRecord *self);
const char        *pw_contract_record_get_customer_id     (PwContractRecord *self);
/* NULL when the contract has no customer */
const char        *pw_contract_record_get_customer_name   (PwContractRecord *self);
const char        *pw_contract_record_get_start_date      (PwContractRecord *self);
const char        *pw_contract_record_get_end_date        (PwContractRecord *self);
const char        *pw_contract_record_get_signed_date     (PwContractRecord *self);
const char        *pw_contract_record_get_ended_date      (PwContractRecord *self);
gint64             pw_contract_record_get_current_version (PwContractRecord *self);
/* the space codes, sorted; and joined with ", " */
const char *const *pw_contract_record_get_spaces          (PwContractRecord *self);
const char        *pw_contract_record_get_spaces_text     (PwContractRecord *self);
/* the codes of the buildings its spaces stand in */
const char *const *pw_contract_record_get_buildings       (PwContractRecord *self);
gboolean           pw_contract_record_in_building         (PwContractRecord *self,
                                                           const char       *building_code);
/* days from the day the list was read to the end, for a running contract (signed,
 * active, expiring); PW_CONTRACT_RECORD_NO_DAYS otherwise */
int                pw_contract_record_get_days_left       (PwContractRecord *self);
/* pw_lease_alerts(): sentences, and their number */
const char *const *pw_contract_record_get_alerts          (PwContractRecord *self);
guint              pw_contract_record_get_n_alerts        (PwContractRecord *self);

/* ---- what may be done with it (the rules commands are enabled from) ---- */

/* pw_contract_status_can_become() from its status. */
gboolean           pw_contract_record_can_become          (PwContractRecord *self,
                                                           PwContractStatus  status);
/* pw_contract_status_can_amend(), pw_contract_status_can_renew() of its status. */
gboolean           pw_contract_record_can_amend           (PwContractRecord *self);
gboolean           pw_contract_record_can_renew           (PwContractRecord *self);

/* The contracts of @park_id (NULL: every park) as pw_lease_list() selects them
 * (@status ≥ 0: only those in it; @expiring_days ≥ 0: running ones ending within
 * that many days of @today), by end date, each with its buildings, days left on
 * @today and alerts. A new array of PwContractRecord, or NULL with @error set. */
GPtrArray         *pw_contract_records_load               (PwStore          *store,
                                                           const char       *park_id,
                                                           int               status,
                                                           int               expiring_days,
                                                           const char       *today,
                                                           GError          **error);
/* The one contract @contract_id as pw_contract_records_load() reads it. */
PwContractRecord  *pw_contract_record_load                (PwStore          *store,
                                                           const char       *contract_id,
                                                           const char       *today,
                                                           GError          **error);

G_END_DECLS
