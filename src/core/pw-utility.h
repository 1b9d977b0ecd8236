/* pw-utility.h — metered utilities: meters, readings, tariffs and the charges they give
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are docs/utility-rules.md; the JSON form the reader takes is
 * docs/utility-format.md. A PwUtilityInput is plain data (meters, readings,
 * effective-dated tariffs and tax codes, loss rules and the month to bill),
 * filled by pw_utility_input_load() from a file or, later, by the store;
 * pw_utility_compute() turns it into charge lines and the problems a person
 * has to settle. Quantities and prices are exact decimals, money is gint64
 * minor units: nothing here uses floating point. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "pw-decimal.h"

G_BEGIN_DECLS

typedef enum {
  PW_METER_ELECTRICITY,
  PW_METER_WATER,
  PW_METER_GAS,
  PW_METER_HEAT,
  PW_METER_OTHER,
} PwMeterKind;

typedef enum {
  PW_TARIFF_FLAT,
  PW_TARIFF_TIERED,
  PW_TARIFF_TIME_OF_USE,
} PwTariffKind;

typedef enum {
  PW_TIER_MONTHLY,  /* thresholds count the month's consumption */
  PW_TIER_YEARLY,   /* thresholds count the consumption since the tier year began */
} PwTierBasis;

typedef enum {
  PW_LOSS_BY_CONSUMPTION,
  PW_LOSS_BY_AREA,
  PW_LOSS_BY_WEIGHT,
} PwLossBasis;

/* The total register every meter has; time-of-use registers add up to it. */
#define PW_UTILITY_TOTAL "total"

/* A register's value at a reading, or at a replacement. */
typedef struct {
  char      *name;
  PwDecimal  value;
} PwRegisterValue;

/* A meter taken out and another put in its place on @date: the old meter's
 * last reading and the new one's first, per register. */
typedef struct {
  GDate      date;
  GArray    *final_values;    /* PwRegisterValue, the old meter's */
  GArray    *opening_values;  /* PwRegisterValue, the new meter's */
  PwDecimal  old_multiplier;  /* the old meter's multiplier */
  char      *new_serial;      /* or NULL */
  guint      line;
} PwMeterReplacement;

typedef struct {
  char        *code;           /* how readings and other meters name it */
  PwMeterKind  kind;
  char        *serial;
  char        *location;       /* a space, floor or building code */
  char        *unit;           /* "kWh", "m³" … */
  PwDecimal    multiplier;     /* 倍率 = CT ratio × PT ratio */
  guint        digits;         /* whole digits on the dial; 0 when unknown */
  guint        decimals;       /* digits after the point on the dial */
  GStrv        registers;      /* time-of-use registers (peak, flat …), or NULL */
  PwDecimal    register_tolerance;  /* how far Σ registers may be from the total */
  char        *master;         /* the master meter's code, or NULL */
  gboolean     common;         /* metered common use: no customer, takes no loss share */
  char        *customer;       /* who it charges, or NULL */
  GStrv        spaces;         /* the spaces it serves, or NULL */
  PwDecimal    area;           /* m² for a loss shared by area */
  PwDecimal    weight;         /* for a loss shared by fixed weights */
  char        *tariff;         /* a tariff code, or NULL for a meter that is not charged */
  PwDecimal    year_to_date;   /* consumption of the tier year before the month, when known */
  gboolean     has_year_to_date;
  GPtrArray   *replacements;   /* PwMeterReplacement, by date */
  guint        line;           /* where it is in the file, or 0 */
} PwMeter;

typedef struct {
  char     *meter;
  GDate     date;
  GArray   *values;     /* PwRegisterValue */
  gboolean  rollover;   /* a lower value was confirmed as the dial going round */
  gboolean  confirmed;  /* an unusual value was confirmed */
  guint     line;
} PwReading;

typedef struct {
  gboolean  bounded;   /* FALSE for the last block */
  PwDecimal up_to;     /* the block ends at this cumulative quantity */
  PwDecimal price;
} PwTier;

typedef struct {
  char      *name;
  guint      months;   /* bit m set for month m (1–12) */
  GArray    *prices;   /* PwRegisterValue: register name and its price */
} PwTouSeason;

/* One version of a tariff, in force from @from until the next version. */
typedef struct {
  char         *code;
  GDate         from;
  PwTariffKind  kind;
  PwDecimal     price;        /* flat */
  PwTierBasis   tier_basis;
  guint         year_start_month;  /* 1–12: the month a yearly tier year begins */
  GArray       *tiers;        /* PwTier, tiered */
  GPtrArray    *seasons;      /* PwTouSeason, time-of-use */
  char         *tax_code;
  gboolean      tax_inclusive;  /* prices include tax (F29) */
  guint         line;
} PwTariff;

typedef struct {
  char      *code;
  GDate      from;
  PwDecimal  rate;   /* 0.13 for 13 % */
  guint      line;
} PwTaxCode;

/* D22: the loss of a master meter, shared among its sub-meters. */
typedef struct {
  char        *master;
  PwLossBasis  basis;
  char        *tariff;   /* a flat tariff that prices the loss; NULL: the master's own */
  guint        line;
} PwLossRule;

typedef struct {
  char      *currency;
  int        minor_digits;
  guint      year, month;  /* the month billed */
  GPtrArray *meters;       /* PwMeter */
  GPtrArray *readings;     /* PwReading */
  GPtrArray *tariffs;      /* PwTariff, any order; versions share a code */
  GPtrArray *tax_codes;    /* PwTaxCode */
  GPtrArray *losses;       /* PwLossRule */
  GHashTable *index;       /* private: meter code → PwMeter, rebuilt by validation */
} PwUtilityInput;

typedef enum {
  PW_UTILITY_LINE_CONSUMPTION,
  PW_UTILITY_LINE_LOSS,
} PwUtilityLineKind;

/* One charge line: one meter (or one share of a loss) for the month. */
typedef struct {
  PwUtilityLineKind  kind;
  char              *key;        /* unique per source: kind, meter and month */
  char              *meter;
  char              *customer;   /* NULL: nobody (the park bears it) */
  GStrv              spaces;     /* the spaces the meter serves, or NULL */
  char              *tariff;
  char              *tax_code;
  PwDecimal          tax_rate;
  PwDecimal          quantity;   /* after the multiplier */
  char              *unit;
  gint64             gross, net, tax;
  gboolean           held;       /* waits for a flagged reading to be confirmed */
  char              *explanation;
} PwUtilityCharge;

typedef enum {
  PW_UTILITY_PROBLEM_MISSING_READING,
  PW_UTILITY_PROBLEM_LOWER_READING,     /* lower than the last, no rollover or replacement */
  PW_UTILITY_PROBLEM_FLAGGED_READING,   /* far outside the meter's history */
  PW_UTILITY_PROBLEM_REGISTERS,         /* registers do not add up to the total */
  PW_UTILITY_PROBLEM_NO_TARIFF,         /* no version of the tariff in force */
  PW_UTILITY_PROBLEM_NEGATIVE_LOSS,     /* sub-meters above their master */
  PW_UTILITY_PROBLEM_LOSS_INCOMPLETE,   /* a sub-meter's or the master's consumption is unknown */
  PW_UTILITY_PROBLEM_NO_SHARE_BASIS,    /* the loss has nothing to be shared by */
} PwUtilityProblemKind;

typedef struct {
  PwUtilityProblemKind  kind;
  char                 *meter;
  char                 *message;
} PwUtilityProblem;

/* A meter's consumption in the month, with or without a charge. */
typedef struct {
  char      *meter;
  gboolean   known;
  GDate      from, to;          /* the readings it runs between */
  PwDecimal  opening, closing;  /* their total registers */
  PwDecimal  raw;               /* dial units, before the multiplier */
  PwDecimal  quantity;          /* × multiplier */
  GArray    *registers;         /* PwRegisterValue: each TOU register's quantity */
  gboolean   rolled_over;
  gboolean   replaced;
  gboolean   flagged;
  PwDecimal  median;            /* of the history, when it was checked */
} PwUtilityUsage;

typedef struct {
  char      *currency;
  guint      year, month;
  GPtrArray *usages;     /* PwUtilityUsage, in the meters' order */
  GPtrArray *charges;    /* PwUtilityCharge */
  GPtrArray *problems;   /* PwUtilityProblem */
  gint64     gross, net, tax;  /* of the lines not held */
  gint64     held_gross;       /* of the held lines */
} PwUtilityResult;

PwUtilityInput  *pw_utility_input_new      (const char      *currency,
                                            guint            year,
                                            guint            month);
void             pw_utility_input_free     (PwUtilityInput  *input);
PwMeter         *pw_meter_new              (const char      *code,
                                            PwMeterKind      kind);
void             pw_meter_free             (PwMeter         *meter);
PwReading       *pw_reading_new            (const char      *meter,
                                            const GDate     *date);
void             pw_reading_free           (PwReading       *reading);
void             pw_register_values_set    (GArray          *values,
                                            const char      *name,
                                            PwDecimal        value);
const PwDecimal *pw_register_values_get    (GArray          *values,
                                            const char      *name);
GArray          *pw_register_values_new    (void);
PwMeterReplacement *pw_meter_replacement_new (const GDate   *date);
void             pw_meter_replacement_free (PwMeterReplacement *r);
PwTariff        *pw_tariff_new             (const char      *code,
                                            const GDate     *from,
                                            PwTariffKind     kind);
void             pw_tariff_free            (PwTariff        *tariff);
PwTouSeason     *pw_tou_season_new         (const char      *name);
void             pw_tou_season_free        (PwTouSeason     *season);
PwTaxCode       *pw_tax_code_new           (const char      *code,
                                            const GDate     *from,
                                            PwDecimal        rate);
void             pw_tax_code_free          (PwTaxCode       *tax);
PwLossRule      *pw_loss_rule_new          (const char      *master,
                                            PwLossBasis      basis);
void             pw_loss_rule_free         (PwLossRule      *rule);

/* The multiplier of a CT ratio and a PT ratio, each "200/5" or NULL (1):
 * "200/5" alone gives 40. Fails when a ratio is malformed or not exact. */
gboolean         pw_utility_ratio_multiplier (const char    *ct,
                                              const char    *pt,
                                              PwDecimal     *out,
                                              GError       **error);

const char      *pw_meter_kind_to_string   (PwMeterKind      kind);
gboolean         pw_meter_kind_from_string (const char      *text,
                                            PwMeterKind     *out);
/* The kind as a person reads it, translated ("electricity", "电"). */
const char      *pw_meter_kind_label       (PwMeterKind      kind);
const char      *pw_utility_problem_kind_to_string (PwUtilityProblemKind kind);

/* Checks what must hold before anything is computed (references resolve,
 * TOU tariffs price every register of their meters in every month, seasons
 * cover the year once, tiers rise); an error names the field as a JSON path
 * ("meters[2].tariff", PW_LEDGER_ERROR_INVALID_FIELD with that field). */
gboolean         pw_utility_input_validate (PwUtilityInput  *input,
                                            GError         **error);

/* Reads the JSON form of docs/utility-format.md. A refusal is
 * PW_LEDGER_ERROR_INVALID_FIELD with the member's JSON path as its field and
 * a message "FILE:LINE: path: what is wrong". */
PwUtilityInput  *pw_utility_input_load_data (const char     *data,
                                             gsize           length,
                                             const char     *name,
                                             GError        **error);
PwUtilityInput  *pw_utility_input_load     (const char      *path,
                                            GError         **error);

/* The month's charges; fails only when @input does not validate or a figure
 * overflows. What a person must settle is in the result's problems. */
PwUtilityResult *pw_utility_compute        (PwUtilityInput  *input,
                                            GError         **error);
void             pw_utility_result_free    (PwUtilityResult *result);
/* The result as docs/utility-format.md describes the output of
 * “parkwise-cli utility --json”: amounts in minor units, quantities as
 * decimal strings. */
JsonNode        *pw_utility_result_to_json (const PwUtilityResult *result);

/* D22's sharing: @total minor units split in proportion to @weights (each
 * ≥ 0, scaled decimals), the cents left by rounding down handed out by
 * largest remainder (ties to the earlier part), so the parts add up to
 * @total exactly. Fails when the weights add up to zero or overflow. */
gboolean         pw_utility_apportion      (gint64           total,
                                            const PwDecimal *weights,
                                            guint            n,
                                            gint64          *parts,
                                            GError         **error);

/* F29 on one line: @amount is gross when @inclusive (net = round(G ÷ (1 + r))),
 * net otherwise (tax = round(N × r)); half-up. */
gboolean         pw_utility_tax            (gint64           amount,
                                            PwDecimal        rate,
                                            gboolean         inclusive,
                                            gint64          *gross,
                                            gint64          *net,
                                            gint64          *tax,
                                            GError         **error);

/* A quantity as people read it: thousands grouped, trailing zeros dropped ("1,234.5"). */
char            *pw_utility_format_quantity (PwDecimal       q);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwUtilityInput, pw_utility_input_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwUtilityResult, pw_utility_result_free)

G_END_DECLS
