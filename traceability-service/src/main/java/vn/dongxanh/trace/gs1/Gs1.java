package vn.dongxanh.trace.gs1;

/**
 * GS1 identifiers (DOMAIN.md §8): the mod-10 check digit shared by GTIN, GLN and the GLOBALG.A.P.
 * number (GGN), and GTINs normalised to 14 digits.
 */
public final class Gs1 {
    private Gs1() {}

    /**
     * Check digit for the digits left of it: weights 3,1,3,1,… from the rightmost digit;
     * check = (10 − sum mod 10) mod 10.
     */
    public static int checkDigit(String digitsWithoutCheck) {
        if (!digitsWithoutCheck.matches("\\d+")) {
            throw new IllegalArgumentException("digits only: " + digitsWithoutCheck);
        }
        int sum = 0;
        boolean three = true;
        for (int i = digitsWithoutCheck.length() - 1; i >= 0; i--) {
            int d = digitsWithoutCheck.charAt(i) - '0';
            sum += three ? 3 * d : d;
            three = !three;
        }
        return (10 - sum % 10) % 10;
    }

    /** True when the last digit is the check digit of the others. */
    public static boolean hasValidCheckDigit(String digits) {
        return digits.matches("\\d{2,}")
                && checkDigit(digits.substring(0, digits.length() - 1)) == digits.charAt(digits.length() - 1) - '0';
    }

    /**
     * A GTIN-8/12/13/14 as GTIN-14 (left-padded with zeros).
     *
     * @throws IllegalArgumentException saying what is wrong, including the expected check digit
     */
    public static String gtin14(String gtin) {
        String digits = gtin == null ? "" : gtin.strip();
        if (!digits.matches("\\d{8}|\\d{12}|\\d{13}|\\d{14}")) {
            throw new IllegalArgumentException("a GTIN has 8, 12, 13 or 14 digits: '" + gtin + "'");
        }
        int expected = checkDigit(digits.substring(0, digits.length() - 1));
        if (expected != digits.charAt(digits.length() - 1) - '0') {
            throw new IllegalArgumentException("GTIN " + digits + " has check digit "
                    + digits.charAt(digits.length() - 1) + ", expected " + expected);
        }
        return "0".repeat(14 - digits.length()) + digits;
    }
}
