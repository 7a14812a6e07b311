package no.ledger.api.benchmark;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The garbage collector's pauses over a stretch of a benchmark, from the moment this was begun: a pause holds every
 * request in flight, so a p99 is read beside them. Only collectors that stop the application are counted; the
 * concurrent cycles of G1 and ZGC run beside it.
 */
final class GcPauses implements AutoCloseable {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final List<Long> pauseMillis = new ArrayList<>();
    /** What every thread of the JVM had allocated when this began: garbage is what makes collections. */
    private final long allocatedBytes = THREADS.getTotalThreadAllocatedBytes();
    private final List<Runnable> unsubscribe = new ArrayList<>();

    private GcPauses() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector.getName().contains("Cycles") || collector.getName().contains("Concurrent")) {
                continue;
            }
            NotificationEmitter emitter = (NotificationEmitter) collector;
            NotificationListener listener = (notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    long millis = GarbageCollectionNotificationInfo
                            .from((CompositeData) notification.getUserData()).getGcInfo().getDuration();
                    synchronized (pauseMillis) {
                        pauseMillis.add(millis);
                    }
                }
            };
            emitter.addNotificationListener(listener, null, null);
            unsubscribe.add(() -> {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException gone) {
                    // already removed
                }
            });
        }
    }

    static GcPauses begin() {
        return new GcPauses();
    }

    /**
     * What the JVM allocated since this began, and how many pauses, their sum and the longest, in milliseconds (a
     * collector reports whole milliseconds).
     */
    String summary() {
        long allocatedMegabytes = (THREADS.getTotalThreadAllocatedBytes() - allocatedBytes) >> 20;
        synchronized (pauseMillis) {
            long total = pauseMillis.stream().mapToLong(Long::longValue).sum();
            long longest = pauseMillis.stream().mapToLong(Long::longValue).max().orElse(0);
            return String.format("%,d MB allocated, %d collection pauses, %d ms in all, the longest %d ms",
                    allocatedMegabytes, pauseMillis.size(), total, longest);
        }
    }

    @Override
    public void close() {
        unsubscribe.forEach(Runnable::run);
    }
}
