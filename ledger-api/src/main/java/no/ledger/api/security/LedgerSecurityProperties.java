package no.ledger.api.security;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ledger.security.*}: who may do what.
 *
 * @param publicReads       whether coverage, participants and ownership may be read without credentials
 * @param users             local users for HTTP Basic, by name
 * @param generatedPassword where the password of the generated {@code admin} is kept when no user and no token
 *                          issuer is configured
 * @param jwt               how bearer tokens name the caller and its roles
 * @param cors              the origins whose pages may call the API from a browser; none by default
 */
@ConfigurationProperties("ledger.security")
public record LedgerSecurityProperties(Boolean publicReads, Map<String, LocalUser> users, Path generatedPassword,
                                       Jwt jwt, Cors cors) {

    public LedgerSecurityProperties {
        publicReads = publicReads == null || publicReads;
        users = users == null ? Map.of() : new LinkedHashMap<>(users);
        generatedPassword = generatedPassword == null ? Path.of("data", "admin-password") : generatedPassword;
        jwt = jwt == null ? new Jwt(null, null) : jwt;
        cors = cors == null ? new Cors(null) : cors;
    }

    /**
     * @param password Spring's encoded form: {@code {bcrypt}…}, or {@code {noop}…} for tests
     * @param roles    comma-separated role names, such as {@code RECORDER,AUDITOR}
     */
    public record LocalUser(String password, String roles) {
    }

    /**
     * @param principalClaim the claim that names the caller ({@code sub} by default)
     * @param rolesClaim     the claim that lists the caller's roles ({@code roles} by default)
     */
    public record Jwt(String principalClaim, String rolesClaim) {

        public Jwt {
            principalClaim = principalClaim == null || principalClaim.isBlank() ? "sub" : principalClaim;
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        }
    }

    public record Cors(List<String> allowedOrigins) {

        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        }
    }
}
