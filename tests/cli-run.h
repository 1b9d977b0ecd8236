/* cli-run.h — running the built parkwise-cli from a test and keeping what it printed
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test sets cli_path (from argv[1]) before running anything. */
#pragma once

#include <glib.h>
#include <sys/wait.h>

static const char *cli_path;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static inline void
run_clear (Run *run)
{
  /* cleared, since a Run may be reused from step to step */
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs parkwise-cli with the NULL-terminated arguments; returns its exit status. */
static inline int
run_cli (Run *run, ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int wait_status = 0;
  va_list ap;

  run_clear (run);
  g_ptr_array_add (args, (gpointer) cli_path);
  va_start (ap, run);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  if (g_test_verbose ())
    g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", run->status, run->out, run->err);
  return run->status;
}
