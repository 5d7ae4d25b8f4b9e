/* usga-utopias.h — the UTOPIAS community centres: listed, edited and imported.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-db.h"

G_BEGIN_DECLS

typedef struct {
  gint64  id;          /* 0 until saved */
  char   *name;
  char   *opened;      /* YYYY-MM-DD or NULL */
  char   *status;      /* open | construction | planned */
  char   *services;    /* comma-separated */
  double  lat, lon;
  gint64  colonia_id;  /* computed on save */
  char   *colonia;
  char   *origin;      /* bundled | user | geojson | kml | gpx */
} UsgaUtopia;

UsgaUtopia *usga_utopia_new  (void);
void        usga_utopia_free (UsgaUtopia *utopia);
/* A deep copy (an edit works on it while the original stays on screen). */
UsgaUtopia *usga_utopia_copy (const UsgaUtopia *utopia);
/* Translated status for display. */
const char *usga_utopia_status_name (const char *status);

GPtrArray  *usga_utopias_load (UsgaDb *db, GError **error);
/* Validates (name, status, date, inside Mexico City), sets the colonia, inserts or updates. */
gboolean    usga_utopia_save  (UsgaDb *db, UsgaUtopia *utopia, GError **error);
/* Point features from GeoJSON/KML/GPX, saved in one transaction; a centre whose name
 * already exists is updated rather than duplicated. */
gboolean    usga_utopias_import_file (UsgaDb *db, const char *path, guint *n_imported, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaUtopia, usga_utopia_free)

G_END_DECLS
