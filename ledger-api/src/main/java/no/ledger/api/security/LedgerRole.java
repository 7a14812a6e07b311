package no.ledger.api.security;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The ledger's roles, by the names that configuration and tokens use. */
public enum LedgerRole {
    /** A participation's decisions (invitation to lapse), share issues and transfers. */
    RECORDER,
    /** Municipalities, population counts, programmes, companies, and retractions. */
    REGISTRAR,
    /** A municipality's history and single events, which name who recorded and who signed. */
    AUDITOR,
    /** Actuator details, processors, metrics, and operational endpoints. */
    OPERATOR,
    /** Another system that follows the ledger: the event feed, its stream, and single events; nothing else. */
    SUBSCRIBER;

    /** The authority Spring Security checks for this role. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** A role by its exact name; an unknown name is a configuration mistake worth stopping for. */
    public static LedgerRole named(String name, String configuredFor) {
        for (LedgerRole role : values()) {
            if (role.name().equals(name)) {
                return role;
            }
        }
        throw new IllegalStateException("Unknown role '" + name + "' for " + configuredFor + "; the roles are "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
