/* usga-area-layer.c — one gtk_snapshot_append_cairo() for every area; areas outside the
 * view are culled by their bounding boxes; holes use the even-odd rule.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "usga-area-layer.h"
#include "usga-map-util.h"

struct _UsgaAreaLayer {
  ShumateLayer parent_instance;

  GArray  *areas;        /* UsgaMapArea */
  GdkRGBA  stroke;
  double   stroke_width;
  double   label_zoom;
  gint64   highlight;
};

G_DEFINE_FINAL_TYPE (UsgaAreaLayer, usga_area_layer, SHUMATE_TYPE_LAYER)

static void
area_clear (gpointer data)
{
  UsgaMapArea *a = data;

  g_free (a->name);
  usga_geometry_free (a->geometry);
}

static void
trace_geometry (cairo_t *cr, const UsgaMapTransform *t, const UsgaGeometry *g, gboolean close)
{
  for (guint r = 0; r < usga_geometry_n_rings (g); r++)
    {
      guint start = g_array_index (g->ring_start, guint, r), end = g_array_index (g->ring_start, guint, r + 1);

      for (guint i = start; i < end; i++)
        {
          const UsgaLonLat *p = &g_array_index (g->points, UsgaLonLat, i);
          double x, y;

          usga_map_transform_lonlat (t, p->lon, p->lat, &x, &y);
          if (i == start)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      if (close)
        cairo_close_path (cr);
    }
}

static gboolean
visible (const UsgaMapTransform *t, const UsgaGeometry *g, double width, double height)
{
  double x0, y0, x1, y1;

  usga_map_transform_lonlat (t, g->min_lon, g->max_lat, &x0, &y0);
  usga_map_transform_lonlat (t, g->max_lon, g->min_lat, &x1, &y1);
  return x1 >= 0 && x0 <= width && y1 >= 0 && y0 <= height;
}

static void
usga_area_layer_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  UsgaAreaLayer *self = USGA_AREA_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  UsgaMapTransform t;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->areas->len == 0)
    return;
  usga_map_transform_init (&t, viewport, width, height);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* Fills first, then all outlines, so neighbours never paint over a border. */
  for (guint i = 0; i < self->areas->len; i++)
    {
      UsgaMapArea *a = &g_array_index (self->areas, UsgaMapArea, i);

      if (a->fill.alpha <= 0 || a->geometry->kind != USGA_GEOMETRY_POLYGONS || !visible (&t, a->geometry, width, height))
        continue;
      trace_geometry (cr, &t, a->geometry, TRUE);
      cairo_set_source_rgba (cr, a->fill.red, a->fill.green, a->fill.blue, a->fill.alpha);
      cairo_fill (cr);
    }
  if (self->stroke_width > 0)
    {
      for (guint i = 0; i < self->areas->len; i++)
        {
          UsgaMapArea *a = &g_array_index (self->areas, UsgaMapArea, i);
          if (visible (&t, a->geometry, width, height))
            trace_geometry (cr, &t, a->geometry, a->geometry->kind == USGA_GEOMETRY_POLYGONS);
        }
      gdk_cairo_set_source_rgba (cr, &self->stroke);
      cairo_set_line_width (cr, self->stroke_width);
      cairo_stroke (cr);
    }
  if (self->highlight != 0)
    {
      UsgaMapArea *a = usga_area_layer_find (self, self->highlight);
      if (a)
        {
          trace_geometry (cr, &t, a->geometry, TRUE);
          cairo_set_source_rgba (cr, 0.05, 0.05, 0.05, 0.9);
          cairo_set_line_width (cr, 3.5);
          cairo_stroke (cr);
        }
    }

  if (t.zoom >= self->label_zoom)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
      PangoFontDescription *font = pango_font_description_from_string ("Sans 8");

      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
      for (guint i = 0; i < self->areas->len; i++)
        {
          UsgaMapArea *a = &g_array_index (self->areas, UsgaMapArea, i);
          double x, y;
          int tw, th;

          usga_map_transform_lonlat (&t, a->label_lon, a->label_lat, &x, &y);
          if (x < -50 || x > width + 50 || y < -20 || y > height + 20)
            continue;
          pango_layout_set_text (layout, a->name, -1);
          pango_layout_get_pixel_size (layout, &tw, &th);
          /* A light halo keeps labels readable over any fill or basemap. */
          cairo_move_to (cr, x - tw / 2.0, y - th / 2.0);
          pango_cairo_layout_path (cr, layout);
          cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
          cairo_set_line_width (cr, 3);
          cairo_stroke (cr);
          cairo_move_to (cr, x - tw / 2.0, y - th / 2.0);
          cairo_set_source_rgba (cr, 0.15, 0.15, 0.15, 1);
          pango_cairo_show_layout (cr, layout);
        }
    }
  cairo_destroy (cr);
}

static void
usga_area_layer_constructed (GObject *object)
{
  UsgaAreaLayer *self = USGA_AREA_LAYER (object);

  G_OBJECT_CLASS (usga_area_layer_parent_class)->constructed (object);
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

static void
usga_area_layer_finalize (GObject *object)
{
  g_array_unref (USGA_AREA_LAYER (object)->areas);
  G_OBJECT_CLASS (usga_area_layer_parent_class)->finalize (object);
}

static void
usga_area_layer_class_init (UsgaAreaLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->constructed = usga_area_layer_constructed;
  G_OBJECT_CLASS (klass)->finalize = usga_area_layer_finalize;
  GTK_WIDGET_CLASS (klass)->snapshot = usga_area_layer_snapshot;
}

static void
usga_area_layer_init (UsgaAreaLayer *self)
{
  self->areas = g_array_new (FALSE, TRUE, sizeof (UsgaMapArea));
  g_array_set_clear_func (self->areas, area_clear);
  gdk_rgba_parse (&self->stroke, "rgba(60,60,60,0.6)");
  self->stroke_width = 1;
  self->label_zoom = G_MAXDOUBLE;
  /* Clicks go to the map (and our page's click handler), not to this layer. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

UsgaAreaLayer *
usga_area_layer_new (ShumateViewport *viewport)
{
  return g_object_new (USGA_TYPE_AREA_LAYER, "viewport", viewport, NULL);
}

UsgaMapArea *
usga_area_layer_add (UsgaAreaLayer *self, gint64 id, const char *name, UsgaGeometry *geometry,
                     double label_lon, double label_lat)
{
  UsgaMapArea area = { id, g_strdup (name), geometry, label_lon, label_lat, { 0, 0, 0, 0 } };

  g_array_append_val (self->areas, area);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return &g_array_index (self->areas, UsgaMapArea, self->areas->len - 1);
}

guint
usga_area_layer_get_n_areas (UsgaAreaLayer *self)
{
  return self->areas->len;
}

UsgaMapArea *
usga_area_layer_get_area (UsgaAreaLayer *self, guint i)
{
  return &g_array_index (self->areas, UsgaMapArea, i);
}

UsgaMapArea *
usga_area_layer_find (UsgaAreaLayer *self, gint64 id)
{
  for (guint i = 0; i < self->areas->len; i++)
    if (g_array_index (self->areas, UsgaMapArea, i).id == id)
      return &g_array_index (self->areas, UsgaMapArea, i);
  return NULL;
}

void
usga_area_layer_clear_fills (UsgaAreaLayer *self)
{
  for (guint i = 0; i < self->areas->len; i++)
    g_array_index (self->areas, UsgaMapArea, i).fill.alpha = 0;
}

void
usga_area_layer_changed (UsgaAreaLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
usga_area_layer_set_stroke (UsgaAreaLayer *self, const GdkRGBA *color, double width)
{
  self->stroke = *color;
  self->stroke_width = width;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
usga_area_layer_set_label_zoom (UsgaAreaLayer *self, double zoom)
{
  self->label_zoom = zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
usga_area_layer_set_highlight (UsgaAreaLayer *self, gint64 id)
{
  self->highlight = id;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

UsgaMapArea *
usga_area_layer_pick (UsgaAreaLayer *self, double x, double y)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  UsgaMapTransform t;
  double lon, lat;

  usga_map_transform_init (&t, viewport, gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  usga_map_transform_to_lonlat (&t, x, y, &lon, &lat);
  for (guint i = 0; i < self->areas->len; i++)
    {
      UsgaMapArea *a = &g_array_index (self->areas, UsgaMapArea, i);
      if (a->geometry->kind == USGA_GEOMETRY_POLYGONS && usga_geometry_contains (a->geometry, lon, lat))
        return a;
    }
  return NULL;
}
