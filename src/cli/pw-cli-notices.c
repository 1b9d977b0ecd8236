/* pw-cli-notices.c — parkwise-cli bill notice, bill-run notices and park seller:
 * payment notices as PDF and the sellers' bank accounts they print (docs/cli.md,
 * "Payment notices"; the rules: docs/billing.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-bill-notice.h"
#include "pw-bill.h"
#include "pw-cli.h"
#include "pw-park-seller.h"

/* {"files": [...]} or one line per file */
static void
print_files (GPtrArray *files, gboolean json)
{
  if (json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < files->len; i++)
        json_array_add_string_element (array, g_ptr_array_index (files, i));
      json_object_set_array_member (object, "files", array);
      cli_print_object (object);
      return;
    }
  for (guint i = 0; i < files->len; i++)
    /* Translators: a file written */
    g_print (_("Wrote %s\n"), (const char *) g_ptr_array_index (files, i));
}

int
cmd_bill_notice (int argc, char **argv)
{
  g_auto(CliOptions) opt = { 0 };
  g_autofree char *park_id = NULL, *out = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The PDF file to write (required)"),
      N_("FILE") },
    { NULL }
  };

  if (!cli_parse (&opt, CLI_PARK | CLI_JSON,
                  _("bill notice NUMBER — write a bill’s payment notice as PDF"), entries, 1,
                  _("No bill number given"), &argc, &argv))
    return EXIT_USAGE;
  if (out == NULL)
    return usage_error (_("--out is required"));
  store = open_park (opt.db, opt.park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  if (!pw_bill_notice_export (store, park_id, argv[1], out, &error))
    return failed (error);
  g_ptr_array_add (files, g_strdup (out));
  print_files (files, opt.json);
  return EXIT_OK;
}

int
cmd_bill_run_notices (int argc, char **argv)
{
  g_auto(CliOptions) opt = { 0 };
  g_autofree char *park_id = NULL, *out = NULL, *period = NULL;
  gboolean one_file = FALSE;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;
  GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("The billing period (required)"),
      N_("YYYY-MM") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      N_("The folder to write one PDF per customer into, or with --one-file the PDF (required)"),
      N_("PATH") },
    { "one-file", 0, 0, G_OPTION_ARG_NONE, &one_file, N_("Write every notice into one PDF"),
      NULL },
    { NULL }
  };

  if (!cli_parse (&opt, CLI_PARK | CLI_JSON,
                  _("bill-run notices — write the payment notices of a period’s bills"), entries, 0,
                  NULL, &argc, &argv))
    return EXIT_USAGE;
  if (period == NULL)
    return usage_error (_("--period is required"));
  if (out == NULL)
    return usage_error (_("--out is required"));
  store = open_park (opt.db, opt.park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  files = pw_bill_notice_export_period (store, park_id, period, out, one_file, &error);
  if (files == NULL)
    return failed (error);
  print_files (files, opt.json);
  if (files->len == 0 && !opt.json)
    /* Translators: %s is a billing period, 2026-12 */
    g_print (_("No bill of %s has a payment notice: nothing written\n"), period);
  return EXIT_OK;
}

int
cmd_park_seller (int argc, char **argv)
{
  g_auto(CliOptions) opt = { 0 };
  g_autofree char *park_id = NULL;
  g_autofree char *code = NULL, *name = NULL, *bank = NULL, *account = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwLetterhead) head = NULL;
  GOptionEntry entries[] = {
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("The seller to record, by the code "
      "contracts name it by"), N_("CODE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The seller’s name"), N_("TEXT") },
    { "bank", 0, 0, G_OPTION_ARG_STRING, &bank, N_("The bank customers pay into"), N_("TEXT") },
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_("The account number"), N_("TEXT") },
    { NULL }
  };

  if (!cli_parse (&opt, CLI_PARK | CLI_JSON,
                  _("park seller — show the park’s sellers, or record one’s name and bank account"),
                  entries, 0, NULL, &argc, &argv))
    return EXIT_USAGE;
  store = open_park (opt.db, opt.park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  if (code != NULL)
    {
      if (!pw_park_set_seller (store, park_id, code, name, bank, account, &error))
        return failed (error);
    }
  else if (name != NULL || bank != NULL || account != NULL)
    return usage_error (_("--code is required to record a seller"));
  head = pw_letterhead_load (store, park_id, &error);
  if (head == NULL)
    return failed (error);
  if (opt.json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      JsonArray *array = json_array_new ();

      json_object_set_string_member (object, "park", head->code);
      for (guint i = 0; i < head->sellers->len; i++)
        {
          const PwParkSeller *s = g_ptr_array_index (head->sellers, i);
          JsonObject *o = json_object_new ();

          json_object_set_string_member (o, "code", s->code);
          json_object_set_string_member (o, "name", s->name);
          json_object_set_string_member (o, "bank", s->bank);
          json_object_set_string_member (o, "account", s->account);
          json_array_add_object_element (array, o);
        }
      json_object_set_array_member (object, "sellers", array);
      cli_print_object (object);
      return EXIT_OK;
    }
  for (guint i = 0; i < head->sellers->len; i++)
    {
      const PwParkSeller *s = g_ptr_array_index (head->sellers, i);

      g_print ("%-6s  %s  %s  %s\n", s->code, s->name, s->bank, s->account);
    }
  if (head->sellers->len == 0)
    g_print (_("The park records no seller\n"));
  return EXIT_OK;
}
