/* usga-row-pipe.h — normalised rows handed from a reading thread to the writing one.
 *
 * An import or a sync has two halves of about equal cost: reading and cleaning rows (CSV
 * parsing, HTTP and JSON, the normaliser) and writing them (SQLite). The pipe runs the first
 * half on its own thread, so on two cores they overlap. The writer keeps the database to
 * itself; batches are recycled, so memory stays bounded whatever the size of the input.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "usga-schema.h"

G_BEGIN_DECLS

typedef struct _UsgaRowPipe UsgaRowPipe;

/* The end of one page of an API answer: the writer commits it with this position. */
typedef struct {
  gint64 offset;   /* rows read so far, this page included */
  gint64 last_id;  /* largest CKAN _id seen, 0 when unknown */
  gint64 total;    /* rows the portal says are in scope, -1 when it did not say */
} UsgaPageMark;

/* A rejected input row: why, where, and the raw text that decided it (or NULL). */
typedef struct {
  const char *reason;        /* static N_() string */
  guint64     line;          /* input line (CSV), 0 when none */
  const char *value;         /* valid until the batch is recycled; NULL when none */
  /* private */
  gssize      value_offset;
} UsgaRowReject;

typedef struct {
  GArray     *rows;          /* UsgaCleanRow; strings are valid until the batch is recycled */
  GArray     *prepared;      /* one element per row from the prepare function, or NULL */
  GPtrArray  *rejects;       /* const char *reason (static N_() strings), one per rejected row */
  GArray     *reject_rows;   /* UsgaRowReject, one per rejected row, in the same order */
  guint64     read;          /* input rows this batch covers: written, rejected and out of scope */
  guint64     out_of_scope;  /* rows of other alcaldías, left out by the scope */
  double      fraction;      /* how far through the input the reader is, 0..1, or -1 */
  guint64     line;          /* input line (CSV) of the batch's last row */
  gboolean    page_end;      /* @mark is set: the batch ends a page */
  UsgaPageMark mark;
  gboolean    last;          /* the reader is done; @error says why when it failed */
  GError     *error;
  /* private */
  GString    *text;
  GArray     *offsets;
} UsgaRowBatch;

/* Runs on the reading thread; adds rows with usga_row_pipe_add() and friends. Return FALSE
 * with @error set on failure; returning also when usga_row_pipe_add() says to stop. */
typedef gboolean (*UsgaRowSource) (UsgaRowPipe *pipe, gpointer data, GError **error);

/* @map is read by the reading thread and must outlive the pipe. @iztapalapa_only leaves out
 * rows whose alcaldía column names another alcaldía. Cancelling @outer cancels the pipe's own
 * cancellable, which the reader uses for its I/O. */
UsgaRowPipe  *usga_row_pipe_new      (const UsgaColumnMap *map, gboolean iztapalapa_only,
                                      GCancellable *outer);

/* Runs on the reading thread for each row kept, filling @out (@size bytes, zeroed) with work
 * done ahead for the writer. No pointers into @row's strings: they move before writing. */
typedef void (*UsgaRowPrepare) (const UsgaCleanRow *row, gpointer out, gpointer data);
void          usga_row_pipe_set_prepare (UsgaRowPipe *pipe, gsize size, UsgaRowPrepare prepare,
                                         gpointer data);
void          usga_row_pipe_start    (UsgaRowPipe *pipe, UsgaRowSource source, gpointer data);

/* Reading side. Each returns FALSE once the writer has asked to stop. */
gboolean      usga_row_pipe_add      (UsgaRowPipe *pipe, const char *const raw[USGA_N_COLS]);
gboolean      usga_row_pipe_reject   (UsgaRowPipe *pipe, const char *reason);
/* The same with the raw text that decided it (copied; @value may be NULL). */
gboolean      usga_row_pipe_reject_value (UsgaRowPipe *pipe, const char *reason, const char *value);
void          usga_row_pipe_set_position (UsgaRowPipe *pipe, double fraction, guint64 line);
gboolean      usga_row_pipe_end_page (UsgaRowPipe *pipe, const UsgaPageMark *mark);
gboolean      usga_row_pipe_stopping (UsgaRowPipe *pipe);
/* Cancelled when the writer stops or the caller's cancellable is cancelled. */
GCancellable *usga_row_pipe_get_cancellable (UsgaRowPipe *pipe);

/* Writing side: pop batches until one is marked last, recycling each. After a failure of its
 * own the writer calls usga_row_pipe_stop() and keeps popping until the last batch. */
UsgaRowBatch *usga_row_pipe_pop      (UsgaRowPipe *pipe);
void          usga_row_pipe_recycle  (UsgaRowPipe *pipe, UsgaRowBatch *batch);
void          usga_row_pipe_stop     (UsgaRowPipe *pipe);
/* Stops and drains the reader if the last batch was not popped yet, joins it, frees the pipe. */
void          usga_row_pipe_free     (UsgaRowPipe *pipe);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaRowPipe, usga_row_pipe_free)

G_END_DECLS
