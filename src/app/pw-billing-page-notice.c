/* pw-billing-page-notice.c — the selected bill's payment notice (pw-bill-notice.h),
 * printed or saved as PDF (pw-document-print.h)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-bill-notice.h"
#include "pw-billing-page-private.h"
#include "pw-document-print.h"
#include "pw-ledger.h"

static void
toast (GtkWidget *owner, const char *message)
{
  pw_billing_page_show_toast (PW_BILLING_PAGE (owner), message);
}

static gboolean
save_notice (GtkWidget *owner, const char *path, gpointer number, GError **error)
{
  PwBillingPage *self = PW_BILLING_PAGE (owner);

  if (pw_billing_page_store (self) == NULL)
    {
      g_set_error_literal (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                           _("No bill is selected"));
      return FALSE;
    }
  return pw_bill_notice_export (pw_billing_page_store (self), pw_billing_page_park (self), number,
                                path, error);
}

void
pw_billing_notice_save_pdf (PwBillingPage *self, PwBillRecord *bill)
{
  g_autofree char *name = g_strdup_printf ("%s.pdf", pw_bill_record_get_number (bill));

  pw_document_save_pdf (GTK_WIDGET (self), _("Save Payment Notice as PDF"), name, save_notice,
                        g_strdup (pw_bill_record_get_number (bill)), g_free, toast);
}

static void
draw_notice (gpointer notice, cairo_t *cr, guint page)
{
  pw_bill_notice_draw_page (notice, cr, page);
}

GtkPrintOperationResult
pw_billing_page_print_notice (PwBillingPage *self, GtkPrintOperationAction action,
                              const char *export_path, GError **error)
{
  g_autoptr(PwBillNotice) notice = NULL;
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
  return pw_document_print (GTK_WIDGET (self), numbers[0], pw_bill_notice_get_n_pages (notice),
                            PW_BILL_NOTICE_PAGE_WIDTH, draw_notice, notice, action, export_path,
                            error);
}
