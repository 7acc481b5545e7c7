package dev.cellbridge.cellular.internal.osgi;

import dev.cellbridge.cellular.PdpContextConfig;
import java.time.Duration;

/**
 * What a {@link ContextKeeper} keeps in place on the module: a checked context configuration (password decoded;
 * {@link PdpContextConfig#toString()} hides it), DNS servers, and whether and how to keep it active.
 *
 * @param config       the QICSGP settings
 * @param dnsPrimary   "" to keep the network's DNS servers
 * @param dnsSecondary "" for none
 * @param activate     keep the context active
 * @param reactivate   try again after pdpdeact or a failed activation
 * @param retryInitial first wait before trying again
 * @param retryMax     the longest wait
 */
record ContextPlan(PdpContextConfig config, String dnsPrimary, String dnsSecondary, boolean activate,
        boolean reactivate, Duration retryInitial, Duration retryMax) {

    int contextId() {
        return config.contextId();
    }
}
