/* schedule-test-util.h — building contracts and finding lines in tests
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <string.h>

#include "pw-contract.h"
#include "pw-schedule.h"

/* Contracts are written with ' for " so they read as JSON inside C strings. */
#define HEAD "'id':'T-1','currency':'CNY','parties':{'landlord':'L','tenant':'T'}," \
  "'sellers':[{'code':'LL','name':'Landlord'},{'code':'PM','name':'Manager'}]," \
  "'spaces':[{'code':'S1','area':'100.00'}]," \
  "'tax_codes':[{'code':'v9','rate':'0.09'},{'code':'v6','rate':'0.06'}]"
/* 100.00 m² at 3.0000/m²/day: 300.00 a day, 9,125.00 a standard month (× 365/12) */
#define RENT "'code':'rent','kind':'rent','seller':'LL','unit':'m2_day','unit_price':'3.0000'," \
  "'spaces':['S1']"
#define YEAR_2025 "'signed':'2025-01-01','start':'2025-01-01','end':'2025-12-31'"

static inline char *
unquote (const char *text)
{
  char *json = g_strdup (text);

  for (char *p = json; *p; p++)
    if (*p == '\'')
      *p = '"';
  return json;
}

static inline PwContract *
contract_of (const char *text)
{
  g_autofree char *json = unquote (text);
  g_autoptr(GError) error = NULL;
  PwContract *c = pw_contract_parse (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c;
}

static inline PwSchedule *
schedule_of (const char *text)
{
  g_autoptr(PwContract) c = contract_of (text);
  g_autoptr(GError) error = NULL;
  PwSchedule *s = pw_schedule_compute (c, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

static inline char *
date_iso (const GDate *d)
{
  char buf[16];

  g_date_strftime (buf, sizeof buf, "%Y-%m-%d", d);
  return g_strdup (buf);
}

/* The line of @charge and @kind that starts on @start; fails the test when there is none. */
static inline PwScheduleLine *
find_line (PwSchedule *s, const char *charge, PwLineKind kind, const char *start)
{
  for (guint i = 0; i < s->lines->len; i++)
    {
      PwScheduleLine *l = s->lines->pdata[i];
      g_autofree char *a = date_iso (&l->start);

      if (g_str_equal (l->charge, charge) && l->kind == kind && g_str_equal (a, start))
        return l;
    }
  g_error ("no %s line of %s starting %s", pw_line_kind_to_string (kind), charge, start);
  return NULL;
}

static inline guint
count_lines (PwSchedule *s, const char *charge, PwLineKind kind)
{
  guint n = 0;

  for (guint i = 0; i < s->lines->len; i++)
    {
      PwScheduleLine *l = s->lines->pdata[i];
      n += g_str_equal (l->charge, charge) && l->kind == kind;
    }
  return n;
}

/* The charge line of @charge over [@start, @end] has @gross minor units. */
static inline PwScheduleLine *
assert_line (PwSchedule *s, const char *charge, const char *start, const char *end, gint64 gross)
{
  PwScheduleLine *l = find_line (s, charge, PW_LINE_CHARGE, start);
  g_autofree char *e = date_iso (&l->end);

  g_assert_cmpstr (e, ==, end);
  g_assert_cmpint (l->gross, ==, gross);
  return l;
}

static inline gint64
sum_gross (PwSchedule *s, const char *charge, PwLineKind kind)
{
  gint64 sum = 0;

  for (guint i = 0; i < s->lines->len; i++)
    {
      PwScheduleLine *l = s->lines->pdata[i];
      if (g_str_equal (l->charge, charge) && l->kind == kind)
        sum += l->gross;
    }
  return sum;
}
