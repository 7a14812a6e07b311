package no.ledger.api.integrity;

import javax.sql.DataSource;
import no.ledger.api.support.LedgerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tests that write to the event table behind the ledger's back: a context of their own, a gap timeout of a second
 * so that gaps are waited for briefly, and verification only when the test asks for it.
 */
abstract class QuickGapsTest extends LedgerIntegrationTest {

    @DynamicPropertySource
    static void quickGapsNoScheduledVerification(DynamicPropertyRegistry registry) {
        registry.add("ledger.integrity.gap-timeout", () -> "PT1S");
        registry.add("ledger.integrity.verify-interval", () -> "PT0S");
        registry.add("ledger.integrity.verify-on-start", () -> "false");
    }

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected DataSource dataSource;
}
