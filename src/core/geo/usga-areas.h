/* usga-areas.h — colonias and cuadrantes read from the database: the one loader every caller
 * uses (ingest placement, Gi* hot spots, the briefing map, the map page), and an index over
 * the loaded areas for point lookups.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-db.h"
#include "usga-geo.h"

G_BEGIN_DECLS

typedef struct {
  gint64        id;
  char         *name;       /* colonia name or cuadrante code */
  gint64        population; /* 2020 census (colonias) or 2023 estimate (cuadrantes); 0 unknown */
  gint64        sector_id;  /* cuadrantes only, 0 for colonias */
  UsgaGeometry *geometry;   /* NULL when loaded without USGA_AREAS_GEOMETRY */
  double        area;       /* usga_geometry_area (); 0 without geometry. Where polygons overlap, the smallest wins */
  double        label_lon, label_lat;     /* a point inside the largest ring, for labels */
  double        centre_lon, centre_lat;   /* area centroid of the whole multipolygon, for Gi* distances */
  double        min_lon, min_lat, max_lon, max_lat;
} UsgaArea;

typedef enum {
  USGA_AREA_COLONIA,
  USGA_AREA_CUADRANTE,
} UsgaAreaKind;

typedef enum {
  USGA_AREAS_DEFAULT  = 0,       /* ids, names, populations, sectors, label and centre points, boxes */
  USGA_AREAS_GEOMETRY = 1 << 0,  /* also the parsed polygons and their areas */
} UsgaAreasFlags;

void      usga_area_free  (UsgaArea *area);
/* Every colonia or cuadrante of @db ordered by id, as a GPtrArray of UsgaArea (freed with the
 * array). Label points, centres and boxes come from the stored columns, or are computed from
 * the polygon where a database loaded before lacks them, so they are always filled. A
 * geometry that does not parse fails the whole load (the database is damaged): no caller
 * ever works on a silently shorter list.
 *
 * Thread-safe: it keeps no state; call it on any thread with that thread's own connection
 * (a store worker's) and hand the array to another thread. The caller owns the array and may
 * take an area's geometry (g_steal_pointer (&area->geometry)), e.g. to give it to a layer. */
GPtrArray *usga_areas_load (UsgaDb *db, UsgaAreaKind kind, UsgaAreasFlags flags, GError **error);
/* The same, with geometry, for only the areas whose box holds the point: one lookup without
 * parsing every polygon. */
GPtrArray *usga_areas_load_at (UsgaDb *db, UsgaAreaKind kind, double lon, double lat, GError **error);

typedef struct _UsgaAreaIndex UsgaAreaIndex;

/* An index over @areas (loaded with USGA_AREAS_GEOMETRY), which it keeps a reference to; the
 * areas must keep their geometry while the index lives. */
UsgaAreaIndex *usga_area_index_new    (GPtrArray *areas);
/* usga_areas_load () with geometry and usga_area_index_new () in one call. */
UsgaAreaIndex *usga_area_index_load   (UsgaDb *db, UsgaAreaKind kind, GError **error);
void           usga_area_index_free   (UsgaAreaIndex *index);
/* The area containing the point (the smallest one where polygons overlap), or NULL: a point
 * in none is not located, and nothing places it by name. The index holds no mutable state,
 * so threads can share it. */
const UsgaArea *usga_area_index_find  (UsgaAreaIndex *index, double lon, double lat);
guint          usga_area_index_size   (UsgaAreaIndex *index);
const UsgaArea *usga_area_index_get   (UsgaAreaIndex *index, guint i);

/* The colonia containing the point by the index's rule (the smallest where polygons overlap):
 * its id, 0 when none (or the database fails), and its name. */
gint64         usga_colonia_at        (UsgaDb *db, double lon, double lat, char **name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaAreaIndex, usga_area_index_free)

G_END_DECLS
