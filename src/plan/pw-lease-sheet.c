/* pw-lease-sheet.c — a contract as a printable PDF
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "pw-date.h"
#include "pw-area.h"
#include "pw-contract.h"
#include "pw-i18n.h"
#include "pw-lease-sheet.h"
#include "pw-lease.h"
#include "pw-ledger.h"
#include "pw-ledger-rooms.h"
#include "pw-money.h"
#include "pw-plan-floor.h"
#include "pw-plan-render.h"
#include "pw-schedule.h"
#include "pw-text.h"

/* A4 portrait in points, with 2 cm margins */
#define PAGE_W PW_LEASE_SHEET_PAGE_WIDTH
#define PAGE_H PW_LEASE_SHEET_PAGE_HEIGHT
#define MARGIN 56.0

/* Pages are drawn once, each onto a recording surface, so that a PDF file and a
 * printer (any cairo context) get the same pages. */
struct _PwLeaseSheet
{
  GPtrArray   *pages;   /* cairo_surface_t, recording surfaces of PAGE_W × PAGE_H */
};

typedef struct
{
  cairo_t     *cr;
  PangoLayout *layout;
  double       y;
  int          page;
  GPtrArray   *pages;
} Sheet;

static void
sheet_font (Sheet *s, const char *desc)
{
  PangoFontDescription *font = pango_font_description_from_string (desc);

  pango_layout_set_font_description (s->layout, font);
  pango_font_description_free (font);
}

static void
new_page (Sheet *s)
{
  cairo_rectangle_t extents = { 0, 0, PAGE_W, PAGE_H };
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);

  g_clear_pointer (&s->cr, cairo_destroy);
  s->cr = cairo_create (surface);
  g_ptr_array_add (s->pages, surface);
  if (s->layout == NULL)
    {
      s->layout = pango_cairo_create_layout (s->cr);
      pango_layout_set_wrap (s->layout, PANGO_WRAP_WORD_CHAR);
    }
  else
    pango_cairo_update_layout (s->cr, s->layout);
  cairo_set_source_rgb (s->cr, 0.1, 0.1, 0.12);
  s->page++;
  s->y = MARGIN;
}

/* Writes @text at @x with @width (wrapping), moving down unless @keep_line. */
static double
text_at (Sheet *s, const char *text, double x, double width, gboolean keep_line)
{
  int w, h;

  pango_layout_set_width (s->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_text (s->layout, text, -1);
  pango_layout_get_pixel_size (s->layout, &w, &h);
  if (s->y + h > PAGE_H - MARGIN)
    new_page (s);
  cairo_move_to (s->cr, x, s->y);
  pango_cairo_show_layout (s->cr, s->layout);
  if (!keep_line)
    s->y += h;
  return h;
}

static void
heading (Sheet *s, const char *text)
{
  s->y += 10;
  sheet_font (s, "Sans Bold 11");
  text_at (s, text, MARGIN, PAGE_W - 2 * MARGIN, FALSE);
  s->y += 4;
  sheet_font (s, "Sans 9");
}

/* Writes one cell that must not break inside a word (a date, an amount, a
 * code): on one line when it fits, else broken only after " – " (a period's
 * two dates on two lines); right-aligned when @right. Returns its height. */
static double
text_cell_unbroken (Sheet *s, const char *text, double x, double width, gboolean right)
{
  g_autofree char *broken = NULL;
  int w, h;

  pango_layout_set_width (s->layout, -1);
  pango_layout_set_alignment (s->layout, PANGO_ALIGN_LEFT);
  pango_layout_set_text (s->layout, text, -1);
  pango_layout_get_pixel_size (s->layout, &w, &h);
  if (w > width && strstr (text, " – ") != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (text, " – ", 2);

      broken = g_strconcat (parts[0], " –\n", parts[1], NULL);
      pango_layout_set_text (s->layout, broken, -1);
      pango_layout_get_pixel_size (s->layout, &w, &h);
    }
  if (s->y + h > PAGE_H - MARGIN)
    new_page (s);
  cairo_move_to (s->cr, right ? x + MAX (0.0, width - w) : x, s->y);
  pango_cairo_show_layout (s->cr, s->layout);
  return h;
}

/* A row of @n cells; the cells whose bit is set in @unbroken never break
 * inside a word (dates, amounts, codes), the others wrap in their column. */
static void
table_row (Sheet *s, const char *const *cells, const double *widths, guint n, guint unbroken)
{
  double x = MARGIN, h = 0;

  for (guint i = 0; i < n; i++)
    {
      gboolean right = i >= n - 3 && n > 4;
      const char *text = cells[i] ? cells[i] : "";

      if (unbroken & (1u << i))
        h = MAX (h, text_cell_unbroken (s, text, x, widths[i] - 6, right));
      else
        {
          pango_layout_set_alignment (s->layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
          h = MAX (h, text_at (s, text, x, widths[i] - 6, TRUE));
        }
      x += widths[i];
    }
  pango_layout_set_alignment (s->layout, PANGO_ALIGN_LEFT);
  s->y += h + 2;
}

static const char *
unit_label (PwPriceUnit unit)
{
  switch (unit)
    {
    case PW_PRICE_UNIT_M2_DAY:
      return _("per m² a day");
    case PW_PRICE_UNIT_M2_MONTH:
      return _("per m² a month");
    case PW_PRICE_UNIT_MONTH:
    default:
      return _("a month");
    }
}

/* The contract's row, current terms and the floors and space ids it leases. */
static gboolean
load (PwStore *store, const char *contract_id, JsonObject **contract_row, char **terms,
      GHashTable *spaces_by_floor, GError **error)
{
  g_autoptr(GPtrArray) floors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) spaces = g_ptr_array_new_with_free_func (g_free);

  *contract_row = pw_store_get_row (store, "contract", contract_id, error);
  if (*contract_row == NULL)
    return FALSE;
  *terms = pw_ledger_contract_current_terms (store, contract_id, error);
  if (*terms == NULL
      || !pw_ledger_contract_spaces (store, contract_id, floors, spaces, error))
    return FALSE;
  for (guint i = 0; i < floors->len; i++)
    {
      GPtrArray *ids = g_hash_table_lookup (spaces_by_floor, floors->pdata[i]);

      if (ids == NULL)
        {
          ids = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (spaces_by_floor, g_strdup (floors->pdata[i]), ids);
        }
      g_ptr_array_add (ids, g_strdup (spaces->pdata[i]));
    }
  return TRUE;
}

/* The floor @floor_id of its park as a plan, titled "Building · Floor". */
static PwPlanFloor *
plan_floor (PwStore *store, const char *floor_id, GError **error)
{
  g_autofree char *title = NULL, *park_id = NULL;

  if (!pw_ledger_floor_title (store, floor_id, &title, &park_id, error))
    return NULL;
  return pw_plan_floor_load (store, park_id, title, error);
}

void
pw_lease_sheet_free (PwLeaseSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_ptr_array_unref (sheet->pages);
  g_free (sheet);
}

PwLeaseSheet *
pw_lease_sheet_new (PwStore *store, const char *contract_id, GError **error)
{
  g_autoptr(JsonObject) row = NULL;
  g_autofree char *terms = NULL;
  g_autoptr(GHashTable) spaces_by_floor = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                                 (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(PwContract) contract = NULL;
  g_autoptr(PwSchedule) schedule = NULL;
  g_autoptr(PwLeaseSheet) sheet = NULL;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  Sheet s = { 0 };
  GHashTableIter iter;
  gpointer key, value;

  if (!load (store, contract_id, &row, &terms, spaces_by_floor, error))
    return NULL;
  contract = pw_contract_parse (terms, -1, error);
  if (contract == NULL)
    return NULL;
  schedule = pw_lease_compute_schedule (contract, error);
  if (schedule == NULL)
    return NULL;

  sheet = g_new0 (PwLeaseSheet, 1);
  sheet->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  s.pages = sheet->pages;
  new_page (&s);

  /* title and parties */
  {
    g_autofree char *title = NULL, *start = pw_date_format_iso_new (&contract->start), *end = pw_date_format_iso_new (&contract->end);
    g_autofree char *signed_on = pw_date_format_iso_new (&contract->signed_on), *line = NULL;

    sheet_font (&s, "Sans Bold 16");
    /* TRANSLATORS: the title of a contract document; %s is the contract's code */
    title = g_strdup_printf (_("Lease contract %s"), json_object_get_string_member (row, "code"));
    text_at (&s, title, MARGIN, PAGE_W - 2 * MARGIN, FALSE);
    s.y += 6;
    sheet_font (&s, "Sans 10");
    line = g_strdup_printf (_("Landlord: %s"), contract->landlord);
    text_at (&s, line, MARGIN, PAGE_W - 2 * MARGIN, FALSE);
    g_free (line);
    line = g_strdup_printf (_("Tenant: %s"), contract->tenant);
    text_at (&s, line, MARGIN, PAGE_W - 2 * MARGIN, FALSE);
    g_free (line);
    /* TRANSLATORS: the term of a lease and the day it was signed */
    line = g_strdup_printf (_("Term: %s to %s · signed %s · %s"), start, end, signed_on,
                            contract->currency);
    text_at (&s, line, MARGIN, PAGE_W - 2 * MARGIN, FALSE);
  }

  /* spaces */
  heading (&s, _("Spaces"));
  for (guint i = 0; i < contract->spaces->len; i++)
    {
      PwContractSpace *sp = g_ptr_array_index (contract->spaces, i);
      g_autofree char *area = pw_area_format_with_unit (sp->area, FALSE);
      const char *cells[] = { sp->code, area, pw_area_basis_label (sp->basis) };
      const double widths[] = { 180, 140, 163 };

      table_row (&s, cells, widths, 3, 0x3);
    }

  /* charges */
  heading (&s, _("Charges"));
  for (guint i = 0; i < contract->charges->len; i++)
    {
      PwCharge *ch = g_ptr_array_index (contract->charges, i);
      g_autofree char *price = pw_decimal_to_string (ch->unit_price);
      g_autofree char *how = NULL;
      const PwSeller *seller = pw_contract_find_seller (contract, ch->seller);

      /* TRANSLATORS: a charge of a contract: code, kind, unit price and unit, every N months, seller */
      how = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s (%s): %s %s, billed every %u month, from %s",
                                          "%s (%s): %s %s, billed every %u months, from %s",
                                          ch->frequency_months),
                             pw_charge_label (ch->code), pw_charge_label (ch->kind), price,
                             unit_label (ch->unit), ch->frequency_months,
                             seller != NULL && seller->name != NULL && *seller->name != '\0'
                             ? seller->name : pw_seller_label (ch->seller));
      text_at (&s, how, MARGIN, PAGE_W - 2 * MARGIN, FALSE);
    }
  for (guint i = 0; i < contract->free_periods->len; i++)
    {
      PwFreePeriod *f = g_ptr_array_index (contract->free_periods, i);
      g_autofree char *a = pw_date_format_iso_new (&f->start), *b = pw_date_format_iso_new (&f->end), *line = NULL;

      line = f->fit_out ? g_strdup_printf (_("Fit-out period %s to %s"), a, b)
                        : g_strdup_printf (_("Rent-free period %s to %s"), a, b);
      text_at (&s, line, MARGIN, PAGE_W - 2 * MARGIN, FALSE);
    }

  /* schedule */
  heading (&s, _("Charge schedule"));
  {
    const double widths[] = { 62, 76, 125, 75, 70, 75 };
    const char *head[] = { C_("schedule", "Bill date"), C_("schedule", "Charge"),
                           C_("schedule", "Period"), C_("schedule", "Gross"), C_("schedule", "Net"),
                           C_("schedule", "Tax") };

    sheet_font (&s, "Sans Bold 8");
    table_row (&s, head, widths, 6, 0);
    sheet_font (&s, "Sans 8");
    for (guint i = 0; i < schedule->lines->len; i++)
      {
        PwScheduleLine *l = g_ptr_array_index (schedule->lines, i);
        g_autofree char *bill = pw_date_format_iso_new (&l->bill_date), *a = pw_date_format_iso_new (&l->start);
        g_autofree char *b = pw_date_format_iso_new (&l->end), *period = g_strdup_printf ("%s – %s", a, b);
        g_autofree char *gross = pw_money_format_amount (l->gross, contract->currency);
        g_autofree char *net = pw_money_format_amount (l->net, contract->currency);
        g_autofree char *tax = pw_money_format_amount (l->tax, contract->currency);
        const char *cells[] = { bill, pw_charge_label (l->charge), period, gross, net, tax };

        /* dates and amounts stay whole; a period breaks only between its dates */
        table_row (&s, cells, widths, 6, 0x3d);
      }
    sheet_font (&s, "Sans Bold 8");
    {
      g_autofree char *gross = pw_money_format (schedule->gross, contract->currency, PW_CURRENCY_CODE);
      g_autofree char *net = pw_money_format (schedule->net, contract->currency, PW_CURRENCY_CODE);
      g_autofree char *tax = pw_money_format (schedule->tax, contract->currency, PW_CURRENCY_CODE);
      g_autofree char *deposit = pw_money_format (schedule->deposit, contract->currency,
                                                  PW_CURRENCY_CODE);
      const char *cells[] = { _("Total"), "", "", gross, net, tax };
      g_autofree char *dep = g_strdup_printf (_("Deposit: %s"), deposit);

      table_row (&s, cells, widths, 6, 0x38);
      sheet_font (&s, "Sans 9");
      text_at (&s, dep, MARGIN, PAGE_W - 2 * MARGIN, FALSE);
    }
  }

  /* the floors, with the leased rooms outlined */
  g_hash_table_iter_init (&iter, spaces_by_floor);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(PwPlanFloor) floor = plan_floor (store, key, &local);
      g_autoptr(PwPlanColoring) coloring = NULL;
      g_autoptr(GArray) selection = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autofree char *today = pw_today_iso ();
      GPtrArray *ids = value;
      PwPlanStyle style;
      PwPlanPage page = { 0 };

      if (floor == NULL || pw_plan_floor_get_n_rooms (floor) == 0)
        continue;
      for (guint i = 0; i < ids->len; i++)
        {
          int index = pw_plan_floor_find_space (floor, g_ptr_array_index (ids, i));

          if (index >= 0)
            g_array_append_val (selection, index);
        }
      coloring = pw_plan_coloring_new (floor, PW_PLAN_LENS_STATUS, today);
      pw_plan_style_init (&style);
      style.pixel = 72.0 / 96.0;
      page.title = pw_plan_floor_get_title (floor);
      page.date = today;
      page.selection = selection;
      cairo_matrix_init_identity (&page.background_to_plan);
      new_page (&s);
      cairo_save (s.cr);
      cairo_translate (s.cr, MARGIN / 2, MARGIN);
      pw_plan_draw_page (s.cr, floor, coloring, &page, &style, PAGE_W - MARGIN, (PAGE_W - MARGIN) * 0.75);
      cairo_restore (s.cr);
    }

  g_object_unref (s.layout);
  cairo_destroy (s.cr);
  for (guint i = 0; i < sheet->pages->len && status == CAIRO_STATUS_SUCCESS; i++)
    status = cairo_surface_status (g_ptr_array_index (sheet->pages, i));
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_RENDER, _("Could not draw the contract: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_steal_pointer (&sheet);
}

guint
pw_lease_sheet_get_n_pages (PwLeaseSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, 0);
  return sheet->pages->len;
}

void
pw_lease_sheet_draw_page (PwLeaseSheet *sheet, cairo_t *cr, guint page)
{
  g_return_if_fail (sheet != NULL);
  g_return_if_fail (page < sheet->pages->len);

  cairo_save (cr);
  cairo_set_source_surface (cr, g_ptr_array_index (sheet->pages, page), 0, 0);
  cairo_rectangle (cr, 0, 0, PAGE_W, PAGE_H);
  cairo_fill (cr);
  cairo_restore (cr);
}

gboolean
pw_lease_sheet_export (PwStore *store, const char *contract_id, const char *path, GError **error)
{
  g_autoptr(PwLeaseSheet) sheet = pw_lease_sheet_new (store, contract_id, error);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (sheet == NULL)
    return FALSE;
  surface = cairo_pdf_surface_create (path, PAGE_W, PAGE_H);
  cr = cairo_create (surface);
  for (guint i = 0; i < sheet->pages->len; i++)
    {
      pw_lease_sheet_draw_page (sheet, cr, i);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_RENDER, _("Could not write the contract to %s: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
