/* pw-i18n.h — where the translations are, and the words shown for the codes
 * that data keeps untranslated (charge codes, field names, area bases)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The folder holding the compiled translations: $PARKWISE_LOCALEDIR when it is
 * set (build-aux/run.sh points it at the build tree's po folder), else the
 * installed one. */
const char *pw_i18n_localedir (void);
/* setlocale, and the parkwise text domain bound to pw_i18n_localedir() in UTF-8. */
void        pw_i18n_init      (void);

/* The translated name of a charge code or kind: "rent" → "Rent", "pm" and
 * "property_fee" → "Property fee", "deposit" → "Deposit", "parking" →
 * "Parking", …; a code it does not know is returned as it is. */
const char *pw_charge_label   (const char *code);
/* The translated name of a record's field: "gross_area" → "Gross area"; a
 * field it does not know is returned as it is. */
const char *pw_field_label    (const char *field);
/* @fields, a comma-separated list of field names as the history stores them,
 * with each field's translated name. */
char       *pw_field_list_label (const char *fields);
/* The translated name of an area basis: "gross", "internal" or "usable". */
const char *pw_area_basis_label (const char *basis);
/* The translated name of a seller code as contracts use it ("LL", "PM"). */
const char *pw_seller_label   (const char *code);

G_END_DECLS
