/* usga-tracker-bars.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-tracker-bars.h"

struct _UsgaTrackerBars {
  GtkWidget  parent_instance;
  GPtrArray *groups;
  gboolean   spanish;
};

G_DEFINE_FINAL_TYPE (UsgaTrackerBars, usga_tracker_bars, GTK_TYPE_WIDGET)

void
usga_tracker_bars_set_groups (UsgaTrackerBars *self, GPtrArray *groups, gboolean spanish)
{
  g_return_if_fail (USGA_IS_TRACKER_BARS (self));

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  self->groups = groups ? g_ptr_array_ref (groups) : NULL;
  self->spanish = spanish;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
usga_tracker_bars_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  UsgaTrackerBars *self = USGA_TRACKER_BARS (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  cairo_t *cr;
  GdkRGBA fg;

  if (self->groups == NULL)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  usga_tracker_bars_draw (cr, layout, self->groups, self->spanish, width,
                          (double[4]) { fg.red, fg.green, fg.blue, fg.alpha });
  cairo_destroy (cr);
}

static void
usga_tracker_bars_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                           int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  UsgaTrackerBars *self = USGA_TRACKER_BARS (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 320;
      *natural = 720;
    }
  else
    *minimum = *natural = (int) usga_tracker_bars_height (self->groups);
}

static void
usga_tracker_bars_finalize (GObject *object)
{
  UsgaTrackerBars *self = USGA_TRACKER_BARS (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  G_OBJECT_CLASS (usga_tracker_bars_parent_class)->finalize (object);
}

static void
usga_tracker_bars_class_init (UsgaTrackerBarsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = usga_tracker_bars_finalize;
  widget_class->snapshot = usga_tracker_bars_snapshot;
  widget_class->measure = usga_tracker_bars_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
usga_tracker_bars_init (UsgaTrackerBars *self)
{
}

GtkWidget *
usga_tracker_bars_new (void)
{
  return g_object_new (USGA_TYPE_TRACKER_BARS, NULL);
}
