/* pw-bill-notice.c — payment notices (缴费通知单) (docs/billing.md, "Payment notices")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each page is drawn once onto a recording surface, so that a PDF file and a printer
 * (any cairo context) get the same pages; beside it the page keeps the text it drew,
 * which tests and callers can read back without parsing the PDF. */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "pw-bill-notice.h"
#include "pw-bill.h"
#include "pw-decimal.h"
#include "pw-i18n.h"
#include "pw-money.h"
#include "pw-park-seller.h"
#include "pw-plan-error.h"
#include "pw-row.h"

#define PAGE_W PW_BILL_NOTICE_PAGE_WIDTH
#define PAGE_H PW_BILL_NOTICE_PAGE_HEIGHT
#define MARGIN 56.0
#define TEXT_W (PAGE_W - 2 * MARGIN)

struct _PwBillNotice
{
  GPtrArray *pages;   /* cairo_surface_t, recording surfaces of PAGE_W × PAGE_H */
  GPtrArray *texts;   /* char *, what each page says */
  char      *title;   /* the bill numbers, for the PDF's metadata */
};

typedef struct
{
  cairo_t     *cr;
  PangoLayout *layout;
  double       y;
  GPtrArray   *pages;
  GPtrArray   *texts;
  const char  *continued;  /* the bill number a page that goes on from another repeats */
} Sheet;

static void
sheet_font (Sheet *s, const char *desc)
{
  PangoFontDescription *font = pango_font_description_from_string (desc);

  pango_layout_set_font_description (s->layout, font);
  pango_font_description_free (font);
}

static GString *
page_text (Sheet *s)
{
  return g_ptr_array_index (s->texts, s->texts->len - 1);
}

static double text_at (Sheet *s, const char *text, double x, double width, gboolean keep_line);

static void
new_page (Sheet *s)
{
  cairo_rectangle_t extents = { 0, 0, PAGE_W, PAGE_H };
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);

  g_clear_pointer (&s->cr, cairo_destroy);
  s->cr = cairo_create (surface);
  g_ptr_array_add (s->pages, surface);
  g_ptr_array_add (s->texts, g_string_new (NULL));
  if (s->layout == NULL)
    {
      s->layout = pango_cairo_create_layout (s->cr);
      pango_layout_set_wrap (s->layout, PANGO_WRAP_WORD_CHAR);
    }
  else
    pango_cairo_update_layout (s->cr, s->layout);
  cairo_set_source_rgb (s->cr, 0.1, 0.1, 0.12);
  s->y = MARGIN;
  if (s->continued != NULL)
    {
      /* Translators: at the top of a notice's next page; %s is the bill's number */
      g_autofree char *line = g_strdup_printf (_("Payment notice %s (continued)"), s->continued);
      PangoFontDescription *font = pango_font_description_copy (pango_layout_get_font_description (s->layout));

      sheet_font (s, "Sans Bold 10");
      text_at (s, line, MARGIN, TEXT_W, FALSE);
      s->y += 8;
      pango_layout_set_font_description (s->layout, font);
      pango_font_description_free (font);
    }
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
  g_string_append (page_text (s), text);
  g_string_append_c (page_text (s), '\n');
  if (!keep_line)
    s->y += h;
  return h;
}

static void
rule (Sheet *s)
{
  s->y += 4;
  cairo_save (s->cr);
  cairo_set_line_width (s->cr, 0.6);
  cairo_move_to (s->cr, MARGIN, s->y);
  cairo_line_to (s->cr, PAGE_W - MARGIN, s->y);
  cairo_stroke (s->cr);
  cairo_restore (s->cr);
  s->y += 6;
}

/* Sets @text in the layout as one cell: unbroken (a code, a date, an amount), or
 * broken only after " – " (a period's two dates on two lines) when it does not
 * fit @width; the charge column (@wrap) wraps at words. */
static void
set_cell (Sheet *s, const char *text, double width, gboolean wrap, int *w, int *h)
{
  pango_layout_set_width (s->layout, wrap ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_text (s->layout, text, -1);
  pango_layout_get_pixel_size (s->layout, w, h);
  if (!wrap && *w > width && strstr (text, " – ") != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (text, " – ", 2);
      g_autofree char *broken = g_strconcat (parts[0], " –\n", parts[1], NULL);

      pango_layout_set_text (s->layout, broken, -1);
      pango_layout_get_pixel_size (s->layout, w, h);
    }
}

/* A row of cells: the second wraps, the last three are right-aligned amounts.
 * Moves to a new page first when the row does not fit. */
static void
table_row (Sheet *s, const char *const *cells, const double *widths, guint n)
{
  double x = MARGIN, h = 0;
  int w, ch;

  /* measure first, so that a row never straddles two pages */
  for (guint i = 0; i < n; i++)
    {
      set_cell (s, cells[i] ? cells[i] : "", widths[i] - 6, i == 1, &w, &ch);
      h = MAX (h, ch);
    }
  if (s->y + h > PAGE_H - MARGIN)
    new_page (s);
  for (guint i = 0; i < n; i++)
    {
      set_cell (s, cells[i] ? cells[i] : "", widths[i] - 6, i == 1, &w, &ch);
      cairo_move_to (s->cr, i + 3 >= n ? x + MAX (0.0, widths[i] - 6 - w) : x, s->y);
      pango_cairo_show_layout (s->cr, s->layout);
      g_string_append (page_text (s), cells[i] ? cells[i] : "");
      g_string_append_c (page_text (s), '\n');
      x += widths[i];
    }
  s->y += h + 2;
}

/* "9%" for "0.09"; the text as it is when it is not a fraction */
static char *
rate_label (const char *rate)
{
  PwDecimal d, hundred = pw_decimal_from_int (100, 0), pct;

  if (rate == NULL || *rate == '\0')
    return g_strdup ("");
  if (!pw_decimal_parse (rate, &d, NULL) || !pw_decimal_mul (d, hundred, &pct, NULL))
    return g_strdup (rate);
  {
    g_autofree char *text = pw_decimal_to_string (pw_decimal_normalize (pct));

    return g_strdup_printf ("%s%%", text);
  }
}

static const char *
member (JsonObject *object, const char *name)
{
  const char *text = pw_row_string (object, name);

  return text != NULL ? text : "";
}

static gint64
amount (JsonObject *object, const char *name)
{
  gint64 value = 0;

  return pw_row_int (object, name, &value) ? value : 0;
}

/* Lays out the notice of @bill (pw_bill_find()) from a new page. */
static void
draw_bill (Sheet *s, const PwLetterhead *head, JsonObject *bill)
{
  const char *number = member (bill, "number");
  const char *currency = member (bill, "currency");
  const char *seller_code = member (bill, "seller");
  const PwParkSeller *seller = pw_letterhead_find_seller (head, seller_code);
  const char *seller_name = seller != NULL && *seller->name != '\0' ? seller->name
                            : *member (bill, "seller_name") != '\0' ? member (bill, "seller_name")
                            : pw_seller_label (seller_code);
  JsonArray *lines = json_object_get_array_member (bill, "lines");
  const double widths[] = { 84, 72, 96, 80, 70, 81 };
  g_autofree char *gross = pw_money_format (amount (bill, "gross"), currency, PW_CURRENCY_CODE);
  g_autofree char *net = pw_money_format (amount (bill, "net"), currency, PW_CURRENCY_CODE);
  g_autofree char *tax = pw_money_format (amount (bill, "tax"), currency, PW_CURRENCY_CODE);
  char *line;

  s->continued = NULL;
  new_page (s);

  /* the letterhead */
  sheet_font (s, "Sans Bold 15");
  text_at (s, head->name, MARGIN, TEXT_W, FALSE);
  sheet_font (s, "Sans 9");
  if (*head->address != '\0')
    text_at (s, head->address, MARGIN, TEXT_W, FALSE);
  rule (s);

  sheet_font (s, "Sans Bold 17");
  /* Translators: the title of the document a customer pays a bill by (缴费通知单) */
  text_at (s, _("Payment Notice"), MARGIN, TEXT_W, FALSE);
  s->y += 6;
  sheet_font (s, "Sans 10");
  line = g_strdup_printf (_("Bill number: %s"), number);
  text_at (s, line, MARGIN, TEXT_W, FALSE);
  g_free (line);
  line = g_strdup_printf (_("To: %s"), member (bill, "customer_name"));
  text_at (s, line, MARGIN, TEXT_W, FALSE);
  g_free (line);
  line = g_strdup_printf (_("From: %s"), seller_name);
  text_at (s, line, MARGIN, TEXT_W, FALSE);
  g_free (line);
  /* Translators: a bill's billing period, the day it was billed and the day it is due */
  line = g_strdup_printf (_("Period %s · billed %s · due %s"), member (bill, "period"),
                          member (bill, "bill_date"), member (bill, "due_date"));
  text_at (s, line, MARGIN, TEXT_W, FALSE);
  g_free (line);
  s->y += 8;

  /* the lines */
  s->continued = number;
  {
    const char *head_cells[] = { C_("notice", "Contract"), C_("notice", "Charge"),
                                 C_("notice", "Period"), C_("notice", "Net"),
                                 C_("notice", "Tax"), C_("notice", "Amount") };

    sheet_font (s, "Sans Bold 8");
    table_row (s, head_cells, widths, G_N_ELEMENTS (widths));
  }
  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    {
      JsonObject *l = json_array_get_object_element (lines, i);
      gint64 cancelled = 0;
      g_autofree char *rate = rate_label (member (l, "tax_rate"));
      g_autofree char *charge = NULL, *period = NULL, *lnet = NULL, *ltax = NULL, *lgross = NULL;

      if (pw_row_int (l, "cancelled", &cancelled) && cancelled != 0)
        continue;
      charge = *rate != '\0' ? g_strdup_printf ("%s (%s)", pw_charge_label (member (l, "charge")), rate)
                             : g_strdup (pw_charge_label (member (l, "charge")));
      period = g_strdup_printf ("%s – %s", member (l, "period_start"), member (l, "period_end"));
      lnet = pw_money_format_amount (amount (l, "net"), currency);
      ltax = pw_money_format_amount (amount (l, "tax"), currency);
      lgross = pw_money_format_amount (amount (l, "gross"), currency);
      {
        const char *cells[] = { member (l, "contract_code"), charge, period, lnet, ltax, lgross };

        sheet_font (s, "Sans 8");
        table_row (s, cells, widths, G_N_ELEMENTS (widths));
      }
      if (*member (l, "explanation") != '\0')
        {
          sheet_font (s, "Sans Italic 7");
          text_at (s, member (l, "explanation"), MARGIN + widths[0], TEXT_W - widths[0], FALSE);
          s->y += 3;
        }
    }
  rule (s);
  sheet_font (s, "Sans 10");
  line = g_strdup_printf (_("Net %s · tax %s"), net, tax);
  text_at (s, line, MARGIN, TEXT_W, FALSE);
  g_free (line);
  sheet_font (s, "Sans Bold 12");
  /* Translators: the total of a payment notice, and the day it is due */
  line = g_strdup_printf (_("Amount due: %s by %s"), gross, member (bill, "due_date"));
  text_at (s, line, MARGIN, TEXT_W, FALSE);
  g_free (line);
  s->y += 10;

  /* how to pay */
  sheet_font (s, "Sans Bold 10");
  text_at (s, _("Please pay into"), MARGIN, TEXT_W, FALSE);
  sheet_font (s, "Sans 10");
  line = g_strdup_printf (_("Account name: %s"), seller_name);
  text_at (s, line, MARGIN, TEXT_W, FALSE);
  g_free (line);
  if (seller != NULL && *seller->account != '\0')
    {
      line = g_strdup_printf (_("Bank: %s"), seller->bank);
      text_at (s, line, MARGIN, TEXT_W, FALSE);
      g_free (line);
      line = g_strdup_printf (_("Account: %s"), seller->account);
      text_at (s, line, MARGIN, TEXT_W, FALSE);
      g_free (line);
    }
  else
    text_at (s, _("Bank account: not recorded; ask the park’s finance office"), MARGIN, TEXT_W,
             FALSE);
  /* Translators: what a payer writes on the transfer so the payment is matched */
  line = g_strdup_printf (_("Reference: %s"), number);
  text_at (s, line, MARGIN, TEXT_W, FALSE);
  g_free (line);
  s->continued = NULL;
}

static void
string_free_all (GString *string)
{
  if (string != NULL)
    g_string_free (string, TRUE);
}

void
pw_bill_notice_free (PwBillNotice *notice)
{
  if (notice == NULL)
    return;
  g_ptr_array_unref (notice->pages);
  g_ptr_array_unref (notice->texts);
  g_free (notice->title);
  g_free (notice);
}

PwBillNotice *
pw_bill_notice_new (PwStore *store, const char *park_id, const char *const *numbers,
                    GError **error)
{
  g_autoptr(PwLetterhead) head = NULL;
  g_autoptr(PwBillNotice) notice = NULL;
  g_autoptr(GPtrArray) bills = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func ((GDestroyNotify) string_free_all);
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  Sheet s = { 0 };

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (numbers != NULL, NULL);

  head = pw_letterhead_load (store, park_id, error);
  if (head == NULL)
    return NULL;
  for (guint i = 0; numbers[i] != NULL; i++)
    {
      JsonObject *bill = pw_bill_find (store, head->park_id, numbers[i], error);

      if (bill == NULL)
        return NULL;
      g_ptr_array_add (bills, bill);
      if (!pw_bill_status_has_notice (MAX (0, pw_bill_status_from_string (member (bill, "status")))))
        {
          g_set_error (error, PW_BILL_ERROR, PW_BILL_ERROR_STATUS,
                       _("Bill %s was cancelled: it has no payment notice"), numbers[i]);
          return NULL;
        }
    }
  if (bills->len == 0)
    {
      g_set_error_literal (error, PW_BILL_ERROR, PW_BILL_ERROR_NOT_FOUND,
                           _("No bill to make a payment notice of"));
      return NULL;
    }

  notice = g_new0 (PwBillNotice, 1);
  notice->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  s.pages = notice->pages;
  s.texts = texts;
  for (guint i = 0; i < bills->len; i++)
    draw_bill (&s, head, g_ptr_array_index (bills, i));
  g_object_unref (s.layout);
  cairo_destroy (s.cr);
  notice->texts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < texts->len; i++)
    g_ptr_array_add (notice->texts, g_string_free (g_steal_pointer (&texts->pdata[i]), FALSE));
  notice->title = g_strjoinv (", ", (char **) numbers);
  for (guint i = 0; i < notice->pages->len && status == CAIRO_STATUS_SUCCESS; i++)
    status = cairo_surface_status (g_ptr_array_index (notice->pages, i));
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_RENDER,
                   _("Could not draw the payment notice: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_steal_pointer (&notice);
}

guint
pw_bill_notice_get_n_pages (PwBillNotice *notice)
{
  g_return_val_if_fail (notice != NULL, 0);
  return notice->pages->len;
}

const char *
pw_bill_notice_get_page_text (PwBillNotice *notice, guint page)
{
  g_return_val_if_fail (notice != NULL, NULL);
  g_return_val_if_fail (page < notice->texts->len, NULL);
  return g_ptr_array_index (notice->texts, page);
}

void
pw_bill_notice_draw_page (PwBillNotice *notice, cairo_t *cr, guint page)
{
  g_return_if_fail (notice != NULL);
  g_return_if_fail (page < notice->pages->len);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_surface (cr, g_ptr_array_index (notice->pages, page), 0, 0);
  cairo_rectangle (cr, 0, 0, PAGE_W, PAGE_H);
  cairo_fill (cr);
  cairo_restore (cr);
}

gboolean
pw_bill_notice_write_pdf (PwBillNotice *notice, const char *path, GError **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (notice != NULL, FALSE);

  surface = cairo_pdf_surface_create (path, PAGE_W, PAGE_H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, notice->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Parkwise");
  cr = cairo_create (surface);
  for (guint i = 0; i < notice->pages->len; i++)
    {
      pw_bill_notice_draw_page (notice, cr, i);
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
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_RENDER,
                   _("Could not write the payment notice to %s: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
pw_bill_notice_export (PwStore *store, const char *park_id, const char *number, const char *path,
                       GError **error)
{
  const char *numbers[] = { number, NULL };
  g_autoptr(PwBillNotice) notice = pw_bill_notice_new (store, park_id, numbers, error);

  return notice != NULL && pw_bill_notice_write_pdf (notice, path, error);
}

/* A file name for @name: no path separators or control characters, not hidden. */
static char *
file_name_for (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == ':' || c < 0x20 || c == 0x7f)
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
    }
  while (out->len > 0 && (out->str[0] == '.' || out->str[0] == ' '))
    g_string_erase (out, 0, 1);
  if (out->len == 0)
    g_string_append (out, "customer");
  if (out->len > 120)
    g_string_truncate (out, (gsize) (g_utf8_find_prev_char (out->str, out->str + 120) - out->str));
  return g_string_free (out, FALSE);
}

GPtrArray *
pw_bill_notice_export_period (PwStore *store, const char *park_id, const char *period,
                              const char *out, gboolean one_file, GError **error)
{
  g_autoptr(GPtrArray) bills = NULL;
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) customers = g_ptr_array_new ();  /* customer ids, in order met */
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (out != NULL, NULL);

  bills = pw_bill_list (store, park_id, period, NULL, error);
  if (bills == NULL)
    return NULL;
  for (guint i = 0; i < bills->len; i++)
    {
      JsonObject *bill = g_ptr_array_index (bills, i);
      const char *customer = one_file ? "" : member (bill, "customer_id");
      GPtrArray *list;

      if (!pw_bill_status_has_notice (MAX (0, pw_bill_status_from_string (member (bill, "status")))))
        continue;
      list = g_hash_table_lookup (numbers, customer);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (numbers, (gpointer) customer, list);
          g_hash_table_insert (names, (gpointer) customer, (gpointer) member (bill, "customer_name"));
          g_ptr_array_add (customers, (gpointer) customer);
        }
      g_ptr_array_add (list, (gpointer) member (bill, "number"));
    }
  if (!one_file && g_mkdir_with_parents (out, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not make the folder %s: %s"), out, g_strerror (saved));
      return NULL;
    }
  for (guint i = 0; i < customers->len; i++)
    {
      GPtrArray *list = g_hash_table_lookup (numbers, customers->pdata[i]);
      g_autoptr(PwBillNotice) notice = NULL;
      g_autofree char *path = NULL;

      g_ptr_array_add (list, NULL);
      notice = pw_bill_notice_new (store, park_id, (const char *const *) list->pdata, error);
      if (notice == NULL)
        return NULL;
      if (one_file)
        path = g_strdup (out);
      else
        {
          g_autofree char *base = file_name_for (g_hash_table_lookup (names, customers->pdata[i]));
          g_autofree char *name = g_strdup_printf ("%s.pdf", base);

          /* two customers of one name get "Name (2).pdf" */
          for (guint n = 2; g_hash_table_contains (taken, name); n++)
            {
              g_free (name);
              name = g_strdup_printf ("%s (%u).pdf", base, n);
            }
          g_hash_table_add (taken, g_strdup (name));
          path = g_build_filename (out, name, NULL);
        }
      if (!pw_bill_notice_write_pdf (notice, path, error))
        return NULL;
      g_ptr_array_add (written, g_steal_pointer (&path));
    }
  return g_steal_pointer (&written);
}
