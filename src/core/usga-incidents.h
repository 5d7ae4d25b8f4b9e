/* usga-incidents.h — writing normalised carpeta rows: derived fields, area lookup, identity.
 * Used by the bundled import, the CSV import and the CKAN sync alike.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <math.h>
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
/* "YYYYMMDD" + 16 characters of @checksum's digest: the content key before "#occurrence". */
void                usga_content_key_base (GChecksum *checksum, const char *date, char base[64]);
/* For writers tracking a run, when "<base>#0" is taken: which occurrence this row is. */
int                 usga_run_occurrence (UsgaDb *db, const char *table, gint64 run_id,
                                         gint64 first_new_id, const char *base, GError **error);
UsgaWriteResult     usga_incident_writer_add  (UsgaIncidentWriter *writer,
                                               const UsgaIncidentRow *row,
                                               GError **error);

/* Resolves a colonia name to an id through colonia_alias; 0 when unknown. */
gint64   usga_colonia_lookup_name (UsgaDb *db, const char *name);

/* Parses YYYY-MM-DD; fills year, month and ISO weekday (1 = Monday). */
gboolean usga_parse_iso_date      (const char *date, int *year, int *month, int *day, int *weekday);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaIncidentWriter, usga_incident_writer_free)

G_END_DECLS
