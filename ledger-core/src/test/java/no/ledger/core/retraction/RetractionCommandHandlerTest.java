package no.ledger.core.retraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.ledger.core.company.RetractShareDecision;
import no.ledger.core.municipality.RetractPopulationCount;
import no.ledger.core.participation.RetractParticipationDecision;
import no.ledger.core.shared.DecisionNotRetractable;
import no.ledger.core.shared.UnknownEvent;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.Test;

class RetractionCommandHandlerTest {

    private static final LocalDate RETRACTED_ON = LocalDate.of(2020, 8, 1);

    private final Map<String, String> recordedBy = Map.of(
            "e-signature", "participation:akson:0301",
            "e-transfer", "company:akson-journal",
            "e-count", "municipality:0301",
            "e-definition", "programme:akson");
    private final List<CommandMessage<?>> dispatched = new ArrayList<>();
    private final RetractionCommandHandler handler;

    RetractionCommandHandlerTest() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        for (Class<?> type : List.of(RetractParticipationDecision.class, RetractShareDecision.class,
                RetractPopulationCount.class)) {
            bus.subscribe(type.getName(), message -> {
                dispatched.add(message);
                return "retraction-event";
            });
        }
        RecordedEventLocator locator = eventId -> Optional.ofNullable(recordedBy.get(eventId));
        handler = new RetractionCommandHandler(locator, DefaultCommandGateway.builder().commandBus(bus).build());
    }

    @Test
    void sendsTheRetractionToTheAggregateThatRecordedTheEvent() {
        assertThat(handler.handle(new RetractDecision("e-signature", "wrong body", RETRACTED_ON)))
                .isEqualTo("retraction-event");
        handler.handle(new RetractDecision("e-transfer", "never signed", RETRACTED_ON));
        handler.handle(new RetractDecision("e-count", "typo", RETRACTED_ON));

        assertThat(dispatched.stream().map(message -> (Object) message.getPayload()).toList()).containsExactly(
                new RetractParticipationDecision("akson", "0301", "e-signature", "wrong body", RETRACTED_ON),
                new RetractShareDecision("akson-journal", "e-transfer", "never signed", RETRACTED_ON),
                new RetractPopulationCount("0301", "e-count", "typo", RETRACTED_ON));
        assertThat(dispatched).allSatisfy(message -> assertThat(message.getMetaData()).isEmpty());
    }

    @Test
    void anEventTheLedgerDoesNotHaveIsUnknown() {
        assertThatThrownBy(() -> handler.handle(new RetractDecision("e-nothing", "typo", RETRACTED_ON)))
                .isInstanceOf(UnknownEvent.class);
        assertThat(dispatched).isEmpty();
    }

    @Test
    void aProgrammeDefinitionIsNotADecision() {
        assertThatThrownBy(() -> handler.handle(new RetractDecision("e-definition", "typo", RETRACTED_ON)))
                .isInstanceOf(DecisionNotRetractable.class);
        assertThat(dispatched).isEmpty();
    }
}
