/* usga-cli.c — `usga`, the command-line door to the same core the app uses.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gi18n.h>
#include <gio/gunixoutputstream.h>

#include "usga-cli.h"

static const struct {
  const char    *name;
  UsgaCliCommand run;
  const char    *summary;
} commands[] = {
  { "init",  usga_cli_init,  N_("Create the database and load the bundled data") },
  { "info",  usga_cli_info,  N_("Show what the database holds") },
  { "stats", usga_cli_stats, N_("Print aggregates (the numbers the charts draw)") },
  { "recommendations", usga_cli_recommendations, N_("The 109 recommendations: list, set, history, export, import") },
  { "sync",  usga_cli_sync,  N_("Bring carpetas and victims up to date from the open-data portal") },
  { "import", usga_cli_import, N_("Import carpetas or victims (CSV), corridors or UTOPIAS (GeoJSON, KML, GPX)") },
  { "export", usga_cli_export, N_("Export charts (PNG, SVG, PDF, CSV), corridors (GeoJSON) or a briefing (PDF)") },
};

int
usga_cli_error (int code, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("usga: %s\n", message);
  return code;
}

GOutputStream *
usga_cli_stdout (void)
{
  return g_unix_output_stream_new (1, FALSE);
}

gboolean
usga_cli_parse_options (const char *parameter, const GOptionEntry *entries, gboolean filters,
                        int *argc, char ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (filters)
    g_option_context_add_group (context, usga_cli_filter_options ());
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      usga_cli_error (USGA_EXIT_USAGE, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* A command that writes checks the whole file first, so nothing is added to a damaged one (a few
 * seconds at 2.1 M carpetas, next to an import or sync that takes longer anyway). */
static UsgaDb *
open_db (UsgaCliContext *ctx, UsgaDbOpenFlags flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = usga_db_open (ctx->db_path, USGA_DB_OPEN_NO_CREATE | flags, &error);

  if (db == NULL)
    {
      usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
      return NULL;
    }
  if (!usga_db_is_populated (db))
    {
      usga_cli_error (USGA_EXIT_FAILURE, _("The database “%s” is empty. Run “usga init” first."), ctx->db_path);
      return NULL;
    }
  return g_steal_pointer (&db);
}

UsgaDb *
usga_cli_open_db (UsgaCliContext *ctx, gboolean writable)
{
  return open_db (ctx, writable ? USGA_DB_OPEN_VERIFY : USGA_DB_OPEN_READONLY);
}

UsgaDb *
usga_cli_open_db_verified (UsgaCliContext *ctx)
{
  return open_db (ctx, USGA_DB_OPEN_READONLY | USGA_DB_OPEN_VERIFY);
}

char *
usga_cli_setting (GSettings *settings, const char *key)
{
  static const struct {
    const char *key;
    const char *value;
  } defaults[] = {
    { "ckan-base-url", USGA_DEFAULT_CKAN_BASE_URL },
    { "ckan-carpetas-resource", USGA_DEFAULT_CARPETAS_RESOURCE },
    { "ckan-victimas-resource", USGA_DEFAULT_VICTIMAS_RESOURCE },
    { "ckan-carpetas-package", USGA_DEFAULT_CARPETAS_PACKAGE },
    { "ckan-victimas-package", USGA_DEFAULT_VICTIMAS_PACKAGE },
  };

  if (settings)
    return g_settings_get_string (settings, key);
  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    if (g_str_equal (defaults[i].key, key))
      return g_strdup (defaults[i].value);
  return NULL;
}

/* `usga export SUBJECT …`: each subject has its own options and its own implementation. */
int
usga_cli_export (UsgaCliContext *ctx, int argc, char **argv)
{
  static const struct {
    const char    *subject;
    UsgaCliCommand run;
  } subjects[] = {
    { "chart", usga_cli_export_chart },
    { "corridors", usga_cli_export_corridors },
    { "briefing", usga_cli_export_briefing },
  };

  for (int i = 1; i < argc; i++)
    for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
      if (g_str_equal (argv[i], subjects[s].subject))
        return subjects[s].run (ctx, argc, argv);
  return usga_cli_error (USGA_EXIT_USAGE, _("export what? usga export chart|corridors|briefing [OPTIONS] (see usga export chart --help)"));
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
      return commands[c].run (&ctx, argc - i, argv + i);

  return usga_cli_error (USGA_EXIT_USAGE, _("unknown command “%s” (try “usga --help”)"), argv[i]);
}
