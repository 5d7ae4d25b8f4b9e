/* test-areas.c — the one colonia/cuadrante loader against the raw bundled files: every
 * feature becomes one area, populations and a label point match an independent computation,
 * stored columns a database lacks are derived, damage fails the load, workers can load.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "usga-core.h"
#include "usga-test-util.h"

/* Worked out from the raw files by a short Python script (json + gzip, no app code):
 * IECM feature ID 208, its SUMPOB1, and the area centroid of its largest ring (which lies
 * inside it, so it is the label point); the sums of SUMPOB1 and of the 2023 cuadrante
 * "poblacion" joined by nomenclatura. */
#define KNOWN_COLONIA_ID    208
#define KNOWN_COLONIA_NAME  "JARDINES DE SAN LORENZO"
#define KNOWN_COLONIA_POP   7198
#define KNOWN_LABEL_LON     -99.0738822750006
#define KNOWN_LABEL_LAT     19.295355990698432
#define COLONIA_POP_SUM     1844597
#define KNOWN_CUADRANTE     "O-1.1.7"
#define KNOWN_CUADRANTE_POP 2441
#define KNOWN_SECTOR        "ABASTO-REFORMA"
#define CUADRANTE_POP_SUM   1839380

/* The number of features of a bundled .geojson.gz, read with json-glib alone. */
static guint
raw_feature_count (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("USGA_DATA_DIR"), "bundled", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) raw = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  g_autoptr(GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_no_error (error);
  stream = g_converter_input_stream_new (raw, G_CONVERTER (gunzip));
  g_assert_true (json_parser_load_from_stream (parser, stream, NULL, &error));
  g_assert_no_error (error);
  return json_array_get_length (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                              "features"));
}

static const UsgaArea *
find_by_name (GPtrArray *areas, const char *name)
{
  for (guint i = 0; i < areas->len; i++)
    if (g_strcmp0 (((UsgaArea *) g_ptr_array_index (areas, i))->name, name) == 0)
      return g_ptr_array_index (areas, i);
  return NULL;
}

static gint64
population_sum (GPtrArray *areas)
{
  gint64 sum = 0;

  for (guint i = 0; i < areas->len; i++)
    sum += ((UsgaArea *) g_ptr_array_index (areas, i))->population;
  return sum;
}

static void
test_bundled (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) colonias = usga_areas_load (db, USGA_AREA_COLONIA, USGA_AREAS_GEOMETRY, &error);
  g_autoptr(GPtrArray) bare = NULL;
  g_autoptr(GPtrArray) cuadrantes = NULL;
  const UsgaArea *known, *q;
  gint64 sector_id;

  g_assert_no_error (error);
  g_assert_cmpuint (colonias->len, ==, raw_feature_count ("colonias_iztapalapa_iecm_hoyodecrimen.geojson.gz"));
  g_assert_cmpint (population_sum (colonias), ==, COLONIA_POP_SUM);
  for (guint i = 1; i < colonias->len; i++)
    g_assert_cmpint (((UsgaArea *) colonias->pdata[i - 1])->id, <, ((UsgaArea *) colonias->pdata[i])->id);

  known = find_by_name (colonias, KNOWN_COLONIA_NAME);
  g_assert_nonnull (known);
  g_assert_cmpint (known->id, ==, KNOWN_COLONIA_ID);
  g_assert_cmpint (known->population, ==, KNOWN_COLONIA_POP);
  g_assert_cmpint (known->sector_id, ==, 0);
  g_assert_cmpfloat_with_epsilon (known->label_lon, KNOWN_LABEL_LON, 1e-9);
  g_assert_cmpfloat_with_epsilon (known->label_lat, KNOWN_LABEL_LAT, 1e-9);
  g_assert_nonnull (known->geometry);
  g_assert_true (usga_geometry_contains (known->geometry, known->label_lon, known->label_lat));
  g_assert_cmpfloat (known->area, >, 0);
  g_assert_cmpfloat (known->min_lon, <=, known->label_lon);
  g_assert_cmpfloat (known->max_lon, >=, known->label_lon);
  g_assert_cmpfloat (known->min_lat, <=, known->centre_lat);
  g_assert_cmpfloat (known->max_lat, >=, known->centre_lat);

  /* The point lookup every save uses agrees with the list. */
  {
    g_autofree char *name = NULL;
    g_assert_cmpint (usga_colonia_at (db, KNOWN_LABEL_LON, KNOWN_LABEL_LAT, &name), ==, KNOWN_COLONIA_ID);
    g_assert_cmpstr (name, ==, KNOWN_COLONIA_NAME);
    g_assert_cmpint (usga_colonia_at (db, -99.0, 20.5, NULL), ==, 0);
  }

  /* Without polygons: the same areas and points, nothing parsed kept. */
  bare = usga_areas_load (db, USGA_AREA_COLONIA, USGA_AREAS_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bare->len, ==, colonias->len);
  q = find_by_name (bare, KNOWN_COLONIA_NAME);
  g_assert_null (q->geometry);
  g_assert_cmpfloat (q->area, ==, 0);
  g_assert_cmpfloat (q->label_lon, ==, known->label_lon);
  g_assert_cmpfloat (q->centre_lon, ==, known->centre_lon);

  cuadrantes = usga_areas_load (db, USGA_AREA_CUADRANTE, USGA_AREAS_GEOMETRY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cuadrantes->len, ==, raw_feature_count ("cuadrantes_iztapalapa_centrogeo.geojson.gz"));
  g_assert_cmpint (population_sum (cuadrantes), ==, CUADRANTE_POP_SUM);
  q = find_by_name (cuadrantes, KNOWN_CUADRANTE);
  g_assert_nonnull (q);
  g_assert_cmpint (q->population, ==, KNOWN_CUADRANTE_POP);
  g_assert_true (usga_geometry_contains (q->geometry, q->label_lon, q->label_lat));
  {
    sqlite3_stmt *stmt = usga_db_prepare (db, "SELECT id FROM sector WHERE name = '" KNOWN_SECTOR "'", &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    sector_id = sqlite3_column_int64 (stmt, 0);
    sqlite3_reset (stmt);
  }
  g_assert_cmpint (q->sector_id, ==, sector_id);
}

/* A database loaded before label points, boxes and centres were stored: the loader derives
 * them, equal to what the import stores. */
static void
test_derived_columns (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stored = usga_areas_load (db, USGA_AREA_COLONIA, USGA_AREAS_DEFAULT, &error);
  g_autoptr(GPtrArray) derived = NULL;

  g_assert_no_error (error);
  g_assert_true (usga_db_exec (db, "UPDATE colonia SET label_lon = NULL, label_lat = NULL, min_lon = NULL,"
                                   " min_lat = NULL, max_lon = NULL, max_lat = NULL;"
                                   "DELETE FROM colonia_centroid;", &error));
  g_assert_no_error (error);
  derived = usga_areas_load (db, USGA_AREA_COLONIA, USGA_AREAS_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (derived->len, ==, stored->len);
  for (guint i = 0; i < stored->len; i++)
    {
      const UsgaArea *a = stored->pdata[i], *b = derived->pdata[i];

      g_assert_cmpint (a->id, ==, b->id);
      g_assert_null (b->geometry);
      g_assert_cmpfloat_with_epsilon (a->label_lon, b->label_lon, 1e-12);
      g_assert_cmpfloat_with_epsilon (a->label_lat, b->label_lat, 1e-12);
      g_assert_cmpfloat_with_epsilon (a->centre_lon, b->centre_lon, 1e-12);
      g_assert_cmpfloat_with_epsilon (a->centre_lat, b->centre_lat, 1e-12);
      g_assert_cmpfloat (a->min_lon, ==, b->min_lon);
      g_assert_cmpfloat (a->max_lat, ==, b->max_lat);
    }
}

/* One damaged polygon fails the whole load, naming the area: never a shorter list. */
static void
test_damaged (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) areas = NULL;

  g_assert_true (usga_db_exec (db, "UPDATE colonia SET geometry = '{\"type\": \"MultiPolygon\", \"coord' WHERE id = 208", &error));
  g_assert_no_error (error);
  areas = usga_areas_load (db, USGA_AREA_COLONIA, USGA_AREAS_GEOMETRY, &error);
  g_assert_null (areas);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, KNOWN_COLONIA_NAME));
  g_clear_error (&error);
  g_assert_null (usga_area_index_load (db, USGA_AREA_COLONIA, &error));
  g_assert_nonnull (error);
}

/* Two workers with their own connections load at once, as the map page's worker does beside
 * the store's. */
static gpointer
load_on_worker (gpointer path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = usga_db_open (path, USGA_DB_OPEN_READONLY, &error);
  GPtrArray *areas;

  g_assert_no_error (error);
  areas = usga_areas_load (db, USGA_AREA_CUADRANTE, USGA_AREAS_GEOMETRY, &error);
  g_assert_no_error (error);
  return areas;
}

static void
test_workers (void)
{
  g_autofree char *path = NULL;
  g_autoptr(UsgaDb) db = usga_test_bundled_db (&path);
  GThread *a = g_thread_new ("areas-a", load_on_worker, path);
  GThread *b = g_thread_new ("areas-b", load_on_worker, path);
  g_autoptr(GPtrArray) from_a = g_thread_join (a);
  g_autoptr(GPtrArray) from_b = g_thread_join (b);
  guint expected = raw_feature_count ("cuadrantes_iztapalapa_centrogeo.geojson.gz");

  g_assert_cmpuint (from_a->len, ==, expected);
  g_assert_cmpuint (from_b->len, ==, expected);
  for (guint i = 0; i < expected; i++)
    g_assert_cmpstr (((UsgaArea *) from_a->pdata[i])->name, ==, ((UsgaArea *) from_b->pdata[i])->name);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/areas/bundled", test_bundled);
  g_test_add_func ("/areas/derived-columns", test_derived_columns);
  g_test_add_func ("/areas/damaged", test_damaged);
  g_test_add_func ("/areas/workers", test_workers);
  return g_test_run ();
}
