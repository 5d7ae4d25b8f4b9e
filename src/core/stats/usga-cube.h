/* usga-cube.h — an in-memory aggregate index for the statistics engine: the summaries' cells,
 * the published quarterly counts, their apportioning shares and the small dimensions, read
 * once on a worker into compact arrays, so an aggregate after a filter change is a pass over
 * memory instead of SQL. It answers exactly what the SQL parts answer (usga-stats-run.c runs
 * either, with one period plan and one shaping); a cube that may be stale is never used.
 *
 * A cube is immutable once built and refcounted: any thread may read it. The engine uses the
 * cube made current on the calling thread (usga_cube_set_for_thread) for queries on the
 * database file it was built from, while it is fresh.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _UsgaCube UsgaCube;

/* Reads the cube from the database at @path through its own read-only connection, in one read
 * transaction (a consistent snapshot). NULL with @error when the data does not fit the cube's
 * assumptions (dates, hours, ids): the engine then keeps using SQL. */
UsgaCube   *usga_cube_build       (const char *path, GError **error);
UsgaCube   *usga_cube_ref         (UsgaCube *cube);
void        usga_cube_unref       (UsgaCube *cube);
const char *usga_cube_path        (UsgaCube *cube);

/* FALSE once anything was committed to the file since the build (by another connection or
 * process: PRAGMA data_version on the cube's own connection), or the path now names another
 * file. Costs a few microseconds; once stale, always stale. */
gboolean    usga_cube_is_fresh    (UsgaCube *cube);
/* What the last usga_cube_is_fresh() found, without asking the database (any thread). */
gboolean    usga_cube_found_stale (UsgaCube *cube);

/* The cube's size, for the bench: cells, quarterly rows, bytes held, build time. */
void        usga_cube_describe    (UsgaCube *cube, gsize *cells, gsize *quarterly, gsize *bytes,
                                   double *build_ms);

/* How many parts of queries (day ranges, published quarters, rows left out) it answered. */
guint       usga_cube_parts_answered (UsgaCube *cube);

/* Makes @cube (may be NULL) the one the statistics engine uses on this thread; takes a ref. */
void        usga_cube_set_for_thread (UsgaCube *cube);
/* The calling thread's cube, if it was built from @path and is fresh; else NULL (no ref). */
UsgaCube   *usga_cube_for_thread  (const char *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaCube, usga_cube_unref)

G_END_DECLS
