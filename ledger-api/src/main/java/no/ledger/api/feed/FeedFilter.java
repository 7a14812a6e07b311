package no.ledger.api.feed;

import java.util.ArrayList;
import java.util.List;
import no.ledger.api.web.InvalidParameter;
import no.ledger.core.company.Company;
import no.ledger.core.municipality.Municipality;
import no.ledger.core.participation.Participation;
import no.ledger.core.programme.Programme;
import no.ledger.core.shared.MunicipalityNumber;
import no.ledger.core.shared.Slug;

/**
 * Which events a reader wants, all conditions together: by type, and by what the event is about, told by its
 * aggregate: a municipality (its registration, population counts and participations), a programme (its definition
 * and participations) or a company (founding and shares). The same rule as SQL for reads from the store and as a
 * test for the events in memory.
 *
 * @param payloadTypes stored payload types, any of them; empty for every type
 */
public record FeedFilter(List<String> payloadTypes, String municipality, String programme, String company) {

    public static final FeedFilter EVERYTHING = new FeedFilter(List.of(), null, null, null);

    /** The filter of a request's parameters, or 400 naming the parameter at fault. */
    public static FeedFilter of(List<String> types, String municipality, String programme, String company) {
        List<String> payloadTypes = new ArrayList<>();
        if (types != null) {
            for (String listed : types) {
                for (String type : listed.split(",")) {
                    if (type.isBlank()) {
                        continue;
                    }
                    payloadTypes.add(EventTypes.payloadType(type.strip()).orElseThrow(() -> new InvalidParameter(
                            "type", "event-type-known", "must be one of the ledger's event types, with or without"
                            + " the prefix " + EventTypes.TYPE_PREFIX + ": " + EventTypes.known() + "; got '"
                            + type.strip() + "'")));
                }
            }
        }
        if (municipality != null && !MunicipalityNumber.isMunicipalityNumber(municipality)) {
            throw new InvalidParameter("municipality", "municipality-number-four-digits",
                    "must be a municipality number of four digits, such as 0301; got '" + municipality + "'");
        }
        requireSlug(programme, "programme");
        requireSlug(company, "company");
        return new FeedFilter(List.copyOf(payloadTypes), municipality, programme, company);
    }

    private static void requireSlug(String value, String field) {
        if (value != null && !Slug.isSlug(value)) {
            throw new InvalidParameter(field, "identifier-format", "must be 1 to 63 lower-case letters, digits or"
                    + " dashes, starting with a letter or digit; got '" + value + "'");
        }
    }

    public boolean isEverything() {
        return payloadTypes.isEmpty() && municipality == null && programme == null && company == null;
    }

    /** Appends this filter's conditions (each starting with AND) to a WHERE clause, and their arguments. */
    void appendSql(StringBuilder where, List<Object> arguments) {
        if (!payloadTypes.isEmpty()) {
            where.append(" AND payload_type IN (").append(String.join(",", payloadTypes.stream().map(t -> "?")
                    .toList())).append(')');
            arguments.addAll(payloadTypes);
        }
        if (municipality != null) {
            where.append(" AND (aggregate_identifier = ? OR aggregate_identifier LIKE ?)");
            arguments.add(Municipality.aggregateId(municipality));
            arguments.add(Participation.ID_PREFIX + ":%:" + municipality);
        }
        if (programme != null) {
            where.append(" AND (aggregate_identifier = ? OR aggregate_identifier LIKE ?)");
            arguments.add(Programme.aggregateId(programme));
            arguments.add(Participation.ID_PREFIX + ":" + programme + ":%");
        }
        if (company != null) {
            where.append(" AND aggregate_identifier = ?");
            arguments.add(Company.aggregateId(company));
        }
    }

    /** The same conditions as {@link #appendSql}, for an event in memory. */
    boolean test(FeedEvent event) {
        String aggregate = event.aggregateId();
        String participationPrefix = Participation.ID_PREFIX + ":";
        return (payloadTypes.isEmpty() || payloadTypes.contains(event.payloadType()))
                && (municipality == null || aggregate.equals(Municipality.aggregateId(municipality))
                    || (aggregate.startsWith(participationPrefix) && aggregate.endsWith(":" + municipality)))
                && (programme == null || aggregate.equals(Programme.aggregateId(programme))
                    || aggregate.startsWith(participationPrefix + programme + ":"))
                && (company == null || aggregate.equals(Company.aggregateId(company)));
    }

    /** The filter as query parameters, for the {@code next} link. */
    String asQuery() {
        StringBuilder query = new StringBuilder();
        payloadTypes.forEach(type -> query.append("&type=").append(EventTypes.cloudEventType(type)));
        if (municipality != null) {
            query.append("&municipality=").append(municipality);
        }
        if (programme != null) {
            query.append("&programme=").append(programme);
        }
        if (company != null) {
            query.append("&company=").append(company);
        }
        return query.toString();
    }
}
