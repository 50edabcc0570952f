package vn.dongxanh.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotYoursTest {
    @Test
    void theRefusalIsWordedForWhatWasAskedFor() {
        assertThat(new NotYours("plot p1").kind()).isEqualTo(NotYours.Kind.PLOT);
        assertThat(new NotYours("labels of batch 7").kind()).isEqualTo(NotYours.Kind.BATCH);
        assertThat(new NotYours("command c-9").kind()).isEqualTo(NotYours.Kind.COMMAND);
        assertThat(new NotYours("live stream").kind()).isEqualTo(NotYours.Kind.OTHER);
        assertThat(new NotYours(NotYours.Kind.BATCH, "x").kind()).isEqualTo(NotYours.Kind.BATCH);
        assertThat(NotYours.Kind.PLOT.messageKey()).isEqualTo("refused.not-yours");
        assertThat(NotYours.Kind.BATCH.messageKey()).isEqualTo("refused.not-yours.batch");
        assertThat(NotYours.Kind.COMMAND.messageKey()).isEqualTo("refused.not-yours.command");
        assertThat(NotYours.Kind.OTHER.messageKey()).isEqualTo("refused.not-yours.other");
    }
}
