/* Quoting for each script language, against hostile values. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "emit.h"
#include "ses.h"

typedef void (*quoter)(struct buf *, const char *);

static void
expect(quoter q, const char *in, const char *want)
{
	struct buf b;

	buf_init(&b);
	q(&b, in);
	if (strcmp(b.data, want) != 0)
		fail_msg("for [%s] wanted [%s], got [%s]", in, want, b.data);
	buf_free(&b);
}

static void
test_powershell(void **state)
{
	expect(emit_ps_quote, "plain", "'plain'");
	expect(emit_ps_quote, "O'Brien", "'O''Brien'");
	/* Typographic single quotes end a PowerShell string too. */
	expect(emit_ps_quote, "l\xe2\x80\x99" "agent", "'l\xe2\x80\x99\xe2\x80\x99" "agent'");
	expect(emit_ps_quote, "\xe2\x80\x98x\xe2\x80\x9b", "'\xe2\x80\x98\xe2\x80\x98x\xe2\x80\x9b\xe2\x80\x9b'");
	/* Nothing expands inside single quotes; line breaks and escapes are flattened. */
	expect(emit_ps_quote, "$(Remove-Item C:\\) `whoami` ; x", "'$(Remove-Item C:\\) `whoami` ; x'");
	expect(emit_ps_quote, "a\r\nb\x1b[31m", "'a  b [31m'");
}

static void
test_csv(void **state)
{
	expect(emit_csv_cell, "be1", "be1");
	expect(emit_csv_cell, "a,b", "\"a,b\"");
	expect(emit_csv_cell, "say \"hi\"", "\"say \"\"hi\"\"\"");
	expect(emit_csv_cell, "two\nlines", "\"two\nlines\"");
	/* No cell may start a spreadsheet formula. */
	expect(emit_csv_cell, "=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\"");
	expect(emit_csv_cell, "+1", "\"'+1\"");
	expect(emit_csv_cell, "-1", "\"'-1\"");
	expect(emit_csv_cell, "@SUM(A1)", "\"'@SUM(A1)\"");
	expect(emit_csv_cell, "\tx", "\"'\tx\"");
	expect(emit_csv_cell, "", "");
}

static void
test_cmd(void **state)
{
	expect(emit_cmd_text, "100% sure", "100%% sure");
	expect(emit_cmd_text, "a & del *.* | x > y < z ^", "a ^& del *.* ^| x ^> y ^< z ^^");
	expect(emit_cmd_text, "say \"hi\"", "say 'hi'");
	expect(emit_cmd_text, "a\r\nb", "a  b");
}

static void
test_nft(void **state)
{
	expect(emit_nft_comment, "backend-in con1 to be1 TCP 8443", "\"backend-in con1 to be1 TCP 8443\"");
	expect(emit_nft_comment, "x\"; flush ruleset; \"", "\"x__ flush ruleset_ _\"");
	expect(emit_nft_comment, "\xc3\xa9t\xc3\xa9\n", "\"__t___\"");
}

static void
test_tokens(void **state)
{
	assert_true(emit_safe_token(SES, "be1.corp.example"));
	assert_true(emit_safe_token(SES, "10.0.0.0/8,192.0.2.1"));
	assert_true(emit_safe_token(SES, "2001:db8::1"));
	assert_false(emit_safe_token(SES, "be1;rm"));
	assert_false(emit_safe_token(SES, "$(x)"));
	assert_false(emit_safe_token(SES, "a b"));
	assert_false(emit_safe_token(SES, "'x'"));
	assert_false(emit_safe_token(SES, ""));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_powershell),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_cmd),
		cmocka_unit_test(test_nft),
		cmocka_unit_test(test_tokens),
	};

	return cmocka_run_group_tests_name("emit", tests, NULL, NULL);
}
