/* pw-contracts-page-detail.c — the Contracts page's detail: the selected contract's
 * terms, headline figures, alerts, versions and charge schedule
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The schedule pane shows what a signed contract bills as the store keeps it
 * (what was billed before an amendment stays), and for a draft what its terms
 * would bill, computed by core's engine.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-contract-diff.h"
#include "pw-contract.h"
#include "pw-contracts-page-private.h"
#include "pw-i18n.h"
#include "pw-json-item.h"
#include "pw-lease-versions.h"
#include "pw-schedule.h"

typedef enum {
  LINE_BILL_DATE,
  LINE_CHARGE,
  LINE_PERIOD,
  LINE_GROSS,
  LINE_NET,
  LINE_TAX,
  N_LINE_COLUMNS
} LineColumn;

static const char *
or_dash (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : "—";
}

static char *
format_date (const GDate *date)
{
  char text[16];

  g_snprintf (text, sizeof text, "%04u-%02u-%02u", g_date_get_year (date),
              g_date_get_month (date), g_date_get_day (date));
  return g_strdup (text);
}

/* The schedule */

static void
line_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  LineColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column >= LINE_GROSS ? 1 : 0);
  if (column != LINE_CHARGE)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
line_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  static const char *const members[N_LINE_COLUMNS] = {
    "bill_date", "charge", "period", "gross", "net", "tax",
  };
  LineColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_list_item_get_child (list_item);
  PwJsonItem *item = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (label), or_dash (pw_json_item_get_string (item, members[column])));
  /* the line's sentence, wherever the pointer rests on it */
  gtk_widget_set_tooltip_text (label, pw_json_item_get_string (item, "explanation"));
}

static void
clear_schedule (PwContractsPage *self,
                const char      *error_message)
{
  g_list_store_remove_all (self->schedule_store);
  gtk_label_set_text (self->totals_label, "");
  gtk_label_set_text (self->schedule_error_label, error_message ? error_message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->schedule_error_label), error_message != NULL);
}

static void
show_schedule (PwContractsPage *self,
               const char      *contract_id,
               const char      *terms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwContract) contract = NULL;
  g_autoptr(PwSchedule) schedule = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *gross = NULL, *net = NULL, *tax = NULL, *deposit = NULL, *totals = NULL;

  if (terms == NULL)
    {
      clear_schedule (self, _("This contract has no terms"));
      return;
    }
  contract = pw_contract_parse (terms, -1, &error);
  /* a signed contract shows what it bills, as the store keeps it (what was billed
   * before an amendment stays); a draft, what its terms would bill */
  if (contract != NULL)
    schedule = pw_lease_read_schedule (self->watch.store, contract_id, contract->currency, &error);
  if (schedule != NULL && schedule->lines->len == 0)
    g_clear_pointer (&schedule, pw_schedule_free);
  if (contract != NULL && schedule == NULL && error == NULL)
    schedule = pw_lease_compute_schedule (contract, &error);
  if (schedule == NULL)
    {
      /* Translators: %s says what is wrong with the contract's terms */
      g_autofree char *message = g_strdup_printf (_("The schedule cannot be computed: %s"),
                                                  error->message);

      clear_schedule (self, message);
      return;
    }
  clear_schedule (self, NULL);

  for (guint i = 0; i < schedule->lines->len; i++)
    {
      PwScheduleLine *line = g_ptr_array_index (schedule->lines, i);
      g_autoptr(JsonObject) row = json_object_new ();
      g_autofree char *bill = format_date (&line->bill_date);
      g_autofree char *start = format_date (&line->start);
      g_autofree char *end = format_date (&line->end);
      g_autofree char *period = g_strdup_printf (_("%s – %s"), start, end);
      g_autofree char *line_gross = pw_contracts_page_format_money (self, line->gross, schedule->currency);
      g_autofree char *line_net = pw_contracts_page_format_money (self, line->net, schedule->currency);
      g_autofree char *line_tax = pw_contracts_page_format_money (self, line->tax, schedule->currency);
      g_autofree char *charge = NULL;

      if (line->kind == PW_LINE_CHARGE || g_strcmp0 (line->charge, pw_line_kind_to_string (line->kind)) == 0)
        charge = g_strdup (pw_charge_label (line->charge));
      else
        /* Translators: a schedule line's charge and its kind, e.g. "Rent (Credit)" */
        charge = g_strdup_printf (_("%s (%s)"), pw_charge_label (line->charge),
                                  pw_charge_label (pw_line_kind_to_string (line->kind)));
      json_object_set_string_member (row, "bill_date", bill);
      json_object_set_string_member (row, "charge", charge);
      json_object_set_string_member (row, "period", period);
      json_object_set_string_member (row, "gross", line_gross);
      json_object_set_string_member (row, "net", line_net);
      json_object_set_string_member (row, "tax", line_tax);
      json_object_set_string_member (row, "explanation", line->explanation ? line->explanation : "");
      json_object_set_int_member (row, "gross_minor", line->gross);
      g_ptr_array_add (items, pw_json_item_new (row));
    }
  g_list_store_splice (self->schedule_store, 0, 0, items->pdata, items->len);

  gross = pw_contracts_page_format_money (self, schedule->gross, schedule->currency);
  net = pw_contracts_page_format_money (self, schedule->net, schedule->currency);
  tax = pw_contracts_page_format_money (self, schedule->tax, schedule->currency);
  deposit = pw_contracts_page_format_money (self, schedule->deposit, schedule->currency);
  /* Translators: the totals of a charge schedule */
  totals = g_strdup_printf (_("Gross %s · Net %s · Tax %s · Deposit %s"), gross, net, tax, deposit);
  gtk_label_set_text (self->totals_label, totals);
}

/* The versions of the terms, oldest first, each with what it changed from the
 * one before; returns the current version's terms. */
static char *
show_versions (PwContractsPage *self,
               const char      *contract_id,
               gint64           current)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  const char *previous = NULL;
  char *terms = NULL;

  for (guint i = 0; i < self->version_rows->len; i++)
    adw_preferences_group_remove (self->versions_group, g_ptr_array_index (self->version_rows, i));
  g_ptr_array_set_size (self->version_rows, 0);
  g_ptr_array_set_size (self->version_texts, 0);

  versions = pw_lease_list_versions (self->watch.store, contract_id, &error);
  if (versions == NULL)
    {
      g_warning ("Could not read the contract's versions: %s", error->message);
      return NULL;
    }
  for (guint v = 0; v < versions->len; v++)
    {
      PwLeaseVersion *version = g_ptr_array_index (versions, v);
      GtkWidget *row = adw_action_row_new ();
      /* Translators: a version of a contract's terms: its number and effective date */
      g_autofree char *title = g_strdup_printf (_("Version %d from %s"), (int) version->number,
                                                version->effective_date);
      g_autoptr(GString) subtitle = g_string_new (version->note[0] != '\0' ? version->note
                                                  : version->number == current ? _("Current terms") : "");

      /* what this version changed from the one before it */
      if (previous != NULL)
        {
          g_autoptr(GError) diff_error = NULL;
          g_autoptr(GPtrArray) changes = pw_contract_diff_text (previous, version->terms, &diff_error);

          for (guint i = 0; changes != NULL && i < changes->len; i++)
            g_string_append_printf (subtitle, "%s• %s", subtitle->len ? "\n" : "",
                                    ((PwContractChange *) g_ptr_array_index (changes, i))->sentence);
          if (changes != NULL && changes->len == 0)
            g_string_append_printf (subtitle, "%s%s", subtitle->len ? "\n" : "",
                                    _("No change to the terms"));
        }
      previous = version->terms;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (self->versions_group, row);
      g_ptr_array_add (self->version_rows, row);
      g_ptr_array_add (self->version_texts, g_strdup (subtitle->str));
      if (version->number == current)
        {
          g_free (terms);
          terms = g_strdup (version->terms);
        }
    }
  return terms;
}

/* What the contract's terms do beyond the contract or the park's policy. */
static void
show_alerts (PwContractsPage  *self,
             PwContractRecord *record)
{
  const char *const *alerts = pw_contract_record_get_alerts (record);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; alerts != NULL && alerts[i] != NULL; i++)
    g_string_append_printf (text, "%s⚠ %s", i ? "\n" : "", alerts[i]);
  gtk_label_set_text (self->alerts_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->alerts_label), text->len > 0);
}

/* The contract's headline figures, as core computes them (docs/contract-figures.md). */
static void
show_figures (PwContractsPage *self,
              const char      *contract_id)
{
  g_autofree char *today = pw_contracts_page_today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PwLeaseFigures) fig = pw_lease_figures (self->watch.store, contract_id, today, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  if (fig == NULL)
    g_string_assign (text, error->message);
  else
    {
      g_autofree char *monthly = pw_contracts_page_format_money (self, fig->monthly_rent, fig->currency);
      g_autofree char *total = pw_contracts_page_format_money (self, fig->total_value, fig->currency);

      /* Translators: the rent per month in force on a date */
      g_string_append_printf (text, _("Monthly rent: %s (on %s)"), monthly, fig->on);
      if (fig->rent_m2_month != NULL)
        /* Translators: rent per m² per month and per day */
        g_string_append_printf (text, _("\nRent per m²: %s a month · %s a day"),
                                fig->rent_m2_month, fig->rent_m2_day);
      g_string_append_printf (text, _("\nTotal contract value: %s"), total);
      if (fig->next_bill_date != NULL)
        {
          g_autofree char *next = pw_contracts_page_format_money (self, fig->next_bill_amount, fig->currency);

          /* Translators: the next bill's date and amount */
          g_string_append_printf (text, _("\nNext bill: %s, %s"), fig->next_bill_date, next);
        }
      else
        g_string_append (text, _("\nNext bill: none"));
    }
  gtk_label_set_text (self->figures_label, text->str);
}

void
pw_contracts_detail_update (PwContractsPage *self)
{
  PwContractRecord *record = pw_contracts_page_get_selected (self, NULL);
  g_autofree char *term = NULL, *terms = NULL;

  pw_contracts_actions_update (self);
  if (record == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      clear_schedule (self, NULL);
      return;
    }

  /* Translators: a contract's term: start – end dates */
  term = g_strdup_printf (_("%s – %s"), or_dash (pw_contract_record_get_start_date (record)),
                          or_dash (pw_contract_record_get_end_date (record)));
  gtk_label_set_text (self->code_label, pw_contract_record_get_code (record));
  pw_contracts_page_set_status_pill (GTK_WIDGET (self->status_label), pw_contract_record_get_status (record));
  gtk_label_set_text (self->customer_label, or_dash (pw_contract_record_get_customer_name (record)));
  gtk_label_set_text (self->term_label, term);
  gtk_label_set_text (self->signed_label, or_dash (pw_contract_record_get_signed_date (record)));
  gtk_label_set_text (self->ended_label, or_dash (pw_contract_record_get_ended_date (record)));
  gtk_label_set_text (self->spaces_label, or_dash (pw_contract_record_get_spaces_text (record)));

  terms = show_versions (self, pw_contract_record_get_id (record),
                         pw_contract_record_get_current_version (record));
  show_schedule (self, pw_contract_record_get_id (record), terms);
  show_alerts (self, record);
  show_figures (self, pw_contract_record_get_id (record));
  gtk_stack_set_visible_child_name (self->detail_stack, "contract");
}

void
pw_contracts_detail_init (PwContractsPage *self)
{
  static const char *const line_titles[N_LINE_COLUMNS] = {
    N_("Bill Date"), N_("Charge"), N_("Period"), N_("Gross"), N_("Net"), N_("Tax"),
  };
  static const int line_widths[N_LINE_COLUMNS] = { -1, 0, -1, -1, -1, -1 };
  GtkNoSelection *none;

  self->version_rows = g_ptr_array_new ();
  self->version_texts = g_ptr_array_new_with_free_func (g_free);
  self->schedule_store = g_list_store_new (PW_TYPE_JSON_ITEM);
  pw_ui_add_plain_columns (self->schedule_view, line_titles, line_widths, N_LINE_COLUMNS,
                           G_CALLBACK (line_setup_cb), G_CALLBACK (line_bind_cb), self);
  none = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->schedule_store)));
  gtk_column_view_set_model (self->schedule_view, GTK_SELECTION_MODEL (none));
  g_object_unref (none);
}
