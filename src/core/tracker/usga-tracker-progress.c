/* usga-tracker-progress.c — what the cabinet quotes: status counts per SDG or theme, the
 * headline and its note; and related recommendations (the same action in another table).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "usga-text.h"
#include "usga-tracker-private.h"


/* --- progress ----------------------------------------------------------- */

void
usga_tracker_group_free (UsgaTrackerGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->key); g_free (group->label_en); g_free (group->label_es);
  g_free (group);
}

double
usga_tracker_group_addressed_percent (const UsgaTrackerGroup *group)
{
  if (group->total == 0)
    return 0;
  return 100.0 * (group->counts[USGA_STATUS_IN_PROGRESS] + group->counts[USGA_STATUS_IMPLEMENTED]) / group->total;
}

char *
usga_tracker_group_headline (const UsgaTrackerGroup *group)
{
  return g_strdup_printf (_("%.0f %% of the %u recommendations addressed"),
                          usga_tracker_group_addressed_percent (group), group->total);
}

char *
usga_tracker_group_note (const UsgaTrackerGroup *group)
{
  return g_strdup_printf (_("Addressed means in progress or implemented: %u implemented, %u in progress, "
                            "%u planned, %u blocked, %u not pursued, %u not started; %u overdue."),
                          group->counts[USGA_STATUS_IMPLEMENTED], group->counts[USGA_STATUS_IN_PROGRESS],
                          group->counts[USGA_STATUS_PLANNED], group->counts[USGA_STATUS_BLOCKED],
                          group->counts[USGA_STATUS_NOT_PURSUED], group->counts[USGA_STATUS_NOT_STARTED],
                          group->overdue);
}

GPtrArray *
usga_tracker_progress (UsgaDb *db, gboolean by_theme, const char *today, GError **error)
{
  g_autoptr(GPtrArray) recs = NULL;
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) usga_tracker_group_free);
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  UsgaTrackerQuery query = { .today = today };
  UsgaTrackerGroup *total = g_new0 (UsgaTrackerGroup, 1);

  total->key = g_strdup ("total");
  total->label_en = g_strdup ("All recommendations");
  total->label_es = g_strdup ("Todas las recomendaciones");
  g_ptr_array_add (groups, total);
  recs = usga_tracker_list (db, &query, error);
  if (recs == NULL)
    return NULL;
  for (guint i = 0; i < recs->len; i++)
    {
      UsgaRecommendation *rec = recs->pdata[i];
      g_autofree char *key = by_theme ? g_strdup (rec->theme_en) : g_strdup_printf ("%d", rec->sdg);
      UsgaTrackerGroup *group = g_hash_table_lookup (index, key);
      int s = MAX (usga_status_from_key (rec->status), 0);
      gboolean overdue = usga_recommendation_is_overdue (rec, today);

      if (group == NULL)
        {
          group = g_new0 (UsgaTrackerGroup, 1);
          group->key = g_steal_pointer (&key);
          group->label_en = by_theme ? g_strdup (rec->theme_en) : g_strdup_printf ("SDG %d", rec->sdg);
          group->label_es = by_theme ? g_strdup (rec->theme_es) : g_strdup_printf ("ODS %d", rec->sdg);
          g_hash_table_insert (index, group->key, group);
          g_ptr_array_add (groups, group);
        }
      group->counts[s]++;
      group->total++;
      group->overdue += overdue;
      total->counts[s]++;
      total->total++;
      total->overdue += overdue;
    }
  /* SDGs in numeric order; themes stay in report order (the list is ordered by id). */
  if (!by_theme)
    {
      for (guint i = 2; i < groups->len; i++)
        for (guint j = i; j > 1 && atoi (((UsgaTrackerGroup *) groups->pdata[j - 1])->key) >
                                   atoi (((UsgaTrackerGroup *) groups->pdata[j])->key); j--)
          {
            gpointer tmp = groups->pdata[j];
            groups->pdata[j] = groups->pdata[j - 1];
            groups->pdata[j - 1] = tmp;
          }
    }
  return g_steal_pointer (&groups);
}

/* --- related ------------------------------------------------------------ */

void
usga_related_free (UsgaRelated *related)
{
  if (related == NULL)
    return;
  g_free (related->id);
  g_free (related);
}

static const char *const stopwords[] = {
  "ABOUT", "ACROSS", "ACTIONS", "AFTER", "ALONG", "AMONG", "AND", "ARE", "BETWEEN", "BOROUGH",
  "BOTH", "CITY", "CONTINUE", "EACH", "FOR", "FROM", "HAVE", "INTO", "IZTAPALAPA", "KEEP",
  "MAYOR", "MEXICO", "MORE", "OFFICE", "ORDER", "OTHER", "PROMOTE", "SUCH", "THAT", "THE",
  "THEIR", "THEM", "THESE", "THIS", "THROUGH", "USING", "WHERE", "WHICH", "WITH", "WITHIN",
};

static gint
compare_related (gconstpointer a, gconstpointer b)
{
  const UsgaRelated *x = *(UsgaRelated **) a, *y = *(UsgaRelated **) b;

  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  return strcmp (x->id, y->id);
}

/* Significant words, cut to a 6-letter stem so "camera" and "cameras" meet. */
static GHashTable *
word_stems (const char *text)
{
  g_autofree char *norm = usga_text_normalize (text);
  GHashTable *stems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) words = NULL;

  for (char *p = norm; *p; p++)
    if (!g_ascii_isalnum (*p))
      *p = ' ';
  words = g_strsplit (norm, " ", -1);
  for (guint i = 0; words[i]; i++)
    {
      gboolean stop = FALSE;

      if (strlen (words[i]) < 4)
        continue;
      for (guint s = 0; s < G_N_ELEMENTS (stopwords) && !stop; s++)
        stop = g_str_equal (words[i], stopwords[s]);
      if (!stop)
        g_hash_table_add (stems, g_strndup (words[i], 6));
    }
  return stems;
}

static double
stem_weight (GHashTable *df, const char *stem, guint n_docs)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (df, stem));
  /* Rare words say more about the action than words every recommendation uses. */
  return log ((double) (n_docs + 1) / (count + 1));
}

GPtrArray *
usga_tracker_related (UsgaDb *db, const char *id, guint max, GError **error)
{
  g_autoptr(GPtrArray) recs = usga_tracker_list (db, NULL, error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) usga_related_free);
  g_autoptr(GPtrArray) stems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) df = g_hash_table_new (g_str_hash, g_str_equal);
  UsgaRecommendation *self = NULL;
  GHashTable *mine = NULL;

  if (recs == NULL)
    return NULL;
  for (guint i = 0; i < recs->len; i++)
    {
      UsgaRecommendation *rec = recs->pdata[i];
      GHashTable *set = word_stems (rec->summary_en);
      GHashTableIter iter;
      gpointer stem;

      g_ptr_array_add (stems, set);
      g_hash_table_iter_init (&iter, set);
      while (g_hash_table_iter_next (&iter, &stem, NULL))
        g_hash_table_insert (df, stem, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (df, stem)) + 1));
      if (g_str_equal (rec->id, id))
        {
          self = rec;
          mine = set;
        }
    }
  if (self == NULL)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("There is no recommendation “%s” (ids run R001–R109)"), id);
      return NULL;
    }
  for (guint i = 0; i < recs->len; i++)
    {
      UsgaRecommendation *other = recs->pdata[i];
      GHashTable *theirs = stems->pdata[i];
      GHashTableIter iter;
      gpointer stem;
      double shared = 0, all = 0, score;
      guint n_shared = 0;

      if (other == self)
        continue;
      /* Weighted Jaccard over word stems. */
      g_hash_table_iter_init (&iter, mine);
      while (g_hash_table_iter_next (&iter, &stem, NULL))
        {
          double w = stem_weight (df, stem, recs->len);
          all += w;
          if (g_hash_table_contains (theirs, stem))
            {
              shared += w;
              n_shared++;
            }
        }
      g_hash_table_iter_init (&iter, theirs);
      while (g_hash_table_iter_next (&iter, &stem, NULL))
        if (!g_hash_table_contains (mine, stem))
          all += stem_weight (df, stem, recs->len);
      score = all > 0 ? shared / all : 0;
      /* The same row label in another table is the report repeating an action across crimes. */
      if (g_strcmp0 (other->topic_en, self->topic_en) == 0 && g_strcmp0 (other->theme_en, self->theme_en) != 0)
        score += 0.1;
      if (n_shared >= 2 && score >= 0.15)
        {
          UsgaRelated *r = g_new0 (UsgaRelated, 1);
          r->id = g_strdup (other->id);
          r->score = MIN (score, 1.0);
          g_ptr_array_add (out, r);
        }
    }
  g_ptr_array_sort (out, compare_related);
  if (max && out->len > max)
    g_ptr_array_set_size (out, max);
  return g_steal_pointer (&out);
}

