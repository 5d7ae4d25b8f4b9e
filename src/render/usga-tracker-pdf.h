/* usga-tracker-pdf.h — the tracker's one-page-per-view summary for a cabinet meeting.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "usga-core.h"

G_BEGIN_DECLS

/* A4 PDF: the addressed figure, bars per SDG, overdue items and recent changes on page 1;
 * bars per theme on page 2. Written to a temporary file and renamed, so never half a file. */
gboolean usga_tracker_write_pdf (UsgaDb *db, const char *path, gboolean spanish, GError **error);

G_END_DECLS
