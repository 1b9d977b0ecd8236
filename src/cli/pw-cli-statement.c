/* pw-cli-statement.c — parkwise-cli statement: customer statements (对账单) as PDF, one
 * customer's or a batch (docs/cli.md, "Statements"; the rules: docs/receivables.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-bill-statement.h"
#include "pw-cli.h"
#include "pw-i18n.h"
#include "pw-money.h"
#include "pw-receivables.h"

static void
print_node (JsonNode *node)
{
  g_autofree char *text = json_to_pretty (node);

  g_print ("%s\n", text);
}

static char *
money (JsonObject *o, const char *name, const char *currency)
{
  return pw_money_format (json_object_get_int_member (o, name), currency, PW_CURRENCY_CODE);
}

/* One line per seller's section: its opening and closing balances and what is open */
static void
print_summary (JsonObject *figures)
{
  const char *currency = json_object_get_string_member (figures, "currency");
  JsonArray *sections = json_object_get_array_member (figures, "sections");

  /* Translators: a customer's name and a statement's period */
  g_print (_("%s, %s – %s\n"), json_object_get_string_member (figures, "customer_name"),
           json_object_get_string_member (figures, "from"),
           json_object_get_string_member (figures, "to"));
  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      JsonObject *s = json_array_get_object_element (sections, i);
      const char *seller = json_object_get_string_member (s, "seller");
      g_autofree char *opening = money (s, "opening", currency);
      g_autofree char *closing = money (s, "closing", currency);
      g_autofree char *open = money (s, "open", currency);

      /* Translators: a seller, then amounts: the opening and closing balances of a
       * statement and what is open as of its ageing date */
      g_print (_("  %s: opening %s, closing %s, open %s\n"),
               *seller != '\0' ? pw_seller_label (seller) : _("not allocated"), opening,
               closing, open);
    }
}

int
cmd_statement (int argc, char **argv)
{
  g_autofree char *db = NULL, *park_code = NULL, *park_id = NULL, *out = NULL;
  g_autofree char *customer = NULL, *from = NULL, *to = NULL, *as_of = NULL;
  gboolean json = FALSE, all = FALSE, one_file = FALSE;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The Parkwise database"), N_("FILE") },
    { "park", 0, 0, G_OPTION_ARG_STRING, &park_code, N_("The park (default: the first)"),
      N_("CODE") },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, N_("The customer, by name or id"),
      N_("CUSTOMER") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      N_("Every customer with a balance or activity in the period"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      N_("The first day of the period (default: a year before --to)"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The last day of the period (default: today)"),
      N_("YYYY-MM-DD") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      N_("The date of the ageing (default: --to)"), N_("YYYY-MM-DD") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      N_("The PDF to write; with --all the folder for one PDF per customer, or with "
         "--one-file the PDF (required)"), N_("PATH") },
    { "one-file", 0, 0, G_OPTION_ARG_NONE, &one_file,
      N_("With --all, write every statement into one PDF"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the figures as JSON"), NULL },
    { NULL }
  };

  if (!parse_command (_("statement — write a customer’s statement of account as PDF"), NULL,
                      entries, &db, 0, NULL, &argc, &argv))
    return EXIT_USAGE;
  if ((customer == NULL) == !all)
    return usage_error (_("Give either --customer or --all"));
  if (one_file && !all)
    return usage_error (_("--one-file goes with --all"));
  if (out == NULL)
    return usage_error (_("--out is required"));
  store = open_park (db, park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  if (!all)
    {
      const char *customers[] = { customer, NULL };
      g_autoptr(PwBillStatement) statement = pw_bill_statement_new (store, park_id, customers,
                                                                    from, to, as_of, &error);
      JsonObject *figures;

      if (statement == NULL || !pw_bill_statement_write_pdf (statement, out, &error))
        return failed (error);
      figures = json_array_get_object_element (pw_bill_statement_get_figures (statement), 0);
      if (json)
        {
          g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

          json_object_set_string_member (figures, "file", out);
          json_object_set_int_member (figures, "pages", pw_bill_statement_get_n_pages (statement));
          json_node_set_object (node, figures);
          print_node (node);
          return EXIT_OK;
        }
      print_summary (figures);
      /* Translators: a file written */
      g_print (_("Wrote %s\n"), out);
      return EXIT_OK;
    }
  {
    g_autoptr(JsonArray) figures = NULL;
    g_autoptr(GPtrArray) files = pw_bill_statement_export_all (store, park_id, from, to, as_of,
                                                               out, one_file, &figures, &error);

    if (files == NULL)
      return failed (error);
    if (json)
      {
        g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
        JsonObject *object = json_object_new ();
        JsonArray *array = json_array_new ();

        for (guint i = 0; i < files->len; i++)
          json_array_add_string_element (array, g_ptr_array_index (files, i));
        json_object_set_array_member (object, "files", array);
        json_object_set_array_member (object, "statements", json_array_ref (figures));
        json_node_take_object (node, object);
        print_node (node);
        return EXIT_OK;
      }
    for (guint i = 0; i < json_array_get_length (figures); i++)
      print_summary (json_array_get_object_element (figures, i));
    for (guint i = 0; i < files->len; i++)
      g_print (_("Wrote %s\n"), (const char *) g_ptr_array_index (files, i));
    if (files->len == 0)
      g_print (_("No customer has a balance or activity in the period: nothing written\n"));
  }
  return EXIT_OK;
}
