/* usga-area-layer.h — many polygons (colonias, cuadrantes) or boundary lines (sectors)
 * drawn by one widget in one cairo pass: fills for a choropleth, outlines, labels,
 * and hit testing for popovers.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>
#include "usga-core.h"

G_BEGIN_DECLS

typedef struct {
  gint64        id;
  char         *name;
  UsgaGeometry *geometry;   /* polygons, or lines for boundary layers */
  double        label_lon, label_lat;
  GdkRGBA       fill;       /* alpha 0: not filled */
} UsgaMapArea;

#define USGA_TYPE_AREA_LAYER (usga_area_layer_get_type ())
G_DECLARE_FINAL_TYPE (UsgaAreaLayer, usga_area_layer, USGA, AREA_LAYER, ShumateLayer)

UsgaAreaLayer *usga_area_layer_new (ShumateViewport *viewport);
/* Adds an area; the layer takes @geometry and copies @name. */
UsgaMapArea   *usga_area_layer_add (UsgaAreaLayer *self, gint64 id, const char *name,
                                    UsgaGeometry *geometry, double label_lon, double label_lat);
guint          usga_area_layer_get_n_areas (UsgaAreaLayer *self);
UsgaMapArea   *usga_area_layer_get_area    (UsgaAreaLayer *self, guint i);
UsgaMapArea   *usga_area_layer_find        (UsgaAreaLayer *self, gint64 id);
/* Clears every fill; set new ones on the areas, then call usga_area_layer_changed(). */
void           usga_area_layer_clear_fills (UsgaAreaLayer *self);
void           usga_area_layer_changed     (UsgaAreaLayer *self);
void           usga_area_layer_set_stroke  (UsgaAreaLayer *self, const GdkRGBA *color, double width);
/* Labels are drawn from this zoom level on (G_MAXDOUBLE: never). */
void           usga_area_layer_set_label_zoom (UsgaAreaLayer *self, double zoom);
void           usga_area_layer_set_highlight  (UsgaAreaLayer *self, gint64 id);
/* The area under widget point (@x, @y) of the layer, or NULL. */
UsgaMapArea   *usga_area_layer_pick (UsgaAreaLayer *self, double x, double y);

G_END_DECLS
