/* pw-code-pattern.h — a park's unified-code pattern ("{building}-{floor}-{seq:3}")
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pw-error.h"

G_BEGIN_DECLS

/* Longest code pw_code_is_valid() accepts, in characters. */
#define PW_CODE_MAX_LENGTH 32

typedef struct _PwCodePattern PwCodePattern;

/* Where a code lives: the building's and the floor's codes and the floor's level;
 * for a contract's number, the park's code and the year ({park}, {year}). */
typedef struct
{
  const char *building;
  const char *floor;
  int         level;
  const char *park;
  int         year;
} PwCodeContext;

PwCodePattern *pw_code_pattern_new       (const char          *pattern,
                                          GError             **error);
void           pw_code_pattern_free      (PwCodePattern       *self);
const char    *pw_code_pattern_get_text  (PwCodePattern       *self);
gboolean       pw_code_pattern_match     (PwCodePattern       *self,
                                          const char          *code,
                                          const PwCodeContext *ctx,
                                          GError             **error);
gboolean       pw_code_pattern_match_seq (PwCodePattern       *self,
                                          const char          *code,
                                          const PwCodeContext *ctx,
                                          guint               *seq_number,
                                          GError             **error);
char          *pw_code_pattern_format    (PwCodePattern       *self,
                                          const PwCodeContext *ctx,
                                          guint                seq);
char          *pw_code_pattern_describe  (PwCodePattern       *self,
                                          const PwCodeContext *ctx);

gboolean       pw_code_is_valid          (const char          *code,
                                          GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwCodePattern, pw_code_pattern_free)

G_END_DECLS
