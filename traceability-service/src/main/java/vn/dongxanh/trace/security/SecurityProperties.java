package vn.dongxanh.trace.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Local users of the embedded default ({@code dx.trace.security.users}). A user with an empty
 * password is left out, so nobody logs in with a default password.
 */
@ConfigurationProperties("dx.trace.security")
public record SecurityProperties(List<User> users) {
    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /**
     * @param name login name
     * @param password plain, or with a Spring Security encoder prefix such as {@code {bcrypt}}
     * @param role DEPARTMENT, COOPERATIVE or CERTIFICATION_BODY
     * @param organisation the organisation the user acts for (required for cooperatives)
     */
    public record User(String name, String password, Role role, String organisation) {}
}
