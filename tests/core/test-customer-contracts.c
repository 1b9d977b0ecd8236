/* test-customer-contracts.c — a customer's contracts and spaces, over the demo park
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>

#include "pw-customer.h"
#include "pw-customer-contracts.h"
#include "pw-demo.h"
#include "pw-ledger.h"
#include "pw-row.h"

typedef struct {
  char    *dir;
  PwStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("parkwise-customer-contracts-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "park.db", NULL);
  f->store = pw_store_open (path, &error);
  g_assert_no_error (error);
  pw_ledger_attach (f->store);
  pw_store_set_actor (f->store, "tester");
  pw_demo_seed (f->store, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The codes of a pw_lease_list() row's spaces, sorted, joined by spaces. */
static char *
sorted_codes (JsonArray *array)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (codes, (gpointer) json_array_get_string_element (array, i));
  g_ptr_array_sort (codes, compare_strings);
  g_ptr_array_add (codes, NULL);
  return g_strjoinv (" ", (char **) codes->pdata);
}

static gboolean
is_running (const char *status)
{
  return g_strcmp0 (status, "signed") == 0 || g_strcmp0 (status, "active") == 0 ||
         g_strcmp0 (status, "expiring") == 0;
}

/* Every customer's contracts and spaces, checked against the park's contract list. */
static void
test_contracts_and_spaces (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) customers = pw_customer_list (f->store, NULL, &error);
  g_autoptr(GPtrArray) all = pw_lease_list (f->store, NULL, -1, -1, NULL, &error);
  g_autofree char *today = pw_today_iso ();
  guint n_with_contracts = 0, n_with_spaces = 0, n_seen = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, >, 0);
  for (guint c = 0; c < customers->len; c++)
    {
      const char *customer_id = pw_row_string (customers->pdata[c], "id");
      g_autoptr(GPtrArray) contracts = pw_customer_list_contracts (f->store, customer_id, &error);
      g_autoptr(GPtrArray) spaces = NULL;
      g_autoptr(GHashTable) running = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      guint expected = 0;

      g_assert_no_error (error);
      for (guint i = 0; i < all->len; i++)
        {
          JsonObject *row = all->pdata[i];
          g_autoptr(JsonObject) contract = pw_store_get_row (f->store, "contract",
                                                             pw_row_string (row, "id"), &error);
          g_autofree char *codes = NULL;
          gboolean found = FALSE;

          g_assert_no_error (error);
          if (g_strcmp0 (pw_row_string (contract, "customer_id"), customer_id) != 0)
            continue;
          expected++;
          codes = sorted_codes (json_object_get_array_member (row, "spaces"));
          for (guint k = 0; k < contracts->len; k++)
            {
              PwCustomerContract *mine = contracts->pdata[k];
              g_autofree char *mine_codes = g_strjoinv (" ", mine->space_codes);

              if (!g_str_equal (mine->id, pw_row_string (row, "id")))
                continue;
              found = TRUE;
              g_assert_cmpstr (mine->code, ==, pw_row_string (row, "code"));
              g_assert_cmpstr (pw_contract_status_to_string (mine->status), ==, pw_row_string (row, "status"));
              g_assert_cmpstr (mine->start_date, ==, pw_row_string (row, "start_date"));
              g_assert_cmpstr (mine->end_date, ==, pw_row_string (row, "end_date"));
              g_assert_cmpstr (mine_codes, ==, codes);
            }
          g_assert_true (found);
          if (is_running (pw_row_string (row, "status")) && g_strcmp0 (pw_row_string (row, "end_date"), today) >= 0)
            g_hash_table_insert (running, g_strdup (pw_row_string (row, "id")), g_strdup (codes));
        }
      g_assert_cmpuint (contracts->len, ==, expected);
      /* the latest start first */
      for (guint k = 1; k < contracts->len; k++)
        g_assert_cmpstr (((PwCustomerContract *) contracts->pdata[k - 1])->start_date, >=,
                         ((PwCustomerContract *) contracts->pdata[k])->start_date);
      n_with_contracts += contracts->len > 0;

      spaces = pw_customer_list_spaces (f->store, customer_id, today, &error);
      g_assert_no_error (error);
      for (guint k = 0; k < spaces->len; k++)
        {
          PwCustomerSpace *space = spaces->pdata[k];
          const char *codes = g_hash_table_lookup (running, space->contract_id);
          g_auto(GStrv) split = codes ? g_strsplit (codes, " ", -1) : NULL;

          /* held through one of its running contracts, which lists that space */
          g_assert_nonnull (codes);
          g_assert_true (g_strv_contains ((const char *const *) split, space->code));
          g_assert_cmpstr (space->end_date, >=, today);
          g_assert_cmpint (space->area, >, 0);
          /* each space once, by code */
          if (k > 0)
            g_assert_cmpstr (((PwCustomerSpace *) spaces->pdata[k - 1])->code, <, space->code);
        }
      if (g_hash_table_size (running) > 0)
        g_assert_cmpuint (spaces->len, >, 0);
      n_with_spaces += spaces->len > 0;
      n_seen += contracts->len;
    }
  /* every contract with a customer was listed under it */
  g_assert_cmpuint (n_with_contracts, >, 0);
  g_assert_cmpuint (n_with_spaces, >, 0);
  g_assert_cmpuint (n_seen, <=, all->len);
}

static void
test_new_customer (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *id = NULL;
  g_autofree char *warning = NULL;
  g_autoptr(GPtrArray) contracts = NULL;
  g_autoptr(GPtrArray) spaces = NULL;

  json_object_set_string_member (fields, "name", "Lakeside Robotics");
  json_object_set_string_member (fields, "kind", "company");
  id = pw_customer_add (f->store, pw_ledger_first_park_id (f->store), fields, &warning, &error);
  g_assert_no_error (error);
  contracts = pw_customer_list_contracts (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contracts->len, ==, 0);
  spaces = pw_customer_list_spaces (f->store, id, "2026-01-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spaces->len, ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/customer-contracts/listed", Fixture, NULL, fixture_set_up,
              test_contracts_and_spaces, fixture_tear_down);
  g_test_add ("/customer-contracts/new-customer", Fixture, NULL, fixture_set_up,
              test_new_customer, fixture_tear_down);
  return g_test_run ();
}
