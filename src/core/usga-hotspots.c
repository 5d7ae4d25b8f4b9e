/* usga-hotspots.c — Getis & Ord (1992), in the form ArcGIS and PySAL use:
 *   Gi* = (sum_j w_ij x_j - mean * W_i) / (S * sqrt ((n * sum_j w_ij^2 - W_i^2) / (n - 1)))
 * with W_i = sum_j w_ij, mean and S the mean and (population) standard deviation of x.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "usga-hotspots.h"
#include <gio/gio.h>
#include "usga-stats.h"

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
  g_autofree double *x = NULL, *y = NULL, *values = NULL, *z = NULL;
  sqlite3_stmt *stmt;
  double lat0 = 19.35;
  guint n;
  int rc;

  /* Every colonia takes part, a colonia with no carpetas counts 0 (unless the filter
   * is itself one area, where a statistic of spatial clustering has no meaning). */
  stats = usga_stats_query (db, filter, USGA_BY_COLONIA, error);
  if (stats == NULL)
    return NULL;
  counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  result->sites = g_ptr_array_new_with_free_func (hotspot_free);
  result->band_m = band_m;
  result->total = stats->total;
  for (guint i = 0; i < stats->rows->len; i++)
    {
      UsgaStatRow *row = g_ptr_array_index (stats->rows, i);
      gint64 *key = g_new (gint64, 1);

      *key = g_ascii_strtoll (row->key, NULL, 10);
      g_hash_table_insert (counts, key, row);
    }

  stmt = usga_db_prepare (db, "SELECT id, name, label_lon, label_lat, min_lon, min_lat, max_lon, max_lat"
                              " FROM colonia ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UsgaHotspot *h = g_new0 (UsgaHotspot, 1);
      gint64 id = sqlite3_column_int64 (stmt, 0);
      UsgaStatRow *row = g_hash_table_lookup (counts, &id);

      h->colonia_id = id;
      h->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      h->lon = sqlite3_column_double (stmt, 2);
      h->lat = sqlite3_column_double (stmt, 3);
      h->min_lon = sqlite3_column_double (stmt, 4);
      h->min_lat = sqlite3_column_double (stmt, 5);
      h->max_lon = sqlite3_column_double (stmt, 6);
      h->max_lat = sqlite3_column_double (stmt, 7);
      h->count = row ? row->count : 0;
      g_ptr_array_add (result->sites, h);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return usga_db_fail (db, rc, "colonias", error), NULL;

  n = result->sites->len;
  x = g_new (double, MAX (n, 1));
  y = g_new (double, MAX (n, 1));
  values = g_new (double, MAX (n, 1));
  z = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      UsgaHotspot *h = g_ptr_array_index (result->sites, i);
      /* Equirectangular metres: distances of a few km in one city. */
      x[i] = h->lon * G_PI / 180 * EARTH_RADIUS_M * cos (lat0 * G_PI / 180);
      y[i] = h->lat * G_PI / 180 * EARTH_RADIUS_M;
      values[i] = (double) h->count;
    }
  usga_gi_star (x, y, values, n, band_m, z);
  for (guint i = 0; i < n; i++)
    {
      UsgaHotspot *h = g_ptr_array_index (result->sites, i);
      h->z = z[i];
      h->klass = usga_gi_star_class (z[i]);
    }
  g_ptr_array_sort (result->sites, compare_z_desc);
  return g_steal_pointer (&result);
}
