/* test-demo.c — the demo park: complete, consistent, drawn to scale and repeatable
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "pw-customer.h"
#include "pw-bill-run.h"
#include "pw-demo.h"
#include "pw-equipment.h"
#include "pw-lease.h"
#include "pw-geometry.h"
#include "pw-ledger.h"
#include "pw-park-seller.h"
#include "pw-receivables.h"
#include "pw-summary.h"
#include "pw-uscc.h"

typedef struct {
  char    *dir;
  char    *path;
  PwStore *store;
} Fixture;

static PwStore *
open_store (Fixture *f, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  PwStore *store = pw_store_open (path, &error);

  g_assert_no_error (error);
  pw_ledger_attach (store);
  return store;
}

/* The demo park is seeded once into a template (it takes a year of bill runs), and
 * each test gets a copy of it; /demo/deterministic seeds a second one itself. */
static char *template_dir;

static void
copy_file (const char *from, const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_test (from, G_FILE_TEST_EXISTS))
    return;
  g_file_get_contents (from, &data, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, data, (gssize) length, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  static const char *const suffixes[] = { "", "-wal" };
  g_autoptr(GError) error = NULL;

  if (template_dir == NULL)
    {
      Fixture t = { 0 };

      t.dir = template_dir = g_dir_make_tmp ("parkwise-demo-template-XXXXXX", &error);
      g_assert_no_error (error);
      t.store = open_store (&t, "demo.db");
      pw_demo_seed (t.store, &error);
      g_assert_no_error (error);
      g_clear_object (&t.store);
    }
  f->dir = g_dir_make_tmp ("parkwise-demo-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (template_dir, "/demo.db", suffixes[i], NULL);
      g_autofree char *to = g_strconcat (f->dir, "/demo.db", suffixes[i], NULL);

      copy_file (from, to);
    }
  f->store = open_store (f, "demo.db");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static sqlite3_stmt *
query (PwStore *store, const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = pw_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  return stmt;
}

static gint64
query_int (PwStore *store, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = query (store, sql);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Distinct values of the first column, each checked against its vocabulary. */
static GHashTable *
query_set (PwStore *store, const char *sql, int (*lookup) (const char *))
{
  g_autoptr(sqlite3_stmt) stmt = query (store, sql);
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, 0);
      if (lookup != NULL)
        g_assert_cmpint (lookup (value), >=, 0);
      g_hash_table_add (set, g_strdup (value));
    }
  return set;
}

static void
test_counts (Fixture *f, gconstpointer data)
{
  static const char *const building_kinds[] = { "office", "workshop", "warehouse", "parking" };
  g_autoptr(GHashTable) kinds = NULL;
  g_autoptr(GHashTable) space_kinds = NULL;
  g_autoptr(GHashTable) statuses = NULL;
  g_autoptr(sqlite3_stmt) park = NULL;

  park = query (f->store, "SELECT code, name, code_pattern, currency FROM park");
  g_assert_cmpint (sqlite3_step (park), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (park, 0), ==, pw_demo_park_code ());
  g_assert_cmpstr ((const char *) sqlite3_column_text (park, 1), ==, "Lakeside Science Park");
  g_assert_cmpstr ((const char *) sqlite3_column_text (park, 2), ==, "{building}-{floor}-{seq:3}");
  g_assert_cmpstr ((const char *) sqlite3_column_text (park, 3), ==, "CNY");
  g_assert_cmpint (sqlite3_step (park), ==, SQLITE_DONE);

  g_assert_cmpint (pw_store_count (f->store, "building"), >=, 3);
  kinds = query_set (f->store, "SELECT kind FROM building", pw_building_kind_from_string);
  for (guint i = 0; i < G_N_ELEMENTS (building_kinds); i++)
    g_assert_true (g_hash_table_contains (kinds, building_kinds[i]));

  g_assert_cmpint (pw_store_count (f->store, "floor"), >=, 25);
  g_assert_cmpint (pw_store_count (f->store, "space"), >=, 500);

  space_kinds = query_set (f->store, "SELECT DISTINCT kind FROM space", pw_space_kind_from_string);
  g_assert_cmpuint (g_hash_table_size (space_kinds), ==, PW_N_SPACE_KINDS);
  statuses = query_set (f->store, "SELECT DISTINCT status FROM space",
                        pw_space_status_from_string);
  g_assert_cmpuint (g_hash_table_size (statuses), >=, 5);

  /* Basement levels are negative, and every level appears once per building. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM floor WHERE level < 0"), >=, 1);
  g_assert_cmpint (query_int (f->store,
                              "SELECT count(*) FROM (SELECT building_id, level FROM floor"
                              " GROUP BY building_id, level HAVING count(*) > 1)"), ==, 0);

  g_assert_cmpint (pw_store_count (f->store, "equipment"), >=, 12);

  /* every item has its original value, in fen of the park's currency */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) items = pw_equipment_load_all (f->store, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (items->len, ==, pw_store_count (f->store, "equipment"));
    for (guint i = 0; i < items->len; i++)
      {
        PwEquipment *item = g_ptr_array_index (items, i);

        g_assert_cmpint (pw_equipment_get_original_value (item), >, 0);
        g_assert_cmpstr (pw_equipment_get_currency (item), ==, "CNY");
      }
    /* plausible prices: a fire pump from ¥60,000, a chiller up to ¥2.5 million */
    g_assert_cmpint (query_int (f->store, "SELECT min (original_value) FROM equipment"), >=,
                     6000000);
    g_assert_cmpint (query_int (f->store, "SELECT max (original_value) FROM equipment"), <=,
                     250000000);
  }
}

static void
test_codes (Fixture *f, gconstpointer data)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = 0;

  stmt = query (f->store,
                "SELECT s.code, b.code, fl.code FROM space s JOIN floor fl ON fl.id = s.floor_id"
                " JOIN building b ON b.id = fl.building_id");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *b = g_regex_escape_string ((const char *) sqlite3_column_text (stmt, 1), -1);
      g_autofree char *fl = g_regex_escape_string ((const char *) sqlite3_column_text (stmt, 2), -1);
      g_autofree char *re = g_strdup_printf ("^%s-%s-[0-9]{3}$", b, fl);

      if (!g_regex_match_simple (re, code, 0, 0))
        g_error ("%s does not follow %s", code, re);
      g_assert_true (g_hash_table_add (seen, g_strdup (code)));
      n++;
    }
  g_assert_cmpuint (n, ==, pw_store_count (f->store, "space"));

  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT code) FROM equipment"), ==,
                   pw_store_count (f->store, "equipment"));
  g_assert_cmpint (query_int (f->store,
                              "SELECT count(*) FROM equipment e JOIN space s ON s.id = e.space_id"
                              " WHERE s.kind <> 'machine_room' OR s.floor_id <> e.floor_id"), ==, 0);
}

typedef struct {
  PwPolygon *polygon;
  double     x0, y0, x1, y1;
} Piece;

/* The outlines of one floor tile its bounding rectangle: areas add up, and every
 * sample point lies in exactly one outline (no gap, no overlap). */
static void
check_floor (const char *floor, GArray *pieces)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  gint64 sum = 0, rect;
  guint holes = 0;

  for (guint i = 0; i < pieces->len; i++)
    {
      Piece *p = &g_array_index (pieces, Piece, i);
      x0 = MIN (x0, p->x0);
      y0 = MIN (y0, p->y0);
      x1 = MAX (x1, p->x1);
      y1 = MAX (y1, p->y1);
      sum += pw_polygon_area_centi (p->polygon);
      holes += pw_polygon_get_n_holes (p->polygon);
    }
  rect = (gint64) ((x1 - x0) * (y1 - y0) * 100.0 + 0.5);
  if (ABS (sum - rect) > (gint64) pieces->len)
    g_error ("floor %s: outlines cover %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT,
             floor, sum, rect);

  /* Edges lie on whole decimetres; the samples never do. */
  for (double y = y0 + 0.23; y < y1; y += 0.5)
    for (double x = x0 + 0.27; x < x1; x += 0.5)
      {
        guint hits = 0;

        for (guint i = 0; i < pieces->len; i++)
          {
            Piece *p = &g_array_index (pieces, Piece, i);
            if (x > p->x0 && x < p->x1 && y > p->y0 && y < p->y1
                && pw_polygon_contains (p->polygon, x, y))
              hits++;
          }
        if (hits != 1)
          g_error ("floor %s: (%.2f, %.2f) lies in %u outlines", floor, x, y, hits);
      }
}

static void
clear_piece (gpointer data)
{
  pw_polygon_free (((Piece *) data)->polygon);
}

static void
test_outlines (Fixture *f, gconstpointer data)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  g_autofree char *floor = NULL;
  guint n_floors = 0, n_holes = 0;

  g_array_set_clear_func (pieces, clear_piece);
  stmt = query (f->store,
                "SELECT b.code || '-' || fl.code, s.outline, s.internal_area, s.code"
                " FROM space s JOIN floor fl ON fl.id = s.floor_id"
                " JOIN building b ON b.id = fl.building_id ORDER BY fl.id, s.code");
  for (int rc = sqlite3_step (stmt); ; rc = sqlite3_step (stmt))
    {
      const char *this_floor = rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0)
                                                : NULL;
      g_autoptr(GError) error = NULL;
      Piece piece;

      if (floor != NULL && g_strcmp0 (floor, this_floor) != 0)
        {
          check_floor (floor, pieces);
          g_array_set_size (pieces, 0);
          n_floors++;
        }
      if (rc != SQLITE_ROW)
        break;
      g_free (floor);
      floor = g_strdup (this_floor);

      g_assert_nonnull (sqlite3_column_text (stmt, 1));
      piece.polygon = pw_polygon_new_from_json ((const char *) sqlite3_column_text (stmt, 1),
                                                &error);
      g_assert_no_error (error);
      pw_polygon_validate (piece.polygon, &error);
      g_assert_no_error (error);
      pw_polygon_bounds (piece.polygon, &piece.x0, &piece.y0, &piece.x1, &piece.y1);
      n_holes += pw_polygon_get_n_holes (piece.polygon);
      /* The recorded area is the drawn area, rounded once. */
      if (pw_polygon_area_centi (piece.polygon) != sqlite3_column_int64 (stmt, 2))
        g_error ("%s: internal area %" G_GINT64_FORMAT " but outline %" G_GINT64_FORMAT,
                 sqlite3_column_text (stmt, 3), (gint64) sqlite3_column_int64 (stmt, 2),
                 pw_polygon_area_centi (piece.polygon));
      g_array_append_val (pieces, piece);
    }
  g_assert_cmpuint (n_floors, ==, pw_store_count (f->store, "floor"));
  g_assert_cmpuint (n_holes, >, 0);
}

static void
test_fields (Fixture *f, gconstpointer data)
{
  /* Areas: usable within internal, gross at least internal, common areas gross = internal;
   * rooms lose 7–12% to their walls (to the hundredth below). */
  g_assert_cmpint (query_int (f->store,
                              "SELECT count(*) FROM space WHERE usable_area > internal_area"
                              " OR gross_area < internal_area OR internal_area <= 0"), ==, 0);
  g_assert_cmpint (query_int (f->store,
                              "SELECT count(*) FROM space WHERE takes_share = 0"
                              " AND gross_area <> internal_area"), ==, 0);
  g_assert_cmpint (query_int (f->store,
                              "SELECT count(*) FROM space WHERE kind NOT IN"
                              " ('parking_bay', 'ad_slot', 'workstation')"
                              " AND ((usable_area + 1) * 100 <= internal_area * 88"
                              " OR usable_area * 100 > internal_area * 93)"), ==, 0);
  /* Flags by kind. */
  g_assert_cmpint (query_int (f->store,
                              "SELECT count(*) FROM space WHERE"
                              " (kind IN ('common_area', 'machine_room') AND leasable <> 0)"
                              " OR (kind NOT IN ('common_area', 'machine_room') AND leasable <> 1)"
                              " OR (kind IN ('parking_bay', 'ad_slot', 'common_area',"
                              "  'machine_room') AND takes_share <> 0)"
                              " OR (kind IN ('office', 'retail', 'workshop', 'warehouse', 'lab',"
                              "  'storage', 'workstation') AND takes_share <> 1)"
                              " OR (pool_level IS NOT NULL AND kind <> 'common_area')"), ==, 0);
  g_assert_cmpint (query_int (f->store,
                              "SELECT count(*) FROM space WHERE pool_level = 'building'"), ==, 2);
  g_assert_cmpint (query_int (f->store,
                              "SELECT count(*) FROM space WHERE kind = 'ad_slot'"
                              " AND internal_area NOT BETWEEN 200 AND 600"), ==, 0);
  g_assert_cmpint (query_int (f->store,
                              "SELECT count(*) FROM space WHERE kind = 'parking_bay'"
                              " AND internal_area <> 1250"), ==, 0);
}

static void
test_history (Fixture *f, gconstpointer data)
{
  /* Every space was created; every status other than available has its history,
   * ending in the status and date on the space. */
  g_assert_cmpint (query_int (f->store,
                              "SELECT count(*) FROM space s WHERE (SELECT count(*)"
                              " FROM lifecycle_event e WHERE e.entity = 'space'"
                              " AND e.entity_id = s.id AND e.event = 'created') <> 1"), ==, 0);
  g_assert_cmpint (query_int (f->store,
                              "SELECT count(*) FROM space s WHERE s.status <> 'available'"
                              " AND NOT EXISTS (SELECT 1 FROM space_status h"
                              "  WHERE h.space_id = s.id AND h.to_status = s.status"
                              "  AND h.effective_date = s.status_since)"), ==, 0);
  /* The park's own history counts from 2026-01-01; a leased space's follows its
   * contract, reserved when it was submitted and leased when it was signed. */
  g_assert_cmpint (query_int (f->store,
                              "SELECT count(*) FROM space_status WHERE reason = ''"
                              " OR (effective_date >= '2026-01-01' AND reason NOT LIKE 'Contract %')"),
                   ==, 0);
  g_assert_cmpint (query_int (f->store,
                              "SELECT count(*) FROM space WHERE status_since IS NULL"
                              " OR (status_since >= '2026-01-01' AND status <> 'leased')"), ==, 0);
  g_assert_cmpint (query_int (f->store,
                              "SELECT count(*) FROM space s JOIN contract_space cs ON cs.space_id = s.id"
                              " JOIN contract c ON c.id = cs.contract_id"
                              " WHERE c.status IN ('signed', 'active', 'expiring')"
                              " AND (s.status_since <> c.signed_date OR NOT EXISTS (SELECT 1"
                              "  FROM space_status h WHERE h.space_id = s.id"
                              "  AND h.to_status = 'leased' AND h.effective_date = c.signed_date"
                              "  AND h.reason = 'Contract ' || c.code || ': Signed'))"), ==, 0);
  g_assert_cmpint (query_int (f->store,
                              "SELECT count(*) FROM space_status WHERE effective_date > date ('now',"
                              " 'localtime')"), ==, 0);
  g_assert_cmpint (query_int (f->store,
                              "SELECT count(*) FROM lifecycle_event WHERE event = 'stocktaken'"),
                   >, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM space WHERE status = 'disposed'"),
                   ==, query_int (f->store,
                                  "SELECT count(*) FROM lifecycle_event WHERE event = 'disposed'"));
}

static void
test_audit (Fixture *f, gconstpointer data)
{
  static const char *const tables[] = {
    "park", "building", "floor", "space", "space_status", "lifecycle_event", "equipment",
    "customer", "contact", "approval_rule", "contract", "contract_version", "contract_space",
    "prospect", "viewing", "quote", "approval", "tariff", "meter", "meter_reading", "meter_loss",
    "bill_run", "bill", "bill_line", "payment", "allocation",
  };
  gint64 records = 0, moves;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    records += pw_store_count (f->store, tables[i]);
  /* Every record was inserted once; a contract then moved along its life-cycle
   * (submitted, approved, signed, active, expiring) and the quotes were submitted
   * and decided, as updates; the park got its two sellers' bank accounts, and each
   * bill was sent, one update each. Schedule lines are derived: no audit, no outbox. */
  moves = query_int (f->store,
                     "SELECT sum (CASE status WHEN 'signed' THEN 3 WHEN 'active' THEN 4"
                     " WHEN 'expiring' THEN 5 END) FROM contract");
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM outbox WHERE op = 'insert'"), ==,
                   records);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM outbox WHERE op = 'update'"
                                        " AND entity = 'contract'"), ==, moves);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM outbox WHERE op = 'update'"
                                        " AND entity = 'bill'"), ==, pw_store_count (f->store, "bill"));
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM outbox WHERE op = 'update'"
                                        " AND entity = 'park'"), ==, 2);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM outbox WHERE op NOT IN ('insert',"
                                        " 'update')"), ==, 0);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, pw_store_count (f->store, "outbox"));
  g_assert_cmpint (query_int (f->store, "SELECT max(mid) - min(mid) + 1 FROM outbox"), ==,
                   pw_store_count (f->store, "outbox"));
  g_assert_cmpint (pw_store_count (f->store, "schedule_line"), >, 0);
}

static void
test_customers (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = pw_customer_list (f->store, NULL, &error);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  guint valid = 0, faulty = 0, cjk = 0, latin = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 25);
  for (guint i = 0; i < list->len; i++)
    {
      JsonObject *row = g_ptr_array_index (list, i);
      const char *name = json_object_get_string_member (row, "name");
      const char *uscc = json_object_get_string_member_with_default (row, "uscc", NULL);
      guint contacts = json_array_get_length (json_object_get_array_member (row, "contacts"));
      g_autoptr(JsonParser) tags = json_parser_new ();

      g_assert_true (g_hash_table_add (names, (gpointer) name));
      if (g_utf8_get_char (name) >= 0x4e00)
        cjk++;
      else
        latin++;
      g_assert_cmpuint (contacts, >=, 1);
      g_assert_cmpuint (contacts, <=, 2);
      g_assert_cmpstr (json_object_get_string_member (row, "industry"), !=, "");
      g_assert_true (json_parser_load_from_data (tags, json_object_get_string_member (row, "tags"),
                                                 -1, NULL));
      g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (tags)));
      g_assert_nonnull (uscc);
      switch (pw_uscc_check (uscc, NULL, NULL))
        {
        case PW_USCC_VALID:
          valid++;
          break;
        case PW_USCC_BAD_CHECK:
          faulty++;
          break;
        default:
          g_assert_not_reached ();
        }
    }
  /* one older code with a wrong check character, for the warning */
  g_assert_cmpuint (valid, ==, 24);
  g_assert_cmpuint (faulty, ==, 1);
  g_assert_cmpuint (cjk, >=, 8);
  g_assert_cmpuint (latin, >=, 8);
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT risk_level) FROM customer"), ==, 3);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contact WHERE email NOT LIKE '%_@_%'"
                                        " OR phone = ''"), ==, 0);
}

static void
test_prices_and_rules (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) park = query (f->store, "SELECT id, list_price, floor_price FROM park");
  g_autoptr(GPtrArray) rules = NULL;
  gint64 list, floor_price;
  guint am = 0, gm = 0;

  g_assert_cmpint (sqlite3_step (park), ==, SQLITE_ROW);
  g_assert_true (pw_leasing_decimal_parse ((const char *) sqlite3_column_text (park, 1),
                                           "list_price", &list, &error));
  g_assert_true (pw_leasing_decimal_parse ((const char *) sqlite3_column_text (park, 2),
                                           "floor_price", &floor_price, &error));
  g_assert_cmpint (floor_price, >, 0);
  g_assert_cmpint (floor_price, <, list);

  rules = pw_approval_rule_list (f->store, (const char *) sqlite3_column_text (park, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, 4);
  for (guint i = 0; i < rules->len; i++)
    {
      JsonObject *rule = g_ptr_array_index (rules, i);
      const char *role = json_object_get_string_member (rule, "approver_role");
      const char *metric = json_object_get_string_member (rule, "metric");
      const char *threshold = json_object_get_string_member (rule, "threshold");
      gboolean discount = g_str_equal (metric, "discount_pct");

      if (g_str_equal (role, "asset_manager"))
        {
          am++;
          g_assert_cmpint (json_object_get_int_member (rule, "level"), ==, 1);
          g_assert_cmpstr (threshold, ==, discount ? "10" : "2");
        }
      else
        {
          gm++;
          g_assert_cmpint (json_object_get_int_member (rule, "level"), ==, 2);
          g_assert_cmpstr (threshold, ==, discount ? "20" : "4");
        }
    }
  g_assert_cmpuint (am, ==, 2);
  g_assert_cmpuint (gm, ==, 2);
}

static void
test_contracts (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = pw_today_iso ();
  g_autofree char *park = NULL;
  g_autoptr(GPtrArray) expiring = NULL;
  g_autoptr(sqlite3_stmt) ids = NULL;
  g_autoptr(GHashTable) held = query_set (f->store,
                                          "SELECT cs.space_id FROM contract_space cs"
                                          " JOIN contract c ON c.id = cs.contract_id"
                                          " WHERE c.status IN ('signed', 'active', 'expiring')",
                                          NULL);
  gint64 leased = query_int (f->store, "SELECT count(*) FROM space WHERE status = 'leased'");

  /* The statuses the park had before it had contracts. */
  g_assert_cmpint (leased, ==, 494);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM space WHERE status = 'available'"),
                   ==, 327);

  /* every contract is running: mostly active, a few signed and starting today, a few
   * expiring */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contract"), >=, 100);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contract WHERE status NOT IN"
                                        " ('signed', 'active', 'expiring')"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contract WHERE status = 'active'"),
                   >=, 100);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contract WHERE status = 'signed'"),
                   >=, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contract WHERE status = 'expiring'"),
                   >=, 3);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contract WHERE customer_id IS NULL"
                                        " OR signed_date IS NULL"), ==, 0);
  /* neighbours share a contract */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contract c WHERE (SELECT count(*)"
                                        " FROM contract_space cs WHERE cs.contract_id = c.id) > 1"),
                   >=, 30);
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT customer_id) FROM contract"), >=, 20);
  /* terms of one to five years, started on different dates */
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT start_date) FROM contract"), >=, 20);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contract WHERE"
                                        " julianday (end_date) - julianday (start_date) < 364"
                                        " OR julianday (end_date) - julianday (start_date) > 1827"),
                   ==, 0);

  /* every leased space is held by exactly one running contract, and only those */
  g_assert_cmpuint (g_hash_table_size (held), ==, leased);
  g_assert_cmpint (query_int (f->store,
                              "SELECT count(*) FROM space s WHERE s.status = 'leased' AND (SELECT"
                              " count(*) FROM contract_space cs JOIN contract c ON c.id ="
                              " cs.contract_id WHERE cs.space_id = s.id AND c.status IN"
                              " ('signed', 'active', 'expiring')) <> 1"), ==, 0);
  g_assert_cmpint (query_int (f->store,
                              "SELECT count(*) FROM contract_space cs JOIN space s ON s.id ="
                              " cs.space_id WHERE s.status <> 'leased'"), ==, 0);
  /* no two contracts hold one space for overlapping dates */
  g_assert_cmpint (query_int (f->store,
                              "SELECT count(*) FROM contract_space a JOIN contract_space b"
                              " ON a.space_id = b.space_id AND a.contract_id < b.contract_id"
                              " AND a.start_date <= b.end_date AND b.start_date <= a.end_date"), ==, 0);
  /* every one is in its term today, signed before; so every leased space shows its
   * tenant on the plan (the contracts holding it today) */
  {
    g_autoptr(sqlite3_stmt) stmt = query (f->store,
                                          "SELECT count(*) FROM contract WHERE end_date < ?1"
                                          " OR start_date > ?1 OR signed_date > ?1"
                                          " OR signed_date > start_date");
    g_autoptr(sqlite3_stmt) tenants = query (f->store,
                                             "SELECT count(*) FROM space s WHERE s.status ="
                                             " 'leased' AND NOT EXISTS (SELECT 1 FROM"
                                             " contract_space cs JOIN contract c ON c.id ="
                                             " cs.contract_id JOIN customer u ON u.id ="
                                             " c.customer_id WHERE cs.space_id = s.id"
                                             " AND cs.start_date <= ?1 AND cs.end_date >= ?1)");

    sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 0);
    sqlite3_bind_text (tenants, 1, today, -1, SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (tenants), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int64 (tenants, 0), ==, 0);
  }

  /* the expiring ones end within 90 days of today, and the lens finds them */
  ids = query (f->store, "SELECT park_id FROM contract LIMIT 1");
  g_assert_cmpint (sqlite3_step (ids), ==, SQLITE_ROW);
  park = g_strdup ((const char *) sqlite3_column_text (ids, 0));
  expiring = pw_lease_list (f->store, park, -1, 90, today, &error);
  g_assert_no_error (error);
  g_assert_cmpint (expiring->len, >=, 3);
  g_assert_cmpint (expiring->len, ==,
                   query_int (f->store, "SELECT count(*) FROM contract WHERE status = 'expiring'"));
  for (guint i = 0; i < expiring->len; i++)
    g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (expiring, i), "status"),
                     ==, "expiring");

  /* terms and schedules: rent-free, escalation, deposits, property fees and per-day
   * and per-month rents all appear; each running contract bills, within policy */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contract_version WHERE terms LIKE"
                                        " '%\"rent_free\"%'"), >, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contract_version WHERE terms LIKE"
                                        " '%\"escalation\":{\"type\":\"fixed\"%'"), >, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contract_version WHERE terms LIKE"
                                        " '%\"unit\":\"m2_day\"%'"), >, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contract_version v,"
                                        " json_each (v.terms, '$.charges') c"
                                        " WHERE json_extract (c.value, '$.kind') = 'rent'"
                                        " AND json_extract (c.value, '$.unit') = 'm2_month'"), >, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contract c WHERE NOT EXISTS"
                                        " (SELECT 1 FROM schedule_line l WHERE l.contract_id = c.id"
                                        " AND l.kind = 'deposit')"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contract c WHERE (SELECT count(*)"
                                        " FROM schedule_line l WHERE l.contract_id = c.id) < 3"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM schedule_line WHERE kind ="
                                        " 'property_fee' OR charge = 'pm'"), >, 0);
  g_clear_pointer (&ids, sqlite3_finalize);
  ids = query (f->store, "SELECT id FROM contract");
  while (sqlite3_step (ids) == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) alerts = pw_lease_alerts (f->store,
                                                     (const char *) sqlite3_column_text (ids, 0),
                                                     &error);
      g_assert_no_error (error);
      g_assert_cmpuint (alerts->len, ==, 0);
    }
}

static void
test_prospects (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) approvals = NULL;
  g_autoptr(GPtrArray) required = NULL;
  g_autoptr(sqlite3_stmt) pending = NULL;
  g_autofree char *pending_id = NULL;

  g_assert_cmpint (pw_store_count (f->store, "prospect"), >=, 4);
  g_assert_cmpint (pw_store_count (f->store, "prospect"), <=, 6);
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT stage) FROM prospect"), >=, 4);
  g_assert_cmpint (pw_store_count (f->store, "viewing"), >=, 4);
  /* viewings and quotes are of spaces that are free to let */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM quote q, json_each (q.spaces) j"
                                        " JOIN space s ON s.id = j.value WHERE s.status <> 'available'"),
                   ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM viewing v, json_each (v.spaces) j"
                                        " LEFT JOIN space s ON s.id = j.value WHERE s.id IS NULL"), ==, 0);

  /* one quote waits for the asset manager */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM quote WHERE status = 'submitted'"),
                   ==, 1);
  pending = query (f->store, "SELECT id FROM quote WHERE status = 'submitted'");
  g_assert_cmpint (sqlite3_step (pending), ==, SQLITE_ROW);
  pending_id = g_strdup ((const char *) sqlite3_column_text (pending, 0));
  approvals = pw_quote_list_approvals (f->store, pending_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (approvals->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (approvals, 0),
                                                  "approver_role"), ==, "asset_manager");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (approvals, 0), "decision"),
                   ==, "pending");
  required = pw_quote_required_approvals (f->store, pending_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (required->len, ==, 1);

  /* one approved by the asset manager, ready for a lease, and none made from it yet */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM quote q WHERE q.status = 'approved'"
                                        " AND EXISTS (SELECT 1 FROM approval a WHERE a.quote_id = q.id"
                                        " AND a.decision = 'approved' AND a.actor IS NOT NULL)"
                                        " AND NOT EXISTS (SELECT 1 FROM approval a WHERE"
                                        " a.quote_id = q.id AND a.decision <> 'approved')"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM contract WHERE quote_id IS NOT NULL"),
                   ==, 0);
  /* one rejected with the asset manager's reason */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM quote q WHERE q.status = 'rejected'"
                                        " AND EXISTS (SELECT 1 FROM approval a WHERE a.quote_id = q.id"
                                        " AND a.decision = 'rejected' AND a.comment <> '')"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM quote WHERE status = 'draft'"), >=, 1);
}

static void
test_ledger (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (f->store, NULL, &error);
  g_autofree char *k = NULL;
  PwAreaSummary summary;
  gint64 pools;
  double vacancy;

  g_assert_no_error (error);
  g_assert_nonnull (spaces);
  g_assert_cmpuint (spaces->len, ==, pw_store_count (f->store, "space"));

  pw_summary_compute (spaces, PW_NODE_PARK, NULL, &summary);
  g_assert_cmpuint (summary.n_spaces, ==, spaces->len);
  g_assert_cmpint (summary.leasable, >, 0);
  vacancy = (double) summary.vacant / (double) summary.leasable;
  k = pw_summary_format_k (&summary);
  g_test_message ("vacancy %.2f%%, K %s", 100.0 * vacancy, k);
  g_assert_cmpfloat (vacancy, >=, 0.05);
  g_assert_cmpfloat (vacancy, <=, 0.40);

  /* Every pool found somebody to share it: the shares add up to the pools. */
  pools = query_int (f->store,
                     "SELECT sum(internal_area) FROM space WHERE pool_level IS NOT NULL"
                     " AND status <> 'disposed'");
  g_assert_cmpint (summary.common, ==, pools);
}

static GString *
fingerprint (PwStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = query (store,
                                        "SELECT code, name, kind, internal_area, gross_area,"
                                        " usable_area, status, status_since, outline"
                                        " FROM space ORDER BY code");
  g_autoptr(sqlite3_stmt) leases = query (store,
                                          "SELECT c.code, c.status, c.start_date, c.end_date,"
                                          " c.signed_date, u.name, u.uscc, v.terms FROM contract c"
                                          " JOIN customer u ON u.id = c.customer_id"
                                          " JOIN contract_version v ON v.contract_id = c.id"
                                          " ORDER BY c.code, v.number");
  GString *out = g_string_new (NULL);

  for (sqlite3_stmt *s = stmt; s != NULL; s = s == stmt ? leases : NULL)
    {
      int n = sqlite3_column_count (s);

      while (sqlite3_step (s) == SQLITE_ROW)
        {
          for (int i = 0; i < n; i++)
            g_string_append_printf (out, "%s|", sqlite3_column_text (s, i));
          g_string_append_c (out, '\n');
        }
    }
  return out;
}

static void
test_deterministic (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) other = open_store (f, "other.db");
  g_autoptr(GString) a = NULL;
  g_autoptr(GString) b = NULL;

  pw_demo_seed (other, &error);
  g_assert_no_error (error);
  a = fingerprint (f->store);
  b = fingerprint (other);
  g_assert_cmpuint (a->len, >, 0);
  g_assert_cmpstr (a->str, ==, b->str);
  g_assert_cmpint (pw_store_count (f->store, "outbox"), ==, pw_store_count (other, "outbox"));
}

static void
test_refuses_second_park (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 outbox = pw_store_count (f->store, "outbox");
  gint64 spaces = pw_store_count (f->store, "space");

  g_assert_false (pw_demo_seed (f->store, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_assert_cmpint (pw_store_count (f->store, "outbox"), ==, outbox);
  g_assert_cmpint (pw_store_count (f->store, "space"), ==, spaces);
  g_assert_cmpint (pw_store_count (f->store, "park"), ==, 1);
}

/* Lakeside Tower's meters (docs/meters.md, "The demo park"): a master with four
 * sub-meters and a meter of common use, one time-of-use meter, one tiered water meter,
 * thirteen month-end readings each, and a bill run of last month that bills every
 * tenant's meter and the shares of the loss with no meter problem. */
static void
test_meters (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBillRun) run = NULL;
  g_autofree char *today = pw_today_iso ();
  g_autofree char *period = NULL;
  g_autofree char *park_id = NULL;
  unsigned y = 0, m = 0;
  guint consumption = 0, loss = 0;

  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM meter WHERE master_id ="
                                        " (SELECT id FROM meter WHERE code = 'E-T1-MAIN')"), ==, 5);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM meter WHERE common = 1"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM meter WHERE registers <> '[]'"
                                        " AND tariff = 'E-TOU'"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM meter WHERE kind = 'water'"
                                        " AND tariff = 'W-TIER'"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM meter_reading"), ==, 7 * 13);
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT meter_id) FROM meter_reading"),
                   ==, 7);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM meter_reading WHERE date > date ('now',"
                                        " 'localtime')"), ==, 0);

  sscanf (today, "%4u-%2u", &y, &m);
  if (--m == 0)
    m = 12, y--;
  period = g_strdup_printf ("%04u-%02u", y, m);
  {
    g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, "SELECT id FROM park", NULL);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    park_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }
  /* the demo posted last month already: a run finds no meter problem and nothing new */
  run = pw_bill_run_preview (f->store, park_id, period, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < run->problems->len; i++)
    {
      PwBillRunProblem *p = g_ptr_array_index (run->problems, i);

      g_assert_false (g_str_has_prefix (p->source, "meter:"));
    }
  for (guint i = 0; i < run->bills->len; i++)
    {
      PwBillRunBill *b = g_ptr_array_index (run->bills, i);

      for (guint j = 0; j < b->lines->len; j++)
        g_assert_false (g_str_has_prefix (((PwBillRunLine *) b->lines->pdata[j])->source,
                                          "meter:"));
    }
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT l.source, l.gross FROM bill_line l JOIN bill b ON b.id = l.bill_id"
      " WHERE b.period = '%s' AND l.source LIKE 'meter:%%' AND l.cancelled = 0", period);
    g_autoptr(sqlite3_stmt) stmt = query (f->store, sql);

    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *source = (const char *) sqlite3_column_text (stmt, 0);

        if (g_str_has_prefix (source, "meter:consumption/"))
          consumption++;
        else if (g_str_has_prefix (source, "meter:loss/"))
          loss++;
        g_assert_cmpint (sqlite3_column_int64 (stmt, 1), >, 0);
      }
  }
  /* four tenants' electricity and one water meter; the loss shared by the four */
  g_assert_cmpuint (consumption, ==, 5);
  g_assert_cmpuint (loss, ==, 4);
}

/* A year of billing (docs/receivables.md, "The demo park"): twelve runs, one per
 * complete month before this one, bills numbered without gaps and all sent, most
 * paid on time and some late, late fees billed, one customer more than 90 days in
 * arrears and others overdue, and every ledger's balance the bills less the credits
 * and payments. */
static void
test_billing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) ageing = NULL;
  g_autoptr(PwLetterhead) head = NULL;
  g_autofree char *today = pw_today_iso ();
  g_autofree char *park_id = NULL;
  g_autofree char *first = NULL, *last = NULL;
  JsonArray *rows;
  guint over_90 = 0, overdue = 0, n_customers = 0;
  unsigned y = 0, m = 0;
  GDate d;

  {
    g_autoptr(sqlite3_stmt) stmt = query (f->store, "SELECT id FROM park");

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    park_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }
  /* the sellers' bank accounts */
  head = pw_letterhead_load (f->store, park_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      const PwParkSeller *seller = pw_letterhead_find_seller (head, i ? "PM" : "LL");

      g_assert_nonnull (seller);
      g_assert_cmpstr (seller->bank, !=, "");
      g_assert_cmpstr (seller->account, !=, "");
    }

  /* twelve runs: the twelve months before this one */
  sscanf (today, "%4u-%2u", &y, &m);
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 1, m, y);
  g_date_subtract_months (&d, 1);
  last = g_strdup_printf ("%04u-%02u", g_date_get_year (&d), g_date_get_month (&d));
  g_date_subtract_months (&d, 11);
  first = g_strdup_printf ("%04u-%02u", g_date_get_year (&d), g_date_get_month (&d));
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM bill_run"), ==, 12);
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT period) FROM bill_run"), ==, 12);
  {
    g_autoptr(sqlite3_stmt) stmt = query (f->store, "SELECT min(period), max(period) FROM bill_run");

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, first);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, last);
  }
  /* every run billed something, metered charges each month, all sent */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM bill_run r WHERE NOT EXISTS"
                                        " (SELECT 1 FROM bill b WHERE b.run_id = r.id)"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT b.period) FROM bill b JOIN bill_line l"
                                        " ON l.bill_id = b.id WHERE l.source LIKE 'meter:%'"), ==, 12);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM bill WHERE status <> 'sent'"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM bill"), >, 100);
  /* numbers per seller and year run 1, 2, … without gaps */
  g_assert_cmpint (query_int (f->store,
    "SELECT count(*) FROM (SELECT seller, substr (number, -11, 4) AS year, count(*) AS n,"
    " min (CAST (substr (number, -6) AS INTEGER)) AS lo,"
    " max (CAST (substr (number, -6) AS INTEGER)) AS hi FROM bill GROUP BY seller, year)"
    " WHERE lo <> 1 OR hi <> n"), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT seller) FROM bill"), ==, 2);

  /* payments: most before the due date, some after it */
  {
    gint64 on_time = query_int (f->store, "SELECT count(*) FROM payment p JOIN bill b"
                                          " ON b.number = p.reference WHERE p.paid_on <= b.due_date");
    gint64 late = query_int (f->store, "SELECT count(*) FROM payment p JOIN bill b"
                                       " ON b.number = p.reference WHERE p.paid_on > b.due_date");

    g_assert_cmpint (late, >, 0);
    g_assert_cmpint (on_time, >, 2 * late);
    g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM payment WHERE paid_on >"
                                          " date ('now', 'localtime')"), ==, 0);
  }
  /* late fees were billed by the runs that followed */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM bill_line WHERE charge = 'late_fee'"
                                        " AND kind = 'penalty' AND gross > 0"), >, 0);

  /* ageing today: one customer more than 90 days overdue, others overdue too */
  ageing = pw_receivables_ageing (f->store, park_id, today, "customer", &error);
  g_assert_no_error (error);
  rows = json_object_get_array_member (ageing, "rows");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonArray *b = json_object_get_array_member (json_array_get_object_element (rows, i),
                                                   "buckets");

      if (json_array_get_int_element (b, 4) > 0)
        over_90++;
      if (json_array_get_int_element (b, 1) + json_array_get_int_element (b, 2)
          + json_array_get_int_element (b, 3) + json_array_get_int_element (b, 4) > 0)
        overdue++;
    }
  g_assert_cmpuint (over_90, ==, 1);
  g_assert_cmpuint (overdue, >=, 3);

  /* each customer's ledger: balance = bills − credits − payments, from the records */
  {
    g_autoptr(sqlite3_stmt) stmt = query (f->store,
      "SELECT cu.id, (SELECT coalesce (sum (l.gross), 0) FROM bill b JOIN bill_line l"
      "  ON l.bill_id = b.id WHERE b.customer_id = cu.id AND b.status <> 'cancelled'"
      "  AND l.cancelled = 0),"
      " (SELECT coalesce (sum (p.amount), 0) FROM payment p WHERE p.customer_id = cu.id"
      "  AND p.status = 'recorded'),"
      " (SELECT coalesce (sum (n.gross), 0) FROM credit_note n JOIN bill_line l"
      "  ON l.id = n.bill_line_id JOIN bill b ON b.id = l.bill_id WHERE b.customer_id = cu.id"
      "  AND n.status = 'approved')"
      " FROM customer cu WHERE EXISTS (SELECT 1 FROM bill b WHERE b.customer_id = cu.id)");

    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        g_autoptr(JsonObject) ledger = pw_receivables_ledger (f->store, park_id,
                                                              (const char *) sqlite3_column_text (stmt, 0),
                                                              &error);
        gint64 bills = sqlite3_column_int64 (stmt, 1);
        gint64 paid = sqlite3_column_int64 (stmt, 2);
        gint64 credits = sqlite3_column_int64 (stmt, 3);

        g_assert_no_error (error);
        g_assert_cmpint (json_object_get_int_member (ledger, "bills"), ==, bills);
        g_assert_cmpint (json_object_get_int_member (ledger, "payments"), ==, paid);
        g_assert_cmpint (json_object_get_int_member (ledger, "credits"), ==, credits);
        g_assert_cmpint (json_object_get_int_member (ledger, "balance"), ==, bills - credits - paid);
        n_customers++;
      }
  }
  g_assert_cmpuint (n_customers, >, 10);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/demo/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("counts", test_counts);
  ADD ("codes", test_codes);
  ADD ("outlines", test_outlines);
  ADD ("fields", test_fields);
  ADD ("history", test_history);
  ADD ("audit", test_audit);
  ADD ("customers", test_customers);
  ADD ("prices-and-rules", test_prices_and_rules);
  ADD ("contracts", test_contracts);
  ADD ("prospects", test_prospects);
  ADD ("ledger", test_ledger);
  ADD ("deterministic", test_deterministic);
  ADD ("refuses-second-park", test_refuses_second_park);
  ADD ("meters", test_meters);
  ADD ("billing", test_billing);
#undef ADD

  status = g_test_run ();
  if (template_dir != NULL)
    {
      static const char *const suffixes[] = { "", "-wal", "-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *path = g_strconcat (template_dir, "/demo.db", suffixes[i], NULL);

          g_unlink (path);
        }
      g_rmdir (template_dir);
      g_free (template_dir);
    }
  return status;
}
