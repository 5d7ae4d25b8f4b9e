/* usga-stats.c — counting incidents by group: the public queries, areas and points.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "usga-categories.h"
#include "usga-coverage.h"
#include "usga-colonia-history.h"
#include "usga-geo.h"
#include "usga-format.h"
#include "usga-periods.h"
#include "usga-rollup.h"
#include "usga-csv.h"
#include "usga-stats.h"
#include "usga-stats-private.h"
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

/* Whether the published counts can answer @by for @filter's area at all. */
static gboolean
quarterly_usable (UsgaFilter *filter, UsgaGroupBy by)
{
  /* Every area level can: per colonia, cuadrante or sector they are apportioned estimates. */
  return usga_stats_has_quarterly (by);
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


/* One query's dozen statements (period plan, parts, populations, method) in one read
 * transaction: one snapshot, and one lock instead of one per statement. Not inside the
 * caller's own transaction. */
static gboolean
read_begin (UsgaDb *db)
{
  return sqlite3_get_autocommit (usga_db_handle (db)) && usga_db_exec (db, "BEGIN", NULL);
}

static void
read_end (UsgaDb *db, gboolean began)
{
  if (began)
    usga_db_exec (db, "COMMIT", NULL);
}

static UsgaStats *
stats_query (UsgaDb *db, UsgaFilter *filter, UsgaGroupBy by, GError **error)
{
  g_autoptr(UsgaStats) stats = g_new0 (UsgaStats, 1);
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(UsgaPeriodPlan) plan = NULL;
  g_autofree char *incident_sql = NULL;
  g_autofree char *quarterly_sql = NULL;
  UsgaStatsQuery q;
  const UsgaStatsGroupSql *g = &usga_stats_incident_groups[by];
  UsgaStatsSink sink = { 0 };
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
  usga_stats_query_init (&q, db, filter, by);

  /* Built from the constant fragments of usga-stats-sql.c only; all values are bound parameters. */
  g = usga_stats_rows_group (by);
  incident_sql = g_strconcat ("SELECT ", g->key, " AS k, ", g->label, ", ", usga_stats_rows_count (), ", ", g->population,
                              usga_rollup_rows_from (by, FALSE, filter, plan->days), g->joins, usga_stats_rows_where (), g->extra_where, " GROUP BY k", NULL);
  if (usga_stats_has_quarterly (by))
    {
      const UsgaStatsGroupSql *qg = &usga_stats_quarterly_groups[by];
      /* Per colonia, cuadrante or sector the counts are estimates (usga-colonia-history.h), rounded there. */
      g_autofree char *part_sql =
        g_strconcat ("SELECT ", qg->key, " AS k, ", qg->label, " AS label, sum (q.count) AS n, ", qg->population,
                     " AS pop FROM ", usga_colonia_history_table (by, filter), " q JOIN delito d ON d.id = q.delito_id",
                     qg->joins, QUARTERLY_WHERE, " GROUP BY k", NULL);
      quarterly_sql = usga_colonia_history_round_sql (by, part_sql);
      stats->history_unavailable = !quarterly_usable (filter, by);
    }
  ok = usga_stats_run_plan (&q, plan, incident_sql, quarterly_sql, &sink, stats, error);
  usga_stats_query_clear (&q);
  if (!ok)
    return NULL;

  usga_stats_fill_gaps (stats, by_key, plan);
  usga_stats_finish (db, filter, stats);
  usga_colonia_history_mark (stats, filter);
  stats->method = usga_stats_describe_method (db, filter, stats);
  return g_steal_pointer (&stats);
}

UsgaStats *
usga_stats_query (UsgaDb *db, UsgaFilter *filter, UsgaGroupBy by, GError **error)
{
  gboolean began = read_begin (db);
  UsgaStats *stats = stats_query (db, filter, by, error);

  read_end (db, began);
  return stats;
}

static UsgaStats *
stats_query_by_category (UsgaDb *db, UsgaFilter *filter, UsgaGroupBy by, const char *const *categories,
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
  UsgaStatsQuery q;
  const UsgaStatsGroupSql *g = &usga_stats_incident_groups[by];
  guint n = categories ? g_strv_length ((GStrv) categories) : 0;
  UsgaStatsSink sink;
  gboolean ok;

  g_return_val_if_fail (usga_stats_is_time_group (by), NULL);

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
  sink = (UsgaStatsSink) { by_key, total->rows, category_index, category_by_key, per_category };
  usga_stats_query_init (&q, db, filter, by);

  /* Built from the constant fragments of usga-stats-sql.c only; all values are bound parameters. */
  g = usga_stats_rows_group (by);
  incident_sql = g_strconcat ("SELECT d.category, ", g->key, " AS k, ", usga_stats_rows_count (),
                              usga_rollup_rows_from (by, FALSE, filter, plan->days), g->joins, usga_stats_rows_where (), g->extra_where, " GROUP BY 1, k", NULL);
  if (usga_stats_has_quarterly (by))
    {
      const UsgaStatsGroupSql *qg = &usga_stats_quarterly_groups[by];
      quarterly_sql = g_strconcat ("SELECT d.category, ", qg->key, " AS k, " USGA_HISTORY_ROUND_SQL ("sum (q.count)") " FROM ",
                                   usga_colonia_history_table (by, filter), " q JOIN delito d ON d.id = q.delito_id",
                                   qg->joins, QUARTERLY_WHERE, " GROUP BY 1, k", NULL);
      total->history_unavailable = !quarterly_usable (filter, by);
    }
  ok = usga_stats_run_plan (&q, plan, incident_sql, quarterly_sql, &sink, total, error);
  usga_stats_query_clear (&q);

  if (ok)
    {
      usga_stats_fill_gaps (total, by_key, plan);
      /* Every category gets the total's periods, zero where it had none. */
      for (guint i = 0; i < n; i++)
        {
          for (guint r = 0; r < total->rows->len; r++)
            {
              const UsgaStatRow *row = g_ptr_array_index (total->rows, r);
              if (!g_hash_table_contains (category_by_key[i], row->key))
                usga_stats_add_zero_row (per_category[i]->rows, g_strdup (row->key), row->source);
            }
          per_category[i]->history_unavailable = total->history_unavailable;
          usga_stats_keep_plan (per_category[i], plan);
          usga_stats_finish (db, filter, per_category[i]);
          usga_colonia_history_mark (per_category[i], filter);
        }
      usga_stats_finish (db, filter, total);
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

UsgaStats *
usga_stats_query_by_category (UsgaDb *db, UsgaFilter *filter, UsgaGroupBy by, const char *const *categories,
                              UsgaStats **per_category, GError **error)
{
  gboolean began = read_begin (db);
  UsgaStats *stats = stats_query_by_category (db, filter, by, categories, per_category, error);

  read_end (db, began);
  return stats;
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
usga_stats_points (UsgaDb *db, UsgaFilter *filter, GArray *lonlat, GError **error)
{
  UsgaStatsQuery q;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (lonlat != NULL && g_array_get_element_size (lonlat) == sizeof (UsgaLonLat), FALSE);

  stmt = usga_db_prepare (db, "SELECT i.lon, i.lat FROM incident i JOIN delito d ON d.id = i.delito_id"
                              INCIDENT_WHERE " AND i.lat IS NOT NULL AND i.lon IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  usga_stats_query_init (&q, db, filter, USGA_BY_NONE);
  q.from = usga_filter_get_date_from (filter);
  q.to = usga_filter_get_date_to (filter);
  usga_stats_bind_filter (stmt, &q);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UsgaLonLat p = { sqlite3_column_double (stmt, 0), sqlite3_column_double (stmt, 1) };
      g_array_append_val (lonlat, p);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  usga_stats_query_clear (&q);
  if (rc != SQLITE_DONE)
    return usga_db_fail (db, rc, "incident points", error);
  return TRUE;
}

char *
usga_stats_points_note (UsgaDb *db, UsgaFilter *filter)
{
  const char *from = usga_filter_get_date_from (filter), *to = usga_filter_get_date_to (filter);
  g_autoptr(GPtrArray) ranges = usga_coverage_list (db, USGA_COVERAGE_CARPETAS, NULL);
  g_autoptr(GString) covered = g_string_new (NULL);
  g_autoptr(GString) all = g_string_new (NULL);
  guint32 lo = from ? usga_coverage_parse_day (from) : 1, hi = to ? usga_coverage_parse_day (to) : G_MAXUINT32;

  /* An open start reaches back into the quarterly history, which has no points. */
  if (from && to && usga_coverage_covers (db, USGA_COVERAGE_CARPETAS, from, to))
    return NULL;
  for (guint i = 0; ranges && i < ranges->len; i++)
    {
      UsgaCoverageRange *r = g_ptr_array_index (ranges, i);
      guint32 first = usga_coverage_parse_day (r->first_day), last = usga_coverage_parse_day (r->last_day);

      g_string_append_printf (all, "%s%s – %s", all->len ? ", " : "", r->first_day, r->last_day);
      if (last < lo || first > hi)
        continue;
      if (covered->len)
        g_string_append (covered, ", ");
      g_string_append_printf (covered, "%s – %s", first < lo ? from : r->first_day, last > hi ? to : r->last_day);
    }
  if (covered->len == 0 && all->len == 0)
    return g_strdup (_("No geolocated carpetas in the database: nothing is drawn or counted here."));
  if (covered->len == 0)
    return g_strdup_printf (_("No geolocated carpetas in this period: they cover %s; other periods have quarterly "
                              "counts per colonia, without points, so nothing is drawn or counted here."), all->str);
  return g_strdup_printf (_("Counted from geolocated carpetas, which cover only %s of this period; the rest of it has "
                            "quarterly counts per colonia, without points."), covered->str);
}
