package no.ledger.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Who may do what: local users over HTTP Basic, bearer JWTs when Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} names an issuer or a key, and the roles of
 * {@link AccessRules}. Stateless: no session, no cookie, and so no CSRF token to check.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerSecurityProperties.class)
public class SecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

    /**
     * The local users' Basic credentials, each checked once against its encoded password and then remembered for a
     * while. Being the one authentication provider also keeps Boot from making its own default user.
     */
    @Bean
    public AuthenticationProvider localUsers(LedgerSecurityProperties properties, ObjectProvider<JwtDecoder> tokens) {
        List<UserDetails> users = new ArrayList<>(LocalUsers.configured(properties.users()));
        if (users.isEmpty() && tokens.getIfAvailable() == null) {
            users.add(LocalUsers.generatedAdmin(properties.generatedPassword()));
        }
        return new RememberedCredentials(new DaoAuthenticationProvider(new InMemoryUserDetailsManager(users)));
    }

    /**
     * None of Spring Security's own observations: they time each of its filters, every authentication and every
     * authorization, a fifth of a request's CPU when recording, for metrics nobody reads (http.server.requests
     * stays). Unlike an observation predicate, this also leaves the filters unwrapped.
     */
    @Bean
    public SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    public ProblemSecurityResponses problemSecurityResponses(ObjectMapper json, ObjectProvider<JwtDecoder> tokens) {
        return new ProblemSecurityResponses(json, tokens.getIfAvailable() != null);
    }

    @Bean
    public SecurityFilterChain ledgerSecurity(HttpSecurity http, LedgerSecurityProperties properties,
                                              ProblemSecurityResponses problems,
                                              ObjectProvider<JwtDecoder> tokens) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(basic -> basic.realmName(ProblemSecurityResponses.REALM).authenticationEntryPoint(problems))
                .exceptionHandling(refusals -> refusals.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
        // The page runs only its own script files: no inline script, nothing from another origin.
        http.headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                new OrRequestMatcher(PAGE.stream().map(page -> (RequestMatcher) path(HttpMethod.GET, page)).toList()),
                new ContentSecurityPolicyHeaderWriter(PAGE_POLICY))));
        JwtDecoder decoder = tokens.getIfAvailable();
        if (decoder != null) {
            LOG.info("Bearer tokens accepted: caller from claim '{}', roles from claim '{}'",
                    properties.jwt().principalClaim(), properties.jwt().rolesClaim());
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(tokenRoles(properties.jwt())))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems));
        }
        http.cors(AbstractHttpConfigurer::disable);
        if (!properties.cors().allowedOrigins().isEmpty()) {
            CorsFilter cors = new CorsFilter(allowedOrigins(properties.cors()));
            cors.setCorsProcessor(problems.corsProcessor());
            http.addFilter(cors);
        }
        http.authorizeHttpRequests(requests -> {
            // A stream's later dispatches (an SSE response completing) belong to a request already authorized;
            // being stateless, they carry no authentication to check again.
            requests.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll();
            requests.requestMatchers(path(null, "/actuator/health/liveness"), path(null, "/actuator/health/readiness"),
                    path(HttpMethod.GET, "/actuator/health")).permitAll();
            requests.requestMatchers(path(null, "/actuator/**")).hasRole(LedgerRole.OPERATOR.name());
            // The contract is public; the error dispatch must reach the error handler unauthenticated.
            requests.requestMatchers(path(null, "/v3/api-docs/**"), path(null, "/swagger-ui.html"),
                    path(null, "/swagger-ui/**"), path(null, "/error")).permitAll();
            // The page for people: itself public; what it shows comes from the API, under the API's rules.
            for (String page : PAGE) {
                requests.requestMatchers(path(HttpMethod.GET, page)).permitAll();
            }
            for (AccessRules.Rule rule : AccessRules.RULES) {
                requests.requestMatchers(path(rule.method(), rule.pathPattern()))
                        .hasAnyRole(rule.roles().stream().map(LedgerRole::name).toArray(String[]::new));
            }
            for (String proof : AccessRules.PUBLIC_INTEGRITY) {
                requests.requestMatchers(path(HttpMethod.GET, proof)).permitAll();
            }
            for (String read : AccessRules.PUBLIC_READS) {
                if (properties.publicReads()) {
                    requests.requestMatchers(path(HttpMethod.GET, read)).permitAll();
                } else {
                    requests.requestMatchers(path(HttpMethod.GET, read)).authenticated();
                }
            }
            requests.anyRequest().authenticated();
        });
        return http.build();
    }

    /** The page at {@code /} and its files under {@code static/}. */
    static final List<String> PAGE = List.of("/", "/index.html", "/page/**", "/favicon.svg", "/webjars/**");
    private static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
            + " frame-ancestors 'none'";

    private static PathPatternRequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }

    private static JwtAuthenticationConverter tokenRoles(LedgerSecurityProperties.Jwt jwt) {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(jwt.rolesClaim());
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        converter.setPrincipalClaimName(jwt.principalClaim());
        return converter;
    }

    private static CorsConfigurationSource allowedOrigins(LedgerSecurityProperties.Cors cors) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(cors.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Idempotency-Key",
                "Last-Event-ID", "If-None-Match"));
        configuration.setExposedHeaders(List.of("Location", "ETag", "Retry-After", "Idempotent-Replayed"));
        configuration.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", configuration);
        return source;
    }
}
