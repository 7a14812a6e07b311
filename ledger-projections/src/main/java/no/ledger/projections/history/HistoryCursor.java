package no.ledger.projections.history;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of a history ends: the last entry's recorded time and global position, the history's order. Callers
 * see it as an opaque token, so that the order's key may change without breaking them.
 */
public record HistoryCursor(Instant recordedAt, long globalPosition) {

    public String token() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((recordedAt + "|" + globalPosition).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a token stands for; {@link IllegalArgumentException} when it is not one this ledger made. */
    public static HistoryCursor of(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int separator = decoded.indexOf('|');
            return new HistoryCursor(Instant.parse(decoded.substring(0, separator)),
                    Long.parseLong(decoded.substring(separator + 1)));
        } catch (RuntimeException notACursor) {
            throw new IllegalArgumentException("not a cursor of this ledger: " + token, notACursor);
        }
    }
}
