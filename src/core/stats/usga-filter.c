/* usga-filter.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "usga-categories.h"
#include "usga-filter.h"
#include "usga-incidents.h"

struct _UsgaFilter {
  GObject       parent_instance;
  char         *date_from;
  char         *date_to;
  GStrv         categories;
  char         *delito;
  UsgaAreaLevel area_level;
  gint64        area_id;
  gboolean      exclude_non_crimes;  /* leave out FGJ's "hechos no delictivos" */
};

G_DEFINE_FINAL_TYPE (UsgaFilter, usga_filter, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
usga_filter_finalize (GObject *object)
{
  UsgaFilter *self = USGA_FILTER (object);

  g_free (self->date_from);
  g_free (self->date_to);
  g_strfreev (self->categories);
  g_free (self->delito);
  G_OBJECT_CLASS (usga_filter_parent_class)->finalize (object);
}

static void
usga_filter_class_init (UsgaFilterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = usga_filter_finalize;

  /* Emitted once per user action, after all fields are updated. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
usga_filter_init (UsgaFilter *self)
{
}

UsgaFilter *
usga_filter_new (void)
{
  return g_object_new (USGA_TYPE_FILTER, NULL);
}

static void
copy_fields (UsgaFilter *dst, UsgaFilter *src)
{
  g_free (dst->date_from);
  dst->date_from = g_strdup (src->date_from);
  g_free (dst->date_to);
  dst->date_to = g_strdup (src->date_to);
  g_strfreev (dst->categories);
  dst->categories = g_strdupv (src->categories);
  g_free (dst->delito);
  dst->delito = g_strdup (src->delito);
  dst->area_level = src->area_level;
  dst->area_id = src->area_id;
  dst->exclude_non_crimes = src->exclude_non_crimes;
}

UsgaFilter *
usga_filter_copy (UsgaFilter *filter)
{
  UsgaFilter *copy = usga_filter_new ();

  copy_fields (copy, filter);
  return copy;
}

gboolean
usga_filter_equal (UsgaFilter *a, UsgaFilter *b)
{
  guint na = a->categories ? g_strv_length (a->categories) : 0;
  guint nb = b->categories ? g_strv_length (b->categories) : 0;

  if (g_strcmp0 (a->date_from, b->date_from) != 0 || g_strcmp0 (a->date_to, b->date_to) != 0 ||
      g_strcmp0 (a->delito, b->delito) != 0 || a->area_level != b->area_level || a->area_id != b->area_id ||
      a->exclude_non_crimes != b->exclude_non_crimes ||
      na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (g_strcmp0 (a->categories[i], b->categories[i]) != 0)
      return FALSE;
  return TRUE;
}

void
usga_filter_assign (UsgaFilter *filter, UsgaFilter *src)
{
  /* An unchanged value is no change: pages must not query again for it. */
  if (usga_filter_equal (filter, src))
    return;
  copy_fields (filter, src);
  g_signal_emit (filter, signals[CHANGED], 0);
}

gboolean
usga_filter_validate_date (const char *date)
{
  return date != NULL && strlen (date) == 10 && usga_parse_iso_date (date, NULL, NULL, NULL, NULL);
}

const char *
usga_filter_get_date_from (UsgaFilter *filter)
{
  return filter->date_from;
}

const char *
usga_filter_get_date_to (UsgaFilter *filter)
{
  return filter->date_to;
}

void
usga_filter_set_period (UsgaFilter *filter, const char *from, const char *to)
{
  g_free (filter->date_from);
  filter->date_from = from && *from ? g_strdup (from) : NULL;
  g_free (filter->date_to);
  filter->date_to = to && *to ? g_strdup (to) : NULL;
  g_signal_emit (filter, signals[CHANGED], 0);
}

const char *const *
usga_filter_get_categories (UsgaFilter *filter)
{
  return (const char *const *) filter->categories;
}

void
usga_filter_set_categories (UsgaFilter *filter, const char *const *categories)
{
  g_strfreev (filter->categories);
  filter->categories = categories && categories[0] ? g_strdupv ((GStrv) categories) : NULL;
  g_signal_emit (filter, signals[CHANGED], 0);
}

const char *
usga_filter_get_delito (UsgaFilter *filter)
{
  return filter->delito;
}

void
usga_filter_set_delito (UsgaFilter *filter, const char *delito)
{
  g_free (filter->delito);
  filter->delito = delito && *delito ? g_strdup (delito) : NULL;
  g_signal_emit (filter, signals[CHANGED], 0);
}

UsgaAreaLevel
usga_filter_get_area_level (UsgaFilter *filter)
{
  return filter->area_level;
}

gint64
usga_filter_get_area_id (UsgaFilter *filter)
{
  return filter->area_id;
}

void
usga_filter_set_area (UsgaFilter *filter, UsgaAreaLevel level, gint64 id)
{
  filter->area_level = id > 0 ? level : USGA_AREA_LEVEL_ALCALDIA;
  filter->area_id = id > 0 ? id : 0;
  g_signal_emit (filter, signals[CHANGED], 0);
}

gboolean
usga_filter_get_exclude_non_crimes (UsgaFilter *filter)
{
  return filter->exclude_non_crimes;
}

void
usga_filter_set_exclude_non_crimes (UsgaFilter *filter, gboolean exclude)
{
  filter->exclude_non_crimes = !!exclude;
  g_signal_emit (filter, signals[CHANGED], 0);
}

char *
usga_filter_categories_json (UsgaFilter *filter)
{
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  if (filter->categories == NULL || filter->categories[0] == NULL)
    {
      guint n = 0;
      const UsgaCategory *all;

      if (!filter->exclude_non_crimes)
        return NULL;
      /* Every category but the non-criminal one. */
      all = usga_categories (&n);
      for (guint i = 0; i < n; i++)
        if (!g_str_equal (all[i].key, USGA_CATEGORY_NON_CRIMINAL))
          g_ptr_array_add (keys, g_strdup (all[i].key));
    }
  else
    for (guint i = 0; filter->categories[i]; i++)
      {
        g_auto(GStrv) expanded = usga_category_expand (filter->categories[i]);
        for (guint j = 0; expanded[j]; j++)
          if (!filter->exclude_non_crimes || !g_str_equal (expanded[j], USGA_CATEGORY_NON_CRIMINAL))
            g_ptr_array_add (keys, g_strdup (expanded[j]));
      }
  for (guint i = 0; i < keys->len; i++)
    g_string_append_printf (json, "%s\"%s\"", i ? "," : "", (char *) keys->pdata[i]);
  g_string_append_c (json, ']');
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static char *
shift_date (const char *date, int years)
{
  int y, m, d;

  if (date == NULL || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    return NULL;
  y += years;
  if (m == 2 && d == 29 && !g_date_is_leap_year (y))
    d = 28;
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

void
usga_filter_set_year_ending (UsgaFilter *filter, const char *last)
{
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) next_day = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *from = NULL;
  int y, m, d;

  if (last == NULL || sscanf (last, "%d-%d-%d", &y, &m, &d) != 3)
    return;
  end = g_date_time_new_utc (y, m, d, 0, 0, 0);
  next_day = g_date_time_add_days (end, 1);
  start = g_date_time_add_years (next_day, -1);
  from = g_date_time_format (start, "%F");
  usga_filter_set_period (filter, from, last);
}

UsgaFilter *
usga_filter_shift_years (UsgaFilter *filter, int years)
{
  UsgaFilter *copy = usga_filter_copy (filter);

  g_free (copy->date_from);
  copy->date_from = shift_date (filter->date_from, years);
  g_free (copy->date_to);
  copy->date_to = shift_date (filter->date_to, years);
  return copy;
}

char *
usga_filter_describe (UsgaFilter *filter, const char *area_name)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_string_append_printf (s, "%s – %s",
                          filter->date_from ? filter->date_from : _("first record"),
                          filter->date_to ? filter->date_to : _("last record"));
  g_string_append (s, " · ");
  if ((filter->categories == NULL || filter->categories[0] == NULL) && filter->exclude_non_crimes)
    g_string_append (s, _("All carpetas except hechos no delictivos"));
  else if (filter->categories == NULL || filter->categories[0] == NULL)
    g_string_append (s, _("All carpetas, including hechos no delictivos"));
  else
    for (guint i = 0; filter->categories[i]; i++)
      g_string_append_printf (s, "%s%s", i ? ", " : "", usga_category_name (filter->categories[i]));
  if (filter->delito)
    g_string_append_printf (s, " · %s", filter->delito);
  g_string_append (s, " · ");
  g_string_append (s, area_name ? area_name : _("Iztapalapa (whole alcaldía)"));
  return g_string_free (g_steal_pointer (&s), FALSE);
}
