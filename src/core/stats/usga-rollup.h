/* usga-rollup.h — coarser copies of the summaries and of the published quarterly counts, so a
 * whole-month or whole-year question reads a few thousand rows instead of tens of thousands.
 *
 * incident_summary_month        (date = YYYY-MM-01, delito_id) -> n         incident_summary summed
 * incident_summary_year_colonia (date = YYYY-01-01, delito_id, colonia_id) -> n   the same per colonia
 * incident_hour_summary_year    (date = YYYY-01-01, weekday, hour, time_placeholder, delito_id) -> n
 * incident_quarterly_total      (year, quarter, delito_id) -> count, cells   incident_quarterly summed
 *                                                                            over the FGJ colonia names
 * Triggers on the summaries and on incident_quarterly keep them in the same transaction as every
 * write to those (which ingest, supersede and the quarterly sync already make), so they never
 * disagree with what they sum. A cell whose sources are all gone is deleted (cells counts the
 * quarterly rows, whose counts may be 0).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "usga-db.h"
#include "usga-filter.h"
#include "usga-periods.h"
#include "usga-stats.h"

G_BEGIN_DECLS

#define USGA_ROLLUP_MONTH_KEY(row) "substr (" row ".date, 1, 7) || '-01', " row ".delito_id"
#define USGA_ROLLUP_MONTH_MATCH(row) \
  "date = substr (" row ".date, 1, 7) || '-01' AND delito_id = " row ".delito_id"
#define USGA_ROLLUP_COLONIA_KEY(row) "substr (" row ".date, 1, 4) || '-01-01', " row ".delito_id, " row ".colonia_id"
#define USGA_ROLLUP_COLONIA_MATCH(row) \
  "date = substr (" row ".date, 1, 4) || '-01-01' AND delito_id = " row ".delito_id AND colonia_id = " row ".colonia_id"
#define USGA_ROLLUP_HOUR_KEY(row) \
  "substr (" row ".date, 1, 4) || '-01-01', " row ".weekday, " row ".hour, " row ".time_placeholder, " row ".delito_id"
#define USGA_ROLLUP_HOUR_MATCH(row) \
  "date = substr (" row ".date, 1, 4) || '-01-01' AND weekday = " row ".weekday AND hour = " row ".hour" \
  " AND time_placeholder = " row ".time_placeholder AND delito_id = " row ".delito_id"
#define USGA_ROLLUP_QUARTER_MATCH(row) \
  "year = " row ".year AND quarter = " row ".quarter AND delito_id = " row ".delito_id"

/* Trigger bodies: add a source row's count / take it away (the cell goes with its last one). */
#define USGA_ROLLUP_ADD(table, key, count) \
  "INSERT INTO " table " VALUES (" key ", " count ") ON CONFLICT DO UPDATE SET n = n + excluded.n;"
#define USGA_ROLLUP_TAKE(table, match, count) \
  "DELETE FROM " table " WHERE " match " AND n = " count ";" \
  "UPDATE " table " SET n = n - " count " WHERE " match ";"
#define USGA_ROLLUP_DAY_ADD_NEW \
  USGA_ROLLUP_ADD ("incident_summary_month", USGA_ROLLUP_MONTH_KEY ("NEW"), "NEW.n") \
  USGA_ROLLUP_ADD ("incident_summary_year_colonia", USGA_ROLLUP_COLONIA_KEY ("NEW"), "NEW.n")
#define USGA_ROLLUP_DAY_TAKE_OLD \
  USGA_ROLLUP_TAKE ("incident_summary_month", USGA_ROLLUP_MONTH_MATCH ("OLD"), "OLD.n") \
  USGA_ROLLUP_TAKE ("incident_summary_year_colonia", USGA_ROLLUP_COLONIA_MATCH ("OLD"), "OLD.n")
#define USGA_ROLLUP_HOUR_ADD_NEW USGA_ROLLUP_ADD ("incident_hour_summary_year", USGA_ROLLUP_HOUR_KEY ("NEW"), "NEW.n")
#define USGA_ROLLUP_HOUR_TAKE_OLD USGA_ROLLUP_TAKE ("incident_hour_summary_year", USGA_ROLLUP_HOUR_MATCH ("OLD"), "OLD.n")
#define USGA_ROLLUP_QUARTER_ADD_NEW \
  "INSERT INTO incident_quarterly_total VALUES (NEW.year, NEW.quarter, NEW.delito_id, NEW.count, 1)" \
  " ON CONFLICT DO UPDATE SET count = count + excluded.count, cells = cells + 1;"
#define USGA_ROLLUP_QUARTER_TAKE_OLD \
  "DELETE FROM incident_quarterly_total WHERE " USGA_ROLLUP_QUARTER_MATCH ("OLD") " AND cells = 1;" \
  "UPDATE incident_quarterly_total SET count = count - OLD.count, cells = cells - 1" \
  " WHERE " USGA_ROLLUP_QUARTER_MATCH ("OLD") ";"

/* Each rollup counted from its source (the migration's fill, and the check). */
#define USGA_ROLLUP_MONTH_FILL \
  "SELECT " USGA_ROLLUP_MONTH_KEY ("s") ", sum (s.n) FROM incident_summary s GROUP BY 1, 2"
#define USGA_ROLLUP_COLONIA_FILL \
  "SELECT " USGA_ROLLUP_COLONIA_KEY ("s") ", sum (s.n) FROM incident_summary s GROUP BY 1, 2, 3"
#define USGA_ROLLUP_HOUR_FILL \
  "SELECT " USGA_ROLLUP_HOUR_KEY ("s") ", sum (s.n) FROM incident_hour_summary s GROUP BY 1, 2, 3, 4, 5"
#define USGA_ROLLUP_QUARTER_FILL \
  "SELECT q.year, q.quarter, q.delito_id, sum (q.count), count(*) FROM incident_quarterly q GROUP BY 1, 2, 3"

/* The migration (speedcli): tables, triggers, and the counts of what is already there. Written
 * to run twice harmlessly (tests replay migrations from older versions): it counts afresh. */
#define USGA_ROLLUP_MIGRATION_SQL \
  "CREATE TABLE IF NOT EXISTS incident_summary_month (" \
  "  date TEXT NOT NULL, delito_id INTEGER NOT NULL, n INTEGER NOT NULL CHECK (n > 0)," \
  "  PRIMARY KEY (date, delito_id)) WITHOUT ROWID;" \
  "CREATE TABLE IF NOT EXISTS incident_summary_year_colonia (" \
  "  date TEXT NOT NULL, delito_id INTEGER NOT NULL, colonia_id INTEGER NOT NULL, n INTEGER NOT NULL CHECK (n > 0)," \
  "  PRIMARY KEY (date, delito_id, colonia_id)) WITHOUT ROWID;" \
  "CREATE TABLE IF NOT EXISTS incident_hour_summary_year (" \
  "  date TEXT NOT NULL, weekday INTEGER NOT NULL, hour INTEGER NOT NULL, time_placeholder INTEGER NOT NULL," \
  "  delito_id INTEGER NOT NULL, n INTEGER NOT NULL CHECK (n > 0)," \
  "  PRIMARY KEY (date, weekday, hour, time_placeholder, delito_id)) WITHOUT ROWID;" \
  "CREATE TABLE IF NOT EXISTS incident_quarterly_total (" \
  "  year INTEGER NOT NULL, quarter INTEGER NOT NULL, delito_id INTEGER NOT NULL," \
  "  count INTEGER NOT NULL CHECK (count >= 0), cells INTEGER NOT NULL CHECK (cells > 0)," \
  "  PRIMARY KEY (year, quarter, delito_id)) WITHOUT ROWID;" \
  "CREATE TRIGGER IF NOT EXISTS incident_summary_rollup_insert AFTER INSERT ON incident_summary" \
  " BEGIN " USGA_ROLLUP_DAY_ADD_NEW " END;" \
  "CREATE TRIGGER IF NOT EXISTS incident_summary_rollup_delete AFTER DELETE ON incident_summary" \
  " BEGIN " USGA_ROLLUP_DAY_TAKE_OLD " END;" \
  "CREATE TRIGGER IF NOT EXISTS incident_summary_rollup_update AFTER UPDATE ON incident_summary" \
  " BEGIN " USGA_ROLLUP_DAY_TAKE_OLD USGA_ROLLUP_DAY_ADD_NEW " END;" \
  "CREATE TRIGGER IF NOT EXISTS incident_hour_summary_rollup_insert AFTER INSERT ON incident_hour_summary" \
  " BEGIN " USGA_ROLLUP_HOUR_ADD_NEW " END;" \
  "CREATE TRIGGER IF NOT EXISTS incident_hour_summary_rollup_delete AFTER DELETE ON incident_hour_summary" \
  " BEGIN " USGA_ROLLUP_HOUR_TAKE_OLD " END;" \
  "CREATE TRIGGER IF NOT EXISTS incident_hour_summary_rollup_update AFTER UPDATE ON incident_hour_summary" \
  " BEGIN " USGA_ROLLUP_HOUR_TAKE_OLD USGA_ROLLUP_HOUR_ADD_NEW " END;" \
  "CREATE TRIGGER IF NOT EXISTS incident_quarterly_rollup_insert AFTER INSERT ON incident_quarterly" \
  " BEGIN " USGA_ROLLUP_QUARTER_ADD_NEW " END;" \
  "CREATE TRIGGER IF NOT EXISTS incident_quarterly_rollup_delete AFTER DELETE ON incident_quarterly" \
  " BEGIN " USGA_ROLLUP_QUARTER_TAKE_OLD " END;" \
  "CREATE TRIGGER IF NOT EXISTS incident_quarterly_rollup_update AFTER UPDATE OF year, quarter, delito_id, count" \
  " ON incident_quarterly BEGIN " USGA_ROLLUP_QUARTER_TAKE_OLD USGA_ROLLUP_QUARTER_ADD_NEW " END;" \
  "DELETE FROM incident_summary_month; DELETE FROM incident_summary_year_colonia;" \
  "DELETE FROM incident_hour_summary_year; DELETE FROM incident_quarterly_total;" \
  "INSERT INTO incident_summary_month " USGA_ROLLUP_MONTH_FILL ";" \
  "INSERT INTO incident_summary_year_colonia " USGA_ROLLUP_COLONIA_FILL ";" \
  "INSERT INTO incident_hour_summary_year " USGA_ROLLUP_HOUR_FILL ";" \
  "INSERT INTO incident_quarterly_total " USGA_ROLLUP_QUARTER_FILL ";"

/* FROM … for the summary rows of @by and @filter over every range of @ranges (UsgaDayRange):
 * the smallest rollup that answers them exactly (every range whole months or whole years, no
 * area finer than it keeps), else the summary itself (usga_stats_rows_from). @hours: the hour
 * summary's columns are needed. A raw scan (tests) always reads the rows. */
const char *usga_rollup_rows_from (UsgaGroupBy by, gboolean hours, UsgaFilter *filter, GArray *ranges);

/* What the published-count part reads FROM at the alcaldía level (exact, no colonia): the
 * counts summed over the FGJ colonia names, with the columns usga_colonia_history_table names. */
const char *usga_rollup_quarterly_from (void);

/* Compares every rollup with a sum of its source; returns the number of differing cells (0 when
 * they agree), or -1 with @error set. */
gint64      usga_rollup_check (UsgaDb *db, GError **error);

G_END_DECLS
