/* usga-recommendation-detail.h — one recommendation: summary in both languages, report
 * source, status editing, evidence trend, related items and the append-only history.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "usga-store.h"
#include "usga-shared-link.h"

G_BEGIN_DECLS

#define USGA_TYPE_RECOMMENDATION_DETAIL (usga_recommendation_detail_get_type ())
G_DECLARE_FINAL_TYPE (UsgaRecommendationDetail, usga_recommendation_detail, USGA, RECOMMENDATION_DETAIL, GtkWidget)

void        usga_recommendation_detail_set_store     (UsgaRecommendationDetail *self, UsgaStore *store);
/* Reads and writes a shared tracker through @link (NULL: this computer's own tracker). */
void        usga_recommendation_detail_set_link      (UsgaRecommendationDetail *self, UsgaSharedLink *link);
/* Shows @id (NULL: nothing selected) and re-reads it from the database; an edit being typed
 * for the same recommendation is kept. */
void        usga_recommendation_detail_show          (UsgaRecommendationDetail *self, const char *id);
const char *usga_recommendation_detail_get_id        (UsgaRecommendationDetail *self);
/* What the detail shows, for tests: the status key, the message under the form. */
const char *usga_recommendation_detail_get_status    (UsgaRecommendationDetail *self);
const char *usga_recommendation_detail_get_message   (UsgaRecommendationDetail *self);
/* A read or an edit of the detail has not landed yet (for tests). */
gboolean    usga_recommendation_detail_get_busy      (UsgaRecommendationDetail *self);
/* Types @note into the form (for tests). */
void        usga_recommendation_detail_set_note      (UsgaRecommendationDetail *self, const char *note);
/* Re-queries the evidence trend (the shared filter changed). */
void        usga_recommendation_detail_refresh_evidence (UsgaRecommendationDetail *self);
void        usga_recommendation_detail_set_show_back (UsgaRecommendationDetail *self, gboolean show);
/* Fills the form and records it, as the Record Change button does (for tests): FALSE when there
 * is nothing to record or an edit is still being saved; the outcome shows in the message. */
gboolean    usga_recommendation_detail_record        (UsgaRecommendationDetail *self, const char *status,
                                                      int progress, const char *note);

G_END_DECLS
