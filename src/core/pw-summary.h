/* pw-summary.h — area summaries of a park, building or floor
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pw-ledger.h"

G_BEGIN_DECLS

/* All areas in hundredths of a square metre. "Units" are the spaces that are
 * not common areas and not disposed. See docs/areas.md and docs/billing-rules.md rules 1–5.
 *   gross     = internal + common            (every unit's internal plus its share)
 *   common    = Σ apportioned shares of the units in scope
 *   K         = common ÷ Σ internal of units that take a share
 *   公摊率     = common ÷ gross;  得房率 = internal ÷ gross
 *   R/U       = gross ÷ usable
 *   leasable  = Σ chargeable area of leasable units
 *   leased    = Σ chargeable area of leasable units whose status is leased
 *   vacant    = leasable − leased;  vacancy rate = vacant ÷ leasable */
typedef struct {
  gint64 gross;
  gint64 internal;
  gint64 usable;
  gint64 common;
  gint64 sharing_internal;
  gint64 leasable;
  gint64 leased;
  gint64 vacant;
  guint  n_spaces;
  guint  n_units;
  guint  n_leasable;
  guint  n_leased;
} PwAreaSummary;

/* Sums @spaces (PwSpace, as loaded by pw_ledger_load_spaces) that lie in the
 * scope: the whole list for a park, or the building or floor with @scope_id. */
void        pw_summary_compute      (GPtrArray     *spaces,
                                     PwNodeKind     scope,
                                     const char    *scope_id,
                                     PwAreaSummary *out);

/* Ratios as exact decimal strings rounded half-up; NULL when the divisor is 0.
 * K to 6 decimals, the rates as percentages with 2 decimals, R/U to 4 decimals. */
char       *pw_summary_format_k           (const PwAreaSummary *s);
char       *pw_summary_format_common_rate (const PwAreaSummary *s);
char       *pw_summary_format_net_rate    (const PwAreaSummary *s);
char       *pw_summary_format_load_factor (const PwAreaSummary *s);
char       *pw_summary_format_vacancy     (const PwAreaSummary *s);

/* The documented JSON form (README "ledger summary --json"). */
JsonNode   *pw_summary_to_json      (const PwAreaSummary *s);
/* The park, each building and each floor, nested. */
JsonNode   *pw_summary_tree_to_json (PwStore       *store,
                                     const char    *park_id,
                                     GError       **error);

G_END_DECLS
