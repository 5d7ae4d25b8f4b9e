/* usga-recommendation-item.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "usga-recommendation-item.h"

struct _UsgaRecommendationItem {
  GObject             parent_instance;
  UsgaRecommendation *rec;
};

G_DEFINE_FINAL_TYPE (UsgaRecommendationItem, usga_recommendation_item, G_TYPE_OBJECT)

static void
usga_recommendation_item_finalize (GObject *object)
{
  g_clear_pointer (&USGA_RECOMMENDATION_ITEM (object)->rec, usga_recommendation_free);
  G_OBJECT_CLASS (usga_recommendation_item_parent_class)->finalize (object);
}

static void
usga_recommendation_item_class_init (UsgaRecommendationItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = usga_recommendation_item_finalize;
}

static void
usga_recommendation_item_init (UsgaRecommendationItem *self)
{
}

UsgaRecommendationItem *
usga_recommendation_item_new (UsgaRecommendation *rec)
{
  UsgaRecommendationItem *self = g_object_new (USGA_TYPE_RECOMMENDATION_ITEM, NULL);

  self->rec = rec;
  return self;
}

const UsgaRecommendation *
usga_recommendation_item_get (UsgaRecommendationItem *self)
{
  g_return_val_if_fail (USGA_IS_RECOMMENDATION_ITEM (self), NULL);
  return self->rec;
}
