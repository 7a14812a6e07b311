package no.ledger.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.api.support.LedgerIntegrationTest;
import no.ledger.api.support.TestUsers;
import no.ledger.client.ApiClient;
import no.ledger.client.ApiException;
import no.ledger.client.ApiResponse;
import no.ledger.client.api.MunicipalitiesApi;
import no.ledger.client.api.ParticipantsApi;
import no.ledger.client.api.ProgrammesApi;
import no.ledger.client.model.CommitmentRequest;
import no.ledger.client.model.Coverage;
import no.ledger.client.model.DeclarationRequest;
import no.ledger.client.model.DefineProgrammeRequest;
import no.ledger.client.model.DefineProgrammeRequest.ScopeRegionsEnum;
import no.ledger.client.model.ExtensionRequest;
import no.ledger.client.model.InvitationRequest;
import no.ledger.client.model.Municipalities;
import no.ledger.client.model.RecordedEvents;
import no.ledger.client.model.ThresholdsRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Akson's story told by a client generated from the committed contract (openapi-generator, Java, java.net.http), as
 * another system would: define the programme, invite, sign, extend, commit, and read the coverage on the deadline.
 * A contract the generated client cannot use fails here.
 */
class GeneratedClientTest extends LedgerIntegrationTest {

    @LocalServerPort
    private int port;
    @Autowired
    private ProjectionProgress progress;

    private ApiClient client() {
        String credentials = TestUsers.EVERY_ROLE + ":" + TestUsers.password(TestUsers.EVERY_ROLE);
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        return new ApiClient().setScheme("http").setHost("localhost").setPort(port)
                .setRequestInterceptor(request -> request.header("Authorization", authorization));
    }

    @Test
    void aksonsStoryThroughTheGeneratedClient() throws Exception {
        ProgrammesApi programmes = new ProgrammesApi(client());
        ParticipantsApi participants = new ParticipantsApi(client());
        String programme = unique("akson");

        RecordedEvents defined = programmes.defineProgramme(new DefineProgrammeRequest().id(programme)
                .name("Akson").scopeRegions(List.of(ScopeRegionsEnum.NORD, ScopeRegionsEnum.VEST,
                        ScopeRegionsEnum.SOR_OST))
                .declarationDeadline(LocalDate.of(2020, 7, 1)).definedOn(LocalDate.of(2020, 4, 24))
                .thresholds(new ThresholdsRequest().declaration(new BigDecimal("0.50"))
                        .commitment(new BigDecimal("0.55")).procurement(new BigDecimal("0.85"))));
        assertThat(defined.getEventIds()).hasSize(1);
        for (String number : List.of("0301", "4601")) {
            participants.inviteMunicipality(programme, number, new InvitationRequest()
                    .invitedOn(LocalDate.of(2020, 4, 24)).reference("HOD 20/1554"));
        }
        ApiResponse<RecordedEvents> osloSigned = participants.signDeclarationWithHttpInfo(programme, "0301",
                new DeclarationRequest().signedOn(LocalDate.of(2020, 6, 15)).decisionReference("PS 12/20")
                        .signatory("ordfører"));
        assertThat(osloSigned.getStatusCode()).isEqualTo(201);
        assertThat(osloSigned.getHeaders().get("location")).singleElement().asString()
                .endsWith("/api/events/" + osloSigned.getData().getEventIds().get(0));
        participants.grantExtension(programme, "4601", new ExtensionRequest().grantedOn(LocalDate.of(2020, 6, 30))
                .newDeadline(LocalDate.of(2020, 7, 7)).reason("bystyret møtes 6. juli"));
        participants.signDeclaration(programme, "4601", new DeclarationRequest().signedOn(LocalDate.of(2020, 7, 5))
                .decisionReference("BY 7/20").signatory("ordfører"));
        participants.enterCommitmentAgreement(programme, "0301", new CommitmentRequest()
                .enteredOn(LocalDate.of(2020, 9, 1)).decisionReference("PS 30/20"));

        progress.awaitCaughtUp(Duration.ofSeconds(30));

        Coverage onTheDeadline = programmes.getCoverage(programme, LocalDate.of(2020, 7, 1), null);
        assertThat(onTheDeadline.getAsOf()).isEqualTo(LocalDate.of(2020, 7, 1));
        assertThat(onTheDeadline.getDeclarations().getMunicipalities()).isEqualTo(1);
        assertThat(onTheDeadline.getDeclarations().getPopulation()).isGreaterThan(600_000L);
        assertThat(onTheDeadline.getCommitments().getMunicipalities()).isZero();
        assertThat(programmes.getCoverage(programme, LocalDate.of(2020, 7, 7), null).getDeclarations()
                .getMunicipalities()).isEqualTo(2);
        assertThat(programmes.getCoverage(programme, LocalDate.of(2020, 9, 1), null).getCommitments()
                .getMunicipalities()).isEqualTo(1);
    }

    @Test
    void brokenRulesAndListingsReachTheGeneratedClientAsDocumented() throws Exception {
        ApiException outsideScope = catchThrowableOfType(ApiException.class, () -> new ParticipantsApi(client())
                .signDeclaration("akson", "5001", new DeclarationRequest().signedOn(LocalDate.of(2020, 6, 15))
                        .decisionReference("PS 1/20").signatory("ordfører")));
        assertThat(outsideScope.getCode()).isEqualTo(422);
        assertThat(outsideScope.getResponseBody()).contains("\"rule\":\"municipality-in-programme-scope\"");

        Municipalities page = new MunicipalitiesApi(client()).listMunicipalities(LocalDate.of(2020, 7, 1), null,
                null, null, 2, null);
        assertThat(page.getMunicipalities()).hasSize(2);
        assertThat(page.getNext()).isNotNull();
    }
}
