/* pw-bill-statement.h — customer statements (对账单): a customer's ledger over a period
 * per seller, with opening and closing balances and the ageing of what is open, on A4
 * pages with the park's letterhead and each seller's bank account, as PDF or onto any
 * cairo context (docs/receivables.md, "Statements")
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <json-glib/json-glib.h>

#include "pw-store.h"

G_BEGIN_DECLS

typedef struct _PwBillStatement PwBillStatement;

/* The statements of @customers (ids or exact names) of @park_id (NULL: the first park)
 * from @from to @to with the ageing as of @as_of (NULL: as pw_statement_period() sets
 * them), each seller's section starting a new page; each customer's pages are numbered
 * "page N of M" on their own. */
PwBillStatement *pw_bill_statement_new           (PwStore            *store,
                                                  const char         *park_id,
                                                  const char *const  *customers,
                                                  const char         *from,
                                                  const char         *to,
                                                  const char         *as_of,
                                                  GError            **error);
void             pw_bill_statement_free          (PwBillStatement    *statement);
guint            pw_bill_statement_get_n_pages   (PwBillStatement    *statement);
void             pw_bill_statement_draw_page     (PwBillStatement    *statement,
                                                  cairo_t            *cr,
                                                  guint               page);
/* The text drawn on page @page, one piece a line, in the order drawn. */
const char      *pw_bill_statement_get_page_text (PwBillStatement    *statement,
                                                  guint               page);
/* The figures (pw_receivables_statement()) of each customer, in order. */
JsonArray       *pw_bill_statement_get_figures   (PwBillStatement    *statement);
gboolean         pw_bill_statement_write_pdf     (PwBillStatement    *statement,
                                                  const char         *path,
                                                  GError            **error);

/* The statement of @customer as a PDF at @path. */
gboolean         pw_bill_statement_export        (PwStore            *store,
                                                  const char         *park_id,
                                                  const char         *customer,
                                                  const char         *from,
                                                  const char         *to,
                                                  const char         *as_of,
                                                  const char         *path,
                                                  GError            **error);
/* The statements of every customer of @park_id with a balance or activity in the
 * period: with @one_file, all in the PDF @out; otherwise one PDF per customer (named
 * after the customer) in the folder @out, made if missing. Returns the paths written
 * (none when no customer has one), or NULL with @error set; *@figures (may be NULL)
 * gets the figures of each statement written, in order. */
GPtrArray       *pw_bill_statement_export_all    (PwStore            *store,
                                                  const char         *park_id,
                                                  const char         *from,
                                                  const char         *to,
                                                  const char         *as_of,
                                                  const char         *out,
                                                  gboolean            one_file,
                                                  JsonArray         **figures,
                                                  GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwBillStatement, pw_bill_statement_free)

G_END_DECLS
