/* pw-i18n.c — where the translations are, and the words shown for codes
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Data keeps its codes as they are ("rent", "pm", "gross_area"): they are
 * keys that sync, import and the CLI's JSON rely on. What a person reads is
 * the translated word for the code, from here, in the app, the PDF and the
 * CLI's human output alike. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "pw-i18n.h"

typedef struct
{
  const char *code;
  const char *label;
} Label;

const char *
pw_i18n_localedir (void)
{
  const char *dir = g_getenv ("PARKWISE_LOCALEDIR");

  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

void
pw_i18n_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, pw_i18n_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static const char *
lookup (const Label *labels, gsize n, const char *code)
{
  if (code == NULL)
    return "";
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (labels[i].code, code))
      return _(labels[i].label);
  return code;
}

const char *
pw_charge_label (const char *code)
{
  static const Label labels[] = {
    { "rent", N_("Rent") },
    { "pm", N_("Property fee") },
    { "property_fee", N_("Property fee") },
    { "service", N_("Service fee") },
    { "deposit", N_("Deposit") },
    { "parking", N_("Parking") },
    { "signage", N_("Signage") },
    { "advertising", N_("Advertising") },
    { "penalty", N_("Penalty") },
    { "credit", N_("Credit") },
    { "charge", N_("Charge") },
    { "utilities", N_("Utilities") },
    { "rent_free", N_("Rent-free period") },
  };

  return lookup (labels, G_N_ELEMENTS (labels), code);
}

const char *
pw_field_label (const char *field)
{
  static const Label labels[] = {
    { "code", N_("Code") },
    { "name", N_("Name") },
    { "kind", N_("Kind") },
    { "status", N_("Status") },
    { "gross_area", N_("Gross area") },
    { "internal_area", N_("Internal area") },
    { "usable_area", N_("Usable area") },
    { "leasable", N_("Leasable") },
    { "takes_share", N_("Takes a share") },
    { "pool_level", N_("Common pool") },
    { "area_basis", N_("Area basis") },
    { "outline", N_("Outline") },
    { "notes", N_("Notes") },
    { "floor_id", N_("Floor") },
    { "space_id", N_("Space") },
    { "category", N_("Category") },
    { "serial", N_("Serial number") },
    { "install_date", N_("Installation date") },
    { "original_value", N_("Original value") },
    { "code_pattern", N_("Code pattern") },
  };

  return lookup (labels, G_N_ELEMENTS (labels), field);
}

char *
pw_field_list_label (const char *fields)
{
  g_auto(GStrv) names = NULL;
  GString *out = g_string_new (NULL);

  if (fields == NULL)
    return g_string_free (out, FALSE);
  names = g_strsplit (fields, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);

      if (*name == '\0')
        continue;
      if (out->len > 0)
        /* Translators: between the names of fields in a list, e.g. "Name, Gross area" */
        g_string_append (out, _(", "));
      g_string_append (out, pw_field_label (name));
    }
  return g_string_free (out, FALSE);
}

const char *
pw_area_basis_label (const char *basis)
{
  static const Label labels[] = {
    { "gross", N_("Gross area") },
    { "internal", N_("Internal area") },
    { "usable", N_("Usable area") },
  };

  return lookup (labels, G_N_ELEMENTS (labels), basis);
}

const char *
pw_seller_label (const char *code)
{
  static const Label labels[] = {
    /* Translators: the seller of a contract's charges who owns the park */
    { "LL", N_("Landlord") },
    /* Translators: the seller of a contract's charges who manages the property */
    { "PM", N_("Property manager") },
  };

  return lookup (labels, G_N_ELEMENTS (labels), code);
}
