/* usga-recommendation-rows.h — the detail pane's lists: a recommendation's history (an Undo
 * button on the latest change of each field, "uuid" data) and its related recommendations
 * (rows with "id" data).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "usga-core.h"

G_BEGIN_DECLS

/* @history NULL: @error is shown instead. @on_undo is connected to each Undo button's
 * ::clicked with @data. */
void usga_recommendation_rows_history (GtkWidget *list, GPtrArray *history, const char *error,
                                       GCallback on_undo, gpointer data);
/* @related: UsgaRecommendation; @group is hidden when there are none. */
void usga_recommendation_rows_related (GtkWidget *group, GtkWidget *list, GPtrArray *related);

G_END_DECLS
