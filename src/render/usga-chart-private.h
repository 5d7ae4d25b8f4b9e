/* usga-chart-private.h — what the chart files share: fonts, the layout of a chart's box,
 * and the drawing helpers every chart kind uses. Only src/render/usga-chart*.c include it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "usga-chart.h"
#include "usga-palette.h"

G_BEGIN_DECLS

#define FONT_TITLE    "Sans Bold 12"
#define FONT_SUBTITLE "Sans 9"
#define FONT_AXIS     "Sans 8"
#define FONT_FOOTER   "Sans 7.5"

#define format_count usga_format_count
#define format_change usga_format_change

/* Where things go in a chart's box; drawing and hit testing share it. */
typedef struct {
  double title_h, subtitle_h, legend_h, notes_h;
  double px, py, pw, ph;   /* plot area */
  double label_w;          /* rankings: room for colonia names */
} UsgaChartLayout;

static inline UsgaChartSeries *
usga_chart_series_at (UsgaChartModel *m, guint s)
{
  return g_ptr_array_index (m->series, s);
}

static inline double
usga_chart_value_at (UsgaChartSeries *s, guint i)
{
  return i < s->values->len ? g_array_index (s->values, double, i) : NAN;
}

static inline gint64
usga_chart_count_at (UsgaChartSeries *s, guint i)
{
  return i < s->counts->len ? g_array_index (s->counts, gint64, i) : 0;
}

/* usga-chart-style.c */
char        *usga_chart_format_value  (UsgaChartModel *m, double v);
void         usga_chart_set_fg        (cairo_t *cr, UsgaChartModel *m, double alpha);
/* The text colour for a dark or light background, when the model's own flag is not the one. */
void         usga_chart_set_fg_dark   (cairo_t *cr, gboolean dark, double alpha);
void         usga_chart_set_dash      (cairo_t *cr, guint index);
void         usga_chart_marker        (cairo_t *cr, guint index, double x, double y, double r);
PangoLayout *usga_chart_text_layout   (cairo_t *cr, const char *text, const char *font, double width);
double       usga_chart_layout_height (PangoLayout *layout);
double       usga_chart_layout_width  (PangoLayout *layout);
double       usga_chart_draw_text     (cairo_t *cr, const char *text, const char *font, double x, double y,
                                       double xalign, double width);

/* usga-chart-layout.c */
char        *usga_chart_notes_text     (UsgaChartModel *m);
double       usga_chart_legend_height  (cairo_t *cr, UsgaChartModel *m, double width, gboolean draw, double y0);
void         usga_chart_compute_layout (cairo_t *cr, UsgaChartModel *m, double width, double height,
                                        UsgaChartLayout *l);
double       usga_chart_nice_step      (double max, int ticks);
double       usga_chart_value_max      (UsgaChartModel *m);
/* Where a time series writes its labels across the top of the plot, below its top edge: band
 * names, dated markers, source changes; each row is about ROW_HEIGHT tall. */
#define USGA_CHART_ROW_BAND    2
#define USGA_CHART_ROW_MARKER 16
#define USGA_CHART_ROW_SOURCE 32
#define USGA_CHART_ROW_HEIGHT 16
/* The value at the top of the plot (a round number; time series keep room for their labels)
 * and the gridline @step; the drawing and the hit test share it. */
double       usga_chart_value_top      (UsgaChartModel *m, UsgaChartLayout *l, double *step);
double       usga_chart_draw_y_axis    (cairo_t *cr, UsgaChartModel *m, UsgaChartLayout *l);

G_END_DECLS
