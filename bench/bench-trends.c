/* bench-trends.c — time from a filter change to every Trends and Overview aggregate ready,
 * on a citywide-sized database (default 2.1 M carpetas) made from the bundled real rows.
 * Prints figures; not a test.
 *
 *   bench-trends [ROWS] [DB]     e.g. build/bench/bench-trends 2100000 /tmp/bench.sqlite3
 *
 * The database is built once: the 27 540 bundled 2024 carpetas are copied, each copy moved
 * back 0–8 years, so the month/hour/colonia/delito distributions are the real ones.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <glib/gstdio.h>

#include "usga-chart-build.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
report (const char *what, GArray *times)
{
  g_array_sort (times, compare_double);
  g_print ("%-46s p50 %8.1f ms   p95 %8.1f ms   (n=%u)\n", what,
           g_array_index (times, double, times->len / 2),
           g_array_index (times, double, MIN (times->len - 1, (guint) (times->len * 0.95))), times->len);
}

static void
build_database (const char *path, gint64 rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = usga_db_open (path, USGA_DB_OPEN_DEFAULT, &error);
  gint64 have;
  double t0 = now_ms ();

  if (db == NULL || (!usga_db_is_populated (db) && !usga_bundled_import (db, NULL, NULL, &error)))
    g_error ("%s", error->message);
  have = usga_db_query_int (db, "SELECT count(*) FROM incident", 0);
  if (have >= rows)
    return;
  g_print ("Building %" G_GINT64_FORMAT " carpetas in %s...\n", rows, path);
  g_assert_true (usga_db_exec (db, "CREATE TEMP TABLE seed AS SELECT * FROM incident WHERE origin = 'bundled'", &error));
  g_assert_true (usga_db_exec (db, "BEGIN", &error));
  for (int copy = 1; have < rows; copy++)
    {
      /* Bound values only; the copy number moves the dates back copy % 9 years. */
      sqlite3_stmt *stmt = usga_db_prepare (db,
          "INSERT INTO incident (content_key, origin, delito_id, date, year, month, weekday, hour, time_placeholder,"
          "  colonia_raw, colonia_id, cuadrante_id, lat, lon)"
          " SELECT content_key || '#' || ?1, 'csv', delito_id, date (date, '-' || ?2 || ' years'), year - ?2, month,"
          "  (CAST (strftime ('%w', date (date, '-' || ?2 || ' years')) AS INTEGER) + 6) % 7 + 1, hour, time_placeholder,"
          "  colonia_raw, colonia_id, cuadrante_id, lat, lon FROM seed LIMIT ?3", &error);
      g_assert_nonnull (stmt);
      sqlite3_bind_int (stmt, 1, copy);
      sqlite3_bind_int (stmt, 2, copy % 9);
      sqlite3_bind_int64 (stmt, 3, rows - have);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      have += sqlite3_changes (usga_db_handle (db));
      sqlite3_reset (stmt);
    }
  g_assert_true (usga_db_exec (db, "COMMIT", &error));
  g_assert_true (usga_db_exec (db, "ANALYZE", &error));
  g_print ("  built in %.1f s\n", (now_ms () - t0) / 1000);
}

int
main (int argc, char **argv)
{
  gint64 rows = argc > 1 ? g_ascii_strtoll (argv[1], NULL, 10) : 2100000;
  g_autofree char *path = g_strdup (argc > 2 ? argv[2] : "/tmp/usga-bench-trends.sqlite3");
  const char *const kpi[] = { "domestic_violence", NULL };
  const char *const two[] = { "robbery", "sexual", NULL };
  struct { const char *from, *to; const char *const *categories; UsgaAreaLevel level; gint64 area; } changes[] = {
    { "2024-01-01", "2024-12-31", NULL, USGA_AREA_LEVEL_ALCALDIA, 0 },
    { "2023-01-01", "2024-12-31", kpi, USGA_AREA_LEVEL_ALCALDIA, 0 },
    { "2019-01-01", "2024-12-31", two, USGA_AREA_LEVEL_ALCALDIA, 0 },
    { "2024-06-01", "2024-12-31", NULL, USGA_AREA_LEVEL_COLONIA, 1 },
    { "2016-01-01", "2024-12-31", kpi, USGA_AREA_LEVEL_SECTOR, 1 },
  };
  const UsgaChartSubject subjects[] = { USGA_VIEW_TRENDS, USGA_VIEW_RANKING, USGA_VIEW_HEATMAP, USGA_VIEW_VICTIMS,
                                        USGA_VIEW_KPI_SPARKLINES };
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) by_hand = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *per_subject[G_N_ELEMENTS (subjects)];
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;
  UsgaChartOptions options = { USGA_BY_MONTH, FALSE, FALSE, FALSE };

  build_database (path, rows);
  db = usga_db_open (path, USGA_DB_OPEN_READONLY, &error);
  g_assert_no_error (error);
  g_print ("%" G_GINT64_FORMAT " carpetas in the database\n", usga_db_query_int (db, "SELECT count(*) FROM incident", 0));
  for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
    per_subject[s] = g_array_new (FALSE, FALSE, sizeof (double));

  for (int round = 0; round < 4; round++)
    for (guint c = 0; c < G_N_ELEMENTS (changes); c++)
      {
        g_autoptr(UsgaFilter) filter = usga_filter_new ();
        double t0 = now_ms (), t;

        usga_filter_set_period (filter, changes[c].from, changes[c].to);
        usga_filter_set_categories (filter, changes[c].categories);
        usga_filter_set_area (filter, changes[c].level, changes[c].area);
        /* Everything the two pages ask for after a filter change, one after the other. */
        for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
          {
            double ts = now_ms ();
            g_autoptr(UsgaChartModel) m = usga_chart_build (db, filter, subjects[s], &options, &error);
            g_assert_no_error (error);
            t = now_ms () - ts;
            g_array_append_val (per_subject[s], t);
          }
        {
          g_autoptr(UsgaStats) a = usga_stats_query (db, filter, USGA_BY_CATEGORY, &error);
          g_autoptr(UsgaFilter) before = usga_filter_shift_years (filter, -1);
          g_autoptr(UsgaStats) b = usga_stats_query (db, before, USGA_BY_CATEGORY, &error);
        }
        t = now_ms () - t0;
        g_array_append_val (all, t);

        /* The month aggregate by hand, as one would type it into sqlite3. */
        t0 = now_ms ();
        {
          sqlite3_stmt *stmt = usga_db_prepare (db,
              "SELECT year, month, count(*) FROM incident WHERE date BETWEEN ?1 AND ?2 GROUP BY year, month", &error);
          sqlite3_bind_text (stmt, 1, changes[c].from, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, changes[c].to, -1, SQLITE_STATIC);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            ;
          sqlite3_reset (stmt);
        }
        t = now_ms () - t0;
        g_array_append_val (by_hand, t);
      }

  report ("all Trends + Overview aggregates (one thread)", all);
  report ("  time series", per_subject[0]);
  report ("  colonia ranking", per_subject[1]);
  report ("  hour x weekday heatmap", per_subject[2]);
  report ("  victims by sex x age", per_subject[3]);
  report ("  KPI sparklines (10 series)", per_subject[4]);
  report ("month counts by hand (plain SQL, no joins)", by_hand);
  for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
    g_array_unref (per_subject[s]);
  return 0;
}
