/* usga-recommendations-summary.h — the summary view's lists: what is overdue, the newest changes
 * (rows carry the recommendation's id as "id" data, for the page to open it).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "usga-recommendations-snapshot.h"

G_BEGIN_DECLS

void usga_recommendations_summary_fill_lists (GtkWidget *overdue_list, GtkWidget *recent_list,
                                              UsgaRecommendationsSnapshot *snapshot, const char *today);

G_END_DECLS
