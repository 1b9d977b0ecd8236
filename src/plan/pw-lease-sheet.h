/* pw-lease-sheet.h — a contract as a printable PDF: parties, terms, schedule, plan excerpt
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-store.h"

G_BEGIN_DECLS

/* Writes the contract @contract_id as an A4 PDF at @path: the parties, the term,
 * the spaces and charges of its current terms, every line of its schedule with
 * totals, and each floor it leases on with the leased rooms highlighted. */
gboolean  pw_lease_sheet_export (PwStore     *store,
                                 const char  *contract_id,
                                 const char  *path,
                                 GError     **error);

G_END_DECLS
