package no.ledger.api.feed;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import no.ledger.core.shared.LedgerEvent;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * The ledger's event types by the names the feed uses: {@code no.ledger.DeclarationSigned} in CloudEvents'
 * {@code type}, for the class {@code no.ledger.core.participation.DeclarationSigned} as stored. The Java package is
 * left out of the public name, so that moving a class does not change the contract.
 */
public final class EventTypes {

    static final String TYPE_PREFIX = "no.ledger.";

    /** Every event class of the core, by its simple name. */
    private static final Map<String, String> CLASS_BY_NAME = scan();

    private EventTypes() {
    }

    private static Map<String, String> scan() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(LedgerEvent.class));
        Map<String, String> classes = new TreeMap<>();
        scanner.findCandidateComponents("no.ledger.core").forEach(candidate -> {
            String className = candidate.getBeanClassName();
            classes.put(className.substring(className.lastIndexOf('.') + 1), className);
        });
        return Map.copyOf(classes);
    }

    /** The CloudEvents type of a stored payload type. */
    public static String cloudEventType(String payloadType) {
        return TYPE_PREFIX + payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }

    /** The stored payload type for a type as a caller names it: {@code DeclarationSigned} or with the prefix. */
    static Optional<String> payloadType(String name) {
        String simple = name.startsWith(TYPE_PREFIX) ? name.substring(TYPE_PREFIX.length()) : name;
        return Optional.ofNullable(CLASS_BY_NAME.get(simple));
    }

    static String known() {
        return String.join(", ", new TreeMap<>(CLASS_BY_NAME).keySet());
    }
}
