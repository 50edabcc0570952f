package vn.dongxanh.identity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The platform's embedded OpenID Connect provider (docs/identity.md): people of the cooperatives,
 * the department and the certification bodies sign in here; the services' own clients get their
 * tokens here. Tokens carry the organisation ({@code org}) and the platform roles ({@code roles}).
 * Configuration lives in application.yaml, each option overridable by an environment variable
 * (CONFIGURATION.md, section identity).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class IdentityApplication {
    public static void main(String[] args) {
        SpringApplication.run(IdentityApplication.class, args);
    }
}
