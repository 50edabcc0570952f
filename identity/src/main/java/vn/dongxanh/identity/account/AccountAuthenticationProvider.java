package vn.dongxanh.identity.account;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Signs a person in with the user name and password of the users table, through Spring
 * Security's {@link DaoAuthenticationProvider} (constant-time hash checks, a dummy check for
 * unknown names), behind the {@link LoginThrottle}. The only authentication provider of the
 * application: nothing else checks passwords.
 */
public final class AccountAuthenticationProvider implements AuthenticationProvider {
    private final LoginThrottle throttle;
    private final DaoAuthenticationProvider dao;

    public AccountAuthenticationProvider(Accounts accounts, PasswordEncoder encoder, LoginThrottle throttle) {
        this.throttle = throttle;
        UserDetailsService users = username -> accounts.find(username)
                .map(a -> User.withUsername(a.username())
                        .password(a.passwordHash())
                        .disabled(!a.enabled())
                        .authorities(a.roles().stream()
                                .map(r -> new SimpleGrantedAuthority("ROLE_" + r.name()))
                                .toList())
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        this.dao = new DaoAuthenticationProvider(users);
        this.dao.setPasswordEncoder(encoder);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String name = authentication.getName();
        if (throttle.locked(name)) {
            throw new LockedException("too many failed sign-ins for this user name; try again later");
        }
        try {
            Authentication done = dao.authenticate(authentication);
            throttle.succeeded(name);
            return done;
        } catch (BadCredentialsException | DisabledException e) {
            // a disabled account counts as a failure too: it must not be probed without limit
            throttle.failed(name);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
