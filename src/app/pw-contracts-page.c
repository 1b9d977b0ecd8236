/* pw-contracts-page.c — the Contracts page: the park's lease contracts, filtered, with the
 * selected one's terms, charge schedule and the steps of its lifecycle
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is a PwPage (pw-page.h) and a shell over its sections: the list with its
 * filters (pw-contracts-page-list.c), the selected contract's detail
 * (pw-contracts-page-detail.c), its document (pw-contracts-page-print.c) and the
 * commands (pw-contracts-page-actions.c). An AdwLeaflet shows the list beside the
 * detail, or on a narrow window one then the other with a back button.
 *
 * The page loads when it is first shown; a change of the store while it is hidden
 * only marks it stale.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-contract-dialogs.h"
#include "pw-contracts-page-private.h"
#include "pw-ledger.h"
#include "pw-page.h"
#include "pw-undo-toast.h"

static void pw_contracts_page_page_init (PwPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PwContractsPage, pw_contracts_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (PW_TYPE_PAGE, pw_contracts_page_page_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_PARK_ID,
  N_PROPS
};

/* Helpers the sections share */

char *
pw_contracts_page_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

void
pw_contracts_page_show_toast (PwContractsPage *self,
                              const char      *message)
{
  AdwToast *toast = adw_toast_new (message);

  g_free (self->last_message);
  self->last_message = g_strdup (message);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

char *
pw_contracts_page_format_money (PwContractsPage *self,
                                gint64           minor,
                                const char      *currency)
{
  return pw_money_format (minor, currency, self->currency_style);
}

PwContractRecord *
pw_contracts_page_get_selected (PwContractsPage  *self,
                                GError          **error)
{
  PwContractRecord *record = NULL;

  if (self->selection != NULL && self->watch.store != NULL)
    record = gtk_single_selection_get_selected_item (self->selection);
  if (record == NULL)
    g_set_error_literal (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                         _("No contract is selected"));
  return record;
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

void
pw_contracts_page_set_status_pill (GtkWidget        *label,
                                   PwContractStatus  status)
{
  const char *classes[] = { "status-pill", status_css_class (status), NULL };

  gtk_widget_set_css_classes (label, classes);
  gtk_label_set_text (GTK_LABEL (label), pw_contract_status_get_label (status));
}

static void
reload_cb (gpointer owner)
{
  PwContractsPage *self = owner;

  /* a page nobody looks at reloads when it is shown again */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    pw_contracts_list_load (self);
  else
    self->loaded = FALSE;
}

static void
currency_display_changed_cb (PwContractsPage *self)
{
  self->currency_style = g_settings_get_enum (self->settings, "currency-display") == 1
                           ? PW_CURRENCY_CODE : PW_CURRENCY_SYMBOL;
  pw_contracts_detail_update (self);
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
  g_object_notify (G_OBJECT (self), "store");
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
  g_object_notify (G_OBJECT (self), "park-id");
}

void
pw_contracts_page_reload (PwContractsPage *self)
{
  g_return_if_fail (PW_IS_CONTRACTS_PAGE (self));

  pw_contracts_list_load (self);
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

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
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
  pw_contracts_list_apply_search (self);
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

  if (!pw_contracts_page_set_expiring_choice (self, days))
    g_return_if_reached ();
}

gboolean
pw_contracts_page_set_building_filter (PwContractsPage *self,
                                       const char      *building_code)
{
  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), FALSE);

  if (!self->loaded)
    pw_contracts_list_load (self);
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

  return G_LIST_MODEL (self->selection);
}

gboolean
pw_contracts_page_select_contract (PwContractsPage *self,
                                   const char      *contract_id)
{
  guint position;

  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), FALSE);

  if (!self->loaded)
    pw_contracts_list_load (self);
  position = pw_ui_find_item (G_LIST_MODEL (self->selection),
                              (PwUiGetIdFunc) pw_contract_record_get_id, contract_id);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      /* the filters hide it: show every contract */
      pw_contracts_list_clear_filters (self);
      position = pw_ui_find_item (G_LIST_MODEL (self->selection),
                                  (PwUiGetIdFunc) pw_contract_record_get_id, contract_id);
    }
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

const char *
pw_contracts_page_get_selected_id (PwContractsPage *self)
{
  PwContractRecord *record;

  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), NULL);

  record = pw_contracts_page_get_selected (self, NULL);
  return record != NULL ? pw_contract_record_get_id (record) : NULL;
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

/* The steps: each takes the selected contract to core and says how it went */

/* Refuses with a toast and @error; FALSE. */
static gboolean
refuse (PwContractsPage  *self,
        GError           *local_error,
        GError          **error)
{
  pw_contracts_page_show_toast (self, local_error->message);
  g_propagate_error (error, local_error);
  return FALSE;
}

static void
announce_status (PwContractsPage  *self,
                 const char       *code,
                 PwContractStatus  status)
{
  /* Translators: a toast, e.g. "LSP-2025-001 is now Submitted" */
  g_autofree char *message = g_strdup_printf (_("%s is now %s"), code, pw_contract_status_get_label (status));

  pw_contracts_page_show_toast (self, message);
}

void
pw_contracts_page_show_change (PwContractsPage *self,
                               PwChange        *change,
                               const char      *message)
{
  /* a submission withdrawn, a termination reopened, an amendment answered by
   * the old terms can be undone from the toast; a signature, an approval or an
   * activation cannot go back (docs/undo.md) */
  if (change != NULL && pw_lease_change_can_undo (change))
    {
      g_free (self->last_message);
      self->last_message = g_strdup (message);
      pw_undo_toast_show (adw_toast_overlay_get_child (self->toast_overlay), self->watch.store,
                          change, message);
    }
  else
    pw_contracts_page_show_toast (self, message);
}

gboolean
pw_contracts_page_transition (PwContractsPage   *self,
                              PwContractStatus   status,
                              const char        *date,
                              GError           **error)
{
  GError *local_error = NULL;
  g_autoptr(PwChange) change = NULL;
  g_autofree char *message = NULL;
  gboolean moved;
  g_autofree char *today = pw_contracts_page_today ();
  g_autoptr(PwContractRecord) record = NULL;

  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), FALSE);

  if ((record = pw_contracts_page_get_selected (self, error)) == NULL)
    return FALSE;
  g_object_ref (record);
  pw_store_record_begin (self->watch.store);
  moved = pw_lease_transition (self->watch.store, pw_contract_record_get_id (record), status,
                               date != NULL ? date : today, NULL, &local_error);
  change = pw_store_record_end (self->watch.store);
  if (!moved)
    return refuse (self, local_error, error);
  /* Translators: a toast, e.g. "LSP-2025-001 is now Submitted" */
  message = g_strdup_printf (_("%s is now %s"), pw_contract_record_get_code (record),
                             pw_contract_status_get_label (status));
  pw_contracts_page_show_change (self, change, message);
  pw_contracts_list_load (self);
  return TRUE;
}

gboolean
pw_contracts_page_decide (PwContractsPage  *self,
                          const char       *role,
                          gboolean          approve,
                          const char       *comment,
                          GError          **error)
{
  GError *local_error = NULL;
  g_autofree char *today = pw_contracts_page_today ();
  g_autoptr(PwContractRecord) record = NULL;
  g_autoptr(PwContractRecord) after = NULL;
  const char *id;

  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), FALSE);

  if ((record = pw_contracts_page_get_selected (self, error)) == NULL)
    return FALSE;
  g_object_ref (record);
  id = pw_contract_record_get_id (record);
  if (!pw_lease_decide (self->watch.store, id, role, approve, comment, today, &local_error)
      || (after = pw_contract_record_load (self->watch.store, id, today, &local_error)) == NULL)
    return refuse (self, local_error, error);
  if (pw_contract_record_get_status (after) == PW_CONTRACT_SUBMITTED)
    {
      /* Translators: a toast: the contract's code; it still awaits other approvals */
      g_autofree char *message = g_strdup_printf (_("Approval recorded; %s awaits the next approval"),
                                                  pw_contract_record_get_code (record));

      pw_contracts_page_show_toast (self, message);
    }
  else
    announce_status (self, pw_contract_record_get_code (record), pw_contract_record_get_status (after));
  pw_contracts_list_load (self);
  pw_contracts_page_select_contract (self, id);
  return TRUE;
}

gboolean
pw_contracts_page_terminate (PwContractsPage  *self,
                             const char       *date,
                             const char       *penalty,
                             GError          **error)
{
  GError *local_error = NULL;
  g_autoptr(PwContractRecord) record = NULL;
  g_autoptr(PwChange) change = NULL;
  g_autofree char *message = NULL;
  gboolean ended;

  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), FALSE);

  if ((record = pw_contracts_page_get_selected (self, error)) == NULL)
    return FALSE;
  g_object_ref (record);
  pw_store_record_begin (self->watch.store);
  ended = pw_lease_transition_full (self->watch.store, pw_contract_record_get_id (record),
                                    PW_CONTRACT_TERMINATED, date, NULL, penalty, &local_error);
  change = pw_store_record_end (self->watch.store);
  if (!ended)
    return refuse (self, local_error, error);
  /* Translators: a toast, e.g. "LSP-2025-001 is now Terminated" */
  message = g_strdup_printf (_("%s is now %s"), pw_contract_record_get_code (record),
                             pw_contract_status_get_label (PW_CONTRACT_TERMINATED));
  pw_contracts_page_show_change (self, change, message);
  pw_contracts_list_load (self);
  return TRUE;
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
  GError *local_error = NULL;
  g_autofree char *today = pw_contracts_page_today ();
  g_autofree char *message = NULL;
  PwContractRecord *record;
  char *id;

  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), NULL);

  if ((record = pw_contracts_page_get_selected (self, error)) == NULL)
    return NULL;
  id = pw_lease_renew_full (self->watch.store, pw_contract_record_get_id (record), code, end_date, today,
                            rent_price, &local_error);
  if (id == NULL)
    {
      refuse (self, local_error, error);
      return NULL;
    }
  /* Translators: a toast: the renewal's code */
  message = g_strdup_printf (_("Renewal %s drawn up as a draft"), code);
  pw_contracts_list_load (self);
  pw_contracts_page_select_contract (self, id);
  pw_contracts_page_show_toast (self, message);
  return id;
}

/* PwPage */

static void
page_focus_search (PwPage *page)
{
  pw_contracts_page_focus_search (PW_CONTRACTS_PAGE (page));
}

static void
pw_contracts_page_page_init (PwPageInterface *iface)
{
  iface->focus_search = page_focus_search;
}

/* GObject */

static void
pw_contracts_page_map (GtkWidget *widget)
{
  PwContractsPage *self = PW_CONTRACTS_PAGE (widget);

  GTK_WIDGET_CLASS (pw_contracts_page_parent_class)->map (widget);
  /* the first time the page is shown, or after the store changed while hidden */
  if (!self->loaded)
    pw_contracts_list_load (self);
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
  g_clear_object (&self->sort_model);
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

    case PROP_PARK_ID:
      g_value_set_string (value, self->park_id);
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

    case PROP_PARK_ID:
      pw_contracts_page_set_park_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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

  g_object_class_override_property (object_class, PROP_STORE, "store");
  g_object_class_override_property (object_class, PROP_PARK_ID, "park-id");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "contractspage");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parkwise/Parkwise/pw-contracts-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PwContractsPage, name)
  BIND (toast_overlay);
  BIND (leaflet);
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
  BIND (alerts_label);
  BIND (figures_label);
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
  /* the command buttons name their actions; bound by name only, for tests and tools */
  {
    static const char *const buttons[] = {
      "submit_button", "approve_button", "reject_button", "sign_button", "activate_button",
      "terminate_button", "amend_button", "rent_review_button", "renew_button",
      "show_on_plan_button", "pdf_button", "print_button", "back_button", "back_bar",
    };

    for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
      gtk_widget_class_bind_template_child_full (widget_class, buttons[i], FALSE, 0);
  }
  pw_contracts_list_class_init (widget_class);
  pw_contracts_actions_class_init (widget_class);
}

static void
pw_contracts_page_init (PwContractsPage *self)
{
  pw_ui_store_watch_init (&self->watch, reload_cb, self);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->currency_style = g_settings_get_enum (self->settings, "currency-display") == 1
                           ? PW_CURRENCY_CODE : PW_CURRENCY_SYMBOL;
  g_signal_connect_swapped (self->settings, "changed::currency-display",
                            G_CALLBACK (currency_display_changed_cb), self);

  pw_contracts_list_init (self);
  pw_contracts_detail_init (self);
  pw_contracts_detail_update (self);
}
