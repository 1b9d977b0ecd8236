/* pw-cli-customers.c — parkwise-cli's customer, prospect, quote and approval commands
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-cli.h"
#include "pw-customer.h"
#include "pw-uscc.h"

#define DB_OPTION(var) \
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &var, N_("The Parkwise database"), N_("FILE") }
#define PARK_OPTION(var) \
  { "park", 0, 0, G_OPTION_ARG_STRING, &var, N_("The park (default: the first)"), N_("CODE") }
#define ACTOR_OPTION(var) \
  { "actor", 0, 0, G_OPTION_ARG_STRING, &var, N_("Who decides (default: the user’s name)"), \
    N_("NAME") }

/* A usage error unless @value is NULL or one of @allowed. */
static gboolean
check_word (const char *option, const char *value, const char *const *allowed)
{
  g_autofree char *list = NULL;

  if (value == NULL || g_strv_contains (allowed, value))
    return TRUE;
  list = g_strjoinv (", ", (char **) allowed);
  /* Translators: an option, the value given, then the allowed values */
  usage_error (_("%s must be one of %s, not “%s”"), option, list, value);
  return FALSE;
}

static void
print_warning (const char *warning)
{
  if (warning != NULL)
    /* Translators: a warning that does not stop the command */
    g_printerr (_("parkwise-cli: warning: %s\n"), warning);
}

/* The ids of the spaces with @codes in @park_id, NULL-terminated. */
static GPtrArray *
resolve_spaces (PwStore *store, const char *park_id, char **codes, GError **error)
{
  g_autofree char *joined = codes != NULL ? g_strjoinv (",", codes) : g_strdup ("");
  g_auto(GStrv) ids = pw_leasing_space_ids_from_codes (store, park_id, joined, "spaces", error);
  GPtrArray *found;

  if (ids == NULL)
    return NULL;
  found = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (found, g_strdup (ids[i]));
  g_ptr_array_add (found, NULL);
  return found;
}

static const char *
member_string (JsonObject *row, const char *field)
{
  JsonNode *node = json_object_get_member (row, field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "";
  return json_node_get_string (node);
}

/* Replaces @row's @field, a JSON list kept as text, by the list itself. */
static void
expand_list (JsonObject *row, const char *field)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *text = member_string (row, field);

  if (json_parser_load_from_data (parser, text, -1, NULL) && json_parser_get_root (parser) != NULL
      && JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    json_object_set_member (row, field, json_node_copy (json_parser_get_root (parser)));
}

/* ---- uscc ------------------------------------------------------------------- */

int
cmd_uscc (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("CODE — check a unified social credit code"));
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *reason = NULL;
  PwUsccParts parts;
  PwUsccResult result;
  GOptionEntry entries[] = { { NULL } };

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Checks a unified social credit code (GB 32100-2015). Spaces and "
                                  "hyphens are dropped and letters upper-cased first."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);
  if (argc < 2)
    return usage_error (_("Name the code to check"));
  if (argc > 2)
    return usage_error (_("Unexpected argument “%s”"), argv[2]);

  code = pw_uscc_normalize (argv[1]);
  result = pw_uscc_check (code, &parts, &reason);
  if (result == PW_USCC_VALID)
    {
      /* Translators: a unified social credit code */
      g_print (_("%s is a valid unified social credit code\n"), code);
      g_print (_("  Registration authority:  %s (%s)\n"), parts.authority,
               pw_uscc_authority_label (parts.authority[0]));
      g_print (_("  Organisation category:   %s (%s)\n"), parts.category,
               pw_uscc_category_label (parts.authority[0], parts.category[0]));
      g_print (_("  Administrative division: %s\n"), parts.division);
      g_print (_("  Organisation code:       %s\n"), parts.org_code);
      g_print (_("  Check character:         %s\n"), parts.check);
      return EXIT_OK;
    }
  if (result == PW_USCC_LEGACY)
    {
      /* Translators: a code, then what it was taken for */
      g_print (_("%s: %s\n"), code, reason);
      return EXIT_OK;
    }
  g_printerr ("parkwise-cli: %s: %s\n", code, reason);
  return EXIT_FAILED;
}

/* ---- customers ----------------------------------------------------------------- */

int
cmd_customer_add (int argc, char **argv)
{
  static const char *const kinds[] = { "company", "person", NULL };
  static const char *const risks[] = { "low", "medium", "high", NULL };
  g_autofree char *db = NULL, *park_code = NULL, *name = NULL, *uscc = NULL, *kind = NULL;
  g_autofree char *industry = NULL, *risk = NULL, *notes = NULL;
  g_auto(GStrv) tags = NULL;
  g_autofree char *park_id = NULL;
  g_autofree char *id = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *tag_text = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  GOptionEntry entries[] = {
    DB_OPTION (db),
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The customer’s name (required)"), N_("NAME") },
    { "uscc", 0, 0, G_OPTION_ARG_STRING, &uscc, N_("Unified social credit code"), N_("CODE") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("company (default) or person"), N_("KIND") },
    { "industry", 0, 0, G_OPTION_ARG_STRING, &industry, N_("The industry"), N_("TEXT") },
    { "risk", 0, 0, G_OPTION_ARG_STRING, &risk, N_("low, medium or high"), N_("LEVEL") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_("A tag (repeatable)"), N_("TAG") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Notes"), N_("TEXT") },
    PARK_OPTION (park_code),
    { NULL }
  };

  if (!parse_command (_("customer add — record a customer"), NULL, entries, &db, 0, NULL,
                      &argc, &argv))
    return EXIT_USAGE;
  if (name == NULL)
    return usage_error (_("--name is required"));
  if (!check_word ("--kind", kind, kinds) || !check_word ("--risk", risk, risks))
    return EXIT_USAGE;

  store = open_park (db, park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  json_object_set_string_member (fields, "name", g_strstrip (name));
  json_object_set_string_member (fields, "kind", kind ? kind : "company");
  if (uscc != NULL)
    json_object_set_string_member (fields, "uscc", uscc);
  if (industry != NULL)
    json_object_set_string_member (fields, "industry", industry);
  if (risk != NULL)
    json_object_set_string_member (fields, "risk_level", risk);
  if (notes != NULL)
    json_object_set_string_member (fields, "notes", notes);
  tag_text = pw_leasing_strv_to_json ((const char *const *) tags);
  json_object_set_string_member (fields, "tags", tag_text);

  id = pw_customer_add (store, park_id, fields, &warning, &error);
  if (id == NULL)
    return failed (error);
  print_warning (warning);
  g_print ("%s\n", id);
  return EXIT_OK;
}

int
cmd_customer_list (int argc, char **argv)
{
  g_autofree char *db = NULL, *park_code = NULL, *park_id = NULL;
  gboolean json = FALSE;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  GOptionEntry entries[] = {
    DB_OPTION (db),
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    PARK_OPTION (park_code),
    { NULL }
  };

  if (!parse_command (_("customer list — the customers of a park"), NULL, entries, &db, 0, NULL,
                      &argc, &argv))
    return EXIT_USAGE;
  store = open_park (db, park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  customers = pw_customer_list (store, park_id, &error);
  if (customers == NULL)
    return failed (error);

  if (json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (customers->len);
      g_autofree char *text = NULL;

      for (guint i = 0; i < customers->len; i++)
        {
          JsonObject *c = customers->pdata[i];
          g_autofree char *reason = NULL;
          const char *code = member_string (c, "uscc");
          PwUsccResult result = pw_uscc_check (code, NULL, &reason);

          /* the check's verdict, since a faulty code is kept */
          json_object_set_string_member (c, "uscc_check",
                                         *code == '\0' ? "none"
                                         : result == PW_USCC_VALID ? "valid"
                                         : result == PW_USCC_LEGACY ? "legacy" : "invalid");
          expand_list (c, "tags");
          json_array_add_object_element (array, json_object_ref (c));
        }
      json_node_take_array (node, array);
      text = json_to_pretty (node);
      g_print ("%s\n", text);
      return EXIT_OK;
    }

  for (guint i = 0; i < customers->len; i++)
    {
      JsonObject *c = customers->pdata[i];
      const char *code = member_string (c, "uscc");
      const char *risk = member_string (c, "risk_level");
      JsonArray *contacts = json_object_get_array_member (c, "contacts");
      gboolean faulty = *code != '\0' && !pw_uscc_result_is_acceptable (pw_uscc_check (code, NULL, NULL));

      g_print ("%s  %s  %s  %s%s  %s  %s\n", member_string (c, "id"), member_string (c, "name"),
               pw_leasing_label (member_string (c, "kind")), *code ? code : "—",
               /* Translators: shown after a code that fails its check */
               faulty ? _(" (check failed)") : "",
               *member_string (c, "industry") ? member_string (c, "industry") : "—",
               *risk ? pw_leasing_label (risk) : "—");
      for (guint k = 0; k < json_array_get_length (contacts); k++)
        {
          JsonObject *p = json_array_get_object_element (contacts, k);
          g_print ("    %s  %s  %s  %s\n", member_string (p, "name"), member_string (p, "role"),
                   member_string (p, "phone"), member_string (p, "email"));
        }
    }
  return EXIT_OK;
}

int
cmd_contact_add (int argc, char **argv)
{
  g_autofree char *db = NULL, *customer = NULL, *name = NULL, *role = NULL, *phone = NULL;
  g_autofree char *email = NULL, *id = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  GOptionEntry entries[] = {
    DB_OPTION (db),
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, N_("The customer’s id (required)"), N_("ID") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The contact’s name (required)"), N_("NAME") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("Their role"), N_("TEXT") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("Phone number"), N_("NUMBER") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("Email address"), N_("ADDRESS") },
    { NULL }
  };

  if (!parse_command (_("contact add — a contact person of a customer"), NULL, entries, &db, 0,
                      NULL, &argc, &argv))
    return EXIT_USAGE;
  if (customer == NULL || name == NULL)
    return usage_error (_("--customer and --name are required"));
  store = open_store (db, FALSE, &error);
  if (store == NULL)
    return failed (error);
  json_object_set_string_member (fields, "name", name);
  json_object_set_string_member (fields, "role", role ? role : "");
  json_object_set_string_member (fields, "phone", phone ? phone : "");
  json_object_set_string_member (fields, "email", email ? email : "");
  {
    g_autoptr(JsonObject) row = pw_store_get_row (store, "customer", customer, &error);
    if (row == NULL)
      return failed (error);
  }
  id = pw_contact_add (store, customer, fields, &error);
  if (id == NULL)
    return failed (error);
  g_print ("%s\n", id);
  return EXIT_OK;
}

/* ---- prospects, viewings --------------------------------------------------------- */

int
cmd_prospect_add (int argc, char **argv)
{
  g_autofree char *db = NULL, *park_code = NULL, *park_id = NULL, *name = NULL, *customer = NULL;
  g_autofree char *source = NULL, *agent = NULL, *notes = NULL, *id = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  GOptionEntry entries[] = {
    DB_OPTION (db),
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Who is looking (required)"), N_("NAME") },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, N_("The customer’s id, if recorded"), N_("ID") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Where the lead came from"), N_("TEXT") },
    { "agent", 0, 0, G_OPTION_ARG_STRING, &agent, N_("The leasing agent"), N_("NAME") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Notes"), N_("TEXT") },
    PARK_OPTION (park_code),
    { NULL }
  };

  if (!parse_command (_("prospect add — record a prospective tenant"), NULL, entries, &db, 0,
                      NULL, &argc, &argv))
    return EXIT_USAGE;
  if (name == NULL)
    return usage_error (_("--name is required"));
  store = open_park (db, park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  json_object_set_string_member (fields, "name", name);
  if (customer != NULL)
    json_object_set_string_member (fields, "customer_id", customer);
  json_object_set_string_member (fields, "source", source ? source : "");
  json_object_set_string_member (fields, "agent", agent ? agent : "");
  json_object_set_string_member (fields, "notes", notes ? notes : "");
  id = pw_prospect_add (store, park_id, fields, &error);
  if (id == NULL)
    return failed (error);
  g_print ("%s\n", id);
  return EXIT_OK;
}

/* Opens @db and reads the prospect @id, for its park. */
static PwStore *
open_prospect (const char *db, const char *id, JsonObject **prospect, GError **error)
{
  g_autoptr(PwStore) store = open_store (db, FALSE, error);

  if (store == NULL)
    return NULL;
  *prospect = pw_store_get_row (store, "prospect", id, error);
  if (*prospect == NULL)
    return NULL;
  return g_steal_pointer (&store);
}

int
cmd_viewing_add (int argc, char **argv)
{
  g_autofree char *db = NULL, *prospect_id = NULL, *date = NULL, *agent = NULL, *notes = NULL;
  g_autofree char *id = NULL;
  g_auto(GStrv) codes = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) prospect = NULL;
  g_autoptr(GPtrArray) spaces = NULL;
  GOptionEntry entries[] = {
    DB_OPTION (db),
    { "prospect", 0, 0, G_OPTION_ARG_STRING, &prospect_id, N_("The prospect’s id (required)"), N_("ID") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day of the viewing (default: today)"),
      N_("YYYY-MM-DD") },
    { "space", 0, 0, G_OPTION_ARG_STRING_ARRAY, &codes, N_("A space viewed (repeatable)"), N_("CODE") },
    { "agent", 0, 0, G_OPTION_ARG_STRING, &agent, N_("Who showed the spaces"), N_("NAME") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Notes"), N_("TEXT") },
    { NULL }
  };

  if (!parse_command (_("viewing add — record a viewing of spaces"), NULL, entries, &db, 0, NULL,
                      &argc, &argv))
    return EXIT_USAGE;
  if (prospect_id == NULL)
    return usage_error (_("--prospect is required"));
  if (date == NULL)
    date = pw_today_iso ();
  store = open_prospect (db, prospect_id, &prospect, &error);
  if (store == NULL)
    return failed (error);
  spaces = resolve_spaces (store, json_object_get_string_member (prospect, "park_id"), codes, &error);
  if (spaces == NULL)
    return failed (error);
  id = pw_viewing_add (store, prospect_id, date, agent, (const char *const *) spaces->pdata, notes,
                       &error);
  if (id == NULL)
    return failed (error);
  g_print ("%s\n", id);
  return EXIT_OK;
}

/* ---- quotes --------------------------------------------------------------------- */

static gboolean
parse_months (const char *option, const char *text, gint64 *out)
{
  guint64 v;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, 600, &v, NULL))
    {
      /* Translators: an option, then the value given */
      usage_error (_("%s must be a whole number of months, not “%s”"), option, text);
      return FALSE;
    }
  *out = (gint64) v;
  return TRUE;
}

int
cmd_quote_add (int argc, char **argv)
{
  g_autofree char *db = NULL, *prospect_id = NULL, *unit_rent = NULL, *list_price = NULL;
  g_autofree char *term = NULL, *rent_free = NULL, *id = NULL;
  g_auto(GStrv) codes = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) prospect = NULL;
  g_autoptr(JsonObject) quote = NULL;
  g_autoptr(GPtrArray) spaces = NULL;
  gint64 term_months = 0, rent_free_months = 0;
  GOptionEntry entries[] = {
    DB_OPTION (db),
    { "prospect", 0, 0, G_OPTION_ARG_STRING, &prospect_id, N_("The prospect’s id (required)"), N_("ID") },
    { "space", 0, 0, G_OPTION_ARG_STRING_ARRAY, &codes, N_("A space quoted for (repeatable, required)"),
      N_("CODE") },
    { "unit-rent", 0, 0, G_OPTION_ARG_STRING, &unit_rent,
      N_("Rent offered per m² per month (required)"), N_("DECIMAL") },
    { "list-price", 0, 0, G_OPTION_ARG_STRING, &list_price,
      N_("The park’s list price per m² per month (required)"), N_("DECIMAL") },
    { "term", 0, 0, G_OPTION_ARG_STRING, &term, N_("Lease term in months (required)"), N_("MONTHS") },
    { "rent-free", 0, 0, G_OPTION_ARG_STRING, &rent_free, N_("Rent-free months (default: 0)"),
      N_("MONTHS") },
    { NULL }
  };

  if (!parse_command (_("quote add — a draft quote for a prospect"), NULL, entries, &db, 0, NULL,
                      &argc, &argv))
    return EXIT_USAGE;
  if (prospect_id == NULL || codes == NULL || unit_rent == NULL || list_price == NULL || term == NULL)
    return usage_error (_("--prospect, --space, --unit-rent, --list-price and --term are required"));
  if (!parse_months ("--term", term, &term_months)
      || !parse_months ("--rent-free", rent_free, &rent_free_months))
    return EXIT_USAGE;

  store = open_prospect (db, prospect_id, &prospect, &error);
  if (store == NULL)
    return failed (error);
  spaces = resolve_spaces (store, json_object_get_string_member (prospect, "park_id"), codes, &error);
  if (spaces == NULL)
    return failed (error);
  id = pw_quote_add (store, prospect_id, (const char *const *) spaces->pdata, unit_rent,
                     rent_free_months, term_months, list_price, &error);
  if (id == NULL)
    return failed (error);
  quote = pw_store_get_row (store, "quote", id, &error);
  if (quote == NULL)
    return failed (error);
  g_print ("%s\n", id);
  /* Translators: a percentage such as 12.50 */
  g_print (_("Discount against the list price: %s%%\n"), member_string (quote, "discount_pct"));
  return EXIT_OK;
}

static void
print_approvals (GPtrArray *approvals)
{
  for (guint i = 0; i < approvals->len; i++)
    {
      JsonObject *a = approvals->pdata[i];
      const char *comment = member_string (a, "comment");

      /* Translators: a level number, a role, a decision, who and when */
      g_print (_("  Level %d  %s  %s  %s  %s%s%s\n"),
               (int) json_object_get_int_member (a, "level"),
               pw_leasing_label (member_string (a, "approver_role")),
               pw_leasing_label (member_string (a, "decision")),
               *member_string (a, "actor") ? member_string (a, "actor") : "—",
               *member_string (a, "decided_at") ? member_string (a, "decided_at") : "—",
               *comment ? "  — " : "", comment);
    }
}

int
cmd_quote_submit (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) approvals = NULL;
  guint n = 0;
  GOptionEntry entries[] = { DB_OPTION (db), { NULL } };

  if (!parse_command (_("quote submit ID — ask for the approvals the park’s rules need"), NULL,
                      entries, &db, 1, _("Name the quote’s id"), &argc, &argv))
    return EXIT_USAGE;
  store = open_store (db, FALSE, &error);
  if (store == NULL || !pw_quote_submit (store, argv[1], &n, &error))
    return failed (error);
  if (n == 0)
    g_print (_("No approval is needed: the quote is approved.\n"));
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Submitted; %u approval is needed:\n",
                          "Submitted; %u approvals are needed:\n", n), n);
  approvals = pw_quote_list_approvals (store, argv[1], &error);
  if (approvals == NULL)
    return failed (error);
  print_approvals (approvals);
  return EXIT_OK;
}

static int
decide (int argc, char **argv, gboolean approve)
{
  static const char *const roles[] = { "asset_manager", "general_manager", NULL };
  g_autofree char *db = NULL, *role = NULL, *comment = NULL, *actor = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) quote = NULL;
  GOptionEntry entries[] = {
    DB_OPTION (db),
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_("asset_manager or general_manager (default: the next pending)"), N_("ROLE") },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment,
      approve ? N_("Why (optional)") : N_("Why (required)"), N_("TEXT") },
    ACTOR_OPTION (actor),
    { NULL }
  };

  if (!parse_command (approve ? _("quote approve ID — approve a submitted quote")
                              : _("quote reject ID — reject a submitted quote"),
                      NULL, entries, &db, 1, _("Name the quote’s id"), &argc, &argv))
    return EXIT_USAGE;
  if (!check_word ("--role", role, roles))
    return EXIT_USAGE;
  if (!approve && (comment == NULL || *g_strstrip (comment) == '\0'))
    return usage_error (_("--comment is required to reject"));
  store = open_store (db, FALSE, &error);
  if (store == NULL)
    return failed (error);
  if (actor != NULL)
    pw_store_set_actor (store, actor);
  if (!pw_quote_decide (store, argv[1], role, approve, comment ? comment : "", &error))
    return failed (error);
  quote = pw_store_get_row (store, "quote", argv[1], &error);
  if (quote == NULL)
    return failed (error);
  /* Translators: the quote's status after the decision */
  g_print (_("Recorded. The quote is now: %s\n"), pw_leasing_label (member_string (quote, "status")));
  return EXIT_OK;
}

int
cmd_quote_approve (int argc, char **argv)
{
  return decide (argc, argv, TRUE);
}

int
cmd_quote_reject (int argc, char **argv)
{
  return decide (argc, argv, FALSE);
}

int
cmd_quote_show (int argc, char **argv)
{
  g_autofree char *db = NULL;
  gboolean json = FALSE;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) quote = NULL;
  g_autoptr(GPtrArray) approvals = NULL;
  GOptionEntry entries[] = {
    DB_OPTION (db),
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!parse_command (_("quote show ID — a quote and its approvals"), NULL, entries, &db, 1,
                      _("Name the quote’s id"), &argc, &argv))
    return EXIT_USAGE;
  store = open_store (db, FALSE, &error);
  if (store == NULL)
    return failed (error);
  quote = pw_store_get_row (store, "quote", argv[1], &error);
  if (quote == NULL)
    return failed (error);
  approvals = pw_quote_list_approvals (store, argv[1], &error);
  if (approvals == NULL)
    return failed (error);

  if (json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonArray *array = json_array_sized_new (approvals->len);
      g_autofree char *text = NULL;

      for (guint i = 0; i < approvals->len; i++)
        json_array_add_object_element (array, json_object_ref (approvals->pdata[i]));
      expand_list (quote, "spaces");
      json_object_set_array_member (quote, "approvals", array);
      json_node_set_object (node, quote);
      text = json_to_pretty (node);
      g_print ("%s\n", text);
      return EXIT_OK;
    }
  g_print (_("Quote %s: %s\n"), argv[1], pw_leasing_label (member_string (quote, "status")));
  g_print (_("  Unit rent:  %s per m² per month (list price %s, discount %s%%)\n"),
           member_string (quote, "unit_rent"), member_string (quote, "list_price"),
           member_string (quote, "discount_pct"));
  g_print (_("  Term:       %d months, %d rent-free\n"),
           (int) json_object_get_int_member (quote, "term_months"),
           (int) json_object_get_int_member (quote, "rent_free_months"));
  if (approvals->len > 0)
    g_print (_("  Approvals:\n"));
  print_approvals (approvals);
  return EXIT_OK;
}

/* ---- approval rules ----------------------------------------------------------------- */

int
cmd_approval_rule_add (int argc, char **argv)
{
  static const char *const metrics[] = { "discount_pct", "rent_free_months", NULL };
  static const char *const roles[] = { "asset_manager", "general_manager", NULL };
  g_autofree char *db = NULL, *park_code = NULL, *park_id = NULL, *metric = NULL;
  g_autofree char *threshold = NULL, *role = NULL, *id = NULL;
  int level = 1;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    DB_OPTION (db),
    { "metric", 0, 0, G_OPTION_ARG_STRING, &metric,
      N_("discount_pct or rent_free_months (required)"), N_("METRIC") },
    { "threshold", 0, 0, G_OPTION_ARG_STRING, &threshold,
      N_("Approval is needed above this (required)"), N_("DECIMAL") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_("asset_manager or general_manager (required)"), N_("ROLE") },
    { "level", 0, 0, G_OPTION_ARG_INT, &level, N_("Order of approval, 1 first (default: 1)"),
      N_("N") },
    PARK_OPTION (park_code),
    { NULL }
  };

  if (!parse_command (_("approval-rule add — when a quote needs whose approval"), NULL, entries,
                      &db, 0, NULL, &argc, &argv))
    return EXIT_USAGE;
  if (metric == NULL || threshold == NULL || role == NULL)
    return usage_error (_("--metric, --threshold and --role are required"));
  if (!check_word ("--metric", metric, metrics) || !check_word ("--role", role, roles))
    return EXIT_USAGE;
  store = open_park (db, park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  id = pw_approval_rule_add (store, park_id, metric, threshold, role, level, &error);
  if (id == NULL)
    return failed (error);
  g_print ("%s\n", id);
  return EXIT_OK;
}
