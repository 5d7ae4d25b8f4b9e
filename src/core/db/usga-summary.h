/* usga-summary.h — counts of the carpetas the dashboard counts (Iztapalapa's), kept beside the
 * rows so every aggregate is a small indexed scan instead of a pass over the city's rows.
 *
 * incident_summary      (date, delito_id, colonia_id, cuadrante_id) -> n
 * incident_hour_summary (date, weekday, hour, time_placeholder, delito_id, colonia_id,
 *                        cuadrante_id) -> n          hour -1 = unknown
 * colonia_id / cuadrante_id 0 = not placed. Triggers on incident keep both in the same
 * transaction as every insert, delete or update (bundled load, sync page, supersede,
 * re-placement); a CSV import adds its rows' counts in bulk in its own transaction instead
 * (usga_summary_bulk_start()). Either way they never disagree with the rows.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "usga-db.h"
#include "usga-bundled.h"   /* UsgaProgressFunc */

G_BEGIN_DECLS

/* The rows a summary holds: the same test usga-stats.c applies to incident. */
#define USGA_SUMMARY_IN_SCOPE(row) "(" row ".alcaldia IS NULL OR " row ".alcaldia = 'IZTAPALAPA')"

#define USGA_SUMMARY_KEY_NEW \
  "NEW.date, NEW.delito_id, COALESCE (NEW.colonia_id, 0), COALESCE (NEW.cuadrante_id, 0)"
#define USGA_SUMMARY_HOUR_KEY_NEW \
  "NEW.date, NEW.weekday, COALESCE (NEW.hour, -1), NEW.time_placeholder, NEW.delito_id," \
  " COALESCE (NEW.colonia_id, 0), COALESCE (NEW.cuadrante_id, 0)"
#define USGA_SUMMARY_MATCH_OLD \
  "date = OLD.date AND delito_id = OLD.delito_id AND colonia_id = COALESCE (OLD.colonia_id, 0)" \
  " AND cuadrante_id = COALESCE (OLD.cuadrante_id, 0)"
#define USGA_SUMMARY_HOUR_MATCH_OLD \
  USGA_SUMMARY_MATCH_OLD " AND weekday = OLD.weekday AND hour = COALESCE (OLD.hour, -1)" \
  " AND time_placeholder = OLD.time_placeholder"

/* Adds NEW's row / takes OLD's away (trigger bodies). */
#define USGA_SUMMARY_ADD_NEW \
  "INSERT INTO incident_summary VALUES (" USGA_SUMMARY_KEY_NEW ", 1) ON CONFLICT DO UPDATE SET n = n + 1;" \
  "INSERT INTO incident_hour_summary VALUES (" USGA_SUMMARY_HOUR_KEY_NEW ", 1) ON CONFLICT DO UPDATE SET n = n + 1;"
/* The last carpeta of a cell takes the cell with it (no zero cells); else the count drops. */
#define USGA_SUMMARY_TAKE_OLD \
  "DELETE FROM incident_summary WHERE " USGA_SUMMARY_MATCH_OLD " AND n = 1;" \
  "UPDATE incident_summary SET n = n - 1 WHERE " USGA_SUMMARY_MATCH_OLD ";" \
  "DELETE FROM incident_hour_summary WHERE " USGA_SUMMARY_HOUR_MATCH_OLD " AND n = 1;" \
  "UPDATE incident_hour_summary SET n = n - 1 WHERE " USGA_SUMMARY_HOUR_MATCH_OLD ";"

/* Both summaries counted from the rows of incident @where picks (alias i), as INSERTs. */
#define USGA_SUMMARY_COUNT(where) \
  "INSERT INTO incident_summary SELECT date, delito_id, COALESCE (colonia_id, 0), COALESCE (cuadrante_id, 0), count(*)" \
  " FROM incident i WHERE " where " GROUP BY 1, 2, 3, 4"
#define USGA_SUMMARY_HOUR_COUNT(where) \
  "INSERT INTO incident_hour_summary SELECT date, weekday, COALESCE (hour, -1), time_placeholder, delito_id," \
  " COALESCE (colonia_id, 0), COALESCE (cuadrante_id, 0), count(*)" \
  " FROM incident i WHERE " where " GROUP BY 1, 2, 3, 4, 5, 6, 7"

/* Both summaries counted from incident (the migration's fill). */
#define USGA_SUMMARY_FILL_WHERE(extra) \
  USGA_SUMMARY_COUNT (USGA_SUMMARY_IN_SCOPE ("i") extra) ";" \
  USGA_SUMMARY_HOUR_COUNT (USGA_SUMMARY_IN_SCOPE ("i") extra) ";"

/* The trigger that counts each inserted row (usga_summary_bulk_start() lifts it for a bulk load). */
#define USGA_SUMMARY_INSERT_TRIGGER_SQL \
  "CREATE TRIGGER IF NOT EXISTS incident_summary_insert AFTER INSERT ON incident WHEN " USGA_SUMMARY_IN_SCOPE ("NEW") \
  " BEGIN " USGA_SUMMARY_ADD_NEW " END;"

/* The migration (speed): tables, triggers, and the counts of the rows already there. Written
 * to run twice harmlessly (tests replay migrations from older versions): it counts afresh. */
#define USGA_SUMMARY_MIGRATION_SQL \
  "CREATE TABLE IF NOT EXISTS incident_summary (" \
  "  date TEXT NOT NULL, delito_id INTEGER NOT NULL, colonia_id INTEGER NOT NULL, cuadrante_id INTEGER NOT NULL," \
  "  n INTEGER NOT NULL CHECK (n > 0)," \
  "  PRIMARY KEY (date, delito_id, colonia_id, cuadrante_id)) WITHOUT ROWID;" \
  "CREATE TABLE IF NOT EXISTS incident_hour_summary (" \
  "  date TEXT NOT NULL, weekday INTEGER NOT NULL, hour INTEGER NOT NULL, time_placeholder INTEGER NOT NULL," \
  "  delito_id INTEGER NOT NULL, colonia_id INTEGER NOT NULL, cuadrante_id INTEGER NOT NULL," \
  "  n INTEGER NOT NULL CHECK (n > 0)," \
  "  PRIMARY KEY (date, weekday, hour, time_placeholder, delito_id, colonia_id, cuadrante_id)) WITHOUT ROWID;" \
  USGA_SUMMARY_INSERT_TRIGGER_SQL \
  "CREATE TRIGGER IF NOT EXISTS incident_summary_delete AFTER DELETE ON incident WHEN " USGA_SUMMARY_IN_SCOPE ("OLD") \
  " BEGIN " USGA_SUMMARY_TAKE_OLD " END;" \
  "CREATE TRIGGER IF NOT EXISTS incident_summary_update_old AFTER UPDATE OF date, delito_id, colonia_id, cuadrante_id, alcaldia," \
  "  weekday, hour, time_placeholder ON incident WHEN " USGA_SUMMARY_IN_SCOPE ("OLD") \
  " BEGIN " USGA_SUMMARY_TAKE_OLD " END;" \
  "CREATE TRIGGER IF NOT EXISTS incident_summary_update_new AFTER UPDATE OF date, delito_id, colonia_id, cuadrante_id, alcaldia," \
  "  weekday, hour, time_placeholder ON incident WHEN " USGA_SUMMARY_IN_SCOPE ("NEW") \
  " BEGIN " USGA_SUMMARY_ADD_NEW " END;" \
  "DELETE FROM incident_summary; DELETE FROM incident_hour_summary;" \
  USGA_SUMMARY_FILL_WHERE ("")

/* Empties both summaries and counts them again from incident, in one transaction, in yearly
 * steps reported through @progress (may be NULL). For repair and tests; migrations and ingest
 * never need it. */
gboolean usga_summary_rebuild (UsgaDb *db, UsgaProgressFunc progress, gpointer progress_data, GError **error);

/* A bulk load (a CSV import of millions of rows) inside the caller's transaction: instead of
 * the insert trigger's two upserts per row, usga_summary_bulk_finish() adds the counts of every
 * row inserted since usga_summary_bulk_start() with one GROUP BY per summary, and puts the
 * trigger back, in the same transaction (DDL is transactional: a rollback undoes all of it, and
 * no other connection ever sees the database without the trigger). In between only INSERTs
 * into incident may happen; the delete and update triggers stay. */
typedef struct {
  gint64   last_id;   /* the largest incident id before the load: later ones are its rows */
  gboolean lifted;    /* the trigger was there and is lifted */
} UsgaSummaryBulk;

gboolean usga_summary_bulk_start  (UsgaDb *db, UsgaSummaryBulk *bulk, GError **error);
gboolean usga_summary_bulk_finish (UsgaDb *db, UsgaSummaryBulk *bulk, GError **error);

/* Compares both summaries with a count of the raw rows; returns the number of differing
 * cells (0 when they agree), or -1 with @error set. */
gint64   usga_summary_check   (UsgaDb *db, GError **error);

G_END_DECLS
