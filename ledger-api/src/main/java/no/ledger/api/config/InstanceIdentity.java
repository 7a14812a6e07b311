package no.ledger.api.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This instance's name among the instances sharing the database: it owns the token claims of the segments it
 * processes. Set {@code ledger.instance-id} to name it; by default the host name and a random suffix, so that two
 * instances on one host (or two contexts in one JVM) never pass for one.
 */
@Component
public class InstanceIdentity {

    private final String id;

    public InstanceIdentity(@Value("${ledger.instance-id:}") String configured) {
        this.id = configured.isBlank() ? hostName() + "-" + UUID.randomUUID().toString().substring(0, 8) : configured;
    }

    public String id() {
        return id;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unknown) {
            return "ledger";
        }
    }
}
