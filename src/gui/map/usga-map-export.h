/* usga-map-export.h — the map as it is on screen (with its legend and attribution) plus a
 * title and a footer (filters, sources), saved as PNG or PDF for printouts.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The format follows @path's extension: .pdf, else PNG. */
gboolean usga_map_export (GtkWidget *widget, const char *title, const char *footer,
                          const char *path, GError **error);

G_END_DECLS
