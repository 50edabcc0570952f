package vn.dongxanh.trace.story;

import java.util.List;
import vn.dongxanh.trace.record.RecordCheck;

/**
 * A lot's story as its records tell it ({@code GET /api/lots/{gtin}/{lot}/story},
 * docs/lot-story.md): for each section the records that were (or will be) anchored, each with its
 * canonical content, leaf, Merkle proof and anchoring, and where the platform's current tables
 * differ from the latest record. Everything a buyer is shown comes from the records' contents;
 * the tables are only compared with them.
 *
 * @param ledger the chain and contract a root is anchored on; both null when the ledger is off
 * @param sections always the seven of {@link #SECTIONS}, in that order (a section may be empty)
 * @param differs where a current table disagrees with the latest record of a section
 */
public record LotStory(
        String gtin, String lot, String digitalLink, Ledger ledger, List<Section> sections, List<Differ> differs) {

    /** The sections of a story, in the order they are served. */
    public static final List<String> SECTIONS =
            List.of("product", "cooperative", "growingArea", "certificates", "harvest", "irrigation", "journey");

    public record Ledger(Long chainId, String contract) {}

    public record Section(String name, List<Entry> records) {}

    /**
     * One record: its envelope (id, kind, subject, recordedAt), its canonical content exactly as
     * stored, how its leaf is made ({@code leafFormat}, docs/record-format.md), the stored leaf, the
     * state computed at the request ({@link RecordCheck}), and where it was anchored (root and
     * proof once a root took it; transaction and block once that root is on chain).
     *
     * @param latest false for an older record of the same subject (its history)
     */
    public record Entry(
            long id,
            String kind,
            String subject,
            String recordedAt,
            String content,
            int leafFormat,
            String leaf,
            RecordCheck.State state,
            String root,
            List<String> proof,
            String txHash,
            Long blockNumber,
            boolean latest) {}

    /** A field whose current value in the platform's tables is not what the latest record says. */
    public record Differ(String section, long recordId, String field, String anchored, String current) {}

    /** The named section (every story has all of them). */
    public Section section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
