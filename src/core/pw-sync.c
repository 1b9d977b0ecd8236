/* pw-sync.c — the sync protocol's vocabulary: errors, roles and the authorisation
 * matrix, the kinds of record it carries, the guarded JSON reader and the codec
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The guarded reader exists because json-glib 1.6 recurses without limit (about
 * 100,000 nested arrays crash the process) and keeps the last of two members with
 * the same name. Invariants:
 *  1. Bytes that are too many, not UTF-8, nested deeper than the limit, or not JSON by
 *     RFC 8259 are refused by one scan that recurses at most max_depth deep and builds
 *     the JsonNode tree itself: json-glib's parser never sees untrusted bytes.
 *  2. An object naming a member twice (after unescaping) is refused wherever it is.
 *  3. A whole number that does not fit in 64 bits, or a number that is not finite,
 *     is refused rather than rounded.
 *  4. Every refusal says what and where: a byte offset and the JSON path.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pw-sync-private.h"

G_DEFINE_QUARK (pw-sync-error-quark, pw_sync_error)

static const struct {
  const char *name;
  guint       http;
} error_codes[] = {
  [PW_SYNC_ERROR_TOO_LARGE] = { "too_large", 413 },
  [PW_SYNC_ERROR_BAD_ENCODING] = { "bad_encoding", 400 },
  [PW_SYNC_ERROR_TOO_DEEP] = { "too_deep", 400 },
  [PW_SYNC_ERROR_DUPLICATE_KEY] = { "duplicate_key", 400 },
  [PW_SYNC_ERROR_MALFORMED] = { "malformed", 400 },
  [PW_SYNC_ERROR_INVALID] = { "invalid", 422 },
  [PW_SYNC_ERROR_UNSUPPORTED_CLIENT] = { "unsupported_client", 400 },
  [PW_SYNC_ERROR_GAP] = { "gap", 409 },
  [PW_SYNC_ERROR_FORBIDDEN_CLIENT] = { "forbidden_client", 403 },
  [PW_SYNC_ERROR_CURSOR_EXPIRED] = { "cursor_expired", 410 },
  [PW_SYNC_ERROR_STORE] = { "server_error", 500 },
};

const char *
pw_sync_error_code_name (int code)
{
  if (code < 0 || (guint) code >= G_N_ELEMENTS (error_codes))
    return "server_error";
  return error_codes[code].name;
}

guint
pw_sync_error_http_status (int code)
{
  if (code < 0 || (guint) code >= G_N_ELEMENTS (error_codes))
    return 500;
  return error_codes[code].http;
}

/* ---- the kinds of record ------------------------------------------------------------- */

#define REFS(...) (const char *const[]) { __VA_ARGS__, NULL }

/* Parents before children: a bootstrap sends them in this order. */
static const PwSyncEntity sync_entities[] = {
  { "park", (const char *const[]) { NULL }, FALSE, FALSE },
  { "building", REFS ("park_id", "park"), FALSE, FALSE },
  { "floor", REFS ("park_id", "park", "building_id", "building"), FALSE, FALSE },
  { "space", REFS ("park_id", "park", "floor_id", "floor"), FALSE, FALSE },
  { "floor_drawing", REFS ("park_id", "park", "floor_id", "floor"), FALSE, FALSE },
  { "space_status", REFS ("space_id", "space"), TRUE, FALSE },
  { "equipment", REFS ("park_id", "park", "floor_id", "floor", "space_id", "space"), FALSE, FALSE },
  { "lifecycle_event", REFS ("entity_id", NULL), TRUE, FALSE },
  { "customer", REFS ("park_id", "park"), FALSE, FALSE },
  { "contact", REFS ("customer_id", "customer"), FALSE, FALSE },
  { "prospect", REFS ("park_id", "park", "customer_id", "customer"), FALSE, FALSE },
  { "quote", REFS ("prospect_id", "prospect"), FALSE, FALSE },
  { "viewing", REFS ("prospect_id", "prospect"), FALSE, FALSE },
  { "approval_rule", REFS ("park_id", "park"), FALSE, FALSE },
  { "approval", REFS ("quote_id", "quote", "rule_id", "approval_rule"), FALSE, FALSE },
  { "contract", REFS ("park_id", "park", "customer_id", "customer", "quote_id", "quote"),
    FALSE, FALSE },
  { "contract_version", REFS ("contract_id", "contract"), TRUE, FALSE },
  { "contract_space", REFS ("contract_id", "contract", "space_id", "space"), FALSE, FALSE },
  { "schedule_line", REFS ("contract_id", "contract"), TRUE, TRUE },
  { "bill_run", REFS ("park_id", "park"), TRUE, FALSE },
  { "bill", REFS ("park_id", "park", "run_id", "bill_run", "customer_id", "customer"),
    FALSE, FALSE },
  { "bill_line", REFS ("bill_id", "bill", "contract_id", "contract"), FALSE, FALSE },
  { "tariff", REFS ("park_id", "park"), FALSE, FALSE },
  { "meter", REFS ("park_id", "park", "master_id", "meter", "customer_id", "customer"),
    FALSE, FALSE },
  { "meter_replacement", REFS ("meter_id", "meter"), TRUE, FALSE },
  { "meter_reading", REFS ("meter_id", "meter"), FALSE, FALSE },
  { "meter_loss", REFS ("master_id", "meter"), FALSE, FALSE },
  { "payment", REFS ("park_id", "park", "customer_id", "customer"), FALSE, FALSE },
  { "allocation", REFS ("payment_id", "payment", "bill_line_id", "bill_line"), FALSE, FALSE },
  { "credit_note", REFS ("park_id", "park", "bill_line_id", "bill_line"), FALSE, FALSE },
};

static const char *const entity_names[] = {
  "park", "building", "floor", "space", "floor_drawing", "space_status", "equipment",
  "lifecycle_event", "customer", "contact", "prospect", "quote", "viewing", "approval_rule",
  "approval", "contract", "contract_version", "contract_space", "schedule_line", "bill_run", "bill",
  "bill_line", "tariff", "meter", "meter_replacement", "meter_reading", "meter_loss",
  "payment", "allocation", "credit_note", NULL
};

/* What a lifecycle event may be about. */
static const char *const lifecycle_subjects[] = { "space", "equipment", "floor", "building", NULL };

const PwSyncEntity *
pw_sync_entity_lookup (const char *name)
{
  if (name == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (sync_entities); i++)
    if (strcmp (sync_entities[i].name, name) == 0)
      return &sync_entities[i];
  return NULL;
}

gboolean
pw_sync_entity_is_known (const char *entity)
{
  return pw_sync_entity_lookup (entity) != NULL;
}

const char *const *
pw_sync_entities (void)
{
  G_STATIC_ASSERT (G_N_ELEMENTS (entity_names) == G_N_ELEMENTS (sync_entities) + 1);
  return entity_names;
}

static char *
park_sql (const char *entity, const char *prefix, int depth)
{
  const PwSyncEntity *e = pw_sync_entity_lookup (entity);
  g_autofree char *alias = g_strdup_printf ("p%d", depth);
  g_autofree char *inner = NULL;
  g_autofree char *inner_prefix = g_strdup_printf ("%s.", alias);

  if (g_str_equal (entity, "park"))
    return g_strdup_printf ("%sid", prefix);
  if (g_str_equal (entity, "lifecycle_event"))
    {
      GString *sql = g_string_new ("CASE ");

      g_string_append_printf (sql, "%sentity", prefix);
      for (guint i = 0; lifecycle_subjects[i]; i++)
        {
          g_autofree char *sub = park_sql (lifecycle_subjects[i], inner_prefix, depth + 1);
          g_string_append_printf (sql, " WHEN '%s' THEN (SELECT %s FROM %s %s WHERE %s.id = %sentity_id)",
                                  lifecycle_subjects[i], sub, lifecycle_subjects[i], alias, alias,
                                  prefix);
        }
      g_string_append (sql, " END");
      return g_string_free (sql, FALSE);
    }
  if (g_str_equal (e->refs[1], "park"))
    return g_strdup_printf ("%spark_id", prefix);
  inner = park_sql (e->refs[1], inner_prefix, depth + 1);
  return g_strdup_printf ("(SELECT %s FROM %s %s WHERE %s.id = %s%s)", inner, e->refs[1], alias,
                          alias, prefix, e->refs[0]);
}

char *
pw_sync_park_sql (const char *entity, const char *prefix)
{
  return park_sql (entity, prefix, 1);
}

const char *
pw_sync_key_sql (const char *entity)
{
  return g_strcmp0 (entity, "schedule_line") == 0 ? "contract_id || '|' || id" : "id";
}

gboolean
pw_sync_is_uuid (const char *text)
{
  if (text == NULL || strlen (text) != 36)
    return FALSE;
  for (int i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
        return FALSE;
    }
  return TRUE;
}

const char *
pw_sync_op_to_string (PwMutationOp op)
{
  switch (op)
    {
    case PW_MUTATION_INSERT: return "insert";
    case PW_MUTATION_UPDATE: return "update";
    case PW_MUTATION_DELETE: return "delete";
    default: return NULL;
    }
}

int
pw_sync_op_from_string (const char *text)
{
  if (g_strcmp0 (text, "insert") == 0)
    return PW_MUTATION_INSERT;
  if (g_strcmp0 (text, "update") == 0)
    return PW_MUTATION_UPDATE;
  if (g_strcmp0 (text, "delete") == 0)
    return PW_MUTATION_DELETE;
  return -1;
}

/* ---- roles and the authorisation matrix --------------------------------------------- */

static const char *const role_names[PW_SYNC_N_ROLES] = {
  "admin", "asset_manager", "leasing_agent", "finance", "operations", "viewer"
};

const char *
pw_sync_role_to_string (PwSyncRole role)
{
  g_return_val_if_fail ((guint) role < PW_SYNC_N_ROLES, NULL);
  return role_names[role];
}

int
pw_sync_role_from_string (const char *name)
{
  for (guint i = 0; i < PW_SYNC_N_ROLES; i++)
    if (g_strcmp0 (name, role_names[i]) == 0)
      return (int) i;
  return -1;
}

#define AM (1u << PW_SYNC_ROLE_ASSET_MANAGER)
#define LA (1u << PW_SYNC_ROLE_LEASING_AGENT)
#define FI (1u << PW_SYNC_ROLE_FINANCE)
#define OP (1u << PW_SYNC_ROLE_OPERATIONS)

typedef struct {
  const char *field;
  guint       roles;
} FieldRule;

/* Who may insert, update and delete each kind of record in a park they hold a role
 * in. A park's admin may do everything and a viewer nothing, so neither is listed;
 * parks themselves are created and removed by server administrators only.
 * "fields" is who may write each field (a field not listed: "field_default"). The
 * same table is in docs/sync-protocol.md. */
static const struct {
  const char      *entity;
  guint            insert, update, delete, field_default;
  const FieldRule *fields;
} matrix[] = {
  { "park", 0, AM | FI, 0, AM,
    (const FieldRule[]) { { "list_price", AM | FI }, { "floor_price", AM | FI },
                          /* the sellers' bank accounts on payment notices are finance's */
                          { "sellers", FI }, { "allocation_order", AM | FI }, { NULL, 0 } } },
  { "building", AM, AM, AM, AM, NULL },
  { "floor", AM, AM, AM, AM, NULL },
  /* geometry and areas are the asset manager's; leasing and operations move the status */
  { "space", AM, AM | LA | OP, AM, AM,
    (const FieldRule[]) { { "status", AM | LA | OP }, { "status_since", AM | LA | OP },
                          { "notes", AM | LA | OP }, { NULL, 0 } } },
  { "floor_drawing", AM, AM, AM, AM, NULL },
  { "space_status", AM | LA | OP, 0, 0, AM | LA | OP, NULL },
  { "equipment", AM | OP, AM | OP, AM | OP, AM | OP, NULL },
  { "lifecycle_event", AM | LA | OP, 0, 0, AM | LA | OP, NULL },
  { "customer", AM | LA, AM | LA | FI, AM | LA, AM | LA,
    (const FieldRule[]) { { "risk_level", AM | LA | FI }, { "notes", AM | LA | FI }, { NULL, 0 } } },
  { "contact", AM | LA, AM | LA, AM | LA, AM | LA, NULL },
  { "prospect", AM | LA, AM | LA, AM | LA, AM | LA, NULL },
  { "quote", AM | LA, AM | LA, AM | LA, AM | LA, NULL },
  { "viewing", AM | LA, AM | LA, AM | LA, AM | LA, NULL },
  { "approval_rule", AM, AM, AM, AM, NULL },
  /* an agent asks for an approval; the asset manager decides */
  { "approval", AM | LA, AM, AM, AM | LA,
    (const FieldRule[]) { { "decision", AM }, { "actor", AM }, { "comment", AM },
                          { "decided_at", AM }, { NULL, 0 } } },
  /* the approvals a contract beyond policy needs: the asset manager gives them */
  { "contract", AM | LA, AM | LA | FI, AM | LA, AM | LA,
    (const FieldRule[]) { { "notes", AM | LA | FI }, { "approvals", AM }, { NULL, 0 } } },
  /* the terms: money, agreed by leasing, amended by finance */
  { "contract_version", AM | LA | FI, 0, 0, AM | LA | FI, NULL },
  { "contract_space", AM | LA, AM | LA, AM | LA, AM | LA, NULL },
  /* money computed by the server from the terms: nobody pushes it */
  { "schedule_line", 0, 0, 0, 0, NULL },
  /* bills: finance posts runs and moves bills (hold, release, send, cancel); nobody
   * deletes them (docs/billing.md) */
  { "bill_run", FI, 0, 0, FI, NULL },
  { "bill", FI, FI, 0, FI, NULL },
  { "bill_line", FI, FI, 0, FI, NULL },
  /* meters and tariffs: operations keep the meters and read them, finance sets the
   * tariffs and loss rules (docs/meters.md) */
  { "meter", OP | FI, OP | FI, OP | FI, OP | FI, NULL },
  { "meter_replacement", OP | FI, 0, 0, OP | FI, NULL },
  { "meter_reading", OP | FI, OP | FI, OP | FI, OP | FI, NULL },
  { "tariff", FI, FI, FI, FI, NULL },
  { "meter_loss", FI, FI, FI, FI, NULL },
  /* receivables: finance records payments, allocates them and writes credit notes; the
   * approvals of a credit note are the approver roles' (docs/receivables.md) */
  { "payment", FI, FI, 0, FI, NULL },
  { "allocation", FI, FI, 0, FI, NULL },
  { "credit_note", FI, FI | AM, 0, FI,
    (const FieldRule[]) { { "approvals", AM }, { "status", AM | FI }, { "approval_ref", AM | FI },
                          { NULL, 0 } } },
};

/* An approval asked for and not decided: who may ask for one (the insert column) may
 * write its decision as "pending" and leave the decider's fields empty, as the desktop's
 * pw_quote_submit() does; deciding stays the field rule's. */
static gboolean
undecided_request (const char *entity, PwMutationOp op, JsonObject *fields, const char *field)
{
  JsonNode *node = json_object_get_member (fields, field);
  gboolean null = node == NULL || JSON_NODE_HOLDS_NULL (node);
  const char *text = !null && json_node_get_value_type (node) == G_TYPE_STRING
                     ? json_node_get_string (node) : NULL;

  /* a contract submitted again asks afresh: whoever submits clears its approvals */
  if (g_str_equal (entity, "contract") && g_str_equal (field, "approvals"))
    return g_strcmp0 (text, "[]") == 0;
  if (!g_str_equal (entity, "approval") || op != PW_MUTATION_INSERT)
    return FALSE;
  if (g_str_equal (field, "decision"))
    return g_strcmp0 (text, "pending") == 0;
  if (g_str_equal (field, "comment"))
    return null || g_strcmp0 (text, "") == 0;
  if (g_str_equal (field, "actor") || g_str_equal (field, "decided_at"))
    return null;
  return FALSE;
}

gboolean
pw_sync_role_allows (PwSyncRole role, const char *entity, PwMutationOp op, JsonObject *fields,
                     const char **field_out)
{
  guint bit = 1u << role;

  if (field_out)
    *field_out = NULL;
  if ((guint) role >= PW_SYNC_N_ROLES || !pw_sync_entity_is_known (entity))
    return FALSE;
  if (pw_sync_entity_lookup (entity)->derived)
    return FALSE;
  if (role == PW_SYNC_ROLE_ADMIN)
    return !g_str_equal (entity, "park") || op == PW_MUTATION_UPDATE;
  if (role == PW_SYNC_ROLE_VIEWER)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (matrix); i++)
    {
      guint allowed;

      if (!g_str_equal (matrix[i].entity, entity))
        continue;
      allowed = op == PW_MUTATION_INSERT ? matrix[i].insert
                : op == PW_MUTATION_UPDATE ? matrix[i].update : matrix[i].delete;
      if (!(allowed & bit))
        return FALSE;
      if (fields == NULL || op == PW_MUTATION_DELETE)
        return TRUE;
      {
        g_autoptr(GList) names = json_object_get_members (fields);

        names = g_list_sort (names, (GCompareFunc) strcmp);
        for (GList *l = names; l; l = l->next)
          {
            guint may = matrix[i].field_default;

            for (const FieldRule *r = matrix[i].fields; r && r->field; r++)
              if (strcmp (r->field, l->data) == 0)
                may = r->roles;
            if (!(may & bit) && undecided_request (entity, op, fields, l->data))
              may = g_str_equal (entity, "contract") ? matrix[i].update : matrix[i].insert;
            if (!(may & bit))
              {
                if (field_out)
                  *field_out = g_intern_string (l->data);
                return FALSE;
              }
          }
      }
      return TRUE;
    }
  return FALSE;
}

/* ---- actors -------------------------------------------------------------------------- */

struct _PwSyncActor
{
  char       *user_id;
  gboolean    is_admin;
  GHashTable *grants;  /* park id → role + 1 */
};

PwSyncActor *
pw_sync_actor_new (const char *user_id, gboolean is_admin)
{
  PwSyncActor *actor = g_new0 (PwSyncActor, 1);

  g_return_val_if_fail (user_id != NULL, NULL);
  actor->user_id = g_strdup (user_id);
  actor->is_admin = is_admin;
  actor->grants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return actor;
}

void
pw_sync_actor_free (PwSyncActor *actor)
{
  if (actor == NULL)
    return;
  g_free (actor->user_id);
  g_hash_table_unref (actor->grants);
  g_free (actor);
}

void
pw_sync_actor_grant (PwSyncActor *actor, const char *park_id, PwSyncRole role)
{
  g_return_if_fail (actor != NULL && park_id != NULL && (guint) role < PW_SYNC_N_ROLES);
  g_hash_table_insert (actor->grants, g_strdup (park_id), GUINT_TO_POINTER (role + 1));
}

const char *pw_sync_actor_get_user_id (PwSyncActor *actor) { return actor->user_id; }
gboolean pw_sync_actor_is_admin (PwSyncActor *actor) { return actor->is_admin; }

int
pw_sync_actor_get_role (PwSyncActor *actor, const char *park_id)
{
  gpointer role;

  if (actor->is_admin)
    return PW_SYNC_ROLE_ADMIN;
  if (park_id == NULL)
    return -1;
  role = g_hash_table_lookup (actor->grants, park_id);
  return role ? (int) GPOINTER_TO_UINT (role) - 1 : -1;
}

GPtrArray *
pw_sync_actor_list_parks (PwSyncActor *actor)
{
  GPtrArray *parks = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, actor->grants);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (parks, key);
  return parks;
}

/* ---- the guarded reader ------------------------------------------------------------- */

typedef struct {
  const char *data;
  gsize       len;
  gsize       pos;
  guint       max_depth;
  GString    *path;
  GError    **error;
  GString    *scratch;  /* the member name being read */
  GString    *text;     /* the string value being read */
} Scan;

static gboolean
scan_fail (Scan *s, int code, const char *problem)
{
  char offset[32];

  g_snprintf (offset, sizeof offset, "%" G_GSIZE_FORMAT, s->pos);
  g_set_error (s->error, PW_SYNC_ERROR, code,
               /* Translators: what is wrong, a byte offset, then a JSON path such as
                * $.mutations[2].fields */
               _("%s at byte %s (%s)"), problem, offset, s->path->str);
  return FALSE;
}

static void
skip_ws (Scan *s)
{
  while (s->pos < s->len && (s->data[s->pos] == ' ' || s->data[s->pos] == '\t'
                             || s->data[s->pos] == '\n' || s->data[s->pos] == '\r'))
    s->pos++;
}

static int
hex4 (const char *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);
      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

static gboolean
scan_string (Scan *s, GString *out)
{
  s->pos++;
  while (s->pos < s->len)
    {
      unsigned char c = (unsigned char) s->data[s->pos];

      if (c == '"')
        {
          s->pos++;
          return TRUE;
        }
      if (c < 0x20)
        return scan_fail (s, PW_SYNC_ERROR_MALFORMED, _("A control character inside a string"));
      if (c != '\\')
        {
          gsize run = s->pos + 1;

          /* a run of plain bytes at once */
          while (run < s->len && s->data[run] != '"' && s->data[run] != '\\'
                 && (unsigned char) s->data[run] >= 0x20)
            run++;
          if (out)
            g_string_append_len (out, s->data + s->pos, (gssize) (run - s->pos));
          s->pos = run;
          continue;
        }
      if (s->pos + 1 >= s->len)
        break;
      c = (unsigned char) s->data[s->pos + 1];
      if (c == 'u')
        {
          int cp, low;

          if (s->pos + 6 > s->len || (cp = hex4 (s->data + s->pos + 2)) < 0)
            return scan_fail (s, PW_SYNC_ERROR_MALFORMED, _("A bad \\u escape"));
          s->pos += 6;
          if (cp >= 0xdc00 && cp <= 0xdfff)
            return scan_fail (s, PW_SYNC_ERROR_MALFORMED, _("A lone surrogate escape"));
          if (cp >= 0xd800 && cp <= 0xdbff)
            {
              if (s->pos + 6 > s->len || s->data[s->pos] != '\\' || s->data[s->pos + 1] != 'u'
                  || (low = hex4 (s->data + s->pos + 2)) < 0xdc00 || low > 0xdfff)
                return scan_fail (s, PW_SYNC_ERROR_MALFORMED, _("A lone surrogate escape"));
              s->pos += 6;
              cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
            }
          if (cp == 0)
            return scan_fail (s, PW_SYNC_ERROR_MALFORMED, _("A NUL character inside a string"));
          if (out)
            g_string_append_unichar (out, (gunichar) cp);
          continue;
        }
      if (strchr ("\"\\/bfnrt", c) == NULL || c == '\0')
        return scan_fail (s, PW_SYNC_ERROR_MALFORMED, _("An unknown escape"));
      if (out)
        {
          static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
          g_string_append_c (out, to[strchr (from, c) - from]);
        }
      s->pos += 2;
    }
  return scan_fail (s, PW_SYNC_ERROR_MALFORMED, _("An unterminated string"));
}

static gboolean
scan_number (Scan *s, JsonNode **out)
{
  gsize start = s->pos;
  gboolean whole = TRUE;
  char digits[64];
  g_autofree char *heap = NULL;
  const char *text;

#define DIGITS(min) G_STMT_START {                                               \
    gsize n = 0;                                                                 \
    while (s->pos < s->len && g_ascii_isdigit (s->data[s->pos])) { s->pos++; n++; } \
    if (n < (min))                                                               \
      return scan_fail (s, PW_SYNC_ERROR_MALFORMED, _("A malformed number"));    \
  } G_STMT_END

  if (s->data[s->pos] == '-')
    s->pos++;
  if (s->pos < s->len && s->data[s->pos] == '0')
    s->pos++;
  else
    DIGITS (1);
  if (s->pos < s->len && s->data[s->pos] == '.')
    {
      whole = FALSE;
      s->pos++;
      DIGITS (1);
    }
  if (s->pos < s->len && (s->data[s->pos] == 'e' || s->data[s->pos] == 'E'))
    {
      whole = FALSE;
      s->pos++;
      if (s->pos < s->len && (s->data[s->pos] == '+' || s->data[s->pos] == '-'))
        s->pos++;
      DIGITS (1);
    }
#undef DIGITS

  if (s->pos - start < sizeof digits)
    {
      memcpy (digits, s->data + start, s->pos - start);
      digits[s->pos - start] = '\0';
      text = digits;
    }
  else
    text = heap = g_strndup (s->data + start, s->pos - start);
  if (whole)
    {
      gint64 v;
      if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &v, NULL))
        {
          s->pos = start;
          return scan_fail (s, PW_SYNC_ERROR_INVALID, _("A whole number out of range"));
        }
      *out = json_node_init_int (json_node_alloc (), v);
    }
  else
    {
      double d = g_ascii_strtod (text, NULL);

      if (!isfinite (d))
        {
          s->pos = start;
          return scan_fail (s, PW_SYNC_ERROR_INVALID, _("A number out of range"));
        }
      *out = json_node_init_double (json_node_alloc (), d);
    }
  return TRUE;
}

static gboolean
scan_literal (Scan *s, const char *word, JsonNode **out)
{
  gsize n = strlen (word);

  if (s->len - s->pos < n || memcmp (s->data + s->pos, word, n) != 0)
    return scan_fail (s, PW_SYNC_ERROR_MALFORMED, _("An unexpected character"));
  s->pos += n;
  if (word[0] == 'n')
    *out = json_node_init_null (json_node_alloc ());
  else
    *out = json_node_init_boolean (json_node_alloc (), word[0] == 't');
  return TRUE;
}

/* Reads one value into *@out (a new node), or fails leaving *@out NULL. The tree is
 * built here rather than by json-glib's parser: one pass, and no recursion deeper
 * than the limit. */
static gboolean
scan_value (Scan *s, guint depth, JsonNode **out)
{
  char c;

  skip_ws (s);
  if (s->pos >= s->len)
    return scan_fail (s, PW_SYNC_ERROR_MALFORMED, _("Unexpected end of the document"));
  c = s->data[s->pos];
  if (c == '{' || c == '[')
    {
      gsize path_len = s->path->len;
      g_autofree char *key = NULL;
      g_autoptr(JsonNode) node = NULL;
      JsonObject *object = NULL;
      JsonArray *array = NULL;
      gint64 index = 0;
      char close = c == '{' ? '}' : ']';

      if (depth + 1 > s->max_depth)
        return scan_fail (s, PW_SYNC_ERROR_TOO_DEEP, _("Nested too deep"));
      node = json_node_alloc ();
      if (c == '{')
        {
          object = json_object_new ();
          json_node_init_object (node, object);
          json_object_unref (object);
        }
      else
        {
          array = json_array_new ();
          json_node_init_array (node, array);
          json_array_unref (array);
        }
      s->pos++;
      skip_ws (s);
      if (s->pos < s->len && s->data[s->pos] == close)
        {
          s->pos++;
          *out = g_steal_pointer (&node);
          return TRUE;
        }
      for (;;)
        {
          skip_ws (s);
          if (c == '{')
            {
              if (s->pos >= s->len || s->data[s->pos] != '"')
                return scan_fail (s, PW_SYNC_ERROR_MALFORMED, _("A member name was expected"));
              g_string_truncate (s->scratch, 0);
              if (!scan_string (s, s->scratch))
                return FALSE;
              g_string_append_c (s->path, '.');
              g_string_append_len (s->path, s->scratch->str, (gssize) s->scratch->len);
              /* the object's own table knows its members (after unescaping) */
              if (json_object_has_member (object, s->scratch->str))
                return scan_fail (s, PW_SYNC_ERROR_DUPLICATE_KEY, _("A member named twice"));
              g_free (key);
              key = g_strndup (s->scratch->str, s->scratch->len);
              skip_ws (s);
              if (s->pos >= s->len || s->data[s->pos] != ':')
                return scan_fail (s, PW_SYNC_ERROR_MALFORMED, _("A colon was expected"));
              s->pos++;
            }
          else
            {
              char number[32];

              g_snprintf (number, sizeof number, "[%" G_GINT64_FORMAT "]", index++);
              g_string_append (s->path, number);
            }
          {
            JsonNode *child = NULL;

            if (!scan_value (s, depth + 1, &child))
              return FALSE;
            if (object != NULL)
              json_object_set_member (object, key, child);
            else
              json_array_add_element (array, child);
          }
          g_string_truncate (s->path, path_len);
          skip_ws (s);
          if (s->pos < s->len && s->data[s->pos] == ',')
            {
              s->pos++;
              continue;
            }
          if (s->pos < s->len && s->data[s->pos] == close)
            {
              s->pos++;
              *out = g_steal_pointer (&node);
              return TRUE;
            }
          return scan_fail (s, PW_SYNC_ERROR_MALFORMED,
                            c == '{' ? _("A comma or } was expected")
                                     : _("A comma or ] was expected"));
        }
    }
  if (c == '"')
    {
      g_string_truncate (s->text, 0);
      if (!scan_string (s, s->text))
        return FALSE;
      *out = json_node_init_string (json_node_alloc (), s->text->str);
      return TRUE;
    }
  if (c == 't')
    return scan_literal (s, "true", out);
  if (c == 'f')
    return scan_literal (s, "false", out);
  if (c == 'n')
    return scan_literal (s, "null", out);
  if (c == '-' || g_ascii_isdigit (c))
    return scan_number (s, out);
  return scan_fail (s, PW_SYNC_ERROR_MALFORMED, _("An unexpected character"));
}

JsonNode *
pw_json_parse_guarded (const char *data, gsize len, gsize max_bytes, guint max_depth,
                       GError **error)
{
  g_autoptr(GString) path = g_string_new ("$");
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  Scan s = { data, len, 0, max_depth, path, error, scratch, text };
  g_autoptr(JsonNode) root = NULL;
  const char *end = NULL;

  if (len > max_bytes)
    {
      char size[32], max[32];

      g_snprintf (size, sizeof size, "%" G_GSIZE_FORMAT, len);
      g_snprintf (max, sizeof max, "%" G_GSIZE_FORMAT, max_bytes);
      g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_TOO_LARGE,
                   _("The document has %s bytes; at most %s are accepted"), size, max);
      return NULL;
    }
  if (data == NULL && len > 0)
    return NULL;
  if (!g_utf8_validate_len (data ? data : "", len, &end))
    {
      s.pos = (gsize) (end - data);
      scan_fail (&s, PW_SYNC_ERROR_BAD_ENCODING, _("Not UTF-8 text"));
      return NULL;
    }
  if (!scan_value (&s, 0, &root))
    return NULL;
  skip_ws (&s);
  if (s.pos != len)
    {
      scan_fail (&s, PW_SYNC_ERROR_MALFORMED, _("Text after the document"));
      return NULL;
    }
  return g_steal_pointer (&root);
}

/* ---- the codec ----------------------------------------------------------------------- */

static gboolean
invalid (GError **error, const char *path, const char *problem)
{
  g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_INVALID,
               /* Translators: a JSON path such as $.mutations[2].mid, then what is wrong there */
               _("%s: %s"), path, problem);
  return FALSE;
}

static gboolean
node_is_int (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Refuses members of @object not in @allowed. */
static gboolean
only_members (JsonObject *object, const char *const *allowed, const char *path, GError **error)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *where = g_strdup_printf ("%s.%s", path, (char *) l->data);
        return invalid (error, where, _("not a member this request has"));
      }
  return TRUE;
}

static gboolean
is_lent_column (const char *name)
{
  return g_str_equal (name, "id") || g_str_equal (name, "version")
         || g_str_equal (name, "created_at") || g_str_equal (name, "updated_at");
}

static gboolean
check_flat_value (JsonNode *node, const char *where, GError **error)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return invalid (error, where, _("a field holds text, a whole number, true, false or null"));
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
    case G_TYPE_INT64:
    case G_TYPE_BOOLEAN:
      return TRUE;
    default:
      return invalid (error, where, _("a field holds text, a whole number, true, false or null; "
                                      "never a fraction"));
    }
}

gboolean
pw_sync_check_record (const char *entity, JsonObject *record, const char *path, GError **error)
{
  const char *const *columns = pw_store_entity_columns (entity);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (columns == NULL)
    return invalid (error, path, _("an unknown kind of record"));
  json_object_iter_init (&iter, record);
  while (json_object_iter_next (&iter, &name, &node))
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", path, name);

      if (!is_lent_column (name) && !g_strv_contains (columns, name))
        return invalid (error, where, _("not a field of this kind of record"));
      if (!check_flat_value (node, where, error))
        return FALSE;
    }
  if (!node_is_string (json_object_get_member (record, "id")))
    {
      g_autofree char *where = g_strdup_printf ("%s.id", path);
      return invalid (error, where, _("a record needs its id"));
    }
  return TRUE;
}

static gboolean
decode_mutation (JsonNode *node, guint index, gint64 previous_mid, PwSyncPush *push,
                 GError **error)
{
  static const char *const members[] = {
    "mid", "entity", "id", "op", "base_version", "fields", "group", NULL
  };
  g_autofree char *path = g_strdup_printf ("$.mutations[%u]", index);
  g_autofree char *where = NULL;
  JsonObject *m;
  JsonNode *n;
  const char *entity, *id;
  gint64 mid, base = 0;
  int op;
  JsonObject *fields = NULL;

#define AT(member) (g_free (where), where = g_strdup_printf ("%s.%s", path, member))

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, path, _("a mutation is an object"));
  m = json_node_get_object (node);
  if (!only_members (m, members, path, error))
    return FALSE;

  n = json_object_get_member (m, "mid");
  if (!node_is_int (n) || (mid = json_node_get_int (n)) < 1)
    return invalid (error, AT ("mid"), _("must be a whole number of 1 or more"));
  if (mid <= previous_mid)
    return invalid (error, AT ("mid"), _("mutation numbers must increase"));

  n = json_object_get_member (m, "entity");
  if (!node_is_string (n))
    return invalid (error, AT ("entity"), _("must be the name of a kind of record"));
  entity = json_node_get_string (n);
  if (!pw_sync_entity_is_known (entity))
    return invalid (error, AT ("entity"), _("an unknown kind of record"));

  n = json_object_get_member (m, "id");
  if (!node_is_string (n) || !pw_sync_is_uuid (id = json_node_get_string (n)))
    return invalid (error, AT ("id"), _("must be a UUID in lower-case text"));

  n = json_object_get_member (m, "op");
  if (!node_is_string (n) || (op = pw_sync_op_from_string (json_node_get_string (n))) < 0)
    return invalid (error, AT ("op"), _("must be insert, update or delete"));

  n = json_object_get_member (m, "base_version");
  if (n != NULL && (!node_is_int (n) || (base = json_node_get_int (n)) < 0))
    return invalid (error, AT ("base_version"), _("must be a whole number of 0 or more"));
  if (op == PW_MUTATION_INSERT && base != 0)
    return invalid (error, AT ("base_version"), _("an insert has no base version"));
  if (op != PW_MUTATION_INSERT && base < 1)
    return invalid (error, AT ("base_version"),
                    _("an update or delete names the version it was based on"));

  n = json_object_get_member (m, "fields");
  if (n != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;
      const char *const *columns = pw_store_entity_columns (entity);

      if (!JSON_NODE_HOLDS_OBJECT (n))
        return invalid (error, AT ("fields"), _("must be an object"));
      fields = json_node_get_object (n);
      json_object_iter_init (&iter, fields);
      while (json_object_iter_next (&iter, &name, &value))
        {
          g_autofree char *fw = g_strdup_printf ("%s.fields.%s", path, name);

          if (columns == NULL || !g_strv_contains (columns, name))
            return invalid (error, fw, _("not a field of this kind of record"));
          if (!check_flat_value (value, fw, error))
            return FALSE;
        }
    }
  if (op == PW_MUTATION_DELETE && fields != NULL && json_object_get_size (fields) > 0)
    return invalid (error, AT ("fields"), _("a delete carries no fields"));
  if (op != PW_MUTATION_DELETE && (fields == NULL || json_object_get_size (fields) == 0))
    return invalid (error, AT ("fields"), _("an insert or update carries its fields"));
  n = json_object_get_member (m, "group");
  if (n != NULL && (!node_is_int (n) || json_node_get_int (n) < 1 || json_node_get_int (n) > mid))
    return invalid (error, AT ("group"), _("must be the number of the group’s first mutation"));
#undef AT

  pw_sync_push_add (push, mid, entity, id, op, base, fields);
  if (n != NULL)
    ((PwSyncMutation *) g_ptr_array_index (push->mutations, push->mutations->len - 1))->group
      = json_node_get_int (n);
  return TRUE;
}

PwSyncPush *
pw_sync_push_from_json (JsonNode *root, GError **error)
{
  static const char *const members[] = { "schema_version", "client_id", "mutations", NULL };
  g_autoptr(PwSyncPush) push = NULL;
  JsonObject *object;
  JsonNode *n;
  JsonArray *mutations;
  gint64 previous = 0;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, "$", _("a push is an object"));
      return NULL;
    }
  object = json_node_get_object (root);
  n = json_object_get_member (object, "schema_version");
  if (!node_is_int (n))
    {
      invalid (error, "$.schema_version", _("every request names its schema version"));
      return NULL;
    }
  if (json_node_get_int (n) != PW_SYNC_SCHEMA_VERSION)
    {
      g_autofree char *got = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (n));

      g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_UNSUPPORTED_CLIENT,
                   /* Translators: %s is a version number the client sent, %d the one the server speaks */
                   _("This server speaks sync schema %d, not %s: update Parkwise"),
                   PW_SYNC_SCHEMA_VERSION, got);
      return NULL;
    }
  if (!only_members (object, members, "$", error))
    return NULL;
  n = json_object_get_member (object, "client_id");
  if (!node_is_string (n) || !pw_sync_is_uuid (json_node_get_string (n)))
    {
      invalid (error, "$.client_id", _("must be a UUID in lower-case text"));
      return NULL;
    }
  push = pw_sync_push_new (json_node_get_string (n));
  n = json_object_get_member (object, "mutations");
  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n))
    {
      invalid (error, "$.mutations", _("must be an array"));
      return NULL;
    }
  mutations = json_node_get_array (n);
  if (json_array_get_length (mutations) > PW_SYNC_MAX_MUTATIONS)
    {
      g_autofree char *max = g_strdup_printf ("%d", PW_SYNC_MAX_MUTATIONS);
      g_autofree char *problem = g_strdup_printf (_("at most %s mutations in one push"), max);
      invalid (error, "$.mutations", problem);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (mutations); i++)
    {
      if (!decode_mutation (json_array_get_element (mutations, i), i, previous, push, error))
        return NULL;
      previous = ((PwSyncMutation *) g_ptr_array_index (push->mutations, i))->mid;
    }
  return g_steal_pointer (&push);
}

PwSyncPush *
pw_sync_push_decode (const char *data, gsize len, GError **error)
{
  g_autoptr(JsonNode) root = pw_json_parse_guarded (data, len, PW_SYNC_MAX_BODY,
                                                    PW_SYNC_MAX_DEPTH, error);

  return root ? pw_sync_push_from_json (root, error) : NULL;
}

static void
mutation_free (gpointer data)
{
  PwSyncMutation *m = data;

  g_free (m->entity);
  g_free (m->id);
  json_object_unref (m->fields);
  g_free (m);
}

PwSyncPush *
pw_sync_push_new (const char *client_id)
{
  PwSyncPush *push = g_new0 (PwSyncPush, 1);

  push->schema_version = PW_SYNC_SCHEMA_VERSION;
  push->client_id = g_strdup (client_id);
  push->mutations = g_ptr_array_new_with_free_func (mutation_free);
  return push;
}

void
pw_sync_push_free (PwSyncPush *push)
{
  if (push == NULL)
    return;
  g_free (push->client_id);
  g_ptr_array_unref (push->mutations);
  g_free (push);
}

void
pw_sync_push_add (PwSyncPush *push, gint64 mid, const char *entity, const char *id,
                  PwMutationOp op, gint64 base_version, JsonObject *fields)
{
  PwSyncMutation *m = g_new0 (PwSyncMutation, 1);

  m->mid = mid;
  m->entity = g_strdup (entity);
  m->id = g_strdup (id);
  m->op = op;
  m->base_version = base_version;
  m->fields = fields ? json_object_ref (fields) : json_object_new ();
  g_ptr_array_add (push->mutations, m);
}

static void
append_string (GString *out, const char *str)
{
  const char *run = str;

  g_string_append_c (out, '"');
  for (const char *p = str; *p; p++)
    {
      unsigned char c = (unsigned char) *p;
      const char *escape = NULL;
      char buf[8];

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, run, p - run);
      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        default:
          g_snprintf (buf, sizeof buf, "\\u%04x", c);
          escape = buf;
        }
      g_string_append (out, escape);
      run = p + 1;
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

static void
append_node (GString *out, JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            append_string (out, name);
            g_string_append_c (out, ':');
            append_node (out, member);
          }
        g_string_append_c (out, '}');
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;
    case JSON_NODE_VALUE:
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
            double d = json_node_get_double (node);
            g_string_append (out, isfinite (d) ? g_ascii_dtostr (buf, sizeof buf, d) : "null");
          }
          break;
        case G_TYPE_STRING:
          append_string (out, json_node_get_string (node));
          break;
        default:
          g_string_append (out, "null");
        }
      break;
    default:
      g_string_append (out, "null");
    }
}

/* A direct writer: pages carry thousands of flat records, and JsonGenerator is the
 * slow part of a bootstrap. */
char *
pw_sync_encode_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  GString *out = g_string_sized_new (4096);

  json_node_set_object (node, object);
  append_node (out, node);
  return g_string_free (out, FALSE);
}

char *
pw_sync_push_encode (PwSyncPush *push)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonArray *array = json_array_new ();

  json_object_set_int_member (object, "schema_version", push->schema_version);
  json_object_set_string_member (object, "client_id", push->client_id);
  for (guint i = 0; i < push->mutations->len; i++)
    {
      PwSyncMutation *m = g_ptr_array_index (push->mutations, i);
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "mid", m->mid);
      json_object_set_string_member (o, "entity", m->entity);
      json_object_set_string_member (o, "id", m->id);
      json_object_set_string_member (o, "op", pw_sync_op_to_string (m->op));
      if (m->op != PW_MUTATION_INSERT)
        json_object_set_int_member (o, "base_version", m->base_version);
      if (m->op != PW_MUTATION_DELETE)
        json_object_set_object_member (o, "fields", json_object_ref (m->fields));
      if (m->group > 0)
        json_object_set_int_member (o, "group", m->group);
      json_array_add_object_element (array, o);
    }
  json_object_set_array_member (object, "mutations", array);
  return pw_sync_encode_object (object);
}

char *
pw_sync_encode_error (const GError *error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonObject *inner = json_object_new ();
  int code = error->domain == PW_SYNC_ERROR ? error->code : PW_SYNC_ERROR_STORE;

  json_object_set_string_member (inner, "code", pw_sync_error_code_name (code));
  json_object_set_string_member (inner, "message", error->message);
  json_object_set_object_member (object, "error", inner);
  return pw_sync_encode_object (object);
}

/* The response's object, with its schema version checked. */
static JsonObject *
decode_response (const char *data, gsize len, GError **error)
{
  /* pages can be big (bootstrap records, drawings): the depth is what matters */
  g_autoptr(JsonNode) root = pw_json_parse_guarded (data, len, G_MAXSIZE, PW_SYNC_MAX_DEPTH,
                                                    error);
  JsonObject *object;
  JsonNode *n;

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, "$", _("a response is an object"));
      return NULL;
    }
  object = json_node_get_object (root);
  n = json_object_get_member (object, "schema_version");
  if (!node_is_int (n) || json_node_get_int (n) != PW_SYNC_SCHEMA_VERSION)
    {
      g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_UNSUPPORTED_CLIENT,
                   _("The server speaks another sync schema than this version of Parkwise (%d)"),
                   PW_SYNC_SCHEMA_VERSION);
      return NULL;
    }
  return json_object_ref (object);
}

static gboolean
check_result (JsonObject *r, const char *path, gboolean nested, GError **error)
{
  JsonNode *n = json_object_get_member (r, "result");
  const char *kind;
  g_autofree char *where = g_strdup_printf ("%s.result", path);

  if (!node_is_string (n))
    return invalid (error, where, _("must say what became of the mutation"));
  kind = json_node_get_string (n);
  if (!nested && (!node_is_int (json_object_get_member (r, "mid"))
                  || json_object_get_int_member (r, "mid") < 1))
    {
      g_autofree char *at = g_strdup_printf ("%s.mid", path);
      return invalid (error, at, _("must be a whole number of 1 or more"));
    }
  if (g_str_equal (kind, "duplicate") && !nested)
    {
      n = json_object_get_member (r, "original");
      if (n != NULL && JSON_NODE_HOLDS_OBJECT (n))
        {
          g_autofree char *at = g_strdup_printf ("%s.original", path);
          return check_result (json_node_get_object (n), at, TRUE, error);
        }
      if (n != NULL && !JSON_NODE_HOLDS_NULL (n))
        {
          g_autofree char *at = g_strdup_printf ("%s.original", path);
          return invalid (error, at, _("must be an object or null"));
        }
      return TRUE;
    }
  if (!g_str_equal (kind, "applied") && !g_str_equal (kind, "conflict")
      && !g_str_equal (kind, "rejected"))
    return invalid (error, where, _("must be applied, duplicate, conflict or rejected"));
  n = json_object_get_member (r, "record");
  if (n != NULL && !JSON_NODE_HOLDS_NULL (n) && !JSON_NODE_HOLDS_OBJECT (n))
    {
      g_autofree char *at = g_strdup_printf ("%s.record", path);
      return invalid (error, at, _("must be an object or null"));
    }
  if (g_str_equal (kind, "applied") && json_object_has_member (r, "seq")
      && !node_is_int (json_object_get_member (r, "seq")))
    {
      g_autofree char *at = g_strdup_printf ("%s.seq", path);
      return invalid (error, at, _("must be a whole number"));
    }
  return TRUE;
}

gboolean
pw_sync_check_push_result (JsonObject *object, GError **error)
{
  JsonNode *n = json_object_get_member (object, "results");
  JsonArray *results;

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n))
    return invalid (error, "$.results", _("must be an array"));
  results = json_node_get_array (n);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *e = json_array_get_element (results, i);
      g_autofree char *path = g_strdup_printf ("$.results[%u]", i);

      if (!JSON_NODE_HOLDS_OBJECT (e))
        return invalid (error, path, _("a result is an object"));
      if (!check_result (json_node_get_object (e), path, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_entry (JsonObject *c, const char *path, gboolean change, GError **error)
{
  JsonNode *n = json_object_get_member (c, "entity");
  const char *entity;
  g_autofree char *where = NULL;

  if (!node_is_string (n) || !pw_sync_entity_is_known (entity = json_node_get_string (n)))
    {
      where = g_strdup_printf ("%s.entity", path);
      return invalid (error, where, _("an unknown kind of record"));
    }
  if (change)
    {
      if (!node_is_int (json_object_get_member (c, "seq")))
        {
          where = g_strdup_printf ("%s.seq", path);
          return invalid (error, where, _("must be a whole number"));
        }
      if (!node_is_string (json_object_get_member (c, "id")))
        {
          where = g_strdup_printf ("%s.id", path);
          return invalid (error, where, _("must be text"));
        }
      n = json_object_get_member (c, "op");
      if (!node_is_string (n) || pw_sync_op_from_string (json_node_get_string (n)) < 0)
        {
          where = g_strdup_printf ("%s.op", path);
          return invalid (error, where, _("must be insert, update or delete"));
        }
      if (pw_sync_op_from_string (json_node_get_string (n)) == PW_MUTATION_DELETE)
        {
          n = json_object_get_member (c, "key");
          if (n != NULL && JSON_NODE_HOLDS_OBJECT (n))
            {
              where = g_strdup_printf ("%s.key", path);
              return pw_sync_check_record (entity, json_node_get_object (n), where, error);
            }
          return TRUE;
        }
    }
  n = json_object_get_member (c, "record");
  where = g_strdup_printf ("%s.record", path);
  if (n == NULL || !JSON_NODE_HOLDS_OBJECT (n))
    return invalid (error, where, _("must be an object"));
  return pw_sync_check_record (entity, json_node_get_object (n), where, error);
}

static gboolean
check_entries (JsonObject *object, const char *member, gboolean change, GError **error)
{
  JsonNode *n = json_object_get_member (object, member);
  JsonArray *array;

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n))
    {
      g_autofree char *where = g_strdup_printf ("$.%s", member);
      return invalid (error, where, _("must be an array"));
    }
  array = json_node_get_array (n);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("$.%s[%u]", member, i);

      if (!JSON_NODE_HOLDS_OBJECT (e))
        return invalid (error, path, _("must be an object"));
      if (!check_entry (json_node_get_object (e), path, change, error))
        return FALSE;
    }
  if (!node_is_int (json_object_get_member (object, "cursor"))
      || json_object_get_int_member (object, "cursor") < 0)
    return invalid (error, "$.cursor", _("must be a whole number of 0 or more"));
  return TRUE;
}

gboolean
pw_sync_check_page (JsonObject *object, GError **error)
{
  JsonNode *n;

  if (!check_entries (object, "changes", TRUE, error))
    return FALSE;
  n = json_object_get_member (object, "more");
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_BOOLEAN)
    return invalid (error, "$.more", _("must be true or false"));
  return TRUE;
}

gboolean
pw_sync_check_bootstrap (JsonObject *object, GError **error)
{
  JsonNode *n;

  if (!check_entries (object, "records", FALSE, error))
    return FALSE;
  n = json_object_get_member (object, "next");
  if (n == NULL || (!JSON_NODE_HOLDS_NULL (n) && !node_is_string (n)))
    return invalid (error, "$.next", _("must be text or null"));
  n = json_object_get_member (object, "first");
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_BOOLEAN)
    return invalid (error, "$.first", _("must be true or false"));
  return TRUE;
}

JsonObject *
pw_sync_push_result_decode (const char *data, gsize len, GError **error)
{
  g_autoptr(JsonObject) object = decode_response (data, len, error);

  if (object == NULL || !pw_sync_check_push_result (object, error))
    return NULL;
  return g_steal_pointer (&object);
}

JsonObject *
pw_sync_page_decode (const char *data, gsize len, GError **error)
{
  g_autoptr(JsonObject) object = decode_response (data, len, error);

  if (object == NULL || !pw_sync_check_page (object, error))
    return NULL;
  return g_steal_pointer (&object);
}

JsonObject *
pw_sync_bootstrap_decode (const char *data, gsize len, GError **error)
{
  g_autoptr(JsonObject) object = decode_response (data, len, error);

  if (object == NULL || !pw_sync_check_bootstrap (object, error))
    return NULL;
  return g_steal_pointer (&object);
}

gboolean
pw_sync_parse_param (const char *name, const char *value, gint64 min, gint64 max,
                     gint64 fallback, gint64 *out, GError **error)
{
  if (value == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_signed (value, 10, min, max, out, NULL))
    {
      char lo[32], hi[32];
      g_autofree char *problem = NULL;

      g_snprintf (lo, sizeof lo, "%" G_GINT64_FORMAT, min);
      g_snprintf (hi, sizeof hi, "%" G_GINT64_FORMAT, max);
      /* Translators: the smallest and the largest number accepted */
      problem = g_strdup_printf (_("must be a whole number from %s to %s"), lo, hi);
      return invalid (error, name, problem);
    }
  return TRUE;
}

gboolean
pw_sync_check_schema_param (const char *value, GError **error)
{
  gint64 version;

  if (value == NULL)
    return invalid (error, "schema_version", _("every request names its schema version"));
  if (!g_ascii_string_to_signed (value, 10, 0, G_MAXINT64, &version, NULL)
      || version != PW_SYNC_SCHEMA_VERSION)
    {
      g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_UNSUPPORTED_CLIENT,
                   _("This server speaks sync schema %d: update Parkwise"), PW_SYNC_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

/* ---- shared helpers ----------------------------------------------------------------- */

gboolean
pw_sync_store_error (GError **error, GError *local)
{
  g_set_error_literal (error, PW_SYNC_ERROR, PW_SYNC_ERROR_STORE,
                       local ? local->message : _("The database failed"));
  g_clear_error (&local);
  return FALSE;
}

JsonObject *
pw_sync_parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

gboolean
pw_sync_exec (PwStore *store, const char *sql, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (!pw_store_exec (store, sql, &local))
    return pw_sync_store_error (error, g_steal_pointer (&local));
  return TRUE;
}

char *
pw_sync_content_hash (PwStore *store, GError **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *const *entities = pw_sync_entities ();

  for (guint i = 0; entities[i]; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY %s", entities[i],
                                              pw_sync_key_sql (entities[i]));
      g_autoptr(GError) local = NULL;
      g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, sql, &local);
      int rc;

      if (stmt == NULL)
        {
          pw_sync_store_error (error, g_steal_pointer (&local));
          return NULL;
        }
      g_checksum_update (sum, (const guchar *) entities[i], -1);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            char type = (char) ('0' + sqlite3_column_type (stmt, c));
            const guchar *text = sqlite3_column_text (stmt, c);

            g_checksum_update (sum, (const guchar *) sqlite3_column_name (stmt, c), -1);
            g_checksum_update (sum, (const guchar *) &type, 1);
            if (text != NULL)
              g_checksum_update (sum, text, sqlite3_column_bytes (stmt, c));
            g_checksum_update (sum, (const guchar *) "\x1f", 1);
          }
      if (rc != SQLITE_DONE)
        {
          g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_STORE, "%s",
                       sqlite3_errmsg (pw_store_get_db (store)));
          return NULL;
        }
    }
  return g_strdup (g_checksum_get_string (sum));
}
