/* usga-stats-sql.c — the SQL of each grouping (rows, summaries, published quarters) and binding a filter to it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "usga-stats-private.h"
#include "usga-text.h"

/* Tests and the bench compare the summaries with a scan of the rows. */
gint usga_stats_raw_scan;

void
usga_stats_set_raw_scan (gboolean raw)
{
  g_atomic_int_set (&usga_stats_raw_scan, raw);
}

const UsgaStatsGroupSql usga_stats_incident_groups[] = {
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
static const UsgaStatsGroupSql summary_groups[] = {
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
const char *
usga_stats_rows_from (UsgaGroupBy by, gboolean hours)
{
  if (g_atomic_int_get (&usga_stats_raw_scan))
    return " FROM incident i JOIN delito d ON d.id = i.delito_id";
  return hours || by == USGA_BY_HOUR || by == USGA_BY_WEEKDAY || by == USGA_BY_HOUR_WEEKDAY
         ? " FROM incident_hour_summary i JOIN delito d ON d.id = i.delito_id"
         : " FROM incident_summary i JOIN delito d ON d.id = i.delito_id";
}

const char *
usga_stats_rows_where (void)
{
  return g_atomic_int_get (&usga_stats_raw_scan) ? INCIDENT_WHERE : SUMMARY_WHERE;
}

const char *
usga_stats_rows_count (void)
{
  return g_atomic_int_get (&usga_stats_raw_scan) ? "count(*)" : "sum (i.n)";
}

const UsgaStatsGroupSql *
usga_stats_rows_group (UsgaGroupBy by)
{
  return g_atomic_int_get (&usga_stats_raw_scan) ? &usga_stats_incident_groups[by] : &summary_groups[by];
}

const UsgaStatsGroupSql usga_stats_quarterly_groups[] = {
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

gboolean
usga_stats_has_quarterly (UsgaGroupBy by)
{
  return by == USGA_BY_QUARTER || by == USGA_BY_YEAR || by == USGA_BY_COLONIA ||
         by == USGA_BY_CATEGORY || by == USGA_BY_DELITO || by == USGA_BY_NONE ||
         by == USGA_BY_CUADRANTE || by == USGA_BY_SECTOR;
}

void
usga_stats_bind_filter (sqlite3_stmt *stmt, UsgaStatsQuery *q)
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

void
usga_stats_query_init (UsgaStatsQuery *q, UsgaDb *db, UsgaFilter *filter, UsgaGroupBy by)
{
  *q = (UsgaStatsQuery) { db, filter, NULL, NULL, NULL, NULL, NULL, by, NULL };
  q->categories = usga_filter_categories_json (filter);
  q->delito = usga_filter_get_delito (filter) ? usga_text_normalize (usga_filter_get_delito (filter)) : NULL;
}

void
usga_stats_query_clear (UsgaStatsQuery *q)
{
  g_clear_pointer (&q->categories, g_free);
  g_clear_pointer (&q->delito, g_free);
  g_clear_pointer (&q->quarters, g_free);
}
