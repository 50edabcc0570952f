package vn.dongxanh.trace.growingarea;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** One entry of a code's history: its application (no {@code from}) or a status change. */
public record CodeEvent(
        long id,
        Optional<CodeStatus> from,
        CodeStatus to,
        String actor,
        Optional<String> actorOrganisation,
        String reason,
        LocalDate effectiveDate,
        JsonNode evidence,
        Instant recordedAt,
        long recordId,
        Optional<Long> ledgerTx) {}
