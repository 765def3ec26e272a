/*
** isodate.h — publication dates in the forms feeds and crawlers write them,
** normalised to one form: "YYYY-MM-DD" when only the day is known, else
** "YYYY-MM-DDTHH:MM:SSZ" (UTC).
*/
#ifndef TD_ISODATE_H
#define TD_ISODATE_H

#include <stddef.h>
#include <stdint.h>

/* Parse s[0..len): ISO 8601 ("2024-12-31", "2024-12-31T10:00:00+03:00",
** "2024-12-31 10:00:00", "20241231"), RFC 2822 ("Tue, 31 Dec 2024 10:00:00
** GMT"), "December 31, 2024", "31 December 2024", "Dec. 31, 2024".
** Writes the normalised form into out (at least 21 bytes) and returns 0,
** or -1 when s is not a date tidings can read. */
int td_isodate_parse(const char *s, size_t len, char out[21]);

/* Days since 1970-01-01 of a normalised date; 0 and -1 when it is not one. */
int td_isodate_days(const char *norm, int64_t *days);

/* Days since 1970-01-01 for a civil date (proleptic Gregorian). */
int64_t td_days_from_civil(int y, int m, int d);

#endif
