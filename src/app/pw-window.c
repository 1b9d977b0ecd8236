/* pw-window.c — the main window: header bar, primary menu and the module pages
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-billing-page.h"
#include "pw-conflicts-dialog.h"
#include "pw-contracts-page.h"
#include "pw-customers-page.h"
#include "pw-equipment-page.h"
#include "pw-import-dialog.h"
#include "pw-page.h"
#include "pw-plan-import-dialog.h"
#include "pw-plans-page.h"
#include "pw-sync-button.h"
#include "pw-ui.h"
#include "pw-window.h"

struct _PwWindow
{
  AdwApplicationWindow  parent_instance;

  PwStore              *store;
  GSettings            *settings;

  /* template children */
  AdwHeaderBar         *header_bar;
  GtkWidget            *sync_button;
  AdwViewStack         *view_stack;
  AdwViewSwitcherTitle *switcher_title;
  PwAssetsPage         *assets_page;
  PwEquipmentPage      *equipment_page;
  PwPlansPage          *plans_page;
  PwContractsPage      *contracts_page;
  AdwBin               *customers_bin;
  PwCustomersPage      *customers_page;  /* built on its first visit */
};

G_DEFINE_FINAL_TYPE (PwWindow, pw_window, ADW_TYPE_APPLICATION_WINDOW)


enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

PwWindow *
pw_window_new (PwApplication *app,
               PwStore       *store)
{
  g_return_val_if_fail (app == NULL || PW_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (PW_IS_STORE (store), NULL);

  return g_object_new (PW_TYPE_WINDOW,
                       "application", app,
                       "store", store,
                       NULL);
}

PwStore *
pw_window_get_store (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), NULL);

  return self->store;
}

PwAssetsPage *
pw_window_get_assets_page (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), NULL);

  return self->assets_page;
}

PwPlansPage *
pw_window_get_plans_page (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), NULL);

  return self->plans_page;
}

PwContractsPage *
pw_window_get_contracts_page (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), NULL);

  return self->contracts_page;
}

/* The Customers page is built when first shown (or asked for), so that starting the
 * app does not pay for its forms. */
static PwCustomersPage *
ensure_customers_page (PwWindow *self)
{
  if (self->customers_page == NULL)
    {
      self->customers_page = PW_CUSTOMERS_PAGE (pw_customers_page_new ());
      adw_bin_set_child (self->customers_bin, GTK_WIDGET (self->customers_page));
      pw_page_set_store (PW_PAGE (self->customers_page), self->store);
      pw_page_set_park_id (PW_PAGE (self->customers_page),
                           pw_assets_page_get_park_id (self->assets_page));
    }
  return self->customers_page;
}

/* The module page a page of the view stack holds, or NULL for one not built yet. */
static PwPage *
stack_page_get_page (AdwViewStackPage *page)
{
  GtkWidget *child = adw_view_stack_page_get_child (page);

  if (ADW_IS_BIN (child))
    child = adw_bin_get_child (ADW_BIN (child));
  return child != NULL && PW_IS_PAGE (child) ? PW_PAGE (child) : NULL;
}

typedef void (*PageFunc) (PwPage *page, gpointer data);

static void
foreach_page (PwWindow *self,
              PageFunc  func,
              gpointer  data)
{
  g_autoptr(GListModel) pages = G_LIST_MODEL (adw_view_stack_get_pages (self->view_stack));

  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);
      PwPage *module = stack_page_get_page (page);

      if (module != NULL)
        func (module, data);
    }
}

static void
page_set_store (PwPage   *page,
                gpointer  store)
{
  pw_page_set_store (page, store);
}

static void
page_set_park_id (PwPage   *page,
                  gpointer  self)
{
  PwWindow *window = self;

  /* the Assets page's tree chooses the park; the others follow it */
  if (page != PW_PAGE (window->assets_page))
    pw_page_set_park_id (page, pw_assets_page_get_park_id (window->assets_page));
}

PwCustomersPage *
pw_window_get_customers_page (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), NULL);

  return ensure_customers_page (self);
}

static void
set_store (PwWindow *self,
           PwStore  *store)
{
  if (!g_set_object (&self->store, store))
    return;

  foreach_page (self, page_set_store, store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-csv", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-csv", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-drawing", store != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* The sync status sits by the main menu (shown once a server is set). The window
 * learns its application after construction, so the button comes with it. */
static void visible_page_changed_cb (PwWindow *self);

static void
application_changed_cb (PwWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  PwSyncService *sync = PW_IS_APPLICATION (app) ? pw_application_get_sync (PW_APPLICATION (app))
                                                : NULL;

  if (self->sync_button != NULL)
    {
      adw_header_bar_remove (self->header_bar, self->sync_button);
      self->sync_button = NULL;
    }
  if (sync != NULL)
    {
      self->sync_button = pw_sync_button_new (sync);
      adw_header_bar_pack_end (self->header_bar, self->sync_button);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-now", sync != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-conflicts", sync != NULL);
  visible_page_changed_cb (self);
}

/* Actions */

static PwSyncService *
window_sync (PwWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return PW_IS_APPLICATION (app) ? pw_application_get_sync (PW_APPLICATION (app)) : NULL;
}

static void
sync_now_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PwSyncService *sync = window_sync (PW_WINDOW (widget));

  /* the header bar shows how it goes */
  if (sync != NULL)
    pw_sync_service_sync_async (sync, NULL, NULL, NULL);
}

static void
sync_conflicts_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PwSyncService *sync = window_sync (PW_WINDOW (widget));

  if (sync != NULL)
    gtk_window_present (GTK_WINDOW (pw_conflicts_dialog_new (GTK_WINDOW (widget), sync)));
}

void
pw_window_show_expiring (PwWindow *self)
{
  g_return_if_fail (PW_IS_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "plans");
  pw_plans_page_set_lens (self->plans_page, PW_PLAN_LENS_EXPIRY);
}

static void
show_page_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
find_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);
  AdwViewStackPage *page;
  PwPage *module;

  /* the search of the module in view */
  if (adw_view_stack_get_visible_child (self->view_stack) == GTK_WIDGET (self->customers_bin))
    ensure_customers_page (self);
  page = adw_view_stack_get_page (self->view_stack,
                                  adw_view_stack_get_visible_child (self->view_stack));
  module = page != NULL ? stack_page_get_page (page) : NULL;
  if (module == NULL)
    {
      adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->assets_page));
      module = PW_PAGE (self->assets_page);
    }
  pw_page_focus_search (module);
}

static void
park_changed_cb (PwWindow *self)
{
  /* the equipment listed, the plans drawn and the contracts shown are those
   * of the park the ledger shows */
  foreach_page (self, page_set_park_id, self);
}

/* A space of a contract, on its floor's plan. */
static void
show_space_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->plans_page));
  pw_plans_page_find (self->plans_page, g_variant_get_string (parameter, NULL));
}

/* A floor on the Plans page, once the page has taken in what was just written
 * (it reloads at idle when the store changes; this waits behind that). */
typedef struct
{
  GWeakRef  window;
  char     *floor_id;
} ShowFloor;

static void
show_floor_free (gpointer data)
{
  ShowFloor *show = data;

  g_weak_ref_clear (&show->window);
  g_free (show->floor_id);
  g_free (show);
}

static gboolean
show_floor_idle_cb (gpointer data)
{
  ShowFloor *show = data;
  g_autoptr(PwWindow) self = g_weak_ref_get (&show->window);

  if (self != NULL && self->plans_page != NULL)
    {
      adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->plans_page));
      pw_plans_page_show_floor (self->plans_page, show->floor_id);
    }
  return G_SOURCE_REMOVE;
}

static void
show_floor_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ShowFloor *show = g_new0 (ShowFloor, 1);

  g_weak_ref_init (&show->window, widget);
  show->floor_id = g_variant_dup_string (parameter, NULL);
  g_idle_add_full (G_PRIORITY_LOW, show_floor_idle_cb, show, show_floor_free);
}

/* Spaces (a contract's) on the Plans page, all of them selected. */
static void
show_spaces_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);
  g_autofree const char **codes = g_variant_get_strv (parameter, NULL);

  adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->plans_page));
  pw_plans_page_show_spaces (self->plans_page, codes);
}

/* A contract on the Contracts page, selected. */
static void
show_contract_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->contracts_page));
  /* the store's change is seen at idle; the new contract is wanted now */
  pw_contracts_page_reload (self->contracts_page);
  pw_contracts_page_select_contract (self->contracts_page, g_variant_get_string (parameter, NULL));
}

/* win.show-bills opens one bill (its number), win.show-customer-bills the bills of
 * a customer (its name) on the Billing page's Bills section. */
static void
show_bills_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);
  GtkWidget *page = adw_view_stack_get_child_by_name (self->view_stack, "billing");
  const char *what = g_variant_get_string (parameter, NULL);

  if (page == NULL)
    return;
  adw_view_stack_set_visible_child (self->view_stack, page);
  pw_billing_page_reload (PW_BILLING_PAGE (page));
  pw_billing_page_set_bill_filters (PW_BILLING_PAGE (page), NULL, -1, what);
  pw_billing_page_show_section (PW_BILLING_PAGE (page), "bills");
  if (g_str_equal (action_name, "win.show-bills"))
    pw_billing_page_select_bill (PW_BILLING_PAGE (page), what);
}

/* The plan's own actions, routed here so that their shortcuts work wherever the
 * focus is, and only while the Plans page is in view. */
static void
plan_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  if (adw_view_stack_get_visible_child (self->view_stack) != GTK_WIDGET (self->plans_page))
    return;
  if (g_str_equal (action_name, "win.print-plan"))
    gtk_widget_activate_action (GTK_WIDGET (self->plans_page), "plan.print", NULL);
  else
    gtk_widget_activate_action (GTK_WIDGET (self->plans_page), "plan.export-image", NULL);
}

/* Ctrl+E turns the plan's edit mode on and off on the Plans page (plan.edit), and
 * exports CSV elsewhere. */
static void
edit_plan_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->plans_page), "plan.edit", NULL);
}

static void
visible_page_changed_cb (PwWindow *self)
{
  gboolean plans = adw_view_stack_get_visible_child (self->view_stack) == GTK_WIDGET (self->plans_page);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  const char *const ctrl_e[] = { "<Control>e", NULL };
  const char *const none[] = { NULL };

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-plan", plans);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-plan-image", plans);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-plan", plans);
  if (app != NULL)
    {
      gtk_application_set_accels_for_action (app, "win.export-csv", plans ? none : ctrl_e);
      gtk_application_set_accels_for_action (app, "win.edit-plan", plans ? ctrl_e : none);
    }
  if (adw_view_stack_get_visible_child (self->view_stack) == GTK_WIDGET (self->customers_bin))
    ensure_customers_page (self);
}

static void
import_csv_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  if (self->store == NULL)
    return;
  pw_import_csv_run (GTK_WINDOW (self), self->store,
                     pw_assets_page_get_park_id (self->assets_page));
}

static void
import_drawing_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  if (self->store == NULL)
    return;
  pw_plan_import_run (GTK_WINDOW (self), self->store,
                      pw_assets_page_get_park_id (self->assets_page));
}

static void
export_csv_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PwWindow *self = PW_WINDOW (widget);

  if (self->store == NULL)
    return;
  pw_export_csv_run (GTK_WINDOW (self), self->store,
                     pw_assets_page_get_park_id (self->assets_page));
}

/* Window state */

static void
save_window_state (PwWindow *self)
{
  int width = 0, height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
pw_window_close_request (GtkWindow *window)
{
  save_window_state (PW_WINDOW (window));

  return GTK_WINDOW_CLASS (pw_window_parent_class)->close_request (window);
}

/* GObject */

static void
pw_window_constructed (GObject *object)
{
  PwWindow *self = PW_WINDOW (object);

  G_OBJECT_CLASS (pw_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
pw_window_dispose (GObject *object)
{
  PwWindow *self = PW_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pw_window_parent_class)->dispose (object);
}

static void
pw_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PwWindow *self = PW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PwWindow *self = PW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_window_class_init (PwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pw_window_constructed;
  object_class->dispose = pw_window_dispose;
  object_class->get_property = pw_window_get_property;
  object_class->set_property = pw_window_set_property;

  window_class->close_request = pw_window_close_request;

  /**
   * PwWindow:store:
   *
   * The ledger store the window shows.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PW_TYPE_ASSETS_PAGE);
  g_type_ensure (PW_TYPE_EQUIPMENT_PAGE);
  g_type_ensure (PW_TYPE_PLANS_PAGE);
  g_type_ensure (PW_TYPE_CONTRACTS_PAGE);
  g_type_ensure (PW_TYPE_CUSTOMERS_PAGE);
  g_type_ensure (PW_TYPE_BILLING_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parkwise/Parkwise/pw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PwWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, assets_page);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, equipment_page);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, plans_page);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, contracts_page);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, customers_bin);

  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-space", "s", show_space_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-spaces", "as", show_spaces_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-floor", "s", show_floor_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-contract", "s", show_contract_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-bills", "s", show_bills_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-customer-bills", "s", show_bills_action_cb);
  gtk_widget_class_install_action (widget_class, "win.import-csv", NULL, import_csv_action_cb);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, export_csv_action_cb);
  gtk_widget_class_install_action (widget_class, "win.edit-plan", NULL, edit_plan_action_cb);
  gtk_widget_class_install_action (widget_class, "win.import-drawing", NULL,
                                   import_drawing_action_cb);
  gtk_widget_class_install_action (widget_class, "win.sync-now", NULL, sync_now_action_cb);
  gtk_widget_class_install_action (widget_class, "win.sync-conflicts", NULL,
                                   sync_conflicts_action_cb);
  gtk_widget_class_install_action (widget_class, "win.print-plan", NULL, plan_action_cb);
  gtk_widget_class_install_action (widget_class, "win.export-plan-image", NULL, plan_action_cb);
}

static void
pw_window_init (PwWindow *self)
{
  self->settings = g_settings_new (APP_ID);

  gtk_widget_init_template (GTK_WIDGET (self));
  pw_ui_label_inner_buttons (GTK_WIDGET (self));

  g_object_bind_property (self->assets_page, "park-name",
                          self->switcher_title, "subtitle",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->assets_page, "notify::park-id",
                           G_CALLBACK (park_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-csv", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-csv", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-drawing", FALSE);
  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);
  application_changed_cb (self);
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (visible_page_changed_cb), self, G_CONNECT_SWAPPED);
  visible_page_changed_cb (self);
}
