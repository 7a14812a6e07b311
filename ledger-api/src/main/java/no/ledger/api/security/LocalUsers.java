package no.ledger.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The users that sign in with HTTP Basic: those of {@code ledger.security.users.*}, or, when nothing at all is
 * configured, one generated {@code admin} with every role, whose password is written once beside the data and
 * kept across restarts (so a newcomer's first start is safe and the README's examples work).
 */
final class LocalUsers {

    static final String GENERATED_USER = "admin";

    private static final Logger LOG = LoggerFactory.getLogger(LocalUsers.class);

    private LocalUsers() {
    }

    static List<UserDetails> configured(Map<String, LedgerSecurityProperties.LocalUser> users) {
        List<UserDetails> details = new ArrayList<>();
        users.forEach((name, user) -> {
            String where = "ledger.security.users." + name;
            if (user.password() == null || user.password().isBlank()) {
                throw new IllegalStateException(where + ".password is missing: give it in Spring's encoded form,"
                        + " such as {bcrypt}$2a$10$…");
            }
            if (user.roles() == null || user.roles().isBlank()) {
                throw new IllegalStateException(where + ".roles is missing: a comma-separated list of "
                        + Arrays.toString(LedgerRole.values()));
            }
            String[] authorities = Arrays.stream(user.roles().split(","))
                    .map(String::trim)
                    .filter(role -> !role.isEmpty())
                    .map(role -> LedgerRole.named(role, where).authority())
                    .toArray(String[]::new);
            details.add(User.withUsername(name).password(user.password()).authorities(authorities).build());
        });
        return details;
    }

    /** The generated administrator, reading its password from the file or creating the file on first start. */
    static UserDetails generatedAdmin(Path passwordFile) {
        String password = readOrCreatePassword(passwordFile);
        return User.withUsername(GENERATED_USER)
                .password("{noop}" + password)
                .authorities(Arrays.stream(LedgerRole.values()).map(LedgerRole::authority).toArray(String[]::new))
                .build();
    }

    private static String readOrCreatePassword(Path file) {
        try {
            if (Files.exists(file)) {
                LOG.warn("No users configured: user '{}' has every role; its password is in {}", GENERATED_USER,
                        file.toAbsolutePath());
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            if (!createReadableByOwnerOnly(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
            LOG.warn("""

                    No users configured: generated user '{}' with every role, password {}
                    The password is kept in {}. Configure ledger.security.users.* or a token issuer for real use.
                    """, GENERATED_USER, password, file.toAbsolutePath());
            return password;
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot keep the generated password in " + file, failure);
        }
    }

    /** @return false when another process over the same directory made the file first */
    private static boolean createReadableByOwnerOnly(Path file) throws IOException {
        try {
            try {
                Files.createFile(file,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            return true;
        } catch (FileAlreadyExistsException createdMeanwhile) {
            return false;
        }
    }
}
