/* pw-lease-code.c — the number a new contract of a park gets
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Contracts are numbered by the park's contract pattern (docs/contract-numbers.md),
 * PW_CONTRACT_CODE_PATTERN: the park's code, the year and a three-digit sequence
 * ("LSP-2026-014"), as the demo park's contracts are. The next number is one more
 * than the highest of that year in the park, so a number is never given twice,
 * even when a contract was deleted or ended. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "pw-code-pattern.h"
#include "pw-lease.h"
#include "pw-ledger.h"
#include "pw-row.h"

char *
pw_lease_next_code (PwStore    *store,
                    const char *park_id,
                    const char *date,
                    GError    **error)
{
  g_autoptr(PwCodePattern) pattern = pw_code_pattern_new (PW_CONTRACT_CODE_PATTERN, error);
  g_autoptr(JsonObject) park = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  PwCodeContext ctx = { NULL, NULL, 0, NULL, 0 };
  unsigned y = 0, m = 0, d = 0;
  guint highest = 0;
  char *code;
  int rc;

  if (pattern == NULL)
    return NULL;
  if (date == NULL || !pw_date_is_valid (date) || sscanf (date, "%4u-%2u-%2u", &y, &m, &d) != 3)
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "date",
                          _("“%s” is not a date of the form YYYY-MM-DD"), date ? date : "");
      return NULL;
    }
  park = pw_store_get_row (store, "park", park_id, error);
  if (park == NULL)
    return NULL;
  ctx.park = pw_row_string (park, "code");
  ctx.year = (int) y;

  stmt = pw_store_prepare (store, "SELECT code FROM contract WHERE park_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint seq = 0;

      if (pw_code_pattern_match_seq (pattern, (const char *) sqlite3_column_text (stmt, 0), &ctx,
                                     &seq, NULL)
          && seq > highest)
        highest = seq;
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the park’s contracts"));
      return NULL;
    }
  code = highest < G_MAXUINT ? pw_code_pattern_format (pattern, &ctx, highest + 1) : NULL;
  if (code == NULL)
    g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_CODE,
                 _("The park has used every contract number of %u; type one"), y);
  return code;
}
