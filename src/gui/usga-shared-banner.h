/* usga-shared-banner.h — the shared tracker's state above the tracker: unreachable server
 * (named, with the time of the state shown, read-only), edits waiting to be sent or refused.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <gtk/gtk.h>
#include "usga-shared-link.h"

G_BEGIN_DECLS

#define USGA_TYPE_SHARED_BANNER (usga_shared_banner_get_type ())
G_DECLARE_FINAL_TYPE (UsgaSharedBanner, usga_shared_banner, USGA, SHARED_BANNER, GtkWidget)

GtkWidget  *usga_shared_banner_new      (void);
void        usga_shared_banner_set_link (UsgaSharedBanner *self, UsgaSharedLink *link);
/* What the banner says (empty when hidden), for tests. */
const char *usga_shared_banner_get_text (UsgaSharedBanner *self);

G_END_DECLS
