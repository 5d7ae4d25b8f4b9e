/* usga-format.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "usga-format.h"

char *
usga_format_count (gint64 value)
{
  /* The ' flag groups digits the way LC_NUMERIC says. */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, value);
}

char *
usga_format_change (double percent)
{
  if (isnan (percent))
    return g_strdup ("—");
  if (fabs (percent) < 0.05)
    return g_strdup_printf ("= %.1f %%", 0.0);
  return g_strdup_printf ("%s %'.1f %%", percent > 0 ? "▲ +" : "▼ −", fabs (percent));
}

char *
usga_format_signed_percent (double percent)
{
  if (isnan (percent))
    return g_strdup ("—");
  return g_strdup_printf ("%s%'.1f %%", percent > 0 ? "+" : percent < 0 ? "−" : "", fabs (percent));
}

char *
usga_format_rate (double rate)
{
  if (isnan (rate))
    return g_strdup ("—");
  return g_strdup_printf ("%'.1f", rate);
}
