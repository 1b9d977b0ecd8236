/* pw-csv.h — CSV import and export of a park's spaces (docs/csv-format.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-store.h"

G_BEGIN_DECLS

/* Files larger than this are refused outright. */
#define PW_CSV_MAX_FILE_SIZE   (64 * 1024 * 1024)
/* A row (one record, even across quoted newlines) longer than this is a problem. */
#define PW_CSV_MAX_RECORD_SIZE (1024 * 1024)

/* One thing wrong with one row. @line is the 1-based line where the field (or,
 * for a row-wide problem, the row) starts, counting the header as line 1.
 * @column is the 1-based position of the field in the row, or 0 when the
 * problem is about the whole row or a column the header lacks. @field is the
 * header name of the column, or NULL. @message is translated. */
typedef struct
{
  guint  line;
  guint  column;
  char  *field;
  char  *message;
} PwCsvProblem;

void          pw_csv_problem_free            (PwCsvProblem *problem);
void          pw_csv_append_field            (GString      *out,
                                              const char   *text,
                                              gboolean      always_quote);

typedef struct _PwCsvImport PwCsvImport;

/* Reads and checks @data against @store without writing anything. @park_id
 * NULL means the store's first park; @filename is only used in messages and
 * in the status-change reason. Returns NULL with a PW_LEDGER_ERROR_CSV error
 * only when @data cannot be read as CSV at all (too large, not UTF-8, no
 * header row); everything wrong with a row is a problem instead. */
PwCsvImport  *pw_csv_import_prepare          (PwStore      *store,
                                              const char   *park_id,
                                              GBytes       *data,
                                              const char   *filename,
                                              GError      **error);
/* Data rows read (blank lines excluded), and how the rows without problems
 * compare with the store. */
guint         pw_csv_import_get_n_rows       (PwCsvImport  *self);
guint         pw_csv_import_get_n_new        (PwCsvImport  *self);
guint         pw_csv_import_get_n_updated    (PwCsvImport  *self);
guint         pw_csv_import_get_n_unchanged  (PwCsvImport  *self);
/* Of PwCsvProblem, in the order of the file; owned by @self. */
GPtrArray    *pw_csv_import_get_problems     (PwCsvImport  *self);
/* Writes the prepared changes in one transaction, or nothing. Refuses with
 * PW_LEDGER_ERROR_CSV if there are problems; store errors pass through
 * (PW_STORE_ERROR_CONFLICT if a space changed since preparing). */
gboolean      pw_csv_import_commit           (PwCsvImport  *self,
                                              GError      **error);
void          pw_csv_import_free             (PwCsvImport  *self);

/* Every space of the park (NULL: the first), ordered by code, with every
 * column, as UTF-8 CSV with CRLF line ends. */
GBytes       *pw_csv_export                  (PwStore      *store,
                                              const char   *park_id,
                                              GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwCsvImport, pw_csv_import_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwCsvProblem, pw_csv_problem_free)

G_END_DECLS
