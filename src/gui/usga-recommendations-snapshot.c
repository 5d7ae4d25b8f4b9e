/* usga-recommendations-snapshot.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "usga-recommendations-snapshot.h"

const char *
usga_recommendations_tracker_path (UsgaStore *store, UsgaSharedLink *link)
{
  if (link)
    return usga_shared_link_get_cache_path (link);
  return store ? usga_store_get_db_path (store) : NULL;
}

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
usga_recommendations_snapshot_read_async (UsgaStore *store, const char *path, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data)
{
  usga_store_query_file_async (store, path, NULL, snapshot_query, NULL, NULL,
                               (GDestroyNotify) usga_recommendations_snapshot_free, cancellable, callback, user_data);
}

UsgaRecommendationsSnapshot *
usga_recommendations_snapshot_read_finish (UsgaStore *store, GAsyncResult *result, GError **error)
{
  return usga_store_query_finish (store, result, error);
}

static gpointer
search_query (UsgaDb *db, UsgaFilter *filter, gpointer data, GError **error)
{
  return usga_tracker_search (db, data, error);
}

void
usga_recommendations_search_async (UsgaStore *store, const char *path, const char *text, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  usga_store_query_file_async (store, path, NULL, search_query, g_strdup (text), g_free,
                               (GDestroyNotify) g_hash_table_unref, cancellable, callback, user_data);
}

GHashTable *
usga_recommendations_search_finish (UsgaStore *store, GAsyncResult *result, GError **error)
{
  return usga_store_query_finish (store, result, error);
}

void
usga_recommendation_state_free (UsgaRecommendationState *state)
{
  if (state == NULL)
    return;
  g_clear_pointer (&state->rec, usga_recommendation_free);
  g_free (state->rec_error);
  g_clear_pointer (&state->history, g_ptr_array_unref);
  g_free (state->history_error);
  g_clear_pointer (&state->related, g_ptr_array_unref);
  g_free (state);
}

static gpointer
state_query (UsgaDb *db, UsgaFilter *filter, gpointer data, GError **error)
{
  const char *id = data;
  UsgaRecommendationState *state = g_new0 (UsgaRecommendationState, 1);
  g_autoptr(GError) e = NULL;
  g_autoptr(GPtrArray) related = NULL;

  /* Each part fails on its own, as the pane shows them: the record, its history, related ones. */
  if ((state->rec = usga_tracker_get (db, id, &e)) == NULL)
    {
      state->rec_error = g_strdup (e ? e->message : "");
      return state;
    }
  if ((state->history = usga_tracker_history (db, id, 0, &e)) == NULL)
    state->history_error = g_strdup (e->message);
  state->related = g_ptr_array_new_with_free_func ((GDestroyNotify) usga_recommendation_free);
  related = usga_tracker_related (db, id, 5, NULL);
  for (guint i = 0; related && i < related->len; i++)
    {
      UsgaRecommendation *other = usga_tracker_get (db, ((UsgaRelated *) related->pdata[i])->id, NULL);

      if (other)
        g_ptr_array_add (state->related, other);
    }
  return state;
}

void
usga_recommendation_state_read_async (UsgaStore *store, const char *path, const char *id, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data)
{
  usga_store_query_file_async (store, path, NULL, state_query, g_strdup (id), g_free,
                               (GDestroyNotify) usga_recommendation_state_free, cancellable, callback, user_data);
}

UsgaRecommendationState *
usga_recommendation_state_read_finish (UsgaStore *store, GAsyncResult *result, GError **error)
{
  return usga_store_query_finish (store, result, error);
}
