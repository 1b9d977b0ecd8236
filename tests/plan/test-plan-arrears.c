/* test-plan-arrears.c — the Arrears lens: rooms by what their contracts owe past due
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small park written here (docs/plans.md, "Arrears"; docs/receivables.md, "Arrears by
 * space"): seven rooms of 50.00 m² in a row on floor B1-F01, six leased for 2027 to six
 * customers, each billed monthly (rent ¥5,000.00 + property fee ¥500.00 = ¥5,500.00 a
 * bill, due on the month's first day), runs 2027-01 to 2027-05 posted and sent:
 *
 *   R101 A pays all five bills                          → no overdue
 *   R102 B pays four: May is open, due 05-01            → 15 days, ¥5,500.00
 *   R103 C pays three: April and May are open          → 45 days, ¥11,000.00
 *   R104 D pays nothing: January on                    → 135 days, ¥27,500.00
 *   R105 E pays three and a half: half April, May      → 45 days, ¥8,250.00 (partial)
 *   R106 F's April bill is credited whole, it pays the other four → no overdue
 *   R107 vacant
 *   R108 held by both B's and D's contracts (as a sync conflict can leave it): their sum
 *        ¥33,000.00 and the oldest age, 135 days
 *
 * The payments are dated 2027-05-10, the credit notes 2027-05-05; as of 2027-05-16.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <json-glib/json-glib.h>

#include "../core/fixture.h"
#include "../core/receivables-helpers.h"
#include "../cli-run.h"
#include "pw-plan-lens.h"
#include "pw-plan-render.h"
#include "pw-receivables-spaces.h"

#define BILL 550000
#define AS_OF "2027-05-16"

static const char *const names[] = { "A", "B", "C", "D", "E", "F" };
static char *payment_of_c;

/* What contract @contract owes past due as of @as_of, line by line from the bills,
 * credit notes and payments (the rule of docs/receivables.md, "Arrears by space"),
 * and its oldest due date still owing: what the summary must agree with. */
static gint64
owed_by_lines (Fixture *f, const char *contract, const char *as_of, char **oldest)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
    "SELECT sum (open), min (CASE WHEN open > 0 THEN due_date END) FROM ("
    " SELECT b.due_date, sum (l.gross - coalesce ((SELECT sum (n.gross) FROM credit_note n"
    "  WHERE n.bill_line_id = l.id AND n.status = 'approved' AND n.issued_on <= ?2), 0)"
    "  - coalesce ((SELECT sum (a.amount) FROM allocation a JOIN payment p ON p.id = a.payment_id"
    "  WHERE a.bill_line_id = l.id AND a.cancelled = 0 AND p.paid_on <= ?2), 0)) AS open"
    " FROM bill_line l JOIN bill b ON b.id = l.bill_id WHERE l.contract_id = ?1"
    " AND l.cancelled = 0 AND b.bill_date <= ?2 AND b.due_date < ?2 GROUP BY b.due_date)", NULL);
  gint64 sum;

  sqlite3_bind_text (stmt, 1, contract, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, as_of, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  sum = sqlite3_column_int64 (stmt, 0);
  *oldest = sum > 0 ? g_strdup ((const char *) sqlite3_column_text (stmt, 1)) : NULL;
  return MAX (sum, 0);
}

/* The summary schema 18's triggers keep gives what the bills, payments and credit notes
 * give line by line, on every day of the year so far. */
static void
assert_summary_agrees (Fixture *f)
{
  GDate day;

  g_date_set_dmy (&day, 1, 1, 2027);
  for (int i = 0; i < 140; i += 3, g_date_add_days (&day, 3))
    {
      char as_of[11];
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = NULL;

      g_date_strftime (as_of, sizeof as_of, "%Y-%m-%d", &day);
      rows = pw_receivables_space_arrears (f->store, NULL, f->floor1, as_of, NULL, &error);
      g_assert_no_error (error);
      for (guint r = 0; r < rows->len; r++)
        {
          PwSpaceArrears *a = g_ptr_array_index (rows, r);
          g_autofree char *oldest = NULL;

          g_assert_cmpint (a->overdue, ==, owed_by_lines (f, a->contract_id, as_of, &oldest));
          g_assert_cmpstr (a->oldest_due, ==, oldest);
        }
    }
}

static void
add_room (Fixture *f, int n, const char *kind)
{
  g_autofree char *code = g_strdup_printf ("B1-F01-1%02d", n);
  g_autofree char *outline = g_strdup_printf ("{\"outer\":[[%d,0],[%d,0],[%d,5],[%d,5]]}",
                                              n * 12, n * 12 + 10, n * 12 + 10, n * 12);
  PwMutation *m = fixture_space (f, f->floor1, code, kind, 5000, TRUE, NULL, "available");

  pw_mutation_set_string (m, "outline", outline);
  fixture_apply (f, m);
}

static char *
line_of (Fixture *f, const char *customer, const char *period, const char *charge)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
    "SELECT l.id FROM bill_line l JOIN bill b ON b.id = l.bill_id WHERE b.customer_id = ?"
    " AND b.period = ? AND l.charge = ?", NULL);

  sqlite3_bind_text (stmt, 1, customer, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, period, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, charge, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
share_room (Fixture *f, const char *contract, const char *space_code)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO contract_space (id, contract_id, space_id, start_date, end_date, area,"
    " created_at, updated_at) SELECT '%s-' || s.id, '%s', s.id, '2027-01-01', '2027-12-31', 5000,"
    " '2026-12-07', '2026-12-07' FROM space s WHERE s.code = '%s'", contract, contract, space_code);
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_store_exec (f->store, sql, &error));
  g_assert_no_error (error);
}

static void
set_up_park (Fixture *f)
{
  char *customers[G_N_ELEMENTS (names)];
  char *contracts[G_N_ELEMENTS (names)];
  const char *months[] = { "2027-01", "2027-02", "2027-03", "2027-04", "2027-05" };
  const gint64 paid[] = { 5 * BILL, 4 * BILL, 3 * BILL, 0, 3 * BILL + BILL / 2, 4 * BILL };
  g_autoptr(GError) error = NULL;

  for (int n = 1; n <= 8; n++)
    add_room (f, n, "office");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *code = g_strdup_printf ("C-%s", names[i]);
      g_autofree char *space = g_strdup_printf ("B1-F01-1%02u", i + 1);
      g_autofree char *terms = recv_terms (code, space, "100.00", "10.00", "0", 5, "none");

      customers[i] = recv_customer (f, names[i]);
      contracts[i] = recv_lease (f, code, space, customers[i], terms);
    }
  share_room (f, contracts[1], "B1-F01-108");
  share_room (f, contracts[3], "B1-F01-108");
  for (guint m = 0; m < G_N_ELEMENTS (months); m++)
    g_assert_cmpuint (recv_post_and_send (f, months[m]), ==, G_N_ELEMENTS (names));
  /* F's April bill credited whole, before it pays */
  for (guint c = 0; c < 2; c++)
    {
      g_autofree char *line = line_of (f, customers[5], "2027-04", c == 0 ? "rent" : "pm");
      g_autofree char *id = pw_credit_note_add (f->store, line, "credit", 0, "service failure",
                                                "2027-05-05", NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (id);
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (paid[i] > 0)
        {
          char *payment = recv_pay (f, customers[i], "2027-05-10", paid[i], NULL);

          if (i == 2)
            {
              g_free (payment_of_c);
              payment_of_c = payment;
            }
          else
            g_free (payment);
        }
      g_free (customers[i]);
      g_free (contracts[i]);
    }
}

static PwPlanFloor *
load_floor (Fixture *f, const char *as_of)
{
  g_autoptr(GError) error = NULL;
  PwPlanFloor *floor = pw_plan_floor_load (f->store, f->park, "B1-F01", &error);

  g_assert_no_error (error);
  g_assert_nonnull (floor);
  g_assert_true (pw_plan_floor_load_arrears (floor, f->store, as_of, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pw_plan_floor_get_arrears_date (floor), ==, as_of);
  g_assert_cmpstr (pw_plan_floor_get_currency (floor), ==, "CNY");
  return floor;
}

static const char *
class_of (PwPlanFloor *floor, PwPlanColoring *c, const char *code)
{
  int i = pw_plan_floor_find_code (floor, code);

  g_assert_cmpint (i, >=, 0);
  return g_array_index (c->classes, PwPlanClass, c->room_class[i]).label;
}

static PwPlanRoom *
room_of (PwPlanFloor *floor, const char *code)
{
  int i = pw_plan_floor_find_code (floor, code);

  g_assert_cmpint (i, >=, 0);
  return pw_plan_floor_get_room (floor, (guint) i);
}

static const PwPlanClass *
class_named (PwPlanColoring *c, const char *label)
{
  for (guint k = 0; k < c->classes->len; k++)
    if (g_str_equal (g_array_index (c->classes, PwPlanClass, k).label, label))
      return &g_array_index (c->classes, PwPlanClass, k);
  g_assert_not_reached ();
  return NULL;
}

static void
assert_room (PwPlanFloor *floor, PwPlanColoring *c, const char *code, const char *label,
             guint holders, gint64 overdue, gint64 days)
{
  PwPlanRoom *room = room_of (floor, code);

  g_assert_cmpstr (class_of (floor, c, code), ==, label);
  g_assert_cmpuint (room->n_holders, ==, holders);
  g_assert_cmpint (room->overdue, ==, overdue);
  g_assert_cmpint (room->overdue_days, ==, days);
}

static void
assert_class (PwPlanColoring *c, const char *label, guint count, gint64 overdue)
{
  const PwPlanClass *cls = class_named (c, label);

  g_assert_cmpuint (cls->count, ==, count);
  g_assert_cmpint (cls->overdue, ==, overdue);
}

static void
test_classes (Fixture *f, gconstpointer data)
{
  g_autoptr(PwPlanFloor) floor = NULL;
  g_autoptr(PwPlanColoring) c = NULL;
  g_autoptr(PwPlanColoring) early = NULL;
  g_autoptr(PwPlanColoring) undone = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *legend = NULL, *tooltip = NULL, *paid_up = NULL;

  set_up_park (f);
  floor = load_floor (f, AS_OF);
  c = pw_plan_coloring_new (floor, PW_PLAN_LENS_ARREARS, AS_OF);
  g_assert_cmpstr (c->currency, ==, "CNY");
  assert_room (floor, c, "B1-F01-101", "No overdue", 1, 0, 0);
  assert_room (floor, c, "B1-F01-102", "Overdue 1–30 days", 1, BILL, 15);
  assert_room (floor, c, "B1-F01-103", "Overdue 31–90 days", 1, 2 * BILL, 45);
  assert_room (floor, c, "B1-F01-104", "Overdue over 90 days", 1, 5 * BILL, 135);
  /* E's ¥2,750.00 went on April's rent first (principal, oldest first): half April
   * and all of May are open, aged from April's due date */
  assert_room (floor, c, "B1-F01-105", "Overdue 31–90 days", 1, BILL / 2 + BILL, 45);
  /* the credit notes cleared F's April: its payment paid the other four */
  assert_room (floor, c, "B1-F01-106", "No overdue", 1, 0, 0);
  assert_room (floor, c, "B1-F01-107", "Vacant or not leased", 0, 0, 0);
  assert_room (floor, c, "B1-F01-108", "Overdue over 90 days", 2, BILL + 5 * BILL, 135);

  /* each contract counted once, on the first room it holds: the shared room adds nothing */
  assert_class (c, "No overdue", 2, 0);
  assert_class (c, "Overdue 1–30 days", 1, BILL);
  assert_class (c, "Overdue 31–90 days", 2, 2 * BILL + BILL / 2 + BILL);
  assert_class (c, "Overdue over 90 days", 2, 5 * BILL);
  assert_class (c, "Vacant or not leased", 1, 0);
  legend = pw_plan_class_legend_text (c, class_named (c, "Overdue 31–90 days"));
  g_assert_cmpstr (legend, ==, "Overdue 31–90 days (2) · ¥19,250.00");
  tooltip = pw_plan_room_describe_arrears (floor, room_of (floor, "B1-F01-105"));
  g_assert_cmpstr (tooltip, ==, "Overdue ¥8,250.00, oldest 45 days");
  paid_up = pw_plan_room_describe_arrears (floor, room_of (floor, "B1-F01-106"));
  g_assert_cmpstr (paid_up, ==, "No overdue");
  g_assert_null (pw_plan_room_describe_arrears (floor, room_of (floor, "B1-F01-107")));

  /* the core's rows: one per space and contract, by space, then contract code */
  rows = pw_receivables_space_arrears (f->store, NULL, NULL, AS_OF, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 8);

  /* as of 2027-04-20 nobody had paid: A owes January to April (4 bills, 109 days) and
   * F's April is not credited yet */
  g_clear_pointer (&floor, pw_plan_floor_unref);
  floor = load_floor (f, "2027-04-20");
  early = pw_plan_coloring_new (floor, PW_PLAN_LENS_ARREARS, "2027-04-20");
  assert_room (floor, early, "B1-F01-101", "Overdue over 90 days", 1, 4 * BILL, 109);
  assert_room (floor, early, "B1-F01-106", "Overdue over 90 days", 1, 4 * BILL, 109);
  assert_class (early, "Overdue over 90 days", 7, 6 * 4 * BILL);

  /* the summary agrees with the lines on every day; and still once C's payment is undone
   * (its allocations cancelled): C owes all five months again */
  assert_summary_agrees (f);
  g_assert_true (pw_payment_undo (f->store, payment_of_c, &error));
  g_assert_no_error (error);
  g_clear_pointer (&payment_of_c, g_free);
  assert_summary_agrees (f);
  g_assert_true (pw_plan_floor_load_arrears (floor, f->store, AS_OF, &error));
  g_assert_no_error (error);
  undone = pw_plan_coloring_new (floor, PW_PLAN_LENS_ARREARS, AS_OF);
  assert_room (floor, undone, "B1-F01-103", "Overdue over 90 days", 1, 5 * BILL, 135);

  /* a date that is not one is refused */
  g_assert_false (pw_plan_floor_load_arrears (floor, f->store, "2027-02-30", &error));
  g_assert_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_INPUT);
}

/* The mean colour of a room's middle, in the image: patterns average out. */
static void
mean_rgb (cairo_surface_t *s, const PwPlanView *view, PwPlanRoom *room, double rgb[3])
{
  double x0 = room->x0 + 2, y0 = room->y0 + 1.5, x1 = room->x1 - 2, y1 = room->y1 - 1.5;
  const guint8 *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);
  guint n = 0;

  pw_plan_view_to_device (view, &x0, &y0);
  pw_plan_view_to_device (view, &x1, &y1);
  rgb[0] = rgb[1] = rgb[2] = 0;
  for (int y = (int) y0; y < (int) y1; y++)
    for (int x = (int) x0; x < (int) x1; x++)
      {
        guint32 p = ((const guint32 *) (data + y * stride))[x];

        rgb[0] += (p >> 16) & 0xFF;
        rgb[1] += (p >> 8) & 0xFF;
        rgb[2] += p & 0xFF;
        n++;
      }
  g_assert_cmpuint (n, >, 100);
  for (int k = 0; k < 3; k++)
    rgb[k] /= n;
}

static double
distance (const double a[3], const double b[3])
{
  return fabs (a[0] - b[0]) + fabs (a[1] - b[1]) + fabs (a[2] - b[2]);
}

static void
test_render (Fixture *f, gconstpointer data)
{
  const char *codes[] = { "B1-F01-101", "B1-F01-102", "B1-F01-103", "B1-F01-104", "B1-F01-107" };
  g_autoptr(PwPlanFloor) floor = NULL;
  g_autoptr(PwPlanColoring) c = NULL;

  set_up_park (f);
  floor = load_floor (f, AS_OF);
  c = pw_plan_coloring_new (floor, PW_PLAN_LENS_ARREARS, AS_OF);
  for (int dark = 0; dark <= 1; dark++)
    {
      cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1200, 200);
      cairo_t *cr = cairo_create (s);
      PwPlanStyle style;
      PwPlanView view;
      double x0, y0, x1, y1, rgb[G_N_ELEMENTS (codes)][3], same[3], other[3];

      pw_plan_style_init (&style);
      style.dark = dark;
      style.labels = 0;
      cairo_set_source_rgb (cr, dark ? 0.1 : 1, dark ? 0.1 : 1, dark ? 0.1 : 1);
      cairo_paint (cr);
      g_assert_true (pw_plan_floor_get_bounds (floor, &x0, &y0, &x1, &y1));
      pw_plan_view_fit (&view, x0, y0, x1, y1, 1200, 200, 10);
      pw_plan_draw_rooms (cr, floor, c, &view, &style);
      cairo_surface_flush (s);
      for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
        mean_rgb (s, &view, room_of (floor, codes[i]), rgb[i]);
      /* every class looks different from every other, in either style */
      for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
        for (guint j = i + 1; j < G_N_ELEMENTS (codes); j++)
          g_assert_cmpfloat (distance (rgb[i], rgb[j]), >, 30);
      /* and rooms of one class alike: A and F are both paid up, C and E 31–90 days */
      mean_rgb (s, &view, room_of (floor, "B1-F01-106"), same);
      g_assert_cmpfloat (distance (rgb[0], same), <, 3);
      mean_rgb (s, &view, room_of (floor, "B1-F01-105"), other);
      g_assert_cmpfloat (distance (rgb[2], other), <, 3);
      cairo_destroy (cr);
      cairo_surface_destroy (s);
    }
}

static JsonObject *
room_json (JsonArray *rooms, const char *code)
{
  for (guint i = 0; i < json_array_get_length (rooms); i++)
    {
      JsonObject *o = json_array_get_object_element (rooms, i);

      if (g_str_equal (json_object_get_string_member (o, "code"), code))
        return o;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_cli (Fixture *f, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *png = g_build_filename (f->dir, "arrears.png", NULL);
  JsonObject *root, *room;
  JsonArray *classes;
  gint64 total = 0;

  set_up_park (f);
  g_assert_cmpint (run_cli (&run, "plan", "lens", "--db", f->path, "--floor", "B1-F01",
                            "--lens", "arrears", "--date", AS_OF, "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "lens"), ==, "arrears");
  g_assert_cmpstr (json_object_get_string_member (root, "date"), ==, AS_OF);
  g_assert_cmpstr (json_object_get_string_member (root, "currency"), ==, "CNY");
  room = room_json (json_object_get_array_member (root, "rooms"), "B1-F01-103");
  g_assert_cmpstr (json_object_get_string_member (room, "class"), ==, "Overdue 31–90 days");
  g_assert_cmpstr (json_object_get_string_member (room, "tenant"), ==, "C");
  g_assert_cmpint (json_object_get_int_member (room, "overdue"), ==, 2 * BILL);
  g_assert_cmpint (json_object_get_int_member (room, "overdue_days"), ==, 45);
  room = room_json (json_object_get_array_member (root, "rooms"), "B1-F01-108");
  g_assert_cmpint (json_object_get_int_member (room, "contracts"), ==, 2);
  classes = json_object_get_array_member (root, "classes");
  for (guint i = 0; i < json_array_get_length (classes); i++)
    total += json_object_get_int_member (json_array_get_object_element (classes, i), "overdue");
  /* B, C, D and E once each */
  g_assert_cmpint (total, ==, BILL + 2 * BILL + 5 * BILL + BILL / 2 + BILL);

  /* the text form: the legend with amounts, then each room */
  g_assert_cmpint (run_cli (&run, "plan", "lens", "--db", f->path, "--floor", "B1-F01",
                            "--lens", "arrears", "--date", AS_OF, NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, "Overdue over 90 days (2) · ¥27,500.00"));
  g_assert_nonnull (strstr (run.out, "B1-F01-104\tOverdue over 90 days\tD\tOverdue ¥27,500.00, oldest 135 days"));

  g_assert_cmpint (run_cli (&run, "plan", "render", "--db", f->path, "--floor", "B1-F01",
                            "--lens", "arrears", "--date", AS_OF, "--size", "600x300",
                            "--out", png, NULL), ==, 0);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  g_unlink (png);
  g_assert_cmpint (run_cli (&run, "plan", "lens", "--db", f->path, "--floor", "B1-F01",
                            "--lens", "debts", NULL), ==, 2);
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  cli_path = argc > 1 ? argv[1] : NULL;
  g_test_add ("/plan/arrears/classes", Fixture, NULL, fixture_set_up, test_classes, fixture_tear_down);
  g_test_add ("/plan/arrears/render", Fixture, NULL, fixture_set_up, test_render, fixture_tear_down);
  if (cli_path != NULL)
    g_test_add ("/plan/arrears/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  {
    int status = g_test_run ();

    g_free (payment_of_c);
    return status;
  }
}
