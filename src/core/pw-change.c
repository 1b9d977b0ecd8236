/* pw-change.c — a committed change, and its undo
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Undo is never a rollback of history: it is one more change, written through
 * the mutation path, that puts back the rows a change replaced. What it does
 * for each kind of record is in docs/undo.md.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-change-private.h"
#include "pw-i18n.h"
#include "pw-ledger.h"
#include "pw-lease.h"
#include "pw-lease-private.h"
#include "pw-row.h"

typedef struct
{
  const char *entity; /* interned */
  char       *id;
  JsonObject *before;
  JsonObject *after;
} Record;

struct _PwChange
{
  gatomicrefcount  ref;
  GArray          *records; /* of Record */
  gboolean         derived;
};

G_DEFINE_BOXED_TYPE (PwChange, pw_change, pw_change_ref, pw_change_unref)

static void
record_clear (gpointer data)
{
  Record *r = data;

  g_free (r->id);
  g_clear_pointer (&r->before, json_object_unref);
  g_clear_pointer (&r->after, json_object_unref);
}

PwChange *
pw_change_new (void)
{
  PwChange *self = g_new0 (PwChange, 1);

  g_atomic_ref_count_init (&self->ref);
  self->records = g_array_new (FALSE, TRUE, sizeof (Record));
  g_array_set_clear_func (self->records, record_clear);
  return self;
}

PwChange *
pw_change_ref (PwChange *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
pw_change_unref (PwChange *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref))
    {
      g_array_unref (self->records);
      g_free (self);
    }
}

void
pw_change_add (PwChange *self, const char *entity, const char *id, JsonObject *before,
               JsonObject *after)
{
  Record r = { g_intern_string (entity), g_strdup (id),
               before ? json_object_ref (before) : NULL,
               after ? json_object_ref (after) : NULL };

  g_array_append_val (self->records, r);
}

void
pw_change_set_derived (PwChange *self)
{
  self->derived = TRUE;
}

void
pw_change_truncate (PwChange *self, guint n)
{
  if (n < self->records->len)
    g_array_set_size (self->records, n);
  if (n == 0)
    self->derived = FALSE;
}

void
pw_change_append (PwChange *to, PwChange *from)
{
  for (guint i = 0; i < from->records->len; i++)
    {
      Record *r = &g_array_index (from->records, Record, i);
      pw_change_add (to, r->entity, r->id, r->before, r->after);
    }
  to->derived |= from->derived;
}

guint
pw_change_get_n_records (PwChange *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->records->len;
}

#define RECORD(self, i) (&g_array_index ((self)->records, Record, (i)))

const char *
pw_change_get_entity (PwChange *self, guint i)
{
  g_return_val_if_fail (self != NULL && i < self->records->len, NULL);
  return RECORD (self, i)->entity;
}

const char *
pw_change_get_id (PwChange *self, guint i)
{
  g_return_val_if_fail (self != NULL && i < self->records->len, NULL);
  return RECORD (self, i)->id;
}

JsonObject *
pw_change_get_before (PwChange *self, guint i)
{
  g_return_val_if_fail (self != NULL && i < self->records->len, NULL);
  return RECORD (self, i)->before;
}

JsonObject *
pw_change_get_after (PwChange *self, guint i)
{
  g_return_val_if_fail (self != NULL && i < self->records->len, NULL);
  return RECORD (self, i)->after;
}

gboolean
pw_change_has_derived (PwChange *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->derived;
}

static JsonObject *
audit_row (sqlite3_stmt *stmt, int column, GError **error)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (text == NULL || g_str_equal (text, "null"))
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, -1, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                   _("An audit row holds no record: %s"), text);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

PwChange *
pw_change_new_from_audit (PwStore *store, gint64 first_seq, gint64 last_seq, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT entity, entity_id, before, after FROM audit WHERE seq BETWEEN ?1 AND ?2"
    " ORDER BY seq", error);
  g_autoptr(PwChange) change = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);

  if (stmt == NULL)
    return NULL;
  change = pw_change_new ();
  sqlite3_bind_int64 (stmt, 1, first_seq);
  sqlite3_bind_int64 (stmt, 2, last_seq);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(JsonObject) before = audit_row (stmt, 2, &local);
      g_autoptr(JsonObject) after = local == NULL ? audit_row (stmt, 3, &local) : NULL;

      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      pw_change_add (change, (const char *) sqlite3_column_text (stmt, 0),
                     (const char *) sqlite3_column_text (stmt, 1), before, after);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the audit trail"));
      return NULL;
    }
  return g_steal_pointer (&change);
}

/* ---- undo ------------------------------------------------------------------- */

/* One record's net change: its row before the first write of the change and
 * after the last. */
typedef struct
{
  const char *entity;
  const char *id;
  JsonObject *before;
  JsonObject *after;
} Net;

static char *
net_key (const char *entity, const char *id)
{
  return g_strconcat (entity, "\x1f", id, NULL);
}

static const char *
row_text (JsonObject *row, const char *field)
{
  JsonNode *node = row ? json_object_get_member (row, field) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
row_version (JsonObject *row)
{
  JsonNode *node = json_object_get_member (row, "version");

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : -1;
}

/* How a message names a record: its code, else its name, else its id. */
static const char *
record_label (Net *n)
{
  JsonObject *row = n->after ? n->after : n->before;
  const char *label = row_text (row, "code");

  if (label == NULL || *label == '\0')
    label = row_text (row, "name");
  if (label == NULL || *label == '\0')
    label = n->id;
  return label;
}

/* The kind of a record as a message names it. */
static const char *
entity_label (const char *entity)
{
  static const struct { const char *entity; const char *label; } labels[] = {
    { "park", NC_("record", "park") },
    { "building", NC_("record", "building") },
    { "floor", NC_("record", "floor") },
    { "space", NC_("record", "space") },
    { "equipment", NC_("record", "equipment") },
    { "floor_drawing", NC_("record", "floor drawing") },
    { "customer", NC_("record", "customer") },
    { "contact", NC_("record", "contact") },
    { "prospect", NC_("record", "prospect") },
    { "quote", NC_("record", "quote") },
    { "contract", NC_("record", "contract") },
    { "contract_version", NC_("record", "version of a contract's terms") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].entity, entity))
      return g_dpgettext2 (GETTEXT_PACKAGE, "record", labels[i].label);
  return entity;
}

static gboolean
changed_since (GError **error, Net *n)
{
  /* Translators: the first %s is a kind of record ("space", "equipment"), the
   * second its code or name */
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT,
               _("Cannot undo: the %s %s was changed since (by someone else or by a sync)"),
               entity_label (n->entity), record_label (n));
  return FALSE;
}

/* The writable members of @row whose values differ from @current's (all of
 * them when @current is NULL). */
static JsonObject *
fields_to_restore (const char *entity, JsonObject *row, JsonObject *current)
{
  const char *const *columns = pw_store_entity_columns (entity);
  JsonObject *fields = json_object_new ();

  for (guint i = 0; columns[i] != NULL; i++)
    {
      JsonNode *want = json_object_get_member (row, columns[i]);
      JsonNode *have = current ? json_object_get_member (current, columns[i]) : NULL;

      if (want == NULL)
        continue;
      if (have != NULL && (have == want || json_node_equal (want, have)))
        continue;
      json_object_set_member (fields, columns[i], json_node_copy (want));
    }
  return fields;
}

static gboolean
cannot_answer (GError **error, const char *entity)
{
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
               /* Translators: %s is a kind of record, e.g. "version of a contract's terms" */
               _("Cannot undo: a %s is history that only a new change can answer"),
               entity_label (entity));
  return FALSE;
}

/* The note of the "undone" event that answers a lifecycle event */
static char *
answer_note (const char *entity, const char *event, const char *note, const char *date)
{
  g_autofree char *what = NULL;

  /* a space's "changed" note is the list of the fields it changed */
  if (g_strcmp0 (event, "changed") == 0 && g_str_equal (entity, "space"))
    what = pw_field_list_label (note);
  else
    what = g_strdup (note ? note : "");
  if (*what != '\0')
    /* Translators: the note of the history row an undo writes: the event it
     * undoes, e.g. "Stocktaken", its date, then its note */
    return g_strdup_printf (_("%s on %s: %s"), pw_ledger_event_label (event), date, what);
  /* Translators: the note of the history row an undo writes: the event it
   * undoes, e.g. "Stocktaken", then its date */
  return g_strdup_printf (_("%s on %s"), pw_ledger_event_label (event), date);
}

/* The row that answers a history row the change wrote (history is never
 * deleted), or NULL when none is due: see docs/undo.md. */
static PwMutation *
compensate (Net *n, GHashTable *deleted, const char *today, GHashTable *notes, GError **error)
{
  JsonObject *row = n->after;
  PwMutation *m;

  if (g_str_equal (n->entity, "space_status"))
    {
      const char *space_id = row_text (row, "space_id");
      const char *from = row_text (row, "from_status");
      const char *to = row_text (row, "to_status");
      const char *reason_was = row_text (row, "reason");
      g_autofree char *reason = NULL;
      g_autofree char *key = net_key ("space", space_id ? space_id : "");

      if (from == NULL || to == NULL || g_hash_table_contains (deleted, key))
        return NULL;
      m = pw_mutation_new_insert ("space_status", NULL);
      pw_mutation_set_string (m, "space_id", space_id);
      pw_mutation_set_string (m, "from_status", to);
      pw_mutation_set_string (m, "to_status", from);
      pw_mutation_set_string (m, "effective_date", today);
      /* Translators: the reason of the status change an undo writes; %s is the
       * reason of the change it undoes */
      reason = g_strdup_printf (_("Undone: %s"), reason_was ? reason_was : "");
      pw_mutation_set_string (m, "reason", reason);
      return m;
    }

  if (g_str_equal (n->entity, "lifecycle_event"))
    {
      const char *entity = row_text (row, "entity");
      const char *entity_id = row_text (row, "entity_id");
      const char *event = row_text (row, "event");
      const char *note = row_text (row, "note");
      const char *date = row_text (row, "event_date");
      g_autofree char *key = net_key (entity ? entity : "", entity_id ? entity_id : "");
      g_autofree char *text = NULL;

      /* the record it is about is gone again: so is the reason to explain */
      if (entity == NULL || entity_id == NULL || g_hash_table_contains (deleted, key))
        return NULL;
      /* the same event answered again (an undo list of one room's edits): the
       * same text */
      if (notes != NULL)
        {
          g_autofree char *answered = g_strjoin ("\x1f", entity, event ? event : "",
                                                 date ? date : "", note ? note : "", NULL);
          const char *known = g_hash_table_lookup (notes, answered);

          if (known != NULL)
            text = g_strdup (known);
          else
            {
              text = answer_note (entity, event, note, date);
              g_hash_table_insert (notes, g_steal_pointer (&answered), g_strdup (text));
            }
        }
      else
        text = answer_note (entity, event, note, date);
      m = pw_mutation_new_insert ("lifecycle_event", NULL);
      pw_mutation_set_string (m, "entity", entity);
      pw_mutation_set_string (m, "entity_id", entity_id);
      pw_mutation_set_string (m, "event", "undone");
      pw_mutation_set_string (m, "event_date", today);
      pw_mutation_set_string (m, "note", text);
      return m;
    }

  /* versions of a contract's terms are answered by answer_version() */
  cannot_answer (error, n->entity);
  return NULL;
}

/* The answer to a version of a contract's terms the change wrote: when the
 * change moved the contract on to it, a new version puts back the terms the
 * contract had, and the contract's undo makes that one current (docs/undo.md).
 * A version the change wrote and then went past needs no answer of its own. */
static gboolean
answer_version (PwStore *self, Net *n, GHashTable *by_key, GArray *nets, GHashTable *deleted,
                GPtrArray *muts, GError **error)
{
  const char *contract_id = row_text (n->after, "contract_id");
  g_autofree char *key = net_key ("contract", contract_id ? contract_id : "");
  g_autofree char *terms = NULL;
  g_autofree char *note = NULL;
  gpointer pos;
  Net *contract;
  gint64 number = 0, was = 0, now = 0;
  PwMutation *m = NULL;

  if (contract_id == NULL || g_hash_table_contains (deleted, key)
      || !g_hash_table_lookup_extended (by_key, key, NULL, &pos))
    return cannot_answer (error, n->entity);
  contract = &g_array_index (nets, Net, GPOINTER_TO_UINT (pos));
  if (contract->before == NULL || contract->after == NULL
      || !pw_row_int (n->after, "number", &number)
      || !pw_row_int (contract->before, "current_version", &was)
      || !pw_row_int (contract->after, "current_version", &now) || was == number)
    return cannot_answer (error, n->entity);
  if (number != now)
    return TRUE;

  /* the contract's own undo is in @muts already: it makes the answer current */
  for (guint i = 0; i < muts->len && m == NULL; i++)
    {
      PwMutation *each = g_ptr_array_index (muts, i);

      if (g_str_equal (pw_mutation_get_entity (each), "contract")
          && g_strcmp0 (pw_mutation_get_id (each), contract_id) == 0)
        m = each;
    }
  if (m == NULL || (terms = pw_lease_current_terms (self, contract_id, was, error)) == NULL)
    return m != NULL ? FALSE : cannot_answer (error, n->entity);
  pw_mutation_set_int (m, "current_version", now + 1);

  m = pw_mutation_new_insert ("contract_version", NULL);
  pw_mutation_set_string (m, "contract_id", contract_id);
  pw_mutation_set_int (m, "number", now + 1);
  pw_mutation_set_string (m, "effective_date", row_text (n->after, "effective_date"));
  pw_mutation_set_string (m, "terms", terms);
  /* Translators: the note of the version of a contract's terms an undo writes;
   * %s is the note of the version it undoes, e.g. "Terminated early" */
  note = g_strdup_printf (_("Undone: %s"), row_text (n->after, "note") ? row_text (n->after, "note") : "");
  pw_mutation_set_string (m, "note", note);
  g_ptr_array_add (muts, m);
  return TRUE;
}

gboolean
pw_store_undo (PwStore *self, PwChange *change, PwChange **undo, GError **error)
{
  return pw_store_undo_full (self, change, NULL, NULL, undo, error);
}

/* Whether the space @id, which the change being undone inserted, has status history
 * the change did not write (a later change of its status, and that change's undo):
 * deleting the space would leave that history without its subject. */
static gboolean
has_later_history (PwStore *self, GArray *nets, const char *entity, const char *id, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 rows, own = 0;
  int rc;

  if (!g_str_equal (entity, "space"))
    return FALSE;
  stmt = pw_store_prepare_cached (self, "SELECT count(*) FROM space_status WHERE space_id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      pw_store_set_error (self, error, rc, _("reading the status history"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  rows = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  for (guint i = 0; i < nets->len; i++)
    {
      Net *n = &g_array_index (nets, Net, i);

      if (g_str_equal (n->entity, "space_status") && n->before == NULL && n->after != NULL
          && g_strcmp0 (json_object_get_string_member_with_default (n->after, "space_id", NULL), id) == 0)
        own++;
    }
  return rows > own;
}

/* Whether other records than its history name the space @id (a contract, equipment):
 * then it is neither deleted nor retired by an undo. */
static gboolean
is_named_elsewhere (PwStore *self, const char *id, gboolean *named, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (self,
    "SELECT EXISTS (SELECT 1 FROM contract_space WHERE space_id = ?1)"
    " OR EXISTS (SELECT 1 FROM equipment WHERE space_id = ?1)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      pw_store_set_error (self, error, rc, _("reading the records of a space"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  *named = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

/* A space the change inserted (a split's new part, a room drawn) that has status
 * history since, every change of which came back to the status the change left
 * (a merge that disposed it, and that merge's undo): history is never deleted,
 * and its rows name the space, so the undo retires it instead of deleting it,
 * as a merge disposes a part: disposed from @today, no outline, a status row
 * whose reason answers the change's "created" event (docs/undo.md). */
static void
retire_space (Net *n, GArray *nets, JsonObject *current, const char *today, GPtrArray *muts)
{
  const char *created = NULL;
  g_autofree char *reason = NULL;
  PwMutation *m;

  for (guint i = 0; i < nets->len && created == NULL; i++)
    {
      Net *e = &g_array_index (nets, Net, i);

      if (g_str_equal (e->entity, "lifecycle_event") && e->before == NULL && e->after != NULL
          && g_strcmp0 (row_text (e->after, "entity_id"), n->id) == 0
          && g_strcmp0 (row_text (e->after, "event"), "created") == 0)
        created = row_text (e->after, "note");
    }
  reason = g_strdup_printf (_("Undone: %s"), created != NULL ? created : record_label (n));
  m = pw_mutation_new_update ("space", n->id, row_version (current));
  pw_mutation_set_string (m, "status", "disposed");
  pw_mutation_set_string (m, "status_since", today);
  pw_mutation_set_null (m, "outline");
  g_ptr_array_add (muts, m);
  m = pw_mutation_new_insert ("space_status", NULL);
  pw_mutation_set_string (m, "space_id", n->id);
  pw_mutation_set_string (m, "from_status", row_text (current, "status"));
  pw_mutation_set_string (m, "to_status", "disposed");
  pw_mutation_set_string (m, "effective_date", today);
  pw_mutation_set_string (m, "reason", reason);
  g_ptr_array_add (muts, m);
}

/* What the steps of one pw_store_undo_steps() call share (NULL for a single undo) */
typedef struct
{
  GHashTable *rows;  /* "entity\x1fid" → the row the steps left: remember_rows() */
  GHashTable *notes; /* a lifecycle event's answer, by the event it answers */
  char       *today;
} Steps;

static gboolean undo_change (PwStore *self, PwChange *change, PwStoreDerivedFunc derived,
                             gpointer data, gboolean by_content, gboolean later_derived,
                             Steps *steps, PwChange **undo, GError **error);

gboolean
pw_store_undo_full (PwStore            *self,
                    PwChange           *change,
                    PwStoreDerivedFunc  derived,
                    gpointer            data,
                    PwChange          **undo,
                    GError            **error)
{
  return undo_change (self, change, derived, data, FALSE, FALSE, NULL, undo, error);
}

gboolean
pw_store_undo_step (PwStore            *self,
                    PwChange           *change,
                    PwStoreDerivedFunc  derived,
                    gpointer            data,
                    PwChange          **undo,
                    GError            **error)
{
  return undo_change (self, change, derived, data, TRUE, FALSE, NULL, undo, error);
}

/* The rows the steps of pw_store_undo_steps() wrote, as the store holds them now,
 * so that the next steps need not read them again: an updated record's row is
 * the one the mutation path wrote (its row before, with the fields set, a new
 * version and time); a deleted record is ABSENT_ROW. An inserted record is read
 * from the store (columns it did not give have their defaults there). */
static char absent_row_mark;
#define ABSENT_ROW ((gpointer) &absent_row_mark)

static void
row_unref (gpointer row)
{
  if (row != ABSENT_ROW)
    json_object_unref (row);
}

static void
remember_rows (GHashTable *rows, PwChange *written)
{
  for (guint i = 0; i < written->records->len; i++)
    {
      Record *r = RECORD (written, i);
      char *key = net_key (r->entity, r->id);

      if (r->after == NULL)
        g_hash_table_insert (rows, key, ABSENT_ROW);
      else if (r->before != NULL)
        g_hash_table_insert (rows, key, json_object_ref (r->after));
      else
        {
          g_hash_table_remove (rows, key);
          g_free (key);
        }
    }
}

static void
steps_clear (Steps *steps)
{
  g_clear_pointer (&steps->rows, g_hash_table_unref);
  g_clear_pointer (&steps->notes, g_hash_table_unref);
  g_clear_pointer (&steps->today, g_free);
}

gboolean
pw_store_undo_steps (PwStore            *self,
                     PwChange *const    *changes,
                     guint               n_changes,
                     PwStoreDerivedFunc  derived,
                     gpointer            data,
                     GPtrArray         **undos,
                     GError            **error)
{
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_change_unref);
  g_autoptr(PwChange) recorded = NULL;
  Steps steps = { NULL, NULL, NULL };
  gboolean any_derived = FALSE;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (changes != NULL || n_changes == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (undos != NULL)
    *undos = NULL;
  for (guint i = 0; i < n_changes; i++)
    any_derived |= changes[i]->derived;
  if (any_derived && derived == NULL)
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                           _("Cannot undo here: this change also rewrote records computed "
                             "from it (such as a schedule)"));
      return FALSE;
    }

  /* one transaction for all the steps (none a savepoint of its own: the first
   * that fails rolls them all back), whose records the recording opened here
   * collects in order */
  steps.rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, row_unref);
  steps.notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  steps.today = pw_today_iso ();
  pw_store_record_begin (self);
  if (n_changes > 16)
    pw_store_many_begin (self);
  if (!pw_store_begin (self, error))
    {
      if (n_changes > 16)
        pw_store_many_end (self, FALSE);
      recorded = pw_store_record_end (self);
      steps_clear (&steps);
      return FALSE;
    }
  pw_store_set_flat_steps (self, TRUE);
  for (guint i = 0; i < n_changes; i++)
    {
      guint mark = pw_store_pending_length (self);
      PwChange *answer;

      if (!undo_change (self, changes[i], NULL, NULL, TRUE, TRUE, &steps, NULL, error))
        goto failed;
      answer = pw_store_pending_since (self, mark);
      if (changes[i]->derived)
        pw_change_set_derived (answer);
      remember_rows (steps.rows, answer);
      g_ptr_array_add (answers, answer);
    }
  if (!pw_store_end_flat_steps (self, TRUE, error))
    goto failed;
  /* the records computed from the others (schedules), once for all the steps */
  if (any_derived && !pw_store_apply_all_full (self, NULL, 0, derived, data, error))
    goto failed;
  if (!pw_store_write_next_mid (self, error))
    goto failed;
  if (!pw_store_commit (self, error))
    {
      if (n_changes > 16)
        pw_store_many_end (self, FALSE);
      recorded = pw_store_record_end (self);
      steps_clear (&steps);
      return FALSE;
    }
  if (n_changes > 16)
    pw_store_many_end (self, TRUE);
  recorded = pw_store_record_end (self);
  steps_clear (&steps);
  pw_store_notify_changed (self);
  if (undos != NULL)
    *undos = g_steal_pointer (&answers);
  return TRUE;

failed:
  pw_store_end_flat_steps (self, FALSE, NULL);
  pw_store_rollback (self);
  if (n_changes > 16)
    pw_store_many_end (self, FALSE);
  recorded = pw_store_record_end (self);
  steps_clear (&steps);
  return FALSE;
}

/* Whether @current holds the values @after has in every writable field. */
static gboolean
same_fields (const char *entity, JsonObject *after, JsonObject *current)
{
  const char *const *columns = pw_store_entity_columns (entity);

  for (guint i = 0; columns[i] != NULL; i++)
    {
      JsonNode *want = json_object_get_member (after, columns[i]);
      JsonNode *have;

      if (want == NULL)
        continue;
      have = json_object_get_member (current, columns[i]);
      if (have != want && (have == NULL || !json_node_equal (want, have)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
undo_change (PwStore            *self,
             PwChange           *change,
             PwStoreDerivedFunc  derived,
             gpointer            data,
             gboolean            by_content,
             gboolean            later_derived,
             Steps              *steps,
             PwChange          **undo,
             GError            **error)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) nets = g_array_new (FALSE, TRUE, sizeof (Net));
  g_autoptr(GPtrArray) muts = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  g_autofree char *today = steps != NULL ? g_strdup (steps->today) : NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (undo != NULL)
    *undo = NULL;
  if (change->derived && derived == NULL && !later_derived)
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                           _("Cannot undo here: this change also rewrote records computed "
                             "from it (such as a schedule)"));
      return FALSE;
    }

  /* each record once: its row before the change and after it */
  for (guint i = 0; i < change->records->len; i++)
    {
      Record *r = RECORD (change, i);
      g_autofree char *key = net_key (r->entity, r->id);
      gpointer pos;

      if (g_hash_table_lookup_extended (by_key, key, NULL, &pos))
        g_array_index (nets, Net, GPOINTER_TO_UINT (pos)).after = r->after;
      else
        {
          Net n = { r->entity, r->id, r->before, r->after };

          g_hash_table_insert (by_key, g_steal_pointer (&key), GUINT_TO_POINTER (nets->len));
          g_array_append_val (nets, n);
        }
    }

  /* last written, first undone: children go before their parents, and come
   * back after them */
  for (guint i = nets->len; i-- > 0;)
    {
      Net *n = &g_array_index (nets, Net, i);
      g_autoptr(JsonObject) current = NULL;
      g_autoptr(GError) local = NULL;
      PwMutation *m;

      if (n->before == NULL && n->after == NULL)
        continue; /* written and deleted again within the change */
      if (pw_store_entity_is_insert_only (n->entity))
        continue; /* answered below, once the deletions are known */

      if (steps != NULL)
        {
          g_autofree char *key = net_key (n->entity, n->id);
          JsonObject *known = g_hash_table_lookup (steps->rows, key);

          if (known == ABSENT_ROW)
            local = g_error_new_literal (PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, "");
          else if (known != NULL)
            current = json_object_ref (known);
        }
      if (current == NULL && local == NULL)
        current = pw_store_get_row (self, n->entity, n->id, &local);
      if (current == NULL && !g_error_matches (local, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }

      if (n->after == NULL)
        {
          g_autoptr(JsonObject) fields = NULL;

          /* deleted by the change: written again with the same id */
          if (current != NULL)
            return changed_since (error, n);
          fields = fields_to_restore (n->entity, n->before, NULL);
          m = pw_mutation_new_insert (n->entity, n->id);
          pw_mutation_set_fields (m, fields);
        }
      else if (current == NULL)
        return changed_since (error, n);
      else if (row_version (current) != row_version (n->after)
               && !(by_content && same_fields (n->entity, n->after, current)))
        return changed_since (error, n);
      else if (n->before == NULL)
        {
          gboolean later = has_later_history (self, nets, n->entity, n->id, &local);
          gboolean named = FALSE;

          if (local != NULL || (later && !is_named_elsewhere (self, n->id, &named, &local)))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          if (later && !named)
            {
              /* as the change left it (checked above), with answered history */
              if (today == NULL)
                today = pw_today_iso ();
              retire_space (n, nets, current, today, muts);
              continue;
            }
          if (later)
            return changed_since (error, n);
          m = pw_mutation_new_delete (n->entity, n->id, row_version (current));
          pw_mutation_set_row (m, current);
          g_hash_table_add (deleted, net_key (n->entity, n->id));
        }
      else
        {
          g_autoptr(JsonObject) fields = fields_to_restore (n->entity, n->before, current);

          if (json_object_get_size (fields) == 0)
            continue;
          m = pw_mutation_new_update (n->entity, n->id, row_version (current));
          pw_mutation_set_fields (m, fields);
          pw_mutation_set_row (m, current);
        }
      g_ptr_array_add (muts, m);
    }

  /* history rows stay: each gets its answer, in the order they were written */
  for (guint i = 0; i < nets->len; i++)
    {
      Net *n = &g_array_index (nets, Net, i);
      g_autoptr(GError) local = NULL;
      PwMutation *m;

      if (!pw_store_entity_is_insert_only (n->entity) || n->after == NULL)
        continue;
      if (g_str_equal (n->entity, "contract_version"))
        {
          if (!answer_version (self, n, by_key, nets, deleted, muts, error))
            return FALSE;
          continue;
        }
      if (today == NULL)
        today = pw_today_iso ();
      m = compensate (n, deleted, today, steps != NULL ? steps->notes : NULL, &local);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (m != NULL)
        g_ptr_array_add (muts, m);
    }

  if (muts->len == 0 && (!change->derived || later_derived))
    return TRUE;
  if (later_derived)
    return pw_store_apply_all (self, (PwMutation **) muts->pdata, muts->len, error);
  if (undo != NULL)
    return pw_store_apply_all_undoable (self, (PwMutation **) muts->pdata, muts->len, derived,
                                        data, undo, error);
  return pw_store_apply_all_full (self, (PwMutation **) muts->pdata, muts->len, derived, data,
                                  error);
}

gboolean
pw_change_undo (PwStore *self, PwChange *change, PwChange **undo, GError **error)
{
  g_return_val_if_fail (change != NULL, FALSE);

  if (!pw_change_has_derived (change))
    return pw_store_undo (self, change, undo, error);
  return pw_store_undo_full (self, change, pw_lease_undo_reschedule, change, undo, error);
}
