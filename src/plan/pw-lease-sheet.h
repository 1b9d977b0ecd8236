/* pw-lease-sheet.h — a contract as a printable PDF: parties, terms, schedule, plan excerpt
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "pw-store.h"

G_BEGIN_DECLS

/* A4 portrait, in points: the size of each page pw_lease_sheet_draw_page() draws. */
#define PW_LEASE_SHEET_PAGE_WIDTH  595.0
#define PW_LEASE_SHEET_PAGE_HEIGHT 842.0

typedef struct _PwLeaseSheet PwLeaseSheet;

/* The contract @contract_id laid out in pages: the parties, the term, the spaces and
 * charges of its current terms, every line of its schedule with totals, and each
 * floor it leases on with the leased rooms highlighted. */
PwLeaseSheet *pw_lease_sheet_new         (PwStore       *store,
                                          const char    *contract_id,
                                          GError       **error);
void          pw_lease_sheet_free        (PwLeaseSheet  *sheet);
guint         pw_lease_sheet_get_n_pages (PwLeaseSheet  *sheet);
/* Draws page @page (from 0) onto @cr, whose user space is in points with the
 * page's top left corner at the origin: a PDF surface, a printer's context. */
void          pw_lease_sheet_draw_page   (PwLeaseSheet  *sheet,
                                          cairo_t       *cr,
                                          guint          page);

/* Writes the contract @contract_id as an A4 PDF at @path, one page of it per page
 * of the sheet. */
gboolean  pw_lease_sheet_export (PwStore     *store,
                                 const char  *contract_id,
                                 const char  *path,
                                 GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwLeaseSheet, pw_lease_sheet_free)

G_END_DECLS
