/* usga-geo.c — geometry helpers in plain C, no GIS library needed for our scale.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "usga-geo.h"
#include "usga-db.h"
#include "usga-json.h"

#define EARTH_RADIUS_M 6371008.8

UsgaGeometry *
usga_geometry_new (UsgaGeometryKind kind)
{
  UsgaGeometry *g = g_new0 (UsgaGeometry, 1);

  g->kind = kind;
  g->points = g_array_new (FALSE, FALSE, sizeof (UsgaLonLat));
  g->ring_start = g_array_new (FALSE, FALSE, sizeof (guint));
  g->min_lon = g->min_lat = G_MAXDOUBLE;
  g->max_lon = g->max_lat = -G_MAXDOUBLE;
  return g;
}

void
usga_geometry_free (UsgaGeometry *geometry)
{
  if (geometry == NULL)
    return;
  g_array_unref (geometry->points);
  g_array_unref (geometry->ring_start);
  g_free (geometry);
}

guint
usga_geometry_n_rings (const UsgaGeometry *geometry)
{
  return geometry->ring_start->len - 1;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_DOUBLE || type == G_TYPE_INT64;
}

static gboolean
add_position (UsgaGeometry *g, JsonNode *node, GError **error)
{
  JsonArray *pos;
  UsgaLonLat p;

  /* Both must be numbers: json-glib reads anything else as 0 (and a list with a critical). */
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (pos = json_node_get_array (node)) < 2 ||
      !node_is_number (json_array_get_element (pos, 0)) || !node_is_number (json_array_get_element (pos, 1)))
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("a coordinate is not a [longitude, latitude] pair"));
      return FALSE;
    }
  p.lon = json_array_get_double_element (pos, 0);
  p.lat = json_array_get_double_element (pos, 1);
  if (!isfinite (p.lon) || !isfinite (p.lat) || fabs (p.lon) > 180 || fabs (p.lat) > 90)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("coordinate %g, %g is not a longitude/latitude"), p.lon, p.lat);
      return FALSE;
    }
  g_array_append_val (g->points, p);
  g->min_lon = MIN (g->min_lon, p.lon);
  g->max_lon = MAX (g->max_lon, p.lon);
  g->min_lat = MIN (g->min_lat, p.lat);
  g->max_lat = MAX (g->max_lat, p.lat);
  return TRUE;
}

/* depth 0: a position; 1: a list of positions (ring or line); 2: list of rings; 3: list of polygons */
static gboolean
add_nested (UsgaGeometry *g, JsonNode *node, int depth, GError **error)
{
  JsonArray *array;
  guint n;

  if (depth == 0)
    return add_position (g, node, error);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("“coordinates” is malformed"));
      return FALSE;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);

  if (depth == 1)
    {
      guint start = g->points->len;

      g_array_append_val (g->ring_start, start);
      for (guint i = 0; i < n; i++)
        if (!add_position (g, json_array_get_element (array, i), error))
          return FALSE;
      return TRUE;
    }

  for (guint i = 0; i < n; i++)
    if (!add_nested (g, json_array_get_element (array, i), depth - 1, error))
      return FALSE;
  return TRUE;
}

UsgaGeometry *
usga_geometry_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr(UsgaGeometry) g = NULL;
  JsonObject *obj;
  JsonNode *coords;
  const char *type;
  UsgaGeometryKind kind;
  int depth;
  guint sentinel;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("the feature has no geometry"));
      return NULL;
    }
  obj = json_node_get_object (node);
  /* Only a string "type" counts; json-glib returns NULL (with a critical) for anything else. */
  type = usga_json_member_string (obj, "type") ? usga_json_member_string (obj, "type") : "";
  coords = json_object_get_member (obj, "coordinates");

  if (g_str_equal (type, "Point"))
    kind = USGA_GEOMETRY_POINTS, depth = 0;
  else if (g_str_equal (type, "MultiPoint"))
    kind = USGA_GEOMETRY_POINTS, depth = 1;
  else if (g_str_equal (type, "LineString"))
    kind = USGA_GEOMETRY_LINES, depth = 1;
  else if (g_str_equal (type, "MultiLineString"))
    kind = USGA_GEOMETRY_LINES, depth = 2;
  else if (g_str_equal (type, "Polygon"))
    kind = USGA_GEOMETRY_POLYGONS, depth = 2;
  else if (g_str_equal (type, "MultiPolygon"))
    kind = USGA_GEOMETRY_POLYGONS, depth = 3;
  else
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("unsupported geometry type “%s”"), type);
      return NULL;
    }
  if (coords == NULL)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("the geometry has no coordinates"));
      return NULL;
    }

  g = usga_geometry_new (kind);
  if (depth == 0)
    {
      guint zero = 0;
      g_array_append_val (g->ring_start, zero);
    }
  if (!add_nested (g, coords, depth, error))
    return NULL;
  if (g->points->len == 0)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("the geometry is empty"));
      return NULL;
    }
  sentinel = g->points->len;
  g_array_append_val (g->ring_start, sentinel);
  return g_steal_pointer (&g);
}

UsgaGeometry *
usga_geometry_new_from_string (const char *geojson, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, geojson, -1, error))
    return NULL;
  return usga_geometry_new_from_json (json_parser_get_root (parser), error);
}

#define POINT_AT(g, i) (&g_array_index ((g)->points, UsgaLonLat, (i)))
#define RING_START(g, r) g_array_index ((g)->ring_start, guint, (r))

gboolean
usga_geometry_contains (const UsgaGeometry *g, double lon, double lat)
{
  gboolean inside = FALSE;

  if (g->kind != USGA_GEOMETRY_POLYGONS ||
      lon < g->min_lon || lon > g->max_lon || lat < g->min_lat || lat > g->max_lat)
    return FALSE;

  /* Even-odd over every ring: outer rings, holes and multipolygon parts in one pass. */
  for (guint r = 0; r + 1 < g->ring_start->len; r++)
    {
      guint start = RING_START (g, r), end = RING_START (g, r + 1);

      for (guint i = start, j = end - 1; i < end; j = i++)
        {
          const UsgaLonLat *a = POINT_AT (g, i), *b = POINT_AT (g, j);

          if (((a->lat > lat) != (b->lat > lat)) &&
              lon < (b->lon - a->lon) * (lat - a->lat) / (b->lat - a->lat) + a->lon)
            inside = !inside;
        }
    }
  return inside;
}

static double
ring_signed_area (const UsgaGeometry *g, guint r, double *cx, double *cy)
{
  guint start = RING_START (g, r), end = RING_START (g, r + 1);
  double area = 0, x = 0, y = 0;

  for (guint i = start, j = end - 1; i < end; j = i++)
    {
      const UsgaLonLat *a = POINT_AT (g, j), *b = POINT_AT (g, i);
      double cross = a->lon * b->lat - b->lon * a->lat;

      area += cross;
      x += (a->lon + b->lon) * cross;
      y += (a->lat + b->lat) * cross;
    }
  area /= 2;
  if (fabs (area) > 1e-15)
    {
      *cx = x / (6 * area);
      *cy = y / (6 * area);
    }
  else
    {
      *cx = POINT_AT (g, start)->lon;
      *cy = POINT_AT (g, start)->lat;
    }
  return area;
}

void
usga_geometry_label_point (const UsgaGeometry *g, double *lon, double *lat)
{
  double best = -1, cx, cy;

  *lon = (g->min_lon + g->max_lon) / 2;
  *lat = (g->min_lat + g->max_lat) / 2;

  if (g->kind != USGA_GEOMETRY_POLYGONS)
    {
      *lon = POINT_AT (g, g->points->len / 2)->lon;
      *lat = POINT_AT (g, g->points->len / 2)->lat;
      return;
    }

  for (guint r = 0; r + 1 < g->ring_start->len; r++)
    {
      double area = fabs (ring_signed_area (g, r, &cx, &cy));

      if (area > best)
        {
          best = area;
          *lon = cx;
          *lat = cy;
        }
    }

  /* Concave shapes can have their centroid outside; fall back to a scan line inside. */
  if (!usga_geometry_contains (g, *lon, *lat))
    {
      double y = *lat, xmin = G_MAXDOUBLE, xmax = -G_MAXDOUBLE;
      for (int step = 0; step <= 40 && xmin > xmax; step++)
        {
          /* Counted steps: a zero-width polygon (or a width lost in rounding) never advances x. */
          for (int i = 0; i <= 200; i++)
            {
              double x = g->min_lon + (g->max_lon - g->min_lon) * i / 200;
              if (usga_geometry_contains (g, x, y))
                xmin = MIN (xmin, x), xmax = MAX (xmax, x);
            }
          if (xmin > xmax)
            y = g->min_lat + (g->max_lat - g->min_lat) * (step + 1) / 41.0;
        }
      if (xmin <= xmax)
        {
          *lon = (xmin + xmax) / 2;
          *lat = y;
          if (!usga_geometry_contains (g, *lon, *lat))
            *lon = xmin;
        }
    }
}

/* A ring is a hole when its first vertex lies inside an odd number of the other rings. */
static gboolean
ring_is_hole (const UsgaGeometry *g, guint r)
{
  const UsgaLonLat *p = POINT_AT (g, RING_START (g, r));
  gboolean inside = FALSE;

  for (guint o = 0; o + 1 < g->ring_start->len; o++)
    {
      guint start = RING_START (g, o), end = RING_START (g, o + 1);

      if (o == r)
        continue;
      for (guint i = start, j = end - 1; i < end; j = i++)
        {
          const UsgaLonLat *a = POINT_AT (g, i), *b = POINT_AT (g, j);

          if (((a->lat > p->lat) != (b->lat > p->lat)) &&
              p->lon < (b->lon - a->lon) * (p->lat - a->lat) / (b->lat - a->lat) + a->lon)
            inside = !inside;
        }
    }
  return inside;
}

/* Sum over rings of |area| (minus for holes), and of |area| times the ring's centroid. */
static double
polygon_moments (const UsgaGeometry *g, double *mx, double *my)
{
  double total = 0;

  *mx = *my = 0;
  if (g->kind != USGA_GEOMETRY_POLYGONS)
    return 0;
  for (guint r = 0; r + 1 < g->ring_start->len; r++)
    {
      double cx, cy, area = fabs (ring_signed_area (g, r, &cx, &cy));

      if (RING_START (g, r + 1) - RING_START (g, r) < 3)
        continue;
      if (ring_is_hole (g, r))
        area = -area;
      total += area;
      *mx += area * cx;
      *my += area * cy;
    }
  return total;
}

double
usga_geometry_area (const UsgaGeometry *g)
{
  double mx, my;

  return polygon_moments (g, &mx, &my);
}

gboolean
usga_geometry_centroid (const UsgaGeometry *g, double *lon, double *lat)
{
  double mx, my, area = polygon_moments (g, &mx, &my);

  if (!(area > 0))
    {
      usga_geometry_label_point (g, lon, lat);
      return FALSE;
    }
  *lon = mx / area;
  *lat = my / area;
  return TRUE;
}

double
usga_haversine_m (double lon1, double lat1, double lon2, double lat2)
{
  double p1 = lat1 * G_PI / 180, p2 = lat2 * G_PI / 180;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2 * EARTH_RADIUS_M * asin (MIN (1.0, sqrt (a)));
}

double
usga_geometry_length_m (const UsgaGeometry *g)
{
  double total = 0;

  if (g->kind == USGA_GEOMETRY_POINTS)
    return 0;
  for (guint r = 0; r + 1 < g->ring_start->len; r++)
    for (guint i = RING_START (g, r) + 1; i < RING_START (g, r + 1); i++)
      total += usga_haversine_m (POINT_AT (g, i - 1)->lon, POINT_AT (g, i - 1)->lat,
                                 POINT_AT (g, i)->lon, POINT_AT (g, i)->lat);
  return total;
}

double
usga_geometry_distance_m (const UsgaGeometry *g, double lon, double lat)
{
  /* Local equirectangular metres around the query point: exact enough within a city. */
  double kx = cos (lat * G_PI / 180) * EARTH_RADIUS_M * G_PI / 180;
  double ky = EARTH_RADIUS_M * G_PI / 180;
  double best = G_MAXDOUBLE;

  for (guint r = 0; r + 1 < g->ring_start->len; r++)
    {
      guint start = RING_START (g, r), end = RING_START (g, r + 1);

      for (guint i = start; i < end; i++)
        {
          const UsgaLonLat *a = POINT_AT (g, i);
          const UsgaLonLat *b = POINT_AT (g, i + 1 < end ? i + 1 : i);
          double ax = (a->lon - lon) * kx, ay = (a->lat - lat) * ky;
          double bx = (b->lon - lon) * kx, by = (b->lat - lat) * ky;
          double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
          double t = len2 > 0 ? CLAMP (-(ax * dx + ay * dy) / len2, 0, 1) : 0;
          double px = ax + t * dx, py = ay + t * dy;

          best = MIN (best, sqrt (px * px + py * py));
        }
    }
  return best;
}

void
usga_mercator_project (double lon, double lat, double *x, double *y)
{
  double s = sin (CLAMP (lat, -85.05112878, 85.05112878) * G_PI / 180);

  *x = (lon + 180) / 360;
  *y = 0.5 - log ((1 + s) / (1 - s)) / (4 * G_PI);
}

void
usga_mercator_unproject (double x, double y, double *lon, double *lat)
{
  *lon = x * 360 - 180;
  *lat = 90 - 360 * atan (exp ((y - 0.5) * 2 * G_PI)) / G_PI;
}

gboolean
usga_lonlat_in_cdmx (double lon, double lat)
{
  return lon > -99.40 && lon < -98.90 && lat > 19.00 && lat < 19.65;
}

/* Parts are ring_start offsets; usga_geometry_close() adds the sentinel once, after the last part. */
void
usga_geometry_add_part (UsgaGeometry *g, const UsgaLonLat *points, guint n)
{
  guint start = g->points->len;

  g_array_append_val (g->ring_start, start);
  g_array_append_vals (g->points, points, n);
}

void
usga_geometry_close (UsgaGeometry *g)
{
  guint sentinel = g->points->len;

  if (g->ring_start->len == 0 || g_array_index (g->ring_start, guint, g->ring_start->len - 1) != sentinel)
    g_array_append_val (g->ring_start, sentinel);
  g->min_lon = g->min_lat = G_MAXDOUBLE;
  g->max_lon = g->max_lat = -G_MAXDOUBLE;
  for (guint i = 0; i < g->points->len; i++)
    {
      const UsgaLonLat *p = POINT_AT (g, i);
      g->min_lon = MIN (g->min_lon, p->lon);
      g->max_lon = MAX (g->max_lon, p->lon);
      g->min_lat = MIN (g->min_lat, p->lat);
      g->max_lat = MAX (g->max_lat, p->lat);
    }
}

UsgaGeometry *
usga_geometry_copy (const UsgaGeometry *g)
{
  UsgaGeometry *copy = usga_geometry_new (g->kind);

  g_array_append_vals (copy->points, g->points->data, g->points->len);
  g_array_append_vals (copy->ring_start, g->ring_start->data, g->ring_start->len);
  copy->min_lon = g->min_lon, copy->min_lat = g->min_lat;
  copy->max_lon = g->max_lon, copy->max_lat = g->max_lat;
  return copy;
}

static void
append_positions (GString *out, const UsgaGeometry *g, guint r)
{
  char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (out, '[');
  for (guint i = RING_START (g, r); i < RING_START (g, r + 1); i++)
    {
      /* Seven decimals is about a centimetre: round-trips what people draw and import. */
      g_ascii_formatd (lon, sizeof lon, "%.7f", POINT_AT (g, i)->lon);
      g_ascii_formatd (lat, sizeof lat, "%.7f", POINT_AT (g, i)->lat);
      g_string_append_printf (out, "%s[%s,%s]", i > RING_START (g, r) ? "," : "", lon, lat);
    }
  g_string_append_c (out, ']');
}

char *
usga_geometry_to_geojson (const UsgaGeometry *g)
{
  GString *out = g_string_new (NULL);
  guint n = usga_geometry_n_rings (g);
  const char *single = g->kind == USGA_GEOMETRY_LINES ? "LineString"
                     : g->kind == USGA_GEOMETRY_POINTS ? "MultiPoint" : "Polygon";
  const char *multi = g->kind == USGA_GEOMETRY_LINES ? "MultiLineString"
                    : g->kind == USGA_GEOMETRY_POINTS ? "MultiPoint" : "Polygon";

  g_string_append_printf (out, "{\"type\":\"%s\",\"coordinates\":", n == 1 ? single : multi);
  if (n == 1 && g->kind != USGA_GEOMETRY_POLYGONS)
    append_positions (out, g, 0);
  else
    {
      g_string_append_c (out, '[');
      for (guint r = 0; r < n; r++)
        {
          if (r > 0)
            g_string_append_c (out, ',');
          append_positions (out, g, r);
        }
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}
