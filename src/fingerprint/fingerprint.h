/*
** fingerprint.h — word shingles, MinHash signatures and LSH band keys (the
** fingerprint stage), per article and per sentence.
**
** An article's folded words are cut into overlapping shingles of
** TD_FP_SHINGLE words, each hashed with xxHash; the MinHash signature keeps,
** for each of TD_FP_PERMS hash permutations, the least value over the
** shingles, so the share of equal positions in two signatures estimates the
** Jaccard similarity of their shingle sets. Banding cuts the signature into
** TD_FP_BANDS bands of TD_FP_ROWS rows: two articles share a band key with
** probability 1-(1-J^r)^b, an S-curve whose threshold is near (1/b)^(1/r) =
** 0.42 — the candidate generator for copies in place/. Sentence hashes (the
** folded words of each sentence of at least TD_FP_SENT_MIN words) catch what
** banding misses: a copy of the first paragraphs of a long article has a low
** Jaccard with it but shares whole sentences, and containment is what
** decides those.
*/
#ifndef TD_FINGERPRINT_H
#define TD_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>

#define TD_FP_SHINGLE 5
#define TD_FP_PERMS 128
#define TD_FP_BANDS 32
#define TD_FP_ROWS 4 /* TD_FP_BANDS * TD_FP_ROWS == TD_FP_PERMS */
#define TD_FP_SENT_MIN 6
#define TD_FP_SENT_MAX 256 /* sentences hashed per article, from the start */

typedef struct td_fingerprint {
  uint32_t minhash[TD_FP_PERMS];
  uint64_t bands[TD_FP_BANDS];
  uint32_t nshingles; /* distinct shingles                            */
  uint32_t nsent;     /* sentence hashes in sent[]                    */
  uint64_t *sent;     /* distinct, sorted; owned (td_fingerprint_release) */
} td_fingerprint;

/* Fingerprint s[0..len) (any UTF-8; invalid bytes are skipped). The text is
** folded (case, quotes, dashes) first, so case and typography do not tell
** copies apart. A text shorter than one shingle gets one shingle of all its
** words. TD_OK or TD_ENOMEM; fp is always safe to release afterwards. */
int td_fingerprint_text(const char *s, size_t len, td_fingerprint *fp);
void td_fingerprint_release(td_fingerprint *fp);

/* Estimated Jaccard similarity of two signatures: equal positions / perms. */
double td_minhash_jaccard(const uint32_t *a, const uint32_t *b);

/* Containment of A in B estimated from their Jaccard J and set sizes:
** |A∩B|/|A| = J(|A|+|B|) / ((1+J)|A|), clamped to [0,1]. */
double td_minhash_containment(double j, uint32_t na, uint32_t nb);

/* Share of a's sentence hashes found in b's (both sorted): |A∩B| / |A|.
** 0 when a has none. *common (if not NULL) gets |A∩B|. */
double td_fp_sent_containment(const uint64_t *a, uint32_t na, const uint64_t *b, uint32_t nb,
                              uint32_t *common);

/* The distinct sorted shingle hashes of s[0..len) in a new array (td_free),
** for exact Jaccard in tests and evaluation; the count, or (size_t)-1 on OOM. */
size_t td_fp_shingles(const char *s, size_t len, uint64_t **out);

/* Exact Jaccard of two sorted distinct hash sets. */
double td_fp_jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);

#endif
