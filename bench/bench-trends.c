/* bench-trends.c — time from a filter change to every Trends and Overview aggregate ready,
 * on a citywide-sized database (default 2.1 M carpetas) made from the bundled real rows.
 * Prints figures; not a test.
 *
 *   bench-trends [ROWS] [DB] [SQL_ROUNDS]   e.g. build/bench/bench-trends 2100000 /tmp/bench.sqlite3 2
 *
 * First with the in-memory aggregate index (usga-cube.h), as the GUI's workers query, with its
 * build time and size; then SQL only (SQL_ROUNDS rounds, default 2; 0 skips), for comparison.
 *
 * The database is built once: the 27 540 bundled 2024 carpetas are copied, each copy moved
 * back 0–8 years, so the month/hour/colonia/delito distributions are the real ones.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <glib/gstdio.h>

#include "usga-chart-build.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* This thread's CPU time: on a machine shared with other builds the wall clock also counts the
 * time the scheduler gave to others, so both are printed. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *times, double p)
{
  g_array_sort (times, compare_double);
  return g_array_index (times, double, MIN (times->len - 1, (guint) (times->len * p)));
}

static void
report (const char *what, GArray *times)
{
  g_print ("%-46s p50 %8.1f ms   p95 %8.1f ms   (n=%u)\n", what, percentile (times, 0.5), percentile (times, 0.95), times->len);
}

/* Wall clock and CPU time of the same samples. */
typedef struct {
  GArray *wall, *cpu;
  double  wall0, cpu0;
} Timing;

static void
timing_start (Timing *t)
{
  if (t->wall == NULL)
    {
      t->wall = g_array_new (FALSE, FALSE, sizeof (double));
      t->cpu = g_array_new (FALSE, FALSE, sizeof (double));
    }
  t->wall0 = now_ms ();
  t->cpu0 = cpu_ms ();
}

static void
timing_stop (Timing *t)
{
  double wall = now_ms () - t->wall0, cpu = cpu_ms () - t->cpu0;

  g_array_append_val (t->wall, wall);
  g_array_append_val (t->cpu, cpu);
}

static void
timing_report (const char *what, Timing *t)
{
  g_print ("%-46s p50 %7.1f ms  p95 %7.1f ms   CPU p50 %7.1f ms  p95 %7.1f ms  (n=%u)\n", what,
           percentile (t->wall, 0.5), percentile (t->wall, 0.95), percentile (t->cpu, 0.5), percentile (t->cpu, 0.95),
           t->wall->len);
  g_array_unref (t->wall);
  g_array_unref (t->cpu);
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

typedef struct {
  const char *from, *to;
  const char *const *categories;
  UsgaAreaLevel level;
  gint64 area;
} Change;

static const UsgaChartSubject subjects[] = { USGA_VIEW_TRENDS, USGA_VIEW_RANKING, USGA_VIEW_HEATMAP, USGA_VIEW_VICTIMS,
                                             USGA_VIEW_KPI_SPARKLINES };
static const char *const subject_names[] = { "time series", "colonia ranking", "hour x weekday heatmap",
                                             "victims by sex x age", "KPI sparklines (10 series)" };

/* Time spent in SQL statements on the bench's connection (the period plan, populations, method
 * text... around the parts the cube answers). */
static gint64 sql_ns;
static guint sql_statements;

static int
trace_sql (unsigned type, void *user_data, void *statement, void *x)
{
  if (type == SQLITE_TRACE_PROFILE)
    {
      sql_ns += *(sqlite3_int64 *) x;
      sql_statements++;
    }
  return 0;
}

/* Everything the two pages ask for after each filter change, one after the other, @rounds times. */
static void
run_rounds (UsgaDb *db, const Change *changes, guint n_changes, int rounds, const char *title, gboolean by_hand)
{
  Timing all = { NULL }, per_subject[G_N_ELEMENTS (subjects)] = { { NULL } };
  g_autofree Timing *per_change = g_new0 (Timing, n_changes);
  g_autoptr(GArray) hand = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sql = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) statements = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  UsgaChartOptions options = { USGA_BY_MONTH, FALSE, FALSE, FALSE };

  for (int round = 0; round < rounds; round++)
    for (guint c = 0; c < n_changes; c++)
      {
        /* USGA_BENCH_CHANGE=N: only that change (for a profiler) */
        if (g_getenv ("USGA_BENCH_CHANGE") && (guint) atoi (g_getenv ("USGA_BENCH_CHANGE")) != c + 1)
          continue;
        g_autoptr(UsgaFilter) filter = usga_filter_new ();
        double t0, t;

        timing_start (&all);
        timing_start (&per_change[c]);
        sql_ns = 0;
        sql_statements = 0;
        usga_filter_set_period (filter, changes[c].from, changes[c].to);
        usga_filter_set_categories (filter, changes[c].categories);
        usga_filter_set_area (filter, changes[c].level, changes[c].area);
        for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
          {
            g_autoptr(UsgaChartModel) m = NULL;

            timing_start (&per_subject[s]);
            m = usga_chart_build (db, filter, subjects[s], &options, &error);
            g_assert_no_error (error);
            timing_stop (&per_subject[s]);
          }
        {
          g_autoptr(UsgaStats) a = usga_stats_query (db, filter, USGA_BY_CATEGORY, &error);
          g_autoptr(UsgaFilter) before = usga_filter_shift_years (filter, -1);
          g_autoptr(UsgaStats) b = usga_stats_query (db, before, USGA_BY_CATEGORY, &error);
        }
        timing_stop (&all);
        timing_stop (&per_change[c]);
        t = sql_ns / 1e6;
        g_array_append_val (sql, t);
        t = sql_statements;
        g_array_append_val (statements, t);

        if (!by_hand)
          continue;
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
        g_array_append_val (hand, t);
      }

  {
    g_autofree char *load = NULL;

    g_file_get_contents ("/proc/loadavg", &load, NULL, NULL);
    g_print ("%s - load average %.14s\n", title, load ? load : "?");
  }
  if (all.wall == NULL)
    return;
  timing_report ("all Trends + Overview aggregates (one thread)", &all);
  for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
    {
      g_autofree char *what = g_strdup_printf ("  %s", subject_names[s]);
      timing_report (what, &per_subject[s]);
    }
  for (guint c = 0; c < n_changes; c++)
    {
      g_autofree char *what = g_strdup_printf ("  change %u: %s to %s, %s, area %d/%" G_GINT64_FORMAT, c + 1,
                                               changes[c].from ? changes[c].from : "first", changes[c].to ? changes[c].to : "last",
                                               changes[c].categories ? changes[c].categories[0] : "all",
                                               changes[c].level, changes[c].area);
      if (per_change[c].wall)
        timing_report (what, &per_change[c]);
    }
  report ("  of which SQL statements (ms per change)", sql);
  g_array_sort (statements, compare_double);
  g_print ("  SQL statements per change: %.0f\n", g_array_index (statements, double, statements->len / 2));
  if (by_hand)
    report ("month counts by hand (plain SQL, no joins)", hand);
}

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return strtol (line + 6, NULL, 10);
}

int
main (int argc, char **argv)
{
  gint64 rows = argc > 1 ? g_ascii_strtoll (argv[1], NULL, 10) : 2100000;
  g_autofree char *path = g_strdup (argc > 2 ? argv[2] : "/tmp/usga-bench-trends.sqlite3");
  int sql_rounds = argc > 3 ? atoi (argv[3]) : 2;
  static const char *const kpi[] = { "domestic_violence", NULL };
  static const char *const two[] = { "robbery", "sexual", NULL };
  static const Change changes[] = {
    { "2024-01-01", "2024-12-31", NULL, USGA_AREA_LEVEL_ALCALDIA, 0 },
    { "2023-01-01", "2024-12-31", kpi, USGA_AREA_LEVEL_ALCALDIA, 0 },
    { "2019-01-01", "2024-12-31", two, USGA_AREA_LEVEL_ALCALDIA, 0 },
    { "2024-06-01", "2024-12-31", NULL, USGA_AREA_LEVEL_COLONIA, 1 },
    { "2016-01-01", "2024-12-31", kpi, USGA_AREA_LEVEL_SECTOR, 1 },
    { "2019-04-01", "2024-09-30", NULL, USGA_AREA_LEVEL_CUADRANTE, 1 },
    { NULL, NULL, two, USGA_AREA_LEVEL_ALCALDIA, 0 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;
  g_autoptr(UsgaCube) cube = NULL;
  gsize cells, quarterly, bytes;
  double build_ms, t0;
  long rss0;

  build_database (path, rows);
  db = usga_db_open (path, USGA_DB_OPEN_READONLY, &error);
  g_assert_no_error (error);
  g_print ("%" G_GINT64_FORMAT " carpetas in the database, %" G_GINT64_FORMAT " of them counted (Iztapalapa)\n",
           usga_db_query_int (db, "SELECT count(*) FROM incident", 0),
           usga_db_query_int (db, "SELECT sum (n) FROM incident_summary", 0));
  sqlite3_trace_v2 (usga_db_handle (db), SQLITE_TRACE_PROFILE, trace_sql, NULL);

  /* What a worker of the GUI's store does: the aggregate index, built once, then every query. */
  rss0 = rss_kib ();
  t0 = now_ms ();
  cube = usga_cube_build (path, &error);
  g_assert_no_error (error);
  usga_cube_describe (cube, &cells, &quarterly, &bytes, &build_ms);
  g_print ("aggregate index: built in %.0f ms (%.0f ms with opening), %zu cells, %zu quarterly rows, %.1f MiB held,"
           " RSS +%.1f MiB\n", build_ms, now_ms () - t0, cells, quarterly, bytes / 1048576.0, (rss_kib () - rss0) / 1024.0);
  usga_cube_set_for_thread (cube);
  run_rounds (db, changes, G_N_ELEMENTS (changes), 1, "warm-up (with the index)", FALSE);
  run_rounds (db, changes, G_N_ELEMENTS (changes), 20, "WITH THE AGGREGATE INDEX (what the GUI's workers do)", FALSE);
  g_print ("  parts answered by the index: %u\n", usga_cube_parts_answered (cube));
  usga_cube_set_for_thread (NULL);

  if (sql_rounds > 0)
    run_rounds (db, changes, G_N_ELEMENTS (changes), sql_rounds, "SQL ONLY (the summaries; usga stats, before the index)", TRUE);
  return 0;
}
