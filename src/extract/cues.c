/*
** cues.c — the closed word classes of the extract stage (see lexicon.h).
**
** Quote attribution and rule-based name finding need to know a few hundred
** English words: speech cues, honorifics, office titles, organisation heads,
** function words. They are kept here as sorted arrays searched by bisection
** (tests/unit/test_extract_lexicon.c checks the order), so a lookup costs a
** few comparisons and no allocation. Lookups fold ASCII case themselves.
*/
#include "extract/lexicon.h"

#include <string.h>

static const char *const cue_verbs[] = {
    /* Reporting and manner-of-speaking verbs of general English (Levin's
    ** classes 37.1-37.7), in the forms news uses; nouns that are also verbs
    ** ("report", "claim") only in their unambiguous forms. */
    "acknowledge",  "acknowledged", "acknowledges", "acknowledging", "add",          "added",
    "adding",       "adds",         "admit",        "admits",        "admitted",     "admitting",
    "advised",      "advises",      "advising",     "affirmed",      "affirming",    "affirms",
    "agree",        "agreed",       "agreeing",     "agrees",        "alleged",      "alleges",
    "alleging",     "announced",    "announces",    "announcing",    "answered",     "answering",
    "argue",        "argued",       "argues",       "arguing",       "asked",        "asking",
    "asks",         "asserted",     "asserting",    "asserts",       "assured",      "assures",
    "assuring",     "attested",     "attesting",    "attests",       "barked",       "barking",
    "barks",        "beamed",       "beaming",      "bellowed",      "bellowing",    "bellows",
    "blurted",      "blurting",     "blurts",       "boasted",       "boasting",     "boasts",
    "bragged",      "bragging",     "brags",        "cautioned",     "cautioning",   "cautions",
    "chanted",      "chanting",     "chants",       "charged",       "charging",     "cheered",
    "cheering",     "chided",       "chides",       "chiding",       "chimed",       "chimes",
    "chiming",      "chuckled",     "chuckles",     "chuckling",     "claimed",      "claiming",
    "claims",       "commented",    "commenting",   "comments",      "complained",   "complaining",
    "complains",    "concede",      "conceded",     "concedes",      "conceding",    "concluded",
    "concludes",    "concluding",   "concurred",    "concurring",    "concurs",      "confessed",
    "confesses",    "confessing",   "confided",     "confides",      "confiding",    "confirmed",
    "confirming",   "confirms",     "contended",    "contending",    "contends",     "continued",
    "continues",    "continuing",   "countered",    "countering",    "counters",     "cried",
    "crying",       "declare",      "declared",     "declares",      "declaring",    "demanded",
    "demanding",    "demands",      "demurred",     "demurring",     "demurs",       "denied",
    "denies",       "deny",         "denying",      "disclosed",     "discloses",    "disclosing",
    "echoed",       "echoes",       "echoing",      "elaborated",    "elaborates",   "elaborating",
    "emailed",      "emailing",     "emails",       "emphasised",    "emphasises",   "emphasising",
    "emphasized",   "emphasizes",   "emphasizing",  "estimated",     "estimating",   "exclaimed",
    "exclaiming",   "exclaims",     "exhorted",     "exhorting",     "exhorts",      "explain",
    "explained",    "explaining",   "explains",     "fumed",         "fuming",       "griped",
    "gripes",       "griping",      "groaned",      "groaning",      "groans",       "growled",
    "growling",     "growls",       "grumbled",     "grumbles",      "grumbling",    "gushed",
    "gushes",       "gushing",      "hinted",       "hinting",       "hints",        "hollered",
    "hollering",    "hollers",      "huffed",       "huffing",       "huffs",        "informed",
    "informing",    "informs",      "inquired",     "inquires",      "inquiring",    "insist",
    "insisted",     "insisting",    "insists",      "interjected",   "interjecting", "interjects",
    "interrupted",  "interrupting", "interrupts",   "joked",         "jokes",        "joking",
    "lamented",     "lamenting",    "laments",      "laughed",       "laughing",     "laughs",
    "maintained",   "maintaining",  "maintains",    "marveled",      "marveling",    "marvels",
    "messaged",     "messaging",    "moaned",       "moaning",       "moans",        "mocked",
    "mocking",      "mocks",        "mumbled",      "mumbles",       "mumbling",     "murmured",
    "murmuring",    "murmurs",      "mused",        "muses",         "musing",       "muttered",
    "muttering",    "mutters",      "noted",        "notes",         "noting",       "objected",
    "objecting",    "observed",     "observes",     "observing",     "offered",      "offering",
    "opined",       "opines",       "opining",      "pleaded",       "pleading",     "pleads",
    "pledged",      "pledges",      "pledging",     "posited",       "positing",     "posits",
    "posted",       "posting",      "predict",      "predicted",     "predicting",   "predicts",
    "proclaimed",   "proclaiming",  "proclaims",    "promised",      "promises",     "proposed",
    "proposes",     "proposing",    "protested",    "protesting",    "protests",     "queried",
    "querying",     "questioned",   "questioning",  "quipped",       "quipping",     "quips",
    "raged",        "raging",       "railed",       "railing",       "ranted",       "ranting",
    "rants",        "read",         "reading",      "reads",         "reasoned",     "reasoning",
    "reassured",    "reassures",    "reassuring",   "recalled",      "recalling",    "recalls",
    "reckoned",     "reckoning",    "reckons",      "recommended",   "recommending", "recommends",
    "recounted",    "recounting",   "recounts",     "reflected",     "reflecting",   "reiterated",
    "reiterates",   "reiterating",  "rejoined",     "rejoining",     "rejoins",      "related",
    "relating",     "remarked",     "remarking",    "remarks",       "reminded",     "reminding",
    "reminds",      "repeated",     "repeating",    "repeats",       "replied",      "replies",
    "replying",     "reported",     "reporting",    "reports",       "respond",      "responded",
    "responding",   "responds",     "retorted",     "retorting",     "retorts",      "revealed",
    "revealing",    "reveals",      "roared",       "roaring",       "roars",        "said",
    "sang",         "say",          "saying",       "says",          "scoffed",      "scoffing",
    "scoffs",       "scolded",      "scolding",     "scolds",        "screamed",     "screaming",
    "screams",      "shouted",      "shouting",     "shouts",        "shrieked",     "shrieking",
    "shrieks",      "sighed",       "sighing",      "sighs",         "singing",      "sings",
    "snapped",      "snapping",     "snaps",        "snarled",       "snarling",     "snarls",
    "sneered",      "sneering",     "sneers",       "speculated",    "speculates",   "speculating",
    "stated",       "states",       "stating",      "stressed",      "stresses",     "stressing",
    "suggest",      "suggested",    "suggesting",   "suggests",      "surmised",     "surmises",
    "surmising",    "swearing",     "swears",       "swore",         "taunted",      "taunting",
    "taunts",       "teased",       "teases",       "teasing",       "tell",         "telling",
    "tells",        "testified",    "testifies",    "testifying",    "texted",       "texting",
    "theorised",    "theorises",    "theorising",   "theorized",     "theorizes",    "theorizing",
    "thundered",    "thundering",   "thunders",     "told",          "tweeted",      "tweeting",
    "tweets",       "underlined",   "underlines",   "underlining",   "underscored",  "underscores",
    "underscoring", "urge",         "urged",        "urges",         "urging",       "ventured",
    "ventures",     "venturing",    "vowed",        "vowing",        "vows",         "wailed",
    "wailing",      "wails",        "warn",         "warned",        "warning",      "warns",
    "whined",       "whines",       "whining",      "whispered",     "whispering",   "whispers",
    "wondered",     "wondering",    "wonders",      "write",         "writes",       "writing",
    "wrote",        "yelled",       "yelling",      "yells",         "yelped",       "yelping",
    "yelps",
};

static const char *const cue_weak[] = {
    "accused",   "accuses",   "believed", "believes",  "blasted",   "branded",    "brands",
    "called",    "calling",   "calls",    "condemned", "condemns",  "criticised", "criticized",
    "described", "describes", "dubbed",   "expressed", "expresses", "expressing", "feels",
    "felt",      "hailed",    "hailing",  "hails",     "hoped",     "hopes",      "labeled",
    "labelled",  "praised",   "praises",  "praising",  "promising", "slammed",    "speaks",
    "spoke",     "termed",    "thanked",  "thinks",    "thought",   "wanted",     "wants",
    "welcomed",  "welcomes",
};

static const char *const cue_nouns[] = {
    "address",   "comment",    "comments", "interview", "interviews", "letter", "letters",
    "message",   "messages",   "post",     "release",   "remarks",    "speech", "speeches",
    "statement", "statements", "telegram", "telegrams", "tweet",      "tweets",
};

static const char *const hon_m[] = {
    "herr",   "king",  "lord",   "mister", "monsieur", "mr",
    "prince", "senor", "sheikh", "signor", "sir",
};

static const char *const hon_f[] = {
    "dame", "frau", "lady",     "madam", "madame", "miss",
    "mrs",  "ms",   "princess", "queen", "senora", "signora",
};

static const char *const hon_x[] = {
    "ayatollah", "dr", "fr", "imam", "prof", "professor", "rabbi", "rev", "reverend",
};

static const char *const offices[] = {
    "admiral",
    "adviser",
    "advisor",
    "aide",
    "ambassador",
    "attorney",
    "candidate",
    "capt",
    "captain",
    "ceo",
    "chair",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "col",
    "colonel",
    "commander",
    "commissioner",
    "congressman",
    "congresswoman",
    "counterpart",
    "crown",
    "defence",
    "defense",
    "democrat",
    "deputy",
    "dictator",
    "diplomat",
    "director",
    "emir",
    "emperor",
    "envoy",
    "executive",
    "finance",
    "foreign",
    "founder",
    "gen",
    "general",
    "governor",
    "head",
    "interior",
    "judge",
    "justice",
    "lawmaker",
    "leader",
    "lieutenant",
    "lt",
    "mayor",
    "minister",
    "monarch",
    "nominee",
    "officer",
    "official",
    "pope",
    "premier",
    "president",
    "president-elect",
    "prime",
    "prosecutor",
    "rep",
    "representative",
    "republican",
    "secretary",
    "secretary-general",
    "sen",
    "senator",
    "sergeant",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "sultan",
    "vice-president",
};

static const char *const orgwords[] = {
    "abc",          "administration",
    "afp",          "agency",
    "airlines",     "airways",
    "alliance",     "ap",
    "army",         "assembly",
    "association",  "authority",
    "bank",         "bbc",
    "board",        "brigade",
    "brigades",     "bureau",
    "cabinet",      "cbs",
    "center",       "centre",
    "channel",      "church",
    "cia",          "club",
    "cnbc",         "cnn",
    "coalition",    "college",
    "command",      "commission",
    "committee",    "company",
    "congress",     "corp",
    "corporation",  "council",
    "court",        "daesh",
    "daily",        "department",
    "duma",         "eu",
    "exchange",     "fbi",
    "federation",   "forces",
    "foundation",   "front",
    "fsb",          "fund",
    "gazette",      "government",
    "group",        "guard",
    "guardian",     "hamas",
    "herald",       "hezbollah",
    "hospital",     "house",
    "inc",          "institute",
    "isis",         "journal",
    "kgb",          "kremlin",
    "league",       "llc",
    "ltd",          "magazine",
    "ministry",     "movement",
    "msnbc",        "nato",
    "navy",         "nbc",
    "network",      "news",
    "npr",          "nsa",
    "office",       "organisation",
    "organization", "parliament",
    "party",        "pbs",
    "pentagon",     "plc",
    "police",       "post",
    "press",        "radio",
    "reserve",      "reuters",
    "review",       "ria",
    "school",       "senate",
    "service",      "taleban",
    "taliban",      "tass",
    "telegraph",    "television",
    "times",        "treasury",
    "tribune",      "tv",
    "un",           "union",
    "university",
};

static const char *const stopwords[] = {
    "a",          "about",       "above",     "according", "added",        "after",
    "again",      "against",     "all",       "along",     "already",      "also",
    "although",   "always",      "am",        "amid",      "amidst",       "among",
    "an",         "and",         "any",       "are",       "around",       "as",
    "asked",      "at",          "be",        "because",   "been",         "before",
    "behind",     "being",       "below",     "beneath",   "beside",       "besides",
    "between",    "beyond",      "both",      "breaking",  "but",          "by",
    "can",        "could",       "currently", "dear",      "despite",      "did",
    "do",         "does",        "done",      "during",    "each",         "earlier",
    "even",       "ever",        "every",     "except",    "exclusive",    "few",
    "finally",    "first",       "following", "for",       "from",         "furthermore",
    "had",        "has",         "have",      "having",    "he",           "hello",
    "hence",      "her",         "here",      "hers",      "hi",           "him",
    "his",        "how",         "however",   "i",         "if",           "in",
    "in-depth",   "indeed",      "inside",    "instead",   "into",         "is",
    "it",         "it's",        "its",       "just",      "last",         "later",
    "like",       "likewise",    "many",      "may",       "me",           "meanwhile",
    "might",      "mine",        "more",      "moreover",  "most",         "much",
    "must",       "my",          "near",      "never",     "nevertheless", "next",
    "no",         "nonetheless", "nor",       "not",       "now",          "of",
    "off",        "often",       "oh",        "ok",        "okay",         "on",
    "one",        "only",        "onto",      "or",        "other",        "others",
    "otherwise",  "our",         "ours",      "out",       "over",         "per",
    "please",     "previously",  "read",      "recently",  "said",         "says",
    "second",     "separately",  "several",   "shall",     "she",          "should",
    "since",      "so",          "some",      "speaking",  "still",        "such",
    "thank",      "thanks",      "that",      "the",       "their",        "theirs",
    "them",       "then",        "there",     "therefore", "these",        "they",
    "third",      "this",        "those",     "though",    "three",        "through",
    "throughout", "thus",        "till",      "to",        "today",        "told",
    "tomorrow",   "tonight",     "toward",    "towards",   "two",          "under",
    "unless",     "unlike",      "until",     "up",        "update",       "upon",
    "us",         "via",         "was",       "watch",     "we",           "well",
    "were",       "what",        "when",      "where",     "whereas",      "whether",
    "which",      "while",       "who",       "whom",      "whose",        "why",
    "will",       "with",        "within",    "without",   "would",        "yes",
    "yesterday",  "yet",         "you",       "your",      "yours",
};

static const char *const joiners[] = {
    "abd", "abu", "al",  "bin", "bint", "da", "de",  "del", "della", "der", "di", "dos",
    "du",  "el",  "ibn", "la",  "le",   "of", "ten", "ter", "van",   "von", "y",
};

static const char *const fillers[] = {
    "additionally", "again",    "already",    "also",         "always",     "could",
    "did",          "directly", "do",         "does",         "earlier",    "even",
    "explicitly",   "finally",  "first",      "frequently",   "further",    "had",
    "has",          "have",     "initially",  "is",           "just",       "later",
    "likewise",     "may",      "might",      "never",        "now",        "often",
    "once",         "openly",   "personally", "previously",   "privately",  "publicly",
    "quickly",      "recently", "repeatedly", "reportedly",   "separately", "should",
    "similarly",    "simply",   "sometimes",  "specifically", "still",      "subsequently",
    "then",         "usually",  "was",        "will",         "would",
};

static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const month_full[] = {"january",   "february", "march",    "april",
                                         "may",       "june",     "july",     "august",
                                         "september", "october",  "november", "december"};
static const char *const weekdays[] = {"sunday",   "monday", "tuesday", "wednesday",
                                       "thursday", "friday", "saturday"};

size_t td_lex_lower(const char *w, size_t n, char *out, size_t cap) {
  size_t j = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)w[i];
    if (j + 1 >= cap) return 0;
    if (c >= 0x80) {
      /* The curly apostrophe (U+2019) folds to ' so "it’s" matches "it's". */
      if (c == 0xE2 && i + 2 < n && (unsigned char)w[i + 1] == 0x80 &&
          (unsigned char)w[i + 2] == 0x99) {
        out[j++] = '\'';
        i += 2;
        continue;
      }
      return 0;
    }
    out[j++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : (char)c;
  }
  out[j] = '\0';
  return j;
}

/* Bisection over a sorted array of lower-case words. */
static int in_list(const char *const *list, size_t n, const char *w, size_t wn) {
  char low[40];
  if (!td_lex_lower(w, wn, low, sizeof low)) return 0;
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    /* the first letters decide most steps without a call (every word of
    ** every sentence comes here, several times) */
    int c = (unsigned char)list[mid][0] - (unsigned char)low[0];
    if (c == 0 && low[0]) c = strcmp(list[mid] + 1, low + 1);
    if (c == 0) return 1;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return 0;
}

#define IN(list, w, n) in_list(list, sizeof list / sizeof *list, w, n)

int td_lex_cue(const char *w, size_t n) {
  int r = 0;
  if (IN(cue_verbs, w, n))
    r |= TD_CUE_VERB;
  else if (IN(cue_weak, w, n))
    r |= TD_CUE_WEAK;
  if (IN(cue_nouns, w, n)) r |= TD_CUE_NOUN;
  if (r & (TD_CUE_VERB | TD_CUE_WEAK) && n > 4 && w[n - 3] == 'i' && w[n - 2] == 'n' &&
      w[n - 1] == 'g')
    r |= TD_CUE_ING;
  return r;
}

int td_lex_pronoun(const char *w, size_t n) {
  char low[8];
  if (!td_lex_lower(w, n, low, sizeof low)) return 0;
  if (!strcmp(low, "he") || !strcmp(low, "him") || !strcmp(low, "his")) return 'm';
  if (!strcmp(low, "she") || !strcmp(low, "her")) return 'f';
  if (!strcmp(low, "they") || !strcmp(low, "them")) return 'p';
  if (!strcmp(low, "it")) return 'n';
  if (!strcmp(low, "i") || !strcmp(low, "we")) return 'i';
  return 0;
}

int td_lex_honorific(const char *w, size_t n) {
  if (IN(hon_m, w, n)) return 'm';
  if (IN(hon_f, w, n)) return 'f';
  if (IN(hon_x, w, n)) return 'x';
  return 0;
}

int td_lex_office(const char *w, size_t n) { return IN(offices, w, n); }
int td_lex_orgword(const char *w, size_t n) { return IN(orgwords, w, n); }
int td_lex_stopword(const char *w, size_t n) { return IN(stopwords, w, n); }
int td_lex_name_joiner(const char *w, size_t n) { return IN(joiners, w, n); }
int td_lex_filler(const char *w, size_t n) { return IN(fillers, w, n); }

int td_lex_month(const char *w, size_t n) {
  char low[16];
  if (!td_lex_lower(w, n, low, sizeof low)) return 0;
  for (int i = 0; i < 12; i++) {
    if (!strcmp(low, month_full[i])) return i + 1;
    /* "Sept" and the three-letter forms; "may" is both. */
    if (!strcmp(low, months[i]) || (i == 8 && !strcmp(low, "sept"))) return i + 1;
  }
  return 0;
}

int td_lex_weekday(const char *w, size_t n) {
  char low[16];
  if (!td_lex_lower(w, n, low, sizeof low)) return -1;
  for (int i = 0; i < 7; i++)
    if (!strcmp(low, weekdays[i])) return i;
  return -1;
}

/* Exposed to the lexicon test only, to check the arrays are sorted. */
int td_lex_selfcheck(void);
int td_lex_selfcheck(void) {
  const char *const *lists[] = {cue_verbs, cue_weak, cue_nouns, hon_m,   hon_f,  hon_x,
                                offices,   orgwords, stopwords, joiners, fillers};
  size_t ns[] = {sizeof cue_verbs / sizeof *cue_verbs, sizeof cue_weak / sizeof *cue_weak,
                 sizeof cue_nouns / sizeof *cue_nouns, sizeof hon_m / sizeof *hon_m,
                 sizeof hon_f / sizeof *hon_f,         sizeof hon_x / sizeof *hon_x,
                 sizeof offices / sizeof *offices,     sizeof orgwords / sizeof *orgwords,
                 sizeof stopwords / sizeof *stopwords, sizeof joiners / sizeof *joiners,
                 sizeof fillers / sizeof *fillers};
  for (size_t l = 0; l < sizeof ns / sizeof *ns; l++)
    for (size_t i = 1; i < ns[l]; i++)
      if (strcmp(lists[l][i - 1], lists[l][i]) >= 0) return -1;
  return 0;
}
