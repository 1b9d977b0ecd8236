/* pw-change.h — a committed change, remembered so that it can be undone
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See docs/undo.md for what undo does with each kind of record. */
#pragma once

#include "pw-store.h"

G_BEGIN_DECLS

/* For each record a change wrote, in the order written: its row before (NULL when
 * the change inserted it) and after (NULL when the change deleted it). */
typedef struct _PwChange PwChange;

#define PW_TYPE_CHANGE (pw_change_get_type ())
GType        pw_change_get_type       (void) G_GNUC_CONST;
PwChange    *pw_change_ref            (PwChange *change);
void         pw_change_unref          (PwChange *change);
guint        pw_change_get_n_records  (PwChange *change);
const char  *pw_change_get_entity     (PwChange *change,
                                       guint     i);
const char  *pw_change_get_id         (PwChange *change,
                                       guint     i);
JsonObject  *pw_change_get_before     (PwChange *change,
                                       guint     i);
JsonObject  *pw_change_get_after      (PwChange *change,
                                       guint     i);
/* The change written by the audit rows @first_seq … @last_seq of @store, as
 * pw_store_record_end() would have returned it, so that a change can be undone
 * after the process that made it has gone (parkwise-cli plan undo). Derived
 * records are not in the audit: a change that wrote some is not rebuilt whole. */
PwChange    *pw_change_new_from_audit (PwStore  *store,
                                       gint64    first_seq,
                                       gint64    last_seq,
                                       GError  **error);
/* Whether the change's transactions also wrote derived records (a derived func ran). */
gboolean     pw_change_has_derived    (PwChange *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwChange, pw_change_unref)

/* Records every change committed through the mutation path from now until
 * pw_store_record_end(), whichever core function applies it (a status change,
 * an import…). Recordings nest. A transaction rolled back leaves nothing in it. */
void          pw_store_record_begin          (PwStore            *self);
/* The change recorded since the matching pw_store_record_begin(); NULL when
 * nothing was committed meanwhile. */
PwChange     *pw_store_record_end            (PwStore            *self);

/* pw_store_apply_all_full() that also returns, in @change, what it wrote. */
gboolean      pw_store_apply_all_undoable    (PwStore            *self,
                                              PwMutation        **mutations,
                                              guint               n_mutations,
                                              PwStoreDerivedFunc  derived,
                                              gpointer            data,
                                              PwChange          **change,
                                              GError            **error);

/* Applies the inverse of @change as one new change through the mutation path:
 * validated, audited and put in the outbox like any other. Refuses
 * (PW_STORE_ERROR_CONFLICT, naming the record) when a record the change wrote
 * was changed since, and (PW_STORE_ERROR_INVALID) a change that wrote derived
 * records: those need pw_store_undo_full() with the func that writes them again.
 * If @undo is not NULL it gets the undo's own change. */
gboolean      pw_store_undo                  (PwStore            *self,
                                              PwChange           *change,
                                              PwChange          **undo,
                                              GError            **error);
gboolean      pw_store_undo_full             (PwStore            *self,
                                              PwChange           *change,
                                              PwStoreDerivedFunc  derived,
                                              gpointer            data,
                                              PwChange          **undo,
                                              GError            **error);
/* pw_store_undo_full() for one step of an undo list, undone last first: a record
 * counts as unchanged since @change when its fields are still the values @change
 * left, whatever its version (the undo of a later step writes them back with a
 * new version). A record changed to other values since is refused as by
 * pw_store_undo_full(). */
gboolean      pw_store_undo_step             (PwStore            *self,
                                              PwChange           *change,
                                              PwStoreDerivedFunc  derived,
                                              gpointer            data,
                                              PwChange          **undo,
                                              GError            **error);
/* Several steps of an undo list, @changes newest first, in ONE transaction (one
 * commit): each step undone as pw_store_undo_step() does, after the ones before
 * it; all or nothing (the first refusal rolls back every step and is the
 * error). @derived, when some step wrote derived records, runs once after all
 * the steps. If @undos is not NULL it gets a new array of the steps' own
 * changes, in the order of @changes (each can be undone in turn: a redo). */
gboolean      pw_store_undo_steps            (PwStore            *self,
                                              PwChange *const    *changes,
                                              guint               n_changes,
                                              PwStoreDerivedFunc  derived,
                                              gpointer            data,
                                              GPtrArray         **undos,
                                              GError            **error);

/* Undoes @change as pw_store_undo_full() does, and writes again the records
 * computed from the ones it puts back (the schedules of the contracts it
 * writes: pw_lease_undo_reschedule()). What the app's Undo buttons call. */
gboolean      pw_change_undo                 (PwStore            *self,
                                              PwChange           *change,
                                              PwChange          **undo,
                                              GError            **error);

G_END_DECLS
