/* usga-cli-geo.c — `usga import FILE --kind corridors|utopias` and
 * `usga export corridors --format geojson`.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-cli.h"

gboolean
usga_cli_geo_kind (const char *kind)
{
  return g_strcmp0 (kind, "corridors") == 0 || g_strcmp0 (kind, "utopias") == 0;
}

int
usga_cli_import_geo (UsgaCliContext *ctx, const char *path, const char *kind)
{
  g_autoptr(UsgaDb) db = usga_cli_open_db (ctx, TRUE);
  g_autoptr(GError) error = NULL;
  guint n = 0;
  gboolean ok;

  if (db == NULL)
    return USGA_EXIT_FAILURE;
  if (g_str_equal (kind, "corridors"))
    ok = usga_corridors_import_file (db, path, &n, &error);
  else
    ok = usga_utopias_import_file (db, path, &n, &error);
  if (!ok)
    return usga_cli_error (USGA_EXIT_FAILURE, _("%s — nothing was imported."), error->message);
  if (g_str_equal (kind, "corridors"))
    g_print (ngettext ("Imported %u corridor from %s.\n", "Imported %u corridors from %s.\n", n), n, path);
  else
    g_print (ngettext ("Imported %u UTOPIA centre from %s.\n", "Imported %u UTOPIA centres from %s.\n", n), n, path);
  return 0;
}

int
usga_cli_export_corridors (UsgaCliContext *ctx, int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: geojson"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;
  g_autoptr(GPtrArray) corridors = NULL;
  g_autofree char *json = NULL;

  if (!usga_cli_parse_options (_("corridors — export the Safe Women’s Corridors"), entries, FALSE, &argc, &argv))
    return USGA_EXIT_USAGE;
  if (argc != 2 || !g_str_equal (argv[1], "corridors"))
    return usga_cli_error (USGA_EXIT_USAGE, _("export what? Only “corridors” can be exported"));
  if (format && !g_str_equal (format, "geojson"))
    return usga_cli_error (USGA_EXIT_USAGE, _("unknown format “%s” (geojson)"), format);
  if ((db = usga_cli_open_db (ctx, FALSE)) == NULL)
    return USGA_EXIT_FAILURE;
  if ((corridors = usga_corridors_load (db, &error)) == NULL)
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  json = usga_corridors_to_geojson (corridors);
  if (output)
    {
      if (!g_file_set_contents (output, json, -1, &error))
        return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
      g_printerr (ngettext ("Exported %u corridor to %s.\n", "Exported %u corridors to %s.\n", corridors->len),
                  corridors->len, output);
    }
  else
    g_print ("%s\n", json);
  return 0;
}
