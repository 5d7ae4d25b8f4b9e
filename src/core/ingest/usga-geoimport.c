/* usga-geoimport.c — GeoJSON through json-glib; KML and GPX through GMarkup, which reads
 * the XML subset both formats use. Namespace prefixes (kml:, gpx:) are ignored.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "usga-corridors.h"
#include "usga-geoimport.h"
#include "usga-json.h"

static void
feature_free (gpointer data)
{
  UsgaGeoFeature *f = data;

  g_free (f->type);
  g_clear_pointer (&f->geometry, usga_geometry_free);
  g_hash_table_unref (f->props);
  g_free (f->properties_json);
  g_free (f);
}

static UsgaGeoFeature *
feature_new (GPtrArray *features, const char *format)
{
  UsgaGeoFeature *f = g_new0 (UsgaGeoFeature, 1);

  f->index = features->len + 1;
  f->format = format;
  f->props = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_ptr_array_add (features, f);
  return f;
}

/* Properties as JSON, for the record, from the string table (KML, GPX). */
static void
feature_props_to_json (UsgaGeoFeature *f)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GHashTableIter iter;
  gpointer key, value;

  json_builder_begin_object (b);
  g_hash_table_iter_init (&iter, f->props);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (b, key);
      json_builder_add_string_value (b, value);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  f->properties_json = json_to_string (root, FALSE);
}

/* --- GeoJSON ------------------------------------------------------------ */

static gboolean
geojson_feature (GPtrArray *features, JsonNode *node, GError **error)
{
  UsgaGeoFeature *f = feature_new (features, "geojson");
  JsonObject *obj, *geometry_obj;
  JsonNode *geometry, *props;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_MALFORMED,
                   _("feature %u is not a JSON object"), f->index);
      return FALSE;
    }
  obj = json_node_get_object (node);
  geometry = json_object_get_member (obj, "geometry");
  if (geometry == NULL || !JSON_NODE_HOLDS_OBJECT (geometry))
    {
      g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_GEOMETRY,
                   _("feature %u has no geometry"), f->index);
      return FALSE;
    }
  geometry_obj = json_node_get_object (geometry);
  /* "type" may be any JSON value in a hostile file: only a string counts. */
  f->type = g_strdup (usga_json_member_string (geometry_obj, "type") ? usga_json_member_string (geometry_obj, "type") : "?");
  f->geometry = usga_geometry_new_from_json (geometry, error);
  if (f->geometry == NULL)
    {
      /* Re-tag: a bad coordinate list is a malformed file, not a database error. */
      if (error && *error)
        {
          (*error)->domain = USGA_GEO_IMPORT_ERROR;
          (*error)->code = USGA_GEO_IMPORT_ERROR_MALFORMED;
        }
      g_prefix_error (error, _("feature %u: "), f->index);
      return FALSE;
    }

  props = json_object_get_member (obj, "properties");
  if (props && JSON_NODE_HOLDS_OBJECT (props))
    {
      JsonObject *p = json_node_get_object (props);
      g_autoptr(GList) members = json_object_get_members (p);

      for (GList *l = members; l; l = l->next)
        {
          JsonNode *v = json_object_get_member (p, l->data);
          char *text = NULL;

          if (JSON_NODE_HOLDS_VALUE (v))
            switch (json_node_get_value_type (v))
              {
              case G_TYPE_STRING:  text = g_strdup (json_node_get_string (v)); break;
              case G_TYPE_INT64:   text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (v)); break;
              case G_TYPE_BOOLEAN: text = g_strdup (json_node_get_boolean (v) ? "true" : "false"); break;
              case G_TYPE_DOUBLE:
                text = g_malloc (G_ASCII_DTOSTR_BUF_SIZE);
                g_ascii_dtostr (text, G_ASCII_DTOSTR_BUF_SIZE, json_node_get_double (v));
                break;
              default: break;
              }
          else if (JSON_NODE_HOLDS_ARRAY (v))
            {
              /* Lists (e.g. services) become "a, b, c". */
              JsonArray *a = json_node_get_array (v);
              GString *s = g_string_new (NULL);
              for (guint i = 0; i < json_array_get_length (a); i++)
                {
                  JsonNode *e = json_array_get_element (a, i);
                  if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING)
                    g_string_append_printf (s, "%s%s", s->len ? ", " : "", json_node_get_string (e));
                }
              text = g_string_free (s, FALSE);
            }
          if (text)
            g_hash_table_insert (f->props, g_strdup (l->data), text);
        }
      f->properties_json = json_to_string (props, FALSE);
    }
  return TRUE;
}

static gboolean
read_geojson (GPtrArray *features, const char *data, gsize len, GError **error)
{
  g_autoptr(JsonNode) top = usga_json_parse (data, len, error);
  JsonObject *root;
  const char *type;

  if (top == NULL)
    {
      gboolean refused = error && *error && (*error)->domain == USGA_JSON_ERROR;

      if (error && *error)
        {
          (*error)->domain = USGA_GEO_IMPORT_ERROR;
          (*error)->code = USGA_GEO_IMPORT_ERROR_MALFORMED;
        }
      if (!refused)
        g_prefix_error (error, _("not valid JSON: "));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (top))
    {
      g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_MALFORMED,
                   _("not GeoJSON: the top level is not an object"));
      return FALSE;
    }
  root = json_node_get_object (top);
  type = usga_json_member_string (root, "type") ? usga_json_member_string (root, "type") : "";
  if (g_str_equal (type, "FeatureCollection"))
    {
      JsonNode *list = json_object_get_member (root, "features");
      JsonArray *array;

      if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
        {
          g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_MALFORMED,
                       _("the FeatureCollection has no “features” list"));
          return FALSE;
        }
      array = json_node_get_array (list);
      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!geojson_feature (features, json_array_get_element (array, i), error))
          return FALSE;
      return TRUE;
    }
  if (g_str_equal (type, "Feature"))
    return geojson_feature (features, top, error);
  if (json_object_has_member (root, "coordinates"))
    {
      /* A bare geometry: wrap it as a feature without properties. */
      g_autoptr(JsonNode) wrapper = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonObject) obj = json_object_new ();
      json_object_set_member (obj, "geometry", json_node_copy (top));
      json_node_set_object (wrapper, obj);
      return geojson_feature (features, wrapper, error);
    }
  g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_MALFORMED,
               _("not GeoJSON: unknown type “%s”"), type);
  return FALSE;
}

/* --- KML and GPX -------------------------------------------------------- */

typedef struct {
  GPtrArray      *features;
  const char     *format;
  UsgaGeoFeature *current;
  GArray         *part;        /* UsgaLonLat of the line being read */
  GArray         *parts;       /* GArray* of finished parts */
  const char     *kind;        /* "Point", "LineString", "Polygon" seen in the current feature */
  GString        *text;
  char           *data_name;   /* KML <Data name=...> */
} XmlState;

static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');
  return colon ? colon + 1 : name;
}

static const char *
parent_name (GMarkupParseContext *context)
{
  const GSList *stack = g_markup_parse_context_get_element_stack (context);
  return stack && stack->next ? local_name (stack->next->data) : "";
}

static gboolean
parse_coordinate (const char *lon_text, const char *lat_text, UsgaLonLat *p, GError **error)
{
  char *end1 = NULL, *end2 = NULL;

  p->lon = lon_text ? g_ascii_strtod (lon_text, &end1) : NAN;
  p->lat = lat_text ? g_ascii_strtod (lat_text, &end2) : NAN;
  if (!lon_text || !lat_text || end1 == lon_text || end2 == lat_text || !isfinite (p->lon) ||
      !isfinite (p->lat) || fabs (p->lon) > 180 || fabs (p->lat) > 90)
    {
      g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_MALFORMED,
                   _("“%s, %s” is not a longitude/latitude"), lon_text ? lon_text : "", lat_text ? lat_text : "");
      return FALSE;
    }
  return TRUE;
}

static void
finish_part (XmlState *st)
{
  if (st->part && st->part->len > 0)
    g_ptr_array_add ((GPtrArray *) st->parts, g_steal_pointer (&st->part));
  g_clear_pointer (&st->part, g_array_unref);
}

static void
begin_feature (XmlState *st)
{
  st->current = feature_new (st->features, st->format);
  st->kind = NULL;
}

static void
end_feature (XmlState *st)
{
  GPtrArray *parts = (GPtrArray *) st->parts;
  UsgaGeoFeature *f = st->current;

  finish_part (st);
  if (st->kind && parts->len > 0)
    {
      gboolean points = g_str_equal (st->kind, "Point");
      f->geometry = usga_geometry_new (points ? USGA_GEOMETRY_POINTS : USGA_GEOMETRY_LINES);
      for (guint i = 0; i < parts->len; i++)
        {
          GArray *a = g_ptr_array_index (parts, i);
          usga_geometry_add_part (f->geometry, (UsgaLonLat *) a->data, a->len);
        }
      usga_geometry_close (f->geometry);
      f->type = g_strdup (points ? (parts->len > 1 ? "MultiPoint" : "Point")
                                 : (parts->len > 1 ? "MultiLineString" : "LineString"));
    }
  else
    f->type = g_strdup (st->kind ? st->kind : _("feature without geometry"));
  g_ptr_array_set_size (parts, 0);
  feature_props_to_json (f);
  st->current = NULL;
}

static void
xml_start (GMarkupParseContext *context, const char *element, const char **names, const char **values,
           gpointer user_data, GError **error)
{
  XmlState *st = user_data;
  const char *name = local_name (element);

  g_string_truncate (st->text, 0);
  if (g_str_equal (st->format, "kml"))
    {
      if (g_str_equal (name, "Placemark"))
        begin_feature (st);
      else if (st->current == NULL)
        return;
      else if (g_str_equal (name, "LineString") || g_str_equal (name, "Point"))
        {
          /* A line wins over points in a MultiGeometry; polygons are not read. */
          if (st->kind == NULL || g_str_equal (name, "LineString"))
            st->kind = g_str_equal (name, "LineString") ? "LineString" : "Point";
        }
      else if (g_str_equal (name, "Polygon") && st->kind == NULL)
        st->kind = "Polygon";
      else if (g_str_equal (name, "Data") || g_str_equal (name, "SimpleData"))
        {
          const char *data_name = NULL;
          for (guint i = 0; names[i]; i++)
            if (g_str_equal (names[i], "name"))
              data_name = values[i];
          g_free (st->data_name);
          st->data_name = g_strdup (data_name);
        }
      return;
    }

  /* GPX */
  if (g_str_equal (name, "trk") || g_str_equal (name, "rte") || g_str_equal (name, "wpt"))
    {
      begin_feature (st);
      st->kind = g_str_equal (name, "wpt") ? "Point" : "LineString";
    }
  if (g_str_equal (name, "trkseg") || g_str_equal (name, "rte"))
    {
      finish_part (st);
      st->part = g_array_new (FALSE, FALSE, sizeof (UsgaLonLat));
    }
  if (g_str_equal (name, "wpt"))
    st->part = g_array_new (FALSE, FALSE, sizeof (UsgaLonLat));
  if (g_str_equal (name, "trkpt") || g_str_equal (name, "rtept") || g_str_equal (name, "wpt"))
    {
      const char *lat = NULL, *lon = NULL;
      UsgaLonLat p;

      for (guint i = 0; names[i]; i++)
        {
          if (g_str_equal (names[i], "lat"))
            lat = values[i];
          else if (g_str_equal (names[i], "lon"))
            lon = values[i];
        }
      if (st->part == NULL)
        return;
      if (!parse_coordinate (lon, lat, &p, error))
        return;
      g_array_append_val (st->part, p);
    }
}

static gboolean
parse_kml_coordinates (XmlState *st, const char *text, GError **error)
{
  g_auto(GStrv) tuples = g_regex_split_simple ("\\s+", text, 0, 0);

  finish_part (st);
  st->part = g_array_new (FALSE, FALSE, sizeof (UsgaLonLat));
  for (guint i = 0; tuples[i]; i++)
    {
      g_auto(GStrv) xyz = NULL;
      UsgaLonLat p;

      if (*tuples[i] == '\0')
        continue;
      xyz = g_strsplit (tuples[i], ",", 3);
      if (!parse_coordinate (xyz[0], xyz[0] ? xyz[1] : NULL, &p, error))
        return FALSE;
      g_array_append_val (st->part, p);
    }
  finish_part (st);
  return TRUE;
}

static void
xml_end (GMarkupParseContext *context, const char *element, gpointer user_data, GError **error)
{
  XmlState *st = user_data;
  const char *name = local_name (element);
  g_autofree char *text = g_strstrip (g_strdup (st->text->str));

  g_string_truncate (st->text, 0);
  if (st->current == NULL)
    return;
  if (g_str_equal (st->format, "kml"))
    {
      const char *parent = parent_name (context);

      if (g_str_equal (name, "Placemark"))
        end_feature (st);
      else if (g_str_equal (name, "coordinates") &&
               (g_str_equal (parent, "LineString") || g_str_equal (parent, "Point")))
        {
          /* Points in a line's MultiGeometry are ignored once a line is known. */
          if (g_str_equal (parent, "LineString") || g_strcmp0 (st->kind, "Point") == 0)
            parse_kml_coordinates (st, text, error);
        }
      else if (g_str_equal (name, "name") && g_str_equal (parent, "Placemark"))
        g_hash_table_insert (st->current->props, g_strdup ("name"), g_steal_pointer (&text));
      else if (g_str_equal (name, "description") && g_str_equal (parent, "Placemark"))
        g_hash_table_insert (st->current->props, g_strdup ("description"), g_steal_pointer (&text));
      else if ((g_str_equal (name, "value") || g_str_equal (name, "SimpleData")) && st->data_name)
        g_hash_table_insert (st->current->props, g_strdup (st->data_name), g_steal_pointer (&text));
      return;
    }

  if (g_str_equal (name, "trk") || g_str_equal (name, "rte") || g_str_equal (name, "wpt"))
    end_feature (st);
  else if (g_str_equal (name, "trkseg"))
    finish_part (st);
  else if ((g_str_equal (name, "name") || g_str_equal (name, "desc") || g_str_equal (name, "type")) &&
           (g_str_equal (parent_name (context), "trk") || g_str_equal (parent_name (context), "rte") ||
            g_str_equal (parent_name (context), "wpt")))
    g_hash_table_insert (st->current->props, g_strdup (name), g_steal_pointer (&text));
}

static void
xml_text (GMarkupParseContext *context, const char *text, gsize len, gpointer user_data, GError **error)
{
  g_string_append_len (((XmlState *) user_data)->text, text, len);
}

static gboolean
read_xml (GPtrArray *features, const char *format, const char *data, gsize len, GError **error)
{
  static const GMarkupParser parser = { xml_start, xml_end, xml_text, NULL, NULL };
  XmlState st = { features, format, NULL, NULL, NULL, NULL, g_string_new (NULL), NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  gboolean ok;

  st.parts = (GArray *) g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT | G_MARKUP_IGNORE_QUALIFIED, &st, NULL);
  ok = g_markup_parse_context_parse (context, data, len, error) &&
       g_markup_parse_context_end_parse (context, error);
  if (!ok && error && *error && (*error)->domain == G_MARKUP_ERROR)
    {
      (*error)->domain = USGA_GEO_IMPORT_ERROR;
      (*error)->code = USGA_GEO_IMPORT_ERROR_MALFORMED;
      g_prefix_error (error, _("not valid %s: "), g_str_equal (format, "kml") ? "KML" : "GPX");
    }
  else if (!ok && error && *error)
    g_prefix_error (error, _("feature %u: "), features->len);
  g_clear_pointer (&st.part, g_array_unref);
  g_ptr_array_unref ((GPtrArray *) st.parts);
  g_string_free (st.text, TRUE);
  g_free (st.data_name);
  return ok;
}

GPtrArray *
usga_geo_features_read (const char *path, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GPtrArray) features = g_ptr_array_new_with_free_func (feature_free);
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *p;
  gsize len = 0;
  gboolean ok;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_READ,
                   _("“%s” cannot be read: %s"), display, local_error->message);
      return NULL;
    }
  if (g_file_info_get_size (info) > USGA_GEO_IMPORT_MAX_BYTES)
    {
      g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” is too large (%d MB); the limit is %d MB"), display,
                   (int) (g_file_info_get_size (info) / (1024 * 1024)), USGA_GEO_IMPORT_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &len, &local_error))
    {
      g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_READ,
                   _("“%s” cannot be read: %s"), display, local_error->message);
      return NULL;
    }
  if (!g_utf8_validate (data, len, NULL))
    {
      g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_MALFORMED,
                   _("“%s” is not UTF-8 text"), display);
      return NULL;
    }

  p = data;
  if (len >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  while (*p && g_ascii_isspace (*p))
    p++;
  if (*p == '{')
    ok = read_geojson (features, p, len - (p - data), &local_error);
  else if (*p == '<' && strstr (p, "<kml") != NULL)
    ok = read_xml (features, "kml", p, len - (p - data), &local_error);
  else if (*p == '<' && strstr (p, "<gpx") != NULL)
    ok = read_xml (features, "gpx", p, len - (p - data), &local_error);
  else
    {
      g_set_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_MALFORMED,
                   _("“%s” is not GeoJSON, KML or GPX"), display);
      return NULL;
    }
  if (!ok)
    {
      g_set_error (error, USGA_GEO_IMPORT_ERROR, local_error->domain == USGA_GEO_IMPORT_ERROR ? local_error->code
                                                                                             : USGA_GEO_IMPORT_ERROR_MALFORMED,
                   "“%s”: %s", display, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&features);
}

const char *
usga_geo_feature_prop (GHashTable *props, const char *const *names)
{
  for (guint i = 0; names[i]; i++)
    {
      const char *v = g_hash_table_lookup (props, names[i]);
      if (v && *v)
        return v;
    }
  return NULL;
}
