/*
 * `dotnet --list-runtimes` as Windows prints it, pasted or saved by a
 * redirection: the highest 8.0.x of each runtime the agent handlers need,
 * in UTF-8 or UTF-16, whatever else the list holds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "runtimes.h"

/* As a host with several patches and series installed prints it, CRLF. */
static const char listing[] =
    "Microsoft.AspNetCore.App 6.0.36 [C:\\Program Files\\dotnet\\shared\\Microsoft.AspNetCore.App]\r\n"
    "Microsoft.AspNetCore.App 8.0.8 [C:\\Program Files\\dotnet\\shared\\Microsoft.AspNetCore.App]\r\n"
    "Microsoft.AspNetCore.App 8.0.11 [C:\\Program Files\\dotnet\\shared\\Microsoft.AspNetCore.App]\r\n"
    "Microsoft.AspNetCore.App 9.0.0 [C:\\Program Files\\dotnet\\shared\\Microsoft.AspNetCore.App]\r\n"
    "Microsoft.NETCore.App 8.0.11 [C:\\Program Files\\dotnet\\shared\\Microsoft.NETCore.App]\r\n"
    "Microsoft.WindowsDesktop.App 8.0.10 [C:\\Program Files\\dotnet\\shared\\Microsoft.WindowsDesktop.App]\r\n"
    "Microsoft.WindowsDesktop.App 8.0.9 [C:\\Program Files\\dotnet\\shared\\Microsoft.WindowsDesktop.App]\r\n"
    "Microsoft.WindowsDesktop.App 9.0.0-rc.2.24473.5 [C:\\Program Files\\dotnet\\shared\\Microsoft.WindowsDesktop.App]\r\n";

static void
test_highest_of_the_series(void **state)
{
	struct runtimes_found r;
	const char *err = NULL;

	assert_int_equal(runtimes_parse(listing, strlen(listing), "8.0", &r, &err), 0);
	/* 8.0.11 over 8.0.8: compared as numbers, not as text. */
	assert_string_equal(r.aspnetcore, "8.0.11");
	assert_string_equal(r.desktop, "8.0.10");
	/* Left aside: 6.0.36, 9.0.0, Microsoft.NETCore.App and the release candidate. */
	assert_int_equal(r.ignored, 4);
	runtimes_free(&r);
}

/* What `dotnet --list-runtimes > file` leaves in Windows PowerShell 5.1: UTF-16LE with a BOM. */
static void
test_utf16(void **state)
{
	const char *line = "Microsoft.AspNetCore.App 8.0.12 [C:\\x]\r\n";
	size_t n = strlen(line), len = 2 + 2 * n;
	char *data = malloc(len);
	struct runtimes_found r;
	const char *err = NULL;

	data[0] = (char)0xff;
	data[1] = (char)0xfe;
	for (size_t i = 0; i < n; i++) {
		data[2 + 2 * i] = line[i];
		data[3 + 2 * i] = 0;
	}
	assert_int_equal(runtimes_parse(data, len, "8.0", &r, &err), 0);
	assert_string_equal(r.aspnetcore, "8.0.12");
	assert_null(r.desktop);
	runtimes_free(&r);
	/* Cut in the middle of a unit: not text. */
	assert_int_equal(runtimes_parse(data, len - 1, "8.0", &r, &err), -1);
	assert_non_null(err);
	free(data);
}

static void
test_nothing_of_use(void **state)
{
	const char *junk = "\xef\xbb\xbf" "dotnet : The term 'dotnet' is not recognized\r\n\r\n  \r\nMicrosoft.AspNetCore.App\r\n";
	struct runtimes_found r;
	const char *err = NULL;

	assert_int_equal(runtimes_parse(junk, strlen(junk), "8.0", &r, &err), 0);
	assert_null(r.aspnetcore);
	assert_null(r.desktop);
	runtimes_free(&r);
	/* A NUL in the middle: a binary file, refused. */
	assert_int_equal(runtimes_parse("Micro\0soft", 10, "8.0", &r, &err), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_highest_of_the_series),
		cmocka_unit_test(test_utf16),
		cmocka_unit_test(test_nothing_of_use),
	};

	return cmocka_run_group_tests_name("runtimes", tests, NULL, NULL);
}
