/* pw-record-form.h — a small modal form for one record: a labelled row per
 * field, named after the record's field, with an error line under each
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PW_TYPE_RECORD_FORM (pw_record_form_get_type ())
G_DECLARE_FINAL_TYPE (PwRecordForm, pw_record_form, PW, RECORD_FORM, AdwWindow)

/* Saves what the form holds; FALSE with @error keeps the form open and shows
 * @error under the field pw_ledger_error_get_field() names (above the fields
 * when it names none of them). */
typedef gboolean (*PwRecordFormSaveFunc) (PwRecordForm *form,
                                          gpointer      user_data,
                                          GError      **error);

/* A form transient for @parent's window, called @name (its widget name, for
 * tests), its Save button labelled @save_label (with a mnemonic). */
PwRecordForm *pw_record_form_new        (GtkWidget            *parent,
                                         const char           *name,
                                         const char           *title,
                                         const char           *save_label,
                                         PwRecordFormSaveFunc  save,
                                         gpointer              user_data);

/* The record edited (NULL for a new one) and its version; the record it
 * belongs to (a contact's customer, a quote's prospect). */
void          pw_record_form_set_record (PwRecordForm *self,
                                         const char   *id,
                                         gint64        version);
const char   *pw_record_form_get_id     (PwRecordForm *self);
gint64        pw_record_form_get_version (PwRecordForm *self);
void          pw_record_form_set_owner_id (PwRecordForm *self,
                                           const char   *owner_id);
const char   *pw_record_form_get_owner_id (PwRecordForm *self);

/* Fields: each returns the widget that holds the value (an AdwEntryRow, an
 * AdwComboRow, a GtkSpinButton), named @name. */
GtkWidget    *pw_record_form_add_entry  (PwRecordForm *self,
                                         const char   *name,
                                         const char   *title,
                                         const char   *value);
/* A choice of @values shown as @labels (translated); @selected chosen, the
 * first when none matches. A value "" reads back as NULL. */
GtkWidget    *pw_record_form_add_choice (PwRecordForm       *self,
                                         const char         *name,
                                         const char         *title,
                                         const char *const  *values,
                                         const char *const  *labels,
                                         const char         *selected);
GtkWidget    *pw_record_form_add_spin   (PwRecordForm *self,
                                         const char   *name,
                                         const char   *title,
                                         double        lower,
                                         double        upper,
                                         double        value);
/* A line of live information under the fields so far (a code check, a
 * discount), hidden until set. */
void          pw_record_form_add_hint   (PwRecordForm *self,
                                         const char   *name);
void          pw_record_form_set_hint   (PwRecordForm *self,
                                         const char   *text,
                                         gboolean      warning);

/* The values: an entry's text trimmed, a choice's value, a spin's number. */
char         *pw_record_form_dup_text   (PwRecordForm *self,
                                         const char   *name);
const char   *pw_record_form_get_choice (PwRecordForm *self,
                                         const char   *name);
gint64        pw_record_form_get_int    (PwRecordForm *self,
                                         const char   *name);

void          pw_record_form_show_error (PwRecordForm *self,
                                         const GError *error);
/* Runs the save function (as the Save button does); TRUE when it saved and
 * the form closed. */
gboolean      pw_record_form_save       (PwRecordForm *self);
/* Shows the form with the first field focused. */
void          pw_record_form_present    (PwRecordForm *self);

G_END_DECLS
