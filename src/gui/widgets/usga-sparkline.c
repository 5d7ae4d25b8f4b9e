/* usga-sparkline.c — a widget around the one sparkline drawing (usga-chart-sparkline.c): it
 * keeps the model, follows the dark style and says what the line shows to screen readers.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-chart-view.h"
#include "usga-sparkline.h"

struct _UsgaSparkline {
  GtkWidget       parent_instance;
  UsgaChartModel *model;   /* NULL: nothing to draw */
  guint           index;
  gboolean        labels;
};

G_DEFINE_FINAL_TYPE (UsgaSparkline, usga_sparkline, GTK_TYPE_WIDGET)

void
usga_sparkline_set_model (UsgaSparkline *self, UsgaChartModel *model, guint index)
{
  UsgaChartSeries *series;
  g_autofree char *text = NULL;

  g_return_if_fail (USGA_IS_SPARKLINE (self));
  if (model)
    usga_chart_model_ref (model);
  g_clear_pointer (&self->model, usga_chart_model_free);
  self->model = model;
  self->index = index;
  series = model && index < model->series->len ? g_ptr_array_index (model->series, index) : NULL;
  if (series && series->values->len > 0 && model->x_labels->len > 0)
    text = g_strdup_printf (_("Trend from %s to %s: %s"),
                            (char *) g_ptr_array_index (model->x_labels, 0),
                            (char *) g_ptr_array_index (model->x_labels, model->x_labels->len - 1),
                            series->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text ? text : "", -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
usga_sparkline_set_stats (UsgaSparkline *self, UsgaStats *stats, const char *name)
{
  g_autoptr(UsgaChartModel) model = NULL;

  g_return_if_fail (USGA_IS_SPARKLINE (self));
  if (stats && stats->rows->len > 0)
    {
      model = usga_chart_model_new (USGA_CHART_TIME_SERIES);
      usga_chart_model_add_stats (model, NULL, name ? name : "", stats, TRUE);
    }
  usga_sparkline_set_model (self, model, 0);
}

void
usga_sparkline_set_labels (UsgaSparkline *self, gboolean labels)
{
  g_return_if_fail (USGA_IS_SPARKLINE (self));
  labels = !!labels;
  if (self->labels == labels)
    return;
  self->labels = labels;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
usga_sparkline_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  UsgaSparkline *self = USGA_SPARKLINE (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->model == NULL || width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  usga_chart_draw_sparkline (cr, width, height, self->model, self->index, usga_chart_dark_style (), self->labels);
  cairo_destroy (cr);
}

static void
usga_sparkline_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                        int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  UsgaSparkline *self = USGA_SPARKLINE (widget);

  /* A card's line fills the card's width; the labelled one needs room for its labels. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->labels ? 160 : 0;
      *natural = self->labels ? 320 : 0;
    }
  else
    *minimum = *natural = self->labels ? 96 : 36;
}

static void
usga_sparkline_finalize (GObject *object)
{
  UsgaSparkline *self = USGA_SPARKLINE (object);

  g_clear_pointer (&self->model, usga_chart_model_free);
  G_OBJECT_CLASS (usga_sparkline_parent_class)->finalize (object);
}

static void
usga_sparkline_class_init (UsgaSparklineClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = usga_sparkline_finalize;
  widget_class->snapshot = usga_sparkline_snapshot;
  widget_class->measure = usga_sparkline_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
usga_sparkline_init (UsgaSparkline *self)
{
  /* The dark style is read at draw time; redraw when it changes. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

GtkWidget *
usga_sparkline_new (UsgaChartModel *model, guint index)
{
  GtkWidget *widget = g_object_new (USGA_TYPE_SPARKLINE, NULL);

  usga_sparkline_set_model (USGA_SPARKLINE (widget), model, index);
  return widget;
}
