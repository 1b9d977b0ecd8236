/* pw-contract.h — a lease contract's billing terms and their JSON form
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON form is documented in docs/contract-format.md. The parser is
 * strict: unknown members, duplicate keys, impossible dates and inconsistent
 * terms are refused with a message that starts with the JSON path of the
 * field at fault ("charges[1].proration: unknown value “weekly”"). Dates are
 * GDates (Julian days for arithmetic); every date range is inclusive. */
#pragma once

#include <glib.h>

#include "pw-decimal.h"

G_BEGIN_DECLS

#define PW_CONTRACT_ERROR (pw_contract_error_quark ())

typedef enum {
  PW_CONTRACT_ERROR_SYNTAX,      /* not JSON, too deep, too large, duplicate key */
  PW_CONTRACT_ERROR_FIELD,       /* a member is unknown, missing or has a wrong value */
  PW_CONTRACT_ERROR_INCONSISTENT,/* the terms contradict each other */
  PW_CONTRACT_ERROR_OVERFLOW,    /* an amount too large to hold exactly (docs/charge-rules.md) */
} PwContractError;

/* Longest text, and deepest nesting, the parser accepts. */
#define PW_CONTRACT_MAX_BYTES (4 * 1024 * 1024)
#define PW_CONTRACT_MAX_DEPTH 16

typedef enum {
  PW_PRICE_UNIT_M2_DAY,      /* per m² per day */
  PW_PRICE_UNIT_M2_MONTH,    /* per m² per month */
  PW_PRICE_UNIT_MONTH,       /* a fixed amount per month */
} PwPriceUnit;

typedef enum {
  PW_STANDARD_MONTH_365_12,  /* per-day price × 365 ÷ 12 */
  PW_STANDARD_MONTH_30,      /* per-day price × 30 */
  PW_STANDARD_MONTH_ACTUAL,  /* per-day price × the actual days */
} PwStandardMonth;

typedef enum {
  PW_ANCHOR_LEASE,           /* periods run from the charge's start */
  PW_ANCHOR_CALENDAR,        /* periods are calendar months, quarters, halves, years */
} PwPeriodAnchor;

typedef enum {
  PW_TIMING_ADVANCE,
  PW_TIMING_ARREARS,
} PwTiming;

typedef enum {
  PW_DUE_PERIOD_START,       /* due on the period's first day (arrears: the bill date) */
  PW_DUE_AFTER_BILL,         /* due N days after the bill date */
} PwDueRule;

typedef enum {
  PW_PRORATION_DAILY,          /* daily rate × actual days */
  PW_PRORATION_MONTHLY_ACTUAL, /* monthly ÷ days in the calendar month × days, month by month */
  PW_PRORATION_MONTHLY_30,     /* whole months, then monthly ÷ 30 × remaining days */
  PW_PRORATION_YEARLY_365,     /* monthly × 12 ÷ 365 × days */
  PW_PRORATION_NONE,           /* every month begun is charged in full */
} PwProration;

typedef enum {
  PW_ESCALATION_NONE,
  PW_ESCALATION_FIXED,       /* a percentage every N years */
  PW_ESCALATION_STEPS,       /* an explicit table of dated prices */
  PW_ESCALATION_CPI,         /* the change of a price index, within a floor and a cap */
} PwEscalationKind;

typedef enum {
  PW_ESCALATION_ANCHOR_LEASE_START,
  PW_ESCALATION_ANCHOR_RENT_COMMENCEMENT,
  PW_ESCALATION_ANCHOR_SIGNING,
} PwEscalationAnchor;

typedef enum {
  PW_ROUNDING_LEVEL_LINE,    /* each line rounded on its own */
  PW_ROUNDING_LEVEL_BILL,    /* lines of one bill rounded together, so the bill is exact */
} PwRoundingLevel;

typedef struct {
  char *code;
  char *name;
} PwSeller;

typedef struct {
  char   *code;
  gint64  area;              /* hundredths of a m² */
  char   *basis;             /* gross, internal or usable */
} PwContractSpace;

typedef struct {
  char      *code;
  PwDecimal  rate;           /* 0.09 for 9 % */
} PwTaxCode;

typedef struct {
  GDate      from;
  PwDecimal  unit_price;
} PwPriceStep;

typedef struct {
  PwEscalationKind    kind;
  PwDecimal           percent;        /* fixed: the rise per step, in percent */
  guint               every_years;
  gboolean            simple;         /* P × (1 + k·g) instead of P × (1 + g)^k */
  PwEscalationAnchor  anchor;
  int                 price_decimals; /* 2, or -1 for unrounded (kept to 10 decimals) */
  GArray             *steps;          /* PwPriceStep, by date */
  PwDecimal           floor;          /* cpi: percent */
  PwDecimal           cap;
  gboolean            has_floor;
  gboolean            has_cap;
} PwEscalation;

typedef struct {
  char            *code;
  char            *kind;              /* rent, property_fee, parking, … */
  char            *seller;
  char            *tax_code;
  gboolean         tax_included;
  PwPriceUnit      unit;
  PwDecimal        unit_price;
  char           **spaces;
  gint64           area;              /* Σ the spaces' areas, hundredths of a m² */
  PwStandardMonth  standard_month;
  PwPeriodAnchor   anchor;
  guint            frequency_months;  /* 1, 3, 6 or 12 */
  PwTiming         timing;
  guint            lead_days;
  PwDueRule        due_rule;
  guint            due_days;
  PwProration      proration;
  GDate            start;             /* defaults to the term */
  GDate            end;
  PwEscalation     escalation;
} PwCharge;

typedef struct {
  gboolean   fit_out;           /* 装修期 rather than 免租期 */
  GDate      start;
  GDate      end;
  char     **waives;            /* charge codes or kinds; default { "rent" } */
  gboolean   extends_term;
} PwFreePeriod;

typedef struct {
  int        year;
  PwDecimal  value;
} PwIndexPoint;

typedef struct {
  gboolean    present;
  gboolean    fixed;
  gint64      amount;           /* fixed: minor units */
  PwDecimal   months;           /* N × the reference month */
  char      **charges;          /* whose first-year standard month is the reference */
  int         round_digits;     /* digits kept: the currency's, 0, −1 (tens), −2 (hundreds) */
  PwRounding  round_mode;
  gboolean    top_up;           /* months: topped up to N months of the escalated rent */
  gboolean    exact_month;      /* "month": "exact": N × the unrounded month; by default
                                 * each charge's month is rounded first (docs/charge-rules.md) */
  gint64      carried_over;     /* held from the contract this one renews (B16), minor units */
} PwDepositRule;

typedef struct {
  gboolean    straight_line;    /* B17: revenue spread by day over the term */
  char      **charges;          /* codes or kinds whose payments count; default { "rent" } */
} PwRevenueRule;

typedef struct {
  char            *id;
  char            *currency;
  int              minor_digits;
  GDate            signed_on;
  GDate            start;
  GDate            end;              /* as written */
  GDate            term_end;         /* after free periods that extend the term */
  GDate            rent_commencement;
  char            *landlord;
  char            *tenant;
  GPtrArray       *sellers;          /* PwSeller */
  GPtrArray       *spaces;           /* PwContractSpace */
  GPtrArray       *tax_codes;        /* PwTaxCode */
  GPtrArray       *charges;          /* PwCharge */
  GPtrArray       *free_periods;     /* PwFreePeriod */
  GArray          *cpi_index;        /* PwIndexPoint */
  PwDepositRule    deposit;
  PwRevenueRule    revenue;
  gboolean         terminated;
  GDate            termination;      /* the last day charged */
  gint64           penalty;
  char            *penalty_tax_code;
  PwRoundingLevel  rounding_level;
  gboolean         round_to_unit;    /* whole currency units instead of minor units */
  gboolean         round_split_cumulative; /* rounding.split: pieces of a split period share
                                            * one rounding; by default each line is rounded */
  gboolean         round_month;      /* rounding.month: the standard month rounded before it
                                      * is multiplied or prorated; by default kept exact */
  /* late-fee terms (E24) and renewal option (B16), kept for the bill run */
  PwDecimal        late_fee_daily_rate;
  guint            late_fee_grace_days;
  char            *late_fee_cap;     /* "none", "principal" or a percent */
  gboolean         renewal_option;
  guint            renewal_term_months;
  guint            renewal_notice_days;
  char            *renews;           /* the code of the contract this one follows, or NULL */
} PwContract;

GQuark            pw_contract_error_quark   (void);
/* The JSON path a PW_CONTRACT_ERROR from reading the terms is about
 * ("charges[0].unit_price"), or NULL when it is about no one member. */
const char       *pw_contract_error_get_path (const GError *error);

PwContract       *pw_contract_parse         (const char   *text,
                                             gssize        length,
                                             GError      **error);
PwContract       *pw_contract_load          (const char   *path,
                                             GError      **error);
void              pw_contract_free          (PwContract   *contract);

const PwTaxCode  *pw_contract_find_tax_code (const PwContract *contract,
                                             const char       *code);
const PwSeller   *pw_contract_find_seller   (const PwContract *contract,
                                             const char       *code);
/* Whether @charge is waived by @free (its code or kind is in the waiver list). */
gboolean          pw_free_period_waives     (const PwFreePeriod *free,
                                             const PwCharge     *charge);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwContract, pw_contract_free)

G_END_DECLS
