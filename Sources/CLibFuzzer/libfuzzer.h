// libFuzzer's driver, for a program with its own main (the toolchain's
// libclang_rt.fuzzer, linked by -sanitize=fuzzer). Only fuzz builds call it.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
