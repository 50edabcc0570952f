package vn.dongxanh.identity.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds password guessing: after {@code maxFailures} wrong passwords in a row for one user name,
 * that name is refused — right password or not — until {@code lockFor} has passed since the last
 * failure. A success clears the count. Names that do not exist are counted too (the answer must
 * not tell them apart). Kept in memory: a restart forgets the counts, and with several instances
 * each counts its own (docs/identity.md "Failed sign-ins").
 */
public final class LoginThrottle {
    /** Beyond this many tracked names, stale entries are dropped so the map cannot grow without end. */
    private static final int MAX_TRACKED = 100_000;

    private final int maxFailures;
    private final Duration lockFor;
    private final Clock clock;
    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant last) {}

    public LoginThrottle(int maxFailures, Duration lockFor, Clock clock) {
        this.maxFailures = maxFailures;
        this.lockFor = lockFor;
        this.clock = clock;
    }

    /** True while the name is refused. */
    public boolean locked(String username) {
        Failures f = failures.get(Accounts.normalise(username));
        return f != null
                && f.count() >= maxFailures
                && clock.instant().isBefore(f.last().plus(lockFor));
    }

    public void failed(String username) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_TRACKED) {
            failures.values().removeIf(f -> !now.isBefore(f.last().plus(lockFor)));
        }
        failures.merge(
                Accounts.normalise(username),
                new Failures(1, now),
                (old, one) -> now.isBefore(old.last().plus(lockFor)) ? new Failures(old.count() + 1, now) : one);
    }

    public void succeeded(String username) {
        failures.remove(Accounts.normalise(username));
    }
}
