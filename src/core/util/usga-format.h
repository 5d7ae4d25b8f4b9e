/* usga-format.h — numbers as the interface shows them: digits grouped as the locale says
 * (LC_NUMERIC), changes with an arrow and a sign so they never rely on colour alone.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

/* 12,345 / 12 345 / 12.345 */
char *usga_format_count          (gint64 value);
/* "▲ +12.3 %", "▼ −4.0 %", "= 0.0 %", "—" for NAN */
char *usga_format_change         (double percent);
/* "+12.3 %", "−4.0 %", "0.0 %", "—" for NAN */
char *usga_format_signed_percent (double percent);
/* "123.4" per 100 000; "—" for NAN */
char *usga_format_rate           (double rate);

G_END_DECLS
