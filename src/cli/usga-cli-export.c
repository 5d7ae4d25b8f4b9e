/* usga-cli-export.c — `usga export chart`: the Trends charts rendered headless with the
 * same drawing routines as the app (no display needed).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-chart-build.h"
#include "usga-cli.h"

int
usga_cli_export_chart (UsgaCliContext *ctx, int argc, char **argv)
{
  g_autofree char *view_name = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *out = NULL;
  g_autofree char *by = NULL;
  g_autofree char *rate = NULL;
  gboolean moving_average = FALSE, dark = FALSE;
  int width = 1200, height = 560;
  const GOptionEntry entries[] = {
    { "view", 0, 0, G_OPTION_ARG_STRING, &view_name,
      N_("trends (default), ranking, heatmap, victims, or page for every Trends chart"), N_("VIEW") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("png, svg, pdf or csv (default: from --out)"), N_("FORMAT") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("File to write"), N_("FILE") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Time series granularity: month (default), quarter or year"), N_("GROUP") },
    { "rate", 0, 0, G_OPTION_ARG_STRING, &rate, N_("Show rates: per100k"), N_("RATE") },
    { "moving-average", 0, 0, G_OPTION_ARG_NONE, &moving_average, N_("Add the 3-month moving average (monthly series)"), NULL },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Dark colours"), NULL },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width of each chart in pixels or points"), N_("N") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height of each chart"), N_("N") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(GPtrArray) models = NULL;
  UsgaChartOptions options = { USGA_BY_MONTH, FALSE, FALSE, FALSE };
  UsgaExportFormat format;
  UsgaChartSubject view = USGA_VIEW_TRENDS;
  gboolean whole_page = FALSE;
  int rc;

  if (!usga_cli_parse_options (_("chart — render charts to PNG, SVG, PDF or CSV"), entries, TRUE, &argc, &argv))
    return USGA_EXIT_USAGE;
  if (argc < 2 || !g_str_equal (argv[1], "chart"))
    return usga_cli_error (USGA_EXIT_USAGE, _("export needs a subject: usga export chart --out FILE"));
  if (argc > 2)
    return usga_cli_error (USGA_EXIT_USAGE, _("unexpected argument “%s”"), argv[2]);
  if (out == NULL)
    return usga_cli_error (USGA_EXIT_USAGE, _("export chart needs --out FILE"));
  if (format_name == NULL)
    {
      const char *dot = strrchr (out, '.');
      format_name = g_strdup (dot ? dot + 1 : "");
    }
  if (!usga_export_format_from_string (format_name, &format))
    return usga_cli_error (USGA_EXIT_USAGE, _("--format: unknown format “%s” (png, svg, pdf, csv)"), format_name);
  if (view_name && g_str_equal (view_name, "page"))
    whole_page = TRUE;
  else if (view_name && (!usga_chart_subject_from_string (view_name, &view) || view == USGA_VIEW_KPI_SPARKLINES))
    return usga_cli_error (USGA_EXIT_USAGE, _("--view: unknown view “%s” (trends, ranking, heatmap, victims, page)"), view_name);
  if (by && (!usga_group_by_from_string (by, &options.granularity) ||
             (options.granularity != USGA_BY_MONTH && options.granularity != USGA_BY_QUARTER &&
              options.granularity != USGA_BY_YEAR)))
    return usga_cli_error (USGA_EXIT_USAGE, _("--by: unknown granularity “%s” (month, quarter, year)"), by);
  if (rate && !g_str_equal (rate, "per100k"))
    return usga_cli_error (USGA_EXIT_USAGE, _("--rate: unknown rate “%s” (per100k)"), rate);
  if (width < 200 || width > 8000 || height < 150 || height > 8000)
    return usga_cli_error (USGA_EXIT_USAGE, _("--width and --height must be between 200 and 8000"));
  options.rates = rate != NULL;
  options.moving_average = moving_average;
  options.dark = dark;

  if ((rc = usga_cli_open_filtered (ctx, filter, &db)) != 0)
    return rc;

  if (whole_page)
    models = usga_chart_build_trends_page (db, filter, &options, &error);
  else
    {
      UsgaChartModel *m = usga_chart_build (db, filter, view, &options, &error);
      if (m)
        {
          models = g_ptr_array_new_with_free_func ((GDestroyNotify) usga_chart_model_free);
          g_ptr_array_add (models, m);
        }
    }
  if (models == NULL)
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  if (!usga_chart_export (models, format, out, width, height, &error))
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  return 0;
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
