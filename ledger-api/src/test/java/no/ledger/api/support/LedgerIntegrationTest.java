package no.ledger.api.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import no.ledger.api.LedgerApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on a random port over a real database, with the reference data loaded. Test classes share one
 * running service; each test defines its own programmes and companies (see {@link #unique}) so that tests stay
 * independent of each other and of their order.
 */
// Metrics exported as in production (Spring's tests leave only an in-memory registry otherwise): /actuator/prometheus.
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestDatabase.SchemaCleanup.class)
public abstract class LedgerIntegrationTest {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestDatabase.fresh().forEach((name, value) -> registry.add(name, () -> value));
        TestUsers.properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    private int port;

    protected LedgerClient ledger;

    @BeforeEach
    void connect() {
        ledger = new LedgerClient(port);
    }

    private static final AtomicInteger NEXT_TEST_MUNICIPALITY = new AtomicInteger(9000);

    /** A municipality number that no reference municipality and no other test uses (they end at 5444). */
    protected static String unusedMunicipalityNumber() {
        return String.valueOf(NEXT_TEST_MUNICIPALITY.getAndIncrement());
    }

    /** Defines a programme of its own for a test, with Akson's scope, deadline and thresholds. */
    protected String aksonLikeProgramme() {
        String id = unique("akson");
        LedgerClient.Answer defined = ledger.post("/api/programmes", Map.of("id", id, "name", "Akson " + id,
                "scopeRegions", List.of("NORD", "VEST", "SOR_OST"), "declarationDeadline", "2020-07-01",
                "thresholds", Map.of("declaration", 0.50, "commitment", 0.55, "procurement", 0.85),
                "definedOn", "2020-04-24"));
        if (defined.status() != 201) {
            throw new IllegalStateException("could not define programme " + id + ": " + defined);
        }
        return id;
    }

    /** An id no other test uses, such as {@code akson-3f9c2a}. */
    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
