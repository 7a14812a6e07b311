package no.ledger.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tokens for events a segment only skipped are kept back for a while; every other token is written at once, and
 * what was kept back is written before the claim is extended or released.
 */
class SkippedEventsTokenStoreTest {

    private static final String PROCESSOR = "participants";

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<String> writes = new ArrayList<>();
    private final InMemoryTokenStore stored = new InMemoryTokenStore() {
        @Override
        public void storeToken(TrackingToken token, String processorName, int segment) {
            writes.add(segment + "@" + token.position().orElse(-1));
            super.storeToken(token, processorName, segment);
        }
    };
    private final SkippedEventsTokenStore tokens = new SkippedEventsTokenStore(stored, 500, now::get);
    private final ExecutorService processorThread = Executors.newSingleThreadExecutor(
            task -> new Thread(task, "EventProcessor[" + PROCESSOR + "]-0"));

    @AfterEach
    void stop() {
        processorThread.shutdownNow();
    }

    private <T> T onProcessorThread(Callable<T> task) throws Exception {
        return processorThread.submit(task).get();
    }

    private void skipped(long position) throws Exception {
        onProcessorThread(() -> {
            tokens.storeToken(new GlobalSequenceTrackingToken(position), PROCESSOR, 0);
            return null;
        });
    }

    private void processed(long position) throws Exception {
        onProcessorThread(() -> {
            DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event")).execute(() ->
                    tokens.storeToken(new GlobalSequenceTrackingToken(position), PROCESSOR, 0));
            return null;
        });
    }

    private long storedPosition() {
        return stored.fetchToken(PROCESSOR, 0).position().orElse(-1);
    }

    @Test
    void aSkippedEventsTokenRightAfterAWriteIsKeptBackUntilTheDelayHasPassed() throws Exception {
        stored.initializeTokenSegments(PROCESSOR, 1);
        skipped(1);
        assertThat(writes).containsExactly("0@1");
        skipped(2);
        skipped(3);
        assertThat(writes).containsExactly("0@1");
        now.addAndGet(500_000_000L);
        skipped(4);
        assertThat(writes).containsExactly("0@1", "0@4");
    }

    @Test
    void tokensOfProcessedEventsAreWrittenAtOnceAndMakeWhatWasKeptBackMoot() throws Exception {
        stored.initializeTokenSegments(PROCESSOR, 1);
        skipped(1);
        skipped(2);
        processed(3);
        processed(4);
        assertThat(writes).containsExactly("0@1", "0@3", "0@4");
        onProcessorThread(() -> {
            tokens.extendClaim(PROCESSOR, 0);
            return null;
        });
        assertThat(writes).containsExactly("0@1", "0@3", "0@4");
    }

    @Test
    void whatWasKeptBackIsWrittenWhenTheClaimIsExtendedOrReleased() throws Exception {
        stored.initializeTokenSegments(PROCESSOR, 1);
        skipped(1);
        skipped(2);
        onProcessorThread(() -> {
            tokens.extendClaim(PROCESSOR, 0);
            return null;
        });
        assertThat(storedPosition()).isEqualTo(2);
        skipped(3);
        onProcessorThread(() -> {
            tokens.releaseClaim(PROCESSOR, 0);
            return null;
        });
        assertThat(storedPosition()).isEqualTo(3);
    }

    @Test
    void tokensStoredByOtherThreadsAndReplayTokensAreWrittenAtOnce() throws Exception {
        stored.initializeTokenSegments(PROCESSOR, 1);
        skipped(1);
        tokens.storeToken(new GlobalSequenceTrackingToken(2), PROCESSOR, 0);
        TrackingToken replay = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(5),
                new GlobalSequenceTrackingToken(0));
        onProcessorThread(() -> {
            tokens.storeToken(replay, PROCESSOR, 0);
            return null;
        });
        assertThat(writes).hasSize(3);
    }
}
