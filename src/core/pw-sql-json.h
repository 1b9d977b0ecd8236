/* pw-sql-json.h — SQLite rows as JSON objects, and JSON values bound to statements
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to core (it names sqlite3): the store, the leasing queries and the sync
 * engine read and write rows through these two functions, so a row reads the same
 * wherever it is read. The mapping (docs/sync-protocol.md, "Values"):
 *  1. NULL ↔ null.
 *  2. INTEGER ↔ a JSON integer, all 64 bits of it: an id or an amount beyond 2^53
 *     stays exact (json-glib keeps gint64; nothing goes through a double).
 *  3. TEXT ↔ a string. true and false are bound as 1 and 0 (SQLite has no booleans).
 *  4. REAL ↔ a number with a fraction (no column on record holds one; money and areas
 *     are integers).
 *  5. A 16-byte BLOB is a UUID in its compact form and reads as its text; any other
 *     BLOB reads as base64 text, so a row always makes valid JSON.
 *  6. An array or object is bound as its JSON text.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

JsonObject *pw_sql_row_to_json    (sqlite3_stmt *stmt);
void        pw_sql_set_json_member (JsonObject   *object,
                                    const char   *name,
                                    sqlite3_stmt *stmt,
                                    int           column);
int         pw_sql_bind_json      (sqlite3_stmt *stmt,
                                   int           index,
                                   JsonNode     *node);

G_END_DECLS
