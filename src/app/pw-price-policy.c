/* pw-price-policy.c — the Customers page's price policy: the park's list and
 * floor prices and its approval rules
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-customers-page-private.h"
#include "pw-error.h"
#include "pw-row.h"

static const char *const metrics[] = { "discount_pct", "rent_free_months", NULL };
static const char *const roles[] = { "asset_manager", "general_manager", NULL };

static void
save_prices_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *list = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->list_price_row))));
  g_autofree char *floor = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->floor_price_row))));
  const char *field;

  pw_ui_show_field_error (GTK_WIDGET (self->list_price_row), self->list_price_error_row, NULL);
  pw_ui_show_field_error (GTK_WIDGET (self->floor_price_row), self->floor_price_error_row, NULL);
  if (pw_customers_page_park (self) == NULL)
    return;
  if (!pw_park_set_prices (self->watch.store, pw_customers_page_park (self), list, floor, &error))
    {
      field = pw_ledger_error_get_field (error);
      if (g_strcmp0 (field, "list_price") == 0)
        pw_ui_show_field_error (GTK_WIDGET (self->list_price_row), self->list_price_error_row, error->message);
      else if (g_strcmp0 (field, "floor_price") == 0)
        pw_ui_show_field_error (GTK_WIDGET (self->floor_price_row), self->floor_price_error_row, error->message);
      pw_customers_page_toast (self, error->message);
      return;
    }
  pw_customers_page_load (self);
  pw_customers_page_toast (self, _("Park prices saved"));
}

static JsonObject *
find_rule (PwCustomersPage *self,
           const char      *id)
{
  for (guint i = 0; self->rules != NULL && i < self->rules->len; i++)
    if (g_strcmp0 (pw_row_string (self->rules->pdata[i], "id"), id) == 0)
      return self->rules->pdata[i];
  return NULL;
}

static gboolean
save_rule (PwRecordForm  *form,
           gpointer       user_data,
           GError       **error)
{
  PwCustomersPage *self = user_data;
  g_autofree char *threshold = pw_record_form_dup_text (form, "threshold");
  const char *editing = pw_record_form_get_id (form);
  g_autofree char *id = NULL;

  if (editing == NULL)
    {
      id = pw_approval_rule_add (self->watch.store, pw_customers_page_park (self),
                                 pw_record_form_get_choice (form, "metric"), threshold,
                                 pw_record_form_get_choice (form, "approver_role"),
                                 pw_record_form_get_int (form, "level"), error);
      if (id == NULL)
        return FALSE;
    }
  else
    {
      g_autoptr(JsonObject) fields = json_object_new ();

      json_object_set_string_member (fields, "metric", pw_record_form_get_choice (form, "metric"));
      json_object_set_string_member (fields, "threshold", threshold);
      json_object_set_string_member (fields, "approver_role", pw_record_form_get_choice (form, "approver_role"));
      json_object_set_int_member (fields, "level", pw_record_form_get_int (form, "level"));
      if (!pw_approval_rule_update (self->watch.store, editing, pw_record_form_get_version (form), fields, error))
        return FALSE;
    }
  pw_customers_page_load (self);
  pw_customers_page_toast (self, editing == NULL ? _("Approval rule added") : _("Approval rule saved"));
  return TRUE;
}

static void
open_rule_form (PwCustomersPage *self,
                JsonObject      *rule)
{
  PwRecordForm *form = pw_customers_page_open_form (self, "rule-form",
                                                    rule != NULL ? _("Edit Approval Rule") : _("New Approval Rule"),
                                                    rule != NULL ? _("_Save") : _("_Add"), save_rule);
  const char *metric_labels[] = { pw_leasing_label (metrics[0]), pw_leasing_label (metrics[1]), NULL };
  const char *role_labels[] = { pw_leasing_label (roles[0]), pw_leasing_label (roles[1]), NULL };
  gint64 level = 1;

  if (rule != NULL)
    {
      pw_record_form_set_record (form, pw_row_string (rule, "id"), json_object_get_int_member (rule, "version"));
      level = json_object_get_int_member (rule, "level");
    }
  pw_record_form_add_choice (form, "metric", _("When the quote’s"), metrics, metric_labels,
                             pw_row_string (rule, "metric"));
  pw_record_form_add_entry (form, "threshold", _("Is above"), pw_row_string (rule, "threshold"));
  pw_record_form_add_choice (form, "approver_role", _("It needs the approval of"), roles, role_labels,
                             pw_row_string (rule, "approver_role"));
  pw_record_form_add_spin (form, "level", _("At level (lower levels decide first)"), 1, 99, (double) level);
  pw_record_form_present (form);
}

static void
new_rule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (widget);

  if (pw_customers_page_park (self) != NULL)
    open_rule_form (self, NULL);
}

static void
edit_rule_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (widget);
  JsonObject *rule = find_rule (self, g_variant_get_string (parameter, NULL));

  if (rule != NULL)
    open_rule_form (self, rule);
}

static void
remove_rule_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (widget);
  JsonObject *rule = find_rule (self, g_variant_get_string (parameter, NULL));
  g_autoptr(GError) error = NULL;

  g_autoptr(PwChange) change = NULL;
  gboolean removed;

  if (rule == NULL)
    return;
  pw_store_record_begin (self->watch.store);
  removed = pw_approval_rule_remove (self->watch.store, pw_row_string (rule, "id"),
                                     json_object_get_int_member (rule, "version"), &error);
  change = pw_store_record_end (self->watch.store);
  if (!removed)
    {
      pw_customers_page_toast (self, error->message);
      return;
    }
  pw_customers_page_load (self);
  pw_customers_page_undo_toast (self, change, _("Approval rule removed"));
}

void
pw_price_policy_load (PwCustomersPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) park_row = NULL;
  const char *park = pw_customers_page_park (self);

  pw_customers_page_remove_rows (self, GTK_WIDGET (self->rules_group));
  g_clear_pointer (&self->list_price, g_free);
  g_clear_pointer (&self->floor_price, g_free);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customer.save-prices", park != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customer.new-rule", park != NULL);
  if (park == NULL)
    return;
  park_row = pw_store_get_row (self->watch.store, "park", park, &error);
  if (park_row != NULL)
    {
      self->list_price = g_strdup (pw_row_string (park_row, "list_price"));
      self->floor_price = g_strdup (pw_row_string (park_row, "floor_price"));
    }
  gtk_editable_set_text (GTK_EDITABLE (self->list_price_row), self->list_price ? self->list_price : "");
  gtk_editable_set_text (GTK_EDITABLE (self->floor_price_row), self->floor_price ? self->floor_price : "");

  g_clear_error (&error);
  self->rules = pw_approval_rule_list (self->watch.store, park, &error);
  if (self->rules == NULL)
    {
      pw_customers_page_toast (self, error->message);
      return;
    }
  for (guint i = 0; i < self->rules->len; i++)
    {
      JsonObject *rule = g_ptr_array_index (self->rules, i);
      const char *id = pw_row_string (rule, "id");
      /* Translators: an approval rule: a metric such as "Discount (%)" and its threshold */
      g_autofree char *title = g_strdup_printf (_("%s above %s"), pw_leasing_label (pw_row_string (rule, "metric")),
                                                pw_row_string (rule, "threshold"));
      /* Translators: an approver role and the level it decides at */
      g_autofree char *subtitle = g_strdup_printf (_("%s · level %d"),
                                                   pw_leasing_label (pw_row_string (rule, "approver_role")),
                                                   (int) json_object_get_int_member (rule, "level"));
      GtkWidget *row = pw_customers_page_add_row (self, GTK_WIDGET (self->rules_group), title, subtitle);

      gtk_widget_set_name (row, id);
      pw_customers_page_add_row_action (row, "document-edit-symbolic", _("Edit Rule"), "customer.edit-rule", id);
      pw_customers_page_add_row_action (row, "user-trash-symbolic", _("Remove Rule"), "customer.remove-rule", id);
    }
  if (self->rules->len == 0)
    pw_customers_page_add_row (self, GTK_WIDGET (self->rules_group),
                               _("No rules: every quote is approved when submitted"), NULL);
}

void
pw_price_policy_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "customer.save-prices", NULL, save_prices_action);
  gtk_widget_class_install_action (widget_class, "customer.new-rule", NULL, new_rule_action);
  gtk_widget_class_install_action (widget_class, "customer.edit-rule", "s", edit_rule_action);
  gtk_widget_class_install_action (widget_class, "customer.remove-rule", "s", remove_rule_action);
}
