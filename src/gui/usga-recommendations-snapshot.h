/* usga-recommendations-snapshot.h — what the Recommendations page shows of the tracker, read
 * in one go so the page can read it on a store worker instead of the main thread.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "usga-store.h"

G_BEGIN_DECLS

typedef struct {
  char      *today;      /* the day overdue items are judged on, YYYY-MM-DD (local time) */
  GPtrArray *recs;       /* UsgaRecommendation, every one of the tracker */
  GPtrArray *by_sdg;     /* UsgaTrackerGroup; the first is the total */
  GPtrArray *by_theme;
  GPtrArray *recent;     /* UsgaHistoryEntry, the 8 newest changes */
} UsgaRecommendationsSnapshot;

/* Reads the list, the progress per SDG and per theme today, and the newest changes. */
UsgaRecommendationsSnapshot *usga_recommendations_snapshot_read (UsgaDb *db, GError **error);
/* The same on one of @store's workers (this computer's tracker, not a shared one's copy). */
void                         usga_recommendations_snapshot_read_async  (UsgaStore *store, GCancellable *cancellable,
                                                                        GAsyncReadyCallback callback, gpointer user_data);
UsgaRecommendationsSnapshot *usga_recommendations_snapshot_read_finish (UsgaStore *store, GAsyncResult *result,
                                                                        GError **error);
void                         usga_recommendations_snapshot_free (UsgaRecommendationsSnapshot *snapshot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaRecommendationsSnapshot, usga_recommendations_snapshot_free)

G_END_DECLS
