// SHA-256 block compression with the x86 SHA extensions (Intel SHA-NI, also on AMD since
// Zen): about eight times the throughput of the portable Swift rounds. Every inventory file
// of a run is digested, tens of megabytes, and the Swift rounds were a tenth of the run.
//
// Swift has no access to these instructions, hence this small C target. The functions are
// compiled for the SHA instructions through `target` attributes (no build flags), and only
// called after the CPU has been checked, so the binary still runs on CPUs without them.
// The layout of the working state in two registers (ABEF, CDGH) follows Intel's reference
// code ("Intel SHA Extensions", 2013).

#include "CSHA256.h"

// FIPS 180-4 (4.2.2); the portable Swift rounds read this table too.
const uint32_t residency_sha256_round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))

#include <cpuid.h>
#include <immintrin.h>

int residency_sha256_hardware_available(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const int ssse3 = (ecx >> 9) & 1, sse41 = (ecx >> 19) & 1;
    if (__get_cpuid_max(0, 0) < 7) return 0;
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    const int sha = (ebx >> 29) & 1;
    return ssse3 && sse41 && sha;
}

__attribute__((target("sha,sse4.1,ssse3")))
void residency_sha256_hardware_blocks(uint32_t state[8], const uint8_t *data, size_t count) {
    // Message words are big-endian: this shuffle reverses the bytes of each 32-bit lane.
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);

    // A..H as the instructions want them: ABEF in one register, CDGH in the other.
    __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1);    // CDAB
    __m128i state1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B); // EFGH
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);                                       // ABEF
    state1 = _mm_blend_epi16(state1, tmp, 0xF0);                                            // CDGH

    for (size_t block = 0; block < count; block++, data += 64) {
        const __m128i abef = state0, cdgh = state1;
        // The message schedule, four words per register: w[j % 4] holds words 4j..4j+3.
        __m128i w[4];
        for (int j = 0; j < 16; j++) {
            if (j < 4) {
                w[j] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * j)), byte_swap);
            } else {
                // W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16], four at a time.
                __m128i next = _mm_sha256msg1_epu32(w[j & 3], w[(j - 3) & 3]);
                next = _mm_add_epi32(next, _mm_alignr_epi8(w[(j - 1) & 3], w[(j - 2) & 3], 4));
                w[j & 3] = _mm_sha256msg2_epu32(next, w[(j - 1) & 3]);
            }
            // Four rounds: two per instruction, on the low then the high half.
            __m128i words = _mm_add_epi32(w[j & 3], _mm_loadu_si128((const __m128i *)&residency_sha256_round_constants[4 * j]));
            state1 = _mm_sha256rnds2_epu32(state1, state0, words);
            state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(words, 0x0E));
        }
        state0 = _mm_add_epi32(state0, abef);
        state1 = _mm_add_epi32(state1, cdgh);
    }

    // Back to A..H in memory order.
    tmp = _mm_shuffle_epi32(state0, 0x1B);                // FEBA
    state1 = _mm_shuffle_epi32(state1, 0xB1);             // DCHG
    state0 = _mm_blend_epi16(tmp, state1, 0xF0);          // A..D
    state1 = _mm_alignr_epi8(state1, tmp, 8);             // E..H
    _mm_storeu_si128((__m128i *)&state[0], state0);
    _mm_storeu_si128((__m128i *)&state[4], state1);
}

#else

int residency_sha256_hardware_available(void) { return 0; }

void residency_sha256_hardware_blocks(uint32_t state[8], const uint8_t *data, size_t count) {
    (void)state;
    (void)data;
    (void)count;
}

#endif
