/* usga-window.h — the main window: the filter bar, the five pages, toasts and the briefing.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "usga-store.h"

G_BEGIN_DECLS

#define USGA_TYPE_WINDOW (usga_window_get_type ())
G_DECLARE_FINAL_TYPE (UsgaWindow, usga_window, USGA, WINDOW, AdwApplicationWindow)

/* The window borrows @store and @settings from its application, which outlives it. */
UsgaWindow *usga_window_new          (GtkApplication *application, UsgaStore *store, GSettings *settings);
void        usga_window_show_page    (UsgaWindow *self, const char *name);
/* The page named @name ("overview", "trends", "map", "recommendations", "data"); pages are
 * built when first shown, so this builds it if it has not been shown yet. */
GtkWidget  *usga_window_get_page     (UsgaWindow *self, const char *name);
void        usga_window_add_toast    (UsgaWindow *self, const char *message);
/* TRUE once the database is open and populated and the pages show data. */
gboolean    usga_window_is_ready     (UsgaWindow *self);

G_END_DECLS
