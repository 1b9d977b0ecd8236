/* pw-document-print.h — saving an A4 document as PDF (asking where, with
 * GtkFileChooserNative) and printing it (GtkPrintOperation), as payment notices,
 * contracts and statements do; and the statement's "Statement…" menu
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pw-store.h"

G_BEGIN_DECLS

/* Shows @message on @owner's page (its toast) */
typedef void     (*PwDocumentToast) (GtkWidget   *owner,
                                     const char  *message);
/* Writes the document to @path */
typedef gboolean (*PwDocumentSave)  (GtkWidget   *owner,
                                     const char  *path,
                                     gpointer     data,
                                     GError     **error);
/* Draws page @page onto @cr, in points from its top left corner */
typedef void     (*PwDocumentDraw)  (gpointer     document,
                                     cairo_t     *cr,
                                     guint        page);

/* Asks where to save a PDF (dialog title @title, suggested name @file_name), then
 * calls @save with @data (freed by @destroy when done) and toasts "Saved “name”" or
 * the error through @toast. */
void                    pw_document_save_pdf (GtkWidget               *owner,
                                              const char              *title,
                                              const char              *file_name,
                                              PwDocumentSave           save,
                                              gpointer                 data,
                                              GDestroyNotify           destroy,
                                              PwDocumentToast          toast);
/* Prints @n_pages A4 pages of @document (laid out @page_width points wide) drawn by
 * @draw, named @job_name; @export_path with GTK_PRINT_OPERATION_ACTION_EXPORT. */
GtkPrintOperationResult pw_document_print    (GtkWidget               *owner,
                                              const char              *job_name,
                                              guint                    n_pages,
                                              double                   page_width,
                                              PwDocumentDraw           draw,
                                              gpointer                 document,
                                              GtkPrintOperationAction  action,
                                              const char              *export_path,
                                              GError                 **error);
/* For tests: the next pw_document_save_pdf() saves to @path without asking. */
void                    pw_document_set_next_save_path (const char    *path);

/* A "Statement…" menu button whose items activate @save_action ("Save as PDF…") and
 * @print_action ("Print…"). */
GtkWidget              *pw_statement_button_new (const char           *save_action,
                                                 const char           *print_action);
/* The statement of @customer_id over the twelve months to @to (NULL: today), aged
 * as of @to: saved as PDF (asking where) or printed. */
void                    pw_statement_save_pdf  (GtkWidget             *owner,
                                                PwStore               *store,
                                                const char            *park_id,
                                                const char            *customer_id,
                                                const char            *customer_name,
                                                const char            *to,
                                                PwDocumentToast        toast);
GtkPrintOperationResult pw_statement_print     (GtkWidget             *owner,
                                                PwStore               *store,
                                                const char            *park_id,
                                                const char            *customer_id,
                                                const char            *to,
                                                GtkPrintOperationAction action,
                                                const char            *export_path,
                                                GError               **error);

G_END_DECLS
