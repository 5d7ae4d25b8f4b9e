/* usga-victims.h — writing normalised víctimas rows (one row per victim), the counterpart of
 * UsgaIncidentWriter: content-key identity, colonia/cuadrante lookup.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-incidents.h"

G_BEGIN_DECLS

typedef struct {
  const char *date;          /* fecha_hecho, YYYY-MM-DD; required */
  const char *time;          /* HH:MM; NULL or "" when unknown */
  const char *delito;        /* required */
  const char *colonia;
  double      lat, lon;      /* NAN when missing */
  char        sex;           /* 'F', 'M' or 0 */
  int         age;           /* -1 when unknown */
  const char *person_type;   /* FISICA, MORAL, ... */
  const char *legal_status;  /* VICTIMA, OFENDIDO, ... */
  const char *alcaldia;      /* normalised; NULL when the source has none */
} UsgaVictimRow;

typedef struct _UsgaVictimWriter UsgaVictimWriter;

UsgaVictimWriter *usga_victim_writer_new  (UsgaDb *db, const char *origin, GError **error);
void              usga_victim_writer_free (UsgaVictimWriter *writer);
void              usga_victim_writer_track_run (UsgaVictimWriter *writer, gint64 run_id, gint64 first_new_id);
UsgaWriteResult   usga_victim_writer_add  (UsgaVictimWriter *writer, const UsgaVictimRow *row, GError **error);
/* As for carpetas (usga_incident_writer_prepare()): on a reading thread, with its own
 * @checksum and @scratch string. */
void              usga_victim_writer_prepare      (UsgaVictimWriter *writer, const UsgaVictimRow *row,
                                                   GChecksum *checksum, GString *scratch, UsgaPreparedRow *out);
UsgaWriteResult   usga_victim_writer_add_prepared (UsgaVictimWriter *writer, const UsgaVictimRow *row,
                                                   const UsgaPreparedRow *prepared, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaVictimWriter, usga_victim_writer_free)

G_END_DECLS
