/*
** gazetteer.h — places, nationalities and given names (extract stage).
**
** A generated, sorted table (gazetteer_table.c, made by tools/gen/gen_gazetteer
** from the iso-codes package's ISO 3166 lists, tzdata's zone1970.tab cities
** and our own list tools/gen/gazetteer.txt of capitals, nationality
** adjectives, regions and common given names). Entity finding uses it to tell
** "Syria" (a place) and "Syrian" (a nationality) from a person, and given
** names give a person's likely gender for pronoun resolution.
*/
#ifndef TD_EXTRACT_GAZETTEER_H
#define TD_EXTRACT_GAZETTEER_H

#include <stddef.h>

enum {
  TD_GAZ_COUNTRY = 1, /* "syria", "united states", "us"                   */
  TD_GAZ_CITY,        /* capitals and large cities: "moscow", "tartus"    */
  TD_GAZ_REGION,      /* provinces, seas, regions: "crimea", "middle east" */
  TD_GAZ_NATIONALITY, /* "syrian", "russian", "american"                  */
  TD_GAZ_GIVEN_M,     /* given names, mostly male: "vladimir"             */
  TD_GAZ_GIVEN_F,     /* given names, mostly female: "angela"             */
  TD_GAZ_GIVEN_X      /* given names of either                            */
};

typedef struct td_gaz_entry {
  const char *name; /* lower-case (ASCII letters folded), words joined by one space */
  unsigned char kind;
  char cc[3]; /* ISO 3166 alpha-2 country, "" when none */
} td_gaz_entry;

/* Look up s[0..n) (ASCII case ignored, runs of white space read as one
** space). Entries are unique by (name, kind); a name with several kinds
** (Georgia the country and the given name) yields the first in kind order
** unless `kind` is non-zero, which asks for that kind only. NULL when absent. */
const td_gaz_entry *td_gaz_lookup(const char *s, size_t n, int kind);

/* The generated table, sorted by (name, kind), for the lookup and its tests. */
extern const td_gaz_entry td_gaz_table[];
extern const size_t td_gaz_count;

#endif
