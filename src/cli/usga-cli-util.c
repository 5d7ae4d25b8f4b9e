/* usga-cli-util.c — what every command shares: errors, stdout, option parsing, opening the
 * database.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <gio/gunixoutputstream.h>

#include "usga-cli.h"

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
