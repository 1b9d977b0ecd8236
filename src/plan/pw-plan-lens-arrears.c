/* pw-plan-lens-arrears.c — what the Arrears lens reads: each room's overdue amount
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/plans.md, "Arrears": a room shows what the contracts holding it on the plan's
 * date owe past due then (pw_receivables_space_arrears(), one query for the floor),
 * not its tenant's whole balance; a room several contracts share shows their sum and
 * the oldest age among them. A legend adds each contract's amount once a floor: on
 * the first room (in the floor's order) that it holds.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-money.h"
#include "pw-plan-lens.h"
#include "pw-receivables-spaces.h"

gboolean
pw_plan_floor_load_arrears (PwPlanFloor *floor, PwStore *store, const char *as_of, GError **error)
{
  g_autofree char *currency = NULL;
  g_autoptr(GPtrArray) rows = pw_receivables_space_arrears (store, NULL, pw_plan_floor_get_id (floor),
                                                            as_of, &currency, error);
  g_autoptr(GHashTable) first = NULL;
  g_autoptr(GHashTable) index_of = NULL;
  guint n_rooms;
  PwPlanRoom *rooms;

  if (rows == NULL)
    return FALSE;
  rooms = pw_plan_floor_get_rooms (floor, &n_rooms);
  /* rooms by space id, once: not a search of the floor per row */
  index_of = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n_rooms; i++)
    {
      if (rooms[i].space_id != NULL)
        g_hash_table_insert (index_of, rooms[i].space_id, GUINT_TO_POINTER (i + 1));
      rooms[i].n_holders = 0;
      rooms[i].overdue = rooms[i].overdue_days = rooms[i].overdue_counted = 0;
    }
  /* rows come by space; a contract counts on the first room, in the floor's order,
   * that it holds, so the legend's sums do not depend on the query's order */
  first = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint r = 0; r < rows->len; r++)
    {
      PwSpaceArrears *a = g_ptr_array_index (rows, r);
      int index = (int) GPOINTER_TO_UINT (g_hash_table_lookup (index_of, a->space_id)) - 1;
      PwPlanRoom *room;
      int seen;

      if (index < 0)
        continue;
      room = &rooms[index];
      room->n_holders++;
      room->overdue += a->overdue;
      room->overdue_days = MAX (room->overdue_days, a->days);
      seen = GPOINTER_TO_INT (g_hash_table_lookup (first, a->contract_id));
      if (a->overdue > 0 && (seen == 0 || index + 1 < seen))
        {
          if (seen != 0)
            rooms[seen - 1].overdue_counted -= a->overdue;
          rooms[index].overdue_counted += a->overdue;
          g_hash_table_insert (first, a->contract_id, GINT_TO_POINTER (index + 1));
        }
    }
  pw_plan_floor_set_arrears (floor, as_of, currency);
  return TRUE;
}

char *
pw_plan_class_format_overdue (const PwPlanColoring *coloring, const PwPlanClass *cls)
{
  if (coloring->lens != PW_PLAN_LENS_ARREARS || coloring->currency == NULL)
    return NULL;
  return pw_money_format (cls->overdue, coloring->currency, PW_CURRENCY_SYMBOL);
}

char *
pw_plan_class_legend_text (const PwPlanColoring *coloring, const PwPlanClass *cls)
{
  g_autofree char *amount = pw_plan_class_format_overdue (coloring, cls);

  if (amount != NULL && cls->overdue != 0)
    /* TRANSLATORS: a legend entry of the arrears lens: the class, how many rooms it
     * holds and what their contracts owe past due */
    return g_strdup_printf (_("%s (%u) · %s"), cls->label, cls->count, amount);
  /* TRANSLATORS: a legend entry: the class and how many rooms it holds */
  return g_strdup_printf (_("%s (%u)"), cls->label, cls->count);
}

char *
pw_plan_room_describe_arrears (PwPlanFloor *floor, PwPlanRoom *room)
{
  const char *currency = pw_plan_floor_get_currency (floor);
  g_autofree char *amount = NULL;

  if (pw_plan_floor_get_arrears_date (floor) == NULL || currency == NULL || room->n_holders == 0)
    return NULL;
  if (room->overdue <= 0)
    return g_strdup (_("No overdue"));
  amount = pw_money_format (room->overdue, currency, PW_CURRENCY_SYMBOL);
  /* TRANSLATORS: what a room's contracts owe past due and the age of the oldest of it */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Overdue %s, oldest %d day",
                                       "Overdue %s, oldest %d days", (gulong) room->overdue_days),
                          amount, (int) room->overdue_days);
}
