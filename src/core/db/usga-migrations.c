/* usga-migrations.c — ordered schema migrations; user_version = index + 1.
 * Never edit a released migration: append a new one.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "usga-migrations.h"
#include "usga-rollup.h"
#include "usga-summary.h"
#include "usga-colonia-history-sql.h"

static const char *const migrations[] = {
  /* 1: foundation */
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"

  /* One row per dataset we hold, so every number can say where it comes from. */
  "CREATE TABLE dataset ("
  "  id TEXT PRIMARY KEY,"          /* carpetas, carpetas_quarterly, victimas, colonias, ... */
  "  source TEXT NOT NULL,"         /* human readable: agency + repository/resource */
  "  license TEXT,"
  "  vintage TEXT,"                 /* file name or resource last_modified */
  "  origin TEXT NOT NULL DEFAULT 'bundled'," /* bundled | ckan | csv */
  "  loaded_at TEXT NOT NULL);"

  "CREATE TABLE alcaldia ("
  "  cvegeo TEXT PRIMARY KEY, name TEXT NOT NULL, population INTEGER,"
  "  population_source TEXT, geometry TEXT NOT NULL);"

  "CREATE TABLE colonia ("
  "  id INTEGER PRIMARY KEY,"
  "  cve TEXT NOT NULL UNIQUE,"     /* IECM CVEUT, e.g. 07-099 */
  "  name TEXT NOT NULL,"
  "  population INTEGER,"           /* 2020 census (SUMPOB1) */
  "  geometry TEXT NOT NULL,"       /* GeoJSON geometry */
  "  min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL,"
  "  label_lon REAL, label_lat REAL);"

  /* Names other sources use for a colonia (FGJ colonia_catalogo, title-cased names, ...). */
  "CREATE TABLE colonia_alias ("
  "  alias TEXT PRIMARY KEY,"       /* normalised: upper case, no accents */
  "  colonia_id INTEGER NOT NULL REFERENCES colonia(id) ON DELETE CASCADE,"
  "  method TEXT NOT NULL);"        /* name | polygon | points */

  "CREATE TABLE sector ("
  "  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, zona TEXT);"

  "CREATE TABLE cuadrante ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE,"    /* nomenclatura, e.g. O-1.1.7 */
  "  sector_id INTEGER NOT NULL REFERENCES sector(id),"
  "  population INTEGER,"
  "  geometry TEXT NOT NULL,"
  "  min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL,"
  "  label_lon REAL, label_lat REAL);"

  "CREATE TABLE category ("
  "  key TEXT PRIMARY KEY, grp TEXT, in_total INTEGER NOT NULL DEFAULT 1, sort INTEGER NOT NULL);"

  /* The delito -> category mapping is data (data/delito_categories.csv), applied in order. */
  "CREATE TABLE delito_rule ("
  "  priority INTEGER PRIMARY KEY, pattern TEXT NOT NULL,"
  "  category TEXT NOT NULL REFERENCES category(key));"

  "CREATE TABLE delito ("
  "  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
  "  category TEXT NOT NULL REFERENCES category(key));"
  "CREATE INDEX delito_category ON delito(category);"

  /* Carpetas de investigación, one row each (bundled 2024 points, synced or imported rows). */
  "CREATE TABLE incident ("
  "  id INTEGER PRIMARY KEY,"
  "  content_key TEXT NOT NULL UNIQUE," /* identity across reloads; CKAN _id is not stable */
  "  origin TEXT NOT NULL,"          /* bundled | ckan | csv */
  "  delito_id INTEGER NOT NULL REFERENCES delito(id),"
  "  date TEXT NOT NULL,"            /* fecha_hecho, YYYY-MM-DD */
  "  year INTEGER NOT NULL, month INTEGER NOT NULL, weekday INTEGER NOT NULL," /* weekday 1=Mon..7=Sun */
  "  hour INTEGER,"                  /* NULL when unknown */
  "  time_placeholder INTEGER NOT NULL DEFAULT 0," /* 2:00 is FGJ's 'unknown time' */
  "  colonia_raw TEXT,"
  "  colonia_id INTEGER REFERENCES colonia(id),"
  "  cuadrante_id INTEGER REFERENCES cuadrante(id),"
  "  lat REAL, lon REAL);"
  "CREATE INDEX incident_date ON incident(date);"
  "CREATE INDEX incident_delito_date ON incident(delito_id, date);"
  "CREATE INDEX incident_colonia_date ON incident(colonia_id, date);"
  "CREATE INDEX incident_cuadrante_date ON incident(cuadrante_id, date);"

  /* Published per-colonia quarterly counts (history before the point data). */
  "CREATE TABLE incident_quarterly ("
  "  colonia_raw TEXT NOT NULL,"
  "  colonia_id INTEGER REFERENCES colonia(id),"
  "  year INTEGER NOT NULL, quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),"
  "  delito_id INTEGER NOT NULL REFERENCES delito(id),"
  "  count INTEGER NOT NULL CHECK (count >= 0),"
  "  PRIMARY KEY (colonia_raw, year, quarter, delito_id)) WITHOUT ROWID;"
  "CREATE INDEX incident_quarterly_period ON incident_quarterly(year, quarter);"

  "CREATE TABLE victim ("
  "  id INTEGER PRIMARY KEY,"
  "  content_key TEXT NOT NULL UNIQUE,"
  "  origin TEXT NOT NULL,"
  "  delito_id INTEGER NOT NULL REFERENCES delito(id),"
  "  date TEXT NOT NULL, year INTEGER NOT NULL, month INTEGER NOT NULL, weekday INTEGER NOT NULL,"
  "  hour INTEGER, time_placeholder INTEGER NOT NULL DEFAULT 0,"
  "  sex TEXT CHECK (sex IN ('F','M') OR sex IS NULL),"
  "  age INTEGER,"
  "  person_type TEXT, legal_status TEXT,"
  "  colonia_raw TEXT, colonia_id INTEGER REFERENCES colonia(id),"
  "  cuadrante_id INTEGER REFERENCES cuadrante(id),"
  "  lat REAL, lon REAL);"
  "CREATE INDEX victim_date ON victim(date);"
  "CREATE INDEX victim_delito_date ON victim(delito_id, date);"

  "CREATE TABLE utopia ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  opened TEXT,"                   /* YYYY-MM-DD inauguration */
  "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','construction','planned')),"
  "  services TEXT NOT NULL DEFAULT '',"
  "  lat REAL NOT NULL, lon REAL NOT NULL,"
  "  colonia_id INTEGER REFERENCES colonia(id),"
  "  origin TEXT NOT NULL DEFAULT 'bundled',"
  "  updated_at TEXT NOT NULL);"

  "CREATE TABLE corridor ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  colonia_id INTEGER REFERENCES colonia(id),"
  "  geometry TEXT NOT NULL,"        /* GeoJSON LineString / MultiLineString */
  "  length_m REAL NOT NULL DEFAULT 0,"
  "  lighting INTEGER NOT NULL DEFAULT 0, cameras INTEGER NOT NULL DEFAULT 0,"
  "  emergency_buttons INTEGER NOT NULL DEFAULT 0,"
  "  built TEXT, origin TEXT NOT NULL DEFAULT 'user', properties TEXT,"
  "  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"

  /* The report's 109 recommendations (kind 'mayor') and the items that do not count (population, section3). */
  "CREATE TABLE recommendation ("
  "  id TEXT PRIMARY KEY,"
  "  kind TEXT NOT NULL DEFAULT 'mayor' CHECK (kind IN ('mayor','population','section3')),"
  "  sdg INTEGER, section TEXT,"
  "  theme_en TEXT, theme_es TEXT, topic_en TEXT, topic_es TEXT,"
  "  summary_en TEXT NOT NULL, summary_es TEXT NOT NULL,"
  "  partners TEXT NOT NULL DEFAULT '',"
  "  indicator TEXT REFERENCES category(key),"
  "  source_ref TEXT,"
  "  status TEXT NOT NULL DEFAULT 'not_started' CHECK (status IN "
  "    ('not_started','planned','in_progress','implemented','blocked','not_pursued')),"
  "  term TEXT CHECK (term IN ('short','medium','long') OR term IS NULL),"
  "  responsible TEXT, due_date TEXT,"
  "  progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100));"

  "CREATE TABLE recommendation_history ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  recommendation_id TEXT NOT NULL REFERENCES recommendation(id),"
  "  at TEXT NOT NULL, by TEXT NOT NULL DEFAULT '',"
  "  field TEXT NOT NULL, old_value TEXT, new_value TEXT,"
  "  note TEXT, evidence_url TEXT, criterion TEXT);"
  "CREATE INDEX recommendation_history_rec ON recommendation_history(recommendation_id, at);"
  /* History is append-only: the database itself refuses edits and deletions. */
  "CREATE TRIGGER recommendation_history_no_update BEFORE UPDATE ON recommendation_history "
  "  BEGIN SELECT RAISE(ABORT, 'recommendation history is append-only'); END;"
  "CREATE TRIGGER recommendation_history_no_delete BEFORE DELETE ON recommendation_history "
  "  BEGIN SELECT RAISE(ABORT, 'recommendation history is append-only'); END;"

  /* The report's stated 2015->2020 changes, shown beside the live series. */
  "CREATE TABLE report_baseline ("
  "  id INTEGER PRIMARY KEY, category TEXT NOT NULL," /* a category key or a group (robbery) */
  "  label TEXT NOT NULL, from_year INTEGER NOT NULL, to_year INTEGER NOT NULL,"
  "  change_pct REAL NOT NULL, source_ref TEXT NOT NULL);"

  "CREATE TABLE sync_log ("
  "  id INTEGER PRIMARY KEY,"
  "  dataset TEXT NOT NULL, kind TEXT NOT NULL,"  /* bundled | ckan | csv */
  "  started_at TEXT NOT NULL, finished_at TEXT,"
  "  status TEXT NOT NULL,"                       /* running | ok | failed | cancelled */
  "  rows_added INTEGER NOT NULL DEFAULT 0, rows_skipped INTEGER NOT NULL DEFAULT 0,"
  "  rows_rejected INTEGER NOT NULL DEFAULT 0,"
  "  resource TEXT, vintage TEXT, next_offset INTEGER, message TEXT);",

  /* 2: full-text search over the recommendations (accent-insensitive: "camaras" finds "cámaras").
   * External content: the text lives in `recommendation`; triggers keep the index in step. */
  "CREATE VIRTUAL TABLE recommendation_fts USING fts5 ("
  "  theme_en, theme_es, topic_en, topic_es, summary_en, summary_es, partners,"
  "  content='recommendation', content_rowid='rowid',"
  "  tokenize='unicode61 remove_diacritics 2');"
  "CREATE TRIGGER recommendation_fts_insert AFTER INSERT ON recommendation BEGIN"
  "  INSERT INTO recommendation_fts (rowid, theme_en, theme_es, topic_en, topic_es, summary_en, summary_es, partners)"
  "  VALUES (new.rowid, new.theme_en, new.theme_es, new.topic_en, new.topic_es, new.summary_en, new.summary_es, new.partners);"
  "  END;"
  "CREATE TRIGGER recommendation_fts_delete AFTER DELETE ON recommendation BEGIN"
  "  INSERT INTO recommendation_fts (recommendation_fts, rowid, theme_en, theme_es, topic_en, topic_es, summary_en, summary_es, partners)"
  "  VALUES ('delete', old.rowid, old.theme_en, old.theme_es, old.topic_en, old.topic_es, old.summary_en, old.summary_es, old.partners);"
  "  END;"
  /* Status edits do not touch the indexed text, so only text edits re-index. */
  "CREATE TRIGGER recommendation_fts_update AFTER UPDATE OF theme_en, theme_es, topic_en, topic_es,"
  "  summary_en, summary_es, partners ON recommendation BEGIN"
  "  INSERT INTO recommendation_fts (recommendation_fts, rowid, theme_en, theme_es, topic_en, topic_es, summary_en, summary_es, partners)"
  "  VALUES ('delete', old.rowid, old.theme_en, old.theme_es, old.topic_en, old.topic_es, old.summary_en, old.summary_es, old.partners);"
  "  INSERT INTO recommendation_fts (rowid, theme_en, theme_es, topic_en, topic_es, summary_en, summary_es, partners)"
  "  VALUES (new.rowid, new.theme_en, new.theme_es, new.topic_en, new.topic_es, new.summary_en, new.summary_es, new.partners);"
  "  END;"
  /* Databases created before this migration already hold the recommendations. */
  "INSERT INTO recommendation_fts (recommendation_fts) VALUES ('rebuild');"
  "CREATE INDEX recommendation_history_at ON recommendation_history(at);",
  /* 3: open-data sync. A CKAN run resumes from its last committed page only when the
   * resource, scope and vintage match, so the scope is kept beside the offset. */
  "ALTER TABLE sync_log ADD COLUMN scope TEXT;"
  "ALTER TABLE sync_log ADD COLUMN total INTEGER;"
  "ALTER TABLE sync_log ADD COLUMN first_row_id INTEGER;"   /* rows after it were written by the run */
  "ALTER TABLE sync_log ADD COLUMN last_id INTEGER;"        /* CKAN _id of the last row read (keyset paging) */
  "CREATE INDEX sync_log_dataset ON sync_log(dataset, kind, id);"
  /* Why rows were rejected, per run, so the summary can name the reasons. */
  "CREATE TABLE sync_reject ("
  "  sync_id INTEGER NOT NULL REFERENCES sync_log(id) ON DELETE CASCADE,"
  "  reason TEXT NOT NULL, count INTEGER NOT NULL, example TEXT,"
  "  PRIMARY KEY (sync_id, reason)) WITHOUT ROWID;"
  /* How often a run has seen each content (before the occurrence number): identical carpetas
   * stay distinct rows, on disk rather than in memory, and across a resumed run. */
  "CREATE TABLE sync_seen ("
  "  sync_id INTEGER NOT NULL, base TEXT NOT NULL, n INTEGER NOT NULL,"
  "  PRIMARY KEY (sync_id, base)) WITHOUT ROWID;",

  /* 4: whole-city syncs keep every alcaldía's rows; the dashboard counts Iztapalapa's.
   * NULL means Iztapalapa: the bundled snapshot, or a source without the column. */
  "ALTER TABLE incident ADD COLUMN alcaldia TEXT;"
  "ALTER TABLE victim ADD COLUMN alcaldia TEXT;",

  /* 5: one covering index in date order instead of four. Every aggregate filters a date range
   * and reads only these columns, so it scans the index alone; and a bulk load of millions of
   * rows, arriving roughly in date order, appends to it instead of scattering writes over
   * four trees (the per-delito/colonia/cuadrante indexes cost more to keep than they saved). */
  "DROP INDEX incident_date;"
  "DROP INDEX incident_delito_date;"
  "DROP INDEX incident_colonia_date;"
  "DROP INDEX incident_cuadrante_date;"
  "CREATE INDEX incident_date ON incident(date, delito_id, alcaldia, colonia_id, cuadrante_id,"
  "  hour, time_placeholder, weekday);"
  "DROP INDEX victim_date;"
  "DROP INDEX victim_delito_date;"
  "CREATE INDEX victim_date ON victim(date, delito_id, alcaldia, colonia_id, cuadrante_id, sex, age);",

  /* figures: day ranges over which incident ('carpetas') or victim ('victimas') is a COMPLETE
   * record of the source (usga-coverage.h). Stats count rows by day only inside them. A
   * database loaded before this migration holds the complete bundled 2024 points. Written to
   * run twice harmlessly (tests replay migrations from older versions). */
  "CREATE TABLE IF NOT EXISTS point_coverage ("
  "  dataset TEXT NOT NULL, first_day TEXT NOT NULL, last_day TEXT NOT NULL,"
  "  origin TEXT NOT NULL, note TEXT);"
  "CREATE INDEX IF NOT EXISTS point_coverage_dataset ON point_coverage(dataset, first_day);"
  "INSERT INTO point_coverage (dataset, first_day, last_day, origin, note)"
  "  SELECT 'carpetas', '2024-01-01', '2024-12-31', 'bundled', 'bundled 2024 geolocated carpetas'"
  "  WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'bundled_loaded_at')"
  "  AND NOT EXISTS (SELECT 1 FROM point_coverage WHERE dataset = 'carpetas' AND origin = 'bundled');",

  /* geo branch: colonia history apportioned by 2024 point shares, and true area centroids.
   * The published quarterly counts know only the FGJ's colonia name; per IECM colonia and SSC
   * cuadrante they are split by the shares of that name's 2024 points in each (colonia,
   * cuadrante) pair of polygons (REAL estimates): summed over cuadrantes they are the colonia
   * shares, over colonias the cuadrante shares. */
  "CREATE TABLE IF NOT EXISTS colonia_history_share ("
  "  colonia_raw TEXT NOT NULL,"                  /* the FGJ name, as incident_quarterly has it */
  "  colonia_id INTEGER REFERENCES colonia(id),"  /* NULL: in no colonia (not located) */
  "  cuadrante_id INTEGER REFERENCES cuadrante(id)," /* NULL: in no cuadrante, or unknown */
  "  share REAL NOT NULL CHECK (share > 0 AND share <= 1),"
  "  n_points INTEGER NOT NULL CHECK (n_points >= 0)," /* the name's 2024 points in the pair */
  "  method TEXT NOT NULL CHECK (method IN ('points','name','not_located')),"
  "  UNIQUE (colonia_raw, colonia_id, cuadrante_id));"
  /* A name without shares (added after the bundled load) keeps its own colonia, whole. */
  "CREATE VIEW IF NOT EXISTS incident_quarterly_estimate AS"
  "  SELECT q.colonia_raw, s.colonia_id, s.cuadrante_id, q.year, q.quarter, q.delito_id,"
  "         q.count * s.share AS count, s.method"
  "  FROM incident_quarterly q JOIN colonia_history_share s ON s.colonia_raw = q.colonia_raw"
  "  UNION ALL"
  "  SELECT q.colonia_raw, q.colonia_id, NULL, q.year, q.quarter, q.delito_id, CAST (q.count AS REAL),"
  "         CASE WHEN q.colonia_id IS NULL THEN 'not_located' ELSE 'name' END"
  "  FROM incident_quarterly q"
  "  WHERE NOT EXISTS (SELECT 1 FROM colonia_history_share s WHERE s.colonia_raw = q.colonia_raw);"
  /* Per colonia alone, the pairs summed: a third of the rows to read. */
  "CREATE VIEW IF NOT EXISTS incident_quarterly_colonia AS"
  "  SELECT q.colonia_raw, s.colonia_id, NULL AS cuadrante_id, q.year, q.quarter, q.delito_id,"
  "         q.count * s.share AS count, s.method"
  "  FROM incident_quarterly q"
  "  JOIN (SELECT colonia_raw, colonia_id, sum (share) AS share, min (method) AS method"
  "        FROM colonia_history_share GROUP BY colonia_raw, colonia_id) s ON s.colonia_raw = q.colonia_raw"
  "  UNION ALL"
  "  SELECT q.colonia_raw, q.colonia_id, NULL, q.year, q.quarter, q.delito_id, CAST (q.count AS REAL),"
  "         CASE WHEN q.colonia_id IS NULL THEN 'not_located' ELSE 'name' END"
  "  FROM incident_quarterly q"
  "  WHERE NOT EXISTS (SELECT 1 FROM colonia_history_share s WHERE s.colonia_raw = q.colonia_raw);"
  /* Databases loaded before: shares from the carpetas' stored placement (the bundled load
   * rebuilds them after placing every point by polygon only). */
  USGA_COLONIA_HISTORY_SHARE_SQL
  /* Gi* centres: the area centroid of the whole multipolygon; a colonia without a row here
   * (a database loaded before) has it computed from its geometry when needed. */
  "CREATE TABLE IF NOT EXISTS colonia_centroid ("
  "  colonia_id INTEGER PRIMARY KEY REFERENCES colonia(id) ON DELETE CASCADE,"
  "  lon REAL NOT NULL, lat REAL NOT NULL);"
  /* The category rules of data/delito_categories.csv that spellings missed (the bundled load
   * reads the file; a database loaded before gets the new rules and its delitos re-ruled). */
  "INSERT OR REPLACE INTO delito_rule (priority, pattern, category)"
  " SELECT 58, 'CORRUPCION DE PERSONAS MENORES%', 'other_sexual' WHERE EXISTS (SELECT 1 FROM category WHERE key = 'other_sexual');"
  "INSERT OR REPLACE INTO delito_rule (priority, pattern, category)"
  " SELECT 73, 'OBO DE VEHICULO%', 'robbery_vehicle' WHERE EXISTS (SELECT 1 FROM category WHERE key = 'robbery_vehicle');"
  "UPDATE delito SET category = 'other_sexual' WHERE category = 'other' AND name LIKE 'CORRUPCION DE PERSONAS MENORES%';"
  "UPDATE delito SET category = 'robbery_vehicle' WHERE category = 'other' AND name LIKE 'OBO DE VEHICULO%';",
  /* ingest: the days of the rows each run received (the range a complete run records as
   * covered, kept across a resumed run), and the bundled carpetas a run found again: a
   * complete run keeps those as its own rows instead of deleting them (usga-ingest.h).
   * Written to run twice harmlessly (tests replay migrations from older versions). */
  "CREATE TABLE IF NOT EXISTS sync_days ("
  "  sync_id INTEGER PRIMARY KEY REFERENCES sync_log(id) ON DELETE CASCADE,"
  "  first_day TEXT NOT NULL, last_day TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS bundled_match ("
  "  sync_id INTEGER NOT NULL REFERENCES sync_log(id) ON DELETE CASCADE,"
  "  incident_id INTEGER NOT NULL,"
  "  PRIMARY KEY (sync_id, incident_id)) WITHOUT ROWID;",

  /* syncnet: the process running a job ("BOOT-ID/PID/START-TIME", usga-job-owner.h), so a job
   * whose process is gone is marked interrupted instead of staying "running" forever. */
  "CREATE TABLE IF NOT EXISTS sync_owner ("
  "  sync_id INTEGER PRIMARY KEY REFERENCES sync_log(id) ON DELETE CASCADE,"
  "  owner TEXT NOT NULL);",
  /* speed: summaries of the counted carpetas, kept by triggers in the same transaction as
   * every change to incident, and filled here for the rows already there (usga-summary.h). */
  USGA_SUMMARY_MIGRATION_SQL,
  /* pgtracker: edits for a shared tracker that could not be sent yet (the server was
   * unreachable), kept here until they are sent or the user discards them. `server` names the
   * shared tracker (never its password); `change` is the edit as JSON, with its base; a server
   * refusal (stale base, workflow rule) is kept in `refused` until the user re-applies or
   * discards it. */
  "CREATE TABLE IF NOT EXISTS tracker_outbox ("
  "  id INTEGER PRIMARY KEY,"
  "  server TEXT NOT NULL,"
  "  recommendation_id TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('change','undo')),"
  "  change TEXT NOT NULL,"
  "  queued_at TEXT NOT NULL,"
  "  refused TEXT);",
  /* speedcli: month and year rollups of the summaries and the published quarterly counts summed
   * over the FGJ colonia names, kept by triggers on what they sum (usga-rollup.h), so a
   * whole-month or whole-year aggregate reads a few thousand rows. */
  USGA_ROLLUP_MIGRATION_SQL,
};

int
usga_migrations_count (void)
{
  return G_N_ELEMENTS (migrations);
}

const char *
usga_migration_sql (int version)
{
  g_return_val_if_fail (version >= 1 && version <= (int) G_N_ELEMENTS (migrations), NULL);
  return migrations[version - 1];
}
