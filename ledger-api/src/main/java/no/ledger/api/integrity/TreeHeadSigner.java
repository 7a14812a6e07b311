package no.ledger.api.integrity;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs tree heads with Ed25519. The key is a PKCS#8 PEM file: the configured {@code ledger.integrity.signing-key},
 * or else one generated once at {@code ledger.integrity.generated-key} (beside the embedded database) and kept with
 * owner-only permissions. Its id is the base64 SHA-256 of the public key's SubjectPublicKeyInfo.
 */
public final class TreeHeadSigner {

    private static final Logger LOG = LoggerFactory.getLogger(TreeHeadSigner.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    public TreeHeadSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = Base64.getEncoder().encodeToString(MerkleTree.sha256().digest(publicKey.getEncoded()));
    }

    public static TreeHeadSigner from(IntegrityProperties properties) {
        try {
            if (properties.signingKey() != null) {
                return fromPrivateKey(readPrivateKey(Files.readString(properties.signingKey())));
            }
            if (properties.generatedKey() == null || properties.generatedKey().toString().isBlank()) {
                throw new IllegalStateException("No key to sign tree heads: set ledger.integrity.signing-key to a"
                        + " PKCS#8 PEM file with an Ed25519 key (openssl genpkey -algorithm ed25519)");
            }
            return fromPrivateKey(generatedOnce(properties.generatedKey()));
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the key that signs tree heads", unreadable);
        } catch (GeneralSecurityException unusable) {
            throw new IllegalStateException("the key that signs tree heads is not an Ed25519 PKCS#8 key", unusable);
        }
    }

    /** The key in the file, made and written first if there is none; two processes at once agree on one. */
    private static PrivateKey generatedOnce(Path file) throws IOException, GeneralSecurityException {
        if (!Files.exists(file)) {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ownerOnly(file);
                out.write(pem("PRIVATE KEY", pair.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
                LOG.info("Generated the key that signs tree heads: {} (keep it; instances sharing a database must"
                        + " share it, see ledger.integrity.signing-key)", file.toAbsolutePath());
                return pair.getPrivate();
            } catch (FileAlreadyExistsException anotherWasFirst) {
                // Another process made it meanwhile: use theirs.
            }
        }
        GeneralSecurityException lastFailure = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return readPrivateKey(Files.readString(file));
            } catch (GeneralSecurityException | IllegalArgumentException halfWritten) {
                lastFailure = halfWritten instanceof GeneralSecurityException security ? security
                        : new GeneralSecurityException(halfWritten);
                sleep();
            }
        }
        throw lastFailure;
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            LOG.warn("Cannot restrict {} to its owner on this file system", file);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static PrivateKey readPrivateKey(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(derOf(pem)));
    }

    /** The public half of an Ed25519 private key, which the JDK can derive from the private key's point. */
    static TreeHeadSigner fromPrivateKey(PrivateKey privateKey) throws GeneralSecurityException {
        // The JDK offers no derivation of its own; its generator makes the pair from 32 random bytes, so given the
        // private key's bytes as those it remakes the same pair. Checked by a signature below.
        byte[] seed = ((EdECPrivateKey) privateKey).getBytes().orElseThrow(
                () -> new GeneralSecurityException("the private key's bytes are not available"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(255, new FixedSeed(seed));
        KeyPair derived = generator.generateKeyPair();
        TreeHeadSigner signer = new TreeHeadSigner(privateKey, derived.getPublic());
        byte[] probe = "tree head".getBytes(StandardCharsets.US_ASCII);
        if (!signer.verifies(probe, signer.sign(probe))) {
            throw new GeneralSecurityException("could not derive the public key of the signing key");
        }
        return signer;
    }

    private static byte[] derOf(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    public byte[] sign(byte[] bytes) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(bytes);
            return signature.sign();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("cannot sign with Ed25519", impossible);
        }
    }

    public boolean verifies(byte[] bytes, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey);
            signature.update(bytes);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException broken) {
            return false;
        }
    }

    public String keyId() {
        return keyId;
    }

    /** The public key as PEM: its SubjectPublicKeyInfo. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** A "random" source that hands out the private key's own bytes, so the generator remakes the same key pair. */
    private static final class FixedSeed extends java.security.SecureRandom {
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
