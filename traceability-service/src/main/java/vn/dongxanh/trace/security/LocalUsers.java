package vn.dongxanh.trace.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/** The configured local users, and the actor behind an authenticated request (local or OIDC). */
public class LocalUsers {
    private static final Logger log = LoggerFactory.getLogger(LocalUsers.class);

    private final Map<String, SecurityProperties.User> byName = new LinkedHashMap<>();

    public LocalUsers(SecurityProperties props) {
        for (SecurityProperties.User user : props.users()) {
            if (user.password() == null || user.password().isEmpty()) {
                log.info("user {} has no password configured; left out", user.name());
                continue;
            }
            if (user.role() == null) {
                throw new IllegalArgumentException("user " + user.name() + " has no role");
            }
            if (user.role() == Role.COOPERATIVE
                    && (user.organisation() == null || user.organisation().isBlank())) {
                throw new IllegalArgumentException("cooperative user " + user.name() + " needs an organisation");
            }
            byName.put(user.name(), user);
        }
    }

    List<UserDetails> details() {
        List<UserDetails> list = new ArrayList<>();
        for (SecurityProperties.User user : byName.values()) {
            String password = user.password().startsWith("{") ? user.password() : "{noop}" + user.password();
            list.add(User.withUsername(user.name())
                    .password(password)
                    .roles(user.role().name())
                    .build());
        }
        return list;
    }

    /** The actor of a request authenticated with one of these users or an OpenID Connect token. */
    public Actor actor(Authentication authentication) {
        if (authentication instanceof OidcActors.Token token) {
            return token.actor().orElseThrow(() -> new AccessDeniedException("the token names no platform role"));
        }
        SecurityProperties.User user = byName.get(authentication.getName());
        if (user == null) {
            throw new IllegalStateException("unknown user " + authentication.getName());
        }
        return new Actor(
                user.name(),
                user.role(),
                Optional.ofNullable(user.organisation()).filter(o -> !o.isBlank()));
    }
}
