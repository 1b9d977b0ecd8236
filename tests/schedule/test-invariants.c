/* test-invariants.c — properties every schedule keeps, over random contracts
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fixed seed makes a failure reproducible; PW_INVARIANT_SEED overrides it.
 * Checked for each contract:
 *  1. each charge's lines tile its range, in order, without gap or overlap;
 *  2. only credits are negative, and no credit exceeds the line it credits;
 *  3. gross = net + tax on every line, totals are the sums of the lines;
 *  4. ids are unique and the same on a second run;
 *  5. bill date ≥ signing date, due date ≥ bill date;
 *  6. a period split at a step of the same price adds up to the unsplit period
 *     where the method is linear (actual days; calendar months ÷ their days);
 *  7. deposit lines (on signing, then top-ups) add up to the deposit and its
 *     top-ups, and are never negative;
 *  8. straight-line revenue adds up to the billed net, each month is within a
 *     minor unit of its days' share, and its receivable ends at 0.
 * And, over contracts a plain second computation can follow
 * (schedule-reference.h: every standard-month rule, proration method, unit,
 * anchor and frequency, step tables, free periods, tax, the rounding settings
 * and deposits), every line's amount, the deposit and the revenue months are
 * computed again independently and must be the same to the minor unit. */
#include "config.h"

#include <stdlib.h>

#include "pw-store.h"
#include "schedule-reference.h"
#include "schedule-test-util.h"

#define N_CONTRACTS 3000

static GRand *rng;

static int
pick (int lo, int hi)
{
  return g_rand_int_range (rng, lo, hi + 1);
}

static const char *
one_of (const char *const *names, guint n)
{
  return names[g_rand_int_range (rng, 0, n)];
}

#define ONE_OF(...) one_of ((const char *const[]) { __VA_ARGS__ }, \
                            G_N_ELEMENTS (((const char *const[]) { __VA_ARGS__ })))

static char *
iso_plus (const GDate *base, int days)
{
  GDate d = *base;

  if (days >= 0)
    g_date_add_days (&d, days);
  else
    g_date_subtract_days (&d, -days);
  return date_iso (&d);
}

typedef struct {
  GDate start;
  int   days;       /* term length in days */
} Term;

static void
append_charge (GString *s, const Term *t, int i, gboolean allow_steps)
{
  const char *unit = ONE_OF ("m2_day", "m2_month", "month");
  int price = pick (5000, 99999);

  g_string_append_printf (s, "%s{\"code\":\"c%d\",\"kind\":\"%s\",\"seller\":\"%s\","
                          "\"unit\":\"%s\",\"unit_price\":\"%d.%04d\",\"spaces\":[\"S1\"]",
                          i ? "," : "", i, i == 0 ? "rent" : ONE_OF ("rent", "property_fee", "parking"),
                          ONE_OF ("LL", "PM"), unit, price / 10000, price % 10000);
  g_string_append_printf (s, ",\"standard_month\":\"%s\",\"anchor\":\"%s\",\"frequency\":\"%s\","
                          "\"timing\":\"%s\",\"lead_days\":%d,\"proration\":\"%s\"",
                          ONE_OF ("365/12", "30", "actual"), ONE_OF ("lease", "calendar"),
                          ONE_OF ("monthly", "quarterly", "half_yearly", "yearly"),
                          ONE_OF ("advance", "arrears"), pick (0, 30),
                          ONE_OF ("daily", "monthly_actual", "monthly_30", "yearly_365", "none"));
  if (g_rand_boolean (rng))
    g_string_append_printf (s, ",\"tax_code\":\"%s\",\"tax_included\":%s", ONE_OF ("v9", "v6"),
                            g_rand_boolean (rng) ? "true" : "false");
  if (g_rand_boolean (rng))
    g_string_append_printf (s, ",\"due\":{\"rule\":\"after_bill\",\"days\":%d}", pick (0, 30));
  if (pick (0, 3) == 0 && t->days > 60)
    {
      int a = pick (1, t->days / 3);
      g_autofree char *from = iso_plus (&t->start, a);
      g_autofree char *to = iso_plus (&t->start, pick (a + 10, t->days - 1));
      g_string_append_printf (s, ",\"start\":\"%s\",\"end\":\"%s\"", from, to);
    }
  else
    {
      switch (pick (0, 4))
        {
        case 1:
          g_string_append_printf (s, ",\"escalation\":{\"type\":\"fixed\",\"percent\":\"%d.%d\","
                                  "\"every_years\":%d,\"method\":\"%s\",\"anchor\":\"%s\","
                                  "\"price_decimals\":\"%s\"}", pick (0, 9), pick (0, 9),
                                  pick (1, 2), ONE_OF ("compound", "simple"),
                                  ONE_OF ("lease_start", "rent_commencement"),
                                  ONE_OF ("unrounded", "cents"));
          break;
        case 2:
          if (allow_steps && t->days > 40)
            {
              g_autofree char *d1 = iso_plus (&t->start, pick (1, t->days / 2));
              g_autofree char *d2 = iso_plus (&t->start, pick (t->days / 2 + 1, t->days - 1));
              g_string_append_printf (s, ",\"escalation\":{\"type\":\"steps\",\"steps\":["
                                      "{\"from\":\"%s\",\"unit_price\":\"%d.%02d\"},"
                                      "{\"from\":\"%s\",\"unit_price\":\"%d.%02d\"}]}",
                                      d1, pick (1, 9), pick (0, 99), d2, pick (1, 9), pick (0, 99));
            }
          break;
        case 3:
          g_string_append_printf (s, ",\"escalation\":{\"type\":\"cpi\",\"every_years\":1,"
                                  "\"floor\":\"%d\",\"cap\":\"%d\"}", pick (0, 2), pick (3, 6));
          break;
        default:
          break;
        }
    }
  g_string_append_c (s, '}');
}

static char *
random_contract (void)
{
  GString *s = g_string_new ("{\"id\":\"R-");
  Term t;
  int months = pick (1, 60);
  g_autofree char *start = NULL, *end = NULL, *signed_on = NULL;
  int n_charges = pick (1, 3);

  g_date_clear (&t.start, 1);
  g_date_set_dmy (&t.start, 1, 1, 2018);
  g_date_add_days (&t.start, pick (0, 2500));
  {
    GDate e = t.start;
    g_date_add_months (&e, months);
    g_date_add_days (&e, pick (0, 40));
    g_date_subtract_days (&e, 1);
    t.days = g_date_days_between (&t.start, &e);
    if (t.days < 1)
      t.days = 1;
  }
  start = date_iso (&t.start);
  end = iso_plus (&t.start, t.days);
  signed_on = iso_plus (&t.start, -pick (0, 60));
  g_string_append_printf (s, "%d\",\"currency\":\"%s\",\"signed\":\"%s\",\"start\":\"%s\","
                          "\"end\":\"%s\",", g_rand_int (rng) % 100000, ONE_OF ("CNY", "JPY", "KWD"),
                          signed_on, start, end);
  g_string_append_printf (s, "\"parties\":{\"landlord\":\"L\",\"tenant\":\"T\"},"
                          "\"sellers\":[{\"code\":\"LL\",\"name\":\"L\"},{\"code\":\"PM\",\"name\":\"P\"}],"
                          "\"spaces\":[{\"code\":\"S1\",\"area\":\"%d.%02d\"}],"
                          "\"tax_codes\":[{\"code\":\"v9\",\"rate\":\"0.09\"},"
                          "{\"code\":\"v6\",\"rate\":\"0.06\"}],\"charges\":[",
                          pick (1, 5000), pick (0, 99));
  for (int i = 0; i < n_charges; i++)
    append_charge (s, &t, i, TRUE);
  g_string_append (s, "]");
  /* index values for every year a CPI escalation could ask for */
  g_string_append (s, ",\"cpi_index\":[");
  for (int y = 2010; y <= 2040; y++)
    g_string_append_printf (s, "%s{\"year\":%d,\"value\":\"%d.%d\"}", y > 2010 ? "," : "", y,
                            pick (95, 110), pick (0, 9));
  g_string_append (s, "]");
  if (pick (0, 2) > 0 && t.days > 20)
    {
      int a = pick (0, t.days / 2 - 5);
      int b = pick (a, MIN (a + 120, t.days / 2));
      g_autofree char *fa = iso_plus (&t.start, a);
      g_autofree char *fb = iso_plus (&t.start, b);
      g_string_append_printf (s, ",\"free_periods\":[{\"kind\":\"%s\",\"start\":\"%s\","
                              "\"end\":\"%s\",\"waives\":%s,\"extends_term\":%s}]",
                              ONE_OF ("rent_free", "fit_out"), fa, fb,
                              ONE_OF ("[\"rent\"]", "[\"rent\",\"property_fee\"]", "[\"c0\"]"),
                              g_rand_boolean (rng) ? "true" : "false");
    }
  switch (pick (0, 2))
    {
    case 0:
      g_string_append_printf (s, ",\"deposit\":{\"months\":\"%d\",\"round_to\":\"%s\","
                              "\"mode\":\"%s\",\"top_up\":%s,\"carried_over\":\"%d\"}", pick (1, 6),
                              ONE_OF ("minor", "unit", "hundred"),
                              ONE_OF ("half_up", "half_even", "down", "up"),
                              g_rand_boolean (rng) ? "true" : "false",
                              pick (0, 2) == 0 ? pick (0, 500000) : 0);
      break;
    case 1:
      g_string_append_printf (s, ",\"deposit\":{\"amount\":\"%d\",\"carried_over\":\"%d\"}",
                              pick (0, 100000), pick (0, 2) == 0 ? pick (0, 100000) : 0);
      break;
    default:
      break;
    }
  if (pick (0, 2) == 0)
    {
      g_autofree char *td = iso_plus (&t.start, pick (0, t.days));
      g_string_append_printf (s, ",\"termination\":{\"date\":\"%s\",\"penalty\":\"%d\"}", td,
                              pick (0, 50000));
    }
  if (g_rand_boolean (rng))
    g_string_append_printf (s, ",\"revenue\":{\"straight_line\":true%s}",
                            n_charges > 1 ? ONE_OF ("", ",\"charges\":[\"c0\"]",
                                                    ",\"charges\":[\"rent\",\"c1\"]")
                                          : ONE_OF ("", ",\"charges\":[\"c0\"]"));
  g_string_append_printf (s, ",\"rounding\":{\"level\":\"%s\",\"to\":\"%s\",\"split\":\"%s\","
                          "\"month\":\"%s\"}}", ONE_OF ("line", "bill"),
                          ONE_OF ("minor", "minor", "unit"), ONE_OF ("each_line", "cumulative"),
                          ONE_OF ("exact", "rounded"));
  return g_string_free (s, FALSE);
}

static int
compare_start (gconstpointer a, gconstpointer b)
{
  const PwScheduleLine *x = *(PwScheduleLine **) a, *y = *(PwScheduleLine **) b;

  return g_date_compare (&x->start, &y->start);
}

/* 7. Deposit lines are never negative: one on signing, the deposit, and
 * top-ups after it adding up to deposit_top_ups, each raising what is held; the
 * deposit kept at termination never exceeds what is held. */
static void
check_deposit (const PwContract *c, PwSchedule *s, const char *json)
{
  gint64 sum = 0;
  guint n = 0;

  for (guint i = 0; i < s->lines->len; i++)
    {
      PwScheduleLine *l = s->lines->pdata[i];

      if (l->kind != PW_LINE_DEPOSIT)
        continue;
      n++;
      if (l->gross < 0 || l->tax != 0 || l->gross != l->net)
        g_error ("a deposit line of %" G_GINT64_FORMAT " in %s", l->gross, json);
      if (g_date_compare (&l->start, &c->start) != 0 && (l->gross == 0 || !c->deposit.top_up))
        g_error ("a deposit line after the start that tops up nothing in %s", json);
      sum += l->gross;
    }
  if (sum != s->deposit + s->deposit_top_ups)
    g_error ("deposit lines add up to %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT " in %s", sum,
             s->deposit + s->deposit_top_ups, json);
  if (!c->deposit.present && n > 0)
    g_error ("a deposit line without a deposit rule in %s", json);
  if (c->deposit.present && n == 0)
    g_error ("no deposit line in %s", json);
  if (!c->deposit.top_up && s->deposit_top_ups != 0)
    g_error ("top-ups without top_up in %s", json);
  if (s->terminated && s->deposit_offset > s->deposit + s->deposit_top_ups)
    g_error ("the deposit offsets more than is held in %s", json);
}

/* 8. Straight-line revenue: its months tile the term from its start to its end
 * (or the termination); they add up to the counted lines' net, and so does the
 * billing; every whole month but the last is the monthly figure; the receivable
 * is cumulative revenue less cumulative billing and ends at 0. */
static void
check_revenue (const PwContract *c, PwSchedule *s, const char *json)
{
  gint64 counted = 0, revenue = 0, billed = 0;
  const GDate *end = c->terminated ? &c->termination : &c->term_end;
  PwRevenueMonth *last;

  if (!c->revenue.straight_line)
    {
      if (s->revenue != NULL)
        g_error ("revenue without the setting in %s", json);
      return;
    }
  for (guint i = 0; i < s->lines->len; i++)
    {
      PwScheduleLine *l = s->lines->pdata[i];
      const PwCharge *ch = NULL;

      for (guint k = 0; k < c->charges->len; k++)
        if (g_str_equal (((PwCharge *) c->charges->pdata[k])->code, l->charge))
          ch = c->charges->pdata[k];
      if ((l->kind == PW_LINE_CHARGE || l->kind == PW_LINE_CREDIT) && ch != NULL
          && (g_strv_contains ((const char *const *) c->revenue.charges, ch->code)
              || g_strv_contains ((const char *const *) c->revenue.charges, ch->kind)))
        counted += l->net;
    }
  if (s->revenue == NULL || s->revenue->len == 0)
    g_error ("no revenue months in %s", json);
  if (g_date_compare (&g_array_index (s->revenue, PwRevenueMonth, 0).start, &c->start) != 0)
    g_error ("revenue does not start with the term in %s", json);
  for (guint i = 0; i < s->revenue->len; i++)
    {
      PwRevenueMonth *m = &g_array_index (s->revenue, PwRevenueMonth, i);

      if (i > 0)
        {
          GDate next = g_array_index (s->revenue, PwRevenueMonth, i - 1).end;
          g_date_add_days (&next, 1);
          if (g_date_compare (&next, &m->start) != 0)
            g_error ("revenue months leave a gap in %s", json);
        }
      /* by day: within a minor unit of its days' share, |revenue × D − total × days| ≤ D */
      {
        __int128 diff = (__int128) m->revenue * s->revenue_days
                        - (__int128) s->revenue_total * m->days;
        if (diff > s->revenue_days || diff < -(__int128) s->revenue_days)
          g_error ("a month's revenue is not its days' share in %s", json);
      }
      revenue += m->revenue;
      billed += m->billed;
      if (m->cumulative_revenue != revenue || m->cumulative_billed != billed
          || m->receivable != revenue - billed)
        g_error ("the receivable does not follow in %s", json);
    }
  last = &g_array_index (s->revenue, PwRevenueMonth, s->revenue->len - 1);
  if (g_date_compare (&last->end, end) != 0)
    g_error ("revenue does not end with the term in %s", json);
  if (revenue != counted || billed != counted || s->revenue_total != counted)
    g_error ("revenue %" G_GINT64_FORMAT " and billing %" G_GINT64_FORMAT " are not the net "
             "%" G_GINT64_FORMAT " in %s", revenue, billed, counted, json);
  if (last->receivable != 0)
    g_error ("the receivable does not end at 0 in %s", json);
}

static void
check_schedule (const PwContract *c, PwSchedule *s, const char *json)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 gross = 0, net = 0, tax = 0;

  for (guint i = 0; i < s->lines->len; i++)
    {
      PwScheduleLine *l = s->lines->pdata[i];

      if (!g_hash_table_add (ids, l->line_id))
        g_error ("duplicate id %s in %s", l->line_id, json);
      if (l->gross != l->net + l->tax)
        g_error ("gross ≠ net + tax in %s", json);
      if (l->kind == PW_LINE_CREDIT ? l->gross > 0 || l->tax > 0 : l->gross < 0 || l->tax < 0)
        g_error ("a %s line of %" G_GINT64_FORMAT " in %s", pw_line_kind_to_string (l->kind),
                 l->gross, json);
      if (g_date_compare (&l->bill_date, &c->signed_on) < 0
          || g_date_compare (&l->due_date, &l->bill_date) < 0)
        g_error ("dates out of order in %s", json);
      if (g_date_compare (&l->start, &l->end) > 0)
        g_error ("an empty period in %s", json);
      if (l->waived && l->gross != 0)
        g_error ("a waived line with an amount in %s", json);
      if (l->kind != PW_LINE_DEPOSIT)
        {
          gross += l->gross;
          net += l->net;
          tax += l->tax;
        }
      if (l->kind == PW_LINE_CREDIT)
        {
          /* the credited line: same charge, its period holds the credit's */
          gboolean found = FALSE;
          for (guint k = 0; k < s->lines->len; k++)
            {
              PwScheduleLine *o = s->lines->pdata[k];
              if (o->kind == PW_LINE_CHARGE && g_str_equal (o->charge, l->charge)
                  && g_date_compare (&o->start, &l->start) <= 0
                  && g_date_compare (&o->end, &l->end) == 0)
                {
                  found = TRUE;
                  if (-l->gross > o->gross)
                    g_error ("a credit above its line in %s", json);
                }
            }
          if (!found)
            g_error ("a credit without its line in %s", json);
        }
    }
  if (gross != s->gross || net != s->net || tax != s->tax)
    g_error ("totals are not the sums of the lines in %s", json);
  check_deposit (c, s, json);
  check_revenue (c, s, json);

  for (guint k = 0; k < c->charges->len; k++)
    {
      const PwCharge *ch = c->charges->pdata[k];
      g_autoptr(GPtrArray) mine = g_ptr_array_new ();
      PwScheduleLine *last;

      for (guint i = 0; i < s->lines->len; i++)
        {
          PwScheduleLine *l = s->lines->pdata[i];
          if (l->kind == PW_LINE_CHARGE && g_str_equal (l->charge, ch->code))
            g_ptr_array_add (mine, l);
        }
      if (mine->len == 0)
        {
          /* only a termination before the charge starts leaves none */
          if (!c->terminated || g_date_compare (&c->termination, &ch->start) >= 0)
            g_error ("charge %s has no lines in %s", ch->code, json);
          continue;
        }
      g_ptr_array_sort (mine, compare_start);
      if (g_date_compare (&((PwScheduleLine *) mine->pdata[0])->start, &ch->start) != 0)
        g_error ("charge %s does not start with its range in %s", ch->code, json);
      for (guint i = 1; i < mine->len; i++)
        {
          PwScheduleLine *a = mine->pdata[i - 1], *b = mine->pdata[i];
          GDate next = a->end;
          g_date_add_days (&next, 1);
          if (g_date_compare (&next, &b->start) != 0)
            g_error ("charge %s has a gap or overlap after line %u in %s", ch->code, i, json);
        }
      last = mine->pdata[mine->len - 1];
      if (!c->terminated && g_date_compare (&last->end, &ch->end) != 0)
        g_error ("charge %s does not end with its range in %s", ch->code, json);
      if (c->terminated)
        {
          const GDate *stop = g_date_compare (&c->termination, &ch->end) < 0 ? &c->termination
                                                                             : &ch->end;
          if (g_date_compare (&last->end, stop) < 0)
            g_error ("charge %s stops before the termination in %s", ch->code, json);
        }
    }
}

static void
test_random_contracts (void)
{
  const char *seed_text = g_getenv ("PW_INVARIANT_SEED");
  guint32 seed = seed_text ? (guint32) strtoul (seed_text, NULL, 10) : 20250401;
  guint n_terminated = 0, n_credits = 0, n_split = 0, n_top_ups = 0, n_revenue = 0;
  guint n_escalated = 0, n_ended = 0;

  g_test_message ("seed %u (set PW_INVARIANT_SEED to change it)", seed);
  g_print ("# random contracts: seed %u\n", seed);
  rng = g_rand_new_with_seed (seed);
  for (guint n = 0; n < N_CONTRACTS; n++)
    {
      g_autofree char *json = random_contract ();
      g_autoptr(GError) error = NULL;
      g_autoptr(PwContract) c = pw_contract_parse (json, -1, &error);
      g_autoptr(PwSchedule) s = NULL;
      g_autoptr(PwSchedule) again = NULL;

      if (c == NULL)
        g_error ("a generated contract was refused: %s\n%s", error->message, json);
      s = pw_schedule_compute (c, &error);
      if (s == NULL)
        g_error ("no schedule: %s\n%s", error->message, json);
      check_schedule (c, s, json);
      n_terminated += c->terminated;
      n_revenue += s->revenue != NULL;
      n_top_ups += count_lines (s, "deposit", PW_LINE_DEPOSIT) > 1;
      n_credits += s->credits != 0;
      for (guint i = 0; i < s->lines->len; i++)
        {
          PwScheduleLine *l = s->lines->pdata[i];
          /* the store keeps the wording, not the sentence: worded again, it is the same */
          g_autofree char *worded = pw_schedule_explain (l->charge, &l->start, &l->end, l->basis,
                                                         l->explain_form, l->explain_arg);

          char uuid[37];

          g_assert_cmpuint (l->explain_form, !=, PW_EXPLAIN_TEXT);
          g_assert_cmpstr (worded, ==, l->explanation);
          /* the id's bytes, as the store keeps it, are the id */
          pw_uuid_from_bytes (l->line_uuid, uuid);
          g_assert_cmpstr (uuid, ==, l->line_id);
          n_split += l->kind == PW_LINE_CHARGE && g_date_get_day (&l->start) != 1;
          n_escalated += (l->explain_form & PW_EXPLAIN_NOTE_MASK) == PW_EXPLAIN_NOTE_ESCALATED;
          n_ended += (l->explain_form & PW_EXPLAIN_NOTE_MASK) == PW_EXPLAIN_NOTE_ENDED;
        }
      if (n % 10 == 0)
        {
          again = pw_schedule_compute (c, NULL);
          g_assert_cmpuint (again->lines->len, ==, s->lines->len);
          for (guint i = 0; i < s->lines->len; i++)
            {
              PwScheduleLine *a = s->lines->pdata[i], *b = again->lines->pdata[i];
              g_assert_cmpstr (a->line_id, ==, b->line_id);
              g_assert_cmpint (a->gross, ==, b->gross);
            }
        }
    }
  /* the generator reaches what it should */
  g_assert_cmpuint (n_terminated, >, N_CONTRACTS / 5);
  g_assert_cmpuint (n_credits, >, N_CONTRACTS / 20);
  g_assert_cmpuint (n_split, >, N_CONTRACTS);
  g_assert_cmpuint (n_top_ups, >, N_CONTRACTS / 50);
  g_assert_cmpuint (n_revenue, >, N_CONTRACTS / 3);
  g_assert_cmpuint (n_escalated, >, 0);
  g_assert_cmpuint (n_ended, >, 0);
  g_rand_free (rng);
}

/* Invariant 6: one step at the same price splits a period; where proration is
 * linear and the pieces are rounded together (rounding.split "cumulative"), they
 * add up to what the period was without it. Rounded each on its own (the
 * default), they differ from it by less than a minor unit a piece. */
static void
test_split_equals_unsplit (void)
{
  guint compared = 0;

  rng = g_rand_new_with_seed (77);
  for (guint n = 0; n < 1000; n++)
    {
      gboolean actual = g_rand_boolean (rng);
      int year = pick (2019, 2030);
      int price = pick (5000, 99999);
      int area = pick (100, 900000);
      GDate start, step;
      g_autofree char *a = NULL, *b = NULL, *st = NULL;
      g_autofree char *plain = NULL, *split = NULL;
      g_autofree char *params = NULL;
      g_autoptr(PwSchedule) s1 = NULL;
      g_autoptr(PwSchedule) s2 = NULL;
      g_autoptr(PwSchedule) s3 = NULL;
      g_autofree char *each = NULL;

      g_date_clear (&start, 1);
      g_date_set_dmy (&start, 1, 1, year);
      g_date_add_days (&start, pick (0, 364));
      step = start;
      g_date_add_days (&step, pick (1, 700));
      a = date_iso (&start);
      b = iso_plus (&start, 729);
      st = date_iso (&step);
      if (actual)
        params = g_strdup_printf ("'standard_month':'actual','anchor':'%s','frequency':'%s',"
                                  "'proration':'%s'", ONE_OF ("lease", "calendar"),
                                  ONE_OF ("monthly", "quarterly", "yearly"),
                                  ONE_OF ("daily", "monthly_actual", "monthly_30", "none"));
      else
        params = g_strdup ("'anchor':'calendar','frequency':'monthly','proration':'monthly_actual'");
#define SPLIT_CONTRACT(extra) \
      g_strdup_printf ("{'id':'S','currency':'CNY','parties':{'landlord':'L','tenant':'T'}," \
                       "'sellers':[{'code':'LL','name':'L'}],'spaces':[{'code':'S1','area':'%d.%02d'}]," \
                       "'signed':'%s','start':'%s','end':'%s','charges':[{'code':'rent','kind':'rent'," \
                       "'seller':'LL','unit':'%s','unit_price':'%d.%04d','spaces':['S1'],%s%s}]%s}", \
                       area / 100, area % 100, a, a, b, actual ? "m2_day" : "m2_month", \
                       price / 10000, price % 10000, params, extra, rounding)
      {
        g_autofree char *steps = g_strdup_printf (",'escalation':{'type':'steps','steps':["
                                                  "{'from':'%s','unit_price':'%d.%04d'}]}",
                                                  st, price / 10000, price % 10000);
        const char *rounding = ",'rounding':{'split':'cumulative'}";
        g_autofree char *q1 = SPLIT_CONTRACT ("");
        g_autofree char *q2 = SPLIT_CONTRACT (steps);
        g_autofree char *q3 = NULL;

        rounding = "";
        q3 = SPLIT_CONTRACT (steps);
        plain = unquote (q1);
        split = unquote (q2);
        each = unquote (q3);
      }
      {
        g_autoptr(PwContract) c1 = pw_contract_parse (plain, -1, NULL);
        g_autoptr(PwContract) c2 = pw_contract_parse (split, -1, NULL);
        g_autoptr(PwContract) c3 = pw_contract_parse (each, -1, NULL);
        g_assert_nonnull (c1);
        g_assert_nonnull (c2);
        g_assert_nonnull (c3);
        s1 = pw_schedule_compute (c1, NULL);
        s2 = pw_schedule_compute (c2, NULL);
        s3 = pw_schedule_compute (c3, NULL);
      }
      if (s1->gross != s2->gross)
        g_error ("split %" G_GINT64_FORMAT " ≠ unsplit %" G_GINT64_FORMAT " in %s", s2->gross,
                 s1->gross, split);
      /* one step makes one piece more: each line rounded once is off by under a unit */
      if (s3->gross - s1->gross > 1 || s1->gross - s3->gross > 1)
        g_error ("split, each line rounded, %" G_GINT64_FORMAT " is not within a minor unit of "
                 "%" G_GINT64_FORMAT " in %s", s3->gross, s1->gross, each);
      /* the step really split something, unless it fell on a period boundary */
      g_assert_cmpuint (s2->lines->len, >=, s1->lines->len);
      compared += s2->lines->len > s1->lines->len;
    }
  g_assert_cmpuint (compared, >, 500);
  g_rand_free (rng);
}


/* ---- every line computed again ------------------------------------------------------- */

#define N_REFERENCE 2500

static char *
reference_contract (int *n_charges_out)
{
  GString *s = g_string_new ("{\"id\":\"Q-");
  GDate start, end;
  int n_charges = pick (1, 2), days;
  g_autofree char *a = NULL, *b = NULL, *signed_on = NULL;

  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 1, 1, 2019);
  g_date_add_days (&start, pick (0, 3000));
  end = start;
  g_date_add_months (&end, pick (1, 36));
  /* often whole months, so pieces end the day before a month boundary */
  g_date_add_days (&end, pick (0, 1) ? 0 : pick (0, 40));
  g_date_subtract_days (&end, 1);
  days = g_date_days_between (&start, &end);
  if (days < 1)
    {
      end = start;
      g_date_add_days (&end, 1);
      days = 1;
    }
  a = date_iso (&start);
  b = date_iso (&end);
  signed_on = iso_plus (&start, -pick (0, 30));
  g_string_append_printf (s, "%d\",\"currency\":\"%s\",\"signed\":\"%s\",\"start\":\"%s\","
                          "\"end\":\"%s\",\"parties\":{\"landlord\":\"L\",\"tenant\":\"T\"},"
                          "\"sellers\":[{\"code\":\"LL\",\"name\":\"L\"}],"
                          "\"spaces\":[{\"code\":\"S1\",\"area\":\"%d.%02d\"}],"
                          "\"tax_codes\":[{\"code\":\"v9\",\"rate\":\"0.09\"}],\"charges\":[",
                          g_rand_int (rng) % 100000, ONE_OF ("CNY", "JPY", "KWD"), signed_on, a, b,
                          pick (1, 5000), pick (0, 99));
  for (int i = 0; i < n_charges; i++)
    {
      const char *unit = ONE_OF ("m2_day", "m2_month", "month");
      gboolean monthly = g_str_equal (unit, "month");
      int price = monthly ? pick (1000000, 999999999) : pick (5000, 999999);
      int cs = 0, ce = days;

      g_string_append_printf (s, "%s{\"code\":\"c%d\",\"kind\":\"%s\",\"seller\":\"LL\","
                              "\"unit\":\"%s\",\"unit_price\":\"%d.%04d\",\"spaces\":[\"S1\"],"
                              "\"standard_month\":\"%s\",\"anchor\":\"%s\",\"frequency\":\"%s\","
                              "\"proration\":\"%s\"", i ? "," : "", i, i ? "property_fee" : "rent",
                              unit, price / 10000, price % 10000,
                              ONE_OF ("365/12", "30", "actual"), ONE_OF ("lease", "calendar"),
                              ONE_OF ("monthly", "quarterly", "half_yearly", "yearly"),
                              ONE_OF ("daily", "monthly_actual", "monthly_30", "yearly_365",
                                      "none"));
      switch (pick (0, 2))
        {
        case 1:
          g_string_append (s, ",\"tax_code\":\"v9\"");
          break;
        case 2:
          g_string_append (s, ",\"tax_code\":\"v9\",\"tax_included\":false");
          break;
        default:
          break;
        }
      if (pick (0, 3) == 0 && days > 60)
        {
          g_autofree char *from = NULL, *to = NULL;

          cs = pick (1, days / 3);
          ce = pick (cs + 10, days);
          from = iso_plus (&start, cs);
          to = iso_plus (&start, ce);
          g_string_append_printf (s, ",\"start\":\"%s\",\"end\":\"%s\"", from, to);
        }
      if (pick (0, 1) == 0 && ce - cs > 4)
        {
          /* one or two steps, sometimes at the same price, to split periods */
          int d1 = pick (cs + 1, cs + (ce - cs) / 2), d2 = pick (d1 + 1, ce);
          g_autofree char *s1 = NULL;
          GDate first;

          /* half the time on the first of a month (a boundary the pieces end before) */
          first = start;
          g_date_add_days (&first, d1);
          if (pick (0, 1) && g_date_get_day (&first) > 1)
            {
              int back = g_date_get_day (&first) - 1;

              if (d1 - back > cs)
                d1 -= back;
            }
          s1 = iso_plus (&start, d1);
          g_autofree char *s2 = iso_plus (&start, d2);
          int p1 = pick (0, 1) ? price : price + pick (1, 5000);

          g_string_append_printf (s, ",\"escalation\":{\"type\":\"steps\",\"steps\":["
                                  "{\"from\":\"%s\",\"unit_price\":\"%d.%04d\"}", s1, p1 / 10000,
                                  p1 % 10000);
          if (pick (0, 1))
            g_string_append_printf (s, ",{\"from\":\"%s\",\"unit_price\":\"%d.%04d\"}", s2,
                                    (p1 + 100) / 10000, (p1 + 100) % 10000);
          g_string_append (s, "]}");
        }
      g_string_append_c (s, '}');
    }
  g_string_append_c (s, ']');
  if (pick (0, 1) && days > 20)
    {
      int fa = pick (0, days / 2 - 5), fb = pick (fa, MIN (fa + 120, days / 2));
      g_autofree char *x = NULL, *y = NULL;

      if (pick (0, 1))
        {
          /* from the start for whole months: the pieces after it start on the same day */
          GDate e = start;

          fa = 0;
          g_date_add_months (&e, (guint) pick (1, 3));
          g_date_subtract_days (&e, 1);
          fb = MIN (g_date_days_between (&start, &e), days / 2);
        }
      x = iso_plus (&start, fa);
      y = iso_plus (&start, fb);

      g_string_append_printf (s, ",\"free_periods\":[{\"start\":\"%s\",\"end\":\"%s\","
                              "\"waives\":%s}]", x, y,
                              ONE_OF ("[\"rent\"]", "[\"c0\"]", "[\"rent\",\"property_fee\"]"));
    }
  if (pick (0, 1))
    g_string_append_printf (s, ",\"deposit\":{\"months\":\"%d\",\"charges\":%s,\"round_to\":\"%s\","
                            "\"mode\":\"%s\",\"month\":\"%s\"}", pick (1, 6),
                            n_charges > 1 ? ONE_OF ("[\"c0\"]", "[\"rent\",\"c1\"]") : "[\"c0\"]",
                            ONE_OF ("minor", "unit", "ten", "hundred"),
                            ONE_OF ("half_up", "half_even", "down", "up"),
                            ONE_OF ("rounded", "exact"));
  if (pick (0, 1))
    g_string_append (s, ",\"revenue\":{\"straight_line\":true}");
  g_string_append_printf (s, ",\"rounding\":{\"to\":\"%s\",\"month\":\"%s\"}}",
                          ONE_OF ("minor", "minor", "unit"), ONE_OF ("exact", "rounded"));
  *n_charges_out = n_charges;
  return g_string_free (s, FALSE);
}

static const PwCharge *
charge_of (const PwContract *c, const char *code)
{
  for (guint k = 0; k < c->charges->len; k++)
    if (g_str_equal (((PwCharge *) c->charges->pdata[k])->code, code))
      return c->charges->pdata[k];
  return NULL;
}

static gboolean
waived_on (const PwContract *c, const PwCharge *ch, const GDate *d)
{
  for (guint i = 0; i < c->free_periods->len; i++)
    {
      const PwFreePeriod *f = c->free_periods->pdata[i];

      if ((g_strv_contains ((const char *const *) f->waives, ch->code)
           || g_strv_contains ((const char *const *) f->waives, ch->kind))
          && g_date_compare (&f->start, d) <= 0 && g_date_compare (d, &f->end) <= 0)
        return TRUE;
    }
  return FALSE;
}

/* Every line, the deposit and the revenue months as the reference has them */
static void
check_against_reference (const PwContract *c, PwSchedule *s, const char *json)
{
  int keep = c->round_to_unit ? 0 : c->minor_digits;
  gint64 counted = 0, before = 0;
  int term_days = g_date_days_between (&c->start, &c->term_end) + 1, upto = 0;

  for (guint i = 0; i < s->lines->len; i++)
    {
      PwScheduleLine *l = s->lines->pdata[i];
      const PwCharge *ch;
      const PwTaxCode *tax;
      gint64 amount, gross, net;
      g_autofree char *a = NULL, *b = NULL;

      if (l->kind == PW_LINE_DEPOSIT)
        {
          if (l->gross != ref_deposit (c))
            g_error ("deposit %" G_GINT64_FORMAT ", the reference %" G_GINT64_FORMAT " in %s",
                     l->gross, ref_deposit (c), json);
          continue;
        }
      g_assert_cmpint (l->kind, ==, PW_LINE_CHARGE);
      ch = charge_of (c, l->charge);
      g_assert_nonnull (ch);
      counted += g_str_equal (ch->kind, "rent") ? l->net : 0;
      if (waived_on (c, ch, &l->start) != l->waived)
        g_error ("%s from %d/%d/%d is %swaived in %s", l->charge, g_date_get_day (&l->start),
                 g_date_get_month (&l->start), g_date_get_year (&l->start),
                 l->waived ? "" : "not ", json);
      if (l->waived)
        continue;
      amount = ref_minor (ref_line_amount (c, ch, &l->start, &l->end), keep, c->minor_digits,
                          PW_ROUND_HALF_UP);
      tax = pw_contract_find_tax_code (c, ch->tax_code);
      gross = net = amount;
      if (tax != NULL && ch->tax_included)
        net = ref_minor (frac_mul (frac (amount, pow10_i (c->minor_digits)),
                                   pow10_i (tax->rate.scale), pow10_i (tax->rate.scale) + tax->rate.m),
                         c->minor_digits, c->minor_digits, PW_ROUND_HALF_UP);
      else if (tax != NULL)
        gross = amount + ref_minor (frac_mul (frac (amount, pow10_i (c->minor_digits)),
                                              tax->rate.m, pow10_i (tax->rate.scale)),
                                    c->minor_digits, c->minor_digits, PW_ROUND_HALF_UP);
      if (l->gross != gross || l->net != net)
        {
          a = date_iso (&l->start);
          b = date_iso (&l->end);
          g_error ("%s %s–%s: gross %" G_GINT64_FORMAT " net %" G_GINT64_FORMAT ", the reference "
                   "%" G_GINT64_FORMAT " and %" G_GINT64_FORMAT " (basis %s) in %s", l->charge, a,
                   b, l->gross, l->net, gross, net, l->basis, json);
        }
    }
  if (s->revenue == NULL)
    return;
  /* B17 by day: cumulative revenue rounded, a month the difference */
  g_assert_cmpint (s->revenue_total, ==, counted);
  for (guint i = 0; i < s->revenue->len; i++)
    {
      PwRevenueMonth *m = &g_array_index (s->revenue, PwRevenueMonth, i);
      gint64 cum;

      upto += m->days;
      cum = ref_minor (frac (counted < 0 ? 0 : counted, 1), 0, 0, PW_ROUND_HALF_UP);
      cum = (gint64) ref_round_to (frac ((i128) counted * upto, term_days), 0, PW_ROUND_HALF_UP);
      if (m->revenue != cum - before)
        g_error ("revenue month %u: %" G_GINT64_FORMAT ", the reference %" G_GINT64_FORMAT
                 " in %s", i, m->revenue, cum - before, json);
      before = cum;
    }
  g_assert_cmpint (upto, ==, term_days);
}

static void
test_reference (void)
{
  const char *seed_text = g_getenv ("PW_INVARIANT_SEED");
  guint32 seed = seed_text ? (guint32) strtoul (seed_text, NULL, 10) : 20261207;
  guint n_lines = 0, n_split = 0;
  guint seen_std[3] = { 0, }, seen_proration[5] = { 0, };

  g_test_message ("seed %u (set PW_INVARIANT_SEED to change it)", seed);
  g_print ("# reference: seed %u\n", seed);
  rng = g_rand_new_with_seed (seed);
  for (guint n = 0; n < N_REFERENCE; n++)
    {
      int n_charges;
      g_autofree char *json = reference_contract (&n_charges);
      g_autoptr(GError) error = NULL;
      g_autoptr(PwContract) c = pw_contract_parse (json, -1, &error);
      g_autoptr(PwSchedule) s = NULL;

      if (c == NULL)
        g_error ("a generated contract was refused: %s\n%s", error->message, json);
      s = pw_schedule_compute (c, &error);
      if (s == NULL)
        g_error ("no schedule: %s\n%s", error->message, json);
      check_against_reference (c, s, json);
      for (guint k = 0; k < c->charges->len; k++)
        {
          const PwCharge *ch = c->charges->pdata[k];

          seen_std[ch->standard_month]++;
          seen_proration[ch->proration]++;
        }
      for (guint i = 0; i < s->lines->len; i++)
        {
          PwScheduleLine *l = s->lines->pdata[i];

          n_lines += l->kind == PW_LINE_CHARGE;
          n_split += l->kind == PW_LINE_CHARGE && !l->waived
                     && !ref_is_whole_period (charge_of (c, l->charge), &l->start, &l->end);
        }
    }
  g_print ("# reference: %u contracts, %u charge lines, %u of them prorated, agree to the "
           "minor unit\n", N_REFERENCE, n_lines, n_split);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (seen_std[i], >, N_REFERENCE / 10);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (seen_proration[i], >, N_REFERENCE / 10);
  g_assert_cmpuint (n_split, >, N_REFERENCE);
  g_rand_free (rng);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/invariants/random-contracts", test_random_contracts);
  g_test_add_func ("/invariants/split-equals-unsplit", test_split_equals_unsplit);
  g_test_add_func ("/invariants/reference", test_reference);
  return g_test_run ();
}
