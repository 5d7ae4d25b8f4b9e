/* usga-categories.h — the dashboard's crime categories. The mapping from FGJ delito strings
 * to these keys is data (data/delito_categories.csv); the keys and their names live here
 * because they are part of the interface and must be translated.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <glib.h>
#include "usga-db.h"

G_BEGIN_DECLS

/* FGJ's "hechos no delictivos": files that record no crime. */
#define USGA_CATEGORY_NON_CRIMINAL "non_criminal"

typedef struct {
  const char *key;
  const char *name;      /* N_() marked; translate with usga_category_name() */
  const char *group;     /* "sexual", "robbery" or NULL */
  gboolean    in_total;  /* counted in "all crimes" (non-criminal events are not) */
  gboolean    headline;  /* tracked by the report: gets a KPI card */
} UsgaCategory;

const UsgaCategory *usga_categories         (guint *n_categories);
const UsgaCategory *usga_category_lookup    (const char *key);
const char         *usga_category_name      (const char *key);
const char         *usga_category_group_name (const char *group);
/* Expands "sexual"/"robbery" group keys to member category keys. */
GStrv               usga_category_expand    (const char *key_or_group);

gboolean  usga_categories_seed   (UsgaDb *db, GError **error);
gboolean  usga_delito_rules_load (UsgaDb *db, const char *csv_path, GError **error);
/* Id of the delito row for @name, creating it (categorised by the rules) when new. */
gint64    usga_delito_resolve    (UsgaDb *db, const char *name, GError **error);

G_END_DECLS
