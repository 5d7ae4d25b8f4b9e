/* usga-data-page.c — what the database holds (rows, dates covered, vintage, source, last sync),
 * and the open-data sync and CSV import, run on a worker thread with progress and Cancel.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-data-page.h"
#include "usga-page-util.h"

struct _UsgaDataPage {
  GtkWidget  parent_instance;

  GtkWidget *preferences_page;
  GtkWidget *sync_group;
  GtkWidget *portal_row;
  GtkWidget *import_button;
  GtkWidget *sync_button;
  GtkWidget *progress_row;
  GtkWidget *progress_bar;
  GtkWidget *cancel_button;
  GtkWidget *result_row;
  GtkWidget *database_group;
  GtkWidget *path_row;
  GtkWidget *sync_row;

  UsgaStore    *store;
  GSettings    *settings;
  GPtrArray    *dataset_groups;  /* AdwPreferencesGroup* we added */
  GCancellable *job;             /* the running sync or import, NULL when idle */
  gint64        last_emit;       /* when other pages were last told about committed rows */
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (UsgaDataPage, usga_data_page, GTK_TYPE_WIDGET)

static void
add_row (GtkWidget *group, const char *title, const char *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static const char *
origin_name (const char *origin)
{
  if (g_strcmp0 (origin, "ckan") == 0)
    return _("synchronised from the open-data portal");
  if (g_strcmp0 (origin, "csv") == 0)
    return _("imported from a CSV file");
  return _("bundled with the app");
}

static const char *
status_name (const char *status)
{
  if (g_strcmp0 (status, "ok") == 0)
    return _("completed");
  if (g_strcmp0 (status, "failed") == 0)
    return _("failed");
  if (g_strcmp0 (status, "cancelled") == 0)
    return _("cancelled");
  if (g_strcmp0 (status, "running") == 0 || g_strcmp0 (status, "interrupted") == 0)
    return _("interrupted");
  return status;
}

static char *
describe_sync (const UsgaSyncInfo *info)
{
  g_autofree char *when = usga_page_local_time (info->finished_at);
  g_autofree char *added = usga_format_count (info->added);
  g_autofree char *skipped = usga_format_count (info->skipped);
  g_autofree char *rejected = usga_format_count (info->rejected);
  const char *how = g_strcmp0 (info->kind, "csv") == 0 ? _("CSV import") : _("Portal sync");

  /* e.g. "Portal sync completed 2025-02-10T…: 2,300 added, 0 skipped, 3 rejected — schema G3" */
  return g_strdup_printf (_("%s %s %s: %s added, %s skipped, %s rejected%s%s"), how, status_name (info->status),
                          when, added, skipped, rejected,
                          info->message ? " — " : "", info->message ? info->message : "");
}


/* What the page describes, read on a worker: at city scale counting rows takes a few hundred ms. */
typedef struct {
  GPtrArray    *datasets;  /* UsgaDatasetInfo* */
  UsgaSyncInfo *sync;      /* the last sync of any dataset, or NULL */
  GPtrArray    *last;      /* per dataset: its last sync, or NULL */
} Description;

static void
description_free (gpointer data)
{
  Description *d = data;

  g_clear_pointer (&d->datasets, g_ptr_array_unref);
  g_clear_pointer (&d->sync, usga_sync_info_free);
  g_clear_pointer (&d->last, g_ptr_array_unref);
  g_free (d);
}

static void
sync_info_free0 (gpointer info)
{
  if (info)
    usga_sync_info_free (info);
}

static gpointer
description_query (UsgaDb *db, UsgaFilter *filter, gpointer data, GError **error)
{
  Description *d = g_new0 (Description, 1);

  if ((d->datasets = usga_datasets_describe (db, error)) == NULL)
    {
      description_free (d);
      return NULL;
    }
  d->sync = usga_datasets_last_sync (db, NULL);
  d->last = g_ptr_array_new_with_free_func (sync_info_free0);
  for (guint i = 0; i < d->datasets->len; i++)
    {
      UsgaDatasetInfo *info = g_ptr_array_index (d->datasets, i);
      g_ptr_array_add (d->last, g_str_equal (info->id, "carpetas") || g_str_equal (info->id, "victimas")
                                ? usga_datasets_last_sync (db, info->id) : NULL);
    }
  return d;
}

static void
show_description (UsgaDataPage *self, Description *description)
{
  GPtrArray *datasets = description->datasets;
  UsgaSyncInfo *sync = description->sync;
  g_autofree char *base = g_settings_get_string (self->settings, "ckan-base-url");
  g_autofree char *scope = g_settings_get_string (self->settings, "sync-scope");
  g_autofree char *portal = g_strdup_printf (_("%s — %s"), base,
                                             g_str_equal (scope, "city") ? _("whole city") : _("Iztapalapa only"));
  for (guint i = 0; i < self->dataset_groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self->preferences_page), self->dataset_groups->pdata[i]);
  g_ptr_array_set_size (self->dataset_groups, 0);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->portal_row), portal);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->path_row), usga_store_get_db_path (self->store));
  if (sync)
    {
      g_autofree char *added = usga_format_count (sync->added);
      g_autofree char *when = usga_page_local_time (sync->finished_at);
      g_autofree char *text = g_strdup_printf (_("%s — %s (%s), %s rows added"),
                                               when, sync->dataset, status_name (sync->status), added);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->sync_row), text);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->sync_row), _("Never"));

  for (guint i = 0; datasets && i < datasets->len; i++)
    {
      UsgaDatasetInfo *d = g_ptr_array_index (datasets, i);
      GtkWidget *group = adw_preferences_group_new ();
      g_autofree char *rows = usga_format_count (d->rows);
      g_autofree char *covers = d->first ? g_strdup_printf (_("%s to %s"), d->first, d->last) : NULL;
      UsgaSyncInfo *last = g_ptr_array_index (description->last, i);
      g_autofree char *last_text = NULL;

      if (last)
        last_text = describe_sync (last);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), d->title);
      if (d->rows == 0)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                               _("No rows yet: synchronise or import this dataset."));
      add_row (group, _("Rows"), rows);
      if (d->carpetas >= 0)
        {
          g_autofree char *carpetas = usga_format_count (d->carpetas);
          add_row (group, _("Carpetas counted"), carpetas);
        }
      add_row (group, _("Covers"), covers);
      add_row (group, _("Vintage"), d->vintage);
      add_row (group, _("Origin"), d->source ? origin_name (d->origin) : NULL);
      add_row (group, _("Last sync"), last_text);
      add_row (group, _("Source"), d->source);
      add_row (group, _("Licence"), d->license);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->preferences_page), ADW_PREFERENCES_GROUP (group));
      g_ptr_array_add (self->dataset_groups, group);
    }
}

static void
description_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(UsgaDataPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Description *d = usga_store_query_finish (USGA_STORE (source), result, &error);

  if (d == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        usga_page_toast (GTK_WIDGET (self), error->message);
      return;
    }
  show_description (self, d);
  description_free (d);
}

static void
refresh (GtkWidget *widget)
{
  UsgaDataPage *self = USGA_DATA_PAGE (widget);
  GCancellable *cancellable = usga_page_renew_cancellable (widget);

  usga_store_query_async (self->store, usga_store_get_filter (self->store), description_query, NULL, NULL,
                          description_free, cancellable, description_ready, g_object_ref (self));
}

/* ------------------------------------------------------------------ background jobs */

typedef struct {
  char         *db_path;
  char         *import_path;  /* NULL: sync from the portal */
  char         *base_url;
  char         *resources[2];
  char         *packages[2];
  char         *replacements[2]; /* resources the portal serves instead, found through the dataset */
  gboolean      city;
  GString      *report;       /* the summary, for the toast and the result row */
  gboolean      added_any;
} Job;

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_free (job->import_path);
  g_free (job->base_url);
  for (int k = 0; k < 2; k++)
    {
      g_free (job->resources[k]);
      g_free (job->packages[k]);
      g_free (job->replacements[k]);
    }
  g_string_free (job->report, TRUE);
  g_free (job);
}

typedef struct {
  UsgaDataPage *page;
  double        fraction;
  char         *message;
} Progress;

static gboolean
show_progress (gpointer data)
{
  Progress *p = data;
  UsgaDataPage *self = p->page;

  if (self->job)
    {
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), p->fraction);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->progress_row), p->message);
      /* Each page is committed: let the other pages catch up now and then, not on every page. */
      if (g_get_monotonic_time () - self->last_emit > 10 * G_USEC_PER_SEC)
        {
          self->last_emit = g_get_monotonic_time ();
          usga_store_emit_data_changed (self->store);
        }
    }
  g_object_unref (p->page);
  g_free (p->message);
  g_free (p);
  return G_SOURCE_REMOVE;
}

/* Called on the worker thread. */
static void
job_progress (double fraction, const char *message, gpointer user_data)
{
  Progress *p = g_new0 (Progress, 1);

  p->page = g_object_ref (user_data);
  p->fraction = fraction;
  p->message = g_strdup (message);
  g_main_context_invoke (NULL, show_progress, p);
}

static void
append_summary (Job *job, const UsgaSyncSummary *s)
{
  g_autofree char *added = usga_format_count (s->added);
  g_autofree char *skipped = usga_format_count (s->skipped);
  g_autofree char *rejected = usga_format_count (s->rejected);
  g_autofree char *reasons = usga_sync_summary_reasons (s);
  g_autofree char *repairs = usga_sync_summary_repairs (s);
  const char *name = g_strcmp0 (s->dataset, "victimas") == 0 ? _("Victims") : _("Carpetas");

  if (job->report->len)
    g_string_append (job->report, "; ");
  if (s->up_to_date)
    g_string_append_printf (job->report, _("%s already up to date"), name);
  else
    g_string_append_printf (job->report, _("%s: %s added, %s already present, %s rejected"), name, added, skipped, rejected);
  if (reasons)
    /* Translators: appended to the line above: why rows were rejected or repaired, by reason. */
    g_string_append_printf (job->report, _(" (%s)"), reasons);
  if (repairs)
    /* Translators: appended: rows kept but placed nowhere, by reason. */
    g_string_append_printf (job->report, _(", kept without coordinates: %s"), repairs);
  if (s->replaced > 0)
    {
      g_autofree char *replaced = usga_format_count (s->replaced);
      /* Translators: appended; the months with their counts, e.g. "2024-03 (2,518)". */
      g_string_append_printf (job->report, _(", replacing %s bundled rows in %s"), replaced, s->replaced_months);
    }
  if (s->replacement)
    /* Translators: appended to the line above when the portal had replaced the resource. */
    g_string_append_printf (job->report, _(" (the portal now serves them as resource %s, kept in Preferences)"),
                            s->replacement);
  job->added_any |= s->added > 0;
}

static void
run_job (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = usga_db_open (job->db_path, USGA_DB_OPEN_NO_CREATE, &error);

  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->import_path)
    {
      UsgaSyncSummary s;
      gboolean ok;

      usga_sync_summary_init (&s);
      ok = usga_import_csv (db, job->import_path, USGA_TABLE_AUTO, job->city, job_progress, source, cancellable, &s, &error);
      if (ok)
        append_summary (job, &s);
      usga_sync_summary_clear (&s);
      if (!ok)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else
    {
      /* One rule with `usga sync` (usga-sync-all.h): every dataset tried, each reported. */
      UsgaSyncTarget targets[2] = {
        { USGA_TABLE_CARPETAS, job->resources[0], job->packages[0] },
        { USGA_TABLE_VICTIMAS, job->resources[1], job->packages[1] },
      };
      UsgaSyncOptions o = { .base_url = job->base_url, .city = job->city };
      g_autoptr(GPtrArray) outcomes = NULL;
      gboolean ok = usga_sync_all (db, &o, targets, G_N_ELEMENTS (targets), job_progress, source, cancellable,
                                   &outcomes, &error);

      for (guint k = 0; k < outcomes->len; k++)
        {
          UsgaSyncOutcome *outcome = g_ptr_array_index (outcomes, k);

          if (outcome->tried && outcome->error == NULL)
            append_summary (job, &outcome->summary);
          job->added_any |= outcome->summary.added > 0;  /* committed pages stay, even of a failure */
          job->replacements[k] = g_strdup (outcome->summary.replacement);
        }
      if (!ok)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
set_busy (UsgaDataPage *self, gboolean busy, const char *title)
{
  gtk_widget_set_sensitive (self->sync_button, !busy);
  gtk_widget_set_sensitive (self->import_button, !busy);
  gtk_widget_set_visible (self->progress_row, busy);
  if (busy)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->progress_row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->progress_row), "");
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 0);
      gtk_widget_set_sensitive (self->cancel_button, TRUE);
    }
}

static void
job_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  UsgaDataPage *self = USGA_DATA_PAGE (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL, *detail = NULL;

  g_clear_object (&self->job);
  set_busy (self, FALSE, NULL);
  /* Keep the resource the portal serves now, so the next sync asks for it directly. */
  for (int k = 0; k < 2; k++)
    if (job->replacements[k])
      g_settings_set_string (self->settings, k == 0 ? "ckan-carpetas-resource" : "ckan-victimas-resource",
                             job->replacements[k]);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    text = g_strdup (job->report->len ? job->report->str : _("Nothing to do"));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    text = g_strdup (job->import_path ? _("Import cancelled; nothing was changed")
                                      : _("Synchronisation cancelled; pages already received are kept and the next sync resumes"));
  else
    text = g_strdup (error->message);
  /* A failed sync's message is `usga sync`'s; below it, what the datasets that completed did. */
  if (error && job->report->len)
    /* Translators: a failed sync's message, then on a new line what the other datasets did. */
    detail = g_strdup_printf (_("%s\nCompleted: %s"), text, job->report->str);

  gtk_widget_set_visible (self->result_row, TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->result_row), detail ? detail : text);
  usga_page_toast (GTK_WIDGET (self), text);
  /* Rows committed, even by a failed or cancelled sync: every page recomputes. */
  if (job->added_any || error == NULL)
    usga_store_emit_data_changed (self->store);
  else
    refresh (GTK_WIDGET (self));
}

static void
start_job (UsgaDataPage *self, Job *job, const char *title)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *scope = g_settings_get_string (self->settings, "sync-scope");

  job->db_path = g_strdup (usga_store_get_db_path (self->store));
  job->city = g_str_equal (scope, "city");
  job->report = g_string_new (NULL);
  self->job = g_cancellable_new ();
  self->last_emit = g_get_monotonic_time ();
  set_busy (self, TRUE, title);
  task = g_task_new (self, self->job, job_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_job);
}

const char *
usga_data_page_get_result (UsgaDataPage *self)
{
  g_return_val_if_fail (USGA_IS_DATA_PAGE (self), NULL);
  if (!gtk_widget_get_visible (self->result_row))
    return NULL;
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (self->result_row));
}

void
usga_data_page_sync (UsgaDataPage *self)
{
  Job *job;

  g_return_if_fail (USGA_IS_DATA_PAGE (self));
  if (self->job)
    return;
  job = g_new0 (Job, 1);
  job->base_url = g_settings_get_string (self->settings, "ckan-base-url");
  job->resources[0] = g_settings_get_string (self->settings, "ckan-carpetas-resource");
  job->resources[1] = g_settings_get_string (self->settings, "ckan-victimas-resource");
  job->packages[0] = g_settings_get_string (self->settings, "ckan-carpetas-package");
  job->packages[1] = g_settings_get_string (self->settings, "ckan-victimas-package");
  start_job (self, job, _("Synchronising with the portal…"));
}

void
usga_data_page_import (UsgaDataPage *self, const char *path)
{
  Job *job;

  g_return_if_fail (USGA_IS_DATA_PAGE (self));
  if (self->job)
    return;
  job = g_new0 (Job, 1);
  job->import_path = g_strdup (path);
  start_job (self, job, _("Importing CSV file…"));
}

gboolean
usga_data_page_is_busy (UsgaDataPage *self)
{
  return self->job != NULL;
}

static void
on_sync_clicked (UsgaDataPage *self)
{
  usga_data_page_sync (self);
}

void
usga_data_page_cancel (UsgaDataPage *self)
{
  if (self->job)
    {
      g_cancellable_cancel (self->job);
      gtk_widget_set_sensitive (self->cancel_button, FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->progress_row), _("Cancelling after the current step…"));
    }
}

static void
on_cancel_clicked (UsgaDataPage *self)
{
  usga_data_page_cancel (self);
}

static void
chooser_response (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  UsgaDataPage *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path)
        usga_data_page_import (self, path);
      else
        usga_page_toast (GTK_WIDGET (self), _("Only local files can be imported"));
    }
  g_clear_object (&self->chooser);
}

static void
on_import_clicked (UsgaDataPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Import Carpetas or Victims CSV"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV files (.csv, .csv.gz)"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.CSV");
  gtk_file_filter_add_pattern (csv, "*.csv.gz");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
usga_data_page_set_store (UsgaDataPage *self, UsgaStore *store)
{
  g_return_if_fail (USGA_IS_DATA_PAGE (self));

  g_set_object (&self->store, store);
  usga_page_watch_store (GTK_WIDGET (self), store, refresh);
}

static void
usga_data_page_dispose (GObject *object)
{
  UsgaDataPage *self = USGA_DATA_PAGE (object);

  /* A running job holds a reference on the page, so this only happens when idle. */
  if (self->chooser)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_pointer (&self->preferences_page, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->job);
  g_clear_pointer (&self->dataset_groups, g_ptr_array_unref);
  G_OBJECT_CLASS (usga_data_page_parent_class)->dispose (object);
}

static void
usga_data_page_class_init (UsgaDataPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = usga_data_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/usga/Dashboard/ui/usga-data-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UsgaDataPage, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, UsgaDataPage, sync_group);
  gtk_widget_class_bind_template_child (widget_class, UsgaDataPage, portal_row);
  gtk_widget_class_bind_template_child (widget_class, UsgaDataPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, UsgaDataPage, sync_button);
  gtk_widget_class_bind_template_child (widget_class, UsgaDataPage, progress_row);
  gtk_widget_class_bind_template_child (widget_class, UsgaDataPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, UsgaDataPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, UsgaDataPage, result_row);
  gtk_widget_class_bind_template_child (widget_class, UsgaDataPage, database_group);
  gtk_widget_class_bind_template_child (widget_class, UsgaDataPage, path_row);
  gtk_widget_class_bind_template_child (widget_class, UsgaDataPage, sync_row);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
}

static void
settings_changed (UsgaDataPage *self)
{
  if (self->store && usga_store_get_db (self->store) && g_object_get_data (G_OBJECT (self), "usga-watch"))
    refresh (GTK_WIDGET (self));
}

static void
usga_data_page_init (UsgaDataPage *self)
{
  self->dataset_groups = g_ptr_array_new ();
  self->settings = g_settings_new (APP_ID);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The portal address and scope are shown as they change in Preferences. */
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed), self, G_CONNECT_SWAPPED);
}
