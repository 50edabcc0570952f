package vn.dongxanh.identity.account;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.dongxanh.contract.identity.PlatformRole;

/** The organisations and users tables (V1__identity.sql). */
@Repository
public class Accounts {
    private final JdbcTemplate jdbc;

    public Accounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** User names are compared in lower case: "An" and "an" are one person. */
    public static String normalise(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    public Optional<Account> find(String username) {
        return jdbc
                .query(
                        "select username, password_hash, display_name, organisation_id, roles, enabled"
                                + " from users where username = ?",
                        Accounts::account,
                        normalise(username))
                .stream()
                .findFirst();
    }

    public Optional<OrganisationKind> organisationKind(String id) {
        return jdbc.queryForList("select kind from organisations where id = ?", String.class, id).stream()
                .findFirst()
                .map(OrganisationKind::valueOf);
    }

    public void upsertOrganisation(String id, String name, OrganisationKind kind) {
        jdbc.update(
                "insert into organisations (id, name, kind) values (?, ?, ?)"
                        + " on conflict (id) do update set name = excluded.name, kind = excluded.kind",
                id,
                name,
                kind.name());
    }

    public void upsert(Account a) {
        jdbc.update(con -> {
            var ps = con.prepareStatement("insert into users"
                    + " (username, password_hash, display_name, organisation_id, roles, enabled)"
                    + " values (?, ?, ?, ?, ?, ?)"
                    + " on conflict (username) do update set password_hash = excluded.password_hash,"
                    + " display_name = excluded.display_name, organisation_id = excluded.organisation_id,"
                    + " roles = excluded.roles, enabled = excluded.enabled, updated_at = now()"
                    + " where (users.password_hash, users.display_name, users.organisation_id, users.roles,"
                    + " users.enabled) is distinct from (excluded.password_hash, excluded.display_name,"
                    + " excluded.organisation_id, excluded.roles, excluded.enabled)");
            ps.setString(1, a.username());
            ps.setString(2, a.passwordHash());
            ps.setString(3, a.displayName());
            ps.setString(4, a.organisation());
            ps.setArray(5, con.createArrayOf("text", a.roleNames().toArray()));
            ps.setBoolean(6, a.enabled());
            return ps;
        });
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        List<PlatformRole> roles = new ArrayList<>();
        Array array = rs.getArray("roles");
        for (Object o : (Object[]) array.getArray()) {
            // a role this build does not know (a newer one written by hand) is left out, not fatal
            PlatformRole.fromClaim((String) o).ifPresent(roles::add);
        }
        return new Account(
                rs.getString("username"),
                rs.getString("password_hash"),
                rs.getString("display_name"),
                rs.getString("organisation_id"),
                roles,
                rs.getBoolean("enabled"));
    }
}
