/* test-core.c — database, migrations, bundled import, category mapping, statistics.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "usga-core.h"
#include "usga-migrations.h"
#include "usga-test-util.h"

/* --- database ----------------------------------------------------------- */

static void
test_db_migrations (void)
{
  g_autofree char *path = usga_test_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = usga_db_open (path, USGA_DB_OPEN_DEFAULT, &error);
  g_autofree char *mode = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (usga_db_schema_version (db), ==, usga_db_latest_version ());
  g_assert_cmpint (usga_db_query_int (db, "PRAGMA foreign_keys", 0), ==, 1);
  g_assert_false (usga_db_is_populated (db));
  g_clear_pointer (&db, usga_db_close);

  /* Re-opening is a no-op migration. */
  db = usga_db_open (path, USGA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (usga_db_schema_version (db), ==, usga_db_latest_version ());
  {
    sqlite3_stmt *stmt = usga_db_prepare (db, "PRAGMA journal_mode", &error);
    g_assert_nonnull (stmt);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_reset (stmt);
  }
  g_assert_cmpstr (mode, ==, "wal");
}

/* A schema-4 database (four date indexes) moves to the covering index with every row and
 * count intact, and the aggregates then read that index alone. */
static void
test_db_migration_covering_index (void)
{
  g_autofree char *path = NULL;
  g_autoptr(UsgaDb) db = usga_test_bundled_db (&path);
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(UsgaStats) before = NULL;
  g_autoptr(UsgaStats) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 rows = usga_db_query_int (db, "SELECT count(*) FROM incident", -1);
  g_autofree char *plan = NULL;

  before = usga_stats_query (db, filter, USGA_BY_MONTH, &error);
  g_assert_no_error (error);
  g_assert_true (usga_db_exec (db,
      "DROP INDEX incident_date; DROP INDEX victim_date;"
      "CREATE INDEX incident_date ON incident(date);"
      "CREATE INDEX incident_delito_date ON incident(delito_id, date);"
      "CREATE INDEX incident_colonia_date ON incident(colonia_id, date);"
      "CREATE INDEX incident_cuadrante_date ON incident(cuadrante_id, date);"
      "CREATE INDEX victim_date ON victim(date);"
      "CREATE INDEX victim_delito_date ON victim(delito_id, date);"
      "PRAGMA user_version = 4;", &error));
  g_assert_no_error (error);
  g_clear_pointer (&db, usga_db_close);

  db = usga_db_open (path, USGA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (usga_db_schema_version (db), ==, usga_db_latest_version ());
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM incident", -1), ==, rows);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                          " AND tbl_name = 'incident' AND name NOT LIKE 'sqlite_%'", -1), ==, 1);
  after = usga_stats_query (db, filter, USGA_BY_MONTH, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->rows->len, ==, before->rows->len);
  g_assert_cmpuint (after->rows->len, ==, 12);
  for (guint i = 0; i < after->rows->len; i++)
    {
      const UsgaStatRow *a = after->rows->pdata[i], *b = before->rows->pdata[i];

      g_assert_cmpstr (a->key, ==, b->key);
      g_assert_cmpint (a->count, ==, b->count);
    }

  {
    sqlite3_stmt *stmt = usga_db_prepare (db,
        "EXPLAIN QUERY PLAN SELECT substr (i.date, 1, 7), count(*) FROM incident i"
        " JOIN delito d ON d.id = i.delito_id"
        " WHERE i.date >= COALESCE (?1, '') AND i.date <= COALESCE (?2, '9999')"
        " AND (i.alcaldia IS NULL OR i.alcaldia = 'IZTAPALAPA') GROUP BY 1", &error);
    g_autoptr(GString) text = g_string_new (NULL);

    g_assert_nonnull (stmt);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_string_append_printf (text, "%s\n", sqlite3_column_text (stmt, 3));
    sqlite3_reset (stmt);
    plan = g_string_free (g_steal_pointer (&text), FALSE);
  }
  g_assert_nonnull (strstr (plan, "COVERING INDEX incident_date"));
}

static void
test_db_too_new (void)
{
  g_autofree char *path = usga_test_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = usga_db_open (path, USGA_DB_OPEN_DEFAULT, &error);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", usga_db_latest_version () + 1);

  g_assert_no_error (error);
  g_assert_true (usga_db_exec (db, sql, &error));
  g_clear_pointer (&db, usga_db_close);
  db = usga_db_open (path, USGA_DB_OPEN_DEFAULT, &error);
  g_assert_null (db);
  g_assert_error (error, USGA_DB_ERROR, USGA_DB_ERROR_TOO_NEW);
}

static void
test_db_corrupt_untouched (void)
{
  g_autofree char *path = usga_test_db_path ();
  const char garbage[] = "this is not an SQLite database, but it is somebody's file\n";
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;
  gsize len;

  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));
  db = usga_db_open (path, USGA_DB_OPEN_DEFAULT, &error);
  g_assert_null (db);
  g_assert_error (error, USGA_DB_ERROR, USGA_DB_ERROR_CORRUPT);
  g_assert_true (g_file_get_contents (path, &after, &len, NULL));
  g_assert_cmpstr (after, ==, garbage);
}

static void
test_db_foreign_sqlite_untouched (void)
{
  g_autofree char *path = usga_test_db_path ();
  g_autoptr(GError) error = NULL;
  sqlite3 *raw;
  g_autoptr(UsgaDb) db = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('keep me')", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  db = usga_db_open (path, USGA_DB_OPEN_DEFAULT, &error);
  g_assert_null (db);
  g_assert_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID);

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "SELECT t FROM notes", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
}

/* --- bundled data ------------------------------------------------------- */

static void
test_bundled_counts (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);

  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM incident", 0), ==, 27540);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM incident WHERE year = 2024", 0), ==, 27540);
  /* Bundled rows are Iztapalapa's by construction and carry no alcaldía of their own. */
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM incident WHERE alcaldia IS NOT NULL", -1), ==, 0);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM colonia", 0), ==, 293);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM cuadrante", 0), ==, 134);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM sector", 0), ==, 9);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM utopia", 0), ==, 15);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM alcaldia", 0), ==, 1);
  /* PROVENANCE.md: 85 197 rows summing to 185 663 carpetas. */
  g_assert_cmpint (usga_db_query_int (db, "SELECT sum (count) FROM incident_quarterly", 0), ==, 185663);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM recommendation WHERE kind = 'mayor'", 0), ==, 109);
  g_assert_cmpint (usga_db_query_int (db, "SELECT population FROM alcaldia", 0), ==, 1835486);
  /* Nearly every point falls inside a colonia and a cuadrante (a few lie just outside the polygons). */
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM incident WHERE colonia_id IS NULL", 0), <, 100);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM incident WHERE cuadrante_id IS NULL", 0), <, 200);
  /* Quarterly counts are matched to IECM colonias for all but a sliver. */
  g_assert_cmpint (usga_db_query_int (db, "SELECT sum (count) FROM incident_quarterly WHERE colonia_id IS NULL", 0), <, 1000);
  /* FGJ writes the unknown-time placeholder as 00:00:00 (147 rows) and 00:00:00:00 (57 rows). */
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM incident WHERE time_placeholder = 1", 0), ==, 204);
}

static void
test_bundled_twice_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);

  g_assert_false (usga_bundled_import (db, NULL, NULL, &error));
  g_assert_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM incident", 0), ==, 27540);
}

static void
test_bundled_failure_rolls_back (void)
{
  g_autofree char *dir = usga_test_tmpdir ();
  g_autofree char *db_path = g_build_filename (dir, "db.sqlite3", NULL);
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *bundled = g_build_filename (data, "bundled", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;
  const char *names[] = {
    "bundled/alcaldias_cdmx_inegi.geojson.gz", "bundled/colonias_iztapalapa_iecm_hoyodecrimen.geojson.gz",
    "bundled/cuadrantes_iztapalapa_centrogeo.geojson.gz", "bundled/cuadrantes_2023_poblacion_hoyodecrimen.csv.gz",
    "bundled/utopias_iztapalapa.geojson", "delito_categories.csv",
  };
  g_autofree char *broken = g_build_filename (bundled, "carpetas_iztapalapa_puntos_2024.csv.gz", NULL);

  /* A data dir whose carpetas file is garbage: the import must fail and leave nothing behind. */
  g_assert_cmpint (g_mkdir_with_parents (bundled, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *from = g_test_build_filename (G_TEST_DIST, "..", "data", names[i], NULL);
      g_autofree char *to = g_build_filename (data, names[i], NULL);
      usga_test_copy_file (from, to);
    }
  g_assert_true (g_file_set_contents (broken, "not gzip at all", -1, NULL));

  /* usga_data_dir() caches its first answer, so this test runs alone in its own process
   * (USGA_TEST_ROLLBACK_ONLY, see meson.build) and sets the directory before any lookup. */
  g_setenv ("USGA_DATA_DIR", data, TRUE);
  db = usga_db_open (db_path, USGA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (usga_bundled_import (db, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM colonia", -1), ==, 0);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM incident", -1), ==, 0);
  g_assert_false (usga_db_is_populated (db));
}

/* --- categories --------------------------------------------------------- */

static void
test_category_mapping (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  const struct { const char *delito, *category; } cases[] = {
    { "VIOLENCIA FAMILIAR", "domestic_violence" },
    { "Violación equiparada", "rape" },
    { "VIOLACION DE CORRESPONDENCIA", "other" },
    { "ABUSO SEXUAL", "sexual_abuse" },
    { "ACOSO SEXUAL AGRAVADO EN CONTRA DE MENORES", "sexual_harassment" },
    { "FEMINICIDIO POR ARMA BLANCA", "femicide" },
    { "TENTATIVA DE FEMINICIDIO", "other" },
    { "HOMICIDIO POR ARMA DE FUEGO", "homicide" },
    { "HOMICIDIO CULPOSO POR TRÁNSITO VEHICULAR", "other" },
    { "ROBO A TRANSEUNTE EN VIA PUBLICA CON VIOLENCIA", "robbery_pedestrian" },
    { "ROBO A TRANSEUNTE DE CELULAR SIN VIOLENCIA", "robbery_pedestrian" },
    { "ROBO A PASAJERO A BORDO DE METRO CON VIOLENCIA", "robbery_public_transport" },
    { "ROBO A TRANSEUNTE A BORDO DE TAXI PÚBLICO Y PRIVADO CON VIOLENCIA", "robbery_public_transport" },
    { "ROBO DE VEHICULO DE SERVICIO PARTICULAR SIN VIOLENCIA", "robbery_vehicle" },
    { "ROBO DE MOTOCICLETA CON VIOLENCIA", "robbery_vehicle" },
    { "ROBO DE VEHICULO DE PEDALES", "robbery_other" },
    { "ROBO A NEGOCIO CON VIOLENCIA POR FARDEROS (TIENDAS DE CONVENIENCIA)", "robbery_business" },
    { "ROBO A CASA HABITACION SIN VIOLENCIA", "robbery_home" },
    { "NARCOMENUDEO POSESIÓN CON FINES DE VENTA, COMERCIO Y SUMINISTRO", "drug_dealing" },
    { "AMENAZAS", "threats" },
    { "EXTORSION", "extortion" },
    { "PERDIDA DE LA VIDA POR SUICIDIO", "non_criminal" },
    { "A brand-new delito string", "other" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 id = usga_delito_resolve (db, cases[i].delito, &error);
      sqlite3_stmt *stmt = usga_db_prepare (db, "SELECT category FROM delito WHERE id = ?", &error);
      g_autofree char *category = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
      sqlite3_bind_int64 (stmt, 1, id);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      category = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      g_assert_cmpstr (category, ==, cases[i].category);
    }
  /* Every delito of the bundled data got a category. */
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM delito WHERE category IS NULL", -1), ==, 0);
}

/* --- statistics on a hand-made fixture ---------------------------------- */

/* Two square colonias (A west, B east) each split into one cuadrante; 1000 and 3000 people. */
static UsgaDb *
fixture_db (void)
{
  g_autoptr(GError) error = NULL;
  UsgaDb *db = usga_test_rules_db ();

  g_assert_true (usga_db_exec (db,
    "INSERT INTO alcaldia VALUES ('09007', 'Iztapalapa', 4000, 'test', '{\"type\":\"Polygon\",\"coordinates\":[[[-99.2,19.2],[-99.0,19.2],[-99.0,19.4],[-99.2,19.4],[-99.2,19.2]]]}');"
    "INSERT INTO colonia (id, cve, name, population, geometry) VALUES"
    " (1, 'A', 'COLONIA A', 1000, '{\"type\":\"Polygon\",\"coordinates\":[[[-99.2,19.2],[-99.1,19.2],[-99.1,19.4],[-99.2,19.4],[-99.2,19.2]]]}'),"
    " (2, 'B', 'COLONIA B', 3000, '{\"type\":\"Polygon\",\"coordinates\":[[[-99.1,19.2],[-99.0,19.2],[-99.0,19.4],[-99.1,19.4],[-99.1,19.2]]]}');"
    "INSERT INTO colonia_alias VALUES ('COLONIA A', 1, 'name'), ('COLONIA B', 2, 'name');"
    "INSERT INTO sector (id, name) VALUES (1, 'NORTE');"
    "INSERT INTO cuadrante (id, code, sector_id, population, geometry) VALUES"
    " (1, 'X-1.1.1', 1, 1000, '{\"type\":\"Polygon\",\"coordinates\":[[[-99.2,19.2],[-99.1,19.2],[-99.1,19.4],[-99.2,19.4],[-99.2,19.2]]]}'),"
    " (2, 'X-1.1.2', 1, 3000, '{\"type\":\"Polygon\",\"coordinates\":[[[-99.1,19.2],[-99.0,19.2],[-99.0,19.4],[-99.1,19.4],[-99.1,19.2]]]}');",
    &error));
  g_assert_no_error (error);
  return db;
}

typedef struct {
  const char *date, *time, *delito;
  double lon;  /* west (A) < -99.1 < east (B) */
} FixtureRow;

/* 2023-03-15 is a Wednesday; 2024-03-15 a Friday; 2024-03-16 a Saturday. */
static const FixtureRow fixture_rows[] = {
  { "2023-03-15", "10:30", "VIOLENCIA FAMILIAR", -99.15 },
  { "2023-03-20", "00:00", "VIOLENCIA FAMILIAR", -99.05 },
  { "2024-03-15", "10:00", "VIOLENCIA FAMILIAR", -99.15 },
  { "2024-03-15", "10:45", "VIOLENCIA FAMILIAR", -99.15 },  /* same hour */
  { "2024-03-16", "00:00", "VIOLENCIA FAMILIAR", -99.05 },  /* placeholder time */
  { "2024-03-16", "22:15", "ROBO A TRANSEUNTE EN VIA PUBLICA CON VIOLENCIA", -99.05 },
  { "2024-04-01", "08:00", "AMENAZAS", -99.05 },
  { "2024-04-02", "",      "PERDIDA DE LA VIDA POR CAIDA", -99.15 },
};

static UsgaDb *
fixture_with_rows (void)
{
  UsgaDb *db = fixture_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaIncidentWriter) writer = usga_incident_writer_new (db, "test", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (fixture_rows); i++)
    {
      UsgaIncidentRow row = { fixture_rows[i].date, fixture_rows[i].time, fixture_rows[i].delito, NULL,
                              19.3, fixture_rows[i].lon };
      g_assert_cmpint (usga_incident_writer_add (writer, &row, &error), ==, USGA_WRITE_ADDED);
    }
  /* Quarterly history for 2022 (not covered by rows): 5 + 7 domestic violence in colonia A/B. */
  g_assert_true (usga_db_exec (db,
    "INSERT INTO incident_quarterly SELECT 'COLONIA A', 1, 2022, 1, id, 5 FROM delito WHERE name = 'VIOLENCIA FAMILIAR';"
    "INSERT INTO incident_quarterly SELECT 'COLONIA B', 2, 2022, 4, id, 7 FROM delito WHERE name = 'VIOLENCIA FAMILIAR';"
    /* ...and one for a quarter the rows cover, which must not be added on top of them. */
    "INSERT INTO incident_quarterly SELECT 'COLONIA A', 1, 2024, 1, id, 99 FROM delito WHERE name = 'VIOLENCIA FAMILIAR';",
    &error));
  /* The rows are a complete record of 2023 and 2024 (as the bundled 2024 points are). */
  g_assert_true (usga_coverage_add (db, "carpetas", "2023-01-01", "2024-12-31", "test", NULL, &error));
  return db;
}

static UsgaStatRow *
find_row (UsgaStats *stats, const char *key)
{
  for (guint i = 0; i < stats->rows->len; i++)
    if (g_str_equal (((UsgaStatRow *) g_ptr_array_index (stats->rows, i))->key, key))
      return g_ptr_array_index (stats->rows, i);
  return NULL;
}

static gint64
count_of (UsgaStats *stats, const char *key)
{
  UsgaStatRow *row = find_row (stats, key);
  return row ? row->count : -1;
}

static void
test_stats_fixture (void)
{
  g_autoptr(UsgaDb) db = fixture_with_rows ();
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaStats) months = NULL, years = NULL, quarters = NULL, categories = NULL, hours = NULL;
  g_autoptr(UsgaStats) weekdays = NULL, colonias = NULL, grid = NULL;
  const char *dv[] = { "domestic_violence", NULL };

  /* Independent expectation: count the fixture rows by hand-written predicates. */
  gint64 rows_2024_03 = 0, rows_dv = 0;
  for (guint i = 0; i < G_N_ELEMENTS (fixture_rows); i++)
    {
      if (g_str_has_prefix (fixture_rows[i].date, "2024-03"))
        rows_2024_03++;
      if (g_str_equal (fixture_rows[i].delito, "VIOLENCIA FAMILIAR"))
        rows_dv++;
    }

  months = usga_stats_query (db, filter, USGA_BY_MONTH, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_of (months, "2024-03"), ==, rows_2024_03);
  g_assert_cmpint (count_of (months, "2024-04"), ==, 2);
  g_assert_cmpint (count_of (months, "2023-03"), ==, 2);
  /* Gaps are explicit zeros. */
  g_assert_cmpint (count_of (months, "2023-07"), ==, 0);
  g_assert_cmpint (months->total, ==, G_N_ELEMENTS (fixture_rows));

  years = usga_stats_query (db, filter, USGA_BY_YEAR, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_of (years, "2022"), ==, 12);  /* quarterly history */
  g_assert_cmpstr (find_row (years, "2022")->source, ==, USGA_SOURCE_QUARTERLY);
  g_assert_cmpint (count_of (years, "2024"), ==, 6);   /* rows only: the 99 of 2024-Q1 is superseded */
  g_assert_cmpstr (find_row (years, "2024")->source, ==, USGA_SOURCE_POINTS);

  quarters = usga_stats_query (db, filter, USGA_BY_QUARTER, &error);
  g_assert_cmpint (count_of (quarters, "2022-Q1"), ==, 5);
  g_assert_cmpint (count_of (quarters, "2022-Q2"), ==, 0);
  g_assert_cmpint (count_of (quarters, "2022-Q4"), ==, 7);
  g_assert_cmpint (count_of (quarters, "2024-Q1"), ==, 4);

  categories = usga_stats_query (db, filter, USGA_BY_CATEGORY, &error);
  g_assert_cmpint (count_of (categories, "domestic_violence"), ==, rows_dv + 12);
  g_assert_cmpint (count_of (categories, "robbery_pedestrian"), ==, 1);
  g_assert_cmpint (count_of (categories, "threats"), ==, 1);
  g_assert_cmpint (count_of (categories, "non_criminal"), ==, 1);

  /* Hours: 00:00 placeholders (2) and the missing time (1) are excluded and counted apart. */
  hours = usga_stats_query (db, filter, USGA_BY_HOUR, &error);
  g_assert_cmpint (hours->rows->len, ==, 24);
  g_assert_cmpint (count_of (hours, "10"), ==, 3);
  g_assert_cmpint (count_of (hours, "0"), ==, 0);
  g_assert_cmpint (count_of (hours, "22"), ==, 1);
  g_assert_cmpint (hours->excluded_placeholder, ==, 3);
  g_assert_cmpint (hours->total + hours->excluded_placeholder, ==, G_N_ELEMENTS (fixture_rows));

  /* Weekdays keep the placeholder rows: the date is known. 1 = Monday. */
  weekdays = usga_stats_query (db, filter, USGA_BY_WEEKDAY, &error);
  g_assert_cmpint (count_of (weekdays, "3"), ==, 1);  /* 2023-03-15 */
  g_assert_cmpint (count_of (weekdays, "5"), ==, 2);  /* 2024-03-15 twice */
  g_assert_cmpint (count_of (weekdays, "6"), ==, 2);  /* 2024-03-16 */
  g_assert_cmpint (count_of (weekdays, "1"), ==, 2);  /* 2023-03-20, 2024-04-01 */

  grid = usga_stats_query (db, filter, USGA_BY_HOUR_WEEKDAY, &error);
  g_assert_cmpint (grid->rows->len, ==, 7 * 24);
  g_assert_cmpint (count_of (grid, "5-10"), ==, 2);

  /* Rates per 100 000 with each colonia's population, for 2024 domestic violence. */
  usga_filter_set_period (filter, "2024-01-01", "2024-12-31");
  usga_filter_set_categories (filter, dv);
  colonias = usga_stats_query (db, filter, USGA_BY_COLONIA, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_of (colonias, "1"), ==, 2);
  g_assert_cmpfloat_with_epsilon (find_row (colonias, "1")->rate, 2 * 100000.0 / 1000, 1e-9);
  g_assert_cmpint (count_of (colonias, "2"), ==, 1);
  g_assert_cmpfloat_with_epsilon (find_row (colonias, "2")->rate, 1 * 100000.0 / 3000, 1e-9);
  g_assert_cmpstr (find_row (colonias, "1")->label, ==, "COLONIA A");
}

static void
test_stats_yoy_and_area (void)
{
  g_autoptr(UsgaDb) db = fixture_with_rows ();
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(UsgaFilter) before = NULL;
  g_autoptr(GError) error = NULL;
  const char *dv[] = { "domestic_violence", NULL };
  gint64 now, then;

  usga_filter_set_period (filter, "2024-03-01", "2024-03-31");
  usga_filter_set_categories (filter, dv);
  before = usga_filter_shift_years (filter, -1);
  g_assert_cmpstr (usga_filter_get_date_from (before), ==, "2023-03-01");
  g_assert_cmpstr (usga_filter_get_date_to (before), ==, "2023-03-31");

  now = usga_stats_total (db, filter, &error);
  then = usga_stats_total (db, before, &error);
  g_assert_no_error (error);
  g_assert_cmpint (now, ==, 3);
  g_assert_cmpint (then, ==, 2);
  g_assert_cmpfloat_with_epsilon (usga_percent_change (then, now), 50.0, 1e-9);
  g_assert_true (isnan (usga_percent_change (0, 5)));
  g_assert_cmpfloat_with_epsilon (usga_percent_change (4, 3), -25.0, 1e-9);

  /* Leap day shifts to 28 February. */
  usga_filter_set_period (filter, "2024-02-29", "2024-02-29");
  g_clear_object (&before);
  before = usga_filter_shift_years (filter, -1);
  g_assert_cmpstr (usga_filter_get_date_from (before), ==, "2023-02-28");

  /* Area filters: colonia B in 2024, every category. */
  usga_filter_set_period (filter, "2024-01-01", "2024-12-31");
  usga_filter_set_categories (filter, NULL);
  usga_filter_set_area (filter, USGA_AREA_LEVEL_COLONIA, 2);
  g_assert_cmpint (usga_stats_total (db, filter, &error), ==, 3);
  g_assert_cmpint (usga_stats_area_population (db, filter), ==, 3000);
  usga_filter_set_area (filter, USGA_AREA_LEVEL_CUADRANTE, 1);
  g_assert_cmpint (usga_stats_total (db, filter, &error), ==, 3);
  usga_filter_set_area (filter, USGA_AREA_LEVEL_SECTOR, 1);
  g_assert_cmpint (usga_stats_total (db, filter, &error), ==, 6);
  g_assert_cmpint (usga_stats_area_population (db, filter), ==, 4000);

  /* A whole-city sync keeps other alcaldías' carpetas, but Iztapalapa's figures leave them out. */
  {
    g_autoptr(UsgaIncidentWriter) writer = usga_incident_writer_new (db, "test", &error);
    UsgaIncidentRow elsewhere = { "2024-03-15", "10:00", "VIOLENCIA FAMILIAR", NULL, NAN, NAN, "COYOACAN" };
    g_autoptr(UsgaFilter) all_2024 = usga_filter_new ();

    usga_filter_set_period (all_2024, "2024-01-01", "2024-12-31");
    g_assert_cmpint (usga_incident_writer_add (writer, &elsewhere, &error), ==, USGA_WRITE_ADDED);
    g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM incident WHERE alcaldia = 'COYOACAN'", 0), ==, 1);
    g_assert_cmpint (usga_stats_total (db, all_2024, &error), ==, 6);
  }

  /* Exact delito, with accents and case as a user types it. */
  usga_filter_set_area (filter, USGA_AREA_LEVEL_ALCALDIA, 0);
  usga_filter_set_delito (filter, "Robo a transeúnte en vía pública con violencia");
  g_assert_cmpint (usga_stats_total (db, filter, &error), ==, 1);
}

static void
test_stats_bundled_2024_months (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaStats) months = NULL;
  g_autoptr(UsgaCsvReader) reader = NULL;
  g_autofree char *path = usga_data_path ("bundled/carpetas_iztapalapa_puntos_2024.csv.gz");
  gint64 expected[13] = { 0 };
  const GPtrArray *row;
  int i_fecha;

  /* Count the bundled file's months independently of the database. */
  reader = usga_csv_reader_new_for_file (path, &error);
  row = usga_csv_reader_next (reader, &error);
  i_fecha = usga_csv_header_index (row, "fecha_hecho");
  while ((row = usga_csv_reader_next (reader, &error)))
    expected[atoi ((const char *) g_ptr_array_index (row, i_fecha) + 5)]++;
  g_assert_no_error (error);

  usga_filter_set_period (filter, "2024-01-01", "2024-12-31");
  months = usga_stats_query (db, filter, USGA_BY_MONTH, &error);
  g_assert_no_error (error);
  g_assert_cmpint (months->rows->len, ==, 12);
  for (int m = 1; m <= 12; m++)
    {
      g_autofree char *key = g_strdup_printf ("2024-%02d", m);
      g_assert_cmpint (count_of (months, key), ==, expected[m]);
    }
  g_assert_cmpint (months->total, ==, 27540);
}

/* The one-pass split by category gives what one query per category gives, on the total's
 * periods, with the published quarterly counts where no carpeta row covers a quarter. */
static void
test_stats_by_category (void)
{
  static const char *const categories[] = { "domestic_violence", "sexual", "robbery_pedestrian", "femicide",
                                            "no_such_category", NULL };
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(UsgaStats) total = NULL;
  g_autoptr(UsgaStats) expected_total = NULL;
  UsgaStats *split[G_N_ELEMENTS (categories)] = { NULL };
  g_autoptr(GError) error = NULL;

  usga_filter_set_period (filter, "2019-01-01", "2024-12-31");
  total = usga_stats_query_by_category (db, filter, USGA_BY_QUARTER, categories, split, &error);
  g_assert_no_error (error);
  expected_total = usga_stats_query (db, filter, USGA_BY_QUARTER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total->rows->len, ==, 24);
  g_assert_cmpuint (total->rows->len, ==, expected_total->rows->len);
  g_assert_cmpint (total->total, ==, expected_total->total);
  for (guint i = 0; i < total->rows->len; i++)
    {
      const UsgaStatRow *a = total->rows->pdata[i], *b = expected_total->rows->pdata[i];

      g_assert_cmpstr (a->key, ==, b->key);
      g_assert_cmpint (a->count, ==, b->count);
      g_assert_cmpstr (a->source, ==, b->source);
    }

  for (guint c = 0; categories[c]; c++)
    {
      const char *only[] = { categories[c], NULL };
      g_autoptr(UsgaFilter) one = usga_filter_copy (filter);
      g_autoptr(UsgaStats) expected = NULL;
      gint64 sum = 0;

      usga_filter_set_categories (one, only);
      expected = usga_stats_query (db, one, USGA_BY_QUARTER, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (split[c]->rows->len, ==, total->rows->len);
      for (guint i = 0; i < split[c]->rows->len; i++)
        {
          const UsgaStatRow *row = split[c]->rows->pdata[i];
          const UsgaStatRow *alone = find_row (expected, row->key);

          g_assert_cmpstr (row->key, ==, ((UsgaStatRow *) total->rows->pdata[i])->key);
          g_assert_cmpint (row->count, ==, alone ? alone->count : 0);
          sum += row->count;
        }
      g_assert_cmpint (sum, ==, expected->total);
      g_assert_true (c < 3 ? sum > 1000 : TRUE);
      g_assert_true (g_str_equal (categories[c], "no_such_category") ? sum == 0 : TRUE);
      usga_stats_free (split[c]);
    }
}

static void
test_csv_reader (void)
{
  g_autofree char *dir = usga_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "t.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaCsvReader) reader = NULL;
  const GPtrArray *row;
  /* BOM, quoted comma, doubled quote, embedded newline, CRLF, Latin-1 byte (0xC9 = É), blank line. */
  const char content[] = "\xEF\xBB\xBF" "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n\n2,\"two\nlines\",CAF\xC9\n";

  g_assert_true (g_file_set_contents (path, content, -1, NULL));
  reader = usga_csv_reader_new_for_file (path, &error);
  row = usga_csv_reader_next (reader, &error);
  g_assert_cmpuint (row->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (row, 0), ==, "a");
  row = usga_csv_reader_next (reader, &error);
  g_assert_cmpstr (g_ptr_array_index (row, 1), ==, "x, y");
  g_assert_cmpstr (g_ptr_array_index (row, 2), ==, "say \"hi\"");
  row = usga_csv_reader_next (reader, &error);
  g_assert_cmpstr (g_ptr_array_index (row, 1), ==, "two\nlines");
  g_assert_cmpstr (g_ptr_array_index (row, 2), ==, "CAFÉ");
  g_assert_null (usga_csv_reader_next (reader, &error));
  g_assert_no_error (error);
}

/* Rows long enough to cross the reader's 256 KiB buffer many times, at every kind of byte:
 * quotes, doubled quotes, line breaks inside quotes, CRLF, Latin-1. */
static void
test_csv_reader_buffer_edges (void)
{
  g_autofree char *dir = usga_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "long.csv", NULL);
  g_autoptr(GString) content = g_string_new ("n,text,tail\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaCsvReader) reader = NULL;
  const GPtrArray *row;
  const guint n_rows = 40000;

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (content, "%u,\"q\"\"%u\"\"\n%s\",%s%s", i, i, i % 3 ? "x" : "",
                            i % 7 ? "end" : "CAF\xC9", i % 2 ? "\r\n" : "\n");
  g_assert_true (g_file_set_contents (path, content->str, content->len, NULL));
  g_assert_cmpuint (content->len, >, 3 * 256 * 1024);

  reader = usga_csv_reader_new_for_file (path, &error);
  g_assert_nonnull (usga_csv_reader_next (reader, &error));
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i);
      g_autofree char *text = g_strdup_printf ("q\"%u\"\n%s", i, i % 3 ? "x" : "");

      row = usga_csv_reader_next (reader, &error);
      g_assert_no_error (error);
      g_assert_nonnull (row);
      g_assert_cmpuint (row->len, ==, 3);
      g_assert_cmpstr (row->pdata[0], ==, number);
      g_assert_cmpstr (row->pdata[1], ==, text);
      g_assert_cmpstr (row->pdata[2], ==, i % 7 ? "end" : "CAFÉ");
    }
  g_assert_null (usga_csv_reader_next (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (usga_csv_reader_line (reader), ==, 1 + 2 * n_rows + 1);
}

static void
test_geo (void)
{
  g_autoptr(GError) error = NULL;
  /* A square with a square hole. */
  g_autoptr(UsgaGeometry) g = usga_geometry_new_from_string (
    "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[3,1],[3,3],[1,3],[1,1]]]}", &error);
  g_autoptr(UsgaGeometry) line = usga_geometry_new_from_string (
    "{\"type\":\"LineString\",\"coordinates\":[[-99.0,19.0],[-99.0,19.01]]}", &error);
  double x, y, lon, lat;

  g_assert_no_error (error);
  g_assert_true (usga_geometry_contains (g, 0.5, 0.5));
  g_assert_false (usga_geometry_contains (g, 2, 2));   /* in the hole */
  g_assert_false (usga_geometry_contains (g, 5, 5));
  usga_geometry_label_point (g, &lon, &lat);
  g_assert_true (usga_geometry_contains (g, lon, lat));

  /* 0.01° of latitude is about 1 112 m. */
  g_assert_cmpfloat_with_epsilon (usga_geometry_length_m (line), 1111.95, 1.0);
  g_assert_cmpfloat_with_epsilon (usga_geometry_distance_m (line, -99.0, 19.005), 0.0, 0.01);

  usga_mercator_project (0, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0.5, 1e-12);
  usga_mercator_project (-99.06, 19.35, &x, &y);
  usga_mercator_unproject (x, y, &lon, &lat);
  g_assert_cmpfloat_with_epsilon (lon, -99.06, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 19.35, 1e-9);

  g_assert_null (usga_geometry_new_from_string ("{\"type\":\"Circle\",\"coordinates\":[0,0]}", &error));
  g_assert_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID);
}


/* --- point coverage ----------------------------------------------------- */

static void
test_coverage (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  UsgaCoverageRange *r;

  /* The bundled load records the whole of 2024 for carpetas, nothing for víctimas. */
  list = usga_coverage_list (db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  r = g_ptr_array_index (list, 0);
  g_assert_cmpstr (r->dataset, ==, "carpetas");
  g_assert_cmpstr (r->first_day, ==, "2024-01-01");
  g_assert_cmpstr (r->last_day, ==, "2024-12-31");
  g_assert_cmpstr (r->origin, ==, "bundled");
  g_assert_true (usga_coverage_covers (db, "carpetas", "2024-01-01", "2024-12-31"));
  g_assert_true (usga_coverage_covers (db, "carpetas", "2024-06-30", "2024-06-30"));
  g_assert_false (usga_coverage_covers (db, "carpetas", "2023-12-31", "2024-01-31"));
  g_assert_false (usga_coverage_covers (db, "carpetas", "2024-12-01", "2025-01-01"));
  g_assert_false (usga_coverage_covers (db, "victimas", "2024-01-01", "2024-01-01"));

  /* Touching ranges join up; a one-day gap does not. */
  g_assert_true (usga_coverage_add (db, "carpetas", "2025-01-01", "2025-01-31", "ckan", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (usga_coverage_covers (db, "carpetas", "2024-12-15", "2025-01-31"));
  g_assert_true (usga_coverage_add (db, "carpetas", "2025-02-02", "2025-03-31", "csv", "test", &error));
  g_assert_false (usga_coverage_covers (db, "carpetas", "2025-01-15", "2025-02-15"));
  g_assert_true (usga_coverage_covers (db, "carpetas", "2025-02-02", "2025-03-31"));
  /* An overlapping range that fills the gap. */
  g_assert_true (usga_coverage_add (db, "carpetas", "2025-01-20", "2025-02-10", "csv", NULL, &error));
  g_assert_true (usga_coverage_covers (db, "carpetas", "2024-01-01", "2025-03-31"));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = usga_coverage_list (db, "carpetas", &error);
  g_assert_cmpuint (list->len, ==, 4);

  /* Not days, or backwards: refused, nothing written. */
  g_assert_false (usga_coverage_add (db, "carpetas", "2025-02-30", "2025-03-01", "csv", NULL, &error));
  g_assert_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (usga_coverage_add (db, "carpetas", "2025-03-01", "2025-02-01", "csv", NULL, &error));
  g_assert_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (usga_coverage_add (db, "carpetas", "2025-3-1", "2025-03-01", "csv", NULL, &error));
  g_clear_error (&error);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM point_coverage", 0), ==, 4);
  g_assert_false (usga_coverage_covers (db, "carpetas", "2024-01-02", "2024-01-01"));
}

/* A database loaded before the coverage migration gets the bundled 2024 range when the
 * migration runs; an empty one gets none. (Later branches append migrations, so the test
 * finds this one by its text and runs it alone.) */
static void
test_coverage_migration (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autofree char *empty_path = usga_test_db_path ();
  g_autoptr(UsgaDb) empty = NULL;
  g_autoptr(GError) error = NULL;
  const char *sql = NULL;

  for (int v = 1; v <= usga_migrations_count () && sql == NULL; v++)
    if (strstr (usga_migration_sql (v), "point_coverage (") != NULL)
      sql = usga_migration_sql (v);
  g_assert_nonnull (sql);

  g_assert_true (usga_db_exec (db, "DROP TABLE point_coverage", &error));
  g_assert_no_error (error);
  g_assert_true (usga_db_exec (db, sql, &error));
  g_assert_no_error (error);
  g_assert_true (usga_coverage_covers (db, "carpetas", "2024-01-01", "2024-12-31"));
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM point_coverage", 0), ==, 1);

  empty = usga_db_open (empty_path, USGA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (usga_db_query_int (empty, "SELECT count(*) FROM point_coverage", -1), ==, 0);
}


/* --- the period rule ---------------------------------------------------- */

static gint64
published (UsgaDb *db, int year, int quarter)
{
  g_autofree char *sql = g_strdup_printf ("SELECT sum (count) FROM incident_quarterly WHERE year = %d AND quarter = %d",
                                          year, quarter);
  return usga_db_query_int (db, sql, -1);
}

static gint64
rows_between (UsgaDb *db, const char *from, const char *to)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM incident WHERE date BETWEEN '%s' AND '%s'", from, to);
  return usga_db_query_int (db, sql, -1);
}

/* A window that cuts a quarter with only published counts snaps outward to the whole
 * quarter and says so; months cannot be answered there; days with rows are exact. */
static void
test_period_rule_snapping (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaStats) stats = NULL;

  /* One day of 2023: the whole of 2023-Q2, labelled. */
  usga_filter_set_period (filter, "2023-06-30", "2023-06-30");
  stats = usga_stats_query (db, filter, USGA_BY_QUARTER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->rows->len, ==, 1);
  g_assert_cmpint (count_of (stats, "2023-Q2"), ==, published (db, 2023, 2));
  g_assert_cmpint (stats->resolution, ==, USGA_RESOLUTION_QUARTER);
  g_assert_cmpstr (stats->counted_from, ==, "2023-04-01");
  g_assert_cmpstr (stats->counted_to, ==, "2023-06-30");
  g_assert_cmpuint (g_strv_length (stats->snapped_quarters), ==, 1);
  g_assert_cmpstr (stats->snapped_quarters[0], ==, "2023-Q2");
  g_assert_nonnull (strstr (stats->method, "Counts for 2023-Q2 whole; the data for 2023 is quarterly"));
  g_clear_pointer (&stats, usga_stats_free);

  /* By month there is nothing to answer with, and it says which quarter is missing. */
  stats = usga_stats_query (db, filter, USGA_BY_MONTH, &error);
  g_assert_cmpuint (stats->rows->len, ==, 0);
  g_assert_cmpstr (stats->unanswered_quarters[0], ==, "2023-Q2");
  g_assert_nonnull (strstr (stats->method, "Not shown: 2023-Q2"));
  g_clear_pointer (&stats, usga_stats_free);

  /* Across the coverage edge: 2023-Q4 whole from the published counts, January 2024 by day. */
  usga_filter_set_period (filter, "2023-12-15", "2024-01-31");
  stats = usga_stats_query (db, filter, USGA_BY_YEAR, &error);
  g_assert_cmpint (stats->resolution, ==, USGA_RESOLUTION_MIXED);
  g_assert_cmpint (count_of (stats, "2023"), ==, published (db, 2023, 4));
  g_assert_cmpint (count_of (stats, "2024"), ==, rows_between (db, "2024-01-01", "2024-01-31"));
  g_assert_cmpstr (stats->snapped_quarters[0], ==, "2023-Q4");
  g_assert_cmpstr (stats->counted_from, ==, "2023-10-01");
  g_assert_cmpstr (stats->counted_to, ==, "2024-01-31");
  g_clear_pointer (&stats, usga_stats_free);

  /* Inside coverage: exact days, no snapping. */
  usga_filter_set_period (filter, "2024-03-10", "2024-05-20");
  stats = usga_stats_query (db, filter, USGA_BY_MONTH, &error);
  g_assert_cmpint (stats->resolution, ==, USGA_RESOLUTION_DAY);
  g_assert_cmpint (stats->total, ==, rows_between (db, "2024-03-10", "2024-05-20"));
  g_assert_cmpuint (g_strv_length (stats->snapped_quarters), ==, 0);
  g_assert_nonnull (strstr (stats->method, "Exact: counted by day"));
}

/* A small import into a published quarter does not replace its count: outside complete
 * coverage the published count answers, and the row is reported as not counted. */
static void
test_period_rule_small_import (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaStats) stats = NULL;
  gint64 q1 = published (db, 2023, 1);

  g_assert_cmpint (q1, ==, 8138);
  {
    g_autoptr(UsgaIncidentWriter) writer = usga_incident_writer_new (db, "csv", &error);
    UsgaIncidentRow row = { "2023-02-14", "12:00", "VIOLENCIA FAMILIAR", NULL, 19.35, -99.05 };

    g_assert_no_error (error);
    g_assert_cmpint (usga_incident_writer_add (writer, &row, &error), ==, USGA_WRITE_ADDED);
  }
  usga_filter_set_period (filter, "2023-01-01", "2023-03-31");
  stats = usga_stats_query (db, filter, USGA_BY_QUARTER, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_of (stats, "2023-Q1"), ==, 8138);
  g_assert_cmpint (stats->rows_not_counted, ==, 1);
  g_assert_nonnull (strstr (stats->method, "1 carpeta rows in those quarters are not counted"));
  g_clear_pointer (&stats, usga_stats_free);

  /* A row where nothing is published is counted, as partial. */
  {
    g_autoptr(UsgaIncidentWriter) writer = usga_incident_writer_new (db, "csv", &error);
    UsgaIncidentRow row = { "2025-01-10", "12:00", "VIOLENCIA FAMILIAR", NULL, 19.35, -99.05 };
    g_assert_cmpint (usga_incident_writer_add (writer, &row, &error), ==, USGA_WRITE_ADDED);
  }
  usga_filter_set_period (filter, "2024-12-01", "2025-01-31");
  stats = usga_stats_query (db, filter, USGA_BY_MONTH, &error);
  g_assert_cmpint (count_of (stats, "2025-01"), ==, 1);
  g_assert_cmpint (count_of (stats, "2024-12"), ==, rows_between (db, "2024-12-01", "2024-12-31"));
  g_assert_cmpint (stats->partial_rows, ==, 1);
  g_assert_nonnull (strstr (stats->method, "Partial: 1 carpetas"));
  g_clear_pointer (&stats, usga_stats_free);

  /* Where there is neither a complete record nor a published count, no zero is invented. */
  usga_filter_set_period (filter, "2025-01-01", "2025-06-30");
  stats = usga_stats_query (db, filter, USGA_BY_MONTH, &error);
  g_assert_cmpuint (stats->rows->len, ==, 1);
  g_assert_cmpint (count_of (stats, "2025-01"), ==, 1);
  g_clear_pointer (&stats, usga_stats_free);
  usga_filter_set_period (filter, "2018-01-01", "2018-12-31");
  stats = usga_stats_query (db, filter, USGA_BY_MONTH, &error);
  g_assert_cmpuint (stats->rows->len, ==, 0);
  g_assert_cmpint (stats->resolution, ==, USGA_RESOLUTION_NONE);
  g_assert_nonnull (strstr (stats->method, "Nothing in the database covers this period."));
  g_clear_pointer (&stats, usga_stats_free);

  /* Once a complete record of 2023-Q1 exists, its rows answer by day. */
  g_assert_true (usga_coverage_add (db, "carpetas", "2023-01-01", "2023-03-31", "test", NULL, &error));
  usga_filter_set_period (filter, "2023-01-01", "2023-03-31");
  stats = usga_stats_query (db, filter, USGA_BY_QUARTER, &error);
  g_assert_cmpint (count_of (stats, "2023-Q1"), ==, 1);
  g_assert_cmpint (stats->resolution, ==, USGA_RESOLUTION_DAY);
}

/* Year-over-year compares like with like, and the label says what is compared. */
static void
test_period_rule_compare (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaComparison) c = NULL;

  /* March–June 2024 against 2023, which is quarterly: both sides become 2024-Q1–Q2 / 2023-Q1–Q2. */
  usga_filter_set_period (filter, "2024-03-01", "2024-06-30");
  c = usga_stats_compare_years (db, filter, USGA_BY_CATEGORY, &error);
  g_assert_no_error (error);
  g_assert_true (c->snapped);
  g_assert_false (c->same_dates);
  g_assert_cmpstr (c->label, ==, "2024-Q1–Q2 vs 2023-Q1–Q2, whole quarters");
  g_assert_cmpint (c->now->total, ==, rows_between (db, "2024-01-01", "2024-06-30"));
  g_assert_cmpint (c->before->total, ==, published (db, 2023, 1) + published (db, 2023, 2));
  g_assert_cmpstr (usga_filter_get_date_from (c->now_filter), ==, "2024-01-01");
  g_assert_cmpstr (usga_filter_get_date_to (c->before_filter), ==, "2023-06-30");
  g_clear_pointer (&c, usga_comparison_free);

  /* Whole years need no snapping. */
  usga_filter_set_period (filter, "2024-01-01", "2024-12-31");
  c = usga_stats_compare_years (db, filter, USGA_BY_MONTH, &error);
  g_assert_false (c->snapped);
  g_assert_cmpstr (c->label, ==, "2024 vs 2023");
  g_clear_pointer (&c, usga_comparison_free);

  /* Same dates only when both sides are counted by day. */
  g_assert_true (usga_coverage_add (db, "carpetas", "2023-01-01", "2023-12-31", "test", NULL, &error));
  usga_filter_set_period (filter, "2024-03-01", "2024-06-30");
  c = usga_stats_compare_years (db, filter, USGA_BY_MONTH, &error);
  g_assert_false (c->snapped);
  g_assert_true (c->same_dates);
  g_assert_cmpstr (c->label, ==, "2024-03-01 – 2024-06-30 vs the same dates one year earlier (2023-03-01 – 2023-06-30)");
  g_clear_pointer (&c, usga_comparison_free);

  /* An open end shifted a year is still open: the sides would overlap, so nothing is compared
   * (it used to compare the whole record with itself and print "= 0.0 %"). */
  {
    const char *bounds[][2] = { { NULL, NULL }, { "2024-01-01", NULL }, { NULL, "2024-06-30" } };

    for (guint i = 0; i < G_N_ELEMENTS (bounds); i++)
      {
        usga_filter_set_period (filter, bounds[i][0], bounds[i][1]);
        c = usga_stats_compare_years (db, filter, USGA_BY_CATEGORY, &error);
        g_assert_no_error (error);
        g_assert_true (c->open_ended);
        g_assert_null (c->before);
        g_assert_nonnull (strstr (c->label, "open-ended"));
        /* The cards still show the period's own count, by the usual rule. */
        {
          g_autoptr(UsgaStats) plain = usga_stats_query (db, filter, USGA_BY_CATEGORY, &error);
          g_assert_cmpint (c->now->total, ==, plain->total);
          g_assert_cmpint (c->now->total, >, 0);
        }
        g_clear_pointer (&c, usga_comparison_free);
      }
  }
}

/* Figures made from points say which days have points: the bundled ones are 2024's. */
static void
test_points_note (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autofree char *whole = NULL, *none = NULL, *part = NULL, *open = NULL;

  usga_filter_set_period (filter, "2024-03-01", "2024-09-30");
  whole = usga_stats_points_note (db, filter);
  g_assert_null (whole);
  usga_filter_set_period (filter, "2023-01-01", "2023-12-31");
  none = usga_stats_points_note (db, filter);
  g_assert_nonnull (strstr (none, "No geolocated carpetas in this period: they cover 2024-01-01 – 2024-12-31"));
  usga_filter_set_period (filter, "2023-07-01", "2024-06-30");
  part = usga_stats_points_note (db, filter);
  g_assert_nonnull (strstr (part, "cover only 2024-01-01 – 2024-06-30 of this period"));
  usga_filter_set_period (filter, NULL, NULL);
  open = usga_stats_points_note (db, filter);
  g_assert_nonnull (strstr (open, "cover only 2024-01-01 – 2024-12-31 of this period"));
}

/* Series have every month the data counts, zero months at the edges included. */
static void
test_period_rule_zero_months (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaStats) stats = NULL;
  const char *const kidnapping[] = { "kidnapping", NULL };

  usga_filter_set_period (filter, "2024-01-01", "2024-12-31");
  usga_filter_set_categories (filter, kidnapping);
  stats = usga_stats_query (db, filter, USGA_BY_MONTH, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->rows->len, ==, 12);
  g_assert_cmpstr (((UsgaStatRow *) stats->rows->pdata[0])->key, ==, "2024-01");
  g_assert_cmpstr (((UsgaStatRow *) stats->rows->pdata[11])->key, ==, "2024-12");
}

/* "All carpetas" can leave out the hechos no delictivos, and says whether it includes them. */
static void
test_exclude_non_crimes (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaStats) all = NULL;
  g_autoptr(UsgaStats) crimes = NULL;
  gint64 non_criminal = usga_db_query_int (db,
      "SELECT count(*) FROM incident i JOIN delito d ON d.id = i.delito_id WHERE d.category = 'non_criminal'", -1);

  usga_filter_set_period (filter, "2024-01-01", "2024-12-31");
  all = usga_stats_query (db, filter, USGA_BY_CATEGORY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (all->non_criminal, ==, non_criminal);
  g_assert_cmpint (non_criminal, >, 0);
  {
    g_autofree char *n = usga_format_count (non_criminal);
    g_autofree char *text = g_strdup_printf ("All carpetas include %s hechos no delictivos", n);
    g_assert_nonnull (strstr (all->method, text));
  }
  usga_filter_set_exclude_non_crimes (filter, TRUE);
  crimes = usga_stats_query (db, filter, USGA_BY_CATEGORY, &error);
  g_assert_cmpint (crimes->total, ==, all->total - non_criminal);
  g_assert_cmpint (count_of (crimes, "non_criminal"), ==, -1);
  g_assert_nonnull (strstr (crimes->method, "are left out"));
}

static void
test_period_names (void)
{
  const char *cases[][3] = {
    { "2024-01-01", "2024-12-31", "2024" },
    { "2024-04-01", "2024-06-30", "2024-Q2" },
    { "2024-01-01", "2024-06-30", "2024-Q1–Q2" },
    { "2023-07-01", "2024-06-30", "2023-Q3–2024-Q2" },
    { "2019-01-01", "2023-12-31", "2019–2023" },
    { "2024-03-01", "2024-06-30", "2024-03-01 – 2024-06-30" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = usga_stats_period_name (cases[i][0], cases[i][1]);
      g_assert_cmpstr (name, ==, cases[i][2]);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("USGA_TEST_ROLLBACK_ONLY"))
    {
      g_test_add_func ("/bundled/failure-rolls-back", test_bundled_failure_rolls_back);
      return g_test_run ();
    }

  g_test_add_func ("/db/migrations", test_db_migrations);
  g_test_add_func ("/db/migration-covering-index", test_db_migration_covering_index);
  g_test_add_func ("/db/too-new", test_db_too_new);
  g_test_add_func ("/db/corrupt-untouched", test_db_corrupt_untouched);
  g_test_add_func ("/db/foreign-sqlite-untouched", test_db_foreign_sqlite_untouched);
  g_test_add_func ("/stats/by-category", test_stats_by_category);
  g_test_add_func ("/csv/reader", test_csv_reader);
  g_test_add_func ("/csv/reader-buffer-edges", test_csv_reader_buffer_edges);
  g_test_add_func ("/geo/basics", test_geo);
  g_test_add_func ("/bundled/counts", test_bundled_counts);
  g_test_add_func ("/bundled/twice-refused", test_bundled_twice_refused);
  g_test_add_func ("/categories/mapping", test_category_mapping);
  g_test_add_func ("/stats/fixture", test_stats_fixture);
  g_test_add_func ("/stats/yoy-and-area", test_stats_yoy_and_area);
  g_test_add_func ("/stats/bundled-2024-months", test_stats_bundled_2024_months);
  g_test_add_func ("/coverage/ranges", test_coverage);
  g_test_add_func ("/coverage/migration", test_coverage_migration);
  g_test_add_func ("/periods/snapping", test_period_rule_snapping);
  g_test_add_func ("/periods/small-import", test_period_rule_small_import);
  g_test_add_func ("/periods/compare", test_period_rule_compare);
  g_test_add_func ("/periods/points-note", test_points_note);
  g_test_add_func ("/periods/zero-months", test_period_rule_zero_months);
  g_test_add_func ("/periods/names", test_period_names);
  g_test_add_func ("/filter/exclude-non-crimes", test_exclude_non_crimes);
  return g_test_run ();
}
