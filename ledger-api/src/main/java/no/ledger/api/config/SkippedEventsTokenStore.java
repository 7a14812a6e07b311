package no.ledger.api.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Writes fewer tokens for events a segment only skipped. A tracking processor's segment reads every event and
 * processes those of its own aggregates; when a batch holds none of them, Axon stores the advanced token at once,
 * in a transaction of its own. With four segments a processor and three processors, each recorded event cost twelve
 * token writes, nine of them for skipped events, competing with recording for the database and the CPU.
 *
 * <p>Such a token (stored by the processor's own thread, outside a unit of work, and not a replay or merge token) is
 * kept in memory instead, and written when the segment next stores a token for events it processed (which makes it
 * moot), when its claim is extended or released, or once the last write of the segment is older than
 * {@code maxDelay}; as Axon's pooled processor does for the events it skips. The stored position thus lags by at
 * most about {@code maxDelay} while events flow, and by at most the processor's idle interval (one second) after.
 * A crash loses only a position among skipped events: the segment reads them again and skips them again.
 */
public final class SkippedEventsTokenStore implements TokenStore {

    private final TokenStore delegate;
    private final long maxDelayNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Position> positions = new ConcurrentHashMap<>();

    /** A segment's last write, and the skipped-events token not yet written, if any. */
    private static final class Position {
        private long writtenAt;
        private TrackingToken pending;

        Position(long writtenAt) {
            this.writtenAt = writtenAt;
        }
    }

    public SkippedEventsTokenStore(TokenStore delegate, long maxDelayMillis) {
        this(delegate, maxDelayMillis, System::nanoTime);
    }

    SkippedEventsTokenStore(TokenStore delegate, long maxDelayMillis, LongSupplier nanoClock) {
        this.delegate = delegate;
        this.maxDelayNanos = maxDelayMillis * 1_000_000;
        this.nanoClock = nanoClock;
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment)
            throws UnableToClaimTokenException {
        Position position = position(processorName, segment);
        synchronized (position) {
            long now = nanoClock.getAsLong();
            if (onlySkipped(token, processorName) && now - position.writtenAt < maxDelayNanos) {
                position.pending = token;
                return;
            }
            position.pending = null;
            delegate.storeToken(token, processorName, segment);
            position.writtenAt = now;
        }
    }

    /** The processor's own worker thread, outside a unit of work: Axon's store for a batch of skipped events. */
    private static boolean onlySkipped(TrackingToken token, String processorName) {
        return token != null && !(token instanceof WrappedToken) && !CurrentUnitOfWork.isStarted()
                && Thread.currentThread().getName().startsWith("EventProcessor[" + processorName + "]");
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        Position position = position(processorName, segment);
        synchronized (position) {
            writePending(position, processorName, segment);
            delegate.extendClaim(processorName, segment);
        }
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        Position position = position(processorName, segment);
        synchronized (position) {
            try {
                writePending(position, processorName, segment);
            } finally {
                positions.remove(key(processorName, segment));
                delegate.releaseClaim(processorName, segment);
            }
        }
    }

    private void writePending(Position position, String processorName, int segment) {
        if (position.pending != null) {
            TrackingToken pending = position.pending;
            position.pending = null;
            delegate.storeToken(pending, processorName, segment);
            position.writtenAt = nanoClock.getAsLong();
        }
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        forget(processorName, segment);
        return delegate.fetchToken(processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) throws UnableToClaimTokenException {
        forget(processorName, segment.getSegmentId());
        return delegate.fetchToken(processorName, segment);
    }

    /** A (re)claimed segment starts from what is stored. */
    private void forget(String processorName, int segment) {
        positions.remove(key(processorName, segment));
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        forget(processorName, segment);
        delegate.deleteToken(processorName, segment);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken)
            throws UnableToClaimTokenException {
        delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }

    private Position position(String processorName, int segment) {
        // As if last written long ago: the first token is written at once.
        return positions.computeIfAbsent(key(processorName, segment),
                ignored -> new Position(nanoClock.getAsLong() - maxDelayNanos - 1));
    }

    private static String key(String processorName, int segment) {
        return processorName + '#' + segment;
    }
}
