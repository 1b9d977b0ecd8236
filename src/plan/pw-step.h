/* pw-step.h — a reader for STEP physical files (ISO 10303-21), the text form of IFC
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading happens in two stages. pw_step_file_new_*() makes one pass over the whole
 * buffer, checks its syntax (strings, escapes, brackets, nesting depth, characters)
 * and records each instance `#id=TYPE(…);` as an id, an interned type and the offset
 * of its arguments. Arguments are parsed only when asked for, into an arena owned by
 * the file, so a model whose importer needs a tenth of its instances pays for a tenth.
 * Every error names the line and, inside the data section, the instance's #id.
 */
#pragma once

#include <glib.h>

#include "pw-plan-error.h"

G_BEGIN_DECLS

typedef enum {
  PW_STEP_NULL,      /* $ : unset */
  PW_STEP_DERIVED,   /* * : derived (or, in some files, unset) */
  PW_STEP_INTEGER,
  PW_STEP_REAL,
  PW_STEP_STRING,    /* decoded to UTF-8 */
  PW_STEP_ENUM,      /* .NAME. without the dots */
  PW_STEP_REF,       /* #id */
  PW_STEP_BINARY,    /* "…" kept as written */
  PW_STEP_LIST,
  PW_STEP_TYPED,     /* IFCLABEL('x'): a type name and one value */
} PwStepKind;

typedef struct _PwStepValue PwStepValue;

struct _PwStepValue
{
  PwStepKind kind;
  guint      n;        /* items of a list, bytes of a string */
  union {
    gint64             integer;
    double             real;
    guint32            ref;
    const char        *text;    /* STRING, ENUM, BINARY; NUL-terminated */
    const PwStepValue *items;   /* LIST */
    struct {
      const char        *type;  /* upper case */
      const PwStepValue *value;
    } typed;
  };
};

typedef struct _PwStepFile PwStepFile;

/* Instances are addressed by their index in file order, 0 … n-1. */
#define PW_STEP_NO_INDEX G_MAXUINT

PwStepFile        *pw_step_file_new_for_path     (const char  *path,
                                                  GError     **error);
/* @bytes must outlive nothing: the file keeps a reference. */
PwStepFile        *pw_step_file_new_from_bytes   (GBytes      *bytes,
                                                  GError     **error);
void               pw_step_file_free             (PwStepFile  *file);

/* The first name in FILE_SCHEMA, upper case: "IFC2X3", "IFC4", "IFC4X3_ADD2"… */
const char        *pw_step_file_get_schema       (PwStepFile  *file);
guint              pw_step_file_get_n_entities   (PwStepFile  *file);

/* The index of instance #@id, or PW_STEP_NO_INDEX. */
guint              pw_step_file_lookup           (PwStepFile  *file,
                                                  guint32      id);
guint32            pw_step_file_get_id           (PwStepFile  *file,
                                                  guint        index);
guint              pw_step_file_get_line         (PwStepFile  *file,
                                                  guint        index);
/* The type as written (upper case); "" for a complex instance `#1=(A()B());`. */
const char        *pw_step_file_get_type_name    (PwStepFile  *file,
                                                  guint        index);
/* Interned type codes: compare these rather than names in loops. A type the file
 * never uses has code -1, which no instance has. */
int                pw_step_file_get_type         (PwStepFile  *file,
                                                  guint        index);
int                pw_step_file_find_type        (PwStepFile  *file,
                                                  const char  *upper_name);

/* The arguments of an instance as a PW_STEP_LIST, parsed on first use and kept.
 * NULL with @error set when a number is out of range or the arena is full. */
const PwStepValue *pw_step_file_get_args         (PwStepFile  *file,
                                                  guint        index,
                                                  GError     **error);

/* Helpers for reading arguments; each returns FALSE/NULL/default when @value is
 * absent or of another kind. */
const PwStepValue *pw_step_value_get_item        (const PwStepValue *list,
                                                  guint              i);
gboolean           pw_step_value_get_number      (const PwStepValue *value,
                                                  double            *number);
const char        *pw_step_value_get_string      (const PwStepValue *value);
const char        *pw_step_value_get_enum        (const PwStepValue *value);
guint32            pw_step_value_get_ref         (const PwStepValue *value);
gboolean           pw_step_value_is_list         (const PwStepValue *value);

/* Decodes the text between the quotes of a STEP string ('' , \X2\…\X0\, \X4\…\X0\,
 * \X\hh, \S\c, \\) to UTF-8. Returns NULL when an escape is malformed; @bad_offset
 * then holds its byte offset in @text. Exposed for the tests. */
char              *pw_step_decode_string         (const char  *text,
                                                  gsize        len,
                                                  gsize       *bad_offset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwStepFile, pw_step_file_free)

G_END_DECLS
