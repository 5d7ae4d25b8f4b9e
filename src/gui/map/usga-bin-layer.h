/* usga-bin-layer.h — incidents as hexagonal bins whose ground size follows the zoom (a
 * constant size on screen), and as individual points only at street zoom, where FGJ's
 * deliberate ~200 m displacement must be kept in mind.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>
#include "usga-core.h"
#include "usga-map-util.h"

G_BEGIN_DECLS

/* Individual points are drawn from this zoom on. */
#define USGA_BIN_POINTS_ZOOM 16
/* Hexagon circumradius on screen, pixels. */
#define USGA_BIN_RADIUS_PX 14.0

#define USGA_TYPE_BIN_LAYER (usga_bin_layer_get_type ())
G_DECLARE_FINAL_TYPE (UsgaBinLayer, usga_bin_layer, USGA, BIN_LAYER, ShumateLayer)

UsgaBinLayer *usga_bin_layer_new        (ShumateViewport *viewport);
/* Takes @points (projected once). */
void          usga_bin_layer_set_points (UsgaBinLayer *self, UsgaBinPoints *points);
/* The largest bin count in the last drawing (for the legend); notifies "max-count". */
guint         usga_bin_layer_get_max_count (UsgaBinLayer *self);
gboolean      usga_bin_layer_get_showing_points (UsgaBinLayer *self);
/* The bin colour for a class 0..USGA_N_CLASSES-1. */
void          usga_bin_color (int klass, GdkRGBA *color);
/* The count at widget point (@x, @y): the bin's count, or 0. */
guint         usga_bin_layer_count_at (UsgaBinLayer *self, double x, double y);

/* Bins the points visible through @t and draws them on @cr (the whole layer's work per
 * frame; used by the snapshot and by the benchmark). Returns the bins drawn. */
guint         usga_bin_draw (const UsgaBinPoints *points, const UsgaMapTransform *t, cairo_t *cr,
                             double width, double height, guint *max_count, gboolean *showed_points);

G_END_DECLS
