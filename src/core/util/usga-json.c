/* usga-json.c — see usga-json.h.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "usga-csv.h"
#include "usga-json.h"

G_DEFINE_QUARK (usga-json-error-quark, usga_json_error)

gboolean
usga_json_check (const char *data, gsize length, guint max_depth, gsize max_bytes, GError **error)
{
  guint depth = 0, line = 1;
  gboolean in_string = FALSE;

  if (length > max_bytes)
    {
      g_set_error (error, USGA_JSON_ERROR, USGA_JSON_ERROR_TOO_LARGE,
                   _("the JSON is %lu MiB, more than the %lu MiB this reads"),
                   (unsigned long) (length >> 20), (unsigned long) (max_bytes >> 20));
      return FALSE;
    }
  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          /* Brackets inside strings do not nest; an escaped quote does not end the string. */
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          else if (c == '\n')
            line++;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            {
              g_set_error (error, USGA_JSON_ERROR, USGA_JSON_ERROR_TOO_DEEP,
                           _("the JSON nests more than %u levels deep (line %u); it is not read"),
                           max_depth, line);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          /* Unbalanced closing brackets are the parser's to report. */
          if (depth > 0)
            depth--;
          break;
        case '\n':
          line++;
          break;
        default:
          break;
        }
    }
  return TRUE;
}

JsonNode *
usga_json_parse (const char *data, gsize length, GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (!usga_json_check (data, length, USGA_JSON_MAX_DEPTH, USGA_JSON_MAX_BYTES, error))
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, _("the JSON is empty"));
      return NULL;
    }
  return json_node_ref (root);
}

/* The whole (decompressed) stream, refusing more than @max bytes: a small .gz can hold a lot. */
static GBytes *
read_bounded (GInputStream *stream, gsize max, GError **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 chunk[65536];

  for (;;)
    {
      gssize n = g_input_stream_read (stream, chunk, sizeof chunk, NULL, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (bytes->len + (gsize) n > max)
        {
          g_set_error (error, USGA_JSON_ERROR, USGA_JSON_ERROR_TOO_LARGE,
                       _("the JSON is more than the %lu MiB this reads"), (unsigned long) (max >> 20));
          return NULL;
        }
      g_byte_array_append (bytes, chunk, n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

JsonNode *
usga_json_load_file (const char *path, GError **error)
{
  g_autoptr(GInputStream) stream = usga_open_file_stream (path, error);
  g_autoptr(GBytes) bytes = NULL;
  JsonNode *root;
  gsize size;
  const char *data;

  if (stream == NULL)
    return NULL;
  bytes = read_bounded (stream, USGA_JSON_MAX_BYTES, error);
  if (bytes == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &size);
  root = usga_json_parse (data ? data : "", size, error);
  if (root == NULL)
    g_prefix_error (error, "%s: ", path);
  return root;
}

const char *
usga_json_member_string (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
usga_json_member_object (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
usga_json_member_array (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

gint64
usga_json_member_int (JsonObject *object, const char *name, gint64 fallback)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (node);
}

JsonObject *
usga_json_array_object (JsonArray *array, guint index)
{
  JsonNode *node = array && index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}
