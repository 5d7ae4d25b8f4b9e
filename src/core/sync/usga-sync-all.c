/* usga-sync-all.c — every dataset in turn, each its own run; see usga-sync-all.h for the rule.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "usga-sync-all.h"

static void
outcome_free (gpointer data)
{
  UsgaSyncOutcome *outcome = data;

  usga_sync_summary_clear (&outcome->summary);
  g_clear_error (&outcome->error);
  g_free (outcome);
}

/* The datasets' own progress, as a fraction of the whole run. */
typedef struct {
  UsgaProgressFunc progress;
  gpointer         user_data;
  guint            index, count;
} Share;

static void
report_share (double fraction, const char *message, gpointer user_data)
{
  Share *share = user_data;

  share->progress ((share->index + CLAMP (fraction, 0.0, 1.0)) / share->count, message, share->user_data);
}

char *
usga_sync_all_message (GPtrArray *outcomes)
{
  g_autoptr(GString) failed = g_string_new (NULL);
  guint n_failed = 0;

  for (guint i = 0; outcomes && i < outcomes->len; i++)
    {
      UsgaSyncOutcome *outcome = g_ptr_array_index (outcomes, i);

      if (outcome->error == NULL)
        continue;
      n_failed++;
      if (failed->len)
        g_string_append (failed, "; ");
      /* Translators: a dataset that failed and why, e.g. "Victims: Incomplete: got 1,500 of…" */
      g_string_append_printf (failed, _("%s: %s"), usga_ingest_kind_title (outcome->kind), outcome->error->message);
    }
  if (n_failed == 0)
    return NULL;
  /* Translators: "Sync failed for 1 of 2 datasets — Victims: HTTP 500 …" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Sync failed for %u of %u dataset — %s",
                                       "Sync failed for %u of %u datasets — %s", outcomes->len),
                          n_failed, outcomes->len, failed->str);
}

gboolean
usga_sync_all (UsgaDb *db, const UsgaSyncOptions *common, const UsgaSyncTarget *targets, guint n_targets,
               UsgaProgressFunc progress, gpointer user_data, GCancellable *cancellable,
               GPtrArray **outcomes, GError **error)
{
  g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func (outcome_free);
  Share share = { progress, user_data, 0, MAX (n_targets, 1) };
  g_autofree char *message = NULL;
  gboolean cancelled = FALSE;

  for (guint i = 0; i < n_targets; i++)
    {
      UsgaSyncOutcome *outcome = g_new0 (UsgaSyncOutcome, 1);
      UsgaSyncOptions options = *common;

      outcome->kind = targets[i].kind;
      usga_sync_summary_init (&outcome->summary);
      g_ptr_array_add (done, outcome);
      if (cancelled || g_cancellable_is_cancelled (cancellable))
        {
          cancelled = TRUE;
          continue;
        }
      outcome->tried = TRUE;
      share.index = i;
      if (targets[i].resource_id == NULL || *targets[i].resource_id == '\0')
        {
          g_set_error (&outcome->error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("no DataStore resource id is set (set one in Preferences, or pass --resource ID)"));
          continue;
        }
      options.kind = targets[i].kind;
      options.resource_id = targets[i].resource_id;
      options.package_id = targets[i].package_id && *targets[i].package_id ? targets[i].package_id : NULL;
      /* Each dataset is its own run: a failure here leaves the next one to try. */
      usga_sync_dataset (db, &options, progress ? report_share : NULL, &share, cancellable,
                         &outcome->summary, &outcome->error);
      cancelled = g_error_matches (outcome->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }

  message = usga_sync_all_message (done);
  if (outcomes)
    *outcomes = g_ptr_array_ref (done);
  if (cancelled)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Synchronisation cancelled"));
      return FALSE;
    }
  for (guint i = 0; message && i < done->len; i++)
    {
      const GError *first = ((UsgaSyncOutcome *) g_ptr_array_index (done, i))->error;

      /* The first failure's domain and code, for callers that look; the message names them all. */
      if (first)
        {
          g_set_error_literal (error, first->domain, first->code, message);
          return FALSE;
        }
    }
  return TRUE;
}
