/* pw-window.h — the main window: header bar, primary menu and the module pages
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-application.h"
#include "pw-assets-page.h"
#include "pw-contracts-page.h"
#include "pw-customers-page.h"
#include "pw-plans-page.h"

G_BEGIN_DECLS

#define PW_TYPE_WINDOW (pw_window_get_type ())
G_DECLARE_FINAL_TYPE (PwWindow, pw_window, PW, WINDOW, AdwApplicationWindow)

/* @app may be NULL (tests build a window over a store of their own). */
PwWindow     *pw_window_new             (PwApplication *app,
                                         PwStore       *store);
PwStore      *pw_window_get_store       (PwWindow      *self);
PwAssetsPage *pw_window_get_assets_page (PwWindow      *self);
PwPlansPage  *pw_window_get_plans_page  (PwWindow      *self);
PwContractsPage *pw_window_get_contracts_page (PwWindow   *self);
PwCustomersPage *pw_window_get_customers_page (PwWindow   *self);

/* Shows the plans coloured by lease expiry. */
void          pw_window_show_expiring   (PwWindow *self);

G_END_DECLS
