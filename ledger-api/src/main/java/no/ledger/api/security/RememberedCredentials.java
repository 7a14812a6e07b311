package no.ledger.api.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Remembers, for a few minutes, that a user's Basic credentials were right, so that bcrypt's deliberately slow check
 * (tens of milliseconds of CPU) runs once a user and password rather than on every request of a system that records
 * thousands of decisions. Only an HMAC of the password, under a key made at start and never stored, is kept; wrong
 * credentials are never remembered, and a changed configuration takes effect at the next start.
 */
final class RememberedCredentials implements AuthenticationProvider {

    static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);
    /** Beyond this many remembered pairs the memory is cleared: a bound, not an expected size. */
    private static final int MOST_REMEMBERED = 10_000;

    private record Remembered(Authentication authentication, long until) {
    }

    private final AuthenticationProvider checker;
    private final LongSupplier nanoClock;
    private final SecretKeySpec key;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    RememberedCredentials(AuthenticationProvider checker) {
        this(checker, System::nanoTime);
    }

    RememberedCredentials(AuthenticationProvider checker, LongSupplier nanoClock) {
        this.checker = checker;
        this.nanoClock = nanoClock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        if (!(attempt.getCredentials() instanceof String password)) {
            return checker.authenticate(attempt);
        }
        String fingerprint = attempt.getName() + ':' + mac(password);
        long now = nanoClock.getAsLong();
        Remembered known = remembered.get(fingerprint);
        if (known != null && now - known.until() < 0) {
            return known.authentication();
        }
        Authentication checked = checker.authenticate(attempt);
        if (checked != null && checked.isAuthenticated()) {
            if (remembered.size() >= MOST_REMEMBERED) {
                remembered.clear();
            }
            UsernamePasswordAuthenticationToken withoutPassword = UsernamePasswordAuthenticationToken.authenticated(
                    checked.getPrincipal(), null, checked.getAuthorities());
            remembered.put(fingerprint, new Remembered(withoutPassword, now + REMEMBERED_FOR.toNanos()));
            return withoutPassword;
        }
        return checked;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return checker.supports(authentication);
    }

    private String mac(String password) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            return Base64.getEncoder().encodeToString(hmac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", impossible);
        }
    }
}
