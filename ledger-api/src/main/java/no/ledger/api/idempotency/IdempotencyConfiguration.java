package no.ledger.api.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import no.ledger.api.web.CommandSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** {@code Idempotency-Key} for every POST: the filter, the command interceptor, and the purge of old keys. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencyProperties.class)
@EnableScheduling
public class IdempotencyConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyConfiguration.class);

    /**
     * Last of all filters: after Spring Security's (order -100), which names the caller and refuses the
     * unauthorized, and after {@link no.ledger.api.web.RequestBodyFilter}, which reads a body without holding a
     * worker thread and dispatches the request again (ASYNC) with the body in hand.
     */
    static final int FILTER_ORDER = Ordered.LOWEST_PRECEDENCE;

    @Bean
    @DependsOn("flywayInitializer")
    public IdempotencyKeys idempotencyKeys(JdbcTemplate jdbc, Clock clock, IdempotencyProperties properties) {
        return new IdempotencyKeys(jdbc, clock, properties);
    }

    @Bean
    public FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyKeys keys, ObjectMapper json) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(keys, json));
        registration.setOrder(FILTER_ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        registration.setAsyncSupported(true);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * Axon's InterceptorAutoConfiguration registers command handler interceptor beans on the command bus (do not
     * register it again: it would run twice), where they run inside the unit of work's transaction.
     */
    @Bean
    public IdempotentCommandInterceptor idempotentCommandInterceptor(IdempotencyKeys keys, ObjectMapper json) {
        return new IdempotentCommandInterceptor(keys,
                result -> answerOf(CommandSender.created(String.valueOf(result)), json));
    }

    /** The answer the web layer gives for a recorded decision, as the bytes it sends. */
    static StoredAnswer answerOf(ResponseEntity<?> answer, ObjectMapper json) {
        try {
            return new StoredAnswer(answer.getStatusCode().value(), MediaType.APPLICATION_JSON_VALUE,
                    answer.getHeaders().getFirst(HttpHeaders.LOCATION), json.writeValueAsBytes(answer.getBody()));
        } catch (JsonProcessingException unwritable) {
            throw new IllegalStateException("a recorded decision's answer could not be written", unwritable);
        }
    }

    @Bean
    public IdempotencyPurge idempotencyPurge(IdempotencyKeys keys) {
        return new IdempotencyPurge(keys);
    }

    /** Deletes keys older than the retention, on every instance (the DELETE is harmless when run twice). */
    public static class IdempotencyPurge {

        private final IdempotencyKeys keys;

        IdempotencyPurge(IdempotencyKeys keys) {
            this.keys = keys;
        }

        @Scheduled(fixedDelayString = "${ledger.idempotency.purge-interval:PT1H}")
        public void purge() {
            int purged = keys.purge();
            if (purged > 0) {
                LOG.info("Purged {} Idempotency-Keys older than the retention", purged);
            }
        }
    }
}
