/* libFuzzer target: the HTML reader, then main-text extraction and
** metadata (td_clean_article) on whatever page it hands on. */
#include "clean/clean.h"
#include "read/read.h"

#include <stdint.h>
#include <string.h>

static int on_article(void *ctx, td_article *a) {
  (void)ctx;
  const char *why;
  td_clean_article(a, &why);
  if (a->text) (void)strlen(a->text);
  if (a->date) (void)strlen(a->date);
  return TD_OK;
}
static void on_diag(void *ctx, const char *o, long l, long long off, const char *m, int r) {
  (void)ctx; (void)o; (void)l; (void)off; (void)m; (void)r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  td_sink s = {on_article, on_diag, NULL, 0};
  td_read_html((const char *)data, size, "fuzz.html", &s);
  return 0;
}
