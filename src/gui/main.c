/* main.c — USGA Dashboard
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "usga-application.h"

int
main (int argc, char **argv)
{
  g_autoptr(UsgaApplication) app = NULL;

  usga_application_apply_language_setting ();
  setlocale (LC_ALL, "");
  /* Uninstalled runs and tests point at the build tree's translations. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("USGA_LOCALEDIR") ? g_getenv ("USGA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = usga_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
