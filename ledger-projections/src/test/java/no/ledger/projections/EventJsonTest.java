package no.ledger.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private record Dated(LocalDate on) {
    }

    private static LocalDate read(String json) throws Exception {
        return EventJson.objectMapper().readValue("{\"on\":" + json + "}", Dated.class).on();
    }

    @Test
    void datesAreReadAsTheJavaTimeModuleReadsThem() throws Exception {
        JsonMapper module = JsonMapper.builder().addModule(new JavaTimeModule()).build();
        for (LocalDate date = LocalDate.of(1899, 12, 25); date.isBefore(LocalDate.of(2101, 1, 10));
             date = date.plusDays(1)) {
            String json = "\"" + date + "\"";
            assertThat(read(json)).isEqualTo(date)
                    .isEqualTo(module.readValue("{\"on\":" + json + "}", Dated.class).on());
        }
        assertThat(read("\"+10000-01-01\"")).isEqualTo(LocalDate.of(10000, 1, 1));
        assertThat(read("[2020,7,1]")).isEqualTo(LocalDate.of(2020, 7, 1));
        assertThat(read("null")).isNull();
    }

    @Test
    void impossibleAndMalformedDatesAreRefusedAsBefore() {
        for (String json : new String[] {"\"2020-02-30\"", "\"2020-13-01\"", "\"2020-7-01\"", "\"2020-07-0a\"",
            "\"20200701xx\"", "\"\\u0032020-07-01x\""}) {
            assertThatThrownBy(() -> read(json)).as(json).isInstanceOf(JsonMappingException.class);
        }
    }
}
