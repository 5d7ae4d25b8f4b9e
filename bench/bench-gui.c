/* bench-gui.c — the application window on a given database, as a user drives it: cold start
 * (from the process's exec, libraries loaded included) to the first frame that shows the
 * pages, main-thread SQL per filter change, per data-changed and per page
 * switch (USGA_TRACE_MAIN_SQL instrumentation of the store's main-thread connection), time
 * until every visible page's queries are answered, and peak RSS with every page visited.
 * Run under Xvfb; prints figures; not a test.
 *
 *   xvfb-run -a bench-gui DB [CHANGES]
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <adwaita.h>
#include <sqlite3.h>

#include "usga-application.h"
#include "usga-page-util.h"
#include "usga-store.h"
#include "usga-window.h"

static gint64 t_start;         /* the process's exec, on the monotonic clock */
static double before_main_ms;  /* exec to main (): loading and relocating the libraries */
static gint64 t_first_frame;   /* the first frame painted with the pages (the window is ready) */
static int n_changes = 20;

static double
since_ms (gint64 t0)
{
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
report (const char *what, GArray *v)
{
  g_array_sort (v, compare_double);
  g_print ("%-58s p50 %8.2f ms   p95 %8.2f ms   max %8.2f ms (n=%u)\n", what,
           g_array_index (v, double, v->len / 2),
           g_array_index (v, double, MIN (v->len - 1, (guint) (v->len * 0.95))),
           g_array_index (v, double, v->len - 1), v->len);
}

static void
spin_until (gboolean (*done) (gpointer), gpointer data)
{
  while (!done (data))
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
settled (gpointer data)
{
  UsgaStore *store = data;

  return usga_store_get_queries_in_flight (store) == 0 && !g_main_context_pending (NULL) &&
         usga_store_catalog_ready (store);
}

static gboolean
cube_ready (gpointer data)
{
  gboolean building = FALSE;

  return usga_store_get_cube (data, &building) != NULL && !building;
}

static gboolean
window_ready (gpointer data)
{
  return usga_window_is_ready (data) && t_first_frame != 0;
}

/* Frames painted before the database is open show an empty window: they do not count. */
static void
after_paint (GdkFrameClock *clock, gpointer window)
{
  if (t_first_frame == 0 && usga_window_is_ready (window))
    t_first_frame = g_get_monotonic_time ();
}

/* How long ago the kernel started this process (field 22 of /proc/self/stat, in clock ticks
 * since boot, against CLOCK_BOOTTIME): the cold start includes loading the libraries. */
static double
ms_since_exec (void)
{
  g_autofree char *stat = NULL;
  const char *p;
  unsigned long long start_ticks = 0;
  struct timespec now;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) || (p = strrchr (stat, ')')) == NULL)
    return 0;
  /* After the command name: state is field 3, starttime field 22. */
  for (int field = 2; field < 22 && p; field++)
    p = strchr (p + 1, ' ');
  if (p == NULL || sscanf (p + 1, "%llu", &start_ticks) != 1 || clock_gettime (CLOCK_BOOTTIME, &now) != 0)
    return 0;
  return (now.tv_sec + now.tv_nsec / 1e9 - (double) start_ticks / sysconf (_SC_CLK_TCK)) * 1000.0;
}

/* Resident memory of the mappings whose path contains one of @names (from /proc/self/smaps). */
static double
resident_mib_of (const char *const *names)
{
  g_autofree char *smaps = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean counting = FALSE;
  double kib = 0;

  if (!g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL))
    return 0;
  lines = g_strsplit (smaps, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      if (g_ascii_isxdigit (lines[i][0]) && strchr (lines[i], '-') && strchr (lines[i], ' '))
        {
          counting = FALSE;
          for (guint n = 0; names[n]; n++)
            counting |= strstr (lines[i], names[n]) != NULL;
        }
      else if (counting && g_str_has_prefix (lines[i], "Rss:"))
        kib += g_ascii_strtod (lines[i] + 4, NULL);
    }
  return kib / 1024.0;
}

/* A line of /proc/self/status in MiB (its kB figure), or a plain count / 1024. */
static double
status_mib (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (line = strstr (status, key)) == NULL)
    return 0;
  return g_ascii_strtod (line + strlen (key), NULL) / 1024.0;
}

static double
main_sql_ms (UsgaStore *store)
{
  gint64 ns = 0;

  usga_store_get_main_sql (store, NULL, &ns);
  return ns / 1e6;
}

static gboolean
drive (gpointer data)
{
  GtkApplication *app = data;
  UsgaWindow *window = USGA_WINDOW (gtk_application_get_active_window (app));
  UsgaStore *store = usga_application_get_store (USGA_APPLICATION (app));
  const char *pages[] = { "overview", "trends", "map", "recommendations", "data" };
  const char *const kpi[] = { "domestic_violence", NULL };
  const char *const two[] = { "robbery", "sexual", NULL };
  struct { const char *from, *to; const char *const *categories; UsgaAreaLevel level; gint64 area; } changes[] = {
    { "2023-01-01", "2024-12-31", kpi, USGA_AREA_LEVEL_ALCALDIA, 0 },
    { "2019-01-01", "2024-12-31", two, USGA_AREA_LEVEL_ALCALDIA, 0 },
    { "2024-06-01", "2024-12-31", NULL, USGA_AREA_LEVEL_COLONIA, 1 },
    { "2016-01-01", "2024-12-31", kpi, USGA_AREA_LEVEL_SECTOR, 1 },
    { "2024-01-01", "2024-12-31", NULL, USGA_AREA_LEVEL_ALCALDIA, 0 },
  };
  g_autoptr(GArray) sql = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ready = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) switch_sql = g_array_new (FALSE, FALSE, sizeof (double));
  struct rusage usage;
  double ms;

  spin_until (window_ready, window);
  /* The store's main-thread connection exists once the database is open. */
  if (!usga_store_get_main_sql (store, NULL, NULL))
    g_printerr ("bench-gui: run with USGA_TRACE_MAIN_SQL=1 for main-thread SQL figures\n");
  g_print ("cold start (exec) to first frame showing the pages         %8.1f ms (%.0f ms of it before main)\n",
           (t_first_frame - t_start) / 1000.0, before_main_ms);
  spin_until (settled, store);
  g_print ("cold start to every visible aggregate answered             %8.1f ms\n", since_ms (t_start));
  g_print ("main-thread SQL during start-up                            %8.2f ms\n", main_sql_ms (store));

  /* Filter changes are timed once the aggregate index is built (it builds on a worker after
   * the first frame; until then the workers answer from SQL, which the next line dates). */
  spin_until (cube_ready, store);
  g_print ("cold start to the aggregate index ready                     %8.1f ms\n", since_ms (t_start));
  usga_window_show_page (window, "trends");
  spin_until (settled, store);
  for (int i = 0; i < n_changes; i++)
    {
      guint c = i % G_N_ELEMENTS (changes);
      g_autoptr(UsgaFilter) next = usga_filter_copy (usga_store_get_filter (store));
      gint64 t0;

      usga_filter_set_period (next, changes[c].from, changes[c].to);
      usga_filter_set_categories (next, changes[c].categories);
      usga_filter_set_area (next, changes[c].level, changes[c].area);
      usga_store_reset_main_sql (store);
      t0 = g_get_monotonic_time ();
      usga_store_set_filter (store, next);
      spin_until (settled, store);
      ms = since_ms (t0);
      g_array_append_val (ready, ms);
      ms = main_sql_ms (store);
      g_array_append_val (sql, ms);
    }
  /* "Settled" also waits for the main loop to go idle, so this includes the redraw (cairo). */
  report ("Trends page: filter change -> answered and redrawn (wall)", ready);
  report ("Trends page: main-thread SQL per filter change", sql);

  usga_store_reset_main_sql (store);
  {
    gint64 t0 = g_get_monotonic_time ();
    usga_store_emit_data_changed (store);
    spin_until (settled, store);
    g_print ("data-changed -> answered and redrawn (wall)                 %8.1f ms\n", since_ms (t0));
  }
  g_print ("main-thread SQL for one data-changed                       %8.2f ms\n", main_sql_ms (store));

  for (int round = 0; round < 2; round++)
    for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
      {
        usga_store_reset_main_sql (store);
        usga_window_show_page (window, pages[p]);
        spin_until (settled, store);
        ms = main_sql_ms (store);
        g_array_append_val (switch_sql, ms);
      }
  report ("main-thread SQL per page switch (every page, twice)", switch_sql);

  getrusage (RUSAGE_SELF, &usage);
  g_print ("peak RSS with every page visited                           %8.1f MiB\n", usage.ru_maxrss / 1024.0);
  {
    /* GTK's X11 backend opens GL at start to choose a visual, even with GSK_RENDERER=cairo:
     * under Xvfb that is Mesa's software driver (llvmpipe), whose LLVM stays resident. */
    const char *const gl[] = { "libLLVM", "_dri.so", "libgallium", "libz3", "libglapi", "libEGL_mesa", "libGLX_mesa", NULL };
    g_print ("  of it now resident: the GL driver (Mesa, LLVM)             %8.1f MiB\n", resident_mib_of (gl));
  }
  /* Where the rest is: what is resident now, SQLite's own allocations (page caches, schemas)
   * now and at their peak, and the threads (each worker holds its own connection). */
  g_print ("resident now                                               %8.1f MiB\n", status_mib ("VmRSS:"));
  g_print ("  SQLite's memory now (peak)                               %8.1f MiB (%.1f)\n",
           sqlite3_memory_used () / 1048576.0, sqlite3_memory_highwater (FALSE) / 1048576.0);
  g_print ("  threads                                                  %8.0f\n", status_mib ("Threads:") * 1024);
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
on_window_realized (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint), window);
}

static void
on_window_added (GtkApplication *app, GtkWindow *window)
{
  /* Watch its frames once it is realized, as the application presents it. */
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realized), NULL);
}

static void
on_activate (GApplication *app)
{
  g_idle_add (drive, app);
}

int
main (int argc, char **argv)
{
  g_autoptr(UsgaApplication) app = NULL;
  g_autofree char *db_arg = NULL;
  char *args[3];

  before_main_ms = ms_since_exec ();
  t_start = g_get_monotonic_time () - (gint64) (before_main_ms * 1000);
  if (argc < 2)
    {
      g_printerr ("usage: bench-gui DB [CHANGES]\n");
      return 2;
    }
  if (argc > 2)
    n_changes = atoi (argv[2]);
  db_arg = g_strdup_printf ("--db=%s", argv[1]);
  args[0] = "usga-dashboard";
  args[1] = db_arg;
  args[2] = NULL;
  app = usga_application_new ();
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), 2, args);
}
