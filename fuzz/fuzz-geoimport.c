/* fuzz-geoimport.c — a GeoJSON, KML or GPX file through the feature reader and on into
 * corridors, as `usga import --kind corridors` and the map page's import read it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "usga-corridors.h"
#include "usga-geoimport.h"
#include "usga-fuzz.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  usga_fuzz_quiet_logs ();
  return 0;
}

static void
walk_geometry (const UsgaGeometry *g)
{
  double lon = 0, lat = 0;
  g_autofree char *json = NULL;
  g_autoptr(UsgaGeometry) back = NULL;
  g_autoptr(GError) error = NULL;

  if (g->points->len == 0)
    return;
  usga_geometry_label_point (g, &lon, &lat);
  usga_geometry_length_m (g);
  usga_geometry_distance_m (g, -99.05, 19.35);
  usga_geometry_contains (g, -99.05, 19.35);
  usga_geometry_n_rings (g);
  /* What we write must read back. */
  json = usga_geometry_to_geojson (g);
  g_assert (json != NULL);
  back = usga_geometry_new_from_string (json, &error);
  g_assert (back != NULL || error != NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = usga_fuzz_scratch_file (".geojson", data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) features = usga_geo_features_read (path, &error);
  g_autoptr(GPtrArray) corridors = NULL;
  static const char *const names[] = { "name", "nombre", "Nombre", NULL };

  usga_fuzz_outcome ("features", error);
  if (features == NULL)
    {
      g_assert (error != NULL && error->message != NULL);
      return 0;
    }
  for (guint i = 0; i < features->len; i++)
    {
      UsgaGeoFeature *f = features->pdata[i];
      const char *name = usga_geo_feature_prop (f->props, names);

      g_assert (name == NULL || g_utf8_validate (name, -1, NULL));
      g_assert (f->properties_json == NULL || g_utf8_validate (f->properties_json, -1, NULL));
      if (f->geometry)
        walk_geometry (f->geometry);
    }

  g_clear_error (&error);
  corridors = usga_corridors_parse_file (path, &error);
  usga_fuzz_outcome ("corridors", error);
  if (corridors)
    {
      g_autofree char *json = usga_corridors_to_geojson (corridors);
      g_assert (json != NULL);
    }
  else
    g_assert (error != NULL);
  return 0;
}
