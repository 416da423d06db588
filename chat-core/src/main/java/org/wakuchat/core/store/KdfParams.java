package org.wakuchat.core.store;

/**
 * Argon2id cost for turning the passphrase into the storage key. Stored in the account header,
 * so an account keeps the cost it was created with.
 */
public record KdfParams(int memoryKiB, int iterations, int parallelism) {

    /** For real accounts: 64 MiB, 3 passes, 1 lane (about half a second on a laptop, see docs/storage.md). */
    public static final KdfParams DEFAULT = new KdfParams(64 * 1024, 3, 1);
    /** Cheap parameters so tests stay fast; never for real accounts. */
    public static final KdfParams FAST_FOR_TESTS = new KdfParams(1024, 1, 1);

    /** Upper bounds so a damaged or hostile header cannot make unlocking take all memory or forever. */
    static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    static final int MAX_ITERATIONS = 64;
    static final int MAX_PARALLELISM = 64;

    public KdfParams {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Argon2 parallelism must be 1.." + MAX_PARALLELISM + ": " + parallelism);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("Argon2 iterations must be 1.." + MAX_ITERATIONS + ": " + iterations);
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2 memory must be " + 8 * parallelism + ".." + MAX_MEMORY_KIB
                    + " KiB: " + memoryKiB);
        }
    }
}
