package no.ledger.core.shared;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Norway's four regional health authorities; a programme's scope is a set of them. */
public enum HealthRegion {
    /** Helse Nord: Nordland (but Bindal), Troms og Finnmark. */
    NORD,
    /** Helse Midt-Norge: Trøndelag, Møre og Romsdal, and Bindal. */
    MIDT,
    /** Helse Vest: Rogaland, Vestland. */
    VEST,
    /** Helse Sør-Øst: Oslo, Viken, Innlandet, Vestfold og Telemark, Agder. */
    SOR_OST;

    public static HealthRegion parse(String value, String field) {
        InvalidInput.require(value, field);
        try {
            return valueOf(value);
        } catch (IllegalArgumentException notARegion) {
            throw new InvalidInput("health-region-known", field, "health region must be one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + "; got '" + value + "'");
        }
    }
}
