/* pw-ledger-rooms.h — what the floor-plan editor reads of the ledger: the rooms of
 * a floor, the codes a split or a new room may take, the contract that holds a
 * space, and the journal of the plan edits made from the command line
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite is core's business (HACKING.md): src/plan asks these functions instead
 * of preparing statements of its own (docs/plan-editing.md, "In the ledger"). */
#pragma once

#include "pw-store.h"

G_BEGIN_DECLS

/* ---- rooms ---------------------------------------------------------------- */

/* A space of a floor as the plan stands it: id, code, and outline as stored. */
typedef struct
{
  char *id;
  char *code;
  char *outline;
} PwLedgerOutline;

void       pw_ledger_outline_free            (PwLedgerOutline *outline);

/* The spaces of @floor_id that stand on the plan (not disposed, with an
 * outline), but @except_id (may be NULL), ordered by code. */
GPtrArray *pw_ledger_floor_outlines          (PwStore     *store,
                                              const char  *floor_id,
                                              const char  *except_id,
                                              GError     **error);

/* The code of a contract that is signed, active or expiring and holds
 * @space_id on @today (YYYY-MM-DD) or later, or NULL (with @error set only when
 * the store failed). */
char      *pw_ledger_space_running_contract  (PwStore     *store,
                                              const char  *space_id,
                                              const char  *today,
                                              GError     **error);

/* Whether @code ends in a split's letter: an upper-case letter after a digit
 * (T1-F03-008A). */
gboolean   pw_ledger_code_is_split_part      (const char  *code);

/* The highest letter that follows @base in a code of the park @park_id (0 when
 * none): a split's next letter is the one after it. */
gboolean   pw_ledger_highest_split_letter    (PwStore     *store,
                                              const char  *park_id,
                                              const char  *base,
                                              char        *letter,
                                              GError     **error);

/* The floor's next free code under the park's code pattern: one more than the
 * highest sequence number of the floor's spaces (disposed ones and split parts
 * too), skipping any code the park has. PW_STORE_ERROR_NOT_FOUND for no such
 * floor; PW_STORE_ERROR_INVALID when the pattern has no code left. */
char      *pw_ledger_floor_next_code         (PwStore     *store,
                                              const char  *floor_id,
                                              GError     **error);

/* The floor @ref ("T1-F03", or "F03" when only one building has it) of the park
 * @park_id (NULL: any park): its id, or NULL with PW_STORE_ERROR_NOT_FOUND and
 * a message saying how to name it. */
char      *pw_ledger_find_floor              (PwStore     *store,
                                              const char  *park_id,
                                              const char  *ref,
                                              GError     **error);

/* How many records other than itself name the space @space_id: status history,
 * contracts, equipment. -1 when the store failed. */
gint64     pw_ledger_space_references        (PwStore     *store,
                                              const char  *space_id,
                                              GError     **error);

/* ---- a contract's sheet of plans ------------------------------------------ */

/* The terms (JSON) of the current version of the contract @contract_id. */
char      *pw_ledger_contract_current_terms  (PwStore     *store,
                                              const char  *contract_id,
                                              GError     **error);
/* Appends the floor and the id of each space the contract @contract_id holds to
 * @floor_ids and @space_ids (arrays of strings, in step). */
gboolean   pw_ledger_contract_spaces         (PwStore     *store,
                                              const char  *contract_id,
                                              GPtrArray   *floor_ids,
                                              GPtrArray   *space_ids,
                                              GError     **error);
/* The floor @floor_id's title ("T1-F03": building and floor codes) and park;
 * PW_STORE_ERROR_NOT_FOUND for no such floor. */
gboolean   pw_ledger_floor_title             (PwStore     *store,
                                              const char  *floor_id,
                                              char       **title,
                                              char       **park_id,
                                              GError     **error);

/* ---- the journal of command-line plan edits (table plan_edit) -------------- */

typedef struct
{
  gint64  id;
  char   *command;
  char   *summary;
  gint64  first_seq;   /* the audit rows the edit wrote */
  gint64  last_seq;
} PwPlanEdit;

void       pw_plan_edit_clear                (PwPlanEdit  *edit);

/* The sequence number of the newest audit row (0 when none). */
gboolean   pw_ledger_audit_last_seq          (PwStore     *store,
                                              gint64      *seq,
                                              GError     **error);
/* The sequence numbers of the audit rows about @entity @id after @after_seq. */
GArray    *pw_ledger_audit_seqs_after        (PwStore     *store,
                                              const char  *entity,
                                              const char  *id,
                                              gint64       after_seq,
                                              GError     **error);

/* Remembers an edit that wrote the audit rows @first_seq … @last_seq. */
gboolean   pw_ledger_plan_edit_add           (PwStore     *store,
                                              const char  *command,
                                              const char  *summary,
                                              gint64       first_seq,
                                              gint64       last_seq,
                                              GError     **error);
/* The newest edit not undone yet: FALSE with PW_STORE_ERROR_NOT_FOUND when none. */
gboolean   pw_ledger_plan_edit_newest        (PwStore     *store,
                                              PwPlanEdit  *edit,
                                              GError     **error);
/* The audit rows the edits after @id and their undos wrote, as pairs of
 * sequence numbers (first, last) in an array of gint64. */
GArray    *pw_ledger_plan_edit_later_ranges  (PwStore     *store,
                                              gint64       id,
                                              GError     **error);
/* Marks the edit @id undone now by the audit rows @first_seq … @last_seq. */
gboolean   pw_ledger_plan_edit_mark_undone   (PwStore     *store,
                                              gint64       id,
                                              gint64       first_seq,
                                              gint64       last_seq,
                                              GError     **error);

G_END_DECLS
