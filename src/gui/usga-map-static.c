/* usga-map-static.c — what the map draws that does not follow the filter: colonia, cuadrante
 * and sector boundaries, corridors and UTOPIAS. They are read and parsed on one of the store's
 * workers (about 50 ms of SQL and geometry parsing at start-up, never on the main thread) and
 * handed to the page's layers when they arrive.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "usga-map-page-private.h"

/* One boundary, parsed on the worker; the layer takes its geometry. */
typedef struct {
  gint64        id;
  char         *name;
  UsgaGeometry *geometry;
  double        label_lon, label_lat;
} StaticArea;

typedef struct {
  GPtrArray *colonias;     /* StaticArea */
  GPtrArray *cuadrantes;
  GPtrArray *sectors;
} MapAreas;

static void
static_area_free (gpointer data)
{
  StaticArea *a = data;

  g_clear_pointer (&a->geometry, usga_geometry_free);
  g_free (a->name);
  g_free (a);
}

static void
map_areas_free (gpointer data)
{
  MapAreas *m = data;

  g_clear_pointer (&m->colonias, g_ptr_array_unref);
  g_clear_pointer (&m->cuadrantes, g_ptr_array_unref);
  g_clear_pointer (&m->sectors, g_ptr_array_unref);
  g_free (m);
}

static StaticArea *
static_area_new (gint64 id, const char *name, UsgaGeometry *geometry, double label_lon, double label_lat)
{
  StaticArea *a = g_new0 (StaticArea, 1);

  a->id = id;
  a->name = g_strdup (name);
  a->geometry = geometry;
  a->label_lon = label_lon;
  a->label_lat = label_lat;
  return a;
}

/* @sql selects id, name, geometry, label_lon, label_lat. */
static GPtrArray *
read_areas (UsgaDb *db, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (db, sql, error);
  g_autoptr(GPtrArray) areas = g_ptr_array_new_with_free_func (static_area_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UsgaGeometry *g = usga_geometry_new_from_string ((const char *) sqlite3_column_text (stmt, 2), NULL);
      if (g)
        g_ptr_array_add (areas, static_area_new (sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
                                                 g, sqlite3_column_double (stmt, 3), sqlite3_column_double (stmt, 4)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      usga_db_fail (db, rc, "map areas", error);
      return NULL;
    }
  return g_steal_pointer (&areas);
}

typedef struct { gint64 sector; guint count; gboolean boundary; UsgaLonLat a, b; } Edge;

/* Sectors have no polygons of their own: their boundary is every cuadrante edge that is not
 * shared with another cuadrante of the same sector. */
static GPtrArray *
read_sector_boundaries (UsgaDb *db, GError **error)
{
  g_autoptr(GHashTable) edges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* Sector id -> its boundary lines (ids are small positive integers). */
  g_autoptr(GHashTable) sector_geometry = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                                 (GDestroyNotify) usga_geometry_free);
  g_autoptr(GPtrArray) sectors = g_ptr_array_new_with_free_func (static_area_free);
  sqlite3_stmt *stmt = usga_db_prepare (db, "SELECT sector_id, geometry FROM cuadrante", error);
  GHashTableIter iter;
  Edge *edge;
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 sector = sqlite3_column_int64 (stmt, 0);
      g_autoptr(UsgaGeometry) g = usga_geometry_new_from_string ((const char *) sqlite3_column_text (stmt, 1), NULL);

      for (guint r = 0; g && r < usga_geometry_n_rings (g); r++)
        {
          guint start = g_array_index (g->ring_start, guint, r), end = g_array_index (g->ring_start, guint, r + 1);
          for (guint i = start; i + 1 < end; i++)
            {
              UsgaLonLat a = g_array_index (g->points, UsgaLonLat, i), b = g_array_index (g->points, UsgaLonLat, i + 1);
              gboolean swap = a.lon > b.lon || (a.lon == b.lon && a.lat > b.lat);
              g_autofree char *key = g_strdup_printf ("%.6f,%.6f|%.6f,%.6f", swap ? b.lon : a.lon, swap ? b.lat : a.lat,
                                                      swap ? a.lon : b.lon, swap ? a.lat : b.lat);
              Edge *e = g_hash_table_lookup (edges, key);

              if (e == NULL)
                {
                  e = g_new0 (Edge, 1);
                  e->sector = sector, e->a = a, e->b = b;
                  g_hash_table_insert (edges, g_steal_pointer (&key), e);
                }
              else if (e->sector != sector)
                e->boundary = TRUE;
              e->count++;
            }
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      usga_db_fail (db, rc, "sector boundaries", error);
      return NULL;
    }

  g_hash_table_iter_init (&iter, edges);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &edge))
    {
      UsgaGeometry *g;
      UsgaLonLat seg[2] = { edge->a, edge->b };

      if (edge->count > 1 && !edge->boundary)
        continue;
      g = g_hash_table_lookup (sector_geometry, GSIZE_TO_POINTER ((gsize) edge->sector));
      if (g == NULL)
        {
          g = usga_geometry_new (USGA_GEOMETRY_LINES);
          g_hash_table_insert (sector_geometry, GSIZE_TO_POINTER ((gsize) edge->sector), g);
        }
      usga_geometry_add_part (g, seg, 2);
    }

  stmt = usga_db_prepare (db, "SELECT s.id, s.name, avg (c.label_lon), avg (c.label_lat) FROM sector s"
                              " JOIN cuadrante c ON c.sector_id = s.id GROUP BY s.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      UsgaGeometry *g = NULL;

      /* The area takes the geometry; what is left in the table is freed with it. */
      if (!g_hash_table_steal_extended (sector_geometry, GSIZE_TO_POINTER ((gsize) id), NULL, (gpointer *) &g))
        continue;
      usga_geometry_close (g);
      g_ptr_array_add (sectors, static_area_new (id, (const char *) sqlite3_column_text (stmt, 1), g,
                                                 sqlite3_column_double (stmt, 2), sqlite3_column_double (stmt, 3)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      usga_db_fail (db, rc, "sectors", error);
      return NULL;
    }
  return g_steal_pointer (&sectors);
}

/* Runs on one of the store's workers, with its read-only connection. */
static gpointer
map_areas_query (UsgaDb *db, UsgaFilter *filter, gpointer data, GError **error)
{
  MapAreas *m = g_new0 (MapAreas, 1);

  if ((m->colonias = read_areas (db, "SELECT id, name, geometry, label_lon, label_lat FROM colonia ORDER BY id", error)) == NULL ||
      (m->cuadrantes = read_areas (db, "SELECT id, code, geometry, label_lon, label_lat FROM cuadrante ORDER BY id", error)) == NULL ||
      (m->sectors = read_sector_boundaries (db, error)) == NULL)
    {
      map_areas_free (m);
      return NULL;
    }
  return m;
}

static void
add_areas (UsgaAreaLayer *layer, GPtrArray *areas)
{
  for (guint i = 0; i < areas->len; i++)
    {
      StaticArea *a = g_ptr_array_index (areas, i);

      usga_area_layer_add (layer, a->id, a->name, g_steal_pointer (&a->geometry), a->label_lon, a->label_lat);
    }
}

static void
map_areas_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(UsgaMapPage) self = user_data;
  g_autoptr(GError) error = NULL;
  MapAreas *m = usga_store_query_finish (USGA_STORE (source), result, &error);

  if (m == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        usga_page_toast (GTK_WIDGET (self), error->message);
      return;
    }
  add_areas (self->colonias, m->colonias);
  add_areas (self->cuadrantes, m->cuadrantes);
  add_areas (self->sectors, m->sectors);
  map_areas_free (m);
  usga_map_page_areas_loaded (self);
}

void
usga_map_page_load_areas (UsgaMapPage *self)
{
  g_cancellable_cancel (self->static_load);
  g_clear_object (&self->static_load);
  self->static_load = g_cancellable_new ();
  usga_store_query_async (self->store, usga_store_get_filter (self->store), map_areas_query, NULL, NULL,
                          map_areas_free, self->static_load, map_areas_ready, g_object_ref (self));
}

/* --- corridors and UTOPIAS ------------------------------------------------ */

typedef struct {
  GPtrArray *corridors;
  GPtrArray *utopias;
} MapFeatures;

static void
map_features_free (gpointer data)
{
  MapFeatures *f = data;

  g_clear_pointer (&f->corridors, g_ptr_array_unref);
  g_clear_pointer (&f->utopias, g_ptr_array_unref);
  g_free (f);
}

static gpointer
map_features_query (UsgaDb *db, UsgaFilter *filter, gpointer data, GError **error)
{
  MapFeatures *f = g_new0 (MapFeatures, 1);

  if ((f->corridors = usga_corridors_load (db, error)) == NULL ||
      (f->utopias = usga_utopias_load (db, error)) == NULL)
    {
      map_features_free (f);
      return NULL;
    }
  return f;
}

static void
map_features_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(UsgaMapPage) self = user_data;
  g_autoptr(GError) error = NULL;
  MapFeatures *f = usga_store_query_finish (USGA_STORE (source), result, &error);

  if (f == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        usga_page_toast (GTK_WIDGET (self), error->message);
      return;
    }
  usga_map_page_set_features (self, g_steal_pointer (&f->corridors), g_steal_pointer (&f->utopias));
  map_features_free (f);
}

/* After an edit or an import, and once at start: the newest read replaces any older one. */
void
usga_map_page_reload_features (UsgaMapPage *self)
{
  g_cancellable_cancel (self->features_load);
  g_clear_object (&self->features_load);
  self->features_load = g_cancellable_new ();
  usga_store_query_async (self->store, usga_store_get_filter (self->store), map_features_query, NULL, NULL,
                          map_features_free, self->features_load, map_features_ready, g_object_ref (self));
}
