/* usga-ingest.h — the writer shared by the CKAN sync and the CSV import: normalised rows in,
 * carpetas or víctimas added under their content key (never replacing anything), rejected and
 * repaired rows counted by reason, and the run recorded in sync_log. Only a complete run
 * replaces the bundled carpetas of its days (usga_ingest_finish_complete()).
 *
 * A run: usga_ingest_init(), usga_ingest_log_start() (or resume a logged run), then
 * usga_ingest_track_run(); a reader feeds a pipe from usga_ingest_pipe_new() and
 * usga_ingest_write() writes what it sends; usga_ingest_finish_complete() when the source was
 * complete; usga_ingest_log_finish() and usga_ingest_clear().
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <gio/gio.h>
#include "usga-bundled.h"
#include "usga-db.h"
#include "usga-incidents.h"
#include "usga-row-pipe.h"
#include "usga-schema.h"
#include "usga-victims.h"

G_BEGIN_DECLS

typedef struct {
  const char *dataset;         /* carpetas / victimas */
  gint64      added, skipped, rejected, out_of_scope;
  gint64      total;           /* rows upstream (in scope), or rows read from the file */
  gboolean    up_to_date;      /* nothing to do: same vintage as the last complete sync */
  gboolean    resumed;
  gint64      resumed_at;      /* offset the run resumed from */
  char       *vintage;
  char       *generation;
  char       *replacement;     /* the resource synchronised when the portal had replaced the
                                * asked-for one (found through the dataset), else NULL */
  GHashTable *reasons;         /* untranslated reason -> count (GINT64 pointer) */
  gint64      repaired;        /* rows kept without a value they had (of @added + @skipped) */
  GHashTable *repairs;         /* untranslated reason -> count, as @reasons (not kept across a
                                * resumed sync) */
  /* Bundled carpetas: of @skipped, how many the bundled snapshot already had; and, after a
   * complete run (usga_ingest_finish_complete()), how many gave way to it, how many of those the
   * source did not have (deleted; the others stay as the source's own), in which months. */
  gint64      bundled_present;
  gint64      replaced, replaced_removed;
  char       *replaced_months; /* "2024-03 (2,517), 2024-04 (2,390)", NULL when none */
  char       *covered_first;   /* the day range recorded as complete, NULL when none */
  char       *covered_last;
  gboolean    coverage_trimmed; /* quarters at the ends held under 90 % of the published counts:
                                 * they were left out of the range (and nothing there replaced) */
} UsgaSyncSummary;

void      usga_sync_summary_init  (UsgaSyncSummary *summary);
void      usga_sync_summary_clear (UsgaSyncSummary *summary);
/* "12 unreadable date, 3 no delito" (translated), or NULL when nothing was rejected. */
char     *usga_sync_summary_reasons (const UsgaSyncSummary *summary);
/* "120 no coordinates, 3 coordinates unreadable" (translated), or NULL when nothing was repaired. */
char     *usga_sync_summary_repairs (const UsgaSyncSummary *summary);

const char *usga_table_kind_dataset (UsgaTableKind kind);   /* "carpetas" / "victimas" */

/* The reading thread's view of the writer, with a checksum and a scratch string of its own. */
typedef struct {
  UsgaIncidentWriter *incidents;
  UsgaVictimWriter   *victims;
  GChecksum          *checksum;
  GString            *scratch;
} UsgaIngestPreparer;

/* What one run writes with (on the caller's thread): the writer, the days it has received,
 * and what the reading thread uses to prepare carpetas. */
typedef struct {
  UsgaDb             *db;
  UsgaTableKind       kind;
  gboolean            city;
  UsgaColumnMap       map;
  UsgaIncidentWriter *incidents;
  UsgaVictimWriter   *victims;
  const char         *origin;        /* stored with each row: "ckan", "csv" */
  char                first_day[11]; /* days of the rows received (written or already there), */
  char                last_day[11];  /* "" before the first; kept in sync_days for a resumed run */
  char                bundled_first[11], bundled_last[11];  /* the bundled carpetas' days, or "" */
  GHashTable         *batch_reasons; /* reason -> count since the last commit */
  UsgaSyncSummary    *summary;
  gint64              log_id;
  const char         *line_prefix;   /* CSV: the file name errors are reported against */
  UsgaIngestPreparer  preparer;      /* the reading thread's (see prepare_row) */
  GOutputStream      *rejects;       /* the rejects file, when asked for */
  GFile              *rejects_file;
  GString            *rejects_text;
} UsgaIngest;

/* @origin is stored with each row: "ckan", "csv". On failure call usga_ingest_clear() still. */
gboolean     usga_ingest_init      (UsgaIngest *in, UsgaDb *db, UsgaTableKind kind, gboolean city,
                                    const char *origin, UsgaSyncSummary *summary, GError **error);
void         usga_ingest_clear     (UsgaIngest *in);
/* Writes every rejected or repaired row to @path as CSV (line, action, reason, value) from now
 * on. usga_ingest_close_rejects() finishes it, or deletes it when @keep is FALSE; clearing the
 * run without closing deletes it too. */
gboolean     usga_ingest_open_rejects  (UsgaIngest *in, const char *path, GError **error);
gboolean     usga_ingest_close_rejects (UsgaIngest *in, gboolean keep, GError **error);
/* Counts repeated identical rows per run (sync_log id @log_id), so a resumed run is exact. */
void         usga_ingest_track_run (UsgaIngest *in, gint64 log_id);
/* A pipe from a reading thread to this one, preparing rows on the way. */
UsgaRowPipe *usga_ingest_pipe_new  (UsgaIngest *in, GCancellable *cancellable);
/* The writing half, on the caller's thread: writes what the reader sends until it is done.
 * With @per_page, each page is one transaction committed with the run's position; otherwise
 * the caller holds one transaction for everything. */
gboolean     usga_ingest_write     (UsgaIngest *in, UsgaRowPipe *pipe, gboolean per_page,
                                    UsgaProgressFunc progress, gpointer user_data,
                                    GCancellable *cancellable, GError **error);
/* The run's counts, days and unsent reject reasons, inside the caller's transaction.
 * @next_offset and @last_id < 0 when not known. */
gboolean     usga_ingest_log_progress (UsgaIngest *in, gint64 next_offset, gint64 last_id,
                                       GError **error);

/* The run received every row its source has for [@first_day, @last_day] (NULL, NULL: the days
 * of the rows it received). Records that range as complete (point_coverage), and the bundled
 * carpetas of those days give way to the source: the ones it had again stay as its rows, the
 * others are deleted; @summary counts both, by month. Only ever for a complete source (a sync
 * that got every row of `total`, a CSV file the user declares complete); a partial run adds
 * rows and never deletes. Runs in its own transaction, or inside the caller's. */
gboolean     usga_ingest_finish_complete (UsgaIngest *in, const char *first_day, const char *last_day,
                                          GError **error);

/* The run log (sync_log). A run starts 'running'; its outcome is recorded outside any
 * transaction, so it is kept even when the work was rolled back. */
gint64       usga_ingest_log_start  (UsgaDb *db, const char *dataset, const char *kind, const char *resource,
                                     const char *vintage, const char *scope, GError **error);
void         usga_ingest_log_finish (UsgaDb *db, gint64 log_id, const UsgaSyncSummary *summary,
                                     const GError *failure);
/* A finished run no longer needs its occurrence counts and bundled matches, nor do older runs
 * of the dataset. */
gboolean     usga_ingest_forget_seen (UsgaDb *db, const char *dataset, gint64 log_id, GError **error);
/* The dataset row: what the data is and where it came from. */
gboolean     usga_ingest_record_dataset (UsgaDb *db, const char *dataset, const char *source,
                                         const char *vintage, const char *origin, GError **error);
/* The same only when the dataset has no row yet: an import never relabels published data. */
gboolean     usga_ingest_record_new_dataset (UsgaDb *db, const char *dataset, const char *source,
                                             const char *vintage, const char *origin, GError **error);

/* Progress lines for syncs and imports. */
const char  *usga_ingest_kind_title (UsgaTableKind kind);   /* "Carpetas" / "Victims", translated */
void         usga_ingest_report     (UsgaProgressFunc progress, gpointer user_data, double fraction,
                                     const char *format, ...) G_GNUC_PRINTF (4, 5);

G_END_DECLS
