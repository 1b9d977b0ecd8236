/* pw-meter.h — meters, readings, tariffs and loss rules kept in the store (docs/meters.md)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The records of migration 015 and what callers do with them: add and change
 * meters, replace one (final and opening readings), list a park's meters in
 * route order with their last reading, add a reading by hand or import them
 * from CSV, keep effective-dated tariffs and loss rules, and compute a month
 * with the utility engine (pw-utility.h) from what the store holds. Every
 * write goes through the mutation path, so it is validated (rules D18–D19,
 * pw_meter_validate()), audited and synced. */
#pragma once

#include <json-glib/json-glib.h>

#include "pw-csv.h"
#include "pw-meter-rules.h"
#include "pw-store.h"

G_BEGIN_DECLS

/* How many days after the end of its reading period a metered line is due. */
#define PW_METER_DUE_DAYS 15


/* Adds a meter to @park_id. @spec has the members of a meters[] entry of
 * docs/utility-format.md (code, kind, serial, location, unit, ct, pt,
 * multiplier, digits, decimals, registers, master, common, customer, spaces,
 * area, weight, tariff) and "route_order"; codes name the location (a space,
 * floor or building), the master meter, the customer (or its id) and the
 * spaces. Returns the new meter's id. */
char       *pw_meter_add             (PwStore     *store,
                                      const char  *park_id,
                                      JsonObject  *spec,
                                      GError     **error);
/* Changes the members of @spec (as pw_meter_add() takes them, plus "active")
 * of meter @code. */
gboolean    pw_meter_update          (PwStore     *store,
                                      const char  *park_id,
                                      const char  *code,
                                      JsonObject  *spec,
                                      GError     **error);
/* The meter @code was changed on @date: the old one's last reading @final and
 * the new one's first @opening ({"total": "…", register: "…"}), the new
 * serial and multiplier (NULL: unchanged). One transaction. */
gboolean    pw_meter_replace         (PwStore     *store,
                                      const char  *park_id,
                                      const char  *code,
                                      const char  *date,
                                      JsonObject  *final,
                                      JsonObject  *opening,
                                      const char  *new_serial,
                                      const char  *new_multiplier,
                                      GError     **error);
/* The park's meters in route order (then code), each as a JSON object with
 * the members of pw_meter_add() and "id", "active", "last_reading" ({date,
 * values} or null). */
JsonArray  *pw_meter_list            (PwStore     *store,
                                      const char  *park_id,
                                      GError     **error);

typedef enum {
  PW_READING_FROM_HAND,
  PW_READING_FROM_IMPORT,
  PW_READING_FROM_SYNC,
} PwReadingSource;

/* A reading of meter @code on @date: @values has "total" and each register
 * of the meter. @rollover confirms a lower value as the dial going round,
 * @confirmed an unusual one. Returns the reading's id. */
char       *pw_meter_reading_add     (PwStore         *store,
                                      const char      *park_id,
                                      const char      *code,
                                      const char      *date,
                                      JsonObject      *values,
                                      gboolean         rollover,
                                      gboolean         confirmed,
                                      PwReadingSource  source,
                                      GError         **error);

/* Corrects the reading of meter @code on @date (docs/meters.md, "Corrections"): the
 * reading takes @values (a confirmed value) and a correction is recorded with
 * @reason and the day it was made, @corrected_on (YYYY-MM-DD; NULL: today), in one
 * transaction. A bill line already billed from the old value is never changed: the
 * next bill run bills the difference as a "meter-adj:" line. Returns the correction's
 * id, which that line's source names. */
char       *pw_meter_reading_correct (PwStore         *store,
                                      const char      *park_id,
                                      const char      *code,
                                      const char      *date,
                                      JsonObject      *values,
                                      const char      *reason,
                                      const char      *corrected_on,
                                      GError         **error);

typedef enum {
  PW_READING_IMPORT_DRY_RUN   = 1 << 0,  /* check everything, write nothing */
  PW_READING_IMPORT_GOOD_ONLY = 1 << 1,  /* write the good readings even when some are bad */
} PwReadingImportFlags;

typedef struct {
  guint      n_rows;       /* data rows read */
  guint      n_readings;   /* readings they make (one per meter and date) */
  guint      n_good;       /* readings that passed every check (a dry run's "would write") */
  guint      n_written;    /* readings written; 0 for a dry run or a refused file */
  GPtrArray *problems;     /* PwCsvProblem, by line */
} PwReadingImport;

void        pw_reading_import_free   (PwReadingImport *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwReadingImport, pw_reading_import_free)

/* Reads readings from CSV (docs/meters.md, "Importing readings") and checks
 * every row against the store and the rows before it. Unless @flags says
 * otherwise, writes them all in one transaction when no row is bad and
 * nothing when one is. Fails (NULL) only when @data is not CSV with the
 * needed columns, or the store fails. */
PwReadingImport *pw_reading_import   (PwStore              *store,
                                      const char           *park_id,
                                      const char           *data,
                                      gsize                 length,
                                      PwReadingImportFlags  flags,
                                      GError              **error);

/* Adds one tariff version: @definition is a tariffs[] member of
 * docs/utility-format.md; @tax_rate the rate of its tax code ("0.13"). */
char       *pw_tariff_add            (PwStore     *store,
                                      const char  *park_id,
                                      JsonObject  *definition,
                                      const char  *tax_rate,
                                      GError     **error);
/* Sets the loss rule of master meter @master ("consumption", "area" or
 * "weights"; @tariff a flat tariff code or NULL for the master's). */
gboolean    pw_meter_loss_set        (PwStore     *store,
                                      const char  *park_id,
                                      const char  *master,
                                      const char  *basis,
                                      const char  *tariff,
                                      GError     **error);

G_END_DECLS
