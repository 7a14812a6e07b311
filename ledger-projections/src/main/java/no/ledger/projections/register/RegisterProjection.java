package no.ledger.projections.register;

import java.time.Instant;
import no.ledger.core.municipality.MunicipalityRegistered;
import no.ledger.core.programme.ProgrammeDefined;
import no.ledger.core.shared.HealthRegion;
import no.ledger.projections.ProcessingGroups;
import no.ledger.projections.timeline.TimeBounds;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The parties the participant queries join on: municipalities with their region, programmes with their scope. */
@Component
@ProcessingGroup(ProcessingGroups.PARTICIPANTS)
public class RegisterProjection {

    private final JdbcTemplate jdbc;

    public RegisterProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(MunicipalityRegistered registered, @Timestamp Instant recordedAt) {
        jdbc.update("INSERT INTO municipality_view (number, name, county, health_region, registered_on, recorded_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", registered.number(), registered.name(), registered.county(),
                registered.healthRegion().name(), registered.registeredOn(), TimeBounds.utc(recordedAt));
    }

    @EventHandler
    void on(ProgrammeDefined defined, @Timestamp Instant recordedAt) {
        jdbc.update("INSERT INTO programme_view (programme_id, name, declaration_deadline, declaration_threshold,"
                        + " commitment_threshold, procurement_threshold, defined_on, recorded_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", defined.programmeId(), defined.name(),
                defined.declarationDeadline(), defined.thresholds().declaration(), defined.thresholds().commitment(),
                defined.thresholds().procurement(), defined.definedOn(), TimeBounds.utc(recordedAt));
        for (HealthRegion region : defined.scopeRegions()) {
            jdbc.update("INSERT INTO programme_scope (programme_id, health_region) VALUES (?, ?)",
                    defined.programmeId(), region.name());
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM programme_scope");
        jdbc.update("DELETE FROM programme_view");
        jdbc.update("DELETE FROM municipality_view");
    }
}
