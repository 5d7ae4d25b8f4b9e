/* usga-hotspots.h — Getis-Ord Gi* hot spot statistics over areas (colonias).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-db.h"
#include "usga-filter.h"

G_BEGIN_DECLS

/* Gi* for @n sites at planar positions (@x, @y, metres) with values @values, using
 * binary distance-band weights: w_ij = 1 when the distance is <= @band_m, including
 * i itself (that is the star). Writes one z-score per site; NAN when the values do
 * not vary. */
void usga_gi_star (const double *x, const double *y, const double *values, guint n,
                   double band_m, double *z);

/* Confidence class of a Gi* z-score: 3/2/1 for hot spots at 99/95/90 %,
 * -3/-2/-1 for cold spots, 0 when not significant. */
int  usga_gi_star_class (double z);

typedef struct {
  gint64  colonia_id;
  char   *name;
  gint64  count;
  double  z;
  int     klass;           /* usga_gi_star_class (z) */
  double  lon, lat;        /* label point, to zoom to */
  double  centre_lon, centre_lat; /* area centroid of the whole multipolygon: Gi* distances */
  double  min_lon, min_lat, max_lon, max_lat;
} UsgaHotspot;

typedef struct {
  GPtrArray *sites;        /* UsgaHotspot*, every colonia, by z descending */
  double     band_m;
  gint64     total;
  const char *estimate_rule; /* the counts are apportioned estimates (before 2024): their rule */
} UsgaHotspots;

/* How the statistic is made, translated, for method notes and the CLI. */
const char   *usga_hotspots_rule    (void);

/* Gi* over the colonias' counts for @filter (usga_stats_query BY_COLONIA: before 2024 the
 * apportioned estimates), neighbours within @band_m between area centroids. */
UsgaHotspots *usga_hotspots_compute (UsgaDb *db, UsgaFilter *filter, double band_m, GError **error);
void          usga_hotspots_free    (UsgaHotspots *hotspots);

/* The same statistic over square cells of equal size, which colonias of very different sizes
 * are not: street-level clusters that a big colonia would dilute. */
typedef struct {
  double  min_lon, min_lat, max_lon, max_lat;
  double  lon, lat;        /* the centre */
  gint64  count;
  double  z;
  int     klass;           /* usga_gi_star_class (z) */
  char   *colonia;         /* the colonia at the centre */
} UsgaHotspotCell;

typedef struct {
  GArray *cells;           /* UsgaHotspotCell, row by row from the south-west; only cells whose
                            * centre lies in a colonia */
  double  cell_m, band_m;
  gint64  total;           /* carpetas counted in the cells */
} UsgaHotspotGrid;

/* Gi* over @cell_m cells covering the colonias, with the carpetas at @points (UsgaLonLat, as
 * usga_stats_points() gives them); cells whose centres are within @band_m are neighbours. */
UsgaHotspotGrid *usga_hotspot_grid_compute (UsgaDb *db, const GArray *points, double cell_m, double band_m,
                                            GError **error);
void             usga_hotspot_grid_free    (UsgaHotspotGrid *grid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaHotspots, usga_hotspots_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaHotspotGrid, usga_hotspot_grid_free)

G_END_DECLS
