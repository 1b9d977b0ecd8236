/* pw-doc-sheet.h — what payment notices and statements share: A4 pages drawn once onto
 * recording surfaces (so a PDF and a printer get the same pages), with the text each
 * page holds kept beside it, a letterhead, wrapped text, rules and tables whose header
 * a following page repeats, "page N of M", and the PDF writer (docs/billing.md,
 * "Payment notices"; docs/receivables.md, "Statements")
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "pw-park-seller.h"

G_BEGIN_DECLS

/* A4 portrait, in points */
#define PW_DOC_PAGE_WIDTH  595.0
#define PW_DOC_PAGE_HEIGHT 842.0
#define PW_DOC_MARGIN      56.0
#define PW_DOC_TEXT_WIDTH  (PW_DOC_PAGE_WIDTH - 2 * PW_DOC_MARGIN)

/* A table's columns: their widths, which ones wrap at words (bit i: column i; the
 * others stay on one line) and how many of the last ones are right-aligned amounts. */
typedef struct
{
  const double *widths;
  guint         n;
  guint         wrap;
  guint         n_right;
} PwDocTable;

typedef struct
{
  cairo_t           *cr;
  PangoLayout       *layout;
  double             y;
  GPtrArray         *pages;     /* cairo_surface_t */
  GPtrArray         *texts;     /* GString, what each page says */
  char              *continued; /* a line the top of a following page repeats, or NULL */
  const PwDocTable  *table;     /* a table whose header a following page repeats, or NULL */
  const char *const *head;      /* that header's cells */
} PwDocSheet;

void        pw_doc_sheet_init      (PwDocSheet        *s);
/* Frees what drawing needed; the pages and texts stay. */
void        pw_doc_sheet_clear     (PwDocSheet        *s);
void        pw_doc_sheet_font      (PwDocSheet        *s,
                                    const char        *desc);
void        pw_doc_sheet_new_page  (PwDocSheet        *s);
/* Writes @text at @x with @width (wrapping), moving down unless @keep_line. */
double      pw_doc_sheet_text      (PwDocSheet        *s,
                                    const char        *text,
                                    double             x,
                                    double             width,
                                    gboolean           keep_line);
void        pw_doc_sheet_rule      (PwDocSheet        *s);
/* A row of @cells in the columns of @table; never across two pages. */
void        pw_doc_sheet_row       (PwDocSheet        *s,
                                    const PwDocTable  *table,
                                    const char *const *cells);
/* Starts @table with its header @head (bold), repeated on each page it goes on to. */
void        pw_doc_sheet_table     (PwDocSheet        *s,
                                    const PwDocTable  *table,
                                    const char *const *head);
void        pw_doc_sheet_end_table (PwDocSheet        *s);
/* The park's name and address and a rule, at the top of the page. */
void        pw_doc_sheet_letterhead (PwDocSheet       *s,
                                    const PwLetterhead *head);
/* How to pay: the account of @seller (may be NULL: not recorded) named @name, and
 * the @reference a payer writes on the transfer. */
void        pw_doc_sheet_pay_into  (PwDocSheet        *s,
                                    const char        *name,
                                    const PwParkSeller *seller,
                                    const char        *reference);
/* "Page N of M" at the foot of pages @first to the last, N counted from @first. */
void        pw_doc_sheet_number_pages (PwDocSheet     *s,
                                    guint              first);

/* The texts of the pages, as strings (the GStrings freed). */
GPtrArray  *pw_doc_sheet_take_texts (PwDocSheet       *s);
/* The first failure of the recorded pages, or CAIRO_STATUS_SUCCESS. */
cairo_status_t pw_doc_pages_status (GPtrArray         *pages);
/* Draws recorded page @page onto @cr, on white. */
void        pw_doc_pages_draw      (GPtrArray         *pages,
                                    cairo_t           *cr,
                                    guint              page);
/* Writes @pages as an A4 PDF at @path titled @title: how it went. */
cairo_status_t pw_doc_pages_write_pdf (GPtrArray      *pages,
                                    const char        *title,
                                    const char        *path);
/* A file name for @name: no path separators or control characters, not hidden. */
char       *pw_doc_file_name       (const char        *name);

G_END_DECLS
