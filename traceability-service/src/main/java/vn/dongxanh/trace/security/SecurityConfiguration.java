package vn.dongxanh.trace.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Reads are public (buyers, auditors, anyone checking the ledger); changes need HTTP Basic with a
 * local user or, when {@code dx.trace.security.oidc} is set, a Bearer JWT of the OpenID Connect
 * provider; the role checks sit on the endpoints. Stateless: no session, no CSRF cookie.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    LocalUsers localUsers(SecurityProperties props) {
        return new LocalUsers(props);
    }

    @Bean
    UserDetailsService userDetailsService(LocalUsers users) {
        return new InMemoryUserDetailsManager(users.details());
    }

    /**
     * Passwords as configured: plain, or with an encoder prefix such as {@code {bcrypt}}. Never
     * "upgraded": Spring Security would otherwise re-encode a plain password with bcrypt at its
     * first use and then verify every HTTP Basic request with bcrypt (≈ 100 ms of CPU each,
     * measured with JFR on the capture path); the configuration, not this service, owns them.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        PasswordEncoder delegating = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return delegating.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return delegating.matches(raw, encoded);
            }

            @Override
            public boolean upgradeEncoding(String encoded) {
                return false;
            }
        };
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProperties props) throws Exception {
        if (props.oidc().enabled()) {
            JwtDecoder decoder = OidcActors.decoder(props.oidc());
            OidcActors actors = new OidcActors(props.oidc());
            http.oauth2ResourceServer(o -> o.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(actors)));
            log.info(
                    "OpenID Connect on: issuer {}, keys {}, roles from '{}', organisation from '{}'",
                    props.oidc().issuerUri(),
                    props.oidc().jwkSetUri() != null ? props.oidc().jwkSetUri() : "discovered",
                    props.oidc().rolesClaim(),
                    props.oidc().organisationClaim());
        }
        http.authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/actuator/health/**",
                                "/actuator/info",
                                "/actuator/prometheus",
                                "/v3/api-docs/**",
                                "/swagger-ui/**",
                                "/swagger-ui.html",
                                "/error")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**", "/01/**", "/.well-known/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .httpBasic(basic -> {})
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }
}
