/* usga-incidents.h — writing normalised carpeta rows: derived fields, area lookup, identity.
 * Used by the bundled import, the CSV import and the CKAN sync alike.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <math.h>
#include "usga-areas.h"
#include "usga-db.h"

G_BEGIN_DECLS

typedef struct {
  const char *date;     /* fecha_hecho, YYYY-MM-DD; required */
  const char *time;     /* HH:MM or HH:MM:SS; NULL when unknown */
  const char *delito;   /* required */
  const char *colonia;  /* as the source names it; may be NULL */
  double      lat, lon; /* NAN when missing */
  const char *alcaldia; /* normalised, e.g. IZTAPALAPA; NULL when the source has none */
} UsgaIncidentRow;

typedef enum {
  USGA_WRITE_ADDED,
  USGA_WRITE_DUPLICATE,
  USGA_WRITE_REJECTED,  /* @error says why; the row is skipped, nothing else happens */
  USGA_WRITE_FAILED,    /* database error: the caller must roll back */
} UsgaWriteResult;

typedef struct _UsgaIncidentWriter UsgaIncidentWriter;

UsgaIncidentWriter *usga_incident_writer_new  (UsgaDb *db, const char *origin, GError **error);
void                usga_incident_writer_free (UsgaIncidentWriter *writer);
/* Identical rows (same content) are told apart by an occurrence number. By default it is
 * counted in memory; tracking a run (@run_id, a sync_log id; @first_new_id, the largest row id
 * before the run began) counts only repeats, in table sync_seen: constant memory for any file
 * size, and correct across a resumed run. */
void                usga_incident_writer_track_run (UsgaIncidentWriter *writer, gint64 run_id,
                                                    gint64 first_new_id);
UsgaWriteResult     usga_incident_writer_add  (UsgaIncidentWriter *writer,
                                               const UsgaIncidentRow *row,
                                               GError **error);
/* The content key the last add wrote (ADDED) or found already there (DUPLICATE). */
const char         *usga_incident_writer_last_key (UsgaIncidentWriter *writer);

/* What the carpeta and víctima writers share: placing a row in time and space, resolving its
 * delito, and inserting it under a content key that keeps identical rows apart. */
typedef struct {
  UsgaDb        *db;
  char          *origin;
  const char    *table;          /* "incident" or "victim" */
  UsgaAreaIndex *colonias;
  UsgaAreaIndex *cuadrantes;
  GHashTable    *delitos;        /* raw delito -> id; under @delitos_lock */
  GMutex         delitos_lock;   /* an import's reading thread looks delitos up too */
  GHashTable    *occurrences;    /* content key base -> count, when no run is tracked */
  gint64         run_id;         /* > 0: occurrences are counted in sync_seen instead */
  gint64         first_new_id;   /* rows with a larger id were written by that run */
  GChecksum     *checksum;       /* the row's content, fed by each writer before inserting */
  sqlite3_stmt  *insert;         /* the writer's INSERT, prepared once */
  char           last_key[80];   /* the content key the last insert wrote or found taken */
} UsgaRowWriter;

typedef struct {
  const char *date, *colonia, *alcaldia;
  double      lat, lon;
  int         year, month, weekday;
  int         hour, minute;      /* hour -1 when unknown */
  gboolean    placeholder, has_coords;
  gint64      delito_id, colonia_id, cuadrante_id;
} UsgaPlacedRow;

gboolean        usga_row_writer_init  (UsgaRowWriter *w, UsgaDb *db, const char *origin, const char *table,
                                       GError **error);
void            usga_row_writer_clear (UsgaRowWriter *w);
/* Validates and derives: USGA_WRITE_ADDED means "placed, go on". */
/* For a reading thread, safe against the writer: the part of placing a row that needs no
 * database, and the delito's id when the writer has met it. FALSE: the writer does it all. */
gboolean        usga_row_writer_prepare (UsgaRowWriter *w, const char *date, const char *time, const char *delito,
                                         const char *colonia, double lat, double lon, const char *alcaldia,
                                         UsgaPlacedRow *out);
/* On the writer: the rest for a prepared row (a delito new to the writer), with its strings. */
UsgaWriteResult usga_row_writer_finish  (UsgaRowWriter *w, const char *date, const char *delito, const char *colonia,
                                         const char *alcaldia, UsgaPlacedRow *p, GError **error);
UsgaWriteResult usga_row_writer_place (UsgaRowWriter *w, const char *date, const char *time, const char *delito,
                                       const char *colonia, double lat, double lon, const char *alcaldia,
                                       UsgaPlacedRow *out, GError **error);
/* Binds parameters 1–15 of @stmt (the columns both tables share, in this order: content_key,
 * origin, delito_id, date, year, month, weekday, hour, time_placeholder, colonia_raw, colonia_id,
 * cuadrante_id, lat, lon, alcaldia) and inserts the row under the content key made from
 * @w->checksum: identity from content, not from any source row id (CKAN renumbers _id). */
/* @base: the content key before the occurrence number (usga_row_writer_key_base()). */
UsgaWriteResult usga_row_writer_insert (UsgaRowWriter *w, sqlite3_stmt *stmt, const UsgaPlacedRow *row,
                                        const char *base, GError **error);
void            usga_row_writer_key_base (GChecksum *checksum, const char *date, char base[64]);
/* @sql prepared on the first call, with its bindings cleared on the next ones. */
sqlite3_stmt   *usga_row_writer_statement (UsgaRowWriter *w, const char *sql, GError **error);

/* Resolves a colonia name to an id through colonia_alias; 0 when unknown. */
/* What a reading thread can work out for a carpeta while the writer works: date, time, area
 * by coordinates and the content key, when the delito is one the writer has met. */
typedef struct {
  gboolean      ready;     /* FALSE: usga_incident_writer_add_prepared() does it all */
  UsgaPlacedRow placed;    /* its strings are the row's again when it is written */
  char          key_base[64];
} UsgaPreparedRow;

/* Thread-safe against the writer; @checksum is the calling thread's own. */
void            usga_incident_writer_prepare      (UsgaIncidentWriter *writer, const UsgaIncidentRow *row,
                                                   GChecksum *checksum, UsgaPreparedRow *out);
UsgaWriteResult usga_incident_writer_add_prepared (UsgaIncidentWriter *writer, const UsgaIncidentRow *row,
                                                   const UsgaPreparedRow *prepared, GError **error);

gint64   usga_colonia_lookup_name (UsgaDb *db, const char *name);

/* Parses YYYY-MM-DD; fills year, month and ISO weekday (1 = Monday). */
gboolean usga_parse_iso_date      (const char *date, int *year, int *month, int *day, int *weekday);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaIncidentWriter, usga_incident_writer_free)

G_END_DECLS
