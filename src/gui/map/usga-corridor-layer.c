/* usga-corridor-layer.c — a line's 200 m buffer is exactly a stroke of width 2 x 200 m with
 * round caps and joins, so the buffer is drawn as one wide translucent stroke.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "usga-corridor-layer.h"
#include "usga-map-util.h"

#define HANDLE_RADIUS 6.0

struct _UsgaCorridorLayer {
  ShumateLayer  parent_instance;
  GPtrArray    *corridors;
  double        buffer_m;
  UsgaCorridor *editing;
  GtkGesture   *drag;
  int           drag_vertex;   /* -1: panning */
  double        drag_cx, drag_cy;
};

G_DEFINE_FINAL_TYPE (UsgaCorridorLayer, usga_corridor_layer, SHUMATE_TYPE_LAYER)

enum { EDITED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
get_transform (UsgaCorridorLayer *self, UsgaMapTransform *t)
{
  usga_map_transform_init (t, shumate_layer_get_viewport (SHUMATE_LAYER (self)),
                           gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
}

static void
trace (cairo_t *cr, const UsgaMapTransform *t, const UsgaGeometry *g)
{
  for (guint r = 0; r + 1 < g->ring_start->len; r++)
    for (guint i = g_array_index (g->ring_start, guint, r); i < g_array_index (g->ring_start, guint, r + 1); i++)
      {
        const UsgaLonLat *p = &g_array_index (g->points, UsgaLonLat, i);
        double x, y;

        usga_map_transform_lonlat (t, p->lon, p->lat, &x, &y);
        if (i == g_array_index (g->ring_start, guint, r))
          cairo_move_to (cr, x, y);
        else
          cairo_line_to (cr, x, y);
      }
}

static void
usga_corridor_layer_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  UsgaCorridorLayer *self = USGA_CORRIDOR_LAYER (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  UsgaMapTransform t;
  double buffer_px;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || (self->corridors == NULL && self->editing == NULL))
    return;
  get_transform (self, &t);
  buffer_px = self->buffer_m / usga_map_transform_metres_per_pixel (&t);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (int pass = 0; pass < 3; pass++)
    {
      for (guint i = 0; self->corridors && i < self->corridors->len; i++)
        {
          UsgaCorridor *c = g_ptr_array_index (self->corridors, i);
          if (c != self->editing && c->geometry)
            trace (cr, &t, c->geometry);
        }
      if (self->editing && self->editing->geometry && self->editing->geometry->points->len > 0)
        trace (cr, &t, self->editing->geometry);
      switch (pass)
        {
        case 0: /* buffer */
          usga_rgb_set (cr, usga_palette_map_feature (USGA_MAP_CORRIDOR), 0.18);
          cairo_set_line_width (cr, MAX (2 * buffer_px, 6));
          break;
        case 1: /* casing */
          cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
          cairo_set_line_width (cr, 7);
          break;
        default:
          usga_rgb_set (cr, usga_palette_map_feature (USGA_MAP_CORRIDOR), 1);
          cairo_set_line_width (cr, 4);
          break;
        }
      cairo_stroke (cr);
    }

  if (self->editing && self->editing->geometry)
    {
      GArray *pts = self->editing->geometry->points;
      for (guint i = 0; i < pts->len; i++)
        {
          const UsgaLonLat *p = &g_array_index (pts, UsgaLonLat, i);
          double x, y;

          usga_map_transform_lonlat (&t, p->lon, p->lat, &x, &y);
          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, HANDLE_RADIUS, 0, 2 * G_PI);
        }
      cairo_set_source_rgba (cr, 1, 1, 1, 1);
      cairo_fill_preserve (cr);
      usga_rgb_set (cr, usga_palette_map_feature (USGA_MAP_CORRIDOR), 1);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
geometry_closed (UsgaCorridorLayer *self)
{
  usga_geometry_close (self->editing->geometry);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[EDITED], 0);
}

void
usga_corridor_layer_add_vertex_at (UsgaCorridorLayer *self, double x, double y)
{
  UsgaGeometry *g;
  UsgaMapTransform t;
  UsgaLonLat p;

  g_return_if_fail (self->editing != NULL);
  get_transform (self, &t);
  usga_map_transform_to_lonlat (&t, x, y, &p.lon, &p.lat);
  if (self->editing->geometry == NULL)
    {
      self->editing->geometry = usga_geometry_new (USGA_GEOMETRY_LINES);
      usga_geometry_add_part (self->editing->geometry, &p, 1);
    }
  else
    {
      g = self->editing->geometry;
      g_array_append_val (g->points, p);
      /* The new vertex extends the last part: move the sentinel. */
      g_array_index (g->ring_start, guint, g->ring_start->len - 1) = g->points->len;
    }
  geometry_closed (self);
}

int
usga_corridor_layer_vertex_at (UsgaCorridorLayer *self, double x, double y)
{
  UsgaMapTransform t;

  if (self->editing == NULL || self->editing->geometry == NULL)
    return -1;
  get_transform (self, &t);
  for (guint i = 0; i < self->editing->geometry->points->len; i++)
    {
      const UsgaLonLat *p = &g_array_index (self->editing->geometry->points, UsgaLonLat, i);
      double px, py;

      usga_map_transform_lonlat (&t, p->lon, p->lat, &px, &py);
      if (hypot (px - x, py - y) <= HANDLE_RADIUS + 3)
        return (int) i;
    }
  return -1;
}

void
usga_corridor_layer_move_vertex (UsgaCorridorLayer *self, int index, double x, double y)
{
  UsgaMapTransform t;
  UsgaLonLat *p;

  g_return_if_fail (self->editing && self->editing->geometry && index >= 0 &&
                    (guint) index < self->editing->geometry->points->len);
  get_transform (self, &t);
  p = &g_array_index (self->editing->geometry->points, UsgaLonLat, index);
  usga_map_transform_to_lonlat (&t, x, y, &p->lon, &p->lat);
  geometry_closed (self);
}

UsgaCorridor *
usga_corridor_layer_pick (UsgaCorridorLayer *self, double x, double y)
{
  UsgaMapTransform t;
  double lon, lat, mpp;

  if (self->corridors == NULL)
    return NULL;
  get_transform (self, &t);
  usga_map_transform_to_lonlat (&t, x, y, &lon, &lat);
  mpp = usga_map_transform_metres_per_pixel (&t);
  for (guint i = 0; i < self->corridors->len; i++)
    {
      UsgaCorridor *c = g_ptr_array_index (self->corridors, i);
      if (c->geometry && usga_geometry_distance_m (c->geometry, lon, lat) <= 6 * mpp)
        return c;
    }
  return NULL;
}

static void
on_drag_begin (GtkGestureDrag *gesture, double x, double y, UsgaCorridorLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  /* While editing, this layer owns the pointer: vertices move, empty space pans. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_vertex = usga_corridor_layer_vertex_at (self, x, y);
  usga_mercator_project (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                         shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), &self->drag_cx, &self->drag_cy);
}

static void
on_drag_update (GtkGestureDrag *gesture, double dx, double dy, UsgaCorridorLayer *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  if (self->drag_vertex >= 0)
    usga_corridor_layer_move_vertex (self, self->drag_vertex, x + dx, y + dy);
  else if (hypot (dx, dy) > 4)
    {
      UsgaMapTransform t;
      double lon, lat;

      get_transform (self, &t);
      usga_mercator_unproject (self->drag_cx - dx / t.scale, self->drag_cy - dy / t.scale, &lon, &lat);
      shumate_location_set_location (SHUMATE_LOCATION (shumate_layer_get_viewport (SHUMATE_LAYER (self))), lat, lon);
    }
}

static void
on_drag_end (GtkGestureDrag *gesture, double dx, double dy, UsgaCorridorLayer *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  /* A press that did not move is a click: add a vertex there. */
  if (self->drag_vertex < 0 && hypot (dx, dy) <= 4 && self->editing)
    usga_corridor_layer_add_vertex_at (self, x, y);
  self->drag_vertex = -1;
}

/* ShumateLayer lets every point fall through to the map; while editing, this layer takes them. */
static gboolean
usga_corridor_layer_contains (GtkWidget *widget, double x, double y)
{
  return USGA_CORRIDOR_LAYER (widget)->editing != NULL;
}

static void
usga_corridor_layer_constructed (GObject *object)
{
  G_OBJECT_CLASS (usga_corridor_layer_parent_class)->constructed (object);
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (object)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), object, G_CONNECT_SWAPPED);
}

static void
usga_corridor_layer_finalize (GObject *object)
{
  UsgaCorridorLayer *self = USGA_CORRIDOR_LAYER (object);

  g_clear_pointer (&self->corridors, g_ptr_array_unref);
  G_OBJECT_CLASS (usga_corridor_layer_parent_class)->finalize (object);
}

static void
usga_corridor_layer_class_init (UsgaCorridorLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->constructed = usga_corridor_layer_constructed;
  G_OBJECT_CLASS (klass)->finalize = usga_corridor_layer_finalize;
  GTK_WIDGET_CLASS (klass)->snapshot = usga_corridor_layer_snapshot;
  GTK_WIDGET_CLASS (klass)->contains = usga_corridor_layer_contains;
  signals[EDITED] = g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
usga_corridor_layer_init (UsgaCorridorLayer *self)
{
  self->buffer_m = 200;
  self->drag_vertex = -1;
  self->drag = gtk_gesture_drag_new ();
  g_signal_connect (self->drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (self->drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (self->drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drag));
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

UsgaCorridorLayer *
usga_corridor_layer_new (ShumateViewport *viewport)
{
  return g_object_new (USGA_TYPE_CORRIDOR_LAYER, "viewport", viewport, NULL);
}

void
usga_corridor_layer_set_corridors (UsgaCorridorLayer *self, GPtrArray *corridors)
{
  if (corridors)
    g_ptr_array_ref (corridors);
  g_clear_pointer (&self->corridors, g_ptr_array_unref);
  self->corridors = corridors;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
usga_corridor_layer_set_buffer (UsgaCorridorLayer *self, double metres)
{
  self->buffer_m = metres;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
usga_corridor_layer_set_editing (UsgaCorridorLayer *self, UsgaCorridor *corridor)
{
  self->editing = corridor;
  gtk_widget_set_can_target (GTK_WIDGET (self), corridor != NULL);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), corridor ? "crosshair" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
