/* usga-bins.c — hexagonal binning as two offset rectangular lattices: a point belongs
 * to the nearer of the two candidate centres, which is exactly its hexagon.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "usga-bins.h"
#include "usga-geo.h"

#define SQRT3 1.7320508075688772

static int
compare_x (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

UsgaBinPoints *
usga_bin_points_new_from_lonlat (GArray *lonlat)
{
  UsgaBinPoints *points = g_new0 (UsgaBinPoints, 1);

  points->n = lonlat->len;
  points->xy = g_new (double, 2 * MAX (points->n, 1));
  for (gsize i = 0; i < points->n; i++)
    {
      const UsgaLonLat *p = &g_array_index (lonlat, UsgaLonLat, i);
      usga_mercator_project (p->lon, p->lat, &points->xy[2 * i], &points->xy[2 * i + 1]);
    }
  /* Sorted by x once, so each viewport scans only its strip. */
  qsort (points->xy, points->n, 2 * sizeof (double), compare_x);
  points->sorted = TRUE;
  return points;
}

void
usga_bin_points_free (UsgaBinPoints *points)
{
  if (points == NULL)
    return;
  g_free (points->xy);
  g_free (points);
}

double
usga_bin_cell_size (double zoom, double pixels)
{
  return pixels / (256.0 * pow (2.0, zoom));
}

/* Lattice A has centres at (i*w, j*h), lattice B at ((i+.5)*w, (j+.5)*h), with
 * w = sqrt(3) r and h = 3 r: together they are the centres of pointy-top hexagons. */
static inline void
hex_locate (double r, double x, double y, long *col, long *row, gboolean *odd)
{
  double w = SQRT3 * r, h = 3 * r;
  double ai = floor (x / w + 0.5), aj = floor (y / h + 0.5);
  double bi = floor (x / w), bj = floor (y / h);
  double dax = x - ai * w, day = y - aj * h;
  double dbx = x - (bi + 0.5) * w, dby = y - (bj + 0.5) * h;

  if (dax * dax + day * day <= dbx * dbx + dby * dby)
    *col = (long) ai, *row = (long) aj, *odd = FALSE;
  else
    *col = (long) bi, *row = (long) bj, *odd = TRUE;
}

void
usga_bin_hex_center (double r, double x, double y, double *cx, double *cy)
{
  long col, row;
  gboolean odd;

  hex_locate (r, x, y, &col, &row, &odd);
  *cx = (col + (odd ? 0.5 : 0)) * SQRT3 * r;
  *cy = (row + (odd ? 0.5 : 0)) * 3 * r;
}

GArray *
usga_bin_hexagons (const UsgaBinPoints *points, double r, double x0, double y0, double x1, double y1,
                   guint *max_count)
{
  GArray *bins = g_array_new (FALSE, FALSE, sizeof (UsgaBin));
  double w = SQRT3 * r, h = 3 * r;
  /* Dense counters over the lattice cells that can touch the box (one extra on each side). */
  long col0 = (long) floor (x0 / w) - 1, row0 = (long) floor (y0 / h) - 1;
  long ncols = (long) ceil (x1 / w) + 2 - col0, nrows = (long) ceil (y1 / h) + 2 - row0;
  guint *counts;
  guint max = 0;

  g_return_val_if_fail (r > 0 && x1 >= x0 && y1 >= y0, bins);
  if (ncols <= 0 || nrows <= 0 || (double) ncols * nrows > 4e6)
    {
      if (max_count)
        *max_count = 0;
      return bins;
    }
  counts = g_new0 (guint, 2 * ncols * nrows);

  {
    /* The hot loop: Mercator coordinates are positive, so truncation is floor, and the
     * two lattices' distances compare in lattice units (h = sqrt 3 w). */
    const double iw = 1.0 / w, ih = 1.0 / h;
    gsize start = 0, end = points->n;

    /* Points are sorted by x: only the visible strip is scanned. */
    if (points->sorted)
      {
        gsize lo = 0, hi = points->n;
        while (lo < hi)
          {
            gsize mid = (lo + hi) / 2;
            if (points->xy[2 * mid] < x0) lo = mid + 1; else hi = mid;
          }
        start = lo;
        hi = points->n;
        while (lo < hi)
          {
            gsize mid = (lo + hi) / 2;
            if (points->xy[2 * mid] <= x1) lo = mid + 1; else hi = mid;
          }
        end = lo;
      }
    for (gsize i = start; i < end; i++)
      {
        double x = points->xy[2 * i], y = points->xy[2 * i + 1];
        double fx, fy, ax, ay, bx, by;
        long c, rr;
        gboolean odd;

        if (x < x0 || x > x1 || y < y0 || y > y1)
          continue;
        fx = x * iw, fy = y * ih;
        ax = fx - (double) (long) (fx + 0.5), ay = fy - (double) (long) (fy + 0.5);
        bx = fx - (double) (long) fx - 0.5, by = fy - (double) (long) fy - 0.5;
        odd = ax * ax + 3 * ay * ay > bx * bx + 3 * by * by;
        c = (odd ? (long) fx : (long) (fx + 0.5)) - col0;
        rr = (odd ? (long) fy : (long) (fy + 0.5)) - row0;
        if (c < 0 || c >= ncols || rr < 0 || rr >= nrows)
          continue;
        counts[(odd ? ncols * nrows : 0) + rr * ncols + c]++;
      }
  }

  for (int lattice = 0; lattice < 2; lattice++)
    for (long rr = 0; rr < nrows; rr++)
      for (long c = 0; c < ncols; c++)
        {
          guint n = counts[lattice * ncols * nrows + rr * ncols + c];
          UsgaBin bin;

          if (n == 0)
            continue;
          bin.cx = (c + col0 + (lattice ? 0.5 : 0)) * w;
          bin.cy = (rr + row0 + (lattice ? 0.5 : 0)) * h;
          bin.count = n;
          max = MAX (max, n);
          g_array_append_val (bins, bin);
        }
  g_free (counts);
  if (max_count)
    *max_count = max;
  return bins;
}
