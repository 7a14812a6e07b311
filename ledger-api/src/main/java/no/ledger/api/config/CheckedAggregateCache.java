package no.ledger.api.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;

/**
 * The aggregates a command last left, kept in memory so that the next command on one need not read and replay its
 * events, but used only while they are current: before an aggregate is handed out, the event store is asked for its
 * last sequence number (one index lookup), and an aggregate that another instance has moved on since is dropped and
 * loaded from its events. So a rule is never judged on a stale aggregate, whatever the number of instances.
 *
 * <p>Axon's caching repository puts an aggregate here after its command, and removes it when a command rolls back
 * (a broken rule, a lost race); it locks an aggregate for the length of a command, so an entry is used by one command
 * at a time on this instance. At most {@code capacity} aggregates are kept, the least recently used leaving first.
 */
public final class CheckedAggregateCache implements Cache {

    /** The last sequence number the event store holds for an aggregate, or null for none. */
    @FunctionalInterface
    public interface LastSequence extends Function<String, Long> {
    }

    private final LastSequence lastSequence;
    private final Map<Object, Object> entries;
    private final CopyOnWriteArrayList<EntryListener> listeners = new CopyOnWriteArrayList<>();

    public CheckedAggregateCache(int capacity, LastSequence lastSequence) {
        this.lastSequence = lastSequence;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object entry;
        synchronized (entries) {
            entry = entries.get(key);
        }
        if (entry == null) {
            return null;
        }
        if (!current(key, entry)) {
            remove(key);
            return null;
        }
        listeners.forEach(listener -> listener.onEntryRead(key, entry));
        return (V) entry;
    }

    /** Whether the event store holds no event of the aggregate after the one it was cached at. */
    private boolean current(Object key, Object entry) {
        if (!(entry instanceof AggregateCacheEntry<?> cached)) {
            return true;
        }
        // In memory, an entry holds the aggregate itself, which it hands back whatever the arguments.
        EventSourcedAggregate<?> aggregate = cached.recreateAggregate(null, null, null);
        return aggregate != null && Objects.equals(aggregate.version(), lastSequence.apply(key.toString()));
    }

    @Override
    public void put(Object key, Object value) {
        Object previous;
        synchronized (entries) {
            previous = entries.put(key, value);
        }
        listeners.forEach(listener -> {
            if (previous == null) {
                listener.onEntryCreated(key, value);
            } else {
                listener.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        synchronized (entries) {
            if (entries.containsKey(key)) {
                return false;
            }
            entries.put(key, value);
        }
        listeners.forEach(listener -> listener.onEntryCreated(key, value));
        return true;
    }

    @Override
    public boolean remove(Object key) {
        boolean removed;
        synchronized (entries) {
            removed = entries.remove(key) != null;
        }
        if (removed) {
            listeners.forEach(listener -> listener.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        synchronized (entries) {
            entries.clear();
        }
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** How many aggregates are kept now. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
