/* pw-billing-page.c — the Billing page: a shell over its sections (bill runs, bills,
 * meters and readings, receivables;
 * docs/billing.md, "The Billing page")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page is a PwPage (pw-page.h) and a view stack of sections, each one file and
 * one entry of sections[] (pw-billing-page-private.h says what a section is). The
 * page loads when it is first shown; a change of the store while it is hidden only
 * marks it stale.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-billing-page-private.h"
#include "pw-page.h"

static const PwBillingSection *const sections[] = {
  &pw_billing_runs_section,
  &pw_billing_bills_section,
  &pw_billing_meters_section,
  &pw_billing_receivables_section,
};

static void pw_billing_page_page_init (PwPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PwBillingPage, pw_billing_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (PW_TYPE_PAGE, pw_billing_page_page_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_PARK_ID,
  N_PROPS
};

/* What the sections share */

gpointer
pw_billing_page_section_data (PwBillingPage *self, const PwBillingSection *section)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections) && self->data != NULL; i++)
    if (sections[i] == section)
      return i < self->data->len ? g_ptr_array_index (self->data, i) : NULL;
  return NULL;
}

PwStore *
pw_billing_page_store (PwBillingPage *self)
{
  return self->watch.store;
}

const char *
pw_billing_page_park (PwBillingPage *self)
{
  return pw_page_loader_park (&self->loader, self->watch.store);
}

void
pw_billing_page_show_toast (PwBillingPage *self, const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  g_free (self->last_message);
  self->last_message = g_strdup (message);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

char *
pw_billing_page_format_money (PwBillingPage *self, gint64 minor, const char *currency)
{
  return pw_money_format (minor, currency, self->currency_style);
}

void
pw_billing_page_update_actions (PwBillingPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections) && self->data != NULL; i++)
    if (sections[i]->update != NULL)
      sections[i]->update (self, g_ptr_array_index (self->data, i));
}

static const char *
status_css_class (PwBillStatus status)
{
  switch (status)
    {
    case PW_BILL_DRAFT:
      return "status-available";
    case PW_BILL_HELD:
      return "status-under_repair";
    case PW_BILL_RELEASED:
      return "status-reserved";
    case PW_BILL_SENT:
      return "status-leased";
    case PW_BILL_CANCELLED:
    default:
      return "status-disposed";
    }
}

void
pw_billing_page_set_status_pill (GtkWidget *label, PwBillStatus status)
{
  const char *classes[] = { "status-pill", status_css_class (status), NULL };

  gtk_widget_set_css_classes (label, classes);
  gtk_label_set_text (GTK_LABEL (label), pw_bill_status_get_label (status));
}

void
pw_billing_page_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
load (GtkWidget *widget)
{
  PwBillingPage *self = PW_BILLING_PAGE (widget);

  pw_ui_store_watch_cancel (&self->watch);
  pw_billing_page_park (self);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (sections[i]->reload != NULL)
      sections[i]->reload (self, g_ptr_array_index (self->data, i));
  pw_billing_page_update_actions (self);
}

static void
reload_cb (gpointer owner)
{
  PwBillingPage *self = owner;

  pw_page_loader_changed (&self->loader);
}

static void
currency_display_changed_cb (PwBillingPage *self)
{
  self->currency_style = g_settings_get_enum (self->settings, "currency-display") == 1
                           ? PW_CURRENCY_CODE : PW_CURRENCY_SYMBOL;
  if (self->loader.loaded)
    pw_page_loader_load (&self->loader);
}

/* Public API */

GtkWidget *
pw_billing_page_new (void)
{
  return g_object_new (PW_TYPE_BILLING_PAGE, NULL);
}

static void
set_store (PwBillingPage *self, PwStore *store)
{
  if (!pw_ui_store_watch_set_store (&self->watch, store))
    return;
  reload_cb (self);
  pw_billing_page_update_actions (self);
  g_object_notify (G_OBJECT (self), "store");
}

static void
set_park_id (PwBillingPage *self, const char *park_id)
{
  if (!pw_page_loader_set_park_id (&self->loader, park_id))
    return;
  g_object_notify (G_OBJECT (self), "park-id");
}

void
pw_billing_page_reload (PwBillingPage *self)
{
  g_return_if_fail (PW_IS_BILLING_PAGE (self));
  pw_page_loader_load (&self->loader);
}

gboolean
pw_billing_page_is_loaded (PwBillingPage *self)
{
  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), FALSE);
  return self->loader.loaded;
}

void
pw_billing_page_show_section (PwBillingPage *self, const char *name)
{
  g_return_if_fail (PW_IS_BILLING_PAGE (self));
  adw_view_stack_set_visible_child_name (self->stack, name);
}

const char *
pw_billing_page_get_last_message (PwBillingPage *self)
{
  g_return_val_if_fail (PW_IS_BILLING_PAGE (self), NULL);
  return self->last_message;
}

/* PwPage */

static void
page_focus_search (PwPage *page)
{
  PwBillingPage *self = PW_BILLING_PAGE (page);
  const char *visible = adw_view_stack_get_visible_child_name (self->stack);

  /* the visible section's search, else the first section that has one */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
      if (sections[i]->focus_search != NULL
          && (pass == 1 || g_strcmp0 (sections[i]->name, visible) == 0))
        {
          adw_view_stack_set_visible_child_name (self->stack, sections[i]->name);
          if (sections[i]->focus_search (self, g_ptr_array_index (self->data, i)))
            return;
        }
}

static void
pw_billing_page_page_init (PwPageInterface *iface)
{
  iface->focus_search = page_focus_search;
}

/* GObject */

static void
pw_billing_page_map (GtkWidget *widget)
{
  PwBillingPage *self = PW_BILLING_PAGE (widget);

  GTK_WIDGET_CLASS (pw_billing_page_parent_class)->map (widget);
  pw_page_loader_mapped (&self->loader);
}

static void
pw_billing_page_dispose (GObject *object)
{
  PwBillingPage *self = PW_BILLING_PAGE (object);
  GtkWidget *child;

  pw_ui_store_watch_clear (&self->watch);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_BILLING_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->data != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
        sections[i]->free (g_ptr_array_index (self->data, i));
      g_clear_pointer (&self->data, g_ptr_array_unref);
    }

  G_OBJECT_CLASS (pw_billing_page_parent_class)->dispose (object);
}

static void
pw_billing_page_finalize (GObject *object)
{
  PwBillingPage *self = PW_BILLING_PAGE (object);

  pw_page_loader_clear (&self->loader);
  g_clear_pointer (&self->last_message, g_free);

  G_OBJECT_CLASS (pw_billing_page_parent_class)->finalize (object);
}

static void
pw_billing_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PwBillingPage *self = PW_BILLING_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->watch.store);
      break;
    case PROP_PARK_ID:
      g_value_set_string (value, self->loader.park_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_billing_page_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  PwBillingPage *self = PW_BILLING_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;
    case PROP_PARK_ID:
      set_park_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_billing_page_class_init (PwBillingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_billing_page_dispose;
  object_class->finalize = pw_billing_page_finalize;
  object_class->get_property = pw_billing_page_get_property;
  object_class->set_property = pw_billing_page_set_property;
  widget_class->map = pw_billing_page_map;

  g_object_class_override_property (object_class, PROP_STORE, "store");
  g_object_class_override_property (object_class, PROP_PARK_ID, "park-id");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "billingpage");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parkwise/Parkwise/pw-billing-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PwBillingPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PwBillingPage, stack);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (sections[i]->class_init != NULL)
      sections[i]->class_init (widget_class);
}

static void
pw_billing_page_init (PwBillingPage *self)
{
  pw_page_loader_init (&self->loader, GTK_WIDGET (self), load);
  pw_ui_store_watch_init (&self->watch, reload_cb, self);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->currency_style = g_settings_get_enum (self->settings, "currency-display") == 1
                           ? PW_CURRENCY_CODE : PW_CURRENCY_SYMBOL;
  g_signal_connect_swapped (self->settings, "changed::currency-display",
                            G_CALLBACK (currency_display_changed_cb), self);

  self->data = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *child = NULL;
      AdwViewStackPage *page;

      g_ptr_array_add (self->data, sections[i]->create (self, &child));
      page = adw_view_stack_add_titled (self->stack, child, sections[i]->name,
                                        _(sections[i]->title));
      adw_view_stack_page_set_icon_name (page, sections[i]->icon_name);
    }
  pw_billing_page_update_actions (self);
}
