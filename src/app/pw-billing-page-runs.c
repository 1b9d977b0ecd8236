/* pw-billing-page-runs.c — the Billing page's Bill Runs section: a period and
 * optional filters; Preview shows every bill with its lines and explanations, the
 * totals per charge and tax rate and the problems, writing nothing; Post writes the
 * run through core (pw_bill_run_post(), one transaction) and shows what it wrote
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-bill-notice.h"
#include "pw-billing-page-private.h"
#include "pw-customer.h"
#include "pw-i18n.h"

typedef struct
{
  PwBillingPage *page;
  AdwEntryRow   *period_row;
  AdwActionRow  *period_error_row;
  AdwEntryRow   *buildings_row;
  AdwEntryRow   *customers_row;
  AdwEntryRow   *charges_row;
  GtkLabel      *summary_label;
  GtkWidget     *problems_box;
  GtkListBox    *problems_list;
  GtkWidget     *totals_box;
  GtkListBox    *totals_list;
  GtkWidget     *bills_box;
  GtkListBox    *bills_list;
  PwBillRun     *run;
  gboolean       posted;
  gpointer       run_store;   /* the store and park the run is of, compared only */
  char          *run_park;
  char          *period_error;
} Runs;

static Runs *
runs_of (PwBillingPage *page)
{
  return pw_billing_page_section_data (page, &pw_billing_runs_section);
}

static char *
this_month (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m");
}

/* The codes or names of a filter row, split at commas; NULL when empty. */
static GStrv
split_filter (AdwEntryRow *row)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (row)), ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      g_strv_builder_add (builder, parts[i]);
      n++;
    }
  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

/* The customers of the customers row. A name may hold commas ("Helix Biosciences
 * (China) Co., Ltd."), so pieces between commas are joined back together wherever
 * they make a whole name (or id) of one of the park's customers, the longest first;
 * what makes no customer's name is kept piece by piece (docs/billing.md, "Choosing
 * customers"). NULL when the row is empty. */
static GStrv
split_customers (AdwEntryRow *row, PwStore *store, const char *park)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (row)), ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) customers = NULL;
  guint n_parts = g_strv_length (parts), n = 0;

  if (store != NULL && park != NULL)
    customers = pw_customer_list (store, park, NULL);
  for (guint i = 0; customers != NULL && i < customers->len; i++)
    {
      JsonObject *c = g_ptr_array_index (customers, i);
      const char *name = json_object_get_string_member_with_default (c, "name", NULL);
      const char *id = json_object_get_string_member_with_default (c, "id", NULL);

      if (name != NULL)
        g_hash_table_add (known, g_strstrip (g_strdup (name)));
      if (id != NULL)
        g_hash_table_add (known, g_strdup (id));
    }
  for (guint i = 0; i < n_parts;)
    {
      guint taken = 1;
      g_autofree char *value = NULL;

      for (guint j = n_parts; j > i + 1; j--)
        {
          g_autofree char *joined = NULL;
          char *saved = parts[j];

          parts[j] = NULL;
          joined = g_strjoinv (",", parts + i);
          parts[j] = saved;
          if (g_hash_table_contains (known, g_strstrip (joined)))
            {
              taken = j - i;
              break;
            }
        }
      {
        char *saved = parts[i + taken];

        parts[i + taken] = NULL;
        value = g_strstrip (g_strjoinv (",", parts + i));
        parts[i + taken] = saved;
      }
      i += taken;
      if (*value == '\0')
        continue;
      g_strv_builder_add (builder, value);
      n++;
    }
  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

static GtkWidget *
plain_row (const char *title, const char *subtitle, const char *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);

      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

/* A run of a big park has thousands of bills, more than a list of rows holds
 * quickly: the section shows the first MAX_ROWS bills and problems, and makes a
 * bill's lines when it is first opened. The totals cover every line. */
#define MAX_ROWS 300

static void
bill_expanded_cb (AdwExpanderRow *row, GParamSpec *pspec, Runs *runs)
{
  PwBillRunBill *b = g_object_get_data (G_OBJECT (row), "bill");

  if (!adw_expander_row_get_expanded (row) || b == NULL || runs->run == NULL)
    return;
  g_object_set_data (G_OBJECT (row), "bill", NULL);
  for (guint j = 0; j < b->lines->len; j++)
    {
      PwBillRunLine *l = g_ptr_array_index (b->lines, j);
      g_autofree char *l_gross = pw_billing_page_format_money (runs->page, l->gross,
                                                               runs->run->currency);
      g_autofree char *l_title = g_strdup_printf ("%s · %s · %s – %s", l->contract_code,
                                                  pw_charge_label (l->charge), l->period_start,
                                                  l->period_end);

      adw_expander_row_add_row (row, plain_row (l_title, l->explanation, l_gross));
    }
}

/* Removes the rows of the run shown (before the run they point into goes). */
static void
clear_rows (Runs *runs)
{
  pw_billing_page_clear_list (runs->problems_list);
  pw_billing_page_clear_list (runs->totals_list);
  pw_billing_page_clear_list (runs->bills_list);
}

static void
show_run (Runs *runs)
{
  PwBillingPage *page = runs->page;
  PwBillRun *run = runs->run;
  g_autofree char *gross = NULL, *net = NULL, *tax = NULL, *summary = NULL;

  clear_rows (runs);
  gtk_widget_set_visible (runs->problems_box, run != NULL && run->problems->len > 0);
  gtk_widget_set_visible (runs->totals_box, run != NULL && run->totals->len > 0);
  gtk_widget_set_visible (runs->bills_box, run != NULL && run->bills->len > 0);
  if (run == NULL)
    {
      gtk_label_set_text (runs->summary_label,
                          _("Choose a period and preview its run: nothing is written until you post it."));
      return;
    }

  gross = pw_billing_page_format_money (page, run->gross, run->currency);
  net = pw_billing_page_format_money (page, run->net, run->currency);
  tax = pw_billing_page_format_money (page, run->tax, run->currency);
  if (runs->posted && run->run_id == NULL)
    /* Translators: a post that found nothing new; %s is the period, %u lines billed before */
    summary = g_strdup_printf (ngettext ("Nothing new was billed for %s: %u line of the period "
                                         "was billed by earlier runs.",
                                         "Nothing new was billed for %s: %u lines of the period "
                                         "were billed by earlier runs.", run->n_already_billed),
                               run->period, run->n_already_billed);
  else
    {
      g_autofree char *bills = g_strdup_printf (
        runs->posted
          /* Translators: the bills a post wrote: their number, period, total, net and tax */
          ? ngettext ("Posted %u bill for %s: %s (net %s, tax %s).",
                      "Posted %u bills for %s: %s (net %s, tax %s).", run->bills->len)
          /* Translators: what a preview would bill: bills, period, total, net and tax */
          : ngettext ("Preview of %2$s: %1$u bill, %3$s (net %4$s, tax %5$s). Nothing is written yet.",
                      "Preview of %2$s: %1$u bills, %3$s (net %4$s, tax %5$s). Nothing is written yet.",
                      run->bills->len),
        run->bills->len, run->period, gross, net, tax);

      if (run->n_already_billed > 0)
        {
          g_autofree char *before = g_strdup_printf (
            ngettext ("%u line of the period was billed by earlier runs.",
                      "%u lines of the period were billed by earlier runs.", run->n_already_billed),
            run->n_already_billed);

          summary = g_strconcat (bills, " ", before, NULL);
        }
      else
        summary = g_steal_pointer (&bills);
    }
  gtk_label_set_text (runs->summary_label, summary);

  for (guint i = 0; i < run->problems->len && i < MAX_ROWS; i++)
    {
      PwBillRunProblem *p = g_ptr_array_index (run->problems, i);
      GtkWidget *row = plain_row (p->message, p->contract_code, NULL);

      gtk_widget_add_css_class (row, "warning");
      gtk_list_box_append (runs->problems_list, row);
    }
  if (run->problems->len > MAX_ROWS)
    {
      guint more = run->problems->len - MAX_ROWS;
      /* Translators: under the first problems of a big run */
      g_autofree char *title = g_strdup_printf (ngettext ("… and %u more problem (parkwise-cli bill-run "
                                                          "preview lists them all)",
                                                          "… and %u more problems (parkwise-cli bill-run "
                                                          "preview lists them all)", more), more);

      gtk_list_box_append (runs->problems_list, plain_row (title, NULL, NULL));
    }
  for (guint i = 0; i < run->totals->len; i++)
    {
      PwBillRunTotal *t = g_ptr_array_index (run->totals, i);
      g_autofree char *t_gross = pw_billing_page_format_money (page, t->gross, run->currency);
      g_autofree char *t_net = pw_billing_page_format_money (page, t->net, run->currency);
      g_autofree char *t_tax = pw_billing_page_format_money (page, t->tax, run->currency);
      /* Translators: a total of a run: charge and tax rate (a fraction, 0.09) */
      g_autofree char *title = g_strdup_printf (_("%s at %s"), pw_charge_label (t->charge),
                                                *t->tax_rate ? t->tax_rate : "?");
      /* Translators: the lines of a total, its net and its tax */
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%u line · net %s · tax %s",
                                                             "%u lines · net %s · tax %s",
                                                             t->n_lines),
                                                   t->n_lines, t_net, t_tax);

      gtk_list_box_append (runs->totals_list, plain_row (title, subtitle, t_gross));
    }
  for (guint i = 0; i < run->bills->len && i < MAX_ROWS; i++)
    {
      PwBillRunBill *b = g_ptr_array_index (run->bills, i);
      GtkWidget *row = adw_expander_row_new ();
      g_autofree char *b_gross = pw_billing_page_format_money (page, b->gross, run->currency);
      g_autofree char *title = b->number != NULL
                                 ? g_strdup_printf ("%s · %s", b->number, b->customer_name)
                                 : g_strdup (b->customer_name);
      /* Translators: a bill of a run: seller, bill date, due date, total */
      g_autofree char *subtitle = g_strdup_printf (_("Seller %s · billed %s · due %s · %s"),
                                                   b->seller_name && *b->seller_name
                                                     ? b->seller_name : b->seller,
                                                   b->bill_date, b->due_date, b_gross);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      /* its lines are made when it is first opened */
      g_object_set_data (G_OBJECT (row), "bill", b);
      g_signal_connect (row, "notify::expanded", G_CALLBACK (bill_expanded_cb), runs);
      gtk_list_box_append (runs->bills_list, row);
    }
  if (run->bills->len > MAX_ROWS)
    {
      guint more = run->bills->len - MAX_ROWS;
      /* Translators: under the first bills of a big run */
      g_autofree char *title = g_strdup_printf (ngettext ("… and %u more bill, in the totals above; "
                                                          "the Bills section lists every bill once posted",
                                                          "… and %u more bills, in the totals above; "
                                                          "the Bills section lists every bill once posted",
                                                          more), more);

      gtk_list_box_append (runs->bills_list, plain_row (title, NULL, NULL));
    }
}

static void
show_period_error (Runs *runs, const char *message)
{
  g_free (runs->period_error);
  runs->period_error = g_strdup (message);
  pw_ui_show_field_error (GTK_WIDGET (runs->period_row), runs->period_error_row, message);
}

static void
run (PwBillingPage *page, gboolean post)
{
  Runs *runs = runs_of (page);
  PwStore *store = pw_billing_page_store (page);
  const char *park = pw_billing_page_park (page);
  g_autofree char *period = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (runs->period_row))));
  g_auto(GStrv) buildings = split_filter (runs->buildings_row);
  g_auto(GStrv) customers = split_customers (runs->customers_row, store, park);
  g_auto(GStrv) charges = split_filter (runs->charges_row);
  PwBillRunFilter filter = { buildings, customers, charges };
  g_autoptr(GError) error = NULL;
  PwBillRun *result;

  if (store == NULL || park == NULL)
    return;
  show_period_error (runs, NULL);
  result = post ? pw_bill_run_post (store, park, period, &filter, &error)
                : pw_bill_run_preview (store, park, period, &filter, &error);
  if (result == NULL)
    {
      if (g_error_matches (error, PW_BILL_ERROR, PW_BILL_ERROR_PERIOD))
        show_period_error (runs, error->message);
      pw_billing_page_show_toast (page, error->message);
      return;
    }
  clear_rows (runs);
  g_clear_pointer (&runs->run, pw_bill_run_free);
  runs->run = result;
  runs->posted = post;
  runs->run_store = store;
  g_free (runs->run_park);
  runs->run_park = g_strdup (park);
  show_run (runs);
  pw_billing_page_show_toast (page, gtk_label_get_text (runs->summary_label));
}

static void
folder_response_cb (GtkNativeDialog *native, int response, gpointer user_data)
{
  PwBillingPage *page = PW_BILLING_PAGE (user_data);

  if (response == GTK_RESPONSE_ACCEPT && pw_billing_page_store (page) != NULL)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (folder);

      pw_billing_page_save_period_notices (page, path, FALSE, NULL);
    }
  g_object_unref (native);
  g_object_unref (page);
}

/* Asks for a folder, then writes a PDF per customer of the period's bills into it. */
static void
choose_notice_folder (PwBillingPage *page)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Save the Period’s Payment Notices"),
                                        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Save"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (folder_response_cb), g_object_ref (page));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
run_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  if (g_str_equal (action_name, "billing.save-period-notices"))
    choose_notice_folder (PW_BILLING_PAGE (widget));
  else
    run (PW_BILLING_PAGE (widget), g_str_equal (action_name, "billing.post"));
}

static void
runs_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "billing.preview", NULL, run_action_cb);
  gtk_widget_class_install_action (widget_class, "billing.post", NULL, run_action_cb);
  gtk_widget_class_install_action (widget_class, "billing.save-period-notices", NULL, run_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_ALT_MASK, "billing.preview", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_ALT_MASK, "billing.post", NULL);
}

static AdwEntryRow *
entry_row (GtkWidget *group, const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return ADW_ENTRY_ROW (row);
}

/* A heading over a boxed list, hidden until it has rows. */
static GtkWidget *
list_box (GtkWidget *parent, const char *heading, GtkListBox **list)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (heading);
  GtkWidget *listbox = gtk_list_box_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (listbox), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (listbox, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (listbox), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), listbox);
  gtk_widget_set_visible (box, FALSE);
  gtk_box_append (GTK_BOX (parent), box);
  *list = GTK_LIST_BOX (listbox);
  return box;
}

static gpointer
runs_create (PwBillingPage *page, GtkWidget **child)
{
  Runs *runs = g_new0 (Runs, 1);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *buttons = pw_wrap_box_new ();
  GtkWidget *preview = gtk_button_new_with_mnemonic (_("_Preview"));
  GtkWidget *post = gtk_button_new_with_mnemonic (_("P_ost"));
  GtkWidget *notices = gtk_button_new_with_mnemonic (_("Save the Period’s _Notices…"));
  g_autofree char *month = this_month ();
  GtkWidget *error_row = adw_action_row_new ();

  runs->page = page;
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Bill Run"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("Bills every schedule line dated in the period that no bill holds yet; leave a filter empty for all."));
  /* Translators: a billing period is a month, written YYYY-MM */
  runs->period_row = entry_row (group, _("Period (YYYY-MM)"));
  gtk_editable_set_text (GTK_EDITABLE (runs->period_row), month);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (error_row), FALSE);
  gtk_widget_set_visible (error_row, FALSE);
  gtk_widget_add_css_class (error_row, "error");
  runs->period_error_row = ADW_ACTION_ROW (error_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), error_row);
  runs->buildings_row = entry_row (group, _("Buildings (codes, separated by commas)"));
  runs->customers_row = entry_row (group, _("Customers (names, separated by commas)"));
  runs->charges_row = entry_row (group, _("Charges (codes, separated by commas)"));
  gtk_box_append (GTK_BOX (box), group);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (preview), "billing.preview");
  gtk_widget_set_tooltip_text (preview, _("Show what the run would bill, writing nothing"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (post), "billing.post");
  gtk_widget_set_tooltip_text (post, _("Write the run’s bills"));
  gtk_widget_add_css_class (post, "suggested-action");
  pw_wrap_box_set_spacing (PW_WRAP_BOX (buttons), 6);
  gtk_widget_set_parent (preview, buttons);
  gtk_widget_set_parent (post, buttons);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (notices), "billing.save-period-notices");
  gtk_widget_set_tooltip_text (notices, _("Write the payment notices of the period’s bills, a PDF per customer, into a folder"));
  gtk_widget_set_parent (notices, buttons);
  gtk_box_append (GTK_BOX (box), buttons);

  runs->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (runs->summary_label, TRUE);
  gtk_label_set_xalign (runs->summary_label, 0);
  gtk_label_set_selectable (runs->summary_label, FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (runs->summary_label));
  runs->problems_box = list_box (box, _("Problems (these lines are left out)"), &runs->problems_list);
  runs->totals_box = list_box (box, _("Totals by Charge and Tax Rate"), &runs->totals_list);
  runs->bills_box = list_box (box, _("Bills"), &runs->bills_list);

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  show_run (runs);
  *child = scrolled;
  return runs;
}

/* A run stays shown while the store changes (its own post changes it), but not
 * once the page shows another store or park. */
static void
runs_reload (PwBillingPage *page, gpointer data)
{
  Runs *runs = data;

  if (runs->run == NULL || (runs->run_store == (gpointer) pw_billing_page_store (page)
                            && g_strcmp0 (runs->run_park, pw_billing_page_park (page)) == 0))
    return;
  clear_rows (runs);
  g_clear_pointer (&runs->run, pw_bill_run_free);
  runs->run_store = NULL;
  g_clear_pointer (&runs->run_park, g_free);
  show_run (runs);
}

static void
runs_update (PwBillingPage *page, gpointer data)
{
  gboolean can = pw_billing_page_store (page) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (page), "billing.preview", can);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "billing.post", can);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "billing.save-period-notices", can);
}

static void
runs_free (gpointer data)
{
  Runs *runs = data;

  g_clear_pointer (&runs->run, pw_bill_run_free);
  g_free (runs->run_park);
  g_free (runs->period_error);
  g_free (runs);
}

const PwBillingSection pw_billing_runs_section = {
  .name = "runs",
  .title = N_("Bill Runs"),
  .icon_name = "media-playlist-repeat-symbolic",
  .class_init = runs_class_init,
  .create = runs_create,
  .reload = runs_reload,
  .update = runs_update,
  .free = runs_free,
};

/* Public API of the section */

void
pw_billing_page_set_run_form (PwBillingPage *self, const char *period, const char *buildings,
                              const char *customers, const char *charges)
{
  Runs *runs;

  g_return_if_fail (PW_IS_BILLING_PAGE (self));
  runs = runs_of (self);
  gtk_editable_set_text (GTK_EDITABLE (runs->period_row), period ? period : "");
  gtk_editable_set_text (GTK_EDITABLE (runs->buildings_row), buildings ? buildings : "");
  gtk_editable_set_text (GTK_EDITABLE (runs->customers_row), customers ? customers : "");
  gtk_editable_set_text (GTK_EDITABLE (runs->charges_row), charges ? charges : "");
}

const char *
pw_billing_page_get_run_period (PwBillingPage *self)
{
  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (runs_of (self)->period_row));
}

const PwBillRun *
pw_billing_page_get_run (PwBillingPage *self)
{
  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  return runs_of (self)->run;
}

gboolean
pw_billing_page_run_was_posted (PwBillingPage *self)
{
  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), FALSE);
  return runs_of (self)->run != NULL && runs_of (self)->posted;
}

const char *
pw_billing_page_get_run_summary (PwBillingPage *self)
{
  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  return gtk_label_get_text (runs_of (self)->summary_label);
}

const char *
pw_billing_page_get_period_error (PwBillingPage *self)
{
  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  return runs_of (self)->period_error;
}

GPtrArray *
pw_billing_page_dup_run_rows (PwBillingPage *self, const char *group)
{
  Runs *runs;
  GtkListBox *list;
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), titles);
  runs = runs_of (self);
  list = g_str_equal (group, "problems") ? runs->problems_list
         : g_str_equal (group, "totals") ? runs->totals_list : runs->bills_list;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row))
      g_ptr_array_add (titles, g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))));
  return titles;
}

gboolean
pw_billing_page_save_period_notices (PwBillingPage *self, const char *out, gboolean one_file,
                                     GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *period = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (pw_billing_page_store (self) == NULL)
    return FALSE;
  period = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (runs_of (self)->period_row))));
  show_period_error (runs_of (self), NULL);
  files = pw_bill_notice_export_period (pw_billing_page_store (self), pw_billing_page_park (self),
                                        period, out, one_file, &local);
  if (files == NULL)
    {
      if (g_error_matches (local, PW_BILL_ERROR, PW_BILL_ERROR_PERIOD))
        show_period_error (runs_of (self), local->message);
      pw_billing_page_show_toast (self, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (files->len == 0)
    /* Translators: %s is a billing period, 2026-12 */
    message = g_strdup_printf (_("No bill of %s has a payment notice: nothing written"), period);
  else
    {
      g_autofree char *where = g_path_get_basename (out);

      /* Translators: the files written, the period, the folder or file they went to */
      message = g_strdup_printf (ngettext ("Saved %u file of payment notices for %s in “%s”",
                                           "Saved %u files of payment notices for %s in “%s”",
                                           files->len),
                                 files->len, period, where);
    }
  pw_billing_page_show_toast (self, message);
  return TRUE;
}
