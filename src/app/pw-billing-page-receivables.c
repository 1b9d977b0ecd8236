/* pw-billing-page-receivables.c — the Billing page's Receivables section: the ageing
 * of what is open as of a date by customer, building or charge (pw_receivables_ageing()),
 * a row's bills in place (pw_receivables_ageing_bills(), a bill opens in the Bills
 * section), the selected customer's ledger with its running balance
 * (pw_receivables_ledger()) and Record Payment… (pw_payment_add()); docs/receivables.md,
 * "The Receivables section"
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each list is a GListStore of PwJsonItem (one row of core's answer) bound to a
 * boxed GtkListBox; no SQL here.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-billing-page-private.h"
#include "pw-date.h"
#include "pw-error.h"
#include "pw-document-print.h"
#include "pw-json-item.h"
#include "pw-ledger.h"
#include "pw-receivables.h"

static const char *const by_keys[] = { "customer", "building", "charge" };

typedef struct
{
  PwBillingPage *page;
  gboolean       reloading;
  char          *currency;
  char          *drill_key;      /* the ageing row whose bills are shown; NULL: none */
  char          *drill_name;
  char          *customer_id;    /* the customer whose ledger is shown; NULL: none */
  char          *as_of_error;
  JsonObject    *ledger;         /* the last ledger shown */

  GtkEntry      *as_of_entry;
  GtkDropDown   *by_dropdown;
  GtkLabel      *totals_label;
  GListStore    *ageing_store;
  GtkListBox    *ageing_list;      /* the compact list (narrow windows) */
  AdwSqueezer   *ageing_squeezer;  /* the columns when they fit, else the compact list */
  GtkListBox    *ageing_table;     /* the columns (wide windows) */
  GtkSizeGroup  *column_groups[PW_AGEING_BUCKETS + 1];  /* the buckets and the total */
  guint          by_index;         /* the grouping of the rows shown (by_keys) */
  GtkLabel      *drill_label;
  GListStore    *drill_store;
  GtkListBox    *drill_list;
  GtkLabel      *ledger_label;
  GListStore    *ledger_store;
  GtkListBox    *ledger_list;
  GtkWidget     *statement_button;  /* the ledger's customer's statement */

  /* the Record Payment window while it is open */
  GtkWindow     *dialog;
  GtkWidget     *rows[6];
  AdwActionRow  *error_rows[6];
  AdwActionRow  *general_error;
} Recv;

enum { F_CUSTOMER, F_PAID_ON, F_AMOUNT, F_METHOD, F_REFERENCE, F_BILLS, N_FIELDS };

static const char *const methods[] = { "transfer", "cash", "cheque", "pos", "online" };

static Recv *
recv_of (PwBillingPage *page)
{
  return pw_billing_page_section_data (page, &pw_billing_receivables_section);
}

static const char *
as_of (Recv *recv)
{
  return gtk_editable_get_text (GTK_EDITABLE (recv->as_of_entry));
}

static const char *
by (Recv *recv)
{
  guint i = gtk_drop_down_get_selected (recv->by_dropdown);

  return by_keys[i < G_N_ELEMENTS (by_keys) ? i : 0];
}

static char *
money (Recv *recv, gint64 minor)
{
  return pw_billing_page_format_money (recv->page, minor, recv->currency ? recv->currency : "CNY");
}

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "bill") == 0)
    return _("Bill");
  if (g_strcmp0 (kind, "late_fee") == 0)
    return _("Late fee");
  if (g_strcmp0 (kind, "credit") == 0)
    return _("Credit note");
  if (g_strcmp0 (kind, "waiver") == 0)
    return _("Waiver");
  if (g_strcmp0 (kind, "payment") == 0)
    return _("Payment");
  return kind;
}

static GtkWidget *
amount_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  return label;
}

static GtkWidget *
new_row (const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

/* ---- the rows ---- */

/* An ageing row: the name, its buckets in the subtitle (they wrap at 360 px), the total. */
static GtkWidget *
ageing_row_cb (gpointer item, gpointer user_data)
{
  Recv *recv = user_data;
  JsonObject *o = pw_json_item_get_object (item);
  JsonArray *buckets = json_object_get_array_member (o, "buckets");
  const char *titles[PW_AGEING_BUCKETS] = { _("Current"), _("1–30"), _("31–60"), _("61–90"),
                                            _("Over 90") };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *total = money (recv, json_object_get_int_member (o, "total"));
  GtkWidget *row;

  for (guint i = 0; i < PW_AGEING_BUCKETS && buckets != NULL; i++)
    {
      g_autofree char *amount = money (recv, json_array_get_int_element (buckets, i));

      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: an ageing bucket and its amount, e.g. "31–60 ¥1,200.00" */
      g_string_append_printf (text, _("%s %s"), titles[i], amount);
    }
  row = new_row (json_object_get_string_member_with_default (o, "name", ""), text->str);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount_label (total));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

/* The same row as columns: the name, the five buckets and the total, each amount in
 * the size group of its column so that they line up from row to row. */
static GtkWidget *
cell (Recv *recv, GtkWidget *box, int column, const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  if (column < 0)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_tooltip_text (label, text);
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
      gtk_size_group_add_widget (recv->column_groups[column], label);
    }
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static GtkWidget *
columns_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  return box;
}

static GtkWidget *
ageing_columns_row_cb (gpointer item, gpointer user_data)
{
  Recv *recv = user_data;
  JsonObject *o = pw_json_item_get_object (item);
  JsonArray *buckets = json_object_get_array_member (o, "buckets");
  const char *name = json_object_get_string_member_with_default (o, "name", "");
  g_autofree char *total = money (recv, json_object_get_int_member (o, "total"));
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = columns_box ();

  cell (recv, box, -1, name);
  for (guint i = 0; i < PW_AGEING_BUCKETS; i++)
    {
      g_autofree char *amount = money (recv, buckets != NULL ? json_array_get_int_element (buckets, i) : 0);

      cell (recv, box, (int) i, amount);
    }
  gtk_widget_add_css_class (cell (recv, box, PW_AGEING_BUCKETS, total), "heading");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* Translators: the accessible name of an ageing row: its name and total */
  {
    g_autofree char *label = g_strdup_printf (_("%s, %s"), name, total);

    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
  return row;
}

/* the columns' titles above the first row */
static void
ageing_header_cb (GtkListBoxRow *row, GtkListBoxRow *before, gpointer user_data)
{
  Recv *recv = user_data;
  const char *titles[PW_AGEING_BUCKETS + 1] = { _("Current"), _("1–30"), _("31–60"), _("61–90"),
                                                _("Over 90"), _("Total") };
  const char *names[] = { _("Customer"), _("Building"), _("Charge") };
  guint b = recv->by_index;
  GtkWidget *box, *header;

  if (before != NULL)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  if (gtk_list_box_row_get_header (row) != NULL)
    return;
  box = columns_box ();
  gtk_widget_add_css_class (box, "dim-label");
  cell (recv, box, -1, names[b < G_N_ELEMENTS (names) ? b : 0]);
  for (int i = 0; i <= PW_AGEING_BUCKETS; i++)
    cell (recv, box, i, titles[i]);
  for (GtkWidget *c = gtk_widget_get_first_child (box); c != NULL; c = gtk_widget_get_next_sibling (c))
    gtk_widget_add_css_class (c, "caption-heading");
  /* styled as a row, so that its padding is the rows' and the columns line up */
  header = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (header), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (header), FALSE);
  gtk_widget_set_focusable (header, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (header), box);
  gtk_list_box_row_set_header (row, header);
}

static GtkWidget *
drill_row_cb (gpointer item, gpointer user_data)
{
  Recv *recv = user_data;
  JsonObject *o = pw_json_item_get_object (item);
  g_autofree char *open = money (recv, json_object_get_int_member (o, "open"));
  gint64 days = json_object_get_int_member_with_default (o, "days", 0);
  g_autofree char *age = days > 0
                           /* Translators: how late a bill is */
                           ? g_strdup_printf (ngettext ("%d day overdue", "%d days overdue",
                                                        (gulong) days), (int) MIN (days, G_MAXINT))
                           : g_strdup (_("not yet due"));
  /* Translators: a bill's customer, due date and age, e.g. "Orbit Labs · due 2040-01-15 · 31 days overdue" */
  g_autofree char *subtitle = g_strdup_printf (_("%s · due %s · %s"),
                                               json_object_get_string_member_with_default (o, "customer_name", ""),
                                               json_object_get_string_member_with_default (o, "due_date", ""),
                                               age);
  GtkWidget *row = new_row (json_object_get_string_member_with_default (o, "number", ""), subtitle);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount_label (open));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static GtkWidget *
ledger_row_cb (gpointer item, gpointer user_data)
{
  Recv *recv = user_data;
  JsonObject *o = pw_json_item_get_object (item);
  const char *reference = json_object_get_string_member_with_default (o, "reference", NULL);
  g_autofree char *amount = money (recv, json_object_get_int_member (o, "amount"));
  g_autofree char *balance = money (recv, json_object_get_int_member (o, "balance"));
  /* Translators: a ledger entry: its date and kind, e.g. "2040-01-01 · Bill" */
  g_autofree char *title = g_strdup_printf (_("%s · %s"),
                                            json_object_get_string_member_with_default (o, "date", ""),
                                            kind_label (json_object_get_string_member_with_default (o, "kind", "")));
  /* Translators: a ledger entry's reference, amount and the running balance after it */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s · balance %s"),
                                               reference != NULL && *reference ? reference : "—",
                                               amount, balance);

  return new_row (title, subtitle);
}

/* ---- loading ---- */

static void
set_items (GListStore *store, JsonArray *array)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_ptr_array_add (items, pw_json_item_new (json_array_get_object_element (array, i)));
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

static void
show_drill (Recv *recv)
{
  PwBillingPage *page = recv->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) bills = NULL;

  if (recv->drill_key == NULL || pw_billing_page_store (page) == NULL || recv->as_of_error != NULL)
    {
      set_items (recv->drill_store, NULL);
      gtk_label_set_text (recv->drill_label, _("Choose a row of the ageing to see its bills"));
      return;
    }
  bills = pw_receivables_ageing_bills (pw_billing_page_store (page), pw_billing_page_park (page),
                                       as_of (recv), by (recv), recv->drill_key, -1, &error);
  set_items (recv->drill_store, bills);
  if (bills == NULL)
    {
      gtk_label_set_text (recv->drill_label, error->message);
      return;
    }
  {
    /* Translators: the heading of the bills behind an ageing row */
    g_autofree char *text = g_strdup_printf (_("Open bills of %s"), recv->drill_name);

    gtk_label_set_text (recv->drill_label, text);
  }
}

static void
show_ledger (Recv *recv)
{
  PwBillingPage *page = recv->page;
  g_autoptr(GError) error = NULL;
  JsonArray *entries = NULL;

  g_clear_pointer (&recv->ledger, json_object_unref);
  if (recv->customer_id != NULL && pw_billing_page_store (page) != NULL)
    recv->ledger = pw_receivables_ledger (pw_billing_page_store (page), pw_billing_page_park (page),
                                          recv->customer_id, &error);
  if (recv->ledger != NULL)
    {
      g_autofree char *balance = money (recv, json_object_get_int_member (recv->ledger, "balance"));
      /* Translators: the heading of a customer's ledger, with its balance */
      g_autofree char *text = g_strdup_printf (_("Ledger of %s · balance %s"),
                                               json_object_get_string_member_with_default (recv->ledger,
                                                                                           "customer_name", ""),
                                               balance);

      entries = json_object_get_array_member (recv->ledger, "entries");
      gtk_label_set_text (recv->ledger_label, text);
    }
  else if (error != NULL)
    gtk_label_set_text (recv->ledger_label, error->message);
  else
    gtk_label_set_text (recv->ledger_label, _("Choose a customer of the ageing to see its ledger"));
  set_items (recv->ledger_store, entries);
  gtk_widget_set_visible (recv->statement_button, recv->ledger != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "billing.statement-pdf", recv->ledger != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "billing.print-statement", recv->ledger != NULL);
}

static void
recv_reload (PwBillingPage *page, gpointer data)
{
  Recv *recv = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) ageing = NULL;
  JsonArray *rows = NULL;

  g_clear_pointer (&recv->as_of_error, g_free);
  gtk_widget_remove_css_class (GTK_WIDGET (recv->as_of_entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (recv->as_of_entry), NULL);
  if (pw_billing_page_store (page) != NULL && pw_billing_page_park (page) != NULL)
    {
      ageing = pw_receivables_ageing (pw_billing_page_store (page), pw_billing_page_park (page),
                                      as_of (recv), by (recv), &error);
      if (ageing == NULL && g_error_matches (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_INPUT))
        {
          /* the message goes with the field it is about */
          recv->as_of_error = g_strdup (error->message);
          gtk_widget_add_css_class (GTK_WIDGET (recv->as_of_entry), "error");
          gtk_widget_set_tooltip_text (GTK_WIDGET (recv->as_of_entry), error->message);
        }
      if (ageing == NULL)
        gtk_label_set_text (recv->totals_label, error->message);
    }
  else
    gtk_label_set_text (recv->totals_label, "");
  if (ageing != NULL)
    {
      g_autofree char *total = NULL;

      g_free (recv->currency);
      recv->currency = g_strdup (json_object_get_string_member_with_default (ageing, "currency", "CNY"));
      rows = json_object_get_array_member (ageing, "rows");
      total = money (recv, json_object_get_int_member (ageing, "total"));
      {
        /* Translators: the ageing's date and what is open in all */
        g_autofree char *text = g_strdup_printf (_("Open as of %s: %s"), as_of (recv), total);

        gtk_label_set_text (recv->totals_label, text);
      }
    }
  recv->reloading = TRUE;
  recv->by_index = gtk_drop_down_get_selected (recv->by_dropdown);
  set_items (recv->ageing_store, rows);
  recv->reloading = FALSE;
  show_drill (recv);
  show_ledger (recv);
}

static void
ageing_activated_cb (GtkListBox *list, GtkListBoxRow *row, Recv *recv)
{
  /* a row of either form of the ageing: both show the same rows in the same order */
  g_autoptr(PwJsonItem) item = g_list_model_get_item (G_LIST_MODEL (recv->ageing_store),
                                                      gtk_list_box_row_get_index (row));
  JsonObject *o;

  if (item == NULL)
    return;
  o = pw_json_item_get_object (item);
  g_free (recv->drill_key);
  g_free (recv->drill_name);
  recv->drill_key = g_strdup (json_object_get_string_member_with_default (o, "key", ""));
  recv->drill_name = g_strdup (json_object_get_string_member_with_default (o, "name", ""));
  show_drill (recv);
  if (g_str_equal (by (recv), "customer"))
    {
      g_free (recv->customer_id);
      recv->customer_id = g_strdup (recv->drill_key);
      show_ledger (recv);
    }
}

/* a bill behind the ageing opens in the Bills section */
static void
drill_activated_cb (GtkListBox *list, GtkListBoxRow *row, Recv *recv)
{
  g_autoptr(PwJsonItem) item = g_list_model_get_item (G_LIST_MODEL (recv->drill_store),
                                                      gtk_list_box_row_get_index (row));
  g_autofree char *number = NULL;

  if (item == NULL)
    return;
  number = g_strdup (json_object_get_string_member_with_default (pw_json_item_get_object (item),
                                                                 "number", ""));
  pw_billing_page_set_bill_filters (recv->page, NULL, -1, number);
  pw_billing_page_show_section (recv->page, "bills");
  pw_billing_page_select_bill (recv->page, number);
}

static void
form_changed_cb (GObject *object, GParamSpec *pspec, Recv *recv)
{
  if (!recv->reloading && pw_billing_page_is_loaded (recv->page))
    recv_reload (recv->page, recv);
}

static void
as_of_activated_cb (GtkEntry *entry, Recv *recv)
{
  if (pw_billing_page_is_loaded (recv->page))
    recv_reload (recv->page, recv);
}

/* ---- Record Payment… ---- */

/* as typed: the ageing follows once the text is a whole date (Enter checks any other) */
static void
as_of_changed_cb (GtkEditable *editable, Recv *recv)
{
  if (pw_date_is_valid (gtk_editable_get_text (editable)) && pw_billing_page_is_loaded (recv->page))
    recv_reload (recv->page, recv);
}

static char **
split_bills (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text != NULL ? text : "", ", ", -1);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (out, g_strdup (parts[i]));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

char *
pw_billing_page_record_payment (PwBillingPage *self, const char *customer, const char *paid_on,
                                const char *amount, const char *method, const char *reference,
                                const char *bills, GError **error)
{
  PwStore *store;
  g_autoptr(GError) local = NULL;
  g_autofree char *customer_id = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) payment = NULL;
  g_auto(GStrv) designation = NULL;
  g_autoptr(GString) message = NULL;
  PwPaymentInput input = { 0 };
  Recv *recv;
  gint64 minor = 0;

  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  recv = recv_of (self);
  store = pw_billing_page_store (self);
  if (store == NULL || pw_billing_page_park (self) == NULL)
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_NOT_FOUND, _("No park is open"));
      return NULL;
    }
  customer_id = pw_receivables_customer_id (store, pw_billing_page_park (self), customer, &local);
  if (customer_id == NULL)
    {
      /* under the customer's field */
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD, "%s", local->message);
      pw_ledger_error_set_field (*error, "customer");
      return NULL;
    }
  currency = g_strdup (recv->currency != NULL ? recv->currency : "CNY");
  if (!pw_money_parse (amount != NULL ? amount : "", currency, &minor, &local))
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD, "%s", local->message);
      pw_ledger_error_set_field (*error, "amount");
      return NULL;
    }
  designation = split_bills (bills);
  input.customer = customer_id;
  input.paid_on = paid_on;
  input.amount = minor;
  input.method = method;
  input.reference = reference != NULL && *reference != '\0' ? reference : NULL;
  input.designation = designation[0] != NULL ? (const char *const *) designation : NULL;
  id = pw_payment_add (store, pw_billing_page_park (self), &input, &local);
  if (id == NULL)
    {
      if (local->domain == PW_RECEIVABLES_ERROR && local->code == PW_RECEIVABLES_ERROR_NOT_FOUND
          && input.designation != NULL)
        {
          /* a bill the payer named that is not an open bill of the customer */
          g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD, "%s", local->message);
          pw_ledger_error_set_field (*error, "designation");
        }
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  /* how it was allocated, in a toast */
  payment = pw_payment_find (store, id, NULL);
  message = g_string_new (NULL);
  {
    g_autofree char *paid = money (recv, minor);

    /* Translators: a toast: a payment's amount, then how it was allocated */
    g_string_printf (message, _("Payment of %s recorded"), paid);
  }
  if (payment != NULL)
    {
      JsonArray *allocations = json_object_get_array_member (payment, "allocations");
      g_autoptr(GHashTable) per_bill = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GPtrArray) order = g_ptr_array_new ();
      gint64 unapplied = json_object_get_int_member_with_default (payment, "unapplied", 0);

      for (guint i = 0; allocations != NULL && i < json_array_get_length (allocations); i++)
        {
          JsonObject *a = json_array_get_object_element (allocations, i);
          const char *number = json_object_get_string_member_with_default (a, "bill_number", "");
          gpointer was;

          if (!g_hash_table_lookup_extended (per_bill, number, NULL, &was))
            {
              g_ptr_array_add (order, g_strdup (number));
              was = GINT_TO_POINTER (0);
            }
          g_hash_table_insert (per_bill, g_strdup (number),
                               GSIZE_TO_POINTER (GPOINTER_TO_SIZE (was)
                                                 + (gsize) json_object_get_int_member (a, "amount")));
        }
      for (guint i = 0; i < order->len; i++)
        {
          g_autofree char *part = money (recv, (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (per_bill,
                                                                                              order->pdata[i])));

          /* Translators: one part of a payment's allocation, e.g. "¥500.00 on LSP-B-2040-000001" */
          g_string_append_printf (message, i == 0 ? _(": %s on %s") : _(", %s on %s"), part,
                                  (char *) order->pdata[i]);
          g_free (order->pdata[i]);
        }
      if (unapplied > 0)
        {
          g_autofree char *rest = money (recv, unapplied);

          /* Translators: what a payment leaves unapplied, e.g. "; ¥20.00 unapplied" */
          g_string_append_printf (message, _("; %s unapplied"), rest);
        }
    }
  g_free (recv->customer_id);
  recv->customer_id = g_strdup (customer_id);
  /* the store's change reloads at idle; show the payment at once */
  recv_reload (self, recv);
  pw_billing_page_show_toast (self, message->str);
  return g_steal_pointer (&id);
}

static int
field_index (const GError *error)
{
  const char *field = error->domain == PW_LEDGER_ERROR ? pw_ledger_error_get_field (error) : NULL;

  if (field == NULL)
    return -1;
  if (g_str_equal (field, "customer") || g_str_equal (field, "customer_id"))
    return F_CUSTOMER;
  if (g_str_equal (field, "paid_on"))
    return F_PAID_ON;
  if (g_str_equal (field, "amount"))
    return F_AMOUNT;
  if (g_str_equal (field, "method"))
    return F_METHOD;
  if (g_str_equal (field, "reference"))
    return F_REFERENCE;
  if (g_str_equal (field, "designation"))
    return F_BILLS;
  return -1;
}

static const char *
entry_text (Recv *recv, int field)
{
  return gtk_editable_get_text (GTK_EDITABLE (recv->rows[field]));
}

static guint
combo_selected (Recv *recv)
{
  return recv->rows[F_METHOD] != NULL ? adw_combo_row_get_selected (ADW_COMBO_ROW (recv->rows[F_METHOD])) : 0;
}

static void
record_clicked_cb (GtkButton *button, Recv *recv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  guint m = combo_selected (recv);
  int field;

  for (int i = 0; i < N_FIELDS; i++)
    if (recv->error_rows[i] != NULL)
      pw_ui_show_field_error (recv->rows[i], recv->error_rows[i], NULL);
  gtk_widget_set_visible (GTK_WIDGET (recv->general_error), FALSE);
  id = pw_billing_page_record_payment (recv->page, entry_text (recv, F_CUSTOMER), entry_text (recv, F_PAID_ON),
                                       entry_text (recv, F_AMOUNT),
                                       methods[m < G_N_ELEMENTS (methods) ? m : 0],
                                       entry_text (recv, F_REFERENCE), entry_text (recv, F_BILLS), &error);
  if (id != NULL)
    {
      gtk_window_destroy (recv->dialog);
      return;
    }
  field = field_index (error);
  if (field >= 0 && recv->error_rows[field] != NULL)
    pw_ui_show_field_error (recv->rows[field], recv->error_rows[field], error->message);
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (recv->general_error), error->message);
      gtk_widget_set_visible (GTK_WIDGET (recv->general_error), TRUE);
    }
}

static void
entry_activated_cb (AdwEntryRow *row, Recv *recv)
{
  record_clicked_cb (NULL, recv);
}

static void
dialog_destroyed_cb (GtkWidget *dialog, Recv *recv)
{
  recv->dialog = NULL;
  memset (recv->rows, 0, sizeof recv->rows);
  memset (recv->error_rows, 0, sizeof recv->error_rows);
  recv->general_error = NULL;
}

static void
open_payment_dialog (Recv *recv)
{
  GtkWidget *window, *header, *cancel, *record, *box, *list, *method_row;
  static const char *const method_labels[] = { N_("Bank transfer"), N_("Cash"), N_("Cheque"),
                                               N_("Card (POS)"), N_("Online") };
  g_autoptr(GtkStringList) method_list = gtk_string_list_new (NULL);
  const char *titles[N_FIELDS] = { _("Customer"), _("Date Paid"), _("Amount"), NULL, _("Reference"),
                                   _("Bills Named by the Payer (optional)") };
  g_autofree char *today = pw_today_iso ();

  if (recv->dialog != NULL)
    {
      gtk_window_present (recv->dialog);
      return;
    }
  window = adw_window_new ();
  recv->dialog = GTK_WINDOW (window);
  gtk_window_set_title (recv->dialog, _("Record Payment"));
  gtk_window_set_modal (recv->dialog, TRUE);
  gtk_window_set_transient_for (recv->dialog, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (recv->page))));
  gtk_window_set_default_size (recv->dialog, 420, 560);
  g_signal_connect (window, "destroy", G_CALLBACK (dialog_destroyed_cb), recv);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  record = gtk_button_new_with_mnemonic (_("_Record"));
  gtk_widget_add_css_class (record, "suggested-action");
  g_signal_connect (record, "clicked", G_CALLBACK (record_clicked_cb), recv);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), record);
  gtk_box_append (GTK_BOX (box), header);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (int i = 0; i < N_FIELDS; i++)
    {
      if (i == F_METHOD)
        {
          for (guint m = 0; m < G_N_ELEMENTS (method_labels); m++)
            gtk_string_list_append (method_list, _(method_labels[m]));
          method_row = adw_combo_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (method_row), _("Method"));
          adw_combo_row_set_model (ADW_COMBO_ROW (method_row), G_LIST_MODEL (method_list));
          gtk_list_box_append (GTK_LIST_BOX (list), method_row);
          recv->rows[i] = method_row;
          continue;
        }
      recv->rows[i] = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (recv->rows[i]), titles[i]);
      /* Enter in a field records, as the button does */
      g_signal_connect (recv->rows[i], "entry-activated", G_CALLBACK (entry_activated_cb), recv);
      gtk_list_box_append (GTK_LIST_BOX (list), recv->rows[i]);
      recv->error_rows[i] = pw_ui_error_row (list);
    }
  if (recv->ledger != NULL)
    gtk_editable_set_text (GTK_EDITABLE (recv->rows[F_CUSTOMER]),
                           json_object_get_string_member_with_default (recv->ledger, "customer_name", ""));
  gtk_editable_set_text (GTK_EDITABLE (recv->rows[F_PAID_ON]), today);
  recv->general_error = pw_ui_error_row (list);

  pw_ui_form_window_set_body (window, box, list);
  gtk_window_present (recv->dialog);
}

/* ---- the commands ---- */

static void
statement_toast (GtkWidget *owner, const char *message)
{
  pw_billing_page_show_toast (PW_BILLING_PAGE (owner), message);
}

static void
recv_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PwBillingPage *page = PW_BILLING_PAGE (widget);
  Recv *recv = recv_of (page);

  if (recv == NULL || pw_billing_page_store (page) == NULL)
    return;
  if (g_str_equal (action_name, "billing.record-payment"))
    {
      pw_billing_page_show_section (page, "receivables");
      open_payment_dialog (recv);
    }
  else if (g_str_equal (action_name, "billing.show-ageing"))
    {
      pw_billing_page_show_section (page, "receivables");
      gtk_widget_grab_focus (GTK_WIDGET (recv->as_of_entry));
    }
  else if (recv->ledger != NULL && g_str_equal (action_name, "billing.statement-pdf"))
    pw_statement_save_pdf (widget, pw_billing_page_store (page), pw_billing_page_park (page),
                           recv->customer_id,
                           json_object_get_string_member_with_default (recv->ledger, "customer_name", ""),
                           recv->as_of_error == NULL ? as_of (recv) : NULL, statement_toast);
  else if (recv->ledger != NULL && g_str_equal (action_name, "billing.print-statement"))
    {
      g_autoptr(GError) error = NULL;

      if (pw_statement_print (widget, pw_billing_page_store (page), pw_billing_page_park (page),
                              recv->customer_id, recv->as_of_error == NULL ? as_of (recv) : NULL,
                              GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL,
                              &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
        pw_billing_page_show_toast (page, error->message);
    }
}

static void
recv_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "billing.record-payment", NULL, recv_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_ALT_MASK,
                                       "billing.record-payment", NULL);
  gtk_widget_class_install_action (widget_class, "billing.show-ageing", NULL, recv_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_ALT_MASK,
                                       "billing.show-ageing", NULL);
  gtk_widget_class_install_action (widget_class, "billing.statement-pdf", NULL, recv_action_cb);
  gtk_widget_class_install_action (widget_class, "billing.print-statement", NULL, recv_action_cb);
}

static void
recv_update (PwBillingPage *page, gpointer data)
{
  gboolean open = pw_billing_page_store (page) != NULL && pw_billing_page_park (page) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (page), "billing.record-payment", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "billing.show-ageing", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "billing.statement-pdf",
                                 open && data != NULL && ((Recv *) data)->ledger != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "billing.print-statement",
                                 open && data != NULL && ((Recv *) data)->ledger != NULL);
}

/* ---- building ---- */

static GtkWidget *
heading (GtkWidget *box, const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static GtkListBox *
boxed_list (GtkWidget *box, const char *name, GListStore *store, GtkListBoxCreateWidgetFunc create,
            Recv *recv, const char *placeholder)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *empty = gtk_label_new (placeholder);

  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_set_margin_top (empty, 12);
  gtk_widget_set_margin_bottom (empty, 12);
  gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), empty);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  pw_ui_set_accessible_name (list, name);
  gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (store), create, recv, NULL);
  gtk_box_append (GTK_BOX (box), list);
  return GTK_LIST_BOX (list);
}

static gpointer
recv_create (PwBillingPage *page, GtkWidget **child)
{
  Recv *recv = g_new0 (Recv, 1);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *form = pw_wrap_box_new ();
  GtkWidget *pay = gtk_button_new_with_mnemonic (_("Record _Payment…"));
  g_autoptr(GtkStringList) bys = gtk_string_list_new (NULL);
  g_autofree char *today = pw_today_iso ();

  recv->page = page;
  recv->ageing_store = g_list_store_new (PW_TYPE_JSON_ITEM);
  recv->drill_store = g_list_store_new (PW_TYPE_JSON_ITEM);
  recv->ledger_store = g_list_store_new (PW_TYPE_JSON_ITEM);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);

  pw_wrap_box_set_spacing (PW_WRAP_BOX (form), 6);
  recv->as_of_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (recv->as_of_entry), today);
  gtk_editable_set_width_chars (GTK_EDITABLE (recv->as_of_entry), 10);
  gtk_widget_set_tooltip_text (GTK_WIDGET (recv->as_of_entry), NULL);
  pw_ui_set_accessible_name (GTK_WIDGET (recv->as_of_entry), _("Ageing as of (YYYY-MM-DD)"));
  g_signal_connect (recv->as_of_entry, "activate", G_CALLBACK (as_of_activated_cb), recv);
  g_signal_connect (recv->as_of_entry, "changed", G_CALLBACK (as_of_changed_cb), recv);
  gtk_widget_set_parent (GTK_WIDGET (recv->as_of_entry), form);
  gtk_string_list_append (bys, _("By Customer"));
  gtk_string_list_append (bys, _("By Building"));
  gtk_string_list_append (bys, _("By Charge"));
  recv->by_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (bys)), NULL));
  pw_ui_set_accessible_name (GTK_WIDGET (recv->by_dropdown), _("Age what is open by"));
  g_signal_connect (recv->by_dropdown, "notify::selected", G_CALLBACK (form_changed_cb), recv);
  gtk_widget_set_parent (GTK_WIDGET (recv->by_dropdown), form);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (pay), "billing.record-payment");
  gtk_widget_add_css_class (pay, "suggested-action");
  gtk_widget_set_parent (pay, form);
  gtk_box_append (GTK_BOX (box), form);

  gtk_label_set_text (GTK_LABEL (heading (box, "heading")), _("Ageing"));
  recv->totals_label = GTK_LABEL (heading (box, "dim-label"));
  /* wide: aligned columns; narrow (down to 360 px): the compact list, each row's
   * buckets under its name. The squeezer shows the first that fits. */
  for (int i = 0; i <= PW_AGEING_BUCKETS; i++)
    recv->column_groups[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  {
    GtkWidget *wide = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *narrow = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    recv->ageing_squeezer = ADW_SQUEEZER (adw_squeezer_new ());
    adw_squeezer_set_homogeneous (recv->ageing_squeezer, FALSE);
    adw_squeezer_set_switch_threshold_policy (recv->ageing_squeezer, ADW_FOLD_THRESHOLD_POLICY_MINIMUM);
    adw_squeezer_set_transition_type (recv->ageing_squeezer, ADW_SQUEEZER_TRANSITION_TYPE_NONE);
    adw_squeezer_set_interpolate_size (recv->ageing_squeezer, FALSE);
    recv->ageing_table = boxed_list (wide, _("Ageing table"), recv->ageing_store, ageing_columns_row_cb,
                                     recv, _("Nothing is open"));
    gtk_list_box_set_header_func (recv->ageing_table, ageing_header_cb, recv, NULL);
    g_signal_connect (recv->ageing_table, "row-activated", G_CALLBACK (ageing_activated_cb), recv);
    recv->ageing_list = boxed_list (narrow, _("Ageing"), recv->ageing_store, ageing_row_cb, recv,
                                    _("Nothing is open"));
    g_signal_connect (recv->ageing_list, "row-activated", G_CALLBACK (ageing_activated_cb), recv);
    adw_squeezer_add (recv->ageing_squeezer, wide);
    adw_squeezer_add (recv->ageing_squeezer, narrow);
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (recv->ageing_squeezer));
  }

  recv->drill_label = GTK_LABEL (heading (box, "heading"));
  gtk_widget_set_margin_top (GTK_WIDGET (recv->drill_label), 12);
  recv->drill_list = boxed_list (box, _("The bills behind the ageing row"), recv->drill_store,
                                 drill_row_cb, recv, _("No bills"));
  g_signal_connect (recv->drill_list, "row-activated", G_CALLBACK (drill_activated_cb), recv);

  recv->ledger_label = GTK_LABEL (heading (box, "heading"));
  gtk_widget_set_margin_top (GTK_WIDGET (recv->ledger_label), 12);
  recv->statement_button = pw_statement_button_new ("billing.statement-pdf", "billing.print-statement");
  gtk_widget_set_halign (recv->statement_button, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), recv->statement_button);
  recv->ledger_list = boxed_list (box, _("The customer’s ledger"), recv->ledger_store, ledger_row_cb,
                                  recv, _("No entries"));

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  show_drill (recv);
  show_ledger (recv);
  *child = scrolled;
  return recv;
}

static void
recv_free (gpointer data)
{
  Recv *recv = data;

  if (recv->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (recv->dialog, recv);
      gtk_window_destroy (recv->dialog);
    }
  g_clear_object (&recv->ageing_store);
  for (int i = 0; i <= PW_AGEING_BUCKETS; i++)
    g_clear_object (&recv->column_groups[i]);
  g_clear_object (&recv->drill_store);
  g_clear_object (&recv->ledger_store);
  g_clear_pointer (&recv->ledger, json_object_unref);
  g_free (recv->currency);
  g_free (recv->drill_key);
  g_free (recv->drill_name);
  g_free (recv->customer_id);
  g_free (recv->as_of_error);
  g_free (recv);
}

const PwBillingSection pw_billing_receivables_section = {
  .name = "receivables",
  .title = N_("Receivables"),
  .icon_name = "accessories-calculator-symbolic",
  .class_init = recv_class_init,
  .create = recv_create,
  .reload = recv_reload,
  .update = recv_update,
  .focus_search = NULL,
  .free = recv_free,
};

/* Public API of the section */

void
pw_billing_page_set_ageing (PwBillingPage *self, const char *date, const char *group_by)
{
  Recv *recv;

  g_return_if_fail (PW_IS_BILLING_PAGE (self));
  recv = recv_of (self);
  recv->reloading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (recv->as_of_entry), date != NULL ? date : "");
  for (guint i = 0; i < G_N_ELEMENTS (by_keys); i++)
    if (g_strcmp0 (by_keys[i], group_by) == 0)
      gtk_drop_down_set_selected (recv->by_dropdown, i);
  recv->reloading = FALSE;
  recv_reload (self, recv);
}

const char *
pw_billing_page_get_ageing_error (PwBillingPage *self)
{
  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  return recv_of (self)->as_of_error;
}

GListModel *
pw_billing_page_get_ageing_rows (PwBillingPage *self)
{
  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  return G_LIST_MODEL (recv_of (self)->ageing_store);
}

gboolean
pw_billing_page_activate_ageing_row (PwBillingPage *self, const char *key)
{
  Recv *recv;

  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), FALSE);
  recv = recv_of (self);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (recv->ageing_store)); i++)
    {
      g_autoptr(PwJsonItem) item = g_list_model_get_item (G_LIST_MODEL (recv->ageing_store), i);

      if (g_strcmp0 (json_object_get_string_member_with_default (pw_json_item_get_object (item), "key", ""),
                     key) == 0)
        {
          g_signal_emit_by_name (recv->ageing_list, "row-activated",
                                 gtk_list_box_get_row_at_index (recv->ageing_list, (int) i));
          return TRUE;
        }
    }
  return FALSE;
}

GListModel *
pw_billing_page_get_drill_bills (PwBillingPage *self)
{
  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  return G_LIST_MODEL (recv_of (self)->drill_store);
}

GListModel *
pw_billing_page_get_ledger_entries (PwBillingPage *self)
{
  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  return G_LIST_MODEL (recv_of (self)->ledger_store);
}

gint64
pw_billing_page_get_ledger_balance (PwBillingPage *self)
{
  Recv *recv;

  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), 0);
  recv = recv_of (self);
  return recv->ledger != NULL ? json_object_get_int_member (recv->ledger, "balance") : 0;
}

void
pw_billing_page_open_payment_dialog (PwBillingPage *self)
{
  g_return_if_fail (PW_IS_BILLING_PAGE (self));
  open_payment_dialog (recv_of (self));
}

GtkWindow *
pw_billing_page_get_payment_dialog (PwBillingPage *self)
{
  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  return recv_of (self)->dialog;
}

gboolean
pw_billing_page_ageing_shows_columns (PwBillingPage *self)
{
  Recv *recv;

  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), FALSE);
  recv = recv_of (self);
  return gtk_widget_get_parent (GTK_WIDGET (recv->ageing_table))
         == adw_squeezer_get_visible_child (recv->ageing_squeezer);
}

GtkWidget *
pw_billing_page_get_ageing_cell (PwBillingPage *self, int row, guint column)
{
  Recv *recv;
  GtkListBoxRow *r;
  GtkWidget *box, *c;

  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  recv = recv_of (self);
  r = gtk_list_box_get_row_at_index (recv->ageing_table, MAX (row, 0));
  if (r == NULL)
    return NULL;
  box = gtk_list_box_row_get_child (row < 0 ? GTK_LIST_BOX_ROW (gtk_list_box_row_get_header (r)) : r);
  c = box != NULL ? gtk_widget_get_first_child (box) : NULL;
  for (guint i = 0; c != NULL && i < column; i++)
    c = gtk_widget_get_next_sibling (c);
  return c;
}
