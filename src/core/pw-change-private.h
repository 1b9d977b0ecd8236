/* pw-change-private.h — how the store fills a PwChange
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-change.h"

G_BEGIN_DECLS

PwChange *pw_change_new       (void);
/* Takes references to @before and @after (either may be NULL). */
void      pw_change_add       (PwChange   *change,
                               const char *entity,
                               const char *id,
                               JsonObject *before,
                               JsonObject *after);
void      pw_change_set_derived (PwChange *change);
/* Drops the records from the @n-th on. */
void      pw_change_truncate  (PwChange   *change,
                               guint       n);
/* Appends @from's records (and its derived flag) to @to. */
void      pw_change_append    (PwChange   *to,
                               PwChange   *from);

/* pw-store.c: the records the open transaction wrote (while a recording is
 * open), and a copy of those from the @from'th on */
guint     pw_store_pending_length (PwStore    *store);
PwChange *pw_store_pending_since  (PwStore    *store,
                                   guint       from);

/* pw-store.c: the row an update or delete is about, just read in the same
 * transaction (an undo's check), so that the mutation path need not read it again */
void      pw_mutation_set_row     (PwMutation *mutation,
                                   JsonObject *row);

/* pw-store.c: a transaction of many changes (pw_store_undo_steps) */
void      pw_store_many_begin    (PwStore    *store);
void      pw_store_many_end       (PwStore    *store,
                                   gboolean    committed);
/* While set, a change applied in the open transaction is no savepoint of its own
 * (it is all or nothing with the others), and does not write the outbox's next
 * number: pw_store_write_next_mid() does, once, before the commit. Its outbox
 * rows are held back until pw_store_end_flat_steps() writes them (@write) or
 * drops them (the transaction is rolled back). */
void      pw_store_set_flat_steps (PwStore    *store,
                                   gboolean    flat);
gboolean  pw_store_end_flat_steps (PwStore    *store,
                                   gboolean    write,
                                   GError    **error);
gboolean  pw_store_write_next_mid (PwStore    *store,
                                   GError    **error);

G_END_DECLS
