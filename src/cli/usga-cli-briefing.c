/* usga-cli-briefing.c — `usga export briefing`: the printed Security Cabinet briefing as a
 * PDF, rendered headless with the same drawing the app prints.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-briefing.h"
#include "usga-cli.h"

int
usga_cli_export_briefing (UsgaCliContext *ctx, int argc, char **argv)
{
  g_autofree char *out = NULL;
  g_autofree char *paper_name = NULL;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("PDF file to write"), N_("FILE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name, N_("a4 (default) or letter"), N_("PAPER") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;
  g_autoptr(UsgaDb) tracker = NULL;
  g_autofree char *server = NULL;
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(UsgaBriefing) briefing = NULL;
  UsgaPaper paper = USGA_PAPER_A4;
  int rc;

  /* The tracker page reads the tracker the app shows (a shared one from Preferences, or
   * --tracker-db / --local-tracker), like `usga recommendations`. */
  if ((rc = usga_cli_take_tracker_options (&argc, argv)) != 0)
    return rc;
  if (!usga_cli_parse_options (_("briefing — the Security Cabinet briefing as a PDF"), entries, TRUE, &argc, &argv))
    return USGA_EXIT_USAGE;
  if (argc != 2 || !g_str_equal (argv[1], "briefing"))
    return usga_cli_error (USGA_EXIT_USAGE, _("usage: usga export briefing --out FILE.pdf [filters]"));
  if (out == NULL)
    return usga_cli_error (USGA_EXIT_USAGE, _("export briefing needs --out FILE.pdf"));
  if (paper_name && g_ascii_strcasecmp (paper_name, "letter") == 0)
    paper = USGA_PAPER_LETTER;
  else if (paper_name && g_ascii_strcasecmp (paper_name, "a4") != 0)
    return usga_cli_error (USGA_EXIT_USAGE, _("--paper: unknown paper “%s” (a4, letter)"), paper_name);

  if ((rc = usga_cli_open_filtered (ctx, filter, &db)) != 0)
    return rc;
  /* Without dates, the briefing covers the twelve months up to the newest carpeta. */
  if (usga_filter_get_date_from (filter) == NULL && usga_filter_get_date_to (filter) == NULL)
    {
      g_autofree char *first = NULL, *last = NULL;
      if (usga_stats_point_coverage (db, &first, &last))
        usga_filter_set_year_ending (filter, last);
    }

  /* The command line never answers from an old copy: the copy is fetched now. */
  if (usga_cli_tracker_db)
    {
      server = usga_tracker_pg_server_name (usga_cli_tracker_db);
      if ((tracker = usga_cli_tracker_read (ctx)) == NULL)
        return USGA_EXIT_FAILURE;
    }
  briefing = usga_briefing_new_with_tracker (db, tracker, server, NULL, filter, &error);
  if (briefing == NULL || !usga_briefing_write_pdf (briefing, out, paper, &error))
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  g_print (_("Wrote the briefing (%d pages) to %s.\n"), USGA_N_PAGES, out);
  return 0;
}
