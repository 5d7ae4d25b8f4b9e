/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include "usga-store.h"

G_BEGIN_DECLS

#define USGA_TYPE_MAP_PAGE (usga_map_page_get_type ())
G_DECLARE_FINAL_TYPE (UsgaMapPage, usga_map_page, USGA, MAP_PAGE, GtkWidget)

void usga_map_page_set_store (UsgaMapPage *self, UsgaStore *store);

/* Saves the map with its legend, the filters and the attribution (.png or .pdf). */
gboolean usga_map_page_export (UsgaMapPage *self, const char *path, GError **error);

/* Imports corridors (or, with @utopias, UTOPIAS centres) from a GeoJSON, KML or GPX file on
 * the store's writing thread, as the Import button's dialog does; a toast gives the count. */
void     usga_map_page_import_file (UsgaMapPage *self, const char *path, gboolean utopias);

/* For tests and screenshots. Layers: basemap, colonias, cuadrantes, sectors, incidents,
 * utopias, corridors; colour modes: count, rate, hotspots. */
void     usga_map_page_set_layer_visible (UsgaMapPage *self, const char *layer, gboolean visible);
void     usga_map_page_set_color_by      (UsgaMapPage *self, const char *mode);
gboolean usga_map_page_is_loaded         (UsgaMapPage *self);
gboolean usga_map_page_get_offline       (UsgaMapPage *self);
guint    usga_map_page_get_n_hotspots    (UsgaMapPage *self);
guint    usga_map_page_get_n_grid_hotspots (UsgaMapPage *self);
#include <shumate/shumate.h>
ShumateSimpleMap *usga_map_page_get_map  (UsgaMapPage *self);

G_END_DECLS
