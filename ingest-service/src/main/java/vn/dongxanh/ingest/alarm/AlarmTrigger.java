package vn.dongxanh.ingest.alarm;

import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.ingest.telemetry.ReadingListener;

/**
 * Asks for an alarm evaluation once a batch of readings has committed, so an alarm follows its reading
 * within {@code after-batch-delay} instead of waiting for the next scheduled run.
 */
@Component
class AlarmTrigger implements ReadingListener {
    private final AlarmEvaluator evaluator;

    AlarmTrigger(AlarmEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public void written(List<Reading> readings, int[] seriesIds) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            evaluator.nudge();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                evaluator.nudge();
            }
        });
    }
}
