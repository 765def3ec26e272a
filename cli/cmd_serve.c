/*
** cmd_serve.c — `tidings serve`: run the HTTP API and the web page until
** SIGINT or SIGTERM.
*/
#include "cli.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

int cmd_serve(cli *c, int argc, char **argv) {
  static const struct option longopts[] = {{"listen", required_argument, NULL, 'l'},
                                           {"token", required_argument, NULL, 't'},
                                           {"threads", required_argument, NULL, 'n'},
                                           {"max-body", required_argument, NULL, 'b'},
                                           {"rate", required_argument, NULL, 'r'},
                                           {"web", required_argument, NULL, 'w'},
                                           {"help", no_argument, NULL, 'h'},
                                           {NULL, 0, NULL, 0}};
  td_server_opts o = {0};
  int done = 0, ch;
  const char *env = getenv("TIDINGS_TOKEN");
  if (env && *env) o.token = env;
  while ((ch = cli_getopt(c, argc, argv, "l:t:n:b:r:w:h", longopts, &done)) != -1) {
    switch (ch) {
    case 'l': o.listen = optarg; break;
    case 't': o.token = optarg; break;
    case 'n': o.threads = atoi(optarg); break;
    case 'b': o.max_body = (size_t)strtoull(optarg, NULL, 10); break;
    case 'r': o.rate = atoi(optarg) == 0 ? -1 : atoi(optarg); break;
    case 'w': o.web_dir = optarg; break;
    default: return cli_usage(c, "bad option");
    }
  }
  if (done) return 0;
  if (optind != argc) return cli_usage(c, "serve takes no arguments");
  if (o.token && strlen(o.token) < 16)
    return cli_usage(c, "the token is too short: use at least 16 characters");
  /* Many concurrent connections need many descriptors: take what we may. */
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
    if (rl.rlim_cur < rl.rlim_max) {
      rl.rlim_cur = rl.rlim_max;
      if (setrlimit(RLIMIT_NOFILE, &rl) != 0) getrlimit(RLIMIT_NOFILE, &rl);
    }
    /* A connection is a descriptor; keep some for the store and the daemon.
    ** Past its limit the daemon refuses a connection at once, whereas a
    ** process out of descriptors stops accepting and leaves clients hanging. */
    const rlim_t reserve = 64;
    int want = o.max_connections > 0 ? o.max_connections : 4096;
    if (rl.rlim_cur != RLIM_INFINITY && (rlim_t)want + reserve > rl.rlim_cur) {
      int fit = rl.rlim_cur > reserve + 16 ? (int)(rl.rlim_cur - reserve) : 16;
      fprintf(stderr, "tidings serve: %llu open files allowed (ulimit -n): at most %d connections\n",
              (unsigned long long)rl.rlim_cur, fit);
      o.max_connections = fit;
    }
  }
  /* Block the stop signals in every thread, then wait for one here. */
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, NULL);
  td_server *srv;
  char *err = NULL;
  int rc = td_server_start(c->db_path, &o, &srv, &err);
  if (rc) {
    cli_error(c, "%s", err ? err : td_strerror(rc));
    td_free(err);
    return rc == TD_EUSAGE ? EXIT_USAGE : cli_exit_status(rc);
  }
  const char *listen = o.listen ? o.listen : "127.0.0.1:8080";
  const char *colon = strrchr(listen, ':');
  printf("listening on http://%.*s:%d/%s\n", (int)(colon - listen), listen, td_server_port(srv),
         o.token ? " (POST /api/articles enabled)" : "");
  fflush(stdout);
  int sig = 0;
  sigwait(&set, &sig);
  td_server_stop(srv);
  fprintf(stderr, "tidings: stopped\n");
  return 0;
}
