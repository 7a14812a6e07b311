package no.ledger.api.web;

import java.text.Collator;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import no.ledger.api.web.ProgrammeQueryController.Participant;
import no.ledger.core.shared.InvalidInput;

/** The orders participants may be listed in: a field, {@code -field} for descending; ties by number. */
final class ParticipantOrder {

    /** Names sort as Norwegians expect: æ, ø, å after z. */
    private static final Collator NORWEGIAN = Collator.getInstance(Locale.forLanguageTag("nb-NO"));

    private static final Map<String, Comparator<Participant>> BY_FIELD = Map.of(
            "number", Comparator.comparing(Participant::number),
            "name", Comparator.comparing(Participant::name, NORWEGIAN),
            "county", Comparator.comparing(Participant::county, NORWEGIAN),
            "healthRegion", by(participant -> participant.healthRegion().name()),
            "population", Comparator.comparingLong(Participant::population),
            "declaration", by(participant -> participant.declaration().name()),
            "deadline", Comparator.comparing(Participant::deadline),
            "agreement", by(participant -> participant.agreement().name()),
            "viaOption", Comparator.comparing(Participant::viaOption));

    private ParticipantOrder() {
    }

    private static Comparator<Participant> by(Function<Participant, String> key) {
        return Comparator.comparing(key);
    }

    static Comparator<Participant> of(String sort) {
        if (sort == null || sort.isBlank()) {
            return BY_FIELD.get("number");
        }
        boolean descending = sort.startsWith("-");
        String field = descending ? sort.substring(1) : sort;
        Comparator<Participant> order = BY_FIELD.get(field);
        if (order == null) {
            throw new InvalidInput("sort-by-field", "sort", "must be one of " + String.join(", ",
                    new java.util.TreeSet<>(BY_FIELD.keySet())) + ", with - before it for descending");
        }
        return (descending ? order.reversed() : order).thenComparing(Participant::number);
    }
}
