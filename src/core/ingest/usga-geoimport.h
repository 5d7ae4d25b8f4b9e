/* usga-geoimport.h — features read from GeoJSON, KML or GPX, before they become corridors
 * or UTOPIAS. Errors name the file and the problem.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-geo.h"

G_BEGIN_DECLS

typedef struct {
  guint         index;            /* 1-based, in file order */
  const char   *format;           /* "geojson", "kml" or "gpx" */
  char         *type;             /* the geometry type as GeoJSON names it: Point, LineString, ... */
  UsgaGeometry *geometry;         /* NULL for types we do not read (polygons in KML) */
  GHashTable   *props;            /* name -> value, as strings */
  char         *properties_json;  /* the properties as a JSON object */
} UsgaGeoFeature;

/* Reads every feature; the format is recognised from the content. */
GPtrArray *usga_geo_features_read (const char *path, GError **error);
/* The first non-empty property among @names (e.g. "name", "nombre", "Nombre"), or NULL. */
const char *usga_geo_feature_prop (GHashTable *props, const char *const *names);

G_END_DECLS
