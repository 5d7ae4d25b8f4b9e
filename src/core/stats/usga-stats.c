/* usga-stats.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "usga-categories.h"
#include "usga-colonia-history.h"
#include "usga-geo.h"
#include "usga-format.h"
#include "usga-periods.h"
#include "usga-csv.h"
#include "usga-stats.h"
#include "usga-text.h"

static const char *const group_names[] = {
  "month", "quarter", "year", "colonia", "category", "delito", "hour", "weekday",
  "hour-weekday", "cuadrante", "sector", "none",
};

const char *
usga_group_by_to_string (UsgaGroupBy by)
{
  return group_names[by];
}

gboolean
usga_group_by_from_string (const char *name, UsgaGroupBy *by)
{
  for (guint i = 0; i < G_N_ELEMENTS (group_names); i++)
    if (g_strcmp0 (name, group_names[i]) == 0)
      {
        *by = i;
        return TRUE;
      }
  return FALSE;
}

double
usga_percent_change (gint64 before, gint64 after)
{
  if (before <= 0)
    return NAN;
  return 100.0 * (double) (after - before) / (double) before;
}

double
usga_rate_per_100k (gint64 count, gint64 population)
{
  if (population <= 0)
    return NAN;
  return 100000.0 * (double) count / (double) population;
}

static void
stat_row_free (gpointer data)
{
  UsgaStatRow *row = data;

  g_free (row->key);
  g_free (row->label);
  g_free (row);
}

void
usga_stats_free (UsgaStats *stats)
{
  if (stats == NULL)
    return;
  g_ptr_array_unref (stats->rows);
  g_free (stats->counted_from);
  g_free (stats->counted_to);
  g_strfreev (stats->snapped_quarters);
  g_strfreev (stats->quarterly_quarters);
  g_strfreev (stats->unanswered_quarters);
  g_free (stats->method);
  g_free (stats);
}

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

/* Tests and the bench compare the summaries with a scan of the rows. */
static gint raw_scan;

void
usga_stats_set_raw_scan (gboolean raw)
{
  g_atomic_int_set (&raw_scan, raw);
}

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
} GroupSql;

static const GroupSql incident_groups[] = {
  [USGA_BY_MONTH]   = { "substr (i.date, 1, 7)", "NULL", "NULL", "", "" },
  [USGA_BY_QUARTER] = { "substr (i.date, 1, 5) || 'Q' || ((substr (i.date, 6, 2) + 2) / 3)", "NULL", "NULL", "", "" },
  [USGA_BY_YEAR]    = { "substr (i.date, 1, 4)", "NULL", "NULL", "", "" },
  [USGA_BY_COLONIA] = { "CAST (COALESCE (i.colonia_id, 0) AS TEXT)", "c.name", "c.population",
                        " LEFT JOIN colonia c ON c.id = i.colonia_id", "" },
  [USGA_BY_CATEGORY] = { "d.category", "NULL", "NULL", "", "" },
  [USGA_BY_DELITO]  = { "d.name", "NULL", "NULL", "", "" },
  [USGA_BY_HOUR]    = { "CAST (i.hour AS TEXT)", "NULL", "NULL", "",
                        " AND i.hour IS NOT NULL AND i.time_placeholder = 0" },
  [USGA_BY_WEEKDAY] = { "CAST (i.weekday AS TEXT)", "NULL", "NULL", "", "" },
  [USGA_BY_HOUR_WEEKDAY] = { "printf ('%d-%02d', i.weekday, i.hour)", "NULL", "NULL", "",
                             " AND i.hour IS NOT NULL AND i.time_placeholder = 0" },
  [USGA_BY_CUADRANTE] = { "CAST (COALESCE (i.cuadrante_id, 0) AS TEXT)", "cu.code", "cu.population",
                          " LEFT JOIN cuadrante cu ON cu.id = i.cuadrante_id", "" },
  [USGA_BY_SECTOR]  = { "CAST (COALESCE (s.id, 0) AS TEXT)", "s.name",
                        "(SELECT sum (population) FROM cuadrante WHERE sector_id = s.id)",
                        " LEFT JOIN cuadrante cu ON cu.id = i.cuadrante_id LEFT JOIN sector s ON s.id = cu.sector_id", "" },
  [USGA_BY_NONE]    = { "'total'", "NULL", "NULL", "", "" },
};

/* Over the summaries: an unknown hour is -1 there. */
static const GroupSql summary_groups[] = {
  [USGA_BY_MONTH]   = { "substr (i.date, 1, 7)", "NULL", "NULL", "", "" },
  [USGA_BY_QUARTER] = { "substr (i.date, 1, 5) || 'Q' || ((substr (i.date, 6, 2) + 2) / 3)", "NULL", "NULL", "", "" },
  [USGA_BY_YEAR]    = { "substr (i.date, 1, 4)", "NULL", "NULL", "", "" },
  [USGA_BY_COLONIA] = { "CAST (i.colonia_id AS TEXT)", "c.name", "c.population",
                        " LEFT JOIN colonia c ON c.id = i.colonia_id", "" },
  [USGA_BY_CATEGORY] = { "d.category", "NULL", "NULL", "", "" },
  [USGA_BY_DELITO]  = { "d.name", "NULL", "NULL", "", "" },
  [USGA_BY_HOUR]    = { "CAST (i.hour AS TEXT)", "NULL", "NULL", "",
                        " AND i.hour >= 0 AND i.time_placeholder = 0" },
  [USGA_BY_WEEKDAY] = { "CAST (i.weekday AS TEXT)", "NULL", "NULL", "", "" },
  [USGA_BY_HOUR_WEEKDAY] = { "printf ('%d-%02d', i.weekday, i.hour)", "NULL", "NULL", "",
                             " AND i.hour >= 0 AND i.time_placeholder = 0" },
  [USGA_BY_CUADRANTE] = { "CAST (i.cuadrante_id AS TEXT)", "cu.code", "cu.population",
                          " LEFT JOIN cuadrante cu ON cu.id = i.cuadrante_id", "" },
  [USGA_BY_SECTOR]  = { "CAST (COALESCE (s.id, 0) AS TEXT)", "s.name",
                        "(SELECT sum (population) FROM cuadrante WHERE sector_id = s.id)",
                        " LEFT JOIN cuadrante cu ON cu.id = i.cuadrante_id LEFT JOIN sector s ON s.id = cu.sector_id", "" },
  [USGA_BY_NONE]    = { "'total'", "NULL", "NULL", "", "" },
};

/* FROM … WHERE for the rows of @by: the hour summary when hours or weekdays are asked for,
 * else the smaller day summary; or incident itself for a raw scan. */
static const char *
rows_from (UsgaGroupBy by, gboolean hours)
{
  if (g_atomic_int_get (&raw_scan))
    return " FROM incident i JOIN delito d ON d.id = i.delito_id";
  return hours || by == USGA_BY_HOUR || by == USGA_BY_WEEKDAY || by == USGA_BY_HOUR_WEEKDAY
         ? " FROM incident_hour_summary i JOIN delito d ON d.id = i.delito_id"
         : " FROM incident_summary i JOIN delito d ON d.id = i.delito_id";
}

static const char *
rows_where (void)
{
  return g_atomic_int_get (&raw_scan) ? INCIDENT_WHERE : SUMMARY_WHERE;
}

static const char *
rows_count (void)
{
  return g_atomic_int_get (&raw_scan) ? "count(*)" : "sum (i.n)";
}

static const GroupSql *
rows_group (UsgaGroupBy by)
{
  return g_atomic_int_get (&raw_scan) ? &incident_groups[by] : &summary_groups[by];
}

static const GroupSql quarterly_groups[] = {
  [USGA_BY_QUARTER] = { "printf ('%04d-Q%d', q.year, q.quarter)", "NULL", "NULL", "", "" },
  [USGA_BY_YEAR]    = { "CAST (q.year AS TEXT)", "NULL", "NULL", "", "" },
  [USGA_BY_COLONIA] = { "CAST (COALESCE (q.colonia_id, 0) AS TEXT)", "c.name", "c.population",
                        " LEFT JOIN colonia c ON c.id = q.colonia_id", "" },
  [USGA_BY_CATEGORY] = { "d.category", "NULL", "NULL", "", "" },
  [USGA_BY_DELITO]  = { "d.name", "NULL", "NULL", "", "" },
  [USGA_BY_CUADRANTE] = { "CAST (COALESCE (q.cuadrante_id, 0) AS TEXT)", "cu.code", "cu.population",
                          " LEFT JOIN cuadrante cu ON cu.id = q.cuadrante_id", "" },
  [USGA_BY_SECTOR]  = { "CAST (COALESCE (s.id, 0) AS TEXT)", "s.name",
                        "(SELECT sum (population) FROM cuadrante WHERE sector_id = s.id)",
                        " LEFT JOIN cuadrante cu ON cu.id = q.cuadrante_id LEFT JOIN sector s ON s.id = cu.sector_id", "" },
  [USGA_BY_NONE]    = { "'total'", "NULL", "NULL", "", "" },
};

static gboolean
has_quarterly (UsgaGroupBy by)
{
  return by == USGA_BY_QUARTER || by == USGA_BY_YEAR || by == USGA_BY_COLONIA ||
         by == USGA_BY_CATEGORY || by == USGA_BY_DELITO || by == USGA_BY_NONE ||
         by == USGA_BY_CUADRANTE || by == USGA_BY_SECTOR;
}

typedef struct {
  UsgaDb     *db;
  UsgaFilter *filter;
  char       *categories;
  char       *delito;
  const char *from;       /* the day range being counted */
  const char *to;
  char       *quarters;   /* JSON array of whole quarters */
} Query;

static void
bind_filter (sqlite3_stmt *stmt, Query *q)
{
  gint64 area = usga_filter_get_area_id (q->filter);

  sqlite3_clear_bindings (stmt);
  if (q->from)
    sqlite3_bind_text (stmt, 1, q->from, -1, SQLITE_STATIC);
  if (q->to)
    sqlite3_bind_text (stmt, 2, q->to, -1, SQLITE_STATIC);
  if (q->categories)
    sqlite3_bind_text (stmt, 3, q->categories, -1, SQLITE_STATIC);
  if (q->delito)
    sqlite3_bind_text (stmt, 4, q->delito, -1, SQLITE_STATIC);
  if (area > 0)
    switch (usga_filter_get_area_level (q->filter))
      {
      case USGA_AREA_LEVEL_COLONIA:   sqlite3_bind_int64 (stmt, 5, area); break;
      case USGA_AREA_LEVEL_CUADRANTE: sqlite3_bind_int64 (stmt, 6, area); break;
      case USGA_AREA_LEVEL_SECTOR:    sqlite3_bind_int64 (stmt, 7, area); break;
      case USGA_AREA_LEVEL_ALCALDIA:  break;
      }
  if (q->quarters && sqlite3_bind_parameter_count (stmt) >= 8)
    sqlite3_bind_text (stmt, 8, q->quarters, -1, SQLITE_STATIC);
}

static void
query_init (Query *q, UsgaDb *db, UsgaFilter *filter)
{
  *q = (Query) { db, filter, NULL, NULL, NULL, NULL, NULL };
  q->categories = usga_filter_categories_json (filter);
  q->delito = usga_filter_get_delito (filter) ? usga_text_normalize (usga_filter_get_delito (filter)) : NULL;
}

static void
query_clear (Query *q)
{
  g_clear_pointer (&q->categories, g_free);
  g_clear_pointer (&q->delito, g_free);
  g_clear_pointer (&q->quarters, g_free);
}

/* Adds @count to the row of @key, made on first use; a row fed by both parts says so. */
static void
add_to_row (GHashTable *by_key, GPtrArray *rows, const char *key, const char *label, gint64 population,
            gint64 count, const char *source)
{
  UsgaStatRow *row = g_hash_table_lookup (by_key, key ? key : "");

  if (row == NULL)
    {
      row = g_new0 (UsgaStatRow, 1);
      row->key = g_strdup (key ? key : "");
      row->label = g_strdup (label);
      row->population = population;
      row->source = source;
      g_hash_table_insert (by_key, row->key, row);
      g_ptr_array_add (rows, row);
    }
  else if (row->source != source)
    row->source = USGA_SOURCE_POINTS "+" USGA_SOURCE_QUARTERLY;
  row->count += count;
}

/* Where a part's rows go. With @category_index the query's rows are (category, key, count),
 * added to the total and to each requested category that takes the stored one in; without,
 * they are (key, label, count, population). */
typedef struct {
  GHashTable  *by_key;
  GPtrArray   *rows;
  GHashTable  *category_index;   /* stored category -> GArray of indexes into @per_category */
  GHashTable **category_by_key;
  UsgaStats  **per_category;
} Sink;

static gboolean
run_part (Query *q, const char *sql, const char *source, const Sink *sink, gint64 *added, GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (q->db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_filter (stmt, q);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *first = (const char *) sqlite3_column_text (stmt, 0);
      const char *second = (const char *) sqlite3_column_text (stmt, 1);
      gint64 count = sqlite3_column_int64 (stmt, 2);
      GArray *indexes;

      *added += count;
      if (sink->category_index == NULL)
        {
          /* key, label, count, population */
          add_to_row (sink->by_key, sink->rows, first, second, sqlite3_column_int64 (stmt, 3), count, source);
          continue;
        }
      /* category, key, count */
      indexes = first ? g_hash_table_lookup (sink->category_index, first) : NULL;
      add_to_row (sink->by_key, sink->rows, second, NULL, 0, count, source);
      for (guint j = 0; indexes && j < indexes->len; j++)
        {
          guint i = g_array_index (indexes, guint, j);
          add_to_row (sink->category_by_key[i], sink->per_category[i]->rows, second, NULL, 0, count, source);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return usga_db_fail (q->db, rc, "stats", error);
  return TRUE;
}

static gboolean
is_time_group (UsgaGroupBy by)
{
  return by == USGA_BY_MONTH || by == USGA_BY_QUARTER || by == USGA_BY_YEAR;
}

static int
compare_key (gconstpointer a, gconstpointer b)
{
  const UsgaStatRow *ra = *(UsgaStatRow **) a, *rb = *(UsgaStatRow **) b;
  return strcmp (ra->key, rb->key);
}

static int
compare_numeric_key (gconstpointer a, gconstpointer b)
{
  const UsgaStatRow *ra = *(UsgaStatRow **) a, *rb = *(UsgaStatRow **) b;
  return atoi (ra->key) - atoi (rb->key);
}

static int
compare_count_desc (gconstpointer a, gconstpointer b)
{
  const UsgaStatRow *ra = *(UsgaStatRow **) a, *rb = *(UsgaStatRow **) b;

  if (ra->count != rb->count)
    return ra->count < rb->count ? 1 : -1;
  return strcmp (ra->key, rb->key);
}

static void
add_zero_row (GPtrArray *rows, char *key, const char *source)
{
  UsgaStatRow *row = g_new0 (UsgaStatRow, 1);

  row->key = key;
  row->source = source;
  g_ptr_array_add (rows, row);
}

static void
add_zero_key (GPtrArray *rows, GHashTable *by_key, char *key, const char *source)
{
  if (g_hash_table_contains (by_key, key))
    g_free (key);
  else
    {
      add_zero_row (rows, key, source);
      g_hash_table_add (by_key, key);
    }
}

/* The month, quarter or year keys of [from, to], each added as a zero row when missing. */
static void
add_zero_periods (UsgaStats *stats, GHashTable *by_key, const char *from, const char *to, const char *source)
{
  int y = atoi (from), m = atoi (from + 5), y1 = atoi (to), m1 = atoi (to + 5);

  while (y < y1 || (y == y1 && m <= m1))
    {
      char *key = stats->by == USGA_BY_MONTH ? g_strdup_printf ("%04d-%02d", y, m)
                : stats->by == USGA_BY_QUARTER ? g_strdup_printf ("%04d-Q%d", y, (m + 2) / 3)
                : g_strdup_printf ("%04d", y);

      add_zero_key (stats->rows, by_key, key, source);
      if (++m > 12)
        m = 1, y++;
    }
}

/* Time series and hour/weekday profiles get explicit zero rows, so a chart never hides a gap:
 * a time series has a row for every period the plan counts, zero months at the edges too. */
static void
fill_gaps (UsgaStats *stats, GHashTable *by_key, UsgaPeriodPlan *plan)
{
  UsgaGroupBy by = stats->by;
  g_autoptr(GHashTable) added = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);

  if (by == USGA_BY_HOUR || by == USGA_BY_WEEKDAY || by == USGA_BY_HOUR_WEEKDAY)
    {
      int weekdays = by == USGA_BY_HOUR ? 1 : 7, hours = by == USGA_BY_WEEKDAY ? 1 : 24;

      for (int w = 1; w <= weekdays; w++)
        for (int h = 0; h < hours; h++)
          {
            char *key = by == USGA_BY_HOUR ? g_strdup_printf ("%d", h)
                      : by == USGA_BY_WEEKDAY ? g_strdup_printf ("%d", w)
                      : g_strdup_printf ("%d-%02d", w, h);
            if (g_hash_table_contains (by_key, key))
              g_free (key);
            else
              add_zero_row (stats->rows, key, USGA_SOURCE_POINTS);
          }
      return;
    }

  if (!is_time_group (by))
    return;
  /* Zeros only where a zero is known: days with a complete record, published quarters. Days
   * without either show only the periods their rows fall in. */
  for (guint i = 0; i < plan->days->len; i++)
    {
      const UsgaDayRange *r = &g_array_index (plan->days, UsgaDayRange, i);
      if (!r->partial)
        add_zero_periods (stats, by_key, r->from, r->to, USGA_SOURCE_POINTS);
    }
  /* Whole published quarters have no months. */
  for (guint i = 0; by != USGA_BY_MONTH && i < plan->quarters->len; i++)
    {
      int yq = g_array_index (plan->quarters, int, i);
      char from[11];

      g_snprintf (from, sizeof from, "%04d-%02d-01", yq / 10, (yq % 10) * 3 - 2);
      add_zero_periods (stats, by_key, from, from, USGA_SOURCE_QUARTERLY);
    }
}

static char *
weekday_name (int weekday)
{
  static const char *const names[] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"),
  };
  return g_strdup (weekday >= 1 && weekday <= 7 ? _(names[weekday - 1]) : "?");
}

/* Rows matching the filter in @ranges (UsgaDayRange); with @placeholders, only those whose
 * hour is FGJ's placeholder or unknown. */
static gint64
count_rows (Query *q, GArray *ranges, gboolean placeholders, GError **error)
{
  const char *extra = !placeholders ? ""
                    : g_atomic_int_get (&raw_scan) ? " AND (i.time_placeholder = 1 OR i.hour IS NULL)"
                    : " AND (i.time_placeholder = 1 OR i.hour < 0)";
  g_autofree char *sql = g_strconcat ("SELECT COALESCE (", rows_count (), ", 0)", rows_from (USGA_BY_NONE, placeholders),
                                      rows_where (), extra, NULL);
  sqlite3_stmt *stmt = usga_db_prepare (q->db, sql, error);
  gint64 n = 0;

  if (stmt == NULL)
    return -1;
  for (guint i = 0; i < ranges->len; i++)
    {
      const UsgaDayRange *r = &g_array_index (ranges, UsgaDayRange, i);
      int rc;

      q->from = r->from;
      q->to = r->to;
      bind_filter (stmt, q);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        n += sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          usga_db_fail (q->db, rc, "stats", error);
          return -1;
        }
    }
  return n;
}

/* The period rule's answer, kept with the result so every page, export and footnote can say it. */
static void
keep_plan (UsgaStats *stats, UsgaPeriodPlan *plan)
{
  GPtrArray *quarters = g_ptr_array_new ();
  gboolean days = stats->partial_rows > 0, whole = plan->quarters->len > 0;

  for (guint i = 0; i < plan->days->len; i++)
    days |= !g_array_index (plan->days, UsgaDayRange, i).partial;

  stats->resolution = days && whole ? USGA_RESOLUTION_MIXED : days ? USGA_RESOLUTION_DAY
                    : whole ? USGA_RESOLUTION_QUARTER : USGA_RESOLUTION_NONE;
  stats->counted_from = g_strdup (plan->counted_from);
  stats->counted_to = g_strdup (plan->counted_to);
  for (guint i = 0; i < plan->quarters->len; i++)
    {
      int yq = g_array_index (plan->quarters, int, i);
      g_ptr_array_add (quarters, g_strdup_printf ("%04d-Q%d", yq / 10, yq % 10));
    }
  g_ptr_array_add (quarters, NULL);
  stats->quarterly_quarters = (GStrv) g_ptr_array_free (quarters, FALSE);
  quarters = g_ptr_array_new ();
  for (guint i = 0; i < plan->snapped->len; i++)
    g_ptr_array_add (quarters, g_strdup (plan->snapped->pdata[i]));
  g_ptr_array_add (quarters, NULL);
  stats->snapped_quarters = (GStrv) g_ptr_array_free (quarters, FALSE);
  quarters = g_ptr_array_new ();
  for (guint i = 0; i < plan->unanswered->len; i++)
    g_ptr_array_add (quarters, g_strdup (plan->unanswered->pdata[i]));
  g_ptr_array_add (quarters, NULL);
  stats->unanswered_quarters = (GStrv) g_ptr_array_free (quarters, FALSE);
}

/* Runs a query by the plan: the rows over each day range, the published counts over the
 * whole quarters; counts the rows the plan leaves out and the hour placeholders. */
static gboolean
run_plan (Query *q, UsgaPeriodPlan *plan, const char *incident_sql, const char *quarterly_sql,
          const Sink *sink, UsgaStats *stats, GError **error)
{
  for (guint i = 0; i < plan->days->len; i++)
    {
      const UsgaDayRange *r = &g_array_index (plan->days, UsgaDayRange, i);
      gint64 added = 0;

      q->from = r->from;
      q->to = r->to;
      if (!run_part (q, incident_sql, USGA_SOURCE_POINTS, sink, &added, error))
        return FALSE;
      if (r->partial)
        stats->partial_rows += added;
    }
  if (quarterly_sql && plan->quarters->len > 0)
    {
      gint64 added = 0;

      q->quarters = usga_period_plan_quarters_json (plan);
      q->from = q->to = NULL;
      if (!run_part (q, quarterly_sql, USGA_SOURCE_QUARTERLY, sink, &added, error))
        return FALSE;
    }
  if ((stats->rows_not_counted = count_rows (q, plan->skipped, FALSE, error)) < 0)
    return FALSE;
  if (stats->by == USGA_BY_HOUR || stats->by == USGA_BY_HOUR_WEEKDAY)
    {
      stats->excluded_placeholder = count_rows (q, plan->days, TRUE, error);
      if (stats->excluded_placeholder < 0)
        return FALSE;
    }
  keep_plan (stats, plan);
  return TRUE;
}

/* Whether the published counts can answer @by for @filter's area at all. */
static gboolean
quarterly_usable (UsgaFilter *filter, UsgaGroupBy by)
{
  /* Every area level can: per colonia, cuadrante or sector they are apportioned estimates. */
  return has_quarterly (by);
}

gint64
usga_stats_area_population (UsgaDb *db, UsgaFilter *filter)
{
  const char *sql;
  sqlite3_stmt *stmt;
  gint64 population = 0;

  switch (usga_filter_get_area_level (filter))
    {
    case USGA_AREA_LEVEL_COLONIA:   sql = "SELECT population FROM colonia WHERE id = ?"; break;
    case USGA_AREA_LEVEL_CUADRANTE: sql = "SELECT population FROM cuadrante WHERE id = ?"; break;
    case USGA_AREA_LEVEL_SECTOR:    sql = "SELECT sum (population) FROM cuadrante WHERE sector_id = ?"; break;
    case USGA_AREA_LEVEL_ALCALDIA:
    default:                        sql = "SELECT population FROM alcaldia WHERE cvegeo = '09007' OR ? = 0"; break;
    }
  stmt = usga_db_prepare (db, sql, NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, usga_filter_get_area_id (filter));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    population = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return population;
}

char *
usga_stats_area_name (UsgaDb *db, UsgaFilter *filter)
{
  const char *sql = NULL, *format = "%s";
  sqlite3_stmt *stmt;
  char *name = NULL;

  switch (usga_filter_get_area_level (filter))
    {
    case USGA_AREA_LEVEL_COLONIA:
      sql = "SELECT name FROM colonia WHERE id = ?";
      format = _("Colonia %s");
      break;
    case USGA_AREA_LEVEL_CUADRANTE:
      sql = "SELECT code FROM cuadrante WHERE id = ?";
      format = _("Cuadrante %s");
      break;
    case USGA_AREA_LEVEL_SECTOR:
      sql = "SELECT name FROM sector WHERE id = ?";
      format = _("Sector %s");
      break;
    case USGA_AREA_LEVEL_ALCALDIA:
    default:
      return g_strdup (_("Iztapalapa (whole alcaldía)"));
    }
  stmt = usga_db_prepare (db, sql, NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, usga_filter_get_area_id (filter));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = g_strdup_printf (format, sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return name;
}

static void finish (UsgaDb *db, UsgaFilter *filter, UsgaStats *stats);

UsgaStats *
usga_stats_query (UsgaDb *db, UsgaFilter *filter, UsgaGroupBy by, GError **error)
{
  g_autoptr(UsgaStats) stats = g_new0 (UsgaStats, 1);
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(UsgaPeriodPlan) plan = NULL;
  g_autofree char *incident_sql = NULL;
  g_autofree char *quarterly_sql = NULL;
  Query q;
  const GroupSql *g = &incident_groups[by];
  Sink sink = { 0 };
  gboolean ok;

  g_return_val_if_fail (by <= USGA_BY_NONE, NULL);

  stats->by = by;
  stats->rows = g_ptr_array_new_with_free_func (stat_row_free);
  sink.by_key = by_key;
  sink.rows = stats->rows;
  plan = usga_period_plan_new (db, usga_filter_get_date_from (filter), usga_filter_get_date_to (filter),
                               quarterly_usable (filter, by), error);
  if (plan == NULL)
    return NULL;
  query_init (&q, db, filter);

  /* Built from the constant fragments above only; all values are bound parameters. */
  g = rows_group (by);
  incident_sql = g_strconcat ("SELECT ", g->key, " AS k, ", g->label, ", ", rows_count (), ", ", g->population,
                              rows_from (by, FALSE), g->joins, rows_where (), g->extra_where, " GROUP BY k", NULL);
  if (has_quarterly (by))
    {
      const GroupSql *qg = &quarterly_groups[by];
      /* Per colonia, cuadrante or sector the counts are estimates (usga-colonia-history.h), rounded there. */
      g_autofree char *part_sql =
        g_strconcat ("SELECT ", qg->key, " AS k, ", qg->label, " AS label, sum (q.count) AS n, ", qg->population,
                     " AS pop FROM ", usga_colonia_history_table (by, filter), " q JOIN delito d ON d.id = q.delito_id",
                     qg->joins, QUARTERLY_WHERE, " GROUP BY k", NULL);
      quarterly_sql = usga_colonia_history_round_sql (by, part_sql);
      stats->history_unavailable = !quarterly_usable (filter, by);
    }
  ok = run_plan (&q, plan, incident_sql, quarterly_sql, &sink, stats, error);
  query_clear (&q);
  if (!ok)
    return NULL;

  fill_gaps (stats, by_key, plan);
  finish (db, filter, stats);
  usga_colonia_history_mark (stats, filter);
  stats->method = usga_stats_describe_method (db, filter, stats);
  return g_steal_pointer (&stats);
}

/* Totals, populations, rates and labels of the rows, in the group's order. */
static void
finish (UsgaDb *db, UsgaFilter *filter, UsgaStats *stats)
{
  UsgaGroupBy by = stats->by;
  gint64 area_population = usga_stats_area_population (db, filter);

  stats->non_criminal = by == USGA_BY_CATEGORY ? 0 : -1;
  stats->not_located = by == USGA_BY_COLONIA ? 0 : -1;
  for (guint i = 0; i < stats->rows->len; i++)
    {
      UsgaStatRow *row = g_ptr_array_index (stats->rows, i);

      stats->total += row->count;
      if (by == USGA_BY_CATEGORY && g_str_equal (row->key, USGA_CATEGORY_NON_CRIMINAL))
        stats->non_criminal += row->count;
      if (by == USGA_BY_COLONIA && g_str_equal (row->key, "0"))
        stats->not_located += row->count;
      if (by != USGA_BY_COLONIA && by != USGA_BY_CUADRANTE && by != USGA_BY_SECTOR)
        row->population = area_population;
      row->rate = usga_rate_per_100k (row->count, row->population);

      if (row->label == NULL || *row->label == '\0')
        {
          g_free (row->label);
          switch (by)
            {
            case USGA_BY_CATEGORY: row->label = g_strdup (usga_category_name (row->key)); break;
            case USGA_BY_WEEKDAY:  row->label = weekday_name (atoi (row->key)); break;
            case USGA_BY_HOUR:     row->label = g_strdup_printf ("%02d:00", atoi (row->key)); break;
            case USGA_BY_COLONIA:  row->label = g_strdup (_("Colonia not identified")); break;
            case USGA_BY_CUADRANTE: row->label = g_strdup (_("Outside the cuadrantes")); break;
            case USGA_BY_SECTOR:   row->label = g_strdup (_("Outside the sectors")); break;
            case USGA_BY_NONE:     row->label = g_strdup (_("Total")); break;
            default:               row->label = g_strdup (row->key); break;
            }
        }
    }

  if (is_time_group (by))
    g_ptr_array_sort (stats->rows, compare_key);
  else if (by == USGA_BY_HOUR || by == USGA_BY_WEEKDAY)
    g_ptr_array_sort (stats->rows, compare_numeric_key);
  else if (by == USGA_BY_HOUR_WEEKDAY)
    g_ptr_array_sort (stats->rows, compare_key);
  else
    g_ptr_array_sort (stats->rows, compare_count_desc);
}

UsgaStats *
usga_stats_query_by_category (UsgaDb *db, UsgaFilter *filter, UsgaGroupBy by, const char *const *categories,
                              UsgaStats **per_category, GError **error)
{
  g_autoptr(UsgaStats) total = g_new0 (UsgaStats, 1);
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  /* stored category -> the indexes of the requested keys (a group such as "sexual" or a
   * category itself) that take it in */
  g_autoptr(GHashTable) category_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                                (GDestroyNotify) g_array_unref);
  g_autofree GHashTable **category_by_key = NULL;
  g_autofree char *incident_sql = NULL;
  g_autofree char *quarterly_sql = NULL;
  g_autoptr(UsgaPeriodPlan) plan = NULL;
  Query q;
  const GroupSql *g = &incident_groups[by];
  guint n = categories ? g_strv_length ((GStrv) categories) : 0;
  Sink sink;
  gboolean ok;

  g_return_val_if_fail (is_time_group (by), NULL);

  plan = usga_period_plan_new (db, usga_filter_get_date_from (filter), usga_filter_get_date_to (filter),
                               quarterly_usable (filter, by), error);
  if (plan == NULL)
    return NULL;

  total->by = by;
  total->rows = g_ptr_array_new_with_free_func (stat_row_free);
  category_by_key = g_new0 (GHashTable *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      per_category[i] = g_new0 (UsgaStats, 1);
      per_category[i]->by = by;
      per_category[i]->rows = g_ptr_array_new_with_free_func (stat_row_free);
      category_by_key[i] = g_hash_table_new (g_str_hash, g_str_equal);
      {
        g_auto(GStrv) stored = usga_category_expand (categories[i]);

        for (guint j = 0; stored[j]; j++)
          {
            GArray *indexes = g_hash_table_lookup (category_index, stored[j]);

            if (indexes == NULL)
              {
                indexes = g_array_new (FALSE, FALSE, sizeof (guint));
                g_hash_table_insert (category_index, g_strdup (stored[j]), indexes);
              }
            g_array_append_val (indexes, i);
          }
      }
    }
  sink = (Sink) { by_key, total->rows, category_index, category_by_key, per_category };
  query_init (&q, db, filter);

  /* Built from the constant fragments above only; all values are bound parameters. */
  g = rows_group (by);
  incident_sql = g_strconcat ("SELECT d.category, ", g->key, " AS k, ", rows_count (),
                              rows_from (by, FALSE), g->joins, rows_where (), g->extra_where, " GROUP BY 1, k", NULL);
  if (has_quarterly (by))
    {
      const GroupSql *qg = &quarterly_groups[by];
      quarterly_sql = g_strconcat ("SELECT d.category, ", qg->key, " AS k, CAST (round (sum (q.count)) AS INTEGER) FROM ",
                                   usga_colonia_history_table (by, filter), " q JOIN delito d ON d.id = q.delito_id",
                                   qg->joins, QUARTERLY_WHERE, " GROUP BY 1, k", NULL);
      total->history_unavailable = !quarterly_usable (filter, by);
    }
  ok = run_plan (&q, plan, incident_sql, quarterly_sql, &sink, total, error);
  query_clear (&q);

  if (ok)
    {
      fill_gaps (total, by_key, plan);
      /* Every category gets the total's periods, zero where it had none. */
      for (guint i = 0; i < n; i++)
        {
          for (guint r = 0; r < total->rows->len; r++)
            {
              const UsgaStatRow *row = g_ptr_array_index (total->rows, r);
              if (!g_hash_table_contains (category_by_key[i], row->key))
                add_zero_row (per_category[i]->rows, g_strdup (row->key), row->source);
            }
          per_category[i]->history_unavailable = total->history_unavailable;
          keep_plan (per_category[i], plan);
          finish (db, filter, per_category[i]);
          usga_colonia_history_mark (per_category[i], filter);
        }
      finish (db, filter, total);
      usga_colonia_history_mark (total, filter);
      total->method = usga_stats_describe_method (db, filter, total);
    }
  for (guint i = 0; i < n; i++)
    {
      g_hash_table_unref (category_by_key[i]);
      if (!ok)
        g_clear_pointer (&per_category[i], usga_stats_free);
    }
  return ok ? g_steal_pointer (&total) : NULL;
}

gint64
usga_stats_total (UsgaDb *db, UsgaFilter *filter, GError **error)
{
  g_autoptr(UsgaStats) stats = usga_stats_query (db, filter, USGA_BY_NONE, error);

  return stats ? stats->total : -1;
}

gboolean
usga_stats_point_coverage (UsgaDb *db, char **first, char **last)
{
  sqlite3_stmt *stmt = usga_db_prepare (db, "SELECT min (date), max (date) FROM incident", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      *first = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *last = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

gboolean
usga_stats_write (UsgaStats *stats, gboolean json, gboolean with_rates, GOutputStream *out, GError **error)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char *group = usga_group_by_to_string (stats->by);
  gboolean has_label = stats->by == USGA_BY_COLONIA || stats->by == USGA_BY_CATEGORY ||
                       stats->by == USGA_BY_WEEKDAY || stats->by == USGA_BY_CUADRANTE ||
                       stats->by == USGA_BY_SECTOR;

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "by");
      json_builder_add_string_value (b, group);
      json_builder_set_member_name (b, "total");
      json_builder_add_int_value (b, stats->total);
      if (stats->estimate_rule)
        {
          json_builder_set_member_name (b, "estimate_rule");
          json_builder_add_string_value (b, stats->estimate_rule);
        }
      if (stats->by == USGA_BY_HOUR || stats->by == USGA_BY_HOUR_WEEKDAY)
        {
          json_builder_set_member_name (b, "excluded_placeholder_time");
          json_builder_add_int_value (b, stats->excluded_placeholder);
        }
      json_builder_set_member_name (b, "method");
      usga_stats_add_method_json (stats, b);
      json_builder_set_member_name (b, "rows");
      json_builder_begin_array (b);
      for (guint i = 0; i < stats->rows->len; i++)
        {
          UsgaStatRow *row = g_ptr_array_index (stats->rows, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, group);
          json_builder_add_string_value (b, row->key);
          if (has_label)
            {
              json_builder_set_member_name (b, "label");
              json_builder_add_string_value (b, row->label);
            }
          json_builder_set_member_name (b, "count");
          json_builder_add_int_value (b, row->count);
          if (with_rates)
            {
              json_builder_set_member_name (b, "population");
              json_builder_add_int_value (b, row->population);
              json_builder_set_member_name (b, "rate_per_100k");
              if (isnan (row->rate))
                json_builder_add_null_value (b);
              else
                json_builder_add_double_value (b, round (row->rate * 100) / 100);
            }
          json_builder_set_member_name (b, "source");
          json_builder_add_string_value (b, row->source);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      {
        g_autofree char *text = json_generator_to_data (gen, NULL);
        g_string_append (s, text);
        g_string_append_c (s, '\n');
      }
    }
  else
    {
      g_string_append (s, group);
      if (has_label)
        g_string_append (s, ",label");
      g_string_append (s, ",count");
      if (with_rates)
        g_string_append (s, ",population,rate_per_100k");
      g_string_append (s, ",source\n");
      for (guint i = 0; i < stats->rows->len; i++)
        {
          UsgaStatRow *row = g_ptr_array_index (stats->rows, i);
          usga_csv_append_field (s, row->key);
          if (has_label)
            {
              g_string_append_c (s, ',');
              usga_csv_append_field (s, row->label);
            }
          g_string_append_printf (s, ",%" G_GINT64_FORMAT, row->count);
          if (with_rates)
            {
              char rate[G_ASCII_DTOSTR_BUF_SIZE] = "";
              if (!isnan (row->rate))
                g_ascii_formatd (rate, sizeof rate, "%.2f", row->rate);
              g_string_append_printf (s, ",%" G_GINT64_FORMAT ",%s", row->population, rate);
            }
          g_string_append_printf (s, ",%s\n", row->source);
        }
    }
  return g_output_stream_write_all (out, s->str, s->len, NULL, NULL, error);
}

gboolean
usga_stats_points (UsgaDb *db, UsgaFilter *filter, GArray *lonlat, GError **error)
{
  Query q;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (lonlat != NULL && g_array_get_element_size (lonlat) == sizeof (UsgaLonLat), FALSE);

  stmt = usga_db_prepare (db, "SELECT i.lon, i.lat FROM incident i JOIN delito d ON d.id = i.delito_id"
                              INCIDENT_WHERE " AND i.lat IS NOT NULL AND i.lon IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  query_init (&q, db, filter);
  q.from = usga_filter_get_date_from (filter);
  q.to = usga_filter_get_date_to (filter);
  bind_filter (stmt, &q);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UsgaLonLat p = { sqlite3_column_double (stmt, 0), sqlite3_column_double (stmt, 1) };
      g_array_append_val (lonlat, p);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  query_clear (&q);
  if (rc != SQLITE_DONE)
    return usga_db_fail (db, rc, "incident points", error);
  return TRUE;
}
