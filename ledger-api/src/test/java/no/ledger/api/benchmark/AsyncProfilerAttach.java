package no.ledger.api.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CPU samples of one timed phase from async-profiler, loaded into this JVM while it runs, written as a flight
 * recording ({@code jdk.ExecutionSample} events) that {@code src/test/benchmark/jfr-breakdown.py} reads like the JDK's
 * own. Unlike a JDK flight recording with every socket read, which slowed REST recording on H2 about tenfold, it
 * leaves the phase's figures near an unprofiled run's, and sees native frames; with perf events ({@code cpu}) kernel
 * frames too (the file store's writes, the sockets), at a higher cost: on PostgreSQL it more than halved the phase's
 * rate where {@code itimer} took a fifth. The library comes from async-profiler's release or its Maven Central jar
 * ({@code tools.profiler:async-profiler}, {@code linux-x64/libasyncProfiler.so} inside); nothing of it is a
 * dependency. It is loaded through {@code jcmd JVMTI.agent_load}, as a profiler attaches to a running service.
 */
final class AsyncProfilerAttach {

    private final Path library;
    private final String event;

    /**
     * @param library the agent, {@code libasyncProfiler.so}
     * @param event   what to sample: {@code itimer} (CPU time of the process, the lighter) or {@code cpu} (perf
     *                events, kernel frames included)
     */
    AsyncProfilerAttach(Path library, String event) {
        this.library = library.toAbsolutePath();
        this.event = event;
    }

    /** Starts sampling into {@code output}, a flight recording, every millisecond of CPU time. */
    void start(Path output) throws IOException, InterruptedException {
        command("start,event=" + event + ",interval=1ms,file=" + output.toAbsolutePath());
    }

    void stop() throws IOException, InterruptedException {
        command("stop");
    }

    private void command(String arguments) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        // jcmd splits its arguments at '=' unless the agent's options are quoted once more.
        Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(ProcessHandle.current().pid()),
                "JVMTI.agent_load", library.toString(), "\"" + arguments + "\""))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0
                || !output.contains("return code: 0")) {
            throw new IllegalStateException("async-profiler refused '" + arguments + "': " + output.strip());
        }
    }
}
