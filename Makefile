# tidings — build, test, fuzz, bench, eval.
#
#   make            library and CLI in build/ (optimised, -Werror)
#   make check      the whole test suite, built under ASan + UBSan in build/san/
#   make fuzz       every libFuzzer target (clang), run briefly
#   make bench      benchmarks with their baselines, side by side
#   make eval       scores on ../shared/eval
#   make demo       build, ingest examples/, show what the store holds

CC       ?= cc
PKGS     := sqlite3 libxml-2.0 libutf8proc jansson libmicrohttpd zlib libxxhash
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer -lm -lpthread
WARN     := -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter -Wstrict-prototypes
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Iinclude -Isrc $(PKG_CFLAGS) -MMD -MP

B        ?= build
SRC      := $(shell find src -name '*.c' | sort)
CLI_SRC  := $(sort $(wildcard cli/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
OBJ      := $(SRC:%.c=$(B)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(B)/%.o)
TESTS    := $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)
TEST_SUPPORT := $(filter-out $(TEST_SRC),$(wildcard tests/unit/*.c))

.PHONY: all check unit fuzz bench eval demo clean format
all: $(B)/tidings

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/libtidings.a: $(OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/tidings: $(CLI_OBJ) $(B)/libtidings.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libtidings.a $(PKG_LIBS)

$(B)/tests/%: tests/unit/%.c $(TEST_SUPPORT) $(B)/libtidings.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(TEST_SUPPORT) $(B)/libtidings.a $(PKG_LIBS) -lcmocka

unit: $(B)/tidings $(TESTS)

# The test suite runs under AddressSanitizer and UndefinedBehaviorSanitizer.
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
check:
	$(MAKE) --no-print-directory B=build/san CFLAGS="$(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" unit
	B=build/san tests/run.sh

FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_CC  ?= clang-14
FUZZ_FLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
FUZZ_TIME ?= 20
fuzz:
	$(MAKE) --no-print-directory B=build/fuzz CC=$(FUZZ_CC) CFLAGS="$(FUZZ_FLAGS)" build/fuzz/libtidings.a
	@mkdir -p build/fuzz/bin
	@set -e; for f in $(FUZZ_SRC); do n=$$(basename $$f .c); \
	  $(FUZZ_CC) -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Isrc $(PKG_CFLAGS) \
	    $$f build/fuzz/libtidings.a $(PKG_LIBS) -o build/fuzz/bin/$$n; done
	@set -e; for f in $(FUZZ_SRC); do n=$$(basename $$f .c); mkdir -p build/fuzz/corpus/$$n; \
	  echo "fuzz: $$n ($(FUZZ_TIME)s)"; \
	  build/fuzz/bin/$$n -max_total_time=$(FUZZ_TIME) -rss_limit_mb=2048 -max_len=65536 \
	    build/fuzz/corpus/$$n fuzz/corpus/$$n 2>build/fuzz/$$n.log || { tail -40 build/fuzz/$$n.log; exit 1; }; \
	  tail -1 build/fuzz/$$n.log; done

bench: $(B)/tidings
	bench/run.sh

eval: $(B)/tidings
	tools/eval/run.sh

# The main job on the embedded default store (./tidings.db, or $TIDINGS_DB):
# ingest the example corpus (again: re-ingesting adds nothing), then show the
# stories it forms and the store's counts.
demo: $(B)/tidings
	examples/ingest.sh $(B)/tidings
	@echo
	@$(B)/tidings stories
	@echo
	@$(B)/tidings stats

format:
	clang-format -i $(SRC) $(CLI_SRC) $(TEST_SRC) include/tidings.h $(shell find src cli -name '*.h')

clean:
	rm -rf build

-include $(OBJ:.o=.d) $(CLI_OBJ:.o=.d)
