/* usga-corridors.c — corridor storage and the GeoJSON/KML/GPX readers. Files are parsed and
 * validated completely before anything is written, and written in one transaction.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "usga-areas.h"
#include "usga-corridors.h"
#include "usga-db-rows.h"
#include "usga-geoimport.h"
#include "usga-stats.h"
#include "usga-text.h"

G_DEFINE_QUARK (usga-geo-import-error-quark, usga_geo_import_error)

UsgaCorridor *
usga_corridor_new (void)
{
  UsgaCorridor *c = g_new0 (UsgaCorridor, 1);

  c->origin = g_strdup ("user");
  return c;
}

void
usga_corridor_free (UsgaCorridor *c)
{
  if (c == NULL)
    return;
  g_free (c->name);
  g_free (c->colonia);
  g_clear_pointer (&c->geometry, usga_geometry_free);
  g_free (c->built);
  g_free (c->origin);
  g_free (c->properties);
  g_free (c);
}

UsgaCorridor *
usga_corridor_copy (const UsgaCorridor *c)
{
  UsgaCorridor *copy = usga_corridor_new ();

  copy->id = c->id;
  copy->name = g_strdup (c->name);
  copy->colonia_id = c->colonia_id;
  copy->colonia = g_strdup (c->colonia);
  copy->geometry = c->geometry ? usga_geometry_copy (c->geometry) : NULL;
  copy->length_m = c->length_m;
  copy->lighting = c->lighting;
  copy->cameras = c->cameras;
  copy->emergency_buttons = c->emergency_buttons;
  copy->built = g_strdup (c->built);
  g_free (copy->origin), copy->origin = g_strdup (c->origin);
  copy->properties = g_strdup (c->properties);
  return copy;
}

static gint64
colonia_by_name (UsgaDb *db, const char *name, char **canonical)
{
  g_autofree char *key = usga_text_normalize (name);
  sqlite3_stmt *stmt = usga_db_prepare (db, "SELECT c.id, c.name FROM colonia c WHERE c.id ="
                                            " (SELECT colonia_id FROM colonia_alias WHERE alias = ?1)"
                                            " OR upper (c.name) = ?1 LIMIT 1", NULL);
  gint64 id = 0;

  if (stmt == NULL || key == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      *canonical = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return id;
}

/* --- storage ------------------------------------------------------------ */

/* A corridor whose stored line does not parse is skipped, as before: the map shows the rest. */
static gpointer
corridor_from_row (sqlite3_stmt *stmt, gpointer user_data, GError **error)
{
  UsgaCorridor *c = usga_corridor_new ();

  c->id = sqlite3_column_int64 (stmt, 0);
  c->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  c->colonia_id = sqlite3_column_int64 (stmt, 2);
  c->colonia = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  c->geometry = usga_geometry_new_from_string ((const char *) sqlite3_column_text (stmt, 4), NULL);
  c->length_m = sqlite3_column_double (stmt, 5);
  c->lighting = sqlite3_column_int (stmt, 6) != 0;
  c->cameras = sqlite3_column_int (stmt, 7);
  c->emergency_buttons = sqlite3_column_int (stmt, 8);
  c->built = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  g_free (c->origin);
  c->origin = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  c->properties = g_strdup ((const char *) sqlite3_column_text (stmt, 11));
  if (c->geometry == NULL)
    g_clear_pointer (&c, usga_corridor_free);
  return c;
}

GPtrArray *
usga_corridors_load (UsgaDb *db, GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "SELECT c.id, c.name, c.colonia_id, co.name, c.geometry, c.length_m, c.lighting, c.cameras,"
      " c.emergency_buttons, c.built, c.origin, c.properties"
      " FROM corridor c LEFT JOIN colonia co ON co.id = c.colonia_id ORDER BY c.id", error);

  return usga_db_collect (db, stmt, corridor_from_row, NULL, (GDestroyNotify) usga_corridor_free, "corridors", error);
}

static gboolean
corridor_validate (UsgaCorridor *c, GError **error)
{
  UsgaGeometry *g = c->geometry;

  if (c->name == NULL || *g_strstrip (c->name) == '\0')
    {
      g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_INVALID, _("the corridor has no name"));
      return FALSE;
    }
  if (g == NULL || g->kind != USGA_GEOMETRY_LINES || usga_geometry_n_rings (g) == 0)
    {
      g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_GEOMETRY,
                   _("“%s” is not a line: a corridor needs a LineString or MultiLineString"), c->name);
      return FALSE;
    }
  for (guint r = 0; r < usga_geometry_n_rings (g); r++)
    if (g_array_index (g->ring_start, guint, r + 1) - g_array_index (g->ring_start, guint, r) < 2)
      {
        g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_GEOMETRY,
                     _("“%s” has a line with fewer than two points"), c->name);
        return FALSE;
      }
  for (guint i = 0; i < g->points->len; i++)
    {
      const UsgaLonLat *p = &g_array_index (g->points, UsgaLonLat, i);
      if (!usga_lonlat_in_cdmx (p->lon, p->lat))
        {
          g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_OUTSIDE,
                       _("“%s” has a point outside Mexico City (longitude %.5f, latitude %.5f)"),
                       c->name, p->lon, p->lat);
          return FALSE;
        }
    }
  if (c->built && *c->built && !usga_filter_validate_date (c->built))
    {
      g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_INVALID,
                   _("“%s” has a construction date “%s” that is not YYYY-MM-DD"), c->name, c->built);
      return FALSE;
    }
  if (c->cameras < 0 || c->emergency_buttons < 0)
    {
      g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_INVALID,
                   _("“%s” has a negative number of cameras or emergency buttons"), c->name);
      return FALSE;
    }
  return TRUE;
}

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format_iso8601 (now);
}

gboolean
usga_corridor_save (UsgaDb *db, UsgaCorridor *c, GError **error)
{
  g_autofree char *geometry = NULL;
  g_autofree char *now = now_iso ();
  sqlite3_stmt *stmt;

  if (!corridor_validate (c, error))
    return FALSE;
  usga_geometry_close (c->geometry);
  c->length_m = usga_geometry_length_m (c->geometry);
  if (c->colonia_id == 0)
    {
      /* The colonia of the corridor's middle vertex. */
      const UsgaLonLat *mid = &g_array_index (c->geometry->points, UsgaLonLat, c->geometry->points->len / 2);
      g_free (c->colonia);
      c->colonia_id = usga_colonia_at (db, mid->lon, mid->lat, &c->colonia);
    }
  geometry = usga_geometry_to_geojson (c->geometry);

  stmt = c->id == 0
    ? usga_db_prepare (db, "INSERT INTO corridor (name, colonia_id, geometry, length_m, lighting, cameras,"
                           " emergency_buttons, built, origin, properties, created_at, updated_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)", error)
    : usga_db_prepare (db, "UPDATE corridor SET name = ?1, colonia_id = ?2, geometry = ?3, length_m = ?4,"
                           " lighting = ?5, cameras = ?6, emergency_buttons = ?7, built = ?8, origin = ?9,"
                           " properties = ?10, updated_at = ?11 WHERE id = ?12", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, c->name, -1, SQLITE_STATIC);
  usga_db_bind_id_or_null (stmt, 2, c->colonia_id);
  sqlite3_bind_text (stmt, 3, geometry, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 4, c->length_m);
  sqlite3_bind_int (stmt, 5, c->lighting ? 1 : 0);
  sqlite3_bind_int (stmt, 6, c->cameras);
  sqlite3_bind_int (stmt, 7, c->emergency_buttons);
  usga_db_bind_text_or_null (stmt, 8, c->built);
  sqlite3_bind_text (stmt, 9, c->origin ? c->origin : "user", -1, SQLITE_STATIC);
  if (c->properties)
    sqlite3_bind_text (stmt, 10, c->properties, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 10);
  sqlite3_bind_text (stmt, 11, now, -1, SQLITE_STATIC);
  if (c->id != 0)
    sqlite3_bind_int64 (stmt, 12, c->id);
  return usga_db_save_row (db, stmt, &c->id, _("the corridor"), error);
}

gboolean
usga_corridor_delete (UsgaDb *db, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (db, "DELETE FROM corridor WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return usga_db_fail (db, rc, _("the corridor"), error);
  return TRUE;
}

/* --- import ------------------------------------------------------------- */

#define prop usga_geo_feature_prop

static gboolean
truthy (const char *v)
{
  g_autofree char *n = v ? usga_text_normalize (v) : NULL;

  if (n == NULL)
    return FALSE;
  return g_str_equal (n, "TRUE") || g_str_equal (n, "YES") || g_str_equal (n, "SI") ||
         g_str_equal (n, "Y") || g_str_equal (n, "S") || g_ascii_strtod (n, NULL) > 0;
}

static UsgaCorridor *
corridor_from_feature (UsgaGeoFeature *f, const char *file_label, UsgaDb *db, GError **error)
{
  static const char *const name_keys[] = { "name", "nombre", "Name", "NOMBRE", "title", NULL };
  static const char *const colonia_keys[] = { "colonia", "Colonia", "COLONIA", NULL };
  static const char *const lighting_keys[] = { "lighting", "alumbrado", "iluminacion", "iluminación", NULL };
  static const char *const camera_keys[] = { "cameras", "camaras", "cámaras", NULL };
  static const char *const button_keys[] = { "emergency_buttons", "botones", "botones_emergencia", "botones_panico", NULL };
  static const char *const built_keys[] = { "built", "date_built", "fecha", "fecha_construccion", NULL };
  g_autoptr(UsgaCorridor) c = usga_corridor_new ();
  const char *v;

  if (f->geometry == NULL || f->geometry->kind != USGA_GEOMETRY_LINES)
    {
      g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_GEOMETRY,
                   _("feature %u is a %s; corridors must be LineString or MultiLineString"),
                   f->index, f->type ? f->type : "?");
      return NULL;
    }
  v = prop (f->props, name_keys);
  c->name = v ? g_strdup (v) : g_strdup_printf ("%s %u", file_label, f->index);
  c->geometry = g_steal_pointer (&f->geometry);
  if ((v = prop (f->props, colonia_keys)) && db)
    c->colonia_id = colonia_by_name (db, v, &c->colonia);
  c->lighting = truthy (prop (f->props, lighting_keys));
  c->cameras = (v = prop (f->props, camera_keys)) ? (int) g_ascii_strtoll (v, NULL, 10) : 0;
  c->emergency_buttons = (v = prop (f->props, button_keys)) ? (int) g_ascii_strtoll (v, NULL, 10) : 0;
  c->built = (v = prop (f->props, built_keys)) ? g_strndup (v, strlen (v) >= 10 && v[10] == 'T' ? 10 : strlen (v)) : NULL;
  g_free (c->origin);
  c->origin = g_strdup (f->format);
  c->properties = g_strdup (f->properties_json);
  if (!corridor_validate (c, error))
    {
      g_prefix_error (error, _("feature %u: "), f->index);
      return NULL;
    }
  return g_steal_pointer (&c);
}

static GPtrArray *
corridors_from_file (UsgaDb *db, const char *path, GError **error)
{
  g_autoptr(GPtrArray) features = usga_geo_features_read (path, error);
  g_autoptr(GPtrArray) corridors = NULL;
  g_autofree char *base = g_path_get_basename (path);
  char *dot;

  if (features == NULL)
    return NULL;
  if ((dot = strrchr (base, '.')) != NULL && dot != base)
    *dot = '\0';
  corridors = g_ptr_array_new_with_free_func ((GDestroyNotify) usga_corridor_free);
  for (guint i = 0; i < features->len; i++)
    {
      UsgaCorridor *c = corridor_from_feature (g_ptr_array_index (features, i), base, db, error);
      if (c == NULL)
        {
          g_autofree char *file = g_filename_display_basename (path);
          g_prefix_error (error, "“%s”: ", file);
          return NULL;
        }
      g_ptr_array_add (corridors, c);
    }
  if (corridors->len == 0)
    {
      g_autofree char *file = g_filename_display_basename (path);
      g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_EMPTY,
                   _("“%s”: the file contains no corridors"), file);
      return NULL;
    }
  return g_steal_pointer (&corridors);
}

GPtrArray *
usga_corridors_parse_file (const char *path, GError **error)
{
  return corridors_from_file (NULL, path, error);
}

gboolean
usga_corridors_import_file (UsgaDb *db, const char *path, guint *n_imported, GError **error)
{
  g_autoptr(GPtrArray) corridors = corridors_from_file (db, path, error);

  if (n_imported)
    *n_imported = 0;
  if (corridors == NULL)
    return FALSE;
  if (!usga_db_begin (db, error))
    return FALSE;
  for (guint i = 0; i < corridors->len; i++)
    if (!usga_corridor_save (db, g_ptr_array_index (corridors, i), error))
      {
        g_autofree char *file = g_filename_display_basename (path);
        usga_db_rollback (db);
        g_prefix_error (error, "“%s”: ", file);
        return FALSE;
      }
  if (!usga_db_commit (db, error))
    return FALSE;
  if (n_imported)
    *n_imported = corridors->len;
  return TRUE;
}

char *
usga_corridors_to_geojson (GPtrArray *corridors)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "FeatureCollection");
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  for (guint i = 0; i < corridors->len; i++)
    {
      UsgaCorridor *c = g_ptr_array_index (corridors, i);
      g_autofree char *geometry = usga_geometry_to_geojson (c->geometry);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "Feature");
      json_builder_set_member_name (b, "properties");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, c->id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, c->name);
      json_builder_set_member_name (b, "colonia");
      if (c->colonia)
        json_builder_add_string_value (b, c->colonia);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "length_m");
      json_builder_add_double_value (b, round (c->length_m * 10) / 10);
      json_builder_set_member_name (b, "lighting");
      json_builder_add_boolean_value (b, c->lighting);
      json_builder_set_member_name (b, "cameras");
      json_builder_add_int_value (b, c->cameras);
      json_builder_set_member_name (b, "emergency_buttons");
      json_builder_add_int_value (b, c->emergency_buttons);
      json_builder_set_member_name (b, "built");
      if (c->built)
        json_builder_add_string_value (b, c->built);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "geometry");
      json_builder_add_value (b, json_from_string (geometry, NULL));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, FALSE);
  return json_generator_to_data (gen, NULL);
}

/* --- crimes against women near corridors -------------------------------- */

gboolean
usga_corridors_women_counts (UsgaDb *db, UsgaFilter *filter, GPtrArray *corridors, double buffer_m,
                             gint64 *inside, gint64 *outside, GError **error)
{
  static const char *const women[] = { "domestic_violence", "sexual", "femicide", NULL };
  g_autoptr(UsgaFilter) f = usga_filter_copy (filter);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (UsgaLonLat));
  double dlat = buffer_m / 111320.0, dlon = buffer_m / (111320.0 * cos (19.35 * G_PI / 180));

  *inside = *outside = 0;
  usga_filter_set_categories (f, women);
  usga_filter_set_delito (f, NULL);
  if (!usga_stats_points (db, f, points, error))
    return FALSE;
  for (guint i = 0; i < points->len; i++)
    {
      const UsgaLonLat *p = &g_array_index (points, UsgaLonLat, i);
      gboolean near = FALSE;

      for (guint k = 0; !near && k < corridors->len; k++)
        {
          const UsgaGeometry *g = ((UsgaCorridor *) g_ptr_array_index (corridors, k))->geometry;
          if (p->lon < g->min_lon - dlon || p->lon > g->max_lon + dlon ||
              p->lat < g->min_lat - dlat || p->lat > g->max_lat + dlat)
            continue;
          near = usga_geometry_distance_m (g, p->lon, p->lat) <= buffer_m;
        }
      if (near)
        (*inside)++;
      else
        (*outside)++;
    }
  return TRUE;
}
