package vn.dongxanh.edge.irrigation;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stages of one rice crop, placed on the calendar. Stage boundaries come from
 * configuration for a reference variety; for a variety of another duration every stage after
 * the first {@code fixedStages} moves by the difference, since duration differences come from
 * the vegetative phase (DOMAIN.md §6).
 */
public final class RiceCalendar {
    private final LocalDate sowing;
    private final List<RiceStage> stages;

    /**
     * @param sowing day of sowing (for transplanted rice: transplanting day minus nursery age)
     * @param reference stages of the reference variety, in order
     * @param referenceDays duration of the reference variety
     * @param varietyDays duration of this crop's variety
     * @param fixedStages how many leading stages keep their boundaries
     */
    public RiceCalendar(
            LocalDate sowing, List<RiceStage> reference, int referenceDays, int varietyDays, int fixedStages) {
        if (reference.isEmpty()) throw new IllegalArgumentException("a rice calendar needs stages");
        this.sowing = sowing;
        int shift = varietyDays - referenceDays;
        var placed = new ArrayList<RiceStage>();
        for (int i = 0; i < reference.size(); i++) {
            RiceStage s = reference.get(i);
            if (i < fixedStages) {
                placed.add(s);
            } else if (i == fixedStages) {
                // the first moving stage stretches or shrinks: its start stays, its end moves
                placed.add(
                        new RiceStage(s.name(), s.fromDas(), s.toDas() + shift, s.mode(), s.startAtCm(), s.stopAtCm()));
            } else {
                placed.add(s.shifted(shift));
            }
        }
        this.stages = List.copyOf(placed);
    }

    public int daysAfterSowing(LocalDate day) {
        return (int) ChronoUnit.DAYS.between(sowing, day);
    }

    /** The stage of the given day; empty before the first or after the last stage (fallow). */
    public Optional<RiceStage> stageOn(LocalDate day) {
        int das = daysAfterSowing(day);
        return stages.stream().filter(s -> s.covers(das)).findFirst();
    }

    public List<RiceStage> stages() {
        return stages;
    }
}
