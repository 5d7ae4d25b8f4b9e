/* usga-map-util.h — what our map layers share: the Web Mercator transform from the viewport
 * to widget pixels, the colour scales and the legend swatches.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <shumate/shumate.h>
#include "usga-palette.h"

G_BEGIN_DECLS

/* Pixel = (mercator - centre) * scale + half size. Computed once per snapshot so drawing
 * thousands of vertices is arithmetic, not a function call through the viewport each. */
typedef struct {
  double cx, cy;        /* viewport centre, Mercator units */
  double scale;         /* pixels per Mercator unit: tile_size * 2^zoom */
  double half_w, half_h;
  double zoom;
} UsgaMapTransform;

void usga_map_transform_init      (UsgaMapTransform *t, ShumateViewport *viewport, double width, double height);
void usga_map_transform_lonlat    (const UsgaMapTransform *t, double lon, double lat, double *x, double *y);
void usga_map_transform_to_lonlat (const UsgaMapTransform *t, double x, double y, double *lon, double *lat);
/* The visible box in Mercator units (x0 <= x1, y0 <= y1), grown by @margin pixels. */
void usga_map_transform_bounds    (const UsgaMapTransform *t, double margin,
                                   double *x0, double *y0, double *x1, double *y1);
/* Metres on the ground per pixel at the viewport's latitude. */
double usga_map_transform_metres_per_pixel (const UsgaMapTransform *t);

#define USGA_N_CLASSES USGA_PALETTE_N_CLASSES
/* Sequential scale (ColorBrewer YlOrRd, 5 classes): light = low. */
void usga_map_class_color  (int klass, GdkRGBA *color);
/* Diverging scale for Gi* classes -3..3 (ColorBrewer RdBu); 0 is transparent. */
void usga_map_gi_color     (int klass, GdkRGBA *color);
/* A map feature's colour from the one palette, at @alpha. */
void usga_map_feature_color (UsgaMapFeature feature, double alpha, GdkRGBA *color);
/* Quantile breaks: @breaks[0..USGA_N_CLASSES] from the sorted positive @values. */
void usga_map_quantile_breaks (const double *values, guint n, double *breaks);
int  usga_map_class_of     (const double *breaks, double value);

/* A small coloured square (or line when @line) for a legend row. */
GtkWidget *usga_map_legend_swatch (const GdkRGBA *color, gboolean line);
/* A row "swatch  text" for a legend. */
GtkWidget *usga_map_legend_row    (const GdkRGBA *color, gboolean line, const char *text);

G_END_DECLS
