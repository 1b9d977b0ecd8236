/* pw-doc-sheet.c — pages of payment notices and statements (pw-doc-sheet.h)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-doc-sheet.h"

#define PAGE_W PW_DOC_PAGE_WIDTH
#define PAGE_H PW_DOC_PAGE_HEIGHT
#define MARGIN PW_DOC_MARGIN
#define TEXT_W PW_DOC_TEXT_WIDTH

static void
string_free_all (GString *string)
{
  if (string != NULL)
    g_string_free (string, TRUE);
}

void
pw_doc_sheet_init (PwDocSheet *s)
{
  memset (s, 0, sizeof *s);
  s->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  s->texts = g_ptr_array_new_with_free_func ((GDestroyNotify) string_free_all);
}

void
pw_doc_sheet_clear (PwDocSheet *s)
{
  g_clear_object (&s->layout);
  g_clear_pointer (&s->cr, cairo_destroy);
  g_clear_pointer (&s->continued, g_free);
  g_clear_pointer (&s->pages, g_ptr_array_unref);
  g_clear_pointer (&s->texts, g_ptr_array_unref);
}

void
pw_doc_sheet_font (PwDocSheet *s, const char *desc)
{
  PangoFontDescription *font = pango_font_description_from_string (desc);

  pango_layout_set_font_description (s->layout, font);
  pango_font_description_free (font);
}

static GString *
page_text (PwDocSheet *s)
{
  return g_ptr_array_index (s->texts, s->texts->len - 1);
}

void
pw_doc_sheet_new_page (PwDocSheet *s)
{
  cairo_rectangle_t extents = { 0, 0, PAGE_W, PAGE_H };
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
  PangoFontDescription *font = NULL;

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
  if (s->continued == NULL && s->table == NULL)
    return;
  if (pango_layout_get_font_description (s->layout) != NULL)
    font = pango_font_description_copy (pango_layout_get_font_description (s->layout));
  if (s->continued != NULL)
    {
      pw_doc_sheet_font (s, "Sans Bold 10");
      pw_doc_sheet_text (s, s->continued, MARGIN, TEXT_W, FALSE);
      s->y += 8;
    }
  if (s->table != NULL)
    {
      const PwDocTable *table = s->table;

      /* the header row must not start yet another page */
      s->table = NULL;
      pw_doc_sheet_font (s, "Sans Bold 8");
      pw_doc_sheet_row (s, table, s->head);
      s->table = table;
    }
  pango_layout_set_font_description (s->layout, font);
  if (font != NULL)
    pango_font_description_free (font);
}

double
pw_doc_sheet_text (PwDocSheet *s, const char *text, double x, double width, gboolean keep_line)
{
  int w, h;

  pango_layout_set_width (s->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_text (s->layout, text, -1);
  pango_layout_get_pixel_size (s->layout, &w, &h);
  if (s->y + h > PAGE_H - MARGIN)
    {
      PangoFontDescription *font = pango_font_description_copy (pango_layout_get_font_description (s->layout));

      pw_doc_sheet_new_page (s);
      pango_layout_set_font_description (s->layout, font);
      pango_font_description_free (font);
      pango_layout_set_width (s->layout, (int) (width * PANGO_SCALE));
      pango_layout_set_text (s->layout, text, -1);
    }
  cairo_move_to (s->cr, x, s->y);
  pango_cairo_show_layout (s->cr, s->layout);
  g_string_append (page_text (s), text);
  g_string_append_c (page_text (s), '\n');
  if (!keep_line)
    s->y += h;
  return h;
}

void
pw_doc_sheet_rule (PwDocSheet *s)
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
 * fit @width; the wrapping column wraps at words. */
static void
set_cell (PwDocSheet *s, const char *text, double width, gboolean wrap, int *w, int *h)
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

void
pw_doc_sheet_row (PwDocSheet *s, const PwDocTable *table, const char *const *cells)
{
  double x = PW_DOC_MARGIN, h = 0;
  guint n = table->n;
  int w, ch;

  /* measure first, so that a row never straddles two pages */
  for (guint i = 0; i < n; i++)
    {
      set_cell (s, cells[i] ? cells[i] : "", table->widths[i] - 6, (table->wrap & (1u << i)) != 0, &w, &ch);
      h = MAX (h, ch);
    }
  if (s->y + h > PAGE_H - MARGIN)
    {
      PangoFontDescription *font = pango_font_description_copy (pango_layout_get_font_description (s->layout));

      pw_doc_sheet_new_page (s);
      pango_layout_set_font_description (s->layout, font);
      pango_font_description_free (font);
    }
  for (guint i = 0; i < n; i++)
    {
      const double width = table->widths[i];

      set_cell (s, cells[i] ? cells[i] : "", width - 6, (table->wrap & (1u << i)) != 0, &w, &ch);
      cairo_move_to (s->cr, i + table->n_right >= n ? x + MAX (0.0, width - 6 - w) : x, s->y);
      pango_cairo_show_layout (s->cr, s->layout);
      g_string_append (page_text (s), cells[i] ? cells[i] : "");
      g_string_append_c (page_text (s), '\n');
      x += width;
    }
  s->y += h + 2;
}

void
pw_doc_sheet_table (PwDocSheet *s, const PwDocTable *table, const char *const *head)
{
  PangoFontDescription *font = pango_font_description_copy (pango_layout_get_font_description (s->layout));

  s->table = NULL;
  s->head = head;
  pw_doc_sheet_font (s, "Sans Bold 8");
  pw_doc_sheet_row (s, table, head);
  s->table = table;
  pango_layout_set_font_description (s->layout, font);
  pango_font_description_free (font);
}

void
pw_doc_sheet_end_table (PwDocSheet *s)
{
  s->table = NULL;
  s->head = NULL;
}

void
pw_doc_sheet_letterhead (PwDocSheet *s, const PwLetterhead *head)
{
  pw_doc_sheet_font (s, "Sans Bold 15");
  pw_doc_sheet_text (s, head->name, MARGIN, TEXT_W, FALSE);
  pw_doc_sheet_font (s, "Sans 9");
  if (*head->address != '\0')
    pw_doc_sheet_text (s, head->address, MARGIN, TEXT_W, FALSE);
  pw_doc_sheet_rule (s);
}

void
pw_doc_sheet_pay_into (PwDocSheet *s, const char *name, const PwParkSeller *seller,
                       const char *reference)
{
  char *line;

  pw_doc_sheet_font (s, "Sans Bold 10");
  pw_doc_sheet_text (s, _("Please pay into"), MARGIN, TEXT_W, FALSE);
  pw_doc_sheet_font (s, "Sans 10");
  line = g_strdup_printf (_("Account name: %s"), name);
  pw_doc_sheet_text (s, line, MARGIN, TEXT_W, FALSE);
  g_free (line);
  if (seller != NULL && *seller->account != '\0')
    {
      line = g_strdup_printf (_("Bank: %s"), seller->bank);
      pw_doc_sheet_text (s, line, MARGIN, TEXT_W, FALSE);
      g_free (line);
      line = g_strdup_printf (_("Account: %s"), seller->account);
      pw_doc_sheet_text (s, line, MARGIN, TEXT_W, FALSE);
      g_free (line);
    }
  else
    pw_doc_sheet_text (s, _("Bank account: not recorded; ask the park’s finance office"), MARGIN,
                       TEXT_W, FALSE);
  /* Translators: what a payer writes on the transfer so the payment is matched */
  line = g_strdup_printf (_("Reference: %s"), reference);
  pw_doc_sheet_text (s, line, MARGIN, TEXT_W, FALSE);
  g_free (line);
}

void
pw_doc_sheet_number_pages (PwDocSheet *s, guint first)
{
  guint total = s->pages->len - first;
  PangoLayout *layout;
  PangoFontDescription *font = pango_font_description_from_string ("Sans 8");

  for (guint i = first; i < s->pages->len; i++)
    {
      cairo_t *cr = cairo_create (g_ptr_array_index (s->pages, i));
      /* Translators: at the foot of each page of a statement */
      g_autofree char *text = g_strdup_printf (_("Page %u of %u"), i - first + 1, total);
      int w, h;

      layout = pango_cairo_create_layout (cr);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.32);
      cairo_move_to (cr, PAGE_W - MARGIN - w, PAGE_H - MARGIN + 14);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
      cairo_destroy (cr);
      g_string_append (g_ptr_array_index (s->texts, i), text);
      g_string_append_c (g_ptr_array_index (s->texts, i), '\n');
    }
  pango_font_description_free (font);
}

GPtrArray *
pw_doc_sheet_take_texts (PwDocSheet *s)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < s->texts->len; i++)
    g_ptr_array_add (texts, g_string_free (g_steal_pointer (&s->texts->pdata[i]), FALSE));
  return texts;
}

cairo_status_t
pw_doc_pages_status (GPtrArray *pages)
{
  cairo_status_t status = CAIRO_STATUS_SUCCESS;

  for (guint i = 0; i < pages->len && status == CAIRO_STATUS_SUCCESS; i++)
    status = cairo_surface_status (g_ptr_array_index (pages, i));
  return status;
}

void
pw_doc_pages_draw (GPtrArray *pages, cairo_t *cr, guint page)
{
  g_return_if_fail (page < pages->len);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_surface (cr, g_ptr_array_index (pages, page), 0, 0);
  cairo_rectangle (cr, 0, 0, PAGE_W, PAGE_H);
  cairo_fill (cr);
  cairo_restore (cr);
}

cairo_status_t
pw_doc_pages_write_pdf (GPtrArray *pages, const char *title, const char *path)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_pdf_surface_create (path, PAGE_W, PAGE_H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Parkwise");
  cr = cairo_create (surface);
  for (guint i = 0; i < pages->len; i++)
    {
      pw_doc_pages_draw (pages, cr, i);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

char *
pw_doc_file_name (const char *name)
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
