/* SHA-256 through nettle: a wrapper, so that callers need not know the library. */
#include <config.h>

#include "digest.h"

void
digest_init(struct digest *d)
{
	sha256_init(&d->ctx);
}

void
digest_update(struct digest *d, const void *data, size_t len)
{
	sha256_update(&d->ctx, len, data);
}

void
digest_hex(struct digest *d, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char raw[SHA256_DIGEST_SIZE];

	sha256_digest(&d->ctx, sizeof(raw), raw);
	for (size_t i = 0; i < sizeof(raw); i++) {
		out[2 * i] = hex[raw[i] >> 4];
		out[2 * i + 1] = hex[raw[i] & 0xf];
	}
	out[64] = '\0';
}
