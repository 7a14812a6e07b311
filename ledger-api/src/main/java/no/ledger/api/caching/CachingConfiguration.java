package no.ledger.api.caching;

import jakarta.servlet.http.HttpServletRequest;
import no.ledger.api.security.LedgerSecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * ETags and {@code Cache-Control} on the API's GETs, after the security filters (so refusals are never cached):
 * a strong ETag from the body, {@code 304} to a matching {@code If-None-Match}, and the cache rule of
 * {@link CacheableAnswers}. The event feed streams and is left alone.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CachingProperties.class)
public class CachingConfiguration {

    /** The ETag filter first, the cache rule inside it, both well after Spring Security's filters (-100). */
    private static final int ETAG_ORDER = 100;

    static boolean isFeed(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/events");
    }

    @Bean
    public FilterRegistrationBean<ShallowEtagHeaderFilter> answerEtags() {
        ShallowEtagHeaderFilter etags = new ShallowEtagHeaderFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !"GET".equals(request.getMethod()) || isFeed(request);
            }
        };
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(etags);
        registration.addUrlPatterns("/api/*");
        registration.setOrder(ETAG_ORDER);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<CacheableAnswers> answerCacheControl(SettledHorizon horizon,
                                                                       CachingProperties properties,
                                                                       LedgerSecurityProperties security) {
        FilterRegistrationBean<CacheableAnswers> registration = new FilterRegistrationBean<>(
                new CacheableAnswers(horizon, properties, security));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(ETAG_ORDER + 1);
        return registration;
    }
}
