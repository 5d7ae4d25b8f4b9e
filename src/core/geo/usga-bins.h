/* usga-bins.h — aggregating incident points into hexagonal cells in Web Mercator space,
 * so the map draws a few hundred cells instead of hundreds of thousands of points.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double cx, cy;   /* cell centre, Mercator units ([0,1) like usga_mercator_project) */
  guint  count;
} UsgaBin;

/* Points projected once (x, y interleaved, Mercator units) so re-binning is arithmetic only. */
typedef struct {
  double  *xy;
  gsize    n;
  gboolean sorted;   /* by x: lets a viewport skip the points left and right of it */
} UsgaBinPoints;

UsgaBinPoints *usga_bin_points_new_from_lonlat (GArray *lonlat);
void           usga_bin_points_free            (UsgaBinPoints *points);

/* Mercator size of a cell @pixels wide at @zoom (256 px tiles). */
double   usga_bin_cell_size    (double zoom, double pixels);
/* Bins the points inside the box [x0,x1]x[y0,y1] into pointy-top hexagons of
 * circumradius @radius (Mercator units). Cells are returned in no particular order;
 * @max_count receives the largest count. */
GArray  *usga_bin_hexagons     (const UsgaBinPoints *points, double radius,
                                double x0, double y0, double x1, double y1, guint *max_count);
/* Centre of the hexagon that contains (x, y), for tests and hit testing. */
void     usga_bin_hex_center   (double radius, double x, double y, double *cx, double *cy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaBinPoints, usga_bin_points_free)

G_END_DECLS
