/* usga-recommendations-files.c — the Recommendations page's menu: exports (CSV with its
 * history, JSON for a colleague, the meeting PDF), merge-import of a colleague's file, and
 * "Publish my local tracker to the server".
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "usga-page-util.h"
#include "usga-recommendations-files.h"
#include "usga-recommendations-snapshot.h"
#include "usga-tracker-pdf.h"
#include "usga-window.h"

static void published (GObject *source, GAsyncResult *result, gpointer data);

static gboolean
spanish (void)
{
  return g_str_equal (usga_ui_language (), "es");
}


static void
toast (UsgaRecommendationsPage *self, const char *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (USGA_IS_WINDOW (root))
    usga_window_add_toast (USGA_WINDOW (root), message);
}

static void
show_error (UsgaRecommendationsPage *self, const char *heading, const char *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef enum {
  EXPORT_CSV = USGA_RECOMMENDATIONS_EXPORT_CSV,
  EXPORT_JSON = USGA_RECOMMENDATIONS_EXPORT_JSON,
  EXPORT_PDF = USGA_RECOMMENDATIONS_EXPORT_PDF,
  IMPORT_JSON = USGA_RECOMMENDATIONS_IMPORT_JSON,
} FileAction;

static gboolean
write_with (UsgaDb *db, const char *path, gboolean (*writer) (UsgaDb *, GOutputStream *, GError **), GError **error)
{
  /* g_file_replace() writes beside the target and renames on close: never a half file. */
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);

  return out && writer (db, G_OUTPUT_STREAM (out), error) &&
         g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
}

/* One file action, the task's data; on the worker (or the writing thread) only this is read. */
typedef struct {
  FileAction               action;
  char                    *path;
  gboolean                 spanish;
  UsgaTrackerImportReport *report;   /* the import's outcome */
} FileJob;

static void
file_job_free (FileJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->report, usga_tracker_import_report_free);
  g_free (job);
}

/* On a store worker: the exports read the tracker through the worker's read-only connection. */
static gpointer
export_query (UsgaDb *db, UsgaFilter *filter, gpointer data, GError **error)
{
  FileJob *job = data;
  gboolean ok = FALSE;

  switch (job->action)
    {
    case EXPORT_CSV:
      {
        g_autofree char *base = g_str_has_suffix (job->path, ".csv") ? g_strndup (job->path, strlen (job->path) - 4)
                                                                      : g_strdup (job->path);
        g_autofree char *history_path = g_strconcat (base, "-history.csv", NULL);

        ok = write_with (db, job->path, usga_tracker_export_csv, error) &&
             write_with (db, history_path, usga_tracker_export_history_csv, error);
        break;
      }
    case EXPORT_JSON:
      ok = write_with (db, job->path, usga_tracker_export_json, error);
      break;
    case EXPORT_PDF:
      ok = usga_tracker_write_pdf (db, job->path, job->spanish, error);
      break;
    case IMPORT_JSON:
      break;
    }
  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
exported (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;

  if (usga_store_query_finish (USGA_STORE (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* On the store's writing thread. */
static gboolean
import_write (UsgaDb *db, gpointer data, GError **error)
{
  FileJob *job = data;

  job->report = usga_tracker_import_json (db, job->path, error);
  return job->report != NULL;
}

static void
imported (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  UsgaRecommendationsPage *self = g_task_get_source_object (task);
  FileJob *job = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *summary = NULL;
  UsgaTrackerImportReport *report = job->report;

  if (!usga_store_write_finish (USGA_STORE (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  summary = g_strdup_printf (_("%u new history entries, %u already here, %u recommendations updated."),
                             report->entries_added, report->entries_present, report->recommendations_updated);
  usga_recommendations_page_reload (self);
  if (report->conflicts->len > 0)
    {
      g_autoptr(GString) body = g_string_new (summary);

      g_string_append_printf (body, "\n\n%s\n", _("Changed on both sides (every entry was kept; the later change is current):"));
      for (guint i = 0; i < report->conflicts->len; i++)
        g_string_append_printf (body, "\n• %s", (char *) report->conflicts->pdata[i]);
      show_error (self, _("Imported with conflicts"), body->str);
    }
  else
    toast (self, summary);
  g_task_return_boolean (task, TRUE);
}

void
usga_recommendations_page_run_file_action (UsgaRecommendationsPage *self, int action, GFile *file,
                                           GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  UsgaStore *store = usga_recommendations_page_get_store (self);
  UsgaSharedLink *link = usga_recommendations_page_get_link (self);
  const char *tracker = usga_recommendations_tracker_path (store, link);
  FileJob *job = g_new0 (FileJob, 1);

  job->action = action;
  job->path = g_file_get_path (file);
  job->spanish = spanish ();
  g_task_set_task_data (task, job, (GDestroyNotify) file_job_free);
  if (action == IMPORT_JSON && link)
    {
      /* The copy is read-only: the file is merged on the server, the result shown when done. */
      usga_shared_link_import_async (link, job->path, published, g_object_ref (self));
      g_task_return_boolean (task, TRUE);
    }
  else if (action == IMPORT_JSON)
    usga_store_write_async (store, import_write, job, NULL, imported, g_steal_pointer (&task));
  else if (tracker == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The shared tracker has not been fetched yet."));
  else
    /* The task (held by the callback) keeps @job alive while the worker reads it. */
    usga_store_query_file_async (store, tracker, NULL, export_query, job, NULL, NULL, NULL, exported,
                                 g_steal_pointer (&task));
}

gboolean
usga_recommendations_page_run_file_action_finish (UsgaRecommendationsPage *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
file_done (GObject *source, GAsyncResult *result, gpointer data)
{
  UsgaRecommendationsPage *self = USGA_RECOMMENDATIONS_PAGE (source);
  FileJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (job->path);

  if (!usga_recommendations_page_run_file_action_finish (self, result, &error))
    show_error (self, job->action == IMPORT_JSON ? _("Nothing was imported") : _("Could not export"), error->message);
  else if (job->action == EXPORT_CSV)
    {
      g_autofree char *base = g_str_has_suffix (name, ".csv") ? g_strndup (name, strlen (name) - 4) : g_strdup (name);
      /* Translators: the tracker CSV, then its history CSV beside it. */
      g_autofree char *text = g_strdup_printf (_("Saved %s and %s-history.csv"), name, base);
      toast (self, text);
    }
  else if (job->action != IMPORT_JSON)
    {
      g_autofree char *text = g_strdup_printf (_("Saved %s"), name);
      toast (self, text);
    }
}

static void
file_chosen (GtkNativeDialog *dialog, int response, UsgaRecommendationsPage *self)
{
  FileAction action = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "action"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file)
    usga_recommendations_page_run_file_action (self, action, file, file_done, NULL);
}

void
usga_recommendations_files_choose (UsgaRecommendationsPage *self, int action)
{
  static const char *const suggested[] = { "recommendations-tracker.csv", "recommendations-tracker.json",
                                           "recommendations-summary.pdf", NULL };
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean save = action != IMPORT_JSON;
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (
      save ? _("Export the Recommendations Tracker") : _("Import a Tracker Export"),
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      save ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
      save ? _("_Export") : _("_Import"), _("_Cancel"));

  if (save)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested[action]);
  else
    {
      GtkFileFilter *filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _("Tracker exports (JSON)"));
      gtk_file_filter_add_pattern (filter, "*.json");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
      g_object_unref (filter);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data (G_OBJECT (dialog), "action", GINT_TO_POINTER (action));
  g_signal_connect (dialog, "response", G_CALLBACK (file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
published (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(UsgaRecommendationsPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaTrackerImportReport) report = usga_shared_link_publish_finish (USGA_SHARED_LINK (source), result, &error);
  g_autoptr(GString) body = NULL;

  if (report == NULL)
    {
      show_error (self, _("Nothing was merged into the shared tracker"), error->message);
      return;
    }
  body = g_string_new (NULL);
  g_string_printf (body, _("%u new history entries, %u already there, %u recommendations updated."),
                   report->entries_added, report->entries_present, report->recommendations_updated);
  for (guint i = 0; i < report->conflicts->len; i++)
    g_string_append_printf (body, "\n• %s", (char *) report->conflicts->pdata[i]);
  show_error (self, report->conflicts->len ? _("Merged into the shared tracker, with conflicts") : _("Merged into the shared tracker"), body->str);
}

void
usga_recommendations_files_publish (UsgaRecommendationsPage *self)
{
  UsgaSharedLink *link = usga_recommendations_page_get_link (self);

  if (link)
    usga_shared_link_publish_async (link, published, g_object_ref (self));
}
