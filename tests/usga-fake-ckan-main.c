/* usga-fake-ckan-main.c — the fake CKAN portal as a program, for the ingest benchmark:
 *   usga-fake-ckan --rows N              serve N generated carpetas, print the URL, run until killed
 *   usga-fake-ckan --rows N --csv FILE   write the same N rows as a CSV file and exit
 *   --victims                            víctimas instead of carpetas (served as d543a7b1-…)
 *   --victim-rows N                      serve N generated víctimas too, beside the carpetas
 *   --page-cap N                         never more than N rows a page, like real portals
 *   --fail 500|empty|silent|redirect-loop --fail-at OFFSET --fail-times N
 *                                        the next N requests for that page (-1: any) fail so
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "usga-fake-ckan.h"

int
main (int argc, char **argv)
{
  gint64 rows = 1000, victim_rows = 0;
  char *csv = NULL;
  gboolean victims = FALSE;
  int page_cap = 0, fail_times = 1;
  gint64 fail_at = -1;
  char *fail = NULL;
  const GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_INT64, &rows, "generated rows", "N" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, "write them as CSV instead of serving", "FILE" },
    { "victims", 0, 0, G_OPTION_ARG_NONE, &victims, "víctimas instead of carpetas", NULL },
    { "victim-rows", 0, 0, G_OPTION_ARG_INT64, &victim_rows, "generated víctimas served beside the carpetas", "N" },
    { "page-cap", 0, 0, G_OPTION_ARG_INT, &page_cap, "most rows a page", "N" },
    { "fail", 0, 0, G_OPTION_ARG_STRING, &fail, "500, empty, silent or redirect-loop", "FAULT" },
    { "fail-at", 0, 0, G_OPTION_ARG_INT64, &fail_at, "page offset of the fault (-1: any request)", "OFFSET" },
    { "fail-times", 0, 0, G_OPTION_ARG_INT, &fail_times, "how many requests fail", "N" },
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
      if (victim_rows > 0 && !victims)
        usga_fake_ckan_add_generated_victims (fake, "d543a7b1-f8cb-439f-8a5c-e56c5479eeb5", victim_rows);
      usga_fake_ckan_set_page_cap (fake, page_cap);
      if (fail)
        {
          UsgaFakeFault fault = g_str_equal (fail, "500") ? USGA_FAKE_HTTP_500
                                : g_str_equal (fail, "empty") ? USGA_FAKE_EMPTY
                                : g_str_equal (fail, "silent") ? USGA_FAKE_SILENT
                                : g_str_equal (fail, "redirect-loop") ? USGA_FAKE_REDIRECT : USGA_FAKE_NONE;
          if (fault == USGA_FAKE_NONE)
            {
              g_printerr ("unknown fault %s\n", fail);
              return 2;
            }
          usga_fake_ckan_set_redirect (fake, usga_fake_ckan_url (fake));
          usga_fake_ckan_fail (fake, fault, fail_at, fail_times);
        }
      printf ("%s\n", usga_fake_ckan_url (fake));
      fflush (stdout);
      for (;;)
        pause ();
    }
}
