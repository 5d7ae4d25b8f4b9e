/* usga-tile-data-source.h — raster tiles fetched with our own SoupSession, so requests carry
 * the app's User-Agent (libshumate 1.0.3 on libsoup 3 always sends its own), cached in a
 * ShumateFileCache with the OSM policy's 7-day freshness and ETag revalidation.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

/* Identifies the application to tile servers, as the OSM tile usage policy requires. */
#define USGA_TILE_USER_AGENT "USGA-Dashboard/" PACKAGE_VERSION " (org.usga.Dashboard; +https://www.iztapalapa.cdmx.gob.mx)"
/* Cached tiles younger than this are used without asking the server. */
#define USGA_TILE_FRESH_SECONDS (7 * 24 * 3600)

#define USGA_TYPE_TILE_DATA_SOURCE (usga_tile_data_source_get_type ())
G_DECLARE_FINAL_TYPE (UsgaTileDataSource, usga_tile_data_source, USGA, TILE_DATA_SOURCE, ShumateDataSource)

/* @url_template has {x}, {y}, {z} (and optionally {tmsy}); @cache_dir NULL means the user cache. */
UsgaTileDataSource *usga_tile_data_source_new          (const char *url_template, const char *cache_dir);
/* TRUE after a tile request failed for lack of network and no cached copy existed;
 * FALSE again once a tile arrives. Notifies "offline". */
gboolean            usga_tile_data_source_get_offline  (UsgaTileDataSource *self);
/* Requests sent to the server so far (for tests: fresh cache hits send none). */
guint               usga_tile_data_source_get_n_requests (UsgaTileDataSource *self);

G_END_DECLS
