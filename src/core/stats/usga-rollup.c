/* usga-rollup.c — choosing the rollup that answers a query (usga-rollup.h), and checking them.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "usga-rollup.h"
#include "usga-stats-private.h"

/* The rollups with the summaries' columns (the ones they sum away are NULL), so the summaries'
 * WHERE and GROUP BY fit them unchanged; SQLite flattens the subquery and reads the table's
 * key in date order, as it does the summary's. */
static const char month_from[] =
  " FROM (SELECT date, delito_id, NULL AS colonia_id, NULL AS cuadrante_id, n FROM incident_summary_month) i"
  " JOIN delito d ON d.id = i.delito_id";
static const char colonia_from[] =
  " FROM (SELECT date, delito_id, colonia_id, NULL AS cuadrante_id, n FROM incident_summary_year_colonia) i"
  " JOIN delito d ON d.id = i.delito_id";
static const char hour_from[] =
  " FROM (SELECT date, weekday, hour, time_placeholder, delito_id, NULL AS colonia_id, NULL AS cuadrante_id, n"
  "       FROM incident_hour_summary_year) i"
  " JOIN delito d ON d.id = i.delito_id";

static int
days_in_month (int year, int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  return month == 2 && leap ? 29 : days[month - 1];
}

/* Whether [from, to] begins on a first and ends on a last day of a month (@years: of a year). */
static gboolean
range_is_whole (const UsgaDayRange *r, gboolean years)
{
  int fy, fm, fd, ty, tm, td;

  if (strlen (r->from) != 10 || strlen (r->to) != 10 ||
      sscanf (r->from, "%4d-%2d-%2d", &fy, &fm, &fd) != 3 || sscanf (r->to, "%4d-%2d-%2d", &ty, &tm, &td) != 3 ||
      fm < 1 || fm > 12 || tm < 1 || tm > 12)
    return FALSE;
  if (years)
    return fm == 1 && fd == 1 && tm == 12 && td == 31;
  return fd == 1 && td == days_in_month (ty, tm);
}

static gboolean
ranges_are_whole (GArray *ranges, gboolean years)
{
  for (guint i = 0; i < ranges->len; i++)
    if (!range_is_whole (&g_array_index (ranges, UsgaDayRange, i), years))
      return FALSE;
  return TRUE;
}

/* The area filter usga_stats_bind_filter binds, if any. */
static UsgaAreaLevel
area_filter (UsgaFilter *filter)
{
  return usga_filter_get_area_id (filter) > 0 ? usga_filter_get_area_level (filter) : USGA_AREA_LEVEL_ALCALDIA;
}

const char *
usga_rollup_rows_from (UsgaGroupBy by, gboolean hours, UsgaFilter *filter, GArray *ranges)
{
  UsgaAreaLevel area = area_filter (filter);

  hours = hours || by == USGA_BY_HOUR || by == USGA_BY_WEEKDAY || by == USGA_BY_HOUR_WEEKDAY;
  if (g_atomic_int_get (&usga_stats_raw_scan) || ranges == NULL || ranges->len == 0)
    return usga_stats_rows_from (by, hours);
  if (hours)
    return area == USGA_AREA_LEVEL_ALCALDIA && ranges_are_whole (ranges, TRUE) ? hour_from : usga_stats_rows_from (by, hours);
  if (by == USGA_BY_CUADRANTE || by == USGA_BY_SECTOR || area == USGA_AREA_LEVEL_CUADRANTE || area == USGA_AREA_LEVEL_SECTOR)
    return usga_stats_rows_from (by, hours);
  if (by != USGA_BY_COLONIA && area == USGA_AREA_LEVEL_ALCALDIA && ranges_are_whole (ranges, FALSE))
    return month_from;
  /* Months and quarters need the date within the year. */
  if (by != USGA_BY_MONTH && by != USGA_BY_QUARTER && ranges_are_whole (ranges, TRUE))
    return colonia_from;
  return usga_stats_rows_from (by, hours);
}

const char *
usga_rollup_quarterly_from (void)
{
  /* A raw scan (tests) reads the published counts themselves, so it checks this rollup too. */
  if (g_atomic_int_get (&usga_stats_raw_scan))
    return "(SELECT colonia_raw, colonia_id, NULL AS cuadrante_id, year, quarter, delito_id, count FROM incident_quarterly)";
  return "(SELECT NULL AS colonia_raw, NULL AS colonia_id, NULL AS cuadrante_id, year, quarter, delito_id, count"
         " FROM incident_quarterly_total)";
}

gint64
usga_rollup_check (UsgaDb *db, GError **error)
{
  /* Cells present on one side only, or with different counts. */
  static const char *const sql[] = {
    "WITH f (k1, k2, n) AS (" USGA_ROLLUP_MONTH_FILL ")"
    " SELECT (SELECT count(*) FROM f LEFT JOIN incident_summary_month r ON r.date = f.k1 AND r.delito_id = f.k2"
    "         WHERE r.n IS NOT f.n)"
    " + (SELECT count(*) FROM incident_summary_month r LEFT JOIN f ON r.date = f.k1 AND r.delito_id = f.k2"
    "    WHERE f.n IS NULL)",
    "WITH f (k1, k2, k3, n) AS (" USGA_ROLLUP_COLONIA_FILL ")"
    " SELECT (SELECT count(*) FROM f LEFT JOIN incident_summary_year_colonia r ON r.date = f.k1"
    "         AND r.delito_id = f.k2 AND r.colonia_id = f.k3 WHERE r.n IS NOT f.n)"
    " + (SELECT count(*) FROM incident_summary_year_colonia r LEFT JOIN f ON r.date = f.k1"
    "    AND r.delito_id = f.k2 AND r.colonia_id = f.k3 WHERE f.n IS NULL)",
    "WITH f (k1, k2, k3, k4, k5, n) AS (" USGA_ROLLUP_HOUR_FILL ")"
    " SELECT (SELECT count(*) FROM f LEFT JOIN incident_hour_summary_year r ON r.date = f.k1 AND r.weekday = f.k2"
    "         AND r.hour = f.k3 AND r.time_placeholder = f.k4 AND r.delito_id = f.k5 WHERE r.n IS NOT f.n)"
    " + (SELECT count(*) FROM incident_hour_summary_year r LEFT JOIN f ON r.date = f.k1 AND r.weekday = f.k2"
    "    AND r.hour = f.k3 AND r.time_placeholder = f.k4 AND r.delito_id = f.k5 WHERE f.n IS NULL)",
    "WITH f (k1, k2, k3, n, cells) AS (" USGA_ROLLUP_QUARTER_FILL ")"
    " SELECT (SELECT count(*) FROM f LEFT JOIN incident_quarterly_total r ON r.year = f.k1 AND r.quarter = f.k2"
    "         AND r.delito_id = f.k3 WHERE r.count IS NOT f.n OR r.cells IS NOT f.cells)"
    " + (SELECT count(*) FROM incident_quarterly_total r LEFT JOIN f ON r.year = f.k1 AND r.quarter = f.k2"
    "    AND r.delito_id = f.k3 WHERE f.n IS NULL)",
  };
  return usga_db_sum_counts (db, sql, G_N_ELEMENTS (sql), "rollup check", error);
}
