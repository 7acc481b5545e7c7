package org.eclipse.kura.configuration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Kura's configuration service (declaration only: the one constant cellbridge uses; Kura's interface has many
 * methods, none of them declared here).
 */
@ProviderType
public interface ConfigurationService {

    /** The service property carrying Kura's persistent identity of a configurable component. */
    String KURA_SERVICE_PID = "kura.service.pid";
}
