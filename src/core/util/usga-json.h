/* usga-json.h — reading JSON we did not write (imported files, portal answers) safely.
 *
 * json-glib parses recursively and has no depth limit: 200 000 nested "[" overflow the stack.
 * Every untrusted document goes through usga_json_parse() or usga_json_load_file(), which
 * first bound its size and nesting with one cheap pass (strings and their escapes skipped),
 * and refuse with a message that says which limit was hit and where.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deep enough for any GeoJSON (a MultiPolygon in a FeatureCollection nests 8 levels), a CKAN
 * answer or a tracker export; shallow enough for json-glib on any thread's stack. */
#define USGA_JSON_MAX_DEPTH 256
/* Files and answers larger than this are refused before parsing (the bundled GeoJSON files
 * are a few MiB uncompressed). */
#define USGA_JSON_MAX_BYTES (256 * 1024 * 1024)

#define USGA_JSON_ERROR (usga_json_error_quark ())
typedef enum {
  USGA_JSON_ERROR_TOO_DEEP,
  USGA_JSON_ERROR_TOO_LARGE,
} UsgaJsonError;
GQuark      usga_json_error_quark (void);

/* The pre-scan alone: FALSE with USGA_JSON_ERROR_TOO_DEEP / _TOO_LARGE. It does not check
 * that @data is valid JSON (the parser does), only that parsing it is safe. */
gboolean    usga_json_check (const char *data, gsize length, guint max_depth, gsize max_bytes,
                             GError **error);

/* Checks with the default limits, then parses. Returns the root (a new reference). */
JsonNode   *usga_json_parse (const char *data, gsize length, GError **error);

/* Loads (optionally .gz-compressed) JSON, with the same limits; errors name the file. */
JsonNode   *usga_json_load_file (const char *path, GError **error);

/* A string member of @object, or NULL when absent or not a string. */
const char *usga_json_member_string (JsonObject *object, const char *name);
/* Likewise for an object, an array or a whole number member: a portal's answer may have any
 * type where another is expected, and json-glib's getters only warn on the wrong one. */
JsonObject *usga_json_member_object (JsonObject *object, const char *name);
JsonArray  *usga_json_member_array  (JsonObject *object, const char *name);
gint64      usga_json_member_int    (JsonObject *object, const char *name, gint64 fallback);
/* Element @index of @array when it is an object, else NULL. */
JsonObject *usga_json_array_object  (JsonArray *array, guint index);

G_END_DECLS
