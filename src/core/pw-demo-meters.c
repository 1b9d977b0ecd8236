/* pw-demo-meters.c — the demo park's meters, tariffs and a year of readings
 * (docs/meters.md, "The demo park")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lakeside Tower (T1) gets a master meter E-T1-MAIN (CT 100/5: multiplier 20) with
 * a sub-meter on each of its first four leased rooms (one of them time-of-use),
 * a meter of common use, and a loss shared by area; the first leased room also has
 * a water meter on monthly tiers. Readings are taken on the last day of each of the
 * twelve months before the current one (thirteen readings, twelve intervals), from
 * fixed figures, so the demo is the same every time it is seeded in a month.
 *
 * Invariants:
 *   1. Every reading rises and stays within the validators' history rule.
 *   2. The master counts 4 % more than its sub-meters and common use: the loss is
 *      positive every month. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "pw-demo-private.h"
#include "pw-ledger.h"
#include "pw-meter.h"

#define N_SUBS 4

static gboolean
tariff (PwStore *store, const char *park_id, const char *json, const char *rate, GError **error)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autofree char *id = pw_tariff_add (store, park_id, json_node_get_object (node), rate, error);

  return id != NULL;
}

static gboolean
meter (PwStore *store, const char *park_id, const char *json, GError **error)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autofree char *id = pw_meter_add (store, park_id, json_node_get_object (node), error);

  return id != NULL;
}

static gboolean
read_meter (PwStore *store, const char *park_id, const char *code, const char *date,
            const char *values, GError **error)
{
  g_autoptr(JsonNode) node = json_from_string (values, NULL);
  g_autofree char *id = pw_meter_reading_add (store, park_id, code, date,
                                              json_node_get_object (node), FALSE, FALSE,
                                              PW_READING_FROM_HAND, error);

  return id != NULL;
}

/* kWh of sub-meter @i in calendar month @month: more in summer and winter */
static gint64
monthly_use (guint i, guint month)
{
  gint64 base = 800 + 150 * (gint64) i;

  if (month >= 6 && month <= 9)
    return base * 13 / 10;
  if (month == 12 || month <= 2)
    return base * 115 / 100;
  return base;
}

typedef struct {
  char   *code;
  char   *customer;
  gint64  area;   /* hundredths of a m² */
} Room;

static void
room_clear (Room *r)
{
  g_free (r->code);
  g_free (r->customer);
}

static guint
leased_rooms (PwStore *store, const char *park_id, Room *rooms, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT s.code, c.customer_id, s.gross_area FROM contract_space cs"
    " JOIN contract c ON c.id = cs.contract_id JOIN space s ON s.id = cs.space_id"
    " JOIN floor f ON f.id = s.floor_id JOIN building b ON b.id = f.building_id"
    " WHERE b.code = 'T1' AND c.park_id = ? AND c.customer_id IS NOT NULL"
    " AND c.status IN ('signed', 'active', 'expiring') GROUP BY s.id ORDER BY s.code LIMIT 4",
    error);
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return G_MAXUINT;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && n < N_SUBS)
    {
      rooms[n].code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rooms[n].customer = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      rooms[n].area = sqlite3_column_int64 (stmt, 2);
      n++;
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      pw_store_set_error (store, error, rc, _("reading the demo park’s leases"));
      return G_MAXUINT;
    }
  return n;
}

static gboolean
add_meters (PwStore *store, const char *park_id, Room *rooms, guint n, GError **error)
{
  if (!tariff (store, park_id, "{\"code\": \"E-FLAT\", \"from\": \"2025-01-01\", \"kind\": \"flat\","
               " \"price\": \"0.8500\", \"tax_code\": \"vat13\"}", "0.13", error)
      || !tariff (store, park_id, "{\"code\": \"E-TOU\", \"from\": \"2025-01-01\","
                  " \"kind\": \"time_of_use\", \"tax_code\": \"vat13\", \"seasons\": ["
                  " {\"name\": \"summer\", \"months\": [6, 7, 8, 9], \"prices\":"
                  "  {\"peak\": \"1.2100\", \"flat\": \"0.7800\", \"valley\": \"0.3600\"}},"
                  " {\"name\": \"winter\", \"months\": [1, 2, 3, 4, 5, 10, 11, 12], \"prices\":"
                  "  {\"peak\": \"1.0850\", \"flat\": \"0.7500\", \"valley\": \"0.3500\"}}]}",
                  "0.13", error)
      || !tariff (store, park_id, "{\"code\": \"W-TIER\", \"from\": \"2025-01-01\","
                  " \"kind\": \"tiered\", \"basis\": \"monthly\", \"tax_code\": \"vat9\","
                  " \"tiers\": [{\"up_to\": \"10\", \"price\": \"4.2000\"},"
                  " {\"up_to\": \"30\", \"price\": \"5.3000\"}, {\"price\": \"7.1000\"}]}",
                  "0.09", error)
      || !meter (store, park_id, "{\"code\": \"E-T1-MAIN\", \"kind\": \"electricity\","
                 " \"location\": \"T1\", \"ct\": \"100/5\", \"digits\": 7, \"decimals\": 2,"
                 " \"tariff\": \"E-FLAT\", \"route_order\": 1}", error)
      || !meter (store, park_id, "{\"code\": \"E-T1-COMMON\", \"kind\": \"electricity\","
                 " \"location\": \"T1\", \"master\": \"E-T1-MAIN\", \"common\": true,"
                 " \"digits\": 7, \"route_order\": 2}", error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *spec = g_strdup_printf (
        "{\"code\": \"E-%s\", \"kind\": \"electricity\", \"location\": \"%s\","
        " \"spaces\": [\"%s\"], \"customer\": \"%s\", \"master\": \"E-T1-MAIN\","
        " \"area\": \"%" G_GINT64_FORMAT ".%02d\", \"digits\": 7, \"route_order\": %u,"
        " \"tariff\": \"%s\"%s}",
        rooms[i].code, rooms[i].code, rooms[i].code, rooms[i].customer, rooms[i].area / 100,
        (int) (rooms[i].area % 100), 10 + i, i == 0 ? "E-TOU" : "E-FLAT",
        i == 0 ? ", \"registers\": [\"peak\", \"flat\", \"valley\"]" : "");

      if (!meter (store, park_id, spec, error))
        return FALSE;
    }
  if (n > 0)
    {
      g_autofree char *spec = g_strdup_printf (
        "{\"code\": \"W-%s\", \"kind\": \"water\", \"location\": \"%s\", \"spaces\": [\"%s\"],"
        " \"customer\": \"%s\", \"digits\": 6, \"decimals\": 1, \"route_order\": 30,"
        " \"tariff\": \"W-TIER\"}", rooms[0].code, rooms[0].code, rooms[0].code,
        rooms[0].customer);

      if (!meter (store, park_id, spec, error))
        return FALSE;
    }
  return pw_meter_loss_set (store, park_id, "E-T1-MAIN", "area", NULL, error);
}

static gboolean
add_readings (PwStore *store, const char *park_id, Room *rooms, guint n, GError **error)
{
  g_autofree char *today = pw_today_iso ();
  gint64 sub[N_SUBS] = { 0 }, tou[3] = { 0 }, common = 0, water = 0, master = 0;
  unsigned y = 2026, mo = 1, d = 1;
  GDate date;

  if (sscanf (today, "%4u-%2u-%2u", &y, &mo, &d) != 3 || !g_date_valid_dmy (d, mo, y))
    y = 2026, mo = 1;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, mo, y);
  g_date_subtract_months (&date, 13);
  for (guint k = 0; k <= 12; k++)
    {
      guint month = g_date_get_month (&date);
      guint year = g_date_get_year (&date);
      g_autofree char *iso = g_strdup_printf ("%04u-%02u-%02u", year, month,
                                              g_date_get_days_in_month (month, year));
      g_autofree char *v = NULL;
      gint64 total = 0;

      if (k > 0)
        {
          for (guint i = 0; i < n; i++)
            {
              gint64 use = monthly_use (i, month);

              sub[i] += use;
              total += use;
              if (i == 0)
                {
                  tou[0] += use * 35 / 100;
                  tou[1] += use * 40 / 100;
                  tou[2] += use - use * 35 / 100 - use * 40 / 100;
                }
            }
          common += 300 + 10 * (month % 3);
          total += 300 + 10 * (month % 3);
          water += 12 + (month * 7) % 15;
          /* the master: 4 % more, in hundredths of its dial (multiplier 20) */
          master += (total * 104 + 10) / 20;
        }
      else
        {
          for (guint i = 0; i < n; i++)
            sub[i] = 10000 + 1000 * i;
          tou[0] = 3500, tou[1] = 4000, tou[2] = 2500;
          common = 5000;
          water = 100;
          master = 500000;
        }
      v = g_strdup_printf ("{\"total\": \"%" G_GINT64_FORMAT ".%02d\"}", master / 100,
                           (int) (master % 100));
      if (!read_meter (store, park_id, "E-T1-MAIN", iso, v, error))
        return FALSE;
      g_free (v);
      v = g_strdup_printf ("{\"total\": \"%" G_GINT64_FORMAT "\"}", common);
      if (!read_meter (store, park_id, "E-T1-COMMON", iso, v, error))
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *code = g_strdup_printf ("E-%s", rooms[i].code);

          g_free (v);
          v = i == 0
            ? g_strdup_printf ("{\"total\": \"%" G_GINT64_FORMAT "\", \"peak\": \"%" G_GINT64_FORMAT
                               "\", \"flat\": \"%" G_GINT64_FORMAT "\", \"valley\": \"%"
                               G_GINT64_FORMAT "\"}", tou[0] + tou[1] + tou[2], tou[0], tou[1],
                               tou[2])
            : g_strdup_printf ("{\"total\": \"%" G_GINT64_FORMAT "\"}", sub[i]);
          if (!read_meter (store, park_id, code, iso, v, error))
            return FALSE;
        }
      if (n > 0)
        {
          g_autofree char *code = g_strdup_printf ("W-%s", rooms[0].code);

          g_free (v);
          v = g_strdup_printf ("{\"total\": \"%" G_GINT64_FORMAT "\"}", water);
          if (!read_meter (store, park_id, code, iso, v, error))
            return FALSE;
        }
      g_date_add_months (&date, 1);
    }
  return TRUE;
}

gboolean
pw_demo_seed_meters (PwStore *store, const char *park_id, GError **error)
{
  Room rooms[N_SUBS] = { { 0 } };
  guint n;
  gboolean ok;

  if (!pw_store_begin (store, error))
    return FALSE;
  n = leased_rooms (store, park_id, rooms, error);
  ok = n != G_MAXUINT && add_meters (store, park_id, rooms, n, error)
       && add_readings (store, park_id, rooms, n, error);
  for (guint i = 0; i < N_SUBS; i++)
    room_clear (&rooms[i]);
  if (!ok)
    {
      pw_store_rollback (store);
      return FALSE;
    }
  return pw_store_commit (store, error);
}
