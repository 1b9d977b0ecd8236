/* pw-prospect-section.c — the Customers page's prospects: their list, the
 * selected prospect with its viewings and quotes, the selected quote with its
 * approvals, and a lease made from it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prospects and quotes are core's typed records (PwProspect, PwQuote). What
 * may be done with a quote now (edit, submit, decide, lease) is core's rule,
 * read from the quote's can-* properties, and enables the "customer." actions
 * the buttons and keys activate. */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-customers-page-private.h"
#include "pw-error.h"
#include "pw-lease-dialog.h"
#include "pw-lease.h"
#include "pw-row.h"

static const char *const stages[] = {
  "lead", "viewing", "quoted", "negotiating", "won", "lost", NULL
};

enum {
  COLUMN_NAME,
  COLUMN_CUSTOMER,
  COLUMN_STAGE,
  COLUMN_AGENT,
  N_COLUMNS
};

static const PwUiColumn columns[N_COLUMNS] = {
  { N_("Name"), "name", FALSE, 0, TRUE },
  { N_("Customer"), "customer-name", FALSE, 140, FALSE },
  { N_("Stage"), "stage-label", FALSE, 90, FALSE },
  { N_("Agent"), "agent", FALSE, 100, FALSE },
};

static PwProspect *
selected_prospect (PwCustomersPage *self)
{
  return gtk_single_selection_get_selected_item (self->prospect_selection);
}

static PwQuote *
selected_quote (PwCustomersPage *self)
{
  guint n = self->quotes != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->quotes)) : 0;

  for (guint i = 0; self->quote_id != NULL && i < n; i++)
    {
      g_autoptr(PwQuote) quote = g_list_model_get_item (G_LIST_MODEL (self->quotes), i);

      if (g_strcmp0 (pw_quote_get_id (quote), self->quote_id) == 0)
        return quote;   /* self->quotes keeps it */
    }
  return NULL;
}

static void
update_actions (PwCustomersPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean prospect = selected_prospect (self) != NULL;
  PwQuote *quote = selected_quote (self);

  gtk_widget_action_set_enabled (widget, "customer.new-prospect", pw_customers_page_park (self) != NULL);
  gtk_widget_action_set_enabled (widget, "customer.edit-prospect", prospect);
  gtk_widget_action_set_enabled (widget, "customer.log-viewing", prospect);
  gtk_widget_action_set_enabled (widget, "customer.new-quote", prospect);
  gtk_widget_action_set_enabled (widget, "customer.edit-quote", quote != NULL && pw_quote_get_can_edit (quote));
  gtk_widget_action_set_enabled (widget, "customer.submit-quote", quote != NULL && pw_quote_get_can_submit (quote));
  gtk_widget_action_set_enabled (widget, "customer.approve", quote != NULL && pw_quote_get_can_decide (quote));
  gtk_widget_action_set_enabled (widget, "customer.reject", quote != NULL && pw_quote_get_can_decide (quote));
  gtk_widget_action_set_enabled (widget, "customer.create-lease", quote != NULL && pw_quote_get_can_lease (quote));
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* An instant (ISO 8601, UTC) as local date and time to the minute. */
static char *
format_instant (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M")
                       : g_strdup (pw_customers_page_or_dash (iso));
}

static void
set_text_member (JsonObject *fields,
                 const char *member,
                 const char *value)
{
  json_object_set_string_member (fields, member, value != NULL ? value : "");
}

/* Prospects: the form */

static gboolean
save_prospect (PwRecordForm  *form,
               gpointer       user_data,
               GError       **error)
{
  PwCustomersPage *self = user_data;
  g_autoptr(JsonObject) fields = json_object_new ();
  const char *members[] = { "name", "source", "agent", "notes" };
  const char *editing = pw_record_form_get_id (form);
  const char *customer_id = pw_record_form_get_choice (form, "customer_id");
  g_autofree char *id = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autofree char *value = pw_record_form_dup_text (form, members[i]);

      set_text_member (fields, members[i], value);
    }
  if (customer_id != NULL)
    json_object_set_string_member (fields, "customer_id", customer_id);
  else
    json_object_set_null_member (fields, "customer_id");
  json_object_set_string_member (fields, "stage", pw_record_form_get_choice (form, "stage"));
  if (editing == NULL)
    {
      id = pw_prospect_add (self->watch.store, pw_customers_page_park (self), fields, error);
      if (id == NULL)
        return FALSE;
    }
  else
    {
      if (!pw_prospect_update (self->watch.store, editing, pw_record_form_get_version (form), fields, error))
        return FALSE;
      id = g_strdup (editing);
    }
  pw_customers_page_load (self);
  pw_customers_page_select_prospect (self, id);
  pw_customers_page_toast (self, editing == NULL ? _("Prospect added") : _("Prospect saved"));
  return TRUE;
}

static void
open_prospect_form (PwCustomersPage *self,
                    PwProspect      *prospect)
{
  PwRecordForm *form = pw_customers_page_open_form (self, "prospect-form",
                                                    prospect != NULL ? _("Edit Prospect") : _("New Prospect"),
                                                    prospect != NULL ? _("_Save") : _("_Add"), save_prospect);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) stage_labels = g_ptr_array_new ();
  GListModel *customers = G_LIST_MODEL (self->customer_store);
  guint n = g_list_model_get_n_items (customers);

  if (prospect != NULL)
    pw_record_form_set_record (form, pw_prospect_get_id (prospect), pw_prospect_get_version (prospect));
  g_ptr_array_add (ids, (gpointer) "");
  /* Translators: a prospect not yet linked to a customer */
  g_ptr_array_add (names, (gpointer) C_("customer", "None yet"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwCustomer) customer = g_list_model_get_item (customers, i);

      /* the store keeps the customer and its strings while the form is built */
      g_ptr_array_add (ids, (gpointer) pw_customer_get_id (customer));
      g_ptr_array_add (names, (gpointer) pw_customer_get_name (customer));
    }
  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (names, NULL);
  for (guint i = 0; stages[i] != NULL; i++)
    g_ptr_array_add (stage_labels, (gpointer) pw_leasing_label (stages[i]));
  g_ptr_array_add (stage_labels, NULL);

  pw_record_form_add_entry (form, "name", _("Name"), prospect ? pw_prospect_get_name (prospect) : NULL);
  pw_record_form_add_choice (form, "customer_id", _("Customer"), (const char *const *) ids->pdata,
                             (const char *const *) names->pdata,
                             prospect ? pw_prospect_get_customer_id (prospect) : NULL);
  pw_record_form_add_choice (form, "stage", _("Stage"), stages, (const char *const *) stage_labels->pdata,
                             prospect != NULL ? pw_prospect_get_stage (prospect) : "lead");
  pw_record_form_add_entry (form, "agent", _("Agent"),
                            prospect != NULL ? pw_prospect_get_agent (prospect)
                                             : pw_store_get_actor (self->watch.store));
  pw_record_form_add_entry (form, "source", _("Source"), prospect ? pw_prospect_get_source (prospect) : NULL);
  pw_record_form_add_entry (form, "notes", _("Notes"), prospect ? pw_prospect_get_notes (prospect) : NULL);
  pw_record_form_present (form);
}

static void
new_prospect_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (widget);

  if (pw_customers_page_park (self) != NULL)
    open_prospect_form (self, NULL);
}

static void
edit_prospect_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (widget);
  PwProspect *prospect = selected_prospect (self);

  if (prospect != NULL)
    open_prospect_form (self, prospect);
}

/* Viewings */

static gboolean
save_viewing (PwRecordForm  *form,
              gpointer       user_data,
              GError       **error)
{
  PwCustomersPage *self = user_data;
  g_autofree char *date = pw_record_form_dup_text (form, "date");
  g_autofree char *agent = pw_record_form_dup_text (form, "agent");
  g_autofree char *codes = pw_record_form_dup_text (form, "spaces");
  g_autofree char *notes = pw_record_form_dup_text (form, "notes");
  g_auto(GStrv) ids = pw_leasing_space_ids_from_codes (self->watch.store, pw_customers_page_park (self),
                                                       codes, "spaces", error);
  g_autofree char *id = NULL;

  if (ids == NULL)
    return FALSE;
  id = pw_viewing_add (self->watch.store, pw_record_form_get_owner_id (form), date, agent,
                       (const char *const *) ids, notes, error);
  if (id == NULL)
    return FALSE;
  pw_customers_page_load (self);
  pw_customers_page_toast (self, _("Viewing recorded"));
  return TRUE;
}

static void
log_viewing_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (widget);
  PwProspect *prospect = selected_prospect (self);
  g_autofree char *today = today_text ();
  PwRecordForm *form;

  if (prospect == NULL)
    return;
  form = pw_customers_page_open_form (self, "viewing-form", _("New Viewing"), _("_Add"), save_viewing);
  pw_record_form_set_owner_id (form, pw_prospect_get_id (prospect));
  pw_record_form_add_entry (form, "date", _("Date (YYYY-MM-DD)"), today);
  pw_record_form_add_entry (form, "agent", _("Agent"), pw_prospect_get_agent (prospect));
  pw_record_form_add_entry (form, "spaces", _("Spaces viewed, by code"), NULL);
  pw_record_form_add_entry (form, "notes", _("Notes"), NULL);
  pw_record_form_present (form);
}

/* Quotes: the form */

/* The discount the quote form's rents give, as the quote will record it. */
static void
quote_rents_changed_cb (PwRecordForm *form)
{
  PwCustomersPage *self = g_object_get_data (G_OBJECT (form), "pw-page");
  g_autofree char *unit = pw_record_form_dup_text (form, "unit_rent");
  g_autofree char *list = pw_record_form_dup_text (form, "list_price");
  g_autofree char *discount = NULL;
  gint64 unit_value, floor_value;

  if (unit[0] == '\0' || list[0] == '\0'
      || (discount = pw_quote_compute_discount (unit, list, NULL)) == NULL)
    {
      pw_record_form_set_hint (form, NULL, FALSE);
      return;
    }
  if (self->floor_price != NULL
      && pw_leasing_decimal_parse (unit, "unit_rent", &unit_value, NULL)
      && pw_leasing_decimal_parse (self->floor_price, "floor_price", &floor_value, NULL)
      && unit_value < floor_value)
    {
      /* Translators: a quote's discount in percent, then the park's floor price */
      g_autofree char *text = g_strdup_printf (_("Discount %s %% — below the park’s floor price of %s"),
                                               discount, self->floor_price);

      pw_record_form_set_hint (form, text, TRUE);
    }
  else
    {
      /* Translators: a quote's discount in percent against the list price */
      g_autofree char *text = g_strdup_printf (_("Discount %s %%"), discount);

      pw_record_form_set_hint (form, text, FALSE);
    }
}

static gboolean
save_quote (PwRecordForm  *form,
            gpointer       user_data,
            GError       **error)
{
  PwCustomersPage *self = user_data;
  g_autofree char *codes = pw_record_form_dup_text (form, "spaces");
  g_autofree char *unit = pw_record_form_dup_text (form, "unit_rent");
  g_autofree char *list = pw_record_form_dup_text (form, "list_price");
  g_auto(GStrv) ids = pw_leasing_space_ids_from_codes (self->watch.store, pw_customers_page_park (self),
                                                       codes, "spaces", error);
  const char *editing = pw_record_form_get_id (form);
  g_autofree char *id = NULL;

  if (ids == NULL)
    return FALSE;
  if (editing == NULL)
    {
      id = pw_quote_add (self->watch.store, pw_record_form_get_owner_id (form), (const char *const *) ids, unit,
                         pw_record_form_get_int (form, "rent_free_months"),
                         pw_record_form_get_int (form, "term_months"), list, error);
      if (id == NULL)
        return FALSE;
    }
  else
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autofree char *spaces = pw_leasing_strv_to_json ((const char *const *) ids);

      set_text_member (fields, "spaces", spaces);
      set_text_member (fields, "unit_rent", unit);
      set_text_member (fields, "list_price", list);
      json_object_set_int_member (fields, "rent_free_months", pw_record_form_get_int (form, "rent_free_months"));
      json_object_set_int_member (fields, "term_months", pw_record_form_get_int (form, "term_months"));
      if (!pw_quote_update (self->watch.store, editing, pw_record_form_get_version (form), fields, error))
        return FALSE;
      id = g_strdup (editing);
    }
  pw_customers_page_load (self);
  pw_customers_page_select_quote (self, id);
  pw_customers_page_toast (self, editing == NULL ? _("Quote added as a draft") : _("Draft quote saved"));
  return TRUE;
}

/* The quote form, for a new quote of @prospect or to change the draft @quote. */
static void
open_quote_form (PwCustomersPage *self,
                 PwProspect      *prospect,
                 PwQuote         *quote)
{
  g_autofree char *spaces = NULL;
  GtkWidget *unit, *list;
  PwRecordForm *form;

  if (quote != NULL)
    spaces = pw_leasing_space_codes (self->watch.store, pw_quote_get_space_ids (quote));
  else
    {
      /* the spaces of the latest viewing are the likeliest to be quoted */
      g_autoptr(GPtrArray) viewings = pw_viewing_list (self->watch.store, pw_prospect_get_id (prospect), NULL);

      if (viewings != NULL && viewings->len > 0)
        {
          g_auto(GStrv) ids = pw_leasing_strv_from_json (pw_row_string (viewings->pdata[0], "spaces"));

          spaces = pw_leasing_space_codes (self->watch.store, (const char *const *) ids);
        }
    }

  form = pw_customers_page_open_form (self, "quote-form", quote != NULL ? _("Edit Draft Quote") : _("New Quote"),
                                      quote != NULL ? _("_Save") : _("_Add"), save_quote);
  g_object_set_data (G_OBJECT (form), "pw-page", self);
  pw_record_form_set_owner_id (form, pw_prospect_get_id (prospect));
  if (quote != NULL)
    pw_record_form_set_record (form, pw_quote_get_id (quote), pw_quote_get_version (quote));
  pw_record_form_add_entry (form, "spaces", _("Spaces, by code"), spaces);
  unit = pw_record_form_add_entry (form, "unit_rent", _("Unit rent per m² per month"),
                                   quote ? pw_quote_get_unit_rent (quote) : NULL);
  list = pw_record_form_add_entry (form, "list_price", _("List price per m² per month"),
                                   quote != NULL ? pw_quote_get_list_price (quote) : self->list_price);
  pw_record_form_add_hint (form, "discount");
  pw_record_form_add_spin (form, "rent_free_months", _("Rent-free months"), 0, 600,
                           quote != NULL ? (double) pw_quote_get_rent_free_months (quote) : 0);
  pw_record_form_add_spin (form, "term_months", _("Term in months"), 1, 600,
                           quote != NULL ? (double) pw_quote_get_term_months (quote) : 36);
  g_signal_connect_object (unit, "changed", G_CALLBACK (quote_rents_changed_cb), form, G_CONNECT_SWAPPED);
  g_signal_connect_object (list, "changed", G_CALLBACK (quote_rents_changed_cb), form, G_CONNECT_SWAPPED);
  quote_rents_changed_cb (form);
  pw_record_form_present (form);
}

static void
new_quote_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (widget);
  PwProspect *prospect = selected_prospect (self);

  if (prospect != NULL)
    open_quote_form (self, prospect, NULL);
}

static void
edit_quote_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (widget);
  PwProspect *prospect = selected_prospect (self);
  PwQuote *quote = selected_quote (self);

  if (prospect != NULL && quote != NULL && pw_quote_get_can_edit (quote))
    open_quote_form (self, prospect, quote);
}

/* The prospect's detail */

static char *
quote_terms_text (PwCustomersPage *self,
                  PwQuote         *quote)
{
  g_autofree char *spaces = pw_leasing_space_codes (self->watch.store, pw_quote_get_space_ids (quote));
  gint64 term = pw_quote_get_term_months (quote);
  gint64 free_months = pw_quote_get_rent_free_months (quote);
  g_autofree char *term_text = g_strdup_printf (ngettext ("%u month", "%u months", (gulong) term),
                                                (guint) term);
  g_autofree char *free_text = g_strdup_printf (ngettext ("%u month rent-free", "%u months rent-free",
                                                          (gulong) free_months), (guint) free_months);

  /* Translators: a quote: its spaces, unit rent per m² per month, term, rent-free months */
  return g_strdup_printf (_("%s · %s per m² per month · %s · %s"), spaces,
                          pw_quote_get_unit_rent (quote), term_text, free_text);
}

static char *
quote_discount_text (PwQuote *quote)
{
  /* Translators: a quote's discount in percent, then the list price it is against */
  return g_strdup_printf (_("%s %% off the list price of %s"), pw_quote_get_discount_pct (quote),
                          pw_quote_get_list_price (quote));
}

static void
add_pill (GtkWidget  *row,
          const char *word)
{
  GtkWidget *pill = gtk_label_new (NULL);

  pw_customers_page_set_pill (pill, word);
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), pill);
}

void
pw_prospect_section_update (PwCustomersPage *self)
{
  PwProspect *prospect = selected_prospect (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) viewings = NULL;
  g_autofree char *kept = g_strdup (self->quote_id);
  guint n = 0;

  pw_customers_page_remove_rows (self, GTK_WIDGET (self->viewings_group));
  pw_customers_page_remove_rows (self, GTK_WIDGET (self->quotes_group));
  self->filling_quotes = TRUE;
  pw_customers_page_remove_rows (self, GTK_WIDGET (self->quote_list));
  self->filling_quotes = FALSE;
  g_clear_object (&self->quotes);
  g_clear_pointer (&self->quote_id, g_free);
  gtk_stack_set_visible_child_name (self->prospect_detail_stack, prospect != NULL ? "record" : "empty");
  if (prospect == NULL)
    {
      pw_prospect_section_update_quote (self);
      return;
    }

  gtk_label_set_text (self->prospect_name_label, pw_prospect_get_name (prospect));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->prospect_name_label), pw_prospect_get_name (prospect));
  pw_customers_page_set_pill (GTK_WIDGET (self->prospect_stage_label), pw_prospect_get_stage (prospect));
  pw_customers_page_set_info (self->prospect_customer_row, pw_prospect_get_customer_name (prospect));
  pw_customers_page_set_info (self->prospect_agent_row, pw_prospect_get_agent (prospect));
  pw_customers_page_set_info (self->prospect_source_row, pw_prospect_get_source (prospect));
  pw_customers_page_set_info (self->prospect_notes_row, pw_prospect_get_notes (prospect));

  viewings = pw_viewing_list (self->watch.store, pw_prospect_get_id (prospect), &error);
  if (viewings == NULL)
    pw_customers_page_toast (self, error->message);
  for (guint i = 0; viewings != NULL && i < viewings->len; i++)
    {
      JsonObject *viewing = g_ptr_array_index (viewings, i);
      g_auto(GStrv) ids = pw_leasing_strv_from_json (pw_row_string (viewing, "spaces"));
      g_autofree char *spaces = pw_leasing_space_codes (self->watch.store, (const char *const *) ids);
      /* Translators: a viewing: its date and agent */
      g_autofree char *title = g_strdup_printf (_("%s · %s"), pw_row_string (viewing, "date"),
                                                pw_customers_page_or_dash (pw_row_string (viewing, "agent")));
      const char *notes = pw_row_string (viewing, "notes");
      g_autofree char *subtitle = notes != NULL && notes[0] != '\0'
                                    /* Translators: the spaces a viewing showed, then its notes */
                                    ? g_strdup_printf (_("%s — %s"), pw_customers_page_or_dash (spaces), notes)
                                    : g_strdup (pw_customers_page_or_dash (spaces));

      pw_customers_page_add_row (self, GTK_WIDGET (self->viewings_group), title, subtitle);
    }
  if (viewings != NULL && viewings->len == 0)
    pw_customers_page_add_row (self, GTK_WIDGET (self->viewings_group), _("No viewings yet"), NULL);

  g_clear_error (&error);
  self->quotes = pw_quote_list_records (self->watch.store, pw_prospect_get_id (prospect), &error);
  if (self->quotes == NULL)
    pw_customers_page_toast (self, error->message);
  else
    n = g_list_model_get_n_items (G_LIST_MODEL (self->quotes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwQuote) quote = g_list_model_get_item (G_LIST_MODEL (self->quotes), i);
      g_autofree char *terms = quote_terms_text (self, quote);
      g_autofree char *discount = quote_discount_text (quote);
      GtkWidget *row = pw_customers_page_add_row (self, GTK_WIDGET (self->quote_list), terms, discount);

      add_pill (row, pw_quote_get_status (quote));
      gtk_widget_set_name (row, pw_quote_get_id (quote));
      g_object_set_data_full (G_OBJECT (row), "pw-id", g_strdup (pw_quote_get_id (quote)), g_free);
      if (kept != NULL && g_str_equal (kept, pw_quote_get_id (quote)))
        {
          self->quote_id = g_strdup (kept);
          gtk_list_box_select_row (self->quote_list, GTK_LIST_BOX_ROW (row));
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->quote_list), n > 0);
  if (self->quotes != NULL && n == 0)
    pw_customers_page_add_row (self, GTK_WIDGET (self->quotes_group), _("No quotes yet"), NULL);
  pw_prospect_section_update_quote (self);
}

static void
quote_selected_cb (PwCustomersPage *self,
                   GtkListBoxRow   *row)
{
  const char *id = row != NULL ? g_object_get_data (G_OBJECT (row), "pw-id") : NULL;

  if (self->reloading || self->filling_quotes || g_strcmp0 (id, self->quote_id) == 0)
    return;
  g_free (self->quote_id);
  self->quote_id = g_strdup (id);
  gtk_editable_set_text (GTK_EDITABLE (self->approval_comment_row), "");
  pw_prospect_section_update_quote (self);
}

/* Quotes and approvals */

/* The roles in @rows (of approvals or needs), joined for a sentence. */
static char *
roles_text (GPtrArray  *rows,
            const char *only_decision)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      JsonObject *row = g_ptr_array_index (rows, i);

      if (only_decision != NULL && g_strcmp0 (pw_row_string (row, "decision"), only_decision) != 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, pw_leasing_label (pw_row_string (row, "approver_role")));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
set_quote_message (PwCustomersPage *self,
                   const char      *message)
{
  gtk_label_set_text (self->quote_message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->quote_message_label), message != NULL);
}

/* The contracts drafted from @quote, and a way to the latest. */
static void
update_quote_leases (PwCustomersPage *self,
                     PwQuote         *quote)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contracts = pw_quote_list_contracts (self->watch.store, pw_quote_get_id (quote), &error);
  g_autoptr(GString) text = g_string_new (NULL);
  const char *latest = NULL;

  for (guint i = 0; contracts != NULL && i < contracts->len; i++)
    {
      JsonObject *contract = g_ptr_array_index (contracts, i);
      int status = pw_contract_status_from_string (pw_row_string (contract, "status"));

      if (text->len > 0)
        g_string_append (text, ", ");
      /* Translators: a contract's code and its status */
      g_string_append_printf (text, _("%s (%s)"), pw_row_string (contract, "code"),
                              status >= 0 ? pw_contract_status_get_label (status) : pw_row_string (contract, "status"));
      latest = pw_row_string (contract, "id");
    }
  if (contracts == NULL)
    g_string_append (text, error->message);
  pw_customers_page_set_info (self->quote_lease_row, text->len > 0 ? text->str : C_("lease", "None yet"));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->show_lease_button), "s", latest != NULL ? latest : "");
  gtk_widget_set_visible (GTK_WIDGET (self->show_lease_button), latest != NULL);
}

/* Why a lease cannot be made from @quote yet, or NULL when it can. */
static char *
lease_blocker (PwCustomersPage *self,
               PwQuote         *quote)
{
  const char *status = pw_quote_get_status (quote);
  const char *id = pw_quote_get_id (quote);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *roles = NULL;

  if (pw_quote_get_can_lease (quote))
    return NULL;
  if (g_strcmp0 (status, "rejected") == 0)
    return g_strdup (_("This quote was rejected; make a new quote to lease these spaces."));
  if (pw_quote_get_can_submit (quote))
    {
      rows = pw_quote_required_approvals (self->watch.store, id, &error);
      if (rows == NULL)
        return g_strdup (error->message);
      if (rows->len == 0)
        return g_strdup (_("Submit this quote first; under the park’s rules it needs no approval."));
      roles = roles_text (rows, NULL);
      /* Translators: %s lists approver roles such as "Asset manager, General manager" */
      return g_strdup_printf (_("This quote needs approval by %s before a lease can be made from it; submit it for approval first."),
                              roles);
    }
  rows = pw_quote_list_approvals (self->watch.store, id, &error);
  if (rows == NULL)
    return g_strdup (error->message);
  roles = roles_text (rows, "pending");
  /* Translators: %s lists approver roles such as "Asset manager" */
  return g_strdup_printf (_("This quote still needs approval by %s before a lease can be made from it."),
                          roles);
}

static void
add_needs (PwCustomersPage *self,
           PwQuote         *quote,
           GError         **error,
           GPtrArray      **out)
{
  GPtrArray *rows = pw_quote_required_approvals (self->watch.store, pw_quote_get_id (quote), error);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      JsonObject *need = g_ptr_array_index (rows, i);
      /* Translators: an approver role and the level it decides at */
      g_autofree char *title = g_strdup_printf (_("%s · level %d"),
                                                pw_leasing_label (pw_row_string (need, "approver_role")),
                                                (int) json_object_get_int_member (need, "level"));

      pw_customers_page_add_row (self, GTK_WIDGET (self->approvals_group), title,
                                 _("Will be asked when the quote is submitted"));
    }
  if (rows != NULL && rows->len == 0)
    pw_customers_page_add_row (self, GTK_WIDGET (self->approvals_group),
                               _("No approval needed under the park’s rules"), NULL);
  *out = rows;
}

static void
add_approvals (PwCustomersPage *self,
               PwQuote         *quote,
               GError         **error,
               GPtrArray      **out)
{
  GPtrArray *rows = pw_quote_list_approvals (self->watch.store, pw_quote_get_id (quote), error);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      JsonObject *approval = g_ptr_array_index (rows, i);
      const char *decision = pw_row_string (approval, "decision");
      const char *actor = pw_customers_page_or_dash (pw_row_string (approval, "actor"));
      const char *comment = pw_row_string (approval, "comment");
      /* Translators: an approver role and the level it decides at */
      g_autofree char *title = g_strdup_printf (_("%s · level %d"),
                                                pw_leasing_label (pw_row_string (approval, "approver_role")),
                                                (int) json_object_get_int_member (approval, "level"));
      g_autofree char *when = format_instant (pw_row_string (approval, "decided_at"));
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (g_strcmp0 (decision, "pending") == 0)
        subtitle = g_strdup (_("Awaiting a decision"));
      else if (comment != NULL && comment[0] != '\0')
        /* Translators: who decided an approval, when, and their comment */
        subtitle = g_strdup_printf (_("By %s at %s — %s"), actor, when, comment);
      else
        /* Translators: who decided an approval and when */
        subtitle = g_strdup_printf (_("By %s at %s"), actor, when);
      row = pw_customers_page_add_row (self, GTK_WIDGET (self->approvals_group), title, subtitle);
      gtk_widget_set_name (row, pw_row_string (approval, "id"));
      add_pill (row, decision);
    }
  if (rows != NULL && rows->len == 0)
    pw_customers_page_add_row (self, GTK_WIDGET (self->approvals_group),
                               _("Approved when submitted: no rule asked for approval"), NULL);
  *out = rows;
}

void
pw_prospect_section_update_quote (PwCustomersPage *self)
{
  PwQuote *quote = selected_quote (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *terms = NULL, *discount = NULL, *blocker = NULL;

  pw_customers_page_remove_rows (self, GTK_WIDGET (self->approvals_group));
  set_quote_message (self, NULL);
  pw_ui_show_field_error (GTK_WIDGET (self->approval_comment_row), self->approval_comment_error_row, NULL);
  gtk_widget_set_visible (self->quote_detail_box, quote != NULL);
  update_actions (self);
  if (quote == NULL)
    return;

  pw_customers_page_set_info (self->quote_status_row, pw_quote_get_status_label (quote));
  terms = quote_terms_text (self, quote);
  pw_customers_page_set_info (self->quote_terms_row, terms);
  discount = quote_discount_text (quote);
  pw_customers_page_set_info (self->quote_discount_row, discount);
  update_quote_leases (self, quote);

  if (pw_quote_get_can_submit (quote))
    add_needs (self, quote, &error, &rows);
  else
    add_approvals (self, quote, &error, &rows);
  if (rows == NULL)
    set_quote_message (self, error->message);

  /* only what the quote's state allows is offered (core's rule, via the actions) */
  gtk_widget_set_visible (GTK_WIDGET (self->submit_quote_button), pw_quote_get_can_submit (quote));
  gtk_widget_set_visible (GTK_WIDGET (self->edit_quote_button), pw_quote_get_can_edit (quote));
  gtk_widget_set_visible (GTK_WIDGET (self->approve_button), pw_quote_get_can_decide (quote));
  gtk_widget_set_visible (GTK_WIDGET (self->reject_button), pw_quote_get_can_decide (quote));
  gtk_widget_set_visible (GTK_WIDGET (self->comment_list), pw_quote_get_can_decide (quote));
  blocker = lease_blocker (self, quote);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->create_lease_button), blocker);
}

static void
submit_quote_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (widget);
  PwQuote *quote = selected_quote (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  guint n = 0;

  if (quote == NULL)
    return;
  id = g_strdup (pw_quote_get_id (quote));
  if (!pw_quote_submit (self->watch.store, id, &n, &error))
    {
      set_quote_message (self, error->message);
      pw_customers_page_toast (self, error->message);
      return;
    }
  pw_customers_page_load (self);
  pw_customers_page_select_quote (self, id);
  if (n == 0)
    pw_customers_page_toast (self, _("Quote approved: no rule asks for approval"));
  else
    {
      g_autofree char *text = g_strdup_printf (ngettext ("Quote submitted; %u approval asked for",
                                                         "Quote submitted; %u approvals asked for", n), n);

      pw_customers_page_toast (self, text);
    }
}

static void
decide (PwCustomersPage *self,
        gboolean         approve)
{
  PwQuote *quote = selected_quote (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *comment = NULL;

  if (quote == NULL)
    return;
  id = g_strdup (pw_quote_get_id (quote));
  comment = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->approval_comment_row))));
  if (!pw_quote_decide (self->watch.store, id, NULL, approve, comment, &error))
    {
      if (g_strcmp0 (pw_ledger_error_get_field (error), "comment") == 0)
        pw_ui_show_field_error (GTK_WIDGET (self->approval_comment_row), self->approval_comment_error_row,
                                error->message);
      else
        set_quote_message (self, error->message);
      pw_customers_page_toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->approval_comment_row), "");
  pw_customers_page_load (self);
  pw_customers_page_select_quote (self, id);
  pw_customers_page_toast (self, approve ? _("Approval given") : _("Quote rejected"));
}

static void
approve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  decide (PW_CUSTOMERS_PAGE (widget), TRUE);
}

static void
reject_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  decide (PW_CUSTOMERS_PAGE (widget), FALSE);
}

static void
create_lease_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (widget);
  PwQuote *quote = selected_quote (self);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  PwLeaseDialog *dialog;

  if (quote == NULL || !pw_quote_get_can_lease (quote))
    return;
  dialog = pw_lease_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->watch.store,
                                pw_customers_page_park (self), pw_quote_get_space_ids (quote));
  if (!pw_lease_dialog_set_quote (dialog, pw_quote_get_id (quote), &error))
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      pw_customers_page_toast (self, error->message);
      return;
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_lease_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  const char *id = g_variant_get_string (parameter, NULL);

  if (id[0] != '\0')
    gtk_widget_activate_action (widget, "win.show-contract", "s", id);
}

/* The list */

void
pw_prospect_section_update_counts (PwCustomersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->prospect_model));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->prospect_store));
  g_autofree char *text = NULL;

  if (n == total)
    text = g_strdup_printf (ngettext ("%u prospect", "%u prospects", n), n);
  else
    /* Translators: the prospects a search leaves, e.g. "3 of 20 prospects" */
    text = g_strdup_printf (ngettext ("%u of %u prospect", "%u of %u prospects", total), n, total);
  gtk_label_set_text (self->prospect_count_label, text);
  gtk_stack_set_visible_child_name (self->prospect_list_stack, n > 0 ? "list" : total == 0 ? "none" : "empty");
}

void
pw_prospect_section_fill (PwCustomersPage *self,
                          GListStore      *prospects)
{
  guint n = prospects != NULL ? g_list_model_get_n_items (G_LIST_MODEL (prospects)) : 0;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      PwProspect *prospect = g_list_model_get_item (G_LIST_MODEL (prospects), i);
      g_autofree char *key = g_strdup_printf ("%s\n%s\n%s\n%s", pw_prospect_get_name (prospect),
                                              pw_customers_page_or_dash (pw_prospect_get_customer_name (prospect)),
                                              pw_prospect_get_stage_label (prospect),
                                              pw_customers_page_or_dash (pw_prospect_get_agent (prospect)));

      pw_ui_set_search_key (prospect, key);
      g_ptr_array_add (items, prospect);
    }
  g_list_store_splice (self->prospect_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->prospect_store)),
                       items->pdata, items->len);
}

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  PwCustomersPage *self = user_data;

  return pw_ui_item_matches (item, self->prospect_needle);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  PwProspect *prospect = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;

  g_object_get (prospect, columns[column].sort_property, &text, NULL);
  if (column == COLUMN_NAME)
    {
      /* Translators: the accessible name of a prospect's row: name, stage */
      g_autofree char *accessible = g_strdup_printf (_("%s, %s"), text, pw_prospect_get_stage_label (prospect));

      pw_customers_page_cell_show (list_item, text, accessible);
      return;
    }
  pw_customers_page_cell_show (list_item, text, NULL);
}

static void
selection_changed_cb (PwCustomersPage *self)
{
  if (self->reloading)
    return;
  g_clear_pointer (&self->quote_id, g_free);
  pw_prospect_section_update (self);
  pw_customers_page_show_detail (self->prospect_leaflet, selected_prospect (self) != NULL);
}

static void
search_changed_cb (PwCustomersPage *self,
                   GtkSearchEntry  *entry)
{
  GtkFilterChange change;

  if (!pw_ui_update_needle (&self->prospect_needle, gtk_editable_get_text (GTK_EDITABLE (entry)), &change))
    return;
  gtk_filter_changed (GTK_FILTER (self->prospect_filter), change);
  pw_prospect_section_update_counts (self);
}

static void
folded_changed_cb (PwCustomersPage *self)
{
  /* narrow: the name alone, the rest is in the detail */
  pw_ui_columns_narrow (self->prospect_view, 1, adw_leaflet_get_folded (self->prospect_leaflet));
}

void
pw_prospect_section_init (PwCustomersPage *self)
{
  g_autoptr(GtkSortListModel) sorted = NULL;

  self->prospect_store = g_list_store_new (PW_TYPE_PROSPECT);
  self->prospect_filter = gtk_custom_filter_new (filter_cb, self, NULL);
  pw_ui_add_columns (self->prospect_view, PW_TYPE_PROSPECT, columns, N_COLUMNS, G_CALLBACK (pw_customers_page_cell_setup),
                     G_CALLBACK (cell_bind_cb), self, NULL);
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->prospect_store)),
                                    g_object_ref (gtk_column_view_get_sorter (self->prospect_view)));
  self->prospect_model = gtk_filter_list_model_new (G_LIST_MODEL (g_steal_pointer (&sorted)),
                                                    g_object_ref (GTK_FILTER (self->prospect_filter)));
  self->prospect_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->prospect_model)));
  gtk_single_selection_set_autoselect (self->prospect_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->prospect_selection, TRUE);
  g_signal_connect_swapped (self->prospect_selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  gtk_column_view_set_model (self->prospect_view, GTK_SELECTION_MODEL (self->prospect_selection));
  gtk_search_entry_set_key_capture_widget (self->prospect_search_entry, GTK_WIDGET (self->prospect_view));
  g_signal_connect_object (self->prospect_leaflet, "notify::folded", G_CALLBACK (folded_changed_cb), self,
                           G_CONNECT_SWAPPED);
  folded_changed_cb (self);
}

void
pw_prospect_section_class_init (GtkWidgetClass *widget_class)
{
  static const struct {
    const char                 *name;
    const char                 *type;
    GtkWidgetActionActivateFunc activate;
    guint                       key;
    GdkModifierType             mods;
  } actions[] = {
    { "customer.new-prospect", NULL, new_prospect_action, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "customer.edit-prospect", NULL, edit_prospect_action, 0, 0 },
    { "customer.log-viewing", NULL, log_viewing_action, GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "customer.new-quote", NULL, new_quote_action, GDK_KEY_q, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "customer.edit-quote", NULL, edit_quote_action, 0, 0 },
    { "customer.submit-quote", NULL, submit_quote_action, GDK_KEY_Return, GDK_CONTROL_MASK },
    { "customer.approve", NULL, approve_action, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "customer.reject", NULL, reject_action, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "customer.create-lease", NULL, create_lease_action, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
    { "customer.show-lease", "s", show_lease_action, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      gtk_widget_class_install_action (widget_class, actions[i].name, actions[i].type, actions[i].activate);
      if (actions[i].key != 0)
        gtk_widget_class_add_binding_action (widget_class, actions[i].key, actions[i].mods, actions[i].name, NULL);
    }
  gtk_widget_class_bind_template_callback_full (widget_class, "prospect_search_changed_cb",
                                                G_CALLBACK (search_changed_cb));
  gtk_widget_class_bind_template_callback (widget_class, quote_selected_cb);
}
