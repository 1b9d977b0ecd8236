/* test-demo.c — the demo park: complete, consistent, drawn to scale and repeatable
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "pw-demo.h"
#include "pw-equipment.h"
#include "pw-geometry.h"
#include "pw-ledger.h"
#include "pw-summary.h"

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

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("parkwise-demo-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = open_store (f, "demo.db");
  pw_demo_seed (f->store, &error);
  g_assert_no_error (error);
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
  g_assert_cmpint (query_int (f->store,
                              "SELECT count(*) FROM space_status WHERE effective_date >= '2026-01-01'"
                              " OR reason = ''"), ==, 0);
  g_assert_cmpint (query_int (f->store,
                              "SELECT count(*) FROM space WHERE status_since IS NULL"
                              " OR status_since >= '2026-01-01'"), ==, 0);
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
    "park", "building", "floor", "space", "space_status", "lifecycle_event", "equipment"
  };
  gint64 records = 0;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    records += pw_store_count (f->store, tables[i]);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, records);
  g_assert_cmpint (pw_store_count (f->store, "outbox"), ==, records);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM outbox WHERE op <> 'insert'"), ==, 0);
  /* One transaction: the mutation numbers run without a gap. */
  g_assert_cmpint (query_int (f->store, "SELECT max(mid) - min(mid) + 1 FROM outbox"), ==, records);
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
  GString *out = g_string_new (NULL);
  int n = sqlite3_column_count (stmt);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < n; i++)
        g_string_append_printf (out, "%s|", sqlite3_column_text (stmt, i));
      g_string_append_c (out, '\n');
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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/demo/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("counts", test_counts);
  ADD ("codes", test_codes);
  ADD ("outlines", test_outlines);
  ADD ("fields", test_fields);
  ADD ("history", test_history);
  ADD ("audit", test_audit);
  ADD ("ledger", test_ledger);
  ADD ("deterministic", test_deterministic);
  ADD ("refuses-second-park", test_refuses_second_park);
#undef ADD

  return g_test_run ();
}
