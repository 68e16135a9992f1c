/* Open addressing with linear probing, kept at most two thirds full. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "xalloc.h"

static unsigned char
fold_byte(unsigned char c, int fold)
{
	return fold && c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* FNV-1a over the key, folded when the index folds. */
static uint64_t
hash_key(const char *key, size_t len, int fold)
{
	uint64_t h = 14695981039346656037ULL;

	for (size_t i = 0; i < len; i++)
		h = (h ^ fold_byte((unsigned char)key[i], fold)) * 1099511628211ULL;
	return h;
}

static int
same(const struct strmap *map, const struct strmap_slot *s, const char *key,
    size_t len, uint64_t h)
{
	if (s->hash != h || s->len != len)
		return 0;
	if (!map->fold)
		return memcmp(s->key, key, len) == 0;
	for (size_t i = 0; i < len; i++)
		if (fold_byte((unsigned char)s->key[i], 1) !=
		    fold_byte((unsigned char)key[i], 1))
			return 0;
	return 1;
}

void
strmap_init(struct strmap *map, int fold)
{
	memset(map, 0, sizeof(*map));
	map->fold = fold;
}

void
strmap_init_borrowing(struct strmap *map, int fold)
{
	strmap_init(map, fold);
	map->borrow = 1;
}

/*
 * A large table is let go rather than kept: the loader clears its index of
 * a section's keys at every section, and must not walk a table sized for
 * the history's thousands of keys at each of a thousand small sections.
 */
void
strmap_clear(struct strmap *map)
{
	for (size_t i = 0; i < map->cap && map->n > 0; i++) {
		if (map->slots[i].key != NULL)
			map->n--;
		if (!map->borrow)
			free(map->slots[i].key);
		map->slots[i].key = NULL;
	}
	map->n = 0;
	if (map->cap > 64) {
		free(map->slots);
		map->slots = NULL;
		map->cap = 0;
	}
}

void
strmap_free(struct strmap *map)
{
	if (map == NULL)
		return;
	strmap_clear(map);
	free(map->slots);
	if (map->borrow)
		strmap_init_borrowing(map, map->fold);
	else
		strmap_init(map, map->fold);
}

/* The slot of key, or the empty slot where it would go. */
static struct strmap_slot *
find(const struct strmap *map, const char *key, size_t len, uint64_t h)
{
	size_t mask = map->cap - 1;
	/*
	 * FNV-1a's low bits barely change between keys that differ only in
	 * their last characters ("49999", "50000"): mixed first, or such keys
	 * pile up in long runs of slots.
	 */
	uint64_t m = (h ^ (h >> 29)) * 0xbf58476d1ce4e5b9ULL;

	for (size_t i = (size_t)(m ^ (m >> 32)) & mask; ; i = (i + 1) & mask) {
		struct strmap_slot *s = &map->slots[i];

		if (s->key == NULL || same(map, s, key, len, h))
			return s;
	}
}

int
strmap_get(const struct strmap *map, const char *key, size_t len,
    size_t *value)
{
	const struct strmap_slot *s;

	if (map->n == 0)
		return 0;
	s = find(map, key, len, hash_key(key, len, map->fold));
	if (s->key == NULL)
		return 0;
	if (value != NULL)
		*value = s->value;
	return 1;
}

/* The table at cap slots, a power of two above the keys it holds. */
static void
grow_to(struct strmap *map, size_t cap)
{
	struct strmap_slot *old = map->slots;
	size_t oldcap = map->cap;

	map->cap = cap;
	map->slots = xcalloc(map->cap, sizeof(*map->slots));
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*find(map, old[i].key, old[i].len, old[i].hash) = old[i];
	free(old);
}

/* Kept at most two thirds full. */
static int
fits(size_t n, size_t cap)
{
	return n * 3 <= cap * 2;
}

void
strmap_reserve(struct strmap *map, size_t n)
{
	size_t cap = map->cap ? map->cap : 16;

	while (!fits(n, cap) && cap <= SIZE_MAX / 4)
		cap *= 2;
	if (cap > map->cap)
		grow_to(map, cap);
}

int
strmap_put(struct strmap *map, const char *key, size_t len, size_t value)
{
	uint64_t h = hash_key(key, len, map->fold);
	struct strmap_slot *s;

	if (!fits(map->n + 1, map->cap))
		grow_to(map, map->cap ? map->cap * 2 : 16);
	s = find(map, key, len, h);
	if (s->key != NULL) {
		s->value = value;
		return 0;
	}
	s->key = map->borrow ? (char *)(uintptr_t)key : xstrndup(key, len);
	s->len = len;
	s->hash = h;
	s->value = value;
	map->n++;
	return 1;
}
