/* pw-room-journal.h — the plan edits made from parkwise-cli, remembered so that
 * `parkwise-cli plan undo` can undo them one after the other
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/plan-editing.md, "Undo from the command line". */
#pragma once

#include "pw-change.h"
#include "pw-room-ledger.h"

G_BEGIN_DECLS

typedef gboolean (*PwRoomEditFunc) (PwStore  *store,
                                    gpointer  data,
                                    GError  **error);

/* Runs @edit (which applies one plan edit through the store) in one transaction
 * with the journal entry that remembers it: @command ("split", "merge"…) and
 * @summary (the codes it named). A failure of either writes nothing. */
gboolean  pw_room_journal_apply (PwStore         *store,
                                 const char      *command,
                                 const char      *summary,
                                 PwRoomEditFunc   edit,
                                 gpointer         data,
                                 GError         **error);

/* Undoes the newest journal entry not undone yet, as a new change through the
 * store (audited, in the outbox), and marks it undone, in one transaction.
 * Refuses, writing nothing: PW_STORE_ERROR_CONFLICT (from pw_store_undo(),
 * naming the record) when a record the edit wrote was changed since;
 * PW_PLAN_ERROR_EDIT when there is nothing left to undo. *@command and
 * *@summary (when not NULL) get what was undone. */
gboolean  pw_room_journal_undo  (PwStore         *store,
                                 char           **command,
                                 char           **summary,
                                 GError         **error);

/* Undoes the @n_steps newest journal entries not undone yet, newest first, in
 * ONE transaction (`parkwise-cli plan undo --steps N`): all or nothing; fewer
 * entries left than asked is refused (PW_PLAN_ERROR_EDIT). *@commands and
 * *@summaries (when not NULL) get what each step undid, in that order. */
gboolean  pw_room_journal_undo_steps (PwStore     *store,
                                      guint        n_steps,
                                      GPtrArray  **commands,
                                      GPtrArray  **summaries,
                                      GError     **error);

/* Refuses (PW_STORE_ERROR_CONFLICT, naming the space) when undoing @change would
 * remove a space it made that records of its own now name: a contract, equipment
 * (or a status history; but a space whose history came back to where the change
 * left it is retired by the undo rather than removed). pw_store_undo() of such a
 * change fails on their reference; this says why, for the message to show
 * (docs/plan-editing.md, "Undo from the command line"). Asked only once an undo
 * has failed. */
gboolean  pw_room_change_check_removable (PwStore    *store,
                                          PwChange   *change,
                                          GError    **error);

G_END_DECLS
