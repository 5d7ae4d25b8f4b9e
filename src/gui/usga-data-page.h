/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include "usga-store.h"

G_BEGIN_DECLS

#define USGA_TYPE_DATA_PAGE (usga_data_page_get_type ())
G_DECLARE_FINAL_TYPE (UsgaDataPage, usga_data_page, USGA, DATA_PAGE, GtkWidget)

void     usga_data_page_set_store (UsgaDataPage *self, UsgaStore *store);
/* Runs a portal sync (carpetas, then victims) or a CSV import on a worker thread; the page
 * shows progress and Cancel, a toast reports the result. */
void     usga_data_page_sync      (UsgaDataPage *self);
void     usga_data_page_import    (UsgaDataPage *self, const char *path);
gboolean usga_data_page_is_busy   (UsgaDataPage *self);
void     usga_data_page_cancel    (UsgaDataPage *self);
/* What the last job's result row says, or NULL before the first job. */
const char *usga_data_page_get_result (UsgaDataPage *self);

G_END_DECLS
