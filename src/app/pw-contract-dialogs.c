/* pw-contract-dialogs.c — what the Contracts page asks before a step of a contract's life
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Approve, Reject, Sign, Terminate and Renew each say what will happen before it does: who
 * approves a contract beyond the park's policy (docs/approvals.md), what signing makes
 * binding, what a termination settles (core's figures: pw_lease_termination_preview()),
 * and the renewal's code, end and rent. The step itself is the page's
 * (pw_contracts_page_decide(), _transition(), _terminate(), _renew_full()).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-contract-dialogs.h"
#include "pw-date-picker.h"
#include "pw-customer.h"
#include "pw-ledger.h"
#include "pw-money.h"
#include "pw-row.h"
#include "pw-ui.h"

static const char *const roles[] = { "asset_manager", "general_manager", NULL };

typedef struct {
  PwContractsPage *page;
  PwStore         *store;
  char            *contract_id;
  char            *start;
  char            *end;
  PwCurrencyStyle  style;
  GtkWidget       *date_entry;
  GtkWidget       *penalty_entry;
  GtkWidget       *settlement_label;
  GtkWidget       *role_dropdown;   /* NULL: no particular role approves */
  GtkWidget       *role_hint;       /* whether the role chosen may decide now */
  GtkWidget       *code_entry;
  GtkWidget       *end_entry;
  GtkWidget       *rent_entry;
} DialogData;

static void
dialog_data_free (gpointer data)
{
  DialogData *dd = data;

  g_object_unref (dd->page);
  g_object_unref (dd->store);
  g_free (dd->contract_id);
  g_free (dd->start);
  g_free (dd->end);
  g_free (dd);
}

static AdwMessageDialog *
new_dialog (PwContractsPage *page, PwStore *store, PwContractRecord *item, const char *heading,
            const char *body, const char *response, const char *label,
            AdwResponseAppearance appearance, DialogData **out)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))), heading, body));
  DialogData *dd = g_new0 (DialogData, 1);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (dialog, response, appearance);
  adw_message_dialog_set_default_response (dialog, appearance == ADW_RESPONSE_DESTRUCTIVE
                                                   ? "cancel" : response);
  adw_message_dialog_set_close_response (dialog, "cancel");
  dd->page = g_object_ref (page);
  dd->store = g_object_ref (store);
  dd->contract_id = g_strdup (pw_contract_record_get_id (item));
  dd->start = g_strdup (pw_contract_record_get_start_date (item));
  dd->end = g_strdup (pw_contract_record_get_end_date (item));
  g_object_set_data_full (G_OBJECT (dialog), "pw-contract-dialog", dd, dialog_data_free);
  *out = dd;
  return dialog;
}

static DialogData *
data_of (AdwMessageDialog *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "pw-contract-dialog");
}

static GtkWidget *
named_entry (const char *name, const char *accessible, const char *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_name (entry, name);
  pw_ui_set_accessible_name (entry, accessible);
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), FALSE);
  return entry;
}

/* Says under the role chosen whether it may decide now, as core's rule has it
 * (pw_lease_role_may_decide()); core still refuses a decision out of turn. */
static void
role_changed_cb (GtkDropDown *dropdown, GParamSpec *pspec, AdwMessageDialog *dialog)
{
  DialogData *dd = data_of (dialog);
  const char *role = roles[MIN (gtk_drop_down_get_selected (dropdown), 1)];
  gboolean may = pw_lease_role_may_decide (dd->store, dd->contract_id, role, NULL);

  gtk_label_set_text (GTK_LABEL (dd->role_hint),
                      may ? "" : _("Not this role’s turn: the approvals are given lowest level first"));
  gtk_widget_set_visible (dd->role_hint, !may);
}

static GtkWidget *
role_box (AdwMessageDialog *dialog, DialogData *dd, GtkWidget *before)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  dd->role_hint = gtk_label_new (NULL);
  gtk_widget_set_name (dd->role_hint, "role_hint");
  gtk_label_set_wrap (GTK_LABEL (dd->role_hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (dd->role_hint), 0);
  gtk_widget_add_css_class (dd->role_hint, "warning");
  if (before != NULL)
    gtk_box_append (GTK_BOX (box), before);
  gtk_box_append (GTK_BOX (box), dd->role_dropdown);
  gtk_box_append (GTK_BOX (box), dd->role_hint);
  g_signal_connect (dd->role_dropdown, "notify::selected", G_CALLBACK (role_changed_cb), dialog);
  role_changed_cb (GTK_DROP_DOWN (dd->role_dropdown), NULL, dialog);
  return box;
}

/* ---- Approve ---------------------------------------------------------------------------- */

static void
approve_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  DialogData *dd = data_of (dialog);
  const char *role = NULL;

  if (!g_str_equal (response, "approve") || !pw_contracts_page_select_contract (dd->page, dd->contract_id))
    return;
  if (dd->role_dropdown != NULL)
    role = roles[MIN (gtk_drop_down_get_selected (GTK_DROP_DOWN (dd->role_dropdown)), 1)];
  pw_contracts_page_decide (dd->page, role, TRUE, NULL, NULL);
}

AdwMessageDialog *
pw_contract_dialog_approve (PwContractsPage *page, PwStore *store, PwContractRecord *item)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = pw_lease_pending_approvals (store, pw_contract_record_get_id (item), &error);
  g_autofree char *heading = NULL, *body = NULL;
  AdwMessageDialog *dialog;
  DialogData *dd;

  /* Translators: %s is the contract's code */
  heading = g_strdup_printf (_("Approve %s?"), pw_contract_record_get_code (item));
  if (pending == NULL)
    body = g_strdup (error->message);
  else if (pending->len == 0)
    body = g_strdup (_("Its terms are within the park’s policy. Approved, it can be signed; its "
                       "spaces stay reserved for it."));
  else
    {
      g_autoptr(GString) who = g_string_new (NULL);

      for (guint i = 0; i < pending->len; i++)
        {
          if (i > 0)
            g_string_append (who, _(", "));
          g_string_append (who, pw_leasing_label (pw_row_string (pending->pdata[i], "approver_role")));
        }
      /* Translators: %s lists approver roles, lowest level first */
      body = g_strdup_printf (_("Its terms are beyond the park’s policy: it awaits the approval of the "
                                "%s, in that order. Approve it as:"), who->str);
    }
  dialog = new_dialog (page, store, item, heading, body, "approve", _("_Approve"),
                       ADW_RESPONSE_SUGGESTED, &dd);
  if (pending == NULL)
    adw_message_dialog_set_response_enabled (dialog, "approve", FALSE);
  else if (pending->len > 0)
    {
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      const char *first = pw_row_string (pending->pdata[0], "approver_role");

      for (guint i = 0; roles[i] != NULL; i++)
        gtk_string_list_append (labels, pw_leasing_label (roles[i]));
      dd->role_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
      gtk_widget_set_name (dd->role_dropdown, "role_dropdown");
      pw_ui_set_accessible_name (dd->role_dropdown, _("Approving role"));
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dd->role_dropdown),
                                  g_strcmp0 (first, roles[1]) == 0 ? 1 : 0);
      adw_message_dialog_set_extra_child (dialog, role_box (dialog, dd, NULL));
    }
  g_signal_connect (dialog, "response", G_CALLBACK (approve_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* ---- Reject ----------------------------------------------------------------------------- */

static void
reject_changed_cb (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  /* core refuses a rejection without its reason */
  adw_message_dialog_set_response_enabled (dialog, "reject", reason[0] != '\0');
}

static void
reject_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  DialogData *dd = data_of (dialog);
  const char *role = NULL;

  if (!g_str_equal (response, "reject") || !pw_contracts_page_select_contract (dd->page, dd->contract_id))
    return;
  if (dd->role_dropdown != NULL)
    role = roles[MIN (gtk_drop_down_get_selected (GTK_DROP_DOWN (dd->role_dropdown)), 1)];
  pw_contracts_page_decide (dd->page, role, FALSE,
                            gtk_editable_get_text (GTK_EDITABLE (dd->code_entry)), NULL);
}

AdwMessageDialog *
pw_contract_dialog_reject (PwContractsPage *page, PwStore *store, PwContractRecord *item)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = pw_lease_pending_approvals (store, pw_contract_record_get_id (item), &error);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *box;
  DialogData *dd;

  /* Translators: %s is the contract's code */
  heading = g_strdup_printf (_("Reject %s?"), pw_contract_record_get_code (item));
  dialog = new_dialog (page, store, item, heading,
                       _("The contract goes back to draft with the reason given, to be changed and "
                         "submitted again."),
                       "reject", _("_Reject"), ADW_RESPONSE_DESTRUCTIVE, &dd);
  /* the reason (DialogData's code_entry: one entry per dialog) */
  dd->code_entry = named_entry ("reason_entry", _("Reason for the rejection"), _("Reason (required)"));
  box = dd->code_entry;
  if (pending != NULL && pending->len > 0)
    {
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      const char *first = pw_row_string (pending->pdata[0], "approver_role");

      for (guint i = 0; roles[i] != NULL; i++)
        gtk_string_list_append (labels, pw_leasing_label (roles[i]));
      dd->role_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
      gtk_widget_set_name (dd->role_dropdown, "role_dropdown");
      pw_ui_set_accessible_name (dd->role_dropdown, _("Rejecting role"));
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dd->role_dropdown),
                                  g_strcmp0 (first, roles[1]) == 0 ? 1 : 0);
      box = role_box (dialog, dd, dd->code_entry);
    }
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_set_response_enabled (dialog, "reject", FALSE);
  g_signal_connect (dd->code_entry, "changed", G_CALLBACK (reject_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (reject_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* ---- Sign ------------------------------------------------------------------------------- */

static void
sign_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  DialogData *dd = data_of (dialog);

  if (g_str_equal (response, "sign") && pw_contracts_page_select_contract (dd->page, dd->contract_id))
    pw_contracts_page_transition (dd->page, PW_CONTRACT_SIGNED, NULL, NULL);
}

AdwMessageDialog *
pw_contract_dialog_sign (PwContractsPage *page, PwStore *store, PwContractRecord *item)
{
  g_autofree char *heading = NULL, *body = NULL;
  const char *customer = pw_contract_record_get_customer_name (item);
  AdwMessageDialog *dialog;
  DialogData *dd;

  /* Translators: %s is the contract's code */
  heading = g_strdup_printf (_("Sign %s?"), pw_contract_record_get_code (item));
  /* Translators: the customer's name, the first and last days of the term */
  body = g_strdup_printf (_("The contract becomes binding today: its spaces are leased to %s from %s "
                            "to %s, and its schedule of bills is written. After signing, its terms "
                            "change only by amendment."),
                          customer != NULL ? customer : _("the tenant"),
                          pw_contract_record_get_start_date (item),
                          pw_contract_record_get_end_date (item));
  dialog = new_dialog (page, store, item, heading, body, "sign", _("_Sign"), ADW_RESPONSE_SUGGESTED,
                       &dd);
  g_signal_connect (dialog, "response", G_CALLBACK (sign_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* ---- Terminate -------------------------------------------------------------------------- */

static void
terminate_changed_cb (GtkEditable *entry, AdwMessageDialog *dialog)
{
  DialogData *dd = data_of (dialog);
  const char *date = gtk_editable_get_text (GTK_EDITABLE (dd->date_entry));
  const char *penalty = gtk_editable_get_text (GTK_EDITABLE (dd->penalty_entry));
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSchedule) settled = NULL;
  g_autofree char *message = NULL, *settlement = NULL;

  if (!pw_date_is_valid (date))
    /* Translators: %s is what the user typed */
    message = g_strdup_printf (_("“%s” is not a date; write it as YYYY-MM-DD, for example 2024-03-01"), date);
  else if (strcmp (date, dd->start) < 0 || strcmp (date, dd->end) > 0)
    /* Translators: the term of the contract, start and end dates */
    message = g_strdup_printf (_("The date must lie within the term, %s to %s"), dd->start, dd->end);
  else if ((settled = pw_lease_termination_preview (dd->store, dd->contract_id, date,
                                                    *penalty != '\0' ? penalty : NULL, &error)) == NULL)
    message = g_strdup (error->message);
  else
    {
      g_autofree char *credits = pw_money_format (-settled->credits, settled->currency, dd->style);
      g_autofree char *fine = pw_money_format (settled->penalty, settled->currency, dd->style);
      g_autofree char *kept = pw_money_format (settled->deposit_offset, settled->currency, dd->style);
      g_autofree char *refund = pw_money_format (settled->refund, settled->currency, dd->style);

      /* Translators: the settlement of a termination, amounts of money */
      settlement = g_strdup_printf (_("Credited for what was billed beyond the day: %s\n"
                                      "Penalty: %s\n"
                                      "Deposit kept against the penalty: %s\n"
                                      "Returned to the tenant (deposit left and credits): %s"),
                                    credits, fine, kept, refund);
    }
  adw_message_dialog_set_response_enabled (dialog, "terminate", message == NULL);
  adw_message_dialog_set_body (dialog, message != NULL ? message
                                       : _("The contract ends on this day, the last one charged, "
                                           "and its spaces become available. It settles so:"));
  gtk_label_set_text (GTK_LABEL (dd->settlement_label), settlement != NULL ? settlement : "");
  gtk_widget_set_visible (dd->settlement_label, settlement != NULL);
  pw_ui_set_accessible_error (GTK_WIDGET (entry), message);
}

static void
terminate_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  DialogData *dd = data_of (dialog);
  const char *penalty = gtk_editable_get_text (GTK_EDITABLE (dd->penalty_entry));

  if (g_str_equal (response, "terminate") && pw_contracts_page_select_contract (dd->page, dd->contract_id))
    pw_contracts_page_terminate (dd->page, gtk_editable_get_text (GTK_EDITABLE (dd->date_entry)),
                                 *penalty != '\0' ? penalty : NULL, NULL);
}

/* A date entry with a calendar button beside it. */
static GtkWidget *
with_calendar (GtkWidget *entry)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_hexpand (entry, TRUE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), pw_date_picker_new_for (GTK_EDITABLE (entry)));
  return box;
}

AdwMessageDialog *
pw_contract_dialog_terminate (PwContractsPage *page, PwStore *store, PwContractRecord *item,
                              PwCurrencyStyle style)
{
  g_autofree char *heading = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  AdwMessageDialog *dialog;
  GtkWidget *box;
  DialogData *dd;

  /* Translators: %s is the contract's code */
  heading = g_strdup_printf (_("Terminate %s?"), pw_contract_record_get_code (item));
  dialog = new_dialog (page, store, item, heading, NULL, "terminate", _("_Terminate"),
                       ADW_RESPONSE_DESTRUCTIVE, &dd);
  dd->style = style;
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  dd->date_entry = named_entry ("date_entry", _("Last day of the contract"), "YYYY-MM-DD");
  dd->penalty_entry = named_entry ("penalty_entry", _("Early termination penalty"),
                                   _("Penalty (default: none)"));
  dd->settlement_label = gtk_label_new (NULL);
  gtk_widget_set_name (dd->settlement_label, "settlement_label");
  gtk_label_set_wrap (GTK_LABEL (dd->settlement_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (dd->settlement_label), 0);
  gtk_label_set_selectable (GTK_LABEL (dd->settlement_label), TRUE);
  gtk_box_append (GTK_BOX (box), with_calendar (dd->date_entry));
  gtk_box_append (GTK_BOX (box), dd->penalty_entry);
  gtk_box_append (GTK_BOX (box), dd->settlement_label);
  adw_message_dialog_set_extra_child (dialog, box);

  g_signal_connect (dd->date_entry, "changed", G_CALLBACK (terminate_changed_cb), dialog);
  g_signal_connect (dd->penalty_entry, "changed", G_CALLBACK (terminate_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (terminate_response_cb), NULL);
  gtk_editable_set_text (GTK_EDITABLE (dd->date_entry),
                         strcmp (today, dd->start) < 0 ? dd->start
                         : strcmp (today, dd->end) > 0 ? dd->end : today);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* ---- Renew ------------------------------------------------------------------------------ */

static void
renew_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  DialogData *dd = data_of (dialog);
  const char *end = gtk_editable_get_text (GTK_EDITABLE (dd->end_entry));
  const char *rent = gtk_editable_get_text (GTK_EDITABLE (dd->rent_entry));
  g_autofree char *id = NULL;

  if (!g_str_equal (response, "renew") || !pw_contracts_page_select_contract (dd->page, dd->contract_id))
    return;
  id = pw_contracts_page_renew_full (dd->page, gtk_editable_get_text (GTK_EDITABLE (dd->code_entry)),
                                     *end != '\0' ? end : NULL, *rent != '\0' ? rent : NULL, NULL);
}

static void
renew_code_changed_cb (GtkEditable *entry, AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "renew", *gtk_editable_get_text (entry) != '\0');
}

AdwMessageDialog *
pw_contract_dialog_renew (PwContractsPage *page, PwStore *store, PwContractRecord *item)
{
  g_autofree char *heading = NULL, *suggested = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *box;
  DialogData *dd;

  /* Translators: %s is the contract's code */
  heading = g_strdup_printf (_("Renew %s?"), pw_contract_record_get_code (item));
  dialog = new_dialog (page, store, item, heading,
                       _("A draft contract follows from the day after this one ends, with the same "
                         "customer, spaces and terms; the deposit held carries over. A new rent "
                         "replaces the rent charges’ unit price, without the old escalation. "
                         "Signing the draft renews this contract."),
                       "renew", _("_Renew"), ADW_RESPONSE_SUGGESTED, &dd);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  dd->code_entry = named_entry ("code_entry", _("Code of the renewal"), NULL);
  /* Translators: the code suggested for a renewal: the contract's code and "R" */
  suggested = g_strdup_printf (_("%s-R"), pw_contract_record_get_code (item));
  gtk_editable_set_text (GTK_EDITABLE (dd->code_entry), suggested);
  dd->end_entry = named_entry ("end_entry", _("Last day of the renewal"),
                               _("End date, YYYY-MM-DD (default: as before)"));
  dd->rent_entry = named_entry ("rent_entry", _("Rent of the renewal"),
                                _("New rent, unit price (default: as now)"));
  gtk_box_append (GTK_BOX (box), dd->code_entry);
  gtk_box_append (GTK_BOX (box), with_calendar (dd->end_entry));
  gtk_box_append (GTK_BOX (box), dd->rent_entry);
  adw_message_dialog_set_extra_child (dialog, box);
  g_signal_connect (dd->code_entry, "changed", G_CALLBACK (renew_code_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (renew_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
