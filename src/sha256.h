/* SHA-256 (FIPS 180-4), to identify an imported inventory file. */
#ifndef SES_SHA256_H
#define SES_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t	h[8];
	uint64_t	len;		/* bytes hashed so far */
	unsigned char	block[64];
	size_t		used;		/* bytes waiting in block */
};

/* Starts a new digest. */
void sha256_init(struct sha256 *c);
/* Hashes len more bytes of data. */
void sha256_update(struct sha256 *c, const void *data, size_t len);
/* Finishes: the digest as 64 lower-case hex digits and a NUL; init again to reuse c. */
void sha256_hex(struct sha256 *c, char out[65]);

#endif
