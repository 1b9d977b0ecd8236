/* pw-demo-billing.c — the demo park's sellers' bank accounts and a year of bill runs
 * and payments (docs/receivables.md, "The demo park")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo posts a bill run for each of the twelve complete months before the current
 * one (the months the meters have readings for), oldest first, as a park that has
 * billed for a year would have: each run's bills are sent at once, and the payments
 * dated before the next run begins are recorded before it, so that its late fees count
 * only what was really late. Customers are told apart by their place in the order of
 * their names (the same on every seed):
 *
 *   - most pay each bill in full a few days before it falls due;
 *   - every sixth pays 20–34 days after the due date (late: a late fee follows);
 *   - the second customer stopped paying bills due in the last five months (more than
 *     90 days overdue today), the fifth those due in the last two, and the seventh pays
 *     half of each bill due in the last three.
 *
 * Invariants:
 *   1. No payment is dated after today, nor before the bill it pays was dated.
 *   2. A run of period P is posted after every payment dated before P's first day, so a
 *      late fee is billed only on principal that was still open. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-bill.h"
#include "pw-bill-run.h"
#include "pw-date.h"
#include "pw-demo-private.h"
#include "pw-ledger.h"
#include "pw-park-seller.h"
#include "pw-receivables.h"

#define DEMO_MONTHS 12

typedef struct {
  char   *paid_on;   /* YYYY-MM-DD */
  char   *customer;  /* id */
  char   *number;    /* the bill it pays */
  gint64  amount;
} Payment;

static void
payment_free (Payment *p)
{
  g_free (p->paid_on);
  g_free (p->customer);
  g_free (p->number);
  g_free (p);
}

static int
payment_cmp (gconstpointer a, gconstpointer b)
{
  const Payment *x = *(Payment *const *) a, *y = *(Payment *const *) b;
  int c = strcmp (x->paid_on, y->paid_on);

  return c != 0 ? c : strcmp (x->number, y->number);
}

/* What a customer of rank @rank pays of a bill of @gross due on @due (julian), and
 * when; 0 when it does not pay it. @today is the seed's day. */
static gint64
plan_payment (guint rank, const char *number, gint64 gross, guint32 bill_day, guint32 due,
              guint32 today, guint32 *paid)
{
  guint spread = (guint) (g_str_hash (number) % 15);

  if (gross <= 0)
    return 0;
  if (rank == 1 && due + 150 > today)
    return 0;                                   /* in arrears for five months */
  if (rank == 4 && due + 60 > today)
    return 0;                                   /* in arrears for two months */
  if (rank % 6 == 5)
    *paid = due + 20 + spread;                  /* pays late */
  else
    *paid = due - spread % 4;                   /* on time */
  if (*paid < bill_day)
    *paid = bill_day;
  if (rank == 6 && due + 90 > today)
    return gross / 2;                           /* pays half */
  return gross;
}

static guint32
julian_of (const char *iso)
{
  GDate d;

  if (!pw_date_parse_iso (iso, &d))
    return 0;
  return g_date_get_julian (&d);
}

static char *
iso_of (guint32 julian)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_julian (&d, julian);
  return pw_date_format_iso_new (&d);
}

/* The payments of @pending dated before @before (or all when NULL), in date order;
 * the rest stay pending. */
static gboolean
record_payments (PwStore *store, const char *park_id, GPtrArray *pending, const char *before,
                 GError **error)
{
  g_ptr_array_sort (pending, payment_cmp);
  while (pending->len > 0)
    {
      Payment *p = g_ptr_array_index (pending, 0);
      const char *designation[] = { p->number, NULL };
      PwPaymentInput in = { 0 };
      g_autofree char *id = NULL;

      if (before != NULL && strcmp (p->paid_on, before) >= 0)
        break;
      in.customer = p->customer;
      in.paid_on = p->paid_on;
      in.amount = p->amount;
      in.method = "transfer";
      in.reference = p->number;
      in.designation = designation;
      if ((id = pw_payment_add (store, park_id, &in, error)) == NULL)
        return FALSE;
      g_ptr_array_remove_index (pending, 0);
    }
  return TRUE;
}

/* The rank of @customer_id among the customers with a running contract, in name order */
static guint
rank_of (GHashTable *ranks, const char *customer_id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (ranks, customer_id));
}

static gboolean
rank_customers (PwStore *store, const char *park_id, GHashTable *ranks, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT cu.id FROM customer cu WHERE cu.park_id = ?1 AND EXISTS (SELECT 1 FROM contract c"
    " WHERE c.customer_id = cu.id AND c.park_id = ?1 AND c.status IN ('active', 'expiring'))"
    " ORDER BY cu.name, cu.id", error);
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (ranks, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GUINT_TO_POINTER (n++));
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the demo park’s customers"));
      return FALSE;
    }
  return TRUE;
}

/* Sends the bills of @run and plans their payments into @pending. */
static gboolean
send_and_plan (PwStore *store, const char *park_id, PwBillRun *run, GHashTable *ranks,
               guint32 today, GPtrArray *pending, GError **error)
{
  for (guint i = 0; i < run->bills->len; i++)
    {
      PwBillRunBill *b = g_ptr_array_index (run->bills, i);
      guint32 paid = 0;
      gint64 amount;

      if (!pw_bill_set_status (store, park_id, b->number, PW_BILL_SENT, error))
        return FALSE;
      amount = plan_payment (rank_of (ranks, b->customer_id), b->number, b->gross,
                             julian_of (b->bill_date), julian_of (b->due_date), today, &paid);
      if (amount > 0 && paid <= today)
        {
          Payment *p = g_new0 (Payment, 1);

          p->paid_on = iso_of (paid);
          p->customer = g_strdup (b->customer_id);
          p->number = g_strdup (b->number);
          p->amount = amount;
          g_ptr_array_add (pending, p);
        }
    }
  return TRUE;
}

/**
 * pw_demo_seed_billing:
 * @store: the store holding the demo park
 * @park_id: the demo park
 * @landlord: the landlord's name (seller LL), as the contracts give it
 * @property: the property company's name (seller PM)
 * @error: return location for an error
 *
 * Records the sellers' bank accounts, then posts the bill runs of the twelve complete
 * months before today, sends their bills and records their payments (see the top of
 * this file). Each run is its own transaction; the sending and the payments between
 * two runs are one more.
 *
 * Returns: %TRUE on success.
 */
gboolean
pw_demo_seed_billing (PwStore *store, const char *park_id, const char *landlord,
                      const char *property, GError **error)
{
  g_autoptr(GHashTable) ranks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func ((GDestroyNotify) payment_free);
  g_autofree char *today_iso = pw_today_iso ();
  guint32 today = julian_of (today_iso);
  GDate month;

  if (!pw_store_begin (store, error))
    return FALSE;
  if (!pw_park_set_seller (store, park_id, "LL", landlord,
                           _("Bank of China, Suzhou Industrial Park Sub-branch"),
                           "5277 5810 2046", error)
      || !pw_park_set_seller (store, park_id, "PM", property,
                              _("China Construction Bank, Suzhou Jinji Lake Sub-branch"),
                              "3225 0198 8360 0000 0731", error)
      || !rank_customers (store, park_id, ranks, error))
    {
      pw_store_rollback (store);
      return FALSE;
    }
  if (!pw_store_commit (store, error))
    return FALSE;

  g_date_clear (&month, 1);
  g_date_set_julian (&month, today);
  g_date_set_day (&month, 1);
  g_date_subtract_months (&month, DEMO_MONTHS);
  for (guint k = 0; k < DEMO_MONTHS; k++)
    {
      g_autofree char *first = pw_date_format_iso_new (&month);
      g_autofree char *period = g_strndup (first, 7);
      g_autoptr(PwBillRun) run = NULL;

      /* what was paid before the month began, then the month's run */
      if (!pw_store_begin (store, error))
        return FALSE;
      if (!record_payments (store, park_id, pending, first, error))
        {
          pw_store_rollback (store);
          return FALSE;
        }
      if (!pw_store_commit (store, error))
        return FALSE;
      if ((run = pw_bill_run_post (store, park_id, period, NULL, error)) == NULL)
        return FALSE;
      if (!pw_store_begin (store, error))
        return FALSE;
      if (!send_and_plan (store, park_id, run, ranks, today, pending, error))
        {
          pw_store_rollback (store);
          return FALSE;
        }
      if (!pw_store_commit (store, error))
        return FALSE;
      g_date_add_months (&month, 1);
    }
  /* and what was paid since the last run, up to today */
  if (!pw_store_begin (store, error))
    return FALSE;
  if (!record_payments (store, park_id, pending, NULL, error))
    {
      pw_store_rollback (store);
      return FALSE;
    }
  return pw_store_commit (store, error);
}
