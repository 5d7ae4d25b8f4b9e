/* usga-sparkline.h — every sparkline on screen: the Overview's KPI cards (a bare line) and the
 * evidence panel (labelled). The drawing is render's usga_chart_draw_sparkline(), GTK-free.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include "usga-chart.h"

G_BEGIN_DECLS

#define USGA_TYPE_SPARKLINE (usga_sparkline_get_type ())
G_DECLARE_FINAL_TYPE (UsgaSparkline, usga_sparkline, USGA, SPARKLINE, GtkWidget)

/* A bare line of series @index of @model, for a KPI card. */
GtkWidget *usga_sparkline_new        (UsgaChartModel *model, guint index);
/* Series @index of @model (referenced); NULL clears. */
void       usga_sparkline_set_model  (UsgaSparkline *self, UsgaChartModel *model, guint index);
/* The rows' counts in order, named @name; the rows' keys label the ends. NULL clears. */
void       usga_sparkline_set_stats  (UsgaSparkline *self, UsgaStats *stats, const char *name);
/* Baseline, first and last periods and "max N" around the line (default FALSE: bare). */
void       usga_sparkline_set_labels (UsgaSparkline *self, gboolean labels);

G_END_DECLS
