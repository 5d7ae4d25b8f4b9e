/* usga-map-util.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "usga-core.h"
#include "usga-map-util.h"

void
usga_map_transform_init (UsgaMapTransform *t, ShumateViewport *viewport, double width, double height)
{
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  double tile = source ? shumate_map_source_get_tile_size (source) : 256;

  t->zoom = shumate_viewport_get_zoom_level (viewport);
  usga_mercator_project (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                         shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), &t->cx, &t->cy);
  t->scale = tile * pow (2.0, t->zoom);
  t->half_w = width / 2;
  t->half_h = height / 2;
}

void
usga_map_transform_lonlat (const UsgaMapTransform *t, double lon, double lat, double *x, double *y)
{
  double mx, my;

  usga_mercator_project (lon, lat, &mx, &my);
  *x = (mx - t->cx) * t->scale + t->half_w;
  *y = (my - t->cy) * t->scale + t->half_h;
}

void
usga_map_transform_to_lonlat (const UsgaMapTransform *t, double x, double y, double *lon, double *lat)
{
  usga_mercator_unproject ((x - t->half_w) / t->scale + t->cx, (y - t->half_h) / t->scale + t->cy, lon, lat);
}

void
usga_map_transform_bounds (const UsgaMapTransform *t, double margin, double *x0, double *y0, double *x1, double *y1)
{
  *x0 = t->cx - (t->half_w + margin) / t->scale;
  *x1 = t->cx + (t->half_w + margin) / t->scale;
  *y0 = t->cy - (t->half_h + margin) / t->scale;
  *y1 = t->cy + (t->half_h + margin) / t->scale;
}

double
usga_map_transform_metres_per_pixel (const UsgaMapTransform *t)
{
  double lon, lat;

  usga_mercator_unproject (t->cx, t->cy, &lon, &lat);
  /* Earth's circumference at the equator, shrunk by cos (latitude), over the world's pixel width. */
  return 40075016.686 * cos (lat * G_PI / 180) / t->scale;
}

void
usga_map_class_color (int klass, GdkRGBA *color)
{
  UsgaRgb c = usga_palette_choropleth (klass);

  *color = (GdkRGBA) { c.r, c.g, c.b, 1 };
}

void
usga_map_gi_color (int klass, GdkRGBA *color)
{
  gboolean has_colour;
  UsgaRgb c = usga_palette_gi_class (klass, &has_colour);

  /* Not significant: no fill, the basemap shows through. */
  *color = (GdkRGBA) { c.r, c.g, c.b, has_colour ? 1 : 0 };
}

void
usga_map_feature_color (UsgaMapFeature feature, double alpha, GdkRGBA *color)
{
  UsgaRgb c = usga_palette_map_feature (feature);

  *color = (GdkRGBA) { c.r, c.g, c.b, alpha };
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

void
usga_map_quantile_breaks (const double *values, guint n, double *breaks)
{
  g_autofree double *sorted = g_new (double, MAX (n, 1));
  guint m = 0;

  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]) && values[i] > 0)
      sorted[m++] = values[i];
  qsort (sorted, m, sizeof (double), compare_double);
  breaks[0] = m ? sorted[0] : 0;
  for (int k = 1; k <= USGA_N_CLASSES; k++)
    breaks[k] = m ? sorted[MIN (m - 1, (guint) ((double) k * m / USGA_N_CLASSES))] : 0;
  breaks[USGA_N_CLASSES] = m ? sorted[m - 1] : 0;
}

int
usga_map_class_of (const double *breaks, double value)
{
  for (int k = 1; k < USGA_N_CLASSES; k++)
    if (value < breaks[k])
      return k - 1;
  return USGA_N_CLASSES - 1;
}

static void
draw_swatch (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  GdkRGBA *color = data;
  gboolean line = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "line"));

  gdk_cairo_set_source_rgba (cr, color);
  if (line)
    {
      cairo_set_line_width (cr, 3);
      cairo_move_to (cr, 1, height / 2.0);
      cairo_line_to (cr, width - 1, height / 2.0);
      cairo_stroke (cr);
      return;
    }
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

GtkWidget *
usga_map_legend_swatch (const GdkRGBA *color, gboolean line)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 18);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 14);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (area), "line", GINT_TO_POINTER (line));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, gdk_rgba_copy (color),
                                  (GDestroyNotify) gdk_rgba_free);
  return area;
}

GtkWidget *
usga_map_legend_row (const GdkRGBA *color, gboolean line, const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), usga_map_legend_swatch (color, line));
  gtk_box_append (GTK_BOX (box), label);
  return box;
}
