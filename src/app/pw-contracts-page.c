/* pw-contracts-page.c — the Contracts page: the park's lease contracts, filtered, with the
 * selected one's terms, charge schedule and the steps of its lifecycle
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The models, from the store to the screen:
 *
 *   item_store (GListStore of PwJsonItem: pw_lease_list's rows, status and expiring
 *               filters applied by the store)
 *     → filter_model (search and building: one GtkCustomFilter)
 *     → selection → column_view
 *
 * The page loads when it is first shown; a change of the store while it is hidden
 * only marks it stale. The schedule pane computes the current version's schedule
 * with the engine, so that it shows what signing would write.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-amend-dialog.h"
#include "pw-contract-diff.h"
#include "pw-contract-dialogs.h"
#include "pw-i18n.h"
#include "pw-contract.h"
#include "pw-contracts-page.h"
#include "pw-lease-sheet.h"
#include "pw-json-item.h"
#include "pw-ledger.h"
#include "pw-money.h"
#include "pw-schedule.h"
#include "pw-ui.h"

static const int expiring_choices[] = { -1, 30, 60, 90 };

struct _PwContractsPage
{
  GtkWidget            parent_instance;

  PwUiStoreWatch       watch;
  char                *park_id;         /* NULL: the first park */
  gboolean             loaded;
  gboolean             reloading;
  GSettings           *settings;
  PwCurrencyStyle      currency_style;
  GPtrArray           *building_codes;  /* of the park, for the building filter */
  char                *needle;
  char                *last_message;

  GListStore          *item_store;
  GtkFilterListModel  *filter_model;
  GtkCustomFilter     *filter;
  GtkSingleSelection  *selection;
  GListStore          *schedule_store;
  GPtrArray           *version_rows;
  GPtrArray           *version_texts;   /* each row's subtitle: note and changes */

  /* template children */
  AdwToastOverlay     *toast_overlay;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *status_filter_dropdown;
  GtkDropDown         *expiring_dropdown;
  GtkDropDown         *building_dropdown;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkLabel            *count_label;
  GtkStack            *detail_stack;
  GtkLabel            *code_label;
  GtkLabel            *status_label;
  GtkButton           *submit_button;
  GtkButton           *approve_button;
  GtkButton           *sign_button;
  GtkButton           *activate_button;
  GtkButton           *terminate_button;
  GtkButton           *amend_button;
  GtkButton           *renew_button;
  GtkButton           *show_on_plan_button;
  GtkButton           *pdf_button;
  GtkButton           *print_button;
  GtkLabel            *alerts_label;
  GtkLabel            *figures_label;   /* the headline figures, made here */
  GtkLabel            *customer_label;
  GtkLabel            *term_label;
  GtkLabel            *signed_label;
  GtkLabel            *ended_label;
  GtkLabel            *spaces_label;
  AdwPreferencesGroup *versions_group;
  GtkLabel            *schedule_error_label;
  GtkColumnView       *schedule_view;
  GtkLabel            *totals_label;
};

G_DEFINE_FINAL_TYPE (PwContractsPage, pw_contracts_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum {
  COLUMN_CODE,
  COLUMN_CUSTOMER,
  COLUMN_STATUS,
  COLUMN_TERM,
  COLUMN_SPACES,
  COLUMN_DAYS_LEFT,
  COLUMN_ALERTS,
  N_COLUMNS
} Column;

typedef enum {
  LINE_BILL_DATE,
  LINE_CHARGE,
  LINE_PERIOD,
  LINE_GROSS,
  LINE_NET,
  LINE_TAX,
  N_LINE_COLUMNS
} LineColumn;

static void update_detail (PwContractsPage *self);
static void load (PwContractsPage *self);

/* Helpers */

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static gint64
days_between (const char *from,
              const char *to)
{
  GDate a, b;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_parse (&a, from);
  g_date_set_parse (&b, to);
  if (!g_date_valid (&a) || !g_date_valid (&b))
    return 0;
  return (gint64) g_date_get_julian (&b) - (gint64) g_date_get_julian (&a);
}

static char *
format_date (const GDate *date)
{
  char text[16];

  g_snprintf (text, sizeof text, "%04u-%02u-%02u", g_date_get_year (date),
              g_date_get_month (date), g_date_get_day (date));
  return g_strdup (text);
}

static const char *
or_dash (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : "—";
}

static void
show_toast (PwContractsPage *self,
            const char      *message)
{
  AdwToast *toast = adw_toast_new (message);

  g_free (self->last_message);
  self->last_message = g_strdup (message);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static PwContractStatus
item_status (PwJsonItem *item)
{
  int status = pw_contract_status_from_string (pw_json_item_get_string (item, "status"));

  return status >= 0 ? (PwContractStatus) status : PW_CONTRACT_DRAFT;
}

static const char *
status_css_class (PwContractStatus status)
{
  switch (status)
    {
    case PW_CONTRACT_SUBMITTED:
    case PW_CONTRACT_APPROVED:
      return "status-reserved";
    case PW_CONTRACT_SIGNED:
    case PW_CONTRACT_ACTIVE:
    case PW_CONTRACT_RENEWED:
      return "status-leased";
    case PW_CONTRACT_EXPIRING:
      return "status-under_repair";
    case PW_CONTRACT_DRAFT:
      return "status-available";
    case PW_CONTRACT_TERMINATED:
    case PW_CONTRACT_EXPIRED:
    default:
      return "status-disposed";
    }
}

static void
set_status_pill (GtkWidget        *label,
                 PwContractStatus  status)
{
  const char *classes[] = { "status-pill", status_css_class (status), NULL };

  gtk_widget_set_css_classes (label, classes);
  gtk_label_set_text (GTK_LABEL (label), pw_contract_status_get_label (status));
}

/* The space codes of a contract row, joined with ", ". */
static char *
join_spaces (JsonObject *row)
{
  JsonArray *spaces = json_object_get_array_member (row, "spaces");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; spaces != NULL && i < json_array_get_length (spaces); i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, json_array_get_string_element (spaces, i));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_term (PwJsonItem *item)
{
  /* Translators: a contract's term: start – end dates */
  return g_strdup_printf (_("%s – %s"), or_dash (pw_json_item_get_string (item, "start_date")),
                          or_dash (pw_json_item_get_string (item, "end_date")));
}

static char *
format_days_left (PwJsonItem *item)
{
  JsonObject *row = pw_json_item_get_object (item);
  gint64 days;

  if (!json_object_has_member (row, "days_left"))
    return g_strdup ("—");
  days = json_object_get_int_member (row, "days_left");
  return g_strdup_printf (ngettext ("%d day", "%d days", (gulong) ABS (days)), (int) days);
}

static char *
format_money (PwContractsPage *self,
              gint64           minor,
              const char      *currency)
{
  return pw_money_format (minor, currency, self->currency_style);
}

/* The list */

static gboolean
filter_item_cb (gpointer item,
                gpointer user_data)
{
  PwContractsPage *self = user_data;
  GtkStringObject *building = gtk_drop_down_get_selected_item (self->building_dropdown);
  guint position = gtk_drop_down_get_selected (self->building_dropdown);

  if (building != NULL && position > 0 && position != GTK_INVALID_LIST_POSITION)
    {
      g_autofree char *key = g_strdup_printf (" %s ", gtk_string_object_get_string (building));
      const char *buildings = pw_json_item_get_string (item, "buildings");

      if (buildings == NULL || strstr (buildings, key) == NULL)
        return FALSE;
    }
  return pw_ui_item_matches (item, self->needle);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (column == COLUMN_CODE)
    {
      pw_ui_set_named_cell (list_item, label);
      return;
    }
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COLUMN_STATUS)
    gtk_widget_set_halign (label, GTK_ALIGN_START);
  if (column == COLUMN_TERM || column == COLUMN_DAYS_LEFT)
    gtk_widget_add_css_class (label, "numeric");
  if (column == COLUMN_DAYS_LEFT)
    gtk_label_set_xalign (GTK_LABEL (label), 1);
  if (column == COLUMN_ALERTS)
    gtk_widget_add_css_class (label, "warning");
  gtk_list_item_set_child (list_item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  PwJsonItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_CODE:
      {
        /* Translators: the accessible name of a contract's row: code, customer, status */
        g_autofree char *name = g_strdup_printf (_("%s, %s, %s"), pw_json_item_get_string (item, "code"),
                                                 or_dash (pw_json_item_get_string (item, "customer_name")),
                                                 pw_contract_status_get_label (item_status (item)));

        gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        cell = gtk_widget_get_first_child (cell);
        text = g_strdup (pw_json_item_get_string (item, "code"));
      }
      break;
    case COLUMN_CUSTOMER:
      text = g_strdup (or_dash (pw_json_item_get_string (item, "customer_name")));
      /* the whole name, where a narrow column cuts it */
      gtk_widget_set_tooltip_text (cell, text);
      break;
    case COLUMN_STATUS:
      set_status_pill (cell, item_status (item));
      return;
    case COLUMN_TERM:
      text = format_term (item);
      break;
    case COLUMN_SPACES:
      text = join_spaces (pw_json_item_get_object (item));
      gtk_widget_set_tooltip_text (cell, text);
      break;
    case COLUMN_DAYS_LEFT:
      text = format_days_left (item);
      break;
    case COLUMN_ALERTS:
      {
        JsonObject *row = pw_json_item_get_object (item);
        gint64 n = json_object_has_member (row, "alerts") ? json_object_get_int_member (row, "alerts") : 0;

        gtk_widget_set_tooltip_text (cell, pw_json_item_get_string (item, "alerts_text"));
        gtk_label_set_text (GTK_LABEL (cell), "");
        if (n > 0)
          {
            g_autofree char *count = g_strdup_printf ("⚠ %d", (int) n);

            gtk_label_set_text (GTK_LABEL (cell), count);
          }
        return;
      }
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (cell), or_dash (text));
}

static void
update_count (PwContractsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->item_store));
  gboolean filtered = gtk_drop_down_get_selected (self->status_filter_dropdown) > 0
                      || gtk_drop_down_get_selected (self->expiring_dropdown) > 0;
  g_autofree char *text = NULL;

  if (n == total)
    text = g_strdup_printf (ngettext ("%u contract", "%u contracts", n), n);
  else
    /* Translators: the contracts the filters leave, e.g. "3 of 20 contracts" */
    text = g_strdup_printf (ngettext ("%u of %u contract", "%u of %u contracts", total), n, total);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    n > 0 ? "list" : total == 0 && !filtered && self->needle == NULL
                                                     ? "none" : "empty");
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
      g_autofree char *line_gross = format_money (self, line->gross, schedule->currency);
      g_autofree char *line_net = format_money (self, line->net, schedule->currency);
      g_autofree char *line_tax = format_money (self, line->tax, schedule->currency);
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

  gross = format_money (self, schedule->gross, schedule->currency);
  net = format_money (self, schedule->net, schedule->currency);
  tax = format_money (self, schedule->tax, schedule->currency);
  deposit = format_money (self, schedule->deposit, schedule->currency);
  /* Translators: the totals of a charge schedule */
  totals = g_strdup_printf (_("Gross %s · Net %s · Tax %s · Deposit %s"), gross, net, tax, deposit);
  gtk_label_set_text (self->totals_label, totals);
}

/* The versions of the terms, oldest first; returns the current version's terms. */
static char *
show_versions (PwContractsPage *self,
               const char      *contract_id,
               gint64           current)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *previous = NULL;
  char *terms = NULL;

  for (guint i = 0; i < self->version_rows->len; i++)
    adw_preferences_group_remove (self->versions_group, g_ptr_array_index (self->version_rows, i));
  g_ptr_array_set_size (self->version_rows, 0);
  g_ptr_array_set_size (self->version_texts, 0);

  stmt = pw_store_prepare (self->watch.store,
                           "SELECT number, effective_date, note, terms FROM contract_version"
                           " WHERE contract_id = ? ORDER BY number", &error);
  if (stmt == NULL)
    {
      g_warning ("Could not read the contract's versions: %s", error->message);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 number = sqlite3_column_int64 (stmt, 0);
      const char *date = (const char *) sqlite3_column_text (stmt, 1);
      const char *note = (const char *) sqlite3_column_text (stmt, 2);
      GtkWidget *row = adw_action_row_new ();
      /* Translators: a version of a contract's terms: its number and effective date */
      g_autofree char *title = g_strdup_printf (_("Version %d from %s"), (int) number, date);

      const char *version_terms = (const char *) sqlite3_column_text (stmt, 3);
      g_autoptr(GString) subtitle = g_string_new (note != NULL && note[0] != '\0' ? note
                                                  : number == current ? _("Current terms") : "");

      /* what this version changed from the one before it */
      if (previous != NULL)
        {
          g_autoptr(GError) diff_error = NULL;
          g_autoptr(GPtrArray) changes = pw_contract_diff_text (previous, version_terms, &diff_error);

          for (guint i = 0; changes != NULL && i < changes->len; i++)
            g_string_append_printf (subtitle, "%s• %s", subtitle->len ? "\n" : "",
                                    ((PwContractChange *) g_ptr_array_index (changes, i))->sentence);
          if (changes != NULL && changes->len == 0)
            g_string_append_printf (subtitle, "%s%s", subtitle->len ? "\n" : "",
                                    _("No change to the terms"));
        }
      g_free (previous);
      previous = g_strdup (version_terms);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (self->versions_group, row);
      g_ptr_array_add (self->version_rows, row);
      g_ptr_array_add (self->version_texts, g_strdup (subtitle->str));
      if (number == current)
        {
          g_free (terms);
          terms = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
        }
    }
  return terms;
}

static PwJsonItem *
selected_item (PwContractsPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_buttons (PwContractsPage *self,
                PwJsonItem      *item)
{
  PwContractStatus status = item != NULL ? item_status (item) : PW_CONTRACT_EXPIRED;
  JsonArray *spaces = item != NULL ? json_object_get_array_member (pw_json_item_get_object (item), "spaces")
                                   : NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->submit_button),
                            item != NULL && pw_contract_status_can_become (status, PW_CONTRACT_SUBMITTED));
  gtk_widget_set_sensitive (GTK_WIDGET (self->approve_button),
                            item != NULL && pw_contract_status_can_become (status, PW_CONTRACT_APPROVED));
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_button),
                            item != NULL && pw_contract_status_can_become (status, PW_CONTRACT_SIGNED));
  gtk_widget_set_sensitive (GTK_WIDGET (self->activate_button),
                            item != NULL && pw_contract_status_can_become (status, PW_CONTRACT_ACTIVE));
  gtk_widget_set_sensitive (GTK_WIDGET (self->terminate_button),
                            item != NULL && pw_contract_status_can_become (status, PW_CONTRACT_TERMINATED));
  gtk_widget_set_sensitive (GTK_WIDGET (self->amend_button),
                            item != NULL && status <= PW_CONTRACT_EXPIRING);
  gtk_widget_set_sensitive (GTK_WIDGET (self->renew_button),
                            item != NULL && (status == PW_CONTRACT_ACTIVE || status == PW_CONTRACT_EXPIRING));
  gtk_widget_set_sensitive (GTK_WIDGET (self->show_on_plan_button),
                            spaces != NULL && json_array_get_length (spaces) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contracts.submit",
                                 item != NULL && pw_contract_status_can_become (status, PW_CONTRACT_SUBMITTED));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contracts.approve",
                                 item != NULL && pw_contract_status_can_become (status, PW_CONTRACT_APPROVED));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contracts.sign",
                                 item != NULL && pw_contract_status_can_become (status, PW_CONTRACT_SIGNED));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contracts.terminate",
                                 item != NULL && pw_contract_status_can_become (status, PW_CONTRACT_TERMINATED));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contracts.renew",
                                 item != NULL && (status == PW_CONTRACT_ACTIVE || status == PW_CONTRACT_EXPIRING));
  gtk_widget_set_sensitive (GTK_WIDGET (self->pdf_button), item != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), item != NULL);
}

/* What the contract's terms do beyond the contract or the park's policy. */
static void
show_alerts (PwContractsPage *self, const char *contract_id)
{
  g_autoptr(GPtrArray) alerts = pw_lease_alerts (self->watch.store, contract_id, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; alerts != NULL && i < alerts->len; i++)
    g_string_append_printf (text, "%s⚠ %s", i ? "\n" : "", (const char *) g_ptr_array_index (alerts, i));
  gtk_label_set_text (self->alerts_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->alerts_label), text->len > 0);
}

/* The contract's headline figures, as core computes them (docs/contract-figures.md). */
static void
show_figures (PwContractsPage *self, const char *contract_id)
{
  g_autofree char *today = today_text ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PwLeaseFigures) fig = pw_lease_figures (self->watch.store, contract_id, today, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  if (fig == NULL)
    g_string_assign (text, error->message);
  else
    {
      g_autofree char *monthly = format_money (self, fig->monthly_rent, fig->currency);
      g_autofree char *total = format_money (self, fig->total_value, fig->currency);

      /* Translators: the rent per month in force on a date */
      g_string_append_printf (text, _("Monthly rent: %s (on %s)"), monthly, fig->on);
      if (fig->rent_m2_month != NULL)
        /* Translators: rent per m² per month and per day */
        g_string_append_printf (text, _("\nRent per m²: %s a month · %s a day"),
                                fig->rent_m2_month, fig->rent_m2_day);
      g_string_append_printf (text, _("\nTotal contract value: %s"), total);
      if (fig->next_bill_date != NULL)
        {
          g_autofree char *next = format_money (self, fig->next_bill_amount, fig->currency);

          /* Translators: the next bill's date and amount */
          g_string_append_printf (text, _("\nNext bill: %s, %s"), fig->next_bill_date, next);
        }
      else
        g_string_append (text, _("\nNext bill: none"));
    }
  gtk_label_set_text (self->figures_label, text->str);
}

static void
update_detail (PwContractsPage *self)
{
  PwJsonItem *item = selected_item (self);
  g_autofree char *term = NULL, *spaces = NULL, *terms = NULL;
  gint64 current = 1;

  update_buttons (self, item);
  if (item == NULL || self->watch.store == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      clear_schedule (self, NULL);
      return;
    }

  term = format_term (item);
  spaces = join_spaces (pw_json_item_get_object (item));
  gtk_label_set_text (self->code_label, pw_json_item_get_string (item, "code"));
  set_status_pill (GTK_WIDGET (self->status_label), item_status (item));
  gtk_label_set_text (self->customer_label, or_dash (pw_json_item_get_string (item, "customer_name")));
  gtk_label_set_text (self->term_label, term);
  gtk_label_set_text (self->signed_label, or_dash (pw_json_item_get_string (item, "signed_date")));
  gtk_label_set_text (self->ended_label, or_dash (pw_json_item_get_string (item, "ended_date")));
  gtk_label_set_text (self->spaces_label, or_dash (spaces));

  if (json_object_has_member (pw_json_item_get_object (item), "current_version"))
    current = json_object_get_int_member (pw_json_item_get_object (item), "current_version");
  terms = show_versions (self, pw_json_item_get_id (item), current);
  show_schedule (self, pw_json_item_get_id (item), terms);
  show_alerts (self, pw_json_item_get_id (item));
  show_figures (self, pw_json_item_get_id (item));
  gtk_stack_set_visible_child_name (self->detail_stack, "contract");
}

/* Loading */

/* The codes of the buildings each contract's spaces stand in, as " T1 T2 ". */
static GHashTable *
load_contract_buildings (PwContractsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  stmt = pw_store_prepare (self->watch.store,
                           "SELECT DISTINCT cs.contract_id, b.code FROM contract_space cs"
                           " JOIN space s ON s.id = cs.space_id JOIN floor f ON f.id = s.floor_id"
                           " JOIN building b ON b.id = f.building_id", &error);
  if (stmt == NULL)
    {
      g_warning ("Could not read the contracts' buildings: %s", error->message);
      return map;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *code = (const char *) sqlite3_column_text (stmt, 1);
      const char *before = g_hash_table_lookup (map, id);

      g_hash_table_insert (map, g_strdup (id),
                           g_strdup_printf ("%s%s ", before != NULL ? before : " ", code));
    }
  return map;
}

static void
load_buildings (PwContractsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkStringObject *chosen = gtk_drop_down_get_selected_item (self->building_dropdown);
  g_autofree char *was = NULL;
  guint position = 0;

  if (chosen != NULL && gtk_drop_down_get_selected (self->building_dropdown) > 0)
    was = g_strdup (gtk_string_object_get_string (chosen));
  g_ptr_array_set_size (self->building_codes, 0);
  gtk_string_list_append (names, _("All Buildings"));
  stmt = pw_store_prepare (self->watch.store,
                           "SELECT code FROM building WHERE park_id = ? ORDER BY code", &error);
  if (stmt == NULL)
    g_warning ("Could not read the buildings: %s", error->message);
  else
    {
      sqlite3_bind_text (stmt, 1, self->park_id, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *code = (const char *) sqlite3_column_text (stmt, 0);

          g_ptr_array_add (self->building_codes, g_strdup (code));
          gtk_string_list_append (names, code);
          if (g_strcmp0 (code, was) == 0)
            position = self->building_codes->len;
        }
    }
  gtk_drop_down_set_model (self->building_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->building_dropdown, position);
}

static void
find_park (PwContractsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) parks = NULL;
  gboolean found = FALSE;

  parks = pw_ledger_load_parks (self->watch.store, &error);
  if (parks == NULL)
    {
      g_warning ("Could not load the parks: %s", error->message);
      return;
    }
  for (guint p = 0; p < g_list_model_get_n_items (parks) && !found; p++)
    {
      g_autoptr(PwLedgerNode) node = g_list_model_get_item (parks, p);

      found = g_strcmp0 (pw_ledger_node_get_id (node), self->park_id) == 0;
    }
  if (!found)
    {
      g_clear_pointer (&self->park_id, g_free);
      if (g_list_model_get_n_items (parks) > 0)
        {
          g_autoptr(PwLedgerNode) first = g_list_model_get_item (parks, 0);

          self->park_id = g_strdup (pw_ledger_node_get_id (first));
        }
    }
}

static void
load (PwContractsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) buildings = NULL;
  g_autofree char *selected_id = NULL;
  g_autofree char *today = today_text ();
  PwJsonItem *selected;
  guint expiring = gtk_drop_down_get_selected (self->expiring_dropdown);

  pw_ui_store_watch_cancel (&self->watch);
  self->loaded = TRUE;

  selected = selected_item (self);
  if (selected != NULL)
    selected_id = g_strdup (pw_json_item_get_id (selected));

  if (self->watch.store != NULL)
    {
      find_park (self);
      self->reloading = TRUE;
      load_buildings (self);
      self->reloading = FALSE;
      buildings = load_contract_buildings (self);
      rows = pw_lease_list (self->watch.store, self->park_id,
                            pw_ui_get_filter_choice (self->status_filter_dropdown),
                            expiring < G_N_ELEMENTS (expiring_choices) ? expiring_choices[expiring] : -1,
                            today, &error);
      if (rows == NULL)
        g_warning ("Could not load the contracts: %s", error->message);
    }

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      JsonObject *row = g_ptr_array_index (rows, i);
      PwContractStatus status = pw_contract_status_from_string (json_object_get_string_member (row, "status"));
      g_autofree char *spaces = join_spaces (row);
      g_autofree char *key = NULL;
      const char *id = json_object_get_string_member (row, "id");
      PwJsonItem *item;

      if (status == PW_CONTRACT_SIGNED || status == PW_CONTRACT_ACTIVE || status == PW_CONTRACT_EXPIRING)
        json_object_set_int_member (row, "days_left",
                                    days_between (today, json_object_get_string_member (row, "end_date")));
      if (g_hash_table_lookup (buildings, id) != NULL)
        json_object_set_string_member (row, "buildings", g_hash_table_lookup (buildings, id));
      {
        g_autoptr(GPtrArray) alerts = pw_lease_alerts (self->watch.store, id, NULL);

        if (alerts != NULL && alerts->len > 0)
          {
            g_autofree char *text = NULL;

            g_ptr_array_add (alerts, NULL);
            text = g_strjoinv ("\n", (char **) alerts->pdata);
            json_object_set_int_member (row, "alerts", alerts->len - 1);
            json_object_set_string_member (row, "alerts_text", text);
          }
      }
      item = pw_json_item_new (row);
      key = g_strjoin ("\n", json_object_get_string_member (row, "code"),
                       or_dash (pw_json_item_get_string (item, "customer_name")), spaces, NULL);
      pw_ui_set_search_key (item, key);
      g_ptr_array_add (items, item);
    }

  self->reloading = TRUE;
  g_list_store_splice (self->item_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->item_store)),
                       items->pdata, items->len);
  gtk_single_selection_set_selected (self->selection,
                                     pw_ui_find_item (G_LIST_MODEL (self->filter_model),
                                                      (PwUiGetIdFunc) pw_json_item_get_id, selected_id));
  self->reloading = FALSE;
  update_count (self);
  update_detail (self);
}

static void
reload_cb (gpointer owner)
{
  PwContractsPage *self = owner;

  /* a page nobody looks at reloads when it is shown again */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
  else
    self->loaded = FALSE;
}

/* Signal handlers */

static void
search_changed_cb (PwContractsPage *self,
                   GtkSearchEntry  *entry)
{
  GtkFilterChange change;

  if (!pw_ui_update_needle (&self->needle, gtk_editable_get_text (GTK_EDITABLE (entry)), &change))
    return;
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_count (self);
}

static void
filter_changed_cb (PwContractsPage *self,
                   GParamSpec      *pspec,
                   GtkDropDown     *dropdown)
{
  if (self->reloading || self->item_store == NULL)
    return;
  if (dropdown == self->building_dropdown)
    {
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
      update_count (self);
    }
  else if (self->loaded)
    load (self);
}

static void
selection_changed_cb (PwContractsPage *self)
{
  if (!self->reloading)
    update_detail (self);
}

static void
currency_display_changed_cb (PwContractsPage *self)
{
  self->currency_style = g_settings_get_enum (self->settings, "currency-display") == 1
                           ? PW_CURRENCY_CODE : PW_CURRENCY_SYMBOL;
  update_detail (self);
}

static void
transition_clicked_cb (PwContractsPage *self,
                       GtkButton       *button)
{
  PwContractStatus status;

  PwJsonItem *item = selected_item (self);

  if (button == self->submit_button)
    status = PW_CONTRACT_SUBMITTED;
  else if (button == self->approve_button)
    {
      /* asks who approves, and says what it does (docs/approvals.md) */
      if (item != NULL && self->watch.store != NULL)
        pw_contract_dialog_approve (self, self->watch.store, item);
      return;
    }
  else if (button == self->sign_button)
    {
      if (item != NULL && self->watch.store != NULL)
        pw_contract_dialog_sign (self, self->watch.store, item);
      return;
    }
  else
    status = PW_CONTRACT_ACTIVE;
  pw_contracts_page_transition (self, status, NULL, NULL);
}

static void
terminate_clicked_cb (PwContractsPage *self)
{
  PwJsonItem *item = selected_item (self);

  if (item != NULL && self->watch.store != NULL)
    pw_contract_dialog_terminate (self, self->watch.store, item, self->currency_style);
}

static void
show_on_plan_clicked_cb (PwContractsPage *self)
{
  PwJsonItem *item = selected_item (self);
  JsonArray *spaces;

  if (item == NULL)
    return;
  spaces = json_object_get_array_member (pw_json_item_get_object (item), "spaces");
  if (spaces == NULL || json_array_get_length (spaces) == 0)
    return;
  /* every space of the contract, not only the first */
  {
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    g_auto(GStrv) codes = NULL;

    for (guint i = 0; i < json_array_get_length (spaces); i++)
      g_strv_builder_add (builder, json_array_get_string_element (spaces, i));
    codes = g_strv_builder_end (builder);
    gtk_widget_activate_action_variant (GTK_WIDGET (self), "win.show-spaces",
                                        g_variant_new_strv ((const char *const *) codes, -1));
  }
}

static void
pdf_response_cb (GtkNativeDialog *native, int response, gpointer user_data)
{
  PwContractsPage *self = PW_CONTRACTS_PAGE (user_data);
  PwJsonItem *item = selected_item (self);

  if (response == GTK_RESPONSE_ACCEPT && item != NULL && self->watch.store != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (!pw_lease_sheet_export (self->watch.store, pw_json_item_get_id (item), path, &error))
        show_toast (self, error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          /* Translators: %s is a file name */
          g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);

          show_toast (self, message);
        }
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
pdf_clicked_cb (PwContractsPage *self)
{
  PwJsonItem *item = selected_item (self);
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;
  GtkFileFilter *filter;

  if (item == NULL)
    return;
  native = gtk_file_chooser_native_new (_("Save Contract as PDF"),
                                        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  name = g_strdup_printf ("%s.pdf", json_object_get_string_member (pw_json_item_get_object (item), "code"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF document (*.pdf)"));
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_unref (filter);
  g_signal_connect (native, "response", G_CALLBACK (pdf_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
amended_cb (PwAmendDialog   *dialog,
            int              version,
            PwContractsPage *self)
{
  /* Translators: a toast after an amendment: the new version's number */
  g_autofree char *message = g_strdup_printf (_("Version %d of the terms written"), version);

  show_toast (self, message);
  load (self);
}

static void
amend_clicked_cb (PwContractsPage *self)
{
  pw_contracts_page_open_amend_dialog (self);
}

static void
renew_clicked_cb (PwContractsPage *self)
{
  PwJsonItem *item = selected_item (self);

  if (item != NULL && self->watch.store != NULL)
    pw_contract_dialog_renew (self, self->watch.store, item);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PwLeaseSheet      *sheet)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double scale = gtk_print_context_get_width (context) / PW_LEASE_SHEET_PAGE_WIDTH;

  /* the sheet is laid out on A4 in points; fit its width to the paper's */
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  pw_lease_sheet_draw_page (sheet, cr, (guint) page_nr);
  cairo_restore (cr);
}

static void
print_clicked_cb (PwContractsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (pw_contracts_page_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_toast (self, error->message);
}

/* Public API */

GtkWidget *
pw_contracts_page_new (void)
{
  return g_object_new (PW_TYPE_CONTRACTS_PAGE, NULL);
}

void
pw_contracts_page_set_store (PwContractsPage *self,
                             PwStore         *store)
{
  g_return_if_fail (PW_IS_CONTRACTS_PAGE (self));
  g_return_if_fail (store == NULL || PW_IS_STORE (store));

  if (!pw_ui_store_watch_set_store (&self->watch, store))
    return;
  reload_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

PwStore *
pw_contracts_page_get_store (PwContractsPage *self)
{
  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), NULL);

  return self->watch.store;
}

void
pw_contracts_page_set_park_id (PwContractsPage *self,
                               const char      *park_id)
{
  g_return_if_fail (PW_IS_CONTRACTS_PAGE (self));

  if (g_strcmp0 (self->park_id, park_id) == 0)
    return;
  g_free (self->park_id);
  self->park_id = g_strdup (park_id);
  reload_cb (self);
}

void
pw_contracts_page_reload (PwContractsPage *self)
{
  g_return_if_fail (PW_IS_CONTRACTS_PAGE (self));

  load (self);
}

gboolean
pw_contracts_page_is_loaded (PwContractsPage *self)
{
  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), FALSE);

  return self->loaded;
}

void
pw_contracts_page_focus_search (PwContractsPage *self)
{
  g_return_if_fail (PW_IS_CONTRACTS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

void
pw_contracts_page_set_search_text (PwContractsPage *self,
                                   const char      *text)
{
  g_return_if_fail (PW_IS_CONTRACTS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* apply now rather than after the entry's typing delay */
  search_changed_cb (self, self->search_entry);
}

void
pw_contracts_page_set_status_filter (PwContractsPage *self,
                                     int              status)
{
  g_return_if_fail (PW_IS_CONTRACTS_PAGE (self));
  g_return_if_fail (status >= -1 && status < PW_N_CONTRACT_STATUSES);

  gtk_drop_down_set_selected (self->status_filter_dropdown, (guint) (status + 1));
}

void
pw_contracts_page_set_expiring_filter (PwContractsPage *self,
                                       int              days)
{
  g_return_if_fail (PW_IS_CONTRACTS_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (expiring_choices); i++)
    if (expiring_choices[i] == days)
      {
        gtk_drop_down_set_selected (self->expiring_dropdown, i);
        return;
      }
  g_return_if_reached ();
}

gboolean
pw_contracts_page_set_building_filter (PwContractsPage *self,
                                       const char      *building_code)
{
  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), FALSE);

  if (!self->loaded)
    load (self);
  if (building_code == NULL)
    {
      gtk_drop_down_set_selected (self->building_dropdown, 0);
      return TRUE;
    }
  for (guint i = 0; i < self->building_codes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->building_codes, i), building_code))
      {
        gtk_drop_down_set_selected (self->building_dropdown, i + 1);
        return TRUE;
      }
  return FALSE;
}

GListModel *
pw_contracts_page_get_visible_items (PwContractsPage *self)
{
  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

gboolean
pw_contracts_page_select_contract (PwContractsPage *self,
                                   const char      *contract_id)
{
  guint position;

  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), FALSE);

  if (!self->loaded)
    load (self);
  position = pw_ui_find_item (G_LIST_MODEL (self->filter_model),
                              (PwUiGetIdFunc) pw_json_item_get_id, contract_id);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      /* the filters hide it: show every contract */
      self->reloading = TRUE;
      gtk_drop_down_set_selected (self->status_filter_dropdown, 0);
      gtk_drop_down_set_selected (self->expiring_dropdown, 0);
      gtk_drop_down_set_selected (self->building_dropdown, 0);
      self->reloading = FALSE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      search_changed_cb (self, self->search_entry);
      load (self);
      position = pw_ui_find_item (G_LIST_MODEL (self->filter_model),
                                  (PwUiGetIdFunc) pw_json_item_get_id, contract_id);
    }
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

const char *
pw_contracts_page_get_selected_id (PwContractsPage *self)
{
  PwJsonItem *item;

  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), NULL);

  item = selected_item (self);
  return item != NULL ? pw_json_item_get_id (item) : NULL;
}

GListModel *
pw_contracts_page_get_schedule (PwContractsPage *self)
{
  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), NULL);

  return G_LIST_MODEL (self->schedule_store);
}

const char *
pw_contracts_page_get_totals_text (PwContractsPage *self)
{
  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), NULL);

  return gtk_label_get_text (self->totals_label);
}

const char *
pw_contracts_page_get_figures_text (PwContractsPage *self)
{
  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), NULL);

  return gtk_label_get_text (self->figures_label);
}

const char *
pw_contracts_page_get_last_message (PwContractsPage *self)
{
  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), NULL);

  return self->last_message;
}

gboolean
pw_contracts_page_transition (PwContractsPage   *self,
                              PwContractStatus   status,
                              const char        *date,
                              GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *today = today_text ();
  g_autofree char *id = NULL, *code = NULL, *message = NULL;
  PwJsonItem *item;

  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), FALSE);

  item = selected_item (self);
  if (item == NULL || self->watch.store == NULL)
    {
      g_set_error_literal (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                           _("No contract is selected"));
      return FALSE;
    }
  id = g_strdup (pw_json_item_get_id (item));
  code = g_strdup (pw_json_item_get_string (item, "code"));
  if (!pw_lease_transition (self->watch.store, id, status, date != NULL ? date : today, NULL,
                            &local_error))
    {
      show_toast (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* Translators: a toast, e.g. "C-2025-001 is now Submitted" */
  message = g_strdup_printf (_("%s is now %s"), code, pw_contract_status_get_label (status));
  show_toast (self, message);
  load (self);
  return TRUE;
}

gboolean
pw_contracts_page_decide (PwContractsPage  *self,
                          const char       *role,
                          gboolean          approve,
                          const char       *comment,
                          GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *today = today_text ();
  g_autofree char *id = NULL, *code = NULL, *message = NULL;
  g_autoptr(JsonObject) row = NULL;
  PwJsonItem *item;

  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), FALSE);

  item = selected_item (self);
  if (item == NULL || self->watch.store == NULL)
    {
      g_set_error_literal (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                           _("No contract is selected"));
      return FALSE;
    }
  id = g_strdup (pw_json_item_get_id (item));
  code = g_strdup (pw_json_item_get_string (item, "code"));
  if (!pw_lease_decide (self->watch.store, id, role, approve, comment, today, &local_error)
      || (row = pw_store_get_row (self->watch.store, "contract", id, &local_error)) == NULL)
    {
      show_toast (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_strcmp0 (json_object_get_string_member (row, "status"), "submitted") == 0)
    /* Translators: a toast: the contract's code; it still awaits other approvals */
    message = g_strdup_printf (_("Approval recorded; %s awaits the next approval"), code);
  else
    /* Translators: a toast, e.g. "C-2025-001 is now Approved" */
    message = g_strdup_printf (_("%s is now %s"), code,
                               pw_contract_status_get_label (
                                 pw_contract_status_from_string (json_object_get_string_member (row, "status"))));
  show_toast (self, message);
  load (self);
  pw_contracts_page_select_contract (self, id);
  return TRUE;
}

gboolean
pw_contracts_page_terminate (PwContractsPage  *self,
                             const char       *date,
                             const char       *penalty,
                             GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = NULL, *code = NULL, *message = NULL;
  PwJsonItem *item;

  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), FALSE);

  item = selected_item (self);
  if (item == NULL || self->watch.store == NULL)
    {
      g_set_error_literal (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                           _("No contract is selected"));
      return FALSE;
    }
  id = g_strdup (pw_json_item_get_id (item));
  code = g_strdup (pw_json_item_get_string (item, "code"));
  if (!pw_lease_transition_full (self->watch.store, id, PW_CONTRACT_TERMINATED, date, NULL, penalty,
                                 &local_error))
    {
      show_toast (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  message = g_strdup_printf (_("%s is now %s"), code, pw_contract_status_get_label (PW_CONTRACT_TERMINATED));
  show_toast (self, message);
  load (self);
  return TRUE;
}

PwAmendDialog *
pw_contracts_page_open_amend_dialog (PwContractsPage *self)
{
  g_autoptr(GError) error = NULL;
  PwJsonItem *item;
  PwAmendDialog *dialog;

  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), NULL);

  item = selected_item (self);
  if (item == NULL || self->watch.store == NULL)
    return NULL;
  dialog = pw_amend_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                self->watch.store, pw_json_item_get_id (item), &error);
  if (dialog == NULL)
    {
      show_toast (self, error->message);
      return NULL;
    }
  g_signal_connect_object (dialog, "amended", G_CALLBACK (amended_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

char *
pw_contracts_page_renew (PwContractsPage  *self,
                         const char       *code,
                         const char       *end_date,
                         GError          **error)
{
  return pw_contracts_page_renew_full (self, code, end_date, NULL, error);
}

char *
pw_contracts_page_renew_full (PwContractsPage  *self,
                              const char       *code,
                              const char       *end_date,
                              const char       *rent_price,
                              GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *today = today_text ();
  g_autofree char *message = NULL;
  PwJsonItem *item;
  char *id;

  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), NULL);

  item = selected_item (self);
  if (item == NULL || self->watch.store == NULL)
    {
      g_set_error_literal (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                           _("No contract is selected"));
      return NULL;
    }
  id = pw_lease_renew_full (self->watch.store, pw_json_item_get_id (item), code, end_date, today,
                            rent_price, &local_error);
  if (id == NULL)
    {
      show_toast (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  /* Translators: a toast: the renewal's code */
  message = g_strdup_printf (_("Renewal %s drawn up as a draft"), code);
  load (self);
  pw_contracts_page_select_contract (self, id);
  show_toast (self, message);
  return id;
}

GtkPrintOperationResult
pw_contracts_page_print (PwContractsPage          *self,
                         GtkPrintOperationAction   action,
                         const char               *export_path,
                         GError                  **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(PwLeaseSheet) sheet = NULL;
  GtkPaperSize *a4;
  GtkPrintOperationResult result;
  PwJsonItem *item;

  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), GTK_PRINT_OPERATION_RESULT_ERROR);

  item = selected_item (self);
  if (item == NULL || self->watch.store == NULL)
    {
      g_set_error_literal (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                           _("No contract is selected"));
      return GTK_PRINT_OPERATION_RESULT_ERROR;
    }
  sheet = pw_lease_sheet_new (self->watch.store, pw_json_item_get_id (item), error);
  if (sheet == NULL)
    return GTK_PRINT_OPERATION_RESULT_ERROR;

  operation = gtk_print_operation_new ();
  setup = gtk_page_setup_new ();
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_paper_size_free (a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, (int) pw_lease_sheet_get_n_pages (sheet));
  gtk_print_operation_set_job_name (operation, pw_json_item_get_string (item, "code"));
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), sheet);
  result = gtk_print_operation_run (operation, action,
                                    GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), error);
  g_signal_handlers_disconnect_by_data (operation, sheet);
  return result;
}

guint
pw_contracts_page_get_n_versions (PwContractsPage *self)
{
  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), 0);

  return self->version_texts->len;
}

const char *
pw_contracts_page_get_version_text (PwContractsPage *self,
                                    guint            index)
{
  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), NULL);
  g_return_val_if_fail (index < self->version_texts->len, NULL);

  return g_ptr_array_index (self->version_texts, index);
}

/* GObject */

static void
pw_contracts_page_map (GtkWidget *widget)
{
  PwContractsPage *self = PW_CONTRACTS_PAGE (widget);

  GTK_WIDGET_CLASS (pw_contracts_page_parent_class)->map (widget);
  /* the first time the page is shown, or after the store changed while hidden */
  if (!self->loaded)
    load (self);
}

static void
pw_contracts_page_dispose (GObject *object)
{
  PwContractsPage *self = PW_CONTRACTS_PAGE (object);
  GtkWidget *child;

  pw_ui_store_watch_clear (&self->watch);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_CONTRACTS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->item_store);
  g_clear_object (&self->schedule_store);
  g_clear_pointer (&self->version_rows, g_ptr_array_unref);
  g_clear_pointer (&self->version_texts, g_ptr_array_unref);

  G_OBJECT_CLASS (pw_contracts_page_parent_class)->dispose (object);
}

static void
pw_contracts_page_finalize (GObject *object)
{
  PwContractsPage *self = PW_CONTRACTS_PAGE (object);

  g_clear_pointer (&self->park_id, g_free);
  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->last_message, g_free);
  g_clear_pointer (&self->building_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (pw_contracts_page_parent_class)->finalize (object);
}

static void
pw_contracts_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PwContractsPage *self = PW_CONTRACTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->watch.store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_contracts_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PwContractsPage *self = PW_CONTRACTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pw_contracts_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The page's commands: "contracts.submit" and the steps that ask first (approve, sign,
 * terminate, renew), enabled from core's rule of what a contract's status can become. */
static void
contract_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PwContractsPage *self = PW_CONTRACTS_PAGE (widget);
  PwJsonItem *item = selected_item (self);

  if (item == NULL || self->watch.store == NULL)
    return;
  if (g_str_equal (action_name, "contracts.submit"))
    pw_contracts_page_transition (self, PW_CONTRACT_SUBMITTED, NULL, NULL);
  else if (g_str_equal (action_name, "contracts.approve"))
    pw_contract_dialog_approve (self, self->watch.store, item);
  else if (g_str_equal (action_name, "contracts.sign"))
    pw_contract_dialog_sign (self, self->watch.store, item);
  else if (g_str_equal (action_name, "contracts.terminate"))
    pw_contract_dialog_terminate (self, self->watch.store, item, self->currency_style);
  else if (g_str_equal (action_name, "contracts.renew"))
    pw_contract_dialog_renew (self, self->watch.store, item);
}

static void
pw_contracts_page_class_init (PwContractsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_contracts_page_dispose;
  object_class->finalize = pw_contracts_page_finalize;
  object_class->get_property = pw_contracts_page_get_property;
  object_class->set_property = pw_contracts_page_set_property;
  widget_class->map = pw_contracts_page_map;

  /**
   * PwContractsPage:store:
   *
   * The ledger store shown.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "contractspage");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parkwise/Parkwise/pw-contracts-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PwContractsPage, name)
  BIND (toast_overlay);
  BIND (search_entry);
  BIND (status_filter_dropdown);
  BIND (expiring_dropdown);
  BIND (building_dropdown);
  BIND (list_stack);
  BIND (column_view);
  BIND (count_label);
  BIND (detail_stack);
  BIND (code_label);
  BIND (status_label);
  BIND (submit_button);
  BIND (approve_button);
  BIND (sign_button);
  BIND (activate_button);
  BIND (terminate_button);
  BIND (amend_button);
  BIND (renew_button);
  BIND (show_on_plan_button);
  BIND (pdf_button);
  BIND (print_button);
  BIND (alerts_label);
  BIND (customer_label);
  BIND (term_label);
  BIND (signed_label);
  BIND (ended_label);
  BIND (spaces_label);
  BIND (versions_group);
  BIND (schedule_error_label);
  BIND (schedule_view);
  BIND (totals_label);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, transition_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, terminate_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_on_plan_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, pdf_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, amend_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, renew_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_clicked_cb);
  gtk_widget_class_install_action (widget_class, "contracts.submit", NULL, contract_action_cb);
  gtk_widget_class_install_action (widget_class, "contracts.approve", NULL, contract_action_cb);
  gtk_widget_class_install_action (widget_class, "contracts.sign", NULL, contract_action_cb);
  gtk_widget_class_install_action (widget_class, "contracts.terminate", NULL, contract_action_cb);
  gtk_widget_class_install_action (widget_class, "contracts.renew", NULL, contract_action_cb);
}

static void
pw_contracts_page_init (PwContractsPage *self)
{
  static const char *const titles[N_COLUMNS] = {
    N_("Code"), N_("Customer"), N_("Status"), N_("Term"), N_("Spaces"),
    /* Translators: a column title: the days until a running contract ends */
    N_("Days Left"),
    /* Translators: a column title: what a contract does beyond policy or its spaces */
    N_("Alerts"),
  };
  /* codes and figures as wide as they are, never cut */
  static const int widths[N_COLUMNS] = { -1, 0, 100, 190, 120, -1, 70 };
  static const char *const line_titles[N_LINE_COLUMNS] = {
    N_("Bill Date"), N_("Charge"), N_("Period"), N_("Gross"), N_("Net"), N_("Tax"),
  };
  static const int line_widths[N_LINE_COLUMNS] = { -1, 0, -1, -1, -1, -1 };
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) expiring = gtk_string_list_new (NULL);

  self->building_codes = g_ptr_array_new_with_free_func (g_free);
  self->version_rows = g_ptr_array_new ();
  self->version_texts = g_ptr_array_new_with_free_func (g_free);
  pw_ui_store_watch_init (&self->watch, reload_cb, self);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->figures_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->figures_label), "figures_label");
  gtk_label_set_xalign (self->figures_label, 0);
  gtk_label_set_wrap (self->figures_label, TRUE);
  gtk_label_set_selectable (self->figures_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->figures_label), "numeric");
  gtk_widget_insert_after (GTK_WIDGET (self->figures_label),
                           gtk_widget_get_parent (GTK_WIDGET (self->alerts_label)),
                           GTK_WIDGET (self->alerts_label));

  self->settings = g_settings_new (APP_ID);
  self->currency_style = g_settings_get_enum (self->settings, "currency-display") == 1
                           ? PW_CURRENCY_CODE : PW_CURRENCY_SYMBOL;
  g_signal_connect_swapped (self->settings, "changed::currency-display",
                            G_CALLBACK (currency_display_changed_cb), self);

  self->reloading = TRUE;
  gtk_string_list_append (statuses, _("All Statuses"));
  for (int i = 0; i < PW_N_CONTRACT_STATUSES; i++)
    gtk_string_list_append (statuses, pw_contract_status_get_label (i));
  gtk_drop_down_set_model (self->status_filter_dropdown, G_LIST_MODEL (statuses));
  gtk_string_list_append (expiring, _("Any End Date"));
  for (guint i = 1; i < G_N_ELEMENTS (expiring_choices); i++)
    {
      /* Translators: a filter: running contracts that end within N days */
      g_autofree char *label = g_strdup_printf (ngettext ("Ending within %d day",
                                                          "Ending within %d days",
                                                          (gulong) expiring_choices[i]),
                                                expiring_choices[i]);

      gtk_string_list_append (expiring, label);
    }
  gtk_drop_down_set_model (self->expiring_dropdown, G_LIST_MODEL (expiring));
  {
    g_autoptr(GtkStringList) buildings = gtk_string_list_new (NULL);

    gtk_string_list_append (buildings, _("All Buildings"));
    gtk_drop_down_set_model (self->building_dropdown, G_LIST_MODEL (buildings));
  }
  self->reloading = FALSE;

  self->item_store = g_list_store_new (PW_TYPE_JSON_ITEM);
  pw_ui_add_plain_columns (self->column_view, titles, widths, N_COLUMNS,
               G_CALLBACK (cell_setup_cb), G_CALLBACK (cell_bind_cb), self);
  self->filter = gtk_custom_filter_new (filter_item_cb, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->item_store)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  self->schedule_store = g_list_store_new (PW_TYPE_JSON_ITEM);
  pw_ui_add_plain_columns (self->schedule_view, line_titles, line_widths, N_LINE_COLUMNS,
               G_CALLBACK (line_setup_cb), G_CALLBACK (line_bind_cb), self);
  {
    GtkNoSelection *none = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->schedule_store)));

    gtk_column_view_set_model (self->schedule_view, GTK_SELECTION_MODEL (none));
    g_object_unref (none);
  }

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  update_count (self);
  update_detail (self);
}
