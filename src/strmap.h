/*
 * A hash index from strings to numbers (array positions, ids), so that the
 * loader, the model and the importer find a name in constant time however
 * many there are.  Keys are copied, or borrowed from an owner who keeps
 * them as long as the index; ASCII letters may be folded, for host and
 * agent names, which compare without regard to case.
 */
#ifndef SES_STRMAP_H
#define SES_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap_slot {
	char		*key;		/* NULL: empty */
	size_t		 len;
	uint64_t	 hash;
	size_t		 value;
};

struct strmap {
	struct strmap_slot	*slots;
	size_t			 cap;		/* a power of two, or 0 */
	size_t			 n;
	int			 fold;		/* compare ASCII letters without case */
	int			 borrow;	/* keys are the caller's, not copied */
};

/* An empty index; fold makes "PC-1" and "pc-1" the same key. */
void strmap_init(struct strmap *map, int fold);
/* The same, its keys borrowed: each must live, unchanged, while it is in the index. */
void strmap_init_borrowing(struct strmap *map, int fold);
/* Room for n keys in all without growing (a hint). */
void strmap_reserve(struct strmap *map, size_t n);
/* Forget every key; the index stays usable. */
void strmap_clear(struct strmap *map);
/* Frees every key and the table; map is left empty and usable, NULL a no-op. */
void strmap_free(struct strmap *map);
/* Whether key (len bytes) is there; its value goes to *value if so. */
int strmap_get(const struct strmap *map, const char *key, size_t len,
    size_t *value);
/* Add key with value, or change the value of a key already there; 1 if new. */
int strmap_put(struct strmap *map, const char *key, size_t len,
    size_t value);

#endif
