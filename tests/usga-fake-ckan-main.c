/* usga-fake-ckan-main.c — the fake CKAN portal as a program, for the ingest benchmark:
 *   usga-fake-ckan --rows N              serve N generated carpetas, print the URL, run until killed
 *   usga-fake-ckan --rows N --csv FILE   write the same N rows as a CSV file and exit
 *   --victims                            víctimas instead of carpetas (served as d543a7b1-…)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "usga-fake-ckan.h"

int
main (int argc, char **argv)
{
  gint64 rows = 1000;
  char *csv = NULL;
  gboolean victims = FALSE;
  const GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_INT64, &rows, "generated rows", "N" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, "write them as CSV instead of serving", "FILE" },
    { "victims", 0, 0, G_OPTION_ARG_NONE, &victims, "víctimas instead of carpetas", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (csv)
    {
      if (!usga_fake_generated_write_csv (csv, rows, victims, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      return 0;
    }
  else
    {
      UsgaFakeCkan *fake = usga_fake_ckan_new ();
      if (victims)
        usga_fake_ckan_add_generated_victims (fake, "d543a7b1-f8cb-439f-8a5c-e56c5479eeb5", rows);
      else
        usga_fake_ckan_add_generated (fake, "48fcb848-220c-4af0-839b-4fd8ac812c0f", rows);
      printf ("%s\n", usga_fake_ckan_url (fake));
      fflush (stdout);
      for (;;)
        pause ();
    }
}
