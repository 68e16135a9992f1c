/*
 * Failpoints: in test builds (SES_FAILPOINTS defined), named system calls
 * can be made to fail once or always, so that every error path of a save
 * is exercised.  In the program itself they compile to nothing.
 */
#ifndef SES_FAILPOINT_H
#define SES_FAILPOINT_H

#ifdef SES_FAILPOINTS
int failpoint(const char *name);
void failpoint_set(const char *name, int always);
void failpoint_clear(void);
#else
#define failpoint(name) 0
#endif

#endif
