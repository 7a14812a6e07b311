package no.ledger.projections;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The JSON form of the ledger's events, as stored in the event store and shown in the history. Events are a
 * permanent contract, so this mapper is kept apart from the web layer's: changing how the API writes JSON must not
 * change how events are stored. Dates are ISO-8601 strings; unknown properties are tolerated so that an older
 * reader can read a newer event.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("iso-dates").addDeserializer(LocalDate.class, new IsoDates()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {
    }

    public static ObjectMapper objectMapper() {
        return MAPPER;
    }

    public static String write(Object event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }

    /** An event's JSON as a tree, to hand out as it was stored. */
    public static JsonNode tree(byte[] json) {
        try {
            return json == null ? MAPPER.missingNode() : MAPPER.readTree(json);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    public static JsonNode tree(String json) {
        return tree(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Dates as stored, {@code yyyy-MM-dd}, read digit by digit; anything else as the Java time module reads it. Every
     * event holds dates and every aggregate load and rebuild reads them: the module's formatter took a quarter of
     * reading an event.
     */
    private static final class IsoDates extends StdDeserializer<LocalDate> {

        IsoDates() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                String text = parser.getText();
                if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
                    int year = digits(text, 0, 4);
                    int month = digits(text, 5, 7);
                    int day = digits(text, 8, 10);
                    if (year >= 0 && month >= 0 && day >= 0) {
                        try {
                            return LocalDate.of(year, month, day);
                        } catch (DateTimeException impossible) {
                            // 2020-02-30 and the like: the module says so in its own words
                        }
                    }
                }
            }
            return LocalDateDeserializer.INSTANCE.deserialize(parser, context);
        }

        /** The decimal number in text[from, to), or -1 if a character is not a digit. */
        private static int digits(String text, int from, int to) {
            int number = 0;
            for (int index = from; index < to; index++) {
                char digit = text.charAt(index);
                if (digit < '0' || digit > '9') {
                    return -1;
                }
                number = number * 10 + (digit - '0');
            }
            return number;
        }
    }

    /** Reads an event stored with its class name, as the event store does. */
    public static Object read(String type, String json) {
        try {
            return MAPPER.readValue(json, Class.forName(type));
        } catch (ClassNotFoundException | JsonProcessingException unreadable) {
            throw new IllegalStateException("cannot read a stored event of type " + type, unreadable);
        }
    }
}
