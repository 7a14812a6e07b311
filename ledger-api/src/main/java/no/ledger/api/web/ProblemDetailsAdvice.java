package no.ledger.api.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import no.ledger.api.idempotency.IdempotencyClaimLost;
import no.ledger.api.idempotency.IdempotencyFilter;
import no.ledger.core.shared.RuleViolation;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as an RFC 9457 problem document that names the rule and, where there is one, the field: the core's
 * broken rules by their kind (422, 404, 409), and malformed or invalid requests as 400. Nothing a caller sends
 * should end in a 500.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** One broken rule of one field, when a request breaks several at once. */
    public record FieldProblem(String field, String rule, String message) {
    }

    @ExceptionHandler(RuleViolation.class)
    public ResponseEntity<ProblemDetail> ruleViolation(RuleViolation violation) {
        HttpStatus status = switch (violation.kind()) {
            case INVALID -> HttpStatus.UNPROCESSABLE_ENTITY;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        return problem(status, violation.rule(), violation.field(), violation.getMessage(), List.of());
    }

    /** Two writers decided on the same party at once and the other one was recorded first. */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    public ResponseEntity<ProblemDetail> concurrentDecision(RuntimeException conflict, HttpServletRequest request) {
        // Transient: a retry with the same Idempotency-Key must be carried out, not answered this again.
        IdempotencyFilter.markRetryable(request);
        return problem(HttpStatus.CONFLICT, "one-decision-at-a-time", null,
                "another decision on the same party was recorded at the same moment; read its state and try again",
                List.of());
    }

    /** A request outlived its claim on its Idempotency-Key, and a retry took the key over. */
    @ExceptionHandler(IdempotencyClaimLost.class)
    public ResponseEntity<ProblemDetail> idempotencyClaimLost(IdempotencyClaimLost lost) {
        ResponseEntity<ProblemDetail> problem = problem(HttpStatus.CONFLICT, "request-in-progress",
                "Idempotency-Key", lost.getMessage(), List.of());
        return ResponseEntity.status(problem.getStatusCode()).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem.getBody());
    }

    @ExceptionHandler(InvalidParameter.class)
    public ResponseEntity<ProblemDetail> invalidParameter(InvalidParameter invalid) {
        return invalidRequest(List.of(new FieldProblem(invalid.field(), invalid.rule(), invalid.getMessage())));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException invalid) {
        List<FieldProblem> problems = invalid.getConstraintViolations().stream()
                .map(violation -> {
                    String path = violation.getPropertyPath().toString();
                    String field = path.substring(path.lastIndexOf('.') + 1);
                    String constraint = violation.getConstraintDescriptor().getAnnotation().annotationType()
                            .getSimpleName();
                    return new FieldProblem(field, ruleOfConstraint(constraint), violation.getMessage());
                })
                .toList();
        return invalidRequest(problems);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        LOG.error("Unexpected failure answering a request", failure);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", null,
                "the ledger failed to answer; nothing was recorded by this request", List.of());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException invalid,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : invalid.getBindingResult().getFieldErrors()) {
            problems.add(new FieldProblem(error.getField(), ruleOfConstraint(error.getCode()),
                    error.getDefaultMessage()));
        }
        invalid.getBindingResult().getGlobalErrors().forEach(error -> problems.add(new FieldProblem(null,
                ruleOfConstraint(error.getCode()), error.getDefaultMessage())));
        return asObject(invalidRequest(problems));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException invalid,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        invalid.getParameterValidationResults().forEach(result -> {
            if (result instanceof ParameterErrors errors) {
                // A @Valid request body: name the body's fields, not the parameter.
                errors.getFieldErrors().forEach(error -> problems.add(new FieldProblem(error.getField(),
                        ruleOfConstraint(error.getCode()), error.getDefaultMessage())));
                return;
            }
            String field = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String[] codes = error.getCodes();
                String constraint = codes != null && codes.length > 0 ? codes[codes.length - 1] : "invalid";
                problems.add(new FieldProblem(field, ruleOfConstraint(constraint), error.getDefaultMessage()));
            }
        });
        return asObject(invalidRequest(problems));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException mismatch,
                                                        HttpHeaders headers, HttpStatusCode status,
                                                        WebRequest request) {
        String field = mismatch instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : mismatch.getPropertyName();
        return asObject(invalidRequest(List.of(new FieldProblem(field, "format",
                "must be " + expectedForm(mismatch.getRequiredType()) + echoed(mismatch.getValue())))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable cause = jsonMappingCause(unreadable).map(Throwable.class::cast)
                .orElse(unreadable.getMostSpecificCause());
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return asObject(invalidRequest(List.of(new FieldProblem(fieldPath(unknown), "known-field",
                    "is not a field of this request; known fields: " + unknown.getKnownPropertyIds()))));
        }
        if (cause instanceof InvalidFormatException invalid && !invalid.getPath().isEmpty()) {
            return asObject(invalidRequest(List.of(new FieldProblem(fieldPath(invalid), "format",
                    "must be " + expectedForm(invalid.getTargetType()) + echoed(invalid.getValue())))));
        }
        if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            return asObject(invalidRequest(List.of(new FieldProblem(fieldPath(mismatched), "format",
                    "must be " + expectedForm(mismatched.getTargetType())))));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return asObject(invalidRequest(List.of(new FieldProblem(fieldPath(mapping), "format",
                    mapping.getCause() instanceof InputCoercionException ? "is a number larger than the ledger takes"
                            : "is not valid here"))));
        }
        // Never the parser's own message: it names Jackson's classes and features.
        return asObject(problem(HttpStatus.BAD_REQUEST, "readable-json",
                cause instanceof InputCoercionException ? fieldOf(cause) : null, unreadableJson(cause), List.of()));
    }

    private static String unreadableJson(Throwable cause) {
        if (!(cause instanceof JsonProcessingException json)) {
            return "the request body is missing or is not well-formed JSON";
        }
        String where = json.getLocation() == null || json.getLocation().getLineNr() < 1 ? ""
                : " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")";
        if (cause instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null
                && mismatched.getPath().isEmpty() && mismatched.getMessage() != null
                && mismatched.getMessage().startsWith("Trailing token")) {
            return "the request body is one JSON object with nothing after it" + where;
        }
        if (cause instanceof InputCoercionException) {
            return "a number in the request body is larger than the ledger takes" + where;
        }
        if (cause instanceof StreamConstraintsException) {
            return "the request body nests too deep or holds a number or text longer than the ledger reads";
        }
        if (cause instanceof MismatchedInputException) {
            return "the request body must be one JSON object" + where;
        }
        return "the request body is not well-formed JSON" + where;
    }

    /** The field whose number the parser could not hold, where it knows one. */
    private static String fieldOf(Throwable cause) {
        if (cause instanceof JsonProcessingException json && json.getProcessor() instanceof JsonParser parser) {
            try {
                String name = parser.getParsingContext().getCurrentName();
                return name != null && name.length() <= 64 && name.chars().allMatch(c -> c > 0x20 && c < 0x7F)
                        ? name : null;
            } catch (RuntimeException unknown) {
                return null;
            }
        }
        return null;
    }

    /** The caller's own value, when it is short and printable, to help them see what was wrong. */
    private static String echoed(Object value) {
        if (value instanceof Object[] values) {
            // A query parameter given twice arrives as an array; its toString would name a Java class.
            return values.length == 1 ? echoed(values[0]) : "";
        }
        String text = value == null ? "" : value.toString();
        if (text.isEmpty() || text.length() > 40 || !text.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            return "";
        }
        return "; got '" + text + "'";
    }

    /**
     * Spring's own problems (404 for unknown paths, 405, 406, 415, a missing parameter, …) in the ledger's words and
     * with its rule member: Spring's details name its internals (static resources, converters' media types).
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
                                                          HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("rule"))) {
            String rule = ProblemJson.ruleOf(statusCode.value());
            problem.setType(URI.create(ProblemJson.TYPE_PREFIX + rule));
            problem.setTitle(ProblemJson.titleOf(rule));
            problem.setProperty("rule", rule);
            problem.setDetail(statusCode.value() == HttpStatus.METHOD_NOT_ALLOWED.value() && !headers.getAllow().isEmpty()
                    ? "this path takes " + headers.getAllow().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", ")) + " only"
                    : ProblemJson.detailOf(statusCode.value()));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /** A required query parameter that is missing names its field. */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            org.springframework.web.bind.MissingServletRequestParameterException missing, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return asObject(invalidRequest(List.of(new FieldProblem(missing.getParameterName(), "required",
                "is required"))));
    }

    private static Optional<JsonMappingException> jsonMappingCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonMappingException mapping) {
                return Optional.of(mapping);
            }
        }
        return Optional.empty();
    }

    private static ResponseEntity<ProblemDetail> invalidRequest(List<FieldProblem> problems) {
        FieldProblem first = problems.isEmpty() ? new FieldProblem(null, "valid-request", "is invalid")
                : problems.get(0);
        String detail = problems.stream()
                .map(problem -> (problem.field() == null ? "" : problem.field() + " ") + problem.message())
                .collect(Collectors.joining("; "));
        return problem(HttpStatus.BAD_REQUEST, first.rule(), first.field(), detail, problems);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String rule, String field,
                                                         String detail, List<FieldProblem> problems) {
        ProblemDetail problem = Problems.problem(status, rule, field, detail);
        if (!problems.isEmpty()) {
            problem.setProperty("errors", problems);
        }
        return ResponseEntity.status(status).body(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }

    /** Bean Validation's constraint names as rule names: NotNull and NotBlank are "required". */
    private static String ruleOfConstraint(String constraint) {
        if (constraint == null) {
            return "valid";
        }
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "Pattern" -> "format";
            default -> constraint.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        };
    }

    private static String fieldPath(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expectedForm(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == LocalDate.class) {
            return "a date such as 2020-07-01";
        }
        if (type == Instant.class) {
            return "an instant in UTC such as 2020-07-01T10:15:30Z";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == java.math.BigDecimal.class || type == Double.class || type == Float.class) {
            return "a decimal number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a whole number";
        }
        return "an object with this request's fields";
    }
}
