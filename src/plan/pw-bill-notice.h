/* pw-bill-notice.h — payment notices (缴费通知单): one bill per notice, on A4 pages
 * with the park's letterhead and the seller's bank account, as PDF or onto any cairo
 * context (docs/billing.md, "Payment notices")
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "pw-store.h"

G_BEGIN_DECLS

/* A4 portrait, in points */
#define PW_BILL_NOTICE_PAGE_WIDTH  595.0
#define PW_BILL_NOTICE_PAGE_HEIGHT 842.0

typedef struct _PwBillNotice PwBillNotice;

/* The notices of the bills numbered @numbers of @park_id (NULL: the first park),
 * each starting on a new page (a long bill goes on over more pages). A cancelled
 * bill has no notice: it is refused, named. */
PwBillNotice *pw_bill_notice_new           (PwStore            *store,
                                            const char         *park_id,
                                            const char *const  *numbers,
                                            GError            **error);
void          pw_bill_notice_free          (PwBillNotice       *notice);
guint         pw_bill_notice_get_n_pages   (PwBillNotice       *notice);
/* Draws page @page (from 0) onto @cr, in points from the page's top left corner. */
void          pw_bill_notice_draw_page     (PwBillNotice       *notice,
                                            cairo_t            *cr,
                                            guint               page);
/* The text drawn on page @page, one piece a line, in the order drawn. */
const char   *pw_bill_notice_get_page_text (PwBillNotice       *notice,
                                            guint               page);
/* Writes the notices as an A4 PDF at @path, titled with their bill numbers. */
gboolean      pw_bill_notice_write_pdf     (PwBillNotice       *notice,
                                            const char         *path,
                                            GError            **error);

/* The notice of the bill @number as a PDF at @path. */
gboolean      pw_bill_notice_export        (PwStore            *store,
                                            const char         *park_id,
                                            const char         *number,
                                            const char         *path,
                                            GError            **error);

/* The notices of every bill of @park_id billed for @period (YYYY-MM) that is not
 * cancelled: with @one_file, all in the PDF @out; otherwise one PDF per customer
 * (named after the customer) in the folder @out, which is made if missing. Returns
 * the paths written (none when the period has no bill), or NULL with @error set. */
GPtrArray    *pw_bill_notice_export_period (PwStore            *store,
                                            const char         *park_id,
                                            const char         *period,
                                            const char         *out,
                                            gboolean            one_file,
                                            GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwBillNotice, pw_bill_notice_free)

G_END_DECLS
