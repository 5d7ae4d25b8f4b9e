/* test-gui-shared-tracker.c — the real window on a shared tracker (a private PostgreSQL
 * cluster, through with-pg-cluster.sh): another planner's change shows up without a restart
 * (list, detail, summary headline), an edit typed on a state that changed meanwhile is refused
 * with the colleague's name and goes through when re-applied, and with the server down the
 * banner names it, the edit is queued, and it is sent once the server is back.
 * Every wait is on a condition, bounded by a timeout.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "usga-briefing.h"
#include "usga-briefing-window.h"
#include "usga-gui-test-util.h"
#include "usga-recommendation-detail.h"
#include "usga-recommendations-page.h"
#include "usga-shared-banner.h"

typedef struct {
  UsgaRecommendationsPage  *page;
  UsgaRecommendationDetail *detail;
  UsgaSharedTracker        *colleague;   /* another planner, on another local database */
  const char               *id;
  const char               *status;
  const char               *text;
} Run;

static gboolean
loaded (gpointer data)
{
  Run *run = data;
  UsgaSharedLink *link = usga_recommendations_page_get_link (run->page);

  return link && usga_shared_link_get_online (link) && usga_recommendations_page_get_n_shown (run->page) == 109;
}

static gboolean
shows_status (gpointer data)
{
  Run *run = data;

  return g_strcmp0 (usga_recommendations_page_get_list_status (run->page, run->id), run->status) == 0 &&
         g_strcmp0 (usga_recommendation_detail_get_id (run->detail), run->id) == 0 &&
         g_strcmp0 (usga_recommendation_detail_get_status (run->detail), run->status) == 0 &&
         (run->text == NULL || strstr (usga_recommendations_page_get_headline (run->page), run->text));
}

static gboolean
message_contains (gpointer data)
{
  Run *run = data;
  return strstr (usga_recommendation_detail_get_message (run->detail), run->text) != NULL;
}

/* Waits for the detail's message to say @text; says what it showed instead. */
static void
wait_message (Run *run, const char *text)
{
  run->text = text;
  if (!usga_test_wait_until (message_contains, run, 10000))
    g_error ("the detail says “%s”, not “%s”", usga_recommendation_detail_get_message (run->detail), text);
}

static gboolean
page_idle (gpointer data)
{
  Run *run = data;
  return !usga_recommendations_page_get_busy (run->page);
}

/* The page's reads (of the shared tracker's copy, on store workers) have all landed. */
static void
settle (Run *run, UsgaGuiTestApp *app)
{
  g_assert_true (usga_test_wait_until (page_idle, run, 20000));
  g_assert_true (usga_gui_test_wait_store_idle (usga_application_get_store (app->app), 20000));
}

static gboolean
banner_contains (gpointer data)
{
  Run *run = data;
  GtkWidget *banner = usga_recommendations_page_get_banner (run->page);

  return gtk_widget_get_visible (banner) && strstr (usga_shared_banner_get_text (USGA_SHARED_BANNER (banner)), run->text);
}

static gboolean
banner_hidden (gpointer data)
{
  Run *run = data;
  return !gtk_widget_get_visible (usga_recommendations_page_get_banner (run->page));
}

static gboolean
on_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* After a change of layout (the banner appears), the screenshot waits for the next frame. */
static void
screenshot (UsgaGuiTestApp *app, const char *name)
{
  g_autofree char *dir = usga_gui_test_shots_dir ();
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  gboolean drawn = FALSE;

  gtk_widget_add_tick_callback (GTK_WIDGET (app->window), on_tick, &drawn, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (app->window));
  g_assert_true (usga_test_wait_until (flag_set, &drawn, 5000));
  usga_gui_test_save_screenshot (GTK_WIDGET (app->window), path);
  g_test_message ("screenshot: %s", path);
}

static void
colleague_sets (Run *run, const char *id, const char *status, int progress)
{
  g_autoptr(GError) error = NULL;
  UsgaTrackerChange change = USGA_TRACKER_CHANGE_INIT;

  change.status = status;
  change.progress = progress;
  change.by = "Olga Otra Oficina";
  g_assert_cmpint (usga_shared_tracker_apply (run->colleague, id, &change, &error), >=, 1);
  g_assert_no_error (error);
}

static GtkWidget *
find_briefing (GtkApplication *app)
{
  for (GList *l = gtk_application_get_windows (app); l; l = l->next)
    if (USGA_IS_BRIEFING_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gboolean
briefing_ready (gpointer app)
{
  GtkWidget *briefing = find_briefing (app);

  return briefing && usga_briefing_window_is_ready (USGA_BRIEFING_WINDOW (briefing));
}

static void
drive (UsgaGuiTestApp *app, gpointer data)
{
  Run *run = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaRecommendation) rec = NULL;
  gint64 start, written;

  gtk_window_set_default_size (GTK_WINDOW (app->window), 1366, 768);
  usga_window_show_page (app->window, "recommendations");
  run->page = USGA_RECOMMENDATIONS_PAGE (usga_gui_test_find_widget (GTK_WIDGET (app->window),
                                                                    USGA_TYPE_RECOMMENDATIONS_PAGE));
  run->detail = USGA_RECOMMENDATION_DETAIL (usga_recommendations_page_get_detail (run->page));
  g_assert_true (usga_test_wait_until (loaded, run, 20000));
  settle (run, app);
  g_assert_true (strstr (usga_recommendations_page_get_headline (run->page), "0 %") != NULL);

  /* Another planner moves R080 forward while this window is open on it. */
  usga_recommendations_page_select (run->page, "R080");
  settle (run, app);
  run->id = "R080";
  run->status = "in_progress";
  run->text = "1 % of the 109";
  start = g_get_monotonic_time ();
  colleague_sets (run, "R080", "in_progress", -1);
  written = g_get_monotonic_time ();
  g_assert_true (usga_test_wait_until (shows_status, run, 10000));
  g_test_message ("another planner's change shown %.0f ms after their write returned (%.0f ms after it started)",
                  (g_get_monotonic_time () - written) / 1000.0, (g_get_monotonic_time () - start) / 1000.0);
  screenshot (app, "shared-tracker-live");

  /* The user types a note on that state; the colleague changes it again meanwhile. */
  usga_recommendation_detail_set_note (run->detail, "Revisado en comité");
  run->status = "blocked";
  run->text = "0 % of the 109";
  colleague_sets (run, "R080", "blocked", -1);
  g_assert_true (usga_test_wait_until (shows_status, run, 10000));
  /* What was typed survived the refresh; saving it is refused, naming the colleague (the
   * message comes with the state re-read under the form). */
  settle (run, app);
  g_assert_true (usga_recommendation_detail_record (run->detail, NULL, -1, NULL));
  wait_message (run, "Olga Otra Oficina");
  settle (run, app);
  /* Re-applied on the current state, it goes through. */
  g_assert_true (usga_recommendation_detail_record (run->detail, NULL, -1, NULL));
  wait_message (run, "Saved");
  settle (run, app);
  g_assert_true (usga_shared_tracker_refresh (run->colleague, &error));
  {
    g_autoptr(GPtrArray) history = usga_tracker_history (usga_shared_tracker_cache (run->colleague), "R080", 1, &error);
    g_assert_cmpstr (((UsgaHistoryEntry *) history->pdata[0])->note, ==, "Revisado en comité");
  }

  /* The briefing's tracker slide reads the shared tracker too, and says so. */
  {
    GtkWidget *briefing;

    gtk_widget_activate_action (GTK_WIDGET (app->window), "win.briefing", NULL);
    g_assert_true (usga_test_wait_until (briefing_ready, app->app, 30000));
    briefing = find_briefing (GTK_APPLICATION (app->app));
    gtk_widget_activate_action (briefing, "briefing.last", NULL);
    g_assert_cmpuint (usga_briefing_window_get_slide (USGA_BRIEFING_WINDOW (briefing)), ==, USGA_SLIDE_TRACKER);
    g_assert_nonnull (strstr (usga_briefing_window_get_method (USGA_BRIEFING_WINDOW (briefing)), "the shared tracker on"));
    gtk_window_destroy (GTK_WINDOW (briefing));
  }

  /* The server goes away: the banner names it, the edit is queued, nothing is lost. */
  usga_test_pg_cluster ("crash");
  run->text = g_getenv ("USGA_TEST_PG_DIR");
  g_assert_true (usga_test_wait_until (banner_contains, run, 15000));
  usga_recommendations_page_select (run->page, "R081");
  settle (run, app);
  g_assert_cmpstr (usga_recommendation_detail_get_id (run->detail), ==, "R081");
  g_assert_true (usga_recommendation_detail_record (run->detail, "planned", -1, "Sin conexión"));
  wait_message (run, "queued");
  run->text = "1 edit is waiting";
  g_assert_true (usga_test_wait_until (banner_contains, run, 10000));
  screenshot (app, "shared-tracker-offline");

  /* Back: the queued edit is sent by itself and the banner goes. */
  usga_test_pg_cluster ("start");
  g_assert_true (usga_test_wait_until (banner_hidden, run, 20000));
  run->id = "R081";
  run->status = "planned";
  run->text = NULL;
  g_assert_true (usga_test_wait_until (shows_status, run, 10000));
  g_assert_true (usga_shared_tracker_refresh (run->colleague, &error));
  g_assert_no_error (error);
  rec = usga_tracker_get (usga_shared_tracker_cache (run->colleague), "R081", &error);
  g_assert_cmpstr (rec->status, ==, "planned");
}

static void
test_live (void)
{
  g_autofree char *path = NULL, *other_path = NULL;
  g_autoptr(UsgaDb) db = usga_test_bundled_db (&path);
  g_autoptr(UsgaDb) other = usga_test_bundled_db (&other_path);
  g_autoptr(GSettings) settings = g_settings_new ("org.usga.Dashboard");
  g_autoptr(GError) error = NULL;
  Run run = { 0 };

  g_clear_pointer (&db, usga_db_close);
  g_settings_set_string (settings, "shared-tracker", g_getenv ("USGA_TEST_PG_CONNINFO"));
  g_settings_set_string (settings, "last-page", "recommendations");
  run.colleague = usga_shared_tracker_new (other_path, g_getenv ("USGA_TEST_PG_CONNINFO"), &error);
  g_assert_no_error (error);
  usga_gui_test_run_app (path, drive, &run);
  usga_shared_tracker_free (run.colleague);
  g_settings_set_string (settings, "shared-tracker", "");
}

int
main (int argc, char **argv)
{
  usga_gui_test_init (&argc, &argv);
  if (g_getenv ("USGA_TEST_PG_CONNINFO") == NULL)
    {
      g_test_skip ("run through with-pg-cluster.sh (no USGA_TEST_PG_CONNINFO)");
      return 0;
    }
  g_test_add_func ("/gui/shared-tracker/live", test_live);
  return g_test_run ();
}
