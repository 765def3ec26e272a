/*
** quote.c — quotes, cues and speakers in one article (see quote.h).
**
** Three steps, each linear in the text:
**   1. pair_marks: one pass over the bytes pairs quotation marks paragraph by
**      paragraph. An opening mark while a quote is open drops the older one
**      (unbalanced marks cost nothing but that quote); a quote open at a
**      paragraph's end is kept only when the next paragraph opens with a mark,
**      which is how news continues a quote across paragraphs.
**   2. attribute: the words between a quote and the sentence's edge (or the
**      neighbouring quote) are searched for a speech cue; the cue's subject
**      (or, after an inverted cue, its object: "said Mr Putin") is the
**      speaker phrase. Left context is preferred for partial quotes and for
**      quotes that a cue introduces ("Putin said: “…"), right context for
**      quotes that a cue follows ("“…,” he said").
**      Where no cue stands next to the quote: a cue ending the sentence
**      before ("Jo Park agreed. “…”"), a colon ending the paragraph before
**      ("he declared:"), a name before a colon ("Jo Park: “…”"), a dash and
**      a name after the quote ("“…” — Jo Park"), or the subject of the
**      clause whose cue has none ("He began by saying, “…”").
**   3. resolve: the phrase becomes an entity — a name mentioned in it, a
**      description matched by title ("the Russian President"; else, with a
**      nationality, the speaker named just before), or for a pronoun the
**      last compatible person (the subject of this sentence or of the ones
**      before, else the last speaker). Phrases that name no one ("Thursday",
**      "came") are dropped. Unattributed quotes in a quote-only paragraph take
**      the previous speaker and go on with that statement (`prev`). A few
**      words in marks that no cue or speaker goes with (a title, a slogan,
**      a scare quote) are reported as partial, not as a statement.
** All searches are bounded windows around each quote, so a million quotes
** cost a million small searches.
*/
#include "extract/quote.h"
#include "extract/gazetteer.h"
#include "extract/lexicon.h"
#include "text/sentence.h"
#include "text/token.h"
#include "tidings.h"
#include "util/alloc.h"

#include <string.h>

#define CTX_TOKENS 40    /* tokens of context searched on either side   */
#define CTX_BYTES 600    /* bytes of context searched on either side    */
#define NP_MAX 8         /* words in a speaker phrase                   */
#define PHRASE_MAX 200   /* bytes in a quote made with single marks     */
#define BACK_SENTENCES 3 /* sentences searched back for a pronoun       */
#define SHORT_WORDS 8    /* words of a quote that is no statement alone  */

/* ------------------------------------------------------------ marks */

enum { M_NONE, M_DOPEN, M_DCLOSE, M_DAMBIG, M_SOPEN, M_SCLOSE };

static int is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static int is_alnum_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* The quotation mark at s[i], its byte length in *ml. */
static int mark_at(const char *s, size_t len, size_t i, size_t *ml) {
  unsigned char c = (unsigned char)s[i];
  *ml = 1;
  if (c == '"') return M_DAMBIG;
  if (c == 0xC2 && i + 1 < len) {
    *ml = 2;
    if ((unsigned char)s[i + 1] == 0xAB) return M_DOPEN;  /* « */
    if ((unsigned char)s[i + 1] == 0xBB) return M_DCLOSE; /* » */
    return M_NONE;
  }
  if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80) {
    *ml = 3;
    switch ((unsigned char)s[i + 2]) {
    case 0x9C:
      return M_DOPEN; /* “ */
    case 0x9E:
      return M_DOPEN; /* „ */
    case 0x9D:
      return M_DCLOSE; /* ” */
    case 0x9F:
      return M_DOPEN; /* ‟ */
    case 0x98:
      return M_SOPEN; /* ‘ */
    case 0x99:
      return M_SCLOSE; /* ’ */
    default:
      return M_NONE;
    }
  }
  return M_NONE;
}

/* What the characters around a mark allow: 1 open, 2 close, 3 either, 0 neither. */
static int mark_side(const char *s, size_t len, size_t i, size_t ml, size_t para_start) {
  int before_space = i == para_start || is_space((unsigned char)s[i - 1]) || s[i - 1] == '(' ||
                     s[i - 1] == '[' || s[i - 1] == '-';
  /* After a dash or another opening mark also counts as a word start. */
  if (!before_space && i >= 3 && (unsigned char)s[i - 3] == 0xE2 &&
      (unsigned char)s[i - 2] == 0x80 &&
      ((unsigned char)s[i - 1] == 0x94 || (unsigned char)s[i - 1] == 0x93 ||
       (unsigned char)s[i - 1] == 0x9C || (unsigned char)s[i - 1] == 0x98 ||
       (unsigned char)s[i - 1] == 0xAA))
    before_space = 1;
  size_t j = i + ml;
  int after_space = j >= len || is_space((unsigned char)s[j]);
  /* "Rep. Jo Park (R-S.C.):"I have …": a colon glued to an opening mark. */
  if (!before_space && !after_space && i > para_start && s[i - 1] == ':') before_space = 1;
  int after_punct = !after_space && !is_alnum_byte((unsigned char)s[j]);
  int r = 0;
  if (before_space && !after_space) r |= 1;
  if (!before_space && (after_space || after_punct)) r |= 2;
  if (!before_space && !after_space && !after_punct) r |= 2; /* “word”word: rare, close */
  return r;
}

/* ------------------------------------------------------------ quotes */

typedef struct qv {
  td_quote *v;
  size_t n, a;
} qv;

static long q_push(qv *q, size_t start, size_t end, td_quote_kind kind) {
  if (q->n == q->a) {
    size_t na = q->a ? q->a * 2 : 32;
    td_quote *nv = td_realloc(q->v, na * sizeof *nv);
    if (!nv) return -1;
    q->v = nv;
    q->a = na;
  }
  td_quote *x = &q->v[q->n];
  memset(x, 0, sizeof *x);
  x->start = start;
  x->end = end;
  x->kind = kind;
  x->entity = -1;
  x->prev = -1;
  x->parent = -1;
  return (long)q->n++;
}

/* Trim white space inside [*a, *b). */
static void trim(const char *s, size_t *a, size_t *b) {
  while (*a < *b && is_space((unsigned char)s[*a]))
    (*a)++;
  while (*b > *a && is_space((unsigned char)s[*b - 1]))
    (*b)--;
}

/* Is the first non-space of the paragraph starting at p an opening double mark? */
static int para_opens_with_mark(const char *s, size_t len, size_t p) {
  while (p < len && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r'))
    p++;
  /* Directional marks some sites put before a quote (U+202A). */
  if (p + 2 < len && (unsigned char)s[p] == 0xE2 && (unsigned char)s[p + 1] == 0x80 &&
      (unsigned char)s[p + 2] == 0xAA)
    p += 3;
  if (p >= len) return 0;
  size_t ml;
  int m = mark_at(s, len, p, &ml);
  return m == M_DOPEN || m == M_DAMBIG;
}

/* Step 1. Quotes with end == 0 are dropped later (placeholders of quotes that
** never closed). */
static int pair_marks(const char *s, size_t len, qv *Q) {
  size_t p = 0;
  long carry = -1; /* quote part continued into this paragraph */
  while (p < len) {
    size_t pe = p;
    while (pe < len && s[pe] != '\n')
      pe++;
    long open = -1; /* placeholder of the open double quote */
    size_t nested_from = Q->n;
    long sopen_at = -1; /* content start of an open single quote */
    int first_mark = 1;
    for (size_t i = p; i < pe;) {
      size_t ml;
      int m = mark_at(s, len, i, &ml);
      if (m == M_NONE) {
        i++;
        continue;
      }
      int side = mark_side(s, pe, i, ml, p);
      if (m == M_DAMBIG)
        m = open < 0 ? ((side & 1) ? M_DOPEN : M_NONE) : ((side & 2) ? M_DCLOSE : M_NONE);
      else if (m == M_DOPEN && open >= 0 && side == 2)
        m = M_DCLOSE; /* “ used to close */
      else if (m == M_DCLOSE && open < 0 && side == 1)
        m = M_DOPEN; /* ” used to open */
      if (m == M_DOPEN) {
        if (open >= 0) { /* the older one never closed: drop it and its nested */
          Q->v[open].end = 0;
          for (size_t k = nested_from; k < Q->n; k++)
            Q->v[k].end = 0;
        }
        open = q_push(Q, i + ml, 0, TD_QUOTE_DIRECT);
        if (open < 0) return -1;
        nested_from = Q->n;
        sopen_at = -1;
        /* The first mark of a paragraph continues the quote left open above. */
        if (first_mark && carry >= 0) {
          int only_space = 1;
          for (size_t k = p; k < i; k++)
            if (!is_space((unsigned char)s[k]) && (unsigned char)s[k] != 0xE2 &&
                (unsigned char)s[k] != 0x80 && (unsigned char)s[k] != 0xAA)
              only_space = 0;
          if (only_space) {
            Q->v[open].prev = carry;
            Q->v[open].kind = TD_QUOTE_CONTINUED;
          }
        }
      } else if (m == M_DCLOSE && open >= 0) {
        Q->v[open].end = i;
        if (Q->v[open].end <= Q->v[open].start) Q->v[open].end = 0; /* empty */
        for (size_t k = nested_from; k < Q->n; k++)
          if (Q->v[k].end) Q->v[k].parent = open;
        open = -1;
        sopen_at = -1;
      } else if (m == M_SOPEN && (side & 1)) {
        sopen_at = (long)(i + ml);
      } else if (m == M_SCLOSE && sopen_at >= 0 && (side & 2)) {
        /* ’ followed by a letter is an apostrophe, never a closing mark. */
        size_t a = (size_t)sopen_at, b = i;
        if (b > a && (open >= 0 || b - a <= PHRASE_MAX)) {
          long k = q_push(Q, a, b, open >= 0 ? TD_QUOTE_NESTED : TD_QUOTE_PARTIAL);
          if (k < 0) return -1;
          if (open < 0) Q->v[k].parent = -2; /* a phrase in single marks */
        }
        sopen_at = -1;
      }
      if (m != M_NONE) first_mark = 0;
      i += ml;
    }
    /* A blank line keeps a carried quote for the paragraph after it. */
    int blank = 1;
    for (size_t k = p; k < pe; k++)
      if (!is_space((unsigned char)s[k])) blank = 0;
    if (!blank) carry = -1;
    if (open >= 0) {
      size_t a = Q->v[open].start, b = pe;
      trim(s, &a, &b);
      if (b > a && para_opens_with_mark(s, len, pe)) {
        Q->v[open].end = b;
        carry = open;
      } else {
        Q->v[open].end = 0;
        for (size_t k = nested_from; k < Q->n; k++)
          Q->v[k].end = 0;
      }
    }
    p = pe + 1;
    /* Blank lines between paragraphs do not break a carried quote. */
  }
  return 0;
}

/* Drop placeholders and renumber prev/parent links. */
static int compact(qv *Q) {
  long *map = td_malloc((Q->n + 1) * sizeof *map);
  if (!map) return -1;
  size_t j = 0;
  for (size_t i = 0; i < Q->n; i++) {
    td_quote *q = &Q->v[i];
    size_t a = q->start, b = q->end;
    map[i] = -1;
    if (!b || b <= a) continue;
    map[i] = (long)j;
    Q->v[j++] = *q;
  }
  for (size_t i = 0; i < j; i++) {
    td_quote *q = &Q->v[i];
    if (q->prev >= 0) q->prev = map[q->prev];
    if (q->parent >= 0) q->parent = map[q->parent];
    if (q->parent == -2) q->parent = -1;
  }
  Q->n = j;
  td_free(map);
  return 0;
}

/* Quotes come out of pair_marks in order of their opening marks, except
** that a nested quote is pushed after its outer one: both orders are by
** start already, so no sort is needed. */

/* ------------------------------------------------------ context */

typedef struct ctx {
  const char *s;
  size_t len;
  const td_token *tok;
  size_t ntok;
  const td_span *sen;
  size_t nsen;
  const td_entity_set *ents;
  td_quote *q;
  size_t nq;
} ctx;

static size_t tl(const td_token *t) { return t->end - t->start; }

/* First token starting at or after pos. */
static size_t tok_at(const ctx *C, size_t pos) {
  size_t lo = 0, hi = C->ntok;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (C->tok[mid].start < pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Sentence containing pos (the last one starting at or before it). */
static size_t sen_at(const ctx *C, size_t pos) {
  size_t lo = 0, hi = C->nsen;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (C->sen[mid].start <= pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo ? lo - 1 : 0;
}

static int word_is(const ctx *C, size_t i, const char *w) {
  if (i >= C->ntok || C->tok[i].kind != TD_TOK_WORD) return 0;
  size_t n = strlen(w);
  if (tl(&C->tok[i]) != n) return 0;
  for (size_t k = 0; k < n; k++) {
    char c = C->s[C->tok[i].start + k];
    if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
    if (c != w[k]) return 0;
  }
  return 1;
}

static int punct_is(const ctx *C, size_t i, char c) {
  return i < C->ntok && C->tok[i].kind == TD_TOK_PUNCT && C->s[C->tok[i].start] == c;
}

/* Is the token a quotation mark (those are punct tokens too)? */
static int tok_is_mark(const ctx *C, size_t i) {
  size_t ml;
  return i < C->ntok && C->tok[i].kind == TD_TOK_PUNCT &&
         mark_at(C->s, C->len, C->tok[i].start, &ml) != M_NONE;
}

static int word_is(const ctx *C, size_t i, const char *w);
static int punct_is(const ctx *C, size_t i, char c);

/* Phrasal cues, of a verb that is no cue alone: "shot back", "fired back",
** "went on" (ending its clause: not "went on to say", "went on Fox").
** The verb is the cue token. */
static int phrasal_cue(const ctx *C, size_t i) {
  if (i + 1 >= C->ntok) return 0;
  if (word_is(C, i + 1, "back"))
    return word_is(C, i, "shot") || word_is(C, i, "shoots") || word_is(C, i, "fired") ||
           word_is(C, i, "fires") || word_is(C, i, "hit") || word_is(C, i, "hits") ||
           word_is(C, i, "snapped") || word_is(C, i, "snaps") || word_is(C, i, "pushed") ||
           word_is(C, i, "pushes");
  if (word_is(C, i + 1, "out") && (word_is(C, i, "points") || word_is(C, i, "pointed") ||
                                   word_is(C, i, "point") || word_is(C, i, "pointing")))
    return 1;
  /* A noun form used as the verb, between its subject and the sentence's
  ** end: "“…,” Jo Park answers." */
  if ((word_is(C, i, "answers") || word_is(C, i, "retorts")) && i > 0 &&
      C->tok[i + 1].kind == TD_TOK_PUNCT &&
      (C->tok[i - 1].upper || td_lex_pronoun(C->s + C->tok[i - 1].start, tl(&C->tok[i - 1]))))
    return 1;
  if (word_is(C, i + 1, "on") || word_is(C, i + 1, "in") || word_is(C, i + 1, "up"))
    if (word_is(C, i, "went") || word_is(C, i, "goes") || word_is(C, i, "weighed") ||
        word_is(C, i, "weighs") || word_is(C, i, "piped") || word_is(C, i, "pipes") ||
        word_is(C, i, "spoke") || word_is(C, i, "speaks"))
      return i + 2 >= C->ntok || (C->tok[i + 2].kind == TD_TOK_PUNCT && !punct_is(C, i + 2, '-'));
  return 0;
}

static int cue_of(const ctx *C, size_t i) {
  if (i >= C->ntok || C->tok[i].kind != TD_TOK_WORD) return 0;
  int c = td_lex_cue(C->s + C->tok[i].start, tl(&C->tok[i]));
  if (!c && phrasal_cue(C, i)) c = TD_CUE_VERB;
  return c;
}

static int is_det(const ctx *C, size_t i) {
  return word_is(C, i, "the") || word_is(C, i, "a") || word_is(C, i, "an") ||
         word_is(C, i, "his") || word_is(C, i, "her") || word_is(C, i, "its") ||
         word_is(C, i, "their") || word_is(C, i, "our") || word_is(C, i, "my") ||
         word_is(C, i, "your");
}

/* Quantifiers that head a speaker phrase: "one New Hampshire Democrat",
** "another supporter". */
static int is_quant(const ctx *C, size_t i) {
  return word_is(C, i, "one") || word_is(C, i, "another") || word_is(C, i, "some") ||
         word_is(C, i, "many") || word_is(C, i, "several") || word_is(C, i, "this");
}

/* Words that may stand between a subject and its cue: "He went on to say",
** "Trump also said", "Putin has repeatedly said". */
static int skippable(const ctx *C, size_t i) {
  if (i >= C->ntok || C->tok[i].kind != TD_TOK_WORD) return 0;
  const char *w = C->s + C->tok[i].start;
  size_t n = tl(&C->tok[i]);
  if (td_lex_filler(w, n)) return 1;
  /* "Priebus later Thursday told", "Jo Park last week said" */
  if (td_lex_weekday(w, n) >= 0 || word_is(C, i, "today") || word_is(C, i, "yesterday") ||
      word_is(C, i, "tonight") || word_is(C, i, "week") || word_is(C, i, "month") ||
      word_is(C, i, "morning") || word_is(C, i, "afternoon") || word_is(C, i, "evening") ||
      word_is(C, i, "night") || word_is(C, i, "last") || word_is(C, i, "this"))
    return 1;
  if (word_is(C, i, "to") || word_is(C, i, "on") || word_is(C, i, "went") ||
      word_is(C, i, "goes") || word_is(C, i, "go") || word_is(C, i, "began") ||
      word_is(C, i, "been") || word_is(C, i, "not") || word_is(C, i, "never"))
    return 1;
  return !C->tok[i].upper && n > 4 && w[n - 2] == 'l' && w[n - 1] == 'y'; /* adverbs */
}

/* A word that may be part of a speaker phrase. */
static int np_word(const ctx *C, size_t i) {
  const td_token *t = &C->tok[i];
  if (t->kind == TD_TOK_NUMBER) return 1; /* "17-year-old", "the 45th President" */
  if (t->kind != TD_TOK_WORD) return 0;
  const char *w = C->s + t->start;
  size_t n = tl(t);
  if (td_lex_cue(w, n) & (TD_CUE_VERB | TD_CUE_WEAK)) return 0;
  if (t->upper) return 1;
  if (td_lex_office(w, n) || td_lex_honorific(w, n) || td_lex_name_joiner(w, n)) return 1;
  if (td_lex_stopword(w, n)) return 0;
  return 2; /* an ordinary lower-case word: allowed after a determiner */
}

typedef struct np {
  size_t a, b; /* token range, a == b when none */
} np;

/* When token k-1 closes a short bracket ("(D-N.Y.)", "(R)"), the token
** index of its opening; else k. */
static size_t skip_bracket(const ctx *C, size_t lo, size_t k) {
  if (!(k > lo && punct_is(C, k - 1, ')'))) return k;
  for (size_t m = k - 1; m > lo && k - m < 10; m--)
    if (punct_is(C, m - 1, '(')) return m - 1;
  return k;
}

/* The subject before the cue at token j, not before token lo. */
static np np_before(const ctx *C, size_t lo, size_t j) {
  np r = {0, 0};
  size_t k = j, skips = 0;
  while (k > lo && skippable(C, k - 1) && skips < 4) {
    k--;
    skips++;
  }
  /* "Sen. Jo Park (D-Ore.) said": step over a bracket. */
  k = skip_bracket(C, lo, k);
  /* "Dmitry Peskov, the Kremlin spokesman, said" / "Cavusoglu, for his part, said":
  ** step over one parenthetical between commas. */
  if (k > lo && punct_is(C, k - 1, ',')) {
    size_t c = k - 1, m = c;
    while (m > lo && c - m < 16 && !punct_is(C, m - 1, ',') && !punct_is(C, m - 1, '.'))
      m--;
    if (m > lo && punct_is(C, m - 1, ','))
      k = skip_bracket(C, lo, m - 1);
    else
      return r;
  }
  if (k <= lo) return r;
  if (C->tok[k - 1].kind == TD_TOK_WORD &&
      td_lex_pronoun(C->s + C->tok[k - 1].start, tl(&C->tok[k - 1]))) {
    r.a = k - 1;
    r.b = k;
    return r;
  }
  size_t end = k, i = k, lower_run = 0;
  size_t last_good = k; /* start of the phrase if we stop at a lower-case word */
  while (i > lo && end - i < NP_MAX) {
    size_t t = i - 1;
    if (C->tok[t].kind == TD_TOK_PUNCT) {
      /* The period of "Mr." or an initial belongs to the name. */
      if (C->s[C->tok[t].start] == '.' && t > lo && C->tok[t - 1].kind == TD_TOK_WORD &&
          (tl(&C->tok[t - 1]) == 1 ||
           td_lex_honorific(C->s + C->tok[t - 1].start, tl(&C->tok[t - 1])))) {
        i--;
        continue;
      }
      break;
    }
    if (is_det(C, t) || (is_quant(C, t) && i < end)) { /* "one user wrote" */
      i--;
      last_good = i;
      break;
    }
    int w = np_word(C, t);
    if (!w) break;
    if (w == 2) {
      lower_run++;
      if (lower_run > 3) break;
    } else {
      lower_run = 0;
    }
    i--;
    if (w == 1 || C->tok[t].kind == TD_TOK_NUMBER)
      last_good = i;
    else if (i == lo)
      last_good = i;
  }
  /* Keep lower-case words only when a determiner or a name heads them:
  ** "the top Russian diplomat", "officials"; not "reporters there was". */
  if (i < end && (is_det(C, i) || is_quant(C, i) || last_good == i))
    r.a = i;
  else
    r.a = last_good;
  r.b = end;
  if (r.a >= r.b) {
    /* A bare lower-case noun right before the cue: "officials said". */
    if (np_word(C, k - 1) == 2) {
      r.a = k - 1;
      r.b = k;
    } else
      r.a = r.b = 0;
  }
  return r;
}

/* The phrase after token j (an inverted cue, "according to", "quoted"). */
static np np_after(const ctx *C, size_t j, size_t hi) {
  np r = {0, 0};
  size_t i = j + 1;
  if (i < hi && C->tok[i].kind == TD_TOK_WORD &&
      td_lex_pronoun(C->s + C->tok[i].start, tl(&C->tok[i]))) {
    r.a = i;
    r.b = i + 1;
    return r;
  }
  size_t a = i;
  int det = 0, any_cap = 0;
  while (i < hi && i - a < NP_MAX) {
    if ((is_det(C, i) || is_quant(C, i)) && i == a) {
      det = 1;
      i++;
      continue;
    }
    if (C->tok[i].kind == TD_TOK_PUNCT) {
      if (C->s[C->tok[i].start] == '.' && i > a && i + 1 < hi && C->tok[i + 1].upper &&
          (tl(&C->tok[i - 1]) == 1 ||
           td_lex_honorific(C->s + C->tok[i - 1].start, tl(&C->tok[i - 1])))) {
        i++;
        continue;
      }
      break;
    }
    int w = np_word(C, i);
    /* "said retired Army Lt. Gen. Mick Bednarek", "said longtime aide Jo
    ** Park": lower-case words right before a name belong to it. */
    if (w == 2 && !det) {
      size_t k = i + 1;
      while (k < hi && k < i + 3 && np_word(C, k) == 2)
        k++;
      if (!(k < hi && np_word(C, k) == 1 && C->tok[k].kind == TD_TOK_WORD)) break;
    }
    if (!w) break;
    if (w == 1) any_cap = 1;
    i++;
  }
  (void)any_cap;
  /* "said one", "wrote another": the quantifier is the speaker phrase. */
  if (i == a + 1 && det && is_quant(C, a)) {
    r.a = a;
    r.b = i;
    return r;
  }
  if (i > a && !(i == a + 1 && det)) {
    r.a = a;
    r.b = i;
  }
  return r;
}

/* ------------------------------------------------------ resolution */

static int inside_quote(const ctx *C, size_t pos) {
  size_t lo = 0, hi = C->nq;
  while (lo < hi) { /* last quote starting at or before pos */
    size_t mid = lo + (hi - lo) / 2;
    if (C->q[mid].start <= pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  /* Nested quotes lie inside their parent, so one step back suffices,
  ** plus the parent itself. */
  for (size_t k = lo, steps = 0; k > 0 && steps < 3; k--, steps++)
    if (C->q[k - 1].start <= pos && pos < C->q[k - 1].end) return 1;
  return 0;
}

static int compatible(const td_entity *e, int gender) {
  if (gender == 'm' || gender == 'f')
    return e->kind == TD_ENT_PERSON && (!e->gender || e->gender == gender);
  if (gender == 'n') return e->kind == TD_ENT_ORG;
  if (gender == 'p') return e->kind == TD_ENT_ORG || e->kind == TD_ENT_PERSON;
  return 0;
}

/* First compatible mention in [a, b) outside quotes, or -1. */
static long first_in(const ctx *C, size_t a, size_t b, int gender) {
  if (!C->ents) return -1;
  size_t i = td_entity_mention_after(C->ents, a);
  for (size_t k = 0; i < C->ents->nmentions && k < 64; i++, k++) {
    const td_mention *m = &C->ents->mentions[i];
    if (m->start >= b) break;
    if (inside_quote(C, m->start)) continue;
    if (compatible(&C->ents->ents[m->entity], gender)) return (long)m->entity;
  }
  return -1;
}

/* The entity named by the tokens [a, b), -1 if none. */
static long np_entity(const ctx *C, np p, size_t before) {
  if (!C->ents || p.a >= p.b) return -1;
  size_t s = C->tok[p.a].start, e = C->tok[p.b - 1].end;
  long best = -1;
  int best_rank = 0;
  size_t i = td_entity_mention_after(C->ents, s);
  for (; i < C->ents->nmentions && C->ents->mentions[i].start < e; i++) {
    const td_entity *E = &C->ents->ents[C->ents->mentions[i].entity];
    int rank = E->kind == TD_ENT_PERSON ? 3 : E->kind == TD_ENT_ORG ? 3 : 1;
    if (rank >= best_rank) { /* the last, most speaker-like name: the head */
      best = (long)C->ents->mentions[i].entity;
      best_rank = rank;
    }
  }
  /* "the Vestrian president": a title is a person even when a word of it
  ** is a name of some other kind. */
  if (best_rank < 3) {
    for (size_t t = p.a; t < p.b; t++)
      if (C->tok[t].kind == TD_TOK_WORD && td_lex_office(C->s + C->tok[t].start, tl(&C->tok[t]))) {
        long d = td_entity_describe(C->ents, C->s + s, e - s, before);
        if (d >= 0) return d;
        break;
      }
  }
  if (best >= 0) return best;
  return td_entity_describe(C->ents, C->s + s, e - s, before);
}

/* The subject of sentence k: the phrase before its first cue outside quotes.
** Returns 1 and *ent when it names someone, 2 when it is a description that
** names no one we know ("the US President"), 0 when there is no cue. */
static int sentence_subject(const ctx *C, size_t k, long *ent) {
  size_t a = tok_at(C, C->sen[k].start), b = tok_at(C, C->sen[k].end);
  for (size_t i = a; i < b && i - a < 60; i++) {
    if (!(cue_of(C, i) & (TD_CUE_VERB | TD_CUE_WEAK)) || (cue_of(C, i) & TD_CUE_ING)) continue;
    if (inside_quote(C, C->tok[i].start)) continue;
    np p = np_before(C, a, i);
    if (p.a >= p.b) continue;
    long e = np_entity(C, p, C->tok[i].start);
    if (e >= 0) {
      *ent = e;
      return 1;
    }
    for (size_t t = p.a; t < p.b; t++)
      if (td_lex_office(C->s + C->tok[t].start, tl(&C->tok[t]))) return 2;
    return 0;
  }
  return 0;
}

static long resolve_pronoun(const ctx *C, size_t pos, int gender, long last_speaker) {
  if (!C->ents || !C->nsen) return -1;
  size_t k = sen_at(C, pos);
  long e = first_in(C, C->sen[k].start, pos, gender);
  if (e >= 0) return e;
  for (size_t back = 1; back <= BACK_SENTENCES && back <= k; back++) {
    size_t j = k - back;
    long subj = -1;
    int r = sentence_subject(C, j, &subj);
    if (r == 1 && compatible(&C->ents->ents[subj], gender)) return subj;
    if (r == 2) break; /* an unknown described person: the last speaker, if any */
    e = first_in(C, C->sen[j].start, C->sen[j].end, gender);
    if (e >= 0) return e;
  }
  if (last_speaker >= 0 && compatible(&C->ents->ents[last_speaker], gender)) return last_speaker;
  return -1;
}

/* "the Russian President", "the top Russian diplomat" when no one in the
** article holds that title by name: a definite description with an office
** and a nationality is the last speaker when that is a person of no other
** known nationality (news names a speaker, then refers back to him by his
** office). -1 otherwise. */
static long description_of_last(const ctx *C, np p, long last_speaker) {
  if (!C->ents || last_speaker < 0 || p.a >= p.b || !word_is(C, p.a, "the")) return -1;
  const td_entity *e = &C->ents->ents[last_speaker];
  if (e->kind != TD_ENT_PERSON) return -1;
  int office = 0;
  const char *cc = NULL;
  for (size_t t = p.a; t < p.b; t++) {
    if (C->tok[t].kind != TD_TOK_WORD) continue;
    const char *w = C->s + C->tok[t].start;
    size_t n = tl(&C->tok[t]);
    if (td_lex_office(w, n)) office = 1;
    const td_gaz_entry *g = td_gaz_lookup(w, n, 0);
    if (g && (g->kind == TD_GAZ_NATIONALITY || g->kind == TD_GAZ_COUNTRY) && g->cc[0]) cc = g->cc;
  }
  if (!office || !cc) return -1;
  if (e->cc[0] && strcmp(e->cc, cc)) return -1;
  return last_speaker;
}

/* The source named after a dash right behind a quote, on its line or
** alone on the next one ("“…” — Jo Park", "“…”\n\n- Sanders."): the
** capitalised words after the dash, when nothing else follows on the line. */
static np dash_source(const ctx *C, size_t close_at) {
  np r = {0, 0};
  size_t t = tok_at(C, close_at), lines = 0;
  if (t >= C->ntok || C->tok[t].kind != TD_TOK_PUNCT) return r;
  for (size_t k = close_at; k < C->tok[t].start; k++) {
    char c = C->s[k];
    if (c == '\n')
      lines++;
    else if (c != ' ' && c != '\t' && c != '\r')
      return r;
  }
  if (lines > 2) return r;
  const char *d = C->s + C->tok[t].start;
  size_t dl = tl(&C->tok[t]);
  int dash = (dl == 1 && d[0] == '-') ||
             (dl == 3 && (unsigned char)d[0] == 0xE2 && (unsigned char)d[1] == 0x80 &&
              ((unsigned char)d[2] == 0x93 || (unsigned char)d[2] == 0x94));
  if (!dash) return r;
  size_t a = t + 1, i = a;
  while (i < C->ntok && i - a < NP_MAX) {
    const td_token *x = &C->tok[i];
    for (size_t k = C->tok[i - 1].end; k < x->start; k++)
      if (C->s[k] == '\n') return r;
    if (x->kind == TD_TOK_WORD && (x->upper || td_lex_name_joiner(C->s + x->start, tl(x)))) {
      i++;
      continue;
    }
    if (punct_is(C, i, '.') && i > a &&
        (tl(&C->tok[i - 1]) == 1 ||
         td_lex_honorific(C->s + C->tok[i - 1].start, tl(&C->tok[i - 1]))) &&
        i + 1 < C->ntok && C->tok[i + 1].upper) {
      i++;
      continue;
    }
    break;
  }
  if (i == a || !C->tok[i - 1].upper) return r;
  /* Only a full stop may follow on the line. */
  size_t e = C->tok[i - 1].end;
  if (i < C->ntok && punct_is(C, i, '.')) e = C->tok[i].end;
  while (e < C->len && (C->s[e] == ' ' || C->s[e] == '\t' || C->s[e] == '\r'))
    e++;
  if (e < C->len && C->s[e] != '\n') return r;
  r.a = a;
  r.b = i;
  return r;
}

/* A phrase that names no one: one word that is a weekday or month
** ("Thursday told"), a function word, or a bare lower-case word that is no
** plural noun ("came", "room"). Quantifiers speak ("one", "another"). */
static int junk_phrase(const ctx *C, np p) {
  size_t a = p.a;
  if (p.b - a > 1 && is_det(C, a)) a++;
  if (p.b - a != 1) return 0;
  const td_token *t = &C->tok[a];
  if (t->kind != TD_TOK_WORD) return 0;
  const char *w = C->s + t->start;
  size_t n = tl(t);
  if (is_quant(C, a) || td_lex_office(w, n) || td_lex_orgword(w, n)) return 0;
  if (td_lex_weekday(w, n) >= 0 || (td_lex_month(w, n) && n > 3) || td_lex_stopword(w, n) ||
      td_lex_name_joiner(w, n))
    return 1;
  if (!t->upper && a == p.a) return !(n > 3 && w[n - 1] == 's' && w[n - 2] != 's');
  return 0;
}

/* Copy s[a..b) with white space collapsed and a leading determiner dropped. */
static char *phrase_copy(const ctx *C, np p) {
  size_t a = p.a;
  if (p.b - p.a > 1 && (word_is(C, a, "the") || word_is(C, a, "a") || word_is(C, a, "an"))) a++;
  size_t s = C->tok[a].start, e = C->tok[p.b - 1].end;
  char *d = td_malloc(e - s + 1);
  if (!d) return NULL;
  size_t j = 0;
  int sp = 0;
  for (size_t i = s; i < e; i++) {
    char c = C->s[i];
    if (is_space((unsigned char)c)) {
      sp = 1;
      continue;
    }
    if (sp && j) d[j++] = ' ';
    sp = 0;
    d[j++] = c;
  }
  d[j] = '\0';
  return d;
}

/* ------------------------------------------------------ attribution */

typedef struct attr {
  size_t cue_a, cue_b; /* token range of the cue, cue_a == cue_b when none */
  np who;
  int inherit; /* an -ing cue with no subject: the speaker of the quote before */
} attr;

/* Right context: tokens [a, b) after the closing mark. */
static attr attr_right(const ctx *C, size_t a, size_t b) {
  attr r;
  memset(&r, 0, sizeof r);
  while (a < b && C->tok[a].kind == TD_TOK_PUNCT && !tok_is_mark(C, a)) {
    char c = C->s[C->tok[a].start];
    if (c == '.' || c == '?' || c == '!') {
      /* “….” Then a new sentence: only "said X" right after may follow. */
      if (!(a + 1 < b && (cue_of(C, a + 1) & TD_CUE_VERB))) {
        if (!(a + 2 < b && (cue_of(C, a + 2) & TD_CUE_VERB))) return r;
      }
    }
    a++;
  }
  if (a >= b) return r;
  if (b - a > CTX_TOKENS) b = a + CTX_TOKENS;
  /* Inverted: “…,” said Mr Putin. */
  int c0 = cue_of(C, a);
  if (c0 & TD_CUE_VERB && !(c0 & TD_CUE_ING)) {
    np p = np_after(C, a, b);
    if (p.a < p.b) {
      r.cue_a = a;
      r.cue_b = a + 1;
      r.who = p;
      return r;
    }
  }
  if (word_is(C, a, "according") && word_is(C, a + 1, "to")) {
    r.cue_a = a;
    r.cue_b = a + 2;
    r.who = np_after(C, a + 1, b);
    return r;
  }
  /* Subject then cue: “…,” the Russian President told reporters. */
  for (size_t i = a; i < b && i - a < 12; i++) {
    if (punct_is(C, i, '(')) { /* "Sen. Jo Park (D-Ore.) said" */
      size_t k = i + 1;
      while (k < b && k - i < 10 && !punct_is(C, k, ')'))
        k++;
      if (k < b && punct_is(C, k, ')')) {
        i = k;
        continue;
      }
    }
    if (C->tok[i].kind == TD_TOK_PUNCT && !punct_is(C, i, ',') && !punct_is(C, i, '.')) break;
    if (tok_is_mark(C, i)) break;
    if (punct_is(C, i, '.') && !(i > a && tl(&C->tok[i - 1]) <= 3)) break;
    if (word_is(C, i, "quoted")) { /* the statement quoted Putin as saying */
      np p = np_after(C, i, b);
      if (p.a < p.b) {
        r.cue_a = i;
        r.cue_b = p.b;
        if (word_is(C, p.b, "as") && (cue_of(C, p.b + 1) & TD_CUE_VERB)) r.cue_b = p.b + 2;
        r.who = p;
        return r;
      }
    }
    int c = cue_of(C, i);
    if (!(c & (TD_CUE_VERB | TD_CUE_WEAK)) || (c & TD_CUE_ING)) continue;
    if (c & TD_CUE_WEAK && i > a + NP_MAX) break;
    np p = np_before(C, a, i);
    /* “We are happy” about the decision, said Jo Park. (Not "Jo Park, 58,
    ** told AFP": there the subject stands before the commas.) */
    if (p.a >= p.b && i > a && punct_is(C, i - 1, ',') && (c & TD_CUE_VERB)) {
      np q = np_after(C, i, b);
      if (q.a < q.b) {
        r.cue_a = i;
        r.cue_b = i + 1;
        r.who = q;
        return r;
      }
    }
    if (p.a < p.b) {
      r.cue_a = i;
      r.cue_b = i + 1;
      r.who = p;
    }
    return r;
  }
  return r;
}

/* Left context: tokens [a, b) before the opening mark. */
static attr attr_left(const ctx *C, size_t a, size_t b) {
  attr r;
  memset(&r, 0, sizeof r);
  if (b > a + CTX_TOKENS) a = b - CTX_TOKENS;
  for (size_t i = b; i > a; i--) {
    size_t t = i - 1;
    if (tok_is_mark(C, t)) break;
    if (word_is(C, t, "according") && word_is(C, t + 1, "to")) {
      np p = np_after(C, t + 1, b);
      if (p.a < p.b) {
        r.cue_a = t;
        r.cue_b = t + 2;
        r.who = p;
        return r;
      }
    }
    if (word_is(C, t, "quoted")) {
      np p = np_after(C, t, b);
      if (p.a < p.b) {
        r.cue_a = t;
        r.cue_b = p.b;
        r.who = p;
        return r;
      }
    }
    int c = cue_of(C, t);
    if (!(c & (TD_CUE_VERB | TD_CUE_WEAK))) continue;
    /* "his hopes", "the statement", "a report": a noun, not a cue. */
    if (t > a && is_det(C, t - 1)) continue;
    if ((c & TD_CUE_ING) && t > a + 1 && word_is(C, t - 1, "as")) {
      /* "the statement quoted Reyl as saying, “…”" */
      for (size_t k = t - 1; k > a && t - k < 10; k--)
        if (word_is(C, k - 1, "quoted")) {
          np p = np_after(C, k - 1, t - 1);
          if (p.a < p.b) {
            r.cue_a = k - 1;
            r.cue_b = t + 1;
            r.who = p;
            return r;
          }
        }
    }
    if (c & TD_CUE_ING) {
      /* "…, he said, adding, “…”" / "…, saying “…”": the subject is that of
      ** an earlier cue, or of the quote before. */
      size_t k = t;
      while (k > a && !(cue_of(C, k - 1) & (TD_CUE_VERB | TD_CUE_WEAK)))
        k--;
      if (k > a && !(cue_of(C, k - 1) & TD_CUE_ING)) {
        np p = np_before(C, a, k - 1);
        if (p.a < p.b) {
          r.cue_a = t;
          r.cue_b = t + 1;
          r.who = p;
          return r;
        }
      }
      np p = np_before(C, a, t);
      r.cue_a = t;
      r.cue_b = t + 1;
      if (p.a < p.b && C->tok[p.b - 1].end + 3 >= C->tok[t].start)
        r.who = p;
      else
        r.inherit = 1;
      return r;
    }
    np p = np_before(C, a, t);
    /* Inverted at the sentence's start: "Said Jo Park, “…”", "Added Park:". */
    if (p.a >= p.b && !(c & TD_CUE_ING) && (t == a || punct_is(C, t - 1, '.')))
      p = np_after(C, t, b);
    r.cue_a = t;
    r.cue_b = t + 1;
    r.who = p;
    if (p.a >= p.b) r.inherit = 1;
    return r;
  }
  return r;
}

/* Prepositions and subordinators that open a phrase before the subject. */
static int intro_word(const ctx *C, size_t i) {
  static const char *const w[] = {
      "after", "although",  "as",      "at",    "because",  "before",  "despite", "during",
      "for",   "following", "if",      "in",    "on",       "since",   "though",  "when",
      "while", "with",      "without", "asked", "speaking", "earlier", "later",   NULL};
  for (size_t k = 0; w[k]; k++)
    if (word_is(C, i, w[k])) return 1;
  return 0;
}

/* The subject of a clause whose cue has none next to it ("He began by
** saying, “…”", "Carson told his supporters, “…”", "She then addressed the
** crowd: “…”"): a pronoun opening the context, else the first person or
** organisation named in tokens [a, b) outside quotes. */
static np clause_subject(const ctx *C, size_t a, size_t b) {
  np r = {0, 0};
  if (a >= b) return r;
  size_t i = a;
  while (i < b && (C->tok[i].kind == TD_TOK_PUNCT || word_is(C, i, "and") || word_is(C, i, "but") ||
                   word_is(C, i, "then") || word_is(C, i, "so")))
    i++;
  /* An opening phrase ("In a statement released Thursday, Rep. Jo Park
  ** reacted, saying: …", "When Wallace died, Clinton released …") is not
  ** the subject: start after its comma. */
  if (i < b && C->tok[i].kind == TD_TOK_WORD && intro_word(C, i)) {
    size_t k = i + 1;
    while (k < b && k - i < 16 && !punct_is(C, k, ','))
      k++;
    if (k < b && punct_is(C, k, ',') && k + 1 < b) i = k + 1;
  }
  if (i < b && C->tok[i].kind == TD_TOK_WORD) {
    int pr = td_lex_pronoun(C->s + C->tok[i].start, tl(&C->tok[i]));
    if (pr == 'm' || pr == 'f' || pr == 'p') {
      r.a = i;
      r.b = i + 1;
      return r;
    }
  }
  if (!C->ents || i >= b) return r;
  /* The phrase opening the clause, when it names someone: "The Russian
  ** President also addressed …, promising “…”". */
  size_t j = i;
  int det = 0;
  while (j < b && j - i < NP_MAX) {
    if (is_det(C, j) && j == i) {
      det = 1;
      j++;
      continue;
    }
    if (C->tok[j].kind == TD_TOK_PUNCT && C->s[C->tok[j].start] == '.' && j > i &&
        td_lex_honorific(C->s + C->tok[j - 1].start, tl(&C->tok[j - 1]))) {
      j++;
      continue;
    }
    if (C->tok[j].kind != TD_TOK_WORD) break;
    int w = np_word(C, j);
    if (!w || (w == 2 && !det)) break;
    j++;
  }
  if (j > i) {
    np p = {i, j};
    if (np_entity(C, p, C->tok[i].start) >= 0) return p;
    /* "The Russian President" naming no one by title: the description is
    ** the subject still (resolved to the speaker before it, or shown). */
    if (det && word_is(C, i, "the"))
      for (size_t t = i + 1; t < j; t++)
        if (td_lex_office(C->s + C->tok[t].start, tl(&C->tok[t]))) return p;
  }
  /* Else a name among the clause's first words (its subject, after an
  ** adverb or a title the lexicon lacks). */
  size_t lo = C->tok[i].start, hi = C->tok[b - 1].end;
  if (i + 4 < b) hi = C->tok[i + 4].end;
  size_t m = td_entity_mention_after(C->ents, lo);
  for (size_t k = 0; m < C->ents->nmentions && k < 16; m++, k++) {
    const td_mention *M = &C->ents->mentions[m];
    if (M->start >= hi) break;
    if (inside_quote(C, M->start)) continue;
    int kind = C->ents->ents[M->entity].kind;
    if (kind != TD_ENT_PERSON && kind != TD_ENT_ORG) continue;
    size_t ta = tok_at(C, M->start), tb = tok_at(C, M->end);
    if (ta < tb && tb <= b) {
      r.a = ta;
      r.b = tb;
    }
    return r;
  }
  return r;
}

static void set_speaker(ctx *C, td_quote *q, const attr *A) {
  if (A->cue_a < A->cue_b) {
    q->cue_start = C->tok[A->cue_a].start;
    q->cue_end = C->tok[A->cue_b - 1].end;
  }
  if (A->who.a < A->who.b) {
    q->speaker_start = C->tok[A->who.a].start;
    q->speaker_end = C->tok[A->who.b - 1].end;
  }
}

/* Do text[a..b) hold whole sentences: a capital first, sentence-final
** punctuation last (or inside, before another capital), six words or more? */
static int whole_sentences(const char *s, size_t a, size_t b) {
  if (b <= a || !(s[a] >= 'A' && s[a] <= 'Z')) return 0;
  size_t words = 0, end = 0;
  for (size_t i = a; i < b; i++) {
    if (i > a && is_space((unsigned char)s[i]) && !is_space((unsigned char)s[i - 1])) words++;
    if ((s[i] == '.' || s[i] == '?' || s[i] == '!') &&
        (i + 1 == b || (i + 2 < b && s[i + 1] == ' ' && s[i + 2] >= 'A' && s[i + 2] <= 'Z')))
      end = 1;
  }
  return end && words + 1 >= 6;
}

/* Words that make what follows a clause of the sentence around it. */
static int subordinator(const ctx *C, size_t i) {
  static const char *const w[] = {"that",     "if",     "because", "whether", "when",  "while",
                                  "although", "though", "than",    "as",      "since", "unless",
                                  "until",    "where",  "which",   "who",     "what",  NULL};
  for (size_t k = 0; w[k]; k++)
    if (word_is(C, i, w[k])) return 1;
  return 0;
}

/* Does a subordinator stand among the last words before token b (not
** before token lo, nor across punctuation): "says if elected “…”"? */
static int subordinate(const ctx *C, size_t lo, size_t b) {
  for (size_t t = b; t > lo && b - t < 4; t--) {
    if (C->tok[t - 1].kind != TD_TOK_WORD) return 0;
    if (subordinator(C, t - 1)) return 1;
  }
  return 0;
}

/* Is the sentence before token b (from token lo) reported speech that
** goes on into the quote: a cue followed by "that" ("argued that in any
** talks, “we will …”")? */
static int clause_after_that(const ctx *C, size_t lo, size_t b) {
  for (size_t t = b; t > lo && b - t < 20; t--) {
    if (word_is(C, t - 1, "that") && t - 1 > lo && (cue_of(C, t - 2) & (TD_CUE_VERB | TD_CUE_WEAK)))
      return 1;
    if (punct_is(C, t - 1, '.') || tok_is_mark(C, t - 1)) return 0;
  }
  return 0;
}

/* Is text[a..b) a clause that ends its sentence: four words or more, and
** sentence-final punctuation as its last character or right after the
** closing mark? ("says “we worked hard to keep it.”") */
static int quoted_clause(const char *s, size_t len, size_t a, size_t b) {
  size_t words = 1;
  for (size_t i = a + 1; i < b; i++)
    if (is_space((unsigned char)s[i]) && !is_space((unsigned char)s[i - 1])) words++;
  if (words < 4 || b <= a) return 0;
  char last = s[b - 1];
  if (last == '.' || last == '?' || last == '!') return 1;
  size_t ml, k = b;
  if (k < len && mark_at(s, len, k, &ml) != M_NONE) k += ml;
  return k < len && (s[k] == '.' || s[k] == '?' || s[k] == '!');
}

/* Are there at most n words in s[a..b)? */
static int few_words(const char *s, size_t a, size_t b, size_t n) {
  size_t words = 0;
  for (size_t i = a; i < b; i++)
    if (!is_space((unsigned char)s[i]) && (i == a || is_space((unsigned char)s[i - 1])))
      if (++words > n) return 0;
  return 1;
}

/* ------------------------------------------------------ the driver */

int td_quotes_extract(const char *text, size_t len, const td_entity_set *ents, td_quote **out,
                      size_t *n) {
  *out = NULL;
  *n = 0;
  qv Q = {0};
  td_token *tok = NULL;
  td_span *sen = NULL;
  int rc = TD_ENOMEM;
  if (pair_marks(text, len, &Q) || compact(&Q)) goto done;
  if (!Q.n) {
    rc = TD_OK;
    goto done;
  }
  size_t ntok = td_tokenize(text, len, &tok);
  if (ntok == (size_t)-1) goto done;
  size_t nsen = td_sentences(text, len, &sen);
  if (nsen == (size_t)-1) goto done;
  ctx C = {text, len, tok, ntok, sen, nsen, ents, Q.v, Q.n};

  long last_speaker = -1; /* entity of the last attributed quote     */
  long last_top = -1;     /* the last quote that is not nested        */
  long last_stmt = -1;    /* the last one that is not partial either  */
  for (size_t i = 0; i < Q.n; i++) {
    td_quote *q = &Q.v[i];
    if (q->kind == TD_QUOTE_NESTED) continue;
    /* Context bounds: the sentence around the quote, cut at neighbouring quotes. */
    size_t open_at = q->start, close_at = q->end;
    size_t mark_len = 0;
    for (size_t k = q->start; k > 0 && k + 3 >= q->start; k--) {
      size_t ml;
      if (mark_at(text, len, k - 1, &ml) != M_NONE && k - 1 + ml == q->start) {
        mark_len = ml;
        break;
      }
    }
    open_at = q->start - mark_len;
    size_t cl = 0;
    if (close_at < len) mark_at(text, len, close_at, &cl);
    close_at = q->end + cl;

    size_t sl = nsen ? sen_at(&C, open_at) : 0, sr = nsen ? sen_at(&C, q->end) : 0;
    size_t left_lo = nsen ? sen[sl].start : 0;
    size_t right_hi = nsen ? sen[sr].end : len;
    if (right_hi < close_at) right_hi = close_at;
    /* “… at home.” Trump said. — the splitter ends the sentence at the mark;
    ** the attribution is in the sentence after it. */
    if (nsen && right_hi <= close_at + 1) {
      size_t k = close_at;
      while (k < len && (text[k] == ' ' || text[k] == '\t'))
        k++;
      /* The splitter may also cut at "Sen." there: take the line, which the
      ** window and the paragraph edge below bound. */
      if (k < len && text[k] != '\n') right_hi = len;
    }
    /* A bounded window, so one endless sentence costs no more than many. */
    if (open_at > CTX_BYTES && left_lo < open_at - CTX_BYTES) left_lo = open_at - CTX_BYTES;
    if (right_hi > close_at + CTX_BYTES) right_hi = close_at + CTX_BYTES;
    /* Paragraph edges bound the context too. */
    for (size_t k = open_at; k > left_lo; k--)
      if (text[k - 1] == '\n') {
        left_lo = k;
        break;
      }
    for (size_t k = close_at; k < right_hi; k++)
      if (text[k] == '\n') {
        right_hi = k;
        break;
      }
    int same_sentence_prev = 0;
    if (last_top >= 0) {
      size_t pe = Q.v[last_top].end;
      if (pe + 3 >= left_lo && pe <= open_at) {
        if (pe >= left_lo) same_sentence_prev = 1;
        if (pe > left_lo) left_lo = pe;
      }
    }
    for (size_t k = i + 1; k < Q.n; k++) {
      if (Q.v[k].kind == TD_QUOTE_NESTED) continue;
      if (Q.v[k].start < right_hi) right_hi = Q.v[k].start > 3 ? Q.v[k].start - 1 : 0;
      break;
    }
    if (right_hi < close_at) right_hi = close_at;
    size_t la = tok_at(&C, left_lo), lb = tok_at(&C, open_at);
    size_t ra = tok_at(&C, close_at), rb = tok_at(&C, right_hi);

    /* The kind, from what comes right before the opening mark. */
    if (q->kind != TD_QUOTE_CONTINUED) {
      size_t k = open_at;
      while (k > left_lo && is_space((unsigned char)text[k - 1]))
        k--;
      char before = k > left_lo ? text[k - 1] : '\n';
      unsigned char first = (unsigned char)text[q->start];
      int lower_start = first >= 'a' && first <= 'z';
      int word_before = lb > la && tok[lb - 1].kind == TD_TOK_WORD;
      if (before == ':')
        q->kind = TD_QUOTE_COLON;
      else if (k == left_lo && left_lo > 0 && !same_sentence_prev) {
        /* A quote opening a paragraph after "X said:" is colon-introduced. */
        size_t m = left_lo;
        while (m > 0 && is_space((unsigned char)text[m - 1]))
          m--;
        q->kind = (m > 0 && text[m - 1] == ':') ? TD_QUOTE_COLON : TD_QUOTE_DIRECT;
      } else if (word_before &&
                 (lower_start || !(cue_of(&C, lb - 1) & (TD_CUE_VERB | TD_CUE_WEAK))))
        q->kind = TD_QUOTE_PARTIAL;
      else if (lower_start && before != ',' && before != '\n' && !same_sentence_prev &&
               k != left_lo)
        q->kind = TD_QUOTE_PARTIAL;
      else if (lower_start && before == ',' && !same_sentence_prev && clause_after_that(&C, la, lb))
        q->kind = TD_QUOTE_PARTIAL;
      else
        q->kind = q->parent == -1 && q->end - q->start < 3 ? TD_QUOTE_PARTIAL : q->kind;
      /* Whole sentences after a word ("argues that “Only Jo can win. The
      ** math works.”") are a direct quote, not a phrase; not after a word
      ** that makes them a clause of the sentence around ("says if elected
      ** “I will …”", "because “…”"): that is reported speech with quoted
      ** words. A clause right after a speech verb ("He says “we worked
      ** hard to …”") is the speaker's words too. */
      if (q->kind == TD_QUOTE_PARTIAL && word_before && !subordinate(&C, la, lb) &&
          (whole_sentences(text, q->start, q->end) ||
           ((cue_of(&C, lb - 1) & TD_CUE_VERB) && !(cue_of(&C, lb - 1) & TD_CUE_NOUN) &&
            quoted_clause(text, len, q->start, q->end))))
        q->kind = TD_QUOTE_DIRECT;
    }

    /* A quote opening its paragraph after "he declared:" at the end of the
    ** one before: the left context is that sentence, up to its colon. */
    size_t colon_tok = (size_t)-1;
    if (q->kind == TD_QUOTE_COLON && lb == la && lb > 0 && punct_is(&C, lb - 1, ':') && nsen &&
        (last_top < 0 || Q.v[last_top].end <= tok[lb - 1].start)) {
      size_t cs = sen_at(&C, tok[lb - 1].start);
      size_t from = tok_at(&C, sen[cs].start);
      if (lb - 1 - from > CTX_TOKENS) from = lb - 1 - CTX_TOKENS;
      if (last_top >= 0 && from < tok_at(&C, Q.v[last_top].end))
        from = tok_at(&C, Q.v[last_top].end);
      colon_tok = lb - 1;
      la = from;
      lb = lb - 1;
    } else if (q->kind == TD_QUOTE_COLON && lb > la && punct_is(&C, lb - 1, ':')) {
      colon_tok = lb - 1;
      lb--;
    }
    attr L = attr_left(&C, la, lb), R = attr_right(&C, ra, rb);
    /* No cue: "Philip Bump: “…”", "CLINTON: …" — a name right before the
    ** colon is the speaker (the colon stands for the cue). */
    if (colon_tok != (size_t)-1 && L.cue_a == L.cue_b && !(R.cue_a < R.cue_b) && lb > la) {
      np p = np_before(&C, la, lb);
      if (p.a < p.b && p.b == lb && C.tok[p.a].upper && np_entity(&C, p, tok[p.a].start) >= 0) {
        L.cue_a = colon_tok;
        L.cue_b = colon_tok + 1;
        L.who = p;
      }
    }
    /* A left cue with no subject next to it, or a colon with no cue: the
    ** clause's subject. Not for “A,” he said, adding, “B”: that is A's. */
    if (!same_sentence_prev && !(R.cue_a < R.cue_b && R.who.a < R.who.b)) {
      if (L.cue_a < L.cue_b && L.who.a == L.who.b && lb - L.cue_b <= 6) {
        np p = clause_subject(&C, la, L.cue_a);
        if (p.a < p.b) {
          L.who = p;
          L.inherit = 0;
        }
      } else if (L.cue_a == L.cue_b && colon_tok != (size_t)-1) {
        np p = clause_subject(&C, la, colon_tok);
        if (p.a < p.b) {
          L.cue_a = colon_tok;
          L.cue_b = colon_tok + 1;
          L.who = p;
        }
      }
    }
    /* “…” right after a sentence of the same paragraph that ends with its cue
    ** ("Jo Park agreed. “…”", "…, Phil Musser says. “…”"): its subject. */
    if (L.cue_a == L.cue_b && !(R.cue_a < R.cue_b && R.who.a < R.who.b) &&
        q->kind != TD_QUOTE_PARTIAL && lb >= 3 && lb == la && punct_is(&C, lb - 1, '.') &&
        (last_top < 0 || Q.v[last_top].end <= tok[lb - 2].start)) {
      int c = cue_of(&C, lb - 2);
      int same_para = 1;
      for (size_t t = tok[lb - 2].start; t < open_at; t++)
        if (text[t] == '\n') same_para = 0;
      /* Not the cue of the quote before: “A,” he said. “B.” goes on with A. */
      if (last_top >= 0 && Q.v[last_top].cue_end == tok[lb - 2].end) same_para = 0;
      if (same_para && (c & TD_CUE_VERB) && !(c & TD_CUE_ING)) {
        size_t from = nsen ? tok_at(&C, sen[sen_at(&C, tok[lb - 2].start)].start) : 0;
        if (last_top >= 0 && from < tok_at(&C, Q.v[last_top].end))
          from = tok_at(&C, Q.v[last_top].end);
        np p = np_before(&C, from, lb - 2);
        if (p.a < p.b) {
          L.cue_a = lb - 2;
          L.cue_b = lb - 1;
          L.who = p;
          lb = lb - 1; /* so that the cue counts as near */
        }
      }
    }
    int left_near = L.cue_a < L.cue_b && lb - L.cue_b <= 6;
    const attr *A = NULL;
    /* A cue right after the closing mark names the speaker of these words
    ** even when a clause before introduced them: `Trump seemed to suggest
    ** it: “…,” he told the Times.` */
    int right_near =
        R.cue_a < R.cue_b && R.who.a < R.who.b && R.cue_a <= ra + 3 && R.who.a <= ra + 4;
    if ((q->kind == TD_QUOTE_PARTIAL || q->kind == TD_QUOTE_COLON) && right_near &&
        !(q->kind == TD_QUOTE_PARTIAL && lb > la && tok[lb - 1].kind == TD_TOK_WORD))
      A = &R;
    else if (q->kind == TD_QUOTE_PARTIAL || q->kind == TD_QUOTE_COLON)
      A = (L.cue_a < L.cue_b) ? &L : (R.cue_a < R.cue_b ? &R : NULL);
    else if (left_near && (L.who.a < L.who.b || L.inherit))
      A = &L;
    else
      A = (R.cue_a < R.cue_b && R.who.a < R.who.b) ? &R : (L.cue_a < L.cue_b ? &L : NULL);

    long ent = -1;
    char *name = NULL;
    int have = 0;
    if (A) {
      set_speaker(&C, q, A);
      if (A->who.a < A->who.b) {
        have = 1;
        size_t wt = A->who.a;
        int pr = A->who.b - A->who.a == 1 && tok[wt].kind == TD_TOK_WORD
                     ? td_lex_pronoun(text + tok[wt].start, tl(&tok[wt]))
                     : 0;
        if (pr == 'm' || pr == 'f' || pr == 'n' || pr == 'p')
          ent = resolve_pronoun(&C, tok[wt].start, pr, last_speaker);
        else if (pr == 'i')
          ent = -1; /* the writer, or the speaker of the quote before */
        else {
          ent = np_entity(&C, A->who, tok[wt].start);
          if (ent < 0) ent = description_of_last(&C, A->who, last_speaker);
        }
        if (ent < 0 && !pr && !junk_phrase(&C, A->who)) {
          name = phrase_copy(&C, A->who);
          if (!name) goto done;
        } else if (ent < 0 && !pr) {
          q->speaker_start = q->speaker_end = 0; /* "Thursday", "Outside", "came" */
          have = 0;
        }
      } else if (A->inherit && last_top >= 0 && same_sentence_prev) {
        ent = Q.v[last_top].entity;
        if (Q.v[last_top].speaker_end > Q.v[last_top].speaker_start) {
          q->speaker_start = Q.v[last_top].speaker_start;
          q->speaker_end = Q.v[last_top].speaker_end;
        }
        have = 1;
      }
    }
    /* “…” — Jo Park. / “…”\n\n- Sanders. : a dash and a name after it. */
    if (!have && q->kind != TD_QUOTE_PARTIAL) {
      np p = dash_source(&C, close_at);
      if (p.a < p.b) {
        q->speaker_start = tok[p.a].start;
        q->speaker_end = tok[p.b - 1].end;
        ent = np_entity(&C, p, tok[p.a].start);
        if (ent < 0) {
          name = phrase_copy(&C, p);
          if (!name) goto done;
        }
        have = 1;
      }
    }
    /* An interrupted statement: “A,” he said, “B.” */
    if (same_sentence_prev && last_top >= 0 && q->kind != TD_QUOTE_PARTIAL &&
        Q.v[last_top].kind != TD_QUOTE_PARTIAL && A == &L)
      q->prev = last_top;
    /* No cue at all: the second part of an interrupted quote, a quote of its
    ** own paragraph after another speaker's quote, or a continuation. */
    /* A partial quote inside the attribution ("he told CNN's “State of the
    ** Union”") does not end the statement before it. */
    long pt = last_top;
    if (pt >= 0 && Q.v[pt].kind == TD_QUOTE_PARTIAL && last_stmt >= 0 &&
        open_at - Q.v[last_stmt].end <= CTX_BYTES) { /* bounded: many partials cost no more */
      int same_para = 1;
      for (size_t t = Q.v[last_stmt].end; t < open_at && same_para; t++)
        if (text[t] == '\n') same_para = 0;
      if (same_para) pt = last_stmt;
    }
    if (!have && pt >= 0) {
      const td_quote *pq = &Q.v[pt];
      /* “A,” he said. “B.” — B goes on with the statement of A when only A's
      ** attribution stands between them in one paragraph. */
      int same_para = pq->end <= open_at;
      for (size_t t = pq->end; t < open_at && same_para; t++)
        if (text[t] == '\n') same_para = 0;
      if (same_para && q->kind != TD_QUOTE_PARTIAL && pq->kind != TD_QUOTE_PARTIAL &&
          (pq->cue_end <= open_at) && (pq->cue_end > pq->end || open_at - pq->end < 8) &&
          q->prev < 0)
        q->prev = pt;
      int whole_para = q->kind == TD_QUOTE_CONTINUED || same_sentence_prev || q->prev == pt;
      if (!whole_para && q->kind != TD_QUOTE_PARTIAL) {
        size_t k = open_at;
        while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '\t'))
          k--;
        size_t m = close_at;
        while (m < len && m < close_at + 4 && text[m] != '\n' &&
               !is_alnum_byte((unsigned char)text[m]))
          m++;
        whole_para = (k == 0 || text[k - 1] == '\n') && (m >= len || text[m] == '\n');
        /* The quote before must be close: this paragraph or the one before. */
        size_t breaks = 0;
        for (size_t t = pq->end; t < open_at && breaks < 4; t++)
          if (text[t] == '\n' && t + 1 < len && text[t + 1] != '\n') breaks++;
        if (breaks > 1) whole_para = 0;
      }
      if (whole_para && (pq->entity >= 0 || pq->speaker || pq->speaker_end > pq->speaker_start)) {
        ent = pq->entity;
        if (pq->speaker_end > pq->speaker_start) {
          q->speaker_start = pq->speaker_start;
          q->speaker_end = pq->speaker_end;
        }
        if (ent < 0 && pq->speaker) {
          name = td_strdup(pq->speaker);
          if (!name) goto done;
        }
        /* A paragraph of quote alone after the speaker's quote goes on with
        ** that statement (news splits a long statement this way). */
        if (q->prev < 0 && (q->kind == TD_QUOTE_CONTINUED ||
                            (q->kind != TD_QUOTE_PARTIAL && pq->kind != TD_QUOTE_PARTIAL)))
          q->prev = pt;
      }
    }
    /* A few words in marks with no cue, no speaker and nothing they go on
    ** with are a name, a title, a slogan or a scare quote ("the “Made in
    ** China” plan", a show's name), not a statement anyone is reported to
    ** have made: kept, as partial quotes. A statement that long is almost
    ** always attributed in its sentence. */
    if (!have && ent < 0 && !name && q->prev < 0 && q->cue_end == q->cue_start &&
        q->kind == TD_QUOTE_DIRECT && few_words(text, q->start, q->end, SHORT_WORDS))
      q->kind = TD_QUOTE_PARTIAL;
    q->entity = ent;
    if (ent >= 0 && ents && ents->ents[ent].name) {
      td_free(name);
      name = td_strdup(ents->ents[ent].name);
      if (!name) goto done;
    }
    q->speaker = name;
    if (ent >= 0) last_speaker = ent;
    last_top = (long)i;
    if (q->kind != TD_QUOTE_PARTIAL) last_stmt = (long)i;
  }
  *out = Q.v;
  *n = Q.n;
  Q.v = NULL;
  Q.n = 0;
  rc = TD_OK;
done:
  td_quotes_free(Q.v, Q.n);
  td_free(tok);
  td_free(sen);
  return rc;
}

void td_quotes_free(td_quote *q, size_t n) {
  if (!q) return;
  for (size_t i = 0; i < n; i++)
    td_free(q[i].speaker);
  td_free(q);
}

const char *td_quote_kind_name(td_quote_kind k) {
  switch (k) {
  case TD_QUOTE_DIRECT:
    return "direct";
  case TD_QUOTE_PARTIAL:
    return "partial";
  case TD_QUOTE_COLON:
    return "colon";
  case TD_QUOTE_CONTINUED:
    return "continued";
  case TD_QUOTE_NESTED:
    return "nested";
  }
  return "direct";
}
