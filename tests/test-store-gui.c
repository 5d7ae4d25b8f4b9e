/* test-store-gui.c — the store's one fan-out on real pages: an unchanged filter does nothing,
 * one change (or new data) refreshes each visible page once, hidden pages wait until shown,
 * and after 50 rapid filter changes the pages show the figures of the last one (no stale
 * result wins). Expected figures come from a plain count over the raw rows, not from the
 * app's statistics code.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "usga-gui-test-util.h"
#include "usga-data-page.h"
#include "usga-format.h"
#include "usga-overview-page.h"
#include "usga-page-util.h"
#include "usga-store.h"

typedef struct {
  UsgaStore        *store;
  GtkWindow        *window;
  GtkWidget        *stack;
  UsgaOverviewPage *overview;
  UsgaDataPage     *data;
  char             *db_path;
  char             *expected;   /* the "All carpetas" figure the overview must show */
} Fixture;

/* Independent figure: carpeta rows in [from, to] counted straight from the table. */
static gint64
raw_count (const char *path, const char *from, const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = usga_db_open (path, USGA_DB_OPEN_READONLY, &error);
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (usga_db_handle (db), "SELECT count(*) FROM incident WHERE date BETWEEN ? AND ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The "All carpetas" card's count: the first "title-1" label of the KPI flow box. */
static const char *
shown_total (Fixture *f)
{
  GtkWidget *box = usga_gui_test_find_widget (GTK_WIDGET (f->overview), GTK_TYPE_FLOW_BOX);
  GtkWidget *card = box ? gtk_widget_get_first_child (box) : NULL;

  for (GtkWidget *w = card; w; )
    {
      if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, "title-1"))
        return gtk_label_get_text (GTK_LABEL (w));
      /* depth-first through the card */
      if (gtk_widget_get_first_child (w))
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w && w != card && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = (w && w != card) ? gtk_widget_get_next_sibling (w) : NULL;
        }
    }
  return NULL;
}

static gboolean
shows_expected (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (shown_total (f), f->expected) == 0;
}

static gboolean
settled (gpointer data)
{
  Fixture *f = data;

  return usga_store_get_queries_in_flight (f->store) == 0 && !g_main_context_pending (NULL);
}

static gboolean
catalog_loaded (gpointer data)
{
  return usga_store_catalog_ready (((Fixture *) data)->store);
}

static void
wait_settled (Fixture *f)
{
  g_assert_true (usga_test_wait_until (settled, f, 60000));
}

static void
fixture_open (Fixture *f)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (&f->db_path);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&db, usga_db_close);
  f->store = usga_store_new (f->db_path);
  g_assert_true (usga_store_open (f->store, &error));
  g_assert_no_error (error);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1366, 768);
  f->stack = gtk_stack_new ();
  f->overview = g_object_new (USGA_TYPE_OVERVIEW_PAGE, NULL);
  f->data = g_object_new (USGA_TYPE_DATA_PAGE, NULL);
  gtk_stack_add_named (GTK_STACK (f->stack), GTK_WIDGET (f->overview), "overview");
  gtk_stack_add_named (GTK_STACK (f->stack), GTK_WIDGET (f->data), "data");
  gtk_window_set_child (f->window, f->stack);
  gtk_window_present (f->window);
  usga_overview_page_set_store (f->overview, f->store);
  usga_data_page_set_store (f->data, f->store);
  g_assert_true (usga_test_wait_until (catalog_loaded, f, 60000));
  usga_gui_test_set_period (f->store, "2024-01-01", "2024-12-31");
  wait_settled (f);
}

static void
fixture_close (Fixture *f)
{
  gtk_window_destroy (f->window);
  wait_settled (f);
  g_clear_object (&f->store);
  g_free (f->db_path);
  g_free (f->expected);
}

static void
test_fan_out_once (void)
{
  Fixture f = { 0 };
  GtkWidget *overview, *data;
  guint store_runs, overview_runs, data_runs;

  fixture_open (&f);
  overview = GTK_WIDGET (f.overview);
  data = GTK_WIDGET (f.data);
  f.expected = usga_format_count (raw_count (f.db_path, "2024-01-01", "2024-12-31"));
  g_assert_true (usga_test_wait_until (shows_expected, &f, 60000));
  store_runs = usga_store_get_refresh_count (f.store);
  overview_runs = usga_page_get_refresh_count (overview);
  data_runs = usga_page_get_refresh_count (data);
  g_assert_cmpuint (data_runs, ==, 0);   /* hidden: it has not queried */

  /* The same value again is no change: nothing runs. */
  usga_gui_test_set_period (f.store, "2024-01-01", "2024-12-31");
  wait_settled (&f);
  g_assert_cmpuint (usga_store_get_refresh_count (f.store), ==, store_runs);
  g_assert_cmpuint (usga_page_get_refresh_count (overview), ==, overview_runs);

  /* One change: one fan-out, the visible page refreshes once, the hidden one waits. */
  /* A whole quarter: the cards compare it with the same quarter of 2023, which is published
   * by quarter, so a window that cut a quarter would be counted whole (the period rule). */
  usga_gui_test_set_period (f.store, "2024-04-01", "2024-06-30");
  wait_settled (&f);
  g_assert_cmpuint (usga_store_get_refresh_count (f.store), ==, store_runs + 1);
  g_assert_cmpuint (usga_page_get_refresh_count (overview), ==, overview_runs + 1);
  g_assert_cmpuint (usga_page_get_refresh_count (data), ==, 0);
  g_free (f.expected);
  f.expected = usga_format_count (raw_count (f.db_path, "2024-04-01", "2024-06-30"));
  g_assert_true (shows_expected (&f));

  /* New data (a sync or import finished): the same path, once. */
  usga_store_emit_data_changed (f.store);
  g_assert_true (usga_test_wait_until (settled, &f, 60000));
  g_assert_cmpuint (usga_store_get_refresh_count (f.store), ==, store_runs + 2);
  g_assert_cmpuint (usga_page_get_refresh_count (overview), ==, overview_runs + 2);

  /* Showing the hidden page runs its refresh then, once. */
  gtk_stack_set_visible_child_name (GTK_STACK (f.stack), "data");
  wait_settled (&f);
  g_assert_cmpuint (usga_page_get_refresh_count (data), ==, 1);
  g_assert_cmpuint (usga_page_get_refresh_count (overview), ==, overview_runs + 2);
  fixture_close (&f);
}

static void
test_rapid_changes (void)
{
  Fixture f = { 0 };
  char to[11];

  fixture_open (&f);
  /* 50 changes, letting the main loop run a little between some of them, so that some
   * refreshes start queries that the next change makes stale. */
  for (guint i = 1; i <= 50; i++)
    {
      guint day = 1 + (i * 37) % 28, month = 1 + (i * 5) % 12;

      g_snprintf (to, sizeof to, "2024-%02u-%02u", month, day);
      usga_gui_test_set_period (f.store, "2024-01-01", to);
      for (guint k = 0; k < i % 4; k++)
        g_main_context_iteration (NULL, FALSE);
    }
  /* The cards count whole quarters when the year before is published by quarter: the last
   * window ends with its quarter. */
  {
    guint last_month = 1 + (50 * 5) % 12, quarter_end = ((last_month + 2) / 3) * 3;
    static const char *const ends[] = { "", "", "", "03-31", "", "", "06-30", "", "", "09-30", "", "", "12-31" };
    g_autofree char *until = g_strdup_printf ("2024-%s", ends[quarter_end]);

    f.expected = usga_format_count (raw_count (f.db_path, "2024-01-01", until));
  }
  g_assert_true (usga_test_wait_until (shows_expected, &f, 60000));
  /* Every query done and delivered: still the last filter's figure. */
  wait_settled (&f);
  g_assert_cmpstr (shown_total (&f), ==, f.expected);
  g_assert_cmpstr (usga_filter_get_date_to (usga_store_get_filter (f.store)), ==, to);
  fixture_close (&f);
}

static gboolean
index_ready (gpointer data)
{
  gboolean building;
  UsgaCube *cube = usga_store_get_cube (((Fixture *) data)->store, &building);

  return cube && !building && settled (data);
}

/* New data without a commit keeps the same aggregate index (not built twice); after a commit
 * the stale one is replaced by a fresh one, and the answers stay those of the data. */
static void
test_one_index (void)
{
  Fixture f = { 0 };
  g_autoptr(UsgaCube) before = NULL;
  g_autoptr(GError) error = NULL;
  UsgaDb *db;
  gboolean building;

  fixture_open (&f);
  g_assert_true (usga_test_wait_until (index_ready, &f, 60000));
  before = usga_cube_ref (usga_store_get_cube (f.store, &building));
  f.expected = g_strdup (shown_total (&f));
  g_assert_nonnull (f.expected);

  usga_store_emit_data_changed (f.store);
  g_assert_true (usga_test_wait_until (index_ready, &f, 60000));
  g_assert_true (usga_store_get_cube (f.store, &building) == before);
  g_assert_true (usga_cube_is_fresh (before));

  db = usga_db_open (f.db_path, USGA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (usga_db_exec (db, "CREATE TABLE test_touch (x); DROP TABLE test_touch", &error));
  usga_db_close (db);
  usga_store_emit_data_changed (f.store);
  g_assert_true (usga_test_wait_until (index_ready, &f, 60000));
  g_assert_true (usga_store_get_cube (f.store, &building) != before);
  g_assert_false (usga_cube_is_fresh (before));
  g_assert_true (usga_cube_is_fresh (usga_store_get_cube (f.store, &building)));
  g_assert_true (usga_test_wait_until (shows_expected, &f, 60000));
  fixture_close (&f);
}

/* A worker read of a file that is not there yet (a shared tracker's copy before its first
 * fetch) answers with an error, and the count of queries in flight comes back to 0. */
static gpointer
never_runs (UsgaDb *db, UsgaFilter *filter, gpointer data, GError **error)
{
  g_assert_not_reached ();
}

static void
no_file_answered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **out = user_data;

  g_assert_null (usga_store_query_finish (USGA_STORE (source), result, out));
}

static gboolean
error_set (gpointer data)
{
  return *(GError **) data != NULL;
}

static void
test_no_file (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;

  fixture_open (&f);
  usga_store_query_file_async (f.store, NULL, NULL, never_runs, g_strdup ("data"), g_free, NULL, NULL,
                               no_file_answered, &error);
  g_assert_cmpuint (usga_store_get_queries_in_flight (f.store), ==, 1);
  g_assert_true (usga_test_wait_until (error_set, &error, 10000));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (usga_store_get_queries_in_flight (f.store), ==, 0);
  fixture_close (&f);
}

int
main (int argc, char **argv)
{
  usga_gui_test_init (&argc, &argv);
  adw_init ();
  g_test_add_func ("/store/fan-out-once", test_fan_out_once);
  g_test_add_func ("/store/rapid-changes", test_rapid_changes);
  g_test_add_func ("/store/one-index", test_one_index);
  g_test_add_func ("/store/no-file", test_no_file);
  return g_test_run ();
}
