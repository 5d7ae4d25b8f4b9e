/* test-charts.c — aggregates, year-over-year arithmetic, rates, the heatmap's exclusion rule,
 * victims, the report baseline and exports, checked against numbers this test computes itself
 * from the fixture rows it inserts (no bundled data, so every expected value is known here).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "usga-chart-build.h"
#include "usga-palette.h"
#include "usga-test-util.h"

#define N_ROWS 900
#define ALCALDIA_POPULATION 1835486
static const gint64 colonia_population[3] = { 20000, 5000, 500 };  /* the third is too small to rank */

typedef struct {
  UsgaDb *db;
  char   *path;
  /* Expected values, computed while inserting. [category 0 = domestic violence, 1 = robbery] */
  gint64  month[2][2][12];        /* [year 2023/2024][category][month] */
  gint64  heat[7][24];            /* 2024, known hours only */
  gint64  placeholder_2024;       /* 2024 rows at 00:00 (FGJ's unknown time) */
  gint64  colonia_2024[3];
  gint64  total_2024;
  gint64  quarterly_2022;         /* published quarterly counts for 2022 */
} Fixture;

static void
exec (UsgaDb *db, const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_assert_true (usga_db_exec (db, sql, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  guint32 seed = 12345;

  memset (f, 0, sizeof *f);
  f->path = usga_test_db_path ();
  f->db = usga_db_open (f->path, USGA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (usga_categories_seed (f->db, &error));
  exec (f->db, "INSERT INTO alcaldia (cvegeo, name, population, geometry) VALUES ('09007', 'Iztapalapa', 1835486, '{}')");
  exec (f->db, "INSERT INTO colonia (id, cve, name, population, geometry) VALUES "
               "(1, '07-001', 'Colonia Uno', 20000, '{}'), (2, '07-002', 'Colonia Dos', 5000, '{}'),"
               "(3, '07-003', 'Colonia Tres', 500, '{}')");
  exec (f->db, "INSERT INTO delito (id, name, category) VALUES (1, 'VIOLENCIA FAMILIAR', 'domestic_violence'),"
               "(2, 'ROBO A TRANSEUNTE EN VIA PUBLICA CON VIOLENCIA', 'robbery_pedestrian')");
  exec (f->db, "INSERT INTO report_baseline (category, label, from_year, to_year, change_pct, source_ref) VALUES "
               "('domestic_violence', 'Domestic violence', 2015, 2020, 47.5, 'L229'),"
               "('sexual_abuse', 'Sexual assault', 2015, 2020, 141, 'L231'),"
               "('rape', 'Rape', 2015, 2020, 94, 'L233'),"
               "('robbery', 'Robbery', 2015, 2020, -7, 'L235')");

  stmt = usga_db_prepare (f->db,
      "INSERT INTO incident (content_key, origin, delito_id, date, year, month, weekday, hour, time_placeholder, colonia_id)"
      " VALUES (?, 'csv', ?, ?, ?, ?, ?, ?, ?, ?)", &error);
  g_assert_no_error (error);
  exec (f->db, "BEGIN");
  for (int n = 0; n < N_ROWS; n++)
    {
      int year, month, day, category, hour, colonia, weekday;
      gboolean placeholder;
      g_autofree char *key = g_strdup_printf ("k%d", n);
      g_autofree char *date = NULL;
      g_autoptr(GDate) d = NULL;

      /* A small deterministic generator: uneven months, hours and colonias. */
      seed = seed * 1103515245u + 12345u;
      year = 2023 + (seed >> 8) % 2;
      month = 1 + (seed >> 12) % 12;
      day = 1 + (seed >> 16) % 28;
      category = (seed >> 20) % 3 == 0 ? 1 : 0;
      hour = (seed >> 22) % 24;
      colonia = (seed >> 27) % 3;
      placeholder = hour == 0 && (n % 2 == 0);   /* half the midnight rows are the 00:00 placeholder */
      d = g_date_new_dmy (day, month, year);
      weekday = g_date_get_weekday (d);          /* 1 = Monday */
      date = g_strdup_printf ("%04d-%02d-%02d", year, month, day);

      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, category + 1);
      sqlite3_bind_text (stmt, 3, date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 4, year);
      sqlite3_bind_int (stmt, 5, month);
      sqlite3_bind_int (stmt, 6, weekday);
      sqlite3_bind_int (stmt, 7, hour);
      sqlite3_bind_int (stmt, 8, placeholder);
      sqlite3_bind_int (stmt, 9, colonia + 1);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);

      f->month[year - 2023][category][month - 1]++;
      if (year == 2024)
        {
          f->total_2024++;
          f->colonia_2024[colonia]++;
          if (placeholder)
            f->placeholder_2024++;
          else
            f->heat[weekday - 1][hour]++;
        }
    }
  /* Published quarterly history for 2022 (no carpeta rows that year). */
  exec (f->db, "INSERT INTO incident_quarterly (colonia_raw, colonia_id, year, quarter, delito_id, count) VALUES "
               "('UNO', 1, 2022, 1, 1, 40), ('UNO', 1, 2022, 2, 1, 35), ('DOS', 2, 2022, 3, 2, 20), ('DOS', 2, 2022, 4, 1, 25)");
  f->quarterly_2022 = 40 + 35 + 20 + 25;
  exec (f->db, "COMMIT");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  usga_db_close (f->db);
  g_unlink (f->path);
  g_free (f->path);
}

static UsgaFilter *
year_filter (int year)
{
  UsgaFilter *filter = usga_filter_new ();
  g_autofree char *from = g_strdup_printf ("%d-01-01", year);
  g_autofree char *to = g_strdup_printf ("%d-12-31", year);

  usga_filter_set_period (filter, from, to);
  return filter;
}

static void
test_aggregates (Fixture *f, gconstpointer data)
{
  g_autoptr(UsgaFilter) filter = year_filter (2024);
  const char *categories[] = { "domestic_violence", "robbery_pedestrian", NULL };
  UsgaChartOptions options = { USGA_BY_MONTH, FALSE, FALSE, FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaStats) months = usga_stats_query (f->db, filter, USGA_BY_MONTH, &error);
  g_autoptr(UsgaChartModel) chart = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (months->total, ==, f->total_2024);
  g_assert_cmpuint (months->rows->len, ==, 12);
  for (int m = 0; m < 12; m++)
    {
      UsgaStatRow *row = g_ptr_array_index (months->rows, m);
      g_assert_cmpint (row->count, ==, f->month[1][0][m] + f->month[1][1][m]);
      g_assert_cmpstr (row->source, ==, USGA_SOURCE_POINTS);
    }

  /* Two categories at once: one line each, each equal to its own count per month. */
  usga_filter_set_categories (filter, categories);
  chart = usga_chart_build (f->db, filter, USGA_VIEW_TRENDS, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chart->series->len, ==, 2);
  g_assert_cmpuint (usga_chart_model_n_x (chart), ==, 12);
  for (guint s = 0; s < 2; s++)
    {
      UsgaChartSeries *series = g_ptr_array_index (chart->series, s);
      for (int m = 0; m < 12; m++)
        {
          g_assert_cmpint (g_array_index (series->counts, gint64, m), ==, f->month[1][s][m]);
          g_assert_cmpfloat (g_array_index (series->values, double, m), ==, (double) f->month[1][s][m]);
        }
    }
  /* The domestic violence line carries the report's baseline; the footer states the filters. */
  g_assert_nonnull (((UsgaChartSeries *) g_ptr_array_index (chart->series, 0))->baseline);
  g_assert_nonnull (strstr (((UsgaChartSeries *) g_ptr_array_index (chart->series, 0))->baseline, "47.5"));
  g_assert_nonnull (strstr (chart->footer, "2024-01-01"));
  g_assert_nonnull (strstr (chart->subtitle, "2024-01"));
  /* Twelve months and no earlier December: the headline names its two months as such. */
  g_assert_true (g_str_has_prefix (((UsgaChartSeries *) g_ptr_array_index (chart->series, 0))->live_change,
                                   "2024-12 vs 2024-01 (first period shown): "));
}

/* A window that cuts its first and last months: those two are named as partial and the
 * headline change compares whole months only (here the last whole one with the first whole one). */
static void
test_partial_periods (Fixture *f, gconstpointer data)
{
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  UsgaChartOptions options = { USGA_BY_MONTH, FALSE, FALSE, FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaChartModel) chart = NULL;
  UsgaChartSeries *series;
  gint64 feb = f->month[1][0][1] + f->month[1][1][1], may = f->month[1][0][4] + f->month[1][1][4];
  g_autofree char *want = g_strdup_printf ("2024-05 vs 2024-02 (first period shown): ");

  usga_filter_set_period (filter, "2024-01-15", "2024-06-10");
  chart = usga_chart_build (f->db, filter, USGA_VIEW_TRENDS, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (usga_chart_model_n_x (chart), ==, 6);
  series = g_ptr_array_index (chart->series, 0);
  g_assert_true (g_str_has_prefix (series->live_change, want));
  /* The change printed is (May − February) / February of the hand-counted fixture. */
  {
    g_autofree char *change = usga_format_signed_percent (100.0 * (may - feb) / feb);
    g_assert_nonnull (strstr (series->live_change, change));
  }
  g_assert_nonnull (strstr (chart->note, "Partial periods: 2024-01, 2024-06 (the counts cover 2024-01-15 to 2024-06-10 only)"));

  /* Whole months: nothing is called partial. */
  usga_filter_set_period (filter, "2024-01-01", "2024-06-30");
  g_clear_pointer (&chart, usga_chart_model_free);
  chart = usga_chart_build (f->db, filter, USGA_VIEW_TRENDS, &options, &error);
  g_assert_null (strstr (chart->note, "Partial periods"));
  g_assert_true (g_str_has_prefix (((UsgaChartSeries *) g_ptr_array_index (chart->series, 0))->live_change,
                                   "2024-06 vs 2024-01 (first period shown): "));
}

static void
test_sources_labelled (Fixture *f, gconstpointer data)
{
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  UsgaChartOptions options = { USGA_BY_YEAR, FALSE, FALSE, FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaChartModel) chart = usga_chart_build (f->db, filter, USGA_VIEW_TRENDS, &options, &error);
  UsgaChartSeries *series;

  g_assert_no_error (error);
  g_assert_cmpuint (usga_chart_model_n_x (chart), ==, 3);
  series = g_ptr_array_index (chart->series, 0);
  g_assert_cmpstr (g_ptr_array_index (chart->x_keys, 0), ==, "2022");
  g_assert_cmpstr (g_ptr_array_index (chart->x_sources, 0), ==, USGA_SOURCE_QUARTERLY);
  g_assert_cmpstr (g_ptr_array_index (chart->x_sources, 2), ==, USGA_SOURCE_POINTS);
  g_assert_cmpint (g_array_index (series->counts, gint64, 0), ==, f->quarterly_2022);
  g_assert_cmpint (g_array_index (series->counts, gint64, 2), ==, f->total_2024);
  /* Both sources are named in the subtitle, with the periods each covers. */
  g_assert_nonnull (strstr (chart->subtitle, "2022: "));
  g_assert_nonnull (strstr (chart->subtitle, "2023–2024: "));
  /* The headline change says what it compares: the last year against the one before. */
  g_assert_true (g_str_has_prefix (series->live_change, "2024 vs 2023: "));
  g_assert_nonnull (chart->method);
}

static void
test_year_over_year (Fixture *f, gconstpointer data)
{
  g_autoptr(UsgaFilter) filter = year_filter (2024);
  g_autoptr(UsgaFilter) before = usga_filter_shift_years (filter, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaStats) now = usga_stats_query (f->db, filter, USGA_BY_QUARTER, &error);
  g_autoptr(UsgaStats) then = usga_stats_query (f->db, before, USGA_BY_QUARTER, &error);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_auto(GStrv) lines = NULL;
  g_autofree char *key = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (usga_filter_get_date_from (before), ==, "2023-01-01");
  key = usga_stats_previous_year_key (USGA_BY_MONTH, "2024-03");
  g_assert_cmpstr (key, ==, "2023-03");
  g_free (key);
  key = usga_stats_previous_year_key (USGA_BY_QUARTER, "2024-Q1");
  g_assert_cmpstr (key, ==, "2023-Q1");
  g_assert_true (isnan (usga_percent_change (0, 5)));
  g_assert_cmpfloat_with_epsilon (usga_percent_change (200, 150), -25.0, 1e-9);

  g_assert_true (usga_stats_write_comparison (now, then, FALSE, out, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  lines = g_strsplit (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)), "\n", -1);
  g_assert_cmpstr (lines[0], ==, "quarter,count,previous_count,change_pct,source");
  for (int q = 0; q < 4; q++)
    {
      gint64 a = 0, b = 0;
      g_autofree char *expected = NULL;
      char change[G_ASCII_DTOSTR_BUF_SIZE];

      for (int m = q * 3; m < q * 3 + 3; m++)
        for (int c = 0; c < 2; c++)
          a += f->month[1][c][m], b += f->month[0][c][m];
      g_ascii_formatd (change, sizeof change, "%.1f", 100.0 * (a - b) / b);
      expected = g_strdup_printf ("2024-Q%d,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%s,carpetas", q + 1, a, b, change);
      g_assert_cmpstr (lines[q + 1], ==, expected);
    }
}

static void
test_rates (Fixture *f, gconstpointer data)
{
  g_autoptr(UsgaFilter) filter = year_filter (2024);
  UsgaChartOptions options = { USGA_BY_YEAR, TRUE, FALSE, FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaChartModel) ranking = usga_chart_build (f->db, filter, USGA_VIEW_RANKING, &options, &error);
  g_autoptr(UsgaChartModel) series = NULL;
  UsgaChartSeries *bars;
  double rate1 = 1e5 * f->colonia_2024[0] / colonia_population[0];
  double rate2 = 1e5 * f->colonia_2024[1] / colonia_population[1];

  g_assert_no_error (error);
  g_assert_true (ranking->rates);
  /* Colonia Tres (500 inhabitants) is not ranked by rate; the other two are, highest first. */
  g_assert_cmpuint (usga_chart_model_n_x (ranking), ==, 2);
  bars = g_ptr_array_index (ranking->series, 0);
  g_assert_cmpfloat_with_epsilon (g_array_index (bars->values, double, 0), MAX (rate1, rate2), 1e-9);
  g_assert_cmpfloat_with_epsilon (g_array_index (bars->values, double, 1), MIN (rate1, rate2), 1e-9);
  g_assert_nonnull (strstr (ranking->note, "1000"));

  series = usga_chart_build (f->db, filter, USGA_VIEW_TRENDS, &options, &error);
  g_assert_no_error (error);
  g_assert_true (series->rates);
  g_assert_cmpfloat_with_epsilon (g_array_index (((UsgaChartSeries *) g_ptr_array_index (series->series, 0))->values, double, 0),
                                  1e5 * f->total_2024 / ALCALDIA_POPULATION, 1e-9);
}

static void
test_heatmap_exclusion (Fixture *f, gconstpointer data)
{
  g_autoptr(UsgaFilter) filter = year_filter (2024);
  UsgaChartOptions options = { USGA_BY_MONTH, FALSE, FALSE, FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaChartModel) heat = usga_chart_build (f->db, filter, USGA_VIEW_HEATMAP, &options, &error);
  g_autofree char *excluded = g_strdup_printf ("%" G_GINT64_FORMAT, f->placeholder_2024);

  g_assert_no_error (error);
  g_assert_cmpint (f->placeholder_2024, >, 0);
  g_assert_cmpuint (heat->series->len, ==, 7);
  g_assert_cmpuint (usga_chart_model_n_x (heat), ==, 24);
  for (int w = 0; w < 7; w++)
    for (int h = 0; h < 24; h++)
      g_assert_cmpint (g_array_index (((UsgaChartSeries *) g_ptr_array_index (heat->series, w))->counts, gint64, h),
                       ==, f->heat[w][h]);
  /* Every carpeta is either in a cell or counted as excluded, and the note says how many. */
  g_assert_cmpint (usga_chart_model_total (heat) + f->placeholder_2024, ==, f->total_2024);
  g_assert_nonnull (strstr (heat->note, excluded));
  g_assert_nonnull (strstr (heat->note, "00:00"));
}

static void
test_moving_average (void)
{
  const double values[] = { 3, 6, 9, 12, 0 };
  double out[5];

  usga_series_moving_average (values, 5, 3, out);
  g_assert_true (isnan (out[0]) && isnan (out[1]));
  g_assert_cmpfloat (out[2], ==, 6);
  g_assert_cmpfloat (out[3], ==, 9);
  g_assert_cmpfloat (out[4], ==, 7);
}

static void
test_victims (Fixture *f, gconstpointer data)
{
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  UsgaChartOptions options = { USGA_BY_MONTH, FALSE, FALSE, FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaChartModel) empty = usga_chart_build (f->db, filter, USGA_VIEW_VICTIMS, &options, &error);
  g_autoptr(UsgaChartModel) filled = NULL;
  UsgaChartSeries *women, *men;

  g_assert_no_error (error);
  /* No víctimas rows: the chart explains why rather than drawing zeros. */
  g_assert_nonnull (empty->empty_message);
  g_assert_nonnull (strstr (empty->empty_message, "víctimas"));

  exec (f->db, "INSERT INTO victim (content_key, origin, delito_id, date, year, month, weekday, sex, age) VALUES "
               "('v1', 'csv', 1, '2024-02-01', 2024, 2, 4, 'F', 17),"
               "('v2', 'csv', 1, '2024-02-01', 2024, 2, 4, 'F', 18),"
               "('v3', 'csv', 1, '2024-02-02', 2024, 2, 5, 'F', 29),"
               "('v4', 'csv', 2, '2024-03-01', 2024, 3, 5, 'M', 60),"
               "('v5', 'csv', 2, '2024-03-01', 2024, 3, 5, 'M', NULL),"
               "('v6', 'csv', 2, '2024-03-01', 2024, 3, 5, NULL, 40)");
  filled = usga_chart_build (f->db, filter, USGA_VIEW_VICTIMS, &options, &error);
  g_assert_no_error (error);
  g_assert_null (filled->empty_message);
  women = g_ptr_array_index (filled->series, 0);
  men = g_ptr_array_index (filled->series, 1);
  g_assert_cmpint (g_array_index (women->counts, gint64, 0), ==, 1);   /* 0–17 */
  g_assert_cmpint (g_array_index (women->counts, gint64, 1), ==, 2);   /* 18–29 */
  g_assert_cmpint (g_array_index (men->counts, gint64, 4), ==, 1);     /* 60+ */
  g_assert_cmpint (g_array_index (men->counts, gint64, 5), ==, 1);     /* age unknown */
  g_assert_nonnull (strstr (filled->note, "1"));                      /* one without sex */
}

static void
test_baseline (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = usga_report_baseline_load (f->db, &error);
  g_autoptr(GPtrArray) sexual = NULL;
  g_autoptr(GPtrArray) robbery = NULL;
  g_autoptr(GPtrArray) vehicle = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  sexual = usga_report_baseline_for (all, "sexual");
  robbery = usga_report_baseline_for (all, "robbery");
  vehicle = usga_report_baseline_for (all, "robbery_vehicle");
  g_assert_cmpuint (sexual->len, ==, 2);       /* sexual abuse and rape */
  g_assert_cmpuint (robbery->len, ==, 1);      /* its own line, not every modality */
  g_assert_cmpuint (vehicle->len, ==, 0);
  g_assert_cmpfloat (((UsgaBaseline *) robbery->pdata[0])->change_pct, ==, -7);
}

static char *
read_all (const char *path, gsize *length)
{
  char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

static gint64
csv_count_sum (const char *table, int *rows)
{
  g_auto(GStrv) lines = g_strsplit (table, "\n", -1);
  g_auto(GStrv) header = g_strsplit (lines[0], ",", -1);
  int column = -1;
  gint64 sum = 0;

  for (int c = 0; header[c]; c++)
    if (g_str_equal (header[c], "count"))
      column = c;
  g_assert_cmpint (column, >=, 0);
  *rows = 0;
  for (int i = 1; lines[i] && lines[i][0] && lines[i][0] != '#'; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);   /* fixture labels have no commas */
      g_assert_cmpuint (g_strv_length (cells), ==, g_strv_length (header));
      sum += g_ascii_strtoll (cells[column], NULL, 10);
      (*rows)++;
    }
  return sum;
}

static void
test_exports (Fixture *f, gconstpointer data)
{
  g_autoptr(UsgaFilter) filter = year_filter (2024);
  UsgaChartOptions options = { USGA_BY_MONTH, FALSE, TRUE, FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = usga_chart_build_trends_page (f->db, filter, &options, &error);
  g_autofree char *dir = usga_test_tmpdir ();
  g_autoptr(UsgaStats) stats = usga_stats_query (f->db, filter, USGA_BY_MONTH, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 4);
  for (UsgaExportFormat format = USGA_EXPORT_PNG; format <= USGA_EXPORT_CSV; format++)
    {
      g_autofree char *name = g_strdup_printf ("page.%s", usga_export_format_extension (format));
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (usga_chart_export (page, format, path, 1000, 500, &error));
      g_assert_no_error (error);
      contents = read_all (path, &length);
      switch (format)
        {
        case USGA_EXPORT_PNG:
          g_assert_cmpuint (length, >, 8);
          g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
          break;
        case USGA_EXPORT_SVG:
          {
            /* Parses as XML, and the footer's filter text is in it. */
            GMarkupParser parser = { 0 };
            g_autoptr(GMarkupParseContext) ctx = g_markup_parse_context_new (&parser, 0, NULL, NULL);
            g_assert_true (g_markup_parse_context_parse (ctx, contents, length, &error));
            g_assert_true (g_markup_parse_context_end_parse (ctx, &error));
            g_assert_no_error (error);
            g_assert_nonnull (strstr (contents, "<svg"));
          }
          break;
        case USGA_EXPORT_PDF:
          g_assert_true (g_str_has_prefix (contents, "%PDF-"));
          g_assert_nonnull (g_strrstr (contents + length - 16, "%%EOF"));
          break;
        case USGA_EXPORT_CSV:
          {
            /* One table per chart, separated by a blank line; each sums to its chart. */
            g_auto(GStrv) tables = g_strsplit (contents, "\n\n", -1);
            int rows;
            g_assert_cmpuint (g_strv_length (tables), ==, 4);
            g_assert_cmpint (csv_count_sum (tables[0], &rows), ==, stats->total);
            g_assert_cmpint (rows, ==, 12);
            for (guint t = 0; t < 4; t++)
              g_assert_cmpint (csv_count_sum (tables[t], &rows), ==,
                               usga_chart_model_total (g_ptr_array_index (page, t)));
            g_assert_cmpint (csv_count_sum (tables[2], &rows), ==, f->total_2024 - f->placeholder_2024);
            g_assert_nonnull (strstr (contents, "# Filters: 2024-01-01"));
            g_assert_nonnull (strstr (tables[0], "moving_average_3"));
          }
          break;
        }
    }
  /* A path that cannot be written is an error naming the file, not a crash. */
  g_assert_false (usga_chart_export (page, USGA_EXPORT_PNG, "/nonexistent-dir/x.png", 800, 400, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent-dir/x.png"));
}

static void
test_words (Fixture *f, gconstpointer data)
{
  g_autoptr(UsgaFilter) filter = year_filter (2024);
  UsgaChartOptions options = { USGA_BY_MONTH, FALSE, FALSE, FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaChartModel) chart = usga_chart_build (f->db, filter, USGA_VIEW_TRENDS, &options, &error);
  g_autofree char *summary = usga_chart_summary (chart);
  g_autofree char *point = usga_chart_point_text (chart, 0, 1);
  g_autoptr(GPtrArray) table = usga_chart_table (chart, FALSE);
  int s = -1, i = -1;

  g_assert_no_error (error);
  g_assert_nonnull (strstr (summary, chart->title));
  g_assert_nonnull (strstr (summary, "2024-01"));
  g_assert_nonnull (strstr (point, "2024-02"));
  g_assert_nonnull (strstr (point, "2024-01"));            /* the change is against January */
  g_assert_cmpuint (table->len, ==, 13);
  /* The middle of the plot hits a data point; the title area does not. */
  g_assert_true (usga_chart_hit (chart, 1000, 500, 500, 250, &s, &i));
  g_assert_cmpint (s, ==, 0);
  g_assert_cmpint (i, >=, 4);
  g_assert_cmpint (i, <=, 7);
  g_assert_false (usga_chart_hit (chart, 1000, 500, 500, 5, &s, &i));
}

/* The one sparkline drawing (KPI cards and the evidence panel): pixels where this test puts
 * them by hand. A 101 × 42 box has a 2 px margin, so values 2, 0, 8, 4 (highest 8) give points
 * at x = 2, 34.3, 66.7, 99 and y = 40 − v / 8 × 38: the last, the marked one, at (99, 21). */
static gboolean
painted (cairo_surface_t *surface, int x, int y)
{
  const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface));

  return (row[x] >> 24) > 200;
}

static gboolean
painted_in (cairo_surface_t *surface, int x0, int y0, int x1, int y1)
{
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if ((cairo_image_surface_get_data (surface)[y * cairo_image_surface_get_stride (surface) + 4 * x + 3]) > 0)
        return TRUE;
  return FALSE;
}

static cairo_surface_t *
draw_sparkline (UsgaChartModel *m, gboolean labels)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 101, 42);
  cairo_t *cr = cairo_create (surface);

  usga_chart_draw_sparkline (cr, 101, 42, m, 0, FALSE, labels);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
test_sparkline (void)
{
  g_autoptr(UsgaChartModel) m = usga_chart_model_new (USGA_CHART_TIME_SERIES);
  g_autoptr(UsgaChartModel) empty = usga_chart_model_new (USGA_CHART_TIME_SERIES);
  UsgaStats stats = { .rows = g_ptr_array_new () };
  UsgaStatRow rows[] = { { .key = "2024-01", .count = 2 }, { .key = "2024-02", .count = 0 },
                         { .key = "2024-03", .count = 8 }, { .key = "2024-04", .count = 4 } };
  UsgaRgb colour = usga_palette_series (FALSE, 0);
  cairo_surface_t *bare, *labelled, *none;
  guint32 centre;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_ptr_array_add (stats.rows, &rows[i]);
  usga_chart_model_add_stats (m, "x", "X", &stats, TRUE);
  g_ptr_array_unref (stats.rows);
  g_assert_cmpuint (usga_chart_model_n_x (m), ==, 4);
  g_assert_cmpint (usga_chart_model_total (m), ==, 14);

  bare = draw_sparkline (m, FALSE);
  /* The marker: centred on the last value, in the palette's first series colour. */
  g_assert_true (painted (bare, 99, 21));
  centre = ((const guint32 *) (cairo_image_surface_get_data (bare) + 21 * cairo_image_surface_get_stride (bare)))[99];
  g_assert_cmpint (abs ((int) ((centre >> 16) & 0xff) - (int) lround (colour.r * 255)), <=, 1);
  g_assert_cmpint (abs ((int) ((centre >> 8) & 0xff) - (int) lround (colour.g * 255)), <=, 1);
  g_assert_cmpint (abs ((int) (centre & 0xff) - (int) lround (colour.b * 255)), <=, 1);
  g_assert_false (painted_in (bare, 95, 0, 101, 14));   /* not at the top: 4 is half of 8 */
  g_assert_true (painted_in (bare, 66, 1, 68, 3));      /* the highest value touches the top */
  g_assert_true (painted_in (bare, 33, 39, 35, 41));    /* zero sits on the bottom */
  g_assert_false (painted_in (bare, 33, 0, 35, 30));
  g_assert_false (painted_in (bare, 0, 0, 30, 8));      /* a bare line has no text */

  labelled = draw_sparkline (m, TRUE);
  g_assert_true (painted_in (labelled, 0, 0, 30, 8));   /* "max 8" */
  g_assert_true (painted_in (labelled, 0, 34, 30, 42)); /* "2024-01" under the line */

  none = draw_sparkline (empty, TRUE);
  g_assert_false (painted_in (none, 0, 0, 101, 42));
  cairo_surface_destroy (bare);
  cairo_surface_destroy (labelled);
  cairo_surface_destroy (none);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/charts/aggregates", test_aggregates);
  ADD ("/charts/sources-labelled", test_sources_labelled);
  ADD ("/charts/partial-periods", test_partial_periods);
  ADD ("/charts/year-over-year", test_year_over_year);
  ADD ("/charts/rates", test_rates);
  ADD ("/charts/heatmap-exclusion", test_heatmap_exclusion);
  ADD ("/charts/victims", test_victims);
  ADD ("/charts/baseline", test_baseline);
  ADD ("/charts/exports", test_exports);
  ADD ("/charts/words", test_words);
  g_test_add_func ("/charts/moving-average", test_moving_average);
  g_test_add_func ("/charts/sparkline", test_sparkline);
  return g_test_run ();
}
