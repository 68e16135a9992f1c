/*
 * A resolver that never answers, for the probe's deadline test: binds a
 * UDP port on a loopback address, says "ready", and reads forever.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct sockaddr_in sa;
	char buf[512];
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons(argc > 2 ? (unsigned short)atoi(argv[2]) : 53);
	if (fd < 0 || inet_pton(AF_INET, argc > 1 ? argv[1] : "127.0.0.1", &sa.sin_addr) != 1 ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("udp-sink");
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	for (;;)
		if (recv(fd, buf, sizeof(buf), 0) < 0)
			return 1;
}
