package no.ledger.projections.listing;

import java.util.List;

/**
 * One page of a listing in key order: its items, and the key to continue {@code after} when more follow
 * ({@code null} on the last page).
 */
public record Page<T>(List<T> items, String nextAfter) {

    /** Cuts a result read with one row more than the limit into a page: the extra row says that more follow. */
    public static <T> Page<T> of(List<T> rowsUpToLimitPlusOne, int limit, java.util.function.Function<T, String> key) {
        if (rowsUpToLimitPlusOne.size() <= limit) {
            return new Page<>(List.copyOf(rowsUpToLimitPlusOne), null);
        }
        List<T> items = List.copyOf(rowsUpToLimitPlusOne.subList(0, limit));
        return new Page<>(items, key.apply(items.get(limit - 1)));
    }
}
