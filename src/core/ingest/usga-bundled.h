/* usga-bundled.h — filling an empty database from the real data shipped with the app.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-db.h"
#include "usga-paths.h"

G_BEGIN_DECLS

typedef void (*UsgaProgressFunc) (double fraction, const char *message, gpointer user_data);

/* Where the bundled files are: usga_paths_data_dir(). */
const char *usga_data_dir (void);
char       *usga_data_path (const char *name);

/* Loads everything in one transaction: either the whole snapshot is there or nothing is. */
gboolean    usga_bundled_import (UsgaDb           *db,
                                 UsgaProgressFunc  progress,
                                 gpointer          user_data,
                                 GError          **error);

G_END_DECLS
