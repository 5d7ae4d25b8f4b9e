/* usga-utopias.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "usga-areas.h"
#include "usga-corridors.h"
#include "usga-db-rows.h"
#include "usga-filter.h"
#include "usga-geoimport.h"
#include "usga-text.h"
#include "usga-utopias.h"

UsgaUtopia *
usga_utopia_new (void)
{
  UsgaUtopia *u = g_new0 (UsgaUtopia, 1);

  u->status = g_strdup ("open");
  u->services = g_strdup ("");
  u->origin = g_strdup ("user");
  return u;
}

void
usga_utopia_free (UsgaUtopia *u)
{
  if (u == NULL)
    return;
  g_free (u->name);
  g_free (u->opened);
  g_free (u->status);
  g_free (u->services);
  g_free (u->colonia);
  g_free (u->origin);
  g_free (u);
}

UsgaUtopia *
usga_utopia_copy (const UsgaUtopia *u)
{
  UsgaUtopia *copy = usga_utopia_new ();

  copy->id = u->id;
  copy->name = g_strdup (u->name);
  copy->opened = g_strdup (u->opened);
  g_free (copy->status), copy->status = g_strdup (u->status);
  g_free (copy->services), copy->services = g_strdup (u->services);
  copy->lat = u->lat, copy->lon = u->lon;
  copy->colonia_id = u->colonia_id;
  copy->colonia = g_strdup (u->colonia);
  g_free (copy->origin), copy->origin = g_strdup (u->origin);
  return copy;
}

const char *
usga_utopia_status_name (const char *status)
{
  if (g_strcmp0 (status, "open") == 0)
    return _("Open");
  if (g_strcmp0 (status, "construction") == 0)
    return _("Under construction");
  if (g_strcmp0 (status, "planned") == 0)
    return _("Planned");
  return status;
}

static gpointer
utopia_from_row (sqlite3_stmt *stmt, gpointer user_data, GError **error)
{
  UsgaUtopia *u = usga_utopia_new ();

  u->id = sqlite3_column_int64 (stmt, 0);
  g_free (u->name), u->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  u->opened = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  g_free (u->status), u->status = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  g_free (u->services), u->services = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  u->lat = sqlite3_column_double (stmt, 5);
  u->lon = sqlite3_column_double (stmt, 6);
  u->colonia_id = sqlite3_column_int64 (stmt, 7);
  u->colonia = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  g_free (u->origin), u->origin = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  return u;
}

GPtrArray *
usga_utopias_load (UsgaDb *db, GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "SELECT u.id, u.name, u.opened, u.status, u.services, u.lat, u.lon, u.colonia_id, c.name, u.origin"
      " FROM utopia u LEFT JOIN colonia c ON c.id = u.colonia_id ORDER BY u.name", error);

  return usga_db_collect (db, stmt, utopia_from_row, NULL, (GDestroyNotify) usga_utopia_free, "utopias", error);
}

static gboolean
utopia_validate (UsgaUtopia *u, GError **error)
{
  if (u->name == NULL || *g_strstrip (u->name) == '\0')
    {
      g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_INVALID, _("the centre has no name"));
      return FALSE;
    }
  if (g_strcmp0 (u->status, "open") != 0 && g_strcmp0 (u->status, "construction") != 0 &&
      g_strcmp0 (u->status, "planned") != 0)
    {
      g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_INVALID,
                   _("“%s” has status “%s”; use open, construction or planned"), u->name, u->status ? u->status : "");
      return FALSE;
    }
  if (u->opened && *u->opened && !usga_filter_validate_date (u->opened))
    {
      g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_INVALID,
                   _("“%s” has an opening date “%s” that is not YYYY-MM-DD"), u->name, u->opened);
      return FALSE;
    }
  if (!usga_lonlat_in_cdmx (u->lon, u->lat))
    {
      g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_OUTSIDE,
                   _("“%s” is outside Mexico City (longitude %.5f, latitude %.5f)"), u->name, u->lon, u->lat);
      return FALSE;
    }
  return TRUE;
}

gboolean
usga_utopia_save (UsgaDb *db, UsgaUtopia *u, GError **error)
{
  g_autoptr(GDateTime) now_dt = g_date_time_new_now_utc ();
  g_autofree char *now = g_date_time_format_iso8601 (now_dt);
  sqlite3_stmt *stmt;

  if (!utopia_validate (u, error))
    return FALSE;
  g_free (u->colonia);
  u->colonia_id = usga_colonia_at (db, u->lon, u->lat, &u->colonia);
  stmt = u->id == 0
    ? usga_db_prepare (db, "INSERT INTO utopia (name, opened, status, services, lat, lon, colonia_id, origin, updated_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error)
    : usga_db_prepare (db, "UPDATE utopia SET name = ?1, opened = ?2, status = ?3, services = ?4, lat = ?5,"
                           " lon = ?6, colonia_id = ?7, origin = ?8, updated_at = ?9 WHERE id = ?10", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, u->name, -1, SQLITE_STATIC);
  usga_db_bind_text_or_null (stmt, 2, u->opened);
  sqlite3_bind_text (stmt, 3, u->status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, u->services ? u->services : "", -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 5, u->lat);
  sqlite3_bind_double (stmt, 6, u->lon);
  usga_db_bind_id_or_null (stmt, 7, u->colonia_id);
  sqlite3_bind_text (stmt, 8, u->origin ? u->origin : "user", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_STATIC);
  if (u->id != 0)
    sqlite3_bind_int64 (stmt, 10, u->id);
  return usga_db_save_row (db, stmt, &u->id, _("the UTOPIA"), error);
}

#define prop usga_geo_feature_prop

static char *
status_from_text (const char *text)
{
  g_autofree char *n = text ? usga_text_normalize (text) : NULL;

  if (n == NULL || g_str_equal (n, "OPEN") || g_str_equal (n, "ABIERTA") || g_str_equal (n, "ABIERTO") ||
      g_str_equal (n, "OPERANDO") || g_str_equal (n, "EN OPERACION"))
    return g_strdup ("open");
  if (g_str_equal (n, "CONSTRUCTION") || g_str_equal (n, "EN CONSTRUCCION") || g_str_equal (n, "CONSTRUCCION"))
    return g_strdup ("construction");
  if (g_str_equal (n, "PLANNED") || g_str_equal (n, "PLANEADA") || g_str_equal (n, "PROYECTADA") ||
      g_str_equal (n, "PROYECTO"))
    return g_strdup ("planned");
  return g_strdup (text);
}

gboolean
usga_utopias_import_file (UsgaDb *db, const char *path, guint *n_imported, GError **error)
{
  static const char *const name_keys[] = { "name", "nombre", "Name", "NOMBRE", NULL };
  static const char *const opened_keys[] = { "opened", "fecha_inauguracion", "inauguracion", NULL };
  static const char *const status_keys[] = { "status", "estatus", "estado", NULL };
  static const char *const services_keys[] = { "services", "servicios", NULL };
  g_autoptr(GPtrArray) features = usga_geo_features_read (path, error);
  g_autoptr(GPtrArray) centres = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autofree char *file = g_filename_display_basename (path);

  if (n_imported)
    *n_imported = 0;
  if (features == NULL)
    return FALSE;
  if ((existing = usga_utopias_load (db, error)) == NULL)
    return FALSE;
  centres = g_ptr_array_new_with_free_func ((GDestroyNotify) usga_utopia_free);
  for (guint i = 0; i < features->len; i++)
    {
      UsgaGeoFeature *f = g_ptr_array_index (features, i);
      UsgaUtopia *u;
      const char *v;

      if (f->geometry == NULL || f->geometry->kind != USGA_GEOMETRY_POINTS || f->geometry->points->len != 1)
        {
          g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_GEOMETRY,
                       _("“%s”: feature %u is a %s; a centre must be a Point"), file, f->index, f->type);
          return FALSE;
        }
      u = usga_utopia_new ();
      g_ptr_array_add (centres, u);
      u->name = g_strdup (prop (f->props, name_keys));
      u->lon = g_array_index (f->geometry->points, UsgaLonLat, 0).lon;
      u->lat = g_array_index (f->geometry->points, UsgaLonLat, 0).lat;
      u->opened = (v = prop (f->props, opened_keys)) ? g_strndup (v, 10) : NULL;
      g_free (u->status), u->status = status_from_text (prop (f->props, status_keys));
      g_free (u->services), u->services = g_strdup ((v = prop (f->props, services_keys)) ? v : "");
      g_free (u->origin), u->origin = g_strdup (f->format);
      if (!utopia_validate (u, error))
        {
          g_prefix_error (error, _("“%s”: feature %u: "), file, f->index);
          return FALSE;
        }
      for (guint k = 0; k < existing->len; k++)
        if (g_strcmp0 (((UsgaUtopia *) g_ptr_array_index (existing, k))->name, u->name) == 0)
          u->id = ((UsgaUtopia *) g_ptr_array_index (existing, k))->id;
    }
  if (centres->len == 0)
    {
      g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_EMPTY,
                   _("“%s”: the file contains no centres"), file);
      return FALSE;
    }
  if (!usga_db_begin (db, error))
    return FALSE;
  for (guint i = 0; i < centres->len; i++)
    if (!usga_utopia_save (db, g_ptr_array_index (centres, i), error))
      {
        usga_db_rollback (db);
        g_prefix_error (error, "“%s”: ", file);
        return FALSE;
      }
  if (!usga_db_commit (db, error))
    return FALSE;
  if (n_imported)
    *n_imported = centres->len;
  return TRUE;
}
