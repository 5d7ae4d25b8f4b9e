/* test-gui-tracker.c — the Recommendations page in the real window: all 109 listed, search
 * "cámaras", record a status with a note, see it in the history and the summary, export
 * CSV/JSON/PDF and re-import; screenshots of the tracker, the summary and a narrow window.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "usga-application.h"
#include "usga-gui-test-util.h"
#include "usga-recommendation-detail.h"
#include "usga-recommendations-page.h"
#include "usga-window.h"

typedef struct {
  UsgaApplication *app;
  UsgaWindow      *window;
  char            *shots_dir;
  char            *db_path;
  int              status;
} Run;

/* Once what the store answered is on screen; the test asserts what it shows. */
static void
screenshot (Run *run, const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_build_filename (run->shots_dir, file, NULL);

  usga_gui_test_settle (usga_application_get_store (run->app), GTK_WIDGET (run->window));
  usga_gui_test_save_screenshot (GTK_WIDGET (run->window), path);
  g_test_message ("screenshot: %s", path);
}

static gboolean
all_listed (gpointer page)
{
  return usga_recommendations_page_get_n_shown (page) == 109;
}

static gboolean
leaflet_folded (gpointer leaflet)
{
  return adw_leaflet_get_folded (leaflet);
}


static gint64
history_count (UsgaDb *db)
{
  return usga_db_query_int (db, "SELECT count(*) FROM recommendation_history", -1);
}

static gboolean
page_idle (gpointer page)
{
  return !usga_recommendations_page_get_busy (page);
}

/* What the page asked of the store (reads on workers, edits on the writing thread) is on screen:
 * the page has every answer, and the store has nothing left to deliver. */
static void
settle (UsgaApplication *app, UsgaRecommendationsPage *page)
{
  g_assert_true (usga_test_wait_until (page_idle, page, 30000));
  g_assert_true (usga_gui_test_wait_store_idle (usga_application_get_store (app), 30000));
}

typedef struct {
  gboolean done, ok;
  GError  *error;
} FileResult;

static void
file_done (GObject *source, GAsyncResult *result, gpointer data)
{
  FileResult *r = data;

  r->ok = usga_recommendations_page_run_file_action_finish (USGA_RECOMMENDATIONS_PAGE (source), result, &r->error);
  r->done = TRUE;
}

static gboolean
file_finished (gpointer data)
{
  return ((FileResult *) data)->done;
}

/* Runs a menu action on @path as the file chooser would, and waits for its answer. */
static void
file_action (UsgaApplication *app, UsgaRecommendationsPage *page, int action, const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  FileResult r = { 0 };

  usga_recommendations_page_run_file_action (page, action, file, file_done, &r);
  g_assert_true (usga_test_wait_until (file_finished, &r, 60000));
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  settle (app, page);
}

/* The status badge of the detail (a label with the status key as its CSS class). */
static const char *
badge_text (UsgaRecommendationDetail *detail, const char *status)
{
  GtkWidget *badge = usga_gui_test_find_by_class (GTK_WIDGET (detail), status);

  return badge && GTK_IS_LABEL (badge) ? gtk_label_get_text (GTK_LABEL (badge)) : "";
}

static void
drive (UsgaGuiTestApp *app, gpointer data)
{
  Run *run = data;
  GtkWindow *window = GTK_WINDOW (app->window);
  UsgaRecommendationsPage *page;
  UsgaRecommendationDetail *detail;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;
  g_autofree char *dir = usga_test_tmpdir ();

  run->app = app->app;
  run->window = app->window;
  gtk_window_set_default_size (window, 1366, 768);
  usga_window_show_page (run->window, "recommendations");

  page = USGA_RECOMMENDATIONS_PAGE (usga_gui_test_find_widget (GTK_WIDGET (window), USGA_TYPE_RECOMMENDATIONS_PAGE));
  g_assert_nonnull (page);
  g_assert_true (usga_test_wait_until (all_listed, page, 20000));
  settle (run->app, page);
  detail = USGA_RECOMMENDATION_DETAIL (usga_recommendations_page_get_detail (page));
  db = usga_db_open (run->db_path, USGA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  /* All 109, the first one shown in the detail pane. */
  g_assert_cmpuint (usga_recommendations_page_get_n_shown (page), ==, 109);
  g_assert_cmpstr (usga_recommendation_detail_get_id (detail), ==, "R001");
  g_assert_true (usga_gui_test_find_label (GTK_WIDGET (detail), "R001 · "));

  /* A planner looks for cameras, with or without the accent. */
  usga_recommendations_page_search (page, "cámaras");
  settle (run->app, page);
  g_assert_cmpuint (usga_recommendations_page_get_n_shown (page), >, 0);
  g_assert_cmpuint (usga_recommendations_page_get_n_shown (page), <, 109);
  {
    guint with_accent = usga_recommendations_page_get_n_shown (page);
    usga_recommendations_page_search (page, "camaras");
    settle (run->app, page);
    g_assert_cmpuint (usga_recommendations_page_get_n_shown (page), ==, with_accent);
  }
  usga_recommendations_page_select (page, "R035");
  settle (run->app, page);
  g_assert_cmpstr (usga_recommendation_detail_get_id (detail), ==, "R035");
  g_assert_true (usga_gui_test_find_label (GTK_WIDGET (detail), "R035 · "));

  /* The name in preferences is who the history says made the change. */
  {
    g_autoptr(GSettings) settings = g_settings_new ("org.usga.Dashboard");
    g_settings_set_string (settings, "user-name", "Ana López");
  }
  /* Straight to implemented is refused (the form says why) and nothing is written. */
  g_assert_true (usga_recommendation_detail_record (detail, "implemented", -1, NULL));
  settle (run->app, page);
  g_assert_cmpstr (usga_recommendation_detail_get_message (detail), !=, "");
  g_assert_cmpstr (usga_recommendation_detail_get_status (detail), ==, "not_started");
  g_assert_cmpint (history_count (db), ==, 0);
  /* Planned with a note, then in progress at 40 %. */
  g_assert_true (usga_recommendation_detail_record (detail, "planned", -1, "Cameras for the Utopía parks approved"));
  settle (run->app, page);
  g_assert_cmpint (history_count (db), ==, 1);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM recommendation_history WHERE by = 'Ana López'"
                                          " AND note = 'Cameras for the Utopía parks approved'", -1), ==, 1);
  g_assert_true (usga_recommendation_detail_record (detail, "in_progress", 40, NULL));
  settle (run->app, page);
  g_assert_cmpint (history_count (db), ==, 3);
  g_assert_cmpint (usga_db_query_int (db, "SELECT progress FROM recommendation WHERE id = 'R035'", -1), ==, 40);
  screenshot (run, "recommendations-tracker");
  /* The list and the detail both say in progress; the pane shows the new state. */
  g_assert_cmpstr (usga_recommendations_page_get_list_status (page, "R035"), ==, "in_progress");
  g_assert_cmpstr (usga_recommendation_detail_get_status (detail), ==, "in_progress");
  g_assert_true (usga_gui_test_find_label (GTK_WIDGET (detail), "R035 · "));
  {
    /* Scrolled down: the history with the note, and the evidence trend. */
    GtkWidget *scroller = usga_gui_test_find_widget (GTK_WIDGET (detail), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    gtk_adjustment_set_value (adj, 560);
    screenshot (run, "recommendations-detail");
    g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 0);
    g_assert_true (usga_gui_test_find_label (GTK_WIDGET (detail), "Cameras for the Utopía parks approved"));
    gtk_adjustment_set_value (adj, 0);
  }

  usga_recommendations_page_show_view (page, "summary");
  screenshot (run, "recommendations-summary");
  g_assert_true (usga_gui_test_find_label (GTK_WIDGET (page), usga_recommendations_page_get_headline (page)));
  g_assert_nonnull (strstr (usga_recommendations_page_get_headline (page), "109"));
  usga_recommendations_page_show_view (page, "tracker");

  /* Exports and a re-import of our own JSON (nothing new, nothing lost). */
  {
    const char *names[] = { "tracker.csv", "tracker.json", "summary.pdf" };

    for (int action = 0; action < 3; action++)
      {
        g_autofree char *path = g_build_filename (dir, names[action], NULL);
        g_autofree char *contents = NULL;
        gsize length;

        file_action (run->app, page, action, path);
        g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
        if (action == 2)
          {
            g_assert_true (g_str_has_prefix (contents, "%PDF"));
            g_assert_cmpuint (length, >, 5000);
          }
        else if (action == 1)
          g_assert_nonnull (strstr (contents, "Cameras for the Utopía parks approved"));
        else
          g_assert_nonnull (strstr (contents, "\nR035,16,"));
      }
    {
      g_autofree char *history_csv = g_build_filename (dir, "tracker-history.csv", NULL);
      g_autofree char *contents = NULL;
      g_assert_true (g_file_get_contents (history_csv, &contents, NULL, NULL));
      g_assert_nonnull (strstr (contents, "Cameras for the Utopía parks approved"));
    }
    {
      g_autofree char *path = g_build_filename (dir, "tracker.json", NULL);
      file_action (run->app, page, 3, path);
      g_assert_cmpint (history_count (db), ==, 3);
    }
  }

  /* Narrow window: the leaflet folds to the list; picking one shows its detail. */
  gtk_window_set_default_size (window, 720, 768);
  {
    GtkWidget *leaflet = usga_gui_test_find_widget (GTK_WIDGET (page), ADW_TYPE_LEAFLET);

    g_assert_nonnull (leaflet);
    g_assert_true (usga_test_wait_until (leaflet_folded, leaflet, 20000));
    usga_recommendations_page_search (page, "");
    usga_recommendations_page_select (page, "R002");
    settle (run->app, page);
    screenshot (run, "recommendations-narrow");
    /* Folded, the detail of R002 fills the page. */
    g_assert_cmpstr (usga_recommendation_detail_get_id (detail), ==, "R002");
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (detail)));
    g_assert_true (usga_gui_test_find_label (GTK_WIDGET (detail), "R002 · "));
  }

  run->status = 0;
}

/* The first button under @root whose label is @label (mnemonic included), or NULL. */
static GtkWidget *
find_button (GtkWidget *root, const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);
      if (found)
        return found;
    }
  return NULL;
}

/* Selecting, searching, saving a status change and undoing it run no SQL on the main thread
 * (USGA_TRACE_MAIN_SQL counts the store's main connection), and each shows what it should. */
static void
drive_no_main_sql (UsgaGuiTestApp *app, gpointer data)
{
  UsgaStore *store = usga_application_get_store (app->app);
  UsgaRecommendationsPage *page;
  UsgaRecommendationDetail *detail;
  guint statements = G_MAXUINT, shown;
  g_autofree char *history_row = NULL, *undo_row = NULL, *count = NULL;

  gtk_window_set_default_size (GTK_WINDOW (app->window), 1366, 768);
  usga_window_show_page (app->window, "recommendations");
  page = USGA_RECOMMENDATIONS_PAGE (usga_gui_test_find_widget (GTK_WIDGET (app->window), USGA_TYPE_RECOMMENDATIONS_PAGE));
  detail = USGA_RECOMMENDATION_DETAIL (usga_recommendations_page_get_detail (page));
  g_assert_true (usga_test_wait_until (all_listed, page, 20000));
  settle (app->app, page);
  g_assert_true (usga_store_get_main_sql (store, NULL, NULL));
  usga_store_reset_main_sql (store);

  /* Selecting: the detail reads R012, its history and related items. */
  usga_recommendations_page_select (page, "R012");
  settle (app->app, page);
  g_assert_true (usga_gui_test_find_label (GTK_WIDGET (detail), "R012 · "));
  g_assert_cmpstr (badge_text (detail, "not_started"), ==, usga_status_name ("not_started"));

  /* Searching: the list count says how many match. */
  usga_recommendations_page_search (page, "cámaras");
  settle (app->app, page);
  shown = usga_recommendations_page_get_n_shown (page);
  g_assert_cmpuint (shown, >, 0);
  g_assert_cmpuint (shown, <, 109);
  count = g_strdup_printf (ngettext ("%u of %u recommendation shown", "%u of %u recommendations shown", 109), shown, 109);
  g_assert_true (usga_gui_test_find_label (GTK_WIDGET (page), count));
  usga_recommendations_page_search (page, "");
  settle (app->app, page);

  /* Saving a status change: Save waits while it is written, then the badge and the history say it. */
  g_assert_true (usga_recommendation_detail_record (detail, "planned", -1, NULL));
  g_assert_false (usga_recommendation_detail_record (detail, "planned", -1, NULL));   /* no double submit */
  settle (app->app, page);
  g_assert_cmpstr (badge_text (detail, "planned"), ==, usga_status_name ("planned"));
  g_assert_cmpstr (usga_recommendations_page_get_list_status (page, "R012"), ==, "planned");
  history_row = g_strdup_printf ("%s: %s → %s", _("Status"), usga_status_name ("not_started"), usga_status_name ("planned"));
  g_assert_true (usga_gui_test_find_label (GTK_WIDGET (detail), history_row));

  /* Undoing it: back to not started, the undo itself recorded. */
  {
    GtkWidget *undo = find_button (GTK_WIDGET (detail), _("_Undo"));

    g_assert_nonnull (undo);
    g_signal_emit_by_name (undo, "clicked");
  }
  settle (app->app, page);
  g_assert_cmpstr (badge_text (detail, "not_started"), ==, usga_status_name ("not_started"));
  g_assert_cmpstr (usga_recommendations_page_get_list_status (page, "R012"), ==, "not_started");
  undo_row = g_strdup_printf ("%s: %s → %s", _("Status"), usga_status_name ("planned"), usga_status_name ("not_started"));
  g_assert_true (usga_gui_test_find_label (GTK_WIDGET (detail), undo_row));

  g_assert_true (usga_store_get_main_sql (store, &statements, NULL));
  g_assert_cmpuint (statements, ==, 0);
}

static void
test_no_main_sql (void)
{
  g_autofree char *path = NULL;
  g_autoptr(UsgaDb) db = usga_test_bundled_db (&path);

  g_clear_pointer (&db, usga_db_close);
  /* Read when the store is created. */
  g_setenv ("USGA_TRACE_MAIN_SQL", "1", TRUE);
  usga_gui_test_run_app (path, drive_no_main_sql, NULL);
  g_unsetenv ("USGA_TRACE_MAIN_SQL");
}

static void
test_tracker_page (void)
{
  Run run = { 0 };

  run.status = 1;
  run.db_path = usga_test_db_path ();
  run.shots_dir = usga_gui_test_shots_dir ();
  usga_gui_test_run_app (run.db_path, drive, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_free (run.shots_dir);
  g_free (run.db_path);
}

int
main (int argc, char **argv)
{
  /* Not gtk_test_init(): it forces the C locale, and the Spanish run needs its locale. */
  usga_gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/tracker-page", test_tracker_page);
  g_test_add_func ("/gui/tracker-page/no-main-sql", test_no_main_sql);
  return g_test_run ();
}
