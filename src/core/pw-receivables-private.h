/* pw-receivables-private.h — what the parts of receivables share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-receivables.h"

G_BEGIN_DECLS

/* The one integer (or 0 when there is no row) of @sql with text parameters @p1, @p2
 * (either may be NULL: not bound). FALSE with @error set on a failure. */
gboolean   pw_receivables_query_int   (PwStore     *store,
                                       const char  *sql,
                                       const char  *p1,
                                       const char  *p2,
                                       gint64      *out,
                                       GError     **error);
/* The park's id (@park_id, or the first park's when NULL) and its currency. */
char      *pw_receivables_park        (PwStore     *store,
                                       const char  *park_id,
                                       char       **currency,
                                       GError     **error);
/* What is still owed on a bill line: gross − approved credit notes − allocations. */
#define PW_LINE_OPEN_SQL                                                                   \
  "(l.gross - coalesce ((SELECT sum (c.gross) FROM credit_note c WHERE c.bill_line_id = l.id" \
  " AND c.status = 'approved'), 0) - coalesce ((SELECT sum (a.amount) FROM allocation a"      \
  " WHERE a.bill_line_id = l.id AND a.cancelled = 0), 0))"
/* Whether a bill line's source is a late fee's */
#define PW_LATE_SOURCE "late:"

/* Mutations that give back, newest first, what allocations to @line_id hold beyond
 * what it owes once @credit more is credited on it (the payments keep it unapplied). */
gboolean   pw_receivables_trim_allocations (PwStore    *store,
                                            const char *line_id,
                                            gint64      credit,
                                            GPtrArray  *mutations,
                                            GError    **error);
/* Mutations (added to @mutations) cancelling each allocation that @sql selects (its
 * id and version) with @id bound to its one parameter. */
gboolean   pw_receivables_cancel_allocations (PwStore    *store,
                                              const char *sql,
                                              const char *id,
                                              GPtrArray  *mutations,
                                              GError    **error);
gboolean   pw_credit_note_validate    (PwStore     *store,
                                       JsonObject  *row,
                                       JsonObject  *before,
                                       GError     **error);
/* Today, YYYY-MM-DD, UTC */
char      *pw_receivables_today       (void);

G_END_DECLS
