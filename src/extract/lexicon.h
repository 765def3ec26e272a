/*
** lexicon.h — the word lists of the extract stage (internal to src/extract).
**
** Quote attribution and name finding are rules over a few closed classes of
** English words: speech cues ("said", "told", "according to"), pronouns,
** honorifics and titles, organisation words, months and weekdays, and the
** function words that start sentences without naming anything. The lists live
** in cues.c; the gazetteer of places (gazetteer.h) is generated separately.
** Every lookup takes (word, len), folds ASCII case itself, and never needs a
** terminator.
*/
#ifndef TD_EXTRACT_LEXICON_H
#define TD_EXTRACT_LEXICON_H

#include <stddef.h>

/* Speech cues. TD_CUE_VERB is a reporting verb in any form; the flags say
** how it can sit next to a quote. */
enum {
  TD_CUE_VERB = 1, /* said, told, added, wrote, urged ...              */
  TD_CUE_WEAK = 2, /* verbs that report only with a quote or "that"
                      next to them (called, described, hailed ...)     */
  TD_CUE_ING = 4,  /* saying, adding: continue a clause                 */
  TD_CUE_NOUN = 8  /* statement, interview, tweet: a source, not a verb */
};
int td_lex_cue(const char *w, size_t n);

/* Pronouns that can stand for a speaker: 'm' he/him/his, 'f' she/her,
** 'p' they, 'n' it, 'i' I/we; 0 when w is none of them. */
int td_lex_pronoun(const char *w, size_t n);

/* Honorifics before a name: 'm' (Mr, Sir, Lord ...), 'f' (Mrs, Ms, Queen ...),
** 'x' (Dr, Prof ...); 0 when none. A trailing '.' must not be included. */
int td_lex_honorific(const char *w, size_t n);

/* Office and role words that head a title ("President", "Minister",
** "spokesman", "Secretary-General"); 1 or 0. */
int td_lex_office(const char *w, size_t n);

/* Words that make a capitalised sequence an organisation ("Ministry",
** "Party", "Council", "News", "Kremlin"); 1 or 0. */
int td_lex_orgword(const char *w, size_t n);

/* Function words and frequent sentence openers that never start a name
** ("The", "But", "Earlier", "However"); 1 or 0. */
int td_lex_stopword(const char *w, size_t n);

/* Words that may join a name's parts: "al", "bin", "de", "van", "von",
** "of", "and" (inside organisation names), "bin"; 1 or 0. */
int td_lex_name_joiner(const char *w, size_t n);

/* 1..12 for a month name or its abbreviation, else 0. */
int td_lex_month(const char *w, size_t n);
/* 0..6 (Sunday = 0) for a weekday name, else -1. */
int td_lex_weekday(const char *w, size_t n);

/* Adverbs and auxiliaries that may sit between a subject and its cue
** ("also", "further", "has", "had", "then"); 1 or 0. */
int td_lex_filler(const char *w, size_t n);

/* ASCII lower-case copy of w into out (cap bytes, NUL-terminated); returns
** the length, or 0 when w does not fit or has a byte >= 0x80. */
size_t td_lex_lower(const char *w, size_t n, char *out, size_t cap);

#endif
