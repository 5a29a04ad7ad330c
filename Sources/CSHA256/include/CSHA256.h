#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// The 64 round constants of SHA-256, for the hardware and the portable rounds alike.
extern const uint32_t residency_sha256_round_constants[64];

/// Whether this CPU has the x86 SHA extensions (and the SSE levels the code needs).
/// Always 0 on other architectures, where `SHA256` uses its portable Swift rounds.
int residency_sha256_hardware_available(void);

/// Compresses `count` consecutive 64-byte blocks at `data` into `state` (the eight working
/// words, in order) with the SHA instructions. Call only when the above returns 1.
void residency_sha256_hardware_blocks(uint32_t state[8], const uint8_t *data, size_t count);

#endif
