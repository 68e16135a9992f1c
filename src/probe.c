/*
 * Probes.  Every connection is started at once on a non-blocking socket and
 * the whole set is polled against one deadline, so a thousand endpoints
 * cost one timeout, not a thousand.
 *
 * What this machine can test is what it would use itself: the flows the
 * port table marks as probed (a console's to the backend, an agent's to the
 * agent handlers: a console machine runs an agent too).  A new port with
 * no service behind it yet counts as reached when the host refuses the
 * connection: the firewall let the packet through.  At the end, the old
 * protocol's port must no longer accept.
 */
#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "plan.h"
#include "probe.h"
#include "schema.h"
#include "strmap.h"
#include "validate.h"
#include "xalloc.h"

const char *
probe_result_id(enum probe_result r)
{
	static const char *const ids[] = { "open", "refused", "timeout", "unreachable" };

	return ids[r];
}

static void
add(struct endpoint **v, size_t *n, const struct host *h, unsigned port,
    int expect_open, int listening)
{
	struct endpoint *e;

	for (size_t i = 0; i < *n; i++) {
		if ((*v)[i].port == port && strcmp((*v)[i].host, h->name) == 0) {
			(*v)[i].listening |= listening;
			return;
		}
	}
	*v = xappend(*v, *n, sizeof(**v));
	e = &(*v)[(*n)++];
	memset(e, 0, sizeof(*e));
	e->host = xstrdup(h->name);
	e->address = h->address != NULL ? xstrdup(h->address) : NULL;
	e->port = port;
	e->expect_open = expect_open;
	e->listening = listening;
}

/*
 * The endpoints to probe at this step: the dual phase, or the final one
 * from the point of no return on.  Once the update step is done, the
 * target's services run: their ports must accept, not just get through.
 */
void
probe_endpoints(const struct model *m, size_t step, struct endpoint **v,
    size_t *n)
{
	const struct migration *mig = m->mig;
	int final = step == mig->irreversible ||
	    m->steps[mig->irreversible].status == STATUS_DONE;
	int migrated = m->steps[mig->update_step].status == STATUS_DONE;
	struct plan p;

	*v = NULL;
	*n = 0;
	plan_build(m, final ? PHASE_TARGET : PHASE_DUAL, 0, NULL, &p);
	for (size_t i = 0; i < p.n; i++) {
		const struct flow *f = &p.v[i];
		unsigned flags = mig->flows[f->kind].flags;

		if (f->dst_host == NULL || f->proto != PROTO_TCP || !(flags & FLOW_PROBED))
			continue;
		if (f->action == ACTION_REMOVE) {
			/* The old protocol, closed at the end: it must refuse. */
			if (flags & FLOW_REMOVED_LAST)
				add(v, n, f->dst_host, f->port, 0, 0);
			continue;
		}
		add(v, n, f->dst_host, f->port, 1, f->in_baseline || migrated);
	}
	plan_free(&p);
}

static unsigned
elapsed_ms(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (unsigned)((t.tv_sec - t0->tv_sec) * 1000 +
	    (t.tv_nsec - t0->tv_nsec) / 1000000);
}

/*
 * Name resolution, under the probe's deadline: every name is looked up at
 * once (getaddrinfo_a), and one that has not resolved when time runs out
 * counts as unreachable.  A lookup still running then is abandoned, not
 * freed: the resolver's thread owns it until it returns, however late.
 */
struct lookup {
	struct gaicb	  cb;
	struct addrinfo	  hints;
	char		 *name;
	int		  submitted;	/* handed to getaddrinfo_a */
	int		  numeric;	/* an IP address, read without a lookup */
};

/* The distinct names looked up, and which one each endpoint uses. */
struct lookups {
	struct lookup	**v;
	size_t		  n;
	struct lookup	**of;		/* per endpoint */
};

static struct addrinfo *
resolved(const struct lookup *l)
{
	if (l->numeric)
		return l->cb.ar_result;
	return l->submitted && gai_error((struct gaicb *)&l->cb) == 0 ?
	    l->cb.ar_result : NULL;
}

/* Look up every name the endpoints need, until done or the deadline. */
static void
resolve_all(const struct endpoint *v, size_t n, const struct timespec *t0,
    unsigned timeout_ms, struct lookups *out)
{
	struct gaicb **list = xcalloc(n, sizeof(*list));
	struct strmap names;
	size_t nlist = 0;

	out->v = xcalloc(n, sizeof(*out->v));
	out->of = xcalloc(n, sizeof(*out->of));
	out->n = 0;
	strmap_init(&names, 1);
	for (size_t i = 0; i < n; i++) {
		const char *name = v[i].address != NULL ? v[i].address : v[i].host;
		struct lookup *l;
		size_t k;

		if (strmap_get(&names, name, strlen(name), &k)) {
			out->of[i] = out->v[k];
			continue;
		}
		l = xcalloc(1, sizeof(*l));
		l->name = xstrdup(name);
		l->hints.ai_socktype = SOCK_STREAM;
		l->cb.ar_name = l->name;
		l->cb.ar_request = &l->hints;
		strmap_put(&names, name, strlen(name), out->n);
		out->v[out->n++] = l;
		out->of[i] = l;
		/*
		 * An address needs no name server: read at once, with no thread;
		 * what is neither an address nor a host name is not looked up.
		 */
		if (valid_ip_literal(name)) {
			l->hints.ai_flags = AI_NUMERICHOST;
			if (getaddrinfo(name, NULL, &l->hints, &l->cb.ar_result) != 0)
				l->cb.ar_result = NULL;
			l->numeric = 1;
		} else if (!valid_hostname(name))
			l->numeric = 1;
		else
			list[nlist++] = &l->cb;
	}
	strmap_free(&names);
	if (nlist > 0 && getaddrinfo_a(GAI_NOWAIT, list, (int)nlist, NULL) == 0) {
		for (size_t k = 0; k < out->n; k++)
			out->v[k]->submitted = !out->v[k]->numeric;
		for (;;) {
			unsigned spent = elapsed_ms(t0);
			struct timespec left;
			size_t busy = 0;

			for (size_t k = 0; k < nlist; k++)
				busy += gai_error(list[k]) == EAI_INPROGRESS;
			if (busy == 0 || spent >= timeout_ms)
				break;
			left.tv_sec = (timeout_ms - spent) / 1000;
			left.tv_nsec = (long)((timeout_ms - spent) % 1000) * 1000000;
			gai_suspend((const struct gaicb *const *)list, (int)nlist, &left);
		}
		for (size_t k = 0; k < nlist; k++)
			if (gai_error(list[k]) == EAI_INPROGRESS)
				gai_cancel(list[k]);
	}
	free(list);
}

/* Free the lookups that are over; one still running is left to its thread. */
static void
lookups_free(struct lookups *ls)
{
	for (size_t k = 0; k < ls->n; k++) {
		struct lookup *l = ls->v[k];

		if (l->submitted && gai_error(&l->cb) == EAI_INPROGRESS)
			continue;
		if (l->cb.ar_result != NULL)
			freeaddrinfo(l->cb.ar_result);
		free(l->name);
		free(l);
	}
	free(ls->v);
	free(ls->of);
}

/* Start a connection; -1 when it already has its result. */
static int
start(struct endpoint *e, const struct lookup *l)
{
	struct addrinfo *ai = resolved(l);
	struct sockaddr_storage sa;
	socklen_t salen;
	int fd, rc;

	if (ai == NULL) {
		e->result = PROBE_UNREACHABLE;
		return -1;
	}
	memcpy(&sa, ai->ai_addr, ai->ai_addrlen);
	salen = ai->ai_addrlen;
	if (sa.ss_family == AF_INET)
		((struct sockaddr_in *)&sa)->sin_port = htons((uint16_t)e->port);
	else if (sa.ss_family == AF_INET6)
		((struct sockaddr_in6 *)&sa)->sin6_port = htons((uint16_t)e->port);
	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		e->result = PROBE_UNREACHABLE;
		return -1;
	}
	rc = connect(fd, (struct sockaddr *)&sa, salen);
	if (rc == 0 || errno == EINPROGRESS) {
		if (rc == 0)
			e->result = PROBE_OPEN;
		return rc == 0 ? (close(fd), -1) : fd;
	}
	e->result = errno == ECONNREFUSED ? PROBE_REFUSED : PROBE_UNREACHABLE;
	close(fd);
	return -1;
}

/* Enough descriptors for every connection at once, if the system allows. */
static size_t
room_for(size_t n)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return 256;
	if (rl.rlim_cur < n + 64) {
		rl.rlim_cur = rl.rlim_max < n + 64 ? rl.rlim_max : n + 64;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	return rl.rlim_cur > 64 ? rl.rlim_cur - 64 : 1;
}

static void
judge(struct endpoint *e)
{
	if (!e->expect_open)
		e->ok = e->result == PROBE_REFUSED || e->result == PROBE_TIMEOUT;
	else if (e->listening)
		e->ok = e->result == PROBE_OPEN;
	else
		e->ok = e->result == PROBE_OPEN || e->result == PROBE_REFUSED;
}

/* Probe every endpoint at once; all share one deadline, names included. */
void
probe_run(struct endpoint *v, size_t n, unsigned timeout_ms)
{
	size_t batch = room_for(n);
	struct pollfd *pfd = xcalloc(n, sizeof(*pfd));
	size_t *who = xcalloc(n, sizeof(*who));
	struct lookups lookups;
	struct timespec t0, start_all;

	clock_gettime(CLOCK_MONOTONIC, &start_all);
	resolve_all(v, n, &start_all, timeout_ms, &lookups);
	for (size_t first = 0; first < n; first += batch) {
		size_t last = first + batch < n ? first + batch : n, npfd = 0, left;

		/* Each batch (only when descriptors run short) gets the whole timeout. */
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (first == 0)
			t0 = start_all;
		for (size_t i = first; i < last; i++) {
			int fd = start(&v[i], lookups.of[i]);

			v[i].ms = elapsed_ms(&t0);
			if (fd < 0)
				continue;
			pfd[npfd].fd = fd;
			pfd[npfd].events = POLLOUT;
			who[npfd++] = i;
		}
		left = npfd;
		while (left > 0) {
			unsigned spent = elapsed_ms(&t0);
			int ready;

			if (spent >= timeout_ms)
				break;
			ready = poll(pfd, npfd, (int)(timeout_ms - spent));
			if (ready < 0 && errno == EINTR)
				continue;
			if (ready <= 0)
				break;
			for (size_t k = 0; k < npfd; k++) {
				struct endpoint *e = &v[who[k]];
				int err = 0;
				socklen_t len = sizeof(err);

				if (pfd[k].fd < 0 || pfd[k].revents == 0)
					continue;
				getsockopt(pfd[k].fd, SOL_SOCKET, SO_ERROR, &err, &len);
				e->result = err == 0 ? PROBE_OPEN : err == ECONNREFUSED ?
				    PROBE_REFUSED : err == ETIMEDOUT ? PROBE_TIMEOUT :
				    PROBE_UNREACHABLE;
				e->ms = elapsed_ms(&t0);
				close(pfd[k].fd);
				pfd[k].fd = -1;
				left--;
			}
		}
		for (size_t k = 0; k < npfd; k++) {
			if (pfd[k].fd < 0)
				continue;
			v[who[k]].result = PROBE_TIMEOUT;
			v[who[k]].ms = elapsed_ms(&t0);
			close(pfd[k].fd);
		}
	}
	for (size_t i = 0; i < n; i++)
		judge(&v[i]);
	lookups_free(&lookups);
	free(pfd);
	free(who);
}

/*
 * The endpoints that failed, "host:port result, ...", as much as the state
 * keeps of a text: whole entries only, and a count of those left out.
 */
static char *
failed_list(const struct endpoint *v, size_t n, size_t nfailed)
{
	struct buf b, one;
	size_t listed = 0;

	buf_init(&b);
	buf_init(&one);
	for (size_t i = 0; i < n; i++) {
		if (v[i].ok)
			continue;
		buf_reset(&one);
		buf_printf(&one, "%s%s:%u %s", listed ? ", " : "", v[i].host,
		    v[i].port, probe_result_id(v[i].result));
		/* 24 bytes left for ", +N", the count of those not listed. */
		if (b.len + one.len > SCHEMA_TEXT_MAX - 24)
			break;
		buf_add(&b, one.data, one.len);
		listed++;
	}
	buf_free(&one);
	if (listed < nfailed)
		buf_printf(&b, "%s+%zu", listed ? ", " : "", nfailed - listed);
	return buf_detach(&b);
}

int
probe_has_item(const struct model *m, size_t step)
{
	return step < m->mig->nsteps && migration_step_evidence(m->mig, step) >= 0;
}

/*
 * Keep the outcome as the evidence of the step's probe item, if it has
 * one (0), replacing any earlier probe and its waiver; -1 otherwise.
 */
int
probe_record(struct model *m, size_t step, const struct endpoint *v, size_t n,
    const struct actor *a)
{
	int item = probe_has_item(m, step) ? migration_step_evidence(m->mig, step) : -1;
	struct evidence *e;
	size_t nfailed = 0;

	if (item < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		nfailed += !v[i].ok;
	e = &m->evidence[item];
	evidence_free(e);
	e->at = time_format(a->when);
	e->verdict = nfailed == 0 ? VERDICT_PASS : VERDICT_FAIL;
	e->failed = nfailed > 0 ? failed_list(v, n, nfailed) : NULL;
	/* The same result again folds into the history's last probe. */
	model_event_add(m, a, "probe", m->mig->items[item].id, e->failed);
	return 0;
}

void
probe_free(struct endpoint *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].host);
		free(v[i].address);
	}
	free(v);
}
