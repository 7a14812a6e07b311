package no.ledger.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.ledger.api.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document: valid by swagger-parser, complete by the ledger's own checks, and equal to the
 * committed contract the client is generated from. After a deliberate change to the API, refresh the contract with
 * {@code ./mvnw -B -q -pl ledger-api -am verify -Prefresh-contract} and commit {@value #CONTRACT}.
 */
class OpenApiContractTest extends LedgerIntegrationTest {

    static final String CONTRACT = "src/main/resources/openapi/ledger.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The document as served, without its servers entry: that one names wherever the service runs. */
    private JsonNode served() {
        ObjectNode document = (ObjectNode) ledger.anonymous().get("/v3/api-docs").body();
        document.remove("servers");
        return document;
    }

    @Test
    void theServedDocumentParsesWithoutMessages() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(JSON.writeValueAsString(served()), null,
                options);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getInfo().getTitle()).isEqualTo("Commitment ledger");
    }

    @Test
    void everyOperationIsDescribedTaggedAndDocumentsItsProblems() {
        JsonNode document = served();
        assertThat(document.at("/components/securitySchemes/basicAuth/scheme").asText()).isEqualTo("basic");
        assertThat(document.at("/components/securitySchemes/bearerAuth/bearerFormat").asText()).isEqualTo("JWT");
        List<String> faults = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            String name = entry.getKey().toUpperCase() + " " + path.getKey();
            JsonNode operation = entry.getValue();
            check(faults, name, "a summary", !operation.path("summary").asText().isBlank());
            check(faults, name, "a description", !operation.path("description").asText().isBlank());
            check(faults, name, "a resource's tag", operation.path("tags").size() == 1
                    && !operation.path("tags").path(0).asText().endsWith("Controller"));
            check(faults, name, "its security", operation.has("security"));
            JsonNode responses = operation.path("responses");
            List<String> problems = new ArrayList<>(List.of("400", "422", "503"));
            if (operation.path("security").size() > 0) {
                problems.addAll(List.of("401", "403"));
            }
            if (name.equals("POST /api/imports") || name.equals("POST /api/admin/read-models/rebuild")) {
                check(faults, name, "202 with Location", responses.path("202").path("headers").has("Location"));
            } else if (name.equals("POST /api/integrity/verification")) {
                check(faults, name, "200 as JSON", responses.path("200").path("content").has("application/json"));
            } else if ("POST".equals(entry.getKey().toUpperCase())) {
                problems.add("409");
                check(faults, name, "201 with Location", responses.path("201").path("headers").has("Location")
                        && responses.path("201").path("content").has("application/json"));
                check(faults, name, "no 200", !responses.has("200"));
            } else {
                JsonNode content = responses.path("200").path("content");
                check(faults, name, "200 as JSON (or the stream's events, or the key's PEM)",
                        content.has("application/json") || content.has("text/event-stream")
                                || content.has("application/x-pem-file"));
            }
            if (path.getKey().contains("{")) {
                problems.add("404");
            }
            for (String status : problems) {
                JsonNode examples = responses.path(status).path("content").path("application/problem+json")
                        .path("examples");
                check(faults, name, status + " as problem+json naming a rule",
                        examples.elements().hasNext()
                                && !examples.elements().next().path("value").path("rule").asText().isBlank());
            }
        }));
        assertThat(faults).isEmpty();
    }

    @Test
    void schemasCarryFormatsPatternsAndLengths() {
        JsonNode schemas = served().path("components").path("schemas");

        assertThat(schemas.at("/DeclarationRequest/properties/signedOn/format").asText()).isEqualTo("date");
        assertThat(schemas.at("/DeclarationRequest/properties/signatory/maxLength").asInt()).isEqualTo(255);
        assertThat(schemas.at("/RegisterMunicipalityRequest/properties/number/pattern").asText())
                .isEqualTo("^\\d{4}$");
        assertThat(schemas.at("/ShareIssueRequest/properties/owner/pattern").asText()).contains("KS|STATE");
        assertThat(schemas.at("/DefineProgrammeRequest/properties/id/pattern").asText()).isNotBlank();
        assertThat(schemas.at("/History/properties/knownAt/format").asText()).isEqualTo("date-time");
    }

    @Test
    void publicReadsNeedNoCredentials() {
        JsonNode coverage = served().at("/paths/~1api~1programmes~1{programme}~1coverage/get");
        JsonNode history = served().at("/paths/~1api~1municipalities~1{number}~1history/get");

        assertThat(coverage.path("security").isArray()).isTrue();
        assertThat(coverage.path("security")).isEmpty();
        assertThat(history.path("security").findValuesAsText("basicAuth")).isNotNull();
        assertThat(history.path("security").size()).isEqualTo(2);
    }

    @Test
    void theCommittedContractIsTheServedOne() throws IOException {
        JsonNode served = served();
        Path contract = Path.of(CONTRACT);
        if (Boolean.getBoolean("ledger.openapi.refresh")) {
            Files.writeString(contract, JSON.writeValueAsString(served) + "\n");
        }

        JsonNode committed = JSON.readTree(contract.toFile());
        assertThat(committed)
                .as("the served OpenAPI document differs from %s; if the change is meant, refresh it with"
                        + " ./mvnw -B -q -pl ledger-api -am verify -Prefresh-contract", CONTRACT)
                .isEqualTo(served);
    }

    private static void check(List<String> faults, String operation, String what, boolean holds) {
        if (!holds) {
            faults.add(operation + " lacks " + what);
        }
    }

}
