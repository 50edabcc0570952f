package vn.dongxanh.trace.growingarea;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The department's register of codes ({@code dx.trace.register}, docs/register.md).
 *
 * @param serialPrefix what the serials the register assigns begin with: the domestic form of the
 *     domain notes, {@code VN-} and the 2-digit province code (default {@code VN-51-}, Quảng Ngãi)
 * @param serialDigits the serial's digits after the prefix, zero-padded (default 4)
 * @param reviewInterval how long after its issue (or reinstatement) an issued code's review falls
 *     due (default a year)
 * @param importMaxRows the most rows one CSV import of legacy codes takes (default 5,000;
 *     docs/register-import.md); a longer file is refused whole with 413
 */
@ConfigurationProperties("dx.trace.register")
public record RegisterProperties(
        String serialPrefix, Integer serialDigits, Period reviewInterval, Integer importMaxRows) {
    public RegisterProperties {
        serialPrefix = serialPrefix == null || serialPrefix.isBlank() ? "VN-51-" : serialPrefix.strip();
        serialDigits = serialDigits == null ? 4 : serialDigits;
        reviewInterval = reviewInterval == null ? Period.ofYears(1) : reviewInterval;
        importMaxRows = importMaxRows == null ? 5000 : importMaxRows;
        if (!serialPrefix.matches("[A-Z0-9-]{1,20}")) {
            throw new IllegalArgumentException(
                    "dx.trace.register.serial-prefix must be capitals, digits and dashes, not " + serialPrefix);
        }
        if (serialDigits < 1 || serialDigits > 9) {
            throw new IllegalArgumentException("dx.trace.register.serial-digits must be 1 to 9, not " + serialDigits);
        }
        if (reviewInterval.isNegative() || reviewInterval.isZero()) {
            throw new IllegalArgumentException("dx.trace.register.review-interval must be positive");
        }
        if (importMaxRows < 1) {
            throw new IllegalArgumentException(
                    "dx.trace.register.import-max-rows must be at least 1, not " + importMaxRows);
        }
    }

    /** The interval as PostgreSQL reads it. */
    String reviewIntervalSql() {
        return reviewInterval.getYears() + " years " + reviewInterval.getMonths() + " months "
                + reviewInterval.getDays() + " days";
    }
}
