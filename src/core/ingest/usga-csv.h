/* usga-csv.h — a streaming RFC 4180 CSV reader (constant memory, any file size).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _UsgaCsvReader UsgaCsvReader;

/* Reads @stream; files ending in .gz are decompressed on the fly by usga_csv_reader_new_for_file(). */
UsgaCsvReader *usga_csv_reader_new          (GInputStream *stream, char separator);
UsgaCsvReader *usga_csv_reader_new_for_file (const char *path, GError **error);
void           usga_csv_reader_free         (UsgaCsvReader *reader);

/* Returns the next record's fields (owned by the reader, valid until the next call), NULL at
 * the end of input or on error (then @error is set). Fields that are not valid UTF-8 are
 * converted from Latin-1, as older FGJ files use it. */
const GPtrArray *usga_csv_reader_next       (UsgaCsvReader *reader, GError **error);
guint64        usga_csv_reader_line         (UsgaCsvReader *reader);
/* The first field of the record just read that held a NUL byte (left out of its text), or -1. */
int            usga_csv_reader_nul_field    (UsgaCsvReader *reader);
guint64        usga_csv_reader_bytes_read   (UsgaCsvReader *reader);

/* Opens @path for reading, decompressing it on the fly when it ends in .gz. */
GInputStream  *usga_open_file_stream        (const char *path, GError **error);

/* Opens @path, reads its header row and stores in @indexes the position of each name in
 * @columns (NULL-terminated). A missing column is an error that names it and the file. */
UsgaCsvReader *usga_csv_reader_open_with_columns (const char        *path,
                                                  const char *const *columns,
                                                  int               *indexes,
                                                  GError           **error);

/* Appends @value as one CSV field (RFC 4180 quoting when it holds a separator, a quote, a line
 * break or a '#', which our exports use for trailing comment lines); NULL appends nothing. */
void           usga_csv_append_field        (GString *out, const char *value);

/* Index of the header column named @name (case-insensitive), or -1. */
int            usga_csv_header_index        (const GPtrArray *header, const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaCsvReader, usga_csv_reader_free)

G_END_DECLS
