// The undo log that a signal handler runs when a run is interrupted while writing its
// outputs: temporaries removed, replaced reports put back from their backups, a swapped
// JUnit folder swapped back. It is C because a signal handler may call only
// async-signal-safe functions and touch only lock-free state, which Swift cannot promise
// (its runtime allocates, retains and checks exclusivity behind the scenes).
//
// The writer appends steps under a mutex; the handler reads them without it. A step's
// strings are written before its `op` is published (release), and the count after the array
// that holds it, so that the handler, reading the count first, never sees a step half made.
// Arrays that grew are never freed (the handler may still read one), and strings are freed
// only when no step is live and no handler is installed.

#include "CSignalCleanup.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    _Atomic int op;
    char *a;
    char *b;
} step;

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static _Atomic(step *) steps;
static _Atomic long count;
static long capacity, live;
static int installs;

enum { handled = 3 };
static const int signals[handled] = {SIGINT, SIGTERM, SIGHUP};
static struct sigaction previous[handled];

static int perform(int op, const char *a, const char *b) {
    switch (op) {
    case RESIDENCY_UNDO_UNLINK: return unlink(a) == 0 ? 0 : errno;
    case RESIDENCY_UNDO_RMDIR: return rmdir(a) == 0 ? 0 : errno;
    case RESIDENCY_UNDO_RENAME: return rename(a, b) == 0 ? 0 : errno;
    case RESIDENCY_UNDO_RESTORE:
        if (rename(a, b) != 0) return errno;
        // Kept when the rename failed: then the backup may be the only copy of the report.
        (void)unlink(a);
        return 0;
    default: return 0;
    }
}

static void on_signal(int sig) {
    long n = atomic_load_explicit(&count, memory_order_acquire);
    step *s = atomic_load_explicit(&steps, memory_order_acquire);
    for (long i = n - 1; i >= 0; i--) {
        int op = atomic_exchange_explicit(&s[i].op, 0, memory_order_acq_rel);
        if (op != 0) (void)perform(op, s[i].a, s[i].b);
    }
    for (int k = 0; k < handled; k++) {
        if (signals[k] == sig) (void)sigaction(sig, &previous[k], NULL);
    }
    // Blocked while this handler runs; delivered, with the previous action, when it returns.
    (void)raise(sig);
}

/// Frees every string once nothing can read them; called with the mutex held.
static void reset_if_idle(void) {
    if (live != 0 || installs != 0) return;
    step *s = atomic_load_explicit(&steps, memory_order_acquire);
    long n = atomic_load_explicit(&count, memory_order_acquire);
    for (long i = 0; i < n; i++) {
        free(s[i].a);
        free(s[i].b);
        s[i].a = s[i].b = NULL;
    }
    atomic_store_explicit(&count, 0, memory_order_release);
}

long residency_undo_add(residency_undo_op op, const char *a, const char *b) {
    pthread_mutex_lock(&mutex);
    long n = atomic_load_explicit(&count, memory_order_relaxed);
    step *s = atomic_load_explicit(&steps, memory_order_relaxed);
    if (n == capacity) {
        long grown = capacity == 0 ? 64 : capacity * 2;
        step *bigger = calloc((size_t)grown, sizeof(step));
        if (bigger == NULL) {
            pthread_mutex_unlock(&mutex);
            return -1;
        }
        for (long i = 0; i < n; i++) {
            atomic_init(&bigger[i].op, atomic_load_explicit(&s[i].op, memory_order_relaxed));
            bigger[i].a = s[i].a;
            bigger[i].b = s[i].b;
        }
        atomic_store_explicit(&steps, bigger, memory_order_release);
        s = bigger;
        capacity = grown;
    }
    s[n].a = strdup(a);
    s[n].b = b != NULL ? strdup(b) : NULL;
    if (s[n].a == NULL || (b != NULL && s[n].b == NULL)) {
        free(s[n].a);
        free(s[n].b);
        s[n].a = s[n].b = NULL;
        pthread_mutex_unlock(&mutex);
        return -1;
    }
    atomic_store_explicit(&s[n].op, (int)op, memory_order_release);
    atomic_store_explicit(&count, n + 1, memory_order_release);
    live++;
    pthread_mutex_unlock(&mutex);
    return n;
}

int residency_undo_run(long id) {
    pthread_mutex_lock(&mutex);
    step *s = atomic_load_explicit(&steps, memory_order_acquire);
    int op = id >= 0 && id < atomic_load_explicit(&count, memory_order_relaxed)
        ? atomic_load_explicit(&s[id].op, memory_order_acquire) : 0;
    int result = op != 0 ? perform(op, s[id].a, s[id].b) : 0;
    pthread_mutex_unlock(&mutex);
    return result;
}

void residency_undo_drop(long id) {
    pthread_mutex_lock(&mutex);
    step *s = atomic_load_explicit(&steps, memory_order_acquire);
    if (id >= 0 && id < atomic_load_explicit(&count, memory_order_relaxed)
        && atomic_exchange_explicit(&s[id].op, 0, memory_order_acq_rel) != 0) {
        live--;
        reset_if_idle();
    }
    pthread_mutex_unlock(&mutex);
}

int residency_undo_install(void) {
    pthread_mutex_lock(&mutex);
    int result = 0;
    if (installs == 0) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = on_signal;
        // One handler at a time: a second signal waits until the first has undone everything.
        sigemptyset(&action.sa_mask);
        for (int k = 0; k < handled; k++) sigaddset(&action.sa_mask, signals[k]);
        for (int k = 0; k < handled && result == 0; k++) {
            if (sigaction(signals[k], &action, &previous[k]) != 0) {
                result = errno;
                while (k-- > 0) (void)sigaction(signals[k], &previous[k], NULL);
            }
        }
    }
    if (result == 0) installs++;
    pthread_mutex_unlock(&mutex);
    return result;
}

void residency_undo_uninstall(void) {
    pthread_mutex_lock(&mutex);
    if (installs > 0 && --installs == 0) {
        for (int k = 0; k < handled; k++) (void)sigaction(signals[k], &previous[k], NULL);
        reset_if_idle();
    }
    pthread_mutex_unlock(&mutex);
}
