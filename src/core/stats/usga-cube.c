/* usga-cube.c — building the in-memory aggregate index from one read snapshot, its lifetime and
 * its freshness.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "usga-cube-private.h"

typedef struct {
  UsgaCube   *cube;
  GHashTable *delito_ids;     /* id -> dense index (GINT_TO_POINTER) */
  GHashTable *colonia_ids;
  GHashTable *cuadrante_ids;
  GHashTable *sector_ids;
  GHashTable *raw_names;      /* FGJ name -> dense index + 1 */
  GPtrArray  *raw_list;       /* the names, by index */
  GError     *error;
} Builder;

static gboolean
refuse (Builder *b, const char *what)
{
  if (b->error == NULL)
    g_set_error (&b->error, USGA_DB_ERROR, USGA_DB_ERROR_SQL, "aggregate index: %s", what);
  return FALSE;
}

static void
area_clear (gpointer data)
{
  g_free (((UsgaCubeArea *) data)->name);
}

static void
delito_clear (gpointer data)
{
  g_free (((UsgaCubeDelito *) data)->name);
}

/* The dense index of @id in @areas, a nameless entry (a dangling id: LEFT JOIN gives NULL) on
 * first sight. 0 and NULL are index 0. */
static guint16
intern_area (Builder *b, GHashTable *ids, GArray *areas, gint64 id, gboolean is_null)
{
  gpointer found;
  UsgaCubeArea a = { id, NULL, 0, 0, 0 };

  if (is_null || id == 0)
    return 0;
  if (g_hash_table_lookup_extended (ids, &id, NULL, &found))
    return GPOINTER_TO_UINT (found);
  if (areas->len >= G_MAXUINT16)
    return refuse (b, "too many areas"), 0;
  g_array_append_val (areas, a);
  g_hash_table_insert (ids, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (areas->len - 1));
  return areas->len - 1;
}

static sqlite3_stmt *
prepare (Builder *b, const char *sql)
{
  GError *error = NULL;
  sqlite3_stmt *stmt = usga_db_prepare (b->cube->db, sql, &error);

  if (stmt == NULL && b->error == NULL)
    b->error = error;
  else
    g_clear_error (&error);
  return stmt;
}

static gboolean
finish_step (Builder *b, sqlite3_stmt *stmt, int rc)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && b->error == NULL)
    usga_db_fail (b->cube->db, rc, "aggregate index", &b->error);
  return b->error == NULL;
}

/* Rows of (id, name, population, sector_id) into @areas; id 0 would be confused with "not
 * placed", which the summaries store as 0. */
static gboolean
read_areas (Builder *b, const char *sql, GHashTable *ids, GArray *areas)
{
  sqlite3_stmt *stmt = prepare (b, sql);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint16 i = intern_area (b, ids, areas, sqlite3_column_int64 (stmt, 0), FALSE);
      gint64 sector_id = sqlite3_column_int64 (stmt, 3);
      UsgaCubeArea *a;
      gpointer s;

      if (i == 0)
        return sqlite3_reset (stmt), refuse (b, "an area with id 0");
      a = &g_array_index (areas, UsgaCubeArea, i);
      a->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      a->population = sqlite3_column_int64 (stmt, 2);
      a->sector_id = sector_id;
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL && g_hash_table_lookup_extended (b->sector_ids, &sector_id, NULL, &s))
        {
          a->sector = GPOINTER_TO_UINT (s);
          g_array_index (b->cube->sectors, UsgaCubeArea, a->sector).population += a->population;
        }
    }
  return finish_step (b, stmt, rc);
}

static gboolean
read_dimensions (Builder *b)
{
  UsgaCube *c = b->cube;
  sqlite3_stmt *stmt;
  g_autoptr(GHashTable) category_index = g_hash_table_new (g_str_hash, g_str_equal);
  int rc;

  if ((stmt = prepare (b, "SELECT id, name, category FROM delito")) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *category = (const char *) sqlite3_column_text (stmt, 2);
      gpointer index;
      UsgaCubeDelito d = { g_strdup ((const char *) sqlite3_column_text (stmt, 1)), 0 };

      if (!g_hash_table_lookup_extended (category_index, category, NULL, &index))
        {
          g_ptr_array_add (c->categories, g_strdup (category));
          index = GUINT_TO_POINTER (c->categories->len - 1);
          g_hash_table_insert (category_index, c->categories->pdata[c->categories->len - 1], index);
        }
      d.category = GPOINTER_TO_UINT (index);
      g_array_append_val (c->delitos, d);
      g_hash_table_insert (b->delito_ids, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (c->delitos->len - 1));
      if (c->delitos->len >= G_MAXUINT16)
        return refuse (b, "too many delitos");
    }
  if (!finish_step (b, stmt, rc))
    return FALSE;

  /* Sectors first: a cuadrante's population adds to its sector's. */
  return read_areas (b, "SELECT id, name, NULL, NULL FROM sector", b->sector_ids, c->sectors) &&
         read_areas (b, "SELECT id, code, population, sector_id FROM cuadrante", b->cuadrante_ids, c->cuadrantes) &&
         read_areas (b, "SELECT id, name, population, NULL FROM colonia", b->colonia_ids, c->colonias);
}

static guint16
delito_index (Builder *b, gint64 id)
{
  gpointer found;

  return g_hash_table_lookup_extended (b->delito_ids, &id, NULL, &found) ? GPOINTER_TO_UINT (found) : 0;
}

/* 'YYYY-MM-DD' as yyyymmdd; -1 for anything else, which the cube refuses rather than
 * compare differently from the SQL's text comparison. */
gint32
usga_cube_parse_day (const char *s)
{
  static const int at[] = { 0, 1, 2, 3, 5, 6, 8, 9 };
  gint32 v = 0;

  if (s == NULL || strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (at); i++)
    {
      if (!g_ascii_isdigit (s[at[i]]))
        return -1;
      v = v * 10 + (s[at[i]] - '0');
    }
  /* month and day in range too: a month 13 would be a key the index has no slot for */
  return v / 10000 >= 1000 && v / 100 % 100 >= 1 && v / 100 % 100 <= 12 && v % 100 >= 1 && v % 100 <= 31 ? v : -1;
}

static void
widen_years (UsgaCube *c, int year, int *last)
{
  if (c->n_years == 0 || year < c->first_year)
    c->first_year = year;
  if (c->n_years == 0 || year > *last)
    *last = year;
  c->n_years = 1;
}

static gboolean
read_cells (Builder *b, int *last_year)
{
  UsgaCube *c = b->cube;
  gsize allocated = 0;
  sqlite3_stmt *stmt = prepare (b, "SELECT date, weekday, hour, time_placeholder, delito_id, colonia_id, cuadrante_id, n"
                                   " FROM incident_hour_summary");
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UsgaCubeCell cell;
      gint64 weekday = sqlite3_column_int64 (stmt, 1), hour = sqlite3_column_int64 (stmt, 2);
      gint64 placeholder = sqlite3_column_int64 (stmt, 3), n = sqlite3_column_int64 (stmt, 7);

      cell.day = usga_cube_parse_day ((const char *) sqlite3_column_text (stmt, 0));
      if (cell.day < 0 || weekday < 1 || weekday > 7 || hour < -1 || hour > 23 ||
          (placeholder != 0 && placeholder != 1) || n <= 0 || n > G_MAXUINT32)
        return sqlite3_reset (stmt), refuse (b, "a summary cell out of range");
      cell.weekday = weekday;
      cell.hour = hour;
      cell.placeholder = placeholder;
      cell.n = n;
      cell.delito = delito_index (b, sqlite3_column_int64 (stmt, 4));
      cell.colonia = intern_area (b, b->colonia_ids, c->colonias, sqlite3_column_int64 (stmt, 5), FALSE);
      cell.cuadrante = intern_area (b, b->cuadrante_ids, c->cuadrantes, sqlite3_column_int64 (stmt, 6), FALSE);
      widen_years (c, cell.day / 10000, last_year);
      if (c->n_cells == allocated)
        c->cells = g_renew (UsgaCubeCell, c->cells, (allocated = MAX (1024, allocated * 2)));
      c->cells[c->n_cells++] = cell;
    }
  return finish_step (b, stmt, rc);
}

static guint16
raw_index (Builder *b, const char *name)
{
  gpointer found = g_hash_table_lookup (b->raw_names, name);

  if (found)
    return GPOINTER_TO_UINT (found) - 1;
  if (b->raw_list->len >= G_MAXUINT16)
    return refuse (b, "too many colonia names"), 0;
  g_ptr_array_add (b->raw_list, g_strdup (name));
  g_hash_table_insert (b->raw_names, b->raw_list->pdata[b->raw_list->len - 1], GUINT_TO_POINTER (b->raw_list->len));
  return b->raw_list->len - 1;
}

static gboolean
read_quarterly (Builder *b, int *last_year)
{
  UsgaCube *c = b->cube;
  gsize allocated = 0;
  sqlite3_stmt *stmt = prepare (b, "SELECT colonia_raw, colonia_id, year, quarter, delito_id, count FROM incident_quarterly");
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UsgaCubeQuarterly q;
      gint64 year = sqlite3_column_int64 (stmt, 2), quarter = sqlite3_column_int64 (stmt, 3);
      gint64 count = sqlite3_column_int64 (stmt, 5);

      if (year < 1000 || year > 9999 || quarter < 1 || quarter > 4 || count < 0 || count > G_MAXUINT32)
        return sqlite3_reset (stmt), refuse (b, "a quarterly row out of range");
      q.yq = year * 10 + quarter;
      q.count = count;
      q.raw = raw_index (b, (const char *) sqlite3_column_text (stmt, 0));
      q.colonia = intern_area (b, b->colonia_ids, c->colonias, sqlite3_column_int64 (stmt, 1),
                               sqlite3_column_type (stmt, 1) == SQLITE_NULL);
      q.delito = delito_index (b, sqlite3_column_int64 (stmt, 4));
      widen_years (c, year, last_year);
      if (c->n_quarterly == allocated)
        c->quarterly = g_renew (UsgaCubeQuarterly, c->quarterly, (allocated = MAX (1024, allocated * 2)));
      c->quarterly[c->n_quarterly++] = q;
    }
  return finish_step (b, stmt, rc);
}

/* Shares by name: the pairs as stored (incident_quarterly_estimate), and summed per colonia in
 * the order read (incident_quarterly_colonia). Names no quarterly row carries are left out. */
static gboolean
read_shares (Builder *b)
{
  UsgaCube *c = b->cube;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (UsgaCubeShare));
  g_autoptr(GArray) row_raw = g_array_new (FALSE, FALSE, sizeof (guint));
  sqlite3_stmt *stmt = prepare (b, "SELECT colonia_raw, colonia_id, cuadrante_id, share FROM colonia_history_share");
  guint n_pairs = 0, n_colonias = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer found = g_hash_table_lookup (b->raw_names, sqlite3_column_text (stmt, 0));
      UsgaCubeShare s;
      guint raw;

      if (found == NULL)
        continue;
      raw = GPOINTER_TO_UINT (found) - 1;
      s.colonia = intern_area (b, b->colonia_ids, c->colonias, sqlite3_column_int64 (stmt, 1),
                               sqlite3_column_type (stmt, 1) == SQLITE_NULL);
      s.cuadrante = intern_area (b, b->cuadrante_ids, c->cuadrantes, sqlite3_column_int64 (stmt, 2),
                                 sqlite3_column_type (stmt, 2) == SQLITE_NULL);
      s.share = sqlite3_column_double (stmt, 3);
      g_array_append_val (rows, s);
      g_array_append_val (row_raw, raw);
    }
  if (!finish_step (b, stmt, rc))
    return FALSE;

  c->n_raw = b->raw_list->len;
  c->pair_start = g_new0 (guint, c->n_raw + 1);
  c->colonia_start = g_new0 (guint, c->n_raw + 1);
  c->pairs = g_new (UsgaCubeShare, MAX (rows->len, 1));
  c->colonia_shares = g_new (UsgaCubeShare, MAX (rows->len, 1));
  for (guint r = 0; r < c->n_raw; r++)
    {
      c->pair_start[r] = n_pairs;
      c->colonia_start[r] = n_colonias;
      for (guint i = 0; i < rows->len; i++)
        {
          const UsgaCubeShare *s = &g_array_index (rows, UsgaCubeShare, i);
          guint j;

          if (g_array_index (row_raw, guint, i) != r)
            continue;
          c->pairs[n_pairs++] = *s;
          /* NULL and a colonia are told apart by index, as GROUP BY colonia_id tells them */
          for (j = c->colonia_start[r]; j < n_colonias && c->colonia_shares[j].colonia != s->colonia; j++)
            ;
          if (j == n_colonias)
            c->colonia_shares[n_colonias++] = (UsgaCubeShare) { s->colonia, 0, 0.0 };
          c->colonia_shares[j].share += s->share;
        }
    }
  c->pair_start[c->n_raw] = n_pairs;
  c->colonia_start[c->n_raw] = n_colonias;
  return TRUE;
}

static const UsgaCubeCell *sort_cells;

static int
compare_cells (gconstpointer a, gconstpointer b)
{
  const UsgaCubeCell *x = a, *y = b;

  if (x->delito != y->delito)
    return x->delito < y->delito ? -1 : 1;
  return x->day < y->day ? -1 : x->day > y->day;
}

static guint16
cell_colonia (const UsgaCubeCell *c)
{
  return c->colonia;
}

static guint16
cell_cuadrante (const UsgaCubeCell *c)
{
  return c->cuadrante;
}

/* The cells' groups by @key, each ordered by day; with @identity (the delito, by which the
 * cells themselves are sorted) only the offsets. */
static guint16 (*block_key) (const UsgaCubeCell *c);

static int
compare_order (gconstpointer a, gconstpointer b)
{
  const UsgaCubeCell *x = &sort_cells[*(const guint32 *) a], *y = &sort_cells[*(const guint32 *) b];
  guint16 kx = block_key (x), ky = block_key (y);

  if (kx != ky)
    return kx < ky ? -1 : 1;
  return x->day < y->day ? -1 : x->day > y->day;
}

static void
make_blocks (UsgaCube *c, UsgaCubeBlocks *blocks, guint n, guint16 (*key) (const UsgaCubeCell *), gboolean identity)
{
  blocks->n = n;
  blocks->start = g_new0 (guint, n + 1);
  for (gsize i = 0; i < c->n_cells; i++)
    blocks->start[(key ? key (&c->cells[i]) : c->cells[i].delito) + 1]++;
  for (guint g = 0; g < n; g++)
    blocks->start[g + 1] += blocks->start[g];
  if (identity)
    return;
  blocks->order = g_new (guint32, MAX (c->n_cells, 1));
  for (gsize i = 0; i < c->n_cells; i++)
    blocks->order[i] = i;
  /* qsort's comparator takes no data: the build runs under a lock */
  sort_cells = c->cells;
  block_key = key;
  qsort (blocks->order, c->n_cells, sizeof (guint32), compare_order);
}

static GMutex sort_lock;

static void
index_cells (UsgaCube *c)
{
  g_mutex_lock (&sort_lock);
  qsort (c->cells, c->n_cells, sizeof (UsgaCubeCell), compare_cells);
  make_blocks (c, &c->by_delito, c->delitos->len, NULL, TRUE);
  make_blocks (c, &c->by_colonia, c->colonias->len, cell_colonia, FALSE);
  make_blocks (c, &c->by_cuadrante, c->cuadrantes->len, cell_cuadrante, FALSE);
  g_mutex_unlock (&sort_lock);
}

static gboolean
file_identity (const char *path, guint64 *dev, guint64 *ino)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return FALSE;
  *dev = st.st_dev;
  *ino = st.st_ino;
  return TRUE;
}

UsgaCube *
usga_cube_build (const char *path, GError **error)
{
  g_autoptr(UsgaCube) cube = g_new0 (UsgaCube, 1);
  Builder b = { cube };
  gint64 t0 = g_get_monotonic_time ();
  int last_year = 0;
  gboolean ok;

  cube->ref_count = 1;
  cube->path = g_strdup (path);
  g_mutex_init (&cube->lock);
  cube->delitos = g_array_new (FALSE, TRUE, sizeof (UsgaCubeDelito));
  g_array_set_clear_func (cube->delitos, delito_clear);
  g_array_set_size (cube->delitos, 1);          /* 0: not in the delito table */
  cube->categories = g_ptr_array_new_with_free_func (g_free);
  cube->colonias = g_array_new (FALSE, TRUE, sizeof (UsgaCubeArea));
  cube->cuadrantes = g_array_new (FALSE, TRUE, sizeof (UsgaCubeArea));
  cube->sectors = g_array_new (FALSE, TRUE, sizeof (UsgaCubeArea));
  g_array_set_clear_func (cube->colonias, area_clear);
  g_array_set_clear_func (cube->cuadrantes, area_clear);
  g_array_set_clear_func (cube->sectors, area_clear);
  g_array_set_size (cube->colonias, 1);
  g_array_set_size (cube->cuadrantes, 1);
  g_array_set_size (cube->sectors, 1);

  if (!file_identity (path, &cube->dev, &cube->ino))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("Could not open the database %s"), path);
      return NULL;
    }
  cube->db = usga_db_open (path, USGA_DB_OPEN_READONLY | USGA_DB_OPEN_NO_CREATE, error);
  if (cube->db == NULL)
    return NULL;

  b.delito_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  b.colonia_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  b.cuadrante_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  b.sector_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  b.raw_list = g_ptr_array_new_with_free_func (g_free);
  b.raw_names = g_hash_table_new (g_str_hash, g_str_equal);

  /* One snapshot: data_version is read inside it, so a commit after it makes the cube stale. */
  ok = usga_db_exec (cube->db, "BEGIN", &b.error);
  ok = ok && read_dimensions (&b) && read_cells (&b, &last_year) && read_quarterly (&b, &last_year) && read_shares (&b);
  if (ok)
    cube->data_version = usga_db_query_int (cube->db, "PRAGMA data_version", -1);
  usga_db_exec (cube->db, ok ? "COMMIT" : "ROLLBACK", NULL);
  cube->n_years = cube->n_years ? last_year - cube->first_year + 1 : 0;

  g_hash_table_unref (b.delito_ids);
  g_hash_table_unref (b.colonia_ids);
  g_hash_table_unref (b.cuadrante_ids);
  g_hash_table_unref (b.sector_ids);
  g_hash_table_unref (b.raw_names);
  g_ptr_array_unref (b.raw_list);
  if (!ok)
    {
      if (b.error == NULL)
        refuse (&b, "could not read the database");
      g_propagate_error (error, b.error);
      return NULL;
    }
  index_cells (cube);
  usga_cube_index_history (cube);
  cube->build_ms = (g_get_monotonic_time () - t0) / 1000.0;
#ifdef __GLIBC__
  /* The build's temporaries (hash tables, sorts, grown arrays) are freed but would stay resident. */
  malloc_trim (0);
#endif
  return g_steal_pointer (&cube);
}

UsgaCube *
usga_cube_ref (UsgaCube *cube)
{
  g_atomic_int_inc (&cube->ref_count);
  return cube;
}

void
usga_cube_unref (UsgaCube *cube)
{
  if (cube == NULL || !g_atomic_int_dec_and_test (&cube->ref_count))
    return;
  g_clear_pointer (&cube->db, usga_db_close);
  g_mutex_clear (&cube->lock);
  g_array_unref (cube->delitos);
  g_ptr_array_unref (cube->categories);
  g_array_unref (cube->colonias);
  g_array_unref (cube->cuadrantes);
  g_array_unref (cube->sectors);
  g_free (cube->cells);
  g_free (cube->by_delito.start);
  g_free (cube->by_colonia.start);
  g_free (cube->by_colonia.order);
  g_free (cube->by_cuadrante.start);
  g_free (cube->by_cuadrante.order);
  usga_cube_history_clear (cube);
  g_free (cube->quarterly);
  g_free (cube->pair_start);
  g_free (cube->pairs);
  g_free (cube->colonia_start);
  g_free (cube->colonia_shares);
  g_free (cube->path);
  g_free (cube);
}

const char *
usga_cube_path (UsgaCube *cube)
{
  return cube->path;
}

gboolean
usga_cube_is_fresh (UsgaCube *cube)
{
  guint64 dev = 0, ino = 0;
  gint64 version;

  if (g_atomic_int_get (&cube->stale))
    return FALSE;
  g_mutex_lock (&cube->lock);
  version = usga_db_query_int (cube->db, "PRAGMA data_version", -2);
  g_mutex_unlock (&cube->lock);
  if (version != cube->data_version || !file_identity (cube->path, &dev, &ino) || dev != cube->dev || ino != cube->ino)
    {
      g_atomic_int_set (&cube->stale, TRUE);
      return FALSE;
    }
  return TRUE;
}

gboolean
usga_cube_found_stale (UsgaCube *cube)
{
  return g_atomic_int_get (&cube->stale);
}

void
usga_cube_describe (UsgaCube *cube, gsize *cells, gsize *quarterly, gsize *bytes, double *build_ms)
{
  gsize areas = cube->colonias->len + cube->cuadrantes->len + cube->sectors->len, estimates = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cube->splits); i++)
    estimates += cube->splits[i].n * sizeof (UsgaCubeEstimate) + (cube->splits[i].by_area.n + 1) * sizeof (guint);
  *cells = cube->n_cells;
  *quarterly = cube->n_quarterly;
  *bytes = cube->n_cells * (sizeof (UsgaCubeCell) + 2 * sizeof (guint32))
         + estimates
         + areas * sizeof (UsgaCubeArea) + cube->delitos->len * sizeof (UsgaCubeDelito);
  *build_ms = cube->build_ms;
}

guint
usga_cube_parts_answered (UsgaCube *cube)
{
  return g_atomic_int_get (&cube->answered);
}

static GPrivate thread_cube = G_PRIVATE_INIT ((GDestroyNotify) usga_cube_unref);

void
usga_cube_set_for_thread (UsgaCube *cube)
{
  g_private_replace (&thread_cube, cube ? usga_cube_ref (cube) : NULL);
}

UsgaCube *
usga_cube_for_thread (const char *path)
{
  UsgaCube *cube = g_private_get (&thread_cube);

  if (cube == NULL || g_strcmp0 (cube->path, path) != 0 || !usga_cube_is_fresh (cube))
    return NULL;
  return cube;
}
