/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include "usga-store.h"

G_BEGIN_DECLS

#define USGA_TYPE_TRENDS_PAGE (usga_trends_page_get_type ())
G_DECLARE_FINAL_TYPE (UsgaTrendsPage, usga_trends_page, USGA, TRENDS_PAGE, GtkWidget)

void       usga_trends_page_set_store  (UsgaTrendsPage *self, UsgaStore *store);
/* The page's charts in order: time series, colonia ranking, heatmap, victims (UsgaChartView). */
GtkWidget *usga_trends_page_get_chart  (UsgaTrendsPage *self, guint index);
/* References to every model on screen, for exports (UsgaChartModel*). */
GPtrArray *usga_trends_page_get_models (UsgaTrendsPage *self);

G_END_DECLS
