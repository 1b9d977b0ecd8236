/* test-leasing-records.c — customers, prospects and quotes as typed records:
 * their properties filled from the store, their order, what a quote may do
 * next, and the field a refusal names in its GError
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "fixture.h"
#include "pw-customer.h"
#include "pw-customer-record.h"
#include "pw-error.h"
#include "pw-prospect.h"
#include "pw-quote.h"
#include "pw-row.h"

static char *
add_customer (Fixture *f, const char *name, const char *tags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  char *id;

  json_object_set_string_member (fields, "name", name);
  json_object_set_string_member (fields, "kind", "company");
  json_object_set_string_member (fields, "industry", "Robotics");
  json_object_set_string_member (fields, "tags", tags);
  json_object_set_string_member (fields, "risk_level", "medium");
  id = pw_customer_add (f->store, f->park, fields, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static void
test_customer_records (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *zed = add_customer (f, "Zed Logistics", "[\"export\"]");
  g_autofree char *acme = add_customer (f, "Acme Robotics", "[\"anchor\",\"export\"]");
  g_autoptr(JsonObject) contact = json_object_new ();
  g_autofree char *contact_id = NULL;
  g_autoptr(GListStore) list = NULL;
  g_autoptr(PwCustomer) first = NULL;
  g_autoptr(PwCustomer) second = NULL;
  g_autoptr(PwContact) person = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) tags = NULL;
  gint64 version = 0;

  json_object_set_string_member (contact, "name", "Li Na");
  json_object_set_string_member (contact, "role", "CFO");
  json_object_set_string_member (contact, "email", "li.na@example.com");
  contact_id = pw_contact_add (f->store, acme, contact, &error);
  g_assert_no_error (error);

  list = pw_customer_list_records (f->store, f->park, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == PW_TYPE_CUSTOMER);
  /* by name, whatever the order of entry */
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  second = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_cmpstr (pw_customer_get_id (first), ==, acme);
  g_assert_cmpstr (pw_customer_get_id (second), ==, zed);

  /* the properties carry what the store holds */
  g_object_get (first, "name", &name, "tags", &tags, "version", &version, NULL);
  g_assert_cmpstr (name, ==, "Acme Robotics");
  g_assert_cmpuint (g_strv_length (tags), ==, 2);
  g_assert_cmpstr (tags[0], ==, "anchor");
  g_assert_cmpint (version, ==, 1);
  g_assert_cmpstr (pw_customer_get_tags_text (first), ==, "anchor, export");
  g_assert_cmpstr (pw_customer_get_park_id (first), ==, f->park);
  g_assert_cmpstr (pw_customer_get_kind (first), ==, "company");
  g_assert_cmpstr (pw_customer_get_risk_level (first), ==, "medium");
  g_assert_cmpstr (pw_customer_get_industry (first), ==, "Robotics");
  g_assert_null (pw_customer_get_uscc (first));
  g_assert_cmpuint (g_list_model_get_n_items (pw_customer_get_contacts (first)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pw_customer_get_contacts (second)), ==, 0);
  person = g_list_model_get_item (pw_customer_get_contacts (first), 0);
  g_assert_cmpstr (pw_contact_get_id (person), ==, contact_id);
  g_assert_cmpstr (pw_contact_get_summary (person), ==, "CFO · li.na@example.com");

  /* an edit shows in the next list, with its version */
  {
    g_autoptr(JsonObject) change = json_object_new ();
    g_autoptr(GListStore) again = NULL;
    g_autoptr(PwCustomer) renamed = NULL;

    json_object_set_string_member (change, "name", "Zenith Robotics");
    g_assert_true (pw_customer_update (f->store, acme, 1, change, NULL, &error));
    g_assert_no_error (error);
    again = pw_customer_list_records (f->store, f->park, &error);
    g_assert_no_error (error);
    renamed = g_list_model_get_item (G_LIST_MODEL (again), 1);
    g_assert_cmpstr (pw_customer_get_id (renamed), ==, acme);
    g_assert_cmpint (pw_customer_get_version (renamed), ==, 2);

    /* sorting by name orders the records as the query does */
    g_list_store_sort (again, pw_customer_compare_name, NULL);
    {
      g_autoptr(PwCustomer) a = g_list_model_get_item (G_LIST_MODEL (again), 0);

      g_assert_cmpstr (pw_customer_get_name (a), ==, "Zed Logistics");
    }
  }
}

static char *
space_of (Fixture *f, guint nth)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (f->store, f->park, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < spaces->len; i++)
    {
      PwSpace *space = spaces->pdata[i];

      if (pw_space_get_leasable (space) && n++ == nth)
        return g_strdup (pw_space_get_id (space));
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_prospect_quote_records (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = add_customer (f, "Acme Robotics", "[]");
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *prospect_id = NULL;
  g_autofree char *space = space_of (f, 0);
  const char *spaces[] = { space, NULL };
  g_autofree char *quote_id = NULL;
  g_autoptr(GListStore) prospects = NULL;
  g_autoptr(GListStore) quotes = NULL;
  g_autoptr(PwProspect) prospect = NULL;
  g_autoptr(PwQuote) quote = NULL;
  g_autofree char *stage = NULL;
  gint64 term = 0;

  json_object_set_string_member (fields, "name", "Acme expansion");
  json_object_set_string_member (fields, "customer_id", customer);
  json_object_set_string_member (fields, "agent", "Wang Fang");
  prospect_id = pw_prospect_add (f->store, f->park, fields, &error);
  g_assert_no_error (error);
  quote_id = pw_quote_add (f->store, prospect_id, spaces, "2.8", 1, 24, "3.2", &error);
  g_assert_no_error (error);

  prospects = pw_prospect_list_records (f->store, f->park, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (prospects)), ==, 1);
  prospect = g_list_model_get_item (G_LIST_MODEL (prospects), 0);
  g_object_get (prospect, "stage", &stage, NULL);
  /* a quote moves a lead on */
  g_assert_cmpstr (stage, ==, "quoted");
  g_assert_cmpstr (pw_prospect_get_customer_name (prospect), ==, "Acme Robotics");
  g_assert_cmpstr (pw_prospect_get_agent (prospect), ==, "Wang Fang");
  g_assert_cmpstr (pw_prospect_get_id (prospect), ==, prospect_id);

  quotes = pw_quote_list_records (f->store, prospect_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (quotes)), ==, 1);
  quote = g_list_model_get_item (G_LIST_MODEL (quotes), 0);
  g_object_get (quote, "term-months", &term, NULL);
  g_assert_cmpint (term, ==, 24);
  g_assert_cmpint (pw_quote_get_rent_free_months (quote), ==, 1);
  g_assert_cmpstr (pw_quote_get_unit_rent (quote), ==, "2.8");
  g_assert_cmpstr (pw_quote_get_discount_pct (quote), ==, "12.50");
  g_assert_cmpstrv (pw_quote_get_space_ids (quote), spaces);
  g_assert_cmpstr (pw_quote_get_status (quote), ==, "draft");
  g_assert_true (pw_quote_get_can_submit (quote));
  g_assert_true (pw_quote_get_can_edit (quote));
  g_assert_false (pw_quote_get_can_decide (quote));
  g_assert_false (pw_quote_get_can_lease (quote));

  /* with a rule it asks for approval: decided, not edited, not leased yet */
  {
    g_autofree char *rule = pw_approval_rule_add (f->store, f->park, "discount_pct", "10",
                                                  "asset_manager", 1, &error);
    g_autoptr(PwQuote) submitted = NULL;
    g_autoptr(PwQuote) approved = NULL;

    g_assert_no_error (error);
    g_assert_true (pw_quote_submit (f->store, quote_id, NULL, &error));
    g_assert_no_error (error);
    submitted = pw_quote_load (f->store, quote_id, &error);
    g_assert_no_error (error);
    g_assert_false (pw_quote_get_can_submit (submitted));
    g_assert_false (pw_quote_get_can_edit (submitted));
    g_assert_true (pw_quote_get_can_decide (submitted));
    g_assert_false (pw_quote_get_can_lease (submitted));
    g_assert_true (pw_quote_decide (f->store, quote_id, NULL, TRUE, NULL, &error));
    g_assert_no_error (error);
    approved = pw_quote_load (f->store, quote_id, &error);
    g_assert_no_error (error);
    g_assert_false (pw_quote_get_can_decide (approved));
    g_assert_true (pw_quote_get_can_lease (approved));
  }
}

/* A refusal names its field in the GError, not only in its message. */
static void
test_error_fields (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *customer = add_customer (f, "Acme Robotics", "[]");
  g_autofree char *id = NULL;
  g_autofree char *space = space_of (f, 0);
  const char *spaces[] = { space, NULL };

  json_object_set_string_member (fields, "name", "Li Na");
  json_object_set_string_member (fields, "email", "not an address");
  id = pw_contact_add (f->store, customer, fields, &error);
  g_assert_null (id);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "email");
  g_clear_error (&error);

  json_object_set_string_member (fields, "email", "li.na@example.com");
  json_object_set_string_member (fields, "phone", "call me");
  id = pw_contact_add (f->store, customer, fields, &error);
  g_assert_null (id);
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "phone");
  g_clear_error (&error);

  {
    g_autoptr(JsonObject) nameless = json_object_new ();

    json_object_set_string_member (nameless, "name", "  ");
    id = pw_customer_add (f->store, f->park, nameless, NULL, &error);
    g_assert_null (id);
    g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "name");
    g_clear_error (&error);
  }

  g_assert_false (pw_park_set_prices (f->store, f->park, "3.2", "4", &error));
  g_assert_nonnull (pw_ledger_error_get_field (error));
  g_assert_true (g_str_equal (pw_ledger_error_get_field (error), "floor_price")
                 || g_str_equal (pw_ledger_error_get_field (error), "list_price"));
  g_clear_error (&error);
  g_assert_false (pw_park_set_prices (f->store, f->park, "abc", NULL, &error));
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "list_price");
  g_clear_error (&error);

  {
    g_autoptr(JsonObject) p = json_object_new ();
    g_autofree char *prospect = NULL;
    g_autofree char *quote = NULL;
    g_autofree char *rule = NULL;
    g_auto(GStrv) ids = NULL;

    json_object_set_string_member (p, "name", "Acme expansion");
    prospect = pw_prospect_add (f->store, f->park, p, &error);
    g_assert_no_error (error);
    quote = pw_quote_add (f->store, prospect, spaces, "2,8", 0, 24, "3.2", &error);
    g_assert_null (quote);
    g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "unit_rent");
    g_clear_error (&error);

    ids = pw_leasing_space_ids_from_codes (f->store, f->park, "NO-SUCH-ROOM", "spaces", &error);
    g_assert_null (ids);
    g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "spaces");
    g_clear_error (&error);

    quote = pw_quote_add (f->store, prospect, spaces, "2.0", 0, 24, "3.2", &error);
    g_assert_no_error (error);
    rule = pw_approval_rule_add (f->store, f->park, "discount_pct", "10", "asset_manager", 1, &error);
    g_assert_no_error (error);
    g_assert_true (pw_quote_submit (f->store, quote, NULL, &error));
    g_assert_no_error (error);
    /* a rejection needs its reason */
    g_assert_false (pw_quote_decide (f->store, quote, NULL, FALSE, " ", &error));
    g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "comment");
    g_clear_error (&error);
  }
}

/* Codes typed as people type them find their spaces; the ids read back as codes. */
static void
test_space_codes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = space_of (f, 0);
  g_autofree char *b = space_of (f, 1);
  g_autoptr(JsonObject) ra = pw_store_get_row (f->store, "space", a, NULL);
  g_autoptr(JsonObject) rb = pw_store_get_row (f->store, "space", b, NULL);
  g_autofree char *lower = g_ascii_strdown (pw_row_string (rb, "code"), -1);
  g_autofree char *typed = g_strdup_printf ("%s， %s", pw_row_string (ra, "code"), lower);
  g_auto(GStrv) ids = pw_leasing_space_ids_from_codes (f->store, f->park, typed, "spaces", &error);
  const char *expected[] = { a, b, NULL };
  g_autofree char *codes = NULL;
  g_autofree char *both = g_strdup_printf ("%s, %s", pw_row_string (ra, "code"), pw_row_string (rb, "code"));
  g_autofree char *tags = pw_leasing_tags_to_json (" anchor，export, ");

  g_assert_no_error (error);
  g_assert_cmpstrv (ids, expected);
  codes = pw_leasing_space_codes (f->store, (const char *const *) ids);
  g_assert_cmpstr (codes, ==, both);
  g_assert_cmpstr (tags, ==, "[\"anchor\",\"export\"]");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/leasing-records/customers", test_customer_records);
  ADD ("/leasing-records/prospects-quotes", test_prospect_quote_records);
  ADD ("/leasing-records/error-fields", test_error_fields);
  ADD ("/leasing-records/space-codes", test_space_codes);
  return g_test_run ();
}
