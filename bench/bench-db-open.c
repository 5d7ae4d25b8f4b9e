/* bench-db-open.c — what the integrity check on open costs: prints the median and slowest of N
 * opens of a database, read-only (the app's worker queries: no check), for writing (the app's
 * own connection: the whole file up to USGA_DB_FULL_CHECK_BYTES, else all but the crime data)
 * and with USGA_DB_OPEN_VERIFY (every writing `usga` command and `usga info`). A figure printer,
 * not a test. Warm cache: run it twice; for cold figures drop the page cache between runs.
 *   build/bench/bench-db-open DB [N]      (a 2.1 M-carpeta database: see bench/bench-trends.c)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "usga-core.h"

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
time_opens (const char *path, UsgaDbOpenFlags flags, const char *label, int n)
{
  g_autofree double *ms = g_new (double, n);

  for (int i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr(UsgaDb) db = usga_db_open (path, flags | USGA_DB_OPEN_NO_CREATE, &error);

      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (db == NULL)
        {
          g_printerr ("bench-db-open: %s\n", error->message);
          exit (1);
        }
    }
  qsort (ms, n, sizeof *ms, compare_doubles);
  printf ("%-44s median %9.1f ms   slowest %9.1f ms   (%d opens)\n", label, ms[n / 2], ms[n - 1], n);
}

int
main (int argc, char **argv)
{
  int n = argc > 2 ? atoi (argv[2]) : 5;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;

  if (argc < 2 || n < 1)
    {
      g_printerr ("usage: bench-db-open DB [N]\n");
      return 2;
    }
  db = usga_db_open (argv[1], USGA_DB_OPEN_READONLY | USGA_DB_OPEN_NO_CREATE, &error);
  if (db == NULL)
    {
      g_printerr ("bench-db-open: %s\n", error->message);
      return 1;
    }
  printf ("%s: %.0f MiB, %d carpetas\n", argv[1],
          usga_db_query_int (db, "PRAGMA page_count", 0) * usga_db_query_int (db, "PRAGMA page_size", 0) / 1048576.0,
          (int) usga_db_query_int (db, "SELECT count(*) FROM incident", 0));
  g_clear_pointer (&db, usga_db_close);

  time_opens (argv[1], USGA_DB_OPEN_READONLY, "read-only (worker queries, no check)", n);
  time_opens (argv[1], USGA_DB_OPEN_DEFAULT, "for writing (the app's connection)", n);
  time_opens (argv[1], USGA_DB_OPEN_VERIFY, "with USGA_DB_OPEN_VERIFY (usga writes, info)", n);
  return 0;
}
