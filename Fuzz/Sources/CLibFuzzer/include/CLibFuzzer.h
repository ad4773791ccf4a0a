#ifndef SENIM_CLIBFUZZER_H
#define SENIM_CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver as a library call (compiler-rt FuzzerInterface.h): the executable keeps its own `main`,
/// strips the harness name from the arguments, then hands the rest to libFuzzer with the chosen harness.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
