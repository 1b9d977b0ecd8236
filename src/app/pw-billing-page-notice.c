/* pw-billing-page-notice.c — the selected bill's payment notice (pw-bill-notice.h),
 * printed or saved as PDF
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-bill-notice.h"
#include "pw-billing-page-private.h"
#include "pw-ledger.h"

static void
pdf_response_cb (GtkNativeDialog *native, int response, gpointer user_data)
{
  PwBillingPage *self = PW_BILLING_PAGE (user_data);
  const char *number = g_object_get_data (G_OBJECT (native), "number");

  if (response == GTK_RESPONSE_ACCEPT && pw_billing_page_store (self) != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (!pw_bill_notice_export (pw_billing_page_store (self), pw_billing_page_park (self),
                                  number, path, &error))
        pw_billing_page_show_toast (self, error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          /* Translators: %s is a file name */
          g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);

          pw_billing_page_show_toast (self, message);
        }
    }
  g_object_unref (native);
  g_object_unref (self);
}

void
pw_billing_notice_save_pdf (PwBillingPage *self, PwBillRecord *bill)
{
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;
  GtkFileFilter *filter;

  native = gtk_file_chooser_native_new (_("Save Payment Notice as PDF"),
                                        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_object_set_data_full (G_OBJECT (native), "number", g_strdup (pw_bill_record_get_number (bill)),
                          g_free);
  name = g_strdup_printf ("%s.pdf", pw_bill_record_get_number (bill));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF document (*.pdf)"));
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_unref (filter);
  g_signal_connect (native, "response", G_CALLBACK (pdf_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
draw_page_cb (GtkPrintOperation *operation, GtkPrintContext *context, int page_nr,
              PwBillNotice *notice)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double scale = gtk_print_context_get_width (context) / PW_BILL_NOTICE_PAGE_WIDTH;

  /* the notice is laid out on A4 in points; fit its width to the paper's */
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  pw_bill_notice_draw_page (notice, cr, (guint) page_nr);
  cairo_restore (cr);
}

GtkPrintOperationResult
pw_billing_page_print_notice (PwBillingPage *self, GtkPrintOperationAction action,
                              const char *export_path, GError **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(PwBillNotice) notice = NULL;
  GtkPaperSize *a4;
  GtkPrintOperationResult result;
  PwBillRecord *bill;
  const char *numbers[2] = { NULL, NULL };

  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), GTK_PRINT_OPERATION_RESULT_ERROR);

  bill = pw_billing_page_get_selected_bill (self);
  if (bill == NULL || pw_billing_page_store (self) == NULL)
    {
      g_set_error_literal (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                           _("No bill is selected"));
      return GTK_PRINT_OPERATION_RESULT_ERROR;
    }
  numbers[0] = pw_bill_record_get_number (bill);
  notice = pw_bill_notice_new (pw_billing_page_store (self), pw_billing_page_park (self), numbers,
                               error);
  if (notice == NULL)
    return GTK_PRINT_OPERATION_RESULT_ERROR;

  operation = gtk_print_operation_new ();
  setup = gtk_page_setup_new ();
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_paper_size_free (a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, (int) pw_bill_notice_get_n_pages (notice));
  gtk_print_operation_set_job_name (operation, numbers[0]);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), notice);
  result = gtk_print_operation_run (operation, action,
                                    GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), error);
  g_signal_handlers_disconnect_by_data (operation, notice);
  return result;
}
