package dev.cellbridge.cellular;

import java.time.Instant;
import java.util.Optional;

/**
 * Decides when an unresponsive module is rebooted. The application note (§1.1) says: reboot when a
 * command gets no answer in time (60 s; QIACT 150 s, QICLOSE 10 s, QIDEACT 40 s); do not reboot often;
 * after 3 failures in a row reboot at once the first time, after 10 minutes the second, after 30
 * minutes the third, and keep growing the interval. {@link GrowingRebootPolicy} does exactly that;
 * implement this to decide otherwise (e.g. never reboot, or ask an operator).
 */
public interface RebootPolicy {

    /** A command got no answer in time. */
    void unanswered(String command);

    /** A command got its answer: the module is alive. */
    void answered();

    /** The module was rebooted (by the policy's decision or otherwise). */
    void rebooted();

    /** When the module should be rebooted, if it should: now or later. Empty while it is healthy. */
    Optional<Instant> rebootDue();
}
