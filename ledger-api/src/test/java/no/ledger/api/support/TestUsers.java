package no.ledger.api.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local users of every test service: one with every role, whom {@link LedgerClient} speaks for by default, and
 * one a role, to show what each role may do.
 */
public final class TestUsers {

    public static final String EVERY_ROLE = "ledger-test";
    public static final String RECORDER = "rikke-recorder";
    public static final String REGISTRAR = "roar-registrar";
    public static final String AUDITOR = "aud-auditor";
    public static final String OPERATOR = "ola-operator";
    public static final String SUBSCRIBER = "sigrid-subscriber";

    private TestUsers() {
    }

    /** Every test user's password: its name backwards, so that no two are alike. */
    public static String password(String user) {
        return new StringBuilder(user).reverse().toString();
    }

    /** Spring properties that configure the test users. */
    public static Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        user(properties, EVERY_ROLE, "RECORDER,REGISTRAR,AUDITOR,OPERATOR,SUBSCRIBER");
        user(properties, RECORDER, "RECORDER");
        user(properties, REGISTRAR, "REGISTRAR");
        user(properties, AUDITOR, "AUDITOR");
        user(properties, OPERATOR, "OPERATOR");
        user(properties, SUBSCRIBER, "SUBSCRIBER");
        return properties;
    }

    private static void user(Map<String, String> properties, String name, String roles) {
        properties.put("ledger.security.users." + name + ".password", "{noop}" + password(name));
        properties.put("ledger.security.users." + name + ".roles", roles);
    }
}
