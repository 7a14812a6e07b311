package no.ledger.api.web.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import no.ledger.api.web.MunicipalityQueryController.History;
import no.ledger.api.web.ProgrammeQueryController.Participant;
import no.ledger.api.web.ProgrammeQueryController.Participants;
import no.ledger.core.shared.HealthRegion;
import no.ledger.projections.coverage.Coverage;
import no.ledger.projections.coverage.Coverage.Count;
import no.ledger.projections.coverage.Coverage.RegionCoverage;
import no.ledger.projections.history.HistoryEntry;
import no.ledger.projections.ownership.Ownership;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The answers that people open in spreadsheets, as tables: participants, coverage by health region, a
 * municipality's history and a company's ownership. Column names are the JSON fields', so that a CSV and the JSON
 * answer read alike.
 */
@Configuration(proxyBeanMethods = false)
public class CsvConfiguration {

    private static final List<String> COUNTS = List.of("declarations", "commitments", "options", "procurement");

    /**
     * Added after the JSON converter, not before it: a request that accepts anything gets JSON, and only one that
     * asks for {@code text/csv} gets CSV.
     */
    @Bean
    public WebMvcConfigurer csvAfterJson() {
        CsvMessageConverter csv = csvMessageConverter();
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                converters.add(csv);
            }
        };
    }

    static CsvMessageConverter csvMessageConverter() {
        Map<Class<?>, Function<Object, CsvTable>> tables = new LinkedHashMap<>();
        tables.put(Participants.class, answer -> participants((Participants) answer));
        tables.put(Coverage.class, answer -> coverage((Coverage) answer));
        tables.put(History.class, answer -> history((History) answer));
        tables.put(Ownership.class, answer -> ownership((Ownership) answer));
        return new CsvMessageConverter(tables);
    }

    @Bean
    public FilterRegistrationBean<CsvFormatParameter> csvFormatParameter() {
        FilterRegistrationBean<CsvFormatParameter> registration = new FilterRegistrationBean<>(
                new CsvFormatParameter());
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    static CsvTable participants(Participants answer) {
        List<List<Object>> rows = new ArrayList<>();
        for (Participant row : answer.participants()) {
            rows.add(Arrays.asList(row.number(), row.name(), row.county(), row.healthRegion(), row.population(),
                    row.declaration(), row.deadline(), row.agreement(), row.viaOption()));
        }
        return new CsvTable("participants-" + answer.programme() + "-" + answer.asOf() + ".csv",
                List.of("number", "name", "county", "healthRegion", "population", "declaration", "deadline",
                        "agreement", "viaOption"), rows);
    }

    /** One row a health region in scope, then the programme's total as region {@code ALL}. */
    static CsvTable coverage(Coverage answer) {
        List<String> columns = new ArrayList<>(List.of("region", "municipalities", "population"));
        for (String count : COUNTS) {
            for (String field : List.of("Municipalities", "Population", "Share", "ThresholdMet")) {
                columns.add(count + field);
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<HealthRegion, RegionCoverage> region : answer.byRegion().entrySet()) {
            RegionCoverage figures = region.getValue();
            rows.add(coverageRow(region.getKey().name(), figures.scope(), List.of(figures.declarations(),
                    figures.commitments(), figures.options(), figures.procurement())));
        }
        rows.add(coverageRow("ALL", answer.scope(), List.of(answer.declarations(), answer.commitments(),
                answer.options(), answer.procurement())));
        return new CsvTable("coverage-" + answer.programme() + "-" + answer.asOf() + ".csv", columns, rows);
    }

    private static List<Object> coverageRow(String region, Coverage.Scope scope, List<Count> counts) {
        List<Object> row = new ArrayList<>(Arrays.asList(region, scope.municipalities(), scope.population()));
        for (Count count : counts) {
            row.addAll(Arrays.asList(count.municipalities(), count.population(), count.share().toPlainString(),
                    count.thresholdMet()));
        }
        return row;
    }

    /** The payload stays the event's JSON, in one cell. */
    static CsvTable history(History answer) {
        List<List<Object>> rows = new ArrayList<>();
        for (HistoryEntry entry : answer.events()) {
            List<Object> row = new ArrayList<>();
            row.add(entry.eventId());
            row.add(entry.type());
            row.add(entry.aggregateId());
            row.add(entry.effectiveDate());
            row.add(entry.recordedAt());
            row.add(entry.recordedBy());
            row.add(entry.retractedBy());
            row.add(entry.retractedAt());
            row.add(entry.payload() == null ? null : entry.payload().toString());
            rows.add(row);
        }
        return new CsvTable("history-" + answer.number() + ".csv", List.of("eventId", "type", "aggregateId",
                "effectiveDate", "recordedAt", "recordedBy", "retractedBy", "retractedAt", "payload"), rows);
    }

    static CsvTable ownership(Ownership answer) {
        List<List<Object>> rows = new ArrayList<>();
        for (Ownership.OwnerShare owner : answer.owners()) {
            rows.add(Arrays.asList(owner.owner(), owner.kind(), owner.shares(), owner.share().toPlainString()));
        }
        return new CsvTable("ownership-" + answer.company() + "-" + answer.asOf() + ".csv",
                List.of("owner", "kind", "shares", "share"), rows);
    }
}
