package vn.dongxanh.identity.client;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.dongxanh.contract.identity.PlatformRole;

/** The client_profiles table (V1__identity.sql), beside Spring Authorization Server's oauth2_registered_client. */
@Repository
public class ClientProfiles {
    private final JdbcTemplate jdbc;

    public ClientProfiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ClientProfile> find(String clientId) {
        return jdbc
                .query(
                        "select client_id, audience, roles, organisation_id from client_profiles where client_id = ?",
                        ClientProfiles::profile,
                        clientId)
                .stream()
                .findFirst();
    }

    public void upsert(ClientProfile p) {
        jdbc.update(con -> {
            var ps = con.prepareStatement("insert into client_profiles (client_id, audience, roles, organisation_id)"
                    + " values (?, ?, ?, ?) on conflict (client_id) do update set audience = excluded.audience,"
                    + " roles = excluded.roles, organisation_id = excluded.organisation_id");
            ps.setString(1, p.clientId());
            ps.setArray(2, con.createArrayOf("text", p.audience().toArray()));
            ps.setArray(3, con.createArrayOf("text", p.roleNames().toArray()));
            ps.setString(4, p.organisation());
            return ps;
        });
    }

    private static ClientProfile profile(ResultSet rs, int row) throws SQLException {
        List<String> audience = List.of((String[]) rs.getArray("audience").getArray());
        List<PlatformRole> roles = new ArrayList<>();
        for (String r : (String[]) rs.getArray("roles").getArray()) {
            PlatformRole.fromClaim(r).ifPresent(roles::add);
        }
        return new ClientProfile(rs.getString("client_id"), audience, roles, rs.getString("organisation_id"));
    }
}
