/* usga-fuzz-main.c — runs a fuzz target over saved inputs, without libFuzzer.
 *
 *   fuzz-csv FILE|DIR...
 *
 * Each file (each file of each directory, in name order) is given to the target once. A
 * crash is a crash of this program, so meson reports the test as failed; the file name is
 * printed first, to know which input it was.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "usga-fuzz.h"

#include <stdio.h>
#include <stdlib.h>

static gboolean
run_file (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }
  printf ("%s (%" G_GSIZE_FORMAT " bytes)\n", path, len);
  fflush (stdout);
  /* A copy of exactly @len bytes, so that a read past the end is caught by the sanitizers. */
  {
    g_autofree uint8_t *copy = g_memdup2 (data, len);
    LLVMFuzzerTestOneInput (copy, len);
  }
  return TRUE;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char **) a, *(char **) b);
}

int
main (int argc, char **argv)
{
  guint n = 0;
  gboolean ok = TRUE;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FILE|DIR...\n", argv[0]);
      return 2;
    }
  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          const char *name;

          while (dir && (name = g_dir_read_name (dir)) != NULL)
            if (name[0] != '.')
              g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
          g_ptr_array_sort (names, compare_names);
          for (guint k = 0; k < names->len; k++, n++)
            ok &= run_file (names->pdata[k]);
        }
      else
        {
          ok &= run_file (argv[i]);
          n++;
        }
    }
  printf ("%u inputs, no crash\n", n);
  return ok && n > 0 ? 0 : 1;
}
