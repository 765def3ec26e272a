/*
** conflicts.h — where outlets disagree on a detail (synthesise stage).
**
** Reads the alignment model (align.h): sentences of different outlets that
** report the same fact are compared detail by detail — numbers with what
** they count ("12 people" / "at least 15 people"), ages, dates (resolved
** against each article's publication date), the title or office given to a
** person, and the place of an event. A difference is a conflict only when it
** survives the checks that tell disagreement from paraphrase: hedged numbers
** are ranges ("more than 300" agrees with 340), number words are numbers
** ("three" is 3), a value the other outlet also gives anywhere in its article
** is not disputed by it, spelling variants of a name are one name, and a
** shorter title contained in a longer one ("president" / "Syrian president")
** is not a different title. Further checks from real coverage: a rounded
** figure agrees with the values it rounds ("$1 trillion" / "$1.2 trillion"),
** figures a thousandth apart are one figure, a count of the dead is not set
** against a count not said to be of the dead ("12 officers shot" / "five
** killed"), ordinals are no counts, two years are not a date conflict (most
** often two events), a date the sentence gives to a statement ("said on
** Monday") is not the event's date, a headline in title case names no
** places, and one office in other words ("press secretary" / "spokesman")
** is one title. Parts and different things are not one quantity: a count
** said of a narrower place or group that the other does not name ("13
** killed in Alexandria" / "at least 40 killed" or "... in Egypt", the
** country it lies in), a count of one class against one not of it ("8
** arrested" / "150 rioters"), amounts of money of different things or an
** increment against a total ("$5 trillion in new spending" / "a $6
** trillion budget"), distances from different points ("50 miles from the
** capital" / "130 miles north of the border"); "$908B" is $908 billion and
** the day after a month ("Aug. 1") is no count. Checks from real stories
** of many outlets (ECB+, PolNeAR), where most differences in figures are
** no dispute: a figure other than a toll, the hurt, the arrested or the
** missing is compared only between statements of one fact that name what
** they count in one word, and not when an article gives three or more
** values of it (scores, yards, a poll's percentages); clock times ("12:00",
** "3pm", "1100 hrs") and figures glued to letters ("GT 650M", "16GB") are
** no counts; "two other victims" is a part; a "54-year-old" is the age of
** the name after it ("the 41-year-old aide of Mayor Varn", "the 8-year-old
** nephew of" someone are not theirs), and two ages without names are one
** person's only when they describe one word; a stamp line ("Published:
** March 4, 2031") dates the page, and a "Tuesday" or "today" of reports
** published more than two days apart is each report's own day; a place
** and a place within it ("Banstead" / "Banstead High Street", a city and
** its country) are one place, as are a venue and a town ("at SAP Arena" / "in
** Mannheim"), and a statement of several places ("in Takengon and Bener
** Meriah") is disputed by none of them, and a weekday, a road ("Interstate 805") or a
** compass point is none; "premier" is "prime minister", "head" is "chief",
** a district attorney a prosecutor.
*/
#ifndef TD_SYNTH_CONFLICTS_H
#define TD_SYNTH_CONFLICTS_H

#include "synth/align.h"

typedef struct td_synth_value {
  char *text;     /* the value as (the first) outlet wrote it (owned) */
  uint32_t *docs; /* doc indices that give it, ascending (owned) */
  size_t ndocs;
  double num;     /* numbers: the value; dates: days since 1970 (internal) */
} td_synth_value;

typedef enum td_synth_conflict_kind {
  TD_CONFLICT_NUMBER = 1,
  TD_CONFLICT_AGE,
  TD_CONFLICT_DATE,
  TD_CONFLICT_TITLE,
  TD_CONFLICT_PLACE
} td_synth_conflict_kind;

typedef struct td_synth_conflict {
  td_synth_conflict_kind kind;
  char *what; /* "death toll", "age of John Smith", "title of Anna Berg" (owned) */
  char *key;  /* merge key (owned) */
  td_synth_value *values;
  size_t nvalues;
} td_synth_conflict;

typedef struct td_synth_conflicts {
  td_synth_conflict *c;
  size_t n, alloc;
} td_synth_conflicts;

/* Find the conflicts in the model. On success *out holds them (release with
** td_synth_conflicts_release); TD_OK or TD_ENOMEM. */
int td_synth_conflicts_find(const td_synth_model *m, td_synth_conflicts *out);
void td_synth_conflicts_release(td_synth_conflicts *c);

const char *td_synth_conflict_kind_name(td_synth_conflict_kind k);

/* The dates of one article (extract/date.h's td_dates_extract against its
** publication date), with a weekday that the sentence puts in the future
** ("will meet on Thursday", "by Friday") moved to the next such day. *out
** (td_free) gets *n dates in text order. 0, or -1 when out of memory. */
struct td_date;
int td_synth_dates(const td_synth_doc *doc, struct td_date **out, size_t *n);

#endif
