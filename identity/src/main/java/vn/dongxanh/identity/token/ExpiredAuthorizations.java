package vn.dongxanh.identity.token;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Spring Authorization Server keeps a row per issued authorization (each service token too) and
 * never deletes one; this removes those whose every code and token expired over an hour ago.
 * A row with no expiry at all (a request waiting for consent, which the platform's clients never
 * ask for) is left alone.
 */
@Component
public class ExpiredAuthorizations {
    private static final Logger log = LoggerFactory.getLogger(ExpiredAuthorizations.class);

    private final JdbcTemplate jdbc;

    public ExpiredAuthorizations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(initialDelayString = "${dx.identity.purge-interval}", fixedDelayString = "${dx.identity.purge-interval}")
    public int purge() {
        int deleted = jdbc.update("""
                delete from oauth2_authorization
                 where greatest(authorization_code_expires_at, access_token_expires_at,
                                refresh_token_expires_at, oidc_id_token_expires_at,
                                user_code_expires_at, device_code_expires_at) < now() - interval '1 hour'
                """);
        if (deleted > 0) {
            log.info("deleted {} expired authorizations", deleted);
        }
        return deleted;
    }
}
