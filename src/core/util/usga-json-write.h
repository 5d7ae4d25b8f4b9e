/* usga-json-write.h — building the JSON we write (CLI output, stats, tracker exports): members
 * that may be null, rounded numbers, and the builder's document as pretty text.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Member @name with a string (not NULL), a whole number or a number. */
void  usga_json_add_string         (JsonBuilder *b, const char *name, const char *value);
void  usga_json_add_int            (JsonBuilder *b, const char *name, gint64 value);
void  usga_json_add_double         (JsonBuilder *b, const char *name, double value);
/* Member @name: @value, or null when @value is NULL. */
void  usga_json_add_string_or_null (JsonBuilder *b, const char *name, const char *value);
/* One such member per pair of @names and @values (@n of each), in order. */
void  usga_json_add_strings        (JsonBuilder *b, const char *const *names, const char *const *values, guint n);
/* Member @name: @value rounded to 1/@scale (100 for two decimals), or null when it is NaN. */
void  usga_json_add_rounded        (JsonBuilder *b, const char *name, double value, double scale);
/* The builder's document as indented text, without a final newline. */
char *usga_json_pretty_text        (JsonBuilder *b);
/* The same, followed by a newline, appended to @s. */
void  usga_json_append_pretty      (GString *s, JsonBuilder *b);

G_END_DECLS
