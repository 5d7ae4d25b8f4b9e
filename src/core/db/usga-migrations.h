/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <glib.h>

G_BEGIN_DECLS
int         usga_migrations_count (void);
const char *usga_migration_sql    (int version);
G_END_DECLS
