/* pw-bill-run-late.c — a bill run's late-fee lines (docs/receivables.md, "Late fees")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run of period P bills the late fees counted to the day before P begins: for each
 * principal line with a fee, the fee so far less what earlier runs billed for it, as
 * one line "late:<bill line id>:<through>" (billed once: the source is unique among
 * lines that stand) to the underlying bill's customer and seller, charge "late_fee",
 * kind penalty, taxed at the underlying line's rate. It is billed on the period's
 * first day and due as many days later as the underlying bill gave.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-bill-run-private.h"
#include "pw-date.h"
#include "pw-late-fee-private.h"

#define LATE_FEE_CHARGE "late_fee"

static gboolean
filtered_out (const PwBillRunFilter *filter, const PwLateFeeLine *f)
{
  if (filter == NULL)
    return FALSE;
  if (filter->customers != NULL && filter->customers[0] != NULL
      && !g_strv_contains ((const char *const *) filter->customers, f->customer_id)
      && !g_strv_contains ((const char *const *) filter->customers, f->customer_name))
    return TRUE;
  if (filter->buildings != NULL && filter->buildings[0] != NULL
      && !g_strv_contains ((const char *const *) filter->buildings, f->building))
    return TRUE;
  if (filter->charges != NULL && filter->charges[0] != NULL
      && !g_strv_contains ((const char *const *) filter->charges, LATE_FEE_CHARGE)
      && !g_strv_contains ((const char *const *) filter->charges, f->charge))
    return TRUE;
  return FALSE;
}

gboolean
pw_bill_run_find_late_fees (PwBillRunWork *work, GError **error)
{
  g_autoptr(GPtrArray) fees = NULL;
  GDate first, through, bill_date, due_date;
  char through_text[11];

  pw_date_parse_iso (work->first_day, &first);
  through = pw_date_add_days (&first, -1);
  pw_date_format_iso (&through, through_text);
  fees = pw_late_fee_collect (work->store, work->run->park_id, through_text, error);
  if (fees == NULL)
    return FALSE;
  for (guint i = 0; i < fees->len; i++)
    {
      PwLateFeeLine *f = fees->pdata[i];
      g_autofree char *source = NULL;
      PwBillRunLine *l;
      PwBillRunFound *found;
      int taken;
      gint64 gap = 0;

      if (f->to_bill <= 0 || filtered_out (work->filter, f))
        continue;
      source = g_strdup_printf ("late:%s:%s", f->line_id, through_text);
      taken = pw_bill_run_source_taken (work, source, error);
      if (taken < 0)
        return FALSE;
      if (taken)
        continue;
      if (pw_date_parse_iso (f->bill_date, &bill_date) && pw_date_parse_iso (f->due_date, &due_date))
        gap = MAX (g_date_days_between (&bill_date, &due_date), 0);
      due_date = pw_date_add_days (&first, (int) gap);
      l = g_new0 (PwBillRunLine, 1);
      l->source = g_strdup (source);
      l->origin = g_strdup (source);
      l->contract_id = g_strdup (f->contract_id);
      l->contract_code = g_strdup (f->contract_code);
      l->charge = g_strdup (LATE_FEE_CHARGE);
      l->kind = g_strdup ("penalty");
      l->period_start = g_strdup (f->first_late);
      l->period_end = g_strdup (through_text);
      l->bill_date = g_strdup (work->first_day);
      l->due_date = pw_date_format_iso_new (&due_date);
      l->net = f->net;
      l->tax = f->tax;
      l->gross = f->to_bill;
      l->tax_rate = g_strdup (f->tax_rate ? f->tax_rate : "");
      l->explanation = g_strdup (f->explanation);
      found = g_new0 (PwBillRunFound, 1);
      found->line = l;
      found->customer_id = g_strdup (f->customer_id);
      found->customer_name = g_strdup (f->customer_name);
      found->seller = g_strdup (f->seller);
      found->seller_name = g_strdup (f->seller_name);
      g_hash_table_add (work->taken, g_strdup (source));
      g_ptr_array_add (work->found, found);
    }
  return TRUE;
}
