// The allocator's threshold for mapped blocks (Sources/ResidencyKit/Support/ProcessMemory.swift
// says why it is set). `mallopt` is declared in malloc.h, which Swift's Glibc module leaves out.

#include "CSignalCleanup.h"

#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

int residency_set_mmap_threshold(int bytes) {
#if defined(__GLIBC__)
    return mallopt(M_MMAP_THRESHOLD, bytes);
#else
    (void)bytes;
    return 0;
#endif
}
