/* usga-recommendation-item.h — one recommendation as a list-model item.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include "usga-core.h"

G_BEGIN_DECLS

#define USGA_TYPE_RECOMMENDATION_ITEM (usga_recommendation_item_get_type ())
G_DECLARE_FINAL_TYPE (UsgaRecommendationItem, usga_recommendation_item, USGA, RECOMMENDATION_ITEM, GObject)

/* Takes ownership of @rec. */
UsgaRecommendationItem   *usga_recommendation_item_new (UsgaRecommendation *rec);
const UsgaRecommendation *usga_recommendation_item_get (UsgaRecommendationItem *self);

G_END_DECLS
