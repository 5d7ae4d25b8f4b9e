/* usga-json-write.c — see usga-json-write.h.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "usga-json-write.h"

void
usga_json_add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

void
usga_json_add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

void
usga_json_add_double (JsonBuilder *b, const char *name, double value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, value);
}

void
usga_json_add_string_or_null (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
usga_json_add_strings (JsonBuilder *b, const char *const *names, const char *const *values, guint n)
{
  for (guint i = 0; i < n; i++)
    usga_json_add_string_or_null (b, names[i], values[i]);
}

void
usga_json_add_rounded (JsonBuilder *b, const char *name, double value, double scale)
{
  json_builder_set_member_name (b, name);
  if (isnan (value))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, round (value * scale) / scale);
}

char *
usga_json_pretty_text (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

void
usga_json_append_pretty (GString *s, JsonBuilder *b)
{
  g_autofree char *text = usga_json_pretty_text (b);

  g_string_append (s, text);
  g_string_append_c (s, '\n');
}
