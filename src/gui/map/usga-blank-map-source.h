/* usga-blank-map-source.h — a basemap drawn locally: a neutral background that needs no
 * network, used offline, in tests, and under our own layers when tiles cannot load.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define USGA_TYPE_BLANK_MAP_SOURCE (usga_blank_map_source_get_type ())
G_DECLARE_FINAL_TYPE (UsgaBlankMapSource, usga_blank_map_source, USGA, BLANK_MAP_SOURCE, ShumateMapSource)

ShumateMapSource *usga_blank_map_source_new (void);

G_END_DECLS
