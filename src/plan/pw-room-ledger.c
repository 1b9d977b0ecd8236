/* pw-room-ledger.c — splitting and merging spaces in the ledger
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants (docs/plan-editing.md, "In the ledger"):
 * 1. Everything is checked before anything is written; a refusal writes
 *    nothing, and what is written is one transaction (pw_store_apply_all).
 * 2. A split's two parts' recorded areas add up exactly to the space's; a
 *    merge's are the sums of the spaces' areas.
 * 3. A split names its parts as the park says (docs/plan-editing.md, "Codes"):
 *    derived codes (…008A, …008B), or the space keeps its code and the new one
 *    gets the floor's next free code; either way no code is given twice.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-area.h"
#include "pw-ledger-rooms.h"
#include "pw-room-ledger-private.h"
#include "pw-row.h"

const char *const pw_room_area_fields[3] = { "gross_area", "internal_area", "usable_area" };

gboolean
pw_room_refuse (GError **error, PwPlanError code, const char *format, ...)
{
  va_list ap;

  if (error == NULL)
    return FALSE;
  g_return_val_if_fail (*error == NULL, FALSE);
  va_start (ap, format);
  *error = g_error_new_valist (PW_PLAN_ERROR, code, format, ap);
  va_end (ap);
  return FALSE;
}

char *
pw_room_ledger_running_contract (PwStore *store, const char *space_id, GError **error)
{
  g_autofree char *today = pw_today_iso ();

  return pw_ledger_space_running_contract (store, space_id, today, error);
}

/* The space's row, checked for an edit of its outline: not disposed, not held
 * by a running contract, with an outline (returned in *@polygon). */
JsonObject *
pw_room_load_editable (PwStore *store, const char *space_id, EditKind kind, PwPolygon **polygon,
               GError **error)
{
  return pw_room_load_editable_held (store, space_id, kind, NULL, polygon, error);
}

JsonObject *
pw_room_load_editable_held (PwStore *store, const char *space_id, EditKind kind,
                            const char *amended, PwPolygon **polygon, GError **error)
{
  g_autoptr(JsonObject) row = pw_store_get_row (store, "space", space_id, error);
  g_autoptr(GError) local = NULL;
  g_autofree char *contract = NULL;
  const char *code, *outline;

  if (row == NULL)
    return NULL;
  code = pw_row_string (row, "code");
  if (g_strcmp0 (pw_row_string (row, "status"), "disposed") == 0)
    {
      if (kind == EDIT_MERGE)
        pw_room_refuse (error, PW_PLAN_ERROR_EDIT, _("%s is disposed and cannot be merged"), code);
      else if (kind == EDIT_SPLIT)
        pw_room_refuse (error, PW_PLAN_ERROR_EDIT, _("%s is disposed and cannot be split"), code);
      else
        pw_room_refuse (error, PW_PLAN_ERROR_EDIT, _("%s is disposed and cannot be redrawn"), code);
      return NULL;
    }
  contract = pw_room_ledger_running_contract (store, space_id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (contract != NULL && g_strcmp0 (contract, amended) != 0)
    {
      if (kind == EDIT_MERGE)
        pw_room_refuse (error, PW_PLAN_ERROR_HELD,
                /* Translators: %s are a space's code and a contract's number */
                _("%s cannot be merged: contract %s holds it; amend the contract first"),
                code, contract);
      else if (kind == EDIT_SPLIT)
        pw_room_refuse (error, PW_PLAN_ERROR_HELD,
                /* Translators: %s are a space's code and a contract's number */
                _("%s cannot be split: contract %s holds it; amend the contract first"),
                code, contract);
      else
        pw_room_refuse (error, PW_PLAN_ERROR_HELD,
                /* Translators: %s are a space's code and a contract's number */
                _("%s cannot be redrawn: contract %s holds it; amend the contract first"),
                code, contract);
      return NULL;
    }
  outline = pw_row_string (row, "outline");
  if (outline == NULL || *outline == '\0')
    {
      pw_room_refuse (error, PW_PLAN_ERROR_EDIT, _("%s has no outline on the plan"), code);
      return NULL;
    }
  *polygon = pw_polygon_new_from_json (outline, &local);
  if (*polygon == NULL)
    {
      pw_room_refuse (error, PW_PLAN_ERROR_EDIT, _("The outline of %s is unusable: %s"), code,
              local->message);
      return NULL;
    }
  return g_steal_pointer (&row);
}

/* The floor's next free code: one more than the highest sequence number of the
 * floor's spaces (disposed ones too), skipping any code the park already has. */
char *
pw_room_next_free_code (PwStore *store, const char *floor_id, GError **error)
{
  g_autoptr(GError) local = NULL;
  char *code = pw_ledger_floor_next_code (store, floor_id, &local);

  /* the pattern has no code left: a refusal of the edit, as the canvas shows it */
  if (g_error_matches (local, PW_STORE_ERROR, PW_STORE_ERROR_INVALID))
    g_set_error_literal (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT, local->message);
  else if (local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return code;
}

PwMutation *
pw_room_event (const char *space_id, const char *event, const char *date, const char *note)
{
  PwMutation *m = pw_mutation_new_insert ("lifecycle_event", NULL);

  pw_mutation_set_string (m, "entity", "space");
  pw_mutation_set_string (m, "entity_id", space_id);
  pw_mutation_set_string (m, "event", event);
  pw_mutation_set_string (m, "event_date", date);
  pw_mutation_set_string (m, "note", note);
  return m;
}

gint64
pw_room_row_version (JsonObject *row)
{
  gint64 version = 0;

  pw_row_int (row, "version", &version);
  return version;
}

/* The codes of a split of @row under its park's setting (docs/plan-editing.md,
 * "Codes"): *@kept is the code the space takes (NULL when it keeps its own),
 * *@created the new space's. */
static gboolean
split_codes (PwStore *store, JsonObject *row, char **kept, char **created, GError **error)
{
  g_autoptr(JsonObject) park = pw_store_get_row (store, "park", pw_row_string (row, "park_id"),
                                                 error);
  const char *code = pw_row_string (row, "code");
  g_autofree char *base = NULL;
  char letter = 0;

  *kept = *created = NULL;
  if (park == NULL)
    return FALSE;
  if (g_strcmp0 (pw_row_string (park, "split_codes"), "next") == 0)
    {
      *created = pw_room_next_free_code (store, pw_row_string (row, "floor_id"), error);
      return *created != NULL;
    }
  /* a part of an earlier split keeps its letter; otherwise the space takes the
   * first letter free after the code */
  base = pw_ledger_code_is_split_part (code) ? g_strndup (code, strlen (code) - 1) : g_strdup (code);
  if (!pw_ledger_highest_split_letter (store, pw_row_string (row, "park_id"), base, &letter,
                                       error))
    return FALSE;
  if (!pw_ledger_code_is_split_part (code))
    {
      letter = letter == 0 ? 'A' : letter + 1;
      if (letter <= 'Z')
        *kept = g_strdup_printf ("%s%c", base, letter);
    }
  if (letter >= 'Z')
    {
      g_clear_pointer (kept, g_free);
      return pw_room_refuse (error, PW_PLAN_ERROR_EDIT,
                             /* Translators: %s is a space's code */
                             _("%s has been split as often as the letters A to Z allow"),
                             base);
    }
  *created = g_strdup_printf ("%s%c", base, letter + 1);
  return TRUE;
}

/* @whole × @part / @total, rounded half up, in whole hundredths of m². */
gint64
pw_room_proportion (gint64 whole, gint64 part, gint64 total)
{
  if (total <= 0)
    return whole;
  if (part >= 0 && whole >= 0 && (part == 0 || whole <= (G_MAXINT64 - total) / part))
    return (whole * part + total / 2) / total;
  /* beyond 64 bits (floors of thousands of km²): rounded in floating point */
  return (gint64) ((long double) whole * part / total + 0.5L);
}

gboolean
pw_room_ledger_split (PwStore        *store,
                      const char     *space_id,
                      const PwPoint  *line,
                      guint           n_line,
                      char          **new_space_id,
                      GError        **error)
{
  g_autoptr(PwPolygon) polygon = NULL;
  g_autoptr(PwPolygon) left = NULL;
  g_autoptr(PwPolygon) right = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(GPtrArray) muts = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  g_autofree char *code = NULL, *new_id = NULL, *today = pw_today_iso ();
  g_autofree char *left_json = NULL, *right_json = NULL, *note = NULL, *from = NULL;
  g_autofree char *kept_code = NULL;
  static const char *const copied[] = {
    "park_id", "floor_id", "kind", "leasable", "takes_share", "pool_level", "area_basis"
  };
  gint64 a_left, a_right;
  PwMutation *update, *insert;

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (space_id != NULL, FALSE);

  row = pw_room_load_editable (store, space_id, EDIT_SPLIT, &polygon, error);
  if (row == NULL)
    return FALSE;
  if (!pw_room_split (polygon, line, n_line, &left, &right, error))
    return FALSE;
  if (!split_codes (store, row, &kept_code, &code, error))
    return FALSE;

  left_json = pw_polygon_to_json (left);
  right_json = pw_polygon_to_json (right);
  a_left = pw_polygon_area_centi (left);
  a_right = pw_polygon_area_centi (right);
  new_id = pw_uuid_new ();

  update = pw_mutation_new_update ("space", space_id, pw_room_row_version (row));
  insert = pw_mutation_new_insert ("space", new_id);
  pw_mutation_set_string (update, "outline", left_json);
  if (kept_code != NULL)
    pw_mutation_set_string (update, "code", kept_code);
  for (guint i = 0; i < G_N_ELEMENTS (pw_room_area_fields); i++)
    {
      gint64 whole = 0, first;

      pw_row_int (row, pw_room_area_fields[i], &whole);
      first = pw_room_proportion (whole, a_left, a_left + a_right);
      pw_mutation_set_int (update, pw_room_area_fields[i], first);
      pw_mutation_set_int (insert, pw_room_area_fields[i], whole - first);
    }
  for (guint i = 0; i < G_N_ELEMENTS (copied); i++)
    {
      JsonNode *node = json_object_get_member (row, copied[i]);

      if (node != NULL)
        json_object_set_member (pw_mutation_get_fields (insert), copied[i],
                                json_node_copy (node));
    }
  pw_mutation_set_string (insert, "code", code);
  pw_mutation_set_string (insert, "name", "");
  pw_mutation_set_string (insert, "notes", "");
  /* the new part is in the state the room was in (under repair, reserved…) */
  pw_mutation_set_string (insert, "status", pw_row_string (row, "status"));
  pw_mutation_set_string (insert, "status_since", today);
  pw_mutation_set_string (insert, "outline", right_json);
  g_ptr_array_add (muts, update);
  g_ptr_array_add (muts, insert);

  /* Translators: a space's history: the space was split; %s are the codes of the
   * two parts, its own first */
  note = g_strdup_printf (_("Split into %s and %s"),
                          kept_code != NULL ? kept_code : pw_row_string (row, "code"), code);
  g_ptr_array_add (muts, pw_room_event (space_id, "split", today, note));
  /* Translators: a new space's history: %s is the code of the space it was split from */
  from = g_strdup_printf (_("Split from %s"), pw_row_string (row, "code"));
  g_ptr_array_add (muts, pw_room_event (new_id, "created", today, from));

  if (!pw_store_apply_all (store, (PwMutation **) muts->pdata, muts->len, error))
    return FALSE;
  if (new_space_id != NULL)
    *new_space_id = g_steal_pointer (&new_id);
  return TRUE;
}

gboolean
pw_room_ledger_merge (PwStore            *store,
                      const char *const  *space_ids,
                      guint               n_spaces,
                      GError            **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) polygons = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_polygon_free);
  g_autoptr(GPtrArray) muts = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  g_autoptr(PwPolygon) merged = NULL;
  g_autoptr(GString) others = g_string_new (NULL);
  g_autofree char *today = pw_today_iso (), *outline = NULL, *note = NULL, *reason = NULL;
  gint64 sums[G_N_ELEMENTS (pw_room_area_fields)] = { 0 };
  const char *kept_code;
  PwMutation *m;

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (space_ids != NULL, FALSE);

  if (n_spaces < 2)
    return pw_room_refuse (error, PW_PLAN_ERROR_EDIT, _("A merge needs at least two spaces"));
  for (guint i = 0; i < n_spaces; i++)
    {
      PwPolygon *polygon = NULL;
      JsonObject *row = pw_room_load_editable (store, space_ids[i], EDIT_MERGE, &polygon, error);

      if (row == NULL)
        return FALSE;
      g_ptr_array_add (rows, row);
      g_ptr_array_add (polygons, polygon);
      for (guint j = 0; j < i; j++)
        if (g_str_equal (space_ids[i], space_ids[j]))
          return pw_room_refuse (error, PW_PLAN_ERROR_EDIT, _("%s is named twice in the merge"),
                         pw_row_string (row, "code"));
      if (g_strcmp0 (pw_row_string (row, "floor_id"), pw_row_string (rows->pdata[0], "floor_id"))
          != 0)
        return pw_room_refuse (error, PW_PLAN_ERROR_EDIT,
                       _("%s and %s are on different floors; only rooms of one floor merge"),
                       pw_row_string (rows->pdata[0], "code"), pw_row_string (row, "code"));
      for (guint f = 0; f < G_N_ELEMENTS (pw_room_area_fields); f++)
        {
          gint64 value = 0;

          pw_row_int (row, pw_room_area_fields[f], &value);
          sums[f] += value;
        }
    }
  merged = pw_room_merge ((PwPolygon *const *) polygons->pdata, n_spaces, error);
  if (merged == NULL)
    return FALSE;

  kept_code = pw_row_string (rows->pdata[0], "code");
  outline = pw_polygon_to_json (merged);
  m = pw_mutation_new_update ("space", space_ids[0], pw_room_row_version (rows->pdata[0]));
  pw_mutation_set_string (m, "outline", outline);
  for (guint f = 0; f < G_N_ELEMENTS (pw_room_area_fields); f++)
    pw_mutation_set_int (m, pw_room_area_fields[f], sums[f]);
  g_ptr_array_add (muts, m);

  /* Translators: a disposed space's reason: %s is the code of the space it became part of */
  reason = g_strdup_printf (_("Merged into %s"), kept_code);
  for (guint i = 1; i < n_spaces; i++)
    {
      JsonObject *row = rows->pdata[i];
      const char *id = space_ids[i];

      /* a disposed space no longer takes room on the plan: its outline is the
       * merged space's now (the audit trail keeps the one it had) */
      m = pw_mutation_new_update ("space", id, pw_room_row_version (row));
      pw_mutation_set_string (m, "status", "disposed");
      pw_mutation_set_string (m, "status_since", today);
      pw_mutation_set_null (m, "outline");
      g_ptr_array_add (muts, m);

      m = pw_mutation_new_insert ("space_status", NULL);
      pw_mutation_set_string (m, "space_id", id);
      pw_mutation_set_string (m, "from_status", pw_row_string (row, "status"));
      pw_mutation_set_string (m, "to_status", "disposed");
      pw_mutation_set_string (m, "effective_date", today);
      pw_mutation_set_string (m, "reason", reason);
      g_ptr_array_add (muts, m);
      g_ptr_array_add (muts, pw_room_event (id, "disposed", today, reason));

      /* Translators: between the codes of spaces in a list */
      g_string_append_printf (others, "%s%s", others->len > 0 ? _(", ") : "",
                              pw_row_string (row, "code"));
    }
  /* Translators: the kept space's history: %s lists the codes of the spaces merged into it */
  note = g_strdup_printf (_("Merged from %s"), others->str);
  g_ptr_array_add (muts, pw_room_event (space_ids[0], "merged", today, note));

  return pw_store_apply_all (store, (PwMutation **) muts->pdata, muts->len, error);
}

char *
pw_room_ledger_get_split_codes (PwStore *store, const char *park_id, GError **error)
{
  g_autoptr(JsonObject) park = NULL;
  const char *mode;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (park_id != NULL, NULL);

  park = pw_store_get_row (store, "park", park_id, error);
  if (park == NULL)
    return NULL;
  mode = pw_row_string (park, "split_codes");
  return g_strdup (g_strcmp0 (mode, "next") == 0 ? "next" : "derived");
}

gboolean
pw_room_ledger_set_split_codes (PwStore *store, const char *park_id, const char *mode,
                                GError **error)
{
  g_autoptr(JsonObject) park = NULL;
  g_autoptr(PwMutation) m = NULL;

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (park_id != NULL, FALSE);

  if (g_strcmp0 (mode, "derived") != 0 && g_strcmp0 (mode, "next") != 0)
    return pw_room_refuse (error, PW_PLAN_ERROR_EDIT,
                           /* Translators: "derived" and "next" are words to type; keep them */
                           _("“%s” is not a way of naming the parts of a split room: say "
                             "derived or next"), mode != NULL ? mode : "");
  park = pw_store_get_row (store, "park", park_id, error);
  if (park == NULL)
    return FALSE;
  if (g_strcmp0 (pw_row_string (park, "split_codes"), mode) == 0)
    return TRUE;
  m = pw_mutation_new_update ("park", park_id, pw_room_row_version (park));
  pw_mutation_set_string (m, "split_codes", mode);
  return pw_store_apply (store, m, error);
}
