package no.ledger.core.shared;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import no.ledger.core.directory.LedgerDirectory;
import no.ledger.core.directory.ProgrammeTerms;
import no.ledger.core.directory.RegisteredMunicipality;
import no.ledger.core.programme.Thresholds;

/** A directory of the parties the fixtures' commands name: a few municipalities and the two programmes. */
public final class TestDirectory implements LedgerDirectory {

    public static final LocalDate AKSON_DEADLINE = LocalDate.of(2020, 7, 1);
    public static final Thresholds AKSON_THRESHOLDS = new Thresholds(new BigDecimal("0.50"), new BigDecimal("0.55"),
            new BigDecimal("0.85"));

    private final Map<String, RegisteredMunicipality> municipalities = new HashMap<>();
    private final Map<String, ProgrammeTerms> programmes = new HashMap<>();

    public static TestDirectory withReferenceParties() {
        TestDirectory directory = new TestDirectory();
        directory.municipality("0301", "Oslo", HealthRegion.SOR_OST);
        directory.municipality("4601", "Bergen", HealthRegion.VEST);
        directory.municipality("5401", "Tromsø", HealthRegion.NORD);
        directory.municipality("5001", "Trondheim", HealthRegion.MIDT);
        directory.programmes.put("akson", new ProgrammeTerms("akson",
                EnumSet.of(HealthRegion.NORD, HealthRegion.VEST, HealthRegion.SOR_OST), AKSON_DEADLINE,
                AKSON_THRESHOLDS));
        directory.programmes.put("helseplattformen", new ProgrammeTerms("helseplattformen",
                EnumSet.of(HealthRegion.MIDT), LocalDate.of(2019, 12, 31), AKSON_THRESHOLDS));
        return directory;
    }

    public void municipality(String number, String name, HealthRegion region) {
        municipalities.put(number, new RegisteredMunicipality(number, name, region));
    }

    @Override
    public Optional<RegisteredMunicipality> municipality(String number) {
        return Optional.ofNullable(municipalities.get(number));
    }

    @Override
    public Optional<ProgrammeTerms> programme(String programmeId) {
        return Optional.ofNullable(programmes.get(programmeId));
    }
}
