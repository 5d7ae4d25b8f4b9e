/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include "usga-store.h"

G_BEGIN_DECLS

#define USGA_TYPE_OVERVIEW_PAGE (usga_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (UsgaOverviewPage, usga_overview_page, USGA, OVERVIEW_PAGE, GtkWidget)

void usga_overview_page_set_store (UsgaOverviewPage *self, UsgaStore *store);

G_END_DECLS
