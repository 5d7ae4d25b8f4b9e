/* test-map.c — the map's core: projection, hexagonal binning, Getis-Ord Gi*, the corridor
 * and UTOPIAS importers (good and bad files), export, and edits that persist.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "usga-core.h"
#include "usga-test-util.h"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "geo", name, NULL);
}

/* --- projection --------------------------------------------------------- */

static void
test_mercator (void)
{
  double x, y, lon, lat;

  /* Origin and the tile corner conventions slippy maps use. */
  usga_mercator_project (0, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0.5, 1e-12);
  usga_mercator_project (-180, 85.05112878, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 0.0, 1e-7);
  /* Iztapalapa's centre is in slippy tiles 12/920/1823 and 16/14734/29175 (the OSM wiki's
   * formula y = (1 - asinh (tan lat) / pi) / 2, computed separately). */
  usga_mercator_project (-99.06, 19.355, &x, &y);
  g_assert_cmpint ((int) floor (x * 4096), ==, 920);
  g_assert_cmpint ((int) floor (y * 4096), ==, 1823);
  g_assert_cmpint ((int) floor (x * 65536), ==, 14734);
  g_assert_cmpint ((int) floor (y * 65536), ==, 29175);
  g_assert_cmpfloat_with_epsilon (y, (1 - asinh (tan (19.355 * G_PI / 180)) / G_PI) / 2, 1e-12);
  usga_mercator_unproject (x, y, &lon, &lat);
  g_assert_cmpfloat_with_epsilon (lon, -99.06, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 19.355, 1e-9);
}

/* --- binning ------------------------------------------------------------ */

static void
test_hex_bins (void)
{
  g_autoptr(GArray) lonlat = g_array_new (FALSE, FALSE, sizeof (UsgaLonLat));
  g_autoptr(UsgaBinPoints) points = NULL;
  g_autoptr(GArray) bins = NULL;
  double r = usga_bin_cell_size (14, 20);
  guint total = 0, max = 0;
  GRand *rand = g_rand_new_with_seed (7);

  g_assert_cmpfloat_with_epsilon (r, 20.0 / (256 * 16384), 1e-18);
  for (int i = 0; i < 5000; i++)
    {
      UsgaLonLat p = { -99.10 + g_rand_double (rand) * 0.1, 19.30 + g_rand_double (rand) * 0.1 };
      g_array_append_val (lonlat, p);
    }
  /* Three identical points must share one bin. */
  for (int i = 0; i < 3; i++)
    {
      UsgaLonLat p = { -99.0, 19.45 };
      g_array_append_val (lonlat, p);
    }
  g_rand_free (rand);
  points = usga_bin_points_new_from_lonlat (lonlat);
  {
    double x0, y0, x1, y1;
    usga_mercator_project (-99.2, 19.5, &x0, &y0);
    usga_mercator_project (-98.9, 19.2, &x1, &y1);
    bins = usga_bin_hexagons (points, r, x0, y0, x1, y1, &max);
  }
  for (guint i = 0; i < bins->len; i++)
    total += g_array_index (bins, UsgaBin, i).count;
  g_assert_cmpuint (total, ==, 5003);
  g_assert_cmpuint (max, >=, 3);

  /* Every point lies closer to its own cell centre than to any other cell centre. */
  for (guint k = 0; k < 200; k++)
    {
      double x = points->xy[2 * k], y = points->xy[2 * k + 1], cx, cy, best = G_MAXDOUBLE;
      usga_bin_hex_center (r, x, y, &cx, &cy);
      for (guint i = 0; i < bins->len; i++)
        {
          UsgaBin *b = &g_array_index (bins, UsgaBin, i);
          best = MIN (best, hypot (b->cx - x, b->cy - y));
        }
      g_assert_cmpfloat (hypot (cx - x, cy - y), <=, best + 1e-15);
      /* ... and within the hexagon's circumradius. */
      g_assert_cmpfloat (hypot (cx - x, cy - y), <=, r * (1 + 1e-9));
    }

  /* A viewport box keeps only the points inside it. */
  {
    double x0, y0, x1, y1;
    guint in_box = 0, binned = 0;
    g_autoptr(GArray) sub = NULL;

    usga_mercator_project (-99.08, 19.38, &x0, &y0);
    usga_mercator_project (-99.04, 19.32, &x1, &y1);
    for (gsize i = 0; i < points->n; i++)
      if (points->xy[2 * i] >= x0 && points->xy[2 * i] <= x1 && points->xy[2 * i + 1] >= y0 && points->xy[2 * i + 1] <= y1)
        in_box++;
    sub = usga_bin_hexagons (points, r, x0, y0, x1, y1, NULL);
    for (guint i = 0; i < sub->len; i++)
      binned += g_array_index (sub, UsgaBin, i).count;
    g_assert_cmpuint (binned, ==, in_box);
    g_assert_cmpuint (in_box, >, 0);
    g_assert_cmpuint (in_box, <, 5003);
  }
}

/* --- Getis-Ord Gi* -------------------------------------------------------- */

static void
test_gi_star_fixture (void)
{
  /* Five sites 1 m apart on a line, band 1 m: each site's neighbourhood is itself and the
   * sites beside it. Values 1 2 3 4 10: n = 5, mean = 4, S = sqrt (130/5 - 16) = sqrt 10.
   * Site 5: W = 2, sum = 14 -> (14 - 8) / (sqrt 10 * sqrt ((5*2 - 4) / 4)) = 6 / sqrt 15.
   * Site 4: W = 3, sum = 17 -> (17 - 12) / (sqrt 10 * sqrt ((15 - 9) / 4)) = 5 / sqrt 15.
   * Site 3: W = 3, sum =  9 -> -3 / sqrt 15.  Site 2: W = 3, sum = 6 -> -6 / sqrt 15.
   * Site 1: W = 2, sum =  3 -> -5 / sqrt 15. */
  const double x[] = { 0, 1, 2, 3, 4 }, y[] = { 0, 0, 0, 0, 0 }, v[] = { 1, 2, 3, 4, 10 };
  const double expected[] = { -5, -6, -3, 5, 6 };
  double z[5];

  usga_gi_star (x, y, v, 5, 1.0, z);
  for (int i = 0; i < 5; i++)
    g_assert_cmpfloat_with_epsilon (z[i], expected[i] / sqrt (15), 1e-12);

  /* Constant values: no variance, no z-score. */
  {
    const double flat[] = { 3, 3, 3, 3, 3 };
    usga_gi_star (x, y, flat, 5, 1.0, z);
    g_assert_true (isnan (z[0]));
  }

  g_assert_cmpint (usga_gi_star_class (2.6), ==, 3);
  g_assert_cmpint (usga_gi_star_class (2.0), ==, 2);
  g_assert_cmpint (usga_gi_star_class (1.7), ==, 1);
  g_assert_cmpint (usga_gi_star_class (1.6), ==, 0);
  g_assert_cmpint (usga_gi_star_class (-1.97), ==, -2);
  g_assert_cmpint (usga_gi_star_class (NAN), ==, 0);
}

static void
test_hotspots_bundled (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaHotspots) hot = NULL;
  gint64 sum = 0;
  guint hot_99 = 0;

  usga_filter_set_period (filter, "2024-01-01", "2024-12-31");
  hot = usga_hotspots_compute (db, filter, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hot->sites->len, ==, 293);
  for (guint i = 0; i < hot->sites->len; i++)
    {
      UsgaHotspot *h = g_ptr_array_index (hot->sites, i);
      sum += h->count;
      hot_99 += h->klass == 3;
      if (i > 0)
        g_assert_cmpfloat (h->z, <=, ((UsgaHotspot *) g_ptr_array_index (hot->sites, i - 1))->z);
    }
  /* Carpetas without an identified colonia are not in any site. */
  g_assert_cmpint (sum, <=, hot->total);
  g_assert_cmpint (sum, >, hot->total * 9 / 10);
  g_assert_cmpuint (hot_99, >, 0);
}

/* The grid: equal cells over the colonias, every located carpeta in the cell that holds it,
 * and the same statistic as for the colonias. */
static void
test_hotspot_grid_bundled (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (UsgaLonLat));
  g_autoptr(UsgaHotspotGrid) grid = NULL;
  gint64 sum = 0;
  guint hot_99 = 0;

  usga_filter_set_period (filter, "2024-01-01", "2024-12-31");
  g_assert_true (usga_stats_points (db, filter, points, &error));
  grid = usga_hotspot_grid_compute (db, points, 500, 750, &error);
  g_assert_no_error (error);
  /* Iztapalapa is about 117 km²: some 470 cells of a quarter of a km². */
  g_assert_cmpuint (grid->cells->len, >, 380);
  g_assert_cmpuint (grid->cells->len, <, 560);
  for (guint i = 0; i < grid->cells->len; i++)
    {
      const UsgaHotspotCell *c = &g_array_index (grid->cells, UsgaHotspotCell, i);

      sum += c->count;
      hot_99 += c->klass == 3;
      g_assert_nonnull (c->colonia);
      g_assert_cmpfloat_with_epsilon ((c->max_lat - c->min_lat) * 111195, 500, 1);
      g_assert_cmpint (c->klass, ==, usga_gi_star_class (c->z));
    }
  g_assert_cmpint (sum, ==, grid->total);
  /* Only carpetas in edge cells whose centre is outside the colonias are left out. */
  g_assert_cmpint (sum, <=, (gint64) points->len);
  g_assert_cmpint (sum, >, (gint64) points->len * 9 / 10);
  g_assert_cmpuint (hot_99, >, 0);
}

/* --- importers ---------------------------------------------------------- */

static gint64
count_rows (UsgaDb *db, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  return usga_db_query_int (db, sql, -1);
}

static void
test_import_corridors_good (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  const char *files[] = { "corridors-good.geojson", "corridor-good.kml", "corridor-good.gpx" };
  const guint expected[] = { 2, 1, 1 };
  g_autoptr(GPtrArray) corridors = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = fixture (files[i]);
      guint n = 0;
      g_assert_true (usga_corridors_import_file (db, path, &n, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, expected[i]);
    }
  corridors = usga_corridors_load (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (corridors->len, ==, 4);
  {
    UsgaCorridor *c = g_ptr_array_index (corridors, 0);
    g_assert_cmpstr (c->name, ==, "Sendero Seguro Ermita");
    g_assert_true (c->lighting);
    g_assert_cmpint (c->cameras, ==, 12);
    g_assert_cmpint (c->emergency_buttons, ==, 4);
    g_assert_cmpstr (c->built, ==, "2023-05-10");
    /* Haversine of the two segments, about 0.005° of longitude each at 19.36° N. */
    g_assert_cmpfloat (fabs (c->length_m - 1055.0), <, 2.0);
    g_assert_cmpint (c->colonia_id, >, 0);
  }
  {
    UsgaCorridor *c = g_ptr_array_index (corridors, 1);
    g_assert_cmpstr (c->name, ==, "Camino Mujeres Libres Cabeza de Juárez");
    g_assert_cmpuint (usga_geometry_n_rings (c->geometry), ==, 2);
    g_assert_true (c->lighting);
    g_assert_cmpint (c->cameras, ==, 3);
  }
  {
    UsgaCorridor *kml = g_ptr_array_index (corridors, 2), *gpx = g_ptr_array_index (corridors, 3);
    g_assert_cmpstr (kml->name, ==, "Sendero Seguro Santa Cruz Meyehualco");
    g_assert_cmpint (kml->cameras, ==, 6);
    g_assert_cmpstr (kml->built, ==, "2022-11-01");
    g_assert_cmpstr (kml->origin, ==, "kml");
    g_assert_cmpuint (kml->geometry->points->len, ==, 3);
    g_assert_cmpstr (gpx->name, ==, "Camino Seguro Tezonco");
    g_assert_cmpstr (gpx->origin, ==, "gpx");
    g_assert_cmpuint (gpx->geometry->points->len, ==, 3);
  }

  /* Export, then import the export: the same corridors come back. */
  {
    g_autofree char *json = usga_corridors_to_geojson (corridors);
    g_autofree char *dir = usga_test_tmpdir ();
    g_autofree char *path = g_build_filename (dir, "export.geojson", NULL);
    g_autoptr(GPtrArray) again = NULL;

    g_assert_true (g_file_set_contents (path, json, -1, NULL));
    again = usga_corridors_parse_file (path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (again->len, ==, 4);
    for (guint i = 0; i < 4; i++)
      {
        UsgaCorridor *a = g_ptr_array_index (corridors, i), *b = g_ptr_array_index (again, i);
        g_assert_cmpstr (a->name, ==, b->name);
        g_assert_cmpint (a->cameras, ==, b->cameras);
        g_assert_cmpuint (a->geometry->points->len, ==, b->geometry->points->len);
        g_assert_cmpfloat (fabs (usga_geometry_length_m (b->geometry) - a->length_m), <, 0.01);
      }
  }
}

static void
test_import_corridors_bad (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  const struct { const char *file; int code; const char *needle; } cases[] = {
    { "corridors-malformed.geojson", USGA_GEO_IMPORT_ERROR_MALFORMED, "not valid JSON" },
    { "corridors-point.geojson", USGA_GEO_IMPORT_ERROR_GEOMETRY, "feature 2 is a Point" },
    { "corridors-outside.geojson", USGA_GEO_IMPORT_ERROR_OUTSIDE, "outside Mexico City" },
    { "corridor-bad.kml", USGA_GEO_IMPORT_ERROR_MALFORMED, "not valid KML" },
    { "waypoints-only.gpx", USGA_GEO_IMPORT_ERROR_GEOMETRY, "Point" },
    { "no-such-file.geojson", USGA_GEO_IMPORT_ERROR_READ, "cannot be read" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = fixture (cases[i].file);
      g_autoptr(GError) error = NULL;
      guint n = 99;

      g_assert_false (usga_corridors_import_file (db, path, &n, &error));
      g_assert_error (error, USGA_GEO_IMPORT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].file));
      g_assert_nonnull (strstr (error->message, cases[i].needle));
      g_assert_cmpuint (n, ==, 0);
      /* The good first feature of the file was not kept either. */
      g_assert_cmpint (count_rows (db, "corridor"), ==, 0);
    }

  /* A huge file is refused before it is read. */
  {
    g_autofree char *dir = usga_test_tmpdir ();
    g_autofree char *path = g_build_filename (dir, "huge.geojson", NULL);
    g_autoptr(GError) error = NULL;
    FILE *f = fopen (path, "w");

    g_assert_nonnull (f);
    g_assert_cmpint (fseek (f, USGA_GEO_IMPORT_MAX_BYTES + 1, SEEK_SET), ==, 0);
    fputc ('}', f);
    fclose (f);
    g_assert_false (usga_corridors_import_file (db, path, NULL, &error));
    g_assert_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "huge.geojson"));
  }
}

static void
test_import_utopias (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autofree char *good = fixture ("utopias-good.geojson");
  g_autofree char *bad = fixture ("utopias-line.geojson");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 before = count_rows (db, "utopia");
  UsgaUtopia *found = NULL;
  guint n = 0;

  g_assert_cmpint (before, ==, 15);
  g_assert_false (usga_utopias_import_file (db, bad, &n, &error));
  g_assert_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_GEOMETRY);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (db, "utopia"), ==, before);

  g_assert_true (usga_utopias_import_file (db, good, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  /* Importing the same file again updates the centre instead of duplicating it. */
  g_assert_true (usga_utopias_import_file (db, good, &n, &error));
  g_assert_cmpint (count_rows (db, "utopia"), ==, before + 1);
  list = usga_utopias_load (db, &error);
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (((UsgaUtopia *) g_ptr_array_index (list, i))->name, "Utopía Nueva Prueba"))
      found = g_ptr_array_index (list, i);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->status, ==, "planned");
  g_assert_cmpstr (found->opened, ==, "2025-03-01");
  g_assert_cmpstr (found->services, ==, "alberca, biblioteca, consultorio");
  g_assert_cmpint (found->colonia_id, >, 0);
}

/* --- editing persists --------------------------------------------------- */

static void
test_edit_persistence (void)
{
  g_autofree char *path = NULL;
  g_autoptr(UsgaDb) db = usga_test_bundled_db (&path);
  g_autoptr(UsgaCorridor) c = usga_corridor_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) corridors = NULL;
  g_autoptr(GPtrArray) utopias = NULL;
  UsgaLonLat line[] = { { -99.0600, 19.3500 }, { -99.0580, 19.3510 } };
  UsgaUtopia *u;
  gint64 id, utopia_id;
  double old_lat;

  /* Drawing: two clicks, then a third vertex, then the attributes. */
  c->name = g_strdup ("Drawn corridor");
  c->geometry = usga_geometry_new (USGA_GEOMETRY_LINES);
  usga_geometry_add_part (c->geometry, line, 2);
  usga_geometry_close (c->geometry);
  g_assert_true (usga_corridor_save (db, c, &error));
  g_assert_no_error (error);
  id = c->id;
  g_assert_cmpint (id, >, 0);
  {
    UsgaLonLat p = { -99.0560, 19.3525 };
    g_array_append_val (c->geometry->points, p);
    /* Dragging the first vertex. */
    g_array_index (c->geometry->points, UsgaLonLat, 0).lat = 19.3495;
    g_array_index (c->geometry->ring_start, guint, 1) = c->geometry->points->len;
  }
  c->cameras = 5;
  c->lighting = TRUE;
  g_free (c->built);
  c->built = g_strdup ("2024-02-29");
  g_assert_true (usga_corridor_save (db, c, &error));
  g_assert_cmpint (c->id, ==, id);

  /* A bad edit is refused and leaves the stored row alone. */
  {
    g_autoptr(UsgaCorridor) bad = usga_corridor_new ();
    UsgaLonLat far[] = { { -99.06, 19.35 }, { -90.0, 21.0 } };
    bad->id = id;
    bad->name = g_strdup ("Moved to Yucatán");
    bad->geometry = usga_geometry_new (USGA_GEOMETRY_LINES);
    usga_geometry_add_part (bad->geometry, far, 2);
    usga_geometry_close (bad->geometry);
    g_assert_false (usga_corridor_save (db, bad, &error));
    g_assert_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_OUTSIDE);
    g_clear_error (&error);
  }

  utopias = usga_utopias_load (db, &error);
  u = g_ptr_array_index (utopias, 0);
  utopia_id = u->id;
  old_lat = u->lat;
  u->lat += 0.001;
  g_free (u->status);
  u->status = g_strdup ("construction");
  g_assert_true (usga_utopia_save (db, u, &error));
  g_assert_no_error (error);
  g_free (u->status);
  u->status = g_strdup ("demolished");
  g_assert_false (usga_utopia_save (db, u, &error));
  g_clear_error (&error);
  g_clear_pointer (&utopias, g_ptr_array_unref);

  /* Reopen the file: the edits are there. */
  g_clear_pointer (&db, usga_db_close);
  db = usga_db_open (path, USGA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  corridors = usga_corridors_load (db, &error);
  g_assert_cmpuint (corridors->len, ==, 1);
  g_clear_pointer (&c, usga_corridor_free);
  {
    UsgaCorridor *saved = g_ptr_array_index (corridors, 0);
    g_assert_cmpstr (saved->name, ==, "Drawn corridor");
    g_assert_cmpuint (saved->geometry->points->len, ==, 3);
    g_assert_cmpfloat_with_epsilon (g_array_index (saved->geometry->points, UsgaLonLat, 0).lat, 19.3495, 1e-7);
    g_assert_cmpint (saved->cameras, ==, 5);
    g_assert_true (saved->lighting);
    g_assert_cmpstr (saved->built, ==, "2024-02-29");
    g_assert_cmpfloat (saved->length_m, >, 400);
  }
  utopias = usga_utopias_load (db, &error);
  for (guint i = 0; i < utopias->len; i++)
    if ((u = g_ptr_array_index (utopias, i))->id == utopia_id)
      {
        g_assert_cmpstr (u->status, ==, "construction");
        g_assert_cmpfloat_with_epsilon (u->lat, old_lat + 0.001, 1e-9);
      }

  g_assert_true (usga_corridor_delete (db, id, &error));
  g_assert_cmpint (count_rows (db, "corridor"), ==, 0);
}

static void
test_women_counts (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autofree char *path = fixture ("corridors-good.geojson");
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(UsgaFilter) women = usga_filter_new ();
  g_autoptr(GPtrArray) corridors = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (UsgaLonLat));
  const char *const cats[] = { "domestic_violence", "sexual", "femicide", NULL };
  gint64 inside = -1, outside = -1, inside_wide = -1, outside_wide = -1;
  gint64 brute = 0;

  g_assert_true (usga_corridors_import_file (db, path, NULL, &error));
  corridors = usga_corridors_load (db, &error);
  g_assert_true (usga_corridors_women_counts (db, filter, corridors, 200, &inside, &outside, &error));
  g_assert_no_error (error);
  usga_filter_set_categories (women, cats);
  g_assert_true (usga_stats_points (db, women, points, &error));
  g_assert_cmpint (inside + outside, ==, points->len);
  /* Brute force over every point and corridor agrees. */
  for (guint i = 0; i < points->len; i++)
    {
      UsgaLonLat *p = &g_array_index (points, UsgaLonLat, i);
      for (guint k = 0; k < corridors->len; k++)
        if (usga_geometry_distance_m (((UsgaCorridor *) g_ptr_array_index (corridors, k))->geometry, p->lon, p->lat) <= 200)
          {
            brute++;
            break;
          }
    }
  g_assert_cmpint (inside, ==, brute);
  g_assert_cmpint (inside, >, 0);
  g_assert_true (usga_corridors_women_counts (db, filter, corridors, 1000, &inside_wide, &outside_wide, &error));
  g_assert_cmpint (inside_wide, >, inside);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/map/mercator", test_mercator);
  g_test_add_func ("/map/hex-bins", test_hex_bins);
  g_test_add_func ("/map/gi-star/fixture", test_gi_star_fixture);
  g_test_add_func ("/map/gi-star/bundled", test_hotspots_bundled);
  g_test_add_func ("/map/gi-star/grid", test_hotspot_grid_bundled);
  g_test_add_func ("/map/import/corridors-good", test_import_corridors_good);
  g_test_add_func ("/map/import/corridors-bad", test_import_corridors_bad);
  g_test_add_func ("/map/import/utopias", test_import_utopias);
  g_test_add_func ("/map/edit-persistence", test_edit_persistence);
  g_test_add_func ("/map/women-near-corridors", test_women_counts);
  return g_test_run ();
}
