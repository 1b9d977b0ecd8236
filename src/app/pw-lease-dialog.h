/* pw-lease-dialog.h — a new lease for spaces picked on the plan: the terms as a
 * form, the contract's JSON form built from it and a live preview of its schedule
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_LEASE_DIALOG (pw_lease_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwLeaseDialog, pw_lease_dialog, PW, LEASE_DIALOG, AdwWindow)

/* A modal window over @parent for a draft lease of @space_ids (NULL-terminated)
 * in @park_id. After creating the draft it emits "created" with the contract's
 * id, asks @parent to show it ("win.show-contract") and closes. */
PwLeaseDialog *pw_lease_dialog_new             (GtkWindow          *parent,
                                                PwStore            *store,
                                                const char         *park_id,
                                                const char *const  *space_ids);

/* Fills the form from the quote @quote_id: its unit rent, rent-free months,
 * its term from the start date and its prospect's customer; the draft it
 * creates keeps the quote's id. The spaces are those the dialog was made for. */
gboolean       pw_lease_dialog_set_quote       (PwLeaseDialog      *self,
                                                const char         *quote_id,
                                                GError            **error);
const char    *pw_lease_dialog_get_quote_id    (PwLeaseDialog      *self);

/* The contract's JSON form as the form now says, or NULL when a field cannot
 * be read; and whether the preview shows a schedule, with its totals. */
char          *pw_lease_dialog_get_terms       (PwLeaseDialog      *self);
gboolean       pw_lease_dialog_get_preview     (PwLeaseDialog      *self,
                                                gint64             *gross,
                                                gint64             *net,
                                                gint64             *tax,
                                                gint64             *deposit);
/* What the preview says is wrong, or NULL. */
/* How many lines the preview lists: all the schedule's. */
guint          pw_lease_dialog_get_n_preview_lines (PwLeaseDialog *self);
const char    *pw_lease_dialog_get_preview_error (PwLeaseDialog    *self);
/* Creates the draft as "Create Draft" does; returns its id. */
char          *pw_lease_dialog_create          (PwLeaseDialog      *self,
                                                GError            **error);

G_END_DECLS
