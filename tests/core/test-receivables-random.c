/* test-receivables-random.c — invariants of receivables over random ledgers
 * (docs/receivables.md): payments of any size with or without designations, undone,
 * un-allocated and allocated again, credit notes and waivers of any size, some refused
 * or pending, late fees in later runs. After every step:
 *   1. each customer's balance = Σ bills − Σ approved credits − Σ payments not undone,
 *      counted from the records themselves;
 *   2. the credit notes of a line that are not rejected never exceed it;
 *   3. an allocation never exceeds its line (what it owes after approved credits), its
 *      bill, or its payment;
 *   4. the ageing as of a date after everything adds up to Σ balances + Σ unapplied, and
 *      the ageing as of any date equals what the records say is open then.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "receivables-helpers.h"

static const char *const spaces[] = { "B1-F01-002", "B1-F01-003", "B1-F01-004" };
static const char *const names[] = { "Alpha Co.", "Beta Co.", "Gamma Co." };
static const char *const periods[] = { "2027-01", "2027-02", "2027-03", "2027-04" };
static const char *const days[] = {
  "2027-01-03", "2027-01-20", "2027-02-02", "2027-02-14", "2027-03-01", "2027-03-18",
  "2027-04-02", "2027-04-25", "2027-05-10"
};

static void
check_invariants (Fixture *f, char **customers, guint n)
{
  g_autoptr(GError) error = NULL;
  gint64 balances = 0, unapplied = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) ledger = pw_receivables_ledger (f->store, f->park, customers[i], &error);
      g_autofree char *sql = g_strdup_printf (
        "SELECT (SELECT coalesce (sum (l.gross), 0) FROM bill_line l JOIN bill b ON b.id = l.bill_id"
        "  WHERE b.customer_id = '%1$s' AND b.status != 'cancelled' AND l.cancelled = 0)"
        " - (SELECT coalesce (sum (c.gross), 0) FROM credit_note c JOIN bill_line l"
        "  ON l.id = c.bill_line_id JOIN bill b ON b.id = l.bill_id"
        "  WHERE b.customer_id = '%1$s' AND c.status = 'approved')"
        " - (SELECT coalesce (sum (amount), 0) FROM payment WHERE customer_id = '%1$s'"
        "  AND status = 'recorded')", customers[i]);

      g_assert_no_error (error);
      g_assert_cmpint (json_object_get_int_member (ledger, "balance"), ==, recv_int (f, sql));
      g_assert_cmpint (json_object_get_int_member (ledger, "balance"), ==,
                       json_object_get_int_member (ledger, "bills")
                       - json_object_get_int_member (ledger, "credits")
                       - json_object_get_int_member (ledger, "payments"));
      balances += json_object_get_int_member (ledger, "balance");
      unapplied += json_object_get_int_member (ledger, "unapplied");
    }
  /* 2 */
  g_assert_cmpint (recv_int (f, "SELECT count(*) FROM bill_line l WHERE l.gross <"
                                " (SELECT coalesce (sum (gross), 0) FROM credit_note"
                                "  WHERE bill_line_id = l.id AND status != 'rejected')"), ==, 0);
  /* 3 */
  g_assert_cmpint (recv_int (f, "SELECT count(*) FROM bill_line l WHERE " PW_OPEN_CHECK), ==, 0);
  g_assert_cmpint (recv_int (f, "SELECT count(*) FROM payment p WHERE p.amount <"
                                " (SELECT coalesce (sum (amount), 0) FROM allocation"
                                "  WHERE payment_id = p.id AND cancelled = 0)"), ==, 0);
  g_assert_cmpint (recv_int (f, "SELECT count(*) FROM payment p WHERE p.status = 'undone'"
                                " AND EXISTS (SELECT 1 FROM allocation WHERE payment_id = p.id"
                                " AND cancelled = 0)"), ==, 0);
  g_assert_cmpint (recv_int (f, "SELECT count(*) FROM bill b WHERE"
                                " (SELECT coalesce (sum (gross), 0) FROM bill_line WHERE bill_id = b.id"
                                "  AND cancelled = 0)"
                                " - (SELECT coalesce (sum (c.gross), 0) FROM credit_note c JOIN bill_line l"
                                "  ON l.id = c.bill_line_id WHERE l.bill_id = b.id AND c.status = 'approved')"
                                " - (SELECT coalesce (sum (a.amount), 0) FROM allocation a JOIN bill_line l"
                                "  ON l.id = a.bill_line_id WHERE l.bill_id = b.id AND a.cancelled = 0) < 0"),
                   ==, 0);
  /* 4 */
  {
    g_autoptr(JsonObject) a = pw_receivables_ageing (f->store, f->park, "2030-01-01", "customer",
                                                     &error);
    g_assert_no_error (error);
    g_assert_cmpint (json_object_get_int_member (a, "total"), ==, balances + unapplied);
  }
  for (guint d = 0; d < G_N_ELEMENTS (days); d += 4)
    {
      g_autoptr(JsonObject) a = pw_receivables_ageing (f->store, f->park, days[d], "charge", &error);
      g_autofree char *sql = g_strdup_printf (
        "SELECT coalesce (sum (l.gross - coalesce ((SELECT sum (n.gross) FROM credit_note n"
        " WHERE n.bill_line_id = l.id AND n.status = 'approved' AND n.issued_on <= '%1$s'), 0)"
        " - coalesce ((SELECT sum (x.amount) FROM allocation x JOIN payment p ON p.id = x.payment_id"
        " WHERE x.bill_line_id = l.id AND x.cancelled = 0 AND p.paid_on <= '%1$s'), 0)), 0)"
        " FROM bill_line l JOIN bill b ON b.id = l.bill_id WHERE l.cancelled = 0"
        " AND b.status != 'cancelled' AND b.bill_date <= '%1$s'", days[d]);

      g_assert_no_error (error);
      g_assert_cmpint (json_object_get_int_member (a, "total"), ==, recv_int (f, sql));
    }
}

static void
one_park (guint32 seed)
{
  Fixture fx = { 0 }, *f = &fx;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) payments = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_free);
  char *customers[G_N_ELEMENTS (names)];
  guint posted = 0;

  fixture_set_up (f, NULL);
  if (g_rand_boolean (rand))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *rule = pw_approval_rule_add (f->store, f->park, "credit_amount", "2000",
                                                    "asset_manager", 1, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *code = g_strdup_printf ("C-%u", i + 1);
      g_autofree char *rent = g_strdup_printf ("%d.%02d", g_rand_int_range (rand, 20, 200),
                                               g_rand_int_range (rand, 0, 100));
      g_autofree char *t = recv_terms (code, spaces[i], rent, "8.50", "0.0005",
                                       g_rand_int_range (rand, 0, 10),
                                       g_rand_boolean (rand) ? "none" : "5");
      g_autofree char *lease = NULL;

      customers[i] = recv_customer (f, names[i]);
      lease = recv_lease (f, code, spaces[i], customers[i], t);
    }
  for (guint step = 0; step < 40; step++)
    {
      g_autoptr(GError) error = NULL;
      guint c = g_rand_int_range (rand, 0, G_N_ELEMENTS (names));
      int what = g_rand_int_range (rand, 0, 10);

      if ((what == 0 || posted == 0) && posted < G_N_ELEMENTS (periods))
        {
          recv_post_and_send (f, periods[posted++]);
        }
      else if (what <= 3)
        {
          g_autofree char *number = NULL;
          const char *designation[2] = { NULL, NULL };
          PwPaymentInput in = { customers[c], days[g_rand_int_range (rand, 0, G_N_ELEMENTS (days))],
                                g_rand_int_range (rand, 1, 1500000), "transfer", NULL, NULL, NULL };
          char *id;

          if (g_rand_boolean (rand))
            {
              g_autofree char *sql = g_strdup_printf (
                "SELECT coalesce (max (rowid), 0) FROM bill WHERE customer_id = '%s'", customers[c]);
              gint64 row = recv_int (f, sql);

              if (row > 0)
                {
                  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
                    "SELECT number FROM bill WHERE rowid = ?", NULL);

                  sqlite3_bind_int64 (stmt, 1, row);
                  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
                  number = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
                  designation[0] = number;
                  in.designation = designation;
                }
            }
          id = pw_payment_add (f->store, f->park, &in, &error);
          g_assert_no_error (error);
          g_ptr_array_add (payments, id);
        }
      else if (what == 4 && payments->len > 0)
        {
          const char *id = payments->pdata[g_rand_int_range (rand, 0, payments->len)];
          int op = g_rand_int_range (rand, 0, 3);

          if (op == 0)
            pw_payment_undo (f->store, id, &error);  /* may have been undone already */
          else if (op == 1)
            g_assert_true (pw_payment_unallocate (f->store, id, &error));
          else
            pw_payment_allocate (f->store, id, &error);  /* refused when undone */
          g_clear_error (&error);
        }
      else if (what <= 7 && posted > 0)
        {
          g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
            "SELECT l.id FROM bill_line l JOIN bill b ON b.id = l.bill_id WHERE l.gross > 0"
            " ORDER BY l.rowid LIMIT 1 OFFSET ?", NULL);
          gint64 n = recv_int (f, "SELECT count(*) FROM bill_line WHERE gross > 0");
          g_autofree char *number = NULL;
          g_autofree char *line = NULL;
          gint64 left;
          gint64 amount;
          char *id;

          sqlite3_bind_int64 (stmt, 1, g_rand_int_range (rand, 0, (gint32) n));
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          line = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          left = pw_credit_note_remainder (f->store, line, NULL);
          amount = g_rand_boolean (rand) ? 0 : g_rand_int_range (rand, 1, 400000);
          id = pw_credit_note_add (f->store, line, g_rand_boolean (rand) ? "credit" : "waiver", amount,
                                   "random", days[g_rand_int_range (rand, 0, G_N_ELEMENTS (days))],
                                   &number, &error);
          if (amount > left || left == 0)
            {
              g_assert_null (id);
              g_assert_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_OVER);
            }
          else
            {
              g_assert_no_error (error);
              g_ptr_array_add (pending, g_steal_pointer (&number));
              g_free (id);
            }
        }
      else if (pending->len > 0)
        {
          const char *number = pending->pdata[g_rand_int_range (rand, 0, pending->len)];
          gboolean approve = g_rand_int_range (rand, 0, 3) > 0;

          /* refused when decided already */
          pw_credit_note_decide (f->store, f->park, number, NULL, approve, approve ? NULL : "no",
                                 NULL, &error);
          g_clear_error (&error);
        }
      check_invariants (f, customers, G_N_ELEMENTS (names));
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_free (customers[i]);
  fixture_tear_down (f, NULL);
}

static void
test_random (void)
{
  guint n = g_test_slow () ? 200 : 12;

  for (guint32 seed = 1; seed <= n; seed++)
    one_park (seed);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/receivables/random-ledgers", test_random);
  return g_test_run ();
}
