/* usga-row-pipe.c — see usga-row-pipe.h.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "usga-row-pipe.h"

/* Four batches of 4096 rows: enough to keep both threads busy, a few MiB in all. */
#define N_BATCHES  4
#define BATCH_ROWS 4096

/* The strings of a UsgaCleanRow, as offsets into the batch's text while it grows. */
enum { TEXT_DELITO, TEXT_CATEGORY, TEXT_COLONIA, TEXT_PERSON_TYPE, TEXT_LEGAL_STATUS, TEXT_BAD_VALUE, N_TEXTS };

/* Raw text kept for a rejects file: enough to recognise the value, never a whole 5 MB field. */
#define KEPT_VALUE_BYTES 200

struct _UsgaRowPipe {
  const UsgaColumnMap *map;
  gboolean             iztapalapa_only;
  UsgaNormalizer      *norm;          /* the reading thread's */
  GAsyncQueue         *full, *empty;  /* UsgaRowBatch* */
  UsgaRowBatch        *batches[N_BATCHES];
  UsgaRowBatch        *current;       /* being filled by the reading thread */
  double               fraction;
  guint64              line;
  gint                 stop;          /* atomic: the writer wants no more rows */
  gboolean             done;          /* the writer has popped the last batch */
  GCancellable        *cancellable;   /* for the reader's I/O: cancelled on stop */
  GCancellable        *outer;
  gulong               outer_handler;
  GThread             *thread;
  gsize                prepared_size;
  UsgaRowPrepare       prepare;
  gpointer             prepare_data;
  UsgaRowSource        source;
  gpointer             source_data;
};

static UsgaRowBatch *
batch_new (void)
{
  UsgaRowBatch *b = g_new0 (UsgaRowBatch, 1);

  b->rows = g_array_sized_new (FALSE, FALSE, sizeof (UsgaCleanRow), BATCH_ROWS);
  b->rejects = g_ptr_array_new ();
  b->reject_rows = g_array_new (FALSE, FALSE, sizeof (UsgaRowReject));
  b->text = g_string_sized_new (BATCH_ROWS * 64);
  b->offsets = g_array_sized_new (FALSE, FALSE, sizeof (gssize), BATCH_ROWS * N_TEXTS);
  return b;
}

static void
batch_free (UsgaRowBatch *b)
{
  g_clear_pointer (&b->prepared, g_array_unref);
  g_array_unref (b->rows);
  g_ptr_array_unref (b->rejects);
  g_array_unref (b->reject_rows);
  g_string_free (b->text, TRUE);
  g_array_unref (b->offsets);
  g_clear_error (&b->error);
  g_free (b);
}

static void
batch_reset (UsgaRowBatch *b)
{
  g_array_set_size (b->rows, 0);
  if (b->prepared)
    g_array_set_size (b->prepared, 0);
  g_ptr_array_set_size (b->rejects, 0);
  g_array_set_size (b->reject_rows, 0);
  g_string_truncate (b->text, 0);
  g_array_set_size (b->offsets, 0);
  b->read = b->out_of_scope = b->line = 0;
  b->fraction = -1;
  b->page_end = b->last = FALSE;
  memset (&b->mark, 0, sizeof b->mark);
  g_clear_error (&b->error);
}

static void
cancel_pipe (GCancellable *outer, gpointer data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
}

UsgaRowPipe *
usga_row_pipe_new (const UsgaColumnMap *map, gboolean iztapalapa_only, GCancellable *outer)
{
  UsgaRowPipe *pipe = g_new0 (UsgaRowPipe, 1);

  pipe->cancellable = g_cancellable_new ();
  if (outer)
    {
      pipe->outer = g_object_ref (outer);
      pipe->outer_handler = g_cancellable_connect (outer, G_CALLBACK (cancel_pipe), pipe->cancellable, NULL);
    }

  pipe->map = map;
  pipe->iztapalapa_only = iztapalapa_only;
  pipe->norm = usga_normalizer_new ();
  pipe->full = g_async_queue_new ();
  pipe->empty = g_async_queue_new ();
  pipe->fraction = -1;
  for (int i = 0; i < N_BATCHES; i++)
    {
      pipe->batches[i] = batch_new ();
      g_async_queue_push (pipe->empty, pipe->batches[i]);
    }
  return pipe;
}

void
usga_row_pipe_set_prepare (UsgaRowPipe *pipe, gsize size, UsgaRowPrepare prepare, gpointer data)
{
  g_return_if_fail (pipe->thread == NULL);
  pipe->prepared_size = size;
  pipe->prepare = prepare;
  pipe->prepare_data = data;
  for (int i = 0; i < N_BATCHES; i++)
    {
      g_clear_pointer (&pipe->batches[i]->prepared, g_array_unref);
      pipe->batches[i]->prepared = g_array_sized_new (FALSE, TRUE, size, BATCH_ROWS);
    }
}

gboolean
usga_row_pipe_stopping (UsgaRowPipe *pipe)
{
  return g_atomic_int_get (&pipe->stop) != 0;
}

GCancellable *
usga_row_pipe_get_cancellable (UsgaRowPipe *pipe)
{
  return pipe->cancellable;
}

static UsgaRowBatch *
current_batch (UsgaRowPipe *pipe)
{
  if (pipe->current == NULL)
    {
      pipe->current = g_async_queue_pop (pipe->empty);
      batch_reset (pipe->current);
    }
  return pipe->current;
}

/* Hands the batch over; its text has stopped growing, so the offsets become pointers. */
static void
flush (UsgaRowPipe *pipe)
{
  UsgaRowBatch *b = current_batch (pipe);

  for (guint i = 0; i < b->rows->len; i++)
    {
      UsgaCleanRow *row = &g_array_index (b->rows, UsgaCleanRow, i);
      const gssize *off = &g_array_index (b->offsets, gssize, i * N_TEXTS);
      const char **texts[N_TEXTS] = { &row->delito, &row->category, &row->colonia,
                                      &row->person_type, &row->legal_status, &row->bad_value };

      for (int t = 0; t < N_TEXTS; t++)
        *texts[t] = off[t] < 0 ? NULL : b->text->str + off[t];
    }
  for (guint i = 0; i < b->reject_rows->len; i++)
    {
      UsgaRowReject *r = &g_array_index (b->reject_rows, UsgaRowReject, i);
      r->value = r->value_offset < 0 ? NULL : b->text->str + r->value_offset;
    }
  b->fraction = pipe->fraction;
  b->line = pipe->line;
  pipe->current = NULL;
  g_async_queue_push (pipe->full, b);
}

static void
keep_text (UsgaRowBatch *b, const char *text)
{
  gssize offset = -1;

  if (text)
    {
      offset = b->text->len;
      g_string_append_len (b->text, text, strlen (text) + 1);
    }
  g_array_append_val (b->offsets, offset);
}

/* The raw text a rejection or repair was about, shortened, at the end of the batch's text. */
static gssize
keep_value (UsgaRowBatch *b, const char *value)
{
  gssize offset = b->text->len;
  gsize len;

  if (value == NULL)
    return -1;
  len = strnlen (value, KEPT_VALUE_BYTES + 1);
  if (len > KEPT_VALUE_BYTES)
    {
      len = KEPT_VALUE_BYTES;
      while (len > 0 && ((guchar) value[len] & 0xc0) == 0x80)
        len--;  /* not inside a UTF-8 sequence */
      g_string_append_len (b->text, value, len);
      g_string_append (b->text, "…");
    }
  else
    g_string_append_len (b->text, value, len);
  g_string_append_c (b->text, '\0');
  return offset;
}

static void
add_reject (UsgaRowPipe *pipe, UsgaRowBatch *b, const char *reason, const char *value)
{
  UsgaRowReject r = { reason, pipe->line, NULL, keep_value (b, value) };

  g_ptr_array_add (b->rejects, (gpointer) reason);
  g_array_append_val (b->reject_rows, r);
}

/* The raw text behind the normaliser's verdict: "19.3,-99.1" for coordinates. */
static char *
bad_value (UsgaRowPipe *pipe, const char *const raw[USGA_N_COLS])
{
  int c = usga_normalizer_bad_column (pipe->norm);

  if (c < 0)
    return NULL;
  if (c == USGA_COL_LAT || c == USGA_COL_LON)
    return g_strdup_printf ("%s,%s", raw[USGA_COL_LAT] ? raw[USGA_COL_LAT] : "",
                            raw[USGA_COL_LON] ? raw[USGA_COL_LON] : "");
  return raw[c] ? g_strndup (raw[c], KEPT_VALUE_BYTES + 1) : NULL;
}

static gboolean
counted (UsgaRowPipe *pipe, UsgaRowBatch *b)
{
  if (++b->read >= BATCH_ROWS)
    flush (pipe);
  return !usga_row_pipe_stopping (pipe);
}

gboolean
usga_row_pipe_add (UsgaRowPipe *pipe, const char *const raw[USGA_N_COLS])
{
  UsgaRowBatch *b = current_batch (pipe);
  UsgaCleanRow row;
  const char *reason;

  if (!usga_normalizer_clean (pipe->norm, raw, &row, &reason))
    {
      g_autofree char *value = bad_value (pipe, raw);
      add_reject (pipe, b, reason, value);
    }
  else if (pipe->iztapalapa_only && pipe->map->index[USGA_COL_ALCALDIA] >= 0 &&
           g_strcmp0 (row.alcaldia, "IZTAPALAPA") != 0)
    b->out_of_scope++;
  else
    {
      /* The normaliser's strings live in its own buffers: copy them into the batch. */
      keep_text (b, row.delito);
      keep_text (b, row.category);
      keep_text (b, row.colonia);
      keep_text (b, row.person_type);
      keep_text (b, row.legal_status);
      if (row.repair)
        {
          g_autofree char *value = bad_value (pipe, raw);
          gssize offset = keep_value (b, value);

          g_array_append_val (b->offsets, offset);
        }
      else
        keep_text (b, NULL);
      row.line = pipe->line;
      g_array_append_val (b->rows, row);
      if (pipe->prepare)
        {
          g_array_set_size (b->prepared, b->rows->len);
          pipe->prepare (&row, b->prepared->data + (b->rows->len - 1) * pipe->prepared_size, pipe->prepare_data);
        }
    }
  return counted (pipe, b);
}

gboolean
usga_row_pipe_reject (UsgaRowPipe *pipe, const char *reason)
{
  return usga_row_pipe_reject_value (pipe, reason, NULL);
}

gboolean
usga_row_pipe_reject_value (UsgaRowPipe *pipe, const char *reason, const char *value)
{
  UsgaRowBatch *b = current_batch (pipe);

  add_reject (pipe, b, reason, value);
  return counted (pipe, b);
}

void
usga_row_pipe_set_position (UsgaRowPipe *pipe, double fraction, guint64 line)
{
  pipe->fraction = fraction;
  pipe->line = line;
}

gboolean
usga_row_pipe_end_page (UsgaRowPipe *pipe, const UsgaPageMark *mark)
{
  UsgaRowBatch *b = current_batch (pipe);

  b->page_end = TRUE;
  b->mark = *mark;
  flush (pipe);
  return !usga_row_pipe_stopping (pipe);
}

static gpointer
run_source (gpointer data)
{
  UsgaRowPipe *pipe = data;
  GError *error = NULL;
  UsgaRowBatch *b;

  if (!pipe->source (pipe, pipe->source_data, &error) && error == NULL && !usga_row_pipe_stopping (pipe))
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The data could not be read."));
  b = current_batch (pipe);
  b->last = TRUE;
  b->error = error;
  flush (pipe);
  return NULL;
}

void
usga_row_pipe_start (UsgaRowPipe *pipe, UsgaRowSource source, gpointer data)
{
  g_return_if_fail (pipe->thread == NULL);
  pipe->source = source;
  pipe->source_data = data;
  pipe->thread = g_thread_new ("usga-reader", run_source, pipe);
}

UsgaRowBatch *
usga_row_pipe_pop (UsgaRowPipe *pipe)
{
  UsgaRowBatch *b = g_async_queue_pop (pipe->full);

  if (b->last)
    pipe->done = TRUE;
  return b;
}

void
usga_row_pipe_recycle (UsgaRowPipe *pipe, UsgaRowBatch *batch)
{
  g_async_queue_push (pipe->empty, batch);
}

void
usga_row_pipe_stop (UsgaRowPipe *pipe)
{
  g_atomic_int_set (&pipe->stop, 1);
  g_cancellable_cancel (pipe->cancellable);
}

void
usga_row_pipe_free (UsgaRowPipe *pipe)
{
  if (pipe == NULL)
    return;
  if (pipe->thread)
    {
      /* A writer that gave up early: stop the reader and take what it still sends. */
      if (!pipe->done)
        usga_row_pipe_stop (pipe);
      while (!pipe->done)
        usga_row_pipe_recycle (pipe, usga_row_pipe_pop (pipe));
      g_thread_join (pipe->thread);
    }
  if (pipe->outer)
    {
      g_cancellable_disconnect (pipe->outer, pipe->outer_handler);
      g_object_unref (pipe->outer);
    }
  g_object_unref (pipe->cancellable);
  for (int i = 0; i < N_BATCHES; i++)
    batch_free (pipe->batches[i]);
  g_async_queue_unref (pipe->full);
  g_async_queue_unref (pipe->empty);
  usga_normalizer_free (pipe->norm);
  g_free (pipe);
}
