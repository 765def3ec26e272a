/*
** quote.h — direct and partial quotes with their cue and speaker (extract stage).
**
** td_quotes_extract pairs quotation marks (straight, curly, „ « », and ‘ ’
** inside a quote or around a short phrase) paragraph by paragraph in one
** pass; a quote left open at a paragraph's end continues when the next
** paragraph opens with a mark. Each quote is then attributed from the words
** around it in its sentence: a speech cue from the lexicon ("said", "told",
** "according to", ...) and the noun phrase that is its subject ("Putin said",
** "said Mr Putin", "the Russian President told reporters"), or the person
** quoted by a source ("the statement quoted Putin as saying"), a name after
** a dash ("“…” — Jo Park") or before a colon. Pronouns go to the last
** compatible person (the subject of the sentence or of the ones before, else
** the last speaker); descriptions go to the person whose title agrees
** (entity.h), or with a nationality to the speaker named just before ("the
** top Russian diplomat" after Lavrov spoke). A speaker is reported by its
** canonical name.
**
** The same statement across outlets, in other words or another translation,
** is scored by td_quote_similar (quote_sim.c).
*/
#ifndef TD_EXTRACT_QUOTE_H
#define TD_EXTRACT_QUOTE_H

#include "extract/entity.h"

#include <stddef.h>

typedef enum td_quote_kind {
  TD_QUOTE_DIRECT = 1, /* a quoted sentence or clause: "…," he said        */
  TD_QUOTE_PARTIAL,    /* quoted words inside a sentence: called for "…",
                          or a few words in marks no one is said to speak
                          (a title, a slogan, a scare quote)              */
  TD_QUOTE_COLON,      /* introduced by a colon: Putin said: "…"           */
  TD_QUOTE_CONTINUED,  /* carried on from the paragraph before             */
  TD_QUOTE_NESTED      /* a quote inside a quote                           */
} td_quote_kind;

typedef struct td_quote {
  size_t start, end;                 /* the quoted words, marks excluded      */
  size_t cue_start, cue_end;         /* the cue; equal when there is none    */
  size_t speaker_start, speaker_end; /* the words naming the speaker at this
                                        quote ("he", "the Kremlin", "Mr
                                        Putin"); equal when none              */
  char *speaker;                     /* canonical name (owned), NULL if unknown */
  long entity;                       /* index into the entity set, or -1      */
  td_quote_kind kind;
  long prev;   /* the earlier part of the same statement (interrupted by its
                  cue, continued from the paragraph before, or a paragraph of
                  quote alone after the speaker's quote), or -1              */
  long parent; /* the enclosing quote of a nested one, or -1                 */
} td_quote;

/* Extract the quotes of text[0..len). `ents` (may be NULL) is the article's
** entity set from td_entities_extract, used to give speakers their canonical
** names. On success *out (caller frees with td_quotes_free) holds *n quotes
** in text order. Returns TD_OK or TD_ENOMEM. Time and memory are linear in
** len whatever the marks. */
int td_quotes_extract(const char *text, size_t len, const td_entity_set *ents, td_quote **out,
                      size_t *n);
void td_quotes_free(td_quote *q, size_t n); /* accepts NULL */

/* Kind names for output: "direct", "partial", "colon", "continued", "nested". */
const char *td_quote_kind_name(td_quote_kind k);

/* How alike two quotes are as renderings of one statement, in [0,1]: content
** words compared by stem (and by stem prefix, for translation variants such
** as "Russian-US"/"Russian-American"), measured against the shorter quote and
** the pair together; numbers and names present in both must agree. Stateless
** and thread-safe; use a td_quote_sig for many comparisons. */
double td_quote_similar(const char *a, size_t alen, const char *b, size_t blen);

/* Precomputed signature of one quote for repeated comparison. */
typedef struct td_quote_sig td_quote_sig;
/* NULL on OOM. `stemmer` may be NULL (English is made and dropped). */
struct td_stemmer;
td_quote_sig *td_quote_sig_new(const char *s, size_t len, struct td_stemmer *stemmer);
void td_quote_sig_free(td_quote_sig *sig); /* accepts NULL */
double td_quote_sig_similar(const td_quote_sig *a, const td_quote_sig *b);

/* Scores at or above this are the same statement. Calibrated on MSRP
** (tools/eval/paraphrase.c): accuracy is best and flat from 0.37 to 0.45
** (0.717-0.710 on held-out pairs) and 0.700 at 0.50. MSRP's pairs are two
** thirds paraphrases, which pulls its best threshold low; quotes across
** outlets are mostly not the same statement, and a wrong merge misleads a
** reader more than a missed variant, so we take the strict end, 0.50. */
#define TD_QUOTE_SAME 0.50

#endif
