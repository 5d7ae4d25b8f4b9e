/* test-gui.c — opens the real application window on a fresh database, waits for the bundled
 * import, visits every page and saves a screenshot of each into the build directory.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "usga-application.h"
#include "usga-gui-test-util.h"
#include "usga-window.h"

static const char *const pages[] = { "overview", "trends", "map", "recommendations", "data" };

typedef struct {
  UsgaApplication *app;
  UsgaWindow      *window;
  char            *shots_dir;
  int              status;
} Run;

static gboolean
window_ready (gpointer data)
{
  Run *run = data;
  return run->window && usga_window_is_ready (run->window);
}

static gboolean
drive (gpointer data)
{
  Run *run = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));

  run->window = USGA_WINDOW (window);
  g_assert_nonnull (run->window);
  g_assert_true (usga_test_wait_until (window_ready, run, 60000));
  gtk_window_set_default_size (window, 1366, 768);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s.png", pages[i]);
      g_autofree char *path = g_build_filename (run->shots_dir, file, NULL);
      GStatBuf st;

      usga_window_show_page (run->window, pages[i]);
      /* Pages query on worker threads; give them time to answer and draw. */
      usga_test_spin (1500);
      usga_gui_test_save_screenshot (GTK_WIDGET (window), path);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_size, >, 10000);
      g_test_message ("screenshot: %s", path);
    }

  /* Preferences open on top and bind to the settings. */
  {
    g_autofree char *path = g_build_filename (run->shots_dir, "preferences.png", NULL);
    GtkWindow *preferences = NULL;
    GList *windows;

    g_action_group_activate_action (G_ACTION_GROUP (run->app), "preferences", NULL);
    usga_test_spin (800);
    windows = gtk_application_get_windows (GTK_APPLICATION (run->app));
    for (GList *l = windows; l; l = l->next)
      if (l->data != window)
        preferences = l->data;
    g_assert_nonnull (preferences);
    usga_gui_test_save_screenshot (GTK_WIDGET (preferences), path);
    gtk_window_destroy (preferences);
  }

  run->status = 0;
  gtk_window_destroy (window);
  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app, Run *run)
{
  g_idle_add (drive, run);
}

static void
test_window_pages (void)
{
  g_autofree char *db = usga_test_db_path ();
  g_autofree char *db_arg = g_strdup_printf ("--db=%s", db);
  const char *lang = g_getenv ("USGA_SCREENSHOT_LANG");
  Run run = { 0 };
  char *argv[] = { "usga-dashboard", db_arg, NULL };

  run.status = 1;
  run.shots_dir = g_build_filename (g_getenv ("USGA_SCREENSHOT_DIR") ? g_getenv ("USGA_SCREENSHOT_DIR") : ".",
                                    lang ? lang : "en", NULL);
  g_assert_cmpint (g_mkdir_with_parents (run.shots_dir, 0755), ==, 0);
  run.app = usga_application_new ();
  g_signal_connect_after (run.app, "activate", G_CALLBACK (on_activate), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (run.app), 2, argv), ==, 0);
  g_assert_cmpint (run.status, ==, 0);
  g_object_unref (run.app);
  g_free (run.shots_dir);
}

int
main (int argc, char **argv)
{
  /* Not gtk_test_init(): it forces the C locale, and the Spanish run needs its locale. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("USGA_LOCALEDIR") ? g_getenv ("USGA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);
  {
    /* No basemap: tests never reach the internet (test-map-gui runs a local tile server). */
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_settings_set_string (settings, "tile-url", "");
  }

  g_test_add_func ("/gui/window-pages", test_window_pages);
  return g_test_run ();
}
