/* pw-document-print.c — saving and printing A4 documents (pw-document-print.h)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-bill-statement.h"
#include "pw-doc-sheet.h"
#include "pw-document-print.h"

static char *next_save_path;

void
pw_document_set_next_save_path (const char *path)
{
  g_free (next_save_path);
  next_save_path = g_strdup (path);
}

typedef struct
{
  GtkWidget       *owner;
  PwDocumentSave   save;
  gpointer         data;
  GDestroyNotify   destroy;
  PwDocumentToast  toast;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  if (job->destroy != NULL)
    job->destroy (job->data);
  g_object_unref (job->owner);
  g_free (job);
}

static void
save_to (SaveJob *job, GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  if (!job->save (job->owner, path, job->data, &error))
    job->toast (job->owner, error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: %s is a file name */
      g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);

      job->toast (job->owner, message);
    }
}

static void
pdf_response_cb (GtkNativeDialog *native, int response, gpointer user_data)
{
  SaveJob *job = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      save_to (job, file);
    }
  g_object_unref (native);
  save_job_free (job);
}

void
pw_document_save_pdf (GtkWidget *owner, const char *title, const char *file_name,
                      PwDocumentSave save, gpointer data, GDestroyNotify destroy,
                      PwDocumentToast toast)
{
  GtkFileChooserNative *native;
  GtkFileFilter *filter;
  SaveJob *job = g_new0 (SaveJob, 1);

  job->owner = g_object_ref (owner);
  job->save = save;
  job->data = data;
  job->destroy = destroy;
  job->toast = toast;
  if (next_save_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (next_save_path);

      g_clear_pointer (&next_save_path, g_free);
      save_to (job, file);
      save_job_free (job);
      return;
    }
  native = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (owner)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), file_name);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF document (*.pdf)"));
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_unref (filter);
  g_signal_connect (native, "response", G_CALLBACK (pdf_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

typedef struct
{
  PwDocumentDraw draw;
  gpointer       document;
  double         page_width;
} PrintJob;

static void
draw_page_cb (GtkPrintOperation *operation, GtkPrintContext *context, int page_nr, PrintJob *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double scale = gtk_print_context_get_width (context) / job->page_width;

  /* the document is laid out on A4 in points; fit its width to the paper's */
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  job->draw (job->document, cr, (guint) page_nr);
  cairo_restore (cr);
}

GtkPrintOperationResult
pw_document_print (GtkWidget *owner, const char *job_name, guint n_pages, double page_width,
                   PwDocumentDraw draw, gpointer document, GtkPrintOperationAction action,
                   const char *export_path, GError **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  GtkPaperSize *a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  PrintJob job = { draw, document, page_width };
  GtkPrintOperationResult result;

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_paper_size_free (a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, (int) n_pages);
  gtk_print_operation_set_job_name (operation, job_name);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), &job);
  result = gtk_print_operation_run (operation, action, GTK_WINDOW (gtk_widget_get_root (owner)),
                                    error);
  g_signal_handlers_disconnect_by_data (operation, &job);
  return result;
}

/* ---- statements ---------------------------------------------------------------------- */

GtkWidget *
pw_statement_button_new (const char *save_action, const char *print_action)
{
  GtkWidget *button = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();

  g_menu_append (menu, _("Save as _PDF…"), save_action);
  g_menu_append (menu, _("_Print…"), print_action);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("_Statement…"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button,
                               _("The customer’s statement of the last twelve months, as PDF or printed"));
  return button;
}

typedef struct
{
  PwStore *store;
  char    *park_id;
  char    *customer_id;
  char    *to;
} StatementOf;

static void
statement_of_free (gpointer data)
{
  StatementOf *of = data;

  g_object_unref (of->store);
  g_free (of->park_id);
  g_free (of->customer_id);
  g_free (of->to);
  g_free (of);
}

static gboolean
save_statement (GtkWidget *owner, const char *path, gpointer data, GError **error)
{
  StatementOf *of = data;

  return pw_bill_statement_export (of->store, of->park_id, of->customer_id, NULL, of->to, NULL,
                                   path, error);
}

void
pw_statement_save_pdf (GtkWidget *owner, PwStore *store, const char *park_id,
                       const char *customer_id, const char *customer_name, const char *to,
                       PwDocumentToast toast)
{
  StatementOf *of = g_new0 (StatementOf, 1);
  g_autofree char *base = pw_doc_file_name (customer_name != NULL ? customer_name : customer_id);
  /* Translators: the file a statement is saved as; %s is the customer */
  g_autofree char *name = g_strdup_printf (_("Statement %s.pdf"), base);

  of->store = g_object_ref (store);
  of->park_id = g_strdup (park_id);
  of->customer_id = g_strdup (customer_id);
  of->to = g_strdup (to);
  pw_document_save_pdf (owner, _("Save Statement as PDF"), name, save_statement, of,
                        statement_of_free, toast);
}

static void
draw_statement (gpointer document, cairo_t *cr, guint page)
{
  pw_bill_statement_draw_page (document, cr, page);
}

GtkPrintOperationResult
pw_statement_print (GtkWidget *owner, PwStore *store, const char *park_id, const char *customer_id,
                    const char *to, GtkPrintOperationAction action, const char *export_path,
                    GError **error)
{
  const char *customers[] = { customer_id, NULL };
  g_autoptr(PwBillStatement) statement = pw_bill_statement_new (store, park_id, customers, NULL,
                                                                to, NULL, error);
  JsonObject *figures;

  if (statement == NULL)
    return GTK_PRINT_OPERATION_RESULT_ERROR;
  figures = json_array_get_object_element (pw_bill_statement_get_figures (statement), 0);
  return pw_document_print (owner, json_object_get_string_member (figures, "customer_name"),
                            pw_bill_statement_get_n_pages (statement), PW_DOC_PAGE_WIDTH,
                            draw_statement, statement, action,
                            export_path, error);
}
