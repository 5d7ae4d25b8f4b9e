/* usga-geo.h — geometry in lon/lat: GeoJSON geometries, point-in-polygon, projection.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct { double lon, lat; } UsgaLonLat;

typedef enum {
  USGA_GEOMETRY_POINTS,
  USGA_GEOMETRY_LINES,
  USGA_GEOMETRY_POLYGONS,
} UsgaGeometryKind;

/* Any GeoJSON geometry flattened into rings (polygons) or parts (lines, points).
 * Ring i spans points [ring_start[i], ring_start[i+1]). Holes are just more rings:
 * the even-odd rule handles them. */
typedef struct {
  UsgaGeometryKind kind;
  GArray *points;      /* UsgaLonLat */
  GArray *ring_start;  /* guint, with a final sentinel = points->len */
  double min_lon, min_lat, max_lon, max_lat;
} UsgaGeometry;

/* An empty geometry; add parts with usga_geometry_add_part() then usga_geometry_close(). */
UsgaGeometry *usga_geometry_new             (UsgaGeometryKind kind);
void          usga_geometry_add_part        (UsgaGeometry *geometry, const UsgaLonLat *points, guint n);
/* Recomputes the bounding box and the final ring sentinel after edits. */
void          usga_geometry_close           (UsgaGeometry *geometry);
UsgaGeometry *usga_geometry_copy            (const UsgaGeometry *geometry);
/* GeoJSON text: LineString/MultiLineString, Point/MultiPoint or (Multi)Polygon rings. */
char         *usga_geometry_to_geojson      (const UsgaGeometry *geometry);
UsgaGeometry *usga_geometry_new_from_json   (JsonNode *geometry, GError **error);
UsgaGeometry *usga_geometry_new_from_string (const char *geojson, GError **error);
void          usga_geometry_free            (UsgaGeometry *geometry);
guint         usga_geometry_n_rings         (const UsgaGeometry *geometry);
gboolean      usga_geometry_contains        (const UsgaGeometry *geometry, double lon, double lat);
/* A point inside the largest ring, for labels (not for statistics: see the centroid). */
void          usga_geometry_label_point     (const UsgaGeometry *geometry, double *lon, double *lat);
/* Planar area in square degrees of a polygon geometry, holes subtracted (a ring inside an odd
 * number of other rings is a hole); 0 for points and lines. Compares polygon sizes. */
double        usga_geometry_area            (const UsgaGeometry *geometry);
/* The true area centroid of the whole (multi)polygon, holes subtracted, in planar lon/lat
 * (exact enough at a colonia's scale). It may lie outside a concave shape; Gi* wants the
 * centre of mass, not a point inside. FALSE (and the label point) when the area is 0. */
gboolean      usga_geometry_centroid        (const UsgaGeometry *geometry, double *lon, double *lat);
/* Sum of line lengths in metres (haversine). */
double        usga_geometry_length_m        (const UsgaGeometry *geometry);
/* Shortest distance in metres from a point to any line of the geometry. */
double        usga_geometry_distance_m      (const UsgaGeometry *geometry, double lon, double lat);

double        usga_haversine_m              (double lon1, double lat1, double lon2, double lat2);

/* Web Mercator in [0,1) x [0,1) (x east, y south), as slippy-map tiles use. */
void          usga_mercator_project         (double lon, double lat, double *x, double *y);
void          usga_mercator_unproject       (double x, double y, double *lon, double *lat);

/* Greater Mexico City, generously: imported coordinates outside it are rejected. */
gboolean      usga_lonlat_in_cdmx           (double lon, double lat);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaGeometry, usga_geometry_free)

G_END_DECLS
