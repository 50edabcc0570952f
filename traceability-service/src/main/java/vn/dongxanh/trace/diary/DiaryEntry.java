package vn.dongxanh.trace.diary;

import java.time.LocalDate;

/**
 * A diary entry as read back ({@code GET /api/plots/{plotId}/diary}). {@code operator} is the name
 * as the cooperative typed it, given to the plot's own cooperative only (null for anyone else:
 * docs/records-privacy.md). {@code harvestAllowedFrom}: a pesticide entry's date plus its PHI.
 * {@code periodFrom}/{@code periodTo}: the season of an {@code IRRIGATION_SUMMARY} entry.
 */
public record DiaryEntry(
        long id,
        LocalDate date,
        String operation,
        String productName,
        String activeIngredients,
        String dosePerHa,
        String quantity,
        String target,
        String operator,
        String source,
        String notes,
        Integer phiDays,
        String phiSource,
        LocalDate harvestAllowedFrom,
        LocalDate periodFrom,
        LocalDate periodTo,
        long recordId) {}
