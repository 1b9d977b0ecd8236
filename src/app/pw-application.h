/* pw-application.h — the Parkwise application: the store, actions and windows
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-store.h"
#include "pw-sync-service.h"

G_BEGIN_DECLS

#define PW_TYPE_APPLICATION (pw_application_get_type ())
G_DECLARE_FINAL_TYPE (PwApplication, pw_application, PW, APPLICATION, AdwApplication)

PwApplication *pw_application_new               (void);
/* The open store, or NULL before startup or when it could not be opened. */
PwStore       *pw_application_get_store         (PwApplication *self);
/* Keeps the store in step with a Parkwise server; NULL when no store is open. */
PwSyncService *pw_application_get_sync          (PwApplication *self);
/* The database used when no --db is given: GSettings database-path, else
 * $XDG_DATA_HOME/parkwise/parkwise.db. */
char          *pw_application_get_default_database_path (void);
/* Opens @path (creating its folder), attaches the ledger and seeds an empty
 * store with the demo park. */
PwStore       *pw_application_open_store        (const char    *path,
                                                 GError       **error);

G_END_DECLS
