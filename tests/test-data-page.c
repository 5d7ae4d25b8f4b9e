/* test-data-page.c — the Data page's Sync and Import CSV on the real window, against a local
 * CKAN server on 127.0.0.1: the window stays responsive, rows arrive, failures are explained.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "usga-application.h"
#include "usga-data-page.h"
#include "usga-fake-ckan.h"
#include "usga-gui-test-util.h"
#include "usga-window.h"

#define RID "48fcb848-220c-4af0-839b-4fd8ac812c0f"
#define VRID "d543a7b1-f8cb-439f-8a5c-e56c5479eeb5"

typedef struct {
  UsgaApplication *app;
  UsgaWindow      *window;
  UsgaDataPage    *page;
  UsgaFakeCkan    *fake;
  char            *db_path;
  char            *shots_dir;
  guint            ticks;
  guint            requests_before;
  int              status;
} Run;

static gboolean
page_idle (gpointer data)
{
  Run *run = data;
  return !usga_data_page_is_busy (run->page);
}

/* Counts main-loop ticks while a job runs: a blocked main loop would count none. */
static gboolean
tick (gpointer data)
{
  Run *run = data;
  run->ticks++;
  return G_SOURCE_CONTINUE;
}

/* The sync has reached the portal: the server has answered more requests than @data says. */
static gboolean
server_asked (gpointer data)
{
  Run *run = data;
  return usga_fake_ckan_requests (run->fake) > run->requests_before;
}

static void
wait_for_server (Run *run)
{
  g_assert_true (usga_test_wait_until (server_asked, run, 20000));
}

static gint64
db_count (Run *run, const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = usga_db_open (run->db_path, USGA_DB_OPEN_READONLY, &error);

  g_assert_no_error (error);
  return usga_db_query_int (db, sql, -1);
}

static const char *
shots_path (Run *run, const char *name)
{
  static char *path;

  g_free (path);
  path = g_strdup_printf ("%s/%s.png", run->shots_dir, name);
  return path;
}

static void
shot (Run *run, const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_build_filename (run->shots_dir, file, NULL);

  usga_gui_test_settle (usga_application_get_store (run->app), GTK_WIDGET (run->window));
  usga_gui_test_save_screenshot (GTK_WIDGET (run->window), path);
  g_test_message ("screenshot: %s", path);
}

static void
run_job_and_wait (Run *run)
{
  guint source;

  g_assert_true (usga_data_page_is_busy (run->page));
  run->ticks = 0;
  source = g_timeout_add (20, tick, run);
  g_assert_true (usga_test_wait_until (page_idle, run, 90000));
  g_source_remove (source);
}

static void
drive (UsgaGuiTestApp *app, gpointer data)
{
  Run *run = data;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *csv = usga_data_path ("bundled/carpetas_iztapalapa_puntos_2024.csv.gz");
  GtkWindow *window = GTK_WINDOW (app->window);

  run->app = app->app;
  run->window = app->window;
  gtk_window_set_default_size (window, 1366, 768);
  usga_window_show_page (run->window, "data");
  run->page = USGA_DATA_PAGE (usga_gui_test_find_widget (GTK_WIDGET (window), USGA_TYPE_DATA_PAGE));
  g_assert_nonnull (run->page);

  /* A sync that works: carpetas and victims from the local portal, Iztapalapa only. */
  g_settings_set_string (settings, "ckan-base-url", usga_fake_ckan_url (run->fake));
  g_settings_set_string (settings, "sync-scope", "iztapalapa");
  usga_fake_ckan_set_delay (run->fake, 300);
  run->requests_before = usga_fake_ckan_requests (run->fake) + 1;
  usga_data_page_sync (run->page);
  wait_for_server (run);   /* a page is in: the progress shows */
  g_assert_true (usga_data_page_is_busy (run->page));
  g_assert_true (usga_gui_test_wait_frame (GTK_WIDGET (run->window), 20000));
  usga_gui_test_save_screenshot (GTK_WIDGET (run->window), shots_path (run, "data-syncing"));
  run_job_and_wait (run);
  usga_fake_ckan_set_delay (run->fake, 0);
  g_assert_cmpuint (run->ticks, >, 20);  /* the main loop kept running during the sync */
  g_assert_cmpint (db_count (run, "SELECT count(*) FROM incident WHERE origin = 'ckan'"), >, 500);
  g_assert_cmpint (db_count (run, "SELECT count(*) FROM victim"), >, 500);
  g_assert_cmpint (db_count (run, "SELECT count(*) FROM sync_log WHERE kind = 'ckan' AND status = 'ok'"), ==, 2);
  shot (run, "data-synced");

  /* Cancel: the job stops at the next step, the window carries on. */
  usga_fake_ckan_set_last_modified (run->fake, RID, "2025-02-20T00:00:00");
  usga_fake_ckan_set_delay (run->fake, 300);
  run->requests_before = usga_fake_ckan_requests (run->fake);
  usga_data_page_sync (run->page);
  wait_for_server (run);   /* cancelled while talking to the portal */
  usga_data_page_cancel (run->page);
  run_job_and_wait (run);
  usga_fake_ckan_set_delay (run->fake, 0);
  g_assert_cmpint (db_count (run, "SELECT count(*) FROM sync_log WHERE status = 'cancelled'"), ==, 1);

  /* The portal refuses (geo-block): the page says so and nothing changes. */
  usga_fake_ckan_set_last_modified (run->fake, RID, "2025-03-01T00:00:00");
  usga_fake_ckan_fail (run->fake, USGA_FAKE_HTTP_403, -1, 1000);
  usga_data_page_sync (run->page);
  run_job_and_wait (run);
  /* Both datasets are tried (the rule of `usga sync`, usga-sync-all.h), both refused; the
   * message names both. */
  g_assert_cmpint (db_count (run, "SELECT count(*) FROM sync_log WHERE status = 'failed' AND message LIKE '%403%'"), ==, 2);
  g_assert_true (g_str_has_prefix (usga_data_page_get_result (run->page), "Sync failed for 2 of 2 datasets — Carpetas: "));
  g_assert_nonnull (strstr (usga_data_page_get_result (run->page), "; Victims: "));
  shot (run, "data-sync-403");

  /* A portal capping pages at 300 rows whose table stops after the first page: the page says
   * the sync is incomplete and will resume, the run is kept open; the next sync completes it. */
  usga_fake_ckan_set_last_modified (run->fake, RID, "2025-03-10T00:00:00");
  usga_fake_ckan_set_page_cap (run->fake, 300);
  usga_fake_ckan_fail (run->fake, USGA_FAKE_EMPTY, 300, 1);
  usga_data_page_sync (run->page);
  run_job_and_wait (run);
  /* Carpetas failed part-way; the victims were still tried after it (already up to date). The
   * message names the carpetas alone, as `usga sync` does; what the victims did follows it. */
  g_assert_true (g_str_has_prefix (usga_data_page_get_result (run->page), "Sync failed for 1 of 2 datasets — Carpetas: Incomplete: got 300 of "));
  g_assert_nonnull (strstr (usga_data_page_get_result (run->page), "will resume"));
  g_assert_null (strstr (usga_data_page_get_result (run->page), "Victims: "));
  g_assert_nonnull (strstr (usga_data_page_get_result (run->page), "\nCompleted: Victims already up to date"));
  g_assert_cmpint (db_count (run, "SELECT count(*) FROM sync_log WHERE kind = 'ckan' AND status = 'failed' AND next_offset = 300"), ==, 1);
  shot (run, "data-sync-incomplete");
  usga_fake_ckan_fail (run->fake, USGA_FAKE_NONE, -1, 0);
  usga_data_page_sync (run->page);
  run_job_and_wait (run);
  g_assert_null (strstr (usga_data_page_get_result (run->page), "Incomplete"));
  g_assert_cmpint (db_count (run, "SELECT count(*) FROM sync_log WHERE kind = 'ckan' AND status = 'failed' AND next_offset = 300"), ==, 0);
  usga_fake_ckan_set_page_cap (run->fake, 0);

  /* The portal replaced the carpetas resource: the dataset names the one it serves now, the
   * sync uses it and the setting keeps it. */
  {
    static const char *const served[] = { RID, NULL };
    g_autofree char *kept = NULL;

    usga_fake_ckan_fail (run->fake, USGA_FAKE_HTTP_403, -1, 0);
    usga_fake_ckan_add_package (run->fake, "carpetas-de-investigacion", served);
    g_settings_set_string (settings, "ckan-carpetas-resource", "0ld-gone-resource");
    g_settings_set_string (settings, "ckan-carpetas-package", "carpetas-de-investigacion");
    usga_data_page_sync (run->page);
    run_job_and_wait (run);
    kept = g_settings_get_string (settings, "ckan-carpetas-resource");
    g_assert_cmpstr (kept, ==, RID);
    g_assert_cmpint (db_count (run, "SELECT count(*) FROM sync_log WHERE resource = '" RID "' AND status = 'ok'"), >=, 2);
    shot (run, "data-resource-replaced");
  }

  /* The manual way round: import the official CSV. These are the bundled carpetas again: all
   * found already present, none added, none replaced. */
  usga_data_page_import (run->page, csv);
  run_job_and_wait (run);
  g_assert_cmpint (db_count (run, "SELECT rows_skipped FROM sync_log WHERE kind = 'csv' AND status = 'ok'"), >, 20000);
  g_assert_cmpint (db_count (run, "SELECT count(*) FROM incident WHERE origin = 'csv'"), ==, 0);
  g_assert_cmpint (db_count (run, "SELECT count(*) FROM incident WHERE origin = 'bundled'"), >, 20000);
  shot (run, "data-imported");

  run->status = 0;
}

static void
test_data_page_sync (void)
{
  Run run = { 0 };

  run.status = 1;
  run.db_path = usga_test_db_path ();
  run.fake = usga_fake_ckan_new ();
  usga_fake_ckan_add_generated (run.fake, RID, 16000);
  usga_fake_ckan_add_generated_victims (run.fake, VRID, 12000);  /* a carpetas table is refused as victims */
  run.shots_dir = usga_gui_test_shots_dir ();
  usga_gui_test_run_app (run.db_path, drive, &run);
  g_assert_cmpint (run.status, ==, 0);
  usga_fake_ckan_free (run.fake);
  g_free (run.shots_dir);
  g_free (run.db_path);
}

int
main (int argc, char **argv)
{
  usga_gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/data-page/sync-and-import", test_data_page_sync);
  return g_test_run ();
}
