/* usga-recommendations.h — the report's recommendations as loaded into the database.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-db.h"

G_BEGIN_DECLS

/* Loads data/recommendations.json: the 109 (kind "mayor") plus the items that do not count. */
gboolean usga_recommendations_load_bundled (UsgaDb *db, const char *path, GError **error);

G_END_DECLS
