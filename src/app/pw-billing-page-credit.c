/* pw-billing-page-credit.c — credit notes (红冲) and waivers (减免) of the bill shown in
 * the Bills section: the bill's notes in its detail, Credit Note… and Waive… against a
 * line or the whole bill (pw_credit_note_add()), and Approve Credit / Reject Credit… of
 * a pending note (pw_credit_note_decide()); docs/receivables.md, "Credit notes in the app"
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are core's: what remains of a line, the tax split, the park's approval
 * amount and whose turn it is. The bill's notes are a GListStore of PwJsonItem (rows of
 * pw_credit_note_list()) bound to a boxed list whose selected row the decisions take.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-billing-page-private.h"
#include "pw-error.h"
#include "pw-i18n.h"
#include "pw-json-item.h"
#include "pw-ledger.h"
#include "pw-receivables.h"

enum { F_LINE, F_AMOUNT, F_REASON, N_FIELDS };

struct _PwBillingCredits
{
  PwBillingPage *page;
  char          *bill_number;   /* the bill shown; NULL: none */
  PwBillStatus   bill_status;
  char          *currency;
  JsonArray     *lines;         /* the bill's lines (pw_bill_find()) */
  GListStore    *store;         /* PwJsonItem: the bill's credit notes */
  GtkListBox    *list;

  /* the Credit Note / Waive window while it is open */
  GtkWindow     *dialog;
  char          *kind;          /* "credit" or "waiver" */
  GtkWidget     *rows[N_FIELDS];
  AdwActionRow  *error_rows[N_FIELDS];
  AdwActionRow  *general_error;

  /* the Reject window while it is open */
  AdwMessageDialog *reject_dialog;
  GtkWidget        *reject_entry;
  GtkWidget        *reject_error;
};

/* ---- the bill's notes ---- */

static char *
money (PwBillingCredits *credits, gint64 minor)
{
  return pw_billing_page_format_money (credits->page, minor,
                                       credits->currency != NULL ? credits->currency : "CNY");
}

static GtkWidget *
note_row_cb (gpointer item, gpointer user_data)
{
  PwBillingCredits *credits = user_data;
  JsonObject *o = pw_json_item_get_object (item);
  g_autofree char *gross = money (credits, json_object_get_int_member_with_default (o, "gross", 0));
  /* Translators: a credit note's number, kind and status, e.g. "LSP-CN-2040-000001 · Waiver · Approved" */
  g_autofree char *title = g_strdup_printf (_("%s · %s · %s"),
                                            json_object_get_string_member_with_default (o, "number", ""),
                                            json_object_get_string_member_with_default (o, "kind_label", ""),
                                            json_object_get_string_member_with_default (o, "status_label", ""));
  /* Translators: a credit note's charge, date and reason */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s · %s"),
                                               pw_charge_label (json_object_get_string_member_with_default (o, "charge", "")),
                                               json_object_get_string_member_with_default (o, "issued_on", ""),
                                               json_object_get_string_member_with_default (o, "reason", ""));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *amount = gtk_label_new (gross);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (amount, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
  return row;
}

static JsonObject *
selected_note (PwBillingCredits *credits)
{
  GtkListBoxRow *row = credits->list != NULL ? gtk_list_box_get_selected_row (credits->list) : NULL;
  g_autoptr(PwJsonItem) item = NULL;

  if (row == NULL)
    return NULL;
  item = g_list_model_get_item (G_LIST_MODEL (credits->store), (guint) gtk_list_box_row_get_index (row));
  return item != NULL ? pw_json_item_get_object (item) : NULL;
}

static void
selection_changed_cb (GtkListBox *list, GtkListBoxRow *row, PwBillingCredits *credits)
{
  pw_billing_credits_update (credits);
}

PwBillingCredits *
pw_billing_credits_new (PwBillingPage *page, GtkWidget *box)
{
  PwBillingCredits *credits = g_new0 (PwBillingCredits, 1);
  GtkWidget *heading = gtk_label_new (_("Credit Notes and Waivers"));
  GtkWidget *empty = gtk_label_new (_("No credit notes"));

  credits->page = page;
  credits->store = g_list_store_new (PW_TYPE_JSON_ITEM);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 12);
  gtk_box_append (GTK_BOX (box), heading);
  credits->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (credits->list, GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (GTK_WIDGET (credits->list), "boxed-list");
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_set_margin_top (empty, 12);
  gtk_widget_set_margin_bottom (empty, 12);
  gtk_list_box_set_placeholder (credits->list, empty);
  pw_ui_set_accessible_name (GTK_WIDGET (credits->list), _("The bill’s credit notes"));
  gtk_list_box_bind_model (credits->list, G_LIST_MODEL (credits->store), note_row_cb, credits, NULL);
  g_signal_connect (credits->list, "row-selected", G_CALLBACK (selection_changed_cb), credits);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (credits->list));
  return credits;
}

void
pw_billing_credits_show (PwBillingCredits *credits, PwBillRecord *bill, JsonObject *found)
{
  PwStore *store = pw_billing_page_store (credits->page);
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *was = NULL;
  JsonObject *note = selected_note (credits);

  if (note != NULL)
    was = g_strdup (json_object_get_string_member_with_default (note, "number", ""));
  g_clear_pointer (&credits->bill_number, g_free);
  g_clear_pointer (&credits->currency, g_free);
  g_clear_pointer (&credits->lines, json_array_unref);
  if (bill != NULL && found != NULL)
    {
      credits->bill_number = g_strdup (pw_bill_record_get_number (bill));
      credits->bill_status = pw_bill_record_get_status (bill);
      credits->currency = g_strdup (pw_bill_record_get_currency (bill));
      if (json_object_has_member (found, "lines"))
        credits->lines = json_array_ref (json_object_get_array_member (found, "lines"));
      notes = pw_credit_note_list (store, pw_billing_page_park (credits->page), &error);
      if (notes == NULL)
        pw_billing_page_show_toast (credits->page, error->message);
    }
  for (guint i = 0; notes != NULL && i < notes->len; i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (notes->pdata[i], "bill_number", ""),
                   credits->bill_number) == 0)
      g_ptr_array_add (items, pw_json_item_new (notes->pdata[i]));
  g_list_store_splice (credits->store, 0, g_list_model_get_n_items (G_LIST_MODEL (credits->store)),
                       items->pdata, items->len);
  /* the note that was selected stays selected */
  for (guint i = 0; was != NULL && i < items->len; i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (pw_json_item_get_object (items->pdata[i]),
                                                               "number", ""), was) == 0)
      gtk_list_box_select_row (credits->list, gtk_list_box_get_row_at_index (credits->list, (int) i));
  pw_billing_credits_update (credits);
}

/* What core allows (pw_credit_note_add()): a note against a released or sent bill; a
 * decision on a pending note (pw_credit_note_decide() then says whose turn it is). */
void
pw_billing_credits_update (PwBillingCredits *credits)
{
  GtkWidget *page;
  JsonObject *note;
  gboolean may_credit, pending;

  if (credits == NULL)
    return;
  page = GTK_WIDGET (credits->page);
  note = selected_note (credits);
  may_credit = pw_billing_page_store (credits->page) != NULL && credits->bill_number != NULL
               && (credits->bill_status == PW_BILL_RELEASED || credits->bill_status == PW_BILL_SENT);
  pending = pw_billing_page_store (credits->page) != NULL && note != NULL
            && g_strcmp0 (json_object_get_string_member_with_default (note, "status", ""), "pending") == 0;
  gtk_widget_action_set_enabled (page, "billing.credit-note", may_credit);
  gtk_widget_action_set_enabled (page, "billing.waive", may_credit);
  gtk_widget_action_set_enabled (page, "billing.approve-credit", pending);
  gtk_widget_action_set_enabled (page, "billing.reject-credit", pending);
}

/* ---- issuing ---- */

static char *
line_title (JsonObject *line)
{
  /* Translators: a bill line in the credit note's choice: its contract, charge and period */
  return g_strdup_printf (_("%s · %s · %s – %s"),
                          json_object_get_string_member_with_default (line, "contract_code", ""),
                          pw_charge_label (json_object_get_string_member_with_default (line, "charge", "")),
                          json_object_get_string_member_with_default (line, "period_start", ""),
                          json_object_get_string_member_with_default (line, "period_end", ""));
}

static GError *
field_error (const char *field, const char *message)
{
  GError *error = g_error_new_literal (PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD, message);

  pw_ledger_error_set_field (error, field);
  return error;
}

static gboolean
has_text (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  return *trimmed != '\0';
}

/* Core's refusal, at the amount field when the amount is what is wrong. */
static void
refused (GError *local, GError **error)
{
  if (g_error_matches (local, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_OVER)
      || g_error_matches (local, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_INPUT))
    {
      g_propagate_error (error, field_error ("amount", local->message));
      g_error_free (local);
    }
  else
    g_propagate_error (error, local);
}

static char *
issue (PwBillingCredits *credits, guint line, const char *kind, const char *amount,
       const char *reason, GError **error)
{
  PwStore *store = pw_billing_page_store (credits->page);
  g_autoptr(GError) local = NULL;
  g_autoptr(GString) numbers = g_string_new (NULL);
  guint n_lines = credits->lines != NULL ? json_array_get_length (credits->lines) : 0;
  gint64 minor = 0, left = 0;
  gboolean whole = line == 0;

  if (store == NULL || credits->bill_number == NULL)
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_NOT_FOUND, _("No bill is selected"));
      return NULL;
    }
  if (line > n_lines)
    {
      g_propagate_error (error, field_error ("line", _("The bill has no such line")));
      return NULL;
    }
  if (!has_text (reason))
    {
      g_propagate_error (error, field_error ("reason", _("A credit note needs a reason")));
      return NULL;
    }
  if (amount != NULL && *amount != '\0'
      && !pw_money_parse (amount, credits->currency != NULL ? credits->currency : "CNY", &minor, &local))
    {
      g_propagate_error (error, field_error ("amount", local->message));
      return NULL;
    }
  if (amount != NULL && *amount != '\0' && minor <= 0)
    {
      g_propagate_error (error, field_error ("amount", _("The amount must be more than zero")));
      return NULL;
    }
  if (whole)
    {
      for (guint i = 0; i < n_lines; i++)
        {
          gint64 r = pw_credit_note_remainder (store, json_object_get_string_member_with_default (
                                                 json_array_get_object_element (credits->lines, i), "id", ""),
                                               error);
          if (r < 0)
            return NULL;
          left += r;
        }
      if (left == 0 || (minor != 0 && minor != left))
        {
          g_autofree char *text = money (credits, left);
          g_autofree char *message =
            left == 0 ? g_strdup (_("Nothing remains of the bill to credit"))
                      /* Translators: %s is what remains of a bill */
                      : g_strdup_printf (_("The whole bill takes what remains of it (%s): leave the "
                                           "amount empty, or choose a line"), text);

          g_propagate_error (error, field_error ("amount", message));
          return NULL;
        }
    }
  if (whole)
    {
      /* one note per line with something left, in one transaction; the approval
       * amount is compared with the whole credit (docs/receivables.md) */
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      g_autoptr(GPtrArray) issued = NULL;

      for (guint i = 0; i < n_lines; i++)
        g_ptr_array_add (ids, (gpointer) json_object_get_string_member_with_default (
                                json_array_get_object_element (credits->lines, i), "id", ""));
      g_ptr_array_add (ids, NULL);
      issued = pw_credit_note_add_whole (store, (const char *const *) ids->pdata, kind, reason,
                                         NULL, &local);
      if (issued == NULL)
        {
          refused (g_steal_pointer (&local), error);
          return NULL;
        }
      for (guint i = 0; i < issued->len; i++)
        g_string_append_printf (numbers, "%s%s", i > 0 ? ", " : "", (char *) issued->pdata[i]);
    }
  else
    {
      JsonObject *l = json_array_get_object_element (credits->lines, line - 1);
      g_autofree char *number = NULL;
      g_autofree char *id = pw_credit_note_add (store,
                                                json_object_get_string_member_with_default (l, "id", ""),
                                                kind, minor, reason, NULL, &number, &local);

      if (id == NULL)
        {
          refused (g_steal_pointer (&local), error);
          return NULL;
        }
      g_string_append (numbers, number);
    }
  return g_string_free (g_steal_pointer (&numbers), FALSE);
}

static void
refresh (PwBillingCredits *credits, const char *select)
{
  /* the store's change reloads at idle; show the notes at once */
  pw_billing_page_reload (credits->page);
  for (guint i = 0; select != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (credits->store)); i++)
    {
      g_autoptr(PwJsonItem) item = g_list_model_get_item (G_LIST_MODEL (credits->store), i);

      if (g_strcmp0 (json_object_get_string_member_with_default (pw_json_item_get_object (item), "number", ""),
                     select) == 0)
        gtk_list_box_select_row (credits->list, gtk_list_box_get_row_at_index (credits->list, (int) i));
    }
  pw_billing_credits_update (credits);
}

static char *
issue_and_say (PwBillingCredits *credits, guint line, const char *kind, const char *amount,
               const char *reason, GError **error)
{
  g_autofree char *numbers = issue (credits, line, kind, amount, reason, error);
  g_autofree char *first = NULL;
  g_autofree char *message = NULL;
  JsonObject *note;
  gboolean pending;

  if (numbers == NULL)
    return NULL;
  first = g_strndup (numbers, strcspn (numbers, ","));
  refresh (credits, first);
  note = selected_note (credits);
  pending = note != NULL
            && g_strcmp0 (json_object_get_string_member_with_default (note, "status", ""), "pending") == 0;
  if (pending)
    /* Translators: a toast: the numbers of the notes written */
    message = g_strdup_printf (_("%s written: above the park’s approval amount, it awaits approval"), numbers);
  else
    /* Translators: a toast: the numbers of the notes written */
    message = g_strdup_printf (_("%s written and approved"), numbers);
  pw_billing_page_show_toast (credits->page, message);
  return g_steal_pointer (&numbers);
}

static int
field_index (const GError *error)
{
  const char *field = error->domain == PW_LEDGER_ERROR ? pw_ledger_error_get_field (error) : NULL;

  if (g_strcmp0 (field, "line") == 0 || g_strcmp0 (field, "bill_line_id") == 0)
    return F_LINE;
  if (g_strcmp0 (field, "amount") == 0 || g_strcmp0 (field, "gross") == 0)
    return F_AMOUNT;
  if (g_strcmp0 (field, "reason") == 0)
    return F_REASON;
  return -1;
}

static void
issue_clicked_cb (GtkButton *button, PwBillingCredits *credits)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *numbers = NULL;
  int field;

  for (int i = 0; i < N_FIELDS; i++)
    pw_ui_show_field_error (credits->rows[i], credits->error_rows[i], NULL);
  gtk_widget_set_visible (GTK_WIDGET (credits->general_error), FALSE);
  numbers = issue_and_say (credits, adw_combo_row_get_selected (ADW_COMBO_ROW (credits->rows[F_LINE])),
                           credits->kind,
                           gtk_editable_get_text (GTK_EDITABLE (credits->rows[F_AMOUNT])),
                           gtk_editable_get_text (GTK_EDITABLE (credits->rows[F_REASON])), &error);
  if (numbers != NULL)
    {
      gtk_window_destroy (credits->dialog);
      return;
    }
  field = field_index (error);
  if (field >= 0)
    pw_ui_show_field_error (credits->rows[field], credits->error_rows[field], error->message);
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (credits->general_error), error->message);
      gtk_widget_set_visible (GTK_WIDGET (credits->general_error), TRUE);
    }
}

static void
entry_activated_cb (AdwEntryRow *row, PwBillingCredits *credits)
{
  issue_clicked_cb (NULL, credits);
}

static void
dialog_destroyed_cb (GtkWidget *dialog, PwBillingCredits *credits)
{
  credits->dialog = NULL;
  memset (credits->rows, 0, sizeof credits->rows);
  memset (credits->error_rows, 0, sizeof credits->error_rows);
  credits->general_error = NULL;
}

/* what remains of each line, for the line's choice */
static GtkStringList *
line_choices (PwBillingCredits *credits)
{
  PwStore *store = pw_billing_page_store (credits->page);
  GtkStringList *choices = gtk_string_list_new (NULL);

  gtk_string_list_append (choices, _("The whole bill (what remains of each line)"));
  for (guint i = 0; credits->lines != NULL && i < json_array_get_length (credits->lines); i++)
    {
      JsonObject *l = json_array_get_object_element (credits->lines, i);
      gint64 left = pw_credit_note_remainder (store, json_object_get_string_member_with_default (l, "id", ""),
                                              NULL);
      g_autofree char *title = line_title (l);
      g_autofree char *rest = money (credits, MAX (left, 0));
      /* Translators: a bill line and what remains of it to credit */
      g_autofree char *text = g_strdup_printf (_("%s (%s left)"), title, rest);

      gtk_string_list_append (choices, text);
    }
  return choices;
}

static void
open_dialog (PwBillingCredits *credits, const char *kind)
{
  GtkWidget *window, *header, *cancel, *issue_button, *box, *list, *intro;
  g_autoptr(GtkStringList) choices = NULL;
  gboolean waiver = g_strcmp0 (kind, "waiver") == 0;
  g_autofree char *text = NULL;

  if (credits->dialog != NULL)
    gtk_window_destroy (credits->dialog);
  if (credits->bill_number == NULL)
    return;
  g_free (credits->kind);
  credits->kind = g_strdup (kind);
  window = adw_window_new ();
  credits->dialog = GTK_WINDOW (window);
  gtk_window_set_title (credits->dialog, waiver ? _("Waive") : _("Credit Note"));
  gtk_window_set_modal (credits->dialog, TRUE);
  gtk_window_set_transient_for (credits->dialog, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (credits->page))));
  gtk_window_set_default_size (credits->dialog, 460, 480);
  g_signal_connect (window, "destroy", G_CALLBACK (dialog_destroyed_cb), credits);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  issue_button = gtk_button_new_with_mnemonic (waiver ? _("_Waive") : _("_Issue"));
  gtk_widget_add_css_class (issue_button, "suggested-action");
  g_signal_connect (issue_button, "clicked", G_CALLBACK (issue_clicked_cb), credits);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), issue_button);
  gtk_box_append (GTK_BOX (box), header);

  list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  /* Translators: %s is a bill's number */
  text = g_strdup_printf (_("Against bill %s. Above the park’s approval amount the note waits for "
                            "approval; it never takes more than what remains of a line."),
                          credits->bill_number);
  intro = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_add_css_class (intro, "dim-label");
  gtk_box_append (GTK_BOX (list), intro);
  {
    GtkWidget *rows = gtk_list_box_new ();

    gtk_list_box_set_selection_mode (GTK_LIST_BOX (rows), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (rows, "boxed-list");
    choices = line_choices (credits);
    credits->rows[F_LINE] = adw_combo_row_new ();
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (credits->rows[F_LINE]), _("Line"));
    adw_combo_row_set_model (ADW_COMBO_ROW (credits->rows[F_LINE]), G_LIST_MODEL (choices));
    /* a bill of one line: that line */
    if (credits->lines != NULL && json_array_get_length (credits->lines) == 1)
      adw_combo_row_set_selected (ADW_COMBO_ROW (credits->rows[F_LINE]), 1);
    gtk_list_box_append (GTK_LIST_BOX (rows), credits->rows[F_LINE]);
    credits->error_rows[F_LINE] = pw_ui_error_row (rows);
    credits->rows[F_AMOUNT] = adw_entry_row_new ();
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (credits->rows[F_AMOUNT]),
                                   _("Amount (empty: all that remains)"));
    g_signal_connect (credits->rows[F_AMOUNT], "entry-activated", G_CALLBACK (entry_activated_cb), credits);
    gtk_list_box_append (GTK_LIST_BOX (rows), credits->rows[F_AMOUNT]);
    credits->error_rows[F_AMOUNT] = pw_ui_error_row (rows);
    credits->rows[F_REASON] = adw_entry_row_new ();
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (credits->rows[F_REASON]), _("Reason"));
    g_signal_connect (credits->rows[F_REASON], "entry-activated", G_CALLBACK (entry_activated_cb), credits);
    gtk_list_box_append (GTK_LIST_BOX (rows), credits->rows[F_REASON]);
    credits->error_rows[F_REASON] = pw_ui_error_row (rows);
    credits->general_error = pw_ui_error_row (rows);
    gtk_box_append (GTK_BOX (list), rows);
  }

  pw_ui_form_window_set_body (window, box, list);
  gtk_window_present (credits->dialog);
}

/* ---- deciding ---- */

static gboolean
decide (PwBillingCredits *credits, const char *number, gboolean approve, const char *comment,
        GError **error)
{
  g_autofree char *message = NULL;
  g_autofree char *kept = g_strdup (number);
  JsonObject *note;
  const char *status;

  if (pw_billing_page_store (credits->page) == NULL)
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_NOT_FOUND, _("No park is open"));
      return FALSE;
    }
  if (!approve && (comment == NULL || *comment == '\0'))
    {
      g_propagate_error (error, field_error ("comment", _("A rejection needs a comment")));
      return FALSE;
    }
  /* the lowest level's role decides, as the store's user (docs/approvals.md) */
  if (!pw_credit_note_decide (pw_billing_page_store (credits->page), pw_billing_page_park (credits->page),
                              kept, NULL, approve, comment, NULL, error))
    return FALSE;
  refresh (credits, kept);
  note = selected_note (credits);
  status = note != NULL ? json_object_get_string_member_with_default (note, "status", "") : "";
  if (!approve)
    /* Translators: a toast: a credit note's number */
    message = g_strdup_printf (_("Credit note %s rejected"), kept);
  else if (g_str_equal (status, "pending"))
    /* Translators: a toast: a credit note's number; it still awaits other approvals */
    message = g_strdup_printf (_("Approval recorded; %s awaits the next approval"), kept);
  else
    /* Translators: a toast: a credit note's number */
    message = g_strdup_printf (_("Credit note %s approved"), kept);
  pw_billing_page_show_toast (credits->page, message);
  return TRUE;
}

static void
reject_response_cb (AdwMessageDialog *dialog, const char *response, PwBillingCredits *credits)
{
  const char *number = g_object_get_data (G_OBJECT (dialog), "number");
  g_autoptr(GError) error = NULL;

  /* the window closes with any response; a refusal of core's goes in a toast */
  if (g_str_equal (response, "reject") && credits->reject_entry != NULL
      && !decide (credits, number, FALSE, gtk_editable_get_text (GTK_EDITABLE (credits->reject_entry)), &error))
    pw_billing_page_show_toast (credits->page, error->message);
}

/* Reject needs a comment: it is enabled once one is typed, and the hint says so. */
static void
comment_changed_cb (GtkEditable *editable, PwBillingCredits *credits)
{
  gboolean typed = has_text (gtk_editable_get_text (editable));

  if (credits->reject_dialog == NULL)
    return;
  adw_message_dialog_set_response_enabled (credits->reject_dialog, "reject", typed);
  gtk_widget_set_visible (credits->reject_error, !typed);
}

static void
reject_destroyed_cb (GtkWidget *dialog, PwBillingCredits *credits)
{
  credits->reject_dialog = NULL;
  credits->reject_entry = NULL;
  credits->reject_error = NULL;
}

static void
open_reject (PwBillingCredits *credits, const char *number)
{
  GtkWidget *dialog, *box;
  g_autofree char *body = NULL;

  if (credits->reject_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (credits->reject_dialog));
  /* Translators: %s is a credit note's number */
  body = g_strdup_printf (_("Credit note %s will not count. Say why."), number);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (credits->page))),
                                   _("Reject the Credit Note?"), body);
  credits->reject_dialog = ADW_MESSAGE_DIALOG (dialog);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  credits->reject_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (credits->reject_entry), _("Comment"));
  pw_ui_set_accessible_name (credits->reject_entry, _("Comment"));
  credits->reject_error = gtk_label_new (_("A rejection needs a comment"));
  gtk_label_set_wrap (GTK_LABEL (credits->reject_error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (credits->reject_error), 0);
  gtk_widget_add_css_class (credits->reject_error, "dim-label");
  gtk_box_append (GTK_BOX (box), credits->reject_entry);
  gtk_box_append (GTK_BOX (box), credits->reject_error);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep Pending"),
                                    "reject", _("_Reject"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reject",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "reject", FALSE);
  g_signal_connect (credits->reject_entry, "changed", G_CALLBACK (comment_changed_cb), credits);
  g_object_set_data_full (G_OBJECT (dialog), "number", g_strdup (number), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (reject_response_cb), credits);
  g_signal_connect (dialog, "destroy", G_CALLBACK (reject_destroyed_cb), credits);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the commands ---- */

static void
credit_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PwBillingPage *page = PW_BILLING_PAGE (widget);
  PwBillingCredits *credits = pw_billing_page_credits (page);
  JsonObject *note = credits != NULL ? selected_note (credits) : NULL;
  g_autofree char *number = note != NULL ? g_strdup (json_object_get_string_member_with_default (note, "number", ""))
                                         : NULL;

  if (credits == NULL || pw_billing_page_store (page) == NULL)
    return;
  if (g_str_equal (action_name, "billing.credit-note"))
    open_dialog (credits, "credit");
  else if (g_str_equal (action_name, "billing.waive"))
    open_dialog (credits, "waiver");
  else if (g_str_equal (action_name, "billing.approve-credit") && number != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!decide (credits, number, TRUE, NULL, &error))
        pw_billing_page_show_toast (page, error->message);
    }
  else if (g_str_equal (action_name, "billing.reject-credit") && number != NULL)
    open_reject (credits, number);
}

void
pw_billing_credits_class_init (GtkWidgetClass *widget_class)
{
  static const struct {
    const char     *name;
    guint           key;
    GdkModifierType mods;
  } actions[] = {
    { "billing.credit-note", GDK_KEY_n, GDK_ALT_MASK },
    { "billing.waive", GDK_KEY_w, GDK_ALT_MASK },
    { "billing.approve-credit", GDK_KEY_a, GDK_ALT_MASK },
    { "billing.reject-credit", GDK_KEY_j, GDK_ALT_MASK },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      gtk_widget_class_install_action (widget_class, actions[i].name, NULL, credit_action_cb);
      gtk_widget_class_add_binding_action (widget_class, actions[i].key, actions[i].mods,
                                           actions[i].name, NULL);
    }
}

void
pw_billing_credits_free (PwBillingCredits *credits)
{
  if (credits == NULL)
    return;
  if (credits->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (credits->dialog, credits);
      gtk_window_destroy (credits->dialog);
    }
  if (credits->reject_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (credits->reject_dialog, credits);
      gtk_window_destroy (GTK_WINDOW (credits->reject_dialog));
    }
  g_clear_object (&credits->store);
  g_clear_pointer (&credits->lines, json_array_unref);
  g_free (credits->bill_number);
  g_free (credits->currency);
  g_free (credits->kind);
  g_free (credits);
}

/* Public API */

char *
pw_billing_page_add_credit_note (PwBillingPage *self, guint line, const char *kind,
                                 const char *amount, const char *reason, GError **error)
{
  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  g_return_val_if_fail (g_strcmp0 (kind, "credit") == 0 || g_strcmp0 (kind, "waiver") == 0, NULL);
  return issue_and_say (pw_billing_page_credits (self), line, kind, amount, reason, error);
}

gboolean
pw_billing_page_decide_credit_note (PwBillingPage *self, const char *number, gboolean approve,
                                    const char *comment, GError **error)
{
  PwBillingCredits *credits;

  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), FALSE);
  credits = pw_billing_page_credits (self);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (credits->store)); i++)
    {
      g_autoptr(PwJsonItem) item = g_list_model_get_item (G_LIST_MODEL (credits->store), i);

      if (g_strcmp0 (json_object_get_string_member_with_default (pw_json_item_get_object (item), "number", ""),
                     number) == 0)
        gtk_list_box_select_row (credits->list, gtk_list_box_get_row_at_index (credits->list, (int) i));
    }
  return decide (credits, number, approve, comment, error);
}

GListModel *
pw_billing_page_get_credit_notes (PwBillingPage *self)
{
  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  return G_LIST_MODEL (pw_billing_page_credits (self)->store);
}

GtkWindow *
pw_billing_page_open_credit_dialog (PwBillingPage *self, const char *kind)
{
  PwBillingCredits *credits;

  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  credits = pw_billing_page_credits (self);
  open_dialog (credits, kind);
  return credits->dialog;
}

GtkWidget *
pw_billing_page_get_credit_field (PwBillingPage *self, const char *field, const char **error_text)
{
  PwBillingCredits *credits;
  int i = -1;

  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  credits = pw_billing_page_credits (self);
  if (g_strcmp0 (field, "line") == 0)
    i = F_LINE;
  else if (g_strcmp0 (field, "amount") == 0)
    i = F_AMOUNT;
  else if (g_strcmp0 (field, "reason") == 0)
    i = F_REASON;
  if (i < 0 || credits->dialog == NULL)
    return NULL;
  if (error_text != NULL)
    *error_text = gtk_widget_get_visible (GTK_WIDGET (credits->error_rows[i]))
                    ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (credits->error_rows[i]))
                    : NULL;
  return credits->rows[i];
}
