/* test-rollup.c — the month and year rollups of the summaries and the published quarterly counts
 * summed over the FGJ names (usga-rollup.h) hold exactly the sums of what they sum, after the
 * bundled load, an import, writes to the quarterly counts, deletes and a rolled-back
 * transaction, and when the migration fills them; and statistics over whole months and whole
 * years, which read them, give the figures of a scan of the raw rows and published counts.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "usga-core.h"
#include "usga-migrations.h"
#include "usga-fake-ckan.h"
#include "usga-test-util.h"

static const UsgaGroupBy all_groups[] = {
  USGA_BY_MONTH, USGA_BY_QUARTER, USGA_BY_YEAR, USGA_BY_COLONIA, USGA_BY_CATEGORY, USGA_BY_DELITO,
  USGA_BY_HOUR, USGA_BY_WEEKDAY, USGA_BY_HOUR_WEEKDAY, USGA_BY_CUADRANTE, USGA_BY_SECTOR, USGA_BY_NONE,
};

static void
assert_check (UsgaDb *db)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (usga_rollup_check (db, &error), ==, 0);
  g_assert_no_error (error);
  /* The totals too, so an empty rollup of an empty source cannot pass for a right one. */
  g_assert_cmpint (usga_db_query_int (db, "SELECT sum (n) FROM incident_summary_month", -1), ==,
                   usga_db_query_int (db, "SELECT sum (n) FROM incident_summary", -2));
  g_assert_cmpint (usga_db_query_int (db, "SELECT sum (n) FROM incident_summary_year_colonia", -1), ==,
                   usga_db_query_int (db, "SELECT sum (n) FROM incident_summary", -2));
  g_assert_cmpint (usga_db_query_int (db, "SELECT sum (n) FROM incident_hour_summary_year", -1), ==,
                   usga_db_query_int (db, "SELECT sum (n) FROM incident_hour_summary", -2));
  g_assert_cmpint (usga_db_query_int (db, "SELECT sum (count) FROM incident_quarterly_total", -1), ==,
                   usga_db_query_int (db, "SELECT sum (count) FROM incident_quarterly", -2));
}

/* What `usga stats` prints (CSV with rates) and the method note: the rows, counts, rates and
 * every caveat, so the two ways agree on everything a reader sees. */
static char *
shown (UsgaStats *stats)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (usga_stats_write (stats, FALSE, TRUE, out, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  return g_strdup_printf ("%.*s%s\n", (int) g_bytes_get_size (bytes), (const char *) g_bytes_get_data (bytes, NULL),
                          stats->method);
}

/* Whole months and whole years (what the rollups answer), some over the quarterly years, with
 * categories, a delito and each area level; every grouping (@step > 1: every
 * step-th), both ways. Returns the carpetas counted, so a test can see it counted something. */
static gint64
compare_whole_periods (UsgaDb *db, guint32 seed, guint step)
{
  static const char *const periods[][2] = {
    { "2024-01-01", "2024-12-31" }, { "2023-01-01", "2024-12-31" }, { "2019-01-01", "2024-12-31" },
    { "2024-02-01", "2024-02-29" }, { "2024-03-01", "2024-08-31" }, { "2022-04-01", "2024-06-30" },
    { "2019-01-01", "2019-12-31" }, { "2016-01-01", "2025-12-31" }, { NULL, NULL },
  };
  static const char *const categories[][3] = {
    { NULL }, { "sexual", NULL }, { "domestic_violence", "robbery", NULL }, { "homicide", NULL },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  gint64 counted = 0;

  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    for (guint g = p % step; g < G_N_ELEMENTS (all_groups); g += step)
      {
        g_autoptr(UsgaFilter) f = usga_filter_new ();
        g_autoptr(UsgaStats) rollup = NULL;
        g_autoptr(UsgaStats) raw = NULL;
        g_autofree char *described = NULL;
        g_autofree char *what = NULL;
        guint c = g_rand_int_range (rand, 0, G_N_ELEMENTS (categories));

        if (periods[p][0])
          usga_filter_set_period (f, periods[p][0], periods[p][1]);
        if (categories[c][0])
          usga_filter_set_categories (f, categories[c]);
        switch (g_rand_int_range (rand, 0, 8))
          {
          case 0: usga_filter_set_area (f, USGA_AREA_LEVEL_COLONIA, usga_db_query_int (db, "SELECT min (id) + 3 FROM colonia", 0)); break;
          case 1: usga_filter_set_area (f, USGA_AREA_LEVEL_SECTOR, usga_db_query_int (db, "SELECT min (id) FROM sector", 0)); break;
          case 2: usga_filter_set_area (f, USGA_AREA_LEVEL_CUADRANTE, usga_db_query_int (db, "SELECT min (id) FROM cuadrante", 0)); break;
          case 3: usga_filter_set_delito (f, "VIOLENCIA FAMILIAR"); break;
          default: break;
          }
        described = usga_filter_describe (f, "area");
        what = g_strdup_printf ("%s, by %s", described, usga_group_by_to_string (all_groups[g]));
        usga_stats_set_raw_scan (FALSE);
        rollup = usga_stats_query (db, f, all_groups[g], &error);
        g_assert_no_error (error);
        usga_stats_set_raw_scan (TRUE);
        raw = usga_stats_query (db, f, all_groups[g], &error);
        usga_stats_set_raw_scan (FALSE);
        g_assert_no_error (error);
        {
          g_autofree char *a = shown (rollup);
          g_autofree char *b = shown (raw);

          if (g_strcmp0 (a, b) != 0)
            g_error ("%s:\nrollups:\n%s\nraw scan:\n%s", what, a, b);
        }
        counted += rollup->total;
      }
  return counted;
}

/* The choice itself: the rollup only where it answers exactly. */
static void
test_choice (void)
{
  g_autoptr(UsgaFilter) f = usga_filter_new ();
  g_autoptr(GArray) ranges = g_array_new (FALSE, TRUE, sizeof (UsgaDayRange));
  UsgaDayRange year = { "2024-01-01", "2024-12-31", FALSE }, feb = { "2024-02-01", "2024-02-29", FALSE };
  UsgaDayRange cut = { "2024-02-01", "2024-02-28", FALSE };

  g_array_append_val (ranges, year);
  g_assert_nonnull (strstr (usga_rollup_rows_from (USGA_BY_MONTH, FALSE, f, ranges), "incident_summary_month"));
  g_assert_nonnull (strstr (usga_rollup_rows_from (USGA_BY_COLONIA, FALSE, f, ranges), "incident_summary_year_colonia"));
  g_assert_nonnull (strstr (usga_rollup_rows_from (USGA_BY_HOUR_WEEKDAY, FALSE, f, ranges), "incident_hour_summary_year"));
  g_assert_nonnull (strstr (usga_rollup_rows_from (USGA_BY_NONE, TRUE, f, ranges), "incident_hour_summary_year"));
  g_assert_nonnull (strstr (usga_rollup_rows_from (USGA_BY_CUADRANTE, FALSE, f, ranges), "FROM incident_summary i"));
  usga_stats_set_raw_scan (TRUE);
  g_assert_nonnull (strstr (usga_rollup_rows_from (USGA_BY_MONTH, FALSE, f, ranges), "FROM incident i"));
  g_assert_nonnull (strstr (usga_rollup_quarterly_from (), "FROM incident_quarterly)"));
  usga_stats_set_raw_scan (FALSE);
  g_assert_nonnull (strstr (usga_rollup_quarterly_from (), "incident_quarterly_total"));

  /* A colonia keeps the per-colonia rollup (years only); a cuadrante reads the summary. */
  usga_filter_set_area (f, USGA_AREA_LEVEL_COLONIA, 7);
  g_assert_nonnull (strstr (usga_rollup_rows_from (USGA_BY_YEAR, FALSE, f, ranges), "incident_summary_year_colonia"));
  g_assert_nonnull (strstr (usga_rollup_rows_from (USGA_BY_MONTH, FALSE, f, ranges), "FROM incident_summary i"));
  g_assert_nonnull (strstr (usga_rollup_rows_from (USGA_BY_HOUR, FALSE, f, ranges), "FROM incident_hour_summary i"));
  usga_filter_set_area (f, USGA_AREA_LEVEL_CUADRANTE, 7);
  g_assert_nonnull (strstr (usga_rollup_rows_from (USGA_BY_YEAR, FALSE, f, ranges), "FROM incident_summary i"));
  usga_filter_set_area (f, USGA_AREA_LEVEL_ALCALDIA, 0);

  /* A whole leap-year February is a whole month, not a whole year; one day short is neither. */
  g_array_append_val (ranges, feb);
  g_assert_nonnull (strstr (usga_rollup_rows_from (USGA_BY_MONTH, FALSE, f, ranges), "incident_summary_month"));
  g_assert_nonnull (strstr (usga_rollup_rows_from (USGA_BY_HOUR, FALSE, f, ranges), "FROM incident_hour_summary i"));
  g_array_append_val (ranges, cut);
  g_assert_nonnull (strstr (usga_rollup_rows_from (USGA_BY_MONTH, FALSE, f, ranges), "FROM incident_summary i"));
}

/* @sql in one transaction; then the rollups still hold their sums and answer as the raw scan. */
static void
write_and_compare (UsgaDb *db, guint32 seed, const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *batch = g_strconcat ("BEGIN;", sql, "COMMIT;", NULL);

  g_assert_true (usga_db_exec (db, batch, &error));
  g_assert_no_error (error);
  assert_check (db);
  compare_whole_periods (db, seed, 3);
}

/* A deletion inside a transaction shows in @probe (a rollup's total) and is gone with the rollback. */
static void
assert_rolled_back (UsgaDb *db, const char *delete_sql, const char *probe)
{
  g_autoptr(GError) error = NULL;
  gint64 before = usga_db_query_int (db, probe, -1);

  g_assert_true (usga_db_begin (db, &error));
  g_assert_true (usga_db_exec (db, delete_sql, &error));
  g_assert_no_error (error);
  g_assert_cmpint (usga_db_query_int (db, probe, -1), <, before);
  usga_db_rollback (db);
  g_assert_cmpint (usga_db_query_int (db, probe, -1), ==, before);
  assert_check (db);
}

static void
test_bundled (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);

  /* The bundled load went through the triggers. */
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM incident_summary_month", 0), >, 0);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM incident_quarterly_total", 0), >, 0);
  assert_check (db);
  g_assert_cmpint (compare_whole_periods (db, 16, 1), >, 0);
}

static void
test_import_and_writes (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autofree char *dir = usga_test_tmpdir ();
  g_autofree char *csv = g_build_filename (dir, "carpetas.csv", NULL);
  g_autoptr(GError) error = NULL;
  UsgaSyncSummary summary = { 0 };
  gint64 before = usga_db_query_int (db, "SELECT sum (n) FROM incident_summary_month", -1);

  /* A whole-city import: the Iztapalapa rows reach the summaries and so the rollups. */
  g_assert_true (usga_fake_generated_write_csv (csv, 5000, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (usga_import_csv (db, csv, USGA_TABLE_AUTO, TRUE, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  usga_sync_summary_clear (&summary);
  g_assert_cmpint (usga_db_query_int (db, "SELECT sum (n) FROM incident_summary_month", -1), >, before);
  assert_check (db);

  /* Deletes (a supersede), re-placements, moves in time, new rows. */
  write_and_compare (db, 1601,
      "DELETE FROM incident WHERE id % 17 = 0;"
      "UPDATE incident SET colonia_id = NULL WHERE id % 13 = 0;"
      "UPDATE incident SET alcaldia = 'COYOACAN' WHERE id % 7 = 0;"
      "UPDATE incident SET hour = NULL WHERE id % 19 = 0;"
      "UPDATE incident SET date = '2023-12-31', weekday = 0 WHERE id % 23 = 0;");
  assert_rolled_back (db, "DELETE FROM incident WHERE id % 3 = 0", "SELECT sum (n) FROM incident_hour_summary_year");
}

static void
test_quarterly_writes (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);

  /* What a reload of the published counts does: counts added to existing cells (the bundled
   * loader's upsert), new names and cells, zero counts, corrections, cells removed. */
  write_and_compare (db, 2023,
      "INSERT INTO incident_quarterly (colonia_raw, colonia_id, year, quarter, delito_id, count)"
      "  SELECT colonia_raw, colonia_id, year, quarter, delito_id, 3 FROM incident_quarterly WHERE delito_id % 5 = 0"
      "  ON CONFLICT DO UPDATE SET count = count + excluded.count;"
      "INSERT INTO incident_quarterly (colonia_raw, colonia_id, year, quarter, delito_id, count)"
      "  SELECT 'COLONIA NUEVA', NULL, 2022, 3, id, 0 FROM delito WHERE id % 4 = 0;"
      "INSERT INTO incident_quarterly (colonia_raw, colonia_id, year, quarter, delito_id, count)"
      "  SELECT 'COLONIA NUEVA', NULL, 2021, 1, id, 9 FROM delito WHERE id % 6 = 0;"
      "UPDATE incident_quarterly SET count = count * 2 WHERE year = 2020 AND quarter = 2;"
      "UPDATE incident_quarterly SET quarter = 4 WHERE colonia_raw = 'COLONIA NUEVA' AND year = 2022;"
      "DELETE FROM incident_quarterly WHERE year = 2019 AND quarter = 1 AND delito_id % 2 = 0;");
  /* Cells whose rows hold 0 stay (with cells > 0), and go with their last row. */
  write_and_compare (db, 2024, "DELETE FROM incident_quarterly WHERE colonia_raw = 'COLONIA NUEVA';");
  assert_rolled_back (db, "DELETE FROM incident_quarterly WHERE year = 2021", "SELECT sum (count) FROM incident_quarterly_total");
}

static void
test_migration_fills (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  gint64 cells = usga_db_query_int (db, "SELECT count(*) FROM incident_hour_summary_year", -1);
  gboolean listed = FALSE;

  /* It is one of the migrations (others may follow it). */
  for (int v = 1; v <= usga_migrations_count (); v++)
    listed |= g_str_equal (usga_migration_sql (v), USGA_ROLLUP_MIGRATION_SQL);
  g_assert_true (listed);

  /* A database from before the migration: no rollups, no triggers. */
  g_assert_true (usga_db_exec (db, "DROP TABLE incident_summary_month; DROP TABLE incident_summary_year_colonia;"
                                  "DROP TABLE incident_hour_summary_year; DROP TABLE incident_quarterly_total;"
                                  "DROP TRIGGER incident_summary_rollup_insert; DROP TRIGGER incident_summary_rollup_delete;"
                                  "DROP TRIGGER incident_summary_rollup_update; DROP TRIGGER incident_hour_summary_rollup_insert;"
                                  "DROP TRIGGER incident_hour_summary_rollup_delete; DROP TRIGGER incident_hour_summary_rollup_update;"
                                  "DROP TRIGGER incident_quarterly_rollup_insert; DROP TRIGGER incident_quarterly_rollup_delete;"
                                  "DROP TRIGGER incident_quarterly_rollup_update;", &error));
  g_assert_no_error (error);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%rollup%'", -1), ==, 0);
  g_assert_true (usga_db_exec (db, USGA_ROLLUP_MIGRATION_SQL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%rollup%'", -1), ==, 9);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM incident_hour_summary_year", -1), ==, cells);
  assert_check (db);
  /* Run twice (tests replay migrations), it counts afresh. */
  g_assert_true (usga_db_exec (db, USGA_ROLLUP_MIGRATION_SQL, &error));
  assert_check (db);

  /* And the check does see a wrong cell. */
  g_assert_true (usga_db_exec (db, "UPDATE incident_summary_month SET n = n + 1 WHERE date = (SELECT min (date) FROM incident_summary_month)", &error));
  g_assert_cmpint (usga_rollup_check (db, NULL), >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rollup/choice", test_choice);
  g_test_add_func ("/rollup/bundled", test_bundled);
  g_test_add_func ("/rollup/import-and-writes", test_import_and_writes);
  g_test_add_func ("/rollup/quarterly-writes", test_quarterly_writes);
  g_test_add_func ("/rollup/migration-fills", test_migration_fills);
  return g_test_run ();
}
