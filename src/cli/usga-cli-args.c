/* usga-cli-args.c — the argument checks several commands share: no stray arguments, the
 * csv/json choice, and opening the database with the filter options applied.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-cli.h"

gboolean
usga_cli_parse_no_arguments (const char *parameter, const GOptionEntry *entries, gboolean filters,
                             int *argc, char ***argv)
{
  if (!usga_cli_parse_options (parameter, entries, filters, argc, argv))
    return FALSE;
  if (*argc > 1)
    {
      usga_cli_error (USGA_EXIT_USAGE, _("unexpected argument “%s”"), (*argv)[1]);
      return FALSE;
    }
  return TRUE;
}

gboolean
usga_cli_format_is_json (const char *format, gboolean *json)
{
  if (format && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    {
      usga_cli_error (USGA_EXIT_USAGE, _("--format: unknown format “%s” (csv, json)"), format);
      return FALSE;
    }
  *json = format && g_str_equal (format, "json");
  return TRUE;
}

int
usga_cli_open_filtered (UsgaCliContext *ctx, UsgaFilter *filter, UsgaDb **db)
{
  if ((*db = usga_cli_open_db (ctx, FALSE)) == NULL)
    return USGA_EXIT_FAILURE;
  /* A filter option that names nothing in the database is a bad argument. */
  if (!usga_cli_filter_build (*db, filter))
    return USGA_EXIT_USAGE;
  return 0;
}
