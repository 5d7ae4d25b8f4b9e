/* usga-palette.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "usga-palette.h"

void
usga_rgb_set (cairo_t *cr, UsgaRgb c, double alpha)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, alpha);
}

static const UsgaRgb palette_light[] = {
  { 0.000, 0.447, 0.698 }, /* blue */
  { 0.835, 0.369, 0.000 }, /* vermillion */
  { 0.000, 0.620, 0.451 }, /* bluish green */
  { 0.800, 0.475, 0.655 }, /* reddish purple */
  { 0.902, 0.624, 0.000 }, /* orange */
  { 0.337, 0.706, 0.914 }, /* sky blue */
};
static const UsgaRgb palette_dark[] = {
  { 0.337, 0.706, 0.914 },
  { 0.902, 0.624, 0.000 },
  { 0.000, 0.620, 0.451 },
  { 0.800, 0.475, 0.655 },
  { 0.835, 0.369, 0.000 },
  { 0.941, 0.894, 0.259 },
};

UsgaRgb
usga_palette_series (gboolean dark, guint index)
{
  return dark ? palette_dark[index % G_N_ELEMENTS (palette_dark)]
              : palette_light[index % G_N_ELEMENTS (palette_light)];
}

UsgaRgb
usga_palette_viridis (double t)
{
  static const UsgaRgb stops[] = {
    { 0.267, 0.005, 0.329 }, { 0.229, 0.322, 0.546 }, { 0.128, 0.567, 0.551 },
    { 0.369, 0.789, 0.383 }, { 0.993, 0.906, 0.144 },
  };
  double p = CLAMP (t, 0, 1) * (G_N_ELEMENTS (stops) - 1);
  guint i = MIN ((guint) p, G_N_ELEMENTS (stops) - 2);
  double f = p - i;
  UsgaRgb c = { stops[i].r + f * (stops[i + 1].r - stops[i].r),
                stops[i].g + f * (stops[i + 1].g - stops[i].g),
                stops[i].b + f * (stops[i + 1].b - stops[i].b) };
  return c;
}

#define HEX(v) { ((v) >> 16 & 0xff) / 255.0, ((v) >> 8 & 0xff) / 255.0, ((v) & 0xff) / 255.0 }

UsgaRgb
usga_palette_gi_class (int klass, gboolean *has_colour)
{
  /* ColorBrewer RdBu, 7 classes. */
  static const UsgaRgb ramp[7] = {
    HEX (0x2166ac), HEX (0x67a9cf), HEX (0xd1e5f0), HEX (0xf7f7f7), HEX (0xfddbc7), HEX (0xef8a62), HEX (0xb2182b),
  };
  klass = CLAMP (klass, -3, 3);
  if (has_colour)
    *has_colour = klass != 0;
  return ramp[klass + 3];
}

UsgaRgb
usga_palette_choropleth (int klass)
{
  /* ColorBrewer YlOrRd, 5 classes. */
  static const UsgaRgb ramp[USGA_PALETTE_N_CLASSES] = {
    HEX (0xffffb2), HEX (0xfecc5c), HEX (0xfd8d3c), HEX (0xf03b20), HEX (0xbd0026),
  };
  return ramp[CLAMP (klass, 0, USGA_PALETTE_N_CLASSES - 1)];
}

UsgaRgb
usga_palette_status (int status)
{
  /* In UsgaStatus order: not started, planned, in progress, implemented, blocked, not pursued
   * (GNOME palette: light grey, light blue, blue, green, orange, dark grey). */
  static const guint32 colours[] = { 0xc0bfbc, 0x99c1f1, 0x1c71d8, 0x26a269, 0xe66100, 0x5e5c64 };
  guint32 c = status >= 0 && status < (int) G_N_ELEMENTS (colours) ? colours[status] : colours[0];

  return (UsgaRgb) { (c >> 16) / 255.0, ((c >> 8) & 0xff) / 255.0, (c & 0xff) / 255.0 };
}

UsgaRgb
usga_palette_map_feature (UsgaMapFeature feature)
{
  switch (feature)
    {
    case USGA_MAP_SECTOR:    return (UsgaRgb) { 0x1c / 255.0, 0x3f / 255.0, 0x94 / 255.0 };
    case USGA_MAP_CUADRANTE: return (UsgaRgb) { 0x5e / 255.0, 0x5c / 255.0, 0x64 / 255.0 };
    case USGA_MAP_CORRIDOR:  return (UsgaRgb) { 0x6b / 255.0, 0x1a / 255.0, 0xa6 / 255.0 };
    case USGA_MAP_UTOPIA:
    default:                 return (UsgaRgb) { 0x2e / 255.0, 0xc2 / 255.0, 0x7e / 255.0 };
    }
}
