/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define USGA_TYPE_PREFERENCES_WINDOW (usga_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (UsgaPreferencesWindow, usga_preferences_window, USGA, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *usga_preferences_window_new (GtkWindow *parent, GSettings *settings);

G_END_DECLS
