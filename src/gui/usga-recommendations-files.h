/* usga-recommendations-files.h — the Recommendations page's exports, import and publish.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-recommendations-page.h"

G_BEGIN_DECLS

enum {
  USGA_RECOMMENDATIONS_EXPORT_CSV,
  USGA_RECOMMENDATIONS_EXPORT_JSON,
  USGA_RECOMMENDATIONS_EXPORT_PDF,
  USGA_RECOMMENDATIONS_IMPORT_JSON,
};

/* Asks for a file, then runs @action on it (usga_recommendations_page_run_file_action()). */
void usga_recommendations_files_choose  (UsgaRecommendationsPage *self, int action);
/* "Publish my local tracker to the server"; the result (and conflicts) in a dialog. */
void usga_recommendations_files_publish (UsgaRecommendationsPage *self);

G_END_DECLS
