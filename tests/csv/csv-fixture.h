/* csv-fixture.h — a small park in a scratch store, for the CSV tests
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-csv.h"
#include "pw-ledger.h"

G_BEGIN_DECLS

/* Park "TP" (pattern {building}-{floor}-{seq:3}) with building A (floors A1 at
 * level 1 and A2 at level 2) and building B (floor B1), no spaces. */
typedef struct
{
  char    *dir;
  PwStore *store;
  char    *park_id;
} Fixture;

void     fixture_set_up     (Fixture *fx, gconstpointer data);
void     fixture_tear_down  (Fixture *fx, gconstpointer data);

/* Another scratch store with the same park, buildings and floors (new ids). */
PwStore *fixture_open_twin  (Fixture *fx, const char *name, char **park_id);

/* Row counts of every table an import touches. */
typedef struct
{
  gint64 space, audit, outbox, lifecycle, status;
} Counts;

void     counts_take        (PwStore *store, Counts *out);
#define  assert_counts_equal(a, b)                                  \
  G_STMT_START {                                                    \
    g_assert_cmpint ((a)->space, ==, (b)->space);                   \
    g_assert_cmpint ((a)->audit, ==, (b)->audit);                   \
    g_assert_cmpint ((a)->outbox, ==, (b)->outbox);                 \
    g_assert_cmpint ((a)->lifecycle, ==, (b)->lifecycle);           \
    g_assert_cmpint ((a)->status, ==, (b)->status);                 \
  } G_STMT_END

/* Prepares @csv (NUL-terminated) against the fixture's park. */
PwCsvImport *fixture_prepare (Fixture *fx, const char *csv, GError **error);

G_END_DECLS
