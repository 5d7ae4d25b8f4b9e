/* usga-bundled.c — the first-start import of data/bundled/.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "usga-areas.h"
#include "usga-bundled.h"
#include "usga-categories.h"
#include "usga-colonia-history.h"
#include "usga-coverage.h"
#include "usga-csv.h"
#include "usga-geo.h"
#include "usga-incidents.h"
#include "usga-json.h"
#include "usga-recommendations.h"
#include "usga-text.h"

/* INEGI, Censo de Población y Vivienda 2020, as the USGA report quotes it (000:L708-712). */
#define IZTAPALAPA_POPULATION_2020 1835486

const char *
usga_data_dir (void)
{
  return usga_paths_data_dir ();
}

char *
usga_data_path (const char *name)
{
  return g_build_filename (usga_data_dir (), name, NULL);
}

static JsonArray *
features_of (JsonNode *root, const char *path, GError **error)
{
  JsonObject *obj;

  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (obj = json_node_get_object (root), "features") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (obj, "features")))
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("%s is not a GeoJSON FeatureCollection"), path);
      return NULL;
    }
  return json_object_get_array_member (obj, "features");
}

static char *
geometry_to_string (JsonObject *feature)
{
  return json_to_string (json_object_get_member (feature, "geometry"), FALSE);
}

#define prop_string usga_json_member_string

static gint64
prop_int (JsonObject *props, const char *name)
{
  JsonNode *node = json_object_get_member (props, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  return (gint64) llround (json_node_get_double (node));
}

typedef struct {
  UsgaDb          *db;
  UsgaProgressFunc progress;
  gpointer         user_data;
  double           done;
} Import;

static void
report (Import *im, double add, const char *message)
{
  im->done += add;
  if (im->progress)
    im->progress (MIN (im->done, 1.0), message, im->user_data);
}

/* What each bundled GeoJSON load carries from one feature to the next. */
typedef struct {
  sqlite3_stmt *stmt;
  gboolean      found;
} AlcaldiaLoad;

typedef struct {
  sqlite3_stmt *stmt, *centroid;
  GHashTable   *stripped;  /* qualifier-less name -> colonia id, or -1 when two share it */
} ColoniaLoad;

typedef struct {
  sqlite3_stmt *sector, *stmt;
  GHashTable   *population;  /* nomenclatura -> 2023 population */
} CuadranteLoad;

typedef struct {
  sqlite3_stmt  *stmt;
  UsgaAreaIndex *colonias;
  const char    *today, *stamp;
} UtopiaLoad;

/* Each feature of a bundled GeoJSON file with its properties, in file order, and with
 * @with_geometry its parsed geometry (one that does not parse fails the load, naming the
 * file); @fn returns FALSE (with @error set) to stop the load. */
typedef gboolean (*FeatureFunc) (Import *im, const char *path, guint i, JsonObject *feature, JsonObject *props,
                                 const UsgaGeometry *g, gpointer data, GError **error);

static gboolean
for_each_feature (Import *im, const char *path, gboolean with_geometry, FeatureFunc fn, gpointer data, GError **error)
{
  g_autoptr(JsonNode) root = usga_json_load_file (path, error);
  JsonArray *features;

  if (root == NULL || (features = features_of (root, path, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *f = json_array_get_object_element (features, i);
      g_autoptr(UsgaGeometry) g = NULL;

      if (with_geometry && (g = usga_geometry_new_from_json (json_object_get_member (f, "geometry"), error)) == NULL)
        {
          g_prefix_error (error, "%s: ", path);
          return FALSE;
        }
      if (!fn (im, path, i, f, json_object_get_object_member (f, "properties"), g, data, error))
        return FALSE;
    }
  return TRUE;
}

/* The box and label point that colonias and cuadrantes store, in columns @first to @first + 5. */
static void
bind_box_and_label (sqlite3_stmt *stmt, int first, const UsgaGeometry *g)
{
  double lon, lat;

  usga_geometry_label_point (g, &lon, &lat);
  sqlite3_bind_double (stmt, first, g->min_lon);
  sqlite3_bind_double (stmt, first + 1, g->min_lat);
  sqlite3_bind_double (stmt, first + 2, g->max_lon);
  sqlite3_bind_double (stmt, first + 3, g->max_lat);
  sqlite3_bind_double (stmt, first + 4, lon);
  sqlite3_bind_double (stmt, first + 5, lat);
}

static gboolean
alcaldia_feature (Import *im, const char *path, guint i, JsonObject *f, JsonObject *props,
                  const UsgaGeometry *g, gpointer data, GError **error)
{
  AlcaldiaLoad *load = data;
  g_autofree char *geometry = NULL;

  if (load->found || g_strcmp0 (prop_string (props, "CVEGEO"), "09007") != 0)
    return TRUE;
  load->found = TRUE;
  geometry = geometry_to_string (f);
  sqlite3_bind_text (load->stmt, 1, "09007", -1, SQLITE_STATIC);
  sqlite3_bind_text (load->stmt, 2, prop_string (props, "NOMGEO"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (load->stmt, 3, IZTAPALAPA_POPULATION_2020);
  sqlite3_bind_text (load->stmt, 4, "INEGI, Censo de Población y Vivienda 2020", -1, SQLITE_STATIC);
  sqlite3_bind_text (load->stmt, 5, geometry, -1, SQLITE_TRANSIENT);
  return usga_db_step_done (im->db, load->stmt, "alcaldia", error);
}

static gboolean
load_alcaldia (Import *im, GError **error)
{
  g_autofree char *path = usga_data_path ("bundled/alcaldias_cdmx_inegi.geojson.gz");
  AlcaldiaLoad load = { usga_db_prepare (im->db,
      "INSERT INTO alcaldia (cvegeo, name, population, population_source, geometry) VALUES (?, ?, ?, ?, ?)", error) };

  if (load.stmt == NULL || !for_each_feature (im, path, FALSE, alcaldia_feature, &load, error))
    return FALSE;
  if (!load.found)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("%s has no Iztapalapa (09007) polygon"), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_alias (UsgaDb *db, const char *name, gint64 colonia_id, const char *method, GError **error)
{
  g_autofree char *alias = usga_text_normalize (name);
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "INSERT OR IGNORE INTO colonia_alias (alias, colonia_id, method) VALUES (?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  if (*alias == '\0')
    return TRUE;
  sqlite3_bind_text (stmt, 1, alias, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, colonia_id);
  sqlite3_bind_text (stmt, 3, method, -1, SQLITE_STATIC);
  return usga_db_step_done (db, stmt, "colonia_alias", error);
}

/* "ALVARO OBREGON_(FRACC)", "ACULCO (PBLO)" -> "ALVARO OBREGON", "ACULCO" */
static char *
strip_qualifier (const char *name)
{
  g_autofree char *normalized = usga_text_normalize (name);
  char *paren = strchr (normalized, '(');

  if (paren == NULL || paren == normalized)
    return NULL;
  *paren = '\0';
  return g_strstrip (g_strdelimit (g_strdup (normalized), "_", ' '));
}

static gboolean
colonia_feature (Import *im, const char *path, guint i, JsonObject *f, JsonObject *props,
                  const UsgaGeometry *g, gpointer data, GError **error)
{
  ColoniaLoad *load = data;
  g_autofree char *geometry = NULL;
  g_autofree char *bare = NULL;
  const char *name = prop_string (props, "NOMUT");
  gint64 id = prop_int (props, "ID");
  double cx, cy;

  if (name == NULL || id <= 0)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("%s: feature %u has no name or id"), path, i);
      return FALSE;
    }
  geometry = geometry_to_string (f);
  sqlite3_bind_int64 (load->stmt, 1, id);
  sqlite3_bind_text (load->stmt, 2, prop_string (props, "CVEUT"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (load->stmt, 3, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (load->stmt, 4, prop_int (props, "SUMPOB1"));
  sqlite3_bind_text (load->stmt, 5, geometry, -1, SQLITE_TRANSIENT);
  bind_box_and_label (load->stmt, 6, g);
  if (!usga_db_step_done (im->db, load->stmt, "colonia", error))
    return FALSE;
  /* Gi* measures distances between these: the whole multipolygon's area centroid. */
  usga_geometry_centroid (g, &cx, &cy);
  sqlite3_bind_int64 (load->centroid, 1, id);
  sqlite3_bind_double (load->centroid, 2, cx);
  sqlite3_bind_double (load->centroid, 3, cy);
  if (!usga_db_step_done (im->db, load->centroid, "colonia_centroid", error) ||
      !insert_alias (im->db, name, id, "name", error))
    return FALSE;

  /* Remember qualifier-less names; only unambiguous ones become aliases. */
  bare = strip_qualifier (name);
  if (bare && *bare)
    {
      gpointer prev = g_hash_table_lookup (load->stripped, bare);
      g_hash_table_replace (load->stripped, g_steal_pointer (&bare),
                            prev ? GINT_TO_POINTER (-1) : GINT_TO_POINTER ((int) id));
    }
  return TRUE;
}

static gboolean
load_colonias (Import *im, GError **error)
{
  g_autofree char *path = usga_data_path ("bundled/colonias_iztapalapa_iecm_hoyodecrimen.geojson.gz");
  g_autoptr(GHashTable) stripped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ColoniaLoad load = { NULL, NULL, stripped };
  GHashTableIter iter;
  gpointer key, value;

  load.stmt = usga_db_prepare (im->db,
      "INSERT INTO colonia (id, cve, name, population, geometry, min_lon, min_lat, max_lon, max_lat, label_lon, label_lat)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  load.centroid = load.stmt ? usga_db_prepare (im->db, "INSERT INTO colonia_centroid (colonia_id, lon, lat) VALUES (?, ?, ?)", error) : NULL;
  if (load.centroid == NULL || !for_each_feature (im, path, TRUE, colonia_feature, &load, error))
    return FALSE;

  g_hash_table_iter_init (&iter, stripped);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_INT (value) > 0 && !insert_alias (im->db, key, GPOINTER_TO_INT (value), "name", error))
      return FALSE;
  return TRUE;
}

static gboolean
cuadrante_feature (Import *im, const char *path, guint i, JsonObject *f, JsonObject *props,
                  const UsgaGeometry *g, gpointer data, GError **error)
{
  CuadranteLoad *load = data;
  g_autofree char *geometry = NULL;
  const char *code = prop_string (props, "nomenclatura");
  const char *sector = prop_string (props, "sector");
  gpointer population;

  if (code == NULL || sector == NULL)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("%s: feature %u has no code or sector"), path, i);
      return FALSE;
    }
  sqlite3_bind_text (load->sector, 1, sector, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (load->sector, 2, prop_string (props, "zona"), -1, SQLITE_TRANSIENT);
  if (!usga_db_step_done (im->db, load->sector, "sector", error))
    return FALSE;

  geometry = geometry_to_string (f);
  sqlite3_bind_text (load->stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (load->stmt, 2, sector, -1, SQLITE_TRANSIENT);
  /* A cuadrante the population file lacks has none, not the one before it. */
  if (g_hash_table_lookup_extended (load->population, code, NULL, &population))
    sqlite3_bind_int64 (load->stmt, 3, GPOINTER_TO_INT (population));
  else
    sqlite3_bind_null (load->stmt, 3);
  sqlite3_bind_text (load->stmt, 4, geometry, -1, SQLITE_TRANSIENT);
  bind_box_and_label (load->stmt, 5, g);
  return usga_db_step_done (im->db, load->stmt, "cuadrante", error);
}

static gboolean
load_cuadrantes (Import *im, GError **error)
{
  g_autofree char *path = usga_data_path ("bundled/cuadrantes_iztapalapa_centrogeo.geojson.gz");
  g_autofree char *pop_path = usga_data_path ("bundled/cuadrantes_2023_poblacion_hoyodecrimen.csv.gz");
  g_autoptr(GHashTable) population = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *const columns[] = { "nomenclatura", "poblacion", NULL };
  g_autoptr(UsgaCsvReader) reader = NULL;
  CuadranteLoad load = { NULL, NULL, population };
  const GPtrArray *row;
  int col[2], i_code, i_pop;

  reader = usga_csv_reader_open_with_columns (pop_path, columns, col, error);
  if (reader == NULL)
    return FALSE;
  i_code = col[0];
  i_pop = col[1];
  while ((row = usga_csv_reader_next (reader, error)) != NULL)
    if (row->len > (guint) MAX (i_code, i_pop))
      g_hash_table_insert (population, g_strdup (g_ptr_array_index (row, i_code)),
                           GINT_TO_POINTER ((int) g_ascii_strtod (g_ptr_array_index (row, i_pop), NULL)));
  if (error && *error)
    return FALSE;

  load.sector = usga_db_prepare (im->db, "INSERT OR IGNORE INTO sector (name, zona) VALUES (?, ?)", error);
  load.stmt = load.sector ? usga_db_prepare (im->db,
      "INSERT INTO cuadrante (code, sector_id, population, geometry, min_lon, min_lat, max_lon, max_lat, label_lon, label_lat)"
      " VALUES (?, (SELECT id FROM sector WHERE name = ?), ?, ?, ?, ?, ?, ?, ?, ?)", error) : NULL;
  return load.stmt != NULL && for_each_feature (im, path, TRUE, cuadrante_feature, &load, error);
}

static gboolean
utopia_feature (Import *im, const char *path, guint i, JsonObject *f, JsonObject *props,
                  const UsgaGeometry *g, gpointer data, GError **error)
{
  UtopiaLoad *load = data;
  const char *opened = prop_string (props, "fecha_inauguracion");
  const UsgaLonLat *p = &g_array_index (g->points, UsgaLonLat, 0);
  const UsgaArea *colonia = usga_area_index_find (load->colonias, p->lon, p->lat);

  sqlite3_bind_text (load->stmt, 1, prop_string (props, "nombre"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (load->stmt, 2, opened, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (load->stmt, 3, opened && g_strcmp0 (opened, load->today) <= 0 ? "open" : "planned", -1, SQLITE_STATIC);
  sqlite3_bind_double (load->stmt, 4, p->lat);
  sqlite3_bind_double (load->stmt, 5, p->lon);
  if (colonia)
    sqlite3_bind_int64 (load->stmt, 6, colonia->id);
  else
    sqlite3_bind_null (load->stmt, 6);
  sqlite3_bind_text (load->stmt, 7, load->stamp, -1, SQLITE_STATIC);
  return usga_db_step_done (im->db, load->stmt, "utopia", error);
}

static gboolean
load_utopias (Import *im, GError **error)
{
  g_autofree char *path = usga_data_path ("bundled/utopias_iztapalapa.geojson");
  g_autoptr(UsgaAreaIndex) colonias = usga_area_index_load (im->db, USGA_AREA_COLONIA, error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%F");
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  UtopiaLoad load = { NULL, colonias, today, stamp };

  if (colonias == NULL)
    return FALSE;
  /* The community layer repeats id 11, so our ids are our own. */
  load.stmt = usga_db_prepare (im->db,
      "INSERT INTO utopia (name, opened, status, lat, lon, colonia_id, origin, updated_at)"
      " VALUES (?, ?, ?, ?, ?, ?, 'bundled', ?)", error);
  return load.stmt != NULL && for_each_feature (im, path, TRUE, utopia_feature, &load, error);
}

static gboolean
load_points (Import *im, double weight, GError **error)
{
  g_autofree char *path = usga_data_path ("bundled/carpetas_iztapalapa_puntos_2024.csv.gz");
  enum { COLONIA, DELITO, FECHA, HORA, LAT, LON, N_COLUMNS };
  const char *const columns[] = { "colonia", "delito", "fecha_hecho", "hora_hecho", "latitud", "longitud", NULL };
  int col[N_COLUMNS];
  g_autoptr(UsgaCsvReader) reader = usga_csv_reader_open_with_columns (path, columns, col, error);
  g_autoptr(UsgaIncidentWriter) writer = NULL;
  const GPtrArray *row;
  guint n = 0;

  if (reader == NULL)
    return FALSE;
  writer = usga_incident_writer_new (im->db, "bundled", error);
  if (writer == NULL)
    return FALSE;

  while ((row = usga_csv_reader_next (reader, error)) != NULL)
    {
      g_autoptr(GError) row_error = NULL;
      UsgaIncidentRow r = { 0 };  /* every bundled carpeta is Iztapalapa's: alcaldia stays NULL */
      const char *lat, *lon;

      if (row->len < 9)
        continue;
      lat = g_ptr_array_index (row, col[LAT]);
      lon = g_ptr_array_index (row, col[LON]);
      r.date = g_ptr_array_index (row, col[FECHA]);
      r.time = g_ptr_array_index (row, col[HORA]);
      r.delito = g_ptr_array_index (row, col[DELITO]);
      r.colonia = g_ptr_array_index (row, col[COLONIA]);
      r.lat = *lat ? g_ascii_strtod (lat, NULL) : NAN;
      r.lon = *lon ? g_ascii_strtod (lon, NULL) : NAN;
      if (usga_incident_writer_add (writer, &r, &row_error) == USGA_WRITE_FAILED)
        {
          g_propagate_error (error, g_steal_pointer (&row_error));
          return FALSE;
        }
      if (++n % 2500 == 0)
        report (im, weight * 2500 / 27540, _("Loading 2024 carpetas…"));
    }
  return error == NULL || *error == NULL;
}

/* An FGJ-name polygon of Iztapalapa names the IECM colonia holding its label point; a
 * polygon that does not parse names none. */
static gboolean
alias_feature (Import *im, const char *path, guint i, JsonObject *f, JsonObject *props,
               const UsgaGeometry *unused, gpointer colonias, GError **error)
{
  g_autofree char *alcaldia = usga_text_normalize (prop_string (props, "alcaldia"));
  g_autoptr(UsgaGeometry) g = NULL;
  const UsgaArea *area;
  double lon, lat;

  if (!g_str_equal (alcaldia, "IZTAPALAPA"))
    return TRUE;
  g = usga_geometry_new_from_json (json_object_get_member (f, "geometry"), NULL);
  if (g == NULL)
    return TRUE;
  usga_geometry_label_point (g, &lon, &lat);
  area = usga_area_index_find (colonias, lon, lat);
  return area == NULL || insert_alias (im->db, prop_string (props, "colonia"), area->id, "polygon", error);
}

/* Names the FGJ uses for colonias, matched to IECM colonias: first by the points'
 * own locations (majority vote), then by the FGJ-name polygons of jjsantos01. */
static gboolean
derive_aliases (Import *im, GError **error)
{
  g_autofree char *path = usga_data_path ("bundled/colonias_cdmx_fgjnames_jjsantos01.geojson.gz");
  g_autoptr(UsgaAreaIndex) colonias = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = usga_db_prepare (im->db,
      "SELECT colonia_raw, colonia_id FROM ("
      "  SELECT colonia_raw, colonia_id, count(*) AS n,"
      "         row_number () OVER (PARTITION BY colonia_raw ORDER BY count(*) DESC) AS rank"
      "  FROM incident WHERE colonia_raw IS NOT NULL AND colonia_id IS NOT NULL"
      "  GROUP BY colonia_raw, colonia_id) WHERE rank = 1", error);
  if (stmt == NULL)
    return FALSE;
  {
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 1);
        g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
        g_array_append_val (ids, id);
      }
    sqlite3_reset (stmt);
    if (rc != SQLITE_DONE)
      return usga_db_fail (im->db, rc, "aliases", error);
    for (guint i = 0; i < names->len; i++)
      if (!insert_alias (im->db, names->pdata[i], g_array_index (ids, gint64, i), "points", error))
        return FALSE;
  }

  colonias = usga_area_index_load (im->db, USGA_AREA_COLONIA, error);
  return colonias != NULL && for_each_feature (im, path, FALSE, alias_feature, colonias, error);
}

static gboolean
load_quarterly (Import *im, double weight, GError **error)
{
  g_autofree char *path = usga_data_path ("bundled/carpetas_iztapalapa_colonia_trimestre_delito_2019_2024.csv.gz");
  enum { COLONIA, YEAR, QUARTER, DELITO, COUNT, N_COLUMNS };
  const char *const columns[] = { "colonia", "anio_hecho", "trimestre", "delito", "carpetas", NULL };
  int col[N_COLUMNS];
  g_autoptr(UsgaCsvReader) reader = usga_csv_reader_open_with_columns (path, columns, col, error);
  g_autoptr(GHashTable) delitos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) colonias = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const GPtrArray *row;
  sqlite3_stmt *stmt;
  guint n = 0;

  if (reader == NULL)
    return FALSE;
  stmt = usga_db_prepare (im->db,
      "INSERT INTO incident_quarterly (colonia_raw, colonia_id, year, quarter, delito_id, count)"
      " VALUES (?, ?, ?, ?, ?, ?)"
      " ON CONFLICT DO UPDATE SET count = count + excluded.count", error);
  if (stmt == NULL)
    return FALSE;

  while ((row = usga_csv_reader_next (reader, error)) != NULL)
    {
      const char *colonia = g_ptr_array_index (row, col[COLONIA]);
      const char *delito = g_ptr_array_index (row, col[DELITO]);
      gpointer id_p;
      gint64 delito_id, colonia_id;

      if (!g_hash_table_lookup_extended (delitos, delito, NULL, &id_p))
        {
          delito_id = usga_delito_resolve (im->db, delito, error);
          if (delito_id < 0)
            return FALSE;
          g_hash_table_insert (delitos, g_strdup (delito), GINT_TO_POINTER ((int) delito_id));
        }
      else
        delito_id = GPOINTER_TO_INT (id_p);

      /* The colonia of the same name: used only for names no 2024 point carries; per colonia
       * the counts are apportioned by point shares (usga-colonia-history.c). */
      if (!g_hash_table_lookup_extended (colonias, colonia, NULL, &id_p))
        {
          colonia_id = usga_colonia_lookup_name (im->db, colonia);
          g_hash_table_insert (colonias, g_strdup (colonia), GINT_TO_POINTER ((int) colonia_id));
        }
      else
        colonia_id = GPOINTER_TO_INT (id_p);

      sqlite3_bind_text (stmt, 1, colonia, -1, SQLITE_STATIC);
      if (colonia_id > 0)
        sqlite3_bind_int64 (stmt, 2, colonia_id);
      else
        sqlite3_bind_null (stmt, 2);
      sqlite3_bind_int (stmt, 3, atoi (g_ptr_array_index (row, col[YEAR])));
      sqlite3_bind_int (stmt, 4, atoi (g_ptr_array_index (row, col[QUARTER])));
      sqlite3_bind_int64 (stmt, 5, delito_id);
      sqlite3_bind_int64 (stmt, 6, g_ascii_strtoll (g_ptr_array_index (row, col[COUNT]), NULL, 10));
      if (!usga_db_step_done (im->db, stmt, "incident_quarterly", error))
        return FALSE;
      if (++n % 10000 == 0)
        report (im, weight * 10000 / 85197, _("Loading 2019–2024 quarterly counts…"));
    }
  return error == NULL || *error == NULL;
}

static gboolean
load_baseline (Import *im, GError **error)
{
  g_autofree char *path = usga_data_path ("report_baseline.csv");
  enum { CATEGORY, LABEL, FROM, TO, CHANGE, SOURCE, N_COLUMNS };
  const char *const columns[] = { "category", "label", "from_year", "to_year", "change_pct", "source_ref", NULL };
  int col[N_COLUMNS];
  g_autoptr(UsgaCsvReader) reader = usga_csv_reader_open_with_columns (path, columns, col, error);
  const GPtrArray *row;
  sqlite3_stmt *stmt;

  if (reader == NULL)
    return FALSE;
  stmt = usga_db_prepare (im->db,
      "INSERT INTO report_baseline (category, label, from_year, to_year, change_pct, source_ref)"
      " VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  while ((row = usga_csv_reader_next (reader, error)) != NULL)
    {
      if (row->len < N_COLUMNS)
        continue;
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (row, col[CATEGORY]), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (row, col[LABEL]), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, atoi (g_ptr_array_index (row, col[FROM])));
      sqlite3_bind_int (stmt, 4, atoi (g_ptr_array_index (row, col[TO])));
      sqlite3_bind_double (stmt, 5, g_ascii_strtod (g_ptr_array_index (row, col[CHANGE]), NULL));
      sqlite3_bind_text (stmt, 6, g_ptr_array_index (row, col[SOURCE]), -1, SQLITE_STATIC);
      if (!usga_db_step_done (im->db, stmt, "report_baseline", error))
        return FALSE;
    }
  return error == NULL || *error == NULL;
}

static const struct {
  const char *id, *source, *license, *vintage;
} datasets[] = {
  { "carpetas", N_("FGJ-CDMX carpetas de investigación (datos.cdmx.gob.mx, resource 48fcb848), 2024 geolocated Iztapalapa points via jjsantos01/delitos-colonias"),
    "CC-BY-4.0 (Portal de Datos Abiertos CDMX)", "carpetasFGJ_acumulado_2025_01.csv" },
  { "carpetas_quarterly", N_("FGJ-CDMX carpetas de investigación, per colonia × quarter × delito, 2019–2024, via jjsantos01/delitos-colonias"),
    "CC-BY-4.0 (Portal de Datos Abiertos CDMX)", "carpetasFGJ_acumulado_2025_01.csv" },
  { "colonias", N_("IECM colonias (Marco Geográfico de Participación Ciudadana) with 2020 census population, via diegovalle/hoyodecrimen.clean"),
    "CC-BY-4.0", "colonias_iecm.gpkg (2020 population)" },
  { "cuadrantes", N_("SSC-CDMX police cuadrantes, via CentroGeo/criminologia_cdmx; 2023 population via diegovalle/hoyodecrimen.clean"),
    "Apache-2.0 (CentroGeo) / CC-BY-4.0", "criminologia_capas.gpkg (2022), cuadrantes_population_2023" },
  { "alcaldias", N_("INEGI Marco Geoestadístico, via omarhdezh/cdmx-crime-map"), "MIT (repository); INEGI open data", "alcaldias_high.json" },
  { "utopias", N_("Alcaldía Iztapalapa UTOPÍAS (community layer), via marcomna/ServicioBecario"), "MIT (repository)", "Utopías.shp" },
};

static gboolean
record_datasets (Import *im, GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  sqlite3_stmt *stmt = usga_db_prepare (im->db,
      "INSERT OR REPLACE INTO dataset (id, source, license, vintage, origin, loaded_at) VALUES (?, ?, ?, ?, 'bundled', ?)",
      error);
  sqlite3_stmt *log;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (datasets); i++)
    {
      sqlite3_bind_text (stmt, 1, datasets[i].id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, datasets[i].source, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, datasets[i].license, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, datasets[i].vintage, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, stamp, -1, SQLITE_STATIC);
      if (!usga_db_step_done (im->db, stmt, "dataset", error))
        return FALSE;
    }

  log = usga_db_prepare (im->db,
      "INSERT INTO sync_log (dataset, kind, started_at, finished_at, status, rows_added, vintage, message)"
      " VALUES ('carpetas', 'bundled', ?1, ?1, 'ok', (SELECT count(*) FROM incident), ?2, 'bundled snapshot')", error);
  if (log == NULL)
    return FALSE;
  sqlite3_bind_text (log, 1, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_text (log, 2, datasets[0].vintage, -1, SQLITE_STATIC);
  return usga_db_step_done (im->db, log, "sync_log", error) &&
         /* The bundled points are every carpeta FGJ geolocated in Iztapalapa in 2024. */
         usga_coverage_add (im->db, USGA_COVERAGE_CARPETAS, "2024-01-01", "2024-12-31",
                            "bundled", "bundled 2024 geolocated carpetas", error) &&
         usga_db_meta_set (im->db, "bundled_loaded_at", stamp, error);
}

gboolean
usga_bundled_import (UsgaDb *db, UsgaProgressFunc progress, gpointer user_data, GError **error)
{
  Import im = { db, progress, user_data, 0 };
  g_autofree char *rules = usga_data_path ("delito_categories.csv");
  g_autofree char *recommendations = usga_data_path ("recommendations.json");

  if (usga_db_is_populated (db))
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("The database “%s” already holds data; nothing was imported."), usga_db_path (db));
      return FALSE;
    }

  if (!usga_db_begin (db, error))
    return FALSE;

  report (&im, 0, _("Preparing the database…"));
  if (!usga_categories_seed (db, error) ||
      !usga_delito_rules_load (db, rules, error))
    goto fail;
  report (&im, 0.02, _("Loading the alcaldía outline…"));
  if (!load_alcaldia (&im, error))
    goto fail;
  report (&im, 0.05, _("Loading colonias…"));
  if (!load_colonias (&im, error))
    goto fail;
  report (&im, 0.05, _("Loading police cuadrantes…"));
  if (!load_cuadrantes (&im, error) || !load_utopias (&im, error))
    goto fail;
  report (&im, 0.03, _("Loading 2024 carpetas…"));
  if (!load_points (&im, 0.45, error))
    goto fail;
  if (!derive_aliases (&im, error))
    goto fail;
  report (&im, 0.05, _("Loading 2019–2024 quarterly counts…"));
  if (!load_quarterly (&im, 0.25, error) || !usga_colonia_history_build (db, error))
    goto fail;
  if (!load_baseline (&im, error) ||
      (g_file_test (recommendations, G_FILE_TEST_EXISTS) &&
       !usga_recommendations_load_bundled (db, recommendations, error)) ||
      !record_datasets (&im, error))
    goto fail;
  report (&im, 0, _("Saving…"));
  if (!usga_db_commit (db, error))
    goto fail;
  usga_db_exec (db, "ANALYZE", NULL);
  im.done = 1;
  report (&im, 0, _("Done"));
  return TRUE;

fail:
  usga_db_rollback (db);
  g_prefix_error (error, _("Loading the bundled data failed, nothing was saved: "));
  return FALSE;
}
