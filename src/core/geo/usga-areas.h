/* usga-areas.h — colonias and cuadrantes loaded from the database for point lookups.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-db.h"
#include "usga-geo.h"

G_BEGIN_DECLS

typedef struct {
  gint64        id;
  char         *name;      /* colonia name or cuadrante code */
  gint64        population;
  gint64        sector_id; /* cuadrantes only */
  UsgaGeometry *geometry;
  double        area;      /* usga_geometry_area (): where polygons overlap, the smallest wins */
} UsgaArea;

typedef enum {
  USGA_AREA_COLONIA,
  USGA_AREA_CUADRANTE,
} UsgaAreaKind;

typedef struct _UsgaAreaIndex UsgaAreaIndex;

UsgaAreaIndex *usga_area_index_load   (UsgaDb *db, UsgaAreaKind kind, GError **error);
void           usga_area_index_free   (UsgaAreaIndex *index);
/* The area containing the point (the smallest one where polygons overlap), or NULL: a point
 * in none is not located, and nothing places it by name. */
const UsgaArea *usga_area_index_find  (UsgaAreaIndex *index, double lon, double lat);
guint          usga_area_index_size   (UsgaAreaIndex *index);
const UsgaArea *usga_area_index_get   (UsgaAreaIndex *index, guint i);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaAreaIndex, usga_area_index_free)

G_END_DECLS
