/* pw-rent-review.c — a charge's new price from a date within the term (a rent review)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A review from a later day than the charge's first keeps what the charge bills
 * before that day by writing its prices as a table (escalation "steps"):
 *   1. the prices the engine works out before the review's date
 *      (pw_schedule_price_points(): the same figures, to the digit);
 *   2. the new price from the review's date;
 *   3. after it, the escalation as the review says (docs/amendments.md): the same
 *      rise on the same dates, the same rise counted from the review, or none.
 * The charge keeps its code, so deposits, free periods and reports that name it
 * still do. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-date.h"
#include "pw-contract.h"
#include "pw-decimal.h"
#include "pw-error.h"
#include "pw-ledger.h"
#include "pw-rent-review.h"
#include "pw-row.h"
#include "pw-schedule-private.h"
#include "pw-text.h"

static void
add_step (JsonArray *steps, const GDate *from, PwDecimal price)
{
  JsonObject *step = json_object_new ();
  g_autofree char *date = pw_date_format_iso_new (from);
  g_autofree char *text = pw_decimal_to_string (price);

  json_object_set_string_member (step, "from", date);
  json_object_set_string_member (step, "unit_price", text);
  json_array_add_object_element (steps, step);
}

/* @price risen @k times by the fixed escalation @e, as the engine rises a price. */
static gboolean
risen (const PwEscalation *e, PwDecimal price, guint k, PwDecimal *out, GError **error)
{
  PwDecimal g, factor = pw_decimal_from_int (1, 0);

  if (!pw_decimal_div (e->percent, pw_decimal_from_int (100, 0), 12, PW_ROUND_HALF_UP, &g, error))
    return FALSE;
  if (e->simple)
    {
      PwDecimal kg;

      if (!pw_decimal_mul (g, pw_decimal_from_int (k, 0), &kg, error)
          || !pw_decimal_add (pw_decimal_from_int (1, 0), kg, &factor, error))
        return FALSE;
    }
  else
    for (guint i = 0; i < k; i++)
      {
        PwDecimal one_g;

        if (!pw_decimal_add (pw_decimal_from_int (1, 0), g, &one_g, error)
            || !pw_decimal_mul (factor, one_g, &factor, error)
            || !pw_decimal_rescale (factor, MIN (factor.scale, 20), PW_ROUND_HALF_UP, &factor, error))
          return FALSE;
      }
  if (!pw_decimal_mul (price, factor, out, error)
      || !pw_decimal_rescale (*out, e->price_decimals < 0 ? 10 : e->price_decimals,
                              PW_ROUND_HALF_UP, out, error))
    return FALSE;
  *out = pw_decimal_normalize (*out);
  return TRUE;
}

char *
pw_terms_review_price (const char          *terms,
                       const char          *code,
                       const char          *effective,
                       const char          *price,
                       PwReviewEscalation   escalation,
                       GError             **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(PwContract) contract = NULL;
  g_autoptr(GArray) points = NULL;
  JsonObject *root, *charge = NULL, *new_escalation;
  JsonArray *charges, *steps;
  const PwCharge *ch = NULL;
  PwDecimal value;
  GDate from;
  guint index = 0;

  contract = pw_contract_parse (terms, -1, error);
  if (contract == NULL || !json_parser_load_from_data (parser, terms, -1, error))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  charges = json_object_get_array_member (root, "charges");
  for (guint i = 0; i < contract->charges->len && ch == NULL; i++)
    if (g_strcmp0 (((PwCharge *) contract->charges->pdata[i])->code, code) == 0)
      {
        ch = contract->charges->pdata[i];
        index = i;
        charge = json_array_get_object_element (charges, i);
      }
  if (ch == NULL || charge == NULL
      || g_strcmp0 (json_object_get_string_member_with_default (charge, "code", ""), code) != 0)
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "charges",
                          _("the contract has no charge “%s”"), code ? code : "");
      return NULL;
    }
  if (price == NULL || !pw_decimal_parse (price, &value, NULL) || pw_decimal_sign (value) < 0)
    {
      /* Translators: a charge's code and what was typed as its price */
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "unit_price",
                          _("the new price of %s, “%s”, is not a price such as 3.2000"), code,
                          price ? price : "");
      return NULL;
    }
  if (!pw_date_parse_iso (effective, &from) || g_date_compare (&from, &ch->end) > 0)
    {
      g_autofree char *end = pw_date_format_iso_new (&ch->end);

      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "effective_date",
                          _("a new price of %s takes effect on a date up to its end, %s"), code,
                          end);
      return NULL;
    }

  if (g_date_compare (&from, &ch->start) <= 0)
    {
      /* from its first day the price is simply the new one */
      json_object_set_string_member (charge, "unit_price", price);
      if (escalation == PW_REVIEW_ESCALATION_STOP)
        json_object_remove_member (charge, "escalation");
    }
  else
    {
      if (ch->escalation.kind == PW_ESCALATION_CPI && escalation != PW_REVIEW_ESCALATION_STOP)
        {
          pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "escalation",
                              _("%s follows a price index, which cannot carry on from a reviewed "
                                "price: the review must end its escalation"), code);
          return NULL;
        }
      points = pw_schedule_price_points (contract, index, error);
      if (points == NULL)
        return NULL;
      steps = json_array_new ();
      /* 1: the prices before the review, to the digit */
      for (guint i = 1; i < points->len; i++)
        {
          PwPriceStep *p = &g_array_index (points, PwPriceStep, i);

          if (g_date_compare (&p->from, &from) < 0)
            add_step (steps, &p->from, p->unit_price);
        }
      /* 2 */
      add_step (steps, &from, value);
      /* 3 */
      if (escalation != PW_REVIEW_ESCALATION_STOP && ch->escalation.kind == PW_ESCALATION_STEPS)
        {
          for (guint i = 0; i < ch->escalation.steps->len; i++)
            {
              PwPriceStep *s = &g_array_index (ch->escalation.steps, PwPriceStep, i);

              if (g_date_compare (&s->from, &from) > 0)
                add_step (steps, &s->from, s->unit_price);
            }
        }
      else if (escalation != PW_REVIEW_ESCALATION_STOP && ch->escalation.kind == PW_ESCALATION_FIXED)
        {
          const PwEscalation *e = &ch->escalation;
          GDate anchor = from;
          guint j = 0;

          if (escalation == PW_REVIEW_ESCALATION_CONTINUE)
            anchor = e->anchor == PW_ESCALATION_ANCHOR_RENT_COMMENCEMENT ? contract->rent_commencement
                     : e->anchor == PW_ESCALATION_ANCHOR_SIGNING ? contract->signed_on
                     : contract->start;
          for (guint k = 1;; k++)
            {
              GDate when = anchor;
              PwDecimal p;

              g_date_add_years (&when, k * e->every_years);
              if (g_date_compare (&when, &ch->end) > 0)
                break;
              if (g_date_compare (&when, &from) <= 0)
                continue;
              if (!risen (e, value, ++j, &p, error))
                {
                  json_array_unref (steps);
                  return NULL;
                }
              add_step (steps, &when, p);
            }
        }
      /* the opening price as the engine had it (an escalation on the first day sets it) */
      {
        g_autofree char *opening = pw_decimal_to_string (
          pw_decimal_normalize (g_array_index (points, PwPriceStep, 0).unit_price));

        if (pw_decimal_cmp (g_array_index (points, PwPriceStep, 0).unit_price, ch->unit_price) != 0)
          json_object_set_string_member (charge, "unit_price", opening);
      }
      new_escalation = json_object_new ();
      json_object_set_string_member (new_escalation, "type", "steps");
      json_object_set_array_member (new_escalation, "steps", steps);
      json_object_set_object_member (charge, "escalation", new_escalation);
    }

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, json_parser_get_root (parser));
  {
    char *out = json_generator_to_data (generator, NULL);
    g_autoptr(PwContract) check = pw_contract_parse (out, -1, error);

    if (check == NULL)
      {
        g_free (out);
        return NULL;
      }
    return out;
  }
}
