package no.ledger.api.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import no.ledger.api.security.AccessRules;
import no.ledger.api.security.LedgerSecurityProperties;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The OpenAPI document as other systems read it: what the ledger is, tags per resource, who may call what (HTTP
 * Basic or a bearer JWT, or nobody for public reads), {@code 201} with {@code Location} for every decision, every
 * problem answer as {@code application/problem+json} with an example naming a real rule, and the formats, patterns
 * and lengths of fields. Operations describe themselves with {@code @Operation}; what holds for all of them by
 * their path and method is added here, so that a new endpoint is documented the same way.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String BASIC = "basicAuth";
    static final String BEARER = "bearerAuth";
    static final String MUNICIPALITY_NUMBER = "^\\d{4}$";
    static final String IDENTIFIER = "^[a-z0-9][a-z0-9-]{0,62}$";
    static final String OWNER = "^(\\d{4}|KS|STATE|[a-z0-9][a-z0-9-]{0,62})$";
    static final int TEXT_LENGTH = 255;

    /** Resources by the start of their path, the most specific first: the tags of the document. */
    private static final Map<String, Tag> TAGS = new LinkedHashMap<>();

    static {
        tag("/api/programmes/{programme}/participants", "Participants",
                "A municipality's part in a programme: invitation, declaration of intent, extension, withdrawal,"
                        + " commitment and option agreements; and who takes part, for any date.");
        tag("/api/programmes", "Programmes", "National programmes (Akson, Helseplattformen): their scope,"
                + " deadline and thresholds, and the coverage of the in-scope population.");
        tag("/api/municipalities", "Municipalities", "Norway's municipalities, their population counts, and each"
                + " one's history of decisions.");
        tag("/api/companies", "Companies", "Joint companies (Akson journal) and their owners' shares.");
        tag("/api/events", "Events", "Recorded events, one by one, and their retraction.");
        tag("/api/integrity", "Integrity", "The verifiable log: tree heads, inclusion and consistency proofs.");
        tag("/api/imports", "Imports", "Bulk imports.");
        tag("/api/admin", "Operations", "What operators run: rebuilding the read models.");
        tag("/api", "Ledger", "Other operations of the ledger.");
    }

    private static void tag(String prefix, String name, String description) {
        TAGS.put(prefix, new Tag().name(name).description(description));
    }

    @Bean
    public OpenAPI ledgerOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Commitment ledger")
                        .version("1.0")
                        .description("""
                                An immutable, event-sourced ledger of the decisions Norwegian municipalities take in \
                                national e-health programmes: declarations of intent, commitment and option \
                                agreements, and ownership of joint companies.

                                Every decision is one POST, answered `201 Created` with the recorded event's id and \
                                its address in `Location`. Every GET takes `asOf` (a date: the state in force at the \
                                end of that day; default today in Norway) and `knownAt` (an instant: as the ledger \
                                knew it then; default now) and echoes both. Errors are RFC 9457 problem documents \
                                whose `rule` names the rule that failed and `field` the input at fault.

                                Answers carry an `ETag` and answer `304` to `If-None-Match`; an answer with both \
                                `asOf` and `knownAt` given, `knownAt` before the ledger's settled horizon, cannot \
                                change and is `Cache-Control: immutable`. Listings and histories are paged: `limit` \
                                (default 100, at most 1000) and `after`, with a `next` link.""")
                        .contact(new Contact().name("Commitment ledger")))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("Local users (ledger.security.users.*)."))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("A JWT from the configured issuer; the caller is its `sub`, its roles"
                                        + " the `roles` claim (RECORDER, REGISTRAR, AUDITOR, OPERATOR).")));
    }

    @Bean
    public OpenApiCustomizer ledgerContract(LedgerSecurityProperties security) {
        return openApi -> {
            openApi.getComponents().addSchemas("Problem", problemSchema());
            openApi.setTags(new ArrayList<>(TAGS.values().stream().map(OpenApiConfiguration::copy).toList()));
            if (openApi.getPaths() != null) {
                openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                        document(path, method, operation, security.publicReads())));
            }
            if (openApi.getComponents().getSchemas() != null) {
                openApi.getComponents().getSchemas().values().forEach(OpenApiConfiguration::formats);
            }
            List<String> used = openApi.getPaths() == null ? List.of() : openApi.getPaths().values().stream()
                    .flatMap(item -> item.readOperations().stream())
                    .flatMap(operation -> operation.getTags().stream()).distinct().toList();
            openApi.getTags().removeIf(tag -> !used.contains(tag.getName()));
        };
    }

    private static Tag copy(Tag tag) {
        return new Tag().name(tag.getName()).description(tag.getDescription());
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation, boolean publicReads) {
        String verb = method.name();
        operation.setTags(List.of(tagOf(path)));
        Optional<AccessRules.Rule> rule = ruleOf(verb, path);
        boolean isPublic = publicReads && "GET".equals(verb) && isPublicRead(path);
        if (isPublic) {
            operation.setSecurity(new ArrayList<>());
        } else {
            operation.setSecurity(List.of(new SecurityRequirement().addList(BASIC),
                    new SecurityRequirement().addList(BEARER)));
        }
        String access = isPublic ? "Public: no credentials needed (unless `ledger.security.public-reads=false`)."
                : rule.map(r -> "Needs the role " + roleNames(r) + ".").orElse("Needs any role.");
        String description = operation.getDescription() == null ? "" : operation.getDescription() + "\n\n";
        operation.setDescription(description + access);
        documentParameters(operation);

        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        if ("POST".equals(verb) && !ANSWERED_OTHERWISE.contains(path)) {
            created(responses);
        } else if ("GET".equals(verb)) {
            cacheable(responses);
        }
        addProblem(responses, "400", "Malformed request: a field missing, of the wrong form, or unknown.",
                ProblemExamples.badRequest(verb));
        if (!isPublic) {
            addProblem(responses, "401", "No credentials, or credentials that are not valid.",
                    ProblemExamples.unauthorized());
            addProblem(responses, "403", "The caller's roles do not allow the request.",
                    ProblemExamples.forbidden(rule.map(OpenApiConfiguration::roleNames).orElse("AUDITOR")));
        }
        ProblemExamples.Example notFound = ProblemExamples.notFound(path);
        if (notFound != null) {
            addProblem(responses, "404", "What the path names does not exist (as known at `knownAt`).", notFound);
        }
        if ("POST".equals(verb)) {
            addProblem(responses, "409", "The decision contradicts the ledger's state; nothing was recorded.",
                    ProblemExamples.conflict(path));
        }
        addProblem(responses, "422", "A rule of the domain refuses the input; nothing was recorded.",
                ProblemExamples.unprocessable(verb, path));
        addProblem(responses, "503", "The ledger cannot answer now; try again later.",
                ProblemExamples.unavailable());
        operation.setResponses(responses);
    }

    private static String tagOf(String path) {
        return TAGS.entrySet().stream().filter(entry -> path.startsWith(entry.getKey()))
                .map(entry -> entry.getValue().getName()).findFirst().orElse("Ledger");
    }

    private static Optional<AccessRules.Rule> ruleOf(String verb, String path) {
        PathContainer concrete = PathContainer.parsePath(path.replaceAll("\\{[^}]+}", "x"));
        return AccessRules.RULES.stream()
                .filter(rule -> rule.method() == null || rule.method().equals(HttpMethod.valueOf(verb)))
                .filter(rule -> PathPatternParser.defaultInstance.parse(rule.pathPattern()).matches(concrete))
                .findFirst();
    }

    private static boolean isPublicRead(String path) {
        PathContainer concrete = PathContainer.parsePath(path.replaceAll("\\{[^}]+}", "x"));
        return AccessRules.PUBLIC_READS.stream()
                .anyMatch(pattern -> PathPatternParser.defaultInstance.parse(pattern).matches(concrete));
    }

    /** The parameters every read shares, and the formats of path parameters, described once. */
    private static void documentParameters(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            Schema<?> schema = parameter.getSchema();
            switch (parameter.getName()) {
                case "asOf" -> parameter.description("The state in force at the end of this day; default today in"
                        + " Norway.").example("2020-07-01");
                case "knownAt" -> parameter.description("As the ledger knew it at this instant (UTC); default now."
                        + " Given with `asOf` and before the settled horizon, the answer is immutable.")
                        .example("2020-07-01T12:00:00Z");
                case "limit" -> {
                    parameter.description("Items a page: 1 to 1000, default 100.");
                    if (schema != null) {
                        schema.minimum(java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(1000));
                        schema.setDefault(100);
                    }
                }
                case "after" -> parameter.description("Continue after this key: the `after` of the `next` link of"
                        + " the page before.");
                case "number" -> {
                    parameter.description("A municipality number of four digits, such as 0301 (Oslo).")
                            .example("0301");
                    if (schema != null) {
                        schema.pattern(MUNICIPALITY_NUMBER);
                    }
                }
                case "programme", "company" -> {
                    parameter.description("The " + parameter.getName() + "'s id: lower-case letters, digits and"
                            + " dashes.").example("programme".equals(parameter.getName()) ? "akson" : "akson-journal");
                    if (schema != null) {
                        schema.pattern(IDENTIFIER).maxLength(63);
                    }
                }
                case "eventId" -> parameter.description("A recorded event's id, as in `eventIds` and `Location`.");
                case "county" -> parameter.description("Only municipalities of this county, such as Vestland.");
                case "healthRegion" -> parameter.description("Only municipalities of this health region.");
                default -> {
                    if (parameter.getDescription() == null) {
                        parameter.description("Filter: " + parameter.getName() + ".");
                    }
                }
            }
        }
    }

    /** A decision's answer: 201, the recorded event's id, and its address. */
    /**
     * POSTs that record no single decision, whose answers their controllers document: an import (202, recorded in
     * the background), a verification (200, a report) and a rebuild of the read models (202, run in the background).
     */
    static final java.util.Set<String> ANSWERED_OTHERWISE = java.util.Set.of("/api/imports",
            "/api/integrity/verification", "/api/admin/read-models/rebuild");

    private static void created(ApiResponses responses) {
        ApiResponse ok = responses.remove("200");
        Content content = ok != null && ok.getContent() != null ? ok.getContent() : new Content();
        MediaType json = content.values().stream().findFirst().orElse(new MediaType());
        responses.addApiResponse("201", new ApiResponse()
                .description("Recorded: the id of the event, whose address is in `Location`.")
                .addHeaderObject("Location", new Header().description("The recorded event, GET /api/events/{id}.")
                        .schema(new StringSchema().format("uri")))
                .content(new Content().addMediaType("application/json", json)));
    }

    /** A read's answer carries an ETag and may be revalidated. */
    private static void cacheable(ApiResponses responses) {
        ApiResponse ok = responses.get("200");
        if (ok != null) {
            if (ok.getDescription() == null || ok.getDescription().isBlank() || "OK".equals(ok.getDescription())) {
                ok.description("The answer, for `asOf` as known at `knownAt`.");
            }
            ok.addHeaderObject("ETag", new Header().description("The answer's version, for `If-None-Match`.")
                    .schema(new StringSchema()));
            ok.addHeaderObject("Cache-Control", new Header().description("`immutable` when `asOf` and `knownAt`"
                    + " are given and `knownAt` is settled; else `no-cache`.").schema(new StringSchema()));
        }
        responses.addApiResponse("304", new ApiResponse().description("Not modified: the `If-None-Match` ETag is"
                + " the answer's."));
    }

    private static void addProblem(ApiResponses responses, String status, String description,
                                   ProblemExamples.Example example) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", "urn:problem-type:commitment-ledger:" + example.rule());
        value.put("title", Character.toUpperCase(example.rule().charAt(0))
                + example.rule().substring(1).replace('-', ' '));
        value.put("status", Integer.parseInt(status));
        value.put("detail", example.detail());
        value.put("rule", example.rule());
        if (example.field() != null) {
            value.put("field", example.field());
        }
        MediaType problem = new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))
                .addExamples(example.rule(), new Example().summary(example.rule()).value(value));
        responses.put(status, new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, problem)));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        Schema fieldProblem = new ObjectSchema()
                .addProperty("field", new StringSchema().maxLength(TEXT_LENGTH))
                .addProperty("rule", new StringSchema().maxLength(TEXT_LENGTH))
                .addProperty("message", new StringSchema().maxLength(4000));
        return new ObjectSchema()
                .description("An RFC 9457 problem document; `rule` names the rule that failed, `field` the input.")
                .addProperty("type", new StringSchema().format("uri").example("urn:problem-type:commitment-ledger:"
                        + "sign-by-deadline"))
                .addProperty("title", new StringSchema().maxLength(TEXT_LENGTH))
                .addProperty("status", new IntegerSchema().format("int32"))
                .addProperty("detail", new StringSchema().maxLength(4000))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("rule", new StringSchema().pattern("^[a-z0-9-]+$").maxLength(TEXT_LENGTH))
                .addProperty("field", new StringSchema().maxLength(TEXT_LENGTH))
                .addProperty("errors", new ArraySchema().items(fieldProblem))
                .required(List.of("type", "title", "status", "rule"));
    }

    /** Formats, patterns and lengths of the fields of every schema, by what they are. */
    @SuppressWarnings("rawtypes")
    private static void formats(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        Map<String, Schema> properties = schema.getProperties();
        properties.forEach((name, property) -> {
            boolean text = "string".equals(property.getType())
                    || property.getTypes() != null && property.getTypes().contains("string");
            if (!text || property.getFormat() != null || property.getEnum() != null
                    || property.getPattern() != null) {
                return;
            }
            switch (name) {
                case "number" -> property.pattern(MUNICIPALITY_NUMBER).example("0301");
                case "owner", "from", "to" -> property.pattern(OWNER).maxLength(63).description(
                        "A municipality number (0301), KS, STATE, or another party's id in lower case"
                                + " (helse-midt-norge-rhf).").example("0301");
                case "next" -> property.format("uri").nullable(true)
                        .description("The next page; null on the last.");
                case "id", "programme", "company", "programmeId", "companyId" ->
                        property.pattern(IDENTIFIER).maxLength(63);
                default -> {
                    if (property.getMaxLength() == null) {
                        property.maxLength(TEXT_LENGTH);
                    }
                }
            }
        });
    }

    /** {@code AUDITOR or SUBSCRIBER}, as a 403 names them. */
    private static String roleNames(AccessRules.Rule rule) {
        return rule.roles().stream().map(Enum::name).collect(Collectors.joining(" or "));
    }
}
