/* usga-stats.h — every aggregate the dashboard shows: charts, `usga stats` and exports
 * all call usga_stats_query(), so they cannot disagree.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <math.h>
#include "usga-db.h"
#include "usga-filter.h"

G_BEGIN_DECLS

typedef enum {
  USGA_BY_MONTH,
  USGA_BY_QUARTER,
  USGA_BY_YEAR,
  USGA_BY_COLONIA,
  USGA_BY_CATEGORY,
  USGA_BY_DELITO,
  USGA_BY_HOUR,
  USGA_BY_WEEKDAY,
  USGA_BY_HOUR_WEEKDAY,
  USGA_BY_CUADRANTE,
  USGA_BY_SECTOR,
  USGA_BY_NONE,          /* one total row */
} UsgaGroupBy;

/* Where a row's count comes from: one carpeta per row, or the published quarterly counts. */
#define USGA_SOURCE_POINTS    "carpetas"
#define USGA_SOURCE_QUARTERLY "quarterly"

typedef struct {
  char       *key;         /* 2024-01, 2024-Q1, 2024, colonia id, category key, delito, hour, weekday (1=Mon) */
  char       *label;       /* what to show: colonia name, translated category, weekday name */
  gint64      count;
  gint64      population;  /* 0 when unknown */
  double      rate;        /* per 100 000 inhabitants; NAN without population */
  const char *source;      /* USGA_SOURCE_* */
} UsgaStatRow;

typedef struct {
  UsgaGroupBy by;
  GPtrArray  *rows;                 /* UsgaStatRow*, ordered by key (rankings: by count desc) */
  gint64      total;
  gint64      excluded_placeholder; /* hour views: carpetas whose 00:00 time means "unknown" */
  gboolean    history_unavailable;  /* area filter the quarterly counts cannot honour (none since they are apportioned) */
  const char *estimate_rule;        /* rows per colonia/cuadrante/sector include quarterly estimates: the rule (geo) */
} UsgaStats;

const char *usga_group_by_to_string   (UsgaGroupBy by);
gboolean    usga_group_by_from_string (const char *name, UsgaGroupBy *by);

UsgaStats  *usga_stats_query  (UsgaDb *db, UsgaFilter *filter, UsgaGroupBy by, GError **error);
void        usga_stats_free   (UsgaStats *stats);
/* By month, quarter or year: the total for @filter, and in one pass the same split by the
 * category keys @categories (NULL-terminated) into @per_category, each with the total's
 * periods (zero where it has none). The caller frees them all. */
UsgaStats  *usga_stats_query_by_category (UsgaDb *db, UsgaFilter *filter, UsgaGroupBy by,
                                          const char *const *categories, UsgaStats **per_category,
                                          GError **error);
/* Total carpetas for the filter (points, plus quarterly history outside the points' coverage). */
gint64      usga_stats_total  (UsgaDb *db, UsgaFilter *filter, GError **error);
/* Population of the filter's area (alcaldía, sector, colonia or cuadrante); 0 if unknown. */
gint64      usga_stats_area_population (UsgaDb *db, UsgaFilter *filter);
/* Name of the filter's area, e.g. "San Miguel Teotongo" or "Sector Estrella". */
char       *usga_stats_area_name (UsgaDb *db, UsgaFilter *filter);

/* Percentage change from @before to @after; NAN when @before is 0. */
double      usga_percent_change (gint64 before, gint64 after);
double      usga_rate_per_100k  (gint64 count, gint64 population);

/* Dates covered by carpeta rows, "YYYY-MM-DD"; FALSE when there are none. */
gboolean    usga_stats_point_coverage (UsgaDb *db, char **first, char **last);

/* Writes @stats as CSV (header row first) or JSON to @out. */
gboolean    usga_stats_write (UsgaStats *stats, gboolean json, gboolean with_rates,
                              GOutputStream *out, GError **error);

/* Appends the lon/lat (UsgaLonLat) of every carpeta matching @filter that has coordinates;
 * the published quarterly counts have none. */
gboolean    usga_stats_points (UsgaDb *db, UsgaFilter *filter, GArray *lonlat, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaStats, usga_stats_free)

G_END_DECLS
