/* usga-chart-build.h — chart models from the database, for the Trends and Overview pages
 * and `usga export chart`. Every number comes from usga_stats_query() or usga-series.
 * GTK-free; safe on a worker thread with its own connection.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-chart.h"

G_BEGIN_DECLS

typedef enum {
  USGA_VIEW_TRENDS,     /* time series */
  USGA_VIEW_RANKING,    /* colonias */
  USGA_VIEW_HEATMAP,    /* hour × weekday */
  USGA_VIEW_VICTIMS,    /* sex × age */
  USGA_VIEW_KPI_SPARKLINES, /* one monthly/quarterly series per headline category */
} UsgaChartSubject;

typedef struct {
  UsgaGroupBy granularity;     /* month, quarter or year */
  gboolean    rates;           /* per 100 000 inhabitants instead of counts */
  gboolean    moving_average;  /* 3-month, monthly series only */
  gboolean    dark;
} UsgaChartOptions;

gboolean        usga_chart_subject_from_string (const char *name, UsgaChartSubject *view);

UsgaChartModel *usga_chart_build (UsgaDb *db, UsgaFilter *filter, UsgaChartSubject view,
                                  const UsgaChartOptions *options, GError **error);
/* Every Trends chart, in page order (UsgaChartModel*). */
GPtrArray      *usga_chart_build_trends_page (UsgaDb *db, UsgaFilter *filter,
                                              const UsgaChartOptions *options, GError **error);
/* "Filters: … · Data: …": the active filters and the vintage of the data behind them. */
char           *usga_chart_footer (UsgaDb *db, UsgaFilter *filter);

G_END_DECLS
