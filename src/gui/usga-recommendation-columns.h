/* usga-recommendation-columns.h — the columns of the recommendations list.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Adds the id, SDG, summary, status, progress and due columns to @view, each with its sorter;
 * @today points at the page's date string (due dates before it are marked overdue). Returns
 * the id column. */
GtkColumnViewColumn *usga_recommendation_columns_add (GtkColumnView *view, char **today);

G_END_DECLS
