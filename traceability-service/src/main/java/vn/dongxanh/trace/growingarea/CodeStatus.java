package vn.dongxanh.trace.growingarea;

import java.util.Set;
import vn.dongxanh.trace.ledger.LedgerCalls;

/**
 * Lifecycle of a growing-area code (DOMAIN.md §3): APPLIED → UNDER_INSPECTION → ISSUED ⇄
 * SUSPENDED → REVOKED, with REJECTED before issue and EXPIRED for an issued code not renewed.
 * The ledger contract enforces the same transitions.
 */
public enum CodeStatus {
    APPLIED,
    UNDER_INSPECTION,
    ISSUED,
    SUSPENDED,
    REVOKED,
    REJECTED,
    EXPIRED;

    public Set<CodeStatus> next() {
        return switch (this) {
            case APPLIED -> Set.of(UNDER_INSPECTION, REJECTED);
            case UNDER_INSPECTION -> Set.of(ISSUED, REJECTED);
            case ISSUED -> Set.of(SUSPENDED, REVOKED, EXPIRED);
            case SUSPENDED -> Set.of(ISSUED, REVOKED, EXPIRED);
            case REVOKED, REJECTED, EXPIRED -> Set.of();
        };
    }

    /** How the department writes it, with the register's own name after (the PDF reports: a reader can search either). */
    public String printed() {
        String vi = switch (this) {
            case APPLIED -> "Đã nộp hồ sơ";
            case UNDER_INSPECTION -> "Đang thẩm định";
            case ISSUED -> "Đã cấp mã";
            case SUSPENDED -> "Tạm đình chỉ";
            case REVOKED -> "Đã thu hồi";
            case REJECTED -> "Bị từ chối";
            case EXPIRED -> "Hết hiệu lực";
        };
        return vi + " (" + name() + ")";
    }

    public boolean canBecome(CodeStatus to) {
        return next().contains(to);
    }

    /** Still holds its plots: a plot in a live code cannot join another code. */
    public boolean live() {
        return this != REVOKED && this != REJECTED && this != EXPIRED;
    }

    public LedgerCalls.CodeStatusOnChain onChain() {
        return LedgerCalls.CodeStatusOnChain.valueOf(name());
    }
}
