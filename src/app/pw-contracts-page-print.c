/* pw-contracts-page-print.c — the selected contract's document (pw-lease-sheet.h),
 * printed or saved as PDF (pw-document-print.h)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-contracts-page-private.h"
#include "pw-document-print.h"
#include "pw-ledger.h"
#include "pw-lease-sheet.h"

static void
toast (GtkWidget *owner, const char *message)
{
  pw_contracts_page_show_toast (PW_CONTRACTS_PAGE (owner), message);
}

static gboolean
save_contract (GtkWidget *owner, const char *path, gpointer id, GError **error)
{
  return pw_lease_sheet_export (PW_CONTRACTS_PAGE (owner)->watch.store, id, path, error);
}

void
pw_contracts_print_save_pdf (PwContractsPage *self)
{
  PwContractRecord *record = pw_contracts_page_get_selected (self, NULL);
  g_autofree char *name = NULL;

  if (record == NULL)
    return;
  name = g_strdup_printf ("%s.pdf", pw_contract_record_get_code (record));
  pw_document_save_pdf (GTK_WIDGET (self), _("Save Contract as PDF"), name, save_contract,
                        g_strdup (pw_contract_record_get_id (record)), g_free, toast);
}

static void
draw_sheet (gpointer sheet, cairo_t *cr, guint page)
{
  pw_lease_sheet_draw_page (sheet, cr, page);
}

GtkPrintOperationResult
pw_contracts_page_print (PwContractsPage          *self,
                         GtkPrintOperationAction   action,
                         const char               *export_path,
                         GError                  **error)
{
  g_autoptr(PwLeaseSheet) sheet = NULL;
  PwContractRecord *record;

  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), GTK_PRINT_OPERATION_RESULT_ERROR);

  record = pw_contracts_page_get_selected (self, error);
  if (record == NULL)
    return GTK_PRINT_OPERATION_RESULT_ERROR;
  sheet = pw_lease_sheet_new (self->watch.store, pw_contract_record_get_id (record), error);
  if (sheet == NULL)
    return GTK_PRINT_OPERATION_RESULT_ERROR;
  return pw_document_print (GTK_WIDGET (self), pw_contract_record_get_code (record),
                            pw_lease_sheet_get_n_pages (sheet), PW_LEASE_SHEET_PAGE_WIDTH,
                            draw_sheet, sheet, action, export_path, error);
}
