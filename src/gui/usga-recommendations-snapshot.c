/* usga-recommendations-snapshot.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "usga-recommendations-snapshot.h"

void
usga_recommendations_snapshot_free (UsgaRecommendationsSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_free (snapshot->today);
  g_clear_pointer (&snapshot->recs, g_ptr_array_unref);
  g_clear_pointer (&snapshot->by_sdg, g_ptr_array_unref);
  g_clear_pointer (&snapshot->by_theme, g_ptr_array_unref);
  g_clear_pointer (&snapshot->recent, g_ptr_array_unref);
  g_free (snapshot);
}

UsgaRecommendationsSnapshot *
usga_recommendations_snapshot_read (UsgaDb *db, GError **error)
{
  g_autoptr(UsgaRecommendationsSnapshot) s = g_new0 (UsgaRecommendationsSnapshot, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  s->today = g_date_time_format (now, "%Y-%m-%d");
  if ((s->recs = usga_tracker_list (db, NULL, error)) == NULL ||
      (s->by_sdg = usga_tracker_progress (db, FALSE, s->today, error)) == NULL ||
      (s->by_theme = usga_tracker_progress (db, TRUE, s->today, error)) == NULL ||
      (s->recent = usga_tracker_history (db, NULL, 8, error)) == NULL)
    return NULL;
  return g_steal_pointer (&s);
}

static gpointer
snapshot_query (UsgaDb *db, UsgaFilter *filter, gpointer data, GError **error)
{
  return usga_recommendations_snapshot_read (db, error);
}

void
usga_recommendations_snapshot_read_async (UsgaStore *store, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data)
{
  usga_store_query_async (store, usga_store_get_filter (store), snapshot_query, NULL, NULL,
                          (GDestroyNotify) usga_recommendations_snapshot_free, cancellable, callback, user_data);
}

UsgaRecommendationsSnapshot *
usga_recommendations_snapshot_read_finish (UsgaStore *store, GAsyncResult *result, GError **error)
{
  return usga_store_query_finish (store, result, error);
}
