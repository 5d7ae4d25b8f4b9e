/* usga-tracker-bars.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-tracker-bars.h"

#define LEGEND_HEIGHT 28.0
#define ROW_HEIGHT    36.0
#define BAR_HEIGHT    18.0

struct _UsgaTrackerBars {
  GtkWidget  parent_instance;
  GPtrArray *groups;
  gboolean   spanish;
};

G_DEFINE_FINAL_TYPE (UsgaTrackerBars, usga_tracker_bars, GTK_TYPE_WIDGET)

/* Drawn left to right: done first, then under way, then the rest. */
static const UsgaStatus stack_order[] = {
  USGA_STATUS_IMPLEMENTED, USGA_STATUS_IN_PROGRESS, USGA_STATUS_PLANNED,
  USGA_STATUS_BLOCKED, USGA_STATUS_NOT_PURSUED, USGA_STATUS_NOT_STARTED,
};

void
usga_tracker_status_color (UsgaStatus status, GdkRGBA *color)
{
  static const char *const colors[USGA_N_STATUSES] = {
    "#c0bfbc", /* not started: light grey */
    "#99c1f1", /* planned: light blue */
    "#1c71d8", /* in progress: blue */
    "#26a269", /* implemented: green */
    "#e66100", /* blocked: orange */
    "#5e5c64", /* not pursued: dark grey */
  };
  gdk_rgba_parse (color, colors[status]);
}

double
usga_tracker_bars_height (GPtrArray *groups)
{
  guint rows = groups && groups->len > 0 ? groups->len - 1 : 0;
  return LEGEND_HEIGHT + rows * ROW_HEIGHT;
}

static void
show_text (cairo_t *cr, PangoLayout *layout, const char *text, double x, double y, double max_width,
           PangoAlignment align)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  /* Long theme names take two lines before they are cut. */
  pango_layout_set_height (layout, max_width > 0 ? -2 : -1);
  pango_layout_set_alignment (layout, align);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

double
usga_tracker_bars_draw (cairo_t *cr, PangoLayout *layout, GPtrArray *groups,
                        gboolean spanish, double width, const GdkRGBA *fg)
{
  double label_width = MIN (width * 0.4, 360);
  double figure_width = 100;
  double bar_x = label_width + 8;
  double bar_width = MAX (width - bar_x - figure_width - 8, 40);
  double x = 0;

  /* Legend: a swatch and the status name, so colour is never the only cue. */
  for (guint i = 0; i < G_N_ELEMENTS (stack_order); i++)
    {
      GdkRGBA color;
      int w, h;

      usga_tracker_status_color (stack_order[i], &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_rectangle (cr, x, LEGEND_HEIGHT / 2 - 6, 12, 12);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, fg);
      pango_layout_set_width (layout, -1);
      pango_layout_set_height (layout, -1);
      pango_layout_set_text (layout, usga_status_name (usga_status_key (stack_order[i])), -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_move_to (cr, x + 16, LEGEND_HEIGHT / 2 - h / 2.0);
      pango_cairo_show_layout (cr, layout);
      x += 16 + w + 16;
    }

  for (guint g = 1; groups && g < groups->len; g++)
    {
      UsgaTrackerGroup *group = groups->pdata[g];
      double y = LEGEND_HEIGHT + (g - 1) * ROW_HEIGHT + ROW_HEIGHT / 2;
      g_autofree char *figure = NULL;
      double bx = bar_x;

      gdk_cairo_set_source_rgba (cr, fg);
      show_text (cr, layout, spanish ? group->label_es : group->label_en, 0, y, label_width, PANGO_ALIGN_LEFT);
      for (guint i = 0; i < G_N_ELEMENTS (stack_order); i++)
        {
          guint n = group->counts[stack_order[i]];
          double w = group->total ? bar_width * n / group->total : 0;
          GdkRGBA color;

          if (n == 0)
            continue;
          usga_tracker_status_color (stack_order[i], &color);
          gdk_cairo_set_source_rgba (cr, &color);
          cairo_rectangle (cr, bx, y - BAR_HEIGHT / 2, w, BAR_HEIGHT);
          cairo_fill (cr);
          bx += w;
        }
      /* Translators: share of a group's recommendations in progress or implemented, then the group size. */
      figure = g_strdup_printf (_("%.0f %% of %u"), usga_tracker_group_addressed_percent (group), group->total);
      gdk_cairo_set_source_rgba (cr, fg);
      show_text (cr, layout, figure, bar_x + bar_width + 8, y, figure_width, PANGO_ALIGN_LEFT);
    }
  pango_layout_set_width (layout, -1);
  pango_layout_set_height (layout, -1);
  return usga_tracker_bars_height (groups);
}

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
  usga_tracker_bars_draw (cr, layout, self->groups, self->spanish, width, &fg);
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
