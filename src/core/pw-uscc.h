/* pw-uscc.h — the unified social credit code (统一社会信用代码, GB 32100-2015)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What pw_uscc_check() found. Anything after PW_USCC_LEGACY is a fault; a
 * customer with a faulty code is still recorded (docs/billing-rules.md rule 29: some early
 * codes fail the check), the caller only warns. */
typedef enum {
  PW_USCC_VALID,          /* 18 characters that pass every rule */
  PW_USCC_LEGACY,         /* an older ID of 15–17, 19 or 20 characters: not checked */
  PW_USCC_EMPTY,          /* nothing given */
  PW_USCC_BAD_LENGTH,     /* not 18 characters, nor a legacy length */
  PW_USCC_BAD_CHARACTER,  /* a character outside 0–9 and A–Z without I, O, S, V, Z */
  PW_USCC_BAD_AUTHORITY,  /* position 1: no such registration authority */
  PW_USCC_BAD_CATEGORY,   /* position 2: not a category of that authority */
  PW_USCC_BAD_DIVISION,   /* positions 3–8: not an administrative division */
  PW_USCC_BAD_ORG_CODE,   /* positions 9–17: the organisation code's own check (GB 11714) */
  PW_USCC_BAD_CHECK,      /* position 18: the check character */
} PwUsccResult;

/* The parts of an 18-character code, NUL-terminated. */
typedef struct {
  char authority[2];  /* position 1: registration authority (登记管理部门) */
  char category[2];   /* position 2: organisation category (机构类别) */
  char division[7];   /* positions 3–8: administrative division (行政区划, GB/T 2260) */
  char org_code[10];  /* positions 9–17: organisation code (组织机构代码, GB 11714) */
  char check[2];      /* position 18 */
} PwUsccParts;

/* Checks @code as given (no trimming, no case folding: see pw_uscc_normalize()).
 * @parts (may be NULL) is filled for any code of 18 characters. @reason (may be
 * NULL) receives a translated sentence naming the position at fault, or for a
 * legacy ID what it was taken for; NULL for a valid code. */
PwUsccResult  pw_uscc_check                (const char   *code,
                                            PwUsccParts  *parts,
                                            char        **reason);
/* TRUE for PW_USCC_VALID and PW_USCC_LEGACY. */
gboolean      pw_uscc_result_is_acceptable (PwUsccResult  result);

/* @code without spaces and hyphens, in upper case; NULL for NULL. */
char         *pw_uscc_normalize            (const char   *code);

/* The check character for the first 17 characters of @code, or '\0' when one
 * of them is outside the code's character set. */
char          pw_uscc_compute_check        (const char   *code);
/* The GB 11714 check character ('0'–'9' or 'X') for the first 8 characters of
 * an organisation code, or '\0' when one is not 0–9 or A–Z. */
char          pw_uscc_compute_org_check    (const char   *org_code);

/* Translated names: "Market regulation", "Enterprise"; NULL when unknown. */
const char   *pw_uscc_authority_label      (char          authority);
const char   *pw_uscc_category_label       (char          authority,
                                            char          category);

G_END_DECLS
