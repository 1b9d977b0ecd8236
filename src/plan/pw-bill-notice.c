/* pw-bill-notice.c — payment notices (缴费通知单) (docs/billing.md, "Payment notices")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each page is drawn once onto a recording surface, so that a PDF file and a printer
 * (any cairo context) get the same pages; beside it the page keeps the text it drew,
 * which tests and callers can read back without parsing the PDF. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pw-bill-notice.h"
#include "pw-bill.h"
#include "pw-decimal.h"
#include "pw-doc-sheet.h"
#include "pw-i18n.h"
#include "pw-money.h"
#include "pw-park-seller.h"
#include "pw-plan-error.h"
#include "pw-row.h"

#define MARGIN PW_DOC_MARGIN
#define TEXT_W PW_DOC_TEXT_WIDTH

struct _PwBillNotice
{
  GPtrArray *pages;   /* cairo_surface_t, recording surfaces of one A4 page */
  GPtrArray *texts;   /* char *, what each page says */
  char      *title;   /* the bill numbers, for the PDF's metadata */
};

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
draw_bill (PwDocSheet *s, const PwLetterhead *head, JsonObject *bill)
{
  const char *number = member (bill, "number");
  const char *currency = member (bill, "currency");
  const char *seller_code = member (bill, "seller");
  const PwParkSeller *seller = pw_letterhead_find_seller (head, seller_code);
  const char *seller_name = seller != NULL && *seller->name != '\0' ? seller->name
                            : *member (bill, "seller_name") != '\0' ? member (bill, "seller_name")
                            : pw_seller_label (seller_code);
  JsonArray *lines = json_object_get_array_member (bill, "lines");
  static const double widths[] = { 84, 72, 96, 80, 70, 81 };
  static const PwDocTable table = { widths, G_N_ELEMENTS (widths), 1u << 1, 3 };
  g_autofree char *gross = pw_money_format (amount (bill, "gross"), currency, PW_CURRENCY_CODE);
  g_autofree char *net = pw_money_format (amount (bill, "net"), currency, PW_CURRENCY_CODE);
  g_autofree char *tax = pw_money_format (amount (bill, "tax"), currency, PW_CURRENCY_CODE);
  char *line;

  g_clear_pointer (&s->continued, g_free);
  pw_doc_sheet_new_page (s);
  pw_doc_sheet_letterhead (s, head);

  pw_doc_sheet_font (s, "Sans Bold 17");
  /* Translators: the title of the document a customer pays a bill by (缴费通知单) */
  pw_doc_sheet_text (s, _("Payment Notice"), MARGIN, TEXT_W, FALSE);
  s->y += 6;
  pw_doc_sheet_font (s, "Sans 10");
  line = g_strdup_printf (_("Bill number: %s"), number);
  pw_doc_sheet_text (s, line, MARGIN, TEXT_W, FALSE);
  g_free (line);
  line = g_strdup_printf (_("To: %s"), member (bill, "customer_name"));
  pw_doc_sheet_text (s, line, MARGIN, TEXT_W, FALSE);
  g_free (line);
  line = g_strdup_printf (_("From: %s"), seller_name);
  pw_doc_sheet_text (s, line, MARGIN, TEXT_W, FALSE);
  g_free (line);
  /* Translators: a bill's billing period, the day it was billed and the day it is due */
  line = g_strdup_printf (_("Period %s · billed %s · due %s"), member (bill, "period"),
                          member (bill, "bill_date"), member (bill, "due_date"));
  pw_doc_sheet_text (s, line, MARGIN, TEXT_W, FALSE);
  g_free (line);
  s->y += 8;

  /* the lines */
  /* Translators: at the top of a notice's next page; %s is the bill's number */
  s->continued = g_strdup_printf (_("Payment notice %s (continued)"), number);
  pw_doc_sheet_font (s, "Sans Bold 8");
  {
    const char *head_cells[] = { C_("notice", "Contract"), C_("notice", "Charge"),
                                 C_("notice", "Period"), C_("notice", "Net"),
                                 C_("notice", "Tax"), C_("notice", "Amount") };

    pw_doc_sheet_row (s, &table, head_cells);
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

        pw_doc_sheet_font (s, "Sans 8");
        pw_doc_sheet_row (s, &table, cells);
      }
      if (*member (l, "explanation") != '\0')
        {
          pw_doc_sheet_font (s, "Sans Italic 7");
          pw_doc_sheet_text (s, member (l, "explanation"), MARGIN + widths[0], TEXT_W - widths[0], FALSE);
          s->y += 3;
        }
    }
  pw_doc_sheet_rule (s);
  pw_doc_sheet_font (s, "Sans 10");
  line = g_strdup_printf (_("Net %s · tax %s"), net, tax);
  pw_doc_sheet_text (s, line, MARGIN, TEXT_W, FALSE);
  g_free (line);
  pw_doc_sheet_font (s, "Sans Bold 12");
  /* Translators: the total of a payment notice, and the day it is due */
  line = g_strdup_printf (_("Amount due: %s by %s"), gross, member (bill, "due_date"));
  pw_doc_sheet_text (s, line, MARGIN, TEXT_W, FALSE);
  g_free (line);
  s->y += 10;

  /* how to pay */
  pw_doc_sheet_pay_into (s, seller_name, seller, number);
  g_clear_pointer (&s->continued, g_free);
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
  cairo_status_t status;
  PwDocSheet s;

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
  pw_doc_sheet_init (&s);
  for (guint i = 0; i < bills->len; i++)
    draw_bill (&s, head, g_ptr_array_index (bills, i));
  notice->pages = g_ptr_array_ref (s.pages);
  notice->texts = pw_doc_sheet_take_texts (&s);
  pw_doc_sheet_clear (&s);
  notice->title = g_strjoinv (", ", (char **) numbers);
  status = pw_doc_pages_status (notice->pages);
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

  pw_doc_pages_draw (notice->pages, cr, page);
}

gboolean
pw_bill_notice_write_pdf (PwBillNotice *notice, const char *path, GError **error)
{
  cairo_status_t status;

  g_return_val_if_fail (notice != NULL, FALSE);

  status = pw_doc_pages_write_pdf (notice->pages, notice->title, path);
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
          g_autofree char *base = pw_doc_file_name (g_hash_table_lookup (names, customers->pdata[i]));
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
