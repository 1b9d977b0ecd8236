/* pw-contract-diff.h — what changed between two versions of a contract's terms
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compares two objects of the contract's JSON form (docs/contract-format.md) and
 * lists each change with its JSON path, the value before and after (JSON text,
 * NULL when absent) and a translated sentence a person can read ("End date:
 * 2027-12-31 → 2028-06-30"). Lists keyed by code (spaces, sellers, tax codes,
 * charges) are matched by code, escalation steps by date and free periods by
 * their range, so a reordering is no change. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  char *path;      /* "end", "charges[rent].unit_price", "spaces[T1-F03-008]" */
  char *before;    /* JSON text of the value, or NULL when it was absent */
  char *after;     /* JSON text of the value, or NULL when it is gone */
  char *sentence;  /* translated */
} PwContractChange;

void       pw_contract_change_free (PwContractChange *change);

/* The changes from @before to @after, in the order of the contract's members;
 * an empty array when they say the same. */
GPtrArray *pw_contract_diff        (JsonObject       *before,
                                    JsonObject       *after);
/* The same for two texts of the JSON form; NULL with @error when one is not a
 * JSON object. */
GPtrArray *pw_contract_diff_text   (const char       *before,
                                    const char       *after,
                                    GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwContractChange, pw_contract_change_free)

G_END_DECLS
