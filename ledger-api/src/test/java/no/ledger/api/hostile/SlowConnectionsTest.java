package no.ledger.api.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import no.ledger.api.support.LedgerClient.Answer;
import no.ledger.api.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * 250 connections send a decision's body a byte at a time (a slow-body attack, like slowloris' POST variant) while
 * two ordinary clients read coverage and record population counts. The ordinary requests must keep being answered
 * quickly: the slow bodies are read without a worker thread and cut off after {@code ledger.http.body-timeout}.
 * Prints p50 and p99 of the ordinary requests and the count of failures.
 */
class SlowConnectionsTest extends LedgerIntegrationTest {

    private static final int SLOW_CONNECTIONS = 250;
    private static final long ATTACK_MILLIS = 15_000;
    private static final long BYTE_EVERY_MILLIS = 200;
    private static final int ORDINARY_CLIENTS = 2;

    @Test
    void ordinaryRequestsAreAnsweredWhile250ConnectionsSendTheirBodiesSlowly() throws Exception {
        String municipality = unusedMunicipalityNumber();
        assertThat(ledger.post("/api/municipalities", Map.of("number", municipality, "name", "Sakteby",
                "county", "Nordland", "healthRegion", "NORD", "registeredOn", "2020-01-01")).status()).isEqualTo(201);

        AtomicBoolean attacking = new AtomicBoolean(true);
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger cutOff = new AtomicInteger();
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < SLOW_CONNECTIONS; i++) {
            slow.add(openSlow(opened));
        }
        Thread attacker = new Thread(() -> {
            while (attacking.get()) {
                for (int i = 0; i < slow.size(); i++) {
                    Socket socket = slow.get(i);
                    try {
                        InputStream answer = socket.getInputStream();
                        if (answer.available() > 0) {
                            byte[] head = new byte[12];
                            int read = answer.read(head);
                            if (new String(head, 0, Math.max(read, 0), StandardCharsets.ISO_8859_1).contains(" 408")) {
                                cutOff.incrementAndGet();
                            }
                            throw new IOException("answered");
                        }
                        socket.getOutputStream().write(' ');
                        socket.getOutputStream().flush();
                    } catch (IOException closed) {
                        SlowBodies.closeQuietly(socket);
                        try {
                            slow.set(i, openSlow(opened));
                        } catch (IOException refused) {
                            // try again on the next round
                        }
                    }
                }
                sleep(BYTE_EVERY_MILLIS);
            }
        }, "slow-body-attacker");
        attacker.start();
        sleep(1_000);

        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger nextDay = new AtomicInteger();
        long end = System.currentTimeMillis() + ATTACK_MILLIS - 1_000;
        ExecutorService clients = Executors.newFixedThreadPool(ORDINARY_CLIENTS);
        for (int c = 0; c < ORDINARY_CLIENTS; c++) {
            clients.submit(() -> {
                boolean write = false;
                while (System.currentTimeMillis() < end) {
                    long started = System.nanoTime();
                    try {
                        Answer answer = write
                                ? ledger.post("/api/municipalities/" + municipality + "/population",
                                Map.of("population", 1000, "countedOn",
                                        LocalDate.of(2000, 1, 1).plusDays(nextDay.getAndIncrement()).toString()))
                                : ledger.get("/api/programmes/akson/coverage");
                        if (answer.status() != (write ? 201 : 200)) {
                            failures.incrementAndGet();
                        }
                    } catch (RuntimeException failed) {
                        failures.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - started);
                    write = !write;
                }
            });
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(ATTACK_MILLIS * 4, TimeUnit.MILLISECONDS)).isTrue();
        attacking.set(false);
        attacker.join();
        slow.forEach(SlowBodies::closeQuietly);

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double p50 = percentileMillis(sorted, 0.50);
        double p99 = percentileMillis(sorted, 0.99);
        System.out.printf(Locale.ROOT, "Slow-body attack: %d connections sending a byte every %d ms (%d opened,"
                        + " %d cut off with 408); ordinary requests: %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms,"
                        + " failures %d%n", SLOW_CONNECTIONS, BYTE_EVERY_MILLIS, opened.get(), cutOff.get(),
                sorted.size(), p50, p99, percentileMillis(sorted, 1.0), failures.get());
        assertThat(failures.get()).isZero();
        assertThat(sorted).hasSizeGreaterThan(100);
        // Measured here: p99 154 ms on a quiet 2-core machine, 330 to 740 ms with other builds loading it to 35, and
        // 2.1 s at a load of 46. The bound is looser than the 1 s goal so that a busy machine does not fail the
        // build; without the non-blocking body reads, ordinary requests time out altogether.
        assertThat(p99).as("p99 of ordinary requests in ms").isLessThan(5_000);
    }

    private Socket openSlow(AtomicInteger opened) throws IOException {
        opened.incrementAndGet();
        return SlowBodies.open(ledger);
    }

    private static double percentileMillis(List<Long> sorted, double percentile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1_000_000.0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
