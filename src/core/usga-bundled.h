/* usga-bundled.h — filling an empty database from the real data shipped with the app.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <json-glib/json-glib.h>
#include "usga-db.h"
#include "usga-paths.h"

G_BEGIN_DECLS

typedef void (*UsgaProgressFunc) (double fraction, const char *message, gpointer user_data);

/* Where the bundled files are: usga_paths_data_dir(). */
const char *usga_data_dir (void);
char       *usga_data_path (const char *name);

/* A string member of @object, or NULL when absent or not a string. */
const char *usga_json_member_string (JsonObject *object, const char *name);

/* Loads (optionally .gz-compressed) JSON. */
JsonNode   *usga_json_load_file (const char *path, GError **error);

/* Loads everything in one transaction: either the whole snapshot is there or nothing is. */
gboolean    usga_bundled_import (UsgaDb           *db,
                                 UsgaProgressFunc  progress,
                                 gpointer          user_data,
                                 GError          **error);

G_END_DECLS
