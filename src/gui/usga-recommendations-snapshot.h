/* usga-recommendations-snapshot.h — what the Recommendations page and its detail show of the
 * tracker, each read in one go on a store worker (never on the main thread): the page's list and
 * summary, a search, one recommendation with its history and related items.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "usga-store.h"
#include "usga-shared-link.h"

G_BEGIN_DECLS

typedef struct {
  char      *today;      /* the day overdue items are judged on, YYYY-MM-DD (local time) */
  GPtrArray *recs;       /* UsgaRecommendation, every one of the tracker */
  GPtrArray *by_sdg;     /* UsgaTrackerGroup; the first is the total */
  GPtrArray *by_theme;
  GPtrArray *recent;     /* UsgaHistoryEntry, the 8 newest changes */
} UsgaRecommendationsSnapshot;

/* The file the tracker is read from: @link's local copy (NULL until it exists) or, without a
 * link, @store's database. */
const char                  *usga_recommendations_tracker_path (UsgaStore *store, UsgaSharedLink *link);

/* Reads the list, the progress per SDG and per theme today, and the newest changes. */
UsgaRecommendationsSnapshot *usga_recommendations_snapshot_read (UsgaDb *db, GError **error);
/* The same on one of @store's workers, from the tracker at @path. */
void                         usga_recommendations_snapshot_read_async  (UsgaStore *store, const char *path,
                                                                        GCancellable *cancellable,
                                                                        GAsyncReadyCallback callback, gpointer user_data);
UsgaRecommendationsSnapshot *usga_recommendations_snapshot_read_finish (UsgaStore *store, GAsyncResult *result,
                                                                        GError **error);
void                         usga_recommendations_snapshot_free (UsgaRecommendationsSnapshot *snapshot);

/* The ids matching what a user typed (usga_tracker_search()), on a worker. */
void        usga_recommendations_search_async  (UsgaStore *store, const char *path, const char *text,
                                                GCancellable *cancellable, GAsyncReadyCallback callback,
                                                gpointer user_data);
GHashTable *usga_recommendations_search_finish (UsgaStore *store, GAsyncResult *result, GError **error);

/* What the detail pane shows of one recommendation. */
typedef struct {
  UsgaRecommendation *rec;            /* NULL: not found (see @rec_error) */
  char               *rec_error;
  GPtrArray          *history;        /* UsgaHistoryEntry, newest first; NULL: see @history_error */
  char               *history_error;
  GPtrArray          *related;        /* UsgaRecommendation, the most related first */
} UsgaRecommendationState;

void                     usga_recommendation_state_read_async  (UsgaStore *store, const char *path, const char *id,
                                                                GCancellable *cancellable,
                                                                GAsyncReadyCallback callback, gpointer user_data);
UsgaRecommendationState *usga_recommendation_state_read_finish (UsgaStore *store, GAsyncResult *result,
                                                                GError **error);
void                     usga_recommendation_state_free (UsgaRecommendationState *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaRecommendationsSnapshot, usga_recommendations_snapshot_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaRecommendationState, usga_recommendation_state_free)

G_END_DECLS
