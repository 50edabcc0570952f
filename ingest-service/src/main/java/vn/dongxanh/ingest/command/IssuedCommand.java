package vn.dongxanh.ingest.command;

import java.time.Instant;

/**
 * A command as stored and as the API shows it.
 *
 * @param sentBy the subject of the token that sent it
 * @param sentByOrganisation the organisation that token acted for
 */
public record IssuedCommand(
        String id,
        String cooperative,
        String gateway,
        String device,
        String action,
        long runSeconds,
        Instant issuedAt,
        Instant deadline,
        CommandState state,
        String reason,
        Instant updatedAt,
        String sentBy,
        String sentByOrganisation) {}
