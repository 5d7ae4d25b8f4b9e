/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include "usga-store.h"

G_BEGIN_DECLS

#define USGA_TYPE_FILTER_BAR (usga_filter_bar_get_type ())
G_DECLARE_FINAL_TYPE (UsgaFilterBar, usga_filter_bar, USGA, FILTER_BAR, GtkWidget)

void usga_filter_bar_set_store (UsgaFilterBar *self, UsgaStore *store);

G_END_DECLS
