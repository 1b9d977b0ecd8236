/* test-sync-codec.c — the guarded JSON reader and the push codec refuse every
 * malformed body with the expected code, saying where; nothing crashes
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "pw-sync.h"

#define CLIENT "0190a0b0-0000-7000-8000-000000000001"
#define ID "0190a0b0-0000-7000-8000-0000000000aa"
#define HEAD "{\"schema_version\":1,\"client_id\":\"" CLIENT "\",\"mutations\":["
#define MUT(body) HEAD "{" body "}]}"
#define UPD(extra) MUT ("\"mid\":1,\"entity\":\"space\",\"id\":\"" ID "\",\"op\":\"update\"," extra)

typedef struct {
  const char *name;
  const char *body;
  int         code;
  const char *where;  /* a part of the message, or NULL */
} Case;

static const Case cases[] = {
  { "empty", "", PW_SYNC_ERROR_MALFORMED, "byte 0" },
  { "whitespace only", "  \n", PW_SYNC_ERROR_MALFORMED, NULL },
  { "null", "null", PW_SYNC_ERROR_INVALID, "$" },
  { "array", "[]", PW_SYNC_ERROR_INVALID, NULL },
  { "unterminated", "{", PW_SYNC_ERROR_MALFORMED, NULL },
  { "empty object", "{}", PW_SYNC_ERROR_INVALID, "$.schema_version" },
  { "newer schema", "{\"schema_version\":2,\"client_id\":\"" CLIENT "\",\"mutations\":[]}",
    PW_SYNC_ERROR_UNSUPPORTED_CLIENT, NULL },
  { "older schema, other shape", "{\"schema_version\":0,\"changes\":{}}",
    PW_SYNC_ERROR_UNSUPPORTED_CLIENT, NULL },
  { "schema as text", "{\"schema_version\":\"1\",\"client_id\":\"" CLIENT "\",\"mutations\":[]}",
    PW_SYNC_ERROR_INVALID, "$.schema_version" },
  { "schema as fraction", "{\"schema_version\":1.0,\"client_id\":\"" CLIENT "\",\"mutations\":[]}",
    PW_SYNC_ERROR_INVALID, NULL },
  { "unknown member", "{\"schema_version\":1,\"client_id\":\"" CLIENT "\",\"mutations\":[],\"admin\":true}",
    PW_SYNC_ERROR_INVALID, "$.admin" },
  { "duplicate client id", "{\"schema_version\":1,\"client_id\":\"" CLIENT "\",\"client_id\":\""
    "0190a0b0-0000-7000-8000-000000000002\",\"mutations\":[]}", PW_SYNC_ERROR_DUPLICATE_KEY,
    "$.client_id" },
  { "duplicate field", UPD ("\"base_version\":3,\"fields\":{\"name\":\"A\",\"name\":\"B\"}"),
    PW_SYNC_ERROR_DUPLICATE_KEY, "$.mutations[0].fields.name" },
  { "duplicate through an escape", UPD ("\"base_version\":3,\"fields\":{\"name\":\"A\",\"na\\u006de\":\"B\"}"),
    PW_SYNC_ERROR_DUPLICATE_KEY, "fields.name" },
  { "duplicate mid", MUT ("\"mid\":1,\"mid\":2,\"entity\":\"space\",\"id\":\"" ID "\",\"op\":\"delete\",\"base_version\":1"),
    PW_SYNC_ERROR_DUPLICATE_KEY, NULL },
  { "client id not a UUID", "{\"schema_version\":1,\"client_id\":\"abc\",\"mutations\":[]}",
    PW_SYNC_ERROR_INVALID, "$.client_id" },
  { "client id in capitals", "{\"schema_version\":1,\"client_id\":\"0190A0B0-0000-7000-8000-000000000001\",\"mutations\":[]}",
    PW_SYNC_ERROR_INVALID, "$.client_id" },
  { "client id a number", "{\"schema_version\":1,\"client_id\":12,\"mutations\":[]}",
    PW_SYNC_ERROR_INVALID, "$.client_id" },
  { "client id missing", "{\"schema_version\":1,\"mutations\":[]}", PW_SYNC_ERROR_INVALID, NULL },
  { "mutations an object", "{\"schema_version\":1,\"client_id\":\"" CLIENT "\",\"mutations\":{}}",
    PW_SYNC_ERROR_INVALID, "$.mutations" },
  { "mutations missing", "{\"schema_version\":1,\"client_id\":\"" CLIENT "\"}",
    PW_SYNC_ERROR_INVALID, "$.mutations" },
  { "mutation a number", HEAD "7]}", PW_SYNC_ERROR_INVALID, "$.mutations[0]" },
  { "mid zero", MUT ("\"mid\":0,\"entity\":\"space\",\"id\":\"" ID "\",\"op\":\"delete\",\"base_version\":1"),
    PW_SYNC_ERROR_INVALID, "$.mutations[0].mid" },
  { "mid negative", MUT ("\"mid\":-1,\"entity\":\"space\",\"id\":\"" ID "\",\"op\":\"delete\",\"base_version\":1"),
    PW_SYNC_ERROR_INVALID, "$.mutations[0].mid" },
  { "mid as text", MUT ("\"mid\":\"1\",\"entity\":\"space\",\"id\":\"" ID "\",\"op\":\"delete\",\"base_version\":1"),
    PW_SYNC_ERROR_INVALID, "$.mutations[0].mid" },
  { "mid beyond 64 bits", MUT ("\"mid\":99999999999999999999,\"entity\":\"space\",\"id\":\"" ID "\",\"op\":\"delete\",\"base_version\":1"),
    PW_SYNC_ERROR_INVALID, "$.mutations[0].mid" },
  { "mid infinite", MUT ("\"mid\":1e400,\"entity\":\"space\",\"id\":\"" ID "\",\"op\":\"delete\",\"base_version\":1"),
    PW_SYNC_ERROR_INVALID, "$.mutations[0].mid" },
  { "mid a fraction", MUT ("\"mid\":1.5,\"entity\":\"space\",\"id\":\"" ID "\",\"op\":\"delete\",\"base_version\":1"),
    PW_SYNC_ERROR_INVALID, "$.mutations[0].mid" },
  { "mids going down", HEAD "{\"mid\":2,\"entity\":\"space\",\"id\":\"" ID "\",\"op\":\"delete\",\"base_version\":1},"
    "{\"mid\":1,\"entity\":\"space\",\"id\":\"" ID "\",\"op\":\"delete\",\"base_version\":1}]}",
    PW_SYNC_ERROR_INVALID, "$.mutations[1].mid" },
  { "mids repeated", HEAD "{\"mid\":1,\"entity\":\"space\",\"id\":\"" ID "\",\"op\":\"delete\",\"base_version\":1},"
    "{\"mid\":1,\"entity\":\"space\",\"id\":\"" ID "\",\"op\":\"delete\",\"base_version\":1}]}",
    PW_SYNC_ERROR_INVALID, "$.mutations[1].mid" },
  { "unknown entity", MUT ("\"mid\":1,\"entity\":\"user\",\"id\":\"" ID "\",\"op\":\"delete\",\"base_version\":1"),
    PW_SYNC_ERROR_INVALID, "$.mutations[0].entity" },
  { "entity as SQL", MUT ("\"mid\":1,\"entity\":\"space; DROP TABLE park\",\"id\":\"" ID "\",\"op\":\"delete\",\"base_version\":1"),
    PW_SYNC_ERROR_INVALID, "$.mutations[0].entity" },
  { "entity a number", MUT ("\"mid\":1,\"entity\":3,\"id\":\"" ID "\",\"op\":\"delete\",\"base_version\":1"),
    PW_SYNC_ERROR_INVALID, "$.mutations[0].entity" },
  { "id not a UUID", MUT ("\"mid\":1,\"entity\":\"space\",\"id\":\"../park\",\"op\":\"delete\",\"base_version\":1"),
    PW_SYNC_ERROR_INVALID, "$.mutations[0].id" },
  { "id missing", MUT ("\"mid\":1,\"entity\":\"space\",\"op\":\"delete\",\"base_version\":1"),
    PW_SYNC_ERROR_INVALID, "$.mutations[0].id" },
  { "unknown op", MUT ("\"mid\":1,\"entity\":\"space\",\"id\":\"" ID "\",\"op\":\"upsert\",\"base_version\":1"),
    PW_SYNC_ERROR_INVALID, "$.mutations[0].op" },
  { "insert with a base", MUT ("\"mid\":1,\"entity\":\"space\",\"id\":\"" ID "\",\"op\":\"insert\",\"base_version\":3,\"fields\":{\"name\":\"A\"}"),
    PW_SYNC_ERROR_INVALID, "$.mutations[0].base_version" },
  { "update without a base", UPD ("\"fields\":{\"name\":\"A\"}"), PW_SYNC_ERROR_INVALID,
    "$.mutations[0].base_version" },
  { "negative base", UPD ("\"base_version\":-3,\"fields\":{\"name\":\"A\"}"), PW_SYNC_ERROR_INVALID,
    "$.mutations[0].base_version" },
  { "fields an array", UPD ("\"base_version\":3,\"fields\":[\"name\"]"), PW_SYNC_ERROR_INVALID,
    "$.mutations[0].fields" },
  { "unknown field", UPD ("\"base_version\":3,\"fields\":{\"password\":\"x\"}"), PW_SYNC_ERROR_INVALID,
    "$.mutations[0].fields.password" },
  { "version as a field", UPD ("\"base_version\":3,\"fields\":{\"version\":99}"), PW_SYNC_ERROR_INVALID,
    "$.mutations[0].fields.version" },
  { "nested field value", UPD ("\"base_version\":3,\"fields\":{\"name\":{\"x\":1}}"), PW_SYNC_ERROR_INVALID,
    "$.mutations[0].fields.name" },
  { "fraction field value", UPD ("\"base_version\":3,\"fields\":{\"gross_area\":12.5}"), PW_SYNC_ERROR_INVALID,
    "$.mutations[0].fields.gross_area" },
  { "delete with fields", MUT ("\"mid\":1,\"entity\":\"space\",\"id\":\"" ID "\",\"op\":\"delete\",\"base_version\":1,\"fields\":{\"name\":\"A\"}"),
    PW_SYNC_ERROR_INVALID, "$.mutations[0].fields" },
  { "update with no fields", UPD ("\"base_version\":3,\"fields\":{}"), PW_SYNC_ERROR_INVALID,
    "$.mutations[0].fields" },
  { "unknown mutation member", UPD ("\"base_version\":3,\"fields\":{\"name\":\"A\"},\"sql\":\"x\""),
    PW_SYNC_ERROR_INVALID, "$.mutations[0].sql" },
  { "group zero", UPD ("\"base_version\":3,\"fields\":{\"name\":\"A\"},\"group\":0"), PW_SYNC_ERROR_INVALID,
    "$.mutations[0].group" },
  { "group after its mutation", UPD ("\"base_version\":3,\"fields\":{\"name\":\"A\"},\"group\":5"),
    PW_SYNC_ERROR_INVALID, "$.mutations[0].group" },
  { "trailing text", "{} x", PW_SYNC_ERROR_MALFORMED, NULL },
  { "two documents", "{}{}", PW_SYNC_ERROR_MALFORMED, NULL },
  { "single quotes", "{'schema_version':1}", PW_SYNC_ERROR_MALFORMED, NULL },
  { "trailing comma", "{\"schema_version\":1,}", PW_SYNC_ERROR_MALFORMED, NULL },
  { "missing colon", "{\"schema_version\" 1}", PW_SYNC_ERROR_MALFORMED, NULL },
  { "NaN", "{\"schema_version\":NaN}", PW_SYNC_ERROR_MALFORMED, NULL },
  { "leading zero", "{\"schema_version\":01}", PW_SYNC_ERROR_MALFORMED, NULL },
  { "bare minus", "{\"schema_version\":-}", PW_SYNC_ERROR_MALFORMED, NULL },
  { "lone surrogate", UPD ("\"base_version\":3,\"fields\":{\"name\":\"\\ud800\"}"), PW_SYNC_ERROR_MALFORMED, NULL },
  { "bad escape", UPD ("\"base_version\":3,\"fields\":{\"name\":\"\\q\"}"), PW_SYNC_ERROR_MALFORMED, NULL },
  { "escaped NUL", UPD ("\"base_version\":3,\"fields\":{\"name\":\"a\\u0000b\"}"), PW_SYNC_ERROR_MALFORMED, NULL },
  { "raw newline in a string", UPD ("\"base_version\":3,\"fields\":{\"name\":\"a\nb\"}"), PW_SYNC_ERROR_MALFORMED, NULL },
  { "not UTF-8", "{\"schema_version\":1,\"client_id\":\"\xff\xfe\"}", PW_SYNC_ERROR_BAD_ENCODING, "byte 33" },
  { "overlong UTF-8", "{\"a\":\"\xc0\xaf\"}", PW_SYNC_ERROR_BAD_ENCODING, NULL },
  { "true misspelt", "{\"a\":tru}", PW_SYNC_ERROR_MALFORMED, NULL },
};

static void
test_malformed (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (cases), >=, 40);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwSyncPush) push = pw_sync_push_decode (cases[i].body, strlen (cases[i].body), &error);

      if (error == NULL || error->code != cases[i].code
          || (cases[i].where && strstr (error->message, cases[i].where) == NULL))
        g_error ("%s: expected %s%s%s, got %s: %s", cases[i].name,
                 pw_sync_error_code_name (cases[i].code), cases[i].where ? " at " : "",
                 cases[i].where ? cases[i].where : "",
                 error ? pw_sync_error_code_name (error->code) : "success",
                 error ? error->message : "");
      g_assert_null (push);
      g_assert_true (error->domain == PW_SYNC_ERROR);
      g_assert_cmpuint (pw_sync_error_http_status (error->code), >=, 400);
      g_assert_cmpuint (pw_sync_error_http_status (error->code), <, 500);
    }
}

static void
test_nul_and_size (void)
{
  static const char with_nul[] = "{\"a\":\"x\0y\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = pw_json_parse_guarded (with_nul, sizeof with_nul - 1, 1024, 64, &error);
  g_autofree char *big = NULL;
  gsize len = PW_SYNC_MAX_BODY + 1;

  g_assert_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_BAD_ENCODING);
  g_assert_null (node);
  g_clear_error (&error);

  big = g_malloc (len);
  memset (big, ' ', len);
  big[0] = '{';
  big[len - 1] = '}';
  g_assert_null (pw_sync_push_decode (big, len, &error));
  g_assert_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_TOO_LARGE);
  g_assert_cmpuint (pw_sync_error_http_status (error->code), ==, 413);
}

static void
test_too_many_mutations (void)
{
  g_autoptr(GString) body = g_string_new (HEAD);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSyncPush) push = NULL;

  for (int i = 1; i <= PW_SYNC_MAX_MUTATIONS + 1; i++)
    g_string_append_printf (body, "%s{\"mid\":%d,\"entity\":\"space\",\"id\":\"" ID "\","
                            "\"op\":\"delete\",\"base_version\":1}", i > 1 ? "," : "", i);
  g_string_append (body, "]}");
  push = pw_sync_push_decode (body->str, body->len, &error);
  g_assert_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "$.mutations"));
  g_assert_null (push);
}

/* 100,000 levels must be refused by the scan, before json-glib could overflow its stack. */
static void
test_deep (void)
{
  const gsize depth = 100000;
  g_autofree char *arrays = g_malloc (depth * 2);
  g_autoptr(GString) objects = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  memset (arrays, '[', depth);
  memset (arrays + depth, ']', depth);
  node = pw_json_parse_guarded (arrays, depth * 2, G_MAXSIZE, 64, &error);
  g_assert_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_TOO_DEEP);
  g_assert_nonnull (strstr (error->message, "byte 64"));
  g_assert_null (node);
  g_clear_error (&error);

  /* inside a push too, and in objects */
  for (int i = 0; i < 70; i++)
    g_string_append (objects, "{\"a\":");
  g_string_append (objects, "1");
  for (int i = 0; i < 70; i++)
    g_string_append_c (objects, '}');
  g_assert_null (pw_sync_push_decode (objects->str, objects->len, &error));
  g_assert_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_TOO_DEEP);
  g_clear_error (&error);

  /* 64 levels are fine */
  g_string_truncate (objects, 0);
  for (int i = 0; i < 64; i++)
    g_string_append_c (objects, '[');
  for (int i = 0; i < 64; i++)
    g_string_append_c (objects, ']');
  node = pw_json_parse_guarded (objects->str, objects->len, G_MAXSIZE, 64, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
}

/* What the guard lets through is what json-glib reads, escapes and all. */
static void
test_accepts (void)
{
  static const char doc[] =
    "{\"s\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\",\"n\":-0.5e-3,\"i\":-9223372036854775808,"
    "\"t\":true,\"f\":false,\"z\":null,\"a\":[[],{},[{\"k\":[1,2]}]],\"k\":{\"s\":1},\"\":0}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = pw_json_parse_guarded (doc, sizeof doc - 1, 4096, 8, &error);
  JsonObject *o;

  g_assert_no_error (error);
  o = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (o, "s"), ==, "a\"b\\c/d\b\f\n\r\t\xc3\xa9\xf0\x9f\x98\x80");
  g_assert_cmpint (json_object_get_int_member (o, "i"), ==, G_MININT64);
  g_assert_true (json_object_get_boolean_member (o, "t"));
  g_assert_true (json_object_get_null_member (o, "z"));
}

/* A push encoded and decoded again is the same push. */
static void
test_round_trip (void)
{
  g_autoptr(PwSyncPush) push = pw_sync_push_new (CLIENT);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSyncPush) again = NULL;
  g_autofree char *text = NULL;
  PwSyncMutation *m;

  json_object_set_string_member (fields, "name", "Room \"1\"\n");
  json_object_set_int_member (fields, "gross_area", 12345);
  json_object_set_null_member (fields, "outline");
  pw_sync_push_add (push, 7, "space", ID, PW_MUTATION_UPDATE, 4, fields);
  pw_sync_push_add (push, 8, "space", ID, PW_MUTATION_DELETE, 5, NULL);
  ((PwSyncMutation *) push->mutations->pdata[1])->group = 7;
  ((PwSyncMutation *) push->mutations->pdata[0])->group = 7;
  text = pw_sync_push_encode (push);
  again = pw_sync_push_decode (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->client_id, ==, CLIENT);
  g_assert_cmpuint (again->mutations->len, ==, 2);
  m = again->mutations->pdata[0];
  g_assert_cmpint (m->mid, ==, 7);
  g_assert_cmpint (m->op, ==, PW_MUTATION_UPDATE);
  g_assert_cmpint (m->base_version, ==, 4);
  g_assert_cmpint (m->group, ==, 7);
  g_assert_cmpstr (json_object_get_string_member (m->fields, "name"), ==, "Room \"1\"\n");
  g_assert_true (json_object_get_null_member (m->fields, "outline"));
  m = again->mutations->pdata[1];
  g_assert_cmpint (m->op, ==, PW_MUTATION_DELETE);
  g_assert_cmpint (json_object_get_size (m->fields), ==, 0);
}

/* Responses are checked too: a client does not write what a server got wrong. */
static void
test_responses (void)
{
  static const char *const bad_pages[] = {
    "{\"schema_version\":1,\"changes\":[],\"cursor\":-1,\"more\":false}",
    "{\"schema_version\":1,\"changes\":[{\"seq\":1,\"entity\":\"user\",\"id\":\"x\",\"op\":\"insert\",\"record\":{\"id\":\"x\"}}],\"cursor\":1,\"more\":false}",
    "{\"schema_version\":1,\"changes\":[{\"seq\":1,\"entity\":\"space\",\"id\":\"x\",\"op\":\"insert\",\"record\":{\"id\":\"x\",\"evil\":1}}],\"cursor\":1,\"more\":false}",
    "{\"schema_version\":1,\"changes\":[{\"seq\":1,\"entity\":\"space\",\"id\":\"x\",\"op\":\"update\",\"record\":{\"name\":\"no id\"}}],\"cursor\":1,\"more\":false}",
    "{\"schema_version\":1,\"changes\":[],\"cursor\":3}",
    "{\"schema_version\":2,\"changes\":[],\"cursor\":3,\"more\":false}",
  };
  g_autoptr(GError) error = NULL;
  static const char good[] =
    "{\"schema_version\":1,\"changes\":[{\"seq\":4,\"entity\":\"space\",\"id\":\"x\",\"op\":\"delete\","
    "\"record\":null,\"key\":{\"id\":\"x\"}}],\"cursor\":4,\"more\":false}";
  g_autoptr(JsonObject) ok = pw_sync_page_decode (good, sizeof good - 1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ok);
  for (guint i = 0; i < G_N_ELEMENTS (bad_pages); i++)
    {
      g_autoptr(JsonObject) page = pw_sync_page_decode (bad_pages[i], strlen (bad_pages[i]), &error);

      g_assert_null (page);
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
  {
    const char *text = "{\"schema_version\":1,\"results\":[{\"mid\":1,\"result\":\"maybe\"}]}";
    g_autoptr(JsonObject) r = pw_sync_push_result_decode (text, strlen (text), &error);

    g_assert_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_INVALID);
    g_assert_null (r);
  }
}

/* The query parameters of pulls and bootstraps. */
static void
test_params (void)
{
  static const char *const bad[] = { "", "-1", "1.5", "1e3", "0x10", " 5", "5 ", "99999999999999999999",
                                     "1001", "abc" };
  g_autoptr(GError) error = NULL;
  gint64 v = 0;

  g_assert_true (pw_sync_parse_param ("limit", NULL, 1, 1000, 500, &v, &error));
  g_assert_cmpint (v, ==, 500);
  g_assert_true (pw_sync_parse_param ("limit", "1000", 1, 1000, 500, &v, &error));
  g_assert_cmpint (v, ==, 1000);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (pw_sync_parse_param ("limit", bad[i], 0, 1000, 500, &v, &error));
      g_assert_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "limit"));
      g_clear_error (&error);
    }
  g_assert_true (pw_sync_check_schema_param ("1", &error));
  g_assert_false (pw_sync_check_schema_param ("2", &error));
  g_assert_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_UNSUPPORTED_CLIENT);
  g_clear_error (&error);
  g_assert_false (pw_sync_check_schema_param (NULL, &error));
  g_assert_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_INVALID);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync/codec/malformed", test_malformed);
  g_test_add_func ("/sync/codec/nul-and-size", test_nul_and_size);
  g_test_add_func ("/sync/codec/too-many-mutations", test_too_many_mutations);
  g_test_add_func ("/sync/codec/deep", test_deep);
  g_test_add_func ("/sync/codec/accepts", test_accepts);
  g_test_add_func ("/sync/codec/round-trip", test_round_trip);
  g_test_add_func ("/sync/codec/responses", test_responses);
  g_test_add_func ("/sync/codec/params", test_params);
  return g_test_run ();
}
