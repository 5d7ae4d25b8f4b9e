/* usga-stats-private.h — what the stats files share (SQL fragments and binding, the runners,
 * the result shaping); not for the GUI or the CLI.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-cube.h"
#include "usga-periods.h"
#include "usga-stats.h"

G_BEGIN_DECLS

/* Shared WHERE clause; every value is a bound parameter:
 * ?1 from, ?2 to (one day range of the period plan), ?3 categories (JSON array), ?4 delito,
 * ?5 colonia, ?6 cuadrante, ?7 sector, ?8 the plan's whole quarters (JSON array of year*10+q) */
#define INCIDENT_WHERE \
  " WHERE i.date >= COALESCE (?1, '') AND i.date <= COALESCE (?2, '9999')" \
  " AND (?3 IS NULL OR d.category IN (SELECT value FROM json_each (?3)))" \
  " AND (?4 IS NULL OR d.name = ?4)" \
  " AND (?5 IS NULL OR i.colonia_id = ?5)" \
  " AND (?6 IS NULL OR i.cuadrante_id = ?6)" \
  " AND (?7 IS NULL OR i.cuadrante_id IN (SELECT id FROM cuadrante WHERE sector_id = ?7))" \
  " AND (i.alcaldia IS NULL OR i.alcaldia = 'IZTAPALAPA')"

/* The same filter over the summaries (usga-summary.h): they hold only the rows counted here,
 * so the alcaldía test is already applied; a row stands for n carpetas. */
#define SUMMARY_WHERE \
  " WHERE i.date >= COALESCE (?1, '') AND i.date <= COALESCE (?2, '9999')" \
  " AND (?3 IS NULL OR d.category IN (SELECT value FROM json_each (?3)))" \
  " AND (?4 IS NULL OR d.name = ?4)" \
  " AND (?5 IS NULL OR i.colonia_id = ?5)" \
  " AND (?6 IS NULL OR i.cuadrante_id = ?6)" \
  " AND (?7 IS NULL OR i.cuadrante_id IN (SELECT id FROM cuadrante WHERE sector_id = ?7))"

/* Published quarterly counts answer only the whole quarters the period plan gives them
 * (usga-periods.c). They know FGJ colonia names only: per colonia, cuadrante or sector they
 * are estimates (usga-colonia-history.h). */
#define QUARTERLY_WHERE \
  " WHERE (q.year * 10 + q.quarter) IN (SELECT value FROM json_each (?8))" \
  " AND (?3 IS NULL OR d.category IN (SELECT value FROM json_each (?3)))" \
  " AND (?4 IS NULL OR d.name = ?4)" \
  " AND (?5 IS NULL OR q.colonia_id = ?5)" \
  " AND (?6 IS NULL OR q.cuadrante_id = ?6)" \
  " AND (?7 IS NULL OR q.cuadrante_id IN (SELECT id FROM cuadrante WHERE sector_id = ?7))"

typedef struct {
  const char *key, *label, *population, *joins, *extra_where;
} UsgaStatsGroupSql;

typedef struct {
  UsgaDb     *db;
  UsgaFilter *filter;
  char       *categories;
  char       *delito;
  const char *from;       /* the day range being counted */
  const char *to;
  char       *quarters;   /* JSON array of whole quarters */
  UsgaGroupBy by;
  UsgaCube   *cube;       /* the thread's fresh aggregate index, or NULL: SQL (usga_stats_run_plan) */
} UsgaStatsQuery;

/* Where a part's rows go. With @category_index the query's rows are (category, key, count),
 * added to the total and to each requested category that takes the stored one in; without,
 * they are (key, label, count, population). */
typedef struct {
  GHashTable  *by_key;
  GPtrArray   *rows;
  GHashTable  *category_index;   /* stored category -> GArray of indexes into @per_category */
  GHashTable **category_by_key;
  UsgaStats  **per_category;
} UsgaStatsSink;

/* Tests and the bench compare the summaries with a scan of the rows (usga-stats-sql.c). */
extern gint usga_stats_raw_scan;
extern const UsgaStatsGroupSql usga_stats_incident_groups[];
extern const UsgaStatsGroupSql usga_stats_quarterly_groups[];

/* usga-stats-sql.c: the SQL of a group, and binding a filter */
const char              *usga_stats_rows_from     (UsgaGroupBy by, gboolean hours);
const char              *usga_stats_rows_where    (void);
const char              *usga_stats_rows_count    (void);
const UsgaStatsGroupSql *usga_stats_rows_group    (UsgaGroupBy by);
gboolean                 usga_stats_has_quarterly (UsgaGroupBy by);
void                     usga_stats_bind_filter   (sqlite3_stmt *stmt, UsgaStatsQuery *q);
void                     usga_stats_query_init    (UsgaStatsQuery *q, UsgaDb *db, UsgaFilter *filter, UsgaGroupBy by);
void                     usga_stats_query_clear   (UsgaStatsQuery *q);

/* usga-stats-run.c: running a query by the period plan; each part from the cube when there is
 * one, else by SQL, into the same sink */
void     usga_stats_sink_add  (const UsgaStatsSink *sink, const char *first, const char *second, gint64 count,
                               gint64 population, const char *source);
void     usga_stats_keep_plan (UsgaStats *stats, UsgaPeriodPlan *plan);
gboolean usga_stats_run_plan  (UsgaStatsQuery *q, UsgaPeriodPlan *plan, const char *incident_sql,
                               const char *quarterly_sql, const UsgaStatsSink *sink, UsgaStats *stats,
                               GError **error);

/* usga-cube-query.c: the parts answered from the cube, rows into @sink like the SQL's */
gboolean usga_cube_takes_ranges  (GArray *ranges);   /* well-formed days, compared as the SQL compares text */
void     usga_cube_run_points    (UsgaCube *cube, UsgaStatsQuery *q, const UsgaStatsSink *sink, gint64 *added);
void     usga_cube_run_quarterly (UsgaCube *cube, UsgaStatsQuery *q, GArray *quarters, const UsgaStatsSink *sink,
                                  gint64 *added);
gint64   usga_cube_count_rows    (UsgaCube *cube, UsgaStatsQuery *q, GArray *ranges, gboolean placeholders);

/* usga-stats-shape.c: zero rows, totals, rates, labels and order */
gboolean usga_stats_is_time_group (UsgaGroupBy by);
void     usga_stats_add_zero_row  (GPtrArray *rows, char *key, const char *source);
void     usga_stats_fill_gaps     (UsgaStats *stats, GHashTable *by_key, UsgaPeriodPlan *plan);
void     usga_stats_finish        (UsgaDb *db, UsgaFilter *filter, UsgaStats *stats);

G_END_DECLS
