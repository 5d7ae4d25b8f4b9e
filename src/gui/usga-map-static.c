/* usga-map-static.c — what the map draws that does not follow the filter: colonia, cuadrante
 * and sector boundaries, corridors and UTOPIAS. They are read (core/geo's one area loader) and
 * parsed on one of the store's workers (about 50 ms at start-up, never on the main thread) and
 * handed to the page's layers when they arrive.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "usga-map-page-private.h"
#include "usga-areas.h"

typedef struct {
  GPtrArray *colonias;     /* UsgaArea, with geometry (usga_areas_load) */
  GPtrArray *cuadrantes;
  GPtrArray *sectors;      /* UsgaArea: id, name, boundary lines and label point only */
} MapAreas;

static void
map_areas_free (gpointer data)
{
  MapAreas *m = data;

  g_clear_pointer (&m->colonias, g_ptr_array_unref);
  g_clear_pointer (&m->cuadrantes, g_ptr_array_unref);
  g_clear_pointer (&m->sectors, g_ptr_array_unref);
  g_free (m);
}

typedef struct { gint64 sector; guint count; gboolean boundary; UsgaLonLat a, b; } Edge;

typedef struct {
  UsgaGeometry *lines;
  double        lon_sum, lat_sum;
  guint         n;
} SectorParts;

static void
sector_parts_free (gpointer data)
{
  SectorParts *p = data;

  usga_geometry_free (p->lines);
  g_free (p);
}

static SectorParts *
sector_parts (GHashTable *by_sector, gint64 sector)
{
  SectorParts *p = g_hash_table_lookup (by_sector, GSIZE_TO_POINTER ((gsize) sector));

  if (p == NULL)
    {
      p = g_new0 (SectorParts, 1);
      p->lines = usga_geometry_new (USGA_GEOMETRY_LINES);
      g_hash_table_insert (by_sector, GSIZE_TO_POINTER ((gsize) sector), p);
    }
  return p;
}

/* Sectors have no polygons of their own: their boundary is every cuadrante edge that is not
 * shared with another cuadrante of the same sector; their label is the mean of their
 * cuadrantes' label points. */
static GPtrArray *
sector_boundaries (UsgaDb *db, GPtrArray *cuadrantes, GError **error)
{
  g_autoptr(GHashTable) edges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* Sector id -> its parts (ids are small positive integers). */
  g_autoptr(GHashTable) by_sector = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, sector_parts_free);
  g_autoptr(GPtrArray) sectors = g_ptr_array_new_with_free_func ((GDestroyNotify) usga_area_free);
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  Edge *edge;
  int rc;

  for (guint c = 0; c < cuadrantes->len; c++)
    {
      const UsgaArea *q = g_ptr_array_index (cuadrantes, c);
      const UsgaGeometry *g = q->geometry;
      SectorParts *parts = sector_parts (by_sector, q->sector_id);

      parts->lon_sum += q->label_lon, parts->lat_sum += q->label_lat, parts->n++;
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
                  e->sector = q->sector_id, e->a = a, e->b = b;
                  g_hash_table_insert (edges, g_steal_pointer (&key), e);
                }
              else if (e->sector != q->sector_id)
                e->boundary = TRUE;
              e->count++;
            }
        }
    }

  g_hash_table_iter_init (&iter, edges);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &edge))
    {
      UsgaLonLat seg[2] = { edge->a, edge->b };

      if (edge->count == 1 || edge->boundary)
        usga_geometry_add_part (sector_parts (by_sector, edge->sector)->lines, seg, 2);
    }

  stmt = usga_db_prepare (db, "SELECT id, name FROM sector ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SectorParts *parts = g_hash_table_lookup (by_sector, GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0)));
      UsgaArea *s;

      /* A sector without cuadrantes has nothing to draw. */
      if (parts == NULL || parts->n == 0)
        continue;
      s = g_new0 (UsgaArea, 1);
      s->id = sqlite3_column_int64 (stmt, 0);
      s->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      s->geometry = g_steal_pointer (&parts->lines);
      usga_geometry_close (s->geometry);
      s->label_lon = parts->lon_sum / parts->n;
      s->label_lat = parts->lat_sum / parts->n;
      g_ptr_array_add (sectors, s);
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

  if ((m->colonias = usga_areas_load (db, USGA_AREA_COLONIA, USGA_AREAS_GEOMETRY, error)) == NULL ||
      (m->cuadrantes = usga_areas_load (db, USGA_AREA_CUADRANTE, USGA_AREAS_GEOMETRY, error)) == NULL ||
      (m->sectors = sector_boundaries (db, m->cuadrantes, error)) == NULL)
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
      UsgaArea *a = g_ptr_array_index (areas, i);

      if (a->geometry)
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
