/* usga-stats-run.c — running a stats query by the period plan: each part, the rows left out, the rule kept.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "usga-rollup.h"
#include "usga-stats-private.h"

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

/* One row of a part: (key, label, count, population), or with @sink->category_index
 * (category, key, count) added to the total and to each requested category taking it in. */
void
usga_stats_sink_add (const UsgaStatsSink *sink, const char *first, const char *second, gint64 count,
                     gint64 population, const char *source)
{
  GArray *indexes;

  if (sink->category_index == NULL)
    {
      add_to_row (sink->by_key, sink->rows, first, second, population, count, source);
      return;
    }
  indexes = first ? g_hash_table_lookup (sink->category_index, first) : NULL;
  add_to_row (sink->by_key, sink->rows, second, NULL, 0, count, source);
  for (guint j = 0; indexes && j < indexes->len; j++)
    {
      guint i = g_array_index (indexes, guint, j);
      add_to_row (sink->category_by_key[i], sink->per_category[i]->rows, second, NULL, 0, count, source);
    }
}

static gboolean
run_part (UsgaStatsQuery *q, const char *sql, const char *source, const UsgaStatsSink *sink, gint64 *added, GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (q->db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  usga_stats_bind_filter (stmt, q);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 count = sqlite3_column_int64 (stmt, 2);

      *added += count;
      usga_stats_sink_add (sink, (const char *) sqlite3_column_text (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
                           count, sink->category_index ? 0 : sqlite3_column_int64 (stmt, 3), source);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return usga_db_fail (q->db, rc, "stats", error);
  return TRUE;
}

/* Rows matching the filter in @ranges (UsgaDayRange); with @placeholders, only those whose
 * hour is FGJ's placeholder or unknown. */
static gint64
count_rows (UsgaStatsQuery *q, GArray *ranges, gboolean placeholders, GError **error)
{
  const char *extra = !placeholders ? ""
                    : g_atomic_int_get (&usga_stats_raw_scan) ? " AND (i.time_placeholder = 1 OR i.hour IS NULL)"
                    : " AND (i.time_placeholder = 1 OR i.hour < 0)";
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 n = 0;

  if (q->cube)
    return usga_cube_count_rows (q->cube, q, ranges, placeholders);
  sql = g_strconcat ("SELECT COALESCE (", usga_stats_rows_count (), ", 0)", usga_rollup_rows_from (USGA_BY_NONE, placeholders, q->filter, ranges),
                                      usga_stats_rows_where (), extra, NULL);
  stmt = usga_db_prepare (q->db, sql, error);

  if (stmt == NULL)
    return -1;
  for (guint i = 0; i < ranges->len; i++)
    {
      const UsgaDayRange *r = &g_array_index (ranges, UsgaDayRange, i);
      int rc;

      q->from = r->from;
      q->to = r->to;
      usga_stats_bind_filter (stmt, q);
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
void
usga_stats_keep_plan (UsgaStats *stats, UsgaPeriodPlan *plan)
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
 * whole quarters; counts the rows the plan leaves out and the hour placeholders. Each part
 * comes from the thread's aggregate index when it is fresh (usga-cube.h), which gives the
 * SQL's rows exactly; never for a raw scan, which tests compare against. */
gboolean
usga_stats_run_plan (UsgaStatsQuery *q, UsgaPeriodPlan *plan, const char *incident_sql, const char *quarterly_sql,
                     const UsgaStatsSink *sink, UsgaStats *stats, GError **error)
{
  if (!g_atomic_int_get (&usga_stats_raw_scan) && usga_cube_takes_ranges (plan->days) &&
      usga_cube_takes_ranges (plan->skipped))
    q->cube = usga_cube_for_thread (usga_db_path (q->db));
  for (guint i = 0; i < plan->days->len; i++)
    {
      const UsgaDayRange *r = &g_array_index (plan->days, UsgaDayRange, i);
      gint64 added = 0;

      q->from = r->from;
      q->to = r->to;
      if (q->cube)
        usga_cube_run_points (q->cube, q, sink, &added);
      else if (!run_part (q, incident_sql, USGA_SOURCE_POINTS, sink, &added, error))
        return FALSE;
      if (r->partial)
        stats->partial_rows += added;
    }
  if (quarterly_sql && plan->quarters->len > 0)
    {
      gint64 added = 0;

      q->quarters = usga_period_plan_quarters_json (plan);
      q->from = q->to = NULL;
      if (q->cube)
        usga_cube_run_quarterly (q->cube, q, plan->quarters, sink, &added);
      else if (!run_part (q, quarterly_sql, USGA_SOURCE_QUARTERLY, sink, &added, error))
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
  usga_stats_keep_plan (stats, plan);
  return TRUE;
}
