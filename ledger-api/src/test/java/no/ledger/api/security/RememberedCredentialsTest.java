package no.ledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

class RememberedCredentialsTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger checks = new AtomicInteger();
    private final RememberedCredentials credentials = new RememberedCredentials(counting(bcryptUser()), now::get);

    private static AuthenticationProvider bcryptUser() {
        String encoded = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("riktig-passord");
        assertThat(encoded).startsWith("{bcrypt}");
        return new DaoAuthenticationProvider(new InMemoryUserDetailsManager(
                User.withUsername("rita").password(encoded).roles("REGISTRAR").build()));
    }

    private AuthenticationProvider counting(AuthenticationProvider checker) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication attempt) {
                checks.incrementAndGet();
                return checker.authenticate(attempt);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return checker.supports(authentication);
            }
        };
    }

    private static Authentication attempt(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }

    @Test
    void rightCredentialsAreCheckedOnceAndThenRememberedWithoutThePassword() {
        Authentication first = credentials.authenticate(attempt("rita", "riktig-passord"));
        Authentication second = credentials.authenticate(attempt("rita", "riktig-passord"));

        assertThat(checks).hasValue(1);
        assertThat(second.getName()).isEqualTo("rita");
        assertThat(second.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_REGISTRAR");
        assertThat(first.getCredentials()).isNull();
        assertThat(second.isAuthenticated()).isTrue();
    }

    @Test
    void wrongCredentialsAreNeverRememberedNorIsAnotherPasswordOfAKnownUser() {
        credentials.authenticate(attempt("rita", "riktig-passord"));

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> credentials.authenticate(attempt("rita", "galt-passord")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(checks).hasValue(3);
    }

    @Test
    void rememberedCredentialsAreCheckedAgainOnceTheyExpire() {
        credentials.authenticate(attempt("rita", "riktig-passord"));
        now.addAndGet(RememberedCredentials.REMEMBERED_FOR.toNanos() + 1);

        credentials.authenticate(attempt("rita", "riktig-passord"));

        assertThat(checks).hasValue(2);
    }
}
