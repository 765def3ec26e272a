/*
** test_place_copies.c — copy groups (place/ find_copy, place_copy) never
** label an article a copy of an original it was not found a copy of, on
** both backends: the in-memory one (place_mem.c) and the SQLite store's
** (store/sqlite_place.c), which must regroup copies alike.
**
** Two outlets open with the same two wire paragraphs and then tell the
** fictional Port Merrow crane collapse each in their own words: neither is
** a copy of the other. A lead-only trim of the wire paragraphs is inside
** both. Whatever the order, the trim goes into one group and the two
** reports stay originals; and a full text whose copies came first in two
** groups of their own still ends up the original of them all.
*/
#include "testutil.h"

#include "article.h"
#include "place/place.h"
#include "store/store.h"
#include "tidings.h"
#include "util/alloc.h"

/* The wire lead both outlets use. */
static const char *wire[] = {
    "The harbour authority of Port Merrow closed the northern quay on Tuesday after a crane "
    "collapsed onto a grain barge moored below it. Nobody was hurt, said Ilse Varga, a "
    "spokeswoman for the authority, speaking at the harbour gates.",
    "Inspectors from the Merrow safety board sealed off the wreck of the crane while engineers "
    "examined its snapped cables. The barge, the Saltmarsh Lady, was carrying barley for the "
    "breweries of the upper valley.",
};
/* The Courier's own paragraphs (a short report). */
static const char *courier[] = {
    "Dock workers told the Courier they had complained for months about the noise the crane made "
    "when it swung loaded. The union will ask for an inquiry into how the quay was maintained.",
    "The skipper of the Saltmarsh Lady, Anders Holm, said his crew jumped onto the quay when "
    "they heard the first cable snap. His barge is listing but afloat, and its cargo is dry.",
};
/* The Gazette's own paragraphs (a long report). */
static const char *gazette[] = {
    "Grain traders in the valley fear that a long closure will delay the autumn shipments. The "
    "southern quay is too shallow for the loaded barges, the chamber of commerce said.",
    "The crane was forty years old and due for replacement next spring, according to minutes of "
    "the port council. Its replacement had been postponed twice for lack of money.",
    "Councillors will meet on Friday to decide whether to hire a floating crane from Kelsby. "
    "Renting one would cost the port about nine thousand crowns a week.",
    "Fishermen who moor at the northern quay have been told to use the old slipway at Tarrow "
    "Point until the inspectors have finished their work and the wreck has been lifted.",
};

typedef struct fixture {
  int sqlite;
  td_place_mem *m;
  td_store *st;
  const td_place_backend *be;
  void *ctx;
  td_placer *pl;
} fixture;

static int setup_on(void **state, int sqlite) {
  fixture *f = calloc(1, sizeof *f);
  if (!f) return -1;
  f->sqlite = sqlite;
  if (sqlite) {
    char path[256];
    static int n;
    snprintf(path, sizeof path, "%s/copies%d.db", tu_tmpdir(), n++);
    unlink(path);
    char *err = NULL;
    if (td_store_sqlite.open(path, NULL, &f->st, &err) != TD_OK) {
      td_free(err);
      free(f);
      return -1;
    }
    f->be = &td_sqlite_place;
    f->ctx = f->st;
  } else {
    f->m = td_place_mem_new();
    f->be = &td_place_mem_backend;
    f->ctx = f->m;
  }
  f->pl = f->ctx ? td_placer_new(f->be, f->ctx, NULL) : NULL;
  *state = f;
  return f->pl ? 0 : -1;
}
static int setup_mem(void **state) { return setup_on(state, 0); }
static int setup_sqlite(void **state) { return setup_on(state, 1); }

static int teardown(void **state) {
  fixture *f = *state;
  td_placer_free(f->pl);
  if (f->m) td_place_mem_free(f->m);
  if (f->st) td_store_sqlite.close(f->st);
  free(f);
  return 0;
}

/* Paragraphs joined as an article body (static buffer per slot). */
static const char *body(int slot, const char *const *p, size_t n, const char *const *q, size_t nq) {
  static char buf[4][4096];
  char *b = buf[slot];
  b[0] = 0;
  for (size_t i = 0; i < n + nq; i++) {
    if (i) strcat(b, "\n\n");
    strcat(b, i < n ? p[i] : q[i - n]);
  }
  return b;
}

/* Place an article (stored first in the SQLite store, which the placement
** rows refer to); its id. */
static int64_t place(fixture *f, int64_t id, const char *title, const char *text) {
  if (f->sqlite) {
    td_article a;
    td_article_init(&a);
    char url[64];
    snprintf(url, sizeof url, "https://example.org/%lld", (long long)id);
    assert_int_equal(td_article_set(&a.url, url, strlen(url)), 0);
    assert_int_equal(td_article_set(&a.title, title, strlen(title)), 0);
    assert_int_equal(td_article_set(&a.text, text, strlen(text)), 0);
    assert_int_equal(td_store_sqlite.article_insert(f->st, &a, (uint64_t)id, 0), TD_OK);
    id = a.id;
    td_article_release(&a);
  }
  td_place_input in = {id, title, text, strlen(text), NULL, NULL, NULL};
  td_place_result r;
  assert_int_equal(td_place_article(f->pl, &in, &r), TD_OK);
  return id;
}

/* The original of an article's group as the backend holds it. */
static int64_t original(fixture *f, int64_t id) {
  td_place_art a;
  memset(&a, 0, sizeof a);
  assert_int_equal(f->be->art_get(f->ctx, id, &a), TD_OK);
  td_free(a.sent);
  return a.copy_of ? a.copy_of : id;
}

/* The trim arrives after both reports: it joins one report's group, and
** the other report is not made a copy of the first for that (the groups
** were once merged whenever one article was a copy of both originals). */
static void test_trim_of_two_reports(void **state) {
  fixture *f = *state;
  int64_t c = place(f, 1, "Crane falls on barge at Port Merrow", body(0, wire, 2, courier, 2));
  int64_t g = place(f, 2, "Port Merrow quay shut after crane collapse", body(1, wire, 2, gazette, 4));
  int64_t t = place(f, 3, "Breaking: crane collapses", body(2, wire, 2, NULL, 0));
  assert_int_equal(original(f, c), c);
  assert_int_equal(original(f, g), g);
  int64_t o = original(f, t);
  assert_true(o == c || o == g);
}

/* The trim arrives first and joins the long report's group; then the short
** report, which holds the trim but is no copy of the long one, arrives. It
** is not taken into the long report's group through the trim (a copy of a
** copy that only holds it): it stays an original, and the trim, closer to
** it than to the long report, goes to its group. */
static void test_trim_moves_to_fuller_text(void **state) {
  fixture *f = *state;
  int64_t g = place(f, 1, "Port Merrow quay shut after crane collapse", body(1, wire, 2, gazette, 4));
  int64_t t = place(f, 2, "Breaking: crane collapses", body(2, wire, 2, NULL, 0));
  assert_int_equal(original(f, t), g);
  int64_t c = place(f, 3, "Crane falls on barge at Port Merrow", body(0, wire, 2, courier, 2));
  assert_int_equal(original(f, c), c);
  assert_int_equal(original(f, g), g);
  assert_int_equal(original(f, t), c);
}

/* The copies of one text are one group whatever their order: a copy with a
** rewritten paragraph that arrives first starts a group of its own, a
** lead-only copy another, and the full text that holds both joins them
** (the merge is kept where the originals are copies of each other or the
** full text holds both). */
static void test_full_text_joins_its_copies(void **state) {
  fixture *f = *state;
  const char *p[] = {wire[0], wire[1], gazette[0], gazette[1], gazette[2]};
  const char *changed[] = {wire[0], courier[1], gazette[0], gazette[1], gazette[2]};
  int64_t x = place(f, 1, "Update: the latest", body(0, changed, 5, NULL, 0));
  int64_t l = place(f, 2, "Breaking: crane falls", body(1, p, 2, NULL, 0));
  int64_t full = place(f, 3, "Crane collapses onto barge at Port Merrow", body(2, p, 5, NULL, 0));
  assert_int_equal(original(f, full), full);
  assert_int_equal(original(f, x), full);
  assert_int_equal(original(f, l), full);
}

/* A copy of a copy joins the group only through a copy nearly all inside
** the original: b reprints three paragraphs of r and adds one of its own
** (a copy of r, three quarters inside it); a reprints b's own paragraph and
** one of r's, so it is all inside b but only half inside r, and is not
** claimed a copy of r. */
static void test_copy_of_a_partial_trim(void **state) {
  fixture *f = *state;
  const char *rp[] = {wire[0], wire[1], gazette[0], gazette[1]};
  const char *bp[] = {wire[0], wire[1], gazette[0], courier[0]};
  const char *ap[] = {gazette[0], courier[0]};
  int64_t r = place(f, 1, "Port Merrow quay shut after crane collapse", body(0, rp, 4, NULL, 0));
  int64_t b = place(f, 2, "Crane falls at Port Merrow", body(1, bp, 4, NULL, 0));
  assert_int_equal(original(f, b), r);
  int64_t a = place(f, 3, "Dock workers had complained", body(2, ap, 2, NULL, 0));
  assert_int_not_equal(original(f, a), r);
  assert_int_equal(original(f, r), r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_trim_of_two_reports, setup_mem, teardown),
      cmocka_unit_test_setup_teardown(test_trim_of_two_reports, setup_sqlite, teardown),
      cmocka_unit_test_setup_teardown(test_trim_moves_to_fuller_text, setup_mem, teardown),
      cmocka_unit_test_setup_teardown(test_trim_moves_to_fuller_text, setup_sqlite, teardown),
      cmocka_unit_test_setup_teardown(test_full_text_joins_its_copies, setup_mem, teardown),
      cmocka_unit_test_setup_teardown(test_full_text_joins_its_copies, setup_sqlite, teardown),
      cmocka_unit_test_setup_teardown(test_copy_of_a_partial_trim, setup_mem, teardown),
      cmocka_unit_test_setup_teardown(test_copy_of_a_partial_trim, setup_sqlite, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
