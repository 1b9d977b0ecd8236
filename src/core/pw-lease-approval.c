/* pw-lease-approval.c — the approvals a contract beyond the park's policy needs
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One rule for quotes and contracts (docs/approvals.md): each rule of the park whose
 * metric the terms exceed asks its role for an approval (pw_approval_needs()), decided
 * level by level; a rent below the park's floor price also asks the general manager.
 * A contract made from an approved quote whose terms stay within it needs none. The
 * approvals given are kept on the contract ("approvals", a JSON array); the validator
 * refuses a contract that becomes approved without each one, whatever path the change
 * took (desktop, command line, a pushed change on the server).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-customer.h"
#include "pw-lease.h"
#include "pw-lease-private.h"
#include "pw-ledger.h"
#include "pw-row.h"

static const char *const roles[] = { "asset_manager", "general_manager", NULL };

static gboolean
policy_exceeds (const char *metric, gint64 threshold, gpointer user_data)
{
  const PwLeasePolicy *p = user_data;
  PwDecimal list, scaled, gap, lhs, t, rhs;

  if (g_strcmp0 (metric, "rent_free_months") == 0)
    return p->free_e4 > threshold;
  if (g_strcmp0 (metric, "discount_pct") != 0)
    return FALSE; /* credit_amount is about credit notes */
  if (!p->has_rent || !p->has_list)
    return FALSE;
  /* discount % = (list·den − num) · 100 ÷ (list·den) > t ⇔ (list·den − num) · 100 > t · list·den */
  list = pw_decimal_from_int (p->list_e4, 4);
  t = pw_decimal_from_int (threshold, 4);
  return pw_decimal_mul (list, pw_decimal_from_int (p->rent_den, 0), &scaled, NULL)
         && pw_decimal_sub (scaled, p->rent_num, &gap, NULL)
         && pw_decimal_mul (gap, pw_decimal_from_int (100, 0), &lhs, NULL)
         && pw_decimal_mul (t, scaled, &rhs, NULL)
         && pw_decimal_cmp (lhs, rhs) > 0;
}

/* The approvals @row (a contract) needs as its terms and its park's rules are now. */
static GPtrArray *
needs_of_row (PwStore *store, JsonObject *row, GError **error)
{
  PwLeasePolicy policy;
  g_autoptr(GPtrArray) needs = NULL;
  gint64 top = 0;
  gboolean has_gm = FALSE;

  if (!pw_lease_read_policy (store, row, &policy, error))
    return NULL;
  if (policy.within_quote)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  needs = pw_approval_needs (store, pw_row_string (row, "park_id"), policy_exceeds, &policy, error);
  if (needs == NULL)
    return NULL;
  if (policy.below_floor)
    {
      for (guint i = 0; i < needs->len; i++)
        {
          top = MAX (top, json_object_get_int_member (needs->pdata[i], "level"));
          has_gm = has_gm || g_strcmp0 (pw_row_string (needs->pdata[i], "approver_role"),
                                        "general_manager") == 0;
        }
      if (!has_gm)
        {
          JsonObject *need = json_object_new ();

          json_object_set_null_member (need, "rule_id");
          json_object_set_string_member (need, "approver_role", "general_manager");
          json_object_set_int_member (need, "level", top + 1);
          g_ptr_array_add (needs, need);
        }
    }
  return g_steal_pointer (&needs);
}

GPtrArray *
pw_lease_required_approvals (PwStore *store, const char *contract_id, GError **error)
{
  g_autoptr(JsonObject) row = pw_store_get_row (store, "contract", contract_id, error);

  return row != NULL ? needs_of_row (store, row, error) : NULL;
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

gboolean
pw_lease_check_approvals (PwStore *store, JsonObject *row, GError **error)
{
  g_autoptr(JsonArray) approvals = pw_approvals_parse (row, error);
  g_autoptr(GPtrArray) needs = NULL;
  const char *role;

  if (approvals == NULL)
    return FALSE;
  needs = needs_of_row (store, row, error);
  if (needs == NULL)
    return FALSE;
  role = pw_approvals_missing (needs, approvals);
  if (role != NULL)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status",
                               /* Translators: a role such as General manager */
                               _("the contract is beyond the park’s policy: the %s’s approval is "
                                 "not given"), pw_leasing_label (role));
  return TRUE;
}

gboolean
pw_lease_validate_approvals (JsonObject *row, GError **error)
{
  g_autoptr(JsonArray) approvals = pw_approvals_parse (row, error);

  return approvals != NULL;
}

GPtrArray *
pw_lease_pending_approvals (PwStore *store, const char *contract_id, GError **error)
{
  g_autoptr(JsonObject) row = pw_store_get_row (store, "contract", contract_id, error);
  g_autoptr(GPtrArray) needs = NULL;
  g_autoptr(JsonArray) approvals = NULL;
  GPtrArray *pending;

  if (row == NULL || (approvals = pw_approvals_parse (row, error)) == NULL
      || (needs = needs_of_row (store, row, error)) == NULL)
    return NULL;
  pending = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < needs->len; i++)
    if (!pw_approvals_given (approvals, pw_row_string (needs->pdata[i], "approver_role")))
      g_ptr_array_add (pending, json_object_ref (needs->pdata[i]));
  return pending;
}

gboolean
pw_lease_role_may_decide (PwStore *store, const char *contract_id, const char *role, GError **error)
{
  g_autoptr(JsonObject) row = pw_store_get_row (store, "contract", contract_id, error);
  g_autoptr(GPtrArray) pending = NULL;
  gint64 lowest = G_MAXINT64;
  gboolean mine = FALSE;

  if (row == NULL)
    return FALSE;
  if (pw_contract_status_from_string (pw_row_string (row, "status")) != PW_CONTRACT_SUBMITTED)
    return FALSE;
  if ((pending = pw_lease_pending_approvals (store, contract_id, error)) == NULL)
    return FALSE;
  /* within the policy: any role (or none) decides */
  if (pending->len == 0)
    return TRUE;
  for (guint i = 0; i < pending->len; i++)
    lowest = MIN (lowest, json_object_get_int_member (pending->pdata[i], "level"));
  for (guint i = 0; i < pending->len; i++)
    if (json_object_get_int_member (pending->pdata[i], "level") == lowest
        && g_strcmp0 (pw_row_string (pending->pdata[i], "approver_role"), role) == 0)
      mine = TRUE;
  return mine;
}

gboolean
pw_lease_decide (PwStore *store, const char *contract_id, const char *role, gboolean approve,
                 const char *comment, const char *date, GError **error)
{
  g_autoptr(JsonObject) row = pw_store_get_row (store, "contract", contract_id, error);
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(JsonArray) approvals = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL, *now = NULL;
  JsonObject *target = NULL, *entry;
  gint64 lowest = G_MAXINT64;

  if (row == NULL)
    return FALSE;
  if (pw_contract_status_from_string (pw_row_string (row, "status")) != PW_CONTRACT_SUBMITTED)
    {
      g_set_error (error, PW_LEASING_ERROR, PW_LEASING_ERROR_WRONG_STATUS,
                   /* Translators: a contract's code and status */
                   _("Contract %s is %s: only a submitted contract is approved or rejected"),
                   pw_row_string (row, "code"),
                   pw_contract_status_get_label (pw_contract_status_from_string (pw_row_string (row, "status"))));
      return FALSE;
    }
  if (role != NULL && !g_strv_contains (roles, role))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "approver_role",
                               _("“%s” is not one of the allowed values"), role);
  if (!approve && is_blank (comment))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "comment", "%s",
                               _("a rejection needs a comment"));
  pending = pw_lease_pending_approvals (store, contract_id, error);
  approvals = pending ? pw_approvals_parse (row, error) : NULL;
  if (approvals == NULL)
    return FALSE;

  if (pending->len == 0)
    {
      /* within the policy: nobody in particular approves */
      if (approve)
        return pw_lease_transition_with (store, contract_id, PW_CONTRACT_APPROVED, date, NULL, NULL,
                                         NULL, error);
      return pw_lease_transition_with (store, contract_id, PW_CONTRACT_DRAFT, date, comment, NULL,
                                       NULL, error);
    }
  for (guint i = 0; i < pending->len; i++)
    {
      JsonObject *need = pending->pdata[i];

      lowest = MIN (lowest, json_object_get_int_member (need, "level"));
      if (target == NULL && g_strcmp0 (pw_row_string (need, "approver_role"), role) == 0)
        target = need;
    }
  if (target == NULL)
    {
      g_autoptr(GString) who = g_string_new (NULL);

      for (guint i = 0; i < pending->len; i++)
        {
          if (i > 0)
            g_string_append (who, _(", "));
          g_string_append (who, pw_leasing_label (pw_row_string (pending->pdata[i], "approver_role")));
        }
      g_set_error (error, PW_LEASING_ERROR, PW_LEASING_ERROR_NO_APPROVAL,
                   /* Translators: the contract's code, the role that tried, the roles it awaits */
                   _("Contract %s awaits no approval from the %s: it is beyond the park’s policy "
                     "and awaits the approval of the %s"),
                   pw_row_string (row, "code"), role ? pw_leasing_label (role) : _("approvers"),
                   who->str);
      return FALSE;
    }
  if (json_object_get_int_member (target, "level") > lowest)
    {
      g_autofree char *level = g_strdup_printf ("%" G_GINT64_FORMAT, lowest);

      g_set_error (error, PW_LEASING_ERROR, PW_LEASING_ERROR_NOT_YOUR_TURN,
                   /* Translators: %s is a role, then a level number */
                   _("The %s decides after the approvals of level %s"),
                   pw_leasing_label (role), level);
      return FALSE;
    }

  now = pw_now_iso ();
  entry = json_object_new ();
  json_object_set_string_member (entry, "approver_role", role);
  json_object_set_int_member (entry, "level", json_object_get_int_member (target, "level"));
  json_object_set_string_member (entry, "decision", approve ? "approved" : "rejected");
  if (pw_store_get_actor (store) != NULL)
    json_object_set_string_member (entry, "actor", pw_store_get_actor (store));
  json_object_set_string_member (entry, "comment", comment ? comment : "");
  json_object_set_string_member (entry, "decided_at", now);
  json_array_add_object_element (approvals, entry);
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, approvals);
  text = json_to_string (node, FALSE);

  if (!approve)
    return pw_lease_transition_with (store, contract_id, PW_CONTRACT_DRAFT, date, comment, NULL, text,
                                     error);
  if (pending->len == 1)
    return pw_lease_transition_with (store, contract_id, PW_CONTRACT_APPROVED, date, NULL, NULL, text,
                                     error);
  {
    g_autoptr(PwMutation) m = pw_mutation_new_update ("contract", contract_id,
                                                      json_object_get_int_member (row, "version"));

    pw_mutation_set_string (m, "approvals", text);
    return pw_store_apply (store, m, error);
  }
}
