/* usga-areas.c — a coarse grid over the bounding boxes makes each lookup test a few polygons.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "usga-areas.h"

#define GRID 64

struct _UsgaAreaIndex {
  GPtrArray *areas;                /* UsgaArea, with geometry */
  double     min_lon, min_lat, max_lon, max_lat;
  GArray    *cells[GRID * GRID];   /* guint indexes into areas */
};

void
usga_area_index_free (UsgaAreaIndex *index)
{
  if (index == NULL)
    return;
  for (guint i = 0; i < GRID * GRID; i++)
    if (index->cells[i])
      g_array_unref (index->cells[i]);
  g_ptr_array_unref (index->areas);
  g_free (index);
}

static int
cell_of (UsgaAreaIndex *index, double v, double lo, double hi)
{
  int c = (int) floor ((v - lo) / (hi - lo) * GRID);
  return CLAMP (c, 0, GRID - 1);
}

UsgaAreaIndex *
usga_area_index_new (GPtrArray *areas)
{
  UsgaAreaIndex *index;

  for (guint i = 0; i < areas->len; i++)
    g_return_val_if_fail (((const UsgaArea *) g_ptr_array_index (areas, i))->geometry != NULL, NULL);
  index = g_new0 (UsgaAreaIndex, 1);
  index->areas = g_ptr_array_ref (areas);
  index->min_lon = index->min_lat = G_MAXDOUBLE;
  index->max_lon = index->max_lat = -G_MAXDOUBLE;
  for (guint i = 0; i < areas->len; i++)
    {
      const UsgaGeometry *g = ((const UsgaArea *) g_ptr_array_index (areas, i))->geometry;

      index->min_lon = MIN (index->min_lon, g->min_lon);
      index->min_lat = MIN (index->min_lat, g->min_lat);
      index->max_lon = MAX (index->max_lon, g->max_lon);
      index->max_lat = MAX (index->max_lat, g->max_lat);
    }

  for (guint i = 0; i < areas->len; i++)
    {
      const UsgaGeometry *g = ((const UsgaArea *) g_ptr_array_index (areas, i))->geometry;
      int x0 = cell_of (index, g->min_lon, index->min_lon, index->max_lon);
      int x1 = cell_of (index, g->max_lon, index->min_lon, index->max_lon);
      int y0 = cell_of (index, g->min_lat, index->min_lat, index->max_lat);
      int y1 = cell_of (index, g->max_lat, index->min_lat, index->max_lat);

      for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++)
          {
            GArray **cell = &index->cells[y * GRID + x];
            if (*cell == NULL)
              *cell = g_array_new (FALSE, FALSE, sizeof (guint));
            g_array_append_val (*cell, i);
          }
    }
  return index;
}

UsgaAreaIndex *
usga_area_index_load (UsgaDb *db, UsgaAreaKind kind, GError **error)
{
  g_autoptr(GPtrArray) areas = usga_areas_load (db, kind, USGA_AREAS_GEOMETRY, error);

  return areas ? usga_area_index_new (areas) : NULL;
}

const UsgaArea *
usga_area_index_find (UsgaAreaIndex *index, double lon, double lat)
{
  const UsgaArea *best = NULL;
  GArray *cell;

  if (index->areas->len == 0 || !isfinite (lon) || !isfinite (lat) ||
      lon < index->min_lon || lon > index->max_lon || lat < index->min_lat || lat > index->max_lat)
    return NULL;

  /* Every polygon of the cell that holds the point is tested and the smallest container wins
   * (ties: the lower id): where polygons overlap, a colonia drawn inside another takes its
   * points, and the answer never depends on row order. */
  cell = index->cells[cell_of (index, lat, index->min_lat, index->max_lat) * GRID +
                      cell_of (index, lon, index->min_lon, index->max_lon)];
  for (guint i = 0; cell && i < cell->len; i++)
    {
      const UsgaArea *a = g_ptr_array_index (index->areas, g_array_index (cell, guint, i));

      if ((best == NULL || a->area < best->area) && usga_geometry_contains (a->geometry, lon, lat))
        best = a;
    }
  return best;
}

guint
usga_area_index_size (UsgaAreaIndex *index)
{
  return index->areas->len;
}

const UsgaArea *
usga_area_index_get (UsgaAreaIndex *index, guint i)
{
  g_return_val_if_fail (i < index->areas->len, NULL);
  return g_ptr_array_index (index->areas, i);
}

gint64
usga_colonia_at (UsgaDb *db, double lon, double lat, char **name)
{
  g_autoptr(GPtrArray) near = usga_areas_load_at (db, USGA_AREA_COLONIA, lon, lat, NULL);
  g_autoptr(UsgaAreaIndex) index = near ? usga_area_index_new (near) : NULL;
  const UsgaArea *area = index ? usga_area_index_find (index, lon, lat) : NULL;

  if (name)
    *name = area ? g_strdup (area->name) : NULL;
  return area ? area->id : 0;
}
