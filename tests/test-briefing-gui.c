/* test-briefing-gui.c — the briefing slide show in the real app: opens fullscreen from the
 * window, walks the slides in order with the keyboard actions, and screenshots each one.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <locale.h>
#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "usga-application.h"
#include "usga-briefing.h"
#include "usga-briefing-window.h"
#include "usga-gui-test-util.h"
#include "usga-window.h"

typedef struct {
  UsgaApplication *app;
  UsgaWindow      *window;
  GtkWindow       *briefing;
  char            *shots_dir;
  int              status;
} Run;

static gboolean
briefing_ready (gpointer data)
{
  Run *run = data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (run->app));

  for (GList *l = windows; l; l = l->next)
    if (USGA_IS_BRIEFING_WINDOW (l->data))
      run->briefing = l->data;
  return run->briefing && usga_briefing_window_is_ready (USGA_BRIEFING_WINDOW (run->briefing));
}

static gboolean
briefing_closed (gpointer data)
{
  Run *run = data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (run->app));

  for (GList *l = windows; l; l = l->next)
    if (USGA_IS_BRIEFING_WINDOW (l->data))
      return FALSE;
  return TRUE;
}

static gboolean
style_is_dark (gpointer data)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
drive (UsgaGuiTestApp *app, gpointer data)
{
  Run *run = data;
  UsgaBriefingWindow *briefing;

  run->app = app->app;
  run->window = app->window;

  gtk_widget_activate_action (GTK_WIDGET (run->window), "win.briefing", NULL);
  g_assert_true (usga_test_wait_until (briefing_ready, run, 30000));
  briefing = USGA_BRIEFING_WINDOW (run->briefing);
  g_assert_true (gtk_window_is_fullscreen (run->briefing) || g_getenv ("USGA_TEST_NO_WM"));

  for (int slide = 0; slide < USGA_N_SLIDES; slide++)
    {
      g_autofree char *file = g_strdup_printf ("briefing-%d.png", slide + 1);
      g_autofree char *path = g_build_filename (run->shots_dir, file, NULL);

      g_assert_cmpuint (usga_briefing_window_get_slide (briefing), ==, slide);
      /* Every slide offers its method: what its printed page's footnote says. */
      g_assert_nonnull (usga_briefing_window_get_method (briefing));
      if (slide == USGA_SLIDE_HOTSPOTS)
        g_assert_nonnull (strstr (usga_briefing_window_get_method (briefing), "Gi*"));
      usga_gui_test_settle (usga_application_get_store (USGA_APPLICATION (run->app)), GTK_WIDGET (run->briefing));
      usga_gui_test_save_screenshot (GTK_WIDGET (run->briefing), path);
      g_test_message ("screenshot: %s", path);
      gtk_widget_activate_action (GTK_WIDGET (run->briefing), "briefing.next", NULL);
    }
  /* The slides follow the dark style too. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);
    g_autofree char *path = g_build_filename (run->shots_dir, "briefing-4-dark.png", NULL);

    g_settings_set_string (settings, "style-variant", "dark");
    g_assert_true (usga_test_wait_until (style_is_dark, NULL, 20000));
    g_assert_true (usga_gui_test_wait_frame (GTK_WIDGET (run->briefing), 20000));
    usga_gui_test_save_screenshot (GTK_WIDGET (run->briefing), path);
    g_settings_set_string (settings, "style-variant", "follow");
  }

  /* The last slide stays the last; going back steps one. */
  g_assert_cmpuint (usga_briefing_window_get_slide (briefing), ==, USGA_N_SLIDES - 1);
  gtk_widget_activate_action (GTK_WIDGET (run->briefing), "briefing.previous", NULL);
  g_assert_cmpuint (usga_briefing_window_get_slide (briefing), ==, USGA_N_SLIDES - 2);
  gtk_widget_activate_action (GTK_WIDGET (run->briefing), "briefing.first", NULL);
  g_assert_cmpuint (usga_briefing_window_get_slide (briefing), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (run->briefing), "window.close", NULL);
  g_assert_true (usga_test_wait_until (briefing_closed, run, 5000));

  run->status = 0;
}

static void
test_briefing_slides (void)
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
  usga_gui_test_init (&argc, &argv);

  g_test_add_func ("/briefing/slides", test_briefing_slides);
  return g_test_run ();
}
