package no.ledger.api.idempotency;

import java.util.Map;
import org.axonframework.messaging.MetaData;

/**
 * A request's hold on its caller's key: the token tells this request apart from a later one that took over an
 * expired claim, so that only the current holder can record.
 */
public record IdempotencyClaim(String caller, String key, String token) {

    /** The request attribute under which the filter hands the claim to the command path. */
    public static final String REQUEST_ATTRIBUTE = IdempotencyClaim.class.getName();

    static final String CALLER = "idempotencyCaller";
    static final String KEY = "idempotencyKey";
    static final String TOKEN = "idempotencyClaimToken";

    /** The command's metadata that lets {@link IdempotentCommandInterceptor} record the answer with the events. */
    public Map<String, String> asMetaData() {
        return Map.of(CALLER, caller, KEY, key, TOKEN, token);
    }

    static IdempotencyClaim fromMetaData(MetaData metaData) {
        Object token = metaData.get(TOKEN);
        if (token == null) {
            return null;
        }
        return new IdempotencyClaim(String.valueOf(metaData.get(CALLER)), String.valueOf(metaData.get(KEY)),
                String.valueOf(token));
    }
}
