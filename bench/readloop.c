/*
** readloop.c — the baseline `make bench` sets beside ingest: read() a file
** through a 256 KiB buffer and count its lines, nothing else.
**
**   readloop FILE
**
** Prints "bytes N lines N" on stdout. Counting newlines keeps the loop honest
** (every byte is touched, as any reader must) while costing next to nothing,
** so the ratio ingest/readloop says how much ingest spends beyond getting the
** bytes into memory. A stand-alone tool, not part of libtidings.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: readloop FILE\n");
    return 1;
  }
  int fd = open(argv[1], O_RDONLY);
  if (fd < 0) {
    fprintf(stderr, "readloop: %s: %s\n", argv[1], strerror(errno));
    return 1;
  }
  static char buf[256 * 1024];
  long long bytes = 0, lines = 0;
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      fprintf(stderr, "readloop: %s: %s\n", argv[1], strerror(errno));
      close(fd);
      return 1;
    }
    if (n == 0) break;
    bytes += n;
    for (const char *p = buf, *end = buf + n; (p = memchr(p, '\n', (size_t)(end - p))); p++)
      lines++;
  }
  close(fd);
  printf("bytes %lld lines %lld\n", bytes, lines);
  return 0;
}
