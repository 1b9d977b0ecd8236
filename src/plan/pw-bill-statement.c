/* pw-bill-statement.c — customer statements (对账单) (docs/receivables.md, "Statements")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures are core's (pw_receivables_statement()); this draws them. Each seller's
 * section starts a page with the letterhead; a table that goes on to the next page
 * repeats its header under a "(continued)" line. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pw-bill-statement.h"
#include "pw-doc-sheet.h"
#include "pw-i18n.h"
#include "pw-money.h"
#include "pw-park-seller.h"
#include "pw-plan-error.h"
#include "pw-receivables.h"
#include "pw-row.h"

#define MARGIN PW_DOC_MARGIN
#define TEXT_W PW_DOC_TEXT_WIDTH

struct _PwBillStatement
{
  GPtrArray *pages;    /* cairo_surface_t */
  GPtrArray *texts;    /* char * */
  JsonArray *figures;  /* the statements */
  char      *title;    /* the customers' names */
};

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

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "bill") == 0)
    return C_("ledger entry", "Bill");
  if (g_strcmp0 (kind, "late_fee") == 0)
    return C_("ledger entry", "Late fee");
  if (g_strcmp0 (kind, "credit") == 0)
    return C_("ledger entry", "Credit note");
  if (g_strcmp0 (kind, "waiver") == 0)
    return C_("ledger entry", "Waiver");
  return C_("ledger entry", "Payment");
}

static const char *
method_label (const char *method)
{
  if (g_strcmp0 (method, "cash") == 0)
    return _("Cash");
  if (g_strcmp0 (method, "cheque") == 0)
    return _("Cheque");
  if (g_strcmp0 (method, "pos") == 0)
    return _("Card (POS)");
  if (g_strcmp0 (method, "transfer") == 0)
    return _("Bank transfer");
  if (g_strcmp0 (method, "online") == 0)
    return _("Online");
  return method;
}

/* What the detail column says of @entry */
static char *
entry_detail (JsonObject *entry)
{
  const char *kind = member (entry, "kind");
  const char *detail = member (entry, "detail");

  if (g_str_equal (kind, "bill"))
    /* Translators: in a statement, of a bill; %s is its due date */
    return g_strdup_printf (_("due %s"), detail);
  if (g_str_equal (kind, "payment"))
    return g_strdup (method_label (detail));
  if (g_str_equal (kind, "late_fee"))
    {
      /* the fee's working is on the bill; the statement names what it is on */
      const char *colon = strstr (detail, ":");
      const char *wide = strstr (detail, "：");

      if (wide != NULL && (colon == NULL || wide < colon))
        colon = wide;
      if (colon != NULL)
        return g_strndup (detail, (gsize) (colon - detail));
    }
  return g_strdup (detail);
}

/* One seller's section of @figures from a new page */
static void
draw_section (PwDocSheet *s, const PwLetterhead *head, JsonObject *figures, JsonObject *section)
{
  static const double widths[] = { 62, 50, 118, 105, 74, 74 };
  static const PwDocTable table = { widths, G_N_ELEMENTS (widths), (1u << 2) | (1u << 3), 2 };
  static const double age_widths[] = { 80, 80, 80, 80, 80, 83 };
  static const PwDocTable ageing = { age_widths, G_N_ELEMENTS (age_widths), 0, 6 };
  const char *currency = member (figures, "currency");
  const char *customer = member (figures, "customer_name");
  const char *code = member (section, "seller");
  const PwParkSeller *seller = pw_letterhead_find_seller (head, code);
  const char *seller_name = seller != NULL && *seller->name != '\0' ? seller->name
                            : *member (section, "seller_name") != '\0' ? member (section, "seller_name")
                            : pw_seller_label (code);
  JsonArray *entries = json_object_has_member (section, "entries")
                         ? json_object_get_array_member (section, "entries") : NULL;
  JsonArray *buckets = json_object_has_member (section, "ageing")
                         ? json_object_get_array_member (section, "ageing") : NULL;
  const char *head_cells[] = { C_("statement", "Date"), C_("statement", "Entry"),
                               C_("statement", "Reference"), C_("statement", "Detail"),
                               C_("statement", "Amount"), C_("statement", "Balance") };
  const char *age_head[] = { C_("ageing", "Current"), C_("ageing", "1–30 days"),
                             C_("ageing", "31–60 days"), C_("ageing", "61–90 days"),
                             C_("ageing", "Over 90 days"), C_("statement", "Total") };
  char *line, *money;

  g_clear_pointer (&s->continued, g_free);
  pw_doc_sheet_new_page (s);
  pw_doc_sheet_letterhead (s, head);

  pw_doc_sheet_font (s, "Sans Bold 17");
  /* Translators: the title of the document that lists a customer's account (对账单) */
  pw_doc_sheet_text (s, _("Statement of Account"), MARGIN, TEXT_W, FALSE);
  s->y += 6;
  pw_doc_sheet_font (s, "Sans 10");
  line = g_strdup_printf (_("To: %s"), customer);
  pw_doc_sheet_text (s, line, MARGIN, TEXT_W, FALSE);
  g_free (line);
  if (*code != '\0')
    line = g_strdup_printf (_("From: %s"), seller_name);
  else
    /* Translators: heads the part of a statement that lists what payments hold that
     * no bill took yet (the customer is billed by several sellers) */
    line = g_strdup (_("Payments not yet allocated to a bill"));
  pw_doc_sheet_text (s, line, MARGIN, TEXT_W, FALSE);
  g_free (line);
  /* Translators: a statement's period and the date of its ageing */
  line = g_strdup_printf (_("Period %s – %s · ageing as of %s"), member (figures, "from"),
                          member (figures, "to"), member (figures, "as_of"));
  pw_doc_sheet_text (s, line, MARGIN, TEXT_W, FALSE);
  g_free (line);
  s->y += 6;
  money = pw_money_format (amount (section, "opening"), currency, PW_CURRENCY_CODE);
  /* Translators: %s is an amount */
  line = g_strdup_printf (_("Opening balance: %s"), money);
  pw_doc_sheet_text (s, line, MARGIN, TEXT_W, FALSE);
  g_free (line);
  g_free (money);
  s->y += 4;

  /* Translators: at the top of a statement's next page; %s is the customer */
  s->continued = g_strdup_printf (_("Statement for %s (continued)"), customer);
  pw_doc_sheet_table (s, &table, head_cells);
  pw_doc_sheet_font (s, "Sans 7");
  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonObject *e = json_array_get_object_element (entries, i);
      g_autofree char *detail = entry_detail (e);
      g_autofree char *value = pw_money_format_amount (amount (e, "amount"), currency);
      g_autofree char *balance = pw_money_format_amount (amount (e, "balance"), currency);
      const char *cells[] = { member (e, "date"), kind_label (member (e, "kind")),
                              member (e, "reference"), detail, value, balance };

      pw_doc_sheet_row (s, &table, cells);
    }
  if (entries == NULL || json_array_get_length (entries) == 0)
    pw_doc_sheet_text (s, _("No entry in the period"), MARGIN, TEXT_W, FALSE);
  pw_doc_sheet_end_table (s);
  pw_doc_sheet_rule (s);

  pw_doc_sheet_font (s, "Sans 10");
  {
    g_autofree char *bills = pw_money_format (amount (section, "bills"), currency, PW_CURRENCY_CODE);
    g_autofree char *credits = pw_money_format (amount (section, "credits"), currency, PW_CURRENCY_CODE);
    g_autofree char *payments = pw_money_format (amount (section, "payments"), currency, PW_CURRENCY_CODE);

    /* Translators: a statement's movements over its period */
    line = g_strdup_printf (_("Billed %s · credited %s · paid %s"), bills, credits, payments);
    pw_doc_sheet_text (s, line, MARGIN, TEXT_W, FALSE);
    g_free (line);
  }
  pw_doc_sheet_font (s, "Sans Bold 12");
  money = pw_money_format (amount (section, "closing"), currency, PW_CURRENCY_CODE);
  /* Translators: the first %s is an amount, the second a date */
  line = g_strdup_printf (_("Closing balance: %s on %s"), money, member (figures, "to"));
  pw_doc_sheet_text (s, line, MARGIN, TEXT_W, FALSE);
  g_free (line);
  g_free (money);
  s->y += 8;

  if (*code != '\0')
    {
      const char *cells[6];
      char *values[6];

      pw_doc_sheet_font (s, "Sans Bold 10");
      /* Translators: %s is a date */
      line = g_strdup_printf (_("What is open as of %s, by days past due"), member (figures, "as_of"));
      pw_doc_sheet_text (s, line, MARGIN, TEXT_W, FALSE);
      g_free (line);
      s->y += 2;
      pw_doc_sheet_table (s, &ageing, age_head);
      for (guint b = 0; b < 5; b++)
        {
          gint64 v = buckets != NULL && b < json_array_get_length (buckets)
                       ? json_array_get_int_element (buckets, b) : 0;

          values[b] = pw_money_format_amount (v, currency);
        }
      values[5] = pw_money_format_amount (amount (section, "open"), currency);
      for (guint b = 0; b < 6; b++)
        cells[b] = values[b];
      pw_doc_sheet_font (s, "Sans 8");
      pw_doc_sheet_row (s, &ageing, cells);
      pw_doc_sheet_end_table (s);
      for (guint b = 0; b < 6; b++)
        g_free (values[b]);
      s->y += 10;
      pw_doc_sheet_pay_into (s, seller_name, seller, customer);
    }
  g_clear_pointer (&s->continued, g_free);
}

void
pw_bill_statement_free (PwBillStatement *statement)
{
  if (statement == NULL)
    return;
  g_ptr_array_unref (statement->pages);
  g_ptr_array_unref (statement->texts);
  json_array_unref (statement->figures);
  g_free (statement->title);
  g_free (statement);
}

PwBillStatement *
pw_bill_statement_new (PwStore *store, const char *park_id, const char *const *customers,
                       const char *from, const char *to, const char *as_of, GError **error)
{
  g_autoptr(PwLetterhead) head = NULL;
  g_autoptr(PwBillStatement) statement = NULL;
  g_autoptr(JsonArray) figures = json_array_new ();
  g_autoptr(GString) title = g_string_new (NULL);
  cairo_status_t status;
  PwDocSheet s;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (customers != NULL, NULL);

  head = pw_letterhead_load (store, park_id, error);
  if (head == NULL)
    return NULL;
  for (guint i = 0; customers[i] != NULL; i++)
    {
      JsonObject *o = pw_receivables_statement (store, head->park_id, customers[i], from, to,
                                                as_of, error);

      if (o == NULL)
        return NULL;
      json_array_add_object_element (figures, o);
      if (title->len > 0)
        g_string_append (title, ", ");
      g_string_append (title, member (o, "customer_name"));
    }
  if (json_array_get_length (figures) == 0)
    {
      g_set_error_literal (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_NOT_FOUND,
                           _("No customer to make a statement of"));
      return NULL;
    }

  statement = g_new0 (PwBillStatement, 1);
  pw_doc_sheet_init (&s);
  for (guint i = 0; i < json_array_get_length (figures); i++)
    {
      JsonObject *o = json_array_get_object_element (figures, i);
      JsonArray *sections = json_object_get_array_member (o, "sections");
      guint first = s.pages->len;

      for (guint k = 0; k < json_array_get_length (sections); k++)
        draw_section (&s, head, o, json_array_get_object_element (sections, k));
      if (json_array_get_length (sections) == 0)
        {
          /* a customer with nothing on record still gets a page that says so */
          g_autoptr(JsonObject) empty = json_object_new ();

          json_object_set_string_member (empty, "seller", "");
          json_object_set_array_member (empty, "entries", json_array_new ());
          draw_section (&s, head, o, empty);
        }
      pw_doc_sheet_number_pages (&s, first);
    }
  statement->pages = g_ptr_array_ref (s.pages);
  statement->texts = pw_doc_sheet_take_texts (&s);
  pw_doc_sheet_clear (&s);
  statement->figures = g_steal_pointer (&figures);
  statement->title = g_string_free (g_steal_pointer (&title), FALSE);
  status = pw_doc_pages_status (statement->pages);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_RENDER,
                   _("Could not draw the statement: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_steal_pointer (&statement);
}

guint
pw_bill_statement_get_n_pages (PwBillStatement *statement)
{
  g_return_val_if_fail (statement != NULL, 0);
  return statement->pages->len;
}

const char *
pw_bill_statement_get_page_text (PwBillStatement *statement, guint page)
{
  g_return_val_if_fail (statement != NULL, NULL);
  g_return_val_if_fail (page < statement->texts->len, NULL);
  return g_ptr_array_index (statement->texts, page);
}

JsonArray *
pw_bill_statement_get_figures (PwBillStatement *statement)
{
  g_return_val_if_fail (statement != NULL, NULL);
  return statement->figures;
}

void
pw_bill_statement_draw_page (PwBillStatement *statement, cairo_t *cr, guint page)
{
  g_return_if_fail (statement != NULL);
  g_return_if_fail (page < statement->pages->len);

  pw_doc_pages_draw (statement->pages, cr, page);
}

gboolean
pw_bill_statement_write_pdf (PwBillStatement *statement, const char *path, GError **error)
{
  cairo_status_t status;

  g_return_val_if_fail (statement != NULL, FALSE);

  status = pw_doc_pages_write_pdf (statement->pages, statement->title, path);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_RENDER,
                   _("Could not write the statement to %s: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
pw_bill_statement_export (PwStore *store, const char *park_id, const char *customer,
                          const char *from, const char *to, const char *as_of, const char *path,
                          GError **error)
{
  const char *customers[] = { customer, NULL };
  g_autoptr(PwBillStatement) statement = pw_bill_statement_new (store, park_id, customers, from,
                                                                to, as_of, error);

  return statement != NULL && pw_bill_statement_write_pdf (statement, path, error);
}

GPtrArray *
pw_bill_statement_export_all (PwStore *store, const char *park_id, const char *from,
                              const char *to, const char *as_of, const char *out,
                              gboolean one_file, JsonArray **figures, GError **error)
{
  g_autoptr(JsonArray) all = json_array_new ();
  g_autofree char *start = NULL, *end = NULL, *age = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GPtrArray) active = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (out != NULL, NULL);

  if (!pw_statement_period (from, to, as_of, &start, &end, &age, error))
    return NULL;
  candidates = pw_receivables_statement_customers (store, park_id, end, error);
  if (candidates == NULL)
    return NULL;
  /* only those with a balance or something in the period */
  for (guint i = 0; i < candidates->len; i++)
    {
      g_autoptr(JsonObject) o = pw_receivables_statement (store, park_id, candidates->pdata[i],
                                                          start, end, age, error);

      if (o == NULL)
        return NULL;
      if (!json_object_get_boolean_member (o, "active"))
        continue;
      g_ptr_array_add (active, g_strdup (candidates->pdata[i]));
      g_ptr_array_add (names, g_strdup (member (o, "customer_name")));
      json_array_add_object_element (all, g_steal_pointer (&o));
    }
  if (figures != NULL)
    *figures = json_array_ref (all);
  if (active->len == 0)
    return g_steal_pointer (&written);
  if (!one_file && g_mkdir_with_parents (out, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not make the folder %s: %s"), out, g_strerror (saved));
      return NULL;
    }
  if (one_file)
    {
      g_autoptr(PwBillStatement) statement = NULL;

      g_ptr_array_add (active, NULL);
      statement = pw_bill_statement_new (store, park_id, (const char *const *) active->pdata,
                                         start, end, age, error);
      if (statement == NULL || !pw_bill_statement_write_pdf (statement, out, error))
        return NULL;
      g_ptr_array_add (written, g_strdup (out));
      return g_steal_pointer (&written);
    }
  for (guint i = 0; i < active->len; i++)
    {
      g_autofree char *base = pw_doc_file_name (names->pdata[i]);
      g_autofree char *name = g_strdup_printf ("%s.pdf", base);
      g_autofree char *path = NULL;

      /* two customers of one name get "Name (2).pdf" */
      for (guint n = 2; g_hash_table_contains (taken, name); n++)
        {
          g_free (name);
          name = g_strdup_printf ("%s (%u).pdf", base, n);
        }
      g_hash_table_add (taken, g_strdup (name));
      path = g_build_filename (out, name, NULL);
      if (!pw_bill_statement_export (store, park_id, active->pdata[i], start, end, age, path,
                                     error))
        return NULL;
      g_ptr_array_add (written, g_steal_pointer (&path));
    }
  return g_steal_pointer (&written);
}
