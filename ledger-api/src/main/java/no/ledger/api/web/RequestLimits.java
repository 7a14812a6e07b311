package no.ledger.api.web;

import jakarta.servlet.DispatcherType;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * The filters at the end of the chain, just before the dispatcher servlet: malformed headers and queries
 * ({@link MalformedRequestFilter}), then how large a request body may be and how long it may take to arrive
 * ({@link RequestBodyFilter}).
 */
@Configuration(proxyBeanMethods = false)
public class RequestLimits {

    @Bean
    FilterRegistrationBean<RequestBodyFilter> requestBodyFilter(
            @Value("${ledger.http.max-body-size:64KB}") DataSize maxBodySize,
            @Value("${ledger.http.max-import-size:8MB}") DataSize maxImportSize,
            @Value("${ledger.http.body-timeout:10s}") Duration bodyTimeout) {
        FilterRegistrationBean<RequestBodyFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyFilter(Math.toIntExact(maxBodySize.toBytes()),
                        Math.toIntExact(maxImportSize.toBytes()), bodyTimeout));
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        registration.setAsyncSupported(true);
        // Just before the idempotency filter, which needs the body in hand.
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<MalformedRequestFilter> malformedRequestFilter() {
        FilterRegistrationBean<MalformedRequestFilter> registration = new FilterRegistrationBean<>(
                new MalformedRequestFilter());
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setAsyncSupported(true);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 2);
        return registration;
    }
}
