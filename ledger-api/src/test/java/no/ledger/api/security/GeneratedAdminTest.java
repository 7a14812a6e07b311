package no.ledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.ledger.api.LedgerApplication;
import no.ledger.api.support.LedgerClient;
import no.ledger.api.support.LedgerClient.Answer;
import no.ledger.api.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A newcomer's first start, with no user and no token issuer configured: the service is closed to anonymous
 * writers, and the generated {@code admin}'s password, written once to a file only its owner may read, signs in
 * and survives a restart.
 */
class GeneratedAdminTest {

    @TempDir
    Path dataDirectory;

    private ConfigurableApplicationContext start(Map<String, String> database) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--ledger.reference-data.enabled=false",
                "--ledger.security.generated-password=" + dataDirectory.resolve("admin-password")));
        database.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(LedgerApplication.class).run(arguments.toArray(String[]::new));
    }

    private static LedgerClient client(ConfigurableApplicationContext service) {
        return new LedgerClient(Integer.parseInt(service.getEnvironment().getProperty("local.server.port")));
    }

    private Answer registerAs(LedgerClient ledger, String number) {
        return ledger.post("/api/municipalities", Map.of("number", number, "name", "Førstegang", "county", "Agder",
                "healthRegion", "SOR_OST"));
    }

    @Test
    void theGeneratedAdminSignsInWithThePasswordKeptBesideTheDataAcrossRestarts() throws Exception {
        Map<String, String> database = TestDatabase.freshForSeveralProcesses();
        Path passwordFile = dataDirectory.resolve("admin-password");
        String password;
        try (ConfigurableApplicationContext service = start(database)) {
            assertThat(passwordFile).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                    .isEqualTo("rw-------");
            password = Files.readString(passwordFile).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);

            LedgerClient ledger = client(service);
            assertThat(registerAs(ledger.anonymous(), "9801").status()).isEqualTo(401);
            assertThat(registerAs(ledger.withBasic("admin", "admin"), "9801").status()).isEqualTo(401);
            assertThat(registerAs(ledger.withBasic("admin", password), "9801").status()).isEqualTo(201);
        }

        try (ConfigurableApplicationContext restarted = start(database)) {
            assertThat(Files.readString(passwordFile).strip()).isEqualTo(password);
            Answer registered = registerAs(client(restarted).withBasic("admin", password), "9802");
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            Answer event = client(restarted).withBasic("admin", password).get("/api/events/" + registered.eventId());
            assertThat(event.body().path("recordedBy").asText()).isEqualTo("admin");
        } finally {
            String schema = database.get("ledger.test.schema");
            if (schema != null) {
                TestDatabase.dropSchema(schema);
            }
        }
    }
}
