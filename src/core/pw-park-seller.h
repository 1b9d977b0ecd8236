/* pw-park-seller.h — a park's letterhead and its sellers' bank accounts, as payment
 * notices print them (docs/billing.md, "Payment notices")
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pw-store.h"

G_BEGIN_DECLS

/* One seller (legal entity) of a park: its code (as contracts name it), its name,
 * and the bank and account customers pay it into ("" when not set). */
typedef struct
{
  char *code;
  char *name;
  char *bank;
  char *account;
} PwParkSeller;

/* What heads a park's documents: its name, code, address ("" when not stored),
 * currency and its sellers. */
typedef struct
{
  char      *park_id;
  char      *code;
  char      *name;
  char      *address;
  char      *currency;
  GPtrArray *sellers;   /* PwParkSeller, as stored */
} PwLetterhead;

void                pw_letterhead_free         (PwLetterhead  *letterhead);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwLetterhead, pw_letterhead_free)

/* The letterhead of @park_id (NULL: the store's first park). */
PwLetterhead       *pw_letterhead_load         (PwStore       *store,
                                                const char    *park_id,
                                                GError       **error);
/* The seller @code, or NULL when the park does not record it. */
const PwParkSeller *pw_letterhead_find_seller  (const PwLetterhead *letterhead,
                                                const char    *code);

/* Records seller @code of @park_id with @name, @bank and @account (NULL keeps what
 * is stored, "" clears it), adding it when new; one park update through the
 * mutation path. A refusal names its field ("sellers"). */
gboolean            pw_park_set_seller         (PwStore       *store,
                                                const char    *park_id,
                                                const char    *code,
                                                const char    *name,
                                                const char    *bank,
                                                const char    *account,
                                                GError       **error);

/* Checks a park row's "sellers" (absent: fine): a JSON array of objects with a
 * code (unique, at most 20 characters) and text name, bank and account. */
gboolean            pw_park_validate_sellers   (JsonObject    *row,
                                                GError       **error);

G_END_DECLS
