package vn.dongxanh.ingest.command;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Commands, overrides and schedules nobody answered by their deadline (plus grace) are marked TIMED_OUT. */
@Component
@ConditionalOnProperty(prefix = "dx.ingest.commands", name = "enabled", matchIfMissing = true)
class CommandSweeper {
    private static final Logger log = LoggerFactory.getLogger(CommandSweeper.class);

    private final CommandStore store;
    private final InstructionStore instructions;
    private final CommandProperties props;
    private final Clock clock;

    CommandSweeper(CommandStore store, InstructionStore instructions, CommandProperties props, Clock clock) {
        this.store = store;
        this.instructions = instructions;
        this.props = props;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${dx.ingest.commands.sweep-every:5s}")
    void sweep() {
        var now = clock.instant();
        int n = store.timeOut(now.minus(props.timeoutGrace()), now)
                + instructions.timeOut(now.minus(props.timeoutGrace()), now);
        if (n > 0) log.warn("{} command(s) timed out without an answer from their gateway", n);
    }
}
