/* pw-utility-private.h — what the utility files share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-utility.h"

G_BEGIN_DECLS

/* Sets a PW_LEDGER_ERROR_INVALID_FIELD "@field: message" with @field as its
 * field; returns FALSE. */
gboolean  pw_utility_field_error (GError        **error,
                                  const char     *field,
                                  const char     *format,
                                  ...) G_GNUC_PRINTF (3, 4);
PwMeter  *pw_utility_find_meter  (PwUtilityInput *in,
                                  const char     *code,
                                  guint          *index);

/* A tariff as the file's "tariffs" list gives one (docs/utility-format.md), read with
 * the file's checks into @in; errors name @name and @path (line 0). */
gboolean  pw_utility_input_add_tariff (PwUtilityInput *in,
                                       JsonObject     *definition,
                                       const char     *name,
                                       const char     *path,
                                       GError        **error);

/* one month being computed (pw-utility-compute.c) */
typedef struct {
  PwUtilityInput  *in;
  PwUtilityResult *res;
  GHashTable      *readings;   /* meter code → GPtrArray of PwReading, by date */
  GHashTable      *usages;     /* meter code → PwUtilityUsage */
  GHashTable      *subs;       /* master code → GPtrArray of its sub-meters, in file order */
  GDate            start, end;
  char            *month_label;
  char            *month_key;
} PwUtilityRun;

/* one interval's figures */
typedef struct {
  PwDecimal  raw;
  PwDecimal  quantity;
  GArray    *registers;  /* PwRegisterValue: quantity per TOU register */
  gboolean   rolled_over;
  gboolean   replaced;
} PwUtilityInterval;

/* pw-utility-compute.c */
void         pw_utility_add_problem     (PwUtilityRun          *run,
                                         PwUtilityProblemKind   kind,
                                         const char            *meter,
                                         const char            *format,
                                         ...) G_GNUC_PRINTF (4, 5);
const char  *pw_utility_meter_unit      (PwMeter               *m);
const char  *pw_utility_meter_place     (PwMeter               *m);
const char  *pw_utility_register_label  (const char            *name);
char        *pw_utility_month_label     (guint                  year,
                                         guint                  month);
gboolean     pw_utility_year_to_date    (PwUtilityRun          *run,
                                         PwMeter               *m,
                                         const GDate           *year_start,
                                         PwDecimal             *out);
void         pw_utility_charge_free     (PwUtilityCharge       *c);

/* pw-utility-tariff.c */
PwTariff        *pw_utility_tariff_in_force (PwUtilityRun    *run,
                                             const char      *code);
PwTaxCode       *pw_utility_tax_in_force    (PwUtilityRun    *run,
                                             const char      *code);
gboolean         pw_utility_add_exact       (PwDecimal       *sum,
                                             PwDecimal        qty,
                                             PwDecimal        price,
                                             GError         **error);
PwUtilityCharge *pw_utility_new_charge      (PwUtilityRun    *run,
                                             PwUtilityLineKind kind,
                                             const char      *key,
                                             PwMeter         *m,
                                             PwTariff        *t,
                                             PwTaxCode       *tax,
                                             PwDecimal        qty,
                                             PwDecimal        exact,
                                             GError         **error);
void             pw_utility_add_charge      (PwUtilityRun    *run,
                                             PwUtilityCharge *c);
gboolean         pw_utility_charge_meter    (PwUtilityRun    *run,
                                             PwMeter         *m,
                                             GError         **error);

/* pw-utility-loss.c */
gboolean         pw_utility_charge_loss     (PwUtilityRun    *run,
                                             PwLossRule      *rule,
                                             GError         **error);

G_END_DECLS
