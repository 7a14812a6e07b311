package no.ledger.api.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Request bodies are JSON, read strictly: one JSON value and nothing after it, no duplicate keys, a date only as an
 * ISO-8601 string, text only as a string, a whole number only as a whole number, an enumeration only by its name.
 * What the README calls malformed is refused (400) instead of being guessed at and recorded.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson implements WebMvcConfigurer {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictRequestBodies() {
        return builder -> builder
                .featuresToEnable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature())
                .featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                        DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
                        DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                        MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .postConfigurer(mapper -> {
                    mapper.setDefaultLeniency(false);
                    for (LogicalType notANumber : List.of(LogicalType.Textual, LogicalType.Enum,
                            LogicalType.DateTime, LogicalType.Boolean)) {
                        mapper.coercionConfigFor(notANumber)
                                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                    }
                    for (LogicalType notABoolean : List.of(LogicalType.Textual, LogicalType.Enum,
                            LogicalType.DateTime, LogicalType.Integer, LogicalType.Float)) {
                        mapper.coercionConfigFor(notABoolean).setCoercion(CoercionInputShape.Boolean,
                                CoercionAction.Fail);
                    }
                    for (LogicalType number : List.of(LogicalType.Integer, LogicalType.Float)) {
                        mapper.coercionConfigFor(number)
                                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
                    }
                    mapper.coercionConfigFor(LogicalType.Integer)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                });
    }

    /** Registered after Jackson's Java time module, so that its date deserializer is the one used. */
    @Bean
    Module isoDatesOnly() {
        return new SimpleModule("iso-dates-only").addDeserializer(LocalDate.class, new IsoDateOnly());
    }

    /**
     * JSON converters only, for request and response bodies. Spring MVC would otherwise also read YAML (springdoc
     * brings jackson-dataformat-yaml) and whatever else happens to be on the class path.
     */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.removeIf(converter -> converter.getSupportedMediaTypes().stream()
                .map(MediaType::getSubtype)
                .anyMatch(subtype -> subtype.contains("yaml") || subtype.contains("xml") || subtype.contains("cbor")
                        || subtype.contains("smile") || subtype.contains("protobuf")));
    }

    /** A date is an ISO-8601 string such as {@code "2020-07-01"}: not an epoch day, not an array of numbers. */
    static final class IsoDateOnly extends StdScalarDeserializer<LocalDate> {

        IsoDateOnly() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
            }
            String text = parser.getText();
            try {
                return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            } catch (DateTimeParseException malformed) {
                return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text, "not an ISO-8601 date");
            }
        }
    }
}
