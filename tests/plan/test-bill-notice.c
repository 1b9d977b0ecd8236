/* test-bill-notice.c — payment notices (docs/billing.md, "Payment notices"): the park's
 * letterhead and the seller's bank account on each bill's notice, one bill a page,
 * written as PDF one by one, per customer or in one file; the sellers' accounts kept
 * as a park setting
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include <string.h>

#include "../core/fixture.h"
#include "pw-bill-notice.h"
#include "pw-bill-run.h"
#include "pw-lease.h"
#include "pw-park-seller.h"
#include "pw-sync.h"

/* A year's lease from 2027-01-01 of @space (50.00 m²): rent 100.00/m²/month from LL
 * (9 % included) and a property fee of 10.00/m²/month from PM (6 % included), both
 * billed on each month's first day: January is one bill from LL and one from PM. */
static char *
signed_lease (Fixture *f, const char *code, const char *space, const char *customer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (f->store, f->park, &error);
  PwLeaseSpace lease_spaces[] = { { pw_space_get_id (fixture_find (spaces, space)), 5000 } };
  g_autofree char *terms = g_strdup_printf (
    "{\"id\": \"%s\", \"currency\": \"CNY\", \"signed\": \"2026-12-07\","
    " \"start\": \"2027-01-01\", \"end\": \"2027-12-31\","
    " \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"},"
    " \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord Co.\"},"
    "               {\"code\": \"PM\", \"name\": \"Property Services Co.\"}],"
    " \"tax_codes\": [{\"code\": \"lease9\", \"rate\": \"0.09\"},"
    "                 {\"code\": \"service6\", \"rate\": \"0.06\"}],"
    " \"spaces\": [{\"code\": \"%s\", \"area\": \"50.00\", \"basis\": \"gross\"}],"
    " \"charges\": [{\"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\","
    "   \"tax_code\": \"lease9\", \"unit_price\": \"100.00\", \"unit\": \"m2_month\","
    "   \"spaces\": [\"%s\"], \"anchor\": \"calendar\", \"frequency\": \"monthly\"},"
    "  {\"code\": \"pm\", \"kind\": \"property_fee\", \"seller\": \"PM\","
    "   \"tax_code\": \"service6\", \"unit_price\": \"10.00\", \"unit\": \"m2_month\","
    "   \"spaces\": [\"%s\"], \"anchor\": \"calendar\", \"frequency\": \"monthly\"}]}",
    code, space, space, space);
  char *id;

  g_assert_no_error (error);
  id = pw_lease_create (f->store, f->park, code, customer, "2027-01-01", "2027-12-31",
                        lease_spaces, 1, terms, &error);
  g_assert_no_error (error);
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SUBMITTED, "2026-12-07", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_APPROVED, "2026-12-07", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SIGNED, "2026-12-07", NULL, &error));
  g_assert_no_error (error);
  return id;
}

static char *
customer_named (Fixture *f, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  char *id;

  json_object_set_string_member (fields, "kind", "company");
  json_object_set_string_member (fields, "name", name);
  id = pw_customer_add (f->store, f->park, fields, NULL, &error);
  g_assert_no_error (error);
  return id;
}

/* Two customers with a lease each, January 2027 posted: four bills, two each. */
static PwBillRun *
post_january (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *acme = customer_named (f, "Acme Robotics");
  g_autofree char *brightwater = customer_named (f, "Brightwater/Engineering");
  g_autofree char *c1 = signed_lease (f, "C-1", "B1-F01-003", acme);
  g_autofree char *c2 = signed_lease (f, "C-2", "B1-F02-002", brightwater);
  g_autoptr(JsonObject) park = pw_store_get_row (f->store, "park", f->park, &error);
  PwMutation *m;
  PwBillRun *run;

  g_assert_no_error (error);
  m = pw_mutation_new_update ("park", f->park, json_object_get_int_member (park, "version"));
  pw_mutation_set_string (m, "address", "88 Science Avenue, Suzhou");
  fixture_apply (f, m);
  run = pw_bill_run_post (f->store, f->park, "2027-01", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run->run_id);
  g_assert_cmpuint (run->bills->len, ==, 4);
  return run;
}

static const char *
number_of (PwBillRun *run, const char *customer, const char *seller)
{
  for (guint i = 0; i < run->bills->len; i++)
    {
      PwBillRunBill *b = g_ptr_array_index (run->bills, i);

      if (g_str_equal (b->customer_name, customer) && g_str_equal (b->seller, seller))
        return b->number;
    }
  g_assert_not_reached ();
  return NULL;
}

static gchar *
read_file (const char *path, gsize *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

/* The pages of the PDF at @path: each page object says "/Type /Page", the page tree
 * "/Type /Pages". */
static guint
pdf_pages (const char *path)
{
  gsize length = 0;
  g_autofree char *contents = read_file (path, &length);
  guint pages = 0;

  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  for (gsize i = 0; i + 12 <= length; i++)
    if (memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's')
      pages++;
  return pages;
}

static gboolean
pdf_mentions (const char *path, const char *text)
{
  gsize length = 0;
  g_autofree char *contents = read_file (path, &length);

  return memmem (contents, length, text, strlen (text)) != NULL;
}

/* The sellers' bank accounts are a park setting: recorded, kept, refused when wrong. */
static void
test_seller_accounts (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwLetterhead) head = NULL;
  const PwParkSeller *ll;

  g_assert_true (pw_park_set_seller (f->store, f->park, "LL", "Landlord Co.", "Bank of Suzhou",
                                     "6222 0000 1111", &error));
  g_assert_no_error (error);
  /* NULL keeps what is stored */
  g_assert_true (pw_park_set_seller (f->store, f->park, "LL", NULL, NULL, "6222 0000 2222", &error));
  g_assert_no_error (error);
  head = pw_letterhead_load (f->store, f->park, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (head->name, ==, "Test Park");
  g_assert_cmpuint (head->sellers->len, ==, 1);
  ll = pw_letterhead_find_seller (head, "LL");
  g_assert_nonnull (ll);
  g_assert_cmpstr (ll->name, ==, "Landlord Co.");
  g_assert_cmpstr (ll->bank, ==, "Bank of Suzhou");
  g_assert_cmpstr (ll->account, ==, "6222 0000 2222");
  g_assert_null (pw_letterhead_find_seller (head, "PM"));

  /* no code: refused, naming the field */
  g_assert_false (pw_park_set_seller (f->store, f->park, "", "X", NULL, NULL, &error));
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "sellers");
  g_clear_error (&error);
  /* a sellers list written by hand (sync, another tool) goes through the validator */
  {
    g_autoptr(JsonObject) park = pw_store_get_row (f->store, "park", f->park, &error);
    g_autoptr(PwMutation) m = pw_mutation_new_update ("park", f->park,
                                                      json_object_get_int_member (park, "version"));

    pw_mutation_set_string (m, "sellers", "[{\"code\": \"LL\"}, {\"code\": \"LL\"}]");
    g_assert_false (pw_store_apply (f->store, m, &error));
    g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "sellers");
    g_clear_error (&error);
    pw_mutation_set_string (m, "sellers", "{\"code\": \"LL\"}");
    g_assert_false (pw_store_apply (f->store, m, &error));
    g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "sellers");
    g_clear_error (&error);
    /* nested deeper than a list of sellers: refused before it is parsed */
    pw_mutation_set_string (m, "sellers", "[{\"code\": \"LL\", \"name\": [[[[\"x\"]]]]}]");
    g_assert_false (pw_store_apply (f->store, m, &error));
    g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "sellers");
    g_clear_error (&error);
    pw_mutation_set_null (m, "sellers");
    g_assert_false (pw_store_apply (f->store, m, &error));
    g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "sellers");
    g_clear_error (&error);
    /* a bracket inside a name is text, not nesting */
    pw_mutation_set_string (m, "sellers", "[{\"code\": \"LL\", \"name\": \"[[[ \\\"LL\\\" ]]]\"}]");
    g_assert_true (pw_store_apply (f->store, m, &error));
    g_assert_no_error (error);
  }

  /* synced with the park: finance writes the accounts, an asset manager may not */
  {
    g_autoptr(JsonObject) fields = json_object_new ();
    const char *refused = NULL;

    json_object_set_string_member (fields, "sellers", "[]");
    g_assert_true (pw_sync_role_allows (PW_SYNC_ROLE_FINANCE, "park", PW_MUTATION_UPDATE, fields,
                                        &refused));
    g_assert_false (pw_sync_role_allows (PW_SYNC_ROLE_ASSET_MANAGER, "park", PW_MUTATION_UPDATE,
                                         fields, &refused));
    g_assert_cmpstr (refused, ==, "sellers");
    g_assert_false (pw_sync_role_allows (PW_SYNC_ROLE_LEASING_AGENT, "park", PW_MUTATION_UPDATE,
                                         fields, &refused));
  }
}

/* One bill's notice: one page with the letterhead, the bill, its lines, the amount
 * due and the seller's account; a seller without one says so. */
static void
test_one_notice (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBillRun) run = post_january (f);
  const char *rent_bill = number_of (run, "Acme Robotics", "LL");
  const char *fee_bill = number_of (run, "Acme Robotics", "PM");
  const char *numbers[] = { rent_bill, NULL };
  g_autoptr(PwBillNotice) notice = NULL;
  g_autoptr(PwBillNotice) fee = NULL;
  g_autofree char *path = g_build_filename (f->dir, "notice.pdf", NULL);
  const char *text;

  g_assert_true (pw_park_set_seller (f->store, f->park, "LL", "Landlord Co. Ltd", "Bank of Suzhou",
                                     "6222 0000 1111", &error));
  notice = pw_bill_notice_new (f->store, f->park, numbers, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_bill_notice_get_n_pages (notice), ==, 1);
  text = pw_bill_notice_get_page_text (notice, 0);
  g_assert_nonnull (strstr (text, "Test Park\n"));
  g_assert_nonnull (strstr (text, "88 Science Avenue, Suzhou\n"));
  g_assert_nonnull (strstr (text, rent_bill));
  g_assert_nonnull (strstr (text, "To: Acme Robotics\n"));
  g_assert_nonnull (strstr (text, "From: Landlord Co. Ltd\n"));
  /* 50 m² × 100.00 = 5,000.00, 9 % included: net 4,587.16, tax 412.84 */
  g_assert_nonnull (strstr (text, "Amount due: CNY 5,000.00 by 2027-01-01\n"));
  g_assert_nonnull (strstr (text, "Net CNY 4,587.16 · tax CNY 412.84\n"));
  g_assert_nonnull (strstr (text, "Rent (9%)\n"));
  g_assert_nonnull (strstr (text, "Bank: Bank of Suzhou\n"));
  g_assert_nonnull (strstr (text, "Account: 6222 0000 1111\n"));

  g_assert_true (pw_bill_notice_write_pdf (notice, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (path), ==, 1);
  /* the bill's number is the document's title */
  g_assert_true (pdf_mentions (path, rent_bill));

  numbers[0] = fee_bill;
  fee = pw_bill_notice_new (f->store, f->park, numbers, &error);
  g_assert_no_error (error);
  text = pw_bill_notice_get_page_text (fee, 0);
  g_assert_nonnull (strstr (text, "From: Property Services Co.\n"));
  g_assert_nonnull (strstr (text, "Bank account: not recorded"));
  g_assert_null (strstr (text, "6222 0000 1111"));

  /* no such bill */
  numbers[0] = "P-LL-B-2027-999999";
  g_assert_null (pw_bill_notice_new (f->store, f->park, numbers, &error));
  g_assert_error (error, PW_BILL_ERROR, PW_BILL_ERROR_NOT_FOUND);
}

/* A period's notices: one PDF per customer (its bills a page each) or all in one
 * file; a cancelled bill has none. */
static void
test_period_notices (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBillRun) run = post_january (f);
  g_autofree char *folder = g_build_filename (f->dir, "notices", NULL);
  g_autofree char *one = g_build_filename (f->dir, "all.pdf", NULL);
  g_autofree char *acme = g_build_filename (folder, "Acme Robotics.pdf", NULL);
  g_autofree char *bright = g_build_filename (folder, "Brightwater_Engineering.pdf", NULL);
  g_autoptr(GPtrArray) files = NULL;
  const char *cancelled = number_of (run, "Brightwater/Engineering", "PM");
  const char *numbers[] = { cancelled, NULL };

  files = pw_bill_notice_export_period (f->store, f->park, "2027-01", folder, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 2);
  /* customers in the order of the bills' numbers; a "/" in a name is no folder */
  g_assert_cmpstr (g_ptr_array_index (files, 0), ==, acme);
  g_assert_cmpstr (g_ptr_array_index (files, 1), ==, bright);
  g_assert_cmpuint (pdf_pages (acme), ==, 2);
  g_assert_cmpuint (pdf_pages (bright), ==, 2);
  g_assert_true (pdf_mentions (acme, number_of (run, "Acme Robotics", "LL")));
  g_assert_true (pdf_mentions (acme, number_of (run, "Acme Robotics", "PM")));
  g_clear_pointer (&files, g_ptr_array_unref);

  files = pw_bill_notice_export_period (f->store, f->park, "2027-01", one, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_cmpuint (pdf_pages (one), ==, 4);
  g_clear_pointer (&files, g_ptr_array_unref);

  g_assert_true (pw_bill_set_status (f->store, f->park, cancelled, PW_BILL_CANCELLED, &error));
  g_assert_no_error (error);
  g_assert_null (pw_bill_notice_new (f->store, f->park, numbers, &error));
  g_assert_error (error, PW_BILL_ERROR, PW_BILL_ERROR_STATUS);
  g_clear_error (&error);
  files = pw_bill_notice_export_period (f->store, f->park, "2027-01", folder, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (bright), ==, 1);
  g_assert_false (pdf_mentions (bright, cancelled));
  g_clear_pointer (&files, g_ptr_array_unref);

  /* a period with no bill writes nothing */
  files = pw_bill_notice_export_period (f->store, f->park, "2027-02", folder, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 0);
  g_clear_pointer (&files, g_ptr_array_unref);
  g_assert_null (pw_bill_notice_export_period (f->store, f->park, "2027-13", folder, FALSE, &error));
  g_assert_error (error, PW_BILL_ERROR, PW_BILL_ERROR_PERIOD);

  /* leave the folder empty for the fixture to remove */
  g_unlink (acme);
  g_unlink (bright);
  g_unlink (one);
  g_rmdir (folder);
}

/* A bill of many lines goes on over more pages, each after the first headed as the
 * notice's continuation; the amount due and the account come once, at its end. */
static void
test_long_bill (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = customer_named (f, "Acme Robotics");
  g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (f->store, f->park, &error);
  PwLeaseSpace lease_spaces[] = { { pw_space_get_id (fixture_find (spaces, "B1-F01-003")), 5000 } };
  g_autoptr(GString) charges = g_string_new (NULL);
  g_autofree char *terms = NULL;
  g_autofree char *id = NULL;
  g_autoptr(PwBillRun) run = NULL;
  g_autoptr(PwBillNotice) notice = NULL;
  const char *numbers[] = { NULL, NULL };
  guint n_pages;

  /* forty charges of one seller, each billed monthly: one bill of forty lines */
  for (int i = 1; i <= 40; i++)
    g_string_append_printf (charges,
      "%s{\"code\": \"svc%02d\", \"kind\": \"property_fee\", \"seller\": \"LL\","
      " \"tax_code\": \"service6\", \"unit_price\": \"%d.00\", \"unit\": \"m2_month\","
      " \"spaces\": [\"B1-F01-003\"], \"anchor\": \"calendar\", \"frequency\": \"monthly\"}",
      i > 1 ? ", " : "", i, i);
  terms = g_strdup_printf (
    "{\"id\": \"C-9\", \"currency\": \"CNY\", \"signed\": \"2026-12-07\","
    " \"start\": \"2027-01-01\", \"end\": \"2027-12-31\","
    " \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"},"
    " \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord Co.\"}],"
    " \"tax_codes\": [{\"code\": \"service6\", \"rate\": \"0.06\"}],"
    " \"spaces\": [{\"code\": \"B1-F01-003\", \"area\": \"50.00\", \"basis\": \"gross\"}],"
    " \"charges\": [%s]}", charges->str);
  g_assert_no_error (error);
  id = pw_lease_create (f->store, f->park, "C-9", customer, "2027-01-01", "2027-12-31",
                        lease_spaces, 1, terms, &error);
  g_assert_no_error (error);
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SUBMITTED, "2026-12-07", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_APPROVED, "2026-12-07", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SIGNED, "2026-12-07", NULL, &error));
  g_assert_no_error (error);
  run = pw_bill_run_post (f->store, f->park, "2027-01", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (run->bills->len, ==, 1);
  g_assert_cmpuint (((PwBillRunBill *) g_ptr_array_index (run->bills, 0))->lines->len, ==, 40);
  numbers[0] = ((PwBillRunBill *) g_ptr_array_index (run->bills, 0))->number;

  notice = pw_bill_notice_new (f->store, f->park, numbers, &error);
  g_assert_no_error (error);
  n_pages = pw_bill_notice_get_n_pages (notice);
  g_assert_cmpuint (n_pages, >=, 2);
  g_assert_null (strstr (pw_bill_notice_get_page_text (notice, 0), "Amount due:"));
  for (guint p = 1; p < n_pages; p++)
    {
      g_autofree char *head = g_strdup_printf ("Payment notice %s (continued)\n", numbers[0]);

      g_assert_true (g_str_has_prefix (pw_bill_notice_get_page_text (notice, p), head));
    }
  g_assert_nonnull (strstr (pw_bill_notice_get_page_text (notice, n_pages - 1), "Amount due:"));
  /* every line is on some page, once */
  for (int i = 1; i <= 40; i++)
    {
      g_autofree char *price = g_strdup_printf ("50.00 m² × %d.00/m²/month", i);
      guint found = 0;

      for (guint p = 0; p < n_pages; p++)
        for (const char *at = pw_bill_notice_get_page_text (notice, p); (at = strstr (at, price)) != NULL; at++)
          found++;
      g_assert_cmpuint (found, ==, 1);
    }
}

int
main (int argc, char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/bill-notice/seller-accounts", Fixture, NULL, fixture_set_up, test_seller_accounts,
              fixture_tear_down);
  g_test_add ("/bill-notice/one", Fixture, NULL, fixture_set_up, test_one_notice, fixture_tear_down);
  g_test_add ("/bill-notice/period", Fixture, NULL, fixture_set_up, test_period_notices,
              fixture_tear_down);
  g_test_add ("/bill-notice/long-bill", Fixture, NULL, fixture_set_up, test_long_bill,
              fixture_tear_down);
  return g_test_run ();
}
