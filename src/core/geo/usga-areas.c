/* usga-areas.c — a coarse grid over the bounding boxes makes each lookup test a few polygons.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "usga-areas.h"

#define GRID 64

struct _UsgaAreaIndex {
  GArray    *areas;                /* UsgaArea */
  double     min_lon, min_lat, max_lon, max_lat;
  GArray    *cells[GRID * GRID];   /* guint indexes into areas */
};

static void
area_clear (gpointer data)
{
  UsgaArea *area = data;

  g_free (area->name);
  usga_geometry_free (area->geometry);
}

void
usga_area_index_free (UsgaAreaIndex *index)
{
  if (index == NULL)
    return;
  for (guint i = 0; i < GRID * GRID; i++)
    if (index->cells[i])
      g_array_unref (index->cells[i]);
  g_array_unref (index->areas);
  g_free (index);
}

static int
cell_of (UsgaAreaIndex *index, double v, double lo, double hi)
{
  int c = (int) floor ((v - lo) / (hi - lo) * GRID);
  return CLAMP (c, 0, GRID - 1);
}

UsgaAreaIndex *
usga_area_index_load (UsgaDb *db, UsgaAreaKind kind, GError **error)
{
  g_autoptr(UsgaAreaIndex) index = g_new0 (UsgaAreaIndex, 1);
  const char *sql = kind == USGA_AREA_COLONIA
    ? "SELECT id, name, population, NULL, geometry FROM colonia ORDER BY id"
    : "SELECT id, code, population, sector_id, geometry FROM cuadrante ORDER BY id";
  sqlite3_stmt *stmt = usga_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  index->areas = g_array_new (FALSE, TRUE, sizeof (UsgaArea));
  g_array_set_clear_func (index->areas, area_clear);
  index->min_lon = index->min_lat = G_MAXDOUBLE;
  index->max_lon = index->max_lat = -G_MAXDOUBLE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UsgaArea area = { 0 };

      area.geometry = usga_geometry_new_from_string ((const char *) sqlite3_column_text (stmt, 4), error);
      if (area.geometry == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      area.id = sqlite3_column_int64 (stmt, 0);
      area.name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      area.population = sqlite3_column_int64 (stmt, 2);
      area.sector_id = sqlite3_column_int64 (stmt, 3);
      area.area = usga_geometry_area (area.geometry);
      index->min_lon = MIN (index->min_lon, area.geometry->min_lon);
      index->min_lat = MIN (index->min_lat, area.geometry->min_lat);
      index->max_lon = MAX (index->max_lon, area.geometry->max_lon);
      index->max_lat = MAX (index->max_lat, area.geometry->max_lat);
      g_array_append_val (index->areas, area);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      usga_db_fail (db, rc, "areas", error);
      return NULL;
    }

  for (guint i = 0; i < index->areas->len; i++)
    {
      UsgaGeometry *g = g_array_index (index->areas, UsgaArea, i).geometry;
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
  return g_steal_pointer (&index);
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
   * points, and the answer never depends on row order. The index holds no state, so threads
   * can share it. */
  cell = index->cells[cell_of (index, lat, index->min_lat, index->max_lat) * GRID +
                      cell_of (index, lon, index->min_lon, index->max_lon)];
  for (guint i = 0; cell && i < cell->len; i++)
    {
      const UsgaArea *a = &g_array_index (index->areas, UsgaArea, g_array_index (cell, guint, i));

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
  return &g_array_index (index->areas, UsgaArea, i);
}
