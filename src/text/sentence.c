/*
** sentence.c — the sentence splitter (normalise stage).
**
** Sentences are the unit of boilerplate removal (clean), sentence signatures
** (fingerprint), quote finding (extract) and cross-outlet alignment
** (synthesise), so the splitter's mistakes travel far. It is a rule-based
** splitter in the manner of Punkt's heuristics, without a trained model:
**
**  1. The text is cut into paragraphs at blank lines (and U+2029); a
**     paragraph break always ends a sentence.
**  2. Inside a paragraph a single newline ends a sentence (headlines, lists,
**     datelines, one-line paragraphs) unless the paragraph looks hard-wrapped:
**     some line break in it is followed by a lower-case letter or preceded by a
**     comma. In a wrapped paragraph a newline is a space, except after a short
**     line without final punctuation that is followed by a capital (a heading
**     on top of wrapped text).
**  3. A run of terminal marks (. ! ? … and their CJK, Arabic and Indic
**     forms) with any closing quotes and brackets after it is a candidate when
**     white space follows (CJK full stops need none). Whether it ends the
**     sentence depends on what comes next and on the word before a lone '.':
**     a lower-case continuation never starts a sentence ("Will we win?" she
**     asked); titles (Mr., Gen.) never end one; "No." and "p." before a digit,
**     months before a digit, "e.g.", "i.e." and "vs." neither; initials
**     (J. R. R. Tolkien), dotted acronyms (U.S., a.m.) and company suffixes
**     end one only before a word that usually starts sentences ("The", "He",
**     "But"). After a closing quote with ! or ?, a capitalised name followed by
**     a speech verb ("Why?" Smith asked.) continues the sentence.
**
** Everything is one forward pass with look-behind and look-ahead bounded by
** constants, so the time is linear in the input whatever its shape.
*/
#include "text/sentence.h"
#include "text/utf8.h"
#include "tidings.h"
#include "util/alloc.h"

#include <string.h>
#include <utf8proc.h>

/* ----------------------------------------------------------- characters */

/* Decode at s[p] (p < end); invalid bytes are one-byte code points -1. */
static size_t dec(const char *s, size_t end, size_t p, int32_t *cp) {
  unsigned char c = (unsigned char)s[p];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  int n = td_utf8_decode(s + p, end - p, cp);
  if (n < 0) {
    *cp = -1;
    return 1;
  }
  return (size_t)n;
}

/* Decode the code point that ends at s[p] (lo < p); returns its length. */
static size_t dec_back(const char *s, size_t lo, size_t p, int32_t *cp) {
  size_t q = p - 1;
  while (q > lo && p - q < 4 && ((unsigned char)s[q] & 0xC0) == 0x80)
    q--;
  if (dec(s, p, q, cp) == p - q) return p - q;
  *cp = (unsigned char)s[p - 1] < 0x80 ? (unsigned char)s[p - 1] : -1;
  return 1;
}

static int is_space(int32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r');
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
         cp == 0xFEFF;
}

/* Terminal marks that need no space after them. */
static int is_cjk_term(int32_t cp) {
  return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF61;
}

static int is_term(int32_t cp) {
  switch (cp) {
  case '.':
  case '!':
  case '?':
  case 0x2026: /* … */
  case 0x203C:
  case 0x2047:
  case 0x2048:
  case 0x2049: /* ‼ ⁇ ⁈ ⁉ */
  case 0x037E: /* Greek question mark */
  case 0x0589: /* Armenian full stop */
  case 0x061F: /* Arabic question mark */
  case 0x06D4: /* Urdu full stop */
  case 0x0964:
  case 0x0965: /* Devanagari danda */
  case 0x1362: /* Ethiopic full stop */
  case 0xFF0E: /* fullwidth full stop */
    return 1;
  default:
    return is_cjk_term(cp);
  }
}

static int is_quote_closer(int32_t cp) {
  return cp == '"' || cp == '\'' || cp == 0x2019 || cp == 0x201D || cp == 0x201C || cp == 0x2018 ||
         cp == 0x00BB || cp == 0x203A || cp == 0x300D || cp == 0x300F || cp == 0xFF02 ||
         cp == 0xFF07;
}

static int is_closer(int32_t cp) {
  return is_quote_closer(cp) || cp == ')' || cp == ']' || cp == '}' || cp == 0x3011 ||
         cp == 0x3009 || cp == 0x300B || cp == 0xFF09 || cp == 0xFF3D || cp == 0xFF5D;
}

static int is_opener(int32_t cp) {
  return cp == '"' || cp == '\'' || cp == '(' || cp == '[' || cp == '{' || cp == 0x201C ||
         cp == 0x2018 || cp == 0x201E || cp == 0x201A || cp == 0x00AB || cp == 0x2039 ||
         cp == 0x300C || cp == 0x300E || cp == 0x3010 || cp == 0x3008 || cp == 0x300A ||
         cp == 0xFF08 || cp == 0xFF3B || cp == 0x00BF || cp == 0x00A1 || cp == 0xFF02;
}

enum next { N_NONE, N_LOWER, N_UPPER, N_DIGIT, N_OTHER, N_CONT };

static enum next classify_next(int32_t cp) {
  if (cp < 0) return N_OTHER;
  if (cp >= 'a' && cp <= 'z') return N_LOWER;
  if (cp >= 'A' && cp <= 'Z') return N_UPPER;
  if (cp >= '0' && cp <= '9') return N_DIGIT;
  if (cp == ',' || cp == ';' || cp == ':') return N_CONT;
  if (cp < 0x80) return N_OTHER;
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_LL:
    return N_LOWER;
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LT:
    return N_UPPER;
  case UTF8PROC_CATEGORY_ND:
    return N_DIGIT;
  default:
    return N_OTHER;
  }
}

/* ------------------------------------------------------------- words */

static int ascii_lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Is s[0..n) one of the NULL-terminated `list` (lower-case), ignoring case? */
static int in_list(const char *s, size_t n, const char *const *list) {
  for (; *list; list++) {
    const char *w = *list;
    size_t i = 0;
    while (i < n && w[i] && ascii_lower((unsigned char)s[i]) == w[i])
      i++;
    if (i == n && !w[i]) return 1;
  }
  return 0;
}

/* Titles and honorifics: a name always follows. */
static const char *const titles[] = {
    "mr",   "mrs",  "ms",   "mx",     "dr",   "prof", "gen",  "sen",  "rep",  "gov",  "lt",  "col",
    "capt", "sgt",  "maj",  "adm",    "cmdr", "cdr",  "rev",  "hon",  "pres", "supt", "det", "insp",
    "fr",   "mt",   "ft",   "messrs", "mme",  "mlle", "brig", "cpl",  "pvt",  "atty", "amb", "sens",
    "reps", "gens", "govs", "lieut",  "msgr", "sra",  "srta", "dott", NULL};
/* Abbreviations that a number follows: "No. 10", "p. 5", "Art. 5". */
static const char *const numbered[] = {"no",   "nos", "art", "arts", "vol", "vols",
                                       "p",    "pp",  "fig", "figs", "ch",  "sec",
                                       "para", "pt",  "op",  "nr",   NULL};
static const char *const months[] = {"jan", "feb",  "mar", "apr", "jun", "jul", "aug",
                                     "sep", "sept", "oct", "nov", "dec", NULL};
/* Never at the end of a sentence. */
static const char *const nosplit[] = {"e.g", "i.e", "vs", "v", "cf", "viz", "approx", "ca", NULL};
/* Often inside, sometimes at the end: end only before a typical sentence start. */
static const char *const soft[] = {"inc", "ltd",  "co",   "corp", "jr",   "bros", "llc",  "plc",
                                   "ave", "blvd", "rd",   "st",   "dept", "est",  "univ", "assn",
                                   "al",  "govt", "intl", "natl", "jun",  NULL};
/* US state abbreviations (AP style), mostly in datelines: "ORLANDO, Fla." */
static const char *const states[] = {
    "ala",  "ariz", "ark",  "calif", "colo", "conn", "del",  "fla", "ga",   "ill", "ind", "kan",
    "kans", "ky",   "la",   "md",    "mass", "mich", "minn", "mo",  "mont", "neb", "nev", "okla",
    "ore",  "pa",   "tenn", "tex",   "vt",   "va",   "wash", "wis", "wyo",  NULL};
/* Words that start sentences far more often than they follow an abbreviation. */
static const char *const starters[] = {
    "the",          "an",       "he",      "she",     "it",        "its",      "they",
    "we",           "you",      "his",     "her",     "their",     "our",      "my",
    "your",         "this",     "that",    "these",   "those",     "there",    "then",
    "but",          "and",      "or",      "so",      "yet",       "in",       "on",
    "at",           "by",       "for",     "from",    "with",      "without",  "to",
    "of",           "as",       "if",      "when",    "while",     "after",    "before",
    "since",        "although", "though",  "however", "meanwhile", "also",     "still",
    "now",          "last",     "next",    "some",    "many",      "most",     "several",
    "all",          "both",     "each",    "every",   "not",       "what",     "why",
    "how",          "who",      "where",   "which",   "earlier",   "later",    "according",
    "under",        "despite",  "during",  "over",    "among",     "instead",  "yes",
    "other",        "such",     "here",    "thus",    "therefore", "moreover", "furthermore",
    "nevertheless", "indeed",   "another", "because", "until",     "unless",   "once",
    "perhaps",      "even",     "only",    "just",    "first",     "finally",  "today",
    "yesterday",    "tomorrow", "no",      "one",     "two",       NULL};
/* Speech verbs that may follow a quotation ending in ! or ?. */
static const char *const speech[] = {
    "said",         "says",      "asked",     "asks",      "added",     "adds",
    "told",         "tells",     "replied",   "replies",   "wrote",     "writes",
    "stated",       "states",    "explained", "explains",  "noted",     "notes",
    "declared",     "declares",  "insisted",  "insists",   "continued", "continues",
    "shouted",      "shouts",    "tweeted",   "posted",    "warned",    "warns",
    "cried",        "exclaimed", "demanded",  "demands",   "wondered",  "wonders",
    "answered",     "answers",   "recalled",  "recalls",   "argued",    "argues",
    "claimed",      "claims",    "responded", "responds",  "suggested", "suggests",
    "yelled",       "remarked",  "quipped",   "joked",     "admitted",  "admits",
    "acknowledged", "whispered", "screamed",  "pleaded",   "urged",     "urges",
    "announced",    "announces", "concluded", "countered", "laughed",   "sighed",
    "protested",    "demurred",  NULL};

/* A word of ASCII letters at s[p..end), at most `max` bytes: its length, or
** 0 when none starts there or it runs longer (such words are in no list). */
static size_t ascii_word(const char *s, size_t end, size_t p, size_t max) {
  size_t q = p;
  while (q < end && q - p <= max && ((s[q] >= 'a' && s[q] <= 'z') || (s[q] >= 'A' && s[q] <= 'Z')))
    q++;
  if (q - p > max) return 0;
  if (q < end && (unsigned char)s[q] >= 0x80) return 0; /* "Über" is not "ber" */
  return q - p;
}

static int is_starter(const char *s, size_t end, size_t p) {
  size_t n = ascii_word(s, end, p, 16);
  return n > 1 && in_list(s + p, n, starters); /* "A" and "I" may be initials */
}

enum abbr { A_NONE, A_TITLE, A_NUMBERED, A_MONTH, A_NOSPLIT, A_SOFT, A_INITIAL };

/* Classify the word w[0..n) that stands before a lone '.'. */
static enum abbr classify_word(const char *w, size_t n) {
  if (!n) return A_NONE;
  /* "ex-Gov." is a title like "Gov." */
  for (size_t i = n; i > 0; i--)
    if (w[i - 1] == '-') {
      w += i;
      n -= i;
      break;
    }
  if (!n) return A_NONE;
  int cap = w[0] >= 'A' && w[0] <= 'Z';
  if (n == 1 && cap) return A_INITIAL;
  if (n > 1) { /* a single upper-case letter in another script (В. В. Путин) */
    int32_t cp;
    int k = td_utf8_decode(w, n, &cp);
    if (k > 1 && (size_t)k == n && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU) return A_INITIAL;
  }
  if (n > 12) return A_NONE;
  if (cap && in_list(w, n, titles)) return A_TITLE;
  if (in_list(w, n, numbered)) return A_NUMBERED;
  if (cap && in_list(w, n, months)) return A_MONTH;
  if (in_list(w, n, nosplit)) return A_NOSPLIT;
  if (in_list(w, n, soft) || (cap && in_list(w, n, states))) return A_SOFT;
  /* Dotted acronyms: U.S, a.m, Ph.D, J.R.R — segments of one or two letters. */
  size_t seg = 0, segs = 1;
  for (size_t i = 0; i < n; i++) {
    if (w[i] == '.') {
      if (!seg) return A_NONE;
      seg = 0;
      segs++;
    } else if ((w[i] >= 'a' && w[i] <= 'z') || (w[i] >= 'A' && w[i] <= 'Z')) {
      if (++seg > 2) return A_NONE;
    } else {
      return A_NONE;
    }
  }
  return segs >= 2 && seg ? A_SOFT : A_NONE;
}

/* After a quotation that ends in ! or ?: up to four capitalised words, then
** a speech verb ("Why?" Mr. Smith asked.). Looks at most ~120 bytes ahead. */
static int attribution_follows(const char *s, size_t end, size_t p) {
  size_t lim = end - p > 120 ? p + 120 : end;
  for (int words = 0; words < 5 && p < lim; words++) {
    int32_t cp;
    size_t q = p, n = dec(s, lim, p, &cp);
    int lower = classify_next(cp) == N_LOWER, upper = classify_next(cp) == N_UPPER;
    if (!lower && !upper) return 0;
    if (lower) {
      size_t wl = ascii_word(s, lim, p, 14);
      return wl && in_list(s + p, wl, speech);
    }
    q += n;
    while (q < lim && s[q] != ' ' && s[q] != ',' && s[q] != '.' && s[q] != '"' && s[q] != '!' &&
           s[q] != '?' && s[q] != '\n')
      q++;
    if (q < lim && s[q] == '.') q++; /* "Mr." */
    if (q >= lim || s[q] != ' ') return 0;
    while (q < lim && s[q] == ' ')
      q++;
    p = q;
  }
  return 0;
}

/* ----------------------------------------------------------- splitter */

typedef struct splitter {
  const char *s;
  size_t len;
  td_span *v;
  size_t n, cap;
  size_t para_first; /* index of the current paragraph's first sentence */
  int oom;
} splitter;

static int has_alnum(const char *s, size_t a, size_t b) {
  int32_t cp;
  for (size_t p = a; p < b;) {
    p += dec(s, b, p, &cp);
    enum next k = classify_next(cp);
    if (k == N_LOWER || k == N_UPPER || k == N_DIGIT) return 1;
    if (cp >= 0x80 && utf8proc_category(cp) >= UTF8PROC_CATEGORY_LU &&
        utf8proc_category(cp) <= UTF8PROC_CATEGORY_NO)
      return 1;
  }
  return 0;
}

static void emit(splitter *sp, size_t a, size_t b) {
  int32_t cp;
  while (a < b) {
    size_t k = dec(sp->s, b, a, &cp);
    if (!is_space(cp)) break;
    a += k;
  }
  while (b > a) {
    size_t k = dec_back(sp->s, a, b, &cp);
    if (!is_space(cp)) break;
    b -= k;
  }
  if (a >= b || sp->oom) return;
  /* A line of nothing but closing marks (a quote mark left alone on its
  ** line) belongs to the sentence before it in the same paragraph. */
  if (b - a < 8 && sp->n > sp->para_first && !has_alnum(sp->s, a, b)) {
    sp->v[sp->n - 1].end = b;
    return;
  }
  if (sp->n == sp->cap) {
    size_t nc = sp->cap ? sp->cap * 2 : 32;
    td_span *p = td_realloc(sp->v, nc * sizeof *p);
    if (!p) {
      sp->oom = 1;
      return;
    }
    sp->v = p;
    sp->cap = nc;
  }
  sp->v[sp->n].start = a;
  sp->v[sp->n].end = b;
  sp->n++;
}

static int is_hspace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Does the paragraph s[a..b) look hard-wrapped? Also its longest line. */
static int is_wrapped(const char *s, size_t a, size_t b, size_t *maxline) {
  size_t q = a, line = a;
  int wrapped = 0;
  *maxline = 0;
  for (;;) {
    const char *nl = memchr(s + q, '\n', b - q);
    size_t e = nl ? (size_t)(nl - s) : b;
    if (e - line > *maxline) *maxline = e - line;
    if (!nl) break;
    size_t p = e, r = e + 1;
    while (p > line && is_hspace(s[p - 1]))
      p--;
    while (r < b && is_hspace(s[r]))
      r++;
    if (p > line && (s[p - 1] == ',' || s[p - 1] == ';')) wrapped = 1;
    if (r < b) {
      int32_t cp;
      dec(s, b, r, &cp);
      if (classify_next(cp) == N_LOWER) wrapped = 1;
    }
    q = line = r;
  }
  return wrapped;
}

/* In a wrapped paragraph, does the line break at nl end a sentence? Only
** after a short line without final punctuation, before a capital. */
static int heading_break(const char *s, size_t a, size_t b, size_t nl, size_t maxline) {
  size_t p = nl, ls = nl;
  while (ls > a && s[ls - 1] != '\n')
    ls--;
  while (p > ls && is_hspace(s[p - 1]))
    p--;
  if (p == ls || (nl - ls) * 2 > maxline) return 0;
  int32_t cp;
  dec_back(s, ls, p, &cp);
  if (is_term(cp) || is_closer(cp) || cp == ',' || cp == ';' || cp == ':' || cp == '-') return 0;
  size_t r = nl + 1;
  while (r < b && is_hspace(s[r]))
    r++;
  if (r >= b) return 0;
  dec(s, b, r, &cp);
  return classify_next(cp) == N_UPPER;
}

/* Does the candidate run s[i..j) (terminals and closers, white space after
** it) end the sentence? `b` is the paragraph end. */
static int ends_here(const char *s, size_t a, size_t b, size_t i, size_t j) {
  int ndots = 0, exq = 0, ellipsis = 0, quote = 0, closer = 0;
  int32_t cp, prev = 0;
  for (size_t p = i; p < j;) {
    p += dec(s, j, p, &cp);
    if (cp == '.') {
      ndots++;
      if (prev == '.') ellipsis = 1;
    } else if (cp == 0x2026) {
      ellipsis = 1;
    } else if (is_closer(cp)) {
      closer = 1;
      if (is_quote_closer(cp)) quote = 1;
    } else {
      exq = 1; /* ! ? and the other scripts' marks */
    }
    prev = cp;
  }

  /* What comes next: skip white space and opening quotes or brackets. */
  size_t k = j;
  while (k < b) {
    size_t n = dec(s, b, k, &cp);
    if (!is_space(cp)) break;
    k += n;
  }
  int32_t first = k < b ? cp : 0; /* before any opening quote or bracket */
  for (int opens = 0; k < b && opens < 8; opens++) {
    size_t n = dec(s, b, k, &cp);
    if (!is_opener(cp)) break;
    k += n;
  }
  if (k >= b) return 1;
  dec(s, b, k, &cp);
  enum next nx = classify_next(cp);
  if (nx == N_LOWER || nx == N_CONT) return 0;

  if (ellipsis) return nx != N_DIGIT;
  if (exq) return !(quote && nx == N_UPPER && attribution_follows(s, b, k));
  if (closer || ndots != 1) return 1;

  /* A lone '.': look at the word before it (bounded look-behind). */
  size_t w = i;
  while (w > a && i - w < 40) {
    size_t n = dec_back(s, a, w, &cp);
    if (is_space(cp) || (cp != '.' && (is_opener(cp) || is_closer(cp)))) break;
    w -= n;
  }
  if (i - w >= 40) return 1;
  switch (classify_word(s + w, i - w)) {
  case A_TITLE:
  case A_NOSPLIT:
    return 0;
  case A_NUMBERED:
    return nx != N_DIGIT;
  case A_MONTH:
    if (nx == N_DIGIT) return 0;
    return nx == N_UPPER ? is_starter(s, b, k) : 1;
  case A_SOFT:
    /* "ORLANDO, Fla. (Reuters) -", "Jupiter, Fla. — which": a dateline or
    ** an aside goes on. */
    if (first == '(' || first == '-' || first == 0x2013 || first == 0x2014) return 0;
    /* fall through */
  case A_INITIAL:
    if (nx == N_DIGIT) return 0;
    return nx == N_UPPER ? is_starter(s, b, k) : 1;
  case A_NONE:
  default:
    return 1;
  }
}

/* s[i..j) is one terminal mark with no space after it: is it the end of a
** sentence glued to the next one? Only between a lower-case word of three
** or more letters (no dots or digits in it, so not "U.S" or "bbc.co") and a
** capitalised word ("difference.Vladimir", "story?The"). */
static int glued(const char *s, size_t a, size_t b, size_t i, size_t j) {
  int32_t cp;
  if (j != i + 1 || !is_term((unsigned char)s[i])) return 0;
  size_t k = j + dec(s, b, j, &cp);
  if (classify_next(cp) != N_UPPER || k >= b) return 0;
  dec(s, b, k, &cp);
  if (classify_next(cp) != N_LOWER) return 0;
  size_t w = i, letters = 0;
  while (w > a && i - w < 40) {
    size_t n = dec_back(s, a, w, &cp);
    if (is_space(cp) || is_opener(cp)) break;
    if (classify_next(cp) == N_LOWER)
      letters++;
    else if (classify_next(cp) != N_UPPER || letters < 3)
      return 0;
    w -= n;
  }
  return letters >= 3;
}

static void split_paragraph(splitter *sp, size_t a, size_t b) {
  const char *s = sp->s;
  size_t maxline;
  int wrapped = is_wrapped(s, a, b, &maxline);
  sp->para_first = sp->n;
  size_t start = a, i = a;
  while (i < b) {
    unsigned char c = (unsigned char)s[i];
    int32_t cp;
    if (c == '\n') {
      if (!wrapped || heading_break(s, a, b, i, maxline)) {
        emit(sp, start, i);
        start = i + 1;
      }
      i++;
      continue;
    }
    if (c < 0x80 && c != '.' && c != '!' && c != '?') {
      i++;
      continue;
    }
    size_t n = dec(s, b, i, &cp);
    if (!is_term(cp)) {
      i += n;
      continue;
    }
    /* A run of terminal marks and closers: ?!  ."  …”)  。」 */
    size_t j = i;
    int cjk = 0;
    while (j < b) {
      size_t m = dec(s, b, j, &cp);
      if (is_cjk_term(cp))
        cjk = 1;
      else if (!is_term(cp) && !is_closer(cp))
        break;
      j += m;
    }
    if (j < b && !cjk) {
      dec(s, b, j, &cp);
      /* 3.5, U.S.A, Yahoo!Inc: not a candidate, unless two sentences were
      ** glued together when markup was stripped ("difference.Vladimir"). */
      if (!is_space(cp) && !glued(s, a, b, i, j)) {
        i = j;
        continue;
      }
    }
    if (cjk || j >= b || ends_here(s, a, b, i, j)) {
      emit(sp, start, j);
      start = j;
    }
    i = j;
  }
  emit(sp, start, b);
}

size_t td_sentences(const char *s, size_t len, td_span **out) {
  splitter sp = {s, s ? len : 0, NULL, 0, 0, 0, 0};
  size_t pos = 0;
  while (pos < sp.len) {
    /* Find the paragraph end: a blank line or U+2029. */
    size_t q = pos, pend = sp.len, next = sp.len;
    while (q < sp.len) {
      unsigned char c = (unsigned char)s[q];
      if (c == '\n') {
        size_t r = q + 1;
        while (r < sp.len && is_hspace(s[r]))
          r++;
        if (r < sp.len && s[r] == '\n') {
          pend = q;
          next = r + 1;
          break;
        }
        q = r;
      } else if (c == 0xE2 && q + 2 < sp.len && (unsigned char)s[q + 1] == 0x80 &&
                 (unsigned char)s[q + 2] == 0xA9) {
        pend = q;
        next = q + 3;
        break;
      } else {
        q++;
      }
    }
    split_paragraph(&sp, pos, pend);
    pos = next;
  }
  if (sp.oom) {
    td_free(sp.v);
    *out = NULL;
    return (size_t)-1;
  }
  *out = sp.v;
  return sp.n;
}

int td_sentence_lead(const char *s, size_t len, size_t max, char **out) {
  *out = NULL;
  td_span *sp = NULL;
  size_t n = td_sentences(s, len, &sp);
  if (n == (size_t)-1) return TD_ENOMEM;
  if (n == 0) {
    td_free(sp);
    return TD_OK;
  }
  const char *p = s + sp[0].start;
  size_t plen = sp[0].end - sp[0].start;
  td_free(sp);
  if (max < 8) max = 8;
  char *t = td_malloc((plen < max ? plen : max) + 4);
  if (!t) return TD_ENOMEM;
  size_t w = 0, cut = 0, ch = 0; /* cut: the end of the last whole word
                                   ** written; ch: where the last character
                                   ** written starts */
  int space = 0, cutoff = 0;
  size_t i_stop = 0;
  for (size_t i = 0; i < plen; i++) {
    unsigned char c = (unsigned char)p[i];
    i_stop = i;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = w > 0;
      continue;
    }
    if (space) {
      cut = w;
      if (w + 1 > max) {
        cutoff = 1;
        break;
      }
      t[w++] = ' ';
      space = 0;
    }
    if (w + 1 > max) {
      cutoff = 1;
      break;
    }
    if ((c & 0xC0) != 0x80) ch = w;
    t[w++] = (char)c;
  }
  if (cutoff) {
    if (cut == 0) /* one long word: cut it where a character starts */
      cut = ((unsigned char)p[i_stop] & 0xC0) == 0x80 ? ch : w;
    w = cut;
    memcpy(t + w, "\xE2\x80\xA6", 3);
    w += 3;
  }
  t[w] = '\0';
  *out = t;
  return TD_OK;
}
