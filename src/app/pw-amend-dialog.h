/* pw-amend-dialog.h — an amendment of a contract from a date: its spaces, its rent
 * or its end, written as a new version of its terms
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-change.h"

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_AMEND_DIALOG (pw_amend_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwAmendDialog, pw_amend_dialog, PW, AMEND_DIALOG, AdwWindow)

/* NULL with @error when the contract or its terms cannot be read. */
PwAmendDialog *pw_amend_dialog_new              (GtkWindow      *parent,
                                                 PwStore        *store,
                                                 const char     *contract_id,
                                                 GError        **error);

/* What the form's fields do, for tests and keyboard-free scripting. */
void           pw_amend_dialog_set_effective_date (PwAmendDialog *self,
                                                   const char    *date);
void           pw_amend_dialog_set_end_date     (PwAmendDialog  *self,
                                                 const char     *date);
/* The unit price of the charge @code (in the charge's own unit). */
gboolean       pw_amend_dialog_set_unit_price   (PwAmendDialog  *self,
                                                 const char     *code,
                                                 const char     *price);
/* Adds the park's space @code with its chargeable area; FALSE with the reason
 * shown in the dialog when there is no such space or the contract has it. */
/* A rent review: the rent charge chosen and its new price to type. */
void           pw_amend_dialog_start_rent_review (PwAmendDialog *self);
gboolean       pw_amend_dialog_add_space        (PwAmendDialog  *self,
                                                 const char     *code);
/* Gives up (or keeps) a space the contract holds. */
gboolean       pw_amend_dialog_set_space_kept   (PwAmendDialog  *self,
                                                 const char     *code,
                                                 gboolean        kept);
/* Gives a space the contract holds a new area (hundredths of m²) in the
 * amendment: it leaves the terms and comes back with the new area from the
 * effective date, as a space given up and added. */
gboolean       pw_amend_dialog_set_space_area   (PwAmendDialog  *self,
                                                 const char     *code,
                                                 gint64          area);
/* The area the contract holds the space @code with now, or -1. */
gint64         pw_amend_dialog_get_space_area   (PwAmendDialog  *self,
                                                 const char     *code);
/* An edit to write with the amendment, in the same transaction after it (both or
 * neither): @then writes it through the store; @what (translated) is its line in
 * the preview. The plan editor's "Start Amendment…" passes the outline change it
 * was refused (docs/plan-editing.md, "Refusals"). */
typedef gboolean (*PwAmendThenFunc) (PwStore   *store,
                                     gpointer   data,
                                     GError   **error);
void           pw_amend_dialog_set_then         (PwAmendDialog  *self,
                                                 const char     *what,
                                                 PwAmendThenFunc then,
                                                 gpointer        data,
                                                 GDestroyNotify  destroy);
/* Writes the amendment as the Amend button does; returns the new version's number,
 * or -1 with the refusal shown in the dialog (and in @error). */
int            pw_amend_dialog_apply            (PwAmendDialog  *self,
                                                 GError        **error);
/* The change the last pw_amend_dialog_apply() wrote, for its Undo, or NULL. */
PwChange      *pw_amend_dialog_get_change       (PwAmendDialog  *self);
/* What the amendment would change, one sentence a line, as the dialog shows it. */
const char    *pw_amend_dialog_get_preview_text (PwAmendDialog  *self);
/* The refusal the dialog shows, or NULL. */
const char    *pw_amend_dialog_get_error_text   (PwAmendDialog  *self);

G_END_DECLS
