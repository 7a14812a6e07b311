package no.ledger.api.benchmark;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * How much of a stretch of time the JIT compiler spent compiling, from the moment this was begun. A benchmark measures
 * a service that has been up for a while, so it warms up until the compiler rests: below {@link #AT_REST}.
 */
final class CompilerActivity {

    /** The share of a stretch spent compiling below which the compiler counts as resting. */
    static final double AT_REST = 0.05;

    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private final long compilingMillis = JIT.getTotalCompilationTime();
    private final long startedNanos = System.nanoTime();

    static CompilerActivity begin() {
        return new CompilerActivity();
    }

    /** The compiler's time since this began over the time passed (above 1 when several compiler threads work). */
    double share() {
        return (JIT.getTotalCompilationTime() - compilingMillis) / ((System.nanoTime() - startedNanos) / 1e6);
    }

    boolean atRest() {
        return share() < AT_REST;
    }
}
