/* pw-customer-leases.c — a customer's contracts and spaces, in its detail
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two groups under the customer's record, filled from core's queries
 * (pw_customer_list_contracts, pw_customer_list_spaces; docs/customers.md).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-area.h"
#include "pw-customer-contracts.h"
#include "pw-customer-leases.h"
#include "pw-document-print.h"
#include "pw-ledger.h"
#include "pw-money.h"
#include "pw-receivables.h"
#include "pw-ui.h"

/* the bills the detail lists; the button opens the Billing page on all of them */
#define SHORT_LIST 5

struct _PwCustomerLeases
{
  GtkWidget  parent_instance;

  GtkWidget *contracts_group;
  GtkWidget *spaces_group;
  GtkWidget *receivables_group;
  GtkWidget *bills_button;
  GtkWidget *statement_button;
  GPtrArray *contract_rows;   /* AdwActionRow, owned by the group */
  GPtrArray *space_rows;
  GPtrArray *receivable_rows;
  GSettings *settings;        /* the currency display */
  char      *balance_text;    /* as shown, for tests */
  gint64     balance;
  gint64     overdue;
};

G_DEFINE_FINAL_TYPE (PwCustomerLeases, pw_customer_leases, GTK_TYPE_WIDGET)

static void
clear_rows (GtkWidget *group,
            GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), rows->pdata[i]);
  g_ptr_array_set_size (rows, 0);
}

static GtkWidget *
add_row (GtkWidget  *group,
         GPtrArray  *rows,
         const char *title,
         const char *subtitle,
         const char *action,
         const char *target)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", target);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_ptr_array_add (rows, row);
  return row;
}

static void
show_message (GtkWidget  *group,
              GPtrArray  *rows,
              const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  /* kept with the rows, so that it goes with them; not counted */
  g_object_set_data (G_OBJECT (row), "pw-message", GINT_TO_POINTER (TRUE));
  g_ptr_array_add (rows, row);
}

static guint
count_rows (GPtrArray *rows)
{
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    n += g_object_get_data (rows->pdata[i], "pw-message") == NULL;
  return n;
}

void
pw_customer_leases_show (PwCustomerLeases *self,
                         PwStore          *store,
                         const char       *customer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contracts = NULL;
  g_autoptr(GPtrArray) spaces = NULL;
  g_autofree char *today = pw_today_iso ();

  g_return_if_fail (PW_IS_CUSTOMER_LEASES (self));

  clear_rows (self->contracts_group, self->contract_rows);
  clear_rows (self->spaces_group, self->space_rows);
  if (store == NULL || customer_id == NULL)
    return;

  contracts = pw_customer_list_contracts (store, customer_id, &error);
  if (contracts == NULL)
    show_message (self->contracts_group, self->contract_rows, error->message);
  else if (contracts->len == 0)
    show_message (self->contracts_group, self->contract_rows, _("No contracts yet"));
  for (guint i = 0; contracts != NULL && i < contracts->len; i++)
    {
      PwCustomerContract *c = contracts->pdata[i];
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *codes = g_strjoinv (", ", c->space_codes);

      /* Translators: a contract's code and status, e.g. "LSP-2026-014 · Active" */
      title = g_strdup_printf (_("%s · %s"), c->code, pw_contract_status_get_label (c->status));
      /* Translators: a contract's term, then its spaces, e.g.
       * "2026-01-01 – 2028-12-31 · T1-F03-015, T1-F03-016" */
      subtitle = g_strdup_printf (_("%s – %s · %s"), c->start_date, c->end_date,
                                  codes[0] != '\0' ? codes : _("no spaces"));
      add_row (self->contracts_group, self->contract_rows, title, subtitle,
               "win.show-contract", c->id);
    }

  g_clear_error (&error);
  spaces = pw_customer_list_spaces (store, customer_id, today, &error);
  if (spaces == NULL)
    show_message (self->spaces_group, self->space_rows, error->message);
  else if (spaces->len == 0)
    show_message (self->spaces_group, self->space_rows, _("No spaces held"));
  for (guint i = 0; spaces != NULL && i < spaces->len; i++)
    {
      PwCustomerSpace *s = spaces->pdata[i];
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *area = pw_area_format_with_unit (s->area, FALSE);

      title = s->name != NULL && s->name[0] != '\0'
                /* Translators: a space's code and name, e.g. "T1-F03-015 Office 15" */
                ? g_strdup_printf (_("%s %s"), s->code, s->name)
                : g_strdup (s->code);
      /* Translators: where a space is, its area, and the contract holding it until
       * when, e.g. "Building T1 · Floor F03 · 86.40 m² · LSP-2026-014 until 2028-12-31" */
      subtitle = g_strdup_printf (_("Building %s · Floor %s · %s · %s until %s"),
                                  s->building_code, s->floor_code, area, s->contract_code,
                                  s->end_date);
      add_row (self->spaces_group, self->space_rows, title, subtitle, "win.show-space", s->code);
    }
}

/* The customer's overdue amount as of @today: its row of the ageing by customer,
 * past due (every bucket but the first). */
static gboolean
overdue_of (PwStore *store, const char *park_id, const char *customer_id, const char *today,
            gint64 *overdue, GError **error)
{
  g_autoptr(JsonObject) ageing = pw_receivables_ageing (store, park_id, today, "customer", error);
  JsonArray *rows;

  *overdue = 0;
  if (ageing == NULL)
    return FALSE;
  rows = json_object_get_array_member (ageing, "rows");
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonArray *buckets = json_object_get_array_member (row, "buckets");

      if (g_strcmp0 (json_object_get_string_member_with_default (row, "key", ""), customer_id) != 0)
        continue;
      for (guint b = 1; buckets != NULL && b < json_array_get_length (buckets); b++)
        *overdue += json_array_get_int_element (buckets, b);
    }
  return TRUE;
}

void
pw_customer_leases_show_receivables (PwCustomerLeases *self,
                                     PwStore          *store,
                                     const char       *park_id,
                                     const char       *customer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) ledger = NULL;
  g_autofree char *today = pw_today_iso ();
  JsonArray *entries;
  const char *currency;
  guint shown = 0;
  PwCurrencyStyle style;

  g_return_if_fail (PW_IS_CUSTOMER_LEASES (self));

  style = g_settings_get_enum (self->settings, "currency-display") == 1 ? PW_CURRENCY_CODE : PW_CURRENCY_SYMBOL;
  clear_rows (self->receivables_group, self->receivable_rows);
  g_clear_pointer (&self->balance_text, g_free);
  self->balance = self->overdue = 0;
  gtk_widget_set_visible (self->bills_button, FALSE);
  gtk_widget_set_visible (self->statement_button, FALSE);
  if (store == NULL || customer_id == NULL)
    return;
  ledger = pw_receivables_ledger (store, park_id, customer_id, &error);
  if (ledger == NULL || !overdue_of (store, park_id, customer_id, today, &self->overdue, &error))
    {
      show_message (self->receivables_group, self->receivable_rows, error->message);
      return;
    }
  currency = json_object_get_string_member_with_default (ledger, "currency", "CNY");
  self->balance = json_object_get_int_member (ledger, "balance");
  {
    g_autofree char *balance = pw_money_format (self->balance, currency, style);
    g_autofree char *overdue = pw_money_format (self->overdue, currency, style);

    /* Translators: a customer's balance and what of it is overdue today */
    self->balance_text = g_strdup_printf (_("Balance %s · overdue %s"), balance, overdue);
    show_message (self->receivables_group, self->receivable_rows, self->balance_text);
    gtk_widget_remove_css_class (self->receivable_rows->pdata[self->receivable_rows->len - 1], "dim-label");
  }
  /* the newest bills first */
  entries = json_object_get_array_member (ledger, "entries");
  for (guint i = entries != NULL ? json_array_get_length (entries) : 0; i > 0 && shown < SHORT_LIST; i--)
    {
      JsonObject *e = json_array_get_object_element (entries, i - 1);
      g_autofree char *amount = NULL;
      g_autofree char *subtitle = NULL;

      if (g_strcmp0 (json_object_get_string_member_with_default (e, "kind", ""), "bill") != 0)
        continue;
      amount = pw_money_format (json_object_get_int_member (e, "amount"), currency, style);
      /* Translators: a bill in a customer's detail: its date and total */
      subtitle = g_strdup_printf (_("Billed %s · %s"),
                                  json_object_get_string_member_with_default (e, "date", ""), amount);
      add_row (self->receivables_group, self->receivable_rows,
               json_object_get_string_member_with_default (e, "reference", ""), subtitle,
               "win.show-bills", json_object_get_string_member_with_default (e, "reference", ""));
      shown++;
    }
  if (shown == 0)
    show_message (self->receivables_group, self->receivable_rows, _("No bills yet"));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->bills_button), "s",
                                    json_object_get_string_member_with_default (ledger, "customer_name", ""));
  gtk_widget_set_visible (self->bills_button, shown > 0);
  gtk_widget_set_visible (self->statement_button,
                          entries != NULL && json_array_get_length (entries) > 0);
}

GtkWidget *
pw_customer_leases_get_statement_button (PwCustomerLeases *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMER_LEASES (self), NULL);
  return self->statement_button;
}

const char *
pw_customer_leases_get_balance_text (PwCustomerLeases *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMER_LEASES (self), NULL);
  return self->balance_text;
}

gint64
pw_customer_leases_get_balance (PwCustomerLeases *self, gint64 *overdue)
{
  g_return_val_if_fail (PW_IS_CUSTOMER_LEASES (self), 0);
  if (overdue != NULL)
    *overdue = self->overdue;
  return self->balance;
}

guint
pw_customer_leases_get_n_bills (PwCustomerLeases *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMER_LEASES (self), 0);
  return count_rows (self->receivable_rows);
}

guint
pw_customer_leases_get_n_contracts (PwCustomerLeases *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMER_LEASES (self), 0);
  return count_rows (self->contract_rows);
}

guint
pw_customer_leases_get_n_spaces (PwCustomerLeases *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMER_LEASES (self), 0);
  return count_rows (self->space_rows);
}

GtkWidget *
pw_customer_leases_get_contract_row (PwCustomerLeases *self,
                                     guint             i)
{
  g_return_val_if_fail (PW_IS_CUSTOMER_LEASES (self), NULL);
  return i < self->contract_rows->len ? self->contract_rows->pdata[i] : NULL;
}

GtkWidget *
pw_customer_leases_get_space_row (PwCustomerLeases *self,
                                  guint             i)
{
  g_return_val_if_fail (PW_IS_CUSTOMER_LEASES (self), NULL);
  return i < self->space_rows->len ? self->space_rows->pdata[i] : NULL;
}

static void
pw_customer_leases_dispose (GObject *object)
{
  PwCustomerLeases *self = PW_CUSTOMER_LEASES (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (pw_customer_leases_parent_class)->dispose (object);
}

static void
pw_customer_leases_finalize (GObject *object)
{
  PwCustomerLeases *self = PW_CUSTOMER_LEASES (object);

  g_ptr_array_unref (self->contract_rows);
  g_ptr_array_unref (self->space_rows);
  g_ptr_array_unref (self->receivable_rows);
  g_free (self->balance_text);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (pw_customer_leases_parent_class)->finalize (object);
}

static void
pw_customer_leases_class_init (PwCustomerLeasesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_customer_leases_dispose;
  object_class->finalize = pw_customer_leases_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "customerleases");
}

static void
pw_customer_leases_init (PwCustomerLeases *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 24);
  self->contract_rows = g_ptr_array_new ();
  self->space_rows = g_ptr_array_new ();
  self->receivable_rows = g_ptr_array_new ();
  self->settings = g_settings_new (APP_ID);

  self->contracts_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->contracts_group), _("Contracts"));
  gtk_widget_set_parent (self->contracts_group, GTK_WIDGET (self));
  self->spaces_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->spaces_group), _("Spaces Held"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->spaces_group),
                                         _("Under signed, active and expiring contracts"));
  gtk_widget_set_parent (self->spaces_group, GTK_WIDGET (self));
  self->receivables_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->receivables_group), _("Receivables"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->receivables_group),
                                         _("The balance, and the newest bills"));
  self->bills_button = gtk_button_new_with_mnemonic (_("_All Bills"));
  gtk_widget_set_valign (self->bills_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->bills_button, _("Show the customer’s bills on the Billing page"));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->bills_button), "s", "");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->bills_button), "win.show-customer-bills");
  gtk_widget_set_visible (self->bills_button, FALSE);
  /* the statement's menu (customer.statement-pdf, customer.print-statement) */
  self->statement_button = pw_statement_button_new ("customer.statement-pdf", "customer.print-statement");
  gtk_widget_set_visible (self->statement_button, FALSE);
  {
    GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

    gtk_box_append (GTK_BOX (suffix), self->statement_button);
    gtk_box_append (GTK_BOX (suffix), self->bills_button);
    adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->receivables_group), suffix);
  }
  gtk_widget_set_parent (self->receivables_group, GTK_WIDGET (self));
}
