/* usga-text.h — normalising names and values from the open data.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* Upper case, accents removed, inner whitespace collapsed, trimmed: the key we match names by. */
char *usga_text_normalize (const char *text);

G_END_DECLS
