/* main.c — USGA Dashboard
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-application.h"
#include "usga-paths.h"

int
main (int argc, char **argv)
{
  g_autoptr(UsgaApplication) app = NULL;

  /* Run from the build tree, the app reads the schema compiled there (set before any GSettings). */
  if (usga_paths_uninstalled_schema_dir () && g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", usga_paths_uninstalled_schema_dir (), TRUE);
  usga_application_apply_language_setting ();
  usga_paths_init_i18n ();

  app = usga_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
