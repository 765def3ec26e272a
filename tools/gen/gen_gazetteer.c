/*
** gen_gazetteer.c — writes src/extract/gazetteer_table.c.
**
** Sources, all local: the iso-codes package's ISO 3166-1 (countries: name,
** common and official names) and ISO 3166-2 (provinces, states, regions),
** tzdata's zone1970.tab (one large city per time zone), and our own
** tools/gen/gazetteer.txt (capitals, nationality adjectives, regions, given
** names). Names are folded to lower-case ASCII letters where they are ASCII,
** entries sorted by (name, kind) and deduplicated, so the library can bisect.
**
**   cc -std=c11 -O2 tools/gen/gen_gazetteer.c $(pkg-config --cflags --libs jansson) -o gen
**   ./gen /usr/share/iso-codes/json /usr/share/zoneinfo/zone1970.tab \
**         tools/gen/gazetteer.txt > src/extract/gazetteer_table.c
**
** (tools/gen/gen_gazetteer.sh does exactly that.)
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { COUNTRY = 1, CITY, REGION, NATIONALITY, GIVEN_M, GIVEN_F, GIVEN_X };
static const char *kind_names[] = {"",        "country", "city",   "region", "nationality",
                                   "given_m", "given_f", "given_x"};
static const char *kind_enum[] = {"0",
                                  "TD_GAZ_COUNTRY",
                                  "TD_GAZ_CITY",
                                  "TD_GAZ_REGION",
                                  "TD_GAZ_NATIONALITY",
                                  "TD_GAZ_GIVEN_M",
                                  "TD_GAZ_GIVEN_F",
                                  "TD_GAZ_GIVEN_X"};

typedef struct entry {
  char *name;
  int kind;
  char cc[3];
} entry;

static entry *ents;
static size_t nents, aents;

/* Fold ASCII to lower case, turn '_' into ' ', collapse spaces, drop
** parenthesised qualifiers ("Bolivia (Plurinational State of)"). */
static char *fold(const char *s) {
  size_t n = strlen(s);
  char *d = malloc(n + 1), *p = d;
  int depth = 0, space = 0;
  if (!d) exit(3);
  for (; *s; s++) {
    char c = *s;
    if (c == '(') depth++;
    if (depth) {
      if (c == ')') depth--;
      continue;
    }
    if (c == '_' || c == ' ' || c == '\t') {
      space = 1;
      continue;
    }
    if (space && p > d) *p++ = ' ';
    space = 0;
    *p++ = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
  }
  *p = '\0';
  /* A trailing ", republic of" style qualifier is dropped too. */
  char *comma = strchr(d, ',');
  if (comma) *comma = '\0';
  while (p > d && p[-1] == ' ')
    *--p = '\0';
  return d;
}

static void add(const char *name, int kind, const char *cc) {
  char *f = fold(name);
  if (strlen(f) < 2) {
    free(f);
    return;
  }
  if (nents == aents) {
    aents = aents ? 2 * aents : 1024;
    ents = realloc(ents, aents * sizeof *ents);
    if (!ents) exit(3);
  }
  ents[nents].name = f;
  ents[nents].kind = kind;
  snprintf(ents[nents].cc, sizeof ents[nents].cc, "%s", (cc && strcmp(cc, "-")) ? cc : "");
  nents++;
}

static int cmp(const void *a, const void *b) {
  const entry *x = a, *y = b;
  int c = strcmp(x->name, y->name);
  return c ? c : x->kind - y->kind;
}

static void read_iso(const char *dir) {
  char path[1024];
  json_error_t err;
  snprintf(path, sizeof path, "%s/iso_3166-1.json", dir);
  json_t *root = json_load_file(path, 0, &err);
  if (!root) {
    fprintf(stderr, "gen_gazetteer: %s: %s\n", path, err.text);
    exit(2);
  }
  json_t *arr = json_object_get(root, "3166-1"), *c;
  size_t i;
  json_array_foreach(arr, i, c) {
    const char *cc = json_string_value(json_object_get(c, "alpha_2"));
    const char *keys[] = {"name", "common_name", "official_name"};
    for (int k = 0; k < 3; k++) {
      const char *v = json_string_value(json_object_get(c, keys[k]));
      if (v) add(v, COUNTRY, cc);
    }
  }
  json_decref(root);

  snprintf(path, sizeof path, "%s/iso_3166-2.json", dir);
  root = json_load_file(path, 0, &err);
  if (!root) {
    fprintf(stderr, "gen_gazetteer: %s: %s\n", path, err.text);
    exit(2);
  }
  arr = json_object_get(root, "3166-2");
  json_array_foreach(arr, i, c) {
    const char *code = json_string_value(json_object_get(c, "code"));
    const char *name = json_string_value(json_object_get(c, "name"));
    const char *type = json_string_value(json_object_get(c, "type"));
    if (!code || !name || !type || strlen(name) < 4) continue;
    /* Only first-level divisions that news names: states, provinces,
    ** regions. Districts and municipalities collide with surnames. */
    static const char *types[] = {"State",
                                  "Province",
                                  "Region",
                                  "Governorate",
                                  "Oblast",
                                  "Republic",
                                  "Autonomous republic",
                                  "Federal district",
                                  "Territory",
                                  "Emirate",
                                  "Canton",
                                  "Autonomous region"};
    int ok = 0;
    for (size_t t = 0; t < sizeof types / sizeof *types; t++)
      if (!strcmp(type, types[t])) ok = 1;
    /* Compass names ("West", "Centre") are regions of some country and
    ** would make every "the West" a place there. */
    static const char *vague[] = {
        "north",      "south",      "east",       "west",      "centre",    "center",
        "central",    "capital",    "littoral",   "coast",     "islands",   "northern",
        "southern",   "eastern",    "western",    "upper",     "lower",     "north-east",
        "north-west", "south-east", "south-west", "northeast", "northwest", "southeast",
        "southwest",  "plateau",    "highlands",  "lakes",     "mountains"};
    for (size_t t = 0; t < sizeof vague / sizeof *vague; t++)
      if (!strcasecmp(name, vague[t])) ok = 0;
    if (!ok) continue;
    char cc[3] = {code[0], code[1], 0};
    add(name, REGION, cc);
  }
  json_decref(root);
}

static void read_zones(const char *path) {
  FILE *f = fopen(path, "r");
  char line[1024];
  if (!f) {
    perror(path);
    exit(2);
  }
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#') continue;
    char *cc = strtok(line, "\t"), *coord = strtok(NULL, "\t"), *tz = strtok(NULL, "\t\n");
    if (!cc || !coord || !tz) continue;
    char *slash = strrchr(tz, '/');
    if (!slash) continue;
    char c2[3] = {cc[0], cc[1], 0};
    add(slash + 1, CITY, c2);
  }
  fclose(f);
}

static void read_own(const char *path) {
  FILE *f = fopen(path, "r");
  char line[1024];
  if (!f) {
    perror(path);
    exit(2);
  }
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#' || line[0] == '\n') continue;
    line[strcspn(line, "\n")] = '\0';
    char *k = strtok(line, " "), *cc = strtok(NULL, " "), *name = strtok(NULL, "");
    if (!k || !cc || !name) continue;
    int kind = 0;
    for (int i = 1; i <= GIVEN_X; i++)
      if (!strcmp(k, kind_names[i])) kind = i;
    if (!kind) {
      fprintf(stderr, "gen_gazetteer: %s: unknown kind %s\n", path, k);
      exit(2);
    }
    add(name, kind, cc);
  }
  fclose(f);
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: gen_gazetteer ISO_JSON_DIR ZONE1970_TAB GAZETTEER_TXT\n");
    return 1;
  }
  read_iso(argv[1]);
  read_zones(argv[2]);
  read_own(argv[3]);
  qsort(ents, nents, sizeof *ents, cmp);
  /* A given name that is also male and female becomes GIVEN_X. */
  printf("/*\n** gazetteer_table.c — GENERATED by tools/gen/gen_gazetteer.c from iso-codes\n"
         "** (ISO 3166-1, 3166-2), tzdata zone1970.tab and tools/gen/gazetteer.txt.\n"
         "** Do not edit; run tools/gen/gen_gazetteer.sh.\n*/\n"
         "#include \"extract/gazetteer.h\"\n\nconst td_gaz_entry td_gaz_table[] = {\n");
  size_t out = 0;
  for (size_t i = 0; i < nents; i++) {
    entry *e = &ents[i];
    if (i > 0 && !strcmp(e->name, ents[i - 1].name) && e->kind == ents[i - 1].kind) continue;
    int kind = e->kind;
    if (kind == GIVEN_M && i + 1 < nents && !strcmp(e->name, ents[i + 1].name) &&
        ents[i + 1].kind == GIVEN_F)
      kind = GIVEN_X;
    if (kind == GIVEN_F && i > 0 && !strcmp(e->name, ents[i - 1].name) &&
        ents[i - 1].kind == GIVEN_M)
      continue;
    /* Names are printed as C strings: escape what needs it. */
    printf("  {\"");
    for (const char *p = e->name; *p; p++) {
      if (*p == '"' || *p == '\\') putchar('\\');
      putchar(*p);
    }
    printf("\", %s, \"%s\"},\n", kind_enum[kind], e->cc);
    out++;
  }
  printf("};\nconst size_t td_gaz_count = %zu;\n", out);
  return 0;
}
