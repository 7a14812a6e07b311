package no.ledger.api.config;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Tomcat as the ledger needs it at the door; timeouts and sizes are in application.yml (server.*). */
@Configuration(proxyBeanMethods = false)
public class TomcatConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemDocumentsFromTomcat() {
        return new LastTomcatCustomizer();
    }

    /** Runs after Spring Boot's own Tomcat customizer, which adds Tomcat's HTML error report valve. */
    static final class LastTomcatCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>,
            Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                StandardHost host = (StandardHost) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                context.getPipeline().addValve(new RefusedBodyValve());
            });
            factory.addConnectorCustomizers(connector -> {
                // Tomcat would read a form-encoded POST body for request parameters, blocking a worker thread on a
                // slow client before RequestBodyFilter can read it without one. The ledger takes JSON bodies only.
                connector.setParseBodyMethods("");
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
