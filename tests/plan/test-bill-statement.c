/* test-bill-statement.c — customer statements as pages and PDF (docs/receivables.md,
 * "Statements"): the letterhead and each seller's account on its section, the entries
 * and balances as figures show them, a long statement's pages with the table's header
 * repeated and "page N of M", one file or one per customer
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "../core/receivables-helpers.h"
#include "pw-bill-statement.h"
#include "pw-park-seller.h"

/* Tenant Co.: rent 5,000.00 and fee 500.00 a month from LL (one bill a month), January
 * to @months posted and sent, and @payments payments of 1.00 on 2027-01-02 onwards. */
static char *
set_up (Fixture *f, guint months, guint payments)
{
  char *customer = fixture_customer (f->store, f->park);
  g_autofree char *t = recv_terms ("C-1", "B1-F01-003", "100.00", "10.00", "0", 5, "none");
  g_free (recv_lease (f, "C-1", "B1-F01-003", customer, t));
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_park_set_seller (f->store, f->park, "LL", "Landlord Co. Ltd", "Bank of Suzhou",
                                     "6222 0000 1111", &error));
  g_assert_no_error (error);
  for (guint i = 1; i <= months; i++)
    {
      g_autofree char *period = g_strdup_printf ("2027-%02u", i);

      g_assert_cmpuint (recv_post_and_send (f, period), ==, 1);
    }
  for (guint i = 0; i < payments; i++)
    {
      g_autofree char *date = g_strdup_printf ("2027-01-%02u", 2 + i % 27);
      g_free (recv_pay (f, customer, date, 100, NULL));
    }
  return customer;
}

static PwBillStatement *
make (Fixture *f, const char *customer, const char *from, const char *to)
{
  const char *customers[] = { customer, NULL };
  g_autoptr(GError) error = NULL;
  PwBillStatement *s = pw_bill_statement_new (f->store, f->park, customers, from, to, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

/* January and February with one payment of 1.00: one page. It heads with the park and
 * says whom it is to, from which seller, the period, the opening balance 0.00, each
 * entry with its running balance (5,500.00; 5,499.00; 10,999.00), the closing balance,
 * the ageing as of the end (February 5,500.00 due 02-01 is 27 days late, January's
 * 5,499.00 58 days) and the seller's account. */
static void
test_one_page (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = set_up (f, 2, 1);
  g_autoptr(PwBillStatement) s = make (f, customer, "2027-01-01", "2027-02-28");
  const char *text;
  JsonObject *figures;

  g_assert_cmpuint (pw_bill_statement_get_n_pages (s), ==, 1);
  text = pw_bill_statement_get_page_text (s, 0);
  g_assert_true (g_str_has_prefix (text, "Test Park\n"));
  g_assert_nonnull (strstr (text, "Statement of Account\n"));
  g_assert_nonnull (strstr (text, "To: Tenant Co.\n"));
  g_assert_nonnull (strstr (text, "From: Landlord Co. Ltd\n"));
  g_assert_nonnull (strstr (text, "Period 2027-01-01 – 2027-02-28 · ageing as of 2027-02-28\n"));
  g_assert_nonnull (strstr (text, "Opening balance: CNY 0.00\n"));
  g_assert_nonnull (strstr (text, "2027-01-01\nBill\nP-LL-B-2027-000001\ndue 2027-01-01\n5,500.00\n5,500.00\n"));
  g_assert_nonnull (strstr (text, "2027-01-02\nPayment\nREF\nBank transfer\n−1.00\n5,499.00\n"));
  g_assert_nonnull (strstr (text, "\n5,500.00\n10,999.00\n"));
  g_assert_nonnull (strstr (text, "Closing balance: CNY 10,999.00 on 2027-02-28\n"));
  g_assert_nonnull (strstr (text, "Current\n1–30 days\n31–60 days\n61–90 days\nOver 90 days\nTotal\n"
                                  "0.00\n5,500.00\n5,499.00\n0.00\n0.00\n10,999.00\n"));
  g_assert_nonnull (strstr (text, "Bank: Bank of Suzhou\nAccount: 6222 0000 1111\n"));
  g_assert_true (g_str_has_suffix (text, "Page 1 of 1\n"));

  figures = json_array_get_object_element (pw_bill_statement_get_figures (s), 0);
  g_assert_cmpint (json_object_get_int_member (figures, "closing"), ==, 1099900);
}

/* 120 payments make a statement of several pages: each page after the first starts
 * with the "(continued)" line and the table's header again, and says "Page N of M";
 * every entry is on exactly one page. The PDF has as many pages. */
static void
test_long (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = set_up (f, 1, 120);
  g_autoptr(PwBillStatement) s = make (f, customer, "2027-01-01", "2027-01-31");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pw-statement-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "s.pdf", NULL);
  g_autofree char *contents = NULL;
  guint n = pw_bill_statement_get_n_pages (s), payments = 0, pdf_pages = 0;
  gsize length = 0;

  g_assert_cmpuint (n, >=, 2);
  for (guint i = 0; i < n; i++)
    {
      const char *text = pw_bill_statement_get_page_text (s, i);
      g_autofree char *foot = g_strdup_printf ("Page %u of %u\n", i + 1, n);

      g_assert_true (g_str_has_suffix (text, foot));
      if (i > 0)
        g_assert_true (g_str_has_prefix (text, "Statement for Tenant Co. (continued)\n"
                                               "Date\nEntry\nReference\nDetail\nAmount\nBalance\n"));
      for (const char *p = text; (p = strstr (p, "\nPayment\n")) != NULL; p++)
        payments++;
    }
  g_assert_cmpuint (payments, ==, 120);
  g_assert_nonnull (strstr (pw_bill_statement_get_page_text (s, n - 1),
                            "Closing balance: CNY 5,380.00 on 2027-01-31\n"));

  g_assert_true (pw_bill_statement_write_pdf (s, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  for (gsize i = 0; i + 12 <= length; i++)
    if (memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's')
      pdf_pages++;
  g_assert_cmpuint (pdf_pages, ==, n);
  g_unlink (path);
  g_rmdir (dir);
}

/* A batch: one PDF per customer with a balance or activity (Quiet Co. has none), or
 * one file; a period with nothing writes nothing. */
static void
test_batch (Fixture *f, gconstpointer data)
{
  g_free (set_up (f, 1, 0));
  g_free (recv_customer (f, "Quiet Co."));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pw-statements-XXXXXX", &error);
  g_autofree char *folder = g_build_filename (dir, "out", NULL);
  g_autofree char *one = g_build_filename (dir, "all.pdf", NULL);
  g_autoptr(GPtrArray) files = NULL, single = NULL, none = NULL;
  g_autoptr(JsonArray) figures = NULL;

  files = pw_bill_statement_export_all (f->store, f->park, "2027-01-01", "2027-01-31", NULL,
                                        folder, FALSE, &figures, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_true (g_str_has_suffix (files->pdata[0], "/Tenant Co..pdf"));
  g_assert_true (g_file_test (files->pdata[0], G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (json_array_get_length (figures), ==, 1);
  single = pw_bill_statement_export_all (f->store, f->park, "2027-01-01", "2027-01-31", NULL,
                                         one, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (single->len, ==, 1);
  g_assert_true (g_file_test (one, G_FILE_TEST_IS_REGULAR));
  none = pw_bill_statement_export_all (f->store, f->park, "2026-01-01", "2026-12-31", NULL,
                                       folder, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_unlink (files->pdata[0]);
  g_rmdir (folder);
  g_unlink (one);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/bill-statement/one-page", Fixture, NULL, fixture_set_up, test_one_page,
              fixture_tear_down);
  g_test_add ("/bill-statement/long", Fixture, NULL, fixture_set_up, test_long, fixture_tear_down);
  g_test_add ("/bill-statement/batch", Fixture, NULL, fixture_set_up, test_batch, fixture_tear_down);
  return g_test_run ();
}
