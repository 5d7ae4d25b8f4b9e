/* usga-bin-layer.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "usga-bin-layer.h"

#define SQRT3 1.7320508075688772

struct _UsgaBinLayer {
  ShumateLayer   parent_instance;
  UsgaBinPoints *points;
  guint          max_count;
  gboolean       showing_points;
};

G_DEFINE_FINAL_TYPE (UsgaBinLayer, usga_bin_layer, SHUMATE_TYPE_LAYER)

enum { PROP_0, PROP_MAX_COUNT, N_PROPS };
static GParamSpec *props[N_PROPS];

void
usga_bin_color (int klass, GdkRGBA *color)
{
  /* ColorBrewer PuBu: distinct from the colonias' YlOrRd so both can be read together. */
  static const char *const ramp[USGA_N_CLASSES] = { "#d0d1e6", "#a6bddb", "#74a9cf", "#2b8cbe", "#045a8d" };

  gdk_rgba_parse (color, ramp[CLAMP (klass, 0, USGA_N_CLASSES - 1)]);
}

guint
usga_bin_draw (const UsgaBinPoints *points, const UsgaMapTransform *t, cairo_t *cr, double width, double height,
               guint *max_count, gboolean *showed_points)
{
  double x0, y0, x1, y1;
  g_autoptr(GArray) bins = NULL;
  GdkRGBA colors[USGA_N_CLASSES];
  guint max = 0;

  *max_count = 0;
  *showed_points = FALSE;
  if (points == NULL || points->n == 0)
    return 0;

  if (t->zoom >= USGA_BIN_POINTS_ZOOM)
    {
      guint drawn = 0;

      usga_map_transform_bounds (t, 4, &x0, &y0, &x1, &y1);
      /* Pixel-aligned squares: cairo fills them on its fast path, where thousands of
       * antialiased circles would blow the frame budget. A white square under a blue one
       * keeps dots apart. */
      for (int pass = 0; pass < 2; pass++)
        {
          double size = pass == 0 ? 7 : 5, off = size / 2 - 0.5;

          for (gsize i = 0; i < points->n; i++)
            {
              double mx = points->xy[2 * i], my = points->xy[2 * i + 1];
              if (mx < x0 || mx > x1 || my < y0 || my > y1)
                continue;
              cairo_rectangle (cr, floor ((mx - t->cx) * t->scale + t->half_w) - off,
                               floor ((my - t->cy) * t->scale + t->half_h) - off, size, size);
              drawn += pass;
            }
          if (pass == 0)
            cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
          else
            cairo_set_source_rgba (cr, 0.02, 0.35, 0.55, 0.85);
          cairo_fill (cr);
        }
      *showed_points = TRUE;
      *max_count = 1;
      return drawn;
    }

  {
    double r = USGA_BIN_RADIUS_PX / t->scale;
    /* Bins straddling the edge still count their points beyond it. */
    usga_map_transform_bounds (t, 2 * USGA_BIN_RADIUS_PX, &x0, &y0, &x1, &y1);
    bins = usga_bin_hexagons (points, r, x0, y0, x1, y1, &max);
  }
  for (int k = 0; k < USGA_N_CLASSES; k++)
    usga_bin_color (k, &colors[k]);

  /* One path per class: five fills instead of one per cell. Without antialiasing the
   * fills are several times faster and neighbouring cells meet without seams. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (int k = 0; k < USGA_N_CLASSES; k++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < bins->len; i++)
        {
          UsgaBin *b = &g_array_index (bins, UsgaBin, i);
          int klass = MIN (USGA_N_CLASSES - 1, (int) ((double) (b->count - 1) * USGA_N_CLASSES / MAX (max, 1)));
          double cx = (b->cx - t->cx) * t->scale + t->half_w, cy = (b->cy - t->cy) * t->scale + t->half_h;
          double rr = USGA_BIN_RADIUS_PX - 0.5;

          if (klass != k)
            continue;
          any = TRUE;
          /* Pointy-top hexagon. */
          cairo_move_to (cr, cx, cy - rr);
          cairo_line_to (cr, cx + rr * SQRT3 / 2, cy - rr / 2);
          cairo_line_to (cr, cx + rr * SQRT3 / 2, cy + rr / 2);
          cairo_line_to (cr, cx, cy + rr);
          cairo_line_to (cr, cx - rr * SQRT3 / 2, cy + rr / 2);
          cairo_line_to (cr, cx - rr * SQRT3 / 2, cy - rr / 2);
          cairo_close_path (cr);
        }
      if (!any)
        continue;
      cairo_set_source_rgba (cr, colors[k].red, colors[k].green, colors[k].blue, 0.85);
      cairo_fill (cr);
    }
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
  *max_count = max;
  return bins->len;
}

static gboolean
notify_max (gpointer data)
{
  g_object_notify_by_pspec (G_OBJECT (data), props[PROP_MAX_COUNT]);
  return G_SOURCE_REMOVE;
}

static void
usga_bin_layer_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  UsgaBinLayer *self = USGA_BIN_LAYER (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  UsgaMapTransform t;
  guint max = 0;
  gboolean showed_points = FALSE;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->points == NULL)
    return;
  usga_map_transform_init (&t, shumate_layer_get_viewport (SHUMATE_LAYER (self)), width, height);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  usga_bin_draw (self->points, &t, cr, width, height, &max, &showed_points);
  cairo_destroy (cr);
  self->showing_points = showed_points;
  if (max != self->max_count)
    {
      self->max_count = max;
      /* The legend follows; notify outside the snapshot. */
      g_idle_add_full (G_PRIORITY_DEFAULT, notify_max, g_object_ref (self), g_object_unref);
    }
}

static void
usga_bin_layer_constructed (GObject *object)
{
  G_OBJECT_CLASS (usga_bin_layer_parent_class)->constructed (object);
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (object)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), object, G_CONNECT_SWAPPED);
}

static void
usga_bin_layer_finalize (GObject *object)
{
  usga_bin_points_free (USGA_BIN_LAYER (object)->points);
  G_OBJECT_CLASS (usga_bin_layer_parent_class)->finalize (object);
}

static void
usga_bin_layer_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  if (id == PROP_MAX_COUNT)
    g_value_set_uint (value, USGA_BIN_LAYER (object)->max_count);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
}

static void
usga_bin_layer_class_init (UsgaBinLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->constructed = usga_bin_layer_constructed;
  G_OBJECT_CLASS (klass)->finalize = usga_bin_layer_finalize;
  G_OBJECT_CLASS (klass)->get_property = usga_bin_layer_get_property;
  GTK_WIDGET_CLASS (klass)->snapshot = usga_bin_layer_snapshot;
  props[PROP_MAX_COUNT] = g_param_spec_uint ("max-count", NULL, NULL, 0, G_MAXUINT, 0,
                                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, props);
}

static void
usga_bin_layer_init (UsgaBinLayer *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

UsgaBinLayer *
usga_bin_layer_new (ShumateViewport *viewport)
{
  return g_object_new (USGA_TYPE_BIN_LAYER, "viewport", viewport, NULL);
}

void
usga_bin_layer_set_points (UsgaBinLayer *self, UsgaBinPoints *points)
{
  usga_bin_points_free (self->points);
  self->points = points;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
usga_bin_layer_get_max_count (UsgaBinLayer *self)
{
  return self->max_count;
}

gboolean
usga_bin_layer_get_showing_points (UsgaBinLayer *self)
{
  return self->showing_points;
}

guint
usga_bin_layer_count_at (UsgaBinLayer *self, double x, double y)
{
  UsgaMapTransform t;
  double r, mx, my, cx, cy;
  guint n = 0;

  if (self->points == NULL)
    return 0;
  usga_map_transform_init (&t, shumate_layer_get_viewport (SHUMATE_LAYER (self)),
                           gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
  r = USGA_BIN_RADIUS_PX / t.scale;
  mx = (x - t.half_w) / t.scale + t.cx;
  my = (y - t.half_h) / t.scale + t.cy;
  usga_bin_hex_center (r, mx, my, &cx, &cy);
  for (gsize i = 0; i < self->points->n; i++)
    {
      double px, py;
      usga_bin_hex_center (r, self->points->xy[2 * i], self->points->xy[2 * i + 1], &px, &py);
      if (fabs (px - cx) < r * 1e-6 && fabs (py - cy) < r * 1e-6)
        n++;
    }
  return n;
}
