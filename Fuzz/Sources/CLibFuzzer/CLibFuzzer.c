// The declaration in include/CLibFuzzer.h is all this target provides; libFuzzer itself comes from the
// compiler-rt archive that `-sanitize=fuzzer` links.
#include "CLibFuzzer.h"
