/* usga-hotspots.c — Getis & Ord (1992), in the form ArcGIS and PySAL use:
 *   Gi* = (sum_j w_ij x_j - mean * W_i) / (S * sqrt ((n * sum_j w_ij^2 - W_i^2) / (n - 1)))
 * with W_i = sum_j w_ij, mean and S the mean and (population) standard deviation of x.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "usga-areas.h"
#include "usga-geo.h"
#include "usga-hotspots.h"
#include <gio/gio.h>
#include "usga-stats.h"
#include <glib/gi18n-lib.h>

#define EARTH_RADIUS_M 6371008.8

void
usga_gi_star (const double *x, const double *y, const double *values, guint n, double band_m, double *z)
{
  double sum = 0, sum2 = 0, mean, s;

  for (guint i = 0; i < n; i++)
    sum += values[i], sum2 += values[i] * values[i];
  mean = n ? sum / n : 0;
  s = n ? sqrt (MAX (0.0, sum2 / n - mean * mean)) : 0;

  for (guint i = 0; i < n; i++)
    {
      double wsum = 0, wx = 0, denom;

      for (guint j = 0; j < n; j++)
        {
          double dx = x[i] - x[j], dy = y[i] - y[j];
          if (dx * dx + dy * dy <= band_m * band_m)
            wsum += 1, wx += values[j];
        }
      /* Binary weights: sum w^2 = sum w. */
      denom = s * sqrt ((n * wsum - wsum * wsum) / (n - 1.0));
      z[i] = (n > 1 && denom > 0) ? (wx - mean * wsum) / denom : NAN;
    }
}

int
usga_gi_star_class (double z)
{
  double a = fabs (z);
  int k = isnan (z) ? 0 : a >= 2.576 ? 3 : a >= 1.960 ? 2 : a >= 1.645 ? 1 : 0;

  return z < 0 ? -k : k;
}

/* Sites by longitude and latitude, with their counts; z filled by sites_gi_star(). */
typedef struct {
  guint   n;
  double *lon, *lat, *values, *z;
} Sites;

static void
sites_init (Sites *s, guint n)
{
  s->n = n;
  s->lon = g_new0 (double, MAX (n, 1));
  s->lat = g_new0 (double, MAX (n, 1));
  s->values = g_new0 (double, MAX (n, 1));
  s->z = g_new0 (double, MAX (n, 1));
}

static void
sites_clear (Sites *s)
{
  g_free (s->lon);
  g_free (s->lat);
  g_free (s->values);
  g_free (s->z);
}

/* Equirectangular metres around Iztapalapa's latitude: distances of a few km in one city. */
#define LAT0 19.35

static void
sites_gi_star (Sites *s, double band_m)
{
  g_autofree double *x = g_new (double, MAX (s->n, 1));
  g_autofree double *y = g_new (double, MAX (s->n, 1));

  for (guint i = 0; i < s->n; i++)
    {
      x[i] = s->lon[i] * G_PI / 180 * EARTH_RADIUS_M * cos (LAT0 * G_PI / 180);
      y[i] = s->lat[i] * G_PI / 180 * EARTH_RADIUS_M;
    }
  usga_gi_star (x, y, s->values, s->n, band_m, s->z);
}

static void
hotspot_free (gpointer data)
{
  UsgaHotspot *h = data;

  g_free (h->name);
  g_free (h);
}

void
usga_hotspots_free (UsgaHotspots *hotspots)
{
  if (hotspots == NULL)
    return;
  g_ptr_array_unref (hotspots->sites);
  g_free (hotspots);
}

static int
compare_z_desc (gconstpointer a, gconstpointer b)
{
  const UsgaHotspot *x = *(UsgaHotspot **) a, *y = *(UsgaHotspot **) b;
  double zx = isnan (x->z) ? -INFINITY : x->z, zy = isnan (y->z) ? -INFINITY : y->z;

  return zx < zy ? 1 : zx > zy ? -1 : 0;
}

UsgaHotspots *
usga_hotspots_compute (UsgaDb *db, UsgaFilter *filter, double band_m, GError **error)
{
  g_autoptr(UsgaStats) stats = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(UsgaHotspots) result = g_new0 (UsgaHotspots, 1);
  g_autoptr(GPtrArray) areas = NULL;
  Sites sites;

  /* Every colonia takes part, a colonia with no carpetas counts 0 (unless the filter
   * is itself one area, where a statistic of spatial clustering has no meaning). */
  stats = usga_stats_query (db, filter, USGA_BY_COLONIA, error);
  if (stats == NULL)
    return NULL;
  counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  result->sites = g_ptr_array_new_with_free_func (hotspot_free);
  result->band_m = band_m;
  result->total = stats->total;
  result->estimate_rule = stats->estimate_rule;
  for (guint i = 0; i < stats->rows->len; i++)
    {
      UsgaStatRow *row = g_ptr_array_index (stats->rows, i);
      gint64 *key = g_new (gint64, 1);

      *key = g_ascii_strtoll (row->key, NULL, 10);
      g_hash_table_insert (counts, key, row);
    }

  /* Distances are between area centroids of the whole multipolygons (stored, or computed by
   * the loader for a database loaded before), the same for the map and the briefing. */
  areas = usga_areas_load (db, USGA_AREA_COLONIA, USGA_AREAS_DEFAULT, error);
  if (areas == NULL)
    return NULL;
  for (guint i = 0; i < areas->len; i++)
    {
      const UsgaArea *a = g_ptr_array_index (areas, i);
      UsgaHotspot *h = g_new0 (UsgaHotspot, 1);
      UsgaStatRow *row = g_hash_table_lookup (counts, &a->id);

      h->colonia_id = a->id;
      h->name = g_strdup (a->name);
      h->lon = a->label_lon, h->lat = a->label_lat;
      h->centre_lon = a->centre_lon, h->centre_lat = a->centre_lat;
      h->min_lon = a->min_lon, h->min_lat = a->min_lat, h->max_lon = a->max_lon, h->max_lat = a->max_lat;
      h->count = row ? row->count : 0;
      g_ptr_array_add (result->sites, h);
    }

  sites_init (&sites, result->sites->len);
  for (guint i = 0; i < sites.n; i++)
    {
      UsgaHotspot *h = g_ptr_array_index (result->sites, i);
      sites.lon[i] = h->centre_lon, sites.lat[i] = h->centre_lat, sites.values[i] = (double) h->count;
    }
  sites_gi_star (&sites, band_m);
  for (guint i = 0; i < sites.n; i++)
    {
      UsgaHotspot *h = g_ptr_array_index (result->sites, i);
      h->z = sites.z[i];
      h->klass = usga_gi_star_class (sites.z[i]);
    }
  sites_clear (&sites);
  g_ptr_array_sort (result->sites, compare_z_desc);
  return g_steal_pointer (&result);
}

const char *
usga_hotspots_rule (void)
{
  return _("Getis-Ord Gi* over every colonia’s count for the filter: binary weights, a colonia’s "
           "neighbours (itself included) are the colonias whose area centroids (of the whole "
           "multipolygon) lie within 1 km of its own; hot and cold spots at 90, 95 and 99 % "
           "(|z| ≥ 1.645, 1.960, 2.576).");
}

void
usga_hotspot_grid_free (UsgaHotspotGrid *grid)
{
  if (grid == NULL)
    return;
  for (guint i = 0; i < grid->cells->len; i++)
    g_free (g_array_index (grid->cells, UsgaHotspotCell, i).colonia);
  g_array_unref (grid->cells);
  g_free (grid);
}

UsgaHotspotGrid *
usga_hotspot_grid_compute (UsgaDb *db, const GArray *points, double cell_m, double band_m, GError **error)
{
  g_autoptr(UsgaAreaIndex) colonias = usga_area_index_load (db, USGA_AREA_COLONIA, error);
  g_autoptr(UsgaHotspotGrid) grid = NULL;
  g_autofree int *cell_at = NULL;  /* grid position -> index in grid->cells, or -1 */
  double dlon, dlat;
  double min_lon = G_MAXDOUBLE, min_lat = G_MAXDOUBLE, max_lon = -G_MAXDOUBLE, max_lat = -G_MAXDOUBLE;
  Sites sites;
  guint nx, ny;

  g_return_val_if_fail (cell_m > 0, NULL);
  if (colonias == NULL)
    return NULL;
  grid = g_new0 (UsgaHotspotGrid, 1);
  grid->cells = g_array_new (FALSE, FALSE, sizeof (UsgaHotspotCell));
  grid->cell_m = cell_m;
  grid->band_m = band_m;
  for (guint i = 0; i < usga_area_index_size (colonias); i++)
    {
      const UsgaGeometry *g = usga_area_index_get (colonias, i)->geometry;
      min_lon = MIN (min_lon, g->min_lon), max_lon = MAX (max_lon, g->max_lon);
      min_lat = MIN (min_lat, g->min_lat), max_lat = MAX (max_lat, g->max_lat);
    }
  if (usga_area_index_size (colonias) == 0)
    return g_steal_pointer (&grid);

  /* Cells of @cell_m in the same equirectangular metres the statistic uses. */
  dlon = cell_m / (G_PI / 180 * EARTH_RADIUS_M * cos (LAT0 * G_PI / 180));
  dlat = cell_m / (G_PI / 180 * EARTH_RADIUS_M);
  nx = (guint) ceil ((max_lon - min_lon) / dlon);
  ny = (guint) ceil ((max_lat - min_lat) / dlat);
  cell_at = g_new (int, (gsize) nx * ny);
  for (guint j = 0; j < ny; j++)
    for (guint i = 0; i < nx; i++)
      {
        UsgaHotspotCell c = { 0 };
        const UsgaArea *area;

        c.min_lon = min_lon + i * dlon, c.max_lon = c.min_lon + dlon;
        c.min_lat = min_lat + j * dlat, c.max_lat = c.min_lat + dlat;
        c.lon = (c.min_lon + c.max_lon) / 2, c.lat = (c.min_lat + c.max_lat) / 2;
        area = usga_area_index_find (colonias, c.lon, c.lat);
        cell_at[j * nx + i] = area ? (int) grid->cells->len : -1;
        if (area)
          {
            c.colonia = g_strdup (area->name);
            g_array_append_val (grid->cells, c);
          }
      }

  for (guint p = 0; points && p < points->len; p++)
    {
      const UsgaLonLat *ll = &g_array_index (points, UsgaLonLat, p);
      double fi = (ll->lon - min_lon) / dlon, fj = (ll->lat - min_lat) / dlat;
      int k;

      if (fi < 0 || fj < 0 || fi >= nx || fj >= ny)
        continue;
      k = cell_at[(guint) fj * nx + (guint) fi];
      if (k >= 0)
        {
          g_array_index (grid->cells, UsgaHotspotCell, k).count++;
          grid->total++;
        }
    }

  sites_init (&sites, grid->cells->len);
  for (guint i = 0; i < sites.n; i++)
    {
      const UsgaHotspotCell *c = &g_array_index (grid->cells, UsgaHotspotCell, i);
      sites.lon[i] = c->lon, sites.lat[i] = c->lat, sites.values[i] = (double) c->count;
    }
  sites_gi_star (&sites, band_m);
  for (guint i = 0; i < sites.n; i++)
    {
      UsgaHotspotCell *c = &g_array_index (grid->cells, UsgaHotspotCell, i);
      c->z = sites.z[i];
      c->klass = usga_gi_star_class (sites.z[i]);
    }
  sites_clear (&sites);
  return g_steal_pointer (&grid);
}
