/* pw-cli-contracts.c — parkwise-cli contract …: lease contracts in the ledger
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-cli.h"
#include "pw-lease.h"
#include "pw-lease-sheet.h"
#include "pw-money.h"
#include "pw-row.h"

/* Opens @db and finds the contract @code, in the park @park_code when given: its id, or
 * NULL with @error set (@store is set whenever the database opened). */
static char *
open_contract (const char *db, const char *park_code, const char *code, PwStore **store,
               GError **error)
{
  g_autofree char *park_id = NULL;

  *store = open_store (db, FALSE, error);
  if (*store == NULL)
    return NULL;
  if (park_code != NULL && (park_id = find_park (*store, park_code, error)) == NULL)
    return NULL;
  return pw_lease_find (*store, park_id, code, error);
}

/* The ids and chargeable areas of the spaces with @codes in @park_id. */
static GArray *
lease_spaces (PwStore *store, const char *park_id, char **codes, GError **error)
{
  g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (store, park_id, error);
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (PwLeaseSpace));

  if (spaces == NULL)
    return NULL;
  for (guint c = 0; codes != NULL && codes[c] != NULL; c++)
    {
      guint i;

      for (i = 0; i < spaces->len; i++)
        if (g_str_equal (pw_space_get_code (g_ptr_array_index (spaces, i)), codes[c]))
          break;
      if (i == spaces->len)
        {
          g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                       _("No space “%s” in this park"), codes[c]);
          return NULL;
        }
      {
        PwSpace *space = g_ptr_array_index (spaces, i);
        /* the strings live as long as the spaces: kept in the array's keeper below */
        PwLeaseSpace ls = { g_strdup (pw_space_get_id (space)), pw_space_get_chargeable_area (space) };

        g_array_append_val (out, ls);
      }
    }
  return g_steal_pointer (&out);
}

static void
lease_spaces_free (GArray *spaces)
{
  for (guint i = 0; i < spaces->len; i++)
    g_free ((char *) g_array_index (spaces, PwLeaseSpace, i).space_id);
  g_array_unref (spaces);
}

static char *
read_terms (const char *path, GError **error)
{
  char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  return text;
}

int
cmd_contract_create (int argc, char **argv)
{
  g_autofree char *db = NULL, *code = NULL, *customer = NULL, *start = NULL, *end = NULL;
  g_autofree char *terms_path = NULL, *park_code = NULL;
  g_auto(GStrv) space_codes = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The Parkwise database"), N_("FILE") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code,
      N_("The contract’s code (default: the park’s next number)"), N_("CODE") },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, N_("The customer’s id (required)"),
      N_("ID") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, N_("First day of the term (required)"),
      N_("YYYY-MM-DD") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end, N_("Last day of the term (required)"),
      N_("YYYY-MM-DD") },
    { "space", 0, 0, G_OPTION_ARG_STRING_ARRAY, &space_codes,
      N_("A space the contract leases (repeatable, required)"), N_("CODE") },
    { "terms", 0, 0, G_OPTION_ARG_FILENAME, &terms_path,
      N_("The terms in the contract’s JSON form (required)"), N_("FILE") },
    { "park", 0, 0, G_OPTION_ARG_STRING, &park_code, N_("The park (default: the first)"),
      N_("CODE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *park_id = NULL, *terms = NULL, *id = NULL;
  GArray *spaces;

  if (!parse_command (_("contract create — a draft lease contract"),
                      _("Write a draft contract for spaces of the park, with the first version "
                        "of its terms"), entries, &db, 0, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (customer == NULL || start == NULL || end == NULL || space_codes == NULL || terms_path == NULL)
    return usage_error (_("--customer, --start, --end, --space and --terms are required"));
  store = open_park (db, park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  if (code == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      code = pw_lease_next_code (store, park_id, today, &error);
      if (code == NULL)
        return failed (error);
    }
  terms = read_terms (terms_path, &error);
  if (terms == NULL)
    return failed (error);
  spaces = lease_spaces (store, park_id, space_codes, &error);
  if (spaces == NULL)
    return failed (error);
  id = pw_lease_create (store, park_id, code, customer, start, end,
                        (PwLeaseSpace *) (gpointer) spaces->data, spaces->len, terms, &error);
  lease_spaces_free (spaces);
  if (id == NULL)
    return failed (error);
  g_print ("%s\n", id);
  return EXIT_OK;
}

int
cmd_contract_set_status (int argc, char **argv)
{
  g_autofree char *db = NULL, *date = NULL, *reason = NULL, *park_code = NULL, *penalty = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The Parkwise database"), N_("FILE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day it happens (default: today)"),
      N_("YYYY-MM-DD") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why"), N_("TEXT") },
    { "penalty", 0, 0, G_OPTION_ARG_STRING, &penalty,
      N_("Early termination penalty, in the contract’s currency"), N_("AMOUNT") },
    { "park", 0, 0, G_OPTION_ARG_STRING, &park_code, N_("The park (default: any)"), N_("CODE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *id = NULL;
  int status;

  if (!parse_command (_("contract set-status CODE STATUS — move a contract on"),
                      _("Submit, approve, sign, activate, renew, terminate or expire a contract; "
                        "its spaces follow it"),
                      entries, &db, 2, _("Give the contract’s code and the new status"), &argc, &argv))
    return EXIT_USAGE;
  status = pw_contract_status_from_string (argv[2]);
  if (status < 0)
    return usage_error (_("“%s” is not a contract status: use draft, submitted, approved, signed, "
                          "active, expiring, renewed, terminated or expired"), argv[2]);
  if (date == NULL)
    date = pw_today_iso ();
  id = open_contract (db, park_code, argv[1], &store, &error);
  if (penalty != NULL && status != PW_CONTRACT_TERMINATED)
    return usage_error (_("--penalty goes with terminated"));
  if (id == NULL || !pw_lease_transition_full (store, id, status, date, reason, penalty, &error))
    return failed (error);
  return EXIT_OK;
}

static int
contract_decide (int argc, char **argv, gboolean approve)
{
  g_autofree char *db = NULL, *date = NULL, *role = NULL, *comment = NULL, *park_code = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The Parkwise database"), N_("FILE") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_("The role deciding: asset_manager or general_manager"), N_("ROLE") },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("Why (required to reject)"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day it happens (default: today)"),
      N_("YYYY-MM-DD") },
    { "park", 0, 0, G_OPTION_ARG_STRING, &park_code, N_("The park (default: any)"), N_("CODE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autofree char *id = NULL;

  if (!parse_command (approve ? _("contract approve CODE — approve a submitted contract")
                              : _("contract reject CODE — reject a submitted contract"),
                      _("A contract beyond the park’s policy needs the approvals its rules ask "
                        "for, level by level, each by its role (docs/approvals.md)"),
                      entries, &db, 1, _("Give the contract’s code"), &argc, &argv))
    return EXIT_USAGE;
  if (date == NULL)
    date = pw_today_iso ();
  id = open_contract (db, park_code, argv[1], &store, &error);
  if (id == NULL || !pw_lease_decide (store, id, role, approve, comment, date, &error))
    return failed (error);
  row = pw_store_get_row (store, "contract", id, &error);
  if (row == NULL)
    return failed (error);
  /* Translators: the contract's status after the decision */
  g_print (_("Recorded. The contract is now: %s\n"),
           pw_contract_status_get_label (pw_contract_status_from_string (pw_row_string (row, "status"))));
  return EXIT_OK;
}

int
cmd_contract_approve (int argc, char **argv)
{
  return contract_decide (argc, argv, TRUE);
}

int
cmd_contract_reject (int argc, char **argv)
{
  return contract_decide (argc, argv, FALSE);
}

int
cmd_contract_amend (int argc, char **argv)
{
  g_autofree char *db = NULL, *from = NULL, *terms_path = NULL, *note = NULL, *park_code = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The Parkwise database"), N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The day the new terms take effect (required)"),
      N_("YYYY-MM-DD") },
    { "terms", 0, 0, G_OPTION_ARG_FILENAME, &terms_path,
      N_("The new terms in the contract’s JSON form (required)"), N_("FILE") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("What changes"), N_("TEXT") },
    { "park", 0, 0, G_OPTION_ARG_STRING, &park_code, N_("The park (default: any)"), N_("CODE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *id = NULL, *terms = NULL;
  int number;

  if (!parse_command (_("contract amend CODE — a new version of the terms"),
                      _("Amend a contract from a date: the terms from then on are a new version"),
                      entries, &db, 1, _("Give the contract’s code"), &argc, &argv))
    return EXIT_USAGE;
  if (from == NULL || terms_path == NULL)
    return usage_error (_("--from and --terms are required"));
  terms = read_terms (terms_path, &error);
  if (terms == NULL)
    return failed (error);
  id = open_contract (db, park_code, argv[1], &store, &error);
  if (id == NULL || (number = pw_lease_amend (store, id, from, terms, note, &error)) < 0)
    return failed (error);
  /* TRANSLATORS: after an amendment: the number of the new version of the terms */
  g_print (_("Version %d\n"), number);
  return EXIT_OK;
}

int
cmd_contract_renew (int argc, char **argv)
{
  g_autofree char *db = NULL, *code = NULL, *end = NULL, *date = NULL, *park_code = NULL;
  g_autofree char *rent = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The Parkwise database"), N_("FILE") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("The renewal’s code (required)"), N_("CODE") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end,
      N_("Last day of the renewal (default: the renewal option’s term, else as long as the term "
         "it follows)"), N_("YYYY-MM-DD") },
    { "rent", 0, 0, G_OPTION_ARG_STRING, &rent,
      N_("The renewal’s rent: a new unit price for its rent charges"), N_("PRICE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day it is drawn up (default: today)"),
      N_("YYYY-MM-DD") },
    { "park", 0, 0, G_OPTION_ARG_STRING, &park_code, N_("The park (default: any)"), N_("CODE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *id = NULL, *renewal = NULL;

  if (!parse_command (_("contract renew CODE — a draft that follows a contract"),
                      _("Write a draft contract from the day after an active or expiring contract "
                        "ends, with its customer, spaces and terms; the deposit it holds carries "
                        "over. Signing the draft renews the contract it follows"),
                      entries, &db, 1, _("Give the contract’s code"), &argc, &argv))
    return EXIT_USAGE;
  if (code == NULL)
    return usage_error (_("--code is required"));
  if (date == NULL)
    date = pw_today_iso ();
  id = open_contract (db, park_code, argv[1], &store, &error);
  if (id == NULL || (renewal = pw_lease_renew_full (store, id, code, end, date, rent, &error)) == NULL)
    return failed (error);
  g_print ("%s\n", renewal);
  return EXIT_OK;
}

static char *
money_text (gint64 minor, const char *currency)
{
  return pw_decimal_to_string (pw_decimal_from_int (minor, MAX (pw_currency_minor_digits (currency), 0)));
}

int
cmd_contract_show (int argc, char **argv)
{
  g_autofree char *db = NULL, *date = NULL, *park_code = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The Parkwise database"), N_("FILE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day the figures are for (default: today)"),
      N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "park", 0, 0, G_OPTION_ARG_STRING, &park_code, N_("The park (default: any)"), N_("CODE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(PwLeaseFigures) fig = NULL;
  g_autofree char *id = NULL, *monthly = NULL, *total = NULL, *next = NULL;
  const char *status;

  if (!parse_command (_("contract show CODE — a contract and its headline figures"),
                      _("Monthly rent, rent per m² per month and per day, total contract value "
                        "and the next bill, as core computes them (docs/contract-figures.md)"),
                      entries, &db, 1, _("Give the contract’s code"), &argc, &argv))
    return EXIT_USAGE;
  if (date == NULL)
    date = pw_today_iso ();
  id = open_contract (db, park_code, argv[1], &store, &error);
  if (id == NULL || (row = pw_store_get_row (store, "contract", id, &error)) == NULL
      || (fig = pw_lease_figures (store, id, date, &error)) == NULL)
    return failed (error);
  status = pw_row_string (row, "status");
  monthly = money_text (fig->monthly_rent, fig->currency);
  total = money_text (fig->total_value, fig->currency);
  next = money_text (fig->next_bill_amount, fig->currency);
  if (json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *out = json_object_new ();
      g_autofree char *text = NULL;

      json_object_set_string_member (out, "code", pw_row_string (row, "code"));
      json_object_set_string_member (out, "status", status);
      json_object_set_string_member (out, "start_date", pw_row_string (row, "start_date"));
      json_object_set_string_member (out, "end_date", pw_row_string (row, "end_date"));
      json_object_set_string_member (out, "currency", fig->currency);
      json_object_set_string_member (out, "figures_on", fig->on);
      json_object_set_string_member (out, "monthly_rent", monthly);
      if (fig->rent_m2_month != NULL)
        {
          json_object_set_string_member (out, "rent_m2_month", fig->rent_m2_month);
          json_object_set_string_member (out, "rent_m2_day", fig->rent_m2_day);
        }
      else
        {
          json_object_set_null_member (out, "rent_m2_month");
          json_object_set_null_member (out, "rent_m2_day");
        }
      json_object_set_string_member (out, "total_contract_value", total);
      if (fig->next_bill_date != NULL)
        {
          JsonObject *bill = json_object_new ();

          json_object_set_string_member (bill, "date", fig->next_bill_date);
          json_object_set_string_member (bill, "amount", next);
          json_object_set_object_member (out, "next_bill", bill);
        }
      else
        json_object_set_null_member (out, "next_bill");
      /* the approvals a submitted contract beyond the policy still awaits, by level */
      if (g_strcmp0 (status, "submitted") == 0)
        {
          g_autoptr(GPtrArray) pending = pw_lease_pending_approvals (store, id, &error);
          JsonArray *awaited = json_array_new ();

          if (pending == NULL)
            {
              json_array_unref (awaited);
              json_object_unref (out);
              return failed (error);
            }
          for (guint i = 0; i < pending->len; i++)
            json_array_add_string_element (awaited, pw_row_string (pending->pdata[i], "approver_role"));
          json_object_set_array_member (out, "approvals_awaited", awaited);
        }
      json_node_take_object (node, out);
      text = json_to_pretty (node);
      g_print ("%s\n", text);
      return EXIT_OK;
    }
  /* Translators: a contract's code, status and term */
  g_print (_("%s · %s · %s to %s\n"), pw_row_string (row, "code"),
           pw_contract_status_get_label (pw_contract_status_from_string (status)),
           pw_row_string (row, "start_date"), pw_row_string (row, "end_date"));
  g_print (_("Monthly rent (on %s): %s %s\n"), fig->on, monthly, fig->currency);
  if (fig->rent_m2_month != NULL)
    g_print (_("Rent per m²: %s a month, %s a day\n"), fig->rent_m2_month, fig->rent_m2_day);
  g_print (_("Total contract value: %s %s\n"), total, fig->currency);
  if (fig->next_bill_date != NULL)
    g_print (_("Next bill: %s, %s %s\n"), fig->next_bill_date, next, fig->currency);
  else
    g_print (_("Next bill: none\n"));
  return EXIT_OK;
}

int
cmd_contract_list (int argc, char **argv)
{
  g_autofree char *db = NULL, *status_text = NULL, *park_code = NULL, *today = NULL;
  int expiring = -1;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The Parkwise database"), N_("FILE") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_text, N_("Only contracts in this status"),
      N_("STATUS") },
    { "expiring", 0, 0, G_OPTION_ARG_INT, &expiring,
      N_("Only running contracts that end within this many days"), N_("DAYS") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "park", 0, 0, G_OPTION_ARG_STRING, &park_code, N_("The park (default: the first)"),
      N_("CODE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *park_id = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  int status = -1;

  if (!parse_command (_("contract list — the park’s contracts"),
                      _("List contracts by end date, optionally those in a status or expiring "
                        "soon"), entries, &db, 0, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (status_text != NULL && (status = pw_contract_status_from_string (status_text)) < 0)
    return usage_error (_("“%s” is not a contract status: use draft, submitted, approved, signed, "
                          "active, expiring, renewed, terminated or expired"), status_text);
  if (expiring < -1)
    return usage_error (_("--expiring needs a number of days"));
  store = open_park (db, park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  today = pw_today_iso ();
  rows = pw_lease_list (store, park_id, status, expiring, today, &error);
  if (rows == NULL)
    return failed (error);
  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();
      g_autofree char *text = NULL;
      g_autoptr(GBytes) bytes = NULL;

      for (guint i = 0; i < rows->len; i++)
        {
          JsonObject *row = g_ptr_array_index (rows, i);
          g_autoptr(GPtrArray) alerts = pw_lease_alerts (store, json_object_get_string_member (row, "id"),
                                                         &error);
          JsonArray *list = json_array_new ();

          if (alerts == NULL)
            {
              json_array_unref (list);
              json_array_unref (array);
              return failed (error);
            }
          for (guint k = 0; k < alerts->len; k++)
            json_array_add_string_element (list, g_ptr_array_index (alerts, k));
          json_object_set_array_member (row, "alerts", list);
          json_array_add_object_element (array, json_object_ref (row));
        }
      json_node_take_array (root, array);
      text = json_to_pretty (root);
      bytes = g_bytes_new_take (g_strconcat (text, "\n", NULL), strlen (text) + 1);
      if (!write_stdout (bytes, &error))
        return failed (error);
      return EXIT_OK;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      JsonObject *row = g_ptr_array_index (rows, i);
      int s = pw_contract_status_from_string (json_object_get_string_member (row, "status"));
      const char *customer = json_object_get_null_member (row, "customer_name")
                               ? "—" : json_object_get_string_member (row, "customer_name");
      JsonArray *spaces = json_object_get_array_member (row, "spaces");
      g_autoptr(GString) codes = g_string_new (NULL);

      for (guint k = 0; k < json_array_get_length (spaces); k++)
        g_string_append_printf (codes, "%s%s", k ? ", " : "", json_array_get_string_element (spaces, k));
      g_print ("%-14s %-11s %s – %s  %s  %s\n", json_object_get_string_member (row, "code"),
               pw_contract_status_get_label (s), json_object_get_string_member (row, "start_date"),
               json_object_get_string_member (row, "end_date"), customer, codes->str);
    }
  return EXIT_OK;
}

int
cmd_contract_pdf (int argc, char **argv)
{
  g_autofree char *db = NULL, *out = NULL, *park_code = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The Parkwise database"), N_("FILE") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The PDF file to write (required)"),
      N_("FILE") },
    { "park", 0, 0, G_OPTION_ARG_STRING, &park_code, N_("The park (default: any)"), N_("CODE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autofree char *id = NULL;

  if (!parse_command (_("contract pdf CODE — the contract as a document"),
                      _("Write a contract as a PDF: parties, term, spaces, charges, the whole "
                        "schedule with totals, and its floors with the leased rooms outlined"),
                      entries, &db, 1, _("Give the contract’s code"), &argc, &argv))
    return EXIT_USAGE;
  if (out == NULL)
    return usage_error (_("--out is required"));
  id = open_contract (db, park_code, argv[1], &store, &error);
  if (id == NULL || !pw_lease_sheet_export (store, id, out, &error))
    return failed (error);
  return EXIT_OK;
}
