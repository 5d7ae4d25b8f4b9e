/* usga-palette.h — the one set of colours the charts, the briefing and the map paint with,
 * so a hot spot is the same red on screen and on paper.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct { double r, g, b; } UsgaRgb;

/* Classes of a choropleth. */
#define USGA_PALETTE_N_CLASSES 5

void    usga_rgb_set          (cairo_t *cr, UsgaRgb colour, double alpha);
/* Okabe–Ito series colours, safe for the common colour-vision deficiencies. */
UsgaRgb usga_palette_series   (gboolean dark, guint index);
/* Viridis at @t in [0, 1]: perceptually uniform and readable without colour. */
UsgaRgb usga_palette_viridis  (double t);
/* Getis-Ord Gi* classes −3…3 (99/95/90 % cold, not significant, 90/95/99 % hot), a
 * diverging blue–red ramp; @has_colour is FALSE for class 0 (not significant: no fill). */
UsgaRgb usga_palette_gi_class (int klass, gboolean *has_colour);
/* Sequential classes 0…n−1 of a choropleth (counts or rates), light to dark. */
UsgaRgb usga_palette_choropleth (int klass);
/* The map's own features, on screen (layers and legend) and in the briefing's map. */
typedef enum {
  USGA_MAP_SECTOR,      /* police sector boundary */
  USGA_MAP_CUADRANTE,   /* cuadrante boundary */
  USGA_MAP_CORRIDOR,    /* Safe Women's Corridor line (its buffer: the same, translucent) */
  USGA_MAP_UTOPIA,      /* an open UTOPIA centre (ui/style.css repeats it for the markers) */
} UsgaMapFeature;
UsgaRgb usga_palette_map_feature (UsgaMapFeature feature);

/* A recommendation's status (UsgaStatus, usga-tracker.h): the tracker bars on screen, the
 * meeting PDF and the briefing paint the same colour for the same status. */
UsgaRgb usga_palette_status   (int status);

G_END_DECLS
