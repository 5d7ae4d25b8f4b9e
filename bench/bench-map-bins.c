/* bench-map-bins.c — re-binning and redrawing 300 000 incident points per viewport change,
 * the work UsgaBinLayer does in each snapshot (usga_bin_draw: cull, hexagon binning, cairo
 * fill of the cells, or dots at street zoom), into a 1366x768 surface. Prints figures; it is
 * not a test and asserts nothing.
 *
 *   bench-map-bins [--db PATH] [--points N] [--frames N]
 *
 * With --db, the carpetas with coordinates in that database are replicated with ~200 m of
 * jitter up to N points (Iztapalapa's full history scale); without it, points are drawn
 * from clusters over Iztapalapa's extent.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "usga-bin-layer.h"
#include "usga-core.h"

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static GArray *
make_points (const char *db_path, guint n)
{
  GArray *points = g_array_sized_new (FALSE, FALSE, sizeof (UsgaLonLat), n);
  g_autoptr(GArray) seed = g_array_new (FALSE, FALSE, sizeof (UsgaLonLat));
  GRand *rand = g_rand_new_with_seed (20240101);

  if (db_path)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(UsgaDb) db = usga_db_open (db_path, USGA_DB_OPEN_READONLY | USGA_DB_OPEN_NO_CREATE, &error);
      g_autoptr(UsgaFilter) filter = usga_filter_new ();

      if (db == NULL || !usga_stats_points (db, filter, seed, &error))
        g_error ("%s", error->message);
    }
  if (seed->len == 0)
    {
      /* Forty clusters of varied spread over the alcaldía's extent. */
      for (int c = 0; c < 40; c++)
        {
          UsgaLonLat p = { -99.13 + g_rand_double (rand) * 0.17, 19.29 + g_rand_double (rand) * 0.11 };
          g_array_append_val (seed, p);
        }
    }
  while (points->len < n)
    {
      const UsgaLonLat *s = &g_array_index (seed, UsgaLonLat, g_rand_int_range (rand, 0, seed->len));
      double spread = db_path ? 0.002 : 0.004 + 0.01 * g_rand_double (rand);
      UsgaLonLat p = { s->lon + (g_rand_double (rand) - 0.5) * spread, s->lat + (g_rand_double (rand) - 0.5) * spread };
      g_array_append_val (points, p);
    }
  g_rand_free (rand);
  return points;
}

int
main (int argc, char **argv)
{
  g_autofree char *db_path = NULL;
  int n_points = 300000, n_frames = 200;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Replicate the carpetas of this database", "PATH" },
    { "points", 0, 0, G_OPTION_ARG_INT, &n_points, "Number of points (300000)", "N" },
    { "frames", 0, 0, G_OPTION_ARG_INT, &n_frames, "Viewport changes to time (200)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— hexagon binning benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) lonlat = NULL;
  g_autoptr(UsgaBinPoints) points = NULL;
  g_autofree double *ms = NULL;
  g_autofree double *ms_dots = NULL;
  int n_dots = 0;
  cairo_surface_t *surface;
  struct rusage usage;
  g_autofree char *load = NULL;
  gint64 t0;
  double project_ms, total = 0;
  guint bins_total = 0;
  const int width = 1366, height = 768;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  lonlat = make_points (db_path, (guint) n_points);
  t0 = g_get_monotonic_time ();
  points = usga_bin_points_new_from_lonlat (lonlat);
  project_ms = (g_get_monotonic_time () - t0) / 1000.0;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  ms = g_new (double, n_frames);
  ms_dots = g_new (double, n_frames);
  for (int f = 0; f < n_frames; f++)
    {
      /* A tour: pans around the alcaldía while zooming in and out between 11 and 17. */
      UsgaMapTransform t;
      double zoom = 11 + 3 * (1 - cos (f * 0.07)) + 0.37 * (f % 3), lon, lat;
      guint max = 0;
      gboolean dots = FALSE;
      cairo_t *cr;

      lon = -99.06 + 0.04 * sin (f * 0.13);
      lat = 19.35 + 0.025 * cos (f * 0.11);
      usga_mercator_project (lon, lat, &t.cx, &t.cy);
      t.zoom = MIN (zoom, 17);
      t.scale = 256 * pow (2, t.zoom);
      t.half_w = width / 2.0;
      t.half_h = height / 2.0;

      t0 = g_get_monotonic_time ();
      cr = cairo_create (surface);
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      bins_total += usga_bin_draw (points, &t, cr, width, height, &max, &dots);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      ms[f] = (g_get_monotonic_time () - t0) / 1000.0;
      total += ms[f];
      if (dots)
        ms_dots[n_dots++] = ms[f];
    }
  qsort (ms, n_frames, sizeof (double), compare_double);
  qsort (ms_dots, n_dots, sizeof (double), compare_double);
  getrusage (RUSAGE_SELF, &usage);
  if (!g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
    load = g_strdup ("unknown\n");

  g_print ("points:            %d (%s)\n", n_points, db_path ? "bundled carpetas replicated with jitter" : "synthetic clusters");
  g_print ("projection once:   %.1f ms\n", project_ms);
  g_print ("point storage:     %.1f MB (2 doubles per point)\n", points->n * 2 * sizeof (double) / 1048576.0);
  g_print ("viewport changes:  %d at 1366x768, zoom 11-17\n", n_frames);
  g_print ("re-bin + redraw:   median %.2f ms, p95 %.2f ms, max %.2f ms, mean %.2f ms\n",
           ms[n_frames / 2], ms[(int) (n_frames * 0.95)], ms[n_frames - 1], total / n_frames);
  if (n_dots > 0)
    g_print ("  of which dots:   %d frames at zoom >= %d, median %.2f ms, max %.2f ms\n",
             n_dots, USGA_BIN_POINTS_ZOOM, ms_dots[n_dots / 2], ms_dots[n_dots - 1]);
  g_print ("load average:      %s", load);
  g_print ("cells drawn:       %.0f per frame on average\n", (double) bins_total / n_frames);
  g_print ("budget:            %s (16 ms per frame, p95)\n", ms[(int) (n_frames * 0.95)] < 16 ? "met" : "NOT met");
  g_print ("peak RSS:          %.1f MB\n", usage.ru_maxrss / 1024.0);
  cairo_surface_destroy (surface);
  return 0;
}
