/* main.c — the parkwise program
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pw-application.h"
#include "pw-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PwApplication) app = NULL;

  /* the installed translations, or the build tree's when run from it */
  pw_i18n_init ();

  app = pw_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
