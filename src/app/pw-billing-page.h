/* pw-billing-page.h — the Billing page: bill runs previewed and posted, the park's bills
 * with their lines, statuses and payment notices, and the meter round with its readings
 * (docs/billing.md, "The Billing page")
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-bill-record.h"
#include "pw-bill-run.h"
#include "pw-meter-record.h"
#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_BILLING_PAGE (pw_billing_page_get_type ())
/* A PwPage; its commands are the actions "billing.preview", "billing.post",
 * "billing.hold", "billing.release", "billing.cancel", "billing.send",
 * "billing.print-notice", "billing.save-notice", "billing.save-period-notices",
 * "billing.credit-note", "billing.waive", "billing.approve-credit", "billing.reject-credit",
 * "billing.add-meter", "billing.replace-meter",
 * "billing.show-list", "billing.record-payment" and "billing.show-ageing", the bill
 * commands enabled from core's rules for the selected bill; and the meter round's
 * "billing.save-reading", "billing.confirm-rollover", "billing.confirm-reading"
 * (enabled when core refused the reading for that reason) and
 * "billing.import-readings". */
G_DECLARE_FINAL_TYPE (PwBillingPage, pw_billing_page, PW, BILLING_PAGE, GtkWidget)

GtkWidget      *pw_billing_page_new                (void);
/* The page loads when it is first shown; this loads it now, or again. */
void            pw_billing_page_reload             (PwBillingPage  *self);
gboolean        pw_billing_page_is_loaded          (PwBillingPage  *self);
/* Shows the section @name ("runs", "bills", "meters"). */
void            pw_billing_page_show_section       (PwBillingPage  *self,
                                                    const char     *name);
/* The text of the last toast the page showed, for tests; NULL for none. */
const char     *pw_billing_page_get_last_message   (PwBillingPage  *self);

/* ---- the Bill Runs section (pw-billing-page-runs.c) ---- */

/* Fills the run's form: the period (YYYY-MM) and the filters (codes or names
 * separated by commas; NULL or "" for all). */
void            pw_billing_page_set_run_form       (PwBillingPage  *self,
                                                    const char     *period,
                                                    const char     *buildings,
                                                    const char     *customers,
                                                    const char     *charges);
const char     *pw_billing_page_get_run_period     (PwBillingPage  *self);
/* The run the section shows (the last preview or post), or NULL; and whether it
 * was posted. */
const PwBillRun *pw_billing_page_get_run           (PwBillingPage  *self);
gboolean        pw_billing_page_run_was_posted     (PwBillingPage  *self);
/* The run's summary as shown, and the error under the period (NULL: none). */
const char     *pw_billing_page_get_run_summary    (PwBillingPage  *self);
const char     *pw_billing_page_get_period_error   (PwBillingPage  *self);
/* The rows the run shows: its problems, its totals per charge and tax rate, and
 * its bills (the title of each row, in order). */
GPtrArray      *pw_billing_page_dup_run_rows       (PwBillingPage  *self,
                                                    const char     *group);

/* Writes the payment notices of the form's period (pw_bill_notice_export_period()):
 * a PDF per customer into the folder @out, or with @one_file all in the PDF @out,
 * as "billing.save-period-notices" does once a folder is chosen; says what it
 * wrote in a toast, and a refusal there too (a period's under its field). */
gboolean        pw_billing_page_save_period_notices (PwBillingPage *self,
                                                     const char    *out,
                                                     gboolean       one_file,
                                                     GError       **error);

/* ---- the Bills section (pw-billing-page-bills.c) ---- */

/* Filters: a billing period (NULL or "": all), a status (-1: all) and a search of
 * number, customer and seller. */
void            pw_billing_page_set_bill_filters   (PwBillingPage  *self,
                                                    const char     *period,
                                                    int             status,
                                                    const char     *search);
/* The bills as the list shows them, filtered and sorted (PwBillRecord). */
GListModel     *pw_billing_page_get_visible_bills  (PwBillingPage  *self);
gboolean        pw_billing_page_select_bill        (PwBillingPage  *self,
                                                    const char     *number);
PwBillRecord   *pw_billing_page_get_selected_bill  (PwBillingPage  *self);
/* The lines of the selected bill as the detail lists them (their titles). */
guint           pw_billing_page_get_n_detail_lines (PwBillingPage  *self);
/* Prints the selected bill's payment notice with @action; @export_path is the
 * file GTK_PRINT_OPERATION_ACTION_EXPORT writes. */
GtkPrintOperationResult
                pw_billing_page_print_notice       (PwBillingPage           *self,
                                                    GtkPrintOperationAction  action,
                                                    const char              *export_path,
                                                    GError                 **error);

/* ---- credit notes and waivers of the selected bill (pw-billing-page-credit.c) ---- */

/* Writes a credit note (@kind "credit") or waiver ("waiver") against line @line
 * (1-based, in the detail's order; 0: the whole bill, a note per line with what
 * remains of it, in one transaction) of the selected bill, as the Credit Note… and
 * Waive… windows do: @amount is the text typed (NULL or "": all that remains), with
 * @reason. Returns the numbers written, separated by commas; on a refusal @error
 * names its field (pw_ledger_error_get_field(): line, amount, reason). */
char           *pw_billing_page_add_credit_note     (PwBillingPage  *self,
                                                     guint           line,
                                                     const char     *kind,
                                                     const char     *amount,
                                                     const char     *reason,
                                                     GError        **error);
/* Approves or rejects (@comment required) the pending credit note @number as the
 * role whose turn it is, as billing.approve-credit and billing.reject-credit do. */
gboolean        pw_billing_page_decide_credit_note  (PwBillingPage  *self,
                                                     const char     *number,
                                                     gboolean        approve,
                                                     const char     *comment,
                                                     GError        **error);
/* The selected bill's credit notes as its detail lists them (PwJsonItem of
 * pw_credit_note_list()). */
GListModel     *pw_billing_page_get_credit_notes    (PwBillingPage  *self);
/* Opens the Credit Note… (@kind "credit") or Waive… ("waiver") window. */
GtkWindow      *pw_billing_page_open_credit_dialog  (PwBillingPage  *self,
                                                     const char     *kind);
/* The open window's row of @field ("line", "amount", "reason") and the refusal shown
 * under it (*@error_text; NULL: none). NULL when no window is open. */
GtkWidget      *pw_billing_page_get_credit_field    (PwBillingPage  *self,
                                                     const char     *field,
                                                     const char    **error_text);

/* ---- the Meters section (pw-billing-page-meters.c) ---- */

/* The park's active meters in route order, as the list shows them (PwMeterRecord). */
GListModel     *pw_billing_page_get_meters         (PwBillingPage  *self);
/* Selects meter @code for the reading form; FALSE if it is not listed. */
gboolean        pw_billing_page_select_meter       (PwBillingPage  *self,
                                                    const char     *code);
PwMeterRecord  *pw_billing_page_get_selected_meter (PwBillingPage  *self);
/* The reading form's entry row of @field ("date", "total" or a register), or NULL. */
GtkWidget      *pw_billing_page_get_reading_field  (PwBillingPage  *self,
                                                    const char     *field);
/* The refusal shown under @field, or NULL when it shows none. */
const char     *pw_billing_page_get_reading_error  (PwBillingPage  *self,
                                                    const char     *field);
/* Checks the CSV @data (file @name) without writing and presents the preview
 * dialog that Import Readings… shows; its responses are "cancel", "import" (no
 * bad row) and "import-good". @n_problems: the bad rows it lists. NULL (with
 * @error) when @data is not a readings file. */
AdwMessageDialog *pw_billing_page_preview_reading_import (PwBillingPage *self,
                                                          GBytes        *data,
                                                          const char    *name,
                                                          guint         *n_problems,
                                                          GError       **error);

/* Add Meter… (@replace FALSE) and Replace Meter… of the selected meter
 * (pw-billing-page-meter-edit.c), as billing.add-meter and billing.replace-meter open
 * them; NULL when the command is not enabled. Their fields are named after
 * pw_meter_add()'s members (code, kind, location, serial, ct, pt, multiplier, digits,
 * registers, master, customer, spaces, tariff, route_order; lists separated by
 * commas) and for a replacement date, final.total, final.<register>, opening.total,
 * opening.<register>, serial and multiplier. */
GtkWindow      *pw_billing_page_open_meter_dialog   (PwBillingPage  *self,
                                                     gboolean        replace);
gboolean        pw_billing_page_set_meter_field     (PwBillingPage  *self,
                                                     const char     *name,
                                                     const char     *text);
/* Adds or replaces as the window's button does: TRUE when done (the window closes);
 * otherwise the refusal is shown under its field. */
gboolean        pw_billing_page_submit_meter_dialog (PwBillingPage  *self);
/* The refusal under field @name (NULL: the one under no field), or NULL. */
const char     *pw_billing_page_get_meter_field_error (PwBillingPage *self,
                                                       const char    *name);

/* ---- the Receivables section (pw-billing-page-receivables.c) ---- */

/* The ageing as of @date (YYYY-MM-DD) by @group_by ("customer", "building",
 * "charge"), as the form's fields would set it. */
void            pw_billing_page_set_ageing          (PwBillingPage  *self,
                                                     const char     *date,
                                                     const char     *group_by);
/* The error under the ageing's date (NULL: none). */
const char     *pw_billing_page_get_ageing_error    (PwBillingPage  *self);
/* The ageing's rows, the bills behind the row activated and the ledger of the
 * customer chosen (PwJsonItem of pw_receivables_ageing(),
 * pw_receivables_ageing_bills() and pw_receivables_ledger()'s entries). */
GListModel     *pw_billing_page_get_ageing_rows     (PwBillingPage  *self);
GListModel     *pw_billing_page_get_drill_bills     (PwBillingPage  *self);
GListModel     *pw_billing_page_get_ledger_entries  (PwBillingPage  *self);
gint64          pw_billing_page_get_ledger_balance  (PwBillingPage  *self);
/* Activates the ageing row of @key as a click does: its bills, and with the
 * ageing by customer that customer's ledger. */
gboolean        pw_billing_page_activate_ageing_row (PwBillingPage  *self,
                                                     const char     *key);
/* Records a payment as Record Payment… does (pw_payment_add()) and says in a toast
 * how it was allocated. @customer is an id or exact name, @amount the text typed,
 * @bills the bill numbers the payer named, separated by commas (NULL or "": none).
 * Returns the payment's id; on a refusal @error names the field it is about
 * (pw_ledger_error_get_field(): customer, paid_on, amount, method, designation). */
char           *pw_billing_page_record_payment      (PwBillingPage  *self,
                                                     const char     *customer,
                                                     const char     *paid_on,
                                                     const char     *amount,
                                                     const char     *method,
                                                     const char     *reference,
                                                     const char     *bills,
                                                     GError        **error);
void            pw_billing_page_open_payment_dialog (PwBillingPage  *self);
/* Whether the ageing shows as columns (a wide window) rather than the compact list,
 * and the label of column @column (0: the name, 1–5 the buckets, 6 the total) of
 * the columns' row @row (-1: their titles). */
gboolean        pw_billing_page_ageing_shows_columns (PwBillingPage *self);
GtkWidget      *pw_billing_page_get_ageing_cell     (PwBillingPage  *self,
                                                     int             row,
                                                     guint           column);
GtkWindow      *pw_billing_page_get_payment_dialog  (PwBillingPage  *self);

G_END_DECLS
