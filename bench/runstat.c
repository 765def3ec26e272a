/*
** runstat.c — run a command and report its wall time, CPU time and peak
** resident memory, for `make bench` (so the benchmark needs no GNU time).
**
**   runstat OUTFILE COMMAND [ARG...]
**
** The command inherits stdin, stdout and stderr. When it ends, one line is
** written to OUTFILE: "wall_s user_s sys_s maxrss_kb status", where maxrss is
** the child's peak RSS from wait4()'s rusage (Linux reports it in KiB) and
** status is its exit status (128+N when killed by signal N). runstat exits
** with the same status. A stand-alone tool, not part of libtidings.
*/
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double tv(struct timeval t) { return (double)t.tv_sec + (double)t.tv_usec / 1e6; }

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: runstat OUTFILE COMMAND [ARG...]\n");
    return 1;
  }
  FILE *out = fopen(argv[1], "w");
  if (!out) {
    fprintf(stderr, "runstat: %s: %s\n", argv[1], strerror(errno));
    return 1;
  }
  double t0 = now();
  pid_t pid = fork();
  if (pid < 0) {
    fprintf(stderr, "runstat: fork: %s\n", strerror(errno));
    return 1;
  }
  if (pid == 0) {
    fclose(out);
    execvp(argv[2], argv + 2);
    fprintf(stderr, "runstat: %s: %s\n", argv[2], strerror(errno));
    _exit(127);
  }
  int st = 0;
  struct rusage ru;
  while (wait4(pid, &st, 0, &ru) < 0) {
    if (errno != EINTR) {
      fprintf(stderr, "runstat: wait4: %s\n", strerror(errno));
      return 1;
    }
  }
  double wall = now() - t0;
  int status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  fprintf(out, "%.6f %.6f %.6f %ld %d\n", wall, tv(ru.ru_utime), tv(ru.ru_stime), ru.ru_maxrss,
          status);
  if (fclose(out) != 0) return 1;
  return status;
}
