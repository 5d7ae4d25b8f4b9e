/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include "usga-store.h"

G_BEGIN_DECLS

#define USGA_TYPE_RECOMMENDATIONS_PAGE (usga_recommendations_page_get_type ())
G_DECLARE_FINAL_TYPE (UsgaRecommendationsPage, usga_recommendations_page, USGA, RECOMMENDATIONS_PAGE, GtkWidget)

void usga_recommendations_page_set_store (UsgaRecommendationsPage *self, UsgaStore *store);

G_END_DECLS
