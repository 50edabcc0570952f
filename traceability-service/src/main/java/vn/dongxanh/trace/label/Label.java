package vn.dongxanh.trace.label;

/**
 * What one label of a batch carries.
 *
 * @param productName the product's registered name (Vietnamese, with its diacritics)
 * @param lot the batch's lot (GS1 AI 10)
 * @param link the batch's GS1 Digital Link URI, both as the QR and as text
 */
public record Label(String productName, String lot, String link) {}
