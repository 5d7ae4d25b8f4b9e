/* usga-stats.h — every aggregate the dashboard shows: charts, `usga stats` and exports
 * all call usga_stats_query(), so they cannot disagree.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <math.h>
#include <gio/gio.h>
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

/* How a query's period was answered (the period rule, usga-stats.c: plan_period()).
 * Days inside complete coverage (usga-coverage.h) are counted by day from the carpeta rows.
 * Quarters outside it are answered by the published quarterly counts, always whole: a window
 * that cuts such a quarter snaps outward to the whole quarter, and says so. Rows in those
 * quarters are not counted (the published count answers). Days outside coverage where no
 * published count exists are counted from the rows, as partial. */
typedef enum {
  USGA_RESOLUTION_NONE,     /* nothing to count */
  USGA_RESOLUTION_DAY,      /* every day counted exactly, from the rows */
  USGA_RESOLUTION_QUARTER,  /* whole published quarters only */
  USGA_RESOLUTION_MIXED,    /* days from the rows and whole published quarters */
} UsgaResolution;

typedef struct {
  UsgaGroupBy by;
  GPtrArray  *rows;                 /* UsgaStatRow*, ordered by key (rankings: by count desc) */
  gint64      total;
  gint64      excluded_placeholder; /* hour views: carpetas whose 00:00 time means "unknown" */
  gboolean    history_unavailable;  /* area filter the quarterly counts cannot honour (none since they are apportioned) */
  /* The period rule's answer (added by figures; NULL/0 when not applicable). */
  UsgaResolution resolution;
  char       *counted_from;         /* first and last day the counts cover, after snapping */
  char       *counted_to;
  GStrv       snapped_quarters;     /* "2023-Q2": counted whole though the window cuts them */
  GStrv       quarterly_quarters;   /* every quarter answered by the published counts */
  GStrv       unanswered_quarters;  /* published counts exist but cannot answer this grouping
                                     * or area (months, hours, cuadrantes): left out */
  gint64      rows_not_counted;     /* carpeta rows in the window, in quarters the published
                                     * counts answer or cannot answer: not counted */
  gint64      partial_rows;         /* rows counted outside complete coverage (no published count) */
  gint64      non_criminal;         /* hechos no delictivos among the counted carpetas (-1 unknown) */
  gint64      not_located;          /* counted carpetas in no colonia polygon (by colonia; else -1) */
  const char *estimate_rule;        /* rows per colonia/cuadrante/sector include quarterly estimates: the rule (geo) */
  char       *method;               /* usga_stats_describe_method(): source, vintage, rule, exclusions */
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

/* Year-over-year, like with like: @filter's window and the same window a year earlier,
 * counted by the same rule. When either side needs whole published quarters, BOTH windows
 * snap outward to the same whole quarters; @label says exactly what is compared, e.g.
 * "2024-Q1–Q2 vs 2023-Q1–Q2, whole quarters" or "2024-03-01 – 2024-06-30 vs the same dates
 * of 2023". */
typedef struct {
  UsgaStats *now;
  UsgaStats *before;          /* NULL when open_ended */
  UsgaFilter *now_filter;     /* the windows actually counted */
  UsgaFilter *before_filter;
  gboolean   snapped;         /* windows moved out to whole quarters */
  gboolean   same_dates;      /* the exact same days, one year apart */
  gboolean   open_ended;      /* the period runs from the first record or to the last: a year
                               * earlier is not the same length of time, so nothing is compared
                               * (before is NULL, label says why) */
  char      *label;           /* translated */
} UsgaComparison;

UsgaComparison *usga_stats_compare_years (UsgaDb *db, UsgaFilter *filter, UsgaGroupBy by, GError **error);
void            usga_comparison_free     (UsgaComparison *comparison);

/* The method behind @stats for @filter, for "i" popovers, `usga stats` and briefing
 * footnotes: source and vintage, the period rule as applied, what is left out. Translated,
 * several sentences. usga_stats_query() stores it in stats->method. */
char       *usga_stats_describe_method (UsgaDb *db, UsgaFilter *filter, UsgaStats *stats);
/* Adds @stats' method as a JSON object value to @json_builder (a JsonBuilder*): resolution,
 * counted_from/to, quarterly/snapped/unanswered quarters, rows_not_counted, partial_rows, text. */
void        usga_stats_add_method_json (UsgaStats *stats, gpointer json_builder);
/* "2024", "2024-Q2", "2024-Q1–Q2", "2023-Q3–2024-Q2" for whole quarters, else "FROM – TO". */
char       *usga_stats_period_name (const char *from, const char *to);

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
/* What figures made from those points (hexagons, grid hot spots, crimes near a corridor) can
 * say for @filter's period: NULL when every day of it has a complete record of geolocated
 * carpetas; else a translated sentence naming the days they cover (or that none do), since the
 * quarterly counts have no points. */
char       *usga_stats_points_note (UsgaDb *db, UsgaFilter *filter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaStats, usga_stats_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaComparison, usga_comparison_free)

/* Counts from the raw rows instead of the summaries (usga-summary.h): for the test and the
 * bench that compare both. Process-wide. */
void        usga_stats_set_raw_scan (gboolean raw);

G_END_DECLS
