/* pw-schedule.h — a contract's charge schedule: every bill line over the term
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pw_schedule_compute() expands a PwContract (pw-contract.h) into bill lines
 * by docs/billing-rules.md rules 6–17, 25 and 27: periods anchored to the lease or the
 * calendar, prorated stubs, periods split at step dates, rent-free and
 * fit-out waivers, escalations, deposit, termination credits and penalty,
 * with the choices written in docs/charge-rules.md. Amounts are gint64 minor
 * units; nothing uses floating point. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "pw-contract.h"

G_BEGIN_DECLS

typedef enum {
  PW_LINE_CHARGE,
  PW_LINE_CREDIT,    /* gives back what was billed beyond a termination */
  PW_LINE_DEPOSIT,   /* a liability with a receipt, never taxed */
  PW_LINE_PENALTY,
} PwLineKind;

/* How a line's explanation is worded, so that it can be put together again from
 * the line's fields by pw_schedule_explain(): the tax phrase, a note and the
 * template, or PW_EXPLAIN_TEXT when the argument is the explanation itself. */
enum {
  PW_EXPLAIN_TAX_NONE       = 0,
  PW_EXPLAIN_TAX_INCLUDED   = 1,        /* argument: the rate in percent */
  PW_EXPLAIN_TAX_ADDED      = 2,        /* argument: the rate in percent */
  PW_EXPLAIN_TAX_MASK       = 3,
  PW_EXPLAIN_NOTE_ESCALATED = 1 << 2,
  PW_EXPLAIN_NOTE_ENDED     = 2 << 2,   /* ended by the termination */
  PW_EXPLAIN_NOTE_MASK      = 3 << 2,
  PW_EXPLAIN_CHARGE         = 0,        /* a charge, credit or penalty line */
  PW_EXPLAIN_DEPOSIT        = 1 << 4,
  PW_EXPLAIN_DEPOSIT_TOP_UP = 2 << 4,
  PW_EXPLAIN_RENEWAL_TOP_UP = 3 << 4,   /* argument: "new deposit\theld" */
  PW_EXPLAIN_RENEWAL_REFUND = 4 << 4,   /* argument: "new deposit\theld" */
  PW_EXPLAIN_TEMPLATE_MASK  = 7 << 4,
  PW_EXPLAIN_TEXT           = 255,      /* argument: the explanation */
};

typedef struct {
  char       *line_id;       /* name-based UUID of (contract, charge, kind, period start) */
  guint8      line_uuid[16]; /* … and its 16 bytes */
  char       *charge;        /* the charge's code; "deposit", "penalty" for those lines */
  PwLineKind  kind;
  char       *seller;        /* the seller's code */
  GDate       start;         /* the period this line bills, inclusive */
  GDate       end;
  GDate       bill_date;
  GDate       due_date;
  char       *basis;         /* "523.45 m² × 3.2000/m²/day × 365/12 × 3 months" */
  gint64      gross;         /* minor units, tax included */
  gint64      net;
  gint64      tax;
  char       *tax_code;      /* NULL for untaxed lines */
  gboolean    waived;        /* inside a rent-free or fit-out range: 0 */
  char       *explanation;   /* one sentence a person can follow */
  guint       explain_form;  /* PW_EXPLAIN_*: how it is worded … */
  char       *explain_arg;   /* … and what the wording needs beyond the line's fields */
  /* private: whether the line and its strings are its own to free (deposit,
   * credit and penalty lines) or the schedule's (charge lines) */
  gboolean    owned;
} PwScheduleLine;

/* One month of straight-line revenue (B17), from the term's start; amounts net of
 * tax. Revenue is spread by day (docs/charge-rules.md): a month's revenue is its
 * days' share of the total, rounded so that the months add up exactly. */
typedef struct {
  GDate      start;
  GDate      end;
  int        days;               /* days of this month inside the term */
  int        month_days;         /* days of the whole month; more than days in a stub */
  gint64     revenue;            /* recognised this month */
  gint64     billed;             /* billed this month, by bill date */
  gint64     cumulative_revenue;
  gint64     cumulative_billed;
  gint64     receivable;         /* cumulative revenue − cumulative billing */
} PwRevenueMonth;

typedef struct {
  GPtrArray *lines;          /* PwScheduleLine, by bill date, then start */
  char      *currency;
  gint64     gross;          /* charges, credits and penalty; the deposit apart */
  gint64     net;
  gint64     tax;
  gint64     deposit;        /* the deposit on signing */
  /* settlement at termination (E27), taking lines billed before it as paid */
  gboolean   terminated;
  gint64     credits;        /* Σ credit lines, ≤ 0 */
  gint64     penalty;
  gint64     deposit_offset; /* the part of the deposit held kept against the penalty */
  gint64     refund;         /* deposit left plus credits beyond the penalty */
  gint64     deposit_top_ups;/* Σ deposit top-ups on escalation, apart from deposit */
  /* straight-line revenue, when the contract asks for it; else NULL */
  GArray    *revenue;        /* PwRevenueMonth */
  gint64     revenue_total;  /* Σ the payments it spreads, net of tax */
  int        revenue_days;   /* days of the term it spreads them over */
  PwDecimal  revenue_daily;  /* total ÷ days, in currency units to 6 decimals (shown only) */
  gpointer   arena;          /* private: where the lines and their text live */
} PwSchedule;

PwSchedule  *pw_schedule_compute      (const PwContract *contract,
                                       GError          **error);
/* As pw_schedule_compute(), but when @wording_only the lines' explanations are left
 * NULL: only their wording (explain_form, explain_arg) is set, for a store that
 * keeps that and words the sentence when it is read. */
PwSchedule  *pw_schedule_compute_full (const PwContract *contract,
                                       gboolean          wording_only,
                                       GError          **error);
void         pw_schedule_free         (PwSchedule       *schedule);

const char  *pw_line_kind_to_string   (PwLineKind        kind);
/* A name-based (version 5 style, SHA-1) UUID of the line's inputs, so that
 * computing a schedule again gives the same ids. */
char        *pw_schedule_line_id      (const char       *contract_id,
                                       const char       *charge,
                                       PwLineKind        kind,
                                       const GDate      *start);

/* The explanation of a line from its charge, period, basis and wording
 * (explain_form, explain_arg): the same sentence as the line's explanation. */
char        *pw_schedule_explain      (const char       *charge,
                                       const GDate      *start,
                                       const GDate      *end,
                                       const char       *basis,
                                       guint             form,
                                       const char       *arg);

/* The shape documented in docs/cli.md ("schedule --json"). */
JsonNode    *pw_schedule_to_json      (const PwSchedule *schedule);
/* One header row, then one row per line; amounts as plain figures. */
char        *pw_schedule_to_csv       (const PwSchedule *schedule);
/* The straight-line revenue months (docs/cli.md, "schedule --revenue --json"), or
 * NULL when the schedule has none. */
JsonNode    *pw_schedule_revenue_to_json (const PwSchedule *schedule);
char        *pw_schedule_revenue_to_csv  (const PwSchedule *schedule);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwSchedule, pw_schedule_free)

G_END_DECLS
