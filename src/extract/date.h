/*
** date.h — dates in an article's text, resolved to the calendar (extract stage).
**
** Explicit dates ("December 30, 2017", "30 Dec 2017", "2017-12-30",
** "November 2016", "in 2015") and relative ones ("on Saturday", "yesterday",
** "earlier this month", "last year", "last week") resolved against the
** publication date when there is one. Story placement compares the dates
** that articles report; synthesis finds conflicting ones.
*/
#ifndef TD_EXTRACT_DATE_H
#define TD_EXTRACT_DATE_H

#include <stddef.h>

typedef enum td_date_prec {
  TD_DATE_DAY = 1, /* year, month and day known */
  TD_DATE_WEEK,    /* the week of year-month-day ("last week")        */
  TD_DATE_MONTH,   /* year and month                                   */
  TD_DATE_YEAR     /* year only                                        */
} td_date_prec;

typedef struct td_date {
  size_t start, end;    /* bytes of the expression in the text            */
  int year, month, day; /* resolved; month/day 0 when unknown          */
  td_date_prec prec;
  int relative; /* 1 when resolved from the publication date      */
} td_date;

/* Find the dates of text[0..len). `pub_date` ("YYYY-MM-DD..." or NULL) anchors
** relative expressions (without it they are skipped) and gives the year of
** "December 30". On success *out (td_free) holds *n dates in text order.
** TD_OK or TD_ENOMEM. Linear in len. */
int td_dates_extract(const char *text, size_t len, const char *pub_date, td_date **out, size_t *n);

/* Day of the week of a civil date (0 = Sunday), and days since 1970-01-01;
** exposed for tests and for the place stage. */
int td_date_weekday(int y, int m, int d);
long td_date_days(int y, int m, int d);
void td_date_from_days(long days, int *y, int *m, int *d);

#endif
