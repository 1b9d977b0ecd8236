/* pw-store.c — the local SQLite store and its one mutation path
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change to the ledger is a PwMutation applied here. Invariants:
 *  1. A mutation writes its record, one audit row and one outbox row in the same
 *     transaction, or nothing at all.
 *  2. Outbox numbers (mid) increase by one per mutation per installation and are
 *     never reused, even after a rollback (the counter is only advanced on COMMIT).
 *  3. An update or delete names the version it was based on; a mismatch is
 *     PW_STORE_ERROR_CONFLICT and changes nothing.
 *  4. Every sqlite3_step and every COMMIT result is checked.
 *  5. A recording of changes (pw-change.h) holds what was committed, and only that:
 *     a rolled-back transaction or savepoint leaves nothing in it.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-sql-json.h"
#include "pw-store.h"
#include "pw-change-private.h"
#include "pw-schedule.h"

extern GResource *pw_core_get_resource (void);

G_DEFINE_QUARK (pw-store-error-quark, pw_store_error)
/* the ledger's domain is an extended error that names its field: see pw-row.c */

struct _PwMutation
{
  char         *entity;
  char         *id;
  PwMutationOp  op;
  gint64        base_version;
  JsonObject   *fields;
  JsonObject   *row;          /* the record's row as its caller just read it, or NULL */
};

typedef struct
{
  const char *name;
  const char *const *columns; /* NULL-terminated, without id/version/created_at/updated_at */
  gboolean    insert_only;
} EntityDesc;

static const char *const park_columns[] = {
  "code", "name", "code_pattern", "currency", "address", "list_price", "floor_price",
  "split_codes", "sellers", "allocation_order", NULL
};
static const char *const building_columns[] = {
  "park_id", "code", "name", "kind", "address", NULL
};
static const char *const floor_columns[] = {
  "park_id", "building_id", "code", "name", "level", NULL
};
static const char *const space_columns[] = {
  "park_id", "floor_id", "code", "name", "kind", "status", "gross_area", "internal_area",
  "usable_area", "leasable", "takes_share", "pool_level", "area_basis", "outline", "notes",
  "status_since", NULL
};
static const char *const space_status_columns[] = {
  "space_id", "from_status", "to_status", "effective_date", "reason", NULL
};
static const char *const lifecycle_columns[] = {
  "entity", "entity_id", "event", "event_date", "note", NULL
};
static const char *const equipment_columns[] = {
  "park_id", "floor_id", "space_id", "code", "name", "category", "status", "serial",
  "install_date", "original_value", NULL
};

static const char *const floor_drawing_columns[] = {
  "park_id", "floor_id", "source_name", "content", "transform", NULL
};

static const char *const customer_columns[] = {
  "park_id", "kind", "name", "uscc", "industry", "tags", "risk_level", "notes", NULL
};
static const char *const contact_columns[] = {
  "customer_id", "name", "role", "phone", "email", NULL
};
static const char *const prospect_columns[] = {
  "park_id", "customer_id", "name", "source", "stage", "agent", "notes", NULL
};
static const char *const viewing_columns[] = {
  "prospect_id", "date", "agent", "spaces", "notes", NULL
};
static const char *const quote_columns[] = {
  "prospect_id", "spaces", "unit_rent", "rent_free_months", "term_months", "list_price",
  "discount_pct", "status", NULL
};
static const char *const approval_rule_columns[] = {
  "park_id", "metric", "threshold", "approver_role", "level", NULL
};
static const char *const approval_columns[] = {
  "quote_id", "rule_id", "approver_role", "level", "decision", "actor", "comment", "decided_at",
  NULL
};

static const char *const contract_columns[] = {
  "park_id", "code", "customer_id", "status", "start_date", "end_date", "signed_date",
  "ended_date", "current_version", "notes", "quote_id", "approvals", NULL
};
static const char *const contract_version_columns[] = {
  "contract_id", "number", "effective_date", "terms", "note", NULL
};
static const char *const contract_space_columns[] = {
  "contract_id", "space_id", "start_date", "end_date", "area", NULL
};
static const char *const schedule_line_columns[] = {
  "contract_id", "contract_version", "charge", "kind", "seller", "period_start", "period_end",
  "bill_date", "due_date", "gross", "net", "tax", "basis", "explanation", NULL
};

static const char *const bill_run_columns[] = {
  "park_id", "period", "filters", "posted_by", "posted_at", NULL
};
static const char *const bill_columns[] = {
  "park_id", "run_id", "number", "customer_id", "seller", "seller_name", "currency",
  "bill_date", "due_date", "period", "status", "net", "tax", "gross", NULL
};
static const char *const bill_line_columns[] = {
  "bill_id", "source", "origin", "contract_id", "contract_version", "charge", "kind", "period_start", "period_end",
  "net", "tax", "gross", "tax_rate", "explanation", "cancelled", NULL
};

static const char *const meter_columns[] = {
  "park_id", "code", "kind", "serial", "location_id", "unit", "ct", "pt", "multiplier", "digits",
  "decimals", "registers", "master_id", "common", "customer_id", "spaces", "area", "weight",
  "tariff", "route_order", "active", NULL
};
static const char *const meter_replacement_columns[] = {
  "meter_id", "date", "final_values", "opening_values", "old_multiplier", "old_serial",
  "new_serial", NULL
};
static const char *const meter_reading_columns[] = {
  "meter_id", "date", "reg_values", "rollover", "confirmed", "read_by", "source", NULL
};
static const char *const tariff_columns[] = {
  "park_id", "code", "valid_from", "kind", "tax_code", "tax_rate", "definition", NULL
};
static const char *const meter_loss_columns[] = {
  "master_id", "basis", "tariff", NULL
};
static const char *const payment_columns[] = {
  "park_id", "customer_id", "paid_on", "amount", "currency", "method", "reference",
  "designation", "note", "status", NULL
};
static const char *const allocation_columns[] = {
  "payment_id", "bill_line_id", "amount", "cancelled", NULL
};
static const char *const credit_note_columns[] = {
  "park_id", "number", "bill_line_id", "kind", "gross", "net", "tax", "tax_rate", "reason",
  "status", "approvals", "approval_ref", "issued_on", NULL
};

static const EntityDesc entities[] = {
  { "park", park_columns, FALSE },
  { "building", building_columns, FALSE },
  { "floor", floor_columns, FALSE },
  { "space", space_columns, FALSE },
  { "space_status", space_status_columns, TRUE },
  { "lifecycle_event", lifecycle_columns, TRUE },
  { "equipment", equipment_columns, FALSE },
  { "floor_drawing", floor_drawing_columns, FALSE },
  { "contract", contract_columns, FALSE },
  { "contract_version", contract_version_columns, TRUE },
  { "contract_space", contract_space_columns, FALSE },
  { "schedule_line", schedule_line_columns, FALSE },
  { "customer", customer_columns, FALSE },
  { "contact", contact_columns, FALSE },
  { "prospect", prospect_columns, FALSE },
  { "viewing", viewing_columns, FALSE },
  { "quote", quote_columns, FALSE },
  { "approval_rule", approval_rule_columns, FALSE },
  { "approval", approval_columns, FALSE },
  { "bill_run", bill_run_columns, TRUE },
  { "bill", bill_columns, FALSE },
  { "bill_line", bill_line_columns, FALSE },
  { "meter", meter_columns, FALSE },
  { "meter_replacement", meter_replacement_columns, TRUE },
  { "meter_reading", meter_reading_columns, FALSE },
  { "tariff", tariff_columns, FALSE },
  { "meter_loss", meter_loss_columns, FALSE },
  { "payment", payment_columns, FALSE },
  { "allocation", allocation_columns, FALSE },
  { "credit_note", credit_note_columns, FALSE },
};

struct _PwStore
{
  GObject         parent_instance;
  sqlite3        *db;
  char           *path;
  char           *client_id;
  char           *actor;
  int             schema_version;
  gint64          next_mid;
  guint64         revision;
  PwValidateFunc  validator;
  char           *tx_time;    /* one timestamp for every mutation of a transaction */
  GThread        *checkpointer; /* copies a big batch's WAL into the database */
  GHashTable     *stmt_cache; /* sql → sqlite3_stmt, finalized on dispose */
  gboolean        no_outbox;  /* a server store: changes are not pushed anywhere */
  gint64          outer_mid;  /* next_mid when the caller's transaction began */
  GPtrArray      *recorders;  /* of PwChange: the recordings open (pw_store_record_begin) */
  PwChange       *pending;    /* what the open transaction wrote, while recording */
  gboolean        big_tx;     /* a batch (pw_store_batch_new) runs in the caller's transaction */
  gboolean        flat_steps; /* pw_store_undo_steps: its steps are not savepoints of their own */
  sqlite3_stmt   *audit_stmt; /* write_log()'s statements, from stmt_cache */
  sqlite3_stmt   *outbox_stmt;
  /* while flat_steps: the JSON text of the rows last written by an update, each
   * held with its row (a later step's row before is often one of them) */
  JsonObject     *written[4];
  char           *written_json[4];
  guint           written_next;
  GArray         *outbox_rows; /* of OutboxRow: while flat_steps, written at the end */
};

/* An outbox row held back while flat_steps (see pw_store_end_flat_steps()) */
typedef struct
{
  gint64  mid;
  gint64  base_version;
  char   *entity;
  char   *id;
  char   *op;
  char   *fields;
  char   *created_at;
} OutboxRow;

static void
outbox_row_clear (gpointer data)
{
  OutboxRow *r = data;

  g_free (r->entity);
  g_free (r->id);
  g_free (r->op);
  g_free (r->fields);
  g_free (r->created_at);
}

G_DEFINE_FINAL_TYPE (PwStore, pw_store, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- mutations ------------------------------------------------------------ */

static PwMutation *
mutation_new (const char *entity, const char *id, PwMutationOp op, gint64 base_version)
{
  PwMutation *m = g_new0 (PwMutation, 1);

  m->entity = g_strdup (entity);
  m->id = id ? g_strdup (id) : pw_uuid_new ();
  m->op = op;
  m->base_version = base_version;
  m->fields = json_object_new ();
  return m;
}

PwMutation *
pw_mutation_new_insert (const char *entity, const char *id)
{
  return mutation_new (entity, id, PW_MUTATION_INSERT, 0);
}

PwMutation *
pw_mutation_new_update (const char *entity, const char *id, gint64 base_version)
{
  g_return_val_if_fail (id != NULL, NULL);
  return mutation_new (entity, id, PW_MUTATION_UPDATE, base_version);
}

PwMutation *
pw_mutation_new_delete (const char *entity, const char *id, gint64 base_version)
{
  g_return_val_if_fail (id != NULL, NULL);
  return mutation_new (entity, id, PW_MUTATION_DELETE, base_version);
}

void
pw_mutation_free (PwMutation *m)
{
  if (m == NULL)
    return;
  g_free (m->entity);
  g_free (m->id);
  json_object_unref (m->fields);
  g_clear_pointer (&m->row, json_object_unref);
  g_free (m);
}

/* The row of the record an update or delete is about, as read in this transaction
 * just before (an undo reads every row it writes to check it): the mutation path
 * takes it instead of reading it again. The UPDATE and DELETE still match on the
 * version, so a row that is not the one stored fails as a conflict. */
void
pw_mutation_set_row (PwMutation *m, JsonObject *row)
{
  g_clear_pointer (&m->row, json_object_unref);
  m->row = row != NULL ? json_object_ref (row) : NULL;
}

const char *pw_mutation_get_entity (PwMutation *m) { return m->entity; }
const char *pw_mutation_get_id (PwMutation *m) { return m->id; }
PwMutationOp pw_mutation_get_op (PwMutation *m) { return m->op; }
JsonObject *pw_mutation_get_fields (PwMutation *m) { return m->fields; }

void
pw_mutation_set_fields (PwMutation *m, JsonObject *fields)
{
  json_object_ref (fields);
  json_object_unref (m->fields);
  m->fields = fields;
}

void
pw_mutation_set_string (PwMutation *m, const char *field, const char *value)
{
  if (value == NULL)
    json_object_set_null_member (m->fields, field);
  else
    json_object_set_string_member (m->fields, field, value);
}

void
pw_mutation_set_int (PwMutation *m, const char *field, gint64 value)
{
  json_object_set_int_member (m->fields, field, value);
}

void
pw_mutation_set_bool (PwMutation *m, const char *field, gboolean value)
{
  json_object_set_int_member (m->fields, field, value ? 1 : 0);
}

void
pw_mutation_set_null (PwMutation *m, const char *field)
{
  json_object_set_null_member (m->fields, field);
}

/* ---- helpers -------------------------------------------------------------- */

/* UUIDv7 (RFC 9562): a millisecond timestamp, then a counter that keeps ids
 * made within one millisecond in order, then random bits. Ids made in sequence
 * sort in sequence, so a big import appends to the B-trees instead of writing
 * all over them. */
gboolean
pw_uuid_to_bytes (const char *text, gsize len, guint8 out[16])
{
  int j = 0;

  if (text == NULL || len != 36)
    return FALSE;
  for (gsize i = 0; i < 36; i++)
    {
      int hi, lo;

      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
          continue;
        }
      hi = g_ascii_xdigit_value (text[i]);
      lo = i + 1 < 36 ? g_ascii_xdigit_value (text[i + 1]) : -1;
      if (hi < 0 || lo < 0)
        return FALSE;
      out[j++] = (guint8) (hi << 4 | lo);
      i++;
    }
  return j == 16;
}

void
pw_uuid_from_bytes (const guint8 bytes[16], char out[37])
{
  static const char hex[] = "0123456789abcdef";
  int j = 0;

  for (int i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[j++] = '-';
      out[j++] = hex[bytes[i] >> 4];
      out[j++] = hex[bytes[i] & 0xf];
    }
  out[j] = '\0';
}

/* g_date_get_julian() of 1970-01-01 */
#define JULIAN_1970 719163

gint64
pw_date_to_days (const GDate *date)
{
  return (gint64) g_date_get_julian (date) - JULIAN_1970;
}

void
pw_date_from_days (gint64 days, GDate *out)
{
  g_date_clear (out, 1);
  if (days + JULIAN_1970 >= 1 && days + JULIAN_1970 <= G_MAXUINT32)
    g_date_set_julian (out, (guint32) (days + JULIAN_1970));
}

/* ---- SQL functions the schema's views and triggers call --------------------- */

/* pw_uuid_blob(text): a UUID's 16 bytes; an error for anything else */
static void
sql_uuid_blob (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  guint8 bytes[16];

  if (!pw_uuid_to_bytes (text, text ? (gsize) sqlite3_value_bytes (argv[0]) : 0, bytes))
    {
      sqlite3_result_error (ctx, "not a UUID", -1);
      return;
    }
  sqlite3_result_blob (ctx, bytes, 16, SQLITE_TRANSIENT);
}

/* pw_uuid_text(blob): the text of a UUID's 16 bytes */
static void
sql_uuid_text (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  char text[37];

  if (sqlite3_value_type (argv[0]) != SQLITE_BLOB || sqlite3_value_bytes (argv[0]) != 16)
    {
      sqlite3_result_null (ctx);
      return;
    }
  pw_uuid_from_bytes (sqlite3_value_blob (argv[0]), text);
  sqlite3_result_text (ctx, text, 36, SQLITE_TRANSIENT);
}

/* pw_schedule_explanation(charge, start, end, basis, form, arg): a schedule line's
 * explanation, worded by pw_schedule_explain() from what the line keeps */
static void
sql_schedule_explanation (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  GDate start, end;
  char *text;

  pw_date_from_days (sqlite3_value_int64 (argv[1]), &start);
  pw_date_from_days (sqlite3_value_int64 (argv[2]), &end);
  if (!g_date_valid (&start) || !g_date_valid (&end))
    {
      sqlite3_result_error (ctx, "a schedule line without valid dates", -1);
      return;
    }
  text = pw_schedule_explain ((const char *) sqlite3_value_text (argv[0]), &start, &end,
                              (const char *) sqlite3_value_text (argv[3]),
                              (guint) sqlite3_value_int (argv[4]),
                              (const char *) sqlite3_value_text (argv[5]));
  sqlite3_result_text (ctx, text, -1, g_free);
}

static gboolean
register_functions (PwStore *self, GError **error)
{
  const int flags = SQLITE_UTF8 | SQLITE_INNOCUOUS;

  if (sqlite3_create_function (self->db, "pw_uuid_blob", 1, flags | SQLITE_DETERMINISTIC, NULL,
                               sql_uuid_blob, NULL, NULL) != SQLITE_OK
      || sqlite3_create_function (self->db, "pw_uuid_text", 1, flags | SQLITE_DETERMINISTIC, NULL,
                                  sql_uuid_text, NULL, NULL) != SQLITE_OK
      /* not deterministic: worded in the reader's language */
      || sqlite3_create_function (self->db, "pw_schedule_explanation", 6, flags, NULL,
                                  sql_schedule_explanation, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_SQLITE,
                   _("Could not open %s: %s"), self->path, sqlite3_errmsg (self->db));
      return FALSE;
    }
  return TRUE;
}

char *
pw_uuid_new (void)
{
  static gint64 last_ms;
  static guint counter;
  G_LOCK_DEFINE_STATIC (uuid);
  guint8 b[16];
  gint64 ms = g_get_real_time () / 1000;
  guint32 r1 = g_random_int (), r2 = g_random_int ();
  guint seq;

  G_LOCK (uuid);
  if (ms <= last_ms)
    {
      ms = last_ms;
      if (++counter > 0xfff)
        {
          ms = ++last_ms;
          counter = 0;
        }
    }
  else
    {
      last_ms = ms;
      counter = g_random_int_range (0, 0x200);
    }
  seq = counter;
  G_UNLOCK (uuid);

  for (int i = 0; i < 6; i++)
    b[i] = (guint8) (ms >> (40 - 8 * i));
  b[6] = 0x70 | ((seq >> 8) & 0x0f);
  b[7] = seq & 0xff;
  b[8] = 0x80 | ((r1 >> 24) & 0x3f);
  b[9] = (r1 >> 16) & 0xff;
  b[10] = (r1 >> 8) & 0xff;
  b[11] = r1 & 0xff;
  b[12] = (r2 >> 24) & 0xff;
  b[13] = (r2 >> 16) & 0xff;
  b[14] = (r2 >> 8) & 0xff;
  b[15] = r2 & 0xff;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
                          b[10], b[11], b[12], b[13], b[14], b[15]);
}

char *
pw_now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

void
pw_store_set_error (PwStore *self, GError **error, int rc, const char *what)
{
  int primary = rc & 0xff;
  PwStoreError code = PW_STORE_ERROR_SQLITE;

  if (primary == SQLITE_CONSTRAINT)
    code = PW_STORE_ERROR_CONSTRAINT;
  g_set_error (error, PW_STORE_ERROR, code,
               /* Translators: first %s is what was being done, second the database's reason */
               _("Database error while %s: %s"), what,
               self && self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
}

static const EntityDesc *
find_entity (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (g_strcmp0 (entities[i].name, name) == 0)
      return &entities[i];
  return NULL;
}

static gboolean
entity_has_column (const EntityDesc *desc, const char *column)
{
  for (guint i = 0; desc->columns[i]; i++)
    if (strcmp (desc->columns[i], column) == 0)
      return TRUE;
  return FALSE;
}

sqlite3_stmt *
pw_store_prepare (PwStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      pw_store_set_error (self, error, rc, _("preparing a query"));
      return NULL;
    }
  return stmt;
}

/* A statement kept for the life of the store; reset before it is handed out. */
static sqlite3_stmt *
prepare_cached (PwStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmt_cache, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  stmt = pw_store_prepare (self, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (self->stmt_cache, g_strdup (sql), stmt);
  return stmt;
}

sqlite3_stmt *
pw_store_prepare_cached (PwStore *self, const char *sql, GError **error)
{
  return prepare_cached (self, sql, error);
}

gboolean
pw_store_exec (PwStore *self, const char *sql, GError **error)
{
  char *msg = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &msg);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, PW_STORE_ERROR,
                   (rc & 0xff) == SQLITE_CONSTRAINT ? PW_STORE_ERROR_CONSTRAINT
                                                    : PW_STORE_ERROR_SQLITE,
                   _("Database error: %s"), msg ? msg : sqlite3_errstr (rc));
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

gboolean
pw_store_step_done (PwStore *self, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      pw_store_set_error (self, error, rc, _("writing a record"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

JsonObject *
pw_store_get_row (PwStore *self, const char *entity, const char *id, GError **error)
{
  const EntityDesc *desc = find_entity (entity);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (desc == NULL)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                   _("Unknown kind of record “%s”"), entity);
      return NULL;
    }
  sql = g_strdup_printf ("SELECT * FROM %s WHERE id = ?", desc->name);
  stmt = prepare_cached (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      JsonObject *row = pw_sql_row_to_json (stmt);
      sqlite3_reset (stmt);
      return row;
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                 _("No %s record with id %s"), entity, id);
  else
    pw_store_set_error (self, error, rc, _("reading a record"));
  return NULL;
}

gint64
pw_store_count (PwStore *self, const char *table)
{
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n = -1;

  if (find_entity (table) == NULL && g_strcmp0 (table, "audit") != 0
      && g_strcmp0 (table, "outbox") != 0)
    return -1;
  sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  stmt = pw_store_prepare (self, sql, NULL);
  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  return n;
}

static void
append_json_string (GString *out, const char *str)
{
  const unsigned char *p = (const unsigned char *) str, *run = p;

  g_string_append_c (out, '"');
  /* characters that need no escape are copied a run at a time */
  for (; *p; p++)
    {
      if (*p >= 0x20 && *p != '"' && *p != '\\')
        continue;
      g_string_append_len (out, (const char *) run, p - run);
      run = p + 1;
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default: g_string_append_printf (out, "\\u%04x", *p);
        }
    }
  g_string_append_len (out, (const char *) run, p - run);
  g_string_append_c (out, '"');
}

/* Records are flat (text, integers, null), so a direct writer is enough and
 * much cheaper than a JsonGenerator on the import path. */
static char *
object_to_json (JsonObject *obj)
{
  GString *out;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  gboolean first = TRUE;

  if (obj == NULL)
    return NULL;
  out = g_string_sized_new (512);
  g_string_append_c (out, '{');
  json_object_iter_init_ordered (&iter, obj);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      append_json_string (out, name);
      g_string_append_c (out, ':');
      if (JSON_NODE_HOLDS_NULL (node))
        g_string_append (out, "null");
      else if (!JSON_NODE_HOLDS_VALUE (node))
        {
          g_autofree char *nested = json_to_string (node, FALSE);
          g_string_append (out, nested);
        }
      else
        switch (json_node_get_value_type (node))
          {
          case G_TYPE_INT64:
            g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
            break;
          case G_TYPE_BOOLEAN:
            g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
            break;
          case G_TYPE_DOUBLE:
            {
              char buf[G_ASCII_DTOSTR_BUF_SIZE];
              g_string_append (out, g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
            }
            break;
          default:
            append_json_string (out, json_node_get_string (node));
          }
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/* ---- the mutation path ---------------------------------------------------- */

static void
copy_members (JsonObject *dest, JsonObject *src)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, src);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    json_object_set_member (dest, name, json_node_ref (node));
}

static gboolean
write_log (PwStore *self, PwMutation *m, const char *op_name, const char *before_json,
           const char *after_json, const char *fields_json, GError **error)
{
  sqlite3_stmt *stmt;

  /* held by the cache; pw_store_step_done() resets them after each row, and
   * every parameter is bound again */
  if (self->audit_stmt == NULL)
    self->audit_stmt = prepare_cached (self,
      "INSERT OR FAIL INTO audit (at, actor, entity, entity_id, op, before, after, mid)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  stmt = self->audit_stmt;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->tx_time, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, self->actor, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, m->entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, m->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, op_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, before_json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, after_json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, self->next_mid);
  if (!pw_store_step_done (self, stmt, error))
    return FALSE;

  if (self->no_outbox)
    {
      self->next_mid++;
      return TRUE;
    }
  if (self->flat_steps)
    {
      OutboxRow r = { self->next_mid, m->base_version, g_strdup (m->entity), g_strdup (m->id),
                      g_strdup (op_name), g_strdup (fields_json), g_strdup (self->tx_time) };

      if (self->outbox_rows == NULL)
        {
          self->outbox_rows = g_array_new (FALSE, FALSE, sizeof (OutboxRow));
          g_array_set_clear_func (self->outbox_rows, outbox_row_clear);
        }
      g_array_append_val (self->outbox_rows, r);
      self->next_mid++;
      return TRUE;
    }
  if (self->outbox_stmt == NULL)
    self->outbox_stmt = prepare_cached (self,
      "INSERT OR FAIL INTO outbox (mid, client_id, entity, entity_id, op, fields,"
      " base_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  stmt = self->outbox_stmt;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->next_mid);
  sqlite3_bind_text (stmt, 2, self->client_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, m->entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, m->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, op_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, fields_json, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, m->base_version);
  sqlite3_bind_text (stmt, 8, self->tx_time, -1, SQLITE_STATIC);
  if (!pw_store_step_done (self, stmt, error))
    return FALSE;

  self->next_mid++;
  return TRUE;
}

/* The row an update writes: @before's members in their order, each set by the
 * mutation's field of the same name if it has one, then the fields @before lacks;
 * a new version and time. Each member is set once (json-glib looks a replaced
 * member up in its list of names). */
static JsonObject *
updated_row (PwStore *self, JsonObject *before, PwMutation *m)
{
  JsonObject *after = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  guint from_fields = 0;

  json_object_iter_init_ordered (&iter, before);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      JsonNode *field = json_object_get_member (m->fields, name);

      if (strcmp (name, "version") == 0)
        json_object_set_int_member (after, name, m->base_version + 1);
      else if (strcmp (name, "updated_at") == 0)
        json_object_set_string_member (after, name, self->tx_time);
      else if (field != NULL)
        {
          json_object_set_member (after, name, json_node_ref (field));
          from_fields++;
        }
      else
        json_object_set_member (after, name, json_node_ref (node));
    }
  if (from_fields < json_object_get_size (m->fields))
    copy_members (after, m->fields);
  if (!json_object_has_member (before, "version"))
    json_object_set_int_member (after, "version", m->base_version + 1);
  if (!json_object_has_member (before, "updated_at"))
    json_object_set_string_member (after, "updated_at", self->tx_time);
  return after;
}

/* The JSON text of @row: as it was written, when it is a row an update of these
 * steps wrote (nothing changes a written row: its object is shared, not edited) */
static char *
written_json (PwStore *self, JsonObject *row)
{
  if (row != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (self->written); i++)
      if (self->written[i] == row)
        return g_strdup (self->written_json[i]);
  return object_to_json (row);
}

static void
remember_json (PwStore *self, JsonObject *row, const char *json)
{
  guint i = self->written_next;

  self->written_next = (i + 1) % G_N_ELEMENTS (self->written);
  g_clear_pointer (&self->written[i], json_object_unref);
  g_free (self->written_json[i]);
  self->written[i] = json_object_ref (row);
  self->written_json[i] = g_strdup (json);
}

static void
forget_json (PwStore *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->written); i++)
    {
      g_clear_pointer (&self->written[i], json_object_unref);
      g_clear_pointer (&self->written_json[i], g_free);
    }
}

static gboolean
apply_one_inner (PwStore *self, PwMutation *m, GString *sql, GError **error)
{
  const EntityDesc *desc = find_entity (m->entity);
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  g_autofree char *fields_json = NULL;
  const char *op_name = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  sqlite3_stmt *stmt;
  sqlite3_int64 total;
  int idx = 1;

  if (desc == NULL)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                   _("Unknown kind of record “%s”"), m->entity);
      return FALSE;
    }

  json_object_iter_init_ordered (&iter, m->fields);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    if (!entity_has_column (desc, name))
      {
        g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                     _("A %s record has no field “%s”"), m->entity, name);
        return FALSE;
      }

  if (m->op != PW_MUTATION_INSERT)
    {
      if (desc->insert_only)
        {
          g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                       _("%s records cannot be changed once written"), m->entity);
          return FALSE;
        }
      before = m->row != NULL ? json_object_ref (m->row)
                              : pw_store_get_row (self, m->entity, m->id, error);
      if (before == NULL)
        return FALSE;
      if (json_object_get_int_member (before, "version") != m->base_version)
        {
          g_autofree char *found = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    json_object_get_int_member (before, "version"));
          g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, m->base_version);

          /* Translators: the kind of record, its id, then two version numbers */
          g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT,
                       _("The %s record %s was changed elsewhere (version %s, expected %s)"),
                       m->entity, m->id, found, expected);
          return FALSE;
        }
    }

  switch (m->op)
    {
    case PW_MUTATION_INSERT:
      /* The new record is the fields plus its identity and times: lend the
       * mutation's own object for it (imports insert many records) and take
       * the additions back out before returning. */
      op_name = "insert";
      fields_json = object_to_json (m->fields);
      after = json_object_ref (m->fields);
      json_object_set_string_member (after, "id", m->id);
      json_object_set_int_member (after, "version", 1);
      json_object_set_string_member (after, "created_at", self->tx_time);
      json_object_set_string_member (after, "updated_at", self->tx_time);
      break;
    case PW_MUTATION_UPDATE:
      op_name = "update";
      after = updated_row (self, before, m);
      break;
    case PW_MUTATION_DELETE:
      op_name = "delete";
      break;
    default:
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID, _("Unknown operation"));
      return FALSE;
    }

  if (after != NULL && self->validator != NULL
      && !self->validator (self, m->entity, after, before, error))
    return FALSE;

  /* The statement text doubles as the cache key; build it without printf. */
  g_string_truncate (sql, 0);
  if (m->op == PW_MUTATION_INSERT)
    {
      guint n = 0;

      g_string_append (sql, "INSERT INTO ");
      g_string_append (sql, desc->name);
      g_string_append (sql, " (");
      json_object_iter_init_ordered (&iter, after);
      while (json_object_iter_next_ordered (&iter, &name, &node))
        {
          if (n++)
            g_string_append (sql, ", ");
          g_string_append (sql, name);
        }
      g_string_append (sql, ") VALUES (?");
      for (guint i = 1; i < n; i++)
        g_string_append (sql, ", ?");
      g_string_append_c (sql, ')');
      stmt = prepare_cached (self, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      json_object_iter_init_ordered (&iter, after);
      while (json_object_iter_next_ordered (&iter, &name, &node))
        pw_sql_bind_json (stmt, idx++, node);
    }
  else if (m->op == PW_MUTATION_UPDATE)
    {
      g_string_append (sql, "UPDATE ");
      g_string_append (sql, desc->name);
      g_string_append (sql, " SET version = ?, updated_at = ?");
      json_object_iter_init_ordered (&iter, m->fields);
      while (json_object_iter_next_ordered (&iter, &name, &node))
        {
          g_string_append (sql, ", ");
          g_string_append (sql, name);
          g_string_append (sql, " = ?");
        }
      g_string_append (sql, " WHERE id = ? AND version = ?");
      stmt = prepare_cached (self, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, idx++, m->base_version + 1);
      sqlite3_bind_text (stmt, idx++, self->tx_time, -1, SQLITE_STATIC);
      json_object_iter_init_ordered (&iter, m->fields);
      while (json_object_iter_next_ordered (&iter, &name, &node))
        pw_sql_bind_json (stmt, idx++, node);
      sqlite3_bind_text (stmt, idx++, m->id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, idx++, m->base_version);
    }
  else
    {
      g_string_append (sql, "DELETE FROM ");
      g_string_append (sql, desc->name);
      g_string_append (sql, " WHERE id = ? AND version = ?");
      stmt = prepare_cached (self, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, m->id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, m->base_version);
    }

  /* schedule_line is a view (migration 010): its triggers change the rows, which
   * sqlite3_changes() does not count */
  total = sqlite3_total_changes64 (self->db);
  if (!pw_store_step_done (self, stmt, error))
    return FALSE;
  if (g_str_equal (desc->name, "schedule_line") ? sqlite3_total_changes64 (self->db) == total
                                                : sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT,
                   _("The %s record %s was changed elsewhere"), m->entity, m->id);
      return FALSE;
    }

  before_json = written_json (self, before);
  if (m->op == PW_MUTATION_INSERT)
    {
      /* the record as written is the fields plus four members: extend their JSON */
      GString *json = g_string_new_len (fields_json, strlen (fields_json) - 1);

      if (json->len > 1)
        g_string_append_c (json, ',');
      g_string_append (json, "\"id\":");
      append_json_string (json, m->id);
      g_string_append (json, ",\"version\":1,\"created_at\":");
      append_json_string (json, self->tx_time);
      g_string_append (json, ",\"updated_at\":");
      append_json_string (json, self->tx_time);
      g_string_append_c (json, '}');
      after_json = g_string_free (json, FALSE);
    }
  else
    {
      after_json = object_to_json (after);
      fields_json = object_to_json (m->fields);
      if (after != NULL && self->flat_steps)
        remember_json (self, after, after_json);
    }
  if (!write_log (self, m, op_name, before_json, after_json, fields_json, error))
    return FALSE;
  if (self->recorders->len > 0)
    {
      if (m->op == PW_MUTATION_INSERT)
        {
          /* the insert's row is the mutation's own fields, lent: keep a copy */
          g_autoptr(JsonObject) row = json_object_new ();

          copy_members (row, after);
          pw_change_add (self->pending, m->entity, m->id, NULL, row);
        }
      else
        pw_change_add (self->pending, m->entity, m->id, before, after);
    }
  return TRUE;
}

/* What a committed transaction wrote goes to every recording open. */
static void
flush_pending (PwStore *self)
{
  for (guint i = 0; i < self->recorders->len; i++)
    pw_change_append (self->recorders->pdata[i], self->pending);
  pw_change_truncate (self->pending, 0);
}

static gboolean
apply_one (PwStore *self, PwMutation *m, GString *sql, GError **error)
{
  static const char *const lent[] = { "id", "version", "created_at", "updated_at" };
  gboolean ok = apply_one_inner (self, m, sql, error);

  if (m->op == PW_MUTATION_INSERT)
    for (guint i = 0; i < G_N_ELEMENTS (lent); i++)
      if (json_object_has_member (m->fields, lent[i]))
        json_object_remove_member (m->fields, lent[i]);
  return ok;
}

/* After a big batch the WAL holds the whole batch: copying it into the
 * database takes a while, so a thread does it on a connection of its own
 * instead of the next commit (a PASSIVE checkpoint never blocks writers).
 * The data is durable already: the WAL was synced at COMMIT. */
static gpointer
checkpoint_thread (gpointer data)
{
  g_autofree char *path = data;
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 5000);
      sqlite3_exec (db, "PRAGMA wal_checkpoint(PASSIVE)", NULL, NULL, NULL);
    }
  sqlite3_close (db);
  return NULL;
}

static void
join_checkpointer (PwStore *self)
{
  if (self->checkpointer != NULL)
    g_thread_join (g_steal_pointer (&self->checkpointer));
}

static void
end_big_batch (PwStore *self, gboolean committed)
{
  sqlite3_exec (self->db, "PRAGMA cache_size = -4096", NULL, NULL, NULL);
  sqlite3_wal_autocheckpoint (self->db, 1000);
  if (committed && g_strcmp0 (self->path, ":memory:") != 0)
    {
      join_checkpointer (self);
      self->checkpointer = g_thread_new ("pw-checkpoint", checkpoint_thread,
                                         g_strdup (self->path));
    }
}

gboolean
pw_store_apply (PwStore *self, PwMutation *mutation, GError **error)
{
  return pw_store_apply_all (self, &mutation, 1, error);
}

gboolean
pw_store_apply_all (PwStore     *self,
                    PwMutation **mutations,
                    guint        n_mutations,
                    GError     **error)
{
  return pw_store_apply_all_full (self, mutations, n_mutations, NULL, NULL, error);
}

const char *
pw_store_get_tx_time (PwStore *self)
{
  return self->tx_time;
}

static gboolean
apply_nested (PwStore            *self,
              PwMutation        **mutations,
              guint               n_mutations,
              PwStoreDerivedFunc  derived,
              gpointer            data,
              GError            **error)
{
  gint64 first_mid = self->next_mid;
  guint first_record = pw_change_get_n_records (self->pending);
  g_autoptr(GString) sql = g_string_sized_new (512);
  sqlite3_stmt *stmt;

  /* The steps of pw_store_undo_steps() are all or nothing together: no savepoint
   * of their own (each would copy every page it touches to the sub-journal), and
   * next_mid written once, before the commit (pw_store_write_next_mid()). */
  if (self->flat_steps)
    {
      for (guint i = 0; i < n_mutations; i++)
        if (!apply_one (self, mutations[i], sql, error))
          return FALSE;
      if (derived != NULL && !derived (self, data, error))
        return FALSE;
      if (derived != NULL && self->recorders->len > 0)
        pw_change_set_derived (self->pending);
      return TRUE;
    }

  /* prepared once: an undo list's steps each take a savepoint */
  stmt = prepare_cached (self, "SAVEPOINT pw_apply", error);
  if (stmt == NULL || !pw_store_step_done (self, stmt, error))
    return FALSE;
  g_free (self->tx_time);
  self->tx_time = pw_now_iso ();
  for (guint i = 0; i < n_mutations; i++)
    if (!apply_one (self, mutations[i], sql, error))
      goto rollback;
  if (derived != NULL && !derived (self, data, error))
    goto rollback;
  if (!pw_store_write_next_mid (self, error))
    goto rollback;
  stmt = prepare_cached (self, "RELEASE pw_apply", error);
  if (stmt == NULL || !pw_store_step_done (self, stmt, error))
    goto rollback;
  /* recorded once the caller's transaction commits */
  if (derived != NULL && self->recorders->len > 0)
    pw_change_set_derived (self->pending);
  return TRUE;

rollback:
  sqlite3_exec (self->db, "ROLLBACK TO pw_apply", NULL, NULL, NULL);
  sqlite3_exec (self->db, "RELEASE pw_apply", NULL, NULL, NULL);
  self->next_mid = first_mid;
  pw_change_truncate (self->pending, first_record);
  return FALSE;
}

/* The outbox's next number, kept in the database with the changes that used it. */
gboolean
pw_store_write_next_mid (PwStore *self, GError **error)
{
  sqlite3_stmt *stmt = prepare_cached (self,
    "INSERT OR REPLACE INTO meta (key, value) VALUES ('next_mid', ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->next_mid);
  return pw_store_step_done (self, stmt, error);
}

/* The outbox's next number as the database has it, read once a write transaction
 * holds the lock: another process on the same file (parkwise-cli beside the app) may
 * have taken numbers since this store last wrote. */
static gboolean
reload_next_mid (PwStore *self, GError **error)
{
  sqlite3_stmt *stmt = prepare_cached (self, "SELECT value FROM meta WHERE key = 'next_mid'",
                                       error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    self->next_mid = MAX (self->next_mid,
                          g_ascii_strtoll ((const char *) sqlite3_column_text (stmt, 0), NULL, 10));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pw_store_set_error (self, error, rc, _("reading the installation identity"));
      return FALSE;
    }
  return TRUE;
}

gboolean
pw_store_apply_all_full (PwStore            *self,
                         PwMutation        **mutations,
                         guint               n_mutations,
                         PwStoreDerivedFunc  derived,
                         gpointer            data,
                         GError            **error)
{
  gint64 first_mid = self->next_mid;
  g_autoptr(GString) sql = g_string_sized_new (512);
  /* pure derived writes (schedules computed again) can be just as big */
  gboolean big = n_mutations > 1000 || (derived != NULL && n_mutations == 0);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);

  /* Inside a caller's transaction (the sync engine applies a batch of pushed
   * mutations, each of which may fail alone) the change is a savepoint of it. */
  if (!sqlite3_get_autocommit (self->db))
    return apply_nested (self, mutations, n_mutations, derived, data, error);

  /* A big batch would otherwise spill dirty pages to the WAL mid-transaction,
   * and checkpoint on the way out: see checkpoint_thread(). */
  if (big)
    {
      if (!pw_store_exec (self, "PRAGMA cache_size = -262144", error))
        return FALSE;
      sqlite3_wal_autocheckpoint (self->db, 0);
    }
  if (!pw_store_exec (self, "BEGIN IMMEDIATE", error))
    goto restore;
  if (!reload_next_mid (self, error))
    goto rollback;
  first_mid = self->next_mid;

  g_free (self->tx_time);
  self->tx_time = pw_now_iso ();
  for (guint i = 0; i < n_mutations; i++)
    if (!apply_one (self, mutations[i], sql, error))
      goto rollback;
  if (derived != NULL && !derived (self, data, error))
    goto rollback;

  stmt = prepare_cached (self, "INSERT OR REPLACE INTO meta (key, value) VALUES ('next_mid', ?)",
                         error);
  if (stmt == NULL)
    goto rollback;
  sqlite3_bind_int64 (stmt, 1, self->next_mid);
  if (!pw_store_step_done (self, stmt, error))
    goto rollback;

  rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      pw_store_set_error (self, error, rc, _("committing a change"));
      goto rollback;
    }

  if (big)
    end_big_batch (self, TRUE);
  if (derived != NULL && self->recorders->len > 0)
    pw_change_set_derived (self->pending);
  flush_pending (self);
  self->revision++;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;

rollback:
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->next_mid = first_mid;
  pw_change_truncate (self->pending, 0);
restore:
  if (big)
    end_big_batch (self, FALSE);
  return FALSE;
}

gboolean
pw_store_begin (PwStore *self, GError **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  if (!pw_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!reload_next_mid (self, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  self->outer_mid = self->next_mid;
  pw_change_truncate (self->pending, 0);
  return TRUE;
}

void
pw_store_rollback (PwStore *self)
{
  g_return_if_fail (PW_IS_STORE (self));
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  /* the outbox numbers the rolled-back changes took are free again (invariant 2) */
  self->next_mid = self->outer_mid;
  pw_change_truncate (self->pending, 0);
  if (self->big_tx)
    {
      self->big_tx = FALSE;
      end_big_batch (self, FALSE);
    }
}

gboolean
pw_store_commit (PwStore *self, GError **error)
{
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      pw_store_set_error (self, error, rc, _("committing a change"));
      pw_store_rollback (self);
      return FALSE;
    }
  self->outer_mid = self->next_mid;
  if (self->big_tx)
    {
      self->big_tx = FALSE;
      end_big_batch (self, TRUE);
    }
  flush_pending (self);
  return TRUE;
}

/* ---- recording changes (pw-change.h) ---------------------------------------- */

/* Many changes in one transaction (an undo list's steps): the page cache grows
 * instead of spilling, and the WAL is copied back by a thread afterwards (see
 * checkpoint_thread()). */
void
pw_store_many_begin (PwStore *self)
{
  sqlite3_exec (self->db, "PRAGMA cache_size = -262144", NULL, NULL, NULL);
  sqlite3_wal_autocheckpoint (self->db, 0);
}

void
pw_store_many_end (PwStore *self, gboolean committed)
{
  end_big_batch (self, committed);
}

void
pw_store_set_flat_steps (PwStore *self, gboolean flat)
{
  self->flat_steps = flat;
  /* one time for all the steps, as for the mutations of any one transaction */
  if (flat)
    {
      g_free (self->tx_time);
      self->tx_time = pw_now_iso ();
    }
  forget_json (self);
  if (self->outbox_rows != NULL)
    g_array_set_size (self->outbox_rows, 0);
}

/* The outbox rows the steps held back, written in their order, as write_log()
 * writes one. The outbox's only CHECK is on its state, which these rows leave at
 * its default ('pending'); SQLite 3.40 evaluates that IN list by building a
 * temporary index for every row inserted (a tenth of an undo's time), so it is
 * not evaluated for these rows (ignore_check_constraints, set back at once). */
static gboolean
write_outbox_rows (PwStore *self, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  if (self->outbox_rows == NULL || self->outbox_rows->len == 0)
    return TRUE;
  if (!pw_store_exec (self, "PRAGMA ignore_check_constraints = ON", error))
    return FALSE;
  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT INTO outbox (mid, client_id, entity, entity_id, op, fields,"
                           " base_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      pw_store_set_error (self, error, rc, _("preparing a query"));
      ok = FALSE;
    }
  for (guint i = 0; ok && i < self->outbox_rows->len; i++)
    {
      OutboxRow *r = &g_array_index (self->outbox_rows, OutboxRow, i);

      sqlite3_bind_int64 (stmt, 1, r->mid);
      sqlite3_bind_text (stmt, 2, self->client_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, r->entity, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, r->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, r->op, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, r->fields, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 7, r->base_version);
      sqlite3_bind_text (stmt, 8, r->created_at, -1, SQLITE_STATIC);
      ok = pw_store_step_done (self, stmt, error);
    }
  sqlite3_finalize (stmt);
  if (!pw_store_exec (self, "PRAGMA ignore_check_constraints = OFF", ok ? error : NULL))
    ok = FALSE;
  return ok;
}

gboolean
pw_store_end_flat_steps (PwStore *self, gboolean write, GError **error)
{
  gboolean ok = !write || write_outbox_rows (self, error);

  pw_store_set_flat_steps (self, FALSE);
  return ok;
}

guint
pw_store_pending_length (PwStore *self)
{
  return pw_change_get_n_records (self->pending);
}

/* What the open transaction wrote from record @from on, while recording. */
PwChange *
pw_store_pending_since (PwStore *self, guint from)
{
  PwChange *slice = pw_change_new ();

  for (guint i = from; i < pw_change_get_n_records (self->pending); i++)
    pw_change_add (slice, pw_change_get_entity (self->pending, i),
                   pw_change_get_id (self->pending, i), pw_change_get_before (self->pending, i),
                   pw_change_get_after (self->pending, i));
  return slice;
}

void
pw_store_record_begin (PwStore *self)
{
  g_return_if_fail (PW_IS_STORE (self));
  g_ptr_array_add (self->recorders, pw_change_new ());
}

PwChange *
pw_store_record_end (PwStore *self)
{
  PwChange *change;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (self->recorders->len > 0, NULL);

  change = g_ptr_array_steal_index (self->recorders, self->recorders->len - 1);
  if (pw_change_get_n_records (change) == 0 && !pw_change_has_derived (change))
    g_clear_pointer (&change, pw_change_unref);
  return change;
}

gboolean
pw_store_apply_all_undoable (PwStore            *self,
                             PwMutation        **mutations,
                             guint               n_mutations,
                             PwStoreDerivedFunc  derived,
                             gpointer            data,
                             PwChange          **change,
                             GError            **error)
{
  g_autoptr(PwChange) recorded = NULL;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);

  pw_store_record_begin (self);
  ok = pw_store_apply_all_full (self, mutations, n_mutations, derived, data, error);
  recorded = pw_store_record_end (self);
  *change = ok ? g_steal_pointer (&recorded) : NULL;
  return ok;
}

/* ---- many inserts in the caller's transaction --------------------------------- */

/* A kind of record a batch inserts, with the values of the row being written. */
typedef struct
{
  const EntityDesc *desc;
  guint             n;        /* columns given */
  const char      **columns;  /* the desc's own strings */
  int              *types;    /* SQLITE_TEXT, SQLITE_INTEGER or SQLITE_NULL */
  char            **texts;
  gint64           *ints;
  char             *id;       /* of the row written last */
  sqlite3_stmt     *stmt;
  JsonObject       *row;      /* the record as the validator sees it, made when needed */
} BatchKind;

struct _PwStoreBatch
{
  PwStore   *store;
  GPtrArray *kinds;          /* BatchKind */
  GString   *fields;         /* the fields' JSON, as the outbox holds it */
  GString   *after;          /* the record's JSON, as the audit holds it */
};

static void
batch_kind_free (gpointer data)
{
  BatchKind *k = data;

  for (guint i = 0; i < k->n; i++)
    g_free (k->texts[i]);
  g_free (k->columns);
  g_free (k->types);
  g_free (k->texts);
  g_free (k->ints);
  g_free (k->id);
  sqlite3_finalize (k->stmt);
  g_clear_pointer (&k->row, json_object_unref);
  g_free (k);
}

PwStoreBatch *
pw_store_batch_new (PwStore *self, GError **error)
{
  PwStoreBatch *batch;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  if (sqlite3_get_autocommit (self->db))
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                   _("A batch of records is written inside a transaction"));
      return NULL;
    }
  /* as a big pw_store_apply_all(): a page cache that holds the whole batch, and the
   * checkpoint after COMMIT on a thread of its own (see checkpoint_thread()) */
  if (!self->big_tx)
    {
      if (!pw_store_exec (self, "PRAGMA cache_size = -262144", error))
        return NULL;
      sqlite3_wal_autocheckpoint (self->db, 0);
      self->big_tx = TRUE;
    }
  g_free (self->tx_time);
  self->tx_time = pw_now_iso ();
  batch = g_new0 (PwStoreBatch, 1);
  batch->store = g_object_ref (self);
  batch->kinds = g_ptr_array_new_with_free_func (batch_kind_free);
  batch->fields = g_string_sized_new (1024);
  batch->after = g_string_sized_new (1024);
  return batch;
}

void
pw_store_batch_free (PwStoreBatch *batch)
{
  if (batch == NULL)
    return;
  g_ptr_array_unref (batch->kinds);
  g_string_free (batch->fields, TRUE);
  g_string_free (batch->after, TRUE);
  g_object_unref (batch->store);
  g_free (batch);
}

int
pw_store_batch_add_kind (PwStoreBatch *batch, const char *entity, const char *const *columns,
                         GError **error)
{
  const EntityDesc *desc = find_entity (entity);
  g_autoptr(GString) sql = NULL;
  BatchKind *k;

  if (desc == NULL)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                   _("Unknown kind of record “%s”"), entity);
      return -1;
    }
  k = g_new0 (BatchKind, 1);
  k->desc = desc;
  k->n = g_strv_length ((char **) columns);
  k->columns = g_new0 (const char *, k->n + 1);
  k->types = g_new0 (int, k->n);
  k->texts = g_new0 (char *, k->n);
  k->ints = g_new0 (gint64, k->n);
  sql = g_string_new ("INSERT INTO ");
  g_string_append (sql, desc->name);
  g_string_append (sql, " (");
  for (guint i = 0; i < k->n; i++)
    {
      guint j;

      for (j = 0; desc->columns[j] && strcmp (desc->columns[j], columns[i]) != 0; j++)
        ;
      if (desc->columns[j] == NULL || g_strv_contains ((const char *const *) k->columns,
                                                       columns[i]))
        {
          g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                       _("A %s record has no field “%s”"), entity, columns[i]);
          batch_kind_free (k);
          return -1;
        }
      k->columns[i] = desc->columns[j];
      k->types[i] = SQLITE_NULL;
      g_string_append (sql, columns[i]);
      g_string_append (sql, ", ");
    }
  g_string_append (sql, "id, version, created_at, updated_at) VALUES (");
  for (guint i = 0; i < k->n + 4; i++)
    g_string_append (sql, i ? ", ?" : "?");
  g_string_append_c (sql, ')');
  k->stmt = pw_store_prepare (batch->store, sql->str, error);
  if (k->stmt == NULL)
    {
      batch_kind_free (k);
      return -1;
    }
  g_ptr_array_add (batch->kinds, k);
  return (int) batch->kinds->len - 1;
}

void
pw_store_batch_set_string (PwStoreBatch *batch, int kind, guint column, const char *value)
{
  BatchKind *k = g_ptr_array_index (batch->kinds, kind);

  g_return_if_fail (column < k->n);
  g_free (k->texts[column]);
  k->texts[column] = g_strdup (value);
  k->types[column] = value ? SQLITE_TEXT : SQLITE_NULL;
}

void
pw_store_batch_set_int (PwStoreBatch *batch, int kind, guint column, gint64 value)
{
  BatchKind *k = g_ptr_array_index (batch->kinds, kind);

  g_return_if_fail (column < k->n);
  g_clear_pointer (&k->texts[column], g_free);
  k->ints[column] = value;
  k->types[column] = SQLITE_INTEGER;
}

/* Sets a member of a batch's row in place (a new node only when it turns null or back) */
static void
batch_row_set (JsonObject *row, const char *name, int type, const char *text, gint64 value)
{
  JsonNode *node = json_object_get_member (row, name);

  if (type == SQLITE_NULL)
    {
      if (!JSON_NODE_HOLDS_NULL (node))
        json_object_set_null_member (row, name);
    }
  else if (!JSON_NODE_HOLDS_VALUE (node))
    {
      if (type == SQLITE_TEXT)
        json_object_set_string_member (row, name, text);
      else
        json_object_set_int_member (row, name, value);
    }
  else if (type == SQLITE_TEXT)
    json_node_set_string (node, text);
  else
    json_node_set_int (node, value);
}

/* The row as a record (the fields, then id, version and times), as the validator
 * sees an insert; its nodes are set again for each row, so nothing may keep them. */
static JsonObject *
batch_row (PwStore *self, BatchKind *k)
{
  if (k->row == NULL)
    {
      k->row = json_object_new ();
      for (guint i = 0; i < k->n; i++)
        json_object_set_null_member (k->row, k->columns[i]);
      json_object_set_null_member (k->row, "id");
      json_object_set_int_member (k->row, "version", 1);
      json_object_set_null_member (k->row, "created_at");
      json_object_set_null_member (k->row, "updated_at");
    }
  for (guint i = 0; i < k->n; i++)
    batch_row_set (k->row, k->columns[i], k->types[i], k->texts[i], k->ints[i]);
  batch_row_set (k->row, "id", SQLITE_TEXT, k->id, 0);
  batch_row_set (k->row, "created_at", SQLITE_TEXT, self->tx_time, 0);
  batch_row_set (k->row, "updated_at", SQLITE_TEXT, self->tx_time, 0);
  return k->row;
}

const char *
pw_store_batch_insert (PwStoreBatch *batch, int kind, const char *id, GError **error)
{
  PwStore *self = batch->store;
  BatchKind *k = g_ptr_array_index (batch->kinds, kind);
  PwMutation m = { (char *) k->desc->name, NULL, PW_MUTATION_INSERT, 0, NULL };
  GString *fields = batch->fields, *after = batch->after;
  int idx = 1;

  g_free (k->id);
  k->id = id ? g_strdup (id) : pw_uuid_new ();
  m.id = k->id;

  /* the fields' JSON exactly as object_to_json() writes a mutation's fields */
  g_string_truncate (fields, 0);
  g_string_append_c (fields, '{');
  for (guint i = 0; i < k->n; i++)
    {
      if (i)
        g_string_append_c (fields, ',');
      append_json_string (fields, k->columns[i]);
      g_string_append_c (fields, ':');
      if (k->types[i] == SQLITE_TEXT)
        append_json_string (fields, k->texts[i]);
      else if (k->types[i] == SQLITE_INTEGER)
        g_string_append_printf (fields, "%" G_GINT64_FORMAT, k->ints[i]);
      else
        g_string_append (fields, "null");
    }
  g_string_append_c (fields, '}');

  if (self->validator != NULL
      && !self->validator (self, k->desc->name, batch_row (self, k), NULL, error))
    return NULL;

  for (guint i = 0; i < k->n; i++, idx++)
    if (k->types[i] == SQLITE_TEXT)
      sqlite3_bind_text (k->stmt, idx, k->texts[i], -1, SQLITE_STATIC);
    else if (k->types[i] == SQLITE_INTEGER)
      sqlite3_bind_int64 (k->stmt, idx, k->ints[i]);
    else
      sqlite3_bind_null (k->stmt, idx);
  sqlite3_bind_text (k->stmt, idx++, k->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (k->stmt, idx++, 1);
  sqlite3_bind_text (k->stmt, idx++, self->tx_time, -1, SQLITE_STATIC);
  sqlite3_bind_text (k->stmt, idx++, self->tx_time, -1, SQLITE_STATIC);
  if (!pw_store_step_done (self, k->stmt, error))
    return NULL;
  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT,
                   _("The %s record %s was changed elsewhere"), k->desc->name, k->id);
      return NULL;
    }

  /* the record as written: the fields plus four members, as apply_one_inner() */
  g_string_truncate (after, 0);
  g_string_append_len (after, fields->str, fields->len - 1);
  if (after->len > 1)
    g_string_append_c (after, ',');
  g_string_append (after, "\"id\":");
  append_json_string (after, k->id);
  g_string_append (after, ",\"version\":1,\"created_at\":");
  append_json_string (after, self->tx_time);
  g_string_append (after, ",\"updated_at\":");
  append_json_string (after, self->tx_time);
  g_string_append_c (after, '}');
  if (!write_log (self, &m, "insert", NULL, after->str, fields->str, error))
    return NULL;
  if (self->recorders->len > 0)
    {
      /* a record of its own: the batch's row shares its values from row to row */
      g_autoptr(JsonObject) row = json_object_new ();

      for (guint i = 0; i < k->n; i++)
        if (k->types[i] == SQLITE_TEXT)
          json_object_set_string_member (row, k->columns[i], k->texts[i]);
        else if (k->types[i] == SQLITE_INTEGER)
          json_object_set_int_member (row, k->columns[i], k->ints[i]);
        else
          json_object_set_null_member (row, k->columns[i]);
      json_object_set_string_member (row, "id", k->id);
      json_object_set_int_member (row, "version", 1);
      json_object_set_string_member (row, "created_at", self->tx_time);
      json_object_set_string_member (row, "updated_at", self->tx_time);
      pw_change_add (self->pending, k->desc->name, k->id, NULL, row);
    }
  return k->id;
}

gboolean
pw_store_batch_end (PwStoreBatch *batch, GError **error)
{
  PwStore *self = batch->store;
  sqlite3_stmt *stmt = prepare_cached (self,
    "INSERT OR REPLACE INTO meta (key, value) VALUES ('next_mid', ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->next_mid);
  return pw_store_step_done (self, stmt, error);
}

/* ---- opening and migrations ----------------------------------------------- */

static int
read_user_version (PwStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (self, "PRAGMA user_version", NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int (stmt, 0);
  return -1;
}

static gboolean
migrate (PwStore *self, int target, GError **error)
{
  static const char *const scripts[] = {
    "001-initial.sql",
    "002-history-equipment.sql",
    "003-indexes.sql",
    "004-equipment-value.sql",
    "005-floor-drawing.sql",
    "006-customers.sql",
    "007-contracts.sql",
    "008-prices.sql",
    "009-sync.sql",
    "010-schedule-compact.sql",
    "011-sync-results.sql",
    "012-contract-approvals.sql",
    "013-plan-edits.sql",
    "014-billing.sql",
    "015-seller-accounts.sql",
    "016-meters.sql",
    "017-receivables.sql",
    "018-arrears.sql",
    "019-receivables-batch.sql",
    "020-arrears-batch.sql",
  };
  int current = read_user_version (self);

  G_STATIC_ASSERT (G_N_ELEMENTS (scripts) == PW_STORE_SCHEMA_VERSION);
  g_resources_register (pw_core_get_resource ());

  if (current < 0)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_MIGRATION,
                   _("Could not read the schema version of %s"), self->path);
      return FALSE;
    }
  if (current > PW_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_TOO_NEW,
                   _("%s was written by a newer version of Parkwise (schema %d; this version "
                     "understands up to %d)"), self->path, current, PW_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  for (int v = current + 1; v <= target; v++)
    {
      g_autofree char *res = g_strdup_printf ("/io/github/parkwise/core/migrations/%s",
                                              scripts[v - 1]);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (res, 0, error);
      g_autofree char *sql = NULL;
      g_autoptr(GError) local = NULL;
      int rc;

      if (bytes == NULL)
        return FALSE;
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      if (!pw_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!pw_store_exec (self, sql, &local))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_MIGRATION,
                       _("Could not upgrade %s to schema %d: %s"), self->path, v,
                       local->message);
          return FALSE;
        }
      {
        g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", v);
        if (!pw_store_exec (self, pragma, error))
          {
            sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
            return FALSE;
          }
      }
      rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          pw_store_set_error (self, error, rc, _("committing a schema upgrade"));
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  self->schema_version = MAX (current, target);
  return TRUE;
}

static gboolean
load_identity (PwStore *self, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = pw_store_prepare (self, "SELECT key, value FROM meta WHERE key IN ('client_id', 'next_mid')",
                           error);
  if (stmt == NULL)
    return FALSE;
  self->next_mid = 1;
  for (int rc = sqlite3_step (stmt); ; rc = sqlite3_step (stmt))
    {
      if (rc == SQLITE_DONE)
        break;
      if (rc != SQLITE_ROW)
        {
          pw_store_set_error (self, error, rc, _("reading the installation identity"));
          return FALSE;
        }
      if (g_str_equal (sqlite3_column_text (stmt, 0), "client_id"))
        self->client_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      else
        self->next_mid = g_ascii_strtoll ((const char *) sqlite3_column_text (stmt, 1), NULL, 10);
    }

  if (self->client_id == NULL)
    {
      g_autoptr(sqlite3_stmt) ins = NULL;

      self->client_id = pw_uuid_new ();
      ins = pw_store_prepare (self, "INSERT INTO meta (key, value) VALUES ('client_id', ?)", error);
      if (ins == NULL)
        return FALSE;
      sqlite3_bind_text (ins, 1, self->client_id, -1, SQLITE_TRANSIENT);
      if (!pw_store_step_done (self, ins, error))
        return FALSE;
    }
  return TRUE;
}

PwStore *
pw_store_open_at_version (const char *path, int version, GError **error)
{
  g_autoptr(PwStore) self = g_object_new (PW_TYPE_STORE, NULL);
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version >= 1 && version <= PW_STORE_SCHEMA_VERSION, NULL);

  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_SQLITE,
                   _("Could not open %s: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  if (!pw_store_exec (self, "PRAGMA journal_mode = WAL", error)
      || !pw_store_exec (self, "PRAGMA synchronous = FULL", error)
      || !pw_store_exec (self, "PRAGMA foreign_keys = ON", error)
      /* a modest page cache; big batches raise it for their transaction */
      || !pw_store_exec (self, "PRAGMA cache_size = -4096", error)
      || !pw_store_exec (self, "PRAGMA temp_store = MEMORY", error)
      || !register_functions (self, error)
      || !migrate (self, version, error)
      || !load_identity (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

PwStore *
pw_store_open (const char *path, GError **error)
{
  return pw_store_open_at_version (path, PW_STORE_SCHEMA_VERSION, error);
}

const char *pw_store_get_path (PwStore *self) { return self->path; }
int pw_store_get_schema_version (PwStore *self) { return self->schema_version; }
sqlite3 *pw_store_get_db (PwStore *self) { return self->db; }
const char *pw_store_get_client_id (PwStore *self) { return self->client_id; }
const char *pw_store_get_actor (PwStore *self) { return self->actor; }
guint64 pw_store_get_revision (PwStore *self) { return self->revision; }

void
pw_store_set_actor (PwStore *self, const char *actor)
{
  g_return_if_fail (PW_IS_STORE (self));
  if (g_strcmp0 (self->actor, actor) == 0)
    return;
  g_free (self->actor);
  self->actor = g_strdup (actor ? actor : g_get_user_name ());
}

void
pw_store_set_validator (PwStore *self, PwValidateFunc func)
{
  self->validator = func;
}

void
pw_store_set_outbox_enabled (PwStore *self, gboolean enabled)
{
  g_return_if_fail (PW_IS_STORE (self));
  self->no_outbox = !enabled;
}

gboolean
pw_store_get_outbox_enabled (PwStore *self)
{
  return !self->no_outbox;
}

gint64
pw_store_get_next_mid (PwStore *self)
{
  return self->next_mid;
}

void
pw_store_notify_changed (PwStore *self)
{
  self->revision++;
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *const *
pw_store_entity_columns (const char *entity)
{
  const EntityDesc *desc = find_entity (entity);

  return desc ? desc->columns : NULL;
}

gboolean
pw_store_entity_is_insert_only (const char *entity)
{
  const EntityDesc *desc = find_entity (entity);

  return desc != NULL && desc->insert_only;
}

static void
pw_store_dispose (GObject *object)
{
  PwStore *self = PW_STORE (object);

  join_checkpointer (self);
  self->audit_stmt = self->outbox_stmt = NULL;
  g_clear_pointer (&self->stmt_cache, g_hash_table_unref);
  forget_json (self);
  g_clear_pointer (&self->outbox_rows, g_array_unref);
  G_OBJECT_CLASS (pw_store_parent_class)->dispose (object);
}

static void
pw_store_finalize (GObject *object)
{
  PwStore *self = PW_STORE (object);

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->client_id);
  g_free (self->actor);
  g_free (self->tx_time);
  g_ptr_array_unref (self->recorders);
  pw_change_unref (self->pending);
  G_OBJECT_CLASS (pw_store_parent_class)->finalize (object);
}

static void
pw_store_class_init (PwStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_store_dispose;
  object_class->finalize = pw_store_finalize;

  /**
   * PwStore::changed:
   *
   * Emitted after a transaction of mutations has been committed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pw_store_init (PwStore *self)
{
  self->actor = g_strdup (g_get_user_name ());
  self->stmt_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  self->recorders = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_change_unref);
  self->pending = pw_change_new ();
}
