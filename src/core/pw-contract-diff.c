/* pw-contract-diff.c — what changed between two versions of a contract's terms
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-contract-diff.h"
#include "pw-contract.h"
#include "pw-i18n.h"

void
pw_contract_change_free (PwContractChange *change)
{
  if (change == NULL)
    return;
  g_free (change->path);
  g_free (change->before);
  g_free (change->after);
  g_free (change->sentence);
  g_free (change);
}

/* ---- values as text ------------------------------------------------------------- */

static char *
node_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  generator = json_generator_new ();
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* A value as a person reads it: strings without quotes, absent as a dash. */
static char *
node_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      GString *text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item = node_text (json_array_get_element (array, i));

          g_string_append_printf (text, "%s%s", i ? ", " : "", item);
        }
      return g_string_free (text, FALSE);
    }
  return node_json (node);
}

static gboolean
nodes_equal (JsonNode *a, JsonNode *b)
{
  gboolean a_null = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean b_null = b == NULL || JSON_NODE_HOLDS_NULL (b);

  if (a_null || b_null)
    return a_null == b_null;
  return json_node_equal (a, b);
}

static JsonNode *
get_member (JsonObject *object, const char *name)
{
  return object != NULL && json_object_has_member (object, name)
           ? json_object_get_member (object, name) : NULL;
}

static const char *
get_string (JsonObject *object, const char *name, const char *fallback)
{
  JsonNode *node = get_member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return fallback;
}

static void
add_change (GPtrArray *changes, const char *path, JsonNode *before, JsonNode *after,
            char *sentence)
{
  PwContractChange *change = g_new0 (PwContractChange, 1);

  change->path = g_strdup (path);
  change->before = node_json (before);
  change->after = node_json (after);
  change->sentence = sentence;
  g_ptr_array_add (changes, change);
}

/* ---- labels --------------------------------------------------------------------- */

static const char *
member_label (const char *name)
{
  static const struct {
    const char *name;
    const char *label;
  } labels[] = {
    { "id", N_("Contract id") },
    { "currency", N_("Currency") },
    { "signed", N_("Signing date") },
    { "start", N_("Start date") },
    { "end", N_("End date") },
    { "landlord", N_("Landlord") },
    { "tenant", N_("Tenant") },
    { "unit_price", N_("unit price") },
    { "unit", N_("price unit") },
    { "kind", N_("kind") },
    { "seller", N_("seller") },
    { "tax_code", N_("tax code") },
    { "tax_included", N_("tax included") },
    { "spaces", N_("spaces") },
    { "standard_month", N_("standard month") },
    { "anchor", N_("period anchor") },
    { "frequency", N_("frequency") },
    { "timing", N_("timing") },
    { "lead_days", N_("lead days") },
    { "due", N_("due rule") },
    { "proration", N_("proration") },
    { "escalation", N_("escalation") },
    { "months", N_("months") },
    { "amount", N_("amount") },
    { "charges", N_("charges") },
    { "round_to", N_("rounding") },
    { "mode", N_("rounding mode") },
    { "carried_over", N_("carried over") },
    { "date", N_("date") },
    { "penalty", N_("penalty") },
    { "penalty_tax_code", N_("penalty tax code") },
    { "level", N_("level") },
    { "to", N_("rounded to") },
    { "daily_rate", N_("daily rate") },
    { "grace_days", N_("grace days") },
    { "cap", N_("cap") },
    { "option", N_("option") },
    { "term_months", N_("term in months") },
    { "notice_days", N_("notice days") },
    { "rate", N_("rate") },
    { "name", N_("name") },
    { "area", N_("area") },
    { "basis", N_("area basis") },
    { "type", N_("type") },
    { "percent", N_("percent") },
    { "every_years", N_("every N years") },
    { "method", N_("method") },
    { "price_decimals", N_("price decimals") },
    { "floor", N_("floor") },
    { "deposit", N_("Deposit") },
    { "termination", N_("Termination") },
    { "rounding", N_("Rounding") },
    { "late_fee", N_("Late fee") },
    { "renewal", N_("Renewal option") },
    { "parties", N_("Parties") },
    { "cpi_index", N_("Price index") },
    { "sellers", N_("Sellers") },
    { "tax_codes", N_("Tax codes") },
    { "free_periods", N_("Free periods") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].name, name))
      return _(labels[i].label);
  return name;
}

static const char *
unit_words (const char *unit)
{
  if (g_strcmp0 (unit, "m2_day") == 0)
    return _("per m² per day");
  if (g_strcmp0 (unit, "m2_month") == 0)
    return _("per m² per month");
  if (g_strcmp0 (unit, "month") == 0)
    return _("per month");
  return "";
}

/* "Rent", "Property fee", or the kind's word with the charge's code when they differ. */
static char *
charge_label (JsonObject *charge)
{
  const char *code = get_string (charge, "code", "");
  const char *kind = get_string (charge, "kind", code);
  const char *word;

  word = pw_charge_label (kind);
  if (g_str_equal (code, kind))
    return g_strdup (word);
  /* Translators: a charge by its kind and its code, e.g. "Rent (rent-2)" */
  return g_strdup_printf (_("%s (%s)"), word, code);
}

/* ---- comparing ------------------------------------------------------------------ */

static void diff_object (GPtrArray *changes, const char *path, const char *label,
                         JsonObject *before, JsonObject *after);

/* One member that differs: its sentence names @label (NULL: the member's own label). */
static void
diff_value (GPtrArray *changes, const char *path, const char *label, const char *name,
            JsonNode *before, JsonNode *after)
{
  g_autofree char *a = NULL, *b = NULL;
  char *sentence;

  if (nodes_equal (before, after))
    return;
  if (before != NULL && after != NULL && JSON_NODE_HOLDS_OBJECT (before)
      && JSON_NODE_HOLDS_OBJECT (after))
    {
      g_autofree char *sub = label ? g_strdup_printf ("%s, %s", label, member_label (name))
                                   : g_strdup (member_label (name));

      diff_object (changes, path, sub, json_node_get_object (before), json_node_get_object (after));
      return;
    }
  a = node_text (before);
  b = node_text (after);
  if (label != NULL)
    /* Translators: a change of a part of the terms: whose, what, before → after */
    sentence = g_strdup_printf (_("%s: %s %s → %s"), label, member_label (name), a, b);
  else
    /* Translators: a change of the terms: what, before → after */
    sentence = g_strdup_printf (_("%s: %s → %s"), member_label (name), a, b);
  add_change (changes, path, before, after, sentence);
}

/* The union of both objects' member names, @before's order first. */
static GPtrArray *
member_names (JsonObject *before, JsonObject *after)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  JsonObject *objects[2] = { before, after };

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(GList) list = objects[k] ? json_object_get_members (objects[k]) : NULL;

      for (GList *l = list; l != NULL; l = l->next)
        {
          gboolean seen = FALSE;

          for (guint i = 0; i < names->len && !seen; i++)
            seen = g_str_equal (g_ptr_array_index (names, i), l->data);
          if (!seen)
            g_ptr_array_add (names, g_strdup (l->data));
        }
    }
  return names;
}

static void
diff_object (GPtrArray *changes, const char *path, const char *label, JsonObject *before,
             JsonObject *after)
{
  g_autoptr(GPtrArray) names = member_names (before, after);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *sub = path && *path ? g_strdup_printf ("%s.%s", path, name) : g_strdup (name);

      diff_value (changes, sub, label, name, get_member (before, name), get_member (after, name));
    }
}

/* The object of @array whose @key is @value, or NULL. */
static JsonObject *
find_by (JsonArray *array, const char *key, const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (node)
          && g_strcmp0 (get_string (json_node_get_object (node), key, NULL), value) == 0)
        return json_node_get_object (node);
    }
  return NULL;
}

static JsonArray *
get_array (JsonObject *object, const char *name)
{
  JsonNode *node = get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* The keys of both arrays' objects, @before's order first. */
static GPtrArray *
array_keys (JsonArray *before, JsonArray *after, const char *key)
{
  GPtrArray *keys = g_ptr_array_new ();
  JsonArray *arrays[2] = { before, after };

  for (guint k = 0; k < 2; k++)
    for (guint i = 0; arrays[k] != NULL && i < json_array_get_length (arrays[k]); i++)
      {
        JsonNode *node = json_array_get_element (arrays[k], i);
        const char *value;

        if (!JSON_NODE_HOLDS_OBJECT (node)
            || (value = get_string (json_node_get_object (node), key, NULL)) == NULL)
          continue;
        if (!g_ptr_array_find_with_equal_func (keys, value, g_str_equal, NULL))
          g_ptr_array_add (keys, (gpointer) value);
      }
  return keys;
}

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

static void
diff_spaces (GPtrArray *changes, JsonArray *before, JsonArray *after)
{
  g_autoptr(GPtrArray) codes = array_keys (before, after, "code");

  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      JsonObject *a = find_by (before, "code", code), *b = find_by (after, "code", code);
      g_autoptr(JsonNode) an = object_node (a), bn = object_node (b);
      g_autofree char *path = g_strdup_printf ("spaces[%s]", code);

      if (nodes_equal (an, bn))
        continue;
      if (a == NULL)
        add_change (changes, path, NULL, bn,
                    /* Translators: a space added to a contract, with its area in m² */
                    g_strdup_printf (_("Space %s added (%s m²)"), code, get_string (b, "area", "—")));
      else if (b == NULL)
        add_change (changes, path, an, NULL,
                    /* Translators: a space taken out of a contract, with its area in m² */
                    g_strdup_printf (_("Space %s removed (%s m²)"), code, get_string (a, "area", "—")));
      else
        {
          /* Translators: the space whose terms changed, e.g. "Space T1-F03-008" */
          g_autofree char *label = g_strdup_printf (_("Space %s"), code);

          diff_object (changes, path, label, a, b);
        }
    }
}

static void
diff_steps (GPtrArray *changes, const char *path, const char *label, const char *unit,
            JsonArray *before, JsonArray *after)
{
  g_autoptr(GPtrArray) dates = array_keys (before, after, "from");

  for (guint i = 0; i < dates->len; i++)
    {
      const char *from = g_ptr_array_index (dates, i);
      JsonObject *a = find_by (before, "from", from), *b = find_by (after, "from", from);
      g_autoptr(JsonNode) an = object_node (a), bn = object_node (b);
      g_autofree char *sub = g_strdup_printf ("%s.steps[%s]", path, from);

      if (nodes_equal (an, bn))
        continue;
      if (a == NULL)
        add_change (changes, sub, NULL, bn,
                    /* Translators: a new price step: the charge, the date, the price and its unit */
                    g_strdup_printf (_("%s: unit price %s %s from %s"), label,
                                     get_string (b, "unit_price", "—"), unit, from));
      else if (b == NULL)
        add_change (changes, sub, an, NULL,
                    /* Translators: a price step taken out: the charge, the date */
                    g_strdup_printf (_("%s: no price step from %s"), label, from));
      else
        add_change (changes, sub, an, bn,
                    /* Translators: a price step changed: charge, date, old and new price, unit */
                    g_strdup_printf (_("%s: unit price from %s %s → %s %s"), label, from,
                                     get_string (a, "unit_price", "—"),
                                     get_string (b, "unit_price", "—"), unit));
    }
}

static void
diff_charge (GPtrArray *changes, const char *path, JsonObject *a, JsonObject *b)
{
  g_autofree char *label = charge_label (b);
  g_autoptr(GPtrArray) names = member_names (a, b);
  const char *unit = unit_words (get_string (b, "unit", NULL));

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      JsonNode *x = get_member (a, name), *y = get_member (b, name);
      g_autofree char *sub = g_strdup_printf ("%s.%s", path, name);

      if (nodes_equal (x, y))
        continue;
      if (g_str_equal (name, "unit_price") && g_strcmp0 (get_string (a, "unit", NULL),
                                                         get_string (b, "unit", NULL)) == 0)
        {
          g_autofree char *p = node_text (x), *q = node_text (y);

          /* Translators: e.g. "Rent: unit price 3.2000 → 3.3600 per m² per day" */
          add_change (changes, sub, x, y,
                      g_strdup_printf (_("%s: unit price %s → %s %s"), label, p, q, unit));
        }
      else if (g_str_equal (name, "escalation") && x != NULL && y != NULL
               && JSON_NODE_HOLDS_OBJECT (x) && JSON_NODE_HOLDS_OBJECT (y))
        {
          JsonObject *ex = json_node_get_object (x), *ey = json_node_get_object (y);
          g_autoptr(GPtrArray) fields = member_names (ex, ey);

          for (guint k = 0; k < fields->len; k++)
            {
              const char *field = g_ptr_array_index (fields, k);
              g_autofree char *esc = g_strdup_printf ("%s.%s", sub, field);
              g_autofree char *esc_label = g_strdup_printf ("%s, %s", label, member_label ("escalation"));

              if (g_str_equal (field, "steps"))
                diff_steps (changes, sub, label, unit, get_array (ex, "steps"), get_array (ey, "steps"));
              else
                diff_value (changes, esc, esc_label, field, get_member (ex, field), get_member (ey, field));
            }
        }
      else if (g_str_equal (name, "escalation") && y != NULL && JSON_NODE_HOLDS_OBJECT (y)
               && g_strcmp0 (get_string (json_node_get_object (y), "type", NULL), "steps") == 0
               && (x == NULL || g_strcmp0 (get_string (json_node_get_object (x), "type", NULL), "none") == 0))
        diff_steps (changes, sub, label, unit, NULL, get_array (json_node_get_object (y), "steps"));
      else
        diff_value (changes, sub, label, name, x, y);
    }
}

static void
diff_charges (GPtrArray *changes, JsonArray *before, JsonArray *after)
{
  g_autoptr(GPtrArray) codes = array_keys (before, after, "code");

  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      JsonObject *a = find_by (before, "code", code), *b = find_by (after, "code", code);
      g_autoptr(JsonNode) an = object_node (a), bn = object_node (b);
      g_autofree char *path = g_strdup_printf ("charges[%s]", code);

      if (nodes_equal (an, bn))
        continue;
      if (a == NULL || b == NULL)
        {
          g_autofree char *label = charge_label (a ? a : b);
          const char *price = get_string (a ? a : b, "unit_price", "—");
          const char *unit = unit_words (get_string (a ? a : b, "unit", NULL));

          add_change (changes, path, an, bn,
                      a == NULL
                      /* Translators: a charge added to the terms, with its price and unit */
                      ? g_strdup_printf (_("%s added: unit price %s %s"), label, price, unit)
                      /* Translators: a charge taken out of the terms */
                      : g_strdup_printf (_("%s removed"), label));
        }
      else
        diff_charge (changes, path, a, b);
    }
}

static void
diff_keyed (GPtrArray *changes, const char *member, JsonArray *before, JsonArray *after)
{
  g_autoptr(GPtrArray) codes = array_keys (before, after, "code");

  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      JsonObject *a = find_by (before, "code", code), *b = find_by (after, "code", code);
      g_autoptr(JsonNode) an = object_node (a), bn = object_node (b);
      g_autofree char *path = g_strdup_printf ("%s[%s]", member, code);
      g_autofree char *label = g_strdup_printf ("%s %s", member_label (member), code);

      if (nodes_equal (an, bn))
        continue;
      if (a == NULL || b == NULL)
        {
          g_autofree char *value = node_text (a ? an : bn);

          add_change (changes, path, an, bn,
                      a == NULL
                      /* Translators: an entry added to a list of the terms, e.g. "Sellers PM added: …" */
                      ? g_strdup_printf (_("%s added: %s"), label, value)
                      /* Translators: an entry taken out of a list of the terms */
                      : g_strdup_printf (_("%s removed"), label));
        }
      else
        diff_object (changes, path, label, a, b);
    }
}

static char *
free_key (JsonObject *free)
{
  return g_strdup_printf ("%s..%s", get_string (free, "start", ""), get_string (free, "end", ""));
}

static char *
free_sentence (JsonObject *free, gboolean added)
{
  const char *start = get_string (free, "start", "—"), *end = get_string (free, "end", "—");
  gboolean fit_out = g_strcmp0 (get_string (free, "kind", NULL), "fit_out") == 0;

  if (fit_out)
    return added ? g_strdup_printf (_("Fit-out period %s to %s added"), start, end)
                 : g_strdup_printf (_("Fit-out period %s to %s removed"), start, end);
  return added ? g_strdup_printf (_("Rent-free period %s to %s added"), start, end)
               : g_strdup_printf (_("Rent-free period %s to %s removed"), start, end);
}

static void
diff_free_periods (GPtrArray *changes, JsonArray *before, JsonArray *after)
{
  JsonArray *arrays[2] = { before, after };

  /* a period is its range: one that moves is one removed and one added */
  for (guint k = 0; k < 2; k++)
    for (guint i = 0; arrays[k] != NULL && i < json_array_get_length (arrays[k]); i++)
      {
        JsonNode *node = json_array_get_element (arrays[k], i);
        JsonObject *free, *other = NULL;
        JsonArray *others = arrays[1 - k];
        g_autofree char *key = NULL, *path = NULL;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          continue;
        free = json_node_get_object (node);
        key = free_key (free);
        path = g_strdup_printf ("free_periods[%s]", key);
        for (guint j = 0; others != NULL && j < json_array_get_length (others) && other == NULL; j++)
          {
            JsonNode *o = json_array_get_element (others, j);
            g_autofree char *okey = JSON_NODE_HOLDS_OBJECT (o) ? free_key (json_node_get_object (o)) : NULL;

            if (g_strcmp0 (okey, key) == 0)
              other = json_node_get_object (o);
          }
        if (other == NULL)
          add_change (changes, path, k == 0 ? node : NULL, k == 0 ? NULL : node,
                      free_sentence (free, k == 1));
        else if (k == 0)
          {
            g_autofree char *title = NULL;
            const char *start = get_string (free, "start", "—"), *end = get_string (free, "end", "—");

            /* Translators: a free period by its range, e.g. "Free period 2026-01-01 to 2026-03-31" */
            title = g_strdup_printf (_("Free period %s to %s"), start, end);
            diff_object (changes, path, title, free, other);
          }
      }
}

GPtrArray *
pw_contract_diff (JsonObject *before, JsonObject *after)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_contract_change_free);
  g_autoptr(GPtrArray) names = member_names (before, after);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      JsonNode *a = get_member (before, name), *b = get_member (after, name);

      if (nodes_equal (a, b))
        continue;
      if (g_str_equal (name, "spaces"))
        diff_spaces (changes, get_array (before, name), get_array (after, name));
      else if (g_str_equal (name, "charges"))
        diff_charges (changes, get_array (before, name), get_array (after, name));
      else if (g_str_equal (name, "sellers") || g_str_equal (name, "tax_codes"))
        diff_keyed (changes, name, get_array (before, name), get_array (after, name));
      else if (g_str_equal (name, "free_periods"))
        diff_free_periods (changes, get_array (before, name), get_array (after, name));
      else if (g_str_equal (name, "parties") && a != NULL && b != NULL
               && JSON_NODE_HOLDS_OBJECT (a) && JSON_NODE_HOLDS_OBJECT (b))
        diff_object (changes, name, NULL, json_node_get_object (a), json_node_get_object (b));
      else
        diff_value (changes, name, NULL, name, a, b);
    }
  return changes;
}

static JsonObject *
parse_object (const char *text, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  if (text == NULL || strlen (text) > PW_CONTRACT_MAX_BYTES)
    {
      g_set_error (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_SYNTAX,
                   _("The terms are not the contract’s JSON form"));
      return NULL;
    }
  /* strict form first: it refuses deep nesting before json-glib recurses */
  {
    g_autoptr(PwContract) contract = pw_contract_parse (text, -1, &local);

    if (contract == NULL && g_error_matches (local, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_SYNTAX))
      {
        g_propagate_error (error, g_steal_pointer (&local));
        return NULL;
      }
  }
  if (!json_parser_load_from_data (parser, text, -1, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_SYNTAX,
                   _("The terms are not a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

GPtrArray *
pw_contract_diff_text (const char *before, const char *after, GError **error)
{
  g_autoptr(JsonObject) a = parse_object (before, error);
  g_autoptr(JsonObject) b = NULL;

  if (a == NULL)
    return NULL;
  b = parse_object (after, error);
  if (b == NULL)
    return NULL;
  return pw_contract_diff (a, b);
}
