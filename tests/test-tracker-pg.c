/* test-tracker-pg.c — the shared tracker's core on a real private PostgreSQL cluster (run
 * through with-pg-cluster.sh): NOTIFY reaching a second connection, the server killed in the
 * middle of an edit, the queued edit surviving a restart of the app and sent after the
 * server's restart, and the base check on the server.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <poll.h>
#include <stdlib.h>

#include "usga-core.h"
#include "usga-test-util.h"

static const char *
conninfo (void)
{
  return g_getenv ("USGA_TEST_PG_CONNINFO");
}

/* Waits (poll on the connection's socket, bounded) until a notification arrives. */
static gboolean
wait_notified (UsgaTrackerPg *pg, int timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  for (;;)
    {
      struct pollfd fd = { usga_tracker_pg_socket (pg), POLLIN, 0 };
      gint64 left = (end - g_get_monotonic_time ()) / 1000;
      gboolean notified = FALSE;
      g_autoptr(GError) error = NULL;

      if (left <= 0)
        return FALSE;
      if (poll (&fd, 1, (int) left) > 0)
        {
          g_assert_true (usga_tracker_pg_consume (pg, &notified, &error));
          g_assert_no_error (error);
          if (notified)
            return TRUE;
        }
    }
}

static void
test_notify (void)
{
  g_autofree char *path = NULL;
  g_autoptr(UsgaDb) local = usga_test_bundled_db (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaTrackerPg) listener = usga_tracker_pg_connect (conninfo (), &error);
  g_autoptr(UsgaSharedTracker) writer = NULL;
  g_autoptr(UsgaRecommendation) seen = NULL;
  UsgaTrackerChange change = USGA_TRACKER_CHANGE_INIT;
  gint64 start;

  g_assert_no_error (error);
  g_assert_true (usga_tracker_pg_listen (listener, &error));
  g_assert_no_error (error);
  writer = usga_shared_tracker_new (path, conninfo (), &error);
  g_assert_no_error (error);

  change.status = "planned";
  change.by = "Ana López";
  start = g_get_monotonic_time ();
  g_assert_cmpint (usga_shared_tracker_apply (writer, "R070", &change, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (wait_notified (listener, 5000));
  g_test_message ("notification after %.1f ms", (g_get_monotonic_time () - start) / 1000.0);

  /* What the second side reads after the notification is the new state. */
  {
    g_autofree char *other_path = NULL;
    g_autoptr(UsgaDb) other_local = usga_test_bundled_db (&other_path);
    g_autoptr(UsgaSharedTracker) other = usga_shared_tracker_new (other_path, conninfo (), &error);

    g_assert_no_error (error);
    g_assert_true (usga_shared_tracker_refresh (other, &error));
    g_assert_no_error (error);
    seen = usga_tracker_get (usga_shared_tracker_cache (other), "R070", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (seen->status, ==, "planned");
    g_assert_nonnull (seen->last_uuid);
  }
}

static void
test_stale_on_server (void)
{
  g_autofree char *path = NULL;
  g_autoptr(UsgaDb) local = usga_test_bundled_db (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaSharedTracker) a = usga_shared_tracker_new (path, conninfo (), &error);
  g_autoptr(UsgaRecommendation) before = NULL;
  g_autoptr(UsgaRecommendation) after = NULL;
  g_autofree char *base = NULL;
  UsgaTrackerChange first = USGA_TRACKER_CHANGE_INIT, second = USGA_TRACKER_CHANGE_INIT;

  g_assert_no_error (error);
  g_assert_true (usga_shared_tracker_refresh (a, &error));
  before = usga_tracker_get (usga_shared_tracker_cache (a), "R071", &error);
  base = g_strdup (before->last_uuid ? before->last_uuid : "");

  first.status = "in_progress";
  first.by = "Beto Ruiz";
  first.base_uuid = base;
  g_assert_cmpint (usga_shared_tracker_apply (a, "R071", &first, &error), ==, 1);
  g_assert_no_error (error);

  /* A second editor that read the same state. */
  second.status = "blocked";
  second.by = "Carla";
  second.note = "Sin presupuesto";
  second.base_uuid = base;
  g_assert_cmpint (usga_shared_tracker_apply (a, "R071", &second, &error), ==, -1);
  g_assert_error (error, USGA_TRACKER_ERROR, USGA_TRACKER_ERROR_STALE);
  g_assert_nonnull (strstr (error->message, "Beto Ruiz"));
  g_assert_cmpuint (usga_shared_tracker_n_queued (a), ==, 0);
  after = usga_tracker_get (usga_shared_tracker_cache (a), "R071", NULL);
  g_assert_cmpstr (after->status, ==, "in_progress");
}

static void
test_crash_mid_edit (void)
{
  g_autofree char *path = NULL;
  g_autoptr(UsgaDb) local = usga_test_bundled_db (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaSharedTracker) app = usga_shared_tracker_new (path, conninfo (), &error);
  g_autoptr(UsgaSharedTracker) restarted = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(UsgaRecommendation) rec = NULL;
  g_autoptr(GPtrArray) history = NULL;
  UsgaTrackerChange change = USGA_TRACKER_CHANGE_INIT;
  guint refused = 0;

  g_assert_no_error (error);
  /* Connected and up to date, the planner starts typing… and the server dies. */
  g_assert_true (usga_shared_tracker_refresh (app, &error));
  g_assert_nonnull (usga_shared_tracker_pg (app));
  usga_test_pg_cluster ("crash");

  change.status = "planned";
  change.progress = 20;
  change.by = "Ana López";
  change.note = "Escrito durante el corte";
  g_assert_cmpint (usga_shared_tracker_apply (app, "R072", &change, &error), ==, -1);
  g_assert_error (error, USGA_TRACKER_ERROR, USGA_TRACKER_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, g_getenv ("USGA_TEST_PG_DIR")));
  g_assert_nonnull (strstr (error->message, "queued"));
  g_clear_error (&error);
  g_assert_cmpuint (usga_shared_tracker_n_queued (app), ==, 1);
  /* The last fetched state stays readable. */
  rec = usga_tracker_get (usga_shared_tracker_cache (app), "R072", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rec->status, ==, "not_started");

  /* The app is closed and opened again: the edit is still queued. */
  g_clear_pointer (&app, usga_shared_tracker_free);
  restarted = usga_shared_tracker_new (path, conninfo (), &error);
  g_assert_no_error (error);
  queue = usga_shared_tracker_queue (restarted, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 1);
  g_assert_cmpstr (((UsgaQueuedEdit *) queue->pdata[0])->recommendation_id, ==, "R072");
  g_assert_nonnull (strstr (((UsgaQueuedEdit *) queue->pdata[0])->summary, "Escrito durante el corte"));
  g_assert_cmpint (usga_shared_tracker_send_queue (restarted, &refused, &error), ==, -1);
  g_assert_error (error, USGA_TRACKER_ERROR, USGA_TRACKER_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_cmpuint (usga_shared_tracker_n_queued (restarted), ==, 1);

  usga_test_pg_cluster ("start");
  g_assert_cmpint (usga_shared_tracker_send_queue (restarted, &refused, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (refused, ==, 0);
  g_assert_cmpuint (usga_shared_tracker_n_queued (restarted), ==, 0);

  /* Read back through a fresh connection: both fields and the note, once. */
  {
    g_autofree char *other_path = NULL;
    g_autoptr(UsgaDb) other_local = usga_test_bundled_db (&other_path);
    g_autoptr(UsgaSharedTracker) other = usga_shared_tracker_new (other_path, conninfo (), &error);

    g_assert_true (usga_shared_tracker_refresh (other, &error));
    g_assert_no_error (error);
    g_clear_pointer (&rec, usga_recommendation_free);
    rec = usga_tracker_get (usga_shared_tracker_cache (other), "R072", &error);
    g_assert_cmpstr (rec->status, ==, "planned");
    g_assert_cmpint (rec->progress, ==, 20);
    history = usga_tracker_history (usga_shared_tracker_cache (other), "R072", 0, &error);
    g_assert_cmpuint (history->len, ==, 2);
    g_assert_cmpstr (((UsgaHistoryEntry *) history->pdata[0])->note, ==, "Escrito durante el corte");
  }
}

/* The same story through the storage interface, on either backend, ends the same way. */
static void
store_story (UsgaTrackerStore *store)
{
  g_autoptr(GError) error = NULL;
  UsgaDb *reader = usga_tracker_store_reader (store, &error);
  g_autoptr(UsgaRecommendation) before = usga_tracker_get (reader, "R090", &error);
  g_autoptr(UsgaRecommendation) after = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *base = g_strdup (before->last_uuid ? before->last_uuid : "");
  UsgaTrackerChange change = USGA_TRACKER_CHANGE_INIT;

  g_assert_no_error (error);
  change.status = "planned";
  change.by = "Ana López";
  change.base_uuid = base;
  g_assert_cmpint (usga_tracker_store_apply (store, "R090", &change, &error), ==, 1);
  g_assert_no_error (error);
  change.status = "blocked";
  g_assert_cmpint (usga_tracker_store_apply (store, "R090", &change, &error), ==, -1);
  g_assert_error (error, USGA_TRACKER_ERROR, USGA_TRACKER_ERROR_STALE);
  g_clear_error (&error);

  reader = usga_tracker_store_reader (store, &error);
  history = usga_tracker_history (reader, "R090", 0, &error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_true (usga_tracker_store_undo (store, ((UsgaHistoryEntry *) history->pdata[0])->uuid, "Beto", &error));
  g_assert_no_error (error);
  reader = usga_tracker_store_reader (store, &error);
  after = usga_tracker_get (reader, "R090", &error);
  g_assert_cmpstr (after->status, ==, "not_started");
  g_assert_cmpint (usga_db_query_int (reader, "SELECT count(*) FROM recommendation_history WHERE recommendation_id = 'R090'", -1), ==, 2);
}

static void
test_store_backends (void)
{
  g_autofree char *path = NULL;
  g_autoptr(UsgaDb) local = usga_test_bundled_db (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaSharedTracker) shared = usga_shared_tracker_new (path, conninfo (), &error);
  g_autoptr(UsgaTrackerStore) sqlite_store = usga_tracker_store_new_sqlite (local);
  g_autoptr(UsgaTrackerStore) shared_store = usga_tracker_store_new_shared (shared);

  g_assert_no_error (error);
  store_story (sqlite_store);
  store_story (shared_store);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (conninfo () == NULL)
    {
      g_test_skip ("run through with-pg-cluster.sh (no USGA_TEST_PG_CONNINFO)");
      return 0;
    }
  g_test_add_func ("/tracker-pg/notify", test_notify);
  g_test_add_func ("/tracker-pg/stale", test_stale_on_server);
  g_test_add_func ("/tracker-pg/crash-mid-edit", test_crash_mid_edit);
  g_test_add_func ("/tracker-pg/store-backends", test_store_backends);
  return g_test_run ();
}
