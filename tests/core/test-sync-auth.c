/* test-sync-auth.c — the authorisation matrix: every role × kind of record × operation,
 * in the park granted and in another; nothing leaks about parks without a grant
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "sync-fixture.h"

typedef struct {
  char *id, *building, *floor, *space, *customer, *contract;
} Park;

typedef struct {
  Net    *n;
  int     counter;
} Ctx;

static char *
insert (PwStore *store, const char *entity, ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwMutation) m = pw_mutation_new_insert (entity, NULL);
  const char *field;
  va_list ap;

  va_start (ap, entity);
  while ((field = va_arg (ap, const char *)) != NULL)
    {
      const char *value = va_arg (ap, const char *);

      if (value != NULL && value[0] == '#')
        pw_mutation_set_int (m, field, g_ascii_strtoll (value + 1, NULL, 10));
      else
        pw_mutation_set_string (m, field, value);
    }
  va_end (ap);
  g_assert_true (pw_store_apply (store, m, &error));
  g_assert_no_error (error);
  return g_strdup (pw_mutation_get_id (m));
}

static char *
terms (const char *code)
{
  return g_strdup_printf (
    "{\"id\": \"%s\", \"currency\": \"CNY\", \"signed\": \"2026-01-01\", \"start\": \"2026-01-01\","
    " \"end\": \"2026-12-31\", \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"},"
    " \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord\"}],"
    " \"tax_codes\": [{\"code\": \"t\", \"rate\": \"0.09\"}],"
    " \"spaces\": [{\"code\": \"S\", \"area\": \"50.00\", \"basis\": \"gross\"}],"
    " \"charges\": [{\"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\","
    " \"tax_code\": \"t\", \"unit_price\": \"100.00\", \"unit\": \"m2_month\","
    " \"spaces\": [\"S\"], \"anchor\": \"lease\", \"frequency\": \"monthly\","
    " \"timing\": \"advance\", \"due\": {\"rule\": \"period_start\"},"
    " \"proration\": \"daily\"}]}", code);
}

static char *
new_space (Ctx *c, Park *p)
{
  g_autofree char *code = g_strdup_printf ("B1-F01-%03d", 100 + c->counter++);

  return insert (c->n->f.store, "space", "park_id", p->id, "floor_id", p->floor, "code", code,
                 "name", code, "kind", "office", "status", "available", "gross_area", "#1000",
                 "internal_area", "#1000", "usable_area", "#900", "leasable", "#1",
                 "takes_share", "#1", "area_basis", "gross", NULL);
}

/* Park Q, made on the server after it started logging changes. */
static void
make_park (Ctx *c, Park *p, const char *code)
{
  PwStore *s = c->n->f.store;
  g_autofree char *t = terms ("C-1");

  p->id = insert (s, "park", "code", code, "name", code, "code_pattern", "{building}-{floor}-{seq:3}",
                  "currency", "CNY", NULL);
  p->building = insert (s, "building", "park_id", p->id, "code", "B1", "name", "B1", "kind", "office",
                        NULL);
  p->floor = insert (s, "floor", "park_id", p->id, "building_id", p->building, "code", "F01",
                     "name", "F01", "level", "#1", NULL);
  p->space = new_space (c, p);
  p->customer = insert (s, "customer", "park_id", p->id, "kind", "company", "name", "Tenant Ltd",
                        "tags", "[]", NULL);
  p->contract = insert (s, "contract", "park_id", p->id, "code", "C-1", "status", "draft",
                        "start_date", "2026-01-01", "end_date", "2026-12-31", "current_version", "#1",
                        NULL);
  g_free (insert (s, "contract_version", "contract_id", p->contract, "number", "#1",
                  "effective_date", "2026-01-01", "terms", t, NULL));
}

static void
park_clear (Park *p)
{
  g_free (p->id);
  g_free (p->building);
  g_free (p->floor);
  g_free (p->space);
  g_free (p->customer);
  g_free (p->contract);
}

typedef struct {
  const char   *entity;
  char         *id;
  PwMutationOp  op;
  gint64        base;
  JsonObject   *fields;
} Mut;

static void
set (Mut *m, const char *field, const char *value)
{
  if (value != NULL && value[0] == '#')
    json_object_set_int_member (m->fields, field, g_ascii_strtoll (value + 1, NULL, 10));
  else
    json_object_set_string_member (m->fields, field, value);
}

static gint64
version_of (Ctx *c, const char *entity, const char *id)
{
  g_autoptr(JsonObject) row = pw_store_get_row (c->n->f.store, entity, id, NULL);

  g_assert_nonnull (row);
  return json_object_get_int_member (row, "version");
}

static void
prepare_update (Ctx *c, Mut *m, const char *entity, const char *id)
{
  m->entity = entity;
  m->id = g_strdup (id);
  m->op = PW_MUTATION_UPDATE;
  m->base = version_of (c, entity, id);
}

static void
prepare_insert (Mut *m, const char *entity)
{
  m->entity = entity;
  m->id = pw_uuid_new ();
  m->op = PW_MUTATION_INSERT;
}

typedef void (*BuildFunc) (Ctx *c, Park *p, Mut *m);

static void
b_building_insert (Ctx *c, Park *p, Mut *m)
{
  g_autofree char *code = g_strdup_printf ("X%d", c->counter++);
  prepare_insert (m, "building");
  set (m, "park_id", p->id);
  set (m, "code", code);
  set (m, "name", "New");
  set (m, "kind", "office");
}

static void
b_building_update (Ctx *c, Park *p, Mut *m)
{
  prepare_update (c, m, "building", p->building);
  set (m, "name", "Renamed");
}

static void
b_building_delete (Ctx *c, Park *p, Mut *m)
{
  g_autofree char *code = g_strdup_printf ("D%d", c->counter++);
  g_autofree char *id = insert (c->n->f.store, "building", "park_id", p->id, "code", code, "name", code,
                                "kind", "office", NULL);
  prepare_update (c, m, "building", id);
  m->op = PW_MUTATION_DELETE;
}

static void
b_space_geometry (Ctx *c, Park *p, Mut *m)
{
  prepare_update (c, m, "space", p->space);
  set (m, "gross_area", "#1234");
  set (m, "outline", "{\"outer\":[[0,0],[10,0],[10,10],[0,10]]}");
}

static void
b_space_status (Ctx *c, Park *p, Mut *m)
{
  g_autoptr(JsonObject) row = pw_store_get_row (c->n->f.store, "space", p->space, NULL);

  prepare_update (c, m, "space", p->space);
  set (m, "status", g_str_equal (json_object_get_string_member (row, "status"), "available")
                      ? "under_repair" : "available");
  set (m, "status_since", "2026-03-01");
}

static void
b_space_notes (Ctx *c, Park *p, Mut *m)
{
  g_autofree char *note = g_strdup_printf ("Note %d", c->counter++);
  prepare_update (c, m, "space", p->space);
  set (m, "notes", note);
}

static void
b_space_delete (Ctx *c, Park *p, Mut *m)
{
  g_autofree char *id = new_space (c, p);
  prepare_update (c, m, "space", id);
  m->op = PW_MUTATION_DELETE;
}

static void
b_equipment_insert (Ctx *c, Park *p, Mut *m)
{
  g_autofree char *code = g_strdup_printf ("EQ-%d", c->counter++);
  prepare_insert (m, "equipment");
  set (m, "park_id", p->id);
  set (m, "floor_id", p->floor);
  set (m, "space_id", p->space);
  set (m, "code", code);
  set (m, "name", "Lift");
  set (m, "category", "lift");
  set (m, "status", "in_service");
}

static void
b_customer_insert (Ctx *c, Park *p, Mut *m)
{
  prepare_insert (m, "customer");
  set (m, "park_id", p->id);
  set (m, "kind", "company");
  set (m, "name", "Another Ltd");
  set (m, "tags", "[]");
}

static void
b_customer_risk (Ctx *c, Park *p, Mut *m)
{
  g_autoptr(JsonObject) row = pw_store_get_row (c->n->f.store, "customer", p->customer, NULL);
  prepare_update (c, m, "customer", p->customer);
  set (m, "risk_level", g_strcmp0 (json_object_get_string_member (row, "risk_level"), "high") == 0
                          ? "low" : "high");
}

static void
b_customer_name (Ctx *c, Park *p, Mut *m)
{
  g_autofree char *name = g_strdup_printf ("Tenant %d Ltd", c->counter++);
  prepare_update (c, m, "customer", p->customer);
  set (m, "name", name);
}

static void
b_contract_version (Ctx *c, Park *p, Mut *m)
{
  g_autofree char *sql = g_strdup_printf ("SELECT max(number) + 1 FROM contract_version"
                                          " WHERE contract_id = '%s'", p->contract);
  g_autofree char *number = g_strdup_printf ("#%" G_GINT64_FORMAT, net_int (c->n->f.store, sql));
  g_autofree char *t = terms ("C-1");

  prepare_insert (m, "contract_version");
  set (m, "contract_id", p->contract);
  set (m, "number", number);
  set (m, "effective_date", "2026-06-01");
  set (m, "terms", t);
}

static void
b_space_status_insert (Ctx *c, Park *p, Mut *m)
{
  prepare_insert (m, "space_status");
  set (m, "space_id", p->space);
  set (m, "from_status", "available");
  set (m, "to_status", "reserved");
  set (m, "effective_date", "2026-02-01");
  set (m, "reason", "Held");
}

static void
b_lifecycle_insert (Ctx *c, Park *p, Mut *m)
{
  prepare_insert (m, "lifecycle_event");
  set (m, "entity", "space");
  set (m, "entity_id", p->space);
  set (m, "event", "stocktaken");
  set (m, "event_date", "2026-02-01");
  set (m, "note", "Counted");
}

static void
b_park_price (Ctx *c, Park *p, Mut *m)
{
  g_autofree char *price = g_strdup_printf ("%d.00", 100 + c->counter++);
  prepare_update (c, m, "park", p->id);
  set (m, "list_price", price);
}

static void
b_park_name (Ctx *c, Park *p, Mut *m)
{
  g_autofree char *name = g_strdup_printf ("Park %d", c->counter++);
  prepare_update (c, m, "park", p->id);
  set (m, "name", name);
}

static void
b_schedule_line (Ctx *c, Park *p, Mut *m)
{
  prepare_insert (m, "schedule_line");
  set (m, "contract_id", p->contract);
  set (m, "gross", "#100");
}

static void
b_park_insert (Ctx *c, Park *p, Mut *m)
{
  g_autofree char *code = g_strdup_printf ("N%d", c->counter++);
  prepare_insert (m, "park");
  set (m, "code", code);
  set (m, "name", code);
  set (m, "code_pattern", "{building}-{floor}-{seq:3}");
  set (m, "currency", "CNY");
}

static void
b_drawing_insert (Ctx *c, Park *p, Mut *m)
{
  g_autofree char *code = g_strdup_printf ("F%d", 10 + c->counter++);
  g_autofree char *floor = insert (c->n->f.store, "floor", "park_id", p->id, "building_id", p->building,
                                   "code", code, "name", code, "level", "#2", NULL);
  prepare_insert (m, "floor_drawing");
  set (m, "park_id", p->id);
  set (m, "floor_id", floor);
  set (m, "content", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
  set (m, "transform", "[1, 0, 0, 1, 0, 0]");
}

static void
b_approval_rule (Ctx *c, Park *p, Mut *m)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM approval_rule WHERE park_id = '%s'", p->id);

  g_assert_true (pw_store_exec (c->n->f.store, sql, NULL));
  prepare_insert (m, "approval_rule");
  set (m, "park_id", p->id);
  set (m, "metric", "discount_pct");
  set (m, "threshold", "10.00");
  set (m, "approver_role", "asset_manager");
  set (m, "level", "#1");
}

/* a bill run record (docs/billing.md): finance's, and the admin's */
static void
b_bill_run_insert (Ctx *c, Park *p, Mut *m)
{
  prepare_insert (m, "bill_run");
  set (m, "park_id", p->id);
  set (m, "period", "2026-03");
  set (m, "filters", "{}");
  set (m, "posted_by", "someone");
  set (m, "posted_at", "2026-03-01T09:00:00Z");
}

/* a payment recorded by hand (docs/receivables.md): finance's, and the admin's */
static void
b_payment_insert (Ctx *c, Park *p, Mut *m)
{
  prepare_insert (m, "payment");
  set (m, "park_id", p->id);
  set (m, "customer_id", p->customer);
  set (m, "paid_on", "2026-03-10");
  set (m, "amount", "#10000");
  set (m, "currency", "CNY");
  set (m, "method", "transfer");
  set (m, "reference", "BANK-1");
  set (m, "designation", "[]");
  set (m, "note", "");
  set (m, "status", "recorded");
}

#define A (1u << PW_SYNC_ROLE_ADMIN)
#define M (1u << PW_SYNC_ROLE_ASSET_MANAGER)
#define L (1u << PW_SYNC_ROLE_LEASING_AGENT)
#define F (1u << PW_SYNC_ROLE_FINANCE)
#define O (1u << PW_SYNC_ROLE_OPERATIONS)

static const struct {
  const char *name;
  BuildFunc   build;
  guint       allowed;        /* roles that may, in their own park */
  guint       partial;        /* roles that may change the record but not these fields */
  const char *refusal;        /* the reason for the others there */
  const char *foreign;        /* the reason in a park without a grant */
} matrix[] = {
  { "building insert", b_building_insert, A | M, 0, "forbidden", "not_found" },
  { "building update", b_building_update, A | M, 0, "forbidden", "not_found" },
  { "building delete", b_building_delete, A | M, 0, "forbidden", "not_found" },
  { "space geometry", b_space_geometry, A | M, L | O, "forbidden", "not_found" },
  { "space status", b_space_status, A | M | L | O, 0, "forbidden", "not_found" },
  { "space notes", b_space_notes, A | M | L | O, 0, "forbidden", "not_found" },
  { "space delete", b_space_delete, A | M, 0, "forbidden", "not_found" },
  { "floor drawing insert", b_drawing_insert, A | M, 0, "forbidden", "not_found" },
  { "equipment insert", b_equipment_insert, A | M | O, 0, "forbidden", "not_found" },
  { "customer insert", b_customer_insert, A | M | L, 0, "forbidden", "not_found" },
  { "customer risk", b_customer_risk, A | M | L | F, 0, "forbidden", "not_found" },
  { "customer name", b_customer_name, A | M | L, F, "forbidden", "not_found" },
  { "contract terms", b_contract_version, A | M | L | F, 0, "forbidden", "not_found" },
  { "space status history", b_space_status_insert, A | M | L | O, 0, "forbidden", "not_found" },
  { "lifecycle event", b_lifecycle_insert, A | M | L | O, 0, "forbidden", "not_found" },
  { "park price", b_park_price, A | M | F, 0, "forbidden", "not_found" },
  { "park name", b_park_name, A | M, F, "forbidden", "not_found" },
  { "approval rule", b_approval_rule, A | M, 0, "forbidden", "not_found" },
  { "schedule line", b_schedule_line, 0, 0, "derived", "derived" },
  { "bill run insert", b_bill_run_insert, A | F, 0, "forbidden", "not_found" },
  { "payment insert", b_payment_insert, A | F, 0, "forbidden", "not_found" },
  { "park insert", b_park_insert, 0, 0, "forbidden", "forbidden" },
};

static JsonObject *
push_one (Ctx *c, PwSyncActor *actor, const char *client_id, gint64 mid, Mut *m)
{
  g_autoptr(PwSyncPush) push = pw_sync_push_new (client_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autofree char *text = NULL;
  g_autoptr(PwSyncPush) decoded = NULL;

  pw_sync_push_add (push, mid, m->entity, m->id, m->op, m->base, m->fields);
  /* through the text, as the server would receive it */
  text = pw_sync_push_encode (push);
  decoded = pw_sync_push_decode (text, strlen (text), &error);
  g_assert_no_error (error);
  response = pw_sync_server_push (c->n->f.store, actor, decoded, &error);
  g_assert_no_error (error);
  return json_object_ref (json_array_get_object_element (json_object_get_array_member (response,
                                                                                      "results"), 0));
}

static void
test_matrix (Net *n, gconstpointer data)
{
  Ctx c = { n, 0 };
  Park own = { g_strdup (n->f.park), g_strdup (n->f.building), g_strdup (n->f.floor1),
               NULL, NULL, NULL };
  Park other = { 0 };
  guint checked = 0;
  g_autofree char *t = terms ("C-0");

  own.space = new_space (&c, &own);
  own.customer = insert (n->f.store, "customer", "park_id", own.id, "kind", "company", "name", "Own",
                         "tags", "[]", NULL);
  own.contract = insert (n->f.store, "contract", "park_id", own.id, "code", "C-0", "status", "draft",
                         "start_date", "2026-01-01", "end_date", "2026-12-31", "current_version", "#1",
                         NULL);
  g_free (insert (n->f.store, "contract_version", "contract_id", own.contract, "number", "#1",
                  "effective_date", "2026-01-01", "terms", t, NULL));
  make_park (&c, &other, "Q");

  for (int role = 0; role < PW_SYNC_N_ROLES; role++)
    {
      g_autofree char *user = g_strdup_printf ("user-%s", pw_sync_role_to_string (role));
      g_autoptr(PwSyncActor) actor = pw_sync_actor_new (user, FALSE);
      g_autofree char *client_id = pw_uuid_new ();
      gint64 mid = 1;

      pw_sync_actor_grant (actor, own.id, role);
      for (guint k = 0; k < G_N_ELEMENTS (matrix); k++)
        for (int where = 0; where < 2; where++)
          {
            Mut m = { 0 };
            g_autoptr(JsonObject) r = NULL;
            gboolean allowed = where == 0 && (matrix[k].allowed & (1u << role));
            const char *expected = allowed ? "applied"
                                   : where == 1 ? matrix[k].foreign
                                   : (matrix[k].partial & (1u << role)) ? "forbidden_field"
                                   : matrix[k].refusal;
            const char *got_reason;

            m.fields = json_object_new ();
            matrix[k].build (&c, where == 0 ? &own : &other, &m);
            r = push_one (&c, actor, client_id, mid++, &m);
            got_reason = allowed ? json_object_get_string_member (r, "result")
                                 : json_object_get_string_member_with_default (r, "reason", "(none)");
            if (g_strcmp0 (got_reason, expected) != 0)
              g_error ("%s as %s in %s park: expected %s, got %s (%s)", matrix[k].name,
                       pw_sync_role_to_string (role), where == 0 ? "its own" : "another", expected,
                       got_reason, json_object_get_string_member_with_default (r, "message", ""));
            /* a refusal in another park says nothing of it: not even its record */
            if (where == 1)
              g_assert_false (json_object_has_member (r, "record"));
            checked++;
            g_free (m.id);
            json_object_unref (m.fields);
          }
    }
  g_assert_cmpuint (checked, ==, PW_SYNC_N_ROLES * G_N_ELEMENTS (matrix) * 2);
  park_clear (&own);
  park_clear (&other);
}

static const char *
message_without (JsonObject *r, const char *id, char **out)
{
  g_autofree char *message = g_strdup (json_object_get_string_member (r, "message"));
  g_auto(GStrv) parts = g_strsplit (message, id, -1);

  *out = g_strjoinv ("<id>", parts);
  return *out;
}

/* Another park's record and a guessed id are the same "not found", word for word. */
static void
test_no_leak (Net *n, gconstpointer data)
{
  Ctx c = { n, 0 };
  Park other = { 0 };
  g_autoptr(PwSyncActor) agent = pw_sync_actor_new ("agent", FALSE);
  g_autofree char *client_id = pw_uuid_new ();
  g_autofree char *guess = pw_uuid_new ();
  g_autofree char *a = NULL, *b = NULL, *x = NULL, *y = NULL;
  g_autoptr(JsonObject) foreign = NULL;
  g_autoptr(JsonObject) missing = NULL;
  g_autoptr(JsonObject) ref_foreign = NULL;
  g_autoptr(JsonObject) ref_missing = NULL;
  g_autoptr(GError) error = NULL;
  Mut m = { "space", NULL, PW_MUTATION_UPDATE, 1, NULL };
  PwStore *client;
  gint64 start = pw_sync_server_get_cursor (n->f.store);

  make_park (&c, &other, "Q");
  pw_sync_actor_grant (agent, n->f.park, PW_SYNC_ROLE_LEASING_AGENT);

  m.fields = json_object_new ();
  set (&m, "notes", "Let me in");
  m.id = other.space;
  foreign = push_one (&c, agent, client_id, 1, &m);
  m.id = guess;
  missing = push_one (&c, agent, client_id, 2, &m);
  g_assert_cmpstr (json_object_get_string_member (foreign, "reason"), ==, "not_found");
  g_assert_cmpstr (message_without (foreign, other.space, &a), ==, message_without (missing, guess, &b));
  json_object_unref (m.fields);

  /* a contract space in my park naming a room in another one */
  m = (Mut) { "contract_space", pw_uuid_new (), PW_MUTATION_INSERT, 0, json_object_new () };
  {
    g_autofree char *t = terms ("C-7");
    g_autofree char *contract = insert (n->f.store, "contract", "park_id", n->f.park, "code", "C-7",
                                        "status", "draft", "start_date", "2026-01-01",
                                        "end_date", "2026-12-31", "current_version", "#1", NULL);
    set (&m, "contract_id", contract);
  }
  set (&m, "space_id", other.space);
  set (&m, "start_date", "2026-01-01");
  set (&m, "end_date", "2026-12-31");
  set (&m, "area", "#5000");
  ref_foreign = push_one (&c, agent, client_id, 3, &m);
  g_free (m.id);
  m.id = pw_uuid_new ();
  set (&m, "space_id", guess);
  ref_missing = push_one (&c, agent, client_id, 4, &m);
  g_assert_cmpstr (json_object_get_string_member (ref_foreign, "reason"), ==, "not_found");
  g_assert_cmpstr (message_without (ref_foreign, other.space, &x), ==,
                   message_without (ref_missing, guess, &y));
  g_free (m.id);
  json_object_unref (m.fields);

  /* an insert reusing the id of another park's record: as an id that does not exist */
  {
    g_autoptr(JsonObject) reused = NULL;
    g_autoptr(JsonObject) absent = NULL;
    g_autofree char *e = NULL, *f = NULL;

    m = (Mut) { "customer", other.customer, PW_MUTATION_INSERT, 0, json_object_new () };
    set (&m, "park_id", n->f.park);
    set (&m, "kind", "company");
    set (&m, "name", "Mine now");
    set (&m, "tags", "[]");
    reused = push_one (&c, agent, client_id, 5, &m);
    json_object_unref (m.fields);
    m = (Mut) { "customer", guess, PW_MUTATION_UPDATE, 1, json_object_new () };
    set (&m, "name", "Mine now");
    absent = push_one (&c, agent, client_id, 6, &m);
    json_object_unref (m.fields);
    g_assert_cmpstr (json_object_get_string_member (reused, "reason"), ==, "not_found");
    g_assert_false (json_object_has_member (reused, "record"));
    g_assert_cmpstr (message_without (reused, other.customer, &e), ==,
                     message_without (absent, guess, &f));
  }

  /* a quote of my park listing a room of another one: as a room that does not exist */
  {
    g_autofree char *prospect = insert (n->f.store, "prospect", "park_id", n->f.park,
                                        "name", "Walk-in", "stage", "lead", NULL);
    g_autofree char *foreign_list = g_strdup_printf ("[\"%s\"]", other.space);
    g_autofree char *missing_list = g_strdup_printf ("[\"%s\"]", guess);
    g_autofree char *e = NULL, *f = NULL;
    g_autoptr(JsonObject) listed_foreign = NULL;
    g_autoptr(JsonObject) listed_missing = NULL;

    for (int i = 0; i < 2; i++)
      {
        m = (Mut) { "quote", pw_uuid_new (), PW_MUTATION_INSERT, 0, json_object_new () };
        set (&m, "prospect_id", prospect);
        set (&m, "spaces", i == 0 ? foreign_list : missing_list);
        set (&m, "unit_rent", "90.00");
        set (&m, "list_price", "100.00");
        set (&m, "discount_pct", "10.00");
        set (&m, "term_months", "#12");
        set (&m, "rent_free_months", "#0");
        set (&m, "status", "draft");
        if (i == 0)
          listed_foreign = push_one (&c, agent, client_id, 7, &m);
        else
          listed_missing = push_one (&c, agent, client_id, 8, &m);
        g_free (m.id);
        json_object_unref (m.fields);
      }
    g_assert_cmpstr (json_object_get_string_member (listed_foreign, "reason"), ==, "invalid");
    g_assert_cmpstr (message_without (listed_foreign, other.space, &e), ==,
                     message_without (listed_missing, guess, &f));
  }

  /* pulls and bootstraps carry nothing of the other park */
  client = net_add_client (n, g_steal_pointer (&agent));
  net_pull (n, client);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM space WHERE park_id = '%s'", other.id);
    g_assert_cmpint (net_int (client, sql), ==, 0);
    g_assert_cmpint (net_int (client, "SELECT count(*) FROM park"), ==, 1);
    g_assert_cmpint (net_int (client, "SELECT count(*) FROM contract_version"), ==, 0);
    g_assert_cmpint (net_int (client, "SELECT count(*) FROM customer"), ==, 0);
  }
  {
    g_autoptr(PwSyncActor) outsider = pw_sync_actor_new ("outsider", FALSE);
    g_autoptr(JsonObject) page = pw_sync_server_pull (n->f.store, outsider, start, 100, &error);
    g_autoptr(JsonObject) boot = pw_sync_server_bootstrap (n->f.store, outsider, NULL, 100, &error);

    g_assert_no_error (error);
    g_assert_cmpint (json_array_get_length (json_object_get_array_member (page, "changes")), ==, 0);
    g_assert_cmpint (json_array_get_length (json_object_get_array_member (boot, "records")), ==, 0);
  }
  park_clear (&other);
}

/* A server administrator makes parks, and the ledger's rules still hold for them. */
static void
test_server_admin (Net *n, gconstpointer data)
{
  Ctx c = { n, 0 };
  g_autoptr(PwSyncActor) root = pw_sync_actor_new ("root", TRUE);
  g_autofree char *client_id = pw_uuid_new ();
  g_autoptr(JsonObject) made = NULL;
  g_autoptr(JsonObject) bad = NULL;
  Mut m = { 0 };

  m.fields = json_object_new ();
  b_park_insert (&c, NULL, &m);
  made = push_one (&c, root, client_id, 1, &m);
  g_assert_cmpstr (json_object_get_string_member (made, "result"), ==, "applied");
  g_free (m.id);
  json_object_unref (m.fields);

  /* invariants are re-checked on the server: an unknown currency is refused */
  m = (Mut) { 0 };
  m.fields = json_object_new ();
  b_park_insert (&c, NULL, &m);
  set (&m, "currency", "yuan");
  bad = push_one (&c, root, client_id, 2, &m);
  g_assert_cmpstr (json_object_get_string_member (bad, "reason"), ==, "invalid");
  g_assert_nonnull (strstr (json_object_get_string_member (bad, "message"), "currency"));
  g_free (m.id);
  json_object_unref (m.fields);
}

/* Walks @actor's whole bootstrap in pages of @limit; returns the records sent, and the
 * first page's totals in @parks and @records (later pages carry none). */
static gint64
walk_bootstrap (PwStore *store, PwSyncActor *actor, guint limit, gint64 *parks, gint64 *records)
{
  g_autofree char *token = NULL;
  gint64 sent = 0;
  guint pages = 0;

  do
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) page = pw_sync_server_bootstrap (store, actor, token, limit, &error);
      JsonNode *next;

      g_assert_no_error (error);
      g_assert_nonnull (page);
      if (pages++ == 0)
        {
          JsonObject *totals = json_object_get_object_member (page, "totals");

          g_assert_nonnull (totals);
          *parks = json_object_get_int_member (totals, "parks");
          *records = json_object_get_int_member (totals, "records");
        }
      else
        g_assert_false (json_object_has_member (page, "totals"));
      sent += json_array_get_length (json_object_get_array_member (page, "records"));
      next = json_object_get_member (page, "next");
      g_free (token);
      token = JSON_NODE_HOLDS_NULL (next) ? NULL : g_strdup (json_node_get_string (next));
    }
  while (token != NULL);
  return sent;
}

/* The first bootstrap page says what the whole bootstrap brings, to each user what
 * that user may see: it is what a desktop shows before the user takes the server's copy. */
static void
test_bootstrap_totals (Net *n, gconstpointer data)
{
  Ctx c = { n, 0 };
  Park other = { 0 };
  g_autoptr(PwSyncActor) agent = pw_sync_actor_new ("agent", FALSE);
  g_autoptr(PwSyncActor) root = pw_sync_actor_new ("root", TRUE);
  g_autoptr(PwSyncActor) outsider = pw_sync_actor_new ("outsider", FALSE);
  gint64 parks = -1, records = -1, all_parks = -1, all_records = -1, sent, sent_all;

  make_park (&c, &other, "Q");
  pw_sync_actor_grant (agent, n->f.park, PW_SYNC_ROLE_LEASING_AGENT);

  sent = walk_bootstrap (n->f.store, agent, 3, &parks, &records);
  g_assert_cmpint (parks, ==, 1);
  g_assert_cmpint (records, ==, sent);
  g_assert_cmpint (records, >, 1);

  sent_all = walk_bootstrap (n->f.store, root, 1000, &all_parks, &all_records);
  g_assert_cmpint (all_parks, ==, 2);
  g_assert_cmpint (all_records, ==, sent_all);
  g_assert_cmpint (all_records, >, records);

  g_assert_cmpint (walk_bootstrap (n->f.store, outsider, 10, &parks, &records), ==, 0);
  g_assert_cmpint (parks, ==, 0);
  g_assert_cmpint (records, ==, 0);
  park_clear (&other);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Net, NULL, net_set_up, fn, net_tear_down)
  ADD ("/sync/auth/matrix", test_matrix);
  ADD ("/sync/auth/no-leak", test_no_leak);
  ADD ("/sync/auth/server-admin", test_server_admin);
  ADD ("/sync/auth/bootstrap-totals", test_bootstrap_totals);
  return g_test_run ();
}
