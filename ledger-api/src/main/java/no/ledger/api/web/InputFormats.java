package no.ledger.api.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Formats of path and body fields, checked by Bean Validation before a command is built. */
final class InputFormats {

    private InputFormats() {
    }

    /** A municipality number: four digits, such as 0301. */
    @Pattern(regexp = "\\d{4}", message = "must be a municipality number of four digits, such as 0301")
    @Constraint(validatedBy = {})
    @Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT})
    @Retention(RetentionPolicy.RUNTIME)
    @interface MunicipalityNumber {
        String message() default "must be a municipality number of four digits, such as 0301";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** The ledger's own identifiers (programmes, companies): lower-case letters, digits and dashes. */
    @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be 1 to 63 lower-case letters, digits or dashes")
    @Constraint(validatedBy = {})
    @Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT})
    @Retention(RetentionPolicy.RUNTIME)
    @interface Identifier {
        String message() default "must be 1 to 63 lower-case letters, digits or dashes";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** An event's id as the ledger makes them: a UUID, or at least letters, digits and dashes. */
    @Pattern(regexp = "[A-Za-z0-9-]{1,64}", message = "must be an event id such as 5e96963a-6f66-470b-a000-831f9f58b845")
    @Constraint(validatedBy = {})
    @Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT})
    @Retention(RetentionPolicy.RUNTIME)
    @interface EventId {
        String message() default "must be an event id such as 5e96963a-6f66-470b-a000-831f9f58b845";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }
}
