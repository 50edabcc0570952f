package vn.dongxanh.bench.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.erdtman.jcs.JsonCanonicalizer;
import org.web3j.crypto.Hash;

/**
 * Synthetic traceability records: EPCIS 2.0 ObjectEvents like those a cooperative captures, their
 * canonical JSON (RFC 8785), record hash (keccak256 of it) and leaf (leaf format 2: keccak256 of
 * the record hash), as the service computes them (docs/record-format.md).
 */
final class Records {
    private Records() {}

    /** One EPCIS ObjectEvent; {@code run} keeps event ids unique across benchmark runs. */
    static String event(String run, int i) {
        Instant t = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i);
        return """
                {"type":"ObjectEvent","eventID":"urn:uuid:%s-%08d","eventTime":"%s",\
                "eventTimeZoneOffset":"+07:00","action":"OBSERVE",\
                "bizStep":"https://ref.gs1.org/cbv/BizStep-inspecting",\
                "epcList":["urn:epc:id:sgtin:8935000.012345.%d"],\
                "readPoint":{"id":"urn:epc:id:sgln:8935000.00001.0"}}""".formatted(run, i, t, i);
    }

    static String canonical(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** keccak256 of the canonical JSON: what the contract's verify takes. */
    static Leaf recordHash(String canonicalJson) {
        return new Leaf(Hash.sha3(canonicalJson.getBytes(StandardCharsets.UTF_8)));
    }

    /** Leaf format 2: the record hash hashed once more. */
    static Leaf leafOfHash(Leaf recordHash) {
        return new Leaf(Hash.sha3(recordHash.bytes()));
    }

    static Leaf leaf(String canonicalJson) {
        return leafOfHash(recordHash(canonicalJson));
    }

    static List<Leaf> recordHashes(String run, int n) {
        var out = new ArrayList<Leaf>(n);
        for (int i = 0; i < n; i++) out.add(recordHash(canonical(event(run, i))));
        return out;
    }

    static List<Leaf> leaves(String run, int n) {
        return recordHashes(run, n).stream().map(Records::leafOfHash).toList();
    }
}
