/* usga-test-util.h — shared test helpers: temporary databases and main-loop waiting.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "usga-core.h"

G_BEGIN_DECLS

/* A fresh directory under the test's temp dir (removed by the OS / CI workspace). */
char    *usga_test_tmpdir        (void);
/* Path of a new, not yet existing database file in a fresh temp dir. */
char    *usga_test_db_path       (void);
/* A database filled with the bundled data. The first call imports; later calls copy that file. */
UsgaDb  *usga_test_bundled_db    (char **out_path);
/* Runs the default main context until @done returns TRUE or @timeout_ms elapses. */
gboolean usga_test_wait_until    (gboolean (*done) (gpointer), gpointer data, guint timeout_ms);
void     usga_test_spin          (guint ms);
/* Copies a file; for snapshotting databases in tests. */
void     usga_test_copy_file     (const char *from, const char *to);

G_END_DECLS
