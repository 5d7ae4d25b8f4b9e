/* usga-worker-db.h — each store worker thread's own read-only connection (GTK-free).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-db.h"

G_BEGIN_DECLS

/* The calling thread's connection to @path for store @store_id, opened read-only on first use
 * and kept between queries (closed with the thread); a small page cache. */
UsgaDb *usga_worker_db_get (guint store_id, const char *path, GError **error);

G_END_DECLS
