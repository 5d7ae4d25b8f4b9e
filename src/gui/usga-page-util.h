/* usga-page-util.h — what every data page shares: refreshing when the filter or the data
 * changes (hidden pages wait until they are shown) and locale-aware number formatting.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "usga-store.h"

G_BEGIN_DECLS

typedef void (*UsgaRefreshFunc) (GtkWidget *page);

/* Calls @refresh now if @page is mapped, and again on each of the store's ::refresh fan-outs
 * (filter or data changed); while @page is hidden the refresh waits until it is mapped. */
void  usga_page_watch_store     (GtkWidget *page, UsgaStore *store, UsgaRefreshFunc refresh);
/* How many times @page's refresh has run (for tests). */
guint usga_page_get_refresh_count (GtkWidget *page);
/* Cancels the page's previous query and returns a fresh cancellable for the next one. */
GCancellable *usga_page_renew_cancellable (GtkWidget *page);

/* Shows @message as a toast in @page's window. */
void  usga_page_toast           (GtkWidget *page, const char *message);

/* CSS class for a change: "change-up", "change-down" or "change-none". */
const char *usga_change_css_class (double percent);

/* "2025-02-10T18:04:05.123Z" -> "2025-02-10 12:04" in local time (@iso itself when it does
 * not parse, "" for NULL). */
char *usga_page_local_time (const char *iso);
/* Removes every row of @list (a GtkListBox). */
void  usga_page_clear_list (GtkWidget *list);
/* Appends a row @title / @subtitle to @list; with an @id it can be activated to open that
 * recommendation (the id is the row's "id" data). */
void  usga_page_append_link_row (GtkWidget *list, const char *id, const char *title, const char *subtitle);

G_END_DECLS

G_BEGIN_DECLS
/* "es" when the interface is shown in Spanish, else "en": picks the summary column to show. */
const char *usga_ui_language (void);
G_END_DECLS
