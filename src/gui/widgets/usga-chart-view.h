/* usga-chart-view.h — a chart on screen: the shared cairo drawing in a GtkSnapshot, hover
 * tooltips, keyboard focus on data points, "Show as table", export and print.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "usga-chart-build.h"
#include "usga-store.h"

G_BEGIN_DECLS

#define USGA_TYPE_CHART_VIEW (usga_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (UsgaChartView, usga_chart_view, USGA, CHART_VIEW, GtkWidget)

GtkWidget      *usga_chart_view_new        (int height);
/* Takes @model; NULL shows nothing. */
void            usga_chart_view_set_model  (UsgaChartView *self, UsgaChartModel *model);
UsgaChartModel *usga_chart_view_get_model  (UsgaChartView *self);
void            usga_chart_view_set_show_table (UsgaChartView *self, gboolean show);
/* The drawing itself, for tests (focus, tooltips). */
GtkWidget      *usga_chart_view_get_canvas (UsgaChartView *self);

/* Whether the app currently uses the dark style (AdwStyleManager). */
gboolean        usga_chart_dark_style      (void);

/* Saves @models (UsgaChartModel*) after asking for a file name (GtkFileChooserNative). */
void            usga_chart_export_dialog   (GtkWidget *parent, GPtrArray *models, UsgaExportFormat format,
                                            const char *basename);
/* Prints @models, one chart per page, with the same drawing routine. */
void            usga_chart_print           (GtkWidget *parent, GPtrArray *models);

/* Builds a chart on a worker thread with its own read-only connection. */
void            usga_chart_build_async     (UsgaStore *store, UsgaFilter *filter, UsgaChartSubject subject,
                                            const UsgaChartOptions *options, GCancellable *cancellable,
                                            GAsyncReadyCallback callback, gpointer user_data);
UsgaChartModel *usga_chart_build_finish    (GAsyncResult *result, GError **error);

G_END_DECLS
