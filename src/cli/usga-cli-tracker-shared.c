/* usga-cli-tracker-shared.c — `usga recommendations … --tracker-db CONNINFO`: reading a
 * shared tracker, its queue of unsent edits (`queue`), and `publish`.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "usga-cli.h"

char *usga_cli_tracker_db = NULL;

/* A string the app's Preferences set, or NULL when it is empty or the app's settings are not
 * installed. */
char *
usga_cli_preference (const char *key)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *value = NULL;

  if (source == NULL || (schema = g_settings_schema_source_lookup (source, "org.usga.Dashboard", TRUE)) == NULL ||
      !g_settings_schema_has_key (schema, key))
    return NULL;
  settings = g_settings_new ("org.usga.Dashboard");
  value = g_settings_get_string (settings, key);
  return value && *g_strstrip (value) ? g_steal_pointer (&value) : NULL;
}

/* Takes --tracker-db CONNINFO (or --tracker-db=CONNINFO) and --local-tracker out of the
 * arguments, wherever they are. */
static gboolean
take_tracker_db (int *argc, char **argv, gboolean *local)
{
  for (int i = 1; i < *argc; i++)
    {
      int used = 0;

      if (g_str_equal (argv[i], "--local-tracker"))
        {
          *local = TRUE;
          used = 1;
        }
      else if (g_str_equal (argv[i], "--tracker-db"))
        {
          if (i + 1 >= *argc)
            return FALSE;
          g_free (usga_cli_tracker_db);
          usga_cli_tracker_db = g_strdup (argv[i + 1]);
          used = 2;
        }
      else if (g_str_has_prefix (argv[i], "--tracker-db="))
        {
          g_free (usga_cli_tracker_db);
          usga_cli_tracker_db = g_strdup (argv[i] + strlen ("--tracker-db="));
          used = 1;
        }
      if (used)
        {
          memmove (argv + i, argv + i + used, (*argc - i - used + 1) * sizeof (char *));
          *argc -= used;
          i--;
        }
    }
  return TRUE;
}

int
usga_cli_take_tracker_options (int *argc, char **argv)
{
  gboolean local = FALSE;

  if (!take_tracker_db (argc, argv, &local) || (usga_cli_tracker_db && !*usga_cli_tracker_db))
    return usga_cli_error (USGA_EXIT_USAGE, _("--tracker-db needs a connection string, e.g. postgresql:///usga?host=/run/postgresql"));
  if (local && usga_cli_tracker_db)
    return usga_cli_error (USGA_EXIT_USAGE, _("--local-tracker and --tracker-db cannot be used together"));
  /* The tracker the app shows: a shared one set in Preferences is the default here too, so an
   * edit made from a terminal lands where the office sees it; said on stderr every time. */
  if (!local && usga_cli_tracker_db == NULL && (usga_cli_tracker_db = usga_cli_preference ("shared-tracker")) &&
      *argc >= 2 && !g_str_equal (argv[1], "--help") && !g_str_equal (argv[1], "-h"))
    g_printerr (_("Using the shared tracker set in Preferences (%s); --local-tracker uses this computer’s own.\n"),
                usga_cli_tracker_db);
  return 0;
}

UsgaSharedTracker *
usga_cli_tracker_shared (UsgaCliContext *ctx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) local = usga_cli_open_db (ctx, TRUE);
  UsgaSharedTracker *shared;

  if (local == NULL)
    return NULL;
  shared = usga_shared_tracker_new (usga_db_path (local), usga_cli_tracker_db, &error);
  if (shared == NULL)
    usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  return shared;
}

UsgaDb *
usga_cli_tracker_read (UsgaCliContext *ctx)
{
  g_autoptr(UsgaSharedTracker) shared = NULL;
  g_autoptr(GError) error = NULL;
  UsgaDb *copy;

  if (usga_cli_tracker_db == NULL)
    return usga_cli_open_db (ctx, FALSE);
  if ((shared = usga_cli_tracker_shared (ctx)) == NULL)
    return NULL;
  /* The command line never answers from an old copy: it says the server is unreachable. */
  if (!usga_shared_tracker_refresh (shared, &error))
    {
      usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
      return NULL;
    }
  copy = usga_db_open (usga_shared_tracker_cache_path (shared), USGA_DB_OPEN_READONLY, &error);
  if (copy == NULL)
    usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  return copy;
}

gboolean
usga_cli_tracker_send_queue (UsgaSharedTracker *shared)
{
  g_autoptr(GError) error = NULL;
  guint refused = 0;
  int sent;

  if (usga_shared_tracker_n_queued (shared) == 0)
    return TRUE;
  sent = usga_shared_tracker_send_queue (shared, &refused, &error);
  if (sent < 0)
    return FALSE;
  if (sent > 0)
    g_print (ngettext ("Sent %d queued edit.\n", "Sent %d queued edits.\n", sent), sent);
  if (refused > 0)
    g_printerr (ngettext ("usga: %u queued edit was refused by the server; see “usga recommendations queue”.\n",
                          "usga: %u queued edits were refused by the server; see “usga recommendations queue”.\n",
                          refused), refused);
  return TRUE;
}

UsgaTrackerStore *
usga_cli_tracker_store (UsgaCliContext *ctx, UsgaDb **db, UsgaSharedTracker **shared)
{
  if (usga_cli_tracker_db == NULL)
    return (*db = usga_cli_open_db (ctx, TRUE)) ? usga_tracker_store_new_sqlite (*db) : NULL;
  if ((*shared = usga_cli_tracker_shared (ctx)) == NULL)
    return NULL;
  /* Edits queued earlier go first, in the order they were made. */
  usga_cli_tracker_send_queue (*shared);
  return usga_tracker_store_new_shared (*shared);
}

const char *
usga_cli_tracker_text (const char *text, char **scratch)
{
  static int tty = -1;

  if (tty < 0)
    tty = isatty (STDOUT_FILENO);
  if (text == NULL || !tty)
    return text;
  g_free (*scratch);
  *scratch = usga_tracker_printable (text);
  return *scratch;
}

void
usga_cli_tracker_print_conflicts (const UsgaTrackerImportReport *report)
{
  g_autofree char *scratch = NULL;

  for (guint i = 0; i < report->conflicts->len; i++)
    g_print (_("conflict: %s\n"), usga_cli_tracker_text (report->conflicts->pdata[i], &scratch));
}

int
usga_cli_tracker_queue (UsgaCliContext *ctx, int argc, char **argv)
{
  gboolean send = FALSE;
  gint64 discard = 0, reapply = 0;
  const GOptionEntry entries[] = {
    { "send", 0, 0, G_OPTION_ARG_NONE, &send, N_("Send the waiting edits now"), NULL },
    { "discard", 0, 0, G_OPTION_ARG_INT64, &discard, N_("Drop queued edit N without sending it"), "N" },
    { "reapply", 0, 0, G_OPTION_ARG_INT64, &reapply, N_("Send refused edit N again, on the current state"), "N" },
    { NULL }
  };
  g_autoptr(UsgaSharedTracker) shared = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scratch = NULL;

  if (!usga_cli_parse_no_arguments (_("— edits for the shared tracker that are not sent yet"), entries, FALSE, &argc, &argv))
    return USGA_EXIT_USAGE;
  if (usga_cli_tracker_db == NULL)
    return usga_cli_error (USGA_EXIT_USAGE, _("queue needs --tracker-db CONNINFO (the shared tracker)"));
  if ((shared = usga_cli_tracker_shared (ctx)) == NULL)
    return USGA_EXIT_FAILURE;
  if (discard > 0)
    {
      if (!usga_shared_tracker_discard (shared, discard, &error))
        return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
      g_print (_("Queued edit %lld discarded.\n"), (long long) discard);
      return 0;
    }
  if (reapply > 0)
    {
      if (usga_shared_tracker_reapply (shared, reapply, &error) < 0)
        return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
      g_print (_("Queued edit %lld sent.\n"), (long long) reapply);
      return 0;
    }
  if (send)
    {
      guint refused = 0;
      int sent = usga_shared_tracker_send_queue (shared, &refused, &error);

      if (sent < 0)
        return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
      g_print (_("Sent %d queued edits; %u refused.\n"), sent, refused);
      if (refused > 0)
        return USGA_EXIT_FAILURE;
      return 0;
    }
  if ((queue = usga_shared_tracker_queue (shared, &error)) == NULL)
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  if (queue->len == 0)
    g_print (_("No queued edits for %s.\n"), usga_shared_tracker_server (shared));
  for (guint i = 0; i < queue->len; i++)
    {
      UsgaQueuedEdit *q = queue->pdata[i];

      g_print ("%" G_GINT64_FORMAT "  %s  %s  %s\n", q->id, q->queued_at, q->recommendation_id,
               usga_cli_tracker_text (q->summary, &scratch));
      if (q->refused)
        g_print ("    %s: %s\n", _("refused"), usga_cli_tracker_text (q->refused, &scratch));
    }
  return 0;
}

int
usga_cli_tracker_publish (UsgaCliContext *ctx, int argc, char **argv)
{
  g_autoptr(UsgaSharedTracker) shared = NULL;
  g_autoptr(UsgaTrackerImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (!usga_cli_parse_no_arguments (_("— merge this database’s own tracker into the shared one"), NULL, FALSE, &argc, &argv))
    return USGA_EXIT_USAGE;
  if (usga_cli_tracker_db == NULL)
    return usga_cli_error (USGA_EXIT_USAGE, _("publish needs --tracker-db CONNINFO (the shared tracker)"));
  if ((shared = usga_cli_tracker_shared (ctx)) == NULL)
    return USGA_EXIT_FAILURE;
  report = usga_shared_tracker_publish (shared, &error);
  if (report == NULL)
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  g_print (_("Published to %s: %u new history entries, %u already there, %u recommendations updated, %u conflicts.\n"),
           usga_shared_tracker_server (shared), report->entries_added, report->entries_present,
           report->recommendations_updated, report->conflicts->len);
  usga_cli_tracker_print_conflicts (report);
  return 0;
}
