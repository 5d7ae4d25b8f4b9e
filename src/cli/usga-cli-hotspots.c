/* usga-cli-hotspots.c — `usga hotspots`: the Gi* classes the map and the briefing show.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "usga-cli.h"
#include "usga-csv.h"
#include "usga-hotspots.h"

/* The map page's and the briefing's distance band. */
#define BAND_M 1000.0

static void
write_json (UsgaHotspots *h, GString *s)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  usga_json_add_double (b, "band_m", h->band_m);
  usga_json_add_int (b, "total", h->total);
  usga_json_add_string (b, "rule", usga_hotspots_rule ());
  if (h->estimate_rule)
    {
      usga_json_add_string (b, "estimate_rule", h->estimate_rule);
    }
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (guint i = 0; i < h->sites->len; i++)
    {
      const UsgaHotspot *site = g_ptr_array_index (h->sites, i);

      json_builder_begin_object (b);
      usga_json_add_int (b, "colonia", site->colonia_id);
      usga_json_add_string (b, "label", site->name);
      usga_json_add_int (b, "count", site->count);
      usga_json_add_rounded (b, "z", site->z, 1e4);
      usga_json_add_int (b, "class", site->klass);
      usga_json_add_double (b, "centroid_lon", site->centre_lon);
      usga_json_add_double (b, "centroid_lat", site->centre_lat);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  usga_json_append_pretty (s, b);
}

static void
write_csv (UsgaHotspots *h, GString *s)
{
  g_string_append (s, "colonia,label,count,z,class\n");
  for (guint i = 0; i < h->sites->len; i++)
    {
      const UsgaHotspot *site = g_ptr_array_index (h->sites, i);
      char z[G_ASCII_DTOSTR_BUF_SIZE] = "";

      if (!isnan (site->z))
        g_ascii_formatd (z, sizeof z, "%.4f", site->z);
      g_string_append_printf (s, "%" G_GINT64_FORMAT ",", site->colonia_id);
      usga_csv_append_field (s, site->name);
      g_string_append_printf (s, ",%" G_GINT64_FORMAT ",%s,%d\n", site->count, z, site->klass);
    }
}

int
usga_cli_hotspots (UsgaCliContext *ctx, int argc, char **argv)
{
  g_autofree char *format = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: csv (default) or json"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(UsgaHotspots) hotspots = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GString) s = g_string_new (NULL);
  gboolean json;
  int rc;

  if (!usga_cli_parse_no_arguments (_("— Getis-Ord Gi* hot spots by colonia"), entries, TRUE, &argc, &argv) ||
      !usga_cli_format_is_json (format, &json))
    return USGA_EXIT_USAGE;
  if ((rc = usga_cli_open_filtered (ctx, filter, &db)) != 0)
    return rc;
  if (usga_filter_get_area_level (filter) != USGA_AREA_LEVEL_ALCALDIA)
    return usga_cli_error (USGA_EXIT_USAGE, _("hot spots compare colonias across the whole alcaldía: leave out --colonia and --area"));

  hotspots = usga_hotspots_compute (db, filter, BAND_M, &error);
  if (hotspots == NULL)
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  if (json)
    write_json (hotspots, s);
  else
    write_csv (hotspots, s);
  out = usga_cli_stdout ();
  if (!g_output_stream_write_all (out, s->str, s->len, NULL, NULL, &error))
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  if (hotspots->estimate_rule)
    g_printerr (_("usga: note: %s\n"), hotspots->estimate_rule);
  return 0;
}
