/* app-test-util.h — what the in-process tests of the GTK application share: a
 * demo ledger in a temporary folder, a window on it and main-loop iteration
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

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

G_END_DECLS
