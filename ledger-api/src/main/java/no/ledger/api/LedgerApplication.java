package no.ledger.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The ledger service: the REST API over the core's aggregates and the projections' read models. */
@SpringBootApplication(scanBasePackages = {"no.ledger.api", "no.ledger.projections"})
public class LedgerApplication {

    public static void main(String[] args) {
        SpringApplication.run(LedgerApplication.class, args);
    }
}
