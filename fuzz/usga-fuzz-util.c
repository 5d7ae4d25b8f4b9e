/* usga-fuzz-util.c — scratch files and logging for the fuzz targets.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "usga-fuzz.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <glib/gstdio.h>

static char *scratch_dir;

static void
remove_scratch (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (scratch_dir == NULL)
    return;
  dir = g_dir_open (scratch_dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (scratch_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (scratch_dir);
  g_clear_pointer (&scratch_dir, g_free);
}

const char *
usga_fuzz_scratch_file (const char *suffix, const uint8_t *data, size_t size)
{
  static GHashTable *paths;  /* suffix -> path */
  const char *path;
  int fd;

  if (scratch_dir == NULL)
    {
      g_autoptr(GError) error = NULL;

      scratch_dir = g_dir_make_tmp ("usga-fuzz-XXXXXX", &error);
      if (scratch_dir == NULL)
        g_error ("fuzz: no scratch directory: %s", error->message);
      atexit (remove_scratch);
      paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    }
  path = g_hash_table_lookup (paths, suffix);
  if (path == NULL)
    {
      char *p = g_strdup_printf ("%s/input%s", scratch_dir, suffix);

      g_hash_table_insert (paths, g_strdup (suffix), p);
      path = p;
    }

  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    g_error ("fuzz: cannot write %s: %s", path, g_strerror (errno));
  for (size_t done = 0; done < size;)
    {
      ssize_t n = write (fd, data + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        g_error ("fuzz: cannot write %s: %s", path, g_strerror (errno));
      done += n;
    }
  close (fd);
  return path;
}

static void
quiet_handler (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    {
      g_log_default_handler (domain, level, message, data);
      abort ();
    }
}

void
usga_fuzz_quiet_logs (void)
{
  g_log_set_default_handler (quiet_handler, NULL);
}

void
usga_fuzz_outcome (const char *what, const GError *error)
{
  static int verbose = -1;

  if (verbose < 0)
    verbose = g_getenv ("USGA_FUZZ_VERBOSE") != NULL;
  if (verbose)
    fprintf (stderr, "  %s: %s\n", what, error ? error->message : "ok");
}
