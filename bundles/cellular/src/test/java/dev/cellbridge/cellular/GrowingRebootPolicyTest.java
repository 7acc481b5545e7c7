package dev.cellbridge.cellular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The application note's reboot schedule, on a clock the test moves. */
class GrowingRebootPolicyTest {

    /** A clock that stands still until moved. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private final ManualClock clock = new ManualClock();
    private final GrowingRebootPolicy policy = GrowingRebootPolicy.applicationNote(clock);

    private void failThreeTimes() {
        policy.unanswered("AT+QIACT=1");
        policy.unanswered("AT");
        policy.unanswered("AT");
    }

    @Test
    void threeFailuresRebootAtOnceThenAfterTenThenThirtyMinutesThenLonger() {
        policy.unanswered("AT");
        policy.unanswered("AT");
        assertThat(policy.rebootDue()).isEmpty();
        policy.unanswered("AT");
        assertThat(policy.rebootDue()).contains(clock.now);

        policy.rebooted();
        assertThat(policy.rebootDue()).isEmpty();
        failThreeTimes();
        assertThat(policy.rebootDue()).contains(clock.now.plus(Duration.ofMinutes(10)));

        policy.rebooted();
        failThreeTimes();
        assertThat(policy.rebootDue()).contains(clock.now.plus(Duration.ofMinutes(30)));

        policy.rebooted();
        failThreeTimes();
        assertThat(policy.rebootDue()).contains(clock.now.plus(Duration.ofMinutes(60)));

        policy.rebooted();
        failThreeTimes();
        assertThat(policy.rebootDue()).contains(clock.now.plus(Duration.ofMinutes(120)));
    }

    @Test
    void anAnswerResetsEverything() {
        failThreeTimes();
        policy.rebooted();
        failThreeTimes();
        assertThat(policy.rebootDue()).contains(clock.now.plus(Duration.ofMinutes(10)));
        policy.answered();
        assertThat(policy.rebootDue()).isEmpty();
        failThreeTimes();
        assertThat(policy.rebootDue()).contains(clock.now); // the first reboot of a new stretch is immediate again
    }

    @Test
    void failuresThatAreNotConsecutiveDoNotReboot() {
        policy.unanswered("AT");
        policy.unanswered("AT");
        policy.answered();
        policy.unanswered("AT");
        policy.unanswered("AT");
        assertThat(policy.rebootDue()).isEmpty();
    }

    @Test
    void theDueTimeDoesNotMoveWhileFailuresContinue() {
        policy.rebooted();
        failThreeTimes();
        Instant due = policy.rebootDue().orElseThrow();
        clock.advance(Duration.ofMinutes(5));
        policy.unanswered("AT");
        assertThat(policy.rebootDue()).contains(due);
    }

    @Test
    void delaysAreCapped() {
        GrowingRebootPolicy p = new GrowingRebootPolicy(clock, 1, List.of(Duration.ofHours(10)), 3, Duration.ofHours(24));
        p.unanswered("AT");
        p.rebooted();
        p.unanswered("AT");
        assertThat(p.rebootDue()).contains(clock.now.plus(Duration.ofHours(24)));
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new GrowingRebootPolicy(clock, 0, List.of(Duration.ZERO), 2, Duration.ofHours(1)))
                .hasMessageContaining("failuresBeforeReboot");
        assertThatThrownBy(() -> new GrowingRebootPolicy(clock, 3, List.of(), 2, Duration.ofHours(1)))
                .hasMessageContaining("delays");
        assertThatThrownBy(() -> new GrowingRebootPolicy(clock, 3, List.of(Duration.ZERO), 0.5, Duration.ofHours(1)))
                .hasMessageContaining("growth");
    }
}
