/* usga-recommendations-page.h — the recommendations tracker page.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "usga-store.h"
#include "usga-shared-link.h"

G_BEGIN_DECLS

#define USGA_TYPE_RECOMMENDATIONS_PAGE (usga_recommendations_page_get_type ())
G_DECLARE_FINAL_TYPE (UsgaRecommendationsPage, usga_recommendations_page, USGA, RECOMMENDATIONS_PAGE, GtkWidget)

void       usga_recommendations_page_set_store  (UsgaRecommendationsPage *self, UsgaStore *store);
/* Shows and edits a shared tracker through @link (NULL: this computer's own tracker). */
void       usga_recommendations_page_set_link   (UsgaRecommendationsPage *self, UsgaSharedLink *link);
UsgaSharedLink *usga_recommendations_page_get_link (UsgaRecommendationsPage *self);
/* The status the list shows for @id, for tests. */
const char *usga_recommendations_page_get_list_status (UsgaRecommendationsPage *self, const char *id);
/* The summary's headline ("… % of the 109 recommendations addressed"), for tests. */
const char *usga_recommendations_page_get_headline (UsgaRecommendationsPage *self);
UsgaStore *usga_recommendations_page_get_store  (UsgaRecommendationsPage *self);
/* Whether a read of this page or its detail, or an edit, has not landed yet (tests wait for FALSE). */
gboolean   usga_recommendations_page_get_busy   (UsgaRecommendationsPage *self);
/* Re-reads the list and the summary (on a store worker). */
void       usga_recommendations_page_reload      (UsgaRecommendationsPage *self);
/* The shared tracker's banner (offline, queued edits). */
GtkWidget *usga_recommendations_page_get_banner (UsgaRecommendationsPage *self);
/* What the search entry, the list and the menu do, for tests and the window. */
void       usga_recommendations_page_search     (UsgaRecommendationsPage *self, const char *text);
guint      usga_recommendations_page_get_n_shown (UsgaRecommendationsPage *self);
void       usga_recommendations_page_select     (UsgaRecommendationsPage *self, const char *id);
GtkWidget *usga_recommendations_page_get_detail (UsgaRecommendationsPage *self);
/* "tracker" or "summary". */
void       usga_recommendations_page_show_view  (UsgaRecommendationsPage *self, const char *name);
/* @action: 0 export CSV (and FILE-history.csv), 1 export JSON, 2 PDF summary, 3 import JSON.
 * The tracker is read (or the import written) off the main thread; @callback follows. */
void       usga_recommendations_page_run_file_action        (UsgaRecommendationsPage *self, int action, GFile *file,
                                                             GAsyncReadyCallback callback, gpointer user_data);
gboolean   usga_recommendations_page_run_file_action_finish (UsgaRecommendationsPage *self, GAsyncResult *result,
                                                             GError **error);

G_END_DECLS
