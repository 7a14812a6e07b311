package no.ledger.projections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON form of the ledger's events, as stored in the event store and shown in the history. Events are a
 * permanent contract, so this mapper is kept apart from the web layer's: changing how the API writes JSON must not
 * change how events are stored. Dates are ISO-8601 strings; unknown properties are tolerated so that an older
 * reader can read a newer event.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
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

    /** Reads an event stored with its class name, as the event store does. */
    public static Object read(String type, String json) {
        try {
            return MAPPER.readValue(json, Class.forName(type));
        } catch (ClassNotFoundException | JsonProcessingException unreadable) {
            throw new IllegalStateException("cannot read a stored event of type " + type, unreadable);
        }
    }
}
