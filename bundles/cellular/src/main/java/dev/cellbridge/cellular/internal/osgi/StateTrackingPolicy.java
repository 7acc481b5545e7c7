package dev.cellbridge.cellular.internal.osgi;

import dev.cellbridge.cellular.ModemState;
import dev.cellbridge.cellular.RebootPolicy;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A reboot policy that also tells when the module turns unresponsive (a reboot becomes due) and when it answers
 * again, so that the modem component can publish {@code modem.state}.
 */
final class StateTrackingPolicy implements RebootPolicy {

    private final RebootPolicy delegate;
    private final Consumer<ModemState> states;
    private boolean unresponsive;

    StateTrackingPolicy(RebootPolicy delegate, Consumer<ModemState> states) {
        this.delegate = delegate;
        this.states = states;
    }

    @Override
    public void unanswered(String command) {
        boolean changed;
        synchronized (this) {
            delegate.unanswered(command);
            changed = !unresponsive && delegate.rebootDue().isPresent();
            unresponsive |= changed;
        }
        if (changed) {
            states.accept(ModemState.UNRESPONSIVE);
        }
    }

    @Override
    public void answered() {
        boolean changed;
        synchronized (this) {
            delegate.answered();
            changed = unresponsive;
            unresponsive = false;
        }
        if (changed) {
            states.accept(ModemState.UP);
        }
    }

    @Override
    public synchronized void rebooted() {
        delegate.rebooted();
        unresponsive = false;
    }

    @Override
    public synchronized Optional<Instant> rebootDue() {
        return delegate.rebootDue();
    }
}
