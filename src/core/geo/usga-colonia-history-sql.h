/* usga-colonia-history-sql.h — the statements that fill colonia_history_share, shared by the
 * migration's backfill and usga_colonia_history_build (): shares from the bundled 2024
 * carpetas' own placement (a carpeta outside every colonia makes a "not located" share), then
 * the names no 2024 point carries, by the colonia their name matches or as not located.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#define USGA_COLONIA_HISTORY_SHARE_SQL \
  "DELETE FROM colonia_history_share;" \
  "INSERT INTO colonia_history_share (colonia_raw, colonia_id, cuadrante_id, share, n_points, method)" \
  " SELECT i.colonia_raw, i.colonia_id, i.cuadrante_id, CAST (count(*) AS REAL) / t.n, count(*), 'points'" \
  " FROM incident i" \
  " JOIN (SELECT colonia_raw, count(*) AS n FROM incident" \
  "       WHERE origin = 'bundled' AND year = 2024 AND colonia_raw IS NOT NULL GROUP BY colonia_raw) t" \
  "   ON t.colonia_raw = i.colonia_raw" \
  " WHERE i.origin = 'bundled' AND i.year = 2024" \
  " GROUP BY i.colonia_raw, i.colonia_id, i.cuadrante_id;" \
  "INSERT INTO colonia_history_share (colonia_raw, colonia_id, cuadrante_id, share, n_points, method)" \
  " SELECT colonia_raw, colonia_id, NULL, 1.0, 0, CASE WHEN colonia_id IS NULL THEN 'not_located' ELSE 'name' END" \
  " FROM (SELECT DISTINCT colonia_raw, colonia_id FROM incident_quarterly q" \
  "       WHERE NOT EXISTS (SELECT 1 FROM colonia_history_share s WHERE s.colonia_raw = q.colonia_raw));"
