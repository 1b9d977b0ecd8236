/* pw-contracts-page-actions.c — the Contracts page's commands as widget actions
 * under "contract.", each with its key, enabled from core's rules for the
 * selected contract (what its status can become, whether it may be amended or
 * renewed) and nothing else
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Buttons name their action (action-name in ui/pw-contracts-page.ui); the keys
 * are listed in ui/gtk/help-overlay.ui under "Contracts".
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-amend-dialog.h"
#include "pw-contract-dialogs.h"
#include "pw-contracts-page-private.h"

typedef enum {
  RULE_ANY,       /* a contract is selected */
  RULE_BECOME,    /* its status can become the action's */
  RULE_AMEND,     /* it may be amended */
  RULE_RENEW,     /* it may be renewed */
  RULE_SPACES,    /* it holds spaces */
  RULE_ALWAYS,    /* whatever is selected */
} Rule;

typedef struct {
  const char       *name;
  Rule              rule;
  PwContractStatus  status;   /* for RULE_BECOME */
  guint             key;
  GdkModifierType   mods;
} ContractAction;

static const ContractAction actions[] = {
  { "contract.new-lease", RULE_ALWAYS, 0, GDK_KEY_n, GDK_CONTROL_MASK },
  { "contract.submit", RULE_BECOME, PW_CONTRACT_SUBMITTED, GDK_KEY_u, GDK_ALT_MASK },
  { "contract.approve", RULE_BECOME, PW_CONTRACT_APPROVED, GDK_KEY_a, GDK_ALT_MASK },
  { "contract.reject", RULE_BECOME, PW_CONTRACT_APPROVED, GDK_KEY_j, GDK_ALT_MASK },
  { "contract.sign", RULE_BECOME, PW_CONTRACT_SIGNED, GDK_KEY_i, GDK_ALT_MASK },
  { "contract.activate", RULE_BECOME, PW_CONTRACT_ACTIVE, GDK_KEY_v, GDK_ALT_MASK },
  { "contract.terminate", RULE_BECOME, PW_CONTRACT_TERMINATED, GDK_KEY_t, GDK_ALT_MASK },
  { "contract.amend", RULE_AMEND, 0, GDK_KEY_m, GDK_ALT_MASK },
  { "contract.rent-review", RULE_AMEND, 0, GDK_KEY_w, GDK_ALT_MASK },
  { "contract.renew", RULE_RENEW, 0, GDK_KEY_n, GDK_ALT_MASK },
  { "contract.show-on-plan", RULE_SPACES, 0, GDK_KEY_p, GDK_ALT_MASK },
  { "contract.save-pdf", RULE_ANY, 0, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
  { "contract.print", RULE_ANY, 0, GDK_KEY_p, GDK_CONTROL_MASK },
  { "contract.find", RULE_ALWAYS, 0, GDK_KEY_f, GDK_CONTROL_MASK },
  { "contract.show-list", RULE_ALWAYS, 0, GDK_KEY_Left, GDK_ALT_MASK },
};

static gboolean
rule_allows (const ContractAction *action,
             PwContractRecord     *record)
{
  if (action->rule == RULE_ALWAYS)
    return TRUE;
  if (record == NULL)
    return FALSE;
  switch (action->rule)
    {
    case RULE_BECOME:
      return pw_contract_record_can_become (record, action->status);
    case RULE_AMEND:
      return pw_contract_record_can_amend (record);
    case RULE_RENEW:
      return pw_contract_record_can_renew (record);
    case RULE_SPACES:
      return pw_contract_record_get_spaces (record)[0] != NULL;
    case RULE_ANY:
    case RULE_ALWAYS:
    default:
      return TRUE;
    }
}

void
pw_contracts_actions_update (PwContractsPage *self)
{
  PwContractRecord *record = pw_contracts_page_get_selected (self, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i].name, rule_allows (&actions[i], record));
}

static void
amended_cb (PwAmendDialog   *dialog,
            int              version,
            PwContractsPage *self)
{
  /* Translators: a toast after an amendment: the new version's number */
  g_autofree char *message = g_strdup_printf (_("Version %d of the terms written"), version);

  pw_contracts_page_show_change (self, pw_amend_dialog_get_change (dialog), message);
  pw_contracts_list_load (self);
}

PwAmendDialog *
pw_contracts_page_open_amend_dialog (PwContractsPage *self)
{
  g_autoptr(GError) error = NULL;
  PwContractRecord *record;
  PwAmendDialog *dialog;

  g_return_val_if_fail (PW_IS_CONTRACTS_PAGE (self), NULL);

  record = pw_contracts_page_get_selected (self, NULL);
  if (record == NULL)
    return NULL;
  dialog = pw_amend_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                self->watch.store, pw_contract_record_get_id (record), &error);
  if (dialog == NULL)
    {
      pw_contracts_page_show_toast (self, error->message);
      return NULL;
    }
  g_signal_connect_object (dialog, "amended", G_CALLBACK (amended_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
show_on_plan (PwContractsPage  *self,
              PwContractRecord *record)
{
  const char *const *spaces = pw_contract_record_get_spaces (record);

  /* every space of the contract, not only the first */
  gtk_widget_activate_action_variant (GTK_WIDGET (self), "win.show-spaces",
                                      g_variant_new_strv (spaces, -1));
}

static void
contract_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PwContractsPage *self = PW_CONTRACTS_PAGE (widget);
  PwContractRecord *record = pw_contracts_page_get_selected (self, NULL);

  /* activated by name while disabled (gtk_widget_activate_action() does not ask):
   * the same rule decides */
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (actions[i].name, action_name) && !rule_allows (&actions[i], record))
      return;

  if (g_str_equal (action_name, "contract.new-lease"))
    {
      /* a lease is for spaces picked on the plan (the plan's New Lease…) */
      gtk_widget_activate_action (widget, "win.show-page", "s", "plans");
      pw_contracts_page_show_toast (self, _("Select the rooms to lease on the plan, then choose New Lease…"));
      return;
    }
  if (g_str_equal (action_name, "contract.find"))
    {
      pw_contracts_page_focus_search (self);
      return;
    }
  if (g_str_equal (action_name, "contract.show-list"))
    {
      adw_leaflet_set_visible_child_name (self->leaflet, "list");
      return;
    }
  if (record == NULL)
    return;
  /* the dialogs and the page keep the record while they run */
  record = g_object_ref (record);
  if (g_str_equal (action_name, "contract.submit"))
    pw_contracts_page_transition (self, PW_CONTRACT_SUBMITTED, NULL, NULL);
  else if (g_str_equal (action_name, "contract.approve"))
    pw_contract_dialog_approve (self, self->watch.store, record);
  else if (g_str_equal (action_name, "contract.reject"))
    pw_contract_dialog_reject (self, self->watch.store, record);
  else if (g_str_equal (action_name, "contract.sign"))
    pw_contract_dialog_sign (self, self->watch.store, record);
  else if (g_str_equal (action_name, "contract.activate"))
    pw_contracts_page_transition (self, PW_CONTRACT_ACTIVE, NULL, NULL);
  else if (g_str_equal (action_name, "contract.terminate"))
    pw_contract_dialog_terminate (self, self->watch.store, record, self->currency_style);
  else if (g_str_equal (action_name, "contract.amend"))
    pw_contracts_page_open_amend_dialog (self);
  else if (g_str_equal (action_name, "contract.rent-review"))
    {
      PwAmendDialog *dialog = pw_contracts_page_open_amend_dialog (self);

      if (dialog != NULL)
        pw_amend_dialog_start_rent_review (dialog);
    }
  else if (g_str_equal (action_name, "contract.renew"))
    pw_contract_dialog_renew (self, self->watch.store, record);
  else if (g_str_equal (action_name, "contract.show-on-plan"))
    show_on_plan (self, record);
  else if (g_str_equal (action_name, "contract.save-pdf"))
    pw_contracts_print_save_pdf (self);
  else if (g_str_equal (action_name, "contract.print"))
    {
      g_autoptr(GError) error = NULL;

      if (pw_contracts_page_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error)
          == GTK_PRINT_OPERATION_RESULT_ERROR)
        pw_contracts_page_show_toast (self, error->message);
    }
  g_object_unref (record);
}

void
pw_contracts_actions_class_init (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      gtk_widget_class_install_action (widget_class, actions[i].name, NULL, contract_action_cb);
      gtk_widget_class_add_binding_action (widget_class, actions[i].key, actions[i].mods,
                                           actions[i].name, NULL);
    }
}
