package vn.dongxanh.web.buyer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * A lot's story as traceability-service gives it ({@code GET /api/lots/{gtin}/{lot}/story}): every
 * record the buyer page shows, in sections, with what a browser needs to check it against the
 * ledger (its canonical bytes, leaf, proof, root, transaction and block). This module's reading of
 * that JSON: field names exactly as sent, unknown fields ignored, absent values null.
 *
 * @param ledger the chain and contract the roots are anchored on; both null when the ledger is off
 * @param sections product, cooperative, growingArea, certificates, harvest, irrigation, journey, in that order
 * @param differs where the platform's current tables disagree with the latest record
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Story(
        String gtin, String lot, String digitalLink, Ledger ledger, List<Section> sections, List<Difference> differs) {

    public Story {
        sections = sections == null ? List.of() : List.copyOf(sections);
        differs = differs == null ? List.of() : List.copyOf(differs);
    }

    /** The sections' names, in the order the service sends them and the page shows them. */
    public static final List<String> SECTIONS =
            List.of("product", "cooperative", "growingArea", "certificates", "harvest", "irrigation", "journey");

    /** The records' states, computed by the service at the request. */
    public static final String ANCHORED = "ANCHORED";

    public static final String AWAITING_ANCHORING = "AWAITING_ANCHORING";
    public static final String MISMATCH = "MISMATCH";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ledger(Long chainId, String contract) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Section(String name, List<Record> records) {
        public Section {
            records = records == null ? List.of() : List.copyOf(records);
        }
    }

    /**
     * One record: its canonical JSON text exactly as hashed ({@code content}, whose {@code body}
     * the page shows), its leaf and how it was made ({@code leafFormat} 2: keccak256 twice, 1: once),
     * and where it stands on the ledger.
     *
     * @param latest false for an older record of the same subject (the history)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Record(
            long id,
            String kind,
            String subject,
            Instant recordedAt,
            String content,
            int leafFormat,
            String leaf,
            String state,
            String root,
            List<String> proof,
            String txHash,
            Long blockNumber,
            boolean latest) {
        public Record {
            proof = proof == null ? List.of() : List.copyOf(proof);
        }
    }

    /** A field of a section's latest record the platform's current data no longer agrees with. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Difference(String section, Long recordId, String field, String anchored, String current) {}

    /** The section of that name; an empty one when the service did not send it. */
    public Section section(String name) {
        return sections.stream().filter(s -> name.equals(s.name())).findFirst().orElse(new Section(name, List.of()));
    }
}
