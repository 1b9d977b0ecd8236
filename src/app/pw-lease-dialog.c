/* pw-lease-dialog.c — a new lease for spaces picked on the plan: the terms as a
 * form, the contract's JSON form built from it and a live preview of its schedule
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form is a small front to docs/contract-format.md: one rent charge per m² per
 * month, an optional property fee, rent-free months from the start, a fixed yearly
 * escalation and a deposit in months of rent, all sold by one seller named after
 * the park. Every change rebuilds the JSON form and recomputes the schedule with
 * the engine, so the preview is what signing would write; a refusal is shown with
 * the form field it concerns.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-contract.h"
#include "pw-customer.h"
#include "pw-date-picker.h"
#include "pw-lease-dialog.h"
#include "pw-lease.h"
#include "pw-lease-terms.h"
#include "pw-ledger.h"
#include "pw-money.h"
#include "pw-schedule.h"
#include "pw-ui.h"


typedef struct {
  char   *id;
  char   *code;
  gint64  area;   /* chargeable, hundredths of a m² */
} LeaseSpace;

struct _PwLeaseDialog
{
  AdwWindow        parent_instance;

  PwStore         *store;
  char            *park_id;
  char            *park_name;
  char            *currency;
  GArray          *spaces;         /* LeaseSpace */
  GPtrArray       *customer_ids;   /* by position in the combo, after "None" */
  GPtrArray       *customer_names;
  GtkWidget       *parent;
  PwSchedule      *preview;
  char            *preview_error;
  GPtrArray       *preview_rows;
  char            *quote_id;       /* the quote the lease is made from, or NULL */
  char            *error_field;    /* the field the last check refused, or NULL */

  /* template children */
  GtkLabel        *spaces_label;
  GtkLabel        *error_label;
  AdwEntryRow     *code_row;
  AdwComboRow     *customer_row;
  AdwEntryRow     *start_row;
  AdwActionRow    *start_error_row;
  AdwEntryRow     *end_row;
  AdwActionRow    *end_error_row;
  AdwEntryRow     *rent_row;
  AdwComboRow     *frequency_row;
  GtkSpinButton   *rent_free_spin;
  AdwEntryRow     *escalation_row;
  AdwEntryRow     *fee_row;
  GtkSpinButton   *deposit_spin;
  GtkLabel        *preview_error_label;
  GtkListBox      *preview_list;
  GtkLabel        *preview_totals_label;
  GtkButton       *create_button;
};

G_DEFINE_FINAL_TYPE (PwLeaseDialog, pw_lease_dialog, ADW_TYPE_WINDOW)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
lease_space_clear (gpointer data)
{
  LeaseSpace *space = data;

  g_free (space->id);
  g_free (space->code);
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static char *
format_date (const GDate *date)
{
  char text[16];

  g_snprintf (text, sizeof text, "%04u-%02u-%02u", g_date_get_year (date),
              g_date_get_month (date), g_date_get_day (date));
  return g_strdup (text);
}

static char *
format_area (gint64 area)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", area / 100, (int) (area % 100));
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* Building the JSON form */

static const char *
customer_name (PwLeaseDialog *self)
{
  guint position = adw_combo_row_get_selected (self->customer_row);

  if (position == 0 || position == GTK_INVALID_LIST_POSITION || position > self->customer_names->len)
    return NULL;
  return g_ptr_array_index (self->customer_names, position - 1);
}

static const char *
customer_id (PwLeaseDialog *self)
{
  guint position = adw_combo_row_get_selected (self->customer_row);

  if (position == 0 || position == GTK_INVALID_LIST_POSITION || position > self->customer_ids->len)
    return NULL;
  return g_ptr_array_index (self->customer_ids, position - 1);
}

/* The form as core takes it; the strings are the caller's to free (form_clear). */
static void
read_form (PwLeaseDialog *self,
           PwLeaseForm   *form)
{
  PwLeaseFormSpace *spaces = g_new0 (PwLeaseFormSpace, self->spaces->len + 1);

  for (guint i = 0; i < self->spaces->len; i++)
    {
      spaces[i].code = g_array_index (self->spaces, LeaseSpace, i).code;
      spaces[i].area = g_array_index (self->spaces, LeaseSpace, i).area;
    }
  form->code = entry_text (self->code_row);
  form->currency = self->currency;
  form->landlord = self->park_name;
  form->tenant = customer_name (self);
  form->start = entry_text (self->start_row);
  form->end = entry_text (self->end_row);
  form->today = today_text ();
  form->spaces = spaces;
  form->n_spaces = self->spaces->len;
  form->rent = entry_text (self->rent_row);
  form->quarterly = adw_combo_row_get_selected (self->frequency_row) == 1;
  form->escalation = entry_text (self->escalation_row);
  form->fee = entry_text (self->fee_row);
  form->rent_free_months = (guint) gtk_spin_button_get_value_as_int (self->rent_free_spin);
  form->deposit_months = (guint) gtk_spin_button_get_value_as_int (self->deposit_spin);
}

static void
form_clear (PwLeaseForm *form)
{
  g_free ((char *) form->code);
  g_free ((char *) form->start);
  g_free ((char *) form->end);
  g_free ((char *) form->today);
  g_free ((char *) form->rent);
  g_free ((char *) form->escalation);
  g_free ((char *) form->fee);
  g_free ((PwLeaseFormSpace *) form->spaces);
}

char *
pw_lease_dialog_get_terms (PwLeaseDialog *self)
{
  PwLeaseForm form = { 0 };
  char *terms;

  g_return_val_if_fail (PW_IS_LEASE_DIALOG (self), NULL);

  read_form (self, &form);
  terms = pw_lease_form_build_terms (&form);
  form_clear (&form);
  return terms;
}

/* The preview */

static void
clear_preview (PwLeaseDialog *self,
               const char    *error_message)
{
  for (guint i = 0; i < self->preview_rows->len; i++)
    gtk_list_box_remove (self->preview_list, g_ptr_array_index (self->preview_rows, i));
  g_ptr_array_set_size (self->preview_rows, 0);
  g_clear_pointer (&self->preview, pw_schedule_free);
  g_free (self->preview_error);
  self->preview_error = g_strdup (error_message);
  gtk_label_set_text (self->preview_error_label, error_message ? error_message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->preview_error_label), error_message != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_list), FALSE);
  gtk_label_set_text (self->preview_totals_label, "");
}

static PwCurrencyStyle
currency_style (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  return g_settings_get_enum (settings, "currency-display") == 1 ? PW_CURRENCY_CODE : PW_CURRENCY_SYMBOL;
}

static void
show_preview (PwLeaseDialog *self,
              PwSchedule    *schedule)
{
  PwCurrencyStyle style = currency_style ();
  g_autofree char *gross = NULL, *net = NULL, *tax = NULL, *deposit = NULL, *totals = NULL;

  clear_preview (self, NULL);
  self->preview = schedule;
  /* every line: the preview is what signing would write */
  for (guint i = 0; i < schedule->lines->len; i++)
    {
      PwScheduleLine *line = g_ptr_array_index (schedule->lines, i);
      g_autofree char *bill = format_date (&line->bill_date);
      g_autofree char *start = format_date (&line->start);
      g_autofree char *end = format_date (&line->end);
      g_autofree char *amount = pw_money_format (line->gross, schedule->currency, style);
      /* Translators: a line of the schedule preview: bill date, charge */
      g_autofree char *title = g_strdup_printf (_("%s · %s"), bill, line->charge);
      /* Translators: the period a schedule line bills */
      g_autofree char *period = g_strdup_printf (_("%s – %s"), start, end);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (amount);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), period);
      gtk_widget_set_tooltip_text (row, line->explanation);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->preview_list, row);
      g_ptr_array_add (self->preview_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->preview_list), self->preview_rows->len > 0);

  gross = pw_money_format (schedule->gross, schedule->currency, style);
  net = pw_money_format (schedule->net, schedule->currency, style);
  tax = pw_money_format (schedule->tax, schedule->currency, style);
  deposit = pw_money_format (schedule->deposit, schedule->currency, style);
  totals = g_strdup_printf (ngettext ("%u line · Gross %s · Net %s · Tax %s · Deposit %s",
                                      "%u lines · Gross %s · Net %s · Tax %s · Deposit %s",
                                      schedule->lines->len),
                            schedule->lines->len, gross, net, tax, deposit);
  gtk_label_set_text (self->preview_totals_label, totals);
}

/* The form's row for a field core names (pw_lease_form_check()), or NULL. */
static GtkWidget *
field_widget (PwLeaseDialog *self,
              const char    *field)
{
  static const struct {
    const char *field;
    gsize       offset;
  } rows[] = {
    { "code", G_STRUCT_OFFSET (PwLeaseDialog, code_row) },
    { "start", G_STRUCT_OFFSET (PwLeaseDialog, start_row) },
    { "end", G_STRUCT_OFFSET (PwLeaseDialog, end_row) },
    { "rent", G_STRUCT_OFFSET (PwLeaseDialog, rent_row) },
    { "escalation", G_STRUCT_OFFSET (PwLeaseDialog, escalation_row) },
    { "fee", G_STRUCT_OFFSET (PwLeaseDialog, fee_row) },
    { "rent_free", G_STRUCT_OFFSET (PwLeaseDialog, rent_free_spin) },
    { "deposit", G_STRUCT_OFFSET (PwLeaseDialog, deposit_spin) },
    { "customer", G_STRUCT_OFFSET (PwLeaseDialog, customer_row) },
  };

  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (rows); i++)
    if (g_str_equal (rows[i].field, field))
      return G_STRUCT_MEMBER (GtkWidget *, self, rows[i].offset);
  return NULL;
}

/* Marks the field core named in its refusal (and only it), with the message. */
static void
mark_field (PwLeaseDialog *self,
            const char    *field,
            const char    *message)
{
  static const char *const fields[] = {
    "code", "end", "rent", "escalation", "fee", "rent_free", "deposit",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *widget = field_widget (self, fields[i]);
      gboolean marked = g_strcmp0 (fields[i], field) == 0;

      if (marked)
        gtk_widget_add_css_class (widget, "error");
      else
        gtk_widget_remove_css_class (widget, "error");
      pw_ui_set_accessible_error (widget, marked ? message : NULL);
    }
}

/* Checks the form, marks what is wrong, recomputes the preview and sets
 * Create's sensitivity. */
static gboolean
validate (PwLeaseDialog *self)
{
  g_autoptr(GError) error = NULL;
  PwLeaseForm form = { 0 };
  PwSchedule *schedule = NULL;
  gboolean dates_ok;

  g_clear_pointer (&self->error_field, g_free);
  dates_ok = pw_ui_check_date_row (self->start_row, self->start_error_row, "2999-12-31", NULL);
  dates_ok = pw_ui_check_date_row (self->end_row, self->end_error_row, "2999-12-31", NULL) && dates_ok;

  read_form (self, &form);
  if (!dates_ok && form.code[0] != '\0')
    {
      clear_preview (self, _("Correct the dates to see the schedule"));
      mark_field (self, NULL, NULL);
      self->error_field = g_strdup (pw_date_is_valid (form.start) ? "end" : "start");
    }
  else
    {
      schedule = pw_lease_form_check (&form, NULL, &error);
      if (schedule == NULL)
        {
          self->error_field = g_strdup (pw_ledger_error_get_field (error));
          clear_preview (self, error->message);
          mark_field (self, self->error_field, error->message);
        }
      else
        {
          mark_field (self, NULL, NULL);
          show_preview (self, schedule);
        }
    }
  form_clear (&form);

  /* a lease is with a customer (core refuses one without): from the list, or the
   * quote's; the schedule still shows while none is chosen */
  {
    gboolean no_customer = customer_id (self) == NULL && self->quote_id == NULL;

    pw_ui_set_accessible_error (GTK_WIDGET (self->customer_row),
                                no_customer ? _("Choose who rents the space") : NULL);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->create_button),
                                 no_customer ? _("Customer — choose who rents the space") : NULL);
    gtk_widget_set_sensitive (GTK_WIDGET (self->create_button),
                              self->preview != NULL && !no_customer);
    if (no_customer && self->error_field == NULL)
      self->error_field = g_strdup ("customer");
  }
  return self->preview != NULL;
}

static void
form_changed_cb (PwLeaseDialog *self)
{
  /* the template's signals run before the dialog has its spaces */
  if (self->spaces == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  validate (self);
}

char *
pw_lease_dialog_create (PwLeaseDialog  *self,
                        GError        **error)
{
  g_autofree char *terms = NULL, *code = NULL, *start = NULL, *end = NULL;
  g_autofree PwLeaseSpace *spaces = NULL;
  char *id;

  g_return_val_if_fail (PW_IS_LEASE_DIALOG (self), NULL);

  if (!validate (self))
    {
      g_set_error_literal (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                           self->preview_error != NULL ? self->preview_error
                                                       : _("The terms are not complete"));
      pw_ledger_error_set_field (*error, self->error_field);
      return NULL;
    }
  terms = pw_lease_dialog_get_terms (self);
  code = entry_text (self->code_row);
  start = entry_text (self->start_row);
  end = entry_text (self->end_row);
  spaces = g_new0 (PwLeaseSpace, self->spaces->len);
  for (guint i = 0; i < self->spaces->len; i++)
    {
      spaces[i].space_id = g_array_index (self->spaces, LeaseSpace, i).id;
      spaces[i].area = g_array_index (self->spaces, LeaseSpace, i).area;
    }
  id = pw_lease_create_from_quote (self->store, self->park_id, code, customer_id (self),
                                   self->quote_id, start, end, spaces, self->spaces->len, terms,
                                   error);
  if (id != NULL)
    g_signal_emit (self, signals[CREATED], 0, id);
  return id;
}

static void
create_clicked_cb (PwLeaseDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = pw_lease_dialog_create (self, &error);

  if (id == NULL)
    {
      /* the field core names, as the form calls it (the contract's columns or the form's) */
      static const char *const aliases[][2] = {
        { "customer_id", "customer" }, { "start_date", "start" }, { "end_date", "end" },
      };
      const char *field = pw_ledger_error_get_field (error);
      GtkWidget *widget;

      for (guint i = 0; field != NULL && i < G_N_ELEMENTS (aliases); i++)
        if (g_str_equal (field, aliases[i][0]))
          field = aliases[i][1];
      widget = field_widget (self, field);
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      /* the message under the form's heading, the field it is about focused and
       * scrolled into view */
      if (widget != NULL)
        {
          pw_ui_set_accessible_error (widget, error->message);
          gtk_widget_grab_focus (widget);
        }
      return;
    }
  if (self->parent != NULL)
    gtk_widget_activate_action (self->parent, "win.show-contract", "s", id);
  gtk_window_close (GTK_WINDOW (self));
}

gboolean
pw_lease_dialog_get_preview (PwLeaseDialog *self,
                             gint64        *gross,
                             gint64        *net,
                             gint64        *tax,
                             gint64        *deposit)
{
  g_return_val_if_fail (PW_IS_LEASE_DIALOG (self), FALSE);

  if (self->preview == NULL)
    return FALSE;
  if (gross != NULL)
    *gross = self->preview->gross;
  if (net != NULL)
    *net = self->preview->net;
  if (tax != NULL)
    *tax = self->preview->tax;
  if (deposit != NULL)
    *deposit = self->preview->deposit;
  return TRUE;
}

guint
pw_lease_dialog_get_n_preview_lines (PwLeaseDialog *self)
{
  g_return_val_if_fail (PW_IS_LEASE_DIALOG (self), 0);
  return self->preview_rows->len;
}

const char *
pw_lease_dialog_get_preview_error (PwLeaseDialog *self)
{
  g_return_val_if_fail (PW_IS_LEASE_DIALOG (self), NULL);

  return self->preview_error;
}

/* Setting up */

static void
load_park (PwLeaseDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) park = pw_store_get_row (self->store, "park", self->park_id, &error);

  if (park == NULL)
    {
      g_warning ("Could not read the park: %s", error->message);
      self->park_name = g_strdup ("");
      self->currency = g_strdup ("CNY");
      return;
    }
  self->park_name = g_strdup (json_object_get_string_member (park, "name"));
  self->currency = g_strdup (json_object_get_string_member (park, "currency"));
}

static void
load_spaces (PwLeaseDialog     *self,
             const char *const *space_ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (self->store, self->park_id, &error);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *total_text = NULL, *described = NULL;
  gint64 total = 0;

  if (spaces == NULL)
    {
      g_warning ("Could not load the spaces: %s", error->message);
      return;
    }
  for (guint k = 0; space_ids != NULL && space_ids[k] != NULL; k++)
    for (guint i = 0; i < spaces->len; i++)
      {
        PwSpace *space = g_ptr_array_index (spaces, i);
        LeaseSpace lease_space;
        g_autofree char *area = NULL;

        if (!g_str_equal (pw_space_get_id (space), space_ids[k]))
          continue;
        lease_space.id = g_strdup (pw_space_get_id (space));
        lease_space.code = g_strdup (pw_space_get_code (space));
        lease_space.area = pw_space_get_chargeable_area (space);
        total += lease_space.area;
        g_array_append_val (self->spaces, lease_space);
        area = format_area (lease_space.area);
        if (text->len > 0)
          g_string_append (text, ", ");
        /* Translators: a space of a new lease and its chargeable area: "T1-F03-001 (182.22 m²)" */
        g_string_append_printf (text, _("%s (%s m²)"), lease_space.code, area);
        break;
      }
  total_text = format_area (total);
  /* Translators: the spaces of a new lease, then their total chargeable area */
  described = g_strdup_printf (_("%s — %s m² chargeable in all"), text->str, total_text);
  gtk_label_set_text (self->spaces_label, described);
}

static void
load_customers (PwLeaseDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = pw_customer_list (self->store, self->park_id, &error);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  /* Translators: no customer chosen for a new lease */
  gtk_string_list_append (names, _("None yet"));
  if (rows == NULL)
    g_warning ("Could not load the customers: %s", error->message);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      JsonObject *row = g_ptr_array_index (rows, i);

      g_ptr_array_add (self->customer_ids, g_strdup (json_object_get_string_member (row, "id")));
      g_ptr_array_add (self->customer_names, g_strdup (json_object_get_string_member (row, "name")));
      gtk_string_list_append (names, json_object_get_string_member (row, "name"));
    }
  adw_combo_row_set_model (self->customer_row, G_LIST_MODEL (names));
}

/* The park's next contract number (pw_lease_next_code(), docs/contract-numbers.md). */
static char *
suggest_code (PwLeaseDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;
  char *code = pw_lease_next_code (self->store, self->park_id, today, &error);

  if (code == NULL)
    g_warning ("Could not number the new contract: %s", error->message);
  return code != NULL ? code : g_strdup ("");
}

static void
set_default_term (PwLeaseDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate start;
  g_autofree char *start_text = NULL, *end_text = NULL;

  /* from the first of next month, for a year */
  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  g_date_add_months (&start, 1);
  start_text = format_date (&start);
  end_text = pw_lease_form_months_end (start_text, 12);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), start_text);
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), end_text);
}

PwLeaseDialog *
pw_lease_dialog_new (GtkWindow         *parent,
                     PwStore           *store,
                     const char        *park_id,
                     const char *const *space_ids)
{
  PwLeaseDialog *self;
  g_autofree char *code = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (park_id != NULL, NULL);

  self = g_object_new (PW_TYPE_LEASE_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->park_id = g_strdup (park_id);
  self->parent = parent != NULL ? GTK_WIDGET (parent) : NULL;
  if (parent != NULL)
    g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *) &self->parent);

  load_park (self);
  load_customers (self);
  code = suggest_code (self);
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), code);
  set_default_term (self);

  self->spaces = g_array_new (FALSE, TRUE, sizeof (LeaseSpace));
  g_array_set_clear_func (self->spaces, lease_space_clear);
  load_spaces (self, space_ids);
  validate (self);
  return self;
}

gboolean
pw_lease_dialog_set_quote (PwLeaseDialog  *self,
                           const char     *quote_id,
                           GError        **error)
{
  g_autoptr(JsonObject) quote = NULL;
  g_autoptr(JsonObject) prospect = NULL;
  g_autofree char *start = NULL, *end = NULL;
  GtkAdjustment *adjustment;
  const char *customer;
  double rent_free;

  g_return_val_if_fail (PW_IS_LEASE_DIALOG (self), FALSE);
  g_return_val_if_fail (quote_id != NULL, FALSE);

  quote = pw_store_get_row (self->store, "quote", quote_id, error);
  if (quote == NULL)
    return FALSE;
  prospect = pw_store_get_row (self->store, "prospect", json_object_get_string_member (quote, "prospect_id"),
                               error);
  if (prospect == NULL)
    return FALSE;

  g_free (self->quote_id);
  self->quote_id = g_strdup (quote_id);
  customer = json_object_get_member (prospect, "customer_id") != NULL
             && !json_object_get_null_member (prospect, "customer_id")
               ? json_object_get_string_member (prospect, "customer_id") : NULL;
  for (guint i = 0; customer != NULL && i < self->customer_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->customer_ids, i), customer))
      adw_combo_row_set_selected (self->customer_row, i + 1);
  gtk_editable_set_text (GTK_EDITABLE (self->rent_row), json_object_get_string_member (quote, "unit_rent"));
  /* a quote may grant more rent-free months than the form offers by default */
  adjustment = gtk_spin_button_get_adjustment (self->rent_free_spin);
  rent_free = (double) json_object_get_int_member (quote, "rent_free_months");
  if (rent_free > gtk_adjustment_get_upper (adjustment))
    gtk_adjustment_set_upper (adjustment, rent_free);
  gtk_spin_button_set_value (self->rent_free_spin, rent_free);
  start = entry_text (self->start_row);
  end = pw_lease_form_months_end (start, (guint) json_object_get_int_member (quote, "term_months"));
  if (end != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->end_row), end);
  validate (self);
  return TRUE;
}

const char *
pw_lease_dialog_get_quote_id (PwLeaseDialog *self)
{
  g_return_val_if_fail (PW_IS_LEASE_DIALOG (self), NULL);

  return self->quote_id;
}

/* GObject */

static void
pw_lease_dialog_dispose (GObject *object)
{
  PwLeaseDialog *self = PW_LEASE_DIALOG (object);

  if (self->parent != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->parent), (gpointer *) &self->parent);
  self->parent = NULL;
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pw_lease_dialog_parent_class)->dispose (object);
}

static void
pw_lease_dialog_finalize (GObject *object)
{
  PwLeaseDialog *self = PW_LEASE_DIALOG (object);

  g_clear_pointer (&self->park_id, g_free);
  g_clear_pointer (&self->park_name, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->spaces, g_array_unref);
  g_clear_pointer (&self->customer_ids, g_ptr_array_unref);
  g_clear_pointer (&self->customer_names, g_ptr_array_unref);
  g_clear_pointer (&self->preview, pw_schedule_free);
  g_clear_pointer (&self->preview_error, g_free);
  g_clear_pointer (&self->preview_rows, g_ptr_array_unref);
  g_clear_pointer (&self->quote_id, g_free);
  g_clear_pointer (&self->error_field, g_free);

  G_OBJECT_CLASS (pw_lease_dialog_parent_class)->finalize (object);
}

static void
pw_lease_dialog_class_init (PwLeaseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_lease_dialog_dispose;
  object_class->finalize = pw_lease_dialog_finalize;

  /**
   * PwLeaseDialog::created:
   * @contract_id: the new draft's id
   *
   * The draft was written to the store.
   */
  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parkwise/Parkwise/pw-lease-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PwLeaseDialog, name)
  BIND (spaces_label);
  BIND (error_label);
  BIND (code_row);
  BIND (customer_row);
  BIND (start_row);
  BIND (start_error_row);
  BIND (end_row);
  BIND (end_error_row);
  BIND (rent_row);
  BIND (frequency_row);
  BIND (rent_free_spin);
  BIND (escalation_row);
  BIND (fee_row);
  BIND (deposit_spin);
  BIND (preview_error_label);
  BIND (preview_list);
  BIND (preview_totals_label);
  BIND (create_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pw_lease_dialog_init (PwLeaseDialog *self)
{
  g_autoptr(GtkStringList) frequencies = gtk_string_list_new (NULL);

  self->customer_ids = g_ptr_array_new_with_free_func (g_free);
  self->customer_names = g_ptr_array_new_with_free_func (g_free);
  self->preview_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* every date has its calendar; typing still works */
  pw_date_picker_attach (self->start_row);
  pw_date_picker_attach (self->end_row);

  gtk_string_list_append (frequencies, _("Monthly"));
  gtk_string_list_append (frequencies, _("Quarterly"));
  adw_combo_row_set_model (self->frequency_row, G_LIST_MODEL (frequencies));
  pw_ui_set_accessible_name (GTK_WIDGET (self->rent_free_spin), _("Rent-free months from the start"));
  pw_ui_set_accessible_name (GTK_WIDGET (self->deposit_spin), _("Deposit, months of rent"));
}
