package vn.dongxanh.trace.record;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.Normalizer;
import org.web3j.crypto.Hash;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A person's name as it enters an anchored record: not the name, but {@code keccak256(salt ‖
 * UTF-8(name))} with 32 random bytes of salt that stay in the private {@code record_person} table.
 * The record stays checkable against the chain by anyone; only whoever holds the salt (the
 * record's organisation and the department, through the disclosure endpoint) can show whose name
 * it was. The name is stripped and put in Unicode NFC first, so "Nguyễn" typed with combining marks
 * commits to the same bytes as "Nguyễn" typed precomposed. The layout is in docs/records-privacy.md.
 */
public record PersonCommitment(String name, byte[] salt, Bytes32 commitment) {
    public static final int SALT_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public PersonCommitment {
        if (salt.length != SALT_BYTES) {
            throw new IllegalArgumentException("a salt is " + SALT_BYTES + " bytes, not " + salt.length);
        }
        salt = salt.clone();
    }

    /** A fresh commitment to the name, with a new random salt. */
    public static PersonCommitment of(String name) {
        String normal = normalise(name);
        if (normal.isEmpty()) {
            throw new IllegalArgumentException("an empty name cannot be committed to");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PersonCommitment(normal, salt, compute(salt, normal));
    }

    /** The form a name is committed in: stripped, Unicode NFC. */
    public static String normalise(String name) {
        return Normalizer.normalize(name == null ? "" : name.strip(), Normalizer.Form.NFC);
    }

    /** keccak256 over the 32 salt bytes followed by the UTF-8 bytes of the name, as given. */
    public static Bytes32 compute(byte[] salt, String name) {
        byte[] text = name.getBytes(StandardCharsets.UTF_8);
        byte[] joined = new byte[salt.length + text.length];
        System.arraycopy(salt, 0, joined, 0, salt.length);
        System.arraycopy(text, 0, joined, salt.length, text.length);
        return new Bytes32(Hash.sha3(joined));
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** What the canonical record carries instead of the name: role, organisation and commitment. */
    public ObjectNode node(JsonMapper json, String role, String organisation) {
        ObjectNode node = json.createObjectNode();
        node.put("role", role);
        if (organisation != null) {
            node.put("organisation", organisation);
        }
        node.put("commitment", commitment.hex());
        return node;
    }

    @Override
    public String toString() {
        return "PersonCommitment[" + commitment.hex() + "]"; // never the name or the salt in logs
    }
}
