/* pw-error.h — error domains of libparkwise-core
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PW_STORE_ERROR (pw_store_error_quark ())
#define PW_LEDGER_ERROR (pw_ledger_error_quark ())

typedef enum {
  PW_STORE_ERROR_SQLITE,      /* the database refused an operation */
  PW_STORE_ERROR_MIGRATION,   /* the schema could not be upgraded */
  PW_STORE_ERROR_TOO_NEW,     /* the file was written by a newer Parkwise */
  PW_STORE_ERROR_NOT_FOUND,   /* no record with that id */
  PW_STORE_ERROR_CONFLICT,    /* the record changed since it was read (version mismatch) */
  PW_STORE_ERROR_CONSTRAINT,  /* a uniqueness or reference rule was broken */
  PW_STORE_ERROR_INVALID,     /* the mutation itself is malformed */
} PwStoreError;

typedef enum {
  PW_LEDGER_ERROR_INVALID_FIELD,  /* a field has a value the ledger does not accept */
  PW_LEDGER_ERROR_BAD_CODE,       /* a code does not follow the park's pattern */
  PW_LEDGER_ERROR_BAD_PATTERN,    /* a code pattern cannot be understood */
  PW_LEDGER_ERROR_NO_INTERNAL_AREA, /* a common-area pool has nobody to share it */
  PW_LEDGER_ERROR_BAD_OUTLINE,    /* an outline is not a valid polygon */
  PW_LEDGER_ERROR_CSV,            /* a CSV file cannot be imported */
} PwLedgerError;

GQuark pw_store_error_quark (void);
GQuark pw_ledger_error_quark (void);

/* The field a ledger error is about ("code", "install_date", …), or NULL when
 * it is about no one field (or @error is of another domain). */
const char *pw_ledger_error_get_field (const GError *error);
void        pw_ledger_error_set_field (GError       *error,
                                       const char   *field);

G_END_DECLS
