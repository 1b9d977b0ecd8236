/* pw-bill.c — bills: statuses, numbers, the records' validator (docs/billing.md)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *   1. A posted bill changes only its status, along pw_bill_status_can_become(); its
 *      number, customer, seller, dates and amounts never change.
 *   2. A bill line changes only "cancelled", from 0 to 1, and only while its bill is
 *      not sent: a sent bill is corrected by a credit note, never rewritten.
 *   3. Numbers of one park, seller and year run 1, 2, 3 … without gaps: the next is
 *      one more than the highest stored, read inside the posting transaction, so a
 *      post that rolls back takes no number with it. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "pw-bill.h"
#include "pw-code-pattern.h"
#include "pw-date.h"
#include "pw-decimal.h"
#include "pw-money.h"
#include "pw-row.h"
#include "pw-sql-json.h"

G_DEFINE_QUARK (pw-bill-error-quark, pw_bill_error)

static const char *const status_names[] = { "draft", "held", "released", "sent", "cancelled" };

const char *
pw_bill_status_to_string (PwBillStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), NULL);
  return status_names[status];
}

int
pw_bill_status_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (text, status_names[i]) == 0)
      return (int) i;
  return -1;
}

const char *
pw_bill_status_get_label (PwBillStatus status)
{
  switch (status)
    {
    case PW_BILL_DRAFT:
      /* Translators: the status of a bill posted and not yet sent */
      return C_("bill status", "Draft");
    case PW_BILL_HELD:
      return C_("bill status", "Held");
    case PW_BILL_RELEASED:
      return C_("bill status", "Released");
    case PW_BILL_SENT:
      return C_("bill status", "Sent");
    case PW_BILL_CANCELLED:
      return C_("bill status", "Cancelled");
    default:
      return "";
    }
}

/* draft → held, released, sent or cancelled; held → released or cancelled;
 * released → held, sent or cancelled; sent and cancelled go nowhere here (what
 * follows sending — credit notes, payments — comes later). */
gboolean
pw_bill_status_can_become (PwBillStatus from, PwBillStatus to)
{
  switch (from)
    {
    case PW_BILL_DRAFT:
      return to == PW_BILL_HELD || to == PW_BILL_RELEASED || to == PW_BILL_SENT
             || to == PW_BILL_CANCELLED;
    case PW_BILL_HELD:
      return to == PW_BILL_RELEASED || to == PW_BILL_CANCELLED;
    case PW_BILL_RELEASED:
      return to == PW_BILL_HELD || to == PW_BILL_SENT || to == PW_BILL_CANCELLED;
    case PW_BILL_SENT:
    case PW_BILL_CANCELLED:
    default:
      return FALSE;
    }
}

gboolean
pw_bill_status_has_notice (PwBillStatus status)
{
  return status == PW_BILL_DRAFT || status == PW_BILL_HELD || status == PW_BILL_RELEASED
         || status == PW_BILL_SENT;
}

/* ---- numbers --------------------------------------------------------------------- */

/* The number of sequence @seq for @park_code, @seller and @year. */
static char *
format_number (const char *park_code, const char *seller, int year, guint seq)
{
  g_autoptr(PwCodePattern) pattern = pw_code_pattern_new (PW_BILL_NUMBER_PATTERN, NULL);
  g_autofree char *prefix = g_strdup_printf ("%s-%s", park_code, seller);
  PwCodeContext ctx = { NULL, NULL, 0, prefix, year };

  g_assert (pattern != NULL);
  return pw_code_pattern_format (pattern, &ctx, seq);
}

gint64
pw_bill_highest_seq (PwStore *store, const char *park_id, const char *park_code,
                     const char *seller, int year, GError **error)
{
  g_autofree char *zero = format_number (park_code, seller, year, 0);
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT max (CAST (substr (number, ?3 + 1) AS INTEGER)) FROM bill"
    " WHERE park_id = ?1 AND substr (number, 1, ?3) = ?2 AND length (number) = ?4", error);
  gsize len = strlen (zero);
  gint64 highest = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  /* the sequence is the pattern's last six digits */
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, zero, (int) len - 6, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, (gint64) len - 6);
  sqlite3_bind_int64 (stmt, 4, (gint64) len);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    highest = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      pw_store_set_error (store, error, rc, _("reading the bill numbers"));
      return -1;
    }
  return highest;
}

char *
pw_bill_number (const char *park_code, const char *seller, int year, guint seq)
{
  return format_number (park_code, seller, year, seq);
}

char *
pw_bill_next_number (PwStore *store, const char *park_id, const char *park_code,
                     const char *seller, const char *bill_date, GError **error)
{
  unsigned y = 0, m = 0, d = 0;
  gint64 highest;

  if (bill_date == NULL || !pw_date_is_valid (bill_date)
      || sscanf (bill_date, "%4u-%2u-%2u", &y, &m, &d) != 3)
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "bill_date",
                          _("“%s” is not a date of the form YYYY-MM-DD"),
                          bill_date ? bill_date : "");
      return NULL;
    }
  highest = pw_bill_highest_seq (store, park_id, park_code, seller, (int) y, error);
  if (highest < 0)
    return NULL;
  if (highest >= 999999)
    {
      g_set_error (error, PW_BILL_ERROR, PW_BILL_ERROR_STATUS,
                   _("Seller %s of park %s has used every bill number of %u"), seller,
                   park_code, y);
      return NULL;
    }
  return format_number (park_code, seller, (int) y, (guint) highest + 1);
}

/* ---- the validator ----------------------------------------------------------------- */

gboolean
pw_bill_period_is_valid (const char *period)
{
  unsigned y = 0, m = 0;
  char end;

  return period != NULL && strlen (period) == 7 && period[4] == '-'
         && sscanf (period, "%4u-%2u%c", &y, &m, &end) == 2 && y >= 1900 && y <= 9999
         && m >= 1 && m <= 12 && g_ascii_isdigit (period[5]);
}

static gboolean
require_period (JsonObject *row, GError **error)
{
  const char *period = pw_row_string (row, "period");

  if (!pw_bill_period_is_valid (period))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "period",
                               _("“%s” is not a billing period of the form YYYY-MM"),
                               period ? period : "");
  return TRUE;
}

/* net + tax = gross, each a whole number of minor units */
static gboolean
require_amounts (JsonObject *row, GError **error)
{
  gint64 net, tax, gross;

  if (!pw_row_int (row, "net", &net))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "net",
                               _("must be a whole number of minor units"));
  if (!pw_row_int (row, "tax", &tax))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "tax",
                               _("must be a whole number of minor units"));
  if (!pw_row_int (row, "gross", &gross))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "gross",
                               _("must be a whole number of minor units"));
  if (net + tax != gross)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "gross",
                               _("must be the net amount plus the tax"));
  return TRUE;
}

static const char *const timestamps[] = { "version", "created_at", "updated_at", NULL };

static gboolean
validate_bill (JsonObject *row, JsonObject *before, GError **error)
{
  static const char *const status_only[] = {
    "status", "version", "created_at", "updated_at", NULL
  };
  int status = pw_bill_status_from_string (pw_row_string (row, "status"));
  const char *currency = pw_row_string (row, "currency");

  if (status < 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status",
                               _("“%s” is not one of the allowed values"),
                               pw_row_string (row, "status") ? pw_row_string (row, "status") : "");
  if (before != NULL)
    {
      int was = pw_bill_status_from_string (pw_row_string (before, "status"));

      if (!pw_row_unchanged_but (row, before, status_only,
                                 _("a posted bill changes only its status"), error))
        return FALSE;
      if (was != status && (was < 0 || !pw_bill_status_can_become (was, status)))
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status",
                                   _("bill %s cannot go from %s to %s"),
                                   pw_row_string (row, "number"),
                                   was < 0 ? "?" : pw_bill_status_get_label (was),
                                   pw_bill_status_get_label (status));
      return TRUE;
    }
  if (!pw_row_require_text (row, "number", 64, FALSE, error)
      || !pw_row_require_text (row, "customer_id", 64, FALSE, error)
      || !pw_row_require_text (row, "run_id", 64, FALSE, error)
      || !pw_row_require_text (row, "seller", 64, FALSE, error)
      || !pw_row_require_date (row, "bill_date", FALSE, error)
      || !pw_row_require_date (row, "due_date", FALSE, error) || !require_period (row, error)
      || !require_amounts (row, error))
    return FALSE;
  if (currency == NULL || !pw_currency_is_known (currency))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "currency",
                               _("must be a three-letter ISO 4217 code such as CNY"));
  return TRUE;
}

static gboolean
bill_is_sent (PwStore *store, const char *bill_id, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT status FROM bill WHERE id = ?", error);
  gboolean sent = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, bill_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    sent = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "sent") == 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    pw_store_set_error (store, error, rc, _("reading a bill"));
  return sent;
}

static gboolean
validate_line (PwStore *store, JsonObject *row, JsonObject *before, GError **error)
{
  static const char *const cancel_only[] = {
    "cancelled", "version", "created_at", "updated_at", NULL
  };
  static const char *const kinds[] = { "charge", "credit", "deposit", "penalty", NULL };
  const char *source = pw_row_string (row, "source");
  gint64 cancelled = 0;

  if (!pw_row_int (row, "cancelled", &cancelled) || (cancelled != 0 && cancelled != 1))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "cancelled",
                               _("must be 0 or 1"));
  if (before != NULL)
    {
      gint64 was = 0;
      g_autoptr(GError) local = NULL;

      if (!pw_row_unchanged_but (row, before, cancel_only,
                                 _("a bill line changes only when its bill is cancelled"),
                                 error))
        return FALSE;
      pw_row_int (before, "cancelled", &was);
      if (was == 1 && cancelled == 0)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "cancelled",
                                   _("a cancelled bill line stays cancelled"));
      if (bill_is_sent (store, pw_row_string (row, "bill_id"), &local))
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "cancelled",
                                   _("the bill was sent: it is corrected by a credit note"));
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      return TRUE;
    }
  if (source == NULL
      || (!g_str_has_prefix (source, PW_BILL_SOURCE_SCHEDULE)
          && !g_str_has_prefix (source, PW_BILL_SOURCE_ADJUST)
          && !g_str_has_prefix (source, PW_BILL_SOURCE_METER)
          && !g_str_has_prefix (source, PW_BILL_SOURCE_LATE)
          && !g_str_has_prefix (source, PW_BILL_SOURCE_METER_ADJ)))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "source",
                               _("must begin with schedule:, adjust:, meter:, meter-adj: or late:"));
  if (!pw_row_require_text (row, "source", 300, FALSE, error)
      || !pw_row_require_text (row, "origin", 300, FALSE, error)
      || !pw_row_require_text (row, "bill_id", 64, FALSE, error)
      || !pw_row_require_text (row, "charge", 100, FALSE, error)
      || !pw_row_require_date (row, "period_start", FALSE, error)
      || !pw_row_require_date (row, "period_end", FALSE, error)
      || !require_amounts (row, error))
    return FALSE;
  return pw_row_require_word (row, "kind", kinds, error)
         && pw_row_require_tax_rate (row, "tax_rate", error);
}

gboolean
pw_bill_validate (PwStore *store, const char *entity, JsonObject *row, JsonObject *before,
                  GError **error)
{
  if (g_str_equal (entity, "bill"))
    return validate_bill (row, before, error);
  if (g_str_equal (entity, "bill_line"))
    return validate_line (store, row, before, error);
  if (g_str_equal (entity, "bill_run"))
    {
      const char *filters = pw_row_string (row, "filters");
      g_autoptr(JsonNode) node = NULL;

      if (before != NULL)
        return pw_row_unchanged_but (row, before, timestamps, _("a bill run never changes"),
                                     error);
      if (!require_period (row, error)
          || !pw_row_require_text (row, "posted_at", 40, FALSE, error))
        return FALSE;
      if (filters != NULL)
        node = json_from_string (filters, NULL);
      if (filters != NULL && (node == NULL || !JSON_NODE_HOLDS_OBJECT (node)))
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "filters",
                                   _("must be a JSON object"));
      return TRUE;
    }
  return TRUE;
}
