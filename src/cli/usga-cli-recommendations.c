/* usga-cli-recommendations.c — `usga recommendations list|set|undo|history|progress|export|import`.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "usga-cli.h"
#include "usga-tracker-pdf.h"

static gboolean
spanish (void)
{
  const char *const *langs = g_get_language_names ();

  return langs[0] && g_str_has_prefix (langs[0], "es");
}

static const char *
spanish_or (const char *en, const char *es)
{
  return spanish () && es ? es : en;
}

/* --by, else the name set in the app's preferences, else the login name. */
static char *
default_author (const char *by)
{
  char *name;

  if (by && *by)
    return g_strdup (by);
  if ((name = usga_cli_preference ("user-name")))
    return name;
  return g_strdup (g_get_user_name ());
}

/* TRUE when @value is unset or a valid @field ("status", "term"); else prints why (the
 * tracker's own message) and returns FALSE. */
static gboolean
check_value (const char *field, const char *value)
{
  g_autoptr(GError) error = NULL;

  if (value == NULL || usga_tracker_value_valid (field, value, &error))
    return TRUE;
  usga_cli_error (USGA_EXIT_USAGE, "%s", error->message);
  return FALSE;
}

static void
recommendation_to_json (JsonBuilder *b, gconstpointer item)
{
  const UsgaRecommendation *r = item;
  const char *names[] = { "id", "kind", "theme_en", "theme_es", "topic_en", "topic_es", "summary_en",
                          "summary_es", "partners", "indicator", "source_ref", "status", "term",
                          "responsible", "due_date", "last_change" };
  const char *values[] = { r->id, r->kind, r->theme_en, r->theme_es, r->topic_en, r->topic_es, r->summary_en,
                           r->summary_es, r->partners, r->indicator, r->source_ref, r->status, r->term,
                           r->responsible, r->due_date, r->last_change };

  json_builder_begin_object (b);
  usga_json_add_strings (b, names, values, G_N_ELEMENTS (names));
  usga_json_add_int (b, "sdg", r->sdg);
  usga_json_add_int (b, "progress", r->progress);
  json_builder_set_member_name (b, "overdue");
  json_builder_add_boolean_value (b, usga_recommendation_is_overdue (r, NULL));
  json_builder_end_object (b);
}

static void
history_entry_to_json (JsonBuilder *b, gconstpointer item)
{
  usga_history_entry_add_json (item, TRUE, b);
}

/* Prints @items as one indented JSON array, each item written by @to_json. */
static void
print_json_array (GPtrArray *items, void (*to_json) (JsonBuilder *b, gconstpointer item))
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *text = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < items->len; i++)
    to_json (b, items->pdata[i]);
  json_builder_end_array (b);
  text = usga_json_pretty_text (b);
  g_print ("%s\n", text);
}

static int
run_list (UsgaCliContext *ctx, int argc, char **argv)
{
  g_autofree char *format = NULL, *search = NULL, *theme = NULL, *topic = NULL;
  g_autofree char *status = NULL, *term = NULL, *responsible = NULL;
  int sdg = 0;
  gboolean overdue = FALSE, all_kinds = FALSE;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text, csv or json"), "FORMAT" },
    { "search", 's', 0, G_OPTION_ARG_STRING, &search, N_("Full-text search (accents optional)"), "TEXT" },
    { "sdg", 0, 0, G_OPTION_ARG_INT, &sdg, N_("Only this SDG (3, 5, 11 or 16)"), "N" },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme, N_("Only this theme (exact title)"), "THEME" },
    { "topic", 0, 0, G_OPTION_ARG_STRING, &topic, N_("Only this topic (exact row label)"), "TOPIC" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("Only this status"), "STATUS" },
    { "term", 0, 0, G_OPTION_ARG_STRING, &term, N_("Only this term: short, medium or long"), "TERM" },
    { "responsible", 0, 0, G_OPTION_ARG_STRING, &responsible, N_("Responsible office contains TEXT"), "TEXT" },
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue, N_("Only overdue recommendations"), NULL },
    { "all-kinds", 0, 0, G_OPTION_ARG_NONE, &all_kinds, N_("Also list advice to residents and section 3 items"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;
  g_autoptr(GPtrArray) recs = NULL;
  g_autoptr(GOutputStream) out = NULL;
  UsgaTrackerQuery query = { 0 };

  if (!usga_cli_parse_no_arguments (_("— list the recommendations and their status"), entries, FALSE, &argc, &argv))
    return USGA_EXIT_USAGE;
  if (format && !g_str_equal (format, "text") && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    return usga_cli_error (USGA_EXIT_USAGE, _("unknown format “%s” (use text, csv or json)"), format);
  if (!check_value ("status", status) || !check_value ("term", term))
    return USGA_EXIT_USAGE;

  db = usga_cli_tracker_read (ctx);
  if (db == NULL)
    return USGA_EXIT_FAILURE;
  query.text = search;
  query.sdg = sdg;
  query.theme = theme;
  query.topic = topic;
  query.status = status;
  query.term = term;
  query.responsible = responsible;
  query.overdue = overdue;
  query.all_kinds = all_kinds;
  recs = usga_tracker_list (db, &query, &error);
  if (recs == NULL)
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);

  out = usga_cli_stdout ();
  if (format && g_str_equal (format, "csv"))
    {
      if (!usga_tracker_write_csv (recs, out, &error))
        return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
    }
  else if (format && g_str_equal (format, "json"))
    print_json_array (recs, recommendation_to_json);
  else
    {
      for (guint i = 0; i < recs->len; i++)
        {
          UsgaRecommendation *r = recs->pdata[i];
          g_autofree char *sdg_label = r->sdg ? g_strdup_printf (_("SDG %d"), r->sdg) : g_strdup ("");

          g_print ("%-6s %-7s %-13s %3d%%  %s\n", r->id, sdg_label,
                   usga_status_name (r->status), r->progress, spanish_or (r->summary_en, r->summary_es));
        }
      g_printerr (ngettext ("%u recommendation\n", "%u recommendations\n", recs->len), recs->len);
    }
  return 0;
}

static int
run_set (UsgaCliContext *ctx, int argc, char **argv)
{
  g_autofree char *status = NULL, *term = NULL, *responsible = NULL, *due = NULL;
  g_autofree char *note = NULL, *evidence = NULL, *criterion = NULL, *by = NULL;
  g_autofree char *if_status = NULL, *base = NULL;
  int progress = -1;
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("not_started, planned, in_progress, implemented, blocked or not_pursued"), "STATUS" },
    { "term", 0, 0, G_OPTION_ARG_STRING, &term, N_("short, medium or long (empty to unset)"), "TERM" },
    { "responsible", 0, 0, G_OPTION_ARG_STRING, &responsible, N_("Responsible office (empty to unset)"), "OFFICE" },
    { "due", 0, 0, G_OPTION_ARG_STRING, &due, N_("Due date YYYY-MM-DD (empty to unset)"), "DATE" },
    { "progress", 0, 0, G_OPTION_ARG_INT, &progress, N_("Progress, 0 to 100"), "PERCENT" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Why, for the history"), "TEXT" },
    { "evidence", 0, 0, G_OPTION_ARG_STRING, &evidence, N_("Link to the evidence"), "URL" },
    { "criterion", 0, 0, G_OPTION_ARG_STRING, &criterion, N_("The criterion used to judge the change"), "TEXT" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who made the change (default: the name in preferences)"), "NAME" },
    { "if-status", 0, 0, G_OPTION_ARG_STRING, &if_status, N_("Refuse unless the status is still STATUS"), "STATUS" },
    { "base", 0, 0, G_OPTION_ARG_STRING, &base, N_("Refuse unless UUID is still its latest history entry (“none” if it had none)"), "UUID" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;
  g_autoptr(UsgaSharedTracker) shared = NULL;
  g_autoptr(UsgaTrackerStore) store = NULL;
  g_autofree char *author = NULL;
  UsgaTrackerChange change = USGA_TRACKER_CHANGE_INIT;
  int written;

  if (!usga_cli_parse_options (_("ID — change a recommendation’s status, term, office, due date or progress"), entries, FALSE, &argc, &argv))
    return USGA_EXIT_USAGE;
  if (argc != 2)
    return usga_cli_error (USGA_EXIT_USAGE, _("set needs exactly one recommendation id, e.g. R035"));
  if (!check_value ("status", status))
    return USGA_EXIT_USAGE;
  if (progress < -1 || progress > 100)
    return usga_cli_error (USGA_EXIT_USAGE, _("Progress must be a whole number from 0 to 100, not “%d”"), progress);
  if (!check_value ("status", if_status))
    return USGA_EXIT_USAGE;
  if (base && !g_str_equal (base, "none") && !g_uuid_string_is_valid (base))
    return usga_cli_error (USGA_EXIT_USAGE, _("--base needs a history entry uuid (see “usga recommendations history ID”) or “none”"));

  if ((store = usga_cli_tracker_store (ctx, &db, &shared)) == NULL)
    return USGA_EXIT_FAILURE;
  author = default_author (by);
  change.base_status = if_status;
  change.base_uuid = base && g_str_equal (base, "none") ? "" : base;
  change.status = status;
  change.term = term;
  change.responsible = responsible;
  change.due_date = due;
  change.progress = progress;
  change.note = note;
  change.evidence_url = evidence;
  change.criterion = criterion;
  change.by = author;
  written = usga_tracker_store_apply (store, argv[1], &change, &error);
  if (written < 0)
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  if (written == 0)
    g_print (_("%s: nothing changed.\n"), argv[1]);
  else
    g_print (ngettext ("%s: %d change recorded.\n", "%s: %d changes recorded.\n", written), argv[1], written);
  return 0;
}

static int
run_undo (UsgaCliContext *ctx, int argc, char **argv)
{
  g_autofree char *by = NULL;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who undoes the change (default: the name in preferences)"), "NAME" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;
  g_autoptr(UsgaSharedTracker) shared = NULL;
  g_autoptr(UsgaTrackerStore) store = NULL;
  g_autofree char *author = NULL;

  if (!usga_cli_parse_options (_("UUID — revert a history entry by recording a new one"), entries, FALSE, &argc, &argv))
    return USGA_EXIT_USAGE;
  if (argc != 2)
    return usga_cli_error (USGA_EXIT_USAGE, _("undo needs exactly one history entry uuid"));
  if ((store = usga_cli_tracker_store (ctx, &db, &shared)) == NULL)
    return USGA_EXIT_FAILURE;
  author = default_author (by);
  if (!usga_tracker_store_undo (store, argv[1], author, &error))
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  g_print (_("Undone; the undo is recorded in the history.\n"));
  return 0;
}

static int
run_history (UsgaCliContext *ctx, int argc, char **argv)
{
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(UsgaRecommendation) rec = NULL;

  if (!usga_cli_parse_options (_("[ID] — the change history, newest first (all recommendations without ID)"), entries, FALSE, &argc, &argv))
    return USGA_EXIT_USAGE;
  if (argc > 2)
    return usga_cli_error (USGA_EXIT_USAGE, _("unexpected argument “%s”"), argv[2]);
  db = usga_cli_tracker_read (ctx);
  if (db == NULL)
    return USGA_EXIT_FAILURE;
  if (argc == 2 && (rec = usga_tracker_get (db, argv[1], &error)) == NULL)
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  history = usga_tracker_history (db, argc == 2 ? argv[1] : NULL, 0, &error);
  if (history == NULL)
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);

  if (as_json)
    {
      print_json_array (history, history_entry_to_json);
      return 0;
    }

  if (history->len == 0)
    g_print (_("No changes recorded yet.\n"));
  for (guint i = 0; i < history->len; i++)
    {
      UsgaHistoryEntry *e = history->pdata[i];
      /* Notes and names come from colleagues' files too: no escape sequences reach the terminal. */
      g_autofree char *s1 = NULL, *s2 = NULL, *s3 = NULL, *s4 = NULL, *s5 = NULL, *s6 = NULL, *s7 = NULL;
      const char *by = usga_cli_tracker_text (*e->by ? e->by : "—", &s1);
      const char *note = usga_cli_tracker_text (e->note, &s2);
      const char *old_value = usga_cli_tracker_text (e->old_value, &s3);
      const char *new_value = usga_cli_tracker_text (e->new_value, &s4);
      const char *evidence = usga_cli_tracker_text (e->evidence_url, &s5);
      const char *criterion = usga_cli_tracker_text (e->criterion, &s6);
      const char *at = usga_cli_tracker_text (e->at, &s7);

      if (g_str_equal (e->field, "note"))
        g_print ("%s  %s  %s  %s: %s\n", at, e->recommendation_id, by, _("note"), note ? note : "");
      else
        g_print ("%s  %s  %s  %s: %s → %s\n", at, e->recommendation_id, by, e->field,
                 old_value ? old_value : "—", new_value ? new_value : "—");
      if (note && !g_str_equal (e->field, "note"))
        g_print ("    %s: %s\n", _("note"), note);
      if (evidence)
        g_print ("    %s: %s\n", _("evidence"), evidence);
      if (criterion)
        g_print ("    %s: %s\n", _("criterion"), criterion);
      g_print ("    uuid: %s\n", e->uuid);
    }
  return 0;
}

static int
run_show (UsgaCliContext *ctx, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;
  g_autoptr(UsgaRecommendation) rec = NULL;
  g_autoptr(GPtrArray) related = NULL;
  g_autofree char *scratch = NULL;

  if (!usga_cli_parse_options (_("ID — one recommendation in full, with related ones"), NULL, FALSE, &argc, &argv))
    return USGA_EXIT_USAGE;
  if (argc != 2)
    return usga_cli_error (USGA_EXIT_USAGE, _("show needs exactly one recommendation id, e.g. R035"));
  db = usga_cli_tracker_read (ctx);
  if (db == NULL)
    return USGA_EXIT_FAILURE;
  rec = usga_tracker_get (db, argv[1], &error);
  if (rec == NULL)
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  g_print ("%s · %s %d · %s\n", rec->id, _("SDG"), rec->sdg, spanish_or (rec->theme_en, rec->theme_es));
  g_print ("%s: %s\n", _("Topic"), spanish_or (rec->topic_en, rec->topic_es));
  g_print ("\nEN: %s\nES: %s\n\n", rec->summary_en, rec->summary_es);
  g_print ("%s: %s\n", _("Partners"), rec->partners);
  g_print ("%s: %s\n", _("Source"), rec->source_ref ? rec->source_ref : "—");
  g_print ("%s: %s\n", _("Crime indicator"), rec->indicator ? rec->indicator : "—");
  g_print ("%s: %s · %s: %d %% · %s: %s · %s: %s · %s: %s\n",
           _("Status"), usga_status_name (rec->status), _("Progress"), rec->progress,
           _("Term"), usga_term_name (rec->term), _("Responsible"),
           rec->responsible ? usga_cli_tracker_text (rec->responsible, &scratch) : "—",
           _("Due"), rec->due_date ? rec->due_date : "—");
  related = usga_tracker_related (db, rec->id, 5, &error);
  if (related == NULL)
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  if (related->len)
    g_print ("\n%s:\n", _("Related recommendations"));
  for (guint i = 0; i < related->len; i++)
    {
      UsgaRelated *r = related->pdata[i];
      g_autoptr(UsgaRecommendation) other = usga_tracker_get (db, r->id, NULL);

      g_print ("  %s (%.2f) %s\n", r->id, r->score, other ? spanish_or (other->summary_en, other->summary_es) : "");
    }
  return 0;
}

static int
run_progress (UsgaCliContext *ctx, int argc, char **argv)
{
  gboolean by_theme = FALSE;
  const GOptionEntry entries[] = {
    { "by-theme", 0, 0, G_OPTION_ARG_NONE, &by_theme, N_("Per theme instead of per SDG"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;
  g_autoptr(GPtrArray) groups = NULL;

  if (!usga_cli_parse_no_arguments (_("— share of recommendations addressed, per SDG or theme"), entries, FALSE, &argc, &argv))
    return USGA_EXIT_USAGE;
  db = usga_cli_tracker_read (ctx);
  if (db == NULL)
    return USGA_EXIT_FAILURE;
  groups = usga_tracker_progress (db, by_theme, NULL, &error);
  if (groups == NULL)
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  g_print ("group,total,addressed_pct,not_started,planned,in_progress,implemented,blocked,not_pursued,overdue\n");
  for (guint i = 0; i < groups->len; i++)
    {
      UsgaTrackerGroup *g = groups->pdata[i];
      const char *label = spanish_or (g->label_en, g->label_es);
      g_autofree char *quoted = strchr (label, ',') ? g_strdup_printf ("\"%s\"", label) : g_strdup (label);

      g_print ("%s,%u,%.1f,%u,%u,%u,%u,%u,%u,%u\n", quoted, g->total, usga_tracker_group_addressed_percent (g),
               g->counts[0], g->counts[1], g->counts[2], g->counts[3], g->counts[4], g->counts[5], g->overdue);
    }
  return 0;
}

/* Writes @path with @write; replace() writes to a temporary file and renames on close: no
 * half-written exports. FALSE after printing the error, which names the file. */
static gboolean
export_file (UsgaDb *db, const char *path, gboolean (*write) (UsgaDb *db, GOutputStream *out, GError **error))
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);

  if (out == NULL || !write (db, G_OUTPUT_STREAM (out), &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error))
    {
      usga_cli_error (USGA_EXIT_FAILURE, "%s: %s", path, error->message);
      return FALSE;
    }
  return TRUE;
}

static int
run_export (UsgaCliContext *ctx, int argc, char **argv)
{
  g_autofree char *format = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("json (default), csv (writes FILE and FILE-history.csv; default for .csv) or pdf (the meeting summary; default for .pdf)"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;
  gboolean csv, pdf;

  if (!usga_cli_parse_options (_("FILE — write the tracker with its full history"), entries, FALSE, &argc, &argv))
    return USGA_EXIT_USAGE;
  if (argc != 2)
    return usga_cli_error (USGA_EXIT_USAGE, _("export needs one output file"));
  if (format && !g_str_equal (format, "json") && !g_str_equal (format, "csv") && !g_str_equal (format, "pdf"))
    return usga_cli_error (USGA_EXIT_USAGE, _("unknown format “%s” (use json, csv or pdf)"), format);
  csv = format ? g_str_equal (format, "csv") : g_str_has_suffix (argv[1], ".csv");
  pdf = format ? g_str_equal (format, "pdf") : g_str_has_suffix (argv[1], ".pdf");
  db = usga_cli_tracker_read (ctx);
  if (db == NULL)
    return USGA_EXIT_FAILURE;

  if (pdf)
    {
      if (!usga_tracker_write_pdf (db, argv[1], spanish (), &error))
        return usga_cli_error (USGA_EXIT_FAILURE, "%s: %s", argv[1], error->message);
      g_print (_("Wrote %s.\n"), argv[1]);
      return 0;
    }

  if (!export_file (db, argv[1], csv ? usga_tracker_export_csv : usga_tracker_export_json))
    return USGA_EXIT_FAILURE;
  if (csv)
    {
      g_autofree char *base = g_str_has_suffix (argv[1], ".csv") ? g_strndup (argv[1], strlen (argv[1]) - 4) : g_strdup (argv[1]);
      g_autofree char *history_path = g_strconcat (base, "-history.csv", NULL);

      if (!export_file (db, history_path, usga_tracker_export_history_csv))
        return USGA_EXIT_FAILURE;
      g_print (_("Wrote %s and %s.\n"), argv[1], history_path);
    }
  else
    g_print (_("Wrote %s.\n"), argv[1]);
  return 0;
}

static int
run_import (UsgaCliContext *ctx, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;
  g_autoptr(UsgaTrackerImportReport) report = NULL;
  g_autoptr(UsgaSharedTracker) shared = NULL;
  g_autoptr(UsgaTrackerStore) store = NULL;

  if (!usga_cli_parse_options (_("FILE — merge a colleague’s JSON export (nothing is ever dropped)"), NULL, FALSE, &argc, &argv))
    return USGA_EXIT_USAGE;
  if (argc != 2)
    return usga_cli_error (USGA_EXIT_USAGE, _("import needs one JSON file"));
  if ((store = usga_cli_tracker_store (ctx, &db, &shared)) == NULL)
    return USGA_EXIT_FAILURE;
  report = usga_tracker_store_import (store, argv[1], &error);
  if (report == NULL)
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  g_print (_("Imported %s: %u new history entries, %u already here, %u recommendations updated, %u conflicts.\n"),
           argv[1], report->entries_added, report->entries_present, report->recommendations_updated,
           report->conflicts->len);
  usga_cli_tracker_print_conflicts (report);
  return 0;
}

static const struct {
  const char *name;
  int (*run) (UsgaCliContext *ctx, int argc, char **argv);
  const char *summary;
} subcommands[] = {
  { "list",     run_list,     N_("List recommendations (filters, search, csv/json)") },
  { "show",     run_show,     N_("One recommendation in full, with related ones") },
  { "set",      run_set,      N_("Change status, term, office, due date or progress") },
  { "undo",     run_undo,     N_("Revert a history entry with a new entry") },
  { "history",  run_history,  N_("Show the change history") },
  { "progress", run_progress, N_("Share addressed per SDG or theme") },
  { "export",   run_export,   N_("Write the tracker with history to JSON or CSV, or its meeting summary to PDF") },
  { "import",   run_import,   N_("Merge a colleague’s JSON export") },
  { "queue",    usga_cli_tracker_queue,   N_("Edits for the shared tracker not sent yet (--tracker-db)") },
  { "publish",  usga_cli_tracker_publish, N_("Merge this database’s tracker into the shared one (--tracker-db)") },
};

int
usga_cli_recommendations (UsgaCliContext *ctx, int argc, char **argv)
{
  int rc;

  if ((rc = usga_cli_take_tracker_options (&argc, argv)) != 0)
    return rc;
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      g_print ("%s\n\n", _("Usage: usga recommendations SUBCOMMAND [OPTIONS]"));
      for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
        g_print ("  %-10s %s\n", subcommands[i].name, _(subcommands[i].summary));
      return argc < 2 ? USGA_EXIT_USAGE : 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      return subcommands[i].run (ctx, argc - 1, argv + 1);
  return usga_cli_error (USGA_EXIT_USAGE, _("unknown subcommand “%s” (try “usga recommendations --help”)"), argv[1]);
}
