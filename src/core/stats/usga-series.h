/* usga-series.h — derived series on top of usga_stats_query(): moving averages,
 * year-over-year comparison, victims by sex × age and the report's baseline.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-stats.h"

G_BEGIN_DECLS

/* Trailing mean over @window values; the first @window - 1 outputs are NAN
 * (a 3-month average needs three months). NAN inputs make the window NAN. */
void    usga_series_moving_average (const double *values, guint n, guint window, double *out);

/* Key of the same period one year earlier ("2024-03" -> "2023-03", "2024-Q1" -> "2023-Q1",
 * "2024" -> "2023"); for non-time groups the key itself. */
char   *usga_stats_previous_year_key (UsgaGroupBy by, const char *key);
/* First and last day ("YYYY-MM-DD") of the period a month, quarter or year key names
 * ("2024-03", "2024-Q2", "2024"); FALSE for other groupings or keys. */
gboolean usga_stats_key_bounds     (UsgaGroupBy by, const char *key, char first[11], char last[11]);
/* Count of @previous's row matching @row a year earlier; -1 when @previous has no such row. */
gint64  usga_stats_previous_count (UsgaStats *previous, UsgaGroupBy by, const char *key);
/* @stats with previous_count and change_pct columns (CSV, or JSON when @json). */
gboolean usga_stats_write_comparison (UsgaStats *stats, UsgaStats *previous, gboolean json,
                                      GOutputStream *out, GError **error);

/* The same for usga_stats_compare_years(): JSON also carries "compared" (its label). */
gboolean usga_comparison_write (UsgaComparison *comparison, gboolean json, GOutputStream *out,
                                GError **error);

/* Victims by sex and age group, from the víctimas rows (empty until a sync or import). */
#define USGA_N_AGE_GROUPS 5
typedef struct {
  gint64 counts[2][USGA_N_AGE_GROUPS]; /* [0] women, [1] men */
  gint64 unknown_age[2];
  gint64 unknown_sex;
  gint64 total;                        /* every victim row matching the filter */
  gint64 rows_in_table;                /* victim rows in the database, whatever the filter */
} UsgaVictimStats;

const char *usga_age_group_label (guint group);   /* "0–17", "18–29", ... */
guint       usga_age_group_of    (int age);
gboolean    usga_victims_by_sex_age (UsgaDb *db, UsgaFilter *filter, UsgaVictimStats *out, GError **error);

/* One line of data/report_baseline.csv. */
typedef struct {
  char   *category;   /* a category key or the group "robbery" */
  char   *label;
  int     from_year, to_year;
  double  change_pct;
  char   *source_ref;
} UsgaBaseline;

/* Every baseline row, in file order (UsgaBaseline*, freed with the array). */
GPtrArray  *usga_report_baseline_load (UsgaDb *db, GError **error);
/* Baselines for a category key or group ("sexual" -> sexual abuse and rape). Borrowed pointers. */
GPtrArray  *usga_report_baseline_for (GPtrArray *baselines, const char *key);

G_END_DECLS
