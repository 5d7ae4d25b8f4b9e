/* usga-sparkline.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-page-util.h"
#include "usga-sparkline.h"

#define PAD_TOP    6.0
#define PAD_BOTTOM 20.0   /* room for the first/last period labels */
#define PAD_X      4.0

struct _UsgaSparkline {
  GtkWidget  parent_instance;
  GArray    *values;       /* double */
  char      *first_key, *last_key;
  gint64     max;
};

G_DEFINE_FINAL_TYPE (UsgaSparkline, usga_sparkline, GTK_TYPE_WIDGET)

void
usga_sparkline_set_stats (UsgaSparkline *self, UsgaStats *stats)
{
  g_return_if_fail (USGA_IS_SPARKLINE (self));

  g_array_set_size (self->values, 0);
  g_clear_pointer (&self->first_key, g_free);
  g_clear_pointer (&self->last_key, g_free);
  self->max = 0;
  if (stats && stats->rows->len > 0)
    {
      for (guint i = 0; i < stats->rows->len; i++)
        {
          UsgaStatRow *row = stats->rows->pdata[i];
          double v = row->count;

          g_array_append_val (self->values, v);
          self->max = MAX (self->max, row->count);
        }
      self->first_key = g_strdup (((UsgaStatRow *) stats->rows->pdata[0])->key);
      self->last_key = g_strdup (((UsgaStatRow *) stats->rows->pdata[stats->rows->len - 1])->key);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
draw_label (cairo_t *cr, PangoLayout *layout, const char *text, double x, double y, gboolean right)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, right ? x - w : x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
usga_sparkline_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  UsgaSparkline *self = USGA_SPARKLINE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double plot_h = height - PAD_TOP - PAD_BOTTOM;
  double plot_w = width - 2 * PAD_X;
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *max_text = NULL;
  GdkRGBA fg, accent;
  cairo_t *cr;
  guint n = self->values->len;

  if (n == 0 || plot_h <= 0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  gdk_rgba_parse (&accent, "#1c71d8");
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* Baseline at zero so the height of the line means the count. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, PAD_X, PAD_TOP + plot_h + 0.5);
  cairo_line_to (cr, PAD_X + plot_w, PAD_TOP + plot_h + 0.5);
  cairo_stroke (cr);

  gdk_cairo_set_source_rgba (cr, &accent);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < n; i++)
    {
      double v = g_array_index (self->values, double, i);
      double x = PAD_X + (n > 1 ? plot_w * i / (n - 1) : plot_w / 2);
      double y = PAD_TOP + plot_h - (self->max > 0 ? plot_h * v / self->max : 0);

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
  {
    double v = g_array_index (self->values, double, n - 1);
    double y = PAD_TOP + plot_h - (self->max > 0 ? plot_h * v / self->max : 0);
    cairo_arc (cr, PAD_X + plot_w, y, 3.5, 0, 2 * G_PI);
    cairo_fill (cr);
  }

  layout = gtk_widget_create_pango_layout (widget, NULL);
  {
    PangoAttrList *attrs = pango_attr_list_new ();
    pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
    pango_layout_set_attributes (layout, attrs);
    pango_attr_list_unref (attrs);
  }
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.75);
  draw_label (cr, layout, self->first_key, PAD_X, PAD_TOP + plot_h + 3, FALSE);
  draw_label (cr, layout, self->last_key, PAD_X + plot_w, PAD_TOP + plot_h + 3, TRUE);
  max_text = usga_format_count (self->max);
  {
    /* Translators: the highest value on the small trend chart, e.g. "max 123". */
    g_autofree char *text = g_strdup_printf (_("max %s"), max_text);
    draw_label (cr, layout, text, PAD_X + 2, 0, FALSE);
  }
  cairo_destroy (cr);
}

static void
usga_sparkline_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                        int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 320;
    }
  else
    *minimum = *natural = 96;
}

static void
usga_sparkline_finalize (GObject *object)
{
  UsgaSparkline *self = USGA_SPARKLINE (object);

  g_array_unref (self->values);
  g_free (self->first_key);
  g_free (self->last_key);
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
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
}

GtkWidget *
usga_sparkline_new (void)
{
  return g_object_new (USGA_TYPE_SPARKLINE, NULL);
}
