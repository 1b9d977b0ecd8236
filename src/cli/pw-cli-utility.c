/* pw-cli-utility.c — parkwise-cli utility: a month's metered charges from a file (docs/cli.md)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file's form is docs/utility-format.md, the rules docs/utility-rules.md.
 * A refused file exits 1 naming its line and member; problems a person has to
 * settle (a missing reading, an unconfirmed rollover …) are listed and the
 * exit is 0, since the rest of the month's charges stand. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-cli.h"
#include "pw-money.h"
#include "pw-utility.h"

/* @text in @width terminal columns (CJK characters take two), left- or right-aligned */
static char *
pad (const char *text, guint width, gboolean right)
{
  guint used = 0;
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      used += g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;
    }
  if (!right)
    g_string_append (out, text);
  for (; used < width; used++)
    g_string_append_c (out, ' ');
  if (right)
    g_string_append (out, text);
  return g_string_free (out, FALSE);
}

static void
print_row (const char *meter, const char *customer, const char *qty, const char *gross,
           const char *net, const char *tax, const char *mark)
{
  g_autofree char *a = pad (meter, 16, FALSE);
  g_autofree char *b = pad (customer, 12, FALSE);
  g_autofree char *c = pad (qty, 14, TRUE);
  g_autofree char *d = pad (gross, 14, TRUE);
  g_autofree char *e = pad (net, 14, TRUE);
  g_autofree char *f = pad (tax, 12, TRUE);

  g_print ("%s  %s  %s  %s  %s  %s%s\n", a, b, c, d, e, f, mark);
}

static void
print_result (const PwUtilityResult *res)
{
  g_autofree char *gross = pw_money_format (res->gross, res->currency, PW_CURRENCY_CODE);
  g_autofree char *net = pw_money_format (res->net, res->currency, PW_CURRENCY_CODE);
  g_autofree char *tax = pw_money_format (res->tax, res->currency, PW_CURRENCY_CODE);

  print_row (/* Translators: column headings of “utility”; keep them short */
             C_("utility", "Meter"), C_("utility", "Customer"), C_("utility", "Quantity"),
             C_("utility", "Gross"), C_("utility", "Net"), C_("utility", "Tax"), "");
  for (guint i = 0; i < res->charges->len; i++)
    {
      PwUtilityCharge *c = res->charges->pdata[i];
      g_autofree char *q = pw_utility_format_quantity (c->quantity);
      g_autofree char *qty = g_strdup_printf ("%s %s", q, c->unit);
      g_autofree char *g = pw_money_format_amount (c->gross, res->currency);
      g_autofree char *n = pw_money_format_amount (c->net, res->currency);
      g_autofree char *t = pw_money_format_amount (c->tax, res->currency);

      print_row (c->meter, c->customer ? c->customer : "—", qty, g, n, t,
                 /* Translators: marks a charge line that waits for a confirmation */
                 c->held ? _("  (held)") : "");
      g_print ("    %s\n", c->explanation);
    }
  if (res->problems->len > 0)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u problem:\n", "%u problems:\n",
                            res->problems->len), res->problems->len);
      for (guint i = 0; i < res->problems->len; i++)
        {
          PwUtilityProblem *p = res->problems->pdata[i];

          g_print ("  %s: %s\n", pw_utility_problem_kind_to_string (p->kind), p->message);
        }
    }
  g_print (_("Total gross:  %s\n"), gross);
  g_print (_("Total net:    %s\n"), net);
  g_print (_("Total tax:    %s\n"), tax);
  if (res->held_gross > 0)
    {
      g_autofree char *held = pw_money_format (res->held_gross, res->currency, PW_CURRENCY_CODE);

      /* Translators: the gross of the lines that wait for a reading to be confirmed */
      g_print (_("Held:         %s, until their readings are confirmed\n"), held);
    }
}

int
cmd_utility (int argc, char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of a table"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE.json"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PwUtilityInput) input = NULL;
  g_autoptr(PwUtilityResult) result = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Compute a month’s metered utility charges from meters, "
                                  "readings and tariffs; the file’s form is in "
                                  "docs/utility-format.md"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);
  if (argc < 2)
    return usage_error (_("Give the file of meters and readings"));
  if (argc > 2)
    return usage_error (_("Unexpected argument “%s”"), argv[2]);

  input = pw_utility_input_load (argv[1], &error);
  if (input == NULL)
    return cli_refused (error, json);
  result = pw_utility_compute (input, &error);
  if (result == NULL)
    {
      g_autofree char *name = g_filename_display_name (argv[1]);

      g_prefix_error (&error, "%s: ", name);
      return cli_refused (error, json);
    }
  if (json)
    {
      g_autoptr(JsonNode) node = pw_utility_result_to_json (result);

      cli_print_json (node);
    }
  else
    print_result (result);
  return EXIT_OK;
}
