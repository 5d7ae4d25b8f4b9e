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

static void
drive (UsgaGuiTestApp *app, gpointer data)
{
  Run *run = data;
  GtkWindow *window = GTK_WINDOW (app->window);

  run->app = app->app;
  run->window = app->window;
  gtk_window_set_default_size (window, 1366, 768);

  /* Every page in the light style, then in the dark one (the style-variant setting, live). */
  for (guint style = 0; style < 2; style++)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);

      g_settings_set_string (settings, "style-variant", style ? "dark" : "light");
      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        {
          g_autofree char *file = g_strdup_printf ("%s%s.png", pages[i], style ? "-dark" : "");
          g_autofree char *path = g_build_filename (run->shots_dir, file, NULL);
          GStatBuf st;

          usga_window_show_page (run->window, pages[i]);
          /* Pages query on worker threads; give them time to answer and draw. */
          usga_test_spin (style ? 800 : 1500);
          usga_gui_test_save_screenshot (GTK_WIDGET (window), path);
          g_assert_cmpint (g_stat (path, &st), ==, 0);
          g_assert_cmpint (st.st_size, >, 10000);
          g_test_message ("screenshot: %s", path);
        }
      g_assert_cmpint (adw_style_manager_get_dark (adw_style_manager_get_default ()), ==, style == 1);
    }
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_settings_set_string (settings, "style-variant", "follow");
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
}

static void
test_window_pages (void)
{
  g_autofree char *db = usga_test_db_path ();
  Run run = { 0 };

  run.status = 1;
  run.shots_dir = usga_gui_test_shots_dir ();
  usga_gui_test_run_app (db, drive, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_free (run.shots_dir);
}

int
main (int argc, char **argv)
{
  /* Not gtk_test_init(): it forces the C locale, and the Spanish run needs its locale. */
  usga_gui_test_init (&argc, &argv);
  {
    /* No basemap: tests never reach the internet (test-map-gui runs a local tile server). */
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_settings_set_string (settings, "tile-url", "");
  }

  g_test_add_func ("/gui/window-pages", test_window_pages);
  return g_test_run ();
}
