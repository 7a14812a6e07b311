package no.ledger.api.integrity;

import java.time.Clock;
import no.ledger.api.config.OpenWrites;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The verifiable log: its tables, the key that signs its heads, the sequencer that grows it, its verifier. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntegrityProperties.class)
public class IntegrityConfiguration {

    @Bean
    @DependsOn("flywayInitializer")
    public TreeStore treeStore(JdbcTemplate jdbc) {
        return new TreeStore(jdbc);
    }

    @Bean
    public TreeHeadSigner treeHeadSigner(IntegrityProperties properties) {
        return TreeHeadSigner.from(properties);
    }

    @Bean
    public TreeSequencer treeSequencer(JdbcTemplate jdbc, TreeStore store, TreeHeadSigner signer,
                                       PlatformTransactionManager transactionManager, IntegrityProperties properties,
                                       OpenWrites openWrites, Clock clock) {
        return new TreeSequencer(jdbc, store, signer, new TransactionTemplate(transactionManager), properties,
                openWrites, clock);
    }

    @Bean
    public TreeVerifier treeVerifier(JdbcTemplate jdbc, TreeStore store, TreeHeadSigner signer,
                                     IntegrityProperties properties, Clock clock) {
        return new TreeVerifier(jdbc, store, signer, properties, clock);
    }
}
