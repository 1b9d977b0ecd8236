/* pw-summary.c — area summaries of a park, building or floor
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-area.h"
#include "pw-summary.h"

static gboolean
in_scope (PwSpace *space, PwNodeKind scope, const char *scope_id)
{
  switch (scope)
    {
    case PW_NODE_BUILDING:
      return g_strcmp0 (pw_space_get_building_id (space), scope_id) == 0;
    case PW_NODE_FLOOR:
      return g_strcmp0 (pw_space_get_floor_id (space), scope_id) == 0;
    case PW_NODE_PARK:
    default:
      return scope_id == NULL || g_strcmp0 (pw_space_get_park_id (space), scope_id) == 0;
    }
}

void
pw_summary_compute (GPtrArray     *spaces,
                    PwNodeKind     scope,
                    const char    *scope_id,
                    PwAreaSummary *out)
{
  memset (out, 0, sizeof *out);

  for (guint i = 0; i < spaces->len; i++)
    {
      PwSpace *space = g_ptr_array_index (spaces, i);
      gint64 chargeable;

      if (!in_scope (space, scope, scope_id))
        continue;
      out->n_spaces++;
      if (pw_space_get_kind (space) == PW_SPACE_KIND_COMMON_AREA
          || pw_space_get_status (space) == PW_SPACE_STATUS_DISPOSED)
        continue;

      out->n_units++;
      out->internal += pw_space_get_internal_area (space);
      out->usable += pw_space_get_usable_area (space);
      out->common += pw_space_get_share_area (space);
      if (pw_space_get_takes_share (space))
        out->sharing_internal += pw_space_get_internal_area (space);
      if (!pw_space_get_leasable (space))
        continue;
      chargeable = pw_space_get_chargeable_area (space);
      out->n_leasable++;
      out->leasable += chargeable;
      if (pw_space_get_status (space) == PW_SPACE_STATUS_LEASED)
        {
          out->n_leased++;
          out->leased += chargeable;
        }
    }
  out->gross = out->internal + out->common;
  out->vacant = out->leasable - out->leased;
}

char *
pw_summary_format_k (const PwAreaSummary *s)
{
  return pw_ratio_format (s->common, s->sharing_internal, 6);
}

static char *
format_percent (gint64 num, gint64 den)
{
  g_autofree char *value = NULL;

  if (den == 0)
    return NULL;
  value = pw_ratio_format (num * 100, den, 2);
  /* Translators: a percentage, e.g. "12.50 %" */
  return g_strdup_printf (_("%s %%"), value);
}

char *
pw_summary_format_common_rate (const PwAreaSummary *s)
{
  return format_percent (s->common, s->gross);
}

char *
pw_summary_format_net_rate (const PwAreaSummary *s)
{
  return format_percent (s->internal, s->gross);
}

char *
pw_summary_format_load_factor (const PwAreaSummary *s)
{
  return pw_ratio_format (s->gross, s->usable, 4);
}

char *
pw_summary_format_vacancy (const PwAreaSummary *s)
{
  return format_percent (s->vacant, s->leasable);
}

static void
set_area (JsonObject *obj, const char *key, gint64 centi)
{
  g_autofree char *m2_key = g_strconcat (key, "_m2", NULL);
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", centi / 100,
                                           (int) (centi % 100));

  json_object_set_int_member (obj, key, centi);
  json_object_set_string_member (obj, m2_key, text);
}

static void
set_ratio (JsonObject *obj, const char *key, gint64 num, gint64 den, guint decimals)
{
  g_autofree char *text = pw_ratio_format (num, den, decimals);

  if (text == NULL)
    json_object_set_null_member (obj, key);
  else
    json_object_set_string_member (obj, key, text);
}

JsonNode *
pw_summary_to_json (const PwAreaSummary *s)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  set_area (obj, "gross_area", s->gross);
  set_area (obj, "internal_area", s->internal);
  set_area (obj, "usable_area", s->usable);
  set_area (obj, "common_area", s->common);
  set_area (obj, "leasable_area", s->leasable);
  set_area (obj, "leased_area", s->leased);
  set_area (obj, "vacant_area", s->vacant);
  /* Ratios are fractions (not percentages) as exact decimal strings. */
  set_ratio (obj, "k", s->common, s->sharing_internal, 6);
  set_ratio (obj, "common_rate", s->common, s->gross, 6);
  set_ratio (obj, "net_rate", s->internal, s->gross, 6);
  set_ratio (obj, "load_factor", s->gross, s->usable, 6);
  set_ratio (obj, "vacancy_rate", s->vacant, s->leasable, 6);
  json_object_set_int_member (obj, "spaces", s->n_spaces);
  json_object_set_int_member (obj, "units", s->n_units);
  json_object_set_int_member (obj, "leasable_units", s->n_leasable);
  json_object_set_int_member (obj, "leased_units", s->n_leased);
  json_node_take_object (node, obj);
  return node;
}

static JsonObject *
node_summary (GPtrArray *spaces, PwLedgerNode *node)
{
  PwAreaSummary s;
  JsonNode *json;
  JsonObject *obj;

  pw_summary_compute (spaces, pw_ledger_node_get_kind (node), pw_ledger_node_get_id (node), &s);
  json = pw_summary_to_json (&s);
  obj = json_object_ref (json_node_get_object (json));
  json_node_unref (json);
  json_object_set_string_member (obj, "id", pw_ledger_node_get_id (node));
  json_object_set_string_member (obj, "code", pw_ledger_node_get_code (node));
  json_object_set_string_member (obj, "name", pw_ledger_node_get_name (node));
  return obj;
}

JsonNode *
pw_summary_tree_to_json (PwStore *store, const char *park_id, GError **error)
{
  g_autoptr(GListModel) parks = pw_ledger_load_parks (store, error);
  g_autoptr(GPtrArray) spaces = NULL;
  g_autoptr(PwLedgerNode) park = NULL;
  g_autoptr(GError) pool_error = NULL;
  JsonObject *root;
  JsonArray *buildings;
  JsonArray *warnings;
  GListModel *children;
  JsonNode *node;

  if (parks == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (parks); i++)
    {
      g_autoptr(PwLedgerNode) p = g_list_model_get_item (parks, i);
      if (park_id == NULL || g_str_equal (pw_ledger_node_get_id (p), park_id)
          || g_str_equal (pw_ledger_node_get_code (p), park_id))
        {
          park = g_steal_pointer (&p);
          break;
        }
    }
  if (park == NULL)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                   park_id ? _("No park “%s” in this database") : _("This database holds no park"),
                   park_id);
      return NULL;
    }

  spaces = pw_ledger_load_spaces (store, pw_ledger_node_get_id (park), error);
  if (spaces == NULL)
    return NULL;
  warnings = json_array_new ();
  if (!pw_ledger_apportion (spaces, &pool_error))
    json_array_add_string_element (warnings, pool_error->message);

  root = node_summary (spaces, park);
  json_object_set_array_member (root, "warnings", warnings);
  buildings = json_array_new ();
  children = pw_ledger_node_get_children (park);
  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(PwLedgerNode) b = g_list_model_get_item (children, i);
      JsonObject *bobj = node_summary (spaces, b);
      JsonArray *floors = json_array_new ();
      GListModel *fl = pw_ledger_node_get_children (b);

      json_object_set_string_member (bobj, "kind", pw_ledger_node_get_extra (b));
      for (guint j = 0; j < g_list_model_get_n_items (fl); j++)
        {
          g_autoptr(PwLedgerNode) f = g_list_model_get_item (fl, j);
          JsonObject *fobj = node_summary (spaces, f);
          json_object_set_int_member (fobj, "level", pw_ledger_node_get_number (f));
          json_array_add_object_element (floors, fobj);
        }
      json_object_set_array_member (bobj, "floors", floors);
      json_array_add_object_element (buildings, bobj);
    }
  json_object_set_array_member (root, "buildings", buildings);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  return node;
}
