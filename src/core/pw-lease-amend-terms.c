/* pw-lease-amend-terms.c — the terms an amendment writes: the current terms with
 * spaces added or given up and the end moved, from the effective date and not before
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Spaces added or given up from a charge's first day change the charge's spaces;
 * from a later day each per-m² charge ends the day before and a copy of it, with
 * the new spaces and the price then in force, runs from that date. A new end moves
 * the term's end and the charges that ran to it. A charge that escalates by a
 * percentage or an index cannot be split for its spaces mid-term without changing
 * what it bills before the date, so that is refused (docs/amendments.md).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pw-error.h"
#include "pw-lease-terms.h"

static char *
day_before (const char *iso)
{
  unsigned y = 0, m = 0, d = 0;
  GDate date;
  char out[11];

  if (sscanf (iso, "%4u-%2u-%2u", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return g_strdup (iso);
  g_date_set_dmy (&date, d, m, y);
  g_date_subtract_days (&date, 1);
  g_snprintf (out, sizeof out, "%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
              g_date_get_day (&date));
  return g_strdup (out);
}

/* A copy of @node that shares nothing with it (json_node_copy() shares objects and arrays). */
static JsonNode *
deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (object, l->data,
                                deep_copy (json_object_get_member (json_node_get_object (node), l->data)));
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, object);
      return copy;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *source = json_node_get_array (node), *array = json_array_new ();

      for (guint i = 0; i < json_array_get_length (source); i++)
        json_array_add_element (array, deep_copy (json_array_get_element (source, i)));
      copy = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (copy, array);
      return copy;
    }
  return json_node_copy (node);
}

static JsonObject *
find_charge (JsonArray  *charges,
             const char *code)
{
  for (guint i = 0; charges != NULL && i < json_array_get_length (charges); i++)
    {
      JsonObject *c = json_array_get_object_element (charges, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (c, "code", ""), code) == 0)
        return c;
    }
  return NULL;
}

static const char *
escalation_type (JsonObject *charge)
{
  JsonNode *node = json_object_get_member (charge, "escalation");

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return "none";
  return json_object_get_string_member_with_default (json_node_get_object (node), "type", "none");
}

static gboolean
refuse_rule_escalation (JsonObject  *charge,
                        const char  *charge_start,
                        GError     **error)
{
  const char *type = escalation_type (charge);

  if (g_str_equal (type, "fixed") || g_str_equal (type, "cpi"))
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   /* Translators: a charge's code and its first day */
                   _("%s escalates by a percentage or an index, so its price and spaces can only "
                     "change from its first day, %s"),
                   json_object_get_string_member_with_default (charge, "code", ""), charge_start);
      return FALSE;
    }
  return TRUE;
}

/* The unit price of @charge in force on @date (its last step on or before it). */
static const char *
price_on (JsonObject *charge,
          const char *date)
{
  const char *price = json_object_get_string_member_with_default (charge, "unit_price", "0");
  JsonNode *node = json_object_get_member (charge, "escalation");
  JsonArray *steps;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node)
      || !json_object_has_member (json_node_get_object (node), "steps"))
    return price;
  steps = json_object_get_array_member (json_node_get_object (node), "steps");
  for (guint i = 0; steps != NULL && i < json_array_get_length (steps); i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (step, "from", ""), date) <= 0)
        price = json_object_get_string_member_with_default (step, "unit_price", price);
    }
  return price;
}

/* Keeps the price steps of @charge with from after @after and not after @until
 * (either NULL for no bound); drops the escalation when none is left. */
static void
keep_steps (JsonObject *charge,
            const char *after,
            const char *until)
{
  JsonNode *node = json_object_get_member (charge, "escalation");
  JsonObject *escalation;
  JsonArray *steps, *kept;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  escalation = json_node_get_object (node);
  if (!g_str_equal (escalation_type (charge), "steps") || !json_object_has_member (escalation, "steps"))
    return;
  steps = json_object_get_array_member (escalation, "steps");
  kept = json_array_new ();
  for (guint i = 0; steps != NULL && i < json_array_get_length (steps); i++)
    {
      JsonNode *step = json_array_get_element (steps, i);
      const char *from = json_object_get_string_member_with_default (json_node_get_object (step), "from", "");

      if ((after == NULL || strcmp (from, after) > 0) && (until == NULL || strcmp (from, until) <= 0))
        json_array_add_element (kept, json_node_copy (step));
    }
  if (json_array_get_length (kept) == 0)
    {
      json_array_unref (kept);
      json_object_remove_member (charge, "escalation");
      return;
    }
  json_object_set_array_member (escalation, "steps", kept);
}

static JsonArray *
strings_array (GPtrArray *codes)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < codes->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (codes, i));
  return array;
}

/* A code for the part of @code from an amendment, unused by @charges. */
static char *
split_code (JsonArray  *charges,
            const char *code,
            gint64      version)
{
  char *candidate = g_strdup_printf ("%s-v%d", code, (int) version);

  for (int n = 2; find_charge (charges, candidate) != NULL; n++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s-v%d-%d", code, (int) version, n);
    }
  return candidate;
}

static gboolean
apply_spaces (JsonObject             *root,
              const char             *effective,
              const char             *term_start,
              gint64                  version,
              const char *const      *removed_codes,
              const PwLeaseFormSpace *added_spaces,
              guint                   n_added,
              GError                **error)
{
  JsonArray *spaces = json_object_has_member (root, "spaces") ? json_object_get_array_member (root, "spaces") : NULL;
  JsonArray *charges = json_object_get_array_member (root, "charges");
  JsonArray *new_spaces = json_array_new ();
  JsonArray *new_charges = json_array_new ();
  g_autoptr(GPtrArray) removed = g_ptr_array_new ();
  g_autofree char *before = day_before (effective);
  const char *basis = "gross";

  for (guint i = 0; removed_codes != NULL && removed_codes[i] != NULL; i++)
    g_ptr_array_add (removed, (gpointer) removed_codes[i]);
  for (guint i = 0; spaces != NULL && i < json_array_get_length (spaces); i++)
    {
      JsonObject *sp = json_array_get_object_element (spaces, i);
      const char *code = json_object_get_string_member_with_default (sp, "code", "");

      basis = json_object_get_string_member_with_default (sp, "basis", basis);
      if (!g_ptr_array_find_with_equal_func (removed, code, g_str_equal, NULL))
        json_array_add_element (new_spaces, deep_copy (json_array_get_element (spaces, i)));
    }
  for (guint i = 0; i < n_added; i++)
    {
      const PwLeaseFormSpace *s = &added_spaces[i];
      JsonObject *sp = json_object_new ();
      g_autofree char *area = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", s->area / 100,
                                               (int) (s->area % 100));

      json_object_set_string_member (sp, "code", s->code);
      json_object_set_string_member (sp, "area", area);
      json_object_set_string_member (sp, "basis", basis);
      json_array_add_object_element (new_spaces, sp);
    }
  json_object_set_array_member (root, "spaces", new_spaces);

  for (guint i = 0; i < json_array_get_length (charges); i++)
    {
      JsonNode *node = json_array_get_element (charges, i);
      JsonObject *charge = json_node_get_object (node);
      const char *charge_start = json_object_get_string_member_with_default (charge, "start", term_start);
      g_autoptr(GPtrArray) codes = g_ptr_array_new ();
      JsonArray *old;

      if (!json_object_has_member (charge, "spaces")
          || g_strcmp0 (json_object_get_string_member_with_default (charge, "unit", ""), "month") == 0
          || g_strcmp0 (json_object_get_string_member_with_default (charge, "end", "9999"), effective) < 0)
        {
          json_array_add_element (new_charges, deep_copy (node));
          continue;
        }
      old = json_object_get_array_member (charge, "spaces");
      for (guint k = 0; k < json_array_get_length (old); k++)
        if (!g_ptr_array_find_with_equal_func (removed, json_array_get_string_element (old, k),
                                               g_str_equal, NULL))
          g_ptr_array_add (codes, (gpointer) json_array_get_string_element (old, k));
      for (guint k = 0; k < n_added; k++)
        g_ptr_array_add (codes, (gpointer) added_spaces[k].code);

      if (strcmp (effective, charge_start) <= 0)
        {
          /* from its first day: the charge simply has the new spaces */
          JsonNode *copy = deep_copy (node);

          if (codes->len > 0)
            {
              json_object_set_array_member (json_node_get_object (copy), "spaces", strings_array (codes));
              json_array_add_element (new_charges, copy);
            }
          else
            json_node_unref (copy);
          continue;
        }
      if (!refuse_rule_escalation (charge, charge_start, error))
        {
          json_array_unref (new_charges);
          return FALSE;
        }
      {
        /* the charge as it was until the day before, then its copy with the new spaces */
        JsonNode *until = deep_copy (node);
        JsonObject *u = json_node_get_object (until);

        json_object_set_string_member (u, "end", before);
        keep_steps (u, NULL, before);
        json_array_add_element (new_charges, until);
        if (codes->len > 0)
          {
            JsonNode *from = deep_copy (node);
            JsonObject *f = json_node_get_object (from);
            g_autofree char *code = split_code (charges, json_object_get_string_member (charge, "code"),
                                                version);

            json_object_set_string_member (f, "code", code);
            json_object_set_string_member (f, "start", effective);
            json_object_set_string_member (f, "unit_price", price_on (charge, effective));
            json_object_set_array_member (f, "spaces", strings_array (codes));
            keep_steps (f, effective, NULL);
            json_array_add_element (new_charges, from);
          }
      }
    }
  json_object_set_array_member (root, "charges", new_charges);
  return TRUE;
}

static void
apply_end (JsonObject *root,
           const char *old_end,
           const char *end)
{
  JsonArray *charges = json_object_get_array_member (root, "charges");

  json_object_set_string_member (root, "end", end);
  for (guint i = 0; i < json_array_get_length (charges); i++)
    {
      JsonObject *charge = json_array_get_object_element (charges, i);
      const char *charge_end = json_object_get_string_member_with_default (charge, "end", NULL);

      if (charge_end != NULL && (g_str_equal (charge_end, old_end) || strcmp (charge_end, end) > 0))
        json_object_set_string_member (charge, "end", end);
      keep_steps (charge, NULL, end);
    }
}

char *
pw_lease_amend_terms (const char              *terms,
                      const char              *effective,
                      const char              *old_end,
                      const char              *end,
                      const char *const       *removed,
                      const PwLeaseFormSpace  *added,
                      guint                    n_added,
                      gint64                   version,
                      GError                 **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *root;
  const char *term_start;

  g_return_val_if_fail (terms != NULL && effective != NULL, NULL);

  if (!json_parser_load_from_data (parser, terms, -1, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                           _("The contract’s terms are not a JSON object"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "charges"))
    json_object_set_array_member (root, "charges", json_array_new ());
  term_start = json_object_get_string_member_with_default (root, "start", effective);
  if (((removed != NULL && removed[0] != NULL) || n_added > 0)
      && !apply_spaces (root, effective, term_start, version, removed, added, n_added, error))
    return NULL;
  if (end != NULL && old_end != NULL && !g_str_equal (end, old_end))
    apply_end (root, old_end, end);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}
