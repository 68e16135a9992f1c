/*
 * The SHA-256 digest that identifies an imported inventory file, from
 * Debian's nettle (which uses the CPU's SHA instructions where it has
 * them), as 64 lower-case hexadecimal digits.
 */
#ifndef SES_DIGEST_H
#define SES_DIGEST_H

#include <stddef.h>

#include <nettle/sha2.h>

struct digest {
	struct sha256_ctx	ctx;
};

/* Starts a new digest. */
void digest_init(struct digest *d);
/* Hashes len more bytes of data. */
void digest_update(struct digest *d, const void *data, size_t len);
/* Finishes: the digest as 64 lower-case hex digits and a NUL; init again to reuse d. */
void digest_hex(struct digest *d, char out[65]);

#endif
