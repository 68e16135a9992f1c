/*
 * Failpoints: in test builds (SES_FAILPOINTS defined), named system calls
 * can be made to fail once or always, so that every error path of a save
 * is exercised.  In the program itself they compile to nothing.
 */
#ifndef SES_FAILPOINT_H
#define SES_FAILPOINT_H

#ifdef SES_FAILPOINTS
/* 1, errno set as a real failure would, when call name must fail now; else 0. */
int failpoint(const char *name);
/* Makes call name fail once, or every time if always; the first 16 are kept. */
void failpoint_set(const char *name, int always);
/* Forgets every failpoint, those from SES_MIGRATE_FAILPOINTS included. */
void failpoint_clear(void);
#else
#define failpoint(name) 0
#endif

#endif
