/* app-test-util.h — what the in-process tests of the GTK application share: a
 * demo ledger in a temporary folder, a window on it and main-loop iteration
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-billing-page.h"
#include "pw-store.h"
#include "pw-window.h"

G_BEGIN_DECLS

/* Points the XDG folders at a scratch folder, so that nothing lands in $HOME,
 * and initialises GLib's tests, GTK and libadwaita; fails without a display.
 * Returns the scratch folder, for app_test_run(). */
char      *app_test_init              (int         *argc,
                                       char      ***argv);
/* Runs the tests, then removes @scratch (taken). */
int        app_test_run               (char        *scratch);

typedef gboolean (*AppTestCondition) (gpointer      fixture,
                                      gconstpointer data);

/* Iterates the main loop until @cond holds; fails after a few seconds. */
void       app_test_wait_for          (AppTestCondition  cond,
                                       gpointer          fixture,
                                       gconstpointer     data,
                                       const char       *what);

/* Opens a new ledger in a new temporary folder from @tmpdir_template, by the
 * application's own opening path: a fresh store gets the demo park. */
PwStore   *app_test_open_demo_ledger  (const char  *tmpdir_template,
                                       char       **tmpdir);
/* Removes the folder and the files in it, and frees *@tmpdir. */
void       app_test_remove_tmpdir     (char       **tmpdir);

typedef const char *(*AppTestGetIdFunc) (gpointer item);

/* The item of @model whose id is @id, or NULL; @model keeps it. */
gpointer   app_test_find_item         (GListModel       *model,
                                       AppTestGetIdFunc  get_id,
                                       const char       *id);

/* The child @name of @widget's template for @type; fails if there is none. */
GtkWidget *app_test_template_child    (gpointer     widget,
                                       GType        type,
                                       const char  *name);

/* A window on @store, owned by the caller. */
PwWindow  *app_test_new_window        (PwStore     *store);
/* Destroys the window, then lets everything it queued run. */
void       app_test_destroy_window    (PwWindow   **window);

/* Waits for the Undo button of a toast shown inside @root (a few seconds at
 * most) and returns it, or NULL. */
GtkWidget *app_test_find_undo_button  (GtkWidget   *root);

/* The button under @root whose action is @action (its sensitivity is the action's);
 * fails if there is none. */
GtkWidget *app_test_find_action_button (GtkWidget   *root,
                                        const char  *action);

/* ---- the Billing page's tests (test-billing-*.c) ---- */

/* A demo ledger, a window on it and its Billing page; the demo park and the first
 * @n_spaces of its available offices. */
typedef struct {
  char          *tmpdir;
  PwStore       *store;
  PwWindow      *window;
  PwBillingPage *page;
  char          *park_id;
  char          *park_name;
  GPtrArray     *spaces;     /* available offices of the demo park (PwSpace) */
} AppTestBilling;

/* With @hold_demo_bills, the demo's year of bills is held back, as if it was never
 * sent: its customers in arrears would otherwise owe late fees that every run of
 * 2040 bills. */
void       app_test_billing_set_up     (AppTestBilling *f,
                                        const char     *tmpdir_template,
                                        guint           n_spaces,
                                        gboolean        hold_demo_bills);
void       app_test_billing_tear_down  (AppTestBilling *f);
/* A new company customer @name of the park; returns its id. */
char      *app_test_billing_customer   (AppTestBilling *f,
                                        const char     *name);
/* A signed lease of 2040 on space @i for @customer: 100.00/m²/month rent, 9 %
 * included, billed on each month's first day; returns its id. */
char      *app_test_billing_signed_lease (AppTestBilling *f,
                                          const char     *code,
                                          guint           i,
                                          const char     *customer);
/* An AppTestCondition: the Billing page has loaded. */
gboolean   app_test_billing_page_loaded (gpointer        fixture,
                                         gconstpointer   data);

G_END_DECLS
