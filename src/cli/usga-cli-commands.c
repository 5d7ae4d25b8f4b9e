/* usga-cli-commands.c — init, info and stats.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "usga-cli.h"

static void
print_progress (double fraction, const char *message, gpointer user_data)
{
  static char *last;

  if (g_strcmp0 (last, message) == 0 && fraction < 1.0)
    return;
  g_free (last);
  last = g_strdup (message);
  g_printerr ("[%3d%%] %s\n", (int) (fraction * 100), message);
}

int
usga_cli_init (UsgaCliContext *ctx, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;
  gint64 timer = g_get_monotonic_time ();

  if (!usga_cli_parse_options (_("— create the database and load the bundled data"), NULL, FALSE, &argc, &argv))
    return USGA_EXIT_USAGE;
  if (argc > 1)
    return usga_cli_error (USGA_EXIT_USAGE, _("init takes no arguments"));

  db = usga_db_open (ctx->db_path, USGA_DB_OPEN_VERIFY, &error);
  if (db == NULL)
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  if (usga_db_is_populated (db))
    {
      g_print (_("%s is already initialised.\n"), ctx->db_path);
      return 0;
    }
  if (!usga_bundled_import (db, print_progress, NULL, &error))
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  /* Counts go through %d: translatable strings cannot hold the G_GINT64_FORMAT macro. */
  g_print (_("Initialised %s with the bundled data: %d carpetas, %d colonias, %d cuadrantes (%.1f s).\n"),
           ctx->db_path,
           (int) usga_db_query_int (db, "SELECT count(*) FROM incident", 0),
           (int) usga_db_query_int (db, "SELECT count(*) FROM colonia", 0),
           (int) usga_db_query_int (db, "SELECT count(*) FROM cuadrante", 0),
           (g_get_monotonic_time () - timer) / 1e6);
  return 0;
}

int
usga_cli_info (UsgaCliContext *ctx, int argc, char **argv)
{
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(UsgaSyncInfo) sync = NULL;

  if (!usga_cli_parse_no_arguments (_("— show what the database holds"), entries, FALSE, &argc, &argv))
    return USGA_EXIT_USAGE;

  db = usga_cli_open_db_verified (ctx);
  if (db == NULL)
    return USGA_EXIT_FAILURE;
  datasets = usga_datasets_describe (db, &error);
  if (datasets == NULL)
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  sync = usga_datasets_last_sync (db, NULL);

  if (as_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      usga_json_add_string (b, "database", ctx->db_path);
      usga_json_add_int (b, "schema_version", usga_db_schema_version (db));
      json_builder_set_member_name (b, "datasets");
      json_builder_begin_array (b);
      for (guint i = 0; i < datasets->len; i++)
        {
          UsgaDatasetInfo *d = g_ptr_array_index (datasets, i);
          const char *names[] = { "first", "last", "source", "license", "vintage", "origin", "loaded_at" };
          const char *values[] = { d->first, d->last, d->source, d->license, d->vintage, d->origin, d->loaded_at };

          json_builder_begin_object (b);
          usga_json_add_string (b, "id", d->id);
          usga_json_add_int (b, "rows", d->rows);
          usga_json_add_int (b, "imported_rows", d->imported_rows);
          if (d->carpetas >= 0)
            {
              usga_json_add_int (b, "carpetas", d->carpetas);
            }
          usga_json_add_strings (b, names, values, G_N_ELEMENTS (names));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      usga_json_add_int (b, "recommendations", usga_db_query_int (db, "SELECT count(*) FROM recommendation WHERE kind = 'mayor'", 0));
      json_builder_set_member_name (b, "last_sync");
      if (sync)
        {
          json_builder_begin_object (b);
          usga_json_add_string (b, "dataset", sync->dataset);
          usga_json_add_string (b, "kind", sync->kind);
          usga_json_add_string (b, "finished_at", sync->finished_at);
          usga_json_add_string (b, "status", sync->status);
          usga_json_add_int (b, "rows_added", sync->added);
          json_builder_end_object (b);
        }
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
      text = usga_json_pretty_text (b);
      g_print ("%s\n", text);
      return 0;
    }

  g_print (_("Database: %s (schema %d)\n"), ctx->db_path, usga_db_schema_version (db));
  for (guint i = 0; i < datasets->len; i++)
    {
      UsgaDatasetInfo *d = g_ptr_array_index (datasets, i);

      g_print ("\n%s\n", d->title);
      g_print ("  %-10s %" G_GINT64_FORMAT "\n", _("rows:"), d->rows);
      if (d->carpetas >= 0)
        g_print ("  %-10s %" G_GINT64_FORMAT "\n", _("carpetas:"), d->carpetas);
      if (d->first)
        g_print ("  %-10s %s – %s\n", _("covers:"), d->first, d->last);
      if (g_str_equal (d->id, "carpetas") || g_str_equal (d->id, "victimas"))
        {
          /* The days counted by day: where the rows are a complete record of the source. */
          g_autoptr(GPtrArray) ranges = usga_coverage_list (db, d->id, NULL);

          for (guint k = 0; ranges && k < ranges->len; k++)
            {
              UsgaCoverageRange *r = g_ptr_array_index (ranges, k);
              g_print ("  %-10s %s – %s (%s)\n", _("complete:"), r->first_day, r->last_day, r->origin);
            }
          if (ranges && ranges->len == 0 && d->rows > 0)
            g_print ("  %-10s %s\n", _("complete:"), _("no complete range: rows count as partial"));
        }
      if (d->vintage)
        g_print ("  %-10s %s\n", _("vintage:"), d->vintage);
      if (d->source)
        g_print ("  %-10s %s\n", _("source:"), d->source);
      if (d->license)
        g_print ("  %-10s %s\n", _("licence:"), d->license);
      if (d->import_files > 0)
        /* Translators: "imports:    12 rows added by 2 CSV files (latest x.csv), not part of the vintage" */
        g_print (_("  %-10s %ld rows added by %ld CSV files (latest %s), not part of the vintage\n"), _("imports:"),
                 (long) d->imported_rows, (long) d->import_files, d->last_import);
    }
  g_print (_("\nRecommendations: %d\n"),
           (int) usga_db_query_int (db, "SELECT count(*) FROM recommendation WHERE kind = 'mayor'", 0));
  if (sync)
    g_print (_("Last sync: %s %s, %s, %d rows added\n"),
             sync->dataset, sync->kind, sync->status, (int) sync->added);
  return 0;
}

int
usga_cli_stats (UsgaCliContext *ctx, int argc, char **argv)
{
  g_autofree char *by = NULL;
  g_autofree char *format = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *compare = NULL;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by,
      N_("Group by month, quarter, year, colonia, category, delito, hour, weekday, hour-weekday, cuadrante or sector"), N_("GROUP") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: csv (default) or json"), N_("FORMAT") },
    { "rate", 0, 0, G_OPTION_ARG_STRING, &rate, N_("Add rates: per100k"), N_("RATE") },
    { "compare", 0, 0, G_OPTION_ARG_STRING, &compare,
      N_("Add the same period one year earlier and the change: previous-year"), N_("WHAT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = NULL;
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(UsgaStats) stats = NULL;
  g_autoptr(GOutputStream) out = NULL;
  UsgaGroupBy group;
  gboolean json;
  int rc;

  if (!usga_cli_parse_no_arguments (_("— print aggregates"), entries, TRUE, &argc, &argv))
    return USGA_EXIT_USAGE;
  if (by == NULL)
    return usga_cli_error (USGA_EXIT_USAGE, _("stats needs --by (month, quarter, year, colonia, category, delito, hour, weekday, …)"));
  if (!usga_group_by_from_string (by, &group) || group == USGA_BY_NONE)
    return usga_cli_error (USGA_EXIT_USAGE,
                           _("--by: unknown grouping “%s” (month, quarter, year, colonia, category, delito, hour, weekday, hour-weekday, cuadrante, sector)"),
                           by);
  if (!usga_cli_format_is_json (format, &json))
    return USGA_EXIT_USAGE;
  if (rate && !g_str_equal (rate, "per100k"))
    return usga_cli_error (USGA_EXIT_USAGE, _("--rate: unknown rate “%s” (per100k)"), rate);
  if (compare && !g_str_equal (compare, "previous-year"))
    return usga_cli_error (USGA_EXIT_USAGE, _("--compare: unknown comparison “%s” (previous-year)"), compare);
  if (compare && rate)
    return usga_cli_error (USGA_EXIT_USAGE, _("--compare and --rate cannot be combined"));
  if ((rc = usga_cli_open_filtered (ctx, filter, &db)) != 0)
    return rc;

  out = usga_cli_stdout ();
  if (compare)
    {
      g_autoptr(UsgaComparison) comparison = usga_stats_compare_years (db, filter, group, &error);

      if (comparison == NULL)
        return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
      if (comparison->open_ended)
        return usga_cli_error (USGA_EXIT_USAGE, _("--compare previous-year needs a period with a start and an end "
                                                  "(--from and --to): an open-ended period has no like period a year earlier"));
      if (!usga_comparison_write (comparison, json, out, &error))
        return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
      if (!json)
        {
          /* CSV stays machine-readable: what is compared, and how, goes to stderr. */
          g_printerr (_("usga: compared: %s\n"), comparison->label);
          g_printerr (_("usga: method: %s\n"), comparison->now->method);
          g_printerr (_("usga: method a year earlier: %s\n"), comparison->before->method);
        }
      return 0;
    }
  stats = usga_stats_query (db, filter, group, &error);
  if (stats == NULL)
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  if (!usga_stats_write (stats, json, rate != NULL, out, &error))
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  if (!json)
    g_printerr (_("usga: method: %s\n"), stats->method);
  return 0;
}
