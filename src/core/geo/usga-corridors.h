/* usga-corridors.h — Safe Women's Corridors: user-supplied street lines, stored in the
 * database, imported from GeoJSON/KML/GPX and exported back to GeoJSON.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-db.h"
#include "usga-filter.h"
#include "usga-geo.h"

G_BEGIN_DECLS

#define USGA_GEO_IMPORT_ERROR (usga_geo_import_error_quark ())
GQuark usga_geo_import_error_quark (void);

typedef enum {
  USGA_GEO_IMPORT_ERROR_READ,        /* cannot read the file */
  USGA_GEO_IMPORT_ERROR_TOO_LARGE,
  USGA_GEO_IMPORT_ERROR_MALFORMED,   /* not valid GeoJSON/KML/GPX */
  USGA_GEO_IMPORT_ERROR_GEOMETRY,    /* wrong geometry type or too few points */
  USGA_GEO_IMPORT_ERROR_OUTSIDE,     /* coordinates outside Mexico City */
  USGA_GEO_IMPORT_ERROR_EMPTY,       /* nothing to import */
  USGA_GEO_IMPORT_ERROR_INVALID,     /* a bad attribute (name, date, status) */
} UsgaGeoImportError;

/* Files larger than this are refused before parsing. */
#define USGA_GEO_IMPORT_MAX_BYTES (16 * 1024 * 1024)

typedef struct {
  gint64        id;                /* 0 until saved */
  char         *name;
  gint64        colonia_id;        /* 0 when unknown */
  char         *colonia;           /* colonia name, for display */
  UsgaGeometry *geometry;          /* USGA_GEOMETRY_LINES */
  double        length_m;          /* computed on save */
  gboolean      lighting;
  int           cameras;
  int           emergency_buttons;
  char         *built;             /* YYYY-MM-DD or NULL */
  char         *origin;            /* user | geojson | kml | gpx */
  char         *properties;        /* the imported feature's properties, JSON */
} UsgaCorridor;

UsgaCorridor *usga_corridor_new  (void);
void          usga_corridor_free (UsgaCorridor *corridor);
/* A deep copy (an edit works on it while the original stays on screen). */
UsgaCorridor *usga_corridor_copy (const UsgaCorridor *corridor);

GPtrArray *usga_corridors_load   (UsgaDb *db, GError **error);
/* Validates, computes the length and (when unset) the colonia, then inserts (id 0) or updates. */
gboolean   usga_corridor_save    (UsgaDb *db, UsgaCorridor *corridor, GError **error);
gboolean   usga_corridor_delete  (UsgaDb *db, gint64 id, GError **error);

/* Reads GeoJSON, KML or GPX (by content); every corridor is validated. */
GPtrArray *usga_corridors_parse_file  (const char *path, GError **error);
/* Parses and saves every corridor in one transaction: all or nothing. */
gboolean   usga_corridors_import_file (UsgaDb *db, const char *path, guint *n_imported, GError **error);
/* A GeoJSON FeatureCollection of @corridors with their attributes. */
char      *usga_corridors_to_geojson  (GPtrArray *corridors);

/* Carpetas for crimes against women (domestic violence, sexual crimes, femicide) in the
 * filter's period and area, split by whether they lie within @buffer_m of a corridor. */
gboolean   usga_corridors_women_counts (UsgaDb *db, UsgaFilter *filter, GPtrArray *corridors,
                                        double buffer_m, gint64 *inside, gint64 *outside, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaCorridor, usga_corridor_free)

G_END_DECLS
