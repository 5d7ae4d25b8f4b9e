/* usga-cli.c — `usga`, the command-line door to the same core the app uses.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "usga-cli.h"

/* `usga` is built twice from this file. The `usga` users run holds init, info and stats, and so
 * starts in a few milliseconds (a script may run stats hundreds of times); for the other
 * commands it executes usga-full, installed beside it, with the same arguments: built with
 * USGA_CLI_EVERY_COMMAND, it holds every command and links cairo, pango, libsoup and libpq,
 * whose loading alone took longer than a stats query. */
#define USGA_CLI_FULL "usga-full"
#ifdef USGA_CLI_EVERY_COMMAND
#define IN_FULL(run) run
#else
#define IN_FULL(run) NULL
#endif

static const struct {
  const char    *name;
  UsgaCliCommand run;       /* NULL: in usga-full */
  const char    *summary;
} commands[] = {
  { "init",  usga_cli_init,  N_("Create the database and load the bundled data") },
  { "info",  usga_cli_info,  N_("Show what the database holds") },
  { "stats", usga_cli_stats, N_("Print aggregates (the numbers the charts draw)") },
  { "hotspots", IN_FULL (usga_cli_hotspots), N_("Print the Getis-Ord Gi* hot spots by colonia (as the map and the briefing)") },
  { "recommendations", IN_FULL (usga_cli_recommendations), N_("The 109 recommendations: list, set, history, export, import") },
  { "sync",  IN_FULL (usga_cli_sync),  N_("Bring carpetas and victims up to date from the open-data portal") },
  { "import", IN_FULL (usga_cli_import), N_("Import carpetas or victims (CSV), corridors or UTOPIAS (GeoJSON, KML, GPX)") },
  { "export", IN_FULL (usga_cli_export), N_("Export charts (PNG, SVG, PDF, CSV), corridors (GeoJSON) or a briefing (PDF)") },
};

/* Replaces this process by usga-full with the same arguments; returns only on failure. */
static int
run_in_full (const char *command, char **argv)
{
  g_autofree char *helper = usga_paths_helper (USGA_CLI_FULL);

  if (helper == NULL)
    return usga_cli_error (USGA_EXIT_FAILURE, _("“usga %s” needs %s, which is missing (reinstall USGA Dashboard)"),
                           command, USGA_CLI_FULL);
  execv (helper, argv);
  return usga_cli_error (USGA_EXIT_FAILURE, _("cannot run %s: %s"), helper, g_strerror (errno));
}

static void
print_usage (void)
{
  g_print ("%s\n\n", _("Usage: usga [--db PATH] COMMAND [OPTIONS]"));
  g_print ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-22s %s\n", commands[i].name, _(commands[i].summary));
  g_print ("\n%s\n", _("Run “usga COMMAND --help” for a command’s options."));
  g_print ("%s\n", _("Language: English unless the environment asks for Spanish: LANGUAGE=es usga … "
                      "(or a Spanish LANG/LC_ALL such as es_MX.UTF-8); LANGUAGE=en for English."));
}

int
main (int argc, char **argv)
{
  g_autofree char *default_path = usga_db_default_path ();
  UsgaCliContext ctx = { default_path };
  int i = 1;

  usga_paths_init_i18n ();

  /* Global options come before the command. */
  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--db") && i + 1 < argc)
        ctx.db_path = argv[++i];
      else if (g_str_has_prefix (argv[i], "--db="))
        ctx.db_path = argv[i] + 5;
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage ();
          return 0;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          g_print ("usga %s\n", PACKAGE_VERSION);
          return 0;
        }
      else
        return usga_cli_error (USGA_EXIT_USAGE, _("unknown option “%s” (try “usga --help”)"), argv[i]);
    }

  if (i >= argc)
    {
      print_usage ();
      return USGA_EXIT_USAGE;
    }

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (g_str_equal (argv[i], commands[c].name))
      return commands[c].run ? commands[c].run (&ctx, argc - i, argv + i) : run_in_full (argv[i], argv);

  return usga_cli_error (USGA_EXIT_USAGE, _("unknown command “%s” (try “usga --help”)"), argv[i]);
}
