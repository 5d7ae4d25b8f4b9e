/* test-briefing-gui.c — the briefing slide show in the real app: opens fullscreen from the
 * window, walks the slides in order with the keyboard actions, and screenshots each one.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
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
window_ready (gpointer data)
{
  Run *run = data;
  return run->window && usga_window_is_ready (run->window);
}

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
drive (gpointer data)
{
  Run *run = data;
  UsgaBriefingWindow *briefing;

  run->window = USGA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (run->app)));
  g_assert_true (usga_test_wait_until (window_ready, run, 60000));

  gtk_widget_activate_action (GTK_WIDGET (run->window), "win.briefing", NULL);
  g_assert_true (usga_test_wait_until (briefing_ready, run, 30000));
  briefing = USGA_BRIEFING_WINDOW (run->briefing);
  g_assert_true (gtk_window_is_fullscreen (run->briefing) || g_getenv ("USGA_TEST_NO_WM"));

  for (int slide = 0; slide < USGA_N_SLIDES; slide++)
    {
      g_autofree char *file = g_strdup_printf ("briefing-%d.png", slide + 1);
      g_autofree char *path = g_build_filename (run->shots_dir, file, NULL);

      g_assert_cmpuint (usga_briefing_window_get_slide (briefing), ==, slide);
      usga_test_spin (600);
      usga_gui_test_save_screenshot (GTK_WIDGET (run->briefing), path);
      g_test_message ("screenshot: %s", path);
      gtk_widget_activate_action (GTK_WIDGET (run->briefing), "briefing.next", NULL);
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
  gtk_window_destroy (GTK_WINDOW (run->window));
  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app, Run *run)
{
  g_idle_add (drive, run);
}

static void
test_briefing_slides (void)
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
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("USGA_LOCALEDIR") ? g_getenv ("USGA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/briefing/slides", test_briefing_slides);
  return g_test_run ();
}
