/* usga-areas-load.c — the one reader of colonia and cuadrante rows. Polygons are parsed only
 * when asked for, or when a stored label point, centre or box is missing (a database loaded
 * before they were stored).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "usga-areas.h"
#include "usga-db-rows.h"

/* Columns: id, name, population, sector, label point, box, centre, then the geometry text
 * when ?1 asks for it or a derived column is missing. Cuadrantes have no stored centre (their
 * polygon is always read). ?2, ?3: only the areas whose box holds that point, unless NULL. */
static const char *const area_sql[] = {
  [USGA_AREA_COLONIA] =
    "SELECT c.id, c.name, c.population, 0, c.label_lon, c.label_lat,"
    " c.min_lon, c.min_lat, c.max_lon, c.max_lat, m.lon, m.lat,"
    " CASE WHEN ?1 OR m.lon IS NULL OR c.label_lon IS NULL OR c.label_lat IS NULL OR c.min_lon IS NULL"
    "  OR c.min_lat IS NULL OR c.max_lon IS NULL OR c.max_lat IS NULL THEN c.geometry END"
    " FROM colonia c LEFT JOIN colonia_centroid m ON m.colonia_id = c.id"
    " WHERE ?2 IS NULL OR (?2 BETWEEN c.min_lon AND c.max_lon AND ?3 BETWEEN c.min_lat AND c.max_lat)"
    " ORDER BY c.id",
  [USGA_AREA_CUADRANTE] =
    "SELECT id, code, population, sector_id, label_lon, label_lat,"
    " min_lon, min_lat, max_lon, max_lat, NULL, NULL, geometry"
    " FROM cuadrante"
    " WHERE ?2 IS NULL OR (?2 BETWEEN min_lon AND max_lon AND ?3 BETWEEN min_lat AND max_lat)"
    " ORDER BY id",
};

enum { COL_ID, COL_NAME, COL_POPULATION, COL_SECTOR, COL_LABEL_LON, COL_LABEL_LAT,
       COL_MIN_LON, COL_MIN_LAT, COL_MAX_LON, COL_MAX_LAT, COL_CENTRE_LON, COL_CENTRE_LAT, COL_GEOMETRY };

void
usga_area_free (UsgaArea *area)
{
  if (area == NULL)
    return;
  g_free (area->name);
  usga_geometry_free (area->geometry);
  g_free (area);
}

static gboolean
column_is_null (sqlite3_stmt *stmt, int col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL;
}

/* Fills what the row lacks from the polygon; keeps the polygon only when asked for. */
static gboolean
area_read_geometry (UsgaArea *area, sqlite3_stmt *stmt, UsgaAreasFlags flags, GError **error)
{
  const char *text = (const char *) sqlite3_column_text (stmt, COL_GEOMETRY);
  g_autoptr(UsgaGeometry) g = NULL;

  if (text == NULL)
    return TRUE;
  g = usga_geometry_new_from_string (text, error);
  if (g == NULL)
    {
      g_prefix_error (error, _("The stored boundary of %s is damaged: "), area->name);
      return FALSE;
    }
  if (column_is_null (stmt, COL_LABEL_LON) || column_is_null (stmt, COL_LABEL_LAT))
    usga_geometry_label_point (g, &area->label_lon, &area->label_lat);
  if (column_is_null (stmt, COL_CENTRE_LON))
    usga_geometry_centroid (g, &area->centre_lon, &area->centre_lat);
  if (column_is_null (stmt, COL_MIN_LON) || column_is_null (stmt, COL_MIN_LAT) ||
      column_is_null (stmt, COL_MAX_LON) || column_is_null (stmt, COL_MAX_LAT))
    {
      area->min_lon = g->min_lon, area->min_lat = g->min_lat;
      area->max_lon = g->max_lon, area->max_lat = g->max_lat;
    }
  if (flags & USGA_AREAS_GEOMETRY)
    {
      area->area = usga_geometry_area (g);
      area->geometry = g_steal_pointer (&g);
    }
  return TRUE;
}

static gpointer
area_from_row (sqlite3_stmt *stmt, gpointer flags_p, GError **error)
{
  UsgaAreasFlags flags = GPOINTER_TO_UINT (flags_p);
  UsgaArea *area = g_new0 (UsgaArea, 1);

  area->id = sqlite3_column_int64 (stmt, COL_ID);
  area->name = g_strdup ((const char *) sqlite3_column_text (stmt, COL_NAME));
  area->population = sqlite3_column_int64 (stmt, COL_POPULATION);
  area->sector_id = sqlite3_column_int64 (stmt, COL_SECTOR);
  area->label_lon = sqlite3_column_double (stmt, COL_LABEL_LON);
  area->label_lat = sqlite3_column_double (stmt, COL_LABEL_LAT);
  area->min_lon = sqlite3_column_double (stmt, COL_MIN_LON);
  area->min_lat = sqlite3_column_double (stmt, COL_MIN_LAT);
  area->max_lon = sqlite3_column_double (stmt, COL_MAX_LON);
  area->max_lat = sqlite3_column_double (stmt, COL_MAX_LAT);
  area->centre_lon = sqlite3_column_double (stmt, COL_CENTRE_LON);
  area->centre_lat = sqlite3_column_double (stmt, COL_CENTRE_LAT);
  if (!area_read_geometry (area, stmt, flags, error))
    {
      usga_area_free (area);
      return NULL;
    }
  return area;
}

static GPtrArray *
areas_query (UsgaDb *db, UsgaAreaKind kind, UsgaAreasFlags flags, const UsgaLonLat *at, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (kind == USGA_AREA_COLONIA || kind == USGA_AREA_CUADRANTE, NULL);
  stmt = usga_db_prepare (db, area_sql[kind], error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, (flags & USGA_AREAS_GEOMETRY) != 0);
  if (at)
    {
      sqlite3_bind_double (stmt, 2, at->lon);
      sqlite3_bind_double (stmt, 3, at->lat);
    }
  return usga_db_collect (db, stmt, area_from_row, GUINT_TO_POINTER (flags), (GDestroyNotify) usga_area_free,
                          kind == USGA_AREA_COLONIA ? "colonias" : "cuadrantes", error);
}

GPtrArray *
usga_areas_load (UsgaDb *db, UsgaAreaKind kind, UsgaAreasFlags flags, GError **error)
{
  return areas_query (db, kind, flags, NULL, error);
}

GPtrArray *
usga_areas_load_at (UsgaDb *db, UsgaAreaKind kind, double lon, double lat, GError **error)
{
  UsgaLonLat at = { lon, lat };

  return areas_query (db, kind, USGA_AREAS_GEOMETRY, &at, error);
}
