/* pw-late-fee.c — late fees on overdue principal (docs/receivables.md, "Late fees")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants (rules E24–E25):
 *   1. A line is late from its due date + the contract's grace days + 1. Each amount of
 *      its principal accrues a day's fee on every late day up to and including the day
 *      it is paid (or credited), and up to the date the fee is counted to ("through").
 *   2. fee = round_half_up (daily rate × Σ principal-days), once per line, simple
 *      interest: a late fee is never charged on a late fee (lines whose source is
 *      "late:" are not principal), nor on a negative line.
 *   3. The cap, when the contract sets one, bounds the line's whole fee: "principal"
 *      (the line's gross) or a percent of it (rounded half up).
 *   4. A fee billed is the fee to the run's "through" day less what runs billed for the
 *      line before ("late:<line id>:<through>", at most once per source); it is taxed at
 *      the underlying line's rate, the fee taken as tax-inclusive (F29).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-contract.h"
#include "pw-date.h"
#include "pw-decimal.h"
#include "pw-late-fee-private.h"
#include "pw-money.h"
#include "pw-receivables-private.h"
#include "pw-sql-json.h"

typedef struct
{
  const char *date;
  gint64      amount;
} Settlement;

static int
compare_settlement (gconstpointer a, gconstpointer b)
{
  return strcmp (((const Settlement *) a)->date, ((const Settlement *) b)->date);
}

static gboolean
input_error (GError **error, const char *what, const char *value)
{
  /* Translators: the first %s names what is wrong (a date, a rate), the second its value */
  g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_INPUT,
               _("The late fee’s %s “%s” is not valid"), what, value ? value : "");
  return FALSE;
}

gboolean
pw_late_fee_compute (const PwLateFeeInput *in, gint64 *fee, gint64 *days_late, GError **error)
{
  GDate due, through, day, start;
  PwDecimal rate, product;
  g_autoptr(GArray) settled = g_array_new (FALSE, FALSE, sizeof (Settlement));
  gint64 open, principal_days = 0, cap = -1, start_days, through_days;
  guint i;

  *fee = 0;
  if (days_late)
    *days_late = 0;
  if (!pw_date_parse_iso (in->due_date, &due))
    return input_error (error, _("due date"), in->due_date);
  if (!pw_date_parse_iso (in->through, &through))
    return input_error (error, _("date"), in->through);
  if (!pw_decimal_parse (in->daily_rate, &rate, NULL) || pw_decimal_sign (rate) < 0)
    return input_error (error, _("daily rate"), in->daily_rate);
  if (in->principal <= 0)
    return TRUE;
  start = pw_date_add_days (&due, (int) in->grace_days + 1);
  start_days = pw_date_to_days (&start);
  through_days = pw_date_to_days (&through);
  if (through_days < start_days)
    return TRUE;
  for (i = 0; i < in->n_settlements; i++)
    {
      Settlement s = { in->settled_on[i], in->settled[i] };

      if (!pw_date_parse_iso (s.date, &day))
        return input_error (error, _("payment date"), s.date);
      g_array_append_val (settled, s);
    }
  g_array_sort (settled, compare_settlement);

  /* piecewise: the open principal on a day is what was not settled before that day */
  open = in->principal;
  {
    gint64 cursor = start_days;

    for (i = 0; i < settled->len; i++)
      {
        const Settlement *s = &g_array_index (settled, Settlement, i);
        gint64 d;

        pw_date_parse_iso (s->date, &day);
        d = pw_date_to_days (&day);
        if (d >= cursor && d <= through_days)
          {
            principal_days += MAX (open, 0) * (d - cursor + 1);
            cursor = d + 1;
          }
        else if (d > through_days)
          break;
        open -= s->amount;
      }
    if (cursor <= through_days)
      principal_days += MAX (open, 0) * (through_days - cursor + 1);
    if (days_late && open > 0)
      *days_late = through_days - start_days + 1;
  }
  if (!pw_decimal_mul (pw_decimal_from_int (principal_days, 0), rate, &product, error)
      || !pw_decimal_to_minor (product, 0, PW_ROUND_HALF_UP, fee, error))
    return FALSE;
  if (g_strcmp0 (in->cap, "principal") == 0)
    cap = in->principal;
  else if (in->cap != NULL && *in->cap != '\0' && g_strcmp0 (in->cap, "none") != 0)
    {
      PwDecimal pct, c, hundred = pw_decimal_from_int (100, 0);

      if (!pw_decimal_parse (in->cap, &pct, NULL) || pw_decimal_sign (pct) < 0)
        return input_error (error, _("cap"), in->cap);
      if (!pw_decimal_mul (pw_decimal_from_int (in->principal, 0), pct, &c, error)
          || !pw_decimal_div (c, hundred, 0, PW_ROUND_HALF_UP, &c, error)
          || !pw_decimal_to_minor (c, 0, PW_ROUND_HALF_UP, &cap, error))
        return FALSE;
    }
  if (cap >= 0 && *fee > cap)
    *fee = cap;
  return TRUE;
}

/* ---- the lines that can be late --------------------------------------------------------- */

typedef struct
{
  gboolean has;
  char    *rate;
  guint    grace;
  char    *cap;
} Terms;

static void
terms_free (gpointer data)
{
  Terms *t = data;

  g_free (t->rate);
  g_free (t->cap);
  g_free (t);
}

static const Terms *
contract_terms (PwStore *store, GHashTable *cache, const char *contract_id, GError **error)
{
  Terms *t = g_hash_table_lookup (cache, contract_id);
  sqlite3_stmt *stmt;
  int rc;

  if (t != NULL)
    return t;
  t = g_new0 (Terms, 1);
  g_hash_table_insert (cache, g_strdup (contract_id), t);
  stmt = pw_store_prepare_cached (store,
    "SELECT v.terms FROM contract c JOIN contract_version v ON v.contract_id = c.id"
    " AND v.number = c.current_version WHERE c.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(PwContract) c = pw_contract_parse (text, -1, NULL);

      if (c != NULL && pw_decimal_sign (c->late_fee_daily_rate) > 0)
        {
          t->has = TRUE;
          t->rate = pw_decimal_to_string (c->late_fee_daily_rate);
          t->grace = c->late_fee_grace_days;
          t->cap = g_strdup (c->late_fee_cap ? c->late_fee_cap : "none");
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading a contract’s terms"));
      return NULL;
    }
  return t;
}

void
pw_late_fee_line_free (gpointer data)
{
  PwLateFeeLine *f = data;

  if (f == NULL)
    return;
  g_free (f->line_id);
  g_free (f->bill_number);
  g_free (f->customer_id);
  g_free (f->customer_name);
  g_free (f->seller);
  g_free (f->seller_name);
  g_free (f->contract_id);
  g_free (f->contract_code);
  g_free (f->charge);
  g_free (f->building);
  g_free (f->bill_date);
  g_free (f->due_date);
  g_free (f->first_late);
  g_free (f->tax_rate);
  g_free (f->explanation);
  g_free (f);
}

/* Reads the payments and approved credit notes of @line_id dated up to @through. */
static gboolean
read_settlements (PwStore *store, const char *line_id, const char *through, GPtrArray *dates,
                  GArray *amounts, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT p.paid_on, a.amount FROM allocation a JOIN payment p ON p.id = a.payment_id"
    " WHERE a.bill_line_id = ?1 AND a.cancelled = 0 AND p.paid_on <= ?2"
    " UNION ALL SELECT issued_on, gross FROM credit_note WHERE bill_line_id = ?1"
    " AND status = 'approved' AND issued_on <= ?2", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, line_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, through, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 amount = sqlite3_column_int64 (stmt, 1);

      g_ptr_array_add (dates, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_array_append_val (amounts, amount);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading a bill line’s payments"));
      return FALSE;
    }
  return TRUE;
}

/* The net of a tax-inclusive @gross at @rate (F29); all of it without a rate. */
static gboolean
net_of (gint64 gross, const char *rate, gint64 *net, GError **error)
{
  PwDecimal r, one_plus, q;

  if (rate == NULL || *rate == '\0' || !pw_decimal_parse (rate, &r, NULL))
    {
      *net = gross;
      return TRUE;
    }
  return pw_decimal_add (pw_decimal_from_int (1, 0), r, &one_plus, error)
         && pw_decimal_div (pw_decimal_from_int (gross, 0), one_plus, 0, PW_ROUND_HALF_UP, &q, error)
         && pw_decimal_to_minor (q, 0, PW_ROUND_HALF_UP, net, error);
}

GPtrArray *
pw_late_fee_collect (PwStore *store, const char *park_id, const char *through, GError **error)
{
  g_autofree char *currency = NULL;
  g_autofree char *park = pw_receivables_park (store, park_id, &currency, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, terms_free);
  g_autoptr(GPtrArray) fees = NULL;
  GDate through_date;
  int rc;

  if (park == NULL)
    return NULL;
  if (through == NULL || !pw_date_parse_iso (through, &through_date))
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_INPUT,
                   _("“%s” is not a date of the form YYYY-MM-DD"), through ? through : "");
      return NULL;
    }
  /* principal lines of bills that are out, due before the date */
  stmt = pw_store_prepare (store,
    "SELECT l.id, b.number, b.customer_id, coalesce (cu.name, ''), b.seller, b.seller_name,"
    " l.contract_id, coalesce (k.code, ''), l.charge, coalesce (r.building, ''), b.bill_date,"
    " b.due_date, l.gross, l.tax_rate,"
    " coalesce ((SELECT sum (m.gross) FROM bill_line m WHERE m.cancelled = 0"
    "   AND m.source >= 'late:' || l.id || ':' AND m.source < 'late:' || l.id || ';'), 0)"
    " FROM bill b JOIN bill_line l ON l.bill_id = b.id"
    " LEFT JOIN customer cu ON cu.id = b.customer_id LEFT JOIN contract k ON k.id = l.contract_id"
    " LEFT JOIN receivable_line r ON r.line_id = l.id"
    " WHERE b.park_id = ?1 AND b.status IN ('released', 'sent') AND l.cancelled = 0"
    " AND l.gross > 0 AND l.contract_id IS NOT NULL AND b.due_date < ?2"
    " AND l.source NOT LIKE 'late:%'"
    /* a line settled by its due date is never late: leave it out before reading terms */
    " AND l.gross - coalesce ((SELECT sum (a.amount) FROM allocation a JOIN payment p"
    "   ON p.id = a.payment_id WHERE a.bill_line_id = l.id AND a.cancelled = 0"
    "   AND p.paid_on <= b.due_date), 0)"
    " - coalesce ((SELECT sum (c.gross) FROM credit_note c WHERE c.bill_line_id = l.id"
    "   AND c.status = 'approved' AND c.issued_on <= b.due_date), 0) > 0"
    " ORDER BY b.number, l.rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, park, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, through, -1, SQLITE_TRANSIENT);
  fees = g_ptr_array_new_with_free_func (pw_late_fee_line_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line_id = (const char *) sqlite3_column_text (stmt, 0);
      const char *contract_id = (const char *) sqlite3_column_text (stmt, 6);
      const Terms *t = contract_terms (store, terms, contract_id, error);
      g_autoptr(GPtrArray) dates = NULL;
      g_autoptr(GArray) amounts = NULL;
      PwLateFeeInput in = { 0 };
      PwLateFeeLine *f;
      gint64 fee = 0, days = 0, open;
      g_autofree char *text_principal = NULL, *text_fee = NULL;
      GDate due, first;

      if (t == NULL)
        return NULL;
      if (!t->has)
        continue;
      dates = g_ptr_array_new_with_free_func (g_free);
      amounts = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (!read_settlements (store, line_id, through, dates, amounts, error))
        return NULL;
      in.due_date = (const char *) sqlite3_column_text (stmt, 11);
      in.principal = sqlite3_column_int64 (stmt, 12);
      in.daily_rate = t->rate;
      in.grace_days = t->grace;
      in.cap = t->cap;
      in.through = through;
      in.n_settlements = dates->len;
      in.settled_on = (const char *const *) dates->pdata;
      in.settled = (const gint64 *) amounts->data;
      if (!pw_late_fee_compute (&in, &fee, &days, error))
        return NULL;
      if (fee == 0)
        continue;
      open = in.principal;
      for (guint i = 0; i < amounts->len; i++)
        open -= g_array_index (amounts, gint64, i);
      f = g_new0 (PwLateFeeLine, 1);
      f->line_id = g_strdup (line_id);
      f->bill_number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      f->customer_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      f->customer_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      f->seller = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      f->seller_name = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      f->contract_id = g_strdup (contract_id);
      f->contract_code = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      f->charge = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      f->building = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      f->bill_date = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
      f->due_date = g_strdup (in.due_date);
      pw_date_parse_iso (in.due_date, &due);
      first = pw_date_add_days (&due, (int) t->grace + 1);
      f->first_late = pw_date_format_iso_new (&first);
      f->principal = in.principal;
      f->open = MAX (open, 0);
      f->days_late = days;
      f->fee = fee;
      f->billed = sqlite3_column_int64 (stmt, 14);
      f->to_bill = MAX (fee - f->billed, 0);
      f->tax_rate = g_strdup ((const char *) sqlite3_column_text (stmt, 13));
      if (!net_of (f->to_bill, f->tax_rate, &f->net, error))
        {
          pw_late_fee_line_free (f);
          return NULL;
        }
      f->tax = f->to_bill - f->net;
      text_principal = pw_money_format_amount (in.principal, currency);
      text_fee = pw_money_format_amount (fee, currency);
      /* Translators: bill, principal, daily rate, grace days, first late day, last day
       * counted, cap ("none", "principal" or a percent), the fee */
      f->explanation = g_strdup_printf (_("Late fee on %s: %s at %s a day from %s (after %u grace "
                                          "days) to %s, less payments as they came; cap %s: %s"),
                                        f->bill_number, text_principal, t->rate, f->first_late,
                                        t->grace, through, t->cap, text_fee);
      g_ptr_array_add (fees, f);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the bills that can be late"));
      return NULL;
    }
  return g_steal_pointer (&fees);
}

JsonArray *
pw_late_fee_preview (PwStore *store, const char *park_id, const char *as_of, GError **error)
{
  g_autoptr(GPtrArray) fees = pw_late_fee_collect (store, park_id, as_of, error);
  JsonArray *array;

  if (fees == NULL)
    return NULL;
  array = json_array_new ();
  for (guint i = 0; i < fees->len; i++)
    {
      const PwLateFeeLine *f = fees->pdata[i];
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "bill_number", f->bill_number);
      json_object_set_string_member (o, "line_id", f->line_id);
      json_object_set_string_member (o, "customer_name", f->customer_name);
      json_object_set_string_member (o, "contract_code", f->contract_code);
      json_object_set_string_member (o, "charge", f->charge);
      json_object_set_string_member (o, "due_date", f->due_date);
      json_object_set_string_member (o, "first_late_day", f->first_late);
      json_object_set_int_member (o, "principal", f->principal);
      json_object_set_int_member (o, "open", f->open);
      json_object_set_int_member (o, "days_late", f->days_late);
      json_object_set_int_member (o, "fee", f->fee);
      json_object_set_int_member (o, "billed", f->billed);
      json_object_set_int_member (o, "to_bill", f->to_bill);
      json_object_set_int_member (o, "net", f->net);
      json_object_set_int_member (o, "tax", f->tax);
      json_object_set_string_member (o, "tax_rate", f->tax_rate ? f->tax_rate : "");
      json_object_set_string_member (o, "explanation", f->explanation);
      json_array_add_object_element (array, o);
    }
  return array;
}
