/*
** fuzz_query.c — libFuzzer target for the search query parser: any bytes
** must parse or be refused cleanly, and every FTS5 expression it makes must
** be accepted by FTS5 itself (a syntax error here would be a query a user
** could break, or steer).
*/
#include "search/query.h"
#include "tidings.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static sqlite3 *db;
static sqlite3_stmt *stmt;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!db) {
    if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
        sqlite3_exec(db, "CREATE VIRTUAL TABLE f USING fts5(t, u, tokenize='porter unicode61');"
                         "INSERT INTO f VALUES('the naval facility', 'air base near Tartous');",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT rowid FROM f WHERE f MATCH ?", -1, &stmt, NULL) != SQLITE_OK)
      abort();
  }
  td_query q;
  const char *err = NULL;
  int rc = td_query_parse((const char *)data, size, &q, &err);
  if (rc == TD_OK && q.match) {
    sqlite3_reset(stmt);
    sqlite3_bind_text(stmt, 1, q.match, -1, SQLITE_STATIC);
    int step;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    if (step != SQLITE_DONE) abort(); /* FTS5 refused what we made */
  } else if (rc == TD_EUSAGE && !err) {
    abort();
  }
  td_query_release(&q);
  return 0;
}
