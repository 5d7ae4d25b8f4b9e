/* usga-cli-sync.c — `usga sync` (CKAN DataStore) and `usga import` for carpetas/víctimas CSV files.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "usga-cli.h"

static void
print_progress (double fraction, const char *message, gpointer user_data)
{
  g_printerr ("[%3d%%] %s\n", (int) (fraction * 100), message);
}

static gboolean
parse_kind (const char *text, UsgaTableKind *kind)
{
  if (g_strcmp0 (text, "carpetas") == 0)
    *kind = USGA_TABLE_CARPETAS;
  else if (g_strcmp0 (text, "victimas") == 0 || g_strcmp0 (text, "víctimas") == 0)
    *kind = USGA_TABLE_VICTIMAS;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_scope (const char *text, gboolean *city)
{
  if (g_strcmp0 (text, "iztapalapa") == 0)
    *city = FALSE;
  else if (g_strcmp0 (text, "city") == 0)
    *city = TRUE;
  else
    return FALSE;
  return TRUE;
}

/* The app's settings, when its schema is installed (a cron job on a server may not have it). */
static GSettings *
app_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  return schema ? g_settings_new_full (schema, NULL, NULL) : NULL;
}

static void
print_summary (const char *dataset, const UsgaSyncSummary *s)
{
  g_autofree char *reasons = usga_sync_summary_reasons (s);

  if (s->up_to_date)
    {
      g_print (_("%s: already up to date (%s).\n"), dataset, s->vintage);
      return;
    }
  if (s->resumed)
    g_print (_("%s: resumed an earlier sync at row %ld.\n"), dataset, (long) s->resumed_at);
  g_print (_("%s: %ld added, %ld skipped as already present, %ld outside the scope, %ld rejected.\n"),
           dataset, (long) s->added, (long) s->skipped, (long) s->out_of_scope, (long) s->rejected);
  if (reasons)
    g_print (_("  rejected: %s\n"), reasons);
  if (s->generation || s->vintage)
    g_print (_("  source: %s, schema %s\n"), s->vintage ? s->vintage : "", s->generation ? s->generation : "");
  if (s->covered_first)
    g_print (_("  complete: every row of the portal's %ld; days %s to %s recorded as complete, "
               "%ld bundled carpetas of them replaced\n"),
             (long) s->total, s->covered_first, s->covered_last, (long) s->replaced);
  if (s->replacement)
    g_print (_("  the portal no longer has the resource asked for; its dataset serves %s now (pass --resource %s "
               "or change the setting)\n"), s->replacement, s->replacement);
}

int
usga_cli_sync (UsgaCliContext *ctx, int argc, char **argv)
{
  g_autofree char *dataset = NULL, *endpoint = NULL, *scope = NULL, *resource = NULL, *package = NULL;
  gboolean full = FALSE, no_sql = FALSE;
  int page_size = 0;
  const GOptionEntry entries[] = {
    { "dataset", 0, 0, G_OPTION_ARG_STRING, &dataset, N_("carpetas, victimas or all (default all)"), N_("NAME") },
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &endpoint, N_("CKAN portal base URL (default: the ckan-base-url setting)"), N_("URL") },
    { "resource", 0, 0, G_OPTION_ARG_STRING, &resource, N_("DataStore resource id (only with one dataset)"), N_("ID") },
    { "package", 0, 0, G_OPTION_ARG_STRING, &package, N_("dataset to ask for its current resource when the resource is gone (only with one dataset; \"\" for never)"), N_("ID") },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope, N_("iztapalapa or city (default: the sync-scope setting)"), N_("SCOPE") },
    { "full", 0, 0, G_OPTION_ARG_NONE, &full, N_("Read everything again, even if the portal reports no change"), NULL },
    { "page-size", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &page_size, "rows per request", NULL },
    { "no-sql", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &no_sql, "page with datastore_search only", NULL },
    { NULL }
  };
  g_autoptr(GSettings) settings = app_settings ();
  g_autoptr(UsgaDb) db = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;
  UsgaSyncTarget targets[2] = { { 0 } };
  char *ids[2][2] = { { NULL } };
  UsgaSyncOptions options = { 0 };
  guint n_kinds = 0;
  gboolean city = FALSE, ok;

  if (!usga_cli_parse_options (_("— bring carpetas and victims up to date from the open-data portal"), entries, FALSE, &argc, &argv))
    return USGA_EXIT_USAGE;
  if (argc > 1)
    return usga_cli_error (USGA_EXIT_USAGE, _("unexpected argument “%s”"), argv[1]);

  if (dataset == NULL || g_str_equal (dataset, "all"))
    {
      targets[n_kinds++].kind = USGA_TABLE_CARPETAS;
      targets[n_kinds++].kind = USGA_TABLE_VICTIMAS;
    }
  else if (!parse_kind (dataset, &targets[n_kinds++].kind))
    return usga_cli_error (USGA_EXIT_USAGE, _("unknown dataset “%s” (use carpetas, victimas or all)"), dataset);
  if (resource && n_kinds != 1)
    return usga_cli_error (USGA_EXIT_USAGE, _("--resource needs --dataset carpetas or --dataset victimas"));
  if (package && n_kinds != 1)
    return usga_cli_error (USGA_EXIT_USAGE, _("--package needs --dataset carpetas or --dataset victimas"));
  if (scope == NULL && settings)
    scope = g_settings_get_string (settings, "sync-scope");
  if (scope && !parse_scope (scope, &city))
    return usga_cli_error (USGA_EXIT_USAGE, _("unknown scope “%s” (use iztapalapa or city)"), scope);
  if (endpoint == NULL)
    endpoint = usga_cli_setting (settings, "ckan-base-url");
  if (endpoint == NULL)
    return usga_cli_error (USGA_EXIT_USAGE, _("no portal address: pass --endpoint URL"));

  db = usga_cli_open_db (ctx, TRUE);
  if (db == NULL)
    return USGA_EXIT_FAILURE;

  options.base_url = endpoint;
  options.city = city;
  options.full = full;
  options.no_sql = no_sql;
  options.page_size = page_size > 0 ? page_size : 0;
  /* Tests: no multi-second waits. */
  if (g_getenv ("USGA_SYNC_RETRY_DELAY_MS"))
    options.retry_delay_ms = atoi (g_getenv ("USGA_SYNC_RETRY_DELAY_MS"));
  if (g_getenv ("USGA_SYNC_IDLE_TIMEOUT_S"))
    options.timeout_s = atoi (g_getenv ("USGA_SYNC_IDLE_TIMEOUT_S"));
  if (g_getenv ("USGA_SYNC_DEADLINE_MS"))
    options.deadline_ms = atoi (g_getenv ("USGA_SYNC_DEADLINE_MS"));
  for (guint i = 0; i < n_kinds; i++)
    {
      gboolean victims = targets[i].kind == USGA_TABLE_VICTIMAS;

      ids[i][0] = resource ? g_strdup (resource)
                           : usga_cli_setting (settings, victims ? "ckan-victimas-resource" : "ckan-carpetas-resource");
      ids[i][1] = package ? g_strdup (package)
                          : usga_cli_setting (settings, victims ? "ckan-victimas-package" : "ckan-carpetas-package");
      targets[i].resource_id = ids[i][0];
      targets[i].package_id = ids[i][1];
    }

  /* The Data page's rule (usga-sync-all.h): every dataset is tried; any failure, even an
   * incomplete one, makes the exit status 1 for cron, with the page's message naming each. */
  ok = usga_sync_all (db, &options, targets, n_kinds, print_progress, NULL, NULL, &outcomes, &error);
  for (guint i = 0; i < outcomes->len; i++)
    {
      UsgaSyncOutcome *outcome = g_ptr_array_index (outcomes, i);

      if (outcome->tried)
        print_summary (usga_table_kind_dataset (outcome->kind), &outcome->summary);
    }
  for (guint i = 0; i < n_kinds; i++)
    {
      g_free (ids[i][0]);
      g_free (ids[i][1]);
    }
  if (!ok)
    return usga_cli_error (USGA_EXIT_FAILURE, "%s", error->message);
  return 0;
}

/* What an import kept without a value, and did to the bundled carpetas: found again, or
 * replaced by a complete file. */
static void
print_import_details (const UsgaSyncSummary *s, gboolean complete, const char *rejects)
{
  g_autofree char *repairs = usga_sync_summary_repairs (s);

  if (repairs)
    g_print (_("  kept without coordinates: %s\n"), repairs);
  if (rejects && (s->rejected > 0 || s->repaired > 0))
    g_print (_("  rejected and repaired rows, with their line: %s\n"), rejects);
  if (s->bundled_present > 0)
    g_print (_("  %ld of the rows already present are bundled carpetas\n"), (long) s->bundled_present);
  if (complete && s->covered_first == NULL && s->coverage_trimmed)
    g_print (_("  not recorded as complete, nothing replaced: it holds far fewer carpetas than the published "
               "quarterly counts for its days\n"));
  if (complete && s->covered_first && s->coverage_trimmed)
    g_print (_("  days at its ends holding far fewer carpetas than the published quarterly counts are not "
               "taken as complete\n"));
  if (complete && s->covered_first)
    {
      g_print (_("  recorded as the complete record of %s to %s\n"), s->covered_first, s->covered_last);
      if (s->replaced > 0)
        g_print (_("  replaced %ld bundled rows in %s: %ld kept as this file’s (the same carpetas), "
                   "%ld not in the file removed\n"),
                 (long) s->replaced, s->replaced_months, (long) (s->replaced - s->replaced_removed),
                 (long) s->replaced_removed);
      else
        g_print (_("  replaced no bundled rows (none on those days)\n"));
    }
  else if (!complete)
    g_print (_("  replaced nothing: an import only adds rows (--complete if the file is the full FGJ "
               "extract for its dates)\n"));
}

int
usga_cli_import_table (UsgaCliContext *ctx, const char *path, const char *kind_name, const char *scope,
                       gboolean complete, const char *rejects)
{
  g_autoptr(UsgaDb) db = NULL;
  g_autoptr(GError) error = NULL;
  UsgaSyncSummary summary;
  UsgaImportOptions options = { .kind = USGA_TABLE_AUTO, .complete = complete, .rejects_path = rejects };
  gboolean ok;
  gint64 timer = g_get_monotonic_time ();

  if (kind_name && !parse_kind (kind_name, &options.kind))
    return usga_cli_error (USGA_EXIT_USAGE, _("unknown kind “%s”"), kind_name);
  if (scope && !parse_scope (scope, &options.city))
    return usga_cli_error (USGA_EXIT_USAGE, _("unknown scope “%s” (use iztapalapa or city)"), scope);
  db = usga_cli_open_db (ctx, TRUE);
  if (db == NULL)
    return USGA_EXIT_FAILURE;

  usga_sync_summary_init (&summary);
  ok = usga_import_csv_with_options (db, path, &options, print_progress, NULL, NULL, &summary, &error);
  if (ok)
    {
      print_summary (summary.dataset, &summary);
      print_import_details (&summary, complete, rejects);
      g_print (_("  %ld rows in %.1f s\n"), (long) summary.total, (g_get_monotonic_time () - timer) / 1e6);
    }
  usga_sync_summary_clear (&summary);
  if (!ok)
    return usga_cli_error (USGA_EXIT_FAILURE, _("import failed, nothing was changed: %s"), error->message);
  return 0;
}

int
usga_cli_import (UsgaCliContext *ctx, int argc, char **argv)
{
  g_autofree char *kind = NULL, *scope = NULL, *rejects = NULL;
  gboolean complete = FALSE;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("carpetas, victimas (default: from the CSV header), corridors or utopias"), N_("KIND") },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope, N_("iztapalapa (default) or city"), N_("SCOPE") },
    { "complete", 0, 0, G_OPTION_ARG_NONE, &complete, N_("The file is the full FGJ extract for its dates: it replaces the bundled carpetas of those days"), NULL },
    { "rejects", 0, 0, G_OPTION_ARG_FILENAME, &rejects, N_("Write the rejected and repaired rows, with line and reason, to this CSV file"), N_("FILE") },
    { NULL }
  };

  if (!usga_cli_parse_options (_("FILE — import carpetas or victims (CSV, optionally .gz), corridors or UTOPIAS (GeoJSON, KML, GPX)"), entries, FALSE, &argc, &argv))
    return USGA_EXIT_USAGE;
  if (argc != 2)
    return usga_cli_error (USGA_EXIT_USAGE, _("import takes one file"));
  if (kind && usga_cli_geo_kind (kind) && (complete || rejects))
    return usga_cli_error (USGA_EXIT_USAGE, _("--complete and --rejects are for carpetas and victims CSV files"));
  if (kind && usga_cli_geo_kind (kind))
    return usga_cli_import_geo (ctx, argv[1], kind);
  /* A table's kind can be read from its CSV header; a map file's cannot. */
  if (kind == NULL && (g_str_has_suffix (argv[1], ".geojson") || g_str_has_suffix (argv[1], ".json") ||
                       g_str_has_suffix (argv[1], ".kml") || g_str_has_suffix (argv[1], ".gpx")))
    return usga_cli_error (USGA_EXIT_USAGE, _("say what %s holds with --kind corridors or --kind utopias"), argv[1]);
  if (kind == NULL || g_str_equal (kind, "carpetas") || g_str_equal (kind, "victimas") || g_str_equal (kind, "víctimas"))
    return usga_cli_import_table (ctx, argv[1], kind, scope, complete, rejects);
  return usga_cli_error (USGA_EXIT_USAGE, _("unknown kind “%s” (carpetas, victimas, corridors or utopias)"), kind);
}
